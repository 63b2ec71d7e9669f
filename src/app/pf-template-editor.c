/* pf-template-editor.c — a custom checklist: its title and each item's title, why and required
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-template-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-template-editor.h"

/* The widgets of one item, and the item of the working copy they edit */
typedef struct
{
  PfTemplateEditor *self;
  PfChecklistItem  *item;
  AdwExpanderRow   *expander;
  AdwEntryRow      *title_row;
  GtkTextBuffer    *why_buffer;
  GtkSwitch        *required_switch;
} ItemEditor;

struct _PfTemplateEditor
{
  AdwWindow             parent_instance;

  PfChecklistTemplates *templates;
  /* What Save writes: a copy of the template given, edited in place */
  PfChecklistTemplate  *working;
  /* ItemEditor, in template order */
  GPtrArray            *items;
  /* Set while rows are filled from the template */
  gboolean              filling;
  gboolean              dirty;
  /* A bundled template: shown, never saved */
  gboolean              read_only;

  /* Template widgets */
  GtkScrolledWindow    *scrolled_window;
  GtkBox               *content_box;
  GtkLabel             *save_error_label;
  AdwEntryRow          *title_row;
  GtkButton            *save_button;
};

G_DEFINE_FINAL_TYPE (PfTemplateEditor, pf_template_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers -------------------------------------------------------------- */

static void
item_editor_free (gpointer data)
{
  ItemEditor *editor = data;

  g_clear_object (&editor->item);
  g_free (editor);
}

static gboolean
text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static char *
dup_stripped (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

/* "DBA · Required", "Optional · Checked by Preflight" */
static char *
dup_item_subtitle (PfChecklistItem *item)
{
  const char *role = pf_checklist_item_get_role (item);
  const char *required = pf_checklist_item_get_required (item) ? _("Required") : _("Optional");
  g_autofree char *subtitle = NULL;

  if (text_is_blank (role))
    subtitle = g_strdup (required);
  else
    /* Translators: an item's role and whether it is required, "DBA · Required" */
    subtitle = g_strdup_printf (_("%s · %s"), role, required);

  if (pf_checklist_item_get_kind (item) == PF_CHECKLIST_ITEM_AUTOMATIC)
    /* Translators: after "DBA · Required", for an item Preflight checks by itself */
    return g_strdup_printf (_("%s · Checked by Preflight"), subtitle);

  return g_steal_pointer (&subtitle);
}

static void
set_row_error (gpointer row,
               gboolean error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
show_save_error (PfTemplateEditor *self,
                 const char       *message)
{
  gtk_label_set_label (self->save_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->save_error_label), message != NULL);
}

static void
mark_dirty (PfTemplateEditor *self)
{
  if (self->filling)
    return;

  self->dirty = TRUE;
}

/* ---- edits ---------------------------------------------------------------- */

static void
title_changed_cb (PfTemplateEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  set_row_error (self->title_row, text_is_blank (text));
  if (self->filling)
    return;

  if (!text_is_blank (text))
    {
      g_autofree char *title = dup_stripped (text);

      pf_checklist_template_set_title (self->working, title);
    }
  mark_dirty (self);
}

static void
item_title_changed_cb (ItemEditor *editor)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (editor->title_row));

  set_row_error (editor->title_row, text_is_blank (text));
  if (editor->self->filling)
    return;

  if (!text_is_blank (text))
    {
      g_autofree char *title = dup_stripped (text);

      pf_checklist_item_set_title (editor->item, title);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->expander), title);
    }
  mark_dirty (editor->self);
}

static void
item_why_changed_cb (ItemEditor *editor)
{
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *text = NULL;
  g_autofree char *why = NULL;

  if (editor->self->filling)
    return;

  gtk_text_buffer_get_bounds (editor->why_buffer, &start, &end);
  text = gtk_text_buffer_get_text (editor->why_buffer, &start, &end, FALSE);
  why = dup_stripped (text);
  pf_checklist_item_set_why (editor->item, why);
  mark_dirty (editor->self);
}

static void
item_required_changed_cb (ItemEditor *editor)
{
  g_autofree char *subtitle = NULL;

  if (editor->self->filling)
    return;

  pf_checklist_item_set_required (editor->item, gtk_switch_get_active (editor->required_switch));
  subtitle = dup_item_subtitle (editor->item);
  adw_expander_row_set_subtitle (editor->expander, subtitle);
  mark_dirty (editor->self);
}

/* ---- building the rows ---------------------------------------------------- */

static GtkWidget *
create_why_row (ItemEditor *editor)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Why it matters"));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *text_view = gtk_text_view_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Why it matters"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), text_view);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (text_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_widget_set_size_request (text_view, -1, 72);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (text_view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);

  editor->why_buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  gtk_text_buffer_set_text (editor->why_buffer,
                            pf_checklist_item_get_why (editor->item) != NULL ?
                            pf_checklist_item_get_why (editor->item) : "", -1);
  g_signal_connect_swapped (editor->why_buffer, "changed", G_CALLBACK (item_why_changed_cb), editor);

  gtk_frame_set_child (GTK_FRAME (frame), text_view);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static GtkWidget *
create_item_row (PfTemplateEditor *self,
                 PfChecklistItem  *item)
{
  ItemEditor *editor = g_new0 (ItemEditor, 1);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *title_row = adw_entry_row_new ();
  GtkWidget *required_row = adw_action_row_new ();
  GtkWidget *required_switch = gtk_switch_new ();
  g_autofree char *subtitle = dup_item_subtitle (item);

  editor->self = self;
  editor->item = g_object_ref (item);
  editor->expander = ADW_EXPANDER_ROW (expander);
  editor->title_row = ADW_ENTRY_ROW (title_row);
  editor->required_switch = GTK_SWITCH (required_switch);
  g_ptr_array_add (self->items, editor);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), pf_checklist_item_get_title (item));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (title_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title_row), _("Title"));
  gtk_editable_set_text (GTK_EDITABLE (title_row), pf_checklist_item_get_title (item));
  g_signal_connect_swapped (title_row, "changed", G_CALLBACK (item_title_changed_cb), editor);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), title_row);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), create_why_row (editor));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (required_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (required_row), _("Required"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (required_row),
                               _("A required item must be done before the migration can go ahead."));
  gtk_widget_set_valign (required_switch, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (required_switch), pf_checklist_item_get_required (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (required_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Required"),
                                  -1);
  g_signal_connect_swapped (required_switch, "notify::active", G_CALLBACK (item_required_changed_cb), editor);
  adw_action_row_add_suffix (ADW_ACTION_ROW (required_row), required_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (required_row), required_switch);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), required_row);

  return expander;
}

static void
fill (PfTemplateEditor *self)
{
  GListModel *steps = pf_checklist_template_get_steps (self->working);

  self->filling = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), pf_checklist_template_get_title (self->working));

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(PfChecklistStep) step = g_list_model_get_item (steps, i);
      GListModel *items = pf_checklist_step_get_items (step);
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *title = NULL;
      const char *description = pf_checklist_step_get_description (step);

      /* Group titles and descriptions are markup */
      /* Translators: "Step 2 of 7: Back up and verify" */
      title = g_strdup_printf (_("Step %u of %u: %s"), i + 1, g_list_model_get_n_items (steps),
                               pf_checklist_step_get_title (step));
      {
        g_autofree char *escaped = g_markup_escape_text (title, -1);

        adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);
      }
      if (!text_is_blank (description))
        {
          g_autofree char *escaped = g_markup_escape_text (description, -1);

          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped);
        }

      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(PfChecklistItem) item = g_list_model_get_item (items, j);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_item_row (self, item));
        }

      gtk_box_append (self->content_box, group);
    }

  self->filling = FALSE;
}

/* ---- saving and closing --------------------------------------------------- */

static gboolean
validate (PfTemplateEditor *self)
{
  GtkWidget *first_blank = NULL;

  if (text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->title_row))))
    first_blank = GTK_WIDGET (self->title_row);

  for (guint i = 0; first_blank == NULL && i < self->items->len; i++)
    {
      ItemEditor *editor = g_ptr_array_index (self->items, i);

      if (text_is_blank (gtk_editable_get_text (GTK_EDITABLE (editor->title_row))))
        {
          adw_expander_row_set_expanded (editor->expander, TRUE);
          first_blank = GTK_WIDGET (editor->title_row);
        }
    }

  if (first_blank == NULL)
    return TRUE;

  show_save_error (self, _("The checklist and every item need a title."));
  gtk_widget_grab_focus (first_blank);

  return FALSE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PfTemplateEditor *self = PF_TEMPLATE_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (self->read_only || !validate (self))
    return;

  if (!pf_checklist_templates_save (self->templates, self->working, &error))
    {
      /* The engine's sentence names the file and the reason; it shows at
       * the top */
      show_save_error (self, error->message);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
      return;
    }

  show_save_error (self, NULL);
  self->dirty = FALSE;
  g_signal_emit (self, signals[SAVED], 0, self->working);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));

  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (PfTemplateEditor *self,
                     const char       *response)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* Close once the question has gone: it is transient for this window and
   * still handling its response */
  self->dirty = FALSE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

static gboolean
close_request_cb (PfTemplateEditor *self)
{
  GtkWidget *dialog;

  if (!self->dirty)
    return FALSE;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Discard changes?"),
                                   _("The changes to this checklist have not been saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* ---- GObject -------------------------------------------------------------- */

static void
pf_template_editor_dispose (GObject *object)
{
  PfTemplateEditor *self = PF_TEMPLATE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_TEMPLATE_EDITOR);

  G_OBJECT_CLASS (pf_template_editor_parent_class)->dispose (object);
}

static void
pf_template_editor_finalize (GObject *object)
{
  PfTemplateEditor *self = PF_TEMPLATE_EDITOR (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->templates);
  g_clear_object (&self->working);

  G_OBJECT_CLASS (pf_template_editor_parent_class)->finalize (object);
}

static void
pf_template_editor_class_init (PfTemplateEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_template_editor_dispose;
  object_class->finalize = pf_template_editor_finalize;

  /**
   * PfTemplateEditor::saved:
   * @template: the template as written, now the one in the
   *   PfChecklistTemplates
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  PF_TYPE_CHECKLIST_TEMPLATE);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-template-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PfTemplateEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, PfTemplateEditor, content_box);
  gtk_widget_class_bind_template_child (widget_class, PfTemplateEditor, save_error_label);
  gtk_widget_class_bind_template_child (widget_class, PfTemplateEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, PfTemplateEditor, save_button);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
pf_template_editor_init (PfTemplateEditor *self)
{
  self->items = g_ptr_array_new_with_free_func (item_editor_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}

PfTemplateEditor *
pf_template_editor_new (GtkWindow            *parent,
                        PfChecklistTemplates *templates,
                        PfChecklistTemplate  *template)
{
  PfTemplateEditor *self;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATES (templates), NULL);
  g_return_val_if_fail (PF_IS_CHECKLIST_TEMPLATE (template), NULL);

  self = g_object_new (PF_TYPE_TEMPLATE_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->templates = g_object_ref (templates);

  /* The working copy: the same template, through its own JSON */
  node = pf_checklist_template_to_json_node (template);
  self->working = pf_checklist_template_new_from_json_node (node, FALSE, &error);
  if (self->working == NULL)
    {
      /* A template that cannot be read back is a bug in the engine; edit
       * a duplicate instead so nothing is lost */
      g_critical ("Could not copy the template “%s”: %s",
                  pf_checklist_template_get_id (template), error->message);
      self->working = pf_checklist_template_duplicate (template,
                                                       pf_checklist_template_get_id (template),
                                                       pf_checklist_template_get_title (template));
    }

  fill (self);

  if (pf_checklist_template_get_builtin (template))
    {
      self->read_only = TRUE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
      show_save_error (self, _("This checklist comes with Preflight and cannot be changed. Duplicate it to make your own."));
    }

  return self;
}
