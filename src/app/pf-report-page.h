/* pf-report-page.h — the readiness report: a preview of its first pages, Export… and Print…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pf-engine.h"
#include "pf-migration-analysis.h"
#include "pf-report-export.h"
#include "pf-report-pages.h"

G_BEGIN_DECLS

#define PF_TYPE_REPORT_PAGE (pf_report_page_get_type ())
G_DECLARE_FINAL_TYPE (PfReportPage, pf_report_page, PF, REPORT_PAGE, GtkWidget)

/* Properties: "paper" (PfReportPaper as an int; remembered in GSettings),
 * "busy" (the preview or the print-out is being laid out), "exporting"
 * (an export is being written).
 *
 * Actions: "report.export" (Ctrl+Shift+E), "report.print" (Ctrl+P); the
 * shortcuts work anywhere in the window while the page is showing. */

GtkWidget     *pf_report_page_new             (void);
/* The report is the Integrity page's last one (NULL: no scan yet, the page
 * offers Run Checks); @analysis (the Timeline's) and @run (the Checklist's)
 * add their sections when not NULL. The page keeps @report and @analysis,
 * follows @run's changes, and snapshots all three each time it prepares a
 * preview or an export. */
void           pf_report_page_set_sources     (PfReportPage        *self,
                                               PfReport            *report,
                                               PfMigrationAnalysis *analysis,
                                               PfChecklistRun      *run);
void           pf_report_page_set_report      (PfReportPage        *self,
                                               PfReport            *report);
void           pf_report_page_set_analysis    (PfReportPage        *self,
                                               PfMigrationAnalysis *analysis);
void           pf_report_page_set_checklist   (PfReportPage        *self,
                                               PfChecklistRun      *run);
PfReport      *pf_report_page_get_report      (PfReportPage        *self);

PfReportPaper  pf_report_page_get_paper       (PfReportPage        *self);
void           pf_report_page_set_paper       (PfReportPage        *self,
                                               PfReportPaper        paper);
gboolean       pf_report_page_get_busy        (PfReportPage        *self);
gboolean       pf_report_page_get_exporting   (PfReportPage        *self);
/* The pages the preview shows (laid out for the current sources and
 * paper), or NULL while there are none yet */
PfReportPages *pf_report_page_get_pages       (PfReportPage        *self);
/* How many pages the preview shows (at most 3) */
guint          pf_report_page_get_n_previewed (PfReportPage        *self);

/* What Export… does once a file is chosen: @file (its extension appended
 * when missing) written as @format off the main thread, then a toast
 * "Report saved as “name”" with Open, or a dialog with the error. */
void           pf_report_page_export_to_file  (PfReportPage        *self,
                                               GFile               *file,
                                               PfReportFormat       format,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* The file written; NULL with @error set on failure */
GFile         *pf_report_page_export_finish   (PfReportPage        *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* The format and file name the file chooser's answer stands for: the
 * file's extension when it is one of ours (pdf, html, htm, md, markdown,
 * json), else @chosen_format with its extension appended. */
GFile         *pf_report_page_dup_export_file (GFile               *file,
                                               PfReportFormat       chosen_format,
                                               PfReportFormat      *out_format);

/* Print… without the dialog: the same GtkPrintOperation exported to a PDF
 * at @path. Lays the pages out first when needed, iterating the main
 * context meanwhile. For tests. */
gboolean       pf_report_page_print_to_file   (PfReportPage        *self,
                                               const char          *path,
                                               GError             **error);

G_END_DECLS
