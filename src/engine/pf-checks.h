/* pf-checks.h — the checks a scan plans, grouped by what they look at
 *
 * Each planner inspects @schema (and @rules, may be NULL) and appends
 * PfScanJob items to @jobs for the kind of @database (SQLite or PostgreSQL).
 * Planners run on the scan's coordinator thread and must not query the
 * database; the jobs do that on workers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-database.h"
#include "pf-rules.h"
#include "pf-scan-job.h"

G_BEGIN_DECLS

/* Check ids (stable: never rename one; see DESIGN.md) */
#define PF_CHECK_FK_ORPHANS          "fk-orphans"
#define PF_CHECK_FK_NOT_VALID        "fk-not-valid"
#define PF_CHECK_IMPLIED_FK_ORPHANS  "implied-fk-orphans"
#define PF_CHECK_FK_TRIGGER_DISABLED "fk-trigger-disabled"
#define PF_CHECK_SEQUENCE_BEHIND     "sequence-behind"
#define PF_CHECK_INVALID_INDEX       "invalid-index"
#define PF_CHECK_NO_PRIMARY_KEY      "no-primary-key"
#define PF_CHECK_SQLITE_INTEGRITY    "sqlite-integrity"
#define PF_CHECK_TYPE_MISMATCH       "type-mismatch"
#define PF_CHECK_DUPLICATE_VALUES    "duplicate-values"
#define PF_CHECK_FORMAT_RULE         "format-rule"
#define PF_CHECK_NOT_NULL_RULE       "not-null-rule"

/* fk-orphans, fk-not-valid, implied-fk-orphans (pf-foreign-key-checks.c) */
void pf_foreign_key_checks_plan (PfDatabase *database,
                                 PfSchema   *schema,
                                 PfRules    *rules,
                                 GPtrArray  *jobs);

/* Everything else (pf-data-checks.c): fk-trigger-disabled, sequence-behind,
 * invalid-index, no-primary-key, sqlite-integrity, type-mismatch,
 * duplicate-values, format-rule, not-null-rule */
void pf_data_checks_plan        (PfDatabase *database,
                                 PfSchema   *schema,
                                 PfRules    *rules,
                                 GPtrArray  *jobs);

G_END_DECLS
