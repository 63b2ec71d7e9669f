/* pf-finding.c — one result of a check: what is wrong, where, how bad, how to fix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-finding"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-finding.h"

struct _PfFinding
{
  GObject     parent_instance;

  char       *check_id;
  PfSeverity  severity;
  gboolean    failed;
  char       *error;

  char       *table_schema;
  char       *table;
  char       *table_display_name;
  GStrv       columns;
  char       *parent_schema;
  char       *parent_table;
  GStrv       parent_columns;
  char       *constraint_name;
  gboolean    declared;
  gint64      count;

  char       *title;
  char       *explanation;
  char       *detail;
  char       *fix_sql;

  GPtrArray  *values;   /* PfValueCount */
  GPtrArray  *samples;  /* PfSampleRow */
  GPtrArray  *cascade;  /* PfCascadeStep */
};

G_DEFINE_FINAL_TYPE (PfFinding, pf_finding, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PfSeverity, pf_severity,
  G_DEFINE_ENUM_VALUE (PF_SEVERITY_INFO, "info"),
  G_DEFINE_ENUM_VALUE (PF_SEVERITY_WARNING, "warning"),
  G_DEFINE_ENUM_VALUE (PF_SEVERITY_BLOCKER, "blocker"))

enum {
  PROP_0,
  PROP_CHECK_ID,
  PROP_SEVERITY,
  PROP_TITLE,
  PROP_TABLE_DISPLAY_NAME,
  PROP_COUNT,
  PROP_DECLARED,
  PROP_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
pf_severity_to_string (PfSeverity severity)
{
  switch (severity)
    {
    case PF_SEVERITY_INFO: return "info";
    case PF_SEVERITY_WARNING: return "warning";
    case PF_SEVERITY_BLOCKER: return "blocker";
    default: g_return_val_if_reached ("info");
    }
}

const char *
pf_severity_to_heading (PfSeverity severity)
{
  switch (severity)
    {
    case PF_SEVERITY_BLOCKER:
      return _("Blockers");

    case PF_SEVERITY_WARNING:
      return _("Warnings");

    case PF_SEVERITY_INFO:
    default:
      return _("Information");
    }
}

const char *
pf_severity_to_label (PfSeverity severity)
{
  switch (severity)
    {
    case PF_SEVERITY_BLOCKER:
      /* TRANSLATORS: the severity of one finding */
      return _("Blocker");

    case PF_SEVERITY_WARNING:
      /* TRANSLATORS: the severity of one finding */
      return _("Warning");

    case PF_SEVERITY_INFO:
    default:
      /* TRANSLATORS: the severity of one finding */
      return _("Information");
    }
}

/* ---- the plain structs ------------------------------------------------- */

void
pf_value_count_free (PfValueCount *value_count)
{
  if (value_count == NULL)
    return;

  g_free (value_count->value);
  g_free (value_count);
}

static char **
copy_vector (guint               n,
             const char * const *strings)
{
  char **copy = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    copy[i] = strings != NULL ? g_strdup (strings[i]) : NULL;

  return copy;
}

/* Not g_strfreev(): a NULL value may sit inside the bounds */
static void
free_vector (char  **strings,
             guint   n)
{
  if (strings == NULL)
    return;

  for (guint i = 0; i < n; i++)
    g_free (strings[i]);
  g_free (strings);
}

void
pf_sample_row_free (PfSampleRow *sample)
{
  if (sample == NULL)
    return;

  free_vector (sample->key_columns, sample->n_keys);
  free_vector (sample->key_values, sample->n_keys);
  free_vector (sample->value_columns, sample->n_values);
  free_vector (sample->values, sample->n_values);
  g_free (sample);
}

void
pf_cascade_step_free (PfCascadeStep *step)
{
  if (step == NULL)
    return;

  g_free (step->table_schema);
  g_free (step->table);
  g_strfreev (step->columns);
  g_free (step);
}

/* ---- GObject ------------------------------------------------------------ */

static void
pf_finding_finalize (GObject *object)
{
  PfFinding *self = (PfFinding *)object;

  g_clear_pointer (&self->check_id, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->table_schema, g_free);
  g_clear_pointer (&self->table, g_free);
  g_clear_pointer (&self->table_display_name, g_free);
  g_clear_pointer (&self->columns, g_strfreev);
  g_clear_pointer (&self->parent_schema, g_free);
  g_clear_pointer (&self->parent_table, g_free);
  g_clear_pointer (&self->parent_columns, g_strfreev);
  g_clear_pointer (&self->constraint_name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->explanation, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->fix_sql, g_free);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  g_clear_pointer (&self->cascade, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_finding_parent_class)->finalize (object);
}

static void
pf_finding_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PfFinding *self = PF_FINDING (object);

  switch (prop_id)
    {
    case PROP_CHECK_ID:
      g_value_set_string (value, self->check_id);
      break;

    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_TABLE_DISPLAY_NAME:
      g_value_set_string (value, self->table_display_name);
      break;

    case PROP_COUNT:
      g_value_set_int64 (value, self->count);
      break;

    case PROP_DECLARED:
      g_value_set_boolean (value, self->declared);
      break;

    case PROP_FAILED:
      g_value_set_boolean (value, self->failed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_finding_class_init (PfFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_finding_finalize;
  object_class->get_property = pf_finding_get_property;

  properties[PROP_CHECK_ID] =
    g_param_spec_string ("check-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       PF_TYPE_SEVERITY,
                       PF_SEVERITY_INFO,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TABLE_DISPLAY_NAME] =
    g_param_spec_string ("table-display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COUNT] =
    g_param_spec_int64 ("count", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DECLARED] =
    g_param_spec_boolean ("declared", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FAILED] =
    g_param_spec_boolean ("failed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_finding_init (PfFinding *self)
{
  self->declared = TRUE;
  self->count = -1;
  self->values = g_ptr_array_new_with_free_func ((GDestroyNotify)pf_value_count_free);
  self->samples = g_ptr_array_new_with_free_func ((GDestroyNotify)pf_sample_row_free);
  self->cascade = g_ptr_array_new_with_free_func ((GDestroyNotify)pf_cascade_step_free);
}

PfFinding *
pf_finding_new (const char *check_id,
                PfSeverity  severity)
{
  PfFinding *self;

  g_return_val_if_fail (check_id != NULL, NULL);

  self = g_object_new (PF_TYPE_FINDING, NULL);
  self->check_id = g_strdup (check_id);
  self->severity = severity;

  return self;
}

PfFinding *
pf_finding_new_failed (const char   *check_id,
                       const char   *subject,
                       const GError *error)
{
  PfFinding *self;
  const char *message;

  g_return_val_if_fail (check_id != NULL, NULL);

  message = error != NULL ? error->message : _("the reason is unknown");
  if (subject == NULL)
    subject = check_id;

  self = pf_finding_new (check_id, PF_SEVERITY_WARNING);
  self->failed = TRUE;
  self->error = g_strdup (message);
  /* Translators: %s is what was checked, e.g. a table or a foreign key */
  self->title = g_strdup_printf (_("Could not check %s"), subject);
  self->explanation = g_strdup_printf (/* Translators: the first %s is what was checked,
                                        * the second the reason it failed */
                                       _("Preflight could not check %s: %s. Until it can, "
                                         "the scan is incomplete and problems there may be missed."),
                                       subject, message);

  return self;
}

/* Replaces *@field with a copy of @value; TRUE when it changed */
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
pf_finding_get_check_id (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->check_id;
}

PfSeverity
pf_finding_get_severity (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), PF_SEVERITY_INFO);

  return self->severity;
}

void
pf_finding_set_severity (PfFinding  *self,
                         PfSeverity  severity)
{
  g_return_if_fail (PF_IS_FINDING (self));

  if (self->severity != severity)
    {
      self->severity = severity;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
    }
}

gboolean
pf_finding_get_failed (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), FALSE);

  return self->failed;
}

const char *
pf_finding_get_error (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->error;
}

void
pf_finding_set_error (PfFinding  *self,
                      const char *error)
{
  g_return_if_fail (PF_IS_FINDING (self));

  set_string (&self->error, error);
  if (error != NULL && !self->failed)
    {
      self->failed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
    }
}

const char *
pf_finding_get_table_schema (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->table_schema;
}

const char *
pf_finding_get_table (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->table;
}

const char *
pf_finding_get_table_display_name (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->table_display_name;
}

void
pf_finding_set_table (PfFinding  *self,
                      const char *schema,
                      const char *table)
{
  g_autofree char *display_name = NULL;

  g_return_if_fail (PF_IS_FINDING (self));

  set_string (&self->table_schema, schema);
  set_string (&self->table, table);

  /* "public" is where people expect tables to be; naming it is noise */
  if (table == NULL)
    display_name = NULL;
  else if (schema == NULL || g_strcmp0 (schema, "public") == 0)
    display_name = g_strdup (table);
  else
    display_name = g_strconcat (schema, ".", table, NULL);

  if (set_string (&self->table_display_name, display_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TABLE_DISPLAY_NAME]);
}

const char * const *
pf_finding_get_columns (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return (const char * const *)self->columns;
}

void
pf_finding_set_columns (PfFinding          *self,
                        const char * const *columns)
{
  g_return_if_fail (PF_IS_FINDING (self));

  g_strfreev (self->columns);
  self->columns = g_strdupv ((char **)columns);
}

const char *
pf_finding_get_parent_schema (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->parent_schema;
}

const char *
pf_finding_get_parent_table (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->parent_table;
}

void
pf_finding_set_parent_table (PfFinding  *self,
                             const char *schema,
                             const char *table)
{
  g_return_if_fail (PF_IS_FINDING (self));

  set_string (&self->parent_schema, schema);
  set_string (&self->parent_table, table);
}

const char * const *
pf_finding_get_parent_columns (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return (const char * const *)self->parent_columns;
}

void
pf_finding_set_parent_columns (PfFinding          *self,
                               const char * const *columns)
{
  g_return_if_fail (PF_IS_FINDING (self));

  g_strfreev (self->parent_columns);
  self->parent_columns = g_strdupv ((char **)columns);
}

const char *
pf_finding_get_constraint (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->constraint_name;
}

void
pf_finding_set_constraint (PfFinding  *self,
                           const char *constraint_name)
{
  g_return_if_fail (PF_IS_FINDING (self));

  set_string (&self->constraint_name, constraint_name);
}

gboolean
pf_finding_get_declared (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), TRUE);

  return self->declared;
}

void
pf_finding_set_declared (PfFinding *self,
                         gboolean   declared)
{
  g_return_if_fail (PF_IS_FINDING (self));

  declared = !!declared;
  if (self->declared != declared)
    {
      self->declared = declared;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECLARED]);
    }
}

gint64
pf_finding_get_count (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), -1);

  return self->count;
}

void
pf_finding_set_count (PfFinding *self,
                      gint64     count)
{
  g_return_if_fail (PF_IS_FINDING (self));

  if (count < -1)
    count = -1;

  if (self->count != count)
    {
      self->count = count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
    }
}

const char *
pf_finding_get_title (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->title;
}

void
pf_finding_set_title (PfFinding  *self,
                      const char *title)
{
  g_return_if_fail (PF_IS_FINDING (self));

  if (set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
pf_finding_get_explanation (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->explanation;
}

void
pf_finding_set_explanation (PfFinding  *self,
                            const char *explanation)
{
  g_return_if_fail (PF_IS_FINDING (self));

  set_string (&self->explanation, explanation);
}

const char *
pf_finding_get_detail (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->detail;
}

void
pf_finding_set_detail (PfFinding  *self,
                       const char *detail)
{
  g_return_if_fail (PF_IS_FINDING (self));

  set_string (&self->detail, detail);
}

const char *
pf_finding_get_fix_sql (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->fix_sql;
}

void
pf_finding_set_fix_sql (PfFinding  *self,
                        const char *fix_sql)
{
  g_return_if_fail (PF_IS_FINDING (self));

  set_string (&self->fix_sql, fix_sql);
}

GPtrArray *
pf_finding_get_values (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->values;
}

void
pf_finding_add_value (PfFinding  *self,
                      const char *value,
                      gint64      count)
{
  PfValueCount *value_count;

  g_return_if_fail (PF_IS_FINDING (self));

  value_count = g_new0 (PfValueCount, 1);
  value_count->value = g_strdup (value);
  value_count->count = count;
  g_ptr_array_add (self->values, value_count);
}

GPtrArray *
pf_finding_get_samples (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->samples;
}

void
pf_finding_add_sample (PfFinding          *self,
                       guint               n_keys,
                       const char * const *key_columns,
                       const char * const *key_values,
                       guint               n_values,
                       const char * const *value_columns,
                       const char * const *values)
{
  PfSampleRow *sample;

  g_return_if_fail (PF_IS_FINDING (self));
  g_return_if_fail (n_keys == 0 || key_columns != NULL);
  g_return_if_fail (n_values == 0 || value_columns != NULL);

  sample = g_new0 (PfSampleRow, 1);
  sample->n_keys = n_keys;
  sample->key_columns = copy_vector (n_keys, key_columns);
  sample->key_values = copy_vector (n_keys, key_values);
  sample->n_values = n_values;
  sample->value_columns = copy_vector (n_values, value_columns);
  sample->values = copy_vector (n_values, values);
  g_ptr_array_add (self->samples, sample);
}

GPtrArray *
pf_finding_get_cascade (PfFinding *self)
{
  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  return self->cascade;
}

void
pf_finding_add_cascade_step (PfFinding          *self,
                             const char         *table_schema,
                             const char         *table,
                             const char * const *columns,
                             gint64              rows,
                             PfForeignKeyAction  on_delete,
                             guint               depth)
{
  PfCascadeStep *step;

  g_return_if_fail (PF_IS_FINDING (self));
  g_return_if_fail (table != NULL);

  step = g_new0 (PfCascadeStep, 1);
  step->table_schema = g_strdup (table_schema);
  step->table = g_strdup (table);
  step->columns = columns != NULL ? g_strdupv ((char **)columns) : g_new0 (char *, 1);
  step->rows = rows;
  step->on_delete = on_delete;
  step->depth = depth;
  g_ptr_array_add (self->cascade, step);
}

gint64
pf_finding_get_cascade_rows (PfFinding *self)
{
  gint64 total = 0;

  g_return_val_if_fail (PF_IS_FINDING (self), 0);

  for (guint i = 0; i < self->cascade->len; i++)
    {
      const PfCascadeStep *step = g_ptr_array_index (self->cascade, i);

      if (step->rows > 0)
        total += step->rows;
    }

  return total;
}

static char *
dup_qualified_name (const char *schema,
                    const char *table)
{
  if (schema == NULL || g_str_equal (schema, "public"))
    return g_strdup (table);

  return g_strconcat (schema, ".", table, NULL);
}

/* "table.column", "table.(a, b)" or just "table" */
static char *
dup_columns_display (const char         *table,
                     const char * const *columns)
{
  g_autofree char *joined = NULL;
  guint n_columns = columns != NULL ? g_strv_length ((char **) columns) : 0;

  if (n_columns == 0)
    return g_strdup (table);

  joined = g_strjoinv (", ", (char **) columns);
  if (n_columns == 1)
    return g_strconcat (table, ".", joined, NULL);

  return g_strconcat (table, ".(", joined, ")", NULL);
}

char *
pf_finding_dup_subject (PfFinding *self)
{
  g_autofree char *table = NULL;
  g_autofree char *child = NULL;
  g_autofree char *parent_table = NULL;
  g_autofree char *parent = NULL;

  g_return_val_if_fail (PF_IS_FINDING (self), NULL);

  if (self->table == NULL)
    return NULL;

  table = dup_qualified_name (self->table_schema, self->table);
  child = dup_columns_display (table, (const char * const *) self->columns);

  if (self->parent_table == NULL)
    return g_steal_pointer (&child);

  parent_table = dup_qualified_name (self->parent_schema, self->parent_table);
  parent = dup_columns_display (parent_table, (const char * const *) self->parent_columns);

  return g_strconcat (child, " → ", parent, NULL);
}
