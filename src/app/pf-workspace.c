/* pf-workspace.c — one open database: its Overview, Integrity, Timeline,
 * Checklist and Report pages
 *
 * The Report page shows what the other pages found: the Integrity page's
 * report, the Timeline's analysis and the Checklist's run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-workspace"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-application.h"
#include "pf-workspace.h"

struct _PfWorkspace
{
  GtkWidget        parent_instance;

  PfDatabase      *database;

  /* Template widgets */
  AdwViewStack    *view_stack;
  PfOverviewPage  *overview_page;
  PfIntegrityPage *integrity_page;
  PfTimelinePage  *timeline_page;
  PfChecklistPage *checklist_page;
  PfReportPage    *report_page;
};

G_DEFINE_FINAL_TYPE (PfWorkspace, pf_workspace, GTK_TYPE_WIDGET)

enum {
  SCAN_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
scan_finished_cb (PfWorkspace *self,
                  PfReport    *report,
                  gint64       elapsed_usec)
{
  if (self->database != NULL)
    pf_connection_profile_record_report (pf_database_get_profile (self->database), report);

  pf_overview_page_set_report (self->overview_page, report);
  pf_checklist_page_set_integrity (self->checklist_page, report);
  pf_report_page_set_report (self->report_page, report);

  g_signal_emit (self, signals[SCAN_FINISHED], 0, report, elapsed_usec);
}

/* The profile's project folder; for the demo database, the demo's project */
static char *
dup_project_dir (PfConnectionProfile *profile)
{
  const char *path;

  if (profile == NULL)
    return NULL;

  if (pf_connection_profile_get_project_dir (profile) != NULL)
    return g_strdup (pf_connection_profile_get_project_dir (profile));

  path = pf_connection_profile_get_path (profile);
  if (path != NULL)
    {
      g_autofree char *demo = pf_demo_get_path ();
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFile) demo_file = g_file_new_for_path (demo);

      if (g_file_equal (file, demo_file))
        return pf_demo_get_project_path ();
    }

  return NULL;
}

/* Whether @profile is one of the saved connections (not a file opened
 * once, not the demo): its checklist is then kept under its id */
static gboolean
profile_is_saved (PfConnectionProfile *profile)
{
  GApplication *app = g_application_get_default ();
  PfProfileStore *store;

  if (profile == NULL || !PF_IS_APPLICATION (app))
    return FALSE;

  store = pf_application_get_profile_store (PF_APPLICATION (app));
  return store != NULL && pf_profile_store_find_by_id (store, pf_connection_profile_get_id (profile)) == profile;
}

static void
timeline_loaded_cb (PfWorkspace *self)
{
  pf_checklist_page_set_analysis (self->checklist_page,
                                  pf_timeline_page_get_analysis (self->timeline_page));
  pf_report_page_set_analysis (self->report_page,
                               pf_timeline_page_get_analysis (self->timeline_page));
}

static void
checklist_summary_cb (PfWorkspace *self)
{
  pf_overview_page_set_checklist_summary (self->overview_page,
                                          pf_checklist_page_get_summary (self->checklist_page));
  pf_report_page_set_checklist (self->report_page,
                                pf_checklist_page_get_run (self->checklist_page));
}

static void
checklist_run_cb (PfWorkspace *self)
{
  pf_report_page_set_checklist (self->report_page,
                                pf_checklist_page_get_run (self->checklist_page));
}

static void
checklist_show_page_cb (PfWorkspace *self,
                        const char  *name)
{
  pf_workspace_show_page (self, name);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pf_workspace_show_page (PF_WORKSPACE (widget), g_variant_get_string (parameter, NULL));
}

void
pf_workspace_set_contents (PfWorkspace *self,
                           PfDatabase  *database,
                           PfSchema    *schema)
{
  PfConnectionProfile *profile = NULL;
  g_autofree char *project_dir = NULL;

  g_return_if_fail (PF_IS_WORKSPACE (self));
  g_return_if_fail (database == NULL || PF_IS_DATABASE (database));

  if (database != NULL)
    profile = pf_database_get_profile (database);

  g_set_object (&self->database, database);

  /* No report until a scan of this database finishes */
  pf_report_page_set_sources (self->report_page, NULL, NULL, NULL);
  pf_overview_page_set_contents (self->overview_page, database, schema);
  pf_overview_page_set_profile (self->overview_page, profile);
  pf_overview_page_set_report (self->overview_page, NULL);
  pf_integrity_page_set_database (self->integrity_page, database, schema,
                                  profile != NULL ? pf_connection_profile_get_rules (profile) : NULL);
  project_dir = dup_project_dir (profile);
  pf_timeline_page_set_contents (self->timeline_page, database, schema, project_dir);
  pf_checklist_page_set_contents (self->checklist_page, database, schema,
                                  profile_is_saved (profile), project_dir);
  pf_report_page_set_checklist (self->report_page,
                                pf_checklist_page_get_run (self->checklist_page));

  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
}

PfDatabase *
pf_workspace_get_database (PfWorkspace *self)
{
  g_return_val_if_fail (PF_IS_WORKSPACE (self), NULL);

  return self->database;
}

AdwViewStack *
pf_workspace_get_view_stack (PfWorkspace *self)
{
  g_return_val_if_fail (PF_IS_WORKSPACE (self), NULL);

  return self->view_stack;
}

void
pf_workspace_show_page (PfWorkspace *self,
                        const char  *name)
{
  g_return_if_fail (PF_IS_WORKSPACE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
pf_workspace_run_checks (PfWorkspace *self)
{
  g_return_if_fail (PF_IS_WORKSPACE (self));

  if (self->database == NULL)
    return;

  pf_workspace_show_page (self, "integrity");
  pf_integrity_page_run_checks (self->integrity_page);
}

PfOverviewPage *
pf_workspace_get_overview_page (PfWorkspace *self)
{
  g_return_val_if_fail (PF_IS_WORKSPACE (self), NULL);

  return self->overview_page;
}

PfIntegrityPage *
pf_workspace_get_integrity_page (PfWorkspace *self)
{
  g_return_val_if_fail (PF_IS_WORKSPACE (self), NULL);

  return self->integrity_page;
}

PfTimelinePage *
pf_workspace_get_timeline_page (PfWorkspace *self)
{
  g_return_val_if_fail (PF_IS_WORKSPACE (self), NULL);

  return self->timeline_page;
}

PfChecklistPage *
pf_workspace_get_checklist_page (PfWorkspace *self)
{
  g_return_val_if_fail (PF_IS_WORKSPACE (self), NULL);

  return self->checklist_page;
}

PfReportPage *
pf_workspace_get_report_page (PfWorkspace *self)
{
  g_return_val_if_fail (PF_IS_WORKSPACE (self), NULL);

  return self->report_page;
}

GtkWidget *
pf_workspace_new (void)
{
  return g_object_new (PF_TYPE_WORKSPACE, NULL);
}

static void
pf_workspace_dispose (GObject *object)
{
  PfWorkspace *self = PF_WORKSPACE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_WORKSPACE);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (pf_workspace_parent_class)->dispose (object);
}

static void
pf_workspace_class_init (PfWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_workspace_dispose;

  signals[SCAN_FINISHED] =
    g_signal_new ("scan-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, PF_TYPE_REPORT, G_TYPE_INT64);

  g_type_ensure (PF_TYPE_OVERVIEW_PAGE);
  g_type_ensure (PF_TYPE_INTEGRITY_PAGE);
  g_type_ensure (PF_TYPE_TIMELINE_PAGE);
  g_type_ensure (PF_TYPE_CHECKLIST_PAGE);
  g_type_ensure (PF_TYPE_REPORT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-workspace.ui");
  gtk_widget_class_bind_template_child (widget_class, PfWorkspace, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PfWorkspace, overview_page);
  gtk_widget_class_bind_template_child (widget_class, PfWorkspace, integrity_page);
  gtk_widget_class_bind_template_child (widget_class, PfWorkspace, timeline_page);
  gtk_widget_class_bind_template_child (widget_class, PfWorkspace, checklist_page);
  gtk_widget_class_bind_template_child (widget_class, PfWorkspace, report_page);
  gtk_widget_class_bind_template_callback (widget_class, scan_finished_cb);
  gtk_widget_class_bind_template_callback (widget_class, timeline_loaded_cb);
  gtk_widget_class_bind_template_callback (widget_class, checklist_summary_cb);
  gtk_widget_class_bind_template_callback (widget_class, checklist_run_cb);
  gtk_widget_class_bind_template_callback (widget_class, checklist_show_page_cb);

  gtk_widget_class_install_action (widget_class, "workspace.show-page", "s", show_page_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pf_workspace_init (PfWorkspace *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
