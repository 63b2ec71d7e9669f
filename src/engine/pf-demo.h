/* pf-demo.h — the bundled staff-rota demo database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Makes sure $XDG_CACHE_HOME/preflight/demo.sqlite3 exists and matches the
 * bundled SQL (rebuilding it when the bundled version changed) and returns
 * its path. Blocking; call from a worker thread or the CLI. */
char    *pf_demo_ensure        (GCancellable         *cancellable,
                                GError              **error);
void     pf_demo_ensure_async  (GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
char    *pf_demo_ensure_finish (GAsyncResult         *result,
                                GError              **error);

/* Makes sure the bundled Django project that goes with the demo database
 * exists as $XDG_CACHE_HOME/preflight/demo-project (rewriting files that
 * differ from the bundled ones, removing ones no longer bundled) and
 * returns its path. Blocking; call from a worker thread or the CLI. */
char    *pf_demo_ensure_project (GCancellable        *cancellable,
                                 GError             **error);
/* $XDG_CACHE_HOME/preflight/demo-project (may not exist yet) */
char    *pf_demo_get_project_path (void);

/* Where the demo lives: $XDG_CACHE_HOME/preflight/demo.sqlite3 (may not
 * exist yet). */
char    *pf_demo_get_path            (void);
/* The PRAGMA user_version stamped into a demo built from this binary's SQL
 * (the first 31 bits of its SHA-256); 0 if the SQL is missing. */
gint32   pf_demo_get_bundled_version (void);

G_END_DECLS
