/* pf-engine.h — the Preflight engine: everything that touches a database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-backup.h"
#include "pf-checklist-checks.h"
#include "pf-checklist-error.h"
#include "pf-checklist-facts.h"
#include "pf-checklist-store.h"
#include "pf-checklist-templates.h"
#include "pf-column.h"
#include "pf-connection-profile.h"
#include "pf-database.h"
#include "pf-demo.h"
#include "pf-finding.h"
#include "pf-foreign-key.h"
#include "pf-index.h"
#include "pf-json-file.h"
#include "pf-migration-review.h"
#include "pf-migration-summary.h"
#include "pf-profile-store.h"
#include "pf-report.h"
#include "pf-rules.h"
#include "pf-scan.h"
#include "pf-schema.h"
#include "pf-secrets.h"
#include "pf-sql.h"
#include "pf-table.h"
#include "pf-timeline.h"
