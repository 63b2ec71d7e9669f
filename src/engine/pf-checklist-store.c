/* pf-checklist-store.c — checklist progress per connection, kept across restarts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-checklist-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-checklist-error.h"
#include "pf-checklist-store.h"
#include "pf-json-file.h"
#include "pf-json-member.h"

#define STORE_SCHEMA "preflight-checklist-runs/1"

/* Keys are file names: a safe alphabet, no dots in front, bounded */
#define KEY_MAX 100

struct _PfChecklistStore
{
  GObject  parent_instance;

  char    *dir;  /* NULL: the default, looked up on each use */
};

G_DEFINE_FINAL_TYPE (PfChecklistStore, pf_checklist_store, G_TYPE_OBJECT)

static void
pf_checklist_store_finalize (GObject *object)
{
  PfChecklistStore *self = (PfChecklistStore *)object;

  g_clear_pointer (&self->dir, g_free);

  G_OBJECT_CLASS (pf_checklist_store_parent_class)->finalize (object);
}

static void
pf_checklist_store_class_init (PfChecklistStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_checklist_store_finalize;
}

static void
pf_checklist_store_init (PfChecklistStore *self)
{
}

PfChecklistStore *
pf_checklist_store_new (const char *dir)
{
  PfChecklistStore *self = g_object_new (PF_TYPE_CHECKLIST_STORE, NULL);

  self->dir = g_strdup (dir);
  return self;
}

/* ---- keys -------------------------------------------------------------- */

static gboolean
key_is_safe (const char *key)
{
  gsize length;

  if (key == NULL || !g_ascii_isalnum (key[0]))
    return FALSE;

  length = strlen (key);
  if (length > KEY_MAX)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (key[i]) && key[i] != '-' && key[i] != '_')
      return FALSE;

  return TRUE;
}

static char *
dup_hashed (const char *prefix,
            const char *text)
{
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return g_strdup_printf ("%s%.16s", prefix, sha256);
}

char *
pf_checklist_store_dup_key (PfConnectionProfile *profile,
                            gboolean             saved)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (profile), NULL);

  if (saved)
    {
      const char *id = pf_connection_profile_get_id (profile);

      /* A UUID as the profile store makes them; anything else (a file
       * edited by hand) is hashed so it stays a safe file name, and never
       * looks like a key of an unsaved target */
      if (key_is_safe (id) && !g_str_has_prefix (id, "target-") && !g_str_has_prefix (id, "id-"))
        return g_strdup (id);

      return dup_hashed ("id-", id != NULL ? id : "");
    }

  /* The URL has no password in it, and the same file or server gives the
   * same URL each time */
  url = pf_connection_profile_to_url (profile);
  return dup_hashed ("target-", url);
}

/* ---- files ------------------------------------------------------------- */

static char *
dup_dir (PfChecklistStore *self)
{
  if (self->dir != NULL)
    return g_strdup (self->dir);

  return g_build_filename (g_get_user_config_dir (), "preflight", "checklists", NULL);
}

static char *
dup_path (PfChecklistStore *self,
          const char       *key)
{
  g_autofree char *dir = dup_dir (self);
  g_autofree char *name = g_strconcat (key, ".json", NULL);

  return g_build_filename (dir, name, NULL);
}

/* What a file holds once read and checked */
typedef struct
{
  JsonNode       *root;
  JsonNode       *current;   /* borrowed from root; NULL when none */
  JsonArray      *archived;  /* borrowed from root; NULL when none */
  PfChecklistRun *run;       /* the current run, parsed */
} Contents;

static void
contents_clear (Contents *contents)
{
  g_clear_object (&contents->run);
  g_clear_pointer (&contents->root, json_node_unref);
  contents->current = NULL;
  contents->archived = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Contents, contents_clear)

/* Reads @path: TRUE with @contents empty when there is no file, TRUE with
 * @contents filled when it is good, FALSE with @reason when it cannot be
 * used (unreadable, not JSON, not progress, a run that does not read) */
static gboolean
read_contents (const char  *path,
               Contents    *contents,
               GError     **reason)
{
  JsonObject *object;
  JsonNode *schema;
  JsonNode *current;

  contents->root = pf_json_file_read (path, reason);
  if (contents->root == NULL && *reason != NULL)
    return FALSE;

  /* An empty file is read as no JSON at all, but it is there */
  if (contents->root == NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (reason, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE,
                           _("it is empty"));
      return FALSE;
    }

  if (contents->root == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (contents->root))
    {
      g_set_error_literal (reason, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE,
                           _("it is not one JSON object"));
      return FALSE;
    }

  object = json_node_get_object (contents->root);
  schema = json_object_get_member (object, "schema");
  if (schema == NULL || !JSON_NODE_HOLDS_VALUE (schema) ||
      json_node_get_value_type (schema) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (schema), STORE_SCHEMA))
    {
      g_set_error (reason, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE,
                   _("its “schema” is not “%s”"), STORE_SCHEMA);
      return FALSE;
    }

  if (!pf_json_member_get_array (object, "archived", PF_JSON_MEMBER_OPTIONAL, &contents->archived, reason))
    {
      _pf_checklist_progress_invalid (reason);
      return FALSE;
    }

  current = json_object_get_member (object, "current");
  if (current != NULL && !JSON_NODE_HOLDS_NULL (current))
    {
      contents->run = pf_checklist_run_new_from_json_node (current, reason);
      if (contents->run == NULL)
        return FALSE;
      contents->current = current;
    }

  return TRUE;
}

/* The file at @path cannot be used because of @reason: moves it aside.
 * Returns where it went, or NULL with @error saying both what was wrong
 * and why it could not be moved. */
static char *
move_aside (const char  *path,
            GError      *reason,
            GError     **error)
{
  g_autoptr(GError) move_error = NULL;
  char *moved_to;

  moved_to = pf_json_file_move_aside (path, &move_error);
  if (moved_to == NULL)
    {
      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE,
                   _("The checklist progress in “%s” cannot be read (%s) and could not be moved aside: %s"),
                   path, reason->message, move_error->message);
      return NULL;
    }

  return moved_to;
}

static gboolean
write_contents (const char  *path,
                JsonNode    *current,
                JsonArray   *archived,
                GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) write_error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_string_value (builder, STORE_SCHEMA);
  json_builder_set_member_name (builder, "current");
  if (current != NULL)
    json_builder_add_value (builder, json_node_copy (current));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "archived");
  json_builder_begin_array (builder);
  for (guint i = 0; archived != NULL && i < json_array_get_length (archived); i++)
    json_builder_add_value (builder, json_node_copy (json_array_get_element (archived, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  if (!pf_json_file_write (path, root, &write_error))
    {
      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_FAILED,
                   _("Could not save the checklist progress in “%s”: %s"),
                   path, write_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Reads the file before replacing it, to keep the archive. A file that
 * cannot be used is moved aside first, never overwritten. */
static gboolean
read_for_update (const char  *path,
                 Contents    *contents,
                 GError     **error)
{
  g_autoptr(GError) reason = NULL;
  g_autofree char *moved_to = NULL;

  if (read_contents (path, contents, &reason))
    return TRUE;

  contents_clear (contents);
  moved_to = move_aside (path, reason, error);
  if (moved_to == NULL)
    return FALSE;

  g_message ("The checklist progress in “%s” could not be read (%s); it was moved to “%s”",
             path, reason->message, moved_to);
  return TRUE;
}

/* ---- API --------------------------------------------------------------- */

PfChecklistRun *
pf_checklist_store_load (PfChecklistStore  *self,
                         const char        *key,
                         char             **out_moved_to,
                         GError           **error)
{
  g_auto(Contents) contents = { NULL, };
  g_autoptr(GError) reason = NULL;
  g_autofree char *path = NULL;
  g_autofree char *moved_to = NULL;

  g_return_val_if_fail (PF_IS_CHECKLIST_STORE (self), NULL);
  g_return_val_if_fail (key_is_safe (key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_moved_to != NULL)
    *out_moved_to = NULL;

  path = dup_path (self, key);
  if (read_contents (path, &contents, &reason))
    return contents.run != NULL ? g_object_ref (contents.run) : NULL;

  moved_to = move_aside (path, reason, error);
  if (moved_to == NULL)
    return NULL;

  if (out_moved_to != NULL)
    *out_moved_to = g_steal_pointer (&moved_to);

  return NULL;
}

gboolean
pf_checklist_store_save (PfChecklistStore  *self,
                         const char        *key,
                         PfChecklistRun    *run,
                         GError           **error)
{
  g_auto(Contents) contents = { NULL, };
  g_autoptr(JsonNode) current = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (PF_IS_CHECKLIST_STORE (self), FALSE);
  g_return_val_if_fail (key_is_safe (key), FALSE);
  g_return_val_if_fail (run == NULL || PF_IS_CHECKLIST_RUN (run), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = dup_path (self, key);
  if (!read_for_update (path, &contents, error))
    return FALSE;

  current = pf_checklist_run_to_json_node (run);
  return write_contents (path, current, contents.archived, error);
}

gboolean
pf_checklist_store_start (PfChecklistStore  *self,
                          const char        *key,
                          PfChecklistRun    *run,
                          GError           **error)
{
  g_auto(Contents) contents = { NULL, };
  g_autoptr(JsonArray) archived = json_array_new ();
  g_autoptr(JsonNode) current = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (PF_IS_CHECKLIST_STORE (self), FALSE);
  g_return_val_if_fail (key_is_safe (key), FALSE);
  g_return_val_if_fail (run == NULL || PF_IS_CHECKLIST_RUN (run), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = dup_path (self, key);
  if (!read_for_update (path, &contents, error))
    return FALSE;

  for (guint i = 0; contents.archived != NULL && i < json_array_get_length (contents.archived); i++)
    json_array_add_element (archived, json_node_copy (json_array_get_element (contents.archived, i)));
  if (contents.current != NULL)
    json_array_add_element (archived, json_node_copy (contents.current));

  if (run != NULL)
    current = pf_checklist_run_to_json_node (run);
  return write_contents (path, current, archived, error);
}

GPtrArray *
pf_checklist_store_load_archive (PfChecklistStore  *self,
                                 const char        *key,
                                 GError           **error)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Contents) contents = { NULL, };
  g_autoptr(GError) reason = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (PF_IS_CHECKLIST_STORE (self), NULL);
  g_return_val_if_fail (key_is_safe (key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = dup_path (self, key);
  if (!read_contents (path, &contents, &reason))
    {
      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE,
                   _("The checklist progress in “%s” cannot be read: %s"),
                   path, reason->message);
      return NULL;
    }

  for (guint i = 0; contents.archived != NULL && i < json_array_get_length (contents.archived); i++)
    {
      PfChecklistRun *run;

      run = pf_checklist_run_new_from_json_node (json_array_get_element (contents.archived, i), &reason);
      if (run == NULL)
        {
          g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE,
                       _("The checklist progress in “%s” cannot be read: %s"),
                       path, reason->message);
          return NULL;
        }
      g_ptr_array_add (runs, run);
    }

  return g_steal_pointer (&runs);
}
