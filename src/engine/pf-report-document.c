/* pf-report-document.c — a readiness report as a list of blocks, ready for any format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-report-document"

#include "config.h"

#include "pf-report-document.h"

struct _PfReportDocument
{
  GObject        parent_instance;

  char          *title;
  char          *author;
  char          *header;
  GDateTime     *created;
  PfReportCover  cover;
  GPtrArray     *blocks;  /* PfReportBlock */
};

G_DEFINE_FINAL_TYPE (PfReportDocument, pf_report_document, G_TYPE_OBJECT)

const char *
pf_report_tone_to_string (PfReportTone tone)
{
  switch (tone)
    {
    case PF_REPORT_TONE_GOOD:
      return "good";
    case PF_REPORT_TONE_WARNING:
      return "warning";
    case PF_REPORT_TONE_BAD:
      return "bad";
    case PF_REPORT_TONE_NEUTRAL:
    default:
      return "neutral";
    }
}

static void
fact_free (PfReportFact *fact)
{
  g_free (fact->label);
  g_free (fact->value);
  g_free (fact);
}

static void
column_free (PfReportColumn *column)
{
  g_free (column->title);
  g_free (column);
}

static void
row_free (PfReportRow *row)
{
  g_strfreev (row->cells);
  g_free (row);
}

static void
block_free (PfReportBlock *block)
{
  g_free (block->anchor);
  g_free (block->text);
  g_free (block->caption);
  g_strfreev (block->items);
  g_clear_pointer (&block->facts, g_ptr_array_unref);
  g_clear_pointer (&block->columns, g_ptr_array_unref);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

static void
pf_report_document_finalize (GObject *object)
{
  PfReportDocument *self = PF_REPORT_DOCUMENT (object);

  g_free (self->title);
  g_free (self->author);
  g_free (self->header);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_free (self->cover.product);
  g_free (self->cover.title);
  g_free (self->cover.connection);
  g_free (self->cover.environment);
  g_free (self->cover.verdict);
  g_free (self->cover.verdict_sentence);
  g_ptr_array_unref (self->cover.facts);
  g_ptr_array_unref (self->blocks);

  G_OBJECT_CLASS (pf_report_document_parent_class)->finalize (object);
}

static void
pf_report_document_class_init (PfReportDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_report_document_finalize;
}

static void
pf_report_document_init (PfReportDocument *self)
{
  self->cover.facts = g_ptr_array_new_with_free_func ((GDestroyNotify) fact_free);
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
}

PfReportDocument *
pf_report_document_new (void)
{
  return g_object_new (PF_TYPE_REPORT_DOCUMENT, NULL);
}

void
pf_report_document_set_metadata (PfReportDocument *self,
                                 const char       *title,
                                 const char       *author,
                                 const char       *header,
                                 GDateTime        *created)
{
  g_return_if_fail (PF_IS_REPORT_DOCUMENT (self));

  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->author);
  self->author = g_strdup (author);
  g_free (self->header);
  self->header = g_strdup (header);
  g_clear_pointer (&self->created, g_date_time_unref);
  if (created != NULL)
    self->created = g_date_time_ref (created);
}

const char *
pf_report_document_get_title (PfReportDocument *self)
{
  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), NULL);

  return self->title;
}

const char *
pf_report_document_get_author (PfReportDocument *self)
{
  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), NULL);

  return self->author;
}

const char *
pf_report_document_get_header (PfReportDocument *self)
{
  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), NULL);

  return self->header;
}

GDateTime *
pf_report_document_get_created (PfReportDocument *self)
{
  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), NULL);

  return self->created;
}

PfReportCover *
pf_report_document_get_cover (PfReportDocument *self)
{
  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), NULL);

  return &self->cover;
}

static PfReportFact *
fact_new (const char *label,
          const char *value,
          gboolean    monospace)
{
  PfReportFact *fact = g_new0 (PfReportFact, 1);

  fact->label = g_strdup (label);
  fact->value = g_strdup (value != NULL ? value : "");
  fact->monospace = monospace;
  fact->tone = PF_REPORT_TONE_NEUTRAL;

  return fact;
}

void
pf_report_cover_add_fact (PfReportCover *cover,
                          const char    *label,
                          const char    *value,
                          gboolean       monospace)
{
  g_return_if_fail (cover != NULL);

  g_ptr_array_add (cover->facts, fact_new (label, value, monospace));
}

guint
pf_report_document_get_n_blocks (PfReportDocument *self)
{
  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), 0);

  return self->blocks->len;
}

const PfReportBlock *
pf_report_document_get_block (PfReportDocument *self,
                              guint             index)
{
  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);

  return g_ptr_array_index (self->blocks, index);
}

static PfReportBlock *
add_block (PfReportDocument  *self,
           PfReportBlockKind  kind)
{
  PfReportBlock *block = g_new0 (PfReportBlock, 1);

  block->kind = kind;
  block->style = PF_REPORT_TEXT_BODY;
  block->tone = PF_REPORT_TONE_NEUTRAL;
  g_ptr_array_add (self->blocks, block);

  return block;
}

PfReportBlock *
pf_report_document_add_heading (PfReportDocument *self,
                                guint             level,
                                const char       *anchor,
                                const char       *text)
{
  PfReportBlock *block;

  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), NULL);
  g_return_val_if_fail (level >= 1 && level <= 3, NULL);

  block = add_block (self, PF_REPORT_BLOCK_HEADING);
  block->level = level;
  block->anchor = g_strdup (anchor);
  block->text = g_strdup (text);

  return block;
}

PfReportBlock *
pf_report_document_add_paragraph (PfReportDocument  *self,
                                  PfReportTextStyle  style,
                                  const char        *text)
{
  PfReportBlock *block;

  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), NULL);

  block = add_block (self, PF_REPORT_BLOCK_PARAGRAPH);
  block->style = style;
  block->text = g_strdup (text);

  return block;
}

PfReportBlock *
pf_report_document_add_paragraphf (PfReportDocument  *self,
                                   PfReportTextStyle  style,
                                   const char        *format,
                                   ...)
{
  PfReportBlock *block;
  va_list args;

  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), NULL);

  block = add_block (self, PF_REPORT_BLOCK_PARAGRAPH);
  block->style = style;
  va_start (args, format);
  block->text = g_strdup_vprintf (format, args);
  va_end (args);

  return block;
}

PfReportBlock *
pf_report_document_add_list (PfReportDocument *self)
{
  PfReportBlock *block;

  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), NULL);

  block = add_block (self, PF_REPORT_BLOCK_LIST);
  block->items = g_new0 (char *, 1);

  return block;
}

PfReportBlock *
pf_report_document_add_facts (PfReportDocument *self)
{
  PfReportBlock *block;

  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), NULL);

  block = add_block (self, PF_REPORT_BLOCK_FACTS);
  block->facts = g_ptr_array_new_with_free_func ((GDestroyNotify) fact_free);

  return block;
}

PfReportBlock *
pf_report_document_add_table (PfReportDocument *self,
                              const char       *caption)
{
  PfReportBlock *block;

  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), NULL);

  block = add_block (self, PF_REPORT_BLOCK_TABLE);
  block->caption = g_strdup (caption);
  block->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  return block;
}

PfReportBlock *
pf_report_document_add_code (PfReportDocument *self,
                             const char       *caption,
                             const char       *code)
{
  PfReportBlock *block;

  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), NULL);

  block = add_block (self, PF_REPORT_BLOCK_CODE);
  block->caption = g_strdup (caption);
  block->text = g_strdup (code);

  return block;
}

PfReportBlock *
pf_report_document_add_notice (PfReportDocument *self,
                               PfReportTone      tone,
                               const char       *title,
                               const char       *text)
{
  PfReportBlock *block;

  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (self), NULL);

  block = add_block (self, PF_REPORT_BLOCK_NOTICE);
  block->tone = tone;
  block->caption = g_strdup (title);
  block->text = g_strdup (text);

  return block;
}

void
pf_report_block_add_item (PfReportBlock *block,
                          const char    *item)
{
  guint n;

  g_return_if_fail (block != NULL && block->kind == PF_REPORT_BLOCK_LIST);

  n = g_strv_length (block->items);
  block->items = g_renew (char *, block->items, n + 2);
  block->items[n] = g_strdup (item);
  block->items[n + 1] = NULL;
}

PfReportFact *
pf_report_block_add_fact (PfReportBlock *block,
                          const char    *label,
                          const char    *value,
                          gboolean       monospace)
{
  PfReportFact *fact;

  g_return_val_if_fail (block != NULL && block->kind == PF_REPORT_BLOCK_FACTS, NULL);

  fact = fact_new (label, value, monospace);
  g_ptr_array_add (block->facts, fact);

  return fact;
}

void
pf_report_block_add_column (PfReportBlock *block,
                            const char    *title,
                            double         width,
                            gboolean       numeric,
                            gboolean       monospace)
{
  PfReportColumn *column;

  g_return_if_fail (block != NULL && block->kind == PF_REPORT_BLOCK_TABLE);
  g_return_if_fail (block->rows->len == 0);
  g_return_if_fail (width > 0);

  column = g_new0 (PfReportColumn, 1);
  column->title = g_strdup (title);
  column->width = width;
  column->numeric = numeric;
  column->monospace = monospace;
  g_ptr_array_add (block->columns, column);
}

void
pf_report_block_add_row (PfReportBlock      *block,
                         PfReportTone        tone,
                         const char * const *cells)
{
  PfReportRow *row;

  g_return_if_fail (block != NULL && block->kind == PF_REPORT_BLOCK_TABLE);
  g_return_if_fail (cells != NULL);

  row = g_new0 (PfReportRow, 1);
  row->tone = tone;
  row->cells = g_new0 (char *, block->columns->len + 1);
  for (guint i = 0; i < block->columns->len; i++)
    row->cells[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (block->rows, row);
}
