/* pf-schema.h — everything introspection learned about one database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pf-table.h"

G_BEGIN_DECLS

#define PF_TYPE_SCHEMA (pf_schema_get_type ())
/* A GListModel of PfTable, sorted by display name. Property "n-items". */
G_DECLARE_FINAL_TYPE (PfSchema, pf_schema, PF, SCHEMA, GObject)

PfSchema *pf_schema_new                  (void);
void      pf_schema_add_table            (PfSchema   *self,
                                          PfTable    *table);
/* @schema_name is NULL on SQLite, where @name also matches without regard
 * to ASCII case (as SQLite does). Returns a borrowed table or NULL. */
PfTable  *pf_schema_lookup_table         (PfSchema   *self,
                                          const char *schema_name,
                                          const char *name);
guint     pf_schema_get_n_tables         (PfSchema   *self);
guint     pf_schema_get_n_foreign_keys   (PfSchema   *self);
gint64    pf_schema_get_total_row_estimate (PfSchema *self);

G_END_DECLS
