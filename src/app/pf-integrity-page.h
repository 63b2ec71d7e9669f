/* pf-integrity-page.h — run the checks, see what blocks the migration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pf-engine.h"

G_BEGIN_DECLS

#define PF_TYPE_INTEGRITY_PAGE (pf_integrity_page_get_type ())
G_DECLARE_FINAL_TYPE (PfIntegrityPage, pf_integrity_page, PF, INTEGRITY_PAGE, GtkWidget)

/* Properties: "running" (a scan is in progress), "report" (the last
 * finished scan's PfReport, or NULL).
 *
 * Signal "scan-finished" (PfReport *report, gint64 elapsed_usec): emitted on
 * the main thread when a scan ends, cancelled or not (a cancelled scan's
 * report is incomplete). The window records it in the connection profile
 * and sends a notification when it was long and the window unfocused. */

GtkWidget *pf_integrity_page_new          (void);
/* Shows @database (open) with its @schema; scans use @rules (may be NULL).
 * Cancels a running scan and forgets the last report. All NULL clears. */
void       pf_integrity_page_set_database (PfIntegrityPage *self,
                                           PfDatabase      *database,
                                           PfSchema        *schema,
                                           PfRules         *rules);
/* Starts a scan (no-op while one runs or without a database) */
void       pf_integrity_page_run_checks   (PfIntegrityPage *self);
/* Cancels the running scan; its partial report still arrives */
void       pf_integrity_page_cancel       (PfIntegrityPage *self);
gboolean   pf_integrity_page_get_running  (PfIntegrityPage *self);
PfReport  *pf_integrity_page_get_report   (PfIntegrityPage *self);

G_END_DECLS
