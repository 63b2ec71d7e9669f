/* pf-foreign-key.c — a declared foreign key, composite ones included
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

#define G_LOG_DOMAIN "pf-foreign-key"

#include "config.h"

#include "pf-foreign-key.h"

G_DEFINE_ENUM_TYPE (PfForeignKeyAction, pf_foreign_key_action,
                    G_DEFINE_ENUM_VALUE (PF_FOREIGN_KEY_ACTION_NO_ACTION, "no-action"),
                    G_DEFINE_ENUM_VALUE (PF_FOREIGN_KEY_ACTION_RESTRICT, "restrict"),
                    G_DEFINE_ENUM_VALUE (PF_FOREIGN_KEY_ACTION_CASCADE, "cascade"),
                    G_DEFINE_ENUM_VALUE (PF_FOREIGN_KEY_ACTION_SET_NULL, "set-null"),
                    G_DEFINE_ENUM_VALUE (PF_FOREIGN_KEY_ACTION_SET_DEFAULT, "set-default"))

G_DEFINE_BOXED_TYPE (PfForeignKey, pf_foreign_key, pf_foreign_key_ref, pf_foreign_key_unref)

const char *
pf_foreign_key_action_to_sql (PfForeignKeyAction action)
{
  switch (action)
    {
    case PF_FOREIGN_KEY_ACTION_NO_ACTION:
      return "NO ACTION";
    case PF_FOREIGN_KEY_ACTION_RESTRICT:
      return "RESTRICT";
    case PF_FOREIGN_KEY_ACTION_CASCADE:
      return "CASCADE";
    case PF_FOREIGN_KEY_ACTION_SET_NULL:
      return "SET NULL";
    case PF_FOREIGN_KEY_ACTION_SET_DEFAULT:
      return "SET DEFAULT";
    default:
      g_return_val_if_reached ("NO ACTION");
    }
}

PfForeignKeyAction
pf_foreign_key_action_from_sql (const char *sql)
{
  if (sql == NULL)
    return PF_FOREIGN_KEY_ACTION_NO_ACTION;
  if (g_ascii_strcasecmp (sql, "RESTRICT") == 0)
    return PF_FOREIGN_KEY_ACTION_RESTRICT;
  if (g_ascii_strcasecmp (sql, "CASCADE") == 0)
    return PF_FOREIGN_KEY_ACTION_CASCADE;
  if (g_ascii_strcasecmp (sql, "SET NULL") == 0)
    return PF_FOREIGN_KEY_ACTION_SET_NULL;
  if (g_ascii_strcasecmp (sql, "SET DEFAULT") == 0)
    return PF_FOREIGN_KEY_ACTION_SET_DEFAULT;
  return PF_FOREIGN_KEY_ACTION_NO_ACTION;
}

PfForeignKey *
pf_foreign_key_new (void)
{
  PfForeignKey *self;

  self = g_new0 (PfForeignKey, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->on_delete = PF_FOREIGN_KEY_ACTION_NO_ACTION;
  self->on_update = PF_FOREIGN_KEY_ACTION_NO_ACTION;

  return self;
}

PfForeignKey *
pf_foreign_key_ref (PfForeignKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
pf_foreign_key_unref (PfForeignKey *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->name, g_free);
      g_clear_pointer (&self->table_schema, g_free);
      g_clear_pointer (&self->table, g_free);
      g_clear_pointer (&self->columns, g_strfreev);
      g_clear_pointer (&self->parent_schema, g_free);
      g_clear_pointer (&self->parent_table, g_free);
      g_clear_pointer (&self->parent_columns, g_strfreev);
      g_free (self);
    }
}

guint
pf_foreign_key_get_n_columns (const PfForeignKey *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->columns ? g_strv_length (self->columns) : 0;
}
