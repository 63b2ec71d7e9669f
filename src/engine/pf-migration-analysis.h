/* pf-migration-analysis.h — history + project + graph + drift + predictions, for one database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-migration-graph.h"
#include "pf-migration-history.h"
#include "pf-migration-source.h"
#include "pf-report.h"

G_BEGIN_DECLS

#define PF_TYPE_MIGRATION_ANALYSIS (pf_migration_analysis_get_type ())
G_DECLARE_FINAL_TYPE (PfMigrationAnalysis, pf_migration_analysis, PF, MIGRATION_ANALYSIS, GObject)

/* Reads the history through @connection (open, used from this thread only)
 * and, when @project_dir is not NULL, the project's migrations; builds the
 * graph; compares the applied migrations' expected schema with @schema
 * (drift); predicts what pending migrations will fail or risk, using live
 * counts through @connection and, when given, the orphans found by an
 * integrity scan in @integrity (may be NULL: then the counts are queried).
 * Blocking; call from a worker thread or the CLI. */
PfMigrationAnalysis *pf_migration_analysis_run        (PfDatabase          *connection,
                                                       PfSchema            *schema,
                                                       const char          *project_dir,
                                                       const char          *settings_path,
                                                       PfReport            *integrity,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
/* Runs in a thread with a worker connection of @database (pf_database_open_worker) */
void                 pf_migration_analysis_run_async  (PfDatabase          *database,
                                                       PfSchema            *schema,
                                                       const char          *project_dir,
                                                       const char          *settings_path,
                                                       PfReport            *integrity,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
PfMigrationAnalysis *pf_migration_analysis_run_finish (GAsyncResult        *result,
                                                       GError             **error);

/* Element type PfMigrationHistory (Django first) */
GPtrArray          *pf_migration_analysis_get_histories (PfMigrationAnalysis *self);
/* NULL without a project folder */
PfMigrationSource  *pf_migration_analysis_get_source    (PfMigrationAnalysis *self);
PfMigrationGraph   *pf_migration_analysis_get_graph     (PfMigrationAnalysis *self);
/* Every problem (source, history, graph, drift, predictions), blockers
 * first; element type PfMigrationProblem */
GPtrArray          *pf_migration_analysis_get_problems  (PfMigrationAnalysis *self);
guint               pf_migration_analysis_count         (PfMigrationAnalysis *self,
                                                         PfSeverity           severity);

/* The "migrations" section of preflight-report/1: {"framework", "applied":
 * [{app, name, applied_at}], "pending": [{app, name}], "deployments": […],
 * "problems": [...] , "frameworks": [...] when more than one} */
JsonNode           *pf_migration_analysis_to_json_node  (PfMigrationAnalysis *self);

G_END_DECLS
