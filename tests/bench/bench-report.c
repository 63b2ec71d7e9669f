/* bench-report.c — how long the PDF of a 2,000-finding report takes
 *
 * Not a test: `./run bench --only-report` (tests/bench/bench.py) runs it.
 * It makes a small real SQLite database, a PfReport for it holding 2,000
 * synthetic findings as the checks make them (orphans with bad values,
 * sample rows, a cascade and a fix script; sequences; tables without a
 * key), composes the report (pf_report_compose), lays it out on A4 pages
 * and writes the PDF to memory, timing each step, and prints one line:
 *
 *   report-pdf-2000: compose 0.02 s, layout 0.45 s, write 0.50 s, total 0.97 s, 244 pages, 0.5 MB (cpu 0.95 s)
 *
 *   bench-report [--findings N] [--output FILE.pdf]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-report"

#include "config.h"

#include <time.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-engine.h"
#include "pf-finding.h"
#include "pf-report-composer.h"
#include "pf-report-pages.h"

static const char * const tables[] = {
  "scheduling_shift", "scheduling_staffprofile", "scheduling_leaveentitlement",
  "scheduling_leavetransaction", "scheduling_supervisionrecord", "scheduling_accesslog",
  "scheduling_sicknessrecord", "scheduling_unit",
};

/* A small real SQLite database for the report's target */
static PfDatabase *
open_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfDatabase) database = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db,
                    "CREATE TABLE scheduling_user (sap varchar(6) PRIMARY KEY, name text);"
                    "CREATE TABLE scheduling_shift (id integer PRIMARY KEY,"
                    "  user_id varchar(6) REFERENCES scheduling_user (sap));"
                    "INSERT INTO scheduling_user VALUES ('100001', 'Ada');"
                    "INSERT INTO scheduling_shift VALUES (1, '100001'), (2, 'ADMIN001');",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("bench-report: %s", message != NULL ? message : sqlite3_errmsg (db));
  sqlite3_close (db);

  database = pf_database_new_for_target (path, &error);
  if (database == NULL || !pf_database_open (database, NULL, &error))
    g_error ("bench-report: %s", error->message);

  return g_steal_pointer (&database);
}

/* @n findings as the checks make them: half of them orphans (blockers)
 * with bad values, sample rows, a cascade and a fix script, the rest
 * sequences behind (warnings) and tables without a key (information) */
static void
add_findings (PfReport *report,
              guint     n)
{
  for (guint i = 0; i < n; i++)
    {
      const char *table = tables[i % G_N_ELEMENTS (tables)];
      g_autoptr(PfFinding) finding = NULL;
      g_autofree char *column = g_strdup_printf ("column_%u_id", i);
      g_autofree char *title = NULL;
      const char *columns[] = { column, NULL };
      const char *parent_columns[] = { "sap", NULL };
      gint64 count = 1 + (i * 7919) % 5000;

      if (i % 2 == 0)
        {
          g_autofree char *fix = NULL;

          finding = pf_finding_new ("fk-orphans", PF_SEVERITY_BLOCKER);
          pf_finding_set_table (finding, NULL, table);
          pf_finding_set_columns (finding, columns);
          pf_finding_set_parent_table (finding, NULL, "scheduling_user");
          pf_finding_set_parent_columns (finding, parent_columns);
          pf_finding_set_declared (finding, TRUE);
          pf_finding_set_count (finding, count);
          title = g_strdup_printf ("%" G_GINT64_FORMAT " rows of %s point at users that do not exist", count, table);
          pf_finding_set_title (finding, title);
          pf_finding_set_explanation (finding, "Django checks every foreign key after it rebuilds a table on "
                                               "SQLite, so these rows stop the migration.");
          pf_finding_set_detail (finding, "PRAGMA foreign_key_check reports them too.");
          for (guint j = 0; j < 5; j++)
            {
              g_autofree char *value = g_strdup_printf ("ADMIN%03u", j);

              pf_finding_add_value (finding, value, 100 - j * 17);
            }
          for (guint j = 0; j < 5; j++)
            {
              g_autofree char *id = g_strdup_printf ("%u", 1000 + j * 37);
              g_autofree char *value = g_strdup_printf ("ADMIN%03u", j);
              const char *key_columns[] = { "id" };
              const char *key_values[] = { id };
              const char *value_columns[] = { column };
              const char *values[] = { value };

              pf_finding_add_sample (finding, 1, key_columns, key_values, 1, value_columns, values);
            }
          pf_finding_add_cascade_step (finding, NULL, "scheduling_leavetransaction",
                                       (const char * const[]) { "entitlement_id", NULL }, 1204,
                                       PF_FOREIGN_KEY_ACTION_CASCADE, 1);
          fix = g_strdup_printf ("DELETE FROM \"%s\"\n"
                                 "  WHERE \"%s\" IS NOT NULL\n"
                                 "    AND \"%s\" NOT IN (SELECT \"sap\" FROM \"scheduling_user\");",
                                 table, column, column);
          pf_finding_set_fix_sql (finding, fix);
        }
      else if (i % 4 == 1)
        {
          finding = pf_finding_new ("sequence-behind", PF_SEVERITY_WARNING);
          pf_finding_set_table (finding, NULL, table);
          pf_finding_set_count (finding, count);
          title = g_strdup_printf ("The id sequence of %s is %" G_GINT64_FORMAT " behind", table, count);
          pf_finding_set_title (finding, title);
          pf_finding_set_explanation (finding, "New rows would get ids that already exist.");
        }
      else
        {
          finding = pf_finding_new ("no-primary-key", PF_SEVERITY_INFO);
          pf_finding_set_table (finding, NULL, table);
          title = g_strdup_printf ("%s has no primary key", table);
          pf_finding_set_title (finding, title);
          pf_finding_set_explanation (finding, "Rows cannot be told apart reliably.");
        }
      pf_report_add_finding (report, finding);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfReport) report = NULL;
  g_autoptr(PfReportDocument) document = NULL;
  g_autoptr(PfReportPages) pages = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autofree char *output = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int n_findings = 2000;
  GOptionEntry entries[] = {
    { "findings", 0, 0, G_OPTION_ARG_INT, &n_findings, "Findings in the report (default 2,000)", "N" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, "Also write the PDF to FILE", "FILE" },
    { NULL }
  };
  gint64 started, composed, laid_out, written;
  clock_t cpu_started, cpu_used;
  gsize size;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 1 || n_findings < 1)
    {
      g_printerr ("usage: bench-report [--findings N] [--output FILE.pdf]\n");
      return 2;
    }

  dir = g_dir_make_tmp ("bench-report-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-report: %s\n", error->message);
      return 2;
    }
  path = g_build_filename (dir, "rota.sqlite3", NULL);
  database = open_database (path);
  report = pf_report_new (database);
  add_findings (report, n_findings);

  started = g_get_monotonic_time ();
  cpu_started = clock ();
  document = pf_report_compose (report);
  composed = g_get_monotonic_time ();

  pages = pf_report_pages_new (document, PF_REPORT_PAPER_A4, NULL, &error);
  if (pages == NULL)
    {
      g_printerr ("bench-report: %s\n", error->message);
      return 2;
    }
  laid_out = g_get_monotonic_time ();

  stream = g_memory_output_stream_new_resizable ();
  if (!pf_report_pages_write_pdf (pages, stream, NULL, &error) ||
      !g_output_stream_close (stream, NULL, &error))
    {
      g_printerr ("bench-report: %s\n", error->message);
      return 2;
    }
  written = g_get_monotonic_time ();
  cpu_used = clock () - cpu_started;
  size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream));

  /* The CPU time too: on a busy machine the wall clock says more about
   * the neighbours than about the report */
  g_print ("report-pdf-%d: compose %.2f s, layout %.2f s, write %.2f s, total %.2f s, %u pages, %.1f MB "
           "(cpu %.2f s)\n",
           n_findings, (composed - started) / 1e6, (laid_out - composed) / 1e6, (written - laid_out) / 1e6,
           (written - started) / 1e6, pf_report_pages_get_n_pages (pages), size / 1e6,
           (double) cpu_used / CLOCKS_PER_SEC);

  pf_database_close (database);
  g_unlink (path);
  g_rmdir (dir);

  if (output != NULL &&
      !g_file_set_contents (output, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                            size, &error))
    {
      g_printerr ("bench-report: %s\n", error->message);
      return 2;
    }

  return 0;
}
