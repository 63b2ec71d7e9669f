/* pf-report-markdown.c — a report document as Markdown, for pasting into tickets
 *
 * CommonMark plus GitHub's pipe tables, and nothing a ticket system might
 * render differently: no raw HTML, no footnotes, no attributes. Plain
 * strings are backslash-escaped wherever a character could start syntax
 * (CommonMark lets any ASCII punctuation be escaped, so erring on the side
 * of escaping never shows a stray backslash); code keeps its characters
 * inside fences and spans longer than any run of backticks it contains.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-report-markdown"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-report-markdown.h"

#define REPLACEMENT_CHARACTER "\xef\xbf\xbd"

/* A copy that is valid UTF-8, with LF line ends and no control characters
 * but tab and LF */
static char *
dup_clean (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\r')
        {
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
        }
      else if (c == '\t' || c == '\n')
        g_string_append_c (out, (char) c);
      else if (c < 0x20 || c == 0x7f)
        g_string_append (out, REPLACEMENT_CHARACTER);
      else if (c == 0xc2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
        {
          g_string_append (out, REPLACEMENT_CHARACTER);
          p++;
        }
      else
        g_string_append_c (out, (char) c);
    }

  return g_string_free (out, FALSE);
}

/* Characters that start or end syntax anywhere in a line: emphasis, code,
 * links and images, raw HTML and autolinks, entities, headings' closing
 * sequences, blockquotes, table cells, strikethrough and attribute lists */
static gboolean
is_special (char c)
{
  return c != '\0' && strchr ("\\`*_[]<>&#|~{}", c) != NULL;
}

/* One line of plain text. At the start of a line also what would make it a
 * list item, a thematic break or a setext underline. */
static void
append_escaped_line (GString    *out,
                     const char *line,
                     gsize       length,
                     gboolean    line_start)
{
  gsize i = 0;

  if (line_start && length > 0)
    {
      gsize digits = 0;

      if (line[0] == '-' || line[0] == '+' || line[0] == '=')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, line[0]);
          i = 1;
        }
      else
        {
          /* “1.” and “1)” start an ordered list */
          while (digits < length && g_ascii_isdigit (line[digits]))
            digits++;
          if (digits > 0 && digits < length && (line[digits] == '.' || line[digits] == ')'))
            {
              g_string_append_len (out, line, digits);
              g_string_append_c (out, '\\');
              g_string_append_c (out, line[digits]);
              i = digits + 1;
            }
        }
    }

  for (; i < length; i++)
    {
      /* Inside a word “_” can neither open nor close emphasis
       * (“scheduling_shift” reads as it is) */
      gboolean in_word = line[i] == '_' && i > 0 && i + 1 < length &&
                         g_ascii_isalnum (line[i - 1]) && g_ascii_isalnum (line[i + 1]);

      if (is_special (line[i]) && !in_word)
        g_string_append_c (out, '\\');
      g_string_append_c (out, line[i]);
    }
}

/* Plain text, escaped. Each line is stripped of the blanks around it (four
 * leading spaces would make code) and empty lines are dropped, so the
 * text stays one paragraph, item or quote. With @continuation NULL the
 * lines are joined with a space (a heading, a table cell, a label); else
 * each further line starts with @continuation (“  ” in a list item, “> ”
 * in a quote). @line_start: the text begins a line. */
static void
append_text (GString    *out,
             const char *text,
             gboolean    line_start,
             const char *continuation)
{
  g_autofree char *clean = dup_clean (text);
  g_auto(GStrv) lines = g_strsplit (clean, "\n", -1);
  gboolean first = TRUE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        continue;

      if (!first)
        {
          if (continuation != NULL)
            {
              g_string_append_c (out, '\n');
              g_string_append (out, continuation);
            }
          else
            g_string_append_c (out, ' ');
        }

      /* A further line starts a line only when it is not joined on */
      append_escaped_line (out, line, strlen (line), first ? line_start : continuation != NULL);
      first = FALSE;
    }
}

static guint
longest_backtick_run (const char *text)
{
  guint longest = 0;
  guint run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '`')
        {
          run++;
          longest = MAX (longest, run);
        }
      else
        run = 0;
    }

  return longest;
}

/* An inline code span on one line. @in_table: “|” as “\|”, which GitHub's
 * tables read back as “|” even inside code. */
static void
append_code_span (GString    *out,
                  const char *text,
                  gboolean    in_table)
{
  g_autofree char *clean = dup_clean (text);
  g_autofree char *fence = NULL;
  gboolean pad;
  gsize length;

  /* A span cannot hold a line break */
  g_strdelimit (clean, "\n\t", ' ');
  length = strlen (clean);
  if (length == 0)
    return;

  fence = g_strnfill (longest_backtick_run (clean) + 1, '`');
  /* One space each side is taken off again by the reader */
  pad = clean[0] == '`' || clean[0] == ' ' || clean[length - 1] == '`' || clean[length - 1] == ' ';

  g_string_append (out, fence);
  if (pad)
    g_string_append_c (out, ' ');
  for (const char *p = clean; *p != '\0'; p++)
    {
      if (in_table && *p == '|')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  if (pad)
    g_string_append_c (out, ' ');
  g_string_append (out, fence);
}

/* “- **Label:** value” */
static void
append_facts (GString   *out,
              GPtrArray *facts)
{
  if (facts == NULL || facts->len == 0)
    return;

  for (guint i = 0; i < facts->len; i++)
    {
      const PfReportFact *fact = g_ptr_array_index (facts, i);
      /* TRANSLATORS: a label before its value in a list, as in “Database: rota.db” */
      g_autofree char *label = g_strdup_printf (_("%s:"), fact->label != NULL ? fact->label : "");

      g_string_append (out, "- **");
      append_text (out, label, FALSE, NULL);
      g_string_append (out, "** ");
      if (fact->monospace)
        append_code_span (out, fact->value, FALSE);
      else
        append_text (out, fact->value, FALSE, NULL);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
append_cover (GString          *out,
              PfReportDocument *document)
{
  PfReportCover *cover = pf_report_document_get_cover (document);
  const char *title = pf_report_document_get_title (document);
  g_autoptr(GPtrArray) line = g_ptr_array_new ();

  if (title == NULL)
    title = cover->title;
  if (title == NULL)
    title = _("Readiness report");

  g_string_append (out, "# ");
  append_text (out, title, FALSE, NULL);
  g_string_append (out, "\n\n");

  /* “Preflight 0.1.0 · Rota production · Production” */
  if (cover->product != NULL)
    g_ptr_array_add (line, cover->product);
  if (cover->connection != NULL)
    g_ptr_array_add (line, cover->connection);
  if (cover->environment != NULL)
    g_ptr_array_add (line, cover->environment);
  for (guint i = 0; i < line->len; i++)
    {
      if (i > 0)
        g_string_append (out, " · ");
      append_text (out, g_ptr_array_index (line, i), i == 0, NULL);
    }
  if (line->len > 0)
    g_string_append (out, "\n\n");

  if (cover->verdict != NULL)
    {
      /* TRANSLATORS: %s is the verdict, “NO-GO”, “GO WITH WARNINGS”, “GO” or “INCOMPLETE” */
      g_autofree char *verdict = g_strdup_printf (_("Verdict: %s"), cover->verdict);

      g_string_append (out, "**");
      append_text (out, verdict, FALSE, NULL);
      g_string_append (out, "**");
      if (cover->verdict_sentence != NULL && *cover->verdict_sentence != '\0')
        {
          g_string_append (out, " — ");
          append_text (out, cover->verdict_sentence, FALSE, NULL);
        }
      g_string_append (out, "\n\n");
    }

  append_facts (out, cover->facts);
}

static void
append_heading (GString             *out,
                const PfReportBlock *block,
                guint                number)
{
  guint level = CLAMP (block->level, 1, 3);

  /* The title is the one “#”: level 1 headings are “##”, and so on */
  g_string_append (out, level == 1 ? "## " : level == 2 ? "### " : "#### ");
  if (level == 1)
    g_string_append_printf (out, "%u. ", number);
  append_text (out, block->text, FALSE, NULL);
  g_string_append (out, "\n\n");
}

static void
append_paragraph (GString             *out,
                  const PfReportBlock *block)
{
  g_autofree char *clean = dup_clean (block->text);

  if (*g_strstrip (clean) == '\0')
    return;

  if (block->style == PF_REPORT_TEXT_NOTE)
    {
      /* Emphasis cannot span paragraphs: one line */
      g_string_append_c (out, '*');
      append_text (out, clean, FALSE, NULL);
      g_string_append_c (out, '*');
    }
  else
    append_text (out, clean, TRUE, "");
  g_string_append (out, "\n\n");
}

static void
append_list (GString             *out,
             const PfReportBlock *block)
{
  gboolean any = FALSE;

  for (guint i = 0; block->items != NULL && block->items[i] != NULL; i++)
    {
      g_string_append (out, "- ");
      append_text (out, block->items[i], TRUE, "  ");
      g_string_append_c (out, '\n');
      any = TRUE;
    }
  if (any)
    g_string_append_c (out, '\n');
}

static void
append_cell (GString    *out,
             const char *text,
             gboolean    monospace)
{
  g_string_append_c (out, ' ');
  /* A table row is split before its code is read, and a backslash pairs
   * with the next punctuation (another backslash too): a code span cannot
   * hold “\|”, plain text can */
  if (monospace && (text == NULL || strstr (text, "\\|") == NULL))
    append_code_span (out, text, TRUE);
  else
    append_text (out, text, FALSE, NULL);
  g_string_append (out, " |");
}

static void
append_table (GString             *out,
              const PfReportBlock *block)
{
  GPtrArray *columns = block->columns;

  if (columns == NULL || columns->len == 0)
    return;

  if (block->caption != NULL && *block->caption != '\0')
    {
      g_string_append (out, "**");
      append_text (out, block->caption, FALSE, NULL);
      g_string_append (out, "**\n\n");
    }

  g_string_append_c (out, '|');
  for (guint i = 0; i < columns->len; i++)
    append_cell (out, ((PfReportColumn *) g_ptr_array_index (columns, i))->title, FALSE);
  g_string_append (out, "\n|");
  for (guint i = 0; i < columns->len; i++)
    {
      const PfReportColumn *column = g_ptr_array_index (columns, i);

      g_string_append (out, column->numeric ? " ---: |" : " --- |");
    }
  g_string_append_c (out, '\n');

  for (guint r = 0; block->rows != NULL && r < block->rows->len; r++)
    {
      const PfReportRow *row = g_ptr_array_index (block->rows, r);

      g_string_append_c (out, '|');
      for (guint i = 0; i < columns->len; i++)
        {
          const PfReportColumn *column = g_ptr_array_index (columns, i);

          append_cell (out, row->cells[i], column->monospace);
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
append_code (GString             *out,
             const PfReportBlock *block)
{
  g_autofree char *clean = dup_clean (block->text);
  g_autofree char *fence = NULL;

  if (block->caption != NULL && *block->caption != '\0')
    {
      g_string_append (out, "**");
      append_text (out, block->caption, FALSE, NULL);
      g_string_append (out, "**\n\n");
    }

  /* Longer than any run of backticks inside, so none of them closes it */
  fence = g_strnfill (MAX (3, longest_backtick_run (clean) + 1), '`');
  g_string_append (out, fence);
  g_string_append_c (out, '\n');
  g_string_append (out, clean);
  if (*clean != '\0' && !g_str_has_suffix (clean, "\n"))
    g_string_append_c (out, '\n');
  g_string_append (out, fence);
  g_string_append (out, "\n\n");
}

static void
append_notice (GString             *out,
               const PfReportBlock *block)
{
  gboolean title = block->caption != NULL && *block->caption != '\0';

  if (title)
    {
      g_string_append (out, "> **");
      append_text (out, block->caption, FALSE, NULL);
      g_string_append (out, "**\n");
    }
  if (block->text != NULL && *block->text != '\0')
    {
      if (title)
        g_string_append (out, ">\n");
      g_string_append (out, "> ");
      append_text (out, block->text, TRUE, "> ");
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

char *
pf_report_markdown_render (PfReportDocument *document)
{
  g_autoptr(GString) out = NULL;
  guint n_blocks;
  guint number = 0;

  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (document), NULL);

  out = g_string_sized_new (32 * 1024);
  n_blocks = pf_report_document_get_n_blocks (document);

  append_cover (out, document);

  for (guint i = 0; i < n_blocks; i++)
    {
      const PfReportBlock *block = pf_report_document_get_block (document, i);

      /* Tickets have no pages: a rule where the PDF turns one */
      if (block->new_page)
        g_string_append (out, "---\n\n");

      switch (block->kind)
        {
        case PF_REPORT_BLOCK_HEADING:
          if (block->level == 1)
            number++;
          append_heading (out, block, number);
          break;
        case PF_REPORT_BLOCK_PARAGRAPH:
          append_paragraph (out, block);
          break;
        case PF_REPORT_BLOCK_LIST:
          append_list (out, block);
          break;
        case PF_REPORT_BLOCK_FACTS:
          append_facts (out, block->facts);
          break;
        case PF_REPORT_BLOCK_TABLE:
          append_table (out, block);
          break;
        case PF_REPORT_BLOCK_CODE:
          append_code (out, block);
          break;
        case PF_REPORT_BLOCK_NOTICE:
          append_notice (out, block);
          break;
        default:
          g_warn_if_reached ();
          break;
        }
    }

  /* One newline at the end, not a blank line */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
