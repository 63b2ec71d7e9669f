/* test-migration-analysis.c — the migrations analysis on the bundled demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-migration-analysis"

#include "config.h"

#include <json-glib/json-glib.h>

#include "pf-engine.h"
#include "pf-migration-analysis.h"
#include "pf-scan.h"

typedef struct
{
  PfDatabase *database;
  PfSchema   *schema;
  char       *project;
} Demo;

static void
demo_open (Demo *demo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);

  g_assert_no_error (error);
  demo->project = pf_demo_ensure_project (NULL, &error);
  g_assert_no_error (error);
  demo->database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);
  g_assert_true (pf_database_open (demo->database, NULL, &error));
  g_assert_no_error (error);
  demo->schema = pf_database_introspect (demo->database, NULL, &error);
  g_assert_no_error (error);
}

static void
demo_close (Demo *demo)
{
  pf_database_close (demo->database);
  g_clear_object (&demo->database);
  g_clear_object (&demo->schema);
  g_clear_pointer (&demo->project, g_free);
}

static GPtrArray *
problems_of_kind (PfMigrationAnalysis *analysis,
                  const char          *kind)
{
  GPtrArray *problems = pf_migration_analysis_get_problems (analysis);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (pf_migration_problem_get_kind (g_ptr_array_index (problems, i)), kind))
      g_ptr_array_add (found, g_ptr_array_index (problems, i));

  return found;
}

static PfMigrationProblem *
one_problem (PfMigrationAnalysis *analysis,
             const char          *kind)
{
  g_autoptr(GPtrArray) found = problems_of_kind (analysis, kind);

  g_test_message ("kind %s: %u", kind, found->len);
  g_assert_cmpuint (found->len, ==, 1);

  return g_ptr_array_index (found, 0);
}

static PfMigrationAnalysis *
run_demo (Demo     *demo,
          PfReport *integrity)
{
  g_autoptr(GError) error = NULL;
  PfMigrationAnalysis *analysis;

  analysis = pf_migration_analysis_run (demo->database, demo->schema, demo->project, NULL,
                                        integrity, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis);

  return analysis;
}

/* ---- PfMigrationProblem ---------------------------------------------------- */

static void
test_problem_json (void)
{
  g_autoptr(PfMigrationProblem) problem = pf_migration_problem_new (PF_MIGRATION_PROBLEM_CONFLICT,
                                                                    PF_SEVERITY_BLOCKER);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  node = pf_migration_problem_to_json_node (problem);
  object = json_node_get_object (node);
  /* Only what is set: no empty keys */
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "conflict");
  g_assert_cmpstr (json_object_get_string_member (object, "severity"), ==, "blocker");
  g_clear_pointer (&node, json_node_unref);

  pf_migration_problem_set_app (problem, "scheduling");
  pf_migration_problem_add_migration (problem, "0007_a");
  pf_migration_problem_add_migration (problem, "0007_b");
  pf_migration_problem_add_migration (problem, "0007_a");
  pf_migration_problem_set_title (problem, "Conflicting migrations");
  pf_migration_problem_set_explanation (problem, "");
  pf_migration_problem_set_location (problem, "scheduling/migrations/0007_a.py", 12);
  pf_migration_problem_set_count (problem, 0);
  g_assert_cmpuint (g_strv_length ((char **) pf_migration_problem_get_migrations (problem)), ==, 2);

  node = pf_migration_problem_to_json_node (problem);
  object = json_node_get_object (node);
  g_assert_false (json_object_has_member (object, "explanation"));
  g_assert_false (json_object_has_member (object, "table"));
  g_assert_cmpint (json_object_get_int_member (object, "line"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (object, "count"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "migrations")), ==, 2);
}

/* ---- the demo ---------------------------------------------------------------- */

static void
test_demo_problems (void)
{
  Demo demo = { 0 };
  g_autoptr(PfMigrationAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) risky = NULL;
  GPtrArray *problems;
  PfMigrationProblem *problem;
  PfSeverity previous = PF_SEVERITY_BLOCKER;
  gboolean removal = FALSE, run_python = FALSE;

  demo_open (&demo);
  analysis = run_demo (&demo, NULL);
  problems = pf_migration_analysis_get_problems (analysis);

  /* Blockers first */
  for (guint i = 0; i < problems->len; i++)
    {
      PfSeverity severity = pf_migration_problem_get_severity (g_ptr_array_index (problems, i));

      g_test_message ("%s: %s", pf_migration_problem_get_kind (g_ptr_array_index (problems, i)),
                      pf_migration_problem_get_title (g_ptr_array_index (problems, i)));
      g_assert_cmpint (severity, <=, previous);
      previous = severity;
    }

  problem = one_problem (analysis, PF_MIGRATION_PROBLEM_CONFLICT);
  g_assert_cmpstr (pf_migration_problem_get_app (problem), ==, "scheduling");
  g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_BLOCKER);
  g_assert_true (g_strv_contains (pf_migration_problem_get_migrations (problem), "0024_alter_shift_status"));
  g_assert_true (g_strv_contains (pf_migration_problem_get_migrations (problem), "0025_remove_accesslog_user_agent"));
  g_assert_nonnull (strstr (pf_migration_problem_get_fix (problem), "makemigrations --merge"));

  problem = one_problem (analysis, PF_MIGRATION_PROBLEM_DUPLICATE_NUMBER);
  g_assert_true (g_strv_contains (pf_migration_problem_get_migrations (problem), "0024_alter_shift_status"));
  g_assert_true (g_strv_contains (pf_migration_problem_get_migrations (problem), "0024_staffprofile_payroll_number"));

  problem = one_problem (analysis, PF_MIGRATION_PROBLEM_MISSING_INIT);
  g_assert_cmpstr (pf_migration_problem_get_app (problem), ==, "reports");

  problem = one_problem (analysis, PF_MIGRATION_PROBLEM_UNPARSABLE_FILE);
  g_assert_true (g_str_has_suffix (pf_migration_problem_get_path (problem), "0026_auto_20240311_1530.py"));
  g_assert_cmpuint (pf_migration_problem_get_line (problem), >, 0);

  problem = one_problem (analysis, PF_MIGRATION_PROBLEM_MISSING_COLUMN);
  g_assert_cmpstr (pf_migration_problem_get_table (problem), ==, "scheduling_shift");
  g_assert_cmpstr (pf_migration_problem_get_column (problem), ==, "is_overtime");
  g_assert_true (g_strv_contains (pf_migration_problem_get_migrations (problem), "0017_shift_is_overtime"));

  problem = one_problem (analysis, PF_MIGRATION_PROBLEM_MISSING_TABLE);
  g_assert_cmpstr (pf_migration_problem_get_table (problem), ==, "scheduling_staffcertification");

  /* The fake batch, confirmed by drift */
  problem = one_problem (analysis, PF_MIGRATION_PROBLEM_PROBABLY_FAKED);
  g_assert_nonnull (strstr (pf_migration_problem_get_explanation (problem), "2 of them are indeed missing"));

  /* Django runs PRAGMA foreign_key_check after the first pending migration */
  problem = one_problem (analysis, PF_MIGRATION_PROBLEM_WILL_FAIL);
  g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_BLOCKER);
  g_assert_cmpstr (pf_migration_problem_get_title (problem), ==,
                   "Migration scheduling.0024_alter_shift_status will fail with IntegrityError "
                   "because 300 rows in scheduling_staffprofile point to missing users");
  g_assert_cmpint (pf_migration_problem_get_count (problem), ==, 494);
  g_assert_nonnull (strstr (pf_migration_problem_get_detail (problem), "AlterField"));
  g_assert_nonnull (strstr (pf_migration_problem_get_detail (problem),
                            "scheduling_sicknessrecord → scheduling_staffprofile: 42 rows"));

  risky = problems_of_kind (analysis, PF_MIGRATION_PROBLEM_RISKY_OPERATION);
  for (guint i = 0; i < risky->len; i++)
    {
      problem = g_ptr_array_index (risky, i);
      g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_WARNING);
      if (strstr (pf_migration_problem_get_title (problem), "removes scheduling_accesslog.user_agent") != NULL)
        {
          removal = TRUE;
          g_assert_cmpint (pf_migration_problem_get_count (problem), ==, 6000);
        }
      if (strstr (pf_migration_problem_get_title (problem), "runs Python code that cannot be undone") != NULL)
        run_python = TRUE;
    }
  g_assert_true (removal);
  g_assert_true (run_python);

  /* The one orphaned record is training's deleted 0003; history rows of
   * django.contrib apps are not orphans: the project only speaks for its
   * own apps */
  problem = one_problem (analysis, PF_MIGRATION_PROBLEM_ORPHANED_RECORD);
  g_assert_cmpstr (pf_migration_problem_get_app (problem), ==, "training");
  g_assert_true (g_strv_contains (pf_migration_problem_get_migrations (problem), "0003_course_expiry_legacy"));
  g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_WARNING);

  /* training 0002 is recorded without the 0001 it depends on */
  problem = one_problem (analysis, PF_MIGRATION_PROBLEM_INCONSISTENT_HISTORY);
  g_assert_cmpstr (pf_migration_problem_get_app (problem), ==, "training");
  g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_BLOCKER);
  g_assert_nonnull (strstr (pf_migration_problem_get_detail (problem),
                            "Migration training.0002_course_duration_hours is applied before its "
                            "dependency training.0001_initial"));

  g_assert_cmpuint (pf_migration_analysis_count (analysis, PF_SEVERITY_BLOCKER), ==, 7);

  demo_close (&demo);
}

static void
test_demo_plan (void)
{
  Demo demo = { 0 };
  g_autoptr(PfMigrationAnalysis) analysis = NULL;
  PfMigrationGraph *graph;
  GPtrArray *pending;
  const char *expected[] = {
    "0024_alter_shift_status", "0024_staffprofile_payroll_number", "0025_remove_accesslog_user_agent",
  };

  demo_open (&demo);
  analysis = run_demo (&demo, NULL);
  graph = pf_migration_analysis_get_graph (analysis);
  g_assert_nonnull (graph);
  pending = pf_migration_graph_get_pending (graph);

  /* What Django 3.2's showmigrations --plan lists for the demo */
  g_assert_cmpuint (pending->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < pending->len; i++)
    {
      PfMigration *migration = g_ptr_array_index (pending, i);
      g_autoptr(GPtrArray) dependencies = pf_migration_graph_dup_dependencies (graph, migration);

      g_assert_cmpstr (pf_migration_get_name (migration), ==, expected[i]);
      /* Valid order: every dependency applied or earlier in the plan */
      for (guint j = 0; j < dependencies->len; j++)
        {
          PfMigration *dependency = g_ptr_array_index (dependencies, j);
          guint index;

          if (pf_migration_graph_is_applied (graph, dependency))
            continue;
          g_assert_true (g_ptr_array_find (pending, dependency, &index));
          g_assert_cmpuint (index, <, i);
        }
    }

  demo_close (&demo);
}

/* The counts come from the scan when one is given */
static void
test_demo_with_integrity (void)
{
  Demo demo = { 0 };
  g_autoptr(PfMigrationAnalysis) analysis = NULL;
  g_autoptr(PfMigrationAnalysis) again = NULL;
  g_autoptr(PfReport) report = NULL;
  g_autoptr(PfFinding) finding = NULL;
  PfMigrationProblem *problem;

  demo_open (&demo);
  report = pf_report_new (demo.database);
  finding = pf_finding_new ("fk-orphans", PF_SEVERITY_BLOCKER);
  pf_finding_set_table (finding, NULL, "scheduling_shift");
  pf_finding_set_parent_table (finding, NULL, "scheduling_user");
  pf_finding_set_declared (finding, TRUE);
  pf_finding_set_count (finding, 7);
  pf_report_add_finding (report, finding);

  analysis = run_demo (&demo, report);
  problem = one_problem (analysis, PF_MIGRATION_PROBLEM_WILL_FAIL);
  g_assert_cmpint (pf_migration_problem_get_count (problem), ==, 7);
  g_assert_nonnull (strstr (pf_migration_problem_get_title (problem), "7 rows in scheduling_shift"));

  /* The report counts the migration problems like findings */
  g_assert_cmpuint (pf_report_count (report, PF_SEVERITY_BLOCKER), ==, 1);
  again = run_demo (&demo, NULL);
  pf_report_set_migrations (report, again);
  g_assert_true (pf_report_get_migrations (report) == again);
  g_assert_cmpuint (pf_report_count (report, PF_SEVERITY_BLOCKER), ==,
                    1 + pf_migration_analysis_count (again, PF_SEVERITY_BLOCKER));
  g_assert_cmpint (pf_report_get_verdict (report), ==, PF_VERDICT_NO_GO);
  {
    g_autofree char *sentence = pf_report_dup_verdict_sentence (report);
    g_autofree char *expected = g_strdup_printf ("NO-GO: %u problems block this migration",
                                                 pf_report_count (report, PF_SEVERITY_BLOCKER));

    g_assert_cmpstr (sentence, ==, expected);
  }

  demo_close (&demo);
}

static void
test_demo_json (void)
{
  Demo demo = { 0 };
  g_autoptr(PfMigrationAnalysis) analysis = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *section;
  JsonArray *applied, *pending, *problems;
  JsonObject *first;

  demo_open (&demo);
  analysis = run_demo (&demo, NULL);
  node = pf_migration_analysis_to_json_node (analysis);
  section = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (section, "framework"), ==, "django");
  applied = json_object_get_array_member (section, "applied");
  g_assert_cmpuint (json_array_get_length (applied), ==, 43);
  first = json_array_get_object_element (applied, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "app"), ==, "contenttypes");
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "0001_initial");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (first, "applied_at"), "2021-03-02T09:14:31"));

  pending = json_object_get_array_member (section, "pending");
  g_assert_cmpuint (json_array_get_length (pending), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pending, 0), "app"), ==, "scheduling");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pending, 0), "name"), ==,
                   "0024_alter_shift_status");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pending, 1), "name"), ==,
                   "0024_staffprofile_payroll_number");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pending, 1), "summary"), ==,
                   "Adds the column payroll_number to staff profiles");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pending, 2), "summary"), ==,
                   "Removes the column user_agent from access logs, and 1 more change");

  g_assert_true (json_object_has_member (section, "deployments"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (section, "deployments")), ==, 5);

  problems = json_object_get_array_member (section, "problems");
  g_assert_cmpuint (json_array_get_length (problems), ==, pf_migration_analysis_get_problems (analysis)->len);
  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *problem = json_array_get_object_element (problems, i);

      g_assert_true (json_object_has_member (problem, "kind"));
      g_assert_true (json_object_has_member (problem, "severity"));
      g_assert_true (json_object_has_member (problem, "explanation"));
    }

  demo_close (&demo);
}

/* Without a project folder: the history only */
static void
test_history_only (void)
{
  Demo demo = { 0 };
  g_autoptr(PfMigrationAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  GPtrArray *problems;

  demo_open (&demo);
  analysis = pf_migration_analysis_run (demo.database, demo.schema, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (pf_migration_analysis_get_source (analysis));
  g_assert_null (pf_migration_analysis_get_graph (analysis));

  problems = pf_migration_analysis_get_problems (analysis);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (pf_migration_problem_get_kind (g_ptr_array_index (problems, 0)), ==,
                   PF_MIGRATION_PROBLEM_PROBABLY_FAKED);

  node = pf_migration_analysis_to_json_node (analysis);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (node), "pending")), ==, 0);

  /* A folder that is not a project is an error, not an empty analysis */
  g_clear_object (&analysis);
  analysis = pf_migration_analysis_run (demo.database, demo.schema, "/nonexistent/project", NULL,
                                        NULL, NULL, &error);
  g_assert_null (analysis);
  g_assert_nonnull (error);

  demo_close (&demo);
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (void)
{
  Demo demo = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PfMigrationAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;

  demo_open (&demo);
  pf_migration_analysis_run_async (demo.database, demo.schema, demo.project, NULL, NULL,
                                   NULL, on_async_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  analysis = pf_migration_analysis_run_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pf_migration_analysis_count (analysis, PF_SEVERITY_BLOCKER), ==, 7);

  demo_close (&demo);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/migration-problem/json", test_problem_json);
  g_test_add_func ("/migration-analysis/demo/problems", test_demo_problems);
  g_test_add_func ("/migration-analysis/demo/plan", test_demo_plan);
  g_test_add_func ("/migration-analysis/demo/integrity", test_demo_with_integrity);
  g_test_add_func ("/migration-analysis/demo/json", test_demo_json);
  g_test_add_func ("/migration-analysis/history-only", test_history_only);
  g_test_add_func ("/migration-analysis/async", test_async);

  return g_test_run ();
}
