/* pf-sqlite-regexp.h — a GRegex-backed regexp() SQL function for SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Registers regexp(pattern, value) on @db, which also makes the
 * "value REGEXP pattern" operator work. Semantics (shared with the
 * PostgreSQL "!~" form the checks use):
 *  - a NULL pattern or value gives NULL (a format rule never judges NULL;
 *    not-null rules cover it);
 *  - any other value is matched in its text form (10000 → "10000"); a
 *    BLOB that is not valid UTF-8 never matches;
 *  - the pattern is searched for anywhere (anchor it with ^ and $), and
 *    "$" matches only at the very end (G_REGEX_DOLLAR_ENDONLY), as in
 *    PostgreSQL, so "123456\n" does not pass ^[0-9]{6}$;
 *  - a pattern that does not compile is an SQL error.
 * The compiled pattern is cached per statement (sqlite3_get_auxdata). */
gboolean pf_sqlite_register_regexp (sqlite3  *db,
                                    GError  **error);

G_END_DECLS
