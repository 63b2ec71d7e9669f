/* pf-checklist-step.h — one page of the checklist wizard: a group of items
 *
 *   { "id": "backup", "title": "Back up and verify",
 *     "description": "One or two plain sentences.", "items": [ <item>, … ] }
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-checklist-item.h"

G_BEGIN_DECLS

#define PF_TYPE_CHECKLIST_STEP (pf_checklist_step_get_type ())
G_DECLARE_FINAL_TYPE (PfChecklistStep, pf_checklist_step, PF, CHECKLIST_STEP, GObject)

PfChecklistStep *pf_checklist_step_new                (const char      *id,
                                                       const char      *title,
                                                       const char      *description);
PfChecklistStep *pf_checklist_step_new_from_json_node (JsonNode        *node,
                                                       GError         **error);
JsonNode        *pf_checklist_step_to_json_node       (PfChecklistStep *self);
/* A deep copy: items are copied too */
PfChecklistStep *pf_checklist_step_copy               (PfChecklistStep *self);

const char      *pf_checklist_step_get_id             (PfChecklistStep *self);
const char      *pf_checklist_step_get_title          (PfChecklistStep *self);
const char      *pf_checklist_step_get_description    (PfChecklistStep *self);
/* PfChecklistItem, in order */
GListModel      *pf_checklist_step_get_items          (PfChecklistStep *self);
void             pf_checklist_step_add_item           (PfChecklistStep *self,
                                                       PfChecklistItem *item);

G_END_DECLS
