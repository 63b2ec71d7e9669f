/* pf-demo.c — the bundled staff-rota demo database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-demo"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-demo.h"
#include "pf-engine-resources.h"

#define DEMO_RESOURCE "/io/github/preflightdb/Preflight/engine/demo.sql"
#define DEMO_BASENAME "demo.sqlite3"

/* Two threads asking at once would only build the same file twice; the
 * lock just saves the work. Other processes are safe thanks to the rename. */
static GMutex demo_lock;

static GBytes *
lookup_demo_sql (GError **error)
{
  /* Through the resource itself, not g_resources_lookup_data(): that also
   * makes the linker keep the resource's object file from the static
   * engine library, which nothing else references. */
  return g_resource_lookup_data (pf_engine_get_resource (), DEMO_RESOURCE,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

static gint32
version_for_sql (GBytes *sql)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  guint32 bits;

  g_checksum_update (checksum, g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
  g_checksum_get_digest (checksum, digest, &len);

  /* The first 31 bits, so PRAGMA user_version stays positive; never 0,
   * which is what a database that was never stamped reports. */
  bits = ((guint32) digest[0] << 24 | (guint32) digest[1] << 16 |
          (guint32) digest[2] << 8 | (guint32) digest[3]) >> 1;

  return bits != 0 ? (gint32) bits : 1;
}

/**
 * pf_demo_get_bundled_version:
 *
 * Returns: the version stamped into PRAGMA user_version of a demo database
 *   built from the SQL bundled in this binary, or 0 if it is missing.
 */
gint32
pf_demo_get_bundled_version (void)
{
  g_autoptr(GBytes) sql = lookup_demo_sql (NULL);

  return sql != NULL ? version_for_sql (sql) : 0;
}

/**
 * pf_demo_get_path:
 *
 * Returns: (transfer full): where the demo database lives (it may not exist yet)
 */
char *
pf_demo_get_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, DEMO_BASENAME, NULL);
}

/* TRUE when @path is an intact SQLite database stamped with @version. Any
 * problem (missing, garbage, truncated, older demo) means "rebuild". */
static gboolean
demo_is_current (const char *path,
                 gint32      version)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean current = FALSE;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    goto out;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      sqlite3_column_int (stmt, 0) != version)
    goto out;
  sqlite3_finalize (stmt);
  stmt = NULL;

  /* The header can survive a truncated or half-written file; quick_check
   * reads every page (a few milliseconds for the demo). */
  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    goto out;

  current = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return current;
}

static void
interrupt_cb (GCancellable *cancellable,
              sqlite3      *db)
{
  sqlite3_interrupt (db);
}

/* Loads @sql into the empty file @tmp_path and stamps @version. On failure
 * @error holds the reason only, without the "Could not…" frame. */
static gboolean
build_demo (const char    *tmp_path,
            const char    *sql,
            gint32         version,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *stamp = NULL;
  sqlite3 *db = NULL;
  char *errmsg = NULL;
  gulong handler_id = 0;
  int rc;
  int fd;

  rc = sqlite3_open_v2 (tmp_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s", db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return FALSE;
    }

  if (cancellable != NULL)
    handler_id = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb), db, NULL);

  /* The file is private until the rename, so no journal and no syncing
   * while loading; one fsync before the rename makes it durable. Foreign
   * keys are off so the planted orphans can go in. */
  stamp = g_strdup_printf ("PRAGMA user_version = %d;", version);
  rc = sqlite3_exec (db,
                     "PRAGMA journal_mode = OFF;"
                     "PRAGMA synchronous = OFF;"
                     "PRAGMA foreign_keys = OFF;"
                     "BEGIN IMMEDIATE;",
                     NULL, NULL, &errmsg);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, stamp, NULL, NULL, &errmsg);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT;", NULL, NULL, &errmsg);

  if (handler_id != 0)
    g_cancellable_disconnect (cancellable, handler_id);

  if (rc != SQLITE_OK)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "%s", errmsg != NULL ? errmsg : sqlite3_errstr (rc));
      sqlite3_free (errmsg);
      sqlite3_close (db);
      return FALSE;
    }

  if (sqlite3_close (db) != SQLITE_OK)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, sqlite3_errmsg (db));
      return FALSE;
    }

  fd = g_open (tmp_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  return TRUE;
}

static char *
pf_demo_ensure_locked (GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GBytes) sql_bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = pf_demo_get_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp_path = NULL;
  g_autofree char *sql = NULL;
  gint64 begin;
  gint32 version;
  int fd;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  sql_bytes = lookup_demo_sql (&local_error);
  if (sql_bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: the first %s is a folder, the second a
                    * technical detail of what is missing */
                   _("Could not prepare the demo database in “%s”: "
                     "the demo is missing from this build (%s)"),
                   dir, local_error->message);
      return NULL;
    }

  version = version_for_sql (sql_bytes);
  if (demo_is_current (path, version))
    return g_steal_pointer (&path);

  begin = g_get_monotonic_time ();

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: the first %s is a folder, the second the
                    * reason it failed */
                   _("Could not prepare the demo database in “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  /* Build next to the final file so the rename is atomic: a reader sees
   * the old demo or the new one, never half of one. */
  tmp_path = g_build_filename (dir, ".demo-XXXXXX.sqlite3", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not prepare the demo database in “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  /* Copied to be sure of the terminating NUL sqlite3_exec() needs. */
  sql = g_strndup (g_bytes_get_data (sql_bytes, NULL), g_bytes_get_size (sql_bytes));

  if (!build_demo (tmp_path, sql, version, cancellable, &local_error))
    {
      g_unlink (tmp_path);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("Could not prepare the demo database in “%s”: %s"),
                     dir, local_error->message);
      return NULL;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not prepare the demo database in “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  g_debug ("Built the demo database %s (version %d) in %.1f ms",
           path, version, (g_get_monotonic_time () - begin) / 1000.0);

  return g_steal_pointer (&path);
}

/**
 * pf_demo_ensure:
 * @cancellable: (nullable): interrupts a running build
 * @error: return location for an error
 *
 * Makes sure the demo database in the user cache dir matches the bundled
 * SQL, building it when it is missing, damaged or from another version.
 *
 * Returns: (transfer full): the path of the demo database, or %NULL
 */
char *
pf_demo_ensure (GCancellable  *cancellable,
                GError       **error)
{
  char *path;

  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&demo_lock);
  path = pf_demo_ensure_locked (cancellable, error);
  g_mutex_unlock (&demo_lock);

  return path;
}

static void
pf_demo_ensure_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GError *error = NULL;
  char *path;

  path = pf_demo_ensure (cancellable, &error);
  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

void
pf_demo_ensure_async (GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_demo_ensure_async);
  g_task_set_name (task, "[pf-demo] ensure");
  g_task_run_in_thread (task, pf_demo_ensure_thread);
}

char *
pf_demo_ensure_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pf_demo_ensure_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the demo's Django project ------------------------------------------ */

#define PROJECT_RESOURCE "/io/github/preflightdb/Preflight/engine/project/"
#define PROJECT_BASENAME "demo-project"

/**
 * pf_demo_get_project_path:
 *
 * Returns: (transfer full): where the demo project lives (it may not exist yet)
 */
char *
pf_demo_get_project_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, PROJECT_BASENAME, NULL);
}

/* Copies the resource folder @resource_dir into @dir; records every path
 * written in @written */
static gboolean
write_project_dir (const char    *resource_dir,
                   const char    *dir,
                   GHashTable    *written,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_auto(GStrv) children = NULL;

  children = g_resource_enumerate_children (pf_engine_get_resource (), resource_dir,
                                            G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (children == NULL)
    return FALSE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not prepare the demo project in “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  g_hash_table_add (written, g_strdup (dir));

  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *resource = g_strconcat (resource_dir, children[i], NULL);
      g_autofree char *name = g_strdup (children[i]);
      g_autofree char *path = NULL;
      g_autofree char *current = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize current_length = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (g_str_has_suffix (name, "/"))
        {
          name[strlen (name) - 1] = '\0';
          path = g_build_filename (dir, name, NULL);
          if (!write_project_dir (resource, path, written, cancellable, error))
            return FALSE;
          continue;
        }

      path = g_build_filename (dir, name, NULL);
      bytes = g_resource_lookup_data (pf_engine_get_resource (), resource,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return FALSE;
      g_hash_table_add (written, g_strdup (path));

      /* Unchanged files keep their timestamps */
      if (g_file_get_contents (path, &current, &current_length, NULL) &&
          current_length == g_bytes_get_size (bytes) &&
          memcmp (current, g_bytes_get_data (bytes, NULL), current_length) == 0)
        continue;

      if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
        return FALSE;
    }

  return TRUE;
}

/* Deletes what an older build bundled and this one does not (a migrations
 * folder's __init__.py matters: its absence is one of the planted problems) */
static void
remove_stale (const char *dir,
              GHashTable *written)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_stale (path, written);
      if (!g_hash_table_contains (written, path))
        {
          if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
            g_rmdir (path);
          else
            g_unlink (path);
        }
    }
}

/**
 * pf_demo_ensure_project:
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Writes the bundled demo project next to the demo database.
 *
 * Returns: (transfer full): the project folder, or %NULL
 */
char *
pf_demo_ensure_project (GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = pf_demo_get_project_path ();
  gboolean ok;

  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&demo_lock);
  ok = write_project_dir (PROJECT_RESOURCE, path, written, cancellable, error);
  if (ok)
    remove_stale (path, written);
  g_mutex_unlock (&demo_lock);

  return ok ? g_steal_pointer (&path) : NULL;
}
