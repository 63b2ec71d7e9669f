/* pf-scan-job.h — one unit of work a scan runs on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pf-database.h"
#include "pf-finding.h"

G_BEGIN_DECLS

typedef struct _PfScanJob PfScanJob;

/* Runs on a worker thread with that worker's own read-only @connection (a
 * PfSqliteDatabase or PfPgDatabase opened by pf_database_open_worker()).
 * Appends new PfFinding objects to @findings. Must honour @cancellable
 * (statements are interrupted). Returns FALSE with @error when the check
 * could not run; the scan then records a "could not check" finding and goes
 * on with the other jobs. */
typedef gboolean (*PfScanJobFunc) (PfScanJob     *job,
                                   PfDatabase    *connection,
                                   GPtrArray     *findings,
                                   GCancellable  *cancellable,
                                   GError       **error);

struct _PfScanJob
{
  /*< private >*/
  gatomicrefcount  ref_count;
  /*< public >*/
  char            *check_id;   /* e.g. "fk-orphans" */
  char            *subject;    /* what is checked, for "Could not check …" */
  char            *message;    /* progress: "Checking scheduling_shift.user_id → scheduling_user" */
  double           weight;     /* relative cost (≈ rows touched); heavier jobs start first */
  PfScanJobFunc    func;
  gpointer         data;
  GDestroyNotify   data_free;
};

#define PF_TYPE_SCAN_JOB (pf_scan_job_get_type ())

GType      pf_scan_job_get_type (void) G_GNUC_CONST;
/* Takes ownership of @data */
PfScanJob *pf_scan_job_new      (const char     *check_id,
                                 const char     *subject,
                                 const char     *message,
                                 double          weight,
                                 PfScanJobFunc   func,
                                 gpointer        data,
                                 GDestroyNotify  data_free);
PfScanJob *pf_scan_job_ref      (PfScanJob      *job);
void       pf_scan_job_unref    (PfScanJob      *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfScanJob, pf_scan_job_unref)

G_END_DECLS
