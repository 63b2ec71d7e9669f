/* pf-orphan-query.c — the SQL that finds orphans, as SQLite or PostgreSQL would
 *
 * Copyright 2026 The Preflight authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-fk-checks"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-orphan-query.h"
#include "pf-pg-database-private.h"
#include "pf-sql.h"
#include "pf-sqlite-database-private.h"

static void
pair_free (PfOrphanPair *pair)
{
  g_free (pair->child_column);
  g_free (pair->parent_column);
  g_free (pair->op);
  g_free (pair->parent_cast);
  g_free (pair->child_cast);
  g_free (pair->collate);
  g_free (pair);
}

static PfOrphanPair *
pair_new (const char *child_column,
          const char *parent_column)
{
  PfOrphanPair *pair = g_new0 (PfOrphanPair, 1);

  pair->child_column = g_strdup (child_column);
  pair->parent_column = g_strdup (parent_column);
  pair->op = g_strdup ("=");
  pair->parent_cast = g_strdup ("");
  pair->child_cast = g_strdup ("");
  pair->collate = g_strdup ("");

  return pair;
}

void
_pf_orphan_query_free (PfOrphanQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->child_table);
  g_free (query->parent_table);
  g_free (query->child_from);
  g_free (query->parent_from);
  g_free (query->child_target);
  g_clear_pointer (&query->pairs, g_ptr_array_unref);
  g_free (query->walk_index);
  g_strfreev (query->key_names);
  g_strfreev (query->key_exprs);
  g_free (query);
}

static PfOrphanQuery *
query_new (PfDatabaseKind kind)
{
  PfOrphanQuery *query = g_new0 (PfOrphanQuery, 1);

  query->kind = kind;
  query->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify)pair_free);
  query->fkid = -1;

  return query;
}

static char *
quote (const char *name)
{
  return pf_sql_quote_identifier (name);
}

static void
builder_add_quoted (GStrvBuilder *builder,
                    const char   *name)
{
  g_autofree char *quoted = quote (name);

  g_strv_builder_add (builder, quoted);
}

/* ---- SQLite ------------------------------------------------------------- */

/* Rows in both tables from which an anti-join sorts before it probes;
 * PF_SORT_PROBES_MIN_ROWS overrides it, so tests reach the sorted shape
 * with small tables */
#define SORT_PROBES_MIN_ROWS 100000

static gint64
sort_probes_min_rows (void)
{
  const char *env = g_getenv ("PF_SORT_PROBES_MIN_ROWS");

  return env != NULL ? g_ascii_strtoll (env, NULL, 10) : SORT_PROBES_MIN_ROWS;
}

typedef enum {
  AFF_BLOB,
  AFF_TEXT,
  AFF_NUMERIC,
  AFF_INTEGER,
  AFF_REAL,
} Affinity;

/* sqlite3AffinityType(): the first rule that matches wins, in this order */
static Affinity
sqlite_affinity (const char *type)
{
  g_autofree char *up = g_ascii_strup (type ? type : "", -1);

  if (strstr (up, "INT"))
    return AFF_INTEGER;
  if (strstr (up, "CHAR") || strstr (up, "CLOB") || strstr (up, "TEXT"))
    return AFF_TEXT;
  if (strstr (up, "BLOB") || *up == '\0')
    return AFF_BLOB;
  if (strstr (up, "REAL") || strstr (up, "FLOA") || strstr (up, "DOUB"))
    return AFF_REAL;
  return AFF_NUMERIC;
}

typedef struct
{
  char  *name;
  char  *type;
  int    cid;
  int    pk;
} SqliteColumn;

static void
sqlite_column_free (SqliteColumn *column)
{
  g_free (column->name);
  g_free (column->type);
  g_free (column);
}

typedef struct
{
  char      *name;      /* as stored */
  gboolean   found;
  gboolean   is_table;
  gboolean   without_rowid;
  GPtrArray *columns;   /* SqliteColumn */
  int        ipk;       /* index into columns of the INTEGER PRIMARY KEY, or -1 */
} SqliteTable;

static void
sqlite_table_clear (SqliteTable *table)
{
  g_clear_pointer (&table->name, g_free);
  g_clear_pointer (&table->columns, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SqliteTable, sqlite_table_clear)

static sqlite3_stmt *
sqlite_query (PfSqliteDatabase  *db,
              const char        *sql,
              const char        *param1,
              GError           **error)
{
  sqlite3_stmt *stmt = _pf_sqlite_database_prepare (db, sql, error);

  if (stmt != NULL && param1 != NULL)
    sqlite3_bind_text (stmt, 1, param1, -1, SQLITE_TRANSIENT);

  return stmt;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, i));
}

static SqliteColumn *
sqlite_table_lookup (SqliteTable *table,
                     const char  *name)
{
  /* SQLite matches column names without regard to ASCII case */
  for (guint i = 0; table->columns && i < table->columns->len; i++)
    {
      SqliteColumn *column = g_ptr_array_index (table->columns, i);

      if (g_ascii_strcasecmp (column->name, name) == 0)
        return column;
    }

  return NULL;
}

static gboolean
sqlite_load_table (PfSqliteDatabase  *db,
                   const char        *name,
                   SqliteTable       *table,
                   GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;
  int n_pk = 0;
  gboolean has_pk_index = FALSE;

  memset (table, 0, sizeof *table);
  table->ipk = -1;
  table->columns = g_ptr_array_new_with_free_func ((GDestroyNotify)sqlite_column_free);

  /* sqlite3FindTable() ignores ASCII case; views count as found (and then
   * have no key, hence a mismatch) */
  stmt = sqlite_query (db,
                       "SELECT name, type, wr FROM pragma_table_list"
                       " WHERE schema = 'main' AND name = ?1 COLLATE NOCASE",
                       name, error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = _pf_sqlite_database_step (db, stmt, error)) < 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    return TRUE;

  table->found = TRUE;
  table->name = column_dup (stmt, 0);
  table->is_table = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 1), "table") == 0;
  table->without_rowid = sqlite3_column_int (stmt, 2) != 0;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = sqlite_query (db, "SELECT cid, name, type, pk FROM pragma_table_xinfo(?1) ORDER BY cid",
                       table->name, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = _pf_sqlite_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      SqliteColumn *column = g_new0 (SqliteColumn, 1);

      column->cid = sqlite3_column_int (stmt, 0);
      column->name = column_dup (stmt, 1);
      column->type = column_dup (stmt, 2);
      column->pk = sqlite3_column_int (stmt, 3);
      if (column->pk > 0)
        n_pk++;
      g_ptr_array_add (table->columns, column);
    }
  if (rc < 0)
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = sqlite_query (db, "SELECT 1 FROM pragma_index_list(?1) WHERE origin = 'pk'",
                       table->name, error);
  if (stmt == NULL || (rc = _pf_sqlite_database_step (db, stmt, error)) < 0)
    return FALSE;
  has_pk_index = rc == SQLITE_ROW;

  /* The rowid alias: a rowid table whose one-column primary key is declared
   * exactly "INTEGER" and has no index of its own ("INTEGER PRIMARY KEY
   * DESC" gets one and is no alias) */
  if (!table->without_rowid && table->is_table && n_pk == 1 && !has_pk_index)
    {
      for (guint i = 0; i < table->columns->len; i++)
        {
          SqliteColumn *column = g_ptr_array_index (table->columns, i);

          if (column->pk == 1 && g_ascii_strcasecmp (column->type, "INTEGER") == 0)
            table->ipk = i;
        }
    }

  return TRUE;
}

/* The collation a column was declared with; BINARY when none */
static char *
sqlite_column_collation (PfSqliteDatabase *db,
                         const char       *table,
                         const char       *column)
{
  const char *coll = NULL;

  if (sqlite3_table_column_metadata (_pf_sqlite_database_get_handle (db), "main", table,
                                     column, NULL, &coll, NULL, NULL, NULL) != SQLITE_OK
      || coll == NULL)
    return g_strdup ("BINARY");

  return g_strdup (coll);
}

typedef struct
{
  char  *name;
  GStrv  columns;
  GStrv  collations;
  int   *cids;
  guint  n;
  gboolean unique;
  gboolean partial;
  gboolean primary;
} SqliteIndex;

static void
sqlite_index_free (SqliteIndex *index)
{
  g_free (index->name);
  g_strfreev (index->columns);
  g_strfreev (index->collations);
  g_free (index->cids);
  g_free (index);
}

/* In pragma_index_list order, which is the order sqlite3FkLocateIndex()
 * walks pTab->pIndex */
static GPtrArray *
sqlite_load_indexes (PfSqliteDatabase  *db,
                     const char        *table,
                     GError           **error)
{
  g_autoptr(GPtrArray) indexes = g_ptr_array_new_with_free_func ((GDestroyNotify)sqlite_index_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = sqlite_query (db, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?1) ORDER BY seq",
                       table, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = _pf_sqlite_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      SqliteIndex *index = g_new0 (SqliteIndex, 1);

      index->name = column_dup (stmt, 0);
      index->unique = sqlite3_column_int (stmt, 1) != 0;
      index->primary = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 2), "pk") == 0;
      index->partial = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (indexes, index);
    }
  if (rc < 0)
    return NULL;

  for (guint i = 0; i < indexes->len; i++)
    {
      SqliteIndex *index = g_ptr_array_index (indexes, i);
      g_autoptr(sqlite3_stmt) xinfo = NULL;
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) colls = g_strv_builder_new ();
      g_autoptr(GArray) cids = g_array_new (FALSE, FALSE, sizeof (int));

      xinfo = sqlite_query (db, "SELECT cid, name, coll FROM pragma_index_xinfo(?1)"
                                " WHERE \"key\" = 1 ORDER BY seqno",
                            index->name, error);
      if (xinfo == NULL)
        return NULL;
      while ((rc = _pf_sqlite_database_step (db, xinfo, error)) == SQLITE_ROW)
        {
          int cid = sqlite3_column_int (xinfo, 0);
          const char *name = (const char *)sqlite3_column_text (xinfo, 1);
          const char *coll = (const char *)sqlite3_column_text (xinfo, 2);

          g_array_append_val (cids, cid);
          g_strv_builder_add (names, name ? name : "");
          g_strv_builder_add (colls, coll ? coll : "BINARY");
        }
      if (rc < 0)
        return NULL;
      index->n = cids->len;
      index->cids = (int *)g_array_free (g_steal_pointer (&cids), FALSE);
      index->columns = g_strv_builder_end (names);
      index->collations = g_strv_builder_end (colls);
    }

  return g_steal_pointer (&indexes);
}

/* A name that reaches the rowid, unless the table has columns called
 * rowid, _rowid_ and oid, which hide it */
static const char *
sqlite_rowid_name (SqliteTable *table)
{
  static const char * const names[] = { "rowid", "_rowid_", "oid" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (sqlite_table_lookup (table, names[i]) == NULL)
      return names[i];

  return NULL;
}

static void
sqlite_set_keys (PfOrphanQuery *query,
                 SqliteTable   *child)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) exprs = g_strv_builder_new ();
  const char *rowid = NULL;

  if (child->ipk >= 0)
    {
      SqliteColumn *column = g_ptr_array_index (child->columns, child->ipk);

      g_strv_builder_add (names, column->name);
      builder_add_quoted (exprs, column->name);
    }
  else if (!child->without_rowid && (rowid = sqlite_rowid_name (child)) != NULL)
    {
      /* The rowid is what PRAGMA foreign_key_check reports */
      g_strv_builder_add (names, "rowid");
      g_strv_builder_add (exprs, rowid);
    }
  else
    {
      for (int k = 1; ; k++)
        {
          gboolean found = FALSE;

          for (guint i = 0; i < child->columns->len; i++)
            {
              SqliteColumn *column = g_ptr_array_index (child->columns, i);

              if (column->pk == k)
                {
                  g_strv_builder_add (names, column->name);
                  builder_add_quoted (exprs, column->name);
                  found = TRUE;
                }
            }
          if (!found)
            break;
        }
    }

  query->key_names = g_strv_builder_end (names);
  query->key_exprs = g_strv_builder_end (exprs);
}

static char *
sqlite_collate (const char *collation)
{
  g_autofree char *quoted = quote (collation);

  return g_strconcat (" COLLATE ", quoted, NULL);
}

/* sqlite3FkLocateIndex(): which parent key the child values are looked up
 * in. Fills @query's pairs or marks a mismatch. */
static gboolean
sqlite_locate_parent (PfSqliteDatabase  *db,
                      PfOrphanQuery     *query,
                      SqliteTable       *parent,
                      const char * const *from,
                      const char * const *to,   /* NULL: REFERENCES parent without columns */
                      guint               n,
                      gboolean            declared,
                      GError            **error)
{
  g_autoptr(GPtrArray) indexes = NULL;

  if (!parent->is_table)
    {
      query->parent_state = PF_ORPHAN_PARENT_MISMATCH;
      return TRUE;
    }

  /* A single column maps to the rowid alias when it names it, or when the
   * declaration names no column at all */
  if (n == 1 && parent->ipk >= 0)
    {
      SqliteColumn *ipk = g_ptr_array_index (parent->columns, parent->ipk);

      if (to == NULL || g_ascii_strcasecmp (to[0], ipk->name) == 0)
        {
          /* OP_SeekRowid: NUMERIC affinity, then an exact integer
           * lookup; INTEGER affinity on the left gives the same */
          PfOrphanPair *pair = pair_new (from[0], ipk->name);

          pair->child_plus = TRUE;
          g_ptr_array_add (query->pairs, pair);
          return TRUE;
        }
    }

  if ((indexes = sqlite_load_indexes (db, parent->name, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < indexes->len; i++)
    {
      SqliteIndex *index = g_ptr_array_index (indexes, i);
      g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify)pair_free);
      guint k;

      if (!index->unique || index->partial || index->n != n)
        continue;

      if (to == NULL)
        {
          if (!index->primary)
            continue;
          /* Implicit: child column i goes with key column i, compared with
           * the index's collation, whatever the column says */
          for (k = 0; k < n; k++)
            {
              PfOrphanPair *pair = pair_new (from[k], index->columns[k]);

              pair->child_plus = TRUE;
              g_free (pair->collate);
              pair->collate = sqlite_collate (index->collations[k]);
              g_ptr_array_add (pairs, pair);
            }
        }
      else
        {
          for (k = 0; k < n; k++)
            {
              g_autofree char *dflt = NULL;
              PfOrphanPair *pair;
              guint j;

              if (index->cids[k] < 0)
                break;  /* no foreign keys against expression indexes */

              /* An index whose collation differs from the column's own is
               * unusable for an explicit column list */
              dflt = sqlite_column_collation (db, parent->name, index->columns[k]);
              if (g_ascii_strcasecmp (dflt, index->collations[k]) != 0)
                break;

              for (j = 0; j < n; j++)
                if (g_ascii_strcasecmp (to[j], index->columns[k]) == 0)
                  break;
              if (j == n)
                break;

              pair = pair_new (from[j], index->columns[k]);
              pair->child_plus = TRUE;
              g_free (pair->collate);
              pair->collate = sqlite_collate (index->collations[k]);
              g_ptr_array_add (pairs, pair);
            }
          if (k < n)
            continue;
        }

      g_ptr_array_extend_and_steal (query->pairs, g_steal_pointer (&pairs));
      return TRUE;
    }

  if (declared)
    {
      query->parent_state = PF_ORPHAN_PARENT_MISMATCH;
      return TRUE;
    }

  /* An implied key need not be unique in the parent: compare as a plain
   * join would, with each parent column's own affinity and collation */
  for (guint k = 0; k < n; k++)
    {
      SqliteColumn *column = sqlite_table_lookup (parent, to[k]);
      g_autofree char *coll = NULL;
      PfOrphanPair *pair;

      if (column == NULL)
        {
          query->parent_state = PF_ORPHAN_PARENT_MISMATCH;
          g_ptr_array_set_size (query->pairs, 0);
          return TRUE;
        }
      coll = sqlite_column_collation (db, parent->name, column->name);
      pair = pair_new (from[k], column->name);
      pair->child_plus = TRUE;
      g_free (pair->collate);
      pair->collate = sqlite_collate (coll);
      g_ptr_array_add (query->pairs, pair);
    }

  return TRUE;
}

/* With statistics (ANALYZE), SQLite runs SELECT DISTINCT over an index by
 * seeking past each key (its "skip-ahead" optimisation, when keys repeat
 * enough) or by one pass over the index (when they do not): both beat the
 * recursive CTE, whose every step is a correlated subquery. Without
 * statistics SQLite always scans, and the CTE is the safe bet. */
static gboolean
sqlite_index_has_stats (PfSqliteDatabase *db,
                        const char       *table,
                        const char       *index)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = sqlite_query (db, "SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'",
                       NULL, &error);
  if (stmt == NULL || _pf_sqlite_database_step (db, stmt, &error) != SQLITE_ROW)
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = sqlite_query (db, "SELECT 1 FROM main.sqlite_stat1 WHERE tbl = ?1 AND idx = ?2", table, &error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, index, -1, SQLITE_TRANSIENT);

  return _pf_sqlite_database_step (db, stmt, &error) == SQLITE_ROW;
}

/* Walking distinct child values (one parent probe per value) is only the
 * same as checking every row when values the child's index calls equal are
 * also equal for the parent lookup. */
static gboolean
sqlite_plan_walk (PfSqliteDatabase  *db,
                  PfOrphanQuery     *query,
                  SqliteTable       *child,
                  SqliteTable       *parent,
                  GError           **error)
{
  PfOrphanPair *pair;
  SqliteColumn *column;
  g_autofree char *child_coll = NULL;
  g_autoptr(GPtrArray) indexes = NULL;
  gboolean same_affinity = FALSE;

  if (query->pairs->len != 1 || query->parent_state == PF_ORPHAN_PARENT_MISMATCH)
    return TRUE;

  pair = g_ptr_array_index (query->pairs, 0);
  if ((column = sqlite_table_lookup (child, pair->child_column)) == NULL)
    return TRUE;

  child_coll = sqlite_column_collation (db, child->name, column->name);
  query->walk_affinity = "BTNIR"[child->ipk >= 0 && column == g_ptr_array_index (child->columns, child->ipk)
                                 ? AFF_INTEGER : sqlite_affinity (column->type)];

  if (query->parent_state == PF_ORPHAN_PARENT_FOUND)
    {
      SqliteColumn *pcol = sqlite_table_lookup (parent, pair->parent_column);
      Affinity parent_aff = parent->ipk >= 0 && pcol == g_ptr_array_index (parent->columns, parent->ipk)
                            ? AFF_INTEGER : sqlite_affinity (pcol ? pcol->type : NULL);
      Affinity child_aff = child->ipk >= 0 && column == g_ptr_array_index (child->columns, child->ipk)
                           ? AFF_INTEGER : sqlite_affinity (column->type);
      g_autofree char *same = sqlite_collate (child_coll);

      /* child.col = parent.col COLLATE X then compares exactly what the
       * key does: no affinity converts either side, X is the key's own */
      same_affinity = child_aff == parent_aff;

      /* A column without affinity may hold both 10 and 10.0, which its
       * index calls equal but which TEXT affinity turns into '10' and
       * '10.0' */
      if (child_aff == AFF_BLOB && parent_aff == AFF_TEXT)
        return TRUE;

      /* NOCASE in the child would merge 'a' and 'A' that a BINARY parent
       * tells apart */
      if (g_ascii_strcasecmp (child_coll, "BINARY") != 0
          && g_ascii_strcasecmp (pair->collate, same) != 0)
        return TRUE;
    }

  if (child->ipk >= 0 && g_ptr_array_index (child->columns, child->ipk) == column)
    {
      /* The rowid: every value is distinct and a lookup is a seek */
      query->walk_index = g_strdup ("");
      query->walk_distinct = TRUE;
      query->child_lookup = same_affinity;
      return TRUE;
    }

  if ((indexes = sqlite_load_indexes (db, child->name, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < indexes->len; i++)
    {
      SqliteIndex *index = g_ptr_array_index (indexes, i);

      if (index->partial || index->n == 0 || index->cids[0] != column->cid)
        continue;
      /* min() and > follow the column's collation; the index must too */
      if (g_ascii_strcasecmp (index->collations[0], child_coll) != 0)
        continue;

      query->walk_index = g_strdup (index->name);
      query->walk_distinct = sqlite_index_has_stats (db, child->name, index->name);
      if (same_affinity)
        {
          g_autofree char *coll = sqlite_collate (index->collations[0]);
          g_autofree char *binary = sqlite_collate ("BINARY");

          /* No COLLATE (a rowid parent) compares as BINARY does */
          query->child_lookup = g_ascii_strcasecmp (coll, pair->collate[0] ? pair->collate : binary) == 0;
        }
      break;
    }

  return TRUE;
}

static PfOrphanQuery *
sqlite_query_new (PfSqliteDatabase  *db,
                  PfSchema          *schema,
                  PfForeignKey      *fk,
                  gboolean           declared,
                  GError           **error)
{
  g_autoptr(PfOrphanQuery) query = query_new (PF_DATABASE_KIND_SQLITE);
  g_auto(SqliteTable) child = { 0 };
  g_auto(SqliteTable) parent = { 0 };
  g_autoptr(GPtrArray) from = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) to = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *parent_name = NULL;
  gboolean to_omitted = FALSE;
  guint n = pf_foreign_key_get_n_columns (fk);

  if (!sqlite_load_table (db, fk->table, &child, error))
    return NULL;
  if (!child.found)
    {
      g_set_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_QUERY,
                   _("The table “%s” no longer exists"), fk->table);
      return NULL;
    }

  if (declared)
    {
      PfTable *table = pf_schema_lookup_table (schema, NULL, fk->table);
      GPtrArray *fks = table ? pf_table_get_foreign_keys (table) : NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      /* The introspection lists keys in declaration order, which is the
       * reverse of SQLite's ids (and of PRAGMA foreign_key_check's fkid) */
      for (guint j = 0; fks && j < fks->len; j++)
        if (g_ptr_array_index (fks, j) == fk)
          query->fkid = fks->len - 1 - j;

      stmt = sqlite_query (db, "SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1)"
                               " WHERE id = ?2 ORDER BY seq",
                           child.name, error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int (stmt, 2, query->fkid);
      while ((rc = _pf_sqlite_database_step (db, stmt, error)) == SQLITE_ROW)
        {
          g_free (parent_name);
          parent_name = column_dup (stmt, 0);
          g_ptr_array_add (from, column_dup (stmt, 1));
          if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
            to_omitted = TRUE;
          else
            g_ptr_array_add (to, column_dup (stmt, 2));
        }
      if (rc < 0)
        return NULL;

      if (from->len != n)
        {
          g_set_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_QUERY,
                       _("The foreign keys of “%s” changed during the scan"), fk->table);
          return NULL;
        }
    }
  else
    {
      parent_name = g_strdup (fk->parent_table);
      for (guint k = 0; k < n; k++)
        {
          g_ptr_array_add (from, g_strdup (fk->columns[k]));
          g_ptr_array_add (to, g_strdup (fk->parent_columns[k]));
        }
    }
  g_ptr_array_add (from, NULL);
  g_ptr_array_add (to, NULL);

  query->child_table = g_strdup (child.name);
  {
    g_autofree char *quoted = quote (child.name);

    query->child_from = g_strconcat ("main.", quoted, NULL);
    query->child_target = g_strdup (query->child_from);
  }

  if (!sqlite_load_table (db, parent_name, &parent, error))
    return NULL;

  if (!parent.found)
    {
      /* No parent table: every row whose key has no NULL is reported */
      query->parent_state = PF_ORPHAN_PARENT_MISSING;
      query->parent_table = g_strdup (parent_name);
      for (guint k = 0; k < n; k++)
        g_ptr_array_add (query->pairs,
                         pair_new (g_ptr_array_index (from, k),
                                   to->len > 1 ? g_ptr_array_index (to, k) : ""));
    }
  else
    {
      g_autofree char *quoted = quote (parent.name);

      query->parent_table = g_strdup (parent.name);
      query->parent_from = g_strconcat ("main.", quoted, NULL);
      if (!sqlite_locate_parent (db, query, &parent,
                                 (const char * const *)from->pdata,
                                 to_omitted ? NULL : (const char * const *)to->pdata,
                                 n, declared, error))
        return NULL;
    }

  sqlite_set_keys (query, &child);

  if (!sqlite_plan_walk (db, query, &child, &parent, error))
    return NULL;

  /* Random probes into a parent this large miss every cache; in key order
   * they walk it. Small tables are not worth a sort. */
  if (query->walk_index == NULL && query->parent_state == PF_ORPHAN_PARENT_FOUND)
    {
      PfTable *child_table = pf_schema_lookup_table (schema, NULL, child.name);
      PfTable *parent_table = pf_schema_lookup_table (schema, NULL, parent.name);

      query->sort_probes = child_table != NULL && parent_table != NULL
                           && pf_table_get_row_estimate (child_table) >= sort_probes_min_rows ()
                           && pf_table_get_row_estimate (parent_table) >= sort_probes_min_rows ();
    }

  return g_steal_pointer (&query);
}

/* ---- PostgreSQL --------------------------------------------------------- */

/* RI_Initial_Check(): pk.col[::cast] OPERATOR(nsp.op) fk.col[::cast]
 * [COLLATE pk's collation when it differs from fk's], ONLY unless the
 * table is partitioned. */
/* A loose index scan costs an index descent (and, without an all-visible
 * map, a heap visit) per distinct value, ~10-20 µs; a hash anti-join a few
 * hundred ns per row. The walk pays only when each value has many rows:
 * ANALYZE's statistics say how many. Without statistics, walk as before. */
#define PF_PG_WALK_MIN_ROWS_PER_VALUE 30.0

static gboolean
pg_walk_pays (PfPgDatabase *db,
              const char   *schema,
              const char   *table,
              const char   *column,
              GCancellable *cancellable)
{
  const char *params[] = { schema, table, column };
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = _pf_pg_database_exec (db, cancellable,
    "SELECT CASE WHEN s.n_distinct < 0 THEN (1 - s.null_frac) / -s.n_distinct"
    "            WHEN s.n_distinct > 0 THEN c.reltuples * (1 - s.null_frac) / s.n_distinct END"
    "  FROM pg_catalog.pg_stats s"
    "  JOIN pg_catalog.pg_namespace n ON n.nspname = s.schemaname"
    "  JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = s.tablename"
    " WHERE s.schemaname = $1 AND s.tablename = $2 AND s.attname = $3 AND NOT s.inherited"
    "   AND c.reltuples > 0",
    3, params, &error);
  /* No statistics (or no right to read them): the walk, as before */
  if (result == NULL || PQntuples (result) == 0 || PQgetisnull (result, 0, 0))
    return TRUE;

  return g_ascii_strtod (PQgetvalue (result, 0, 0), NULL) >= PF_PG_WALK_MIN_ROWS_PER_VALUE;
}

static PfOrphanQuery *
pg_query_new (PfPgDatabase  *db,
              PfSchema      *schema,
              PfForeignKey  *fk,
              gboolean       declared,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(PfOrphanQuery) query = query_new (PF_DATABASE_KIND_POSTGRESQL);
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) exprs = g_strv_builder_new ();
  PfTable *child;
  const char * const *pk;
  int n;

  if (declared)
    {
      const char *params[] = { fk->table_schema, fk->table, fk->name };

      result = _pf_pg_database_exec (db, cancellable,
        "SELECT con.confmatchtype = 'f', cr.relkind = 'p', pr.relkind = 'p',"
        "       con.conparentid <> 0 AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pc"
        "                                         WHERE pc.oid = con.conparentid"
        "                                           AND pc.conrelid <> con.conrelid),"
        "       ca.attname, pa.attname,"
        "       pg_catalog.quote_ident (opn.nspname) || '.' || op.oprname,"
        "       CASE WHEN pa.atttypid <> op.oprleft THEN '::' || pg_catalog.quote_ident (ltn.nspname)"
        "            || '.' || pg_catalog.quote_ident (lt.typname) ELSE '' END,"
        "       CASE WHEN ca.atttypid <> op.oprright THEN '::' || pg_catalog.quote_ident (rtn.nspname)"
        "            || '.' || pg_catalog.quote_ident (rt.typname) ELSE '' END,"
        "       CASE WHEN pa.attcollation <> ca.attcollation AND pa.attcollation <> 0"
        "            THEN ' COLLATE ' || pg_catalog.quote_ident (colln.nspname) || '.'"
        "                 || pg_catalog.quote_ident (coll.collname) ELSE '' END,"
        "       pn.nspname, pr.relname,"
        "       (cr.relkind = 'r'"
        "        AND (ca.attcollation = 0 OR (SELECT c2.collisdeterministic FROM pg_catalog.pg_collation c2"
        "                                       WHERE c2.oid = ca.attcollation))"
        "        AND EXISTS (SELECT 1 FROM pg_catalog.pg_index i"
        "                      JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
        "                      JOIN pg_catalog.pg_am am ON am.oid = ic.relam"
        "                      JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[0]"
        "                     WHERE i.indrelid = con.conrelid AND i.indkey[0] = k.fkatt"
        "                       AND i.indisvalid AND i.indpred IS NULL AND am.amname = 'btree'"
        "                       AND i.indcollation[0] = ca.attcollation AND opc.opcdefault"
        "                       AND EXISTS (SELECT 1 FROM pg_catalog.pg_amop ao"
        "                                    WHERE ao.amopfamily = opc.opcfamily"
        "                                      AND ao.amopopr = k.ffop AND ao.amopstrategy = 3)))"
        "  FROM pg_catalog.pg_constraint con"
        "  JOIN pg_catalog.pg_class cr ON cr.oid = con.conrelid"
        "  JOIN pg_catalog.pg_namespace cn ON cn.oid = cr.relnamespace"
        "  JOIN pg_catalog.pg_class pr ON pr.oid = con.confrelid"
        "  JOIN pg_catalog.pg_namespace pn ON pn.oid = pr.relnamespace"
        "  CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest (con.conkey), pg_catalog.unnest (con.confkey),"
        "                                pg_catalog.unnest (con.conpfeqop), pg_catalog.unnest (con.conffeqop))"
        "       WITH ORDINALITY AS k (fkatt, pkatt, pfop, ffop, ord)"
        "  JOIN pg_catalog.pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.fkatt"
        "  JOIN pg_catalog.pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.pkatt"
        "  JOIN pg_catalog.pg_operator op ON op.oid = k.pfop"
        "  JOIN pg_catalog.pg_namespace opn ON opn.oid = op.oprnamespace"
        "  JOIN pg_catalog.pg_type lt ON lt.oid = op.oprleft"
        "  JOIN pg_catalog.pg_namespace ltn ON ltn.oid = lt.typnamespace"
        "  JOIN pg_catalog.pg_type rt ON rt.oid = op.oprright"
        "  JOIN pg_catalog.pg_namespace rtn ON rtn.oid = rt.typnamespace"
        "  LEFT JOIN pg_catalog.pg_collation coll ON coll.oid = pa.attcollation"
        "  LEFT JOIN pg_catalog.pg_namespace colln ON colln.oid = coll.collnamespace"
        " WHERE cn.nspname = $1 AND cr.relname = $2 AND con.conname = $3 AND con.contype = 'f'"
        " ORDER BY k.ord",
        3, params, error);
      if (result == NULL)
        return NULL;
      n = PQntuples (result);
      if (n == 0)
        {
          g_set_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_QUERY,
                       _("The constraint “%s” no longer exists"), fk->name);
          return NULL;
        }

      query->match_full = g_strcmp0 (PQgetvalue (result, 0, 0), "t") == 0;
      query->covered_elsewhere = g_strcmp0 (PQgetvalue (result, 0, 3), "t") == 0;
      {
        g_autofree char *cq = NULL, *pq = NULL, *cs = NULL, *ps = NULL;
        gboolean child_partitioned = g_strcmp0 (PQgetvalue (result, 0, 1), "t") == 0;
        gboolean parent_partitioned = g_strcmp0 (PQgetvalue (result, 0, 2), "t") == 0;

        cs = quote (fk->table_schema);
        cq = quote (fk->table);
        ps = quote (PQgetvalue (result, 0, 10));
        pq = quote (PQgetvalue (result, 0, 11));
        query->child_from = g_strdup_printf ("%s%s.%s", child_partitioned ? "" : "ONLY ", cs, cq);
        query->child_target = g_strdup (query->child_from);
        query->parent_from = g_strdup_printf ("%s%s.%s", parent_partitioned ? "" : "ONLY ", ps, pq);
        query->parent_table = g_strdup (PQgetvalue (result, 0, 11));
      }

      for (int row = 0; row < n; row++)
        {
          PfOrphanPair *pair = pair_new (PQgetvalue (result, row, 4), PQgetvalue (result, row, 5));

          g_free (pair->op);
          pair->op = g_strdup_printf ("OPERATOR(%s)", PQgetvalue (result, row, 6));
          g_free (pair->parent_cast);
          pair->parent_cast = g_strdup (PQgetvalue (result, row, 7));
          g_free (pair->child_cast);
          pair->child_cast = g_strdup (PQgetvalue (result, row, 8));
          g_free (pair->collate);
          pair->collate = g_strdup (PQgetvalue (result, row, 9));
          g_ptr_array_add (query->pairs, pair);
        }

      if (n == 1 && g_strcmp0 (PQgetvalue (result, 0, 12), "t") == 0
          && pg_walk_pays (db, fk->table_schema, fk->table, PQgetvalue (result, 0, 4), cancellable))
        query->walk_index = g_strdup ("");
    }
  else
    {
      /* An implied key has no operator of its own: use the types' "=" */
      g_autofree char *cs = quote (fk->table_schema);
      g_autofree char *cq = quote (fk->table);
      g_autofree char *ps = quote (fk->parent_schema);
      g_autofree char *pq = quote (fk->parent_table);

      query->child_from = g_strdup_printf ("%s.%s", cs, cq);
      query->child_target = g_strdup (query->child_from);
      query->parent_from = g_strdup_printf ("%s.%s", ps, pq);
      query->parent_table = g_strdup (fk->parent_table);
      for (guint k = 0; k < pf_foreign_key_get_n_columns (fk); k++)
        g_ptr_array_add (query->pairs, pair_new (fk->columns[k], fk->parent_columns[k]));
    }

  query->child_table = g_strdup (fk->table);

  child = pf_schema_lookup_table (schema, fk->table_schema, fk->table);
  pk = child ? pf_table_get_primary_key (child) : NULL;
  if (pk != NULL && pk[0] != NULL)
    {
      for (guint k = 0; pk[k]; k++)
        {
          g_strv_builder_add (names, pk[k]);
          builder_add_quoted (exprs, pk[k]);
        }
    }
  else
    {
      g_strv_builder_add (names, "ctid");
      g_strv_builder_add (exprs, "ctid");
    }
  query->key_names = g_strv_builder_end (names);
  query->key_exprs = g_strv_builder_end (exprs);

  return g_steal_pointer (&query);
}

PfOrphanQuery *
_pf_orphan_query_new (PfDatabase    *connection,
                      PfSchema      *schema,
                      PfForeignKey  *fk,
                      gboolean       declared,
                      GCancellable  *cancellable,
                      GError       **error)
{
  if (PF_IS_SQLITE_DATABASE (connection))
    return sqlite_query_new (PF_SQLITE_DATABASE (connection), schema, fk, declared, error);

  return pg_query_new (PF_PG_DATABASE (connection), schema, fk, declared, cancellable, error);
}

/* ---- SQL ---------------------------------------------------------------- */

/* As child_expr: each pair's child value is child_alias.pf_v<k> */
static const char numbered[] = "pf_v";

static void
append_join (GString       *sql,
             PfOrphanQuery *query,
             const char    *child_alias,
             const char    *child_expr,   /* instead of child_alias.column (one pair) */
             const char    *parent_alias)
{
  for (guint k = 0; k < query->pairs->len; k++)
    {
      PfOrphanPair *pair = g_ptr_array_index (query->pairs, k);
      g_autofree char *pcol = quote (pair->parent_column);
      g_autofree char *ccol = quote (pair->child_column);

      if (k > 0)
        g_string_append (sql, " AND ");
      g_string_append_printf (sql, "%s.%s%s %s %s", parent_alias, pcol, pair->parent_cast,
                              pair->op, pair->child_plus ? "+" : "");
      if (child_expr == numbered)
        g_string_append_printf (sql, "%s.pf_v%u", child_alias, k);
      else if (child_expr != NULL)
        g_string_append (sql, child_expr);
      else
        g_string_append_printf (sql, "%s.%s", child_alias, ccol);
      g_string_append_printf (sql, "%s%s", pair->child_cast, pair->collate);
    }
}

char *
_pf_orphan_query_dup_join (PfOrphanQuery *query,
                           const char    *child_alias,
                           const char    *parent_alias)
{
  GString *sql = g_string_new (NULL);

  append_join (sql, query, child_alias, NULL, parent_alias);

  return g_string_free (sql, FALSE);
}

/* MATCH SIMPLE: a NULL anywhere in the key exempts the row; MATCH FULL
 * (PostgreSQL): only an all-NULL key does, and a partly NULL one can never
 * match */
static void
append_not_null (GString       *sql,
                 PfOrphanQuery *query,
                 const char    *child_alias)
{
  g_string_append_c (sql, '(');
  for (guint k = 0; k < query->pairs->len; k++)
    {
      PfOrphanPair *pair = g_ptr_array_index (query->pairs, k);
      g_autofree char *ccol = quote (pair->child_column);

      if (k > 0)
        g_string_append (sql, query->match_full ? " OR " : " AND ");
      g_string_append_printf (sql, "%s.%s IS NOT NULL", child_alias, ccol);
    }
  g_string_append_c (sql, ')');
}

/* NOT EXISTS, never NOT IN: NOT IN is wrong when the subquery yields a NULL */
static void
append_not_exists (GString       *sql,
                   PfOrphanQuery *query,
                   const char    *child_alias,
                   const char    *child_expr,
                   const char    *parent_alias)
{
  if (query->parent_state == PF_ORPHAN_PARENT_MISSING)
    return;

  g_string_append_printf (sql, " AND NOT EXISTS (SELECT 1 FROM %s AS %s WHERE ",
                          query->parent_from, parent_alias);
  append_join (sql, query, child_alias, child_expr, parent_alias);
  g_string_append_c (sql, ')');
}

char *
_pf_orphan_query_dup_predicate (PfOrphanQuery *query,
                                const char    *child_alias,
                                const char    *parent_alias)
{
  GString *sql = g_string_new (NULL);

  append_not_null (sql, query, child_alias);
  append_not_exists (sql, query, child_alias, NULL, parent_alias);

  return g_string_free (sql, FALSE);
}

static void
append_child_from (GString       *sql,
                   PfOrphanQuery *query,
                   const char    *alias,
                   gboolean       walk_index)
{
  g_string_append_printf (sql, "%s AS %s", query->child_from, alias);
  if (walk_index && query->kind == PF_DATABASE_KIND_SQLITE
      && query->walk_index != NULL && query->walk_index[0] != '\0')
    {
      g_autofree char *index = quote (query->walk_index);

      g_string_append_printf (sql, " INDEXED BY %s", index);
    }
}

/* WITH RECURSIVE d(v): each distinct non-NULL child value once, read from
 * the child's index (a "skip scan"), then o(v): those without a parent */
static void
append_walk (GString       *sql,
             PfOrphanQuery *query)
{
  PfOrphanPair *pair = g_ptr_array_index (query->pairs, 0);
  g_autofree char *col = quote (pair->child_column);

  g_string_append (sql, "WITH RECURSIVE d(v) AS (");
  if (query->kind == PF_DATABASE_KIND_SQLITE && query->walk_distinct)
    {
      /* DISTINCT groups with the column's collation, which the index
       * shares (sqlite_plan_walk()); no subquery per value */
      g_string_append_printf (sql, "SELECT DISTINCT c.%s FROM ", col);
      append_child_from (sql, query, "c", TRUE);
      g_string_append_printf (sql, " WHERE c.%s IS NOT NULL)", col);
    }
  else if (query->kind == PF_DATABASE_KIND_SQLITE)
    {
      g_string_append_printf (sql, "SELECT (SELECT min(c.%s) FROM ", col);
      append_child_from (sql, query, "c", TRUE);
      g_string_append_printf (sql, ") UNION ALL SELECT (SELECT min(c.%s) FROM ", col);
      append_child_from (sql, query, "c", TRUE);
      g_string_append_printf (sql, " WHERE c.%s > d.v) FROM d WHERE d.v IS NOT NULL)", col);
    }
  else
    {
      g_string_append_printf (sql, "(SELECT c.%s FROM ", col);
      append_child_from (sql, query, "c", TRUE);
      g_string_append_printf (sql, " WHERE c.%s IS NOT NULL ORDER BY c.%s LIMIT 1)"
                                   " UNION ALL SELECT (SELECT c.%s FROM ", col, col, col);
      append_child_from (sql, query, "c", TRUE);
      g_string_append_printf (sql, " WHERE c.%s > d.v ORDER BY c.%s LIMIT 1) FROM d"
                                   " WHERE d.v IS NOT NULL)", col, col);
    }
  g_string_append (sql, ", o(v) AS (SELECT d.v FROM d WHERE d.v IS NOT NULL");
  append_not_exists (sql, query, NULL, "d.v", "p");
  g_string_append (sql, ") ");
}

void
_pf_orphan_query_dup_orphan_rows (PfOrphanQuery  *query,
                                  const char     *alias,
                                  char          **with_sql,
                                  char          **from_sql,
                                  char          **where_sql)
{
  GString *with = g_string_new (NULL);
  GString *from = g_string_new (NULL);

  if (query->walk_index != NULL && query->kind == PF_DATABASE_KIND_SQLITE)
    {
      PfOrphanPair *pair = g_ptr_array_index (query->pairs, 0);
      g_autofree char *col = quote (pair->child_column);

      /* Each orphan value, then its rows through the index: o's values are
       * distinct under the index's collation, so each row comes once */
      append_walk (with, query);
      g_string_append (from, "o CROSS JOIN ");
      append_child_from (from, query, alias, TRUE);
      *where_sql = g_strdup_printf ("%s.%s = o.v", alias, col);
    }
  else
    {
      g_autofree char *parent_alias = g_strconcat ("p_", alias, NULL);

      append_child_from (from, query, alias, FALSE);
      *where_sql = _pf_orphan_query_dup_predicate (query, alias, parent_alias);
    }

  *with_sql = g_string_free (with, FALSE);
  *from_sql = g_string_free (from, FALSE);
}

char *
_pf_orphan_query_dup_child_lookup (PfOrphanQuery *query,
                                   const char    *child_alias,
                                   const char    *parent_alias)
{
  PfOrphanPair *pair;
  g_autofree char *ccol = NULL;
  g_autofree char *pcol = NULL;

  g_return_val_if_fail (query->child_lookup && query->pairs->len == 1, NULL);

  pair = g_ptr_array_index (query->pairs, 0);
  ccol = quote (pair->child_column);
  pcol = quote (pair->parent_column);

  return g_strdup_printf ("%s.%s = %s.%s%s", child_alias, ccol, parent_alias, pcol, pair->collate);
}

static void
append_value_columns (GString       *sql,
                      PfOrphanQuery *query,
                      const char    *alias,
                      gboolean       named)
{
  for (guint k = 0; k < query->pairs->len; k++)
    {
      PfOrphanPair *pair = g_ptr_array_index (query->pairs, k);
      g_autofree char *col = quote (pair->child_column);

      g_string_append_printf (sql, "%s%s.%s%s", k > 0 ? ", " : "", alias, col,
                              query->kind == PF_DATABASE_KIND_POSTGRESQL ? "::pg_catalog.text" : "");
      /* Own names, so no child column can clash with ours */
      if (named)
        g_string_append_printf (sql, " AS pf_v%u", k);
    }
}

/* PostgreSQL: counts, the top values and the samples in ONE statement.
 * The orphan rows are found once (the anti-join, or the walk then an index
 * probe per orphan value) and kept aside (MATERIALIZED: in the server's
 * work_mem or temporary files, never in our memory), then grouped by value
 * (kind 0: value columns, count, total) and sampled (kind 1: key columns,
 * value columns), so no second walk and no second anti-join. Columns:
 * kind, n_keys keys (text), n values (text), count, total. */
static char *
pg_dup_combined_sql (PfOrphanQuery *query)
{
  GString *sql = g_string_new (NULL);
  guint n_values = query->pairs->len;

  if (query->walk_index != NULL)
    {
      PfOrphanPair *pair = g_ptr_array_index (query->pairs, 0);
      g_autofree char *col = quote (pair->child_column);

      append_walk (sql, query);
      /* pf_g: the orphan value as the walk found it, so rows equal to it
       * (the column's own equality) are counted together, as before */
      g_string_append (sql, ", r AS MATERIALIZED (SELECT o.v AS pf_g, ");
      for (guint k = 0; query->key_exprs[k]; k++)
        g_string_append_printf (sql, "c.%s::pg_catalog.text AS pf_k%u, ", query->key_exprs[k], k);
      append_value_columns (sql, query, "c", TRUE);
      /* CROSS JOIN keeps o outside, so each orphan value is one index probe */
      g_string_append (sql, " FROM o CROSS JOIN ");
      append_child_from (sql, query, "c", TRUE);
      g_string_append_printf (sql, " WHERE c.%s = o.v)"
                                   ", g AS (SELECT r.pf_g::pg_catalog.text AS pf_v0, count(*) AS pf_n"
                                   " FROM r GROUP BY r.pf_g) ", col);
    }
  else
    {
      g_string_append (sql, "WITH r AS MATERIALIZED (SELECT ");
      for (guint k = 0; query->key_exprs[k]; k++)
        g_string_append_printf (sql, "c.%s::pg_catalog.text AS pf_k%u, ", query->key_exprs[k], k);
      append_value_columns (sql, query, "c", TRUE);
      g_string_append (sql, " FROM ");
      append_child_from (sql, query, "c", FALSE);
      g_string_append (sql, " WHERE ");
      append_not_null (sql, query, "c");
      append_not_exists (sql, query, "c", NULL, "p");
      g_string_append (sql, "), g AS (SELECT ");
      for (guint k = 0; k < n_values; k++)
        g_string_append_printf (sql, "r.pf_v%u, ", k);
      g_string_append (sql, "count(*) AS pf_n FROM r GROUP BY ");
      for (guint k = 0; k < n_values; k++)
        g_string_append_printf (sql, "%sr.pf_v%u", k > 0 ? ", " : "", k);
      g_string_append (sql, ") ");
    }

  g_string_append (sql, "(SELECT 0");
  for (guint k = 0; query->key_exprs[k]; k++)
    g_string_append (sql, ", NULL::pg_catalog.text");
  for (guint k = 0; k < n_values; k++)
    g_string_append_printf (sql, ", g.pf_v%u", k);
  g_string_append_printf (sql, ", g.pf_n, sum(g.pf_n) OVER () FROM g ORDER BY g.pf_n DESC LIMIT %d)"
                               " UNION ALL (SELECT 1", PF_ORPHAN_MAX_VALUES);
  for (guint k = 0; query->key_exprs[k]; k++)
    g_string_append_printf (sql, ", r.pf_k%u", k);
  for (guint k = 0; k < n_values; k++)
    g_string_append_printf (sql, ", r.pf_v%u", k);
  g_string_append_printf (sql, ", NULL, NULL FROM r LIMIT %d)", PF_ORPHAN_MAX_SAMPLES);

  return g_string_free (sql, FALSE);
}

char *
_pf_orphan_query_dup_values_sql (PfOrphanQuery *query)
{
  GString *sql;

  /* PostgreSQL: everything in one statement */
  if (query->kind == PF_DATABASE_KIND_POSTGRESQL)
    return pg_dup_combined_sql (query);

  sql = g_string_new (NULL);

  if (query->walk_index != NULL)
    {
      PfOrphanPair *pair = g_ptr_array_index (query->pairs, 0);
      g_autofree char *col = quote (pair->child_column);

      /* Rows are counted per orphan value through the index; values with
       * a parent cost one probe each, whatever their number of rows */
      append_walk (sql, query);
      g_string_append (sql, "SELECT o.v, (SELECT count(*) FROM ");
      append_child_from (sql, query, "c", TRUE);
      g_string_append_printf (sql, " WHERE c.%s = o.v) FROM o", col);
      return g_string_free (sql, FALSE);
    }

  /* One pass over the child: the orphan rows are kept aside once
   * (MATERIALIZED: in SQLite's temporary storage, not in our memory),
   * then grouped by value (kind 0: the values, their count) and
   * sampled (kind 1: the keys, the values) */
  g_string_append (sql, "WITH o AS MATERIALIZED (SELECT ");
  if (query->sort_probes)
    {
      /* The same rows and the same probes, only in key order: in a
       * large parent, consecutive probes then land on the same pages
       * instead of anywhere (the sort is one pass over the rows, then
       * SQLite's external merge). The values cross the subquery
       * untouched, and each probe strips their affinity (+) anyway. */
      for (guint k = 0; query->key_exprs[k]; k++)
        g_string_append_printf (sql, "s.pf_k%u, ", k);
      for (guint k = 0; k < query->pairs->len; k++)
        g_string_append_printf (sql, "%ss.pf_v%u", k > 0 ? ", " : "", k);
      g_string_append (sql, " FROM (SELECT ");
    }
  for (guint k = 0; query->key_exprs[k]; k++)
    g_string_append_printf (sql, "c.%s AS pf_k%u, ", query->key_exprs[k], k);
  append_value_columns (sql, query, "c", TRUE);
  g_string_append (sql, " FROM ");
  append_child_from (sql, query, "c", FALSE);
  g_string_append (sql, " WHERE ");
  append_not_null (sql, query, "c");
  if (query->sort_probes)
    {
      g_string_append (sql, " ORDER BY ");
      for (guint k = 0; k < query->pairs->len; k++)
        g_string_append_printf (sql, "%spf_v%u", k > 0 ? ", " : "", k);
      g_string_append (sql, ") AS s WHERE 1");
      append_not_exists (sql, query, "s", numbered, "p");
    }
  else
    append_not_exists (sql, query, "c", NULL, "p");
  g_string_append (sql, ") SELECT 0");
  for (guint k = 0; query->key_exprs[k]; k++)
    g_string_append (sql, ", NULL");
  for (guint k = 0; k < query->pairs->len; k++)
    g_string_append_printf (sql, ", o.pf_v%u", k);
  g_string_append (sql, ", count(*) FROM o GROUP BY ");
  for (guint k = 0; k < query->pairs->len; k++)
    g_string_append_printf (sql, "%so.pf_v%u", k > 0 ? ", " : "", k);
  g_string_append (sql, " UNION ALL SELECT * FROM (SELECT 1");
  for (guint k = 0; query->key_exprs[k]; k++)
    g_string_append_printf (sql, ", o.pf_k%u", k);
  for (guint k = 0; k < query->pairs->len; k++)
    g_string_append_printf (sql, ", o.pf_v%u", k);
  g_string_append_printf (sql, ", NULL FROM o LIMIT %d)", PF_ORPHAN_MAX_SAMPLES);
  return g_string_free (sql, FALSE);
}

/* SQLite walk: the rows of one orphan value (?1), at most ?2. @plus keeps
 * the column's affinity off the value, reading the whole index instead of
 * seeking in it (see sqlite_bind_is_exact()). */
static char *
sqlite_dup_probe_sql (PfOrphanQuery *query,
                      gboolean       plus)
{
  PfOrphanPair *pair = g_ptr_array_index (query->pairs, 0);
  g_autofree char *col = quote (pair->child_column);
  GString *sql = g_string_new ("SELECT ");

  /* Asked for each orphan value as the walk finds it: no second walk */
  for (guint k = 0; query->key_exprs[k]; k++)
    g_string_append_printf (sql, "c.%s, ", query->key_exprs[k]);
  append_value_columns (sql, query, "c", FALSE);
  g_string_append (sql, " FROM ");
  append_child_from (sql, query, "c", TRUE);
  g_string_append_printf (sql, " WHERE %sc.%s = ?1 LIMIT ?2", plus ? "+" : "", col);

  return g_string_free (sql, FALSE);
}

char *
_pf_orphan_query_dup_samples_sql (PfOrphanQuery *query)
{
  GString *sql = g_string_new (NULL);
  const char *cast = query->kind == PF_DATABASE_KIND_POSTGRESQL ? "::pg_catalog.text" : "";

  if (query->walk_index != NULL && query->kind == PF_DATABASE_KIND_SQLITE)
    {
      g_string_free (sql, TRUE);
      return sqlite_dup_probe_sql (query, FALSE);
    }

  if (query->kind == PF_DATABASE_KIND_SQLITE)
    {
      g_string_free (sql, TRUE);
      return NULL;
    }

  if (query->walk_index != NULL)
    {
      PfOrphanPair *pair = g_ptr_array_index (query->pairs, 0);
      g_autofree char *col = quote (pair->child_column);

      append_walk (sql, query);
      g_string_append (sql, "SELECT ");
      for (guint k = 0; query->key_exprs[k]; k++)
        g_string_append_printf (sql, "c.%s%s, ", query->key_exprs[k], cast);
      append_value_columns (sql, query, "c", FALSE);
      /* CROSS JOIN keeps o outside, so each orphan value is one index probe */
      g_string_append (sql, " FROM o CROSS JOIN ");
      append_child_from (sql, query, "c", TRUE);
      g_string_append_printf (sql, " WHERE c.%s = o.v LIMIT %d", col, PF_ORPHAN_MAX_SAMPLES);
      return g_string_free (sql, FALSE);
    }

  g_string_append (sql, "SELECT ");
  for (guint k = 0; query->key_exprs[k]; k++)
    g_string_append_printf (sql, "c.%s%s, ", query->key_exprs[k], cast);
  append_value_columns (sql, query, "c", FALSE);
  g_string_append (sql, " FROM ");
  append_child_from (sql, query, "c", FALSE);
  g_string_append (sql, " WHERE ");
  append_not_null (sql, query, "c");
  append_not_exists (sql, query, "c", NULL, "p");
  g_string_append_printf (sql, " LIMIT %d", PF_ORPHAN_MAX_SAMPLES);

  return g_string_free (sql, FALSE);
}

/* ---- running -------------------------------------------------------------- */

typedef struct
{
  char   *value;
  gint64  count;
} TopValue;

/* Keeps the PF_ORPHAN_MAX_VALUES largest counts, largest first */
static void
top_insert (TopValue   *top,
            guint      *n_top,
            char       *value,
            gint64      count)
{
  guint i;

  if (*n_top == PF_ORPHAN_MAX_VALUES && top[*n_top - 1].count >= count)
    {
      g_free (value);
      return;
    }

  if (*n_top == PF_ORPHAN_MAX_VALUES)
    g_free (top[--(*n_top)].value);

  for (i = *n_top; i > 0 && top[i - 1].count < count; i--)
    top[i] = top[i - 1];
  top[i].value = value;
  top[i].count = count;
  (*n_top)++;
}

/* What people see for a SQLite value: text as is (made valid UTF-8),
 * numbers as SQLite prints them, blobs as X'…' */
static char *
sqlite_value_text (sqlite3_stmt *stmt,
                   int           i)
{
  switch (sqlite3_column_type (stmt, i))
    {
    case SQLITE_NULL:
      return NULL;

    case SQLITE_BLOB:
      {
        const guchar *data = sqlite3_column_blob (stmt, i);
        int len = sqlite3_column_bytes (stmt, i);
        GString *hex = g_string_new ("X'");

        for (int k = 0; k < len; k++)
          g_string_append_printf (hex, "%02X", data[k]);
        g_string_append_c (hex, '\'');
        return g_string_free (hex, FALSE);
      }

    default:
      {
        const char *text = (const char *)sqlite3_column_text (stmt, i);
        int len = sqlite3_column_bytes (stmt, i);

        return g_utf8_make_valid (text ? text : "", len);
      }
    }
}

static char *
join_values (char  **values,
             guint   n)
{
  GString *joined = g_string_new (NULL);

  for (guint k = 0; k < n; k++)
    {
      if (k > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, values[k] ? values[k] : "NULL");
    }

  return g_string_free (joined, FALSE);
}

static GStrv
value_column_names (PfOrphanQuery *query)
{
  GStrv names = g_new0 (char *, query->pairs->len + 1);

  for (guint k = 0; k < query->pairs->len; k++)
    names[k] = g_strdup (((PfOrphanPair *)g_ptr_array_index (query->pairs, k))->child_column);

  return names;
}

static void
sqlite_add_sample (PfOrphanQuery *query,
                   PfFinding     *finding,
                   sqlite3_stmt  *stmt,
                   int            first,
                   GStrv          value_names)
{
  guint n_keys = g_strv_length (query->key_exprs);
  guint n_values = query->pairs->len;
  char *keys[n_keys + 1];
  char *vals[n_values + 1];

  for (guint k = 0; k < n_keys; k++)
    keys[k] = sqlite_value_text (stmt, first + k);
  for (guint k = 0; k < n_values; k++)
    vals[k] = sqlite_value_text (stmt, first + n_keys + k);
  pf_finding_add_sample (finding, n_keys, (const char * const *)query->key_names,
                         (const char * const *)keys, n_values,
                         (const char * const *)value_names, (const char * const *)vals);
  for (guint k = 0; k < n_keys; k++)
    g_free (keys[k]);
  for (guint k = 0; k < n_values; k++)
    g_free (vals[k]);
}

/* Whether "column = ?" finds exactly the rows holding @value: the column's
 * affinity converts a bound value it would have converted on the way in,
 * and only a value stored before the column's type was rewritten (10000
 * as a number under TEXT) escapes that */
static gboolean
sqlite_bind_is_exact (char           affinity,
                      sqlite3_value *value)
{
  int type = sqlite3_value_type (value);
  sqlite3_value *copy;
  gboolean exact;

  if (type == SQLITE_BLOB || affinity == 'B')
    return TRUE;
  if (affinity == 'T')
    return type == SQLITE_TEXT;
  if (type != SQLITE_TEXT)
    return TRUE;

  /* Text under a numeric affinity: exact unless it reads as a number */
  copy = sqlite3_value_dup (value);
  exact = copy != NULL && sqlite3_value_numeric_type (copy) == SQLITE_TEXT;
  sqlite3_value_free (copy);

  return exact;
}

/* The rows of the orphan value in column 0 of @values, while samples are
 * still wanted */
static gboolean
sqlite_sample_value (PfOrphanQuery    *query,
                     PfSqliteDatabase *db,
                     PfFinding        *finding,
                     sqlite3_stmt     *values,
                     sqlite3_stmt     *samples,
                     guint            *n_samples,
                     GStrv             value_names,
                     GError          **error)
{
  g_autoptr(sqlite3_stmt) exact = NULL;
  int rc;

  if (!sqlite_bind_is_exact (query->walk_affinity, sqlite3_column_value (values, 0)))
    {
      /* +column keeps the affinity off, at the price of reading the whole
       * index: only for such values, and only while samples are wanted */
      g_autofree char *sql = sqlite_dup_probe_sql (query, TRUE);

      if ((exact = _pf_sqlite_database_prepare (db, sql, error)) == NULL)
        return FALSE;
      samples = exact;
    }

  sqlite3_reset (samples);
  sqlite3_bind_value (samples, 1, sqlite3_column_value (values, 0));
  sqlite3_bind_int (samples, 2, PF_ORPHAN_MAX_SAMPLES - *n_samples);
  while ((rc = _pf_sqlite_database_step (db, samples, error)) == SQLITE_ROW)
    {
      sqlite_add_sample (query, finding, samples, 0, value_names);
      (*n_samples)++;
    }
  sqlite3_reset (samples);

  return rc >= 0;
}

static gboolean
sqlite_run (PfOrphanQuery    *query,
            PfSqliteDatabase *db,
            PfFinding        *finding,
            GError          **error)
{
  g_autofree char *values_sql = _pf_orphan_query_dup_values_sql (query);
  g_autofree char *samples_sql = _pf_orphan_query_dup_samples_sql (query);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) samples = NULL;
  g_auto(GStrv) value_names = value_column_names (query);
  gboolean walk = query->walk_index != NULL;
  guint n_values = query->pairs->len;
  /* The anti-join's rows: kind, keys, values, count; the walk's: value, count */
  guint n_keys = walk ? 0 : g_strv_length (query->key_exprs);
  guint first = walk ? 0 : 1 + n_keys;
  TopValue top[PF_ORPHAN_MAX_VALUES];
  guint n_top = 0;
  guint n_samples = 0;
  gint64 total = 0;
  gboolean ok = FALSE;
  int rc;

  /* Sorted probes read a large parent and child once each: through a
   * memory map (SQLite clamps the size) they cost no read() into the
   * worker's 2 MB page cache. The pages are the kernel's file cache, not
   * heap; other jobs keep plain reads, so a scan's own memory stays small. */
  if (query->sort_probes)
    sqlite3_exec (_pf_sqlite_database_get_handle (db), "PRAGMA mmap_size = 2147418112", NULL, NULL, NULL);

  if ((stmt = _pf_sqlite_database_prepare (db, values_sql, error)) == NULL)
    goto out;
  if (samples_sql != NULL && (samples = _pf_sqlite_database_prepare (db, samples_sql, error)) == NULL)
    goto out;

  /* One row per distinct orphan value; only the top ones are kept */
  while ((rc = _pf_sqlite_database_step (db, stmt, error)) == SQLITE_ROW)
    {
      char *vals[n_values];
      gint64 count;

      if (!walk && sqlite3_column_int (stmt, 0) == 1)
        {
          sqlite_add_sample (query, finding, stmt, 1, value_names);
          continue;
        }

      count = sqlite3_column_int64 (stmt, first + n_values);
      for (guint k = 0; k < n_values; k++)
        vals[k] = sqlite_value_text (stmt, first + k);
      total += count;
      top_insert (top, &n_top, join_values (vals, n_values), count);
      for (guint k = 0; k < n_values; k++)
        g_free (vals[k]);

      if (walk && n_samples < PF_ORPHAN_MAX_SAMPLES
          && !sqlite_sample_value (query, db, finding, stmt, samples, &n_samples, value_names, error))
        {
          rc = -1;
          break;
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  ok = rc >= 0;

  if (ok)
    pf_finding_set_count (finding, total);
  for (guint i = 0; i < n_top; i++)
    {
      if (ok)
        pf_finding_add_value (finding, top[i].value, top[i].count);
      g_free (top[i].value);
    }

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&samples, sqlite3_finalize);
  if (query->sort_probes)
    sqlite3_exec (_pf_sqlite_database_get_handle (db), "PRAGMA mmap_size = 0", NULL, NULL, NULL);

  return ok;
}

static char *
pg_value (PGresult *result,
          int       row,
          int       column)
{
  return PQgetisnull (result, row, column) ? NULL : g_strdup (PQgetvalue (result, row, column));
}

static gboolean
pg_run (PfOrphanQuery  *query,
        PfPgDatabase   *db,
        PfFinding      *finding,
        GCancellable   *cancellable,
        GError        **error)
{
  g_autofree char *sql = pg_dup_combined_sql (query);
  g_autoptr(PGresult) result = NULL;
  g_auto(GStrv) value_names = value_column_names (query);
  guint n_values = query->pairs->len;
  guint n_keys = g_strv_length (query->key_exprs);
  guint count_column = 1 + n_keys + n_values;
  gint64 total = 0;

  /* One statement (pg_dup_combined_sql()): LIMIT in SQL, the total from a
   * window, so the client never holds more than PF_ORPHAN_MAX_VALUES +
   * PF_ORPHAN_MAX_SAMPLES rows */
  if ((result = _pf_pg_database_exec (db, cancellable, sql, 0, NULL, error)) == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result); row++)
    {
      char *keys[n_keys + 1];
      char *vals[n_values + 1];

      for (guint k = 0; k < n_keys; k++)
        keys[k] = pg_value (result, row, 1 + k);
      for (guint k = 0; k < n_values; k++)
        vals[k] = pg_value (result, row, 1 + n_keys + k);

      if (g_strcmp0 (PQgetvalue (result, row, 0), "0") == 0)
        {
          g_autofree char *joined = join_values (vals, n_values);

          if (total == 0)
            total = g_ascii_strtoll (PQgetvalue (result, row, count_column + 1), NULL, 10);
          pf_finding_add_value (finding, joined,
                                g_ascii_strtoll (PQgetvalue (result, row, count_column), NULL, 10));
        }
      else
        pf_finding_add_sample (finding, n_keys, (const char * const *)query->key_names,
                               (const char * const *)keys, n_values,
                               (const char * const *)value_names, (const char * const *)vals);

      for (guint k = 0; k < n_keys; k++)
        g_free (keys[k]);
      for (guint k = 0; k < n_values; k++)
        g_free (vals[k]);
    }

  pf_finding_set_count (finding, total);

  return TRUE;
}

gboolean
_pf_orphan_query_run (PfOrphanQuery  *query,
                      PfDatabase     *connection,
                      PfFinding      *finding,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_return_val_if_fail (query->parent_state != PF_ORPHAN_PARENT_MISMATCH, FALSE);

  if (PF_IS_SQLITE_DATABASE (connection))
    return sqlite_run (query, PF_SQLITE_DATABASE (connection), finding, error);

  return pg_run (query, PF_PG_DATABASE (connection), finding, cancellable, error);
}
