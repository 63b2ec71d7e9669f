/* pf-report-page.c — the readiness report: a preview of its first pages,
 * Export… and Print…
 *
 * The report is the Integrity page's last one, with the Timeline's
 * migrations and a snapshot of the Checklist's run added to a copy (made on
 * the main thread, where the run lives). Everything else happens in a
 * worker: composing the document, laying it out on the paper, rendering the
 * first pages as images, writing an export. The main thread only wraps the
 * images in textures, and draws the laid-out pages when GtkPrintOperation
 * asks for them, so printed and exported pages are the same drawing.
 *
 * A change of the sources or the paper re-renders after a short pause,
 * cancelling a render under way, and only while the page is on screen;
 * otherwise the preview is marked stale and rendered when the page is
 * mapped again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-report-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pf-checklist-run.h"
#include "pf-connection-row.h"
#include "pf-report-composer.h"
#include "pf-report-page.h"
#include "pf-window.h"
#include "pf-words.h"

/* The preview's width in logical pixels, and how many pages it shows */
#define PREVIEW_WIDTH   600
#define PREVIEW_PAGES   3
#define RENDER_DELAY_MS 300
#define PAPER_KEY       "report-paper"

struct _PfReportPage
{
  GtkWidget            parent_instance;

  /* What the report is made of */
  PfReport            *report;
  PfMigrationAnalysis *analysis;
  PfChecklistRun      *run;
  gulong               run_changed_id;

  GSettings           *settings;
  PfReportPaper        paper;

  /* Bumped on every change of the sources or the paper; the pages are
   * current when laid out for the present serial */
  guint                serial;
  gboolean             stale;
  guint                render_source;
  GCancellable        *render_cancellable;
  gboolean             busy;
  PfReportPages       *pages;
  guint                pages_serial;
  guint                n_previewed;
  gboolean             print_pending;

  gboolean             exporting;
  GtkPrintSettings    *print_settings;

  /* Template widgets */
  GtkStack            *stack;
  GtkStack            *preview_stack;
  GtkBox              *pages_box;
  AdwStatusPage       *error_page;
  GtkLabel            *verdict_label;
  GtkLabel            *checked_label;
  GtkLabel            *pages_label;
  GtkLabel            *sentence_label;
  GtkSpinner          *export_spinner;
  GtkSpinner          *loading_spinner;
  GtkSpinner          *footer_spinner;
  GtkDropDown         *paper_dropdown;
  GtkScrolledWindow   *scrolled_window;
  GtkWidget           *export_button;
};

G_DEFINE_FINAL_TYPE (PfReportPage, pf_report_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAPER,
  PROP_BUSY,
  PROP_EXPORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void pf_report_page_queue_render (PfReportPage *self);
static void pf_report_page_render       (PfReportPage *self);
static void pf_report_page_run_print    (PfReportPage *self);

/* ---- small helpers ---------------------------------------------------------- */

/* A GClosureNotify for an object reference given as user data */
static void
unref_closure_data (gpointer  data,
                    GClosure *closure)
{
  g_object_unref (data);
}

static GtkWindow *
get_window (PfReportPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
add_toast (GtkWindow *window,
           AdwToast  *toast)
{
  if (PF_IS_WINDOW (window))
    pf_window_add_toast (PF_WINDOW (window), toast);
  else
    g_object_unref (toast);
}

static gboolean
pages_are_current (PfReportPage *self)
{
  return self->pages != NULL && self->pages_serial == self->serial;
}

static void
set_busy (PfReportPage *self,
          gboolean      busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_spinner_set_spinning (self->loading_spinner, busy);
  gtk_spinner_set_spinning (self->footer_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->footer_spinner), busy && self->pages != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_actions (PfReportPage *self)
{
  gboolean have_report = self->report != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export", have_report && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.print", have_report && !self->print_pending);
}

static void
set_exporting (PfReportPage *self,
               gboolean      exporting)
{
  if (self->exporting == exporting)
    return;

  self->exporting = exporting;
  gtk_widget_set_visible (GTK_WIDGET (self->export_spinner), exporting);
  gtk_spinner_set_spinning (self->export_spinner, exporting);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPORTING]);
}

/* The report as it would be exported now: the integrity report with the
 * migrations and a snapshot of the checklist. Main thread only (the run is
 * live there). */
static PfReport *
dup_report_snapshot (PfReportPage *self)
{
  PfReport *copy = pf_report_copy (self->report);

  if (self->analysis != NULL)
    pf_report_set_migrations (copy, self->analysis);
  pf_report_set_checklist (copy, self->run);

  return copy;
}

/* The verdict line above the preview and the sentence below it, for the
 * report as it would be exported */
static void
update_labels (PfReportPage *self,
               PfReport     *snapshot)
{
  static const char *classes[] = { "success", "warning", "error" };
  PfVerdict verdict = pf_report_get_verdict (snapshot);
  g_autofree char *when = pf_words_dup_local_date_time (pf_report_get_generated_at (snapshot));
  g_autofree char *checked = NULL;
  g_autofree char *sentence = pf_report_dup_verdict_sentence (snapshot);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), pf_verdict_style_for_string (pf_verdict_to_string (verdict)));
  gtk_label_set_label (self->verdict_label, pf_verdict_to_label (verdict));

  /* TRANSLATORS: %s is when the checks ran, "21 November 2026, 14:02" */
  checked = g_strdup_printf (_("Checked %s"), when);
  gtk_label_set_label (self->checked_label, checked);

  gtk_label_set_label (self->sentence_label, sentence);
}

/* ---- the preview ---------------------------------------------------------------- */

typedef struct
{
  PfReport        *report;
  PfReportPaper    paper;
  int              width_px;
  guint            serial;
  PfReportPages   *pages;
  cairo_surface_t *images[PREVIEW_PAGES];
  guint            n_images;
} RenderJob;

static void
render_job_free (gpointer data)
{
  RenderJob *job = data;

  g_clear_object (&job->report);
  g_clear_object (&job->pages);
  for (guint i = 0; i < job->n_images; i++)
    cairo_surface_destroy (job->images[i]);
  g_free (job);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  g_autoptr(PfReportDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pages;

  document = pf_report_compose (job->report);
  job->pages = pf_report_pages_new (document, job->paper, cancellable, &error);
  if (job->pages == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  n_pages = pf_report_pages_get_n_pages (job->pages);
  for (guint i = 0; i < MIN (n_pages, PREVIEW_PAGES) && job->width_px > 0; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      job->images[job->n_images++] = pf_report_pages_render_image (job->pages, i, job->width_px);
    }

  g_task_return_boolean (task, TRUE);
}

static void
free_surface_bytes (gpointer data)
{
  cairo_surface_destroy (data);
}

/* The image's pixels as a texture, without copying them */
static GdkTexture *
texture_for_image (cairo_surface_t *image)
{
  g_autoptr(GBytes) bytes = NULL;
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);

  g_assert (cairo_image_surface_get_format (image) == CAIRO_FORMAT_ARGB32);

  cairo_surface_flush (image);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (image),
                                      (gsize) stride * height,
                                      free_surface_bytes,
                                      cairo_surface_reference (image));

  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 in native byte order
   * (B8G8R8A8_PREMULTIPLIED on little-endian machines) */
  return gdk_memory_texture_new (cairo_image_surface_get_width (image), height,
                                 GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
clear_pages_box (PfReportPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))) != NULL)
    gtk_box_remove (self->pages_box, child);
}

static void
show_pages (PfReportPage *self,
            RenderJob    *job)
{
  guint n_pages = pf_report_pages_get_n_pages (job->pages);
  g_autofree char *shown = NULL;

  clear_pages_box (self);

  for (guint i = 0; i < job->n_images; i++)
    {
      g_autoptr(GdkTexture) texture = texture_for_image (job->images[i]);
      g_autofree char *alternative = NULL;
      GtkWidget *clamp = adw_clamp_new ();
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

      /* TRANSLATORS: a page of the report in the preview, "Page 1 of 12" */
      alternative = g_strdup_printf (_("Page %u of %u"), i + 1, n_pages);
      gtk_picture_set_alternative_text (GTK_PICTURE (picture), alternative);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
      gtk_widget_add_css_class (picture, "pf-report-sheet");
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, alternative,
                                      -1);

      adw_clamp_set_maximum_size (ADW_CLAMP (clamp), PREVIEW_WIDTH);
      adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), PREVIEW_WIDTH);
      adw_clamp_set_child (ADW_CLAMP (clamp), picture);
      gtk_box_append (self->pages_box, clamp);
    }

  if (job->n_images < n_pages)
    /* TRANSLATORS: under the preview: "Showing 3 of 12 pages" */
    shown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Showing %u of %u page",
                                          "Showing %u of %u pages",
                                          n_pages),
                             job->n_images, n_pages);
  else
    /* TRANSLATORS: under the preview of a short report: "2 pages" */
    shown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u page",
                                          "%u pages",
                                          n_pages),
                             n_pages);
  gtk_label_set_label (self->pages_label, shown);

  g_set_object (&self->pages, job->pages);
  self->pages_serial = job->serial;
  self->n_previewed = job->n_images;
  gtk_stack_set_visible_child_name (self->preview_stack, "pages");
}

static void
render_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PfReportPage *self = PF_REPORT_PAGE (source);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_warning ("Could not prepare the report: %s", error->message);
      g_clear_object (&self->render_cancellable);
      set_busy (self, FALSE);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->preview_stack, "error");
      gtk_label_set_label (self->pages_label, "");
      if (self->print_pending)
        {
          self->print_pending = FALSE;
          update_actions (self);
        }
      return;
    }

  g_clear_object (&self->render_cancellable);
  set_busy (self, FALSE);
  show_pages (self, job);

  if (self->print_pending && pages_are_current (self))
    {
      self->print_pending = FALSE;
      update_actions (self);
      pf_report_page_run_print (self);
    }
}

static void
pf_report_page_render (PfReportPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(PfReport) snapshot = NULL;
  RenderJob *job;
  int scale;

  g_clear_handle_id (&self->render_source, g_source_remove);
  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  self->stale = FALSE;

  if (self->report == NULL)
    {
      set_busy (self, FALSE);
      return;
    }

  snapshot = dup_report_snapshot (self);
  update_labels (self, snapshot);

  scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  job = g_new0 (RenderJob, 1);
  job->report = g_steal_pointer (&snapshot);
  job->paper = self->paper;
  /* Twice the pixels GTK shows: scaled down, 8-point text keeps the
   * spaces between its words */
  job->width_px = PREVIEW_WIDTH * scale * 2;
  job->serial = self->serial;

  self->render_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  if (self->pages == NULL)
    gtk_stack_set_visible_child_name (self->preview_stack, "loading");
  else
    gtk_label_set_label (self->pages_label, _("Preparing the report…"));

  task = g_task_new (self, self->render_cancellable, render_done_cb, NULL);
  g_task_set_source_tag (task, pf_report_page_render);
  g_task_set_task_data (task, job, render_job_free);
  g_task_run_in_thread (task, render_thread);
}

static gboolean
render_timeout_cb (gpointer data)
{
  PfReportPage *self = data;

  self->render_source = 0;
  pf_report_page_render (self);

  return G_SOURCE_REMOVE;
}

/* What the report says or its paper changed */
static void
pf_report_page_queue_render (PfReportPage *self)
{
  self->serial++;

  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  g_clear_handle_id (&self->render_source, g_source_remove);

  if (self->report == NULL)
    {
      self->stale = FALSE;
      self->print_pending = FALSE;
      set_busy (self, FALSE);
      g_clear_object (&self->pages);
      self->n_previewed = 0;
      clear_pages_box (self);
      gtk_label_set_label (self->pages_label, "");
      gtk_stack_set_visible_child_name (self->preview_stack, "loading");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "report");
  update_actions (self);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->print_pending)
    {
      self->stale = TRUE;
      set_busy (self, FALSE);
      return;
    }

  set_busy (self, TRUE);
  self->render_source = g_timeout_add (RENDER_DELAY_MS, render_timeout_cb, self);
}

static void
run_changed_cb (PfReportPage *self)
{
  pf_report_page_queue_render (self);
}

/* ---- Print… ------------------------------------------------------------------- */

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PfReportPages     *pages)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double paper_width, paper_height, scale;

  /* In points on the whole sheet; a printer's other paper gets the page
   * scaled to fit, centred */
  pf_report_paper_get_size (pf_report_pages_get_paper (pages), &paper_width, &paper_height);
  scale = MIN (width / paper_width, height / paper_height);

  cairo_save (cr);
  /* GTK's A4 is 595.276 points wide, the report's 595.28: draw that as is,
   * so the print-out is exactly the PDF */
  if (fabs (scale - 1.0) > 0.001)
    {
      cairo_translate (cr,
                       (width - paper_width * scale) / 2,
                       (height - paper_height * scale) / 2);
      cairo_scale (cr, scale, scale);
    }
  pf_report_pages_draw_page (pages, cr, page_nr);
  cairo_restore (cr);
}

static GtkPrintOperation *
new_print_operation (PfReportPage *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autofree char *file_name = pf_report_dup_file_name (self->report, PF_REPORT_FORMAT_PDF);
  GtkPrintOperation *operation = gtk_print_operation_new ();
  char *dot;

  paper = gtk_paper_size_new (pf_report_pages_get_paper (self->pages) == PF_REPORT_PAPER_LETTER
                              ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);

  /* The job is called like the PDF would be, without ".pdf" */
  dot = strrchr (file_name, '.');
  if (dot != NULL)
    *dot = '\0';

  gtk_print_operation_set_job_name (operation, file_name);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, pf_report_pages_get_n_pages (self->pages));
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);

  /* Print to File writes “<report name>.pdf” in the folder used last time,
   * else in Documents (or the home folder), not “output.pdf” wherever the
   * app was started */
  {
    g_autoptr(GtkPrintSettings) settings = NULL;
    g_autoptr(GFile) folder = NULL;
    g_autoptr(GFile) output = NULL;
    g_autofree char *output_name = g_strdup_printf ("%s.pdf", file_name);
    g_autofree char *output_uri = NULL;
    const char *last_uri = NULL;

    settings = self->print_settings != NULL ? gtk_print_settings_copy (self->print_settings)
                                            : gtk_print_settings_new ();
    last_uri = gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI);
    if (last_uri != NULL)
      {
        g_autoptr(GFile) last = g_file_new_for_uri (last_uri);

        folder = g_file_get_parent (last);
      }
    if (folder == NULL)
      {
        const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

        folder = g_file_new_for_path (documents != NULL ? documents : g_get_home_dir ());
      }
    output = g_file_get_child (folder, output_name);
    output_uri = g_file_get_uri (output);
    gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, output_uri);
    gtk_print_operation_set_print_settings (operation, settings);
  }

  /* The operation keeps the pages it draws, whatever the preview does next */
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb),
                         g_object_ref (self->pages), unref_closure_data, 0);

  return operation;
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               PfReportPage            *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      /* TRANSLATORS: %s is why, from the printing system */
      message = g_strdup_printf (_("Could not print the report: %s"),
                                 error != NULL ? error->message : _("unknown error"));
      add_toast (get_window (self), adw_toast_new (message));
    }
}

static void
pf_report_page_run_print (PfReportPage *self)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  operation = new_print_operation (self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           get_window (self), &error);
  /* Errors arrive through "done" as well */
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PfReportPage *self = PF_REPORT_PAGE (widget);

  if (self->report == NULL || self->print_pending)
    return;

  if (pages_are_current (self))
    {
      pf_report_page_run_print (self);
      return;
    }

  /* Lay the pages out first (in the worker, as for the preview) */
  self->print_pending = TRUE;
  update_actions (self);
  pf_report_page_render (self);
}

gboolean
pf_report_page_print_to_file (PfReportPage  *self,
                              const char    *path,
                              GError       **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (PF_IS_REPORT_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->report == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("There is no report yet: run the checks first"));
      return FALSE;
    }

  if (!pages_are_current (self))
    {
      /* Lay the pages out as Print… does, and wait for them */
      g_object_ref (self);
      if (!self->busy)
        pf_report_page_render (self);
      while (self->busy)
        g_main_context_iteration (NULL, TRUE);
      g_object_unref (self);
    }

  if (!pages_are_current (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The report could not be laid out"));
      return FALSE;
    }

  operation = new_print_operation (self);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);

  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/* ---- Export… ------------------------------------------------------------------ */

static const struct {
  const char     *extension;
  PfReportFormat  format;
} extensions[] = {
  { "pdf", PF_REPORT_FORMAT_PDF },
  { "html", PF_REPORT_FORMAT_HTML },
  { "htm", PF_REPORT_FORMAT_HTML },
  { "md", PF_REPORT_FORMAT_MARKDOWN },
  { "markdown", PF_REPORT_FORMAT_MARKDOWN },
  { "json", PF_REPORT_FORMAT_JSON },
};

GFile *
pf_report_page_dup_export_file (GFile          *file,
                                PfReportFormat  chosen_format,
                                PfReportFormat *out_format)
{
  g_autofree char *basename = NULL;
  g_autofree char *with_extension = NULL;
  g_autoptr(GFile) parent = NULL;
  const char *dot;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  basename = g_file_get_basename (file);
  dot = basename != NULL ? strrchr (basename, '.') : NULL;
  if (dot != NULL && dot != basename)
    {
      for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
        if (g_ascii_strcasecmp (dot + 1, extensions[i].extension) == 0)
          {
            if (out_format != NULL)
              *out_format = extensions[i].format;
            return g_object_ref (file);
          }
    }

  if (out_format != NULL)
    *out_format = chosen_format;

  parent = g_file_get_parent (file);
  with_extension = g_strdup_printf ("%s.%s", basename, pf_report_format_get_extension (chosen_format));
  if (parent == NULL)
    return g_file_new_for_path (with_extension);

  return g_file_get_child (parent, with_extension);
}

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is why, from the system */
      message = g_strdup_printf (_("Could not open the report: %s"), error->message);
      add_toast (window, adw_toast_new (message));
    }
}

static void
open_clicked_cb (AdwToast  *toast,
                 GtkWindow *window)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "pf-uri");
  g_autoptr(GAppLaunchContext) context = NULL;

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (window))));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, open_done_cb, g_object_ref (window));
}

static void
show_saved_toast (PfReportPage *self,
                  GFile        *file)
{
  GtkWindow *window = get_window (self);
  g_autofree char *name = g_file_get_basename (file);
  AdwToast *toast;

  if (window == NULL)
    return;

  /* TRANSLATORS: %s is the file's name, "rota-readiness-2026-11-21.pdf" */
  toast = adw_toast_new_format (_("Report saved as “%s”"), name);
  adw_toast_set_button_label (toast, _("_Open"));
  /* Long enough to decide to look at it */
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "pf-uri", g_file_get_uri (file), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_clicked_cb), window, 0);
  add_toast (window, toast);
}

static void
show_export_error (PfReportPage *self,
                   const GError *error)
{
  GtkWindow *window = get_window (self);
  GtkWidget *dialog;

  if (window == NULL)
    return;

  dialog = adw_message_dialog_new (window, _("Could Not Save the Report"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PfReportPage *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  set_exporting (self, FALSE);

  if (!pf_report_export_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_export_error (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  show_saved_toast (self, file);
  g_task_return_pointer (task, g_object_ref (file), g_object_unref);
}

void
pf_report_page_export_to_file (PfReportPage        *self,
                               GFile               *file,
                               PfReportFormat       format,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(PfReport) snapshot = NULL;
  GFile *target;

  g_return_if_fail (PF_IS_REPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_report_page_export_to_file);

  if (self->report == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("There is no report yet: run the checks first"));
      return;
    }
  if (self->exporting)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The report is being saved already"));
      return;
    }

  target = pf_report_page_dup_export_file (file, format, &format);
  g_task_set_task_data (task, target, g_object_unref);

  snapshot = dup_report_snapshot (self);
  set_exporting (self, TRUE);
  pf_report_export_async (snapshot, format, self->paper, target, cancellable,
                          export_done_cb, g_steal_pointer (&task));
}

GFile *
pf_report_page_export_finish (PfReportPage  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (PF_IS_REPORT_PAGE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    PfReportPage    *self)
{
  g_autoptr(GFile) file = NULL;
  PfReportFormat format = PF_REPORT_FORMAT_PDF;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));

      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (filter != NULL && g_object_get_data (G_OBJECT (filter), "pf-format") != NULL)
        format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (filter), "pf-format")) - 1;
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file != NULL)
    pf_report_page_export_to_file (self, file, format, NULL, NULL, NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PfReportPage *self = PF_REPORT_PAGE (widget);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->report == NULL || self->exporting)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Report"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  for (PfReportFormat format = PF_REPORT_FORMAT_PDF; format <= PF_REPORT_FORMAT_JSON; format++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, pf_report_format_get_label (format));
      gtk_file_filter_add_mime_type (filter, pf_report_format_get_mime_type (format));
      for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
        if (extensions[i].format == format)
          gtk_file_filter_add_suffix (filter, extensions[i].extension);
      g_object_set_data (G_OBJECT (filter), "pf-format", GINT_TO_POINTER (format + 1));
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      if (format == PF_REPORT_FORMAT_PDF)
        gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);
    }

  name = pf_report_dup_file_name (self->report, PF_REPORT_FORMAT_PDF);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect_data (chooser, "response", G_CALLBACK (export_response_cb),
                         g_object_ref (self), unref_closure_data, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Ctrl+Shift+E and Ctrl+P anywhere in the window while the page shows */
static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  const char *action = user_data;

  if (!gtk_widget_get_mapped (widget) || PF_REPORT_PAGE (widget)->report == NULL)
    return FALSE;

  return gtk_widget_activate_action (widget, action, NULL);
}

/* ---- the paper ------------------------------------------------------------------ */

static PfReportPaper
default_paper (void)
{
  const char *name = gtk_paper_size_get_default ();

  /* na_letter, na_legal: North America */
  return g_str_has_prefix (name, "na_") ? PF_REPORT_PAPER_LETTER : PF_REPORT_PAPER_A4;
}

static gboolean
settings_have_paper (PfReportPage *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (self->settings == NULL)
    return FALSE;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, PAPER_KEY);
}

static void
paper_selected_cb (PfReportPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->paper_dropdown);

  if (selected == PF_REPORT_PAPER_A4 || selected == PF_REPORT_PAPER_LETTER)
    pf_report_page_set_paper (self, selected);
}

PfReportPaper
pf_report_page_get_paper (PfReportPage *self)
{
  g_return_val_if_fail (PF_IS_REPORT_PAGE (self), PF_REPORT_PAPER_A4);

  return self->paper;
}

void
pf_report_page_set_paper (PfReportPage  *self,
                          PfReportPaper  paper)
{
  g_return_if_fail (PF_IS_REPORT_PAGE (self));
  g_return_if_fail (paper == PF_REPORT_PAPER_A4 || paper == PF_REPORT_PAPER_LETTER);

  if (gtk_drop_down_get_selected (self->paper_dropdown) != (guint) paper)
    gtk_drop_down_set_selected (self->paper_dropdown, paper);

  if (self->paper == paper)
    return;

  self->paper = paper;
  if (settings_have_paper (self))
    g_settings_set_string (self->settings, PAPER_KEY, pf_report_paper_to_string (paper));

  pf_report_page_queue_render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAPER]);
}

/* ---- the sources ---------------------------------------------------------------- */

void
pf_report_page_set_report (PfReportPage *self,
                           PfReport     *report)
{
  g_return_if_fail (PF_IS_REPORT_PAGE (self));
  g_return_if_fail (report == NULL || PF_IS_REPORT (report));

  if (g_set_object (&self->report, report))
    pf_report_page_queue_render (self);
}

void
pf_report_page_set_analysis (PfReportPage        *self,
                             PfMigrationAnalysis *analysis)
{
  g_return_if_fail (PF_IS_REPORT_PAGE (self));
  g_return_if_fail (analysis == NULL || PF_IS_MIGRATION_ANALYSIS (analysis));

  if (g_set_object (&self->analysis, analysis) && self->report != NULL)
    pf_report_page_queue_render (self);
}

void
pf_report_page_set_checklist (PfReportPage   *self,
                              PfChecklistRun *run)
{
  g_return_if_fail (PF_IS_REPORT_PAGE (self));
  g_return_if_fail (run == NULL || PF_IS_CHECKLIST_RUN (run));

  if (self->run == run)
    return;

  g_clear_signal_handler (&self->run_changed_id, self->run);
  g_set_object (&self->run, run);
  if (run != NULL)
    self->run_changed_id = g_signal_connect_swapped (run, "changed", G_CALLBACK (run_changed_cb), self);

  if (self->report != NULL)
    pf_report_page_queue_render (self);
}

void
pf_report_page_set_sources (PfReportPage        *self,
                            PfReport            *report,
                            PfMigrationAnalysis *analysis,
                            PfChecklistRun      *run)
{
  g_return_if_fail (PF_IS_REPORT_PAGE (self));

  /* The analysis and the run first, so a new report renders once */
  pf_report_page_set_analysis (self, analysis);
  pf_report_page_set_checklist (self, run);
  pf_report_page_set_report (self, report);
}

PfReport *
pf_report_page_get_report (PfReportPage *self)
{
  g_return_val_if_fail (PF_IS_REPORT_PAGE (self), NULL);

  return self->report;
}

gboolean
pf_report_page_get_busy (PfReportPage *self)
{
  g_return_val_if_fail (PF_IS_REPORT_PAGE (self), FALSE);

  return self->busy;
}

gboolean
pf_report_page_get_exporting (PfReportPage *self)
{
  g_return_val_if_fail (PF_IS_REPORT_PAGE (self), FALSE);

  return self->exporting;
}

PfReportPages *
pf_report_page_get_pages (PfReportPage *self)
{
  g_return_val_if_fail (PF_IS_REPORT_PAGE (self), NULL);

  return pages_are_current (self) ? self->pages : NULL;
}

guint
pf_report_page_get_n_previewed (PfReportPage *self)
{
  g_return_val_if_fail (PF_IS_REPORT_PAGE (self), 0);

  return pages_are_current (self) ? self->n_previewed : 0;
}

GtkWidget *
pf_report_page_new (void)
{
  return g_object_new (PF_TYPE_REPORT_PAGE, NULL);
}

/* ---- GObject -------------------------------------------------------------------- */

static void
pf_report_page_map (GtkWidget *widget)
{
  PfReportPage *self = PF_REPORT_PAGE (widget);

  GTK_WIDGET_CLASS (pf_report_page_parent_class)->map (widget);

  /* What changed meanwhile was counted already: render it now */
  if (self->stale)
    pf_report_page_render (self);
}

static void
scale_factor_cb (PfReportPage *self)
{
  if (self->report != NULL && self->pages != NULL)
    pf_report_page_queue_render (self);
}

static void
pf_report_page_dispose (GObject *object)
{
  PfReportPage *self = PF_REPORT_PAGE (object);

  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  g_clear_handle_id (&self->render_source, g_source_remove);
  g_clear_signal_handler (&self->run_changed_id, self->run);

  gtk_widget_dispose_template (GTK_WIDGET (self), PF_TYPE_REPORT_PAGE);

  g_clear_object (&self->report);
  g_clear_object (&self->analysis);
  g_clear_object (&self->run);
  g_clear_object (&self->pages);
  g_clear_object (&self->settings);
  g_clear_object (&self->print_settings);

  G_OBJECT_CLASS (pf_report_page_parent_class)->dispose (object);
}

static void
pf_report_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PfReportPage *self = PF_REPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_PAPER:
      g_value_set_int (value, self->paper);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_EXPORTING:
      g_value_set_boolean (value, self->exporting);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_report_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PfReportPage *self = PF_REPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_PAPER:
      pf_report_page_set_paper (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_report_page_class_init (PfReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_report_page_dispose;
  object_class->get_property = pf_report_page_get_property;
  object_class->set_property = pf_report_page_set_property;

  widget_class->map = pf_report_page_map;

  properties[PROP_PAPER] =
    g_param_spec_int ("paper", NULL, NULL,
                      PF_REPORT_PAPER_A4, PF_REPORT_PAPER_LETTER, PF_REPORT_PAPER_A4,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPORTING] =
    g_param_spec_boolean ("exporting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/pf-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PfReportPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PfReportPage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, PfReportPage, pages_box);
  gtk_widget_class_bind_template_child (widget_class, PfReportPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PfReportPage, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, PfReportPage, checked_label);
  gtk_widget_class_bind_template_child (widget_class, PfReportPage, pages_label);
  gtk_widget_class_bind_template_child (widget_class, PfReportPage, sentence_label);
  gtk_widget_class_bind_template_child (widget_class, PfReportPage, export_spinner);
  gtk_widget_class_bind_template_child (widget_class, PfReportPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PfReportPage, footer_spinner);
  gtk_widget_class_bind_template_child (widget_class, PfReportPage, paper_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PfReportPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, PfReportPage, export_button);

  gtk_widget_class_install_action (widget_class, "report.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "report.print", NULL, print_action);
}

static void
pf_report_page_init (PfReportPage *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GtkEventController *controller;
  PfReportPaper paper = default_paper ();

  gtk_widget_init_template (GTK_WIDGET (self));

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);
  if (settings_have_paper (self))
    {
      g_autofree char *saved = g_settings_get_string (self->settings, PAPER_KEY);

      pf_report_paper_from_string (saved, &paper);
    }
  self->paper = paper;
  gtk_drop_down_set_selected (self->paper_dropdown, paper);
  g_signal_connect_swapped (self->paper_dropdown, "notify::selected", G_CALLBACK (paper_selected_cb), self);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_cb), NULL);

  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control><Shift>e"),
                                                          gtk_callback_action_new (shortcut_cb, (gpointer) "report.export", NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>p"),
                                                          gtk_callback_action_new (shortcut_cb, (gpointer) "report.print", NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
}
