/* test-backup.c — SQLite backups: written, verified, consistent while another
 * process writes, cancelled without leftovers, damage detected
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-backup"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-engine.h"
#include "pf-backup-private.h"
#include "pf-test-files.h"

#define WRITER_ARG "--pf-test-backup-writer"

/* ---- helpers ---------------------------------------------------------- */

static sqlite3 *
open_rw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);

  return db;
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static PfDatabase *
database_for (const char *path)
{
  g_autoptr(GError) error = NULL;
  PfDatabase *database = pf_database_new_for_target (path, &error);

  g_assert_no_error (error);

  return database;
}

static char *
demo_path (void)
{
  g_autoptr(GError) error = NULL;
  char *path = pf_demo_ensure (NULL, &error);

  g_assert_no_error (error);

  return path;
}

/* A database of @n_rows rows in two tables, in WAL mode: each row of a
 * has its row in b, in one transaction, so a torn copy shows */
static void
make_pair_database (const char *path,
                    guint       n_rows)
{
  sqlite3 *db = open_rw (path);
  g_autofree char *fill = NULL;

  exec_sql (db, "PRAGMA journal_mode = WAL");
  exec_sql (db, "CREATE TABLE a (id INTEGER PRIMARY KEY, payload BLOB);"
                "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));");
  fill = g_strdup_printf ("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
                          " INSERT INTO a (id, payload) SELECT i, randomblob (500) FROM n;"
                          "INSERT INTO b (a_id) SELECT id FROM a;", n_rows);
  exec_sql (db, fill);
  sqlite3_close (db);
}

/* ---- the writer child ----------------------------------------------------- */

/* Inserts a row into a and its row into b, one transaction each, until
 * killed; says "ready" after the first commit. */
static int
run_writer (const char *path)
{
  sqlite3 *db = open_rw (path);
  gboolean told = FALSE;
  pid_t parent = getppid ();

  exec_sql (db, "PRAGMA synchronous = OFF");
  /* Stops by itself if the test dies without killing it */
  while (getppid () == parent)
    {
      exec_sql (db, "BEGIN IMMEDIATE;"
                    "INSERT INTO a (payload) VALUES (randomblob (500));"
                    "INSERT INTO b (a_id) VALUES (last_insert_rowid ());"
                    "COMMIT;");
      if (!told)
        {
          printf ("ready\n");
          fflush (stdout);
          told = TRUE;
        }
    }

  sqlite3_close (db);

  return 0;
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_demo_verified (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = demo_path ();
  g_autofree char *dir = pf_test_make_dir ("pf-backup-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "rota backup.sqlite3", NULL);
  g_autofree char *source_sha = pf_test_file_sha256 (source);
  g_autofree char *after_sha = NULL;
  g_autofree char *output_sha = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *integrity = NULL;
  g_autoptr(PfDatabase) database = database_for (source);
  g_autoptr(PfBackup) backup = pf_backup_new (database, NULL, output);
  g_autoptr(PfBackupRecord) record = NULL;
  sqlite3 *src;
  sqlite3 *copy;

  record = pf_backup_run (backup, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);

  g_assert_true (pf_backup_record_get_verified (record));
  g_assert_cmpstr (pf_backup_record_get_path (record), ==, output);
  g_assert_cmpstr (pf_backup_record_get_method (record), ==, "sqlite-backup");
  g_assert_cmpstr (pf_backup_record_get_database (record), ==, "demo.sqlite3");
  g_assert_nonnull (pf_backup_record_get_created_at (record));
  g_assert_nonnull (strstr (pf_backup_record_get_verification (record), "19 tables"));

  output_sha = pf_test_file_sha256 (output);
  g_assert_cmpstr (pf_backup_record_get_sha256 (record), ==, output_sha);
  g_assert_cmpint (pf_backup_record_get_size (record), ==, pf_test_file_size (output));

  /* Only the backup is left in the folder: no temporary, no journal */
  listing = pf_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "rota backup.sqlite3");

  /* The source was not touched */
  after_sha = pf_test_file_sha256 (source);
  g_assert_cmpstr (after_sha, ==, source_sha);

  /* The copy is a plain (not WAL) database with the same rows */
  copy = open_rw (output);
  src = open_rw (source);
  integrity = query_text (copy, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM scheduling_shift"), ==, 12000);
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM scheduling_supervisionrecord"), ==,
                   query_int (src, "SELECT count(*) FROM scheduling_supervisionrecord"));
  sqlite3_close (src);
  sqlite3_close (copy);

  /* And verifying it again agrees */
  g_assert_true (pf_backup_verify (database, record, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pf_backup_record_get_verified (record));

  pf_test_remove_dir (dir);
}

typedef struct
{
  GMainLoop      *loop;
  GAsyncResult   *result;
  GCancellable   *cancellable;   /* cancel at the first progress, if set */
  guint           n_fractions;
  gboolean        saw_partial;
  GThread        *main_thread;
} Progress;

static void
on_fraction (PfBackup   *backup,
             GParamSpec *pspec,
             Progress   *progress)
{
  double fraction = pf_backup_get_fraction (backup);

  g_assert_true (g_thread_self () == progress->main_thread);
  progress->n_fractions++;
  if (fraction > 0 && fraction < 0.9)
    {
      progress->saw_partial = TRUE;
      if (progress->cancellable != NULL)
        g_cancellable_cancel (progress->cancellable);
    }
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Progress *progress = user_data;

  progress->result = g_object_ref (result);
  g_main_loop_quit (progress->loop);
}

static void
test_async_progress (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = demo_path ();
  g_autofree char *dir = pf_test_make_dir ("pf-backup-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "rota.sqlite3", NULL);
  g_autoptr(PfDatabase) database = database_for (source);
  g_autoptr(PfBackup) backup = pf_backup_new (database, NULL, output);
  g_autoptr(PfBackupRecord) record = NULL;
  Progress progress = { 0 };

  _pf_backup_set_pages_per_step (1, 500);

  progress.loop = g_main_loop_new (NULL, FALSE);
  progress.main_thread = g_thread_self ();
  g_signal_connect (backup, "notify::fraction", G_CALLBACK (on_fraction), &progress);
  pf_backup_run_async (backup, NULL, run_cb, &progress);
  g_main_loop_run (progress.loop);

  record = pf_backup_run_finish (backup, progress.result, &error);
  g_assert_no_error (error);
  g_assert_true (pf_backup_record_get_verified (record));

  g_assert_true (progress.saw_partial);
  g_assert_cmpfloat (pf_backup_get_fraction (backup), ==, 1.0);
  g_assert_cmpstr (pf_backup_get_message (backup), ==, "Backup verified");

  _pf_backup_set_pages_per_step (0, 0);
  g_signal_handlers_disconnect_by_data (backup, &progress);
  g_clear_object (&progress.result);
  g_main_loop_unref (progress.loop);
  pf_test_remove_dir (dir);
}

static void
test_concurrent_writer (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pf_test_make_dir ("pf-backup-XXXXXX");
  g_autofree char *source = g_build_filename (dir, "busy.db", NULL);
  g_autofree char *output = g_build_filename (dir, "busy-backup.db", NULL);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *line = NULL;
  g_autofree char *integrity = NULL;
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GDataInputStream) input = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfBackup) backup = NULL;
  g_autoptr(PfBackupRecord) record = NULL;
  gint64 before;
  gint64 after;
  gint64 copy_a;
  gint64 copy_b;
  sqlite3 *db;
  sqlite3 *copy;

  make_pair_database (source, 20000);

  g_assert_nonnull (self_exe);
  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             self_exe, WRITER_ARG, source, NULL);
  g_assert_no_error (error);
  input = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));
  line = g_data_input_stream_read_line_utf8 (input, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");

  db = open_rw (source);
  before = query_int (db, "SELECT count(*) FROM a");

  /* One page per step: thousands of steps while the writer commits. A
   * backup that restarted on every foreign write would never finish. */
  _pf_backup_set_pages_per_step (1, 500);
  database = database_for (source);
  backup = pf_backup_new (database, NULL, output);
  record = pf_backup_run (backup, NULL, &error);
  _pf_backup_set_pages_per_step (0, 0);
  g_assert_no_error (error);

  after = query_int (db, "SELECT count(*) FROM a");
  g_subprocess_force_exit (writer);
  g_subprocess_wait (writer, NULL, NULL);
  sqlite3_close (db);

  /* The writer really wrote while the backup ran */
  g_test_message ("rows before %" G_GINT64_FORMAT ", after %" G_GINT64_FORMAT, before, after);
  g_assert_cmpint (after, >, before);

  g_assert_true (pf_backup_record_get_verified (record));
  g_assert_nonnull (strstr (pf_backup_record_get_verification (record), "same row counts"));

  /* The copy is one consistent moment: every a has its b */
  copy = open_rw (output);
  integrity = query_text (copy, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  copy_a = query_int (copy, "SELECT count(*) FROM a");
  copy_b = query_int (copy, "SELECT count(*) FROM b");
  g_assert_cmpint (copy_a, ==, copy_b);
  g_assert_cmpint (copy_a, >=, before);
  g_assert_cmpint (copy_a, <=, after);
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM b WHERE a_id NOT IN (SELECT id FROM a)"), ==, 0);
  {
    g_autofree char *journal_mode = query_text (copy, "PRAGMA journal_mode");

    g_assert_cmpstr (journal_mode, ==, "delete");
  }
  sqlite3_close (copy);

  pf_test_remove_dir (dir);
}

static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = demo_path ();
  g_autofree char *dir = pf_test_make_dir ("pf-backup-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "rota.sqlite3", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PfDatabase) database = database_for (source);
  g_autoptr(PfBackup) backup = pf_backup_new (database, NULL, output);
  g_autoptr(PfBackupRecord) record = NULL;
  Progress progress = { 0 };

  /* A previous backup under that name survives a cancelled one */
  g_file_set_contents (output, "last week's backup", -1, &error);
  g_assert_no_error (error);

  _pf_backup_set_pages_per_step (1, 500);

  progress.loop = g_main_loop_new (NULL, FALSE);
  progress.main_thread = g_thread_self ();
  progress.cancellable = cancellable;
  g_signal_connect (backup, "notify::fraction", G_CALLBACK (on_fraction), &progress);
  pf_backup_run_async (backup, cancellable, run_cb, &progress);
  g_main_loop_run (progress.loop);

  record = pf_backup_run_finish (backup, progress.result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (record);
  g_assert_true (progress.saw_partial);

  listing = pf_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "rota.sqlite3");
  g_file_get_contents (output, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "last week's backup");

  /* Cancelled before it starts: nothing at all */
  g_clear_error (&error);
  g_unlink (output);
  record = pf_backup_run (backup, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (record);
  g_clear_pointer (&listing, g_free);
  listing = pf_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "");

  _pf_backup_set_pages_per_step (0, 0);
  g_signal_handlers_disconnect_by_data (backup, &progress);
  g_clear_object (&progress.result);
  g_main_loop_unref (progress.loop);
  pf_test_remove_dir (dir);
}

/* Writes @len bytes of @byte at @offset of @path */
static void
damage (const char *path,
        goffset     offset,
        gsize       len,
        guchar      byte)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offset + len, <=, size);
  memset (contents + offset, byte, len);
  g_file_set_contents (path, contents, size, &error);
  g_assert_no_error (error);
}

/* A record for @path as it is now (its current checksum), so that only
 * the SQLite checks can notice the damage */
static PfBackupRecord *
record_as_is (const char *path)
{
  g_autofree char *sha = pf_test_file_sha256 (path);

  return pf_backup_record_new (path, pf_test_file_size (path), sha, NULL, "sqlite-backup", "demo.sqlite3");
}

static void
assert_not_verified (PfDatabase     *database,
                     PfBackupRecord *record,
                     const char     *expected_words)
{
  g_autoptr(GError) error = NULL;
  const char *sentence;

  g_assert_false (pf_backup_verify (database, record, NULL, &error));
  g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_NOT_VERIFIED);
  g_assert_false (pf_backup_record_get_verified (record));
  sentence = pf_backup_record_get_verification (record);
  g_test_message ("%s", sentence);
  g_assert_cmpstr (error->message, ==, sentence);
  if (strstr (sentence, expected_words) == NULL)
    g_error ("“%s” does not say “%s”", sentence, expected_words);
}

static void
test_damaged (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = demo_path ();
  g_autofree char *dir = pf_test_make_dir ("pf-backup-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "rota.sqlite3", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.sqlite3", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(PfDatabase) database = database_for (source);
  g_autoptr(PfBackup) backup = pf_backup_new (database, NULL, output);
  g_autoptr(PfBackupRecord) record = NULL;
  gint64 size;
  gsize len = 0;

  record = pf_backup_run (backup, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pf_backup_record_get_verified (record));
  size = pf_test_file_size (output);

  /* A page in the middle overwritten */
  {
    g_autoptr(PfBackupRecord) damaged = NULL;

    g_file_get_contents (output, &contents, &len, &error);
    g_assert_no_error (error);
    g_file_set_contents (copy, contents, len, &error);
    g_assert_no_error (error);
    damage (copy, (size / 2 / 4096) * 4096, 4096, 0xff);
    damaged = record_as_is (copy);
    assert_not_verified (database, damaged, "damaged");
  }

  /* Cut in half */
  {
    g_autoptr(PfBackupRecord) damaged = NULL;

    g_file_set_contents (copy, contents, len / 2, &error);
    g_assert_no_error (error);
    damaged = record_as_is (copy);
    assert_not_verified (database, damaged, "damaged");
  }

  /* The header wiped: not a database any more */
  {
    g_autoptr(PfBackupRecord) damaged = NULL;

    g_file_set_contents (copy, contents, len, &error);
    g_assert_no_error (error);
    damage (copy, 0, 100, 0);
    damaged = record_as_is (copy);
    assert_not_verified (database, damaged, "not a SQLite database");
  }

  /* The application id in the header changed: SQLite does not care, the
   * checksum does */
  contents[68] ^= 0x5a;
  g_file_set_contents (output, contents, len, &error);
  g_assert_no_error (error);
  assert_not_verified (database, record, "SHA-256");

  /* Gone */
  g_unlink (output);
  assert_not_verified (database, record, "no longer exists");

  pf_test_remove_dir (dir);
}

static void
assert_write_fails (PfDatabase *database,
                    const char *output,
                    const char *expected_words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfBackup) backup = pf_backup_new (database, NULL, output);
  g_autoptr(PfBackupRecord) record = NULL;

  record = pf_backup_run (backup, NULL, &error);
  g_assert_null (record);
  g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_BACKUP_FAILED);
  g_test_message ("%s", error->message);
  if (strstr (error->message, expected_words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected_words);
  g_assert_true (g_str_has_prefix (error->message, "Could not back up “demo.sqlite3” to “"));
}

static void
test_bad_destination (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = demo_path ();
  g_autofree char *source_sha = pf_test_file_sha256 (source);
  g_autofree char *after_sha = NULL;
  g_autofree char *dir = pf_test_make_dir ("pf-backup-XXXXXX");
  g_autofree char *missing = g_build_filename (dir, "no such folder", "rota.sqlite3", NULL);
  g_autofree char *file = g_build_filename (dir, "a file", NULL);
  g_autofree char *under_file = g_build_filename (file, "rota.sqlite3", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(PfDatabase) database = database_for (source);

  assert_write_fails (database, missing, "the folder “");
  assert_write_fails (database, missing, "” does not exist");

  g_file_set_contents (file, "x", -1, &error);
  g_assert_no_error (error);
  assert_write_fails (database, under_file, "is not a folder");

  assert_write_fails (database, dir, "it is a folder");

  /* Never over the database itself */
  assert_write_fails (database, source, "that is the database itself");
  after_sha = pf_test_file_sha256 (source);
  g_assert_cmpstr (after_sha, ==, source_sha);

  if (getuid () != 0)
    {
      g_autofree char *locked = g_build_filename (dir, "locked", NULL);
      g_autofree char *inside = g_build_filename (locked, "rota.sqlite3", NULL);

      g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
      assert_write_fails (database, inside, "you do not have permission to write in the folder");
      g_rmdir (locked);
    }

  listing = pf_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "a file");

  pf_test_remove_dir (dir);
}

static void
test_missing_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pf_test_make_dir ("pf-backup-XXXXXX");
  g_autofree char *source = g_build_filename (dir, "gone.db", NULL);
  g_autofree char *output = g_build_filename (dir, "gone-backup.db", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(PfDatabase) database = database_for (source);
  g_autoptr(PfBackup) backup = pf_backup_new (database, NULL, output);
  g_autoptr(PfBackupRecord) record = NULL;

  record = pf_backup_run (backup, NULL, &error);
  g_assert_null (record);
  g_assert_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_NOT_FOUND);

  listing = pf_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "");

  pf_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], WRITER_ARG))
    return run_writer (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/backup/sqlite/demo-verified", test_demo_verified);
  g_test_add_func ("/backup/sqlite/async-progress", test_async_progress);
  g_test_add_func ("/backup/sqlite/concurrent-writer", test_concurrent_writer);
  g_test_add_func ("/backup/sqlite/cancel", test_cancel);
  g_test_add_func ("/backup/sqlite/damaged", test_damaged);
  g_test_add_func ("/backup/sqlite/bad-destination", test_bad_destination);
  g_test_add_func ("/backup/sqlite/missing-source", test_missing_source);

  return g_test_run ();
}
