/* test-report.c — verdicts, ordering, the sentence managers read, and preflight-report/1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "pf-engine.h"
#include "pf-finding.h"
#include "pf-report.h"

static PfReport *
new_report (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "rota.db", NULL);
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);

  return pf_report_new (database);
}

static void
add (PfReport   *report,
     const char *check_id,
     PfSeverity  severity,
     const char *table)
{
  g_autoptr(PfFinding) finding = pf_finding_new (check_id, severity);

  pf_finding_set_table (finding, NULL, table);
  pf_report_add_finding (report, finding);
}

static void
test_verdict (void)
{
  g_autoptr(PfReport) report = new_report ();
  g_autoptr(PfFinding) failed = NULL;
  g_autoptr(GError) error = NULL;
  char *sentence;

  g_assert_cmpint (pf_report_get_verdict (report), ==, PF_VERDICT_GO);
  g_assert_true (pf_report_get_complete (report));
  sentence = pf_report_dup_verdict_sentence (report);
  g_assert_cmpstr (sentence, ==, "GO: nothing found that blocks this migration");
  g_free (sentence);

  /* Information never changes the verdict */
  add (report, "no-primary-key", PF_SEVERITY_INFO, "a");
  g_assert_cmpint (pf_report_get_verdict (report), ==, PF_VERDICT_GO);

  add (report, "no-primary-key", PF_SEVERITY_WARNING, "b");
  g_assert_cmpint (pf_report_get_verdict (report), ==, PF_VERDICT_GO_WITH_WARNINGS);
  sentence = pf_report_dup_verdict_sentence (report);
  g_assert_cmpstr (sentence, ==, "GO WITH WARNINGS: 1 thing needs a look before this migration");
  g_free (sentence);

  /* A check that could not run is a warning */
  g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "permission denied for table c");
  failed = pf_finding_new_failed ("fk-orphans", "c.x → d", error);
  g_assert_true (pf_finding_get_failed (failed));
  g_assert_cmpint (pf_finding_get_severity (failed), ==, PF_SEVERITY_WARNING);
  g_assert_cmpstr (pf_finding_get_title (failed), ==, "Could not check c.x → d");
  g_assert_nonnull (strstr (pf_finding_get_explanation (failed), "permission denied for table c"));
  g_assert_cmpstr (pf_finding_get_error (failed), ==, "permission denied for table c");
  pf_report_add_finding (report, failed);
  sentence = pf_report_dup_verdict_sentence (report);
  g_assert_cmpstr (sentence, ==, "GO WITH WARNINGS: 2 things need a look before this migration");
  g_free (sentence);

  add (report, "fk-orphans", PF_SEVERITY_BLOCKER, "c");
  g_assert_cmpint (pf_report_get_verdict (report), ==, PF_VERDICT_NO_GO);
  sentence = pf_report_dup_verdict_sentence (report);
  g_assert_cmpstr (sentence, ==, "NO-GO: 1 problem blocks this migration");
  g_free (sentence);

  add (report, "fk-orphans", PF_SEVERITY_BLOCKER, "d");
  g_assert_cmpuint (pf_report_count (report, PF_SEVERITY_BLOCKER), ==, 2);
  g_assert_cmpuint (pf_report_count (report, PF_SEVERITY_WARNING), ==, 2);
  g_assert_cmpuint (pf_report_count (report, PF_SEVERITY_INFO), ==, 1);

  pf_report_set_incomplete (report, "The scan was cancelled; 3 of 10 checks finished");
  g_assert_false (pf_report_get_complete (report));
  sentence = pf_report_dup_verdict_sentence (report);
  g_assert_cmpstr (sentence, ==,
                   "NO-GO: 2 problems block this migration. "
                   "The scan is incomplete: the scan was cancelled; 3 of 10 checks finished");
  g_free (sentence);
}

/* A scan that did not check everything is never GO, even with nothing found */
static void
test_verdict_incomplete (void)
{
  g_autoptr(PfReport) report = new_report ();
  g_autofree char *sentence = NULL;

  pf_report_set_incomplete (report, "The scan was cancelled; 0 of 4 checks finished");
  g_assert_cmpint (pf_report_get_verdict (report), ==, PF_VERDICT_GO_WITH_WARNINGS);
  sentence = pf_report_dup_verdict_sentence (report);
  g_assert_cmpstr (sentence, ==,
                   "GO WITH WARNINGS: not everything could be checked. "
                   "The scan is incomplete: the scan was cancelled; 0 of 4 checks finished");
}

static void
test_sorting (void)
{
  g_autoptr(PfReport) report = new_report ();
  GListModel *findings = pf_report_get_findings (report);
  const struct { const char *check; PfSeverity severity; const char *table; } expected[] = {
    { "fk-orphans", PF_SEVERITY_BLOCKER, "a" },
    { "sqlite-integrity", PF_SEVERITY_BLOCKER, "a" },
    { "fk-orphans", PF_SEVERITY_BLOCKER, "b" },
    { "no-primary-key", PF_SEVERITY_WARNING, "a" },
    { "type-mismatch", PF_SEVERITY_WARNING, "z" },
    { "no-primary-key", PF_SEVERITY_INFO, "a" },
  };

  add (report, "no-primary-key", PF_SEVERITY_INFO, "a");
  add (report, "type-mismatch", PF_SEVERITY_WARNING, "z");
  add (report, "fk-orphans", PF_SEVERITY_BLOCKER, "b");
  add (report, "no-primary-key", PF_SEVERITY_WARNING, "a");
  add (report, "sqlite-integrity", PF_SEVERITY_BLOCKER, "a");
  add (report, "fk-orphans", PF_SEVERITY_BLOCKER, "a");

  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);

      g_assert_cmpstr (pf_finding_get_check_id (finding), ==, expected[i].check);
      g_assert_cmpint (pf_finding_get_severity (finding), ==, expected[i].severity);
      g_assert_cmpstr (pf_finding_get_table (finding), ==, expected[i].table);
    }
}

#define HOSTILE "we\"ird\\ \n</script><b>&amp; “Ünïcødé” ; DROP TABLE x; --\t\x01"

static JsonObject *
parse (PfReport   *report,
       JsonParser *parser)
{
  g_autofree char *json = pf_report_to_json (report, TRUE);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_suffix (json, "}\n"));
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_strv_array (JsonArray          *array,
                   const char * const *expected)
{
  g_assert_cmpuint (json_array_get_length (array), ==, g_strv_length ((char **)expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (json_array_get_string_element (array, i), ==, expected[i]);
}

static void
test_json (void)
{
  g_autoptr(PfReport) report = new_report ();
  g_autoptr(PfFinding) orphans = pf_finding_new ("fk-orphans", PF_SEVERITY_BLOCKER);
  g_autoptr(PfFinding) failed = NULL;
  g_autoptr(PfFinding) info = pf_finding_new ("no-primary-key", PF_SEVERITY_INFO);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *columns[] = { "supervisor_id", HOSTILE, NULL };
  const char *parent_columns[] = { "sap", "other", NULL };
  const char *key_columns[] = { "id" };
  const char *key_values[] = { "17" };
  const char *value_columns[] = { "supervisor_id", HOSTILE };
  const char *values[] = { "ADMIN001", NULL };
  const char *cascade_columns[] = { "profile_id", NULL };
  JsonObject *root, *object, *finding, *sample, *cascade, *tables, *entry;
  JsonArray *findings;
  g_autoptr(GDateTime) parsed = NULL;

  pf_finding_set_table (orphans, "rota", HOSTILE);
  pf_finding_set_columns (orphans, columns);
  pf_finding_set_parent_table (orphans, "public", "scheduling_user");
  pf_finding_set_parent_columns (orphans, parent_columns);
  pf_finding_set_constraint (orphans, "fk_" HOSTILE);
  pf_finding_set_count (orphans, 2);
  pf_finding_add_value (orphans, "ADMIN001", 2);
  pf_finding_add_value (orphans, HOSTILE, 1);
  pf_finding_add_sample (orphans, 1, key_columns, key_values, 2, value_columns, values);
  pf_finding_add_cascade_step (orphans, "public", "staff_profile", cascade_columns, 5,
                               PF_FOREIGN_KEY_ACTION_CASCADE, 1);
  pf_finding_add_cascade_step (orphans, "hr", "leave", cascade_columns, 7,
                               PF_FOREIGN_KEY_ACTION_SET_NULL, 2);
  pf_finding_set_title (orphans, "2 supervision records point at users that do not exist");
  pf_finding_set_explanation (orphans, HOSTILE);
  pf_finding_set_detail (orphans, "detail");
  pf_finding_set_fix_sql (orphans, "DELETE FROM \"x\";");

  g_set_error_literal (&error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_QUERY, "A query failed: " HOSTILE);
  failed = pf_finding_new_failed ("sqlite-integrity", "the file", error);

  pf_report_add_finding (report, info);
  pf_report_add_finding (report, failed);
  pf_report_add_finding (report, orphans);
  pf_report_set_incomplete (report, "1 check could not run");

  root = parse (report, parser);
  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==, "preflight-report/1");
  parsed = g_date_time_new_from_iso8601 (json_object_get_string_member (root, "generated_at"), NULL);
  g_assert_nonnull (parsed);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (root, "generated_at"), "Z"));
  g_assert_true (g_date_time_equal (parsed, pf_report_get_generated_at (report)));

  object = json_object_get_object_member (root, "tool");
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "preflight");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, PACKAGE_VERSION);

  object = json_object_get_object_member (root, "target");
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "sqlite");
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "rota.db");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "database"), "/rota.db"));
  /* Not opened: no version, and no empty string in its place */
  g_assert_false (json_object_has_member (object, "server_version"));

  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "no-go");
  g_assert_false (json_object_get_boolean_member (root, "complete"));
  g_assert_cmpstr (json_object_get_string_member (root, "incomplete_reason"), ==, "1 check could not run");
  object = json_object_get_object_member (root, "summary");
  g_assert_cmpint (json_object_get_int_member (object, "blockers"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "warnings"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "info"), ==, 1);
  g_assert_false (json_object_has_member (root, "migrations"));
  g_assert_false (json_object_has_member (root, "checklist"));
  /* Every check ran: no list */
  g_assert_false (json_object_has_member (root, "checks"));

  findings = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 3);

  /* Blocker first, every key */
  finding = json_array_get_object_element (findings, 0);
  g_assert_cmpstr (json_object_get_string_member (finding, "check"), ==, "fk-orphans");
  g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "blocker");
  g_assert_cmpstr (json_object_get_string_member (finding, "table"), ==, "rota." HOSTILE);
  g_assert_cmpstr (json_object_get_string_member (finding, "schema"), ==, "rota");
  assert_strv_array (json_object_get_array_member (finding, "columns"), columns);
  g_assert_cmpstr (json_object_get_string_member (finding, "parent_table"), ==, "scheduling_user");
  assert_strv_array (json_object_get_array_member (finding, "parent_columns"), parent_columns);
  g_assert_cmpstr (json_object_get_string_member (finding, "constraint"), ==, "fk_" HOSTILE);
  g_assert_true (json_object_get_boolean_member (finding, "declared"));
  g_assert_cmpint (json_object_get_int_member (finding, "count"), ==, 2);

  {
    JsonArray *array = json_object_get_array_member (finding, "values");

    g_assert_cmpuint (json_array_get_length (array), ==, 2);
    object = json_array_get_object_element (array, 0);
    g_assert_cmpstr (json_object_get_string_member (object, "value"), ==, "ADMIN001");
    g_assert_cmpint (json_object_get_int_member (object, "count"), ==, 2);
    object = json_array_get_object_element (array, 1);
    g_assert_cmpstr (json_object_get_string_member (object, "value"), ==, HOSTILE);
    g_assert_cmpint (json_object_get_int_member (object, "count"), ==, 1);

    array = json_object_get_array_member (finding, "samples");
    g_assert_cmpuint (json_array_get_length (array), ==, 1);
    sample = json_array_get_object_element (array, 0);
    object = json_object_get_object_member (sample, "key");
    g_assert_cmpuint (json_object_get_size (object), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "17");
    object = json_object_get_object_member (sample, "values");
    g_assert_cmpuint (json_object_get_size (object), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (object, "supervisor_id"), ==, "ADMIN001");
    /* SQL NULL is JSON null, not "" and not missing */
    g_assert_true (json_object_has_member (object, HOSTILE));
    g_assert_true (json_object_get_null_member (object, HOSTILE));
  }

  cascade = json_object_get_object_member (finding, "cascade");
  g_assert_cmpint (json_object_get_int_member (cascade, "rows"), ==, 12);
  tables = json_object_get_object_member (cascade, "tables");
  g_assert_cmpuint (json_object_get_size (tables), ==, 2);
  entry = json_object_get_object_member (tables, "staff_profile");
  g_assert_cmpint (json_object_get_int_member (entry, "rows"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (entry, "on_delete"), ==, "cascade");
  g_assert_cmpint (json_object_get_int_member (entry, "depth"), ==, 1);
  assert_strv_array (json_object_get_array_member (entry, "columns"), cascade_columns);
  entry = json_object_get_object_member (tables, "hr.leave");
  g_assert_cmpint (json_object_get_int_member (entry, "rows"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (entry, "on_delete"), ==, "set-null");
  g_assert_cmpint (json_object_get_int_member (entry, "depth"), ==, 2);

  g_assert_cmpstr (json_object_get_string_member (finding, "title"), ==,
                   "2 supervision records point at users that do not exist");
  g_assert_cmpstr (json_object_get_string_member (finding, "explanation"), ==, HOSTILE);
  g_assert_cmpstr (json_object_get_string_member (finding, "detail"), ==, "detail");
  g_assert_cmpstr (json_object_get_string_member (finding, "fix_sql"), ==, "DELETE FROM \"x\";");
  g_assert_false (json_object_has_member (finding, "error"));
  g_assert_false (json_object_has_member (finding, "failed"));

  /* The failed check: a warning with its reason, nothing invented */
  finding = json_array_get_object_element (findings, 1);
  g_assert_cmpstr (json_object_get_string_member (finding, "check"), ==, "sqlite-integrity");
  g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "warning");
  g_assert_cmpstr (json_object_get_string_member (finding, "title"), ==, "Could not check the file");
  g_assert_cmpstr (json_object_get_string_member (finding, "error"), ==, "A query failed: " HOSTILE);
  g_assert_true (json_object_get_boolean_member (finding, "failed"));
  g_assert_nonnull (json_object_get_string_member (finding, "explanation"));
  for (guint i = 0; i < 11; i++)
    {
      const char *absent[] = { "table", "schema", "columns", "parent_table", "parent_columns",
                               "constraint", "declared", "count", "values", "samples", "cascade" };

      g_assert_false (json_object_has_member (finding, absent[i]));
    }
  g_assert_false (json_object_has_member (finding, "fix_sql"));
  g_assert_false (json_object_has_member (finding, "detail"));

  finding = json_array_get_object_element (findings, 2);
  g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "info");
  g_assert_cmpuint (json_object_get_size (finding), ==, 2);
}

static void
test_json_complete (void)
{
  g_autoptr(PfReport) report = new_report ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = parse (report, parser);

  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "go");
  g_assert_true (json_object_get_boolean_member (root, "complete"));
  g_assert_false (json_object_has_member (root, "incomplete_reason"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "findings")), ==, 0);
  g_assert_false (json_object_has_member (root, "checks"));
}

/* A restricted scan says which checks ran, so nobody reads "GO" as "all clear" */
static void
test_json_checks (void)
{
  g_autoptr(PfReport) report = new_report ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *checks[] = { "fk-orphans", "type-mismatch", NULL };
  JsonObject *root;

  pf_report_set_checks (report, checks);
  g_assert_cmpstrv (pf_report_get_checks (report), checks);
  root = parse (report, parser);
  assert_strv_array (json_object_get_array_member (root, "checks"), checks);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report/verdict", test_verdict);
  g_test_add_func ("/report/verdict-incomplete", test_verdict_incomplete);
  g_test_add_func ("/report/sorting", test_sorting);
  g_test_add_func ("/report/json", test_json);
  g_test_add_func ("/report/json-complete", test_json_complete);
  g_test_add_func ("/report/json-checks", test_json_checks);

  return g_test_run ();
}
