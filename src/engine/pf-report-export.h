/* pf-report-export.h — write a readiness report to a file in any format
 *
 * The one entry point the CLI and the app use: composes the document,
 * renders the format and writes it atomically (a regular file is written
 * beside and renamed into place, so nobody sees half a report; a device
 * or pipe such as /dev/stdout is written in place).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pf-report.h"
#include "pf-report-pages.h"

G_BEGIN_DECLS

typedef enum {
  PF_REPORT_FORMAT_PDF,
  PF_REPORT_FORMAT_HTML,
  PF_REPORT_FORMAT_MARKDOWN,
  PF_REPORT_FORMAT_JSON,
} PfReportFormat;

/* "pdf", "html", "markdown", "json" */
const char *pf_report_format_to_string   (PfReportFormat  format);
gboolean    pf_report_format_from_string (const char     *string,
                                          PfReportFormat *out_format);
/* "pdf", "html", "md", "json" */
const char *pf_report_format_get_extension (PfReportFormat format);
/* "PDF document", "Web page (HTML)", …: translated, for a format chooser */
const char *pf_report_format_get_label   (PfReportFormat  format);
const char *pf_report_format_get_mime_type (PfReportFormat format);
/* Whether the format can go to a terminal (all but PDF) */
gboolean    pf_report_format_is_text     (PfReportFormat  format);

/* "<connection>-readiness-<YYYY-MM-DD>.<extension>": the connection's name
 * made safe for a file name, the report's local date */
char       *pf_report_dup_file_name      (PfReport       *report,
                                          PfReportFormat  format);

/* The report in @format as bytes (PDF laid out on @paper; @paper is
 * ignored by the other formats). Blocking; any thread. */
GBytes     *pf_report_render             (PfReport       *report,
                                          PfReportFormat  format,
                                          PfReportPaper   paper,
                                          GCancellable   *cancellable,
                                          GError        **error);
/* Writes @bytes (a rendered report) to @file the way pf_report_export()
 * does; errors name the file. For the CLI's own text format. */
gboolean    pf_report_write_file         (GFile          *file,
                                          GBytes         *bytes,
                                          GCancellable   *cancellable,
                                          GError        **error);
/* Renders and writes @file; errors name the file ("Could not write the
 * report to “x.pdf”: …"). Blocking; any thread. */
gboolean    pf_report_export             (PfReport       *report,
                                          PfReportFormat  format,
                                          PfReportPaper   paper,
                                          GFile          *file,
                                          GCancellable   *cancellable,
                                          GError        **error);
/* The same in a worker thread */
void        pf_report_export_async       (PfReport            *report,
                                          PfReportFormat       format,
                                          PfReportPaper        paper,
                                          GFile               *file,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean    pf_report_export_finish      (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
