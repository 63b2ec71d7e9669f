/* pf-sqlite-database.h — a read-only connection to a SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-database.h"

G_BEGIN_DECLS

#define PF_TYPE_SQLITE_DATABASE (pf_sqlite_database_get_type ())
G_DECLARE_FINAL_TYPE (PfSqliteDatabase, pf_sqlite_database, PF, SQLITE_DATABASE, PfDatabase)

/* Opens @profile's file with SQLITE_OPEN_READONLY and mode=ro: the file's
 * bytes are never changed. */
PfDatabase *pf_sqlite_database_new (PfConnectionProfile *profile);

G_END_DECLS
