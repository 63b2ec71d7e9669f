/* test-report-formats.c — readiness reports in every format, written by
 * pf_report_export() for the demo, a clean database and a hostile one, and
 * read back with the tools people use: poppler's pdfinfo, pdffonts,
 * pdftotext and pdftoppm, python3's html.parser, xmllint and json-glib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages of every PDF are left as PNG files in
 * $G_TEST_BUILDDIR/report-pages/<report>/ for a person to look at.
 */

#define G_LOG_DOMAIN "test-report-formats"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pf-engine.h"
#include "pf-migration-analysis.h"
#include "pf-report-export.h"
#include "pf-test-files.h"
#include "pf-test-hostile.h"

#define N_HOSTILE_FINDINGS 2000
/* How many blockers of the big report are looked for in its PDF, from
 * each end of its blockers table */
#define N_SAMPLE 20

typedef struct
{
  const char *name;
  PfReport   *report;
  guint       n_planted;   /* hostile: the fk-orphans findings planted */
} Case;

enum { CASE_DEMO, CASE_CLEAN, CASE_HOSTILE, N_CASES };

static Case cases[N_CASES] = {
  { "demo", NULL, 0 },
  { "clean", NULL, 0 },
  { "hostile", NULL, 0 },
};
static char *tmp_dir;

/* ---- the three reports ----------------------------------------------- */

static PfReport *
demo_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autofree char *project = pf_demo_ensure_project (NULL, &error);
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfMigrationAnalysis) analysis = NULL;
  PfReport *report;

  g_assert_no_error (error);
  report = pf_test_scan_file (path);

  /* The migrations, as preflight-cli check --demo adds them */
  database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);
  g_assert_true (pf_database_open (database, NULL, &error));
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);
  analysis = pf_migration_analysis_run (database, schema, project, NULL, report, NULL, &error);
  g_assert_no_error (error);
  pf_database_close (database);
  pf_report_set_migrations (report, analysis);

  return report;
}

static Case *
get_case (guint index)
{
  Case *c = &cases[index];

  if (c->report != NULL)
    return c;

  switch (index)
    {
    case CASE_DEMO:
      c->report = demo_report ();
      break;

    case CASE_CLEAN:
      {
        g_autofree char *path = g_build_filename (tmp_dir, "clean.db", NULL);

        pf_test_clean_write (path);
        c->report = pf_test_scan_file (path);
      }
      break;

    case CASE_HOSTILE:
      {
        g_autofree char *path = g_build_filename (tmp_dir, "hostile.db", NULL);
        gint64 start = g_get_monotonic_time ();

        c->n_planted = pf_test_hostile_write (path, N_HOSTILE_FINDINGS);
        g_test_message ("hostile database with %u planted findings written in %.2f s",
                        c->n_planted, (g_get_monotonic_time () - start) / 1e6);
        start = g_get_monotonic_time ();
        c->report = pf_test_scan_file (path);
        g_test_message ("hostile database scanned in %.2f s",
                        (g_get_monotonic_time () - start) / 1e6);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return c;
}

/* ---- helpers ---------------------------------------------------------- */

static char *
export (Case           *c,
        PfReportFormat  format,
        PfReportPaper   paper,
        const char     *suffix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_strdup_printf ("%s%s.%s", c->name, suffix,
                                               pf_report_format_get_extension (format));
  char *path = g_build_filename (tmp_dir, basename, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint n_before = pf_test_count_dir (tmp_dir);
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  ok = pf_report_export (c->report, format, paper, file, NULL, &error);
  g_test_message ("%s written in %.2f s", basename, (g_get_monotonic_time () - start) / 1e6);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* Nothing left beside it (the atomic write's temporary file) */
  g_assert_cmpuint (pf_test_count_dir (tmp_dir), ==, n_before + (existed ? 0 : 1));

  return path;
}

/* @text without white space and invisible marks, in Unicode NFKC (so
 * Arabic presentation forms read as letters): what a reader sees, however
 * the layout wrapped it (identifiers wrap anywhere, without hyphens) */
static char *
squash (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (normal);
  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* soft hyphen, zero width space/joiners, the bidi marks, embeddings
       * and isolates pdftotext adds around right-to-left runs */
      if (g_unichar_isspace (c) || c == 0x00AD || (c >= 0x200B && c <= 0x200F) ||
          (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF)
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Whether @needle reads in @text (both squashed) */
static gboolean
reads (const char *squashed_text,
       const char *needle)
{
  g_autofree char *squashed = squash (needle);
  g_autofree char *reversed = NULL;

  if (strstr (squashed_text, squashed) != NULL)
    return TRUE;
  /* Right-to-left text may come out in visual order */
  reversed = g_utf8_strreverse (squashed, -1);
  return strstr (squashed_text, reversed) != NULL;
}

static void
assert_reads (const char *squashed_text,
              const char *needle,
              const char *what)
{
  if (!reads (squashed_text, needle))
    g_error ("The %s does not read “%s”", what, needle);
}

/* The value after "@key:" in pdfinfo's output, or NULL */
static char *
pdfinfo_get (const char *info,
             const char *key)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *prefix = g_strconcat (key, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));

  return NULL;
}

static const char *
verdict_word (PfReport *report)
{
  if (!pf_report_get_complete (report))
    return "INCOMPLETE";

  switch (pf_report_get_verdict (report))
    {
    case PF_VERDICT_GO: return "GO";
    case PF_VERDICT_GO_WITH_WARNINGS: return "GO WITH WARNINGS";
    case PF_VERDICT_NO_GO: return "NO-GO";
    default: g_assert_not_reached ();
    }
}

/* The report's blockers among its findings (the model holds them first) */
static GPtrArray *
dup_blockers (PfReport *report)
{
  GListModel *findings = pf_report_get_findings (report);
  GPtrArray *blockers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      PfFinding *finding = g_list_model_get_item (findings, i);

      if (pf_finding_get_severity (finding) == PF_SEVERITY_BLOCKER)
        g_ptr_array_add (blockers, finding);
      else
        g_object_unref (finding);
    }

  return blockers;
}

/* Whether @count is written as a number of its own (digits, or grouped in
 * thousands) within a few characters after some place @where reads: a row
 * of the blockers table ("table.column → parent.key   count") */
static gboolean
reads_row (const char *squashed_text,
           const char *where,
           gint64      count)
{
  g_autofree char *name = squash (where);
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, count);
  g_autofree char *pattern = NULL;
  GString *grouped = g_string_new (NULL);
  guint len = strlen (digits);
  const char *at = squashed_text;

  /* 1350 may read 1,350, 1.350 or 1 350 (a space is squashed away) */
  for (guint i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (grouped, "[,.\\x{202F}\\x{A0}]?");
      g_string_append_c (grouped, digits[i]);
    }
  pattern = g_strdup_printf ("(?<![0-9])%s(?![0-9])", grouped->str);
  g_string_free (grouped, TRUE);

  while ((at = strstr (at, name)) != NULL)
    {
      g_autofree char *window = g_strndup (at + strlen (name), 60);

      /* The window may end inside a character */
      if (!g_utf8_validate (window, -1, NULL))
        {
          const char *end = NULL;

          g_utf8_validate (window, -1, &end);
          window[end - window] = '\0';
        }
      if (g_regex_match_simple (pattern, window, 0, 0))
        return TRUE;
      at++;
    }

  return FALSE;
}

/* What the blockers table names a finding by: "table.column" for a
 * relationship of one column, else the table */
static char *
dup_where (PfFinding *finding)
{
  const char * const *columns = pf_finding_get_columns (finding);

  if (columns != NULL && columns[0] != NULL && columns[1] == NULL)
    return g_strconcat (pf_finding_get_table (finding), ".", columns[0], NULL);
  return g_strdup (pf_finding_get_table (finding));
}

static char *
pages_dir (Case *c)
{
  const char *build_dir = g_getenv ("G_TEST_BUILDDIR");

  return g_build_filename (build_dir != NULL ? build_dir : tmp_dir, "report-pages", c->name, NULL);
}

/* ---- PDF -------------------------------------------------------------- */

static void
check_fonts (const char *pdf,
             gboolean    expect_cjk)
{
  g_autofree char *fonts = pf_test_tool ("pdffonts", pdf);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  g_auto(GStrv) columns = NULL;
  gsize emb_start = 0, emb_end = 0, pos = 0;
  guint n_fonts = 0;
  gboolean cjk = FALSE;

  /* name  type  encoding  emb  sub  uni  object ID: the dashes under the
   * header give each column's place */
  g_assert_nonnull (lines[0]);
  g_assert_nonnull (lines[1]);
  g_assert_true (g_str_has_prefix (lines[1], "---"));
  g_assert_nonnull (strstr (lines[0], "emb"));
  columns = g_strsplit (lines[1], " ", -1);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      if (i == 3)
        {
          emb_start = pos;
          emb_end = pos + strlen (columns[i]);
        }
      pos += strlen (columns[i]) + 1;
    }
  g_assert_cmpuint (emb_end, >, emb_start);

  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_autofree char *emb = NULL;

      if (lines[i][0] == '\0')
        continue;
      g_assert_cmpuint (strlen (lines[i]), >=, emb_end);
      emb = g_strstrip (g_strndup (lines[i] + emb_start, emb_end - emb_start));
      if (!g_str_equal (emb, "yes"))
        g_error ("A font is not embedded in %s:\n%s", pdf, fonts);
      if (strstr (lines[i], "WenQuanYi") != NULL)
        cjk = TRUE;
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >=, 1);
  if (expect_cjk && !cjk)
    g_error ("No CJK font (WenQuanYi) in %s:\n%s", pdf, fonts);
}

static void
render_pages (Case       *c,
              const char *pdf,
              guint       n_pages)
{
  g_autofree char *dir = pages_dir (c);
  g_autofree char *root = g_build_filename (dir, "page", NULL);
  g_autofree char *out = NULL;

  pf_test_remove_dir (dir);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  out = pf_test_tool ("pdftoppm", "-r", "50", "-png", pdf, root);
  g_assert_cmpuint (pf_test_count_dir (dir), ==, n_pages);
  g_test_message ("%u pages of %s are in %s", n_pages, c->name, dir);
}

static void
test_pdf (gconstpointer data)
{
  Case *c = get_case (GPOINTER_TO_UINT (data));
  PfReport *report = c->report;
  g_autofree char *pdf = export (c, PF_REPORT_FORMAT_PDF, PF_REPORT_PAPER_A4, "");
  g_autofree char *info = pf_test_tool ("pdfinfo", pdf);
  g_autofree char *pages = pdfinfo_get (info, "Pages");
  g_autofree char *title = pdfinfo_get (info, "Title");
  g_autofree char *author = pdfinfo_get (info, "Author");
  g_autofree char *creator = pdfinfo_get (info, "Creator");
  g_autofree char *created = pdfinfo_get (info, "CreationDate");
  g_autofree char *page_size = pdfinfo_get (info, "Page size");
  g_autofree char *text = pf_test_tool ("pdftotext", "-enc", "UTF-8", pdf, "-");
  g_autofree char *squashed = squash (text);
  g_autoptr(GPtrArray) blockers = dup_blockers (report);
  guint n_pages;

  /* Metadata a document management system shows */
  g_assert_nonnull (pages);
  n_pages = (guint) g_ascii_strtoull (pages, NULL, 10);
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_nonnull (title);
  g_assert_nonnull (strstr (title, pf_report_get_target_name (report)));
  g_assert_nonnull (author);
  g_assert_cmpstr (author, !=, "");
  g_assert_nonnull (creator);
  g_assert_nonnull (strstr (creator, "Preflight"));
  g_assert_nonnull (created);
  g_assert_cmpuint (strlen (created), >=, 10);
  g_assert_nonnull (page_size);
  g_assert_true (g_str_has_prefix (page_size, "595.2"));
  g_assert_nonnull (strstr (page_size, "841.8"));

  check_fonts (pdf, c == &cases[CASE_HOSTILE]);

  /* The words: the verdict, the page footer, every blocker with its count */
  assert_reads (squashed, verdict_word (report), "PDF");
  assert_reads (squashed, "Page 1 of", "PDF");
  {
    g_autofree char *last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);

    assert_reads (squashed, last, "PDF");
  }

  for (guint i = 0; i < blockers->len; i++)
    {
      PfFinding *finding = g_ptr_array_index (blockers, i);
      g_autofree char *where = NULL;

      /* The big one: each end of the blockers table */
      if (blockers->len > 2 * N_SAMPLE && i >= N_SAMPLE && i < blockers->len - N_SAMPLE)
        continue;
      if (pf_finding_get_table (finding) == NULL)
        continue;
      where = dup_where (finding);
      /* A right-to-left name comes out of pdftotext in visual order when
       * joined to a left-to-right one: then the table alone */
      if (!reads_row (squashed, where, pf_finding_get_count (finding)) &&
          !reads_row (squashed, pf_finding_get_table (finding), pf_finding_get_count (finding)))
        g_error ("The PDF of %s does not show blocker %u, %s with %" G_GINT64_FORMAT " rows",
                 c->name, i, where, pf_finding_get_count (finding));
      /* Its title reads in order, whatever scripts it mixes: a name in a
       * right-to-left script must not turn the line around */
      if (!reads (squashed, pf_finding_get_title (finding)))
        g_error ("The PDF of %s does not read the title of blocker %u, “%s”",
                 c->name, i, pf_finding_get_title (finding));
    }

  switch (GPOINTER_TO_UINT (data))
    {
    case CASE_DEMO:
      g_assert_cmpint (pf_report_get_verdict (report), ==, PF_VERDICT_NO_GO);
      assert_reads (squashed, "ADMIN001", "demo PDF");
      assert_reads (squashed, "scheduling_supervisionrecord", "demo PDF");
      break;

    case CASE_CLEAN:
      g_assert_cmpint (pf_report_get_verdict (report), ==, PF_VERDICT_GO);
      g_assert_cmpuint (blockers->len, ==, 0);
      g_assert_false (reads (squashed, "NO-GO"));
      break;

    case CASE_HOSTILE:
      for (const char * const *s = pf_test_hostile_get_scripts (); *s != NULL; s++)
        assert_reads (squashed, *s, "hostile PDF");
      assert_reads (squashed, "Łódź-7", "hostile PDF");
      assert_reads (squashed, "Ωμέγα", "hostile PDF");
      assert_reads (squashed, "値", "hostile PDF");
      assert_reads (squashed, "<script>alert(1)</script>", "hostile PDF");
      assert_reads (squashed, PF_TEST_HOSTILE_LONG_NAME, "hostile PDF");
      break;

    default:
      g_assert_not_reached ();
    }

  render_pages (c, pdf, n_pages);
}

static void
test_pdf_letter (void)
{
  Case *c = get_case (CASE_DEMO);
  g_autofree char *pdf = export (c, PF_REPORT_FORMAT_PDF, PF_REPORT_PAPER_LETTER, "-letter");
  g_autofree char *info = pf_test_tool ("pdfinfo", pdf);
  g_autofree char *page_size = pdfinfo_get (info, "Page size");
  g_autofree char *text = pf_test_tool ("pdftotext", "-enc", "UTF-8", pdf, "-");
  g_autofree char *squashed = squash (text);

  g_assert_nonnull (page_size);
  g_assert_true (g_str_has_prefix (page_size, "612 x 792"));
  assert_reads (squashed, "NO-GO", "Letter PDF");
  assert_reads (squashed, "ADMIN001", "Letter PDF");
}

/* ---- HTML ------------------------------------------------------------- */

static void
test_html (gconstpointer data)
{
  Case *c = get_case (GPOINTER_TO_UINT (data));
  g_autofree char *html = export (c, PF_REPORT_FORMAT_HTML, PF_REPORT_PAPER_A4, "");
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "data", "check-report-html.py", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, g_strdup ("python3"));
  g_ptr_array_add (argv, g_strdup (checker));
  g_ptr_array_add (argv, g_strdup (html));
  g_ptr_array_add (argv, g_strdup ("--expect-text"));
  g_ptr_array_add (argv, g_strdup (verdict_word (c->report)));
  if (c == &cases[CASE_HOSTILE])
    {
      /* Each hostile value reads back as exactly that text */
      for (const char * const *v = pf_test_hostile_get_values (); *v != NULL; v++)
        {
          g_ptr_array_add (argv, g_strdup ("--expect-text"));
          g_ptr_array_add (argv, g_strdup (*v));
        }
    }
  if (c == &cases[CASE_DEMO])
    {
      g_ptr_array_add (argv, g_strdup ("--expect-text"));
      g_ptr_array_add (argv, g_strdup ("ADMIN001"));
    }
  g_ptr_array_add (argv, NULL);
  g_free (pf_test_run_tool ((const char * const *) argv->pdata));

  /* libxml2's HTML parser has nothing to say either */
  out = pf_test_tool ("xmllint", "--html", "--noout", "--nonet", html);
  g_assert_cmpstr (out, ==, "");
  {
    g_autofree char *err = NULL;
    int status = 0;
    const char *argv_lint[] = { "xmllint", "--html", "--noout", "--nonet", html, NULL };

    g_spawn_sync (NULL, (char **) argv_lint, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                  NULL, &err, &status, &error);
    g_assert_no_error (error);
    if (err[0] != '\0')
      g_error ("xmllint --html complains about %s:\n%s", html, err);
  }

  /* Nothing hostile arrives as markup: the raw file holds no tag of ours */
  g_file_get_contents (html, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (contents, "<script"));
  g_assert_null (strstr (contents, "<img"));
  g_assert_null (strstr (contents, "<b>bold</b>"));
  if (c == &cases[CASE_HOSTILE])
    {
      g_assert_nonnull (strstr (contents, "&lt;script&gt;alert(1)&lt;/script&gt;"));
      /* Names are part of longer text ("table.column → parent"): each is
       * there, escaped */
      for (const char * const *s = pf_test_hostile_get_identifiers (); *s != NULL; s++)
        {
          g_autofree char *escaped = g_markup_escape_text (*s, -1);
          g_autoptr(GString) minimal = g_string_new (*s);

          g_string_replace (minimal, "&", "&amp;", 0);
          g_string_replace (minimal, "<", "&lt;", 0);
          g_string_replace (minimal, ">", "&gt;", 0);
          if (strstr (contents, escaped) == NULL && strstr (contents, minimal->str) == NULL)
            g_error ("The HTML report lacks the name “%s”", *s);
        }
    }
}

/* ---- Markdown --------------------------------------------------------- */

static void
test_markdown (gconstpointer data)
{
  Case *c = get_case (GPOINTER_TO_UINT (data));
  g_autofree char *markdown = export (c, PF_REPORT_FORMAT_MARKDOWN, PF_REPORT_PAPER_A4, "");
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "data", "check-report-markdown.py", NULL);
  g_autofree char *out = pf_test_tool ("python3", checker, markdown);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  guint n_tables = 0;

  g_test_message ("%s", out);
  g_assert_true (sscanf (out, "%u tables", &n_tables) == 1);
  /* At least the findings table when there are findings */
  if (g_list_model_get_n_items (pf_report_get_findings (c->report)) > 0)
    g_assert_cmpuint (n_tables, >=, 1);

  g_file_get_contents (markdown, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, verdict_word (c->report)));
  if (c == &cases[CASE_DEMO])
    g_assert_nonnull (strstr (contents, "ADMIN001"));
  if (c == &cases[CASE_HOSTILE])
    for (const char * const *s = pf_test_hostile_get_scripts (); *s != NULL; s++)
      g_assert_nonnull (strstr (contents, *s));
}

/* ---- JSON ------------------------------------------------------------- */

static void
collect_strings (JsonNode   *node,
                 GHashTable *strings)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          collect_strings (member, strings);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          collect_strings (json_array_get_element (array, i), strings);
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_hash_table_add (strings, g_strdup (json_node_get_string (node)));
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

static void
test_json (gconstpointer data)
{
  Case *c = get_case (GPOINTER_TO_UINT (data));
  PfReport *report = c->report;
  g_autofree char *path = export (c, PF_REPORT_FORMAT_JSON, PF_REPORT_PAPER_A4, "");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) strings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *root, *summary, *target;
  JsonArray *findings;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==, "preflight-report/1");
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==,
                   pf_verdict_to_string (pf_report_get_verdict (report)));

  summary = json_object_get_object_member (root, "summary");
  g_assert_nonnull (summary);
  g_assert_cmpint (json_object_get_int_member (summary, "blockers"), ==,
                   pf_report_count (report, PF_SEVERITY_BLOCKER));
  g_assert_cmpint (json_object_get_int_member (summary, "warnings"), ==,
                   pf_report_count (report, PF_SEVERITY_WARNING));
  g_assert_cmpint (json_object_get_int_member (summary, "info"), ==,
                   pf_report_count (report, PF_SEVERITY_INFO));

  target = json_object_get_object_member (root, "target");
  g_assert_nonnull (target);
  g_assert_true (json_object_has_member (target, "environment"));
  g_assert_cmpstr (json_object_get_string_member (target, "name"), ==,
                   pf_report_get_target_name (report));

  findings = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==,
                    g_list_model_get_n_items (pf_report_get_findings (report)));

  if (c == &cases[CASE_DEMO])
    {
      g_assert_true (json_object_has_member (root, "migrations"));
      g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "no-go");
    }

  if (c == &cases[CASE_HOSTILE])
    {
      guint n_orphans = 0;

      for (guint i = 0; i < json_array_get_length (findings); i++)
        if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (findings, i),
                                                      "check"), "fk-orphans") == 0)
          n_orphans++;
      g_assert_cmpuint (n_orphans, ==, c->n_planted);

      /* The values and names are data, exactly as in the database */
      collect_strings (json_parser_get_root (parser), strings);
      for (const char * const *v = pf_test_hostile_get_values (); *v != NULL; v++)
        if (!g_hash_table_contains (strings, *v))
          g_error ("The JSON report lacks the value “%s”", *v);
      for (const char * const *s = pf_test_hostile_get_identifiers (); *s != NULL; s++)
        if (!g_hash_table_contains (strings, *s))
          g_error ("The JSON report lacks the name “%s”", *s);
    }
}

/* ---- the hostile database itself -------------------------------------- */

static void
test_hostile_fixture (void)
{
  Case *c = get_case (CASE_HOSTILE);
  GListModel *findings = pf_report_get_findings (c->report);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) tables = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_orphans = 0;

  g_assert_cmpuint (c->n_planted, ==, N_HOSTILE_FINDINGS);
  g_assert_true (pf_report_get_complete (c->report));
  g_assert_cmpint (pf_report_get_verdict (c->report), ==, PF_VERDICT_NO_GO);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);
      GPtrArray *counts = pf_finding_get_values (finding);

      if (!g_str_equal (pf_finding_get_check_id (finding), "fk-orphans"))
        continue;
      n_orphans++;
      g_assert_cmpint (pf_finding_get_severity (finding), ==, PF_SEVERITY_BLOCKER);
      g_assert_cmpint (pf_finding_get_count (finding), >=, 1);
      g_assert_cmpint (pf_finding_get_count (finding), <=, 7);
      g_hash_table_add (tables, (gpointer) pf_finding_get_table (finding));
      for (guint j = 0; counts != NULL && j < counts->len; j++)
        g_hash_table_add (values, ((PfValueCount *) g_ptr_array_index (counts, j))->value);
    }

  /* Every planted relationship is found, nothing else is orphaned */
  g_assert_cmpuint (n_orphans, ==, N_HOSTILE_FINDINGS);
  for (const char * const *v = pf_test_hostile_get_values (); *v != NULL; v++)
    g_assert_true (g_hash_table_contains (values, *v));
  for (const char * const *s = pf_test_hostile_get_scripts (); *s != NULL; s++)
    g_assert_true (g_hash_table_contains (tables, *s));
  g_assert_true (g_hash_table_contains (tables, "pipe|table"));
  g_assert_true (g_hash_table_contains (tables, PF_TEST_HOSTILE_LONG_NAME));
  g_assert_cmpuint (strlen (PF_TEST_HOSTILE_LONG_NAME), ==, 120);
}

static void
test_clean_fixture (void)
{
  Case *c = get_case (CASE_CLEAN);

  g_assert_true (pf_report_get_complete (c->report));
  g_assert_cmpuint (g_list_model_get_n_items (pf_report_get_findings (c->report)), ==, 0);
  g_assert_cmpint (pf_report_get_verdict (c->report), ==, PF_VERDICT_GO);
}

int
main (int   argc,
      char *argv[])
{
  static const char *formats[] = { "pdf", "html", "markdown", "json" };
  static const GTestDataFunc funcs[] = { test_pdf, test_html, test_markdown, test_json };
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tmp_dir = g_dir_make_tmp ("pf-report-formats-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/report-formats/hostile/fixture", test_hostile_fixture);
  g_test_add_func ("/report-formats/clean/fixture", test_clean_fixture);
  for (guint i = 0; i < N_CASES; i++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_autofree char *path = g_strdup_printf ("/report-formats/%s/%s", cases[i].name, formats[f]);

        g_test_add_data_func (path, GUINT_TO_POINTER (i), funcs[f]);
      }
  g_test_add_func ("/report-formats/demo/pdf-letter", test_pdf_letter);

  status = g_test_run ();

  for (guint i = 0; i < N_CASES; i++)
    g_clear_object (&cases[i].report);
  pf_test_remove_dir (tmp_dir);
  g_free (tmp_dir);

  return status;
}
