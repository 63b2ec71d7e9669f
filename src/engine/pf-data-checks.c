/* pf-data-checks.c — every check that is not about foreign-key orphans
 *
 * fk-trigger-disabled, sequence-behind, invalid-index (PostgreSQL);
 * sqlite-integrity, type-mismatch (SQLite); no-primary-key (both); and the
 * rule checks duplicate-values, format-rule, not-null-rule (both).
 *
 * The planner only reads the introspected schema; every job asks the
 * database again on its worker connection, so what a finding says is what
 * the scan's snapshot holds. Every query is bounded: counts are aggregates,
 * top values LIMIT 20, samples LIMIT 100.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-data-checks"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pf-checks.h"
#include "pf-finding.h"
#include "pf-pg-database-private.h"
#include "pf-sql.h"
#include "pf-sqlite-database-private.h"
#include "pf-sqlite-regexp.h"

#define MAX_VALUES  20
#define MAX_SAMPLES 100
#define MAX_INTEGRITY_LINES 100

#define MAX_VALUES_STR  "20"
#define MAX_SAMPLES_STR "100"

/* Same filters as introspection (pf-pg-database.c) */
#define SYSTEM_SCHEMAS "{pg_catalog,information_schema,pg_toast}"
#define TEMP_SCHEMA_PATTERN "^pg_(toast_)?temp_"

/* ---- query results ---------------------------------------------------- */

/* A small, fully read result: every query here is an aggregate or LIMITed,
 * so holding it is bounded. Cells are UTF-8 text or NULL for SQL NULL. */
typedef struct
{
  guint      n_columns;
  guint      n_rows;
  GPtrArray *cells;
} Rows;

static void
rows_free (Rows *rows)
{
  g_ptr_array_unref (rows->cells);
  g_free (rows);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rows, rows_free)

static const char *
rows_get (Rows  *rows,
          guint  row,
          guint  column)
{
  g_assert (row < rows->n_rows && column < rows->n_columns);

  return g_ptr_array_index (rows->cells, row * rows->n_columns + column);
}

static gint64
rows_get_int (Rows  *rows,
              guint  row,
              guint  column)
{
  const char *text = rows_get (rows, row, column);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static char *
make_valid (const char *text,
            gssize      length)
{
  return g_utf8_make_valid (text, length);
}

/* A cell as text a person can read: BLOBs as X'…' (shortened), text made
 * valid UTF-8 */
static char *
sqlite_cell (sqlite3_stmt *stmt,
             int           column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      return NULL;

    case SQLITE_BLOB:
      {
        const guchar *data = sqlite3_column_blob (stmt, column);
        int length = sqlite3_column_bytes (stmt, column);
        GString *out = g_string_new ("X'");

        for (int i = 0; i < MIN (length, 32); i++)
          g_string_append_printf (out, "%02X", data[i]);
        g_string_append (out, length > 32 ? "…'" : "'");
        return g_string_free (out, FALSE);
      }

    default:
      return make_valid ((const char *) sqlite3_column_text (stmt, column),
                         sqlite3_column_bytes (stmt, column));
    }
}

/* Runs @sql with text parameters $1…$n on either engine */
static Rows *
run_query (PfDatabase          *connection,
           GCancellable        *cancellable,
           const char          *sql,
           guint                n_params,
           const char * const  *params,
           GError             **error)
{
  g_autoptr(Rows) rows = g_new0 (Rows, 1);

  rows->cells = g_ptr_array_new_with_free_func (g_free);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (pf_database_get_kind (connection) == PF_DATABASE_KIND_POSTGRESQL)
    {
      g_autoptr(PGresult) result = NULL;

      result = _pf_pg_database_exec (PF_PG_DATABASE (connection), cancellable,
                                     sql, n_params, params, error);
      if (result == NULL)
        return NULL;

      rows->n_columns = PQnfields (result);
      rows->n_rows = PQntuples (result);
      for (guint r = 0; r < rows->n_rows; r++)
        for (guint c = 0; c < rows->n_columns; c++)
          g_ptr_array_add (rows->cells,
                           PQgetisnull (result, r, c)
                             ? NULL
                             : make_valid (PQgetvalue (result, r, c),
                                           PQgetlength (result, r, c)));
    }
  else
    {
      PfSqliteDatabase *sqlite = PF_SQLITE_DATABASE (connection);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      stmt = _pf_sqlite_database_prepare (sqlite, sql, error);
      if (stmt == NULL)
        return NULL;

      /* "$1" is a named parameter to SQLite; bind by name so the order in
       * which they appear in the text does not matter */
      for (guint i = 0; i < n_params; i++)
        {
          char name[16];
          int index;

          g_snprintf (name, sizeof name, "$%u", i + 1);
          index = sqlite3_bind_parameter_index (stmt, name);
          if (index > 0)
            sqlite3_bind_text (stmt, index, params[i], -1, SQLITE_TRANSIENT);
        }

      rows->n_columns = sqlite3_column_count (stmt);
      while ((rc = _pf_sqlite_database_step (sqlite, stmt, error)) == SQLITE_ROW)
        {
          for (guint c = 0; c < rows->n_columns; c++)
            g_ptr_array_add (rows->cells, sqlite_cell (stmt, c));
          rows->n_rows++;
        }
      if (rc != SQLITE_DONE)
        return NULL;
    }

  return g_steal_pointer (&rows);
}

/* ---- SQL text --------------------------------------------------------- */

static char *
qualified_name (const char *schema,
                const char *name)
{
  g_autofree char *quoted = pf_sql_quote_identifier (name);

  if (schema == NULL)
    return g_steal_pointer (&quoted);
  else
    {
      g_autofree char *quoted_schema = pf_sql_quote_identifier (schema);

      return g_strdup_printf ("%s.%s", quoted_schema, quoted);
    }
}

/* "a"."x", "a"."y" — @alias may be NULL; pseudo columns (rowid, ctid) are
 * not quoted so a real column of that name cannot shadow them by quoting */
static char *
column_list (const char * const *columns,
             const char         *alias,
             gboolean            pseudo)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      g_autofree char *quoted = pseudo ? g_strdup (columns[i]) : pf_sql_quote_identifier (columns[i]);

      if (i > 0)
        g_string_append (out, ", ");
      if (alias != NULL)
        g_string_append_printf (out, "%s.", alias);
      g_string_append (out, quoted);
    }

  return g_string_free (out, FALSE);
}

/* "a"."x" IS NOT NULL AND "a"."y" IS NOT NULL */
static char *
not_null_filter (const char * const *columns,
                 const char         *alias)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *quoted = pf_sql_quote_identifier (columns[i]);

      g_string_append_printf (out, "%s%s%s%s IS NOT NULL",
                              i > 0 ? " AND " : "",
                              alias ? alias : "", alias ? "." : "", quoted);
    }

  return g_string_free (out, FALSE);
}

/* A number for people: "1,350" where the locale groups digits */
static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static gulong
plural_n (gint64 n)
{
  return (gulong) CLAMP (n, 0, G_MAXLONG);
}

/* ---- what a job looks at ---------------------------------------------- */

typedef struct
{
  gboolean  is_pg;
  char     *schema;          /* NULL on SQLite */
  char     *table;
  char     *display;         /* for people */
  char     *qualified;       /* for SQL, quoted */
  GStrv     key_columns;     /* how to find a sample row; may be empty */
  gboolean  key_is_pseudo;   /* rowid / ctid rather than real columns */
  gint64    rows;            /* estimate, -1 when unknown */
  GStrv     columns;         /* the checked columns */
  GStrv     types;           /* their declared types, parallel */
  GStrv     indexes;         /* type-mismatch: an index leading with each, or "" */
  char     *pattern;         /* format-rule */
  /* format-rule on a column that references the rule's key */
  char     *parent_schema;
  char     *parent_table;
  GStrv     parent_columns;
  char     *constraint;
  gboolean  declared;
  char     *index_name;      /* invalid-index */
  GStrv     candidate_key;   /* no-primary-key: unique NOT NULL columns */
  char     *missing;         /* a rule naming what does not exist */
  char     *check_id;
} Target;

static void
target_free (gpointer data)
{
  Target *target = data;

  g_free (target->schema);
  g_free (target->table);
  g_free (target->display);
  g_free (target->qualified);
  g_strfreev (target->key_columns);
  g_strfreev (target->columns);
  g_strfreev (target->indexes);
  g_strfreev (target->types);
  g_free (target->pattern);
  g_free (target->parent_schema);
  g_free (target->parent_table);
  g_strfreev (target->parent_columns);
  g_free (target->constraint);
  g_free (target->index_name);
  g_strfreev (target->candidate_key);
  g_free (target->missing);
  g_free (target->check_id);
  g_free (target);
}

static gboolean
table_has_column_ci (PfTable    *table,
                     const char *name)
{
  GPtrArray *columns = pf_table_get_columns (table);

  for (guint i = 0; i < columns->len; i++)
    if (g_ascii_strcasecmp (((PfColumn *) g_ptr_array_index (columns, i))->name, name) == 0)
      return TRUE;

  return FALSE;
}

static Target *
target_new (gboolean  is_pg,
            PfTable  *table)
{
  Target *target = g_new0 (Target, 1);
  const char * const *primary_key = pf_table_get_primary_key (table);

  target->is_pg = is_pg;
  target->schema = g_strdup (pf_table_get_schema_name (table));
  target->table = g_strdup (pf_table_get_name (table));
  target->display = g_strdup (pf_table_get_display_name (table));
  target->qualified = qualified_name (target->schema, target->table);
  target->rows = pf_table_get_row_estimate (table);
  target->declared = TRUE;

  if (primary_key != NULL && primary_key[0] != NULL)
    target->key_columns = g_strdupv ((char **) primary_key);
  else if (is_pg)
    {
      target->key_columns = g_strsplit ("ctid", ",", -1);
      target->key_is_pseudo = TRUE;
    }
  else if (!pf_table_get_without_rowid (table))
    {
      /* The first rowid alias no real column shadows */
      static const char * const aliases[] = { "rowid", "_rowid_", "oid" };

      for (guint i = 0; i < G_N_ELEMENTS (aliases) && target->key_columns == NULL; i++)
        if (!table_has_column_ci (table, aliases[i]))
          {
            target->key_columns = g_strsplit (aliases[i], ",", -1);
            target->key_is_pseudo = TRUE;
          }
    }

  if (target->key_columns == NULL)
    target->key_columns = g_new0 (char *, 1);

  return target;
}

static PfColumn *
lookup_column (PfTable    *table,
               gboolean    is_pg,
               const char *name)
{
  PfColumn *column = pf_table_lookup_column (table, name);
  GPtrArray *columns;

  if (column != NULL || is_pg)
    return column;

  /* SQLite column names do not care about ASCII case */
  columns = pf_table_get_columns (table);
  for (guint i = 0; i < columns->len; i++)
    {
      column = g_ptr_array_index (columns, i);
      if (g_ascii_strcasecmp (column->name, name) == 0)
        return column;
    }

  return NULL;
}

static PfFinding *
target_finding (Target     *target,
                const char *check_id,
                PfSeverity  severity)
{
  PfFinding *finding = pf_finding_new (check_id, severity);

  pf_finding_set_table (finding, target->schema, target->table);
  if (target->columns != NULL)
    pf_finding_set_columns (finding, (const char * const *) target->columns);
  if (target->parent_table != NULL)
    {
      pf_finding_set_parent_table (finding, target->parent_schema, target->parent_table);
      pf_finding_set_parent_columns (finding, (const char * const *) target->parent_columns);
    }
  if (target->constraint != NULL)
    pf_finding_set_constraint (finding, target->constraint);
  pf_finding_set_declared (finding, target->declared);

  return finding;
}

/* Rows of (v1, …, vn, count): the values joined with ", " */
static void
add_values (PfFinding *finding,
            Rows      *rows,
            guint      n_value_columns)
{
  for (guint r = 0; r < rows->n_rows && r < MAX_VALUES; r++)
    {
      g_autoptr(GString) value = g_string_new (NULL);

      for (guint c = 0; c < n_value_columns; c++)
        {
          const char *cell = rows_get (rows, r, c);

          if (c > 0)
            g_string_append (value, ", ");
          g_string_append (value, cell != NULL ? cell : "NULL");
        }
      pf_finding_add_value (finding, value->str, rows_get_int (rows, r, n_value_columns));
    }
}

/* Rows of (key1, …, keyk, value1, …, valuen) */
static void
add_samples (PfFinding          *finding,
             Rows               *rows,
             const char * const *key_columns,
             const char * const *value_columns)
{
  guint n_keys = g_strv_length ((char **) key_columns);
  guint n_values = g_strv_length ((char **) value_columns);

  g_assert (rows->n_columns == n_keys + n_values);

  for (guint r = 0; r < rows->n_rows && r < MAX_SAMPLES; r++)
    {
      g_autofree const char **keys = g_new0 (const char *, n_keys + 1);
      g_autofree const char **values = g_new0 (const char *, n_values + 1);

      for (guint c = 0; c < n_keys; c++)
        keys[c] = rows_get (rows, r, c);
      for (guint c = 0; c < n_values; c++)
        values[c] = rows_get (rows, r, n_keys + c);

      pf_finding_add_sample (finding, n_keys, key_columns, keys,
                             n_values, value_columns, values);
    }
}

static char *
join_columns_for_people (const char * const *columns)
{
  return g_strjoinv (", ", (char **) columns);
}

/* ---- no-primary-key --------------------------------------------------- */

static gboolean
no_primary_key_run (PfScanJob     *job,
                    PfDatabase    *connection,
                    GPtrArray     *findings,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Target *target = job->data;
  g_autoptr(PfFinding) finding = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GString) explanation = g_string_new (NULL);
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GString) fix = g_string_new (NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  finding = target_finding (target, PF_CHECK_NO_PRIMARY_KEY, PF_SEVERITY_WARNING);
  pf_finding_set_count (finding, target->rows);

  /* Translators: %s is a table name */
  title = g_strdup_printf (_("%s has no primary key"), target->display);
  pf_finding_set_title (finding, title);

  g_string_append (explanation,
                   _("Without a primary key nothing tells two rows of this table apart. "
                     "Django expects every table it manages to have one and cannot update "
                     "or delete a single row otherwise; tools that copy data during a "
                     "migration cannot match rows; and PostgreSQL logical replication "
                     "refuses UPDATE and DELETE on a published table without a replica "
                     "identity."));
  if (target->candidate_key != NULL)
    {
      g_autofree char *names = join_columns_for_people ((const char * const *) target->candidate_key);

      g_string_append (explanation, " ");
      g_string_append_printf (explanation,
                              /* Translators: %s is a list of column names */
                              _("The unique, never-empty column(s) %s could become the primary key."),
                              names);
    }
  pf_finding_set_explanation (finding, explanation->str);

  g_string_append_printf (detail, "%s: %s\n", _("Table"), target->qualified);
  if (target->rows >= 0)
    g_string_append_printf (detail, "%s: %" G_GINT64_FORMAT "\n", _("Rows"), target->rows);
  if (!target->is_pg && target->key_is_pseudo)
    g_string_append (detail, _("SQLite identifies its rows only by the hidden rowid, which VACUUM may renumber."));
  pf_finding_set_detail (finding, detail->str);

  if (target->candidate_key != NULL)
    {
      g_autofree char *list = column_list ((const char * const *) target->candidate_key, NULL, FALSE);

      if (target->is_pg)
        g_string_append_printf (fix, "ALTER TABLE %s ADD PRIMARY KEY (%s);\n", target->qualified, list);
      else
        g_string_append_printf (fix,
                                "-- SQLite cannot add a primary key to an existing table: rebuild it\n"
                                "-- (a Django migration does this for you), declaring PRIMARY KEY (%s).\n",
                                list);
    }
  else if (target->is_pg)
    g_string_append_printf (fix,
                            "ALTER TABLE %s\n"
                            "  ADD COLUMN \"preflight_id\" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;\n"
                            "-- Review the column name; this rewrites the table and locks it meanwhile.\n",
                            target->qualified);
  else
    g_string_append_printf (fix,
                            "-- SQLite cannot add a primary key to an existing table: rebuild it\n"
                            "-- (a Django migration adding an AutoField does this for you):\n"
                            "-- CREATE TABLE \"new\" (\"id\" integer PRIMARY KEY AUTOINCREMENT, …);\n"
                            "-- INSERT INTO \"new\" (…) SELECT … FROM %s;\n"
                            "-- DROP TABLE %s; ALTER TABLE \"new\" RENAME TO %s;\n",
                            target->qualified, target->qualified, target->qualified);
  pf_finding_set_fix_sql (finding, fix->str);

  g_ptr_array_add (findings, g_steal_pointer (&finding));
  return TRUE;
}

/* ---- sqlite-integrity ------------------------------------------------- */

static gboolean
sqlite_integrity_run (PfScanJob     *job,
                      PfDatabase    *connection,
                      GPtrArray     *findings,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(Rows) rows = NULL;
  g_autoptr(PfFinding) finding = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  gint64 n_problems;

  rows = run_query (connection, cancellable,
                    "PRAGMA quick_check(" G_STRINGIFY (MAX_INTEGRITY_LINES) ")",
                    0, NULL, &local_error);

  if (rows == NULL)
    {
      sqlite3 *db = _pf_sqlite_database_get_handle (PF_SQLITE_DATABASE (connection));
      int code = db != NULL ? sqlite3_errcode (db) & 0xff : SQLITE_OK;

      /* A file so damaged the check itself cannot read it is the answer,
       * not a failure to check */
      if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_string_append_printf (detail, "PRAGMA quick_check: %s\n", local_error->message);
      n_problems = 1;
    }
  else if (rows->n_rows == 1 && g_strcmp0 (rows_get (rows, 0, 0), "ok") == 0)
    return TRUE;
  else
    {
      n_problems = 0;
      g_string_append (detail, "PRAGMA quick_check(" G_STRINGIFY (MAX_INTEGRITY_LINES) "):\n");
      for (guint r = 0; r < rows->n_rows; r++)
        {
          const char *text = rows_get (rows, r, 0) ? rows_get (rows, r, 0) : "";
          g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

          /* One row may carry several problems, one per line, under a
           * "*** in database main ***" heading */
          for (guint l = 0; lines[l] != NULL; l++)
            if (lines[l][0] != '\0' && !g_str_has_prefix (lines[l], "*** "))
              n_problems++;
          g_string_append_printf (detail, "%s\n", text);
        }
      if (rows->n_rows >= MAX_INTEGRITY_LINES)
        g_string_append (detail, _("SQLite stops after this many problems; there may be more."));
    }

  finding = pf_finding_new (PF_CHECK_SQLITE_INTEGRITY, PF_SEVERITY_BLOCKER);
  pf_finding_set_count (finding, n_problems);
  count = format_count (n_problems);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "The database file is damaged (%s problem found)",
                                        "The database file is damaged (%s problems found)",
                                        plural_n (n_problems)),
                           count);
  pf_finding_set_title (finding, title);
  pf_finding_set_explanation (finding,
                              _("SQLite’s own consistency check found damage in the file. A migration "
                                "that reads or rebuilds a damaged table can stop half-way or copy wrong "
                                "data. Repair or restore the file before migrating."));
  pf_finding_set_detail (finding, detail->str);
  pf_finding_set_fix_sql (finding,
                          "-- Preflight never writes to the file. Work on a copy:\n"
                          "-- 1. If only indexes are damaged (\"row … missing from index\",\n"
                          "--    \"wrong # of entries in index\"), rebuild them:\n"
                          "REINDEX;\n"
                          "-- 2. Otherwise recover what is readable into a new file:\n"
                          "--    sqlite3 damaged.sqlite3 \".recover\" | sqlite3 recovered.sqlite3\n"
                          "-- 3. Or restore the last backup that passes PRAGMA integrity_check.\n");

  g_ptr_array_add (findings, g_steal_pointer (&finding));
  return TRUE;
}

/* ---- type-mismatch (SQLite) ------------------------------------------- */

/* A full (not partial) index whose first key is @column, or "" */
static const char *
leading_index (PfTable    *table,
               const char *column)
{
  GPtrArray *indexes = pf_table_get_indexes (table);

  for (guint i = 0; indexes != NULL && i < indexes->len; i++)
    {
      PfIndex *index = g_ptr_array_index (indexes, i);

      if (!index->partial && index->columns != NULL && index->columns[0] != NULL
          && g_ascii_strcasecmp (index->columns[0], column) == 0)
        return index->name;
    }

  return "";
}

typedef enum {
  AFFINITY_BLOB,
  AFFINITY_TEXT,
  AFFINITY_NUMERIC,
  AFFINITY_INTEGER,
  AFFINITY_REAL,
} Affinity;

/* The rules of https://www.sqlite.org/datatype3.html §3.1, in order */
static Affinity
affinity_of (const char *declared_type)
{
  g_autofree char *type = g_ascii_strup (declared_type ? declared_type : "", -1);

  if (strstr (type, "INT") != NULL)
    return AFFINITY_INTEGER;
  if (strstr (type, "CHAR") != NULL || strstr (type, "CLOB") != NULL || strstr (type, "TEXT") != NULL)
    return AFFINITY_TEXT;
  if (type[0] == '\0' || strstr (type, "BLOB") != NULL)
    return AFFINITY_BLOB;
  if (strstr (type, "REAL") != NULL || strstr (type, "FLOA") != NULL || strstr (type, "DOUB") != NULL)
    return AFFINITY_REAL;
  return AFFINITY_NUMERIC;
}

static const char *
affinity_name (Affinity affinity)
{
  static const char * const names[] = { "BLOB", "TEXT", "NUMERIC", "INTEGER", "REAL" };

  return names[affinity];
}

/* typeof() names, in the order of the counting query */
static const char * const storage_classes[] = { "integer", "real", "text", "blob" };

static gboolean
storage_class_fits (Affinity    affinity,
                    const char *storage_class)
{
  switch (affinity)
    {
    case AFFINITY_TEXT:
      return g_str_equal (storage_class, "text");
    case AFFINITY_INTEGER:
      /* INTEGER affinity keeps a real only when it has a fraction */
      return g_str_equal (storage_class, "integer");
    case AFFINITY_NUMERIC:
      return g_str_equal (storage_class, "integer") || g_str_equal (storage_class, "real");
    case AFFINITY_REAL:
      /* REAL affinity reads back even integral values as real */
      return g_str_equal (storage_class, "real");
    case AFFINITY_BLOB:
    default:
      return TRUE;
    }
}

static const char *
storage_class_for_people (const char *storage_class)
{
  if (g_str_equal (storage_class, "integer"))
    return _("whole numbers");
  if (g_str_equal (storage_class, "real"))
    return _("decimal numbers");
  if (g_str_equal (storage_class, "text"))
    return _("text");
  return _("binary data");
}

static const char *
affinity_for_people (Affinity affinity)
{
  switch (affinity)
    {
    case AFFINITY_TEXT:
      return _("text");
    case AFFINITY_INTEGER:
      return _("whole numbers");
    case AFFINITY_REAL:
      return _("decimal numbers");
    case AFFINITY_NUMERIC:
    case AFFINITY_BLOB:
    default:
      return _("numbers");
    }
}

static gboolean
type_mismatch_column (Target        *target,
                      PfDatabase    *connection,
                      GPtrArray     *findings,
                      GCancellable  *cancellable,
                      guint          index,
                      Rows          *counts,
                      GError       **error)
{
  const char *column = target->columns[index];
  Affinity affinity = affinity_of (target->types[index]);
  g_autofree char *quoted = pf_sql_quote_identifier (column);
  g_autofree char *keys = column_list ((const char * const *) target->key_columns, NULL, target->key_is_pseudo);
  g_autoptr(GString) bad_list = g_string_new (NULL);
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GString) fix = g_string_new (NULL);
  g_autoptr(PfFinding) finding = NULL;
  g_autoptr(Rows) values = NULL;
  g_autoptr(Rows) samples = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *title = NULL;
  const char *only_bad = NULL;
  gint64 bad = 0;
  guint n_bad_classes = 0;

  g_string_append_printf (detail,
                          _("Column %s.%s is declared “%s” (%s affinity). Values by storage class "
                            "(SELECT typeof(%s), count(*) … GROUP BY 1):"),
                          target->qualified, quoted, target->types[index],
                          affinity_name (affinity), quoted);
  g_string_append_c (detail, '\n');

  for (guint k = 0; k < G_N_ELEMENTS (storage_classes); k++)
    {
      gint64 n = rows_get_int (counts, 0, index * G_N_ELEMENTS (storage_classes) + k);

      if (n == 0)
        continue;
      g_string_append_printf (detail, "  %s: %" G_GINT64_FORMAT "%s\n", storage_classes[k], n,
                              storage_class_fits (affinity, storage_classes[k]) ? "" : "  ←");
      if (!storage_class_fits (affinity, storage_classes[k]))
        {
          bad += n;
          n_bad_classes++;
          only_bad = storage_classes[k];
          g_string_append_printf (bad_list, "%s'%s'", bad_list->len > 0 ? ", " : "", storage_classes[k]);
        }
    }

  if (bad == 0)
    return TRUE;

  /* Top values as SQL literals, so 10000 and '10000' look different */
  sql = g_strdup_printf ("SELECT quote(%s), count(*) FROM %s WHERE typeof(%s) IN (%s)"
                         " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " MAX_VALUES_STR,
                         quoted, target->qualified, quoted, bad_list->str);
  values = run_query (connection, cancellable, sql, 0, NULL, error);
  if (values == NULL)
    return FALSE;
  g_clear_pointer (&sql, g_free);

  if (target->key_columns[0] != NULL)
    sql = g_strdup_printf ("SELECT %s, quote(%s) FROM %s WHERE typeof(%s) IN (%s) LIMIT " MAX_SAMPLES_STR,
                           keys, quoted, target->qualified, quoted, bad_list->str);
  else
    sql = g_strdup_printf ("SELECT quote(%s) FROM %s WHERE typeof(%s) IN (%s) LIMIT " MAX_SAMPLES_STR,
                           quoted, target->qualified, quoted, bad_list->str);
  samples = run_query (connection, cancellable, sql, 0, NULL, error);
  if (samples == NULL)
    return FALSE;

  finding = target_finding (target, PF_CHECK_TYPE_MISMATCH, PF_SEVERITY_WARNING);
  {
    const char *one_column[] = { column, NULL };

    pf_finding_set_columns (finding, one_column);
    pf_finding_set_count (finding, bad);
    add_values (finding, values, 1);
    add_samples (finding, samples, (const char * const *) target->key_columns, one_column);
  }

  count_text = format_count (bad);
  if (n_bad_classes == 1)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: “3 rows in users store sap as whole numbers instead of text” */
                                          "%s row in %s stores %s as %s instead of %s",
                                          "%s rows in %s store %s as %s instead of %s",
                                          plural_n (bad)),
                             count_text, target->display, column,
                             storage_class_for_people (only_bad), affinity_for_people (affinity));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s row in %s stores %s as something other than %s",
                                          "%s rows in %s store %s as something other than %s",
                                          plural_n (bad)),
                             count_text, target->display, column, affinity_for_people (affinity));
  pf_finding_set_title (finding, title);
  pf_finding_set_explanation (finding,
                              _("SQLite keeps a value’s own type when it cannot convert it to the "
                                "column’s type, so this key column holds a mix. A number and a text are "
                                "never equal in SQLite (10000 is not '10000'), so lookups and foreign keys "
                                "on these rows silently miss, and a migration that copies or rebuilds the "
                                "table (or moves it to a stricter database) may reject or change them. "
                                "Values are shown as SQL literals: text in quotes, numbers without."));

  g_string_append_printf (detail, "SELECT %s%squote(%s) FROM %s WHERE typeof(%s) IN (%s);\n",
                          target->key_columns[0] != NULL ? keys : "",
                          target->key_columns[0] != NULL ? ", " : "",
                          quoted, target->qualified, quoted, bad_list->str);
  pf_finding_set_detail (finding, detail->str);

  if (affinity == AFFINITY_TEXT)
    {
      g_string_append_printf (fix,
                              "-- Store the numbers as text again; check first that no leading zeros were lost\n"
                              "-- (a six-digit code stored as the number 12345 was once '012345').\n"
                              "UPDATE %s SET %s = CAST(%s AS TEXT) WHERE typeof(%s) IN ('integer', 'real');\n",
                              target->qualified, quoted, quoted, quoted);
    }
  else
    g_string_append_printf (fix,
                            "-- These values cannot be converted to %s; correct them by hand:\n"
                            "SELECT %s%squote(%s) FROM %s WHERE typeof(%s) IN (%s);\n",
                            affinity_name (affinity),
                            target->key_columns[0] != NULL ? keys : "",
                            target->key_columns[0] != NULL ? ", " : "",
                            quoted, target->qualified, quoted, bad_list->str);
  pf_finding_set_fix_sql (finding, fix->str);

  g_ptr_array_add (findings, g_steal_pointer (&finding));
  return TRUE;
}

/* Whether the column behind @index can hold a value of the wrong storage
 * class, read from the index's distinct keys alone: values of different
 * storage classes are never equal index keys, so one key per class
 * present is enough, and SELECT DISTINCT hands keys back as stored (no
 * affinity applied). With sqlite_stat1, SQLite skips over repeated keys;
 * without, it reads the index once, still far less than the table. (An
 * integral REAL beside an equal INTEGER would be one key, but INTEGER and
 * NUMERIC affinity store 10.0 as 10, so only a rewritten schema could hold
 * both.) */
static gboolean
type_mismatch_maybe (Target        *target,
                     PfDatabase    *connection,
                     GCancellable  *cancellable,
                     guint          index,
                     gboolean      *maybe,
                     GError       **error)
{
  Affinity affinity = affinity_of (target->types[index]);
  g_autofree char *quoted = pf_sql_quote_identifier (target->columns[index]);
  g_autofree char *index_name = pf_sql_quote_identifier (target->indexes[index]);
  g_autofree char *sql = NULL;
  g_autoptr(Rows) classes = NULL;

  sql = g_strdup_printf ("SELECT DISTINCT typeof(d.v) FROM (SELECT DISTINCT c.%s AS v FROM %s AS c"
                         " INDEXED BY %s WHERE c.%s IS NOT NULL) AS d",
                         quoted, target->qualified, index_name, quoted);
  if ((classes = run_query (connection, cancellable, sql, 0, NULL, error)) == NULL)
    return FALSE;

  *maybe = FALSE;
  for (guint row = 0; row < classes->n_rows; row++)
    if (!storage_class_fits (affinity, rows_get (classes, row, 0)))
      *maybe = TRUE;

  return TRUE;
}

static gboolean
type_mismatch_run (PfScanJob     *job,
                   PfDatabase    *connection,
                   GPtrArray     *findings,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Target *target = job->data;
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(Rows) counts = NULL;
  guint n_columns = g_strv_length (target->columns);
  g_autofree gboolean *clean = g_new0 (gboolean, n_columns);
  gboolean scan = FALSE;

  /* Indexed columns first, from their keys; the table is read (once, for
   * every column) only when a column has no index or holds a wrong class */
  for (guint i = 0; i < n_columns; i++)
    {
      gboolean maybe = TRUE;

      if (target->indexes[i][0] != '\0'
          && !type_mismatch_maybe (target, connection, cancellable, i, &maybe, error))
        return FALSE;
      clean[i] = !maybe;
      scan |= maybe;
    }

  if (!scan)
    return TRUE;

  /* One pass over the table counts every storage class of every column */
  for (guint i = 0; target->columns[i] != NULL; i++)
    {
      g_autofree char *quoted = pf_sql_quote_identifier (target->columns[i]);

      for (guint k = 0; k < G_N_ELEMENTS (storage_classes); k++)
        g_string_append_printf (sql, "%scoalesce(sum(typeof(%s) = '%s'), 0)",
                                i + k > 0 ? ", " : "", quoted, storage_classes[k]);
    }
  g_string_append_printf (sql, " FROM %s", target->qualified);

  counts = run_query (connection, cancellable, sql->str, 0, NULL, error);
  if (counts == NULL)
    return FALSE;

  for (guint i = 0; target->columns[i] != NULL; i++)
    if (!clean[i] && !type_mismatch_column (target, connection, findings, cancellable, i, counts, error))
      return FALSE;

  return TRUE;
}

/* ---- duplicate-values ------------------------------------------------- */

static gboolean
duplicate_values_run (PfScanJob     *job,
                      PfDatabase    *connection,
                      GPtrArray     *findings,
                      GCancellable  *cancellable,
                      GError       **error)
{
  Target *target = job->data;
  const char * const *columns = (const char * const *) target->columns;
  guint n_columns = g_strv_length (target->columns);
  g_autofree char *list = column_list (columns, NULL, FALSE);
  g_autofree char *t_list = column_list (columns, "t", FALSE);
  g_autofree char *t_keys = column_list ((const char * const *) target->key_columns, "t", target->key_is_pseudo);
  g_autofree char *filter = not_null_filter (columns, NULL);
  g_autoptr(GString) positions = g_string_new (NULL);
  g_autoptr(GString) join = g_string_new (NULL);
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GString) fix = g_string_new (NULL);
  g_autofree char *groups_sql = NULL;
  g_autofree char *count_sql = NULL;
  g_autofree char *values_sql = NULL;
  g_autofree char *samples_sql = NULL;
  g_autofree char *rows_text = NULL;
  g_autofree char *groups_text = NULL;
  g_autofree char *names = NULL;
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autoptr(Rows) counts = NULL;
  g_autoptr(Rows) values = NULL;
  g_autoptr(Rows) samples = NULL;
  g_autoptr(PfFinding) finding = NULL;
  gint64 n_groups, n_rows;

  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *quoted = pf_sql_quote_identifier (columns[i]);

      g_string_append_printf (positions, ", %u", i + 1);
      g_string_append_printf (join, "%st.%s = g.%s", i > 0 ? " AND " : "", quoted, quoted);
    }

  /* NULLs never clash in a UNIQUE constraint on either engine (PostgreSQL's
   * default NULLS DISTINCT), so rows with a NULL are not duplicates. GROUP
   * BY uses the same equality (and SQLite the column's collation) as a
   * unique index would. */
  groups_sql = g_strdup_printf ("SELECT %s, count(*) AS n FROM %s WHERE %s GROUP BY %s HAVING count(*) > 1",
                                list, target->qualified, filter, list);
  count_sql = g_strdup_printf ("SELECT count(*), coalesce(sum(d.n), 0) FROM (%s) AS d", groups_sql);
  counts = run_query (connection, cancellable, count_sql, 0, NULL, error);
  if (counts == NULL)
    return FALSE;

  n_groups = rows_get_int (counts, 0, 0);
  n_rows = rows_get_int (counts, 0, 1);
  if (n_groups == 0)
    return TRUE;

  values_sql = g_strdup_printf ("%s ORDER BY %u DESC%s LIMIT " MAX_VALUES_STR,
                                groups_sql, n_columns + 1, positions->str);
  values = run_query (connection, cancellable, values_sql, 0, NULL, error);
  if (values == NULL)
    return FALSE;

  /* Sample rows from the most duplicated values */
  samples_sql = g_strdup_printf ("SELECT %s%s%s FROM %s AS t JOIN (%s) AS g ON %s"
                                 " ORDER BY g.n DESC, %s LIMIT " MAX_SAMPLES_STR,
                                 t_keys, target->key_columns[0] != NULL ? ", " : "", t_list,
                                 target->qualified, values_sql, join->str, t_list);
  samples = run_query (connection, cancellable, samples_sql, 0, NULL, error);
  if (samples == NULL)
    return FALSE;

  finding = target_finding (target, PF_CHECK_DUPLICATE_VALUES, PF_SEVERITY_BLOCKER);
  pf_finding_set_count (finding, n_rows);
  add_values (finding, values, n_columns);
  add_samples (finding, samples, (const char * const *) target->key_columns, columns);

  names = join_columns_for_people (columns);
  rows_text = format_count (n_rows);
  groups_text = format_count (n_groups);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: “12 rows in users share email values that must be unique” */
                                        "%s row in %s shares %s values that must be unique",
                                        "%s rows in %s share %s values that must be unique",
                                        plural_n (n_rows)),
                           rows_text, target->display, names);
  pf_finding_set_title (finding, title);
  explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The rules say no two rows of %s may have the same %s, but %s value is "
                                              "used more than once. Adding the unique constraint (as a migration "
                                              "would) fails until the duplicates are merged or removed, and code "
                                              "that expects one row per value gets several.",
                                              "The rules say no two rows of %s may have the same %s, but %s values are "
                                              "used more than once. Adding the unique constraint (as a migration "
                                              "would) fails until the duplicates are merged or removed, and code "
                                              "that expects one row per value gets several.",
                                              plural_n (n_groups)),
                                 target->display, names, groups_text);
  pf_finding_set_explanation (finding, explanation);

  g_string_append_printf (detail, _("%s duplicated values, %s rows in all."), groups_text, rows_text);
  g_string_append_printf (detail, "\n%s;\n", groups_sql);
  pf_finding_set_detail (finding, detail->str);

  g_string_append_printf (fix,
                          "-- Every duplicated value and its rows (decide which row to keep;\n"
                          "-- other tables may reference the ones you remove):\n"
                          "SELECT %s%s%s FROM %s AS t JOIN (%s) AS g ON %s ORDER BY %s;\n"
                          "-- Then enforce the rule:\n",
                          t_keys, target->key_columns[0] != NULL ? ", " : "", t_list,
                          target->qualified, groups_sql, join->str, t_list);
  if (target->is_pg)
    g_string_append_printf (fix, "ALTER TABLE %s ADD UNIQUE (%s);\n", target->qualified, list);
  else
    {
      g_autofree char *index_name = g_strdup_printf ("%s_%s_uniq", target->table, names);
      g_autofree char *quoted_index = pf_sql_quote_identifier (index_name);

      g_string_append_printf (fix, "CREATE UNIQUE INDEX %s ON %s (%s);\n", quoted_index, target->qualified, list);
    }
  pf_finding_set_fix_sql (finding, fix->str);

  g_ptr_array_add (findings, g_steal_pointer (&finding));
  return TRUE;
}

/* ---- format-rule ------------------------------------------------------ */

/* The predicate "value breaks the pattern ($1)". NULL never breaks a
 * format rule. PostgreSQL matches POSIX AREs and GRegex is PCRE: rules
 * should keep to the common subset (see help/C/rules.page). */
static char *
format_violation (Target     *target,
                  const char *quoted)
{
  if (target->is_pg)
    return g_strdup_printf ("%s IS NOT NULL AND %s::pg_catalog.text OPERATOR(pg_catalog.!~) $1::pg_catalog.text",
                            quoted, quoted);
  else
    return g_strdup_printf ("%s IS NOT NULL AND NOT regexp($1, %s)", quoted, quoted);
}

static gboolean
format_rule_run (PfScanJob     *job,
                 PfDatabase    *connection,
                 GPtrArray     *findings,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Target *target = job->data;
  const char *column = target->columns[0];
  const char *params[] = { target->pattern };
  g_autofree char *quoted = pf_sql_quote_identifier (column);
  g_autofree char *keys = column_list ((const char * const *) target->key_columns, NULL, target->key_is_pseudo);
  g_autofree char *violation = format_violation (target, quoted);
  g_autofree char *count_sql = NULL;
  g_autofree char *values_sql = NULL;
  g_autofree char *samples_sql = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *pattern_literal = pf_sql_quote_literal (target->pattern);
  g_autoptr(GString) explanation = g_string_new (NULL);
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GString) fix = g_string_new (NULL);
  g_autoptr(Rows) counts = NULL;
  g_autoptr(Rows) values = NULL;
  g_autoptr(Rows) samples = NULL;
  g_autoptr(PfFinding) finding = NULL;
  g_autoptr(GRegex) regex = NULL;
  gboolean trimmable = FALSE;
  gint64 n;

  if (!target->is_pg)
    {
      sqlite3 *db = _pf_sqlite_database_get_handle (PF_SQLITE_DATABASE (connection));

      if (db == NULL)
        {
          g_set_error_literal (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_NOT_OPEN,
                               _("The database is not open"));
          return FALSE;
        }
      if (!pf_sqlite_register_regexp (db, error))
        return FALSE;
    }

  count_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", target->qualified, violation);
  counts = run_query (connection, cancellable, count_sql, 1, params, error);
  if (counts == NULL)
    return FALSE;
  n = rows_get_int (counts, 0, 0);
  if (n == 0)
    return TRUE;

  values_sql = g_strdup_printf ("SELECT %s, count(*) FROM %s WHERE %s GROUP BY 1 ORDER BY 2 DESC, 1"
                                " LIMIT " MAX_VALUES_STR,
                                quoted, target->qualified, violation);
  values = run_query (connection, cancellable, values_sql, 1, params, error);
  if (values == NULL)
    return FALSE;

  samples_sql = g_strdup_printf ("SELECT %s%s%s FROM %s WHERE %s LIMIT " MAX_SAMPLES_STR,
                                 keys, target->key_columns[0] != NULL ? ", " : "", quoted,
                                 target->qualified, violation);
  samples = run_query (connection, cancellable, samples_sql, 1, params, error);
  if (samples == NULL)
    return FALSE;

  finding = target_finding (target, PF_CHECK_FORMAT_RULE, PF_SEVERITY_WARNING);
  pf_finding_set_count (finding, n);
  add_values (finding, values, 1);
  add_samples (finding, samples, (const char * const *) target->key_columns, (const char * const *) target->columns);

  count_text = format_count (n);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: “31 rows in staff have a user_id in the wrong format” */
                                        "%s row in %s has a %s in the wrong format",
                                        "%s rows in %s have a %s in the wrong format",
                                        plural_n (n)),
                           count_text, target->display, column);
  pf_finding_set_title (finding, title);

  if (target->parent_table != NULL)
    {
      g_autofree char *parent = target->parent_schema && g_strcmp0 (target->parent_schema, "public") != 0
                                ? g_strdup_printf ("%s.%s", target->parent_schema, target->parent_table)
                                : g_strdup (target->parent_table);

      g_string_append_printf (explanation,
                              /* Translators: “… values in user_id refer to scheduling_user.sap, which the rules say must match ^[0-9]{6}$.” */
                              _("Values in %s refer to %s.%s, which the rules say must match %s."),
                              column, parent, target->parent_columns[0], target->pattern);
    }
  else
    g_string_append_printf (explanation, _("The rules say every %s in %s must match %s."),
                            column, target->display, target->pattern);
  g_string_append (explanation, " ");
  g_string_append (explanation,
                   _("Values in another shape usually come from old imports (stray spaces, "
                     "placeholder accounts) and break lookups, joins and the code that expects "
                     "the format. Empty (NULL) values are not judged here."));
  pf_finding_set_explanation (finding, explanation->str);

  g_string_append_printf (detail, "SELECT %s%s%s FROM %s WHERE %s",
                          keys, target->key_columns[0] != NULL ? ", " : "", quoted,
                          target->qualified, violation);
  g_string_append_printf (detail, "\n-- $1 = %s", pattern_literal);
  if (target->is_pg)
    g_string_append (detail, _("\n-- PostgreSQL regular expression (POSIX ARE); searched anywhere, anchor with ^ and $."));
  else
    g_string_append (detail, _("\n-- regexp() is Preflight’s GRegex (PCRE) function; numbers are matched in their text form."));
  pf_finding_set_detail (finding, detail->str);

  /* Offer a trim when a top value only needs its spaces removed */
  regex = g_regex_new (target->pattern, G_REGEX_DOLLAR_ENDONLY, 0, NULL);
  for (guint r = 0; regex != NULL && r < values->n_rows; r++)
    {
      const char *value = rows_get (values, r, 0);
      g_autofree char *stripped = g_strstrip (g_strdup (value ? value : ""));

      if (value != NULL && strcmp (stripped, value) != 0 && g_regex_match (regex, stripped, 0, NULL))
        trimmable = TRUE;
    }

  g_string_append_printf (fix, "-- The rows to correct:\nSELECT %s%s%s FROM %s WHERE %s",
                          keys, target->key_columns[0] != NULL ? ", " : "", quoted,
                          target->qualified, quoted);
  if (target->is_pg)
    g_string_append_printf (fix, " !~ %s;\n", pattern_literal);
  else
    g_string_append_printf (fix, " IS NOT NULL;  -- keep the rows where %s does not match %s\n",
                            quoted, target->pattern);
  if (trimmable)
    {
      g_string_append (fix, "-- Some values only carry stray spaces. Review, then (other tables' keys may need the same):\n");
      if (target->is_pg)
        g_string_append_printf (fix, "UPDATE %s SET %s = btrim(%s) WHERE %s <> btrim(%s) AND btrim(%s) ~ %s;\n",
                                target->qualified, quoted, quoted, quoted, quoted, quoted, pattern_literal);
      else
        g_string_append_printf (fix, "UPDATE %s SET %s = trim(%s) WHERE %s <> trim(%s);\n",
                                target->qualified, quoted, quoted, quoted, quoted);
    }
  pf_finding_set_fix_sql (finding, fix->str);

  g_ptr_array_add (findings, g_steal_pointer (&finding));
  return TRUE;
}

/* ---- not-null-rule ---------------------------------------------------- */

static gboolean
not_null_rule_run (PfScanJob     *job,
                   PfDatabase    *connection,
                   GPtrArray     *findings,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Target *target = job->data;
  const char *column = target->columns[0];
  g_autofree char *quoted = pf_sql_quote_identifier (column);
  g_autofree char *keys = column_list ((const char * const *) target->key_columns, NULL, target->key_is_pseudo);
  g_autofree char *sql = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GString) fix = g_string_new (NULL);
  g_autoptr(Rows) counts = NULL;
  g_autoptr(Rows) samples = NULL;
  g_autoptr(PfFinding) finding = NULL;
  gint64 n;

  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s IS NULL", target->qualified, quoted);
  counts = run_query (connection, cancellable, sql, 0, NULL, error);
  if (counts == NULL)
    return FALSE;
  n = rows_get_int (counts, 0, 0);
  if (n == 0)
    return TRUE;

  finding = target_finding (target, PF_CHECK_NOT_NULL_RULE, PF_SEVERITY_BLOCKER);
  pf_finding_set_count (finding, n);

  if (target->key_columns[0] != NULL)
    {
      g_autofree char *samples_sql = g_strdup_printf ("SELECT %s, %s FROM %s WHERE %s IS NULL LIMIT " MAX_SAMPLES_STR,
                                                      keys, quoted, target->qualified, quoted);

      samples = run_query (connection, cancellable, samples_sql, 0, NULL, error);
      if (samples == NULL)
        return FALSE;
      add_samples (finding, samples, (const char * const *) target->key_columns,
                   (const char * const *) target->columns);
    }

  count_text = format_count (n);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: “25 rows in accesslog have no user_id, which is required” */
                                        "%s row in %s has no %s, which is required",
                                        "%s rows in %s have no %s, which is required",
                                        plural_n (n)),
                           count_text, target->display, column);
  pf_finding_set_title (finding, title);
  explanation = g_strdup_printf (_("The rules say every row of %s must have a %s. Making the column "
                                   "required (as a migration would) fails while these rows are empty, and "
                                   "code that assumes a value breaks on them."),
                                 target->display, column);
  pf_finding_set_explanation (finding, explanation);

  g_string_append_printf (detail, "%s;", sql);
  pf_finding_set_detail (finding, detail->str);

  g_string_append_printf (fix,
                          "-- Fill in the missing values (or delete the rows), for example:\n"
                          "-- UPDATE %s SET %s = … WHERE %s IS NULL;\n",
                          target->qualified, quoted, quoted);
  if (target->is_pg)
    g_string_append_printf (fix, "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;\n", target->qualified, quoted);
  else
    g_string_append (fix, "-- Then declare the column NOT NULL (SQLite: a Django migration rebuilds the table).\n");
  pf_finding_set_fix_sql (finding, fix->str);

  g_ptr_array_add (findings, g_steal_pointer (&finding));
  return TRUE;
}

/* ---- a rule that names nothing --------------------------------------- */

static gboolean
missing_rule_target_run (PfScanJob     *job,
                         PfDatabase    *connection,
                         GPtrArray     *findings,
                         GCancellable  *cancellable,
                         GError       **error)
{
  Target *target = job->data;
  g_autoptr(PfFinding) finding = pf_finding_new (target->check_id, PF_SEVERITY_WARNING);
  g_autofree char *title = NULL;

  /* Translators: %s is what the rule names, e.g. “scheduling_user.emial” */
  title = g_strdup_printf (_("The rule names %s, which does not exist"), target->missing);
  pf_finding_set_title (finding, title);
  pf_finding_set_explanation (finding,
                              _("A rule in the rules file refers to a table or column this database "
                                "does not have, so it was not checked. Check the spelling, or whether "
                                "the migration that creates it is still pending."));
  pf_finding_set_detail (finding, target->missing);
  if (target->table != NULL)
    pf_finding_set_table (finding, target->schema, target->table);
  pf_finding_set_count (finding, -1);

  g_ptr_array_add (findings, g_steal_pointer (&finding));
  return TRUE;
}

/* ---- PostgreSQL: fk-trigger-disabled ---------------------------------- */

static GStrv
strv_from_json (const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL
      && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
          else if (JSON_NODE_HOLDS_ARRAY (node))
            {
              /* [a, b, c] flattened: callers know the stride */
              JsonArray *inner = json_node_get_array (node);

              for (guint j = 0; j < json_array_get_length (inner); j++)
                {
                  JsonNode *cell = json_array_get_element (inner, j);

                  g_strv_builder_add (builder, JSON_NODE_HOLDS_VALUE (cell) ? json_node_get_string (cell) : "");
                }
            }
        }
    }

  return g_strv_builder_end (builder);
}

#define ATTNAMES_JSON(keys, rel) \
  "(SELECT pg_catalog.json_agg (a.attname ORDER BY k.i)" \
  "   FROM pg_catalog.unnest (" keys ") WITH ORDINALITY AS k (attnum, i)" \
  "   JOIN pg_catalog.pg_attribute a ON a.attrelid = " rel " AND a.attnum = k.attnum)"

static const char fk_triggers_sql[] =
  "SELECT cn.nspname, cc.relname, con.conname, pn.nspname, pc.relname,"
  "       " ATTNAMES_JSON ("con.conkey", "con.conrelid") ","
  "       " ATTNAMES_JSON ("con.confkey", "con.confrelid") ","
  "       pg_catalog.json_agg (pg_catalog.json_build_array (tn.nspname, tc.relname, tg.tgname,"
  "                                                         tg.tgenabled::pg_catalog.text)"
  "                            ORDER BY tc.relname, tg.tgname),"
  "       count(*)"
  "  FROM pg_catalog.pg_trigger tg"
  "  JOIN pg_catalog.pg_constraint con ON con.oid = tg.tgconstraint AND con.contype = 'f'"
  "  JOIN pg_catalog.pg_class tc ON tc.oid = tg.tgrelid"
  "  JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace"
  "  JOIN pg_catalog.pg_class cc ON cc.oid = con.conrelid"
  "  JOIN pg_catalog.pg_namespace cn ON cn.oid = cc.relnamespace"
  "  JOIN pg_catalog.pg_class pc ON pc.oid = con.confrelid"
  "  JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace"
  /* D = disabled; R = fires only when session_replication_role = replica,
   * so never in ordinary sessions */
  " WHERE tg.tgisinternal AND tg.tgenabled IN ('D', 'R')"
  "   AND cn.nspname <> ALL ($1::pg_catalog.text[]) AND cn.nspname !~ $2"
  " GROUP BY con.oid, cn.nspname, cc.relname, con.conname, pn.nspname, pc.relname,"
  "          con.conkey, con.confkey, con.conrelid, con.confrelid"
  " ORDER BY 1, 2, 3";

static gboolean
fk_trigger_disabled_run (PfScanJob     *job,
                         PfDatabase    *connection,
                         GPtrArray     *findings,
                         GCancellable  *cancellable,
                         GError       **error)
{
  const char *params[] = { SYSTEM_SCHEMAS, TEMP_SCHEMA_PATTERN };
  g_autoptr(Rows) rows = NULL;

  rows = run_query (connection, cancellable, fk_triggers_sql, G_N_ELEMENTS (params), params, error);
  if (rows == NULL)
    return FALSE;

  for (guint r = 0; r < rows->n_rows; r++)
    {
      const char *schema = rows_get (rows, r, 0);
      const char *table = rows_get (rows, r, 1);
      const char *constraint = rows_get (rows, r, 2);
      const char *parent_schema = rows_get (rows, r, 3);
      const char *parent_table = rows_get (rows, r, 4);
      g_auto(GStrv) columns = strv_from_json (rows_get (rows, r, 5));
      g_auto(GStrv) parent_columns = strv_from_json (rows_get (rows, r, 6));
      g_auto(GStrv) triggers = strv_from_json (rows_get (rows, r, 7));
      gint64 n = rows_get_int (rows, r, 8);
      g_autoptr(PfTable) child = pf_table_new (schema, table);
      g_autoptr(PfTable) parent = pf_table_new (parent_schema, parent_table);
      g_autoptr(PfFinding) finding = pf_finding_new (PF_CHECK_FK_TRIGGER_DISABLED, PF_SEVERITY_WARNING);
      g_autoptr(GString) detail = g_string_new (NULL);
      g_autoptr(GString) fix = g_string_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *explanation = NULL;
      g_autofree char *child_columns = join_columns_for_people ((const char * const *) columns);
      g_autofree char *quoted_constraint = pf_sql_quote_identifier (constraint);

      pf_finding_set_table (finding, schema, table);
      pf_finding_set_columns (finding, (const char * const *) columns);
      pf_finding_set_parent_table (finding, parent_schema, parent_table);
      pf_finding_set_parent_columns (finding, (const char * const *) parent_columns);
      pf_finding_set_constraint (finding, constraint);
      pf_finding_set_count (finding, n);

      /* Translators: “The link from scheduling_shift to scheduling_user is not being enforced” */
      title = g_strdup_printf (_("The link from %s to %s is not being enforced"),
                               pf_table_get_display_name (child), pf_table_get_display_name (parent));
      pf_finding_set_title (finding, title);
      explanation = g_strdup_printf (_("The checks behind the foreign key on %s (%s) were switched off, "
                                       "usually with ALTER TABLE … DISABLE TRIGGER ALL to speed up a bulk "
                                       "load, and never switched back on. Meanwhile the database accepts "
                                       "rows in %s that point at nothing and deletions in %s that leave "
                                       "rows behind. Switching them on again does not check the rows "
                                       "written in between; the orphan check does."),
                                     pf_table_get_display_name (child), child_columns,
                                     pf_table_get_display_name (child), pf_table_get_display_name (parent));
      pf_finding_set_explanation (finding, explanation);

      g_string_append_printf (detail, "CONSTRAINT %s ON %s.%s\n", quoted_constraint,
                              schema, table);
      for (guint i = 0; triggers[i] && triggers[i + 1] && triggers[i + 2] && triggers[i + 3]; i += 4)
        {
          g_autofree char *trigger_table = qualified_name (triggers[i], triggers[i + 1]);
          g_autofree char *trigger = pf_sql_quote_identifier (triggers[i + 2]);

          g_string_append_printf (detail, "  %s ON %s: tgenabled = '%s' (%s)\n",
                                  trigger, trigger_table, triggers[i + 3],
                                  g_str_equal (triggers[i + 3], "D") ? "disabled" : "replica only");
          g_string_append_printf (fix, "ALTER TABLE %s ENABLE TRIGGER %s;\n", trigger_table, trigger);
        }
      g_string_append (detail, "SELECT tgrelid::regclass, tgname, tgenabled FROM pg_trigger"
                               " WHERE tgisinternal AND tgenabled IN ('D', 'R');");
      pf_finding_set_detail (finding, detail->str);

      g_string_prepend (fix, "-- Internal triggers need a superuser (or use ENABLE TRIGGER ALL,\n"
                             "-- which also enables the table's own triggers):\n");
      g_string_append (fix, "-- Rows written while the checks were off are not re-checked: run the\n"
                            "-- orphan check again, or drop and re-add the constraint NOT VALID and\n"
                            "-- VALIDATE it.\n");
      pf_finding_set_fix_sql (finding, fix->str);

      g_ptr_array_add (findings, g_steal_pointer (&finding));
    }

  return TRUE;
}

/* ---- PostgreSQL: invalid-index ---------------------------------------- */

static gboolean
invalid_index_run (PfScanJob     *job,
                   PfDatabase    *connection,
                   GPtrArray     *findings,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Target *target = job->data;
  const char *params[] = { target->schema, target->index_name };
  PGconn *conn = _pf_pg_database_get_connection (PF_PG_DATABASE (connection));
  int version = conn != NULL ? PQserverVersion (conn) : 0;
  g_autofree char *sql = NULL;
  g_autoptr(Rows) rows = NULL;
  g_autoptr(PfFinding) finding = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GString) fix = g_string_new (NULL);
  g_autoptr(GString) explanation = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *quoted_index = NULL;
  g_auto(GStrv) columns = NULL;
  const char *definition, *predicate;
  gboolean unique, in_progress, all_plain, nulls_not_distinct, leftover;
  gint64 dup_groups = -1, dup_rows = 0;
  g_autoptr(Rows) dup_values = NULL;

  sql = g_strdup_printf ("SELECT x.indisunique, pg_catalog.pg_get_indexdef (x.indexrelid),"
                         "       (SELECT pg_catalog.json_agg (CASE WHEN x.indkey[k.i - 1] <> 0"
                         "                 THEN (SELECT a.attname::pg_catalog.text FROM pg_catalog.pg_attribute a"
                         "                        WHERE a.attrelid = x.indrelid AND a.attnum = x.indkey[k.i - 1])"
                         "                 ELSE pg_catalog.pg_get_indexdef (x.indexrelid, k.i, true) END ORDER BY k.i)"
                         "          FROM pg_catalog.generate_series (1, x.%s) AS k (i)),"
                         "       (SELECT pg_catalog.bool_and (x.indkey[k.i - 1] <> 0)"
                         "          FROM pg_catalog.generate_series (1, x.%s) AS k (i)),"
                         "       pg_catalog.pg_get_expr (x.indpred, x.indrelid),"
                         "       %s, %s, x.indisvalid"
                         "  FROM pg_catalog.pg_index x"
                         "  JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid"
                         "  JOIN pg_catalog.pg_namespace n ON n.oid = i.relnamespace"
                         " WHERE n.nspname = $1 AND i.relname = $2",
                         version >= 110000 ? "indnkeyatts" : "indnatts",
                         version >= 110000 ? "indnkeyatts" : "indnatts",
                         version >= 120000
                           ? "EXISTS (SELECT 1 FROM pg_catalog.pg_stat_progress_create_index p"
                             "         WHERE p.index_relid = x.indexrelid)"
                           : "false",
                         version >= 150000 ? "x.indnullsnotdistinct" : "false");
  rows = run_query (connection, cancellable, sql, G_N_ELEMENTS (params), params, error);
  if (rows == NULL)
    return FALSE;

  /* Dropped or rebuilt since introspection: nothing to say */
  if (rows->n_rows == 0 || g_strcmp0 (rows_get (rows, 0, 7), "t") == 0)
    return TRUE;

  unique = g_strcmp0 (rows_get (rows, 0, 0), "t") == 0;
  definition = rows_get (rows, 0, 1);
  columns = strv_from_json (rows_get (rows, 0, 2));
  all_plain = g_strcmp0 (rows_get (rows, 0, 3), "t") == 0;
  predicate = rows_get (rows, 0, 4);
  in_progress = g_strcmp0 (rows_get (rows, 0, 5), "t") == 0;
  nulls_not_distinct = g_strcmp0 (rows_get (rows, 0, 6), "t") == 0;
  /* What a failed REINDEX CONCURRENTLY leaves behind */
  leftover = strstr (target->index_name, "_ccnew") != NULL || strstr (target->index_name, "_ccold") != NULL;
  quoted_index = qualified_name (target->schema, target->index_name);

  /* How many duplicates stand in the way of a unique index */
  if (unique && all_plain && !in_progress && columns[0] != NULL)
    {
      g_autofree char *list = column_list ((const char * const *) columns, NULL, FALSE);
      g_autofree char *filter = nulls_not_distinct ? g_strdup ("true") : not_null_filter ((const char * const *) columns, NULL);
      g_autofree char *groups = g_strdup_printf ("SELECT %s, count(*) AS n FROM %s WHERE %s%s%s%s"
                                                 " GROUP BY %s HAVING count(*) > 1",
                                                 list, target->qualified, filter,
                                                 predicate ? " AND (" : "", predicate ? predicate : "",
                                                 predicate ? ")" : "", list);
      g_autofree char *count_sql = g_strdup_printf ("SELECT count(*), coalesce(sum(d.n), 0) FROM (%s) AS d", groups);
      g_autofree char *values_sql = g_strdup_printf ("%s ORDER BY %u DESC LIMIT " MAX_VALUES_STR,
                                                     groups, g_strv_length (columns) + 1);
      g_autoptr(Rows) dup_counts = run_query (connection, cancellable, count_sql, 0, NULL, error);

      if (dup_counts == NULL)
        return FALSE;
      dup_groups = rows_get_int (dup_counts, 0, 0);
      dup_rows = rows_get_int (dup_counts, 0, 1);
      if (dup_groups > 0)
        {
          dup_values = run_query (connection, cancellable, values_sql, 0, NULL, error);
          if (dup_values == NULL)
            return FALSE;
        }
      g_string_append_printf (detail, "%s;\n", groups);
    }

  finding = target_finding (target, PF_CHECK_INVALID_INDEX,
                            in_progress ? PF_SEVERITY_INFO
                                        : unique ? PF_SEVERITY_BLOCKER : PF_SEVERITY_WARNING);
  pf_finding_set_columns (finding, (const char * const *) columns);
  pf_finding_set_constraint (finding, target->index_name);
  pf_finding_set_count (finding, dup_groups > 0 ? dup_rows : 1);
  if (dup_values != NULL)
    add_values (finding, dup_values, g_strv_length (columns));

  if (in_progress)
    title = g_strdup_printf (_("An index on %s is being built right now"), target->display);
  else if (unique)
    title = g_strdup_printf (_("A unique index on %s failed to build and does not protect the data"),
                             target->display);
  else
    title = g_strdup_printf (_("An index on %s failed to build and is not used"), target->display);
  pf_finding_set_title (finding, title);

  if (in_progress)
    g_string_append (explanation,
                     _("A CREATE INDEX CONCURRENTLY (or REINDEX CONCURRENTLY) is running on this index "
                       "now. It becomes valid when that finishes; scan again afterwards."));
  else
    {
      g_string_append (explanation,
                       _("PostgreSQL leaves an index marked INVALID when CREATE INDEX CONCURRENTLY "
                         "or REINDEX CONCURRENTLY fails part-way, for example on duplicate values, a "
                         "deadlock or a cancelled session. Queries ignore it, yet every write still pays "
                         "to maintain it, and a migration that expects it, or creates it again under the "
                         "same name, fails."));
      if (unique)
        {
          g_string_append (explanation, " ");
          g_string_append (explanation,
                           _("Because it is unique, the rule it was meant to guarantee is not in force, "
                             "and rebuilding fails while duplicates remain."));
        }
      if (dup_groups > 0)
        {
          g_autofree char *groups_text = format_count (dup_groups);
          g_autofree char *rows_text = format_count (dup_rows);

          g_string_append (explanation, " ");
          g_string_append_printf (explanation,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "Right now %s value is duplicated, in %s rows.",
                                               "Right now %s values are duplicated, in %s rows.",
                                               plural_n (dup_groups)),
                                  groups_text, rows_text);
        }
    }
  pf_finding_set_explanation (finding, explanation->str);

  g_string_prepend (detail, "\n");
  g_string_prepend (detail, definition ? definition : "");
  g_string_prepend (detail, "pg_index.indisvalid = false: ");
  pf_finding_set_detail (finding, detail->str);

  if (!in_progress)
    {
      if (dup_groups > 0)
        g_string_append (fix, "-- First remove the duplicated values (see the detail); rebuilding fails while they remain.\n");
      if (leftover)
        g_string_append_printf (fix,
                                "-- This is the copy a failed REINDEX CONCURRENTLY left behind; drop it:\n"
                                "DROP INDEX CONCURRENTLY IF EXISTS %s;\n", quoted_index);
      else
        {
          g_string_append_printf (fix,
                                  "-- Rebuild it without blocking writes (PostgreSQL 12 or later):\n"
                                  "REINDEX INDEX CONCURRENTLY %s;\n", quoted_index);
          if (definition != NULL)
            {
              const char *rest = NULL;
              const char *prefix = NULL;

              if (g_str_has_prefix (definition, "CREATE UNIQUE INDEX "))
                prefix = "CREATE UNIQUE INDEX CONCURRENTLY ", rest = definition + strlen ("CREATE UNIQUE INDEX ");
              else if (g_str_has_prefix (definition, "CREATE INDEX "))
                prefix = "CREATE INDEX CONCURRENTLY ", rest = definition + strlen ("CREATE INDEX ");

              if (prefix != NULL)
                g_string_append_printf (fix,
                                        "-- Or drop it and create it again:\n"
                                        "-- DROP INDEX CONCURRENTLY %s;\n"
                                        "-- %s%s;\n", quoted_index, prefix, rest);
            }
        }
      pf_finding_set_fix_sql (finding, fix->str);
    }

  g_ptr_array_add (findings, g_steal_pointer (&finding));
  return TRUE;
}

/* ---- PostgreSQL: sequence-behind -------------------------------------- */

/* The sequence a new row gets its value from: the one the column's default
 * calls (pg_attrdef depends on it), else the one the column owns (serial:
 * deptype 'a'; identity: 'i'), as pg_get_serial_sequence() would find. */
static const char sequence_sql[] =
  "SELECT sn.nspname, s.relname, ps.seqincrement, ps.seqmin, ps.seqmax, ps.seqcycle"
  "  FROM pg_catalog.pg_class c"
  "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
  "  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = $3 AND NOT a.attisdropped"
  "  CROSS JOIN LATERAL ("
  "    SELECT d.refobjid AS seq, 1 AS pref"
  "      FROM pg_catalog.pg_attrdef ad"
  "      JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass"
  "                                 AND d.objid = ad.oid"
  "                                 AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"
  "     WHERE ad.adrelid = c.oid AND ad.adnum = a.attnum"
  "    UNION ALL"
  "    SELECT d.objid, 2"
  "      FROM pg_catalog.pg_depend d"
  "     WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
  "       AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"
  "       AND d.refobjid = c.oid AND d.refobjsubid = a.attnum AND d.deptype IN ('a', 'i')"
  "  ) AS q"
  "  JOIN pg_catalog.pg_class s ON s.oid = q.seq AND s.relkind = 'S'"
  "  JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace"
  "  JOIN pg_catalog.pg_sequence ps ON ps.seqrelid = s.oid"
  " WHERE n.nspname = $1 AND c.relname = $2"
  /* A partition shares its parent's sequence; the parent is checked */
  "   AND NOT c.relispartition"
  " ORDER BY q.pref LIMIT 1";

static gboolean
parse_int64 (const char *text,
             gint64     *out)
{
  return text != NULL && g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, out, NULL);
}

/* The values a column of @type can hold; FALSE when not a plain integer */
static void
integer_range (const char *type,
               gint64     *min,
               gint64     *max)
{
  if (g_strcmp0 (type, "smallint") == 0)
    *min = G_MININT16, *max = G_MAXINT16;
  else if (g_strcmp0 (type, "integer") == 0)
    *min = G_MININT32, *max = G_MAXINT32;
  else
    *min = G_MININT64, *max = G_MAXINT64;
}

static gboolean
sequence_behind_run (PfScanJob     *job,
                     PfDatabase    *connection,
                     GPtrArray     *findings,
                     GCancellable  *cancellable,
                     GError       **error)
{
  Target *target = job->data;
  const char *column = target->columns[0];
  const char *params[] = { target->schema, target->table, column };
  g_autofree char *quoted = pf_sql_quote_identifier (column);
  g_autofree char *sequence = NULL;
  g_autofree char *sequence_literal = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(Rows) seq = NULL;
  g_autoptr(Rows) state = NULL;
  g_autoptr(Rows) extent = NULL;
  g_autoptr(PfFinding) finding = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GString) fix = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  gint64 increment, seq_min, seq_max, last, next = 0, type_min, type_max;
  gboolean cycle, is_called, exhausted = FALSE, ascending;
  const char *column_max, *column_min;

  seq = run_query (connection, cancellable, sequence_sql, G_N_ELEMENTS (params), params, error);
  if (seq == NULL)
    return FALSE;
  if (seq->n_rows == 0)
    return TRUE;

  if (!parse_int64 (rows_get (seq, 0, 2), &increment) || increment == 0
      || !parse_int64 (rows_get (seq, 0, 3), &seq_min)
      || !parse_int64 (rows_get (seq, 0, 4), &seq_max))
    return TRUE;
  cycle = g_strcmp0 (rows_get (seq, 0, 5), "t") == 0;
  ascending = increment > 0;
  sequence = qualified_name (rows_get (seq, 0, 0), rows_get (seq, 0, 1));
  sequence_literal = pf_sql_quote_literal (sequence);

  /* Sequences are not transactional: this is what the next nextval()
   * in any new session starts from */
  sql = g_strdup_printf ("SELECT last_value, is_called FROM %s", sequence);
  state = run_query (connection, cancellable, sql, 0, NULL, error);
  if (state == NULL)
    return FALSE;
  if (state->n_rows != 1 || !parse_int64 (rows_get (state, 0, 0), &last))
    return TRUE;
  is_called = g_strcmp0 (rows_get (state, 0, 1), "t") == 0;

  integer_range (target->types[0], &type_min, &type_max);

  if (!is_called)
    next = last;
  else if (ascending ? last > seq_max - increment : last < seq_min - increment)
    {
      if (cycle)
        next = ascending ? seq_min : seq_max;
      else
        exhausted = TRUE;
    }
  else
    next = last + increment;
  if (!exhausted && (next > type_max || next < type_min))
    exhausted = TRUE;

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT max(%s)::pg_catalog.text, min(%s)::pg_catalog.text FROM %s",
                         quoted, quoted, target->qualified);
  extent = run_query (connection, cancellable, sql, 0, NULL, error);
  if (extent == NULL)
    return FALSE;
  column_max = rows_get (extent, 0, 0);
  column_min = rows_get (extent, 0, 1);

  g_string_append_printf (detail,
                          "%s.%s ← %s: increment %" G_GINT64_FORMAT ", minvalue %" G_GINT64_FORMAT
                          ", maxvalue %" G_GINT64_FORMAT ", cycle %s; last_value %" G_GINT64_FORMAT
                          ", is_called %s\n",
                          target->qualified, quoted, sequence, increment, seq_min, seq_max,
                          cycle ? "yes" : "no", last, is_called ? "true" : "false");
  g_string_append_printf (detail, "max(%s) = %s, min(%s) = %s\n", quoted, column_max ? column_max : "NULL",
                          quoted, column_min ? column_min : "NULL");

  if (exhausted)
    {
      finding = target_finding (target, PF_CHECK_SEQUENCE_BEHIND, PF_SEVERITY_BLOCKER);
      pf_finding_set_count (finding, -1);
      title = g_strdup_printf (_("New rows in %s cannot be added: its ID counter has run out"),
                               target->display);
      explanation = g_strdup_printf (_("The counter that numbers new rows in %s has reached the largest value "
                                       "it (or the column %s) may hold, so the next insert fails."),
                                     target->display, column);
      g_string_append (detail, _("The next value is beyond the sequence’s limit or the column’s type."));
      g_string_append_printf (fix,
                              "-- Raise the limit (for an identity column: ALTER TABLE … ALTER COLUMN … SET MAXVALUE):\n"
                              "ALTER SEQUENCE %s AS bigint NO MAXVALUE;\n"
                              "-- If the column itself is too small, widen it first (rewrites and locks the table):\n"
                              "-- ALTER TABLE %s ALTER COLUMN %s TYPE bigint;\n",
                              sequence, target->qualified, quoted);
    }
  else
    {
      g_autofree char *next_text = g_strdup_printf ("%" G_GINT64_FORMAT, next);
      g_autofree char *increment_text = g_strdup_printf ("%" G_GINT64_FORMAT, increment);
      const char *collision_params[] = { next_text, increment_text };
      g_autoptr(Rows) collisions = NULL;
      gint64 n_collisions, inserts_left = 0;
      gint64 column_edge;

      /* Behind: the counter will reach a value the column already holds */
      if (!parse_int64 (ascending ? column_max : column_min, &column_edge)
          || (ascending ? next > column_edge : next < column_edge))
        return TRUE;

      /* Only values next + k·increment are ever handed out */
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT s.n, ((s.first::pg_catalog.numeric - $1::pg_catalog.numeric)"
                             "            / $2::pg_catalog.numeric)::pg_catalog.int8, s.first::pg_catalog.text"
                             "  FROM (SELECT count(*) AS n, %s(%s) AS first FROM %s"
                             "         WHERE %s %s $1::pg_catalog.int8"
                             "           AND pg_catalog.mod (%s::pg_catalog.numeric - $1::pg_catalog.numeric,"
                             "                               $2::pg_catalog.numeric) = 0) AS s",
                             ascending ? "min" : "max", quoted, target->qualified,
                             quoted, ascending ? ">=" : "<=", quoted);
      collisions = run_query (connection, cancellable, sql, G_N_ELEMENTS (collision_params),
                              collision_params, error);
      if (collisions == NULL)
        return FALSE;
      n_collisions = rows_get_int (collisions, 0, 0);
      if (n_collisions == 0)
        return TRUE;
      inserts_left = rows_get_int (collisions, 0, 1);

      finding = target_finding (target, PF_CHECK_SEQUENCE_BEHIND, PF_SEVERITY_BLOCKER);
      pf_finding_set_count (finding, n_collisions);
      pf_finding_add_value (finding, rows_get (collisions, 0, 2), 1);

      if (inserts_left == 0)
        title = g_strdup_printf (_("The next new row in %s will fail: its ID counter is behind"),
                                 target->display);
      else
        {
          g_autofree char *left_text = format_count (inserts_left);

          title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s can take only %s more new row: its ID counter is behind",
                                                "%s can take only %s more new rows: its ID counter is behind",
                                                plural_n (inserts_left)),
                                   target->display, left_text);
        }
      explanation = g_strdup_printf (_("New rows in %s get their %s from a counter (a sequence) that is behind "
                                       "the values already in the table, usually after rows were imported or "
                                       "restored with their IDs. When it hands out a value that exists, the insert "
                                       "fails with a duplicate key error, right after go-live."),
                                     target->display, column);
      g_string_append_printf (detail,
                              "next value %" G_GINT64_FORMAT "; %" G_GINT64_FORMAT
                              " existing values lie on its path, the first is %s\n",
                              next, n_collisions, rows_get (collisions, 0, 2));
      g_string_append_printf (fix,
                              "-- Move the counter past the existing values:\n"
                              "SELECT pg_catalog.setval(%s, (SELECT %s(%s) FROM %s));\n",
                              sequence_literal, ascending ? "max" : "min", quoted, target->qualified);
    }

  pf_finding_set_title (finding, title);
  pf_finding_set_explanation (finding, explanation);
  pf_finding_set_detail (finding, detail->str);
  pf_finding_set_fix_sql (finding, fix->str);

  g_ptr_array_add (findings, g_steal_pointer (&finding));
  return TRUE;
}

/* ---- planning --------------------------------------------------------- */

static void
add_job (GPtrArray     *jobs,
         const char    *check_id,
         const char    *subject,
         const char    *message,
         double         weight,
         PfScanJobFunc  func,
         Target        *target)
{
  g_ptr_array_add (jobs, pf_scan_job_new (check_id, subject, message, MAX (weight, 1.0),
                                          func, target, target_free));
}

static double
weight_of (PfTable *table)
{
  gint64 rows = pf_table_get_row_estimate (table);

  return rows > 0 ? (double) rows : 1.0;
}

/* A rule's "table" or "schema.table" in the schema; on PostgreSQL a bare
 * name means public, or the only schema that has it. Table names may hold
 * dots themselves, so every split is tried. */
static PfTable *
lookup_rule_table (PfSchema   *schema,
                   gboolean    is_pg,
                   const char *name)
{
  PfTable *found = NULL;

  if (!is_pg)
    return pf_schema_lookup_table (schema, NULL, name);

  for (const char *dot = strchr (name, '.'); dot != NULL; dot = strchr (dot + 1, '.'))
    {
      g_autofree char *schema_name = g_strndup (name, dot - name);

      if ((found = pf_schema_lookup_table (schema, schema_name, dot + 1)) != NULL)
        return found;
    }

  if ((found = pf_schema_lookup_table (schema, "public", name)) != NULL)
    return found;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (schema)); i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (schema), i);

      if (g_strcmp0 (pf_table_get_name (table), name) == 0)
        {
          if (found != NULL)
            return NULL;
          found = table;
        }
    }

  return found;
}

static char *
subject_of (PfTable    *table,
            const char *column)
{
  return column != NULL
         ? g_strdup_printf ("%s.%s", pf_table_get_display_name (table), column)
         : g_strdup (pf_table_get_display_name (table));
}

static void
plan_missing (GPtrArray  *jobs,
              const char *check_id,
              PfTable    *table,
              const char *what)
{
  Target *target = g_new0 (Target, 1);

  target->check_id = g_strdup (check_id);
  target->missing = g_strdup (what);
  if (table != NULL)
    {
      target->schema = g_strdup (pf_table_get_schema_name (table));
      target->table = g_strdup (pf_table_get_name (table));
    }
  add_job (jobs, check_id, what, _("Reading the rules"), 1.0, missing_rule_target_run, target);
}

static void
plan_format_target (GPtrArray     *jobs,
                    gboolean       is_pg,
                    PfTable       *table,
                    PfColumn      *column,
                    PfFormatRule  *rule,
                    PfTable       *parent,
                    const char    *parent_column,
                    const char    *constraint,
                    gboolean       declared,
                    GHashTable    *seen)
{
  g_autofree char *subject = subject_of (table, column->name);
  g_autofree char *message = NULL;
  Target *target;

  /* One check per column, however many ways lead to it */
  if (!g_hash_table_add (seen, g_strdup_printf ("%s\x1f%s\x1f%s",
                                                pf_table_get_schema_name (table) ? pf_table_get_schema_name (table) : "",
                                                pf_table_get_name (table), column->name)))
    return;

  target = target_new (is_pg, table);
  target->columns = g_new0 (char *, 2);
  target->columns[0] = g_strdup (column->name);
  target->pattern = g_strdup (rule->pattern);
  if (parent != NULL)
    {
      target->parent_schema = g_strdup (pf_table_get_schema_name (parent));
      target->parent_table = g_strdup (pf_table_get_name (parent));
      target->parent_columns = g_new0 (char *, 2);
      target->parent_columns[0] = g_strdup (parent_column);
      target->constraint = g_strdup (constraint);
      target->declared = declared;
    }

  /* Translators: %s is “table.column” */
  message = g_strdup_printf (_("Checking the format of %s"), subject);
  add_job (jobs, PF_CHECK_FORMAT_RULE, subject, message, weight_of (table), format_rule_run, target);
}

static void
plan_format_rule (GPtrArray    *jobs,
                  PfSchema     *schema,
                  gboolean      is_pg,
                  PfRules      *rules,
                  PfFormatRule *rule)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PfTable *table = lookup_rule_table (schema, is_pg, rule->table);
  PfColumn *column = table != NULL ? lookup_column (table, is_pg, rule->column) : NULL;
  guint n_tables = g_list_model_get_n_items (G_LIST_MODEL (schema));
  GPtrArray *relationships = pf_rules_get_relationships (rules);

  if (column == NULL)
    {
      g_autofree char *what = g_strdup_printf ("%s.%s", rule->table, rule->column);

      plan_missing (jobs, PF_CHECK_FORMAT_RULE, table, what);
      return;
    }

  plan_format_target (jobs, is_pg, table, column, rule, NULL, NULL, NULL, TRUE, seen);

  if (!rule->include_references)
    return;

  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(PfTable) child = g_list_model_get_item (G_LIST_MODEL (schema), i);
      GPtrArray *foreign_keys = pf_table_get_foreign_keys (child);
      GPtrArray *columns = pf_table_get_columns (child);

      /* Declared foreign keys whose parent column (at any position of a
       * composite key) is the rule's column */
      for (guint f = 0; f < foreign_keys->len; f++)
        {
          PfForeignKey *fk = g_ptr_array_index (foreign_keys, f);
          PfTable *parent;

          if (fk->parent_columns == NULL)
            continue;
          parent = pf_schema_lookup_table (schema, fk->parent_schema, fk->parent_table);
          if (parent != table)
            continue;

          for (guint k = 0; fk->columns[k] != NULL && fk->parent_columns[k] != NULL; k++)
            {
              PfColumn *child_column;

              if (!(is_pg ? strcmp (fk->parent_columns[k], column->name) == 0
                          : g_ascii_strcasecmp (fk->parent_columns[k], column->name) == 0))
                continue;
              child_column = lookup_column (child, is_pg, fk->columns[k]);
              if (child_column != NULL)
                plan_format_target (jobs, is_pg, child, child_column, rule, table,
                                    column->name, fk->name, TRUE, seen);
            }
        }

      /* And the user's own relationships ("*_by_id" → users.sap) */
      for (guint r = 0; relationships != NULL && r < relationships->len; r++)
        {
          PfRelationshipRule *relationship = g_ptr_array_index (relationships, r);
          g_autoptr(GPatternSpec) spec = NULL;

          if (relationship->columns_glob == NULL || relationship->references_table == NULL
              || lookup_rule_table (schema, is_pg, relationship->references_table) != table
              || relationship->references_column == NULL
              || !(is_pg ? strcmp (relationship->references_column, column->name) == 0
                         : g_ascii_strcasecmp (relationship->references_column, column->name) == 0))
            continue;

          spec = g_pattern_spec_new (relationship->columns_glob);
          for (guint c = 0; c < columns->len; c++)
            {
              PfColumn *candidate = g_ptr_array_index (columns, c);

              if (child == table && candidate == column)
                continue;
              if (g_pattern_spec_match_string (spec, candidate->name))
                plan_format_target (jobs, is_pg, child, candidate, rule, table,
                                    column->name, NULL, FALSE, seen);
            }
        }
    }
}

static void
plan_rules (GPtrArray *jobs,
            PfSchema  *schema,
            gboolean   is_pg,
            PfRules   *rules)
{
  GPtrArray *unique = pf_rules_get_unique (rules);
  GPtrArray *formats = pf_rules_get_formats (rules);
  GPtrArray *not_null = pf_rules_get_not_null (rules);

  for (guint i = 0; unique != NULL && i < unique->len; i++)
    {
      PfUniqueRule *rule = g_ptr_array_index (unique, i);
      PfTable *table = lookup_rule_table (schema, is_pg, rule->table);
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_autofree char *missing = NULL;
      g_autofree char *subject = NULL;
      g_autofree char *message = NULL;
      Target *target;

      for (guint c = 0; table != NULL && rule->columns != NULL && rule->columns[c] != NULL; c++)
        {
          PfColumn *column = lookup_column (table, is_pg, rule->columns[c]);

          if (column == NULL)
            {
              missing = g_strdup_printf ("%s.%s", rule->table, rule->columns[c]);
              break;
            }
          g_strv_builder_add (names, column->name);
        }
      if (table == NULL)
        missing = g_strdup (rule->table);
      if (missing != NULL || rule->columns == NULL || rule->columns[0] == NULL)
        {
          plan_missing (jobs, PF_CHECK_DUPLICATE_VALUES, table, missing ? missing : rule->table);
          continue;
        }

      target = target_new (is_pg, table);
      target->columns = g_strv_builder_end (names);
      {
        g_autofree char *joined = g_strjoinv (", ", target->columns);

        subject = g_strdup_printf ("%s (%s)", pf_table_get_display_name (table), joined);
      }
      /* Translators: %s is “table (columns)” */
      message = g_strdup_printf (_("Looking for duplicates in %s"), subject);
      add_job (jobs, PF_CHECK_DUPLICATE_VALUES, subject, message, weight_of (table),
               duplicate_values_run, target);
    }

  for (guint i = 0; formats != NULL && i < formats->len; i++)
    plan_format_rule (jobs, schema, is_pg, rules, g_ptr_array_index (formats, i));

  for (guint i = 0; not_null != NULL && i < not_null->len; i++)
    {
      PfNotNullRule *rule = g_ptr_array_index (not_null, i);
      PfTable *table = lookup_rule_table (schema, is_pg, rule->table);
      PfColumn *column = table != NULL ? lookup_column (table, is_pg, rule->column) : NULL;
      g_autofree char *subject = NULL;
      g_autofree char *message = NULL;
      Target *target;

      if (column == NULL)
        {
          g_autofree char *what = g_strdup_printf ("%s.%s", rule->table, rule->column);

          plan_missing (jobs, PF_CHECK_NOT_NULL_RULE, table, what);
          continue;
        }

      target = target_new (is_pg, table);
      target->columns = g_new0 (char *, 2);
      target->columns[0] = g_strdup (column->name);
      subject = subject_of (table, column->name);
      /* Translators: %s is “table.column” */
      message = g_strdup_printf (_("Looking for empty values in %s"), subject);
      add_job (jobs, PF_CHECK_NOT_NULL_RULE, subject, message, weight_of (table),
               not_null_rule_run, target);
    }
}

/* A unique key whose columns are all NOT NULL could be the primary key */
static GStrv
find_candidate_key (PfTable *table)
{
  g_autoptr(GPtrArray) keys = pf_table_dup_unique_keys (table);

  for (guint i = 0; i < keys->len; i++)
    {
      PfIndex *index = g_ptr_array_index (keys, i);
      gboolean usable = !index->partial && index->valid && index->columns != NULL && index->columns[0] != NULL;

      for (guint c = 0; usable && index->columns[c] != NULL; c++)
        {
          PfColumn *column = pf_table_lookup_column (table, index->columns[c]);

          usable = column != NULL && column->not_null;
        }
      if (usable)
        return g_strdupv (index->columns);
    }

  return NULL;
}

static void
plan_table (GPtrArray *jobs,
            gboolean   is_pg,
            PfTable   *table)
{
  const char * const *primary_key = pf_table_get_primary_key (table);
  GPtrArray *columns = pf_table_get_columns (table);
  GPtrArray *indexes = pf_table_get_indexes (table);

  if (primary_key == NULL || primary_key[0] == NULL)
    {
      Target *target = target_new (is_pg, table);
      g_autofree char *message = NULL;

      target->candidate_key = find_candidate_key (table);
      /* Translators: %s is a table name */
      message = g_strdup_printf (_("Checking the primary key of %s"), pf_table_get_display_name (table));
      add_job (jobs, PF_CHECK_NO_PRIMARY_KEY, pf_table_get_display_name (table), message, 1.0,
               no_primary_key_run, target);
    }

  if (is_pg)
    {
      for (guint i = 0; i < columns->len; i++)
        {
          PfColumn *column = g_ptr_array_index (columns, i);
          g_autofree char *subject = NULL;
          g_autofree char *message = NULL;
          Target *target;

          if (!column->is_identity)
            continue;

          target = target_new (is_pg, table);
          target->columns = g_new0 (char *, 2);
          target->columns[0] = g_strdup (column->name);
          target->types = g_new0 (char *, 2);
          target->types[0] = g_strdup (column->type);
          subject = subject_of (table, column->name);
          /* Translators: %s is “table.column” */
          message = g_strdup_printf (_("Checking the ID counter of %s"), subject);
          /* max()/min() walk an index when there is one */
          add_job (jobs, PF_CHECK_SEQUENCE_BEHIND, subject, message, 10.0, sequence_behind_run, target);
        }

      for (guint i = 0; i < indexes->len; i++)
        {
          PfIndex *index = g_ptr_array_index (indexes, i);
          g_autofree char *message = NULL;
          Target *target;

          if (index->valid)
            continue;

          target = target_new (is_pg, table);
          target->index_name = g_strdup (index->name);
          /* Translators: %s is an index name */
          message = g_strdup_printf (_("Checking index %s"), index->name);
          add_job (jobs, PF_CHECK_INVALID_INDEX, index->name, message,
                   index->unique ? weight_of (table) : 1.0, invalid_index_run, target);
        }
    }
  else
    {
      /* Key columns: primary and unique keys, both ends of every foreign key */
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) types = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) leading = g_strv_builder_new ();
      g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) unique_keys = pf_table_dup_unique_keys (table);
      GPtrArray *foreign_keys = pf_table_get_foreign_keys (table);
      guint n = 0;

      for (guint i = 0; primary_key != NULL && primary_key[i] != NULL; i++)
        g_hash_table_add (keys, (gpointer) primary_key[i]);
      for (guint i = 0; i < unique_keys->len; i++)
        {
          PfIndex *index = g_ptr_array_index (unique_keys, i);

          for (guint c = 0; index->columns != NULL && index->columns[c] != NULL; c++)
            g_hash_table_add (keys, index->columns[c]);
        }
      for (guint i = 0; i < foreign_keys->len; i++)
        {
          PfForeignKey *fk = g_ptr_array_index (foreign_keys, i);

          for (guint c = 0; fk->columns != NULL && fk->columns[c] != NULL; c++)
            g_hash_table_add (keys, fk->columns[c]);
        }

      for (guint i = 0; i < columns->len; i++)
        {
          PfColumn *column = g_ptr_array_index (columns, i);
          gboolean is_key = FALSE;
          GHashTableIter iter;
          gpointer key;

          g_hash_table_iter_init (&iter, keys);
          while (!is_key && g_hash_table_iter_next (&iter, &key, NULL))
            is_key = g_ascii_strcasecmp (key, column->name) == 0;

          /* No affinity, nothing to differ from; an INTEGER PRIMARY KEY is
           * the rowid and always an integer */
          if (!is_key || affinity_of (column->type) == AFFINITY_BLOB
              || (primary_key != NULL && primary_key[0] != NULL && primary_key[1] == NULL
                  && g_ascii_strcasecmp (column->type, "INTEGER") == 0
                  && g_ascii_strcasecmp (primary_key[0], column->name) == 0
                  && !pf_table_get_without_rowid (table)))
            continue;

          g_strv_builder_add (names, column->name);
          g_strv_builder_add (types, column->type);
          g_strv_builder_add (leading, leading_index (table, column->name));
          n++;
        }

      if (n > 0)
        {
          Target *target = target_new (is_pg, table);
          g_autofree char *message = NULL;

          target->columns = g_strv_builder_end (names);
          target->types = g_strv_builder_end (types);
          target->indexes = g_strv_builder_end (leading);
          /* Translators: %s is a table name */
          message = g_strdup_printf (_("Checking the key types in %s"), pf_table_get_display_name (table));
          add_job (jobs, PF_CHECK_TYPE_MISMATCH, pf_table_get_display_name (table), message,
                   weight_of (table), type_mismatch_run, target);
        }
    }
}

/* Parent columns of foreign keys pointing at @table count as its keys for
 * type-mismatch too; they are nearly always its primary or unique key, which
 * plan_table() already covers. */

void
pf_data_checks_plan (PfDatabase *database,
                     PfSchema   *schema,
                     PfRules    *rules,
                     GPtrArray  *jobs)
{
  gboolean is_pg;
  guint n_tables;

  g_return_if_fail (PF_IS_DATABASE (database));
  g_return_if_fail (PF_IS_SCHEMA (schema));
  g_return_if_fail (rules == NULL || PF_IS_RULES (rules));
  g_return_if_fail (jobs != NULL);

  is_pg = pf_database_get_kind (database) == PF_DATABASE_KIND_POSTGRESQL;
  n_tables = g_list_model_get_n_items (G_LIST_MODEL (schema));

  if (is_pg)
    add_job (jobs, PF_CHECK_FK_TRIGGER_DISABLED, _("foreign key triggers"),
             _("Checking that foreign keys are enforced"), 1.0, fk_trigger_disabled_run,
             g_new0 (Target, 1));
  else
    add_job (jobs, PF_CHECK_SQLITE_INTEGRITY, pf_database_get_name (database),
             _("Checking the database file for damage"),
             MAX (1.0, (double) pf_schema_get_total_row_estimate (schema)),
             sqlite_integrity_run, g_new0 (Target, 1));

  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (schema), i);

      plan_table (jobs, is_pg, table);
    }

  if (rules != NULL)
    plan_rules (jobs, schema, is_pg, rules);
}
