/* test-migration-project.h — a real Django project, made by Django, for the graph and drift tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Static helpers shared by test-migration-graph.c, test-migration-drift.c and
 * test-pg-migration-drift.c. Django 3.2 (python3-django) is the oracle: it
 * writes the migrations (makemigrations, squashmigrations), applies them to
 * real databases (migrate, migrate --fake) and says what it would run
 * (showmigrations --plan).
 *
 * Apps: accounts (custom user model, AUTH_USER_MODEL = accounts.User, a
 * db_column in upper case), scheduling (FKs, O2O, db_table, db_column,
 * multi-table inheritance, proxy and unmanaged models, M2M to another model
 * and to itself, RunSQL creating a table and an index, RunPython, a
 * hand-written migration with RenameField, RenameModel, AlterModelTable and
 * SeparateDatabaseAndState), staff_records (FK to the swappable user,
 * symmetrical M2M to itself, M2M with db_table, a squashed migration).
 */
#pragma once

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-engine.h"
#include "pf-migration-drift.h"
#include "pf-migration-graph.h"
#include "pf-migration-source.h"
#include "pf-migration-history.h"

#define PF_TEST_PYTHON "/usr/bin/python3"

static const char project_settings[] =
  "import os\n"
  "BASE_DIR = os.path.dirname(os.path.abspath(__file__))\n"
  "SECRET_KEY = 'test'\n"
  "USE_TZ = True\n"
  "INSTALLED_APPS = ['django.contrib.contenttypes', 'django.contrib.auth',\n"
  "                  'accounts', 'scheduling', 'staff_records']\n"
  "AUTH_USER_MODEL = 'accounts.User'\n"
  "DEFAULT_AUTO_FIELD = 'django.db.models.AutoField'\n"
  "if os.environ.get('PF_PG_HOST'):\n"
  "    DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql',\n"
  "                             'HOST': os.environ['PF_PG_HOST'], 'PORT': os.environ['PF_PG_PORT'],\n"
  "                             'NAME': os.environ['PF_PG_NAME'], 'USER': 'pf_test'}}\n"
  "else:\n"
  "    DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3',\n"
  "                             'NAME': os.environ.get('PF_DB', os.path.join(BASE_DIR, 'db.sqlite3'))}}\n";

static const char project_manage[] =
  "import os, sys\n"
  "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'settings')\n"
  "from django.core.management import execute_from_command_line\n"
  "execute_from_command_line(sys.argv)\n";

static const char accounts_models[] =
  "from django.contrib.auth.models import AbstractUser\n"
  "from django.db import models\n"
  "\n"
  "class User(AbstractUser):\n"
  "    sap = models.CharField(max_length=6, unique=True, null=True, db_column='SAP')\n";

#define SCHEDULING_MODELS_HEAD \
  "from django.conf import settings\n" \
  "from django.db import models\n" \
  "\n"

#define SCHEDULING_MODELS_COMMON \
  "class Unit(models.Model):\n" \
  "    home = models.ForeignKey(Home, on_delete=models.CASCADE)\n" \
  "    code = models.CharField(max_length=6, db_column='unit_code')\n" \
  "    class Meta:\n" \
  "        db_table = 'rota_unit'\n" \
  "\n" \
  "class Staff(Person):\n" \
  "    grade = models.IntegerField(default=1)\n" \
  "\n" \
  "class LegacyRota(models.Model):\n" \
  "    label = models.TextField()\n" \
  "    class Meta:\n" \
  "        managed = False\n" \
  "\n"

#define SCHEDULING_SHIFT(tag, extra) \
  "class Shift(models.Model):\n" \
  "    unit = models.ForeignKey(Unit, on_delete=models.CASCADE)\n" \
  "    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, db_column='staff_ref')\n" \
  "    supervisor = models.OneToOneField(Staff, on_delete=models.CASCADE, null=True)\n" \
  "    tags = models.ManyToManyField(" tag ")\n" \
  "    swaps = models.ManyToManyField('self', symmetrical=False)\n" \
  "    starts_at = models.DateTimeField()\n" \
  extra \
  "\n" \
  "class NightShift(Shift):\n" \
  "    class Meta:\n" \
  "        proxy = True\n"

static const char scheduling_models_v1[] =
  SCHEDULING_MODELS_HEAD
  "class Home(models.Model):\n"
  "    name = models.CharField(max_length=50)\n"
  "\n"
  "class Person(models.Model):\n"
  "    name = models.CharField(max_length=50)\n"
  "\n"
  "class Tag(models.Model):\n"
  "    label = models.CharField(max_length=20)\n"
  "\n"
  SCHEDULING_MODELS_COMMON
  SCHEDULING_SHIFT ("Tag", "");

static const char scheduling_models_v2[] =
  SCHEDULING_MODELS_HEAD
  "class Home(models.Model):\n"
  "    name = models.CharField(max_length=50)\n"
  "\n"
  "class Person(models.Model):\n"
  "    name = models.CharField(max_length=50)\n"
  "\n"
  "class Tag(models.Model):\n"
  "    label = models.CharField(max_length=20)\n"
  "\n"
  SCHEDULING_MODELS_COMMON
  SCHEDULING_SHIFT ("Tag", "    is_overtime = models.BooleanField(default=False)\n");

/* After the hand-written 0004 */
static const char scheduling_models_v3[] =
  SCHEDULING_MODELS_HEAD
  "class Home(models.Model):\n"
  "    title = models.CharField(max_length=50)\n"
  "    region = models.CharField(max_length=2, null=True)\n"
  "\n"
  "class Person(models.Model):\n"
  "    name = models.CharField(max_length=50)\n"
  "    class Meta:\n"
  "        db_table = 'people'\n"
  "\n"
  "class Label(models.Model):\n"
  "    label = models.CharField(max_length=20)\n"
  "\n"
  SCHEDULING_MODELS_COMMON
  SCHEDULING_SHIFT ("Label", "    is_overtime = models.BooleanField(default=False)\n");

static const char scheduling_0003[] =
  "from django.db import migrations\n"
  "\n"
  "\n"
  "def noop(apps, schema_editor):\n"
  "    pass\n"
  "\n"
  "\n"
  "class Migration(migrations.Migration):\n"
  "\n"
  "    dependencies = [\n"
  "        ('scheduling', '0002_shift_is_overtime'),\n"
  "        ('staff_records', '__first__'),\n"
  "    ]\n"
  "\n"
  "    operations = [\n"
  "        migrations.RunSQL(\n"
  "            [\"CREATE TABLE scheduling_legacyrota (id integer PRIMARY KEY, label text NOT NULL)\",\n"
  "             'CREATE INDEX IF NOT EXISTS \"shift_overtime_idx\" ON scheduling_shift (is_overtime)'],\n"
  "            reverse_sql=['DROP INDEX shift_overtime_idx', 'DROP TABLE scheduling_legacyrota'],\n"
  "        ),\n"
  "        migrations.RunPython(noop),\n"
  "    ]\n";

static const char scheduling_0004[] =
  "from django.db import migrations, models\n"
  "\n"
  "\n"
  "class Migration(migrations.Migration):\n"
  "\n"
  "    dependencies = [\n"
  "        ('scheduling', '0003_legacy_sql'),\n"
  "    ]\n"
  "\n"
  "    operations = [\n"
  "        migrations.RenameField('home', 'name', 'title'),\n"
  "        migrations.RenameModel('Tag', 'Label'),\n"
  "        migrations.AlterModelTable(name='person', table='people'),\n"
  "        migrations.SeparateDatabaseAndState(\n"
  "            database_operations=[\n"
  "                migrations.AddField('home', 'region', models.CharField(max_length=2, null=True)),\n"
  "            ],\n"
  "            state_operations=[\n"
  "                migrations.AddField(\n"
  "                    model_name='home',\n"
  "                    name='region',\n"
  "                    field=models.CharField(max_length=2, null=True),\n"
  "                ),\n"
  "            ],\n"
  "        ),\n"
  "    ]\n";

/* run_before and a dependency on another app's __latest__ */
static const char accounts_0002[] =
  "from django.db import migrations\n"
  "\n"
  "\n"
  "class Migration(migrations.Migration):\n"
  "\n"
  "    dependencies = [('accounts', '0001_initial'), ('auth', '__latest__')]\n"
  "    run_before = [('scheduling', '0002_shift_is_overtime')]\n"
  "\n"
  "    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]\n";

static const char staff_records_models_v1[] =
  "from django.conf import settings\n"
  "from django.db import models\n"
  "\n"
  "class Certification(models.Model):\n"
  "    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)\n"
  "    name = models.CharField(max_length=40)\n"
  "    related = models.ManyToManyField('self')\n"
  "    units = models.ManyToManyField('scheduling.Unit', db_table='cert_units')\n";

static const char staff_records_models_v2[] =
  "from django.conf import settings\n"
  "from django.db import models\n"
  "\n"
  "class Certification(models.Model):\n"
  "    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)\n"
  "    name = models.CharField(max_length=40)\n"
  "    related = models.ManyToManyField('self')\n"
  "    units = models.ManyToManyField('scheduling.Unit', db_table='cert_units')\n"
  "    expires = models.DateField(null=True)\n";

G_GNUC_UNUSED static void
project_write (const char *dir,
               const char *relative,
               const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Runs manage.py in @dir with @env_extra ("NAME=value", NULL-terminated)
 * and returns its exit status; stdout and stderr in @out / @err */
G_GNUC_UNUSED static int
project_manage_full (const char  *dir,
                     const char * const *env_extra,
                     char       **out,
                     char       **err,
                     const char  *first,
                     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) PF_TEST_PYTHON);
  g_ptr_array_add (argv, (gpointer) "manage.py");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "PF_PG_HOST");
  env = g_environ_setenv (env, "PYTHONDONTWRITEBYTECODE", "1", TRUE);
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env_extra[i], "=", 2);
      env = g_environ_setenv (env, pair[0], pair[1], TRUE);
    }

  g_spawn_sync (dir, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &stdout_text, &stderr_text, &status, &error);
  g_assert_no_error (error);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

#define project_manage(dir, env, ...) \
  G_STMT_START { \
    g_autofree char *_err = NULL; \
    int _status = project_manage_full (dir, env, NULL, &_err, __VA_ARGS__, NULL); \
    if (_status != 0) \
      g_error ("manage.py failed (%d): %s", _status, _err); \
  } G_STMT_END

/* Builds the project in a new temporary directory and returns it. A SQLite
 * database "squash-partial.sqlite3" is left in it, migrated to
 * staff_records 0001_initial before the squash existed. */
G_GNUC_UNUSED static char *
project_create (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pf-django-XXXXXX", &error);
  g_autofree char *squash_db = NULL;
  const char *squash_env[2] = { NULL, NULL };
  g_autofree char *env_item = NULL;

  g_assert_no_error (error);

  project_write (dir, "settings.py", project_settings);
  project_write (dir, "manage.py", project_manage);
  for (guint i = 0; i < 3; i++)
    {
      const char *app = (const char *[]) { "accounts", "scheduling", "staff_records" }[i];
      g_autofree char *init = g_build_filename (app, "__init__.py", NULL);
      g_autofree char *minit = g_build_filename (app, "migrations", "__init__.py", NULL);

      project_write (dir, init, "");
      project_write (dir, minit, "");
    }
  project_write (dir, "accounts/models.py", accounts_models);
  project_write (dir, "scheduling/models.py", scheduling_models_v1);
  project_write (dir, "staff_records/models.py", staff_records_models_v1);
  project_manage (dir, NULL, "makemigrations", "--noinput");

  project_write (dir, "scheduling/models.py", scheduling_models_v2);
  project_manage (dir, NULL, "makemigrations", "scheduling", "--noinput", "--name", "shift_is_overtime");
  project_write (dir, "accounts/migrations/0002_prepare.py", accounts_0002);
  project_write (dir, "scheduling/migrations/0003_legacy_sql.py", scheduling_0003);
  project_write (dir, "scheduling/migrations/0004_renames.py", scheduling_0004);
  project_write (dir, "scheduling/models.py", scheduling_models_v3);

  project_write (dir, "staff_records/models.py", staff_records_models_v2);
  project_manage (dir, NULL, "makemigrations", "staff_records", "--noinput", "--name", "certification_expires");

  /* Nothing left for makemigrations: the hand-written migrations match the models */
  project_manage (dir, NULL, "makemigrations", "--check", "--dry-run", "--noinput");

  squash_db = g_build_filename (dir, "squash-partial.sqlite3", NULL);
  env_item = g_strconcat ("PF_DB=", squash_db, NULL);
  squash_env[0] = env_item;
  project_manage (dir, squash_env, "migrate", "staff_records", "0001_initial");

  project_manage (dir, NULL, "squashmigrations", "staff_records", "0002", "--noinput");

  return g_steal_pointer (&dir);
}

G_GNUC_UNUSED static void
project_copy (const char *from,
              const char *to)
{
  g_autofree char *command = g_strdup_printf ("cp -a '%s/.' '%s/'", from, to);
  int status = 0;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (to, 0755), ==, 0);
  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

G_GNUC_UNUSED static void
project_remove (const char *dir)
{
  g_autofree char *command = NULL;

  if (dir == NULL)
    return;
  command = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

/* `showmigrations --plan` lines of the project's apps: "[X]  app.name" →
 * ticked, "[ ]  app.name" → not */
G_GNUC_UNUSED static void
project_show_plan (const char         *dir,
                   const char * const *env,
                   GPtrArray          *applied,
                   GPtrArray          *pending)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  status = project_manage_full (dir, env, &out, &err, "showmigrations", "--plan", NULL);
  if (status != 0)
    g_error ("showmigrations failed: %s", err);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *key;

      if (strlen (line) < 6 || line[0] != '[')
        continue;
      key = line + 5;
      if (!g_str_has_prefix (key, "accounts.") && !g_str_has_prefix (key, "scheduling.") &&
          !g_str_has_prefix (key, "staff_records."))
        continue;
      g_ptr_array_add (line[1] == 'X' ? applied : pending, g_strdup (key));
    }
}

G_GNUC_UNUSED static char *
migration_label (PfMigration *migration)
{
  return g_strdup_printf ("%s.%s", pf_migration_get_app (migration), pf_migration_get_name (migration));
}

G_GNUC_UNUSED static char *
labels_join (GPtrArray *migrations_or_strings,
             gboolean   strings)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < migrations_or_strings->len; i++)
    {
      g_autofree char *label = strings ? g_strdup (g_ptr_array_index (migrations_or_strings, i))
                                       : migration_label (g_ptr_array_index (migrations_or_strings, i));

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", label);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Opens @target read-only and returns its schema and Django history */
G_GNUC_UNUSED static PfSchema *
open_target (const char          *target,
             PfMigrationHistory **history)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfDatabase) database = pf_database_new_for_target (target, &error);
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(GPtrArray) histories = NULL;

  g_assert_no_error (error);
  g_assert_true (pf_database_open (database, NULL, &error));
  g_assert_no_error (error);
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);

  histories = pf_migration_history_load_all (database, schema, NULL, &error);
  g_assert_no_error (error);
  *history = NULL;
  for (guint i = 0; i < histories->len; i++)
    {
      PfMigrationHistory *candidate = g_ptr_array_index (histories, i);

      if (pf_migration_history_get_framework (candidate) == PF_MIGRATION_FRAMEWORK_DJANGO)
        *history = g_object_ref (candidate);
    }
  pf_database_close (database);

  return g_steal_pointer (&schema);
}

G_GNUC_UNUSED static PfMigrationSource *
load_source (const char *dir)
{
  g_autoptr(GError) error = NULL;
  PfMigrationSource *source = pf_migration_source_load (dir, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);

  return source;
}

/* The graph's pending and applied lists must be exactly Django's
 * showmigrations --plan: unticked and ticked entries, in order */
G_GNUC_UNUSED static void
assert_plan_matches_django (const char         *dir,
                            const char * const *env,
                            PfMigrationGraph   *graph)
{
  g_autoptr(GPtrArray) django_applied = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) django_pending = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected_pending = NULL;
  g_autofree char *expected_applied = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *applied = NULL;

  project_show_plan (dir, env, django_applied, django_pending);
  expected_pending = labels_join (django_pending, TRUE);
  expected_applied = labels_join (django_applied, TRUE);
  pending = labels_join (pf_migration_graph_get_pending (graph), FALSE);
  applied = labels_join (pf_migration_graph_get_applied (graph), FALSE);

  g_assert_cmpstr (pending, ==, expected_pending);
  g_assert_cmpstr (applied, ==, expected_applied);
}

G_GNUC_UNUSED static int
string_compare_indirect (gconstpointer a,
                         gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Table and column names of a live schema, "table" and "table.column",
 * lower case (to compare SQLite and PostgreSQL the same way) */
G_GNUC_UNUSED static GHashTable *
schema_names (PfSchema *schema)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (schema));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (schema), i);
      GPtrArray *columns = pf_table_get_columns (table);
      const char *schema_name = pf_table_get_schema_name (table);

      if (schema_name != NULL && strcmp (schema_name, "public") != 0)
        continue;
      g_hash_table_add (names, g_strdup (pf_table_get_name (table)));
      for (guint j = 0; j < columns->len; j++)
        g_hash_table_add (names, g_strdup_printf ("%s.%s", pf_table_get_name (table),
                                                  ((PfColumn *) g_ptr_array_index (columns, j))->name));
    }

  return names;
}

/* What @really has and @faked lacks: the truth about the faked migrations */
G_GNUC_UNUSED static char *
schema_difference (PfSchema *really,
                   PfSchema *faked)
{
  g_autoptr(GHashTable) a = schema_names (really);
  g_autoptr(GHashTable) b = schema_names (faked);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *name = key;
      const char *dot = strchr (name, '.');

      if (g_hash_table_contains (b, name))
        continue;
      /* A column of a missing table is covered by the table */
      if (dot != NULL)
        {
          g_autofree char *table = g_strndup (name, dot - name);
          if (!g_hash_table_contains (b, table))
            continue;
        }
      g_ptr_array_add (missing, key);
    }
  g_ptr_array_sort (missing, string_compare_indirect);

  return labels_join (missing, TRUE);
}

/* missing-table / missing-column problems as "table" / "table.column", sorted */
G_GNUC_UNUSED static char *
drift_missing (GPtrArray *problems)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);
      const char *kind = pf_migration_problem_get_kind (problem);

      if (strcmp (kind, PF_MIGRATION_PROBLEM_MISSING_TABLE) == 0)
        g_ptr_array_add (names, g_strdup (pf_migration_problem_get_table (problem)));
      else if (strcmp (kind, PF_MIGRATION_PROBLEM_MISSING_COLUMN) == 0)
        g_ptr_array_add (names, g_strdup_printf ("%s.%s", pf_migration_problem_get_table (problem),
                                                 pf_migration_problem_get_column (problem)));
    }
  g_ptr_array_sort (names, string_compare_indirect);

  return labels_join (names, TRUE);
}

G_GNUC_UNUSED static PfMigrationProblem *
find_problem (GPtrArray  *problems,
              const char *kind,
              guint      *count)
{
  PfMigrationProblem *found = NULL;

  *count = 0;
  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);

      if (strcmp (pf_migration_problem_get_kind (problem), kind) == 0)
        {
          (*count)++;
          if (found == NULL)
            found = problem;
        }
    }

  return found;
}

G_GNUC_UNUSED static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}
