/* test-report-html.c — the HTML report: self-contained, well-formed, every string escaped
 *
 * The documents are built by hand with hostile strings in every place a
 * string can go; the output is read back by python3's html.parser
 * (tests/data/check-report-html.py) and, where installed, xmllint --html.
 * The hostile report is left in the build folder (report-hostile.html) for
 * a person to open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-report-html"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pf-report-html.h"

#define SCRIPT "<script>alert(1)</script>"
#define BREAKOUT "\"><img src=x onerror=alert(1)>"
#define AMP "&amp;"
#define QUOTES "O'Brien's \"rota\""
#define POLISH "Zażółć gęślą jaźń"
#define GREEK "Καλημέρα κόσμε"
#define ARABIC "مرحبا بالعالم"
#define CJK "排班数据库迁移"
#define CODE "-- not executed\n  DELETE FROM \"staff<script>\"\n   WHERE id < 3 && name = 'a&amp;b';\n"

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
  g_autoptr(GDateTime) created = g_date_time_new_utc (2026, 11, 21, 10, 0, 0);
  g_autofree char *identifier = long_identifier ();
  PfReportBlock *block;

  pf_report_document_set_metadata (document, "Readiness report — " SCRIPT, BREAKOUT,
                                   "Rota " SCRIPT " · 21 November 2026", created);
  cover->product = g_strdup ("Preflight " PACKAGE_VERSION);
  cover->title = g_strdup (SCRIPT);
  cover->connection = g_strdup (BREAKOUT);
  cover->environment = g_strdup ("Production");
  cover->environment_tone = PF_REPORT_TONE_BAD;
  cover->verdict = g_strdup ("NO-GO");
  cover->verdict_tone = PF_REPORT_TONE_BAD;
  cover->verdict_sentence = g_strdup ("5 problems block this migration.");
  pf_report_cover_add_fact (cover, "Database", identifier, TRUE);
  pf_report_cover_add_fact (cover, SCRIPT, AMP, FALSE);
  pf_report_cover_add_fact (cover, "Signed by", POLISH, FALSE);

  pf_report_document_add_heading (document, 1, "summary", "Summary");
  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_LEAD, SCRIPT);
  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_BODY, QUOTES);
  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_NOTE, "Counts as of " AMP);

  pf_report_document_add_heading (document, 1, "blockers", BREAKOUT);
  block = pf_report_document_add_list (document);
  pf_report_block_add_item (block, SCRIPT);
  pf_report_block_add_item (block, GREEK);

  block = pf_report_document_add_heading (document, 2, "finding-1", ARABIC);
  block->tone = PF_REPORT_TONE_BAD;
  pf_report_document_add_heading (document, 3, NULL, CJK);

  block = pf_report_document_add_facts (document);
  pf_report_block_add_fact (block, BREAKOUT, SCRIPT, FALSE);
  pf_report_block_add_fact (block, "Table", identifier, TRUE)->tone = PF_REPORT_TONE_WARNING;

  block = pf_report_document_add_table (document, SCRIPT);
  pf_report_block_add_column (block, "Check", 2, FALSE, FALSE);
  pf_report_block_add_column (block, BREAKOUT, 6, FALSE, TRUE);
  pf_report_block_add_column (block, "Count", 2, TRUE, FALSE);
  pf_report_block_add_row (block, PF_REPORT_TONE_BAD,
                           (const char *[]) { SCRIPT, identifier, "1,350" });
  pf_report_block_add_row (block, PF_REPORT_TONE_NEUTRAL,
                           (const char *[]) { POLISH, BREAKOUT, "42" });
  pf_report_block_add_row (block, PF_REPORT_TONE_WARNING,
                           (const char *[]) { ARABIC, CJK, NULL });

  pf_report_document_add_notice (document, PF_REPORT_TONE_WARNING, SCRIPT, BREAKOUT);

  block = pf_report_document_add_heading (document, 1, "appendix", "Appendix " AMP);
  block->new_page = TRUE;
  pf_report_document_add_code (document, BREAKOUT, CODE);

  return document;
}

static const char *
python (void)
{
  /* The system's python3, which the data suite uses too */
  return g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
}

static char *
write_html (const char *name,
            const char *html)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, html, -1, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

/* Runs the checker on @path; @expected: texts that must read back unchanged */
static void
assert_checker_passes (const char         *path,
                       const char * const *expected)
{
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "data", "check-report-html.py", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) python ());
  g_ptr_array_add (argv, checker);
  g_ptr_array_add (argv, (char *) path);
  for (guint i = 0; expected != NULL && expected[i] != NULL; i++)
    {
      g_ptr_array_add (argv, "--expect-text");
      g_ptr_array_add (argv, (char *) expected[i]);
    }
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("check-report-html.py failed:\n%s%s", out, err);
  g_test_message ("%s", out);
  g_assert_cmpstr (err, ==, "");
}

static void
assert_xmllint_quiet (const char *path)
{
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (xmllint == NULL)
    {
      g_test_message ("xmllint is not installed: skipping its check");
      return;
    }

  g_spawn_sync (NULL, (char *[]) { xmllint, "--html", "--noout", (char *) path, NULL }, NULL,
                G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || *err != '\0' || *out != '\0')
    g_error ("xmllint --html complains about %s:\n%s%s", path, out, err);
}

static void
assert_contains (const char *html,
                 const char *fragment)
{
  if (strstr (html, fragment) == NULL)
    g_error ("the HTML lacks “%s”", fragment);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* Hostile strings anywhere come out as text: the parser finds no element
 * or attribute in them, and reads each back unchanged */
static void
test_hostile (void)
{
  g_autoptr(PfReportDocument) document = new_hostile_document ();
  g_autofree char *identifier = long_identifier ();
  g_autofree char *html = pf_report_html_render (document);
  g_autofree char *path = write_html ("report-hostile.html", html);
  g_autofree char *lower = g_ascii_strdown (html, -1);
  const char *expected[] = {
    SCRIPT, BREAKOUT, AMP, QUOTES, POLISH, GREEK, ARABIC, CJK, identifier, CODE,
    "Readiness report — " SCRIPT, "Rota " SCRIPT " · 21 November 2026", "Counts as of " AMP,
    NULL
  };

  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n"));

  assert_checker_passes (path, expected);
  assert_xmllint_quiet (path);

  /* Nothing of the hostile markup survives as markup */
  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, "<img"));
  g_assert_null (strstr (lower, "onerror=alert(1)>"));
  g_assert_null (strstr (lower, "http:"));
  g_assert_null (strstr (lower, "https:"));
  assert_contains (html, "&lt;script&gt;alert(1)&lt;/script&gt;");
  assert_contains (html, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  assert_contains (html, "&amp;amp;");
  assert_contains (html, "O&#39;Brien&#39;s &quot;rota&quot;");

  /* In attribute values too */
  assert_contains (html, "<meta name=\"author\" content=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">");
  assert_contains (html, "<title>Readiness report — &lt;script&gt;alert(1)&lt;/script&gt;</title>");

  /* Non-Latin text stays text, not references */
  assert_contains (html, POLISH);
  assert_contains (html, GREEK);
  assert_contains (html, ARABIC);
  assert_contains (html, CJK);
}

static void
test_head (void)
{
  g_autoptr(PfReportDocument) document = new_hostile_document ();
  g_autofree char *html = pf_report_html_render (document);

  /* Not translated in tests: the report says it is English */
  assert_contains (html, "<html lang=\"en\">");
  assert_contains (html, "<meta charset=\"utf-8\">");
  assert_contains (html, "<meta http-equiv=\"Content-Security-Policy\" "
                         "content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;\">");
  assert_contains (html, "<meta name=\"generator\" content=\"Preflight " PACKAGE_VERSION "\">");
  assert_contains (html, "<meta name=\"dcterms.created\" content=\"2026-11-21T10:00:00Z\">");
  g_assert_cmpuint (count (html, "<style>"), ==, 1);
  g_assert_cmpuint (count (html, "<title>"), ==, 1);

  /* The stylesheet: fonts, palette, print pagination, dark screens */
  assert_contains (html, "font: 10.5pt/1.5 Cantarell, 'DejaVu Sans', system-ui");
  assert_contains (html, "font-family: 'DejaVu Sans Mono', monospace;");
  assert_contains (html, "--bad: #c01c28;");
  assert_contains (html, "--warning: #cd9309; --warning-text: #7a5600;");
  assert_contains (html, "--good: #26a269;");
  assert_contains (html, "@page { size: A4; margin: 20mm; }");
  assert_contains (html, ".cover { padding: 0; break-after: page; page-break-after: always; }");
  assert_contains (html, "thead { display: table-header-group; }");
  assert_contains (html, "tr, dl.facts > div");
  assert_contains (html, ".new-page { break-before: page; page-break-before: always; }");
  assert_contains (html, "@media screen and (prefers-color-scheme: dark)");
  assert_contains (html, "print-color-adjust: exact;");
  assert_contains (html, "white-space: pre-wrap;");
  assert_contains (html, "td.mono { overflow-wrap: anywhere; }");
}

/* Each block kind in its markup */
static void
test_blocks (void)
{
  g_autoptr(PfReportDocument) document = new_hostile_document ();
  g_autofree char *html = pf_report_html_render (document);
  const char *contents, *content;

  /* Cover: the verdict in its tone with the words, the environment pill */
  assert_contains (html, "<div class=\"cover\" role=\"region\" aria-label=\"Cover\">");
  assert_contains (html, "<p class=\"product\">Preflight " PACKAGE_VERSION "</p>");
  assert_contains (html, "<h1 class=\"title\">&lt;script&gt;alert(1)&lt;/script&gt;</h1>");
  assert_contains (html, "<span class=\"pill tone-bad\">Production</span>");
  assert_contains (html, "<div class=\"verdict tone-bad\">\n"
                         "<p class=\"verdict-label\">Verdict</p>\n"
                         "<p class=\"verdict-word\">NO-GO</p>\n"
                         "<p class=\"verdict-sentence\">5 problems block this migration.</p>\n");
  assert_contains (html, "<div><dt>Signed by</dt><dd>" POLISH "</dd></div>");
  g_assert_cmpuint (count (html, "<h1"), ==, 1);

  /* Contents: the level 1 headings, numbered, linked; before the content */
  contents = strstr (html, "<div class=\"toc\"");
  content = strstr (html, "<div class=\"content\" role=\"main\">");
  g_assert_nonnull (contents);
  g_assert_nonnull (content);
  g_assert_true (contents < content);
  assert_contains (contents, "<li><a href=\"#summary\"><span class=\"num\">1</span> "
                             "<span class=\"heading-text\">Summary</span></a></li>\n"
                             "<li><a href=\"#blockers\"><span class=\"num\">2</span> ");
  assert_contains (contents, "<li><a href=\"#appendix\"><span class=\"num\">3</span> "
                             "<span class=\"heading-text\">Appendix &amp;amp;</span></a></li>\n</ol>");

  /* Headings: numbered h2, h3 with its tone's marker, h4; a new page */
  assert_contains (content, "<h2 id=\"summary\"><span class=\"num\">1</span> "
                            "<span class=\"heading-text\">Summary</span></h2>");
  assert_contains (content, "<h2 id=\"blockers\"><span class=\"num\">2</span> <span class=\"heading-text\">"
                            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</span></h2>");
  assert_contains (content, "<h3 id=\"finding-1\" class=\"tone-bad\"><span class=\"marker\" aria-hidden=\"true\">"
                            "</span><span class=\"heading-text\">" ARABIC "</span></h3>");
  assert_contains (content, "<h4><span class=\"heading-text\">" CJK "</span></h4>");
  assert_contains (content, "<h2 id=\"appendix\" class=\"new-page\"><span class=\"num\">3</span> ");

  /* Paragraphs in their three styles, a list */
  assert_contains (content, "<p class=\"lead\">&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  assert_contains (content, "<p>O&#39;Brien&#39;s &quot;rota&quot;</p>");
  assert_contains (content, "<p class=\"note\">Counts as of &amp;amp;</p>");
  assert_contains (content, "<ul>\n<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>\n<li>" GREEK "</li>\n</ul>");

  /* Facts: a monospace value in its tone */
  assert_contains (content, "<dl class=\"facts\">\n<div><dt>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</dt>"
                            "<dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd></div>");
  assert_contains (content, "<div><dt>Table</dt><dd class=\"mono tone-warning\">scheduling_");

  /* The table: caption, widths, a header that repeats, row tones */
  assert_contains (content, "<table>\n<caption>&lt;script&gt;alert(1)&lt;/script&gt;</caption>\n"
                            "<colgroup><col style=\"width: 20.00%\"><col style=\"width: 60.00%\">"
                            "<col style=\"width: 20.00%\"></colgroup>\n"
                            "<thead><tr><th scope=\"col\">Check</th><th scope=\"col\">&quot;&gt;"
                            "&lt;img src=x onerror=alert(1)&gt;</th><th scope=\"col\" class=\"num\">Count</th>"
                            "</tr></thead>\n<tbody>\n");
  assert_contains (content, "<tr class=\"tone-bad\"><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"
                            "<td class=\"mono\">scheduling_");
  assert_contains (content, "</td><td class=\"num\">1,350</td></tr>\n");
  assert_contains (content, "<tr><td>" POLISH "</td><td class=\"mono\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
                            "</td><td class=\"num\">42</td></tr>\n");
  assert_contains (content, "<tr class=\"tone-warning\"><td>" ARABIC "</td><td class=\"mono\">" CJK "</td>"
                            "<td class=\"num\"></td></tr>\n</tbody>\n</table>\n");

  /* The notice and the code, caption above, text as is */
  assert_contains (content, "<div class=\"notice tone-warning\" role=\"note\">\n"
                            "<p class=\"notice-title\">&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
                            "<p class=\"notice-text\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>\n</div>\n");
  assert_contains (content, "<div class=\"code\">\n<p class=\"code-caption\">&quot;&gt;&lt;img src=x "
                            "onerror=alert(1)&gt;</p>\n<pre><code>-- not executed\n"
                            "  DELETE FROM &quot;staff&lt;script&gt;&quot;\n"
                            "   WHERE id &lt; 3 &amp;&amp; name = &#39;a&amp;amp;b&#39;;\n</code></pre>\n</div>\n");
}

/* Bytes that are not text in HTML never reach the file */
static void
test_control_characters (void)
{
  g_autoptr(PfReportDocument) document = pf_report_document_new ();
  g_autofree char *html = NULL;
  g_autofree char *path = NULL;
  PfReportBlock *block;

  block = pf_report_document_add_table (document, NULL);
  pf_report_block_add_column (block, "Value", 1, FALSE, FALSE);
  /* A NUL cannot be in a C string; \x01, \x1b, C1 U+0085, invalid UTF-8, CR LF, CR */
  pf_report_block_add_row (block, PF_REPORT_TONE_NEUTRAL,
                           (const char *[]) { "a\x01" "b\x1b" "c\xc2\x85" "d\xff" "e\r\nf\rg" });

  html = pf_report_html_render (document);
  path = write_html ("report-control.html", html);
  g_assert_true (g_utf8_validate (html, -1, NULL));
  assert_contains (html, "<td>a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd" "d\xef\xbf\xbd" "e\nf\ng</td>");
  assert_checker_passes (path, (const char *[]) { "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd"
                                                  "d\xef\xbf\xbd" "e\nf\ng", NULL });
  assert_xmllint_quiet (path);
}

/* An empty document is still a whole, valid page */
static void
test_empty (void)
{
  g_autoptr(PfReportDocument) document = pf_report_document_new ();
  g_autofree char *html = pf_report_html_render (document);
  g_autofree char *path = write_html ("report-empty.html", html);

  assert_checker_passes (path, (const char *[]) { "Readiness report", NULL });
  assert_xmllint_quiet (path);
  g_assert_null (strstr (html, "class=\"toc\""));
  g_assert_null (strstr (html, "class=\"verdict"));
  g_assert_null (strstr (html, "name=\"author\""));
}

/* Level 1 headings without an anchor still get a unique id for the
 * contents; the checker fails a link that leads nowhere */
static void
test_headings_without_anchor (void)
{
  g_autoptr(PfReportDocument) document = pf_report_document_new ();
  g_autofree char *html = NULL;
  g_autofree char *path = NULL;

  pf_report_document_add_heading (document, 1, NULL, "One");
  pf_report_document_add_heading (document, 1, "", "Two");
  pf_report_document_add_heading (document, 2, NULL, "Two, a part");

  html = pf_report_html_render (document);
  path = write_html ("report-anchors.html", html);
  assert_checker_passes (path, (const char *[]) { "One", "Two", "Two, a part", NULL });
  assert_contains (html, "<h2 id=\"pf-block-0\"><span class=\"num\">1</span> ");
  assert_contains (html, "<h2 id=\"pf-block-1\"><span class=\"num\">2</span> ");
  assert_contains (html, "<h3><span class=\"heading-text\">Two, a part</span></h3>");
}

/* Two thousand rows stay one table, each row well-formed */
static void
test_large_table (void)
{
  g_autoptr(PfReportDocument) document = pf_report_document_new ();
  g_autofree char *html = NULL;
  g_autofree char *path = NULL;
  PfReportBlock *block;

  block = pf_report_document_add_table (document, "Findings");
  pf_report_block_add_column (block, "Table", 3, FALSE, TRUE);
  pf_report_block_add_column (block, "Count", 1, TRUE, FALSE);
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *table = g_strdup_printf ("t<%u>", i);
      g_autofree char *n = g_strdup_printf ("%u", i + 1);

      pf_report_block_add_row (block, PF_REPORT_TONE_BAD, (const char *[]) { table, n });
    }

  html = pf_report_html_render (document);
  path = write_html ("report-large.html", html);
  assert_checker_passes (path, (const char *[]) { "t<0>", "t<1999>", "2000", NULL });
  g_assert_cmpuint (count (html, "<tr class=\"tone-bad\">"), ==, 2000);
  g_assert_cmpuint (count (html, "<thead>"), ==, 1);
  assert_contains (html, "<td class=\"mono\">t&lt;1999&gt;</td><td class=\"num\">2000</td></tr>\n</tbody>");
}

/* Whether the checker passes a minimal valid page with @body in it and
 * finds @expected as a text node */
static gboolean
checker_accepts (const char *body,
                 const char *expected)
{
  static const char head[] =
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    "<title>t</title></head><body><p id=\"here\">&amp;amp;</p>";
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "data", "check-report-html.py", NULL);
  g_autofree char *html = g_strconcat (head, body, "</body></html>\n", NULL);
  g_autofree char *path = write_html ("report-checker.html", html);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char *[]) { (char *) python (), checker, path, "--expect-text", (char *) expected, NULL },
                NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s → %s", body, out);

  return g_spawn_check_wait_status (status, NULL);
}

/* The checker itself catches what it is for: unclosed and stray tags,
 * scripts, handlers, external URLs, and text that does not read back */
static void
test_checker_fails (void)
{
  static const char * const bad[] = {
    "<div><p>x</div></p>",
    "<div>unclosed",
    "</span>",
    "<script>1</script>",
    "<p onclick=\"x()\">x</p>",
    "<img src=\"x.png\">",
    "<a href=\"https://example.com/\">x</a>",
    "<a href=\"//example.com/\">x</a>",
    "<a href=\"#nowhere\">x</a>",
    "<p style=\"background: url(x.png)\">x</p>",
    "<style>@import 'x.css';</style>",
    "<p id=\"here\">twice</p>",
  };

  g_assert_true (checker_accepts ("<p><a href=\"#here\">ok</a></p>", "&amp;"));
  g_assert_false (checker_accepts ("<p>ok</p>", "ok!"));
  /* Text split by an element is not one text node */
  g_assert_false (checker_accepts ("<p>o<b>k</b></p>", "ok"));
  g_assert_false (checker_accepts ("<p>ok</p>", "&amp;amp;"));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (checker_accepts (bad[i], "&amp;"))
      g_error ("check-report-html.py accepts %s", bad[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report-html/hostile", test_hostile);
  g_test_add_func ("/report-html/head", test_head);
  g_test_add_func ("/report-html/blocks", test_blocks);
  g_test_add_func ("/report-html/control-characters", test_control_characters);
  g_test_add_func ("/report-html/empty", test_empty);
  g_test_add_func ("/report-html/headings-without-anchor", test_headings_without_anchor);
  g_test_add_func ("/report-html/large-table", test_large_table);
  g_test_add_func ("/report-html/checker-fails", test_checker_fails);

  return g_test_run ();
}
