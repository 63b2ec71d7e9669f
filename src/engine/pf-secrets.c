/* pf-secrets.c — connection passwords in the Secret Service (libsecret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-secrets"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "pf-secrets.h"

G_DEFINE_QUARK (pf-secrets-error-quark, pf_secrets_error)

#define ATTRIBUTE_ID "connection-id"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    .name = "io.github.preflightdb.Preflight.Password",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { ATTRIBUTE_ID, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* No session bus, or nobody on it provides org.freedesktop.secrets */
static gboolean
is_unavailable (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    return TRUE;

  if (error->domain == G_IO_ERROR)
    switch (error->code)
      {
      case G_IO_ERROR_NOT_FOUND:
      case G_IO_ERROR_TIMED_OUT:
      case G_IO_ERROR_CONNECTION_REFUSED:
      case G_IO_ERROR_CLOSED:
      case G_IO_ERROR_BROKEN_PIPE:
      case G_IO_ERROR_NOT_SUPPORTED:
      case G_IO_ERROR_INVALID_ARGUMENT:  /* a malformed bus address */
      case G_IO_ERROR_NOT_CONNECTED:
      case G_IO_ERROR_DBUS_ERROR:
      case G_IO_ERROR_FAILED:            /* "Cannot autolaunch D-Bus without X11 $DISPLAY" */
        return TRUE;
      default:
        return FALSE;
      }

  return FALSE;
}

/* Turns libsecret's and GDBus's errors into ours; @error is consumed */
static void
propagate_error (GError **dest,
                 GError  *error)
{
  g_autoptr(GError) owned = error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (dest, g_steal_pointer (&owned));
      return;
    }

  g_debug ("Secret Service error: %s", error->message);

  if (is_unavailable (error))
    g_set_error_literal (dest, PF_SECRETS_ERROR, PF_SECRETS_ERROR_UNAVAILABLE,
                         _("Passwords cannot be remembered because no keyring (Secret Service) "
                           "is running; Preflight will ask for the password each time it connects."));
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    g_set_error_literal (dest, PF_SECRETS_ERROR, PF_SECRETS_ERROR_FAILED,
                         _("The keyring is locked: unlock it to let Preflight use the password."));
  else
    /* TRANSLATORS: %s is the keyring's own explanation, often in English */
    g_set_error (dest, PF_SECRETS_ERROR, PF_SECRETS_ERROR_FAILED,
                 _("The keyring could not be used: %s"), error->message);
}

static char *
dup_label (PfConnectionProfile *profile)
{
  /* TRANSLATORS: how the password appears in Passwords and Keys (Seahorse);
   * %s is the connection's name */
  return g_strdup_printf (_("Preflight: %s"), pf_connection_profile_get_name (profile));
}

/* ----------------------------------------------------------- sync -- */

gboolean
pf_secrets_store_password_sync (PfConnectionProfile  *profile,
                                const char           *password,
                                GCancellable         *cancellable,
                                GError              **error)
{
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (profile), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  label = dup_label (profile);
  if (!secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                   cancellable, &local_error,
                                   ATTRIBUTE_ID, pf_connection_profile_get_id (profile),
                                   NULL))
    {
      propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

char *
pf_secrets_lookup_password_sync (PfConnectionProfile  *profile,
                                 GCancellable         *cancellable,
                                 GError              **error)
{
  GError *local_error = NULL;
  char *secret;
  char *password;

  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (profile), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  secret = secret_password_lookup_sync (get_schema (), cancellable, &local_error,
                                        ATTRIBUTE_ID, pf_connection_profile_get_id (profile),
                                        NULL);
  if (local_error != NULL)
    {
      propagate_error (error, local_error);
      return NULL;
    }

  /* Out of libsecret's non-pageable memory, into ours: callers free with
   * g_free () and clear it themselves */
  password = g_strdup (secret);
  secret_password_free (secret);

  return password;
}

gboolean
pf_secrets_clear_password_sync (PfConnectionProfile  *profile,
                                GCancellable         *cancellable,
                                GError              **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (profile), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* FALSE without error: there was nothing to clear */
  secret_password_clear_sync (get_schema (), cancellable, &local_error,
                              ATTRIBUTE_ID, pf_connection_profile_get_id (profile),
                              NULL);
  if (local_error != NULL)
    {
      propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* ---------------------------------------------------------- async -- */

static void
store_cb (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      GError *ours = NULL;

      propagate_error (&ours, error);
      g_task_return_error (task, ours);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
pf_secrets_store_password_async (PfConnectionProfile *profile,
                                 const char          *password,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (PF_IS_CONNECTION_PROFILE (profile));
  g_return_if_fail (password != NULL);

  task = g_task_new (profile, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_secrets_store_password_async);

  label = dup_label (profile);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, store_cb, g_steal_pointer (&task),
                         ATTRIBUTE_ID, pf_connection_profile_get_id (profile),
                         NULL);
}

gboolean
pf_secrets_store_password_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pf_secrets_store_password_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_password (gpointer data)
{
  char *password = data;

  if (password != NULL)
    {
      memset (password, 0, strlen (password));
      g_free (password);
    }
}

static void
lookup_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      GError *ours = NULL;

      propagate_error (&ours, error);
      g_task_return_error (task, ours);
      return;
    }

  g_task_return_pointer (task, g_strdup (secret), clear_password);
  secret_password_free (secret);
}

void
pf_secrets_lookup_password_async (PfConnectionProfile *profile,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PF_IS_CONNECTION_PROFILE (profile));

  task = g_task_new (profile, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_secrets_lookup_password_async);

  secret_password_lookup (get_schema (), cancellable, lookup_cb, g_steal_pointer (&task),
                          ATTRIBUTE_ID, pf_connection_profile_get_id (profile),
                          NULL);
}

char *
pf_secrets_lookup_password_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pf_secrets_lookup_password_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      GError *ours = NULL;

      propagate_error (&ours, error);
      g_task_return_error (task, ours);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
pf_secrets_clear_password_async (PfConnectionProfile *profile,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PF_IS_CONNECTION_PROFILE (profile));

  task = g_task_new (profile, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_secrets_clear_password_async);

  secret_password_clear (get_schema (), cancellable, clear_cb, g_steal_pointer (&task),
                         ATTRIBUTE_ID, pf_connection_profile_get_id (profile),
                         NULL);
}

gboolean
pf_secrets_clear_password_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pf_secrets_clear_password_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
