/* test-secrets.c — passwords in a real gnome-keyring-daemon, never on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "pf-engine.h"
#include "pf-test-keyring.h"

#define UNAVAILABLE_MESSAGE \
  "Passwords cannot be remembered because no keyring (Secret Service) is running; " \
  "Preflight will ask for the password each time it connects."

static PfTestKeyring *keyring;

static PfConnectionProfile *
new_pg_profile (const char *name)
{
  PfConnectionProfile *profile = pf_connection_profile_new (PF_DATABASE_KIND_POSTGRESQL);

  pf_connection_profile_set_host (profile, "db.example.org");
  pf_connection_profile_set_dbname (profile, "rota");
  pf_connection_profile_set_user (profile, "rota_app");
  pf_connection_profile_set_name (profile, name);
  pf_connection_profile_set_remember_password (profile, TRUE);

  return profile;
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(PfConnectionProfile) profile = new_pg_profile ("Rota");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *found = NULL;
  g_autofree char *after = NULL;

  before = pf_secrets_lookup_password_sync (profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (before);

  g_assert_true (pf_secrets_store_password_sync (profile, "Tr0ub4dor&3 ünïcode", NULL, &error));
  g_assert_no_error (error);

  found = pf_secrets_lookup_password_sync (profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "Tr0ub4dor&3 ünïcode");

  /* Storing again replaces, it does not add a second item */
  pf_secrets_store_password_sync (profile, "second", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&found, g_free);
  found = pf_secrets_lookup_password_sync (profile, NULL, &error);
  g_assert_cmpstr (found, ==, "second");

  /* Renaming keeps the password: the entry is keyed by id */
  pf_connection_profile_set_name (profile, "Rota (renamed)");
  g_clear_pointer (&found, g_free);
  found = pf_secrets_lookup_password_sync (profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "second");

  g_assert_true (pf_secrets_clear_password_sync (profile, NULL, &error));
  g_assert_no_error (error);
  after = pf_secrets_lookup_password_sync (profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (after);

  /* Nothing left to clear is not an error */
  g_assert_true (pf_secrets_clear_password_sync (profile, NULL, &error));
  g_assert_no_error (error);
}

static void
test_profiles_apart (void)
{
  g_autoptr(PfConnectionProfile) a = new_pg_profile ("A");
  g_autoptr(PfConnectionProfile) b = new_pg_profile ("B");
  g_autoptr(PfConnectionProfile) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found_a = NULL;
  g_autofree char *found_b = NULL;
  g_autofree char *found_copy = NULL;

  g_assert_true (pf_secrets_store_password_sync (a, "password-of-a", NULL, &error));
  g_assert_no_error (error);

  found_b = pf_secrets_lookup_password_sync (b, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found_b);

  g_assert_true (pf_secrets_store_password_sync (b, "password-of-b", NULL, &error));
  found_a = pf_secrets_lookup_password_sync (a, NULL, &error);
  g_clear_pointer (&found_b, g_free);
  found_b = pf_secrets_lookup_password_sync (b, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found_a, ==, "password-of-a");
  g_assert_cmpstr (found_b, ==, "password-of-b");

  /* A duplicate has its own id, so no password until one is stored */
  copy = pf_connection_profile_duplicate (a, "A copy");
  g_assert_cmpstr (pf_connection_profile_get_id (copy), !=, pf_connection_profile_get_id (a));
  found_copy = pf_secrets_lookup_password_sync (copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found_copy);

  /* Clearing one leaves the other */
  g_assert_true (pf_secrets_clear_password_sync (a, NULL, &error));
  g_clear_pointer (&found_a, g_free);
  g_clear_pointer (&found_b, g_free);
  found_a = pf_secrets_lookup_password_sync (a, NULL, &error);
  found_b = pf_secrets_lookup_password_sync (b, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found_a);
  g_assert_cmpstr (found_b, ==, "password-of-b");

  g_assert_true (pf_secrets_clear_password_sync (b, NULL, &error));
}

static void
store_result_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
test_async (void)
{
  g_autoptr(PfConnectionProfile) profile = new_pg_profile ("Async");
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) looked_up = NULL;
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GAsyncResult) looked_up_again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *gone = NULL;

  pf_secrets_store_password_async (profile, "async-pw", NULL, store_result_cb, &stored);
  g_assert_true (pf_secrets_store_password_finish (wait_for (&stored), &error));
  g_assert_no_error (error);

  pf_secrets_lookup_password_async (profile, NULL, store_result_cb, &looked_up);
  found = pf_secrets_lookup_password_finish (wait_for (&looked_up), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "async-pw");

  pf_secrets_clear_password_async (profile, NULL, store_result_cb, &cleared);
  g_assert_true (pf_secrets_clear_password_finish (wait_for (&cleared), &error));
  g_assert_no_error (error);

  pf_secrets_lookup_password_async (profile, NULL, store_result_cb, &looked_up_again);
  gone = pf_secrets_lookup_password_finish (wait_for (&looked_up_again), &error);
  g_assert_no_error (error);
  g_assert_null (gone);
}

/* The promise: "remember" puts the password in the keyring and in
 * no file under the config dir */
static void
test_nothing_on_disk (void)
{
  const char *password = "n0t-1n-any-f1le-7f3a";
  g_autoptr(PfProfileStore) store = pf_profile_store_new (NULL);
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autoptr(PfProfileStore) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url_password = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *from_tool = NULL;
  g_autofree char *found = NULL;
  PfConnectionProfile *again;
  guint n_files = 0;

  /* The way people paste it: in a DATABASE_URL */
  profile = pf_connection_profile_new_from_target ("postgresql://rota_app:n0t-1n-any-f1le-7f3a@db.example.org:5433/rota"
                                                   "?sslmode=verify-full&sslrootcert=/etc/ssl/root.crt",
                                                   &url_password, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url_password, ==, password);
  pf_connection_profile_set_name (profile, "Rota production");
  pf_connection_profile_set_environment (profile, PF_ENVIRONMENT_PRODUCTION);
  pf_connection_profile_set_remember_password (profile, TRUE);

  g_assert_true (pf_secrets_store_password_sync (profile, url_password, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (pf_profile_store_get_path (store), g_get_user_config_dir ()));
  pf_profile_store_add (store, profile);
  g_assert_true (pf_profile_store_save (store, &error));
  g_assert_no_error (error);

  /* The walk read the saved file, so finding nothing means something */
  g_assert_true (g_file_get_contents (pf_profile_store_get_path (store), &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, pf_connection_profile_get_id (profile)));
  g_assert_nonnull (strstr (contents, "\"remember_password\" : true"));
  g_assert_cmpuint (pf_test_count_files_containing (g_get_user_config_dir (), password, &n_files), ==, 0);
  g_assert_cmpuint (n_files, >=, 1);
  g_assert_cmpuint (pf_test_count_files_containing (g_get_user_data_dir (), password, NULL), ==, 0);
  g_assert_cmpuint (pf_test_count_files_containing (g_get_user_cache_dir (), password, NULL), ==, 0);

  /* The keyring holds it, as the keyring's own tool tells */
  from_tool = pf_test_keyring_secret_tool_lookup (keyring, pf_connection_profile_get_id (profile));
  g_assert_cmpstr (from_tool, ==, password);

  /* And a fresh load finds it again through the id */
  reloaded = pf_profile_store_new (NULL);
  g_assert_true (pf_profile_store_load (reloaded, NULL, &error));
  g_assert_no_error (error);
  again = pf_profile_store_find_by_name (reloaded, "Rota production");
  g_assert_nonnull (again);
  g_assert_true (pf_connection_profile_get_remember_password (again));
  found = pf_secrets_lookup_password_sync (again, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, password);

  g_assert_true (pf_secrets_clear_password_sync (again, NULL, &error));
  g_clear_pointer (&from_tool, g_free);
  from_tool = pf_test_keyring_secret_tool_lookup (keyring, pf_connection_profile_get_id (profile));
  g_assert_null (from_tool);
}

/* Runs in a subprocess, whose session bus is a socket nobody listens on */
static void
test_unavailable (void)
{
  if (g_test_subprocess ())
    {
      const char *password = "w0uld-be-l0st-91c2";
      g_autofree char *nowhere = g_build_filename (g_get_tmp_dir (), "pf-no-such-bus", NULL);
      g_autofree char *address = g_strconcat ("unix:path=", nowhere, NULL);
      g_autoptr(PfConnectionProfile) profile = new_pg_profile ("No keyring");
      g_autoptr(GError) error = NULL;
      g_autofree char *found = NULL;
      gint64 start;

      g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);

      start = g_get_monotonic_time ();
      g_assert_false (pf_secrets_store_password_sync (profile, password, NULL, &error));
      g_assert_error (error, PF_SECRETS_ERROR, PF_SECRETS_ERROR_UNAVAILABLE);
      g_assert_cmpstr (error->message, ==, UNAVAILABLE_MESSAGE);
      g_clear_error (&error);
      /* It says so at once rather than after a D-Bus timeout */
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

      found = pf_secrets_lookup_password_sync (profile, NULL, &error);
      g_assert_error (error, PF_SECRETS_ERROR, PF_SECRETS_ERROR_UNAVAILABLE);
      g_assert_null (found);
      g_clear_error (&error);

      g_assert_false (pf_secrets_clear_password_sync (profile, NULL, &error));
      g_assert_error (error, PF_SECRETS_ERROR, PF_SECRETS_ERROR_UNAVAILABLE);

      /* No fallback to a file anywhere */
      g_assert_cmpuint (pf_test_count_files_containing (g_get_user_config_dir (), password, NULL), ==, 0);
      g_assert_cmpuint (pf_test_count_files_containing (g_get_user_data_dir (), password, NULL), ==, 0);
      g_assert_cmpuint (pf_test_count_files_containing (g_get_home_dir (), password, NULL), ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Never hang: SIGALRM ends the test, and the daemons die with it */
  alarm (100);

  if (!g_test_subprocess ())
    {
      keyring = pf_test_keyring_start (&error);
      g_assert_no_error (error);
    }

  g_test_add_func ("/secrets/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/secrets/profiles-apart", test_profiles_apart);
  g_test_add_func ("/secrets/async", test_async);
  g_test_add_func ("/secrets/nothing-on-disk", test_nothing_on_disk);
  g_test_add_func ("/secrets/unavailable", test_unavailable);

  ret = g_test_run ();

  /* libsecret keeps one connection to the service for the whole process */
  secret_service_disconnect ();
  pf_test_keyring_stop (keyring);

  return ret;
}
