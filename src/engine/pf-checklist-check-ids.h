/* pf-checklist-check-ids.h — the automatic checks a checklist item can be bound to
 *
 * Check ids a template's automatic item can bind to ("check"):
 *
 *   connection            the connection works (opens, answers a query)
 *   integrity             no blocker in the integrity scan
 *   migration-history     no conflict, duplicate number, inconsistent history,
 *                         unreadable file, drift (missing table/column), nor a
 *                         failed, dirty or unfinished migration or several
 *                         heads in another framework's history
 *   drift                 only drift: every applied migration's table and
 *                         column exists (after adding fields or tables)
 *   migrations-reviewed   every pending migration marked reviewed (Timeline),
 *                         its file unchanged since; OPEN while some are not
 *   migrations-succeed    no pending migration predicted to fail
 *   disk-space            SQLite: free space ≥ 2× the file; PostgreSQL: the
 *                         database size, and free space on the data
 *                         directory when the server is local and it is
 *                         readable, otherwise a manual item (manual fallback)
 *   pg-sessions           no other session of the database running a query,
 *                         idle in a transaction or holding a transaction for
 *                         more than 5 minutes (they would block DDL)
 *   pg-connections        connections below 80% of max_connections
 *   pg-extensions         extensions the pending migrations create are available
 *   invalid-indexes       no INVALID index
 *   sequences             no sequence behind its column's maximum
 *   duplicate-keys        no duplicate values in key columns: those the
 *                         connection's rules declare unique, and those its
 *                         relationship rules point at (declared unique keys
 *                         are enforced by the database itself)
 *   backup-verified       a verified backup newer than the last applied migration
 *   row-counts            records every table's exact row count with the run
 *                         (running every check again keeps counts already
 *                         recorded; re-running this item records anew)
 *   row-counts-match      the counts now equal the recorded ones (OPEN when
 *                         none were recorded, or they were recorded in the
 *                         same pass)
 *
 * PostgreSQL-only checks are NOT_APPLICABLE on SQLite, with a sentence why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every check id above, NULL-terminated */
const char * const *pf_checklist_checks_get_all  (void);
gboolean            pf_checklist_checks_is_known (const char *check_id);
/* "Disk space", "Long-running sessions"… translated, for lists; NULL for
 * an unknown id */
const char         *pf_checklist_checks_get_title (const char *check_id);

G_END_DECLS
