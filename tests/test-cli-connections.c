/* test-cli-connections.c — preflight-cli connections list|add|remove, and
 * check NAME with a password from a real keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli-connections"

#include "config.h"

#include <sqlite3.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pf-test-cli.h"
#include "pf-test-keyring.h"
#include "pf-test-pg.h"

#define UNAVAILABLE_MESSAGE \
  "Passwords cannot be remembered because no keyring (Secret Service) is running; " \
  "Preflight will ask for the password each time it connects."

static PfTestKeyring *keyring;
static PfTestPg *pg;

/* One orphan: check says NO-GO with one blocker */
static char *
create_orphan_database (void)
{
  g_autofree char *path = data_path ("orphans.db");
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE unit (id INTEGER PRIMARY KEY);"
                                 "CREATE TABLE shift (id INTEGER PRIMARY KEY,"
                                 "  unit_id INTEGER REFERENCES unit (id));"
                                 "INSERT INTO unit VALUES (1);"
                                 "INSERT INTO shift VALUES (1, 1), (2, 77);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  return g_steal_pointer (&path);
}

/* preflight-cli runs with this test's own dirs: its config (the store)
 * and a HOME without ~/.pgpass */
static void
isolate_children (void)
{
  g_setenv ("XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_setenv ("XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_setenv ("HOME", g_get_home_dir (), TRUE);
}

static char *
store_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "preflight", "connections.json", NULL);
}

/* The saved connection of that name in "connections list --format json" */
static JsonObject *
find_listed (JsonNode   *root,
             const char *name)
{
  JsonArray *connections = json_object_get_array_member (json_node_get_object (root), "connections");

  for (guint i = 0; i < json_array_get_length (connections); i++)
    {
      JsonObject *connection = json_array_get_object_element (connections, i);

      if (g_strcmp0 (json_object_get_string_member (connection, "name"), name) == 0)
        return connection;
    }

  return NULL;
}

static void
test_sqlite_lifecycle (void)
{
  g_autofree char *db = create_orphan_database ();
  g_autofree char *project = g_build_filename (g_get_user_data_dir (), "project", NULL);
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) listed_after = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *path = store_path ();
  JsonObject *connection;
  JsonObject *last;

  isolate_children ();

  g_assert_cmpint (g_mkdir_with_parents (project, 0700), ==, 0);

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "connections", "list");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (matches ("No saved connections", run.out));
  }

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "connections", "add", "Rota (local)", db, "--environment", "development");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (matches ("^Saved “Rota \\(local\\)”", run.out));
    g_assert_cmpstr (run.err, ==, "");
  }

  /* A saved project folder is what check and migrations read (this one
   * holds no migrations, which they say) unless --project is given */
  {
    g_auto(CliRun) add = { 0 };
    g_auto(CliRun) check = { 0 };
    g_auto(CliRun) migrations = { 0 };
    g_auto(CliRun) overridden = { 0 };
    g_auto(CliRun) removed = { 0 };

    run_cli (&add, "connections", "add", "With project", db, "--project", project);
    g_assert_cmpint (add.status, ==, 0);
    run_cli (&check, "check", "With project");
    g_assert_cmpint (check.status, ==, 2);
    g_assert_true (matches ("/data/project” holds no Django migrations", check.err));
    run_cli (&migrations, "migrations", "With project");
    g_assert_cmpint (migrations.status, ==, 2);
    g_assert_true (matches ("/data/project” holds no Django migrations", migrations.err));
    run_cli (&overridden, "migrations", "With project", "--project", "/no/such/project");
    g_assert_cmpint (overridden.status, ==, 2);
    g_assert_true (matches ("“/no/such/project”", overridden.err));
    run_cli (&removed, "connections", "remove", "With project");
    g_assert_cmpint (removed.status, ==, 0);
  }

  /* Duplicate names are refused, and the file is left as it was */
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "connections", "add", "Rota (local)", "/somewhere/else.db");
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (matches ("^preflight-cli: A saved connection named “Rota \\(local\\)” already exists: "
                            "choose another name, or remove it first", run.err));
    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, before);
  }

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "connections", "add", "Bad", db, "--environment", "live");
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (matches ("Unknown environment “live”", run.err));
  }

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "connections", "list");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (matches ("^NAME +KIND +ENVIRONMENT +LOCATION +LAST CHECK$", run.out));
    g_assert_true (matches ("^Rota \\(local\\) +SQLite +Development +/.*orphans\\.db +not checked yet$", run.out));
  }

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "connections", "list", "--format", "json");
    g_assert_cmpint (run.status, ==, 0);
    listed = parse_json (run.out);
    connection = find_listed (listed, "Rota (local)");
    g_assert_nonnull (connection);
    g_assert_cmpstr (json_object_get_string_member (connection, "kind"), ==, "sqlite");
    g_assert_cmpstr (json_object_get_string_member (connection, "environment"), ==, "development");
    g_assert_cmpstr (json_object_get_string_member (connection, "path"), ==, db);
    g_assert_false (json_object_has_member (connection, "project_dir"));
    g_assert_false (json_object_has_member (connection, "last_check"));
  }

  /* check NAME: the saved connection, and its verdict kept for the app */
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "check", "Rota (local)", "--format", "json");
    g_assert_cmpint (run.status, ==, 1);
    report = parse_json (run.out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (report), "verdict"), ==, "no-go");
  }

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "connections", "list", "--format", "json");
    listed_after = parse_json (run.out);
    connection = find_listed (listed_after, "Rota (local)");
    g_assert_true (json_object_has_member (connection, "last_check"));
    last = json_object_get_object_member (connection, "last_check");
    g_assert_cmpstr (json_object_get_string_member (last, "verdict"), ==, "no-go");
    g_assert_cmpint (json_object_get_int_member (last, "blockers"), ==,
                     json_object_get_int_member (json_object_get_object_member (json_node_get_object (report),
                                                                                 "summary"), "blockers"));
    g_assert_true (json_object_get_boolean_member (last, "complete"));
    g_assert_cmpstr (json_object_get_string_member (last, "checked_at"), ==,
                     json_object_get_string_member (json_node_get_object (report), "generated_at"));
  }

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "connections", "list");
    g_assert_true (matches ("^Rota \\(local\\) +SQLite +Development +/.*orphans\\.db +no-go, [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$",
                            run.out));
  }

  /* A name that is not saved is still read as a path */
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "check", "Rota (nowhere)");
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (matches ("Could not open “Rota \\(nowhere\\)”", run.err));
  }

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "connections", "remove", "Rota (local)");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (matches ("^Removed “Rota \\(local\\)”", run.out));
  }

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "connections", "remove", "Rota (local)");
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (matches ("^preflight-cli: There is no saved connection named “Rota \\(local\\)”", run.err));
  }

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "connections", "list");
    g_assert_true (matches ("No saved connections", run.out));
  }
}

static void
test_saved_rules (void)
{
  g_autofree char *db = create_orphan_database ();
  g_autofree char *path = store_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autofree char *rules_file = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(JsonNode) overridden = NULL;

  isolate_children ();

  /* A store written by the app, with rules: the format rule flags unit 77 */
  contents = g_strdup_printf ("{\"schema\": \"preflight-connections/1\", \"connections\": [{"
                              "\"id\": \"5b0d3f7e-1111-4c4c-8d8d-000000000001\", \"name\": \"Ruled\","
                              "\"kind\": \"sqlite\", \"path\": \"%s\","
                              "\"rules\": {\"schema\": \"preflight-rules/1\", \"format\": ["
                              "{\"table\": \"shift\", \"column\": \"unit_id\", \"pattern\": \"^[0-9]$\"}]}}]}",
                              db);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  {
    g_auto(CliRun) run = { 0 };
    JsonArray *findings;
    gboolean found = FALSE;

    run_cli (&run, "check", "Ruled", "--format", "json");
    report = parse_json (run.out);
    findings = json_object_get_array_member (json_node_get_object (report), "findings");
    for (guint i = 0; i < json_array_get_length (findings); i++)
      if (g_str_equal (json_object_get_string_member (json_array_get_object_element (findings, i), "check"),
                       "format-rule"))
        found = TRUE;
    g_assert_true (found);
  }

  /* --rules wins over the saved ones */
  rules_file = write_data_file ("empty-rules.json", "{}");
  {
    g_auto(CliRun) run = { 0 };
    JsonArray *findings;

    run_cli (&run, "check", "Ruled", "--format", "json", "--rules", rules_file);
    overridden = parse_json (run.out);
    findings = json_object_get_array_member (json_node_get_object (overridden), "findings");
    for (guint i = 0; i < json_array_get_length (findings); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (findings, i), "check"),
                       !=, "format-rule");
  }
}

static void
test_password_in_url_refused (void)
{
  g_autofree char *path = store_path ();
  g_auto(CliRun) run = { 0 };

  isolate_children ();

  run_cli (&run, "connections", "add", "Prod", "postgresql://rota_app:hunter2@db.example.org/rota");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (matches ("^preflight-cli: The URL contains a password, which Preflight never saves in a "
                          "file: pass --remember-password .* ~/.pgpass\\.$", run.err));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_no_keyring (void)
{
  g_autofree char *path = store_path ();
  g_autofree char *nowhere = g_build_filename (g_get_tmp_dir (), "pf-no-such-bus", NULL);
  g_autofree char *address = g_strconcat ("unix:path=", nowhere, NULL);
  g_autofree char *saved_address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_auto(CliRun) run = { 0 };

  isolate_children ();

  /* For the child only: this process does not use the bus itself */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  run_cli (&run, "connections", "add", "Prod",
           "postgresql://rota_app:w0uld-be-l0st@db.example.org/rota", "--remember-password");
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", saved_address, TRUE);

  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, "preflight-cli: " UNAVAILABLE_MESSAGE "\n");
  /* Nothing saved, anywhere */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (pf_test_count_files_containing (g_get_user_config_dir (), "w0uld-be-l0st", NULL), ==, 0);
  g_assert_cmpuint (pf_test_count_files_containing (g_get_home_dir (), "w0uld-be-l0st", NULL), ==, 0);
}

static void
test_pg_remembered_password (void)
{
  const char *password = "S3cret pw/ü@x";
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *socket = NULL;
  g_autofree char *escaped_password = NULL;
  g_autofree char *url = NULL;
  g_autofree char *url_without = NULL;
  g_autofree char *from_tool = NULL;
  g_autoptr(JsonNode) listed = NULL;
  const char *id;
  guint n_files = 0;

  isolate_children ();

  dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_assert_no_error (error);
  pf_test_pg_exec (pg, dbname,
                   "CREATE ROLE rota_app LOGIN PASSWORD 'S3cret pw/ü@x';"
                   "CREATE TABLE unit (id int PRIMARY KEY);"
                   "GRANT SELECT ON unit TO rota_app;",
                   &error);
  g_assert_no_error (error);

  socket = g_uri_escape_string (pf_test_pg_get_socket_dir (pg), NULL, FALSE);
  escaped_password = g_uri_escape_string (password, NULL, FALSE);
  url = g_strdup_printf ("postgresql://rota_app:%s@%s:%u/%s", escaped_password, socket,
                         pf_test_pg_get_port (pg), dbname);
  url_without = g_strdup_printf ("postgresql://rota_app@%s:%u/%s", socket,
                                 pf_test_pg_get_port (pg), dbname);

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "connections", "add", "Rota server", url, "--remember-password",
             "--environment", "production");
    g_assert_cmpint (run.status, ==, 0);
    /* Never echoed back */
    g_assert_null (strstr (run.out, "S3cret"));
    g_assert_null (strstr (run.out, escaped_password));
  }

  /* The same server without a remembered password: the server refuses,
   * so the success below is the keyring's doing */
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "connections", "add", "Rota server (no password)", url_without);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "check", "Rota server (no password)");
    g_assert_cmpint (run.status, ==, 2);
  }

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "check", "Rota server", "--format", "json");
    g_assert_cmpint (run.status, ==, 0);
    /* Not even a note (sanitizer builds may add their statistics) */
    g_assert_null (strstr (run.err, "preflight-cli:"));
  }

  {
    g_auto(CliRun) run = { 0 };
    JsonObject *connection;

    run_cli (&run, "connections", "list", "--format", "json");
    listed = parse_json (run.out);
    connection = find_listed (listed, "Rota server");
    g_assert_nonnull (connection);
    g_assert_true (json_object_get_boolean_member (connection, "remember_password"));
    g_assert_cmpstr (json_object_get_string_member (connection, "environment"), ==, "production");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (connection, "last_check"),
                                                    "verdict"), ==, "go");
    id = json_object_get_string_member (connection, "id");
    g_assert_null (strstr (run.out, "S3cret"));
  }

  /* In the keyring, and in no file under the config dir */
  from_tool = pf_test_keyring_secret_tool_lookup (keyring, id);
  g_assert_cmpstr (from_tool, ==, password);
  g_assert_cmpuint (pf_test_count_files_containing (g_get_user_config_dir (), "S3cret", &n_files), ==, 0);
  g_assert_cmpuint (n_files, >=, 1);
  g_assert_cmpuint (pf_test_count_files_containing (g_get_user_config_dir (), escaped_password, NULL), ==, 0);

  /* remove takes the keyring entry with it */
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "connections", "remove", "Rota server");
    g_assert_cmpint (run.status, ==, 0);
  }
  g_clear_pointer (&from_tool, g_free);
  from_tool = pf_test_keyring_secret_tool_lookup (keyring, id);
  g_assert_null (from_tool);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Never hang: SIGALRM ends the test; the daemons and the cluster die with it */
  alarm (170);

  keyring = pf_test_keyring_start (&error);
  g_assert_no_error (error);
  pg = pf_test_pg_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/connections/sqlite-lifecycle", test_sqlite_lifecycle);
  g_test_add_func ("/cli/connections/saved-rules", test_saved_rules);
  g_test_add_func ("/cli/connections/password-in-url-refused", test_password_in_url_refused);
  g_test_add_func ("/cli/connections/no-keyring", test_no_keyring);
  g_test_add_func ("/cli/connections/pg-remembered-password", test_pg_remembered_password);

  ret = g_test_run ();

  pf_test_pg_stop (pg);
  pf_test_keyring_stop (keyring);

  return ret;
}
