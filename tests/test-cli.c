/* test-cli.c — preflight-cli as a person or a CI job runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <signal.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pf-test-pg.h"

#include "pf-test-cli.h"

static void
test_cli_version (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "--version");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "preflight-cli " PACKAGE_VERSION "\n");
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_cli_help (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "--help");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (matches ("^Usage:", run.out));
  g_assert_true (matches ("^Commands:$", run.out));
  g_assert_true (matches ("^  check  +\\S", run.out));
  g_assert_true (matches ("^  describe  +\\S", run.out));
  g_assert_true (matches ("--version", run.out));
  g_assert_true (matches ("^  migrations  +\\S", run.out));
  g_assert_true (matches ("^  connections  +\\S", run.out));
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_cli_describe_help (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "describe", "--help");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (matches ("^  preflight-cli describe \\[OPTION.*\\] TARGET$", run.out));
  g_assert_true (matches ("--format=FORMAT", run.out));
  g_assert_true (matches ("--demo", run.out));
  g_assert_true (matches ("postgresql://", run.out));
}

static void
test_cli_usage_errors (void)
{
  static const struct {
    const char *args[4];
    const char *err;
  } cases[] = {
    { { NULL },
      "preflight-cli: No command given.\nRun “preflight-cli --help” for usage.\n" },
    { { "frobnicate", NULL },
      "preflight-cli: Unknown command “frobnicate”.\nRun “preflight-cli --help” for usage.\n" },
    { { "--frobnicate", NULL },
      "preflight-cli: Unknown option --frobnicate\nRun “preflight-cli --help” for usage.\n" },
    { { "describe", "--demo", "--format=xml", NULL },
      "preflight-cli: Unknown format “xml”: use text or json.\n"
      "Run “preflight-cli describe --help” for usage.\n" },
    { { "describe", "--demo", "--colour", NULL },
      "preflight-cli: Unknown option --colour\nRun “preflight-cli describe --help” for usage.\n" },
    { { "describe", NULL },
      "preflight-cli: No database given: pass a TARGET or --demo.\n"
      "Run “preflight-cli describe --help” for usage.\n" },
    { { "describe", "a.db", "b.db", NULL },
      "preflight-cli: Give one TARGET or --demo, not more.\n"
      "Run “preflight-cli describe --help” for usage.\n" },
    { { "describe", "--demo", "a.db", NULL },
      "preflight-cli: Give one TARGET or --demo, not more.\n"
      "Run “preflight-cli describe --help” for usage.\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSubprocess) subprocess = spawn_cli (cases[i].args);
      g_auto(CliRun) run = { 0 };

      finish_run (subprocess, &run);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpstr (run.err, ==, cases[i].err);
    }
}

static void
test_cli_describe_demo_text (void)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) again = { 0 };

  run_cli (&run, "describe", "--demo");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  /* The header */
  g_assert_true (matches ("^Name +demo\\.sqlite3$", run.out));
  g_assert_true (matches ("^Kind +SQLite$", run.out));
  g_assert_true (matches ("^Server version +SQLite 3\\.[0-9]+", run.out));
  g_assert_true (matches ("^Size +[0-9.]+(\\x{a0}| )[kM]B$", run.out));
  g_assert_true (matches ("^Location +/.*/preflight/demo\\.sqlite3$", run.out));

  /* The aligned table: name, rows, columns, foreign keys */
  g_assert_true (matches ("^Table +Rows +Columns +Foreign keys$", run.out));
  g_assert_true (matches ("^scheduling_user +1500 +11 +0$", run.out));
  g_assert_true (matches ("^scheduling_shift +12000 +10 +2$", run.out));
  g_assert_true (matches ("^scheduling_staffprofile +1750 +7 +2$", run.out));
  g_assert_true (matches ("^scheduling_supervisionrecord +2400 +7 +2$", run.out));
  g_assert_true (matches ("^django_migrations +43 +4 +0$", run.out));
  /* Sorted by name */
  g_assert_cmpint (strstr (run.out, "\nauth_group ") - run.out, <,
                   strstr (run.out, "\nscheduling_accesslog ") - run.out);
  g_assert_cmpint (strstr (run.out, "\nscheduling_user ") - run.out, <,
                   strstr (run.out, "\nscheduling_user_groups ") - run.out);
  /* Totals: 48,105 rows in the 19 tables; 21 foreign keys */
  g_assert_true (matches ("^(19|20) tables +~?[0-9]+ +[0-9]+ +21$", run.out));

  /* The same through the global option, with the demo already built */
  run_cli (&again, "--demo", "describe");
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, run.out);
}

static JsonObject *
find_table (JsonArray  *tables,
            const char *name)
{
  for (guint i = 0; i < json_array_get_length (tables); i++)
    {
      JsonObject *table = json_array_get_object_element (tables, i);

      if (g_strcmp0 (json_object_get_string_member (table, "name"), name) == 0)
        return table;
    }

  return NULL;
}

static void
test_cli_describe_demo_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  JsonObject *root, *target, *profile, *fk = NULL;
  JsonArray *tables, *fks, *indexes;
  gboolean has_unique_user_id = FALSE;

  run_cli (&run, "describe", "--demo", "--format", "json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==, "preflight-describe/1");

  target = json_object_get_object_member (root, "target");
  g_assert_cmpstr (json_object_get_string_member (target, "kind"), ==, "sqlite");
  g_assert_cmpstr (json_object_get_string_member (target, "name"), ==, "demo.sqlite3");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (target, "location"),
                                   "/preflight/demo.sqlite3"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (target, "server_version"),
                                   "SQLite 3."));
  g_assert_cmpint (json_object_get_int_member (target, "size"), >, 1000000);

  tables = json_object_get_array_member (root, "tables");
  g_assert_cmpuint (json_array_get_length (tables), >=, 19);
  for (guint i = 1; i < json_array_get_length (tables); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tables, i - 1), "name"),
                     <, json_object_get_string_member (json_array_get_object_element (tables, i), "name"));

  for (guint i = 0; i < 6; i++)
    {
      static const char *planted[] = {
        "scheduling_supervisionrecord", "scheduling_accesslog", "scheduling_staffprofile",
        "scheduling_leaveentitlement", "scheduling_leavetransaction", "scheduling_sicknessrecord",
      };
      g_assert_nonnull (find_table (tables, planted[i]));
    }

  profile = find_table (tables, "scheduling_staffprofile");
  g_assert_nonnull (profile);
  g_assert_true (json_node_is_null (json_object_get_member (profile, "schema")));
  g_assert_cmpint (json_object_get_int_member (profile, "rows"), ==, 1750);
  g_assert_true (json_object_get_boolean_member (profile, "rows_exact"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (profile, "columns")), ==, 7);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (profile, "primary_key"), 0),
                   ==, "id");

  fks = json_object_get_array_member (profile, "foreign_keys");
  g_assert_cmpuint (json_array_get_length (fks), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *candidate = json_array_get_object_element (fks, i);

      if (g_strcmp0 (json_object_get_string_member (candidate, "parent_table"), "scheduling_user") == 0)
        fk = candidate;
    }
  g_assert_nonnull (fk);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (fk, "columns"), 0),
                   ==, "user_id");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (fk, "parent_columns"), 0),
                   ==, "sap");
  g_assert_cmpstr (json_object_get_string_member (fk, "on_delete"), ==, "NO ACTION");
  g_assert_false (json_object_get_boolean_member (fk, "not_valid"));

  /* The UNIQUE on user_id (a OneToOneField) shows as a unique, valid index */
  indexes = json_object_get_array_member (profile, "indexes");
  for (guint i = 0; i < json_array_get_length (indexes); i++)
    {
      JsonObject *index = json_array_get_object_element (indexes, i);
      JsonArray *columns = json_object_get_array_member (index, "columns");

      if (json_array_get_length (columns) == 1 &&
          g_strcmp0 (json_array_get_string_element (columns, 0), "user_id") == 0 &&
          json_object_get_boolean_member (index, "unique") &&
          json_object_get_boolean_member (index, "valid"))
        has_unique_user_id = TRUE;
    }
  g_assert_true (has_unique_user_id);
}

static void
test_cli_describe_path_and_url (void)
{
  g_autofree char *demo = g_build_filename (g_get_user_cache_dir (), "preflight", "demo.sqlite3", NULL);
  g_autofree char *url = g_strconcat ("sqlite://", demo, NULL);
  g_auto(CliRun) first = { 0 };
  g_auto(CliRun) by_path = { 0 };
  g_auto(CliRun) by_url = { 0 };

  run_cli (&first, "describe", "--demo", "--format=json");
  g_assert_cmpint (first.status, ==, 0);

  run_cli (&by_path, "describe", demo, "--format=json");
  g_assert_cmpint (by_path.status, ==, 0);
  g_assert_cmpstr (by_path.out, ==, first.out);

  run_cli (&by_url, "describe", "-f", "json", url);
  g_assert_cmpint (by_url.status, ==, 0);
  g_assert_cmpstr (by_url.out, ==, first.out);
}

static void
test_cli_describe_not_a_database (void)
{
  g_autofree char *path = write_data_file ("x.db", "Not a database: just a shopping list.\n");
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "describe", path);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==,
                   "preflight-cli: Could not open “x.db”: the file is not a SQLite database\n");
}

static void
test_cli_describe_missing_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "missing.db", NULL);
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "describe", path, "--format=json");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  /* One sentence on one line naming the file */
  g_assert_true (g_str_has_prefix (run.err, "preflight-cli: Could not open “missing.db”: "));
  g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static JsonObject *find_table (JsonArray *tables, const char *name);

/* A real server: schema-qualified tables, estimates, NOT VALID keys and the
 * password from the URL or from PGPASSWORD. */
static void
test_cli_describe_postgresql (void)
{
  g_autoptr(PfTestPg) pg = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *url = NULL;
  g_autofree char *url_with_password = NULL;
  g_autofree char *url_without_password = NULL;
  g_auto(CliRun) text = { 0 };
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) env_password = { 0 };
  g_auto(CliRun) wrong = { 0 };
  JsonObject *root, *target, *shift;
  JsonArray *tables, *fks;
  const char *args[5] = { "describe", NULL, NULL, NULL, NULL };

  pg = pf_test_pg_start (&error);
  g_assert_no_error (error);
  dbname = pf_test_pg_create_database (pg, "rota", &error);
  g_assert_no_error (error);
  pf_test_pg_exec (pg, dbname,
                   "CREATE SCHEMA rota;"
                   "CREATE TABLE public.person (sap varchar(6) PRIMARY KEY, name text NOT NULL);"
                   "CREATE TABLE rota.shift (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                   "  person_id varchar(6) NOT NULL, day date NOT NULL);"
                   "INSERT INTO public.person SELECT 100000 + i, 'P' || i FROM generate_series(1, 300) AS i;"
                   "INSERT INTO rota.shift (person_id, day)"
                   "  SELECT 100001 + i % 300, date '2024-01-01' + i % 30 FROM generate_series(1, 3000) AS i;"
                   "ALTER TABLE rota.shift ADD CONSTRAINT shift_person_fk FOREIGN KEY (person_id)"
                   "  REFERENCES public.person (sap) ON DELETE CASCADE NOT VALID;"
                   "ANALYZE;"
                   "CREATE ROLE rota LOGIN PASSWORD 's3cret';"
                   "GRANT USAGE ON SCHEMA rota TO rota;"
                   "GRANT SELECT ON ALL TABLES IN SCHEMA public, rota TO rota;",
                   &error);
  g_assert_no_error (error);

  url = pf_test_pg_dup_url (pg, dbname);
  g_assert_true (g_str_has_prefix (url, "postgresql://pf_test@"));
  url_with_password = g_strconcat ("postgresql://rota:s3cret@", url + strlen ("postgresql://pf_test@"), NULL);
  url_without_password = g_strconcat ("postgres://rota@", url + strlen ("postgresql://pf_test@"), NULL);

  args[1] = url;
  {
    g_autoptr(GSubprocess) subprocess = spawn_cli (args);
    finish_run (subprocess, &text);
  }
  g_assert_cmpint (text.status, ==, 0);
  g_assert_true (matches ("^Kind +PostgreSQL$", text.out));
  g_assert_true (matches ("^Server version +PostgreSQL [0-9]+", text.out));
  g_assert_true (matches ("^Name +rota$", text.out));
  g_assert_true (matches ("^person +~?300 +2 +0$", text.out));
  g_assert_true (matches ("^rota\\.shift +~?3000 +3 +1$", text.out));

  /* The password in the URL, and never echoed back */
  args[1] = url_with_password;
  args[2] = "--format=json";
  {
    g_autoptr(GSubprocess) subprocess = spawn_cli (args);
    finish_run (subprocess, &json);
  }
  g_assert_cmpint (json.status, ==, 0);
  g_assert_null (strstr (json.out, "s3cret"));
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  target = json_object_get_object_member (root, "target");
  g_assert_cmpstr (json_object_get_string_member (target, "kind"), ==, "postgresql");
  g_assert_cmpstr (json_object_get_string_member (target, "name"), ==, "rota");
  tables = json_object_get_array_member (root, "tables");
  shift = find_table (tables, "shift");
  g_assert_nonnull (shift);
  g_assert_cmpstr (json_object_get_string_member (shift, "schema"), ==, "rota");
  g_assert_false (json_object_get_boolean_member (shift, "rows_exact"));
  fks = json_object_get_array_member (shift, "foreign_keys");
  g_assert_cmpuint (json_array_get_length (fks), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fks, 0), "parent_schema"),
                   ==, "public");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fks, 0), "parent_table"),
                   ==, "person");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fks, 0), "on_delete"),
                   ==, "CASCADE");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (fks, 0), "not_valid"));

  /* The password from PGPASSWORD (libpq reads it) */
  args[1] = url_without_password;
  args[2] = NULL;
  {
    g_autoptr(GSubprocess) subprocess = spawn_cli_with_env (args, "s3cret");
    finish_run (subprocess, &env_password);
  }
  g_assert_cmpint (env_password.status, ==, 0);
  g_assert_true (matches ("^rota\\.shift ", env_password.out));

  /* A wrong one: exit 2 and one sentence */
  {
    g_autoptr(GSubprocess) subprocess = spawn_cli_with_env (args, "wrong");
    finish_run (subprocess, &wrong);
  }
  g_assert_cmpint (wrong.status, ==, 2);
  g_assert_cmpstr (wrong.out, ==, "");
  g_assert_true (g_str_has_prefix (wrong.err, "preflight-cli: Could not connect to "));
  g_assert_true (strchr (wrong.err, '\n') == wrong.err + strlen (wrong.err) - 1);
}

/* Ctrl+C at once: the demo may not even be built yet. A clean exit either
 * way; killed by SIGINT only if it arrived before main() set up its handler. */
static void
test_cli_sigint_early (void)
{
  for (guint i = 0; i < 5; i++)
    {
      const char *args[] = { "describe", "--demo", NULL };
      g_autoptr(GSubprocess) subprocess = spawn_cli (args);
      g_auto(CliRun) run = { 0 };

      g_usleep (i * 10000);
      g_subprocess_send_signal (subprocess, SIGINT);
      finish_run (subprocess, &run);

      if (run.status == 130)
        g_assert_cmpstr (run.err, ==, "Cancelled.\n");
      else if (run.status == 0)
        g_assert_true (matches ("^scheduling_user ", run.out));
      else
        g_assert_cmpint (run.status, ==, -SIGINT);
    }
}

typedef struct
{
  GSocketConnection *connection;
  gboolean           exited;
} SilentServer;

static void
on_accepted (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SilentServer *server = user_data;
  g_autoptr(GError) error = NULL;

  server->connection = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source_object),
                                                        result, NULL, &error);
  g_assert_no_error (error);
}

static void
on_exited (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SilentServer *server = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source_object), result, NULL);
  server->exited = TRUE;
}

/* Ctrl+C while connecting to a server that accepts and never answers: the
 * open is really in progress, so this exercises the cancellation itself. */
static void
test_cli_sigint_while_connecting (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  SilentServer server = { NULL, FALSE };
  g_auto(CliRun) run = { 0 };
  const char *args[] = { "describe", NULL, NULL };
  gint64 sent_at;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("postgresql://rota@127.0.0.1:%u/rota?sslmode=disable",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  args[1] = url;

  subprocess = spawn_cli (args);
  g_socket_listener_accept_async (listener, NULL, on_accepted, &server);
  g_subprocess_wait_async (subprocess, NULL, on_exited, &server);

  while (server.connection == NULL && !server.exited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (server.exited);

  /* preflight-cli is now waiting for the server's answer */
  sent_at = g_get_monotonic_time ();
  g_subprocess_send_signal (subprocess, SIGINT);
  while (!server.exited)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("Exited %.0f ms after SIGINT", (g_get_monotonic_time () - sent_at) / 1000.0);

  finish_run (subprocess, &run);
  g_assert_cmpint (run.status, ==, 130);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "Cancelled.\n");
  /* The connect timeout is 10 s: stopping well before it means the
   * connection attempt itself was cancelled. */
  g_assert_cmpint (g_get_monotonic_time () - sent_at, <, 8 * G_USEC_PER_SEC);

  g_clear_object (&server.connection);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/describe/help", test_cli_describe_help);
  g_test_add_func ("/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/cli/describe/demo-text", test_cli_describe_demo_text);
  g_test_add_func ("/cli/describe/demo-json", test_cli_describe_demo_json);
  g_test_add_func ("/cli/describe/path-and-url", test_cli_describe_path_and_url);
  g_test_add_func ("/cli/describe/not-a-database", test_cli_describe_not_a_database);
  g_test_add_func ("/cli/describe/missing-file", test_cli_describe_missing_file);
  g_test_add_func ("/cli/describe/postgresql", test_cli_describe_postgresql);
  g_test_add_func ("/cli/sigint/early", test_cli_sigint_early);
  g_test_add_func ("/cli/sigint/while-connecting", test_cli_sigint_while_connecting);

  return g_test_run ();
}
