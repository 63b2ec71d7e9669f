/* pf-overview-page.c — what a database is and which tables it holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-overview-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "pf-connection-row.h"
#include "pf-overview-page.h"
#include "pf-report.h"

struct _PfOverviewPage
{
  GtkWidget          parent_instance;

  PfDatabase        *database;
  PfSchema          *schema;
  GtkSortListModel  *sort_model;
  PfConnectionProfile *profile;
  PfReport          *report;

  /* Template widgets */
  GtkWidget         *verdict_card;
  GtkLabel          *verdict_label;
  GtkWidget         *incomplete_badge;
  GtkLabel          *sentence_label;
  GtkLabel          *incomplete_label;
  GtkWidget         *verdict_counts_box;
  GtkLabel          *blockers_label;
  GtkLabel          *warnings_label;
  GtkLabel          *info_label;
  GtkLabel          *checked_label;
  GtkWidget         *checklist_list;
  AdwActionRow      *checklist_row;
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

/* ---- the verdict card ------------------------------------------------------- */

/* "Checked today at 14:02", "Checked yesterday at 09:15",
 * "Checked on 21 November at 14:02", "Checked on 21 November 2025 at 14:02" */
static char *
dup_checked_text (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = NULL;
  g_autofree char *time = NULL;
  g_autofree char *day = NULL;

  if (when == NULL)
    return NULL;

  local = g_date_time_to_local (when);
  yesterday = g_date_time_add_days (now, -1);
  time = g_date_time_format (local, "%H:%M");

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: %s is a time, "14:02" */
    return g_strdup_printf (_("Checked today at %s"), time);

  if (g_date_time_get_year (local) == g_date_time_get_year (yesterday) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (yesterday))
    /* Translators: %s is a time, "14:02" */
    return g_strdup_printf (_("Checked yesterday at %s"), time);

  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: a day as strftime() writes it, "21 November" */
    day = g_date_time_format (local, _("%-d %B"));
  else
    /* Translators: a day as strftime() writes it, "21 November 2025" */
    day = g_date_time_format (local, _("%-d %B %Y"));

  /* Translators: "Checked on 21 November at 14:02" */
  return g_strdup_printf (_("Checked on %s at %s"), day, time);
}

static void
set_count_label (GtkLabel *label,
                 guint     count)
{
  g_autofree char *text = pf_format_row_count (count, TRUE);

  gtk_label_set_label (label, text);
}

static void
pf_overview_page_update_verdict (PfOverviewPage *self)
{
  static const char *classes[] = { "success", "warning", "error", "dim-label" };
  const char *verdict = NULL;
  guint n_blockers = 0, n_warnings = 0, n_info = 0;
  gboolean complete = TRUE;
  const char *reason = NULL;
  GDateTime *checked = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *checked_text = NULL;
  g_autofree char *incomplete_text = NULL;

  if (self->report != NULL)
    {
      verdict = pf_verdict_to_string (pf_report_get_verdict (self->report));
      n_blockers = pf_report_count (self->report, PF_SEVERITY_BLOCKER);
      n_warnings = pf_report_count (self->report, PF_SEVERITY_WARNING);
      n_info = pf_report_count (self->report, PF_SEVERITY_INFO);
      complete = pf_report_get_complete (self->report);
      reason = pf_report_get_incomplete_reason (self->report);
      checked = pf_report_get_generated_at (self->report);
      sentence = pf_report_dup_verdict_headline (self->report);
    }
  else if (self->profile != NULL && pf_connection_profile_get_last_verdict (self->profile) != NULL)
    {
      verdict = pf_connection_profile_get_last_verdict (self->profile);
      n_blockers = pf_connection_profile_get_last_n_blockers (self->profile);
      n_warnings = pf_connection_profile_get_last_n_warnings (self->profile);
      n_info = pf_connection_profile_get_last_n_info (self->profile);
      complete = pf_connection_profile_get_last_complete (self->profile);
      checked = pf_connection_profile_get_last_checked (self->profile);
    }

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), pf_verdict_style_for_string (verdict) ?: "dim-label");
  gtk_label_set_label (self->verdict_label, pf_verdict_label_for_string (verdict));

  if (verdict == NULL)
    sentence = g_strdup (_("Run the checks on the Integrity page to find out whether this database is ready for its migration."));
  else if (sentence == NULL)
    {
      /* The profile keeps the counts, not the sentence: say it the same way */
      if (n_blockers > 0)
        sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u problem blocks this migration",
                                                 "%u problems block this migration",
                                                 n_blockers), n_blockers);
      else if (n_warnings > 0)
        sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Nothing blocks this migration, but %u warning needs a look",
                                                 "Nothing blocks this migration, but %u warnings need a look",
                                                 n_warnings), n_warnings);
      else
        sentence = g_strdup (_("Nothing blocks this migration"));
    }
  else
    {
      /* "NO-GO: 5 problems block this migration": the card already shows
       * the verdict in large letters, keep what follows the colon */
      const char *colon = strchr (sentence, ':');

      if (colon != NULL && colon[1] == ' ')
        {
          char *rest = g_strdup (colon + 2);

          g_free (sentence);
          sentence = rest;
        }
    }
  gtk_label_set_label (self->sentence_label, sentence);

  gtk_widget_set_visible (self->verdict_counts_box, verdict != NULL);
  set_count_label (self->blockers_label, n_blockers);
  set_count_label (self->warnings_label, n_warnings);
  set_count_label (self->info_label, n_info);

  gtk_widget_set_visible (self->incomplete_badge, verdict != NULL && !complete);
  gtk_widget_set_visible (GTK_WIDGET (self->incomplete_label), verdict != NULL && !complete);
  if (verdict != NULL && !complete)
    {
      if (reason != NULL)
        /* Translators: %s says why: "The scan was cancelled; 3 of 24 checks finished" */
        incomplete_text = g_strdup_printf (_("Incomplete: %s. Only part of the database was checked."), reason);
      else
        incomplete_text = g_strdup (_("Incomplete: the last check did not finish. Only part of the database was checked."));
      gtk_label_set_label (self->incomplete_label, incomplete_text);
    }

  checked_text = dup_checked_text (checked);
  gtk_label_set_label (self->checked_label, checked_text ? checked_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->checked_label), checked_text != NULL);

  {
    /* The card read as one sentence by a screen reader */
    g_autofree char *description = NULL;

    if (verdict != NULL)
      description = g_strdup_printf ("%s. %s%s%s", pf_verdict_label_for_string (verdict), sentence,
                                     incomplete_text ? ". " : "",
                                     incomplete_text ? incomplete_text : "");
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_card),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description ? description : pf_verdict_label_for_string (verdict),
                                    -1);
  }
}

static void
profile_changed_cb (PfOverviewPage *self)
{
  pf_overview_page_update_verdict (self);
}

void
pf_overview_page_set_profile (PfOverviewPage      *self,
                              PfConnectionProfile *profile)
{
  g_return_if_fail (PF_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (profile == NULL || PF_IS_CONNECTION_PROFILE (profile));

  if (self->profile == profile)
    return;

  if (self->profile != NULL)
    g_signal_handlers_disconnect_by_func (self->profile, profile_changed_cb, self);

  g_set_object (&self->profile, profile);

  if (profile != NULL)
    {
      const char *names[] = {
        "notify::last-verdict", "notify::last-checked", "notify::last-n-blockers",
        "notify::last-n-warnings", "notify::last-n-info", "notify::last-complete",
      };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        g_signal_connect_object (profile, names[i], G_CALLBACK (profile_changed_cb),
                                 self, G_CONNECT_SWAPPED);
    }

  pf_overview_page_update_verdict (self);
}

void
pf_overview_page_set_report (PfOverviewPage *self,
                             PfReport       *report)
{
  g_return_if_fail (PF_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (report == NULL || PF_IS_REPORT (report));

  if (g_set_object (&self->report, report))
    pf_overview_page_update_verdict (self);
}

void
pf_overview_page_set_checklist_summary (PfOverviewPage *self,
                                        const char     *summary)
{
  g_return_if_fail (PF_IS_OVERVIEW_PAGE (self));

  gtk_widget_set_visible (self->checklist_list, summary != NULL);
  adw_action_row_set_subtitle (self->checklist_row, summary ? summary : "");
}

const char *
pf_overview_page_get_verdict_text (PfOverviewPage *self)
{
  g_return_val_if_fail (PF_IS_OVERVIEW_PAGE (self), NULL);

  return gtk_label_get_label (self->verdict_label);
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

  if (self->profile != NULL)
    g_signal_handlers_disconnect_by_func (self->profile, profile_changed_cb, self);
  g_clear_object (&self->profile);
  g_clear_object (&self->report);
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
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, verdict_card);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, incomplete_badge);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, sentence_label);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, incomplete_label);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, verdict_counts_box);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, blockers_label);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, info_label);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, checked_label);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, checklist_list);
  gtk_widget_class_bind_template_child (widget_class, PfOverviewPage, checklist_row);
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
  pf_overview_page_update_verdict (self);
}
