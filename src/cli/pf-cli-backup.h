/* pf-cli-backup.h — preflight-cli backup: a verified backup to a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-cli-common.h"

G_BEGIN_DECLS

extern const PfCliCommand pf_cli_backup_command;

G_END_DECLS
