/* pf-cli-check.h — preflight-cli check: is this database ready for its migration?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-cli-common.h"

G_BEGIN_DECLS

extern const PfCliCommand pf_cli_check_command;

G_END_DECLS
