/* test-migration-graph.c — the migration graph against Django's own loader and executor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-migration-graph"

#include "config.h"

#include "test-migration-project.h"

static char *project;   /* made once by Django; copied when a test breaks it */

typedef struct
{
  char *dir;            /* project (or a copy) */
  char *db;
  char *env_item;
  const char *env[2];
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("pf-graph-XXXXXX", &error);

  g_assert_no_error (error);
  fixture->dir = g_build_filename (tmp, "project", NULL);
  project_copy (project, fixture->dir);
  fixture->db = g_build_filename (tmp, "db.sqlite3", NULL);
  fixture->env_item = g_strconcat ("PF_DB=", fixture->db, NULL);
  fixture->env[0] = fixture->env_item;
  fixture->env[1] = NULL;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *tmp = g_path_get_dirname (fixture->dir);

  project_remove (tmp);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->env_item);
}

static PfMigrationGraph *
fixture_graph (Fixture *fixture)
{
  g_autoptr(PfMigrationSource) source = load_source (fixture->dir);
  g_autoptr(PfMigrationHistory) history = NULL;
  g_autoptr(PfSchema) schema = NULL;

  if (g_file_test (fixture->db, G_FILE_TEST_EXISTS))
    schema = open_target (fixture->db, &history);

  return pf_migration_graph_new (source, history);
}

static gboolean
contains_migration (GPtrArray  *migrations,
                    const char *label)
{
  for (guint i = 0; i < migrations->len; i++)
    {
      g_autofree char *other = migration_label (g_ptr_array_index (migrations, i));

      if (strcmp (other, label) == 0)
        return TRUE;
    }

  return FALSE;
}

/* No history at all: everything pending, in Django's order; the squash is
 * used instead of what it replaces; run_before and __first__ respected */
static void
test_fresh (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PfMigrationSource) source = load_source (fixture->dir);
  g_autoptr(PfMigrationGraph) graph = pf_migration_graph_new (source, NULL);
  GPtrArray *pending = pf_migration_graph_get_pending (graph);

  g_assert_cmpuint (pf_migration_graph_get_problems (graph)->len, ==, 0);
  g_assert_true (contains_migration (pending, "staff_records.0001_squashed_0002_certification_expires"));
  g_assert_false (contains_migration (pending, "staff_records.0001_initial"));
  g_assert_cmpuint (pf_migration_graph_get_applied (graph)->len, ==, 0);

  /* showmigrations on an empty database */
  assert_plan_matches_django (fixture->dir, fixture->env, graph);
}

/* Partly migrated; then faked forward: fakes count as applied */
static void
test_partial_and_fake (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PfMigrationGraph) graph = NULL;
  g_autoptr(PfMigrationGraph) faked = NULL;

  project_manage (fixture->dir, fixture->env, "migrate", "scheduling", "0002");
  graph = fixture_graph (fixture);
  g_assert_cmpuint (pf_migration_graph_get_problems (graph)->len, ==, 0);
  g_assert_cmpuint (pf_migration_graph_get_pending (graph)->len, >, 0);
  assert_plan_matches_django (fixture->dir, fixture->env, graph);

  project_manage (fixture->dir, fixture->env, "migrate", "--fake", "scheduling", "0003");
  faked = fixture_graph (fixture);
  g_assert_cmpuint (pf_migration_graph_get_problems (faked)->len, ==, 0);
  assert_plan_matches_django (fixture->dir, fixture->env, faked);
}

/* Migrated to staff_records 0001 before the squash existed: the squash is
 * partly applied, so the originals are used (#25945 remapping) */
static void
test_squash_partial (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->dir, "squash-partial.sqlite3", NULL);
  g_autofree char *env_item = g_strconcat ("PF_DB=", db, NULL);
  const char *env[2] = { env_item, NULL };
  g_autoptr(PfMigrationSource) source = load_source (fixture->dir);
  g_autoptr(PfMigrationHistory) history = NULL;
  g_autoptr(PfSchema) schema = open_target (db, &history);
  g_autoptr(PfMigrationGraph) graph = pf_migration_graph_new (source, history);
  GPtrArray *pending = pf_migration_graph_get_pending (graph);
  PfMigration *squash = pf_migration_source_lookup (source, "staff_records", "0001_squashed_0002_certification_expires");

  g_assert_nonnull (squash);
  g_assert_cmpuint (pf_migration_graph_get_problems (graph)->len, ==, 0);
  g_assert_true (contains_migration (pending, "staff_records.0002_certification_expires"));
  g_assert_false (contains_migration (pending, "staff_records.0001_squashed_0002_certification_expires"));
  g_assert_false (pf_migration_graph_is_applied (graph, squash));
  assert_plan_matches_django (fixture->dir, env, graph);
}

/* Fully migrated: nothing pending, the squash counts as applied */
static void
test_fully_migrated (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PfMigrationGraph) graph = NULL;
  g_autoptr(GPtrArray) leaves = NULL;
  PfMigrationSource *source;

  project_manage (fixture->dir, fixture->env, "migrate");
  graph = fixture_graph (fixture);
  source = pf_migration_graph_get_source (graph);
  g_assert_cmpuint (pf_migration_graph_get_problems (graph)->len, ==, 0);
  g_assert_cmpuint (pf_migration_graph_get_pending (graph)->len, ==, 0);
  g_assert_true (pf_migration_graph_is_applied (graph, pf_migration_source_lookup (source, "staff_records",
                                                                                    "0001_squashed_0002_certification_expires")));
  leaves = pf_migration_graph_dup_leaves (graph, "scheduling");
  g_assert_cmpuint (leaves->len, ==, 1);
  g_assert_cmpstr (pf_migration_get_name (g_ptr_array_index (leaves, 0)), ==, "0004_renames");
  assert_plan_matches_django (fixture->dir, fixture->env, graph);

  /* run_before became a dependency of scheduling 0002 */
  {
    g_autoptr(GPtrArray) deps = pf_migration_graph_dup_dependencies (graph,
                                                                     pf_migration_source_lookup (source, "scheduling", "0002_shift_is_overtime"));
    g_assert_true (contains_migration (deps, "accounts.0002_prepare"));
    g_clear_pointer (&deps, g_ptr_array_unref);
    /* __first__ of staff_records resolved to its root, then remapped to the squash */
    deps = pf_migration_graph_dup_dependencies (graph, pf_migration_source_lookup (source, "scheduling", "0003_legacy_sql"));
    g_assert_true (contains_migration (deps, "staff_records.0001_squashed_0002_certification_expires"));
  }
}

/* An applied migration whose file was deleted: Django skips it silently */
static void
test_orphaned_record (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "scheduling", "migrations", "0004_renames.py", NULL);
  g_autoptr(PfMigrationGraph) graph = NULL;
  PfMigrationProblem *problem;
  guint count;

  project_manage (fixture->dir, fixture->env, "migrate");
  g_assert_cmpint (g_unlink (path), ==, 0);

  graph = fixture_graph (fixture);
  problem = find_problem (pf_migration_graph_get_problems (graph), PF_MIGRATION_PROBLEM_ORPHANED_RECORD, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (pf_migration_graph_get_problems (graph)->len, ==, 1);
  g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_WARNING);
  g_assert_cmpstr (pf_migration_problem_get_app (problem), ==, "scheduling");
  g_assert_cmpstr (pf_migration_problem_get_migrations (problem)[0], ==, "0004_renames");
  g_assert_nonnull (strstr (pf_migration_problem_get_explanation (problem), "without a word"));
  g_assert_cmpuint (pf_migration_graph_get_pending (graph)->len, ==, 0);
  assert_plan_matches_django (fixture->dir, fixture->env, graph);
}

/* A record applied before its dependency: Django's own words */
static void
test_inconsistent_history (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PfMigrationGraph) graph = NULL;
  g_autofree char *err = NULL;
  PfMigrationProblem *problem;
  gboolean found = FALSE;
  guint count;
  int status;

  project_manage (fixture->dir, fixture->env, "migrate", "scheduling", "0001");
  sql_exec (fixture->db, "INSERT INTO django_migrations (app, name, applied) "
                         "VALUES ('scheduling', '0003_legacy_sql', '2024-01-01 00:00:00')");

  graph = fixture_graph (fixture);
  problem = find_problem (pf_migration_graph_get_problems (graph), PF_MIGRATION_PROBLEM_INCONSISTENT_HISTORY, &count);
  g_assert_nonnull (problem);
  g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_BLOCKER);
  g_assert_cmpstr (pf_migration_problem_get_detail (problem), ==,
                   "Migration scheduling.0003_legacy_sql is applied before its dependency "
                   "scheduling.0002_shift_is_overtime on database 'default'.");

  status = project_manage_full (fixture->dir, fixture->env, NULL, &err, "migrate", NULL);
  g_assert_cmpint (status, !=, 0);
  g_test_message ("Django: %s", err);

  /* Django stops at the first parent it meets (set order); each of ours is
   * in Django's words, and one of them is what Django said */
  for (guint i = 0; i < pf_migration_graph_get_problems (graph)->len; i++)
    {
      PfMigrationProblem *other = g_ptr_array_index (pf_migration_graph_get_problems (graph), i);

      g_assert_cmpstr (pf_migration_problem_get_kind (other), ==, PF_MIGRATION_PROBLEM_INCONSISTENT_HISTORY);
      if (strstr (err, pf_migration_problem_get_detail (other)) != NULL)
        found = TRUE;
    }
  g_assert_true (found);
}

static const char conflicting_0004[] =
  "from django.db import migrations\n"
  "\n"
  "\n"
  "class Migration(migrations.Migration):\n"
  "    dependencies = [('scheduling', '0003_legacy_sql')]\n"
  "    operations = []\n";

/* Two leaves in one app: Django's "Conflicting migrations detected" */
static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PfMigrationGraph) graph = NULL;
  g_autoptr(GPtrArray) leaves = NULL;
  g_autofree char *err = NULL;
  PfMigrationProblem *problem;
  const char * const *names;
  guint count;
  int status;

  project_write (fixture->dir, "scheduling/migrations/0004_other.py", conflicting_0004);
  graph = fixture_graph (fixture);
  problem = find_problem (pf_migration_graph_get_problems (graph), PF_MIGRATION_PROBLEM_CONFLICT, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_BLOCKER);
  g_assert_cmpstr (pf_migration_problem_get_app (problem), ==, "scheduling");
  names = pf_migration_problem_get_migrations (problem);
  g_assert_cmpstr (names[0], ==, "0004_other");
  g_assert_cmpstr (names[1], ==, "0004_renames");
  g_assert_null (names[2]);
  g_assert_cmpstr (pf_migration_problem_get_fix (problem), ==, "python manage.py makemigrations --merge");
  leaves = pf_migration_graph_dup_leaves (graph, "scheduling");
  g_assert_cmpuint (leaves->len, ==, 2);

  status = project_manage_full (fixture->dir, fixture->env, NULL, &err, "migrate", NULL);
  g_assert_cmpint (status, !=, 0);
  g_test_message ("Django: %s", err);
  g_assert_nonnull (strstr (err, pf_migration_problem_get_detail (problem)));
}

static const char dangling_0005[] =
  "from django.db import migrations\n"
  "\n"
  "\n"
  "class Migration(migrations.Migration):\n"
  "    dependencies = [('scheduling', '0004_y')]\n"
  "    operations = []\n";

/* A dependency on a migration that does not exist: NodeNotFoundError */
static void
test_missing_dependency (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PfMigrationGraph) graph = NULL;
  g_autofree char *err = NULL;
  PfMigrationProblem *problem;
  guint count;
  int status;

  project_write (fixture->dir, "scheduling/migrations/0005_x.py", dangling_0005);
  graph = fixture_graph (fixture);
  problem = find_problem (pf_migration_graph_get_problems (graph), PF_MIGRATION_PROBLEM_INCONSISTENT_HISTORY, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (pf_migration_problem_get_detail (problem), ==,
                   "Migration scheduling.0005_x dependencies reference nonexistent parent node ('scheduling', '0004_y')");

  status = project_manage_full (fixture->dir, fixture->env, NULL, &err, "showmigrations", NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, pf_migration_problem_get_detail (problem)));
  /* The rest still plans */
  g_assert_true (contains_migration (pf_migration_graph_get_pending (graph), "scheduling.0005_x"));
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

#define ADD(path, func) \
  g_test_add ("/migration-graph/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("fresh", test_fresh);
  ADD ("partial-and-fake", test_partial_and_fake);
  ADD ("squash-partial", test_squash_partial);
  ADD ("fully-migrated", test_fully_migrated);
  ADD ("orphaned-record", test_orphaned_record);
  ADD ("inconsistent-history", test_inconsistent_history);
  ADD ("conflict", test_conflict);
  ADD ("missing-dependency", test_missing_dependency);
#undef ADD

  ret = g_test_run ();
  project_remove (project);
  g_free (project);

  return ret;
}
