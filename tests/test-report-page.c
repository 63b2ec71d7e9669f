/* test-report-page.c — the Report page in a real window on the demo: the
 * status page before any scan, the preview after one (A4 and Letter),
 * Export in every format through the path the file chooser's answer takes,
 * and Print to a file drawing the same pages as the exported PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-report-page"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pf-application.h"
#include "pf-report-page.h"
#include "pf-test-files.h"
#include "pf-test-ui.h"
#include "pf-window.h"

static PfApplication *app;
static char *tmp_dir;

/* ---- helpers ---------------------------------------------------------------- */

static gpointer
template_child (gpointer    page,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), PF_TYPE_REPORT_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static const char *
label_text (PfReportPage *page,
            const char   *name)
{
  return gtk_label_get_label (GTK_LABEL (template_child (page, name)));
}

static char *
tmp_path (const char *basename)
{
  return g_build_filename (tmp_dir, basename, NULL);
}

static guint
pdf_n_pages (const char *pdf)
{
  g_autofree char *pages = pf_test_pdfinfo_get (pdf, "Pages");

  return (guint) g_ascii_strtoull (pages, NULL, 10);
}

/* The text in the order it was drawn, without pdftotext's guesses about
 * columns */
static char *
pdf_raw_text (const char *pdf)
{
  return pf_test_tool ("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-");
}

/* ---- the window with the demo ----------------------------------------------------- */

typedef struct
{
  PfWindow     *window;
  PfWorkspace  *workspace;
  PfReportPage *page;
} Fixture;

static gboolean
window_shows_workspace (gpointer data)
{
  return g_strcmp0 (pf_window_get_page_name (PF_WINDOW (data)), "workspace") == 0;
}

static gboolean
timeline_loaded (gpointer data)
{
  Fixture *fixture = data;

  return pf_timeline_page_get_analysis (pf_workspace_get_timeline_page (fixture->workspace)) != NULL;
}

/* Closes the toasts the window shows (one about the test's config dir),
 * so the screenshots show the page */
static void
dismiss_toasts (GtkWidget *widget)
{
  GType toast_type = g_type_from_name ("AdwToastWidget");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (toast_type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (child, toast_type))
        {
          for (GtkWidget *button = gtk_widget_get_first_child (child); button != NULL;
               button = gtk_widget_get_next_sibling (button))
            if (GTK_IS_BUTTON (button) &&
                g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (button)), "window-close-symbolic") == 0)
              g_signal_emit_by_name (button, "clicked");
        }
      else
        dismiss_toasts (child);
    }
}

static void
fixture_open_demo (Fixture *fixture)
{
  fixture->window = pf_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 900);
  present_window (fixture->window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.try-demo", NULL));
  wait_for (window_shows_workspace, fixture->window, "the demo to open");
  fixture->workspace = pf_window_get_workspace (fixture->window);
  fixture->page = pf_workspace_get_report_page (fixture->workspace);
  g_assert_nonnull (fixture->page);
  dismiss_toasts (GTK_WIDGET (fixture->window));
  /* The migrations section comes from the Timeline's analysis */
  wait_for (timeline_loaded, fixture, "the timeline to load");
}

static void
fixture_close (Fixture *fixture)
{
  destroy_window (fixture->window);
  fixture->window = NULL;
  fixture->workspace = NULL;
  fixture->page = NULL;
}

static gboolean
report_set (gpointer data)
{
  return pf_report_page_get_report (PF_REPORT_PAGE (data)) != NULL;
}

static gboolean
preview_ready (gpointer data)
{
  PfReportPage *page = data;

  return !pf_report_page_get_busy (page) && pf_report_page_get_pages (page) != NULL;
}

static void
wait_for_preview (Fixture *fixture)
{
  drain_main_context ();
  wait_for (preview_ready, fixture->page, "the preview");
  drain_main_context ();
}

/* Runs the checks the way the status page's button does and waits for the
 * preview */
static void
run_checks (Fixture *fixture)
{
  pf_workspace_run_checks (fixture->workspace);
  wait_for (report_set, fixture->page, "the scan to finish");
  pf_workspace_show_page (fixture->workspace, "report");
  wait_for_preview (fixture);
}

/* Every page picture of the preview has @paper's aspect ratio, as a
 * texture and on screen */
static guint
assert_pictures (Fixture       *fixture,
                 PfReportPaper  paper)
{
  GtkWidget *pages_box = template_child (fixture->page, "pages_box");
  double paper_width, paper_height;
  guint n = 0;

  pf_report_paper_get_size (paper, &paper_width, &paper_height);

  for (GtkWidget *clamp = gtk_widget_get_first_child (pages_box); clamp != NULL;
       clamp = gtk_widget_get_next_sibling (clamp))
    {
      GtkWidget *picture = find_descendant (clamp, GTK_TYPE_PICTURE, NULL);
      GdkPaintable *paintable;
      double ratio;

      g_assert_nonnull (picture);
      paintable = gtk_picture_get_paintable (GTK_PICTURE (picture));
      g_assert_true (GDK_IS_TEXTURE (paintable));

      ratio = (double) gdk_texture_get_height (GDK_TEXTURE (paintable)) /
              gdk_texture_get_width (GDK_TEXTURE (paintable));
      g_assert_cmpfloat_with_epsilon (ratio, paper_height / paper_width, 0.01);

      g_assert_true (gtk_widget_get_mapped (picture));
      g_assert_cmpint (gtk_widget_get_width (picture), >, 300);
      ratio = (double) gtk_widget_get_height (picture) / gtk_widget_get_width (picture);
      g_assert_cmpfloat_with_epsilon (ratio, paper_height / paper_width, 0.02);
      n++;
    }

  return n;
}

static gboolean
pictures_allocated (gpointer data)
{
  GtkWidget *pages_box = data;
  GtkWidget *picture = find_descendant (pages_box, GTK_TYPE_PICTURE, NULL);

  return picture != NULL && gtk_widget_get_mapped (picture) && gtk_widget_get_width (picture) > 0;
}

static void
assert_preview (Fixture       *fixture,
                PfReportPaper  paper)
{
  PfReportPages *pages = pf_report_page_get_pages (fixture->page);
  guint n_pages = pf_report_pages_get_n_pages (pages);
  guint n_shown;
  g_autofree char *showing = NULL;

  g_assert_cmpint (pf_report_pages_get_paper (pages), ==, paper);
  g_assert_cmpuint (n_pages, >, 3);
  wait_for (pictures_allocated, template_child (fixture->page, "pages_box"), "the pages to be laid out");
  wait_ms (100);
  n_shown = assert_pictures (fixture, paper);
  g_assert_cmpuint (n_shown, ==, 3);
  g_assert_cmpuint (pf_report_page_get_n_previewed (fixture->page), ==, 3);

  showing = g_strdup_printf ("Showing 3 of %u pages", n_pages);
  g_assert_cmpstr (label_text (fixture->page, "pages_label"), ==, showing);
  g_assert_cmpstr (label_text (fixture->page, "verdict_label"), ==, "NO-GO");
  g_assert_true (g_str_has_prefix (label_text (fixture->page, "sentence_label"), "NO-GO"));
  g_assert_true (g_str_has_prefix (label_text (fixture->page, "checked_label"), "Checked "));
}

/* ---- tests ------------------------------------------------------------------------ */

/* No scan yet: the status page with Run Checks; its button runs them; the
 * preview shows the first three pages, A4 then Letter */
static void
test_preview (void)
{
  Fixture fixture = { 0 };
  GtkWidget *run_button;
  GtkStack *stack;

  fixture_open_demo (&fixture);
  pf_report_page_set_paper (fixture.page, PF_REPORT_PAPER_A4);
  pf_workspace_show_page (fixture.workspace, "report");
  drain_main_context ();

  stack = template_child (fixture.page, "stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  run_button = find_descendant (GTK_WIDGET (fixture.page), GTK_TYPE_BUTTON, "Run Checks");
  g_assert_nonnull (run_button);
  g_assert_true (widget_is_usable (run_button));
  save_screenshots_light_and_dark (GTK_WIDGET (fixture.window), "report-empty");

  /* The button is the window's Run Checks: it shows the Integrity page */
  click (run_button);
  wait_for (report_set, fixture.page, "the scan to finish");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (pf_workspace_get_view_stack (fixture.workspace)),
                   ==, "integrity");
  /* Not on screen: nothing is rendered yet */
  drain_main_context ();
  g_assert_null (pf_report_page_get_pages (fixture.page));
  g_assert_false (pf_report_page_get_busy (fixture.page));

  pf_workspace_show_page (fixture.workspace, "report");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "report");
  wait_for_preview (&fixture);
  assert_preview (&fixture, PF_REPORT_PAPER_A4);
  save_screenshots_light_and_dark (GTK_WIDGET (fixture.window), "report-preview-a4");

  /* The end of the preview: how many pages it shows, and the verdict */
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (template_child (fixture.page, "scrolled_window"));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    save_screenshot (GTK_WIDGET (fixture.window), "report-preview-end-light.png");
    gtk_adjustment_set_value (adjustment, 0);
  }

  /* The paper dropdown re-renders on Letter */
  gtk_drop_down_set_selected (template_child (fixture.page, "paper_dropdown"), 1);
  g_assert_cmpint (pf_report_page_get_paper (fixture.page), ==, PF_REPORT_PAPER_LETTER);
  g_assert_null (pf_report_page_get_pages (fixture.page));
  wait_for_preview (&fixture);
  assert_preview (&fixture, PF_REPORT_PAPER_LETTER);
  save_screenshots_light_and_dark (GTK_WIDGET (fixture.window), "report-preview-letter");

  /* The page fits the narrowest window (360 pixels) */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (fixture.page), GTK_ORIENTATION_HORIZONTAL, -1,
                        &minimum, NULL, NULL, NULL);
    g_test_message ("The Report page is at least %d pixels wide", minimum);
    g_assert_cmpint (minimum, <=, 360);
  }

  /* A narrow window (a page of its own, on the same report): Export…
   * stays on screen, the paper shrinks to fit */
  {
    GtkWindow *narrow = GTK_WINDOW (adw_window_new ());
    PfReportPage *page = PF_REPORT_PAGE (pf_report_page_new ());
    GtkWidget *export_button;
    graphene_rect_t bounds;

    gtk_window_set_default_size (narrow, 360, 720);
    adw_window_set_content (ADW_WINDOW (narrow), GTK_WIDGET (page));
    present_window (narrow);
    pf_report_page_set_report (page, pf_report_page_get_report (fixture.page));
    wait_for (preview_ready, page, "the narrow preview");
    wait_ms (200);
    export_button = template_child (page, "export_button");
    g_assert_true (gtk_widget_is_drawable (export_button));
    g_assert_true (gtk_widget_compute_bounds (export_button, GTK_WIDGET (narrow), &bounds));
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (narrow)));
    save_screenshot (GTK_WIDGET (narrow), "report-narrow.png");
    destroy_window (narrow);
  }

  /* Closing the database forgets the report */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.close-database", NULL));
  drain_main_context ();
  g_assert_null (pf_report_page_get_report (fixture.page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  fixture_close (&fixture);
}

/* The file chooser's answer: the extension decides, else the filter */
static void
test_export_file_name (void)
{
  static const struct {
    const char     *chosen;
    PfReportFormat  filter;
    const char     *file;
    PfReportFormat  format;
  } cases[] = {
    { "rota-readiness", PF_REPORT_FORMAT_PDF, "rota-readiness.pdf", PF_REPORT_FORMAT_PDF },
    { "rota-readiness", PF_REPORT_FORMAT_MARKDOWN, "rota-readiness.md", PF_REPORT_FORMAT_MARKDOWN },
    { "report.JSON", PF_REPORT_FORMAT_PDF, "report.JSON", PF_REPORT_FORMAT_JSON },
    { "report.htm", PF_REPORT_FORMAT_PDF, "report.htm", PF_REPORT_FORMAT_HTML },
    { "report.markdown", PF_REPORT_FORMAT_HTML, "report.markdown", PF_REPORT_FORMAT_MARKDOWN },
    { "notes.txt", PF_REPORT_FORMAT_HTML, "notes.txt.html", PF_REPORT_FORMAT_HTML },
    { "v1.2", PF_REPORT_FORMAT_JSON, "v1.2.json", PF_REPORT_FORMAT_JSON },
    { ".pdf", PF_REPORT_FORMAT_HTML, ".pdf.html", PF_REPORT_FORMAT_HTML },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (tmp_dir, cases[i].chosen, NULL);
      g_autofree char *expected = g_build_filename (tmp_dir, cases[i].file, NULL);
      g_autoptr(GFile) chosen = g_file_new_for_path (path);
      g_autoptr(GFile) file = NULL;
      g_autofree char *result = NULL;
      PfReportFormat format = -1;

      file = pf_report_page_dup_export_file (chosen, cases[i].filter, &format);
      result = g_file_get_path (file);
      g_assert_cmpstr (result, ==, expected);
      g_assert_cmpint (format, ==, cases[i].format);
    }
}

typedef struct
{
  GFile  *file;
  GError *error;
  gboolean done;
} ExportResult;

static void
export_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ExportResult *export = user_data;

  export->file = pf_report_page_export_finish (PF_REPORT_PAGE (source), result, &export->error);
  export->done = TRUE;
}

static gboolean
export_done (gpointer data)
{
  return ((ExportResult *) data)->done;
}

/* Exports @name as @format (the chooser's filter) and returns the path written */
static char *
export (Fixture        *fixture,
        const char     *name,
        PfReportFormat  format)
{
  g_autofree char *path = tmp_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ExportResult result = { 0 };
  char *written;

  pf_report_page_export_to_file (fixture->page, file, format, NULL, export_cb, &result);
  g_assert_true (pf_report_page_get_exporting (fixture->page));
  g_assert_true (widget_is_usable (template_child (fixture->page, "export_spinner")));
  wait_for (export_done, &result, "the export");
  g_assert_no_error (result.error);
  g_assert_false (pf_report_page_get_exporting (fixture->page));
  g_assert_nonnull (result.file);
  written = g_file_get_path (result.file);
  g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));
  g_object_unref (result.file);

  return written;
}

typedef struct
{
  GtkWidget  *window;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return find_descendant (wait->window, GTK_TYPE_LABEL, wait->text) != NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        {
          *(gpointer *) data = toplevel;
          return TRUE;
        }
    }

  return FALSE;
}

/* Export in every format, with a checklist started: the files read back
 * with the tools people use; the toast offers Open; a failure names the
 * file in a dialog */
static void
test_export (void)
{
  Fixture fixture = { 0 };
  PfChecklistPage *checklist;
  g_autofree char *pdf = NULL;
  g_autofree char *html = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *toast_text = NULL;
  g_autofree char *html_check = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) bad_file = NULL;
  JsonObject *root;
  LabelWait wait;
  GtkWidget *open_button;
  gpointer dialog = NULL;
  ExportResult result = { 0 };

  fixture_open_demo (&fixture);
  checklist = pf_workspace_get_checklist_page (fixture.workspace);
  g_assert_true (pf_checklist_page_start (checklist, "routine-migration"));
  g_assert_nonnull (pf_checklist_page_get_run (checklist));
  run_checks (&fixture);

  /* PDF: as many pages as the preview says, the target in the title */
  pdf = export (&fixture, "exported.pdf", PF_REPORT_FORMAT_PDF);
  g_assert_cmpuint (pdf_n_pages (pdf), ==, pf_report_pages_get_n_pages (pf_report_page_get_pages (fixture.page)));
  title = pf_test_pdfinfo_get (pdf, "Title");
  g_assert_nonnull (strstr (title, pf_report_get_target_name (pf_report_page_get_report (fixture.page))));
  text = pf_test_pdf_text (pdf);
  g_assert_nonnull (strstr (text, "NO-GO"));
  g_assert_nonnull (strstr (text, "ADMIN001"));

  /* The toast names the file and offers Open */
  wait.window = GTK_WIDGET (fixture.window);
  wait.text = toast_text = g_strdup ("Report saved as “exported.pdf”");
  wait_for (label_shown, &wait, "the “saved” toast");
  open_button = find_descendant (GTK_WIDGET (fixture.window), GTK_TYPE_BUTTON, "Open");
  g_assert_nonnull (open_button);
  g_assert_true (widget_is_usable (open_button));

  /* HTML, named without an extension: the filter's is added */
  html = export (&fixture, "exported", PF_REPORT_FORMAT_HTML);
  g_assert_true (g_str_has_suffix (html, "exported.html"));
  html_check = g_test_build_filename (G_TEST_DIST, "data", "check-report-html.py", NULL);
  g_free (pf_test_tool ("python3", html_check, html, "--expect-text", "ADMIN001"));

  /* Markdown, chosen by its extension whatever the filter */
  markdown = export (&fixture, "exported.md", PF_REPORT_FORMAT_PDF);
  g_assert_true (g_file_get_contents (markdown, &contents, NULL, NULL));
  g_assert_false (g_str_has_prefix (contents, "%PDF"));
  g_assert_nonnull (strstr (contents, "NO-GO"));
  g_assert_nonnull (strstr (contents, "ADMIN001"));
  g_clear_pointer (&contents, g_free);

  /* JSON: parses, with the migrations and the checklist the pages showed */
  json = export (&fixture, "exported.json", PF_REPORT_FORMAT_JSON);
  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==, "preflight-report/1");
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "no-go");
  g_assert_true (json_object_has_member (root, "checklist"));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "checklist")));
  g_assert_true (json_object_has_member (root, "migrations"));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "migrations")));

  /* A folder that does not exist: the error, naming the file, in a dialog */
  {
    g_autofree char *bad_path = g_build_filename (tmp_dir, "no-such-folder", "bad.pdf", NULL);

    bad_file = g_file_new_for_path (bad_path);
  }
  pf_report_page_export_to_file (fixture.page, bad_file, PF_REPORT_FORMAT_PDF, NULL, export_cb, &result);
  wait_for (export_done, &result, "the failing export");
  g_assert_nonnull (result.error);
  g_assert_null (result.file);
  g_assert_nonnull (strstr (result.error->message, "bad.pdf"));
  wait_for (message_dialog_shown, &dialog, "the error dialog");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, result.error->message);
  g_clear_error (&result.error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_false (pf_report_page_get_exporting (fixture.page));

  fixture_close (&fixture);
}

/* Print to a file: the same pages as the exported PDF, the same text */
static void
test_print (void)
{
  Fixture fixture = { 0 };
  g_autofree char *printed = tmp_path ("printed.pdf");
  g_autofree char *pdf = NULL;
  g_autofree char *printed_text = NULL;
  g_autofree char *exported_text = NULL;
  g_autofree char *size = NULL;
  g_autoptr(GError) error = NULL;

  fixture_open_demo (&fixture);
  pf_report_page_set_paper (fixture.page, PF_REPORT_PAPER_A4);
  run_checks (&fixture);

  pdf = export (&fixture, "for-print.pdf", PF_REPORT_FORMAT_PDF);
  g_assert_true (pf_report_page_print_to_file (fixture.page, printed, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (pdf_n_pages (printed), ==, pdf_n_pages (pdf));
  size = pf_test_pdfinfo_get (printed, "Page size");
  g_assert_true (g_str_has_prefix (size, "595.276 x 841.89") || g_str_has_prefix (size, "595 x 842"));
  printed_text = pdf_raw_text (printed);
  exported_text = pdf_raw_text (pdf);
  g_assert_cmpstr (printed_text, ==, exported_text);
  g_assert_nonnull (strstr (printed_text, "NO-GO"));
  g_assert_nonnull (strstr (printed_text, "ADMIN001"));

  /* A paper change lays the pages out again before printing */
  pf_report_page_set_paper (fixture.page, PF_REPORT_PAPER_LETTER);
  g_assert_true (pf_report_page_print_to_file (fixture.page, printed, &error));
  g_assert_no_error (error);
  g_clear_pointer (&size, g_free);
  size = pf_test_pdfinfo_get (printed, "Page size");
  g_assert_true (g_str_has_prefix (size, "612 x 792"));

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* No Secret Service and no accessibility bus: not needed here */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/preflight-test-bus", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  ui_test_init (&argc, &argv);

  app = pf_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);
  g_application_hold (G_APPLICATION (app));

  tmp_dir = pf_test_make_dir ("pf-report-page-XXXXXX");

  g_test_add_func ("/ui/report/export-file-name", test_export_file_name);
  g_test_add_func ("/ui/report/preview", test_preview);
  g_test_add_func ("/ui/report/export", test_export);
  g_test_add_func ("/ui/report/print", test_print);

  ret = g_test_run ();

  pf_test_remove_dir (tmp_dir);
  g_free (tmp_dir);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return ret;
}
