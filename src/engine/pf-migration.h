/* pf-migration.h — one Django migration file as the project has it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A reference to a migration: ("scheduling", "0003_shift") or the loader's
 * specials ("auth", "__first__"), ("auth", "__latest__"). A swappable
 * dependency, migrations.swappable_dependency(settings.AUTH_USER_MODEL), is
 * kept as ("__swappable__", "AUTH_USER_MODEL") until
 * pf_migration_resolve_swappable() turns it into the user model's app with
 * name "__first__", as Django does. */
typedef struct
{
  char *app;
  char *name;
} PfMigrationKey;

PfMigrationKey *pf_migration_key_new  (const char     *app,
                                       const char     *name);
PfMigrationKey *pf_migration_key_copy (const PfMigrationKey *key);
void            pf_migration_key_free (PfMigrationKey *key);
/* "app.name" */
char           *pf_migration_key_to_string (const PfMigrationKey *key);
guint           pf_migration_key_hash  (gconstpointer   key);
gboolean        pf_migration_key_equal (gconstpointer   a,
                                        gconstpointer   b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfMigrationKey, pf_migration_key_free)

/* One operation: its class name as written without the module
 * ("CreateModel", "AddField", "RunSQL", "RunPython", "AddIndexConcurrently",
 * "SeparateDatabaseAndState", or any other name, kept as is) and its
 * arguments by keyword: positional arguments are mapped to Django's
 * parameter names for the known operations (CreateModel(name, fields,
 * options, bases, managers), AddField(model_name, name, field, …), …). */
typedef struct
{
  /*< private >*/
  gatomicrefcount  ref_count;
  /*< public >*/
  char            *kind;
  char            *module;     /* "migrations", "django.contrib.postgres.operations", … as written */
  guint            line;       /* 1-based line in the file */
  JsonObject      *arguments;  /* see pf-python-parser.h for the value encoding */
  /* SeparateDatabaseAndState: element type PfMigrationOperation */
  GPtrArray       *database_operations;
  GPtrArray       *state_operations;
} PfMigrationOperation;

#define PF_TYPE_MIGRATION_OPERATION (pf_migration_operation_get_type ())
GType                 pf_migration_operation_get_type (void) G_GNUC_CONST;
PfMigrationOperation *pf_migration_operation_ref   (PfMigrationOperation *operation);
void                  pf_migration_operation_unref (PfMigrationOperation *operation);
/* An argument as parsed (see pf-python-parser.h), or NULL when not given */
JsonNode             *pf_migration_operation_get_argument (PfMigrationOperation *operation,
                                                           const char           *argument);
/* A string argument, or NULL */
const char           *pf_migration_operation_get_string (PfMigrationOperation *operation,
                                                         const char           *argument);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfMigrationOperation, pf_migration_operation_unref)

#define PF_TYPE_MIGRATION (pf_migration_get_type ())
G_DECLARE_FINAL_TYPE (PfMigration, pf_migration, PF, MIGRATION, GObject)

/* Properties (read-only, for list views): "app", "name", "path", "number",
 * "initial", "n-operations". */

/* Parses @source (the file's text) into a migration of @app named @name
 * (the file's basename without .py). */
PfMigration *pf_migration_new_from_source  (const char  *app,
                                            const char  *name,
                                            const char  *path,
                                            const char  *source,
                                            gssize       length,
                                            GError     **error);
const char  *pf_migration_get_app          (PfMigration *self);
const char  *pf_migration_get_name         (PfMigration *self);
const PfMigrationKey *pf_migration_get_key (PfMigration *self);
const char  *pf_migration_get_path         (PfMigration *self);
/* SHA-256 (hex) of the file's text: what a review is of */
const char  *pf_migration_get_checksum     (PfMigration *self);
/* The leading digits of the name ("0002"), or NULL */
const char  *pf_migration_get_number       (PfMigration *self);
gboolean     pf_migration_get_initial      (PfMigration *self);
/* Element type PfMigrationKey */
GPtrArray   *pf_migration_get_dependencies (PfMigration *self);
GPtrArray   *pf_migration_get_replaces     (PfMigration *self);
GPtrArray   *pf_migration_get_run_before   (PfMigration *self);
/* Element type PfMigrationOperation */
GPtrArray   *pf_migration_get_operations   (PfMigration *self);
/* Resolves swappable dependencies given AUTH_USER_MODEL ("app.Model";
 * "auth.User" when the project does not set it) */
void         pf_migration_resolve_swappable (PfMigration *self,
                                             const char  *auth_user_model);

G_END_DECLS
