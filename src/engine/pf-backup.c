/* pf-backup.c — a backup of the database to a file the user chose, then proof it is good
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both kinds write into a temporary file next to the chosen one
 * (".NAME.XXXXXX.partial", mode 0600), flush it to disk and rename it over
 * the chosen path only when it is complete, so a cancelled or failed backup
 * never leaves half a file where the user expects a backup. Then the file
 * at the chosen path is verified and hashed.
 *
 * SQLite: the source is opened read-only (PfSqliteDatabase: mode=ro,
 * SQLITE_OPEN_READONLY) and a read transaction is begun on it (BEGIN and a
 * first SELECT) before sqlite3_backup_step() runs, and ended only after
 * every table has been counted. sqlite3_backup restarts when another
 * connection changes the source between two steps, because each step
 * otherwise begins a new read transaction; with ours held open, every step
 * reads the same snapshot, so the copy and the counts describe one moment.
 * Other writers: in WAL mode they go on committing (to the WAL, which our
 * snapshot does not see); in rollback-journal mode they wait for our read
 * lock to end (busy timeout) or get SQLITE_BUSY. The copy inherits the
 * source's WAL flag, so it is switched to journal_mode=DELETE before it is
 * closed: the backup is one self-contained file.
 *
 * PostgreSQL: pg_dump --format=custom with the connection in PG*
 * environment variables (keywords without one go in a --dbname conninfo
 * string) and the password in a temporary pgpass file; progress is the
 * temporary file's size against pg_database_size() (a compressed dump is
 * smaller, so the bar moves slower than the work and jumps at the end).
 *
 * Progress is published the Sysprof way, as pf-scan.c does: the worker
 * updates a mutex-guarded fraction/message, and one pending low-priority
 * source notifies the properties on the caller's main context.
 */

#define G_LOG_DOMAIN "pf-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "pf-backup.h"
#include "pf-backup-private.h"
#include "pf-checklist-error.h"
#include "pf-pg-database.h"
#include "pf-pg-database-private.h"
#include "pf-sql.h"
#include "pf-sqlite-database.h"
#include "pf-sqlite-database-private.h"
#include "pf-throttle.h"

#define PG_POLL_INTERVAL_MSEC  200
#define BUSY_RETRY_MSEC        50
/* The share of the bar the copy takes; verification is shown as unknown */
#define COPY_SHARE             0.95

static char *pg_lib_dir = NULL;
static gboolean pg_lib_dir_set = FALSE;
static int pages_per_step = 256;
static guint step_pause_usec = 0;

struct _PfBackup
{
  GObject       parent_instance;

  PfDatabase   *database;
  char         *password;
  char         *output_path;

  /* What the properties say; main context only */
  double        fraction;
  char         *message;

  /* Published by the worker; guarded by @mutex */
  GMutex        mutex;
  GMainContext *context;       /* NULL: do not notify (blocking run) */
  double        shared_fraction;
  char         *shared_message;
  PfThrottle    progress_throttle;
  GStrv         last_argv;
  char         *last_pgpass;
};

G_DEFINE_FINAL_TYPE (PfBackup, pf_backup, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- seams ---------------------------------------------------------------- */

void
_pf_backup_set_pg_lib_dir (const char *dir)
{
  g_free (pg_lib_dir);
  pg_lib_dir = g_strdup (dir);
  pg_lib_dir_set = TRUE;
}

void
_pf_backup_set_pages_per_step (int   pages,
                               guint pause_usec)
{
  pages_per_step = pages > 0 ? pages : 256;
  step_pause_usec = pause_usec;
}

GStrv
_pf_backup_dup_last_argv (PfBackup *self)
{
  GStrv argv;

  g_return_val_if_fail (PF_IS_BACKUP (self), NULL);

  g_mutex_lock (&self->mutex);
  argv = g_strdupv (self->last_argv);
  g_mutex_unlock (&self->mutex);

  return argv;
}

char *
_pf_backup_dup_last_pgpass (PfBackup *self)
{
  char *path;

  g_return_val_if_fail (PF_IS_BACKUP (self), NULL);

  g_mutex_lock (&self->mutex);
  path = g_strdup (self->last_pgpass);
  g_mutex_unlock (&self->mutex);

  return path;
}

/* ---- progress ------------------------------------------------------------- */

static void
flush_progress (PfBackup *self)
{
  g_autofree char *message = NULL;
  double fraction;

  g_mutex_lock (&self->mutex);
  pf_throttle_fired_locked (&self->progress_throttle);
  fraction = self->shared_fraction;
  message = g_strdup (self->shared_message);
  g_mutex_unlock (&self->mutex);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }

  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_steal_pointer (&message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
progress_cb (gpointer data)
{
  flush_progress (data);

  return G_SOURCE_REMOVE;
}

/* Any thread. @message NULL keeps the current one. */
static void
publish (PfBackup   *self,
         double      fraction,
         const char *message)
{
  g_mutex_lock (&self->mutex);

  self->shared_fraction = fraction;
  if (message != NULL && g_strcmp0 (message, self->shared_message) != 0)
    {
      g_free (self->shared_message);
      self->shared_message = g_strdup (message);
    }

  pf_throttle_queue_locked (&self->progress_throttle, self->context, "[pf-backup-progress]",
                            progress_cb, G_OBJECT (self));

  g_mutex_unlock (&self->mutex);
}

/* ---- files ---------------------------------------------------------------- */

/* The reason part of "Could not back up “rota.db” to “…”: <reason>" for
 * an errno met while creating a file in @dir */
static char *
folder_reason (int         errsv,
               const char *dir)
{
  switch (errsv)
    {
    case ENOENT:
      /* Translators: %s is a folder */
      return g_strdup_printf (_("the folder “%s” does not exist"), dir);
    case ENOTDIR:
      /* Translators: %s is a path */
      return g_strdup_printf (_("“%s” is not a folder"), dir);
    case EACCES:
    case EPERM:
      /* Translators: %s is a folder */
      return g_strdup_printf (_("you do not have permission to write in the folder “%s”"), dir);
    case EROFS:
      /* Translators: %s is a folder */
      return g_strdup_printf (_("the folder “%s” is on a read-only disk"), dir);
    case ENOSPC:
    case EDQUOT:
      return g_strdup (_("the disk is full"));
    default:
      return g_strdup (g_strerror (errsv));
    }
}

static void
set_write_error (PfBackup    *self,
                 GError     **error,
                 const char  *reason)
{
  g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_BACKUP_FAILED,
               /* Translators: the first %s is a database, the second the
                * backup file, the third the reason */
               _("Could not back up “%s” to “%s”: %s"),
               pf_database_get_name (self->database), self->output_path, reason);
}

/* Creates the empty temporary file next to the chosen path */
static char *
create_partial (PfBackup  *self,
                GError   **error)
{
  g_autofree char *dir = g_path_get_dirname (self->output_path);
  g_autofree char *base = g_path_get_basename (self->output_path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX.partial", base);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int fd;

  if (g_file_test (self->output_path, G_FILE_TEST_IS_DIR))
    {
      set_write_error (self, error, _("it is a folder; choose a file name"));
      return NULL;
    }

  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int errsv = errno;
      g_autofree char *reason = folder_reason (errsv, dir);

      set_write_error (self, error, reason);
      return NULL;
    }
  g_close (fd, NULL);

  return g_steal_pointer (&path);
}

/* Removes the temporary file and whatever SQLite left beside it */
static void
remove_partial (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  if (path == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_warning ("Could not remove “%s”: %s", file, g_strerror (errno));
    }
}

/* fsync()s the complete temporary file, then renames it over the chosen path */
static gboolean
commit_partial (PfBackup    *self,
                const char  *partial,
                GError     **error)
{
  int fd;

  fd = g_open (partial, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fsync (fd) != 0 || g_rename (partial, self->output_path) != 0)
    {
      int errsv = errno;
      g_autofree char *dir = g_path_get_dirname (self->output_path);
      g_autofree char *reason = folder_reason (errsv, dir);

      if (fd >= 0)
        g_close (fd, NULL);
      set_write_error (self, error, reason);
      return FALSE;
    }
  g_close (fd, NULL);

  return TRUE;
}

/* SHA-256 (hex) and size of @path, read in 64 KiB blocks */
static gboolean
hash_file (const char    *path,
           char         **out_sha256,
           gint64        *out_size,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buffer = g_malloc (64 * 1024);
  gint64 size = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   /* Translators: %s is a file, then the reason */
                   _("Could not read “%s”: %s"), path, g_strerror (errsv));
      return FALSE;
    }

  for (;;)
    {
      gssize n = read (fd, buffer, 64 * 1024);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;

          g_close (fd, NULL);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       _("Could not read “%s”: %s"), path, g_strerror (errsv));
          return FALSE;
        }
      if (n == 0)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_close (fd, NULL);
          return FALSE;
        }
      g_checksum_update (checksum, buffer, n);
      size += n;
    }
  g_close (fd, NULL);

  *out_sha256 = g_strdup (g_checksum_get_string (checksum));
  *out_size = size;

  return TRUE;
}

static char *
format_count (gint64 count)
{
  /* %' groups thousands the way the user's locale does */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

/* ---- SQLite ----------------------------------------------------------------- */

typedef struct
{
  GPtrArray  *names;   /* sorted table names */
  GHashTable *counts;  /* name → gint64* */
  gint64      total;
} Counts;

static void
counts_free (Counts *counts)
{
  g_clear_pointer (&counts->names, g_ptr_array_unref);
  g_clear_pointer (&counts->counts, g_hash_table_unref);
  g_free (counts);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Counts, counts_free)

static void
interrupt_cb (GCancellable *cancellable,
              sqlite3      *db)
{
  sqlite3_interrupt (db);
}

static gboolean
is_busy (int rc)
{
  return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

static void
set_sqlite_query_error (sqlite3       *db,
                        int            rc,
                        GCancellable  *cancellable,
                        GError       **error)
{
  if ((rc & 0xff) == SQLITE_INTERRUPT || g_cancellable_is_cancelled (cancellable))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
  else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_NOT_A_DATABASE,
                 /* Translators: %s is an error message from SQLite, usually in English */
                 _("the file is damaged (SQLite reports “%s”)"), sqlite3_errmsg (db));
  else
    g_set_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_QUERY,
                 /* Translators: %s is an error message from SQLite, usually in English */
                 _("SQLite reported “%s”"), sqlite3_errmsg (db));
}

/* Runs a statement that returns nothing, retrying while the file is busy */
static gboolean
exec_retry (sqlite3       *db,
            const char    *sql,
            GCancellable  *cancellable,
            GError       **error)
{
  for (;;)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          ;
      if (rc == SQLITE_OK || rc == SQLITE_DONE)
        return TRUE;
      if (!is_busy (rc))
        {
          set_sqlite_query_error (db, rc, cancellable, error);
          return FALSE;
        }
      sqlite3_sleep (BUSY_RETRY_MSEC);
    }
}

/* Every ordinary table (not virtual, not SQLite's own) and its count(*) */
static Counts *
count_tables (sqlite3       *db,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(Counts) counts = g_new0 (Counts, 1);
  g_autoptr(sqlite3_stmt) list = NULL;
  gulong handler = 0;
  int rc;

  counts->names = g_ptr_array_new_with_free_func (g_free);
  counts->counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb), db, NULL);

  rc = sqlite3_prepare_v2 (db,
                           "SELECT name FROM sqlite_master"
                           " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                           " AND coalesce (sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%'"
                           " ORDER BY name",
                           -1, &list, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (list)) == SQLITE_ROW)
      g_ptr_array_add (counts->names, g_strdup ((const char *) sqlite3_column_text (list, 0)));

  for (guint i = 0; rc == SQLITE_DONE && i < counts->names->len; i++)
    {
      const char *name = g_ptr_array_index (counts->names, i);
      g_autofree char *quoted = pf_sql_quote_identifier (name);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", quoted);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      gint64 *count = g_new (gint64, 1);

      *count = 0;
      g_hash_table_insert (counts->counts, (gpointer) name, count);

      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          *count = sqlite3_column_int64 (stmt, 0);
          counts->total += *count;
          rc = SQLITE_DONE;
        }
    }

  g_cancellable_disconnect (cancellable, handler);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_query_error (db, rc, cancellable, error);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&counts);
}

static char *
join_names (GPtrArray *names)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "“%s”", (const char *) g_ptr_array_index (names, i));
    }

  return g_string_free (text, FALSE);
}

/* Compares the copy's tables and counts with the source's; NULL when equal */
static char *
compare_counts (Counts *source,
                Counts *copy)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  g_autofree char *list = NULL;

  for (guint i = 0; i < source->names->len; i++)
    if (!g_hash_table_contains (copy->counts, g_ptr_array_index (source->names, i)))
      g_ptr_array_add (missing, g_ptr_array_index (source->names, i));
  for (guint i = 0; i < copy->names->len; i++)
    if (!g_hash_table_contains (source->counts, g_ptr_array_index (copy->names, i)))
      g_ptr_array_add (extra, g_ptr_array_index (copy->names, i));

  if (missing->len > 0)
    {
      list = join_names (missing);
      /* Translators: %s is a list of table names */
      return g_strdup_printf (_("Tables of the database are missing from the copy: %s."), list);
    }
  if (extra->len > 0)
    {
      list = join_names (extra);
      /* Translators: %s is a list of table names */
      return g_strdup_printf (_("The copy has tables the database does not have: %s."), list);
    }

  for (guint i = 0; i < source->names->len; i++)
    {
      const char *name = g_ptr_array_index (source->names, i);
      gint64 in_source = *(gint64 *) g_hash_table_lookup (source->counts, name);
      gint64 in_copy = *(gint64 *) g_hash_table_lookup (copy->counts, name);

      if (in_source != in_copy)
        {
          g_autofree char *a = format_count (in_copy);
          g_autofree char *b = format_count (in_source);

          /* Translators: “%s” is a table, then two row counts */
          return g_strdup_printf (_("The row counts differ: “%s” has %s rows in the copy "
                                    "but %s in the database."), name, a, b);
        }
    }

  return NULL;
}

/* Opens @path read-only and checks it. Returns FALSE only when cancelled;
 * otherwise @out_verified and @out_sentence say how it went, and
 * @out_counts (may be NULL) receives the copy's counts. */
static gboolean
verify_sqlite_file (const char     *path,
                    Counts         *expected,
                    gboolean       *out_verified,
                    char          **out_sentence,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(PfConnectionProfile) profile = pf_connection_profile_new (PF_DATABASE_KIND_SQLITE);
  g_autoptr(PfDatabase) copy = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(Counts) counts = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *n_rows = NULL;
  sqlite3 *db;
  gulong handler = 0;
  int rc;

  *out_verified = FALSE;
  *out_sentence = NULL;

  pf_connection_profile_set_path (profile, path);
  copy = pf_sqlite_database_new (profile);
  if (!pf_database_open (copy, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* "Could not open “x.db”: the file is not a SQLite database" */
      *out_sentence = g_strdup_printf ("%s.", local_error->message);
      return TRUE;
    }

  db = _pf_sqlite_database_get_handle (PF_SQLITE_DATABASE (copy));

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb), db, NULL);
  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check (10)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW
      && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    problem = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_ROW)
    set_sqlite_query_error (db, rc, cancellable, &local_error);
  g_cancellable_disconnect (cancellable, handler);

  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Translators: %s says what went wrong */
      *out_sentence = g_strdup_printf (_("The integrity check could not run: %s."),
                                       local_error->message);
      return TRUE;
    }
  if (problem != NULL)
    {
      /* Translators: %s is the first problem SQLite’s integrity check
       * found, in English */
      *out_sentence = g_strdup_printf (_("The copy is damaged: SQLite’s integrity check "
                                         "reports “%s”."), problem);
      return TRUE;
    }

  counts = count_tables (db, cancellable, &local_error);
  if (counts == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Translators: %s says what went wrong */
      *out_sentence = g_strdup_printf (_("The tables of the copy could not be counted: %s."),
                                       local_error->message);
      return TRUE;
    }

  if (expected != NULL && (problem = compare_counts (expected, counts)) != NULL)
    {
      *out_sentence = g_steal_pointer (&problem);
      return TRUE;
    }

  n_rows = format_count (counts->total);
  *out_verified = TRUE;
  if (expected != NULL)
    *out_sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Integrity check passed; %u table with the same row count as the database (%s rows).",
                                                  "Integrity check passed; %u tables with the same row counts as the database (%s rows).",
                                                  counts->names->len),
                                     counts->names->len, n_rows);
  else
    *out_sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Integrity check passed; %u table, all readable (%s rows).",
                                                  "Integrity check passed; %u tables, all readable (%s rows).",
                                                  counts->names->len),
                                     counts->names->len, n_rows);

  return TRUE;
}

/* Copies pages from @src to @dest; TRUE when done */
static gboolean
copy_pages (PfBackup      *self,
            sqlite3       *src,
            sqlite3       *dest,
            GCancellable  *cancellable,
            GError       **error)
{
  sqlite3_backup *backup;
  int rc;

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("SQLite reported “%s”"), sqlite3_errmsg (dest));

      set_write_error (self, error, reason);
      return FALSE;
    }

  for (;;)
    {
      int total;
      int remaining;

      if (g_cancellable_is_cancelled (cancellable))
        {
          rc = SQLITE_INTERRUPT;
          break;
        }

      rc = sqlite3_backup_step (backup, pages_per_step);

      total = sqlite3_backup_pagecount (backup);
      remaining = sqlite3_backup_remaining (backup);
      if (total > 0)
        {
          g_autofree char *done_text = format_count (total - remaining);
          g_autofree char *total_text = format_count (total);
          g_autofree char *message = NULL;

          /* Translators: both are numbers of pages */
          message = g_strdup_printf (_("Copying page %s of %s"), done_text, total_text);
          publish (self, COPY_SHARE * (total - remaining) / total, message);
        }

      if (rc == SQLITE_DONE)
        break;
      if (step_pause_usec > 0)
        g_usleep (step_pause_usec);
      if (is_busy (rc))
        sqlite3_sleep (BUSY_RETRY_MSEC);
      else if (rc != SQLITE_OK)
        break;
    }

  /* Keep the step's error: finish() returns it again, or OK after DONE */
  if (rc == SQLITE_INTERRUPT)
    {
      sqlite3_backup_finish (backup);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
      return FALSE;
    }

  if (sqlite3_backup_finish (backup) != SQLITE_OK || rc != SQLITE_DONE)
    {
      g_autofree char *reason = NULL;

      if ((rc & 0xff) == SQLITE_FULL)
        reason = g_strdup (_("the disk is full"));
      else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        /* Translators: %s is an error message from SQLite, usually in English */
        reason = g_strdup_printf (_("the database is damaged (SQLite reports “%s”)"), sqlite3_errstr (rc));
      else
        reason = g_strdup_printf (_("SQLite reported “%s”"), sqlite3_errmsg (dest));
      set_write_error (self, error, reason);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_same_file (const char *a,
              const char *b)
{
  GStatBuf sa;
  GStatBuf sb;

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;

  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static PfBackupRecord *
finish_record (PfBackup      *self,
               const char    *method,
               gboolean       verified,
               const char    *sentence,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(PfBackupRecord) record = NULL;
  g_autofree char *sha256 = NULL;
  gint64 size = 0;

  if (!hash_file (self->output_path, &sha256, &size, cancellable, error))
    return NULL;

  record = pf_backup_record_new (self->output_path, size, sha256, NULL, method,
                                 pf_database_get_name (self->database));
  pf_backup_record_set_verification (record, verified, sentence);
  publish (self, 1.0, verified ? _("Backup verified") : _("The backup failed verification"));

  return g_steal_pointer (&record);
}

static PfBackupRecord *
backup_sqlite (PfBackup      *self,
               GCancellable  *cancellable,
               GError       **error)
{
  PfConnectionProfile *profile = pf_database_get_profile (self->database);
  const char *source_path = pf_connection_profile_get_path (profile);
  g_autoptr(PfDatabase) source = NULL;
  g_autoptr(Counts) source_counts = NULL;
  g_autoptr(PfBackupRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *sentence = NULL;
  sqlite3 *src;
  sqlite3 *dest = NULL;
  gboolean verified;
  gboolean ok;

  if (source_path != NULL && is_same_file (source_path, self->output_path))
    {
      set_write_error (self, error, _("that is the database itself; choose another file"));
      return NULL;
    }

  publish (self, -1, _("Opening the database…"));

  /* First, so a folder we cannot write in fails before any long work */
  if (!(partial = create_partial (self, error)))
    return NULL;

  source = pf_sqlite_database_new (profile);
  if (!pf_database_open (source, cancellable, error))
    goto fail;
  src = _pf_sqlite_database_get_handle (PF_SQLITE_DATABASE (source));

  /* The snapshot the backup copies and the counts describe */
  if (!exec_retry (src, "BEGIN", cancellable, error) ||
      !exec_retry (src, "SELECT count(*) FROM sqlite_master", cancellable, error))
    goto fail;

  if (sqlite3_open_v2 (partial, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_autofree char *reason = g_strdup_printf (_("SQLite reported “%s”"), sqlite3_errmsg (dest));

      set_write_error (self, error, reason);
      goto fail;
    }

  if (!copy_pages (self, src, dest, cancellable, error))
    goto fail;

  /* The copy carries the source's WAL flag: make it one plain file */
  if (!exec_retry (dest, "PRAGMA journal_mode = DELETE", cancellable, &local_error))
    {
      set_write_error (self, error, local_error->message);
      goto fail;
    }
  ok = sqlite3_close (dest) == SQLITE_OK;
  dest = NULL;
  if (!ok)
    {
      set_write_error (self, error, _("the file could not be closed"));
      goto fail;
    }

  publish (self, -1, _("Counting the rows of the database…"));
  source_counts = count_tables (src, cancellable, error);
  if (source_counts == NULL)
    goto fail;
  exec_retry (src, "COMMIT", NULL, NULL);
  pf_database_close (source);

  if (!commit_partial (self, partial, error))
    goto fail;
  g_clear_pointer (&partial, g_free);

  publish (self, -1, _("Verifying the copy…"));
  if (!verify_sqlite_file (self->output_path, source_counts, &verified, &sentence,
                           cancellable, error) ||
      !(record = finish_record (self, "sqlite-backup", verified, sentence, cancellable, error)))
    {
      /* Cancelled while verifying: an unverified file is not a backup */
      g_unlink (self->output_path);
      return NULL;
    }

  return g_steal_pointer (&record);

fail:
  g_clear_pointer (&dest, sqlite3_close);
  if (source != NULL)
    pf_database_close (source);
  remove_partial (partial);

  return NULL;
}

/* ---- PostgreSQL --------------------------------------------------------- */

/* "pg_dump (PostgreSQL) 15.5 (Debian 15.5-0+deb12u1)" → 15; 0 if unknown */
static int
parse_tool_major (const char *version)
{
  const char *p;

  if (version == NULL)
    return 0;

  p = strstr (version, ") ");
  p = p != NULL ? p + 2 : version;
  while (*p != '\0' && !g_ascii_isdigit (*p))
    p++;

  return (int) g_ascii_strtoll (p, NULL, 10);
}

static int
tool_major (const char *program)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              NULL, program, "--version", NULL);
  if (process == NULL ||
      !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, NULL) ||
      !g_subprocess_get_successful (process))
    return 0;

  return parse_tool_major (out);
}

/* The newest pg_dump on PATH or in <lib dir>/NN/bin; on a tie the
 * versioned one (Debian's /usr/bin/pg_dump is a wrapper). */
static char *
find_pg_dump (int *out_major)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  const char *lib_dir = pg_lib_dir_set ? pg_lib_dir : "/usr/lib/postgresql";
  char *in_path;
  char *best = NULL;
  int best_major = 0;

  if (lib_dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (lib_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          char *program = g_build_filename (lib_dir, name, "bin", "pg_dump", NULL);

          if (g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
            g_ptr_array_add (candidates, program);
          else
            g_free (program);
        }
    }

  if ((in_path = g_find_program_in_path ("pg_dump")) != NULL)
    g_ptr_array_add (candidates, in_path);

  for (guint i = 0; i < candidates->len; i++)
    {
      const char *program = g_ptr_array_index (candidates, i);
      int major = tool_major (program);

      g_debug ("%s is version %d", program, major);
      if (major > best_major || (best == NULL && i == candidates->len - 1))
        {
          best = g_ptr_array_index (candidates, i);
          best_major = major;
        }
    }

  *out_major = best_major;

  return g_strdup (best);
}

static char *
find_pg_restore (const char *pg_dump)
{
  g_autofree char *dir = g_path_get_dirname (pg_dump);
  g_autofree char *beside = g_build_filename (dir, "pg_restore", NULL);

  if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&beside);

  return g_find_program_in_path ("pg_restore");
}

/* pg_restore for verifying a dump later: the newest there is */
static char *
find_pg_restore_any (void)
{
  g_autofree char *pg_dump = NULL;
  int major = 0;

  if ((pg_dump = find_pg_dump (&major)) != NULL)
    return find_pg_restore (pg_dump);

  return g_find_program_in_path ("pg_restore");
}

static void
set_tool_missing_error (GError     **error,
                        const char  *tool)
{
  g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_BACKUP_TOOL,
               /* Translators: %s is pg_dump or pg_restore; “apt install
                * postgresql-client” is a command, keep it as is */
               _("%s is not installed: install postgresql-client (apt install postgresql-client)."),
               tool);
}

/* The text after "error: " in pg_dump's/pg_restore's stderr, without
 * libpq's "connection to server … failed: " and "FATAL:  " prefixes */
static char *
tool_error_reason (const char *stderr_text)
{
  g_auto(GStrv) lines = g_strsplit (stderr_text != NULL ? stderr_text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = strstr (lines[i], "error: ");
      const char *failed;
      gsize len;

      if (p == NULL)
        continue;
      p += strlen ("error: ");
      if (g_str_has_prefix (p, "connection to server ") && (failed = strstr (p, " failed: ")))
        p = failed + strlen (" failed: ");
      while (g_str_has_prefix (p, "FATAL:") || g_str_has_prefix (p, "ERROR:"))
        {
          p += 6;
          while (*p == ' ')
            p++;
        }
      len = strlen (p);
      while (len > 0 && (g_ascii_isspace (p[len - 1]) || p[len - 1] == '.'))
        len--;
      if (len > 0)
        return g_strndup (p, len);
    }

  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      return g_strdup (lines[i]);

  return NULL;
}

typedef struct
{
  GSubprocess *process;
  const char  *watch_path;   /* file whose size is progress, or NULL */
  gint64       total;        /* its expected size, ≤ 0 unknown */
  PfBackup    *self;
  gboolean     done;
  char        *out;
  char        *err;
  GError      *error;
} ToolRun;

/* Tool output in any encoding (table names from pg_restore --list) as
 * valid UTF-8 */
static char *
bytes_to_text (GBytes *bytes)
{
  gsize len = 0;
  const char *data;

  if (bytes == NULL)
    return g_strdup ("");
  data = g_bytes_get_data (bytes, &len);

  return g_utf8_make_valid (data != NULL ? data : "", len);
}

static void
tool_communicated_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ToolRun *run = user_data;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;

  if (g_subprocess_communicate_finish (G_SUBPROCESS (object), result, &out, &err, &run->error))
    {
      run->out = bytes_to_text (out);
      run->err = bytes_to_text (err);
    }
  run->done = TRUE;
}

static gboolean
tool_poll_cb (gpointer user_data)
{
  ToolRun *run = user_data;
  g_autofree char *written = NULL;
  g_autofree char *message = NULL;
  GStatBuf st;

  if (run->watch_path == NULL || g_stat (run->watch_path, &st) != 0)
    return G_SOURCE_CONTINUE;

  written = g_format_size (st.st_size);
  /* Translators: %s is a size such as “12.3 MB” */
  message = g_strdup_printf (_("Writing the backup… %s written"), written);
  if (run->total > 0)
    publish (run->self, MIN ((double) st.st_size / run->total, 0.99) * COPY_SHARE, message);
  else
    publish (run->self, -1, message);

  return G_SOURCE_CONTINUE;
}

static void
tool_cancelled_cb (GCancellable *cancellable,
                   GSubprocess  *process)
{
  g_subprocess_force_exit (process);
}

/* Runs @argv with @launcher (NULL: a plain one) to the end, collecting its
 * output; cancelling kills it. FALSE with an error only when it could not
 * start or was cancelled; check the exit status with run->process. */
static gboolean
tool_run (ToolRun              *run,
          GSubprocessLauncher  *launcher,
          const char * const   *argv,
          GCancellable         *cancellable,
          GError              **error)
{
  g_autoptr(GSubprocessLauncher) plain = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) timer = NULL;
  gulong handler = 0;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (launcher == NULL)
    launcher = plain = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_flags (launcher,
                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  run->process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (run->process == NULL)
    return FALSE;

  g_main_context_push_thread_default (context);

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (tool_cancelled_cb), run->process, NULL);
  g_subprocess_communicate_async (run->process, NULL, NULL, tool_communicated_cb, run);

  if (run->watch_path != NULL)
    {
      timer = g_timeout_source_new (PG_POLL_INTERVAL_MSEC);
      g_source_set_callback (timer, tool_poll_cb, run, NULL);
      g_source_attach (timer, context);
    }

  while (!run->done)
    g_main_context_iteration (context, TRUE);

  if (timer != NULL)
    g_source_destroy (timer);
  g_cancellable_disconnect (cancellable, handler);
  g_main_context_pop_thread_default (context);

  /* Reap it whatever happened to the pipes */
  g_subprocess_wait (run->process, NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (run->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&run->error));
      return FALSE;
    }

  return TRUE;
}

static void
tool_run_clear (ToolRun *run)
{
  g_clear_object (&run->process);
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_clear_error (&run->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ToolRun, tool_run_clear)

/* A table pg_dump must have dumped: "schema name" as pg_restore --list
 * writes it after "TABLE DATA " */
typedef struct
{
  char *schema;
  char *name;
} TableName;

static void
table_name_free (TableName *table)
{
  g_free (table->schema);
  g_free (table->name);
  g_free (table);
}

/* Ordinary tables whose data pg_dump dumps: not PostgreSQL's own, not
 * temporary, not part of an extension */
static GPtrArray *
list_pg_tables (PfPgDatabase  *database,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(PGresult) result = NULL;
  GPtrArray *tables;

  result = _pf_pg_database_exec (database, cancellable,
                                 "SELECT n.nspname, c.relname"
                                 " FROM pg_catalog.pg_class c"
                                 " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                                 " WHERE c.relkind = 'r'"
                                 "   AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
                                 "   AND n.nspname !~ '^pg_(toast_)?temp_'"
                                 "   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
                                 "                   WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                                 "                     AND d.objid = c.oid AND d.deptype = 'e')"
                                 " ORDER BY 1, 2",
                                 0, NULL, error);
  if (result == NULL)
    return NULL;

  tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_name_free);
  for (int i = 0; i < PQntuples (result); i++)
    {
      TableName *table = g_new0 (TableName, 1);

      table->schema = g_strdup (PQgetvalue (result, i, 0));
      table->name = g_strdup (PQgetvalue (result, i, 1));
      g_ptr_array_add (tables, table);
    }

  return tables;
}

/* pg_restore --list must succeed and name every table's data, and a full
 * read of the archive (pg_restore --file=/dev/null) must succeed, which
 * decompresses every data block. FALSE only when it could not run. */
static gboolean
verify_pg_file (const char     *path,
                const char     *pg_restore,
                GPtrArray      *tables,
                gboolean       *out_verified,
                char          **out_sentence,
                GCancellable   *cancellable,
                GError        **error)
{
  g_auto(ToolRun) list = { 0 };
  g_auto(ToolRun) read = { 0 };
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *reason = NULL;
  guint n_data = 0;

  *out_verified = FALSE;
  *out_sentence = NULL;

  if (!tool_run (&list, NULL,
                 (const char * const[]) { pg_restore, "--list", path, NULL },
                 cancellable, error))
    return FALSE;

  if (!g_subprocess_get_successful (list.process))
    {
      reason = tool_error_reason (list.err);
      /* Translators: %s is an error message from pg_restore, usually in English */
      *out_sentence = g_strdup_printf (_("pg_restore cannot read the backup: %s."),
                                       reason != NULL ? reason : _("it stopped with an error"));
      return TRUE;
    }

  /* "3320; 0 16390 TABLE DATA public staff pf_test" */
  lines = g_strsplit (list.out != NULL ? list.out : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p;

      if (lines[i][0] == ';' || (p = strstr (lines[i], " TABLE DATA ")) == NULL)
        continue;
      g_hash_table_add (listed, g_strdup (p + strlen (" TABLE DATA ")));
      n_data++;
    }

  for (guint i = 0; tables != NULL && i < tables->len; i++)
    {
      TableName *table = g_ptr_array_index (tables, i);
      g_autofree char *prefix = g_strdup_printf ("%s %s ", table->schema, table->name);
      GHashTableIter iter;
      const char *entry;
      gboolean found = FALSE;

      g_hash_table_iter_init (&iter, listed);
      while (!found && g_hash_table_iter_next (&iter, (gpointer *) &entry, NULL))
        found = g_str_has_prefix (entry, prefix);

      if (!found)
        g_ptr_array_add (missing, g_strdup_printf ("%s.%s", table->schema, table->name));
    }

  if (missing->len > 0)
    {
      g_autofree char *names = join_names (missing);

      /* Translators: %s is a list of table names */
      *out_sentence = g_strdup_printf (_("The backup lacks the data of these tables: %s."), names);
      return TRUE;
    }

  if (!tool_run (&read, NULL,
                 (const char * const[]) { pg_restore, "--file=/dev/null", path, NULL },
                 cancellable, error))
    return FALSE;

  if (!g_subprocess_get_successful (read.process))
    {
      reason = tool_error_reason (read.err);
      /* Translators: %s is an error message from pg_restore, usually in English */
      *out_sentence = g_strdup_printf (_("The backup is damaged: pg_restore reports “%s”."),
                                       reason != NULL ? reason : _("an error"));
      return TRUE;
    }

  *out_verified = TRUE;
  if (tables != NULL)
    *out_sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "pg_restore reads the whole backup; it holds the data of the %u table of the database.",
                                                  "pg_restore reads the whole backup; it holds the data of all %u tables of the database.",
                                                  tables->len),
                                     tables->len);
  else
    *out_sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "pg_restore reads the whole backup; it holds the data of %u table.",
                                                  "pg_restore reads the whole backup; it holds the data of %u tables.",
                                                  n_data),
                                     n_data);

  return TRUE;
}

/* "*:*:*:*:password" with ':' and '\' escaped, in a new 0600 file in the
 * user's runtime folder (only this pg_dump reads it) */
static char *
write_pgpass (const char  *password,
              GError     **error)
{
  const char *dir = g_get_user_runtime_dir ();
  g_autofree char *path = g_build_filename (dir, "preflight-pgpass-XXXXXX", NULL);
  g_autoptr(GString) line = g_string_new ("*:*:*:*:");
  gsize written = 0;
  int fd;

  g_mkdir_with_parents (dir, 0700);

  for (const char *p = password; *p != '\0'; p++)
    {
      if (*p == ':' || *p == '\\')
        g_string_append_c (line, '\\');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '\n');

  fd = g_mkstemp_full (path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int errsv = errno;

      memset (line->str, 0, line->len);
      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_BACKUP_FAILED,
                   /* Translators: %s is the reason */
                   _("Could not hand the password to pg_dump: %s"), g_strerror (errsv));
      return NULL;
    }

  while (written < line->len)
    {
      gssize n = write (fd, line->str + written, line->len - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int errsv = errno;

          memset (line->str, 0, line->len);
          g_close (fd, NULL);
          g_unlink (path);
          g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_BACKUP_FAILED,
                       _("Could not hand the password to pg_dump: %s"), g_strerror (errsv));
          return NULL;
        }
      written += n;
    }

  memset (line->str, 0, line->len);
  g_close (fd, NULL);

  return g_steal_pointer (&path);
}

/* Overwrites the password before the file goes */
static void
remove_pgpass (const char *path)
{
  GStatBuf st;
  int fd;

  if (path == NULL)
    return;

  if (g_stat (path, &st) == 0 && (fd = g_open (path, O_WRONLY | O_CLOEXEC, 0)) >= 0)
    {
      g_autofree char *zeros = g_malloc0 (st.st_size + 1);

      if (write (fd, zeros, st.st_size) < 0)
        g_debug ("Could not wipe %s: %s", path, g_strerror (errno));
      g_close (fd, NULL);
    }

  if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Could not remove “%s”: %s", path, g_strerror (errno));
}

static void
append_conninfo (GString    *conninfo,
                 const char *keyword,
                 const char *value)
{
  if (conninfo->len > 0)
    g_string_append_c (conninfo, ' ');
  g_string_append_printf (conninfo, "%s='", keyword);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (conninfo, '\\');
      g_string_append_c (conninfo, *p);
    }
  g_string_append_c (conninfo, '\'');
}

/* The profile's libpq keywords as PG* variables in @launcher; those
 * without a variable end up in the returned conninfo string (no password
 * ever: that goes through @pgpass). */
static char *
setup_environment (GSubprocessLauncher *launcher,
                   PfConnectionProfile *profile,
                   const char          *pgpass)
{
  g_autoptr(GPtrArray) keywords = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) conninfo = g_string_new (NULL);
  PQconninfoOption *defaults = PQconndefaults ();

  pf_connection_profile_build_libpq_params (profile, NULL, keywords, values);

  for (guint i = 0; i < keywords->len && g_ptr_array_index (keywords, i) != NULL; i++)
    {
      const char *keyword = g_ptr_array_index (keywords, i);
      const char *value = g_ptr_array_index (values, i);
      const char *envvar = NULL;

      /* client_encoding would re-encode the dump; pg_dump keeps the
       * database's own */
      if (value == NULL || g_str_equal (keyword, "password") ||
          g_str_equal (keyword, "client_encoding"))
        continue;

      for (PQconninfoOption *option = defaults; option != NULL && option->keyword != NULL; option++)
        if (g_str_equal (option->keyword, keyword))
          envvar = option->envvar;

      if (envvar != NULL)
        g_subprocess_launcher_setenv (launcher, envvar, value, TRUE);
      else
        append_conninfo (conninfo, keyword, value);
    }

  if (defaults != NULL)
    PQconninfoFree (defaults);

  if (pgpass != NULL)
    {
      /* libpq prefers PGPASSWORD to the pgpass file */
      g_subprocess_launcher_unsetenv (launcher, "PGPASSWORD");
      g_subprocess_launcher_setenv (launcher, "PGPASSFILE", pgpass, TRUE);
    }

  if (conninfo->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&conninfo), FALSE);
}

static const char *
backup_password (PfBackup *self)
{
  if (self->password != NULL)
    return self->password;
  if (PF_IS_PG_DATABASE (self->database))
    return _pf_pg_database_get_password (PF_PG_DATABASE (self->database));

  return NULL;
}

static PfBackupRecord *
backup_pg (PfBackup      *self,
           GCancellable  *cancellable,
           GError       **error)
{
  PfConnectionProfile *profile = pf_database_get_profile (self->database);
  const char *password = backup_password (self);
  g_autoptr(PfDatabase) source = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_auto(ToolRun) dump = { 0 };
  g_autoptr(PfBackupRecord) record = NULL;
  g_autofree char *pg_dump = NULL;
  g_autofree char *pg_restore = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *pgpass = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *file_arg = NULL;
  gboolean verified;
  int dump_major;
  int server_major;
  gint64 size;

  publish (self, -1, _("Looking for pg_dump…"));

  if ((pg_dump = find_pg_dump (&dump_major)) == NULL)
    {
      set_tool_missing_error (error, "pg_dump");
      return NULL;
    }
  if ((pg_restore = find_pg_restore (pg_dump)) == NULL)
    {
      set_tool_missing_error (error, "pg_restore");
      return NULL;
    }

  publish (self, -1, _("Connecting to the database…"));

  source = pf_pg_database_new (profile, password);
  if (!pf_database_open (source, cancellable, error))
    return NULL;

  server_major = PQserverVersion (_pf_pg_database_get_connection (PF_PG_DATABASE (source))) / 10000;
  if (dump_major < server_major)
    {
      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_BACKUP_TOOL,
                   /* Translators: %d are PostgreSQL major versions; keep
                    * “apt install postgresql-client-%d” as is */
                   _("pg_dump %d cannot back up a PostgreSQL %d server. "
                     "Install postgresql-client-%d (apt install postgresql-client-%d)."),
                   dump_major, server_major, server_major, server_major);
      return NULL;
    }

  size = pf_database_get_size (source);
  tables = list_pg_tables (PF_PG_DATABASE (source), cancellable, error);
  pf_database_close (source);
  if (tables == NULL)
    return NULL;

  if (!(partial = create_partial (self, error)))
    return NULL;

  if (password != NULL && *password != '\0' &&
      !(pgpass = write_pgpass (password, error)))
    goto fail;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  conninfo = setup_environment (launcher, profile, pgpass);

  file_arg = g_strconcat ("--file=", partial, NULL);
  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, pg_dump);
  g_ptr_array_add (argv, (char *) "--format=custom");
  g_ptr_array_add (argv, file_arg);
  g_ptr_array_add (argv, (char *) "--no-password");
  if (conninfo != NULL)
    {
      g_ptr_array_add (argv, (char *) "--dbname");
      g_ptr_array_add (argv, conninfo);
    }
  g_ptr_array_add (argv, NULL);

  g_mutex_lock (&self->mutex);
  g_strfreev (self->last_argv);
  self->last_argv = g_strdupv ((char **) argv->pdata);
  g_free (self->last_pgpass);
  self->last_pgpass = g_strdup (pgpass);
  g_mutex_unlock (&self->mutex);

  publish (self, 0, _("Writing the backup…"));

  dump.self = self;
  dump.watch_path = partial;
  dump.total = size;
  if (!tool_run (&dump, launcher, (const char * const *) argv->pdata, cancellable, error))
    goto fail;

  remove_pgpass (pgpass);
  g_clear_pointer (&pgpass, g_free);

  if (!g_subprocess_get_successful (dump.process))
    {
      g_autofree char *reason = tool_error_reason (dump.err);

      if (reason == NULL)
        reason = g_strdup_printf (_("pg_dump stopped with exit status %d"),
                                  g_subprocess_get_exit_status (dump.process));
      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_BACKUP_FAILED,
                   /* Translators: the first %s is a database, the second
                    * the reason pg_dump gave, usually in English */
                   _("pg_dump could not back up “%s”: %s."),
                   pf_database_get_name (self->database), reason);
      goto fail;
    }

  if (!commit_partial (self, partial, error))
    goto fail;
  g_clear_pointer (&partial, g_free);

  publish (self, -1, _("Verifying the backup…"));
  if (!verify_pg_file (self->output_path, pg_restore, tables, &verified, &sentence,
                       cancellable, error) ||
      !(record = finish_record (self, "pg_dump", verified, sentence, cancellable, error)))
    {
      /* Cancelled while verifying: an unverified file is not a backup */
      g_unlink (self->output_path);
      return NULL;
    }

  return g_steal_pointer (&record);

fail:
  remove_pgpass (pgpass);
  remove_partial (partial);

  return NULL;
}

/* ---- the object ------------------------------------------------------------- */

static PfBackupRecord *
run_backup (PfBackup      *self,
            GCancellable  *cancellable,
            GError       **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (pf_database_get_kind (self->database) == PF_DATABASE_KIND_POSTGRESQL)
    return backup_pg (self, cancellable, error);

  return backup_sqlite (self, cancellable, error);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  PfBackup *self = source_object;
  GError *error = NULL;
  PfBackupRecord *record;

  if ((record = run_backup (self, cancellable, &error)) != NULL)
    g_task_return_pointer (task, record, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
pf_backup_run_async (PfBackup            *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PF_IS_BACKUP (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  g_mutex_unlock (&self->mutex);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_backup_run_async);
  g_task_set_name (task, "[pf-backup-run]");
  g_task_run_in_thread (task, run_thread);
}

PfBackupRecord *
pf_backup_run_finish (PfBackup      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (PF_IS_BACKUP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  /* The last progress reaches the properties before the caller looks */
  flush_progress (self);

  return g_task_propagate_pointer (G_TASK (result), error);
}

PfBackupRecord *
pf_backup_run (PfBackup      *self,
               GCancellable  *cancellable,
               GError       **error)
{
  g_return_val_if_fail (PF_IS_BACKUP (self), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_unlock (&self->mutex);

  return run_backup (self, cancellable, error);
}

gboolean
pf_backup_verify (PfDatabase      *database,
                  PfBackupRecord  *record,
                  GCancellable    *cancellable,
                  GError         **error)
{
  const char *path;
  const char *recorded_sha256;
  g_autofree char *sentence = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean verified = FALSE;
  gint64 size = 0;

  g_return_val_if_fail (PF_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (PF_IS_BACKUP_RECORD (record), FALSE);

  path = pf_backup_record_get_path (record);
  recorded_sha256 = pf_backup_record_get_sha256 (record);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      /* Translators: %s is a file */
      sentence = g_strdup_printf (_("The backup file “%s” no longer exists."),
                                  path != NULL ? path : "");
    }
  else if (pf_database_get_kind (database) == PF_DATABASE_KIND_POSTGRESQL)
    {
      g_autofree char *pg_restore = find_pg_restore_any ();

      if (pg_restore == NULL)
        {
          set_tool_missing_error (error, "pg_restore");
          return FALSE;
        }
      if (!verify_pg_file (path, pg_restore, NULL, &verified, &sentence, cancellable, error))
        return FALSE;
    }
  else if (!verify_sqlite_file (path, NULL, &verified, &sentence, cancellable, error))
    return FALSE;

  /* Damage the format checks cannot see (a changed value inside a row)
   * still changes the checksum */
  if (verified && recorded_sha256 != NULL)
    {
      if (!hash_file (path, &sha256, &size, cancellable, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          verified = FALSE;
          g_free (sentence);
          sentence = g_strdup_printf ("%s.", local_error->message);
        }
      else if (g_ascii_strcasecmp (sha256, recorded_sha256) != 0)
        {
          verified = FALSE;
          g_free (sentence);
          sentence = g_strdup (_("The file has changed since the backup was made: "
                                 "its SHA-256 checksum is different."));
        }
    }

  pf_backup_record_set_verification (record, verified, sentence);

  if (!verified)
    {
      g_set_error_literal (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_NOT_VERIFIED, sentence);
      return FALSE;
    }

  return TRUE;
}

double
pf_backup_get_fraction (PfBackup *self)
{
  g_return_val_if_fail (PF_IS_BACKUP (self), -1);

  return self->fraction;
}

const char *
pf_backup_get_message (PfBackup *self)
{
  g_return_val_if_fail (PF_IS_BACKUP (self), NULL);

  return self->message;
}

static void
pf_backup_finalize (GObject *object)
{
  PfBackup *self = PF_BACKUP (object);

  if (self->password != NULL)
    {
      memset (self->password, 0, strlen (self->password));
      g_clear_pointer (&self->password, g_free);
    }
  g_clear_object (&self->database);
  g_clear_pointer (&self->output_path, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->shared_message, g_free);
  pf_throttle_clear (&self->progress_throttle);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->last_argv, g_strfreev);
  g_clear_pointer (&self->last_pgpass, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pf_backup_parent_class)->finalize (object);
}

static void
pf_backup_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PfBackup *self = PF_BACKUP (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_backup_class_init (PfBackupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_backup_finalize;
  object_class->get_property = pf_backup_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         -1.0, 1.0, -1.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_backup_init (PfBackup *self)
{
  g_mutex_init (&self->mutex);
  self->fraction = -1;
  self->shared_fraction = -1;
}

PfBackup *
pf_backup_new (PfDatabase *database,
               const char *password,
               const char *output_path)
{
  PfBackup *self;

  g_return_val_if_fail (PF_IS_DATABASE (database), NULL);
  g_return_val_if_fail (output_path != NULL, NULL);

  self = g_object_new (PF_TYPE_BACKUP, NULL);
  self->database = g_object_ref (database);
  self->password = g_strdup (password);
  self->output_path = g_strdup (output_path);

  return self;
}
