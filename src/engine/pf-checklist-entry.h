/* pf-checklist-entry.h — one item of a checklist run and where it stands
 *
 * A manual item is ticked by a named person (state DONE, who, when, an
 * optional note). An automatic item gets its state from its check, with
 * evidence: one plain sentence ("1.2 GB free on /var/lib, the database is
 * 310 MB") and optional detail lines. An automatic check that cannot be
 * verified from here (PostgreSQL's disk space on a remote server) becomes a
 * manual item: "manual-fallback" is TRUE and the person ticks it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pf-checklist-item.h"

G_BEGIN_DECLS

typedef enum {
  PF_CHECKLIST_STATE_OPEN,            /* not ticked / not run yet */
  PF_CHECKLIST_STATE_RUNNING,         /* an automatic check running now; never saved */
  PF_CHECKLIST_STATE_DONE,            /* ticked, or the check passed */
  PF_CHECKLIST_STATE_FAILED,          /* the check failed */
  PF_CHECKLIST_STATE_NOT_APPLICABLE,  /* the check does not apply (SQLite has no sessions) */
  PF_CHECKLIST_STATE_SKIPPED,         /* an optional item the user skipped */
} PfChecklistState;

GType       pf_checklist_state_get_type    (void) G_GNUC_CONST;
#define PF_TYPE_CHECKLIST_STATE (pf_checklist_state_get_type ())
/* "open", "running", "done", "failed", "n/a", "skipped" (preflight-report/1) */
const char *pf_checklist_state_to_string   (PfChecklistState  state);
gboolean    pf_checklist_state_from_string (const char       *string,
                                            PfChecklistState *out_state);
/* "Open", "Running", "Passed"/"Done", "Failed", "Not applicable", "Skipped",
 * translated; DONE reads "Passed" for automatic items */
const char *pf_checklist_state_to_label    (PfChecklistState  state,
                                            PfChecklistItemKind kind);

#define PF_TYPE_CHECKLIST_ENTRY (pf_checklist_entry_get_type ())
G_DECLARE_FINAL_TYPE (PfChecklistEntry, pf_checklist_entry, PF, CHECKLIST_ENTRY, GObject)

/* Properties (read-only, notify when changed): "item", "state", "who",
 * "when", "note", "evidence", "details", "manual-fallback", "checked-at".
 * Changed through PfChecklistRun, which saves. */

PfChecklistEntry *pf_checklist_entry_new                (PfChecklistItem  *item);
PfChecklistItem  *pf_checklist_entry_get_item           (PfChecklistEntry *self);
PfChecklistState  pf_checklist_entry_get_state          (PfChecklistEntry *self);
/* Who ticked it (manual), NULL otherwise */
const char       *pf_checklist_entry_get_who            (PfChecklistEntry *self);
/* When it was ticked, skipped or checked (UTC); NULL while open */
GDateTime        *pf_checklist_entry_get_when           (PfChecklistEntry *self);
const char       *pf_checklist_entry_get_note           (PfChecklistEntry *self);
const char       *pf_checklist_entry_get_evidence       (PfChecklistEntry *self);
/* NULL-terminated, may be NULL */
const char * const *pf_checklist_entry_get_details      (PfChecklistEntry *self);
gboolean          pf_checklist_entry_get_manual_fallback (PfChecklistEntry *self);
/* A person must tick it: a manual item, or an automatic one that fell back */
gboolean          pf_checklist_entry_get_needs_person   (PfChecklistEntry *self);
/* Counts toward the progress: DONE, NOT_APPLICABLE or SKIPPED */
gboolean          pf_checklist_entry_get_settled        (PfChecklistEntry *self);
/* Required and not DONE/NOT_APPLICABLE: stands in the way of GO */
gboolean          pf_checklist_entry_get_blocking       (PfChecklistEntry *self);

/* {"id","state","who","when","note","evidence","details","manual_fallback",
 *  "checked_at"}: times UTC ISO 8601, RUNNING written as "open";
 * "checked_at" is when the check last answered (the "checked-at" property) */
JsonNode         *pf_checklist_entry_to_json_node       (PfChecklistEntry *self);
/* Reads the state saved by to_json_node into @self (same item id);
 * RUNNING is read back as OPEN */
gboolean          pf_checklist_entry_load_json_node     (PfChecklistEntry *self,
                                                         JsonNode         *node,
                                                         GError          **error);

G_END_DECLS
