/* pf-migration-drift.c — what the applied migrations promise vs what the schema has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names: PostgreSQL folds unquoted names to lower case, but Django quotes
 * every name it creates, so they are compared exactly there (in the schema
 * that holds django_migrations, "public" otherwise). SQLite compares
 * identifiers without regard to ASCII case, and so do we on SQLite.
 */

#define G_LOG_DOMAIN "pf-migration-drift"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-migration-drift.h"
#include "pf-migration-state.h"

/* History tables of Django and other frameworks: never unexpected */
static const char * const history_tables[] = {
  "django_migrations",
  "flyway_schema_history", "databasechangelog", "databasechangeloglock",
  "alembic_version", "schema_migrations", "ar_internal_metadata",
  "_prisma_migrations", "knex_migrations", "knex_migrations_lock",
  "SequelizeMeta",
  NULL
};

typedef struct
{
  PfSchema   *schema;
  gboolean    sqlite;
  const char *schema_name;   /* PostgreSQL: where Django's tables live */
} Live;

static gboolean
names_equal (const Live *live,
             const char *a,
             const char *b)
{
  return live->sqlite ? g_ascii_strcasecmp (a, b) == 0 : strcmp (a, b) == 0;
}

/* django.db.backends.utils.truncate_name() with PostgreSQL's 63 */
static char *
truncate_name (const char *name,
               gsize       length)
{
  g_autofree char *digest = NULL;

  if (strlen (name) <= length)
    return g_strdup (name);

  digest = g_compute_checksum_for_string (G_CHECKSUM_MD5, name, -1);

  return g_strdup_printf ("%.*s%.4s", (int) (length - 4), name, digest);
}

static PfTable *
live_lookup_table (const Live *live,
                   const char *name)
{
  PfTable *table;
  g_autofree char *truncated = NULL;

  if (live->sqlite)
    return pf_schema_lookup_table (live->schema, NULL, name);

  table = pf_schema_lookup_table (live->schema, live->schema_name, name);
  if (table == NULL)
    {
      truncated = truncate_name (name, 63);
      if (strcmp (truncated, name) != 0)
        table = pf_schema_lookup_table (live->schema, live->schema_name, truncated);
    }

  return table;
}

static PfColumn *
live_lookup_column (const Live *live,
                    PfTable    *table,
                    const char *name)
{
  GPtrArray *columns = pf_table_get_columns (table);

  for (guint i = 0; i < columns->len; i++)
    {
      PfColumn *column = g_ptr_array_index (columns, i);

      if (names_equal (live, column->name, name))
        return column;
    }

  return NULL;
}

static void
split_created_by (const char  *created_by,
                  char       **app,
                  char       **name)
{
  const char *dot = created_by != NULL ? strchr (created_by, '.') : NULL;

  *app = dot != NULL ? g_strndup (created_by, dot - created_by) : g_strdup (created_by);
  *name = dot != NULL ? g_strdup (dot + 1) : NULL;
}

static PfMigrationProblem *
problem_new (const char *kind,
             PfSeverity  severity,
             const char *created_by,
             const char *table,
             const char *column)
{
  PfMigrationProblem *problem = pf_migration_problem_new (kind, severity);
  g_autofree char *app = NULL;
  g_autofree char *name = NULL;

  split_created_by (created_by, &app, &name);
  if (app != NULL)
    pf_migration_problem_set_app (problem, app);
  if (name != NULL)
    pf_migration_problem_add_migration (problem, name);
  pf_migration_problem_set_table (problem, table, column);

  return problem;
}

static void
report_missing_table (GPtrArray       *problems,
                      PfExpectedTable *table)
{
  g_autoptr(PfMigrationProblem) problem = NULL;
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *fix = NULL;
  g_autofree char *app = NULL;
  g_autofree char *name = NULL;

  problem = problem_new (PF_MIGRATION_PROBLEM_MISSING_TABLE, PF_SEVERITY_BLOCKER, table->created_by, table->name, NULL);
  title = g_strdup_printf (_("The table %s is missing"), table->name);
  explanation = g_strdup_printf (_("Migration %s is recorded as applied, so the code expects the table %s, "
                                   "but the database does not have it. Everything that uses it will fail; "
                                   "this usually happens when migrations were faked."),
                                 table->created_by, table->name);
  detail = g_strdup_printf (_("The table %s is missing although migration %s is recorded as applied"),
                            table->name, table->created_by);
  split_created_by (table->created_by, &app, &name);
  fix = g_strdup_printf (_("Create the table with the SQL of “python manage.py sqlmigrate %s %s” (review it first), "
                           "or roll the record back with “migrate --fake” and migrate again."),
                         app, name != NULL ? name : "");
  pf_migration_problem_set_title (problem, title);
  pf_migration_problem_set_explanation (problem, explanation);
  pf_migration_problem_set_detail (problem, detail);
  pf_migration_problem_set_fix (problem, fix);
  g_ptr_array_add (problems, g_steal_pointer (&problem));
}

static void
report_missing_column (GPtrArray        *problems,
                       PfExpectedTable  *table,
                       PfExpectedColumn *column)
{
  g_autoptr(PfMigrationProblem) problem = NULL;
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *fix = NULL;
  g_autofree char *app = NULL;
  g_autofree char *name = NULL;

  problem = problem_new (PF_MIGRATION_PROBLEM_MISSING_COLUMN, PF_SEVERITY_BLOCKER, column->created_by, table->name, column->name);
  split_created_by (column->created_by, &app, &name);
  title = g_strdup_printf (_("The column %s of %s is missing"), column->name, table->name);
  explanation = g_strdup_printf (_("Migration %s is recorded as applied, so the code expects the column %s in %s, "
                                   "but the database does not have it. Everything that reads or writes it will fail; "
                                   "this usually happens when migrations were faked."),
                                 column->created_by, column->name, table->name);
  detail = g_strdup_printf (_("The column %s of %s is missing although migration %s is recorded as applied"),
                            column->name, table->name, column->created_by);
  fix = g_strdup_printf (_("Add the column with the SQL of “python manage.py sqlmigrate %s %s” (review it first), "
                           "or roll the record back with “migrate --fake” and migrate again."),
                         app, name != NULL ? name : "");
  pf_migration_problem_set_title (problem, title);
  pf_migration_problem_set_explanation (problem, explanation);
  pf_migration_problem_set_detail (problem, detail);
  pf_migration_problem_set_fix (problem, fix);
  g_ptr_array_add (problems, g_steal_pointer (&problem));
}

static void
report_unexpected (GPtrArray  *problems,
                   const char *app,
                   const char *table,
                   const char *column)
{
  g_autoptr(PfMigrationProblem) problem = NULL;
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *detail = NULL;

  if (column == NULL)
    {
      problem = pf_migration_problem_new (PF_MIGRATION_PROBLEM_UNEXPECTED_TABLE, PF_SEVERITY_INFO);
      title = g_strdup_printf (_("The table %s is not made by any applied migration"), table);
      explanation = g_strdup_printf (_("The database has a table %s that the applied migrations of %s do not create. "
                                       "It may come from a migration that was rolled back by hand, or from a script."),
                                     table, app);
      detail = g_strdup_printf (_("The table %s exists, but no applied migration of %s creates it"), table, app);
    }
  else
    {
      problem = pf_migration_problem_new (PF_MIGRATION_PROBLEM_UNEXPECTED_COLUMN, PF_SEVERITY_INFO);
      title = g_strdup_printf (_("The column %s of %s is not made by any applied migration"), column, table);
      explanation = g_strdup_printf (_("The table %s has a column %s that the applied migrations do not create. "
                                       "If it does not allow empty values and has no default, inserts from Django will fail."),
                                     table, column);
      detail = g_strdup_printf (_("The column %s of %s exists, but no applied migration creates it"), column, table);
    }

  pf_migration_problem_set_app (problem, app);
  pf_migration_problem_set_table (problem, table, column);
  pf_migration_problem_set_title (problem, title);
  pf_migration_problem_set_explanation (problem, explanation);
  pf_migration_problem_set_detail (problem, detail);
  g_ptr_array_add (problems, g_steal_pointer (&problem));
}

static void
report_missing_index (GPtrArray  *problems,
                      const char *index,
                      const char *created_by)
{
  g_autoptr(PfMigrationProblem) problem = NULL;
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *detail = NULL;

  problem = problem_new (PF_MIGRATION_PROBLEM_MISSING_INDEX, PF_SEVERITY_WARNING, created_by, NULL, NULL);
  title = g_strdup_printf (_("The index %s is missing"), index);
  explanation = g_strdup_printf (_("Migration %s creates the index %s with SQL and is recorded as applied, "
                                   "but the database does not have the index. Queries that rely on it will be slow, "
                                   "and a unique index will not stop duplicates."),
                                 created_by, index);
  detail = g_strdup_printf (_("The index %s is missing although migration %s (RunSQL) is recorded as applied"),
                            index, created_by);
  pf_migration_problem_set_title (problem, title);
  pf_migration_problem_set_explanation (problem, explanation);
  pf_migration_problem_set_detail (problem, detail);
  pf_migration_problem_set_fix (problem, _("Run the CREATE INDEX statement of that migration again."));
  g_ptr_array_add (problems, g_steal_pointer (&problem));
}

static gboolean
live_has_index (const Live *live,
                const char *index)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (live->schema));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (live->schema), i);
      GPtrArray *indexes = pf_table_get_indexes (table);

      if (!live->sqlite && g_strcmp0 (pf_table_get_schema_name (table), live->schema_name) != 0)
        continue;

      for (guint j = 0; j < indexes->len; j++)
        {
          PfIndex *candidate = g_ptr_array_index (indexes, j);

          if (candidate->name != NULL && names_equal (live, candidate->name, index))
            return TRUE;
        }
    }

  return FALSE;
}

/* The app of a table named "<app>_…": the longest app label that prefixes
 * it, or NULL */
static const char *
table_app (const Live   *live,
           const char   *table,
           GStrv         apps)
{
  const char *best = NULL;

  for (guint i = 0; apps != NULL && apps[i] != NULL; i++)
    {
      gsize len = strlen (apps[i]);

      if (strlen (table) > len + 1 && table[len] == '_' &&
          (live->sqlite ? g_ascii_strncasecmp (table, apps[i], len) == 0 : strncmp (table, apps[i], len) == 0) &&
          (best == NULL || len > strlen (best)))
        best = apps[i];
    }

  return best;
}

GPtrArray *
pf_migration_drift_compare (PfMigrationGraph *graph,
                            const char       *auth_user_model,
                            PfSchema         *schema)
{
  g_autoptr(PfMigrationStateReplay) replay = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GHashTable) expected_names = NULL;
  g_auto(GStrv) known = NULL;
  g_auto(GStrv) indexes = NULL;
  g_auto(GStrv) apps = NULL;
  GPtrArray *problems;
  GPtrArray *applied;
  Live live = { schema, TRUE, NULL };
  guint n_tables;

  g_return_val_if_fail (PF_IS_MIGRATION_GRAPH (graph), NULL);
  g_return_val_if_fail (PF_IS_SCHEMA (schema), NULL);

  problems = g_ptr_array_new_with_free_func (g_object_unref);

  /* SQLite tables have no schema name; on PostgreSQL, Django's tables are
   * where django_migrations is (the search_path it ran with) */
  n_tables = g_list_model_get_n_items (G_LIST_MODEL (schema));
  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (schema), i);
      const char *schema_name = pf_table_get_schema_name (table);

      if (schema_name == NULL)
        continue;
      live.sqlite = FALSE;
      if (strcmp (pf_table_get_name (table), "django_migrations") == 0 &&
          (live.schema_name == NULL || strcmp (schema_name, "public") == 0))
        live.schema_name = schema_name;
    }
  if (!live.sqlite && live.schema_name == NULL)
    live.schema_name = "public";

  if (auth_user_model == NULL)
    auth_user_model = pf_migration_source_get_auth_user_model (pf_migration_graph_get_source (graph));

  /* Replay what is applied, in dependency order */
  replay = pf_migration_state_replay_new (auth_user_model);
  applied = pf_migration_graph_get_applied (graph);
  for (guint i = 0; i < applied->len; i++)
    pf_migration_state_replay_apply (replay, g_ptr_array_index (applied, i));

  expected = pf_migration_state_replay_dup_tables (replay);
  expected_names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < expected->len; i++)
    {
      PfExpectedTable *table = g_ptr_array_index (expected, i);
      PfTable *live_table = live_lookup_table (&live, table->name);
      GPtrArray *live_columns;

      g_hash_table_add (expected_names, table->name);
      if (live_table == NULL)
        {
          report_missing_table (problems, table);
          continue;
        }

      for (guint j = 0; j < table->columns->len; j++)
        {
          PfExpectedColumn *column = g_ptr_array_index (table->columns, j);

          if (live_lookup_column (&live, live_table, column->name) == NULL)
            report_missing_column (problems, table, column);
        }

      /* A table made by RunSQL: its columns are not known */
      if (table->columns->len == 0)
        continue;

      live_columns = pf_table_get_columns (live_table);
      for (guint j = 0; j < live_columns->len; j++)
        {
          PfColumn *column = g_ptr_array_index (live_columns, j);
          gboolean found = FALSE;

          for (guint k = 0; k < table->columns->len && !found; k++)
            found = names_equal (&live, ((PfExpectedColumn *) g_ptr_array_index (table->columns, k))->name, column->name);
          if (!found)
            report_unexpected (problems, table->app, pf_table_get_name (live_table), column->name);
        }
    }

  /* Extra tables, only of apps whose migrations the project has: Django's
   * own and other frameworks' tables, SQLite's, unmigrated apps' and
   * unmanaged models' tables are not drift */
  known = pf_migration_state_replay_dup_known_tables (replay);
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
    GPtrArray *migrations = pf_migration_source_get_migrations (pf_migration_graph_get_source (graph));

    for (guint i = 0; i < migrations->len; i++)
      {
        const char *app = pf_migration_get_app (g_ptr_array_index (migrations, i));

        if (g_hash_table_add (seen, (gpointer) app))
          g_strv_builder_add (builder, app);
      }
    apps = g_strv_builder_end (builder);
  }
  {
    g_auto(GStrv) all_apps = pf_migration_source_dup_apps (pf_migration_graph_get_source (graph));

    for (guint i = 0; i < n_tables; i++)
      {
        g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (schema), i);
        const char *name = pf_table_get_name (table);
        const char *app;
        const char *any_app;
        gboolean skip = FALSE;

        if (!live.sqlite && g_strcmp0 (pf_table_get_schema_name (table), live.schema_name) != 0)
          continue;
        if (live.sqlite && g_ascii_strncasecmp (name, "sqlite_", 7) == 0)
          continue;
        for (guint j = 0; history_tables[j] != NULL && !skip; j++)
          skip = names_equal (&live, name, history_tables[j]);
        for (guint j = 0; known[j] != NULL && !skip; j++)
          skip = names_equal (&live, name, known[j]);
        for (guint j = 0; j < expected->len && !skip; j++)
          {
            const char *expected_name = ((PfExpectedTable *) g_ptr_array_index (expected, j))->name;
            g_autofree char *truncated = truncate_name (expected_name, 63);

            skip = names_equal (&live, name, expected_name) || (!live.sqlite && strcmp (name, truncated) == 0);
          }
        if (skip)
          continue;

        app = table_app (&live, name, apps);
        /* A longer app label without loaded migrations owns it */
        any_app = table_app (&live, name, all_apps);
        if (app == NULL || (any_app != NULL && strlen (any_app) > strlen (app)))
          continue;

        report_unexpected (problems, app, name, NULL);
      }
  }

  /* Indexes RunSQL promised */
  indexes = pf_migration_state_replay_dup_runsql_indexes (replay);
  for (guint i = 0; indexes[i] != NULL; i++)
    {
      if (!live_has_index (&live, indexes[i]))
        report_missing_index (problems, indexes[i],
                              pf_migration_state_replay_get_runsql_index_origin (replay, indexes[i]));
    }

  return problems;
}
