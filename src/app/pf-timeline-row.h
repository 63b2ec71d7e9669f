/* pf-timeline-row.h — one line of the Timeline list (recycled by a GtkListView)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pf-timeline-entry.h"

G_BEGIN_DECLS

#define PF_TYPE_TIMELINE_ROW (pf_timeline_row_get_type ())
G_DECLARE_FINAL_TYPE (PfTimelineRow, pf_timeline_row, PF, TIMELINE_ROW, GtkWidget)

GtkWidget       *pf_timeline_row_new       (void);
/* Shows the entry of @list_row (a GtkTreeListRow of PfTimelineEntry);
 * NULL unbinds */
void             pf_timeline_row_bind      (PfTimelineRow  *self,
                                            GtkTreeListRow *list_row);
PfTimelineEntry *pf_timeline_row_get_entry (PfTimelineRow  *self);

/* Replaces the children of @box with @entry's badges: Will fail, Risky,
 * Reviewed, Drift, Faked?, a history state. Each says in words what it
 * means to a screen reader and in a tooltip. */
void             pf_timeline_badges_fill   (GtkBox          *box,
                                            PfTimelineEntry *entry);

G_END_DECLS
