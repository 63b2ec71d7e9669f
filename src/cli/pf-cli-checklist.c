/* pf-cli-checklist.c — preflight-cli checklist: run the automatic items, show every item
 *
 * What it writes: only the automatic items' results (and the row counts the
 * "row-counts" item records) into the connection's current checklist run,
 * the same file the app keeps its progress in. Manual items, sign-offs and
 * backups are never changed. When the connection has no run yet, one is
 * started from --template (or the default template). When --template names
 * another template than the saved run's, that template is run fresh and
 * nothing is saved. --no-save writes nothing at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-cli-checklist"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "pf-checklist-checks.h"
#include "pf-checklist-store.h"
#include "pf-checklist-templates.h"
#include "pf-cli-checklist.h"
#include "pf-cli-target.h"
#include "pf-demo.h"
#include "pf-words.h"

/* ----------------------------------------------------------- store -- */

static char *
dup_key (PfDatabase          *database,
         PfConnectionProfile *saved)
{
  return pf_checklist_store_dup_key (saved != NULL ? saved : pf_database_get_profile (database),
                                     saved != NULL);
}

static PfChecklistRun *
load_run (PfChecklistStore *store,
          const char       *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_to = NULL;
  PfChecklistRun *run;

  run = pf_checklist_store_load (store, key, &moved_to, &error);
  if (moved_to != NULL)
    {
      g_autofree char *name = g_filename_display_name (moved_to);

      pf_cli_printerr (_("The saved checklist progress could not be read and was moved to “%s”."), name);
    }
  if (error != NULL)
    pf_cli_printerr ("%s", error->message);

  return run;
}

PfChecklistRun *
pf_cli_checklist_load_saved_run (PfDatabase          *database,
                                 PfConnectionProfile *saved)
{
  g_autoptr(PfChecklistStore) store = pf_checklist_store_new (NULL);
  g_autofree char *key = dup_key (database, saved);
  g_autofree char *basename = g_strconcat (key, ".json", NULL);
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "preflight", "checklists",
                                            basename, NULL);

  /* No checklist was ever saved for it (pf-checklist-store.h names the
   * file): nothing to say, even when the config folder is unusable */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  return load_run (store, key);
}

char *
pf_cli_checklist_dup_summary (PfChecklistRun *run)
{
  PfChecklistTemplate *template = pf_checklist_run_get_template (run);
  guint n_items = pf_checklist_run_get_n_items (run);
  guint n_settled = pf_checklist_run_get_n_settled (run);
  guint n_blocking = pf_checklist_run_get_n_blocking (run);
  g_autofree char *settled = NULL;

  /* TRANSLATORS: "5 of 12 items settled" */
  settled = g_strdup_printf (ngettext ("%u of %u item settled", "%u of %u items settled", n_items),
                             n_settled, n_items);

  if (n_blocking == 0)
    /* TRANSLATORS: Checklist “Routine schema migration”: 12 of 12 items settled, nothing required is open */
    return g_strdup_printf (_("Checklist “%s”: %s, nothing required is open"),
                            pf_checklist_template_get_title (template), settled);

  /* TRANSLATORS: Checklist “Routine schema migration”: 5 of 12 items settled, 3 required items open */
  return g_strdup_printf (ngettext ("Checklist “%s”: %s, %u required item open",
                                    "Checklist “%s”: %s, %u required items open", n_blocking),
                          pf_checklist_template_get_title (template), settled, n_blocking);
}

/* ------------------------------------------------------------ text -- */

static gboolean
use_bold (void)
{
  const char *term = g_getenv ("TERM");

  return isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL &&
         term != NULL && !g_str_equal (term, "dumb");
}

static void
append_entry (GString          *out,
              PfChecklistEntry *entry)
{
  PfChecklistItem *item = pf_checklist_entry_get_item (entry);
  PfChecklistItemKind kind = pf_checklist_item_get_kind (item);
  PfChecklistState state = pf_checklist_entry_get_state (entry);
  const char * const *details = pf_checklist_entry_get_details (entry);
  g_autofree char *title = pf_cli_display_text (pf_checklist_item_get_title (item));
  g_autofree char *label = g_strdup_printf ("[%s]", pf_checklist_state_to_label (state, kind));
  g_autofree char *when = pf_words_dup_local_date_time (pf_checklist_entry_get_when (entry));
  const char *kind_text;

  if (kind == PF_CHECKLIST_ITEM_AUTOMATIC && !pf_checklist_entry_get_manual_fallback (entry))
    kind_text = pf_checklist_item_get_required (item) ? _("automatic, required") : _("automatic, optional");
  else if (kind == PF_CHECKLIST_ITEM_AUTOMATIC)
    kind_text = pf_checklist_item_get_required (item) ? _("a person must tick it, required")
                                                      : _("a person must tick it, optional");
  else
    kind_text = pf_checklist_item_get_required (item) ? _("manual, required") : _("manual, optional");

  g_string_append_printf (out, "  %-18s %s (%s)\n", label, title, kind_text);

  if (pf_checklist_entry_get_evidence (entry) != NULL)
    {
      g_autofree char *evidence = pf_cli_display_text (pf_checklist_entry_get_evidence (entry));

      g_string_append_printf (out, "  %-18s %s\n", "", evidence);
    }
  for (guint i = 0; details != NULL && details[i] != NULL; i++)
    {
      g_autofree char *detail = pf_cli_display_text (details[i]);

      g_string_append_printf (out, "  %-18s   %s\n", "", detail);
    }

  if (pf_checklist_entry_get_who (entry) != NULL)
    {
      g_autofree char *who = pf_cli_display_text (pf_checklist_entry_get_who (entry));
      g_autofree char *line = NULL;

      if (when != NULL)
        /* TRANSLATORS: "Ticked by Anna Kowalska on 21 November 2026, 10:02" */
        line = g_strdup_printf (_("Ticked by %s on %s"), who, when);
      else
        /* TRANSLATORS: "Ticked by Anna Kowalska" */
        line = g_strdup_printf (_("Ticked by %s"), who);
      g_string_append_printf (out, "  %-18s %s\n", "", line);
    }
  if (pf_checklist_entry_get_note (entry) != NULL && *pf_checklist_entry_get_note (entry) != '\0')
    {
      g_autofree char *note = pf_cli_display_text (pf_checklist_entry_get_note (entry));

      /* TRANSLATORS: a note a person wrote when ticking an item */
      g_string_append_printf (out, "  %-18s %s %s\n", "", _("Note:"), note);
    }
}

static char *
format_text (PfChecklistRun *run,
             gboolean        bold)
{
  PfChecklistTemplate *template = pf_checklist_run_get_template (run);
  GListModel *steps = pf_checklist_template_get_steps (template);
  guint n_steps = g_list_model_get_n_items (steps);
  guint n_blocking = pf_checklist_run_get_n_blocking (run);
  g_autofree char *verdict = NULL;
  g_autofree char *summary = pf_cli_checklist_dup_summary (run);
  GString *out = g_string_new (NULL);

  if (n_blocking == 0)
    verdict = g_strdup (_("READY: every required item is done"));
  else
    verdict = g_strdup_printf (ngettext ("NOT READY: %u required item is not done",
                                         "NOT READY: %u required items are not done", n_blocking),
                               n_blocking);

  if (bold)
    g_string_append_printf (out, "\033[1m%s\033[0m\n", verdict);
  else
    g_string_append_printf (out, "%s\n", verdict);
  g_string_append_printf (out, "%s\n", summary);

  for (guint s = 0; s < n_steps; s++)
    {
      g_autoptr(PfChecklistStep) step = g_list_model_get_item (steps, s);
      GListModel *entries = pf_checklist_run_get_step_entries (run, s);
      g_autofree char *step_title = pf_cli_display_text (pf_checklist_step_get_title (step));

      /* TRANSLATORS: "Step 3 of 9: Back up" */
      g_string_append_printf (out, "\n");
      g_string_append_printf (out, _("Step %u of %u: %s"), s + 1, n_steps, step_title);
      g_string_append_c (out, '\n');

      for (guint i = 0; entries != NULL && i < g_list_model_get_n_items (entries); i++)
        {
          g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (entries, i);

          append_entry (out, entry);
        }
    }

  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------- command -- */

static int
pf_cli_checklist_run (int           argc,
                      char        **argv,
                      GCancellable *cancellable)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PfConnectionProfile) saved = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfChecklistTemplates) templates = NULL;
  g_autoptr(PfChecklistTemplate) template = NULL;
  g_autoptr(PfChecklistStore) store = NULL;
  g_autoptr(PfChecklistRun) run = NULL;
  g_autoptr(PfChecklistChecks) checks = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *template_id = NULL;
  g_autofree char *project_dir = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *key = NULL;
  gboolean json;
  gboolean use_demo = FALSE;
  gboolean no_save = FALSE;
  gboolean save;
  gboolean start;
  const GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_id,
      N_("Use the checklist template ID when the connection has no checklist yet "
         "(default: routine-migration)"), N_("ID") },
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &project_dir,
      N_("Read the pending migrations from the Django project in DIR"), N_("DIR") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text (the default) or json"), N_("FORMAT") },
    { "no-save", 0, 0, G_OPTION_ARG_NONE, &no_save,
      N_("Do not save the results in the connection’s checklist progress"), NULL },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &use_demo,
      N_("Use the bundled demo database and its project instead of a TARGET"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("TARGET"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  summary = g_strdup_printf ("%s\n\n%s\n\n%s\n\n%s",
                             _("Run the automatic items of the go-live checklist (connection, integrity, "
                               "migrations, disk space, sessions, backups, row counts…) and show every "
                               "item: the automatic ones with their evidence, the manual ones as they "
                               "were ticked in the app."),
                             _("The checklist is the connection’s current one, as saved by the app; "
                               "without one, a new checklist of --template (or routine-migration) is "
                               "started. Only the automatic items’ results and the row counts they "
                               "record are saved to it; manual items, backups and sign-offs are never "
                               "changed. A --template other than the current checklist’s is run fresh "
                               "and not saved; --no-save saves nothing."),
                             pf_cli_target_help (),
                             _("Exit status: 0 when every required item is done (or does not apply), "
                               "1 when a required item is open or failed, 2 when the checklist or one "
                               "of its automatic items could not be run, 130 when interrupted."));
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("checklist", "%s", error->message);

  if (!pf_cli_parse_text_or_json ("checklist", format_name, &json))
    return PF_CLI_EXIT_FAILURE;

  if (!pf_cli_check_one_target ("checklist", argc, use_demo))
    return PF_CLI_EXIT_FAILURE;

  /* An unknown template is a usage mistake, found before connecting */
  templates = pf_checklist_templates_new (NULL);
  if (!pf_checklist_templates_load (templates, NULL, &error))
    return pf_cli_report_error (error, cancellable);
  if (template_id != NULL)
    {
      PfChecklistTemplate *found = pf_checklist_templates_find (templates, template_id);

      if (found == NULL)
        {
          g_autoptr(GString) ids = g_string_new (NULL);

          for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (templates)); i++)
            {
              g_autoptr(PfChecklistTemplate) t = g_list_model_get_item (G_LIST_MODEL (templates), i);

              g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", pf_checklist_template_get_id (t));
            }
          return pf_cli_usage_error ("checklist", _("Unknown template “%s”: use one of %s."),
                                     template_id, ids->str);
        }
      template = g_object_ref (found);
    }

  database = pf_cli_open_target_full (use_demo ? NULL : argv[1], use_demo, &saved,
                                      cancellable, &error);
  if (database == NULL)
    return pf_cli_report_error (error, cancellable);
  if (saved != NULL && project_dir == NULL)
    project_dir = g_strdup (pf_connection_profile_get_project_dir (saved));
  if (use_demo && project_dir == NULL)
    {
      project_dir = pf_demo_ensure_project (cancellable, &error);
      if (project_dir == NULL)
        return pf_cli_report_error (error, cancellable);
    }
  if (project_dir != NULL && !g_file_test (project_dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_filename_display_name (project_dir);

      pf_cli_printerr (_("Could not read the project “%s”: there is no such folder."), name);
      return PF_CLI_EXIT_FAILURE;
    }

  /* The connection's current checklist, or a new one */
  store = pf_checklist_store_new (NULL);
  key = dup_key (database, saved);
  run = load_run (store, key);
  save = !no_save;
  start = FALSE;
  if (run != NULL && template != NULL &&
      g_strcmp0 (pf_checklist_template_get_id (pf_checklist_run_get_template (run)),
                 pf_checklist_template_get_id (template)) != 0)
    {
      pf_cli_printerr (_("This connection’s current checklist uses the template “%s”; the results of “%s” "
                         "are shown but not saved."),
                       pf_checklist_template_get_id (pf_checklist_run_get_template (run)),
                       pf_checklist_template_get_id (template));
      g_clear_object (&run);
      save = FALSE;
    }
  if (run == NULL)
    {
      if (template == NULL)
        template = pf_checklist_templates_dup_default ();
      run = pf_checklist_run_new (template);
      start = save;
    }

  pf_database_introspect_async (database, cancellable, pf_cli_store_result_cb, &result);
  pf_cli_wait (&result);
  schema = pf_database_introspect_finish (database, result, &error);
  if (schema == NULL)
    return pf_cli_report_error (error, cancellable);
  g_clear_object (&result);

  checks = pf_checklist_checks_new (database, schema, run);
  pf_checklist_checks_set_profile (checks, saved != NULL ? saved : pf_database_get_profile (database));
  pf_checklist_checks_set_project_dir (checks, project_dir);
  pf_checklist_checks_run_async (checks, NULL, cancellable, pf_cli_store_result_cb, &result);
  pf_cli_wait (&result);
  if (!pf_checklist_checks_run_finish (checks, result, &error))
    return pf_cli_report_error (error, cancellable);

  pf_database_close (database);

  if (g_cancellable_is_cancelled (cancellable))
    return pf_cli_report_cancelled ();

  if (save && !(start ? pf_checklist_store_start (store, key, run, &error)
                      : pf_checklist_store_save (store, key, run, &error)))
    {
      pf_cli_printerr (_("Could not save the checklist progress: %s"), error->message);
      return PF_CLI_EXIT_FAILURE;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *generated_at = g_date_time_format_iso8601 (now);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "schema");
      json_builder_add_string_value (builder, "preflight-checklist/1");
      json_builder_set_member_name (builder, "generated_at");
      json_builder_add_string_value (builder, generated_at);
      json_builder_set_member_name (builder, "target");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, pf_database_get_kind (database) == PF_DATABASE_KIND_POSTGRESQL
                                              ? "postgresql" : "sqlite");
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, saved != NULL ? pf_connection_profile_get_name (saved)
                                                            : pf_database_get_name (database));
      json_builder_set_member_name (builder, "database");
      json_builder_add_string_value (builder, pf_database_get_location (database));
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "saved");
      json_builder_add_boolean_value (builder, save);
      json_builder_set_member_name (builder, "checklist");
      json_builder_add_value (builder, pf_checklist_run_to_report_json_node (run));
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      pf_cli_print_json (root);
    }
  else
    {
      g_autofree char *text = format_text (run, use_bold ());

      g_print ("%s", text);
    }

  /* DESIGN.md: 2 when a check could not run, whatever else was found */
  if (pf_checklist_checks_get_n_not_run (checks) > 0)
    {
      pf_cli_printerr (ngettext ("%u automatic item could not be checked: see its evidence above.",
                                 "%u automatic items could not be checked: see their evidence above.",
                                 pf_checklist_checks_get_n_not_run (checks)),
                       pf_checklist_checks_get_n_not_run (checks));
      return PF_CLI_EXIT_FAILURE;
    }

  return pf_checklist_run_get_n_blocking (run) > 0 ? PF_CLI_EXIT_FINDINGS : PF_CLI_EXIT_OK;
}

const PfCliCommand pf_cli_checklist_command = {
  .name = "checklist",
  .summary = N_("Run the checklist’s automatic items and show every item"),
  .run = pf_cli_checklist_run,
};
