/* pf-overview-page.c — what a database is and which tables it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-overview-page"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pf-overview-page.h"

struct _PfOverviewPage
{
  GtkWidget          parent_instance;

  PfDatabase        *database;
  PfSchema          *schema;
  GtkSortListModel  *sort_model;

  /* Template widgets */
  GtkLabel          *name_label;
  GtkLabel          *location_label;
  GtkLabel          *kind_label;
  GtkLabel          *version_label;
  GtkLabel          *size_label;
  GtkLabel          *tables_label;
  GtkLabel          *foreign_keys_label;
  GtkStack          *tables_stack;
  GtkColumnView     *column_view;
  GtkColumnViewColumn *name_column;
};

G_DEFINE_FINAL_TYPE (PfOverviewPage, pf_overview_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SCHEMA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Digits grouped the way the locale groups them; the C locale does not, and
 * "1234567" is hard to read, so fall back to commas there. */
static char *
format_count (gint64 value)
{
  const struct lconv *conv = localeconv ();
  g_autofree char *digits = NULL;
  GString *str;
  const char *p;
  gsize len;

  if (conv->thousands_sep != NULL && conv->thousands_sep[0] != '\0')
    return g_strdup_printf ("%'" G_GINT64_FORMAT, value);

  digits = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  str = g_string_new (NULL);
  p = digits;
  if (*p == '-')
    g_string_append_c (str, *p++);

  len = strlen (p);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (str, ',');
      g_string_append_c (str, p[i]);
    }

  return g_string_free (str, FALSE);
}

char *
pf_format_row_count (gint64   rows,
                     gboolean exact)
{
  g_autofree char *count = NULL;

  if (rows < 0)
    return g_strdup ("—");

  count = format_count (rows);
  if (exact)
    return g_steal_pointer (&count);

  /* Translators: an estimated number of rows, such as “~12,345” */
  return g_strdup_printf (_("~%s"), count);
}

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PfOverviewPage           *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 PfOverviewPage           *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "pf-count");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PfOverviewPage           *self)
{
  PfTable *table = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));

  gtk_label_set_label (label, pf_table_get_display_name (table));
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), pf_table_get_display_name (table));
}

static void
bind_rows_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PfOverviewPage           *self)
{
  PfTable *table = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  gint64 rows = pf_table_get_row_estimate (table);
  gboolean exact = pf_table_get_row_estimate_is_exact (table);
  g_autofree char *text = pf_format_row_count (rows, exact);
  const char *tooltip = NULL;

  if (rows < 0)
    tooltip = _("The database does not know how many rows this table has");
  else if (!exact)
    tooltip = _("An estimate from the database’s statistics");

  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}

static void
bind_columns_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 PfOverviewPage           *self)
{
  PfTable *table = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  guint n_columns = 0;
  g_autofree char *text = NULL;

  g_object_get (table, "n-columns", &n_columns, NULL);
  text = format_count (n_columns);
  gtk_label_set_label (label, text);
}

static void
bind_foreign_keys_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      PfOverviewPage           *self)
{
  PfTable *table = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  guint n_foreign_keys = 0;
  g_autofree char *text = NULL;

  g_object_get (table, "n-foreign-keys", &n_foreign_keys, NULL);
  text = format_count (n_foreign_keys);
  gtk_label_set_label (label, text);
}

static const char *
kind_to_string (PfDatabaseKind kind)
{
  switch (kind)
    {
    case PF_DATABASE_KIND_SQLITE:
      return "SQLite";

    case PF_DATABASE_KIND_POSTGRESQL:
      return "PostgreSQL";

    default:
      return _("Unknown");
    }
}

static void
pf_overview_page_update (PfOverviewPage *self)
{
  const char *kind = NULL;
  const char *version = NULL;
  g_autofree char *size = NULL;
  g_autofree char *n_tables = NULL;
  g_autofree char *n_foreign_keys = NULL;
  gint64 bytes = -1;

  if (self->database != NULL)
    {
      kind = kind_to_string (pf_database_get_kind (self->database));
      version = pf_database_get_server_version (self->database);
      bytes = pf_database_get_size (self->database);

      /* "SQLite 3.40.1" next to "SQLite": keep just the number */
      if (version != NULL && g_str_has_prefix (version, kind) && version[strlen (kind)] == ' ')
        version += strlen (kind) + 1;
    }

  if (bytes >= 0)
    size = g_format_size (bytes);

  if (self->schema != NULL)
    {
      n_tables = format_count (pf_schema_get_n_tables (self->schema));
      n_foreign_keys = format_count (pf_schema_get_n_foreign_keys (self->schema));
    }

  gtk_label_set_label (self->name_label,
                       self->database ? pf_database_get_name (self->database) : "");
  gtk_label_set_label (self->location_label,
                       self->database ? pf_database_get_location (self->database) : "");
  gtk_label_set_label (self->kind_label, kind ? kind : "—");
  gtk_label_set_label (self->version_label, version ? version : "—");
  gtk_label_set_label (self->size_label, size ? size : "—");
  gtk_label_set_label (self->tables_label, n_tables ? n_tables : "—");
  gtk_label_set_label (self->foreign_keys_label, n_foreign_keys ? n_foreign_keys : "—");

  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (self->schema));
  gtk_stack_set_visible_child_name (self->tables_stack,
                                    self->schema != NULL && pf_schema_get_n_tables (self->schema) == 0
                                    ? "empty" : "tables");
}

void
pf_overview_page_set_contents (PfOverviewPage *self,
                               PfDatabase     *database,
                               PfSchema       *schema)
{
  gboolean database_changed;
  gboolean schema_changed;

  g_return_if_fail (PF_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (database == NULL || PF_IS_DATABASE (database));
  g_return_if_fail (schema == NULL || PF_IS_SCHEMA (schema));

  database_changed = g_set_object (&self->database, database);
  schema_changed = g_set_object (&self->schema, schema);

  if (!database_changed && !schema_changed)
    return;

  pf_overview_page_update (self);

  if (database_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
  if (schema_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEMA]);
}

PfDatabase *
pf_overview_page_get_database (PfOverviewPage *self)
{
  g_return_val_if_fail (PF_IS_OVERVIEW_PAGE (self), NULL);

  return self->database;
}

PfSchema *
pf_overview_page_get_schema (PfOverviewPage *self)
{
  g_return_val_if_fail (PF_IS_OVERVIEW_PAGE (self), NULL);

  return self->schema;
}

GListModel *
pf_overview_page_get_model (PfOverviewPage *self)
{
  g_return_val_if_fail (PF_IS_OVERVIEW_PAGE (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

GtkWidget *
pf_overview_page_new (void)
{
  return g_object_new (PF_TYPE_OVERVIEW_PAGE, NULL);
}

static void
pf_overview_page_dispose (GObject *object)
{
  PfOverviewPage *self = PF_OVERVIEW_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_OVERVIEW_PAGE);

  /* Only bound children are cleared above; the clamp around them is not */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->sort_model);
  g_clear_object (&self->schema);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (pf_overview_page_parent_class)->dispose (object);
}

static void
pf_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PfOverviewPage *self = PF_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_SCHEMA:
      g_value_set_object (value, self->schema);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_overview_page_class_init (PfOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_overview_page_dispose;
  object_class->get_property = pf_overview_page_get_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         PF_TYPE_DATABASE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SCHEMA] =
    g_param_spec_object ("schema", NULL, NULL,
                         PF_TYPE_SCHEMA,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The template's sorters look up PfTable properties */
  g_type_ensure (PF_TYPE_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, location_label);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, kind_label);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, version_label);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, size_label);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, tables_label);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, foreign_keys_label);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, tables_stack);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, name_column);
  gtk_widget_class_bind_template_callback (widget_class, setup_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_number_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_rows_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_columns_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_foreign_keys_cb);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pf_overview_page_init (PfOverviewPage *self)
{
  GtkSorter *sorter;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (sorter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);

  pf_overview_page_update (self);
}
