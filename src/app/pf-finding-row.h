/* pf-finding-row.h — one finding in the Integrity list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pf-finding.h"

G_BEGIN_DECLS

#define PF_TYPE_FINDING_ROW (pf_finding_row_get_type ())
G_DECLARE_FINAL_TYPE (PfFindingRow, pf_finding_row, PF, FINDING_ROW, GtkListBoxRow)

GtkWidget  *pf_finding_row_new         (PfFinding  *finding);
PfFinding  *pf_finding_row_get_finding (PfFindingRow *self);

/* The symbolic icon the list and the detail use for @severity */
const char *pf_severity_to_icon_name   (PfSeverity  severity);
/* "error", "warning", "accent": libadwaita colour classes */
const char *pf_severity_to_css_class   (PfSeverity  severity);
/* "scheduling_supervisionrecord → scheduling_user", or just the table */
char       *pf_finding_dup_tables_text (PfFinding  *finding);

G_END_DECLS
