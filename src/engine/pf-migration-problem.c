/* pf-migration-problem.c — something about the migrations that needs a person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-migration-problem"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-migration-problem.h"

struct _PfMigrationProblem
{
  GObject     parent_instance;

  char       *kind;
  PfSeverity  severity;
  char       *app;
  GPtrArray  *migrations;  /* char*, NULL-terminated */

  char       *title;
  char       *explanation;
  char       *detail;
  char       *fix;

  char       *path;
  guint       line;
  char       *table;
  char       *column;
  gint64      count;
};

G_DEFINE_FINAL_TYPE (PfMigrationProblem, pf_migration_problem, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_SEVERITY,
  PROP_APP,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_migration_problem_finalize (GObject *object)
{
  PfMigrationProblem *self = PF_MIGRATION_PROBLEM (object);

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->app, g_free);
  g_clear_pointer (&self->migrations, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->explanation, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->fix, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->table, g_free);
  g_clear_pointer (&self->column, g_free);

  G_OBJECT_CLASS (pf_migration_problem_parent_class)->finalize (object);
}

static void
pf_migration_problem_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PfMigrationProblem *self = PF_MIGRATION_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;

    case PROP_APP:
      g_value_set_string (value, self->app);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_migration_problem_class_init (PfMigrationProblemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_migration_problem_finalize;
  object_class->get_property = pf_migration_problem_get_property;

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       PF_TYPE_SEVERITY,
                       PF_SEVERITY_INFO,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_APP] =
    g_param_spec_string ("app", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_migration_problem_init (PfMigrationProblem *self)
{
  self->migrations = g_ptr_array_new_null_terminated (2, g_free, TRUE);
  self->count = -1;
}

PfMigrationProblem *
pf_migration_problem_new (const char *kind,
                          PfSeverity  severity)
{
  PfMigrationProblem *self;

  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (PF_TYPE_MIGRATION_PROBLEM, NULL);
  self->kind = g_strdup (kind);
  self->severity = severity;

  return self;
}

const char *
pf_migration_problem_get_kind (PfMigrationProblem *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_PROBLEM (self), NULL);

  return self->kind;
}

PfSeverity
pf_migration_problem_get_severity (PfMigrationProblem *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_PROBLEM (self), PF_SEVERITY_INFO);

  return self->severity;
}

/* Replaces *field with a copy of value; TRUE when it changed */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

const char *
pf_migration_problem_get_app (PfMigrationProblem *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_PROBLEM (self), NULL);

  return self->app;
}

void
pf_migration_problem_set_app (PfMigrationProblem *self,
                              const char         *app)
{
  g_return_if_fail (PF_IS_MIGRATION_PROBLEM (self));

  if (set_string (&self->app, app))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APP]);
}

const char * const *
pf_migration_problem_get_migrations (PfMigrationProblem *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_PROBLEM (self), NULL);

  return (const char * const *) self->migrations->pdata;
}

void
pf_migration_problem_add_migration (PfMigrationProblem *self,
                                    const char         *migration)
{
  g_return_if_fail (PF_IS_MIGRATION_PROBLEM (self));
  g_return_if_fail (migration != NULL);

  /* A migration is named once, however many reasons put it here */
  for (guint i = 0; i < self->migrations->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->migrations, i), migration) == 0)
      return;

  g_ptr_array_add (self->migrations, g_strdup (migration));
}

const char *
pf_migration_problem_get_title (PfMigrationProblem *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_PROBLEM (self), NULL);

  return self->title;
}

void
pf_migration_problem_set_title (PfMigrationProblem *self,
                                const char         *title)
{
  g_return_if_fail (PF_IS_MIGRATION_PROBLEM (self));

  if (set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
pf_migration_problem_get_explanation (PfMigrationProblem *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_PROBLEM (self), NULL);

  return self->explanation;
}

void
pf_migration_problem_set_explanation (PfMigrationProblem *self,
                                      const char         *explanation)
{
  g_return_if_fail (PF_IS_MIGRATION_PROBLEM (self));

  set_string (&self->explanation, explanation);
}

const char *
pf_migration_problem_get_detail (PfMigrationProblem *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_PROBLEM (self), NULL);

  return self->detail;
}

void
pf_migration_problem_set_detail (PfMigrationProblem *self,
                                 const char         *detail)
{
  g_return_if_fail (PF_IS_MIGRATION_PROBLEM (self));

  set_string (&self->detail, detail);
}

const char *
pf_migration_problem_get_fix (PfMigrationProblem *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_PROBLEM (self), NULL);

  return self->fix;
}

void
pf_migration_problem_set_fix (PfMigrationProblem *self,
                              const char         *fix)
{
  g_return_if_fail (PF_IS_MIGRATION_PROBLEM (self));

  set_string (&self->fix, fix);
}

const char *
pf_migration_problem_get_path (PfMigrationProblem *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_PROBLEM (self), NULL);

  return self->path;
}

guint
pf_migration_problem_get_line (PfMigrationProblem *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_PROBLEM (self), 0);

  return self->line;
}

void
pf_migration_problem_set_location (PfMigrationProblem *self,
                                   const char         *path,
                                   guint               line)
{
  g_return_if_fail (PF_IS_MIGRATION_PROBLEM (self));

  set_string (&self->path, path);
  self->line = line;
}

const char *
pf_migration_problem_get_table (PfMigrationProblem *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_PROBLEM (self), NULL);

  return self->table;
}

const char *
pf_migration_problem_get_column (PfMigrationProblem *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_PROBLEM (self), NULL);

  return self->column;
}

void
pf_migration_problem_set_table (PfMigrationProblem *self,
                                const char         *table,
                                const char         *column)
{
  g_return_if_fail (PF_IS_MIGRATION_PROBLEM (self));

  set_string (&self->table, table);
  set_string (&self->column, column);
}

gint64
pf_migration_problem_get_count (PfMigrationProblem *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_PROBLEM (self), -1);

  return self->count;
}

void
pf_migration_problem_set_count (PfMigrationProblem *self,
                                gint64              count)
{
  g_return_if_fail (PF_IS_MIGRATION_PROBLEM (self));

  self->count = count < 0 ? -1 : count;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL || value[0] == '\0')
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

JsonNode *
pf_migration_problem_to_json_node (PfMigrationProblem *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (PF_IS_MIGRATION_PROBLEM (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  add_string_member (builder, "kind", self->kind);
  add_string_member (builder, "severity", pf_severity_to_string (self->severity));
  add_string_member (builder, "app", self->app);

  if (self->migrations->len > 0)
    {
      json_builder_set_member_name (builder, "migrations");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->migrations->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (self->migrations, i));
      json_builder_end_array (builder);
    }

  add_string_member (builder, "title", self->title);
  add_string_member (builder, "explanation", self->explanation);
  add_string_member (builder, "detail", self->detail);
  add_string_member (builder, "fix", self->fix);
  add_string_member (builder, "path", self->path);

  if (self->path != NULL && self->line > 0)
    {
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, self->line);
    }

  add_string_member (builder, "table", self->table);
  add_string_member (builder, "column", self->column);

  if (self->count >= 0)
    {
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, self->count);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
