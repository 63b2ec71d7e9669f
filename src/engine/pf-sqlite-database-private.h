/* pf-sqlite-database-private.h — engine-internal access to a SQLite connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "pf-sqlite-database.h"

G_BEGIN_DECLS

#ifndef PF_SQLITE_STMT_AUTOPTR_DEFINED
#define PF_SQLITE_STMT_AUTOPTR_DEFINED
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
#endif

/* The open handle, or NULL. Only on the thread that owns @self. */
sqlite3      *_pf_sqlite_database_get_handle (PfSqliteDatabase  *self);

/* sqlite3_prepare_v2() with a PF_DATABASE_ERROR_QUERY error on failure */
sqlite3_stmt *_pf_sqlite_database_prepare    (PfSqliteDatabase  *self,
                                              const char        *sql,
                                              GError           **error);

/* sqlite3_step() that turns an interrupt (pf_database_interrupt(), which
 * a scan calls when its cancellable fires) into G_IO_ERROR_CANCELLED:
 * returns SQLITE_ROW, SQLITE_DONE, or -1 with the error set
 * (PF_DATABASE_ERROR_QUERY otherwise). */
int           _pf_sqlite_database_step       (PfSqliteDatabase  *self,
                                              sqlite3_stmt      *stmt,
                                              GError           **error);

G_END_DECLS
