/* pf-migration-source.h — the Django migrations a project folder holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pf-migration.h"
#include "pf-migration-problem.h"

G_BEGIN_DECLS

#define PF_TYPE_MIGRATION_SOURCE (pf_migration_source_get_type ())
G_DECLARE_FINAL_TYPE (PfMigrationSource, pf_migration_source, PF, MIGRATION_SOURCE, GObject)

/* Reads every <app>/migrations/NNNN_*.py below @project_dir (the app label
 * is the folder name; nested apps are found at any depth, skipping hidden
 * folders, virtualenvs, node_modules and site-packages). @settings_path may
 * be NULL: then a settings.py below the project is looked for to learn
 * AUTH_USER_MODEL. Blocking: call from a worker thread or the CLI.
 * Unparsable files, duplicate numbers and missing __init__.py become
 * problems, not errors; an error only when @project_dir cannot be read or
 * holds no migrations folder at all (PF_MIGRATION_ERROR_NO_PROJECT). */
PfMigrationSource *pf_migration_source_load        (const char    *project_dir,
                                                    const char    *settings_path,
                                                    GCancellable  *cancellable,
                                                    GError       **error);
void               pf_migration_source_load_async  (const char    *project_dir,
                                                    const char    *settings_path,
                                                    GCancellable  *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer       user_data);
PfMigrationSource *pf_migration_source_load_finish (GAsyncResult  *result,
                                                    GError       **error);

const char  *pf_migration_source_get_project_dir    (PfMigrationSource *self);
/* "app.Model"; "auth.User" when the settings do not say */
const char  *pf_migration_source_get_auth_user_model (PfMigrationSource *self);
/* Element type PfMigration, sorted by app then name; only the migrations
 * Django's loader would load (an app without __init__.py in migrations/ is
 * left out, as Django leaves it out, and reported as missing-init) */
GPtrArray   *pf_migration_source_get_migrations     (PfMigrationSource *self);
PfMigration *pf_migration_source_lookup             (PfMigrationSource *self,
                                                     const char        *app,
                                                     const char        *name);
/* App labels with a migrations folder, loaded or not, sorted */
GStrv        pf_migration_source_dup_apps           (PfMigrationSource *self);
/* Element type PfMigrationProblem: duplicate-number, missing-init,
 * unparsable-file */
GPtrArray   *pf_migration_source_get_problems       (PfMigrationSource *self);

G_END_DECLS
