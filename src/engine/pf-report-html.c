/* pf-report-html.c — a report document as one self-contained HTML file
 *
 * The markup uses only elements HTML 4 parsers know (div with ARIA roles
 * rather than main, nav or section), so xmllint --html reads it without a
 * complaint; the look comes from one inline stylesheet with the PDF's
 * palette, a dark variant for screens and print rules that paginate the
 * way the PDF does. Nothing in the file asks for anything else: no script,
 * no font, no image, no link but to its own headings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-report-html"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-report-html.h"

#define REPLACEMENT_CHARACTER "\xef\xbf\xbd"

static const char stylesheet[] =
  ":root {\n"
  "  color-scheme: light;\n"
  "  --bg: #ffffff; --text: #1e1e1e; --muted: #5e5c64; --rule: #deddda; --head-bg: #f6f5f4;\n"
  "  --code-bg: #f6f5f4;\n"
  "  --bad: #c01c28; --bad-text: #c01c28; --bad-tint: #fbe7e8;\n"
  "  --warning: #cd9309; --warning-text: #7a5600; --warning-tint: #fcf3dc;\n"
  "  --good: #26a269; --good-text: #1b7a4e; --good-tint: #e3f4ea;\n"
  "  --neutral: #5e5c64; --neutral-text: #1e1e1e; --neutral-tint: #f6f5f4;\n"
  "}\n"
  "@media screen and (prefers-color-scheme: dark) {\n"
  "  :root {\n"
  "    color-scheme: dark;\n"
  "    --bg: #1e1e1e; --text: #f6f5f4; --muted: #c0bfbc; --rule: #48464d; --head-bg: #2e2e32;\n"
  "    --code-bg: #2a2a2e;\n"
  "    --bad-text: #ff7b7b; --bad-tint: #3c2226;\n"
  "    --warning-text: #f5c94c; --warning-tint: #3a3120;\n"
  "    --good-text: #6fdc9c; --good-tint: #1f3529;\n"
  "    --neutral: #9a9996; --neutral-text: #f6f5f4; --neutral-tint: #2e2e32;\n"
  "  }\n"
  "}\n"
  ".tone-bad { --tone: var(--bad); --tone-text: var(--bad-text); --tone-tint: var(--bad-tint); }\n"
  ".tone-warning { --tone: var(--warning); --tone-text: var(--warning-text); --tone-tint: var(--warning-tint); }\n"
  ".tone-good { --tone: var(--good); --tone-text: var(--good-text); --tone-tint: var(--good-tint); }\n"
  ".tone-neutral { --tone: var(--neutral); --tone-text: var(--neutral-text); --tone-tint: var(--neutral-tint); }\n"
  "html {\n"
  "  background: var(--bg); color: var(--text);\n"
  "  font: 10.5pt/1.5 Cantarell, 'DejaVu Sans', system-ui, 'WenQuanYi Micro Hei', sans-serif;\n"
  "  -webkit-text-size-adjust: 100%; text-size-adjust: 100%;\n"
  "}\n"
  "body { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.5rem 4rem; }\n"
  ".mono, code, pre { font-family: 'DejaVu Sans Mono', monospace; }\n"
  ".mono { font-size: 0.92em; overflow-wrap: anywhere; }\n"
  ".running-header { color: var(--muted); font-size: 0.85em; border-bottom: 1px solid var(--rule);\n"
  "  padding-bottom: 0.4em; margin-bottom: 2rem; }\n"
  "\n"
  "/* The cover */\n"
  ".cover { padding: 1rem 0 2rem; }\n"
  ".product { color: var(--muted); font-size: 0.95em; letter-spacing: 0.04em; margin: 0 0 0.3em; }\n"
  ".title { font-size: 2.4em; line-height: 1.15; margin: 0 0 0.4em; font-weight: 800; }\n"
  ".connection { font-size: 1.25em; margin: 0 0 1.5em; }\n"
  ".pill { display: inline-block; vertical-align: 0.12em; margin-left: 0.6em; padding: 0.1em 0.8em;\n"
  "  border-radius: 999px; background: var(--tone); color: #ffffff; font-size: 0.7em; font-weight: bold;\n"
  "  letter-spacing: 0.03em; }\n"
  ".pill.tone-warning { color: #1e1e1e; }\n"
  ".verdict { background: var(--tone); color: #ffffff; border-radius: 12px; padding: 1.4rem 1.8rem;\n"
  "  margin: 0 0 2rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
  ".verdict.tone-warning { color: #1e1e1e; }\n"
  ".verdict-label { margin: 0; font-size: 0.85em; font-weight: bold; text-transform: uppercase;\n"
  "  letter-spacing: 0.08em; opacity: 0.85; }\n"
  ".verdict-word { margin: 0.1em 0 0.2em; font-size: 2.8em; line-height: 1.1; font-weight: 800;\n"
  "  letter-spacing: 0.02em; }\n"
  ".verdict-sentence { margin: 0; font-size: 1.2em; }\n"
  "\n"
  "/* Contents */\n"
  ".toc { border: 1px solid var(--rule); border-radius: 8px; padding: 0.8rem 1.2rem; margin: 0 0 2rem; }\n"
  ".toc-title { margin: 0 0 0.4em; font-size: 0.85em; font-weight: bold; text-transform: uppercase;\n"
  "  letter-spacing: 0.06em; color: var(--muted); }\n"
  ".toc ol { list-style: none; margin: 0; padding: 0; }\n"
  ".toc li { margin: 0.15em 0; }\n"
  ".toc a { color: inherit; text-decoration: none; }\n"
  ".toc a:hover .heading-text, .toc a:focus .heading-text { text-decoration: underline; }\n"
  ".toc .num { display: inline-block; min-width: 1.8em; color: var(--muted); }\n"
  "\n"
  "/* Headings */\n"
  "h2, h3, h4 { line-height: 1.25; break-after: avoid; page-break-after: avoid; }\n"
  "h2 { font-size: 1.55em; margin: 2.2em 0 0.7em; padding-bottom: 0.25em; border-bottom: 2px solid var(--rule); }\n"
  "h2 .num { color: var(--muted); margin-right: 0.15em; font-variant-numeric: tabular-nums; }\n"
  "h3 { font-size: 1.2em; margin: 1.8em 0 0.5em; }\n"
  "h4 { font-size: 1em; margin: 1.3em 0 0.4em; color: var(--muted); }\n"
  ".marker { display: inline-block; width: 0.6em; height: 0.6em; border-radius: 50%;\n"
  "  background: var(--tone); margin-right: 0.5em; vertical-align: 0.1em; }\n"
  "\n"
  "/* Text */\n"
  "p, li, dd, td, th, .notice-text { white-space: pre-line; }\n"
  "p { margin: 0.6em 0; }\n"
  "p.lead { font-size: 1.15em; line-height: 1.55; }\n"
  "p.note { font-size: 0.88em; color: var(--muted); }\n"
  "ul { margin: 0.6em 0; padding-left: 1.4em; }\n"
  "li { margin: 0.2em 0; }\n"
  "\n"
  "/* Facts */\n"
  "dl.facts { margin: 1em 0; border-top: 1px solid var(--rule); }\n"
  "dl.facts > div { display: grid; grid-template-columns: minmax(8rem, 32%) 1fr; gap: 1rem;\n"
  "  padding: 0.35em 0; border-bottom: 1px solid var(--rule); break-inside: avoid; page-break-inside: avoid; }\n"
  "dl.facts dt { color: var(--muted); }\n"
  "dl.facts dd { margin: 0; overflow-wrap: anywhere; unicode-bidi: plaintext; }\n"
  "dl.facts dd.tone-bad, dl.facts dd.tone-warning, dl.facts dd.tone-good { color: var(--tone-text); font-weight: bold; }\n"
  ".cover dl.facts { font-size: 1.05em; }\n"
  "\n"
  "/* Tables */\n"
  "table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0.8em 0 1.4em; font-size: 0.92em; }\n"
  "caption { caption-side: top; text-align: left; font-weight: bold; padding: 0 0 0.4em; }\n"
  "th { background: var(--head-bg); text-align: left; vertical-align: bottom; font-weight: bold;\n"
  "  padding: 0.4em 0.6em; border-bottom: 1px solid var(--rule); overflow-wrap: break-word; }\n"
  "td { text-align: start; vertical-align: top; padding: 0.4em 0.6em; border-bottom: 1px solid var(--rule);\n"
  "  overflow-wrap: break-word; unicode-bidi: plaintext; }\n"
  "th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
  "td.mono { overflow-wrap: anywhere; }\n"
  "tr.tone-bad > td:first-child, tr.tone-warning > td:first-child, tr.tone-good > td:first-child {\n"
  "  border-left: 3px solid var(--tone); }\n"
  "\n"
  "/* Code */\n"
  ".code { margin: 1em 0; }\n"
  ".code-caption { margin: 0 0 0.3em; font-size: 0.9em; font-weight: bold; color: var(--muted); }\n"
  "pre { margin: 0; padding: 0.8em 1em; background: var(--code-bg); border: 1px solid var(--rule);\n"
  "  border-radius: 6px; font-size: 0.85em; line-height: 1.45; white-space: pre-wrap; overflow-wrap: anywhere; }\n"
  "\n"
  "/* Notices */\n"
  ".notice { margin: 1em 0; padding: 0.8em 1em; background: var(--tone-tint); border-left: 4px solid var(--tone);\n"
  "  border-radius: 0 6px 6px 0; break-inside: avoid; page-break-inside: avoid; }\n"
  ".notice-title { margin: 0 0 0.3em; font-weight: bold; color: var(--tone-text); }\n"
  ".notice-text { margin: 0; }\n"
  "\n"
  "/* Print: the PDF's pages */\n"
  "@page { size: A4; margin: 20mm; }\n"
  "@media print {\n"
  "  html { font-size: 10pt; background: #ffffff; }\n"
  "  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
  "  body { max-width: none; margin: 0; padding: 0; }\n"
  "  .running-header, .toc { display: none; }\n"
  "  .cover { padding: 0; break-after: page; page-break-after: always; }\n"
  "  .title { margin-top: 25mm; }\n"
  "  h2 { margin-top: 1.6em; }\n"
  "  thead { display: table-header-group; }\n"
  "  tr, dl.facts > div, .code-caption { break-inside: avoid; page-break-inside: avoid; }\n"
  "  caption, .code-caption, .notice-title { break-after: avoid; page-break-after: avoid; }\n"
  "  pre { break-inside: auto; }\n"
  "  .new-page { break-before: page; page-break-before: always; }\n"
  "  .content > .new-page:first-child { break-before: auto; page-break-before: auto; }\n"
  "  a { color: inherit; text-decoration: none; }\n"
  "}\n";

/* Text content and attribute values: the five specials as references;
 * control characters (not allowed in HTML) as U+FFFD; CR LF and CR as LF,
 * as a browser would read them anyway; invalid UTF-8 made valid. */
static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&#39;");
          break;
        case '\r':
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
          break;
        case '\t':
        case '\n':
          g_string_append_c (out, (char) c);
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append (out, REPLACEMENT_CHARACTER);
          else if (c == 0xc2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
            {
              /* U+0080 … U+009F */
              g_string_append (out, REPLACEMENT_CHARACTER);
              p++;
            }
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
}

/* <tag class="…">text</tag> */
static void
append_element (GString    *out,
                const char *tag,
                const char *klass,
                const char *text)
{
  g_string_append_printf (out, "<%s", tag);
  if (klass != NULL)
    g_string_append_printf (out, " class=\"%s\"", klass);
  g_string_append_c (out, '>');
  append_escaped (out, text);
  g_string_append_printf (out, "</%s>", tag);
}

static const char *
tone_class (PfReportTone tone)
{
  switch (tone)
    {
    case PF_REPORT_TONE_GOOD:
      return "tone-good";
    case PF_REPORT_TONE_WARNING:
      return "tone-warning";
    case PF_REPORT_TONE_BAD:
      return "tone-bad";
    case PF_REPORT_TONE_NEUTRAL:
    default:
      return "tone-neutral";
    }
}

/* The language the report's words are in: the translation's, which says
 * so itself, so an untranslated report never claims another language. */
static const char *
document_language (void)
{
  /* TRANSLATORS: the language code of this translation (“pl”, “pt-BR”),
   * written into reports as <html lang="…">. Translate it as your code. */
  const char *language = C_("html-lang", "en");

  if (*language == '\0')
    return "en";
  for (const char *p = language; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return "en";

  return language;
}

/* The id of a level 1 heading for the contents: its anchor, or one made up */
static char *
dup_heading_id (const PfReportBlock *block,
                guint                index)
{
  if (block->anchor != NULL && *block->anchor != '\0')
    return g_strdup (block->anchor);

  return g_strdup_printf ("pf-block-%u", index);
}

static void
append_facts (GString   *out,
              GPtrArray *facts)
{
  if (facts == NULL || facts->len == 0)
    return;

  g_string_append (out, "<dl class=\"facts\">\n");
  for (guint i = 0; i < facts->len; i++)
    {
      const PfReportFact *fact = g_ptr_array_index (facts, i);
      g_autofree char *klass = NULL;

      klass = g_strjoin (" ",
                         fact->monospace ? "mono" : "",
                         fact->tone != PF_REPORT_TONE_NEUTRAL ? tone_class (fact->tone) : "",
                         NULL);
      g_strstrip (klass);

      g_string_append (out, "<div>");
      append_element (out, "dt", NULL, fact->label);
      append_element (out, "dd", *klass != '\0' ? klass : NULL, fact->value);
      g_string_append (out, "</div>\n");
    }
  g_string_append (out, "</dl>\n");
}

static void
append_cover (GString          *out,
              PfReportDocument *document)
{
  PfReportCover *cover = pf_report_document_get_cover (document);

  g_string_append (out, "<div class=\"cover\" role=\"region\" aria-label=\"");
  /* TRANSLATORS: the accessible name of a report's first page */
  append_escaped (out, _("Cover"));
  g_string_append (out, "\">\n");

  if (cover->product != NULL)
    {
      append_element (out, "p", "product", cover->product);
      g_string_append_c (out, '\n');
    }
  if (cover->title != NULL)
    {
      append_element (out, "h1", "title", cover->title);
      g_string_append_c (out, '\n');
    }
  if (cover->connection != NULL || cover->environment != NULL)
    {
      g_string_append (out, "<p class=\"connection\">");
      if (cover->connection != NULL)
        append_element (out, "span", "connection-name", cover->connection);
      if (cover->environment != NULL)
        {
          g_autofree char *klass = g_strconcat ("pill ", tone_class (cover->environment_tone), NULL);

          append_element (out, "span", klass, cover->environment);
        }
      g_string_append (out, "</p>\n");
    }

  if (cover->verdict != NULL)
    {
      g_string_append_printf (out, "<div class=\"verdict %s\">\n",
                              tone_class (cover->verdict_tone));
      /* TRANSLATORS: the small label above “NO-GO”, “GO” … on a report's cover */
      append_element (out, "p", "verdict-label", _("Verdict"));
      g_string_append_c (out, '\n');
      append_element (out, "p", "verdict-word", cover->verdict);
      g_string_append_c (out, '\n');
      if (cover->verdict_sentence != NULL)
        {
          append_element (out, "p", "verdict-sentence", cover->verdict_sentence);
          g_string_append_c (out, '\n');
        }
      g_string_append (out, "</div>\n");
    }

  append_facts (out, cover->facts);
  g_string_append (out, "</div>\n");
}

static void
append_contents (GString          *out,
                 PfReportDocument *document)
{
  guint n_blocks = pf_report_document_get_n_blocks (document);
  guint number = 0;

  for (guint i = 0; i < n_blocks; i++)
    {
      const PfReportBlock *block = pf_report_document_get_block (document, i);
      g_autofree char *id = NULL;

      if (block->kind != PF_REPORT_BLOCK_HEADING || block->level != 1)
        continue;

      if (number == 0)
        {
          g_string_append (out, "<div class=\"toc\" role=\"navigation\" aria-labelledby=\"pf-contents\">\n");
          g_string_append (out, "<p class=\"toc-title\" id=\"pf-contents\">");
          /* TRANSLATORS: the title of a report's table of contents */
          append_escaped (out, _("Contents"));
          g_string_append (out, "</p>\n<ol>\n");
        }

      number++;
      id = dup_heading_id (block, i);
      g_string_append (out, "<li><a href=\"#");
      append_escaped (out, id);
      g_string_append_printf (out, "\"><span class=\"num\">%u</span> ", number);
      append_element (out, "span", "heading-text", block->text);
      g_string_append (out, "</a></li>\n");
    }

  if (number > 0)
    g_string_append (out, "</ol>\n</div>\n");
}

/* class="a b" for a block's outer element, "" when it has none */
static void
append_class_attribute (GString    *out,
                        const char *klass,
                        gboolean    new_page)
{
  if (klass == NULL && !new_page)
    return;

  g_string_append (out, " class=\"");
  if (klass != NULL)
    g_string_append (out, klass);
  if (klass != NULL && new_page)
    g_string_append_c (out, ' ');
  if (new_page)
    g_string_append (out, "new-page");
  g_string_append_c (out, '"');
}

static void
append_heading (GString             *out,
                const PfReportBlock *block,
                guint                index,
                guint                number)
{
  guint level = CLAMP (block->level, 1, 3);
  g_autofree char *id = NULL;
  const char *klass = NULL;

  /* The cover's title is the one h1: level 1 headings are h2, and so on */
  g_string_append_printf (out, "<h%u", level + 1);
  if (level == 1)
    id = dup_heading_id (block, index);
  else if (block->anchor != NULL && *block->anchor != '\0')
    id = g_strdup (block->anchor);
  if (id != NULL)
    {
      g_string_append (out, " id=\"");
      append_escaped (out, id);
      g_string_append_c (out, '"');
    }
  if (level > 1 && block->tone != PF_REPORT_TONE_NEUTRAL)
    klass = tone_class (block->tone);
  append_class_attribute (out, klass, block->new_page);
  g_string_append_c (out, '>');

  if (level == 1)
    g_string_append_printf (out, "<span class=\"num\">%u</span> ", number);
  else if (klass != NULL)
    g_string_append (out, "<span class=\"marker\" aria-hidden=\"true\"></span>");
  append_element (out, "span", "heading-text", block->text);
  g_string_append_printf (out, "</h%u>\n", level + 1);
}

static void
append_paragraph (GString             *out,
                  const PfReportBlock *block)
{
  const char *klass = NULL;

  if (block->style == PF_REPORT_TEXT_LEAD)
    klass = "lead";
  else if (block->style == PF_REPORT_TEXT_NOTE)
    klass = "note";

  g_string_append (out, "<p");
  append_class_attribute (out, klass, block->new_page);
  g_string_append_c (out, '>');
  append_escaped (out, block->text);
  g_string_append (out, "</p>\n");
}

static void
append_list (GString             *out,
             const PfReportBlock *block)
{
  if (block->items == NULL || block->items[0] == NULL)
    return;

  g_string_append (out, "<ul");
  append_class_attribute (out, NULL, block->new_page);
  g_string_append (out, ">\n");
  for (guint i = 0; block->items != NULL && block->items[i] != NULL; i++)
    {
      append_element (out, "li", NULL, block->items[i]);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "</ul>\n");
}

static void
append_facts_block (GString             *out,
                    const PfReportBlock *block)
{
  if (block->new_page)
    g_string_append (out, "<div class=\"new-page\">\n");
  append_facts (out, block->facts);
  if (block->new_page)
    g_string_append (out, "</div>\n");
}

static const char *
column_class (const PfReportColumn *column)
{
  if (column->numeric && column->monospace)
    return "num mono";
  if (column->numeric)
    return "num";
  if (column->monospace)
    return "mono";
  return NULL;
}

static void
append_table (GString             *out,
              const PfReportBlock *block)
{
  GPtrArray *columns = block->columns;
  double total = 0;

  if (columns == NULL || columns->len == 0)
    return;

  g_string_append (out, "<table");
  append_class_attribute (out, NULL, block->new_page);
  g_string_append (out, ">\n");
  if (block->caption != NULL)
    {
      append_element (out, "caption", NULL, block->caption);
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < columns->len; i++)
    total += ((PfReportColumn *) g_ptr_array_index (columns, i))->width;

  g_string_append (out, "<colgroup>");
  for (guint i = 0; i < columns->len; i++)
    {
      const PfReportColumn *column = g_ptr_array_index (columns, i);
      char share[G_ASCII_DTOSTR_BUF_SIZE];

      /* Never the locale's decimal comma */
      g_ascii_formatd (share, sizeof share, "%.2f",
                       total > 0 ? 100.0 * column->width / total : 100.0 / columns->len);
      g_string_append_printf (out, "<col style=\"width: %s%%\">", share);
    }
  g_string_append (out, "</colgroup>\n");

  g_string_append (out, "<thead><tr>");
  for (guint i = 0; i < columns->len; i++)
    {
      const PfReportColumn *column = g_ptr_array_index (columns, i);

      g_string_append (out, "<th scope=\"col\"");
      if (column->numeric)
        g_string_append (out, " class=\"num\"");
      g_string_append_c (out, '>');
      append_escaped (out, column->title);
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr></thead>\n<tbody>\n");

  for (guint r = 0; block->rows != NULL && r < block->rows->len; r++)
    {
      const PfReportRow *row = g_ptr_array_index (block->rows, r);

      g_string_append (out, "<tr");
      if (row->tone != PF_REPORT_TONE_NEUTRAL)
        g_string_append_printf (out, " class=\"%s\"", tone_class (row->tone));
      g_string_append_c (out, '>');
      for (guint i = 0; i < columns->len; i++)
        append_element (out, "td", column_class (g_ptr_array_index (columns, i)), row->cells[i]);
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

static void
append_code (GString             *out,
             const PfReportBlock *block)
{
  g_string_append (out, "<div");
  append_class_attribute (out, "code", block->new_page);
  g_string_append (out, ">\n");
  if (block->caption != NULL)
    {
      append_element (out, "p", "code-caption", block->caption);
      g_string_append_c (out, '\n');
    }
  /* A newline right after <pre> would be dropped by the parser; after
   * <code> it is kept, so the code reads back exactly */
  g_string_append (out, "<pre><code>");
  append_escaped (out, block->text);
  g_string_append (out, "</code></pre>\n</div>\n");
}

static void
append_notice (GString             *out,
               const PfReportBlock *block)
{
  g_autofree char *klass = g_strconcat ("notice ", tone_class (block->tone), NULL);

  g_string_append (out, "<div");
  append_class_attribute (out, klass, block->new_page);
  g_string_append (out, " role=\"note\">\n");
  if (block->caption != NULL)
    {
      append_element (out, "p", "notice-title", block->caption);
      g_string_append_c (out, '\n');
    }
  if (block->text != NULL)
    {
      append_element (out, "p", "notice-text", block->text);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "</div>\n");
}

static void
append_head (GString          *out,
             PfReportDocument *document)
{
  PfReportCover *cover = pf_report_document_get_cover (document);
  const char *title = pf_report_document_get_title (document);
  const char *author = pf_report_document_get_author (document);
  GDateTime *created = pf_report_document_get_created (document);

  if (title == NULL)
    title = cover->title;
  if (title == NULL)
    title = _("Readiness report");

  g_string_append (out, "<head>\n<meta charset=\"utf-8\">\n");
  g_string_append (out, "<meta http-equiv=\"Content-Security-Policy\" "
                        "content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;\">\n");
  g_string_append (out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  append_element (out, "title", NULL, title);
  g_string_append_c (out, '\n');
  if (author != NULL)
    {
      g_string_append (out, "<meta name=\"author\" content=\"");
      append_escaped (out, author);
      g_string_append (out, "\">\n");
    }
  g_string_append (out, "<meta name=\"generator\" content=\"Preflight " PACKAGE_VERSION "\">\n");
  if (created != NULL)
    {
      g_autofree char *iso = g_date_time_format_iso8601 (created);

      g_string_append (out, "<meta name=\"dcterms.created\" content=\"");
      append_escaped (out, iso);
      g_string_append (out, "\">\n");
    }
  g_string_append (out, "<style>\n");
  g_string_append (out, stylesheet);
  g_string_append (out, "</style>\n</head>\n");
}

char *
pf_report_html_render (PfReportDocument *document)
{
  g_autoptr(GString) out = NULL;
  const char *header;
  guint n_blocks;
  guint number = 0;

  g_return_val_if_fail (PF_IS_REPORT_DOCUMENT (document), NULL);

  out = g_string_sized_new (64 * 1024);
  n_blocks = pf_report_document_get_n_blocks (document);

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"");
  append_escaped (out, document_language ());
  g_string_append (out, "\">\n");
  append_head (out, document);
  g_string_append (out, "<body>\n");

  header = pf_report_document_get_header (document);
  if (header != NULL)
    {
      append_element (out, "div", "running-header", header);
      g_string_append_c (out, '\n');
    }

  append_cover (out, document);
  append_contents (out, document);

  g_string_append (out, "<div class=\"content\" role=\"main\">\n");
  for (guint i = 0; i < n_blocks; i++)
    {
      const PfReportBlock *block = pf_report_document_get_block (document, i);

      switch (block->kind)
        {
        case PF_REPORT_BLOCK_HEADING:
          if (block->level == 1)
            number++;
          append_heading (out, block, i, number);
          break;
        case PF_REPORT_BLOCK_PARAGRAPH:
          append_paragraph (out, block);
          break;
        case PF_REPORT_BLOCK_LIST:
          append_list (out, block);
          break;
        case PF_REPORT_BLOCK_FACTS:
          append_facts_block (out, block);
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
  g_string_append (out, "</div>\n</body>\n</html>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
