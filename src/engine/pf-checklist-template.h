/* pf-checklist-template.h — a named checklist: steps of items
 *
 * Bundled templates live in data/checklists/<id>.json (the engine's GResource,
 * /io/github/preflightdb/Preflight/engine/checklists/); custom ones, made by
 * duplicating a template in the app, under the user config dir (see
 * PfChecklistTemplates). The file:
 *
 *   { "schema": "preflight-checklist-template/1", "id": "routine-migration",
 *     "title": "Routine schema migration", "description": "…",
 *     "steps": [ <step>, … ] }
 *
 * Item ids are unique within a template. Every id (template, step, item) is
 * lowercase ASCII letters, digits and single dashes ("restore-tested"), at
 * most 100 bytes, so a template's id is safe as its file name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-checklist-step.h"

G_BEGIN_DECLS

#define PF_CHECKLIST_TEMPLATE_SCHEMA "preflight-checklist-template/1"

#define PF_TYPE_CHECKLIST_TEMPLATE (pf_checklist_template_get_type ())
G_DECLARE_FINAL_TYPE (PfChecklistTemplate, pf_checklist_template, PF, CHECKLIST_TEMPLATE, GObject)

/* Properties: "id", "title" (writable for custom templates), "description", "builtin" */

PfChecklistTemplate *pf_checklist_template_new_from_json_node (JsonNode            *node,
                                                               gboolean             builtin,
                                                               GError             **error);
JsonNode            *pf_checklist_template_to_json_node       (PfChecklistTemplate *self);
/* A deep, editable (not builtin) copy under a new id and title */
PfChecklistTemplate *pf_checklist_template_duplicate          (PfChecklistTemplate *self,
                                                               const char          *id,
                                                               const char          *title);

const char          *pf_checklist_template_get_id             (PfChecklistTemplate *self);
const char          *pf_checklist_template_get_title          (PfChecklistTemplate *self);
void                 pf_checklist_template_set_title          (PfChecklistTemplate *self,
                                                               const char          *title);
const char          *pf_checklist_template_get_description    (PfChecklistTemplate *self);
gboolean             pf_checklist_template_get_builtin        (PfChecklistTemplate *self);
/* PfChecklistStep, in order */
GListModel          *pf_checklist_template_get_steps          (PfChecklistTemplate *self);
guint                pf_checklist_template_get_n_items        (PfChecklistTemplate *self);
/* Transfer none; NULL when no item has @id; @out_step_index may be NULL */
PfChecklistItem     *pf_checklist_template_find_item          (PfChecklistTemplate *self,
                                                               const char          *id,
                                                               guint               *out_step_index);

G_END_DECLS
