/* pf-index.c — an index, including the ones behind primary keys and unique constraints
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

#define G_LOG_DOMAIN "pf-index"

#include "config.h"

#include "pf-index.h"

G_DEFINE_ENUM_TYPE (PfIndexOrigin, pf_index_origin,
                    G_DEFINE_ENUM_VALUE (PF_INDEX_ORIGIN_INDEX, "index"),
                    G_DEFINE_ENUM_VALUE (PF_INDEX_ORIGIN_UNIQUE, "unique"),
                    G_DEFINE_ENUM_VALUE (PF_INDEX_ORIGIN_PRIMARY_KEY, "primary-key"))

G_DEFINE_BOXED_TYPE (PfIndex, pf_index, pf_index_ref, pf_index_unref)

PfIndex *
pf_index_new (const char *name)
{
  PfIndex *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_new0 (PfIndex, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name);
  self->origin = PF_INDEX_ORIGIN_INDEX;
  /* Only PostgreSQL has invalid indexes (a failed CREATE INDEX CONCURRENTLY) */
  self->valid = TRUE;

  return self;
}

PfIndex *
pf_index_ref (PfIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
pf_index_unref (PfIndex *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->name, g_free);
      g_clear_pointer (&self->columns, g_strfreev);
      g_clear_pointer (&self->definition, g_free);
      g_free (self);
    }
}
