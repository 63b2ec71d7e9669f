/* pf-schema.c — everything introspection learned about one database
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

#define G_LOG_DOMAIN "pf-schema"

#include "config.h"

#include "pf-schema.h"

struct _PfSchema
{
  GObject     parent_instance;

  GPtrArray  *tables;     /* PfTable, sorted by display name */
  GHashTable *by_key;     /* lookup key → PfTable (borrowed from @tables) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfSchema, pf_schema, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Names may contain any character, so the schema name is length-prefixed
 * to keep keys unambiguous; SQLite tables (no schema) get a "-" prefix. */
static char *
make_key (const char *schema_name,
          const char *name)
{
  if (schema_name == NULL)
    return g_strconcat ("-", name, NULL);
  return g_strdup_printf ("%" G_GSIZE_FORMAT ":%s.%s", strlen (schema_name), schema_name, name);
}

static GType
pf_schema_get_item_type (GListModel *model)
{
  return PF_TYPE_TABLE;
}

static guint
pf_schema_get_n_items (GListModel *model)
{
  return PF_SCHEMA (model)->tables->len;
}

static gpointer
pf_schema_get_item (GListModel *model,
                    guint       position)
{
  PfSchema *self = PF_SCHEMA (model);

  if (position >= self->tables->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->tables, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pf_schema_get_item_type;
  iface->get_n_items = pf_schema_get_n_items;
  iface->get_item = pf_schema_get_item;
}

static void
pf_schema_finalize (GObject *object)
{
  PfSchema *self = (PfSchema *)object;

  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_schema_parent_class)->finalize (object);
}

static void
pf_schema_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PfSchema *self = PF_SCHEMA (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->tables->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_schema_class_init (PfSchemaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_schema_finalize;
  object_class->get_property = pf_schema_get_property;

  /* Like GListStore's "n-items", so a page can bind an empty state to it */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_schema_init (PfSchema *self)
{
  self->tables = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

PfSchema *
pf_schema_new (void)
{
  return g_object_new (PF_TYPE_SCHEMA, NULL);
}

static int
compare_tables (PfTable *a,
                PfTable *b)
{
  int ret;

  ret = g_utf8_collate (pf_table_get_display_name (a), pf_table_get_display_name (b));
  if (ret == 0)
    ret = strcmp (pf_table_get_display_name (a), pf_table_get_display_name (b));

  return ret;
}

void
pf_schema_add_table (PfSchema *self,
                     PfTable  *table)
{
  char *key;
  guint lo, hi;

  g_return_if_fail (PF_IS_SCHEMA (self));
  g_return_if_fail (PF_IS_TABLE (table));

  key = make_key (pf_table_get_schema_name (table), pf_table_get_name (table));
  if (g_hash_table_contains (self->by_key, key))
    {
      g_critical ("Table %s added twice to a schema", pf_table_get_display_name (table));
      g_free (key);
      return;
    }
  g_hash_table_insert (self->by_key, key, table);

  /* Binary search keeps adding n tables O(n log n) plus the moves */
  lo = 0;
  hi = self->tables->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_tables (g_ptr_array_index (self->tables, mid), table) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  g_ptr_array_insert (self->tables, lo, g_object_ref (table));

  g_list_model_items_changed (G_LIST_MODEL (self), lo, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

PfTable *
pf_schema_lookup_table (PfSchema   *self,
                        const char *schema_name,
                        const char *name)
{
  g_autofree char *key = NULL;
  PfTable *table;

  g_return_val_if_fail (PF_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = make_key (schema_name, name);
  table = g_hash_table_lookup (self->by_key, key);

  /* SQLite matches table names without regard to ASCII case, and so does
   * a REFERENCES clause written in another case than the CREATE TABLE. */
  if (table == NULL && schema_name == NULL)
    {
      for (guint i = 0; i < self->tables->len; i++)
        {
          PfTable *candidate = g_ptr_array_index (self->tables, i);

          if (pf_table_get_schema_name (candidate) == NULL &&
              g_ascii_strcasecmp (pf_table_get_name (candidate), name) == 0)
            return candidate;
        }
    }

  return table;
}

guint
pf_schema_get_n_tables (PfSchema *self)
{
  g_return_val_if_fail (PF_IS_SCHEMA (self), 0);

  return self->tables->len;
}

guint
pf_schema_get_n_foreign_keys (PfSchema *self)
{
  guint n = 0;

  g_return_val_if_fail (PF_IS_SCHEMA (self), 0);

  for (guint i = 0; i < self->tables->len; i++)
    n += pf_table_get_foreign_keys (g_ptr_array_index (self->tables, i))->len;

  return n;
}

gint64
pf_schema_get_total_row_estimate (PfSchema *self)
{
  gint64 total = 0;

  g_return_val_if_fail (PF_IS_SCHEMA (self), 0);

  /* Unknown (-1) estimates count as nothing rather than subtracting */
  for (guint i = 0; i < self->tables->len; i++)
    {
      gint64 rows = pf_table_get_row_estimate (g_ptr_array_index (self->tables, i));

      if (rows > 0)
        total += rows;
    }

  return total;
}
