/* pf-workspace.h — one open database: its Overview, Integrity, Timeline, Checklist and Report pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pf-checklist-page.h"
#include "pf-engine.h"
#include "pf-integrity-page.h"
#include "pf-overview-page.h"
#include "pf-report-page.h"
#include "pf-timeline-page.h"

G_BEGIN_DECLS

#define PF_TYPE_WORKSPACE (pf_workspace_get_type ())
G_DECLARE_FINAL_TYPE (PfWorkspace, pf_workspace, PF, WORKSPACE, GtkWidget)

/* Signal "scan-finished" (PfReport *report, gint64 elapsed_usec): the
 * integrity page's, after the workspace recorded the report in the
 * database's connection profile. */

GtkWidget       *pf_workspace_new                 (void);
/* Shows @database (open) and its @schema, with the rules and last check of
 * the database's profile, and its migrations with the profile's project
 * folder (the demo's project for the demo); both NULL clears (and cancels
 * a running scan or analysis). */
void             pf_workspace_set_contents        (PfWorkspace *self,
                                                   PfDatabase  *database,
                                                   PfSchema    *schema);
PfDatabase      *pf_workspace_get_database        (PfWorkspace *self);
/* For the header bar's AdwViewSwitcherTitle and the bottom AdwViewSwitcherBar */
AdwViewStack    *pf_workspace_get_view_stack      (PfWorkspace *self);
/* "overview", "integrity", "timeline", "checklist" or "report"; also the action
 * "workspace.show-page" with the name as its string parameter */
void             pf_workspace_show_page           (PfWorkspace *self,
                                                   const char  *name);
/* Shows the Integrity page and starts a scan there */
void             pf_workspace_run_checks          (PfWorkspace *self);
PfOverviewPage  *pf_workspace_get_overview_page   (PfWorkspace *self);
PfIntegrityPage *pf_workspace_get_integrity_page  (PfWorkspace *self);
PfTimelinePage  *pf_workspace_get_timeline_page   (PfWorkspace *self);
PfChecklistPage *pf_workspace_get_checklist_page  (PfWorkspace *self);
PfReportPage    *pf_workspace_get_report_page     (PfWorkspace *self);

G_END_DECLS
