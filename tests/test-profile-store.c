/* test-profile-store.c — saved connections: every field back, atomic saves,
 * corrupt files moved aside
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pf-engine.h"
#include "pf-json-file.h"
#include "pf-profile-store.h"

/* A fresh folder under the test's isolated config dir */
static char *
new_store_path (void)
{
  static guint n;
  g_autofree char *dir = NULL;

  dir = g_strdup_printf ("%s/preflight-%u", g_get_user_config_dir (), ++n);
  return g_build_filename (dir, "connections.json", NULL);
}

static PfConnectionProfile *
new_full_pg_profile (void)
{
  g_autoptr(PfConnectionProfile) profile = pf_connection_profile_new (PF_DATABASE_KIND_POSTGRESQL);
  g_autoptr(PfRules) rules = pf_rules_new ();
  g_autoptr(GError) error = NULL;
  const char *columns[] = { "email", "unit_id", NULL };

  pf_connection_profile_set_name (profile, "Rota production");
  pf_connection_profile_set_environment (profile, PF_ENVIRONMENT_PRODUCTION);
  pf_connection_profile_set_host (profile, "db.example.org");
  pf_connection_profile_set_port (profile, 5433);
  pf_connection_profile_set_dbname (profile, "rota");
  pf_connection_profile_set_user (profile, "rota_app");
  pf_connection_profile_set_sslmode (profile, "verify-full");
  pf_connection_profile_set_service (profile, "rota-prod");
  pf_connection_profile_set_connect_timeout (profile, 25);
  pf_connection_profile_set_libpq_parameter (profile, "sslrootcert", "/etc/ssl/root ca.crt");
  pf_connection_profile_set_libpq_parameter (profile, "sslcert", "/home/u/.postgresql/client.crt");
  pf_connection_profile_set_libpq_parameter (profile, "sslkey", "/home/u/.postgresql/client.key");
  pf_connection_profile_set_libpq_parameter (profile, "application_name", "rota “check”");
  pf_connection_profile_set_project_dir (profile, "/home/u/src/rota");
  pf_connection_profile_set_remember_password (profile, TRUE);

  g_assert_true (pf_rules_add_unique (rules, "scheduling_user", columns, &error));
  g_assert_true (pf_rules_add_format (rules, "scheduling_user", "sap", "^[0-9]{6}$", TRUE, &error));
  g_assert_true (pf_rules_add_not_null (rules, "scheduling_shift", "unit_id", &error));
  g_assert_true (pf_rules_add_relationship (rules, "*_by_id", "public.scheduling_user.sap", &error));
  g_assert_no_error (error);
  pf_connection_profile_set_rules (profile, rules);

  /* Two reviews; the newest by a reviewer whose name is not ASCII, one
   * made in another time zone (kept as the same moment in UTC) */
  {
    g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("-05:00");
    g_autoptr(GDateTime) first_at = g_date_time_new (zone, 2026, 11, 20, 17, 45, 30.25);
    g_autoptr(GDateTime) second_at = g_date_time_new_utc (2026, 11, 21, 9, 5, 0);
    g_autoptr(PfMigrationReview) first = NULL;
    g_autoptr(PfMigrationReview) second = NULL;

    first = pf_migration_review_new ("scheduling", "0004_staffcertification",
                                     "514958913144694cb3672788f4d358c4550a3a603d8f1a0e9996df01746991bd",
                                     "Anna Kowalska", first_at);
    second = pf_migration_review_new ("scheduling", "0005_shift_is_overtime",
                                      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                                      "Zoë Łukasiewicz", second_at);
    pf_connection_profile_set_review (profile, first);
    pf_connection_profile_set_review (profile, second);
  }

  return g_steal_pointer (&profile);
}

static void
assert_same_rules (PfRules *a,
                   PfRules *b)
{
  g_autoptr(JsonNode) node_a = NULL;
  g_autoptr(JsonNode) node_b = NULL;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  node_a = pf_rules_to_json_node (a);
  node_b = pf_rules_to_json_node (b);
  g_assert_true (json_node_equal (node_a, node_b));
}

static void
assert_same_profile (PfConnectionProfile *a,
                     PfConnectionProfile *b)
{
  g_auto(GStrv) keywords_a = pf_connection_profile_dup_libpq_parameter_keywords (a);
  g_auto(GStrv) keywords_b = pf_connection_profile_dup_libpq_parameter_keywords (b);

  g_assert_cmpstr (pf_connection_profile_get_id (a), ==, pf_connection_profile_get_id (b));
  g_assert_cmpstr (pf_connection_profile_get_name (a), ==, pf_connection_profile_get_name (b));
  g_assert_cmpint (pf_connection_profile_get_kind (a), ==, pf_connection_profile_get_kind (b));
  g_assert_cmpint (pf_connection_profile_get_environment (a), ==, pf_connection_profile_get_environment (b));
  g_assert_cmpstr (pf_connection_profile_get_host (a), ==, pf_connection_profile_get_host (b));
  g_assert_cmpuint (pf_connection_profile_get_port (a), ==, pf_connection_profile_get_port (b));
  g_assert_cmpstr (pf_connection_profile_get_dbname (a), ==, pf_connection_profile_get_dbname (b));
  g_assert_cmpstr (pf_connection_profile_get_user (a), ==, pf_connection_profile_get_user (b));
  g_assert_cmpstr (pf_connection_profile_get_sslmode (a), ==, pf_connection_profile_get_sslmode (b));
  g_assert_cmpstr (pf_connection_profile_get_service (a), ==, pf_connection_profile_get_service (b));
  g_assert_cmpuint (pf_connection_profile_get_connect_timeout (a), ==,
                    pf_connection_profile_get_connect_timeout (b));
  g_assert_cmpstr (pf_connection_profile_get_path (a), ==, pf_connection_profile_get_path (b));
  g_assert_cmpstr (pf_connection_profile_get_project_dir (a), ==, pf_connection_profile_get_project_dir (b));
  g_assert_cmpint (pf_connection_profile_get_remember_password (a), ==,
                   pf_connection_profile_get_remember_password (b));

  g_assert_cmpstrv (keywords_a, keywords_b);
  for (guint i = 0; keywords_a[i] != NULL; i++)
    g_assert_cmpstr (pf_connection_profile_get_libpq_parameter (a, keywords_a[i]), ==,
                     pf_connection_profile_get_libpq_parameter (b, keywords_a[i]));

  if (pf_connection_profile_get_rules (a) == NULL)
    g_assert_null (pf_connection_profile_get_rules (b));
  else
    assert_same_rules (pf_connection_profile_get_rules (a), pf_connection_profile_get_rules (b));

  g_assert_cmpstr (pf_connection_profile_get_last_verdict (a), ==, pf_connection_profile_get_last_verdict (b));
  g_assert_cmpuint (pf_connection_profile_get_last_n_blockers (a), ==, pf_connection_profile_get_last_n_blockers (b));
  g_assert_cmpuint (pf_connection_profile_get_last_n_warnings (a), ==, pf_connection_profile_get_last_n_warnings (b));
  g_assert_cmpuint (pf_connection_profile_get_last_n_info (a), ==, pf_connection_profile_get_last_n_info (b));
  g_assert_cmpint (pf_connection_profile_get_last_complete (a), ==, pf_connection_profile_get_last_complete (b));
  {
    GPtrArray *reviews_a = pf_connection_profile_get_reviews (a);
    GPtrArray *reviews_b = pf_connection_profile_get_reviews (b);

    g_assert_cmpuint (reviews_a->len, ==, reviews_b->len);
    for (guint i = 0; i < reviews_a->len; i++)
      {
        const PfMigrationReview *ra = g_ptr_array_index (reviews_a, i);
        const PfMigrationReview *rb = g_ptr_array_index (reviews_b, i);

        g_assert_cmpstr (ra->app, ==, rb->app);
        g_assert_cmpstr (ra->name, ==, rb->name);
        g_assert_cmpstr (ra->checksum, ==, rb->checksum);
        g_assert_cmpstr (ra->reviewer, ==, rb->reviewer);
        g_assert_true (g_date_time_equal (ra->reviewed_at, rb->reviewed_at));
      }
    g_assert_cmpstr (pf_connection_profile_get_last_reviewer (a), ==,
                     pf_connection_profile_get_last_reviewer (b));
  }

  if (pf_connection_profile_get_last_checked (a) == NULL)
    g_assert_null (pf_connection_profile_get_last_checked (b));
  else
    g_assert_true (g_date_time_equal (pf_connection_profile_get_last_checked (a),
                                      pf_connection_profile_get_last_checked (b)));
}

static void
store_result_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
matches_corrupt_name (const char *basename)
{
  return g_regex_match_simple ("^connections\\.json\\.corrupt-[0-9]{8}-[0-9]{6}(-[0-9]+)?$",
                               basename, 0, 0);
}

/* A real report of a real SQLite database with an orphan, for the "last check" fields */
static PfReport *
scan_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfScan) scan = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tiny.db", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  PfReport *report;
  sqlite3 *db;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                                 "CREATE TABLE child (id INTEGER PRIMARY KEY,"
                                 "  parent_id INTEGER REFERENCES parent (id));"
                                 "INSERT INTO child VALUES (1, 42);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  profile = pf_connection_profile_new_from_target (path, NULL, &error);
  g_assert_no_error (error);
  database = pf_database_new_for_profile (profile, NULL);
  g_assert_true (pf_database_open (database, NULL, &error));
  g_assert_no_error (error);
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);
  scan = pf_scan_new (database, schema);
  pf_scan_run_async (scan, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = pf_scan_run_finish (scan, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  pf_database_close (database);

  return report;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_profile_properties (void)
{
  g_autoptr(PfConnectionProfile) profile = pf_connection_profile_new (PF_DATABASE_KIND_SQLITE);
  g_autoptr(PfConnectionProfile) with_id = NULL;
  g_autoptr(PfConnectionProfile) copy = NULL;
  g_autoptr(PfReport) report = NULL;
  guint name_notifies = 0;
  guint env_notifies = 0;
  guint verdict_notifies = 0;
  PfEnvironment environment;

  /* A UUID each */
  g_assert_true (g_uuid_string_is_valid (pf_connection_profile_get_id (profile)));
  with_id = pf_connection_profile_new_with_id (PF_DATABASE_KIND_POSTGRESQL, "kept-id");
  g_assert_cmpstr (pf_connection_profile_get_id (with_id), ==, "kept-id");

  /* The name defaults to the location and follows it until set */
  g_signal_connect (profile, "notify::name", G_CALLBACK (count_notify), &name_notifies);
  pf_connection_profile_set_path (profile, "/srv/data/rota.db");
  g_assert_cmpstr (pf_connection_profile_get_name (profile), ==, "rota.db");
  g_assert_cmpuint (name_notifies, ==, 1);
  pf_connection_profile_set_name (profile, "Rota");
  pf_connection_profile_set_name (profile, "Rota");
  g_assert_cmpuint (name_notifies, ==, 2);
  pf_connection_profile_set_path (profile, "/srv/data/other.db");
  g_assert_cmpstr (pf_connection_profile_get_name (profile), ==, "Rota");
  g_assert_cmpuint (name_notifies, ==, 2);

  g_signal_connect (profile, "notify::environment", G_CALLBACK (count_notify), &env_notifies);
  pf_connection_profile_set_environment (profile, PF_ENVIRONMENT_STAGING);
  pf_connection_profile_set_environment (profile, PF_ENVIRONMENT_STAGING);
  g_assert_cmpuint (env_notifies, ==, 1);

  g_assert_cmpstr (pf_environment_to_string (PF_ENVIRONMENT_PRODUCTION), ==, "production");
  g_assert_true (pf_environment_from_string ("development", &environment));
  g_assert_cmpint (environment, ==, PF_ENVIRONMENT_DEVELOPMENT);
  g_assert_false (pf_environment_from_string ("Production", &environment));
  g_assert_false (pf_environment_from_string (NULL, &environment));
  g_assert_cmpstr (pf_environment_to_label (PF_ENVIRONMENT_STAGING), ==, "Staging");
  g_assert_null (pf_environment_to_label (PF_ENVIRONMENT_NONE));

  /* Not checked yet, then the report's outcome */
  g_assert_null (pf_connection_profile_get_last_verdict (profile));
  g_signal_connect (profile, "notify::last-verdict", G_CALLBACK (count_notify), &verdict_notifies);
  report = scan_demo ();
  pf_connection_profile_record_report (profile, report);
  g_assert_cmpstr (pf_connection_profile_get_last_verdict (profile), ==, "no-go");
  g_assert_cmpuint (pf_connection_profile_get_last_n_blockers (profile), ==,
                    pf_report_count (report, PF_SEVERITY_BLOCKER));
  g_assert_cmpuint (pf_connection_profile_get_last_n_blockers (profile), >=, 1);
  g_assert_true (pf_connection_profile_get_last_complete (profile));
  g_assert_true (g_date_time_equal (pf_connection_profile_get_last_checked (profile),
                                    pf_report_get_generated_at (report)));
  pf_connection_profile_record_report (profile, report);
  g_assert_cmpuint (verdict_notifies, ==, 1);

  /* A duplicate: new id and name, same settings, no last check */
  copy = pf_connection_profile_duplicate (profile, "Rota (2)");
  g_assert_cmpstr (pf_connection_profile_get_id (copy), !=, pf_connection_profile_get_id (profile));
  g_assert_cmpstr (pf_connection_profile_get_name (copy), ==, "Rota (2)");
  g_assert_cmpstr (pf_connection_profile_get_path (copy), ==, "/srv/data/other.db");
  g_assert_cmpint (pf_connection_profile_get_environment (copy), ==, PF_ENVIRONMENT_STAGING);
  g_assert_null (pf_connection_profile_get_last_verdict (copy));
  g_assert_null (pf_connection_profile_get_last_checked (copy));
}

static void
test_rules_building (void)
{
  g_autoptr(PfRules) rules = pf_rules_new ();
  g_autoptr(PfRules) again = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const char *no_columns[] = { NULL };
  const char *empty_column[] = { "", NULL };
  PfRelationshipRule *relationship;

  g_assert_true (pf_rules_is_empty (rules));

  /* Validated like the file reader, in sentences */
  g_assert_false (pf_rules_add_format (rules, "t", "c", "^[0-9{6}$", FALSE, &error));
  g_assert_error (error, PF_RULES_ERROR, PF_RULES_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message,
                                   "The pattern “^[0-9{6}$” is not a valid regular expression: "));
  g_clear_error (&error);
  g_assert_false (pf_rules_add_relationship (rules, "*_by_id", "scheduling_user", &error));
  g_assert_error (error, PF_RULES_ERROR, PF_RULES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“references” must name a table and a column as TABLE.COLUMN, "
                                       "such as “scheduling_user.sap”, not “scheduling_user”");
  g_clear_error (&error);
  g_assert_false (pf_rules_add_unique (rules, "t", no_columns, &error));
  g_assert_error (error, PF_RULES_ERROR, PF_RULES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pf_rules_add_unique (rules, "t", empty_column, &error));
  g_assert_error (error, PF_RULES_ERROR, PF_RULES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pf_rules_add_not_null (rules, "", "c", &error));
  g_assert_error (error, PF_RULES_ERROR, PF_RULES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“table” must not be empty");
  g_clear_error (&error);
  g_assert_true (pf_rules_is_empty (rules));

  g_assert_true (pf_rules_add_relationship (rules, "*_by_id", "public.scheduling_user.sap", &error));
  g_assert_no_error (error);
  g_assert_false (pf_rules_is_empty (rules));
  relationship = g_ptr_array_index (pf_rules_get_relationships (rules), 0);
  g_assert_cmpstr (relationship->references_table, ==, "public.scheduling_user");
  g_assert_cmpstr (relationship->references_column, ==, "sap");

  /* Round trip through the preflight-rules/1 document */
  node = pf_rules_to_json_node (rules);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "schema"), ==,
                   "preflight-rules/1");
  again = pf_rules_new_from_json_node (node, &error);
  g_assert_no_error (error);
  assert_same_rules (rules, again);
}

static void
test_round_trip (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(PfProfileStore) store = pf_profile_store_new (path);
  g_autoptr(PfProfileStore) loaded = pf_profile_store_new (path);
  g_autoptr(PfConnectionProfile) pg = new_full_pg_profile ();
  g_autoptr(PfConnectionProfile) sqlite = pf_connection_profile_new (PF_DATABASE_KIND_SQLITE);
  g_autoptr(PfConnectionProfile) plain = pf_connection_profile_new (PF_DATABASE_KIND_POSTGRESQL);
  g_autoptr(PfReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_to = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf buf;

  report = scan_demo ();
  pf_connection_profile_record_report (pg, report);

  pf_connection_profile_set_path (sqlite, "/srv/data/rota é.db");
  pf_connection_profile_set_name (sqlite, "Rota (local)");
  pf_connection_profile_set_environment (sqlite, PF_ENVIRONMENT_DEVELOPMENT);
  pf_connection_profile_set_project_dir (sqlite, "/home/u/src/rota");

  /* Nothing but defaults: the name is the location */
  pf_connection_profile_set_host (plain, "localhost");

  pf_profile_store_add (store, pg);
  pf_profile_store_add (store, sqlite);
  pf_profile_store_add (store, plain);
  g_assert_true (pf_profile_store_save (store, &error));
  g_assert_no_error (error);

  /* Private: the folder 0700, the file 0600 */
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0700);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"schema\" : \"preflight-connections/1\""));
  g_assert_nonnull (strstr (contents, "\"sslrootcert\" : \"/etc/ssl/root ca.crt\""));
  g_assert_nonnull (strstr (contents, "\"schema\" : \"preflight-rules/1\""));
  g_assert_nonnull (strstr (contents, "\"reviewer\" : \"Zoë Łukasiewicz\""));
  g_assert_nonnull (strstr (contents, "\"reviewed_at\" : \"2026-11-20T22:45:30.250000Z\""));
  /* A connection without reviews has no "reviews" member: one file holds it */
  g_assert_nonnull (strstr (contents, "\"reviews\""));
  g_assert_null (strstr (strstr (contents, "\"reviews\"") + 1, "\"reviews\""));
  g_assert_null (strstr (contents, "password\" : \""));

  g_assert_true (pf_profile_store_load (loaded, &moved_to, &error));
  g_assert_no_error (error);
  g_assert_null (moved_to);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 3);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (loaded)) == PF_TYPE_CONNECTION_PROFILE);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PfConnectionProfile) a = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autoptr(PfConnectionProfile) b = g_list_model_get_item (G_LIST_MODEL (loaded), i);

      assert_same_profile (a, b);
    }

  {
    g_autoptr(PfConnectionProfile) b = g_list_model_get_item (G_LIST_MODEL (loaded), 0);

    g_assert_cmpstr (pf_connection_profile_get_last_verdict (b), ==, "no-go");
    g_assert_nonnull (pf_connection_profile_get_last_checked (b));
    g_assert_cmpstr (pf_connection_profile_get_libpq_parameter (b, "sslkey"), ==,
                     "/home/u/.postgresql/client.key");

    /* The reviews came back, in order, to the microsecond */
    g_assert_cmpuint (pf_connection_profile_get_reviews (b)->len, ==, 2);
    g_assert_cmpstr (pf_connection_profile_get_last_reviewer (b), ==, "Zoë Łukasiewicz");
    {
      const PfMigrationReview *review =
        pf_connection_profile_get_review (b, "scheduling", "0004_staffcertification");
      g_autoptr(GDateTime) expected = g_date_time_new_utc (2026, 11, 20, 22, 45, 30.25);

      g_assert_nonnull (review);
      g_assert_cmpstr (review->reviewer, ==, "Anna Kowalska");
      g_assert_true (g_date_time_equal (review->reviewed_at, expected));
    }
  }
  {
    g_autoptr(PfConnectionProfile) b = g_list_model_get_item (G_LIST_MODEL (loaded), 1);

    g_assert_cmpuint (pf_connection_profile_get_reviews (b)->len, ==, 0);
  }
  {
    g_autoptr(PfConnectionProfile) b = g_list_model_get_item (G_LIST_MODEL (loaded), 2);

    g_assert_cmpstr (pf_connection_profile_get_name (b), ==, "localhost:5432");
    g_assert_false (pf_connection_profile_get_remember_password (b));
  }

  /* Saving what was loaded writes the same bytes */
  {
    g_autofree char *again = NULL;

    g_assert_true (pf_profile_store_save (loaded, &error));
    g_assert_true (g_file_get_contents (path, &again, NULL, NULL));
    g_assert_cmpstr (again, ==, contents);
  }
}

static void
test_missing_file (void)
{
  g_autofree char *path = new_store_path ();
  g_autoptr(PfProfileStore) store = pf_profile_store_new (path);
  g_autoptr(PfProfileStore) default_store = pf_profile_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_config_dir (), "preflight",
                                                "connections.json", NULL);
  g_autofree char *default_path = pf_profile_store_dup_default_path ();

  g_assert_cmpstr (default_path, ==, expected);
  g_assert_cmpstr (pf_profile_store_get_path (default_store), ==, expected);

  g_assert_true (pf_profile_store_load (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

typedef struct
{
  guint position, removed, added;
  guint count;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *changed)
{
  changed->position = position;
  changed->removed = removed;
  changed->added = added;
  changed->count++;
}

static void
assert_changed (ItemsChanged *changed,
                guint         count,
                guint         position,
                guint         removed,
                guint         added)
{
  g_assert_cmpuint (changed->count, ==, count);
  g_assert_cmpuint (changed->position, ==, position);
  g_assert_cmpuint (changed->removed, ==, removed);
  g_assert_cmpuint (changed->added, ==, added);
}

static PfConnectionProfile *
new_named (const char *name)
{
  PfConnectionProfile *profile = pf_connection_profile_new (PF_DATABASE_KIND_SQLITE);

  pf_connection_profile_set_path (profile, "/srv/x.db");
  pf_connection_profile_set_name (profile, name);
  return profile;
}

static void
test_editing (void)
{
  g_autoptr(PfProfileStore) store = pf_profile_store_new (NULL);
  g_autoptr(PfConnectionProfile) a = new_named ("Rota");
  g_autoptr(PfConnectionProfile) b = new_named ("Rota (2)");
  g_autoptr(PfConnectionProfile) c = new_named ("Payroll");
  g_autoptr(PfConnectionProfile) b2 = NULL;
  g_autoptr(PfConnectionProfile) outsider = new_named ("Outsider");
  g_autofree char *unique = NULL;
  g_autofree char *unique_new = NULL;
  ItemsChanged changed = { 0 };

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), &changed);

  pf_profile_store_add (store, a);
  assert_changed (&changed, 1, 0, 0, 1);
  pf_profile_store_add (store, b);
  assert_changed (&changed, 2, 1, 0, 1);
  pf_profile_store_insert (store, 0, c);
  assert_changed (&changed, 3, 0, 0, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);

  g_assert_true (pf_profile_store_find_by_name (store, "Rota") == a);
  g_assert_null (pf_profile_store_find_by_name (store, "rota"));
  g_assert_true (pf_profile_store_find_by_id (store, pf_connection_profile_get_id (b)) == b);
  g_assert_null (pf_profile_store_find_by_id (store, "nope"));

  unique = pf_profile_store_dup_unique_name (store, "Rota");
  g_assert_cmpstr (unique, ==, "Rota (3)");
  unique_new = pf_profile_store_dup_unique_name (store, "Staging");
  g_assert_cmpstr (unique_new, ==, "Staging");

  /* Remove, then undo at the same place */
  g_assert_cmpint (pf_profile_store_remove (store, a), ==, 1);
  assert_changed (&changed, 4, 1, 1, 0);
  g_assert_cmpint (pf_profile_store_remove (store, a), ==, -1);
  g_assert_cmpuint (changed.count, ==, 4);
  pf_profile_store_insert (store, 1, a);
  assert_changed (&changed, 5, 1, 0, 1);
  pf_profile_store_insert (store, 99, outsider);
  assert_changed (&changed, 6, 3, 0, 1);
  g_assert_cmpint (pf_profile_store_remove (store, outsider), ==, 3);
  changed.count = 6;

  /* The editor's result replaces in place, keeping the id */
  b2 = pf_connection_profile_new_with_id (PF_DATABASE_KIND_POSTGRESQL, pf_connection_profile_get_id (b));
  pf_connection_profile_set_name (b2, "Rota (server)");
  g_assert_true (pf_profile_store_replace (store, b, b2));
  assert_changed (&changed, 7, 2, 1, 1);
  g_assert_true (pf_profile_store_find_by_id (store, pf_connection_profile_get_id (b)) == b2);
  g_assert_false (pf_profile_store_replace (store, b, b2));
  g_assert_cmpuint (changed.count, ==, 7);

  pf_profile_store_changed (store, a);
  assert_changed (&changed, 8, 1, 1, 1);
  pf_profile_store_changed (store, outsider);
  g_assert_cmpuint (changed.count, ==, 8);
}

/* A child saves with the crash hook and dies between write and rename */
static void
test_crash_before_rename (void)
{
  g_autofree char *path = new_store_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(PfProfileStore) store = pf_profile_store_new (path);
  g_autoptr(PfProfileStore) loaded = pf_profile_store_new (path);
  g_autoptr(PfConnectionProfile) first = new_named ("Before the crash");
  g_autoptr(PfConnectionProfile) second = new_named ("Lost in the crash");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n_temp = 0;
  int status;
  pid_t pid;

  pf_profile_store_add (store, first);
  g_assert_true (pf_profile_store_save (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  pf_profile_store_add (store, second);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      _pf_json_file_set_crash_before_rename (TRUE);
      pf_profile_store_save (store, NULL);
      _exit (0);  /* the hook did not fire: the parent sees 0, not 3 */
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 3);

  /* The old file is intact, byte for byte, and loads */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  g_assert_true (pf_profile_store_load (loaded, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 1);
  g_assert_nonnull (pf_profile_store_find_by_name (loaded, "Before the crash"));

  /* The half-done save left only its own temporary file, which holds the
   * complete new contents (it was synced before the crash) */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (g_str_equal (name, "connections.json"))
        continue;
      g_assert_true (g_str_has_prefix (name, "connections.json."));
      g_assert_cmpuint (strlen (name), ==, strlen ("connections.json.XXXXXX"));
      n_temp++;
      {
        g_autofree char *tmp = g_build_filename (dir, name, NULL);
        g_autofree char *tmp_contents = NULL;

        g_assert_true (g_file_get_contents (tmp, &tmp_contents, NULL, NULL));
        g_assert_nonnull (strstr (tmp_contents, "Lost in the crash"));
      }
    }
  g_assert_cmpuint (n_temp, ==, 1);

  /* The next save goes through and the stray temporary file is not taken
   * for the real one */
  g_assert_true (pf_profile_store_save (store, &error));
  g_assert_no_error (error);
  g_assert_true (pf_profile_store_load (loaded, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 2);
}

static void
assert_moved_aside (const char *contents,
                    gssize      length)
{
  g_autofree char *path = new_store_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(PfProfileStore) store = pf_profile_store_new (path);
  g_autoptr(PfConnectionProfile) stale = new_named ("Stale");
  g_autoptr(PfConnectionProfile) fresh = new_named ("Fresh");
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_to = NULL;
  g_autofree char *moved_to_2 = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *base = NULL;
  gsize moved_length;

  if (length < 0)
    length = strlen (contents);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  /* What was in the store before is gone after a load of a bad file */
  pf_profile_store_add (store, stale);
  g_assert_true (pf_profile_store_load (store, &moved_to, &error));
  g_assert_no_error (error);
  g_assert_nonnull (moved_to);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  base = g_path_get_basename (moved_to);
  g_assert_true (matches_corrupt_name (base));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (moved_to, &moved, &moved_length, NULL));
  g_assert_cmpmem (moved, moved_length, contents, length);

  /* A second bad file in the same second gets -2, never replacing the first */
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_assert_true (pf_profile_store_load (store, &moved_to_2, &error));
  g_assert_no_error (error);
  g_assert_nonnull (moved_to_2);
  g_assert_cmpstr (moved_to_2, !=, moved_to);
  g_assert_true (g_file_test (moved_to, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (moved_to_2, G_FILE_TEST_EXISTS));

  /* A later save makes a fresh file and leaves the moved ones alone */
  pf_profile_store_add (store, fresh);
  g_assert_true (pf_profile_store_save (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "Fresh"));
  g_clear_pointer (&moved, g_free);
  g_assert_true (g_file_get_contents (moved_to, &moved, &moved_length, NULL));
  g_assert_cmpmem (moved, moved_length, contents, length);
}

static void
test_corrupt (void)
{
  /* Not JSON */
  assert_moved_aside ("{ \"schema\": \"preflight-connections/1\", \"connections\": [ {", -1);
  /* Not even text */
  assert_moved_aside ("\x89PNG\r\n\x1a\n\0\0\0", 11);
  /* Valid JSON of the wrong shape */
  assert_moved_aside ("[1, 2, 3]", -1);
  assert_moved_aside ("{\"schema\": \"preflight-rules/1\", \"connections\": []}", -1);
  assert_moved_aside ("{\"schema\": \"preflight-connections/1\", \"connections\": {}}", -1);
  /* A profile missing its kind */
  assert_moved_aside ("{\"schema\": \"preflight-connections/1\", \"connections\": ["
                      "{\"id\": \"b7d1\", \"name\": \"Rota\", \"path\": \"/srv/rota.db\"}]}", -1);
  /* … or with bad rules inside */
  assert_moved_aside ("{\"schema\": \"preflight-connections/1\", \"connections\": ["
                      "{\"id\": \"b7d1\", \"kind\": \"sqlite\", \"path\": \"/srv/rota.db\","
                      " \"rules\": {\"format\": [{\"table\": \"t\", \"column\": \"c\", \"pattern\": \"[\"}]}}]}", -1);
  /* … or a review without its checksum: a sign-off is never dropped */
  assert_moved_aside ("{\"schema\": \"preflight-connections/1\", \"connections\": ["
                      "{\"id\": \"b7d1\", \"kind\": \"sqlite\", \"path\": \"/srv/rota.db\","
                      " \"reviews\": [{\"app\": \"scheduling\", \"name\": \"0004_x\","
                      " \"reviewer\": \"Anna\", \"reviewed_at\": \"2026-11-21T10:00:00Z\"}]}]}", -1);
}

static void
test_unreadable (void)
{
  g_autofree char *path = new_store_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(PfProfileStore) store = pf_profile_store_new (path);
  g_autoptr(PfConnectionProfile) profile = new_named ("Rota");
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_to = NULL;

  if (geteuid () == 0)
    {
      /* root reads through permissions; a folder where the file should be
       * is unreadable as a file for everyone */
      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
    }
  else
    {
      pf_profile_store_add (store, profile);
      g_assert_true (pf_profile_store_save (store, &error));
      g_assert_cmpint (g_chmod (dir, 0), ==, 0);
    }

  g_assert_false (pf_profile_store_load (store, &moved_to, &error));
  g_assert_error (error, PF_PROFILE_STORE_ERROR, PF_PROFILE_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (moved_to);
  g_clear_error (&error);

  /* Saving cannot replace a folder either, and says which file */
  if (geteuid () == 0)
    {
      g_assert_false (pf_profile_store_save (store, &error));
      g_assert_error (error, PF_PROFILE_STORE_ERROR, PF_PROFILE_STORE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
      g_rmdir (path);
    }
  else
    g_chmod (dir, 0700);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/profile-store/profile-properties", test_profile_properties);
  g_test_add_func ("/profile-store/rules-building", test_rules_building);
  g_test_add_func ("/profile-store/round-trip", test_round_trip);
  g_test_add_func ("/profile-store/missing-file", test_missing_file);
  g_test_add_func ("/profile-store/editing", test_editing);
  g_test_add_func ("/profile-store/crash-before-rename", test_crash_before_rename);
  g_test_add_func ("/profile-store/corrupt", test_corrupt);
  g_test_add_func ("/profile-store/unreadable", test_unreadable);

  return g_test_run ();
}
