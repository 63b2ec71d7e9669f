/* pf-migration-problem.h — something about the migrations that needs a person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pf-finding.h"

G_BEGIN_DECLS

/* Problem kinds (stable ids of preflight-report/1; never rename one) */
#define PF_MIGRATION_PROBLEM_CONFLICT             "conflict"
#define PF_MIGRATION_PROBLEM_DUPLICATE_NUMBER     "duplicate-number"
#define PF_MIGRATION_PROBLEM_MISSING_INIT         "missing-init"
#define PF_MIGRATION_PROBLEM_ORPHANED_RECORD      "orphaned-record"
#define PF_MIGRATION_PROBLEM_INCONSISTENT_HISTORY "inconsistent-history"
#define PF_MIGRATION_PROBLEM_MISSING_TABLE        "missing-table"
#define PF_MIGRATION_PROBLEM_MISSING_COLUMN       "missing-column"
#define PF_MIGRATION_PROBLEM_UNEXPECTED_TABLE     "unexpected-table"
#define PF_MIGRATION_PROBLEM_UNEXPECTED_COLUMN    "unexpected-column"
#define PF_MIGRATION_PROBLEM_MISSING_INDEX        "missing-index"
#define PF_MIGRATION_PROBLEM_UNPARSABLE_FILE      "unparsable-file"
#define PF_MIGRATION_PROBLEM_WILL_FAIL            "will-fail"
#define PF_MIGRATION_PROBLEM_RISKY_OPERATION      "risky-operation"
#define PF_MIGRATION_PROBLEM_PROBABLY_FAKED       "probably-faked"
/* Other frameworks' history states */
#define PF_MIGRATION_PROBLEM_FAILED_MIGRATION     "failed-migration"
#define PF_MIGRATION_PROBLEM_DIRTY_MIGRATION      "dirty-migration"
#define PF_MIGRATION_PROBLEM_UNFINISHED_MIGRATION "unfinished-migration"
#define PF_MIGRATION_PROBLEM_LOCK_HELD            "lock-held"
#define PF_MIGRATION_PROBLEM_MULTIPLE_HEADS       "multiple-heads"

#define PF_TYPE_MIGRATION_PROBLEM (pf_migration_problem_get_type ())
G_DECLARE_FINAL_TYPE (PfMigrationProblem, pf_migration_problem, PF, MIGRATION_PROBLEM, GObject)

/* Properties (read-only, for list views): "kind", "severity", "app", "title". */

PfMigrationProblem *pf_migration_problem_new             (const char  *kind,
                                                          PfSeverity   severity);
const char         *pf_migration_problem_get_kind        (PfMigrationProblem *self);
PfSeverity          pf_migration_problem_get_severity    (PfMigrationProblem *self);
/* The app label ("scheduling"), or NULL for history-wide problems */
const char         *pf_migration_problem_get_app         (PfMigrationProblem *self);
void                pf_migration_problem_set_app         (PfMigrationProblem *self,
                                                          const char  *app);
/* The migrations concerned, as names within the app ("0007_a") — or
 * "app.name" when they span apps; empty when none */
const char * const *pf_migration_problem_get_migrations  (PfMigrationProblem *self);
void                pf_migration_problem_add_migration   (PfMigrationProblem *self,
                                                          const char  *migration);
/* Words: a plain title and explanation for a manager, the technical detail
 * and the fix for the developer ("python manage.py makemigrations --merge") */
const char         *pf_migration_problem_get_title       (PfMigrationProblem *self);
void                pf_migration_problem_set_title       (PfMigrationProblem *self,
                                                          const char  *title);
const char         *pf_migration_problem_get_explanation (PfMigrationProblem *self);
void                pf_migration_problem_set_explanation (PfMigrationProblem *self,
                                                          const char  *explanation);
const char         *pf_migration_problem_get_detail      (PfMigrationProblem *self);
void                pf_migration_problem_set_detail      (PfMigrationProblem *self,
                                                          const char  *detail);
const char         *pf_migration_problem_get_fix         (PfMigrationProblem *self);
void                pf_migration_problem_set_fix         (PfMigrationProblem *self,
                                                          const char  *fix);
/* Where: a file and 1-based line (unparsable-file, risky-operation…), a
 * table and column (drift, will-fail); NULL / 0 when not relevant */
const char         *pf_migration_problem_get_path        (PfMigrationProblem *self);
guint               pf_migration_problem_get_line        (PfMigrationProblem *self);
void                pf_migration_problem_set_location    (PfMigrationProblem *self,
                                                          const char  *path,
                                                          guint        line);
const char         *pf_migration_problem_get_table       (PfMigrationProblem *self);
const char         *pf_migration_problem_get_column      (PfMigrationProblem *self);
void                pf_migration_problem_set_table       (PfMigrationProblem *self,
                                                          const char  *table,
                                                          const char  *column);
/* Rows behind a will-fail / risky prediction; -1 when not a count */
gint64              pf_migration_problem_get_count       (PfMigrationProblem *self);
void                pf_migration_problem_set_count       (PfMigrationProblem *self,
                                                          gint64       count);

/* {"kind", "severity", "app", "migrations", "title", "explanation", "detail",
 *  "fix", "path", "line", "table", "column", "count"} without empty keys */
JsonNode           *pf_migration_problem_to_json_node    (PfMigrationProblem *self);

G_END_DECLS
