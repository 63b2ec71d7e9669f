/* pf-overview-page.h — what a database is and which tables it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pf-engine.h"

G_BEGIN_DECLS

#define PF_TYPE_OVERVIEW_PAGE (pf_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (PfOverviewPage, pf_overview_page, PF, OVERVIEW_PAGE, GtkWidget)

GtkWidget  *pf_overview_page_new          (void);
PfDatabase *pf_overview_page_get_database (PfOverviewPage *self);
PfSchema   *pf_overview_page_get_schema   (PfOverviewPage *self);
/* Shows @database and its introspected @schema; both NULL to clear. */
void        pf_overview_page_set_contents (PfOverviewPage *self,
                                           PfDatabase     *database,
                                           PfSchema       *schema);
/* The verdict card follows @profile's last check ("last-verdict",
 * "last-checked", counts, "last-complete") as it changes; NULL clears. */
void        pf_overview_page_set_profile  (PfOverviewPage      *self,
                                           PfConnectionProfile *profile);
/* This session's report, which also says why a scan was incomplete; it
 * takes precedence over the profile's summary. NULL clears. */
void        pf_overview_page_set_report   (PfOverviewPage      *self,
                                           PfReport            *report);
/* The checklist line under the verdict card ("12 of 30 done · Signed by
 * Anna Kowalska on 21 Nov", "Not started"); NULL hides it. Activating it
 * shows the Checklist page (action workspace.show-page). */
void        pf_overview_page_set_checklist_summary (PfOverviewPage *self,
                                                    const char     *summary);
/* What the verdict card says: "GO", "GO WITH WARNINGS", "NO-GO" or
 * "Not checked yet" */
const char *pf_overview_page_get_verdict_text (PfOverviewPage *self);

/* The tables as shown, i.e. sorted the way the user chose */
GListModel *pf_overview_page_get_model    (PfOverviewPage *self);

/* "12,345", "~12,345" for an estimate, "—" when unknown */
char       *pf_format_row_count           (gint64          rows,
                                           gboolean        exact);

G_END_DECLS
