/* test-pg-connect.c — opening PostgreSQL sessions: errors, read-only, cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pg-connect"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pf-engine.h"
#include "pf-pg-database.h"
#include "pf-pg-database-private.h"
#include "pf-test-pg.h"

static PfTestPg *pg;

#define HELPER_ARG "--pf-start-cluster-and-wait"

static PfConnectionProfile *
profile_for (const char *host,
             guint       port,
             const char *dbname,
             const char *user)
{
  PfConnectionProfile *profile = pf_connection_profile_new (PF_DATABASE_KIND_POSTGRESQL);

  pf_connection_profile_set_host (profile, host);
  pf_connection_profile_set_port (profile, port);
  pf_connection_profile_set_dbname (profile, dbname);
  pf_connection_profile_set_user (profile, user);
  /* Nothing from the environment should change what we test */
  pf_connection_profile_set_sslmode (profile, "disable");

  return profile;
}

static PfConnectionProfile *
cluster_profile (const char *dbname,
                 const char *user)
{
  return profile_for (pf_test_pg_get_socket_dir (pg), pf_test_pg_get_port (pg),
                      dbname, user ? user : pf_test_pg_get_superuser (pg));
}

/* "Could not connect to /tmp/pf-test-pg-XXXXXX:PORT: @reason" */
static char *
cluster_message (const char *reason)
{
  return g_strdup_printf ("Could not connect to %s:%u: %s",
                          pf_test_pg_get_socket_dir (pg), pf_test_pg_get_port (pg), reason);
}

static guint
unused_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  /* Closed when we return: nothing listens there afterwards */
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
assert_open_fails (PfConnectionProfile *profile,
                   const char          *password,
                   PfDatabaseError      code,
                   const char          *message)
{
  g_autoptr(PfDatabase) db = pf_pg_database_new (profile, password);
  g_autoptr(GError) error = NULL;

  g_assert_false (pf_database_open (db, NULL, &error));
  g_assert_error (error, PF_DATABASE_ERROR, (int) code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_false (pf_database_get_is_open (db));
}

static void
test_wrong_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autofree char *message = NULL;

  pf_test_pg_exec (pg, NULL,
                   "DROP ROLE IF EXISTS rota;"
                   "CREATE ROLE rota LOGIN PASSWORD 'the right one'", &error);
  g_assert_no_error (error);

  profile = cluster_profile ("postgres", "rota");
  message = cluster_message ("password authentication failed for user “rota”");
  assert_open_fails (profile, "a wrong one", PF_DATABASE_ERROR_AUTH_FAILED, message);

  /* …and the right password does get in */
  {
    g_autoptr(PfDatabase) db = pf_pg_database_new (profile, "the right one");

    g_assert_true (pf_database_open (db, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_unknown_database (void)
{
  g_autoptr(PfConnectionProfile) profile = cluster_profile ("nope", NULL);
  g_autofree char *message = cluster_message ("the database “nope” does not exist");

  assert_open_fails (profile, NULL, PF_DATABASE_ERROR_UNKNOWN_DATABASE, message);
}

static void
test_unreachable_port (void)
{
  guint port = unused_port ();
  g_autoptr(PfConnectionProfile) profile = profile_for ("127.0.0.1", port, "postgres", "rota");
  g_autofree char *message =
    g_strdup_printf ("Could not connect to 127.0.0.1:%u: no server is listening there (connection refused)",
                     port);

  assert_open_fails (profile, "secret", PF_DATABASE_ERROR_UNREACHABLE, message);
}

static void
test_unknown_host (void)
{
  g_autoptr(PfConnectionProfile) profile =
    profile_for ("no-such-host.preflight.invalid", 5432, "postgres", "rota");

  assert_open_fails (profile, NULL, PF_DATABASE_ERROR_UNREACHABLE,
                     "Could not connect to no-such-host.preflight.invalid:5432: "
                     "the host name could not be found");
}

/* A TCP server on 127.0.0.1 that accepts connections and never says a word */
typedef struct
{
  GSocketListener *listener;
  GCancellable    *cancellable;
  GThread         *thread;
  guint            port;
} SilentServer;

static gpointer
silent_server_thread (gpointer data)
{
  SilentServer *server = data;
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);

  for (;;)
    {
      GSocketConnection *connection =
        g_socket_listener_accept (server->listener, NULL, server->cancellable, NULL);

      if (connection == NULL)
        break;
      g_ptr_array_add (connections, connection);
    }

  return NULL;
}

static SilentServer *
silent_server_new (void)
{
  SilentServer *server = g_new0 (SilentServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  server->listener = g_socket_listener_new ();
  server->cancellable = g_cancellable_new ();
  g_socket_listener_add_address (server->listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  server->thread = g_thread_new ("silent-server", silent_server_thread, server);

  return server;
}

static void
silent_server_free (SilentServer *server)
{
  g_cancellable_cancel (server->cancellable);
  g_thread_join (server->thread);
  g_socket_listener_close (server->listener);
  g_object_unref (server->listener);
  g_object_unref (server->cancellable);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SilentServer, silent_server_free)

static void
test_timeout (void)
{
  g_autoptr(SilentServer) server = silent_server_new ();
  g_autoptr(PfConnectionProfile) profile = profile_for ("127.0.0.1", server->port, "postgres", "rota");
  g_autofree char *message =
    g_strdup_printf ("Could not connect to 127.0.0.1:%u: the server did not answer within 1 second",
                     server->port);
  gint64 begin;
  double elapsed;

  pf_connection_profile_set_connect_timeout (profile, 1);

  begin = g_get_monotonic_time ();
  assert_open_fails (profile, "secret", PF_DATABASE_ERROR_TIMEOUT, message);
  elapsed = (g_get_monotonic_time () - begin) / (double) G_USEC_PER_SEC;

  /* Our own deadline, not libpq's two-second minimum */
  g_assert_cmpfloat (elapsed, >=, 0.9);
  g_assert_cmpfloat (elapsed, <, 1.8);
}

/* Answers libpq's SSLRequest with 'N': "no TLS here" */
static gpointer
no_tls_server_thread (gpointer data)
{
  GSocketListener *listener = data;
  g_autoptr(GSocketConnection) connection = g_socket_listener_accept (listener, NULL, NULL, NULL);
  char request[8];

  if (connection != NULL
      && g_input_stream_read_all (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                  request, sizeof request, NULL, NULL, NULL))
    g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                               "N", 1, NULL, NULL, NULL);

  /* Wait for libpq to hang up */
  if (connection != NULL)
    g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                         request, sizeof request, NULL, NULL);

  return NULL;
}

static void
test_tls_refused (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GThread *thread;
  guint port;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  thread = g_thread_new ("no-tls-server", no_tls_server_thread, listener);

  profile = profile_for ("127.0.0.1", port, "postgres", "rota");
  pf_connection_profile_set_sslmode (profile, "require");
  message = g_strdup_printf ("Could not connect to 127.0.0.1:%u: the server does not offer "
                             "encrypted (TLS) connections, but this connection requires one", port);
  assert_open_fails (profile, "secret", PF_DATABASE_ERROR_TLS, message);

  g_thread_join (thread);
}

static void
test_good_connection (void)
{
  g_autoptr(PfConnectionProfile) profile = cluster_profile ("postgres", NULL);
  g_autoptr(PfDatabase) db = pf_pg_database_new (profile, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (PF_IS_PG_DATABASE (db));
  g_assert_true (pf_database_open (db, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pf_database_get_is_open (db));
  g_assert_true (g_str_has_prefix (pf_database_get_server_version (db), "PostgreSQL 15."));
  g_assert_cmpint (pf_database_get_size (db), >, 1000000);
  g_assert_cmpint (pf_database_get_kind (db), ==, PF_DATABASE_KIND_POSTGRESQL);

  pf_database_close (db);
  g_assert_false (pf_database_get_is_open (db));
  g_assert_null (_pf_pg_database_get_connection (PF_PG_DATABASE (db)));
}

static void
test_read_only (void)
{
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autoptr(PfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) result = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *count = NULL;
  PGconn *conn;

  dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_assert_no_error (error);
  pf_test_pg_exec (pg, dbname, "CREATE TABLE staff (id int PRIMARY KEY)", &error);
  g_assert_no_error (error);

  /* Even as the superuser, who could otherwise write anything */
  profile = cluster_profile (dbname, NULL);
  db = pf_pg_database_new (profile, NULL);
  g_assert_true (pf_database_open (db, NULL, &error));
  g_assert_no_error (error);

  conn = _pf_pg_database_get_connection (PF_PG_DATABASE (db));
  g_assert_nonnull (conn);

  result = PQexec (conn, "INSERT INTO staff VALUES (1)");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_FATAL_ERROR);
  g_assert_cmpstr (PQresultErrorField (result, PG_DIAG_SQLSTATE), ==, "25006");
  g_clear_pointer (&result, PQclear);

  /* The engine's own query path refuses just the same */
  g_assert_null (_pf_pg_database_exec (PF_PG_DATABASE (db), NULL,
                                       "INSERT INTO staff VALUES ($1)", 1,
                                       (const char * const[]) { "2" }, &error));
  g_assert_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_QUERY);
  g_clear_error (&error);

  result = PQexec (conn, "SHOW default_transaction_read_only");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "on");

  count = pf_test_pg_query_string (pg, dbname, "SELECT count(*) FROM staff", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (count, ==, "0");
}

static void
test_application_name (void)
{
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autoptr(PfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *names = NULL;

  dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_assert_no_error (error);

  profile = cluster_profile (dbname, NULL);
  db = pf_pg_database_new (profile, NULL);
  g_assert_true (pf_database_open (db, NULL, &error));
  g_assert_no_error (error);

  sql = g_strdup_printf ("SELECT string_agg (application_name, ',') FROM pg_stat_activity"
                         " WHERE pid = %d", PQbackendPID (_pf_pg_database_get_connection (PF_PG_DATABASE (db))));
  names = pf_test_pg_query_string (pg, dbname, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (names, ==, "preflight");
}

static void
on_open_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (pf_database_open_finish (PF_DATABASE (object), result, error));
}

static gboolean
cancel_later (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_open (void)
{
  g_autoptr(SilentServer) server = silent_server_new ();
  g_autoptr(PfConnectionProfile) profile = profile_for ("127.0.0.1", server->port, "postgres", "rota");
  g_autoptr(PfDatabase) db = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 begin = g_get_monotonic_time ();

  pf_connection_profile_set_connect_timeout (profile, 30);
  db = pf_pg_database_new (profile, "secret");

  pf_database_open_async (db, cancellable, on_open_done, &error);
  g_timeout_add (200, cancel_later, cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - begin, <, 3 * G_USEC_PER_SEC);
  g_assert_false (pf_database_get_is_open (db));
}

static gpointer
cancel_after_200ms (gpointer data)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel_query (void)
{
  g_autoptr(PfConnectionProfile) profile = cluster_profile ("postgres", NULL);
  g_autoptr(PfDatabase) db = pf_pg_database_new (profile, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) result = NULL;
  GThread *thread;
  gint64 begin;

  g_assert_true (pf_database_open (db, NULL, &error));
  g_assert_no_error (error);

  begin = g_get_monotonic_time ();
  thread = g_thread_new ("canceller", cancel_after_200ms, cancellable);
  result = _pf_pg_database_exec (PF_PG_DATABASE (db), cancellable,
                                 "SELECT pg_sleep (30)", 0, NULL, &error);
  g_thread_join (thread);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - begin, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* The session is still usable afterwards */
  result = _pf_pg_database_exec (PF_PG_DATABASE (db), NULL, "SELECT 1", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
}

static gboolean
process_gone (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *state;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;

  /* "pid (comm) S …": a zombie no init has reaped yet counts as gone */
  state = strrchr (stat, ')');
  return state != NULL && state[1] == ' ' && state[2] == 'Z';
}

static void
test_watchdog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_exe, HELPER_ARG, NULL };
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *line = NULL;
  g_autofree char *pidfile = NULL;
  g_autofree char *pid_text = NULL;
  GPid child;
  GPid postmaster;
  int out_fd;
  int status;
  gint64 deadline;

  g_assert_nonnull (self_exe);
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &child, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  /* The helper prints the cluster's directory once the server is up */
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_line (channel, &line, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_strstrip (line);

  pidfile = g_build_filename (line, "data", "postmaster.pid", NULL);
  g_assert_true (g_file_get_contents (pidfile, &pid_text, NULL, &error));
  g_assert_no_error (error);
  postmaster = (GPid) g_ascii_strtoll (pid_text, NULL, 10);
  g_assert_cmpint (postmaster, >, 1);
  g_assert_false (process_gone (postmaster));

  /* No chance to clean up: only the watchdog can */
  g_assert_cmpint (kill (child, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (child);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while ((g_file_test (line, G_FILE_TEST_EXISTS) || !process_gone (postmaster))
         && g_get_monotonic_time () < deadline)
    g_usleep (50 * 1000);

  g_assert_false (g_file_test (line, G_FILE_TEST_EXISTS));
  g_assert_true (process_gone (postmaster));
}

/* Runs in the helper process of test_watchdog(): start a cluster, say where,
 * then wait to be killed. */
static int
helper_start_cluster_and_wait (void)
{
  g_autoptr(GError) error = NULL;
  PfTestPg *helper_pg = pf_test_pg_start (&error);

  if (helper_pg == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("%s\n", pf_test_pg_get_dir (helper_pg));
  fflush (stdout);

  for (;;)
    pause ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  if (argc == 2 && g_str_equal (argv[1], HELPER_ARG))
    return helper_start_cluster_and_wait ();

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  pg = pf_test_pg_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/pg/connect/wrong-password", test_wrong_password);
  g_test_add_func ("/pg/connect/unknown-database", test_unknown_database);
  g_test_add_func ("/pg/connect/unreachable-port", test_unreachable_port);
  g_test_add_func ("/pg/connect/unknown-host", test_unknown_host);
  g_test_add_func ("/pg/connect/timeout", test_timeout);
  g_test_add_func ("/pg/connect/tls-refused", test_tls_refused);
  g_test_add_func ("/pg/connect/good", test_good_connection);
  g_test_add_func ("/pg/connect/read-only", test_read_only);
  g_test_add_func ("/pg/connect/application-name", test_application_name);
  g_test_add_func ("/pg/connect/cancel-open", test_cancel_open);
  g_test_add_func ("/pg/connect/cancel-query", test_cancel_query);
  g_test_add_func ("/pg/fixture/watchdog", test_watchdog);

  ret = g_test_run ();
  pf_test_pg_stop (pg);

  return ret;
}
