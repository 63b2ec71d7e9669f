/* pf-checklist-checks.c — the automatic checklist items, run against one database
 *
 * The checks run one after another, in a fixed order (see check_order):
 * first those that look at the server as it is now (sessions, connections,
 * disk), so no session of Preflight's own scan is mistaken for one that
 * would block the migration; then those that read an integrity scan or a
 * migration analysis, each run once (or taken from the caller); last the
 * row counts.
 *
 * A check that asks the database runs its blocking body in a GTask thread
 * on its own worker connection (pf_database_open_worker); its result is
 * written into the run on the main context. Checks that only read a scan
 * or an analysis are worked out on the main context: they do no I/O.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-checklist-checks"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pf-checklist-checks-private.h"
#include "pf-checks.h"
#include "pf-migration-problem.h"
#include "pf-pg-database-private.h"
#include "pf-rules.h"
#include "pf-scan.h"
#include "pf-sqlite-database-private.h"
#include "pf-words.h"

/* Evidence lists at most this many detail lines */
#define MAX_DETAILS 20

static gint64 free_space_override = -1;
static guint session_age_limit = PF_CHECKLIST_SESSION_AGE_LIMIT;

struct _PfChecklistChecks
{
  GObject              parent_instance;

  PfDatabase          *database;
  PfSchema            *schema;
  PfChecklistRun      *run;
  PfConnectionProfile *profile;
  PfReport            *integrity;
  PfMigrationAnalysis *analysis;
  char                *project_dir;
  gboolean             running;
  guint                n_not_run;
};

G_DEFINE_FINAL_TYPE (PfChecklistChecks, pf_checklist_checks, G_TYPE_OBJECT)

/* The order checks run in: the live server first, counts last */
static const char * const check_order[] = {
  "connection",
  "pg-sessions",
  "pg-connections",
  "disk-space",
  "integrity",
  "invalid-indexes",
  "sequences",
  "duplicate-keys",
  "migration-history",
  "drift",
  "migrations-reviewed",
  "migrations-succeed",
  "pg-extensions",
  "backup-verified",
  "row-counts",
  "row-counts-match",
};

void
_pf_checklist_checks_set_free_space_override (gint64 bytes)
{
  free_space_override = bytes;
}

void
_pf_checklist_checks_set_session_age_limit (guint seconds)
{
  session_age_limit = seconds > 0 ? seconds : PF_CHECKLIST_SESSION_AGE_LIMIT;
}

/* ------------------------------------------------------------ words -- */

static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

/* "45 seconds", "12 minutes", "3 hours", "2 days" */
static char *
dup_duration (gint64 seconds)
{
  if (seconds < 120)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second", "%d seconds", (gulong) seconds),
                            (int) seconds);
  if (seconds < 2 * 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", (gulong) (seconds / 60)),
                            (int) (seconds / 60));
  if (seconds < 2 * 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", (gulong) (seconds / 3600)),
                            (int) (seconds / 3600));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", (gulong) (seconds / 86400)),
                          (int) (seconds / 86400));
}

static gboolean
is_pg (PfChecklistChecks *self)
{
  return pf_database_get_kind (self->database) == PF_DATABASE_KIND_POSTGRESQL;
}

/* -------------------------------------------------- what checks need -- */

static const char *
scan_check_for (const char *check_id)
{
  if (g_str_equal (check_id, "invalid-indexes"))
    return PF_CHECK_INVALID_INDEX;
  if (g_str_equal (check_id, "sequences"))
    return PF_CHECK_SEQUENCE_BEHIND;
  if (g_str_equal (check_id, "duplicate-keys"))
    return PF_CHECK_DUPLICATE_VALUES;
  return NULL;
}

static gboolean
pg_only (const char *check_id)
{
  return g_str_equal (check_id, "pg-sessions") ||
         g_str_equal (check_id, "pg-connections") ||
         g_str_equal (check_id, "pg-extensions") ||
         g_str_equal (check_id, "invalid-indexes") ||
         g_str_equal (check_id, "sequences");
}

static gboolean
needs_integrity (const char *check_id)
{
  return g_str_equal (check_id, "integrity") || scan_check_for (check_id) != NULL;
}

static gboolean
needs_analysis (const char *check_id)
{
  return g_str_equal (check_id, "migration-history") ||
         g_str_equal (check_id, "drift") ||
         g_str_equal (check_id, "migrations-reviewed") ||
         g_str_equal (check_id, "migrations-succeed") ||
         g_str_equal (check_id, "pg-extensions") ||
         g_str_equal (check_id, "backup-verified");
}

/* Whether @report answers for @scan_check (a restricted scan may not) */
static gboolean
report_ran (PfReport   *report,
            const char *scan_check)
{
  const char * const *checks = pf_report_get_checks (report);

  /* "integrity" (@scan_check NULL) needs the whole scan */
  return checks == NULL || (scan_check != NULL && g_strv_contains (checks, scan_check));
}

/* ------------------------------------------------------------- jobs -- */

/* One check's blocking body and its outcome, handed between threads */
typedef struct
{
  char             *check_id;
  PfDatabase       *database;
  PfSchema         *schema;
  PfRowCounts      *recorded;     /* row-counts-match */
  GStrv             extensions;   /* pg-extensions: what the migrations create */

  PfChecklistState  state;
  char             *evidence;
  GPtrArray        *details;
  gboolean          manual_fallback;
  gboolean          not_run;      /* failed because the check could not run */
  guint             n_dropped;    /* detail lines beyond MAX_DETAILS */
  PfRowCounts      *counts;       /* row-counts */
} Job;

static void
job_free (Job *job)
{
  g_free (job->check_id);
  g_clear_object (&job->database);
  g_clear_object (&job->schema);
  g_clear_object (&job->recorded);
  g_strfreev (job->extensions);
  g_free (job->evidence);
  g_clear_pointer (&job->details, g_ptr_array_unref);
  g_clear_object (&job->counts);
  g_free (job);
}

static void
job_set (Job              *job,
         PfChecklistState  state,
         char             *evidence)
{
  job->state = state;
  g_free (job->evidence);
  job->evidence = evidence;
}

static void
job_add_detail (Job  *job,
                char *detail)
{
  if (job->details == NULL)
    job->details = g_ptr_array_new_with_free_func (g_free);
  if (job->details->len < MAX_DETAILS)
    g_ptr_array_add (job->details, detail);
  else
    {
      job->n_dropped++;
      g_free (detail);
    }
}

static PGresult *
pg_exec (PfDatabase    *worker,
         GCancellable  *cancellable,
         const char    *sql,
         int            n_params,
         const char * const *params,
         GError       **error)
{
  return _pf_pg_database_exec (PF_PG_DATABASE (worker), cancellable, sql, n_params, params, error);
}

/* ---- connection ------------------------------------------------------ */

static gboolean
run_connection (Job           *job,
                PfDatabase    *worker,
                GCancellable  *cancellable,
                GError       **error)
{
  const char *version = pf_database_get_server_version (worker);

  if (pf_database_get_kind (worker) == PF_DATABASE_KIND_POSTGRESQL)
    {
      g_autoptr(PGresult) result = pg_exec (worker, cancellable, "SELECT 1", 0, NULL, error);

      if (result == NULL)
        return FALSE;
    }
  else
    {
      PfSqliteDatabase *sqlite = PF_SQLITE_DATABASE (worker);
      g_autoptr(sqlite3_stmt) stmt = _pf_sqlite_database_prepare (sqlite, "SELECT count(*) FROM sqlite_master", error);

      if (stmt == NULL || _pf_sqlite_database_step (sqlite, stmt, error) != SQLITE_ROW)
        return FALSE;
    }

  job_set (job, PF_CHECKLIST_STATE_DONE,
           /* Translators: the second %s is a version: “SQLite 3.40.1”, “PostgreSQL 15.4” */
           g_strdup_printf (_("Connected to %s (%s) and it answered a query"),
                            pf_database_get_name (worker), version != NULL ? version : _("unknown version")));
  job_add_detail (job, g_strdup_printf (_("Location: %s"), pf_database_get_location (worker)));
  return TRUE;
}

/* ---- disk-space ------------------------------------------------------ */

/* Free bytes on the file system holding @path, or -1 */
static gint64
query_free_space (const char    *path,
                  GCancellable  *cancellable)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;

  if (free_space_override >= 0)
    return free_space_override;

  file = g_file_new_for_path (path);
  info = g_file_query_filesystem_info (file, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, cancellable, NULL);
  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
    return -1;

  return (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
}

static void
judge_free_space (Job        *job,
                  const char *folder,
                  gint64      size,
                  gint64      free_bytes,
                  const char *why)
{
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *need_text = g_format_size (2 * size);
  g_autofree char *free_text = g_format_size (free_bytes);
  g_autofree char *folder_text = g_filename_display_name (folder);
  g_autofree char *free_count = format_count (free_bytes);
  g_autofree char *size_count = format_count (size);

  if (free_bytes >= 2 * size)
    job_set (job, PF_CHECKLIST_STATE_DONE,
             /* Translators: “1.2 GB free on the database's disk; the database is 310 MB and may need 620 MB (twice its size) …” */
             g_strdup_printf (_("%s free on the database’s disk; the database is %s and may need %s "
                                "(twice its size) %s"),
                              free_text, size_text, need_text, why));
  else
    job_set (job, PF_CHECKLIST_STATE_FAILED,
             g_strdup_printf (_("Only %s free on the database’s disk, but the database is %s and may need %s "
                                "(twice its size) %s: free some space or move the database first"),
                              free_text, size_text, need_text, why));

  job_add_detail (job, g_strdup_printf (_("Folder: %s"), folder_text));
  job_add_detail (job, g_strdup_printf (_("Free: %s bytes"), free_count));
  job_add_detail (job, g_strdup_printf (_("Database: %s bytes"), size_count));
  if (free_space_override >= 0)
    job_add_detail (job, g_strdup (_("The free space was set by a test, not measured")));
}

static gboolean
run_disk_space_sqlite (Job           *job,
                       PfDatabase    *worker,
                       GCancellable  *cancellable,
                       GError       **error)
{
  const char *path = pf_database_get_location (worker);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *name = g_filename_display_name (folder);
  GStatBuf buf;
  gint64 free_bytes;

  if (g_stat (path, &buf) != 0)
    {
      int saved_errno = errno;
      g_autofree char *file_name = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not read the size of “%s”: %s"), file_name, g_strerror (saved_errno));
      return FALSE;
    }

  free_bytes = query_free_space (folder, cancellable);
  if (free_bytes < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not find out how much space is free in “%s”"), name);
      return FALSE;
    }

  judge_free_space (job, folder, (gint64) buf.st_size, free_bytes,
                    _("because SQLite rebuilds a table to change it"));
  return TRUE;
}

static gboolean
host_is_local (const char *host)
{
  return host == NULL || host[0] == '\0' || host[0] == '/' || host[0] == '@' ||
         g_ascii_strcasecmp (host, "localhost") == 0 ||
         g_str_equal (host, "127.0.0.1") || g_str_equal (host, "::1");
}

static gboolean
run_disk_space_pg (Job           *job,
                   PfDatabase    *worker,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(PGresult) size_result = NULL;
  g_autoptr(PGresult) dir_result = NULL;
  g_autoptr(GError) dir_error = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *need_text = NULL;
  g_autofree char *size_count = NULL;
  const char *host = PQhost (_pf_pg_database_get_connection (PF_PG_DATABASE (worker)));
  const char *why = NULL;
  gint64 size;

  size_result = pg_exec (worker, cancellable, "SELECT pg_database_size(current_database())", 0, NULL, error);
  if (size_result == NULL)
    return FALSE;
  size = g_ascii_strtoll (PQgetvalue (size_result, 0, 0), NULL, 10);

  if (host_is_local (host))
    {
      dir_result = pg_exec (worker, cancellable, "SHOW data_directory", 0, NULL, &dir_error);
      if (dir_result != NULL && PQntuples (dir_result) == 1)
        {
          const char *folder = PQgetvalue (dir_result, 0, 0);
          gint64 free_bytes = query_free_space (folder, cancellable);

          if (free_bytes >= 0)
            {
              judge_free_space (job, folder, size, free_bytes,
                                _("while the migration rewrites tables and indexes"));
              return TRUE;
            }
          why = _("Its data folder cannot be read from here");
        }
      else
        {
          pf_database_end_job (worker);
          why = _("The server does not show its data folder to this user");
        }
    }
  else
    why = _("The server runs on another computer");

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  size_text = g_format_size (size);
  size_count = format_count (size);
  need_text = g_format_size (2 * size);
  job_set (job, PF_CHECKLIST_STATE_OPEN,
           /* Translators: “The database is 310 MB. Preflight cannot see the server's disk: check that it has at least 620 MB free and tick this item.” */
           g_strdup_printf (_("The database is %s. Preflight cannot see the server’s disk: check that it has "
                              "at least %s free and tick this item."), size_text, need_text));
  job->manual_fallback = TRUE;
  job_add_detail (job, g_strdup (why));
  job_add_detail (job, g_strdup_printf (_("Database: %s bytes"), size_count));
  return TRUE;
}

/* ---- pg-sessions ----------------------------------------------------- */

static gboolean
run_pg_sessions (Job           *job,
                 PfDatabase    *worker,
                 GCancellable  *cancellable,
                 GError       **error)
{
  /* Sessions of this database, other than this one, that hold a
   * transaction, run a query or sit idle in a transaction for longer than
   * the limit: each holds locks that make the migration's ALTER TABLE wait
   * (and everything queued behind it). */
  const char *sql =
    "SELECT pid, coalesce(usename, ''), coalesce(application_name, ''), coalesce(state, ''),"
    "       floor(extract(epoch FROM clock_timestamp() - state_change))::bigint,"
    "       floor(extract(epoch FROM clock_timestamp() - query_start))::bigint,"
    "       floor(extract(epoch FROM clock_timestamp() - xact_start))::bigint,"
    "       count(*) OVER ()"
    "  FROM pg_stat_activity"
    " WHERE pid <> pg_backend_pid()"
    "   AND datname = current_database()"
    "   AND (backend_type IS NULL OR backend_type = 'client backend')"
    "   AND ((state LIKE 'idle in transaction%' AND state_change < clock_timestamp() - make_interval(secs => $1::int))"
    "        OR (state = 'active' AND query_start < clock_timestamp() - make_interval(secs => $1::int))"
    "        OR xact_start < clock_timestamp() - make_interval(secs => $1::int))"
    " ORDER BY least(xact_start, query_start, state_change), pid"
    " LIMIT 20";
  g_autofree char *limit = g_strdup_printf ("%u", session_age_limit);
  g_autofree char *limit_text = dup_duration (session_age_limit);
  const char *params[] = { limit };
  g_autoptr(PGresult) result = NULL;
  int n_rows;

  result = pg_exec (worker, cancellable, sql, 1, params, error);
  if (result == NULL)
    return FALSE;

  n_rows = PQntuples (result);
  if (n_rows == 0)
    {
      job_set (job, PF_CHECKLIST_STATE_DONE,
               g_strdup_printf (_("No session has been running a query or been idle in a transaction "
                                  "for more than %s"), limit_text));
      return TRUE;
    }

  for (int i = 0; i < n_rows; i++)
    {
      const char *pid = PQgetvalue (result, i, 0);
      const char *user = PQgetvalue (result, i, 1);
      const char *application = PQgetvalue (result, i, 2);
      const char *state = PQgetvalue (result, i, 3);
      g_autofree char *who = NULL;
      g_autofree char *sentence = NULL;
      g_autofree char *age = NULL;

      if (*application != '\0')
        /* Translators: “Session 4123 (user rota, application psql)” */
        who = g_strdup_printf (_("Session %s (user %s, application %s)"), pid, user, application);
      else
        who = g_strdup_printf (_("Session %s (user %s)"), pid, user);

      if (g_str_has_prefix (state, "idle in transaction"))
        {
          age = dup_duration (g_ascii_strtoll (PQgetvalue (result, i, 4), NULL, 10));
          sentence = g_strdup_printf (_("%s has been idle in transaction for %s: it would block the "
                                        "migration’s table locks"), who, age);
        }
      else if (g_str_equal (state, "active") && !PQgetisnull (result, i, 5) &&
               g_ascii_strtoll (PQgetvalue (result, i, 5), NULL, 10) >= session_age_limit)
        {
          age = dup_duration (g_ascii_strtoll (PQgetvalue (result, i, 5), NULL, 10));
          sentence = g_strdup_printf (_("%s has been running one query for %s: it would block the "
                                        "migration’s table locks"), who, age);
        }
      else
        {
          age = dup_duration (g_ascii_strtoll (PQgetvalue (result, i, 6), NULL, 10));
          sentence = g_strdup_printf (_("%s has kept a transaction open for %s: it would block the "
                                        "migration’s table locks"), who, age);
        }

      if (i == 0)
        {
          gint64 total = g_ascii_strtoll (PQgetvalue (result, 0, 7), NULL, 10);

          if (total == 1)
            job_set (job, PF_CHECKLIST_STATE_FAILED, g_strdup (sentence));
          else
            job_set (job, PF_CHECKLIST_STATE_FAILED,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%d session has been busy or idle in a transaction for more "
                                                   "than %s: it would block the migration’s table locks",
                                                   "%d sessions have been busy or idle in a transaction for more "
                                                   "than %s: they would block the migration’s table locks",
                                                   (gulong) total),
                                      (int) total, limit_text));
        }
      job_add_detail (job, g_steal_pointer (&sentence));
    }

  return TRUE;
}

/* ---- pg-connections -------------------------------------------------- */

static gboolean
run_pg_connections (Job           *job,
                    PfDatabase    *worker,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(PGresult) result = NULL;
  gint64 in_use, max, reserved, allowed, percent;
  g_autofree char *in_use_text = NULL;
  g_autofree char *allowed_text = NULL;

  result = pg_exec (worker, cancellable,
                    "SELECT (SELECT count(*) FROM pg_stat_activity"
                    "         WHERE backend_type IS NULL OR backend_type = 'client backend'),"
                    "       current_setting('max_connections')::bigint,"
                    "       current_setting('superuser_reserved_connections')::bigint",
                    0, NULL, error);
  if (result == NULL)
    return FALSE;

  in_use = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  max = g_ascii_strtoll (PQgetvalue (result, 0, 1), NULL, 10);
  reserved = g_ascii_strtoll (PQgetvalue (result, 0, 2), NULL, 10);
  allowed = MAX (1, max - reserved);
  percent = in_use * 100 / allowed;
  in_use_text = format_count (in_use);
  allowed_text = format_count (allowed);

  if (percent >= PF_CHECKLIST_CONNECTIONS_LIMIT_PERCENT)
    job_set (job, PF_CHECKLIST_STATE_FAILED,
             /* Translators: “40 of 47 connections are in use (85%): at 80% or more …” */
             g_strdup_printf (_("%s of %s connections are in use (%d%%): at %d%% or more, the migration and "
                                "the application may be refused a connection"),
                              in_use_text, allowed_text, (int) percent, PF_CHECKLIST_CONNECTIONS_LIMIT_PERCENT));
  else
    job_set (job, PF_CHECKLIST_STATE_DONE,
             g_strdup_printf (_("%s of %s connections are in use (%d%%), below %d%%"),
                              in_use_text, allowed_text, (int) percent, PF_CHECKLIST_CONNECTIONS_LIMIT_PERCENT));

  job_add_detail (job, g_strdup_printf ("max_connections = %" G_GINT64_FORMAT, max));
  job_add_detail (job, g_strdup_printf ("superuser_reserved_connections = %" G_GINT64_FORMAT, reserved));
  return TRUE;
}

/* ---- pg-extensions --------------------------------------------------- */

static gboolean
run_pg_extensions (Job           *job,
                   PfDatabase    *worker,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GString) array = g_string_new ("{");
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *names = NULL;
  const char *params[1];

  for (guint i = 0; job->extensions[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;
      GString *quoted = g_string_new (job->extensions[i]);

      /* An array literal element, double-quoted with \ and " escaped */
      g_string_replace (quoted, "\\", "\\\\", 0);
      g_string_replace (quoted, "\"", "\\\"", 0);
      escaped = g_string_free (quoted, FALSE);
      g_string_append_printf (array, "%s\"%s\"", i > 0 ? "," : "", escaped);
    }
  g_string_append_c (array, '}');
  params[0] = array->str;

  result = pg_exec (worker, cancellable,
                    "SELECT n FROM unnest($1::text[]) AS n"
                    " WHERE NOT EXISTS (SELECT 1 FROM pg_available_extensions a WHERE a.name = n)"
                    " ORDER BY n",
                    1, params, error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (missing, PQgetvalue (result, i, 0));
  g_ptr_array_add (missing, NULL);

  if (missing->len == 1)
    {
      names = g_strjoinv (", ", job->extensions);
      job_set (job, PF_CHECKLIST_STATE_DONE,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The extension the pending migrations create is available: %s",
                                             "Every extension the pending migrations create is available: %s",
                                             g_strv_length (job->extensions)),
                                names));
      return TRUE;
    }

  names = g_strjoinv (", ", (char **) missing->pdata);
  job_set (job, PF_CHECKLIST_STATE_FAILED,
           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The pending migrations create an extension the server does not have: %s. "
                                         "Install its package on the server first, or the migration fails",
                                         "The pending migrations create extensions the server does not have: %s. "
                                         "Install their packages on the server first, or the migration fails",
                                         missing->len - 1),
                            names));
  for (guint i = 0; i + 1 < missing->len; i++)
    job_add_detail (job, g_strdup_printf (_("“%s” is not in pg_available_extensions"),
                                          (const char *) missing->pdata[i]));
  return TRUE;
}

/* ---- row counts ------------------------------------------------------ */

static gboolean
run_row_counts (Job           *job,
                PfDatabase    *worker,
                GCancellable  *cancellable,
                GError       **error)
{
  g_auto(GStrv) tables = NULL;
  guint n;

  job->counts = pf_row_counts_count (worker, job->schema, cancellable, error);
  if (job->counts == NULL)
    return FALSE;

  tables = pf_row_counts_dup_tables (job->counts);
  n = g_strv_length (tables);
  job_set (job, PF_CHECKLIST_STATE_DONE,
           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Recorded the row count of %u table",
                                         "Recorded the row counts of %u tables", n),
                            n));
  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *count = format_count (pf_row_counts_get (job->counts, tables[i]));

      job_add_detail (job, g_strdup_printf ("%s: %s", tables[i], count));
    }
  return TRUE;
}

static gboolean
run_row_counts_match (Job           *job,
                      PfDatabase    *worker,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(PfRowCounts) now = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autofree char *when = NULL;
  g_auto(GStrv) tables = NULL;

  now = pf_row_counts_count (worker, job->schema, cancellable, error);
  if (now == NULL)
    return FALSE;

  when = pf_words_dup_local_date_time (pf_row_counts_get_taken_at (job->recorded));
  differences = pf_row_counts_compare (job->recorded, now);
  if (differences->len == 0)
    {
      tables = pf_row_counts_dup_tables (now);
      job_set (job, PF_CHECKLIST_STATE_DONE,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The %u table has the row count recorded on %s",
                                             "All %u tables have the row counts recorded on %s",
                                             g_strv_length (tables)),
                                g_strv_length (tables), when));
      return TRUE;
    }

  job_set (job, PF_CHECKLIST_STATE_FAILED,
           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u table differs from the row counts recorded on %s",
                                         "%u tables differ from the row counts recorded on %s",
                                         differences->len),
                            differences->len, when));
  for (guint i = 0; i < differences->len; i++)
    job_add_detail (job, g_strdup (g_ptr_array_index (differences, i)));
  return TRUE;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(PfDatabase) worker = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  worker = pf_database_open_worker (job->database, NULL, cancellable, &error);
  if (worker == NULL)
    ok = FALSE;
  else if (g_str_equal (job->check_id, "connection"))
    ok = run_connection (job, worker, cancellable, &error);
  else if (g_str_equal (job->check_id, "disk-space"))
    ok = pf_database_get_kind (worker) == PF_DATABASE_KIND_POSTGRESQL
         ? run_disk_space_pg (job, worker, cancellable, &error)
         : run_disk_space_sqlite (job, worker, cancellable, &error);
  else if (g_str_equal (job->check_id, "pg-sessions"))
    ok = run_pg_sessions (job, worker, cancellable, &error);
  else if (g_str_equal (job->check_id, "pg-connections"))
    ok = run_pg_connections (job, worker, cancellable, &error);
  else if (g_str_equal (job->check_id, "pg-extensions"))
    ok = run_pg_extensions (job, worker, cancellable, &error);
  else if (g_str_equal (job->check_id, "row-counts"))
    ok = run_row_counts (job, worker, cancellable, &error);
  else if (g_str_equal (job->check_id, "row-counts-match"))
    ok = run_row_counts_match (job, worker, cancellable, &error);
  else
    g_assert_not_reached ();

  if (worker != NULL)
    pf_database_close (worker);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The checks were cancelled"));
      return;
    }

  /* A check that could not run failed, with the reason as its evidence */
  if (!ok)
    {
      g_clear_pointer (&job->details, g_ptr_array_unref);
      job->manual_fallback = FALSE;
      job->not_run = TRUE;
      job_set (job, PF_CHECKLIST_STATE_FAILED,
               g_strdup_printf (_("The check could not run: %s"), error->message));
    }

  g_task_return_boolean (task, TRUE);
}

/* --------------------------------------- checks that read results -- */

typedef struct
{
  PfChecklistState  state;
  char             *evidence;
  GPtrArray        *details;
  gboolean          not_run;
  guint             n_dropped;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->evidence, g_free);
  g_clear_pointer (&outcome->details, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static void
outcome_set (Outcome          *outcome,
             PfChecklistState  state,
             char             *evidence)
{
  outcome->state = state;
  g_free (outcome->evidence);
  outcome->evidence = evidence;
}

static void
outcome_add_detail (Outcome *outcome,
                    char    *detail)
{
  if (outcome->details == NULL)
    outcome->details = g_ptr_array_new_with_free_func (g_free);
  if (outcome->details->len < MAX_DETAILS)
    g_ptr_array_add (outcome->details, detail);
  else
    {
      outcome->n_dropped++;
      g_free (detail);
    }
}

static const char *
no_project_sentence (void)
{
  return _("No project folder is set: Preflight cannot see the pending migrations. "
           "Set the project folder of this connection to check this");
}

static void
evaluate_integrity (PfChecklistChecks *self,
                    Outcome           *outcome)
{
  GListModel *findings = pf_report_get_findings (self->integrity);
  guint n_blockers = pf_report_count (self->integrity, PF_SEVERITY_BLOCKER);
  guint n_warnings = pf_report_count (self->integrity, PF_SEVERITY_WARNING);

  if (n_blockers > 0)
    outcome_set (outcome, PF_CHECKLIST_STATE_FAILED,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The integrity scan found %u problem that blocks the migration",
                                               "The integrity scan found %u problems that block the migration",
                                               n_blockers),
                                  n_blockers));
  else if (!pf_report_get_complete (self->integrity))
    {
      outcome_set (outcome, PF_CHECKLIST_STATE_FAILED,
                   g_strdup_printf (_("The integrity scan did not finish, so it cannot vouch for the data: %s"),
                                    pf_report_get_incomplete_reason (self->integrity)));
      outcome->not_run = TRUE;
    }
  else if (n_warnings > 0)
    outcome_set (outcome, PF_CHECKLIST_STATE_DONE,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The integrity scan found no problem that blocks the migration, "
                                               "and %u warning",
                                               "The integrity scan found no problem that blocks the migration, "
                                               "and %u warnings",
                                               n_warnings),
                                  n_warnings));
  else
    outcome_set (outcome, PF_CHECKLIST_STATE_DONE,
                 g_strdup (_("The integrity scan found no problem that blocks the migration")));

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);

      if (pf_finding_get_severity (finding) == PF_SEVERITY_BLOCKER)
        outcome_add_detail (outcome, g_strdup (pf_finding_get_title (finding)));
    }
}

static void
evaluate_scan_check (PfChecklistChecks *self,
                     const char        *check_id,
                     Outcome           *outcome)
{
  const char *scan_check = scan_check_for (check_id);
  GListModel *findings = pf_report_get_findings (self->integrity);
  guint n_found = 0, n_failed = 0;
  g_autofree char *failure = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);

      if (!g_str_equal (pf_finding_get_check_id (finding), scan_check))
        continue;
      if (pf_finding_get_failed (finding))
        {
          n_failed++;
          if (failure == NULL)
            failure = g_strdup (pf_finding_get_error (finding));
          continue;
        }
      n_found++;
      if (pf_finding_get_constraint (finding) != NULL)
        outcome_add_detail (outcome, g_strdup_printf ("%s (%s)", pf_finding_get_title (finding),
                                                      pf_finding_get_constraint (finding)));
      else
        outcome_add_detail (outcome, g_strdup (pf_finding_get_title (finding)));
    }

  if (g_str_equal (check_id, "invalid-indexes"))
    {
      if (n_found > 0)
        outcome_set (outcome, PF_CHECKLIST_STATE_FAILED,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u index is INVALID: the database does not use it, and a "
                                                   "unique one does not stop duplicates",
                                                   "%u indexes are INVALID: the database does not use them, and "
                                                   "unique ones do not stop duplicates",
                                                   n_found),
                                      n_found));
      else
        outcome_set (outcome, PF_CHECKLIST_STATE_DONE, g_strdup (_("No index is left INVALID")));
    }
  else if (g_str_equal (check_id, "sequences"))
    {
      if (n_found > 0)
        outcome_set (outcome, PF_CHECKLIST_STATE_FAILED,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u sequence is behind its column: the next insert would "
                                                   "reuse a key that exists",
                                                   "%u sequences are behind their columns: the next inserts would "
                                                   "reuse keys that exist",
                                                   n_found),
                                      n_found));
      else
        outcome_set (outcome, PF_CHECKLIST_STATE_DONE,
                     g_strdup (_("Every sequence is ahead of the values in its column")));
    }
  else
    {
      if (n_found > 0)
        outcome_set (outcome, PF_CHECKLIST_STATE_FAILED,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u key column has duplicate values",
                                                   "%u key columns have duplicate values",
                                                   n_found),
                                      n_found));
      else
        outcome_set (outcome, PF_CHECKLIST_STATE_DONE,
                     g_strdup (_("No duplicate values in key columns: the database enforces every declared "
                                 "unique key, and the columns the connection’s rules name as keys hold no "
                                 "duplicates")));
    }

  /* Nothing found because the check could not run is not a pass */
  if (n_failed > 0 && n_found == 0)
    {
      outcome_set (outcome, PF_CHECKLIST_STATE_FAILED,
                   g_strdup_printf (_("The check could not run: %s"), failure));
      outcome->not_run = TRUE;
    }
  else if (outcome->state == PF_CHECKLIST_STATE_DONE && !pf_report_get_complete (self->integrity))
    {
      outcome_set (outcome, PF_CHECKLIST_STATE_FAILED,
                   g_strdup_printf (_("The integrity scan did not finish, so it cannot vouch for this: %s"),
                                    pf_report_get_incomplete_reason (self->integrity)));
      outcome->not_run = TRUE;
    }
}

static gboolean
kind_in (const char         *kind,
         const char * const *kinds)
{
  return g_strv_contains (kinds, kind);
}

/* "scheduling: Two migrations are numbered 0002" */
static char *
dup_problem_line (PfMigrationProblem *problem)
{
  if (pf_migration_problem_get_app (problem) != NULL)
    return g_strdup_printf ("%s: %s", pf_migration_problem_get_app (problem),
                            pf_migration_problem_get_title (problem));
  return g_strdup (pf_migration_problem_get_title (problem));
}

static guint
collect_problems (PfChecklistChecks  *self,
                  const char * const *kinds,
                  Outcome            *outcome)
{
  GPtrArray *problems = pf_migration_analysis_get_problems (self->analysis);
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);

      if (!kind_in (pf_migration_problem_get_kind (problem), kinds))
        continue;
      n++;
      outcome_add_detail (outcome, dup_problem_line (problem));
    }

  return n;
}

static void
evaluate_migration_history (PfChecklistChecks *self,
                            Outcome           *outcome)
{
  static const char * const kinds[] = {
    PF_MIGRATION_PROBLEM_CONFLICT, PF_MIGRATION_PROBLEM_DUPLICATE_NUMBER,
    PF_MIGRATION_PROBLEM_INCONSISTENT_HISTORY, PF_MIGRATION_PROBLEM_UNPARSABLE_FILE,
    PF_MIGRATION_PROBLEM_MISSING_TABLE, PF_MIGRATION_PROBLEM_MISSING_COLUMN,
    PF_MIGRATION_PROBLEM_FAILED_MIGRATION, PF_MIGRATION_PROBLEM_DIRTY_MIGRATION,
    PF_MIGRATION_PROBLEM_UNFINISHED_MIGRATION, PF_MIGRATION_PROBLEM_MULTIPLE_HEADS,
    NULL
  };
  guint n = collect_problems (self, kinds, outcome);

  if (n > 0)
    outcome_set (outcome, PF_CHECKLIST_STATE_FAILED,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The migration history has %u problem to fix first",
                                               "The migration history has %u problems to fix first",
                                               n),
                                  n));
  else if (pf_migration_analysis_get_source (self->analysis) == NULL)
    outcome_set (outcome, PF_CHECKLIST_STATE_DONE,
                 g_strdup (_("The migration history the database records is consistent (no project folder "
                             "is set, so only the history was read)")));
  else
    outcome_set (outcome, PF_CHECKLIST_STATE_DONE,
                 g_strdup (_("The migration history is consistent: no conflict, duplicate number, "
                             "unreadable file or missing table or column")));
}

static void
evaluate_drift (PfChecklistChecks *self,
                Outcome           *outcome)
{
  static const char * const kinds[] = {
    PF_MIGRATION_PROBLEM_MISSING_TABLE, PF_MIGRATION_PROBLEM_MISSING_COLUMN, NULL
  };
  guint n;

  if (pf_migration_analysis_get_source (self->analysis) == NULL)
    {
      outcome_set (outcome, PF_CHECKLIST_STATE_NOT_APPLICABLE, g_strdup (no_project_sentence ()));
      return;
    }

  n = collect_problems (self, kinds, outcome);
  if (n > 0)
    outcome_set (outcome, PF_CHECKLIST_STATE_FAILED,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u table or column that an applied migration created is missing",
                                               "%u tables or columns that applied migrations created are missing",
                                               n),
                                  n));
  else
    outcome_set (outcome, PF_CHECKLIST_STATE_DONE,
                 g_strdup (_("Every table and column the applied migrations created exists")));
}

static GPtrArray *
get_pending (PfChecklistChecks *self)
{
  PfMigrationGraph *graph = pf_migration_analysis_get_graph (self->analysis);

  return graph != NULL ? pf_migration_graph_get_pending (graph) : NULL;
}

static void
evaluate_migrations_succeed (PfChecklistChecks *self,
                             Outcome           *outcome)
{
  static const char * const kinds[] = { PF_MIGRATION_PROBLEM_WILL_FAIL, NULL };
  GPtrArray *pending;
  guint n;

  if (pf_migration_analysis_get_source (self->analysis) == NULL)
    {
      outcome_set (outcome, PF_CHECKLIST_STATE_NOT_APPLICABLE, g_strdup (no_project_sentence ()));
      return;
    }

  pending = get_pending (self);
  n = collect_problems (self, kinds, outcome);
  if (n > 0)
    outcome_set (outcome, PF_CHECKLIST_STATE_FAILED,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u pending migration step is predicted to fail",
                                               "%u pending migration steps are predicted to fail",
                                               n),
                                  n));
  else if (pending == NULL || pending->len == 0)
    outcome_set (outcome, PF_CHECKLIST_STATE_DONE, g_strdup (_("No migration is pending")));
  else
    outcome_set (outcome, PF_CHECKLIST_STATE_DONE,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "No failure is predicted for the %u pending migration",
                                               "No failure is predicted for the %u pending migrations",
                                               pending->len),
                                  pending->len));
}

static void
evaluate_migrations_reviewed (PfChecklistChecks *self,
                              Outcome           *outcome)
{
  GPtrArray *pending;
  guint n_unreviewed = 0;

  if (pf_migration_analysis_get_source (self->analysis) == NULL)
    {
      outcome_set (outcome, PF_CHECKLIST_STATE_NOT_APPLICABLE, g_strdup (no_project_sentence ()));
      return;
    }

  pending = get_pending (self);
  if (pending == NULL || pending->len == 0)
    {
      outcome_set (outcome, PF_CHECKLIST_STATE_DONE,
                   g_strdup (_("No migration is pending, so there is nothing to review")));
      return;
    }

  for (guint i = 0; i < pending->len; i++)
    {
      PfMigration *migration = g_ptr_array_index (pending, i);
      const PfMigrationReview *review = NULL;

      if (self->profile != NULL)
        review = pf_connection_profile_get_review (self->profile,
                                                   pf_migration_get_app (migration),
                                                   pf_migration_get_name (migration));
      if (review != NULL && pf_migration_review_is_current (review, migration))
        continue;

      n_unreviewed++;
      if (review != NULL)
        outcome_add_detail (outcome, g_strdup_printf (_("%s.%s changed after %s reviewed it"),
                                                      pf_migration_get_app (migration),
                                                      pf_migration_get_name (migration),
                                                      review->reviewer));
      else
        outcome_add_detail (outcome, g_strdup_printf (_("%s.%s has not been reviewed"),
                                                      pf_migration_get_app (migration),
                                                      pf_migration_get_name (migration)));
    }

  if (n_unreviewed == 0)
    outcome_set (outcome, PF_CHECKLIST_STATE_DONE,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The pending migration has been reviewed",
                                               "All %u pending migrations have been reviewed",
                                               pending->len),
                                  pending->len));
  else
    /* Not a fault: a person still has to do it on the Timeline page */
    outcome_set (outcome, PF_CHECKLIST_STATE_OPEN,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u of %u pending migrations has not been reviewed: mark it "
                                               "reviewed on the Timeline page once its SQL has been read",
                                               "%u of %u pending migrations have not been reviewed: mark them "
                                               "reviewed on the Timeline page once their SQL has been read",
                                               n_unreviewed),
                                  n_unreviewed, pending->len));
}

static void
evaluate_backup_verified (PfChecklistChecks *self,
                          Outcome           *outcome)
{
  PfBackupRecord *backup = pf_checklist_run_get_last_verified_backup (self->run);
  GPtrArray *backups = pf_checklist_run_get_backups (self->run);
  GPtrArray *histories = pf_migration_analysis_get_histories (self->analysis);
  PfMigrationRecord *newest = NULL;
  g_autofree char *backup_when = NULL;
  g_autofree char *migration_when = NULL;

  if (backup == NULL)
    {
      PfBackupRecord *last = backups != NULL && backups->len > 0
                             ? g_ptr_array_index (backups, backups->len - 1) : NULL;

      if (last != NULL)
        {
          outcome_set (outcome, PF_CHECKLIST_STATE_FAILED,
                       g_strdup_printf (_("The last backup failed its verification: %s"),
                                        pf_backup_record_get_verification (last)));
          outcome_add_detail (outcome, g_strdup (pf_backup_record_get_path (last)));
        }
      else
        outcome_set (outcome, PF_CHECKLIST_STATE_OPEN,
                     g_strdup (_("No verified backup has been made in this checklist yet: use Back Up Now")));
      return;
    }

  for (guint h = 0; histories != NULL && h < histories->len; h++)
    {
      GPtrArray *records = pf_migration_history_get_records (g_ptr_array_index (histories, h));

      for (guint i = 0; i < records->len; i++)
        {
          PfMigrationRecord *record = g_ptr_array_index (records, i);

          if (record->applied_at == NULL || record->state != PF_MIGRATION_STATE_APPLIED)
            continue;
          if (newest == NULL || g_date_time_compare (record->applied_at, newest->applied_at) > 0)
            newest = record;
        }
    }

  backup_when = pf_words_dup_local_date_time (pf_backup_record_get_created_at (backup));
  outcome_add_detail (outcome, g_strdup_printf (_("Backup: %s"), pf_backup_record_get_path (backup)));
  outcome_add_detail (outcome, g_strdup (pf_backup_record_get_verification (backup)));

  if (newest == NULL)
    {
      outcome_set (outcome, PF_CHECKLIST_STATE_DONE,
                   g_strdup_printf (_("A verified backup was made on %s; the database records no migration time "
                                      "to compare it with"), backup_when));
      return;
    }

  migration_when = pf_words_dup_local_date_time (newest->applied_at);
  if (g_date_time_compare (pf_backup_record_get_created_at (backup), newest->applied_at) > 0)
    outcome_set (outcome, PF_CHECKLIST_STATE_DONE,
                 g_strdup_printf (_("A verified backup was made on %s, after the last migration was applied "
                                    "(%s)"), backup_when, migration_when));
  else
    outcome_set (outcome, PF_CHECKLIST_STATE_FAILED,
                 g_strdup_printf (_("The last verified backup (%s) is older than the last migration applied "
                                    "(%s%s%s, %s): make a new backup"),
                                  backup_when,
                                  newest->app != NULL ? newest->app : "", newest->app != NULL ? "." : "",
                                  newest->name, migration_when));
}

/* The extensions @operations create, into @names */
static void
collect_extensions (GPtrArray *operations,
                    GPtrArray *names)
{
  static const struct { const char *kind; const char *extension; } known[] = {
    { "HStoreExtension", "hstore" },
    { "TrigramExtension", "pg_trgm" },
    { "UnaccentExtension", "unaccent" },
    { "CITextExtension", "citext" },
    { "BtreeGinExtension", "btree_gin" },
    { "BtreeGistExtension", "btree_gist" },
    { "CryptoExtension", "pgcrypto" },
    { "BloomExtension", "bloom" },
  };
  g_autoptr(GRegex) create = g_regex_new ("CREATE\\s+EXTENSION\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                                          "(?:\"([^\"]+)\"|([A-Za-z_][A-Za-z0-9_$-]*))",
                                          G_REGEX_CASELESS, 0, NULL);

  for (guint i = 0; operations != NULL && i < operations->len; i++)
    {
      PfMigrationOperation *operation = g_ptr_array_index (operations, i);
      const char *name = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (known); k++)
        if (g_str_equal (operation->kind, known[k].kind))
          name = known[k].extension;

      if (g_str_equal (operation->kind, "CreateExtension"))
        name = pf_migration_operation_get_string (operation, "name");

      if (name != NULL)
        {
          if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            g_ptr_array_add (names, g_strdup (name));
          continue;
        }

      if (g_str_equal (operation->kind, "RunSQL"))
        {
          JsonNode *sql = pf_migration_operation_get_argument (operation, "sql");
          g_autoptr(GPtrArray) texts = g_ptr_array_new ();

          if (sql != NULL && JSON_NODE_HOLDS_VALUE (sql) && json_node_get_value_type (sql) == G_TYPE_STRING)
            g_ptr_array_add (texts, (gpointer) json_node_get_string (sql));
          else if (sql != NULL && JSON_NODE_HOLDS_ARRAY (sql))
            {
              JsonArray *array = json_node_get_array (sql);

              for (guint j = 0; j < json_array_get_length (array); j++)
                {
                  JsonNode *element = json_array_get_element (array, j);

                  /* a statement, or a (statement, params) pair */
                  if (JSON_NODE_HOLDS_ARRAY (element) && json_array_get_length (json_node_get_array (element)) > 0)
                    element = json_array_get_element (json_node_get_array (element), 0);
                  if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
                    g_ptr_array_add (texts, (gpointer) json_node_get_string (element));
                }
            }

          for (guint t = 0; t < texts->len; t++)
            {
              g_autoptr(GMatchInfo) match = NULL;

              g_regex_match (create, g_ptr_array_index (texts, t), 0, &match);
              while (g_match_info_matches (match))
                {
                  g_autofree char *quoted = g_match_info_fetch (match, 1);
                  g_autofree char *bare = g_match_info_fetch (match, 2);
                  g_autofree char *extension = NULL;

                  /* An unquoted name folds to lower case, as PostgreSQL does */
                  extension = quoted != NULL && *quoted != '\0' ? g_strdup (quoted) : g_ascii_strdown (bare, -1);
                  if (!g_ptr_array_find_with_equal_func (names, extension, g_str_equal, NULL))
                    g_ptr_array_add (names, g_steal_pointer (&extension));
                  g_match_info_next (match, NULL);
                }
            }
        }

      collect_extensions (operation->database_operations, names);
    }
}

/* --------------------------------------------------------- the run -- */

typedef struct
{
  GPtrArray   *ids;          /* the checks to run, in check_order */
  guint        next;
  gboolean     all;          /* run_async (NULL): every check of the template */
  gboolean     counted_now;  /* row-counts recorded in this pass */
  GHashTable  *saved;        /* PfChecklistEntry → JsonNode, before RUNNING */
  GError      *scan_error;
  GError      *analysis_error;
  gboolean     scan_tried;
  gboolean     analysis_tried;
} RunState;

static void
run_state_free (RunState *state)
{
  g_ptr_array_unref (state->ids);
  g_hash_table_unref (state->saved);
  g_clear_error (&state->scan_error);
  g_clear_error (&state->analysis_error);
  g_free (state);
}

static void step (GTask *task);

/* Every entry bound to @check_id back to what it was before the run */
static void
restore_entries (PfChecklistChecks *self,
                 RunState          *state,
                 const char        *check_id)
{
  g_autoptr(GPtrArray) entries = pf_checklist_run_find_by_check (self->run, check_id);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      PfChecklistEntry *entry = g_ptr_array_index (entries, i);
      JsonNode *node = g_hash_table_lookup (state->saved, entry);
      g_autoptr(GError) error = NULL;

      if (node != NULL && !pf_checklist_entry_load_json_node (entry, node, &error))
        g_warning ("Could not restore checklist item “%s”: %s",
                   pf_checklist_item_get_id (pf_checklist_entry_get_item (entry)), error->message);
    }
}

static void
finish_cancelled (GTask *task)
{
  PfChecklistChecks *self = g_task_get_source_object (task);
  RunState *state = g_task_get_task_data (task);

  for (guint i = state->next; i < state->ids->len; i++)
    restore_entries (self, state, g_ptr_array_index (state->ids, i));

  self->running = FALSE;
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The checks were cancelled"));
}

static void
set_result (PfChecklistChecks *self,
            RunState          *state,
            const char        *check_id,
            PfChecklistState   result_state,
            const char        *evidence,
            GPtrArray         *details,
            guint              n_dropped,
            gboolean           manual_fallback)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autofree char *more = NULL;

  for (guint i = 0; details != NULL && i < details->len; i++)
    g_ptr_array_add (lines, g_ptr_array_index (details, i));
  if (n_dropped > 0)
    {
      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %u more", "…and %u more", n_dropped),
                              n_dropped);
      g_ptr_array_add (lines, more);
    }
  g_ptr_array_add (lines, NULL);

  pf_checklist_run_set_result (self->run, check_id, result_state, evidence,
                               lines->len > 1 ? (const char * const *) lines->pdata : NULL,
                               manual_fallback);
  state->next++;
}

static void
on_job_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PfChecklistChecks *self = g_task_get_source_object (task);
  RunState *state = g_task_get_task_data (task);
  Job *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    {
      finish_cancelled (task);
      return;
    }

  if (job->counts != NULL)
    {
      pf_checklist_run_set_row_counts (self->run, job->counts);
      state->counted_now = TRUE;
    }

  if (job->not_run)
    self->n_not_run++;
  set_result (self, state, job->check_id, job->state, job->evidence, job->details, job->n_dropped,
              job->manual_fallback);
  step (task);
}

static void
start_job (GTask *task,
           Job   *job)
{
  PfChecklistChecks *self = g_task_get_source_object (task);
  g_autoptr(GTask) job_task = NULL;

  job->database = g_object_ref (self->database);
  job->schema = g_object_ref (self->schema);

  job_task = g_task_new (self, g_task_get_cancellable (task), on_job_done, g_object_ref (task));
  g_task_set_source_tag (job_task, start_job);
  g_task_set_task_data (job_task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (job_task, job_thread);
}

/* The profile's rules, and a unique rule for every column that a
 * relationship rule says other columns point at: a key column */
static PfRules *
dup_scan_rules (PfChecklistChecks *self)
{
  PfRules *profile_rules = self->profile != NULL ? pf_connection_profile_get_rules (self->profile) : NULL;
  g_autoptr(PfRules) rules = NULL;
  g_autoptr(JsonNode) node = NULL;
  GPtrArray *relationships;

  if (profile_rules == NULL)
    return NULL;

  node = pf_rules_to_json_node (profile_rules);
  rules = pf_rules_new_from_json_node (node, NULL);
  if (rules == NULL)
    return g_object_ref (profile_rules);

  relationships = pf_rules_get_relationships (rules);
  for (guint i = 0; relationships != NULL && i < relationships->len; i++)
    {
      PfRelationshipRule *relationship = g_ptr_array_index (relationships, i);
      const char *columns[] = { relationship->references_column, NULL };
      GPtrArray *unique = pf_rules_get_unique (rules);
      g_auto(GStrv) parts = g_strsplit (relationship->references_table, ".", 2);
      const char *schema_name = parts[1] != NULL ? parts[0] : (is_pg (self) ? "public" : NULL);
      const char *table_name = parts[1] != NULL ? parts[1] : parts[0];
      gboolean known = FALSE;

      if (pf_schema_lookup_table (self->schema, schema_name, table_name) == NULL)
        continue;

      for (guint u = 0; unique != NULL && u < unique->len; u++)
        {
          PfUniqueRule *rule = g_ptr_array_index (unique, u);

          if (g_str_equal (rule->table, relationship->references_table) &&
              g_strv_equal ((const char * const *) rule->columns, columns))
            known = TRUE;
        }

      if (!known)
        pf_rules_add_unique (rules, relationship->references_table, columns, NULL);
    }

  return g_steal_pointer (&rules);
}

static void
on_scan_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PfChecklistChecks *self = g_task_get_source_object (task);
  RunState *state = g_task_get_task_data (task);
  g_autoptr(PfReport) report = NULL;

  report = pf_scan_run_finish (PF_SCAN (object), result, &state->scan_error);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      finish_cancelled (task);
      return;
    }

  if (report != NULL)
    g_set_object (&self->integrity, report);
  step (task);
}

static void
start_scan (GTask *task)
{
  PfChecklistChecks *self = g_task_get_source_object (task);
  g_autoptr(PfScan) scan = pf_scan_new (self->database, self->schema);
  g_autoptr(PfRules) rules = dup_scan_rules (self);

  if (rules != NULL)
    pf_scan_set_rules (scan, rules);
  pf_scan_run_async (scan, g_task_get_cancellable (task), on_scan_done, g_object_ref (task));
}

static void
on_analysis_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PfChecklistChecks *self = g_task_get_source_object (task);
  RunState *state = g_task_get_task_data (task);
  g_autoptr(PfMigrationAnalysis) analysis = NULL;

  analysis = pf_migration_analysis_run_finish (result, &state->analysis_error);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      finish_cancelled (task);
      return;
    }

  if (analysis != NULL)
    g_set_object (&self->analysis, analysis);
  step (task);
}

static void
start_analysis (GTask *task)
{
  PfChecklistChecks *self = g_task_get_source_object (task);
  const char *project_dir = self->project_dir;

  if (project_dir == NULL && self->profile != NULL)
    project_dir = pf_connection_profile_get_project_dir (self->profile);

  pf_migration_analysis_run_async (self->database, self->schema, project_dir, NULL, self->integrity,
                                   g_task_get_cancellable (task), on_analysis_done, g_object_ref (task));
}

static const char *
not_applicable_sentence (const char *check_id)
{
  if (g_str_equal (check_id, "invalid-indexes"))
    return _("SQLite never leaves an index half built: an index that cannot be created is not kept");
  if (g_str_equal (check_id, "sequences"))
    return _("SQLite has no sequences: it numbers new rows from the largest key in the table");
  if (g_str_equal (check_id, "pg-sessions"))
    return _("SQLite has no server sessions; a program holding the file open is reported when the "
             "migration cannot lock it");
  if (g_str_equal (check_id, "pg-connections"))
    return _("SQLite has no connection limit");
  return _("SQLite has no extensions to install: this check is for PostgreSQL");
}

/* Works out the current check, or starts what it waits for. Returns FALSE
 * when it started something asynchronous. */
static gboolean
step_one (GTask      *task,
          const char *check_id)
{
  PfChecklistChecks *self = g_task_get_source_object (task);
  RunState *state = g_task_get_task_data (task);
  g_auto(Outcome) outcome = { PF_CHECKLIST_STATE_OPEN, NULL, NULL, FALSE, 0 };
  Job *job;

  if (pg_only (check_id) && !is_pg (self))
    {
      set_result (self, state, check_id, PF_CHECKLIST_STATE_NOT_APPLICABLE,
                  not_applicable_sentence (check_id), NULL, 0, FALSE);
      return TRUE;
    }

  if (needs_integrity (check_id))
    {
      if ((self->integrity == NULL || !report_ran (self->integrity, scan_check_for (check_id))) &&
          !state->scan_tried)
        {
          state->scan_tried = TRUE;
          start_scan (task);
          return FALSE;
        }
      if (self->integrity == NULL)
        {
          g_autofree char *evidence = g_strdup_printf (_("The integrity scan could not run: %s"),
                                                       state->scan_error != NULL ? state->scan_error->message
                                                                                 : _("unknown error"));

          self->n_not_run++;
          set_result (self, state, check_id, PF_CHECKLIST_STATE_FAILED, evidence, NULL, 0, FALSE);
          return TRUE;
        }

      if (g_str_equal (check_id, "integrity"))
        evaluate_integrity (self, &outcome);
      else
        evaluate_scan_check (self, check_id, &outcome);
      if (outcome.not_run)
        self->n_not_run++;
      set_result (self, state, check_id, outcome.state, outcome.evidence, outcome.details,
                  outcome.n_dropped, FALSE);
      return TRUE;
    }

  if (needs_analysis (check_id))
    {
      if (self->analysis == NULL && !state->analysis_tried)
        {
          state->analysis_tried = TRUE;
          start_analysis (task);
          return FALSE;
        }
      if (self->analysis == NULL)
        {
          g_autofree char *evidence = g_strdup_printf (_("The migrations could not be read: %s"),
                                                       state->analysis_error != NULL
                                                         ? state->analysis_error->message : _("unknown error"));

          self->n_not_run++;
          set_result (self, state, check_id, PF_CHECKLIST_STATE_FAILED, evidence, NULL, 0, FALSE);
          return TRUE;
        }

      if (g_str_equal (check_id, "migration-history"))
        evaluate_migration_history (self, &outcome);
      else if (g_str_equal (check_id, "drift"))
        evaluate_drift (self, &outcome);
      else if (g_str_equal (check_id, "migrations-reviewed"))
        evaluate_migrations_reviewed (self, &outcome);
      else if (g_str_equal (check_id, "migrations-succeed"))
        evaluate_migrations_succeed (self, &outcome);
      else if (g_str_equal (check_id, "backup-verified"))
        evaluate_backup_verified (self, &outcome);
      else
        {
          /* pg-extensions: which ones the pending migrations create */
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          GPtrArray *pending;

          if (pf_migration_analysis_get_source (self->analysis) == NULL)
            {
              set_result (self, state, check_id, PF_CHECKLIST_STATE_NOT_APPLICABLE,
                          no_project_sentence (), NULL, 0, FALSE);
              return TRUE;
            }

          pending = get_pending (self);
          for (guint i = 0; pending != NULL && i < pending->len; i++)
            collect_extensions (pf_migration_get_operations (g_ptr_array_index (pending, i)), names);

          if (names->len == 0)
            {
              set_result (self, state, check_id, PF_CHECKLIST_STATE_DONE,
                          _("The pending migrations need no extension"), NULL, 0, FALSE);
              return TRUE;
            }

          g_ptr_array_add (names, NULL);
          job = g_new0 (Job, 1);
          job->check_id = g_strdup (check_id);
          job->extensions = (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
          start_job (task, job);
          return FALSE;
        }

      set_result (self, state, check_id, outcome.state, outcome.evidence, outcome.details,
                  outcome.n_dropped, FALSE);
      return TRUE;
    }

  if (g_str_equal (check_id, "row-counts") && state->all &&
      pf_checklist_run_get_row_counts (self->run) != NULL)
    {
      /* Running every check again after the migration must not replace the
       * counts taken before it: only re-running this item records anew */
      PfRowCounts *recorded = pf_checklist_run_get_row_counts (self->run);
      g_auto(GStrv) tables = pf_row_counts_dup_tables (recorded);
      g_autofree char *when = pf_words_dup_local_date_time (pf_row_counts_get_taken_at (recorded));
      g_autofree char *evidence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "The row count of %u table was recorded on %s",
                                                                "The row counts of %u tables were recorded on %s",
                                                                g_strv_length (tables)),
                                                   g_strv_length (tables), when);

      set_result (self, state, check_id, PF_CHECKLIST_STATE_DONE, evidence, NULL, 0, FALSE);
      return TRUE;
    }

  if (g_str_equal (check_id, "row-counts-match"))
    {
      if (pf_checklist_run_get_row_counts (self->run) == NULL)
        {
          set_result (self, state, check_id, PF_CHECKLIST_STATE_OPEN,
                      _("No counts were recorded before the migration"), NULL, 0, FALSE);
          return TRUE;
        }
      if (state->counted_now)
        {
          set_result (self, state, check_id, PF_CHECKLIST_STATE_OPEN,
                      _("The counts were recorded just now: compare them after the migration"), NULL, 0, FALSE);
          return TRUE;
        }
    }

  job = g_new0 (Job, 1);
  job->check_id = g_strdup (check_id);
  if (g_str_equal (check_id, "row-counts-match"))
    job->recorded = g_object_ref (pf_checklist_run_get_row_counts (self->run));
  start_job (task, job);
  return FALSE;
}

static void
step (GTask *task)
{
  PfChecklistChecks *self = g_task_get_source_object (task);
  RunState *state = g_task_get_task_data (task);

  while (state->next < state->ids->len)
    {
      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          finish_cancelled (task);
          return;
        }

      if (!step_one (task, g_ptr_array_index (state->ids, state->next)))
        return;
    }

  self->running = FALSE;
  g_task_return_boolean (task, TRUE);
}

/* --------------------------------------------------------- object -- */

static void
pf_checklist_checks_finalize (GObject *object)
{
  PfChecklistChecks *self = PF_CHECKLIST_CHECKS (object);

  g_clear_object (&self->database);
  g_clear_object (&self->schema);
  g_clear_object (&self->run);
  g_clear_object (&self->profile);
  g_clear_object (&self->integrity);
  g_clear_object (&self->analysis);
  g_clear_pointer (&self->project_dir, g_free);

  G_OBJECT_CLASS (pf_checklist_checks_parent_class)->finalize (object);
}

static void
pf_checklist_checks_class_init (PfChecklistChecksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_checklist_checks_finalize;
}

static void
pf_checklist_checks_init (PfChecklistChecks *self)
{
}

PfChecklistChecks *
pf_checklist_checks_new (PfDatabase     *database,
                         PfSchema       *schema,
                         PfChecklistRun *run)
{
  PfChecklistChecks *self;

  g_return_val_if_fail (PF_IS_DATABASE (database), NULL);
  g_return_val_if_fail (PF_IS_SCHEMA (schema), NULL);
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (run), NULL);

  self = g_object_new (PF_TYPE_CHECKLIST_CHECKS, NULL);
  self->database = g_object_ref (database);
  self->schema = g_object_ref (schema);
  self->run = g_object_ref (run);

  return self;
}

void
pf_checklist_checks_set_profile (PfChecklistChecks   *self,
                                 PfConnectionProfile *profile)
{
  g_return_if_fail (PF_IS_CHECKLIST_CHECKS (self));
  g_return_if_fail (profile == NULL || PF_IS_CONNECTION_PROFILE (profile));

  g_set_object (&self->profile, profile);
}

void
pf_checklist_checks_set_integrity (PfChecklistChecks *self,
                                   PfReport          *integrity)
{
  g_return_if_fail (PF_IS_CHECKLIST_CHECKS (self));
  g_return_if_fail (integrity == NULL || PF_IS_REPORT (integrity));

  g_set_object (&self->integrity, integrity);
}

void
pf_checklist_checks_set_analysis (PfChecklistChecks   *self,
                                  PfMigrationAnalysis *analysis)
{
  g_return_if_fail (PF_IS_CHECKLIST_CHECKS (self));
  g_return_if_fail (analysis == NULL || PF_IS_MIGRATION_ANALYSIS (analysis));

  g_set_object (&self->analysis, analysis);
}

void
pf_checklist_checks_set_project_dir (PfChecklistChecks *self,
                                     const char        *project_dir)
{
  g_return_if_fail (PF_IS_CHECKLIST_CHECKS (self));

  if (g_strcmp0 (self->project_dir, project_dir) == 0)
    return;

  g_free (self->project_dir);
  self->project_dir = g_strdup (project_dir);
  /* An analysis of another folder no longer answers */
  g_clear_object (&self->analysis);
}

PfReport *
pf_checklist_checks_get_integrity (PfChecklistChecks *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_CHECKS (self), NULL);

  return self->integrity;
}

PfMigrationAnalysis *
pf_checklist_checks_get_analysis (PfChecklistChecks *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_CHECKS (self), NULL);

  return self->analysis;
}

void
pf_checklist_checks_run_async (PfChecklistChecks   *self,
                               const char * const  *check_ids,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  RunState *state;

  g_return_if_fail (PF_IS_CHECKLIST_CHECKS (self));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_checklist_checks_run_async);

  /* Which checks: the given ones, or every one the template's automatic
   * items use; either way in check_order, each once */
  if (check_ids != NULL)
    {
      for (guint i = 0; check_ids[i] != NULL; i++)
        g_ptr_array_add (wanted, (gpointer) check_ids[i]);
    }
  else
    {
      GListModel *entries = pf_checklist_run_get_entries (self->run);

      for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
        {
          g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (entries, i);
          PfChecklistItem *item = pf_checklist_entry_get_item (entry);

          if (pf_checklist_item_get_kind (item) == PF_CHECKLIST_ITEM_AUTOMATIC &&
              pf_checklist_item_get_check (item) != NULL)
            g_ptr_array_add (wanted, (gpointer) pf_checklist_item_get_check (item));
        }
    }

  state = g_new0 (RunState, 1);
  state->ids = g_ptr_array_new ();
  state->all = check_ids == NULL;
  state->saved = g_hash_table_new_full (NULL, NULL, g_object_unref, (GDestroyNotify) json_node_unref);
  for (guint i = 0; i < G_N_ELEMENTS (check_order); i++)
    if (g_ptr_array_find_with_equal_func (wanted, check_order[i], g_str_equal, NULL))
      g_ptr_array_add (state->ids, (gpointer) check_order[i]);
  for (guint i = 0; i < wanted->len; i++)
    if (!g_strv_contains (check_order, g_ptr_array_index (wanted, i)))
      g_critical ("Unknown checklist check “%s”", (const char *) g_ptr_array_index (wanted, i));
  g_task_set_task_data (task, state, (GDestroyNotify) run_state_free);

  /* Remember every entry as it was, then show them all as running */
  for (guint i = 0; i < state->ids->len; i++)
    {
      g_autoptr(GPtrArray) entries = pf_checklist_run_find_by_check (self->run, g_ptr_array_index (state->ids, i));

      for (guint j = 0; entries != NULL && j < entries->len; j++)
        {
          PfChecklistEntry *entry = g_ptr_array_index (entries, j);

          if (!g_hash_table_contains (state->saved, entry))
            g_hash_table_insert (state->saved, g_object_ref (entry), pf_checklist_entry_to_json_node (entry));
        }
      pf_checklist_run_set_running (self->run, g_ptr_array_index (state->ids, i));
    }

  self->running = TRUE;
  self->n_not_run = 0;
  step (task);
}

guint
pf_checklist_checks_get_n_not_run (PfChecklistChecks *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_CHECKS (self), 0);

  return self->n_not_run;
}

gboolean
pf_checklist_checks_run_finish (PfChecklistChecks  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_CHECKS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
