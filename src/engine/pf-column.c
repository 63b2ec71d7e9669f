/* pf-column.c — one column of a table
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

#define G_LOG_DOMAIN "pf-column"

#include "config.h"

#include "pf-column.h"

G_DEFINE_BOXED_TYPE (PfColumn, pf_column, pf_column_ref, pf_column_unref)

PfColumn *
pf_column_new (const char *name,
               const char *type,
               gboolean    not_null,
               int         position)
{
  PfColumn *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_new0 (PfColumn, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name);
  self->type = g_strdup (type ? type : "");
  self->not_null = !!not_null;
  self->position = position;

  return self;
}

PfColumn *
pf_column_ref (PfColumn *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
pf_column_unref (PfColumn *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->name, g_free);
      g_clear_pointer (&self->type, g_free);
      g_clear_pointer (&self->default_value, g_free);
      g_free (self);
    }
}
