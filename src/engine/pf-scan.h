/* pf-scan.h — runs every check against one database on worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-database.h"
#include "pf-report.h"
#include "pf-rules.h"
#include "pf-scan-job.h"

G_BEGIN_DECLS

#define PF_SCAN_MAX_JOBS 8

#define PF_TYPE_SCAN (pf_scan_get_type ())
G_DECLARE_FINAL_TYPE (PfScan, pf_scan, PF, SCAN, GObject)

/* Properties, notified on the main context of the caller of run_async at
 * most ~10 times a second: "fraction" (0…1), "message", "running",
 * "n-checks", "n-done". */

/* @database must be open (it becomes the coordinator that holds the shared
 * snapshot); @schema is its introspection. @schema may be NULL: then only
 * the jobs given to pf_scan_add_job() run. */
PfScan     *pf_scan_new          (PfDatabase          *database,
                                  PfSchema            *schema);
void        pf_scan_set_rules    (PfScan              *self,
                                  PfRules             *rules);
/* Worker threads and connections; 0 = number of cores. At most
 * PF_SCAN_MAX_JOBS. */
void        pf_scan_set_n_workers (PfScan             *self,
                                  guint                n_workers);
/* Only these checks (ids such as "fk-orphans", from
 * pf_scan_get_all_checks()); NULL, the default, runs all. Jobs added with
 * pf_scan_add_job() always run. The report lists the checks that ran. */
void        pf_scan_set_checks   (PfScan              *self,
                                  const char * const  *check_ids);
/* Every check id, NULL-terminated */
const char * const *pf_scan_get_all_checks (void);
/* Extra jobs besides the planned checks (tests, later extensions). */
void        pf_scan_add_job      (PfScan              *self,
                                  PfScanJob           *job);
double      pf_scan_get_fraction (PfScan              *self);
const char *pf_scan_get_message  (PfScan              *self);
gboolean    pf_scan_get_running  (PfScan              *self);
guint       pf_scan_get_n_checks (PfScan              *self);
guint       pf_scan_get_n_done   (PfScan              *self);
/* PfFinding items, appended on the main context as each job finishes */
GListModel *pf_scan_get_findings (PfScan              *self);

void        pf_scan_run_async    (PfScan              *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* A cancelled scan still returns its report, marked incomplete with what
 * finished. NULL + error only when the scan could not start at all (e.g. no
 * worker connection could be opened). */
PfReport   *pf_scan_run_finish   (PfScan              *self,
                                  GAsyncResult        *result,
                                  GError             **error);

G_END_DECLS
