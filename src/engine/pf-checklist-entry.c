/* pf-checklist-entry.c — one item of a checklist run and where it stands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-checklist-entry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-checklist-entry-private.h"
#include "pf-checklist-error.h"
#include "pf-json-member.h"

/* ---- states ------------------------------------------------------------ */

G_DEFINE_ENUM_TYPE (PfChecklistState, pf_checklist_state,
  G_DEFINE_ENUM_VALUE (PF_CHECKLIST_STATE_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (PF_CHECKLIST_STATE_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (PF_CHECKLIST_STATE_DONE, "done"),
  G_DEFINE_ENUM_VALUE (PF_CHECKLIST_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (PF_CHECKLIST_STATE_NOT_APPLICABLE, "not-applicable"),
  G_DEFINE_ENUM_VALUE (PF_CHECKLIST_STATE_SKIPPED, "skipped"))

static const char * const state_strings[] = {
  [PF_CHECKLIST_STATE_OPEN] = "open",
  [PF_CHECKLIST_STATE_RUNNING] = "running",
  [PF_CHECKLIST_STATE_DONE] = "done",
  [PF_CHECKLIST_STATE_FAILED] = "failed",
  [PF_CHECKLIST_STATE_NOT_APPLICABLE] = "n/a",
  [PF_CHECKLIST_STATE_SKIPPED] = "skipped",
};

const char *
pf_checklist_state_to_string (PfChecklistState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_strings), NULL);

  return state_strings[state];
}

gboolean
pf_checklist_state_from_string (const char       *string,
                                PfChecklistState *out_state)
{
  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (state_strings); i++)
    if (g_str_equal (string, state_strings[i]))
      {
        if (out_state != NULL)
          *out_state = (PfChecklistState) i;
        return TRUE;
      }

  return FALSE;
}

const char *
pf_checklist_state_to_label (PfChecklistState    state,
                             PfChecklistItemKind kind)
{
  switch (state)
    {
    case PF_CHECKLIST_STATE_OPEN:
      return _("Open");
    case PF_CHECKLIST_STATE_RUNNING:
      return _("Running");
    case PF_CHECKLIST_STATE_DONE:
      return kind == PF_CHECKLIST_ITEM_AUTOMATIC ? _("Passed") : _("Done");
    case PF_CHECKLIST_STATE_FAILED:
      return _("Failed");
    case PF_CHECKLIST_STATE_NOT_APPLICABLE:
      return _("Not applicable");
    case PF_CHECKLIST_STATE_SKIPPED:
      return _("Skipped");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- the entry --------------------------------------------------------- */

struct _PfChecklistEntry
{
  GObject           parent_instance;

  PfChecklistItem  *item;
  PfChecklistState  state;
  char             *who;
  GDateTime        *when;
  char             *note;
  char             *evidence;
  GStrv             details;
  gboolean          manual_fallback;
  GDateTime        *checked_at;
};

G_DEFINE_FINAL_TYPE (PfChecklistEntry, pf_checklist_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_STATE,
  PROP_WHO,
  PROP_WHEN,
  PROP_NOTE,
  PROP_EVIDENCE,
  PROP_DETAILS,
  PROP_MANUAL_FALLBACK,
  PROP_CHECKED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_checklist_entry_finalize (GObject *object)
{
  PfChecklistEntry *self = (PfChecklistEntry *)object;

  g_clear_object (&self->item);
  g_clear_pointer (&self->who, g_free);
  g_clear_pointer (&self->when, g_date_time_unref);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->evidence, g_free);
  g_clear_pointer (&self->details, g_strfreev);
  g_clear_pointer (&self->checked_at, g_date_time_unref);

  G_OBJECT_CLASS (pf_checklist_entry_parent_class)->finalize (object);
}

static void
pf_checklist_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PfChecklistEntry *self = PF_CHECKLIST_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_WHO:
      g_value_set_string (value, self->who);
      break;

    case PROP_WHEN:
      g_value_set_boxed (value, self->when);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_EVIDENCE:
      g_value_set_string (value, self->evidence);
      break;

    case PROP_DETAILS:
      g_value_set_boxed (value, self->details);
      break;

    case PROP_MANUAL_FALLBACK:
      g_value_set_boolean (value, self->manual_fallback);
      break;

    case PROP_CHECKED_AT:
      g_value_set_boxed (value, self->checked_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_checklist_entry_class_init (PfChecklistEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_checklist_entry_finalize;
  object_class->get_property = pf_checklist_entry_get_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, PF_TYPE_CHECKLIST_ITEM,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PF_TYPE_CHECKLIST_STATE, PF_CHECKLIST_STATE_OPEN,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WHO] =
    g_param_spec_string ("who", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WHEN] =
    g_param_spec_boxed ("when", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EVIDENCE] =
    g_param_spec_string ("evidence", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DETAILS] =
    g_param_spec_boxed ("details", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MANUAL_FALLBACK] =
    g_param_spec_boolean ("manual-fallback", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CHECKED_AT] =
    g_param_spec_boxed ("checked-at", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_checklist_entry_init (PfChecklistEntry *self)
{
  self->state = PF_CHECKLIST_STATE_OPEN;
}

PfChecklistEntry *
pf_checklist_entry_new (PfChecklistItem *item)
{
  PfChecklistEntry *self;

  g_return_val_if_fail (PF_IS_CHECKLIST_ITEM (item), NULL);

  self = g_object_new (PF_TYPE_CHECKLIST_ENTRY, NULL);
  self->item = g_object_ref (item);
  return self;
}

/* ---- changing (each notifies only when the value changes) ------------- */

static gboolean
set_state (PfChecklistEntry *self,
           PfChecklistState  state)
{
  if (self->state == state)
    return FALSE;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  return TRUE;
}

static gboolean
set_string (PfChecklistEntry  *self,
            char             **field,
            const char        *value,
            guint              prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

static gboolean
set_time (PfChecklistEntry  *self,
          GDateTime        **field,
          GDateTime         *value,
          guint              prop_id)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return FALSE;

  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_to_utc (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

static gboolean
set_details (PfChecklistEntry   *self,
             const char * const *details)
{
  /* An empty list is kept as none */
  if (details != NULL && details[0] == NULL)
    details = NULL;

  if (self->details == NULL && details == NULL)
    return FALSE;
  if (self->details != NULL && details != NULL &&
      g_strv_equal ((const char * const *) self->details, details))
    return FALSE;

  g_strfreev (self->details);
  self->details = g_strdupv ((char **) details);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
  return TRUE;
}

static gboolean
set_manual_fallback (PfChecklistEntry *self,
                     gboolean          manual_fallback)
{
  manual_fallback = !!manual_fallback;
  if (self->manual_fallback == manual_fallback)
    return FALSE;

  self->manual_fallback = manual_fallback;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANUAL_FALLBACK]);
  return TRUE;
}

static const char *
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

gboolean
_pf_checklist_entry_tick (PfChecklistEntry *self,
                          const char       *who,
                          const char       *note,
                          GDateTime        *when)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), FALSE);

  g_object_freeze_notify (G_OBJECT (self));
  changed |= set_state (self, PF_CHECKLIST_STATE_DONE);
  changed |= set_string (self, &self->who, nonempty (who), PROP_WHO);
  changed |= set_time (self, &self->when, when, PROP_WHEN);
  changed |= set_string (self, &self->note, nonempty (note), PROP_NOTE);
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

gboolean
_pf_checklist_entry_untick (PfChecklistEntry *self)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), FALSE);

  g_object_freeze_notify (G_OBJECT (self));
  changed |= set_state (self, PF_CHECKLIST_STATE_OPEN);
  changed |= set_string (self, &self->who, NULL, PROP_WHO);
  changed |= set_time (self, &self->when, NULL, PROP_WHEN);
  changed |= set_string (self, &self->note, NULL, PROP_NOTE);
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

gboolean
_pf_checklist_entry_skip (PfChecklistEntry *self,
                          GDateTime        *when)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), FALSE);

  if (self->state == PF_CHECKLIST_STATE_SKIPPED)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  changed |= set_state (self, PF_CHECKLIST_STATE_SKIPPED);
  changed |= set_string (self, &self->who, NULL, PROP_WHO);
  changed |= set_time (self, &self->when, when, PROP_WHEN);
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

gboolean
_pf_checklist_entry_set_result (PfChecklistEntry   *self,
                                PfChecklistState    state,
                                const char         *evidence,
                                const char * const *details,
                                gboolean            manual_fallback,
                                GDateTime          *when)
{
  gboolean changed = FALSE;
  gboolean keep_tick;

  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), FALSE);
  g_return_val_if_fail (state != PF_CHECKLIST_STATE_RUNNING, FALSE);

  /* A check that still cannot verify this from here keeps the person's
   * tick: running it again must not undo their word */
  keep_tick = manual_fallback && self->manual_fallback &&
              self->state == PF_CHECKLIST_STATE_DONE && self->who != NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (!keep_tick)
    {
      changed |= set_state (self, state);
      changed |= set_string (self, &self->who, NULL, PROP_WHO);
      changed |= set_string (self, &self->note, NULL, PROP_NOTE);
      changed |= set_time (self, &self->when,
                           state == PF_CHECKLIST_STATE_OPEN ? NULL : when, PROP_WHEN);
    }
  changed |= set_string (self, &self->evidence, nonempty (evidence), PROP_EVIDENCE);
  changed |= set_details (self, details);
  changed |= set_manual_fallback (self, manual_fallback);
  changed |= set_time (self, &self->checked_at, when, PROP_CHECKED_AT);
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

void
_pf_checklist_entry_set_running (PfChecklistEntry *self)
{
  g_return_if_fail (PF_IS_CHECKLIST_ENTRY (self));

  set_state (self, PF_CHECKLIST_STATE_RUNNING);
}

/* ---- getters ----------------------------------------------------------- */

PfChecklistItem *
pf_checklist_entry_get_item (PfChecklistEntry *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), NULL);

  return self->item;
}

PfChecklistState
pf_checklist_entry_get_state (PfChecklistEntry *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), PF_CHECKLIST_STATE_OPEN);

  return self->state;
}

const char *
pf_checklist_entry_get_who (PfChecklistEntry *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), NULL);

  return self->who;
}

GDateTime *
pf_checklist_entry_get_when (PfChecklistEntry *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), NULL);

  return self->when;
}

const char *
pf_checklist_entry_get_note (PfChecklistEntry *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), NULL);

  return self->note;
}

const char *
pf_checklist_entry_get_evidence (PfChecklistEntry *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), NULL);

  return self->evidence;
}

const char * const *
pf_checklist_entry_get_details (PfChecklistEntry *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), NULL);

  return (const char * const *) self->details;
}

gboolean
pf_checklist_entry_get_manual_fallback (PfChecklistEntry *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), FALSE);

  return self->manual_fallback;
}

gboolean
pf_checklist_entry_get_needs_person (PfChecklistEntry *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), FALSE);

  return pf_checklist_item_get_kind (self->item) == PF_CHECKLIST_ITEM_MANUAL || self->manual_fallback;
}

gboolean
pf_checklist_entry_get_settled (PfChecklistEntry *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), FALSE);

  return self->state == PF_CHECKLIST_STATE_DONE ||
         self->state == PF_CHECKLIST_STATE_NOT_APPLICABLE ||
         self->state == PF_CHECKLIST_STATE_SKIPPED;
}

gboolean
pf_checklist_entry_get_blocking (PfChecklistEntry *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), FALSE);

  return pf_checklist_item_get_required (self->item) &&
         self->state != PF_CHECKLIST_STATE_DONE &&
         self->state != PF_CHECKLIST_STATE_NOT_APPLICABLE;
}

/* ---- JSON -------------------------------------------------------------- */

JsonNode *
pf_checklist_entry_to_json_node (PfChecklistEntry *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  PfChecklistState state;

  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), NULL);

  /* A check running now did not finish: it is saved as not run */
  state = self->state == PF_CHECKLIST_STATE_RUNNING ? PF_CHECKLIST_STATE_OPEN : self->state;

  json_builder_begin_object (builder);
  pf_json_member_set_string (builder, "id", pf_checklist_item_get_id (self->item));
  pf_json_member_set_string (builder, "state", pf_checklist_state_to_string (state));
  pf_json_member_set_string (builder, "who", self->who);
  pf_json_member_set_time (builder, "when", self->when);
  pf_json_member_set_string (builder, "note", self->note);
  pf_json_member_set_string (builder, "evidence", self->evidence);
  json_builder_set_member_name (builder, "details");
  json_builder_begin_array (builder);
  for (guint i = 0; self->details != NULL && self->details[i] != NULL; i++)
    json_builder_add_string_value (builder, self->details[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "manual_fallback");
  json_builder_add_boolean_value (builder, self->manual_fallback);
  pf_json_member_set_time (builder, "checked_at", self->checked_at);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
load_json_node (PfChecklistEntry  *self,
                JsonNode          *node,
                GError           **error)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) checked_at = NULL;
  g_autoptr(GPtrArray) details = g_ptr_array_new ();
  PfChecklistState state;
  JsonObject *object;
  JsonArray *array;
  const char *id;
  const char *state_text;
  const char *who;
  const char *note;
  const char *evidence;
  gboolean manual_fallback;

  if (!pf_json_member_node_get_object (node, "entries", &object, error) ||
      !pf_json_member_get_string (object, "id", PF_JSON_MEMBER_REQUIRED, &id, error) ||
      !pf_json_member_get_string (object, "state", PF_JSON_MEMBER_REQUIRED, &state_text, error) ||
      !pf_json_member_get_string (object, "who", PF_JSON_MEMBER_OPTIONAL, &who, error) ||
      !pf_json_member_get_time (object, "when", PF_JSON_MEMBER_OPTIONAL, &when, error) ||
      !pf_json_member_get_string (object, "note", PF_JSON_MEMBER_OPTIONAL, &note, error) ||
      !pf_json_member_get_string (object, "evidence", PF_JSON_MEMBER_OPTIONAL, &evidence, error) ||
      !pf_json_member_get_boolean (object, "manual_fallback", PF_JSON_MEMBER_OPTIONAL, FALSE, &manual_fallback, error) ||
      !pf_json_member_get_time (object, "checked_at", PF_JSON_MEMBER_OPTIONAL, &checked_at, error))
    return FALSE;

  if (!g_str_equal (id, pf_checklist_item_get_id (self->item)))
    {
      g_autofree char *expected = g_strdup_printf ("“%s”", pf_checklist_item_get_id (self->item));

      return pf_json_member_set_error (error, "id", expected);
    }

  if (!pf_checklist_state_from_string (state_text, &state))
    return pf_json_member_set_error (error, "state", _("a checklist state"));
  if (state == PF_CHECKLIST_STATE_RUNNING)
    state = PF_CHECKLIST_STATE_OPEN;

  if (!pf_json_member_get_array (object, "details", PF_JSON_MEMBER_OPTIONAL, &array, error))
    return FALSE;
  if (array != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *line = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (line) || json_node_get_value_type (line) != G_TYPE_STRING)
            return pf_json_member_set_error (error, "details", _("a list of lines"));
          g_ptr_array_add (details, (gpointer) json_node_get_string (line));
        }
    }
  g_ptr_array_add (details, NULL);

  g_object_freeze_notify (G_OBJECT (self));
  set_state (self, state);
  set_string (self, &self->who, who, PROP_WHO);
  set_time (self, &self->when, when, PROP_WHEN);
  set_string (self, &self->note, note, PROP_NOTE);
  set_string (self, &self->evidence, evidence, PROP_EVIDENCE);
  set_details (self, (const char * const *) details->pdata);
  set_manual_fallback (self, manual_fallback);
  set_time (self, &self->checked_at, checked_at, PROP_CHECKED_AT);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

gboolean
pf_checklist_entry_load_json_node (PfChecklistEntry  *self,
                                   JsonNode          *node,
                                   GError           **error)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!load_json_node (self, node, error))
    {
      _pf_checklist_progress_invalid (error);
      return FALSE;
    }
  return TRUE;
}
