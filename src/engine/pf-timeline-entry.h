/* pf-timeline-entry.h — one line of the migration timeline
 *
 * A pending migration, a deployment (applied migrations recorded together),
 * one record of the history, or a problem of the history as a whole. Entries
 * are built by PfTimeline from a PfMigrationAnalysis; the app's Timeline
 * page lists them and the CLI could print them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pf-migration.h"
#include "pf-migration-history.h"
#include "pf-migration-problem.h"
#include "pf-migration-review.h"

G_BEGIN_DECLS

typedef enum {
  PF_TIMELINE_ENTRY_PROBLEM,     /* a problem of the history as a whole */
  PF_TIMELINE_ENTRY_PENDING,     /* a migration the next deployment will run */
  PF_TIMELINE_ENTRY_DEPLOYMENT,  /* records applied together; children: RECORD */
  PF_TIMELINE_ENTRY_RECORD,      /* one row of a history table */
  PF_TIMELINE_ENTRY_HEADING,     /* a title over a part of a list, no more */
} PfTimelineEntryKind;

#define PF_TYPE_TIMELINE_ENTRY (pf_timeline_entry_get_type ())
G_DECLARE_FINAL_TYPE (PfTimelineEntry, pf_timeline_entry, PF, TIMELINE_ENTRY, GObject)

/* Properties (read-only, for list views): "title", "subtitle"; "review"
 * notifies when pf_timeline_entry_set_review() changes it. */

PfTimelineEntryKind      pf_timeline_entry_get_kind      (PfTimelineEntry *self);
/* "scheduling · 0004_staffcertification", "20 November 2026, 14:02", a
 * problem's title, or another framework's version */
const char              *pf_timeline_entry_get_title     (PfTimelineEntry *self);
/* What it does in one line, "12 migrations", the time it was applied, or
 * the problem's explanation */
const char              *pf_timeline_entry_get_subtitle  (PfTimelineEntry *self);
/* NULL for deployments, problems and frameworks without apps */
const char              *pf_timeline_entry_get_app       (PfTimelineEntry *self);
const char              *pf_timeline_entry_get_name      (PfTimelineEntry *self);
/* PENDING: 1-based place in the order of the run; 0 otherwise */
guint                    pf_timeline_entry_get_position  (PfTimelineEntry *self);
/* The project's file for PENDING and Django RECORD entries, when the
 * project has it; NULL otherwise */
PfMigration             *pf_timeline_entry_get_migration (PfTimelineEntry *self);
/* RECORD: the history row (owned by the entry's history); NULL otherwise */
const PfMigrationRecord *pf_timeline_entry_get_record    (PfTimelineEntry *self);
/* RECORD and DEPLOYMENT */
PfMigrationFramework     pf_timeline_entry_get_framework (PfTimelineEntry *self);
/* DEPLOYMENT: its span of the history; NULL otherwise */
const PfDeployment      *pf_timeline_entry_get_deployment (PfTimelineEntry *self);
/* PROBLEM: the problem itself; NULL otherwise */
PfMigrationProblem      *pf_timeline_entry_get_problem   (PfTimelineEntry *self);
/* Problems about this entry: will-fail and risky-operation (PENDING),
 * missing-table/column and orphaned-record (RECORD), probably-faked
 * (DEPLOYMENT), the problem itself (PROBLEM). Element type
 * PfMigrationProblem, blockers first. */
GPtrArray               *pf_timeline_entry_get_problems  (PfTimelineEntry *self);
/* Problems of @kind about this entry, joined by newlines (their titles), or
 * NULL when there are none: what a badge says to a screen reader */
char                    *pf_timeline_entry_dup_reasons   (PfTimelineEntry *self,
                                                          const char      *kind);
gboolean                 pf_timeline_entry_has_problem_kind (PfTimelineEntry *self,
                                                          const char      *kind);
/* Drift: a missing table or column this applied migration should have made */
gboolean                 pf_timeline_entry_get_drift     (PfTimelineEntry *self);
/* RECORD: its state; APPLIED otherwise */
PfMigrationState         pf_timeline_entry_get_state     (PfTimelineEntry *self);
/* Anything a person should look at: a problem, drift, a state other than
 * applied or skipped, a deployment with any of those */
gboolean                 pf_timeline_entry_get_needs_attention (PfTimelineEntry *self);
/* DEPLOYMENT: its RECORD entries in the order applied; NULL otherwise */
GListModel              *pf_timeline_entry_get_children  (PfTimelineEntry *self);
/* PENDING: the review of this file as it reads now, or NULL */
const PfMigrationReview *pf_timeline_entry_get_review    (PfTimelineEntry *self);
void                     pf_timeline_entry_set_review    (PfTimelineEntry *self,
                                                          const PfMigrationReview *review);

/* Whether the entry passes the Timeline's filters: @app (NULL for every
 * app), @text (a case-insensitive part of the app, name, title or subtitle;
 * NULL or "" for anything) and @only_problems. A DEPLOYMENT passes when one
 * of its children does (or, without filters, always). */
gboolean                 pf_timeline_entry_matches       (PfTimelineEntry *self,
                                                          const char      *app,
                                                          const char      *text,
                                                          gboolean         only_problems);

/* A heading for a list that mixes the parts ("Next deployment" and the
 * summary line) */
PfTimelineEntry *pf_timeline_entry_new_heading    (const char          *title,
                                                   const char          *subtitle);

/* For PfTimeline only */
PfTimelineEntry *pf_timeline_entry_new_problem    (PfMigrationProblem  *problem);
PfTimelineEntry *pf_timeline_entry_new_pending    (PfMigration         *migration,
                                                   guint                position);
PfTimelineEntry *pf_timeline_entry_new_record     (PfMigrationHistory  *history,
                                                   guint                index,
                                                   PfMigration         *migration);
PfTimelineEntry *pf_timeline_entry_new_deployment (PfMigrationHistory  *history,
                                                   guint                index,
                                                   gboolean             show_framework,
                                                   GPtrArray           *records);
void             pf_timeline_entry_add_problem    (PfTimelineEntry     *self,
                                                   PfMigrationProblem  *problem);

G_END_DECLS
