/* pf-checklist-templates.c — every checklist template a user can pick
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

#define G_LOG_DOMAIN "pf-checklist-templates"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pf-checklist-error.h"
#include "pf-checklist-resources.h"
#include "pf-checklist-template-private.h"
#include "pf-checklist-templates.h"
#include "pf-json-file.h"

#define RESOURCE_DIR "/io/github/preflightdb/Preflight/engine/checklists/"
#define DEFAULT_TEMPLATE "routine-migration"
#define MAX_SLUG_LENGTH 60

/* The bundled templates, in the order the user sees them; any other
 * bundled file follows, by name */
static const char * const bundled_order[] = {
  "routine-migration",
  "production-go-live",
  "add-fields-safely",
};

struct _PfChecklistTemplates
{
  GObject    parent_instance;

  char      *dir;        /* NULL: the default, looked up on each use */
  GPtrArray *templates;  /* PfChecklistTemplate: bundled, then custom by title */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfChecklistTemplates, pf_checklist_templates, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DIR,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ----------------------------------------------------- GListModel -- */

static GType
pf_checklist_templates_get_item_type (GListModel *model)
{
  return PF_TYPE_CHECKLIST_TEMPLATE;
}

static guint
pf_checklist_templates_get_n_items (GListModel *model)
{
  return PF_CHECKLIST_TEMPLATES (model)->templates->len;
}

static gpointer
pf_checklist_templates_get_item (GListModel *model,
                                 guint       position)
{
  PfChecklistTemplates *self = PF_CHECKLIST_TEMPLATES (model);

  if (position >= self->templates->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->templates, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pf_checklist_templates_get_item_type;
  iface->get_n_items = pf_checklist_templates_get_n_items;
  iface->get_item = pf_checklist_templates_get_item;
}

static void
items_changed (PfChecklistTemplates *self,
               guint                 position,
               guint                 removed,
               guint                 added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* --------------------------------------------------------- object -- */

static void
pf_checklist_templates_finalize (GObject *object)
{
  PfChecklistTemplates *self = (PfChecklistTemplates *)object;

  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->templates, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_checklist_templates_parent_class)->finalize (object);
}

static void
pf_checklist_templates_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PfChecklistTemplates *self = PF_CHECKLIST_TEMPLATES (object);

  switch (prop_id)
    {
    case PROP_DIR:
      g_value_take_string (value, pf_checklist_templates_dup_dir (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->templates->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_checklist_templates_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PfChecklistTemplates *self = PF_CHECKLIST_TEMPLATES (object);

  switch (prop_id)
    {
    case PROP_DIR:
      self->dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_checklist_templates_class_init (PfChecklistTemplatesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_checklist_templates_finalize;
  object_class->get_property = pf_checklist_templates_get_property;
  object_class->set_property = pf_checklist_templates_set_property;

  properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_checklist_templates_init (PfChecklistTemplates *self)
{
  self->templates = g_ptr_array_new_with_free_func (g_object_unref);
}

PfChecklistTemplates *
pf_checklist_templates_new (const char *dir)
{
  return g_object_new (PF_TYPE_CHECKLIST_TEMPLATES,
                       "dir", dir,
                       NULL);
}

char *
pf_checklist_templates_dup_dir (PfChecklistTemplates *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATES (self), NULL);

  if (self->dir != NULL)
    return g_strdup (self->dir);

  return g_build_filename (g_get_user_config_dir (), "preflight", "templates", NULL);
}

static char *
dup_path (PfChecklistTemplates *self,
          const char           *id)
{
  g_autofree char *dir = pf_checklist_templates_dup_dir (self);
  g_autofree char *basename = g_strconcat (id, ".json", NULL);

  return g_build_filename (dir, basename, NULL);
}

/* -------------------------------------------------------- bundled -- */

/* The words people read, in their language: data/checklists/extract-strings.py
 * hands the same members to translators */
static void
translate_members (JsonNode *node)
{
  static const char * const members[] = { "title", "description", "why", "role" };
  JsonObject *object;
  JsonNode *children;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *member = json_object_get_member (object, members[i]);

      if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
          json_node_get_value_type (member) == G_TYPE_STRING &&
          *json_node_get_string (member) != '\0')
        {
          /* A copy: without a translation g_dgettext() returns the very
           * string json_node_set_string() frees first */
          g_autofree char *translated = g_strdup (g_dgettext (GETTEXT_PACKAGE, json_node_get_string (member)));

          json_node_set_string (member, translated);
        }
    }

  children = json_object_get_member (object, json_object_has_member (object, "steps") ? "steps" : "items");
  if (children != NULL && JSON_NODE_HOLDS_ARRAY (children))
    {
      JsonArray *array = json_node_get_array (children);

      for (guint i = 0; i < json_array_get_length (array); i++)
        translate_members (json_array_get_element (array, i));
    }
}

static PfChecklistTemplate *
load_bundled (const char  *id,
              GError     **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, id, ".json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize size;

  bytes = g_resource_lookup_data (pf_checklists_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  if (!json_parser_load_from_data (parser, data, (gssize) size, error))
    return NULL;

  translate_members (json_parser_get_root (parser));
  return pf_checklist_template_new_from_json_node (json_parser_get_root (parser), TRUE, error);
}

static int
bundled_rank (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (bundled_order); i++)
    {
      if (g_str_equal (bundled_order[i], id))
        return (int) i;
    }

  return (int) G_N_ELEMENTS (bundled_order);
}

static int
compare_bundled_names (gconstpointer a,
                       gconstpointer b)
{
  const char *name_a = *(const char * const *) a;
  const char *name_b = *(const char * const *) b;
  int rank_a = bundled_rank (name_a);
  int rank_b = bundled_rank (name_b);

  if (rank_a != rank_b)
    return rank_a - rank_b;

  return strcmp (name_a, name_b);
}

/* The ids of every bundled template, in order */
static GPtrArray *
list_bundled_ids (void)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) children = NULL;

  children = g_resource_enumerate_children (pf_checklists_get_resource (), RESOURCE_DIR,
                                            G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      if (g_str_has_suffix (children[i], ".json"))
        g_ptr_array_add (ids, g_strndup (children[i], strlen (children[i]) - strlen (".json")));
    }
  g_ptr_array_sort (ids, compare_bundled_names);

  return g_steal_pointer (&ids);
}

static gboolean
is_bundled_id (const char *id)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, id, ".json", NULL);

  return g_resource_get_info (pf_checklists_get_resource (), path,
                              G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL);
}

PfChecklistTemplate *
pf_checklist_templates_dup_default (void)
{
  g_autoptr(GError) error = NULL;
  PfChecklistTemplate *template;

  template = load_bundled (DEFAULT_TEMPLATE, &error);
  if (template == NULL)
    g_critical ("The bundled checklist “%s” is broken: %s", DEFAULT_TEMPLATE, error->message);

  return template;
}

/* --------------------------------------------------------- custom -- */

static int
compare_titles (gconstpointer a,
                gconstpointer b)
{
  PfChecklistTemplate *template_a = *(PfChecklistTemplate * const *) a;
  PfChecklistTemplate *template_b = *(PfChecklistTemplate * const *) b;
  int result;

  result = g_utf8_collate (pf_checklist_template_get_title (template_a),
                           pf_checklist_template_get_title (template_b));
  if (result != 0)
    return result;

  return strcmp (pf_checklist_template_get_id (template_a),
                 pf_checklist_template_get_id (template_b));
}

/* Reads one custom file; NULL (and a sentence in @problems) when it cannot
 * be used. Files that are not templates are moved aside. */
static PfChecklistTemplate *
load_custom (const char *path,
             GPtrArray  *problems)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *expected_id = NULL;
  g_autoptr(PfChecklistTemplate) template = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) move_error = NULL;
  g_autofree char *moved_to = NULL;
  g_autofree char *moved_name = NULL;

  root = pf_json_file_read (path, &read_error);
  if (root == NULL && read_error == NULL)
    return NULL;  /* gone since the folder was listed */

  if (read_error != NULL && read_error->domain == G_FILE_ERROR)
    {
      /* We do not know what is in it: leave it where it is */
      g_ptr_array_add (problems,
                       /* TRANSLATORS: the first %s is a file name, the second the system’s reason */
                       g_strdup_printf (_("“%s” could not be read: %s."), name, read_error->message));
      return NULL;
    }

  if (root != NULL)
    template = pf_checklist_template_new_from_json_node (root, FALSE, &read_error);

  if (template == NULL)
    {
      g_message ("%s is not a checklist template (%s); moving it aside", path, read_error->message);
      moved_to = pf_json_file_move_aside (path, &move_error);
      if (moved_to == NULL)
        {
          g_ptr_array_add (problems,
                           /* TRANSLATORS: a file name, why it cannot be read, why it could not be moved */
                           g_strdup_printf (_("“%s” could not be read (%s) and could not be moved aside: %s."),
                                            name, read_error->message, move_error->message));
          return NULL;
        }

      moved_name = g_filename_display_basename (moved_to);
      g_ptr_array_add (problems,
                       /* TRANSLATORS: a file name, why it cannot be read, the file name it now has */
                       g_strdup_printf (_("“%s” could not be read (%s) and was moved to “%s”."),
                                        name, read_error->message, moved_name));
      return NULL;
    }

  if (is_bundled_id (pf_checklist_template_get_id (template)))
    {
      g_ptr_array_add (problems,
                       /* TRANSLATORS: a file name, then a template id such as “routine-migration” */
                       g_strdup_printf (_("“%s” was skipped: “%s” is the id of a bundled template."),
                                        name, pf_checklist_template_get_id (template)));
      return NULL;
    }

  /* Saving writes “<id>.json”: a file under another name would be
   * duplicated by the next save, so it is left alone until renamed */
  expected_id = g_strndup (name, strlen (name) - strlen (".json"));
  if (!g_str_equal (expected_id, pf_checklist_template_get_id (template)))
    {
      g_ptr_array_add (problems,
                       /* TRANSLATORS: a file name, the id inside it, and the id again in the file name it should have */
                       g_strdup_printf (_("“%s” was skipped: it holds the template “%s” and should be called “%s.json”."),
                                        name, pf_checklist_template_get_id (template),
                                        pf_checklist_template_get_id (template)));
      return NULL;
    }

  return g_steal_pointer (&template);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* ----------------------------------------------------------- load -- */

gboolean
pf_checklist_templates_load (PfChecklistTemplates  *self,
                             GPtrArray            **out_problems,
                             GError               **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) custom = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bundled_ids = NULL;
  g_autoptr(GError) dir_error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *dir_path = NULL;
  const char *name;
  guint removed;

  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATES (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_problems != NULL)
    *out_problems = NULL;

  /* Bundled: a broken one is a bug in Preflight, caught by the tests */
  bundled_ids = list_bundled_ids ();
  for (guint i = 0; i < bundled_ids->len; i++)
    {
      const char *id = g_ptr_array_index (bundled_ids, i);
      g_autoptr(GError) bundled_error = NULL;
      PfChecklistTemplate *template = load_bundled (id, &bundled_error);

      if (template == NULL)
        g_critical ("The bundled checklist “%s” is broken: %s", id, bundled_error->message);
      else
        g_ptr_array_add (templates, template);
    }

  /* Custom */
  dir_path = pf_checklist_templates_dup_dir (self);
  dir = g_dir_open (dir_path, 0, &dir_error);
  if (dir == NULL && !g_error_matches (dir_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_autofree char *display = g_filename_display_name (dir_path);

      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_FAILED,
                   _("Could not read your checklist templates in “%s”: %s"),
                   display, dir_error->message);
      return FALSE;
    }

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".json") && name[0] != '.')
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      PfChecklistTemplate *template = load_custom (path, problems);

      if (template != NULL)
        g_ptr_array_add (custom, template);
    }
  g_ptr_array_sort (custom, compare_titles);
  for (guint i = 0; i < custom->len; i++)
    g_ptr_array_add (templates, g_object_ref (g_ptr_array_index (custom, i)));

  removed = self->templates->len;
  g_ptr_array_unref (self->templates);
  self->templates = g_steal_pointer (&templates);
  if (removed > 0 || self->templates->len > 0)
    items_changed (self, 0, removed, self->templates->len);

  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&problems);

  return TRUE;
}

/* ------------------------------------------------------- contents -- */

PfChecklistTemplate *
pf_checklist_templates_find (PfChecklistTemplates *self,
                             const char           *id)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATES (self), NULL);

  for (guint i = 0; id != NULL && i < self->templates->len; i++)
    {
      PfChecklistTemplate *template = g_ptr_array_index (self->templates, i);

      if (g_str_equal (pf_checklist_template_get_id (template), id))
        return template;
    }

  return NULL;
}

/* "Night shift go-live!" → "night-shift-go-live" */
static char *
slugify (const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title != NULL ? title : "", "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && slug->len < MAX_SLUG_LENGTH; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  if (slug->len == 0)
    g_string_append (slug, "checklist");

  return g_string_free (slug, FALSE);
}

static gboolean
id_is_taken (PfChecklistTemplates *self,
             const char           *id)
{
  g_autofree char *path = NULL;

  if (pf_checklist_templates_find (self, id) != NULL || is_bundled_id (id))
    return TRUE;

  /* A file that was skipped (or not loaded yet) must not be overwritten */
  path = dup_path (self, id);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

char *
pf_checklist_templates_dup_unique_id (PfChecklistTemplates *self,
                                      const char           *title)
{
  g_autofree char *slug = NULL;

  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATES (self), NULL);

  slug = slugify (title);
  if (!id_is_taken (self, slug))
    return g_steal_pointer (&slug);

  for (guint n = 2; ; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s-%u", slug, n);

      if (!id_is_taken (self, candidate))
        return g_steal_pointer (&candidate);
    }
}

static gboolean
set_read_only (PfChecklistTemplate  *template,
               GError              **error)
{
  g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_READ_ONLY,
               /* TRANSLATORS: %s is a template title such as “Routine schema migration” */
               _("“%s” is a checklist that comes with Preflight and cannot be changed. Duplicate it to make your own."),
               pf_checklist_template_get_title (template));
  return FALSE;
}

/* Where @template belongs among the custom templates, sorted by title */
static guint
sorted_position (PfChecklistTemplates *self,
                 PfChecklistTemplate  *template)
{
  guint position = 0;

  while (position < self->templates->len)
    {
      PfChecklistTemplate *other = g_ptr_array_index (self->templates, position);

      if (!pf_checklist_template_get_builtin (other) &&
          compare_titles (&template, &other) < 0)
        break;
      position++;
    }

  return position;
}

gboolean
pf_checklist_templates_save (PfChecklistTemplates  *self,
                             PfChecklistTemplate   *template,
                             GError               **error)
{
  g_autoptr(PfChecklistTemplate) keep = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autofree char *path = NULL;
  PfChecklistTemplate *existing;
  guint old_position;
  guint position;

  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATES (self), FALSE);
  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATE (template), FALSE);
  g_return_val_if_fail (_pf_checklist_id_is_valid (pf_checklist_template_get_id (template)), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (pf_checklist_template_get_builtin (template) ||
      is_bundled_id (pf_checklist_template_get_id (template)))
    return set_read_only (template, error);

  /* Never write a file the next load would have to move aside (an item
   * whose title was cleared in the editor, say) */
  root = pf_checklist_template_to_json_node (template);
  {
    g_autoptr(PfChecklistTemplate) check = pf_checklist_template_new_from_json_node (root, FALSE, error);

    if (check == NULL)
      return FALSE;
  }

  path = dup_path (self, pf_checklist_template_get_id (template));
  if (!pf_json_file_write (path, root, &write_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_FAILED,
                   _("Could not save the checklist “%s” to “%s”: %s"),
                   pf_checklist_template_get_title (template), display, write_error->message);
      return FALSE;
    }

  /* Replace the one with the same id, keeping the list sorted by title */
  keep = g_object_ref (template);
  existing = pf_checklist_templates_find (self, pf_checklist_template_get_id (template));
  if (existing != NULL && g_ptr_array_find (self->templates, existing, &old_position))
    {
      g_ptr_array_remove_index (self->templates, old_position);
      position = sorted_position (self, template);
      g_ptr_array_insert (self->templates, position, g_object_ref (template));
      if (position == old_position)
        items_changed (self, position, 1, 1);
      else
        {
          items_changed (self, old_position, 1, 0);
          items_changed (self, position, 0, 1);
        }
    }
  else
    {
      position = sorted_position (self, template);
      g_ptr_array_insert (self->templates, position, g_object_ref (template));
      items_changed (self, position, 0, 1);
    }

  return TRUE;
}

gboolean
pf_checklist_templates_remove (PfChecklistTemplates  *self,
                               PfChecklistTemplate   *template,
                               GError               **error)
{
  g_autofree char *path = NULL;
  PfChecklistTemplate *existing;
  guint position;

  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATES (self), FALSE);
  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATE (template), FALSE);
  g_return_val_if_fail (_pf_checklist_id_is_valid (pf_checklist_template_get_id (template)), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (pf_checklist_template_get_builtin (template) ||
      is_bundled_id (pf_checklist_template_get_id (template)))
    return set_read_only (template, error);

  path = dup_path (self, pf_checklist_template_get_id (template));
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_FAILED,
                   _("Could not delete the checklist “%s” (“%s”): %s"),
                   pf_checklist_template_get_title (template), display, g_strerror (saved_errno));
      return FALSE;
    }

  existing = pf_checklist_templates_find (self, pf_checklist_template_get_id (template));
  if (existing != NULL && g_ptr_array_find (self->templates, existing, &position))
    {
      g_ptr_array_remove_index (self->templates, position);
      items_changed (self, position, 1, 0);
    }

  return TRUE;
}
