/* pf-checklist-entry-private.h — how a PfChecklistRun changes its entries
 *
 * Each returns TRUE when something worth saving changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-checklist-entry.h"

G_BEGIN_DECLS

gboolean _pf_checklist_entry_tick        (PfChecklistEntry   *self,
                                          const char         *who,
                                          const char         *note,
                                          GDateTime          *when);
gboolean _pf_checklist_entry_untick      (PfChecklistEntry   *self);
gboolean _pf_checklist_entry_skip        (PfChecklistEntry   *self,
                                          GDateTime          *when);
gboolean _pf_checklist_entry_set_result  (PfChecklistEntry   *self,
                                          PfChecklistState    state,
                                          const char         *evidence,
                                          const char * const *details,
                                          gboolean            manual_fallback,
                                          GDateTime          *when);
/* RUNNING, not saved: returns nothing */
void     _pf_checklist_entry_set_running (PfChecklistEntry   *self);

G_END_DECLS
