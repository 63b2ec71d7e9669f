/* pf-report-markdown.h — a report document as Markdown, for pasting into tickets
 *
 * CommonMark with GitHub-style pipe tables. Every string is escaped so a
 * value from the database can neither format nor break the document
 * (“|”, “*”, “_”, “<”, “`”, “[”, line breaks inside cells, …).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-report-document.h"

G_BEGIN_DECLS

/* UTF-8 */
char *pf_report_markdown_render (PfReportDocument *document);

G_END_DECLS
