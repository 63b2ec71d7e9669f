/* test-report-markdown.c — the Markdown report: tables that hold, fences that close, every string escaped
 *
 * The documents are built by hand with hostile strings in every place a
 * string can go. The output is read back line by line the way a CommonMark
 * reader splits it (fences, pipe table cells, backslash escapes) and, when
 * Debian's python3-markdown is installed, converted to HTML. The hostile
 * report is left in the build folder (report-hostile.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-report-markdown"

#include "config.h"

#include <string.h>

#include "pf-report-markdown.h"

#define SCRIPT "<script>alert(1)</script>"
#define BREAKOUT "\"><img src=x onerror=alert(1)>"
#define AMP "&amp;"
#define PIPES "a | b || c \\| d"
#define MARKUP "*bold* _it_ [link](javascript:alert(1)) `code` ~~gone~~ # {attr} !"
#define POLISH "Zażółć gęślą jaźń"
#define GREEK "Καλημέρα κόσμε"
#define ARABIC "مرحبا بالعالم"
#define CJK "排班数据库迁移"
#define TICKS "a`b``c"
#define CODE "-- not executed\n```\nDELETE FROM \"t\" WHERE x = '````';\n  <script>alert(1)</script>\n"

static char *
long_identifier (void)
{
  GString *id = g_string_new (NULL);

  while (id->len < 300)
    g_string_append (id, "scheduling_staffprofile_leave_entitlement_");
  g_string_truncate (id, 300);

  return g_string_free (id, FALSE);
}

/* Every block kind, hostile text in every string */
static PfReportDocument *
new_hostile_document (void)
{
  PfReportDocument *document = pf_report_document_new ();
  PfReportCover *cover = pf_report_document_get_cover (document);
  g_autofree char *identifier = long_identifier ();
  PfReportBlock *block;

  pf_report_document_set_metadata (document, "Readiness report — " SCRIPT, "Preflight", NULL, NULL);
  cover->product = g_strdup ("Preflight " PACKAGE_VERSION);
  cover->title = g_strdup ("Readiness report");
  cover->connection = g_strdup (BREAKOUT);
  cover->environment = g_strdup ("Production");
  cover->environment_tone = PF_REPORT_TONE_BAD;
  cover->verdict = g_strdup ("NO-GO");
  cover->verdict_tone = PF_REPORT_TONE_BAD;
  cover->verdict_sentence = g_strdup ("5 problems block this migration.");
  pf_report_cover_add_fact (cover, "Database", identifier, TRUE);
  pf_report_cover_add_fact (cover, SCRIPT, AMP, FALSE);
  pf_report_cover_add_fact (cover, "Fingerprint", TICKS, TRUE);

  pf_report_document_add_heading (document, 1, "summary", "Summary");
  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_LEAD, SCRIPT);
  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_BODY,
                                    "- not a list\n1. not a list either\n# not a heading\n"
                                    "    not code\n===\n+ no\n> not a quote\n" MARKUP);
  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_NOTE, "Counts as of " AMP);

  pf_report_document_add_heading (document, 1, "blockers", BREAKOUT " #");
  block = pf_report_document_add_list (document);
  pf_report_block_add_item (block, SCRIPT);
  pf_report_block_add_item (block, GREEK "\n- " POLISH);

  block = pf_report_document_add_heading (document, 2, "finding-1", ARABIC);
  block->tone = PF_REPORT_TONE_BAD;
  pf_report_document_add_heading (document, 3, NULL, CJK);

  block = pf_report_document_add_facts (document);
  pf_report_block_add_fact (block, BREAKOUT, SCRIPT, FALSE);
  pf_report_block_add_fact (block, "Table", identifier, TRUE);

  block = pf_report_document_add_table (document, SCRIPT);
  pf_report_block_add_column (block, "Check", 2, FALSE, FALSE);
  pf_report_block_add_column (block, PIPES, 6, FALSE, TRUE);
  pf_report_block_add_column (block, "Count", 2, TRUE, FALSE);
  pf_report_block_add_column (block, "Value", 2, FALSE, FALSE);
  pf_report_block_add_row (block, PF_REPORT_TONE_BAD,
                           (const char *[]) { SCRIPT, identifier, "1,350", PIPES });
  pf_report_block_add_row (block, PF_REPORT_TONE_NEUTRAL,
                           (const char *[]) { POLISH, PIPES, "42", "line one\nline two" });
  pf_report_block_add_row (block, PF_REPORT_TONE_WARNING,
                           (const char *[]) { ARABIC, TICKS, NULL, MARKUP });

  pf_report_document_add_notice (document, PF_REPORT_TONE_WARNING, SCRIPT, BREAKOUT "\n" CJK);

  block = pf_report_document_add_heading (document, 1, "appendix", "Appendix");
  block->new_page = TRUE;
  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_BODY,
                                    "scheduling_shift_is_overtime, __init__.py, a_ _b, x_1");
  pf_report_document_add_code (document, "Suggested fix (not executed)", CODE);

  return document;
}

static const char *
python (void)
{
  return g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
}

static void
assert_contains (const char *markdown,
                 const char *fragment)
{
  if (strstr (markdown, fragment) == NULL)
    g_error ("the Markdown lacks “%s”", fragment);
}

/* CommonMark's backslash escapes undone: what a reader shows */
static char *
unescape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0' && g_ascii_ispunct (p[1]))
        p++;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* A code span's content: the fence and one padding space each side off */
static char *
unspan (const char *text)
{
  gsize length = strlen (text);
  gsize fence = 0;
  g_autofree char *inner = NULL;

  while (text[fence] == '`')
    fence++;
  g_assert_cmpuint (fence, >, 0);
  g_assert_cmpuint (length, >=, 2 * fence);
  for (gsize i = 0; i < fence; i++)
    g_assert_cmpint (text[length - 1 - i], ==, '`');
  inner = g_strndup (text + fence, length - 2 * fence);
  if (inner[0] == ' ' && inner[strlen (inner) - 1] == ' ' && strspn (inner, " ") != strlen (inner))
    return g_strndup (inner + 1, strlen (inner) - 2);

  return g_steal_pointer (&inner);
}

/* The cells of a pipe table row, stripped, as cmark-gfm splits them: a
 * backslash pairs with the ASCII punctuation after it (another backslash
 * too), a pipe not so paired ends the cell, and “\|” reads as “|” (in code
 * spans too) */
static GPtrArray *
split_row (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  GString *cell = NULL;

  g_assert_true (g_str_has_prefix (line, "|"));
  g_assert_true (g_str_has_suffix (line, "|"));

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '\\' && g_ascii_ispunct (p[1]))
        {
          /* “\|” is a pipe; the other pairs stay for the inline reader */
          g_assert_nonnull (cell);
          if (p[1] != '|')
            g_string_append_c (cell, '\\');
          g_string_append_c (cell, p[1]);
          p++;
        }
      else if (*p == '|')
        {
          if (cell != NULL)
            g_ptr_array_add (cells, g_strdup (g_strstrip (cell->str)));
          if (cell != NULL)
            g_string_free (cell, TRUE);
          cell = g_string_new (NULL);
        }
      else
        g_string_append_c (cell, *p);
    }
  /* After the last pipe: nothing */
  g_assert_cmpstr (cell->str, ==, "");
  g_string_free (cell, TRUE);

  return cells;
}

/* A line that opens or closes a fence: its length in backticks, else 0 */
static gsize
fence_length (const char *line)
{
  gsize n = strspn (line, "`");

  return n >= 3 ? n : 0;
}

typedef struct
{
  guint       n_tables;
  guint       n_rows;      /* all tables' rows, header and delimiter rows included */
  guint       n_fences;
  GPtrArray  *code;        /* the fenced blocks' contents */
  GPtrArray  *prose;       /* every line outside fences */
  GPtrArray  *table_rows;  /* GPtrArray of cells, per row outside the delimiter rows */
} Structure;

static void
structure_clear (Structure *s)
{
  g_clear_pointer (&s->code, g_ptr_array_unref);
  g_clear_pointer (&s->prose, g_ptr_array_unref);
  g_clear_pointer (&s->table_rows, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Structure, structure_clear)

/* Reads @markdown as a CommonMark reader splits it: fences (closed by a
 * line of at least as many backticks), and pipe tables whose every row has
 * exactly as many cells as the header */
static void
read_structure (const char *markdown,
                Structure  *s)
{
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  GString *code = NULL;
  gsize open_fence = 0;
  guint columns = 0;

  memset (s, 0, sizeof *s);
  s->code = g_ptr_array_new_with_free_func (g_free);
  s->prose = g_ptr_array_new_with_free_func (g_free);
  s->table_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (open_fence > 0)
        {
          gsize n = fence_length (line);

          if (n >= open_fence && line[n] == '\0')
            {
              g_ptr_array_add (s->code, g_string_free (code, FALSE));
              code = NULL;
              open_fence = 0;
            }
          else
            {
              g_string_append (code, line);
              g_string_append_c (code, '\n');
            }
          continue;
        }

      if ((open_fence = fence_length (line)) > 0)
        {
          /* No info string: plain */
          g_assert_cmpint (line[open_fence], ==, '\0');
          s->n_fences++;
          code = g_string_new (NULL);
          continue;
        }

      g_ptr_array_add (s->prose, g_strdup (line));

      if (line[0] == '|')
        {
          GPtrArray *cells = split_row (line);

          s->n_rows++;
          if (columns == 0)
            {
              /* A header, then the delimiter row */
              g_autoptr(GPtrArray) delimiters = split_row (lines[i + 1]);

              columns = cells->len;
              s->n_tables++;
              g_assert_cmpuint (delimiters->len, ==, columns);
              for (guint c = 0; c < columns; c++)
                g_assert_true (g_regex_match_simple ("^:?-{3,}:?$", g_ptr_array_index (delimiters, c), 0, 0));
            }
          else if (cells->len != columns)
            g_error ("a table row has %u cells, not %u: %s", cells->len, columns, line);

          if (g_regex_match_simple ("^:?-{3,}:?$", g_ptr_array_index (cells, 0), 0, 0))
            g_ptr_array_unref (cells);
          else
            g_ptr_array_add (s->table_rows, cells);
        }
      else
        columns = 0;
    }

  g_assert_cmpuint (open_fence, ==, 0);
  g_assert_null (code);
}

/* What a reader shows for a cell: code as it is, text unescaped */
static char *
read_cell (GPtrArray *row,
           guint      index)
{
  const char *cell = g_ptr_array_index (row, index);

  return cell[0] == '`' ? unspan (cell) : unescape (cell);
}

static GPtrArray *
find_row (Structure  *s,
          const char *first_cell)
{
  for (guint i = 0; i < s->table_rows->len; i++)
    {
      GPtrArray *cells = g_ptr_array_index (s->table_rows, i);
      g_autofree char *first = unescape (g_ptr_array_index (cells, 0));

      if (g_strcmp0 (first, first_cell) == 0)
        return cells;
    }

  g_error ("no table row starts with “%s”", first_cell);
  return NULL;
}

static void
test_structure (void)
{
  g_autoptr(PfReportDocument) document = new_hostile_document ();
  g_autofree char *identifier = long_identifier ();
  g_autofree char *markdown = pf_report_markdown_render (document);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "report-hostile.md", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Structure) s = { 0 };
  GPtrArray *row;
  char *cell;

  g_file_set_contents (path, markdown, -1, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (markdown, -1, NULL));
  g_assert_true (g_str_has_suffix (markdown, "\n"));
  g_assert_false (g_str_has_suffix (markdown, "\n\n"));

  read_structure (markdown, &s);

  /* One table: header, delimiter and three rows of four cells */
  g_assert_cmpuint (s.n_tables, ==, 1);
  g_assert_cmpuint (s.n_rows, ==, 5);
  g_assert_cmpuint (s.table_rows->len, ==, 4);
  /* Column titles are plain text, whatever the column holds */
  assert_contains (markdown, "| Check | a \\| b \\|\\| c \\\\\\| d | Count | Value |\n"
                             "| --- | --- | ---: | --- |\n");

  /* Each cell reads back as it was written: escapes undone, code unspanned */
  row = find_row (&s, SCRIPT);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (row, 1), "`scheduling_"));
  cell = read_cell (row, 1);
  g_assert_cmpstr (cell, ==, identifier);
  g_free (cell);
  g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "1,350");
  cell = read_cell (row, 3);
  g_assert_cmpstr (cell, ==, PIPES);
  g_free (cell);

  /* “\|” cannot be code in a table: the cell is text */
  row = find_row (&s, POLISH);
  g_assert_cmpstr (g_ptr_array_index (row, 1), ==, "a | b || c \\\\| d");
  cell = read_cell (row, 1);
  g_assert_cmpstr (cell, ==, PIPES);
  g_free (cell);
  /* No line breaks inside a row: a space instead */
  cell = unescape (g_ptr_array_index (row, 3));
  g_assert_cmpstr (cell, ==, "line one line two");
  g_free (cell);

  row = find_row (&s, ARABIC);
  g_assert_cmpstr (g_ptr_array_index (row, 1), ==, "```a`b``c```");
  g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "");
  cell = unescape (g_ptr_array_index (row, 3));
  g_assert_cmpstr (cell, ==, MARKUP);
  g_free (cell);

  /* The code block: fenced longer than its own runs of backticks, as is */
  g_assert_cmpuint (s.n_fences, ==, 1);
  g_assert_cmpuint (s.code->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (s.code, 0), ==, CODE);
  assert_contains (markdown, "**Suggested fix (not executed)**\n\n`````\n-- not executed\n");

  /* Outside code, nothing is raw: every < > [ ] _ & is escaped, but for
   * a quote's marker, what is inside code spans and “_” inside a word */
  for (guint i = 0; i < s.prose->len; i++)
    {
      const char *line = g_ptr_array_index (s.prose, i);
      const char *p = line;

      if (g_str_has_prefix (p, ">"))
        p++;
      for (; *p != '\0'; p++)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '`')
            {
              /* A code span: on to its closing run of as many backticks */
              gsize run = strspn (p, "`");
              g_autofree char *fence = g_strnfill (run, '`');
              const char *close = strstr (p + run, fence);

              g_assert_nonnull (close);
              p = close + run - 1;
            }
          else if (*p == '_' && p > line && g_ascii_isalnum (p[-1]) && g_ascii_isalnum (p[1]))
            continue;
          else if (strchr ("<>[]_&", *p) != NULL)
            g_error ("an unescaped “%c” in: %s", *p, line);
        }
    }
}

/* Each plain string escaped where it could start syntax */
static void
test_escapes (void)
{
  g_autoptr(PfReportDocument) document = new_hostile_document ();
  g_autofree char *markdown = pf_report_markdown_render (document);

  /* The cover: title, product line, verdict, facts */
  g_assert_true (g_str_has_prefix (markdown,
                                   "# Readiness report — \\<script\\>alert(1)\\</script\\>\n\n"
                                   "Preflight " PACKAGE_VERSION " · \"\\>\\<img src=x onerror=alert(1)\\> · Production\n\n"
                                   "**Verdict: NO-GO** — 5 problems block this migration.\n\n"
                                   "- **Database:** `scheduling_staffprofile_leave_entitlement_"));
  assert_contains (markdown, "- **\\<script\\>alert(1)\\</script\\>:** \\&amp;\n");
  assert_contains (markdown, "- **Fingerprint:** ```a`b``c```\n\n");

  /* Numbered level 1 headings; a heading's own # is not a closing sequence */
  assert_contains (markdown, "\n## 1. Summary\n\n");
  assert_contains (markdown, "\n## 2. \"\\>\\<img src=x onerror=alert(1)\\> \\#\n\n");
  assert_contains (markdown, "\n### " ARABIC "\n\n");
  assert_contains (markdown, "\n#### " CJK "\n\n");
  /* The appendix's new page: a rule before it */
  assert_contains (markdown, "\n---\n\n## 3. Appendix\n\n");

  /* Paragraphs: nothing at a line's start makes a list, heading, code,
   * quote or underline */
  assert_contains (markdown, "\n\\<script\\>alert(1)\\</script\\>\n\n");
  assert_contains (markdown, "\n\\- not a list\n1\\. not a list either\n\\# not a heading\nnot code\n"
                             "\\===\n\\+ no\n\\> not a quote\n"
                             "\\*bold\\* \\_it\\_ \\[link\\](javascript:alert(1)) \\`code\\` \\~\\~gone\\~\\~ "
                             "\\# \\{attr\\} !\n\n");
  assert_contains (markdown, "\n*Counts as of \\&amp;*\n\n");

  /* “_” inside a word is left alone; anywhere else escaped */
  assert_contains (markdown, "\nscheduling_shift_is_overtime, \\_\\_init\\_\\_.py, a\\_ \\_b, x_1\n\n");

  /* A list item's second line stays in the item, not a new one */
  assert_contains (markdown, "\n- \\<script\\>alert(1)\\</script\\>\n- " GREEK "\n  \\- " POLISH "\n\n");

  /* Facts */
  assert_contains (markdown, "\n- **\"\\>\\<img src=x onerror=alert(1)\\>:** \\<script\\>alert(1)\\</script\\>\n"
                             "- **Table:** `scheduling_");

  /* The table's caption; the notice as a quote with its title */
  assert_contains (markdown, "\n**\\<script\\>alert(1)\\</script\\>**\n\n| Check |");
  assert_contains (markdown, "\n> **\\<script\\>alert(1)\\</script\\>**\n>\n"
                             "> \"\\>\\<img src=x onerror=alert(1)\\>\n> " CJK "\n\n");

  /* The one raw <script> is the code block's */
  g_assert_true (strstr (markdown, "<script>") > strstr (markdown, "`````\n"));
  g_assert_null (strstr (strstr (markdown, "<script>") + 1, "<script>"));
}

/* A Markdown implementation turns it into one table and no script */
static void
test_python_markdown (void)
{
  g_autoptr(PfReportDocument) document = new_hostile_document ();
  g_autofree char *markdown = pf_report_markdown_render (document);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "report-hostile-md.md", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *program =
    "import sys\n"
    "try:\n"
    "    import markdown\n"
    "except ImportError:\n"
    "    sys.exit(77)\n"
    "with open(sys.argv[1], encoding='utf-8') as f:\n"
    "    sys.stdout.write(markdown.markdown(f.read(), extensions=['tables', 'fenced_code']))\n";

  g_file_set_contents (path, markdown, -1, &error);
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char *[]) { (char *) python (), "-c", (char *) program, path, NULL }, NULL,
                G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    {
      if (g_error_matches (error, G_SPAWN_EXIT_ERROR, 77))
        {
          g_test_skip ("python3-markdown is not installed");
          return;
        }
      g_error ("python3-markdown failed: %s", err);
    }

  lower = g_ascii_strdown (out, -1);
  g_assert_nonnull (strstr (lower, "<table>"));
  g_assert_null (strstr (strstr (lower, "</table>") + 1, "<table>"));
  g_assert_nonnull (strstr (lower, "<th style=\"text-align: right;\">count</th>"));
  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, "<img"));
  g_assert_null (strstr (lower, "href="));
  /* None of the plain text became a list, a heading or code */
  g_assert_nonnull (strstr (lower, "<h1>"));
  g_assert_nonnull (strstr (lower, "<h2>1. summary</h2>"));
  g_assert_null (strstr (lower, "<ol>"));
  g_assert_null (strstr (lower, "<em>bold</em>"));
  g_assert_null (strstr (lower, "<em>it</em>"));
  g_assert_nonnull (strstr (lower, "<p>scheduling_shift_is_overtime, __init__.py, a_ _b, x_1</p>"));
  /* The note is the one emphasis */
  g_assert_nonnull (strstr (lower, "<em>counts as of"));
  g_assert_null (strstr (strstr (lower, "<em>") + 1, "<em>"));
  g_assert_null (strstr (lower, "<strong>bold</strong>"));
  g_assert_null (strstr (lower, "<del>"));
  /* The code block, escaped by the converter */
  g_assert_nonnull (strstr (lower, "<pre><code>-- not executed\n```\n"));
  g_assert_nonnull (strstr (lower, "&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>"));
  /* The notice */
  g_assert_nonnull (strstr (lower, "<blockquote>"));
}

/* Bytes that are not text never reach the file; an empty document is a title */
static void
test_control_characters (void)
{
  g_autoptr(PfReportDocument) document = pf_report_document_new ();
  g_autoptr(PfReportDocument) empty = pf_report_document_new ();
  g_autofree char *markdown = NULL;
  g_autofree char *nothing = NULL;
  PfReportBlock *block;

  block = pf_report_document_add_table (document, NULL);
  pf_report_block_add_column (block, "Value", 1, FALSE, FALSE);
  pf_report_block_add_column (block, "Code", 1, FALSE, TRUE);
  pf_report_block_add_row (block, PF_REPORT_TONE_NEUTRAL,
                           (const char *[]) { "a\x01" "b\xff" "c\r\nd\re", "x\ny|z" });

  markdown = pf_report_markdown_render (document);
  g_assert_true (g_utf8_validate (markdown, -1, NULL));
  assert_contains (markdown, "| a\xef\xbf\xbd" "b\xef\xbf\xbd" "c d e | `x y\\|z` |\n");

  nothing = pf_report_markdown_render (empty);
  g_assert_cmpstr (nothing, ==, "# Readiness report\n");
}

/* Two thousand rows: each one a row of the one table */
static void
test_large_table (void)
{
  g_autoptr(PfReportDocument) document = pf_report_document_new ();
  g_autofree char *markdown = NULL;
  g_auto(Structure) s = { 0 };
  PfReportBlock *block;

  block = pf_report_document_add_table (document, "Findings");
  pf_report_block_add_column (block, "Table", 3, FALSE, TRUE);
  pf_report_block_add_column (block, "Count", 1, TRUE, FALSE);
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *table = g_strdup_printf ("t|%u", i);
      g_autofree char *n = g_strdup_printf ("%u", i + 1);

      pf_report_block_add_row (block, PF_REPORT_TONE_BAD, (const char *[]) { table, n });
    }

  markdown = pf_report_markdown_render (document);
  read_structure (markdown, &s);
  g_assert_cmpuint (s.n_tables, ==, 1);
  g_assert_cmpuint (s.n_rows, ==, 2002);
  g_assert_cmpuint (s.table_rows->len, ==, 2001);
  assert_contains (markdown, "\n| `t\\|1999` | 2000 |\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report-markdown/structure", test_structure);
  g_test_add_func ("/report-markdown/escapes", test_escapes);
  g_test_add_func ("/report-markdown/python-markdown", test_python_markdown);
  g_test_add_func ("/report-markdown/control-characters", test_control_characters);
  g_test_add_func ("/report-markdown/large-table", test_large_table);

  return g_test_run ();
}
