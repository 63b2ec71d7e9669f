/* pf-finding-row.c — one finding in the Integrity list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-finding-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-finding-row.h"
#include "pf-overview-page.h"

struct _PfFindingRow
{
  GtkListBoxRow  parent_instance;

  PfFinding     *finding;

  /* Template widgets */
  GtkImage      *severity_image;
  GtkLabel      *title_label;
  GtkLabel      *tables_label;
  GtkLabel      *count_label;
};

G_DEFINE_FINAL_TYPE (PfFindingRow, pf_finding_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_FINDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
pf_severity_to_icon_name (PfSeverity severity)
{
  switch (severity)
    {
    case PF_SEVERITY_BLOCKER:
      return "dialog-error-symbolic";

    case PF_SEVERITY_WARNING:
      return "dialog-warning-symbolic";

    case PF_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

const char *
pf_severity_to_css_class (PfSeverity severity)
{
  switch (severity)
    {
    case PF_SEVERITY_BLOCKER:
      return "error";

    case PF_SEVERITY_WARNING:
      return "warning";

    case PF_SEVERITY_INFO:
    default:
      return "accent";
    }
}

char *
pf_finding_dup_tables_text (PfFinding *finding)
{
  const char *table;
  const char *parent;

  g_return_val_if_fail (PF_IS_FINDING (finding), NULL);

  table = pf_finding_get_table_display_name (finding);
  parent = pf_finding_get_parent_table (finding);

  if (table == NULL)
    return g_strdup ("");

  if (parent == NULL)
    return g_strdup (table);

  /* Schemas mean something on PostgreSQL only ("main" on SQLite does not) */
  if (pf_finding_get_table_schema (finding) != NULL &&
      pf_finding_get_parent_schema (finding) != NULL &&
      g_strcmp0 (pf_finding_get_parent_schema (finding), "public") != 0)
    return g_strdup_printf ("%s → %s.%s", table, pf_finding_get_parent_schema (finding), parent);

  return g_strdup_printf ("%s → %s", table, parent);
}

static void
pf_finding_row_update (PfFindingRow *self)
{
  PfSeverity severity = pf_finding_get_severity (self->finding);
  gint64 count = pf_finding_get_count (self->finding);
  g_autofree char *tables = pf_finding_dup_tables_text (self->finding);
  g_autofree char *count_text = NULL;
  const char *title = pf_finding_get_title (self->finding);

  gtk_image_set_from_icon_name (self->severity_image, pf_severity_to_icon_name (severity));
  gtk_widget_add_css_class (GTK_WIDGET (self->severity_image), pf_severity_to_css_class (severity));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->severity_image), pf_severity_to_label (severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->severity_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, pf_severity_to_label (severity),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, pf_severity_to_label (severity),
                                  -1);

  if (title == NULL || title[0] == '\0')
    title = pf_finding_get_error (self->finding);
  gtk_label_set_label (self->title_label, title ? title : "");

  gtk_label_set_label (self->tables_label, tables);
  gtk_widget_set_visible (GTK_WIDGET (self->tables_label), tables[0] != '\0');
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->tables_label), tables);

  if (count >= 0)
    {
      count_text = pf_format_row_count (count, TRUE);
      gtk_label_set_label (self->count_label, count_text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), count >= 0);

  /* A screen reader reads the row as its title, then the severity */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, pf_severity_to_label (severity),
                                  -1);
}

GtkWidget *
pf_finding_row_new (PfFinding *finding)
{
  g_return_val_if_fail (PF_IS_FINDING (finding), NULL);

  return g_object_new (PF_TYPE_FINDING_ROW, "finding", finding, NULL);
}

PfFinding *
pf_finding_row_get_finding (PfFindingRow *self)
{
  g_return_val_if_fail (PF_IS_FINDING_ROW (self), NULL);

  return self->finding;
}

static void
pf_finding_row_dispose (GObject *object)
{
  PfFindingRow *self = PF_FINDING_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_FINDING_ROW);
  g_clear_object (&self->finding);

  G_OBJECT_CLASS (pf_finding_row_parent_class)->dispose (object);
}

static void
pf_finding_row_constructed (GObject *object)
{
  PfFindingRow *self = PF_FINDING_ROW (object);

  G_OBJECT_CLASS (pf_finding_row_parent_class)->constructed (object);

  g_return_if_fail (self->finding != NULL);
  pf_finding_row_update (self);
}

static void
pf_finding_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PfFindingRow *self = PF_FINDING_ROW (object);

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
pf_finding_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PfFindingRow *self = PF_FINDING_ROW (object);

  switch (prop_id)
    {
    case PROP_FINDING:
      self->finding = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_finding_row_class_init (PfFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_finding_row_dispose;
  object_class->constructed = pf_finding_row_constructed;
  object_class->get_property = pf_finding_row_get_property;
  object_class->set_property = pf_finding_row_set_property;

  properties[PROP_FINDING] =
    g_param_spec_object ("finding", NULL, NULL,
                         PF_TYPE_FINDING,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-finding-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PfFindingRow, severity_image);
  gtk_widget_class_bind_template_child (widget_class, PfFindingRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PfFindingRow, tables_label);
  gtk_widget_class_bind_template_child (widget_class, PfFindingRow, count_label);
}

static void
pf_finding_row_init (PfFindingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
