/* pf-checklist-step.c — one page of the checklist wizard: a group of items
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

#define G_LOG_DOMAIN "pf-checklist-step"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-checklist-error.h"
#include "pf-checklist-step.h"
#include "pf-checklist-template-private.h"
#include "pf-json-member.h"

struct _PfChecklistStep
{
  GObject     parent_instance;

  char       *id;
  char       *title;
  char       *description;
  GListStore *items;        /* PfChecklistItem */
};

G_DEFINE_FINAL_TYPE (PfChecklistStep, pf_checklist_step, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_checklist_step_finalize (GObject *object)
{
  PfChecklistStep *self = (PfChecklistStep *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (pf_checklist_step_parent_class)->finalize (object);
}

static void
pf_checklist_step_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PfChecklistStep *self = PF_CHECKLIST_STEP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_checklist_step_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PfChecklistStep *self = PF_CHECKLIST_STEP (object);
  const char *text;

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      text = g_value_get_string (value);
      g_free (self->title);
      self->title = g_strdup (text != NULL ? text : "");
      break;

    case PROP_DESCRIPTION:
      text = g_value_get_string (value);
      g_free (self->description);
      self->description = g_strdup (text != NULL ? text : "");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_checklist_step_class_init (PfChecklistStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_checklist_step_finalize;
  object_class->get_property = pf_checklist_step_get_property;
  object_class->set_property = pf_checklist_step_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_checklist_step_init (PfChecklistStep *self)
{
  self->title = g_strdup ("");
  self->description = g_strdup ("");
  self->items = g_list_store_new (PF_TYPE_CHECKLIST_ITEM);
}

PfChecklistStep *
pf_checklist_step_new (const char *id,
                       const char *title,
                       const char *description)
{
  g_return_val_if_fail (_pf_checklist_id_is_valid (id), NULL);

  return g_object_new (PF_TYPE_CHECKLIST_STEP,
                       "id", id,
                       "title", title,
                       "description", description,
                       NULL);
}

PfChecklistStep *
pf_checklist_step_copy (PfChecklistStep *self)
{
  g_autoptr(PfChecklistStep) copy = NULL;
  guint n_items;

  g_return_val_if_fail (PF_IS_CHECKLIST_STEP (self), NULL);

  copy = pf_checklist_step_new (self->id, self->title, self->description);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PfChecklistItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      g_autoptr(PfChecklistItem) item_copy = pf_checklist_item_copy (item);

      g_list_store_append (copy->items, item_copy);
    }

  return g_steal_pointer (&copy);
}

/* ----------------------------------------------------------- JSON -- */

PfChecklistStep *
pf_checklist_step_new_from_json_node (JsonNode  *node,
                                      GError   **error)
{
  g_autoptr(PfChecklistStep) self = NULL;
  JsonObject *object;
  JsonArray *items;
  const char *id, *title, *description;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                           _("A checklist step is not an object in curly braces."));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!_pf_checklist_json_get_id (object, PF_CHECKLIST_PART_STEP, &id, error))
    return NULL;
  if (!pf_json_member_get_string (object, "title", PF_JSON_MEMBER_NOT_EMPTY, &title, error) ||
      !pf_json_member_get_string (object, "description", PF_JSON_MEMBER_OPTIONAL, &description, error) ||
      !pf_json_member_get_array (object, "items", PF_JSON_MEMBER_NOT_EMPTY, &items, error))
    {
      pf_json_member_error_rewrap (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                                   /* TRANSLATORS: %s is a step id such as “backup”;
                                    * a sentence such as ““title” is missing or is not a string.” follows */
                                   _("In the step “%s”, "), id);
      return NULL;
    }

  self = pf_checklist_step_new (id, title, description);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autoptr(PfChecklistItem) item = NULL;

      item = pf_checklist_item_new_from_json_node (json_array_get_element (items, i), error);
      if (item == NULL)
        return NULL;
      g_list_store_append (self->items, item);
    }

  return g_steal_pointer (&self);
}

JsonNode *
pf_checklist_step_to_json_node (PfChecklistStep *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_items;

  g_return_val_if_fail (PF_IS_CHECKLIST_STEP (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, self->description);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PfChecklistItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      json_builder_add_value (builder, pf_checklist_item_to_json_node (item));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ----------------------------------------------------- properties -- */

const char *
pf_checklist_step_get_id (PfChecklistStep *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_STEP (self), NULL);

  return self->id;
}

const char *
pf_checklist_step_get_title (PfChecklistStep *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_STEP (self), NULL);

  return self->title;
}

const char *
pf_checklist_step_get_description (PfChecklistStep *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_STEP (self), NULL);

  return self->description;
}

GListModel *
pf_checklist_step_get_items (PfChecklistStep *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_STEP (self), NULL);

  return G_LIST_MODEL (self->items);
}

void
pf_checklist_step_add_item (PfChecklistStep *self,
                            PfChecklistItem *item)
{
  g_return_if_fail (PF_IS_CHECKLIST_STEP (self));
  g_return_if_fail (PF_IS_CHECKLIST_ITEM (item));

  g_list_store_append (self->items, item);
}
