/* pf-checklist-run.h — one pass through a checklist for one connection
 *
 * Holds a copy of its template (so editing the template later does not
 * change a run under way or an archived one), an entry per item, the
 * backups made, the row counts recorded, the wizard's current step and,
 * once signed, the sign-off. Every change emits "changed" so the owner can
 * save it (PfChecklistStore). Main thread only.
 *
 *   { "template": <template>, "started_at": "…", "current_step": 2,
 *     "entries": [ <entry>, … ], "backups": [ <backup record>, … ],
 *     "row_counts": <row counts> | null, "signoff": <signoff> | null }
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-backup-record.h"
#include "pf-checklist-entry.h"
#include "pf-checklist-signoff.h"
#include "pf-checklist-template.h"
#include "pf-row-counts.h"

G_BEGIN_DECLS

#define PF_TYPE_CHECKLIST_RUN (pf_checklist_run_get_type ())
G_DECLARE_FINAL_TYPE (PfChecklistRun, pf_checklist_run, PF, CHECKLIST_RUN, GObject)

/* Properties: "template", "started-at", "current-step", "n-items",
 * "n-settled", "n-blocking", "signoff" (notify when changed).
 * Signal "changed" (no arguments): after any change worth saving. */

PfChecklistRun      *pf_checklist_run_new                (PfChecklistTemplate *template);
PfChecklistRun      *pf_checklist_run_new_from_json_node (JsonNode            *node,
                                                          GError             **error);
JsonNode            *pf_checklist_run_to_json_node       (PfChecklistRun      *self);

PfChecklistTemplate *pf_checklist_run_get_template       (PfChecklistRun      *self);
GDateTime           *pf_checklist_run_get_started_at     (PfChecklistRun      *self);
/* PfChecklistEntry for every item, in template order */
GListModel          *pf_checklist_run_get_entries        (PfChecklistRun      *self);
/* PfChecklistEntry of one step's items */
GListModel          *pf_checklist_run_get_step_entries   (PfChecklistRun      *self,
                                                          guint                step_index);
PfChecklistEntry    *pf_checklist_run_lookup             (PfChecklistRun      *self,
                                                          const char          *item_id);
/* The entries bound to automatic check @check_id (several items may share one) */
GPtrArray           *pf_checklist_run_find_by_check      (PfChecklistRun      *self,
                                                          const char          *check_id);

/* The wizard's page: a step index, or the number of steps for the
 * sign-off page after the last one */
guint                pf_checklist_run_get_current_step   (PfChecklistRun      *self);
void                 pf_checklist_run_set_current_step   (PfChecklistRun      *self,
                                                          guint                step_index);

/* A person ticks a manual item (or a fallen-back automatic one): DONE,
 * @who, now, @note (may be NULL). Untick returns it to OPEN. Skip is for
 * optional items only (returns FALSE for required ones); untick takes a
 * skip back too. Ticking or unticking an automatic item that did not fall
 * back does nothing: its check decides. */
void                 pf_checklist_run_tick               (PfChecklistRun      *self,
                                                          const char          *item_id,
                                                          const char          *who,
                                                          const char          *note);
void                 pf_checklist_run_untick             (PfChecklistRun      *self,
                                                          const char          *item_id);
gboolean             pf_checklist_run_skip               (PfChecklistRun      *self,
                                                          const char          *item_id);
/* An automatic check's outcome, for every entry bound to @check_id; time is
 * now. @details may be NULL. @manual_fallback: see PfChecklistEntry. A
 * skipped entry stays skipped; an entry a person ticked after its check fell
 * back keeps the tick while the check still falls back. "changed" only when
 * something differs (a new answer time counts). */
void                 pf_checklist_run_set_result         (PfChecklistRun      *self,
                                                          const char          *check_id,
                                                          PfChecklistState     state,
                                                          const char          *evidence,
                                                          const char * const  *details,
                                                          gboolean             manual_fallback);
/* Marks every entry bound to @check_id RUNNING (not saved, no "changed") */
void                 pf_checklist_run_set_running        (PfChecklistRun      *self,
                                                          const char          *check_id);

/* Newest last */
GPtrArray           *pf_checklist_run_get_backups        (PfChecklistRun      *self);
void                 pf_checklist_run_add_backup         (PfChecklistRun      *self,
                                                          PfBackupRecord      *record);
/* The newest verified backup, or NULL */
PfBackupRecord      *pf_checklist_run_get_last_verified_backup (PfChecklistRun *self);
PfRowCounts         *pf_checklist_run_get_row_counts     (PfChecklistRun      *self);
void                 pf_checklist_run_set_row_counts     (PfChecklistRun      *self,
                                                          PfRowCounts         *counts);

guint                pf_checklist_run_get_n_items        (PfChecklistRun      *self);
guint                pf_checklist_run_get_n_settled      (PfChecklistRun      *self);
/* Required items not DONE or NOT_APPLICABLE */
guint                pf_checklist_run_get_n_blocking     (PfChecklistRun      *self);

/* NULL until signed. Signing replaces an earlier sign-off; any later
 * change to an entry keeps the sign-off (Check Again shows the change). */
PfChecklistSignoff  *pf_checklist_run_get_signoff        (PfChecklistRun      *self);
void                 pf_checklist_run_sign               (PfChecklistRun      *self,
                                                          PfChecklistSignoff  *signoff);

/* The "checklist" section of preflight-report/1:
 * {"template","title","started_at","progress":{"items","settled","blocking"},
 *  "items":[{"id","step","title","kind","required","state","who","when",
 *            "note","evidence","details"} + "check" for automatic items,
 *           "manual_fallback": true when it fell back],
 *  "backups":[…], "row_counts":…, "signoff":{signer,role,signed_at,verdict,fingerprint}|null} */
JsonNode            *pf_checklist_run_to_report_json_node (PfChecklistRun     *self);

G_END_DECLS
