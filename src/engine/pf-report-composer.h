/* pf-report-composer.h — what a readiness report says, for every format
 *
 * Turns a PfReport (its findings, and the migrations and checklist it
 * carries when set) into a PfReportDocument: the cover, the executive
 * summary, what blocks the migration, migrations, integrity findings, the
 * checklist, and the DBA's appendix with the fix scripts, marked "not
 * executed". The one place that decides the report's content and words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-report.h"
#include "pf-report-document.h"

G_BEGIN_DECLS

/* Blocking but quick (no I/O); any thread, as long as nobody changes
 * @report meanwhile. */
PfReportDocument *pf_report_compose (PfReport *report);

G_END_DECLS
