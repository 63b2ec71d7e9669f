/* pf-test-pg.c — a throwaway PostgreSQL cluster for tests (see pf-test-pg.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-test-pg"

#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib-unix.h>

#include "pf-test-pg.h"

#ifndef PF_TEST_PG_BINDIRS
# define PF_TEST_PG_BINDIRS ""
#endif

#define SUPERUSER "pf_test"

struct _PfTestPg
{
  char     *bindir;
  char     *dir;          /* top directory; also the socket directory */
  char     *datadir;
  char     *logfile;
  guint     port;
  gboolean  as_postgres;  /* we are root: run the server as "postgres" */
  gboolean  started;
  guint     n_databases;

  int       watchdog_fd;  /* write end; the watchdog acts when it closes */
  GPid      watchdog_pid;
};

static gboolean
is_bindir (const char *dir)
{
  static const char * const programs[] = { "initdb", "pg_ctl", "postgres" };

  if (dir == NULL || *dir == '\0')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
    {
      g_autofree char *path = g_build_filename (dir, programs[i], NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        return FALSE;
    }

  return TRUE;
}

static char *
find_bindir (void)
{
  g_auto(GStrv) candidates = g_strsplit (PF_TEST_PG_BINDIRS, ":", -1);
  g_autofree char *initdb = NULL;

  if (is_bindir (g_getenv ("PF_TEST_PG_BINDIR")))
    return g_strdup (g_getenv ("PF_TEST_PG_BINDIR"));

  for (guint i = 0; candidates[i] != NULL; i++)
    if (is_bindir (candidates[i]))
      return g_strdup (candidates[i]);

  initdb = g_find_program_in_path ("initdb");
  if (initdb != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (initdb);

      if (is_bindir (dir))
        return g_steal_pointer (&dir);
    }

  return NULL;
}

/* Runs a PostgreSQL program from the bindir, as "postgres" when we are root */
static gboolean
run_program (PfTestPg    *self,
             GError     **error,
             const char  *program,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *standard_output = NULL;
  g_autofree char *standard_error = NULL;
  g_autoptr(GError) wait_error = NULL;
  const char *arg;
  va_list args;
  int status;

  if (self->as_postgres)
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup ("postgres"));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  g_ptr_array_add (argv, g_build_filename (self->bindir, program, NULL));

  va_start (args, program);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* The cwd must be one "postgres" can enter, whoever started the test */
  if (!g_spawn_sync (self->dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                     NULL, NULL, &standard_output, &standard_error, &status, error))
    return FALSE;

  if (!g_spawn_check_wait_status (status, &wait_error))
    {
      /* One line, so a failed assertion stays readable in TAP output */
      g_strdelimit (g_strstrip (standard_error), "\n", ' ');
      g_strdelimit (g_strstrip (standard_output), "\n", ' ');
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s failed (%s): %s %s", program, wait_error->message,
                   standard_error, standard_output);
      return FALSE;
    }

  return TRUE;
}

static guint
find_free_port (GError **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  /* The socket lives in our own directory, so any port works; a free TCP
   * port just keeps it unsurprising for someone reading the logs. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL || !g_socket_bind (socket, address, FALSE, error))
    return 0;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return 0;

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
watchdog_child_setup (gpointer user_data)
{
  /* Out of the test's process group, so a kill of the group spares it */
  setsid ();
}

/* A shell that blocks on a pipe only this process writes to. The pipe closes
 * however this process ends; then the shell stops the server and removes
 * the directory. */
static gboolean
start_watchdog (PfTestPg  *self,
                GError   **error)
{
  static const char script[] =
    "cat >/dev/null 2>&1\n"
    "pidfile=\"$1/data/postmaster.pid\"\n"
    "if [ -f \"$pidfile\" ]; then\n"
    "  if [ \"$3\" = 1 ]; then\n"
    "    runuser -u postgres -- \"$2\" -D \"$1/data\" stop -m immediate -w -s\n"
    "  else\n"
    "    \"$2\" -D \"$1/data\" stop -m immediate -w -s\n"
    "  fi\n"
    "  if [ -f \"$pidfile\" ]; then kill -KILL \"$(head -n 1 \"$pidfile\")\"; fi\n"
    "fi\n"
    "rm -rf \"$1\"\n";
  g_autofree char *pg_ctl = g_build_filename (self->bindir, "pg_ctl", NULL);
  const char *argv[] = {
    "/bin/sh", "-c", script, "pf-test-pg-watchdog",
    self->dir, pg_ctl, self->as_postgres ? "1" : "0", NULL
  };
  int fds[2];

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, error))
    return FALSE;

  if (!g_spawn_async_with_pipes_and_fds ("/", argv, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD
                                         | G_SPAWN_STDOUT_TO_DEV_NULL
                                         | G_SPAWN_STDERR_TO_DEV_NULL,
                                         watchdog_child_setup, NULL,
                                         fds[0], -1, -1, NULL, NULL, 0,
                                         &self->watchdog_pid,
                                         NULL, NULL, NULL, error))
    {
      close (fds[0]);
      close (fds[1]);
      return FALSE;
    }

  close (fds[0]);
  self->watchdog_fd = fds[1];

  return TRUE;
}

static gboolean
make_dir (PfTestPg  *self,
          GError   **error)
{
  const char *tmp = g_get_tmp_dir ();
  g_autofree char *template = NULL;

  /* Unix socket paths are limited to ~107 bytes, and "postgres" must be able
   * to reach the directory when we are root. */
  if (self->as_postgres || strlen (tmp) > 60)
    tmp = "/tmp";

  template = g_build_filename (tmp, "pf-test-pg-XXXXXX", NULL);
  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "Could not create %s: %s", template, g_strerror (errsv));
      return FALSE;
    }
  self->dir = g_steal_pointer (&template);

  if (self->as_postgres)
    {
      struct passwd *pw = getpwnam ("postgres");

      if (pw == NULL || chown (self->dir, pw->pw_uid, pw->pw_gid) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "Running as root needs a “postgres” user to own the test cluster in %s",
                       self->dir);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
configure (PfTestPg  *self,
           GError   **error)
{
  g_autofree char *conf_path = g_build_filename (self->datadir, "postgresql.conf", NULL);
  g_autofree char *hba_path = g_build_filename (self->datadir, "pg_hba.conf", NULL);
  g_autofree char *conf = NULL;
  g_autofree char *extra = NULL;
  const char *hba =
    "# pf-test-pg: the test superuser needs no password, everyone else does\n"
    "local all " SUPERUSER " trust\n"
    "local all all scram-sha-256\n";

  if (!g_file_get_contents (conf_path, &conf, NULL, error))
    return FALSE;

  extra = g_strdup_printf ("\n# pf-test-pg\n"
                           "listen_addresses = ''\n"
                           "unix_socket_directories = '%s'\n"
                           "port = %u\n"
                           "fsync = off\n"
                           "synchronous_commit = off\n"
                           "full_page_writes = off\n"
                           "autovacuum = off\n"
                           "shared_buffers = 16MB\n"
                           "max_connections = 50\n"
                           "password_encryption = 'scram-sha-256'\n",
                           self->dir, self->port);

  {
    g_autofree char *full = g_strconcat (conf, extra, NULL);

    if (!g_file_set_contents_full (conf_path, full, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error)
        || !g_file_set_contents_full (hba_path, hba, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
      return FALSE;
  }

  /* The files were replaced by root-owned ones; give them back */
  if (self->as_postgres)
    {
      struct passwd *pw = getpwnam ("postgres");

      if (pw == NULL
          || chown (conf_path, pw->pw_uid, pw->pw_gid) != 0
          || chown (hba_path, pw->pw_uid, pw->pw_gid) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "Could not give %s to the postgres user", self->datadir);
          return FALSE;
        }
    }

  return TRUE;
}

static char *
log_tail (PfTestPg *self)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (self->logfile, &contents, &len, NULL))
    return g_strdup ("");

  /* Prefixed so that it reads as a TAP comment when a test prints it */
  {
    g_auto(GStrv) lines = g_strsplit (len > 2000 ? contents + len - 2000 : contents, "\n", -1);
    g_autofree char *joined = g_strjoinv ("\n# ", lines);

    return g_strconcat ("# ", joined, NULL);
  }
}

PfTestPg *
pf_test_pg_start (GError **error)
{
  g_autoptr(PfTestPg) self = g_new0 (PfTestPg, 1);
  gint64 begin = g_get_monotonic_time ();

  self->watchdog_fd = -1;
  self->as_postgres = (geteuid () == 0);

  self->bindir = find_bindir ();
  if (self->bindir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "No PostgreSQL server binaries (initdb, pg_ctl, postgres) found in "
                   "$PF_TEST_PG_BINDIR, “%s” or PATH; install postgresql (Debian: "
                   "apt-get install postgresql)", PF_TEST_PG_BINDIRS);
      return NULL;
    }

  if (!make_dir (self, error) || !start_watchdog (self, error))
    return NULL;

  self->datadir = g_build_filename (self->dir, "data", NULL);
  self->logfile = g_build_filename (self->dir, "postgres.log", NULL);
  self->port = find_free_port (error);
  if (self->port == 0)
    return NULL;

  if (!run_program (self, error, "initdb",
                    "-D", self->datadir, "-U", SUPERUSER, "-E", "UTF8", "--no-locale",
                    "--auth=trust", "--no-sync", "--no-instructions", NULL)
      || !configure (self, error))
    return NULL;

  if (!run_program (self, error, "pg_ctl", "-D", self->datadir, "-l", self->logfile,
                    "-w", "-t", "60", "-s", "start", NULL))
    {
      g_autofree char *tail = log_tail (self);

      g_prefix_error (error, "Could not start the test cluster: ");
      if (error != NULL && *error != NULL)
        {
          char *message = g_strconcat ((*error)->message, "\n", tail, NULL);

          g_free ((*error)->message);
          (*error)->message = message;
        }
      return NULL;
    }
  self->started = TRUE;

  g_debug ("PostgreSQL test cluster in %s on port %u, up in %.1f s",
           self->dir, self->port, (g_get_monotonic_time () - begin) / (double) G_USEC_PER_SEC);

  return g_steal_pointer (&self);
}

void
pf_test_pg_stop (PfTestPg *self)
{
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;

  if (self->started
      && !run_program (self, &error, "pg_ctl", "-D", self->datadir,
                       "stop", "-m", "immediate", "-w", "-s", NULL))
    g_printerr ("# pf-test-pg: %s\n", error->message);

  if (self->dir != NULL)
    {
      const char *argv[] = { "rm", "-rf", self->dir, NULL };

      g_spawn_sync ("/", (char **) argv, NULL,
                    G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, NULL, NULL);
    }

  /* Closing the pipe wakes the watchdog, which finds nothing left to do */
  if (self->watchdog_fd >= 0)
    close (self->watchdog_fd);
  if (self->watchdog_pid > 0)
    {
      while (waitpid (self->watchdog_pid, NULL, 0) < 0 && errno == EINTR)
        ;
      g_spawn_close_pid (self->watchdog_pid);
    }

  g_free (self->bindir);
  g_free (self->dir);
  g_free (self->datadir);
  g_free (self->logfile);
  g_free (self);
}

gboolean
pf_test_pg_kill (PfTestPg  *self,
                 GError   **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  /* Immediate: the postmaster and every backend die at once, the way a
   * crashed or powered-off server looks to clients */
  if (!run_program (self, error, "pg_ctl", "-D", self->datadir,
                    "stop", "-m", "immediate", "-w", "-s", NULL))
    return FALSE;

  self->started = FALSE;

  return TRUE;
}

const char *
pf_test_pg_get_socket_dir (PfTestPg *self)
{
  return self->dir;
}

guint
pf_test_pg_get_port (PfTestPg *self)
{
  return self->port;
}

const char *
pf_test_pg_get_superuser (PfTestPg *self)
{
  return SUPERUSER;
}

const char *
pf_test_pg_get_dir (PfTestPg *self)
{
  return self->dir;
}

char *
pf_test_pg_dup_url (PfTestPg   *self,
                    const char *dbname)
{
  g_autofree char *host = g_uri_escape_string (self->dir, NULL, FALSE);
  g_autofree char *db = g_uri_escape_string (dbname ? dbname : "postgres", NULL, FALSE);

  return g_strdup_printf ("postgresql://%s@%s:%u/%s", SUPERUSER, host, self->port, db);
}

static void
quiet_notices (void       *user_data,
               const char *message)
{
}

PGconn *
pf_test_pg_connect (PfTestPg    *self,
                    const char  *dbname,
                    GError     **error)
{
  g_autofree char *port = g_strdup_printf ("%u", self->port);
  const char *keywords[] = { "host", "port", "user", "dbname", "application_name", NULL };
  const char *values[] = { self->dir, port, SUPERUSER, dbname ? dbname : "postgres", "pf-test-pg", NULL };
  PGconn *conn;

  conn = PQconnectdbParams (keywords, values, 0);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Could not connect to the test cluster: %s", PQerrorMessage (conn));
      PQfinish (conn);
      return NULL;
    }
  PQsetNoticeProcessor (conn, quiet_notices, NULL);

  return conn;
}

static PGresult *
exec_sql (PfTestPg    *self,
          const char  *dbname,
          const char  *sql,
          GError     **error)
{
  PGconn *conn = pf_test_pg_connect (self, dbname, error);
  PGresult *result;

  if (conn == NULL)
    return NULL;

  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      const char *sqlstate = PQresultErrorField (result, PG_DIAG_SQLSTATE);
      g_autofree char *message = g_strstrip (g_strdup (PQerrorMessage (conn)));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s [%s]",
                   message, sqlstate ? sqlstate : "?????");
      PQclear (result);
      result = NULL;
    }
  PQfinish (conn);

  return result;
}

gboolean
pf_test_pg_exec (PfTestPg    *self,
                 const char  *dbname,
                 const char  *sql,
                 GError     **error)
{
  PGresult *result = exec_sql (self, dbname, sql, error);

  PQclear (result);

  return result != NULL;
}

char *
pf_test_pg_query_string (PfTestPg    *self,
                         const char  *dbname,
                         const char  *sql,
                         GError     **error)
{
  PGresult *result = exec_sql (self, dbname, sql, error);
  char *ret = NULL;

  if (result != NULL && PQntuples (result) > 0 && PQnfields (result) > 0
      && !PQgetisnull (result, 0, 0))
    ret = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);

  return ret;
}

char *
pf_test_pg_create_database (PfTestPg    *self,
                            const char  *name,
                            GError     **error)
{
  g_autofree char *dbname = name ? g_strdup (name) : g_strdup_printf ("pf_test_%u", ++self->n_databases);
  g_autofree char *sql = NULL;
  PGconn *conn;
  char *quoted;

  conn = pf_test_pg_connect (self, NULL, error);
  if (conn == NULL)
    return NULL;
  quoted = PQescapeIdentifier (conn, dbname, strlen (dbname));
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'", quoted);
  PQfreemem (quoted);
  PQfinish (conn);

  if (!pf_test_pg_exec (self, NULL, sql, error))
    return NULL;

  return g_steal_pointer (&dbname);
}

void
pf_test_pg_exec_ok (PfTestPg   *self,
                    const char *dbname,
                    const char *sql)
{
  g_autoptr(GError) error = NULL;

  pf_test_pg_exec (self, dbname, sql, &error);
  g_assert_no_error (error);
}

gint64
pf_test_pg_query_int (PfTestPg   *self,
                      const char *dbname,
                      const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = pf_test_pg_query_string (self, dbname, sql, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);

  return g_ascii_strtoll (text, NULL, 10);
}

PfTestPg *
pf_test_pg_start_ok (void)
{
  g_autoptr(GError) error = NULL;
  PfTestPg *self = pf_test_pg_start (&error);

  g_assert_no_error (error);

  return self;
}

int
pf_test_pg_run_tests (PfTestPg *self)
{
  int ret = g_test_run ();

  pf_test_pg_stop (self);

  return ret;
}

char *
pf_test_pg_create_database_ok (PfTestPg *self)
{
  g_autoptr(GError) error = NULL;
  char *dbname = pf_test_pg_create_database (self, NULL, &error);

  g_assert_no_error (error);

  return dbname;
}
