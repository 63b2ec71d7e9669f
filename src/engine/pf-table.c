/* pf-table.c — one table as introspected: columns, keys, indexes, row estimate
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

#define G_LOG_DOMAIN "pf-table"

#include "config.h"

#include "pf-table.h"

struct _PfTable
{
  GObject     parent_instance;

  char       *schema_name;
  char       *name;
  char       *display_name;

  GPtrArray  *columns;       /* PfColumn, in position order */
  GHashTable *columns_by_name;
  GStrv       primary_key;   /* never NULL */
  GPtrArray  *foreign_keys;  /* PfForeignKey */
  GPtrArray  *indexes;       /* PfIndex */

  gint64      row_estimate;
  guint       row_estimate_is_exact : 1;
  guint       without_rowid : 1;
};

G_DEFINE_FINAL_TYPE (PfTable, pf_table, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SCHEMA_NAME,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  PROP_ROW_ESTIMATE,
  PROP_N_COLUMNS,
  PROP_N_FOREIGN_KEYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_table_finalize (GObject *object)
{
  PfTable *self = (PfTable *)object;

  g_clear_pointer (&self->schema_name, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->columns_by_name, g_hash_table_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->primary_key, g_strfreev);
  g_clear_pointer (&self->foreign_keys, g_ptr_array_unref);
  g_clear_pointer (&self->indexes, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_table_parent_class)->finalize (object);
}

static void
pf_table_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PfTable *self = PF_TABLE (object);

  switch (prop_id)
    {
    case PROP_SCHEMA_NAME:
      g_value_set_string (value, self->schema_name);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_ROW_ESTIMATE:
      g_value_set_int64 (value, self->row_estimate);
      break;

    case PROP_N_COLUMNS:
      g_value_set_uint (value, self->columns->len);
      break;

    case PROP_N_FOREIGN_KEYS:
      g_value_set_uint (value, self->foreign_keys->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_table_class_init (PfTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_table_finalize;
  object_class->get_property = pf_table_get_property;

  properties[PROP_SCHEMA_NAME] =
    g_param_spec_string ("schema-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_ROW_ESTIMATE] =
    g_param_spec_int64 ("row-estimate", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_COLUMNS] =
    g_param_spec_uint ("n-columns", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_FOREIGN_KEYS] =
    g_param_spec_uint ("n-foreign-keys", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_table_init (PfTable *self)
{
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify)pf_column_unref);
  self->columns_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->primary_key = g_new0 (char *, 1);
  self->foreign_keys = g_ptr_array_new_with_free_func ((GDestroyNotify)pf_foreign_key_unref);
  self->indexes = g_ptr_array_new_with_free_func ((GDestroyNotify)pf_index_unref);
  self->row_estimate = -1;
}

PfTable *
pf_table_new (const char *schema_name,
              const char *name)
{
  PfTable *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (PF_TYPE_TABLE, NULL);
  self->schema_name = g_strdup (schema_name);
  self->name = g_strdup (name);

  /* PostgreSQL's "public" is what people mean when they give no schema */
  if (schema_name == NULL || g_str_equal (schema_name, "public"))
    self->display_name = g_strdup (name);
  else
    self->display_name = g_strdup_printf ("%s.%s", schema_name, name);

  return self;
}

const char *
pf_table_get_schema_name (PfTable *self)
{
  g_return_val_if_fail (PF_IS_TABLE (self), NULL);

  return self->schema_name;
}

const char *
pf_table_get_name (PfTable *self)
{
  g_return_val_if_fail (PF_IS_TABLE (self), NULL);

  return self->name;
}

const char *
pf_table_get_display_name (PfTable *self)
{
  g_return_val_if_fail (PF_IS_TABLE (self), NULL);

  return self->display_name;
}

gint64
pf_table_get_row_estimate (PfTable *self)
{
  g_return_val_if_fail (PF_IS_TABLE (self), -1);

  return self->row_estimate;
}

gboolean
pf_table_get_row_estimate_is_exact (PfTable *self)
{
  g_return_val_if_fail (PF_IS_TABLE (self), FALSE);

  return self->row_estimate_is_exact;
}

void
pf_table_set_row_estimate (PfTable  *self,
                           gint64    rows,
                           gboolean  exact)
{
  g_return_if_fail (PF_IS_TABLE (self));

  if (rows < 0)
    {
      rows = -1;
      exact = FALSE;
    }

  self->row_estimate_is_exact = !!exact;

  if (self->row_estimate != rows)
    {
      self->row_estimate = rows;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW_ESTIMATE]);
    }
}

GPtrArray *
pf_table_get_columns (PfTable *self)
{
  g_return_val_if_fail (PF_IS_TABLE (self), NULL);

  return self->columns;
}

PfColumn *
pf_table_lookup_column (PfTable    *self,
                        const char *name)
{
  g_return_val_if_fail (PF_IS_TABLE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->columns_by_name, name);
}

static int
compare_column_position (gconstpointer a,
                         gconstpointer b)
{
  const PfColumn *ca = *(const PfColumn * const *)a;
  const PfColumn *cb = *(const PfColumn * const *)b;

  return (ca->position > cb->position) - (ca->position < cb->position);
}

void
pf_table_add_column (PfTable  *self,
                     PfColumn *column)
{
  g_return_if_fail (PF_IS_TABLE (self));
  g_return_if_fail (column != NULL);
  g_return_if_fail (column->name != NULL);
  g_return_if_fail (!g_hash_table_contains (self->columns_by_name, column->name));

  g_ptr_array_add (self->columns, pf_column_ref (column));
  g_hash_table_insert (self->columns_by_name, column->name, column);

  /* Introspection adds columns in order; sort only if someone did not */
  if (self->columns->len > 1)
    {
      const PfColumn *prev = g_ptr_array_index (self->columns, self->columns->len - 2);

      if (prev->position > column->position)
        g_ptr_array_sort (self->columns, compare_column_position);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_COLUMNS]);
}

const char * const *
pf_table_get_primary_key (PfTable *self)
{
  g_return_val_if_fail (PF_IS_TABLE (self), NULL);

  return (const char * const *)self->primary_key;
}

void
pf_table_set_primary_key (PfTable            *self,
                          const char * const *columns)
{
  g_return_if_fail (PF_IS_TABLE (self));

  g_strfreev (self->primary_key);
  self->primary_key = columns ? g_strdupv ((char **)columns) : g_new0 (char *, 1);
}

GPtrArray *
pf_table_get_foreign_keys (PfTable *self)
{
  g_return_val_if_fail (PF_IS_TABLE (self), NULL);

  return self->foreign_keys;
}

void
pf_table_add_foreign_key (PfTable      *self,
                          PfForeignKey *foreign_key)
{
  g_return_if_fail (PF_IS_TABLE (self));
  g_return_if_fail (foreign_key != NULL);

  g_ptr_array_add (self->foreign_keys, pf_foreign_key_ref (foreign_key));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FOREIGN_KEYS]);
}

GPtrArray *
pf_table_get_indexes (PfTable *self)
{
  g_return_val_if_fail (PF_IS_TABLE (self), NULL);

  return self->indexes;
}

void
pf_table_add_index (PfTable *self,
                    PfIndex *index)
{
  g_return_if_fail (PF_IS_TABLE (self));
  g_return_if_fail (index != NULL);

  g_ptr_array_add (self->indexes, pf_index_ref (index));
}

GPtrArray *
pf_table_dup_unique_keys (PfTable *self)
{
  GPtrArray *keys;

  g_return_val_if_fail (PF_IS_TABLE (self), NULL);

  keys = g_ptr_array_new_with_free_func ((GDestroyNotify)pf_index_unref);

  /* The primary key is reported by pf_table_get_primary_key(), not here */
  for (guint i = 0; i < self->indexes->len; i++)
    {
      PfIndex *index = g_ptr_array_index (self->indexes, i);

      if (index->unique && index->origin != PF_INDEX_ORIGIN_PRIMARY_KEY)
        g_ptr_array_add (keys, pf_index_ref (index));
    }

  return keys;
}

gboolean
pf_table_get_without_rowid (PfTable *self)
{
  g_return_val_if_fail (PF_IS_TABLE (self), FALSE);

  return self->without_rowid;
}

void
pf_table_set_without_rowid (PfTable  *self,
                            gboolean  without_rowid)
{
  g_return_if_fail (PF_IS_TABLE (self));

  self->without_rowid = !!without_rowid;
}
