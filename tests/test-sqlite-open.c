/* test-sqlite-open.c — opening SQLite files, and every way it can fail
 *
 * Copyright 2026 The Preflight authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <grp.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-engine.h"
#include "pf-sqlite-database.h"

#define NOBODY 65534

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("pf-sqlite-open-XXXXXX", &error);
  g_assert_no_error (error);
  /* Traversable by the unprivileged child of the permission test */
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->dir);
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *errmsg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("%s: %s", sql, errmsg);
}

/* A small real database made with SQLite itself */
static char *
make_database (Fixture    *fixture,
               const char *name,
               const char *journal_mode)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *pragma = g_strdup_printf ("PRAGMA journal_mode = %s", journal_mode);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, pragma);
  exec_sql (db,
            "CREATE TABLE users (sap TEXT PRIMARY KEY, name TEXT NOT NULL);"
            "CREATE TABLE shifts (id INTEGER PRIMARY KEY, sap TEXT REFERENCES users (sap),"
            "                     starts TEXT);"
            "INSERT INTO users VALUES ('100001', 'Ada'), ('100002', 'Grace');"
            "INSERT INTO shifts (sap, starts) VALUES ('100001', '2026-01-01'),"
            "                                        ('ADMIN001', '2026-01-02');");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return path;
}

static PfDatabase *
new_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  PfDatabase *database = pf_database_new_for_target (path, &error);

  g_assert_no_error (error);
  g_assert_true (PF_IS_DATABASE (database));

  return database;
}

static void
assert_open_fails (const char *path,
                   int         code,
                   const char *message)
{
  g_autoptr(PfDatabase) database = new_database (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (pf_database_open (database, NULL, &error));
  g_assert_error (error, PF_DATABASE_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_false (pf_database_get_is_open (database));
  g_assert_null (pf_database_get_server_version (database));
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "x.db", NULL);

  assert_open_fails (path, PF_DATABASE_ERROR_NOT_FOUND,
                     "Could not open “x.db”: the file does not exist");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "x.db", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append (text, "These are meeting notes, not a database.\n");
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  assert_open_fails (path, PF_DATABASE_ERROR_NOT_A_DATABASE,
                     "Could not open “x.db”: the file is not a SQLite database");
}

static void
test_folder (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf ("Could not open “%s”: it is a folder, not a SQLite database",
                             strrchr (fixture->dir, '/') + 1);
  assert_open_fails (fixture->dir, PF_DATABASE_ERROR_NOT_A_DATABASE, message);
}

/* Another process holds an EXCLUSIVE lock, as a program in the middle of
 * writing does: our reader must give up after its busy timeout. */
static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = make_database (fixture, "x.db", "DELETE");
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gint64 started;

  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             self_exe, "--hold-lock", path, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "locked");

  started = g_get_monotonic_time ();
  assert_open_fails (path, PF_DATABASE_ERROR_LOCKED,
                     "Could not open “x.db”: the file is locked by another program; "
                     "try again when it has finished");
  /* It waited for the busy timeout, and not much longer */
  g_assert_cmpint (g_get_monotonic_time () - started, >=, G_USEC_PER_SEC * 9 / 10);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC * 10);

  /* Once the writer is gone the same file opens */
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_subprocess_wait_check (holder, NULL, &error);
  g_assert_no_error (error);

  {
    g_autoptr(PfDatabase) database = new_database (path);

    g_assert_true (pf_database_open (database, NULL, &error));
    g_assert_no_error (error);
  }
}

static int
hold_lock (const char *path)
{
  sqlite3 *db = NULL;
  char buf[64];

  if (sqlite3_open (path, &db) != SQLITE_OK)
    return 1;
  exec_sql (db, "BEGIN EXCLUSIVE");
  exec_sql (db, "INSERT INTO users VALUES ('100003', 'Half-written')");
  g_print ("locked\n");
  fflush (stdout);

  /* Hold the lock until the test closes our stdin */
  while (read (STDIN_FILENO, buf, sizeof buf) > 0)
    ;

  exec_sql (db, "ROLLBACK");
  sqlite3_close (db);

  return 0;
}

/* Not a fixture test: the child gives up root and could not clean up */
static void
test_unreadable (void)
{
  const char *message = "Could not open “x.db”: you do not have permission to read the file";
  Fixture fixture;
  int status;

  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("PF_TEST_UNREADABLE");

      g_assert_nonnull (path);
      if (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
        {
          g_error ("cannot drop privileges: %s", g_strerror (errno));
        }
      /* Lets LeakSanitizer still inspect this process after setuid() */
      prctl (PR_SET_DUMPABLE, 1, 0, 0, 0);
      g_assert_cmpint (geteuid (), ==, NOBODY);

      assert_open_fails (path, PF_DATABASE_ERROR_PERMISSION_DENIED, message);
      return;
    }

  fixture_setup (&fixture, NULL);

  {
    g_autofree char *path = make_database (&fixture, "x.db", "DELETE");

    g_assert_cmpint (g_chmod (path, 0), ==, 0);

    if (geteuid () != 0)
      assert_open_fails (path, PF_DATABASE_ERROR_PERMISSION_DENIED, message);
    else
      {
        /* root reads anything, so the check runs in a child without root;
         * first make sure this system lets root become "nobody" at all */
        pid_t pid = fork ();

        if (pid == 0)
          _exit (setgid (NOBODY) == 0 && setuid (NOBODY) == 0 ? 0 : 1);
        g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

        if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
          g_test_skip ("cannot drop root privileges to test an unreadable file");
        else
          {
            g_setenv ("PF_TEST_UNREADABLE", path, TRUE);
            g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
            g_unsetenv ("PF_TEST_UNREADABLE");
            g_test_trap_assert_passed ();
          }
      }
  }

  fixture_teardown (&fixture, NULL);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_good_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = make_database (fixture, "rota.db", "DELETE");
  g_autoptr(PfDatabase) database = new_database (path);
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autofree char *version = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_signal_connect (database, "notify", G_CALLBACK (count_notify), notified);

  g_assert_cmpint (pf_database_get_kind (database), ==, PF_DATABASE_KIND_SQLITE);
  g_assert_true (PF_IS_SQLITE_DATABASE (database));
  g_assert_cmpstr (pf_database_get_name (database), ==, "rota.db");
  g_assert_cmpstr (pf_database_get_location (database), ==, path);
  g_assert_cmpint (pf_database_get_size (database), ==, -1);
  g_assert_false (pf_database_get_is_open (database));

  /* Introspecting a closed database is an error, not a crash */
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_NOT_OPEN);
  g_assert_null (schema);
  g_clear_error (&error);

  g_assert_true (pf_database_open (database, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (pf_database_get_is_open (database));
  g_assert_true (g_str_has_prefix (pf_database_get_server_version (database), "SQLite 3."));
  g_assert_cmpstr (pf_database_get_server_version (database) + strlen ("SQLite "), ==, sqlite3_libversion ());
  g_assert_cmpint (pf_database_get_size (database), >, 0);
  g_assert_cmpint (pf_database_get_size (database), ==, st.st_size);

  /* Opened on this thread, so notified right away, each once */
  g_assert_cmpuint (notified->len, ==, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (notified, "is-open", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (notified, "server-version", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (notified, "size", g_str_equal, NULL));

  g_object_get (database, "server-version", &version, NULL);
  g_assert_cmpstr (version, ==, pf_database_get_server_version (database));

  /* Opening twice is harmless */
  g_assert_true (pf_database_open (database, NULL, &error));
  g_assert_no_error (error);

  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pf_schema_get_n_tables (schema), ==, 2);

  pf_database_close (database);
  g_assert_false (pf_database_get_is_open (database));
  g_assert_cmpuint (notified->len, ==, 4);
}

typedef struct
{
  GMainLoop  *loop;
  GThread    *main_thread;
  GPtrArray  *notified;
  gboolean    opened;
  PfSchema   *schema;
  GError     *error;
} AsyncState;

static void
notify_on_main_cb (GObject    *object,
                   GParamSpec *pspec,
                   AsyncState *state)
{
  /* Properties set by the worker must reach us on the main thread */
  g_assert_true (g_thread_self () == state->main_thread);
  g_ptr_array_add (state->notified, g_strdup (pspec->name));
}

static void
introspect_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *state = user_data;

  state->schema = pf_database_introspect_finish (PF_DATABASE (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  state->opened = pf_database_open_finish (PF_DATABASE (object), result, &state->error);

  /* Notifications arrive before the completion */
  g_assert_true (g_ptr_array_find_with_equal_func (state->notified, "is-open", g_str_equal, NULL));

  if (state->opened)
    pf_database_introspect_async (PF_DATABASE (object), NULL, introspect_cb, state);
  else
    g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = make_database (fixture, "rota.db", "DELETE");
  g_autoptr(PfDatabase) database = new_database (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncState state = { loop, g_thread_self (), g_ptr_array_new_with_free_func (g_free) };

  g_signal_connect (database, "notify", G_CALLBACK (notify_on_main_cb), &state);
  pf_database_open_async (database, NULL, open_cb, &state);
  g_main_loop_run (loop);

  g_assert_no_error (state.error);
  g_assert_true (state.opened);
  g_assert_true (PF_IS_SCHEMA (state.schema));
  g_assert_cmpuint (pf_schema_get_n_tables (state.schema), ==, 2);
  g_assert_true (pf_database_get_is_open (database));
  g_assert_true (g_str_has_prefix (pf_database_get_server_version (database), "SQLite 3."));
  g_assert_cmpuint (state.notified->len, ==, 3);

  g_clear_object (&state.schema);
  g_ptr_array_unref (state.notified);
}

static void
test_async_error (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "gone.db", NULL);
  g_autoptr(PfDatabase) database = new_database (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncState state = { loop, g_thread_self (), g_ptr_array_new_with_free_func (g_free) };

  g_ptr_array_add (state.notified, g_strdup ("is-open")); /* open_cb checks it */
  pf_database_open_async (database, NULL, open_cb, &state);
  g_main_loop_run (loop);

  g_assert_false (state.opened);
  g_assert_error (state.error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpstr (state.error->message, ==, "Could not open “gone.db”: the file does not exist");

  g_clear_error (&state.error);
  g_ptr_array_unref (state.notified);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = make_database (fixture, "rota.db", "DELETE");
  g_autoptr(PfDatabase) database = new_database (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  AsyncState state = { loop, g_thread_self (), g_ptr_array_new_with_free_func (g_free) };

  g_cancellable_cancel (cancellable);

  g_assert_false (pf_database_open (database, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (pf_database_get_is_open (database));

  g_ptr_array_add (state.notified, g_strdup ("is-open"));
  pf_database_open_async (database, cancellable, open_cb, &state);
  g_main_loop_run (loop);
  g_assert_false (state.opened);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (pf_database_get_is_open (database));

  /* A cancelled introspection of an open database */
  g_clear_error (&error);
  g_assert_true (pf_database_open (database, NULL, &error));
  g_assert_null (pf_database_introspect (database, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_clear_error (&state.error);
  g_ptr_array_unref (state.notified);
}

typedef struct
{
  GCancellable *cancellable;
  gulong        delay_usec;
} CancelSoon;

static gpointer
cancel_soon (gpointer data)
{
  CancelSoon *soon = data;

  g_usleep (soon->delay_usec);
  g_cancellable_cancel (soon->cancellable);

  return NULL;
}

/* Cancelling from another thread stops an introspection under way */
static void
test_cancel_running (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "big.db", NULL);
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PfSchema) full = NULL;
  g_autoptr(PfSchema) partial = NULL;
  g_autoptr(GString) sql = g_string_new ("BEGIN;");
  CancelSoon soon = { cancellable, 0 };
  GThread *thread;
  sqlite3 *db = NULL;
  gint64 started, elapsed;

  /* Many tables make a long introspection without a big file */
  for (guint i = 0; i < 500; i++)
    g_string_append_printf (sql,
                            "CREATE TABLE t%u (id INTEGER PRIMARY KEY, p INTEGER REFERENCES t%u,"
                            " v TEXT UNIQUE); CREATE INDEX t%u_v ON t%u (v, p);",
                            i, i ? i - 1 : 0, i, i);
  g_string_append (sql, "COMMIT;");
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, sql->str);
  sqlite3_close (db);

  database = new_database (path);
  g_assert_true (pf_database_open (database, NULL, &error));
  g_assert_no_error (error);

  started = g_get_monotonic_time ();
  full = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);
  elapsed = g_get_monotonic_time () - started;
  g_assert_cmpuint (pf_schema_get_n_tables (full), ==, 500);

  if (elapsed < 40000)
    {
      g_test_skip ("introspection is too fast here to cancel it half-way");
      return;
    }

  soon.delay_usec = elapsed / 4;
  thread = g_thread_new ("cancel", cancel_soon, &soon);
  started = g_get_monotonic_time ();
  partial = pf_database_introspect (database, cancellable, &error);
  g_thread_join (thread);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (partial);
  /* It stopped soon after the cancel, not at the end */
  g_assert_cmpint (g_get_monotonic_time () - started, <, elapsed * 3 / 4);

  /* The connection is still usable afterwards */
  g_clear_error (&error);
  g_clear_object (&full);
  full = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pf_schema_get_n_tables (full), ==, 500);
}

static char *
hash_file (const char *path,
           GStatBuf   *st)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_cmpint (g_stat (path, st), ==, 0);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
}

static void
assert_untouched (Fixture    *fixture,
                  const char *journal_mode)
{
  g_autofree char *path = make_database (fixture, "rota.db", journal_mode);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GStatBuf st_before, st_after;

  before = hash_file (path, &st_before);
  /* A coarse filesystem clock must still show a write */
  g_usleep (G_USEC_PER_SEC / 50);

  {
    g_autoptr(PfDatabase) database = new_database (path);
    g_autoptr(PfSchema) schema = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (pf_database_open (database, NULL, &error));
    g_assert_no_error (error);
    schema = pf_database_introspect (database, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pf_schema_get_n_tables (schema), ==, 2);
    pf_database_close (database);
  }

  after = hash_file (path, &st_after);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (st_before.st_size, ==, st_after.st_size);
  g_assert_cmpint (st_before.st_mtim.tv_sec, ==, st_after.st_mtim.tv_sec);
  g_assert_cmpint (st_before.st_mtim.tv_nsec, ==, st_after.st_mtim.tv_nsec);

  {
    g_autofree char *journal = g_strconcat (path, "-journal", NULL);

    g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  }
}

static void
test_untouched (Fixture       *fixture,
                gconstpointer  data)
{
  assert_untouched (fixture, data);
}

int
main (int   argc,
      char *argv[])
{
  /* The helper that holds a write lock for test_locked() */
  if (argc == 3 && g_str_equal (argv[1], "--hold-lock"))
    return hold_lock (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add ("/sqlite-open/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("missing", test_missing, NULL);
  ADD ("not-a-database", test_not_a_database, NULL);
  ADD ("folder", test_folder, NULL);
  ADD ("locked", test_locked, NULL);
  g_test_add_func ("/sqlite-open/unreadable", test_unreadable);
  ADD ("good-file", test_good_file, NULL);
  ADD ("async", test_async, NULL);
  ADD ("async-error", test_async_error, NULL);
  ADD ("cancelled", test_cancelled, NULL);
  ADD ("cancel-running", test_cancel_running, NULL);
  ADD ("untouched/rollback-journal", test_untouched, "DELETE");
  ADD ("untouched/wal", test_untouched, "WAL");

#undef ADD

  return g_test_run ();
}
