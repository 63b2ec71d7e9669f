/* pf-scan.c — runs every check against one database on worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One scan = one coordinator thread and a private GThreadPool:
 *
 *  1. the coordinator begins the shared snapshot (PostgreSQL), plans the
 *     jobs and asks the pool to open one connection per worker, each on a
 *     pool thread, before any job runs;
 *  2. jobs run heaviest first; each takes an idle connection from a queue
 *     and gives it back (a connection that died is reopened once, then
 *     stays dead so the jobs after it fail fast instead of hanging);
 *  3. findings and progress go to the caller's main context: findings in
 *     one pending default-priority idle, progress (mutex-guarded state) in
 *     one pending low-priority source, at most ~10 times a second, the way
 *     Sysprof's document loader does it;
 *  4. cancelling interrupts every worker's running statement, again every
 *     100 ms until the jobs return (an interrupt that lands between two
 *     statements would otherwise be lost).
 */

#define G_LOG_DOMAIN "pf-scan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-checks.h"
#include "pf-scan.h"
#include "pf-throttle.h"

/* At most ~10 progress updates a second */
/* How often a cancelled scan re-interrupts statements still running */
#define REINTERRUPT_INTERVAL_USEC (G_USEC_PER_SEC / 10)

struct _PfScan
{
  GObject       parent_instance;

  PfDatabase   *database;
  PfSchema     *schema;
  PfRules      *rules;
  guint         n_workers;
  GStrv         checks;       /* NULL: all */
  GPtrArray    *extra_jobs;
  GListStore   *findings;

  /* What the properties say; main context only */
  double        fraction;
  char         *message;
  gboolean      running;
  guint         n_checks;
  guint         n_done;

  /* The coordinator of the scan that runs now; main context only */
  GThread      *thread;

  /* Published by the workers; guarded by @mutex */
  GMutex        mutex;
  GMainContext *context;
  double        shared_done_weight;
  double        shared_total_weight;
  char         *shared_message;
  guint         shared_n_checks;
  guint         shared_n_done;
  GPtrArray    *shared_findings;     /* to append to @findings */
  PfThrottle    progress_throttle;
  GSource      *findings_source;
};

G_DEFINE_FINAL_TYPE (PfScan, pf_scan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_MESSAGE,
  PROP_RUNNING,
  PROP_N_CHECKS,
  PROP_N_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  PfDatabase *connection;  /* NULL once lost for good */
  gboolean    reopened;
} Slot;

typedef struct
{
  PfScan       *self;
  GTask        *task;
  GCancellable *cancellable;
  PfDatabase   *coordinator;
  char         *snapshot;
  GPtrArray    *jobs;           /* PfScanJob, heaviest first */
  GAsyncQueue  *idle;           /* Slot: connections no job uses */
  GPtrArray    *slots;          /* Slot, owned */

  GMutex        mutex;          /* guards the fields below */
  GCond         cond;
  guint         n_opening;
  GError       *open_error;
  guint         n_finished;     /* jobs that returned, ran or not */
  guint         n_done;         /* jobs that ran to the end */
  guint         n_failed;       /* of those, ones that could not check */
  gboolean      cancelled;
  GPtrArray    *all_findings;   /* PfFinding, for the report */

  /* Set by the coordinator for the main context */
  GError       *error;
} Run;

/* Marks the pool items that open a connection rather than run a job */
static int open_marker;

static void
slot_free (Slot *slot)
{
  g_clear_object (&slot->connection);
  g_free (slot);
}

static void
run_free (Run *run)
{
  g_clear_object (&run->self);
  g_clear_object (&run->task);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->coordinator);
  g_clear_pointer (&run->snapshot, g_free);
  g_clear_pointer (&run->jobs, g_ptr_array_unref);
  g_clear_pointer (&run->idle, g_async_queue_unref);
  g_clear_pointer (&run->slots, g_ptr_array_unref);
  g_clear_pointer (&run->all_findings, g_ptr_array_unref);
  g_clear_error (&run->open_error);
  g_clear_error (&run->error);
  g_mutex_clear (&run->mutex);
  g_cond_clear (&run->cond);
  g_free (run);
}

/* ---- publishing to the main context ----------------------------------- */

static void
flush_progress (PfScan *self)
{
  double fraction;
  g_autofree char *message = NULL;
  guint n_checks;
  guint n_done;

  g_mutex_lock (&self->mutex);
  pf_throttle_fired_locked (&self->progress_throttle);
  fraction = self->shared_total_weight > 0
             ? CLAMP (self->shared_done_weight / self->shared_total_weight, 0.0, 1.0)
             : (self->shared_n_done == self->shared_n_checks ? 1.0 : 0.0);
  message = g_strdup (self->shared_message);
  n_checks = self->shared_n_checks;
  n_done = self->shared_n_done;
  g_mutex_unlock (&self->mutex);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }

  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_steal_pointer (&message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }

  if (self->n_checks != n_checks)
    {
      self->n_checks = n_checks;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHECKS]);
    }

  if (self->n_done != n_done)
    {
      self->n_done = n_done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
progress_cb (gpointer data)
{
  flush_progress (data);

  return G_SOURCE_REMOVE;
}

/* Call with self->mutex held, from any thread */
static void
queue_progress_locked (PfScan *self)
{
  pf_throttle_queue_locked (&self->progress_throttle, self->context, "[pf-scan-progress]",
                            progress_cb, G_OBJECT (self));
}

static void
flush_findings (PfScan *self)
{
  g_autoptr(GPtrArray) findings = NULL;

  g_mutex_lock (&self->mutex);
  if (self->findings_source != NULL)
    {
      g_source_destroy (self->findings_source);
      g_clear_pointer (&self->findings_source, g_source_unref);
    }
  findings = g_steal_pointer (&self->shared_findings);
  self->shared_findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_unlock (&self->mutex);

  if (findings->len > 0)
    g_list_store_splice (self->findings,
                         g_list_model_get_n_items (G_LIST_MODEL (self->findings)),
                         0, findings->pdata, findings->len);
}

static gboolean
findings_cb (gpointer data)
{
  flush_findings (data);

  return G_SOURCE_REMOVE;
}

/* Any thread: @findings (PfFinding) reach the list model soon */
static void
publish_findings (PfScan    *self,
                  GPtrArray *findings)
{
  if (findings->len == 0)
    return;

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (self->shared_findings, g_object_ref (g_ptr_array_index (findings, i)));

  /* Not g_main_context_invoke(): on the global default context it may run
   * the callback right here on the worker if nobody iterates it now */
  if (self->findings_source == NULL)
    {
      self->findings_source = g_idle_source_new ();
      g_source_set_priority (self->findings_source, G_PRIORITY_DEFAULT);
      g_source_set_static_name (self->findings_source, "[pf-scan-findings]");
      g_source_set_callback (self->findings_source, findings_cb,
                             g_object_ref (self), g_object_unref);
      g_source_attach (self->findings_source, self->context);
    }
  g_mutex_unlock (&self->mutex);
}

static void
publish_message (PfScan     *self,
                 const char *message)
{
  g_mutex_lock (&self->mutex);
  if (g_strcmp0 (self->shared_message, message) != 0)
    {
      g_free (self->shared_message);
      self->shared_message = g_strdup (message);
      queue_progress_locked (self);
    }
  g_mutex_unlock (&self->mutex);
}

static void
publish_done (PfScan *self,
              double  weight)
{
  g_mutex_lock (&self->mutex);
  self->shared_done_weight += weight;
  self->shared_n_done++;
  queue_progress_locked (self);
  g_mutex_unlock (&self->mutex);
}

/* ---- workers ------------------------------------------------------------ */

static void
open_slot (Run *run)
{
  g_autoptr(GError) error = NULL;
  PfDatabase *connection;

  connection = pf_database_open_worker (run->coordinator, run->snapshot, run->cancellable, &error);

  g_mutex_lock (&run->mutex);
  if (connection != NULL)
    {
      Slot *slot = g_new0 (Slot, 1);

      slot->connection = connection;
      g_ptr_array_add (run->slots, slot);
      g_async_queue_push (run->idle, slot);
    }
  else if (run->open_error == NULL)
    run->open_error = g_steal_pointer (&error);
  run->n_opening--;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->mutex);
}

/* The connection of @slot died: never reuse it; reopen once */
static void
replace_connection (Run  *run,
                    Slot *slot)
{
  g_autoptr(PfDatabase) old = NULL;
  g_autoptr(GError) error = NULL;
  PfDatabase *connection = NULL;

  g_mutex_lock (&run->mutex);
  old = g_steal_pointer (&slot->connection);
  g_mutex_unlock (&run->mutex);

  pf_database_close (old);

  if (slot->reopened || g_cancellable_is_cancelled (run->cancellable))
    return;

  slot->reopened = TRUE;
  connection = pf_database_open_worker (run->coordinator, run->snapshot, run->cancellable, &error);
  if (connection == NULL)
    g_debug ("Could not reopen a lost worker connection: %s", error->message);

  g_mutex_lock (&run->mutex);
  slot->connection = connection;
  g_mutex_unlock (&run->mutex);
}

static void
finish_job (Run       *run,
            PfScanJob *job,
            GPtrArray *findings,
            gboolean   ran,
            gboolean   failed)
{
  if (ran)
    {
      publish_findings (run->self, findings);
      publish_done (run->self, job->weight);
    }

  g_mutex_lock (&run->mutex);
  if (ran)
    {
      for (guint i = 0; i < findings->len; i++)
        g_ptr_array_add (run->all_findings, g_object_ref (g_ptr_array_index (findings, i)));
      run->n_done++;
      if (failed)
        run->n_failed++;
    }
  run->n_finished++;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->mutex);
}

static void
run_job (Run       *run,
         PfScanJob *job)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gboolean ok;
  Slot *slot;

  if (g_cancellable_is_cancelled (run->cancellable))
    {
      finish_job (run, job, findings, FALSE, FALSE);
      return;
    }

  slot = g_async_queue_pop (run->idle);

  if (g_cancellable_is_cancelled (run->cancellable))
    {
      g_async_queue_push (run->idle, slot);
      finish_job (run, job, findings, FALSE, FALSE);
      return;
    }

  if (slot->connection == NULL)
    {
      /* Lost and not reopened: fail fast, do not wait for a server */
      g_set_error_literal (&error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_CONNECTION_LOST,
                           _("the connection to the server was lost"));
      ok = FALSE;
    }
  else
    {
      gint64 started = g_get_monotonic_time ();

      publish_message (run->self, job->message);
      ok = job->func (job, slot->connection, findings, run->cancellable, &error);
      /* G_MESSAGES_DEBUG=pf-scan shows where a slow scan spends its time */
      g_debug ("%s took %.3f s", job->message,
               (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

      if (!ok && error == NULL)
        g_set_error_literal (&error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_FAILED,
                             _("the check failed without saying why"));

      if (pf_database_is_broken (slot->connection))
        replace_connection (run, slot);
      else
        pf_database_end_job (slot->connection);
    }

  g_async_queue_push (run->idle, slot);

  if (!ok && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
              || g_cancellable_is_cancelled (run->cancellable)))
    {
      /* Not a finding: the report says the scan was cancelled */
      finish_job (run, job, findings, FALSE, FALSE);
      return;
    }

  if (!ok)
    {
      g_debug ("%s: %s", job->subject ? job->subject : job->check_id, error->message);
      g_ptr_array_add (findings, pf_finding_new_failed (job->check_id,
                                                        job->subject ? job->subject : job->message,
                                                        error));
    }

  finish_job (run, job, findings, TRUE, !ok);
}

static void
pool_func (gpointer data,
           gpointer user_data)
{
  Run *run = user_data;

  if (data == &open_marker)
    open_slot (run);
  else
    run_job (run, data);
}

/* ---- the coordinator ------------------------------------------------------ */

static void
cancelled_cb (GCancellable *cancellable,
              Run          *run)
{
  g_mutex_lock (&run->mutex);
  run->cancelled = TRUE;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->mutex);
}

/* Coordinator thread; PQcancel() may block, so never from the caller's */
static void
interrupt_all (Run *run)
{
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);

  g_mutex_lock (&run->mutex);
  for (guint i = 0; i < run->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (run->slots, i);

      if (slot->connection != NULL)
        g_ptr_array_add (connections, g_object_ref (slot->connection));
    }
  g_mutex_unlock (&run->mutex);

  for (guint i = 0; i < connections->len; i++)
    pf_database_interrupt (g_ptr_array_index (connections, i));
}

/* Waits until @done says so; while cancelled, keeps interrupting */
static void
wait_for (Run      *run,
          gboolean (*done) (Run *run))
{
  g_mutex_lock (&run->mutex);
  while (!done (run))
    {
      if (run->cancelled)
        {
          g_mutex_unlock (&run->mutex);
          interrupt_all (run);
          g_mutex_lock (&run->mutex);
          if (done (run))
            break;
          g_cond_wait_until (&run->cond, &run->mutex,
                             g_get_monotonic_time () + REINTERRUPT_INTERVAL_USEC);
        }
      else
        g_cond_wait (&run->cond, &run->mutex);
    }
  g_mutex_unlock (&run->mutex);
}

static gboolean
all_opened (Run *run)
{
  return run->n_opening == 0;
}

static gboolean
all_finished (Run *run)
{
  return run->n_finished == run->jobs->len;
}

static int
compare_weight (gconstpointer a,
                gconstpointer b)
{
  const PfScanJob *ja = *(const PfScanJob * const *)a;
  const PfScanJob *jb = *(const PfScanJob * const *)b;

  if (ja->weight != jb->weight)
    return ja->weight > jb->weight ? -1 : 1;
  return 0;
}

static gboolean
finish_cb (gpointer data)
{
  Run *run = data;
  PfScan *self = run->self;
  g_autoptr(PfReport) report = NULL;
  GTask *task;

  g_thread_join (g_steal_pointer (&self->thread));

  /* Whatever is still queued lands before the caller hears of the end */
  flush_findings (self);
  flush_progress (self);

  if (self->running)
    {
      self->running = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }

  task = g_steal_pointer (&run->task);

  if (run->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&run->error));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  report = pf_report_new (run->coordinator);
  pf_report_set_checks (report, (const char * const *)self->checks);
  for (guint i = 0; i < run->all_findings->len; i++)
    pf_report_add_finding (report, g_ptr_array_index (run->all_findings, i));

  if (g_cancellable_is_cancelled (run->cancellable) && run->n_done < run->jobs->len)
    {
      g_autofree char *reason = NULL;

      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: %u of %u are numbers of checks */
                                             "The scan was cancelled; %u of %u check finished",
                                             "The scan was cancelled; %u of %u checks finished",
                                             run->jobs->len),
                                run->n_done, run->jobs->len);
      pf_report_set_incomplete (report, reason);
    }
  else if (run->n_failed > 0)
    {
      g_autofree char *reason = NULL;

      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u check could not run",
                                             "%u checks could not run",
                                             run->n_failed),
                                run->n_failed);
      pf_report_set_incomplete (report, reason);
    }

  g_task_return_pointer (task, g_steal_pointer (&report), g_object_unref);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static void
finish (Run *run)
{
  GSource *source = g_idle_source_new ();

  /* Default priority, after the findings and before low-priority progress:
   * finish_cb flushes both anyway */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[pf-scan-finish]");
  g_source_set_callback (source, finish_cb, run, (GDestroyNotify)run_free);
  g_source_attach (source, run->self->context);
  g_source_unref (source);
}

static gpointer
coordinator_thread (gpointer data)
{
  Run *run = data;
  PfScan *self = run->self;
  g_autoptr(GError) error = NULL;
  GThreadPool *pool = NULL;
  guint n_threads;
  gulong handler;
  double total = 0;

  handler = g_cancellable_connect (run->cancellable, G_CALLBACK (cancelled_cb), run, NULL);

  /* Planners only read the schema; the jobs query the database */
  if (self->schema != NULL)
    {
      g_autoptr(GPtrArray) planned = g_ptr_array_new_with_free_func ((GDestroyNotify)pf_scan_job_unref);

      pf_foreign_key_checks_plan (run->coordinator, self->schema, self->rules, planned);
      pf_data_checks_plan (run->coordinator, self->schema, self->rules, planned);
      for (guint i = 0; i < planned->len; i++)
        {
          PfScanJob *job = g_ptr_array_index (planned, i);

          if (self->checks == NULL || g_strv_contains ((const char * const *)self->checks, job->check_id))
            g_ptr_array_add (run->jobs, pf_scan_job_ref (job));
        }
    }
  for (guint i = 0; i < self->extra_jobs->len; i++)
    g_ptr_array_add (run->jobs, pf_scan_job_ref (g_ptr_array_index (self->extra_jobs, i)));
  g_ptr_array_sort (run->jobs, compare_weight);

  for (guint i = 0; i < run->jobs->len; i++)
    total += ((PfScanJob *)g_ptr_array_index (run->jobs, i))->weight;

  g_mutex_lock (&self->mutex);
  self->shared_total_weight = total;
  self->shared_n_checks = run->jobs->len;
  queue_progress_locked (self);
  g_mutex_unlock (&self->mutex);

  if (run->jobs->len == 0)
    goto out;

  run->snapshot = pf_database_begin_snapshot (run->coordinator, run->cancellable, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        run->error = g_steal_pointer (&error);
      goto out;
    }

  n_threads = self->n_workers != 0 ? self->n_workers : g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, PF_SCAN_MAX_JOBS);
  n_threads = MIN (n_threads, run->jobs->len);

  if (!(pool = g_thread_pool_new (pool_func, run, n_threads, TRUE, &error)))
    {
      run->error = g_steal_pointer (&error);
      goto out;
    }

  /* Every connection first, each on a pool thread, so that all of them
   * begin their read transactions before any check runs */
  g_mutex_lock (&run->mutex);
  run->n_opening = n_threads;
  g_mutex_unlock (&run->mutex);
  for (guint i = 0; i < n_threads; i++)
    g_thread_pool_push (pool, &open_marker, NULL);
  wait_for (run, all_opened);

  if (run->slots->len == 0)
    {
      if (!g_cancellable_is_cancelled (run->cancellable))
        run->error = g_steal_pointer (&run->open_error);
      goto out;
    }

  for (guint i = 0; i < run->jobs->len; i++)
    g_thread_pool_push (pool, g_ptr_array_index (run->jobs, i), NULL);
  wait_for (run, all_finished);

out:
  if (pool != NULL)
    g_thread_pool_free (pool, FALSE, TRUE);

  g_cancellable_disconnect (run->cancellable, handler);

  /* Connections close here, on one thread, after every job let go */
  for (guint i = 0; i < run->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (run->slots, i);

      if (slot->connection != NULL)
        pf_database_close (slot->connection);
    }
  pf_database_end_snapshot (run->coordinator);

  finish (run);

  return NULL;
}

/* ---- GObject ---------------------------------------------------------- */

static void
pf_scan_dispose (GObject *object)
{
  PfScan *self = (PfScan *)object;

  g_mutex_lock (&self->mutex);
  pf_throttle_clear (&self->progress_throttle);
  if (self->findings_source != NULL)
    {
      g_source_destroy (self->findings_source);
      g_clear_pointer (&self->findings_source, g_source_unref);
    }
  g_mutex_unlock (&self->mutex);

  G_OBJECT_CLASS (pf_scan_parent_class)->dispose (object);
}

static void
pf_scan_finalize (GObject *object)
{
  PfScan *self = (PfScan *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->schema);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->checks, g_strfreev);
  g_clear_pointer (&self->extra_jobs, g_ptr_array_unref);
  g_clear_object (&self->findings);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->shared_message, g_free);
  g_clear_pointer (&self->shared_findings, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pf_scan_parent_class)->finalize (object);
}

static void
pf_scan_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PfScan *self = PF_SCAN (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_N_CHECKS:
      g_value_set_uint (value, self->n_checks);
      break;

    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_scan_class_init (PfScanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pf_scan_dispose;
  object_class->finalize = pf_scan_finalize;
  object_class->get_property = pf_scan_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_CHECKS] =
    g_param_spec_uint ("n-checks", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_scan_init (PfScan *self)
{
  g_mutex_init (&self->mutex);
  self->extra_jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)pf_scan_job_unref);
  self->findings = g_list_store_new (PF_TYPE_FINDING);
  self->shared_findings = g_ptr_array_new_with_free_func (g_object_unref);
}

PfScan *
pf_scan_new (PfDatabase *database,
             PfSchema   *schema)
{
  PfScan *self;

  g_return_val_if_fail (PF_IS_DATABASE (database), NULL);
  g_return_val_if_fail (schema == NULL || PF_IS_SCHEMA (schema), NULL);

  self = g_object_new (PF_TYPE_SCAN, NULL);
  self->database = g_object_ref (database);
  self->schema = schema ? g_object_ref (schema) : NULL;

  return self;
}

void
pf_scan_set_rules (PfScan  *self,
                   PfRules *rules)
{
  g_return_if_fail (PF_IS_SCAN (self));
  g_return_if_fail (!rules || PF_IS_RULES (rules));
  g_return_if_fail (!self->running);

  g_set_object (&self->rules, rules);
}

void
pf_scan_set_n_workers (PfScan *self,
                       guint   n_workers)
{
  g_return_if_fail (PF_IS_SCAN (self));
  g_return_if_fail (!self->running);

  self->n_workers = MIN (n_workers, PF_SCAN_MAX_JOBS);
}

static const char * const all_checks[] = {
  PF_CHECK_FK_ORPHANS,
  PF_CHECK_FK_NOT_VALID,
  PF_CHECK_IMPLIED_FK_ORPHANS,
  PF_CHECK_FK_TRIGGER_DISABLED,
  PF_CHECK_SEQUENCE_BEHIND,
  PF_CHECK_INVALID_INDEX,
  PF_CHECK_NO_PRIMARY_KEY,
  PF_CHECK_SQLITE_INTEGRITY,
  PF_CHECK_TYPE_MISMATCH,
  PF_CHECK_DUPLICATE_VALUES,
  PF_CHECK_FORMAT_RULE,
  PF_CHECK_NOT_NULL_RULE,
  NULL
};

const char * const *
pf_scan_get_all_checks (void)
{
  return all_checks;
}

void
pf_scan_set_checks (PfScan             *self,
                    const char * const *check_ids)
{
  g_return_if_fail (PF_IS_SCAN (self));
  g_return_if_fail (!self->running);

  for (guint i = 0; check_ids != NULL && check_ids[i] != NULL; i++)
    g_return_if_fail (g_strv_contains (all_checks, check_ids[i]));

  g_clear_pointer (&self->checks, g_strfreev);
  self->checks = g_strdupv ((char **)check_ids);
}

void
pf_scan_add_job (PfScan    *self,
                 PfScanJob *job)
{
  g_return_if_fail (PF_IS_SCAN (self));
  g_return_if_fail (job != NULL);
  g_return_if_fail (!self->running);

  g_ptr_array_add (self->extra_jobs, pf_scan_job_ref (job));
}

double
pf_scan_get_fraction (PfScan *self)
{
  g_return_val_if_fail (PF_IS_SCAN (self), 0.0);

  return self->fraction;
}

const char *
pf_scan_get_message (PfScan *self)
{
  g_return_val_if_fail (PF_IS_SCAN (self), NULL);

  return self->message;
}

gboolean
pf_scan_get_running (PfScan *self)
{
  g_return_val_if_fail (PF_IS_SCAN (self), FALSE);

  return self->running;
}

guint
pf_scan_get_n_checks (PfScan *self)
{
  g_return_val_if_fail (PF_IS_SCAN (self), 0);

  return self->n_checks;
}

guint
pf_scan_get_n_done (PfScan *self)
{
  g_return_val_if_fail (PF_IS_SCAN (self), 0);

  return self->n_done;
}

GListModel *
pf_scan_get_findings (PfScan *self)
{
  g_return_val_if_fail (PF_IS_SCAN (self), NULL);

  return G_LIST_MODEL (self->findings);
}

void
pf_scan_run_async (PfScan              *self,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (PF_IS_SCAN (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_scan_run_async);
  /* A cancelled scan still returns its (incomplete) report */
  g_task_set_check_cancellable (task, FALSE);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The scan is already running"));
      return;
    }

  if (!pf_database_get_is_open (self->database))
    {
      g_task_return_new_error (task, PF_DATABASE_ERROR, PF_DATABASE_ERROR_NOT_OPEN,
                               /* Translators: %s is the name of a database */
                               _("The database “%s” is not open"),
                               pf_database_get_name (self->database));
      return;
    }

  /* A fresh start: the list and the progress describe this run */
  g_list_store_remove_all (self->findings);

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->shared_done_weight = 0;
  self->shared_total_weight = 0;
  self->shared_n_checks = 0;
  self->shared_n_done = 0;
  g_clear_pointer (&self->shared_message, g_free);
  pf_throttle_clear (&self->progress_throttle);
  g_mutex_unlock (&self->mutex);

  flush_progress (self);

  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  run = g_new0 (Run, 1);
  run->self = g_object_ref (self);
  run->task = g_steal_pointer (&task);
  /* Jobs always get a cancellable, so cancelling needs no special case */
  run->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  run->coordinator = g_object_ref (self->database);
  run->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)pf_scan_job_unref);
  run->idle = g_async_queue_new ();
  run->slots = g_ptr_array_new_with_free_func ((GDestroyNotify)slot_free);
  run->all_findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&run->mutex);
  g_cond_init (&run->cond);

  self->thread = g_thread_new ("pf-scan", coordinator_thread, run);
}

PfReport *
pf_scan_run_finish (PfScan        *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (PF_IS_SCAN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pf_scan_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
