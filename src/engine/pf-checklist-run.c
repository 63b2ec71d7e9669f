/* pf-checklist-run.c — one pass through a checklist for one connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-checklist-run"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-checklist-entry-private.h"
#include "pf-checklist-error.h"
#include "pf-checklist-run.h"
#include "pf-json-member.h"

struct _PfChecklistRun
{
  GObject              parent_instance;

  PfChecklistTemplate *template;
  GDateTime           *started_at;
  guint                current_step;
  GListStore          *entries;       /* PfChecklistEntry, template order */
  GPtrArray           *step_entries;  /* GListStore of PfChecklistEntry, per step */
  GHashTable          *by_id;         /* item id → PfChecklistEntry (borrowed) */
  GPtrArray           *backups;       /* PfBackupRecord, newest last */
  PfRowCounts         *row_counts;
  PfChecklistSignoff  *signoff;
  guint                n_settled;
  guint                n_blocking;
};

G_DEFINE_FINAL_TYPE (PfChecklistRun, pf_checklist_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEMPLATE,
  PROP_STARTED_AT,
  PROP_CURRENT_STEP,
  PROP_N_ITEMS,
  PROP_N_SETTLED,
  PROP_N_BLOCKING,
  PROP_SIGNOFF,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pf_checklist_run_finalize (GObject *object)
{
  PfChecklistRun *self = (PfChecklistRun *)object;

  g_clear_object (&self->template);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_object (&self->entries);
  g_clear_pointer (&self->step_entries, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_clear_object (&self->row_counts);
  g_clear_object (&self->signoff);

  G_OBJECT_CLASS (pf_checklist_run_parent_class)->finalize (object);
}

static void
pf_checklist_run_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PfChecklistRun *self = PF_CHECKLIST_RUN (object);

  switch (prop_id)
    {
    case PROP_TEMPLATE:
      g_value_set_object (value, self->template);
      break;

    case PROP_STARTED_AT:
      g_value_set_boxed (value, self->started_at);
      break;

    case PROP_CURRENT_STEP:
      g_value_set_uint (value, self->current_step);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, pf_checklist_run_get_n_items (self));
      break;

    case PROP_N_SETTLED:
      g_value_set_uint (value, self->n_settled);
      break;

    case PROP_N_BLOCKING:
      g_value_set_uint (value, self->n_blocking);
      break;

    case PROP_SIGNOFF:
      g_value_set_object (value, self->signoff);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_checklist_run_class_init (PfChecklistRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_checklist_run_finalize;
  object_class->get_property = pf_checklist_run_get_property;

  properties[PROP_TEMPLATE] =
    g_param_spec_object ("template", NULL, NULL, PF_TYPE_CHECKLIST_TEMPLATE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_STARTED_AT] =
    g_param_spec_boxed ("started-at", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CURRENT_STEP] =
    g_param_spec_uint ("current-step", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_SETTLED] =
    g_param_spec_uint ("n-settled", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_BLOCKING] =
    g_param_spec_uint ("n-blocking", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SIGNOFF] =
    g_param_spec_object ("signoff", NULL, NULL, PF_TYPE_CHECKLIST_SIGNOFF,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After any change worth saving */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
pf_checklist_run_init (PfChecklistRun *self)
{
  self->entries = g_list_store_new (PF_TYPE_CHECKLIST_ENTRY);
  self->step_entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->backups = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ---- counts and "changed" --------------------------------------------- */

static void
update_counts (PfChecklistRun *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  guint n_settled = 0;
  guint n_blocking = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      n_settled += pf_checklist_entry_get_settled (entry);
      n_blocking += pf_checklist_entry_get_blocking (entry);
    }

  if (self->n_settled != n_settled)
    {
      self->n_settled = n_settled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SETTLED]);
    }

  if (self->n_blocking != n_blocking)
    {
      self->n_blocking = n_blocking;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BLOCKING]);
    }
}

static void
emit_changed (PfChecklistRun *self)
{
  update_counts (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- construction ------------------------------------------------------ */

/* The run's own copy, so editing the template later changes nothing here */
static PfChecklistTemplate *
copy_template (PfChecklistTemplate  *template,
               GError              **error)
{
  g_autoptr(JsonNode) node = pf_checklist_template_to_json_node (template);

  return pf_checklist_template_new_from_json_node (node, FALSE, error);
}

static PfChecklistRun *
run_new (PfChecklistTemplate *template,
         GDateTime           *started_at)
{
  PfChecklistRun *self = g_object_new (PF_TYPE_CHECKLIST_RUN, NULL);
  GListModel *steps = pf_checklist_template_get_steps (template);
  guint n_steps = g_list_model_get_n_items (steps);

  self->template = g_object_ref (template);
  self->started_at = pf_json_member_utc_or_now (started_at);

  for (guint s = 0; s < n_steps; s++)
    {
      g_autoptr(PfChecklistStep) step = g_list_model_get_item (steps, s);
      GListModel *items = pf_checklist_step_get_items (step);
      guint n_items = g_list_model_get_n_items (items);
      GListStore *store = g_list_store_new (PF_TYPE_CHECKLIST_ENTRY);

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(PfChecklistItem) item = g_list_model_get_item (items, i);
          g_autoptr(PfChecklistEntry) entry = pf_checklist_entry_new (item);

          g_list_store_append (self->entries, entry);
          g_list_store_append (store, entry);
          g_hash_table_insert (self->by_id, (gpointer) pf_checklist_item_get_id (item), entry);
        }
      g_ptr_array_add (self->step_entries, store);
    }

  update_counts (self);
  return self;
}

PfChecklistRun *
pf_checklist_run_new (PfChecklistTemplate *template)
{
  g_autoptr(PfChecklistTemplate) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATE (template), NULL);

  /* A template being edited may not read back (a blank title): then the
   * run shares it rather than failing */
  copy = copy_template (template, &error);
  if (copy == NULL)
    {
      g_message ("Could not copy the checklist template “%s”, using it as it is: %s",
                 pf_checklist_template_get_id (template), error->message);
      copy = g_object_ref (template);
    }

  return run_new (copy, NULL);
}

static PfChecklistRun *
read_json_node (JsonNode  *node,
                GError   **error)
{
  g_autoptr(PfChecklistRun) self = NULL;
  g_autoptr(PfChecklistTemplate) template = NULL;
  g_autoptr(GDateTime) started_at = NULL;
  g_autoptr(GError) template_error = NULL;
  JsonObject *object;
  JsonObject *row_counts;
  JsonObject *signoff;
  JsonArray *entries;
  JsonArray *backups;
  gint64 current_step;

  if (!pf_json_member_node_get_object (node, "current", &object, error))
    return NULL;

  /* The run carries its own template: no template library needed */
  if (json_object_get_member (object, "template") == NULL)
    {
      pf_json_member_set_error (error, "template", _("a checklist template"));
      return NULL;
    }
  template = pf_checklist_template_new_from_json_node (json_object_get_member (object, "template"),
                                                       FALSE, &template_error);
  if (template == NULL)
    {
      g_set_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE,
                   _("The saved checklist progress is not valid: its “template” is not: %s"),
                   template_error->message);
      return NULL;
    }

  if (!pf_json_member_get_time (object, "started_at", PF_JSON_MEMBER_REQUIRED, &started_at, error) ||
      !pf_json_member_get_int (object, "current_step", PF_JSON_MEMBER_OPTIONAL, 0, &current_step, error) ||
      !pf_json_member_get_array (object, "entries", PF_JSON_MEMBER_REQUIRED, &entries, error) ||
      !pf_json_member_get_array (object, "backups", PF_JSON_MEMBER_REQUIRED, &backups, error) ||
      !pf_json_member_get_object (object, "row_counts", PF_JSON_MEMBER_OPTIONAL, &row_counts, error) ||
      !pf_json_member_get_object (object, "signoff", PF_JSON_MEMBER_OPTIONAL, &signoff, error))
    return NULL;

  self = run_new (template, started_at);

  if (current_step < 0 || current_step > self->step_entries->len)
    {
      pf_json_member_set_error (error, "current_step", _("a step of the checklist"));
      return NULL;
    }
  self->current_step = current_step;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *entry_node = json_array_get_element (entries, i);
      JsonObject *entry_object;
      PfChecklistEntry *entry;
      const char *id;

      if (!pf_json_member_node_get_object (entry_node, "entries", &entry_object, error) ||
          !pf_json_member_get_string (entry_object, "id", PF_JSON_MEMBER_REQUIRED, &id, error))
        return NULL;

      entry = g_hash_table_lookup (self->by_id, id);
      if (entry == NULL)
        {
          g_autofree char *what = g_strdup_printf (_("an item of the template (“%s” is not)"), id);

          pf_json_member_set_error (error, "entries", what);
          return NULL;
        }

      if (!pf_checklist_entry_load_json_node (entry, entry_node, error))
        return NULL;
    }

  for (guint i = 0; i < json_array_get_length (backups); i++)
    {
      PfBackupRecord *record = pf_backup_record_new_from_json_node (json_array_get_element (backups, i), error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (self->backups, record);
    }

  if (row_counts != NULL &&
      !(self->row_counts = pf_row_counts_new_from_json_node (json_object_get_member (object, "row_counts"),
                                                             error)))
    return NULL;

  if (signoff != NULL &&
      !(self->signoff = pf_checklist_signoff_new_from_json_node (json_object_get_member (object, "signoff"),
                                                                 error)))
    return NULL;

  update_counts (self);
  return g_steal_pointer (&self);
}

gpointer
_pf_checklist_progress_invalid (GError **error)
{
  pf_json_member_error_rewrap (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE,
                               /* TRANSLATORS: a sentence such as ““created_at” is missing or is not a date and time.” follows */
                               _("The saved checklist progress is not valid: "));
  return NULL;
}

PfChecklistRun *
pf_checklist_run_new_from_json_node (JsonNode  *node,
                                     GError   **error)
{
  PfChecklistRun *result;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(result = read_json_node (node, error)))
    _pf_checklist_progress_invalid (error);
  return result;
}

/* The same in the saved progress and in the report */
static void
add_backups_and_row_counts (PfChecklistRun *self,
                            JsonBuilder    *builder)
{
  json_builder_set_member_name (builder, "backups");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->backups->len; i++)
    json_builder_add_value (builder, pf_backup_record_to_json_node (g_ptr_array_index (self->backups, i)));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "row_counts");
  if (self->row_counts != NULL)
    json_builder_add_value (builder, pf_row_counts_to_json_node (self->row_counts));
  else
    json_builder_add_null_value (builder);
}

JsonNode *
pf_checklist_run_to_json_node (PfChecklistRun *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n;

  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "template");
  json_builder_add_value (builder, pf_checklist_template_to_json_node (self->template));
  pf_json_member_set_time (builder, "started_at", self->started_at);
  json_builder_set_member_name (builder, "current_step");
  json_builder_add_int_value (builder, self->current_step);

  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      json_builder_add_value (builder, pf_checklist_entry_to_json_node (entry));
    }
  json_builder_end_array (builder);

  add_backups_and_row_counts (self, builder);

  json_builder_set_member_name (builder, "signoff");
  if (self->signoff != NULL)
    json_builder_add_value (builder, pf_checklist_signoff_to_json_node (self->signoff));
  else
    json_builder_add_null_value (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* ---- getters ----------------------------------------------------------- */

PfChecklistTemplate *
pf_checklist_run_get_template (PfChecklistRun *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), NULL);

  return self->template;
}

GDateTime *
pf_checklist_run_get_started_at (PfChecklistRun *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), NULL);

  return self->started_at;
}

GListModel *
pf_checklist_run_get_entries (PfChecklistRun *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), NULL);

  return G_LIST_MODEL (self->entries);
}

GListModel *
pf_checklist_run_get_step_entries (PfChecklistRun *self,
                                   guint           step_index)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), NULL);
  g_return_val_if_fail (step_index < self->step_entries->len, NULL);

  return g_ptr_array_index (self->step_entries, step_index);
}

PfChecklistEntry *
pf_checklist_run_lookup (PfChecklistRun *self,
                         const char     *item_id)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, item_id);
}

GPtrArray *
pf_checklist_run_find_by_check (PfChecklistRun *self,
                                const char     *check_id)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), found);
  g_return_val_if_fail (check_id != NULL, found);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      PfChecklistItem *item = pf_checklist_entry_get_item (entry);

      if (pf_checklist_item_get_kind (item) == PF_CHECKLIST_ITEM_AUTOMATIC &&
          g_strcmp0 (pf_checklist_item_get_check (item), check_id) == 0)
        g_ptr_array_add (found, g_steal_pointer (&entry));
    }

  return found;
}

guint
pf_checklist_run_get_current_step (PfChecklistRun *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), 0);

  return self->current_step;
}

void
pf_checklist_run_set_current_step (PfChecklistRun *self,
                                   guint           step_index)
{
  g_return_if_fail (PF_IS_CHECKLIST_RUN (self));
  /* One past the last step is the sign-off page */
  g_return_if_fail (step_index <= self->step_entries->len);

  if (self->current_step == step_index)
    return;

  self->current_step = step_index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_STEP]);
  emit_changed (self);
}

/* ---- changes ----------------------------------------------------------- */

static PfChecklistEntry *
lookup_or_warn (PfChecklistRun *self,
                const char     *item_id)
{
  PfChecklistEntry *entry = g_hash_table_lookup (self->by_id, item_id);

  if (entry == NULL)
    g_critical ("The checklist “%s” has no item “%s”",
                pf_checklist_template_get_id (self->template), item_id);

  return entry;
}

void
pf_checklist_run_tick (PfChecklistRun *self,
                       const char     *item_id,
                       const char     *who,
                       const char     *note)
{
  g_autoptr(GDateTime) now = NULL;
  PfChecklistEntry *entry;

  g_return_if_fail (PF_IS_CHECKLIST_RUN (self));
  g_return_if_fail (item_id != NULL);

  if (!(entry = lookup_or_warn (self, item_id)))
    return;

  /* An automatic item answers for itself unless its check fell back to a
   * person */
  if (!pf_checklist_entry_get_needs_person (entry))
    {
      g_debug ("Not ticking the automatic item “%s”: its check decides", item_id);
      return;
    }

  now = pf_json_member_time_now ();
  if (_pf_checklist_entry_tick (entry, who, note, now))
    emit_changed (self);
}

void
pf_checklist_run_untick (PfChecklistRun *self,
                         const char     *item_id)
{
  PfChecklistEntry *entry;

  g_return_if_fail (PF_IS_CHECKLIST_RUN (self));
  g_return_if_fail (item_id != NULL);

  if (!(entry = lookup_or_warn (self, item_id)))
    return;

  /* An automatic result is not taken back by hand either */
  if (!pf_checklist_entry_get_needs_person (entry) &&
      pf_checklist_entry_get_state (entry) != PF_CHECKLIST_STATE_SKIPPED)
    return;

  if (_pf_checklist_entry_untick (entry))
    emit_changed (self);
}

gboolean
pf_checklist_run_skip (PfChecklistRun *self,
                       const char     *item_id)
{
  g_autoptr(GDateTime) now = NULL;
  PfChecklistEntry *entry;

  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (!(entry = lookup_or_warn (self, item_id)))
    return FALSE;

  if (pf_checklist_item_get_required (pf_checklist_entry_get_item (entry)))
    return FALSE;

  now = pf_json_member_time_now ();
  if (_pf_checklist_entry_skip (entry, now))
    emit_changed (self);

  return TRUE;
}

void
pf_checklist_run_set_result (PfChecklistRun     *self,
                             const char         *check_id,
                             PfChecklistState    state,
                             const char         *evidence,
                             const char * const *details,
                             gboolean            manual_fallback)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GDateTime) now = NULL;
  gboolean changed = FALSE;

  g_return_if_fail (PF_IS_CHECKLIST_RUN (self));
  g_return_if_fail (check_id != NULL);
  g_return_if_fail (state != PF_CHECKLIST_STATE_RUNNING);

  now = pf_json_member_time_now ();
  entries = pf_checklist_run_find_by_check (self, check_id);
  for (guint i = 0; i < entries->len; i++)
    {
      PfChecklistEntry *entry = g_ptr_array_index (entries, i);

      /* An optional item the user skipped stays skipped */
      if (pf_checklist_entry_get_state (entry) == PF_CHECKLIST_STATE_SKIPPED)
        continue;

      changed |= _pf_checklist_entry_set_result (entry, state, evidence, details,
                                                 manual_fallback, now);
    }

  if (changed)
    emit_changed (self);
}

void
pf_checklist_run_set_running (PfChecklistRun *self,
                              const char     *check_id)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_if_fail (PF_IS_CHECKLIST_RUN (self));
  g_return_if_fail (check_id != NULL);

  entries = pf_checklist_run_find_by_check (self, check_id);
  for (guint i = 0; i < entries->len; i++)
    {
      PfChecklistEntry *entry = g_ptr_array_index (entries, i);

      if (pf_checklist_entry_get_state (entry) != PF_CHECKLIST_STATE_SKIPPED)
        _pf_checklist_entry_set_running (entry);
    }

  /* Running is neither settled nor saved; blocking may change */
  update_counts (self);
}

GPtrArray *
pf_checklist_run_get_backups (PfChecklistRun *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), NULL);

  return self->backups;
}

void
pf_checklist_run_add_backup (PfChecklistRun *self,
                             PfBackupRecord *record)
{
  g_return_if_fail (PF_IS_CHECKLIST_RUN (self));
  g_return_if_fail (PF_IS_BACKUP_RECORD (record));

  g_ptr_array_add (self->backups, g_object_ref (record));
  emit_changed (self);
}

PfBackupRecord *
pf_checklist_run_get_last_verified_backup (PfChecklistRun *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), NULL);

  for (guint i = self->backups->len; i > 0; i--)
    {
      PfBackupRecord *record = g_ptr_array_index (self->backups, i - 1);

      if (pf_backup_record_get_verified (record))
        return record;
    }

  return NULL;
}

PfRowCounts *
pf_checklist_run_get_row_counts (PfChecklistRun *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), NULL);

  return self->row_counts;
}

void
pf_checklist_run_set_row_counts (PfChecklistRun *self,
                                 PfRowCounts    *counts)
{
  g_return_if_fail (PF_IS_CHECKLIST_RUN (self));
  g_return_if_fail (counts == NULL || PF_IS_ROW_COUNTS (counts));

  if (self->row_counts == counts)
    return;

  g_set_object (&self->row_counts, counts);
  emit_changed (self);
}

guint
pf_checklist_run_get_n_items (PfChecklistRun *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->entries));
}

guint
pf_checklist_run_get_n_settled (PfChecklistRun *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), 0);

  return self->n_settled;
}

guint
pf_checklist_run_get_n_blocking (PfChecklistRun *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), 0);

  return self->n_blocking;
}

PfChecklistSignoff *
pf_checklist_run_get_signoff (PfChecklistRun *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), NULL);

  return self->signoff;
}

void
pf_checklist_run_sign (PfChecklistRun     *self,
                       PfChecklistSignoff *signoff)
{
  g_return_if_fail (PF_IS_CHECKLIST_RUN (self));
  g_return_if_fail (PF_IS_CHECKLIST_SIGNOFF (signoff));

  if (self->signoff == signoff)
    return;

  g_set_object (&self->signoff, signoff);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNOFF]);
  emit_changed (self);
}

/* ---- the report section ------------------------------------------------ */

JsonNode *
pf_checklist_run_to_report_json_node (PfChecklistRun *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *steps;

  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (self), NULL);

  steps = pf_checklist_template_get_steps (self->template);

  json_builder_begin_object (builder);
  pf_json_member_set_string (builder, "template", pf_checklist_template_get_id (self->template));
  pf_json_member_set_string (builder, "title", pf_checklist_template_get_title (self->template));
  pf_json_member_set_time (builder, "started_at", self->started_at);

  json_builder_set_member_name (builder, "progress");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_add_int_value (builder, pf_checklist_run_get_n_items (self));
  json_builder_set_member_name (builder, "settled");
  json_builder_add_int_value (builder, self->n_settled);
  json_builder_set_member_name (builder, "blocking");
  json_builder_add_int_value (builder, self->n_blocking);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint s = 0; s < self->step_entries->len; s++)
    {
      g_autoptr(PfChecklistStep) step = g_list_model_get_item (steps, s);
      GListModel *entries = g_ptr_array_index (self->step_entries, s);
      guint n = g_list_model_get_n_items (entries);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (entries, i);
          PfChecklistItem *item = pf_checklist_entry_get_item (entry);
          gboolean automatic = pf_checklist_item_get_kind (item) == PF_CHECKLIST_ITEM_AUTOMATIC;
          const char * const *details = pf_checklist_entry_get_details (entry);

          json_builder_begin_object (builder);
          pf_json_member_set_string (builder, "id", pf_checklist_item_get_id (item));
          pf_json_member_set_string (builder, "step", pf_checklist_step_get_id (step));
          pf_json_member_set_string (builder, "title", pf_checklist_item_get_title (item));
          pf_json_member_set_string (builder, "kind", automatic ? "automatic" : "manual");
          if (automatic)
            pf_json_member_set_string (builder, "check", pf_checklist_item_get_check (item));
          json_builder_set_member_name (builder, "required");
          json_builder_add_boolean_value (builder, pf_checklist_item_get_required (item));
          pf_json_member_set_string (builder, "state",
                              pf_checklist_state_to_string (pf_checklist_entry_get_state (entry)));
          pf_json_member_set_string (builder, "who", pf_checklist_entry_get_who (entry));
          pf_json_member_set_time (builder, "when", pf_checklist_entry_get_when (entry));
          pf_json_member_set_string (builder, "note", pf_checklist_entry_get_note (entry));
          pf_json_member_set_string (builder, "evidence", pf_checklist_entry_get_evidence (entry));
          json_builder_set_member_name (builder, "details");
          json_builder_begin_array (builder);
          for (guint d = 0; details != NULL && details[d] != NULL; d++)
            json_builder_add_string_value (builder, details[d]);
          json_builder_end_array (builder);
          if (pf_checklist_entry_get_manual_fallback (entry))
            {
              json_builder_set_member_name (builder, "manual_fallback");
              json_builder_add_boolean_value (builder, TRUE);
            }
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);

  add_backups_and_row_counts (self, builder);

  json_builder_set_member_name (builder, "signoff");
  if (self->signoff != NULL)
    {
      json_builder_begin_object (builder);
      pf_json_member_set_string (builder, "signer", pf_checklist_signoff_get_signer (self->signoff));
      pf_json_member_set_string (builder, "role", pf_checklist_signoff_get_role (self->signoff));
      pf_json_member_set_time (builder, "signed_at", pf_checklist_signoff_get_signed_at (self->signoff));
      pf_json_member_set_string (builder, "verdict", pf_checklist_signoff_get_verdict (self->signoff));
      pf_json_member_set_string (builder, "fingerprint", pf_checklist_signoff_get_fingerprint (self->signoff));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
