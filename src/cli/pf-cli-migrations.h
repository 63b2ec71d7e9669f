/* pf-cli-migrations.h — preflight-cli migrations: what is applied, what will run, what will go wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-cli-common.h"
#include "pf-migration-analysis.h"

G_BEGIN_DECLS

extern const PfCliCommand pf_cli_migrations_command;

/* Runs the analysis on @database (open) with @schema, for `check` too.
 * With @use_demo and no @project_dir, the bundled demo project is used.
 * Waits on the default main context so Ctrl+C can cancel. */
PfMigrationAnalysis *pf_cli_run_migration_analysis (PfDatabase    *database,
                                                    PfSchema      *schema,
                                                    const char    *project_dir,
                                                    const char    *settings_path,
                                                    gboolean       use_demo,
                                                    PfReport      *integrity,
                                                    GCancellable  *cancellable,
                                                    GError       **error);

G_END_DECLS
