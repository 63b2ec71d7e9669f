/* pf-cli-checklist.h — preflight-cli checklist: run the automatic items, show every item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-checklist-run.h"
#include "pf-cli-common.h"
#include "pf-database.h"

G_BEGIN_DECLS

extern const PfCliCommand pf_cli_checklist_command;

/* The current checklist run saved for this connection (@saved, or the
 * database's own profile for a URL, a file or the demo), or NULL when there
 * is none. A progress file that cannot be read is moved aside by the store
 * and reported on stderr. For `check`, which shows it in its report. */
PfChecklistRun *pf_cli_checklist_load_saved_run (PfDatabase          *database,
                                                 PfConnectionProfile *saved);

/* "Checklist “Routine schema migration”: 5 of 12 items settled, 3 required
 * items open", for one line of text output */
char           *pf_cli_checklist_dup_summary    (PfChecklistRun      *run);

G_END_DECLS
