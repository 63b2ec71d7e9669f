/* test-connection-editor.c — the connection editor and the rules editor under Xvfb
 *
 * The keyring is made unreachable on purpose (DBUS_SESSION_BUS_ADDRESS points
 * at a socket that does not exist), so that saving with "Remember password"
 * takes the path a person without a Secret Service takes. Without a bus
 * there is no accessibility bridge either: the e2e suite covers that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-connection-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pf-connection-editor.h"
#include "pf-connection-editor-private.h"
#include "pf-profile-store.h"
#include "pf-rules-editor.h"
#include "pf-secrets.h"
#include "pf-test-ui.h"

/* ---- helpers -------------------------------------------------------------- */

static GtkWidget *
find_row (gpointer    root,
          const char *title)
{
  GtkWidget *row = find_descendant (GTK_WIDGET (root), ADW_TYPE_PREFERENCES_ROW, title);

  if (row == NULL)
    g_error ("No row titled “%s”", title);

  return row;
}

static const char *
row_text (gpointer    root,
          const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (find_row (root, title)));
}

static void
type_into (gpointer    root,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (root, title)), text);
  drain_main_context ();
}

static GtkWidget *
find_button (gpointer    root,
             const char *label)
{
  GtkWidget *button = find_descendant (GTK_WIDGET (root), GTK_TYPE_BUTTON, label);

  if (button == NULL)
    g_error ("No button labelled “%s”", label);

  return button;
}

static gboolean
button_is_sensitive (gpointer    root,
                     const char *label)
{
  drain_main_context ();
  return gtk_widget_get_sensitive (find_button (root, label));
}

/* A visible label styled as an error */
static GtkWidget *
find_error_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) &&
      gtk_widget_has_css_class (root, "error") &&
      gtk_widget_is_drawable (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_error_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
row_is_shown (gpointer    root,
              const char *title)
{
  return gtk_widget_is_drawable (find_row (root, title));
}

static PfConnectionEditor *
show_editor (PfProfileStore      *store,
             PfConnectionProfile *profile)
{
  PfConnectionEditor *editor = pf_connection_editor_new (NULL, store, profile);

  present_window (editor);

  return editor;
}

#define ROTA_SQL \
  "CREATE TABLE homes (id INTEGER PRIMARY KEY, name TEXT NOT NULL);" \
  "CREATE TABLE units (id INTEGER PRIMARY KEY," \
  "                    home_id INTEGER NOT NULL REFERENCES homes (id));" \
  "CREATE TABLE staff (sap TEXT PRIMARY KEY);" \
  "INSERT INTO homes (name) VALUES ('Oak House');"

/* What "saved" delivered */
typedef struct
{
  PfConnectionProfile *profile;
  char                *notice;
  guint                count;
} SavedResult;

static void
saved_cb (PfConnectionEditor  *editor,
          PfConnectionProfile *profile,
          const char          *notice,
          SavedResult         *result)
{
  g_set_object (&result->profile, profile);
  g_free (result->notice);
  result->notice = g_strdup (notice);
  result->count++;
}

static void
saved_result_clear (SavedResult *result)
{
  g_clear_object (&result->profile);
  g_clear_pointer (&result->notice, g_free);
}

/* Clicks Save and waits for the editor to close */
static void
save_and_wait (PfConnectionEditor *editor,
               SavedResult        *result)
{
  gpointer weak = editor;

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), result);
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  click (find_button (editor, "Save"));
  wait_for (pointer_is_null, &weak, "the editor to save and close");
  g_assert_cmpuint (result->count, ==, 1);
  g_assert_nonnull (result->profile);
}

static gboolean
not_testing (gpointer data)
{
  return !_pf_connection_editor_get_testing (PF_CONNECTION_EDITOR (data));
}

/* Does @needle appear in any file below @dir? */
static gboolean
dir_contains_string (const char *dir,
                     const char *needle,
                     guint      *n_files)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return FALSE;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (dir_contains_string (path, needle, n_files))
            return TRUE;
          continue;
        }

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      (*n_files)++;
      if (g_strstr_len (contents, length, needle) != NULL)
        {
          g_test_message ("Found the secret in %s", path);
          return TRUE;
        }
    }

  return FALSE;
}

static PfProfileStore *
new_store (void)
{
  PfProfileStore *store = pf_profile_store_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (pf_profile_store_load (store, NULL, &error));
  g_assert_no_error (error);

  return store;
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_fill_postgresql (void)
{
  g_autoptr(PfProfileStore) store = new_store ();
  PfConnectionEditor *editor = show_editor (store, NULL);
  GtkWidget *url_row;

  /* The names a person (and the e2e test) uses */
  g_assert_true (row_is_shown (editor, "Name"));
  g_assert_true (row_is_shown (editor, "Paste a DATABASE_URL"));
  g_assert_true (widget_is_usable (find_button (editor, "Cancel")));
  g_assert_nonnull (find_button (editor, "Test Connection"));
  g_assert_nonnull (find_button (editor, "Edit Rules…"));

  g_assert_true (pf_connection_editor_fill_from_url (editor,
                   "postgresql://alice:s%40cret@db.example.org:6543/rota"
                   "?sslmode=verify-full&sslrootcert=/etc/ca.pem"));
  drain_main_context ();

  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_row (editor, "Kind"))), ==, 0);
  g_assert_cmpstr (row_text (editor, "Host"), ==, "db.example.org");
  g_assert_cmpstr (row_text (editor, "Port"), ==, "6543");
  g_assert_cmpstr (row_text (editor, "Database"), ==, "rota");
  g_assert_cmpstr (row_text (editor, "User"), ==, "alice");
  g_assert_cmpstr (row_text (editor, "Password"), ==, "s@cret");
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (find_row (editor, "SSL mode")))),
                   ==, "verify-full");
  g_assert_true (row_is_shown (editor, "Root certificate"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (editor, "Root certificate"))), ==, "/etc/ca.pem");
  g_assert_true (row_is_shown (editor, "Host"));
  g_assert_false (row_is_shown (editor, "Path"));

  /* The URL (and the password in it) does not stay on screen */
  url_row = find_row (editor, "Paste a DATABASE_URL");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, "");
  g_assert_false (gtk_widget_has_css_class (url_row, "error"));
  g_assert_true (button_is_sensitive (editor, "Save"));

  save_screenshot (GTK_WIDGET (editor), "connection-editor-postgresql.png");

  /* A service name, a timeout and client certificates */
  g_assert_true (pf_connection_editor_fill_from_url (editor,
                   "postgresql://bob@/rota_live?service=rota&connect_timeout=7"
                   "&sslmode=require&sslcert=/home/bob/client.crt&sslkey=/home/bob/client.key"));
  drain_main_context ();
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (find_descendant (find_row (editor, "Use a service name"),
                                                                     GTK_TYPE_SWITCH, NULL))));
  g_assert_true (row_is_shown (editor, "Service"));
  g_assert_false (row_is_shown (editor, "Host"));
  g_assert_cmpstr (row_text (editor, "Service"), ==, "rota");
  g_assert_cmpstr (row_text (editor, "Database"), ==, "rota_live");
  g_assert_cmpstr (row_text (editor, "User"), ==, "bob");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (find_descendant (find_row (editor, "Connect timeout"),
                                                                                       GTK_TYPE_SPIN_BUTTON, NULL))), ==, 7);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (editor, "Client certificate"))), ==, "/home/bob/client.crt");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (editor, "Client key"))), ==, "/home/bob/client.key");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (editor, "Root certificate"))), ==, "None");

  /* SSL off hides the certificate rows */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (editor, "SSL mode")), 0);
  drain_main_context ();
  g_assert_false (row_is_shown (editor, "Client certificate"));

  destroy_window (editor);
}

static void
test_fill_sqlite (void)
{
  g_autoptr(PfProfileStore) store = new_store ();
  PfConnectionEditor *editor = show_editor (store, NULL);

  g_assert_true (pf_connection_editor_fill_from_url (editor, "sqlite:///tmp/x.db"));
  drain_main_context ();

  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_row (editor, "Kind"))), ==, 1);
  g_assert_true (row_is_shown (editor, "Path"));
  g_assert_cmpstr (row_text (editor, "Path"), ==, "/tmp/x.db");
  g_assert_false (row_is_shown (editor, "Host"));
  g_assert_false (row_is_shown (editor, "Password"));
  g_assert_true (button_is_sensitive (editor, "Save"));

  destroy_window (editor);
}

static void
test_invalid_url (void)
{
  g_autoptr(PfProfileStore) store = new_store ();
  PfConnectionEditor *editor = show_editor (store, NULL);
  GtkWidget *url_row = find_row (editor, "Paste a DATABASE_URL");
  GtkWidget *error_label;

  /* A valid location first, so only the URL can disable Save */
  g_assert_true (pf_connection_editor_fill_from_url (editor, "sqlite:///tmp/x.db"));
  g_assert_true (button_is_sensitive (editor, "Save"));

  g_assert_false (pf_connection_editor_fill_from_url (editor, "mysql://db.example.org/rota"));
  drain_main_context ();

  g_assert_true (gtk_widget_has_css_class (url_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, "mysql://db.example.org/rota");
  error_label = find_error_label (gtk_widget_get_ancestor (url_row, ADW_TYPE_PREFERENCES_GROUP));
  g_assert_true (widget_is_usable (error_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), !=, "");
  g_test_message ("URL error shown: %s", gtk_label_get_label (GTK_LABEL (error_label)));
  g_assert_false (button_is_sensitive (editor, "Save"));
  /* The fields were left as they were */
  g_assert_cmpstr (row_text (editor, "Path"), ==, "/tmp/x.db");

  /* Correcting the text takes the error away */
  type_into (editor, "Paste a DATABASE_URL", "");
  g_assert_false (gtk_widget_has_css_class (url_row, "error"));
  g_assert_null (find_error_label (GTK_WIDGET (editor)));
  g_assert_true (button_is_sensitive (editor, "Save"));

  destroy_window (editor);
}

static void
test_save_sqlite (void)
{
  g_autoptr(PfProfileStore) store = new_store ();
  g_autoptr(PfProfileStore) reloaded = NULL;
  g_autofree char *path = make_sqlite_file ("rota.db", ROTA_SQL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  SavedResult result = { 0 };
  PfConnectionEditor *editor = show_editor (store, NULL);
  PfConnectionProfile *profile;

  /* As a person does it: choose the kind, type a path and a name */
  g_assert_false (row_is_shown (editor, "Path"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (editor, "Kind")), 1);
  drain_main_context ();
  g_assert_true (row_is_shown (editor, "Path"));
  g_assert_false (button_is_sensitive (editor, "Save"));
  type_into (editor, "Path", path);
  g_assert_true (button_is_sensitive (editor, "Save"));
  type_into (editor, "Name", "Rota (live copy)");

  /* Production shows the read-only reminder */
  g_assert_false (row_is_shown (editor, "Preflight only reads from this database. It never changes data or schema."));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (editor, "Environment")), PF_ENVIRONMENT_PRODUCTION);
  drain_main_context ();
  g_assert_true (row_is_shown (editor, "Preflight only reads from this database. It never changes data or schema."));

  save_screenshot (GTK_WIDGET (editor), "connection-editor-sqlite.png");

  save_and_wait (editor, &result);
  g_assert_null (result.notice);
  g_assert_cmpstr (pf_connection_profile_get_name (result.profile), ==, "Rota (live copy)");
  g_assert_cmpint (pf_connection_profile_get_kind (result.profile), ==, PF_DATABASE_KIND_SQLITE);
  g_assert_cmpstr (pf_connection_profile_get_path (result.profile), ==, path);
  g_assert_false (pf_connection_profile_get_remember_password (result.profile));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  /* On disk, read back by a fresh store */
  g_assert_true (g_file_get_contents (pf_profile_store_get_path (store), &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (strstr (contents, "password\":\""));
  reloaded = new_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 1);
  profile = pf_profile_store_find_by_name (reloaded, "Rota (live copy)");
  g_assert_nonnull (profile);
  g_assert_cmpstr (pf_connection_profile_get_id (profile), ==, pf_connection_profile_get_id (result.profile));
  g_assert_cmpstr (pf_connection_profile_get_path (profile), ==, path);
  g_assert_cmpint (pf_connection_profile_get_environment (profile), ==, PF_ENVIRONMENT_PRODUCTION);

  saved_result_clear (&result);
}

static void
test_save_without_keyring (void)
{
  g_autoptr(PfProfileStore) store = new_store ();
  g_autoptr(PfProfileStore) reloaded = NULL;
  g_autoptr(PfConnectionProfile) probe = pf_connection_profile_new (PF_DATABASE_KIND_POSTGRESQL);
  g_autoptr(GError) expected = NULL;
  const char *secret = "Sq7-unlikely-Passw0rd";
  g_autofree char *url = g_strdup_printf ("postgresql://manager:%s@db.example.org/rota", secret);
  SavedResult result = { 0 };
  PfConnectionEditor *editor;
  PfConnectionProfile *profile;
  guint n_files = 0;

  /* What PfSecrets says without a Secret Service */
  g_assert_false (pf_secrets_store_password_sync (probe, secret, NULL, &expected));
  g_assert_error (expected, PF_SECRETS_ERROR, PF_SECRETS_ERROR_UNAVAILABLE);

  editor = show_editor (store, NULL);
  g_assert_true (pf_connection_editor_fill_from_url (editor, url));
  type_into (editor, "Name", "Rota live");
  g_assert_cmpstr (row_text (editor, "Password"), ==, secret);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (find_descendant (find_row (editor, "Remember password"),
                                                                     GTK_TYPE_SWITCH, NULL))));

  save_and_wait (editor, &result);

  /* Saved, not remembered, and the window is told why */
  g_assert_cmpstr (result.notice, ==, expected->message);
  g_test_message ("Notice: %s", result.notice);
  g_assert_false (pf_connection_profile_get_remember_password (result.profile));
  g_assert_cmpstr (pf_connection_profile_get_host (result.profile), ==, "db.example.org");

  reloaded = new_store ();
  profile = pf_profile_store_find_by_name (reloaded, "Rota live");
  g_assert_nonnull (profile);
  g_assert_false (pf_connection_profile_get_remember_password (profile));

  /* The password is in no file at all */
  g_assert_false (dir_contains_string (g_get_user_config_dir (), secret, &n_files));
  g_assert_false (dir_contains_string (g_get_user_data_dir (), secret, &n_files));
  g_assert_false (dir_contains_string (g_get_user_cache_dir (), secret, &n_files));
  g_assert_cmpuint (n_files, >=, 1);

  saved_result_clear (&result);
}

static void
test_duplicate_name (void)
{
  g_autoptr(PfProfileStore) store = new_store ();
  g_autoptr(PfConnectionProfile) existing = pf_connection_profile_new (PF_DATABASE_KIND_SQLITE);
  g_autoptr(GError) error = NULL;
  SavedResult result = { 0 };
  PfConnectionEditor *editor;
  GtkWidget *name_row, *error_label;

  pf_connection_profile_set_name (existing, "Rota");
  pf_connection_profile_set_path (existing, "/srv/rota.db");
  pf_profile_store_add (store, existing);
  g_assert_true (pf_profile_store_save (store, &error));
  g_assert_no_error (error);

  /* A new connection cannot take the name */
  editor = show_editor (store, NULL);
  name_row = find_row (editor, "Name");
  g_assert_true (pf_connection_editor_fill_from_url (editor, "sqlite:///srv/other.db"));
  type_into (editor, "Name", "Rota");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  error_label = find_error_label (GTK_WIDGET (editor));
  g_assert_nonnull (error_label);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==, "A connection named “Rota” already exists.");
  g_assert_false (button_is_sensitive (editor, "Save"));
  type_into (editor, "Name", "Rota 2");
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  g_assert_true (button_is_sensitive (editor, "Save"));
  destroy_window (editor);

  /* Editing it keeps its own name, and its id and place */
  editor = show_editor (store, existing);
  g_assert_cmpstr (row_text (editor, "Name"), ==, "Rota");
  g_assert_cmpstr (row_text (editor, "Path"), ==, "/srv/rota.db");
  g_assert_false (gtk_widget_has_css_class (find_row (editor, "Name"), "error"));
  type_into (editor, "Path", "/srv/rota-2.db");
  save_and_wait (editor, &result);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpstr (pf_connection_profile_get_id (result.profile), ==, pf_connection_profile_get_id (existing));
  g_assert_true (pf_profile_store_find_by_name (store, "Rota") == result.profile);
  g_assert_cmpstr (pf_connection_profile_get_path (result.profile), ==, "/srv/rota-2.db");
  /* The original was not changed behind the store's back */
  g_assert_cmpstr (pf_connection_profile_get_path (existing), ==, "/srv/rota.db");

  saved_result_clear (&result);
}

static void
test_default_name (void)
{
  g_autoptr(PfProfileStore) store = new_store ();
  SavedResult result = { 0 };
  PfConnectionEditor *editor = show_editor (store, NULL);

  g_assert_true (pf_connection_editor_fill_from_url (editor, "sqlite:///srv/data/rota.db"));
  save_and_wait (editor, &result);
  g_assert_cmpstr (pf_connection_profile_get_name (result.profile), !=, "");
  g_test_message ("Suggested name: %s", pf_connection_profile_get_name (result.profile));
  g_assert_nonnull (strstr (pf_connection_profile_get_name (result.profile), "rota.db"));

  saved_result_clear (&result);
}

static void
test_connection (void)
{
  g_autoptr(PfProfileStore) store = new_store ();
  g_autofree char *good = make_sqlite_file ("rota.db", ROTA_SQL);
  g_autofree char *bad = g_build_filename (g_get_user_data_dir (), "fixtures", "notes.db", NULL);
  PfConnectionEditor *editor = show_editor (store, NULL);
  const char *result;

  g_assert_true (g_file_set_contents (bad, "These are my notes, not a database.\n", -1, NULL));

  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (editor, "Kind")), 1);
  type_into (editor, "Path", good);
  click (find_button (editor, "Test Connection"));
  g_assert_true (_pf_connection_editor_get_testing (editor));
  g_assert_nonnull (find_button (editor, "Cancel Test"));
  wait_for (not_testing, editor, "the connection test");

  result = _pf_connection_editor_get_test_result (editor);
  g_test_message ("Test result: %s", result);
  g_assert_nonnull (result);
  g_assert_true (g_str_has_prefix (result, "Connected: SQLite "));
  g_assert_true (g_str_has_suffix (result, ", 3 tables"));
  /* On screen, for a person and for the accessibility tree */
  g_assert_nonnull (find_descendant (GTK_WIDGET (editor), GTK_TYPE_LABEL, result));
  g_assert_true (widget_is_usable (find_button (editor, "Test Connection")));

  {
    GtkWidget *scrolled = find_descendant (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW, NULL);
    GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
    save_screenshot (GTK_WIDGET (editor), "connection-editor-tested.png");
  }

  /* Editing the path forgets the old answer */
  type_into (editor, "Path", bad);
  g_assert_null (_pf_connection_editor_get_test_result (editor));

  click (find_button (editor, "Test Connection"));
  wait_for (not_testing, editor, "the second connection test");
  result = _pf_connection_editor_get_test_result (editor);
  g_test_message ("Test result: %s", result);
  g_assert_nonnull (result);
  g_assert_nonnull (strstr (result, "not a SQLite database"));
  g_assert_nonnull (find_descendant (GTK_WIDGET (editor), GTK_TYPE_LABEL, result));

  /* Cancelling a test in flight leaves no result */
  type_into (editor, "Path", good);
  click (find_button (editor, "Test Connection"));
  click (find_button (editor, "Cancel Test"));
  g_assert_false (_pf_connection_editor_get_testing (editor));
  g_assert_null (_pf_connection_editor_get_test_result (editor));

  destroy_window (editor);
}

static PfRulesEditor *
find_rules_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (PF_IS_RULES_EDITOR (window))
        return PF_RULES_EDITOR (window);
    }

  return NULL;
}

static void
test_rules_editor (void)
{
  g_autoptr(PfProfileStore) store = new_store ();
  PfConnectionEditor *editor = show_editor (store, NULL);
  PfRulesEditor *rules_editor;
  GtkWidget *group, *pattern_row, *error_label;
  PfRules *rules;
  PfFormatRule *rule;
  gpointer weak;

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (editor, "Data rules"))), ==, "No rules");

  click (find_button (editor, "Edit Rules…"));
  rules_editor = find_rules_editor ();
  g_assert_nonnull (rules_editor);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (rules_editor)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (rules_editor)) == GTK_WINDOW (editor));
  wait_for (widget_is_mapped, rules_editor, "the rules editor");

  /* The Formats group's Add button is the first button in it */
  group = find_descendant (GTK_WIDGET (rules_editor), ADW_TYPE_PREFERENCES_GROUP, "Formats");
  g_assert_nonnull (group);
  click (find_descendant (group, GTK_TYPE_BUTTON, NULL));
  drain_main_context ();
  g_assert_true (button_is_sensitive (rules_editor, "Done"));

  type_into (group, "Table", "scheduling_user");
  type_into (group, "Column", "sap");
  type_into (group, "Pattern (regular expression)", "^[0-9{6}$");
  pattern_row = find_row (group, "Pattern (regular expression)");
  g_assert_true (gtk_widget_has_css_class (pattern_row, "error"));
  error_label = find_error_label (group);
  g_assert_nonnull (error_label);
  g_test_message ("Rule error shown: %s", gtk_label_get_label (GTK_LABEL (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "^[0-9{6}$"));
  g_assert_false (button_is_sensitive (rules_editor, "Done"));

  save_screenshot (GTK_WIDGET (rules_editor), "rules-editor-invalid.png");

  type_into (group, "Pattern (regular expression)", "^[0-9]{6}$");
  g_assert_false (gtk_widget_has_css_class (pattern_row, "error"));
  g_assert_null (find_error_label (group));
  g_assert_true (button_is_sensitive (rules_editor, "Done"));

  weak = rules_editor;
  g_object_add_weak_pointer (G_OBJECT (rules_editor), &weak);
  click (find_button (rules_editor, "Done"));
  wait_for (pointer_is_null, &weak, "the rules editor to close");

  rules = _pf_connection_editor_get_rules (editor);
  g_assert_nonnull (rules);
  g_assert_cmpuint (pf_rules_get_formats (rules)->len, ==, 1);
  rule = g_ptr_array_index (pf_rules_get_formats (rules), 0);
  g_assert_cmpstr (rule->table, ==, "scheduling_user");
  g_assert_cmpstr (rule->column, ==, "sap");
  g_assert_cmpstr (rule->pattern, ==, "^[0-9]{6}$");
  g_assert_true (rule->include_references);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (editor, "Data rules"))), ==, "1 format rule");

  /* Reopened, it shows the rule; Cancel keeps the rules as they were */
  click (find_button (editor, "Edit Rules…"));
  rules_editor = find_rules_editor ();
  wait_for (widget_is_mapped, rules_editor, "the rules editor");
  group = find_descendant (GTK_WIDGET (rules_editor), ADW_TYPE_PREFERENCES_GROUP, "Formats");
  g_assert_cmpstr (row_text (group, "Pattern (regular expression)"), ==, "^[0-9]{6}$");
  type_into (group, "Pattern (regular expression)", "^[A-Z]+$");
  weak = rules_editor;
  g_object_add_weak_pointer (G_OBJECT (rules_editor), &weak);
  click (find_button (rules_editor, "Cancel"));
  wait_for (pointer_is_null, &weak, "the rules editor to close");
  rule = g_ptr_array_index (pf_rules_get_formats (_pf_connection_editor_get_rules (editor)), 0);
  g_assert_cmpstr (rule->pattern, ==, "^[0-9]{6}$");

  destroy_window (editor);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *no_bus = NULL;

  /* No keyring: a session bus address that leads nowhere */
  no_bus = g_strdup_printf ("unix:path=%s/no-such-bus", g_get_tmp_dir ());
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", no_bus, TRUE);
  /* The accessibility bridge lives on that bus too, and warns without it */
  g_setenv ("GTK_A11Y", "none", TRUE);
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/connection-editor/fill-postgresql", test_fill_postgresql);
  g_test_add_func ("/ui/connection-editor/fill-sqlite", test_fill_sqlite);
  g_test_add_func ("/ui/connection-editor/invalid-url", test_invalid_url);
  g_test_add_func ("/ui/connection-editor/save-sqlite", test_save_sqlite);
  g_test_add_func ("/ui/connection-editor/save-without-keyring", test_save_without_keyring);
  g_test_add_func ("/ui/connection-editor/duplicate-name", test_duplicate_name);
  g_test_add_func ("/ui/connection-editor/default-name", test_default_name);
  g_test_add_func ("/ui/connection-editor/test-connection", test_connection);
  g_test_add_func ("/ui/connection-editor/rules", test_rules_editor);

  return g_test_run ();
}
