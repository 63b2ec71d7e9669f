/* pf-checklist-item-row.c — one item of a checklist step, as the wizard shows it
 *
 * Title, Required/Optional and role, why it matters, the state as a word on
 * a tinted badge (never colour alone), and what can be done with it: Done
 * with an optional note for what a person checks, Run Again with the
 * evidence and its details for what Preflight checks, Skip for optional
 * items. The row only reports intent through signals; the page changes the
 * run, and the row follows the entry's notifications.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-checklist-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-checklist-item-row.h"

struct _PfChecklistItemRow
{
  GtkListBoxRow     parent_instance;

  PfChecklistEntry *entry;
  gboolean          updating;

  /* Template widgets */
  GtkLabel         *title_label;
  GtkLabel         *meta_label;
  GtkSpinner       *spinner;
  GtkLabel         *state_badge;
  GtkLabel         *why_label;
  GtkLabel         *evidence_label;
  GtkExpander      *details_expander;
  GtkLabel         *details_label;
  GtkLabel         *status_label;
  GtkEntry         *note_entry;
  GtkCheckButton   *done_check;
  GtkWidget        *skip_button;
  GtkWidget        *run_button;
  GtkWidget        *findings_button;
  GtkWidget        *backup_button;
};

G_DEFINE_FINAL_TYPE (PfChecklistItemRow, pf_checklist_item_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  DONE_TOGGLED,
  NOTE_CHANGED,
  SKIP,
  RUN_AGAIN,
  SHOW_FINDINGS,
  BACK_UP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
pf_checklist_state_badge_class (PfChecklistState state)
{
  switch (state)
    {
    case PF_CHECKLIST_STATE_DONE:
      return "pf-badge-success";

    case PF_CHECKLIST_STATE_FAILED:
      return "pf-badge-error";

    case PF_CHECKLIST_STATE_RUNNING:
      return "pf-badge-warning";

    case PF_CHECKLIST_STATE_OPEN:
    case PF_CHECKLIST_STATE_NOT_APPLICABLE:
    case PF_CHECKLIST_STATE_SKIPPED:
    default:
      return "pf-badge-neutral";
    }
}

/* "at 14:05" today, "on 21 Nov at 14:05" another day */
static char *
dup_when_text (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  g_autofree char *day = NULL;

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: %s is a time, "14:05" */
    return g_strdup_printf (_("at %s"), time);

  /* Translators: a day as strftime() writes it, "21 Nov" */
  day = g_date_time_format (local, _("%-d %b"));
  /* Translators: "on 21 Nov at 14:05" */
  return g_strdup_printf (_("on %s at %s"), day, time);
}

char *
pf_checklist_entry_dup_status_text (PfChecklistEntry *entry)
{
  GDateTime *when = pf_checklist_entry_get_when (entry);
  const char *who = pf_checklist_entry_get_who (entry);
  g_autofree char *when_text = NULL;

  if (when == NULL)
    return NULL;

  when_text = dup_when_text (when);

  switch (pf_checklist_entry_get_state (entry))
    {
    case PF_CHECKLIST_STATE_DONE:
      if (who != NULL && who[0] != '\0')
        /* Translators: "Done by Anna Kowalska at 14:05" */
        return g_strdup_printf (_("Done by %s %s"), who, when_text);
      if (pf_checklist_entry_get_needs_person (entry))
        /* Translators: "Done at 14:05" */
        return g_strdup_printf (_("Done %s"), when_text);
      /* Translators: "Checked at 14:05" */
      return g_strdup_printf (_("Checked %s"), when_text);

    case PF_CHECKLIST_STATE_SKIPPED:
      /* Translators: "Skipped at 14:05" */
      return g_strdup_printf (_("Skipped %s"), when_text);

    case PF_CHECKLIST_STATE_FAILED:
    case PF_CHECKLIST_STATE_NOT_APPLICABLE:
      return g_strdup_printf (_("Checked %s"), when_text);

    case PF_CHECKLIST_STATE_OPEN:
    case PF_CHECKLIST_STATE_RUNNING:
    default:
      return NULL;
    }
}

static void
set_accessible_label (GtkWidget *widget,
                      char      *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_free (label);
}

/* Whether the keyboard focus is in @widget (an entry's focus is on its text) */
static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
pf_checklist_item_row_update (PfChecklistItemRow *self)
{
  static const char *classes[] = {
    "pf-badge-success", "pf-badge-error", "pf-badge-warning", "pf-badge-neutral",
  };
  PfChecklistItem *item = pf_checklist_entry_get_item (self->entry);
  PfChecklistItemKind kind = pf_checklist_item_get_kind (item);
  PfChecklistState state = pf_checklist_entry_get_state (self->entry);
  gboolean needs_person = pf_checklist_entry_get_needs_person (self->entry);
  gboolean automatic = kind == PF_CHECKLIST_ITEM_AUTOMATIC;
  gboolean running = state == PF_CHECKLIST_STATE_RUNNING;
  const char *check = pf_checklist_item_get_check (item);
  const char *evidence = pf_checklist_entry_get_evidence (self->entry);
  const char * const *details = pf_checklist_entry_get_details (self->entry);
  const char *note = pf_checklist_entry_get_note (self->entry);
  const char *role = pf_checklist_item_get_role (item);
  const char *label = pf_checklist_state_to_label (state, needs_person ? PF_CHECKLIST_ITEM_MANUAL : kind);
  g_autofree char *meta = NULL;
  g_autofree char *status = NULL;
  g_autofree char *badge_description = NULL;

  self->updating = TRUE;

  gtk_label_set_label (self->title_label, pf_checklist_item_get_title (item));
  gtk_label_set_label (self->why_label, pf_checklist_item_get_why (item));
  gtk_widget_set_visible (GTK_WIDGET (self->why_label),
                          pf_checklist_item_get_why (item) != NULL && pf_checklist_item_get_why (item)[0] != '\0');

  if (role != NULL && role[0] != '\0')
    /* Translators: "Required · DBA": whether the item must be done, and who usually does it */
    meta = g_strdup_printf (_("%s · %s"),
                            pf_checklist_item_get_required (item) ? _("Required") : _("Optional"),
                            role);
  else
    meta = g_strdup (pf_checklist_item_get_required (item) ? _("Required") : _("Optional"));
  if (automatic && !needs_person)
    {
      g_autofree char *with_kind = g_strdup_printf ("%s · %s", meta, _("Checked by Preflight"));

      g_free (meta);
      meta = g_steal_pointer (&with_kind);
    }
  gtk_label_set_label (self->meta_label, meta);

  /* The state, in words */
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_badge), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_badge), pf_checklist_state_badge_class (state));
  gtk_label_set_label (self->state_badge, label);
  /* Translators: a checklist item's state for a screen reader, "State: Passed" */
  badge_description = g_strdup_printf (_("State: %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_badge),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, badge_description,
                                  -1);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);

  /* What Preflight found */
  gtk_label_set_label (self->evidence_label, evidence ? evidence : "");
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_label), evidence != NULL && evidence[0] != '\0' && !running);
  if (details != NULL && details[0] != NULL)
    {
      g_autofree char *text = g_strjoinv ("\n", (char **) details);

      gtk_label_set_label (self->details_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->details_expander), !running);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->details_expander), FALSE);

  status = pf_checklist_entry_dup_status_text (self->entry);
  gtk_label_set_label (self->status_label, status ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);

  /* What a person can do */
  gtk_widget_set_visible (GTK_WIDGET (self->done_check), needs_person);
  gtk_check_button_set_active (self->done_check, state == PF_CHECKLIST_STATE_DONE);
  gtk_widget_set_visible (GTK_WIDGET (self->note_entry), needs_person && state == PF_CHECKLIST_STATE_DONE);
  if (!has_focus_within (GTK_WIDGET (self->note_entry)) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->note_entry)), note ? note : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note ? note : "");

  gtk_widget_set_visible (self->skip_button,
                          !pf_checklist_item_get_required (item) &&
                          state != PF_CHECKLIST_STATE_SKIPPED &&
                          state != PF_CHECKLIST_STATE_DONE &&
                          state != PF_CHECKLIST_STATE_NOT_APPLICABLE);
  gtk_widget_set_sensitive (self->skip_button, !running);

  gtk_widget_set_visible (self->run_button, automatic && !needs_person);
  gtk_widget_set_sensitive (self->run_button, !running);
  gtk_widget_set_visible (self->findings_button,
                          automatic && g_strcmp0 (check, "integrity") == 0 &&
                          state == PF_CHECKLIST_STATE_FAILED);
  gtk_widget_set_visible (self->backup_button,
                          automatic && g_strcmp0 (check, "backup-verified") == 0 &&
                          state != PF_CHECKLIST_STATE_DONE);
  gtk_widget_set_sensitive (self->backup_button, !running);

  self->updating = FALSE;
}

static void
done_toggled_cb (PfChecklistItemRow *self)
{
  if (self->updating)
    return;

  g_signal_emit (self, signals[DONE_TOGGLED], 0, gtk_check_button_get_active (self->done_check));
}

static void
note_activate_cb (PfChecklistItemRow *self)
{
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));

  if (self->updating)
    return;

  if (g_strcmp0 (note, pf_checklist_entry_get_note (self->entry) ? pf_checklist_entry_get_note (self->entry) : "") != 0)
    g_signal_emit (self, signals[NOTE_CHANGED], 0, note);
}

static void
note_focus_leave_cb (PfChecklistItemRow *self)
{
  note_activate_cb (self);
}

static void
skip_clicked_cb (PfChecklistItemRow *self)
{
  g_signal_emit (self, signals[SKIP], 0);
}

static void
run_clicked_cb (PfChecklistItemRow *self)
{
  g_signal_emit (self, signals[RUN_AGAIN], 0);
}

static void
findings_clicked_cb (PfChecklistItemRow *self)
{
  g_signal_emit (self, signals[SHOW_FINDINGS], 0);
}

static void
backup_clicked_cb (PfChecklistItemRow *self)
{
  g_signal_emit (self, signals[BACK_UP], 0);
}

static void
entry_notify_cb (PfChecklistItemRow *self)
{
  pf_checklist_item_row_update (self);
}

GtkWidget *
pf_checklist_item_row_new (PfChecklistEntry *entry)
{
  PfChecklistItemRow *self;
  const char *title;

  g_return_val_if_fail (PF_IS_CHECKLIST_ENTRY (entry), NULL);

  self = g_object_new (PF_TYPE_CHECKLIST_ITEM_ROW, NULL);
  self->entry = g_object_ref (entry);
  g_signal_connect_object (entry, "notify", G_CALLBACK (entry_notify_cb), self, G_CONNECT_SWAPPED);

  title = pf_checklist_item_get_title (pf_checklist_entry_get_item (entry));
  /* Translators: accessible names of a checklist item's controls; %s is the item's title */
  set_accessible_label (GTK_WIDGET (self->done_check), g_strdup_printf (_("Done: %s"), title));
  set_accessible_label (self->skip_button, g_strdup_printf (_("Skip: %s"), title));
  set_accessible_label (self->run_button, g_strdup_printf (_("Run again: %s"), title));
  set_accessible_label (GTK_WIDGET (self->note_entry), g_strdup_printf (_("Note: %s"), title));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  pf_checklist_item_row_update (self);

  return GTK_WIDGET (self);
}

PfChecklistEntry *
pf_checklist_item_row_get_entry (PfChecklistItemRow *self)
{
  g_return_val_if_fail (PF_IS_CHECKLIST_ITEM_ROW (self), NULL);

  return self->entry;
}

static void
pf_checklist_item_row_dispose (GObject *object)
{
  PfChecklistItemRow *self = PF_CHECKLIST_ITEM_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_CHECKLIST_ITEM_ROW);
  g_clear_object (&self->entry);

  G_OBJECT_CLASS (pf_checklist_item_row_parent_class)->dispose (object);
}

static void
pf_checklist_item_row_class_init (PfChecklistItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_checklist_item_row_dispose;

  signals[DONE_TOGGLED] =
    g_signal_new ("done-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[NOTE_CHANGED] =
    g_signal_new ("note-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SKIP] =
    g_signal_new ("skip", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RUN_AGAIN] =
    g_signal_new ("run-again", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_FINDINGS] =
    g_signal_new ("show-findings", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[BACK_UP] =
    g_signal_new ("back-up", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-checklist-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, state_badge);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, why_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, evidence_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, details_expander);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, note_entry);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, done_check);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, skip_button);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, run_button);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, findings_button);
  gtk_widget_class_bind_template_child (widget_class, PfChecklistItemRow, backup_button);
  gtk_widget_class_bind_template_callback (widget_class, done_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, skip_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, run_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, findings_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, backup_clicked_cb);
}

static void
pf_checklist_item_row_init (PfChecklistItemRow *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A note typed and left is kept, as is one confirmed with Enter */
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (note_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->note_entry), focus);
}
