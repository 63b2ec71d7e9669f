/* pf-migration-history.h — what a database says was applied, per framework
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pf-database.h"
#include "pf-migration-problem.h"

G_BEGIN_DECLS

typedef enum {
  PF_MIGRATION_FRAMEWORK_DJANGO,          /* django_migrations */
  PF_MIGRATION_FRAMEWORK_FLYWAY,          /* flyway_schema_history */
  PF_MIGRATION_FRAMEWORK_LIQUIBASE,       /* databasechangelog (+ databasechangeloglock) */
  PF_MIGRATION_FRAMEWORK_ALEMBIC,         /* alembic_version */
  PF_MIGRATION_FRAMEWORK_RAILS,           /* schema_migrations + ar_internal_metadata */
  PF_MIGRATION_FRAMEWORK_PRISMA,          /* _prisma_migrations */
  PF_MIGRATION_FRAMEWORK_GOLANG_MIGRATE,  /* schema_migrations (version, dirty) */
  PF_MIGRATION_FRAMEWORK_KNEX,            /* knex_migrations (+ knex_migrations_lock) */
  PF_MIGRATION_FRAMEWORK_SEQUELIZE,       /* SequelizeMeta */
} PfMigrationFramework;

GType       pf_migration_framework_get_type  (void) G_GNUC_CONST;
#define PF_TYPE_MIGRATION_FRAMEWORK (pf_migration_framework_get_type ())
/* "django", "flyway", "liquibase", "alembic", "rails", "prisma",
 * "golang-migrate", "knex", "sequelize" */
const char *pf_migration_framework_to_string (PfMigrationFramework framework);
/* "Django", "Flyway", … for people */
const char *pf_migration_framework_get_display_name (PfMigrationFramework framework);

typedef enum {
  PF_MIGRATION_STATE_APPLIED,
  PF_MIGRATION_STATE_FAILED,       /* Flyway success = false, Liquibase EXECTYPE FAILED */
  PF_MIGRATION_STATE_DIRTY,        /* golang-migrate dirty = true */
  PF_MIGRATION_STATE_UNFINISHED,   /* Prisma started, never finished */
  PF_MIGRATION_STATE_ROLLED_BACK,  /* Prisma rolled_back_at */
  PF_MIGRATION_STATE_SKIPPED,      /* Liquibase MARK_RAN / SKIPPED, Flyway baseline… */
} PfMigrationState;

GType       pf_migration_state_get_type  (void) G_GNUC_CONST;
#define PF_TYPE_MIGRATION_STATE (pf_migration_state_get_type ())
/* "applied", "failed", "dirty", "unfinished", "rolled-back", "skipped" */
const char *pf_migration_state_to_string (PfMigrationState state);

/* One row of a history table */
typedef struct
{
  char             *app;          /* Django app label; NULL for other frameworks */
  char             *name;         /* Django name, or the framework's version/description */
  GDateTime        *applied_at;   /* UTC; NULL when the table does not record it */
  PfMigrationState  state;
  char             *detail;       /* framework-specific words ("checksum …", "batch 3") or NULL */
} PfMigrationRecord;

void pf_migration_record_free (PfMigrationRecord *record);

/* Records applied within a few minutes of each other (at most
 * PF_DEPLOYMENT_GAP_SECONDS apart) form one deployment. */
#define PF_DEPLOYMENT_GAP_SECONDS (5 * 60)

typedef struct
{
  guint      first;            /* index into the history's records */
  guint      n_records;
  GDateTime *started_at;
  GDateTime *finished_at;
  /* Many migrations (≥ PF_FAKE_BATCH_MIN) recorded within the same second:
   * probably `migrate --fake`; cross-checked with drift by the analysis */
  gboolean   probably_faked;
} PfDeployment;

#define PF_FAKE_BATCH_MIN 5
/* …and recorded faster than a real migration runs: the typical gap between
 * two of those records is at most this. A real `migrate` of a fresh Django
 * project on SQLite records about one migration per 10–20 ms, `--fake` one
 * per 1–2 ms. Timestamps without fractions of a second only count. */
#define PF_FAKE_BATCH_MAX_GAP_USEC (5 * 1000)

void pf_deployment_free (PfDeployment *deployment);

/* Problem kinds only the history reports (besides those in
 * pf-migration-problem.h) */
#define PF_MIGRATION_PROBLEM_ROLLED_BACK_MIGRATION "rolled-back-migration"
#define PF_MIGRATION_PROBLEM_ENVIRONMENT          "environment"

#define PF_TYPE_MIGRATION_HISTORY (pf_migration_history_get_type ())
G_DECLARE_FINAL_TYPE (PfMigrationHistory, pf_migration_history, PF, MIGRATION_HISTORY, GObject)

/* Detects every framework's history table in @schema and reads them through
 * @connection (an open database, used from the calling thread only).
 * Returns PfMigrationHistory items, Django first; an empty array when none
 * is present. Blocking. */
GPtrArray           *pf_migration_history_load_all    (PfDatabase    *connection,
                                                       PfSchema      *schema,
                                                       GCancellable  *cancellable,
                                                       GError       **error);

PfMigrationFramework pf_migration_history_get_framework (PfMigrationHistory *self);
/* The table it was read from ("django_migrations", "public.flyway_schema_history") */
const char          *pf_migration_history_get_table     (PfMigrationHistory *self);
/* Element type PfMigrationRecord, in the order they were applied */
GPtrArray           *pf_migration_history_get_records   (PfMigrationHistory *self);
/* Element type PfDeployment, oldest first */
GPtrArray           *pf_migration_history_get_deployments (PfMigrationHistory *self);
/* Element type PfMigrationProblem: failed-migration, dirty-migration,
 * unfinished-migration, lock-held, multiple-heads, probably-faked,
 * rolled-back-migration, environment */
GPtrArray           *pf_migration_history_get_problems  (PfMigrationHistory *self);
/* Django: whether (app, name) is recorded as applied */
gboolean             pf_migration_history_contains      (PfMigrationHistory *self,
                                                         const char         *app,
                                                         const char         *name);

G_END_DECLS
