/* test-pg-migration-drift.c — graph and drift on PostgreSQL databases Django migrated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Django (psycopg2) migrates databases of the throwaway cluster: for real
 * (no drift at all), with faked migrations (missing exactly what they would
 * have created), and the pending plan equals showmigrations --plan.
 */

#define G_LOG_DOMAIN "test-pg-migration-drift"

#include "config.h"

#include "pf-test-pg.h"

#include "test-migration-project.h"

static PfTestPg *pg;
static char *project;

typedef struct
{
  char *dbname;
  char *env_host;
  char *env_port;
  char *env_name;
  const char *env[4];
  char *url;
} Target;

static void
target_init (Target     *target,
             const char *dbname)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *created = pf_test_pg_create_database (pg, dbname, &error);

  g_assert_no_error (error);
  target->dbname = g_strdup (created);
  target->env_host = g_strconcat ("PF_PG_HOST=", pf_test_pg_get_socket_dir (pg), NULL);
  target->env_port = g_strdup_printf ("PF_PG_PORT=%u", pf_test_pg_get_port (pg));
  target->env_name = g_strconcat ("PF_PG_NAME=", created, NULL);
  target->env[0] = target->env_host;
  target->env[1] = target->env_port;
  target->env[2] = target->env_name;
  target->env[3] = NULL;
  target->url = pf_test_pg_dup_url (pg, created);
}

static void
target_clear (Target *target)
{
  g_free (target->dbname);
  g_free (target->env_host);
  g_free (target->env_port);
  g_free (target->env_name);
  g_free (target->url);
}

static GPtrArray *
drift_for (Target            *target,
           PfSchema         **schema_out,
           PfMigrationGraph **graph_out)
{
  g_autoptr(PfMigrationSource) source = load_source (project);
  g_autoptr(PfMigrationHistory) history = NULL;
  g_autoptr(PfSchema) schema = open_target (target->url, &history);
  g_autoptr(PfMigrationGraph) graph = NULL;
  GPtrArray *problems;

  g_assert_nonnull (history);
  graph = pf_migration_graph_new (source, history);
  g_assert_cmpuint (pf_migration_graph_get_problems (graph)->len, ==, 0);
  problems = pf_migration_drift_compare (graph, NULL, schema);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s: %s", pf_migration_problem_get_kind (g_ptr_array_index (problems, i)),
                    pf_migration_problem_get_detail (g_ptr_array_index (problems, i)));

  if (schema_out != NULL)
    *schema_out = g_steal_pointer (&schema);
  if (graph_out != NULL)
    *graph_out = g_steal_pointer (&graph);

  return problems;
}

static void
test_real_and_faked (void)
{
  Target real = { 0 }, faked = { 0 }, partial = { 0 };
  g_autoptr(GPtrArray) real_problems = NULL;
  g_autoptr(GPtrArray) faked_problems = NULL;
  g_autoptr(GPtrArray) partial_problems = NULL;
  g_autoptr(PfSchema) real_schema = NULL;
  g_autoptr(PfSchema) faked_schema = NULL;
  g_autoptr(PfMigrationGraph) graph = NULL;
  g_autofree char *truth = NULL;
  g_autofree char *missing = NULL;
  guint count;

  /* Everything for real: no drift; case-sensitive names ("SAP") match */
  target_init (&real, "pf_real");
  project_manage (project, real.env, "migrate");
  real_problems = drift_for (&real, &real_schema, &graph);
  g_assert_cmpuint (real_problems->len, ==, 0);
  g_assert_cmpuint (pf_migration_graph_get_pending (graph)->len, ==, 0);
  assert_plan_matches_django (project, real.env, graph);
  g_clear_object (&graph);

  /* scheduling 0001 for real, the rest faked */
  target_init (&faked, "pf_faked");
  project_manage (project, faked.env, "migrate", "scheduling", "0001");
  project_manage (project, faked.env, "migrate", "--fake");
  faked_problems = drift_for (&faked, &faked_schema, NULL);
  truth = schema_difference (real_schema, faked_schema);
  missing = drift_missing (faked_problems);
  g_assert_cmpstr (missing, !=, "");
  g_assert_cmpstr (missing, ==, truth);
  find_problem (faked_problems, PF_MIGRATION_PROBLEM_MISSING_INDEX, &count);
  g_assert_cmpuint (count, ==, 1);

  /* Partly migrated: pending equals Django's plan, no drift */
  target_init (&partial, "pf_partial");
  project_manage (project, partial.env, "migrate", "scheduling", "0002");
  partial_problems = drift_for (&partial, NULL, &graph);
  assert_plan_matches_django (project, partial.env, graph);
  g_assert_cmpuint (pf_migration_graph_get_pending (graph)->len, >, 0);
  for (guint i = 0; i < partial_problems->len; i++)
    {
      const char *kind = pf_migration_problem_get_kind (g_ptr_array_index (partial_problems, i));

      g_assert_cmpstr (kind, !=, PF_MIGRATION_PROBLEM_MISSING_TABLE);
      g_assert_cmpstr (kind, !=, PF_MIGRATION_PROBLEM_MISSING_COLUMN);
    }

  target_clear (&real);
  target_clear (&faked);
  target_clear (&partial);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!g_file_test (PF_TEST_PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s is needed: Django is the oracle of these tests", PF_TEST_PYTHON);
  pg = pf_test_pg_start (&error);
  g_assert_no_error (error);
  project = project_create ();

  g_test_add_func ("/pg/migration-drift/real-and-faked", test_real_and_faked);

  ret = g_test_run ();
  project_remove (project);
  g_free (project);
  pf_test_pg_stop (pg);

  return ret;
}
