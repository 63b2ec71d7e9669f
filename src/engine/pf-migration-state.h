/* pf-migration-state.h — the tables and columns a sequence of migrations creates
 *
 * Replays operations the way Django's ProjectState + schema editor would name
 * things: default table "<app>_<model lowercase>", db_table, db_column, FK
 * columns "<field>_id", M2M join tables "<table>_<field>", multi-table
 * inheritance "<parent>_ptr_id", no table for proxy and unmanaged models,
 * the swappable user model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-migration.h"

G_BEGIN_DECLS

/* An expected column and the migration that made it */
typedef struct
{
  char     *name;
  char     *field_type;     /* "CharField", "ForeignKey", … */
  gboolean  null;           /* null=True */
  gboolean  has_default;
  gboolean  unique;
  char     *references;     /* FK/O2O: the referenced table, or NULL */
  char     *created_by;     /* "app.migration" */
} PfExpectedColumn;

typedef struct
{
  char       *name;         /* the database table */
  char       *app;
  char       *model;        /* model name as written; NULL for M2M join tables */
  GPtrArray  *columns;      /* PfExpectedColumn, in order */
  char       *created_by;   /* "app.migration" */
} PfExpectedTable;

#define PF_TYPE_MIGRATION_STATE_REPLAY (pf_migration_state_replay_get_type ())
G_DECLARE_FINAL_TYPE (PfMigrationStateReplay, pf_migration_state_replay, PF, MIGRATION_STATE_REPLAY, GObject)

PfMigrationStateReplay *pf_migration_state_replay_new    (const char             *auth_user_model);
/* Applies every operation of @migration; for SeparateDatabaseAndState the
 * database_operations shape the schema, as in Django's schema editor */
void                    pf_migration_state_replay_apply  (PfMigrationStateReplay *self,
                                                          PfMigration            *migration);
/* Element type PfExpectedTable, sorted by name */
GPtrArray              *pf_migration_state_replay_dup_tables (PfMigrationStateReplay *self);
PfExpectedTable        *pf_migration_state_replay_lookup_table (PfMigrationStateReplay *self,
                                                          const char             *table);
/* The table of model @model of @app, or NULL (unknown, proxy, unmanaged) */
const char             *pf_migration_state_replay_get_model_table (PfMigrationStateReplay *self,
                                                          const char             *app,
                                                          const char             *model);
/* Index names that RunSQL operations create (CREATE [UNIQUE] INDEX name) */
GStrv                   pf_migration_state_replay_dup_runsql_indexes (PfMigrationStateReplay *self);
/* The migration ("app.name") whose RunSQL created @index, or NULL */
const char             *pf_migration_state_replay_get_runsql_index_origin (PfMigrationStateReplay *self,
                                                          const char             *index);
/* Every table a model of the state maps to, with or without a table of its
 * own in the database (unmanaged and proxy models included), and their
 * auto-created M2M join tables */
GStrv                   pf_migration_state_replay_dup_known_tables (PfMigrationStateReplay *self);

void              pf_expected_column_free  (PfExpectedColumn       *column);
PfExpectedColumn *pf_expected_column_copy  (const PfExpectedColumn *column);
void              pf_expected_table_free   (PfExpectedTable        *table);
PfExpectedTable  *pf_expected_table_copy   (const PfExpectedTable  *table);
/* Exact match */
PfExpectedColumn *pf_expected_table_lookup_column (PfExpectedTable *table,
                                                   const char      *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfExpectedTable, pf_expected_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfExpectedColumn, pf_expected_column_free)

G_END_DECLS
