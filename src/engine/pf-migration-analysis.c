/* pf-migration-analysis.c — history + project + graph + drift + predictions, for one database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project folder only speaks for the apps it contains: history rows of
 * apps without a migrations folder in the project (django.contrib's auth,
 * admin, contenttypes, sessions, third-party apps installed from
 * site-packages) are neither orphaned records nor pending work, and
 * dependencies on them are taken as satisfied, as the graph does.
 */

#define G_LOG_DOMAIN "pf-migration-analysis"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-migration-analysis.h"
#include "pf-migration-drift.h"
#include "pf-migration-risks.h"
#include "pf-migration-summary.h"

struct _PfMigrationAnalysis
{
  GObject             parent_instance;

  GPtrArray          *histories;  /* PfMigrationHistory, Django first */
  PfMigrationSource  *source;     /* NULL without a project folder */
  PfMigrationGraph   *graph;      /* NULL without a project folder */
  GPtrArray          *problems;   /* PfMigrationProblem, blockers first */
  guint               counts[PF_SEVERITY_BLOCKER + 1];
};

G_DEFINE_FINAL_TYPE (PfMigrationAnalysis, pf_migration_analysis, G_TYPE_OBJECT)

static void
pf_migration_analysis_finalize (GObject *object)
{
  PfMigrationAnalysis *self = PF_MIGRATION_ANALYSIS (object);

  g_clear_pointer (&self->histories, g_ptr_array_unref);
  g_clear_object (&self->source);
  g_clear_object (&self->graph);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_migration_analysis_parent_class)->finalize (object);
}

static void
pf_migration_analysis_class_init (PfMigrationAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_migration_analysis_finalize;
}

static void
pf_migration_analysis_init (PfMigrationAnalysis *self)
{
  self->histories = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
add_problems (PfMigrationAnalysis *self,
              GPtrArray           *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_ptr_array_add (self->problems, g_object_ref (g_ptr_array_index (problems, i)));
}

static PfMigrationHistory *
django_history (PfMigrationAnalysis *self)
{
  for (guint i = 0; i < self->histories->len; i++)
    {
      PfMigrationHistory *history = g_ptr_array_index (self->histories, i);

      if (pf_migration_history_get_framework (history) == PF_MIGRATION_FRAMEWORK_DJANGO)
        return history;
    }

  return NULL;
}

/* "app.name" for each migration a problem names */
static void
add_problem_keys (GHashTable         *keys,
                  PfMigrationProblem *problem)
{
  const char * const *migrations = pf_migration_problem_get_migrations (problem);
  const char *app = pf_migration_problem_get_app (problem);

  for (guint i = 0; migrations != NULL && migrations[i] != NULL; i++)
    {
      if (app != NULL && strchr (migrations[i], '.') == NULL)
        g_hash_table_add (keys, g_strconcat (app, ".", migrations[i], NULL));
      else
        g_hash_table_add (keys, g_strdup (migrations[i]));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* A batch recorded in the same second is only probably faked; tables and
 * columns its migrations should have made but the schema lacks prove it */
static void
cross_check_faked (PfMigrationAnalysis *self,
                   GPtrArray           *drift)
{
  g_autoptr(GHashTable) drifted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; drift != NULL && i < drift->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (drift, i);
      const char *kind = pf_migration_problem_get_kind (problem);

      if (g_str_equal (kind, PF_MIGRATION_PROBLEM_MISSING_TABLE) ||
          g_str_equal (kind, PF_MIGRATION_PROBLEM_MISSING_COLUMN))
        add_problem_keys (drifted, problem);
    }

  if (g_hash_table_size (drifted) == 0)
    return;

  for (guint i = 0; i < self->problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (self->problems, i);
      g_autoptr(GHashTable) batch = NULL;
      g_autoptr(GPtrArray) confirmed = NULL;
      g_autofree char *list = NULL;
      g_autofree char *explanation = NULL;
      GHashTableIter iter;
      gpointer key;

      if (!g_str_equal (pf_migration_problem_get_kind (problem), PF_MIGRATION_PROBLEM_PROBABLY_FAKED))
        continue;

      batch = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      add_problem_keys (batch, problem);
      confirmed = g_ptr_array_new_null_terminated (4, NULL, TRUE);
      g_hash_table_iter_init (&iter, batch);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (g_hash_table_contains (drifted, key))
          g_ptr_array_add (confirmed, key);

      if (confirmed->len == 0)
        continue;

      g_ptr_array_sort (confirmed, compare_strings);
      list = g_strjoinv (", ", (char **) confirmed->pdata);
      explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  /* Translators: the first %s is the explanation so far,
                                                   * %u a number of migrations, the last %s their names */
                                                  "%s …and %u of them is indeed missing from the schema: %s.",
                                                  "%s …and %u of them are indeed missing from the schema: %s.",
                                                  confirmed->len),
                                     pf_migration_problem_get_explanation (problem) != NULL
                                       ? pf_migration_problem_get_explanation (problem) : "",
                                     confirmed->len, list);
      g_strstrip (explanation);
      pf_migration_problem_set_explanation (problem, explanation);
    }
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  PfMigrationProblem *pa = *(PfMigrationProblem * const *) a;
  PfMigrationProblem *pb = *(PfMigrationProblem * const *) b;
  PfSeverity sa = pf_migration_problem_get_severity (pa);
  PfSeverity sb = pf_migration_problem_get_severity (pb);

  if (sa != sb)
    return sa > sb ? -1 : 1;

  return 0;
}

static void
finish_problems (PfMigrationAnalysis *self)
{
  /* g_ptr_array_sort() is stable: within a severity the order stays source,
   * graph, drift, predictions, history */
  g_ptr_array_sort (self->problems, compare_problems);

  memset (self->counts, 0, sizeof self->counts);
  for (guint i = 0; i < self->problems->len; i++)
    self->counts[pf_migration_problem_get_severity (g_ptr_array_index (self->problems, i))]++;
}

PfMigrationAnalysis *
pf_migration_analysis_run (PfDatabase    *connection,
                           PfSchema      *schema,
                           const char    *project_dir,
                           const char    *settings_path,
                           PfReport      *integrity,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(PfMigrationAnalysis) self = NULL;
  g_autoptr(GPtrArray) histories = NULL;
  g_autoptr(GPtrArray) drift = NULL;
  g_autoptr(GPtrArray) risks = NULL;
  const char *auth_user_model;

  g_return_val_if_fail (PF_IS_DATABASE (connection), NULL);
  g_return_val_if_fail (PF_IS_SCHEMA (schema), NULL);
  g_return_val_if_fail (integrity == NULL || PF_IS_REPORT (integrity), NULL);

  self = g_object_new (PF_TYPE_MIGRATION_ANALYSIS, NULL);

  /* The project first: a wrong folder is the user's mistake to hear about
   * before any query runs */
  if (project_dir != NULL)
    {
      self->source = pf_migration_source_load (project_dir, settings_path, cancellable, error);
      if (self->source == NULL)
        return NULL;
    }

  histories = pf_migration_history_load_all (connection, schema, cancellable, error);
  if (histories == NULL)
    return NULL;
  for (guint i = 0; i < histories->len; i++)
    g_ptr_array_add (self->histories, g_object_ref (g_ptr_array_index (histories, i)));

  if (self->source != NULL)
    {
      auth_user_model = pf_migration_source_get_auth_user_model (self->source);
      self->graph = pf_migration_graph_new (self->source, django_history (self));

      add_problems (self, pf_migration_source_get_problems (self->source));
      add_problems (self, pf_migration_graph_get_problems (self->graph));

      drift = pf_migration_drift_compare (self->graph, auth_user_model, schema);
      add_problems (self, drift);

      risks = pf_migration_risks_predict (connection, schema, self->graph, auth_user_model,
                                          integrity, cancellable, error);
      if (risks == NULL)
        return NULL;
      add_problems (self, risks);
    }

  for (guint i = 0; i < self->histories->len; i++)
    add_problems (self, pf_migration_history_get_problems (g_ptr_array_index (self->histories, i)));

  cross_check_faked (self, drift);
  finish_problems (self);

  return g_steal_pointer (&self);
}

/* ---- async --------------------------------------------------------------- */

typedef struct
{
  PfSchema *schema;
  char     *project_dir;
  char     *settings_path;
  PfReport *integrity;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->schema);
  g_free (data->project_dir);
  g_free (data->settings_path);
  g_clear_object (&data->integrity);
  g_free (data);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  PfDatabase *database = source_object;
  RunData *data = task_data;
  g_autoptr(PfDatabase) worker = NULL;
  g_autoptr(GError) error = NULL;
  PfMigrationAnalysis *analysis;

  /* The caller's connection belongs to its thread; this one to ours */
  worker = pf_database_open_worker (database, NULL, cancellable, &error);
  if (worker == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  analysis = pf_migration_analysis_run (worker, data->schema, data->project_dir,
                                        data->settings_path, data->integrity,
                                        cancellable, &error);
  pf_database_close (worker);

  if (analysis == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, analysis, g_object_unref);
}

void
pf_migration_analysis_run_async (PfDatabase          *database,
                                 PfSchema            *schema,
                                 const char          *project_dir,
                                 const char          *settings_path,
                                 PfReport            *integrity,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (PF_IS_DATABASE (database));
  g_return_if_fail (PF_IS_SCHEMA (schema));
  g_return_if_fail (integrity == NULL || PF_IS_REPORT (integrity));

  data = g_new0 (RunData, 1);
  data->schema = g_object_ref (schema);
  data->project_dir = g_strdup (project_dir);
  data->settings_path = g_strdup (settings_path);
  data->integrity = integrity != NULL ? g_object_ref (integrity) : NULL;

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_migration_analysis_run_async);
  g_task_set_name (task, "[pf-migration-analysis] run");
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

PfMigrationAnalysis *
pf_migration_analysis_run_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pf_migration_analysis_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- accessors ----------------------------------------------------------- */

GPtrArray *
pf_migration_analysis_get_histories (PfMigrationAnalysis *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_ANALYSIS (self), NULL);

  return self->histories;
}

PfMigrationSource *
pf_migration_analysis_get_source (PfMigrationAnalysis *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_ANALYSIS (self), NULL);

  return self->source;
}

PfMigrationGraph *
pf_migration_analysis_get_graph (PfMigrationAnalysis *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_ANALYSIS (self), NULL);

  return self->graph;
}

GPtrArray *
pf_migration_analysis_get_problems (PfMigrationAnalysis *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_ANALYSIS (self), NULL);

  return self->problems;
}

guint
pf_migration_analysis_count (PfMigrationAnalysis *self,
                             PfSeverity           severity)
{
  g_return_val_if_fail (PF_IS_MIGRATION_ANALYSIS (self), 0);
  g_return_val_if_fail (severity <= PF_SEVERITY_BLOCKER, 0);

  return self->counts[severity];
}

/* ---- preflight-report/1 -------------------------------------------------- */

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *time)
{
  g_autofree char *text = NULL;

  json_builder_set_member_name (builder, name);
  if (time == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  text = g_date_time_format_iso8601 (time);
  json_builder_add_string_value (builder, text);
}

static void
add_deployments (JsonBuilder        *builder,
                 PfMigrationHistory *history)
{
  GPtrArray *deployments = pf_migration_history_get_deployments (history);
  GPtrArray *records = pf_migration_history_get_records (history);

  json_builder_begin_array (builder);
  for (guint i = 0; deployments != NULL && i < deployments->len; i++)
    {
      PfDeployment *deployment = g_ptr_array_index (deployments, i);

      json_builder_begin_object (builder);
      add_time_member (builder, "started_at", deployment->started_at);
      add_time_member (builder, "finished_at", deployment->finished_at);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, deployment->n_records);
      json_builder_set_member_name (builder, "probably_faked");
      json_builder_add_boolean_value (builder, deployment->probably_faked);
      json_builder_set_member_name (builder, "migrations");
      json_builder_begin_array (builder);
      for (guint j = deployment->first; j < deployment->first + deployment->n_records && j < records->len; j++)
        {
          PfMigrationRecord *record = g_ptr_array_index (records, j);
          g_autofree char *label = record->app != NULL
                                   ? g_strconcat (record->app, ".", record->name, NULL)
                                   : g_strdup (record->name);

          json_builder_add_string_value (builder, label);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_records (JsonBuilder        *builder,
             PfMigrationHistory *history,
             gboolean            only_applied)
{
  GPtrArray *records = pf_migration_history_get_records (history);

  json_builder_begin_array (builder);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      PfMigrationRecord *record = g_ptr_array_index (records, i);

      if (only_applied && record->state != PF_MIGRATION_STATE_APPLIED)
        continue;

      json_builder_begin_object (builder);
      if (record->app != NULL)
        {
          json_builder_set_member_name (builder, "app");
          json_builder_add_string_value (builder, record->app);
        }
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, record->name != NULL ? record->name : "");
      add_time_member (builder, "applied_at", record->applied_at);
      if (!only_applied)
        {
          json_builder_set_member_name (builder, "state");
          json_builder_add_string_value (builder, pf_migration_state_to_string (record->state));
          if (record->detail != NULL)
            {
              json_builder_set_member_name (builder, "detail");
              json_builder_add_string_value (builder, record->detail);
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
pf_migration_analysis_to_json_node (PfMigrationAnalysis *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  PfMigrationHistory *primary;
  const char *framework;

  g_return_val_if_fail (PF_IS_MIGRATION_ANALYSIS (self), NULL);

  /* Django's history is the one the project speaks about; without it, the
   * first framework found */
  primary = django_history (self);
  if (primary == NULL && self->histories->len > 0)
    primary = g_ptr_array_index (self->histories, 0);

  if (primary != NULL)
    framework = pf_migration_framework_to_string (pf_migration_history_get_framework (primary));
  else if (self->source != NULL)
    framework = pf_migration_framework_to_string (PF_MIGRATION_FRAMEWORK_DJANGO);
  else
    framework = NULL;

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "framework");
  if (framework != NULL)
    json_builder_add_string_value (builder, framework);
  else
    json_builder_add_null_value (builder);

  if (primary != NULL)
    {
      json_builder_set_member_name (builder, "table");
      json_builder_add_string_value (builder, pf_migration_history_get_table (primary));
    }

  if (self->source != NULL)
    {
      json_builder_set_member_name (builder, "project");
      json_builder_add_string_value (builder, pf_migration_source_get_project_dir (self->source));
    }

  json_builder_set_member_name (builder, "applied");
  if (primary != NULL)
    add_records (builder, primary, TRUE);
  else
    {
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "pending");
  json_builder_begin_array (builder);
  if (self->graph != NULL)
    {
      GPtrArray *pending = pf_migration_graph_get_pending (self->graph);

      for (guint i = 0; i < pending->len; i++)
        {
          PfMigration *migration = g_ptr_array_index (pending, i);
          g_autofree char *summary = pf_migration_dup_summary (migration);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "app");
          json_builder_add_string_value (builder, pf_migration_get_app (migration));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, pf_migration_get_name (migration));
          json_builder_set_member_name (builder, "summary");
          json_builder_add_string_value (builder, summary);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "deployments");
  if (primary != NULL)
    add_deployments (builder, primary);
  else
    {
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->problems->len; i++)
    json_builder_add_value (builder, pf_migration_problem_to_json_node (g_ptr_array_index (self->problems, i)));
  json_builder_end_array (builder);

  /* Every other framework's history, with its states and deployments */
  if (self->histories->len > 1)
    {
      json_builder_set_member_name (builder, "frameworks");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->histories->len; i++)
        {
          PfMigrationHistory *history = g_ptr_array_index (self->histories, i);

          if (history == primary)
            continue;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "framework");
          json_builder_add_string_value (builder,
                                         pf_migration_framework_to_string (pf_migration_history_get_framework (history)));
          json_builder_set_member_name (builder, "table");
          json_builder_add_string_value (builder, pf_migration_history_get_table (history));
          json_builder_set_member_name (builder, "records");
          add_records (builder, history, FALSE);
          json_builder_set_member_name (builder, "deployments");
          add_deployments (builder, history);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
