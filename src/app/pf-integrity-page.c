/* pf-integrity-page.c — run the checks, see what blocks the migration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-integrity-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-check-info.h"
#include "pf-finding-page.h"
#include "pf-finding-row.h"
#include "pf-integrity-page.h"
#include "pf-overview-page.h"
#include "pf-report.h"
#include "pf-scan.h"

struct _PfIntegrityPage
{
  GtkWidget           parent_instance;

  PfDatabase         *database;
  PfSchema           *schema;
  PfRules            *rules;

  PfScan             *scan;
  GCancellable       *cancellable;
  GBinding           *fraction_binding;
  GBinding           *message_binding;
  PfReport           *report;
  gint64              started_at;
  gboolean            running;
  char               *error_message;

  GtkSortListModel   *sort_model;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  char               *search_text;   /* casefolded, NULL when empty */
  GtkStringList      *check_labels;
  GPtrArray          *check_ids;     /* parallel to check_labels; [0] = NULL = all */
  guint               counts[3];     /* shown findings per PfSeverity */
  guint               refresh_idle;

  /* Template widgets */
  GtkStack           *main_stack;
  GtkWidget          *progress_box;
  GtkProgressBar     *progress_bar;
  GtkLabel           *progress_label;
  GtkLabel           *summary_label;
  GtkWidget          *cancel_button;
  GtkWidget          *run_button;
  GtkWidget          *filter_box;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *check_dropdown;
  GtkRevealer        *incomplete_revealer;
  GtkLabel           *incomplete_label;
  GtkStack           *content_stack;
  GtkListBox         *list_box;
  AdwStatusPage      *empty_status;
  PfFindingPage      *finding_page;
};

G_DEFINE_FINAL_TYPE (PfIntegrityPage, pf_integrity_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_REPORT,
  N_PROPS
};

enum {
  SCAN_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void pf_integrity_page_update_view (PfIntegrityPage *self);

/* ---- sorting and filtering -------------------------------------------------- */

static int
compare_findings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  PfFinding *fa = (PfFinding *) a;
  PfFinding *fb = (PfFinding *) b;
  int cmp;

  /* Blockers first */
  cmp = (int) pf_finding_get_severity (fb) - (int) pf_finding_get_severity (fa);
  if (cmp != 0)
    return cmp;

  cmp = g_strcmp0 (pf_finding_get_table_display_name (fa), pf_finding_get_table_display_name (fb));
  if (cmp != 0)
    return cmp;

  cmp = g_strcmp0 (pf_finding_get_check_id (fa), pf_finding_get_check_id (fb));
  if (cmp != 0)
    return cmp;

  return g_strcmp0 (pf_finding_get_title (fa), pf_finding_get_title (fb));
}

static gboolean
text_matches (const char *text,
              const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;

  folded = g_utf8_casefold (text, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
strv_matches (const char * const *strv,
              const char         *needle)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (text_matches (strv[i], needle))
      return TRUE;

  return FALSE;
}

static gboolean
finding_matches (PfFinding  *finding,
                 const char *needle)
{
  GPtrArray *values;

  if (text_matches (pf_finding_get_title (finding), needle) ||
      text_matches (pf_finding_get_table_display_name (finding), needle) ||
      text_matches (pf_finding_get_parent_table (finding), needle) ||
      text_matches (pf_finding_get_constraint (finding), needle) ||
      text_matches (pf_finding_get_error (finding), needle) ||
      text_matches (pf_check_info_get_label (pf_finding_get_check_id (finding)), needle) ||
      strv_matches (pf_finding_get_columns (finding), needle) ||
      strv_matches (pf_finding_get_parent_columns (finding), needle))
    return TRUE;

  values = pf_finding_get_values (finding);
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      PfValueCount *vc = g_ptr_array_index (values, i);

      if (text_matches (vc->value, needle))
        return TRUE;
    }

  return FALSE;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PfIntegrityPage *self = user_data;
  PfFinding *finding = item;
  guint selected = gtk_drop_down_get_selected (self->check_dropdown);
  const char *check_id = NULL;

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->check_ids->len)
    check_id = g_ptr_array_index (self->check_ids, selected);

  if (check_id != NULL && g_strcmp0 (pf_finding_get_check_id (finding), check_id) != 0)
    return FALSE;

  if (self->search_text != NULL && !finding_matches (finding, self->search_text))
    return FALSE;

  return TRUE;
}

static void
search_changed_cb (PfIntegrityPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search_text, g_free);
  if (stripped[0] != '\0')
    self->search_text = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
stop_search_cb (PfIntegrityPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
check_selected_cb (PfIntegrityPage *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* The check types present in the findings, for the filter; appended only,
 * so the selection stays put while a scan adds findings. */
static void
update_check_types (PfIntegrityPage *self)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (model, i);
      const char *check_id = pf_finding_get_check_id (finding);
      gboolean known = FALSE;

      for (guint j = 1; j < self->check_ids->len && !known; j++)
        known = g_strcmp0 (g_ptr_array_index (self->check_ids, j), check_id) == 0;

      if (!known && check_id != NULL)
        {
          g_ptr_array_add (self->check_ids, g_strdup (check_id));
          gtk_string_list_append (self->check_labels, pf_check_info_get_label (check_id));
        }
    }
}

static void
reset_check_types (PfIntegrityPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->check_labels));

  gtk_drop_down_set_selected (self->check_dropdown, 0);
  if (n > 1)
    gtk_string_list_splice (self->check_labels, 1, n - 1, NULL);
  if (self->check_ids->len > 1)
    g_ptr_array_remove_range (self->check_ids, 1, self->check_ids->len - 1);
}

/* ---- severity headers --------------------------------------------------------- */

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  PfIntegrityPage *self = user_data;
  PfSeverity severity = pf_finding_get_severity (pf_finding_row_get_finding (PF_FINDING_ROW (row)));
  GtkWidget *header;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  if (before != NULL &&
      pf_finding_get_severity (pf_finding_row_get_finding (PF_FINDING_ROW (before))) == severity)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_list_box_row_get_header (row);
  if (header == NULL)
    {
      header = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (header), 0.0);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (header, "pf-severity-header");
      gtk_list_box_row_set_header (row, header);
    }

  count = pf_format_row_count (self->counts[severity], TRUE);
  /* Translators: a group of findings and how many it holds: "Blockers (11)" */
  text = g_strdup_printf (_("%s (%s)"), pf_severity_to_heading (severity), count);
  gtk_label_set_label (GTK_LABEL (header), text);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  GtkWidget *row = pf_finding_row_new (PF_FINDING (item));

  gtk_widget_add_css_class (row, "card");
  gtk_widget_add_css_class (row, "activatable");
  return row;
}

/* Counting and re-labelling once per main-loop turn, however many findings
 * a burst of finished jobs adds. */
static gboolean
refresh_idle_cb (gpointer user_data)
{
  PfIntegrityPage *self = user_data;
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);
  guint counts[3] = { 0, 0, 0 };

  self->refresh_idle = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (model, i);
      PfSeverity severity = pf_finding_get_severity (finding);

      if (severity <= PF_SEVERITY_BLOCKER)
        counts[severity]++;
    }

  if (memcmp (counts, self->counts, sizeof counts) != 0)
    {
      memcpy (self->counts, counts, sizeof counts);
      gtk_list_box_invalidate_headers (self->list_box);
    }

  update_check_types (self);
  pf_integrity_page_update_view (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (PfIntegrityPage *self)
{
  if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

static void
filter_items_changed_cb (PfIntegrityPage *self)
{
  queue_refresh (self);
}

/* ---- the view ------------------------------------------------------------------ */

static char *
dup_checked_at (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;
  g_autofree char *day = NULL;

  if (when == NULL)
    return NULL;

  local = g_date_time_to_local (when);
  time = g_date_time_format (local, "%H:%M");
  /* Translators: a day of the year as strftime() writes it, "21 November" */
  day = g_date_time_format (local, _("%-d %B"));

  /* Translators: "Checked at 14:02 on 21 November" */
  return g_strdup_printf (_("Checked at %s on %s"), time, day);
}

static void
pf_integrity_page_update_view (PfIntegrityPage *self)
{
  guint n_total = self->sort_model ? g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) : 0;
  guint n_shown = self->filter_model ? g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) : 0;
  gboolean checked = self->scan != NULL || self->report != NULL;
  const char *page;

  if (!checked)
    page = "not-checked";
  else if (n_shown > 0)
    page = "findings";
  else if (n_total > 0)
    page = "no-match";
  else if (self->running)
    page = "checking";
  else
    page = "empty";

  gtk_stack_set_visible_child_name (self->content_stack, page);

  /* One Run Checks button at a time: the status page has its own */
  gtk_widget_set_visible (self->run_button, checked);
  gtk_widget_set_visible (self->cancel_button, self->running);
  gtk_widget_set_visible (self->progress_box, self->running);
  gtk_widget_set_visible (self->filter_box, checked && n_total > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), !self->running && checked);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "integrity.run",
                                 !self->running && self->database != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "integrity.cancel", self->running);

  if (self->report != NULL && !self->running)
    {
      g_autofree char *sentence = pf_report_dup_verdict_headline (self->report);
      g_autofree char *when = dup_checked_at (pf_report_get_generated_at (self->report));

      gtk_label_set_label (self->summary_label, sentence);
      adw_status_page_set_description (self->empty_status, when);
    }
  else if (self->error_message != NULL && !self->running)
    gtk_label_set_label (self->summary_label, _("The checks could not run"));
  else
    gtk_label_set_label (self->summary_label, "");

  if (self->error_message != NULL && !self->running)
    {
      gtk_label_set_label (self->incomplete_label, self->error_message);
      gtk_revealer_set_reveal_child (self->incomplete_revealer, TRUE);
    }
  else if (self->report != NULL && !self->running && !pf_report_get_complete (self->report))
    {
      const char *reason = pf_report_get_incomplete_reason (self->report);
      g_autofree char *text = NULL;

      /* Translators: "Incomplete: The scan was cancelled; 3 of 24 checks
       * finished. The results below are only what was checked before." */
      text = g_strdup_printf (_("Incomplete: %s. The results below are only what was checked before."),
                              reason ? reason : _("Not every check ran"));
      gtk_label_set_label (self->incomplete_label, text);
      gtk_revealer_set_reveal_child (self->incomplete_revealer, TRUE);
    }
  else
    gtk_revealer_set_reveal_child (self->incomplete_revealer, FALSE);
}

static void
update_progress_label (PfIntegrityPage *self)
{
  g_autofree char *text = NULL;
  guint n_done, n_checks;

  if (self->scan == NULL)
    return;

  n_done = pf_scan_get_n_done (self->scan);
  n_checks = pf_scan_get_n_checks (self->scan);

  if (n_checks == 0)
    text = g_strdup (_("Planning the checks…"));
  else
    /* Translators: "3 of 24 checks" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u check", "%u of %u checks", n_checks),
                            n_done, n_checks);

  gtk_label_set_label (self->progress_label, text);
}

/* ---- detail ------------------------------------------------------------------- */

static void
show_list (PfIntegrityPage *self)
{
  PfFinding *finding = pf_finding_page_get_finding (self->finding_page);
  GListModel *model = G_LIST_MODEL (self->filter_model);
  gboolean had_focus = gtk_widget_get_focus_child (GTK_WIDGET (self)) != NULL;

  gtk_stack_set_visible_child_name (self->main_stack, "list");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "integrity.back", FALSE);

  if (finding == NULL || !had_focus)
    return;

  /* Back where the person was */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PfFinding) item = g_list_model_get_item (model, i);

      if (item == finding)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);

          if (row != NULL)
            gtk_widget_grab_focus (GTK_WIDGET (row));
          break;
        }
    }
}

static void
show_finding (PfIntegrityPage *self,
              PfFinding       *finding)
{
  pf_finding_page_set_finding (self->finding_page, finding);
  gtk_stack_set_visible_child_name (self->main_stack, "detail");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "integrity.back", TRUE);
  pf_finding_page_focus (self->finding_page);
}

static void
row_activated_cb (PfIntegrityPage *self,
                  GtkListBoxRow   *row)
{
  show_finding (self, pf_finding_row_get_finding (PF_FINDING_ROW (row)));
}

static void
finding_back_cb (PfIntegrityPage *self)
{
  show_list (self);
}

/* ---- scanning ------------------------------------------------------------------ */

static void
set_running (PfIntegrityPage *self,
             gboolean         running)
{
  if (self->running == running)
    return;

  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_report (PfIntegrityPage *self,
            PfReport        *report)
{
  if (g_set_object (&self->report, report))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

/* Lets go of the scan: its late callback finds itself forgotten */
static void
forget_scan (PfIntegrityPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->fraction_binding != NULL)
    g_binding_unbind (self->fraction_binding);
  self->fraction_binding = NULL;
  if (self->message_binding != NULL)
    g_binding_unbind (self->message_binding);
  self->message_binding = NULL;

  if (self->scan != NULL)
    g_signal_handlers_disconnect_by_data (self->scan, self);
  g_clear_object (&self->scan);

  if (self->sort_model != NULL)
    gtk_sort_list_model_set_model (self->sort_model, NULL);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(PfIntegrityPage) self = user_data;
  PfScan *scan = PF_SCAN (object);
  g_autoptr(PfReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 elapsed;

  report = pf_scan_run_finish (scan, result, &error);

  /* Forgotten (another database, or disposed) while it ran */
  if (scan != self->scan)
    return;

  elapsed = g_get_monotonic_time () - self->started_at;
  g_clear_object (&self->cancellable);

  if (report == NULL)
    {
      g_autofree char *text = NULL;

      g_warning ("Could not run the checks: %s", error->message);
      /* Translators: %s says why, in a sentence */
      text = g_strdup_printf (_("Could not run the checks: %s"), error->message);
      g_free (self->error_message);
      self->error_message = g_steal_pointer (&text);
      set_running (self, FALSE);
      pf_integrity_page_update_view (self);
      return;
    }

  set_report (self, report);
  set_running (self, FALSE);
  queue_refresh (self);
  pf_integrity_page_update_view (self);

  g_debug ("Scan finished in %.1f s", elapsed / (double) G_USEC_PER_SEC);
  g_signal_emit (self, signals[SCAN_FINISHED], 0, report, elapsed);
}

void
pf_integrity_page_run_checks (PfIntegrityPage *self)
{
  g_return_if_fail (PF_IS_INTEGRITY_PAGE (self));

  if (self->running || self->database == NULL)
    return;

  forget_scan (self);
  set_report (self, NULL);
  g_clear_pointer (&self->error_message, g_free);
  reset_check_types (self);
  show_list (self);

  self->scan = pf_scan_new (self->database, self->schema);
  pf_scan_set_rules (self->scan, self->rules);
  /* Leave a core to the window, so scrolling stays smooth while it runs */
  pf_scan_set_n_workers (self->scan, MAX (1, g_get_num_processors () - 1));
  self->cancellable = g_cancellable_new ();

  gtk_sort_list_model_set_model (self->sort_model, pf_scan_get_findings (self->scan));

  self->fraction_binding = g_object_bind_property (self->scan, "fraction",
                                                   self->progress_bar, "fraction",
                                                   G_BINDING_SYNC_CREATE);
  self->message_binding = g_object_bind_property (self->scan, "message",
                                                  self->progress_bar, "text",
                                                  G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->scan, "notify::n-done",
                            G_CALLBACK (update_progress_label), self);
  g_signal_connect_swapped (self->scan, "notify::n-checks",
                            G_CALLBACK (update_progress_label), self);
  update_progress_label (self);

  self->started_at = g_get_monotonic_time ();
  set_running (self, TRUE);
  pf_integrity_page_update_view (self);

  pf_scan_run_async (self->scan, self->cancellable, run_cb, g_object_ref (self));
}

void
pf_integrity_page_cancel (PfIntegrityPage *self)
{
  g_return_if_fail (PF_IS_INTEGRITY_PAGE (self));

  if (self->running && self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
    }
}

gboolean
pf_integrity_page_get_running (PfIntegrityPage *self)
{
  g_return_val_if_fail (PF_IS_INTEGRITY_PAGE (self), FALSE);

  return self->running;
}

PfReport *
pf_integrity_page_get_report (PfIntegrityPage *self)
{
  g_return_val_if_fail (PF_IS_INTEGRITY_PAGE (self), NULL);

  return self->report;
}

void
pf_integrity_page_set_database (PfIntegrityPage *self,
                                PfDatabase      *database,
                                PfSchema        *schema,
                                PfRules         *rules)
{
  g_return_if_fail (PF_IS_INTEGRITY_PAGE (self));
  g_return_if_fail (database == NULL || PF_IS_DATABASE (database));
  g_return_if_fail (schema == NULL || PF_IS_SCHEMA (schema));

  forget_scan (self);
  g_set_object (&self->database, database);
  g_set_object (&self->schema, schema);
  g_set_object (&self->rules, rules);
  g_clear_pointer (&self->error_message, g_free);

  pf_finding_page_set_finding (self->finding_page, NULL);
  pf_finding_page_set_target (self->finding_page, schema,
                              database ? pf_database_get_name (database) : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  reset_check_types (self);
  show_list (self);

  set_report (self, NULL);
  set_running (self, FALSE);
  pf_integrity_page_update_view (self);
}

GtkWidget *
pf_integrity_page_new (void)
{
  return g_object_new (PF_TYPE_INTEGRITY_PAGE, NULL);
}

/* ---- actions ------------------------------------------------------------------- */

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  pf_integrity_page_run_checks (PF_INTEGRITY_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pf_integrity_page_cancel (PF_INTEGRITY_PAGE (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_list (PF_INTEGRITY_PAGE (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PfIntegrityPage *self = PF_INTEGRITY_PAGE (widget);

  show_list (self);
  if (gtk_widget_get_visible (self->filter_box))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- GObject ------------------------------------------------------------------- */

static void
pf_integrity_page_dispose (GObject *object)
{
  PfIntegrityPage *self = PF_INTEGRITY_PAGE (object);

  forget_scan (self);
  g_clear_handle_id (&self->refresh_idle, g_source_remove);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_INTEGRITY_PAGE);

  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->check_labels);
  g_clear_pointer (&self->check_ids, g_ptr_array_unref);
  g_clear_object (&self->report);
  g_clear_object (&self->database);
  g_clear_object (&self->schema);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (pf_integrity_page_parent_class)->dispose (object);
}

static void
pf_integrity_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PfIntegrityPage *self = PF_INTEGRITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_integrity_page_class_init (PfIntegrityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_integrity_page_dispose;
  object_class->get_property = pf_integrity_page_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL,
                         PF_TYPE_REPORT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SCAN_FINISHED] =
    g_signal_new ("scan-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, PF_TYPE_REPORT, G_TYPE_INT64);

  g_type_ensure (PF_TYPE_FINDING_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-integrity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, run_button);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, check_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, incomplete_revealer);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, incomplete_label);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, PfIntegrityPage, finding_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, check_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, finding_back_cb);

  gtk_widget_class_install_action (widget_class, "integrity.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "integrity.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "integrity.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "integrity.search", NULL, search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "integrity.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "integrity.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "integrity.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "integrity.back", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pf_integrity_page_init (PfIntegrityPage *self)
{
  GtkCustomSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->check_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->check_ids, NULL);
  self->check_labels = gtk_string_list_new (NULL);
  gtk_string_list_append (self->check_labels, _("All checks"));
  gtk_drop_down_set_model (self->check_dropdown, G_LIST_MODEL (self->check_labels));

  sorter = gtk_custom_sorter_new (compare_findings, NULL, NULL);
  self->sort_model = gtk_sort_list_model_new (NULL, GTK_SORTER (sorter));
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_swapped (self->filter_model, "items-changed",
                            G_CALLBACK (filter_items_changed_cb), self);

  gtk_list_box_set_header_func (self->list_box, header_func, self, NULL);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filter_model),
                           create_row_cb, self, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "integrity.back", FALSE);
  pf_integrity_page_update_view (self);
}
