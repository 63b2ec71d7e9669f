/* pf-row-counts.c — exact per-table row counts at one moment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-row-counts"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-checklist-error.h"
#include "pf-json-member.h"
#include "pf-pg-database-private.h"
#include "pf-row-counts.h"
#include "pf-sql.h"
#include "pf-sqlite-database-private.h"

struct _PfRowCounts
{
  GObject     parent_instance;

  GDateTime  *taken_at;
  GHashTable *tables;  /* display name → gint64 * */
};

G_DEFINE_FINAL_TYPE (PfRowCounts, pf_row_counts, G_TYPE_OBJECT)

static void
pf_row_counts_finalize (GObject *object)
{
  PfRowCounts *self = (PfRowCounts *)object;

  g_clear_pointer (&self->taken_at, g_date_time_unref);
  g_clear_pointer (&self->tables, g_hash_table_unref);

  G_OBJECT_CLASS (pf_row_counts_parent_class)->finalize (object);
}

static void
pf_row_counts_class_init (PfRowCountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_row_counts_finalize;
}

static void
pf_row_counts_init (PfRowCounts *self)
{
  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

PfRowCounts *
pf_row_counts_new (GDateTime *taken_at)
{
  PfRowCounts *self = g_object_new (PF_TYPE_ROW_COUNTS, NULL);

  self->taken_at = pf_json_member_utc_or_now (taken_at);
  return self;
}

/* ---- counting ---------------------------------------------------------- */

static void
interrupt_cb (GCancellable *cancellable,
              PfDatabase   *connection)
{
  pf_database_interrupt (connection);
}

static gboolean
count_table (PfDatabase    *connection,
             const char    *sql,
             GCancellable  *cancellable,
             gint64        *count,
             GError       **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (pf_database_get_kind (connection) == PF_DATABASE_KIND_POSTGRESQL)
    {
      g_autoptr(PGresult) result = NULL;

      result = _pf_pg_database_exec (PF_PG_DATABASE (connection), cancellable, sql, 0, NULL, error);
      if (result == NULL)
        return FALSE;
      *count = PQntuples (result) > 0 ? g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10) : 0;
    }
  else
    {
      PfSqliteDatabase *sqlite = PF_SQLITE_DATABASE (connection);
      g_autoptr(sqlite3_stmt) stmt = NULL;

      stmt = _pf_sqlite_database_prepare (sqlite, sql, error);
      if (stmt == NULL || _pf_sqlite_database_step (sqlite, stmt, error) != SQLITE_ROW)
        return FALSE;
      *count = sqlite3_column_int64 (stmt, 0);
    }

  return TRUE;
}

PfRowCounts *
pf_row_counts_count (PfDatabase    *connection,
                     PfSchema      *schema,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(PfRowCounts) self = NULL;
  gboolean ok = TRUE;
  gulong handler = 0;
  guint n;

  g_return_val_if_fail (PF_IS_DATABASE (connection), NULL);
  g_return_val_if_fail (PF_IS_SCHEMA (schema), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = pf_row_counts_new (NULL);

  /* PostgreSQL's exec cancels by itself; SQLite needs the interrupt */
  if (cancellable != NULL && pf_database_get_kind (connection) == PF_DATABASE_KIND_SQLITE)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb), connection, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (schema));
  for (guint i = 0; i < n && ok; i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (schema), i);
      g_autofree char *quoted = pf_sql_quote_identifier (pf_table_get_name (table));
      g_autofree char *qualified = NULL;
      g_autofree char *sql = NULL;
      gint64 count = 0;

      if (pf_table_get_schema_name (table) != NULL)
        {
          g_autofree char *quoted_schema = pf_sql_quote_identifier (pf_table_get_schema_name (table));

          qualified = g_strconcat (quoted_schema, ".", quoted, NULL);
        }
      else
        qualified = g_steal_pointer (&quoted);

      sql = g_strdup_printf ("SELECT count(*) FROM %s", qualified);
      ok = count_table (connection, sql, cancellable, &count, error);
      if (ok)
        pf_row_counts_set (self, pf_table_get_display_name (table), count);
    }

  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  /* A failed statement aborts a PostgreSQL transaction: leave the session
   * usable for whatever runs next on it */
  if (!ok)
    pf_database_end_job (connection);

  return ok ? g_steal_pointer (&self) : NULL;
}

/* ---- JSON -------------------------------------------------------------- */

static PfRowCounts *
read_json_node (JsonNode  *node,
                GError   **error)
{
  g_autoptr(PfRowCounts) self = NULL;
  g_autoptr(GDateTime) taken_at = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonObject *tables;

  if (!pf_json_member_node_get_object (node, "row_counts", &object, error) ||
      !pf_json_member_get_time (object, "taken_at", PF_JSON_MEMBER_REQUIRED, &taken_at, error) ||
      !pf_json_member_get_object (object, "tables", PF_JSON_MEMBER_REQUIRED, &tables, error))
    return NULL;

  self = pf_row_counts_new (taken_at);
  members = json_object_get_members (tables);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      gint64 count;

      if (!pf_json_member_get_int (tables, l->data, PF_JSON_MEMBER_REQUIRED, 0, &count, error))
        return NULL;
      if (count < 0)
        {
          pf_json_member_set_error (error, l->data, _("a row count"));
          return NULL;
        }
      pf_row_counts_set (self, l->data, count);
    }

  return g_steal_pointer (&self);
}

PfRowCounts *
pf_row_counts_new_from_json_node (JsonNode  *node,
                                  GError   **error)
{
  PfRowCounts *result;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(result = read_json_node (node, error)))
    _pf_checklist_progress_invalid (error);
  return result;
}

JsonNode *
pf_row_counts_to_json_node (PfRowCounts *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (PF_IS_ROW_COUNTS (self), NULL);

  names = pf_row_counts_dup_tables (self);

  json_builder_begin_object (builder);
  pf_json_member_set_time (builder, "taken_at", self->taken_at);
  json_builder_set_member_name (builder, "tables");
  json_builder_begin_object (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, names[i]);
      json_builder_add_int_value (builder, pf_row_counts_get (self, names[i]));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ---- access ------------------------------------------------------------ */

GDateTime *
pf_row_counts_get_taken_at (PfRowCounts *self)
{
  g_return_val_if_fail (PF_IS_ROW_COUNTS (self), NULL);

  return self->taken_at;
}

void
pf_row_counts_set (PfRowCounts *self,
                   const char  *table,
                   gint64       count)
{
  g_return_if_fail (PF_IS_ROW_COUNTS (self));
  g_return_if_fail (table != NULL);
  g_return_if_fail (count >= 0);

  g_hash_table_replace (self->tables, g_strdup (table), g_memdup2 (&count, sizeof count));
}

gint64
pf_row_counts_get (PfRowCounts *self,
                   const char  *table)
{
  const gint64 *count;

  g_return_val_if_fail (PF_IS_ROW_COUNTS (self), -1);
  g_return_val_if_fail (table != NULL, -1);

  count = g_hash_table_lookup (self->tables, table);
  return count != NULL ? *count : -1;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

GStrv
pf_row_counts_dup_tables (PfRowCounts *self)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;
  GStrv names;

  g_return_val_if_fail (PF_IS_ROW_COUNTS (self), NULL);

  keys = g_hash_table_get_keys_as_array (self->tables, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);

  names = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (keys[i]);

  return names;
}

/* ---- comparing --------------------------------------------------------- */

static char *
format_count (gint64 count)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

static char *
dup_difference (const char *table,
                gint64      recorded,
                gint64      now)
{
  g_autofree char *recorded_text = format_count (recorded);
  g_autofree char *now_text = format_count (now);

  if (recorded < 0)
    /* Translators: a table that was not there when the counts were recorded */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s is new, with %s row",
                                         "%s is new, with %s rows", now),
                            table, now_text);

  if (now < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s is gone; it had %s row",
                                         "%s is gone; it had %s rows", recorded),
                            table, recorded_text);

  if (recorded == 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s has %s row; 1 was recorded",
                                         "%s has %s rows; 1 was recorded", now),
                            table, now_text);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s has %s row; %s were recorded",
                                       "%s has %s rows; %s were recorded", now),
                          table, now_text, recorded_text);
}

GPtrArray *
pf_row_counts_compare (PfRowCounts *recorded,
                       PfRowCounts *now)
{
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  guint i = 0;
  guint j = 0;

  g_return_val_if_fail (PF_IS_ROW_COUNTS (recorded), NULL);
  g_return_val_if_fail (PF_IS_ROW_COUNTS (now), NULL);

  before = pf_row_counts_dup_tables (recorded);
  after = pf_row_counts_dup_tables (now);

  /* A merge of the two sorted lists, so the sentences come by table */
  while (before[i] != NULL || after[j] != NULL)
    {
      int order;

      if (before[i] == NULL)
        order = 1;
      else if (after[j] == NULL)
        order = -1;
      else
        order = strcmp (before[i], after[j]);

      if (order < 0)
        {
          g_ptr_array_add (sentences, dup_difference (before[i], pf_row_counts_get (recorded, before[i]), -1));
          i++;
        }
      else if (order > 0)
        {
          g_ptr_array_add (sentences, dup_difference (after[j], -1, pf_row_counts_get (now, after[j])));
          j++;
        }
      else
        {
          gint64 old_count = pf_row_counts_get (recorded, before[i]);
          gint64 new_count = pf_row_counts_get (now, after[j]);

          if (old_count != new_count)
            g_ptr_array_add (sentences, dup_difference (before[i], old_count, new_count));
          i++;
          j++;
        }
    }

  return g_steal_pointer (&sentences);
}
