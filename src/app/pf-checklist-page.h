/* pf-checklist-page.h — the go-live checklist: a guided wizard with sign-off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pf-engine.h"

G_BEGIN_DECLS

#define PF_TYPE_CHECKLIST_PAGE (pf_checklist_page_get_type ())
G_DECLARE_FINAL_TYPE (PfChecklistPage, pf_checklist_page, PF, CHECKLIST_PAGE, GtkWidget)

/* Properties: "run" (the current PfChecklistRun or NULL), "checking"
 * (automatic checks or Check Again are running), "summary" (the line the
 * Overview shows: "12 of 30 done · Signed by Anna Kowalska on 21 Nov",
 * "Not started").
 *
 * Signal "show-page" (const char *name): the person asked for another page
 * of the workspace ("integrity" from Show Findings). */

GtkWidget      *pf_checklist_page_new          (void);
/* Where progress is kept; by default pf_checklist_store_new (NULL). Set
 * before set_contents. */
void            pf_checklist_page_set_store    (PfChecklistPage  *self,
                                                PfChecklistStore *store);
/* Which templates are offered; by default pf_checklist_templates_new (NULL) */
void            pf_checklist_page_set_templates (PfChecklistPage      *self,
                                                 PfChecklistTemplates *templates);
/* Shows the checklist of @database (open): the saved run of its
 * connection, or the template choice. @saved: the database's profile is a
 * saved connection (see pf_checklist_store_dup_key). @project_dir: the
 * migrations project (NULL: none). NULL database clears and cancels. */
void            pf_checklist_page_set_contents (PfChecklistPage  *self,
                                                PfDatabase       *database,
                                                PfSchema         *schema,
                                                gboolean          saved,
                                                const char       *project_dir);
/* The integrity page's last report and the timeline's last analysis, used
 * by the automatic checks instead of running their own; NULL forgets. */
void            pf_checklist_page_set_integrity (PfChecklistPage *self,
                                                 PfReport        *report);
void            pf_checklist_page_set_analysis  (PfChecklistPage     *self,
                                                 PfMigrationAnalysis *analysis);

PfChecklistRun *pf_checklist_page_get_run      (PfChecklistPage  *self);
gboolean        pf_checklist_page_get_checking (PfChecklistPage  *self);
const char     *pf_checklist_page_get_summary  (PfChecklistPage  *self);
/* Starts a new run of @template_id (archiving the current one) */
gboolean        pf_checklist_page_start        (PfChecklistPage  *self,
                                                const char       *template_id);
/* 0-based; the sign-off is the step after the template's last */
guint           pf_checklist_page_get_step     (PfChecklistPage  *self);
guint           pf_checklist_page_get_n_steps  (PfChecklistPage  *self);
void            pf_checklist_page_go_to_step   (PfChecklistPage  *self,
                                                guint             step);

G_END_DECLS
