/* pf-test-django.c — real Django projects for tests, made by Django itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-test-django"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pf-test-django.h"

/* ---- the project's files (see pf-test-django.h) ------------------------- */

static const char manage_py[] =
  "#!/usr/bin/env python3\n"
  "\"\"\"Django's command-line utility for administrative tasks.\"\"\"\n"
  "import os\n"
  "import sys\n"
  "\n"
  "\n"
  "def main():\n"
  "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_config.settings')\n"
  "    from django.core.management import execute_from_command_line\n"
  "    execute_from_command_line(sys.argv)\n"
  "\n"
  "\n"
  "if __name__ == '__main__':\n"
  "    main()\n";

static const char settings_py[] =
  "\"\"\"Settings of Preflight's test project (written by tests/pf-test-django.c).\"\"\"\n"
  "import os\n"
  "from pathlib import Path\n"
  "from urllib.parse import parse_qs, urlparse\n"
  "\n"
  "BASE_DIR = Path(__file__).resolve().parent.parent\n"
  "SECRET_KEY = \"preflight-tests-only\"\n"
  "DEBUG = True\n"
  "USE_TZ = True\n"
  "INSTALLED_APPS = [\n"
  "    \"django.contrib.auth\",\n"
  "    \"django.contrib.contenttypes\",\n"
  "    \"accounts\",\n"
  "    \"scheduling\",\n"
  "    \"staff_records\",\n"
  "]\n"
  "AUTH_USER_MODEL = \"accounts.User\"\n"
  "DEFAULT_AUTO_FIELD = \"django.db.models.AutoField\"\n"
  "\n"
  "\n"
  "def _database(url):\n"
  "    if not url:\n"
  "        return {\"ENGINE\": \"django.db.backends.sqlite3\", \"NAME\": str(BASE_DIR / \"db.sqlite3\")}\n"
  "    parts = urlparse(url)\n"
  "    if parts.scheme == \"sqlite\":\n"
  "        return {\"ENGINE\": \"django.db.backends.sqlite3\", \"NAME\": parts.path}\n"
  "    query = parse_qs(parts.query)\n"
  "    return {\n"
  "        \"ENGINE\": \"django.db.backends.postgresql\",\n"
  "        \"NAME\": parts.path.lstrip(\"/\"),\n"
  "        \"USER\": parts.username or \"\",\n"
  "        \"PASSWORD\": parts.password or \"\",\n"
  "        \"HOST\": query.get(\"host\", [parts.hostname or \"\"])[0],\n"
  "        \"PORT\": str(query.get(\"port\", [parts.port or \"\"])[0]),\n"
  "    }\n"
  "\n"
  "\n"
  "DATABASES = {\"default\": _database(os.environ.get(\"PF_TEST_DJANGO_DATABASE\", \"\"))}\n";

static const char accounts_models[] =
  "from django.contrib.auth.models import AbstractUser\n"
  "from django.db import models\n"
  "\n"
  "\n"
  "class User(AbstractUser):\n"
  "    sap = models.CharField(max_length=6, unique=True, null=True)\n";

static const char scheduling_models_1[] =
  "from django.conf import settings\n"
  "from django.db import models\n"
  "\n"
  "\n"
  "class CareHome(models.Model):\n"
  "    code = models.CharField(max_length=5, unique=True)\n"
  "    name = models.CharField(\"name\", max_length=100, db_column=\"home_name\")\n"
  "\n"
  "    class Meta:\n"
  "        db_table = \"care_home\"\n"
  "\n"
  "\n"
  "class Unit(models.Model):\n"
  "    home = models.ForeignKey(CareHome, on_delete=models.CASCADE, related_name=\"units\")\n"
  "    name = models.CharField(max_length=50)\n"
  "\n"
  "    class Meta:\n"
  "        unique_together = [(\"home\", \"name\")]\n"
  "\n"
  "\n"
  "class Shift(models.Model):\n"
  "    unit = models.ForeignKey(Unit, on_delete=models.PROTECT)\n"
  "    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)\n"
  "    starts_at = models.DateTimeField()\n"
  "    hours = models.DecimalField(max_digits=5, decimal_places=2, default=7.5)\n"
  "\n"
  "    class Meta:\n"
  "        indexes = [models.Index(fields=[\"starts_at\"], name=\"shift_starts_idx\")]\n"
  "\n"
  "\n"
  "class NightShift(Shift):\n"
  "    class Meta:\n"
  "        proxy = True\n"
  "\n"
  "\n"
  "class LegacyRota(models.Model):\n"
  "    week = models.IntegerField()\n"
  "\n"
  "    class Meta:\n"
  "        managed = False\n"
  "        db_table = \"legacy_rota\"\n";

static const char scheduling_models_2[] =
  "from django.conf import settings\n"
  "from django.db import models\n"
  "\n"
  "\n"
  "class CareHome(models.Model):\n"
  "    code = models.CharField(max_length=5, unique=True)\n"
  "    name = models.CharField(\"name\", max_length=100, db_column=\"home_name\")\n"
  "\n"
  "    class Meta:\n"
  "        db_table = \"care_home\"\n"
  "        indexes = [models.Index(fields=[\"name\"], name=\"care_home_name_idx\")]\n"
  "\n"
  "\n"
  "class Unit(models.Model):\n"
  "    home = models.ForeignKey(CareHome, on_delete=models.CASCADE, related_name=\"units\")\n"
  "    name = models.CharField(max_length=80)\n"
  "\n"
  "    class Meta:\n"
  "        unique_together = [(\"home\", \"name\")]\n"
  "\n"
  "\n"
  "class Shift(models.Model):\n"
  "    unit = models.ForeignKey(Unit, on_delete=models.PROTECT)\n"
  "    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)\n"
  "    starts_at = models.DateTimeField()\n"
  "    hours = models.DecimalField(max_digits=5, decimal_places=2, default=7.5)\n"
  "    is_overtime = models.BooleanField(default=False)\n"
  "\n"
  "    class Meta:\n"
  "        indexes = [models.Index(fields=[\"starts_at\"], name=\"shift_starts_idx\")]\n"
  "\n"
  "\n"
  "class NightShift(Shift):\n"
  "    class Meta:\n"
  "        proxy = True\n"
  "\n"
  "\n"
  "class LegacyRota(models.Model):\n"
  "    week = models.IntegerField()\n"
  "\n"
  "    class Meta:\n"
  "        managed = False\n"
  "        db_table = \"legacy_rota\"\n"
  "\n"
  "\n"
  "class StaffCertification(models.Model):\n"
  "    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)\n"
  "    name = models.CharField(max_length=100)\n"
  "    expires = models.DateField(null=True, blank=True)\n"
  "\n"
  "    class Meta:\n"
  "        constraints = [models.UniqueConstraint(fields=[\"user\", \"name\"], name=\"uniq_certification\")]\n";

static const char staff_models_1[] =
  "from django.conf import settings\n"
  "from django.db import models\n"
  "\n"
  "\n"
  "class Person(models.Model):\n"
  "    name = models.CharField(max_length=100)\n"
  "\n"
  "\n"
  "class StaffProfile(Person):\n"
  "    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)\n"
  "    units = models.ManyToManyField(\"scheduling.Unit\", blank=True)\n"
  "    note = models.TextField(default='He said \"it\\'s fine\"\\nand left')\n";

static const char staff_models_2[] =
  "from django.conf import settings\n"
  "from django.db import models\n"
  "\n"
  "\n"
  "class Person(models.Model):\n"
  "    name = models.CharField(max_length=100)\n"
  "\n"
  "\n"
  "class StaffProfile(Person):\n"
  "    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)\n"
  "    units = models.ManyToManyField(\"scheduling.Unit\", blank=True)\n";

static const char data_fixes_py[] =
  "# Written by hand (tests/pf-test-django.c) over makemigrations --empty\n"
  "from django.db import migrations, models\n"
  "\n"
  "\n"
  "def forwards(apps, schema_editor):\n"
  "    Shift = apps.get_model(\"scheduling\", \"Shift\")\n"
  "    Shift.objects.filter(hours__gt=12).update(is_overtime=True)\n"
  "\n"
  "\n"
  "class Migration(migrations.Migration):\n"
  "    \"\"\"Data fixes: a docstring, comments, and every quoting style.\"\"\"\n"
  "\n"
  "    # after the staff profiles exist\n"
  "    dependencies = [\n"
  "        ('scheduling', '0002_overtime'),  # a trailing comment\n"
  "        (\"staff_records\", \"0001_initial\"),\n"
  "    ]\n"
  "\n"
  "    operations = [\n"
  "        migrations.RunSQL(\n"
  "            sql=\"CREATE INDEX shift_unit_hours ON scheduling_shift (unit_id, hours);\",\n"
  "            reverse_sql='DROP INDEX shift_unit_hours;',\n"
  "        ),\n"
  "        migrations.RunSQL(\n"
  "            r\"\"\"UPDATE scheduling_unit\n"
  "                SET name = trim(name)  -- \"quoted\" 'both' \\n\n"
  "                WHERE name LIKE '% %'\"\"\",\n"
  "            migrations.RunSQL.noop,\n"
  "        ),\n"
  "        migrations.RunSQL(\n"
  "            [(\"INSERT INTO care_home (code, home_name) VALUES (%s, %s)\", ['ABC01', 'Rose ' \\\n"
  "              'Court'])],\n"
  "            elidable=True,\n"
  "        ),\n"
  "        migrations.RunPython(forwards),\n"
  "        migrations.RunPython(\n"
  "            code=lambda apps, schema_editor: None,\n"
  "            reverse_code=migrations.RunPython.noop,\n"
  "            atomic=False,\n"
  "        ),\n"
  "        migrations.SeparateDatabaseAndState(\n"
  "            database_operations=[\n"
  "                migrations.RunSQL('ALTER TABLE legacy_rota ADD COLUMN note text',\n"
  "                                  'ALTER TABLE legacy_rota DROP COLUMN note'),\n"
  "            ],\n"
  "            state_operations=[\n"
  "                migrations.AddField('legacyrota', 'note', models.TextField(null=True)),\n"
  "            ],\n"
  "        ),\n"
  "    ]\n";

static const char postgres_py[] =
  "# Written by hand (tests/pf-test-django.c): PostgreSQL-only operations\n"
  "from django.contrib.postgres.operations import (\n"
  "    AddIndexConcurrently, BtreeGinExtension, CreateExtension, TrigramExtension,\n"
  ")\n"
  "from django.db import migrations, models\n"
  "\n"
  "\n"
  "class Migration(migrations.Migration):\n"
  "    atomic = False\n"
  "\n"
  "    dependencies = [('staff_records', '0002_remove_note')]\n"
  "\n"
  "    operations = [\n"
  "        CreateExtension('citext'),\n"
  "        TrigramExtension(),\n"
  "        BtreeGinExtension(),\n"
  "        AddIndexConcurrently(\n"
  "            'person',\n"
  "            models.Index(fields=['name'], name='person_name_idx'),\n"
  "        ),\n"
  "    ]\n";

static const char oracle_py[] =
  "import inspect, json, os, sys\n"
  "project = os.path.realpath(sys.argv[1])\n"
  "sys.path.insert(0, project)\n"
  "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site_config.settings\")\n"
  "import django\n"
  "django.setup()\n"
  "from django.db import migrations\n"
  "from django.db.migrations.loader import MigrationLoader\n"
  "\n"
  "def plain(value):\n"
  "    return isinstance(value, (str, bool, int)) and not callable(value)\n"
  "\n"
  "def describe(op):\n"
  "    name, args, kwargs = op.deconstruct()\n"
  "    try:\n"
  "        bound = dict(inspect.signature(type(op).__init__).bind(None, *args, **kwargs).arguments)\n"
  "    except TypeError:\n"
  "        bound = dict(kwargs)\n"
  "    bound.pop(\"self\", None)\n"
  "    out = {\"kind\": type(op).__name__,\n"
  "           \"arguments\": {k: v for k, v in bound.items() if plain(v)}}\n"
  "    if isinstance(op, migrations.CreateModel):\n"
  "        out[\"fields\"] = [[n, type(f).__name__] for n, f in op.fields]\n"
  "    if isinstance(op, (migrations.AddField, migrations.AlterField)):\n"
  "        out[\"field\"] = type(op.field).__name__\n"
  "    if isinstance(op, migrations.SeparateDatabaseAndState):\n"
  "        out[\"database_operations\"] = [describe(o) for o in op.database_operations]\n"
  "        out[\"state_operations\"] = [describe(o) for o in op.state_operations]\n"
  "    return out\n"
  "\n"
  "loader = MigrationLoader(None, ignore_no_migrations=True)\n"
  "result = {}\n"
  "for (app, name), migration in sorted(loader.disk_migrations.items()):\n"
  "    path = os.path.realpath(inspect.getfile(type(migration)))\n"
  "    if not path.startswith(project + os.sep):\n"
  "        continue\n"
  "    result[app + \".\" + name] = {\n"
  "        \"path\": path,\n"
  "        \"dependencies\": [list(d) for d in migration.dependencies],\n"
  "        \"swappable\": [[d[0], d[1], d.setting] for d in migration.dependencies\n"
  "                      if hasattr(d, \"setting\")],\n"
  "        \"replaces\": [list(r) for r in migration.replaces],\n"
  "        \"run_before\": [list(r) for r in migration.run_before],\n"
  "        \"initial\": bool(migration.initial),\n"
  "        \"atomic\": bool(migration.atomic),\n"
  "        \"operations\": [describe(o) for o in migration.operations],\n"
  "    }\n"
  "print(json.dumps(result, sort_keys=True))\n";
/* ---- running Python ----------------------------------------------------- */

static gboolean
run_python (const char         *project,
            const char         *database_url,
            const char * const *argv,
            char              **out_stdout,
            GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_launcher_set_cwd (launcher, project);
  /* no __pycache__ in the project: the tests walk it */
  g_subprocess_launcher_setenv (launcher, "PYTHONDONTWRITEBYTECODE", "1", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DJANGO_SETTINGS_MODULE");
  if (database_url != NULL)
    g_subprocess_launcher_setenv (launcher, "PF_TEST_DJANGO_DATABASE", database_url, TRUE);

  process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (process == NULL)
    return FALSE;
  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, error))
    return FALSE;

  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_autofree char *command = g_strjoinv (" ", (char **) argv);

      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                   "“%s” failed in %s:\n%s%s", command, project, out ? out : "", err ? err : "");
      return FALSE;
    }

  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  return TRUE;
}

gboolean
pf_test_django_manage_with_database (const char          *project,
                                     const char          *database_url,
                                     const char * const  *args,
                                     char               **out_stdout,
                                     GError             **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) PF_TEST_DJANGO_PYTHON);
  g_ptr_array_add (argv, (gpointer) "manage.py");
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  return run_python (project, database_url, (const char * const *) argv->pdata,
                     out_stdout, error);
}

gboolean
pf_test_django_manage (const char          *project,
                       const char * const  *args,
                       char               **out_stdout,
                       GError             **error)
{
  return pf_test_django_manage_with_database (project, NULL, args, out_stdout, error);
}

gboolean
pf_test_django_write (const char  *project,
                      const char  *relative_path,
                      const char  *contents,
                      GError     **error)
{
  g_autofree char *path = g_build_filename (project, relative_path, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Could not create %s", dir);
      return FALSE;
    }
  return g_file_set_contents (path, contents, -1, error);
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  return g_remove (path) == 0;
}

void
pf_test_django_project_remove (const char *project)
{
  if (project != NULL)
    remove_tree (project);
}

char *
pf_test_django_project_new (GError **error)
{
  g_autofree char *project = NULL;
  const struct { const char *path; const char *contents; } files[] = {
    { "manage.py", manage_py },
    { "site_config/__init__.py", "" },
    { "site_config/settings.py", settings_py },
    { "accounts/__init__.py", "" },
    { "accounts/models.py", accounts_models },
    { "accounts/migrations/__init__.py", "" },
    { "scheduling/__init__.py", "" },
    { "scheduling/models.py", scheduling_models_1 },
    { "scheduling/migrations/__init__.py", "" },
    { "staff_records/__init__.py", "" },
    { "staff_records/models.py", staff_models_1 },
    { "staff_records/migrations/__init__.py", "" },
  };
  const char *initial[] = { "makemigrations", "accounts", "scheduling", "staff_records", "--noinput", NULL };
  const char *overtime[] = { "makemigrations", "scheduling", "--name", "overtime", "--noinput", NULL };
  const char *remove_note[] = { "makemigrations", "staff_records", "--name", "remove_note", "--noinput", NULL };
  const char *empty[] = { "makemigrations", "scheduling", "--empty", "--name", "data_fixes", NULL };
  const char *squash[] = { "squashmigrations", "scheduling", "0002", "--squashed-name",
                           "squashed_overtime", "--noinput", NULL };

  project = g_dir_make_tmp ("pf-django-XXXXXX", error);
  if (project == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (!pf_test_django_write (project, files[i].path, files[i].contents, error))
      goto failed;

  if (!pf_test_django_manage (project, initial, NULL, error))
    goto failed;

  /* the second round of model changes */
  if (!pf_test_django_write (project, "scheduling/models.py", scheduling_models_2, error) ||
      !pf_test_django_write (project, "staff_records/models.py", staff_models_2, error) ||
      !pf_test_django_manage (project, overtime, NULL, error) ||
      !pf_test_django_manage (project, remove_note, NULL, error))
    goto failed;

  /* an empty migration, then what a developer writes into it */
  if (!pf_test_django_manage (project, empty, NULL, error) ||
      !pf_test_django_write (project, "scheduling/migrations/0003_data_fixes.py", data_fixes_py, error))
    goto failed;

  if (!pf_test_django_manage (project, squash, NULL, error))
    goto failed;

  if (!pf_test_django_write (project, "staff_records/migrations/0003_postgres.py", postgres_py, error))
    goto failed;

  return g_steal_pointer (&project);

failed:
  pf_test_django_project_remove (project);
  return NULL;
}

JsonNode *
pf_test_django_oracle (const char  *project,
                       GError     **error)
{
  const char *argv[] = { PF_TEST_DJANGO_PYTHON, "-c", oracle_py, project, NULL };
  g_autofree char *out = NULL;

  if (!run_python (project, NULL, argv, &out, error))
    return NULL;
  return json_from_string (out, error);
}
