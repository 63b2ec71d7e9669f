/* pf-checklist-store.h — checklist progress per connection, kept across restarts
 *
 * One file per connection, $XDG_CONFIG_HOME/preflight/checklists/<key>.json,
 * written with pf_json_file_write() (atomic) on every change:
 *
 *   { "schema": "preflight-checklist-runs/1",
 *     "current": <run> | null, "archived": [ <run>, … newest last ] }
 *
 * A file that cannot be read is moved aside and reported, never overwritten
 * (by load through @out_moved_to; a save or start that meets one moves it
 * aside first and logs where it went). Keys are file names: ASCII letters,
 * digits, '-' and '_', at most 100, as dup_key makes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-checklist-run.h"
#include "pf-connection-profile.h"

G_BEGIN_DECLS

#define PF_TYPE_CHECKLIST_STORE (pf_checklist_store_get_type ())
G_DECLARE_FINAL_TYPE (PfChecklistStore, pf_checklist_store, PF, CHECKLIST_STORE, GObject)

/* @dir NULL: $XDG_CONFIG_HOME/preflight/checklists, looked up on each use */
PfChecklistStore *pf_checklist_store_new          (const char        *dir);

/* The file name key for a connection: its id when @saved (a connection in
 * connections.json), otherwise derived from its URL (so the demo and an
 * opened file keep their progress too) */
char             *pf_checklist_store_dup_key      (PfConnectionProfile *profile,
                                                   gboolean           saved);

/* The current run, or NULL without error when there is none. A file that
 * cannot be read is moved aside: NULL, and @out_moved_to (may be NULL) says
 * where; an error only when it could not be read nor moved. */
PfChecklistRun   *pf_checklist_store_load         (PfChecklistStore  *self,
                                                   const char        *key,
                                                   char             **out_moved_to,
                                                   GError           **error);
/* Writes @run as the current one, keeping the archive */
gboolean          pf_checklist_store_save         (PfChecklistStore  *self,
                                                   const char        *key,
                                                   PfChecklistRun    *run,
                                                   GError           **error);
/* Archives the current run (if any) and saves @run as the current one;
 * @run NULL leaves no current run (Start Over) */
gboolean          pf_checklist_store_start        (PfChecklistStore  *self,
                                                   const char        *key,
                                                   PfChecklistRun    *run,
                                                   GError           **error);
/* PfChecklistRun, oldest first */
GPtrArray        *pf_checklist_store_load_archive (PfChecklistStore  *self,
                                                   const char        *key,
                                                   GError           **error);

G_END_DECLS
