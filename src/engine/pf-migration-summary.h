/* pf-migration-summary.h — what a migration does, in one plain sentence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-migration.h"

G_BEGIN_DECLS

/* One sentence a manager understands: "Adds the column is_overtime to
 * shifts", "Creates the table for staff certifications", "Runs custom
 * Python code — cannot be undone automatically". Model names are made
 * readable (StaffCertification → "staff certifications"); an operation
 * Preflight does not know gives "Runs the operation Foo". */
char *pf_migration_operation_dup_summary   (PfMigrationOperation *operation);

/* The operation as a DBA reads it: its class and its simple arguments,
 * e.g. "migrations.AddField(model_name='shift', name='is_overtime')" */
char *pf_migration_operation_dup_technical (PfMigrationOperation *operation);

/* One line for the whole migration: its only operation's summary, the
 * first one and how many more, or "Changes nothing in the database" */
char *pf_migration_dup_summary             (PfMigration          *migration);

/* RunSQL's SQL as written (@argument "sql" or "reverse_sql"): a list of
 * statements joined by blank lines; NULL when absent or not text */
char *pf_migration_operation_dup_sql       (PfMigrationOperation *operation,
                                            const char           *argument);

G_END_DECLS
