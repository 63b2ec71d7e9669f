/* pf-sqlite-database.c — a read-only connection to a SQLite file
 *
 * Copyright 2026 The Preflight authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-sqlite-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-database-private.h"
#include "pf-sql.h"
#include "pf-sqlite-database.h"
#include "pf-sqlite-database-private.h"

/* Long enough to ride out another program's short write, short enough
 * that a held lock is reported rather than felt as a frozen window */
#define BUSY_TIMEOUT_MSEC 1000

struct _PfSqliteDatabase
{
  PfDatabase  parent_instance;

  sqlite3    *db;
  /* Guards @db against pf_database_interrupt() from another thread while
   * the owner closes it; the owner reads @db without it. */
  GMutex      interrupt_lock;
};

G_DEFINE_FINAL_TYPE (PfSqliteDatabase, pf_sqlite_database, PF_TYPE_DATABASE)

static void
close_handle (PfSqliteDatabase *self)
{
  sqlite3 *db;

  g_mutex_lock (&self->interrupt_lock);
  db = g_steal_pointer (&self->db);
  g_mutex_unlock (&self->interrupt_lock);

  /* _v2: statements a check leaked must not keep the file open forever */
  g_clear_pointer (&db, sqlite3_close_v2);
}

typedef enum {
  PHASE_OPEN,
  PHASE_INTROSPECT,
} Phase;

typedef gboolean (*RowFunc) (sqlite3_stmt  *stmt,
                             gpointer       user_data,
                             GError       **error);

static const char *
reason_for_code (int              rc,
                 int              system_errno,
                 PfDatabaseError *code)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      *code = PF_DATABASE_ERROR_NOT_A_DATABASE;
      return _("the file is not a SQLite database");

    case SQLITE_CORRUPT:
      *code = PF_DATABASE_ERROR_NOT_A_DATABASE;
      return _("the file is damaged (SQLite reports it as corrupt)");

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      *code = PF_DATABASE_ERROR_LOCKED;
      return _("the file is locked by another program; try again when it has finished");

    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      if (system_errno == EACCES || system_errno == EPERM)
        {
          *code = PF_DATABASE_ERROR_PERMISSION_DENIED;
          return _("you do not have permission to read the file");
        }
      break;

    case SQLITE_READONLY:
      /* SQLITE_READONLY_ROLLBACK: a hot journal that only a writer can undo */
      if (rc == SQLITE_READONLY_ROLLBACK)
        {
          *code = PF_DATABASE_ERROR_FAILED;
          /* Translators: “sqlite3” is the name of a command */
          return _("the file holds an unfinished write from a crashed program, which a "
                   "read-only connection cannot undo; open it once with sqlite3 to recover it");
        }
      break;

    default:
      break;
    }

  *code = PF_DATABASE_ERROR_FAILED;
  return NULL;
}

/* Turns a SQLite result code into the one sentence callers show */
static void
set_sqlite_error (PfSqliteDatabase  *self,
                  Phase              phase,
                  int                rc,
                  GCancellable      *cancellable,
                  GError           **error)
{
  g_autofree char *fallback = NULL;
  PfDatabaseError code;
  const char *reason;
  int system_errno = self->db ? sqlite3_system_errno (self->db) : 0;

  if ((rc & 0xff) == SQLITE_INTERRUPT || g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
      return;
    }

  if (!(reason = reason_for_code (rc, system_errno, &code)))
    {
      const char *message = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

      /* Translators: %s is an error message from the SQLite library,
       * usually in English */
      reason = fallback = g_strdup_printf (_("SQLite reported “%s”"), message);
      if (phase == PHASE_INTROSPECT)
        code = PF_DATABASE_ERROR_QUERY;
    }

  if (phase == PHASE_OPEN)
    _pf_database_set_error (PF_DATABASE (self), error, code, "%s", reason);
  else
    g_set_error (error, PF_DATABASE_ERROR, code,
                 /* Translators: the first %s is the name of a database,
                  * the second the reason */
                 _("Could not read the structure of “%s”: %s"),
                 pf_database_get_name (PF_DATABASE (self)), reason);
}

/* Runs @sql with text parameters, calling @func for each row */
static gboolean
run_query (PfSqliteDatabase    *self,
           Phase                phase,
           GCancellable        *cancellable,
           const char          *sql,
           const char * const  *params,
           RowFunc              func,
           gpointer             user_data,
           GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if ((rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL)) != SQLITE_OK)
    {
      set_sqlite_error (self, phase, rc, cancellable, error);
      return FALSE;
    }

  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (func != NULL && !func (stmt, user_data, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, phase, rc, cancellable, error);
      return FALSE;
    }

  /* A statement that finished despite a late cancel still counts as cancelled */
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
interrupt_cb (GCancellable *cancellable,
              sqlite3      *db)
{
  sqlite3_interrupt (db);
}

static gulong
connect_interrupt (GCancellable *cancellable,
                   sqlite3      *db)
{
  if (cancellable == NULL)
    return 0;

  return g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb), db, NULL);
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static gboolean
pf_sqlite_database_open (PfDatabase    *database,
                         GCancellable  *cancellable,
                         GError       **error)
{
  PfSqliteDatabase *self = PF_SQLITE_DATABASE (database);
  const char *path = pf_connection_profile_get_path (pf_database_get_profile (database));
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  GStatBuf st;
  gulong handler;
  int fd;
  int rc;
  gboolean ret;

  g_assert (self->db == NULL);

  if (path == NULL || g_stat (path, &st) != 0)
    {
      int errsv = path ? errno : ENOENT;

      if (errsv == EACCES)
        _pf_database_set_error (database, error, PF_DATABASE_ERROR_PERMISSION_DENIED,
                                "%s", _("you do not have permission to read the file"));
      else if (errsv == ENOENT || errsv == ENOTDIR)
        _pf_database_set_error (database, error, PF_DATABASE_ERROR_NOT_FOUND,
                                "%s", _("the file does not exist"));
      else
        _pf_database_set_error (database, error, PF_DATABASE_ERROR_FAILED,
                                "%s", g_strerror (errsv));
      return FALSE;
    }

  if (S_ISDIR (st.st_mode))
    {
      _pf_database_set_error (database, error, PF_DATABASE_ERROR_NOT_A_DATABASE,
                              "%s", _("it is a folder, not a SQLite database"));
      return FALSE;
    }

  /* SQLite reports an unreadable file as a vague SQLITE_CANTOPEN, so ask
   * the kernel first for a sentence people can act on */
  if ((fd = g_open (path, O_RDONLY | O_CLOEXEC, 0)) < 0)
    {
      int errsv = errno;

      if (errsv == EACCES || errsv == EPERM)
        _pf_database_set_error (database, error, PF_DATABASE_ERROR_PERMISSION_DENIED,
                                "%s", _("you do not have permission to read the file"));
      else
        _pf_database_set_error (database, error, PF_DATABASE_ERROR_FAILED,
                                "%s", g_strerror (errsv));
      return FALSE;
    }
  g_close (fd, NULL);

  /* '?', '#' and '%' in the path must not be taken as URI syntax */
  escaped = g_uri_escape_string (path, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH, FALSE);
  uri = g_strconcat ("file:", escaped, "?mode=ro", NULL);

  g_mutex_lock (&self->interrupt_lock);
  rc = sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  g_mutex_unlock (&self->interrupt_lock);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, PHASE_OPEN, rc, cancellable, error);
      close_handle (self);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MSEC);

  /* sqlite3_open_v2() reads nothing; make a bad or locked file fail now */
  handler = connect_interrupt (cancellable, self->db);
  ret = run_query (self, PHASE_OPEN, cancellable,
                   "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL, error);
  g_cancellable_disconnect (cancellable, handler);

  if (!ret)
    {
      close_handle (self);
      return FALSE;
    }

  {
    g_autofree char *version = g_strdup_printf ("SQLite %s", sqlite3_libversion ());

    _pf_database_set_server_version (database, version);
    _pf_database_set_size (database, st.st_size);
  }

  return TRUE;
}

/* ---- introspection ------------------------------------------------------ */

typedef struct
{
  PfSqliteDatabase *self;
  GCancellable     *cancellable;
  PfSchema         *schema;
  PfTable          *table;
  GPtrArray        *primary_key;    /* char*, indexed by pk order − 1 */
  GPtrArray        *indexes;        /* PfIndex, while index_list is read */
  PfForeignKey     *foreign_key;    /* the key being grouped */
  GHashTable       *omitted;        /* PfForeignKey → TRUE: parent columns to resolve */
  GHashTable       *index_sqls;     /* index name → CREATE INDEX text */
  const char       *index_sql;      /* of the index being read */
  gint64            count;
} Introspection;

static gboolean
add_table_cb (sqlite3_stmt  *stmt,
              gpointer       user_data,
              GError       **error)
{
  Introspection *in = user_data;
  g_autoptr(PfTable) table = NULL;

  table = pf_table_new (NULL, (const char *)sqlite3_column_text (stmt, 0));
  pf_table_set_without_rowid (table, sqlite3_column_int (stmt, 1) != 0);
  pf_schema_add_table (in->schema, table);

  return TRUE;
}

static gboolean
add_column_cb (sqlite3_stmt  *stmt,
               gpointer       user_data,
               GError       **error)
{
  Introspection *in = user_data;
  g_autoptr(PfColumn) column = NULL;
  int pk = sqlite3_column_int (stmt, 4);

  column = pf_column_new ((const char *)sqlite3_column_text (stmt, 0),
                          (const char *)sqlite3_column_text (stmt, 1),
                          sqlite3_column_int (stmt, 2) != 0,
                          pf_table_get_columns (in->table)->len + 1);
  column->default_value = dup_column_text (stmt, 3);

  if (pk > 0)
    {
      if ((guint)pk > in->primary_key->len)
        g_ptr_array_set_size (in->primary_key, pk);
      g_free (g_ptr_array_index (in->primary_key, pk - 1));
      g_ptr_array_index (in->primary_key, pk - 1) = g_strdup (column->name);
    }

  pf_table_add_column (in->table, column);

  return TRUE;
}

static GStrv
steal_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (GStrv)g_ptr_array_steal (array, NULL);
}

static gboolean
add_foreign_key_cb (sqlite3_stmt  *stmt,
                    gpointer       user_data,
                    GError       **error)
{
  Introspection *in = user_data;
  PfForeignKey *fk;
  int seq = sqlite3_column_int (stmt, 1);
  guint n;

  /* Rows come grouped by id, seq 0 first; a composite key spans rows */
  if (seq == 0)
    {
      fk = pf_foreign_key_new ();
      fk->table = g_strdup (pf_table_get_name (in->table));
      fk->parent_table = dup_column_text (stmt, 2);
      fk->on_update = pf_foreign_key_action_from_sql ((const char *)sqlite3_column_text (stmt, 5));
      fk->on_delete = pf_foreign_key_action_from_sql ((const char *)sqlite3_column_text (stmt, 6));
      fk->columns = g_new0 (char *, 1);
      fk->parent_columns = g_new0 (char *, 1);
      pf_table_add_foreign_key (in->table, fk);
      in->foreign_key = fk;
      pf_foreign_key_unref (fk);

      /* "REFERENCES parent" without columns means the parent's primary key */
      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        g_hash_table_add (in->omitted, fk);
    }

  fk = in->foreign_key;
  g_assert (fk != NULL);

  n = g_strv_length (fk->columns);
  fk->columns = g_renew (char *, fk->columns, n + 2);
  fk->columns[n] = dup_column_text (stmt, 3);
  fk->columns[n + 1] = NULL;

  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    {
      n = g_strv_length (fk->parent_columns);
      fk->parent_columns = g_renew (char *, fk->parent_columns, n + 2);
      fk->parent_columns[n] = dup_column_text (stmt, 4);
      fk->parent_columns[n + 1] = NULL;
    }

  return TRUE;
}

static gboolean
collect_index_cb (sqlite3_stmt  *stmt,
                  gpointer       user_data,
                  GError       **error)
{
  Introspection *in = user_data;
  PfIndex *index;
  const char *origin = (const char *)sqlite3_column_text (stmt, 2);

  index = pf_index_new ((const char *)sqlite3_column_text (stmt, 0));
  index->unique = sqlite3_column_int (stmt, 1) != 0;
  index->partial = sqlite3_column_int (stmt, 3) != 0;
  if (g_strcmp0 (origin, "pk") == 0)
    index->origin = PF_INDEX_ORIGIN_PRIMARY_KEY;
  else if (g_strcmp0 (origin, "u") == 0)
    index->origin = PF_INDEX_ORIGIN_UNIQUE;
  else
    index->origin = PF_INDEX_ORIGIN_INDEX;

  g_ptr_array_add (in->indexes, index);

  return TRUE;
}

static gboolean
store_index_sql_cb (sqlite3_stmt  *stmt,
                    gpointer       user_data,
                    GError       **error)
{
  Introspection *in = user_data;

  g_hash_table_insert (in->index_sqls, dup_column_text (stmt, 0), dup_column_text (stmt, 1));

  return TRUE;
}

static gboolean
store_count_cb (sqlite3_stmt  *stmt,
                gpointer       user_data,
                GError       **error)
{
  Introspection *in = user_data;

  in->count = sqlite3_column_int64 (stmt, 0);

  return TRUE;
}

/* The @nth (0-based) key of CREATE INDEX … ON t (key, key, …) as written,
 * for expression keys that PRAGMA index_xinfo cannot name. Quotes and
 * nested parentheses are honoured; NULL if @sql cannot be split. */
static char *
dup_index_key_text (const char *sql,
                    guint       nth)
{
  const char *p = sql;
  const char *start = NULL;
  guint key = 0;
  int depth = 0;

  if (sql == NULL)
    return NULL;

  for (; *p; p++)
    {
      char close = 0;

      switch (*p)
        {
        case '\'': close = '\''; break;
        case '"': close = '"'; break;
        case '`': close = '`'; break;
        case '[': close = ']'; break;
        default: break;
        }

      if (close)
        {
          /* Doubled quotes stay inside the quoted text */
          for (p++; *p && !(*p == close && p[1] != close); p++)
            if (*p == close)
              p++;
          if (*p == '\0')
            return NULL;
          continue;
        }

      if (*p == '(')
        {
          if (depth++ == 0)
            start = p + 1;
        }
      else if (depth == 1 && (*p == ',' || *p == ')'))
        {
          if (key == nth)
            {
              g_autofree char *text = g_strstrip (g_strndup (start, p - start));
              gsize len = strlen (text);

              /* The sort order is not part of the key */
              if (len > 4 && g_ascii_strcasecmp (text + len - 4, " ASC") == 0)
                text[len - 4] = '\0';
              else if (len > 5 && g_ascii_strcasecmp (text + len - 5, " DESC") == 0)
                text[len - 5] = '\0';

              return g_strdup (g_strstrip (text));
            }
          key++;
          start = p + 1;
          if (*p == ')')
            return NULL;
        }
      else if (*p == ')')
        depth--;
    }

  return NULL;
}

typedef struct
{
  Introspection *in;
  GPtrArray     *columns;
} IndexColumns;

static gboolean
add_index_column_cb (sqlite3_stmt  *stmt,
                     gpointer       user_data,
                     GError       **error)
{
  IndexColumns *ic = user_data;
  int cid = sqlite3_column_int (stmt, 0);
  char *text;

  if (cid == -1)
    text = g_strdup ("rowid");
  else if (cid == -2)
    {
      text = dup_index_key_text (ic->in->index_sql, ic->columns->len);
      if (text == NULL)
        /* Translators: stands for an index key that is an expression
         * rather than a column */
        text = g_strdup (_("(expression)"));
    }
  else
    text = dup_column_text (stmt, 1);

  g_ptr_array_add (ic->columns, text);

  return TRUE;
}

static int
compare_index_names (gconstpointer a,
                     gconstpointer b)
{
  const PfIndex *ia = *(const PfIndex * const *)a;
  const PfIndex *ib = *(const PfIndex * const *)b;

  return strcmp (ia->name, ib->name);
}

static gboolean
introspect_table (Introspection  *in,
                  PfTable        *table,
                  GError        **error)
{
  PfSqliteDatabase *self = in->self;
  const char *params[] = { pf_table_get_name (table), NULL };
  g_autoptr(GPtrArray) primary_key = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) indexes = g_ptr_array_new_with_free_func ((GDestroyNotify)pf_index_unref);
  g_autofree char *quoted = NULL;
  g_autofree char *count_sql = NULL;
  g_auto(GStrv) pk = NULL;

  in->table = table;
  in->primary_key = primary_key;

  /* table_xinfo also lists generated columns; hidden = 1 are virtual-table
   * internals, which we never see as we skip virtual tables */
  if (!run_query (self, PHASE_INTROSPECT, in->cancellable,
                  "SELECT name, type, \"notnull\", dflt_value, pk"
                  " FROM pragma_table_xinfo(?1) WHERE hidden <> 1 ORDER BY cid",
                  params, add_column_cb, in, error))
    return FALSE;

  pk = steal_strv (primary_key);
  pf_table_set_primary_key (table, (const char * const *)pk);

  /* INTEGER PRIMARY KEY is the rowid: never NULL, assigned by SQLite */
  if (!pf_table_get_without_rowid (table) && g_strv_length (pk) == 1)
    {
      PfColumn *column = pf_table_lookup_column (table, pk[0]);

      if (column != NULL && g_ascii_strcasecmp (column->type, "INTEGER") == 0)
        {
          column->not_null = TRUE;
          column->is_identity = TRUE;
        }
    }

  /* Declaration order is the reverse of SQLite's ids */
  in->foreign_key = NULL;
  if (!run_query (self, PHASE_INTROSPECT, in->cancellable,
                  "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete"
                  " FROM pragma_foreign_key_list(?1) ORDER BY id DESC, seq",
                  params, add_foreign_key_cb, in, error))
    return FALSE;
  in->foreign_key = NULL;

  in->indexes = indexes;
  if (!run_query (self, PHASE_INTROSPECT, in->cancellable,
                  "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?1)",
                  params, collect_index_cb, in, error))
    return FALSE;
  in->indexes = NULL;
  g_ptr_array_sort (indexes, compare_index_names);

  for (guint i = 0; i < indexes->len; i++)
    {
      PfIndex *index = g_ptr_array_index (indexes, i);
      const char *index_params[] = { index->name, NULL };
      g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
      IndexColumns ic = { in, columns };

      in->index_sql = g_hash_table_lookup (in->index_sqls, index->name);
      if (!run_query (self, PHASE_INTROSPECT, in->cancellable,
                      "SELECT cid, name FROM pragma_index_xinfo(?1) WHERE \"key\" = 1 ORDER BY seqno",
                      index_params, add_index_column_cb, &ic, error))
        return FALSE;

      index->columns = steal_strv (columns);
      index->definition = g_strdup (in->index_sql);
      in->index_sql = NULL;
      pf_table_add_index (table, index);
    }

  /* SQLite keeps no statistics we could trust, so count exactly */
  quoted = pf_sql_quote_identifier (pf_table_get_name (table));
  count_sql = g_strdup_printf ("SELECT count(*) FROM main.%s", quoted);
  in->count = -1;
  if (!run_query (self, PHASE_INTROSPECT, in->cancellable, count_sql, NULL,
                  store_count_cb, in, error))
    return FALSE;
  pf_table_set_row_estimate (table, in->count, TRUE);

  in->table = NULL;
  in->primary_key = NULL;

  return TRUE;
}

static char *
dup_canonical_column (PfTable    *table,
                      const char *name)
{
  GPtrArray *columns = pf_table_get_columns (table);

  /* SQLite column names match without regard to ASCII case */
  for (guint i = 0; i < columns->len; i++)
    {
      const PfColumn *column = g_ptr_array_index (columns, i);

      if (g_ascii_strcasecmp (column->name, name) == 0)
        return g_strdup (column->name);
    }

  return g_strdup (name);
}

/* REFERENCES may name the parent in another case, or omit its columns:
 * give every key the parent's names as its CREATE TABLE spells them. */
static void
resolve_parents (Introspection *in)
{
  guint n_tables = pf_schema_get_n_tables (in->schema);

  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (in->schema), i);
      GPtrArray *fks = pf_table_get_foreign_keys (table);

      for (guint j = 0; j < fks->len; j++)
        {
          PfForeignKey *fk = g_ptr_array_index (fks, j);
          PfTable *parent = pf_schema_lookup_table (in->schema, NULL, fk->parent_table);

          if (parent == NULL)
            continue;

          g_free (fk->parent_table);
          fk->parent_table = g_strdup (pf_table_get_name (parent));

          if (g_hash_table_contains (in->omitted, fk))
            {
              g_strfreev (fk->parent_columns);
              fk->parent_columns = g_strdupv ((char **)pf_table_get_primary_key (parent));
            }
          else
            {
              for (guint k = 0; fk->parent_columns[k]; k++)
                {
                  char *name = dup_canonical_column (parent, fk->parent_columns[k]);

                  g_free (fk->parent_columns[k]);
                  fk->parent_columns[k] = name;
                }
            }
        }
    }
}

static PfSchema *
pf_sqlite_database_introspect (PfDatabase    *database,
                               GCancellable  *cancellable,
                               GError       **error)
{
  PfSqliteDatabase *self = PF_SQLITE_DATABASE (database);
  g_autoptr(PfSchema) schema = pf_schema_new ();
  g_autoptr(GHashTable) omitted = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) index_sqls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Introspection in = { self, cancellable, schema, NULL, NULL, NULL, NULL, omitted, index_sqls, NULL, -1 };
  gulong handler;
  gboolean ok;

  g_return_val_if_fail (self->db != NULL, NULL);

  handler = connect_interrupt (cancellable, self->db);

  /* One read transaction, so every statement sees the same snapshot */
  ok = run_query (self, PHASE_INTROSPECT, cancellable, "BEGIN", NULL, NULL, NULL, error);

  /* Views are not tables; virtual tables (and their shadow tables) need
   * their module and have no keys, so they are left out too */
  ok = ok && run_query (self, PHASE_INTROSPECT, cancellable,
                        "SELECT name, wr FROM pragma_table_list"
                        " WHERE schema = 'main' AND type = 'table'"
                        " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                        NULL, add_table_cb, &in, error);

  /* Autoindexes have no SQL (NULL), so they are simply not found later */
  ok = ok && run_query (self, PHASE_INTROSPECT, cancellable,
                        "SELECT name, sql FROM sqlite_master"
                        " WHERE type = 'index' AND sql IS NOT NULL",
                        NULL, store_index_sql_cb, &in, error);

  for (guint i = 0; ok && i < pf_schema_get_n_tables (schema); i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (schema), i);

      ok = introspect_table (&in, table, error);
    }

  if (ok)
    resolve_parents (&in);

  /* Ends the read transaction whatever happened */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  g_cancellable_disconnect (cancellable, handler);

  return ok ? g_steal_pointer (&schema) : NULL;
}

static void
pf_sqlite_database_close (PfDatabase *database)
{
  close_handle (PF_SQLITE_DATABASE (database));
}

/* ---- scan support ------------------------------------------------------- */

static PfDatabase *
pf_sqlite_database_open_worker (PfDatabase    *database,
                                const char    *snapshot,
                                GCancellable  *cancellable,
                                GError       **error)
{
  PfConnectionProfile *profile = pf_database_get_profile (database);
  const char *path = pf_connection_profile_get_path (profile);
  g_autoptr(PfSqliteDatabase) worker = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  gulong handler;
  gboolean ok;
  int rc;

  worker = (PfSqliteDatabase *)pf_sqlite_database_new (profile);

  if (path == NULL)
    {
      _pf_database_set_error (PF_DATABASE (worker), error, PF_DATABASE_ERROR_NOT_FOUND,
                              "%s", _("the file does not exist"));
      return NULL;
    }

  escaped = g_uri_escape_string (path, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH, FALSE);
  uri = g_strconcat ("file:", escaped, "?mode=ro", NULL);

  /* NOMUTEX: a worker connection is only ever used by its own thread
   * (sqlite3_interrupt() is safe from any thread regardless) */
  g_mutex_lock (&worker->interrupt_lock);
  rc = sqlite3_open_v2 (uri, &worker->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                        NULL);
  g_mutex_unlock (&worker->interrupt_lock);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (worker, PHASE_OPEN, rc, cancellable, error);
      close_handle (worker);
      return NULL;
    }

  sqlite3_extended_result_codes (worker->db, TRUE);
  sqlite3_busy_timeout (worker->db, BUSY_TIMEOUT_MSEC);

  /* BEGIN is deferred: reading the schema takes the shared lock now, so
   * this connection keeps seeing the state it saw when it opened (the
   * scan opens every worker before the first job runs). */
  handler = connect_interrupt (cancellable, worker->db);
  ok = run_query (worker, PHASE_OPEN, cancellable, "BEGIN", NULL, NULL, NULL, error)
       && run_query (worker, PHASE_OPEN, cancellable,
                     "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL, error);
  g_cancellable_disconnect (cancellable, handler);

  if (!ok)
    {
      close_handle (worker);
      return NULL;
    }

  {
    g_autofree char *version = g_strdup_printf ("SQLite %s", sqlite3_libversion ());

    _pf_database_set_server_version (PF_DATABASE (worker), version);
    _pf_database_set_size (PF_DATABASE (worker), pf_database_get_size (database));
  }

  return PF_DATABASE (g_steal_pointer (&worker));
}

static char *
pf_sqlite_database_begin_snapshot (PfDatabase    *database,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  /* Each worker's own read transaction pins its view; nothing to share */
  return NULL;
}

static void
pf_sqlite_database_end_snapshot (PfDatabase *database)
{
}

static void
pf_sqlite_database_interrupt (PfDatabase *database)
{
  PfSqliteDatabase *self = PF_SQLITE_DATABASE (database);

  g_mutex_lock (&self->interrupt_lock);
  if (self->db != NULL)
    sqlite3_interrupt (self->db);
  g_mutex_unlock (&self->interrupt_lock);
}

sqlite3 *
_pf_sqlite_database_get_handle (PfSqliteDatabase *self)
{
  g_return_val_if_fail (PF_IS_SQLITE_DATABASE (self), NULL);

  return self->db;
}

static void
set_query_error (PfSqliteDatabase  *self,
                 int                rc,
                 GError           **error)
{
  if ((rc & 0xff) == SQLITE_INTERRUPT)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
  else
    g_set_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_QUERY,
                 /* Translators: %s is an error message from the database, usually in English */
                 _("A query failed: %s"),
                 self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
}

sqlite3_stmt *
_pf_sqlite_database_prepare (PfSqliteDatabase  *self,
                             const char        *sql,
                             GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (PF_IS_SQLITE_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (self->db == NULL)
    {
      g_set_error_literal (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_NOT_OPEN,
                           _("The database is not open"));
      return NULL;
    }

  if ((rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL)) != SQLITE_OK)
    {
      set_query_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

int
_pf_sqlite_database_step (PfSqliteDatabase  *self,
                          sqlite3_stmt      *stmt,
                          GError           **error)
{
  int rc;

  g_return_val_if_fail (PF_IS_SQLITE_DATABASE (self), -1);
  g_return_val_if_fail (stmt != NULL, -1);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  set_query_error (self, rc, error);

  return -1;
}

static void
pf_sqlite_database_finalize (GObject *object)
{
  PfSqliteDatabase *self = (PfSqliteDatabase *)object;

  close_handle (self);
  g_mutex_clear (&self->interrupt_lock);

  G_OBJECT_CLASS (pf_sqlite_database_parent_class)->finalize (object);
}

static void
pf_sqlite_database_class_init (PfSqliteDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PfDatabaseClass *database_class = PF_DATABASE_CLASS (klass);

  object_class->finalize = pf_sqlite_database_finalize;

  /* A scan reads with one connection per thread, and SQLite's memory
   * statistics take one process-wide mutex on every allocation, which the
   * workers then queue for. Only possible before SQLite initialises;
   * afterwards this fails harmlessly (SQLITE_MISUSE). */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

  database_class->open = pf_sqlite_database_open;
  database_class->introspect = pf_sqlite_database_introspect;
  database_class->close = pf_sqlite_database_close;
  database_class->begin_snapshot = pf_sqlite_database_begin_snapshot;
  database_class->end_snapshot = pf_sqlite_database_end_snapshot;
  database_class->open_worker = pf_sqlite_database_open_worker;
  database_class->interrupt = pf_sqlite_database_interrupt;
}

static void
pf_sqlite_database_init (PfSqliteDatabase *self)
{
  g_mutex_init (&self->interrupt_lock);
}

PfDatabase *
pf_sqlite_database_new (PfConnectionProfile *profile)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (profile), NULL);
  g_return_val_if_fail (pf_connection_profile_get_kind (profile) == PF_DATABASE_KIND_SQLITE, NULL);

  return g_object_new (PF_TYPE_SQLITE_DATABASE,
                       "profile", profile,
                       NULL);
}
