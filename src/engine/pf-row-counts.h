/* pf-row-counts.h — exact per-table row counts at one moment
 *
 * Recorded before a migration (the "row-counts" check) and compared after it
 * ("row-counts-match"): a table that lost rows is the first sign a
 * migration went wrong.
 *
 *   { "taken_at": "2026-11-21T10:00:00Z", "tables": { "scheduling_shift": 1200, … } }
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pf-database.h"

G_BEGIN_DECLS

#define PF_TYPE_ROW_COUNTS (pf_row_counts_get_type ())
G_DECLARE_FINAL_TYPE (PfRowCounts, pf_row_counts, PF, ROW_COUNTS, GObject)

PfRowCounts *pf_row_counts_new                (GDateTime     *taken_at);
/* SELECT count(*) of every table of @schema through @connection (open, this
 * thread only; identifiers quoted); blocking, honours @cancellable. Tables
 * are named as pf_table_get_display_name() does ("schema.table" outside
 * PostgreSQL's public). */
PfRowCounts *pf_row_counts_count              (PfDatabase    *connection,
                                               PfSchema      *schema,
                                               GCancellable  *cancellable,
                                               GError       **error);
PfRowCounts *pf_row_counts_new_from_json_node (JsonNode      *node,
                                               GError       **error);
JsonNode    *pf_row_counts_to_json_node       (PfRowCounts   *self);

GDateTime   *pf_row_counts_get_taken_at       (PfRowCounts   *self);
void         pf_row_counts_set                (PfRowCounts   *self,
                                               const char    *table,
                                               gint64         count);
/* -1 when @table was not counted */
gint64       pf_row_counts_get                (PfRowCounts   *self,
                                               const char    *table);
/* Sorted table names */
GStrv        pf_row_counts_dup_tables         (PfRowCounts   *self);
/* One sentence per difference, by table: "scheduling_shift has 1,180 rows;
 * 1,200 were recorded", "scheduling_unit is gone; it had 12 rows",
 * "training_course is new, with 4 rows". Empty when they match. */
GPtrArray   *pf_row_counts_compare            (PfRowCounts   *recorded,
                                               PfRowCounts   *now);

G_END_DECLS
