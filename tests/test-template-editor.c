/* test-template-editor.c — editing a custom checklist template under Xvfb,
 * saved to and read back from a real templates folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-template-editor"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pf-template-editor.h"
#include "pf-test-ui.h"

/* ---- helpers -------------------------------------------------------------- */

typedef struct
{
  guint                n_saved;
  PfChecklistTemplate *saved;
} Saved;

static void
saved_cb (PfTemplateEditor    *editor,
          PfChecklistTemplate *template,
          Saved               *saved)
{
  saved->n_saved++;
  g_set_object (&saved->saved, template);
}

static GtkWidget *
find_row (gpointer    root,
          GType       type,
          const char *title)
{
  GtkWidget *row = find_descendant (GTK_WIDGET (root), type, title);

  if (row == NULL)
    g_error ("No %s titled “%s”", g_type_name (type), title);

  return row;
}

static GtkWidget *
find_button (gpointer    root,
             const char *label)
{
  GtkWidget *button = find_descendant (GTK_WIDGET (root), GTK_TYPE_BUTTON, label);

  if (button == NULL)
    g_error ("No button labelled “%s”", label);

  return button;
}

static char *
templates_dir (const char *name)
{
  return g_build_filename (g_get_user_config_dir (), name, "templates", NULL);
}

/* The first item of the first step */
static PfChecklistItem *
first_item (PfChecklistTemplate *template)
{
  g_autoptr(PfChecklistStep) step = g_list_model_get_item (pf_checklist_template_get_steps (template), 0);

  g_assert_nonnull (step);
  return g_list_model_get_item (pf_checklist_step_get_items (step), 0);
}

/* A custom copy of the routine template in @templates, not saved yet */
static PfChecklistTemplate *
duplicate_routine (PfChecklistTemplates *templates,
                   const char           *title)
{
  g_autoptr(PfChecklistTemplate) routine = pf_checklist_templates_dup_default ();
  g_autofree char *id = pf_checklist_templates_dup_unique_id (templates, title);

  g_assert_cmpstr (pf_checklist_template_get_id (routine), ==, "routine-migration");
  g_assert_true (pf_checklist_template_get_builtin (routine));

  return pf_checklist_template_duplicate (routine, id, title);
}

static PfChecklistTemplates *
load_templates (const char *dir)
{
  g_autoptr(PfChecklistTemplates) templates = pf_checklist_templates_new (dir);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pf_checklist_templates_load (templates, &problems, &error));
  g_assert_no_error (error);
  g_assert_true (problems == NULL || problems->len == 0);

  return g_steal_pointer (&templates);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
no_message_dialog (gpointer data)
{
  return find_message_dialog () == NULL;
}

/* Watches @editor from now on, so that closing it (which may finalize it at
 * once) can be waited for */
static void
watch (gpointer  editor,
       gpointer *weak)
{
  *weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), weak);
}

static void
wait_finalized (gpointer *weak)
{
  wait_for (pointer_is_null, weak, "the editor to close");
}

/* ---- tests ---------------------------------------------------------------- */

/* Duplicate the routine template, change one item through the widgets,
 * Save: a fresh PfChecklistTemplates on the same folder reads the change */
static void
test_edit_and_save (void)
{
  g_autofree char *dir = templates_dir ("edit");
  g_autoptr(PfChecklistTemplates) templates = load_templates (dir);
  g_autoptr(PfChecklistTemplate) copy = duplicate_routine (templates, "Night shift migration");
  g_autoptr(PfChecklistItem) item = first_item (copy);
  g_autoptr(PfChecklistTemplates) fresh = NULL;
  g_autofree char *item_id = g_strdup (pf_checklist_item_get_id (item));
  g_autofree char *template_id = g_strdup (pf_checklist_template_get_id (copy));
  g_autofree char *old_title = g_strdup (pf_checklist_item_get_title (item));
  g_autofree char *file = NULL;
  gboolean was_required = pf_checklist_item_get_required (item);
  PfTemplateEditor *editor;
  gpointer weak = NULL;
  PfChecklistTemplate *reread;
  PfChecklistItem *reread_item;
  GtkWidget *expander;
  GtkWidget *title_row;
  GtkWidget *required_row;
  GtkWidget *required_switch;
  GtkWidget *why_view;
  Saved saved = { 0 };

  editor = pf_template_editor_new (NULL, templates, copy);
  watch (editor, &weak);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  gtk_window_set_default_size (GTK_WINDOW (editor), 600, 760);
  present_window (editor);

  /* The checklist's own name */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (editor, ADW_TYPE_ENTRY_ROW, "Name"))),
                   ==, "Night shift migration");
  gtk_editable_set_text (GTK_EDITABLE (find_row (editor, ADW_TYPE_ENTRY_ROW, "Name")), "Night shift");

  /* The item, as a person finds it: by its title */
  expander = find_row (editor, ADW_TYPE_EXPANDER_ROW, old_title);
  g_assert_true (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)),
                         was_required ? "Required" : "Optional") != NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  drain_main_context ();

  title_row = find_row (expander, ADW_TYPE_ENTRY_ROW, "Title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, old_title);
  gtk_widget_grab_focus (title_row);
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Preflight reaches the night-shift database");
  drain_main_context ();
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), ==,
                   "Preflight reaches the night-shift database");

  why_view = find_descendant (expander, GTK_TYPE_TEXT_VIEW, NULL);
  g_assert_nonnull (why_view);
  g_assert_true (widget_is_usable (why_view));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (why_view)),
                            "Nothing else on this list can be checked without it.", -1);

  required_row = find_row (expander, ADW_TYPE_ACTION_ROW, "Required");
  required_switch = find_descendant (required_row, GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (required_switch);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (required_switch)) == was_required);
  g_assert_true (widget_is_usable (required_switch));
  gtk_widget_activate (required_switch);
  drain_main_context ();
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (required_switch)) == !was_required);
  g_assert_true (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)),
                         was_required ? "Optional" : "Required") != NULL);

  save_screenshots_light_and_dark (GTK_WIDGET (editor), "template-editor");

  /* Nothing is written before Save */
  file = g_strdup_printf ("%s/%s.json", dir, template_id);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  click (find_button (editor, "Save"));
  wait_finalized (&weak);
  g_assert_cmpuint (saved.n_saved, ==, 1);
  g_assert_cmpstr (pf_checklist_template_get_id (saved.saved), ==, template_id);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));

  /* Read back from the folder by a fresh PfChecklistTemplates */
  fresh = load_templates (dir);
  reread = pf_checklist_templates_find (fresh, template_id);
  g_assert_nonnull (reread);
  g_assert_false (pf_checklist_template_get_builtin (reread));
  g_assert_cmpstr (pf_checklist_template_get_title (reread), ==, "Night shift");
  reread_item = pf_checklist_template_find_item (reread, item_id, NULL);
  g_assert_nonnull (reread_item);
  g_assert_cmpstr (pf_checklist_item_get_title (reread_item), ==, "Preflight reaches the night-shift database");
  g_assert_cmpstr (pf_checklist_item_get_why (reread_item), ==, "Nothing else on this list can be checked without it.");
  g_assert_true (pf_checklist_item_get_required (reread_item) == !was_required);
  g_assert_cmpuint (pf_checklist_template_get_n_items (reread), ==, pf_checklist_template_get_n_items (copy));

  /* The bundled template is untouched */
  reread = pf_checklist_templates_find (fresh, "routine-migration");
  g_assert_nonnull (reread);
  g_assert_cmpstr (pf_checklist_item_get_title (pf_checklist_template_find_item (reread, item_id, NULL)), ==, old_title);

  g_clear_object (&saved.saved);
}

/* Escape with unsaved changes asks first; Keep Editing keeps them, Discard
 * drops them and writes nothing */
static void
test_discard (void)
{
  g_autofree char *dir = templates_dir ("discard");
  g_autoptr(PfChecklistTemplates) templates = load_templates (dir);
  g_autoptr(PfChecklistTemplate) copy = duplicate_routine (templates, "Weekend migration");
  g_autoptr(PfChecklistItem) item = first_item (copy);
  g_autoptr(PfChecklistTemplates) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_title = g_strdup (pf_checklist_item_get_title (item));
  PfTemplateEditor *editor;
  gpointer weak = NULL;
  GtkWidget *expander;
  GtkWidget *title_row;
  Saved saved = { 0 };

  g_assert_true (pf_checklist_templates_save (templates, copy, &error));
  g_assert_no_error (error);

  /* Without changes Escape just closes */
  editor = pf_template_editor_new (NULL, templates, copy);
  watch (editor, &weak);
  present_window (editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  wait_finalized (&weak);
  g_assert_null (find_message_dialog ());

  editor = pf_template_editor_new (NULL, templates, copy);
  watch (editor, &weak);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  present_window (editor);

  expander = find_row (editor, ADW_TYPE_EXPANDER_ROW, old_title);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  title_row = find_row (expander, ADW_TYPE_ENTRY_ROW, "Title");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Changed and then dropped");
  drain_main_context ();

  /* Escape asks */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  wait_for (message_dialog_shown, NULL, "“Discard changes?”");
  g_assert_cmpstr (adw_message_dialog_get_heading (find_message_dialog ()), ==, "Discard changes?");
  save_screenshot (GTK_WIDGET (find_message_dialog ()), "template-editor-discard.png");

  /* Keep Editing: still open, the edit still there */
  click (find_button (find_message_dialog (), "Keep Editing"));
  wait_for (no_message_dialog, NULL, "the question to go away");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Changed and then dropped");

  /* Discard: closed, nothing written */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  wait_for (message_dialog_shown, NULL, "“Discard changes?” again");
  click (find_button (find_message_dialog (), "Discard"));
  wait_finalized (&weak);
  wait_for (no_message_dialog, NULL, "the question to go away");
  g_assert_cmpuint (saved.n_saved, ==, 0);

  fresh = load_templates (dir);
  g_assert_cmpstr (pf_checklist_item_get_title (pf_checklist_template_find_item (pf_checklist_templates_find (fresh, pf_checklist_template_get_id (copy)),
                                                                                   pf_checklist_item_get_id (item), NULL)),
                   ==, old_title);
}

/* A folder that cannot be written: the reason shows in the window, which
 * stays open with every edit */
static void
test_save_error (void)
{
  g_autofree char *blocker = g_build_filename (g_get_user_config_dir (), "blocker", NULL);
  g_autofree char *dir = g_build_filename (blocker, "templates", NULL);
  g_autoptr(PfChecklistTemplates) templates = NULL;
  g_autoptr(PfChecklistTemplate) copy = NULL;
  g_autoptr(PfChecklistItem) item = NULL;
  g_autoptr(GError) error = NULL;
  PfTemplateEditor *editor;
  gpointer weak = NULL;
  GtkWidget *title_row;
  GtkLabel *error_label;
  Saved saved = { 0 };

  /* A file where the folder's parent should be */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_file_set_contents (blocker, "not a folder", -1, &error);
  g_assert_no_error (error);

  templates = pf_checklist_templates_new (dir);
  copy = duplicate_routine (templates, "Unsaveable");
  item = first_item (copy);

  editor = pf_template_editor_new (NULL, templates, copy);
  watch (editor, &weak);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  present_window (editor);

  /* A blank title is refused before anything is written */
  title_row = find_row (find_row (editor, ADW_TYPE_EXPANDER_ROW, pf_checklist_item_get_title (item)),
                        ADW_TYPE_ENTRY_ROW, "Title");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "  ");
  drain_main_context ();
  g_assert_true (gtk_widget_has_css_class (title_row, "error"));
  click (find_button (editor, "Save"));
  drain_main_context ();
  error_label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (editor), PF_TYPE_TEMPLATE_EDITOR, "save_error_label"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_test_message ("Blank title: %s", gtk_label_get_text (error_label));
  g_assert_cmpuint (saved.n_saved, ==, 0);

  /* Now a real title, and the folder cannot be made */
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Kept after a failed save");
  drain_main_context ();
  g_assert_false (gtk_widget_has_css_class (title_row, "error"));
  click (find_button (editor, "Save"));
  drain_main_context ();

  g_assert_cmpuint (saved.n_saved, ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), !=, "");
  g_assert_cmpstr (gtk_label_get_text (error_label), !=, "The checklist and every item need a title.");
  g_test_message ("Save error: %s", gtk_label_get_text (error_label));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Kept after a failed save");
  g_assert_true (g_file_test (blocker, G_FILE_TEST_IS_REGULAR));
  save_screenshot (GTK_WIDGET (editor), "template-editor-save-error.png");

  /* The edits are still unsaved: closing asks */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  wait_for (message_dialog_shown, NULL, "“Discard changes?”");
  click (find_button (find_message_dialog (), "Discard"));
  wait_finalized (&weak);
  wait_for (no_message_dialog, NULL, "the question to go away");
}

/* A bundled template is shown but cannot be saved */
static void
test_builtin_read_only (void)
{
  g_autofree char *dir = templates_dir ("builtin");
  g_autoptr(PfChecklistTemplates) templates = load_templates (dir);
  PfChecklistTemplate *routine = pf_checklist_templates_find (templates, "routine-migration");
  g_autofree char *file = g_build_filename (dir, "routine-migration.json", NULL);
  PfTemplateEditor *editor;
  gpointer weak = NULL;

  g_assert_nonnull (routine);
  editor = pf_template_editor_new (NULL, templates, routine);
  watch (editor, &weak);
  present_window (editor);
  g_assert_false (gtk_widget_get_sensitive (find_button (editor, "Save")));
  destroy_window (editor);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/template-editor/edit-and-save", test_edit_and_save);
  g_test_add_func ("/ui/template-editor/discard", test_discard);
  g_test_add_func ("/ui/template-editor/save-error", test_save_error);
  g_test_add_func ("/ui/template-editor/builtin-read-only", test_builtin_read_only);

  return g_test_run ();
}
