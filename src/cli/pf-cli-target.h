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

G_END_DECLS
