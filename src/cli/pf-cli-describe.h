/* pf-cli-describe.h — preflight-cli describe: what is in this database?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-cli-common.h"

G_BEGIN_DECLS

extern const PfCliCommand pf_cli_describe_command;

G_END_DECLS
