/* pf-checklist-template-private.h — template ids, shared by item, step and template
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Which part of a template a member belongs to, for the error message */
typedef enum {
  PF_CHECKLIST_PART_ITEM,
  PF_CHECKLIST_PART_STEP,
  PF_CHECKLIST_PART_TEMPLATE,
} PfChecklistPart;

/* Lowercase ASCII letters, digits and single dashes ("backup-verified"),
 * starting with a letter or digit, at most 100 bytes: safe as a file name */
gboolean _pf_checklist_id_is_valid      (const char       *id);

/* The part's "id": present, a string and valid; else a
 * PF_CHECKLIST_ERROR_INVALID_TEMPLATE that says so */
gboolean _pf_checklist_json_get_id      (JsonObject       *object,
                                         PfChecklistPart   part,
                                         const char      **out,
                                         GError          **error);

G_END_DECLS
