/* pf-checklist-item.h — one thing to check before a migration, as a template describes it
 *
 * An item is either manual (a person ticks it with their name) or automatic
 * (bound to an engine check, see pf-checklist-checks.h, that Preflight runs).
 * Its JSON, inside a template's step:
 *
 *   { "id": "backup-verified", "title": "A verified backup exists",
 *     "why": "If the migration goes wrong, …", "kind": "automatic",
 *     "check": "backup-verified", "required": true, "role": "DBA" }
 *
 * "check" only for automatic items; "required" defaults to true; "role" is
 * who usually does it ("DBA", "Service manager", "Developer"…), may be "".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  PF_CHECKLIST_ITEM_MANUAL,
  PF_CHECKLIST_ITEM_AUTOMATIC,
} PfChecklistItemKind;

GType pf_checklist_item_kind_get_type (void) G_GNUC_CONST;
#define PF_TYPE_CHECKLIST_ITEM_KIND (pf_checklist_item_kind_get_type ())

#define PF_TYPE_CHECKLIST_ITEM (pf_checklist_item_get_type ())
G_DECLARE_FINAL_TYPE (PfChecklistItem, pf_checklist_item, PF, CHECKLIST_ITEM, GObject)

/* Properties: "id", "title", "why", "kind", "check", "required", "role";
 * title, why and required are writable (custom templates) and notify. */

PfChecklistItem     *pf_checklist_item_new                (const char          *id,
                                                           const char          *title,
                                                           const char          *why,
                                                           PfChecklistItemKind  kind,
                                                           const char          *check,
                                                           gboolean             required,
                                                           const char          *role);
/* A PF_CHECKLIST_ERROR_INVALID_TEMPLATE naming the member when @node is not
 * an item; an automatic item's check must be one of
 * pf_checklist_checks_get_all(). */
PfChecklistItem     *pf_checklist_item_new_from_json_node (JsonNode            *node,
                                                           GError             **error);
JsonNode            *pf_checklist_item_to_json_node       (PfChecklistItem     *self);
PfChecklistItem     *pf_checklist_item_copy               (PfChecklistItem     *self);

const char          *pf_checklist_item_get_id             (PfChecklistItem     *self);
const char          *pf_checklist_item_get_title          (PfChecklistItem     *self);
void                 pf_checklist_item_set_title          (PfChecklistItem     *self,
                                                           const char          *title);
const char          *pf_checklist_item_get_why            (PfChecklistItem     *self);
void                 pf_checklist_item_set_why            (PfChecklistItem     *self,
                                                           const char          *why);
PfChecklistItemKind  pf_checklist_item_get_kind           (PfChecklistItem     *self);
/* The automatic check's id ("disk-space"); NULL for manual items */
const char          *pf_checklist_item_get_check          (PfChecklistItem     *self);
gboolean             pf_checklist_item_get_required       (PfChecklistItem     *self);
void                 pf_checklist_item_set_required       (PfChecklistItem     *self,
                                                           gboolean             required);
const char          *pf_checklist_item_get_role           (PfChecklistItem     *self);

G_END_DECLS
