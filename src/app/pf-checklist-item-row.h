/* pf-checklist-item-row.h — one item of a checklist step, as the wizard shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pf-engine.h"

G_BEGIN_DECLS

#define PF_TYPE_CHECKLIST_ITEM_ROW (pf_checklist_item_row_get_type ())
G_DECLARE_FINAL_TYPE (PfChecklistItemRow, pf_checklist_item_row, PF, CHECKLIST_ITEM_ROW, GtkListBoxRow)

/* A row of a boxed GtkListBox showing @entry and following its changes.
 * It changes nothing itself; the page acts on its signals:
 *
 *   "done-toggled" (gboolean done): the person ticked or unticked Done
 *   "note-changed" (const char *note): the note of a ticked item, edited
 *   "skip": Skip on an optional item
 *   "run-again": Run Again on an automatic item
 *   "show-findings": Show Findings on the integrity item
 *   "back-up": Back Up Now… on the backup item
 */

GtkWidget        *pf_checklist_item_row_new       (PfChecklistEntry   *entry);
PfChecklistEntry *pf_checklist_item_row_get_entry (PfChecklistItemRow *self);

/* "Done by Anna Kowalska at 14:05", "Passed at 14:05", "Skipped at 14:05";
 * NULL while open. Shared with the sign-off summary. */
char             *pf_checklist_entry_dup_status_text (PfChecklistEntry *entry);
/* The pf-badge-* CSS class for @state */
const char       *pf_checklist_state_badge_class  (PfChecklistState  state);

G_END_DECLS
