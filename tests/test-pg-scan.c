/* test-pg-scan.c — PfScan against a throwaway PostgreSQL server: one shared
 * snapshot, read-only sessions, session limits, cancellation, a server that
 * dies mid-scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pf-engine.h"
#include "pf-pg-database-private.h"
#include "pf-scan.h"
#include "pf-test-pg.h"

static PfTestPg *pg;
static char *dbname;

static PfDatabase *
open_database (void)
{
  g_autoptr(PfConnectionProfile) profile = pf_connection_profile_new (PF_DATABASE_KIND_POSTGRESQL);
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  pf_connection_profile_set_host (profile, pf_test_pg_get_socket_dir (pg));
  pf_connection_profile_set_port (profile, pf_test_pg_get_port (pg));
  pf_connection_profile_set_user (profile, pf_test_pg_get_superuser (pg));
  pf_connection_profile_set_dbname (profile, dbname);

  database = pf_database_new_for_profile (profile, NULL);
  pf_database_open (database, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&database);
}

typedef struct
{
  GMainLoop *loop;
  PfReport  *report;
  GError    *error;
  gint64     finished_at;
} Result;

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Result *res = user_data;

  res->finished_at = g_get_monotonic_time ();
  res->report = pf_scan_run_finish (PF_SCAN (object), result, &res->error);
  g_main_loop_quit (res->loop);
}

static PfReport *
run_scan (PfScan       *scan,
          GCancellable *cancellable,
          Result       *res)
{
  res->loop = g_main_loop_new (NULL, FALSE);
  pf_scan_run_async (scan, cancellable, run_cb, res);
  g_main_loop_run (res->loop);
  g_main_loop_unref (res->loop);
  g_assert_no_error (res->error);
  g_assert_nonnull (res->report);

  return res->report;
}

/* Runs job->data as SQL on the worker; the first column of the first row
 * becomes the finding's title; errors carry the SQLSTATE in brackets */
static gboolean
sql_job (PfScanJob     *job,
         PfDatabase    *connection,
         GPtrArray     *findings,
         GCancellable  *cancellable,
         GError       **error)
{
  PGconn *conn = _pf_pg_database_get_connection (PF_PG_DATABASE (connection));
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GString) values = g_string_new (NULL);
  PfFinding *finding;

  const char *sql = job->data;

  if (g_str_has_prefix (sql, "ELSEWHERE:"))
    {
      /* Another session commits a row before this worker's first query */
      if (!pf_test_pg_exec (pg, dbname, "INSERT INTO t VALUES (2)", error))
        return FALSE;
      sql += strlen ("ELSEWHERE:");
    }
  else if (g_str_has_prefix (sql, "LATER:"))
    {
      /* No query before the other session's commit */
      g_usleep (G_USEC_PER_SEC / 2);
      sql += strlen ("LATER:");
    }

  if (g_str_has_prefix (sql, "RAW:"))
    {
      /* Bypasses _pf_pg_database_exec to see the SQLSTATE */
      result = PQexec (conn, sql + 4);
      if (PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          g_set_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_QUERY, "%s [%s]",
                       PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY),
                       PQresultErrorField (result, PG_DIAG_SQLSTATE));
          return FALSE;
        }
    }
  else if (!(result = _pf_pg_database_exec (PF_PG_DATABASE (connection), cancellable,
                                            sql, 0, NULL, error)))
    return FALSE;

  for (int i = 0; i < PQnfields (result) && PQntuples (result) > 0; i++)
    g_string_append_printf (values, "%s%s", i ? "|" : "", PQgetvalue (result, 0, i));

  finding = pf_finding_new (job->check_id, PF_SEVERITY_INFO);
  pf_finding_set_title (finding, values->str);
  g_ptr_array_add (findings, finding);

  return TRUE;
}

static void
add_sql_job (PfScan     *scan,
             const char *check_id,
             double      weight,
             const char *sql)
{
  g_autoptr(PfScanJob) job = pf_scan_job_new (check_id, check_id, check_id, weight,
                                              sql_job, g_strdup (sql), g_free);

  pf_scan_add_job (scan, job);
}

static const char *
title_of (PfReport   *report,
          const char *check_id)
{
  GListModel *findings = pf_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (pf_finding_get_check_id (finding), check_id))
        return pf_finding_get_title (finding);
    }

  return NULL;
}

static PfFinding *
find (PfReport   *report,
      const char *check_id)
{
  GListModel *findings = pf_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (pf_finding_get_check_id (finding), check_id))
        return finding;
    }

  return NULL;
}

static void
test_snapshot (void)
{
  g_autoptr(PfDatabase) database = open_database ();
  g_autoptr(PfScan) scan = pf_scan_new (database, NULL);
  g_autoptr(PfReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  Result res = { 0 };

  pf_test_pg_exec (pg, dbname, "DROP TABLE IF EXISTS t; CREATE TABLE t (id int); INSERT INTO t VALUES (1)", &error);
  g_assert_no_error (error);

  /* Each worker's transaction would otherwise take its snapshot at its
   * first query, which comes after the other session's commit for all of
   * them: only the imported snapshot hides the row */
  pf_scan_set_n_workers (scan, 4);
  add_sql_job (scan, "insert-elsewhere", 100,
               "ELSEWHERE:SELECT 0, (SELECT count(*) FROM t),"
               " pg_catalog.current_setting ('transaction_read_only'),"
               " pg_catalog.current_setting ('transaction_isolation')");
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("count-%u", i);

      add_sql_job (scan, id, 1,
                   "LATER:SELECT 0, (SELECT count(*) FROM t),"
                   " pg_catalog.current_setting ('transaction_read_only'),"
                   " pg_catalog.current_setting ('transaction_isolation')");
    }

  report = run_scan (scan, NULL, &res);
  count = pf_test_pg_query_string (pg, dbname, "SELECT count(*) FROM t", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (count, ==, "2");

  g_assert_true (pf_report_get_complete (report));
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("count-%u", i);

      /* The row committed after the scan began is invisible to every worker */
      g_assert_cmpstr (title_of (report, id), ==, "0|1|on|repeatable read");
    }
  g_assert_cmpstr (title_of (report, "insert-elsewhere"), ==, "0|1|on|repeatable read");
  g_assert_cmpstr (pf_report_get_target_server_version (report), !=, NULL);
}

static void
test_sessions (void)
{
  g_autoptr(PfDatabase) database = open_database ();
  g_autoptr(PfScan) scan = pf_scan_new (database, NULL);
  g_autoptr(PfReport) report = NULL;
  PfFinding *finding;
  Result res = { 0 };

  pf_scan_set_n_workers (scan, 2);
  add_sql_job (scan, "settings", 1,
               "SELECT pg_catalog.current_setting ('statement_timeout'),"
               " pg_catalog.current_setting ('lock_timeout'),"
               " pg_catalog.current_setting ('row_security'),"
               " pg_catalog.current_setting ('application_name')");
  add_sql_job (scan, "write", 1, "RAW:CREATE TABLE pf_written (id int)");
  add_sql_job (scan, "insert", 1, "RAW:INSERT INTO t VALUES (3)");

  report = run_scan (scan, NULL, &res);

  g_assert_cmpstr (title_of (report, "settings"), ==, "5min|5s|off|preflight");

  /* Read-only sessions: SQLSTATE 25006, recorded as checks that could not run */
  finding = find (report, "write");
  g_assert_nonnull (finding);
  g_assert_true (pf_finding_get_failed (finding));
  g_assert_true (g_str_has_suffix (pf_finding_get_error (finding), "[25006]"));
  finding = find (report, "insert");
  g_assert_true (pf_finding_get_failed (finding));
  g_assert_true (g_str_has_suffix (pf_finding_get_error (finding), "[25006]"));
  g_assert_false (pf_report_get_complete (report));
  g_assert_cmpstr (pf_report_get_incomplete_reason (report), ==, "2 checks could not run");
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
test_cancel (void)
{
  g_autoptr(PfDatabase) database = open_database ();
  g_autoptr(PfScan) scan = pf_scan_new (database, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PfReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *active = NULL;
  Result res = { 0 };
  double latency;

  pf_scan_set_n_workers (scan, 3);
  for (guint i = 0; i < 5; i++)
    add_sql_job (scan, "sleep", 10, "SELECT pg_catalog.pg_sleep (30)");

  g_timeout_add (700, cancel_cb, cancellable);
  report = run_scan (scan, cancellable, &res);
  latency = (res.finished_at - cancelled_at) / (double)G_USEC_PER_SEC;
  g_test_message ("PostgreSQL cancel latency: %.4f s", latency);
  g_assert_cmpfloat (latency, <, 1.25);
  g_assert_false (pf_report_get_complete (report));
  g_assert_cmpstr (pf_report_get_incomplete_reason (report), ==,
                   "The scan was cancelled; 0 of 5 checks finished");
  g_assert_cmpuint (g_list_model_get_n_items (pf_report_get_findings (report)), ==, 0);

  /* Nothing left sleeping on the server */
  active = pf_test_pg_query_string (pg, dbname,
                                    "SELECT count(*) FROM pg_stat_activity"
                                    " WHERE query LIKE '%pg_sleep (30)%' AND pid <> pg_backend_pid ()",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (active, ==, "0");
}

static gboolean
kill_cb (gpointer data)
{
  g_autoptr(GError) error = NULL;

  pf_test_pg_kill (pg, &error);
  g_assert_no_error (error);

  return G_SOURCE_REMOVE;
}

/* Last: the server does not come back */
static void
test_server_killed (void)
{
  g_autoptr(PfDatabase) database = open_database ();
  g_autoptr(PfScan) scan = pf_scan_new (database, NULL);
  g_autoptr(PfReport) report = NULL;
  GListModel *findings;
  Result res = { 0 };
  gint64 start;
  double seconds;

  pf_scan_set_n_workers (scan, 3);
  for (guint i = 0; i < 8; i++)
    add_sql_job (scan, "sleep", 10, "SELECT pg_catalog.pg_sleep (30)");

  g_timeout_add (700, kill_cb, NULL);
  start = g_get_monotonic_time ();
  report = run_scan (scan, NULL, &res);
  seconds = (res.finished_at - start) / (double)G_USEC_PER_SEC;
  g_test_message ("Scan with a killed server ended after %.2f s", seconds);
  g_assert_cmpfloat (seconds, <, 10.0);

  g_assert_false (pf_report_get_complete (report));
  findings = pf_report_get_findings (report);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);

      g_assert_true (pf_finding_get_failed (finding));
      g_assert_cmpstr (pf_finding_get_error (finding), ==, "the connection to the server was lost");
    }
  g_assert_cmpstr (pf_report_get_incomplete_reason (report), ==, "8 checks could not run");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  pg = pf_test_pg_start (&error);
  g_assert_no_error (error);
  dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/pg-scan/snapshot", test_snapshot);
  g_test_add_func ("/pg-scan/sessions", test_sessions);
  g_test_add_func ("/pg-scan/cancel", test_cancel);
  g_test_add_func ("/pg-scan/server-killed", test_server_killed);

  ret = g_test_run ();
  pf_test_pg_stop (pg);
  g_free (dbname);

  return ret;
}
