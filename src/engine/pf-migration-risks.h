/* pf-migration-risks.h — which pending migrations will fail, and which are risky
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-migration-graph.h"
#include "pf-report.h"

G_BEGIN_DECLS

/* Looks at every pending operation of @graph against live data read through
 * @connection (from this thread only) and @schema. Element type
 * PfMigrationProblem: will-fail (blocker: a table rebuild on SQLite while any
 * FK has orphans — counts taken from @integrity's fk-orphans findings when
 * given, else queried; uniqueness over duplicates; NOT NULL over NULLs or a
 * new column without default on a non-empty table; CreateModel of an
 * existing table; an extension the server does not offer) and
 * risky-operation (warning, sized with row estimates: renames and removals,
 * index creation without CONCURRENTLY over 100,000 rows on PostgreSQL,
 * table-rewriting type changes, RunPython without reverse_code, RunSQL
 * without reverse_sql, new unique constraints, defaults on big tables). */
GPtrArray *pf_migration_risks_predict (PfDatabase        *connection,
                                       PfSchema          *schema,
                                       PfMigrationGraph  *graph,
                                       const char        *auth_user_model,
                                       PfReport          *integrity,
                                       GCancellable      *cancellable,
                                       GError           **error);

G_END_DECLS
