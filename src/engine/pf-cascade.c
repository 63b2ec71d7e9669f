/* pf-cascade.c — rows that hang from orphan rows, and the script that fixes them
 *
 * Copyright 2026 The Preflight authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-fk-checks"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-cascade.h"
#include "pf-pg-database-private.h"
#include "pf-sql.h"
#include "pf-sqlite-database-private.h"

/* Deep enough for real schemas, small enough that a cyclic or very wide
 * one cannot turn one finding into thousands of queries */
#define MAX_DEPTH 6
#define MAX_STEPS 32

typedef struct _Level Level;

struct _Level
{
  PfOrphanQuery      *via;        /* the key from this level's table to the level above */
  PfForeignKey       *fk;
  char               *alias;      /* t1, t2, … */
  char               *predicate;  /* on alias: the row hangs from an orphan */
  /* For counting (SQLite): FROM … WHERE … that yields each such row of
   * this level once, driven down from the orphans */
  char               *from;
  char               *where;
  guint               depth;
  gint64              rows;
  Level              *up;
};

static void
level_free (Level *level)
{
  _pf_orphan_query_free (level->via);
  g_clear_pointer (&level->fk, pf_foreign_key_unref);
  g_free (level->alias);
  g_free (level->predicate);
  g_free (level->from);
  g_free (level->where);
  g_free (level);
}

static gboolean
count_rows (PfDatabase    *connection,
            const char    *sql,
            gint64        *rows,
            GCancellable  *cancellable,
            GError       **error)
{
  if (PF_IS_SQLITE_DATABASE (connection))
    {
      PfSqliteDatabase *db = PF_SQLITE_DATABASE (connection);
      g_autoptr(sqlite3_stmt) stmt = _pf_sqlite_database_prepare (db, sql, error);

      if (stmt == NULL || _pf_sqlite_database_step (db, stmt, error) != SQLITE_ROW)
        return FALSE;
      *rows = sqlite3_column_int64 (stmt, 0);
    }
  else
    {
      g_autoptr(PGresult) result = NULL;

      result = _pf_pg_database_exec (PF_PG_DATABASE (connection), cancellable, sql, 0, NULL, error);
      if (result == NULL)
        return FALSE;
      *rows = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
    }

  return TRUE;
}

static gboolean
same_table (PfDatabase   *connection,
            PfForeignKey *fk,
            const char   *schema_name,
            const char   *table)
{
  /* SQLite names match without regard to ASCII case */
  if (PF_IS_SQLITE_DATABASE (connection))
    return g_ascii_strcasecmp (fk->parent_table, table) == 0;

  return g_strcmp0 (fk->parent_schema, schema_name) == 0 && g_strcmp0 (fk->parent_table, table) == 0;
}

static gboolean
on_path (Level        *level,
         PfForeignKey *fk)
{
  for (; level != NULL; level = level->up)
    if (level->fk == fk)
      return TRUE;

  return FALSE;
}

static gboolean
deletes_rows (PfForeignKeyAction action)
{
  /* SET NULL / SET DEFAULT keep the rows; anything else removes them (a
   * cascade) or must remove them first (restrict, no action) */
  return action != PF_FOREIGN_KEY_ACTION_SET_NULL && action != PF_FOREIGN_KEY_ACTION_SET_DEFAULT;
}

static char *
dup_set_null (PfForeignKey *fk,
              const char   *value)
{
  GString *set = g_string_new (NULL);

  for (guint k = 0; fk->columns[k]; k++)
    {
      g_autofree char *col = pf_sql_quote_identifier (fk->columns[k]);

      g_string_append_printf (set, "%s%s = %s", k > 0 ? ", " : "", col, value);
    }

  return g_string_free (set, FALSE);
}

static char *
dup_columns_text (PfForeignKey *fk)
{
  return g_strjoinv (", ", fk->columns);
}

static void
append_statement (GString    *script,
                  gboolean    commented,
                  const char *comment,
                  const char *statement)
{
  g_string_append_printf (script, "-- %s\n%s%s;\n", comment, commented ? "-- " : "", statement);
}

gboolean
_pf_cascade_compute (PfDatabase     *connection,
                     PfSchema       *schema,
                     PfForeignKey   *fk,
                     PfOrphanQuery  *query,
                     PfFinding      *finding,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func ((GDestroyNotify)level_free);
  g_autoptr(GString) script = g_string_new (NULL);
  g_autofree char *root_predicate = _pf_orphan_query_dup_predicate (query, "t0", "p0");
  g_autofree char *columns_text = dup_columns_text (fk);
  PfTable *child = pf_schema_lookup_table (schema, fk->table_schema, fk->table);
  gboolean nullable = TRUE;
  gboolean sqlite = PF_IS_SQLITE_DATABASE (connection);
  guint n_tables = pf_schema_get_n_tables (schema);
  guint next = 0;
  g_autofree char *root_with = NULL;
  g_autofree char *root_from = NULL;
  g_autofree char *root_where = NULL;

  if (sqlite)
    _pf_orphan_query_dup_orphan_rows (query, "t0", &root_with, &root_from, &root_where);

  /* Breadth first from the orphan rows (level 0, alias t0) */
  for (gint i = -1; i < (gint)levels->len && levels->len < MAX_STEPS; i++)
    {
      Level *above = i >= 0 ? g_ptr_array_index (levels, i) : NULL;
      const char *above_schema = above ? above->fk->table_schema : fk->table_schema;
      const char *above_table = above ? above->fk->table : fk->table;
      const char *above_alias = above ? above->alias : "t0";
      const char *above_predicate = above ? above->predicate : root_predicate;
      const char *above_from = above ? above->from : root_from;
      const char *above_where = above ? above->where : root_where;
      guint depth = above ? above->depth + 1 : 1;

      if (depth > MAX_DEPTH || (above != NULL && !deletes_rows (above->fk->on_delete)))
        continue;

      for (guint t = 0; t < n_tables && levels->len < MAX_STEPS; t++)
        {
          g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (schema), t);
          GPtrArray *fks = pf_table_get_foreign_keys (table);

          for (guint j = 0; j < fks->len && levels->len < MAX_STEPS; j++)
            {
              PfForeignKey *ref = g_ptr_array_index (fks, j);
              g_autoptr(PfOrphanQuery) via = NULL;
              g_autofree char *join = NULL;
              g_autofree char *sql = NULL;
              Level *level;

              if (!same_table (connection, ref, above_schema, above_table) || on_path (above, ref))
                continue;

              via = _pf_orphan_query_new (connection, schema, ref, TRUE, cancellable, error);
              if (via == NULL)
                return FALSE;
              /* A key SQLite cannot check cannot cascade either */
              if (via->parent_state != PF_ORPHAN_PARENT_FOUND || via->covered_elsewhere)
                continue;

              level = g_new0 (Level, 1);
              level->fk = pf_foreign_key_ref (ref);
              level->alias = g_strdup_printf ("t%u", ++next);
              level->depth = depth;
              level->up = above;
              join = _pf_orphan_query_dup_join (via, level->alias, above_alias);
              level->predicate = g_strdup_printf ("EXISTS (SELECT 1 FROM %s AS %s WHERE %s AND %s)",
                                                  via->parent_from, above_alias, join, above_predicate);
              level->via = g_steal_pointer (&via);

              if (sqlite && level->via->child_lookup)
                {
                  /* Down from the rows above through the child's index: a
                   * unique parent key gives each child row at most one row
                   * above, so the join counts each once, as EXISTS would;
                   * the key's own join stays, the lookup only finds rows */
                  g_autofree char *lookup = _pf_orphan_query_dup_child_lookup (level->via, level->alias,
                                                                              above_alias);

                  level->from = g_strdup_printf ("%s CROSS JOIN %s AS %s", above_from,
                                                 level->via->child_from, level->alias);
                  level->where = g_strdup_printf ("%s AND %s AND %s", above_where, lookup, join);
                }
              else
                {
                  /* One pass over the child, each row probing upwards
                   * through the parents' unique keys */
                  level->from = g_strdup_printf ("%s AS %s", level->via->child_from, level->alias);
                  level->where = g_strdup (level->predicate);
                }

              if (sqlite)
                sql = g_strdup_printf ("%sSELECT count(*) FROM %s WHERE %s",
                                       root_with, level->from, level->where);
              else
                sql = g_strdup_printf ("SELECT count(*) FROM %s AS %s WHERE %s",
                                       level->via->child_from, level->alias, level->predicate);
              if (!count_rows (connection, sql, &level->rows, cancellable, error))
                {
                  level_free (level);
                  return FALSE;
                }

              if (level->rows == 0)
                {
                  level_free (level);
                  continue;
                }

              pf_finding_add_cascade_step (finding, ref->table_schema, ref->table,
                                           (const char * const *)ref->columns, level->rows,
                                           ref->on_delete, depth);
              g_ptr_array_add (levels, level);
            }
        }
    }

  for (guint k = 0; fk->columns[k]; k++)
    {
      PfColumn *column = child ? pf_table_lookup_column (child, fk->columns[k]) : NULL;

      if (column == NULL || column->not_null)
        nullable = FALSE;
    }

  /* The script: every statement on one line, so an option can be commented
   * out line by line */
  g_string_append_printf (script,
                          _("-- Suggested fix for %s (%s) → %s. Preflight never runs it:\n"
                            "-- review it, and try it on a copy of the database first.\n"),
                          fk->table, columns_text, fk->parent_table);
  g_string_append (script, "BEGIN;\n");

  if (nullable)
    {
      g_autofree char *set = dup_set_null (fk, "NULL");
      g_autofree char *statement = g_strdup_printf ("UPDATE %s AS t0 SET %s WHERE %s",
                                                    query->child_target, set, root_predicate);

      g_string_append (script, _("-- Option 1: keep the rows and clear the reference that points nowhere.\n"));
      append_statement (script, FALSE, _("Clear the broken reference"), statement);
      g_string_append (script, _("-- Option 2 (instead of option 1): delete the rows, and the rows that depend on them.\n"));
    }

  /* Deepest first, so no statement leaves a row pointing at a deleted one;
   * every predicate only looks at levels above, still intact */
  for (guint d = MAX_DEPTH; d >= 1; d--)
    {
      for (guint i = 0; i < levels->len; i++)
        {
          Level *level = g_ptr_array_index (levels, i);
          g_autofree char *statement = NULL;
          g_autofree char *comment = NULL;
          g_autofree char *cols = NULL;

          if (level->depth != d)
            continue;

          cols = dup_columns_text (level->fk);
          if (deletes_rows (level->fk->on_delete))
            {
              statement = g_strdup_printf ("DELETE FROM %s AS %s WHERE %s", level->via->child_target,
                                           level->alias, level->predicate);
              comment = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%" G_GINT64_FORMAT " row in %s (through %s), ON DELETE %s",
                                                      "%" G_GINT64_FORMAT " rows in %s (through %s), ON DELETE %s",
                                                      level->rows),
                                         level->rows, level->fk->table, cols,
                                         pf_foreign_key_action_to_sql (level->fk->on_delete));
            }
          else if (level->fk->on_delete == PF_FOREIGN_KEY_ACTION_SET_NULL || sqlite)
            {
              /* SQLite has no DEFAULT in UPDATE; NULL is what SET NULL does */
              g_autofree char *set = dup_set_null (level->fk, "NULL");

              statement = g_strdup_printf ("UPDATE %s AS %s SET %s WHERE %s", level->via->child_target,
                                           level->alias, set, level->predicate);
              comment = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%" G_GINT64_FORMAT " row in %s keeps its data; %s is cleared",
                                                      "%" G_GINT64_FORMAT " rows in %s keep their data; %s is cleared",
                                                      level->rows),
                                         level->rows, level->fk->table, cols);
            }
          else
            {
              g_autofree char *set = dup_set_null (level->fk, "DEFAULT");

              statement = g_strdup_printf ("UPDATE %s AS %s SET %s WHERE %s", level->via->child_target,
                                           level->alias, set, level->predicate);
              comment = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%" G_GINT64_FORMAT " row in %s keeps its data; %s goes back to its default",
                                                      "%" G_GINT64_FORMAT " rows in %s keep their data; %s goes back to its default",
                                                      level->rows),
                                         level->rows, level->fk->table, cols);
            }
          append_statement (script, nullable, comment, statement);
        }
    }

  {
    g_autofree char *statement = g_strdup_printf ("DELETE FROM %s AS t0 WHERE %s",
                                                  query->child_target, root_predicate);
    g_autofree char *comment = g_strdup_printf (_("The rows of %s that point nowhere"), fk->table);

    append_statement (script, nullable, comment, statement);
  }
  g_string_append (script, "COMMIT;\n");

  pf_finding_set_fix_sql (finding, script->str);

  return TRUE;
}
