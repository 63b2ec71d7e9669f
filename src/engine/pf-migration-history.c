/* pf-migration-history.c — what a database says was applied, per framework
 *
 * Copyright 2026 The Preflight authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-migration-history"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-migration-history.h"
#include "pf-pg-database-private.h"
#include "pf-sql.h"
#include "pf-sqlite-database-private.h"

struct _PfMigrationHistory
{
  GObject               parent_instance;

  PfMigrationFramework  framework;
  char                 *table;
  GPtrArray            *records;      /* PfMigrationRecord */
  GPtrArray            *deployments;  /* PfDeployment */
  GPtrArray            *problems;     /* PfMigrationProblem */
  GHashTable           *applied;      /* Django: "app\x1fname" */
};

G_DEFINE_FINAL_TYPE (PfMigrationHistory, pf_migration_history, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PfMigrationFramework, pf_migration_framework,
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_FRAMEWORK_DJANGO, "django"),
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_FRAMEWORK_FLYWAY, "flyway"),
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_FRAMEWORK_LIQUIBASE, "liquibase"),
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_FRAMEWORK_ALEMBIC, "alembic"),
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_FRAMEWORK_RAILS, "rails"),
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_FRAMEWORK_PRISMA, "prisma"),
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_FRAMEWORK_GOLANG_MIGRATE, "golang-migrate"),
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_FRAMEWORK_KNEX, "knex"),
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_FRAMEWORK_SEQUELIZE, "sequelize"))

G_DEFINE_ENUM_TYPE (PfMigrationState, pf_migration_state,
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_STATE_APPLIED, "applied"),
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_STATE_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_STATE_DIRTY, "dirty"),
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_STATE_UNFINISHED, "unfinished"),
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_STATE_ROLLED_BACK, "rolled-back"),
                    G_DEFINE_ENUM_VALUE (PF_MIGRATION_STATE_SKIPPED, "skipped"))

const char *
pf_migration_framework_to_string (PfMigrationFramework framework)
{
  static const char * const names[] = {
    "django", "flyway", "liquibase", "alembic", "rails", "prisma",
    "golang-migrate", "knex", "sequelize",
  };

  g_return_val_if_fail ((guint) framework < G_N_ELEMENTS (names), NULL);

  return names[framework];
}

const char *
pf_migration_framework_get_display_name (PfMigrationFramework framework)
{
  /* Product names; not translated */
  static const char * const names[] = {
    "Django", "Flyway", "Liquibase", "Alembic", "Rails", "Prisma",
    "golang-migrate", "Knex", "Sequelize",
  };

  g_return_val_if_fail ((guint) framework < G_N_ELEMENTS (names), NULL);

  return names[framework];
}

const char *
pf_migration_state_to_string (PfMigrationState state)
{
  static const char * const names[] = {
    "applied", "failed", "dirty", "unfinished", "rolled-back", "skipped",
  };

  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (names), NULL);

  return names[state];
}

void
pf_migration_record_free (PfMigrationRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->app);
  g_free (record->name);
  g_clear_pointer (&record->applied_at, g_date_time_unref);
  g_free (record->detail);
  g_free (record);
}

void
pf_deployment_free (PfDeployment *deployment)
{
  if (deployment == NULL)
    return;

  g_clear_pointer (&deployment->started_at, g_date_time_unref);
  g_clear_pointer (&deployment->finished_at, g_date_time_unref);
  g_free (deployment);
}

/* ---- the object ------------------------------------------------------- */

static void
pf_migration_history_finalize (GObject *object)
{
  PfMigrationHistory *self = PF_MIGRATION_HISTORY (object);

  g_clear_pointer (&self->table, g_free);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->deployments, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->applied, g_hash_table_unref);

  G_OBJECT_CLASS (pf_migration_history_parent_class)->finalize (object);
}

static void
pf_migration_history_class_init (PfMigrationHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_migration_history_finalize;
}

static void
pf_migration_history_init (PfMigrationHistory *self)
{
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) pf_migration_record_free);
  self->deployments = g_ptr_array_new_with_free_func ((GDestroyNotify) pf_deployment_free);
  self->problems = g_ptr_array_new_with_free_func (g_object_unref);
  self->applied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

PfMigrationFramework
pf_migration_history_get_framework (PfMigrationHistory *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_HISTORY (self), 0);

  return self->framework;
}

const char *
pf_migration_history_get_table (PfMigrationHistory *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_HISTORY (self), NULL);

  return self->table;
}

GPtrArray *
pf_migration_history_get_records (PfMigrationHistory *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_HISTORY (self), NULL);

  return self->records;
}

GPtrArray *
pf_migration_history_get_deployments (PfMigrationHistory *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_HISTORY (self), NULL);

  return self->deployments;
}

GPtrArray *
pf_migration_history_get_problems (PfMigrationHistory *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_HISTORY (self), NULL);

  return self->problems;
}

static char *
applied_key (const char *app,
             const char *name)
{
  /* A unit separator: neither app labels nor migration names contain one */
  return g_strconcat (app, "\x1f", name, NULL);
}

gboolean
pf_migration_history_contains (PfMigrationHistory *self,
                               const char         *app,
                               const char         *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (PF_IS_MIGRATION_HISTORY (self), FALSE);
  g_return_val_if_fail (app != NULL && name != NULL, FALSE);

  key = applied_key (app, name);

  return g_hash_table_contains (self->applied, key);
}

static PfMigrationHistory *
history_new (PfMigrationFramework  framework,
             PfTable              *table)
{
  PfMigrationHistory *self = g_object_new (PF_TYPE_MIGRATION_HISTORY, NULL);
  const char *schema_name = pf_table_get_schema_name (table);

  self->framework = framework;
  if (schema_name != NULL)
    self->table = g_strdup_printf ("%s.%s", schema_name, pf_table_get_name (table));
  else
    self->table = g_strdup (pf_table_get_name (table));

  return self;
}

static PfMigrationRecord *
history_add_record (PfMigrationHistory *self,
                    const char         *app,
                    const char         *name,
                    GDateTime          *applied_at,
                    PfMigrationState    state,
                    char               *detail)   /* (transfer full) */
{
  PfMigrationRecord *record = g_new0 (PfMigrationRecord, 1);

  record->app = g_strdup (app);
  record->name = g_strdup (name != NULL ? name : "");
  record->applied_at = applied_at != NULL ? g_date_time_ref (applied_at) : NULL;
  record->state = state;
  record->detail = detail;
  g_ptr_array_add (self->records, record);

  return record;
}

static PfMigrationProblem *
history_add_problem (PfMigrationHistory *self,
                     const char         *kind,
                     PfSeverity          severity,
                     const char         *migration)
{
  PfMigrationProblem *problem = pf_migration_problem_new (kind, severity);

  if (migration != NULL)
    pf_migration_problem_add_migration (problem, migration);
  g_ptr_array_add (self->problems, problem);

  return problem;
}

/* ---- values ----------------------------------------------------------- */

static gboolean
parse_bool (const char *text)
{
  if (text == NULL)
    return FALSE;

  /* PostgreSQL: t/true; SQLite: 1 (or whatever a driver wrote) */
  if (g_ascii_isdigit (text[0]) || text[0] == '-')
    return g_ascii_strtoll (text, NULL, 10) != 0;

  return g_ascii_strcasecmp (text, "t") == 0
         || g_ascii_strcasecmp (text, "true") == 0
         || g_ascii_strcasecmp (text, "y") == 0
         || g_ascii_strcasecmp (text, "yes") == 0
         || g_ascii_strcasecmp (text, "on") == 0;
}

static gboolean
is_number (const char *text)
{
  gboolean digits = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if (*p != '.')
        return FALSE;
    }

  return digits;
}

/* Timestamps as databases give them back: ISO text with a 'T' or a space,
 * with or without fraction and zone (no zone = UTC, as Django and Prisma
 * write them on SQLite), a date alone, or a Unix time in seconds or
 * milliseconds (Knex and Prisma on SQLite store JavaScript dates so). */
static GDateTime *
parse_timestamp (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GString) iso = NULL;
  gboolean has_zone = FALSE;

  if (text == NULL)
    return NULL;

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return NULL;

  if (is_number (text))
    {
      double value = g_ascii_strtod (text, NULL);
      g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_utc (0);
      gint64 usec;

      /* 1e11 seconds is the year 5138: anything bigger is milliseconds */
      if (value >= 1e11)
        usec = (gint64) (value * 1000.0);
      else
        usec = (gint64) (value * 1000000.0);

      return g_date_time_add (epoch, usec);
    }

  iso = g_string_new (text);
  g_strchomp (iso->str);
  g_string_set_size (iso, strlen (iso->str));

  if (iso->len == 10)
    g_string_append (iso, "T00:00:00");
  else if (iso->len > 10 && (iso->str[10] == ' ' || iso->str[10] == 't'))
    iso->str[10] = 'T';

  /* A zone after the time: "Z", "+00", "+05:30", "-0800" */
  for (gsize i = 11; i < iso->len; i++)
    {
      char c = iso->str[i];

      if (c == 'Z' || c == 'z' || c == '+' || c == '-')
        {
          /* "… +00:00" from some drivers: drop the space before the zone */
          if (i > 0 && iso->str[i - 1] == ' ')
            g_string_erase (iso, i - 1, 1);
          has_zone = TRUE;
          break;
        }
    }
  if (!has_zone)
    g_string_append_c (iso, 'Z');

  parsed = g_date_time_new_from_iso8601 (iso->str, utc);
  if (parsed == NULL)
    {
      g_debug ("Not a timestamp: “%s”", text);
      return NULL;
    }

  return g_date_time_to_utc (parsed);
}

/* "12 March 2025 at 14:02", in UTC as stored */
static char *
format_when (GDateTime *when)
{
  g_autofree char *text = NULL;

  /* Translators: a date and time for people, in g_date_time_format()
   * notation; "12 March 2025 at 14:02" */
  text = g_date_time_format (when, _("%-d %B %Y at %H:%M"));
  if (text == NULL)
    return g_strdup ("?");

  return g_strdup (g_strstrip (text));
}

/* "2025-03-12 14:02:11.118540 UTC" for the technical detail */
static char *
format_exact (GDateTime *when)
{
  if (when == NULL)
    return g_strdup ("NULL");

  return g_date_time_format (when, "%Y-%m-%d %H:%M:%S.%f UTC");
}

/* ---- reading ---------------------------------------------------------- */

typedef struct
{
  PfDatabase   *database;
  PfSchema     *schema;
  GCancellable *cancellable;
  gboolean      is_pg;
  GStrv         search_path;   /* PostgreSQL: current_schemas (false) */
} Loader;

/* A result set held as text: values[row * n_columns + column], NULL for
 * SQL NULL */
typedef struct
{
  guint      n_columns;
  guint      n_rows;
  GPtrArray *values;
} Rows;

static void
rows_free (Rows *rows)
{
  g_clear_pointer (&rows->values, g_ptr_array_unref);
  g_free (rows);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rows, rows_free)

static const char *
rows_get (Rows  *rows,
          guint  row,
          guint  column)
{
  g_assert (row < rows->n_rows && column < rows->n_columns);

  return g_ptr_array_index (rows->values, row * rows->n_columns + column);
}

/* Runs @sql, a SELECT, and keeps every value as text */
static Rows *
run_query (Loader      *loader,
           const char  *sql,
           GError     **error)
{
  g_autoptr(Rows) rows = g_new0 (Rows, 1);

  rows->values = g_ptr_array_new_with_free_func (g_free);

  if (loader->is_pg)
    {
      g_autoptr(PGresult) result = NULL;

      result = _pf_pg_database_exec (PF_PG_DATABASE (loader->database), loader->cancellable,
                                     sql, 0, NULL, error);
      if (result == NULL)
        return NULL;

      rows->n_columns = PQnfields (result);
      rows->n_rows = PQntuples (result);
      for (guint row = 0; row < rows->n_rows; row++)
        for (guint column = 0; column < rows->n_columns; column++)
          g_ptr_array_add (rows->values,
                           PQgetisnull (result, row, column)
                           ? NULL : g_strdup (PQgetvalue (result, row, column)));
    }
  else
    {
      PfSqliteDatabase *sqlite = PF_SQLITE_DATABASE (loader->database);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      stmt = _pf_sqlite_database_prepare (sqlite, sql, error);
      if (stmt == NULL)
        return NULL;

      rows->n_columns = sqlite3_column_count (stmt);
      while ((rc = _pf_sqlite_database_step (sqlite, stmt, error)) == SQLITE_ROW)
        {
          for (guint column = 0; column < rows->n_columns; column++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, column);

              g_ptr_array_add (rows->values, g_strdup (text));
            }
          rows->n_rows++;

          /* History tables can be long; stay responsive to Cancel */
          if ((rows->n_rows & 4095) == 0
              && g_cancellable_set_error_if_cancelled (loader->cancellable, error))
            return NULL;
        }
      if (rc != SQLITE_DONE)
        return NULL;
    }

  return g_steal_pointer (&rows);
}

static gboolean
load_search_path (Loader  *loader,
                  GError **error)
{
  g_autoptr(Rows) rows = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  rows = run_query (loader,
                    "SELECT s.name"
                    "  FROM pg_catalog.unnest (pg_catalog.current_schemas (false))"
                    "       WITH ORDINALITY AS s (name, position)"
                    " ORDER BY s.position",
                    error);
  if (rows == NULL)
    return FALSE;

  for (guint row = 0; row < rows->n_rows; row++)
    if (rows_get (rows, row, 0) != NULL)
      g_strv_builder_add (builder, rows_get (rows, row, 0));

  loader->search_path = g_strv_builder_end (builder);

  return TRUE;
}

static guint
search_path_rank (Loader     *loader,
                  const char *schema_name)
{
  if (schema_name == NULL || loader->search_path == NULL)
    return 0;

  for (guint i = 0; loader->search_path[i] != NULL; i++)
    if (g_strcmp0 (loader->search_path[i], schema_name) == 0)
      return i;

  return G_MAXUINT / 2;
}

typedef gboolean (*TableFilter) (PfTable *table);

/* The history table called @name (any case: Liquibase's is upper-case on
 * some databases, Sequelize's mixed), in @schema_name or, when that is
 * NULL, in whichever schema comes first on the search path (PostgreSQL
 * keeps one per schema when tools are pointed at several). */
static PfTable *
find_table (Loader      *loader,
            const char  *schema_name,
            const char  *name,
            TableFilter  filter)
{
  g_autoptr(PfTable) best = NULL;
  guint best_rank = G_MAXUINT;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (loader->schema));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (loader->schema), i);
      guint rank;

      if (g_ascii_strcasecmp (pf_table_get_name (table), name) != 0)
        continue;
      if (schema_name != NULL && g_strcmp0 (pf_table_get_schema_name (table), schema_name) != 0)
        continue;
      if (filter != NULL && !filter (table))
        continue;

      /* Then the exact spelling before another case */
      rank = search_path_rank (loader, pf_table_get_schema_name (table)) * 2
             + (strcmp (pf_table_get_name (table), name) == 0 ? 0 : 1);
      if (rank < best_rank)
        {
          best_rank = rank;
          g_set_object (&best, table);
        }
    }

  return g_steal_pointer (&best);
}

static PfColumn *
find_column (PfTable    *table,
             const char *name)
{
  GPtrArray *columns = pf_table_get_columns (table);
  PfColumn *found = NULL;

  for (guint i = 0; i < columns->len; i++)
    {
      PfColumn *column = g_ptr_array_index (columns, i);

      if (strcmp (column->name, name) == 0)
        return column;
      if (found == NULL && g_ascii_strcasecmp (column->name, name) == 0)
        found = column;
    }

  return found;
}

static char *
table_sql (PfTable *table)
{
  g_autofree char *name = pf_sql_quote_identifier (pf_table_get_name (table));
  g_autofree char *schema = NULL;

  if (pf_table_get_schema_name (table) == NULL)
    return g_steal_pointer (&name);

  schema = pf_sql_quote_identifier (pf_table_get_schema_name (table));

  return g_strdup_printf ("%s.%s", schema, name);
}

/* A column as text, or NULL when the table has no such column */
static char *
text_sql (Loader   *loader,
          PfColumn *column)
{
  g_autofree char *quoted = NULL;

  if (column == NULL)
    return g_strdup ("NULL");

  quoted = pf_sql_quote_identifier (column->name);

  return loader->is_pg ? g_strdup_printf ("%s::pg_catalog.text", quoted) : g_steal_pointer (&quoted);
}

/* A timestamp column as UTC text. On PostgreSQL a timestamp without time
 * zone is taken in the session's zone, as DEFAULT now() wrote it. */
static char *
time_sql (Loader   *loader,
          PfColumn *column)
{
  g_autofree char *quoted = NULL;

  if (column == NULL)
    return g_strdup ("NULL");

  if (!loader->is_pg
      || !(g_str_has_prefix (column->type, "timestamp") || g_strcmp0 (column->type, "date") == 0))
    return text_sql (loader, column);

  quoted = pf_sql_quote_identifier (column->name);

  return g_strdup_printf ("pg_catalog.to_char (CAST (%s AS pg_catalog.timestamptz) AT TIME ZONE 'UTC',"
                          " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
                          quoted);
}

static char *
is_null_sql (PfColumn *column)
{
  g_autofree char *quoted = NULL;

  if (column == NULL)
    return g_strdup ("NULL");

  quoted = pf_sql_quote_identifier (column->name);

  /* Only whether a log exists: never the text itself */
  return g_strdup_printf ("CASE WHEN %s IS NULL THEN 0 ELSE 1 END", quoted);
}

/* Qualified with the table: on PostgreSQL a bare name in ORDER BY means
 * the output column of that name, which text_sql() made text, and "10"
 * sorts before "9" */
static char *
order_sql (const char *from,
           PfColumn   *column)
{
  g_autofree char *quoted = pf_sql_quote_identifier (column->name);

  return g_strdup_printf ("%s.%s", from, quoted);
}

/* ---- the tables ------------------------------------------------------- */

typedef enum
{
  READ_TEXT,
  READ_TIME,      /* UTC text, see time_sql() */
  READ_IS_NULL,   /* only whether it holds anything, see is_null_sql() */
} ReadAs;

typedef struct
{
  const char *name;
  ReadAs      read_as;
} ColumnSpec;

/* What a framework keeps in one table: the columns read, which are the
 * values of each row in this order, and the first @n_required of which a
 * table must have to be that framework's and not some other program's */
typedef struct
{
  const char  *name;
  TableFilter  filter;
  guint        n_required;
  ColumnSpec   columns[10];      /* up to a { NULL } */
  const char  *order_by[3];      /* up to a NULL; those missing are left out */
  gboolean     order_by_length;  /* shorter first, so "9" sorts before "10" */
} TableSpec;

/* Reads @spec's table from @schema_name, or from the first schema on the
 * search path when that is NULL. FALSE with @error set when the query
 * failed; TRUE with *@rows NULL when there is no such table. */
static gboolean
read_table (Loader           *loader,
            const TableSpec  *spec,
            const char       *schema_name,
            PfTable         **table_out,
            Rows            **rows,
            GError          **error)
{
  g_autoptr(PfTable) table = find_table (loader, schema_name, spec->name, spec->filter);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autofree char *from = NULL;
  guint n_order = 0;

  *rows = NULL;
  if (table == NULL)
    return TRUE;

  for (guint i = 0; spec->columns[i].name != NULL; i++)
    {
      PfColumn *column = find_column (table, spec->columns[i].name);
      g_autofree char *expr = NULL;

      if (column == NULL && i < spec->n_required)
        {
          g_debug ("%s has no column %s: not a history table", pf_table_get_name (table), spec->columns[i].name);
          return TRUE;
        }

      switch (spec->columns[i].read_as)
        {
        case READ_TIME:
          expr = time_sql (loader, column);
          break;
        case READ_IS_NULL:
          expr = is_null_sql (column);
          break;
        case READ_TEXT:
        default:
          expr = text_sql (loader, column);
          break;
        }
      g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", expr);
    }

  from = table_sql (table);
  g_string_append_printf (sql, " FROM %s", from);
  for (guint i = 0; spec->order_by[i] != NULL; i++)
    {
      PfColumn *column = find_column (table, spec->order_by[i]);
      g_autofree char *expr = NULL;

      if (column == NULL)
        continue;

      if (spec->order_by_length)
        {
          g_autofree char *text = text_sql (loader, column);

          expr = g_strdup_printf ("length (%s), %s", text, text);
        }
      else
        expr = order_sql (from, column);
      g_string_append_printf (sql, "%s%s", n_order++ == 0 ? " ORDER BY " : ", ", expr);
    }

  *rows = run_query (loader, sql->str, error);
  if (*rows == NULL)
    return FALSE;

  if (table_out != NULL)
    *table_out = g_steal_pointer (&table);

  return TRUE;
}

/* ---- deployments ------------------------------------------------------ */

static gint64
abs_span (GDateTime *a,
          GDateTime *b)
{
  GTimeSpan span = g_date_time_difference (a, b);

  return span < 0 ? -span : span;
}

static void
compute_deployments (PfMigrationHistory *self)
{
  PfDeployment *current = NULL;
  GDateTime *last = NULL;

  for (guint i = 0; i < self->records->len; i++)
    {
      PfMigrationRecord *record = g_ptr_array_index (self->records, i);

      /* A record without a time (an unfinished one) ends a deployment */
      if (record->applied_at == NULL)
        {
          current = NULL;
          last = NULL;
          continue;
        }

      if (current != NULL
          && abs_span (record->applied_at, last) <= PF_DEPLOYMENT_GAP_SECONDS * G_TIME_SPAN_SECOND)
        {
          current->n_records++;
          if (g_date_time_compare (record->applied_at, current->started_at) < 0)
            {
              g_date_time_unref (current->started_at);
              current->started_at = g_date_time_ref (record->applied_at);
            }
          if (g_date_time_compare (record->applied_at, current->finished_at) > 0)
            {
              g_date_time_unref (current->finished_at);
              current->finished_at = g_date_time_ref (record->applied_at);
            }
        }
      else
        {
          current = g_new0 (PfDeployment, 1);
          current->first = i;
          current->n_records = 1;
          current->started_at = g_date_time_ref (record->applied_at);
          current->finished_at = g_date_time_ref (record->applied_at);
          g_ptr_array_add (self->deployments, current);
        }

      last = record->applied_at;
    }
}

static int
compare_span (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The first run of at least PF_FAKE_BATCH_MIN records within one second
 * that were recorded faster than migrations really run; returns how many
 * records follow its first within that second, 0 when there is none */
static guint
find_fake_batch (PfMigrationHistory *self,
                 PfDeployment       *deployment,
                 guint              *start)
{
  guint end = deployment->first + deployment->n_records;

  for (guint i = deployment->first; i + PF_FAKE_BATCH_MIN <= end; i++)
    {
      PfMigrationRecord *first = g_ptr_array_index (self->records, i);
      PfMigrationRecord *last = g_ptr_array_index (self->records, i + PF_FAKE_BATCH_MIN - 1);
      gint64 gaps[PF_FAKE_BATCH_MIN - 1];
      gboolean has_fraction = FALSE;
      GTimeSpan span = g_date_time_difference (last->applied_at, first->applied_at);
      guint n = 0;

      if (span < 0 || span >= G_TIME_SPAN_SECOND)
        continue;

      for (guint k = i; k < i + PF_FAKE_BATCH_MIN; k++)
        {
          PfMigrationRecord *record = g_ptr_array_index (self->records, k);

          if (g_date_time_get_microsecond (record->applied_at) != 0)
            has_fraction = TRUE;
          if (k > i)
            {
              PfMigrationRecord *previous = g_ptr_array_index (self->records, k - 1);

              gaps[k - i - 1] = abs_span (record->applied_at, previous->applied_at);
            }
        }

      /* Whole seconds only: the count is all there is to go by */
      if (has_fraction)
        {
          guint n_gaps = G_N_ELEMENTS (gaps);
          gint64 median;

          qsort (gaps, n_gaps, sizeof gaps[0], compare_span);
          median = (gaps[(n_gaps - 1) / 2] + gaps[n_gaps / 2]) / 2;
          if (median > PF_FAKE_BATCH_MAX_GAP_USEC)
            continue;
        }

      for (guint k = i; k < end; k++)
        {
          PfMigrationRecord *record = g_ptr_array_index (self->records, k);
          GTimeSpan since = g_date_time_difference (record->applied_at, first->applied_at);

          if (since < 0 || since >= G_TIME_SPAN_SECOND)
            break;
          n++;
        }

      *start = i;
      return n;
    }

  return 0;
}

static void
detect_fake_batches (PfMigrationHistory *self)
{
  for (guint d = 0; d < self->deployments->len; d++)
    {
      PfDeployment *deployment = g_ptr_array_index (self->deployments, d);
      PfMigrationRecord *first;
      PfMigrationRecord *last;
      PfMigrationProblem *problem;
      g_autofree char *when = NULL;
      g_autofree char *title = NULL;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autofree char *detail = NULL;
      gboolean one_app = TRUE;
      guint start = 0;
      guint n;

      n = find_fake_batch (self, deployment, &start);
      if (n == 0)
        continue;

      deployment->probably_faked = TRUE;
      first = g_ptr_array_index (self->records, start);
      last = g_ptr_array_index (self->records, start + n - 1);

      for (guint k = start; k < start + n; k++)
        {
          PfMigrationRecord *record = g_ptr_array_index (self->records, k);

          if (g_strcmp0 (record->app, first->app) != 0)
            one_app = FALSE;
        }

      problem = history_add_problem (self, PF_MIGRATION_PROBLEM_PROBABLY_FAKED, PF_SEVERITY_WARNING, NULL);
      if (one_app)
        pf_migration_problem_set_app (problem, first->app);
      for (guint k = start; k < start + n; k++)
        {
          PfMigrationRecord *record = g_ptr_array_index (self->records, k);

          if (one_app || record->app == NULL)
            pf_migration_problem_add_migration (problem, record->name);
          else
            {
              g_autofree char *full = g_strdup_printf ("%s.%s", record->app, record->name);

              pf_migration_problem_add_migration (problem, full);
            }
        }

      when = format_when (first->applied_at);
      /* Translators: %u is a number of migrations, %s a date and time */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u migration was recorded within the same second on %s",
                                            "%u migrations were recorded within the same second on %s",
                                            n),
                               n, when);
      pf_migration_problem_set_title (problem, title);
      pf_migration_problem_set_explanation (problem,
                                            _("That is faster than migrations really run: they were probably "
                                              "recorded with `migrate --fake`, so their tables and columns may "
                                              "not exist (see the drift check)."));
      from = format_exact (first->applied_at);
      to = format_exact (last->applied_at);
      /* Translators: the technical detail; "django_migrations: scheduling.0012_… to scheduling.0020_…, …" */
      detail = g_strdup_printf (_("%s: %s%s%s to %s%s%s, recorded between %s and %s"),
                                self->table,
                                first->app ? first->app : "", first->app ? "." : "", first->name,
                                last->app ? last->app : "", last->app ? "." : "", last->name,
                                from, to);
      pf_migration_problem_set_detail (problem, detail);
      pf_migration_problem_set_fix (problem,
                                    _("Compare the schema with these migrations (the drift check lists what is "
                                      "missing) and apply the missing changes before migrating again."));
    }
}

/* ---- Django ----------------------------------------------------------- */

/* The id is the order Django recorded them in */
static const TableSpec django_table = {
  .name = "django_migrations",
  .n_required = 3,
  .columns = { { "id" }, { "app" }, { "name" }, { "applied", READ_TIME } },
  .order_by = { "id" },
};

static PfMigrationHistory *
load_django (Loader  *loader,
             GError **error)
{
  g_autoptr(PfTable) table = NULL;
  g_autoptr(PfMigrationHistory) self = NULL;
  g_autoptr(Rows) rows = NULL;

  if (!read_table (loader, &django_table, NULL, &table, &rows, error) || rows == NULL)
    return NULL;

  self = history_new (PF_MIGRATION_FRAMEWORK_DJANGO, table);
  for (guint row = 0; row < rows->n_rows; row++)
    {
      g_autoptr(GDateTime) when = parse_timestamp (rows_get (rows, row, 3));
      const char *record_app = rows_get (rows, row, 1) ? rows_get (rows, row, 1) : "";
      const char *record_name = rows_get (rows, row, 2) ? rows_get (rows, row, 2) : "";

      history_add_record (self, record_app, record_name, when, PF_MIGRATION_STATE_APPLIED, NULL);
      g_hash_table_add (self->applied, applied_key (record_app, record_name));
    }

  compute_deployments (self);
  detect_fake_batches (self);

  return g_steal_pointer (&self);
}

/* ---- Flyway ----------------------------------------------------------- */

/* "V3__add_index" from its script "db/V3__add_index.sql"; Java
 * migrations keep their class name */
static char *
flyway_name (const char *script,
             const char *version,
             const char *description)
{
  if (script != NULL && *script != '\0')
    {
      const char *slash = strrchr (script, '/');
      const char *base = slash != NULL ? slash + 1 : script;
      gsize len = strlen (base);

      if (len > 4 && g_ascii_strcasecmp (base + len - 4, ".sql") == 0)
        return g_strndup (base, len - 4);
      return g_strdup (base);
    }

  if (version != NULL)
    {
      g_autofree char *words = g_strdup (description ? description : "");

      g_strdelimit (words, " ", '_');
      return g_strdup_printf ("V%s__%s", version, words);
    }

  return g_strdup (description ? description : "");
}

static const TableSpec flyway_table = {
  .name = "flyway_schema_history",
  .n_required = 5,
  .columns = {
    { "installed_rank" }, { "description" }, { "type" }, { "script" }, { "success" },
    { "version" }, { "checksum" }, { "installed_on", READ_TIME }, { "execution_time" },
  },
  .order_by = { "installed_rank" },
};

static PfMigrationHistory *
load_flyway (Loader  *loader,
             GError **error)
{
  g_autoptr(PfTable) table = NULL;
  g_autoptr(PfMigrationHistory) self = NULL;
  g_autoptr(Rows) rows = NULL;

  if (!read_table (loader, &flyway_table, NULL, &table, &rows, error) || rows == NULL)
    return NULL;

  self = history_new (PF_MIGRATION_FRAMEWORK_FLYWAY, table);
  for (guint row = 0; row < rows->n_rows; row++)
    {
      const char *installed_rank = rows_get (rows, row, 0);
      const char *description = rows_get (rows, row, 1);
      const char *type = rows_get (rows, row, 2);
      const char *script = rows_get (rows, row, 3);
      gboolean success = parse_bool (rows_get (rows, row, 4));
      const char *version = rows_get (rows, row, 5);
      const char *checksum = rows_get (rows, row, 6);
      const char *execution_time = rows_get (rows, row, 8);
      g_autoptr(GDateTime) when = parse_timestamp (rows_get (rows, row, 7));
      g_autofree char *name = flyway_name (script, version, description);
      g_autoptr(GString) detail = g_string_new (NULL);
      PfMigrationState state = PF_MIGRATION_STATE_APPLIED;

      if (version != NULL)
        g_string_append_printf (detail, _("version %s"), version);
      if (type != NULL)
        g_string_append_printf (detail, "%s%s", detail->len ? ", " : "", type);
      if (checksum != NULL)
        {
          g_string_append (detail, detail->len ? ", " : "");
          g_string_append_printf (detail, _("checksum %s"), checksum);
        }
      if (execution_time != NULL)
        {
          g_string_append (detail, detail->len ? ", " : "");
          g_string_append_printf (detail, _("%s ms"), execution_time);
        }

      /* The baseline and schema-creation markers ran nothing */
      if (type != NULL && (g_ascii_strcasecmp (type, "BASELINE") == 0
                           || g_ascii_strcasecmp (type, "SCHEMA") == 0))
        state = PF_MIGRATION_STATE_SKIPPED;
      if (!success)
        state = PF_MIGRATION_STATE_FAILED;

      history_add_record (self, NULL, name, when, state,
                          detail->len ? g_string_free (g_steal_pointer (&detail), FALSE) : NULL);

      if (state == PF_MIGRATION_STATE_FAILED)
        {
          PfMigrationProblem *problem;
          g_autofree char *title = NULL;
          g_autofree char *explanation = NULL;
          g_autofree char *technical = NULL;
          g_autofree char *exact = format_exact (when);

          problem = history_add_problem (self, PF_MIGRATION_PROBLEM_FAILED_MIGRATION,
                                         PF_SEVERITY_BLOCKER, name);
          title = g_strdup_printf (_("The migration %s failed"), name);
          pf_migration_problem_set_title (problem, title);
          explanation = g_strdup_printf (_("Flyway will refuse to run until it is repaired (flyway repair), "
                                           "and the database may be half-changed: check what %s changed "
                                           "and finish or undo it by hand first."),
                                         name);
          pf_migration_problem_set_explanation (problem, explanation);
          technical = g_strdup_printf (_("%s: installed_rank %s, version %s, success = false, installed on %s"),
                                       self->table, installed_rank ? installed_rank : "NULL",
                                       version ? version : "NULL", exact);
          pf_migration_problem_set_detail (problem, technical);
          pf_migration_problem_set_fix (problem, "flyway repair");
        }
    }

  compute_deployments (self);

  return g_steal_pointer (&self);
}

/* ---- Liquibase -------------------------------------------------------- */

static const TableSpec liquibase_lock_table = {
  .name = "databasechangeloglock",
  .n_required = 1,
  .columns = { { "locked" }, { "lockedby" }, { "lockgranted", READ_TIME } },
};

/* FALSE with @error set when the lock table could not be read */
static gboolean
load_liquibase_lock (Loader              *loader,
                     PfMigrationHistory  *self,
                     PfTable             *changelog,
                     GError             **error)
{
  g_autoptr(PfTable) table = NULL;
  g_autoptr(Rows) rows = NULL;

  if (!read_table (loader, &liquibase_lock_table, pf_table_get_schema_name (changelog), &table, &rows, error))
    return FALSE;

  for (guint row = 0; rows != NULL && row < rows->n_rows; row++)
    {
      const char *by = rows_get (rows, row, 1);
      g_autoptr(GDateTime) since = parse_timestamp (rows_get (rows, row, 2));
      g_autofree char *when = NULL;
      g_autofree char *title = NULL;
      g_autofree char *detail = NULL;
      g_autofree char *exact = format_exact (since);
      PfMigrationProblem *problem;

      if (!parse_bool (rows_get (rows, row, 0)))
        continue;

      problem = history_add_problem (self, PF_MIGRATION_PROBLEM_LOCK_HELD, PF_SEVERITY_BLOCKER, NULL);
      if (by == NULL || *by == '\0')
        by = _("an unknown host");
      if (since != NULL)
        {
          when = format_when (since);
          title = g_strdup_printf (_("Liquibase is locked by %s since %s"), by, when);
        }
      else
        title = g_strdup_printf (_("Liquibase is locked by %s"), by);
      pf_migration_problem_set_title (problem, title);
      pf_migration_problem_set_explanation (problem,
                                            _("Either an update is running now, or one stopped without "
                                              "releasing its lock; Liquibase waits for the lock and then gives "
                                              "up, so no migration can start. If no update is running, release "
                                              "it with `liquibase releaseLocks`."));
      detail = g_strdup_printf (_("%s: LOCKED = true, LOCKEDBY = %s, LOCKGRANTED = %s"),
                                pf_table_get_name (table), by, exact);
      pf_migration_problem_set_detail (problem, detail);
      pf_migration_problem_set_fix (problem, "liquibase releaseLocks");
      break;
    }

  return TRUE;
}

/* Ordered as Liquibase itself lists what ran */
static const TableSpec liquibase_table = {
  .name = "databasechangelog",
  .n_required = 6,
  .columns = {
    { "id" }, { "author" }, { "filename" }, { "dateexecuted", READ_TIME }, { "orderexecuted" },
    { "exectype" }, { "md5sum" },
  },
  .order_by = { "dateexecuted", "orderexecuted" },
};

static PfMigrationHistory *
load_liquibase (Loader  *loader,
                GError **error)
{
  g_autoptr(PfTable) table = NULL;
  g_autoptr(PfMigrationHistory) self = NULL;
  g_autoptr(Rows) rows = NULL;

  if (!read_table (loader, &liquibase_table, NULL, &table, &rows, error) || rows == NULL)
    return NULL;

  self = history_new (PF_MIGRATION_FRAMEWORK_LIQUIBASE, table);
  for (guint row = 0; row < rows->n_rows; row++)
    {
      const char *id = rows_get (rows, row, 0);
      const char *author = rows_get (rows, row, 1);
      const char *filename = rows_get (rows, row, 2);
      const char *exectype = rows_get (rows, row, 5);
      const char *md5sum = rows_get (rows, row, 6);
      g_autoptr(GDateTime) when = parse_timestamp (rows_get (rows, row, 3));
      /* How Liquibase names a changeset: file::id::author */
      g_autofree char *name = g_strdup_printf ("%s::%s::%s", filename ? filename : "",
                                               id ? id : "", author ? author : "");
      g_autofree char *detail = NULL;
      PfMigrationState state = PF_MIGRATION_STATE_APPLIED;

      if (exectype == NULL)
        exectype = "";
      if (g_ascii_strcasecmp (exectype, "FAILED") == 0)
        state = PF_MIGRATION_STATE_FAILED;
      else if (g_ascii_strcasecmp (exectype, "SKIPPED") == 0
               || g_ascii_strcasecmp (exectype, "MARK_RAN") == 0)
        state = PF_MIGRATION_STATE_SKIPPED;

      detail = g_strdup_printf (_("EXECTYPE %s, order %s, MD5 %s"), exectype,
                                rows_get (rows, row, 4) ? rows_get (rows, row, 4) : "?",
                                md5sum ? md5sum : "NULL");
      history_add_record (self, NULL, name, when, state, g_steal_pointer (&detail));

      if (state == PF_MIGRATION_STATE_FAILED)
        {
          PfMigrationProblem *problem;
          g_autofree char *title = NULL;
          g_autofree char *technical = NULL;
          g_autofree char *exact = format_exact (when);

          problem = history_add_problem (self, PF_MIGRATION_PROBLEM_FAILED_MIGRATION,
                                         PF_SEVERITY_BLOCKER, name);
          title = g_strdup_printf (_("The changeset %s failed"), name);
          pf_migration_problem_set_title (problem, title);
          pf_migration_problem_set_explanation (problem,
                                                _("Liquibase recorded it as failed, so the database may be "
                                                  "half-changed, and the next `liquibase update` runs it again. "
                                                  "Check what it changed and finish or undo that by hand first."));
          technical = g_strdup_printf (_("%s: EXECTYPE = FAILED, DATEEXECUTED = %s"), self->table, exact);
          pf_migration_problem_set_detail (problem, technical);
          pf_migration_problem_set_fix (problem, "liquibase update");
        }
    }

  if (!load_liquibase_lock (loader, self, table, error))
    return NULL;

  compute_deployments (self);

  return g_steal_pointer (&self);
}

/* ---- Alembic ---------------------------------------------------------- */

static const TableSpec alembic_table = {
  .name = "alembic_version",
  .n_required = 1,
  .columns = { { "version_num" } },
  .order_by = { "version_num" },
};

static PfMigrationHistory *
load_alembic (Loader  *loader,
              GError **error)
{
  g_autoptr(PfTable) table = NULL;
  g_autoptr(PfMigrationHistory) self = NULL;
  g_autoptr(Rows) rows = NULL;

  if (!read_table (loader, &alembic_table, NULL, &table, &rows, error) || rows == NULL)
    return NULL;

  /* Alembic keeps only the current head of each branch, no times */
  self = history_new (PF_MIGRATION_FRAMEWORK_ALEMBIC, table);
  for (guint row = 0; row < rows->n_rows; row++)
    history_add_record (self, NULL, rows_get (rows, row, 0), NULL, PF_MIGRATION_STATE_APPLIED,
                        g_strdup (_("current head")));

  if (rows->n_rows > 1)
    {
      PfMigrationProblem *problem;
      g_autoptr(GString) heads = g_string_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *explanation = NULL;
      g_autofree char *detail = NULL;

      problem = history_add_problem (self, PF_MIGRATION_PROBLEM_MULTIPLE_HEADS, PF_SEVERITY_WARNING, NULL);
      for (guint row = 0; row < rows->n_rows; row++)
        {
          const char *head = rows_get (rows, row, 0) ? rows_get (rows, row, 0) : "";

          pf_migration_problem_add_migration (problem, head);
          g_string_append_printf (heads, "%s%s", row > 0 ? ", " : "", head);
        }
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The database is on %u Alembic branch at once",
                                            "The database is on %u Alembic branches at once",
                                            rows->n_rows),
                               rows->n_rows);
      pf_migration_problem_set_title (problem, title);
      explanation = g_strdup_printf (_("Each branch was upgraded separately (heads %s). Unless the project "
                                       "has merged them, `alembic upgrade head` stops with “Multiple head "
                                       "revisions are present”: upgrade every branch with `alembic upgrade "
                                       "heads`, or merge them with `alembic merge heads`."),
                                     heads->str);
      pf_migration_problem_set_explanation (problem, explanation);
      detail = g_strdup_printf (_("%s holds %u rows: %s"), self->table, rows->n_rows, heads->str);
      pf_migration_problem_set_detail (problem, detail);
      pf_migration_problem_set_fix (problem, "alembic merge heads");
    }

  return g_steal_pointer (&self);
}

/* ---- Rails and golang-migrate ------------------------------------------ */

static gboolean
is_golang_migrate_table (PfTable *table)
{
  return find_column (table, "version") != NULL && find_column (table, "dirty") != NULL;
}

static gboolean
is_rails_table (PfTable *table)
{
  return find_column (table, "version") != NULL && find_column (table, "dirty") == NULL;
}

static const TableSpec rails_metadata_table = {
  .name = "ar_internal_metadata",
  .n_required = 2,
  .columns = { { "key" }, { "value" } },
};

/* FALSE with @error set when the metadata could not be read */
static gboolean
load_rails_environment (Loader              *loader,
                        PfMigrationHistory  *self,
                        PfTable             *schema_migrations,
                        GError             **error)
{
  g_autoptr(PfTable) table = NULL;
  g_autoptr(Rows) rows = NULL;
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *fix = NULL;
  PfMigrationProblem *problem;
  const char *environment = NULL;

  if (!read_table (loader, &rails_metadata_table, pf_table_get_schema_name (schema_migrations),
                   &table, &rows, error))
    return FALSE;

  for (guint row = 0; rows != NULL && row < rows->n_rows; row++)
    if (g_strcmp0 (rows_get (rows, row, 0), "environment") == 0)
      {
        environment = rows_get (rows, row, 1);
        break;
      }
  if (environment == NULL)
    return TRUE;

  problem = history_add_problem (self, PF_MIGRATION_PROBLEM_ENVIRONMENT, PF_SEVERITY_INFO, NULL);
  title = g_strdup_printf (_("The database says it is a “%s” database"), environment);
  pf_migration_problem_set_title (problem, title);
  explanation = g_strdup_printf (_("Rails records which environment last migrated a database. Make sure "
                                   "this is the database you mean to migrate, and migrate it with "
                                   "RAILS_ENV=%s; Rails refuses destructive tasks such as db:drop on a "
                                   "production database."),
                                 environment);
  pf_migration_problem_set_explanation (problem, explanation);
  detail = g_strdup_printf ("%s: environment = %s", pf_table_get_name (table), environment);
  pf_migration_problem_set_detail (problem, detail);
  fix = g_strdup_printf ("RAILS_ENV=%s bin/rails db:migrate:status", environment);
  pf_migration_problem_set_fix (problem, fix);

  return TRUE;
}

/* Rails versions are the file's creation time, YYYYMMDDHHMMSS, in UTC */
static GDateTime *
rails_version_time (const char *version)
{
  int year, month, day, hour, minute, second;

  if (version == NULL || strlen (version) != 14 || !is_number (version) || strchr (version, '.') != NULL)
    return NULL;

  if (sscanf (version, "%4d%2d%2d%2d%2d%2d", &year, &month, &day, &hour, &minute, &second) != 6)
    return NULL;

  return g_date_time_new_utc (year, month, day, hour, minute, second);
}

static const TableSpec rails_table = {
  .name = "schema_migrations",
  .filter = is_rails_table,
  .n_required = 1,
  .columns = { { "version" } },
  /* Numerically, as an old serial version may be shorter */
  .order_by = { "version" },
  .order_by_length = TRUE,
};

static PfMigrationHistory *
load_rails (Loader  *loader,
            GError **error)
{
  g_autoptr(PfTable) table = NULL;
  g_autoptr(PfMigrationHistory) self = NULL;
  g_autoptr(Rows) rows = NULL;

  if (!read_table (loader, &rails_table, NULL, &table, &rows, error) || rows == NULL)
    return NULL;

  self = history_new (PF_MIGRATION_FRAMEWORK_RAILS, table);
  for (guint row = 0; row < rows->n_rows; row++)
    {
      const char *name = rows_get (rows, row, 0);
      g_autoptr(GDateTime) created = rails_version_time (name);
      char *detail = NULL;

      /* The version says when the file was generated, not when it ran:
       * Rails does not record that, so applied_at stays unknown */
      if (created != NULL)
        {
          g_autofree char *when = format_when (created);

          detail = g_strdup_printf (_("created %s; Rails does not record when it was applied"), when);
        }
      history_add_record (self, NULL, name, NULL, PF_MIGRATION_STATE_APPLIED, detail);
    }

  if (!load_rails_environment (loader, self, table, error))
    return NULL;

  return g_steal_pointer (&self);
}

static const TableSpec golang_migrate_table = {
  .name = "schema_migrations",
  .filter = is_golang_migrate_table,
  .n_required = 2,
  .columns = { { "version" }, { "dirty" } },
  .order_by = { "version" },
};

static PfMigrationHistory *
load_golang_migrate (Loader  *loader,
                     GError **error)
{
  g_autoptr(PfTable) table = NULL;
  g_autoptr(PfMigrationHistory) self = NULL;
  g_autoptr(Rows) rows = NULL;

  if (!read_table (loader, &golang_migrate_table, NULL, &table, &rows, error) || rows == NULL)
    return NULL;

  /* One row: the version the database is at, no times */
  self = history_new (PF_MIGRATION_FRAMEWORK_GOLANG_MIGRATE, table);
  for (guint row = 0; row < rows->n_rows; row++)
    {
      const char *name = rows_get (rows, row, 0) ? rows_get (rows, row, 0) : "";
      gboolean is_dirty = parse_bool (rows_get (rows, row, 1));
      PfMigrationProblem *problem;
      g_autofree char *title = NULL;
      g_autofree char *explanation = NULL;
      g_autofree char *detail = NULL;
      g_autofree char *fix = NULL;

      history_add_record (self, NULL, name, NULL,
                          is_dirty ? PF_MIGRATION_STATE_DIRTY : PF_MIGRATION_STATE_APPLIED,
                          g_strdup (is_dirty ? "dirty = true" : "dirty = false"));
      if (!is_dirty)
        continue;

      problem = history_add_problem (self, PF_MIGRATION_PROBLEM_DIRTY_MIGRATION, PF_SEVERITY_BLOCKER, name);
      title = g_strdup_printf (_("Migration %s failed halfway"), name);
      pf_migration_problem_set_title (problem, title);
      explanation = g_strdup_printf (_("golang-migrate marked the database dirty at version %s: the migration "
                                       "stopped partway, so the database may be half-changed, and "
                                       "golang-migrate will not run until you fix the schema and force the "
                                       "version."),
                                     name);
      pf_migration_problem_set_explanation (problem, explanation);
      detail = g_strdup_printf ("%s: version = %s, dirty = true", self->table, name);
      pf_migration_problem_set_detail (problem, detail);
      fix = g_strdup_printf (_("Finish or undo migration %s by hand, then run `migrate force %s` "
                               "(or force the previous version to run it again)"),
                             name, name);
      pf_migration_problem_set_fix (problem, fix);
    }

  return g_steal_pointer (&self);
}

/* ---- Prisma ----------------------------------------------------------- */

static void
g_date_time_unref_nullable (GDateTime *when)
{
  if (when != NULL)
    g_date_time_unref (when);
}

/* Rows by time, unknown times last, ties in table order */
static int
compare_by_time (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GPtrArray *times = user_data;
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;
  GDateTime *tx = g_ptr_array_index (times, x);
  GDateTime *ty = g_ptr_array_index (times, y);

  if (tx != NULL && ty != NULL && !g_date_time_equal (tx, ty))
    return g_date_time_compare (tx, ty);
  if ((tx == NULL) != (ty == NULL))
    return tx == NULL ? 1 : -1;

  return x < y ? -1 : x > y;
}

/* Only whether logs exist: never their text */
static const TableSpec prisma_table = {
  .name = "_prisma_migrations",
  .n_required = 4,
  .columns = {
    { "migration_name" }, { "started_at", READ_TIME }, { "finished_at", READ_TIME },
    { "rolled_back_at", READ_TIME }, { "applied_steps_count" }, { "logs", READ_IS_NULL },
    { "checksum" }, { "id" },
  },
  .order_by = { "started_at", "id" },
};

static PfMigrationHistory *
load_prisma (Loader  *loader,
             GError **error)
{
  g_autoptr(PfTable) table = NULL;
  g_autoptr(PfMigrationHistory) self = NULL;
  g_autoptr(Rows) rows = NULL;
  g_autoptr(GPtrArray) starts = NULL;
  g_autofree guint *order = NULL;

  if (!read_table (loader, &prisma_table, NULL, &table, &rows, error) || rows == NULL)
    return NULL;

  /* The same column may hold text (DEFAULT current_timestamp) and
   * JavaScript milliseconds on SQLite, which sort apart: order by time */
  starts = g_ptr_array_new_full (rows->n_rows, (GDestroyNotify) g_date_time_unref_nullable);
  order = g_new (guint, MAX (rows->n_rows, 1));
  for (guint row = 0; row < rows->n_rows; row++)
    {
      g_ptr_array_add (starts, parse_timestamp (rows_get (rows, row, 1)));
      order[row] = row;
    }
  g_qsort_with_data (order, rows->n_rows, sizeof order[0], compare_by_time, starts);

  self = history_new (PF_MIGRATION_FRAMEWORK_PRISMA, table);
  for (guint i = 0; i < rows->n_rows; i++)
    {
      guint row = order[i];
      const char *name = rows_get (rows, row, 0) ? rows_get (rows, row, 0) : "";
      GDateTime *started_at = g_ptr_array_index (starts, row);
      g_autoptr(GDateTime) finished_at = parse_timestamp (rows_get (rows, row, 2));
      g_autoptr(GDateTime) rolled_back_at = parse_timestamp (rows_get (rows, row, 3));
      const char *steps = rows_get (rows, row, 4) ? rows_get (rows, row, 4) : "0";
      gboolean has_logs = parse_bool (rows_get (rows, row, 5));
      g_autofree char *started_exact = format_exact (started_at);
      g_autofree char *detail = NULL;
      PfMigrationState state = PF_MIGRATION_STATE_APPLIED;
      PfMigrationProblem *problem;
      g_autofree char *title = NULL;
      g_autofree char *explanation = NULL;
      g_autofree char *technical = NULL;
      g_autofree char *fix = NULL;

      /* Text NULL and an unparsable value are both "not recorded" */
      if (rows_get (rows, row, 3) != NULL)
        state = PF_MIGRATION_STATE_ROLLED_BACK;
      else if (rows_get (rows, row, 2) == NULL)
        state = PF_MIGRATION_STATE_UNFINISHED;

      detail = g_strdup_printf (_("started %s, %s steps applied"), started_exact, steps);
      history_add_record (self, NULL, name,
                          state == PF_MIGRATION_STATE_APPLIED ? finished_at : NULL,
                          state, g_steal_pointer (&detail));

      if (state == PF_MIGRATION_STATE_UNFINISHED)
        {
          problem = history_add_problem (self, PF_MIGRATION_PROBLEM_UNFINISHED_MIGRATION,
                                         PF_SEVERITY_BLOCKER, name);
          if (i == rows->n_rows - 1)
            title = g_strdup_printf (_("The last migration, %s, started but never finished"), name);
          else
            title = g_strdup_printf (_("The migration %s started but never finished"), name);
          pf_migration_problem_set_title (problem, title);
          explanation = g_strdup_printf ("%s%s%s",
                                         _("The database may be half-changed, and `prisma migrate deploy` "
                                           "refuses to run until it is resolved (error P3009)."),
                                         has_logs ? " " : "",
                                         has_logs ? _("Prisma kept the error in the migration’s logs.") : "");
          pf_migration_problem_set_explanation (problem, explanation);
          technical = g_strdup_printf (_("%s: started_at = %s, finished_at = NULL, rolled_back_at = NULL, "
                                         "applied_steps_count = %s"),
                                       self->table, started_exact, steps);
          pf_migration_problem_set_detail (problem, technical);
          fix = g_strdup_printf (_("Undo its changes by hand and run `prisma migrate resolve --rolled-back %s`, "
                                   "or finish them and run `prisma migrate resolve --applied %s`"),
                                 name, name);
          pf_migration_problem_set_fix (problem, fix);
        }
      else if (state == PF_MIGRATION_STATE_ROLLED_BACK)
        {
          g_autofree char *rolled_back_exact = format_exact (rolled_back_at);
          gboolean retried = FALSE;

          /* Rolled back and applied again later: only history */
          for (guint j = i + 1; j < rows->n_rows; j++)
            if (g_strcmp0 (rows_get (rows, order[j], 0), name) == 0
                && rows_get (rows, order[j], 2) != NULL && rows_get (rows, order[j], 3) == NULL)
              retried = TRUE;

          problem = history_add_problem (self, PF_MIGRATION_PROBLEM_ROLLED_BACK_MIGRATION,
                                         retried ? PF_SEVERITY_INFO : PF_SEVERITY_WARNING, name);
          title = g_strdup_printf (_("The migration %s was rolled back"), name);
          pf_migration_problem_set_title (problem, title);
          if (retried)
            explanation = g_strdup (_("It failed once and was marked as rolled back; a later deployment "
                                      "applied it successfully."));
          else
            explanation = g_strdup (_("It failed and was marked as rolled back, so `prisma migrate deploy` "
                                      "will run it again: make sure whatever it changed before failing was "
                                      "undone."));
          pf_migration_problem_set_explanation (problem, explanation);
          technical = g_strdup_printf (_("%s: started_at = %s, rolled_back_at = %s"),
                                       self->table, started_exact, rolled_back_exact);
          pf_migration_problem_set_detail (problem, technical);
          if (!retried)
            pf_migration_problem_set_fix (problem, "prisma migrate deploy");
        }
    }

  compute_deployments (self);

  return g_steal_pointer (&self);
}

/* ---- Knex ------------------------------------------------------------- */

/* FALSE with @error set when the lock table could not be read */
static gboolean
load_knex_lock (Loader              *loader,
                PfMigrationHistory  *self,
                PfTable             *migrations,
                GError             **error)
{
  /* Knex names it after the migrations table */
  g_autofree char *lock_name = g_strconcat (pf_table_get_name (migrations), "_lock", NULL);
  const TableSpec lock_table = {
    .name = lock_name,
    .n_required = 1,
    .columns = { { "is_locked" } },
  };
  g_autoptr(PfTable) table = NULL;
  g_autoptr(Rows) rows = NULL;

  if (!read_table (loader, &lock_table, pf_table_get_schema_name (migrations), &table, &rows, error))
    return FALSE;

  for (guint row = 0; rows != NULL && row < rows->n_rows; row++)
    {
      PfMigrationProblem *problem;
      g_autofree char *detail = NULL;

      if (!parse_bool (rows_get (rows, row, 0)))
        continue;

      problem = history_add_problem (self, PF_MIGRATION_PROBLEM_LOCK_HELD, PF_SEVERITY_BLOCKER, NULL);
      pf_migration_problem_set_title (problem, _("Knex’s migration lock is held"));
      pf_migration_problem_set_explanation (problem,
                                            _("Either a migration is running now, or one stopped without "
                                              "releasing the lock; Knex refuses to migrate while it is held "
                                              "(“Migration table is already locked”). If no migration is "
                                              "running, release it with `knex migrate:unlock`."));
      detail = g_strdup_printf ("%s: is_locked = %s", pf_table_get_name (table), rows_get (rows, row, 0));
      pf_migration_problem_set_detail (problem, detail);
      pf_migration_problem_set_fix (problem, "knex migrate:unlock");
      break;
    }

  return TRUE;
}

static const TableSpec knex_table = {
  .name = "knex_migrations",
  .n_required = 2,
  .columns = { { "id" }, { "name" }, { "batch" }, { "migration_time", READ_TIME } },
  .order_by = { "id" },
};

static PfMigrationHistory *
load_knex (Loader  *loader,
           GError **error)
{
  g_autoptr(PfTable) table = NULL;
  g_autoptr(PfMigrationHistory) self = NULL;
  g_autoptr(Rows) rows = NULL;

  if (!read_table (loader, &knex_table, NULL, &table, &rows, error) || rows == NULL)
    return NULL;

  self = history_new (PF_MIGRATION_FRAMEWORK_KNEX, table);
  for (guint row = 0; row < rows->n_rows; row++)
    {
      g_autoptr(GDateTime) applied_at = parse_timestamp (rows_get (rows, row, 3));
      char *detail = NULL;

      if (rows_get (rows, row, 2) != NULL)
        detail = g_strdup_printf (_("batch %s"), rows_get (rows, row, 2));
      history_add_record (self, NULL, rows_get (rows, row, 1), applied_at,
                          PF_MIGRATION_STATE_APPLIED, detail);
    }

  if (!load_knex_lock (loader, self, table, error))
    return NULL;

  compute_deployments (self);

  return g_steal_pointer (&self);
}

/* ---- Sequelize -------------------------------------------------------- */

/* Umzug runs files in name order and records nothing else */
static const TableSpec sequelize_table = {
  .name = "SequelizeMeta",
  .n_required = 1,
  .columns = { { "name" } },
  .order_by = { "name" },
};

static PfMigrationHistory *
load_sequelize (Loader  *loader,
                GError **error)
{
  g_autoptr(PfTable) table = NULL;
  g_autoptr(PfMigrationHistory) self = NULL;
  g_autoptr(Rows) rows = NULL;

  if (!read_table (loader, &sequelize_table, NULL, &table, &rows, error) || rows == NULL)
    return NULL;

  self = history_new (PF_MIGRATION_FRAMEWORK_SEQUELIZE, table);
  for (guint row = 0; row < rows->n_rows; row++)
    history_add_record (self, NULL, rows_get (rows, row, 0), NULL, PF_MIGRATION_STATE_APPLIED, NULL);

  return g_steal_pointer (&self);
}

/* ---- all of them ------------------------------------------------------ */

typedef PfMigrationHistory *(*LoadFunc) (Loader  *loader,
                                         GError **error);

GPtrArray *
pf_migration_history_load_all (PfDatabase    *connection,
                               PfSchema      *schema,
                               GCancellable  *cancellable,
                               GError       **error)
{
  /* Django first, then the others in the order of PfMigrationFramework */
  static const LoadFunc loaders[] = {
    load_django, load_flyway, load_liquibase, load_alembic, load_rails,
    load_prisma, load_golang_migrate, load_knex, load_sequelize,
  };
  g_autoptr(GPtrArray) histories = g_ptr_array_new_with_free_func (g_object_unref);
  Loader loader = { 0 };

  g_return_val_if_fail (PF_IS_DATABASE (connection), NULL);
  g_return_val_if_fail (PF_IS_SCHEMA (schema), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  loader.database = connection;
  loader.schema = schema;
  loader.cancellable = cancellable;
  loader.is_pg = PF_IS_PG_DATABASE (connection);

  if (loader.is_pg && !load_search_path (&loader, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (loaders); i++)
    {
      GError *local_error = NULL;
      PfMigrationHistory *history;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_strfreev (loader.search_path);
          return NULL;
        }

      history = loaders[i] (&loader, &local_error);
      if (local_error != NULL)
        {
          g_clear_object (&history);
          g_propagate_error (error, local_error);
          g_strfreev (loader.search_path);
          return NULL;
        }
      if (history != NULL)
        g_ptr_array_add (histories, history);
    }

  g_strfreev (loader.search_path);

  return g_steal_pointer (&histories);
}
