/* pf-migration-graph.h — Django's migration graph: what is applied, what will run
 *
 * Built the way django.db.migrations.loader.MigrationLoader builds it:
 * nodes for every loaded migration, dependency edges (with __first__ and
 * __latest__ resolved, run_before reversed), squashed migrations replacing
 * their originals when all or none of them are applied (a partly applied
 * squash uses the originals), then the applied set from the history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-migration-history.h"
#include "pf-migration-source.h"

G_BEGIN_DECLS

#define PF_TYPE_MIGRATION_GRAPH (pf_migration_graph_get_type ())
G_DECLARE_FINAL_TYPE (PfMigrationGraph, pf_migration_graph, PF, MIGRATION_GRAPH, GObject)

/* @history is the Django history, or NULL when the database has none (then
 * everything is pending). */
PfMigrationGraph *pf_migration_graph_new           (PfMigrationSource  *source,
                                                    PfMigrationHistory *history);
/* Element type PfMigration: applied ones in a valid dependency order */
GPtrArray        *pf_migration_graph_get_applied   (PfMigrationGraph   *self);
/* Element type PfMigration: exactly what `manage.py migrate` would run, in a
 * valid dependency order (the forwards plan to all leaves) */
GPtrArray        *pf_migration_graph_get_pending   (PfMigrationGraph   *self);
/* Leaf nodes of @app (more than one = conflict); element type PfMigration */
GPtrArray        *pf_migration_graph_dup_leaves    (PfMigrationGraph   *self,
                                                    const char         *app);
/* Element type PfMigration: what @migration depends on (resolved) */
GPtrArray        *pf_migration_graph_dup_dependencies (PfMigrationGraph *self,
                                                    PfMigration        *migration);
gboolean          pf_migration_graph_is_applied    (PfMigrationGraph   *self,
                                                    PfMigration        *migration);
/* Element type PfMigrationProblem: conflict, orphaned-record,
 * inconsistent-history (and a dependency on a migration that does not
 * exist, as "inconsistent-history" with Django's NodeNotFoundError wording) */
GPtrArray        *pf_migration_graph_get_problems  (PfMigrationGraph   *self);
/* What the graph was built from (borrowed; history may be NULL) */
PfMigrationSource  *pf_migration_graph_get_source  (PfMigrationGraph   *self);
PfMigrationHistory *pf_migration_graph_get_history (PfMigrationGraph   *self);

G_END_DECLS
