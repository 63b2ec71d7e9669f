/* pf-migration.c — one Django migration file as the project has it
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

#define G_LOG_DOMAIN "pf-migration"

#include "config.h"

#include <string.h>

#include "pf-migration.h"
#include "pf-migration-error.h"
#include "pf-python-parser.h"

G_DEFINE_QUARK (pf-migration-error-quark, pf_migration_error)

/* ---- keys --------------------------------------------------------------- */

PfMigrationKey *
pf_migration_key_new (const char *app,
                      const char *name)
{
  PfMigrationKey *key = g_new0 (PfMigrationKey, 1);

  key->app = g_strdup (app);
  key->name = g_strdup (name);
  return key;
}

PfMigrationKey *
pf_migration_key_copy (const PfMigrationKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return pf_migration_key_new (key->app, key->name);
}

void
pf_migration_key_free (PfMigrationKey *key)
{
  if (key == NULL)
    return;
  g_free (key->app);
  g_free (key->name);
  g_free (key);
}

char *
pf_migration_key_to_string (const PfMigrationKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return g_strdup_printf ("%s.%s", key->app, key->name);
}

guint
pf_migration_key_hash (gconstpointer key)
{
  const PfMigrationKey *k = key;

  return g_str_hash (k->app) * 31 + g_str_hash (k->name);
}

gboolean
pf_migration_key_equal (gconstpointer a,
                        gconstpointer b)
{
  const PfMigrationKey *ka = a;
  const PfMigrationKey *kb = b;

  return g_strcmp0 (ka->app, kb->app) == 0 && g_strcmp0 (ka->name, kb->name) == 0;
}

/* ---- operations --------------------------------------------------------- */

static const char *
string_of (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

/* A call node of pf-python-parser.h (not a dict literal that looks like one) */
static JsonObject *
call_of (JsonNode *node)
{
  JsonObject *object;
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (string_of (json_object_get_member (object, "call")) == NULL)
    return NULL;
  member = json_object_get_member (object, "args");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return NULL;
  member = json_object_get_member (object, "kwargs");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return NULL;
  member = json_object_get_member (object, "line");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64)
    return NULL;
  return object;
}

G_DEFINE_BOXED_TYPE (PfMigrationOperation, pf_migration_operation,
                     pf_migration_operation_ref, pf_migration_operation_unref)

PfMigrationOperation *
pf_migration_operation_ref (PfMigrationOperation *operation)
{
  g_return_val_if_fail (operation != NULL, NULL);

  g_atomic_ref_count_inc (&operation->ref_count);
  return operation;
}

void
pf_migration_operation_unref (PfMigrationOperation *operation)
{
  g_return_if_fail (operation != NULL);

  if (!g_atomic_ref_count_dec (&operation->ref_count))
    return;

  g_free (operation->kind);
  g_free (operation->module);
  g_clear_pointer (&operation->arguments, json_object_unref);
  g_clear_pointer (&operation->database_operations, g_ptr_array_unref);
  g_clear_pointer (&operation->state_operations, g_ptr_array_unref);
  g_free (operation);
}

JsonNode *
pf_migration_operation_get_argument (PfMigrationOperation *operation,
                                     const char           *argument)
{
  g_return_val_if_fail (operation != NULL, NULL);
  g_return_val_if_fail (argument != NULL, NULL);

  if (operation->arguments == NULL || !json_object_has_member (operation->arguments, argument))
    return NULL;

  return json_object_get_member (operation->arguments, argument);
}

const char *
pf_migration_operation_get_string (PfMigrationOperation *operation,
                                   const char           *argument)
{
  JsonNode *node;

  g_return_val_if_fail (operation != NULL, NULL);
  g_return_val_if_fail (argument != NULL, NULL);

  node = pf_migration_operation_get_argument (operation, argument);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Positional parameters of Django's operations (3.2 and 4.x signatures) */
static const struct {
  const char *kind;
  const char *parameters[6];
  const char *extension;   /* the extension a CreateExtension subclass implies */
} known_operations[] = {
  { "CreateModel", { "name", "fields", "options", "bases", "managers" } },
  { "DeleteModel", { "name" } },
  { "RenameModel", { "old_name", "new_name" } },
  { "AlterModelTable", { "name", "table" } },
  { "AlterModelTableComment", { "name", "table_comment" } },
  { "AlterModelOptions", { "name", "options" } },
  { "AlterModelManagers", { "name", "managers" } },
  { "AddField", { "model_name", "name", "field", "preserve_default" } },
  { "RemoveField", { "model_name", "name" } },
  { "AlterField", { "model_name", "name", "field", "preserve_default" } },
  { "RenameField", { "model_name", "old_name", "new_name" } },
  { "AddIndex", { "model_name", "index" } },
  { "RemoveIndex", { "model_name", "name" } },
  { "RenameIndex", { "model_name", "new_name", "old_name", "old_fields" } },
  { "AddConstraint", { "model_name", "constraint" } },
  { "RemoveConstraint", { "model_name", "name" } },
  { "AlterUniqueTogether", { "name", "unique_together" } },
  { "AlterIndexTogether", { "name", "index_together" } },
  { "AlterOrderWithRespectTo", { "name", "order_with_respect_to" } },
  { "RunSQL", { "sql", "reverse_sql", "state_operations", "hints", "elidable" } },
  { "RunPython", { "code", "reverse_code", "atomic", "hints", "elidable" } },
  { "SeparateDatabaseAndState", { "database_operations", "state_operations" } },
  /* django.contrib.postgres.operations */
  { "AddIndexConcurrently", { "model_name", "index" } },
  { "RemoveIndexConcurrently", { "model_name", "name" } },
  { "CreateExtension", { "name" } },
  { "BloomExtension", { NULL }, "bloom" },
  { "BtreeGinExtension", { NULL }, "btree_gin" },
  { "BtreeGistExtension", { NULL }, "btree_gist" },
  { "CITextExtension", { NULL }, "citext" },
  { "CryptoExtension", { NULL }, "pgcrypto" },
  { "HStoreExtension", { NULL }, "hstore" },
  { "TrigramExtension", { NULL }, "pg_trgm" },
  { "UnaccentExtension", { NULL }, "unaccent" },
  { "CreateCollation", { "name", "locale", "provider", "deterministic" } },
  { "RemoveCollation", { "name", "locale", "provider", "deterministic" } },
  { "AddConstraintNotValid", { "model_name", "constraint" } },
  { "ValidateConstraint", { "model_name", "name" } },
};

static PfMigrationOperation *operation_new_from_call (JsonObject *call);

/* A list of operations (SeparateDatabaseAndState, RunSQL's state_operations) */
static GPtrArray *
operations_from_node (JsonNode *node)
{
  GPtrArray *operations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pf_migration_operation_unref);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return operations;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *call = call_of (json_array_get_element (array, i));

      /* only calls are operations; a name or an expression (a list built
       * elsewhere) cannot be read without running the module */
      if (call != NULL)
        g_ptr_array_add (operations, operation_new_from_call (call));
    }

  return operations;
}

static PfMigrationOperation *
operation_new_from_call (JsonObject *call)
{
  PfMigrationOperation *operation = g_new0 (PfMigrationOperation, 1);
  const char *callee = string_of (json_object_get_member (call, "call"));
  const char *dot = strrchr (callee, '.');
  JsonArray *args = json_object_get_array_member (call, "args");
  JsonObject *kwargs = json_object_get_object_member (call, "kwargs");
  g_autoptr(JsonArray) extra = json_array_new ();
  guint known = G_N_ELEMENTS (known_operations);
  guint n_args = args != NULL ? json_array_get_length (args) : 0;

  g_atomic_ref_count_init (&operation->ref_count);
  operation->kind = g_strdup (dot != NULL ? dot + 1 : callee);
  operation->module = dot != NULL ? g_strndup (callee, dot - callee) : NULL;
  operation->line = json_object_get_int_member_with_default (call, "line", 0);
  operation->arguments = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (known_operations); i++)
    if (strcmp (known_operations[i].kind, operation->kind) == 0)
      known = i;

  /* Positional arguments by Django's parameter names, until the first
   * *args (after which positions are unknown); the rest under "*args". */
  for (guint i = 0; i < n_args; i++)
    {
      JsonNode *arg = json_array_get_element (args, i);
      const char *expr = JSON_NODE_HOLDS_OBJECT (arg)
        ? string_of (json_object_get_member (json_node_get_object (arg), "expr")) : NULL;
      gboolean starred = expr != NULL && expr[0] == '*';
      const char *parameter = NULL;

      if (known < G_N_ELEMENTS (known_operations) && i < G_N_ELEMENTS (known_operations[known].parameters))
        parameter = known_operations[known].parameters[i];

      if (parameter != NULL && !starred && json_array_get_length (extra) == 0)
        json_object_set_member (operation->arguments, parameter, json_node_copy (arg));
      else
        json_array_add_element (extra, json_node_copy (arg));
    }

  if (kwargs != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, kwargs);
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (operation->arguments, name, json_node_copy (value));
    }

  if (json_array_get_length (extra) > 0)
    json_object_set_array_member (operation->arguments, "*args", g_steal_pointer (&extra));

  if (known < G_N_ELEMENTS (known_operations) && known_operations[known].extension != NULL &&
      !json_object_has_member (operation->arguments, "name"))
    json_object_set_string_member (operation->arguments, "name", known_operations[known].extension);

  operation->database_operations =
    operations_from_node (json_object_get_member (operation->arguments, "database_operations"));
  operation->state_operations =
    operations_from_node (json_object_get_member (operation->arguments, "state_operations"));

  return operation;
}

/* ---- migrations --------------------------------------------------------- */

struct _PfMigration
{
  GObject         parent_instance;

  PfMigrationKey *key;
  char           *path;
  char           *checksum;   /* SHA-256 hex of the source text */
  char           *number;
  gboolean        initial;
  GPtrArray      *dependencies;
  GPtrArray      *replaces;
  GPtrArray      *run_before;
  GPtrArray      *operations;
};

G_DEFINE_FINAL_TYPE (PfMigration, pf_migration, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APP,
  PROP_NAME,
  PROP_PATH,
  PROP_NUMBER,
  PROP_INITIAL,
  PROP_N_OPERATIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_migration_finalize (GObject *object)
{
  PfMigration *self = (PfMigration *) object;

  g_clear_pointer (&self->key, pf_migration_key_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->checksum, g_free);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->dependencies, g_ptr_array_unref);
  g_clear_pointer (&self->replaces, g_ptr_array_unref);
  g_clear_pointer (&self->run_before, g_ptr_array_unref);
  g_clear_pointer (&self->operations, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_migration_parent_class)->finalize (object);
}

static void
pf_migration_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PfMigration *self = PF_MIGRATION (object);

  switch (prop_id)
    {
    case PROP_APP:
      g_value_set_string (value, self->key->app);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->key->name);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;

    case PROP_INITIAL:
      g_value_set_boolean (value, self->initial);
      break;

    case PROP_N_OPERATIONS:
      g_value_set_uint (value, self->operations->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_migration_class_init (PfMigrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_migration_finalize;
  object_class->get_property = pf_migration_get_property;

  properties[PROP_APP] =
    g_param_spec_string ("app", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INITIAL] =
    g_param_spec_boolean ("initial", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_OPERATIONS] =
    g_param_spec_uint ("n-operations", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_migration_init (PfMigration *self)
{
  self->dependencies = g_ptr_array_new_with_free_func ((GDestroyNotify) pf_migration_key_free);
  self->replaces = g_ptr_array_new_with_free_func ((GDestroyNotify) pf_migration_key_free);
  self->run_before = g_ptr_array_new_with_free_func ((GDestroyNotify) pf_migration_key_free);
  self->operations = g_ptr_array_new_with_free_func ((GDestroyNotify) pf_migration_operation_unref);
}

/* One dependency: ("app", "name"), ["app", "name"], or
 * migrations.swappable_dependency(settings.AUTH_USER_MODEL) */
static PfMigrationKey *
key_from_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *pair = json_node_get_array (node);
      const char *app, *name;

      if (json_array_get_length (pair) != 2)
        return NULL;
      app = string_of (json_array_get_element (pair, 0));
      name = string_of (json_array_get_element (pair, 1));
      if (app == NULL || name == NULL)
        return NULL;
      return pf_migration_key_new (app, name);
    }

  if (call_of (node) != NULL)
    {
      JsonObject *call = call_of (node);
      const char *callee = call != NULL ? string_of (json_object_get_member (call, "call")) : NULL;
      JsonArray *args;
      JsonNode *arg;
      JsonObject *kwargs;
      const char *value;

      if (callee == NULL ||
          (strcmp (callee, "swappable_dependency") != 0 &&
           !g_str_has_suffix (callee, ".swappable_dependency")))
        return NULL;

      args = json_object_get_array_member (call, "args");
      kwargs = json_object_get_object_member (call, "kwargs");
      if (args != NULL && json_array_get_length (args) == 1)
        arg = json_array_get_element (args, 0);
      else if (kwargs != NULL && json_object_has_member (kwargs, "value"))
        arg = json_object_get_member (kwargs, "value");
      else
        return NULL;

      /* swappable_dependency("accounts.User") is already resolved:
       * Django makes it (value.split(".", 1)[0], "__first__") */
      if ((value = string_of (arg)) != NULL)
        {
          g_autofree char *app = g_strdup (value);
          char *point = strchr (app, '.');

          if (point != NULL)
            *point = '\0';
          return pf_migration_key_new (app, "__first__");
        }

      if (JSON_NODE_HOLDS_OBJECT (arg) &&
          (value = string_of (json_object_get_member (json_node_get_object (arg), "name"))) != NULL)
        {
          const char *setting = strrchr (value, '.');

          return pf_migration_key_new ("__swappable__", setting != NULL ? setting + 1 : value);
        }
    }

  return NULL;
}

static void
add_keys (GPtrArray  *keys,
          JsonObject *object,
          const char *member,
          const char *app,
          const char *name)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      PfMigrationKey *key = key_from_node (json_array_get_element (array, i));

      if (key != NULL)
        g_ptr_array_add (keys, key);
      else
        g_debug ("%s.%s: %s item %u is not a migration reference; ignored",
                 app, name, member, i);
    }
}

PfMigration *
pf_migration_new_from_source (const char  *app,
                              const char  *name,
                              const char  *path,
                              const char  *source,
                              gssize       length,
                              GError     **error)
{
  g_autoptr(PfMigration) self = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GPtrArray) operations = NULL;
  JsonNode *initial;
  gsize digits = 0;

  g_return_val_if_fail (app != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  object = pf_python_parse_migration (source, length, error);
  if (object == NULL)
    return NULL;

  self = g_object_new (PF_TYPE_MIGRATION, NULL);
  self->key = pf_migration_key_new (app, name);
  self->path = g_strdup (path);

  /* What a review is of: the text exactly as read (NULL is empty text, as
   * for the parser) */
  if (source == NULL)
    source = "";
  self->checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                (const guchar *) source,
                                                length < 0 ? strlen (source) : (gsize) length);

  while (g_ascii_isdigit (name[digits]))
    digits++;
  if (digits > 0)
    self->number = g_strndup (name, digits);

  /* Django: initial = True marks the first migration of an app; anything
   * else (absent, None, an expression) counts as False here. */
  initial = json_object_get_member (object, "initial");
  self->initial = initial != NULL && JSON_NODE_HOLDS_VALUE (initial) &&
                  json_node_get_value_type (initial) == G_TYPE_BOOLEAN &&
                  json_node_get_boolean (initial);

  add_keys (self->dependencies, object, "dependencies", app, name);
  add_keys (self->replaces, object, "replaces", app, name);
  add_keys (self->run_before, object, "run_before", app, name);

  operations = operations_from_node (json_object_get_member (object, "operations"));
  g_ptr_array_extend_and_steal (self->operations, g_steal_pointer (&operations));

  return g_steal_pointer (&self);
}

const char *
pf_migration_get_app (PfMigration *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION (self), NULL);

  return self->key->app;
}

const char *
pf_migration_get_name (PfMigration *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION (self), NULL);

  return self->key->name;
}

const PfMigrationKey *
pf_migration_get_key (PfMigration *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION (self), NULL);

  return self->key;
}

const char *
pf_migration_get_path (PfMigration *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION (self), NULL);

  return self->path;
}

const char *
pf_migration_get_checksum (PfMigration *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION (self), NULL);

  return self->checksum;
}

const char *
pf_migration_get_number (PfMigration *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION (self), NULL);

  return self->number;
}

gboolean
pf_migration_get_initial (PfMigration *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION (self), FALSE);

  return self->initial;
}

GPtrArray *
pf_migration_get_dependencies (PfMigration *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION (self), NULL);

  return self->dependencies;
}

GPtrArray *
pf_migration_get_replaces (PfMigration *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION (self), NULL);

  return self->replaces;
}

GPtrArray *
pf_migration_get_run_before (PfMigration *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION (self), NULL);

  return self->run_before;
}

GPtrArray *
pf_migration_get_operations (PfMigration *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION (self), NULL);

  return self->operations;
}

void
pf_migration_resolve_swappable (PfMigration *self,
                                const char  *auth_user_model)
{
  g_autofree char *app = NULL;
  char *point;

  g_return_if_fail (PF_IS_MIGRATION (self));

  if (auth_user_model == NULL || auth_user_model[0] == '\0')
    auth_user_model = "auth.User";

  /* Django's swappable_dependency(value) is (value.split(".", 1)[0], "__first__") */
  app = g_strdup (auth_user_model);
  if ((point = strchr (app, '.')) != NULL)
    *point = '\0';

  for (guint i = 0; i < self->dependencies->len; i++)
    {
      PfMigrationKey *key = g_ptr_array_index (self->dependencies, i);

      /* only AUTH_USER_MODEL is known; other swappable settings stay as they are */
      if (g_strcmp0 (key->app, "__swappable__") == 0 &&
          g_strcmp0 (key->name, "AUTH_USER_MODEL") == 0)
        {
          g_free (key->app);
          g_free (key->name);
          key->app = g_strdup (app);
          key->name = g_strdup ("__first__");
        }
    }
}
