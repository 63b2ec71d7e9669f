/* pf-cli-target.c — turning a command line TARGET into an open database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "preflight-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pf-cli-common.h"
#include "pf-cli-target.h"

const char *
pf_cli_target_help (void)
{
  return _("TARGET is the name of a saved connection (see “preflight-cli connections”), "
           "a URL (postgresql://user@host:5432/dbname, postgres://…, "
           "sqlite:///absolute/path.db) or the path of a SQLite file; --demo uses "
           "the bundled demo database. A password may be given in the URL, in "
           "PGPASSWORD or ~/.pgpass, or remembered in the keyring with a saved connection.");
}

/* The saved connection called @name, or NULL. A store that cannot be read
 * is no reason to refuse a URL or a path, so its problems are only said. */
static PfConnectionProfile *
find_saved (const char *name)
{
  g_autoptr(PfProfileStore) store = pf_profile_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_to = NULL;
  PfConnectionProfile *profile;

  if (!g_file_test (pf_profile_store_get_path (store), G_FILE_TEST_EXISTS))
    return NULL;

  if (!pf_profile_store_load (store, &moved_to, &error))
    {
      pf_cli_printerr ("%s", error->message);
      return NULL;
    }
  if (moved_to != NULL)
    {
      g_autofree char *display = g_filename_display_name (moved_to);

      pf_cli_printerr (_("The saved connections could not be read, so the file was moved "
                         "aside to “%s” and Preflight starts with none."), display);
    }

  profile = pf_profile_store_find_by_name (store, name);

  return profile ? g_object_ref (profile) : NULL;
}

/* The remembered password, or NULL: without a keyring libpq may still find
 * one in ~/.pgpass or PGPASSWORD */
static char *
lookup_password (PfConnectionProfile *profile,
                 GCancellable        *cancellable)
{
  g_autoptr(GError) error = NULL;
  char *password;

  if (!pf_connection_profile_get_remember_password (profile))
    return NULL;

  password = pf_secrets_lookup_password_sync (profile, cancellable, &error);
  if (error != NULL)
    g_debug ("No password from the keyring: %s", error->message);

  return password;
}

PfDatabase *
pf_cli_open_target (const char    *target,
                    gboolean       use_demo,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return pf_cli_open_target_full (target, use_demo, NULL, cancellable, error);
}

PfDatabase *
pf_cli_open_target_full (const char           *target,
                         gboolean              use_demo,
                         PfConnectionProfile **out_saved,
                         GCancellable         *cancellable,
                         GError              **error)
{
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *demo_path = NULL;
  g_autofree char *password = NULL;
  gboolean saved = FALSE;
  gboolean opened;

  g_return_val_if_fail (target != NULL || use_demo, NULL);

  if (out_saved != NULL)
    *out_saved = NULL;

  if (!use_demo && (profile = find_saved (target)) != NULL)
    {
      saved = TRUE;
      password = lookup_password (profile, cancellable);
    }

  if (use_demo)
    {
      pf_demo_ensure_async (cancellable, pf_cli_store_result_cb, &result);
      pf_cli_wait (&result);
      demo_path = pf_demo_ensure_finish (result, error);
      if (demo_path == NULL)
        return NULL;
      g_clear_object (&result);
      target = demo_path;
    }

  if (profile == NULL)
    profile = pf_connection_profile_new_from_target (target, &password, error);
  if (profile == NULL)
    return NULL;

  database = pf_database_new_for_profile (profile, password);

  /* Do not keep a password from the URL around longer than needed. */
  if (password != NULL)
    memset (password, 0, strlen (password));

  pf_database_open_async (database, cancellable, pf_cli_store_result_cb, &result);
  pf_cli_wait (&result);
  opened = pf_database_open_finish (database, result, error);
  if (!opened)
    return NULL;

  if (saved && out_saved != NULL)
    *out_saved = g_steal_pointer (&profile);

  return g_steal_pointer (&database);
}
