/* test-cli-backup.c — preflight-cli backup: the record on stdout, exit
 * statuses, one clear sentence on failure, Ctrl+C leaves no file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli-backup"

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pf-test-cli.h"
#include "pf-test-files.h"
#include "pf-test-pg.h"

static PfTestPg *pg;

static void
test_demo_text (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *dir = pf_test_make_dir ("pf-cli-backup-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "rota.sqlite3", NULL);
  g_autofree char *sha = NULL;
  g_autofree char *sha_line = NULL;
  g_autofree char *file_line = NULL;

  run_cli (&run, "backup", "--demo", "--output", output);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  sha = pf_test_file_sha256 (output);
  sha_line = g_strdup_printf ("^SHA-256 +%s$", sha);
  file_line = g_strdup_printf ("^File +%s$", output);
  g_assert_true (g_str_has_prefix (run.out, "Backup verified\n"));
  g_assert_true (matches (sha_line, run.out));
  g_assert_true (matches (file_line, run.out));
  g_assert_true (matches ("^Method +sqlite-backup$", run.out));
  g_assert_true (matches ("^Verification +Integrity check passed; 19 tables with the same row counts", run.out));
  g_assert_cmpuint (pf_test_count_dir (dir), ==, 1);

  pf_test_remove_dir (dir);
}

static void
test_demo_json (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *dir = pf_test_make_dir ("pf-cli-backup-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "rota.sqlite3", NULL);
  g_autofree char *sha = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  /* A relative --output is taken from the working directory */
  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_autoptr(GSubprocess) subprocess = NULL;
    g_autoptr(GError) error = NULL;

    g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
    g_subprocess_launcher_set_cwd (launcher, dir);
    subprocess = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("PF_CLI"),
                                              "backup", "--demo", "--format", "json",
                                              "--output", "rota.sqlite3", NULL);
    g_assert_no_error (error);
    finish_run (subprocess, &run);
  }
  g_assert_cmpint (run.status, ==, 0);

  sha = pf_test_file_sha256 (output);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "schema"), ==, "preflight-backup/1");
  g_assert_cmpstr (json_object_get_string_member (object, "path"), ==, output);
  g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==, sha);
  g_assert_cmpstr (json_object_get_string_member (object, "method"), ==, "sqlite-backup");
  g_assert_cmpstr (json_object_get_string_member (object, "database"), ==, "demo.sqlite3");
  g_assert_true (json_object_get_boolean_member (object, "verified"));
  g_assert_cmpint (json_object_get_int_member (object, "size"), >, 0);

  pf_test_remove_dir (dir);
}

static void
test_bad_folder (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *dir = pf_test_make_dir ("pf-cli-backup-XXXXXX");
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autofree char *output = g_build_filename (missing, "rota.sqlite3", NULL);
  g_autofree char *expected = NULL;

  run_cli (&run, "backup", "--demo", "--output", output);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  expected = g_strdup_printf ("preflight-cli: Could not back up “demo.sqlite3” to “%s”: "
                              "the folder “%s” does not exist\n", output, missing);
  g_assert_cmpstr (run.err, ==, expected);
  g_assert_cmpuint (pf_test_count_dir (dir), ==, 0);

  pf_test_remove_dir (dir);
}

static void
test_usage (void)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) format = { 0 };

  run_cli (&run, "backup", "--demo");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (matches ("No backup file given: pass --output FILE", run.err));

  run_cli (&format, "backup", "--demo", "--output", "x.db", "--format", "pdf");
  g_assert_cmpint (format.status, ==, 2);
  g_assert_true (matches ("Unknown format “pdf”", format.err));
}

/* Ctrl+C while pg_dump runs (held up by a lock): exit 130, no file */
static void
test_ctrl_c (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  g_autofree char *dir = pf_test_make_dir ("pf-cli-backup-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "rota.dump", NULL);
  g_autofree char *dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_autofree char *url = NULL;
  g_autofree char *waiting_sql = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  PGconn *locker;
  PGresult *result;
  gint64 deadline;

  g_assert_no_error (error);
  pf_test_pg_exec (pg, dbname, "CREATE TABLE shift (id int); INSERT INTO shift VALUES (1)", &error);
  g_assert_no_error (error);
  url = pf_test_pg_dup_url (pg, dbname);

  locker = pf_test_pg_connect (pg, dbname, &error);
  g_assert_no_error (error);
  result = PQexec (locker, "BEGIN; LOCK TABLE shift IN ACCESS EXCLUSIVE MODE");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);

  subprocess = spawn_cli ((const char * const[]) { "backup", url, "--output", output, NULL });

  waiting_sql = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity WHERE datname = '%s'"
                                 " AND wait_event_type = 'Lock'", dbname);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (pf_test_pg_query_int (pg, NULL, waiting_sql) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }

  g_subprocess_send_signal (subprocess, SIGINT);
  finish_run (subprocess, &run);
  g_assert_cmpint (run.status, ==, 130);
  g_assert_cmpstr (run.err, ==, "Cancelled.\n");
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpuint (pf_test_count_dir (dir), ==, 0);

  result = PQexec (locker, "ROLLBACK");
  PQclear (result);
  PQfinish (locker);
  pf_test_remove_dir (dir);
}

/* Written but not verified: exit 1, the record on stdout, the reason on
 * stderr. A pg_dump wrapper that claims to be the newest and leaves out
 * one table's data makes such a backup. */
static void
test_not_verified (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  g_autofree char *fake = pf_test_make_dir ("pf-cli-backup-XXXXXX");
  g_autofree char *dir = pf_test_make_dir ("pf-cli-backup-XXXXXX");
  g_autofree char *output = g_build_filename (dir, "rota.dump", NULL);
  g_autofree char *dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_autofree char *url = NULL;
  g_autofree char *real_dump = g_find_program_in_path ("pg_dump");
  g_autofree char *real_restore = g_find_program_in_path ("pg_restore");
  g_autofree char *dump_script = NULL;
  g_autofree char *restore_script = NULL;
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *new_path = g_strconcat (fake, ":", old_path, NULL);
  g_autoptr(GSubprocess) subprocess = NULL;

  g_assert_no_error (error);
  pf_test_pg_exec (pg, dbname, "CREATE TABLE shift (id int); INSERT INTO shift VALUES (1);"
                               "CREATE TABLE staff (id int)", &error);
  g_assert_no_error (error);
  url = pf_test_pg_dup_url (pg, dbname);

  g_assert_nonnull (real_dump);
  g_assert_nonnull (real_restore);
  dump_script = g_strdup_printf ("#!/bin/sh\n"
                                 "if [ \"$1\" = --version ]; then echo 'pg_dump (PostgreSQL) 99.0'; exit 0; fi\n"
                                 "exec '%s' \"$@\" --exclude-table-data=shift\n", real_dump);
  restore_script = g_strdup_printf ("#!/bin/sh\nexec '%s' \"$@\"\n", real_restore);
  pf_test_write_script (fake, "pg_dump", dump_script);
  pf_test_write_script (fake, "pg_restore", restore_script);

  g_setenv ("PATH", new_path, TRUE);
  subprocess = spawn_cli ((const char * const[]) { "backup", url, "--output", output, NULL });
  g_setenv ("PATH", old_path, TRUE);
  finish_run (subprocess, &run);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, "Backup written but NOT verified\n"));
  g_assert_true (matches ("^Method +pg_dump$", run.out));
  g_assert_cmpstr (run.err, ==, "preflight-cli: The backup was written but failed verification: "
                                "The backup lacks the data of these tables: “public.shift”.\n");
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));

  pf_test_remove_dir (dir);
  pf_test_remove_dir (fake);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  pg = pf_test_pg_start_ok ();

  g_test_add_func ("/cli/backup/demo-text", test_demo_text);
  g_test_add_func ("/cli/backup/demo-json", test_demo_json);
  g_test_add_func ("/cli/backup/bad-folder", test_bad_folder);
  g_test_add_func ("/cli/backup/usage", test_usage);
  g_test_add_func ("/cli/backup/not-verified", test_not_verified);
  g_test_add_func ("/cli/backup/ctrl-c", test_ctrl_c);

  return pf_test_pg_run_tests (pg);
}
