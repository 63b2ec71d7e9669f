/* pf-checklist-page.c — the go-live checklist: a guided wizard with sign-off
 *
 * Without a run, the page offers the templates and Start Checklist. A run
 * is shown one step at a time ("Step 3 of 9", a progress bar of settled
 * items), each item a PfChecklistItemRow; entering a step runs its
 * automatic checks that have not run yet. The step after the template's
 * last is the sign-off: every item's state, the verdict, the signer, and
 * once signed, Check Again, which runs every check afresh and lists what
 * changed since.
 *
 * Progress is saved on every change of the run through PfChecklistStore.
 * That is a small atomic JSON write (a few KB) on the main thread, which
 * we accept; everything that reads a database runs in PfChecklistChecks'
 * workers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-checklist-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pf-backup-dialog.h"
#include "pf-checklist-item-row.h"
#include "pf-checklist-page.h"
#include "pf-template-editor.h"

#define SIGNER_NAME_KEY "signer-name"

struct _PfChecklistPage
{
  GtkWidget             parent_instance;

  PfChecklistStore     *store;
  PfChecklistTemplates *templates;
  gboolean              templates_loaded;
  char                 *selected_template;
  GSettings            *settings;

  PfDatabase           *database;
  PfSchema             *schema;
  char                 *project_dir;
  char                 *key;
  PfReport             *integrity;
  PfMigrationAnalysis  *analysis;

  PfChecklistRun       *run;
  guint                 step;
  char                 *summary;

  /* The automatic checks: one operation at a time, more queued */
  PfChecklistChecks    *checks;
  GCancellable         *cancellable;
  gboolean              checks_running;
  gboolean              preparing;
  GCancellable         *prepare_cancellable;
  gboolean              checking_again;
  GPtrArray            *queued;

  /* Template widgets */
  GtkStack             *stack;
  GtkListBox           *template_list;
  GtkLabel             *intro_error_label;
  GtkLabel             *template_label;
  GtkLabel             *step_label;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkLabel             *error_label;
  GtkLabel             *step_title_label;
  GtkLabel             *step_description_label;
  GtkWidget            *name_group;
  AdwEntryRow          *name_row;
  GtkListBox           *items_list;
  GtkWidget            *signoff_box;
  GtkWidget            *verdict_card;
  GtkLabel             *verdict_label;
  GtkLabel             *verdict_detail_label;
  GtkListBox           *summary_list;
  GtkWidget            *sign_group;
  AdwEntryRow          *signer_row;
  AdwEntryRow          *role_row;
  GtkWidget            *sign_button;
  GtkWidget            *signed_box;
  GtkLabel             *signed_label;
  GtkSpinner           *check_spinner;
  GtkWidget            *changes_group;
  GtkListBox           *changes_list;
  GtkWidget            *back_button;
  GtkWidget            *next_button;
  GtkScrolledWindow    *scrolled_window;
};

G_DEFINE_FINAL_TYPE (PfChecklistPage, pf_checklist_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUN,
  PROP_CHECKING,
  PROP_SUMMARY,
  N_PROPS
};

enum {
  SHOW_PAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void pf_checklist_page_show_step   (PfChecklistPage *self);
static void pf_checklist_page_update_run  (PfChecklistPage *self);
static void run_checks                    (PfChecklistPage *self,
                                           GPtrArray       *check_ids);

/* ---- small helpers ---------------------------------------------------------- */

static guint
n_template_steps (PfChecklistPage *self)
{
  if (self->run == NULL)
    return 0;

  return g_list_model_get_n_items (pf_checklist_template_get_steps (pf_checklist_run_get_template (self->run)));
}

static void
show_error (PfChecklistPage *self,
            const char      *message)
{
  GtkLabel *label = self->run != NULL ? self->error_label : self->intro_error_label;

  gtk_label_set_label (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static const char *
get_signer_name (PfChecklistPage *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  return name != NULL ? name : "";
}

static gboolean
settings_have_signer (PfChecklistPage *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (self->settings == NULL)
    return FALSE;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, SIGNER_NAME_KEY);
}

static void
remember_signer (PfChecklistPage *self,
                 const char      *name)
{
  g_autofree char *old = NULL;

  if (!settings_have_signer (self))
    return;

  old = g_settings_get_string (self->settings, SIGNER_NAME_KEY);
  if (g_strcmp0 (old, name) != 0)
    g_settings_set_string (self->settings, SIGNER_NAME_KEY, name);
}

/* "21 Nov", "21 Nov 2025" */
static char *
dup_day (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: a day as strftime() writes it, "21 Nov" */
    return g_date_time_format (local, _("%-d %b"));

  /* Translators: a day as strftime() writes it, "21 Nov 2025" */
  return g_date_time_format (local, _("%-d %b %Y"));
}

static void
set_summary (PfChecklistPage *self,
             const char      *summary)
{
  if (g_strcmp0 (self->summary, summary) == 0)
    return;

  g_free (self->summary);
  self->summary = g_strdup (summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static void
set_checking (PfChecklistPage *self,
              gboolean         checks_running)
{
  gboolean was = pf_checklist_page_get_checking (self);

  self->checks_running = checks_running;
  if (was != pf_checklist_page_get_checking (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
}

/* ---- the verdict ------------------------------------------------------------ */

static PfReport *
current_integrity (PfChecklistPage *self)
{
  PfReport *report = self->checks != NULL ? pf_checklist_checks_get_integrity (self->checks) : NULL;

  return report != NULL ? report : self->integrity;
}

static PfMigrationAnalysis *
current_analysis (PfChecklistPage *self)
{
  PfMigrationAnalysis *analysis = self->checks != NULL ? pf_checklist_checks_get_analysis (self->checks) : NULL;

  return analysis != NULL ? analysis : self->analysis;
}

/* "go", "go-with-warnings" or "no-go": GO only when no required item is in
 * the way and the integrity scan does not say NO-GO */
static const char *
compute_verdict (PfChecklistPage *self)
{
  PfReport *integrity = current_integrity (self);
  PfVerdict scan = integrity != NULL ? pf_report_get_verdict (integrity) : PF_VERDICT_GO;

  if (pf_checklist_run_get_n_blocking (self->run) > 0 || scan == PF_VERDICT_NO_GO)
    return "no-go";
  if (scan == PF_VERDICT_GO_WITH_WARNINGS)
    return "go-with-warnings";

  return "go";
}

static void
update_verdict (PfChecklistPage *self)
{
  static const char *classes[] = { "success", "warning", "error" };
  guint n_blocking = pf_checklist_run_get_n_blocking (self->run);
  const char *verdict = compute_verdict (self);
  g_autofree char *detail = NULL;
  const char *headline;
  const char *css;

  if (g_str_equal (verdict, "go"))
    {
      headline = _("Ready: nothing blocks the migration");
      detail = g_strdup (_("Every required item is done or does not apply, and the integrity scan found no blocker."));
      css = "success";
    }
  else if (g_str_equal (verdict, "go-with-warnings"))
    {
      headline = _("Ready, with warnings");
      detail = g_strdup (_("Every required item is done, but the integrity scan found warnings worth a look."));
      css = "warning";
    }
  else
    {
      if (n_blocking > 0)
        headline = NULL;
      else
        headline = _("Not ready: the integrity scan found blockers");
      css = "error";
      detail = g_strdup (_("Signing records the verdict as it is; you can still sign to say where things stand."));
    }

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), css);

  if (headline == NULL)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Not ready: %u required item is not done",
                                                            "Not ready: %u required items are not done",
                                                            n_blocking), n_blocking);

      gtk_label_set_label (self->verdict_label, text);
    }
  else
    gtk_label_set_label (self->verdict_label, headline);

  gtk_label_set_label (self->verdict_detail_label, detail);
}

/* ---- the summary line (Overview) and the header ----------------------------- */

static void
update_summary (PfChecklistPage *self)
{
  g_autofree char *text = NULL;
  PfChecklistSignoff *signoff;

  if (self->run == NULL)
    {
      set_summary (self, self->database != NULL ? _("Not started") : NULL);
      return;
    }

  /* Translators: checklist progress, "12 of 30 done" */
  text = g_strdup_printf (_("%u of %u done"),
                          pf_checklist_run_get_n_settled (self->run),
                          pf_checklist_run_get_n_items (self->run));

  signoff = pf_checklist_run_get_signoff (self->run);
  if (signoff != NULL)
    {
      g_autofree char *day = dup_day (pf_checklist_signoff_get_signed_at (signoff));
      /* Translators: "12 of 30 done · Signed by Anna Kowalska on 21 Nov" */
      g_autofree char *with_signoff = g_strdup_printf (_("%s · Signed by %s on %s"), text,
                                                       pf_checklist_signoff_get_signer (signoff), day);

      g_free (text);
      text = g_steal_pointer (&with_signoff);
    }

  set_summary (self, text);
}

static void
update_header (PfChecklistPage *self)
{
  guint n_items, n_settled;
  g_autofree char *step = NULL;
  g_autofree char *progress = NULL;

  if (self->run == NULL)
    return;

  n_items = pf_checklist_run_get_n_items (self->run);
  n_settled = pf_checklist_run_get_n_settled (self->run);

  gtk_label_set_label (self->template_label,
                       pf_checklist_template_get_title (pf_checklist_run_get_template (self->run)));
  /* Translators: where the wizard is, "Step 3 of 9" */
  step = g_strdup_printf (_("Step %u of %u"), self->step + 1, pf_checklist_page_get_n_steps (self));
  gtk_label_set_label (self->step_label, step);
  /* Translators: "12 of 30 done" */
  progress = g_strdup_printf (_("%u of %u done"), n_settled, n_items);
  gtk_label_set_label (self->progress_label, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, n_items > 0 ? (double) n_settled / n_items : 0.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, progress,
                                  -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.back", self->step > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.next",
                                 self->step + 1 < pf_checklist_page_get_n_steps (self));
  gtk_widget_set_visible (self->next_button, self->step + 1 < pf_checklist_page_get_n_steps (self));
}

/* ---- saving ----------------------------------------------------------------- */

static void
save_run (PfChecklistPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->run == NULL || self->key == NULL)
    return;

  if (!pf_checklist_store_save (self->store, self->key, self->run, &error))
    {
      /* Translators: %s says why, in the words of the system */
      g_autofree char *message = g_strdup_printf (_("Your progress could not be saved: %s. "
                                                    "It is kept while Preflight stays open."),
                                                  error->message);

      show_error (self, message);
      g_warning ("%s", error->message);
    }
}

static void
run_changed_cb (PfChecklistPage *self)
{
  save_run (self);
  pf_checklist_page_update_run (self);
}

/* ---- the automatic checks --------------------------------------------------- */

static void
queue_check (PfChecklistPage *self,
             const char      *check_id)
{
  for (guint i = 0; i < self->queued->len; i++)
    if (g_str_equal (self->queued->pdata[i], check_id))
      return;

  g_ptr_array_add (self->queued, g_strdup (check_id));
}

static void
update_check_again (PfChecklistPage *self)
{
  gboolean busy = pf_checklist_page_get_checking (self);

  gtk_widget_set_visible (GTK_WIDGET (self->check_spinner), self->checking_again);
  gtk_spinner_set_spinning (self->check_spinner, self->checking_again);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.check-again",
                                 !busy && self->run != NULL && pf_checklist_run_get_signoff (self->run) != NULL);
}

static PfChecklistChecks *
make_checks (PfChecklistPage *self,
             gboolean         fresh)
{
  PfChecklistChecks *checks = pf_checklist_checks_new (self->database, self->schema, self->run);

  pf_checklist_checks_set_profile (checks, pf_database_get_profile (self->database));
  pf_checklist_checks_set_project_dir (checks, self->project_dir);
  if (!fresh)
    {
      if (self->integrity != NULL)
        pf_checklist_checks_set_integrity (checks, self->integrity);
      if (self->analysis != NULL)
        pf_checklist_checks_set_analysis (checks, self->analysis);
    }

  return checks;
}

static void
checks_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PfChecklistPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pf_checklist_checks_run_finish (PF_CHECKLIST_CHECKS (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      {
        /* Translators: %s says why */
        g_autofree char *message = g_strdup_printf (_("The checks could not run: %s"), error->message);

        show_error (self, message);
      }
    }

  if (PF_CHECKLIST_CHECKS (object) != self->checks)
    return;

  set_checking (self, FALSE);

  if (self->queued->len > 0)
    {
      g_autoptr(GPtrArray) ids = g_steal_pointer (&self->queued);

      self->queued = g_ptr_array_new_with_free_func (g_free);
      run_checks (self, ids);
    }

  update_check_again (self);
}

/* Runs @check_ids (NULL: every automatic check of the template) now, or
 * after the running ones */
static void
run_checks (PfChecklistPage *self,
            GPtrArray       *check_ids)
{
  g_autoptr(GPtrArray) ids = NULL;

  if (self->checks == NULL)
    return;

  if (self->checks_running || self->preparing)
    {
      for (guint i = 0; check_ids != NULL && i < check_ids->len; i++)
        queue_check (self, check_ids->pdata[i]);
      return;
    }

  if (check_ids != NULL)
    {
      if (check_ids->len == 0)
        return;

      ids = g_ptr_array_new ();
      for (guint i = 0; i < check_ids->len; i++)
        g_ptr_array_add (ids, check_ids->pdata[i]);
      g_ptr_array_add (ids, NULL);
    }

  set_checking (self, TRUE);
  update_check_again (self);
  pf_checklist_checks_run_async (self->checks,
                                 ids != NULL ? (const char * const *) ids->pdata : NULL,
                                 self->cancellable, checks_done_cb, g_object_ref (self));
}

/* Entering a step runs its automatic checks that have not run yet */
static void
run_step_checks (PfChecklistPage *self)
{
  GListModel *entries;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (self->run == NULL || self->step >= n_template_steps (self))
    return;

  entries = pf_checklist_run_get_step_entries (self->run, self->step);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (entries, i);
      PfChecklistItem *item = pf_checklist_entry_get_item (entry);
      const char *check = pf_checklist_item_get_check (item);
      gboolean known = FALSE;

      if (pf_checklist_item_get_kind (item) != PF_CHECKLIST_ITEM_AUTOMATIC ||
          pf_checklist_entry_get_manual_fallback (entry) ||
          pf_checklist_entry_get_state (entry) != PF_CHECKLIST_STATE_OPEN ||
          check == NULL)
        continue;

      for (guint j = 0; j < ids->len; j++)
        known |= g_str_equal (ids->pdata[j], check);
      if (!known)
        g_ptr_array_add (ids, g_strdup (check));
    }

  run_checks (self, ids);
}

/* ---- the rows' signals ------------------------------------------------------ */

static void
row_done_toggled_cb (PfChecklistPage    *self,
                     gboolean            done,
                     PfChecklistItemRow *row)
{
  PfChecklistEntry *entry = pf_checklist_item_row_get_entry (row);
  const char *id = pf_checklist_item_get_id (pf_checklist_entry_get_item (entry));
  g_autofree char *name = g_strstrip (g_strdup (get_signer_name (self)));

  if (!done)
    {
      pf_checklist_run_untick (self->run, id);
      return;
    }

  if (name[0] == '\0')
    {
      show_error (self, _("Type your name in “Your Name” first: every ticked item records who did it."));
      /* Back to what the entry says */
      g_object_notify (G_OBJECT (entry), "state");
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  show_error (self, NULL);
  remember_signer (self, name);
  pf_checklist_run_tick (self->run, id, name, NULL);
}

static void
row_note_changed_cb (PfChecklistPage    *self,
                     const char         *note,
                     PfChecklistItemRow *row)
{
  PfChecklistEntry *entry = pf_checklist_item_row_get_entry (row);
  const char *id = pf_checklist_item_get_id (pf_checklist_entry_get_item (entry));

  if (pf_checklist_entry_get_state (entry) != PF_CHECKLIST_STATE_DONE)
    return;

  /* The same person, now with the note */
  pf_checklist_run_tick (self->run, id, pf_checklist_entry_get_who (entry),
                         note != NULL && note[0] != '\0' ? note : NULL);
}

static void
row_skip_cb (PfChecklistPage    *self,
             PfChecklistItemRow *row)
{
  PfChecklistEntry *entry = pf_checklist_item_row_get_entry (row);

  pf_checklist_run_skip (self->run, pf_checklist_item_get_id (pf_checklist_entry_get_item (entry)));
}

static void
row_run_again_cb (PfChecklistPage    *self,
                  PfChecklistItemRow *row)
{
  PfChecklistEntry *entry = pf_checklist_item_row_get_entry (row);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_ptr_array_add (ids, (gpointer) pf_checklist_item_get_check (pf_checklist_entry_get_item (entry)));
  run_checks (self, ids);
}

static void
row_show_findings_cb (PfChecklistPage *self)
{
  g_signal_emit (self, signals[SHOW_PAGE], 0, "integrity");
}

static void
backup_finished_cb (PfChecklistPage *self,
                    PfBackupRecord  *record)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_ptr_array_add (ids, (gpointer) "backup-verified");
  run_checks (self, ids);
}

static void
row_back_up_cb (PfChecklistPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PfBackupDialog *dialog;

  if (self->database == NULL || self->run == NULL)
    return;

  dialog = pf_backup_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->database, self->run);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (backup_finished_cb), self, G_CONNECT_SWAPPED);
  pf_backup_dialog_start (dialog);
}

/* ---- a step ----------------------------------------------------------------- */

static GtkWidget *
make_summary_row (PfChecklistEntry *entry)
{
  PfChecklistItem *item = pf_checklist_entry_get_item (entry);
  PfChecklistState state = pf_checklist_entry_get_state (entry);
  gboolean manual = pf_checklist_entry_get_needs_person (entry);
  const char *label = pf_checklist_state_to_label (state, manual ? PF_CHECKLIST_ITEM_MANUAL
                                                                 : pf_checklist_item_get_kind (item));
  g_autofree char *status = pf_checklist_entry_dup_status_text (entry);
  const char *note = pf_checklist_entry_get_note (entry);
  const char *evidence = pf_checklist_entry_get_evidence (entry);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badge = gtk_label_new (label);

  if (!manual && evidence != NULL && evidence[0] != '\0')
    g_string_append (subtitle, evidence);
  if (status != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, status);
    }
  if (note != NULL && note[0] != '\0')
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, note);
    }
  if (subtitle->len == 0)
    g_string_append (subtitle, pf_checklist_item_get_required (item) ? _("Required") : _("Optional"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pf_checklist_item_get_title (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "pf-badge");
  gtk_widget_add_css_class (badge, pf_checklist_state_badge_class (state));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);

  return row;
}

static void
fill_summary (PfChecklistPage *self)
{
  GListModel *entries = pf_checklist_run_get_entries (self->run);

  clear_list (self->summary_list);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (entries, i);

      gtk_list_box_append (self->summary_list, make_summary_row (entry));
    }
}

static void
update_signed (PfChecklistPage *self)
{
  PfChecklistSignoff *signoff = pf_checklist_run_get_signoff (self->run);
  const char *signer = gtk_editable_get_text (GTK_EDITABLE (self->signer_row));
  g_autofree char *stripped = g_strstrip (g_strdup (signer ? signer : ""));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.sign", stripped[0] != '\0');
  gtk_widget_set_visible (self->signed_box, signoff != NULL);

  if (signoff != NULL)
    {
      g_autofree char *day = dup_day (pf_checklist_signoff_get_signed_at (signoff));
      g_autoptr(GDateTime) local = g_date_time_to_local (pf_checklist_signoff_get_signed_at (signoff));
      g_autofree char *time = g_date_time_format (local, "%H:%M");
      g_autofree char *fingerprint = g_strndup (pf_checklist_signoff_get_fingerprint (signoff), 12);
      const char *role = pf_checklist_signoff_get_role (signoff);
      g_autofree char *who = role != NULL && role[0] != '\0'
                             /* Translators: "Anna Kowalska (Service manager)" */
                             ? g_strdup_printf (_("%s (%s)"), pf_checklist_signoff_get_signer (signoff), role)
                             : g_strdup (pf_checklist_signoff_get_signer (signoff));
      /* Translators: "Signed by Anna Kowalska (Service manager) on 21 Nov at 14:05 · fingerprint 3f2a9c01b2d4…" */
      g_autofree char *text = g_strdup_printf (_("Signed by %s on %s at %s · fingerprint %s…"),
                                               who, day, time, fingerprint);

      gtk_label_set_label (self->signed_label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->signed_label),
                                   pf_checklist_signoff_get_fingerprint (signoff));
      gtk_button_set_label (GTK_BUTTON (self->sign_button), _("Sign A_gain"));
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (self->sign_button), _("Si_gn"));
      gtk_widget_set_visible (self->changes_group, FALSE);
    }

  update_check_again (self);
}

static void
pf_checklist_page_show_step (PfChecklistPage *self)
{
  guint n_steps = n_template_steps (self);
  gboolean signoff = self->step >= n_steps;

  clear_list (self->items_list);

  if (!signoff)
    {
      PfChecklistStep *step = g_list_model_get_item (pf_checklist_template_get_steps (pf_checklist_run_get_template (self->run)),
                                                     self->step);
      GListModel *entries = pf_checklist_run_get_step_entries (self->run, self->step);

      gtk_label_set_label (self->step_title_label, pf_checklist_step_get_title (step));
      gtk_label_set_label (self->step_description_label, pf_checklist_step_get_description (step));
      gtk_widget_set_visible (GTK_WIDGET (self->step_description_label),
                              pf_checklist_step_get_description (step) != NULL &&
                              pf_checklist_step_get_description (step)[0] != '\0');

      for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
        {
          g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (entries, i);
          GtkWidget *row = pf_checklist_item_row_new (entry);

          g_signal_connect_object (row, "done-toggled", G_CALLBACK (row_done_toggled_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (row, "note-changed", G_CALLBACK (row_note_changed_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (row, "skip", G_CALLBACK (row_skip_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (row, "run-again", G_CALLBACK (row_run_again_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (row, "show-findings", G_CALLBACK (row_show_findings_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (row, "back-up", G_CALLBACK (row_back_up_cb), self, G_CONNECT_SWAPPED);
          gtk_list_box_append (self->items_list, row);
        }

      g_object_unref (step);
    }
  else
    {
      gtk_label_set_label (self->step_title_label, _("Sign-off"));
      gtk_label_set_label (self->step_description_label,
                           _("Look through where every item stands, then sign with your name and role."));
      gtk_widget_set_visible (GTK_WIDGET (self->step_description_label), TRUE);
      if (gtk_editable_get_text (GTK_EDITABLE (self->signer_row))[0] == '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->signer_row), get_signer_name (self));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->items_list), !signoff);
  gtk_widget_set_visible (self->name_group, !signoff);
  gtk_widget_set_visible (self->signoff_box, signoff);

  pf_checklist_page_update_run (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  run_step_checks (self);
}

/* Everything that follows the run's state */
static void
pf_checklist_page_update_run (PfChecklistPage *self)
{
  update_summary (self);

  if (self->run == NULL)
    return;

  update_header (self);

  if (self->step >= n_template_steps (self))
    {
      fill_summary (self);
      update_verdict (self);
      update_signed (self);
    }
}

/* ---- runs ------------------------------------------------------------------- */

static void
cancel_checks (PfChecklistPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_ptr_array_set_size (self->queued, 0);
  self->checking_again = FALSE;
  set_checking (self, FALSE);
}

static void
set_run (PfChecklistPage *self,
         PfChecklistRun  *run)
{
  if (self->run == run)
    return;

  cancel_checks (self);
  g_clear_object (&self->checks);

  if (self->run != NULL)
    g_signal_handlers_disconnect_by_func (self->run, run_changed_cb, self);
  g_set_object (&self->run, run);

  clear_list (self->items_list);
  clear_list (self->summary_list);
  clear_list (self->changes_list);
  gtk_widget_set_visible (self->changes_group, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->intro_error_label), FALSE);

  if (run != NULL)
    {
      g_signal_connect_object (run, "changed", G_CALLBACK (run_changed_cb), self, G_CONNECT_SWAPPED);
      if (self->database != NULL)
        self->checks = make_checks (self, FALSE);

      /* A signed run opens on its sign-off; otherwise where the person left it */
      if (pf_checklist_run_get_signoff (run) != NULL)
        self->step = n_template_steps (self);
      else
        self->step = MIN (pf_checklist_run_get_current_step (run), n_template_steps (self));

      gtk_stack_set_visible_child_name (self->stack, "run");
      pf_checklist_page_show_step (self);
    }
  else
    {
      self->step = 0;
      gtk_stack_set_visible_child_name (self->stack, "intro");
      update_summary (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN]);
}

void
pf_checklist_page_go_to_step (PfChecklistPage *self,
                              guint            step)
{
  guint n_steps;

  g_return_if_fail (PF_IS_CHECKLIST_PAGE (self));

  if (self->run == NULL)
    return;

  n_steps = pf_checklist_page_get_n_steps (self);
  step = MIN (step, n_steps - 1);
  if (step == self->step)
    return;

  self->step = step;
  /* One past the template's steps is the sign-off: it reopens there too */
  pf_checklist_run_set_current_step (self->run, step);
  pf_checklist_page_show_step (self);
}

/* ---- the template choice ---------------------------------------------------- */

static void
template_toggled_cb (GtkCheckButton  *button,
                     PfChecklistPage *self)
{
  if (!gtk_check_button_get_active (button))
    return;

  g_free (self->selected_template);
  self->selected_template = g_strdup (g_object_get_data (G_OBJECT (button), "template-id"));
}

static void
fill_templates (PfChecklistPage *self)
{
  GtkCheckButton *group = NULL;
  guint n;

  clear_list (self->template_list);

  if (!self->templates_loaded)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;

      /* A few small JSON files: read on the main thread */
      if (!pf_checklist_templates_load (self->templates, &problems, &error))
        show_error (self, error->message);
      else if (problems != NULL && problems->len > 0)
        show_error (self, problems->pdata[0]);
      self->templates_loaded = TRUE;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->templates));
  if (self->selected_template == NULL || pf_checklist_templates_find (self->templates, self->selected_template) == NULL)
    {
      g_autoptr(PfChecklistTemplate) fallback = pf_checklist_templates_dup_default ();

      g_free (self->selected_template);
      self->selected_template = g_strdup (pf_checklist_template_get_id (fallback));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfChecklistTemplate) template = g_list_model_get_item (G_LIST_MODEL (self->templates), i);
      const char *id = pf_checklist_template_get_id (template);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pf_checklist_template_get_title (template));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pf_checklist_template_get_description (template));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "template-id", g_strdup (id), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, pf_checklist_template_get_title (template),
                                      -1);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (id, self->selected_template) == 0);
      g_signal_connect_object (check, "toggled", G_CALLBACK (template_toggled_cb), self, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->template_list, row);
    }
}

gboolean
pf_checklist_page_start (PfChecklistPage *self,
                         const char      *template_id)
{
  g_autoptr(PfChecklistTemplate) template = NULL;
  g_autoptr(PfChecklistRun) run = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PF_IS_CHECKLIST_PAGE (self), FALSE);

  if (self->database == NULL)
    return FALSE;

  if (template_id == NULL)
    template_id = self->selected_template;
  if (!self->templates_loaded)
    fill_templates (self);
  if (template_id != NULL)
    template = pf_checklist_templates_find (self->templates, template_id);
  if (template != NULL)
    g_object_ref (template);
  else if (template_id == NULL || g_str_equal (template_id, "routine-migration"))
    template = pf_checklist_templates_dup_default ();
  if (template == NULL)
    {
      show_error (self, _("That checklist no longer exists. Choose another one."));
      return FALSE;
    }

  run = pf_checklist_run_new (template);
  if (!pf_checklist_store_start (self->store, self->key, run, &error))
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("The checklist could not be saved: %s. "
                                                    "Your progress is kept while Preflight stays open."),
                                                  error->message);

      set_run (self, run);
      show_error (self, message);
      return TRUE;
    }

  set_run (self, run);
  return TRUE;
}

/* ---- actions ---------------------------------------------------------------- */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  pf_checklist_page_start (PF_CHECKLIST_PAGE (widget), NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PfChecklistPage *self = PF_CHECKLIST_PAGE (widget);

  if (self->run != NULL && self->step > 0)
    pf_checklist_page_go_to_step (self, self->step - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PfChecklistPage *self = PF_CHECKLIST_PAGE (widget);

  if (self->run != NULL)
    pf_checklist_page_go_to_step (self, self->step + 1);
}

static void
start_over_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PfChecklistPage  *self)
{
  if (!g_str_equal (response, "start-over"))
    return;

  /* Archived now, so a restart does not bring it back */
  if (self->key != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!pf_checklist_store_start (self->store, self->key, NULL, &error))
        {
          /* Translators: %s says why */
          g_autofree char *message = g_strdup_printf (_("The checklist could not be archived: %s"),
                                                      error->message);

          show_error (self, message);
          return;
        }
    }

  set_run (self, NULL);
  fill_templates (self);
}

static void
start_over_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PfChecklistPage *self = PF_CHECKLIST_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->run == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Start Over?"),
                                   _("This checklist and its sign-off are kept in the archive of this "
                                     "connection. You choose a checklist and begin again from the first step."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "start-over", _("_Start Over"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "start-over",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (start_over_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
template_saved_cb (PfChecklistPage     *self,
                   PfChecklistTemplate *template)
{
  g_free (self->selected_template);
  self->selected_template = g_strdup (pf_checklist_template_get_id (template));
  fill_templates (self);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PfChecklistPage *self = PF_CHECKLIST_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  PfChecklistTemplate *template;
  g_autoptr(PfChecklistTemplate) copy = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  PfTemplateEditor *editor;

  if (self->selected_template == NULL)
    return;

  template = pf_checklist_templates_find (self->templates, self->selected_template);
  if (template == NULL)
    return;

  /* Translators: the title of a duplicated checklist, "Routine schema migration (copy)" */
  title = g_strdup_printf (_("%s (copy)"), pf_checklist_template_get_title (template));
  id = pf_checklist_templates_dup_unique_id (self->templates, title);
  copy = pf_checklist_template_duplicate (template, id, title);

  editor = pf_template_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->templates, copy);
  g_signal_connect_object (editor, "saved", G_CALLBACK (template_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PfChecklistPage *self = PF_CHECKLIST_PAGE (widget);
  g_autofree char *signer = NULL;
  g_autofree char *role = NULL;
  g_autoptr(JsonNode) facts = NULL;
  g_autoptr(PfChecklistSignoff) signoff = NULL;

  if (self->run == NULL)
    return;

  signer = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->signer_row))));
  role = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->role_row))));
  if (signer[0] == '\0')
    return;

  facts = pf_checklist_facts_collect (current_integrity (self), current_analysis (self), self->run);
  signoff = pf_checklist_signoff_new (signer, role, NULL, compute_verdict (self), facts);
  remember_signer (self, signer);
  clear_list (self->changes_list);
  gtk_widget_set_visible (self->changes_group, FALSE);
  pf_checklist_run_sign (self->run, signoff);
  pf_checklist_page_update_run (self);
}

static void
add_change_row (PfChecklistPage *self,
                const char      *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_append (self->changes_list, row);
}

static void
check_again_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PfChecklistPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) facts = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  PfChecklistSignoff *signoff;

  if (!pf_checklist_checks_run_finish (PF_CHECKLIST_CHECKS (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (PF_CHECKLIST_CHECKS (object) != self->checks || self->run == NULL)
    return;

  self->checking_again = FALSE;
  set_checking (self, FALSE);

  signoff = pf_checklist_run_get_signoff (self->run);
  clear_list (self->changes_list);
  if (error != NULL)
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("The checks could not run: %s"), error->message);

      show_error (self, message);
    }
  else if (signoff != NULL)
    {
      JsonNode *signed_facts = pf_checklist_signoff_get_facts (signoff);
      JsonObject *sections = JSON_NODE_HOLDS_OBJECT (signed_facts) ? json_node_get_object (signed_facts) : NULL;

      /* Compare like with like: a section the sign-off did not vouch for
       * is left out now too */
      facts = pf_checklist_facts_collect (sections == NULL || json_object_has_member (sections, "findings")
                                          ? pf_checklist_checks_get_integrity (self->checks) : NULL,
                                          sections == NULL || json_object_has_member (sections, "migrations")
                                          ? pf_checklist_checks_get_analysis (self->checks) : NULL,
                                          self->run);
      changes = pf_checklist_facts_compare (pf_checklist_signoff_get_facts (signoff), facts);

      if (changes->len == 0)
        {
          g_autofree char *day = dup_day (pf_checklist_signoff_get_signed_at (signoff));
          /* Translators: "Nothing changed since Anna Kowalska signed on 21 Nov" */
          g_autofree char *text = g_strdup_printf (_("Nothing changed since %s signed on %s"),
                                                   pf_checklist_signoff_get_signer (signoff), day);

          add_change_row (self, text);
        }
      for (guint i = 0; i < changes->len; i++)
        add_change_row (self, changes->pdata[i]);
      gtk_widget_set_visible (self->changes_group, TRUE);
    }

  pf_checklist_page_update_run (self);
  update_check_again (self);
}

static void
check_again_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PfChecklistPage *self = PF_CHECKLIST_PAGE (widget);

  if (self->run == NULL || self->database == NULL || pf_checklist_run_get_signoff (self->run) == NULL)
    return;

  /* Fresh checks: their own scan and analysis of the database as it is now */
  cancel_checks (self);
  g_clear_object (&self->checks);
  self->checks = make_checks (self, TRUE);
  self->checking_again = TRUE;
  set_checking (self, TRUE);
  update_check_again (self);
  pf_checklist_checks_run_async (self->checks, NULL, self->cancellable,
                                 check_again_done_cb, g_object_ref (self));
}

static void
name_changed_cb (PfChecklistPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
signer_changed_cb (PfChecklistPage *self)
{
  if (self->run != NULL)
    update_signed (self);
}

/* ---- the demo's project ------------------------------------------------------ */

static void
demo_project_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  char *path = pf_demo_ensure_project (cancellable, &error);

  if (path == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, path, g_free);
}

static void
demo_project_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PfChecklistPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GPtrArray) ids = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->preparing)
    return;

  self->preparing = FALSE;
  if (error != NULL)
    show_error (self, error->message);

  ids = g_steal_pointer (&self->queued);
  self->queued = g_ptr_array_new_with_free_func (g_free);
  set_checking (self, self->checks_running);
  run_checks (self, ids);
  update_check_again (self);
}

/* The demo's migrations project is written out (in a worker) before any
 * check reads it; checks asked for meanwhile wait in the queue */
static void
prepare_project (PfChecklistPage *self)
{
  g_autofree char *demo = pf_demo_get_project_path ();
  g_autoptr(GTask) task = NULL;

  if (self->project_dir == NULL || g_strcmp0 (self->project_dir, demo) != 0)
    return;

  self->preparing = TRUE;
  self->prepare_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->prepare_cancellable, demo_project_cb, g_object_ref (self));
  g_task_set_source_tag (task, prepare_project);
  g_task_run_in_thread (task, demo_project_thread);
}

/* ---- public API ------------------------------------------------------------- */

void
pf_checklist_page_set_store (PfChecklistPage  *self,
                             PfChecklistStore *store)
{
  g_return_if_fail (PF_IS_CHECKLIST_PAGE (self));
  g_return_if_fail (PF_IS_CHECKLIST_STORE (store));

  g_set_object (&self->store, store);
}

void
pf_checklist_page_set_templates (PfChecklistPage      *self,
                                 PfChecklistTemplates *templates)
{
  g_return_if_fail (PF_IS_CHECKLIST_PAGE (self));
  g_return_if_fail (PF_IS_CHECKLIST_TEMPLATES (templates));

  if (g_set_object (&self->templates, templates))
    self->templates_loaded = FALSE;
}

void
pf_checklist_page_set_contents (PfChecklistPage *self,
                                PfDatabase      *database,
                                PfSchema        *schema,
                                gboolean         saved,
                                const char      *project_dir)
{
  g_autoptr(PfChecklistRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_to = NULL;

  g_return_if_fail (PF_IS_CHECKLIST_PAGE (self));
  g_return_if_fail (database == NULL || PF_IS_DATABASE (database));

  set_run (self, NULL);
  g_cancellable_cancel (self->prepare_cancellable);
  g_clear_object (&self->prepare_cancellable);
  self->preparing = FALSE;
  set_checking (self, self->checks_running);
  g_set_object (&self->database, database);
  g_set_object (&self->schema, schema);
  g_free (self->project_dir);
  self->project_dir = g_strdup (project_dir);
  g_clear_pointer (&self->key, g_free);
  g_clear_object (&self->integrity);
  g_clear_object (&self->analysis);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.start", database != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.duplicate", database != NULL);

  if (database == NULL)
    {
      update_summary (self);
      return;
    }

  self->key = pf_checklist_store_dup_key (pf_database_get_profile (database), saved);
  prepare_project (self);
  run = pf_checklist_store_load (self->store, self->key, &moved_to, &error);

  if (run != NULL)
    set_run (self, run);
  else
    {
      fill_templates (self);
      update_summary (self);
    }

  if (error != NULL)
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("The saved checklist could not be read: %s"), error->message);

      show_error (self, message);
    }
  else if (moved_to != NULL)
    {
      /* Translators: %s is a file's path */
      g_autofree char *message = g_strdup_printf (_("The saved checklist could not be read. It was "
                                                    "moved to “%s”, and nothing was overwritten."),
                                                  moved_to);

      show_error (self, message);
    }
}

void
pf_checklist_page_set_integrity (PfChecklistPage *self,
                                 PfReport        *report)
{
  g_return_if_fail (PF_IS_CHECKLIST_PAGE (self));
  g_return_if_fail (report == NULL || PF_IS_REPORT (report));

  if (!g_set_object (&self->integrity, report))
    return;

  if (self->checks != NULL && report != NULL && !self->checks_running)
    pf_checklist_checks_set_integrity (self->checks, report);
}

void
pf_checklist_page_set_analysis (PfChecklistPage     *self,
                                PfMigrationAnalysis *analysis)
{
  g_return_if_fail (PF_IS_CHECKLIST_PAGE (self));

  if (!g_set_object (&self->analysis, analysis))
    return;

  if (self->checks != NULL && analysis != NULL && !self->checks_running)
    pf_checklist_checks_set_analysis (self->checks, analysis);
}

PfChecklistRun *
pf_checklist_page_get_run (PfChecklistPage *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_PAGE (self), NULL);

  return self->run;
}

gboolean
pf_checklist_page_get_checking (PfChecklistPage *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_PAGE (self), FALSE);

  return self->checks_running || self->checking_again || self->preparing;
}

const char *
pf_checklist_page_get_summary (PfChecklistPage *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_PAGE (self), NULL);

  return self->summary;
}

guint
pf_checklist_page_get_step (PfChecklistPage *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_PAGE (self), 0);

  return self->step;
}

guint
pf_checklist_page_get_n_steps (PfChecklistPage *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_PAGE (self), 0);

  return self->run != NULL ? n_template_steps (self) + 1 : 0;
}

GtkWidget *
pf_checklist_page_new (void)
{
  return g_object_new (PF_TYPE_CHECKLIST_PAGE, NULL);
}

/* ---- GObject ---------------------------------------------------------------- */

static void
pf_checklist_page_dispose (GObject *object)
{
  PfChecklistPage *self = PF_CHECKLIST_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->prepare_cancellable != NULL)
    g_cancellable_cancel (self->prepare_cancellable);
  if (self->run != NULL)
    g_signal_handlers_disconnect_by_func (self->run, run_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_CHECKLIST_PAGE);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->prepare_cancellable);
  g_clear_object (&self->checks);
  g_clear_object (&self->run);
  g_clear_object (&self->integrity);
  g_clear_object (&self->analysis);
  g_clear_object (&self->schema);
  g_clear_object (&self->database);
  g_clear_object (&self->store);
  g_clear_object (&self->templates);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->queued, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_checklist_page_parent_class)->dispose (object);
}

static void
pf_checklist_page_finalize (GObject *object)
{
  PfChecklistPage *self = PF_CHECKLIST_PAGE (object);

  g_free (self->selected_template);
  g_free (self->project_dir);
  g_free (self->key);
  g_free (self->summary);

  G_OBJECT_CLASS (pf_checklist_page_parent_class)->finalize (object);
}

static void
pf_checklist_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PfChecklistPage *self = PF_CHECKLIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_RUN:
      g_value_set_object (value, self->run);
      break;

    case PROP_CHECKING:
      g_value_set_boolean (value, pf_checklist_page_get_checking (self));
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_checklist_page_class_init (PfChecklistPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_checklist_page_dispose;
  object_class->finalize = pf_checklist_page_finalize;
  object_class->get_property = pf_checklist_page_get_property;

  properties[PROP_RUN] =
    g_param_spec_object ("run", NULL, NULL,
                         PF_TYPE_CHECKLIST_RUN,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOW_PAGE] =
    g_signal_new ("show-page",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (PF_TYPE_CHECKLIST_ITEM_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-checklist-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, template_list);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, intro_error_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, template_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, step_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, step_title_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, step_description_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, name_group);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, items_list);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, signoff_box);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, verdict_card);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, verdict_detail_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, summary_list);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, sign_group);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, signer_row);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, sign_button);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, signed_box);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, signed_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, changes_group);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, changes_list);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistPage, scrolled_window);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, signer_changed_cb);

  gtk_widget_class_install_action (widget_class, "checklist.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "checklist.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "checklist.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "checklist.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "checklist.start-over", NULL, start_over_action);
  gtk_widget_class_install_action (widget_class, "checklist.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "checklist.check-again", NULL, check_again_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "checklist.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "checklist.next", NULL);
}

static void
pf_checklist_page_init (PfChecklistPage *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->queued = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  self->store = pf_checklist_store_new (NULL);
  self->templates = pf_checklist_templates_new (NULL);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);
  if (settings_have_signer (self))
    {
      g_autofree char *name = g_settings_get_string (self->settings, SIGNER_NAME_KEY);

      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.start", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.duplicate", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.sign", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checklist.check-again", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "intro");
}
