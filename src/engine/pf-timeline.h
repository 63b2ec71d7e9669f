/* pf-timeline.h — the migrations of one database as a person reads them
 *
 * From a PfMigrationAnalysis: the problems of the history as a whole (the
 * banner), the next deployment in the order it will run, and the history
 * grouped into deployments, newest first, each entry carrying the problems
 * about it. Reviews come from the connection's profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-connection-profile.h"
#include "pf-migration-analysis.h"
#include "pf-timeline-entry.h"

G_BEGIN_DECLS

#define PF_TYPE_TIMELINE (pf_timeline_get_type ())
G_DECLARE_FINAL_TYPE (PfTimeline, pf_timeline, PF, TIMELINE, GObject)

/* @profile may be NULL (no reviews) */
PfTimeline          *pf_timeline_new             (PfMigrationAnalysis *analysis,
                                                  PfConnectionProfile *profile);
PfMigrationAnalysis *pf_timeline_get_analysis    (PfTimeline          *self);
/* Element type PfTimelineEntry (PROBLEM): every problem that is not about
 * one pending migration or one deployment, blockers first */
GListModel          *pf_timeline_get_problems    (PfTimeline          *self);
/* Element type PfTimelineEntry (PENDING), in the order they will run */
GListModel          *pf_timeline_get_pending     (PfTimeline          *self);
/* Element type PfTimelineEntry (DEPLOYMENT), newest first */
GListModel          *pf_timeline_get_deployments (PfTimeline          *self);
/* The pending entry for (app, name), else the newest record of it, else NULL */
PfTimelineEntry     *pf_timeline_lookup          (PfTimeline          *self,
                                                  const char          *app,
                                                  const char          *name);
/* App labels of every entry, sorted */
GStrv                pf_timeline_dup_apps        (PfTimeline          *self);
/* Re-reads the reviews of the pending entries from @profile (NULL: none) */
void                 pf_timeline_apply_reviews   (PfTimeline          *self,
                                                  PfConnectionProfile *profile);
guint                pf_timeline_count_will_fail (PfTimeline          *self);
guint                pf_timeline_count_risky     (PfTimeline          *self);
guint                pf_timeline_count_reviewed  (PfTimeline          *self);
/* "4 migrations will run; 1 will fail; 2 are risky", or that nothing will */
char                *pf_timeline_dup_next_summary    (PfTimeline      *self);
/* "38 migrations applied in 5 deployments", or that there is no history */
char                *pf_timeline_dup_history_summary (PfTimeline      *self);
/* "2 problems in the migrations block every deployment. 1 more needs a
 * look." — NULL when there are no such problems */
char                *pf_timeline_dup_problems_summary (PfTimeline     *self);

G_END_DECLS
