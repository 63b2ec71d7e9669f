/* pf-cli-migrations.c — preflight-cli migrations: what is applied, what will run, what will go wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-cli-migrations"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "pf-cli-migrations.h"
#include "pf-cli-target.h"
#include "pf-engine.h"

PfMigrationAnalysis *
pf_cli_run_migration_analysis (PfDatabase    *database,
                               PfSchema      *schema,
                               const char    *project_dir,
                               const char    *settings_path,
                               gboolean       use_demo,
                               PfReport      *integrity,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *demo_project = NULL;

  if (project_dir == NULL && use_demo)
    {
      demo_project = pf_demo_ensure_project (cancellable, error);
      if (demo_project == NULL)
        return NULL;
      project_dir = demo_project;
    }

  /* A folder that is not there is a usage mistake worth naming plainly */
  if (project_dir != NULL && !g_file_test (project_dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_filename_display_name (project_dir);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Could not read the project “%s”: there is no such folder."), name);
      return NULL;
    }

  pf_migration_analysis_run_async (database, schema, project_dir, settings_path, integrity,
                                   cancellable, pf_cli_store_result_cb, &result);
  pf_cli_wait (&result);

  return pf_migration_analysis_run_finish (result, error);
}

/* ---------------------------------------------------------- text -- */

static const char *
severity_label (PfSeverity severity)
{
  switch (severity)
    {
    case PF_SEVERITY_BLOCKER:
      /* TRANSLATORS: a severity label in front of a problem, keep it short */
      return _("blocker");
    case PF_SEVERITY_WARNING:
      /* TRANSLATORS: a severity label in front of a problem, keep it short */
      return _("warning");
    case PF_SEVERITY_INFO:
    default:
      /* TRANSLATORS: a severity label in front of a problem, keep it short */
      return _("info");
    }
}

static void
append_problem (GString            *out,
                PfMigrationProblem *problem,
                const char         *indent)
{
  g_autofree char *title = pf_cli_display_text (pf_migration_problem_get_title (problem));
  g_autofree char *explanation = pf_cli_display_text (pf_migration_problem_get_explanation (problem));
  g_autofree char *fix = pf_cli_display_text (pf_migration_problem_get_fix (problem));

  g_string_append_printf (out, "%s[%s] %s\n", indent,
                          severity_label (pf_migration_problem_get_severity (problem)),
                          title != NULL && *title != '\0' ? title : pf_migration_problem_get_kind (problem));
  if (explanation != NULL && *explanation != '\0')
    g_string_append_printf (out, "%s    %s\n", indent, explanation);
  if (fix != NULL && *fix != '\0')
    /* TRANSLATORS: "Fix: python manage.py makemigrations --merge" */
    g_string_append_printf (out, "%s    %s %s\n", indent, _("Fix:"), fix);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Every app the history or the project knows, sorted */
static GPtrArray *
collect_apps (PfMigrationAnalysis *analysis,
              PfMigrationHistory  *django)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *apps = g_ptr_array_new ();
  PfMigrationSource *source = pf_migration_analysis_get_source (analysis);

  if (django != NULL)
    {
      GPtrArray *records = pf_migration_history_get_records (django);

      for (guint i = 0; i < records->len; i++)
        {
          PfMigrationRecord *record = g_ptr_array_index (records, i);

          if (record->app != NULL && g_hash_table_add (seen, record->app))
            g_ptr_array_add (apps, record->app);
        }
    }

  if (source != NULL)
    {
      GPtrArray *migrations = pf_migration_source_get_migrations (source);

      for (guint i = 0; i < migrations->len; i++)
        {
          const char *app = pf_migration_get_app (g_ptr_array_index (migrations, i));

          if (g_hash_table_add (seen, (gpointer) app))
            g_ptr_array_add (apps, (gpointer) app);
        }
    }

  /* Apps whose migrations Django would not load (missing __init__.py) */
  if (source != NULL)
    {
      g_auto(GStrv) folders = pf_migration_source_dup_apps (source);

      for (guint i = 0; folders[i] != NULL; i++)
        if (!g_hash_table_contains (seen, folders[i]))
          {
            g_hash_table_add (seen, folders[i]);
            g_ptr_array_add (apps, (gpointer) g_intern_string (folders[i]));
          }
    }

  g_ptr_array_sort (apps, compare_strings);

  return apps;
}

static void
append_app (GString             *out,
            PfMigrationAnalysis *analysis,
            PfMigrationHistory  *django,
            const char          *app)
{
  PfMigrationSource *source = pf_migration_analysis_get_source (analysis);
  PfMigrationGraph *graph = pf_migration_analysis_get_graph (analysis);
  GPtrArray *problems = pf_migration_analysis_get_problems (analysis);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *display_app = pf_cli_display_text (app);

  /* The project's migrations (what showmigrations lists), then history
   * rows without a file, which showmigrations leaves out */
  if (source != NULL)
    {
      GPtrArray *migrations = pf_migration_source_get_migrations (source);

      for (guint i = 0; i < migrations->len; i++)
        {
          PfMigration *migration = g_ptr_array_index (migrations, i);

          if (g_str_equal (pf_migration_get_app (migration), app))
            g_ptr_array_add (names, g_strdup (pf_migration_get_name (migration)));
        }
    }
  if (django != NULL)
    {
      GPtrArray *records = pf_migration_history_get_records (django);

      for (guint i = 0; i < records->len; i++)
        {
          PfMigrationRecord *record = g_ptr_array_index (records, i);

          if (g_strcmp0 (record->app, app) != 0 ||
              (source != NULL && pf_migration_source_lookup (source, app, record->name) != NULL))
            continue;
          g_ptr_array_add (names, g_strdup (record->name));
        }
    }
  g_ptr_array_sort (names, compare_strings);

  g_string_append_printf (out, "%s\n", display_app);
  if (names->len == 0)
    g_string_append_printf (out, " %s\n", _("(no migrations)"));

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *display = pf_cli_display_text (name);
      PfMigration *migration = source != NULL ? pf_migration_source_lookup (source, app, name) : NULL;
      gboolean applied;

      if (!g_hash_table_add (seen, (gpointer) name))
        continue;

      if (migration != NULL && graph != NULL)
        applied = pf_migration_graph_is_applied (graph, migration);
      else
        applied = django != NULL && pf_migration_history_contains (django, app, name);

      g_string_append_printf (out, " [%s] %s\n", applied ? "X" : " ", display);
    }

  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (pf_migration_problem_get_app (problem), app) == 0)
        append_problem (out, problem, "   ");
    }
}

static char *
format_text (PfMigrationAnalysis *analysis)
{
  GString *out = g_string_new (NULL);
  GPtrArray *histories = pf_migration_analysis_get_histories (analysis);
  GPtrArray *problems = pf_migration_analysis_get_problems (analysis);
  PfMigrationGraph *graph = pf_migration_analysis_get_graph (analysis);
  PfMigrationHistory *django = NULL;
  g_autoptr(GPtrArray) apps = NULL;
  guint n_blockers = pf_migration_analysis_count (analysis, PF_SEVERITY_BLOCKER);
  guint n_warnings = pf_migration_analysis_count (analysis, PF_SEVERITY_WARNING);
  gboolean history_level = FALSE;

  for (guint i = 0; i < histories->len && django == NULL; i++)
    if (pf_migration_history_get_framework (g_ptr_array_index (histories, i)) == PF_MIGRATION_FRAMEWORK_DJANGO)
      django = g_ptr_array_index (histories, i);

  /* The one line a manager needs first */
  if (n_blockers > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                              "NO-GO: %u migration problem blocks this migration",
                                              "NO-GO: %u migration problems block this migration",
                                              n_blockers), n_blockers);
  else if (n_warnings > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                              "GO WITH WARNINGS: %u migration problem needs a look",
                                              "GO WITH WARNINGS: %u migration problems need a look",
                                              n_warnings), n_warnings);
  else
    g_string_append (out, _("GO: nothing found in the migrations that blocks this migration"));
  g_string_append (out, "\n\n");

  if (django == NULL && pf_migration_analysis_get_source (analysis) == NULL)
    g_string_append_printf (out, "%s\n", _("No Django migration history (django_migrations) in this database."));

  apps = collect_apps (analysis, django);
  for (guint i = 0; i < apps->len; i++)
    append_app (out, analysis, django, g_ptr_array_index (apps, i));

  if (graph != NULL)
    {
      GPtrArray *pending = pf_migration_graph_get_pending (graph);

      g_string_append_printf (out, "\n%s\n", _("Pending plan (in order):"));
      if (pending->len == 0)
        g_string_append_printf (out, "  %s\n", _("Nothing to apply."));
      for (guint i = 0; i < pending->len; i++)
        {
          PfMigration *migration = g_ptr_array_index (pending, i);
          g_autofree char *app = pf_cli_display_text (pf_migration_get_app (migration));
          g_autofree char *name = pf_cli_display_text (pf_migration_get_name (migration));
          g_autofree char *plain = pf_migration_dup_summary (migration);
          g_autofree char *summary = pf_cli_display_text (plain);

          g_string_append_printf (out, "  %u. %s.%s — %s\n", i + 1, app, name, summary);
        }
    }
  else
    g_string_append_printf (out, "\n%s\n", _("No project given (--project DIR): only the history was read."));

  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);
      const char *app = pf_migration_problem_get_app (problem);

      if (app != NULL && g_ptr_array_find_with_equal_func (apps, app, g_str_equal, NULL))
        continue;
      if (!history_level)
        {
          g_string_append_printf (out, "\n%s\n", _("History:"));
          history_level = TRUE;
        }
      append_problem (out, problem, " ");
    }

  /* Other frameworks' histories, briefly: their problems are listed above */
  for (guint i = 0; i < histories->len; i++)
    {
      PfMigrationHistory *history = g_ptr_array_index (histories, i);
      PfMigrationFramework framework = pf_migration_history_get_framework (history);
      GPtrArray *records = pf_migration_history_get_records (history);
      g_autofree char *table = pf_cli_display_text (pf_migration_history_get_table (history));

      if (history == django)
        continue;

      g_string_append_printf (out, "\n%s (%s)\n", pf_migration_framework_get_display_name (framework), table);
      for (guint j = 0; j < records->len; j++)
        {
          PfMigrationRecord *record = g_ptr_array_index (records, j);
          g_autofree char *name = pf_cli_display_text (record->name);
          g_autofree char *when = record->applied_at != NULL
                                  ? g_date_time_format (record->applied_at, "%Y-%m-%d %H:%M")
                                  : g_strdup ("");

          g_string_append_printf (out, " [%s] %s  %s  %s\n",
                                  record->state == PF_MIGRATION_STATE_APPLIED ? "X" : "!",
                                  name, pf_migration_state_to_string (record->state), when);
        }
    }

  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------- command -- */

static int
pf_cli_migrations_run (int           argc,
                       char        **argv,
                       GCancellable *cancellable)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PfConnectionProfile) saved = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfMigrationAnalysis) analysis = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *project_dir = NULL;
  g_autofree char *settings_path = NULL;
  g_autofree char *summary = NULL;
  gboolean json;
  gboolean use_demo = FALSE;
  const GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &project_dir,
      N_("Read the Django project in DIR (its <app>/migrations folders)"), N_("DIR") },
    { "settings", 's', 0, G_OPTION_ARG_FILENAME, &settings_path,
      N_("Read AUTH_USER_MODEL from FILE instead of the project’s settings.py"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text (the default) or json"), N_("FORMAT") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &use_demo,
      N_("Use the bundled demo database and its project instead of a TARGET"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("TARGET"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  summary = g_strdup_printf ("%s\n\n%s\n\n%s",
                             _("Show which Django migrations the database has applied, which will run "
                               "and in what order, and what will go wrong: conflicts, drift, migrations "
                               "that will fail on this data and risky operations."),
                             pf_cli_target_help (),
                             _("Exit status: 0 when nothing blocks the migration, 1 when something "
                               "does, 2 when the analysis could not be done, 130 when interrupted."));
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("migrations", "%s", error->message);

  if (!pf_cli_parse_text_or_json ("migrations", format_name, &json))
    return PF_CLI_EXIT_FAILURE;

  if (!pf_cli_check_one_target ("migrations", argc, use_demo))
    return PF_CLI_EXIT_FAILURE;

  database = pf_cli_open_target_full (use_demo ? NULL : argv[1], use_demo, &saved,
                                      cancellable, &error);
  if (database == NULL)
    return pf_cli_report_error (error, cancellable);
  /* A saved connection brings its project folder; --project wins */
  if (saved != NULL && project_dir == NULL)
    project_dir = g_strdup (pf_connection_profile_get_project_dir (saved));

  pf_database_introspect_async (database, cancellable, pf_cli_store_result_cb, &result);
  pf_cli_wait (&result);
  schema = pf_database_introspect_finish (database, result, &error);
  if (schema == NULL)
    return pf_cli_report_error (error, cancellable);

  analysis = pf_cli_run_migration_analysis (database, schema, project_dir, settings_path,
                                            use_demo, NULL, cancellable, &error);
  pf_database_close (database);
  if (analysis == NULL)
    return pf_cli_report_error (error, cancellable);

  if (g_cancellable_is_cancelled (cancellable))
    return pf_cli_report_cancelled ();

  if (json)
    {
      g_autoptr(JsonNode) root = pf_migration_analysis_to_json_node (analysis);

      pf_cli_print_json (root);
    }
  else
    {
      g_autofree char *text = format_text (analysis);

      g_print ("%s", text);
    }

  return pf_migration_analysis_count (analysis, PF_SEVERITY_BLOCKER) > 0
         ? PF_CLI_EXIT_FINDINGS : PF_CLI_EXIT_OK;
}

const PfCliCommand pf_cli_migrations_command = {
  .name = "migrations",
  .summary = N_("Show applied and pending migrations and what will go wrong"),
  .run = pf_cli_migrations_run,
};
