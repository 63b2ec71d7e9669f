/* test-row-counts.c — exact per-table row counts of a real SQLite file,
 * kept as JSON and compared in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pf-checklist-error.h"
#include "pf-engine.h"
#include "pf-row-counts.h"
#include "pf-test-files.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = pf_test_make_dir ("pf-row-counts-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "rota.sqlite3", NULL);

  /* Known counts, an empty table, and a name that needs quoting */
  pf_test_sqlite_exec (fixture->path,
                       "CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT);"
                       "INSERT INTO person (name) VALUES ('ada'), ('grace'), ('linus');"
                       "CREATE TABLE pet (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES person (id));"
                       "INSERT INTO pet (owner_id) VALUES (1), (2);"
                       "CREATE TABLE \"shift \"\"night\"\"; DROP TABLE person\" (id INTEGER PRIMARY KEY);"
                       "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)"
                       "  INSERT INTO \"shift \"\"night\"\"; DROP TABLE person\" (id) SELECT i FROM n;"
                       "CREATE TABLE session (id INTEGER PRIMARY KEY);");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static PfRowCounts *
count (const char    *path,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(GError) local_error = NULL;
  PfRowCounts *counts;

  database = pf_database_new_for_target (path, &local_error);
  g_assert_no_error (local_error);
  pf_database_open (database, NULL, &local_error);
  g_assert_no_error (local_error);
  schema = pf_database_introspect (database, NULL, &local_error);
  g_assert_no_error (local_error);

  counts = pf_row_counts_count (database, schema, cancellable, error);
  pf_database_close (database);

  return counts;
}

static void
test_count (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PfRowCounts) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) tables = NULL;
  gsize before_length;
  gsize after_length;
  const char *expected[] = { "person", "pet", "session", "shift \"night\"; DROP TABLE person", NULL };

  g_assert_true (g_file_get_contents (fixture->path, &before, &before_length, NULL));

  counts = count (fixture->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (counts);

  tables = pf_row_counts_dup_tables (counts);
  g_assert_true (g_strv_equal ((const char * const *) tables, expected));
  g_assert_cmpint (pf_row_counts_get (counts, "person"), ==, 3);
  g_assert_cmpint (pf_row_counts_get (counts, "pet"), ==, 2);
  g_assert_cmpint (pf_row_counts_get (counts, "session"), ==, 0);
  g_assert_cmpint (pf_row_counts_get (counts, "shift \"night\"; DROP TABLE person"), ==, 1500);
  g_assert_cmpint (pf_row_counts_get (counts, "nothing"), ==, -1);

  /* Taken now, in UTC */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    GDateTime *taken_at = pf_row_counts_get_taken_at (counts);

    g_assert_nonnull (taken_at);
    g_assert_cmpint (g_date_time_get_utc_offset (taken_at), ==, 0);
    g_assert_cmpint (g_date_time_difference (now, taken_at), <, 60 * G_USEC_PER_SEC);
  }

  /* Counting never writes */
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_length, NULL));
  g_assert_cmpuint (after_length, ==, before_length);
  g_assert_true (memcmp (before, after, before_length) == 0);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PfRowCounts) counts = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  counts = count (fixture->path, cancellable, &error);
  g_assert_null (counts);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PfRowCounts) counts = NULL;
  g_autoptr(PfRowCounts) loaded = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_utc (2026, 11, 21, 10, 0, 0);
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  counts = count (fixture->path, NULL, &error);
  g_assert_no_error (error);

  node = pf_row_counts_to_json_node (counts);
  json = json_to_string (node, FALSE);
  /* Sorted by table, whatever order they were counted in */
  g_assert_true (strstr (json, "\"person\":3") < strstr (json, "\"pet\":2"));
  g_assert_nonnull (strstr (json, "\"shift \\\"night\\\"; DROP TABLE person\":1500"));

  loaded = pf_row_counts_new_from_json_node (node, &error);
  g_assert_no_error (error);
  again = pf_row_counts_to_json_node (loaded);
  json_again = json_to_string (again, FALSE);
  g_assert_cmpstr (json_again, ==, json);
  g_assert_true (g_date_time_equal (pf_row_counts_get_taken_at (loaded), pf_row_counts_get_taken_at (counts)));

  /* The format of the header, exactly */
  {
    g_autoptr(PfRowCounts) fixed = pf_row_counts_new (at);
    g_autoptr(JsonNode) fixed_node = NULL;
    g_autofree char *fixed_json = NULL;

    pf_row_counts_set (fixed, "scheduling_shift", 1200);
    fixed_node = pf_row_counts_to_json_node (fixed);
    fixed_json = json_to_string (fixed_node, FALSE);
    g_assert_cmpstr (fixed_json, ==, "{\"taken_at\":\"2026-11-21T10:00:00Z\",\"tables\":{\"scheduling_shift\":1200}}");
  }

  /* Bad ones name the member */
  {
    const char *bad[][2] = {
      { "{\"taken_at\":\"yesterday\",\"tables\":{}}", "taken_at" },
      { "{\"tables\":{}}", "taken_at" },
      { "{\"taken_at\":\"2026-11-21T10:00:00Z\"}", "tables" },
      { "{\"taken_at\":\"2026-11-21T10:00:00Z\",\"tables\":{\"a\":\"many\"}}", "a" },
      { "{\"taken_at\":\"2026-11-21T10:00:00Z\",\"tables\":{\"a\":-1}}", "a" },
      { "{\"taken_at\":\"2026-11-21T10:00:00Z\",\"tables\":{\"a\":1.5}}", "a" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(JsonNode) bad_node = json_from_string (bad[i][0], NULL);
        g_autoptr(PfRowCounts) bad_counts = NULL;
        g_autoptr(GError) bad_error = NULL;
        g_autofree char *quoted = g_strdup_printf ("“%s”", bad[i][1]);

        bad_counts = pf_row_counts_new_from_json_node (bad_node, &bad_error);
        g_assert_null (bad_counts);
        g_assert_error (bad_error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE);
        g_assert_nonnull (strstr (bad_error->message, quoted));
      }
  }
}

static void
test_compare (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PfRowCounts) recorded = NULL;
  g_autoptr(PfRowCounts) same = NULL;
  g_autoptr(PfRowCounts) now = NULL;
  g_autoptr(GPtrArray) nothing = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GError) error = NULL;

  recorded = count (fixture->path, NULL, &error);
  g_assert_no_error (error);

  /* Counted again with nothing changed: nothing to say */
  same = count (fixture->path, NULL, &error);
  g_assert_no_error (error);
  nothing = pf_row_counts_compare (recorded, same);
  g_assert_cmpuint (nothing->len, ==, 0);

  /* A migration that went wrong: rows lost, a table gone, one new */
  pf_test_sqlite_exec (fixture->path,
                       "DELETE FROM person WHERE id = 3;"
                       "DELETE FROM \"shift \"\"night\"\"; DROP TABLE person\" WHERE id > 1;"
                       "DROP TABLE pet;"
                       "CREATE TABLE training_course (id INTEGER PRIMARY KEY);"
                       "INSERT INTO training_course DEFAULT VALUES;"
                       "INSERT INTO training_course DEFAULT VALUES;"
                       "INSERT INTO training_course DEFAULT VALUES;"
                       "INSERT INTO training_course DEFAULT VALUES;"
                       "INSERT INTO session DEFAULT VALUES;");
  now = count (fixture->path, NULL, &error);
  g_assert_no_error (error);

  sentences = pf_row_counts_compare (recorded, now);
  g_assert_cmpuint (sentences->len, ==, 5);
  /* By table */
  g_assert_cmpstr (g_ptr_array_index (sentences, 0), ==, "person has 2 rows; 3 were recorded");
  g_assert_cmpstr (g_ptr_array_index (sentences, 1), ==, "pet is gone; it had 2 rows");
  g_assert_cmpstr (g_ptr_array_index (sentences, 2), ==, "session has 1 row; 0 were recorded");
  g_assert_cmpstr (g_ptr_array_index (sentences, 3), ==,
                   "shift \"night\"; DROP TABLE person has 1 row; 1500 were recorded");
  g_assert_cmpstr (g_ptr_array_index (sentences, 4), ==, "training_course is new, with 4 rows");

  /* And the other way round */
  g_clear_pointer (&sentences, g_ptr_array_unref);
  sentences = pf_row_counts_compare (now, recorded);
  g_assert_cmpuint (sentences->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (sentences, 0), ==, "person has 3 rows; 2 were recorded");
  g_assert_cmpstr (g_ptr_array_index (sentences, 1), ==, "pet is new, with 2 rows");
  g_assert_cmpstr (g_ptr_array_index (sentences, 2), ==, "session has 0 rows; 1 was recorded");
  g_assert_cmpstr (g_ptr_array_index (sentences, 4), ==, "training_course is gone; it had 4 rows");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/row-counts/count", Fixture, NULL, fixture_setup, test_count, fixture_teardown);
  g_test_add ("/row-counts/cancelled", Fixture, NULL, fixture_setup, test_cancelled, fixture_teardown);
  g_test_add ("/row-counts/json", Fixture, NULL, fixture_setup, test_json, fixture_teardown);
  g_test_add ("/row-counts/compare", Fixture, NULL, fixture_setup, test_compare, fixture_teardown);

  return g_test_run ();
}
