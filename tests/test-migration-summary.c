/* test-migration-summary.c — migrations in plain words and in technical form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-migration-summary"

#include "config.h"

#include "pf-migration-summary.h"

/* A migration whose operations are @operations (Python source, one
 * operation per line, each ending with a comma) */
static PfMigration *
parse_migration (const char *operations)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  PfMigration *migration;

  source = g_strconcat ("from django.db import migrations, models\n"
                        "import django.contrib.postgres.operations\n"
                        "\n"
                        "class Migration(migrations.Migration):\n"
                        "    dependencies = [('scheduling', '0001_initial')]\n"
                        "    operations = [\n",
                        operations,
                        "    ]\n",
                        NULL);
  migration = pf_migration_new_from_source ("scheduling", "0002_test", NULL, source, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (migration);

  return migration;
}

/* The summary of the only operation of a migration made of @operation */
static char *
summarize (const char *operation)
{
  g_autofree char *line = g_strconcat ("        ", operation, ",\n", NULL);
  g_autoptr(PfMigration) migration = parse_migration (line);
  GPtrArray *operations = pf_migration_get_operations (migration);

  g_assert_cmpuint (operations->len, ==, 1);
  return pf_migration_operation_dup_summary (g_ptr_array_index (operations, 0));
}

static char *
technical (const char *operation)
{
  g_autofree char *line = g_strconcat ("        ", operation, ",\n", NULL);
  g_autoptr(PfMigration) migration = parse_migration (line);
  GPtrArray *operations = pf_migration_get_operations (migration);

  g_assert_cmpuint (operations->len, ==, 1);
  return pf_migration_operation_dup_technical (g_ptr_array_index (operations, 0));
}

#define assert_summary(operation, expected) \
  G_STMT_START { \
    g_autofree char *__summary = summarize (operation); \
    g_assert_cmpstr (__summary, ==, expected); \
  } G_STMT_END

#define assert_technical(operation, expected) \
  G_STMT_START { \
    g_autofree char *__technical = technical (operation); \
    g_assert_cmpstr (__technical, ==, expected); \
  } G_STMT_END

static void
test_models (void)
{
  assert_summary ("migrations.CreateModel(name='StaffCertification', fields=[('id', models.AutoField(primary_key=True))])",
                  "Creates the table for staff certifications");
  assert_summary ("migrations.CreateModel('Shift', [('id', models.AutoField(primary_key=True))])",
                  "Creates the table for shifts");
  assert_summary ("migrations.CreateModel(name='HTTPLogEntry', fields=[])", "Creates the table for http log entries");
  assert_summary ("migrations.CreateModel(name='Status', fields=[])", "Creates the table for statuses");
  assert_summary ("migrations.DeleteModel(name='StaffCertification')", "Deletes the table for staff certifications");
  assert_summary ("migrations.DeleteModel('Staff')", "Deletes the table for staff");
  assert_summary ("migrations.RenameModel(old_name='AccessLog', new_name='AuditEntry')",
                  "Renames the table for access logs to audit entries");
  assert_summary ("migrations.AlterModelTable(name='shift', table='rota_shift')",
                  "Moves shifts to the table rota_shift");
  assert_summary ("migrations.AlterModelTable(name='shift', table=None)",
                  "Moves shifts back to their default table");
  assert_summary ("migrations.AlterModelOptions(name='shift', options={'ordering': ['start']})",
                  "Changes only Django's model settings; the database is not touched");
  assert_summary ("migrations.AlterModelManagers(name='shift', managers=[])",
                  "Changes only Django's model settings; the database is not touched");
  assert_summary ("migrations.AlterUniqueTogether(name='shift', unique_together={('unit', 'start')})",
                  "Changes which columns must be unique together in shifts");
  assert_summary ("migrations.AlterIndexTogether(name='accesslog', index_together={('user', 'created')})",
                  "Changes the indexes on several columns of access logs");
  assert_summary ("migrations.AlterOrderWithRespectTo(name='shift', order_with_respect_to='unit')",
                  "Changes how shifts are ordered (the _order column)");
}

static void
test_fields (void)
{
  /* Django lowercases model_name: common words are split again */
  assert_summary ("migrations.AddField(model_name='shift', name='is_overtime', field=models.BooleanField(default=False))",
                  "Adds the column is_overtime to shifts");
  assert_summary ("migrations.AddField('staffprofile', 'payroll_number', models.CharField(max_length=12, null=True))",
                  "Adds the column payroll_number to staff profiles");
  assert_summary ("migrations.RemoveField(model_name='accesslog', name='user_agent')",
                  "Removes the column user_agent from access logs");
  assert_summary ("migrations.AlterField(model_name='shift', name='status', field=models.CharField(max_length=20))",
                  "Changes the column status of shifts");
  assert_summary ("migrations.RenameField(model_name='timeentry', old_name='hours', new_name='duration')",
                  "Renames the column hours of time entries to duration");
  /* not made of common words: kept whole */
  assert_summary ("migrations.AddField(model_name='qzxwidget', name='size', field=models.IntegerField())",
                  "Adds the column size to qzxwidgets");
}

static void
test_indexes_and_constraints (void)
{
  assert_summary ("migrations.AddIndex(model_name='shift', index=models.Index(fields=['start'], name='shift_start_idx'))",
                  "Adds the index shift_start_idx to shifts");
  assert_summary ("migrations.RemoveIndex(model_name='shift', name='shift_start_idx')",
                  "Removes the index shift_start_idx from shifts");
  assert_summary ("django.contrib.postgres.operations.AddIndexConcurrently(model_name='shift', "
                  "index=models.Index(fields=['start'], name='shift_start_idx'))",
                  "Adds the index shift_start_idx to shifts without blocking writes");
  assert_summary ("RemoveIndexConcurrently('shift', 'shift_start_idx')",
                  "Removes the index shift_start_idx from shifts without blocking writes");
  assert_summary ("migrations.AddConstraint(model_name='shift', "
                  "constraint=models.CheckConstraint(check=models.Q(hours__gt=0), name='hours_positive'))",
                  "Adds the constraint hours_positive to shifts");
  assert_summary ("migrations.RemoveConstraint(model_name='staffprofile', name='unique_badge')",
                  "Removes the constraint unique_badge from staff profiles");
  assert_summary ("AddConstraintNotValid('shift', models.CheckConstraint(check=models.Q(hours__gt=0), name='hours_positive'))",
                  "Adds the constraint hours_positive to shifts without checking the existing rows");
  assert_summary ("ValidateConstraint('shift', 'hours_positive')",
                  "Checks the existing rows of shifts against the constraint hours_positive");
}

static void
test_postgres (void)
{
  assert_summary ("CreateExtension('postgis')", "Installs the PostgreSQL extension postgis");
  assert_summary ("django.contrib.postgres.operations.TrigramExtension()", "Installs the PostgreSQL extension pg_trgm");
  assert_summary ("HStoreExtension()", "Installs the PostgreSQL extension hstore");
  assert_summary ("CreateCollation('german', 'de-x-icu', provider='icu')", "Creates the collation german");
  assert_summary ("RemoveCollation('german', locale='de-x-icu')", "Removes the collation german");
}

static void
test_code (void)
{
  assert_summary ("migrations.RunPython(forwards, backwards)", "Runs custom Python code");
  assert_summary ("migrations.RunPython(forwards, reverse_code=migrations.RunPython.noop)", "Runs custom Python code");
  assert_summary ("migrations.RunPython(forwards)", "Runs custom Python code — cannot be undone automatically");
  assert_summary ("migrations.RunPython(code=forwards, reverse_code=None)",
                  "Runs custom Python code — cannot be undone automatically");
  assert_summary ("migrations.RunSQL('UPDATE shift SET hours = 0', 'SELECT 1')", "Runs custom SQL");
  assert_summary ("migrations.RunSQL(sql='UPDATE shift SET hours = 0', reverse_sql=migrations.RunSQL.noop)",
                  "Runs custom SQL");
  assert_summary ("migrations.RunSQL('UPDATE shift SET hours = 0')", "Runs custom SQL — cannot be undone automatically");
}

static void
test_separate (void)
{
  /* What the database sees is what counts */
  assert_summary ("migrations.SeparateDatabaseAndState(database_operations=["
                  "migrations.RunSQL('ALTER TABLE scheduling_shift RENAME TO rota_shift', "
                  "'ALTER TABLE rota_shift RENAME TO scheduling_shift')], "
                  "state_operations=[migrations.AlterModelTable('shift', 'rota_shift')])",
                  "Runs custom SQL");
  assert_summary ("migrations.SeparateDatabaseAndState(database_operations=["
                  "migrations.AddField('shift', 'note', models.TextField(null=True)), "
                  "migrations.AddField('shift', 'hours', models.IntegerField(null=True))])",
                  "Adds the column note to shifts, and 1 more change");
  assert_summary ("migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel('Shift')])",
                  "Changes only Django's record of the models; the database is not touched");
}

static void
test_unknown (void)
{
  assert_summary ("myapp.operations.Foo('shift', flag=True)", "Runs the operation Foo");
  /* a known kind without the arguments it needs */
  assert_summary ("migrations.AddField()", "Runs the operation AddField");
}

static void
test_technical (void)
{
  assert_technical ("migrations.AddField(model_name='shift', name='is_overtime', field=models.BooleanField(default=False))",
                    "migrations.AddField(model_name='shift', name='is_overtime', field=models.BooleanField(…))");
  assert_technical ("migrations.AddField('shift', 'is_overtime', models.BooleanField(default=False), preserve_default=False)",
                    "migrations.AddField(model_name='shift', name='is_overtime', field=models.BooleanField(…), "
                    "preserve_default=False)");
  /* lists and dicts are left out */
  assert_technical ("migrations.CreateModel(name='Shift', fields=[('id', models.AutoField(primary_key=True))], "
                    "options={'db_table': 't'})",
                    "migrations.CreateModel(name='Shift')");
  assert_technical ("migrations.RunPython(forwards, migrations.RunPython.noop)",
                    "migrations.RunPython(code=forwards, reverse_code=migrations.RunPython.noop)");
  assert_technical ("migrations.RunSQL(\"UPDATE shift SET note = 'x'\\nWHERE id = 1\")",
                    "migrations.RunSQL(sql='UPDATE shift SET note = \\'x\\'\\nWHERE id = 1')");
  assert_technical ("migrations.RenameModel('AccessLog', 'AuditEntry')",
                    "migrations.RenameModel(old_name='AccessLog', new_name='AuditEntry')");
  assert_technical ("CreateExtension('postgis')", "CreateExtension(name='postgis')");
  assert_technical ("migrations.AlterModelTable('shift', None)", "migrations.AlterModelTable(name='shift', table=None)");
}

static void
test_migration (void)
{
  g_autoptr(PfMigration) empty = parse_migration ("");
  g_autoptr(PfMigration) one = NULL;
  g_autoptr(PfMigration) three = NULL;
  g_autofree char *empty_summary = NULL;
  g_autofree char *one_summary = NULL;
  g_autofree char *three_summary = NULL;

  empty_summary = pf_migration_dup_summary (empty);
  g_assert_cmpstr (empty_summary, ==, "Changes nothing in the database");

  one = parse_migration ("        migrations.AddField('staffprofile', 'payroll_number', models.CharField(max_length=12)),\n");
  one_summary = pf_migration_dup_summary (one);
  g_assert_cmpstr (one_summary, ==, "Adds the column payroll_number to staff profiles");

  three = parse_migration ("        migrations.RemoveField('accesslog', 'user_agent'),\n"
                           "        migrations.RunPython(copy_sap_to_payroll),\n"
                           "        migrations.DeleteModel('StaffCertification'),\n");
  three_summary = pf_migration_dup_summary (three);
  g_assert_cmpstr (three_summary, ==, "Removes the column user_agent from access logs, and 2 more changes");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/migration-summary/models", test_models);
  g_test_add_func ("/migration-summary/fields", test_fields);
  g_test_add_func ("/migration-summary/indexes-and-constraints", test_indexes_and_constraints);
  g_test_add_func ("/migration-summary/postgres", test_postgres);
  g_test_add_func ("/migration-summary/code", test_code);
  g_test_add_func ("/migration-summary/separate", test_separate);
  g_test_add_func ("/migration-summary/unknown", test_unknown);
  g_test_add_func ("/migration-summary/technical", test_technical);
  g_test_add_func ("/migration-summary/migration", test_migration);

  return g_test_run ();
}
