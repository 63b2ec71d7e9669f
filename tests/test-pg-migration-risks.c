/* test-pg-migration-risks.c — predictions for pending migrations on PostgreSQL, checked against reality
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pg-migration-risks"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pf-engine.h"
#include "pf-migration-analysis.h"
#include "pf-test-pg.h"

static PfTestPg *pg;

static const char *schema_sql =
  "CREATE TABLE django_migrations (id bigserial PRIMARY KEY, app varchar(255) NOT NULL, "
  "  name varchar(255) NOT NULL, applied timestamptz NOT NULL);"
  "INSERT INTO django_migrations (app, name, applied) VALUES "
  "  ('shop', '0001_initial', '2024-01-01 10:00:00+00');"
  "CREATE TABLE shop_item (id bigserial PRIMARY KEY, code varchar(20) NOT NULL, note varchar(40) NULL);"
  "INSERT INTO shop_item (code, note) VALUES ('A', 'x'), ('A', NULL), ('A', 'y'), ('B', NULL), ('C', 'z');"
  "CREATE TABLE shop_big (id bigserial PRIMARY KEY, val integer NOT NULL);"
  "INSERT INTO shop_big (val) SELECT g FROM generate_series(1, 150000) AS g;"
  "ANALYZE shop_big;"
  /* Made by hand, not by a migration */
  "CREATE TABLE shop_existing (id bigserial PRIMARY KEY);";

static const char *initial_py =
  "from django.db import migrations, models\n\n\n"
  "class Migration(migrations.Migration):\n\n"
  "    initial = True\n\n"
  "    dependencies = [\n    ]\n\n"
  "    operations = [\n"
  "        migrations.CreateModel(\n"
  "            name='Item',\n"
  "            fields=[\n"
  "                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),\n"
  "                ('code', models.CharField(max_length=20)),\n"
  "                ('note', models.CharField(max_length=40, null=True)),\n"
  "            ],\n"
  "        ),\n"
  "        migrations.CreateModel(\n"
  "            name='Big',\n"
  "            fields=[\n"
  "                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),\n"
  "                ('val', models.IntegerField()),\n"
  "            ],\n"
  "        ),\n"
  "    ]\n";

static const char *pending_py =
  "import django.contrib.postgres.operations\n"
  "from django.contrib.postgres.operations import CreateExtension\n"
  "from django.db import migrations, models\n\n\n"
  "class Migration(migrations.Migration):\n\n"
  "    dependencies = [\n        ('shop', '0001_initial'),\n    ]\n\n"
  "    operations = [\n"
  "        CreateExtension('no_such_extension'),\n"
  "        migrations.AlterField(\n"
  "            model_name='item',\n"
  "            name='code',\n"
  "            field=models.CharField(max_length=20, unique=True),\n"
  "        ),\n"
  "        migrations.AlterField(\n"
  "            model_name='item',\n"
  "            name='note',\n"
  "            field=models.CharField(max_length=40),\n"
  "        ),\n"
  "        migrations.CreateModel(\n"
  "            name='Existing',\n"
  "            fields=[\n"
  "                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),\n"
  "            ],\n"
  "        ),\n"
  "        migrations.AddIndex(\n"
  "            model_name='big',\n"
  "            index=models.Index(fields=['val'], name='shop_big_val_idx'),\n"
  "        ),\n"
  "    ]\n";

static char *
write_project (void)
{
  g_autofree char *project = g_build_filename (g_get_user_data_dir (), "project", NULL);
  g_autofree char *migrations = g_build_filename (project, "shop", "migrations", NULL);
  struct { const char *name; const char *text; } files[] = {
    { "__init__.py", "" },
    { "0001_initial.py", initial_py },
    { "0002_predictions.py", pending_py },
  };

  g_assert_cmpint (g_mkdir_with_parents (migrations, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (migrations, files[i].name, NULL);
      g_autoptr(GError) error = NULL;

      g_file_set_contents (path, files[i].text, -1, &error);
      g_assert_no_error (error);
    }

  return g_steal_pointer (&project);
}

static PfMigrationProblem *
find_problem (PfMigrationAnalysis *analysis,
              const char          *kind,
              const char          *title_part)
{
  GPtrArray *problems = pf_migration_analysis_get_problems (analysis);

  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (pf_migration_problem_get_kind (problem), kind) &&
          strstr (pf_migration_problem_get_title (problem), title_part) != NULL)
        return problem;
    }

  g_test_message ("no %s problem with “%s”", kind, title_part);
  return NULL;
}

/* Runs @sql in a scratch copy and returns the SQLSTATE it failed with */
static char *
sqlstate_in_copy (const char *dbname,
                  const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_strdup_printf ("%s_scratch", dbname);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE \"%s\" TEMPLATE \"%s\"", copy, dbname);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS \"%s\"", copy);
  const char *open;
  char *state = NULL;

  pf_test_pg_exec (pg, NULL, drop, &error);
  g_assert_no_error (error);
  pf_test_pg_exec (pg, NULL, create, &error);
  g_assert_no_error (error);

  if (!pf_test_pg_exec (pg, copy, sql, &error))
    {
      g_test_message ("%s: %s", sql, error->message);
      open = strrchr (error->message, '[');
      if (open != NULL)
        state = g_strndup (open + 1, 5);
    }

  g_clear_error (&error);
  pf_test_pg_exec (pg, NULL, drop, &error);
  g_assert_no_error (error);

  return state;
}

static void
test_predictions (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *url = NULL;
  g_autofree char *project = write_project ();
  g_autofree char *state = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfMigrationAnalysis) analysis = NULL;
  PfMigrationProblem *problem;

  dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_assert_no_error (error);
  pf_test_pg_exec (pg, dbname, schema_sql, &error);
  g_assert_no_error (error);

  url = pf_test_pg_dup_url (pg, dbname);
  database = pf_database_new_for_target (url, &error);
  g_assert_no_error (error);
  pf_database_open (database, NULL, &error);
  g_assert_no_error (error);
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);

  analysis = pf_migration_analysis_run (database, schema, project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* CREATE DATABASE … TEMPLATE needs the source free of sessions */
  pf_database_close (database);

  /* Uniqueness over duplicates: 3 rows share 'A' */
  problem = find_problem (analysis, PF_MIGRATION_PROBLEM_WILL_FAIL, "repeat a value of (code)");
  g_assert_nonnull (problem);
  g_assert_cmpint (pf_migration_problem_get_count (problem), ==, 3);
  g_assert_cmpstr (pf_migration_problem_get_table (problem), ==, "shop_item");
  state = sqlstate_in_copy (dbname, "CREATE UNIQUE INDEX shop_item_code_uniq ON shop_item (code)");
  g_assert_cmpstr (state, ==, "23505");
  g_clear_pointer (&state, g_free);

  /* NOT NULL over NULLs: 2 rows */
  problem = find_problem (analysis, PF_MIGRATION_PROBLEM_WILL_FAIL, "have no note");
  g_assert_nonnull (problem);
  g_assert_cmpint (pf_migration_problem_get_count (problem), ==, 2);
  state = sqlstate_in_copy (dbname, "ALTER TABLE shop_item ALTER COLUMN note SET NOT NULL");
  g_assert_cmpstr (state, ==, "23502");
  g_clear_pointer (&state, g_free);

  /* A table that already exists */
  problem = find_problem (analysis, PF_MIGRATION_PROBLEM_WILL_FAIL, "the table shop_existing already exists");
  g_assert_nonnull (problem);
  state = sqlstate_in_copy (dbname, "CREATE TABLE shop_existing (id bigserial PRIMARY KEY)");
  g_assert_cmpstr (state, ==, "42P07");
  g_clear_pointer (&state, g_free);

  /* An extension the server does not offer */
  problem = find_problem (analysis, PF_MIGRATION_PROBLEM_WILL_FAIL, "does not offer the extension no_such_extension");
  g_assert_nonnull (problem);
  state = sqlstate_in_copy (dbname, "CREATE EXTENSION no_such_extension");
  g_assert_nonnull (state);
  g_assert_true (g_str_equal (state, "58P01") || g_str_equal (state, "0A000"));
  g_clear_pointer (&state, g_free);

  /* An extension it does offer is no problem */
  g_assert_null (find_problem (analysis, PF_MIGRATION_PROBLEM_WILL_FAIL, "plpgsql"));

  /* An index without CONCURRENTLY over 150,000 rows (ANALYZEd estimate) */
  problem = find_problem (analysis, PF_MIGRATION_PROBLEM_RISKY_OPERATION, "without CONCURRENTLY");
  g_assert_nonnull (problem);
  g_assert_cmpstr (pf_migration_problem_get_table (problem), ==, "shop_big");
  g_assert_cmpint (pf_migration_problem_get_count (problem), >, 100000);
  g_assert_cmpint (pf_migration_problem_get_severity (problem), ==, PF_SEVERITY_WARNING);
  /* …which does succeed, it only locks: no will-fail for it */
  state = sqlstate_in_copy (dbname, "CREATE INDEX shop_big_val_idx ON shop_big (val)");
  g_assert_null (state);

  /* Nothing was written: still one history row, no unique index */
  {
    g_autofree char *rows = pf_test_pg_query_string (pg, dbname, "SELECT count(*) FROM django_migrations", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (rows, ==, "1");
  }
}

/* The same data without the problems: no will-fail predicted */
static void
test_clean (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *url = NULL;
  g_autofree char *project = write_project ();
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfMigrationAnalysis) analysis = NULL;

  dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_assert_no_error (error);
  pf_test_pg_exec (pg, dbname, schema_sql, &error);
  g_assert_no_error (error);
  pf_test_pg_exec (pg, dbname,
                   "DELETE FROM shop_item WHERE code = 'A' AND id > 1;"
                   "UPDATE shop_item SET note = 'n' WHERE note IS NULL;"
                   "DROP TABLE shop_existing;",
                   &error);
  g_assert_no_error (error);

  url = pf_test_pg_dup_url (pg, dbname);
  database = pf_database_new_for_target (url, &error);
  g_assert_no_error (error);
  pf_database_open (database, NULL, &error);
  g_assert_no_error (error);
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);

  analysis = pf_migration_analysis_run (database, schema, project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_null (find_problem (analysis, PF_MIGRATION_PROBLEM_WILL_FAIL, "repeat a value"));
  g_assert_null (find_problem (analysis, PF_MIGRATION_PROBLEM_WILL_FAIL, "have no note"));
  g_assert_null (find_problem (analysis, PF_MIGRATION_PROBLEM_WILL_FAIL, "already exists"));
  /* Still a new unique constraint: a risk, not a failure */
  g_assert_nonnull (find_problem (analysis, PF_MIGRATION_PROBLEM_RISKY_OPERATION, "adds a unique constraint on shop_item (code)"));

  pf_database_close (database);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  pg = pf_test_pg_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/pg-migration-risks/predictions", test_predictions);
  g_test_add_func ("/pg-migration-risks/clean", test_clean);

  ret = g_test_run ();
  pf_test_pg_stop (pg);
  return ret;
}
