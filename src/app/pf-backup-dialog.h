/* pf-backup-dialog.h — Back Up Now…: choose a file, copy, verify, record
 *
 * A modal AdwWindow over @parent. It first asks for the file
 * (GtkFileChooserNative, save mode; default name
 * "<database>-backup-<YYYY-MM-DD>.sqlite3" or ".dump" for PostgreSQL), then
 * runs PfBackup with a progress bar and Cancel, and ends on the result:
 * verified (path, size, SHA-256), or failed with the reason in plain words.
 * A verified or unverified record is added to @run
 * (pf_checklist_run_add_backup); a failed verification is shown as failed,
 * never as done. Escape or Close closes it; closing while running cancels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pf-engine.h"

G_BEGIN_DECLS

#define PF_TYPE_BACKUP_DIALOG (pf_backup_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PfBackupDialog, pf_backup_dialog, PF, BACKUP_DIALOG, AdwWindow)

/* Signal "finished" (PfBackupRecord *record, may be NULL when cancelled or
 * failed before a file was written): once, before the window closes or
 * when it shows the result. */

PfBackupDialog *pf_backup_dialog_new     (GtkWindow      *parent,
                                          PfDatabase     *database,
                                          PfChecklistRun *run);
/* Asks for the file and starts; for tests, start_with_path skips the
 * file chooser. */
void            pf_backup_dialog_start   (PfBackupDialog *self);
void            pf_backup_dialog_start_with_path (PfBackupDialog *self,
                                          const char     *path);

G_END_DECLS
