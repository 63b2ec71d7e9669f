/* test-migration-source.c — reading a project folder the way Django's loader does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-migration-source"

#include "config.h"

#include <string.h>

#include "pf-migration-error.h"
#include "pf-migration-source.h"
#include "pf-test-django.h"

static char *project;      /* the standard project plus the broken parts below */
static JsonNode *oracle;   /* Django's reading of the standard project */

static void
write_file (const char *root,
            const char *relative_path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  pf_test_django_write (root, relative_path, contents, &error);
  g_assert_no_error (error);
}

static PfMigrationProblem *
find_problem (PfMigrationSource *source,
              const char        *kind,
              const char        *app)
{
  GPtrArray *problems = pf_migration_source_get_problems (source);
  PfMigrationProblem *found = NULL;

  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (pf_migration_problem_get_kind (problem), kind) == 0 &&
          g_strcmp0 (pf_migration_problem_get_app (problem), app) == 0)
        {
          g_assert_null (found);
          found = problem;
        }
    }
  return found;
}

static void
assert_loaded_set (PfMigrationSource *source,
                   const char * const *extra)
{
  GPtrArray *migrations = pf_migration_source_get_migrations (source);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  /* Django's set for the standard project, plus the files the test added */
  json_object_iter_init (&iter, json_node_get_object (oracle));
  while (json_object_iter_next (&iter, &key, &node))
    g_ptr_array_add (expected, g_strdup (key));
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (expected, g_strdup (extra[i]));

  g_assert_cmpuint (migrations->len, ==, expected->len);
  for (guint i = 0; i < migrations->len; i++)
    {
      PfMigration *migration = g_ptr_array_index (migrations, i);
      g_autofree char *name = pf_migration_key_to_string (pf_migration_get_key (migration));

      g_assert_true (g_ptr_array_find_with_equal_func (expected, name, g_str_equal, NULL));
      /* sorted by app then name */
      if (i > 0)
        {
          PfMigration *previous = g_ptr_array_index (migrations, i - 1);
          int cmp = strcmp (pf_migration_get_app (previous), pf_migration_get_app (migration));

          g_assert_true (cmp < 0 || (cmp == 0 && strcmp (pf_migration_get_name (previous),
                                                         pf_migration_get_name (migration)) < 0));
        }
    }
}

static void
test_standard_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = pf_test_django_project_new (&error);
  g_autoptr(PfMigrationSource) source = NULL;
  g_auto(GStrv) apps = NULL;
  PfMigration *migration;
  GPtrArray *deps;

  g_assert_no_error (error);
  source = pf_migration_source_load (clean, NULL, NULL, &error);
  g_assert_no_error (error);

  /* a squash shares its first number on purpose: no problem at all */
  g_assert_cmpuint (pf_migration_source_get_problems (source)->len, ==, 0);
  assert_loaded_set (source, NULL);
  g_assert_cmpstr (pf_migration_source_get_project_dir (source), ==, clean);
  g_assert_cmpstr (pf_migration_source_get_auth_user_model (source), ==, "accounts.User");

  apps = pf_migration_source_dup_apps (source);
  g_assert_cmpuint (g_strv_length (apps), ==, 3);
  g_assert_cmpstr (apps[0], ==, "accounts");
  g_assert_cmpstr (apps[1], ==, "scheduling");
  g_assert_cmpstr (apps[2], ==, "staff_records");

  /* swappable dependencies resolved with the project's user model, as Django does */
  migration = pf_migration_source_lookup (source, "scheduling", "0002_overtime");
  g_assert_nonnull (migration);
  deps = pf_migration_get_dependencies (migration);
  g_assert_cmpuint (deps->len, ==, 2);
  g_assert_cmpstr (((PfMigrationKey *) g_ptr_array_index (deps, 0))->app, ==, "accounts");
  g_assert_cmpstr (((PfMigrationKey *) g_ptr_array_index (deps, 0))->name, ==, "__first__");
  g_assert_null (pf_migration_source_lookup (source, "scheduling", "0009_none"));
  g_assert_null (pf_migration_source_lookup (source, "nope", "0001_initial"));

  pf_test_django_project_remove (clean);
}

static void
test_broken_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfMigrationSource) source = NULL;
  g_auto(GStrv) apps = NULL;
  PfMigrationProblem *problem;
  const char * const extra[] = { "scheduling.0003_other", NULL };
  const char * const *migrations;

  source = pf_migration_source_load (project, NULL, NULL, &error);
  g_assert_no_error (error);

  assert_loaded_set (source, extra);
  g_assert_cmpuint (pf_migration_source_get_problems (source)->len, ==, 3);
  /* manage.py names site_config.settings; the decoy sorts first but loses */
  g_assert_cmpstr (pf_migration_source_get_auth_user_model (source), ==, "accounts.User");

  /* missing __init__.py: the app is listed but none of its migrations loaded */
  apps = pf_migration_source_dup_apps (source);
  g_assert_true (g_strv_contains ((const char * const *) apps, "rota"));
  g_assert_false (g_strv_contains ((const char * const *) apps, "vendored"));
  g_assert_false (g_strv_contains ((const char * const *) apps, "hidden"));
  g_assert_false (g_strv_contains ((const char * const *) apps, "npm"));
  problem = find_problem (source, PF_MIGRATION_PROBLEM_MISSING_INIT, "rota");
  g_assert_nonnull (problem);
  g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_BLOCKER);
  g_assert_nonnull (strstr (pf_migration_problem_get_explanation (problem), "unmigrated"));
  g_assert_nonnull (strstr (pf_migration_problem_get_fix (problem), "__init__.py"));
  g_assert_true (g_str_has_suffix (pf_migration_problem_get_path (problem), "rota/migrations"));

  /* two 0003s (the squash 0001 is not a duplicate) */
  problem = find_problem (source, PF_MIGRATION_PROBLEM_DUPLICATE_NUMBER, "scheduling");
  g_assert_nonnull (problem);
  g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_WARNING);
  g_assert_cmpstr (pf_migration_problem_get_title (problem), ==,
                   "The app “scheduling” has two migrations numbered 0003");
  migrations = pf_migration_problem_get_migrations (problem);
  g_assert_cmpuint (g_strv_length ((char **) migrations), ==, 2);
  g_assert_cmpstr (migrations[0], ==, "0003_data_fixes");
  g_assert_cmpstr (migrations[1], ==, "0003_other");
  g_assert_nonnull (strstr (pf_migration_problem_get_fix (problem), "--merge"));

  /* the unparsable file: a blocker with file and line, left out */
  problem = find_problem (source, PF_MIGRATION_PROBLEM_UNPARSABLE_FILE, "staff_records");
  g_assert_nonnull (problem);
  g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_BLOCKER);
  g_assert_true (g_str_has_suffix (pf_migration_problem_get_path (problem),
                                   "staff_records/migrations/0004_broken.py"));
  g_assert_cmpuint (pf_migration_problem_get_line (problem), ==, 7);
  g_assert_cmpstr (pf_migration_problem_get_migrations (problem)[0], ==, "0004_broken");
  g_assert_nonnull (strstr (pf_migration_problem_get_detail (problem), "line 7: unterminated string"));
  g_assert_null (pf_migration_source_lookup (source, "staff_records", "0004_broken"));

  /* modules Django's loader does not load */
  g_assert_null (pf_migration_source_lookup (source, "scheduling", "_private"));
  g_assert_null (pf_migration_source_lookup (source, "scheduling", "~backup"));
  g_assert_null (pf_migration_source_lookup (source, "scheduling", "0001_initial.orig"));
}

static void
test_no_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_dir_make_tmp ("pf-empty-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (empty, "missing", NULL);

  write_file (empty, "app/models.py", "");
  /* only inside a virtualenv: still no project */
  write_file (empty, "env/pyvenv.cfg", "home = /usr/bin\n");
  write_file (empty, "env/lib/pkg/migrations/__init__.py", "");

  g_assert_null (pf_migration_source_load (empty, NULL, NULL, &error));
  g_assert_error (error, PF_MIGRATION_ERROR, PF_MIGRATION_ERROR_NO_PROJECT);
  g_clear_error (&error);

  g_assert_null (pf_migration_source_load (missing, NULL, NULL, &error));
  g_assert_error (error, PF_MIGRATION_ERROR, PF_MIGRATION_ERROR_NO_PROJECT);
  g_clear_error (&error);

  /* a settings file the user names must be readable */
  write_file (empty, "app/migrations/__init__.py", "");
  g_assert_null (pf_migration_source_load (empty, missing, NULL, &error));
  g_assert_error (error, PF_MIGRATION_ERROR, PF_MIGRATION_ERROR_FAILED);

  pf_test_django_project_remove (empty);
}

static const char small_migration[] =
  "from django.conf import settings\n"
  "from django.db import migrations\n"
  "class Migration(migrations.Migration):\n"
  "    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]\n"
  "    operations = []\n";

static const char *
first_dependency_app (PfMigrationSource *source)
{
  PfMigration *migration = pf_migration_source_lookup (source, "app", "0001_initial");
  PfMigrationKey *key;

  g_assert_nonnull (migration);
  key = g_ptr_array_index (pf_migration_get_dependencies (migration), 0);
  g_assert_cmpstr (key->name, ==, "__first__");
  return key->app;
}

static void
test_settings (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pf-settings-XXXXXX", NULL);
  g_autofree char *explicit_path = g_build_filename (dir, "deploy", "prod.py", NULL);
  g_autoptr(PfMigrationSource) source = NULL;

  write_file (dir, "app/migrations/__init__.py", "");
  write_file (dir, "app/migrations/0001_initial.py", small_migration);

  /* nothing says: Django's default */
  source = pf_migration_source_load (dir, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pf_migration_source_get_auth_user_model (source), ==, "auth.User");
  g_assert_cmpstr (first_dependency_app (source), ==, "auth");
  g_clear_object (&source);

  /* the shallowest settings.py, first in name order */
  write_file (dir, "zzz/settings.py", "AUTH_USER_MODEL = 'zzz.User'\n");
  write_file (dir, "deep/er/settings.py", "AUTH_USER_MODEL = 'deeper.User'\n");
  write_file (dir, "mmm/settings.py", "AUTH_USER_MODEL = \"mmm.Member\"\n");
  source = pf_migration_source_load (dir, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pf_migration_source_get_auth_user_model (source), ==, "mmm.Member");
  g_assert_cmpstr (first_dependency_app (source), ==, "mmm");
  g_clear_object (&source);

  /* what manage.py names wins */
  write_file (dir, "manage.py",
              "import os, sys\n"
              "def main():\n"
              "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'zzz.settings')\n");
  source = pf_migration_source_load (dir, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pf_migration_source_get_auth_user_model (source), ==, "zzz.User");
  g_clear_object (&source);

  /* a settings package */
  write_file (dir, "manage.py",
              "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"conf.settings\")\n");
  write_file (dir, "conf/settings/__init__.py", "from .base import *\nAUTH_USER_MODEL = 'conf.Person'\n");
  source = pf_migration_source_load (dir, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pf_migration_source_get_auth_user_model (source), ==, "conf.Person");
  g_clear_object (&source);

  /* the one the user names */
  write_file (dir, "deploy/prod.py", "AUTH_USER_MODEL = 'prod.User'\n");
  source = pf_migration_source_load (dir, explicit_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pf_migration_source_get_auth_user_model (source), ==, "prod.User");
  g_assert_cmpstr (first_dependency_app (source), ==, "prod");
  g_clear_object (&source);

  pf_test_django_project_remove (dir);
}

/* ---- async -------------------------------------------------------------- */

typedef struct
{
  GMainLoop         *loop;
  PfMigrationSource *source;
  GError            *error;
} AsyncResult;

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncResult *data = user_data;

  g_assert_null (object);
  data->source = pf_migration_source_load_finish (result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_async (void)
{
  AsyncResult data = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  const char * const extra[] = { "scheduling.0003_other", NULL };

  pf_migration_source_load_async (project, NULL, NULL, loaded_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_nonnull (data.source);
  assert_loaded_set (data.source, extra);
  g_assert_cmpuint (pf_migration_source_get_problems (data.source)->len, ==, 3);

  g_clear_object (&data.source);
  g_main_loop_unref (data.loop);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  AsyncResult data = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *big = g_dir_make_tmp ("pf-big-XXXXXX", NULL);
  g_autoptr(GTimer) timer = NULL;
  gint64 start;

  /* already cancelled */
  g_cancellable_cancel (cancellable);
  pf_migration_source_load_async (project, NULL, cancellable, loaded_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (data.source);
  g_clear_error (&data.error);

  /* cancelled while reading thousands of files: stops between files */
  write_file (big, "app/migrations/__init__.py", "");
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *path = g_strdup_printf ("app/migrations/%04u_step.py", i + 1);

      write_file (big, path, small_migration);
    }

  /* how long the whole load takes, for comparison */
  timer = g_timer_new ();
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  pf_migration_source_load_async (big, NULL, cancellable, loaded_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_cmpuint (pf_migration_source_get_migrations (data.source)->len, ==, 2000);
  g_clear_object (&data.source);
  g_test_message ("full load: %.3f s", g_timer_elapsed (timer, NULL));

  start = g_get_monotonic_time ();
  pf_migration_source_load_async (big, NULL, cancellable, loaded_cb, &data);
  g_idle_add (cancel_cb, cancellable);
  g_main_loop_run (data.loop);
  g_test_message ("cancelled after %.3f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (data.source);
  g_clear_error (&data.error);

  g_main_loop_unref (data.loop);
  pf_test_django_project_remove (big);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* No Django is a failure, not a skip: CI installs python3-django */
  project = pf_test_django_project_new (&error);
  g_assert_no_error (error);
  oracle = pf_test_django_oracle (project, &error);
  g_assert_no_error (error);

  /* an app whose migrations/ has no __init__.py */
  write_file (project, "rota/models.py", "");
  write_file (project, "rota/migrations/0001_initial.py", small_migration);
  /* a second 0003 in scheduling */
  write_file (project, "scheduling/migrations/0003_other.py",
              "from django.db import migrations\n"
              "class Migration(migrations.Migration):\n"
              "    dependencies = [('scheduling', '0002_overtime')]\n"
              "    operations = [migrations.DeleteModel('LegacyRota')]\n");
  /* a file that does not parse (line 7) */
  write_file (project, "staff_records/migrations/0004_broken.py",
              "from django.db import migrations\n"
              "\n"
              "class Migration(migrations.Migration):\n"
              "    dependencies = [('staff_records', '0003_postgres')]\n"
              "    operations = [\n"
              "        migrations.RunSQL(\n"
              "            'SELECT 1),\n"
              "    ]\n");
  /* modules Django's loader skips */
  write_file (project, "scheduling/migrations/_private.py", small_migration);
  write_file (project, "scheduling/migrations/~backup.py", small_migration);
  write_file (project, "scheduling/migrations/0001_initial.orig.py", small_migration);
  write_file (project, "scheduling/migrations/0001_initial.py.bak", "garbage '");
  write_file (project, "scheduling/migrations/__pycache__/0001_initial.cpython-311.pyc", "\x01");
  /* places that are not the project's apps */
  write_file (project, "venv/pyvenv.cfg", "home = /usr/bin\n");
  write_file (project, "venv/lib/python3.11/vendored/migrations/__init__.py", "");
  write_file (project, "venv/lib/python3.11/vendored/migrations/0001_initial.py", small_migration);
  write_file (project, "env2/lib/python3/site-packages/vendored/migrations/__init__.py", "");
  write_file (project, "env2/lib/python3/site-packages/vendored/migrations/0001_initial.py", "x = '");
  write_file (project, ".hidden/hidden/migrations/__init__.py", "");
  write_file (project, ".hidden/hidden/migrations/0001_initial.py", small_migration);
  write_file (project, "frontend/node_modules/npm/migrations/__init__.py", "");
  write_file (project, "frontend/node_modules/npm/migrations/0001_initial.py", small_migration);
  /* a decoy settings.py next to the real one: manage.py decides */
  write_file (project, "aaa_decoy/settings.py", "AUTH_USER_MODEL = 'decoy.User'\n");

  g_test_add_func ("/migration-source/standard-project", test_standard_project);
  g_test_add_func ("/migration-source/broken-project", test_broken_project);
  g_test_add_func ("/migration-source/no-project", test_no_project);
  g_test_add_func ("/migration-source/settings", test_settings);
  g_test_add_func ("/migration-source/async", test_async);
  g_test_add_func ("/migration-source/cancel", test_cancel);

  ret = g_test_run ();

  json_node_unref (oracle);
  pf_test_django_project_remove (project);
  g_free (project);
  return ret;
}
