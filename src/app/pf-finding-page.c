/* pf-finding-page.c — everything about one finding, and its fix script
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-finding-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-check-info.h"
#include "pf-finding-page.h"
#include "pf-finding-row.h"
#include "pf-overview-page.h"

/* How a NULL travels through a GtkStringList, which cannot hold NULL */
#define NULL_MARKER "\x1f" "NULL"

struct _PfFindingPage
{
  GtkWidget      parent_instance;

  PfFinding     *finding;
  PfSchema      *schema;
  char          *connection_name;

  GListStore    *values_store;
  GListStore    *samples_store;

  /* Template widgets */
  GtkButton     *back_button;
  GtkScrolledWindow *scrolled_window;
  GtkImage      *severity_image;
  GtkLabel      *severity_label;
  GtkLabel      *title_label;
  GtkLabel      *tables_label;
  GtkWidget     *fix_box;
  GtkButton     *copy_button;
  GtkButton     *save_button;
  GtkLabel      *explanation_label;
  GtkLabel      *consequence_label;
  GtkLabel      *fixer_label;
  GtkWidget     *cascade_box;
  GtkLabel      *cascade_label;
  GtkListBox    *cascade_list;
  GtkWidget     *values_box;
  GtkLabel      *values_caption;
  GtkColumnView *values_view;
  GtkWidget     *samples_box;
  GtkLabel      *samples_caption;
  GtkColumnView *samples_view;
  AdwActionRow  *table_row;
  GtkLabel      *table_value;
  AdwActionRow  *columns_row;
  GtkLabel      *columns_value;
  AdwActionRow  *parent_row;
  GtkLabel      *parent_value;
  AdwActionRow  *constraint_row;
  GtkLabel      *constraint_value;
  AdwActionRow  *declared_row;
  GtkLabel      *declared_value;
  AdwActionRow  *check_row;
  GtkLabel      *check_value;
  AdwExpanderRow *detail_row;
  GtkLabel      *detail_label;
};

G_DEFINE_FINAL_TYPE (PfFindingPage, pf_finding_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FINDING,
  N_PROPS
};

enum {
  BACK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- words ---------------------------------------------------------------- */

static char *
format_count (gint64 count)
{
  return pf_format_row_count (count, TRUE);
}

/* "a", "a and b", "a, b and c" */
static char *
join_words (GPtrArray *words)
{
  g_autofree char *head = NULL;

  if (words->len == 0)
    return g_strdup ("");
  if (words->len == 1)
    return g_strdup (g_ptr_array_index (words, 0));

  g_ptr_array_add (words, NULL);
  {
    char *last = g_ptr_array_index (words, words->len - 2);

    g_ptr_array_index (words, words->len - 2) = NULL;
    head = g_strjoinv (_(", "), (char **) words->pdata);
    g_ptr_array_index (words, words->len - 2) = last;
  }
  g_ptr_array_remove_index (words, words->len - 1);

  /* Translators: the end of a list, "600 leave entitlements and 1,800 leave transactions" */
  return g_strdup_printf (_("%s and %s"), head, (char *) g_ptr_array_index (words, words->len - 1));
}

static char *
dup_rows_of (PfSchema      *schema,
             PfCascadeStep *step)
{
  g_autofree char *noun = pf_check_info_dup_table_noun (schema, step->table_schema, step->table,
                                                        step->rows != 1);
  g_autofree char *count = format_count (step->rows);

  /* Translators: "600 leave entitlements" */
  return g_strdup_printf (C_("rows of a table", "%s %s"), count, noun);
}

char *
pf_finding_dup_cascade_sentence (PfFinding *finding,
                                 PfSchema  *schema)
{
  GPtrArray *cascade;
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cleared = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) blocking = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sentence = g_string_new (NULL);
  g_autofree char *these = NULL;
  g_autofree char *noun = NULL;
  g_autofree char *count = NULL;
  gint64 n;

  g_return_val_if_fail (PF_IS_FINDING (finding), NULL);

  cascade = pf_finding_get_cascade (finding);
  if (cascade == NULL || cascade->len == 0 || pf_finding_get_table (finding) == NULL)
    return NULL;

  for (guint i = 0; i < cascade->len; i++)
    {
      PfCascadeStep *step = g_ptr_array_index (cascade, i);

      if (step->rows <= 0)
        continue;

      switch (step->on_delete)
        {
        case PF_FOREIGN_KEY_ACTION_CASCADE:
          g_ptr_array_add (deleted, dup_rows_of (schema, step));
          break;

        case PF_FOREIGN_KEY_ACTION_SET_NULL:
        case PF_FOREIGN_KEY_ACTION_SET_DEFAULT:
          g_ptr_array_add (cleared, dup_rows_of (schema, step));
          break;

        case PF_FOREIGN_KEY_ACTION_NO_ACTION:
        case PF_FOREIGN_KEY_ACTION_RESTRICT:
        default:
          g_ptr_array_add (blocking, dup_rows_of (schema, step));
          break;
        }
    }

  if (deleted->len == 0 && cleared->len == 0 && blocking->len == 0)
    return NULL;

  n = MAX (pf_finding_get_count (finding), 0);
  count = format_count (n);
  noun = pf_check_info_dup_table_noun (schema, pf_finding_get_table_schema (finding),
                                       pf_finding_get_table (finding), n != 1);
  /* Translators: "these 1,350 staff profiles" */
  these = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "this %s %s", "these %s %s", n),
                           count, noun);

  if (deleted->len > 0)
    {
      g_autofree char *list = join_words (deleted);

      /* Translators: "Deleting these 1,350 staff profiles would also delete
       * 2,700 leave entitlements and 5,400 leave transactions." */
      g_string_append_printf (sentence, _("Deleting %s would also delete %s."), these, list);
    }

  if (cleared->len > 0)
    {
      g_autofree char *list = join_words (cleared);

      if (sentence->len > 0)
        g_string_append_c (sentence, ' ');
      if (deleted->len > 0)
        /* Translators: "It would also empty the link in 40 shifts." */
        g_string_append_printf (sentence, _("It would also empty the link in %s."), list);
      else
        /* Translators: "Deleting these 3 units would empty the link in 40 shifts." */
        g_string_append_printf (sentence, _("Deleting %s would empty the link in %s."), these, list);
    }

  if (blocking->len > 0)
    {
      g_autofree char *list = join_words (blocking);

      if (sentence->len > 0)
        g_string_append_c (sentence, ' ');
      /* Translators: "600 leave entitlements and 1,800 leave transactions
       * depend on these 300 staff profiles: …" */
      g_string_append_printf (sentence,
                              _("%s depend on %s: the database refuses to delete them until those rows are deleted or changed first."),
                              list, these);
      /* Sentence case for the count-first form */
    }

  return g_string_free (g_steal_pointer (&sentence), FALSE);
}

char *
pf_finding_page_dup_fix_script (PfFindingPage *self)
{
  const char *fix_sql;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;
  const char *target;

  g_return_val_if_fail (PF_IS_FINDING_PAGE (self), NULL);

  if (self->finding == NULL)
    return NULL;

  fix_sql = pf_finding_get_fix_sql (self->finding);
  if (fix_sql == NULL || fix_sql[0] == '\0')
    return NULL;

  now = g_date_time_new_now_local ();
  date = g_date_time_format (now, "%Y-%m-%d %H:%M");
  target = self->connection_name ? self->connection_name : _("the database");

  {
    g_autofree char *line1 = NULL;
    const char *line2;

    /* Translators: the first line of a saved fix script, an SQL comment:
     * "-- Generated by Preflight 0.1.0 on 2026-11-21 14:02 for Rota production." */
    line1 = g_strdup_printf (_("-- Generated by Preflight %s on %s for %s."),
                             PACKAGE_VERSION, date, target);
    /* Translators: the second line of a saved fix script, an SQL comment */
    line2 = _("-- NOT EXECUTED. Review it, test it on a copy, and run it yourself.");

    return g_strdup_printf ("%s\n%s\n\n%s%s", line1, line2, fix_sql,
                            g_str_has_suffix (fix_sql, "\n") ? "" : "\n");
  }
}

/* ---- toasts, copy and save ------------------------------------------------- */

static void
show_toast (PfFindingPage *self,
            const char    *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
copy_clicked_cb (PfFindingPage *self)
{
  g_autofree char *script = pf_finding_page_dup_fix_script (self);

  if (script == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), script);
  show_toast (self, _("Fix SQL copied"));
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PfFindingPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_basename (G_FILE (object));
      g_autofree char *text = NULL;

      /* Translators: "Could not save “fix.sql”: Permission denied" */
      text = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
      show_toast (self, text);
      return;
    }

  show_toast (self, _("Fix script saved"));
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(PfFindingPage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *script = pf_finding_page_dup_fix_script (self);

      if (file != NULL && script != NULL)
        {
          gsize len = strlen (script);
          g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&script), len);

          /* Written by GIO's worker thread, never on the main loop */
          g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                               G_FILE_CREATE_REPLACE_DESTINATION,
                                               NULL, save_done_cb, g_object_ref (self));
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* "fix-scheduling_supervisionrecord-fk-orphans.sql", safe as a file name */
static char *
dup_default_file_name (PfFinding *finding)
{
  g_autofree char *name = g_strdup_printf ("fix-%s-%s.sql",
                                           pf_finding_get_table (finding) ? pf_finding_get_table (finding) : "database",
                                           pf_finding_get_check_id (finding));

  return g_strdelimit (g_steal_pointer (&name), "/\\:*?\"<>| ", '_');
}

static void
save_clicked_cb (PfFindingPage *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->finding == NULL || pf_finding_get_fix_sql (self->finding) == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Save Fix Script"),
                                        GTK_IS_WINDOW (native) ? GTK_WINDOW (native) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  name = dup_default_file_name (self->finding);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  gtk_file_filter_set_name (filter, _("SQL scripts"));
  gtk_file_filter_add_suffix (filter, "sql");
  gtk_file_filter_add_mime_type (filter, "application/sql");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
back_clicked_cb (PfFindingPage *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

/* ---- tables ----------------------------------------------------------------- */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean numeric = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "pf-numeric"));

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, numeric ? "pf-count" : "monospace");
  gtk_list_item_set_child (list_item, label);
}

/* Quotes a value whose spaces would otherwise be invisible ("101471 ") */
static char *
dup_visible_value (const char *value)
{
  gsize len;

  if (value == NULL || g_str_equal (value, NULL_MARKER))
    return g_strdup ("NULL");

  len = strlen (value);
  if (len == 0 || g_ascii_isspace (value[0]) || g_ascii_isspace (value[len - 1]))
    return g_strdup_printf ("“%s”", value);

  return g_strdup (value);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkStringList *row = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "pf-column"));
  const char *value = gtk_string_list_get_string (row, column);
  g_autofree char *text = dup_visible_value (value);
  gboolean is_null = value == NULL || g_str_equal (value, NULL_MARKER);

  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
  if (is_null)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

static GtkColumnViewColumn *
make_column (const char *title,
             guint       index,
             gboolean    numeric,
             gboolean    expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "pf-column", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (factory), "pf-numeric", GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), NULL);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);

  return column;
}

static void
remove_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }
}

static void
fill_values (PfFindingPage *self)
{
  GPtrArray *values = self->finding ? pf_finding_get_values (self->finding) : NULL;
  guint n = values ? values->len : 0;
  gint64 shown = 0;

  g_list_store_remove_all (self->values_store);

  for (guint i = 0; i < n; i++)
    {
      PfValueCount *vc = g_ptr_array_index (values, i);
      g_autofree char *count = format_count (vc->count);
      const char *cells[] = { vc->value ? vc->value : NULL_MARKER, count, NULL };
      g_autoptr(GtkStringList) row = gtk_string_list_new (cells);

      g_list_store_append (self->values_store, row);
      shown += vc->count;
    }

  gtk_widget_set_visible (self->values_box, n > 0);

  if (n > 0 && self->finding != NULL)
    {
      gint64 total = pf_finding_get_count (self->finding);
      g_autofree char *text = NULL;

      if (total > shown)
        {
          g_autofree char *n_text = format_count (n);

          /* Translators: "The 20 most common of the values, with how many rows hold each" */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The most common value, with how many rows hold it",
                                               "The %s most common values, with how many rows hold each",
                                               n),
                                  n_text);
        }
      else
        text = g_strdup (g_dngettext (GETTEXT_PACKAGE,
                                      "The value at fault, with how many rows hold it",
                                      "Every value at fault, with how many rows hold each",
                                      n));
      gtk_label_set_label (self->values_caption, text);
    }
}

static int
find_column (GPtrArray  *names,
             const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i), name) == 0)
      return i;

  return -1;
}

static void
fill_samples (PfFindingPage *self)
{
  GPtrArray *samples = self->finding ? pf_finding_get_samples (self->finding) : NULL;
  guint n = samples ? samples->len : 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n_keys = 0;

  g_list_store_remove_all (self->samples_store);
  remove_columns (self->samples_view);
  gtk_widget_set_visible (self->samples_box, n > 0);

  if (n == 0)
    return;

  /* Every column any sample names, keys first, in the order met */
  for (guint i = 0; i < n; i++)
    {
      PfSampleRow *sample = g_ptr_array_index (samples, i);

      for (guint k = 0; k < sample->n_keys; k++)
        if (find_column (names, sample->key_columns[k]) < 0)
          g_ptr_array_insert (names, n_keys++, sample->key_columns[k]);
    }
  for (guint i = 0; i < n; i++)
    {
      PfSampleRow *sample = g_ptr_array_index (samples, i);

      for (guint v = 0; v < sample->n_values; v++)
        if (find_column (names, sample->value_columns[v]) < 0)
          g_ptr_array_add (names, sample->value_columns[v]);
    }

  for (guint c = 0; c < names->len; c++)
    {
      g_autoptr(GtkColumnViewColumn) column = make_column (g_ptr_array_index (names, c), c,
                                                           FALSE, c == names->len - 1);

      gtk_column_view_append_column (self->samples_view, column);
    }

  for (guint i = 0; i < n; i++)
    {
      PfSampleRow *sample = g_ptr_array_index (samples, i);
      g_autofree const char **cells = g_new0 (const char *, names->len + 1);
      g_autoptr(GtkStringList) row = NULL;

      for (guint c = 0; c < names->len; c++)
        cells[c] = "";
      for (guint k = 0; k < sample->n_keys; k++)
        cells[find_column (names, sample->key_columns[k])] =
          sample->key_values[k] ? sample->key_values[k] : NULL_MARKER;
      for (guint v = 0; v < sample->n_values; v++)
        cells[find_column (names, sample->value_columns[v])] =
          sample->values[v] ? sample->values[v] : NULL_MARKER;

      row = gtk_string_list_new (cells);
      g_list_store_append (self->samples_store, row);
    }

  {
    gint64 total = pf_finding_get_count (self->finding);
    g_autofree char *n_text = format_count (n);
    g_autofree char *text = NULL;

    if (total > (gint64) n)
      {
        g_autofree char *total_text = format_count (total);

        /* Translators: "The first 100 of 1,350 rows; the fix script covers all of them" */
        text = g_strdup_printf (_("The first %s of %s rows; the fix script covers all of them"),
                                n_text, total_text);
      }
    else
      text = g_strdup (g_dngettext (GETTEXT_PACKAGE, "The row at fault", "Every row at fault", n));
    gtk_label_set_label (self->samples_caption, text);
  }
}

static void
fill_cascade (PfFindingPage *self)
{
  GPtrArray *cascade = self->finding ? pf_finding_get_cascade (self->finding) : NULL;
  g_autofree char *sentence = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cascade_list))) != NULL)
    gtk_list_box_remove (self->cascade_list, child);

  if (self->finding != NULL)
    sentence = pf_finding_dup_cascade_sentence (self->finding, self->schema);

  gtk_widget_set_visible (self->cascade_box, sentence != NULL);
  if (sentence == NULL)
    return;

  gtk_label_set_label (self->cascade_label, sentence);

  for (guint i = 0; i < cascade->len; i++)
    {
      PfCascadeStep *step = g_ptr_array_index (cascade, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *count_label;
      g_autofree char *count = format_count (step->rows);
      g_autofree char *columns = step->columns ? g_strjoinv (", ", step->columns) : g_strdup ("");
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;
      const char *effect;

      switch (step->on_delete)
        {
        case PF_FOREIGN_KEY_ACTION_CASCADE:
          effect = _("deleted with them");
          break;

        case PF_FOREIGN_KEY_ACTION_SET_NULL:
          effect = _("link emptied");
          break;

        case PF_FOREIGN_KEY_ACTION_SET_DEFAULT:
          effect = _("link reset to its default");
          break;

        case PF_FOREIGN_KEY_ACTION_NO_ACTION:
        case PF_FOREIGN_KEY_ACTION_RESTRICT:
        default:
          effect = _("blocks the delete");
          break;
        }

      title = step->table_schema && g_strcmp0 (step->table_schema, "public") != 0
              ? g_strdup_printf ("%s.%s", step->table_schema, step->table)
              : g_strdup (step->table);
      /* Translators: "through profile_id, ON DELETE NO ACTION: blocks the delete" */
      subtitle = g_strdup_printf (_("through %s, ON DELETE %s: %s"),
                                  columns, pf_foreign_key_action_to_sql (step->on_delete), effect);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      count_label = gtk_label_new (count);
      gtk_widget_add_css_class (count_label, "pf-count");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label);
      gtk_list_box_append (self->cascade_list, row);
    }
}

static void
set_row_value (AdwActionRow *row,
               GtkLabel     *label,
               const char   *value)
{
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL && value[0] != '\0');
  gtk_label_set_label (label, value ? value : "");
}

static char *
dup_qualified (const char         *schema,
               const char         *table,
               const char * const *columns)
{
  g_autofree char *cols = columns ? g_strjoinv (", ", (char **) columns) : NULL;
  g_autofree char *name = NULL;

  if (table == NULL)
    return NULL;

  name = schema ? g_strdup_printf ("%s.%s", schema, table) : g_strdup (table);
  if (cols == NULL || cols[0] == '\0')
    return g_steal_pointer (&name);

  return g_strdup_printf ("%s (%s)", name, cols);
}

static void
pf_finding_page_update (PfFindingPage *self)
{
  PfFinding *finding = self->finding;
  PfSeverity severity;
  const char *check_id;
  const char *fix_sql;
  const char *explanation;
  g_autofree char *tables = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *detail = NULL;
  static const char *severity_classes[] = { "error", "warning", "accent" };

  if (finding == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      fill_values (self);
      fill_samples (self);
      fill_cascade (self);
      return;
    }

  severity = pf_finding_get_severity (finding);
  check_id = pf_finding_get_check_id (finding);

  gtk_image_set_from_icon_name (self->severity_image, pf_severity_to_icon_name (severity));
  for (guint i = 0; i < G_N_ELEMENTS (severity_classes); i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->severity_image), severity_classes[i]);
      gtk_widget_remove_css_class (GTK_WIDGET (self->severity_label), severity_classes[i]);
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->severity_image), pf_severity_to_css_class (severity));
  gtk_widget_add_css_class (GTK_WIDGET (self->severity_label), pf_severity_to_css_class (severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->severity_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, pf_severity_to_label (severity),
                                  -1);
  {
    g_autofree char *severity_text = g_strdup_printf ("%s · %s",
                                                      pf_severity_to_label (severity),
                                                      pf_check_info_get_label (check_id));

    gtk_label_set_label (self->severity_label, severity_text);
  }

  gtk_label_set_label (self->title_label,
                       pf_finding_get_title (finding) ? pf_finding_get_title (finding)
                                                      : pf_finding_get_error (finding));
  tables = pf_finding_dup_tables_text (finding);
  gtk_label_set_label (self->tables_label, tables);
  gtk_widget_set_visible (GTK_WIDGET (self->tables_label), tables[0] != '\0');

  fix_sql = pf_finding_get_fix_sql (finding);
  gtk_widget_set_visible (self->fix_box, fix_sql != NULL && fix_sql[0] != '\0');

  explanation = pf_finding_get_explanation (finding);
  if (pf_finding_get_failed (finding))
    explanation = pf_finding_get_error (finding);
  gtk_label_set_label (self->explanation_label, explanation ? explanation : "");
  gtk_label_set_label (self->consequence_label, pf_check_info_get_consequence (check_id));
  gtk_label_set_label (self->fixer_label, pf_check_info_get_fixer (check_id));

  set_row_value (self->table_row, self->table_value,
                 pf_finding_get_table_display_name (finding));
  columns = pf_finding_get_columns (finding)
            ? g_strjoinv (", ", (char **) pf_finding_get_columns (finding)) : NULL;
  set_row_value (self->columns_row, self->columns_value, columns);
  parent = dup_qualified (pf_finding_get_parent_schema (finding),
                          pf_finding_get_parent_table (finding),
                          pf_finding_get_parent_columns (finding));
  set_row_value (self->parent_row, self->parent_value, parent);
  set_row_value (self->constraint_row, self->constraint_value,
                 pf_finding_get_constraint (finding));
  set_row_value (self->declared_row, self->declared_value,
                 pf_finding_get_parent_table (finding) == NULL ? NULL
                 : pf_finding_get_declared (finding) ? _("Yes")
                 : _("No: implied by names or rules"));
  set_row_value (self->check_row, self->check_value, check_id);

  detail = g_strdup (pf_finding_get_detail (finding));
  if (detail != NULL)
    g_strchomp (detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_row), detail != NULL && detail[0] != '\0');
  gtk_label_set_label (self->detail_label, detail ? detail : "");
  adw_expander_row_set_expanded (self->detail_row, FALSE);

  fill_cascade (self);
  fill_values (self);
  fill_samples (self);

  /* A new finding starts at the top */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

/* ---- public API ------------------------------------------------------------- */

GtkWidget *
pf_finding_page_new (void)
{
  return g_object_new (PF_TYPE_FINDING_PAGE, NULL);
}

PfFinding *
pf_finding_page_get_finding (PfFindingPage *self)
{
  g_return_val_if_fail (PF_IS_FINDING_PAGE (self), NULL);

  return self->finding;
}

void
pf_finding_page_set_finding (PfFindingPage *self,
                             PfFinding     *finding)
{
  g_return_if_fail (PF_IS_FINDING_PAGE (self));
  g_return_if_fail (finding == NULL || PF_IS_FINDING (finding));

  if (!g_set_object (&self->finding, finding))
    return;

  pf_finding_page_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDING]);
}

void
pf_finding_page_set_target (PfFindingPage *self,
                            PfSchema      *schema,
                            const char    *connection_name)
{
  g_return_if_fail (PF_IS_FINDING_PAGE (self));
  g_return_if_fail (schema == NULL || PF_IS_SCHEMA (schema));

  g_set_object (&self->schema, schema);
  g_free (self->connection_name);
  self->connection_name = g_strdup (connection_name);

  if (self->finding != NULL)
    fill_cascade (self);
}

void
pf_finding_page_focus (PfFindingPage *self)
{
  g_return_if_fail (PF_IS_FINDING_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->back_button));
}

/* ---- GObject ---------------------------------------------------------------- */

static void
pf_finding_page_dispose (GObject *object)
{
  PfFindingPage *self = PF_FINDING_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_FINDING_PAGE);

  /* Only bound children are cleared above; the box around them is not */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->values_store);
  g_clear_object (&self->samples_store);
  g_clear_object (&self->finding);
  g_clear_object (&self->schema);
  g_clear_pointer (&self->connection_name, g_free);

  G_OBJECT_CLASS (pf_finding_page_parent_class)->dispose (object);
}

static void
pf_finding_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PfFindingPage *self = PF_FINDING_PAGE (object);

  switch (prop_id)
    {
    case PROP_FINDING:
      g_value_set_object (value, self->finding);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_finding_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PfFindingPage *self = PF_FINDING_PAGE (object);

  switch (prop_id)
    {
    case PROP_FINDING:
      pf_finding_page_set_finding (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_finding_page_class_init (PfFindingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_finding_page_dispose;
  object_class->get_property = pf_finding_page_get_property;
  object_class->set_property = pf_finding_page_set_property;

  properties[PROP_FINDING] =
    g_param_spec_object ("finding", NULL, NULL,
                         PF_TYPE_FINDING,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BACK] =
    g_signal_new ("back",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-finding-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, severity_image);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, severity_label);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, tables_label);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, fix_box);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, consequence_label);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, fixer_label);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, cascade_box);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, cascade_label);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, cascade_list);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, values_box);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, values_caption);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, values_view);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, samples_box);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, samples_caption);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, samples_view);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, table_row);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, table_value);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, columns_row);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, columns_value);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, parent_row);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, parent_value);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, constraint_row);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, constraint_value);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, declared_row);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, declared_value);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, check_row);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, check_value);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, detail_row);
  gtk_widget_class_bind_template_child (widget_class, PfFindingPage, detail_label);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pf_finding_page_init (PfFindingPage *self)
{
  g_autoptr(GtkColumnViewColumn) value_column = NULL;
  g_autoptr(GtkColumnViewColumn) rows_column = NULL;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->values_store = g_list_store_new (GTK_TYPE_STRING_LIST);
  self->samples_store = g_list_store_new (GTK_TYPE_STRING_LIST);

  value_column = make_column (_("Value"), 0, FALSE, TRUE);
  rows_column = make_column (_("Rows"), 1, TRUE, FALSE);
  gtk_column_view_append_column (self->values_view, value_column);
  gtk_column_view_append_column (self->values_view, rows_column);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->values_store)));
  gtk_column_view_set_model (self->values_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->samples_store)));
  gtk_column_view_set_model (self->samples_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  pf_finding_page_update (self);
}
