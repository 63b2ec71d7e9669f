/* test-window.c — the main window under Xvfb: welcome, open, errors, close
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "pf-application.h"
#include "pf-connection-row.h"
#include "pf-test-pg.h"
#include "pf-test-ui.h"
#include "pf-window.h"

static PfApplication *app;
static PfTestPg *pg;
/* Set whenever an AdwMessageDialog becomes a toplevel */
static guint n_message_dialogs_seen;

/* ---- helpers -------------------------------------------------------------- */

typedef struct
{
  PfWindow   *window;
  const char *page;
} PageWait;

static gboolean
page_is (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (pf_window_get_page_name (wait->window), wait->page) == 0;
}

static void
wait_for_page (PfWindow   *window,
               const char *page)
{
  PageWait wait = { window, page };
  g_autofree char *what = g_strdup_printf ("the “%s” page", page);

  wait_for (page_is, &wait, what);
}

static gboolean
only_our_ref (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

static AdwMessageDialog *
find_message_dialog (PfWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog (PF_WINDOW (data)) != NULL;
}

static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        n_message_dialogs_seen++;
    }
}

/* Whether a GtkActionable pointing at @action inside @window would be
 * sensitive, i.e. whether the action is enabled, as the menu shows it. */
static gboolean
action_is_enabled (PfWindow   *window,
                   const char *action)
{
  GtkWidget *header_bar = find_descendant (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, NULL);
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  g_assert_nonnull (header_bar);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header_bar), probe);
  drain_main_context ();
  enabled = gtk_widget_get_sensitive (probe);
  adw_header_bar_remove (ADW_HEADER_BAR (header_bar), probe);

  return enabled;
}

static PfWindow *
create_window (void)
{
  PfWindow *window = pf_window_new (app);

  present_window (window);

  return window;
}

/* Three homes and 1,200 units */
#define ROTA_SQL \
  "CREATE TABLE homes (id INTEGER PRIMARY KEY, name TEXT NOT NULL);" \
  "CREATE TABLE units (id INTEGER PRIMARY KEY," \
  "                    home_id INTEGER NOT NULL REFERENCES homes (id)," \
  "                    name TEXT, beds INTEGER);" \
  "INSERT INTO homes (name) VALUES ('Oak House'), ('Elm Court'), ('Ash Lodge');" \
  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)" \
  " INSERT INTO units (home_id, name, beds) SELECT 1 + i % 3, 'Unit ' || i, i % 7 FROM n;"

static void
open_path (PfWindow   *window,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  pf_window_open_file (window, file);
}

static PfTable *
find_table (GListModel *model,
            const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (model, i);

      if (g_strcmp0 (pf_table_get_display_name (table), name) == 0)
        return table;  /* the model keeps it alive */
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_exists (gpointer data)
{
  LabelWait *wait = data;

  return find_descendant (wait->root, GTK_TYPE_LABEL, wait->text) != NULL;
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_welcome (void)
{
  PfWindow *window = create_window ();
  const char *buttons[] = { "Try the Demo", "Add Connection…", "Open SQLite File…" };

  g_assert_cmpstr (pf_window_get_page_name (window), ==, "welcome");
  g_assert_null (pf_window_get_database (window));

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, buttons[i]);

      g_test_message ("Looking for the “%s” button", buttons[i]);
      g_assert_true (widget_is_usable (button));
    }

  g_assert_true (widget_is_usable (find_descendant (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL)));
  g_assert_false (action_is_enabled (window, "win.close-database"));
  g_assert_true (action_is_enabled (window, "win.open-file"));
  g_assert_true (action_is_enabled (window, "win.try-demo"));
  g_assert_true (action_is_enabled (window, "win.add-connection"));
  g_assert_false (action_is_enabled (window, "win.run-checks"));

  destroy_window (window);
}

static void
test_open_sqlite (void)
{
  PfWindow *window = create_window ();
  g_autofree char *path = make_sqlite_file ("rota.db", ROTA_SQL);
  PfOverviewPage *page = pf_window_get_overview_page (window);
  GListModel *model;
  GtkWidget *column_view;
  PfTable *homes, *units;
  GtkWidget *title;
  g_autoptr(PfTable) first = NULL;
  g_autofree char *units_rows = NULL;
  LabelWait label_wait;

  open_path (window, path);
  g_assert_cmpstr (pf_window_get_page_name (window), ==, "loading");
  g_assert_true (widget_is_usable (find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Cancel")));

  wait_for_page (window, "workspace");

  g_assert_nonnull (pf_window_get_database (window));
  g_assert_cmpstr (pf_database_get_name (pf_window_get_database (window)), ==, "rota.db");
  g_assert_true (pf_overview_page_get_database (page) == pf_window_get_database (window));
  g_assert_true (action_is_enabled (window, "win.close-database"));

  /* The title names the database, the subtitle says where it is */
  title = find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE, NULL);
  g_assert_cmpstr (adw_view_switcher_title_get_title (ADW_VIEW_SWITCHER_TITLE (title)), ==, "rota.db");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (title)), ==, path);

  model = pf_overview_page_get_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  homes = find_table (model, "homes");
  units = find_table (model, "units");
  g_assert_nonnull (homes);
  g_assert_nonnull (units);
  g_assert_cmpint (pf_table_get_row_estimate (homes), ==, 3);
  g_assert_cmpint (pf_table_get_row_estimate (units), ==, 1200);

  /* The table names and counts are on screen, as labels an AT can read */
  column_view = find_descendant (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, NULL);
  g_assert_true (widget_is_usable (column_view));
  label_wait.root = column_view;
  label_wait.text = "units";
  wait_for (label_exists, &label_wait, "the “units” cell");
  units_rows = pf_format_row_count (1200, pf_table_get_row_estimate_is_exact (units));
  label_wait.text = units_rows;
  wait_for (label_exists, &label_wait, "the units’ row count");
  g_assert_nonnull (find_descendant (GTK_WIDGET (page), GTK_TYPE_LABEL, "rota.db"));

  /* Sorting by the Rows column, largest first, puts units on top */
  {
    g_autoptr(GtkColumnViewColumn) rows_column =
      g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (column_view)), 1);

    g_assert_cmpstr (gtk_column_view_column_get_title (rows_column), ==, "Rows");
    gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (column_view), rows_column, GTK_SORT_DESCENDING);
    first = g_list_model_get_item (model, 0);
    g_assert_cmpstr (pf_table_get_display_name (first), ==, "units");
    g_clear_object (&first);

    gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (column_view), rows_column, GTK_SORT_ASCENDING);
    first = g_list_model_get_item (model, 0);
    g_assert_cmpstr (pf_table_get_display_name (first), ==, "homes");
  }

  destroy_window (window);
  g_assert_cmpuint (n_message_dialogs_seen, ==, 0);
}

static void
test_open_not_a_database (void)
{
  PfWindow *window = create_window ();
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "fixtures", NULL);
  g_autofree char *bad = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *good = make_sqlite_file ("rota.db", ROTA_SQL);
  AdwMessageDialog *dialog;
  GtkWidget *ok_button;
  gpointer weak_dialog;

  g_assert_true (g_file_set_contents (bad, "These are my notes, not a database.\n", -1, NULL));

  open_path (window, bad);
  wait_for (message_dialog_shown, window, "the error dialog");

  dialog = find_message_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open Database");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "notes.db"));
  g_test_message ("Error shown: %s", adw_message_dialog_get_body (dialog));

  /* Back at the start, with nothing open */
  g_assert_cmpstr (pf_window_get_page_name (window), ==, "welcome");
  g_assert_null (pf_window_get_database (window));
  g_assert_false (action_is_enabled (window, "win.close-database"));

  /* Dismissing the dialog with its OK button */
  ok_button = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "OK");
  g_assert_nonnull (ok_button);
  weak_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak_dialog);
  click (ok_button);
  wait_for (pointer_is_null, &weak_dialog, "the error dialog to go away");

  /* The window is still usable: a real database opens fine */
  g_assert_true (widget_is_usable (find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Try the Demo")));
  open_path (window, good);
  wait_for_page (window, "workspace");
  g_assert_cmpuint (g_list_model_get_n_items (pf_overview_page_get_model (pf_window_get_overview_page (window))), ==, 2);

  destroy_window (window);
}

static void
test_close_database (void)
{
  PfWindow *window = create_window ();
  g_autofree char *path = make_sqlite_file ("rota.db", ROTA_SQL);
  GtkWidget *title;

  open_path (window, path);
  wait_for_page (window, "workspace");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-database", NULL));
  g_assert_cmpstr (pf_window_get_page_name (window), ==, "welcome");
  g_assert_null (pf_window_get_database (window));
  g_assert_null (pf_overview_page_get_database (pf_window_get_overview_page (window)));
  g_assert_cmpuint (g_list_model_get_n_items (pf_overview_page_get_model (pf_window_get_overview_page (window))), ==, 0);
  g_assert_false (action_is_enabled (window, "win.close-database"));

  title = find_descendant (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, "");

  destroy_window (window);
}

static void
test_cancel (void)
{
  PfWindow *window = create_window ();
  g_autofree char *path = make_sqlite_file ("rota.db", ROTA_SQL);
  GtkWidget *cancel;
  guint dialogs_before = n_message_dialogs_seen;

  open_path (window, path);
  g_assert_cmpstr (pf_window_get_page_name (window), ==, "loading");

  /* Cancel before the worker's answer can be delivered */
  cancel = find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Cancel");
  g_assert_true (widget_is_usable (cancel));
  click (cancel);

  g_assert_cmpstr (pf_window_get_page_name (window), ==, "welcome");
  g_assert_null (pf_window_get_database (window));

  /* Destroying waits for the cancelled open to call back: it must neither
   * show the overview nor report an error. */
  {
    gpointer weak = window;

    g_object_add_weak_pointer (G_OBJECT (window), &weak);
    g_object_ref (window);
    gtk_window_destroy (GTK_WINDOW (window));
    /* Our ref keeps it alive until the callbacks ran and dropped theirs */
    wait_for (only_our_ref, window, "the cancelled open to call back");
    g_assert_null (pf_window_get_database (window));
    g_object_unref (window);
    g_assert_null (weak);
  }

  g_assert_cmpuint (n_message_dialogs_seen, ==, dialogs_before);
}

static void
test_demo (void)
{
  PfWindow *window = create_window ();
  GListModel *model;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.try-demo", NULL));
  g_assert_cmpstr (pf_window_get_page_name (window), ==, "loading");

  wait_for_page (window, "workspace");

  model = pf_overview_page_get_model (pf_window_get_overview_page (window));
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 10);
  g_assert_nonnull (find_table (model, "django_migrations"));
  g_assert_cmpstr (pf_database_get_name (pf_window_get_database (window)), ==, "demo.sqlite3");

  destroy_window (window);
}

static void
test_window_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PfWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  /* Restored at startup */
  window = create_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  /* Saved when the window closes */
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 610);
  drain_main_context ();
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_object_unref (window);
  drain_main_context ();
}

static GtkListBoxRow *
find_row_in (GtkWidget  *root,
             const char *name)
{
  if (PF_IS_CONNECTION_ROW (root))
    {
      PfConnectionProfile *profile = pf_connection_row_get_profile (PF_CONNECTION_ROW (root));

      return g_strcmp0 (pf_connection_profile_get_name (profile), name) == 0 ? GTK_LIST_BOX_ROW (root) : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListBoxRow *found = find_row_in (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The sidebar row of the saved connection called @name */
static GtkListBoxRow *
find_connection_row (PfWindow   *window,
                     const char *name)
{
  return find_row_in (GTK_WIDGET (window), name);
}

static gboolean
adw_toast_shown (gpointer data)
{
  return find_descendant (GTK_WIDGET (data), GTK_TYPE_LABEL, "“Rota live” deleted") != NULL;
}

/* The sidebar lists the saved connections; a click opens one; the menu's
 * Duplicate and Delete (with Undo) change the list and the file. */
static void
test_saved_connections (void)
{
  PfProfileStore *store = pf_application_get_profile_store (app);
  g_autofree char *path = make_sqlite_file ("live.db", ROTA_SQL);
  g_autoptr(PfConnectionProfile) profile = pf_connection_profile_new (PF_DATABASE_KIND_SQLITE);
  g_autofree char *contents = NULL;
  g_autofree char *real_config = g_build_filename (g_get_home_dir (), ".config", NULL);
  g_autoptr(PfConnectionProfile) first = NULL;
  PfWindow *window;
  GtkListBoxRow *row;
  GtkWidget *undo;

  /* Never the user's own connections */
  g_assert_false (g_str_has_prefix (pf_profile_store_get_path (store), real_config));

  pf_connection_profile_set_name (profile, "Rota live");
  pf_connection_profile_set_path (profile, path);
  pf_connection_profile_set_environment (profile, PF_ENVIRONMENT_PRODUCTION);
  pf_profile_store_add (store, profile);

  window = create_window ();
  row = find_connection_row (window, "Rota live");
  g_assert_nonnull (row);
  g_assert_true (widget_is_usable (GTK_WIDGET (row)));
  g_assert_nonnull (find_descendant (GTK_WIDGET (row), GTK_TYPE_LABEL, "Production"));
  g_assert_nonnull (find_descendant (GTK_WIDGET (row), GTK_TYPE_LABEL, "Not checked yet"));

  /* Activating the row opens it in the workspace */
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (row)), "row-activated", row);
  wait_for_page (window, "workspace");
  g_assert_true (pf_database_get_profile (pf_window_get_database (window)) == profile);
  g_assert_true (gtk_list_box_row_is_selected (find_connection_row (window, "Rota live")));
  g_assert_true (action_is_enabled (window, "win.run-checks"));

  /* Duplicate: a second connection with a free name, saved to disk */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-connection", "s",
                                             pf_connection_profile_get_id (profile)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_nonnull (find_connection_row (window, "Rota live (2)"));
  g_assert_true (g_file_get_contents (pf_profile_store_get_path (store), &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Rota live (2)"));
  g_clear_pointer (&contents, g_free);

  /* Delete closes it, and Undo brings it back where it was */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-connection", "s",
                                             pf_connection_profile_get_id (profile)));
  g_assert_cmpstr (pf_window_get_page_name (window), ==, "welcome");
  g_assert_null (find_connection_row (window, "Rota live"));
  g_assert_true (g_file_get_contents (pf_profile_store_get_path (store), &contents, NULL, NULL));
  g_assert_null (strstr (contents, "\"Rota live\""));
  g_clear_pointer (&contents, g_free);

  wait_for (adw_toast_shown, window, "the “deleted” toast");
  undo = find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  click (undo);
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_true (first == profile);
  g_assert_nonnull (find_connection_row (window, "Rota live"));
  g_assert_true (g_file_get_contents (pf_profile_store_get_path (store), &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"Rota live\""));

  destroy_window (window);

  while (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    {
      g_autoptr(PfConnectionProfile) item = g_list_model_get_item (G_LIST_MODEL (store), 0);

      pf_profile_store_remove (store, item);
    }
}

/* The password dialog the window shows, once its body contains @text */
typedef struct
{
  PfWindow   *window;
  const char *text;
} DialogWait;

static gboolean
password_dialog_says (gpointer data)
{
  DialogWait *wait = data;
  AdwMessageDialog *dialog = find_message_dialog (wait->window);

  return dialog != NULL &&
         g_strcmp0 (adw_message_dialog_get_heading (dialog), "Password Needed") == 0 &&
         strstr (adw_message_dialog_get_body (dialog), wait->text) != NULL;
}

static AdwMessageDialog *
wait_for_password_dialog (PfWindow   *window,
                          const char *text)
{
  DialogWait wait = { window, text };
  g_autofree char *what = g_strdup_printf ("a password dialog saying “%s”", text);

  wait_for (password_dialog_says, &wait, what);
  return find_message_dialog (window);
}

static gboolean
widget_is_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

static void
answer_password_dialog (AdwMessageDialog *dialog,
                        const char       *password)
{
  g_autoptr(AdwMessageDialog) answered = g_object_ref (dialog);

  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), password);
  /* What the Connect button does: respond, then close */
  adw_message_dialog_response (dialog, "connect");
  gtk_window_close (GTK_WINDOW (dialog));
  wait_for (widget_is_hidden, answered, "the password dialog to close");
}

/* A saved PostgreSQL connection whose password was to be remembered, with
 * no keyring running (this test's session bus does not exist): the window
 * asks for the password and says why it could not remember it; a wrong
 * one is asked again with the server's answer; the right one opens. */
static void
test_password_without_keyring (void)
{
  PfProfileStore *store = pf_application_get_profile_store (app);
  g_autoptr(PfConnectionProfile) profile = pf_connection_profile_new (PF_DATABASE_KIND_POSTGRESQL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  AdwMessageDialog *dialog;
  PfWindow *window;
  GtkListBoxRow *row;

  dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_assert_no_error (error);
  pf_test_pg_exec (pg, dbname,
                   "CREATE ROLE rota_reader LOGIN PASSWORD 'right horse';"
                   "CREATE TABLE unit (id int PRIMARY KEY);"
                   "GRANT SELECT ON unit TO rota_reader;",
                   &error);
  g_assert_no_error (error);

  pf_connection_profile_set_name (profile, "Rota server");
  pf_connection_profile_set_host (profile, pf_test_pg_get_socket_dir (pg));
  pf_connection_profile_set_port (profile, pf_test_pg_get_port (pg));
  pf_connection_profile_set_dbname (profile, dbname);
  pf_connection_profile_set_user (profile, "rota_reader");
  pf_connection_profile_set_remember_password (profile, TRUE);
  pf_profile_store_add (store, profile);

  window = create_window ();
  row = find_connection_row (window, "Rota server");
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (row)), "row-activated", row);

  dialog = wait_for_password_dialog (window, "no keyring");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "rota_reader"));
  g_assert_null (pf_window_get_database (window));
  answer_password_dialog (dialog, "wrong horse");

  dialog = wait_for_password_dialog (window, "password authentication failed");
  g_test_message ("After a wrong password: %s", adw_message_dialog_get_body (dialog));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "no keyring"));
  answer_password_dialog (dialog, "right horse");

  wait_for_page (window, "workspace");
  g_assert_true (pf_database_get_profile (pf_window_get_database (window)) == profile);

  destroy_window (window);
  pf_profile_store_remove (store, profile);
}

static void
test_format_row_count (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *exact = NULL;
  g_autofree char *estimate = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *small = NULL;

  setlocale (LC_NUMERIC, "C");
  exact = pf_format_row_count (1234567, TRUE);
  estimate = pf_format_row_count (1200, FALSE);
  unknown = pf_format_row_count (-1, FALSE);
  small = pf_format_row_count (999, TRUE);
  setlocale (LC_NUMERIC, saved);

  g_assert_cmpstr (exact, ==, "1,234,567");
  g_assert_cmpstr (estimate, ==, "~1,200");
  g_assert_cmpstr (unknown, ==, "—");
  g_assert_cmpstr (small, ==, "999");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* No Secret Service: passwords are asked for, never remembered. Then
   * there is no accessibility bus either, which these tests do not need. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/preflight-test-bus", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  ui_test_init (&argc, &argv);

  app = pf_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);
  /* The tests own the windows; keep the application from quitting */
  g_application_hold (G_APPLICATION (app));

  g_signal_connect (gtk_window_get_toplevels (), "items-changed",
                    G_CALLBACK (toplevels_changed_cb), NULL);

  g_test_add_func ("/ui/format-row-count", test_format_row_count);
  g_test_add_func ("/ui/window/welcome", test_welcome);
  g_test_add_func ("/ui/window/open-sqlite", test_open_sqlite);
  g_test_add_func ("/ui/window/open-not-a-database", test_open_not_a_database);
  g_test_add_func ("/ui/window/close-database", test_close_database);
  g_test_add_func ("/ui/window/cancel", test_cancel);
  g_test_add_func ("/ui/window/demo", test_demo);
  g_test_add_func ("/ui/window/size", test_window_size);
  g_test_add_func ("/ui/window/saved-connections", test_saved_connections);
  g_test_add_func ("/ui/window/password-without-keyring", test_password_without_keyring);

  pg = pf_test_pg_start (&error);
  g_assert_no_error (error);

  ret = g_test_run ();

  pf_test_pg_stop (pg);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return ret;
}
