/* pf-timeline-row.c — one line of the Timeline list (recycled by a GtkListView)
 *
 * The same widget shows every kind of entry: a heading, a problem of the
 * history, a pending migration with its place in the run, a deployment
 * (with an expander) or one record of it. Rows are recycled while
 * scrolling, so binding only sets labels and rebuilds the few badges.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-timeline-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-finding-row.h"
#include "pf-timeline-row.h"

struct _PfTimelineRow
{
  GtkWidget        parent_instance;

  GtkTreeExpander *expander;
  GtkWidget       *box;
  GtkLabel        *position_label;
  GtkImage        *icon;
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkBox          *badges;

  PfTimelineEntry *entry;
  gulong           review_handler;
};

G_DEFINE_FINAL_TYPE (PfTimelineRow, pf_timeline_row, GTK_TYPE_WIDGET)

/* ---- badges -------------------------------------------------------------- */

/* A word on a tinted pill; the description is the reason, for screen
 * readers and as a tooltip, so colour is never the only signal */
static void
add_badge (GtkBox     *box,
           const char *text,
           const char *style,
           const char *description)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "pf-badge");
  gtk_widget_add_css_class (badge, style);
  gtk_widget_add_css_class (badge, "caption");
  gtk_widget_set_tooltip_text (badge, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_box_append (box, badge);
}

static void
add_reasons_badge (GtkBox          *box,
                   PfTimelineEntry *entry,
                   const char      *kind,
                   const char      *text,
                   const char      *style,
                   const char      *meaning)
{
  g_autofree char *reasons = pf_timeline_entry_dup_reasons (entry, kind);
  g_autofree char *description = NULL;

  if (reasons == NULL)
    return;

  /* TRANSLATORS: a badge's meaning and its reasons, "Will fail: 2 orphaned rows…" */
  description = g_strdup_printf (_("%s: %s"), meaning, reasons);
  add_badge (box, text, style, description);
}

static const char *
state_badge_text (PfMigrationState state)
{
  switch (state)
    {
    case PF_MIGRATION_STATE_FAILED:
      return _("Failed");
    case PF_MIGRATION_STATE_DIRTY:
      return _("Dirty");
    case PF_MIGRATION_STATE_UNFINISHED:
      return _("Unfinished");
    case PF_MIGRATION_STATE_ROLLED_BACK:
      return _("Rolled back");
    case PF_MIGRATION_STATE_SKIPPED:
      return _("Skipped");
    case PF_MIGRATION_STATE_APPLIED:
    default:
      return NULL;
    }
}

static gboolean
any_child_drift (PfTimelineEntry *entry)
{
  GListModel *children = pf_timeline_entry_get_children (entry);
  guint n = children != NULL ? g_list_model_get_n_items (children) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfTimelineEntry) child = g_list_model_get_item (children, i);

      if (pf_timeline_entry_get_drift (child))
        return TRUE;
    }

  return FALSE;
}

void
pf_timeline_badges_fill (GtkBox          *box,
                         PfTimelineEntry *entry)
{
  GtkWidget *child;
  const PfMigrationReview *review;
  const char *state;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);

  /* A problem of the whole history is its own badge */
  if (entry == NULL || pf_timeline_entry_get_kind (entry) == PF_TIMELINE_ENTRY_PROBLEM)
    return;

  add_reasons_badge (box, entry, PF_MIGRATION_PROBLEM_WILL_FAIL, _("Will fail"), "pf-badge-error",
                     _("Will fail"));
  add_reasons_badge (box, entry, PF_MIGRATION_PROBLEM_RISKY_OPERATION, _("Risky"), "pf-badge-warning",
                     _("Risky"));

  if (pf_timeline_entry_get_drift (entry))
    {
      g_autofree char *missing = pf_timeline_entry_dup_reasons (entry, PF_MIGRATION_PROBLEM_MISSING_TABLE);
      g_autofree char *missing_columns = pf_timeline_entry_dup_reasons (entry, PF_MIGRATION_PROBLEM_MISSING_COLUMN);
      g_autofree char *both = g_strjoin ("\n", missing != NULL ? missing : "",
                                         missing_columns != NULL ? missing_columns : "", NULL);
      /* TRANSLATORS: the "Drift" badge; %s says what is missing */
      g_autofree char *description = g_strdup_printf (_("Drift: %s"), g_strstrip (both));

      add_badge (box, _("Drift"), "pf-badge-error", description);
    }
  else if (pf_timeline_entry_get_kind (entry) == PF_TIMELINE_ENTRY_DEPLOYMENT && any_child_drift (entry))
    add_badge (box, _("Drift"), "pf-badge-error",
               _("Drift: a table or column one of these migrations made is missing from the database"));

  add_reasons_badge (box, entry, PF_MIGRATION_PROBLEM_PROBABLY_FAKED, _("Faked?"), "pf-badge-warning",
                     _("Probably recorded with --fake"));
  add_reasons_badge (box, entry, PF_MIGRATION_PROBLEM_CONFLICT, _("Conflict"), "pf-badge-warning",
                     _("Conflict"));
  /* TRANSLATORS: the badge of one of two migrations numbered alike */
  add_reasons_badge (box, entry, PF_MIGRATION_PROBLEM_DUPLICATE_NUMBER, _("Same number"), "pf-badge-warning",
                     _("Same number as another migration"));
  /* TRANSLATORS: the badge of a migration recorded before one it depends on */
  add_reasons_badge (box, entry, PF_MIGRATION_PROBLEM_INCONSISTENT_HISTORY, _("Out of order"), "pf-badge-error",
                     _("Inconsistent history"));
  /* TRANSLATORS: the badge of a record whose file is not in the project */
  add_reasons_badge (box, entry, PF_MIGRATION_PROBLEM_ORPHANED_RECORD, _("No file"), "pf-badge-neutral",
                     _("No file in the project"));

  state = state_badge_text (pf_timeline_entry_get_state (entry));
  if (state != NULL)
    {
      PfMigrationState value = pf_timeline_entry_get_state (entry);
      const PfMigrationRecord *record = pf_timeline_entry_get_record (entry);
      /* TRANSLATORS: "State: Failed (checksum …)" */
      g_autofree char *description = g_strdup_printf (_("State: %s%s%s%s"), state,
                                                      record->detail != NULL ? " (" : "",
                                                      record->detail != NULL ? record->detail : "",
                                                      record->detail != NULL ? ")" : "");

      add_badge (box, state,
                 value == PF_MIGRATION_STATE_SKIPPED || value == PF_MIGRATION_STATE_ROLLED_BACK
                 ? "pf-badge-neutral" : "pf-badge-error",
                 description);
    }

  review = pf_timeline_entry_get_review (entry);
  if (review != NULL)
    {
      /* TRANSLATORS: the "Reviewed" badge; %s is the reviewer's name */
      g_autofree char *description = g_strdup_printf (_("Reviewed by %s"), review->reviewer);

      add_badge (box, _("Reviewed"), "pf-badge-success", description);
    }
}

/* ---- binding ------------------------------------------------------------- */

static void
review_changed_cb (PfTimelineRow *self)
{
  pf_timeline_badges_fill (self->badges, self->entry);
}

static void
clear_kind_classes (PfTimelineRow *self)
{
  static const char * const classes[] = {
    "pf-timeline-heading", "pf-timeline-problem", "pf-timeline-pending",
    "pf-timeline-deployment", "pf-timeline-record", "pf-problem-blocker",
    "pf-problem-warning", "pf-problem-info",
  };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (self->box, classes[i]);
}

static const char *
kind_css_class (PfTimelineEntryKind kind)
{
  switch (kind)
    {
    case PF_TIMELINE_ENTRY_HEADING:
      return "pf-timeline-heading";
    case PF_TIMELINE_ENTRY_PROBLEM:
      return "pf-timeline-problem";
    case PF_TIMELINE_ENTRY_PENDING:
      return "pf-timeline-pending";
    case PF_TIMELINE_ENTRY_DEPLOYMENT:
      return "pf-timeline-deployment";
    case PF_TIMELINE_ENTRY_RECORD:
    default:
      return "pf-timeline-record";
    }
}

static void
set_accessible_label (PfTimelineRow *self)
{
  GString *label = g_string_new (pf_timeline_entry_get_title (self->entry));
  const char *subtitle = pf_timeline_entry_get_subtitle (self->entry);

  if (pf_timeline_entry_get_position (self->entry) > 0)
    {
      /* TRANSLATORS: a pending migration's place in the run, before its name */
      g_autofree char *position = g_strdup_printf (_("%u: "), pf_timeline_entry_get_position (self->entry));

      g_string_prepend (label, position);
    }
  if (subtitle != NULL && *subtitle != '\0')
    g_string_append_printf (label, ". %s", subtitle);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label->str,
                                  -1);
  g_string_free (label, TRUE);
}

void
pf_timeline_row_bind (PfTimelineRow  *self,
                      GtkTreeListRow *list_row)
{
  PfTimelineEntryKind kind;
  const char *subtitle;

  g_return_if_fail (PF_IS_TIMELINE_ROW (self));

  if (self->entry != NULL)
    {
      g_clear_signal_handler (&self->review_handler, self->entry);
      g_clear_object (&self->entry);
    }
  gtk_tree_expander_set_list_row (self->expander, list_row);
  clear_kind_classes (self);

  if (list_row == NULL)
    {
      pf_timeline_badges_fill (self->badges, NULL);
      return;
    }

  self->entry = gtk_tree_list_row_get_item (list_row);
  kind = pf_timeline_entry_get_kind (self->entry);
  gtk_widget_add_css_class (self->box, kind_css_class (kind));

  gtk_label_set_label (self->title_label, pf_timeline_entry_get_title (self->entry));
  subtitle = pf_timeline_entry_get_subtitle (self->entry);
  gtk_label_set_label (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && *subtitle != '\0');

  if (kind == PF_TIMELINE_ENTRY_PENDING)
    {
      g_autofree char *position = g_strdup_printf ("%u", pf_timeline_entry_get_position (self->entry));

      gtk_label_set_label (self->position_label, position);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->position_label), kind == PF_TIMELINE_ENTRY_PENDING);

  if (kind == PF_TIMELINE_ENTRY_PROBLEM)
    {
      PfSeverity severity = pf_migration_problem_get_severity (pf_timeline_entry_get_problem (self->entry));

      gtk_image_set_from_icon_name (self->icon, pf_severity_to_icon_name (severity));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->icon), pf_severity_to_label (severity));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, pf_severity_to_label (severity),
                                      -1);
      gtk_widget_add_css_class (self->box, severity == PF_SEVERITY_BLOCKER ? "pf-problem-blocker"
                                           : severity == PF_SEVERITY_WARNING ? "pf-problem-warning"
                                           : "pf-problem-info");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->icon), kind == PF_TIMELINE_ENTRY_PROBLEM);

  /* Headings say it all; other lines stay one line each and the detail
   * has the rest, so the plan is not pushed out of sight */
  gtk_label_set_ellipsize (self->subtitle_label,
                           kind == PF_TIMELINE_ENTRY_HEADING ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (self->subtitle_label, kind == PF_TIMELINE_ENTRY_HEADING);
  gtk_label_set_ellipsize (self->title_label,
                           kind == PF_TIMELINE_ENTRY_PROBLEM ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_MIDDLE);

  pf_timeline_badges_fill (self->badges, self->entry);
  self->review_handler = g_signal_connect_swapped (self->entry, "notify::review",
                                                   G_CALLBACK (review_changed_cb), self);
  set_accessible_label (self);
}

PfTimelineEntry *
pf_timeline_row_get_entry (PfTimelineRow *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ROW (self), NULL);

  return self->entry;
}

GtkWidget *
pf_timeline_row_new (void)
{
  return g_object_new (PF_TYPE_TIMELINE_ROW, NULL);
}

/* ---- GObject ------------------------------------------------------------- */

static void
pf_timeline_row_dispose (GObject *object)
{
  PfTimelineRow *self = PF_TIMELINE_ROW (object);

  pf_timeline_row_bind (self, NULL);
  if (self->expander != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->expander));
      self->expander = NULL;
    }

  G_OBJECT_CLASS (pf_timeline_row_parent_class)->dispose (object);
}

static void
pf_timeline_row_class_init (PfTimelineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_timeline_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pftimelinerow");
}

static void
pf_timeline_row_init (PfTimelineRow *self)
{
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->box, "pf-timeline-line");

  self->position_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_size_request (GTK_WIDGET (self->position_label), 28, -1);
  gtk_label_set_xalign (self->position_label, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->position_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->position_label), "numeric");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->position_label));

  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->icon), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), "pf-problem-icon");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->icon));

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "pf-timeline-title");
  self->subtitle_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle_label, 0);
  gtk_label_set_wrap_mode (self->subtitle_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "caption");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->subtitle_label));
  gtk_box_append (GTK_BOX (self->box), text);

  self->badges = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_widget_set_valign (GTK_WIDGET (self->badges), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->badges));

  self->expander = GTK_TREE_EXPANDER (gtk_tree_expander_new ());
  gtk_tree_expander_set_child (self->expander, self->box);
  gtk_widget_set_parent (GTK_WIDGET (self->expander), GTK_WIDGET (self));
}
