/* test-migration-drift.c — replayed migrations against real SQLite schemas Django made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The proof of the naming rules: a database Django migrated for real shows
 * no drift at all, and on a database where some migrations were faked the
 * missing tables and columns are exactly what the faked migrations would
 * have created (the difference to the same migrations applied for real).
 */

#define G_LOG_DOMAIN "test-migration-drift"

#include "config.h"

#include "pf-demo.h"
#include "pf-migration-state.h"

#include "test-migration-project.h"

static char *project;
static char *real_db;     /* `migrate`: everything applied for real */
static char *faked_db;    /* scheduling 0001 for real, the rest --fake */

static char *
make_db (const char *name,
         gboolean    fake)
{
  g_autofree char *path = g_build_filename (project, name, NULL);
  g_autofree char *env_item = g_strconcat ("PF_DB=", path, NULL);
  const char *env[2] = { env_item, NULL };

  if (fake)
    {
      project_manage (project, env, "migrate", "scheduling", "0001");
      project_manage (project, env, "migrate", "--fake");
    }
  else
    project_manage (project, env, "migrate");

  return g_steal_pointer (&path);
}

static GPtrArray *
drift_for (const char        *db,
           PfSchema         **schema_out,
           PfMigrationGraph **graph_out)
{
  g_autoptr(PfMigrationSource) source = load_source (project);
  g_autoptr(PfMigrationHistory) history = NULL;
  g_autoptr(PfSchema) schema = open_target (db, &history);
  g_autoptr(PfMigrationGraph) graph = NULL;
  GPtrArray *problems;

  g_assert_nonnull (history);
  graph = pf_migration_graph_new (source, history);
  g_assert_cmpuint (pf_migration_graph_get_problems (graph)->len, ==, 0);
  problems = pf_migration_drift_compare (graph, NULL, schema);

  if (schema_out != NULL)
    *schema_out = g_steal_pointer (&schema);
  if (graph_out != NULL)
    *graph_out = g_steal_pointer (&graph);

  return problems;
}

static void
log_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);

      g_test_message ("%s: %s", pf_migration_problem_get_kind (problem), pf_migration_problem_get_detail (problem));
    }
}

/* Everything applied for real: nothing missing, nothing unexpected */
static void
test_real (void)
{
  g_autoptr(GPtrArray) problems = drift_for (real_db, NULL, NULL);

  log_problems (problems);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* The replay's names, one by one */
static void
test_replay_names (void)
{
  g_autoptr(PfMigrationSource) source = load_source (project);
  g_autoptr(PfMigrationGraph) graph = pf_migration_graph_new (source, NULL);
  g_autoptr(PfMigrationStateReplay) replay = pf_migration_state_replay_new (pf_migration_source_get_auth_user_model (source));
  GPtrArray *plan = pf_migration_graph_get_pending (graph);
  g_auto(GStrv) indexes = NULL;
  PfExpectedTable *table;
  PfExpectedColumn *column;

  g_assert_cmpstr (pf_migration_source_get_auth_user_model (source), ==, "accounts.User");
  for (guint i = 0; i < plan->len; i++)
    pf_migration_state_replay_apply (replay, g_ptr_array_index (plan, i));

  /* db_column, in upper case */
  g_assert_nonnull (table = pf_migration_state_replay_lookup_table (replay, "accounts_user"));
  g_assert_nonnull (pf_expected_table_lookup_column (table, "SAP"));
  /* db_table and db_column; FK "<name>_id" */
  g_assert_nonnull (table = pf_migration_state_replay_lookup_table (replay, "rota_unit"));
  g_assert_nonnull (pf_expected_table_lookup_column (table, "unit_code"));
  g_assert_nonnull (column = pf_expected_table_lookup_column (table, "home_id"));
  g_assert_cmpstr (column->references, ==, "scheduling_home");
  g_assert_cmpstr (column->created_by, ==, "scheduling.0001_initial");
  /* Swappable user as FK target, db_column on a FK, O2O */
  g_assert_nonnull (table = pf_migration_state_replay_lookup_table (replay, "scheduling_shift"));
  g_assert_nonnull (column = pf_expected_table_lookup_column (table, "staff_ref"));
  g_assert_cmpstr (column->references, ==, "accounts_user");
  g_assert_nonnull (column = pf_expected_table_lookup_column (table, "supervisor_id"));
  g_assert_true (column->unique);
  g_assert_nonnull (column = pf_expected_table_lookup_column (table, "is_overtime"));
  g_assert_cmpstr (column->created_by, ==, "scheduling.0002_shift_is_overtime");
  g_assert_true (column->has_default);
  /* Multi-table inheritance; AlterModelTable renamed the parent */
  g_assert_nonnull (table = pf_migration_state_replay_lookup_table (replay, "scheduling_staff"));
  g_assert_nonnull (column = pf_expected_table_lookup_column (table, "person_ptr_id"));
  g_assert_cmpstr (column->references, ==, "people");
  g_assert_null (pf_expected_table_lookup_column (table, "id"));
  g_assert_nonnull (table = pf_migration_state_replay_lookup_table (replay, "people"));
  g_assert_cmpstr (table->created_by, ==, "scheduling.0004_renames");
  g_assert_null (pf_migration_state_replay_lookup_table (replay, "scheduling_person"));
  /* RenameModel: table and the M2M join column follow */
  g_assert_nonnull (pf_migration_state_replay_lookup_table (replay, "scheduling_label"));
  g_assert_null (pf_migration_state_replay_lookup_table (replay, "scheduling_tag"));
  g_assert_nonnull (table = pf_migration_state_replay_lookup_table (replay, "scheduling_shift_tags"));
  g_assert_nonnull (pf_expected_table_lookup_column (table, "shift_id"));
  g_assert_nonnull (column = pf_expected_table_lookup_column (table, "label_id"));
  g_assert_cmpstr (column->created_by, ==, "scheduling.0004_renames");
  g_assert_null (pf_expected_table_lookup_column (table, "tag_id"));
  /* M2M to self, M2M with db_table */
  g_assert_nonnull (table = pf_migration_state_replay_lookup_table (replay, "scheduling_shift_swaps"));
  g_assert_nonnull (pf_expected_table_lookup_column (table, "from_shift_id"));
  g_assert_nonnull (pf_expected_table_lookup_column (table, "to_shift_id"));
  g_assert_nonnull (table = pf_migration_state_replay_lookup_table (replay, "cert_units"));
  g_assert_nonnull (pf_expected_table_lookup_column (table, "certification_id"));
  g_assert_nonnull (pf_expected_table_lookup_column (table, "unit_id"));
  g_assert_nonnull (pf_migration_state_replay_lookup_table (replay, "staff_records_certification_related"));
  /* RenameField; SeparateDatabaseAndState's database side */
  g_assert_nonnull (table = pf_migration_state_replay_lookup_table (replay, "scheduling_home"));
  g_assert_nonnull (column = pf_expected_table_lookup_column (table, "title"));
  g_assert_cmpstr (column->created_by, ==, "scheduling.0004_renames");
  g_assert_null (pf_expected_table_lookup_column (table, "name"));
  g_assert_nonnull (pf_expected_table_lookup_column (table, "region"));
  /* Proxy and unmanaged models have no table */
  g_assert_null (pf_migration_state_replay_lookup_table (replay, "scheduling_nightshift"));
  /* …but RunSQL made one for the unmanaged model, columns unknown */
  g_assert_nonnull (table = pf_migration_state_replay_lookup_table (replay, "scheduling_legacyrota"));
  g_assert_cmpuint (table->columns->len, ==, 0);
  g_assert_cmpstr (table->created_by, ==, "scheduling.0003_legacy_sql");
  g_assert_null (pf_migration_state_replay_get_model_table (replay, "scheduling", "LegacyRota"));
  g_assert_cmpstr (pf_migration_state_replay_get_model_table (replay, "scheduling", "shift"), ==, "scheduling_shift");
  g_assert_cmpstr (pf_migration_state_replay_get_model_table (replay, "scheduling", "Person"), ==, "people");
  /* The squash (used, nothing applied) carries expires */
  g_assert_nonnull (table = pf_migration_state_replay_lookup_table (replay, "staff_records_certification"));
  g_assert_nonnull (column = pf_expected_table_lookup_column (table, "expires"));
  g_assert_true (column->null);
  /* RunSQL */
  indexes = pf_migration_state_replay_dup_runsql_indexes (replay);
  g_assert_cmpstrv (indexes, ((const char *[]) { "shift_overtime_idx", NULL }));
  g_assert_cmpstr (pf_migration_state_replay_get_runsql_index_origin (replay, "shift_overtime_idx"), ==,
                   "scheduling.0003_legacy_sql");
}

/* Faked migrations: exactly what they would have created is missing */
static void
test_faked (void)
{
  g_autoptr(PfSchema) faked_schema = NULL;
  g_autoptr(PfSchema) real_schema = NULL;
  g_autoptr(PfMigrationHistory) history = NULL;
  g_autoptr(GPtrArray) problems = drift_for (faked_db, &faked_schema, NULL);
  g_autofree char *truth = NULL;
  g_autofree char *missing = NULL;
  PfMigrationProblem *problem;
  gboolean overtime = FALSE;
  guint count;

  log_problems (problems);
  real_schema = open_target (real_db, &history);
  truth = schema_difference (real_schema, faked_schema);
  missing = drift_missing (problems);
  g_assert_cmpstr (missing, !=, "");
  g_assert_cmpstr (missing, ==, truth);

  for (guint i = 0; i < problems->len; i++)
    {
      problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (pf_migration_problem_get_column (problem), "is_overtime") == 0)
        {
          overtime = TRUE;
          g_assert_cmpstr (pf_migration_problem_get_kind (problem), ==, PF_MIGRATION_PROBLEM_MISSING_COLUMN);
          g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_BLOCKER);
          g_assert_cmpstr (pf_migration_problem_get_app (problem), ==, "scheduling");
          g_assert_cmpstr (pf_migration_problem_get_migrations (problem)[0], ==, "0002_shift_is_overtime");
          g_assert_cmpstr (pf_migration_problem_get_detail (problem), ==,
                           "The column is_overtime of scheduling_shift is missing although migration "
                           "scheduling.0002_shift_is_overtime is recorded as applied");
        }
      else if (g_strcmp0 (pf_migration_problem_get_kind (problem), PF_MIGRATION_PROBLEM_MISSING_TABLE) == 0)
        {
          g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_BLOCKER);
          g_assert_nonnull (pf_migration_problem_get_migrations (problem)[0]);
        }
    }
  g_assert_true (overtime);

  /* The faked RunSQL's index */
  problem = find_problem (problems, PF_MIGRATION_PROBLEM_MISSING_INDEX, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_nonnull (strstr (pf_migration_problem_get_detail (problem), "shift_overtime_idx"));
  g_assert_cmpstr (pf_migration_problem_get_migrations (problem)[0], ==, "0003_legacy_sql");

  /* What the faked renames left behind is there but unexpected (info) */
  problem = find_problem (problems, PF_MIGRATION_PROBLEM_UNEXPECTED_TABLE, &count);
  g_assert_nonnull (problem);
  g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_INFO);
}

/* Extras made by hand; other apps' and frameworks' tables are not drift */
static void
test_extras (void)
{
  g_autofree char *db = g_build_filename (project, "extras.sqlite3", NULL);
  g_autofree char *command = g_strdup_printf ("cp '%s' '%s'", real_db, db);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  PfMigrationProblem *problem;
  guint count;
  int status = 0;

  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  sql_exec (db, "CREATE TABLE scheduling_manual (id integer);"
                "CREATE TABLE other_thing (id integer);"
                "CREATE TABLE flyway_schema_history (installed_rank integer);"
                "ALTER TABLE Scheduling_Home ADD COLUMN extra text;"
                "DROP INDEX shift_overtime_idx;");

  problems = drift_for (db, NULL, NULL);
  log_problems (problems);
  g_assert_cmpuint (problems->len, ==, 3);

  problem = find_problem (problems, PF_MIGRATION_PROBLEM_UNEXPECTED_TABLE, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (pf_migration_problem_get_table (problem), ==, "scheduling_manual");
  g_assert_cmpstr (pf_migration_problem_get_app (problem), ==, "scheduling");

  problem = find_problem (problems, PF_MIGRATION_PROBLEM_UNEXPECTED_COLUMN, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (pf_migration_problem_get_column (problem), ==, "extra");
  g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_INFO);

  problem = find_problem (problems, PF_MIGRATION_PROBLEM_MISSING_INDEX, &count);
  g_assert_cmpuint (count, ==, 1);
}

/* The bundled demo: its project against its database */
static void
test_demo (void)
{
  g_autofree char *demo_project = g_build_filename (g_getenv ("PF_SOURCE_ROOT"), "data", "demo", "project", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PfMigrationSource) source = NULL;
  g_autoptr(PfMigrationHistory) history = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfMigrationGraph) graph = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint count;

  if (!g_file_test (demo_project, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("data/demo/project does not exist yet");
      return;
    }

  path = pf_demo_ensure (NULL, &error);
  g_assert_no_error (error);
  source = load_source (demo_project);
  schema = open_target (path, &history);
  graph = pf_migration_graph_new (source, history);
  problems = pf_migration_drift_compare (graph, NULL, schema);
  log_problems (problems);
  /* The demo is seeded with drift: a column recorded as applied but missing */
  find_problem (problems, PF_MIGRATION_PROBLEM_MISSING_COLUMN, &count);
  g_assert_cmpuint (count, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!g_file_test (PF_TEST_PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s is needed: Django is the oracle of these tests", PF_TEST_PYTHON);
  project = project_create ();
  real_db = make_db ("real.sqlite3", FALSE);
  faked_db = make_db ("faked.sqlite3", TRUE);

  g_test_add_func ("/migration-drift/real", test_real);
  g_test_add_func ("/migration-drift/replay-names", test_replay_names);
  g_test_add_func ("/migration-drift/faked", test_faked);
  g_test_add_func ("/migration-drift/extras", test_extras);
  g_test_add_func ("/migration-drift/demo", test_demo);

  ret = g_test_run ();
  project_remove (project);
  g_free (project);
  g_free (real_db);
  g_free (faked_db);

  return ret;
}
