/* pf-backup.h — a backup of the database to a file the user chose, then proof it is good
 *
 * SQLite: the online backup API from a read-only source connection, a few
 * hundred pages per step, all inside one read transaction held on the
 * source (so the copy is one moment, and the backup is never restarted by
 * another process's writes). Writers in WAL mode keep working meanwhile; in
 * rollback-journal mode they wait for the backup (or fail with "database
 * is locked" after their busy timeout). The copy is switched to
 * journal_mode=DELETE (one self-contained file), then opened read-only:
 * PRAGMA integrity_check, the same tables, and every table's row count
 * equal to the source's (counted in that same read transaction).
 *
 * PostgreSQL: pg_dump --format=custom --file=… as a subprocess; the
 * password goes through a temporary pgpass file (0600, deleted after),
 * never the command line. Progress by bytes written against the database
 * size. Then pg_restore --list must list every table's data. A pg_dump older
 * than the server, or missing, is a PF_CHECKLIST_ERROR_BACKUP_TOOL saying
 * which version is needed and how to install it (apt install
 * postgresql-client-NN).
 *
 * Verification of a dump: pg_restore --list names every ordinary table's
 * data ("TABLE DATA schema table"), and pg_restore --file=/dev/null reads
 * (decompresses) every block.
 *
 * Nothing is written anywhere but the chosen file (and the temporary pgpass
 * file, in the user's runtime folder); the backup is written to a
 * temporary ".NAME.XXXXXX.partial" file beside the chosen one and renamed
 * over it when complete, so a cancelled or failed backup leaves no partial
 * file and does not destroy an older file of that name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-backup-record.h"
#include "pf-database.h"

G_BEGIN_DECLS

#define PF_TYPE_BACKUP (pf_backup_get_type ())
G_DECLARE_FINAL_TYPE (PfBackup, pf_backup, PF, BACKUP, GObject)

/* Properties, notified on the main context of the caller of run_async at
 * most ~10 times a second: "fraction" (0…1, or -1 while unknown),
 * "message" ("Copying page 1,200 of 5,000", "Verifying the copy…"). */

/* @database describes the source (its profile is used to connect again;
 * it need not be open); @password for PostgreSQL, may be NULL: then the
 * password @database was made with, if any (and ~/.pgpass / PGPASSWORD as
 * libpq reads them); @output_path the file the
 * user chose (replaced if it exists). */
PfBackup       *pf_backup_new          (PfDatabase          *database,
                                        const char          *password,
                                        const char          *output_path);
double          pf_backup_get_fraction (PfBackup            *self);
const char     *pf_backup_get_message  (PfBackup            *self);

/* Writes and verifies. Returns the record when the file was written, with
 * verified FALSE and the reason when verification failed (the caller must
 * report it as failed); NULL + error when nothing usable was written
 * (cancelled: G_IO_ERROR_CANCELLED, the partial file removed). */
void            pf_backup_run_async    (PfBackup            *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
PfBackupRecord *pf_backup_run_finish   (PfBackup            *self,
                                        GAsyncResult        *result,
                                        GError             **error);
/* The same, blocking, for the CLI and tests (progress not notified) */
PfBackupRecord *pf_backup_run          (PfBackup            *self,
                                        GCancellable        *cancellable,
                                        GError             **error);

/* Checks an existing backup file again for @database's kind; fills the
 * record's verification. The same checks as after writing, except that
 * there is no source snapshot to compare with: SQLite — integrity_check
 * and every table readable; PostgreSQL — pg_restore lists and reads the
 * whole archive. Then the file's SHA-256 must equal the recorded one (when
 * the record has one), which catches damage the format checks cannot see.
 * Returns TRUE when the file proved good; FALSE with
 * PF_CHECKLIST_ERROR_NOT_VERIFIED (message = the record's new
 * verification sentence) when it did not, or another error, the record
 * unchanged, when the check could not run (cancelled, pg_restore missing:
 * PF_CHECKLIST_ERROR_BACKUP_TOOL). Blocking. */
gboolean        pf_backup_verify       (PfDatabase          *database,
                                        PfBackupRecord      *record,
                                        GCancellable        *cancellable,
                                        GError             **error);

G_END_DECLS
