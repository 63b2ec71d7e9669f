/* pf-scan-job.c — one unit of work a scan runs on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-scan-job"

#include "config.h"

#include "pf-scan-job.h"

G_DEFINE_BOXED_TYPE (PfScanJob, pf_scan_job, pf_scan_job_ref, pf_scan_job_unref)

PfScanJob *
pf_scan_job_new (const char     *check_id,
                 const char     *subject,
                 const char     *message,
                 double          weight,
                 PfScanJobFunc   func,
                 gpointer        data,
                 GDestroyNotify  data_free)
{
  PfScanJob *job;

  g_return_val_if_fail (check_id != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  job = g_new0 (PfScanJob, 1);
  g_atomic_ref_count_init (&job->ref_count);
  job->check_id = g_strdup (check_id);
  job->subject = g_strdup (subject);
  job->message = g_strdup (message);
  /* A job with no cost estimate still counts for progress */
  job->weight = weight > 0 ? weight : 1;
  job->func = func;
  job->data = data;
  job->data_free = data_free;

  return job;
}

PfScanJob *
pf_scan_job_ref (PfScanJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);

  g_atomic_ref_count_inc (&job->ref_count);

  return job;
}

void
pf_scan_job_unref (PfScanJob *job)
{
  g_return_if_fail (job != NULL);

  if (g_atomic_ref_count_dec (&job->ref_count))
    {
      if (job->data_free != NULL)
        g_clear_pointer (&job->data, job->data_free);
      g_free (job->check_id);
      g_free (job->subject);
      g_free (job->message);
      g_free (job);
    }
}
