/* pf-checklist-template.c — a named checklist: steps of items
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

#define G_LOG_DOMAIN "pf-checklist-template"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-checklist-error.h"
#include "pf-checklist-template.h"
#include "pf-checklist-template-private.h"
#include "pf-json-member.h"

#define MAX_ID_LENGTH 100

struct _PfChecklistTemplate
{
  GObject     parent_instance;

  char       *id;
  char       *title;
  char       *description;
  GListStore *steps;        /* PfChecklistStep */
  gboolean    builtin;
};

G_DEFINE_FINAL_TYPE (PfChecklistTemplate, pf_checklist_template, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_BUILTIN,
  PROP_STEPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------- reading the JSON -- */

gboolean
_pf_checklist_id_is_valid (const char *id)
{
  gsize length;

  if (id == NULL || !g_ascii_isalnum (id[0]))
    return FALSE;

  length = strlen (id);
  if (length > MAX_ID_LENGTH || id[length - 1] == '-')
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!(g_ascii_islower (id[i]) || g_ascii_isdigit (id[i]) || id[i] == '-'))
        return FALSE;
      if (id[i] == '-' && id[i + 1] == '-')
        return FALSE;
    }

  return TRUE;
}

gboolean
_pf_checklist_json_get_id (JsonObject       *object,
                           PfChecklistPart   part,
                           const char      **out,
                           GError          **error)
{
  JsonNode *node = json_object_get_member (object, "id");
  const char *id = NULL;

  *out = NULL;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    id = json_node_get_string (node);

  if (id == NULL || id[0] == '\0')
    {
      switch (part)
        {
        case PF_CHECKLIST_PART_ITEM:
          g_set_error_literal (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                               _("A checklist item has no “id”."));
          break;

        case PF_CHECKLIST_PART_STEP:
          g_set_error_literal (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                               _("A checklist step has no “id”."));
          break;

        case PF_CHECKLIST_PART_TEMPLATE:
        default:
          g_set_error_literal (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                               _("The checklist template has no “id”."));
          break;
        }
      return FALSE;
    }

  if (!_pf_checklist_id_is_valid (id))
    {
      g_autofree char *shown = g_utf8_make_valid (id, -1);

      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                   /* TRANSLATORS: %s is an id from a checklist template file */
                   _("The id “%s” may only hold lowercase letters, digits and single dashes, at most 100 of them."),
                   shown);
      return FALSE;
    }

  *out = id;
  return TRUE;
}

/* --------------------------------------------------------- object -- */

static void
pf_checklist_template_finalize (GObject *object)
{
  PfChecklistTemplate *self = (PfChecklistTemplate *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_object (&self->steps);

  G_OBJECT_CLASS (pf_checklist_template_parent_class)->finalize (object);
}

static void
pf_checklist_template_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PfChecklistTemplate *self = PF_CHECKLIST_TEMPLATE (object);

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

    case PROP_BUILTIN:
      g_value_set_boolean (value, self->builtin);
      break;

    case PROP_STEPS:
      g_value_set_object (value, self->steps);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_checklist_template_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PfChecklistTemplate *self = PF_CHECKLIST_TEMPLATE (object);
  const char *text;

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      pf_checklist_template_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      text = g_value_get_string (value);
      g_free (self->description);
      self->description = g_strdup (text != NULL ? text : "");
      break;

    case PROP_BUILTIN:
      self->builtin = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_checklist_template_class_init (PfChecklistTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_checklist_template_finalize;
  object_class->get_property = pf_checklist_template_get_property;
  object_class->set_property = pf_checklist_template_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUILTIN] =
    g_param_spec_boolean ("builtin", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STEPS] =
    g_param_spec_object ("steps", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_checklist_template_init (PfChecklistTemplate *self)
{
  self->title = g_strdup ("");
  self->description = g_strdup ("");
  self->steps = g_list_store_new (PF_TYPE_CHECKLIST_STEP);
}

static PfChecklistTemplate *
template_new (const char *id,
              const char *title,
              const char *description,
              gboolean    builtin)
{
  return g_object_new (PF_TYPE_CHECKLIST_TEMPLATE,
                       "id", id,
                       "title", title,
                       "description", description,
                       "builtin", builtin,
                       NULL);
}

/* ----------------------------------------------------------- JSON -- */

/* Item and step ids must be unique: saved progress is keyed by item id */
static gboolean
check_unique_ids (PfChecklistTemplate  *self,
                  GError              **error)
{
  g_autoptr(GHashTable) step_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) item_ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_steps = g_list_model_get_n_items (G_LIST_MODEL (self->steps));

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(PfChecklistStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);
      GListModel *items = pf_checklist_step_get_items (step);
      guint n_items = g_list_model_get_n_items (items);

      if (!g_hash_table_add (step_ids, (gpointer) pf_checklist_step_get_id (step)))
        {
          g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                       _("The step id “%s” is used twice in the template “%s”."),
                       pf_checklist_step_get_id (step), self->id);
          return FALSE;
        }

      for (guint j = 0; j < n_items; j++)
        {
          g_autoptr(PfChecklistItem) item = g_list_model_get_item (items, j);

          if (!g_hash_table_add (item_ids, (gpointer) pf_checklist_item_get_id (item)))
            {
              g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                           _("The item id “%s” is used twice in the template “%s”."),
                           pf_checklist_item_get_id (item), self->id);
              return FALSE;
            }
        }
    }

  return TRUE;
}

PfChecklistTemplate *
pf_checklist_template_new_from_json_node (JsonNode  *node,
                                          gboolean   builtin,
                                          GError   **error)
{
  g_autoptr(PfChecklistTemplate) self = NULL;
  JsonObject *object;
  JsonNode *schema;
  JsonArray *steps;
  const char *id, *title, *description;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                           _("The checklist template is not an object in curly braces."));
      return NULL;
    }
  object = json_node_get_object (node);

  schema = json_object_get_member (object, "schema");
  if (schema == NULL || !JSON_NODE_HOLDS_VALUE (schema) ||
      json_node_get_value_type (schema) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (schema), PF_CHECKLIST_TEMPLATE_SCHEMA))
    {
      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                   /* TRANSLATORS: %s is “preflight-checklist-template/1” */
                   _("The checklist template’s “schema” is not “%s”."), PF_CHECKLIST_TEMPLATE_SCHEMA);
      return NULL;
    }

  if (!_pf_checklist_json_get_id (object, PF_CHECKLIST_PART_TEMPLATE, &id, error))
    return NULL;
  if (!pf_json_member_get_string (object, "title", PF_JSON_MEMBER_NOT_EMPTY, &title, error) ||
      !pf_json_member_get_string (object, "description", PF_JSON_MEMBER_OPTIONAL, &description, error) ||
      !pf_json_member_get_array (object, "steps", PF_JSON_MEMBER_NOT_EMPTY, &steps, error))
    {
      pf_json_member_error_rewrap (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                                   /* TRANSLATORS: %s is a template id such as “routine-migration”;
                                    * a sentence such as ““title” is missing or is not a string.” follows */
                                   _("In the template “%s”, "), id);
      return NULL;
    }

  self = template_new (id, title, description, builtin);
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      g_autoptr(PfChecklistStep) step = NULL;

      step = pf_checklist_step_new_from_json_node (json_array_get_element (steps, i), error);
      if (step == NULL)
        return NULL;
      g_list_store_append (self->steps, step);
    }

  if (!check_unique_ids (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

JsonNode *
pf_checklist_template_to_json_node (PfChecklistTemplate *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_steps;

  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_string_value (builder, PF_CHECKLIST_TEMPLATE_SCHEMA);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, self->description);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  n_steps = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(PfChecklistStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      json_builder_add_value (builder, pf_checklist_step_to_json_node (step));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

PfChecklistTemplate *
pf_checklist_template_duplicate (PfChecklistTemplate *self,
                                 const char          *id,
                                 const char          *title)
{
  g_autoptr(PfChecklistTemplate) copy = NULL;
  guint n_steps;

  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATE (self), NULL);
  g_return_val_if_fail (_pf_checklist_id_is_valid (id), NULL);

  copy = template_new (id, title != NULL ? title : self->title, self->description, FALSE);
  n_steps = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(PfChecklistStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);
      g_autoptr(PfChecklistStep) step_copy = pf_checklist_step_copy (step);

      g_list_store_append (copy->steps, step_copy);
    }

  return g_steal_pointer (&copy);
}

/* ----------------------------------------------------- properties -- */

const char *
pf_checklist_template_get_id (PfChecklistTemplate *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATE (self), NULL);

  return self->id;
}

const char *
pf_checklist_template_get_title (PfChecklistTemplate *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATE (self), NULL);

  return self->title;
}

void
pf_checklist_template_set_title (PfChecklistTemplate *self,
                                 const char          *title)
{
  g_return_if_fail (PF_IS_CHECKLIST_TEMPLATE (self));

  if (title == NULL)
    title = "";

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
pf_checklist_template_get_description (PfChecklistTemplate *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATE (self), NULL);

  return self->description;
}

gboolean
pf_checklist_template_get_builtin (PfChecklistTemplate *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATE (self), FALSE);

  return self->builtin;
}

GListModel *
pf_checklist_template_get_steps (PfChecklistTemplate *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATE (self), NULL);

  return G_LIST_MODEL (self->steps);
}

guint
pf_checklist_template_get_n_items (PfChecklistTemplate *self)
{
  guint n_steps;
  guint n_items = 0;

  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATE (self), 0);

  n_steps = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(PfChecklistStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      n_items += g_list_model_get_n_items (pf_checklist_step_get_items (step));
    }

  return n_items;
}

PfChecklistItem *
pf_checklist_template_find_item (PfChecklistTemplate *self,
                                 const char          *id,
                                 guint               *out_step_index)
{
  guint n_steps;

  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATE (self), NULL);

  if (out_step_index != NULL)
    *out_step_index = 0;

  if (id == NULL)
    return NULL;

  n_steps = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(PfChecklistStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);
      GListModel *items = pf_checklist_step_get_items (step);
      guint n_items = g_list_model_get_n_items (items);

      for (guint j = 0; j < n_items; j++)
        {
          g_autoptr(PfChecklistItem) item = g_list_model_get_item (items, j);

          if (g_strcmp0 (pf_checklist_item_get_id (item), id) == 0)
            {
              if (out_step_index != NULL)
                *out_step_index = i;
              /* The step, held by the template, keeps it alive */
              return item;
            }
        }
    }

  return NULL;
}
