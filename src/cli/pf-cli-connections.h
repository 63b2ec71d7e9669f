/* pf-cli-connections.h — preflight-cli connections list|add|remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-cli-common.h"
#include "pf-engine.h"

G_BEGIN_DECLS

extern const PfCliCommand pf_cli_connections_command;

/* After "check NAME": remembers @report as the saved connection's last
 * check (the app's sidebar shows it). Reloads the store first, so edits
 * made meanwhile are kept; a failure is reported on stderr but does not
 * change the check's exit status. */
void pf_cli_connections_record_report (PfConnectionProfile *saved,
                                       PfReport            *report);

G_END_DECLS
