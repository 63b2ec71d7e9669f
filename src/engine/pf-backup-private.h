/* pf-backup-private.h — seams of PfBackup for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-backup.h"

G_BEGIN_DECLS

/* Where versioned PostgreSQL binaries are looked for besides PATH
 * (default "/usr/lib/postgresql": …/NN/bin/pg_dump). NULL: only PATH, so a
 * test can simulate a computer without pg_dump. Not thread-safe: set it
 * before any backup runs. */
void   _pf_backup_set_pg_lib_dir      (const char *dir);

/* SQLite pages copied per sqlite3_backup_step() (default 256; 0 resets)
 * and a pause after each step (default none). A test sets 1 page and a
 * pause so that a backup of a small file takes many steps over a second:
 * time to watch its progress, cancel it, or for another process to write
 * meanwhile. Not thread-safe, as above. */
void   _pf_backup_set_pages_per_step  (int         pages,
                                       guint       pause_usec);

/* After a PostgreSQL backup: the argv pg_dump was started with, and the
 * temporary pgpass file it was given (NULL without a password), so a test
 * can assert the password was not on the command line and that the file
 * is gone. NULL before. */
GStrv  _pf_backup_dup_last_argv       (PfBackup   *self);
char  *_pf_backup_dup_last_pgpass     (PfBackup   *self);

G_END_DECLS
