/* pf-checklist-checks.h — the automatic checklist items, run against one database
 *
 * The check ids and what each verifies: pf-checklist-check-ids.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-checklist-check-ids.h"
#include "pf-checklist-run.h"
#include "pf-connection-profile.h"
#include "pf-database.h"
#include "pf-migration-analysis.h"
#include "pf-report.h"

G_BEGIN_DECLS

#define PF_TYPE_CHECKLIST_CHECKS (pf_checklist_checks_get_type ())
G_DECLARE_FINAL_TYPE (PfChecklistChecks, pf_checklist_checks, PF, CHECKLIST_CHECKS, GObject)

/* Runs the automatic items of @run against @database (open; the checks use
 * worker connections of it, pf_database_open_worker, never the caller's
 * thread). Results land in @run (pf_checklist_run_set_running, then
 * set_result) on the main context of the caller of run_async, one check at a
 * time as each finishes. Main thread only. */
PfChecklistChecks *pf_checklist_checks_new          (PfDatabase          *database,
                                                     PfSchema            *schema,
                                                     PfChecklistRun      *run);
/* The saved connection's reviews (migrations-reviewed); may stay unset */
void               pf_checklist_checks_set_profile  (PfChecklistChecks   *self,
                                                     PfConnectionProfile *profile);
/* A finished integrity scan to use; without one, the checks that need it
 * (integrity, invalid-indexes, sequences, duplicate-keys) run a PfScan */
void               pf_checklist_checks_set_integrity (PfChecklistChecks  *self,
                                                     PfReport            *integrity);
/* A finished migration analysis to use; without one, the checks that need
 * it run pf_migration_analysis_run_async with @project_dir */
void               pf_checklist_checks_set_analysis (PfChecklistChecks   *self,
                                                     PfMigrationAnalysis *analysis);
void               pf_checklist_checks_set_project_dir (PfChecklistChecks *self,
                                                     const char          *project_dir);
/* The scan and analysis the checks used (given or run), for the report and
 * the sign-off facts; NULL until run */
PfReport          *pf_checklist_checks_get_integrity (PfChecklistChecks  *self);
PfMigrationAnalysis *pf_checklist_checks_get_analysis (PfChecklistChecks *self);

/* @check_ids NULL runs every automatic check the run's template uses;
 * otherwise just these (re-running one item). A check that cannot run
 * (query failed, server gone) is FAILED with the reason as evidence; the
 * operation only fails when cancelled (the entries then go back to what
 * they were). */
void               pf_checklist_checks_run_async    (PfChecklistChecks   *self,
                                                     const char * const  *check_ids,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean           pf_checklist_checks_run_finish   (PfChecklistChecks   *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* How many checks of the last run could not run (a query failed, the
 * server went away, the scan did not finish): FAILED items whose evidence
 * says why. preflight-cli exits with 2 when there are any. */
guint              pf_checklist_checks_get_n_not_run (PfChecklistChecks  *self);

G_END_DECLS
