/* pf-connection-editor.c — add or edit a saved connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-connection-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pf-profile-store.h"
#include "pf-secrets.h"
#include "pf-connection-editor.h"
#include "pf-connection-editor-private.h"
#include "pf-rules-editor.h"

/* The order of the "SSL mode" row's items */
static const char * const sslmodes[] = {
  "disable", "allow", "prefer", "require", "verify-ca", "verify-full",
};
#define SSLMODE_PREFER 2

/* The certificate files shown as rows; other libpq parameters of a URL are
 * kept as they are (extra_params). */
static const char * const cert_keywords[] = { "sslrootcert", "sslcert", "sslkey" };

enum {
  KIND_POSTGRESQL,
  KIND_SQLITE,
};

struct _PfConnectionEditor
{
  AdwWindow             parent_instance;

  PfProfileStore       *store;
  /* The profile being edited, NULL for a new connection */
  PfConnectionProfile  *original;
  /* What Save stores besides the rows */
  PfRules              *rules;
  char                 *project_dir;
  char                 *cert_paths[G_N_ELEMENTS (cert_keywords)];
  /* keyword → value: libpq parameters the form has no row for */
  GHashTable           *extra_params;
  /* The profile named no sslmode and the row still shows libpq's default */
  gboolean              sslmode_unset;
  /* Set while fields are filled from a profile or URL */
  gboolean              filling;
  /* The text in the URL row could not be used */
  gboolean              url_invalid;
  /* The name is taken by another connection */
  gboolean              name_taken;

  GCancellable         *lookup_cancellable;
  GtkFileChooserNative *file_chooser;
  char                 *choosing;

  /* Test Connection */
  PfDatabase           *testing;
  GCancellable         *test_cancellable;
  char                 *test_result;

  /* Between writing the file and the keyring's answer */
  PfConnectionProfile  *saved;
  gboolean              saving;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *save_error_label;
  AdwEntryRow          *name_row;
  GtkLabel             *name_error_label;
  AdwComboRow          *kind_row;
  AdwComboRow          *environment_row;
  GtkStringList        *environment_model;
  AdwActionRow         *production_row;
  AdwEntryRow          *url_row;
  GtkLabel             *url_error_label;
  AdwPreferencesGroup  *server_group;
  GtkSwitch            *use_service_switch;
  AdwEntryRow          *service_row;
  AdwEntryRow          *host_row;
  AdwEntryRow          *port_row;
  GtkLabel             *port_error_label;
  AdwEntryRow          *dbname_row;
  GtkSpinButton        *timeout_spin;
  AdwPreferencesGroup  *sign_in_group;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  GtkSwitch            *remember_switch;
  AdwPreferencesGroup  *ssl_group;
  AdwComboRow          *sslmode_row;
  AdwActionRow         *sslrootcert_row;
  AdwActionRow         *sslcert_row;
  AdwActionRow         *sslkey_row;
  GtkWidget            *sslrootcert_clear_button;
  GtkWidget            *sslcert_clear_button;
  GtkWidget            *sslkey_clear_button;
  AdwPreferencesGroup  *file_group;
  AdwEntryRow          *path_row;
  AdwActionRow         *project_row;
  GtkWidget            *project_clear_button;
  AdwActionRow         *rules_row;
  GtkButton            *test_button;
  GtkSpinner           *test_spinner;
  GtkImage             *test_icon;
  GtkLabel             *test_result_label;
};

G_DEFINE_FINAL_TYPE (PfConnectionEditor, pf_connection_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void pf_connection_editor_update (PfConnectionEditor *self);

/* ---- helpers -------------------------------------------------------------- */

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The row's text without surrounding spaces, NULL when that is empty */
static char *
row_dup_value (gpointer row)
{
  g_autofree char *text = g_strstrip (g_strdup (row_text (row)));

  if (text[0] == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

static gboolean
row_is_blank (gpointer row)
{
  g_autofree char *value = row_dup_value (row);

  return value == NULL;
}

static void
fill_row (gpointer    row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
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
set_row_error (gpointer    row,
               GtkLabel   *label,
               const char *message)
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

/* Overwrites a password before freeing it */
static void
clear_password (char *password)
{
  if (password == NULL)
    return;

  memset (password, 0, strlen (password));
  g_free (password);
}

static PfDatabaseKind
get_kind (PfConnectionEditor *self)
{
  if (adw_combo_row_get_selected (self->kind_row) == KIND_SQLITE)
    return PF_DATABASE_KIND_SQLITE;

  return PF_DATABASE_KIND_POSTGRESQL;
}

static int
cert_index (const char *keyword)
{
  for (guint i = 0; i < G_N_ELEMENTS (cert_keywords); i++)
    if (g_strcmp0 (cert_keywords[i], keyword) == 0)
      return (int) i;

  return -1;
}

static const char *
sslmode_description (guint index)
{
  switch (index)
    {
    case 0:
      return _("Never encrypt the connection");
    case 1:
      return _("Encrypt only when the server insists");
    case 2:
      return _("Encrypt when the server can; the usual default");
    case 3:
      return _("Always encrypt, without checking the server’s certificate");
    case 4:
      return _("Always encrypt, and check that a trusted authority signed the certificate");
    case 5:
      return _("Always encrypt, and check the certificate and the host name");
    default:
      return NULL;
    }
}

/* ---- showing the state ---------------------------------------------------- */

static void
update_file_row (AdwActionRow *row,
                 GtkWidget    *clear_button,
                 const char   *path)
{
  adw_action_row_set_subtitle (row, path != NULL ? path : _("None"));
  gtk_widget_set_sensitive (clear_button, path != NULL);
}

static void
update_file_rows (PfConnectionEditor *self)
{
  update_file_row (self->sslrootcert_row, self->sslrootcert_clear_button, self->cert_paths[0]);
  update_file_row (self->sslcert_row, self->sslcert_clear_button, self->cert_paths[1]);
  update_file_row (self->sslkey_row, self->sslkey_clear_button, self->cert_paths[2]);
  update_file_row (self->project_row, self->project_clear_button, self->project_dir);
}

static void
update_rules_row (PfConnectionEditor *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;
  guint n;

  if (self->rules != NULL)
    {
      n = pf_rules_get_unique (self->rules)->len;
      if (n > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u unique column", "%u unique columns", n), n));
      n = pf_rules_get_formats (self->rules)->len;
      if (n > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u format rule", "%u format rules", n), n));
      n = pf_rules_get_not_null (self->rules)->len;
      if (n > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u required column", "%u required columns", n), n));
      n = pf_rules_get_relationships (self->rules)->len;
      if (n > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u extra relationship", "%u extra relationships", n), n));
    }

  if (parts->len == 0)
    {
      adw_action_row_set_subtitle (self->rules_row, _("No rules"));
      return;
    }

  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between "2 unique columns" and "1 format rule" */
  summary = g_strjoinv (_(", "), (char **) parts->pdata);
  adw_action_row_set_subtitle (self->rules_row, summary);
}

static void
update_visibility (PfConnectionEditor *self)
{
  gboolean postgresql = get_kind (self) == PF_DATABASE_KIND_POSTGRESQL;
  gboolean service = gtk_switch_get_active (self->use_service_switch);
  gboolean ssl = adw_combo_row_get_selected (self->sslmode_row) != 0;
  guint sslmode = adw_combo_row_get_selected (self->sslmode_row);

  gtk_widget_set_visible (GTK_WIDGET (self->server_group), postgresql);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_group), postgresql);
  gtk_widget_set_visible (GTK_WIDGET (self->ssl_group), postgresql);
  gtk_widget_set_visible (GTK_WIDGET (self->file_group), !postgresql);

  gtk_widget_set_visible (GTK_WIDGET (self->service_row), service);
  gtk_widget_set_visible (GTK_WIDGET (self->host_row), !service);
  gtk_widget_set_visible (GTK_WIDGET (self->port_row), !service);

  gtk_widget_set_visible (GTK_WIDGET (self->sslrootcert_row), ssl);
  gtk_widget_set_visible (GTK_WIDGET (self->sslcert_row), ssl);
  gtk_widget_set_visible (GTK_WIDGET (self->sslkey_row), ssl);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->sslmode_row), sslmode_description (sslmode));

  gtk_widget_set_visible (GTK_WIDGET (self->production_row),
                          adw_combo_row_get_selected (self->environment_row) == PF_ENVIRONMENT_PRODUCTION);
}

static gboolean
location_is_valid (PfConnectionEditor *self)
{
  if (get_kind (self) == PF_DATABASE_KIND_SQLITE)
    return !row_is_blank (self->path_row);

  if (gtk_switch_get_active (self->use_service_switch))
    return !row_is_blank (self->service_row);

  return row_is_blank (self->port_row) || parse_port (row_text (self->port_row), NULL);
}

static void
pf_connection_editor_update (PfConnectionEditor *self)
{
  g_autofree char *name = row_dup_value (self->name_row);
  g_autofree char *name_error = NULL;
  gboolean port_ok;
  gboolean valid;

  update_visibility (self);

  self->name_taken = FALSE;
  if (name != NULL && self->store != NULL)
    {
      PfConnectionProfile *other = pf_profile_store_find_by_name (self->store, name);

      if (other != NULL &&
          (self->original == NULL ||
           g_strcmp0 (pf_connection_profile_get_id (other),
                      pf_connection_profile_get_id (self->original)) != 0))
        {
          self->name_taken = TRUE;
          name_error = g_strdup_printf (_("A connection named “%s” already exists."), name);
        }
    }
  set_row_error (self->name_row, self->name_error_label, name_error);

  port_ok = get_kind (self) != PF_DATABASE_KIND_POSTGRESQL ||
            gtk_switch_get_active (self->use_service_switch) ||
            row_is_blank (self->port_row) ||
            parse_port (row_text (self->port_row), NULL);
  set_row_error (self->port_row, self->port_error_label,
                 port_ok ? NULL : _("The port must be a number between 1 and 65535."));

  if (!self->url_invalid)
    set_row_error (self->url_row, self->url_error_label, NULL);

  valid = !self->name_taken && !self->url_invalid && location_is_valid (self) && !self->saving;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.test",
                                 self->testing != NULL || (location_is_valid (self) && !self->saving));
}

/* ---- filling the form ----------------------------------------------------- */

/* Shows where @profile points (its kind's fields) and @password, if any */
static void
fill_location (PfConnectionEditor  *self,
               PfConnectionProfile *profile,
               const char          *password)
{
  g_auto(GStrv) keywords = NULL;

  self->filling = TRUE;

  if (pf_connection_profile_get_kind (profile) == PF_DATABASE_KIND_SQLITE)
    {
      adw_combo_row_set_selected (self->kind_row, KIND_SQLITE);
      fill_row (self->path_row, pf_connection_profile_get_path (profile));
    }
  else
    {
      const char *sslmode = pf_connection_profile_get_sslmode (profile);
      const char *service = pf_connection_profile_get_service (profile);
      guint port = pf_connection_profile_get_port (profile);
      guint selected = SSLMODE_PREFER;

      adw_combo_row_set_selected (self->kind_row, KIND_POSTGRESQL);

      gtk_switch_set_active (self->use_service_switch, service != NULL && service[0] != '\0');
      fill_row (self->service_row, service);
      fill_row (self->host_row, pf_connection_profile_get_host (profile));
      if (port != 0)
        {
          g_autofree char *text = g_strdup_printf ("%u", port);
          fill_row (self->port_row, text);
        }
      else
        {
          fill_row (self->port_row, NULL);
        }
      fill_row (self->dbname_row, pf_connection_profile_get_dbname (profile));
      fill_row (self->user_row, pf_connection_profile_get_user (profile));
      gtk_spin_button_set_value (self->timeout_spin,
                                 pf_connection_profile_get_connect_timeout (profile));

      for (guint i = 0; i < G_N_ELEMENTS (sslmodes); i++)
        if (g_strcmp0 (sslmode, sslmodes[i]) == 0)
          selected = i;
      adw_combo_row_set_selected (self->sslmode_row, selected);
      self->sslmode_unset = sslmode == NULL;

      g_hash_table_remove_all (self->extra_params);
      for (guint i = 0; i < G_N_ELEMENTS (cert_keywords); i++)
        g_clear_pointer (&self->cert_paths[i], g_free);

      keywords = pf_connection_profile_dup_libpq_parameter_keywords (profile);
      for (guint i = 0; keywords != NULL && keywords[i] != NULL; i++)
        {
          const char *value = pf_connection_profile_get_libpq_parameter (profile, keywords[i]);
          int index = cert_index (keywords[i]);

          if (index >= 0)
            self->cert_paths[index] = g_strdup (value);
          else
            g_hash_table_insert (self->extra_params, g_strdup (keywords[i]), g_strdup (value));
        }

      if (password != NULL)
        fill_row (self->password_row, password);
    }

  self->filling = FALSE;

  update_file_rows (self);
  pf_connection_editor_update (self);
}

static void
load_profile (PfConnectionEditor  *self,
              PfConnectionProfile *profile)
{
  PfRules *rules = pf_connection_profile_get_rules (profile);

  fill_location (self, profile, NULL);

  self->filling = TRUE;
  fill_row (self->name_row, pf_connection_profile_get_name (profile));
  adw_combo_row_set_selected (self->environment_row, pf_connection_profile_get_environment (profile));
  gtk_switch_set_active (self->remember_switch, pf_connection_profile_get_remember_password (profile));
  self->filling = FALSE;

  g_free (self->project_dir);
  self->project_dir = g_strdup (pf_connection_profile_get_project_dir (profile));

  /* A copy, so that the rules editor never changes the original */
  g_clear_object (&self->rules);
  if (rules != NULL)
    {
      g_autoptr(JsonNode) node = pf_rules_to_json_node (rules);
      g_autoptr(GError) error = NULL;

      self->rules = pf_rules_new_from_json_node (node, &error);
      if (self->rules == NULL)
        g_warning ("Could not copy the connection’s rules: %s", error->message);
    }

  update_file_rows (self);
  update_rules_row (self);
  pf_connection_editor_update (self);
}

gboolean
pf_connection_editor_fill_from_url (PfConnectionEditor *self,
                                    const char         *url)
{
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  char *password = NULL;

  g_return_val_if_fail (PF_IS_CONNECTION_EDITOR (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  /* Shown in the row, so the user can correct it */
  if (g_strcmp0 (row_text (self->url_row), url) != 0)
    {
      self->filling = TRUE;
      fill_row (self->url_row, url);
      self->filling = FALSE;
    }

  target = g_strstrip (g_strdup (url));
  if (target[0] == '\0')
    g_set_error_literal (&error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_INVALID_TARGET,
                         _("Paste a URL such as postgresql://user@host/database or sqlite:///path/to/file.db."));
  else
    profile = pf_connection_profile_new_from_target (target, &password, &error);

  if (profile == NULL)
    {
      self->url_invalid = TRUE;
      set_row_error (self->url_row, self->url_error_label, error->message);
      pf_connection_editor_update (self);
      return FALSE;
    }

  self->url_invalid = FALSE;
  fill_location (self, profile, password);
  clear_password (password);

  /* The URL may hold a password: do not leave it on screen */
  self->filling = TRUE;
  fill_row (self->url_row, NULL);
  self->filling = FALSE;

  pf_connection_editor_update (self);

  return TRUE;
}

/* ---- building the profile ------------------------------------------------- */

/* The profile the form describes. Keeps the original's id and everything
 * the form does not show (its last check) when the kind is unchanged. */
static PfConnectionProfile *
build_profile (PfConnectionEditor *self)
{
  PfDatabaseKind kind = get_kind (self);
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autofree char *name = row_dup_value (self->name_row);
  g_auto(GStrv) keywords = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (self->original != NULL && pf_connection_profile_get_kind (self->original) == kind)
    {
      g_autoptr(JsonNode) node = pf_connection_profile_to_json_node (self->original);
      g_autoptr(GError) error = NULL;

      profile = pf_connection_profile_new_from_json_node (node, &error);
      if (profile == NULL)
        g_warning ("Could not copy the connection: %s", error->message);
    }

  if (profile == NULL && self->original != NULL)
    profile = pf_connection_profile_new_with_id (kind, pf_connection_profile_get_id (self->original));
  else if (profile == NULL)
    profile = pf_connection_profile_new (kind);

  if (name != NULL)
    pf_connection_profile_set_name (profile, name);
  pf_connection_profile_set_environment (profile, adw_combo_row_get_selected (self->environment_row));
  pf_connection_profile_set_project_dir (profile, self->project_dir);
  pf_connection_profile_set_rules (profile,
                                   self->rules != NULL && !pf_rules_is_empty (self->rules) ? self->rules : NULL);

  if (kind == PF_DATABASE_KIND_SQLITE)
    {
      g_autofree char *path = row_dup_value (self->path_row);

      pf_connection_profile_set_path (profile, path);
      pf_connection_profile_set_remember_password (profile, FALSE);
      return g_steal_pointer (&profile);
    }

  /* PostgreSQL */
  if (gtk_switch_get_active (self->use_service_switch))
    {
      g_autofree char *service = row_dup_value (self->service_row);

      pf_connection_profile_set_service (profile, service);
      pf_connection_profile_set_host (profile, NULL);
      pf_connection_profile_set_port (profile, 0);
    }
  else
    {
      g_autofree char *host = row_dup_value (self->host_row);
      g_autofree char *port_text = row_dup_value (self->port_row);
      guint port = 0;

      if (port_text != NULL && !parse_port (port_text, &port))
        port = 0;

      pf_connection_profile_set_service (profile, NULL);
      pf_connection_profile_set_host (profile, host);
      pf_connection_profile_set_port (profile, port);
    }

  {
    g_autofree char *dbname = row_dup_value (self->dbname_row);
    g_autofree char *user = row_dup_value (self->user_row);
    guint sslmode = adw_combo_row_get_selected (self->sslmode_row);

    pf_connection_profile_set_dbname (profile, dbname);
    pf_connection_profile_set_user (profile, user);
    if (sslmode == SSLMODE_PREFER && self->sslmode_unset)
      pf_connection_profile_set_sslmode (profile, NULL);
    else if (sslmode < G_N_ELEMENTS (sslmodes))
      pf_connection_profile_set_sslmode (profile, sslmodes[sslmode]);
  }

  pf_connection_profile_set_connect_timeout (profile,
                                             (guint) gtk_spin_button_get_value_as_int (self->timeout_spin));
  pf_connection_profile_set_remember_password (profile, gtk_switch_get_active (self->remember_switch));

  /* The libpq parameters: exactly the form's */
  keywords = pf_connection_profile_dup_libpq_parameter_keywords (profile);
  for (guint i = 0; keywords != NULL && keywords[i] != NULL; i++)
    pf_connection_profile_set_libpq_parameter (profile, keywords[i], NULL);

  g_hash_table_iter_init (&iter, self->extra_params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    pf_connection_profile_set_libpq_parameter (profile, key, value);

  if (adw_combo_row_get_selected (self->sslmode_row) != 0)
    for (guint i = 0; i < G_N_ELEMENTS (cert_keywords); i++)
      pf_connection_profile_set_libpq_parameter (profile, cert_keywords[i], self->cert_paths[i]);

  return g_steal_pointer (&profile);
}

/* A name from where the database is, unique in the store */
static char *
suggest_name (PfConnectionEditor  *self,
              PfConnectionProfile *profile)
{
  g_autofree char *location = pf_connection_profile_dup_location (profile);
  PfConnectionProfile *other;

  if (location == NULL || location[0] == '\0')
    {
      g_free (location);
      location = g_strdup (_("New Connection"));
    }

  other = pf_profile_store_find_by_name (self->store, location);
  if (other == NULL ||
      (self->original != NULL &&
       g_strcmp0 (pf_connection_profile_get_id (other), pf_connection_profile_get_id (self->original)) == 0))
    return g_steal_pointer (&location);

  return pf_profile_store_dup_unique_name (self->store, location);
}

/* ---- saving --------------------------------------------------------------- */

static void
show_save_error (PfConnectionEditor *self,
                 const char         *message)
{
  gtk_label_set_label (self->save_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->save_error_label), message != NULL);
}

static void
finish_save (PfConnectionEditor *self,
             const char         *notice)
{
  g_autoptr(PfConnectionProfile) saved = g_steal_pointer (&self->saved);

  self->saving = FALSE;
  g_signal_emit (self, signals[SAVED], 0, saved, notice);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
store_password_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PfConnectionEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) save_error = NULL;
  g_autofree char *notice = NULL;

  if (pf_secrets_store_password_finish (result, &error))
    {
      finish_save (self, NULL);
      return;
    }

  /* Saved without the password: the app asks for it when connecting */
  pf_connection_profile_set_remember_password (self->saved, FALSE);
  pf_profile_store_changed (self->store, self->saved);

  if (!pf_profile_store_save (self->store, &save_error))
    notice = g_strdup_printf ("%s %s", error->message, save_error->message);
  else
    notice = g_strdup (error->message);

  finish_save (self, notice);
}

static void
clear_password_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PfConnectionEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Nothing to forget, or no keyring: either way nothing is remembered */
  if (!pf_secrets_clear_password_finish (result, &error))
    g_debug ("Could not clear the stored password: %s", error->message);

  finish_save (self, NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PfConnectionEditor *self = PF_CONNECTION_EDITOR (widget);
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  const char *password;
  gboolean had_password;

  if (self->saving)
    return;

  /* A URL pasted but not applied yet */
  if (!row_is_blank (self->url_row) &&
      !pf_connection_editor_fill_from_url (self, row_text (self->url_row)))
    return;

  pf_connection_editor_update (self);
  if (self->name_taken || self->url_invalid || !location_is_valid (self))
    return;

  profile = build_profile (self);
  if (row_is_blank (self->name_row))
    {
      g_autofree char *name = suggest_name (self, profile);

      pf_connection_profile_set_name (profile, name);
    }

  if (self->original == NULL || !pf_profile_store_replace (self->store, self->original, profile))
    pf_profile_store_add (self->store, profile);

  if (!pf_profile_store_save (self->store, &error))
    {
      /* Put the store back as it was; every field stays as typed */
      if (self->original == NULL || !pf_profile_store_replace (self->store, profile, self->original))
        pf_profile_store_remove (self->store, profile);

      show_save_error (self, error->message);
      return;
    }

  show_save_error (self, NULL);
  self->saved = g_object_ref (profile);
  self->saving = TRUE;
  pf_connection_editor_update (self);
  g_cancellable_cancel (self->lookup_cancellable);

  password = row_text (self->password_row);
  had_password = self->original != NULL &&
                 pf_connection_profile_get_remember_password (self->original);

  if (pf_connection_profile_get_remember_password (profile))
    {
      if (password[0] != '\0')
        pf_secrets_store_password_async (profile, password, NULL,
                                         store_password_cb, g_object_ref (self));
      else
        /* Keep whatever the keyring already holds */
        finish_save (self, NULL);
    }
  else if (had_password)
    {
      pf_secrets_clear_password_async (profile, NULL, clear_password_cb, g_object_ref (self));
    }
  else
    {
      finish_save (self, NULL);
    }
}

static gboolean
close_request_cb (PfConnectionEditor *self)
{
  /* The connection is saved already; wait for the keyring's answer */
  return self->saving;
}

/* ---- Test Connection ------------------------------------------------------ */

static void
show_test_state (PfConnectionEditor *self,
                 gboolean            running,
                 gboolean            success,
                 const char         *message)
{
  gtk_spinner_set_spinning (self->test_spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), running);

  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), !running && message != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "error");
  gtk_image_set_from_icon_name (self->test_icon, success ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), success ? "success" : "error");

  gtk_label_set_label (self->test_result_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->test_result_label), message != NULL);

  gtk_button_set_label (self->test_button, running ? _("_Cancel Test") : _("_Test Connection"));
}

static void
test_done (PfConnectionEditor *self,
           gboolean            success,
           const char         *message)
{
  g_clear_object (&self->testing);
  g_clear_object (&self->test_cancellable);

  g_free (self->test_result);
  self->test_result = g_strdup (message);

  show_test_state (self, FALSE, success, message);
  pf_connection_editor_update (self);
}

static void
test_introspect_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PfConnectionEditor) self = user_data;
  PfDatabase *database = PF_DATABASE (object);
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tables = NULL;
  g_autofree char *message = NULL;
  gint64 size;
  guint n_tables;

  schema = pf_database_introspect_finish (database, result, &error);

  if (database != self->testing)
    {
      pf_database_close_in_thread (database);
      return;
    }

  if (schema == NULL)
    {
      pf_database_close_in_thread (database);
      test_done (self, FALSE, error->message);
      return;
    }

  n_tables = pf_schema_get_n_tables (schema);
  size = pf_database_get_size (database);
  tables = g_strdup_printf (ngettext ("%u table", "%u tables", n_tables), n_tables);

  if (size >= 0)
    {
      g_autofree char *size_text = g_format_size ((guint64) size);

      /* Translators: “Connected: PostgreSQL 15.4, 12 MB, 24 tables” */
      message = g_strdup_printf (_("Connected: %s, %s, %s"),
                                 pf_database_get_server_version (database), size_text, tables);
    }
  else
    {
      /* Translators: “Connected: PostgreSQL 15.4, 24 tables” */
      message = g_strdup_printf (_("Connected: %s, %s"),
                                 pf_database_get_server_version (database), tables);
    }

  pf_database_close_in_thread (database);
  test_done (self, TRUE, message);
}

static void
test_open_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PfConnectionEditor) self = user_data;
  PfDatabase *database = PF_DATABASE (object);
  g_autoptr(GError) error = NULL;
  gboolean opened;

  opened = pf_database_open_finish (database, result, &error);

  if (database != self->testing)
    {
      if (opened)
        pf_database_close_in_thread (database);
      return;
    }

  if (!opened)
    {
      test_done (self, FALSE, error->message);
      return;
    }

  pf_database_introspect_async (database, self->test_cancellable,
                                test_introspect_cb, g_object_ref (self));
}

static void
cancel_test (PfConnectionEditor *self)
{
  if (self->test_cancellable != NULL)
    g_cancellable_cancel (self->test_cancellable);

  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->testing);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PfConnectionEditor *self = PF_CONNECTION_EDITOR (widget);
  g_autoptr(PfConnectionProfile) profile = NULL;
  const char *password = NULL;

  if (self->testing != NULL)
    {
      cancel_test (self);
      g_clear_pointer (&self->test_result, g_free);
      show_test_state (self, FALSE, FALSE, NULL);
      pf_connection_editor_update (self);
      return;
    }

  if (!location_is_valid (self))
    return;

  profile = build_profile (self);
  if (get_kind (self) == PF_DATABASE_KIND_POSTGRESQL && row_text (self->password_row)[0] != '\0')
    password = row_text (self->password_row);

  g_clear_pointer (&self->test_result, g_free);
  self->testing = pf_database_new_for_profile (profile, password);
  self->test_cancellable = g_cancellable_new ();

  show_test_state (self, TRUE, FALSE,
                   get_kind (self) == PF_DATABASE_KIND_SQLITE ? _("Opening the file…")
                                                              : _("Connecting…"));
  pf_connection_editor_update (self);

  pf_database_open_async (self->testing, self->test_cancellable,
                          test_open_cb, g_object_ref (self));
}

/* ---- files ---------------------------------------------------------------- */

static void
set_chosen_path (PfConnectionEditor *self,
                 const char         *which,
                 const char         *path)
{
  int index = cert_index (which);

  if (g_strcmp0 (which, "path") == 0)
    {
      fill_row (self->path_row, path);
    }
  else if (g_strcmp0 (which, "project") == 0)
    {
      g_free (self->project_dir);
      self->project_dir = g_strdup (path);
    }
  else if (index >= 0)
    {
      g_free (self->cert_paths[index]);
      self->cert_paths[index] = g_strdup (path);
    }

  update_file_rows (self);
  pf_connection_editor_update (self);
}

static void
file_chooser_response_cb (PfConnectionEditor   *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        set_chosen_path (self, self->choosing, path);
      else
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("Only files on this computer can be used")));
    }

  g_clear_pointer (&self->choosing, g_free);
  g_clear_object (&self->file_chooser);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PfConnectionEditor *self = PF_CONNECTION_EDITOR (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  GtkFileChooserAction action = GTK_FILE_CHOOSER_ACTION_OPEN;
  const char *title;
  const char *current = NULL;
  int index = cert_index (which);

  if (g_strcmp0 (which, "path") == 0)
    {
      title = _("Choose Database File");
      current = row_text (self->path_row);
    }
  else if (g_strcmp0 (which, "project") == 0)
    {
      title = _("Choose Project Folder");
      action = GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
    }
  else if (index == 0)
    title = _("Choose Root Certificate");
  else if (index == 1)
    title = _("Choose Client Certificate");
  else if (index == 2)
    title = _("Choose Client Key");
  else
    g_return_if_reached ();

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);

  g_free (self->choosing);
  self->choosing = g_strdup (which);

  self->file_chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                                    _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);

  if (current != NULL && current[0] == '/')
    {
      g_autoptr(GFile) file = g_file_new_for_path (current);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->file_chooser), file, NULL);
    }

  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (file_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
clear_file_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  set_chosen_path (PF_CONNECTION_EDITOR (widget), g_variant_get_string (parameter, NULL), NULL);
}

/* ---- rules ---------------------------------------------------------------- */

static void
rules_done_cb (PfConnectionEditor *self,
               PfRules            *rules)
{
  g_set_object (&self->rules, rules);
  update_rules_row (self);
}

static void
edit_rules_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PfConnectionEditor *self = PF_CONNECTION_EDITOR (widget);
  PfRulesEditor *editor = pf_rules_editor_new (GTK_WINDOW (self), self->rules);

  g_signal_connect_object (editor, "done", G_CALLBACK (rules_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* ---- the keyring ---------------------------------------------------------- */

static void
lookup_password_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PfConnectionEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  char *password;

  password = pf_secrets_lookup_password_finish (result, &error);

  if (password == NULL)
    {
      /* Not stored, no keyring, or the user said no: they can type it */
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not look up the password: %s", error->message);
      return;
    }

  if (!self->saving && row_text (self->password_row)[0] == '\0')
    {
      self->filling = TRUE;
      fill_row (self->password_row, password);
      self->filling = FALSE;
    }

  clear_password (password);
}

/* ---- signal handlers ------------------------------------------------------ */

static void
name_changed_cb (PfConnectionEditor *self)
{
  if (!self->filling)
    pf_connection_editor_update (self);
}

static void
forget_test_result (PfConnectionEditor *self)
{
  if (self->testing != NULL || self->test_result == NULL)
    return;

  g_clear_pointer (&self->test_result, g_free);
  show_test_state (self, FALSE, FALSE, NULL);
}

static void
field_changed_cb (PfConnectionEditor *self)
{
  if (self->filling)
    return;

  /* A result about another place would mislead */
  forget_test_result (self);
  pf_connection_editor_update (self);
}

static void
kind_changed_cb (PfConnectionEditor *self)
{
  if (!self->filling)
    forget_test_result (self);
  pf_connection_editor_update (self);
}

static void
environment_changed_cb (PfConnectionEditor *self)
{
  update_visibility (self);
}

static void
use_service_changed_cb (PfConnectionEditor *self)
{
  field_changed_cb (self);
}

static void
sslmode_changed_cb (PfConnectionEditor *self)
{
  if (!self->filling)
    self->sslmode_unset = FALSE;

  update_visibility (self);
}

static void
url_changed_cb (PfConnectionEditor *self)
{
  if (self->filling)
    return;

  /* The error was about the text that was there before */
  if (self->url_invalid)
    {
      self->url_invalid = FALSE;
      pf_connection_editor_update (self);
    }
}

static void
url_apply_cb (PfConnectionEditor *self)
{
  g_autofree char *url = g_strdup (row_text (self->url_row));

  pf_connection_editor_fill_from_url (self, url);
}

/* ---- GObject -------------------------------------------------------------- */

static void
pf_connection_editor_dispose (GObject *object)
{
  PfConnectionEditor *self = PF_CONNECTION_EDITOR (object);

  cancel_test (self);
  g_cancellable_cancel (self->lookup_cancellable);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_CONNECTION_EDITOR);

  G_OBJECT_CLASS (pf_connection_editor_parent_class)->dispose (object);
}

static void
pf_connection_editor_finalize (GObject *object)
{
  PfConnectionEditor *self = PF_CONNECTION_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->original);
  g_clear_object (&self->rules);
  g_clear_object (&self->saved);
  g_clear_object (&self->lookup_cancellable);
  g_clear_pointer (&self->project_dir, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (cert_keywords); i++)
    g_clear_pointer (&self->cert_paths[i], g_free);
  g_clear_pointer (&self->extra_params, g_hash_table_unref);
  g_clear_pointer (&self->choosing, g_free);
  g_clear_pointer (&self->test_result, g_free);

  G_OBJECT_CLASS (pf_connection_editor_parent_class)->finalize (object);
}

static void
pf_connection_editor_class_init (PfConnectionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_connection_editor_dispose;
  object_class->finalize = pf_connection_editor_finalize;

  /**
   * PfConnectionEditor::saved:
   * @profile: the saved connection, as it is now in the store
   * @notice: (nullable): something the user should know, such as why the
   *   password could not be remembered
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  PF_TYPE_CONNECTION_PROFILE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-connection-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, save_error_label);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, environment_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, environment_model);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, production_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, url_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, url_error_label);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, server_group);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, use_service_switch);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, service_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, host_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, port_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, port_error_label);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, dbname_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, user_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, password_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, ssl_group);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, sslmode_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, sslrootcert_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, sslcert_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, sslkey_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, sslrootcert_clear_button);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, sslcert_clear_button);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, sslkey_clear_button);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, file_group);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, path_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, project_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, project_clear_button);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, rules_row);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, test_button);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, test_icon);
  gtk_widget_class_bind_template_child (widget_class, PfConnectionEditor, test_result_label);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, environment_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_service_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sslmode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_apply_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "editor.edit-rules", NULL, edit_rules_action);
  gtk_widget_class_install_action (widget_class, "editor.choose-file", "s", choose_file_action);
  gtk_widget_class_install_action (widget_class, "editor.clear-file", "s", clear_file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
pf_connection_editor_init (PfConnectionEditor *self)
{
  self->extra_params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->lookup_cancellable = g_cancellable_new ();
  self->sslmode_unset = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (PfEnvironment environment = PF_ENVIRONMENT_NONE;
       environment <= PF_ENVIRONMENT_PRODUCTION;
       environment++)
    {
      const char *label = pf_environment_to_label (environment);

      /* Translators: the environment of a connection that has none */
      gtk_string_list_append (self->environment_model, label != NULL ? label : C_("environment", "None"));
    }

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);

  update_file_rows (self);
  update_rules_row (self);
  show_test_state (self, FALSE, FALSE, NULL);
  pf_connection_editor_update (self);
}

PfConnectionEditor *
pf_connection_editor_new (GtkWindow           *parent,
                          PfProfileStore      *store,
                          PfConnectionProfile *profile)
{
  PfConnectionEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PF_IS_PROFILE_STORE (store), NULL);
  g_return_val_if_fail (profile == NULL || PF_IS_CONNECTION_PROFILE (profile), NULL);

  self = g_object_new (PF_TYPE_CONNECTION_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);

  if (profile == NULL)
    {
      pf_connection_editor_update (self);
      return self;
    }

  self->original = g_object_ref (profile);
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Connection"));
  load_profile (self, profile);

  if (pf_connection_profile_get_remember_password (profile) &&
      pf_connection_profile_get_kind (profile) == PF_DATABASE_KIND_POSTGRESQL)
    pf_secrets_lookup_password_async (profile, self->lookup_cancellable,
                                      lookup_password_cb, g_object_ref (self));

  return self;
}

/* ---- for the tests -------------------------------------------------------- */

const char *
_pf_connection_editor_get_test_result (PfConnectionEditor *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_EDITOR (self), NULL);

  return self->test_result;
}

gboolean
_pf_connection_editor_get_testing (PfConnectionEditor *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_EDITOR (self), FALSE);

  return self->testing != NULL;
}

PfRules *
_pf_connection_editor_get_rules (PfConnectionEditor *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_EDITOR (self), NULL);

  return self->rules;
}
