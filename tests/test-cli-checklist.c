/* test-cli-checklist.c — preflight-cli checklist, and the checklist section of check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli-checklist"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pf-test-cli.h"

static JsonObject *
checklist_of (JsonNode *root)
{
  JsonObject *object = json_node_get_object (root);

  g_assert_true (json_object_has_member (object, "checklist"));
  return json_object_get_object_member (object, "checklist");
}

/* The first item bound to automatic check @check */
static JsonObject *
item_with_check (JsonObject *checklist,
                 const char *check)
{
  JsonArray *items = json_object_get_array_member (checklist, "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (item, "check", NULL), check) == 0)
        return item;
    }

  g_error ("No item with check “%s”", check);
  return NULL;
}

/* Saved progress and custom templates in this test's own config dir: the
 * CLI reads XDG_CONFIG_HOME, which G_TEST_OPTION_ISOLATE_DIRS does not set */
static void
isolate_config (void)
{
  g_setenv ("XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
}

static guint
count_progress_files (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "preflight", "checklists", NULL);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;

  return n;
}

static void
test_demo_text (void)
{
  g_auto(CliRun) run = { 0 };

  isolate_config ();

  run_cli (&run, "checklist", "--demo");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");

  /* The verdict first, then every step with every item */
  g_assert_true (matches ("\\ANOT READY: [0-9]+ required items are not done\n", run.out));
  g_assert_true (matches ("^Checklist “Routine schema migration”: [0-9]+ of [0-9]+ items settled, "
                          "[0-9]+ required items open$", run.out));
  g_assert_true (matches ("^Step 1 of [0-9]+: ", run.out));
  g_assert_true (matches ("^  \\[Passed\\] +.*\\(automatic, required\\)$", run.out));
  g_assert_true (matches ("^  \\[Failed\\] +.*\\(automatic, required\\)$", run.out));
  g_assert_true (matches ("^  \\[Not applicable\\] +.*\n +SQLite has no ", run.out));
  g_assert_true (matches ("^  \\[Open\\] +.*\\(manual, required\\)$", run.out));
  /* Evidence under its item */
  g_assert_true (matches ("^ +The integrity scan found [0-9]+ problems that block the migration$", run.out));
  g_assert_true (matches ("^ +Connected to demo.sqlite3 \\(SQLite 3\\.", run.out));
}

static void
test_demo_json (void)
{
  g_auto(CliRun) first = { 0 };
  g_auto(CliRun) second = { 0 };
  g_auto(CliRun) check = { 0 };
  g_auto(CliRun) check_text = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) report = NULL;
  JsonObject *checklist, *progress;
  JsonArray *items;
  const char * const states[] = { "open", "done", "failed", "n/a", "skipped", NULL };

  isolate_config ();

  g_assert_cmpuint (count_progress_files (), ==, 0);
  run_cli (&first, "checklist", "--demo", "--format", "json");
  g_assert_cmpint (first.status, ==, 1);
  g_assert_cmpstr (first.err, ==, "");

  root = parse_json (first.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "schema"), ==,
                   "preflight-checklist/1");
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "saved"));
  checklist = checklist_of (root);
  g_assert_cmpstr (json_object_get_string_member (checklist, "template"), ==, "routine-migration");

  /* Every item is there with a state; nothing is left running */
  items = json_object_get_array_member (checklist, "items");
  progress = json_object_get_object_member (checklist, "progress");
  g_assert_cmpint (json_array_get_length (items), ==, json_object_get_int_member (progress, "items"));
  g_assert_cmpint (json_object_get_int_member (progress, "blocking"), >, 0);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *state = json_object_get_string_member (item, "state");

      g_assert_true (g_strv_contains (states, state));
      if (g_str_equal (json_object_get_string_member (item, "kind"), "automatic"))
        g_assert_nonnull (json_object_get_string_member (item, "evidence"));
      else
        g_assert_cmpstr (state, ==, "open");
    }
  g_assert_cmpstr (json_object_get_string_member (item_with_check (checklist, "connection"), "state"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (item_with_check (checklist, "integrity"), "state"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (item_with_check (checklist, "row-counts"), "state"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (item_with_check (checklist, "row-counts-match"), "state"), ==,
                   "open");

  /* The results were saved as the connection's checklist; the next run
   * compares with the counts recorded by the first */
  g_assert_cmpuint (count_progress_files (), ==, 1);
  run_cli (&second, "checklist", "--demo", "--format=json");
  g_assert_cmpint (second.status, ==, 1);
  again = parse_json (second.out);
  g_assert_cmpstr (json_object_get_string_member (item_with_check (checklist_of (again), "row-counts-match"),
                                                  "state"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (checklist_of (again), "started_at"), ==,
                   json_object_get_string_member (checklist, "started_at"));

  /* check shows the saved checklist too */
  run_cli (&check, "check", "--demo", "--format", "json");
  g_assert_cmpint (check.status, ==, 1);
  report = parse_json (check.out);
  g_assert_cmpstr (json_object_get_string_member (checklist_of (report), "template"), ==, "routine-migration");
  g_assert_cmpstr (json_object_get_string_member (item_with_check (checklist_of (report), "integrity"), "state"),
                   ==, "failed");
  run_cli (&check_text, "check", "--demo");
  g_assert_true (matches ("^Checklist “Routine schema migration”: [0-9]+ of [0-9]+ items settled", check_text.out));
}

static void
test_check_without_checklist (void)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  isolate_config ();

  run_cli (&run, "check", "--demo", "--format", "json");
  root = parse_json (run.out);
  g_assert_false (json_object_has_member (json_node_get_object (root), "checklist"));
}

static void
test_other_template (void)
{
  g_auto(CliRun) routine = { 0 };
  g_auto(CliRun) other = { 0 };
  g_auto(CliRun) after = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) after_root = NULL;

  isolate_config ();

  run_cli (&routine, "checklist", "--demo", "--format", "json");
  g_assert_cmpint (routine.status, ==, 1);

  /* Another template than the saved run's: shown, not saved */
  run_cli (&other, "checklist", "--demo", "--format", "json", "--template", "add-fields-safely");
  g_assert_cmpint (other.status, ==, 1);
  g_assert_true (matches ("uses the template “routine-migration”; the results of “add-fields-safely” "
                          "are shown but not saved", other.err));
  root = parse_json (other.out);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (root), "saved"));
  g_assert_cmpstr (json_object_get_string_member (checklist_of (root), "template"), ==, "add-fields-safely");

  run_cli (&after, "checklist", "--demo", "--format", "json", "--no-save");
  after_root = parse_json (after.out);
  g_assert_cmpstr (json_object_get_string_member (checklist_of (after_root), "template"), ==,
                   "routine-migration");
}

static void
test_no_save (void)
{
  g_auto(CliRun) run = { 0 };

  isolate_config ();

  run_cli (&run, "checklist", "--demo", "--no-save");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_progress_files (), ==, 0);
}

static void
test_usage_errors (void)
{
  g_auto(CliRun) template = { 0 };
  g_auto(CliRun) format = { 0 };
  g_auto(CliRun) missing = { 0 };
  g_auto(CliRun) nothing = { 0 };

  isolate_config ();

  run_cli (&template, "checklist", "--demo", "--template", "nope");
  g_assert_cmpint (template.status, ==, 2);
  g_assert_true (matches ("Unknown template “nope”: use one of routine-migration, production-go-live, "
                          "add-fields-safely", template.err));
  g_assert_cmpstr (template.out, ==, "");

  run_cli (&format, "checklist", "--demo", "--format", "pdf");
  g_assert_cmpint (format.status, ==, 2);

  run_cli (&missing, "checklist", "/nonexistent/rota.sqlite3");
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_cmpstr (missing.out, ==, "");

  run_cli (&nothing, "checklist");
  g_assert_cmpint (nothing.status, ==, 2);
  g_assert_cmpuint (count_progress_files (), ==, 0);
}

/* A custom template of automatic items only, on a healthy file: exit 0 */
static void
test_ready (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "preflight", "templates", NULL);
  g_autofree char *template_path = g_build_filename (dir, "machine-only.json", NULL);
  g_autofree char *db_path = g_build_filename (g_get_user_cache_dir (), "healthy.sqlite3", NULL);
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) full = { 0 };
  sqlite3 *db = NULL;

  isolate_config ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (template_path,
    "{\"schema\": \"preflight-checklist-template/1\", \"id\": \"machine-only\","
    " \"title\": \"Machine only\", \"description\": \"\","
    " \"steps\": [{\"id\": \"s\", \"title\": \"Checks\", \"description\": \"\", \"items\": ["
    "   {\"id\": \"c\", \"title\": \"Connects\", \"why\": \"w\", \"kind\": \"automatic\","
    "    \"check\": \"connection\", \"required\": true, \"role\": \"\"},"
    "   {\"id\": \"s\", \"title\": \"No sessions\", \"why\": \"w\", \"kind\": \"automatic\","
    "    \"check\": \"pg-sessions\", \"required\": true, \"role\": \"\"},"
    "   {\"id\": \"i\", \"title\": \"Clean data\", \"why\": \"w\", \"kind\": \"automatic\","
    "    \"check\": \"integrity\", \"required\": true, \"role\": \"\"}]}]}",
    -1, NULL));
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT);"
                                     "INSERT INTO person (name) VALUES ('ada');", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  run_cli (&run, "checklist", db_path, "--template", "machine-only");
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (matches ("\\AREADY: every required item is done\n", run.out));
  g_assert_true (matches ("^  \\[Passed\\] +Connects \\(automatic, required\\)$", run.out));
  g_assert_true (matches ("^  \\[Not applicable\\] +No sessions", run.out));

  /* The same file with a broken link: the integrity item fails, exit 1 */
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE shift (id INTEGER PRIMARY KEY,"
                                     "                    person_id INTEGER REFERENCES person (id));"
                                     "INSERT INTO shift (person_id) VALUES (7);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  run_cli (&full, "checklist", db_path);
  g_assert_cmpint (full.status, ==, 1);
  g_assert_true (matches ("\\ANOT READY: 1 required item is not done\n", full.out));
  g_assert_true (matches ("^  \\[Failed\\] +Clean data", full.out));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli-checklist/demo-text", test_demo_text);
  g_test_add_func ("/cli-checklist/demo-json", test_demo_json);
  g_test_add_func ("/cli-checklist/check-without-checklist", test_check_without_checklist);
  g_test_add_func ("/cli-checklist/other-template", test_other_template);
  g_test_add_func ("/cli-checklist/no-save", test_no_save);
  g_test_add_func ("/cli-checklist/usage-errors", test_usage_errors);
  g_test_add_func ("/cli-checklist/ready", test_ready);

  return g_test_run ();
}
