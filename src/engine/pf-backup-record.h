/* pf-backup-record.h — a backup Preflight made, and whether it proved good
 *
 *   { "path": "/home/anna/rota-2026-11-21.sqlite3", "size": 1048576,
 *     "sha256": "…", "created_at": "2026-11-21T10:00:00Z",
 *     "method": "sqlite-backup" | "pg_dump",
 *     "verified": true, "verification": "integrity_check ok; 14 tables, row counts equal",
 *     "database": "rota.sqlite3" }
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PF_TYPE_BACKUP_RECORD (pf_backup_record_get_type ())
G_DECLARE_FINAL_TYPE (PfBackupRecord, pf_backup_record, PF, BACKUP_RECORD, GObject)

/* @created_at NULL means now */
PfBackupRecord *pf_backup_record_new                (const char     *path,
                                                     gint64          size,
                                                     const char     *sha256,
                                                     GDateTime      *created_at,
                                                     const char     *method,
                                                     const char     *database);
PfBackupRecord *pf_backup_record_new_from_json_node (JsonNode       *node,
                                                     GError        **error);
JsonNode       *pf_backup_record_to_json_node       (PfBackupRecord *self);

const char     *pf_backup_record_get_path           (PfBackupRecord *self);
gint64          pf_backup_record_get_size           (PfBackupRecord *self);
const char     *pf_backup_record_get_sha256         (PfBackupRecord *self);
GDateTime      *pf_backup_record_get_created_at     (PfBackupRecord *self);
const char     *pf_backup_record_get_method         (PfBackupRecord *self);
const char     *pf_backup_record_get_database       (PfBackupRecord *self);
gboolean        pf_backup_record_get_verified       (PfBackupRecord *self);
/* One sentence: what was verified, or why verification failed */
const char     *pf_backup_record_get_verification   (PfBackupRecord *self);
void            pf_backup_record_set_verification   (PfBackupRecord *self,
                                                     gboolean        verified,
                                                     const char     *verification);

G_END_DECLS
