/* pf-table.h — one table as introspected: columns, keys, indexes, row estimate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-column.h"
#include "pf-foreign-key.h"
#include "pf-index.h"

G_BEGIN_DECLS

#define PF_TYPE_TABLE (pf_table_get_type ())
G_DECLARE_FINAL_TYPE (PfTable, pf_table, PF, TABLE, GObject)

/* Properties (read-only, for binding in list views): "schema-name", "name",
 * "display-name", "row-estimate", "n-columns", "n-foreign-keys". */

PfTable     *pf_table_new                  (const char *schema_name,
                                            const char *name);
/* NULL on SQLite */
const char  *pf_table_get_schema_name      (PfTable    *self);
const char  *pf_table_get_name             (PfTable    *self);
/* "name" on SQLite and for PostgreSQL's "public"; "schema.name" otherwise.
 * For display only; never paste into SQL (see pf-sql.h for quoting). */
const char  *pf_table_get_display_name     (PfTable    *self);
/* Row count estimate (pg_class.reltuples, or an exact count on SQLite);
 * -1 when unknown. */
gint64       pf_table_get_row_estimate     (PfTable    *self);
gboolean     pf_table_get_row_estimate_is_exact (PfTable *self);
void         pf_table_set_row_estimate     (PfTable    *self,
                                            gint64      rows,
                                            gboolean    exact);
/* Element type PfColumn, in position order */
GPtrArray   *pf_table_get_columns          (PfTable    *self);
/* Exact (case-sensitive) match */
PfColumn    *pf_table_lookup_column        (PfTable    *self,
                                            const char *name);
void         pf_table_add_column           (PfTable    *self,
                                            PfColumn   *column);
/* Column names of the primary key in key order; an empty vector when none. */
const char * const *pf_table_get_primary_key (PfTable   *self);
void         pf_table_set_primary_key      (PfTable    *self,
                                            const char * const *columns);
/* Element type PfForeignKey */
GPtrArray   *pf_table_get_foreign_keys     (PfTable    *self);
void         pf_table_add_foreign_key      (PfTable    *self,
                                            PfForeignKey *foreign_key);
/* Element type PfIndex; includes the indexes behind PRIMARY KEY and UNIQUE */
GPtrArray   *pf_table_get_indexes          (PfTable    *self);
void         pf_table_add_index            (PfTable    *self,
                                            PfIndex    *index);
/* Unique constraints and unique indexes (partial ones included; the
 * primary key excluded), as a new array of PfIndex */
GPtrArray   *pf_table_dup_unique_keys      (PfTable    *self);
/* SQLite WITHOUT ROWID tables have no rowid to sample rows by */
gboolean     pf_table_get_without_rowid    (PfTable    *self);
void         pf_table_set_without_rowid    (PfTable    *self,
                                            gboolean    without_rowid);

G_END_DECLS
