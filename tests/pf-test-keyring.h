/* pf-test-keyring.h — a real Secret Service for tests: a private D-Bus
 * session bus with gnome-keyring-daemon on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   keyring = pf_test_keyring_start (&error);   // before anything uses the bus
 *   g_assert_no_error (error);
 *   … libsecret, or preflight-cli run as a subprocess, now talks to it …
 *   pf_test_keyring_stop (keyring);
 *
 * Start makes a temporary directory, runs `dbus-daemon --session` on a
 * socket inside it and `gnome-keyring-daemon --foreground --unlock
 * --components=secrets` on that bus (HOME, XDG_DATA_HOME and
 * XDG_RUNTIME_DIR inside the directory, so the login keyring it creates is
 * private), waits until the default collection is there, and points this
 * process's DBUS_SESSION_BUS_ADDRESS at the bus. Both daemons get SIGTERM
 * when the test process dies (PR_SET_PDEATHSIG), so a crash or a timeout
 * cannot leave them behind; stop (also run at exit) kills them and removes
 * the directory. Missing binaries are an error, not a skip.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PfTestKeyring PfTestKeyring;

PfTestKeyring *pf_test_keyring_start            (GError        **error);
/* NULL is allowed; safe to call twice */
void           pf_test_keyring_stop             (PfTestKeyring  *self);
const char    *pf_test_keyring_get_bus_address  (PfTestKeyring  *self);
/* The directory holding the keyring files (not the test's config dir) */
const char    *pf_test_keyring_get_dir          (PfTestKeyring  *self);
/* `secret-tool lookup connection-id @id`: what the keyring itself says,
 * or NULL when it holds nothing */
char          *pf_test_keyring_secret_tool_lookup (PfTestKeyring *self,
                                                   const char    *id);

/* Reads every regular file under @dir (recursively): returns how many
 * contain @needle, and in @n_files how many were read. For "the password
 * is nowhere on disk". */
guint          pf_test_count_files_containing   (const char    *dir,
                                                 const char    *needle,
                                                 guint         *n_files);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfTestKeyring, pf_test_keyring_stop)

G_END_DECLS
