/* test-backup-dialog.c — Back Up Now… on real SQLite files under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-backup-dialog"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "pf-backup-dialog.h"
#include "pf-backup-private.h"
#include "pf-test-files.h"
#include "pf-test-pg.h"
#include "pf-test-ui.h"

/* ---- helpers -------------------------------------------------------------- */

static PfTestPg *pg;

typedef struct
{
  PfDatabase     *database;
  PfChecklistRun *run;
  PfBackupDialog *dialog;
  /* NULL once the dialog is finalized */
  gpointer        weak_dialog;
  char           *output;
  guint           n_finished;
  PfBackupRecord *record;
} Fixture;

static void
finished_cb (PfBackupDialog *dialog,
             PfBackupRecord *record,
             Fixture        *fixture)
{
  fixture->n_finished++;
  g_set_object (&fixture->record, record);
}

static gboolean
finished_once (gpointer data)
{
  return ((Fixture *) data)->n_finished >= 1;
}

static gpointer
template_child (gpointer    widget,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), PF_TYPE_BACKUP_DIALOG, name);

  g_assert_nonnull (child);
  return child;
}

static const char *
visible_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (template_child (fixture->dialog, "stack"));
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_text (template_child (fixture->dialog, name));
}

/* The button labelled @label that a person can see (each page has its own
 * Close) */
static GtkWidget *
find_shown_button (GtkWidget  *root,
                   const char *label)
{
  GtkWidget *found = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       found == NULL && child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = find_descendant (child, GTK_TYPE_BUTTON, label);

      if (button == child && gtk_widget_is_drawable (button))
        found = button;
      else if (button != NULL)
        found = find_shown_button (child, label);
    }

  return found;
}

static GtkWidget *
find_button (gpointer    root,
             const char *label)
{
  GtkWidget *button = find_shown_button (GTK_WIDGET (root), label);

  if (button == NULL)
    g_error ("No button labelled “%s” is shown", label);

  return button;
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return count;
}

static char *
integrity_check (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return result;
}

/* Nothing at all in the folder the backup went to (no partial or
 * temporary file either) */
static guint
count_files (const char *file_in_dir)
{
  g_autofree char *dir = g_path_get_dirname (file_in_dir);

  return pf_test_count_dir (dir);
}

/* A copy of the demo database, so nothing a test does can touch the demo */
static char *
copy_demo (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "fixtures", NULL);

  return pf_test_copy_demo (dir, "rota.sqlite3");
}

static void
fixture_setup (Fixture    *fixture,
               const char *source,
               const char *output_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfChecklistTemplate) template = pf_checklist_templates_dup_default ();
  g_autofree char *out_dir = g_build_filename (g_get_user_data_dir (), "backups", NULL);

  g_assert_cmpint (g_mkdir_with_parents (out_dir, 0700), ==, 0);

  fixture->database = pf_database_new_for_target (source, &error);
  g_assert_no_error (error);
  fixture->run = pf_checklist_run_new (template);
  fixture->output = g_build_filename (out_dir, output_name, NULL);
  g_remove (fixture->output);

  fixture->dialog = pf_backup_dialog_new (NULL, fixture->database, fixture->run);
  g_signal_connect (fixture->dialog, "finished", G_CALLBACK (finished_cb), fixture);
  fixture->weak_dialog = fixture->dialog;
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), &fixture->weak_dialog);
}

static void
fixture_teardown (Fixture *fixture)
{
  if (fixture->weak_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (fixture->dialog), &fixture->weak_dialog);
      destroy_window (fixture->dialog);
    }
  g_clear_object (&fixture->record);
  g_clear_object (&fixture->run);
  g_clear_object (&fixture->database);
  g_clear_pointer (&fixture->output, g_free);
  memset (fixture, 0, sizeof *fixture);
}

/* Waits until the dialog is finalized after it closed itself */
static void
wait_closed (Fixture *fixture)
{
  wait_for (pointer_is_null, &fixture->weak_dialog, "the dialog to close");
  fixture->dialog = NULL;
}

/* ---- tests ---------------------------------------------------------------- */

/* The demo is copied, verified, recorded in the run, and shown as verified
 * with the facts of the file that is really on disk */
static void
test_verified (void)
{
  g_autofree char *source = copy_demo ();
  g_autofree char *source_sha_before = file_sha256 (source);
  g_autofree char *source_sha_after = NULL;
  g_autofree char *output_sha = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *size = NULL;
  GPtrArray *backups;
  GStatBuf st;
  Fixture fixture = { 0 };

  fixture_setup (&fixture, source, "rota-backup.sqlite3");
  pf_backup_dialog_start_with_path (fixture.dialog, fixture.output);
  g_assert_cmpstr (visible_page (&fixture), ==, "running");
  g_assert_true (strstr (label_text (&fixture, "destination_label"), fixture.output) != NULL);
  g_assert_true (widget_is_usable (find_button (fixture.dialog, "Cancel")));

  wait_for (finished_once, &fixture, "the backup to finish");
  drain_main_context ();
  g_assert_cmpuint (fixture.n_finished, ==, 1);

  /* The record: verified, and true to the file */
  g_assert_nonnull (fixture.record);
  g_assert_true (pf_backup_record_get_verified (fixture.record));
  g_assert_cmpstr (pf_backup_record_get_path (fixture.record), ==, fixture.output);
  g_assert_true (g_file_test (fixture.output, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_stat (fixture.output, &st), ==, 0);
  g_assert_cmpint (pf_backup_record_get_size (fixture.record), ==, st.st_size);
  output_sha = file_sha256 (fixture.output);
  g_assert_cmpstr (pf_backup_record_get_sha256 (fixture.record), ==, output_sha);

  /* The copy is a sound database with the source's rows */
  integrity = integrity_check (fixture.output);
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (count_rows (fixture.output, "SELECT count(*) FROM sqlite_master"), ==,
                   count_rows (source, "SELECT count(*) FROM sqlite_master"));
  g_assert_cmpint (count_rows (fixture.output, "SELECT count(*) FROM scheduling_shift"), ==,
                   count_rows (source, "SELECT count(*) FROM scheduling_shift"));

  /* The source was only read */
  source_sha_after = file_sha256 (source);
  g_assert_cmpstr (source_sha_after, ==, source_sha_before);

  /* The run has it */
  backups = pf_checklist_run_get_backups (fixture.run);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_true (pf_checklist_run_get_last_verified_backup (fixture.run) != NULL);
  g_assert_cmpstr (pf_backup_record_get_sha256 (pf_checklist_run_get_last_verified_backup (fixture.run)),
                   ==, output_sha);

  /* What the person sees */
  g_assert_cmpstr (visible_page (&fixture), ==, "done");
  g_assert_cmpstr (label_text (&fixture, "done_title_label"), ==, "Backup Verified");
  g_assert_cmpstr (label_text (&fixture, "done_path_label"), ==, fixture.output);
  g_assert_cmpstr (label_text (&fixture, "done_sha256_label"), ==, output_sha);
  size = g_format_size (st.st_size);
  g_assert_cmpstr (label_text (&fixture, "done_size_label"), ==, size);
  g_assert_cmpstr (label_text (&fixture, "done_time_label"), !=, "");
  g_assert_true (widget_is_usable (find_button (fixture.dialog, "Open Folder")));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (fixture.dialog)) == find_button (fixture.dialog, "Close"));
  g_assert_true (gtk_label_get_selectable (template_child (fixture.dialog, "done_sha256_label")));

  save_screenshots_light_and_dark (GTK_WIDGET (fixture.dialog), "backup-dialog-done");

  /* Close closes, without a second "finished" */
  click (find_button (fixture.dialog, "Close"));
  wait_closed (&fixture);
  g_assert_cmpuint (fixture.n_finished, ==, 1);

  fixture_teardown (&fixture);
}

/* A folder that does not exist: the failed page with the reason, nothing
 * recorded, nothing written */
static void
test_missing_folder (void)
{
  g_autofree char *source = copy_demo ();
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "no-such-folder", "rota.sqlite3", NULL);
  GPtrArray *backups;
  Fixture fixture = { 0 };

  fixture_setup (&fixture, source, "unused.sqlite3");
  pf_backup_dialog_start_with_path (fixture.dialog, missing);
  wait_for (finished_once, &fixture, "the backup to fail");
  drain_main_context ();

  g_assert_cmpuint (fixture.n_finished, ==, 1);
  g_assert_null (fixture.record);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (fixture.output, G_FILE_TEST_EXISTS));

  backups = pf_checklist_run_get_backups (fixture.run);
  g_assert_cmpuint (backups->len, ==, 0);
  g_assert_null (pf_checklist_run_get_last_verified_backup (fixture.run));

  g_assert_cmpstr (visible_page (&fixture), ==, "failed");
  g_assert_cmpstr (label_text (&fixture, "failed_title_label"), ==, "Backup Failed");
  g_assert_cmpstr (label_text (&fixture, "failed_reason_label"), !=, "");
  g_test_message ("Reason shown: %s", label_text (&fixture, "failed_reason_label"));
  g_assert_true (gtk_widget_has_css_class (template_child (fixture.dialog, "failed_icon"), "error"));
  g_assert_true (widget_is_usable (find_button (fixture.dialog, "Try Again…")));
  /* Enter tries again */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (fixture.dialog)) == find_button (fixture.dialog, "Try Again…"));
  g_assert_true (widget_is_usable (find_button (fixture.dialog, "Close")));

  save_screenshots_light_and_dark (GTK_WIDGET (fixture.dialog), "backup-dialog-failed");

  /* Escape closes the result */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.dialog), "window.close", NULL));
  wait_closed (&fixture);
  g_assert_cmpuint (fixture.n_finished, ==, 1);

  fixture_teardown (&fixture);
}

/* Cancel at once (before the worker began): the window closes, "finished" says nothing was made, no
 * file is left */
static void
test_cancel (void)
{
  g_autofree char *source = copy_demo ();
  GPtrArray *backups;
  Fixture fixture = { 0 };

  fixture_setup (&fixture, source, "cancelled.sqlite3");
  pf_backup_dialog_start_with_path (fixture.dialog, fixture.output);
  present_window (fixture.dialog);

  click (find_button (fixture.dialog, "Cancel"));
  wait_closed (&fixture);

  g_assert_cmpuint (fixture.n_finished, ==, 1);
  g_assert_null (fixture.record);
  g_assert_false (g_file_test (fixture.output, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture.output), ==, 0);
  backups = pf_checklist_run_get_backups (fixture.run);
  g_assert_cmpuint (backups->len, ==, 0);

  fixture_teardown (&fixture);
}

/* Pages are being copied: the bar moved */
static gboolean
backup_is_under_way (gpointer data)
{
  Fixture *fixture = data;
  GtkProgressBar *bar = template_child (fixture->dialog, "progress_bar");

  return fixture->n_finished > 0 || gtk_progress_bar_get_fraction (bar) > 0;
}

/* Escape while the copy runs (close-request) cancels it: nothing is left */
static void
test_close_while_running (void)
{
  g_autofree char *source = copy_demo ();
  GPtrArray *backups;
  Fixture fixture = { 0 };

  /* One page per step with a pause: the copy takes a few seconds */
  _pf_backup_set_pages_per_step (1, 20000);
  fixture_setup (&fixture, source, "closed.sqlite3");
  pf_backup_dialog_start_with_path (fixture.dialog, fixture.output);
  wait_for (backup_is_under_way, &fixture, "the backup to report progress");
  g_assert_cmpuint (fixture.n_finished, ==, 0);
  g_test_message ("Closing at: %s", label_text (&fixture, "message_label"));
  g_assert_cmpuint (count_files (fixture.output), >=, 1);
  save_screenshot (GTK_WIDGET (fixture.dialog), "backup-dialog-running.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.dialog), "window.close", NULL));
  wait_closed (&fixture);

  g_assert_cmpuint (fixture.n_finished, ==, 1);
  g_assert_null (fixture.record);
  g_assert_false (g_file_test (fixture.output, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture.output), ==, 0);
  backups = pf_checklist_run_get_backups (fixture.run);
  g_assert_cmpuint (backups->len, ==, 0);

  _pf_backup_set_pages_per_step (0, 0);
  fixture_teardown (&fixture);
}

static GtkFileChooser *
find_file_chooser (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static gboolean
file_chooser_shown (gpointer data)
{
  return find_file_chooser () != NULL;
}

/* Start asks for the file (here GTK's own dialog, there is no portal):
 * the suggested name, then Cancel closes everything; a second time the
 * chosen file is written */
static void
test_file_chooser (void)
{
  g_autofree char *source = copy_demo ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *expected_name = g_strdup_printf ("rota-backup-%s.sqlite3", date);
  g_autofree char *chosen = NULL;
  GtkFileChooser *chooser;
  GtkWindow *parent = GTK_WINDOW (adw_window_new ());
  Fixture fixture = { 0 };

  /* A real user has a home folder */
  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
  present_window (parent);

  /* Cancel: "finished" with nothing, the dialog goes */
  fixture_setup (&fixture, source, "unused.sqlite3");
  gtk_window_set_transient_for (GTK_WINDOW (fixture.dialog), parent);
  pf_backup_dialog_start (fixture.dialog);
  wait_for (file_chooser_shown, NULL, "the file chooser");
  chooser = find_file_chooser ();
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  g_assert_cmpstr (gtk_file_chooser_get_current_name (chooser), ==, expected_name);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  wait_closed (&fixture);
  g_assert_cmpuint (fixture.n_finished, ==, 1);
  g_assert_null (fixture.record);
  g_assert_cmpuint (pf_checklist_run_get_backups (fixture.run)->len, ==, 0);
  fixture_teardown (&fixture);

  /* Accept the suggestion: the user's home here (the isolated home has no
   * Documents folder) */
  fixture_setup (&fixture, source, "unused.sqlite3");
  chosen = g_build_filename (g_get_home_dir (), expected_name, NULL);
  g_remove (chosen);
  gtk_window_set_transient_for (GTK_WINDOW (fixture.dialog), parent);
  pf_backup_dialog_start (fixture.dialog);
  wait_for (file_chooser_shown, NULL, "the file chooser");
  chooser = find_file_chooser ();
  /* Let it finish listing the folder, as a person would */
  wait_ms (500);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait_for (finished_once, &fixture, "the backup to the chosen file");
  drain_main_context ();
  g_assert_nonnull (fixture.record);
  g_assert_true (pf_backup_record_get_verified (fixture.record));
  g_assert_cmpstr (pf_backup_record_get_path (fixture.record), ==, chosen);
  g_assert_true (g_file_test (chosen, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (visible_page (&fixture), ==, "done");
  fixture_teardown (&fixture);

  destroy_window (parent);
}

/* ---- PostgreSQL ------------------------------------------------------------ */

static PfDatabase *
pg_database (char **out_dbname)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfConnectionProfile) profile = pf_connection_profile_new (PF_DATABASE_KIND_POSTGRESQL);
  g_autofree char *dbname = pf_test_pg_create_database (pg, NULL, &error);

  g_assert_no_error (error);
  pf_test_pg_exec (pg, dbname,
                   "CREATE TABLE unit (id int PRIMARY KEY, name text NOT NULL);"
                   "CREATE TABLE shift (id int PRIMARY KEY, unit_id int REFERENCES unit (id));"
                   "INSERT INTO unit SELECT g, 'Ward ' || g FROM generate_series (1, 50) g;"
                   "INSERT INTO shift SELECT g, 1 + g % 50 FROM generate_series (1, 2000) g;",
                   &error);
  g_assert_no_error (error);

  pf_connection_profile_set_host (profile, pf_test_pg_get_socket_dir (pg));
  pf_connection_profile_set_port (profile, pf_test_pg_get_port (pg));
  pf_connection_profile_set_dbname (profile, dbname);
  pf_connection_profile_set_user (profile, pf_test_pg_get_superuser (pg));
  pf_connection_profile_set_sslmode (profile, "disable");

  if (out_dbname != NULL)
    *out_dbname = g_steal_pointer (&dbname);

  return pf_database_new_for_profile (profile, NULL);
}

static void
pg_fixture_setup (Fixture    *fixture,
                  const char *output_name)
{
  g_autoptr(PfChecklistTemplate) template = pf_checklist_templates_dup_default ();
  g_autofree char *out_dir = g_build_filename (g_get_user_data_dir (), "backups", NULL);

  g_assert_cmpint (g_mkdir_with_parents (out_dir, 0700), ==, 0);
  fixture->database = pg_database (NULL);
  fixture->run = pf_checklist_run_new (template);
  fixture->output = g_build_filename (out_dir, output_name, NULL);
  fixture->dialog = pf_backup_dialog_new (NULL, fixture->database, fixture->run);
  g_signal_connect (fixture->dialog, "finished", G_CALLBACK (finished_cb), fixture);
  fixture->weak_dialog = fixture->dialog;
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), &fixture->weak_dialog);
}

/* pg_dump to a custom-format file, listed back by pg_restore */
static void
test_pg_verified (void)
{
  g_autofree char *sha = NULL;
  Fixture fixture = { 0 };

  pg_fixture_setup (&fixture, "rota.dump");
  pf_backup_dialog_start_with_path (fixture.dialog, fixture.output);
  wait_for (finished_once, &fixture, "pg_dump to finish");
  drain_main_context ();

  g_test_message ("Ended on “%s”: %s", visible_page (&fixture), label_text (&fixture, "failed_reason_label"));
  g_assert_nonnull (fixture.record);
  g_assert_true (pf_backup_record_get_verified (fixture.record));
  g_assert_cmpstr (pf_backup_record_get_method (fixture.record), ==, "pg_dump");
  sha = file_sha256 (fixture.output);
  g_assert_cmpstr (label_text (&fixture, "done_sha256_label"), ==, sha);
  g_assert_cmpstr (visible_page (&fixture), ==, "done");
  g_assert_cmpuint (pf_checklist_run_get_backups (fixture.run)->len, ==, 1);

  fixture_teardown (&fixture);
}

/* A dump without one table's data is written but not verified: shown as
 * failed, with a warning, never as done; the record still goes into the run
 * (unverified) so the checklist item stays failed */
static void
test_pg_not_verified (void)
{
  g_autofree char *fake = g_build_filename (g_get_user_data_dir (), "fake-bin", NULL);
  g_autofree char *real_dump = g_find_program_in_path ("pg_dump");
  g_autofree char *real_restore = g_find_program_in_path ("pg_restore");
  g_autofree char *dump_script = NULL;
  g_autofree char *restore_script = NULL;
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  Fixture fixture = { 0 };

  g_assert_nonnull (real_dump);
  g_assert_nonnull (real_restore);
  g_assert_cmpint (g_mkdir_with_parents (fake, 0700), ==, 0);
  dump_script = g_strdup_printf ("#!/bin/sh\nexec '%s' \"$@\" --exclude-table-data=shift\n", real_dump);
  restore_script = g_strdup_printf ("#!/bin/sh\nexec '%s' \"$@\"\n", real_restore);
  pf_test_write_script (fake, "pg_dump", dump_script);
  pf_test_write_script (fake, "pg_restore", restore_script);

  pg_fixture_setup (&fixture, "partial.dump");
  g_setenv ("PATH", fake, TRUE);
  _pf_backup_set_pg_lib_dir (NULL);
  pf_backup_dialog_start_with_path (fixture.dialog, fixture.output);
  wait_for (finished_once, &fixture, "pg_dump to finish");
  _pf_backup_set_pg_lib_dir ("/usr/lib/postgresql");
  g_setenv ("PATH", old_path, TRUE);
  drain_main_context ();

  g_assert_nonnull (fixture.record);
  g_assert_false (pf_backup_record_get_verified (fixture.record));
  g_assert_cmpuint (pf_checklist_run_get_backups (fixture.run)->len, ==, 1);
  g_assert_null (pf_checklist_run_get_last_verified_backup (fixture.run));

  g_assert_cmpstr (visible_page (&fixture), ==, "failed");
  g_assert_cmpstr (label_text (&fixture, "failed_title_label"), ==, "Backup Not Verified");
  g_assert_cmpstr (label_text (&fixture, "failed_reason_label"), ==,
                   pf_backup_record_get_verification (fixture.record));
  g_assert_true (strstr (label_text (&fixture, "failed_reason_label"), "shift") != NULL);
  g_assert_true (gtk_widget_has_css_class (template_child (fixture.dialog, "failed_icon"), "warning"));
  g_assert_true (gtk_widget_get_visible (template_child (fixture.dialog, "failed_path_label")));
  g_assert_true (strstr (label_text (&fixture, "failed_path_label"), fixture.output) != NULL);
  g_assert_null (find_shown_button (GTK_WIDGET (fixture.dialog), "Open Folder"));

  save_screenshots_light_and_dark (GTK_WIDGET (fixture.dialog), "backup-dialog-not-verified");
  fixture_teardown (&fixture);
}

/* No pg_dump anywhere: the reason says what to install */
static void
test_pg_dump_missing (void)
{
  g_autofree char *empty = g_build_filename (g_get_user_data_dir (), "empty-bin", NULL);
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  Fixture fixture = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  pg_fixture_setup (&fixture, "nothing.dump");
  g_setenv ("PATH", empty, TRUE);
  _pf_backup_set_pg_lib_dir (NULL);
  pf_backup_dialog_start_with_path (fixture.dialog, fixture.output);
  wait_for (finished_once, &fixture, "the backup to fail");
  _pf_backup_set_pg_lib_dir ("/usr/lib/postgresql");
  g_setenv ("PATH", old_path, TRUE);
  drain_main_context ();

  g_assert_null (fixture.record);
  g_assert_false (g_file_test (fixture.output, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (pf_checklist_run_get_backups (fixture.run)->len, ==, 0);
  g_assert_cmpstr (visible_page (&fixture), ==, "failed");
  g_assert_cmpstr (label_text (&fixture, "failed_title_label"), ==, "Backup Failed");
  g_test_message ("Reason shown: %s", label_text (&fixture, "failed_reason_label"));
  g_assert_true (strstr (label_text (&fixture, "failed_reason_label"), "pg_dump") != NULL);
  g_assert_true (strstr (label_text (&fixture, "failed_reason_label"), "postgresql-client") != NULL);

  save_screenshots_light_and_dark (GTK_WIDGET (fixture.dialog), "backup-dialog-pg-dump-missing");
  fixture_teardown (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  ui_test_init (&argc, &argv);
  set_wait_timeout (120);

  g_test_add_func ("/ui/backup-dialog/verified", test_verified);
  g_test_add_func ("/ui/backup-dialog/missing-folder", test_missing_folder);
  g_test_add_func ("/ui/backup-dialog/cancel", test_cancel);
  g_test_add_func ("/ui/backup-dialog/close-while-running", test_close_while_running);
  g_test_add_func ("/ui/backup-dialog/file-chooser", test_file_chooser);
  g_test_add_func ("/ui/backup-dialog/pg-verified", test_pg_verified);
  g_test_add_func ("/ui/backup-dialog/pg-not-verified", test_pg_not_verified);
  g_test_add_func ("/ui/backup-dialog/pg-dump-missing", test_pg_dump_missing);

  {
    g_autoptr(GError) error = NULL;
    int ret;

    pg = pf_test_pg_start (&error);
    g_assert_no_error (error);
    ret = g_test_run ();
    pf_test_pg_stop (pg);

    return ret;
  }
}
