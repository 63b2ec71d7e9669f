/* test-cli-report.c — preflight-cli check writing readiness reports: PDF,
 * HTML, Markdown, JSON and text, to a file or the standard output, on A4
 * or Letter, with the verdict's exit status and atomic writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli-report"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pf-test-cli.h"
#include "pf-test-files.h"
#include "pf-test-hostile.h"

static char *tmp_dir;

/* ---- helpers ---------------------------------------------------------- */

static char *
tmp_path (const char *basename)
{
  return g_build_filename (tmp_dir, basename, NULL);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* One sentence a person reads, on one line; a usage error may add the
 * line that points at --help */
static void
assert_one_sentence (const char *err)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);
  guint n = g_strv_length (lines);

  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_assert_cmpstr (lines[0], !=, "");
  if (n > 2)
    {
      g_assert_cmpuint (n, ==, 3);
      g_assert_nonnull (strstr (lines[1], "--help"));
    }
  g_assert_null (strstr (err, "(null)"));
  g_assert_null (strstr (err, "CRITICAL"));
}

static ino_t
inode_of (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_ino;
}

/* ---- PDF -------------------------------------------------------------- */

static void
test_pdf_demo (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *pdf = tmp_path ("demo.pdf");
  g_autofree char *size = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;

  run_cli (&run, "check", "--demo", "--format", "pdf", "--output", pdf);
  /* The verdict's status, whatever the format */
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");

  contents = read_file (pdf);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* A4 by default */
  size = pf_test_pdfinfo_get (pdf, "Page size");
  g_assert_true (g_str_has_prefix (size, "595.2"));
  pages = pf_test_pdfinfo_get (pdf, "Pages");
  g_assert_cmpint (atoi (pages), >, 1);
  creator = pf_test_pdfinfo_get (pdf, "Creator");
  g_assert_nonnull (strstr (creator, "Preflight"));

  text = pf_test_pdf_text (pdf);
  g_assert_nonnull (strstr (text, "NO-GO"));
  g_assert_nonnull (strstr (text, "ADMIN001"));
  g_assert_nonnull (strstr (text, "Page 1 of"));

  /* Nothing beside it */
  g_assert_cmpuint (pf_test_count_dir (tmp_dir), ==, 1);
  g_unlink (pdf);
}

static void
test_pdf_letter (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *pdf = tmp_path ("letter.pdf");
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;

  run_cli (&run, "check", "--demo", "--format", "pdf", "--paper", "letter", "--output", pdf);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");

  size = pf_test_pdfinfo_get (pdf, "Page size");
  g_assert_true (g_str_has_prefix (size, "612 x 792"));
  text = pf_test_pdf_text (pdf);
  g_assert_nonnull (strstr (text, "NO-GO"));
  g_unlink (pdf);
}

/* A PDF is not for a terminal: without --output it is a usage error */
static void
test_pdf_needs_output (void)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "check", "--demo", "--format", "pdf");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  assert_one_sentence (run.err);
  g_assert_nonnull (strstr (run.err, "--output"));
  g_assert_cmpuint (pf_test_count_dir (tmp_dir), ==, 0);
}

static void
test_paper_bogus (void)
{
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) text = { 0 };
  g_autofree char *pdf = tmp_path ("bogus.pdf");

  run_cli (&run, "check", "--demo", "--format", "pdf", "--paper", "a5", "--output", pdf);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  assert_one_sentence (run.err);
  g_assert_nonnull (strstr (run.err, "--paper"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* Wrong whatever the format */
  run_cli (&text, "check", "--demo", "--paper", "legal");
  g_assert_cmpint (text.status, ==, 2);
  g_assert_cmpstr (text.out, ==, "");
  assert_one_sentence (text.err);
}

/* ---- textual formats on the standard output --------------------------- */

static void
test_stdout_formats (void)
{
  g_autofree char *markdown_checker = g_test_build_filename (G_TEST_DIST, "data",
                                                             "check-report-markdown.py", NULL);
  g_autofree char *html_checker = g_test_build_filename (G_TEST_DIST, "data",
                                                         "check-report-html.py", NULL);

  /* HTML: the whole self-contained page */
  {
    g_auto(CliRun) run = { 0 };
    g_autofree char *path = tmp_path ("stdout.html");
    g_autofree char *out = NULL;

    run_cli (&run, "check", "--demo", "--format", "html");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_true (g_ascii_strncasecmp (run.out, "<!DOCTYPE html>", 15) == 0);
    g_assert_nonnull (strstr (run.out, "ADMIN001"));
    g_assert_nonnull (strstr (run.out, "NO-GO"));
    g_assert_true (g_file_set_contents (path, run.out, -1, NULL));
    out = pf_test_tool ("python3", html_checker, path, "--expect-text", "ADMIN001");
    g_unlink (path);
  }

  /* Markdown */
  {
    g_auto(CliRun) run = { 0 };
    g_autofree char *path = tmp_path ("stdout.md");
    g_autofree char *out = NULL;

    run_cli (&run, "check", "--demo", "--format", "markdown");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_nonnull (strstr (run.out, "NO-GO"));
    g_assert_nonnull (strstr (run.out, "ADMIN001"));
    g_assert_null (strstr (run.out, "<!DOCTYPE"));
    g_assert_true (g_file_set_contents (path, run.out, -1, NULL));
    out = pf_test_tool ("python3", markdown_checker, path);
    g_unlink (path);
  }

  /* JSON, the same document as --output writes */
  {
    g_auto(CliRun) run = { 0 };
    g_auto(CliRun) to_file = { 0 };
    g_autofree char *path = tmp_path ("report.json");
    g_autofree char *written = NULL;
    g_autoptr(JsonNode) root = NULL;
    g_autoptr(JsonNode) file_root = NULL;
    JsonObject *report, *file_report;

    run_cli (&run, "check", "--demo", "--format", "json");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, "");
    root = parse_json (run.out);
    report = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (report, "schema"), ==, "preflight-report/1");
    g_assert_cmpstr (json_object_get_string_member (report, "verdict"), ==, "no-go");
    g_assert_true (json_object_has_member (json_object_get_object_member (report, "target"),
                                           "environment"));

    run_cli (&to_file, "check", "--demo", "--format", "json", "--output", path);
    g_assert_cmpint (to_file.status, ==, 1);
    g_assert_cmpstr (to_file.out, ==, "");
    written = read_file (path);
    file_root = parse_json (written);
    file_report = json_node_get_object (file_root);
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (file_report, "findings")), ==,
                     json_array_get_length (json_object_get_array_member (report, "findings")));
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (file_report, "summary"), "blockers"), ==,
                     json_object_get_int_member (json_object_get_object_member (report, "summary"), "blockers"));
    g_unlink (path);
  }

  /* Text: the terminal report */
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "check", "--demo", "--format", "text");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_true (g_str_has_prefix (run.out, "NO-GO: "));
  }

  g_assert_cmpuint (pf_test_count_dir (tmp_dir), ==, 0);
}

/* ---- the verdict decides the exit status ------------------------------ */

static void
test_clean_exit_status (void)
{
  g_autofree char *db = tmp_path ("clean.db");
  g_autofree char *pdf = tmp_path ("clean.pdf");
  g_autofree char *text = NULL;
  g_auto(CliRun) run = { 0 };

  pf_test_clean_write (db);
  run_cli (&run, "check", db, "--format", "pdf", "--output", pdf);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  text = pf_test_pdf_text (pdf);
  g_assert_nonnull (strstr (text, "GO"));
  g_assert_null (strstr (text, "NO-GO"));
  g_unlink (pdf);
  g_unlink (db);
}

/* The hostile database through every format the CLI writes */
static void
test_hostile (void)
{
  g_autofree char *db = tmp_path ("hostile.db");
  g_autofree char *html = tmp_path ("hostile.html");
  g_autofree char *markdown = tmp_path ("hostile.md");
  g_autofree char *pdf = tmp_path ("hostile.pdf");
  g_autofree char *html_checker = g_test_build_filename (G_TEST_DIST, "data",
                                                         "check-report-html.py", NULL);
  g_autofree char *markdown_checker = g_test_build_filename (G_TEST_DIST, "data",
                                                             "check-report-markdown.py", NULL);
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;

  pf_test_hostile_write (db, 0);

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "check", db, "--format", "html", "--output", html);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, "");
    out = pf_test_tool ("python3", html_checker, html,
                "--expect-text", "<script>alert(1)</script>",
                "--expect-text", "\"><img src=x onerror=alert(1)>",
                "--expect-text", "数据库表");
    g_clear_pointer (&out, g_free);
  }

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "check", db, "--format", "markdown", "--output", markdown);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, "");
    out = pf_test_tool ("python3", markdown_checker, markdown);
  }

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "check", db, "--format", "pdf", "--paper", "a4", "--output", pdf);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, "");
    text = pf_test_pdf_text (pdf);
    g_assert_nonnull (strstr (text, "NO-GO"));
    g_assert_nonnull (strstr (text, "Καλημέρα"));
    g_assert_nonnull (strstr (text, "数据库表"));
    fonts = pf_test_tool ("pdffonts", pdf);
    g_assert_nonnull (strstr (fonts, "WenQuanYi"));
  }

  g_unlink (html);
  g_unlink (markdown);
  g_unlink (pdf);
  g_unlink (db);
}

/* ---- where the report goes -------------------------------------------- */

/* A folder is no file to write: a message naming it, nothing left */
static void
test_output_folder (void)
{
  g_autofree char *folder = tmp_path ("reports");
  g_auto(CliRun) run = { 0 };
  g_auto(CliRun) html = { 0 };

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);

  run_cli (&run, "check", "--demo", "--format", "pdf", "--output", folder);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  assert_one_sentence (run.err);
  g_assert_nonnull (strstr (run.err, "reports"));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (pf_test_count_dir (folder), ==, 0);
  /* …and no temporary file beside it */
  g_assert_cmpuint (pf_test_count_dir (tmp_dir), ==, 1);

  run_cli (&html, "check", "--demo", "--format", "html", "--output", folder);
  g_assert_cmpint (html.status, ==, 2);
  assert_one_sentence (html.err);
  g_assert_nonnull (strstr (html.err, "reports"));
  g_assert_cmpuint (pf_test_count_dir (folder), ==, 0);
  g_assert_cmpuint (pf_test_count_dir (tmp_dir), ==, 1);

  g_rmdir (folder);
}

/* An existing report survives a failed run and is replaced whole by a
 * good one */
static void
test_output_replaced_atomically (void)
{
  g_autofree char *pdf = tmp_path ("change-42.pdf");
  g_autofree char *missing = tmp_path ("no-such.db");
  g_autofree char *contents = NULL;
  const char *old = "the report the change board already has\n";
  ino_t old_inode;

  g_assert_true (g_file_set_contents (pdf, old, -1, NULL));
  old_inode = inode_of (pdf);

  /* A usage error: the file is not even opened */
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "check", "--demo", "--format", "pdf", "--paper", "bogus", "--output", pdf);
    g_assert_cmpint (run.status, ==, 2);
    contents = read_file (pdf);
    g_assert_cmpstr (contents, ==, old);
    g_clear_pointer (&contents, g_free);
  }

  /* A target that cannot be opened: nothing is written */
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "check", missing, "--format", "pdf", "--output", pdf);
    g_assert_cmpint (run.status, ==, 2);
    assert_one_sentence (run.err);
    contents = read_file (pdf);
    g_assert_cmpstr (contents, ==, old);
    g_clear_pointer (&contents, g_free);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  /* A good run: a new file renamed into place, not the old one rewritten */
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "check", "--demo", "--format", "pdf", "--output", pdf);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, "");
    contents = read_file (pdf);
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
    g_assert_true (inode_of (pdf) != old_inode);
  }

  /* Only the report itself in the folder */
  g_assert_cmpuint (pf_test_count_dir (tmp_dir), ==, 1);
  g_unlink (pdf);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tmp_dir = pf_test_make_dir ("pf-cli-report-XXXXXX");

  g_test_add_func ("/cli/report/pdf/demo", test_pdf_demo);
  g_test_add_func ("/cli/report/pdf/letter", test_pdf_letter);
  g_test_add_func ("/cli/report/pdf/needs-output", test_pdf_needs_output);
  g_test_add_func ("/cli/report/paper/bogus", test_paper_bogus);
  g_test_add_func ("/cli/report/stdout", test_stdout_formats);
  g_test_add_func ("/cli/report/exit-status/clean", test_clean_exit_status);
  g_test_add_func ("/cli/report/hostile", test_hostile);
  g_test_add_func ("/cli/report/output/folder", test_output_folder);
  g_test_add_func ("/cli/report/output/atomic", test_output_replaced_atomically);

  status = g_test_run ();

  pf_test_remove_dir (tmp_dir);
  g_free (tmp_dir);

  return status;
}
