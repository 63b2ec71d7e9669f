/* pf-profile-store.c — the saved connections, as JSON under the user config dir
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-profile-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pf-json-file.h"
#include "pf-profile-store.h"

#define STORE_SCHEMA "preflight-connections/1"

struct _PfProfileStore
{
  GObject    parent_instance;

  char      *path;           /* the current one; see pf_profile_store_get_path() */
  gboolean   default_path;   /* follow XDG_CONFIG_HOME rather than a fixed file */
  GPtrArray *profiles;  /* PfConnectionProfile */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfProfileStore, pf_profile_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (pf-profile-store-error-quark, pf_profile_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ----------------------------------------------------- GListModel -- */

static GType
pf_profile_store_get_item_type (GListModel *model)
{
  return PF_TYPE_CONNECTION_PROFILE;
}

static guint
pf_profile_store_get_n_items (GListModel *model)
{
  return PF_PROFILE_STORE (model)->profiles->len;
}

static gpointer
pf_profile_store_get_item (GListModel *model,
                           guint       position)
{
  PfProfileStore *self = PF_PROFILE_STORE (model);

  if (position >= self->profiles->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->profiles, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pf_profile_store_get_item_type;
  iface->get_n_items = pf_profile_store_get_n_items;
  iface->get_item = pf_profile_store_get_item;
}

static void
items_changed (PfProfileStore *self,
               guint           position,
               guint           removed,
               guint           added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* --------------------------------------------------------- object -- */

static void
pf_profile_store_finalize (GObject *object)
{
  PfProfileStore *self = (PfProfileStore *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_profile_store_parent_class)->finalize (object);
}

static void
pf_profile_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PfProfileStore *self = PF_PROFILE_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->profiles->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_profile_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PfProfileStore *self = PF_PROFILE_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      self->default_path = self->path == NULL;
      if (self->path == NULL)
        self->path = pf_profile_store_dup_default_path ();
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_profile_store_class_init (PfProfileStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_profile_store_finalize;
  object_class->get_property = pf_profile_store_get_property;
  object_class->set_property = pf_profile_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_profile_store_init (PfProfileStore *self)
{
  self->profiles = g_ptr_array_new_with_free_func (g_object_unref);
}

PfProfileStore *
pf_profile_store_new (const char *path)
{
  return g_object_new (PF_TYPE_PROFILE_STORE,
                       "path", path,
                       NULL);
}

const char *
pf_profile_store_get_path (PfProfileStore *self)
{
  g_return_val_if_fail (PF_IS_PROFILE_STORE (self), NULL);

  /* The default file is looked up each time, so a store made before the
   * config dir changed (the tests isolate it per case) uses the new one. */
  if (self->default_path)
    {
      g_autofree char *current = pf_profile_store_dup_default_path ();

      if (g_strcmp0 (current, self->path) != 0)
        {
          g_free (self->path);
          self->path = g_steal_pointer (&current);
        }
    }

  return self->path;
}

char *
pf_profile_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "preflight", "connections.json", NULL);
}

/* ----------------------------------------------------------- load -- */

static void
set_contents (PfProfileStore *self,
              GPtrArray      *profiles)
{
  guint removed = self->profiles->len;

  g_ptr_array_set_size (self->profiles, 0);
  for (guint i = 0; profiles != NULL && i < profiles->len; i++)
    g_ptr_array_add (self->profiles, g_object_ref (g_ptr_array_index (profiles, i)));

  if (removed > 0 || self->profiles->len > 0)
    items_changed (self, 0, removed, self->profiles->len);
}

/* NULL (and @reason set) when @root is not saved connections */
static GPtrArray *
parse_contents (JsonNode  *root,
                GError   **reason)
{
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object;
  JsonNode *schema;
  JsonNode *connections;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (reason, PF_PROFILE_STORE_ERROR, PF_PROFILE_STORE_ERROR_FAILED,
                           _("it is not one JSON object"));
      return NULL;
    }

  object = json_node_get_object (root);
  schema = json_object_get_member (object, "schema");
  if (schema == NULL || !JSON_NODE_HOLDS_VALUE (schema) ||
      json_node_get_value_type (schema) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (schema), STORE_SCHEMA))
    {
      g_set_error (reason, PF_PROFILE_STORE_ERROR, PF_PROFILE_STORE_ERROR_FAILED,
                   _("its “schema” is not “%s”"), STORE_SCHEMA);
      return NULL;
    }

  connections = json_object_get_member (object, "connections");
  if (connections == NULL || !JSON_NODE_HOLDS_ARRAY (connections))
    {
      g_set_error_literal (reason, PF_PROFILE_STORE_ERROR, PF_PROFILE_STORE_ERROR_FAILED,
                           _("its “connections” is not a list"));
      return NULL;
    }

  array = json_node_get_array (connections);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      PfConnectionProfile *profile;

      profile = pf_connection_profile_new_from_json_node (json_array_get_element (array, i), reason);
      if (profile == NULL)
        return NULL;
      g_ptr_array_add (profiles, profile);
    }

  return g_steal_pointer (&profiles);
}

gboolean
pf_profile_store_load (PfProfileStore  *self,
                       char           **out_moved_to,
                       GError         **error)
{
  const char *path = pf_profile_store_get_path (self);
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) reason = NULL;
  g_autoptr(GError) move_error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *moved_to = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PF_IS_PROFILE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_moved_to != NULL)
    *out_moved_to = NULL;

  root = pf_json_file_read (path, &read_error);
  name = g_filename_display_name (path);

  if (g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_ACCES))
    {
      g_set_error (error, PF_PROFILE_STORE_ERROR, PF_PROFILE_STORE_ERROR_FAILED,
                   _("Could not read the saved connections in “%s”: %s"), name, _("permission denied"));
      return FALSE;
    }
  if (read_error != NULL && read_error->domain == G_FILE_ERROR)
    {
      g_set_error (error, PF_PROFILE_STORE_ERROR, PF_PROFILE_STORE_ERROR_FAILED,
                   _("Could not read the saved connections in “%s”: %s"), name, read_error->message);
      return FALSE;
    }
  if (root == NULL && read_error == NULL)
    {
      set_contents (self, NULL);
      return TRUE;
    }

  if (root != NULL)
    profiles = parse_contents (root, &reason);
  else
    reason = g_steal_pointer (&read_error);

  if (profiles != NULL)
    {
      set_contents (self, profiles);
      return TRUE;
    }

  /* Never overwrite what we cannot read: it may be the user's only copy */
  g_message ("%s cannot be read (%s); moving it aside", path, reason->message);
  moved_to = pf_json_file_move_aside (path, &move_error);
  if (moved_to == NULL)
    {
      g_set_error (error, PF_PROFILE_STORE_ERROR, PF_PROFILE_STORE_ERROR_FAILED,
                   _("The saved connections in “%s” cannot be read and could not be moved aside: %s"),
                   name, move_error->message);
      return FALSE;
    }

  set_contents (self, NULL);
  if (out_moved_to != NULL)
    *out_moved_to = g_steal_pointer (&moved_to);

  return TRUE;
}

/* ----------------------------------------------------------- save -- */

static JsonNode *
to_json_node (PfProfileStore *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_string_value (builder, STORE_SCHEMA);
  json_builder_set_member_name (builder, "connections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->profiles->len; i++)
    json_builder_add_value (builder,
                            pf_connection_profile_to_json_node (g_ptr_array_index (self->profiles, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

gboolean
pf_profile_store_save (PfProfileStore  *self,
                       GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) write_error = NULL;

  g_return_val_if_fail (PF_IS_PROFILE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  root = to_json_node (self);
  if (!pf_json_file_write (pf_profile_store_get_path (self), root, &write_error))
    {
      g_autofree char *name = g_filename_display_name (pf_profile_store_get_path (self));

      g_set_error (error, PF_PROFILE_STORE_ERROR, PF_PROFILE_STORE_ERROR_FAILED,
                   _("Could not save the connections to “%s”: %s"), name, write_error->message);
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------- contents -- */

void
pf_profile_store_add (PfProfileStore      *self,
                      PfConnectionProfile *profile)
{
  g_return_if_fail (PF_IS_PROFILE_STORE (self));

  pf_profile_store_insert (self, self->profiles->len, profile);
}

void
pf_profile_store_insert (PfProfileStore      *self,
                         guint                position,
                         PfConnectionProfile *profile)
{
  g_return_if_fail (PF_IS_PROFILE_STORE (self));
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (profile));
  g_return_if_fail (pf_connection_profile_get_name (profile) != NULL);

  position = MIN (position, self->profiles->len);
  g_ptr_array_insert (self->profiles, position, g_object_ref (profile));
  items_changed (self, position, 0, 1);
}

int
pf_profile_store_remove (PfProfileStore      *self,
                         PfConnectionProfile *profile)
{
  guint position;

  g_return_val_if_fail (PF_IS_PROFILE_STORE (self), -1);
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (profile), -1);

  if (!g_ptr_array_find (self->profiles, profile, &position))
    return -1;

  g_ptr_array_remove_index (self->profiles, position);
  items_changed (self, position, 1, 0);

  return (int) position;
}

gboolean
pf_profile_store_replace (PfProfileStore      *self,
                          PfConnectionProfile *profile,
                          PfConnectionProfile *replacement)
{
  guint position;

  g_return_val_if_fail (PF_IS_PROFILE_STORE (self), FALSE);
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (profile), FALSE);
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (replacement), FALSE);

  if (!g_ptr_array_find (self->profiles, profile, &position))
    return FALSE;

  if (profile != replacement)
    {
      g_object_ref (replacement);
      g_object_unref (g_ptr_array_index (self->profiles, position));
      g_ptr_array_index (self->profiles, position) = replacement;
    }
  items_changed (self, position, 1, 1);

  return TRUE;
}

void
pf_profile_store_changed (PfProfileStore      *self,
                          PfConnectionProfile *profile)
{
  guint position;

  g_return_if_fail (PF_IS_PROFILE_STORE (self));
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (profile));

  if (g_ptr_array_find (self->profiles, profile, &position))
    items_changed (self, position, 1, 1);
}

PfConnectionProfile *
pf_profile_store_find_by_id (PfProfileStore *self,
                             const char     *id)
{
  g_return_val_if_fail (PF_IS_PROFILE_STORE (self), NULL);

  for (guint i = 0; id != NULL && i < self->profiles->len; i++)
    {
      PfConnectionProfile *profile = g_ptr_array_index (self->profiles, i);

      if (g_strcmp0 (pf_connection_profile_get_id (profile), id) == 0)
        return profile;
    }

  return NULL;
}

PfConnectionProfile *
pf_profile_store_find_by_name (PfProfileStore *self,
                               const char     *name)
{
  g_return_val_if_fail (PF_IS_PROFILE_STORE (self), NULL);

  for (guint i = 0; name != NULL && i < self->profiles->len; i++)
    {
      PfConnectionProfile *profile = g_ptr_array_index (self->profiles, i);

      if (g_strcmp0 (pf_connection_profile_get_name (profile), name) == 0)
        return profile;
    }

  return NULL;
}

char *
pf_profile_store_dup_unique_name (PfProfileStore *self,
                                  const char     *name)
{
  g_return_val_if_fail (PF_IS_PROFILE_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (pf_profile_store_find_by_name (self, name) == NULL)
    return g_strdup (name);

  for (guint n = 2; ; n++)
    {
      /* TRANSLATORS: a connection name made unique: “Rota (2)” */
      g_autofree char *candidate = g_strdup_printf (_("%s (%u)"), name, n);

      if (pf_profile_store_find_by_name (self, candidate) == NULL)
        return g_steal_pointer (&candidate);
    }
}
