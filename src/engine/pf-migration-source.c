/* pf-migration-source.c — the Django migrations a project folder holds
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

#define G_LOG_DOMAIN "pf-migration-source"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-migration-error.h"
#include "pf-migration-source.h"
#include "pf-python-parser.h"

/* Deeper than any real project; stops a walk through a pathological tree */
#define MAX_WALK_DEPTH 24

struct _PfMigrationSource
{
  GObject     parent_instance;

  char       *project_dir;
  char       *auth_user_model;
  GPtrArray  *migrations;   /* PfMigration, sorted by app then name */
  GHashTable *by_key;       /* PfMigrationKey → PfMigration (borrowed) */
  GPtrArray  *apps;         /* char*, sorted */
  GPtrArray  *problems;     /* PfMigrationProblem */
};

G_DEFINE_FINAL_TYPE (PfMigrationSource, pf_migration_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT_DIR,
  PROP_AUTH_USER_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_migration_source_finalize (GObject *object)
{
  PfMigrationSource *self = (PfMigrationSource *) object;

  g_clear_pointer (&self->project_dir, g_free);
  g_clear_pointer (&self->auth_user_model, g_free);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->migrations, g_ptr_array_unref);
  g_clear_pointer (&self->apps, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_migration_source_parent_class)->finalize (object);
}

static void
pf_migration_source_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PfMigrationSource *self = PF_MIGRATION_SOURCE (object);

  switch (prop_id)
    {
    case PROP_PROJECT_DIR:
      g_value_set_string (value, self->project_dir);
      break;

    case PROP_AUTH_USER_MODEL:
      g_value_set_string (value, self->auth_user_model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_migration_source_class_init (PfMigrationSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_migration_source_finalize;
  object_class->get_property = pf_migration_source_get_property;

  properties[PROP_PROJECT_DIR] =
    g_param_spec_string ("project-dir", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTH_USER_MODEL] =
    g_param_spec_string ("auth-user-model", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_migration_source_init (PfMigrationSource *self)
{
  self->migrations = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_key = g_hash_table_new (pf_migration_key_hash, pf_migration_key_equal);
  self->apps = g_ptr_array_new_with_free_func (g_free);
  self->problems = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ---- walking the project ------------------------------------------------ */

typedef struct
{
  char  *app;
  char  *dir;      /* the migrations folder */
  guint  depth;
} AppDir;

typedef struct
{
  char  *path;
  guint  depth;
} FoundFile;

typedef struct
{
  GPtrArray    *apps;       /* AppDir */
  GPtrArray    *settings;   /* FoundFile: settings.py */
  GPtrArray    *manages;    /* FoundFile: manage.py */
  GCancellable *cancellable;
} Walk;

static void
app_dir_free (gpointer data)
{
  AppDir *app = data;

  g_free (app->app);
  g_free (app->dir);
  g_free (app);
}

static void
found_file_free (gpointer data)
{
  FoundFile *file = data;

  g_free (file->path);
  g_free (file);
}

static void
add_found (GPtrArray  *files,
           const char *path,
           guint       depth)
{
  FoundFile *file = g_new0 (FoundFile, 1);

  file->path = g_strdup (path);
  file->depth = depth;
  g_ptr_array_add (files, file);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static gboolean
is_skipped_dir (const char *dir,
                const char *name)
{
  g_autofree char *pyvenv = NULL;

  /* hidden folders (.git, .tox, .venv), installed packages, build trees */
  if (name[0] == '.' ||
      strcmp (name, "node_modules") == 0 ||
      strcmp (name, "site-packages") == 0 ||
      strcmp (name, "dist-packages") == 0 ||
      strcmp (name, "__pycache__") == 0)
    return TRUE;

  /* a virtualenv, whatever its name */
  pyvenv = g_build_filename (dir, "pyvenv.cfg", NULL);
  return g_file_test (pyvenv, G_FILE_TEST_EXISTS);
}

static gboolean
walk_dir (Walk        *walk,
          const char  *dir,
          guint        depth,
          GError     **error)
{
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  const char *name;

  if (g_cancellable_set_error_if_cancelled (walk->cancellable, error))
    return FALSE;

  handle = g_dir_open (dir, 0, &local_error);
  if (handle == NULL)
    {
      /* an unreadable subfolder is not the user's project */
      g_debug ("Skipping %s: %s", dir, local_error->message);
      return TRUE;
    }

  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      const char *entry = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue; /* no loops, no walking out of the project */

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          if (strcmp (entry, "settings.py") == 0)
            add_found (walk->settings, path, depth);
          else if (strcmp (entry, "manage.py") == 0)
            add_found (walk->manages, path, depth);
          continue;
        }

      if (!g_file_test (path, G_FILE_TEST_IS_DIR) || is_skipped_dir (path, entry))
        continue;

      if (strcmp (entry, "migrations") == 0)
        {
          AppDir *app = g_new0 (AppDir, 1);

          /* the app label is the name of the folder holding migrations/ */
          app->app = g_path_get_basename (dir);
          app->dir = g_steal_pointer (&path);
          app->depth = depth;
          g_ptr_array_add (walk->apps, app);
          continue;
        }

      if (depth < MAX_WALK_DEPTH && !walk_dir (walk, path, depth + 1, error))
        return FALSE;
    }

  return TRUE;
}

/* ---- settings ----------------------------------------------------------- */

static char *
settings_from_manage_py (const char *manage_py)
{
  g_autofree char *contents = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(JsonArray) calls = NULL;
  gsize length;

  if (!g_file_get_contents (manage_py, &contents, &length, NULL))
    return NULL;
  calls = pf_python_find_calls (contents, length, "setdefault", NULL);
  if (calls == NULL)
    return NULL;

  dir = g_path_get_dirname (manage_py);

  /* os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings") */
  for (guint i = 0; i < json_array_get_length (calls); i++)
    {
      JsonObject *call = json_array_get_object_element (calls, i);
      JsonArray *args = json_object_get_array_member (call, "args");
      JsonNode *name, *value;
      g_auto(GStrv) parts = NULL;
      g_autofree char *relative = NULL;
      g_autofree char *module = NULL;
      g_autofree char *package = NULL;

      if (json_array_get_length (args) != 2)
        continue;
      name = json_array_get_element (args, 0);
      value = json_array_get_element (args, 1);
      if (!JSON_NODE_HOLDS_VALUE (name) || json_node_get_value_type (name) != G_TYPE_STRING ||
          g_strcmp0 (json_node_get_string (name), "DJANGO_SETTINGS_MODULE") != 0 ||
          !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        continue;

      parts = g_strsplit (json_node_get_string (value), ".", -1);
      relative = g_build_filenamev (parts);
      module = g_strconcat (dir, G_DIR_SEPARATOR_S, relative, ".py", NULL);
      if (g_file_test (module, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&module);
      package = g_build_filename (dir, relative, "__init__.py", NULL);
      if (g_file_test (package, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&package);
    }

  return NULL;
}

static char *
find_settings (Walk *walk)
{
  FoundFile *best = NULL;

  /* Prefer what manage.py names (the shallowest manage.py first) */
  for (guint depth = 0; depth <= MAX_WALK_DEPTH; depth++)
    for (guint i = 0; i < walk->manages->len; i++)
      {
        FoundFile *manage = g_ptr_array_index (walk->manages, i);
        char *settings;

        if (manage->depth != depth)
          continue;
        if ((settings = settings_from_manage_py (manage->path)) != NULL)
          return settings;
      }

  /* else the first settings.py at the shallowest depth (walk order is sorted) */
  for (guint i = 0; i < walk->settings->len; i++)
    {
      FoundFile *file = g_ptr_array_index (walk->settings, i);

      if (best == NULL || file->depth < best->depth)
        best = file;
    }

  return best != NULL ? g_strdup (best->path) : NULL;
}

static char *
read_auth_user_model (const char  *settings_path,
                      GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(JsonObject) assignments = NULL;
  JsonNode *node;
  gsize length;

  if (!g_file_get_contents (settings_path, &contents, &length, error))
    return NULL;

  assignments = pf_python_parse_assignments (contents, length, error);
  if (assignments == NULL)
    return NULL;

  node = json_object_get_member (assignments, "AUTH_USER_MODEL");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING &&
      strchr (json_node_get_string (node), '.') != NULL)
    return g_strdup (json_node_get_string (node));

  /* Django's default (django/conf/global_settings.py) */
  return g_strdup ("auth.User");
}

/* ---- loading ------------------------------------------------------------ */

static guint
line_of_error (const GError *error)
{
  guint line = 0;

  if (error != NULL && g_str_has_prefix (error->message, "line "))
    line = (guint) strtoul (error->message + 5, NULL, 10);
  return line;
}

static void
add_missing_init (PfMigrationSource *self,
                  AppDir            *app)
{
  g_autoptr(PfMigrationProblem) problem =
    pf_migration_problem_new (PF_MIGRATION_PROBLEM_MISSING_INIT, PF_SEVERITY_BLOCKER);
  g_autofree char *title =
    g_strdup_printf (_("The app “%s” has no migrations/__init__.py"), app->app);
  g_autofree char *detail =
    g_strdup_printf (_("%s has no __init__.py, so Python does not treat it as a package."),
                     app->dir);

  pf_migration_problem_set_app (problem, app->app);
  pf_migration_problem_set_title (problem, title);
  pf_migration_problem_set_explanation (problem,
    _("Django will treat the app as unmigrated and ignore its migrations entirely: "
      "none of them will run, and its tables will not be created or changed."));
  pf_migration_problem_set_detail (problem, detail);
  pf_migration_problem_set_fix (problem, _("Create an empty migrations/__init__.py in the app."));
  pf_migration_problem_set_location (problem, app->dir, 0);
  g_ptr_array_add (self->problems, g_steal_pointer (&problem));
}

static void
add_unparsable (PfMigrationSource *self,
                AppDir            *app,
                const char        *name,
                const char        *path,
                const GError      *error)
{
  g_autoptr(PfMigrationProblem) problem =
    pf_migration_problem_new (PF_MIGRATION_PROBLEM_UNPARSABLE_FILE, PF_SEVERITY_BLOCKER);
  g_autofree char *title =
    g_strdup_printf (_("The migration “%s.%s” cannot be read"), app->app, name);
  g_autofree char *detail = g_strdup_printf ("%s: %s", path, error->message);

  pf_migration_problem_set_app (problem, app->app);
  pf_migration_problem_add_migration (problem, name);
  pf_migration_problem_set_title (problem, title);
  pf_migration_problem_set_explanation (problem,
    _("Preflight could not read this migration file, so it cannot say what the migration "
      "will do. If the file is broken, Django will refuse to run any migration."));
  pf_migration_problem_set_detail (problem, detail);
  pf_migration_problem_set_fix (problem,
    _("Fix the file at the line shown (python -m py_compile checks it), or regenerate it "
      "with makemigrations."));
  pf_migration_problem_set_location (problem, path, line_of_error (error));
  g_ptr_array_add (self->problems, g_steal_pointer (&problem));
}

static void
add_duplicate_number (PfMigrationSource *self,
                      AppDir            *app,
                      const char        *number,
                      GPtrArray         *names)
{
  g_autoptr(PfMigrationProblem) problem =
    pf_migration_problem_new (PF_MIGRATION_PROBLEM_DUPLICATE_NUMBER, PF_SEVERITY_WARNING);
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GString) list = g_string_new (NULL);

  if (names->len == 2)
    title = g_strdup_printf (_("The app “%s” has two migrations numbered %s"), app->app, number);
  else
    title = g_strdup_printf (_("The app “%s” has %u migrations numbered %s"),
                             app->app, names->len, number);

  for (guint i = 0; i < names->len; i++)
    {
      pf_migration_problem_add_migration (problem, g_ptr_array_index (names, i));
      g_string_append_printf (list, "%s%s.py", i > 0 ? ", " : "",
                              (const char *) g_ptr_array_index (names, i));
    }
  detail = g_strdup_printf (_("In %s: %s"), app->dir, list->str);

  pf_migration_problem_set_app (problem, app->app);
  pf_migration_problem_set_title (problem, title);
  pf_migration_problem_set_explanation (problem,
    _("Two developers probably created migrations in parallel. Django runs both only if "
      "one depends on the other; otherwise it stops with a conflict."));
  pf_migration_problem_set_detail (problem, detail);
  pf_migration_problem_set_fix (problem,
    _("Run python manage.py makemigrations --merge, or renumber one of the files and fix "
      "its dependencies."));
  pf_migration_problem_set_location (problem, app->dir, 0);
  g_ptr_array_add (self->problems, g_steal_pointer (&problem));
}

static int
compare_migrations (gconstpointer a,
                    gconstpointer b)
{
  PfMigration *ma = *(PfMigration * const *) a;
  PfMigration *mb = *(PfMigration * const *) b;
  int cmp = strcmp (pf_migration_get_app (ma), pf_migration_get_app (mb));

  return cmp != 0 ? cmp : strcmp (pf_migration_get_name (ma), pf_migration_get_name (mb));
}

static gboolean
load_app (PfMigrationSource *self,
          AppDir            *app,
          GCancellable      *cancellable,
          GError           **error)
{
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *init = g_build_filename (app->dir, "__init__.py", NULL);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) squashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean loaded;
  const char *entry;

  handle = g_dir_open (app->dir, 0, &local_error);
  if (handle == NULL)
    {
      g_debug ("Skipping %s: %s", app->dir, local_error->message);
      return TRUE;
    }

  /* Django's loader: pkgutil.iter_modules() over migrations/, keeping
   * modules (not packages) whose name does not start with "_" or "~";
   * iter_modules itself skips names with a dot in them. */
  while ((entry = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (app->dir, entry, NULL);
      g_autofree char *name = NULL;

      if (!g_str_has_suffix (entry, ".py") || entry[0] == '_' || entry[0] == '~')
        continue;
      name = g_strndup (entry, strlen (entry) - 3);
      if (name[0] == '\0' || strchr (name, '.') != NULL ||
          !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      g_ptr_array_add (names, g_steal_pointer (&name));
    }
  g_ptr_array_sort (names, compare_strings);

  /* A migrations folder without __init__.py is a namespace package:
   * Django puts the app in unmigrated_apps and reads none of its files. */
  loaded = g_file_test (init, G_FILE_TEST_IS_REGULAR);
  if (!loaded)
    {
      add_missing_init (self, app);
      return TRUE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(PfMigration) migration = NULL;
      gsize length;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      path = g_strconcat (app->dir, G_DIR_SEPARATOR_S, name, ".py", NULL);
      if (!g_file_get_contents (path, &contents, &length, &local_error))
        {
          add_unparsable (self, app, name, path, local_error);
          g_clear_error (&local_error);
          continue;
        }

      migration = pf_migration_new_from_source (app->app, name, path, contents, length,
                                                &local_error);
      if (migration == NULL)
        {
          add_unparsable (self, app, name, path, local_error);
          g_clear_error (&local_error);
          continue;
        }

      if (pf_migration_get_replaces (migration)->len > 0)
        g_hash_table_add (squashes, g_strdup (name));
      pf_migration_resolve_swappable (migration, self->auth_user_model);
      g_ptr_array_add (self->migrations, g_steal_pointer (&migration));
    }

  /* Two files with the same leading number. A squash shares the number of
   * the first migration it replaces on purpose and does not count. Whether
   * the others also conflict (two leaves) is the graph's call. */
  for (guint i = 0; i < names->len;)
    {
      const char *first = g_ptr_array_index (names, i);
      gsize digits = strspn (first, "0123456789");
      g_autoptr(GPtrArray) same = g_ptr_array_new ();
      guint j = i;

      while (j < names->len)
        {
          const char *other = g_ptr_array_index (names, j);

          if (digits == 0 || strspn (other, "0123456789") != digits ||
              strncmp (first, other, digits) != 0)
            break;
          if (!g_hash_table_contains (squashes, other))
            g_ptr_array_add (same, (gpointer) other);
          j++;
        }

      if (same->len > 1)
        {
          g_autofree char *number = g_strndup (first, digits);

          add_duplicate_number (self, app, number, same);
        }
      i = MAX (j, i + 1);
    }

  return TRUE;
}

PfMigrationSource *
pf_migration_source_load (const char    *project_dir,
                          const char    *settings_path,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(PfMigrationSource) self = NULL;
  g_autoptr(GPtrArray) apps = g_ptr_array_new_with_free_func (app_dir_free);
  g_autoptr(GPtrArray) settings = g_ptr_array_new_with_free_func (found_file_free);
  g_autoptr(GPtrArray) manages = g_ptr_array_new_with_free_func (found_file_free);
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *found_settings = NULL;
  Walk walk = { apps, settings, manages, cancellable };

  g_return_val_if_fail (project_dir != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  if (!g_file_test (project_dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PF_MIGRATION_ERROR, PF_MIGRATION_ERROR_NO_PROJECT,
                   _("Could not read the project folder “%s”: it does not exist or is not a folder"),
                   project_dir);
      return NULL;
    }

  if (!walk_dir (&walk, project_dir, 0, error))
    return NULL;

  if (apps->len == 0)
    {
      g_set_error (error, PF_MIGRATION_ERROR, PF_MIGRATION_ERROR_NO_PROJECT,
                   _("The folder “%s” holds no Django migrations: no app in it has a migrations folder"),
                   project_dir);
      return NULL;
    }

  self = g_object_new (PF_TYPE_MIGRATION_SOURCE, NULL);
  self->project_dir = g_strdup (project_dir);

  if (settings_path == NULL)
    settings_path = found_settings = find_settings (&walk);

  if (settings_path != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      self->auth_user_model = read_auth_user_model (settings_path, &local_error);
      if (self->auth_user_model == NULL)
        {
          /* a settings file the user named must be readable; one we found
           * ourselves only helps */
          if (found_settings == NULL)
            {
              g_set_error (error, PF_MIGRATION_ERROR, PF_MIGRATION_ERROR_FAILED,
                           _("Could not read the settings file “%s”: %s"),
                           settings_path, local_error->message);
              return NULL;
            }
          g_debug ("Ignoring %s: %s", settings_path, local_error->message);
        }
    }
  if (self->auth_user_model == NULL)
    self->auth_user_model = g_strdup ("auth.User");

  /* Shallowest first, so an app's own folder wins over a copy deeper down
   * (fixtures, vendored code) with the same label. */
  for (guint depth = 0; depth <= MAX_WALK_DEPTH; depth++)
    for (guint i = 0; i < apps->len; i++)
      {
        AppDir *app = g_ptr_array_index (apps, i);

        if (app->depth != depth)
          continue;
        if (g_hash_table_contains (labels, app->app))
          {
            g_debug ("Ignoring %s: the app label “%s” is already taken", app->dir, app->app);
            continue;
          }
        g_hash_table_add (labels, app->app);
        g_ptr_array_add (self->apps, g_strdup (app->app));

        if (!load_app (self, app, cancellable, error))
          return NULL;
      }

  g_ptr_array_sort (self->apps, compare_strings);
  g_ptr_array_sort (self->migrations, compare_migrations);
  for (guint i = 0; i < self->migrations->len; i++)
    {
      PfMigration *migration = g_ptr_array_index (self->migrations, i);

      g_hash_table_insert (self->by_key, (gpointer) pf_migration_get_key (migration), migration);
    }

  return g_steal_pointer (&self);
}

typedef struct
{
  char *project_dir;
  char *settings_path;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_free (load->project_dir);
  g_free (load->settings_path);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  GError *error = NULL;
  PfMigrationSource *self;

  self = pf_migration_source_load (load->project_dir, load->settings_path, cancellable, &error);
  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
}

void
pf_migration_source_load_async (const char          *project_dir,
                                const char          *settings_path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (project_dir != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  load = g_new0 (LoadData, 1);
  load->project_dir = g_strdup (project_dir);
  load->settings_path = g_strdup (settings_path);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_migration_source_load_async);
  g_task_set_task_data (task, load, load_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

PfMigrationSource *
pf_migration_source_load_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pf_migration_source_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
pf_migration_source_get_project_dir (PfMigrationSource *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_SOURCE (self), NULL);

  return self->project_dir;
}

const char *
pf_migration_source_get_auth_user_model (PfMigrationSource *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_SOURCE (self), NULL);

  return self->auth_user_model;
}

GPtrArray *
pf_migration_source_get_migrations (PfMigrationSource *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_SOURCE (self), NULL);

  return self->migrations;
}

PfMigration *
pf_migration_source_lookup (PfMigrationSource *self,
                            const char        *app,
                            const char        *name)
{
  PfMigrationKey key = { (char *) app, (char *) name };

  g_return_val_if_fail (PF_IS_MIGRATION_SOURCE (self), NULL);
  g_return_val_if_fail (app != NULL && name != NULL, NULL);

  return g_hash_table_lookup (self->by_key, &key);
}

GStrv
pf_migration_source_dup_apps (PfMigrationSource *self)
{
  GStrv apps;

  g_return_val_if_fail (PF_IS_MIGRATION_SOURCE (self), NULL);

  apps = g_new0 (char *, self->apps->len + 1);
  for (guint i = 0; i < self->apps->len; i++)
    apps[i] = g_strdup (g_ptr_array_index (self->apps, i));
  return apps;
}

GPtrArray *
pf_migration_source_get_problems (PfMigrationSource *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_SOURCE (self), NULL);

  return self->problems;
}
