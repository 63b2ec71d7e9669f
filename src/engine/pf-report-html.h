/* pf-report-html.h — a report document as one self-contained HTML file
 *
 * Inline CSS only (no scripts, fonts, images or any other request), a
 * print stylesheet so a browser's Print to PDF paginates like the PDF
 * (cover on its own page, table headers repeated, appendix on a new page),
 * dark-mode aware on screen. Every string is escaped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-report-document.h"

G_BEGIN_DECLS

/* UTF-8, starting with <!DOCTYPE html> */
char *pf_report_html_render (PfReportDocument *document);

G_END_DECLS
