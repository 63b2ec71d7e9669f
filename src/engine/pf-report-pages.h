/* pf-report-pages.h — a report document laid out on pages: the PDF, the print-out and the preview
 *
 * Drawn with cairo and pango only (no GTK), so the CLI writes PDFs headless
 * and the app prints and previews exactly the same pages. Text is laid out
 * at 72 units per inch with hinting off, so a page looks the same on a PDF
 * surface, a printer's cairo context and an image.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "pf-report-document.h"

G_BEGIN_DECLS

typedef enum {
  PF_REPORT_PAPER_A4,
  PF_REPORT_PAPER_LETTER,
} PfReportPaper;

/* "a4", "letter" */
const char *pf_report_paper_to_string   (PfReportPaper  paper);
gboolean    pf_report_paper_from_string (const char    *string,
                                         PfReportPaper *out_paper);
/* In points (1/72 inch): A4 595.28 × 841.89, Letter 612 × 792 */
void        pf_report_paper_get_size    (PfReportPaper  paper,
                                         double        *width,
                                         double        *height);

#define PF_TYPE_REPORT_PAGES (pf_report_pages_get_type ())
G_DECLARE_FINAL_TYPE (PfReportPages, pf_report_pages, PF, REPORT_PAGES, GObject)

/* Lays @document out on @paper: the cover, then the blocks, tables broken
 * across pages with their header repeated. Blocking (a 2,000-finding report
 * in well under a second); any thread. Returns NULL only when cancelled. */
PfReportPages *pf_report_pages_new          (PfReportDocument *document,
                                             PfReportPaper     paper,
                                             GCancellable     *cancellable,
                                             GError          **error);
PfReportDocument *pf_report_pages_get_document (PfReportPages *self);
PfReportPaper  pf_report_pages_get_paper    (PfReportPages    *self);
guint          pf_report_pages_get_n_pages  (PfReportPages    *self);

/* Draws page @index (0-based) with its header and "Page N of M" footer,
 * in points from the page's top left corner: scale @cr first to draw it
 * at another size. Any thread, one cairo_t per thread. */
void           pf_report_pages_draw_page    (PfReportPages    *self,
                                             cairo_t          *cr,
                                             guint             index);
/* Page @index on a white ARGB32 image @width_px wide (for the preview) */
cairo_surface_t *pf_report_pages_render_image (PfReportPages  *self,
                                               guint           index,
                                               int             width_px);

/* The whole document as PDF to @stream (not closed), with title, author,
 * creator and creation date in its metadata and the level 1 headings as
 * bookmarks. Fonts are embedded (cairo subsets them). Blocking. */
gboolean       pf_report_pages_write_pdf    (PfReportPages    *self,
                                             GOutputStream    *stream,
                                             GCancellable     *cancellable,
                                             GError          **error);

G_END_DECLS
