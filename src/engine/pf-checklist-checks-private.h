/* pf-checklist-checks-private.h — test seams of the automatic checklist checks
 *
 * Two things a test cannot arrange for real:
 *
 * - A full disk. Mounting a small tmpfs (or a loop image) needs privileges
 *   the test suite does not have, so disk-space takes the free space from
 *   this override instead of statvfs when it is set. It replaces only the
 *   measured free space: the database size is always the real one.
 * - Waiting 5 minutes. pg-sessions flags sessions older than this many
 *   seconds instead of PF_CHECKLIST_SESSION_AGE_LIMIT.
 *
 * Both are process-wide and meant for tests only. Main thread only; set
 * them before pf_checklist_checks_run_async().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-checklist-checks.h"

G_BEGIN_DECLS

/* Sessions active or idle in a transaction longer than this block DDL */
#define PF_CHECKLIST_SESSION_AGE_LIMIT (5 * 60)

/* Connections in use at or above this percentage of what the server allows
 * (max_connections − superuser_reserved_connections) fail pg-connections */
#define PF_CHECKLIST_CONNECTIONS_LIMIT_PERCENT 80

/* @bytes < 0 removes the override */
void _pf_checklist_checks_set_free_space_override (gint64 bytes);
/* 0 restores PF_CHECKLIST_SESSION_AGE_LIMIT */
void _pf_checklist_checks_set_session_age_limit   (guint  seconds);

G_END_DECLS
