/* pf-rules-editor.c — edit a connection's data rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-rules-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-rules-editor.h"

typedef enum {
  RULE_UNIQUE,
  RULE_FORMAT,
  RULE_NOT_NULL,
  RULE_RELATIONSHIP,
  N_RULE_KINDS
} RuleKind;

#define MAX_FIELDS 3

typedef struct _Item Item;

struct _PfRulesEditor
{
  AdwWindow            parent_instance;

  /* Item, in the order they were added */
  GPtrArray           *items;

  /* Template widgets */
  AdwPreferencesGroup *unique_group;
  AdwPreferencesGroup *format_group;
  AdwPreferencesGroup *not_null_group;
  AdwPreferencesGroup *relationship_group;
};

/* One rule on screen */
struct _Item
{
  PfRulesEditor  *self;         /* unowned */
  RuleKind        kind;
  AdwExpanderRow *row;
  AdwEntryRow    *fields[MAX_FIELDS];
  guint           n_fields;
  GtkSwitch      *references_switch;
  GtkListBoxRow  *error_row;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (PfRulesEditor, pf_rules_editor, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
item_free (Item *item)
{
  g_free (item);
}

static AdwPreferencesGroup *
group_for_kind (PfRulesEditor *self,
                RuleKind       kind)
{
  switch (kind)
    {
    case RULE_UNIQUE:
      return self->unique_group;
    case RULE_FORMAT:
      return self->format_group;
    case RULE_NOT_NULL:
      return self->not_null_group;
    case RULE_RELATIONSHIP:
    case N_RULE_KINDS:
    default:
      return self->relationship_group;
    }
}

/* The field's text without surrounding spaces */
static char *
field_dup (Item  *item,
           guint  index)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (item->fields[index]))));
}

static gboolean
item_is_blank (Item *item)
{
  for (guint i = 0; i < item->n_fields; i++)
    {
      g_autofree char *text = field_dup (item, i);

      if (text[0] != '\0')
        return FALSE;
    }

  return TRUE;
}

/* "email, name" → { "email", "name" } */
static GStrv
split_columns (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

/* Adds @item's rule to @rules. A blank item adds nothing and is fine. */
static gboolean
item_add_to (Item     *item,
             PfRules  *rules,
             GError  **error)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  if (item_is_blank (item))
    return TRUE;

  a = field_dup (item, 0);
  b = item->n_fields > 1 ? field_dup (item, 1) : NULL;
  c = item->n_fields > 2 ? field_dup (item, 2) : NULL;

  switch (item->kind)
    {
    case RULE_UNIQUE:
      {
        g_auto(GStrv) columns = split_columns (b);

        return pf_rules_add_unique (rules, a, (const char * const *) columns, error);
      }
    case RULE_FORMAT:
      return pf_rules_add_format (rules, a, b, c,
                                  gtk_switch_get_active (item->references_switch), error);
    case RULE_NOT_NULL:
      return pf_rules_add_not_null (rules, a, b, error);
    case RULE_RELATIONSHIP:
      return pf_rules_add_relationship (rules, a, b, error);
    case N_RULE_KINDS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* What the collapsed row says */
static char *
item_dup_title (Item *item)
{
  g_autofree char *a = field_dup (item, 0);
  g_autofree char *b = item->n_fields > 1 ? field_dup (item, 1) : g_strdup ("");
  g_autofree char *c = item->n_fields > 2 ? field_dup (item, 2) : g_strdup ("");

  if (item_is_blank (item))
    return g_strdup (_("New rule"));

  switch (item->kind)
    {
    case RULE_UNIQUE:
      /* Translators: a unique rule: “scheduling_user: email, name” */
      return g_strdup_printf (_("%s: %s"), a, b);
    case RULE_FORMAT:
      /* Translators: a format rule: “scheduling_user.sap matches ^[0-9]{6}$” */
      return g_strdup_printf (_("%s.%s matches %s"), a, b, c);
    case RULE_NOT_NULL:
      return g_strdup_printf ("%s.%s", a, b);
    case RULE_RELATIONSHIP:
      /* Translators: a relationship: “*_by_id → scheduling_user.sap” */
      return g_strdup_printf (_("%s → %s"), a, b);
    case N_RULE_KINDS:
    default:
      return g_strdup ("");
    }
}

/* Checks every rule; Done only when all are valid */
static void
pf_rules_editor_validate (PfRulesEditor *self)
{
  g_autoptr(PfRules) scratch = pf_rules_new ();
  gboolean valid = TRUE;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *title = item_dup_title (item);
      gboolean ok = item_add_to (item, scratch, &error);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->row), title);

      if (!ok)
        {
          valid = FALSE;
          gtk_label_set_label (item->error_label, error->message);
        }

      /* The reason under the fields; keep the rule expanded so it shows */
      gtk_widget_set_visible (GTK_WIDGET (item->error_row), !ok);
      if (!ok)
        adw_expander_row_set_expanded (item->row, TRUE);

      /* Point at the field that is wrong where we can tell */
      for (guint f = 0; f < item->n_fields; f++)
        gtk_widget_remove_css_class (GTK_WIDGET (item->fields[f]), "error");
      if (!ok && item->kind == RULE_FORMAT)
        {
          g_autofree char *pattern = field_dup (item, 2);
          g_autoptr(GRegex) regex = NULL;

          if (pattern[0] != '\0')
            regex = g_regex_new (pattern, 0, 0, NULL);
          if (regex == NULL)
            gtk_widget_add_css_class (GTK_WIDGET (item->fields[2]), "error");
        }
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.done", valid);
}

static void
remove_item (Item *item)
{
  PfRulesEditor *self = item->self;

  adw_preferences_group_remove (group_for_kind (self, item->kind), GTK_WIDGET (item->row));
  g_ptr_array_remove (self->items, item);
  pf_rules_editor_validate (self);
}

static void
remove_clicked_cb (GtkButton *button,
                   Item      *item)
{
  remove_item (item);
}

static AdwEntryRow *
add_field (Item       *item,
           const char *title,
           const char *text)
{
  GtkWidget *field = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field), title);
  gtk_editable_set_text (GTK_EDITABLE (field), text != NULL ? text : "");
  g_signal_connect_object (field, "changed",
                           G_CALLBACK (pf_rules_editor_validate), item->self, G_CONNECT_SWAPPED);
  adw_expander_row_add_row (item->row, field);

  item->fields[item->n_fields++] = ADW_ENTRY_ROW (field);

  return ADW_ENTRY_ROW (field);
}

/* Adds a row for a rule; the fields hold @a, @b, @c (any may be NULL) */
static Item *
add_item (PfRulesEditor *self,
          RuleKind       kind,
          const char    *a,
          const char    *b,
          const char    *c,
          gboolean       include_references)
{
  Item *item = g_new0 (Item, 1);
  GtkWidget *remove_button;
  GtkWidget *error_label;

  item->self = self;
  item->kind = kind;
  item->row = ADW_EXPANDER_ROW (adw_expander_row_new ());

  remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "flat");
  gtk_widget_set_tooltip_text (remove_button, _("Remove Rule"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove rule"),
                                  -1);
  g_signal_connect (remove_button, "clicked", G_CALLBACK (remove_clicked_cb), item);
  adw_expander_row_add_action (item->row, remove_button);

  switch (kind)
    {
    case RULE_UNIQUE:
      add_field (item, _("Table"), a);
      add_field (item, _("Columns, separated by commas"), b);
      break;

    case RULE_FORMAT:
      {
        GtkWidget *switch_row = adw_action_row_new ();

        add_field (item, _("Table"), a);
        add_field (item, _("Column"), b);
        add_field (item, _("Pattern (regular expression)"), c);

        item->references_switch = GTK_SWITCH (gtk_switch_new ());
        gtk_widget_set_valign (GTK_WIDGET (item->references_switch), GTK_ALIGN_CENTER);
        gtk_switch_set_active (item->references_switch, include_references);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (switch_row),
                                       _("Also check columns that reference it"));
        adw_action_row_add_suffix (ADW_ACTION_ROW (switch_row), GTK_WIDGET (item->references_switch));
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (switch_row),
                                               GTK_WIDGET (item->references_switch));
        adw_expander_row_add_row (item->row, switch_row);
      }
      break;

    case RULE_NOT_NULL:
      add_field (item, _("Table"), a);
      add_field (item, _("Column"), b);
      break;

    case RULE_RELATIONSHIP:
      add_field (item, _("Columns (a name or a pattern such as *_by_id)"), a);
      add_field (item, _("References (table.column)"), b);
      break;

    case N_RULE_KINDS:
    default:
      g_assert_not_reached ();
    }

  /* Why the rule cannot be used, under its fields */
  error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_set_margin_top (error_label, 8);
  gtk_widget_set_margin_bottom (error_label, 8);
  gtk_widget_set_margin_start (error_label, 12);
  gtk_widget_set_margin_end (error_label, 12);
  gtk_widget_add_css_class (error_label, "error");
  item->error_label = GTK_LABEL (error_label);
  item->error_row = GTK_LIST_BOX_ROW (gtk_list_box_row_new ());
  gtk_list_box_row_set_activatable (item->error_row, FALSE);
  gtk_list_box_row_set_child (item->error_row, error_label);
  gtk_widget_set_visible (GTK_WIDGET (item->error_row), FALSE);
  adw_expander_row_add_row (item->row, GTK_WIDGET (item->error_row));

  g_ptr_array_add (self->items, item);
  adw_preferences_group_add (group_for_kind (self, kind), GTK_WIDGET (item->row));

  return item;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PfRulesEditor *self = PF_RULES_EDITOR (widget);
  int kind = g_variant_get_int32 (parameter);
  Item *item;

  g_return_if_fail (kind >= 0 && kind < N_RULE_KINDS);

  item = add_item (self, kind, NULL, NULL, NULL, kind == RULE_FORMAT);
  adw_expander_row_set_expanded (item->row, TRUE);
  pf_rules_editor_validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (item->fields[0]));
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PfRulesEditor *self = PF_RULES_EDITOR (widget);
  g_autoptr(PfRules) rules = pf_rules_new ();

  for (guint i = 0; i < self->items->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!item_add_to (g_ptr_array_index (self->items, i), rules, &error))
        {
          /* Done is disabled while a rule is invalid */
          pf_rules_editor_validate (self);
          return;
        }
    }

  g_signal_emit (self, signals[DONE], 0, rules);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
pf_rules_editor_dispose (GObject *object)
{
  PfRulesEditor *self = PF_RULES_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_RULES_EDITOR);

  G_OBJECT_CLASS (pf_rules_editor_parent_class)->dispose (object);
}

static void
pf_rules_editor_finalize (GObject *object)
{
  PfRulesEditor *self = PF_RULES_EDITOR (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_rules_editor_parent_class)->finalize (object);
}

static void
pf_rules_editor_class_init (PfRulesEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_rules_editor_dispose;
  object_class->finalize = pf_rules_editor_finalize;

  /**
   * PfRulesEditor::done:
   * @rules: the new rules, possibly empty
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  PF_TYPE_RULES);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-rules-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PfRulesEditor, unique_group);
  gtk_widget_class_bind_template_child (widget_class, PfRulesEditor, format_group);
  gtk_widget_class_bind_template_child (widget_class, PfRulesEditor, not_null_group);
  gtk_widget_class_bind_template_child (widget_class, PfRulesEditor, relationship_group);

  gtk_widget_class_install_action (widget_class, "rules.add", "i", add_action);
  gtk_widget_class_install_action (widget_class, "rules.done", NULL, done_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pf_rules_editor_init (PfRulesEditor *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
load_rules (PfRulesEditor *self,
            PfRules       *rules)
{
  GPtrArray *array;

  array = pf_rules_get_unique (rules);
  for (guint i = 0; i < array->len; i++)
    {
      PfUniqueRule *rule = g_ptr_array_index (array, i);
      g_autofree char *columns = g_strjoinv (", ", rule->columns);

      add_item (self, RULE_UNIQUE, rule->table, columns, NULL, FALSE);
    }

  array = pf_rules_get_formats (rules);
  for (guint i = 0; i < array->len; i++)
    {
      PfFormatRule *rule = g_ptr_array_index (array, i);

      add_item (self, RULE_FORMAT, rule->table, rule->column, rule->pattern,
                rule->include_references);
    }

  array = pf_rules_get_not_null (rules);
  for (guint i = 0; i < array->len; i++)
    {
      PfNotNullRule *rule = g_ptr_array_index (array, i);

      add_item (self, RULE_NOT_NULL, rule->table, rule->column, NULL, FALSE);
    }

  array = pf_rules_get_relationships (rules);
  for (guint i = 0; i < array->len; i++)
    {
      PfRelationshipRule *rule = g_ptr_array_index (array, i);
      g_autofree char *references = g_strdup_printf ("%s.%s", rule->references_table,
                                                     rule->references_column);

      add_item (self, RULE_RELATIONSHIP, rule->columns_glob, references, NULL, FALSE);
    }
}

PfRulesEditor *
pf_rules_editor_new (GtkWindow *parent,
                     PfRules   *rules)
{
  PfRulesEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (rules == NULL || PF_IS_RULES (rules), NULL);

  self = g_object_new (PF_TYPE_RULES_EDITOR,
                       "transient-for", parent,
                       NULL);

  if (rules != NULL)
    load_rules (self, rules);

  pf_rules_editor_validate (self);

  return self;
}
