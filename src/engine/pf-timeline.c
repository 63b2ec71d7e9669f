/* pf-timeline.c — the migrations of one database as a person reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-timeline.h"

struct _PfTimeline
{
  GObject              parent_instance;

  PfMigrationAnalysis *analysis;
  GListStore          *problems;
  GListStore          *pending;
  GListStore          *deployments;
  /* "app\x1fname" → PfTimelineEntry (pending, else the newest record) */
  GHashTable          *by_key;
  /* PfTimelineEntry (record) → PfTimelineEntry (its deployment) */
  GHashTable          *deployment_of;
  guint                n_records;
};

G_DEFINE_FINAL_TYPE (PfTimeline, pf_timeline, G_TYPE_OBJECT)

static char *
make_key (const char *app,
          const char *name)
{
  return g_strdup_printf ("%s\x1f%s", app != NULL ? app : "", name);
}

static gboolean
kind_is (PfMigrationProblem *problem,
         const char         *kind)
{
  return g_strcmp0 (pf_migration_problem_get_kind (problem), kind) == 0;
}

/* Problems that belong to one pending migration or one deployment and are
 * shown there rather than in the banner */
static gboolean
is_about_one_entry (PfMigrationProblem *problem)
{
  return kind_is (problem, PF_MIGRATION_PROBLEM_WILL_FAIL) ||
         kind_is (problem, PF_MIGRATION_PROBLEM_RISKY_OPERATION) ||
         kind_is (problem, PF_MIGRATION_PROBLEM_PROBABLY_FAKED);
}

/* The entry a migration named by a problem stands for: the name within the
 * problem's app, or "app.name" when the problem spans apps. */
static PfTimelineEntry *
lookup_named (PfTimeline         *self,
              PfMigrationProblem *problem,
              const char         *named)
{
  g_autofree char *key = make_key (pf_migration_problem_get_app (problem), named);
  PfTimelineEntry *entry = g_hash_table_lookup (self->by_key, key);
  const char *dot;

  if (entry != NULL)
    return entry;

  dot = strchr (named, '.');
  if (dot != NULL)
    {
      g_autofree char *app = g_strndup (named, dot - named);
      g_autofree char *split_key = make_key (app, dot + 1);

      entry = g_hash_table_lookup (self->by_key, split_key);
    }

  return entry;
}

/* Adds @problem to the entries it names; TRUE when it landed somewhere */
static gboolean
attach_problem (PfTimeline         *self,
                PfMigrationProblem *problem)
{
  const char * const *migrations = pf_migration_problem_get_migrations (problem);
  gboolean faked = kind_is (problem, PF_MIGRATION_PROBLEM_PROBABLY_FAKED);
  gboolean attached = FALSE;

  for (guint i = 0; migrations != NULL && migrations[i] != NULL; i++)
    {
      PfTimelineEntry *entry = lookup_named (self, problem, migrations[i]);

      if (entry == NULL)
        continue;

      /* A faked batch is a fact about the deployment, not each record */
      if (faked)
        {
          entry = g_hash_table_lookup (self->deployment_of, entry);
          if (entry == NULL)
            continue;
        }

      pf_timeline_entry_add_problem (entry, problem);
      attached = TRUE;
    }

  return attached;
}

static void
add_history (PfTimeline         *self,
             PfMigrationHistory *history,
             PfMigrationSource  *source,
             gboolean            show_framework,
             GPtrArray          *deployment_entries)
{
  GPtrArray *records = pf_migration_history_get_records (history);
  GPtrArray *deployments = pf_migration_history_get_deployments (history);

  self->n_records += records->len;

  for (guint d = 0; d < deployments->len; d++)
    {
      PfDeployment *deployment = g_ptr_array_index (deployments, d);
      g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
      PfTimelineEntry *deployment_entry;

      for (guint i = deployment->first; i < deployment->first + deployment->n_records && i < records->len; i++)
        {
          PfMigrationRecord *record = g_ptr_array_index (records, i);
          PfMigration *migration = NULL;

          if (source != NULL && record->app != NULL)
            migration = pf_migration_source_lookup (source, record->app, record->name);

          g_ptr_array_add (children, pf_timeline_entry_new_record (history, i, migration));
        }

      deployment_entry = pf_timeline_entry_new_deployment (history, d, show_framework, children);
      for (guint i = 0; i < children->len; i++)
        {
          PfTimelineEntry *child = g_ptr_array_index (children, i);
          g_autofree char *key = make_key (pf_timeline_entry_get_app (child),
                                           pf_timeline_entry_get_name (child));

          /* Newer records of the same name win; pending ones are added later
           * and win over all */
          g_hash_table_replace (self->by_key, g_steal_pointer (&key), child);
          g_hash_table_insert (self->deployment_of, child, deployment_entry);
        }
      g_ptr_array_add (deployment_entries, deployment_entry);
    }
}

static gint
compare_deployments_newest_first (gconstpointer a,
                                  gconstpointer b)
{
  PfTimelineEntry *first = *(PfTimelineEntry **) a;
  PfTimelineEntry *second = *(PfTimelineEntry **) b;
  GDateTime *when_a = pf_timeline_entry_get_deployment (first)->started_at;
  GDateTime *when_b = pf_timeline_entry_get_deployment (second)->started_at;

  /* Undated deployments last */
  if (when_a == NULL || when_b == NULL)
    return (when_a == NULL) - (when_b == NULL);

  return g_date_time_compare (when_b, when_a);
}

PfTimeline *
pf_timeline_new (PfMigrationAnalysis *analysis,
                 PfConnectionProfile *profile)
{
  PfTimeline *self;
  GPtrArray *histories, *problems;
  PfMigrationSource *source;
  PfMigrationGraph *graph;
  g_autoptr(GPtrArray) deployment_entries = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (PF_IS_MIGRATION_ANALYSIS (analysis), NULL);
  g_return_val_if_fail (profile == NULL || PF_IS_CONNECTION_PROFILE (profile), NULL);

  self = g_object_new (PF_TYPE_TIMELINE, NULL);
  self->analysis = g_object_ref (analysis);
  source = pf_migration_analysis_get_source (analysis);
  graph = pf_migration_analysis_get_graph (analysis);

  histories = pf_migration_analysis_get_histories (analysis);
  for (guint h = 0; h < histories->len; h++)
    add_history (self, g_ptr_array_index (histories, h), source, histories->len > 1,
                 deployment_entries);
  g_ptr_array_sort (deployment_entries, compare_deployments_newest_first);
  g_list_store_splice (self->deployments, 0, 0, deployment_entries->pdata, deployment_entries->len);

  if (source != NULL && graph != NULL)
    {
      GPtrArray *pending = pf_migration_graph_get_pending (graph);

      for (guint i = 0; i < pending->len; i++)
        {
          PfMigration *migration = g_ptr_array_index (pending, i);
          g_autoptr(PfTimelineEntry) entry = pf_timeline_entry_new_pending (migration, i + 1);

          g_hash_table_replace (self->by_key,
                                make_key (pf_migration_get_app (migration), pf_migration_get_name (migration)),
                                entry);
          g_list_store_append (self->pending, entry);
        }
    }

  problems = pf_migration_analysis_get_problems (analysis);
  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);

      if (attach_problem (self, problem) && is_about_one_entry (problem))
        continue;

      {
        g_autoptr(PfTimelineEntry) entry = pf_timeline_entry_new_problem (problem);

        g_list_store_append (self->problems, entry);
      }
    }

  pf_timeline_apply_reviews (self, profile);

  return self;
}

PfMigrationAnalysis *
pf_timeline_get_analysis (PfTimeline *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE (self), NULL);

  return self->analysis;
}

GListModel *
pf_timeline_get_problems (PfTimeline *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE (self), NULL);

  return G_LIST_MODEL (self->problems);
}

GListModel *
pf_timeline_get_pending (PfTimeline *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE (self), NULL);

  return G_LIST_MODEL (self->pending);
}

GListModel *
pf_timeline_get_deployments (PfTimeline *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE (self), NULL);

  return G_LIST_MODEL (self->deployments);
}

PfTimelineEntry *
pf_timeline_lookup (PfTimeline *self,
                    const char *app,
                    const char *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (PF_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = make_key (app, name);
  return g_hash_table_lookup (self->by_key, key);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

GStrv
pf_timeline_dup_apps (PfTimeline *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree const char **apps = NULL;
  GHashTableIter iter;
  PfTimelineEntry *entry;

  g_return_val_if_fail (PF_IS_TIMELINE (self), NULL);

  g_hash_table_iter_init (&iter, self->by_key);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (pf_timeline_entry_get_app (entry) != NULL)
      g_hash_table_add (seen, (gpointer) pf_timeline_entry_get_app (entry));

  apps = (const char **) g_hash_table_get_keys_as_array (seen, NULL);
  g_qsort_with_data (apps, g_hash_table_size (seen), sizeof (char *), compare_strings, NULL);
  for (guint i = 0; apps[i] != NULL; i++)
    g_strv_builder_add (builder, apps[i]);

  return g_strv_builder_end (builder);
}

void
pf_timeline_apply_reviews (PfTimeline          *self,
                           PfConnectionProfile *profile)
{
  guint n;

  g_return_if_fail (PF_IS_TIMELINE (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->pending));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfTimelineEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->pending), i);
      const PfMigrationReview *review = NULL;

      if (profile != NULL)
        review = pf_connection_profile_get_review (profile,
                                                   pf_timeline_entry_get_app (entry),
                                                   pf_timeline_entry_get_name (entry));
      pf_timeline_entry_set_review (entry, review);
    }
}

static guint
count_pending (PfTimeline *self,
               const char *kind)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pending)), count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfTimelineEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->pending), i);

      if (kind != NULL ? pf_timeline_entry_has_problem_kind (entry, kind)
                       : pf_timeline_entry_get_review (entry) != NULL)
        count++;
    }

  return count;
}

guint
pf_timeline_count_will_fail (PfTimeline *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE (self), 0);

  return count_pending (self, PF_MIGRATION_PROBLEM_WILL_FAIL);
}

guint
pf_timeline_count_risky (PfTimeline *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE (self), 0);

  return count_pending (self, PF_MIGRATION_PROBLEM_RISKY_OPERATION);
}

guint
pf_timeline_count_reviewed (PfTimeline *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE (self), 0);

  return count_pending (self, NULL);
}

char *
pf_timeline_dup_next_summary (PfTimeline *self)
{
  guint n, n_fail, n_risky;
  GString *summary;

  g_return_val_if_fail (PF_IS_TIMELINE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->pending));
  if (n == 0)
    return g_strdup (_("Nothing will run: the database is up to date with the project."));

  n_fail = pf_timeline_count_will_fail (self);
  n_risky = pf_timeline_count_risky (self);

  summary = g_string_new (NULL);
  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE, "%'u migration will run", "%'u migrations will run", n),
                          n);
  if (n_fail > 0)
    {
      g_string_append (summary, _("; "));
      g_string_append_printf (summary,
                              /* TRANSLATORS: continues "3 migrations will run; " */
                              g_dngettext (GETTEXT_PACKAGE, "%'u will fail", "%'u will fail", n_fail),
                              n_fail);
    }
  if (n_risky > 0)
    {
      g_string_append (summary, _("; "));
      g_string_append_printf (summary,
                              /* TRANSLATORS: continues "3 migrations will run; 1 will fail; " */
                              g_dngettext (GETTEXT_PACKAGE, "%'u is risky", "%'u are risky", n_risky),
                              n_risky);
    }

  return g_string_free (summary, FALSE);
}

char *
pf_timeline_dup_history_summary (PfTimeline *self)
{
  guint n_deployments;
  g_autofree char *applied = NULL;
  g_autofree char *in_deployments = NULL;

  g_return_val_if_fail (PF_IS_TIMELINE (self), NULL);

  if (pf_migration_analysis_get_histories (self->analysis)->len == 0)
    return g_strdup (_("This database has no migration history."));

  n_deployments = g_list_model_get_n_items (G_LIST_MODEL (self->deployments));
  applied = g_strdup_printf (
    /* TRANSLATORS: "38 migrations applied in 5 deployments" (the second part follows) */
    g_dngettext (GETTEXT_PACKAGE, "%'u migration applied", "%'u migrations applied", self->n_records),
    self->n_records);
  in_deployments = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %'u deployment", "in %'u deployments",
                                                 n_deployments),
                                    n_deployments);

  return g_strdup_printf ("%s %s", applied, in_deployments);
}

char *
pf_timeline_dup_problems_summary (PfTimeline *self)
{
  guint n, n_blockers = 0;
  g_autofree char *blocking = NULL;
  g_autofree char *more = NULL;

  g_return_val_if_fail (PF_IS_TIMELINE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->problems));
  if (n == 0)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfTimelineEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->problems), i);

      n_blockers += pf_migration_problem_get_severity (pf_timeline_entry_get_problem (entry)) == PF_SEVERITY_BLOCKER;
    }

  if (n_blockers == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u problem in the migrations needs a look.",
                                         "%u problems in the migrations need a look.", n),
                            n);

  blocking = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u problem in the migrations blocks every deployment.",
                                           "%u problems in the migrations block every deployment.",
                                           n_blockers),
                              n_blockers);
  if (n == n_blockers)
    return g_steal_pointer (&blocking);

  more = g_strdup_printf (
    /* TRANSLATORS: follows "6 problems in the migrations block every deployment." */
    g_dngettext (GETTEXT_PACKAGE, "%u more needs a look.", "%u more need a look.", n - n_blockers),
    n - n_blockers);

  return g_strdup_printf ("%s %s", blocking, more);
}

static void
pf_timeline_finalize (GObject *object)
{
  PfTimeline *self = PF_TIMELINE (object);

  g_clear_object (&self->analysis);
  g_clear_object (&self->problems);
  g_clear_object (&self->pending);
  g_clear_object (&self->deployments);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->deployment_of, g_hash_table_unref);

  G_OBJECT_CLASS (pf_timeline_parent_class)->finalize (object);
}

static void
pf_timeline_class_init (PfTimelineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_timeline_finalize;
}

static void
pf_timeline_init (PfTimeline *self)
{
  self->problems = g_list_store_new (PF_TYPE_TIMELINE_ENTRY);
  self->pending = g_list_store_new (PF_TYPE_TIMELINE_ENTRY);
  self->deployments = g_list_store_new (PF_TYPE_TIMELINE_ENTRY);
  /* Entries are owned by the stores (and deployments' children) */
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->deployment_of = g_hash_table_new (NULL, NULL);
}
