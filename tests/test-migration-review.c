/* test-migration-review.c — a review is of a migration's text as it was
 *
 * Copyright 2026 The Preflight authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pf-engine.h"

#define SOURCE \
  "from django.db import migrations, models\n" \
  "\n" \
  "\n" \
  "class Migration(migrations.Migration):\n" \
  "    dependencies = [(\"scheduling\", \"0003_shift\")]\n" \
  "\n" \
  "    operations = [\n" \
  "        migrations.AddField(\"shift\", \"is_overtime\", models.BooleanField(default=False)),\n" \
  "    ]\n"

/* sha256sum of SOURCE, computed outside GLib (Python's hashlib) */
#define SOURCE_SHA256 "514958913144694cb3672788f4d358c4550a3a603d8f1a0e9996df01746991bd"

static PfMigration *
parse (const char *app,
       const char *name,
       const char *source,
       gssize      length)
{
  g_autoptr(GError) error = NULL;
  PfMigration *migration;

  migration = pf_migration_new_from_source (app, name, NULL, source, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (migration);

  return migration;
}

static void
test_checksum (void)
{
  g_autoptr(PfMigration) migration = parse ("scheduling", "0004_shift_is_overtime", SOURCE, -1);
  g_autoptr(PfMigration) same = NULL;
  g_autoptr(PfMigration) edited = NULL;
  g_autoptr(PfMigration) minimal = NULL;
  g_autofree char *longer = g_strconcat (SOURCE, "# trailing bytes not part of the file", NULL);

  g_assert_cmpstr (pf_migration_get_checksum (migration), ==, SOURCE_SHA256);

  /* An explicit length is honoured: the bytes after it are not the file */
  same = parse ("scheduling", "0004_shift_is_overtime", longer, strlen (SOURCE));
  g_assert_cmpstr (pf_migration_get_checksum (same), ==, SOURCE_SHA256);

  /* One character more is another file */
  edited = parse ("scheduling", "0004_shift_is_overtime", longer, strlen (SOURCE) + 1);
  g_assert_cmpstr (pf_migration_get_checksum (edited), !=, SOURCE_SHA256);
  g_assert_cmpuint (strlen (pf_migration_get_checksum (edited)), ==, 64);

  /* Another file, another known digest (hashlib again) */
  minimal = parse ("app", "0001_initial",
                   "class Migration(migrations.Migration):\n    pass\n", -1);
  g_assert_cmpstr (pf_migration_get_checksum (minimal), ==,
                   "48b5436b9f1347cc0a325ef8f45d59dcc810d21db2b2bd1c2eb2582cb5f00891");
}

static void
test_is_current (void)
{
  g_autoptr(PfMigration) migration = parse ("scheduling", "0004_shift_is_overtime", SOURCE, -1);
  g_autoptr(PfMigration) edited = NULL;
  g_autoptr(PfMigration) other_app = parse ("rota", "0004_shift_is_overtime", SOURCE, -1);
  g_autoptr(PfMigration) other_name = parse ("scheduling", "0005_shift_is_overtime", SOURCE, -1);
  g_autoptr(PfMigrationReview) review = NULL;
  g_autoptr(GString) edited_source = g_string_new (SOURCE);

  review = pf_migration_review_new ("scheduling", "0004_shift_is_overtime",
                                    pf_migration_get_checksum (migration), "Anna Kowalska", NULL);
  g_assert_true (pf_migration_review_is_current (review, migration));

  /* Same text elsewhere is another migration */
  g_assert_false (pf_migration_review_is_current (review, other_app));
  g_assert_false (pf_migration_review_is_current (review, other_name));

  /* Someone changed the default after it was reviewed */
  g_assert_cmpuint (g_string_replace (edited_source, "default=False", "default=True", 0), ==, 1);
  edited = parse ("scheduling", "0004_shift_is_overtime", edited_source->str, edited_source->len);
  g_assert_cmpstr (pf_migration_get_app (edited), ==, pf_migration_get_app (migration));
  g_assert_cmpstr (pf_migration_get_name (edited), ==, pf_migration_get_name (migration));
  g_assert_false (pf_migration_review_is_current (review, edited));
}

static void
test_new_copy_free (void)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("+02:00");
  g_autoptr(GDateTime) local = g_date_time_new (paris, 2026, 11, 21, 12, 30, 15);
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(PfMigrationReview) review = NULL;
  g_autoptr(PfMigrationReview) now = NULL;
  PfMigrationReview *copy;

  g_assert_nonnull (paris);
  review = pf_migration_review_new ("scheduling", "0004_x", "abc", "Zoë Łukasiewicz", local);
  g_assert_cmpstr (review->app, ==, "scheduling");
  g_assert_cmpstr (review->name, ==, "0004_x");
  g_assert_cmpstr (review->checksum, ==, "abc");
  g_assert_cmpstr (review->reviewer, ==, "Zoë Łukasiewicz");
  /* The same moment, kept in UTC */
  g_assert_true (g_date_time_equal (review->reviewed_at, local));
  g_assert_cmpint (g_date_time_get_utc_offset (review->reviewed_at), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (review->reviewed_at), ==, 10);

  /* NULL means now */
  now = pf_migration_review_new ("scheduling", "0004_x", "abc", "Anna", NULL);
  after = g_date_time_new_now_utc ();
  g_assert_cmpint (g_date_time_compare (before, now->reviewed_at), <=, 0);
  g_assert_cmpint (g_date_time_compare (now->reviewed_at, after), <=, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (now->reviewed_at), ==, 0);

  /* The boxed type copies deeply */
  g_assert_true (G_TYPE_IS_BOXED (PF_TYPE_MIGRATION_REVIEW));
  copy = g_boxed_copy (PF_TYPE_MIGRATION_REVIEW, review);
  g_assert_true (copy != review);
  g_assert_true (copy->reviewer != review->reviewer);
  g_assert_cmpstr (copy->reviewer, ==, review->reviewer);
  g_assert_cmpstr (copy->checksum, ==, review->checksum);
  g_assert_true (g_date_time_equal (copy->reviewed_at, review->reviewed_at));
  g_boxed_free (PF_TYPE_MIGRATION_REVIEW, copy);
  pf_migration_review_free (NULL);
}

static void
test_json (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 21, 10, 0, 0);
  g_autoptr(PfMigrationReview) review = NULL;
  g_autoptr(PfMigrationReview) again = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  review = pf_migration_review_new ("scheduling", "0004_x", SOURCE_SHA256, "Zoë Łukasiewicz", when);
  node = pf_migration_review_to_json_node (review);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "app"), ==, "scheduling");
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "0004_x");
  g_assert_cmpstr (json_object_get_string_member (object, "checksum"), ==, SOURCE_SHA256);
  g_assert_cmpstr (json_object_get_string_member (object, "reviewer"), ==, "Zoë Łukasiewicz");
  g_assert_cmpstr (json_object_get_string_member (object, "reviewed_at"), ==, "2026-11-21T10:00:00Z");

  again = pf_migration_review_new_from_json_node (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->app, ==, review->app);
  g_assert_cmpstr (again->name, ==, review->name);
  g_assert_cmpstr (again->checksum, ==, review->checksum);
  g_assert_cmpstr (again->reviewer, ==, review->reviewer);
  g_assert_true (g_date_time_equal (again->reviewed_at, review->reviewed_at));
}

static void
assert_bad (const char *json,
            const char *message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PfMigrationReview) review = NULL;

  g_test_message ("%s", json);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  review = pf_migration_review_new_from_json_node (json_parser_get_root (parser), &error);
  g_assert_null (review);
  g_assert_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_INVALID_TARGET);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_json_bad (void)
{
  assert_bad ("[]", "A migration review is not an object in curly braces.");
  assert_bad ("{\"name\": \"0004_x\", \"checksum\": \"abc\", \"reviewer\": \"A\","
              " \"reviewed_at\": \"2026-11-21T10:00:00Z\"}",
              "In a migration review, “app” is missing or is not a string.");
  assert_bad ("{\"app\": \"s\", \"name\": 4, \"checksum\": \"abc\", \"reviewer\": \"A\","
              " \"reviewed_at\": \"2026-11-21T10:00:00Z\"}",
              "In a migration review, “name” is missing or is not a string.");
  assert_bad ("{\"app\": \"s\", \"name\": \"0004_x\", \"checksum\": \"\", \"reviewer\": \"A\","
              " \"reviewed_at\": \"2026-11-21T10:00:00Z\"}",
              "In a migration review, “checksum” is empty.");
  assert_bad ("{\"app\": \"s\", \"name\": \"0004_x\", \"checksum\": \"abc\", \"reviewer\": null,"
              " \"reviewed_at\": \"2026-11-21T10:00:00Z\"}",
              "In a migration review, “reviewer” is missing or is not a string.");
  assert_bad ("{\"app\": \"s\", \"name\": \"0004_x\", \"checksum\": \"abc\", \"reviewer\": \"A\"}",
              "In a migration review, “reviewed_at” is missing or is not a date and time.");
  assert_bad ("{\"app\": \"s\", \"name\": \"0004_x\", \"checksum\": \"abc\", \"reviewer\": \"A\","
              " \"reviewed_at\": \"last Tuesday\"}",
              "In a migration review, “reviewed_at” is missing or is not a date and time.");
  /* Without a zone the moment is unknown */
  assert_bad ("{\"app\": \"s\", \"name\": \"0004_x\", \"checksum\": \"abc\", \"reviewer\": \"A\","
              " \"reviewed_at\": \"2026-11-21T10:00:00\"}",
              "In a migration review, “reviewed_at” is missing or is not a date and time.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/migration-review/checksum", test_checksum);
  g_test_add_func ("/migration-review/is-current", test_is_current);
  g_test_add_func ("/migration-review/new-copy-free", test_new_copy_free);
  g_test_add_func ("/migration-review/json", test_json);
  g_test_add_func ("/migration-review/json-bad", test_json_bad);

  return g_test_run ();
}
