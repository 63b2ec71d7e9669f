/* test-scan.c — PfScan against a real SQLite file: streaming, progress,
 * failures, cancellation, one read state per worker, read-only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-engine.h"
#include "pf-scan.h"
#include "pf-sqlite-database-private.h"

static GThread *main_thread;

typedef struct
{
  char       *dir;
  char       *path;
  PfDatabase *database;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  fixture->dir = g_dir_make_tmp ("pf-scan-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "scan.db", NULL);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT);"
                                 "INSERT INTO person (name) VALUES ('ada'), ('grace'), ('linus');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  fixture->database = pf_database_new_for_target (fixture->path, &error);
  g_assert_no_error (error);
  pf_database_open (fixture->database, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pf_database_close (fixture->database);
  g_clear_object (&fixture->database);
  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* ---- helpers ---------------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  PfReport  *report;
  GError    *error;
  gint64     finished_at;
  guint      n_items_at_finish;
} Result;

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Result *res = user_data;

  g_assert_true (g_thread_self () == main_thread);
  res->finished_at = g_get_monotonic_time ();
  res->n_items_at_finish = g_list_model_get_n_items (pf_scan_get_findings (PF_SCAN (object)));
  res->report = pf_scan_run_finish (PF_SCAN (object), result, &res->error);
  g_main_loop_quit (res->loop);
}

static PfReport *
run_scan (PfScan        *scan,
          GCancellable  *cancellable,
          Result        *res)
{
  res->loop = g_main_loop_new (NULL, FALSE);
  pf_scan_run_async (scan, cancellable, run_cb, res);
  g_main_loop_run (res->loop);
  g_main_loop_unref (res->loop);
  g_assert_no_error (res->error);
  g_assert_nonnull (res->report);

  return res->report;
}

static sqlite3 *
handle (PfDatabase *connection)
{
  g_assert_true (PF_IS_SQLITE_DATABASE (connection));

  return _pf_sqlite_database_get_handle (PF_SQLITE_DATABASE (connection));
}

/* Counts the people through the worker's own connection, then sleeps for
 * the number of milliseconds in data; one info finding per job */
static gboolean
count_job (PfScanJob     *job,
           PfDatabase    *connection,
           GPtrArray     *findings,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PfFinding *finding;

  g_assert_false (g_thread_self () == main_thread);

  if (!(stmt = _pf_sqlite_database_prepare (PF_SQLITE_DATABASE (connection),
                                            "SELECT count(*) FROM person", error)))
    return FALSE;
  if (_pf_sqlite_database_step (PF_SQLITE_DATABASE (connection), stmt, error) != SQLITE_ROW)
    return FALSE;

  g_usleep (GPOINTER_TO_UINT (job->data) * 1000);

  finding = pf_finding_new ("test-count", PF_SEVERITY_INFO);
  pf_finding_set_table (finding, NULL, job->subject);
  pf_finding_set_count (finding, sqlite3_column_int64 (stmt, 0));
  /* Whether this worker sits in its read transaction */
  pf_finding_set_declared (finding, sqlite3_get_autocommit (handle (connection)) == 0);
  g_ptr_array_add (findings, finding);

  return TRUE;
}

static void
add_count_jobs (PfScan *scan,
                guint   n,
                guint   sleep_msec)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *subject = g_strdup_printf ("t%02u", i);
      g_autofree char *message = g_strdup_printf ("Counting %s", subject);
      g_autoptr(PfScanJob) job = pf_scan_job_new ("test-count", subject, message, 1 + i,
                                                  count_job, GUINT_TO_POINTER (sleep_msec), NULL);

      pf_scan_add_job (scan, job);
    }
}

/* ---- tests -------------------------------------------------------------- */

typedef struct
{
  guint   n_fraction;
  guint   n_items_changed;
  gint64  first;
  gint64  last;
  gboolean finished;
} Watch;

static void
fraction_cb (PfScan     *scan,
             GParamSpec *pspec,
             Watch      *watch)
{
  g_assert_true (g_thread_self () == main_thread);
  if (watch->n_fraction++ == 0)
    watch->first = g_get_monotonic_time ();
  watch->last = g_get_monotonic_time ();
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  g_assert_true (g_thread_self () == main_thread);
  watch->n_items_changed++;
}

static void
test_stream (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PfScan) scan = pf_scan_new (fixture->database, NULL);
  g_autoptr(PfReport) report = NULL;
  Result res = { 0 };
  Watch watch = { 0 };
  gint64 start;
  double seconds;

  pf_scan_set_n_workers (scan, 4);
  add_count_jobs (scan, 40, 25);
  g_signal_connect (scan, "notify::fraction", G_CALLBACK (fraction_cb), &watch);
  g_signal_connect (pf_scan_get_findings (scan), "items-changed", G_CALLBACK (items_changed_cb), &watch);

  start = g_get_monotonic_time ();
  report = run_scan (scan, NULL, &res);
  seconds = (res.finished_at - start) / (double)G_USEC_PER_SEC;
  g_test_message ("40 jobs on 4 workers: %.2f s, %u progress notifications, %u list changes",
                  seconds, watch.n_fraction, watch.n_items_changed);

  /* Streamed: the list filled in several steps, all before the callback */
  g_assert_cmpuint (res.n_items_at_finish, ==, 40);
  g_assert_cmpuint (watch.n_items_changed, >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pf_report_get_findings (report)), ==, 40);

  /* ≤ ~10 a second (plus the first and the last) */
  g_assert_cmpuint (watch.n_fraction, >=, 2);
  g_assert_cmpuint (watch.n_fraction, <=, (guint)(seconds * 10) + 3);
  g_assert_cmpfloat (pf_scan_get_fraction (scan), ==, 1.0);
  g_assert_cmpuint (pf_scan_get_n_done (scan), ==, 40);
  g_assert_cmpuint (pf_scan_get_n_checks (scan), ==, 40);
  g_assert_false (pf_scan_get_running (scan));
  g_assert_nonnull (pf_scan_get_message (scan));
  g_assert_true (g_str_has_prefix (pf_scan_get_message (scan), "Counting t"));

  g_assert_true (pf_report_get_complete (report));
  g_assert_cmpint (pf_report_get_verdict (report), ==, PF_VERDICT_GO);
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (pf_report_get_findings (report), i);

      g_assert_cmpint (pf_finding_get_count (finding), ==, 3);
      /* Every worker reads inside its read transaction */
      g_assert_true (pf_finding_get_declared (finding));
    }

  /* A second run starts afresh */
  g_clear_object (&report);
  memset (&res, 0, sizeof res);
  report = run_scan (scan, NULL, &res);
  g_assert_cmpuint (g_list_model_get_n_items (pf_scan_get_findings (scan)), ==, 40);
}

static gboolean
failing_job (PfScanJob     *job,
             PfDatabase    *connection,
             GPtrArray     *findings,
             GCancellable  *cancellable,
             GError       **error)
{
  g_set_error_literal (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_QUERY,
                       "permission denied for table secret");
  return FALSE;
}

static gboolean
insert_job (PfScanJob     *job,
            PfDatabase    *connection,
            GPtrArray     *findings,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _pf_sqlite_database_prepare (PF_SQLITE_DATABASE (connection),
                                            "INSERT INTO person (name) VALUES ('mallory')", error)))
    return FALSE;

  return _pf_sqlite_database_step (PF_SQLITE_DATABASE (connection), stmt, error) == SQLITE_DONE;
}

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static void
test_failed_job (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PfScan) scan = pf_scan_new (fixture->database, NULL);
  g_autoptr(PfScanJob) failing = pf_scan_job_new ("test-fail", "the secret table", "Failing",
                                                  100, failing_job, NULL, NULL);
  g_autoptr(PfScanJob) insert = pf_scan_job_new ("test-insert", "person", "Writing",
                                                 1, insert_job, NULL, NULL);
  g_autofree char *before = checksum_file (fixture->path);
  g_autofree char *after = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *journal = NULL;
  g_autoptr(PfReport) report = NULL;
  GListModel *findings;
  Result res = { 0 };
  guint n_failed = 0;

  pf_scan_set_n_workers (scan, 2);
  pf_scan_add_job (scan, failing);
  pf_scan_add_job (scan, insert);
  add_count_jobs (scan, 5, 0);

  report = run_scan (scan, NULL, &res);
  findings = pf_report_get_findings (report);

  /* The others still ran */
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 7);
  g_assert_false (pf_report_get_complete (report));
  g_assert_cmpstr (pf_report_get_incomplete_reason (report), ==, "2 checks could not run");
  g_assert_cmpint (pf_report_get_verdict (report), ==, PF_VERDICT_GO_WITH_WARNINGS);
  sentence = pf_report_dup_verdict_sentence (report);
  g_assert_cmpstr (sentence, ==, "GO WITH WARNINGS: 2 things need a look before this migration. "
                                 "The scan is incomplete: 2 checks could not run");

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);

      if (!pf_finding_get_failed (finding))
        continue;

      n_failed++;
      g_assert_cmpint (pf_finding_get_severity (finding), ==, PF_SEVERITY_WARNING);
      if (g_str_equal (pf_finding_get_check_id (finding), "test-fail"))
        {
          g_assert_cmpstr (pf_finding_get_title (finding), ==, "Could not check the secret table");
          g_assert_cmpstr (pf_finding_get_error (finding), ==, "permission denied for table secret");
        }
      else
        {
          /* A read-only connection refuses to write */
          g_assert_cmpstr (pf_finding_get_check_id (finding), ==, "test-insert");
          g_assert_nonnull (strstr (pf_finding_get_error (finding), "readonly"));
        }
    }
  g_assert_cmpuint (n_failed, ==, 2);

  /* Read-only: not one byte changed */
  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
  journal = g_strconcat (fixture->path, "-journal", NULL);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static gboolean
endless_job (PfScanJob     *job,
             PfDatabase    *connection,
             GPtrArray     *findings,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _pf_sqlite_database_prepare (PF_SQLITE_DATABASE (connection),
                                            "WITH RECURSIVE c (n) AS (SELECT 1 UNION ALL"
                                            " SELECT n + 1 FROM c WHERE n < 1000000000)"
                                            " SELECT count(*) FROM c", error)))
    return FALSE;

  if (_pf_sqlite_database_step (PF_SQLITE_DATABASE (connection), stmt, error) != SQLITE_ROW)
    return FALSE;

  g_ptr_array_add (findings, pf_finding_new ("test-endless", PF_SEVERITY_INFO));

  return TRUE;
}

static gint64 cancelled_at;

static gboolean
cancel_cb (gpointer data)
{
  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (data);

  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PfScan) scan = pf_scan_new (fixture->database, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PfReport) report = NULL;
  Result res = { 0 };
  double latency;

  pf_scan_set_n_workers (scan, 2);
  /* Two endless statements running, more waiting behind them */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(PfScanJob) job = pf_scan_job_new ("test-endless", "everything", "Counting forever",
                                                  10, endless_job, NULL, NULL);

      pf_scan_add_job (scan, job);
    }
  add_count_jobs (scan, 3, 0);

  g_timeout_add (300, cancel_cb, cancellable);
  report = run_scan (scan, cancellable, &res);

  latency = (res.finished_at - cancelled_at) / (double)G_USEC_PER_SEC;
  g_test_message ("SQLite cancel latency: %.4f s", latency);
  g_assert_cmpfloat (latency, <, 1.25);

  g_assert_false (pf_report_get_complete (report));
  g_assert_cmpstr (pf_report_get_incomplete_reason (report), ==,
                   "The scan was cancelled; 0 of 7 checks finished");
  /* Interrupted statements are no "could not check" findings */
  g_assert_cmpuint (g_list_model_get_n_items (pf_report_get_findings (report)), ==, 0);
  g_assert_false (pf_scan_get_running (scan));
}

static void
test_cancel_before (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PfScan) scan = pf_scan_new (fixture->database, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PfReport) report = NULL;
  Result res = { 0 };

  add_count_jobs (scan, 3, 0);
  g_cancellable_cancel (cancellable);
  report = run_scan (scan, cancellable, &res);
  g_assert_false (pf_report_get_complete (report));
  g_assert_cmpstr (pf_report_get_incomplete_reason (report), ==,
                   "The scan was cancelled; 0 of 3 checks finished");
}

static void
test_planned (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfSchema) schema = pf_database_introspect (fixture->database, NULL, &error);
  g_autoptr(PfScan) scan = NULL;
  g_autoptr(PfReport) report = NULL;
  g_autofree char *before = checksum_file (fixture->path);
  g_autofree char *after = NULL;
  Result res = { 0 };

  g_assert_no_error (error);
  scan = pf_scan_new (fixture->database, schema);
  add_count_jobs (scan, 2, 0);
  report = run_scan (scan, NULL, &res);

  /* Whatever the planners add, the scan ends, with our jobs in it */
  g_assert_cmpuint (pf_scan_get_n_done (scan), ==, pf_scan_get_n_checks (scan));
  g_assert_cmpuint (pf_scan_get_n_checks (scan), >=, 2);
  g_assert_cmpstr (pf_report_get_target_name (report), ==, "scan.db");
  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_unopenable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PfScan) scan = pf_scan_new (fixture->database, NULL);
  g_autoptr(PfReport) report = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Result res = { 0 };

  /* The file went away after the coordinator opened it */
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  add_count_jobs (scan, 2, 0);
  res.loop = loop;
  pf_scan_run_async (scan, NULL, run_cb, &res);
  g_main_loop_run (loop);
  g_assert_null (res.report);
  g_assert_nonnull (res.error);
  g_assert_true (res.error->domain == PF_DATABASE_ERROR);
  g_test_message ("%s", res.error->message);
  g_clear_error (&res.error);
  g_assert_false (pf_scan_get_running (scan));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  main_thread = g_thread_self ();

  g_test_add ("/scan/stream", Fixture, NULL, fixture_setup, test_stream, fixture_teardown);
  g_test_add ("/scan/failed-job", Fixture, NULL, fixture_setup, test_failed_job, fixture_teardown);
  g_test_add ("/scan/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/scan/cancel-before", Fixture, NULL, fixture_setup, test_cancel_before, fixture_teardown);
  g_test_add ("/scan/planned", Fixture, NULL, fixture_setup, test_planned, fixture_teardown);
  g_test_add ("/scan/unopenable", Fixture, NULL, fixture_setup, test_unopenable, fixture_teardown);

  return g_test_run ();
}
