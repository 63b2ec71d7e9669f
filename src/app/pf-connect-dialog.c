/* pf-connect-dialog.c — asks where a PostgreSQL database is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-connect-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-connect-dialog.h"

struct _PfConnectDialog
{
  AdwWindow            parent_instance;

  /* What the URL says, when it parses */
  PfConnectionProfile *url_profile;
  char                *url_password;
  /* Set while the URL fills in the fields */
  gboolean             filling;

  /* Template widgets */
  AdwEntryRow         *url_row;
  GtkLabel            *url_error_label;
  AdwEntryRow         *host_row;
  AdwEntryRow         *port_row;
  AdwEntryRow         *dbname_row;
  AdwEntryRow         *user_row;
  AdwPasswordEntryRow *password_row;
  GtkLabel            *port_error_label;
};

G_DEFINE_FINAL_TYPE (PfConnectDialog, pf_connect_dialog, ADW_TYPE_WINDOW)

enum {
  CONNECT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
row_is_blank (AdwEntryRow *row)
{
  const char *text = row_text (row);

  while (g_ascii_isspace (*text))
    text++;

  return *text == '\0';
}

static gboolean
parse_port (const char *text,
            guint      *port)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT16, &value, NULL))
    return FALSE;

  if (port != NULL)
    *port = (guint) value;

  return TRUE;
}

static void
set_row_error (AdwEntryRow *row,
               GtkLabel    *label,
               const char  *message)
{
  if (message != NULL)
    {
      gtk_label_set_label (label, message);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
    }

  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
pf_connect_dialog_update (PfConnectDialog *self)
{
  gboolean use_url = !row_is_blank (self->url_row);
  gboolean valid;

  gtk_widget_set_sensitive (GTK_WIDGET (self->host_row), !use_url);
  gtk_widget_set_sensitive (GTK_WIDGET (self->port_row), !use_url);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dbname_row), !use_url);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), !use_url);

  if (use_url)
    {
      set_row_error (self->port_row, self->port_error_label, NULL);
      valid = self->url_profile != NULL;
    }
  else
    {
      gboolean port_ok = row_is_blank (self->port_row) ||
                         parse_port (row_text (self->port_row), NULL);

      set_row_error (self->port_row, self->port_error_label,
                     port_ok ? NULL : _("The port must be a number between 1 and 65535."));
      valid = port_ok && !row_is_blank (self->dbname_row);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.connect", valid);
}

static void
fill_row (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
url_changed_cb (PfConnectDialog *self)
{
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_clear_object (&self->url_profile);
  g_clear_pointer (&self->url_password, g_free);

  url = g_strstrip (g_strdup (row_text (self->url_row)));

  if (url[0] == '\0')
    {
      set_row_error (self->url_row, self->url_error_label, NULL);
      pf_connect_dialog_update (self);
      return;
    }

  profile = pf_connection_profile_new_from_target (url, &password, &error);

  if (profile != NULL && pf_connection_profile_get_kind (profile) != PF_DATABASE_KIND_POSTGRESQL)
    {
      g_clear_object (&profile);
      g_set_error_literal (&error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_INVALID_TARGET,
                           _("This is not a PostgreSQL URL. It should start with postgresql://"));
    }

  if (profile == NULL)
    {
      set_row_error (self->url_row, self->url_error_label, error->message);
      pf_connect_dialog_update (self);
      return;
    }

  set_row_error (self->url_row, self->url_error_label, NULL);

  self->filling = TRUE;
  fill_row (self->host_row, pf_connection_profile_get_host (profile));
  if (pf_connection_profile_get_port (profile) != 0)
    {
      g_autofree char *port = g_strdup_printf ("%u", pf_connection_profile_get_port (profile));
      fill_row (self->port_row, port);
    }
  else
    {
      fill_row (self->port_row, NULL);
    }
  fill_row (self->dbname_row, pf_connection_profile_get_dbname (profile));
  fill_row (self->user_row, pf_connection_profile_get_user (profile));
  if (password != NULL)
    fill_row (ADW_ENTRY_ROW (self->password_row), password);
  self->filling = FALSE;

  self->url_profile = g_steal_pointer (&profile);
  self->url_password = g_steal_pointer (&password);

  pf_connect_dialog_update (self);
}

static void
field_changed_cb (PfConnectDialog *self)
{
  if (self->filling)
    return;

  pf_connect_dialog_update (self);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PfConnectDialog *self = PF_CONNECT_DIALOG (widget);
  g_autoptr(PfConnectionProfile) profile = NULL;
  const char *password = NULL;
  const char *typed_password;

  typed_password = row_text (ADW_ENTRY_ROW (self->password_row));

  if (!row_is_blank (self->url_row))
    {
      if (self->url_profile == NULL)
        return;

      profile = g_object_ref (self->url_profile);
      password = self->url_password;
    }
  else
    {
      guint port;

      if (row_is_blank (self->dbname_row))
        return;

      profile = pf_connection_profile_new (PF_DATABASE_KIND_POSTGRESQL);
      if (!row_is_blank (self->host_row))
        pf_connection_profile_set_host (profile, row_text (self->host_row));
      if (!row_is_blank (self->port_row))
        {
          if (!parse_port (row_text (self->port_row), &port))
            return;
          pf_connection_profile_set_port (profile, port);
        }
      pf_connection_profile_set_dbname (profile, row_text (self->dbname_row));
      if (!row_is_blank (self->user_row))
        pf_connection_profile_set_user (profile, row_text (self->user_row));
    }

  if (typed_password[0] != '\0')
    password = typed_password;

  g_signal_emit (self, signals[CONNECT], 0, profile, password);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
pf_connect_dialog_dispose (GObject *object)
{
  PfConnectDialog *self = PF_CONNECT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_CONNECT_DIALOG);

  G_OBJECT_CLASS (pf_connect_dialog_parent_class)->dispose (object);
}

static void
pf_connect_dialog_finalize (GObject *object)
{
  PfConnectDialog *self = PF_CONNECT_DIALOG (object);

  g_clear_object (&self->url_profile);
  g_clear_pointer (&self->url_password, g_free);

  G_OBJECT_CLASS (pf_connect_dialog_parent_class)->finalize (object);
}

static void
pf_connect_dialog_class_init (PfConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_connect_dialog_dispose;
  object_class->finalize = pf_connect_dialog_finalize;

  /**
   * PfConnectDialog::connect:
   * @profile: where the database is, without the password
   * @password: (nullable): the password, if one was given
   */
  signals[CONNECT] =
    g_signal_new ("connect",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  PF_TYPE_CONNECTION_PROFILE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PfConnectDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectDialog, url_error_label);
  gtk_widget_class_bind_template_child (widget_class, PfConnectDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectDialog, dbname_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectDialog, port_error_label);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.connect", NULL, connect_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pf_connect_dialog_init (PfConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  pf_connect_dialog_update (self);
}

PfConnectDialog *
pf_connect_dialog_new (GtkWindow *parent)
{
  return g_object_new (PF_TYPE_CONNECT_DIALOG,
                       "transient-for", parent,
                       NULL);
}
