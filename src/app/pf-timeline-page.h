/* pf-timeline-page.h — the migrations: what will run next, what ran before
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pf-engine.h"
#include "pf-migration-analysis.h"

G_BEGIN_DECLS

#define PF_TYPE_TIMELINE_PAGE (pf_timeline_page_get_type ())
G_DECLARE_FINAL_TYPE (PfTimelinePage, pf_timeline_page, PF, TIMELINE_PAGE, GtkWidget)

/* Property "loading" (gboolean, read-only): an analysis is running.
 * Signal "loaded" (): a load finished, well or with an error. */

GtkWidget           *pf_timeline_page_new          (void);
/* Shows the migrations of @database (open) with @schema, reading the
 * project in @project_dir (NULL: the history only). A @project_dir equal
 * to pf_demo_get_project_path() is written out first (the demo's
 * project). Reviews and a chosen project folder go to the database's
 * profile, and are saved when it is a saved connection. Starts loading at
 * once; NULL database clears and cancels. */
void                 pf_timeline_page_set_contents (PfTimelinePage *self,
                                                    PfDatabase     *database,
                                                    PfSchema       *schema,
                                                    const char     *project_dir);
/* Reads everything again (Refresh, F5) */
void                 pf_timeline_page_refresh      (PfTimelinePage *self);
gboolean             pf_timeline_page_get_loading  (PfTimelinePage *self);
/* The last analysis shown, or NULL */
PfMigrationAnalysis *pf_timeline_page_get_analysis (PfTimelinePage *self);
/* What the list shows, or NULL */
PfTimeline          *pf_timeline_page_get_timeline (PfTimelinePage *self);
/* Selects @entry (expanding its deployment and clearing filters that hide
 * it), scrolls to it and shows its detail; FALSE when it is not listed */
gboolean             pf_timeline_page_select       (PfTimelinePage  *self,
                                                    PfTimelineEntry *entry);
/* The entry whose detail is shown, or NULL */
PfTimelineEntry     *pf_timeline_page_get_selected (PfTimelinePage *self);

G_END_DECLS
