/* pf-window.c — the main window: welcome, progress and database overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-connect-dialog.h"
#include "pf-window.h"

struct _PfWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  /* The database shown in the overview */
  PfDatabase           *database;
  /* The database being opened, and what cancels that */
  PfDatabase           *pending;
  GCancellable         *cancellable;

  GtkFileChooserNative *file_chooser;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkLabel             *loading_title_label;
  GtkLabel             *loading_progress_label;
  PfOverviewPage       *overview_page;
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
close_in_thread_func (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  pf_database_close (PF_DATABASE (source_object));
  g_task_return_boolean (task, TRUE);
}

/* Closing a PostgreSQL connection talks to the server: never on the main
 * thread. */
static void
close_database_in_thread (PfDatabase *database)
{
  g_autoptr(GTask) task = NULL;

  if (database == NULL)
    return;

  task = g_task_new (database, NULL, NULL, NULL);
  g_task_set_source_tag (task, close_database_in_thread);
  g_task_run_in_thread (task, close_in_thread_func);
}

static void
pf_window_update_actions (PfWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-database",
                                 self->database != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-open",
                                 self->cancellable != NULL);
}

static void
pf_window_show_page (PfWindow   *self,
                     const char *name)
{
  gboolean loading = g_str_equal (name, "loading");

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_stack_set_visible_child_name (self->stack, name);
}

/* Forgets whatever is being opened; its callbacks will find they are stale. */
static void
pf_window_cancel_pending (PfWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending);
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

  pf_overview_page_set_contents (self->overview_page, database, schema);
  adw_window_title_set_subtitle (self->window_title,
                                 database != NULL ? pf_database_get_name (database) : NULL);

  close_database_in_thread (old);

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
  pf_window_update_actions (self);

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Could Not Open Database"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "ok", _("OK"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  gtk_window_present (GTK_WINDOW (dialog));
}

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
      close_database_in_thread (database);
      return;
    }

  if (schema == NULL)
    {
      close_database_in_thread (database);
      pf_window_show_open_error (self, error);
      return;
    }

  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending);

  pf_window_set_database (self, database, schema);
  pf_window_show_page (self, "overview");
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
        close_database_in_thread (database);
      return;
    }

  if (!opened)
    {
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

  return self->overview_page;
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
connect_dialog_connect_cb (PfWindow            *self,
                           PfConnectionProfile *profile,
                           const char          *password)
{
  pf_window_open_profile (self, profile, password);
}

static void
connect_postgresql_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PfWindow *self = PF_WINDOW (widget);
  PfConnectDialog *dialog;

  dialog = pf_connect_dialog_new (GTK_WINDOW (self));
  g_signal_connect_object (dialog, "connect",
                           G_CALLBACK (connect_dialog_connect_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
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

  close_database_in_thread (self->database);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (pf_window_parent_class)->dispose (object);
}

static void
pf_window_finalize (GObject *object)
{
  PfWindow *self = PF_WINDOW (object);

  g_clear_object (&self->settings);

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

  g_type_ensure (PF_TYPE_OVERVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PfWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, loading_title_label);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, loading_progress_label);
  gtk_widget_class_bind_template_child (widget_class, PfWindow, overview_page);

  gtk_widget_class_install_action (widget_class, "win.open-file", NULL, open_file_action);
  gtk_widget_class_install_action (widget_class, "win.connect-postgresql", NULL, connect_postgresql_action);
  gtk_widget_class_install_action (widget_class, "win.try-demo", NULL, try_demo_action);
  gtk_widget_class_install_action (widget_class, "win.close-database", NULL, close_database_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-open", NULL, cancel_open_action);
}

static void
pf_window_init (PfWindow *self)
{
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  pf_window_show_page (self, "welcome");
  pf_window_update_actions (self);
}

PfWindow *
pf_window_new (PfApplication *application)
{
  return g_object_new (PF_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
