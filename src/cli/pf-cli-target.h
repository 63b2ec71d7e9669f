/* pf-cli-target.h — turning a command line TARGET into an open database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-engine.h"

G_BEGIN_DECLS

/* The TARGET help text every subcommand shows (translated) */
const char *pf_cli_target_help  (void);

/* Opens @target (a postgresql:// or postgres:// URL, a sqlite:/// URL or a
 * SQLite file path) or, with @use_demo, the bundled demo database, building
 * it first if needed. A password may come from the URL; libpq also reads
 * PGPASSWORD, ~/.pgpass and service files. Runs the default main context
 * while it waits, so Ctrl+C can cancel @cancellable. */
PfDatabase *pf_cli_open_target  (const char    *target,
                                 gboolean       use_demo,
                                 GCancellable  *cancellable,
                                 GError       **error);

/* The same, but @target is first looked up among the saved connections
 * (exact name): then its profile is used, with its password from the
 * keyring when it remembers one (no keyring: libpq may still find
 * ~/.pgpass), and @out_saved receives it so the caller can use its rules,
 * project folder and record the result. @out_saved is NULL for a URL, a
 * path or the demo. */
PfDatabase *pf_cli_open_target_full (const char           *target,
                                     gboolean              use_demo,
                                     PfConnectionProfile **out_saved,
                                     GCancellable         *cancellable,
                                     GError              **error);

G_END_DECLS
