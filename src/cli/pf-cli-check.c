/* pf-cli-check.c — preflight-cli check: is this database ready for its migration?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-cli-check"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "pf-cli-check.h"
#include "pf-cli-checklist.h"
#include "pf-cli-connections.h"
#include "pf-cli-migrations.h"
#include "pf-cli-progress.h"
#include "pf-cli-target.h"
#include "pf-report.h"
#include "pf-report-export.h"
#include "pf-rules.h"
#include "pf-scan.h"

/* How many distinct bad values and cascade tables a text report lists; the
 * JSON report has all the finding holds. */
#define MAX_TEXT_VALUES  5
#define MAX_TEXT_CASCADE 4

typedef enum {
  FAIL_ON_BLOCKER,
  FAIL_ON_WARNING,
  FAIL_ON_NEVER,
} FailOn;

/* ---------------------------------------------------------- text -- */

static char *
format_count (gint64 count)
{
  /* %' groups thousands the way the user's locale does */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

static char *
format_rows (gint64 count)
{
  g_autofree char *number = format_count (count);

  /* TRANSLATORS: %s is a number of database rows, such as "1,350" */
  return g_strdup_printf (ngettext ("%s row", "%s rows", count), number);
}

static char *
dup_qualified_name (const char *schema,
                    const char *table)
{
  if (schema == NULL || g_str_equal (schema, "public"))
    return pf_cli_display_text (table);
  else
    {
      g_autofree char *name = g_strconcat (schema, ".", table, NULL);

      return pf_cli_display_text (name);
    }
}

/* "table.column → parent.column" as every report words it, made safe for
 * a terminal */
static char *
dup_where (PfFinding *finding)
{
  g_autofree char *subject = pf_finding_dup_subject (finding);

  return subject != NULL ? pf_cli_display_text (subject) : NULL;
}

/* A value as people should see it: quoted when blanks at either end (or
 * nothing at all) would otherwise be invisible, like "101471 " */
static char *
dup_value_display (const char *value)
{
  g_autofree char *display = NULL;
  gsize length;

  if (value == NULL)
    return g_strdup ("NULL");

  display = pf_cli_display_text (value);
  length = strlen (display);
  if (length == 0 || g_ascii_isspace (display[0]) || g_ascii_isspace (display[length - 1]))
    return g_strconcat ("“", display, "”", NULL);

  return g_steal_pointer (&display);
}

static char *
dup_values (PfFinding *finding)
{
  GPtrArray *values = pf_finding_get_values (finding);
  g_autoptr(GString) out = NULL;

  if (values == NULL || values->len == 0)
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < MIN (values->len, MAX_TEXT_VALUES); i++)
    {
      PfValueCount *value = g_ptr_array_index (values, i);
      g_autofree char *display = dup_value_display (value->value);
      g_autofree char *rows = format_rows (value->count);

      if (i > 0)
        g_string_append (out, ", ");
      /* TRANSLATORS: a bad value and how many rows hold it: "ADMIN001 (150 rows)" */
      g_string_append_printf (out, _("%s (%s)"), display, rows);
    }
  if (values->len > MAX_TEXT_VALUES)
    g_string_append (out, ", …");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
dup_cascade (PfFinding *finding)
{
  GPtrArray *steps = pf_finding_get_cascade (finding);
  gint64 total = pf_finding_get_cascade_rows (finding);
  g_autofree char *rows = NULL;
  g_autoptr(GString) out = NULL;

  if (steps == NULL || steps->len == 0 || total <= 0)
    return NULL;

  rows = format_rows (total);
  out = g_string_new (NULL);
  /* TRANSLATORS: "2,400 rows in other tables depend on these rows:"
   * followed by a list of tables with their row counts */
  g_string_append_printf (out, _("%s in other tables depend on these rows:"), rows);

  for (guint i = 0; i < MIN (steps->len, MAX_TEXT_CASCADE); i++)
    {
      PfCascadeStep *step = g_ptr_array_index (steps, i);
      g_autofree char *name = dup_qualified_name (step->table_schema, step->table);
      g_autofree char *count = format_count (step->rows);

      g_string_append_printf (out, "%s %s (%s)", i > 0 ? "," : "", name, count);
    }
  if (steps->len > MAX_TEXT_CASCADE)
    g_string_append (out, ", …");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The labels of a finding's details, so every finding lines up alike */
static const char *
detail_label (guint i)
{
  const char *labels[] = {
    N_("Check"), N_("Where"), N_("Rows"), N_("Values"), N_("Cascade"), N_("Reason"),
    N_("Severity"),
  };

  return i < G_N_ELEMENTS (labels) ? _(labels[i]) : NULL;
}

enum { DETAIL_CHECK, DETAIL_WHERE, DETAIL_ROWS, DETAIL_VALUES, DETAIL_CASCADE, DETAIL_REASON, DETAIL_SEVERITY };

static void
append_detail (GString    *out,
               guint       detail,
               const char *value)
{
  const char *label = detail_label (detail);
  glong width = 0;

  if (value == NULL)
    return;

  for (guint i = 0; detail_label (i) != NULL; i++)
    width = MAX (width, g_utf8_strlen (detail_label (i), -1));

  g_string_append_printf (out, "    %s", label);
  for (glong i = g_utf8_strlen (label, -1); i < width + 2; i++)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s\n", value);
}

static void
append_finding (GString   *out,
                PfFinding *finding)
{
  g_autofree char *title = pf_cli_display_text (pf_finding_get_title (finding));
  g_autofree char *where = dup_where (finding);
  g_autofree char *values = dup_values (finding);
  g_autofree char *cascade = dup_cascade (finding);
  g_autofree char *reason = NULL;
  g_autofree char *rows = NULL;

  if (pf_finding_get_count (finding) >= 0)
    rows = format_count (pf_finding_get_count (finding));
  if (pf_finding_get_failed (finding))
    reason = pf_cli_display_text (pf_finding_get_error (finding));

  g_string_append_printf (out, "\n  %s\n", title);
  append_detail (out, DETAIL_CHECK, pf_finding_get_check_id (finding));
  append_detail (out, DETAIL_WHERE, where);
  append_detail (out, DETAIL_ROWS, rows);
  append_detail (out, DETAIL_VALUES, values);
  append_detail (out, DETAIL_CASCADE, cascade);
  append_detail (out, DETAIL_REASON, reason);
}

/* The migrations section: its problems, blockers first; "preflight-cli
 * migrations" shows the whole picture */
static void
append_migrations (GString  *out,
                   PfReport *report)
{
  PfMigrationAnalysis *analysis = pf_report_get_migrations (report);
  GPtrArray *problems;

  if (analysis == NULL)
    return;

  problems = pf_migration_analysis_get_problems (analysis);
  g_string_append_printf (out, "\n%s (%u)\n", _("Migrations"), problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *title = pf_cli_display_text (pf_migration_problem_get_title (problem));

      g_string_append_printf (out, "\n  %s\n", title);
      append_detail (out, DETAIL_CHECK, pf_migration_problem_get_kind (problem));
      append_detail (out, DETAIL_SEVERITY, pf_severity_to_string (pf_migration_problem_get_severity (problem)));
    }
  if (pf_migration_analysis_get_source (analysis) == NULL)
    g_string_append_printf (out, "\n%s\n", _("Only the migration history was read: pass --project DIR "
                                               "for pending migrations and predictions."));
}

static gboolean
use_bold (void)
{
  const char *term = g_getenv ("TERM");

  return isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL &&
         term != NULL && !g_str_equal (term, "dumb");
}

static char *
format_text (PfReport       *report,
             PfChecklistRun *checklist,
             gboolean        bold)
{
  GListModel *findings = pf_report_get_findings (report);
  guint n_findings = g_list_model_get_n_items (findings);
  g_autofree char *verdict = pf_report_dup_verdict_sentence (report);
  GString *out = g_string_new (NULL);
  PfSeverity section = (PfSeverity) -1;

  /* The one line a manager needs comes first */
  if (bold)
    g_string_append_printf (out, "\033[1m%s\033[0m\n", verdict);
  else
    g_string_append_printf (out, "%s\n", verdict);

  if (!pf_report_get_complete (report) &&
      pf_report_get_incomplete_reason (report) != NULL &&
      strstr (verdict, pf_report_get_incomplete_reason (report)) == NULL)
    g_string_append_printf (out, "%s\n", pf_report_get_incomplete_reason (report));
  if (pf_report_get_checks (report) != NULL)
    {
      g_autofree char *checks = g_strjoinv (", ", (char **)pf_report_get_checks (report));

      /* A restricted scan must not read as a clean bill of health */
      g_string_append_printf (out, _("Only these checks ran: %s\n"), checks);
    }

  /* Findings come sorted blockers first (pf_report_get_findings) */
  for (guint i = 0; i < n_findings; i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);
      PfSeverity severity = pf_finding_get_severity (finding);

      if (severity != section)
        {
          g_string_append_printf (out, "\n%s (%u)\n", pf_severity_to_heading (severity),
                                  pf_report_count (report, severity));
          section = severity;
        }
      append_finding (out, finding);
    }

  append_migrations (out, report);

  /* The connection's checklist as last saved; "preflight-cli checklist"
   * runs its automatic items and shows every one */
  if (checklist != NULL)
    {
      g_autofree char *line = pf_cli_checklist_dup_summary (checklist);

      g_string_append_printf (out, "\n%s\n", line);
    }

  if (n_findings > 0)
    g_string_append_printf (out, "\n%s\n", _("Run with --format json for samples and fix scripts."));

  return g_string_free (out, FALSE);
}

/* --------------------------------------------------------- output -- */

/* --format: "text" is the CLI's own; the others are the report's formats
 * (pf-report-export.h). Returns FALSE for anything else. */
static gboolean
parse_format (const char     *name,
              gboolean       *out_text,
              PfReportFormat *out_format)
{
  *out_text = name == NULL || g_str_equal (name, "text");
  *out_format = PF_REPORT_FORMAT_JSON;

  return *out_text || pf_report_format_from_string (name, out_format);
}

static GBytes *
render (PfReport        *report,
        gboolean         text,
        PfReportFormat   format,
        PfReportPaper    paper,
        gboolean         bold,
        GCancellable    *cancellable,
        GError         **error)
{
  if (text)
    {
      char *contents = format_text (report, pf_report_get_checklist (report), bold);

      return g_bytes_new_take (contents, strlen (contents));
    }

  return pf_report_render (report, format, paper, cancellable, error);
}

static int
exit_status (PfReport     *report,
             FailOn        fail_on,
             GCancellable *cancellable)
{
  if (g_cancellable_is_cancelled (cancellable))
    return pf_cli_report_cancelled ();

  /* DESIGN.md: 2 when a check could not run, whatever else was found —
   * CI must not read "no blockers" into a scan that did not finish. */
  if (!pf_report_get_complete (report))
    {
      pf_cli_printerr ("%s", _("Some checks could not run, so the result is incomplete: "
                               "see the report for the reasons."));
      return PF_CLI_EXIT_FAILURE;
    }

  switch (fail_on)
    {
    case FAIL_ON_BLOCKER:
      return pf_report_count (report, PF_SEVERITY_BLOCKER) > 0
             ? PF_CLI_EXIT_FINDINGS : PF_CLI_EXIT_OK;
    case FAIL_ON_WARNING:
      return pf_report_count (report, PF_SEVERITY_BLOCKER) +
             pf_report_count (report, PF_SEVERITY_WARNING) > 0
             ? PF_CLI_EXIT_FINDINGS : PF_CLI_EXIT_OK;
    case FAIL_ON_NEVER:
    default:
      return PF_CLI_EXIT_OK;
    }
}

/* ---------------------------------------------------------- command -- */

static int
pf_cli_check_run (int           argc,
                  char        **argv,
                  GCancellable *cancellable)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PfRules) rules = NULL;
  g_autoptr(PfConnectionProfile) saved = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfScan) scan = NULL;
  g_autoptr(PfReport) report = NULL;
  g_autoptr(PfChecklistRun) checklist = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *fail_on_name = NULL;
  g_autofree char *rules_path = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *project_dir = NULL;
  g_autofree char *settings_path = NULL;
  g_auto(GStrv) check_args = NULL;
  g_auto(GStrv) checks = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GBytes) contents = NULL;
  PfCliProgress progress = { 0 };
  PfReportFormat format;
  PfReportPaper paper = PF_REPORT_PAPER_A4;
  gboolean text;
  FailOn fail_on;
  gboolean use_demo = FALSE;
  int jobs = -1;
  const GOptionEntry entries[] = {
    { "rules", 'r', 0, G_OPTION_ARG_FILENAME, &rules_path,
      N_("Also check the rules in FILE (see “Rules files” in the help)"), N_("FILE") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
      N_("Check with N connections at once, 1 to 8 (default: one per processor core)"), N_("N") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text (the default), json, html, markdown or pdf"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
      N_("Write the report to FILE instead of the standard output (needed for pdf)"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name,
      N_("Paper size of a PDF report: a4 (the default) or letter"), N_("SIZE") },
    { "checks", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &check_args,
      N_("Run only these checks, e.g. fk-orphans (see “Choosing checks” in the help)"), N_("ID[,ID…]") },
    { "fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on_name,
      N_("Exit with status 1 when there are findings at or above LEVEL: "
         "blocker (the default), warning or never"), N_("LEVEL") },
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &project_dir,
      N_("Also analyse the Django migrations of the project in DIR"), N_("DIR") },
    { "settings", 's', 0, G_OPTION_ARG_FILENAME, &settings_path,
      N_("Read AUTH_USER_MODEL from FILE instead of the project’s settings.py"), N_("FILE") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &use_demo,
      N_("Check the bundled demo database (and its project) instead of a TARGET"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("TARGET"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  summary = g_strdup_printf ("%s\n\n%s\n\n%s",
                             _("Check whether a database is ready for its migration: broken "
                               "links between tables, invalid indexes, sequences, and your "
                               "own rules."),
                             pf_cli_target_help (),
                             _("Exit status: 0 when nothing at or above the --fail-on level "
                               "was found, 1 when something was, 2 when the check could not "
                               "be done (or not completely), 130 when interrupted."));
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("check", "%s", error->message);

  if (!parse_format (format_name, &text, &format))
    return pf_cli_usage_error ("check", _("Unknown format “%s”: use text, json, html, markdown or pdf."),
                               format_name);
  if (!text && !pf_report_format_is_text (format) && output_path == NULL)
    return pf_cli_usage_error ("check", _("A PDF report needs a file: add --output FILE."));
  if (paper_name != NULL && !pf_report_paper_from_string (paper_name, &paper))
    return pf_cli_usage_error ("check", _("Unknown paper size “%s” for --paper: use a4 or letter."),
                               paper_name);

  if (fail_on_name == NULL || g_str_equal (fail_on_name, "blocker"))
    fail_on = FAIL_ON_BLOCKER;
  else if (g_str_equal (fail_on_name, "warning"))
    fail_on = FAIL_ON_WARNING;
  else if (g_str_equal (fail_on_name, "never"))
    fail_on = FAIL_ON_NEVER;
  else
    return pf_cli_usage_error ("check", _("Unknown level “%s” for --fail-on: "
                                          "use blocker, warning or never."), fail_on_name);

  if (jobs != -1 && (jobs < 1 || jobs > PF_SCAN_MAX_JOBS))
    return pf_cli_usage_error ("check", _("--jobs must be between 1 and %d, not %d."),
                               PF_SCAN_MAX_JOBS, jobs);

  /* --checks a,b and --checks a --checks b alike */
  if (check_args != NULL)
    {
      g_autoptr(GPtrArray) ids_seen = g_ptr_array_new_with_free_func (g_free);
      const char * const *all = pf_scan_get_all_checks ();

      for (guint i = 0; check_args[i] != NULL; i++)
        {
          g_auto(GStrv) ids = g_strsplit (check_args[i], ",", -1);

          for (guint j = 0; ids[j] != NULL; j++)
            {
              const char *id = g_strstrip (ids[j]);

              if (*id == '\0')
                continue;
              if (!g_strv_contains (all, id))
                {
                  g_autofree char *valid = g_strjoinv (", ", (char **)all);

                  return pf_cli_usage_error ("check", _("Unknown check “%s” for --checks: use one or more of %s."),
                                             id, valid);
                }
              if (!g_ptr_array_find_with_equal_func (ids_seen, id, g_str_equal, NULL))
                g_ptr_array_add (ids_seen, g_strdup (id));
            }
        }
      g_ptr_array_add (ids_seen, NULL);
      checks = (GStrv)g_ptr_array_free (g_steal_pointer (&ids_seen), FALSE);
      if (checks[0] == NULL)
        return pf_cli_usage_error ("check", _("--checks needs at least one check id."));
    }

  if (!pf_cli_check_one_target ("check", argc, use_demo))
    return PF_CLI_EXIT_FAILURE;

  /* A broken rules file is found before any connection is made */
  if (rules_path != NULL)
    {
      rules = pf_rules_new_from_file (rules_path, &error);
      if (rules == NULL)
        return pf_cli_report_error (error, cancellable);
    }

  database = pf_cli_open_target_full (use_demo ? NULL : argv[1], use_demo, &saved,
                                      cancellable, &error);
  if (database == NULL)
    return pf_cli_report_error (error, cancellable);

  /* A saved connection brings its rules and project; options win */
  if (saved != NULL && rules == NULL && pf_connection_profile_get_rules (saved) != NULL)
    rules = g_object_ref (pf_connection_profile_get_rules (saved));
  if (saved != NULL && project_dir == NULL)
    project_dir = g_strdup (pf_connection_profile_get_project_dir (saved));

  pf_database_introspect_async (database, cancellable, pf_cli_store_result_cb, &result);
  pf_cli_wait (&result);
  schema = pf_database_introspect_finish (database, result, &error);
  if (schema == NULL)
    return pf_cli_report_error (error, cancellable);
  g_clear_object (&result);

  scan = pf_scan_new (database, schema);
  if (rules != NULL)
    pf_scan_set_rules (scan, rules);
  pf_scan_set_n_workers (scan, jobs > 0 ? (guint) jobs : 0);
  pf_scan_set_checks (scan, (const char * const *)checks);

  pf_cli_progress_start (&progress, G_OBJECT (scan));
  pf_scan_run_async (scan, cancellable, pf_cli_store_result_cb, &result);
  pf_cli_wait (&result);
  report = pf_scan_run_finish (scan, result, &error);
  pf_cli_progress_stop (&progress);

  /* Only when the scan could not start at all; a cancelled scan still
   * returns what it found. */
  if (report == NULL)
    return pf_cli_report_error (error, cancellable);

  /* The migrations, with the scan's orphan counts for the predictions;
   * without a project only the history is read. A scan restricted with
   * --checks is about those checks only, unless --project asks for more. */
  if (!g_cancellable_is_cancelled (cancellable) && (checks == NULL || project_dir != NULL))
    {
      g_autoptr(PfMigrationAnalysis) analysis = NULL;

      analysis = pf_cli_run_migration_analysis (database, schema, project_dir, settings_path,
                                                use_demo, report, cancellable, &error);
      if (analysis == NULL)
        return pf_cli_report_error (error, cancellable);
      pf_report_set_migrations (report, analysis);
    }

  /* The app's sidebar shows the last verdict of a saved connection */
  if (saved != NULL && !g_cancellable_is_cancelled (cancellable))
    pf_cli_connections_record_report (saved, report);

  /* The checklist section: the connection's saved run, read only */
  checklist = pf_cli_checklist_load_saved_run (database, saved);
  pf_report_set_checklist (report, checklist);

  contents = render (report, text, format, paper, output_path == NULL && use_bold (),
                     cancellable, &error);
  if (contents == NULL)
    return pf_cli_report_error (error, cancellable);

  if (output_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output_path);

      if (!pf_report_write_file (file, contents, cancellable, &error))
        return pf_cli_report_error (error, cancellable);
    }
  else if (text)
    g_print ("%.*s", (int) g_bytes_get_size (contents), (const char *) g_bytes_get_data (contents, NULL));
  else
    {
      /* The report formats are UTF-8 whatever the locale, so bypass
       * g_print()'s conversion */
      fwrite (g_bytes_get_data (contents, NULL), 1, g_bytes_get_size (contents), stdout);
      fflush (stdout);
    }

  pf_database_close (database);

  return exit_status (report, fail_on, cancellable);
}

const PfCliCommand pf_cli_check_command = {
  .name = "check",
  .summary = N_("Check whether a database is ready for its migration"),
  .run = pf_cli_check_run,
};
