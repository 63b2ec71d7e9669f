/* pf-pg-database-private.h — engine-internal access to a PostgreSQL session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpq-fe.h>

#include "pf-pg-database.h"

G_BEGIN_DECLS

#ifndef PF_PG_RESULT_AUTOPTR_DEFINED
#define PF_PG_RESULT_AUTOPTR_DEFINED
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
#endif

/* Worker sessions (pf_database_open_worker()): no single statement of a
 * check may run longer than this, nor wait longer than lock_timeout for a
 * lock another session holds. */
#define PF_PG_WORKER_STATEMENT_TIMEOUT_MSEC (5 * 60 * 1000)
#define PF_PG_WORKER_LOCK_TIMEOUT_MSEC      (5 * 1000)

/* The open session, or NULL. For tests and engine code running on the thread
 * that owns @self; never PQfinish() it. */
PGconn   *_pf_pg_database_get_connection (PfPgDatabase  *self);

/* PQexecParams() with text parameters that honours @cancellable (PQcancel
 * from the cancellable's callback). Returns a PGRES_TUPLES_OK or
 * PGRES_COMMAND_OK result, or NULL with G_IO_ERROR_CANCELLED or
 * PF_DATABASE_ERROR_QUERY. Free with PQclear(). */
PGresult *_pf_pg_database_exec           (PfPgDatabase  *self,
                                          GCancellable  *cancellable,
                                          const char    *sql,
                                          int            n_params,
                                          const char * const *params,
                                          GError       **error);

/* The password @self was made with (pf_pg_database_new()), or NULL; for
 * code that must connect again another way (pg_dump in pf-backup.c). */
const char *_pf_pg_database_get_password (PfPgDatabase  *self);

G_END_DECLS
