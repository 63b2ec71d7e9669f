/* test-pg-backup.c — pg_dump backups of a real server: verified, restorable,
 * the password never on the command line, damage detected, pg_dump missing
 * or too old, cancelled without leftovers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pg-backup"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "pf-engine.h"
#include "pf-backup-private.h"
#include "pf-test-files.h"
#include "pf-test-pg.h"

/* ':' and '\' must be escaped in a pgpass file; a space must survive */
#define PASSWORD "se:cr\\et pass"

static PfTestPg *pg;
static char *dbname;

/* Connects as backup_user, whose password only the pgpass file gives */
static PfDatabase *
backup_user_database (const char *password)
{
  g_autoptr(PfConnectionProfile) profile = pf_connection_profile_new (PF_DATABASE_KIND_POSTGRESQL);

  pf_connection_profile_set_host (profile, pf_test_pg_get_socket_dir (pg));
  pf_connection_profile_set_port (profile, pf_test_pg_get_port (pg));
  pf_connection_profile_set_dbname (profile, dbname);
  pf_connection_profile_set_user (profile, "backup_user");
  pf_connection_profile_set_sslmode (profile, "disable");

  return pf_database_new_for_profile (profile, password);
}

static PfBackupRecord *
record_as_is (const char *path)
{
  g_autofree char *sha = pf_test_file_sha256 (path);

  return pf_backup_record_new (path, pf_test_file_size (path), sha, NULL, "pg_dump", dbname);
}

static void
assert_not_verified (PfDatabase     *database,
                     PfBackupRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pf_backup_verify (database, record, NULL, &error));
  g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_NOT_VERIFIED);
  g_assert_false (pf_backup_record_get_verified (record));
  g_test_message ("%s", pf_backup_record_get_verification (record));
  g_assert_cmpstr (error->message, ==, pf_backup_record_get_verification (record));
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_verified (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pf_test_make_dir ("pf-pg-backup-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "rota.dump", NULL);
  g_autofree char *sha = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *pgpass = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *pg_restore = g_find_program_in_path ("pg_restore");
  g_autofree char *port = g_strdup_printf ("%u", pf_test_pg_get_port (pg));
  g_auto(GStrv) argv = NULL;
  g_autoptr(GSubprocess) restore = NULL;
  g_autoptr(PfDatabase) database = backup_user_database (PASSWORD);
  g_autoptr(PfBackup) backup = pf_backup_new (database, NULL, output);
  g_autoptr(PfBackupRecord) record = NULL;

  record = pf_backup_run (backup, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_test_message ("%s", pf_backup_record_get_verification (record));
  g_assert_true (pf_backup_record_get_verified (record));
  g_assert_cmpstr (pf_backup_record_get_method (record), ==, "pg_dump");
  g_assert_cmpstr (pf_backup_record_get_path (record), ==, output);
  g_assert_cmpstr (pf_backup_record_get_database (record), ==, dbname);
  g_assert_nonnull (strstr (pf_backup_record_get_verification (record), "all 4 tables"));

  sha = pf_test_file_sha256 (output);
  g_assert_cmpstr (pf_backup_record_get_sha256 (record), ==, sha);
  g_assert_cmpint (pf_backup_record_get_size (record), ==, pf_test_file_size (output));

  listing = pf_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "rota.dump");

  /* The password went through a pgpass file, which is gone; never argv */
  argv = _pf_backup_dup_last_argv (backup);
  g_assert_nonnull (argv);
  g_assert_true (g_strv_contains ((const char * const *) argv, "--format=custom"));
  g_assert_true (g_strv_contains ((const char * const *) argv, "--no-password"));
  for (guint i = 0; argv[i] != NULL; i++)
    {
      g_assert_null (strstr (argv[i], "se:cr"));
      g_assert_null (strstr (argv[i], "et pass"));
      g_assert_null (strstr (argv[i], "password="));
      g_assert_cmpstr (argv[i], !=, "--password");
      g_assert_cmpstr (argv[i], !=, "-W");
    }
  pgpass = _pf_backup_dup_last_pgpass (backup);
  g_assert_nonnull (pgpass);
  g_assert_false (g_file_test (pgpass, G_FILE_TEST_EXISTS));

  /* It restores, with every row */
  restored = pf_test_pg_create_database (pg, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pg_restore);
  restore = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                              pg_restore, "--no-owner",
                              "--host", pf_test_pg_get_socket_dir (pg), "--port", port,
                              "--username", pf_test_pg_get_superuser (pg),
                              "--dbname", restored, output, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (restore, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pf_test_pg_query_int (pg, restored, "SELECT count(*) FROM staff"), ==, 500);
  g_assert_cmpint (pf_test_pg_query_int (pg, restored, "SELECT count(*) FROM shift"), ==, 3000);
  g_assert_cmpint (pf_test_pg_query_int (pg, restored, "SELECT count(*) FROM \"Other Schema\".\"Care Home\""), ==, 3);

  /* Checked again later: still good */
  g_assert_true (pf_backup_verify (database, record, NULL, &error));
  g_assert_no_error (error);

  pf_test_remove_dir (dir);
}

static void
test_damaged (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pf_test_make_dir ("pf-pg-backup-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "rota.dump", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.dump", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(PfDatabase) database = backup_user_database (PASSWORD);
  g_autoptr(PfBackup) backup = pf_backup_new (database, NULL, output);
  g_autoptr(PfBackupRecord) record = NULL;
  gsize len = 0;

  record = pf_backup_run (backup, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pf_backup_record_get_verified (record));
  g_file_get_contents (output, &contents, &len, &error);
  g_assert_no_error (error);

  /* Garbage in the middle of the data (the records carry the damaged
   * file's own checksum: only pg_restore can notice) */
  {
    g_autoptr(PfBackupRecord) damaged = NULL;
    g_autofree char *bad = g_memdup2 (contents, len);

    memset (bad + len / 2, 0x5a, MIN (len / 4, 4096));
    g_file_set_contents (copy, bad, len, &error);
    g_assert_no_error (error);
    damaged = record_as_is (copy);
    assert_not_verified (database, damaged);
  }

  /* Cut short */
  {
    g_autoptr(PfBackupRecord) damaged = NULL;

    g_file_set_contents (copy, contents, len * 2 / 3, &error);
    g_assert_no_error (error);
    damaged = record_as_is (copy);
    assert_not_verified (database, damaged);
  }

  /* Not a dump at all */
  {
    g_autoptr(PfBackupRecord) damaged = NULL;

    g_file_set_contents (copy, "hello, world\n", -1, &error);
    g_assert_no_error (error);
    damaged = record_as_is (copy);
    assert_not_verified (database, damaged);
    g_assert_nonnull (strstr (pf_backup_record_get_verification (damaged), "pg_restore"));
  }

  pf_test_remove_dir (dir);
}

static void
assert_tool_error (const char *path_dir,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pf_test_make_dir ("pf-pg-backup-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "rota.dump", NULL);
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *listing = NULL;
  g_autoptr(PfDatabase) database = backup_user_database (PASSWORD);
  g_autoptr(PfBackup) backup = pf_backup_new (database, NULL, output);
  g_autoptr(PfBackupRecord) record = NULL;

  g_setenv ("PATH", path_dir, TRUE);
  _pf_backup_set_pg_lib_dir (NULL);
  record = pf_backup_run (backup, NULL, &error);
  _pf_backup_set_pg_lib_dir ("/usr/lib/postgresql");
  g_setenv ("PATH", old_path, TRUE);

  g_assert_null (record);
  g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_BACKUP_TOOL);
  g_assert_cmpstr (error->message, ==, expected);

  listing = pf_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "");
  pf_test_remove_dir (dir);
}

static void
test_no_pg_dump (void)
{
  g_autofree char *empty = pf_test_make_dir ("pf-pg-backup-XXXXXX");

  assert_tool_error (empty, "pg_dump is not installed: install postgresql-client "
                            "(apt install postgresql-client).");
  pf_test_remove_dir (empty);
}

static void
test_old_pg_dump (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fake = pf_test_make_dir ("pf-pg-backup-XXXXXX");
  g_autofree char *expected = NULL;
  g_autofree char *version = pf_test_pg_query_string (pg, NULL, "SHOW server_version_num", &error);
  int major;

  g_assert_no_error (error);
  major = atoi (version) / 10000;
  g_assert_cmpint (major, >, 13);

  pf_test_write_script (fake, "pg_dump", "#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.2'\n");
  pf_test_write_script (fake, "pg_restore", "#!/bin/sh\necho 'pg_restore (PostgreSQL) 13.2'\n");

  expected = g_strdup_printf ("pg_dump 13 cannot back up a PostgreSQL %d server. "
                              "Install postgresql-client-%d (apt install postgresql-client-%d).",
                              major, major, major);
  assert_tool_error (fake, expected);
  pf_test_remove_dir (fake);
}

/* A pg_dump that leaves out one table's data (a wrapper adding
 * --exclude-table-data) makes a backup that is written but not verified */
static void
test_missing_table_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fake = pf_test_make_dir ("pf-pg-backup-XXXXXX");
  g_autofree char *dir = pf_test_make_dir ("pf-pg-backup-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "rota.dump", NULL);
  g_autofree char *real_dump = g_find_program_in_path ("pg_dump");
  g_autofree char *real_restore = g_find_program_in_path ("pg_restore");
  g_autofree char *dump_script = NULL;
  g_autofree char *restore_script = NULL;
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autoptr(PfDatabase) database = backup_user_database (PASSWORD);
  g_autoptr(PfBackup) backup = pf_backup_new (database, NULL, output);
  g_autoptr(PfBackupRecord) record = NULL;

  g_assert_nonnull (real_dump);
  g_assert_nonnull (real_restore);
  dump_script = g_strdup_printf ("#!/bin/sh\nexec '%s' \"$@\" --exclude-table-data=shift\n", real_dump);
  restore_script = g_strdup_printf ("#!/bin/sh\nexec '%s' \"$@\"\n", real_restore);
  pf_test_write_script (fake, "pg_dump", dump_script);
  pf_test_write_script (fake, "pg_restore", restore_script);

  g_setenv ("PATH", fake, TRUE);
  _pf_backup_set_pg_lib_dir (NULL);
  record = pf_backup_run (backup, NULL, &error);
  _pf_backup_set_pg_lib_dir ("/usr/lib/postgresql");
  g_setenv ("PATH", old_path, TRUE);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_false (pf_backup_record_get_verified (record));
  g_assert_cmpstr (pf_backup_record_get_verification (record), ==,
                   "The backup lacks the data of these tables: “public.shift”.");
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));

  pf_test_remove_dir (dir);
  pf_test_remove_dir (fake);
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pf_test_make_dir ("pf-pg-backup-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "rota.dump", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *pgpass = NULL;
  g_autofree char *waiting_sql = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PfDatabase) database = backup_user_database (PASSWORD);
  g_autoptr(PfBackup) backup = pf_backup_new (database, NULL, output);
  g_autoptr(PfBackupRecord) record = NULL;
  PGconn *locker;
  PGresult *result;
  Wait wait = { 0 };
  gint64 deadline;

  /* pg_dump waits for this lock forever: cancelling must stop it */
  locker = pf_test_pg_connect (pg, dbname, &error);
  g_assert_no_error (error);
  result = PQexec (locker, "BEGIN; LOCK TABLE shift IN ACCESS EXCLUSIVE MODE");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);

  wait.loop = g_main_loop_new (NULL, FALSE);
  pf_backup_run_async (backup, cancellable, run_cb, &wait);

  /* Cancel once pg_dump is stuck on the lock */
  waiting_sql = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity"
                                 " WHERE datname = '%s' AND wait_event_type = 'Lock'"
                                 " AND application_name = 'preflight'", dbname);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (pf_test_pg_query_int (pg, NULL, waiting_sql) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20000);
    }
  g_idle_add (cancel_cb, cancellable);
  g_main_loop_run (wait.loop);

  record = pf_backup_run_finish (backup, wait.result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (record);

  listing = pf_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "");
  pgpass = _pf_backup_dup_last_pgpass (backup);
  g_assert_nonnull (pgpass);
  g_assert_false (g_file_test (pgpass, G_FILE_TEST_EXISTS));

  /* pg_dump is gone: its session ends */
  result = PQexec (locker, "ROLLBACK");
  PQclear (result);
  PQfinish (locker);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (pf_test_pg_query_int (pg, NULL, waiting_sql) != 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }

  g_clear_object (&wait.result);
  g_main_loop_unref (wait.loop);
  pf_test_remove_dir (dir);
}

static void
test_wrong_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pf_test_make_dir ("pf-pg-backup-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "rota.dump", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(PfDatabase) database = backup_user_database ("not it");
  g_autoptr(PfBackup) backup = pf_backup_new (database, NULL, output);
  g_autoptr(PfBackupRecord) record = NULL;

  record = pf_backup_run (backup, NULL, &error);
  g_assert_null (record);
  g_assert_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_AUTH_FAILED);

  listing = pf_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, "");
  pf_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  pg = pf_test_pg_start_ok ();
  dbname = pf_test_pg_create_database_ok (pg);

  pf_test_pg_exec_ok (pg, dbname,
                          "CREATE TABLE staff (id serial PRIMARY KEY, name text NOT NULL);"
                          "INSERT INTO staff (name) SELECT 'person ' || i FROM generate_series (1, 500) i;"
                          "CREATE TABLE shift (id serial PRIMARY KEY, staff_id int REFERENCES staff (id),"
                          "                    starts timestamptz, note text);"
                          "INSERT INTO shift (staff_id, starts, note)"
                          "  SELECT 1 + i % 500, now () + i * interval '1 hour', md5 (i::text)"
                          "  FROM generate_series (1, 3000) i;"
                          "CREATE SCHEMA \"Other Schema\";"
                          "CREATE TABLE \"Other Schema\".\"Care Home\" (id int);"
                          "INSERT INTO \"Other Schema\".\"Care Home\" VALUES (1), (2), (3);"
                          "CREATE TABLE empty_table (id int);"
                          "CREATE ROLE backup_user LOGIN PASSWORD '" PASSWORD "';"
                          "GRANT pg_read_all_data TO backup_user;");

  g_test_add_func ("/pg-backup/verified", test_verified);
  g_test_add_func ("/pg-backup/damaged", test_damaged);
  g_test_add_func ("/pg-backup/no-pg-dump", test_no_pg_dump);
  g_test_add_func ("/pg-backup/old-pg-dump", test_old_pg_dump);
  g_test_add_func ("/pg-backup/missing-table-data", test_missing_table_data);
  g_test_add_func ("/pg-backup/cancel", test_cancel);
  g_test_add_func ("/pg-backup/wrong-password", test_wrong_password);

  ret = pf_test_pg_run_tests (pg);
  g_free (dbname);

  return ret;
}
