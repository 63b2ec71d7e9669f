/* pf-backup-dialog.c — Back Up Now…: choose a file, copy, verify, record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-backup-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pf-backup-dialog.h"

struct _PfBackupDialog
{
  AdwWindow             parent_instance;

  PfDatabase           *database;
  PfChecklistRun       *run;

  /* The attempt under way, if any */
  PfBackup             *backup;
  GCancellable         *cancellable;
  char                 *path;
  guint                 pulse_source;
  /* The window was asked to close while the backup ran: close when it
   * has stopped (and removed its partial file) */
  gboolean              close_when_stopped;
  /* The current attempt emitted "finished" already */
  gboolean              finished_emitted;

  GtkFileChooserNative *file_chooser;

  /* The last result */
  PfBackupRecord       *record;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkLabel             *running_title_label;
  GtkLabel             *destination_label;
  GtkProgressBar       *progress_bar;
  GtkLabel             *message_label;
  GtkButton            *cancel_button;
  GtkLabel             *done_title_label;
  GtkLabel             *done_verification_label;
  GtkLabel             *done_path_label;
  GtkLabel             *done_size_label;
  GtkLabel             *done_time_label;
  GtkLabel             *done_sha256_label;
  GtkButton            *done_close_button;
  GtkImage             *failed_icon;
  GtkLabel             *failed_title_label;
  GtkLabel             *failed_reason_label;
  GtkLabel             *failed_path_label;
  GtkButton            *try_again_button;
};

G_DEFINE_FINAL_TYPE (PfBackupDialog, pf_backup_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers -------------------------------------------------------------- */

static gboolean
is_running (PfBackupDialog *self)
{
  return self->cancellable != NULL;
}

static void
emit_finished (PfBackupDialog *self,
               PfBackupRecord *record)
{
  if (self->finished_emitted)
    return;

  self->finished_emitted = TRUE;
  g_signal_emit (self, signals[FINISHED], 0, record);
}

/* "<database>-backup-<YYYY-MM-DD>.sqlite3", or ".dump" for PostgreSQL */
static char *
dup_default_file_name (PfBackupDialog *self)
{
  PfDatabaseKind kind = pf_database_get_kind (self->database);
  const char *name = pf_database_get_name (self->database);
  g_autofree char *stem = g_strdup (name != NULL && name[0] != '\0' ? name : "database");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  char *dot;

  /* "rota.sqlite3" → "rota" */
  dot = strrchr (stem, '.');
  if (kind == PF_DATABASE_KIND_SQLITE && dot != NULL && dot != stem)
    *dot = '\0';
  g_strdelimit (stem, "/\\:", '-');

  return g_strdup_printf ("%s-backup-%s.%s", stem, date,
                          kind == PF_DATABASE_KIND_POSTGRESQL ? "dump" : "sqlite3");
}

static void
stop_pulsing (PfBackupDialog *self)
{
  g_clear_handle_id (&self->pulse_source, g_source_remove);
}

static gboolean
pulse_cb (gpointer data)
{
  PfBackupDialog *self = data;

  gtk_progress_bar_pulse (self->progress_bar);

  return G_SOURCE_CONTINUE;
}

static void
fraction_changed_cb (PfBackupDialog *self)
{
  double fraction = pf_backup_get_fraction (self->backup);

  if (fraction < 0)
    {
      if (self->pulse_source == 0)
        self->pulse_source = g_timeout_add (100, pulse_cb, self);
      return;
    }

  stop_pulsing (self);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static void
message_changed_cb (PfBackupDialog *self)
{
  const char *message = pf_backup_get_message (self->backup);

  gtk_label_set_label (self->message_label, message != NULL ? message : "");
}

static void
forget_backup (PfBackupDialog *self)
{
  stop_pulsing (self);

  if (self->backup != NULL)
    g_signal_handlers_disconnect_by_data (self->backup, self);
  g_clear_object (&self->backup);
  g_clear_object (&self->cancellable);
}

static void
update_actions (PfBackupDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.cancel",
                                 is_running (self) && !g_cancellable_is_cancelled (self->cancellable));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.open-folder",
                                 self->record != NULL && g_strcmp0 (page, "done") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.try-again", !is_running (self));
}

/* ---- result pages --------------------------------------------------------- */

/* A selectable label selects all of itself when it is first focused; the
 * result should read as text, not as a selection */
static void
unselect_labels (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_label_get_selectable (GTK_LABEL (root)))
    gtk_label_select_region (GTK_LABEL (root), 0, 0);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    unselect_labels (child);
}

static void
show_page (PfBackupDialog *self,
           const char     *name,
           GtkWidget      *focus)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  /* The buttons' actions first, or the focus cannot go to them */
  update_actions (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), focus);
  gtk_widget_grab_focus (focus);
  unselect_labels (gtk_stack_get_visible_child (self->stack));
}

static void
show_done (PfBackupDialog *self,
           PfBackupRecord *record)
{
  g_autofree char *size = g_format_size (pf_backup_record_get_size (record));
  g_autofree char *when = NULL;
  GDateTime *created_at = pf_backup_record_get_created_at (record);

  if (created_at != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (created_at);

      /* Translators: when the backup was made, "21 November 2026, 14:03:27";
       * see g_date_time_format() */
      when = g_date_time_format (local, _("%-d %B %Y, %H:%M:%S"));
    }

  gtk_label_set_label (self->done_verification_label,
                       pf_backup_record_get_verification (record) != NULL ?
                       pf_backup_record_get_verification (record) : "");
  gtk_label_set_label (self->done_path_label, pf_backup_record_get_path (record));
  gtk_label_set_label (self->done_size_label, size);
  gtk_label_set_label (self->done_time_label, when != NULL ? when : "");
  gtk_label_set_label (self->done_sha256_label,
                       pf_backup_record_get_sha256 (record) != NULL ?
                       pf_backup_record_get_sha256 (record) : "");

  show_page (self, "done", GTK_WIDGET (self->done_close_button));
}

/* @record: the file that was written but did not prove good, or NULL when
 * nothing usable was written */
static void
show_failed (PfBackupDialog *self,
             gboolean        not_verified,
             const char     *reason,
             PfBackupRecord *record)
{
  GtkWidget *icon = GTK_WIDGET (self->failed_icon);

  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "warning");
  if (not_verified)
    {
      gtk_image_set_from_icon_name (self->failed_icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      gtk_label_set_label (self->failed_title_label, _("Backup Not Verified"));
    }
  else
    {
      gtk_image_set_from_icon_name (self->failed_icon, "dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
      gtk_label_set_label (self->failed_title_label, _("Backup Failed"));
    }

  gtk_label_set_label (self->failed_reason_label, reason != NULL ? reason : "");

  if (record != NULL)
    {
      g_autofree char *where = NULL;

      /* Translators: under “Backup Not Verified”; %s is the file's path */
      where = g_strdup_printf (_("The file was kept at %s for a closer look. Do not rely on it."),
                               pf_backup_record_get_path (record));
      gtk_label_set_label (self->failed_path_label, where);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->failed_path_label), record != NULL);

  show_page (self, "failed", GTK_WIDGET (self->try_again_button));
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(PfBackupDialog) self = user_data;
  g_autoptr(PfBackupRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = pf_backup_run_finish (PF_BACKUP (object), result, &error);

  /* A newer attempt replaced this one: only its own result counts */
  if (object != G_OBJECT (self->backup))
    return;

  forget_backup (self);

  if (record != NULL)
    {
      g_set_object (&self->record, record);
      pf_checklist_run_add_backup (self->run, record);

      if (pf_backup_record_get_verified (record))
        show_done (self, record);
      else
        show_failed (self, TRUE, pf_backup_record_get_verification (record), record);

      emit_finished (self, record);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      emit_finished (self, NULL);
      /* Cancel, Escape and closing the window all end here */
      self->close_when_stopped = TRUE;
    }
  else
    {
      show_failed (self,
                   g_error_matches (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_NOT_VERIFIED),
                   error->message, NULL);
      emit_finished (self, NULL);
    }

  update_actions (self);

  if (self->close_when_stopped)
    gtk_window_close (GTK_WINDOW (self));
}

/* ---- file chooser --------------------------------------------------------- */

static void
file_chooser_response_cb (PfBackupDialog       *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }

  /* It hid itself; destroying it here would answer a second time */
  g_signal_handlers_disconnect_by_data (chooser, self);
  g_clear_object (&self->file_chooser);

  if (path != NULL)
    {
      pf_backup_dialog_start_with_path (self, path);
      return;
    }

  if (response == GTK_RESPONSE_ACCEPT)
    {
      /* A location without a local path (a network share through a portal) */
      show_failed (self, FALSE, _("Choose a folder on this computer: backups are written to local files only."), NULL);
      gtk_window_present (GTK_WINDOW (self));
      emit_finished (self, NULL);
      update_actions (self);
      return;
    }

  emit_finished (self, NULL);
  /* gtk_window_close() does nothing to a window never shown */
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    gtk_window_close (GTK_WINDOW (self));
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
choose_file (PfBackupDialog *self)
{
  GtkWindow *parent = gtk_widget_get_visible (GTK_WIDGET (self)) ?
                      GTK_WINDOW (self) : gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);

  self->file_chooser = gtk_file_chooser_native_new (_("Save Backup As"), parent,
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);

  /* Try Again starts where the last attempt wanted to write */
  if (self->path != NULL)
    {
      g_autoptr(GFile) last = g_file_new_for_path (self->path);

      folder = g_file_get_parent (last);
      name = g_file_get_basename (last);
    }
  else
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      folder = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR) ?
                                    documents : g_get_home_dir ());
      name = dup_default_file_name (self);
    }

  /* GTK 4 always asks before replacing a file in save mode */
  if (folder != NULL && g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->file_chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), name);

  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (file_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

/* ---- actions -------------------------------------------------------------- */

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PfBackupDialog *self = PF_BACKUP_DIALOG (widget);

  if (!is_running (self))
    return;

  self->close_when_stopped = TRUE;
  g_cancellable_cancel (self->cancellable);
  gtk_label_set_label (self->message_label, _("Stopping and removing the partial file…"));
  update_actions (self);
}

static void
open_folder_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PfBackupDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *message = NULL;

      g_debug ("Could not open the folder: %s", error->message);
      message = g_strdup_printf (_("Could not open the folder: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PfBackupDialog *self = PF_BACKUP_DIALOG (widget);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  if (self->record == NULL)
    return;

  file = g_file_new_for_path (pf_backup_record_get_path (self->record));
  folder = g_file_get_parent (file);
  if (folder == NULL)
    return;

  uri = g_file_get_uri (folder);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           open_folder_cb, g_object_ref (self));
}

static void
try_again_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pf_backup_dialog_start (PF_BACKUP_DIALOG (widget));
}

static gboolean
close_request_cb (PfBackupDialog *self)
{
  if (!is_running (self))
    return FALSE;

  /* Closing while running cancels; the window goes once the partial file
   * is gone */
  cancel_action (GTK_WIDGET (self), NULL, NULL);
  return TRUE;
}

/* ---- GObject -------------------------------------------------------------- */

static void
pf_backup_dialog_dispose (GObject *object)
{
  PfBackupDialog *self = PF_BACKUP_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  forget_backup (self);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_BACKUP_DIALOG);

  G_OBJECT_CLASS (pf_backup_dialog_parent_class)->dispose (object);
}

static void
pf_backup_dialog_finalize (GObject *object)
{
  PfBackupDialog *self = PF_BACKUP_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_object (&self->run);
  g_clear_object (&self->record);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (pf_backup_dialog_parent_class)->finalize (object);
}

static void
pf_backup_dialog_class_init (PfBackupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_backup_dialog_dispose;
  object_class->finalize = pf_backup_dialog_finalize;

  /**
   * PfBackupDialog::finished:
   * @record: (nullable): the backup written, verified or not; NULL when
   *   cancelled or when nothing usable was written
   *
   * Once per attempt (each start or Try Again), when the result shows or
   * before the window closes.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  PF_TYPE_BACKUP_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-backup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, running_title_label);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, destination_label);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, done_title_label);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, done_verification_label);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, done_path_label);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, done_size_label);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, done_time_label);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, done_sha256_label);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, done_close_button);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, failed_icon);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, failed_title_label);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, failed_reason_label);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, failed_path_label);
  gtk_widget_class_bind_template_child (widget_class, PfBackupDialog, try_again_button);

  gtk_widget_class_install_action (widget_class, "backup.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "backup.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "backup.try-again", NULL, try_again_action);

  /* Escape is Cancel while running (close-request cancels) and Close after */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pf_backup_dialog_init (PfBackupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
  update_actions (self);
}

PfBackupDialog *
pf_backup_dialog_new (GtkWindow      *parent,
                      PfDatabase     *database,
                      PfChecklistRun *run)
{
  PfBackupDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PF_IS_DATABASE (database), NULL);
  g_return_val_if_fail (PF_IS_CHECKLIST_RUN (run), NULL);

  self = g_object_new (PF_TYPE_BACKUP_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);
  self->run = g_object_ref (run);

  adw_window_title_set_subtitle (self->window_title, pf_database_get_name (database));

  return self;
}

/**
 * pf_backup_dialog_start:
 *
 * Asks for the file (the window shows once one is chosen); cancelling the
 * file chooser emits "finished" with NULL and closes the window.
 */
void
pf_backup_dialog_start (PfBackupDialog *self)
{
  g_return_if_fail (PF_IS_BACKUP_DIALOG (self));

  if (is_running (self))
    return;

  self->finished_emitted = FALSE;
  choose_file (self);
}

/**
 * pf_backup_dialog_start_with_path:
 * @path: the file to write (replaced if it exists)
 *
 * Shows the window and starts the backup to @path at once.
 */
void
pf_backup_dialog_start_with_path (PfBackupDialog *self,
                                  const char     *path)
{
  g_autofree char *title = NULL;
  g_autofree char *destination = NULL;

  g_return_if_fail (PF_IS_BACKUP_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (is_running (self))
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  g_clear_object (&self->record);
  self->finished_emitted = FALSE;
  self->close_when_stopped = FALSE;

  /* Translators: %s is the database's name */
  title = g_strdup_printf (_("Backing up “%s”"), pf_database_get_name (self->database));
  /* Translators: %s is the backup file's path */
  destination = g_strdup_printf (_("To %s"), path);
  gtk_label_set_label (self->running_title_label, title);
  gtk_label_set_label (self->destination_label, destination);
  gtk_label_set_label (self->message_label, _("Starting…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "running");
  gtk_window_set_default_widget (GTK_WINDOW (self), NULL);

  self->backup = pf_backup_new (self->database, NULL, path);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->backup, "notify::fraction", G_CALLBACK (fraction_changed_cb), self);
  g_signal_connect_swapped (self->backup, "notify::message", G_CALLBACK (message_changed_cb), self);
  fraction_changed_cb (self);
  if (pf_backup_get_message (self->backup) != NULL)
    message_changed_cb (self);

  update_actions (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));

  pf_backup_run_async (self->backup, self->cancellable, run_cb, g_object_ref (self));
}
