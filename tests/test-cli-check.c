/* test-cli-check.c — preflight-cli check as a person or a CI job runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli-check"

#include "config.h"

#include <sqlite3.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pf-test-cli.h"

/* The first finding with this check id, table and single column; NULL
 * table or column matches any */
static JsonObject *
find_finding (JsonObject *report,
              const char *check,
              const char *table,
              const char *column)
{
  JsonArray *findings = json_object_get_array_member (report, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      JsonArray *columns;

      if (g_strcmp0 (json_object_get_string_member (finding, "check"), check) != 0 ||
          (table != NULL &&
           g_strcmp0 (json_object_get_string_member_with_default (finding, "table", NULL), table) != 0))
        continue;

      if (column == NULL)
        return finding;
      columns = json_object_get_array_member (finding, "columns");
      if (columns != NULL &&
          (json_array_get_length (columns) == 1 &&
           g_strcmp0 (json_array_get_string_element (columns, 0), column) == 0))
        return finding;
    }

  return NULL;
}

static void
assert_fk_orphans (JsonObject *report,
                   const char *table,
                   const char *column,
                   gint64      count,
                   const char *top_value)
{
  JsonObject *finding = find_finding (report, "fk-orphans", table, column);
  JsonArray *values;

  g_assert_nonnull (finding);
  g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "blocker");
  g_assert_cmpint (json_object_get_int_member (finding, "count"), ==, count);
  g_assert_true (json_object_get_boolean_member (finding, "declared"));
  g_assert_cmpstr (json_object_get_string_member (finding, "parent_table"), ==, "scheduling_user");

  values = json_object_get_array_member (finding, "values");
  g_assert_cmpuint (json_array_get_length (values), >=, 1);
  if (top_value != NULL)
    {
      JsonObject *top = json_array_get_object_element (values, 0);

      g_assert_cmpstr (json_object_get_string_member (top, "value"), ==, top_value);
      g_assert_cmpint (json_object_get_int_member (top, "count"), ==, count);
    }
}

/* ------------------------------------------------------------ demo -- */

static void
test_check_demo_text (void)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) again = { 0 };
  const char *blockers, *warnings;

  run_cli (&run, "check", "--demo");
  g_assert_cmpint (run.status, ==, 1);
  /* Not a terminal: no progress bar, nothing at all on stderr */
  g_assert_cmpstr (run.err, ==, "");

  /* The verdict a manager understands is the very first line */
  g_assert_true (g_regex_match_simple ("^NO-GO: [0-9]+ problems? blocks? this migration\\n",
                                       run.out, G_REGEX_ANCHORED, 0));
  g_assert_false (strstr (run.out, "\033[") != NULL);

  /* Findings grouped by severity, blockers first */
  blockers = strstr (run.out, "\nBlockers (");
  g_assert_nonnull (blockers);
  warnings = strstr (run.out, "\nWarnings (");
  if (warnings != NULL)
    g_assert_cmpint (blockers - run.out, <, warnings - run.out);

  /* Where, how many and the planted values */
  g_assert_true (matches ("^    Where +scheduling_supervisionrecord\\.supervisor_id → "
                          "scheduling_user\\.sap$", run.out));
  g_assert_true (matches ("^    Values +ADMIN001 \\(2 rows\\)$", run.out));
  g_assert_true (matches ("^    Where +scheduling_accesslog\\.user_id → scheduling_user\\.sap$",
                          run.out));
  g_assert_true (matches ("^    Values +ADMIN001 \\(150 rows\\)$", run.out));
  g_assert_true (matches ("^    Where +scheduling_staffprofile\\.user_id → scheduling_user\\.sap$",
                          run.out));
  g_assert_true (matches ("^    Rows +300$", run.out));
  /* The leave rows hanging from the orphaned staff profiles */
  g_assert_true (matches ("^    Cascade +[0-9]+ rows in other tables depend on these rows:.*"
                          "scheduling_leave", run.out));
  g_assert_true (g_str_has_suffix (run.out, "\nRun with --format json for samples and fix scripts.\n"));

  /* The same through the global option */
  run_cli (&again, "--demo", "check");
  g_assert_cmpint (again.status, ==, 1);
  g_assert_cmpstr (again.out, ==, run.out);
}

static void
test_check_demo_json (void)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report, *summary, *target;
  JsonArray *findings;
  gint64 counted[3] = { 0, 0, 0 };

  run_cli (&run, "check", "--demo", "--format", "json");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");

  root = parse_json (run.out);
  report = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (report, "schema"), ==, "preflight-report/1");
  g_assert_cmpstr (json_object_get_string_member (report, "verdict"), ==, "no-go");
  target = json_object_get_object_member (report, "target");
  g_assert_cmpstr (json_object_get_string_member (target, "kind"), ==, "sqlite");

  /* The planted orphans of data/demo/demo.sql */
  assert_fk_orphans (report, "scheduling_supervisionrecord", "supervisor_id", 2, "ADMIN001");
  assert_fk_orphans (report, "scheduling_accesslog", "user_id", 150, "ADMIN001");
  assert_fk_orphans (report, "scheduling_staffprofile", "user_id", 300, NULL);
  g_assert_nonnull (find_finding (report, "fk-orphans", "scheduling_sicknessrecord", "profile_id"));
  g_assert_cmpint (json_object_get_int_member (find_finding (report, "fk-orphans",
                                                             "scheduling_sicknessrecord",
                                                             "profile_id"), "count"), ==, 42);

  /* The summary agrees with the findings listed */
  findings = json_object_get_array_member (report, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      const char *severity = json_object_get_string_member (json_array_get_object_element (findings, i),
                                                            "severity");

      if (g_str_equal (severity, "blocker"))
        counted[0]++;
      else if (g_str_equal (severity, "warning"))
        counted[1]++;
      else if (g_str_equal (severity, "info"))
        counted[2]++;
      else
        g_assert_not_reached ();
    }
  /* …and the migration problems, which count alike */
  if (json_object_has_member (report, "migrations"))
    {
      JsonArray *problems = json_object_get_array_member (json_object_get_object_member (report, "migrations"),
                                                          "problems");

      for (guint i = 0; i < json_array_get_length (problems); i++)
        {
          const char *severity = json_object_get_string_member (json_array_get_object_element (problems, i),
                                                                "severity");

          counted[g_str_equal (severity, "blocker") ? 0 : g_str_equal (severity, "warning") ? 1 : 2]++;
        }
    }
  summary = json_object_get_object_member (report, "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "blockers"), ==, counted[0]);
  g_assert_cmpint (json_object_get_int_member (summary, "warnings"), ==, counted[1]);
  g_assert_cmpint (json_object_get_int_member (summary, "info"), ==, counted[2]);
  g_assert_cmpint (counted[0], >=, 4);
}

/* Any number of workers finds the same things */
static void
test_check_demo_jobs (void)
{
  g_autoptr(JsonNode) baseline = NULL;
  const char *jobs[] = { "1", "3", "8" };

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "check", "--demo", "--format=json", "--jobs=2");
    g_assert_cmpint (run.status, ==, 1);
    baseline = parse_json (run.out);
  }

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_auto(CliRun) run = { 0 };
      g_autoptr(JsonNode) root = NULL;

      run_cli (&run, "check", "--demo", "--format=json", "-j", jobs[i]);
      g_assert_cmpint (run.status, ==, 1);
      root = parse_json (run.out);
      g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (root), "findings"),
                                      json_object_get_member (json_node_get_object (baseline), "findings")));
    }
}

/* --checks runs those checks and no others, and the report says which */
static void
test_check_checks (void)
{
  g_auto(CliRun) all = { 0 };
  g_auto(CliRun) fk = { 0 };
  g_auto(CliRun) other = { 0 };
  g_autoptr(JsonNode) all_root = NULL;
  g_autoptr(JsonNode) fk_root = NULL;
  g_autoptr(JsonNode) other_root = NULL;
  JsonObject *report;
  JsonArray *checks;

  run_cli (&all, "check", "--demo", "--format=json");
  all_root = parse_json (all.out);
  g_assert_false (json_object_has_member (json_node_get_object (all_root), "checks"));
  /* The demo's problems are all orphans */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (all_root),
                                                                         "findings")), >, 0);

  run_cli (&fk, "check", "--demo", "--format=json", "--checks", "fk-orphans");
  g_assert_cmpint (fk.status, ==, 1);
  fk_root = parse_json (fk.out);
  g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (fk_root), "findings"),
                                  json_object_get_member (json_node_get_object (all_root), "findings")));

  /* Without fk-orphans nothing finds them: the verdict is GO, for these checks */
  run_cli (&other, "check", "--demo", "--format=json", "--checks", "sqlite-integrity",
           "-c", "type-mismatch, sqlite-integrity");
  g_assert_cmpint (other.status, ==, 0);
  other_root = parse_json (other.out);
  report = json_node_get_object (other_root);
  g_assert_cmpstr (json_object_get_string_member (report, "verdict"), ==, "go");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "findings")), ==, 0);
  /* In the order given, each once */
  checks = json_object_get_array_member (report, "checks");
  g_assert_cmpuint (json_array_get_length (checks), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (checks, 0), ==, "sqlite-integrity");
  g_assert_cmpstr (json_array_get_string_element (checks, 1), ==, "type-mismatch");
}

static void
test_check_fail_on (void)
{
  g_auto(CliRun) blocker = { 0 };
  g_auto(CliRun) never = { 0 };
  g_auto(CliRun) warning = { 0 };

  run_cli (&blocker, "check", "--demo", "--fail-on", "blocker");
  g_assert_cmpint (blocker.status, ==, 1);

  /* Same report, different judgement */
  run_cli (&never, "check", "--demo", "--fail-on=never");
  g_assert_cmpint (never.status, ==, 0);
  g_assert_cmpstr (never.out, ==, blocker.out);
  g_assert_cmpstr (never.err, ==, "");

  run_cli (&warning, "check", "--demo", "--fail-on=warning");
  g_assert_cmpint (warning.status, ==, 1);
}

/* ----------------------------------------------------------- clean -- */

static char *
create_clean_database (void)
{
  static const char sql[] =
    "CREATE TABLE home (id integer PRIMARY KEY, name text NOT NULL UNIQUE);"
    "CREATE TABLE person (sap varchar(6) NOT NULL PRIMARY KEY, email text NOT NULL UNIQUE);"
    "CREATE TABLE shift (id integer PRIMARY KEY, day text NOT NULL,"
    "  home_id integer NOT NULL REFERENCES home (id),"
    "  person_id varchar(6) NULL REFERENCES person (sap));"
    "CREATE INDEX shift_home_id ON shift (home_id);"
    "CREATE INDEX shift_person_id ON shift (person_id);"
    "INSERT INTO home VALUES (1, 'Rowan House'), (2, 'Birch Court');"
    "INSERT INTO person VALUES ('100001', 'a@example.org'), ('100002', 'b@example.org');"
    "INSERT INTO shift VALUES (1, '2026-11-21', 1, '100001'), (2, '2026-11-21', 2, '100002'),"
    "  (3, '2026-11-22', 2, NULL);";
  g_autofree char *path = data_path ("clean.sqlite3");
  sqlite3 *db = NULL;
  char *message = NULL;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_null (message);
  sqlite3_close (db);

  return g_steal_pointer (&path);
}

static void
test_check_clean (void)
{
  g_autofree char *path = create_clean_database ();
  g_autofree char *url = g_strconcat ("sqlite://", path, NULL);
  g_auto(CliRun) text = { 0 };
  g_auto(CliRun) json = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *summary;

  run_cli (&text, "check", path);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpstr (text.err, ==, "");
  g_assert_true (g_regex_match_simple ("^GO\\b", text.out, G_REGEX_ANCHORED, 0));
  g_assert_false (g_str_has_prefix (text.out, "GO WITH WARNINGS"));
  g_assert_null (strstr (text.out, "Blockers"));

  run_cli (&json, "check", url, "--format", "json", "--fail-on", "warning");
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (json.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "verdict"), ==, "go");
  summary = json_object_get_object_member (json_node_get_object (root), "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "blockers"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (summary, "warnings"), ==, 0);
}

/* ----------------------------------------------------------- rules -- */

static void
test_check_rules (void)
{
  g_autofree char *bad = write_data_file ("rules.json",
    "{\"format\": [{\"table\": \"scheduling_user\", \"column\": \"sap\", \"pattern\": \"^[0-9{6}$\"}]}");
  g_autofree char *good = write_data_file ("sap-rules.json",
    "{\"schema\": \"preflight-rules/1\",\n"
    " \"format\": [{\"table\": \"scheduling_user\", \"column\": \"sap\",\n"
    "              \"pattern\": \"^[0-9]{6}$\", \"include_references\": true}]}\n");
  g_autofree char *missing = data_path ("missing.json");
  g_auto(CliRun) run_bad = { 0 };
  g_auto(CliRun) run_missing = { 0 };
  g_auto(CliRun) run_good = { 0 };
  g_autoptr(JsonNode) root = NULL;

  /* Refused before any database is opened, in one sentence */
  run_cli (&run_bad, "check", "--demo", "--rules", bad);
  g_assert_cmpint (run_bad.status, ==, 2);
  g_assert_cmpstr (run_bad.out, ==, "");
  g_assert_cmpstr (run_bad.err, ==,
                   "preflight-cli: rules.json: “format” item 1: the pattern “^[0-9{6}$” is not a "
                   "valid regular expression: missing terminating ] for character class "
                   "(at character 9)\n");

  run_cli (&run_missing, "check", "--demo", "--rules", missing);
  g_assert_cmpint (run_missing.status, ==, 2);
  g_assert_cmpstr (run_missing.err, ==,
                   "preflight-cli: Could not read the rules file “missing.json”: "
                   "the file does not exist\n");

  /* The SAP-number rule reaches the scan: 'ADMIN001' is not six digits */
  run_cli (&run_good, "check", "--demo", "--rules", good, "--format", "json");
  g_assert_cmpint (run_good.status, ==, 1);
  g_assert_cmpstr (run_good.err, ==, "");
  root = parse_json (run_good.out);
  g_assert_nonnull (find_finding (json_node_get_object (root), "format-rule", NULL, NULL));
}

/* ----------------------------------------------------------- usage -- */

static void
test_check_usage_errors (void)
{
  static const struct {
    const char *args[6];
    const char *err;
  } cases[] = {
    { { "check", "--demo", "--jobs", "0", NULL },
      "preflight-cli: --jobs must be between 1 and 8, not 0.\n" },
    { { "check", "--demo", "--jobs=9", NULL },
      "preflight-cli: --jobs must be between 1 and 8, not 9.\n" },
    { { "check", "--demo", "--jobs=many", NULL },
      "preflight-cli: Cannot parse integer value “many” for --jobs\n" },
    { { "check", "--demo", "--format", "xml", NULL },
      "preflight-cli: Unknown format “xml”: use text, json, html, markdown or pdf.\n" },
    { { "check", "--demo", "--format", "pdf", NULL },
      "preflight-cli: A PDF report needs a file: add --output FILE.\n" },
    { { "check", "--demo", "--paper", "a5", NULL },
      "preflight-cli: Unknown paper size “a5” for --paper: use a4 or letter.\n" },
    { { "check", "--demo", "--fail-on", "sometimes", NULL },
      "preflight-cli: Unknown level “sometimes” for --fail-on: use blocker, warning or never.\n" },
    { { "check", NULL },
      "preflight-cli: No database given: pass a TARGET or --demo.\n" },
    { { "check", "a.db", "b.db", NULL },
      "preflight-cli: Give one TARGET or --demo, not more.\n" },
    { { "check", "--demo", "--checks", "fk-orphans,fk-orphanz", NULL },
      "preflight-cli: Unknown check “fk-orphanz” for --checks: use one or more of fk-orphans, "
      "fk-not-valid, implied-fk-orphans, fk-trigger-disabled, sequence-behind, invalid-index, "
      "no-primary-key, sqlite-integrity, type-mismatch, duplicate-values, format-rule, "
      "not-null-rule.\n" },
    { { "check", "--demo", "--checks=,", NULL },
      "preflight-cli: --checks needs at least one check id.\n" },
    { { "check", "--demo", "--colour", NULL },
      "preflight-cli: Unknown option --colour\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run = { 0 };
      g_autofree char *expected = g_strconcat (cases[i].err,
                                               "Run “preflight-cli check --help” for usage.\n",
                                               NULL);

      run_cliv (&run, cases[i].args);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpstr (run.err, ==, expected);
    }
}

static void
test_check_unreachable (void)
{
  g_autofree char *path = write_data_file ("x.db", "Not a database: just a shopping list.\n");
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "check", path);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==,
                   "preflight-cli: Could not open “x.db”: the file is not a SQLite database\n");
}

static void
test_check_help (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "check", "--help");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (matches ("^  preflight-cli check \\[OPTION.*\\] TARGET$", run.out));
  for (guint i = 0; i < 6; i++)
    g_assert_true (matches ((const char *[]) { "--rules=FILE", "--jobs=N", "--format=FORMAT",
                                               "--output=FILE", "--fail-on=LEVEL", "--demo" }[i],
                            run.out));
}

/* ---------------------------------------------------------- output -- */

static void
test_check_output (void)
{
  g_autofree char *json_path = data_path ("report.json");
  g_autofree char *text_path = data_path ("report.txt");
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "a-folder", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) text = { 0 };
  g_auto(CliRun) stdout_text = { 0 };
  g_auto(CliRun) not_a_file = { 0 };

  run_cli (&json, "check", "--demo", "--format", "json", "--output", json_path);
  g_assert_cmpint (json.status, ==, 1);
  g_assert_cmpstr (json.out, ==, "");
  g_assert_cmpstr (json.err, ==, "");
  g_file_get_contents (json_path, &contents, NULL, &error);
  g_assert_no_error (error);
  root = parse_json (contents);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "schema"),
                   ==, "preflight-report/1");

  /* Text to a file is exactly what the terminal would have shown */
  run_cli (&text, "check", "--demo", "-o", text_path);
  g_assert_cmpint (text.status, ==, 1);
  g_assert_cmpstr (text.out, ==, "");
  run_cli (&stdout_text, "check", "--demo");
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (text_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, stdout_text.out);

  /* A place the report cannot go: exit 2 with a sentence */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  run_cli (&not_a_file, "check", "--demo", "--output", folder);
  g_assert_cmpint (not_a_file.status, ==, 2);
  g_assert_cmpstr (not_a_file.out, ==, "");
  g_assert_true (g_str_has_prefix (not_a_file.err,
                                   "preflight-cli: Could not write the report to “"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/check/help", test_check_help);
  g_test_add_func ("/cli/check/usage-errors", test_check_usage_errors);
  g_test_add_func ("/cli/check/unreachable", test_check_unreachable);
  g_test_add_func ("/cli/check/demo-text", test_check_demo_text);
  g_test_add_func ("/cli/check/demo-json", test_check_demo_json);
  g_test_add_func ("/cli/check/demo-jobs", test_check_demo_jobs);
  g_test_add_func ("/cli/check/checks", test_check_checks);
  g_test_add_func ("/cli/check/fail-on", test_check_fail_on);
  g_test_add_func ("/cli/check/clean", test_check_clean);
  g_test_add_func ("/cli/check/rules", test_check_rules);
  g_test_add_func ("/cli/check/output", test_check_output);

  return g_test_run ();
}
