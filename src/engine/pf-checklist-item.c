/* pf-checklist-item.c — one thing to check before a migration, as a template describes it
 *
 * Copyright 2026 The Preflight authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-checklist-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-checklist-check-ids.h"
#include "pf-checklist-error.h"
#include "pf-checklist-item.h"
#include "pf-checklist-template-private.h"
#include "pf-json-member.h"

struct _PfChecklistItem
{
  GObject              parent_instance;

  char                *id;
  char                *title;
  char                *why;
  char                *check;   /* NULL for manual items */
  char                *role;    /* never NULL */
  PfChecklistItemKind  kind;
  gboolean             required;
};

G_DEFINE_FINAL_TYPE (PfChecklistItem, pf_checklist_item, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PfChecklistItemKind, pf_checklist_item_kind,
                    G_DEFINE_ENUM_VALUE (PF_CHECKLIST_ITEM_MANUAL, "manual"),
                    G_DEFINE_ENUM_VALUE (PF_CHECKLIST_ITEM_AUTOMATIC, "automatic"))

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_WHY,
  PROP_KIND,
  PROP_CHECK,
  PROP_REQUIRED,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_checklist_item_finalize (GObject *object)
{
  PfChecklistItem *self = (PfChecklistItem *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->why, g_free);
  g_clear_pointer (&self->check, g_free);
  g_clear_pointer (&self->role, g_free);

  G_OBJECT_CLASS (pf_checklist_item_parent_class)->finalize (object);
}

static void
pf_checklist_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PfChecklistItem *self = PF_CHECKLIST_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_WHY:
      g_value_set_string (value, self->why);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_CHECK:
      g_value_set_string (value, self->check);
      break;

    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_checklist_item_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PfChecklistItem *self = PF_CHECKLIST_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      pf_checklist_item_set_title (self, g_value_get_string (value));
      break;

    case PROP_WHY:
      pf_checklist_item_set_why (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_CHECK:
      self->check = g_value_dup_string (value);
      break;

    case PROP_REQUIRED:
      pf_checklist_item_set_required (self, g_value_get_boolean (value));
      break;

    case PROP_ROLE:
      g_free (self->role);
      self->role = g_strdup (g_value_get_string (value) ? g_value_get_string (value) : "");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_checklist_item_class_init (PfChecklistItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_checklist_item_finalize;
  object_class->get_property = pf_checklist_item_get_property;
  object_class->set_property = pf_checklist_item_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_WHY] =
    g_param_spec_string ("why", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       PF_TYPE_CHECKLIST_ITEM_KIND,
                       PF_CHECKLIST_ITEM_MANUAL,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHECK] =
    g_param_spec_string ("check", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_checklist_item_init (PfChecklistItem *self)
{
  self->title = g_strdup ("");
  self->why = g_strdup ("");
  self->role = g_strdup ("");
  self->required = TRUE;
}

PfChecklistItem *
pf_checklist_item_new (const char          *id,
                       const char          *title,
                       const char          *why,
                       PfChecklistItemKind  kind,
                       const char          *check,
                       gboolean             required,
                       const char          *role)
{
  g_return_val_if_fail (_pf_checklist_id_is_valid (id), NULL);
  g_return_val_if_fail (kind == PF_CHECKLIST_ITEM_MANUAL || kind == PF_CHECKLIST_ITEM_AUTOMATIC, NULL);
  g_return_val_if_fail (kind == PF_CHECKLIST_ITEM_MANUAL || pf_checklist_checks_is_known (check), NULL);

  return g_object_new (PF_TYPE_CHECKLIST_ITEM,
                       "id", id,
                       "title", title,
                       "why", why,
                       "kind", kind,
                       "check", kind == PF_CHECKLIST_ITEM_AUTOMATIC ? check : NULL,
                       "required", required,
                       "role", role,
                       NULL);
}

PfChecklistItem *
pf_checklist_item_copy (PfChecklistItem *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ITEM (self), NULL);

  return pf_checklist_item_new (self->id, self->title, self->why, self->kind,
                                self->check, self->required, self->role);
}

/* ----------------------------------------------------------- JSON -- */

PfChecklistItem *
pf_checklist_item_new_from_json_node (JsonNode  *node,
                                      GError   **error)
{
  JsonObject *object;
  const char *id, *title, *why, *kind, *check, *role;
  gboolean required;
  PfChecklistItemKind item_kind;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                           _("A checklist item is not an object in curly braces."));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!_pf_checklist_json_get_id (object, PF_CHECKLIST_PART_ITEM, &id, error))
    return NULL;
  if (!pf_json_member_get_string (object, "title", PF_JSON_MEMBER_NOT_EMPTY, &title, error) ||
      !pf_json_member_get_string (object, "why", PF_JSON_MEMBER_NOT_EMPTY, &why, error) ||
      !pf_json_member_get_string (object, "kind", PF_JSON_MEMBER_NOT_EMPTY, &kind, error) ||
      !pf_json_member_get_string (object, "check", PF_JSON_MEMBER_OPTIONAL, &check, error) ||
      !pf_json_member_get_string (object, "role", PF_JSON_MEMBER_OPTIONAL, &role, error) ||
      !pf_json_member_get_boolean (object, "required", PF_JSON_MEMBER_OPTIONAL, TRUE, &required, error))
    {
      pf_json_member_error_rewrap (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                                   /* TRANSLATORS: %s is an item id such as “restore-tested”;
                                    * a sentence such as ““title” is missing or is not a string.” follows */
                                   _("In the item “%s”, "), id);
      return NULL;
    }

  if (g_str_equal (kind, "manual"))
    item_kind = PF_CHECKLIST_ITEM_MANUAL;
  else if (g_str_equal (kind, "automatic"))
    item_kind = PF_CHECKLIST_ITEM_AUTOMATIC;
  else
    {
      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                   /* TRANSLATORS: “manual” and “automatic” are literal JSON values */
                   _("The item “%s” has a “kind” that is neither “manual” nor “automatic”."), id);
      return NULL;
    }

  if (item_kind == PF_CHECKLIST_ITEM_AUTOMATIC && check == NULL)
    {
      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                   _("The automatic item “%s” has no “check”."), id);
      return NULL;
    }
  if (item_kind == PF_CHECKLIST_ITEM_AUTOMATIC && !pf_checklist_checks_is_known (check))
    {
      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                   _("The item “%s” has an unknown “check”: “%s”."), id, check);
      return NULL;
    }
  if (item_kind == PF_CHECKLIST_ITEM_MANUAL && check != NULL)
    {
      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                   _("The manual item “%s” has a “check”; only automatic items have one."), id);
      return NULL;
    }

  return pf_checklist_item_new (id, title, why, item_kind, check, required, role);
}

JsonNode *
pf_checklist_item_to_json_node (PfChecklistItem *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (PF_IS_CHECKLIST_ITEM (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);
  json_builder_set_member_name (builder, "why");
  json_builder_add_string_value (builder, self->why);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder,
                                 self->kind == PF_CHECKLIST_ITEM_AUTOMATIC ? "automatic" : "manual");
  if (self->check != NULL)
    {
      json_builder_set_member_name (builder, "check");
      json_builder_add_string_value (builder, self->check);
    }
  json_builder_set_member_name (builder, "required");
  json_builder_add_boolean_value (builder, self->required);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, self->role);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ----------------------------------------------------- properties -- */

const char *
pf_checklist_item_get_id (PfChecklistItem *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ITEM (self), NULL);

  return self->id;
}

const char *
pf_checklist_item_get_title (PfChecklistItem *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ITEM (self), NULL);

  return self->title;
}

static void
set_text (PfChecklistItem  *self,
          char            **field,
          const char       *value,
          guint             prop_id)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
pf_checklist_item_set_title (PfChecklistItem *self,
                             const char      *title)
{
  g_return_if_fail (PF_IS_CHECKLIST_ITEM (self));

  set_text (self, &self->title, title, PROP_TITLE);
}

const char *
pf_checklist_item_get_why (PfChecklistItem *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ITEM (self), NULL);

  return self->why;
}

void
pf_checklist_item_set_why (PfChecklistItem *self,
                           const char      *why)
{
  g_return_if_fail (PF_IS_CHECKLIST_ITEM (self));

  set_text (self, &self->why, why, PROP_WHY);
}

PfChecklistItemKind
pf_checklist_item_get_kind (PfChecklistItem *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ITEM (self), PF_CHECKLIST_ITEM_MANUAL);

  return self->kind;
}

const char *
pf_checklist_item_get_check (PfChecklistItem *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ITEM (self), NULL);

  return self->check;
}

gboolean
pf_checklist_item_get_required (PfChecklistItem *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ITEM (self), FALSE);

  return self->required;
}

void
pf_checklist_item_set_required (PfChecklistItem *self,
                                gboolean         required)
{
  g_return_if_fail (PF_IS_CHECKLIST_ITEM (self));

  required = !!required;
  if (self->required == required)
    return;

  self->required = required;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRED]);
}

const char *
pf_checklist_item_get_role (PfChecklistItem *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ITEM (self), NULL);

  return self->role;
}
