/* pf-checklist-signoff.h — a named person said GO (or NO-GO) at one moment
 *
 * The fingerprint is the SHA-256 of the facts (pf-checklist-facts.h) as
 * they were at signing; the facts are kept too, so Check Again can say what
 * changed, not only that something did.
 *
 *   { "signer": "Anna Kowalska", "role": "Service manager",
 *     "signed_at": "…", "verdict": "go", "fingerprint": "<64 hex>",
 *     "facts": { … } }
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PF_TYPE_CHECKLIST_SIGNOFF (pf_checklist_signoff_get_type ())
G_DECLARE_FINAL_TYPE (PfChecklistSignoff, pf_checklist_signoff, PF, CHECKLIST_SIGNOFF, GObject)

/* @signed_at NULL means now; @verdict is "go", "go-with-warnings" or
 * "no-go"; @facts is copied and its fingerprint computed */
PfChecklistSignoff *pf_checklist_signoff_new                (const char         *signer,
                                                             const char         *role,
                                                             GDateTime          *signed_at,
                                                             const char         *verdict,
                                                             JsonNode           *facts);
/* The fingerprint is read back as it was signed, not recomputed */
PfChecklistSignoff *pf_checklist_signoff_new_from_json_node (JsonNode           *node,
                                                             GError            **error);
JsonNode           *pf_checklist_signoff_to_json_node       (PfChecklistSignoff *self);

const char         *pf_checklist_signoff_get_signer         (PfChecklistSignoff *self);
const char         *pf_checklist_signoff_get_role           (PfChecklistSignoff *self);
GDateTime          *pf_checklist_signoff_get_signed_at      (PfChecklistSignoff *self);
const char         *pf_checklist_signoff_get_verdict        (PfChecklistSignoff *self);
const char         *pf_checklist_signoff_get_fingerprint    (PfChecklistSignoff *self);
JsonNode           *pf_checklist_signoff_get_facts          (PfChecklistSignoff *self);

G_END_DECLS
