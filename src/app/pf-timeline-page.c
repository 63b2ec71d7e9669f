/* pf-timeline-page.c — the migrations: what will run next, what ran before
 *
 * A banner with the problems of the history as a whole, the pending plan
 * (Next deployment) with Will fail and Risky badges, and the applied
 * migrations grouped into deployments, newest first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-timeline-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pf-timeline-page.h"

struct _PfTimelinePage
{
  GtkWidget            parent_instance;

  PfDatabase          *database;
  PfSchema            *schema;
  char                *project_dir;

  GCancellable        *cancellable;
  PfMigrationAnalysis *analysis;
  gboolean             loading;
  gboolean             project_missing;

  /* Template widgets */
  GtkWidget           *root_box;
  GtkLabel            *status_label;
  GtkStack            *main_stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_status;
  GtkWidget           *banner_box;
  GtkLabel            *banner_label;
  GtkListBox          *banner_list;
  GtkWidget           *next_box;
  GtkLabel            *next_summary_label;
  GtkListBox          *pending_list;
  AdwStatusPage       *no_project_status;
  GtkLabel            *history_summary_label;
  GtkListBox          *history_list;
};

G_DEFINE_FINAL_TYPE (PfTimelinePage, pf_timeline_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------- */

static void
remove_all_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

/* Whether @problem concerns the migration @name of @app */
static gboolean
problem_names (PfMigrationProblem *problem,
               const char         *app,
               const char         *name)
{
  const char * const *migrations = pf_migration_problem_get_migrations (problem);
  const char *problem_app = pf_migration_problem_get_app (problem);

  for (guint i = 0; migrations != NULL && migrations[i] != NULL; i++)
    {
      const char *dot;

      if (problem_app != NULL && g_strcmp0 (problem_app, app) == 0 &&
          g_str_equal (migrations[i], name))
        return TRUE;

      /* "app.name" when the problem spans apps */
      dot = strchr (migrations[i], '.');
      if (app != NULL && dot != NULL &&
          (gsize) (dot - migrations[i]) == strlen (app) &&
          strncmp (migrations[i], app, dot - migrations[i]) == 0 &&
          g_str_equal (dot + 1, name))
        return TRUE;
    }

  return FALSE;
}

static gboolean
kind_is (PfMigrationProblem *problem,
         const char         *kind)
{
  return g_strcmp0 (pf_migration_problem_get_kind (problem), kind) == 0;
}

static gboolean
is_drift (PfMigrationProblem *problem)
{
  return kind_is (problem, PF_MIGRATION_PROBLEM_MISSING_TABLE) ||
         kind_is (problem, PF_MIGRATION_PROBLEM_MISSING_COLUMN);
}

/* Problems shown next to a migration, not in the banner */
static gboolean
is_per_migration (PfMigrationProblem *problem)
{
  return kind_is (problem, PF_MIGRATION_PROBLEM_WILL_FAIL) ||
         kind_is (problem, PF_MIGRATION_PROBLEM_RISKY_OPERATION) ||
         kind_is (problem, PF_MIGRATION_PROBLEM_PROBABLY_FAKED);
}

/* A word on a tinted pill, with the reason for screen readers and as a
 * tooltip, so the colour is never the only signal */
static GtkWidget *
make_badge (const char *text,
            const char *style,
            const char *description)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "pf-badge");
  gtk_widget_add_css_class (badge, style);
  gtk_widget_add_css_class (badge, "caption");
  if (description != NULL)
    {
      gtk_widget_set_tooltip_text (badge, description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (badge),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }

  return badge;
}

/* "title. title." of every problem of @kind naming the migration */
static char *
dup_reasons (GPtrArray  *problems,
             const char *kind,
             const char *app,
             const char *name)
{
  GString *reasons = NULL;

  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);

      if (!kind_is (problem, kind) || !problem_names (problem, app, name))
        continue;

      if (reasons == NULL)
        reasons = g_string_new (NULL);
      else
        g_string_append (reasons, "\n");
      g_string_append (reasons, pf_migration_problem_get_title (problem));
    }

  return reasons != NULL ? g_string_free (reasons, FALSE) : NULL;
}

static GtkWidget *
make_label (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

/* ---- the banner ------------------------------------------------------------ */

/* A problem of the history as a whole: its title, expanding to the plain
 * explanation and the technical fix */
static GtkWidget *
make_problem_row (PfMigrationProblem *problem)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *detail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *detail_row = gtk_list_box_row_new ();
  GtkWidget *icon;
  PfSeverity severity = pf_migration_problem_get_severity (problem);
  const char *title = pf_migration_problem_get_title (problem);
  const char *explanation = pf_migration_problem_get_explanation (problem);
  const char *fix = pf_migration_problem_get_fix (problem);
  const char *severity_text = severity == PF_SEVERITY_BLOCKER ? _("Blocker")
                              : severity == PF_SEVERITY_WARNING ? _("Warning")
                              : _("Information");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                 title != NULL && *title != '\0' ? title : pf_migration_problem_get_kind (problem));
  g_object_set_data_full (G_OBJECT (expander), "pf-kind",
                          g_strdup (pf_migration_problem_get_kind (problem)), g_free);
  gtk_widget_add_css_class (expander, severity == PF_SEVERITY_BLOCKER ? "pf-problem-blocker"
                                      : severity == PF_SEVERITY_WARNING ? "pf-problem-warning"
                                      : "pf-problem-info");

  icon = gtk_image_new_from_icon_name (severity == PF_SEVERITY_INFO ? "dialog-information-symbolic"
                                       : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, "pf-problem-icon");
  gtk_widget_set_tooltip_text (icon, severity_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, severity_text,
                                  -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander), icon);

  gtk_widget_set_margin_top (detail, 12);
  gtk_widget_set_margin_bottom (detail, 12);
  gtk_widget_set_margin_start (detail, 12);
  gtk_widget_set_margin_end (detail, 12);
  if (explanation != NULL && *explanation != '\0')
    {
      GtkWidget *label = make_label (explanation, NULL);

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (detail), label);
    }
  if (fix != NULL && *fix != '\0')
    {
      GtkWidget *fix_label = make_label (fix, "monospace");

      gtk_label_set_selectable (GTK_LABEL (fix_label), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (fix_label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("How to fix it"),
                                      -1);
      gtk_box_append (GTK_BOX (detail), fix_label);
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (detail_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (detail_row), detail);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), detail_row);

  return expander;
}

static void
fill_banner (PfTimelinePage *self,
             GPtrArray      *problems)
{
  guint n = 0, n_blockers = 0;
  g_autofree char *heading = NULL;

  remove_all_children (GTK_WIDGET (self->banner_list));

  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);

      if (is_per_migration (problem))
        continue;

      gtk_list_box_append (self->banner_list, make_problem_row (problem));
      n++;
      n_blockers += pf_migration_problem_get_severity (problem) == PF_SEVERITY_BLOCKER;
    }

  if (n_blockers > 0)
    {
      g_autofree char *blocking =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u problem in the migrations blocks every deployment.",
                                      "%u problems in the migrations block every deployment.",
                                      n_blockers), n_blockers);

      if (n > n_blockers)
        {
          g_autofree char *more =
            /* TRANSLATORS: follows "6 problems in the migrations block every deployment." */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u more needs a look.",
                                          "%u more need a look.",
                                          n - n_blockers), n - n_blockers);

          heading = g_strdup_printf ("%s %s", blocking, more);
        }
      else
        heading = g_steal_pointer (&blocking);
    }
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u problem in the migrations needs a look.",
                                            "%u problems in the migrations need a look.",
                                            n), n);
  gtk_label_set_label (self->banner_label, heading);
  gtk_widget_set_visible (self->banner_box, n > 0);
}

/* ---- next deployment --------------------------------------------------------- */

static GtkWidget *
make_pending_row (PfMigration *migration,
                  guint        position,
                  GPtrArray   *problems,
                  gboolean    *will_fail,
                  gboolean    *risky)
{
  const char *app = pf_migration_get_app (migration);
  const char *name = pf_migration_get_name (migration);
  g_autofree char *summary = pf_migration_dup_summary (migration);
  g_autofree char *title = g_strdup_printf ("%s · %s", app, name);
  g_autofree char *number = g_strdup_printf ("%u", position);
  g_autofree char *fail_reasons = dup_reasons (problems, PF_MIGRATION_PROBLEM_WILL_FAIL, app, name);
  g_autofree char *risk_reasons = dup_reasons (problems, PF_MIGRATION_PROBLEM_RISKY_OPERATION, app, name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *prefix = gtk_label_new (number);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  g_object_set_data_full (G_OBJECT (row), "pf-app", g_strdup (app), g_free);
  g_object_set_data_full (G_OBJECT (row), "pf-name", g_strdup (name), g_free);

  gtk_widget_add_css_class (prefix, "dim-label");
  gtk_widget_add_css_class (prefix, "pf-count");
  gtk_widget_set_size_request (prefix, 24, -1);
  /* TRANSLATORS: the position of a migration in the order they will run */
  gtk_accessible_update_property (GTK_ACCESSIBLE (prefix),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Position in the order of the run"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), prefix);

  *will_fail = fail_reasons != NULL;
  *risky = risk_reasons != NULL;

  if (fail_reasons != NULL)
    {
      /* TRANSLATORS: the accessible description of the red badge; %s is why */
      g_autofree char *description = g_strdup_printf (_("Will fail: %s"), fail_reasons);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_badge (_("Will fail"), "pf-badge-error", description));
    }
  if (risk_reasons != NULL)
    {
      /* TRANSLATORS: the accessible description of the amber badge; %s is why */
      g_autofree char *description = g_strdup_printf (_("Risky: %s"), risk_reasons);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_badge (_("Risky"), "pf-badge-warning", description));
    }

  return row;
}

static void
fill_pending (PfTimelinePage *self,
              GPtrArray      *problems)
{
  PfMigrationGraph *graph = pf_migration_analysis_get_graph (self->analysis);
  PfMigrationSource *source = pf_migration_analysis_get_source (self->analysis);
  GPtrArray *pending;
  guint n_fail = 0, n_risky = 0;
  GString *summary;

  remove_all_children (GTK_WIDGET (self->pending_list));

  if (source == NULL || graph == NULL)
    {
      gtk_widget_set_visible (self->next_box, FALSE);
      if (self->project_missing)
        {
          g_autofree char *name = g_filename_display_name (self->project_dir);
          g_autofree char *description =
            /* TRANSLATORS: %s is a folder */
            g_strdup_printf (_("The project folder “%s” is not there any more. Only the history stored in the database is shown. To set the folder that holds the project’s migrations, choose Edit… in the menu of the saved connection."),
                             name);

          adw_status_page_set_description (self->no_project_status, description);
        }
      else
        adw_status_page_set_description (self->no_project_status,
                                         _("Only the history stored in the database is shown. To set the folder that holds the project’s migrations, choose Edit… in the menu of the saved connection."));
      gtk_widget_set_visible (GTK_WIDGET (self->no_project_status), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->no_project_status), FALSE);
  gtk_widget_set_visible (self->next_box, TRUE);

  pending = pf_migration_graph_get_pending (graph);
  for (guint i = 0; i < pending->len; i++)
    {
      gboolean will_fail, risky;
      GtkWidget *row = make_pending_row (g_ptr_array_index (pending, i), i + 1, problems,
                                         &will_fail, &risky);

      gtk_list_box_append (self->pending_list, row);
      n_fail += will_fail;
      n_risky += risky;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->pending_list), pending->len > 0);

  summary = g_string_new (NULL);
  if (pending->len == 0)
    g_string_append (summary, _("Nothing will run: the database is up to date with the project."));
  else
    {
      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u migration will run",
                                           "%u migrations will run", pending->len),
                              pending->len);
      if (n_fail > 0)
        {
          g_string_append (summary, _("; "));
          g_string_append_printf (summary,
                                  /* TRANSLATORS: continues "3 migrations will run; " */
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u will fail",
                                               "%u will fail", n_fail),
                                  n_fail);
        }
      if (n_risky > 0)
        {
          g_string_append (summary, _("; "));
          g_string_append_printf (summary,
                                  /* TRANSLATORS: continues "3 migrations will run; 1 will fail; " */
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u is risky",
                                               "%u are risky", n_risky),
                                  n_risky);
        }
    }
  gtk_label_set_label (self->next_summary_label, summary->str);
  g_string_free (summary, TRUE);
}

/* ---- history ------------------------------------------------------------- */

static char *
format_local (GDateTime  *when,
              const char *format)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return NULL;

  local = g_date_time_to_local (when);
  return g_date_time_format (local, format);
}

static const char *
state_label (PfMigrationState state)
{
  switch (state)
    {
    case PF_MIGRATION_STATE_FAILED:
      return _("Failed");
    case PF_MIGRATION_STATE_DIRTY:
      return _("Dirty");
    case PF_MIGRATION_STATE_UNFINISHED:
      return _("Unfinished");
    case PF_MIGRATION_STATE_ROLLED_BACK:
      return _("Rolled back");
    case PF_MIGRATION_STATE_SKIPPED:
      return _("Skipped");
    case PF_MIGRATION_STATE_APPLIED:
    default:
      return NULL;
    }
}

static GtkWidget *
make_record_row (PfMigrationRecord *record,
                 GPtrArray         *problems)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = record->app != NULL
                           ? g_strdup_printf ("%s · %s", record->app, record->name)
                           : g_strdup (record->name);
  g_autofree char *time = format_local (record->applied_at, "%H:%M:%S");
  const char *state = state_label (record->state);
  GString *drift = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (time != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), time);
  g_object_set_data_full (G_OBJECT (row), "pf-app", g_strdup (record->app), g_free);
  g_object_set_data_full (G_OBJECT (row), "pf-name", g_strdup (record->name), g_free);

  if (record->app != NULL)
    for (guint i = 0; i < problems->len; i++)
      {
        PfMigrationProblem *problem = g_ptr_array_index (problems, i);

        if (!is_drift (problem) || !problem_names (problem, record->app, record->name))
          continue;
        if (drift == NULL)
          drift = g_string_new (NULL);
        else
          g_string_append (drift, "\n");
        g_string_append (drift, pf_migration_problem_get_title (problem));
      }

  if (drift != NULL)
    {
      /* TRANSLATORS: the accessible description of the Drift badge; %s is what is missing */
      g_autofree char *description = g_strdup_printf (_("Drift: %s"), drift->str);

      g_object_set_data (G_OBJECT (row), "pf-drift", GINT_TO_POINTER (TRUE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_badge (_("Drift"), "pf-badge-error", description));
      g_string_free (drift, TRUE);
    }

  if (state != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               make_badge (state,
                                           record->state == PF_MIGRATION_STATE_SKIPPED ||
                                           record->state == PF_MIGRATION_STATE_ROLLED_BACK
                                           ? "pf-badge-neutral" : "pf-badge-error",
                                           NULL));

  return row;
}

/* The probably-faked problem about @deployment, if any (it names the
 * migrations of that deployment) */
static PfMigrationProblem *
find_faked_problem (PfMigrationHistory *history,
                    PfDeployment       *deployment)
{
  GPtrArray *records = pf_migration_history_get_records (history);
  GPtrArray *problems = pf_migration_history_get_problems (history);
  PfMigrationRecord *first = g_ptr_array_index (records, deployment->first);

  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);

      if (kind_is (problem, PF_MIGRATION_PROBLEM_PROBABLY_FAKED) &&
          (first->app == NULL || problem_names (problem, first->app, first->name)))
        return problem;
    }

  return NULL;
}

static GtkWidget *
make_deployment_row (PfMigrationHistory *history,
                     PfDeployment       *deployment,
                     gboolean            show_framework,
                     GPtrArray          *problems)
{
  GPtrArray *records = pf_migration_history_get_records (history);
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *when = format_local (deployment->started_at, "%-d %B %Y, %H:%M");
  g_autofree char *title = NULL;
  GString *subtitle = g_string_new (NULL);

  if (when == NULL)
    when = g_strdup (_("Date not recorded"));
  if (show_framework)
    /* TRANSLATORS: "Flyway: 20 November 2023, 16:42" */
    title = g_strdup_printf (_("%s: %s"),
                             pf_migration_framework_get_display_name (pf_migration_history_get_framework (history)),
                             when);
  else
    title = g_steal_pointer (&when);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);

  g_string_append_printf (subtitle,
                          g_dngettext (GETTEXT_PACKAGE, "%u migration", "%u migrations",
                                       deployment->n_records),
                          deployment->n_records);

  if (deployment->probably_faked)
    {
      PfMigrationProblem *problem = find_faked_problem (history, deployment);
      GtkWidget *note = adw_action_row_new ();
      const char *explanation = problem != NULL ? pf_migration_problem_get_explanation (problem) : NULL;

      g_string_append (subtitle, _(" · probably recorded with --fake"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (note), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _("Probably recorded with --fake"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (note),
                                   explanation != NULL ? explanation
                                   : _("These migrations were recorded faster than migrations really run."));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (note), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (note),
                                 gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_widget_add_css_class (note, "pf-faked-note");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), note);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                                   make_badge (_("Faked?"), "pf-badge-warning",
                                               _("Probably recorded with --fake")));
    }

  /* After the note, which says why */
  for (guint i = deployment->first; i < deployment->first + deployment->n_records && i < records->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                              make_record_row (g_ptr_array_index (records, i), problems));

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle->str);
  g_string_free (subtitle, TRUE);

  return expander;
}

static void
fill_history (PfTimelinePage *self,
              GPtrArray      *problems)
{
  GPtrArray *histories = pf_migration_analysis_get_histories (self->analysis);
  guint n_records = 0, n_deployments = 0;
  g_autofree char *summary = NULL;

  remove_all_children (GTK_WIDGET (self->history_list));

  for (guint h = 0; h < histories->len; h++)
    {
      PfMigrationHistory *history = g_ptr_array_index (histories, h);
      GPtrArray *deployments = pf_migration_history_get_deployments (history);
      GPtrArray *records = pf_migration_history_get_records (history);

      n_records += records->len;
      n_deployments += deployments->len;

      /* Newest first */
      for (guint i = deployments->len; i > 0; i--)
        gtk_list_box_append (self->history_list,
                             make_deployment_row (history, g_ptr_array_index (deployments, i - 1),
                                                  histories->len > 1, problems));
    }

  if (histories->len == 0)
    summary = g_strdup (_("This database has no migration history."));
  else
    summary = g_strdup_printf (
      /* TRANSLATORS: "38 migrations applied in 5 deployments" (the second part follows) */
      g_dngettext (GETTEXT_PACKAGE, "%u migration applied", "%u migrations applied", n_records), n_records);
  if (histories->len > 0)
    {
      g_autofree char *deployments =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u deployment", "in %u deployments", n_deployments),
                         n_deployments);
      g_autofree char *both = g_strdup_printf ("%s %s", summary, deployments);

      g_free (summary);
      summary = g_steal_pointer (&both);
    }
  gtk_label_set_label (self->history_summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), n_deployments > 0);
}

/* The folder for people: ~/src/rota rather than /home/anna/src/rota */
static char *
dup_display_folder (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize len = home != NULL ? strlen (home) : 0;
  g_autofree char *display = NULL;

  if (len > 1 && g_str_has_prefix (path, home) && (path[len] == '/' || path[len] == '\0'))
    {
      g_autofree char *rest = g_filename_display_name (path + len);

      return g_strconcat ("~", rest, NULL);
    }

  display = g_filename_display_name (path);
  return g_steal_pointer (&display);
}

static void
show_analysis (PfTimelinePage *self)
{
  GPtrArray *problems = pf_migration_analysis_get_problems (self->analysis);

  fill_banner (self, problems);
  fill_pending (self, problems);
  fill_history (self, problems);

  if (pf_migration_analysis_get_source (self->analysis) != NULL)
    {
      g_autofree char *name = dup_display_folder (self->project_dir);
      /* TRANSLATORS: %s is the folder of the project's migrations */
      g_autofree char *status = g_strdup_printf (_("Project folder: %s"), name);

      gtk_label_set_label (self->status_label, status);
    }
  else
    gtk_label_set_label (self->status_label, _("No project folder: the history only"));

  gtk_stack_set_visible_child_name (self->main_stack, "timeline");
}

/* ---- loading ------------------------------------------------------------- */

typedef struct
{
  PfTimelinePage *self;
  GCancellable   *cancellable;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadRequest, load_request_free)

static void
set_loading (PfTimelinePage *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.cancel", loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
finish_loading (PfTimelinePage *self,
                GError         *error)
{
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_status_page_set_description (self->error_status,
                                         _("Reading was stopped. Refresh to read the migrations again."));
      else
        adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
    }
  else
    show_analysis (self);

  g_signal_emit (self, signals[LOADED], 0);
}

static void
analysis_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LoadRequest) request = user_data;
  PfTimelinePage *self = request->self;
  g_autoptr(PfMigrationAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;

  analysis = pf_migration_analysis_run_finish (result, &error);

  /* A newer load (or a clear) took over */
  if (request->cancellable != self->cancellable)
    return;

  g_set_object (&self->analysis, analysis);
  finish_loading (self, error);
}

static void
start_analysis (LoadRequest *request)
{
  PfTimelinePage *self = request->self;
  const char *project_dir = self->project_dir;

  self->project_missing = FALSE;
  if (project_dir != NULL && !g_file_test (project_dir, G_FILE_TEST_IS_DIR))
    {
      self->project_missing = TRUE;
      project_dir = NULL;
    }

  pf_migration_analysis_run_async (self->database, self->schema, project_dir, NULL, NULL,
                                   request->cancellable, analysis_cb, request);
}

static void
demo_project_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  char *path = pf_demo_ensure_project (cancellable, &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

static void
demo_project_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LoadRequest *request = user_data;
  PfTimelinePage *self = request->self;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  path = g_task_propagate_pointer (G_TASK (result), &error);

  if (request->cancellable != self->cancellable)
    {
      load_request_free (request);
      return;
    }

  if (path == NULL)
    {
      finish_loading (self, error);
      load_request_free (request);
      return;
    }

  start_analysis (request);
}

static gboolean
is_demo_project (const char *project_dir)
{
  g_autofree char *demo = pf_demo_get_project_path ();

  return project_dir != NULL && g_strcmp0 (project_dir, demo) == 0;
}

static void
pf_timeline_page_load (PfTimelinePage *self)
{
  LoadRequest *request;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->database == NULL)
    {
      set_loading (self, FALSE);
      gtk_label_set_label (self->status_label, "");
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  gtk_label_set_label (self->status_label, _("Reading the migrations…"));
  gtk_stack_set_visible_child_name (self->main_stack, "loading");

  request = g_new0 (LoadRequest, 1);
  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->cancellable);

  if (is_demo_project (self->project_dir))
    {
      g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, demo_project_cb, request);

      g_task_set_source_tag (task, pf_timeline_page_load);
      g_task_run_in_thread (task, demo_project_thread);
    }
  else
    start_analysis (request);
}

/* ---- public -------------------------------------------------------------- */

void
pf_timeline_page_set_contents (PfTimelinePage *self,
                               PfDatabase     *database,
                               PfSchema       *schema,
                               const char     *project_dir)
{
  g_return_if_fail (PF_IS_TIMELINE_PAGE (self));
  g_return_if_fail (database == NULL || PF_IS_DATABASE (database));

  g_set_object (&self->database, database);
  if (database == NULL)
    schema = NULL;
  g_set_object (&self->schema, schema);
  g_free (self->project_dir);
  self->project_dir = database != NULL ? g_strdup (project_dir) : NULL;
  g_clear_object (&self->analysis);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.refresh", database != NULL);
  pf_timeline_page_load (self);
}

void
pf_timeline_page_refresh (PfTimelinePage *self)
{
  g_return_if_fail (PF_IS_TIMELINE_PAGE (self));

  if (self->database != NULL)
    pf_timeline_page_load (self);
}

gboolean
pf_timeline_page_get_loading (PfTimelinePage *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_PAGE (self), FALSE);

  return self->loading;
}

PfMigrationAnalysis *
pf_timeline_page_get_analysis (PfTimelinePage *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_PAGE (self), NULL);

  return self->analysis;
}

GtkWidget *
pf_timeline_page_new (void)
{
  return g_object_new (PF_TYPE_TIMELINE_PAGE, NULL);
}

/* ---- actions ------------------------------------------------------------- */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pf_timeline_page_refresh (PF_TIMELINE_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PfTimelinePage *self = PF_TIMELINE_PAGE (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* F5 anywhere in the window while the page is showing */
static gboolean
refresh_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  PfTimelinePage *self = PF_TIMELINE_PAGE (widget);

  if (!gtk_widget_get_mapped (widget) || self->database == NULL)
    return FALSE;

  pf_timeline_page_refresh (self);
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------- */

static void
pf_timeline_page_dispose (GObject *object)
{
  PfTimelinePage *self = PF_TIMELINE_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_TIMELINE_PAGE);

  g_clear_object (&self->analysis);
  g_clear_object (&self->schema);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (pf_timeline_page_parent_class)->dispose (object);
}

static void
pf_timeline_page_finalize (GObject *object)
{
  PfTimelinePage *self = PF_TIMELINE_PAGE (object);

  g_free (self->project_dir);

  G_OBJECT_CLASS (pf_timeline_page_parent_class)->finalize (object);
}

static void
pf_timeline_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PfTimelinePage *self = PF_TIMELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_timeline_page_class_init (PfTimelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_timeline_page_dispose;
  object_class->finalize = pf_timeline_page_finalize;
  object_class->get_property = pf_timeline_page_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-timeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, root_box);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, error_status);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, banner_box);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, banner_list);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, next_box);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, next_summary_label);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, pending_list);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, no_project_status);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, history_summary_label);
  gtk_widget_class_bind_template_child (widget_class, PfTimelinePage, history_list);

  gtk_widget_class_install_action (widget_class, "timeline.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "timeline.cancel", NULL, cancel_action);
}

static void
pf_timeline_page_init (PfTimelinePage *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F5, 0),
                                                          gtk_callback_action_new (refresh_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.refresh", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.cancel", FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
}
