/* test-timeline.c — the migrations as the Timeline lists them: the demo's
 * plan, banner and history, filters, reviews, and another framework's
 * failed migration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-timeline"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-engine.h"
#include "pf-migration-analysis.h"

static PfMigrationAnalysis *
analyse (const char *path,
         const char *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfDatabase) database = pf_database_new_for_target (path, &error);
  g_autoptr(PfSchema) schema = NULL;
  PfMigrationAnalysis *analysis;

  g_assert_no_error (error);
  g_assert_true (pf_database_open (database, NULL, &error));
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);
  analysis = pf_migration_analysis_run (database, schema, project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  pf_database_close (database);

  return analysis;
}

static PfTimelineEntry *
item (GListModel *model,
      guint       position)
{
  /* The model keeps its own reference */
  PfTimelineEntry *entry = g_list_model_get_item (model, position);

  g_object_unref (entry);
  return entry;
}

static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autofree char *project = pf_demo_ensure_project (NULL, &error);
  g_autoptr(PfMigrationAnalysis) analysis = analyse (path, project);
  g_autoptr(PfConnectionProfile) profile = pf_connection_profile_new (PF_DATABASE_KIND_SQLITE);
  g_autoptr(PfTimeline) timeline = NULL;
  g_autoptr(PfMigrationReview) review = NULL;
  g_autofree char *next = NULL;
  g_autofree char *problems_summary = NULL;
  g_autofree char *history = NULL;
  g_autofree char *reasons = NULL;
  g_auto(GStrv) apps = NULL;
  GListModel *pending, *problems, *deployments;
  PfTimelineEntry *entry, *record;
  guint n_faked = 0;

  g_assert_no_error (error);

  /* A review of the payroll migration as its file reads now */
  timeline = pf_timeline_new (analysis, NULL);
  entry = pf_timeline_lookup (timeline, "scheduling", "0024_staffprofile_payroll_number");
  g_assert_nonnull (entry);
  review = pf_migration_review_new ("scheduling", "0024_staffprofile_payroll_number",
                                    pf_migration_get_checksum (pf_timeline_entry_get_migration (entry)),
                                    "Zoë Łukasiewicz", NULL);
  pf_connection_profile_set_review (profile, review);
  g_clear_object (&timeline);
  timeline = pf_timeline_new (analysis, profile);

  /* The plan, in Django's order, with its badges */
  pending = pf_timeline_get_pending (timeline);
  g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 3);
  g_assert_cmpstr (pf_timeline_entry_get_name (item (pending, 0)), ==, "0024_alter_shift_status");
  g_assert_cmpstr (pf_timeline_entry_get_title (item (pending, 0)), ==, "scheduling · 0024_alter_shift_status");
  g_assert_cmpuint (pf_timeline_entry_get_position (item (pending, 2)), ==, 3);
  g_assert_true (pf_timeline_entry_has_problem_kind (item (pending, 0), PF_MIGRATION_PROBLEM_WILL_FAIL));
  g_assert_false (pf_timeline_entry_has_problem_kind (item (pending, 1), PF_MIGRATION_PROBLEM_WILL_FAIL));
  g_assert_true (pf_timeline_entry_has_problem_kind (item (pending, 2), PF_MIGRATION_PROBLEM_RISKY_OPERATION));
  reasons = pf_timeline_entry_dup_reasons (item (pending, 0), PF_MIGRATION_PROBLEM_WILL_FAIL);
  g_assert_true (g_str_has_prefix (reasons, "Migration scheduling.0024_alter_shift_status will fail"));
  g_assert_cmpstr (pf_timeline_entry_get_subtitle (item (pending, 1)), ==,
                   "Adds the column payroll_number to staff profiles");
  g_assert_nonnull (pf_timeline_entry_get_review (item (pending, 1)));
  g_assert_cmpstr (pf_timeline_entry_get_review (item (pending, 1))->reviewer, ==, "Zoë Łukasiewicz");
  g_assert_null (pf_timeline_entry_get_review (item (pending, 0)));
  g_assert_cmpuint (pf_timeline_count_will_fail (timeline), ==, 1);
  g_assert_cmpuint (pf_timeline_count_risky (timeline), ==, 1);
  g_assert_cmpuint (pf_timeline_count_reviewed (timeline), ==, 1);

  next = pf_timeline_dup_next_summary (timeline);
  g_assert_cmpstr (next, ==, "3 migrations will run; 1 will fail; 1 is risky");
  problems_summary = pf_timeline_dup_problems_summary (timeline);
  g_assert_cmpstr (problems_summary, ==,
                   "6 problems in the migrations block every deployment. 2 more need a look.");

  /* The banner: history-wide problems only, blockers first */
  problems = pf_timeline_get_problems (timeline);
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 8);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      PfMigrationProblem *problem = pf_timeline_entry_get_problem (item (problems, i));

      g_assert_cmpint (pf_timeline_entry_get_kind (item (problems, i)), ==, PF_TIMELINE_ENTRY_PROBLEM);
      g_assert_cmpstr (pf_migration_problem_get_kind (problem), !=, PF_MIGRATION_PROBLEM_WILL_FAIL);
      g_assert_cmpstr (pf_migration_problem_get_kind (problem), !=, PF_MIGRATION_PROBLEM_PROBABLY_FAKED);
      if (i > 0 && pf_migration_problem_get_severity (problem) == PF_SEVERITY_BLOCKER)
        g_assert_cmpint (pf_migration_problem_get_severity (pf_timeline_entry_get_problem (item (problems, i - 1))),
                         ==, PF_SEVERITY_BLOCKER);
    }

  /* History: newest first; drift marks its two records; the faked
   * deployment carries its problem */
  deployments = pf_timeline_get_deployments (timeline);
  g_assert_cmpuint (g_list_model_get_n_items (deployments), >, 1);
  for (guint i = 1; i < g_list_model_get_n_items (deployments); i++)
    g_assert_cmpint (g_date_time_compare (pf_timeline_entry_get_deployment (item (deployments, i - 1))->started_at,
                                          pf_timeline_entry_get_deployment (item (deployments, i))->started_at),
                     >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (deployments); i++)
    n_faked += pf_timeline_entry_has_problem_kind (item (deployments, i), PF_MIGRATION_PROBLEM_PROBABLY_FAKED);
  g_assert_cmpuint (n_faked, ==, 1);

  record = pf_timeline_lookup (timeline, "scheduling", "0018_staffcertification");
  g_assert_cmpint (pf_timeline_entry_get_kind (record), ==, PF_TIMELINE_ENTRY_RECORD);
  g_assert_true (pf_timeline_entry_get_drift (record));
  g_assert_true (pf_timeline_entry_get_needs_attention (record));
  g_assert_nonnull (pf_timeline_entry_get_migration (record));
  g_assert_false (pf_timeline_entry_get_drift (pf_timeline_lookup (timeline, "scheduling", "0016_careplanreview_next_review_date")));
  g_assert_false (pf_timeline_entry_get_needs_attention (pf_timeline_lookup (timeline, "scheduling", "0001_initial")));

  history = pf_timeline_dup_history_summary (timeline);
  g_assert_true (g_str_has_suffix (history, " deployments"));

  apps = pf_timeline_dup_apps (timeline);
  g_assert_true (g_strv_contains ((const char * const *) apps, "scheduling"));
  g_assert_true (g_strv_contains ((const char * const *) apps, "training"));
  for (guint i = 1; apps[i] != NULL; i++)
    g_assert_cmpstr (apps[i - 1], <, apps[i]);

  /* Filters */
  entry = item (pending, 1);
  g_assert_true (pf_timeline_entry_matches (entry, NULL, NULL, FALSE));
  g_assert_true (pf_timeline_entry_matches (entry, NULL, "PAYROLL", FALSE));
  g_assert_true (pf_timeline_entry_matches (entry, "scheduling", "staff profiles", FALSE));
  g_assert_false (pf_timeline_entry_matches (entry, "training", NULL, FALSE));
  /* One of the two migrations numbered 0024: a problem, though not a badge of the plan's own */
  g_assert_true (pf_timeline_entry_matches (entry, NULL, NULL, TRUE));
  g_assert_true (pf_timeline_entry_has_problem_kind (entry, PF_MIGRATION_PROBLEM_DUPLICATE_NUMBER));
  g_assert_false (pf_timeline_entry_matches (pf_timeline_lookup (timeline, "scheduling", "0001_initial"),
                                             NULL, NULL, TRUE));
  g_assert_true (pf_timeline_entry_matches (item (pending, 0), NULL, NULL, TRUE));
  g_assert_true (pf_timeline_entry_matches (record, NULL, "staffcert", TRUE));
  for (guint i = 0; i < g_list_model_get_n_items (deployments); i++)
    {
      PfTimelineEntry *deployment = item (deployments, i);
      GListModel *children = pf_timeline_entry_get_children (deployment);
      gboolean any = FALSE;

      for (guint c = 0; c < g_list_model_get_n_items (children); c++)
        any |= pf_timeline_entry_matches (item (children, c), NULL, "0018", FALSE);
      g_assert_cmpint (pf_timeline_entry_matches (deployment, NULL, "0018", FALSE), ==, any);
    }

  /* A file changed since its review is no longer reviewed */
  {
    g_autoptr(PfMigrationReview) stale = pf_migration_review_new ("scheduling", "0024_alter_shift_status",
                                                                  "0000", "Ann", NULL);

    pf_connection_profile_set_review (profile, stale);
    pf_timeline_apply_reviews (timeline, profile);
    g_assert_null (pf_timeline_entry_get_review (item (pending, 0)));
    g_assert_nonnull (pf_timeline_entry_get_review (item (pending, 1)));
  }
}

static const char *flyway_sql =
  "CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50),"
  " description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL,"
  " checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on TEXT NOT NULL,"
  " execution_time INT NOT NULL, success BOOLEAN NOT NULL);"
  "INSERT INTO flyway_schema_history VALUES"
  "  (1, '1', 'create staff', 'SQL', 'V1__create_staff.sql', 1, 'deploy', '2025-03-10 08:00:00.000', 35, 1),"
  "  (2, '2', 'add index', 'SQL', 'V2__add_index.sql', 2, 'deploy', '2025-03-12 14:00:02.500', 1204, 0);";

/* Other frameworks: the same layout, their states on the records */
static void
test_flyway (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-timeline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "flyway.db", NULL);
  g_autoptr(PfMigrationAnalysis) analysis = NULL;
  g_autoptr(PfTimeline) timeline = NULL;
  g_autofree char *next = NULL;
  sqlite3 *db;
  PfTimelineEntry *failed;
  GListModel *problems;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, flyway_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  analysis = analyse (path, NULL);
  timeline = pf_timeline_new (analysis, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (pf_timeline_get_pending (timeline)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pf_timeline_get_deployments (timeline)), ==, 2);
  failed = pf_timeline_lookup (timeline, NULL, "V2__add_index");
  g_assert_nonnull (failed);
  g_assert_cmpint (pf_timeline_entry_get_state (failed), ==, PF_MIGRATION_STATE_FAILED);
  g_assert_cmpint (pf_timeline_entry_get_framework (failed), ==, PF_MIGRATION_FRAMEWORK_FLYWAY);
  g_assert_true (pf_timeline_entry_get_needs_attention (failed));
  g_assert_true (pf_timeline_entry_has_problem_kind (failed, PF_MIGRATION_PROBLEM_FAILED_MIGRATION));
  g_assert_nonnull (strstr (pf_timeline_entry_get_subtitle (failed), "failed"));
  g_assert_null (pf_timeline_entry_get_migration (failed));
  g_assert_true (pf_timeline_entry_matches (item (pf_timeline_get_deployments (timeline), 0), NULL, NULL, TRUE));
  g_assert_false (pf_timeline_entry_matches (item (pf_timeline_get_deployments (timeline), 1), NULL, NULL, TRUE));

  /* …and the failure is a problem of the whole history too */
  problems = pf_timeline_get_problems (timeline);
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 1);
  g_assert_cmpstr (pf_timeline_entry_get_title (item (problems, 0)), ==, "The migration V2__add_index failed");

  next = pf_timeline_dup_next_summary (timeline);
  g_assert_cmpstr (next, ==, "Nothing will run: the database is up to date with the project.");

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Dates in the titles are local time; keep them stable */
  g_setenv ("TZ", "UTC", TRUE);

  g_test_add_func ("/timeline/demo", test_demo);
  g_test_add_func ("/timeline/flyway", test_flyway);

  return g_test_run ();
}
