/* test-report-pages.c — report documents laid out on pages and written as PDF,
 * checked with poppler-utils (pdfinfo, pdffonts, pdftotext, pdftoppm)
 *
 * Every PDF made here is also rendered page by page to PNG in
 * $G_TEST_BUILDDIR/report-pages/ so a person can look at it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-report-pages"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pf-report-document.h"
#include "pf-report-pages.h"
#include "pf-test-files.h"

#define MARGIN (20.0 * 72.0 / 25.4)

static char *tmp_dir;

/* ---- helpers ---------------------------------------------------------- */

static char *
out_dir (void)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  char *dir = g_build_filename (builddir != NULL ? builddir : ".", "report-pages", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  return dir;
}

/* Lays @document out and writes it to a PDF in the temporary folder;
 * every page also goes to report-pages/@name-N.png and the PDF beside */
static char *
write_pdf (PfReportDocument  *document,
           PfReportPaper      paper,
           const char        *name,
           PfReportPages    **out_pages)
{
  g_autoptr(PfReportPages) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = g_strconcat (name, ".pdf", NULL);
  char *path = g_build_filename (tmp_dir, file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autofree char *dir = out_dir ();
  g_autofree char *prefix = g_build_filename (dir, name, NULL);
  g_autofree char *copy = g_build_filename (dir, file_name, NULL);
  g_autofree char *out = NULL;
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy);

  pages = pf_report_pages_new (document, paper, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pages);
  g_assert_true (pf_report_pages_get_document (pages) == document);
  g_assert_cmpint (pf_report_pages_get_paper (pages), ==, paper);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pf_report_pages_write_pdf (pages, G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_no_error (error);

  /* For people: the PDF and its pages as pictures */
  g_assert_true (g_file_copy (file, copy_file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  out = pf_test_run_tool ((const char * const[]) { "pdftoppm", "-r", "60", "-png", path, prefix, NULL });

  if (out_pages != NULL)
    *out_pages = g_steal_pointer (&pages);

  return path;
}

static char *
pdftotext (const char *path,
           int         first,
           int         last)
{
  g_autofree char *f = g_strdup_printf ("%d", first);
  g_autofree char *l = g_strdup_printf ("%d", last);

  if (first > 0)
    return pf_test_run_tool ((const char * const[]) { "pdftotext", "-enc", "UTF-8", "-f", f, "-l", l, path, "-", NULL });

  return pf_test_run_tool ((const char * const[]) { "pdftotext", "-enc", "UTF-8", path, "-", NULL });
}

/* The text where it stands on the page (-layout): lines across columns */
static char *
pdftotext_layout (const char *path)
{
  return pf_test_run_tool ((const char * const[]) { "pdftotext", "-enc", "UTF-8", "-layout", path, "-", NULL });
}

/* pdftotext normalises spaces; compare with every run of white space as one */
static char *
squeeze (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (regex, text, -1, 0, " ", 0, NULL);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  g_autofree char *h = squeeze (haystack);

  if (strstr (h, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* Every font pdffonts lists is embedded; the font names, joined */
static char *
assert_fonts_embedded (const char *path)
{
  g_autofree char *out = pf_test_run_tool ((const char * const[]) { "pdffonts", path, NULL });
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_fonts = 0;
  int emb = -1;

  /* name  type  encoding  emb sub uni object ID */
  g_assert_nonnull (lines[0]);
  emb = strstr (lines[0], "emb") - lines[0];
  g_assert_cmpint (emb, >, 0);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0')
        continue;
      g_assert_cmpint (strlen (lines[i]), >, emb + 3);
      if (strncmp (lines[i] + emb, "yes", 3) != 0)
        g_error ("a font is not embedded:\n%s", out);
      g_string_append_printf (names, "%.*s|", (int) strcspn (lines[i], " "), lines[i]);
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);

  return g_string_free (g_steal_pointer (&names), FALSE);
}

typedef struct
{
  double x_min, y_min, x_max, y_max;
  char  *text;
  guint  page;
} Word;

static void
word_clear (gpointer data)
{
  g_free (((Word *) data)->text);
}

/* Every word pdftotext -bbox finds, with its page (1-based) */
static GArray *
pdf_words (const char *path,
           double     *page_width,
           double     *page_height)
{
  g_autofree char *html = pf_test_run_tool ((const char * const[]) { "pdftotext", "-enc", "UTF-8", "-bbox", path, "-", NULL });
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  GArray *words = g_array_new (FALSE, TRUE, sizeof (Word));
  guint page = 0;

  g_array_set_clear_func (words, word_clear);
  regex = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">"
                       "|<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>",
                       0, 0, NULL);
  g_regex_match (regex, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *width = g_match_info_fetch (match, 1);

      if (width != NULL && *width != '\0')
        {
          g_autofree char *height = g_match_info_fetch (match, 2);

          page++;
          *page_width = g_ascii_strtod (width, NULL);
          *page_height = g_ascii_strtod (height, NULL);
        }
      else
        {
          Word word;
          g_autofree char *a = g_match_info_fetch (match, 3);
          g_autofree char *b = g_match_info_fetch (match, 4);
          g_autofree char *c = g_match_info_fetch (match, 5);
          g_autofree char *d = g_match_info_fetch (match, 6);

          word.x_min = g_ascii_strtod (a, NULL);
          word.y_min = g_ascii_strtod (b, NULL);
          word.x_max = g_ascii_strtod (c, NULL);
          word.y_max = g_ascii_strtod (d, NULL);
          word.text = g_match_info_fetch (match, 7);
          word.page = page;
          g_array_append_val (words, word);
        }
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (page, >, 0);

  return words;
}

static PfReportDocument *
new_document (void)
{
  PfReportDocument *document = pf_report_document_new ();
  g_autoptr(GDateTime) created = g_date_time_new_utc (2026, 11, 21, 10, 0, 0);

  pf_report_document_set_metadata (document, "Readiness report — Rota production", "Dana Scully",
                                   "Rota production · 21 November 2026, 10:00 UTC", created);

  return document;
}

static void
fill_cover (PfReportDocument *document)
{
  PfReportCover *cover = pf_report_document_get_cover (document);

  cover->product = g_strdup ("Preflight 0.1.0");
  cover->title = g_strdup ("Readiness report");
  cover->connection = g_strdup ("Rota production");
  cover->environment = g_strdup ("Production");
  cover->environment_tone = PF_REPORT_TONE_BAD;
  cover->verdict = g_strdup ("NO-GO");
  cover->verdict_tone = PF_REPORT_TONE_BAD;
  cover->verdict_sentence = g_strdup ("5 problems block this migration.");
  pf_report_cover_add_fact (cover, "Database", "/srv/rota/db.sqlite3", TRUE);
  pf_report_cover_add_fact (cover, "Server", "SQLite 3.40.1", FALSE);
  pf_report_cover_add_fact (cover, "Date", "21 November 2026, 10:00 UTC", FALSE);
  pf_report_cover_add_fact (cover, "Signed by", "Not signed", FALSE);
  pf_report_cover_add_fact (cover, "Fingerprint",
                            "3f2a9c0d5e1b47a8c6d2e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e", TRUE);
}

/* A report with a cover and every kind of block */
static PfReportDocument *
full_document (void)
{
  PfReportDocument *document = new_document ();
  PfReportBlock *block;

  fill_cover (document);

  pf_report_document_add_heading (document, 1, "summary", "Executive summary");
  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_LEAD,
                                    "The database is not ready. 5 problems would stop the migration: "
                                    "legacy rows point at users that do not exist, and two migrations "
                                    "share a number. Fix them, run Preflight again, then sign off.");
  block = pf_report_document_add_facts (document);
  pf_report_block_add_fact (block, "Blockers", "5", FALSE)->tone = PF_REPORT_TONE_BAD;
  pf_report_block_add_fact (block, "Warnings", "2", FALSE)->tone = PF_REPORT_TONE_WARNING;
  pf_report_block_add_fact (block, "Information", "7", FALSE);
  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_NOTE,
                                    "Counts as of 21 November 2026, 10:00 UTC.");

  pf_report_document_add_heading (document, 1, "blockers", "What blocks the migration");
  block = pf_report_document_add_list (document);
  pf_report_block_add_item (block, "1,350 staff profiles point at users that do not exist (usually fixed by the "
                                   "application team).");
  pf_report_block_add_item (block, "2 supervision records name the supervisor ADMIN001, who does not exist.");
  pf_report_block_add_item (block, "Two migrations are numbered 0002 in the app “scheduling”.");
  pf_report_document_add_notice (document, PF_REPORT_TONE_BAD, "Do not migrate yet",
                                 "Django checks every foreign key after rebuilding a table on SQLite, "
                                 "so these orphans stop every migration, not only the ones that touch them.");

  pf_report_document_add_heading (document, 1, "findings", "Integrity findings");
  block = pf_report_document_add_table (document, "Findings by table");
  pf_report_block_add_column (block, "Check", 1.2, FALSE, FALSE);
  pf_report_block_add_column (block, "Table → parent", 3, FALSE, TRUE);
  pf_report_block_add_column (block, "Rows", 0.8, TRUE, FALSE);
  pf_report_block_add_column (block, "Severity", 1, FALSE, FALSE);
  pf_report_block_add_row (block, PF_REPORT_TONE_BAD, (const char * const[]) {
    "Orphans", "scheduling_staffprofile.user_id → scheduling_user.sap", "1,350", "Blocker" });
  pf_report_block_add_row (block, PF_REPORT_TONE_BAD, (const char * const[]) {
    "Orphans", "scheduling_supervisionrecord.supervisor_id → scheduling_user.sap", "2", "Blocker" });
  pf_report_block_add_row (block, PF_REPORT_TONE_WARNING, (const char * const[]) {
    "Sequence", "scheduling_shift_id_seq", "1", "Warning" });
  pf_report_block_add_row (block, PF_REPORT_TONE_NEUTRAL, (const char * const[]) {
    "No key", "legacy_import", "", "Information" });

  block = pf_report_document_add_heading (document, 2, "finding-1",
                                          "Supervision records point at a supervisor who does not exist");
  block->tone = PF_REPORT_TONE_BAD;
  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_BODY,
                                    "2 rows of scheduling_supervisionrecord name a supervisor_id that no "
                                    "scheduling_user has. The migration will stop on them.");
  pf_report_document_add_heading (document, 3, "finding-1-values", "Distinct bad values");
  block = pf_report_document_add_table (document, NULL);
  pf_report_block_add_column (block, "supervisor_id", 3, FALSE, TRUE);
  pf_report_block_add_column (block, "Rows", 1, TRUE, FALSE);
  pf_report_block_add_row (block, PF_REPORT_TONE_NEUTRAL, (const char * const[]) { "ADMIN001", "2" });

  block = pf_report_document_add_heading (document, 2, "finding-2", "The shift sequence is behind");
  block->tone = PF_REPORT_TONE_WARNING;
  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_BODY,
                                    "The next value of scheduling_shift_id_seq is lower than the largest id.");

  block = pf_report_document_add_heading (document, 1, "appendix", "Appendix for the DBA");
  block->new_page = TRUE;
  pf_report_document_add_code (document, "Suggested fix (not executed)",
                               "BEGIN;\n"
                               "DELETE FROM \"scheduling_supervisionrecord\"\n"
                               "  WHERE \"supervisor_id\" NOT IN (SELECT \"sap\" FROM \"scheduling_user\");\n"
                               "COMMIT;\n");
  pf_report_document_add_notice (document, PF_REPORT_TONE_GOOD, "Backups verified",
                                 "The last backup was restored and compared.");

  return document;
}

/* ---- tests ------------------------------------------------------------ */

static void
test_paper (void)
{
  PfReportPaper paper = PF_REPORT_PAPER_A4;
  double width = 0, height = 0;

  g_assert_true (pf_report_paper_from_string ("letter", &paper));
  g_assert_cmpint (paper, ==, PF_REPORT_PAPER_LETTER);
  g_assert_true (pf_report_paper_from_string ("A4", &paper));
  g_assert_cmpint (paper, ==, PF_REPORT_PAPER_A4);
  g_assert_false (pf_report_paper_from_string ("legal", &paper));
  g_assert_false (pf_report_paper_from_string (NULL, &paper));
  g_assert_cmpstr (pf_report_paper_to_string (PF_REPORT_PAPER_A4), ==, "a4");
  g_assert_cmpstr (pf_report_paper_to_string (PF_REPORT_PAPER_LETTER), ==, "letter");

  pf_report_paper_get_size (PF_REPORT_PAPER_A4, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.28, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);
  pf_report_paper_get_size (PF_REPORT_PAPER_LETTER, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 612, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 792, 0.01);
}

static void
check_full_pdf (PfReportPaper  paper,
                const char    *name,
                const char    *size)
{
  g_autoptr(PfReportDocument) document = full_document ();
  g_autoptr(PfReportPages) pages = NULL;
  g_autofree char *path = write_pdf (document, paper, name, &pages);
  g_autofree char *title = pf_test_pdfinfo_get (path, "Title");
  g_autofree char *author = pf_test_pdfinfo_get (path, "Author");
  g_autofree char *creator = pf_test_pdfinfo_get (path, "Creator");
  g_autofree char *created = pf_test_pdfinfo_get (path, "CreationDate");
  g_autofree char *page_size = pf_test_pdfinfo_get (path, "Page size");
  g_autofree char *n_pages = pf_test_pdfinfo_get (path, "Pages");
  g_autofree char *fonts = assert_fonts_embedded (path);
  g_autofree char *text = pdftotext (path, 0, 0);
  g_autofree char *cover = pdftotext (path, 1, 1);
  g_autofree char *second = pdftotext (path, 2, 2);
  g_autofree char *physical = pdftotext_layout (path);
  g_autofree char *outline = NULL;
  g_autofree char *page_1 = NULL;
  guint n = pf_report_pages_get_n_pages (pages);

  g_assert_cmpstr (title, ==, "Readiness report — Rota production");
  g_assert_cmpstr (author, ==, "Dana Scully");
  g_assert_cmpstr (creator, ==, "Preflight " PACKAGE_VERSION);
  /* pdfinfo prints the date in its own words ("Sat Nov 21 10:00:00 2026 UTC"), in local time */
  g_assert_true (strstr (created, "2026") != NULL);
  g_assert_true (strstr (created, "Nov") != NULL);
  g_assert_true (g_str_has_prefix (page_size, size));
  g_assert_cmpuint (n, ==, g_ascii_strtoull (n_pages, NULL, 10));
  /* Cover, body, appendix on its own page */
  g_assert_cmpuint (n, ==, 3);

  /* The cover: the verdict and its facts, no running header */
  assert_contains (cover, "NO-GO");
  assert_contains (cover, "5 problems block this migration.");
  assert_contains (cover, "Rota production");
  assert_contains (cover, "Production");
  assert_contains (cover, "Fingerprint");
  g_assert_null (strstr (cover, "Readiness report — Rota production"));
  page_1 = g_strdup_printf ("Page 1 of %u", n);
  assert_contains (cover, page_1);

  /* The other pages have the header, the document's title at its right */
  assert_contains (second, "Rota production · 21 November 2026, 10:00 UTC");
  assert_contains (second, "Readiness report — Rota production");
  assert_contains (second, "Page 2 of 3");

  /* Headings numbered (the number and the words on one line); a cell;
   * code kept as is; the notice */
  assert_contains (physical, "1 Executive summary");
  assert_contains (physical, "2 What blocks the migration");
  assert_contains (physical, "3 Integrity findings");
  assert_contains (physical, "4 Appendix for the DBA");
  assert_contains (text, "ADMIN001");
  assert_contains (text, "1,350");
  assert_contains (text, "Findings by table");
  assert_contains (text, "Suggested fix (not executed)");
  assert_contains (text, "DELETE FROM \"scheduling_supervisionrecord\"");
  assert_contains (text, "Do not migrate yet");
  assert_contains (text, "Counts as of 21 November 2026, 10:00 UTC.");
  /* The appendix starts a page */
  g_assert_null (strstr (second, "Appendix for the DBA"));

  /* The level 1 headings are bookmarks to their pages (pdftohtml -xml
   * lists the outline) */
  outline = pf_test_run_tool ((const char * const[]) { "pdftohtml", "-xml", "-stdout", "-i", "-q", path, NULL });
  assert_contains (outline, "<outline> <item page=\"2\">1 Executive summary</item> "
                            "<item page=\"2\">2 What blocks the migration</item> "
                            "<item page=\"2\">3 Integrity findings</item> "
                            "<item page=\"3\">4 Appendix for the DBA</item> </outline>");
}

static void
test_pdf_a4 (void)
{
  check_full_pdf (PF_REPORT_PAPER_A4, "full-a4", "595.28 x 841.89 pts (A4)");
}

static void
test_pdf_letter (void)
{
  check_full_pdf (PF_REPORT_PAPER_LETTER, "full-letter", "612 x 792 pts (letter)");
}

static void
test_long_table (void)
{
  g_autoptr(PfReportDocument) document = new_document ();
  g_autoptr(PfReportPages) pages = NULL;
  g_autofree char *path = NULL;
  g_autofree char *n_pages = NULL;
  g_autofree char *text = NULL;
  PfReportBlock *block;
  guint n;

  fill_cover (document);
  pf_report_document_add_heading (document, 1, "findings", "Integrity findings");
  block = pf_report_document_add_table (document, "Every orphan");
  pf_report_block_add_column (block, "Record", 1, FALSE, TRUE);
  pf_report_block_add_column (block, "Table", 3, FALSE, TRUE);
  pf_report_block_add_column (block, "Missing parent", 2, FALSE, FALSE);
  pf_report_block_add_column (block, "Rows", 1, TRUE, FALSE);
  for (guint i = 1; i <= 300; i++)
    {
      g_autofree char *record = g_strdup_printf ("rec-%03u", i);
      g_autofree char *table = g_strdup_printf ("scheduling_table_%u", i);
      g_autofree char *count = g_strdup_printf ("%u", i * 7);

      pf_report_block_add_row (block, i % 10 == 0 ? PF_REPORT_TONE_BAD : PF_REPORT_TONE_NEUTRAL,
                               (const char * const[]) { record, table, "scheduling_user", count });
    }
  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_BODY, "After the table.");

  path = write_pdf (document, PF_REPORT_PAPER_A4, "long-table", &pages);
  n = pf_report_pages_get_n_pages (pages);
  n_pages = pf_test_pdfinfo_get (path, "Pages");
  g_assert_cmpuint (n, ==, g_ascii_strtoull (n_pages, NULL, 10));
  g_assert_cmpuint (n, >=, 5);

  /* Every page of the table repeats its header */
  for (guint page = 3; page <= n; page++)
    {
      g_autofree char *one = pdftotext (path, page, page);

      assert_contains (one, "Record");
      assert_contains (one, "Missing parent");
      assert_contains (one, "Rows");
      assert_contains (one, "rec-");
    }

  /* Every row once, in order, none lost or doubled at a break */
  text = pdftotext (path, 0, 0);
  for (guint i = 1; i <= 300; i++)
    {
      g_autofree char *record = g_strdup_printf ("rec-%03u", i);

      g_assert_cmpuint (count_occurrences (text, record), ==, 1);
    }
  g_assert_true (strstr (text, "rec-299") < strstr (text, "rec-300"));
  assert_contains (text, "After the table.");
}

static char *
long_identifier (char c)
{
  g_autoptr(GString) name = g_string_new ("legacy_");

  while (name->len < 200)
    g_string_append_c (name, c + name->len % 3);

  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* Nothing is drawn in the right margin of a PNG page */
static void
assert_right_margin_blank (const char *png,
                           double      page_width)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);
  int width, height, stride;
  guchar *data;
  int from;
  guint dark = 0;

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  data = cairo_image_surface_get_data (image);
  /* From 1 pt right of the content edge to the paper's edge */
  from = (int) ((page_width - MARGIN + 1) * width / page_width) + 1;
  g_assert_cmpint (from, <, width);

  for (int y = 0; y < height; y++)
    for (int x = from; x < width; x++)
      {
        guint32 pixel = *(guint32 *) (data + y * stride + 4 * x);

        if ((pixel & 0xffffff) != 0xffffff)
          dark++;
      }
  cairo_surface_destroy (image);

  if (dark > 0)
    g_error ("%u pixels drawn in the right margin of %s", dark, png);
}

static void
test_long_identifiers (void)
{
  g_autoptr(PfReportDocument) document = new_document ();
  g_autoptr(PfReportPages) pages = NULL;
  g_autoptr(GArray) words = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *a = long_identifier ('a');
  g_autofree char *b = long_identifier ('k');
  g_autofree char *c = long_identifier ('t');
  g_autofree char *joined = NULL;
  g_autofree char *code = NULL;
  g_autofree char *dir = out_dir ();
  PfReportBlock *block;
  double page_width = 0, page_height = 0;
  guint n;

  fill_cover (document);
  pf_report_cover_add_fact (pf_report_document_get_cover (document), "Table", a, TRUE);
  pf_report_document_add_heading (document, 1, "findings", b);
  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_BODY, c);
  block = pf_report_document_add_facts (document);
  pf_report_block_add_fact (block, "Table", a, TRUE);
  pf_report_block_add_fact (block, a, "a label as long as an identifier", FALSE);
  block = pf_report_document_add_list (document);
  pf_report_block_add_item (block, b);
  block = pf_report_document_add_table (document, a);
  pf_report_block_add_column (block, "Table", 2, FALSE, TRUE);
  pf_report_block_add_column (block, "Column", 2, FALSE, TRUE);
  pf_report_block_add_column (block, "Rows", 0.5, TRUE, FALSE);
  pf_report_block_add_row (block, PF_REPORT_TONE_BAD, (const char * const[]) { a, b, "123456789012345" });
  pf_report_block_add_row (block, PF_REPORT_TONE_NEUTRAL, (const char * const[]) { "<script>alert(1)</script>", c, "1" });
  block = pf_report_document_add_heading (document, 2, "finding-1", a);
  block->tone = PF_REPORT_TONE_WARNING;
  code = g_strdup_printf ("SELECT * FROM \"%s\" WHERE \"%s\" IS NULL;", a, b);
  pf_report_document_add_code (document, a, code);
  pf_report_document_add_notice (document, PF_REPORT_TONE_WARNING, a, b);

  /* A sample of a table with twenty columns: narrow, but inside */
  block = pf_report_document_add_table (document, "Twenty columns");
  {
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < 20; i++)
      {
        g_autofree char *title = g_strdup_printf ("column_%u", i);

        pf_report_block_add_column (block, title, 1, i % 2 == 0, i % 2 == 1);
        g_ptr_array_add (cells, g_strdup_printf ("value_%u_%s", i, i == 19 ? a : "x"));
      }
    g_ptr_array_add (cells, NULL);
    pf_report_block_add_row (block, PF_REPORT_TONE_BAD, (const char * const *) cells->pdata);
  }

  path = write_pdf (document, PF_REPORT_PAPER_A4, "long-identifiers", &pages);

  /* Every word inside the content's width (pdftotext's boxes, with a
   * little room for glyph overhang) */
  words = pdf_words (path, &page_width, &page_height);
  g_assert_cmpfloat_with_epsilon (page_width, 595.28, 0.01);
  for (guint i = 0; i < words->len; i++)
    {
      const Word *word = &g_array_index (words, Word, i);

      if (word->x_max > page_width - MARGIN + 1 || word->x_min < MARGIN - 1)
        g_error ("“%s” on page %u spans %.1f to %.1f, outside %.1f to %.1f", word->text, word->page,
                 word->x_min, word->x_max, MARGIN, page_width - MARGIN);
    }

  /* The identifiers read back whole once pdftotext's line breaks go */
  text = pdftotext (path, 0, 0);
  {
    g_autoptr(GRegex) regex = g_regex_new ("\\s+", 0, 0, NULL);

    joined = g_regex_replace_literal (regex, text, -1, 0, "", 0, NULL);
  }
  g_assert_nonnull (strstr (joined, a));
  g_assert_nonnull (strstr (joined, b));
  g_assert_nonnull (strstr (joined, c));
  assert_contains (text, "<script>alert(1)</script>");

  /* And nothing is painted in the right margin either */
  n = pf_report_pages_get_n_pages (pages);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *png = NULL;

      /* pdftoppm pads the page number to the width of the last one */
      name = g_strdup_printf ("long-identifiers-%0*u.png", n >= 10 ? 2 : 1, i);
      png = g_build_filename (dir, name, NULL);
      assert_right_margin_blank (png, page_width);
    }
}

static void
test_scripts (void)
{
  static const char * const samples[] = {
    "Zażółć gęślą jaźń",
    "Καλημέρα κόσμε",
    "مرحبا بالعالم",
    "数据库迁移检查",
  };
  g_autoptr(PfReportDocument) document = new_document ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  PfReportBlock *block;
  PfReportCover *cover;

  fill_cover (document);
  cover = pf_report_document_get_cover (document);
  g_free (cover->connection);
  cover->connection = g_strdup ("数据库迁移检查");
  pf_report_document_add_heading (document, 1, "names", "Καλημέρα κόσμε");
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    pf_report_document_add_paragraph (document, PF_REPORT_TEXT_BODY, samples[i]);
  block = pf_report_document_add_table (document, "Names");
  pf_report_block_add_column (block, "Language", 1, FALSE, FALSE);
  pf_report_block_add_column (block, "Value", 2, FALSE, TRUE);
  pf_report_block_add_row (block, PF_REPORT_TONE_NEUTRAL, (const char * const[]) { "Polish", samples[0] });
  pf_report_block_add_row (block, PF_REPORT_TONE_NEUTRAL, (const char * const[]) { "Arabic", samples[2] });
  pf_report_block_add_row (block, PF_REPORT_TONE_NEUTRAL, (const char * const[]) { "Chinese", samples[3] });

  path = write_pdf (document, PF_REPORT_PAPER_A4, "scripts", NULL);
  text = pdftotext (path, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    assert_contains (text, samples[i]);

  fonts = assert_fonts_embedded (path);
  g_assert_nonnull (strstr (fonts, "WenQuanYi"));
  g_assert_nonnull (strstr (fonts, "DejaVu"));
  g_assert_nonnull (strstr (fonts, "Cantarell"));
}

/* An Arabic paragraph runs right to left: it ends at the right margin */
static void
test_right_to_left (void)
{
  g_autoptr(PfReportDocument) document = new_document ();
  g_autoptr(GArray) words = NULL;
  g_autofree char *path = NULL;
  double page_width = 0, page_height = 0;
  gboolean found = FALSE;

  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_BODY, "مرحبا بالعالم");
  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_BODY, "Hello world");
  path = write_pdf (document, PF_REPORT_PAPER_A4, "right-to-left", NULL);
  words = pdf_words (path, &page_width, &page_height);
  for (guint i = 0; i < words->len; i++)
    {
      const Word *word = &g_array_index (words, Word, i);

      if (g_str_equal (word->text, "Hello"))
        g_assert_cmpfloat_with_epsilon (word->x_min, MARGIN, 1);
      if (g_utf8_get_char (word->text) >= 0x600 && g_utf8_get_char (word->text) <= 0x6ff
          && word->x_max > page_width - MARGIN - 1)
        found = TRUE;
    }
  g_assert_true (found);
}

/* A sentence that starts with an Arabic name is still an English
 * sentence: left to right, from the left margin, in order */
static void
test_mixed_direction (void)
{
  g_autoptr(PfReportDocument) document = new_document ();
  g_autoptr(GArray) words = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  double page_width = 0, page_height = 0;
  double arabic_x = -1, rows_x = -1, exist_x = -1;

  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_BODY, "سجل rows point at users that do not exist");
  path = write_pdf (document, PF_REPORT_PAPER_A4, "mixed-direction", NULL);
  text = pdftotext (path, 0, 0);
  assert_contains (text, "rows point at users that do not exist");

  words = pdf_words (path, &page_width, &page_height);
  for (guint i = 0; i < words->len; i++)
    {
      const Word *word = &g_array_index (words, Word, i);

      /* pdftotext may cut the Arabic word into its letters: the leftmost */
      if (g_utf8_get_char (word->text) >= 0x600 && g_utf8_get_char (word->text) <= 0x6ff)
        arabic_x = arabic_x < 0 ? word->x_min : MIN (arabic_x, word->x_min);
      else if (g_str_equal (word->text, "rows"))
        rows_x = word->x_min;
      else if (g_str_equal (word->text, "exist"))
        exist_x = word->x_min;
    }
  g_assert_cmpfloat_with_epsilon (arabic_x, MARGIN, 1);
  g_assert_cmpfloat (arabic_x, <, rows_x);
  g_assert_cmpfloat (rows_x, <, exist_x);
  g_assert_cmpfloat (exist_x, <, page_width / 2);
}

/* A heading never ends a page: the last thing on a page is never one,
 * nor a table header or a caption without what it heads */
static void
test_keep_with_next (void)
{
  g_autoptr(PfReportDocument) document = new_document ();
  g_autoptr(PfReportPages) pages = NULL;
  g_autoptr(GArray) words = NULL;
  g_autofree char *path = NULL;
  double page_width = 0, page_height = 0;
  guint n, breaks = 0;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *title = g_strdup_printf ("Heading%u of the section", i);
      g_autoptr(GString) body = g_string_new (NULL);
      PfReportBlock *block;

      block = pf_report_document_add_heading (document, 1 + i % 3, NULL, title);
      block->tone = PF_REPORT_TONE_BAD;
      for (guint j = 0; j < 4 + (i * 7) % 23; j++)
        g_string_append (body, "body words wrap over several lines of text ");
      if (i % 5 == 4)
        {
          block = pf_report_document_add_table (document, NULL);
          pf_report_block_add_column (block, "Column", 1, FALSE, FALSE);
          pf_report_block_add_row (block, PF_REPORT_TONE_NEUTRAL, (const char * const[]) { body->str });
        }
      else if (i % 7 == 6)
        pf_report_document_add_code (document, "Code", body->str);
      else
        pf_report_document_add_paragraph (document, PF_REPORT_TEXT_BODY, body->str);
    }

  path = write_pdf (document, PF_REPORT_PAPER_A4, "keep-with-next", &pages);
  words = pdf_words (path, &page_width, &page_height);
  n = pf_report_pages_get_n_pages (pages);
  g_assert_cmpuint (n, >=, 4);
  for (guint page = 1; page <= n; page++)
    {
      const Word *last = NULL;

      for (guint i = 0; i < words->len; i++)
        {
          const Word *word = &g_array_index (words, Word, i);

          /* The content, not the footer */
          if (word->page != page || word->y_max > page_height - MARGIN + 2)
            continue;
          if (last == NULL || word->y_max > last->y_max + 0.5)
            last = word;
        }
      g_assert_nonnull (last);
      if (page < n)
        {
          breaks++;
          if (g_str_has_prefix (last->text, "Heading") || g_str_equal (last->text, "section"))
            g_error ("page %u ends with a heading (“%s”)", page, last->text);
          /* Nor with a table's header or a code block's caption alone */
          if (g_str_equal (last->text, "Column") || g_str_equal (last->text, "Code"))
            g_error ("page %u ends with a header (“%s”)", page, last->text);
        }
      /* Nothing below the content area but the footer */
      for (guint i = 0; i < words->len; i++)
        {
          const Word *word = &g_array_index (words, Word, i);

          if (word->page == page && word->y_max > page_height - MARGIN + 2)
            g_assert_true (g_str_equal (word->text, "Page") || g_str_equal (word->text, "of")
                           || g_ascii_isdigit (*word->text));
        }
    }
  g_assert_cmpuint (breaks, >, 0);
}

/* A row taller than a page is split by lines, and nothing overflows */
static void
test_tall_row (void)
{
  g_autoptr(PfReportDocument) document = new_document ();
  g_autoptr(PfReportPages) pages = NULL;
  g_autoptr(GArray) words = NULL;
  g_autoptr(GString) tall = g_string_new (NULL);
  g_autoptr(GString) code = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  double page_width = 0, page_height = 0;
  PfReportBlock *block;

  for (guint i = 1; i <= 150; i++)
    g_string_append_printf (tall, "line%03u\n", i);
  for (guint i = 1; i <= 200; i++)
    g_string_append_printf (code, "UPDATE t SET c = %u; -- statement%03u\n", i, i);
  g_string_truncate (tall, tall->len - 1);

  block = pf_report_document_add_table (document, "Tall");
  pf_report_block_add_column (block, "Values", 2, FALSE, TRUE);
  pf_report_block_add_column (block, "Short", 1, FALSE, FALSE);
  pf_report_block_add_row (block, PF_REPORT_TONE_BAD, (const char * const[]) { "first", "one" });
  pf_report_block_add_row (block, PF_REPORT_TONE_BAD, (const char * const[]) { tall->str, "short" });
  pf_report_block_add_row (block, PF_REPORT_TONE_NEUTRAL, (const char * const[]) { "last", "row" });
  pf_report_document_add_code (document, "A long script", code->str);

  path = write_pdf (document, PF_REPORT_PAPER_A4, "tall-row", &pages);
  g_assert_cmpuint (pf_report_pages_get_n_pages (pages), >=, 3);

  text = pdftotext (path, 0, 0);
  for (guint i = 1; i <= 150; i++)
    {
      g_autofree char *line = g_strdup_printf ("line%03u", i);

      g_assert_cmpuint (count_occurrences (text, line), ==, 1);
    }
  for (guint i = 1; i <= 200; i++)
    {
      g_autofree char *line = g_strdup_printf ("statement%03u", i);

      g_assert_cmpuint (count_occurrences (text, line), ==, 1);
    }
  g_assert_true (strstr (text, "line150") < strstr (text, "last"));

  words = pdf_words (path, &page_width, &page_height);
  for (guint i = 0; i < words->len; i++)
    {
      const Word *word = &g_array_index (words, Word, i);

      if (g_str_has_prefix (word->text, "line") || g_str_has_prefix (word->text, "statement"))
        {
          g_assert_cmpfloat (word->y_max, <=, page_height - MARGIN + 1);
          /* pdftotext -bbox gives the font's box; MARGIN less its leading */
          g_assert_cmpfloat (word->y_min, >=, MARGIN - 3);
        }
    }
}

static void
test_render_image (void)
{
  g_autoptr(PfReportDocument) document = full_document ();
  g_autoptr(PfReportPages) pages = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *first, *second, *other;
  int stride, height;
  guint non_white = 0;
  guchar *data;

  pages = pf_report_pages_new (document, PF_REPORT_PAPER_A4, NULL, &error);
  g_assert_no_error (error);

  first = pf_report_pages_render_image (pages, 0, 300);
  g_assert_cmpint (cairo_surface_status (first), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_format (first), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmpint (cairo_image_surface_get_width (first), ==, 300);
  height = cairo_image_surface_get_height (first);
  g_assert_cmpint (height, ==, (int) (300 * 841.89 / 595.28 + 0.5));
  stride = cairo_image_surface_get_stride (first);
  data = cairo_image_surface_get_data (first);
  for (int i = 0; i < height * stride; i += 4)
    if ((*(guint32 *) (data + i) & 0xffffff) != 0xffffff)
      non_white++;
  /* Text and the verdict panel, not a blank sheet */
  g_assert_cmpuint (non_white, >, 300 * height / 20);
  /* Opaque white paper in the corner */
  g_assert_cmphex (*(guint32 *) data, ==, 0xffffffff);

  second = pf_report_pages_render_image (pages, 0, 300);
  g_assert_cmpint (memcmp (data, cairo_image_surface_get_data (second), height * stride), ==, 0);

  other = pf_report_pages_render_image (pages, 1, 300);
  g_assert_cmpint (memcmp (data, cairo_image_surface_get_data (other), height * stride), !=, 0);

  cairo_surface_destroy (first);
  cairo_surface_destroy (second);
  cairo_surface_destroy (other);
}

typedef struct
{
  PfReportDocument *document;
  PfReportPages    *pages;
  cairo_surface_t  *image;
} ThreadData;

static gpointer
layout_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  data->pages = pf_report_pages_new (data->document, PF_REPORT_PAPER_A4, NULL, NULL);

  return NULL;
}

static gpointer
draw_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  data->image = pf_report_pages_render_image (data->pages, 1, 400);

  return NULL;
}

/* Laid out on one thread, drawn on others at the same time: the same pixels */
static void
test_threads (void)
{
  g_autoptr(PfReportDocument) document = full_document ();
  ThreadData data = { document, NULL, NULL };
  ThreadData a, b;
  GThread *ta, *tb;
  cairo_surface_t *here;
  size_t size;

  g_thread_join (g_thread_new ("layout", layout_thread, &data));
  g_assert_nonnull (data.pages);
  a = data;
  b = data;
  ta = g_thread_new ("draw-a", draw_thread, &a);
  tb = g_thread_new ("draw-b", draw_thread, &b);
  here = pf_report_pages_render_image (data.pages, 1, 400);
  g_thread_join (ta);
  g_thread_join (tb);

  size = (size_t) cairo_image_surface_get_stride (here) * cairo_image_surface_get_height (here);
  g_assert_cmpint (memcmp (cairo_image_surface_get_data (here), cairo_image_surface_get_data (a.image), size), ==, 0);
  g_assert_cmpint (memcmp (cairo_image_surface_get_data (here), cairo_image_surface_get_data (b.image), size), ==, 0);

  cairo_surface_destroy (here);
  cairo_surface_destroy (a.image);
  cairo_surface_destroy (b.image);
  g_object_unref (data.pages);
}

static void
test_cancel (void)
{
  g_autoptr(PfReportDocument) document = full_document ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PfReportPages) pages = NULL;
  g_autoptr(PfReportPages) done = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  pages = pf_report_pages_new (document, PF_REPORT_PAPER_A4, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (pages);
  g_clear_error (&error);

  /* Writing stops too, and says why */
  done = pf_report_pages_new (document, PF_REPORT_PAPER_A4, NULL, &error);
  g_assert_no_error (error);
  stream = g_memory_output_stream_new_resizable ();
  g_assert_false (pf_report_pages_write_pdf (done, stream, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A stream that fails: the error comes back, as the stream said it */
static void
test_write_error (void)
{
  g_autoptr(PfReportDocument) document = full_document ();
  g_autoptr(PfReportPages) pages = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  pages = pf_report_pages_new (document, PF_REPORT_PAPER_A4, NULL, &error);
  g_assert_no_error (error);

  /* A full fixed-size memory stream: "Not enough space" */
  stream = g_memory_output_stream_new (g_malloc (512), 512, NULL, g_free);
  g_assert_false (pf_report_pages_write_pdf (pages, stream, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
}

/* A document without a cover starts with the header on page 1 */
static void
test_no_cover (void)
{
  g_autoptr(PfReportDocument) document = new_document ();
  g_autoptr(PfReportPages) pages = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_BODY, "Only a paragraph.");
  path = write_pdf (document, PF_REPORT_PAPER_LETTER, "no-cover", &pages);
  g_assert_cmpuint (pf_report_pages_get_n_pages (pages), ==, 1);
  text = pdftotext (path, 0, 0);
  assert_contains (text, "Rota production · 21 November 2026, 10:00 UTC");
  assert_contains (text, "Only a paragraph.");
  assert_contains (text, "Page 1 of 1");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = pf_test_make_dir ("pf-report-pages-XXXXXX");

  g_test_add_func ("/report-pages/paper", test_paper);
  g_test_add_func ("/report-pages/pdf/a4", test_pdf_a4);
  g_test_add_func ("/report-pages/pdf/letter", test_pdf_letter);
  g_test_add_func ("/report-pages/long-table", test_long_table);
  g_test_add_func ("/report-pages/long-identifiers", test_long_identifiers);
  g_test_add_func ("/report-pages/scripts", test_scripts);
  g_test_add_func ("/report-pages/right-to-left", test_right_to_left);
  g_test_add_func ("/report-pages/mixed-direction", test_mixed_direction);
  g_test_add_func ("/report-pages/keep-with-next", test_keep_with_next);
  g_test_add_func ("/report-pages/tall-row", test_tall_row);
  g_test_add_func ("/report-pages/render-image", test_render_image);
  g_test_add_func ("/report-pages/threads", test_threads);
  g_test_add_func ("/report-pages/cancel", test_cancel);
  g_test_add_func ("/report-pages/write-error", test_write_error);
  g_test_add_func ("/report-pages/no-cover", test_no_cover);

  status = g_test_run ();

  pf_test_remove_dir (tmp_dir);
  g_free (tmp_dir);

  return status;
}
