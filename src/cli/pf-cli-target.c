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
  return _("TARGET is a URL (postgresql://user@host:5432/dbname, postgres://…, "
           "sqlite:///absolute/path.db) or the path of a SQLite file; --demo uses "
           "the bundled demo database. A password may be given in the URL or in "
           "PGPASSWORD.");
}

PfDatabase *
pf_cli_open_target (const char    *target,
                    gboolean       use_demo,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *demo_path = NULL;
  g_autofree char *password = NULL;
  gboolean opened;

  g_return_val_if_fail (target != NULL || use_demo, NULL);

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

  return opened ? g_steal_pointer (&database) : NULL;
}
