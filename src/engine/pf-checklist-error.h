/* pf-checklist-error.h — errors of checklists, their templates, progress and backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PF_CHECKLIST_ERROR (pf_checklist_error_quark ())

typedef enum {
  PF_CHECKLIST_ERROR_FAILED,
  PF_CHECKLIST_ERROR_INVALID_TEMPLATE,   /* a template file that is not a valid template; message names the member */
  PF_CHECKLIST_ERROR_INVALID_STATE,      /* saved progress that cannot be read */
  PF_CHECKLIST_ERROR_NOT_FOUND,          /* no template / item of that id */
  PF_CHECKLIST_ERROR_READ_ONLY,          /* a bundled template cannot be changed: duplicate it */
  PF_CHECKLIST_ERROR_BACKUP_FAILED,      /* the backup could not be written */
  PF_CHECKLIST_ERROR_BACKUP_TOOL,        /* pg_dump/pg_restore missing or older than the server */
  PF_CHECKLIST_ERROR_NOT_VERIFIED,       /* the backup was written but failed verification */
} PfChecklistError;

GQuark pf_checklist_error_quark (void);

/* For the readers of saved progress: when *@error is a PF_JSON_MEMBER_ERROR
 * (pf-json-member.h), files it as PF_CHECKLIST_ERROR_INVALID_STATE with
 * "The saved checklist progress is not valid: " in front. Returns NULL. */
gpointer _pf_checklist_progress_invalid (GError **error);

G_END_DECLS
