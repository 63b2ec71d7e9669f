/* pf-checklist-signoff.c — a named person said GO (or NO-GO) at one moment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-checklist-signoff"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-checklist-error.h"
#include "pf-checklist-facts.h"
#include "pf-checklist-signoff.h"
#include "pf-json-member.h"

struct _PfChecklistSignoff
{
  GObject    parent_instance;

  char      *signer;
  char      *role;
  GDateTime *signed_at;
  char      *verdict;
  char      *fingerprint;
  JsonNode  *facts;
};

G_DEFINE_FINAL_TYPE (PfChecklistSignoff, pf_checklist_signoff, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SIGNER,
  PROP_ROLE,
  PROP_SIGNED_AT,
  PROP_VERDICT,
  PROP_FINGERPRINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_checklist_signoff_finalize (GObject *object)
{
  PfChecklistSignoff *self = (PfChecklistSignoff *)object;

  g_clear_pointer (&self->signer, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->signed_at, g_date_time_unref);
  g_clear_pointer (&self->verdict, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->facts, json_node_unref);

  G_OBJECT_CLASS (pf_checklist_signoff_parent_class)->finalize (object);
}

static void
pf_checklist_signoff_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PfChecklistSignoff *self = PF_CHECKLIST_SIGNOFF (object);

  switch (prop_id)
    {
    case PROP_SIGNER:
      g_value_set_string (value, self->signer);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    case PROP_SIGNED_AT:
      g_value_set_boxed (value, self->signed_at);
      break;

    case PROP_VERDICT:
      g_value_set_string (value, self->verdict);
      break;

    case PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_checklist_signoff_class_init (PfChecklistSignoffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_checklist_signoff_finalize;
  object_class->get_property = pf_checklist_signoff_get_property;

  properties[PROP_SIGNER] =
    g_param_spec_string ("signer", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SIGNED_AT] =
    g_param_spec_boxed ("signed-at", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_VERDICT] =
    g_param_spec_string ("verdict", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_FINGERPRINT] =
    g_param_spec_string ("fingerprint", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_checklist_signoff_init (PfChecklistSignoff *self)
{
}

static gboolean
verdict_is_valid (const char *verdict)
{
  return g_strcmp0 (verdict, "go") == 0 ||
         g_strcmp0 (verdict, "go-with-warnings") == 0 ||
         g_strcmp0 (verdict, "no-go") == 0;
}

static gboolean
fingerprint_is_valid (const char *fingerprint)
{
  if (fingerprint == NULL || strlen (fingerprint) != 64)
    return FALSE;

  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (fingerprint[i]) || g_ascii_isupper (fingerprint[i]))
      return FALSE;

  return TRUE;
}

PfChecklistSignoff *
pf_checklist_signoff_new (const char *signer,
                          const char *role,
                          GDateTime  *signed_at,
                          const char *verdict,
                          JsonNode   *facts)
{
  PfChecklistSignoff *self;

  g_return_val_if_fail (signer != NULL, NULL);
  g_return_val_if_fail (verdict_is_valid (verdict), NULL);
  g_return_val_if_fail (facts != NULL && JSON_NODE_HOLDS_OBJECT (facts), NULL);

  self = g_object_new (PF_TYPE_CHECKLIST_SIGNOFF, NULL);
  self->signer = g_strdup (signer);
  self->role = g_strdup (role != NULL ? role : "");
  self->signed_at = pf_json_member_utc_or_now (signed_at);
  self->verdict = g_strdup (verdict);
  self->facts = json_node_copy (facts);
  self->fingerprint = pf_checklist_facts_dup_fingerprint (self->facts);

  return self;
}

static PfChecklistSignoff *
read_json_node (JsonNode  *node,
                GError   **error)
{
  g_autoptr(GDateTime) signed_at = NULL;
  PfChecklistSignoff *self;
  JsonObject *object;
  JsonObject *facts_object;
  JsonNode *facts;
  const char *signer;
  const char *role;
  const char *verdict;
  const char *fingerprint;

  if (!pf_json_member_node_get_object (node, "signoff", &object, error) ||
      !pf_json_member_get_string (object, "signer", PF_JSON_MEMBER_REQUIRED, &signer, error) ||
      !pf_json_member_get_string (object, "role", PF_JSON_MEMBER_OPTIONAL, &role, error) ||
      !pf_json_member_get_time (object, "signed_at", PF_JSON_MEMBER_REQUIRED, &signed_at, error) ||
      !pf_json_member_get_string (object, "verdict", PF_JSON_MEMBER_REQUIRED, &verdict, error) ||
      !pf_json_member_get_string (object, "fingerprint", PF_JSON_MEMBER_REQUIRED, &fingerprint, error))
    return NULL;

  if (!verdict_is_valid (verdict))
    {
      pf_json_member_set_error (error, "verdict", _("“go”, “go-with-warnings” or “no-go”"));
      return NULL;
    }

  if (!fingerprint_is_valid (fingerprint))
    {
      pf_json_member_set_error (error, "fingerprint", _("a SHA-256 checksum"));
      return NULL;
    }

  if (!pf_json_member_get_object (object, "facts", PF_JSON_MEMBER_REQUIRED, &facts_object, error))
    return NULL;
  facts = json_object_get_member (object, "facts");

  /* The fingerprint is kept as it was signed, not recomputed: it is what
   * the signer vouched for */
  self = g_object_new (PF_TYPE_CHECKLIST_SIGNOFF, NULL);
  self->signer = g_strdup (signer);
  self->role = g_strdup (role != NULL ? role : "");
  self->signed_at = g_date_time_ref (signed_at);
  self->verdict = g_strdup (verdict);
  self->fingerprint = g_strdup (fingerprint);
  self->facts = json_node_copy (facts);

  return self;
}

PfChecklistSignoff *
pf_checklist_signoff_new_from_json_node (JsonNode  *node,
                                         GError   **error)
{
  PfChecklistSignoff *result;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(result = read_json_node (node, error)))
    _pf_checklist_progress_invalid (error);
  return result;
}

JsonNode *
pf_checklist_signoff_to_json_node (PfChecklistSignoff *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (PF_IS_CHECKLIST_SIGNOFF (self), NULL);

  json_builder_begin_object (builder);
  pf_json_member_set_string (builder, "signer", self->signer);
  pf_json_member_set_string (builder, "role", self->role);
  pf_json_member_set_time (builder, "signed_at", self->signed_at);
  pf_json_member_set_string (builder, "verdict", self->verdict);
  pf_json_member_set_string (builder, "fingerprint", self->fingerprint);
  json_builder_set_member_name (builder, "facts");
  json_builder_add_value (builder, json_node_copy (self->facts));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

const char *
pf_checklist_signoff_get_signer (PfChecklistSignoff *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_SIGNOFF (self), NULL);

  return self->signer;
}

const char *
pf_checklist_signoff_get_role (PfChecklistSignoff *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_SIGNOFF (self), NULL);

  return self->role;
}

GDateTime *
pf_checklist_signoff_get_signed_at (PfChecklistSignoff *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_SIGNOFF (self), NULL);

  return self->signed_at;
}

const char *
pf_checklist_signoff_get_verdict (PfChecklistSignoff *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_SIGNOFF (self), NULL);

  return self->verdict;
}

const char *
pf_checklist_signoff_get_fingerprint (PfChecklistSignoff *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_SIGNOFF (self), NULL);

  return self->fingerprint;
}

JsonNode *
pf_checklist_signoff_get_facts (PfChecklistSignoff *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_SIGNOFF (self), NULL);

  return self->facts;
}
