/* pf-sql.h — quoting helpers for SQL built from hostile identifiers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns @name as a double-quoted SQL identifier with inner double quotes
 * doubled: staff "profiles" → "staff ""profiles""". Valid for SQLite and
 * PostgreSQL (on a live PostgreSQL connection prefer PQescapeIdentifier). */
char *pf_sql_quote_identifier (const char *name);

/* Returns @value as a single-quoted SQL string literal with inner single
 * quotes doubled. */
char *pf_sql_quote_literal    (const char *value);

G_END_DECLS
