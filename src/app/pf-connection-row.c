/* pf-connection-row.c — a saved connection in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-connection-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-connection-row.h"

struct _PfConnectionRow
{
  GtkListBoxRow        parent_instance;

  PfConnectionProfile *profile;

  /* Template widgets */
  GtkLabel            *name_label;
  GtkLabel            *location_label;
  GtkLabel            *environment_label;
  GtkImage            *verdict_icon;
  GtkLabel            *verdict_label;
  GtkMenuButton       *menu_button;
  GtkPopoverMenu      *context_menu;
};

G_DEFINE_FINAL_TYPE (PfConnectionRow, pf_connection_row, GTK_TYPE_LIST_BOX_ROW)

static const char * const environment_classes[] = {
  "pf-environment-development", "pf-environment-staging", "pf-environment-production",
};

const char *
pf_verdict_style_for_string (const char *verdict)
{
  if (g_strcmp0 (verdict, "no-go") == 0)
    return "error";
  if (g_strcmp0 (verdict, "go-with-warnings") == 0)
    return "warning";
  if (g_strcmp0 (verdict, "go") == 0)
    return "success";
  return NULL;
}

static const char *
verdict_icon_for_string (const char *verdict)
{
  if (g_strcmp0 (verdict, "no-go") == 0)
    return "dialog-error-symbolic";
  if (g_strcmp0 (verdict, "go-with-warnings") == 0)
    return "dialog-warning-symbolic";
  if (g_strcmp0 (verdict, "go") == 0)
    return "emblem-ok-symbolic";
  return "content-loading-symbolic";
}

static void
set_style (GtkWidget          *widget,
           const char * const *all,
           gsize               n_all,
           const char         *wanted)
{
  for (gsize i = 0; i < n_all; i++)
    gtk_widget_remove_css_class (widget, all[i]);
  if (wanted != NULL)
    gtk_widget_add_css_class (widget, wanted);
}

static void
pf_connection_row_update (PfConnectionRow *self)
{
  static const char * const verdict_classes[] = { "error", "warning", "success" };
  PfEnvironment environment = pf_connection_profile_get_environment (self->profile);
  const char *verdict = pf_connection_profile_get_last_verdict (self->profile);
  const char *environment_label = pf_environment_to_label (environment);
  g_autofree char *location = pf_connection_profile_dup_location (self->profile);
  g_autofree char *verdict_text = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *menu_label = NULL;

  gtk_label_set_label (self->name_label, pf_connection_profile_get_name (self->profile));
  if (pf_connection_profile_get_kind (self->profile) == PF_DATABASE_KIND_POSTGRESQL &&
      pf_connection_profile_get_dbname (self->profile) != NULL &&
      pf_connection_profile_get_service (self->profile) == NULL)
    {
      /* Translators: “rota on db.example.org:5432”: a database on a server */
      g_autofree char *where = g_strdup_printf (_("%s on %s"),
                                                pf_connection_profile_get_dbname (self->profile),
                                                location);
      gtk_label_set_label (self->location_label, where);
    }
  else
    gtk_label_set_label (self->location_label, location);

  gtk_widget_set_visible (GTK_WIDGET (self->environment_label), environment_label != NULL);
  gtk_label_set_label (self->environment_label, environment_label);
  set_style (GTK_WIDGET (self->environment_label), environment_classes,
             G_N_ELEMENTS (environment_classes),
             environment != PF_ENVIRONMENT_NONE ? environment_classes[environment - 1] : NULL);

  if (verdict != NULL && !pf_connection_profile_get_last_complete (self->profile))
    /* Translators: a verdict such as “NO-GO”, from a check that did not finish */
    verdict_text = g_strdup_printf (_("%s (incomplete)"), pf_verdict_label_for_string (verdict));
  else
    verdict_text = g_strdup (pf_verdict_label_for_string (verdict));
  gtk_label_set_label (self->verdict_label, verdict_text);
  gtk_image_set_from_icon_name (self->verdict_icon, verdict_icon_for_string (verdict));
  set_style (GTK_WIDGET (self->verdict_label), verdict_classes,
             G_N_ELEMENTS (verdict_classes), pf_verdict_style_for_string (verdict));
  set_style (GTK_WIDGET (self->verdict_icon), verdict_classes,
             G_N_ELEMENTS (verdict_classes), pf_verdict_style_for_string (verdict));

  /* Read as one sentence by screen readers: the badge is not only a colour */
  if (environment_label != NULL)
    accessible = g_strdup_printf ("%s, %s, %s",
                                  pf_connection_profile_get_name (self->profile),
                                  environment_label, verdict_text);
  else
    accessible = g_strdup_printf ("%s, %s",
                                  pf_connection_profile_get_name (self->profile),
                                  verdict_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  /* Translators: %s is a connection name */
  menu_label = g_strdup_printf (_("Menu for %s"), pf_connection_profile_get_name (self->profile));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label,
                                  -1);
}

static GMenuModel *
pf_connection_row_build_menu (PfConnectionRow *self)
{
  GMenu *menu = g_menu_new ();
  const char *id = pf_connection_profile_get_id (self->profile);
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
  g_autoptr(GMenuItem) duplicate = g_menu_item_new (_("D_uplicate"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);

  g_menu_item_set_action_and_target (edit, "win.edit-connection", "s", id);
  g_menu_item_set_action_and_target (duplicate, "win.duplicate-connection", "s", id);
  g_menu_item_set_action_and_target (delete, "win.delete-connection", "s", id);
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, duplicate);
  g_menu_append_item (menu, delete);

  return G_MENU_MODEL (menu);
}

static void
popup_context_menu (PfConnectionRow *self,
                    double           x,
                    double           y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
secondary_click_pressed_cb (GtkGestureClick *gesture,
                            int              n_press,
                            double           x,
                            double           y,
                            PfConnectionRow *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_context_menu (self, x, y);
}

static void
long_pressed_cb (GtkGestureLongPress *gesture,
                 double               x,
                 double               y,
                 PfConnectionRow     *self)
{
  popup_context_menu (self, x, y);
}

static void
popup_menu_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PfConnectionRow *self = PF_CONNECTION_ROW (widget);

  gtk_menu_button_popup (self->menu_button);
}

static void
pf_connection_row_dispose (GObject *object)
{
  PfConnectionRow *self = PF_CONNECTION_ROW (object);

  if (self->context_menu != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->context_menu));
  self->context_menu = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_CONNECTION_ROW);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (pf_connection_row_parent_class)->dispose (object);
}

static void
pf_connection_row_class_init (PfConnectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_connection_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-connection-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PfConnectionRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionRow, location_label);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionRow, environment_label);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionRow, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionRow, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionRow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, secondary_click_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, long_pressed_cb);

  gtk_widget_class_install_action (widget_class, "row.popup-menu", NULL, popup_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "row.popup-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "row.popup-menu", NULL);
}

static void
pf_connection_row_init (PfConnectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pf_connection_row_new (PfConnectionProfile *profile)
{
  PfConnectionRow *self;
  g_autoptr(GMenuModel) menu = NULL;

  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (profile), NULL);

  self = g_object_new (PF_TYPE_CONNECTION_ROW, NULL);
  self->profile = g_object_ref (profile);

  menu = pf_connection_row_build_menu (self);
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  self->context_menu = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->context_menu), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->context_menu), GTK_WIDGET (self));

  /* Any change of the profile (name, environment, last check) redraws us */
  g_signal_connect_object (profile, "notify",
                           G_CALLBACK (pf_connection_row_update),
                           self, G_CONNECT_SWAPPED);
  pf_connection_row_update (self);

  return GTK_WIDGET (self);
}

PfConnectionProfile *
pf_connection_row_get_profile (PfConnectionRow *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_ROW (self), NULL);

  return self->profile;
}
