/* pf-migration-drift.h — what the applied migrations promise vs what the schema has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-migration-graph.h"
#include "pf-schema.h"

G_BEGIN_DECLS

/* Replays the applied migrations of @graph (pf-migration-state.h) and
 * compares the expected tables and columns with @schema. Element type
 * PfMigrationProblem: missing-table and missing-column (blockers, naming the
 * migration that should have created them), unexpected-table and
 * unexpected-column (info; Django's own tables and other frameworks' history
 * tables are not unexpected), missing-index (an index a RunSQL creates). */
GPtrArray *pf_migration_drift_compare (PfMigrationGraph *graph,
                                       const char       *auth_user_model,
                                       PfSchema         *schema);

G_END_DECLS
