/* pf-secrets.h — connection passwords in the Secret Service (libsecret)
 *
 * Passwords are stored under the schema "io.github.preflightdb.Preflight.Password"
 * with the attribute "connection-id" = the profile's id, labelled
 * "Preflight: <connection name>". They are never written anywhere else:
 * when no Secret Service answers, storing fails with
 * PF_SECRETS_ERROR_UNAVAILABLE and the caller asks for the password each
 * time instead. libpq's own ~/.pgpass, PGSERVICEFILE and PGPASSWORD keep
 * working for connections that store nothing here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pf-connection-profile.h"

G_BEGIN_DECLS

#define PF_SECRETS_ERROR (pf_secrets_error_quark ())

typedef enum {
  PF_SECRETS_ERROR_FAILED,
  /* No Secret Service on the session bus (or no session bus): the message
   * says so and that the password will be asked for each time. */
  PF_SECRETS_ERROR_UNAVAILABLE,
} PfSecretsError;

GQuark pf_secrets_error_quark (void);

/* Blocking versions, for the CLI and worker threads */
gboolean  pf_secrets_store_password_sync   (PfConnectionProfile  *profile,
                                            const char           *password,
                                            GCancellable         *cancellable,
                                            GError              **error);
/* NULL without error when nothing is stored for @profile */
char     *pf_secrets_lookup_password_sync  (PfConnectionProfile  *profile,
                                            GCancellable         *cancellable,
                                            GError              **error);
/* TRUE also when there was nothing to clear */
gboolean  pf_secrets_clear_password_sync   (PfConnectionProfile  *profile,
                                            GCancellable         *cancellable,
                                            GError              **error);

/* The same off the main thread, for the app */
void      pf_secrets_store_password_async  (PfConnectionProfile  *profile,
                                            const char           *password,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  pf_secrets_store_password_finish (GAsyncResult         *result,
                                            GError              **error);
void      pf_secrets_lookup_password_async (PfConnectionProfile  *profile,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
char     *pf_secrets_lookup_password_finish (GAsyncResult        *result,
                                             GError             **error);
void      pf_secrets_clear_password_async  (PfConnectionProfile  *profile,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  pf_secrets_clear_password_finish (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
