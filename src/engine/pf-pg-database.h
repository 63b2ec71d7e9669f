/* pf-pg-database.h — a read-only session on a PostgreSQL server (libpq)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-database.h"

G_BEGIN_DECLS

#define PF_TYPE_PG_DATABASE (pf_pg_database_get_type ())
G_DECLARE_FINAL_TYPE (PfPgDatabase, pf_pg_database, PF, PG_DATABASE, PfDatabase)

/* @password may be NULL: libpq still reads ~/.pgpass, PGPASSWORD and
 * service files. The session is read-only (default_transaction_read_only)
 * and announces itself as application_name=preflight. */
PfDatabase *pf_pg_database_new (PfConnectionProfile *profile,
                                const char          *password);

G_END_DECLS
