/* pf-migration-detail.c — everything about one line of the Timeline
 *
 * For a migration: what stands in its way, whether someone reviewed it,
 * its file (and a button to open the folder), what it depends on, and
 * every operation in plain words and as written, with the SQL of RunSQL
 * and, once applied, whether what it made is still in the database. For a
 * deployment: when and how many, and its migrations. For a problem of the
 * history: the explanation and the fix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-migration-detail"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pf-finding-row.h"
#include "pf-migration-detail.h"
#include "pf-timeline-row.h"
#include "pf-words.h"

struct _PfMigrationDetail
{
  GtkWidget            parent_instance;

  GtkWidget           *scrolled;
  GtkBox              *content;

  PfTimeline          *timeline;
  PfTimelineEntry     *entry;
  PfConnectionProfile *profile;
  gboolean             profile_saved;

  /* Review controls of the entry shown */
  GtkEditable         *reviewer_entry;
  GtkSwitch           *reviewed_switch;
  AdwActionRow        *reviewed_row;
};

G_DEFINE_FINAL_TYPE (PfMigrationDetail, pf_migration_detail, GTK_TYPE_WIDGET)

enum {
  NAVIGATE,
  REVIEW_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- small builders -------------------------------------------------------- */

static GtkWidget *
make_label (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

/* Identifiers break anywhere when they must, without a hyphen that is
 * not in the name */
static void
set_no_hyphens (GtkLabel *label)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (label, attributes);
  pango_attr_list_unref (attributes);
}

static GtkWidget *
add_group (PfMigrationDetail *self,
           const char        *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->content, group);

  return group;
}

static GtkWidget *
add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

/* Monospace text a DBA copies: selectable, wrapping anywhere */
static GtkWidget *
make_code_view (const char *code,
                const char *accessible_label)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), code, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "pf-code");

  return frame;
}

/* ---- problems ------------------------------------------------------------ */

/* A problem: its title and plain explanation; the technical detail and the
 * fix one click away, in the same row */
static void
add_problem_row (GtkWidget          *group,
                 PfMigrationProblem *problem)
{
  PfSeverity severity = pf_migration_problem_get_severity (problem);
  const char *explanation = pf_migration_problem_get_explanation (problem);
  const char *detail = pf_migration_problem_get_detail (problem);
  const char *fix = pf_migration_problem_get_fix (problem);
  gint64 count = pf_migration_problem_get_count (problem);
  gboolean has_more = (detail != NULL && *detail != '\0') || (fix != NULL && *fix != '\0');
  GtkWidget *row = has_more ? adw_expander_row_new () : adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (pf_severity_to_icon_name (severity));
  GtkWidget *count_label = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pf_migration_problem_get_title (problem));
  gtk_widget_add_css_class (icon, pf_severity_to_css_class (severity));
  gtk_widget_set_tooltip_text (icon, pf_severity_to_label (severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, pf_severity_to_label (severity),
                                  -1);

  if (count >= 0)
    {
      g_autofree char *number = g_strdup_printf ("%'" G_GINT64_FORMAT, count);
      /* TRANSLATORS: the live count of rows behind a prediction, "1,350 rows" */
      g_autofree char *rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows",
                                                            count > G_MAXUINT ? G_MAXUINT : (gulong) count),
                                               number);

      count_label = gtk_label_new (rows);
      gtk_widget_add_css_class (count_label, "numeric");
      gtk_widget_set_valign (count_label, GTK_ALIGN_CENTER);
    }

  if (!has_more)
    {
      if (explanation != NULL)
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), explanation);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
        }
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (count_label != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label);
    }
  else
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *inner = gtk_list_box_row_new ();

      if (explanation != NULL)
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), explanation);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
      if (count_label != NULL)
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row), count_label);

      gtk_widget_set_margin_top (box, 12);
      gtk_widget_set_margin_bottom (box, 12);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      if (detail != NULL && *detail != '\0')
        {
          GtkWidget *label = make_label (detail, NULL);

          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_box_append (GTK_BOX (box), label);
        }
      if (fix != NULL && *fix != '\0')
        {
          gtk_box_append (GTK_BOX (box), make_label (_("How to fix it"), "heading"));
          gtk_box_append (GTK_BOX (box), make_code_view (fix, _("How to fix it")));
        }
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (inner), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (inner), box);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), inner);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
add_problems (PfMigrationDetail *self,
              PfTimelineEntry   *entry)
{
  GPtrArray *problems = pf_timeline_entry_get_problems (entry);
  GtkWidget *group;

  if (problems->len == 0)
    return;

  group = add_group (self, pf_timeline_entry_get_kind (entry) == PF_TIMELINE_ENTRY_PROBLEM
                           ? _("The Problem") : _("What Needs a Look"));
  for (guint i = 0; i < problems->len; i++)
    add_problem_row (group, g_ptr_array_index (problems, i));
}

/* ---- the file ------------------------------------------------------------ */

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      /* TRANSLATORS: %s is why the file manager could not open the folder */
      g_autofree char *message = g_strdup_printf (_("Could not open the folder: %s"), error->message);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
    }
}

static void
open_folder_clicked_cb (GtkButton *button,
                        GtkWidget *row)
{
  const char *path = g_object_get_data (G_OBJECT (button), "pf-path");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *uri = g_file_get_uri (folder != NULL ? folder : file);
  g_autoptr(GdkAppLaunchContext) context =
    gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (button)));

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           launch_cb, g_object_ref (row));
}

static void
add_file_row (GtkWidget  *group,
              const char *path,
              guint       line)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *dirname = g_path_get_dirname (path);
  g_autofree char *display_dir = g_filename_display_name (dirname);
  g_autofree char *display_name = g_filename_display_name (basename);
  g_autofree char *title = line > 0
                           /* TRANSLATORS: a file and a line in it, "0004_shift.py, line 12" */
                           ? g_strdup_printf (_("%s, line %u"), display_name, line)
                           : g_strdup (display_name);
  GtkWidget *row = add_row (group, title, display_dir);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Open Folder"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Show the folder that holds this file in the file manager"));
  g_object_set_data_full (G_OBJECT (button), "pf-path", g_strdup (path), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (open_folder_clicked_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_widget_add_css_class (row, "property");
}

/* ---- review ---------------------------------------------------------------- */

static void
update_review_row (PfMigrationDetail *self)
{
  const PfMigrationReview *review = pf_timeline_entry_get_review (self->entry);
  g_autofree char *subtitle = NULL;

  if (review != NULL)
    {
      g_autofree char *when = pf_words_dup_local_date_time (review->reviewed_at);

      /* TRANSLATORS: "Reviewed by Anna Kowalska on 21 November 2026, 14:02." */
      subtitle = g_strdup_printf (_("Reviewed by %s on %s."), review->reviewer, when);
    }
  else if (pf_timeline_entry_get_migration (self->entry) == NULL)
    subtitle = g_strdup (_("The file is not in the project folder, so there is nothing to review."));
  else
    subtitle = g_strdup (_("Read the file and its SQL (manage.py sqlmigrate), then mark it. A changed file needs a new review."));

  if (!self->profile_saved)
    {
      g_autofree char *kept = g_strdup_printf ("%s %s", subtitle,
                                               _("This database is not a saved connection, so the mark is kept only while it is open."));

      g_free (subtitle);
      subtitle = g_steal_pointer (&kept);
    }
  adw_action_row_set_subtitle (self->reviewed_row, subtitle);
}

static void
reviewed_changed_cb (PfMigrationDetail *self)
{
  gboolean active = gtk_switch_get_active (self->reviewed_switch);
  const char *app = pf_timeline_entry_get_app (self->entry);
  const char *name = pf_timeline_entry_get_name (self->entry);
  PfMigration *migration = pf_timeline_entry_get_migration (self->entry);

  if (active == (pf_timeline_entry_get_review (self->entry) != NULL))
    return;

  if (active)
    {
      g_autofree char *reviewer = g_strstrip (g_strdup (gtk_editable_get_text (self->reviewer_entry)));
      g_autoptr(PfMigrationReview) review = NULL;

      if (*reviewer == '\0' || migration == NULL)
        {
          /* Who reviewed it is the point of the mark */
          gtk_widget_add_css_class (GTK_WIDGET (self->reviewer_entry), "error");
          gtk_widget_grab_focus (GTK_WIDGET (self->reviewer_entry));
          gtk_switch_set_active (self->reviewed_switch, FALSE);
          return;
        }

      review = pf_migration_review_new (app, name, pf_migration_get_checksum (migration), reviewer, NULL);
      pf_connection_profile_set_review (self->profile, review);
      pf_timeline_entry_set_review (self->entry, review);
    }
  else
    {
      pf_connection_profile_clear_review (self->profile, app, name);
      pf_timeline_entry_set_review (self->entry, NULL);
    }

  update_review_row (self);
  g_signal_emit (self, signals[REVIEW_CHANGED], 0);
}

static void
reviewer_changed_cb (PfMigrationDetail *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->reviewer_entry), "error");
}

static void
add_review (PfMigrationDetail *self)
{
  GtkWidget *group = add_group (self, _("Review"));
  const PfMigrationReview *review = pf_timeline_entry_get_review (self->entry);
  const char *reviewer = review != NULL ? review->reviewer : NULL;
  GtkWidget *entry_row = adw_entry_row_new ();
  GtkWidget *row;

  if (reviewer == NULL && self->profile != NULL)
    reviewer = pf_connection_profile_get_last_reviewer (self->profile);
  if (reviewer == NULL && g_strcmp0 (g_get_real_name (), "Unknown") != 0)
    reviewer = g_get_real_name ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry_row), _("Reviewer"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row), reviewer != NULL ? reviewer : "");
  self->reviewer_entry = GTK_EDITABLE (entry_row);
  g_signal_connect_swapped (entry_row, "changed", G_CALLBACK (reviewer_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry_row);

  row = add_row (group, _("Marked as _Reviewed"), NULL);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  self->reviewed_row = ADW_ACTION_ROW (row);
  self->reviewed_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->reviewed_switch), GTK_ALIGN_CENTER);
  gtk_switch_set_active (self->reviewed_switch, review != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reviewed_switch),
                            pf_timeline_entry_get_migration (self->entry) != NULL && self->profile != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reviewed_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Marked as reviewed"),
                                  -1);
  adw_action_row_add_suffix (self->reviewed_row, GTK_WIDGET (self->reviewed_switch));
  adw_action_row_set_activatable_widget (self->reviewed_row, GTK_WIDGET (self->reviewed_switch));
  g_signal_connect_swapped (self->reviewed_switch, "notify::active", G_CALLBACK (reviewed_changed_cb), self);

  update_review_row (self);
}

/* ---- dependencies ------------------------------------------------------------ */

static void
navigate_row_activated_cb (AdwActionRow      *row,
                           PfMigrationDetail *self)
{
  PfTimelineEntry *target = g_object_get_data (G_OBJECT (row), "pf-entry");

  g_signal_emit (self, signals[NAVIGATE], 0, target);
}

/* A row that opens @target (may be NULL: then it only informs) */
static void
add_navigate_row (GtkWidget       *group,
                  const char      *title,
                  const char      *subtitle,
                  PfTimelineEntry *target,
                  PfMigrationDetail *self)
{
  GtkWidget *row = add_row (group, title, subtitle);

  if (target == NULL)
    return;

  g_object_set_data_full (G_OBJECT (row), "pf-entry", g_object_ref (target), g_object_unref);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_signal_connect (row, "activated", G_CALLBACK (navigate_row_activated_cb), self);
}

static void
add_dependencies (PfMigrationDetail *self,
                  PfMigration       *migration)
{
  PfMigrationGraph *graph = pf_migration_analysis_get_graph (pf_timeline_get_analysis (self->timeline));
  g_autoptr(GPtrArray) dependencies = NULL;
  GtkWidget *group;

  if (graph == NULL)
    return;

  dependencies = pf_migration_graph_dup_dependencies (graph, migration);
  if (dependencies == NULL || dependencies->len == 0)
    return;

  group = add_group (self, _("Depends On"));
  for (guint i = 0; i < dependencies->len; i++)
    {
      PfMigration *dependency = g_ptr_array_index (dependencies, i);
      PfTimelineEntry *target = pf_timeline_lookup (self->timeline, pf_migration_get_app (dependency),
                                                    pf_migration_get_name (dependency));
      g_autofree char *title = g_strdup_printf ("%s · %s", pf_migration_get_app (dependency),
                                                pf_migration_get_name (dependency));
      g_autofree char *subtitle = NULL;

      if (target != NULL && pf_timeline_entry_get_kind (target) == PF_TIMELINE_ENTRY_PENDING)
        /* TRANSLATORS: a dependency that is pending; %u is its place in the run */
        subtitle = g_strdup_printf (_("Will run as number %u of the next deployment"),
                                    pf_timeline_entry_get_position (target));
      else if (pf_migration_graph_is_applied (graph, dependency))
        subtitle = g_strdup (_("Applied"));
      else
        subtitle = g_strdup (_("Not applied"));

      add_navigate_row (group, title, subtitle, target, self);
    }
}

/* ---- operations ---------------------------------------------------------- */

/* The drift problem about what @operation made, for applied migrations:
 * AddField names the column (or its "_id" for relations); CreateModel the
 * table "<app>_<model>" */
static PfMigrationProblem *
find_operation_drift (PfTimelineEntry      *entry,
                      PfMigrationOperation *operation)
{
  GPtrArray *problems = pf_timeline_entry_get_problems (entry);
  const char *name = pf_migration_operation_get_string (operation, "name");
  gboolean add_field = g_strcmp0 (operation->kind, "AddField") == 0;
  gboolean create_model = g_strcmp0 (operation->kind, "CreateModel") == 0;
  g_autofree char *relation_column = NULL;
  g_autofree char *model_suffix = NULL;

  if (name == NULL || (!add_field && !create_model))
    return NULL;

  relation_column = g_strconcat (name, "_id", NULL);
  model_suffix = g_ascii_strdown (name, -1);

  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);
      const char *kind = pf_migration_problem_get_kind (problem);
      const char *column = pf_migration_problem_get_column (problem);
      const char *table = pf_migration_problem_get_table (problem);

      if (add_field && g_strcmp0 (kind, PF_MIGRATION_PROBLEM_MISSING_COLUMN) == 0 &&
          (g_strcmp0 (column, name) == 0 || g_strcmp0 (column, relation_column) == 0))
        return problem;

      if (create_model && g_strcmp0 (kind, PF_MIGRATION_PROBLEM_MISSING_TABLE) == 0 && table != NULL &&
          g_str_has_suffix (table, model_suffix) && strlen (table) > strlen (model_suffix) &&
          table[strlen (table) - strlen (model_suffix) - 1] == '_')
        return problem;
    }

  return NULL;
}

static GtkWidget *
make_operation_row (PfMigrationDetail    *self,
                    PfMigrationOperation *operation,
                    gboolean              applied)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *summary = pf_migration_operation_dup_summary (operation);
  g_autofree char *technical = pf_migration_operation_dup_technical (operation);
  g_autofree char *sql = NULL;
  g_autofree char *reverse_sql = NULL;
  GtkWidget *technical_label = make_label (technical, "monospace");

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), make_label (summary, NULL));

  gtk_label_set_selectable (GTK_LABEL (technical_label), TRUE);
  gtk_widget_add_css_class (technical_label, "caption");
  gtk_widget_add_css_class (technical_label, "dim-label");
  if (operation->line > 0)
    {
      /* TRANSLATORS: for a screen reader: the operation as written and its line */
      g_autofree char *description = g_strdup_printf (_("As written, line %u"), operation->line);

      gtk_accessible_update_property (GTK_ACCESSIBLE (technical_label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
  gtk_box_append (GTK_BOX (box), technical_label);

  if (applied)
    {
      PfMigrationProblem *drift = find_operation_drift (self->entry, operation);
      gboolean makes_something = g_strcmp0 (operation->kind, "AddField") == 0 ||
                                 g_strcmp0 (operation->kind, "CreateModel") == 0;

      if (drift != NULL)
        gtk_box_append (GTK_BOX (box), make_label (pf_migration_problem_get_title (drift), "error"));
      else if (makes_something)
        gtk_box_append (GTK_BOX (box), make_label (_("Present in the database"), "success"));
    }

  sql = pf_migration_operation_dup_sql (operation, "sql");
  if (sql != NULL)
    gtk_box_append (GTK_BOX (box), make_code_view (sql, _("SQL")));
  reverse_sql = pf_migration_operation_dup_sql (operation, "reverse_sql");
  if (reverse_sql != NULL)
    {
      gtk_box_append (GTK_BOX (box), make_label (_("To undo it"), "caption-heading"));
      gtk_box_append (GTK_BOX (box), make_code_view (reverse_sql, _("SQL to undo it")));
    }

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
add_operations (PfMigrationDetail *self,
                PfMigration       *migration,
                gboolean           applied)
{
  GPtrArray *operations = pf_migration_get_operations (migration);
  GtkWidget *group = add_group (self, _("Operations"));
  GtkWidget *list = gtk_list_box_new ();

  if (operations->len == 0)
    {
      add_row (group, _("No operations"), _("This migration changes nothing in the database."));
      return;
    }

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Operations"),
                                  -1);
  for (guint i = 0; i < operations->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), make_operation_row (self, g_ptr_array_index (operations, i), applied));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
}

/* ---- the kinds of entry ------------------------------------------------------ */

static void
add_heading (PfMigrationDetail *self,
             const char        *title,
             const char        *subtitle,
             const char        *status)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char *app = pf_timeline_entry_get_app (self->entry);
  const char *name = pf_timeline_entry_get_name (self->entry);
  GtkWidget *title_label;
  GtkWidget *badges = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  /* A migration: its app over its name, so a long name wraps whole */
  if (app != NULL && name != NULL)
    {
      gtk_box_append (GTK_BOX (box), make_label (app, "caption-heading"));
      title_label = make_label (name, "title-3");
      gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_CHAR);
      set_no_hyphens (GTK_LABEL (title_label));
    }
  else
    title_label = make_label (title, "title-3");
  gtk_label_set_selectable (GTK_LABEL (title_label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (title_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_box_append (GTK_BOX (box), title_label);
  if (subtitle != NULL && *subtitle != '\0')
    gtk_box_append (GTK_BOX (box), make_label (subtitle, NULL));
  if (status != NULL)
    gtk_box_append (GTK_BOX (box), make_label (status, "dim-label"));

  pf_timeline_badges_fill (GTK_BOX (badges), self->entry);
  gtk_widget_set_visible (badges, gtk_widget_get_first_child (badges) != NULL);
  gtk_box_append (GTK_BOX (box), badges);

  gtk_box_append (self->content, box);
}

static char *
dup_status (PfTimelineEntry *entry)
{
  const PfMigrationRecord *record = pf_timeline_entry_get_record (entry);
  g_autofree char *when = NULL;

  switch (pf_timeline_entry_get_kind (entry))
    {
    case PF_TIMELINE_ENTRY_PENDING:
      /* TRANSLATORS: %u is the migration's place in the next deployment */
      return g_strdup_printf (_("Pending: runs as number %u of the next deployment"),
                              pf_timeline_entry_get_position (entry));

    case PF_TIMELINE_ENTRY_RECORD:
      /* TRANSLATORS: a moment to the second as strftime() writes it */
      when = pf_words_dup_local_time (record->applied_at, _("%-d %B %Y, %H:%M:%S"));
      if (when == NULL)
        return g_strdup (_("Recorded as applied; the history does not say when"));
      /* TRANSLATORS: "Recorded as applied on 20 November 2026, 14:02:11" */
      return g_strdup_printf (_("Recorded as applied on %s"), when);

    case PF_TIMELINE_ENTRY_HEADING:
    case PF_TIMELINE_ENTRY_PROBLEM:
    case PF_TIMELINE_ENTRY_DEPLOYMENT:
    default:
      return NULL;
    }
}

static void
show_migration (PfMigrationDetail *self)
{
  PfTimelineEntry *entry = self->entry;
  PfMigration *migration = pf_timeline_entry_get_migration (entry);
  const PfMigrationRecord *record = pf_timeline_entry_get_record (entry);
  g_autofree char *status = dup_status (entry);
  g_autofree char *summary = migration != NULL ? pf_migration_dup_summary (migration) : NULL;
  GtkWidget *group;

  add_heading (self, pf_timeline_entry_get_title (entry), summary, status);
  add_problems (self, entry);

  if (pf_timeline_entry_get_kind (entry) == PF_TIMELINE_ENTRY_PENDING)
    add_review (self);

  if (record != NULL && (record->detail != NULL || record->state != PF_MIGRATION_STATE_APPLIED ||
                         pf_timeline_entry_get_framework (entry) != PF_MIGRATION_FRAMEWORK_DJANGO))
    {
      group = add_group (self, _("Recorded"));
      add_row (group, _("Framework"),
               pf_migration_framework_get_display_name (pf_timeline_entry_get_framework (entry)));
      add_row (group, _("State"), pf_migration_state_to_string (record->state));
      if (record->detail != NULL)
        add_row (group, _("Detail"), record->detail);
    }

  if (migration == NULL)
    {
      if (pf_timeline_entry_get_framework (entry) == PF_MIGRATION_FRAMEWORK_DJANGO)
        {
          gboolean has_project = pf_migration_analysis_get_source (pf_timeline_get_analysis (self->timeline)) != NULL;

          group = add_group (self, _("File"));
          if (has_project)
            add_row (group, _("Not in the project folder"),
                     _("The database records this migration, but the project has no file for it."));
          else
            add_row (group, _("No project folder"),
                     _("Choose the project folder to see the file and what it does."));
        }
      return;
    }

  group = add_group (self, _("File"));
  add_file_row (group, pf_migration_get_path (migration), 0);
  add_dependencies (self, migration);
  add_operations (self, migration, record != NULL);
}

static void
show_deployment (PfMigrationDetail *self)
{
  PfTimelineEntry *entry = self->entry;
  const PfDeployment *deployment = pf_timeline_entry_get_deployment (entry);
  GListModel *children = pf_timeline_entry_get_children (entry);
  g_autofree char *started = pf_words_dup_local_time (deployment->started_at, "%H:%M:%S");
  g_autofree char *finished = pf_words_dup_local_time (deployment->finished_at, "%H:%M:%S");
  g_autofree char *status = NULL;
  GtkWidget *group;
  guint n = g_list_model_get_n_items (children);

  if (started != NULL && finished != NULL)
    /* TRANSLATORS: "Applied between 14:02:11 and 14:02:13" */
    status = g_strdup_printf (_("Applied between %s and %s"), started, finished);

  add_heading (self, pf_timeline_entry_get_title (entry), pf_timeline_entry_get_subtitle (entry), status);
  add_problems (self, entry);

  group = add_group (self, _("Migrations"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfTimelineEntry) child = g_list_model_get_item (children, i);

      add_navigate_row (group, pf_timeline_entry_get_title (child), pf_timeline_entry_get_subtitle (child),
                        child, self);
    }
}

static void
show_problem (PfMigrationDetail *self)
{
  PfMigrationProblem *problem = pf_timeline_entry_get_problem (self->entry);
  const char * const *migrations = pf_migration_problem_get_migrations (problem);
  const char *app = pf_migration_problem_get_app (problem);
  GtkWidget *group;

  add_heading (self, pf_timeline_entry_get_title (self->entry), NULL, NULL);
  add_problems (self, self->entry);

  if (pf_migration_problem_get_path (problem) != NULL)
    {
      group = add_group (self, _("File"));
      add_file_row (group, pf_migration_problem_get_path (problem), pf_migration_problem_get_line (problem));
    }

  if (migrations != NULL && migrations[0] != NULL)
    {
      group = add_group (self, _("Migrations Concerned"));
      for (guint i = 0; migrations[i] != NULL; i++)
        {
          PfTimelineEntry *target = pf_timeline_lookup (self->timeline, app, migrations[i]);
          g_autofree char *title = app != NULL ? g_strdup_printf ("%s · %s", app, migrations[i])
                                               : g_strdup (migrations[i]);

          if (target == NULL && strchr (migrations[i], '.') != NULL)
            {
              g_auto(GStrv) parts = g_strsplit (migrations[i], ".", 2);

              target = pf_timeline_lookup (self->timeline, parts[0], parts[1]);
            }
          add_navigate_row (group, target != NULL ? pf_timeline_entry_get_title (target) : title,
                            target != NULL ? pf_timeline_entry_get_subtitle (target) : NULL,
                            target, self);
        }
    }
}

/* ---- public -------------------------------------------------------------- */

void
pf_migration_detail_set_entry (PfMigrationDetail   *self,
                               PfTimeline          *timeline,
                               PfTimelineEntry     *entry,
                               PfConnectionProfile *profile,
                               gboolean             profile_saved)
{
  GtkWidget *child, *focus;
  GtkAdjustment *adjustment;
  GtkRoot *root;

  g_return_if_fail (PF_IS_MIGRATION_DETAIL (self));

  g_set_object (&self->timeline, timeline);
  g_set_object (&self->entry, entry);
  g_set_object (&self->profile, profile);
  self->profile_saved = profile_saved;
  self->reviewer_entry = NULL;
  self->reviewed_switch = NULL;
  self->reviewed_row = NULL;

  /* Focus must not stay on a widget about to go (an entry row still
   * reacts to it after it left the window) */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->content)))
    gtk_root_set_focus (root, NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  gtk_adjustment_set_value (adjustment, 0);

  if (entry == NULL || timeline == NULL)
    return;

  switch (pf_timeline_entry_get_kind (entry))
    {
    case PF_TIMELINE_ENTRY_PENDING:
    case PF_TIMELINE_ENTRY_RECORD:
      show_migration (self);
      break;

    case PF_TIMELINE_ENTRY_DEPLOYMENT:
      show_deployment (self);
      break;

    case PF_TIMELINE_ENTRY_PROBLEM:
      show_problem (self);
      break;

    case PF_TIMELINE_ENTRY_HEADING:
    default:
      break;
    }

  /* From the top, now that the new content is in */
  gtk_adjustment_set_value (adjustment, 0);
}

PfTimelineEntry *
pf_migration_detail_get_entry (PfMigrationDetail *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_DETAIL (self), NULL);

  return self->entry;
}

GtkWidget *
pf_migration_detail_new (void)
{
  return g_object_new (PF_TYPE_MIGRATION_DETAIL, NULL);
}

/* ---- GObject ------------------------------------------------------------- */

static void
pf_migration_detail_dispose (GObject *object)
{
  PfMigrationDetail *self = PF_MIGRATION_DETAIL (object);

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->timeline);
  g_clear_object (&self->entry);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (pf_migration_detail_parent_class)->dispose (object);
}

static void
pf_migration_detail_class_init (PfMigrationDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_migration_detail_dispose;

  signals[NAVIGATE] =
    g_signal_new ("navigate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PF_TYPE_TIMELINE_ENTRY);
  signals[REVIEW_CHANGED] =
    g_signal_new ("review-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pf_migration_detail_init (PfMigrationDetail *self)
{
  GtkWidget *clamp = adw_clamp_new ();

  self->content = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_widget_set_margin_top (GTK_WIDGET (self->content), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->content), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->content), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->content), 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->content));

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}
