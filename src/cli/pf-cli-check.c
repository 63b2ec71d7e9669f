/* pf-cli-check.c — preflight-cli check: is this database ready for its migration?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-cli-check"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pf-cli-check.h"
#include "pf-cli-checklist.h"
#include "pf-cli-connections.h"
#include "pf-cli-migrations.h"
#include "pf-cli-progress.h"
#include "pf-cli-target.h"
#include "pf-report.h"
#include "pf-rules.h"
#include "pf-scan.h"

/* How many distinct bad values and cascade tables a text report lists; the
 * JSON report has all the finding holds. */
#define MAX_TEXT_VALUES  5
#define MAX_TEXT_CASCADE 4

/* The progress line is redrawn at most this often (µs) */

typedef enum {
  FORMAT_TEXT,
  FORMAT_JSON,
} CheckFormat;

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

/* "table.column", "table.(a, b)" or just "table" */
static char *
dup_columns_display (const char         *table,
                     const char * const *columns)
{
  g_autofree char *joined = NULL;
  g_autofree char *display = NULL;
  guint n_columns = columns != NULL ? g_strv_length ((char **) columns) : 0;

  if (n_columns == 0)
    return g_strdup (table);

  joined = g_strjoinv (", ", (char **) columns);
  display = pf_cli_display_text (joined);
  if (n_columns == 1)
    return g_strconcat (table, ".", display, NULL);

  return g_strconcat (table, ".(", display, ")", NULL);
}

static char *
dup_where (PfFinding *finding)
{
  g_autofree char *table = NULL;
  g_autofree char *child = NULL;
  g_autofree char *parent_table = NULL;
  g_autofree char *parent = NULL;

  if (pf_finding_get_table (finding) == NULL)
    return NULL;

  table = dup_qualified_name (pf_finding_get_table_schema (finding),
                              pf_finding_get_table (finding));
  child = dup_columns_display (table, pf_finding_get_columns (finding));

  if (pf_finding_get_parent_table (finding) == NULL)
    return g_steal_pointer (&child);

  parent_table = dup_qualified_name (pf_finding_get_parent_schema (finding),
                                     pf_finding_get_parent_table (finding));
  parent = dup_columns_display (parent_table, pf_finding_get_parent_columns (finding));

  return g_strconcat (child, " → ", parent, NULL);
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

/* Atomically for a regular file, so a reader never sees half a report; a
 * device or pipe (/dev/null, /dev/stdout, a FIFO) is written in place, as
 * renaming over it would replace it. */
static gboolean
write_output (const char  *path,
              const char  *contents,
              GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autoptr(GError) local_error = NULL;
  GStatBuf buf;

  if (g_stat (path, &buf) == 0 && !S_ISREG (buf.st_mode) && !S_ISDIR (buf.st_mode))
    {
      FILE *file = fopen (path, "w");
      int saved_errno;

      if (file != NULL &&
          fwrite (contents, 1, strlen (contents), file) == strlen (contents) &&
          fclose (file) == 0)
        return TRUE;

      saved_errno = errno;
      if (file != NULL)
        fclose (file);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write the report to “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_set_contents (path, contents, -1, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write the report to “%s”: %s"), name,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ISDIR)
                     ? _("it is a folder") : local_error->message);
      return FALSE;
    }

  return TRUE;
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
  g_autofree char *summary = NULL;
  g_autofree char *contents = NULL;
  PfCliProgress progress = { 0 };
  CheckFormat format;
  FailOn fail_on;
  gboolean use_demo = FALSE;
  int jobs = -1;
  const GOptionEntry entries[] = {
    { "rules", 'r', 0, G_OPTION_ARG_FILENAME, &rules_path,
      N_("Also check the rules in FILE (see “Rules files” in the help)"), N_("FILE") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
      N_("Check with N connections at once, 1 to 8 (default: one per processor core)"), N_("N") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text (the default) or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
      N_("Write the report to FILE instead of the standard output"), N_("FILE") },
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

  if (format_name == NULL || g_str_equal (format_name, "text"))
    format = FORMAT_TEXT;
  else if (g_str_equal (format_name, "json"))
    format = FORMAT_JSON;
  else
    return pf_cli_usage_error ("check", _("Unknown format “%s”: use text or json."), format_name);

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

  if (argc > 2 || (use_demo && argc > 1))
    return pf_cli_usage_error ("check", _("Give one TARGET or --demo, not more."));
  if (!use_demo && argc < 2)
    return pf_cli_usage_error ("check", _("No database given: pass a TARGET or --demo."));

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

  if (format == FORMAT_JSON)
    {
      g_autoptr(JsonNode) root = pf_report_to_json_node (report);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *json = NULL;

      if (checklist != NULL)
        json_object_set_member (json_node_get_object (root), "checklist",
                                pf_checklist_run_to_report_json_node (checklist));
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      json = json_generator_to_data (generator, NULL);
      contents = g_strconcat (json, "\n", NULL);
    }
  else
    contents = format_text (report, checklist, output_path == NULL && use_bold ());

  if (output_path != NULL)
    {
      if (!write_output (output_path, contents, &error))
        {
          pf_cli_printerr ("%s", error->message);
          return PF_CLI_EXIT_FAILURE;
        }
    }
  else if (format == FORMAT_JSON)
    {
      /* JSON is UTF-8 whatever the locale, so bypass g_print()'s conversion. */
      fputs (contents, stdout);
      fflush (stdout);
    }
  else
    g_print ("%s", contents);

  pf_database_close (database);

  return exit_status (report, fail_on, cancellable);
}

const PfCliCommand pf_cli_check_command = {
  .name = "check",
  .summary = N_("Check whether a database is ready for its migration"),
  .run = pf_cli_check_run,
};
