/* pf-timeline-entry.c — one line of the migration timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-timeline-entry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-migration-summary.h"
#include "pf-words.h"
#include "pf-timeline-entry.h"

struct _PfTimelineEntry
{
  GObject              parent_instance;

  PfTimelineEntryKind  kind;
  char                *title;
  char                *subtitle;
  char                *app;
  char                *name;
  guint                position;
  PfMigration         *migration;
  PfMigrationHistory  *history;       /* RECORD, DEPLOYMENT */
  guint                index;         /* into the history's records or deployments */
  PfMigrationProblem  *problem;       /* PROBLEM */
  GPtrArray           *problems;
  GListStore          *children;      /* DEPLOYMENT */
  PfMigrationReview   *review;
  gboolean             drift;
};

G_DEFINE_FINAL_TYPE (PfTimelineEntry, pf_timeline_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_REVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
kind_is (PfMigrationProblem *problem,
         const char         *kind)
{
  return g_strcmp0 (pf_migration_problem_get_kind (problem), kind) == 0;
}

/* ---- getters ------------------------------------------------------------- */

PfTimelineEntryKind
pf_timeline_entry_get_kind (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), PF_TIMELINE_ENTRY_PROBLEM);

  return self->kind;
}

const char *
pf_timeline_entry_get_title (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);

  return self->title;
}

const char *
pf_timeline_entry_get_subtitle (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);

  return self->subtitle;
}

const char *
pf_timeline_entry_get_app (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);

  return self->app;
}

const char *
pf_timeline_entry_get_name (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);

  return self->name;
}

guint
pf_timeline_entry_get_position (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), 0);

  return self->position;
}

PfMigration *
pf_timeline_entry_get_migration (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);

  return self->migration;
}

const PfMigrationRecord *
pf_timeline_entry_get_record (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);

  if (self->kind != PF_TIMELINE_ENTRY_RECORD)
    return NULL;

  return g_ptr_array_index (pf_migration_history_get_records (self->history), self->index);
}

PfMigrationFramework
pf_timeline_entry_get_framework (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), PF_MIGRATION_FRAMEWORK_DJANGO);

  return self->history != NULL ? pf_migration_history_get_framework (self->history)
                               : PF_MIGRATION_FRAMEWORK_DJANGO;
}

const PfDeployment *
pf_timeline_entry_get_deployment (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);

  if (self->kind != PF_TIMELINE_ENTRY_DEPLOYMENT)
    return NULL;

  return g_ptr_array_index (pf_migration_history_get_deployments (self->history), self->index);
}

PfMigrationProblem *
pf_timeline_entry_get_problem (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);

  return self->problem;
}

GPtrArray *
pf_timeline_entry_get_problems (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);

  return self->problems;
}

char *
pf_timeline_entry_dup_reasons (PfTimelineEntry *self,
                               const char      *kind)
{
  GString *reasons = NULL;

  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);

  for (guint i = 0; i < self->problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (self->problems, i);

      if (!kind_is (problem, kind))
        continue;

      if (reasons == NULL)
        reasons = g_string_new (NULL);
      else
        g_string_append_c (reasons, '\n');
      g_string_append (reasons, pf_migration_problem_get_title (problem));
    }

  return reasons != NULL ? g_string_free (reasons, FALSE) : NULL;
}

gboolean
pf_timeline_entry_has_problem_kind (PfTimelineEntry *self,
                                    const char      *kind)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), FALSE);

  for (guint i = 0; i < self->problems->len; i++)
    if (kind_is (g_ptr_array_index (self->problems, i), kind))
      return TRUE;

  return FALSE;
}

gboolean
pf_timeline_entry_get_drift (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), FALSE);

  return self->drift;
}

PfMigrationState
pf_timeline_entry_get_state (PfTimelineEntry *self)
{
  const PfMigrationRecord *record = pf_timeline_entry_get_record (self);

  return record != NULL ? record->state : PF_MIGRATION_STATE_APPLIED;
}

gboolean
pf_timeline_entry_get_needs_attention (PfTimelineEntry *self)
{
  PfMigrationState state;

  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), FALSE);

  if (self->problems->len > 0)
    return TRUE;

  if (self->kind == PF_TIMELINE_ENTRY_DEPLOYMENT)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->children));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PfTimelineEntry) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);

          if (pf_timeline_entry_get_needs_attention (child))
            return TRUE;
        }
      return FALSE;
    }

  state = pf_timeline_entry_get_state (self);
  return state != PF_MIGRATION_STATE_APPLIED && state != PF_MIGRATION_STATE_SKIPPED;
}

GListModel *
pf_timeline_entry_get_children (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);

  return self->children != NULL ? G_LIST_MODEL (self->children) : NULL;
}

const PfMigrationReview *
pf_timeline_entry_get_review (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);

  return self->review;
}

void
pf_timeline_entry_set_review (PfTimelineEntry         *self,
                              const PfMigrationReview *review)
{
  g_return_if_fail (PF_IS_TIMELINE_ENTRY (self));

  /* A review of another version of the file does not count */
  if (review != NULL && (self->migration == NULL ||
                         !pf_migration_review_is_current (review, self->migration)))
    review = NULL;

  if (review == NULL && self->review == NULL)
    return;

  g_clear_pointer (&self->review, pf_migration_review_free);
  if (review != NULL)
    self->review = pf_migration_review_copy (review);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW]);
}

/* ---- filters ------------------------------------------------------------- */

static gboolean
contains_folded (const char *haystack,
                 const char *needle_folded)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle_folded) != NULL;
}

static gboolean
matches_folded (PfTimelineEntry *self,
                const char      *app,
                const char      *text_folded,
                gboolean         only_problems)
{
  if (self->kind == PF_TIMELINE_ENTRY_DEPLOYMENT)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->children));

      if (app == NULL && text_folded == NULL && !only_problems)
        return TRUE;

      /* Its own problem (probably faked) counts for "only problems" */
      if (app == NULL && text_folded == NULL && self->problems->len > 0)
        return TRUE;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PfTimelineEntry) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);

          if (matches_folded (child, app, text_folded, only_problems))
            return TRUE;
        }
      return FALSE;
    }

  if (app != NULL && g_strcmp0 (self->app, app) != 0)
    {
      /* A problem of the whole history names its app, or none */
      if (self->kind != PF_TIMELINE_ENTRY_PROBLEM || self->app != NULL)
        return FALSE;
    }

  if (only_problems && !pf_timeline_entry_get_needs_attention (self))
    return FALSE;

  if (text_folded != NULL &&
      !contains_folded (self->app, text_folded) &&
      !contains_folded (self->name, text_folded) &&
      !contains_folded (self->title, text_folded) &&
      !contains_folded (self->subtitle, text_folded))
    return FALSE;

  return TRUE;
}

gboolean
pf_timeline_entry_matches (PfTimelineEntry *self,
                           const char      *app,
                           const char      *text,
                           gboolean         only_problems)
{
  g_autofree char *text_folded = NULL;

  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), FALSE);

  if (text != NULL && *text != '\0')
    text_folded = g_utf8_casefold (text, -1);

  return matches_folded (self, app, text_folded, only_problems);
}

/* ---- construction -------------------------------------------------------- */

static PfTimelineEntry *
entry_new (PfTimelineEntryKind kind)
{
  PfTimelineEntry *self = g_object_new (PF_TYPE_TIMELINE_ENTRY, NULL);

  self->kind = kind;
  return self;
}

static char *
dup_migration_title (const char *app,
                     const char *name)
{
  return app != NULL ? g_strdup_printf ("%s · %s", app, name) : g_strdup (name);
}

PfTimelineEntry *
pf_timeline_entry_new_heading (const char *title,
                               const char *subtitle)
{
  PfTimelineEntry *self = entry_new (PF_TIMELINE_ENTRY_HEADING);

  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);

  return self;
}

PfTimelineEntry *
pf_timeline_entry_new_problem (PfMigrationProblem *problem)
{
  PfTimelineEntry *self = entry_new (PF_TIMELINE_ENTRY_PROBLEM);
  const char *title = pf_migration_problem_get_title (problem);

  self->problem = g_object_ref (problem);
  self->app = g_strdup (pf_migration_problem_get_app (problem));
  self->title = g_strdup (title != NULL && *title != '\0' ? title : pf_migration_problem_get_kind (problem));
  self->subtitle = g_strdup (pf_migration_problem_get_explanation (problem));
  g_ptr_array_add (self->problems, g_object_ref (problem));

  return self;
}

PfTimelineEntry *
pf_timeline_entry_new_pending (PfMigration *migration,
                               guint        position)
{
  PfTimelineEntry *self = entry_new (PF_TIMELINE_ENTRY_PENDING);

  self->migration = g_object_ref (migration);
  self->position = position;
  self->app = g_strdup (pf_migration_get_app (migration));
  self->name = g_strdup (pf_migration_get_name (migration));
  self->title = dup_migration_title (self->app, self->name);
  self->subtitle = pf_migration_dup_summary (migration);

  return self;
}

static const char *
state_words (PfMigrationState state)
{
  switch (state)
    {
    case PF_MIGRATION_STATE_FAILED:
      return _("failed");
    case PF_MIGRATION_STATE_DIRTY:
      return _("dirty: stopped halfway");
    case PF_MIGRATION_STATE_UNFINISHED:
      return _("started, never finished");
    case PF_MIGRATION_STATE_ROLLED_BACK:
      return _("rolled back");
    case PF_MIGRATION_STATE_SKIPPED:
      return _("skipped");
    case PF_MIGRATION_STATE_APPLIED:
    default:
      return NULL;
    }
}

PfTimelineEntry *
pf_timeline_entry_new_record (PfMigrationHistory *history,
                              guint               index,
                              PfMigration        *migration)
{
  PfTimelineEntry *self = entry_new (PF_TIMELINE_ENTRY_RECORD);
  PfMigrationRecord *record = g_ptr_array_index (pf_migration_history_get_records (history), index);
  g_autofree char *time = pf_words_dup_local_time (record->applied_at, "%H:%M:%S");
  const char *state = state_words (record->state);
  g_autofree char *summary = migration != NULL ? pf_migration_dup_summary (migration) : NULL;
  GString *subtitle = g_string_new (time);

  self->history = g_object_ref (history);
  self->index = index;
  g_set_object (&self->migration, migration);
  self->app = g_strdup (record->app);
  self->name = g_strdup (record->name);
  self->title = dup_migration_title (record->app, record->name);

  if (state != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, state);
    }
  if (summary != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, summary);
    }
  else if (record->detail != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, record->detail);
    }
  self->subtitle = g_string_free (subtitle, FALSE);

  return self;
}

PfTimelineEntry *
pf_timeline_entry_new_deployment (PfMigrationHistory *history,
                                  guint               index,
                                  gboolean            show_framework,
                                  GPtrArray          *records)
{
  PfTimelineEntry *self = entry_new (PF_TIMELINE_ENTRY_DEPLOYMENT);
  PfDeployment *deployment = g_ptr_array_index (pf_migration_history_get_deployments (history), index);
  g_autofree char *when = pf_words_dup_local_date_time (deployment->started_at);

  self->history = g_object_ref (history);
  self->index = index;
  self->children = g_list_store_new (PF_TYPE_TIMELINE_ENTRY);
  for (guint i = 0; i < records->len; i++)
    g_list_store_append (self->children, g_ptr_array_index (records, i));

  if (when == NULL)
    when = g_strdup (_("Date not recorded"));
  if (show_framework)
    /* TRANSLATORS: "Flyway: 20 November 2023, 16:42" */
    self->title = g_strdup_printf (_("%s: %s"),
                                   pf_migration_framework_get_display_name (pf_migration_history_get_framework (history)),
                                   when);
  else
    self->title = g_steal_pointer (&when);

  self->subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u migration", "%u migrations",
                                                 deployment->n_records),
                                    deployment->n_records);

  return self;
}

void
pf_timeline_entry_add_problem (PfTimelineEntry    *self,
                               PfMigrationProblem *problem)
{
  g_return_if_fail (PF_IS_TIMELINE_ENTRY (self));

  if (g_ptr_array_find (self->problems, problem, NULL))
    return;

  /* Blockers first, in the order they came */
  if (pf_migration_problem_get_severity (problem) == PF_SEVERITY_BLOCKER)
    {
      guint at = 0;

      while (at < self->problems->len &&
             pf_migration_problem_get_severity (g_ptr_array_index (self->problems, at)) == PF_SEVERITY_BLOCKER)
        at++;
      g_ptr_array_insert (self->problems, at, g_object_ref (problem));
    }
  else
    g_ptr_array_add (self->problems, g_object_ref (problem));

  if (kind_is (problem, PF_MIGRATION_PROBLEM_MISSING_TABLE) ||
      kind_is (problem, PF_MIGRATION_PROBLEM_MISSING_COLUMN))
    self->drift = TRUE;
}

/* ---- GObject ------------------------------------------------------------- */

static void
pf_timeline_entry_finalize (GObject *object)
{
  PfTimelineEntry *self = PF_TIMELINE_ENTRY (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->app);
  g_free (self->name);
  g_clear_object (&self->migration);
  g_clear_object (&self->history);
  g_clear_object (&self->problem);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_object (&self->children);
  g_clear_pointer (&self->review, pf_migration_review_free);

  G_OBJECT_CLASS (pf_timeline_entry_parent_class)->finalize (object);
}

static void
pf_timeline_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PfTimelineEntry *self = PF_TIMELINE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_REVIEW:
      g_value_set_boxed (value, self->review);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_timeline_entry_class_init (PfTimelineEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_timeline_entry_finalize;
  object_class->get_property = pf_timeline_entry_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVIEW] =
    g_param_spec_boxed ("review", NULL, NULL, PF_TYPE_MIGRATION_REVIEW,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_timeline_entry_init (PfTimelineEntry *self)
{
  self->problems = g_ptr_array_new_with_free_func (g_object_unref);
}
