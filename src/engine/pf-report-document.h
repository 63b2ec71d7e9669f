/* pf-report-document.h — a readiness report as a list of blocks, ready for any format
 *
 * The composer (pf-report-composer.c) decides what a report says, once;
 * the writers (PDF through PfReportPages, HTML, Markdown) decide only how it
 * looks. Every string is plain text exactly as it should read (already
 * translated, never markup): each writer escapes it for its format.
 *
 * A document is built on one thread and then only read, so the app may
 * hand it to a worker thread to lay out or write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The colour a piece of the report carries; writers always show words
 * beside a colour, never the colour alone. */
typedef enum {
  PF_REPORT_TONE_NEUTRAL,
  PF_REPORT_TONE_GOOD,     /* GO, passed, verified */
  PF_REPORT_TONE_WARNING,  /* GO WITH WARNINGS, warnings, open items, INCOMPLETE */
  PF_REPORT_TONE_BAD,      /* NO-GO, blockers, failed */
} PfReportTone;

/* "neutral", "good", "warning", "bad": for CSS class names */
const char *pf_report_tone_to_string (PfReportTone tone);

typedef enum {
  PF_REPORT_BLOCK_HEADING,    /* level, text, anchor */
  PF_REPORT_BLOCK_PARAGRAPH,  /* style, text */
  PF_REPORT_BLOCK_LIST,       /* items: a bulleted list */
  PF_REPORT_BLOCK_FACTS,      /* facts: label → value pairs */
  PF_REPORT_BLOCK_TABLE,      /* caption (may be NULL), columns, rows */
  PF_REPORT_BLOCK_CODE,       /* caption, text: monospace, kept as is */
  PF_REPORT_BLOCK_NOTICE,     /* tone, caption (a bold title, may be NULL), text: a boxed callout */
} PfReportBlockKind;

typedef enum {
  PF_REPORT_TEXT_BODY,
  PF_REPORT_TEXT_LEAD,        /* the executive summary: a little larger */
  PF_REPORT_TEXT_NOTE,        /* smaller and muted: "Counts as of …", "not executed" */
} PfReportTextStyle;

typedef struct
{
  char         *label;
  char         *value;
  gboolean      monospace;    /* identifiers, checksums, paths */
  PfReportTone  tone;         /* NEUTRAL, or the value's colour (a state) */
} PfReportFact;

typedef struct
{
  char         *title;
  double        width;        /* relative share of the table's width */
  gboolean      numeric;      /* right-aligned (counts) */
  gboolean      monospace;    /* identifiers: wrap anywhere, never overflow */
} PfReportColumn;

typedef struct
{
  GStrv         cells;        /* one per column; "" for empty */
  PfReportTone  tone;         /* marks the row (a blocker's row: BAD) */
} PfReportRow;

typedef struct
{
  PfReportBlockKind kind;
  /* A writer starts this block on a new page where it has pages (the
   * appendix). */
  gboolean          new_page;

  /* HEADING: 1 = a numbered section ("3  What blocks the migration"),
   * 2 = a part of one (a finding), 3 = a small heading inside that.
   * Level 1 headings go into the PDF outline and the HTML contents. */
  guint             level;
  /* HEADING: unique, [a-z0-9-]+, for links ("findings", "finding-12") */
  char             *anchor;

  /* HEADING, PARAGRAPH, CODE, NOTICE */
  char             *text;
  /* TABLE, CODE, NOTICE; may be NULL */
  char             *caption;
  PfReportTextStyle style;    /* PARAGRAPH */
  PfReportTone      tone;     /* NOTICE, and a HEADING's marker (a finding's severity) */

  GStrv             items;    /* LIST */
  GPtrArray        *facts;    /* FACTS: PfReportFact */
  GPtrArray        *columns;  /* TABLE: PfReportColumn */
  GPtrArray        *rows;     /* TABLE: PfReportRow */
} PfReportBlock;

/* The first page: what a change board reads before anything else. */
typedef struct
{
  char         *product;           /* "Preflight 0.1.0" */
  char         *title;             /* "Readiness report" */
  char         *connection;        /* "Rota production" */
  char         *environment;       /* "Production", or NULL */
  PfReportTone  environment_tone;  /* Production BAD, Staging WARNING, Development GOOD */
  char         *verdict;           /* "NO-GO", "GO WITH WARNINGS", "GO", "INCOMPLETE" */
  PfReportTone  verdict_tone;
  char         *verdict_sentence;  /* "5 problems block this migration." */
  /* Database, server, date and time with its zone, signed by, fingerprint:
   * PfReportFact, in the order shown */
  GPtrArray    *facts;
} PfReportCover;

#define PF_TYPE_REPORT_DOCUMENT (pf_report_document_get_type ())
G_DECLARE_FINAL_TYPE (PfReportDocument, pf_report_document, PF, REPORT_DOCUMENT, GObject)

PfReportDocument *pf_report_document_new            (void);

/* PDF metadata and the page header: @title "Readiness report — Rota
 * production", @author (the signer, or "Preflight"), @header ("Rota
 * production · 21 November 2026, 10:00 UTC"), @created. */
void              pf_report_document_set_metadata   (PfReportDocument *self,
                                                     const char       *title,
                                                     const char       *author,
                                                     const char       *header,
                                                     GDateTime        *created);
const char       *pf_report_document_get_title      (PfReportDocument *self);
const char       *pf_report_document_get_author     (PfReportDocument *self);
const char       *pf_report_document_get_header     (PfReportDocument *self);
GDateTime        *pf_report_document_get_created    (PfReportDocument *self);

/* The cover, to fill in (strings are owned by the document: set them
 * with pf_report_cover_set() or g_strdup) */
PfReportCover    *pf_report_document_get_cover      (PfReportDocument *self);
void              pf_report_cover_add_fact          (PfReportCover    *cover,
                                                     const char       *label,
                                                     const char       *value,
                                                     gboolean          monospace);

guint                pf_report_document_get_n_blocks (PfReportDocument *self);
const PfReportBlock *pf_report_document_get_block    (PfReportDocument *self,
                                                      guint             index);

/* Builders: each appends a block and returns it for the optional fields
 * (block->new_page, a heading's tone). The strings are copied. */
PfReportBlock    *pf_report_document_add_heading    (PfReportDocument *self,
                                                     guint             level,
                                                     const char       *anchor,
                                                     const char       *text);
PfReportBlock    *pf_report_document_add_paragraph  (PfReportDocument *self,
                                                     PfReportTextStyle style,
                                                     const char       *text);
/* printf-style */
PfReportBlock    *pf_report_document_add_paragraphf (PfReportDocument *self,
                                                     PfReportTextStyle style,
                                                     const char       *format,
                                                     ...) G_GNUC_PRINTF (3, 4);
/* An empty list; pf_report_block_add_item() */
PfReportBlock    *pf_report_document_add_list       (PfReportDocument *self);
/* An empty fact list; pf_report_block_add_fact() */
PfReportBlock    *pf_report_document_add_facts      (PfReportDocument *self);
/* An empty table; pf_report_block_add_column(), then _add_row() */
PfReportBlock    *pf_report_document_add_table      (PfReportDocument *self,
                                                     const char       *caption);
PfReportBlock    *pf_report_document_add_code       (PfReportDocument *self,
                                                     const char       *caption,
                                                     const char       *code);
PfReportBlock    *pf_report_document_add_notice     (PfReportDocument *self,
                                                     PfReportTone      tone,
                                                     const char       *title,
                                                     const char       *text);

void              pf_report_block_add_item          (PfReportBlock    *block,
                                                     const char       *item);
PfReportFact     *pf_report_block_add_fact          (PfReportBlock    *block,
                                                     const char       *label,
                                                     const char       *value,
                                                     gboolean          monospace);
void              pf_report_block_add_column        (PfReportBlock    *block,
                                                     const char       *title,
                                                     double            width,
                                                     gboolean          numeric,
                                                     gboolean          monospace);
/* @cells: exactly one per column (NULL counts as "") */
void              pf_report_block_add_row           (PfReportBlock    *block,
                                                     PfReportTone      tone,
                                                     const char * const *cells);

G_END_DECLS
