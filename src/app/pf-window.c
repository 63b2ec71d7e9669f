/* pf-window.c — the main window: saved connections beside the open database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pf-connection-editor.h"
#include "pf-connection-row.h"
#include "pf-window.h"

/* A scan at least this long that ends while the window is in the background
 * is announced with a desktop notification. */
#define NOTIFY_AFTER_USEC (3 * G_USEC_PER_SEC)

struct _PfWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  PfProfileStore       *store;

  /* The database shown in the workspace */
  PfDatabase           *database;
  /* The database being opened, and what cancels that */
  PfDatabase           *pending;
  gboolean              pending_has_password;
  /* Why the keyring could not give the pending connection its password */
  char                 *keyring_problem;
  GCancellable         *cancellable;

  GtkFileChooserNative *file_chooser;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkStack             *sidebar_stack;
  GtkListBox           *connection_list;
  GtkWidget            *content;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkLabel             *loading_title_label;
  GtkLabel             *loading_progress_label;
  PfWorkspace          *workspace;
};

G_DEFINE_FINAL_TYPE (PfWindow, pf_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What pf_demo_ensure_async() was started for: the demo has no source object
 * to tell a stale answer from the current one, so keep the cancellable. */
typedef struct
{
  PfWindow     *self;
  GCancellable *cancellable;
} DemoRequest;

static void
demo_request_free (DemoRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DemoRequest, demo_request_free)

static void
pf_window_update_actions (PfWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-database",
                                 self->database != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run-checks",
                                 self->database != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-open",
                                 self->cancellable != NULL);
}

static void
pf_window_show_page (PfWindow   *self,
                     const char *name)
{
  gboolean loading = g_str_equal (name, "loading");
  gboolean workspace = g_str_equal (name, "workspace");

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_stack_set_visible_child_name (self->stack, name);

  /* The page switcher belongs to an open database only */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, workspace);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), workspace);
  if (!workspace)
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("Preflight"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
    }

  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* Keeps the sidebar's selection on the connection that is open */
static void
pf_window_sync_selection (PfWindow *self)
{
  PfDatabase *database = self->pending != NULL ? self->pending : self->database;
  PfConnectionProfile *profile = database != NULL ? pf_database_get_profile (database) : NULL;
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->connection_list, i)) != NULL; i++)
    {
      if (pf_connection_row_get_profile (PF_CONNECTION_ROW (row)) == profile)
        {
          gtk_list_box_select_row (self->connection_list, row);
          return;
        }
    }

  gtk_list_box_unselect_all (self->connection_list);
}

/* Forgets whatever is being opened; its callbacks will find they are stale. */
static void
pf_window_cancel_pending (PfWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending);
  g_clear_pointer (&self->keyring_problem, g_free);
}

static void
pf_window_set_database (PfWindow   *self,
                        PfDatabase *database,
                        PfSchema   *schema)
{
  g_autoptr(PfDatabase) old = NULL;

  if (self->database == database)
    return;

  old = g_steal_pointer (&self->database);
  if (database != NULL)
    self->database = g_object_ref (database);

  pf_workspace_set_contents (self->workspace, database, schema);

  if (database != NULL)
    {
      PfConnectionProfile *profile = pf_database_get_profile (database);
      const char *environment = pf_environment_to_label (pf_connection_profile_get_environment (profile));
      g_autofree char *subtitle = NULL;

      if (environment != NULL)
        /* Translators: “rota.db · Production”: where a database is, then its environment */
        subtitle = g_strdup_printf (_("%s · %s"), pf_database_get_location (database), environment);
      else
        subtitle = g_strdup (pf_database_get_location (database));

      adw_view_switcher_title_set_title (self->switcher_title, pf_connection_profile_get_name (profile));
      adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
    }

  pf_database_close_in_thread (old);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}

static void
pf_window_begin_loading (PfWindow   *self,
                         const char *title,
                         const char *progress)
{
  pf_window_cancel_pending (self);
  pf_window_set_database (self, NULL, NULL);

  self->cancellable = g_cancellable_new ();

  gtk_label_set_label (self->loading_title_label, title);
  gtk_label_set_label (self->loading_progress_label, progress);
  pf_window_show_page (self, "loading");
  pf_window_update_actions (self);
}

static void
pf_window_show_open_error (PfWindow     *self,
                           const GError *error)
{
  GtkWidget *dialog;

  pf_window_cancel_pending (self);
  pf_window_show_page (self, "welcome");
  pf_window_sync_selection (self);
  pf_window_update_actions (self);

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Could Not Open Database"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "ok", _("OK"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void pf_window_ask_password (PfWindow            *self,
                                    PfConnectionProfile *profile,
                                    const char          *why);

static void
introspect_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PfWindow) self = user_data;
  PfDatabase *database = PF_DATABASE (object);
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(GError) error = NULL;

  schema = pf_database_introspect_finish (database, result, &error);

  if (database != self->pending)
    {
      /* Cancelled, or replaced by another database meanwhile */
      pf_database_close_in_thread (database);
      return;
    }

  if (schema == NULL)
    {
      pf_database_close_in_thread (database);
      pf_window_show_open_error (self, error);
      return;
    }

  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending);

  pf_window_set_database (self, database, schema);
  pf_window_show_page (self, "workspace");
  pf_window_sync_selection (self);
  pf_window_update_actions (self);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PfWindow) self = user_data;
  PfDatabase *database = PF_DATABASE (object);
  g_autoptr(GError) error = NULL;
  gboolean opened;

  opened = pf_database_open_finish (database, result, &error);

  if (database != self->pending)
    {
      if (opened)
        pf_database_close_in_thread (database);
      return;
    }

  if (!opened)
    {
      /* The server wants a (different) password: ask, rather than failing
       * with an error the user can do nothing about. */
      if (g_error_matches (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_AUTH_FAILED))
        {
          g_autoptr(PfConnectionProfile) profile = g_object_ref (pf_database_get_profile (database));
          g_autofree char *why = NULL;

          if (self->pending_has_password)
            why = g_strdup (error->message);
          else
            why = g_steal_pointer (&self->keyring_problem);

          pf_window_cancel_pending (self);
          pf_window_ask_password (self, profile, why);
          return;
        }

      pf_window_show_open_error (self, error);
      return;
    }

  gtk_label_set_label (self->loading_progress_label, _("Reading the schema…"));
  pf_database_introspect_async (database,
                                self->cancellable,
                                introspect_cb,
                                g_object_ref (self));
}

void
pf_window_open_profile (PfWindow            *self,
                        PfConnectionProfile *profile,
                        const char          *password)
{
  g_autoptr(PfDatabase) database = NULL;
  g_autofree char *title = NULL;
  g_autofree char *progress = NULL;

  g_return_if_fail (PF_IS_WINDOW (self));
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (profile));

  database = pf_database_new_for_profile (profile, password);

  /* Translators: %s is a database name such as “rota.db” */
  title = g_strdup_printf (_("Opening %s…"), pf_database_get_name (database));
  if (pf_database_get_kind (database) == PF_DATABASE_KIND_POSTGRESQL)
    /* Translators: %s is where the server is, such as “db.example.org:5432” */
    progress = g_strdup_printf (_("Connecting to %s…"), pf_database_get_location (database));
  else
    progress = g_strdup (_("Opening the file…"));

  pf_window_begin_loading (self, title, progress);
  self->pending = g_object_ref (database);
  self->pending_has_password = password != NULL && password[0] != '\0';
  pf_window_sync_selection (self);

  pf_database_open_async (database,
                          self->cancellable,
                          open_cb,
                          g_object_ref (self));
}

void
pf_window_open_file (PfWindow *self,
                     GFile    *file)
{
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (PF_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      pf_window_add_toast (self, adw_toast_new (_("Only files on this computer can be opened")));
      return;
    }

  profile = pf_connection_profile_new (PF_DATABASE_KIND_SQLITE);
  pf_connection_profile_set_path (profile, path);
  pf_window_open_profile (self, profile, NULL);
}

void
pf_window_open_target (PfWindow   *self,
                       const char *target)
{
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PF_IS_WINDOW (self));
  g_return_if_fail (target != NULL);

  profile = pf_connection_profile_new_from_target (target, &password, &error);
  if (profile == NULL)
    {
      pf_window_show_open_error (self, error);
      return;
    }

  pf_window_open_profile (self, profile, password);
}

static void
demo_ensure_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DemoRequest) request = user_data;
  PfWindow *self = request->self;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  path = pf_demo_ensure_finish (result, &error);

  if (request->cancellable != self->cancellable)
    return;

  if (path == NULL)
    {
      pf_window_show_open_error (self, error);
      return;
    }

  file = g_file_new_for_path (path);
  pf_window_open_file (self, file);
}

void
pf_window_open_demo (PfWindow *self)
{
  DemoRequest *request;

  g_return_if_fail (PF_IS_WINDOW (self));

  pf_window_begin_loading (self,
                           _("Opening the Demo…"),
                           _("Preparing the demo database…"));

  request = g_new0 (DemoRequest, 1);
  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (self->cancellable);

  pf_demo_ensure_async (self->cancellable, demo_ensure_cb, request);
}

/* ---- saved connections ------------------------------------------------ */

typedef struct
{
  PfWindow            *self;
  PfConnectionProfile *profile;
  GCancellable        *cancellable;
} PasswordRequest;

static void
password_request_free (PasswordRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->profile);
  g_clear_object (&request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PasswordRequest, password_request_free)

static void
password_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             PasswordRequest  *request)
{
  if (g_str_equal (response, "connect"))
    {
      GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

      pf_window_open_profile (request->self, request->profile, gtk_editable_get_text (entry));
      gtk_editable_set_text (entry, "");
    }
}

/* Asks for the password of @profile and connects with it. @why says why it
 * was not remembered (the keyring's error), or NULL. */
static void
pf_window_ask_password (PfWindow            *self,
                        PfConnectionProfile *profile,
                        const char          *why)
{
  GtkWidget *dialog;
  GtkWidget *entry;
  PasswordRequest *request;
  g_autofree char *location = pf_connection_profile_dup_location (profile);
  g_autofree char *body = NULL;
  const char *user = pf_connection_profile_get_user (profile);

  pf_window_show_page (self, self->database != NULL ? "workspace" : "welcome");
  pf_window_sync_selection (self);
  pf_window_update_actions (self);

  if (user != NULL)
    /* Translators: “Enter the password of alice on db.example.org:5432.” */
    body = g_strdup_printf (_("Enter the password of %s on %s."), user, location);
  else
    /* Translators: %s is where the server is, such as “db.example.org:5432” */
    body = g_strdup_printf (_("Enter the password for %s."), location);
  if (why != NULL)
    {
      g_autofree char *with_reason = g_strdup_printf ("%s\n\n%s", body, why);

      g_free (body);
      body = g_steal_pointer (&with_reason);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Password Needed"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "connect", _("C_onnect"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  /* A GtkEntry, not a GtkPasswordEntry: GTK 4.8's password entry touches
   * itself after finalization when its dialog is destroyed */
  entry = gtk_entry_new ();
  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  request = g_new0 (PasswordRequest, 1);
  request->self = g_object_ref (self);
  request->profile = g_object_ref (profile);
  g_signal_connect_data (dialog, "response",
                         G_CALLBACK (password_dialog_response_cb),
                         request, (GClosureNotify) (void (*) (void)) password_request_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
lookup_password_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PasswordRequest) request = user_data;
  PfWindow *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;

  password = pf_secrets_lookup_password_finish (result, &error);

  /* Cancelled or superseded by another open meanwhile */
  if (request->cancellable != self->cancellable)
    return;

  /* libpq may still find ~/.pgpass; if not, open_cb asks, saying why */
  if (error != NULL)
    g_message ("Could not read the password of “%s” from the keyring: %s",
               pf_connection_profile_get_name (request->profile), error->message);

  pf_window_open_profile (self, request->profile, password);
  if (error != NULL)
    self->keyring_problem = g_strdup (error->message);
  if (password != NULL)
    memset (password, 0, strlen (password));
}

/* Opens a saved connection with the password the keyring holds for it, if
 * the user asked us to remember one. */
static void
pf_window_open_saved (PfWindow            *self,
                      PfConnectionProfile *profile)
{
  PasswordRequest *request;
  g_autofree char *title = NULL;

  if (pf_connection_profile_get_kind (profile) != PF_DATABASE_KIND_POSTGRESQL ||
      !pf_connection_profile_get_remember_password (profile))
    {
      pf_window_open_profile (self, profile, NULL);
      return;
    }

  /* Translators: %s is a connection name such as “Rota production” */
  title = g_strdup_printf (_("Opening %s…"), pf_connection_profile_get_name (profile));
  pf_window_begin_loading (self, title, _("Reading the password from the keyring…"));

  request = g_new0 (PasswordRequest, 1);
  request->self = g_object_ref (self);
  request->profile = g_object_ref (profile);
  request->cancellable = g_object_ref (self->cancellable);
  pf_secrets_lookup_password_async (profile, self->cancellable, lookup_password_cb, request);
}

static void
connection_activated_cb (PfWindow      *self,
                         GtkListBoxRow *row)
{
  PfConnectionProfile *profile = pf_connection_row_get_profile (PF_CONNECTION_ROW (row));

  /* Already open: just show it (matters on narrow windows) */
  if (self->database != NULL && pf_database_get_profile (self->database) == profile &&
      self->pending == NULL)
    {
      adw_leaflet_set_visible_child (self->leaflet, self->content);
      return;
    }

  pf_window_open_saved (self, profile);
}

static GtkWidget *
create_connection_row (gpointer item,
                       gpointer user_data)
{
  return pf_connection_row_new (PF_CONNECTION_PROFILE (item));
}

static void
store_items_changed_cb (PfWindow   *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *store)
{
  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    g_list_model_get_n_items (store) > 0 ? "list" : "empty");
  pf_window_sync_selection (self);
}

static gboolean
pf_window_save_store (PfWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (pf_profile_store_save (self->store, &error))
    return TRUE;

  pf_window_add_toast (self, adw_toast_new (error->message));
  return FALSE;
}

static PfConnectionProfile *
pf_window_lookup_profile (PfWindow *self,
                          GVariant *id)
{
  PfConnectionProfile *profile = pf_profile_store_find_by_id (self->store, g_variant_get_string (id, NULL));

  if (profile == NULL)
    g_warning ("No saved connection with the id “%s”", g_variant_get_string (id, NULL));

  return profile;
}

static void
editor_saved_cb (PfWindow            *self,
                 PfConnectionProfile *profile,
                 const char          *notice)
{
  PfConnectionProfile *open_profile = self->database != NULL ? pf_database_get_profile (self->database) : NULL;

  if (notice != NULL)
    pf_window_add_toast (self, adw_toast_new (notice));

  /* Open what was saved, unless another saved connection is open: a new
   * connection opens, and an edited one that is open reopens with its new
   * settings (the editor replaced its profile, keeping the id). */
  if (open_profile == NULL || open_profile == profile ||
      g_strcmp0 (pf_connection_profile_get_id (open_profile), pf_connection_profile_get_id (profile)) == 0 ||
      pf_profile_store_find_by_id (self->store, pf_connection_profile_get_id (open_profile)) != open_profile)
    pf_window_open_saved (self, profile);
}

static void
pf_window_present_editor (PfWindow            *self,
                          PfConnectionProfile *profile)
{
  PfConnectionEditor *editor = pf_connection_editor_new (GTK_WINDOW (self), self->store, profile);

  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_connection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  pf_window_present_editor (PF_WINDOW (widget), NULL);
}

static void
edit_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PfWindow *self = PF_WINDOW (widget);
  PfConnectionProfile *profile = pf_window_lookup_profile (self, parameter);

  if (profile != NULL)
    pf_window_present_editor (self, profile);
}

static void
duplicate_store_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PfConnectionProfile) copy = user_data;
  g_autoptr(GError) error = NULL;

  if (!pf_secrets_store_password_finish (result, &error))
    g_message ("The copy “%s” has no remembered password: %s",
               pf_connection_profile_get_name (copy), error->message);
}

static void
duplicate_lookup_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PfConnectionProfile) copy = user_data;
  g_autofree char *password = NULL;
  g_autoptr(GError) error = NULL;

  password = pf_secrets_lookup_password_finish (result, &error);
  if (password == NULL)
    return;

  pf_secrets_store_password_async (copy, password, NULL, duplicate_store_cb, g_object_ref (copy));
  memset (password, 0, strlen (password));
}

static void
duplicate_connection_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  PfWindow *self = PF_WINDOW (widget);
  PfConnectionProfile *profile = pf_window_lookup_profile (self, parameter);
  g_autoptr(PfConnectionProfile) copy = NULL;
  g_autofree char *name = NULL;

  if (profile == NULL)
    return;

  name = pf_profile_store_dup_unique_name (self->store, pf_connection_profile_get_name (profile));
  copy = pf_connection_profile_duplicate (profile, name);
  pf_profile_store_add (self->store, copy);
  if (!pf_window_save_store (self))
    return;

  /* The copy gets its own keyring entry, so deleting one keeps the other's */
  if (pf_connection_profile_get_remember_password (profile))
    pf_secrets_lookup_password_async (profile, NULL, duplicate_lookup_cb, g_object_ref (copy));
}

/* A deleted connection stays restorable while its toast shows; its keyring
 * entry goes only when the toast is gone without Undo. */
typedef struct
{
  PfWindow            *self;
  PfConnectionProfile *profile;
  guint                position;
  gboolean             undone;
} DeletedConnection;

static void
deleted_connection_free (gpointer data)
{
  DeletedConnection *deleted = data;

  g_clear_object (&deleted->self);
  g_clear_object (&deleted->profile);
  g_free (deleted);
}

static void
clear_password_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pf_secrets_clear_password_finish (result, &error))
    g_message ("Could not remove a deleted connection’s password from the keyring: %s", error->message);
}

static void
delete_toast_undo_cb (AdwToast          *toast,
                      DeletedConnection *deleted)
{
  deleted->undone = TRUE;
  pf_profile_store_insert (deleted->self->store, deleted->position, deleted->profile);
  pf_window_save_store (deleted->self);
}

static void
delete_toast_dismissed_cb (AdwToast          *toast,
                           DeletedConnection *deleted)
{
  if (!deleted->undone && pf_connection_profile_get_remember_password (deleted->profile))
    pf_secrets_clear_password_async (deleted->profile, NULL, clear_password_cb, NULL);
}

static void
delete_connection_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PfWindow *self = PF_WINDOW (widget);
  PfConnectionProfile *profile = pf_window_lookup_profile (self, parameter);
  DeletedConnection *deleted;
  g_autofree char *title = NULL;
  AdwToast *toast;
  int position;

  if (profile == NULL)
    return;

  if ((self->database != NULL && pf_database_get_profile (self->database) == profile) ||
      (self->pending != NULL && pf_database_get_profile (self->pending) == profile))
    pf_window_close_database (self);

  deleted = g_new0 (DeletedConnection, 1);
  deleted->self = g_object_ref (self);
  deleted->profile = g_object_ref (profile);

  position = pf_profile_store_remove (self->store, profile);
  deleted->position = MAX (position, 0);
  pf_window_save_store (self);

  /* Translators: %s is a connection name */
  title = g_strdup_printf (_("“%s” deleted"), pf_connection_profile_get_name (profile));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (delete_toast_undo_cb), deleted);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (delete_toast_dismissed_cb),
                         deleted, (GClosureNotify) (void (*) (void)) deleted_connection_free, 0);
  pf_window_add_toast (self, toast);
}

static void
show_connections_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PfWindow *self = PF_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
run_checks_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PfWindow *self = PF_WINDOW (widget);

  if (self->database == NULL)
    return;

  pf_window_show_page (self, "workspace");
  pf_workspace_run_checks (self->workspace);
}

/* The workspace recorded the report in the profile; persist it when the
 * profile is a saved one, and tell a user who looked elsewhere. */
static void
scan_finished_cb (PfWindow *self,
                  PfReport *report,
                  gint64    elapsed_usec)
{
  PfConnectionProfile *profile = self->database != NULL ? pf_database_get_profile (self->database) : NULL;

  if (profile != NULL &&
      pf_profile_store_find_by_id (self->store, pf_connection_profile_get_id (profile)) == profile)
    pf_window_save_store (self);

  if (elapsed_usec >= NOTIFY_AFTER_USEC && !gtk_window_is_active (GTK_WINDOW (self)))
    {
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *title = NULL;
      g_autofree char *sentence = pf_report_dup_verdict_sentence (report);
      GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

      /* Translators: %s is a connection or database name */
      title = g_strdup_printf (_("Checks of %s finished"),
                               profile != NULL ? pf_connection_profile_get_name (profile) : "");
      notification = g_notification_new (title);
      g_notification_set_body (notification, sentence);
      if (app != NULL)
        g_application_send_notification (app, "scan-finished", notification);
    }
}

void
pf_window_close_database (PfWindow *self)
{
  g_return_if_fail (PF_IS_WINDOW (self));

  pf_window_cancel_pending (self);
  pf_window_set_database (self, NULL, NULL);
  pf_window_show_page (self, "welcome");
  pf_window_update_actions (self);
}

PfDatabase *
pf_window_get_database (PfWindow *self)
{
  g_return_val_if_fail (PF_IS_WINDOW (self), NULL);

  return self->database;
}

const char *
pf_window_get_page_name (PfWindow *self)
{
  g_return_val_if_fail (PF_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

PfOverviewPage *
pf_window_get_overview_page (PfWindow *self)
{
  g_return_val_if_fail (PF_IS_WINDOW (self), NULL);

  return pf_workspace_get_overview_page (self->workspace);
}

PfWorkspace *
pf_window_get_workspace (PfWindow *self)
{
  g_return_val_if_fail (PF_IS_WINDOW (self), NULL);

  return self->workspace;
}

/* Takes ownership of the floating @toast, like adw_toast_overlay_add_toast() */
void
pf_window_add_toast (PfWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (PF_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
file_chooser_response_cb (PfWindow             *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        pf_window_open_file (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->file_chooser);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PfWindow *self = PF_WINDOW (widget);
  g_autoptr(GtkFileFilter) sqlite_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
      return;
    }

  gtk_file_filter_set_name (sqlite_filter, _("SQLite Databases"));
  gtk_file_filter_add_pattern (sqlite_filter, "*.sqlite3");
  gtk_file_filter_add_pattern (sqlite_filter, "*.sqlite");
  gtk_file_filter_add_pattern (sqlite_filter, "*.db");
  gtk_file_filter_add_mime_type (sqlite_filter, "application/vnd.sqlite3");

  gtk_file_filter_set_name (all_filter, _("All Files"));
  gtk_file_filter_add_pattern (all_filter, "*");

  self->file_chooser = gtk_file_chooser_native_new (_("Open SQLite File"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Open"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), sqlite_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), all_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->file_chooser), sqlite_filter);

  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (file_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
close_database_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  pf_window_close_database (PF_WINDOW (widget));
}

static void
cancel_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  /* A user cancel is not an error: back to the start, nothing to report. */
  pf_window_close_database (PF_WINDOW (widget));
}

static void
try_demo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pf_window_open_demo (PF_WINDOW (widget));
}

static void
pf_window_save_size (PfWindow *self)
{
  int width, height;
  gboolean maximized;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  if (maximized)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
}

static gboolean
pf_window_close_request (GtkWindow *window)
{
  PfWindow *self = PF_WINDOW (window);

  pf_window_save_size (self);
  pf_window_cancel_pending (self);

  return GTK_WINDOW_CLASS (pf_window_parent_class)->close_request (window);
}

static void
pf_window_dispose (GObject *object)
{
  PfWindow *self = PF_WINDOW (object);

  pf_window_cancel_pending (self);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_WINDOW);

  pf_database_close_in_thread (self->database);
  g_clear_object (&self->database);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pf_window_parent_class)->dispose (object);
}

static void
pf_window_finalize (GObject *object)
{
  PfWindow *self = PF_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->keyring_problem, g_free);

  G_OBJECT_CLASS (pf_window_parent_class)->finalize (object);
}

static void
pf_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PfWindow *self = PF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_window_class_init (PfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pf_window_dispose;
  object_class->finalize = pf_window_finalize;
  object_class->get_property = pf_window_get_property;

  window_class->close_request = pf_window_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         PF_TYPE_DATABASE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PF_TYPE_WORKSPACE);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, connection_list);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, content);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, loading_title_label);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, loading_progress_label);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, workspace);
  gtk_widget_class_bind_template_callback (widget_class, connection_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, scan_finished_cb);

  gtk_widget_class_install_action (widget_class, "win.open-file", NULL, open_file_action);
  gtk_widget_class_install_action (widget_class, "win.add-connection", NULL, add_connection_action);
  gtk_widget_class_install_action (widget_class, "win.edit-connection", "s", edit_connection_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-connection", "s", duplicate_connection_action);
  gtk_widget_class_install_action (widget_class, "win.delete-connection", "s", delete_connection_action);
  gtk_widget_class_install_action (widget_class, "win.show-connections", NULL, show_connections_action);
  gtk_widget_class_install_action (widget_class, "win.run-checks", NULL, run_checks_action);
  gtk_widget_class_install_action (widget_class, "win.try-demo", NULL, try_demo_action);
  gtk_widget_class_install_action (widget_class, "win.close-database", NULL, close_database_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-open", NULL, cancel_open_action);
}

static void
pf_window_init (PfWindow *self)
{
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_view_switcher_title_set_stack (self->switcher_title, pf_workspace_get_view_stack (self->workspace));
  adw_view_switcher_bar_set_stack (self->switcher_bar, pf_workspace_get_view_stack (self->workspace));

  self->settings = g_settings_new (APP_ID);
  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  pf_window_show_page (self, "welcome");
  pf_window_update_actions (self);
}

/* Shows the application's saved connections, and tells about a problem
 * reading them (a corrupt file moved aside) once. */
static void
pf_window_set_application_store (PfWindow      *self,
                                 PfApplication *application)
{
  g_autofree char *problem = NULL;

  if (application != NULL)
    {
      self->store = g_object_ref (pf_application_get_profile_store (application));
      problem = pf_application_take_store_problem (application);
    }
  else
    self->store = pf_profile_store_new (NULL);

  gtk_list_box_bind_model (self->connection_list, G_LIST_MODEL (self->store),
                           create_connection_row, NULL, NULL);
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (store_items_changed_cb), self, G_CONNECT_SWAPPED);
  store_items_changed_cb (self, 0, 0, 0, G_LIST_MODEL (self->store));

  if (problem != NULL)
    {
      AdwToast *toast = adw_toast_new (problem);

      adw_toast_set_timeout (toast, 0);
      pf_window_add_toast (self, toast);
    }
}

PfWindow *
pf_window_new (PfApplication *application)
{
  PfWindow *self = g_object_new (PF_TYPE_WINDOW,
                                 "application", application,
                                 NULL);

  pf_window_set_application_store (self, application);

  return self;
}
