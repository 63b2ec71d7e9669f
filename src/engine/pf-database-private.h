/* pf-database-private.h — what subclasses of PfDatabase may set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-database.h"

G_BEGIN_DECLS

/* Called by subclasses from their open() vfunc (any thread); the base class
 * stores the values under its lock and notifies on the main context. */
void _pf_database_set_server_version (PfDatabase *self,
                                      const char *server_version);
void _pf_database_set_size           (PfDatabase *self,
                                      gint64      size);

/* Builds the one-sentence error every caller shows:
 * "Could not open “rota.db”: the file is not a SQLite database" (SQLite) or
 * "Could not connect to db.example.org:5432: …" (PostgreSQL). */
void _pf_database_set_error          (PfDatabase  *self,
                                      GError     **error,
                                      PfDatabaseError code,
                                      const char  *reason_format,
                                      ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
