/* pf-report-export.c — write a readiness report to a file in any format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-report-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pf-report-composer.h"
#include "pf-report-export.h"
#include "pf-report-html.h"
#include "pf-report-markdown.h"

static const struct {
  PfReportFormat  format;
  const char     *name;
  const char     *extension;
  const char     *mime_type;
} formats[] = {
  { PF_REPORT_FORMAT_PDF, "pdf", "pdf", "application/pdf" },
  { PF_REPORT_FORMAT_HTML, "html", "html", "text/html" },
  { PF_REPORT_FORMAT_MARKDOWN, "markdown", "md", "text/markdown" },
  { PF_REPORT_FORMAT_JSON, "json", "json", "application/json" },
};

const char *
pf_report_format_to_string (PfReportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);

  return formats[format].name;
}

gboolean
pf_report_format_from_string (const char     *string,
                              PfReportFormat *out_format)
{
  g_return_val_if_fail (string != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (string, formats[i].name))
      {
        if (out_format != NULL)
          *out_format = formats[i].format;
        return TRUE;
      }

  return FALSE;
}

const char *
pf_report_format_get_extension (PfReportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);

  return formats[format].extension;
}

const char *
pf_report_format_get_mime_type (PfReportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);

  return formats[format].mime_type;
}

const char *
pf_report_format_get_label (PfReportFormat format)
{
  switch (format)
    {
    case PF_REPORT_FORMAT_PDF:
      return _("PDF document");
    case PF_REPORT_FORMAT_HTML:
      return _("Web page (HTML)");
    case PF_REPORT_FORMAT_MARKDOWN:
      return _("Markdown, for tickets");
    case PF_REPORT_FORMAT_JSON:
      return _("JSON, for scripts");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
pf_report_format_is_text (PfReportFormat format)
{
  return format != PF_REPORT_FORMAT_PDF;
}

char *
pf_report_dup_file_name (PfReport       *report,
                         PfReportFormat  format)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  GString *name;
  const char *target;

  g_return_val_if_fail (PF_IS_REPORT (report), NULL);

  /* Letters of any script stay; what a file system or a shell would
   * stumble on becomes a dash, and runs of dashes become one */
  target = pf_report_get_target_name (report);
  name = g_string_new (NULL);
  for (const char *p = target != NULL ? target : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '_' || c == '.')
        g_string_append_unichar (name, c);
      else if (name->len > 0 && name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  while (name->len > 0 && (name->str[name->len - 1] == '-' || name->str[name->len - 1] == '.'))
    g_string_truncate (name, name->len - 1);
  while (name->len > 0 && name->str[0] == '.')
    g_string_erase (name, 0, 1);
  if (name->len == 0)
    g_string_append (name, "database");

  local = g_date_time_to_local (pf_report_get_generated_at (report));
  date = g_date_time_format (local, "%Y-%m-%d");
  g_string_append_printf (name, "-readiness-%s.%s", date, pf_report_format_get_extension (format));

  return g_string_free (name, FALSE);
}

static char *
dup_json (PfReport *report)
{
  /* pf_report_to_json ends with a newline, as files should */
  return pf_report_to_json (report, TRUE);
}

static GBytes *
render_pdf (PfReportDocument  *document,
            PfReportPaper      paper,
            GCancellable      *cancellable,
            GError           **error)
{
  g_autoptr(PfReportPages) pages = NULL;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();

  pages = pf_report_pages_new (document, paper, cancellable, error);
  if (pages == NULL)
    return NULL;
  if (!pf_report_pages_write_pdf (pages, stream, cancellable, error) ||
      !g_output_stream_close (stream, cancellable, error))
    return NULL;

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

GBytes *
pf_report_render (PfReport       *report,
                  PfReportFormat  format,
                  PfReportPaper   paper,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(PfReportDocument) document = NULL;
  char *text;

  g_return_val_if_fail (PF_IS_REPORT (report), NULL);
  g_return_val_if_fail (format < G_N_ELEMENTS (formats), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (format == PF_REPORT_FORMAT_JSON)
    {
      text = dup_json (report);
      return g_bytes_new_take (text, strlen (text));
    }

  document = pf_report_compose (report);
  switch (format)
    {
    case PF_REPORT_FORMAT_PDF:
      return render_pdf (document, paper, cancellable, error);
    case PF_REPORT_FORMAT_HTML:
      text = pf_report_html_render (document);
      break;
    case PF_REPORT_FORMAT_MARKDOWN:
      text = pf_report_markdown_render (document);
      break;
    case PF_REPORT_FORMAT_JSON:
    default:
      g_assert_not_reached ();
    }

  return g_bytes_new_take (text, strlen (text));
}

/* A device or pipe (/dev/stdout, /dev/null, a FIFO) is written in place:
 * renaming a new file over it would replace it */
static gboolean
write_in_place (const char  *path,
                GBytes      *bytes,
                GError     **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  int fd;

  fd = g_open (path, O_WRONLY | O_TRUNC | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return FALSE;
    }

  stream = g_unix_output_stream_new (fd, TRUE);
  return g_output_stream_write_all (stream, data, size, NULL, NULL, error) &&
         g_output_stream_close (stream, NULL, error);
}

static gboolean
write_file (GFile         *file,
            GBytes        *bytes,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  GStatBuf buf;

  if (path != NULL && g_stat (path, &buf) == 0 && !S_ISREG (buf.st_mode) && !S_ISDIR (buf.st_mode))
    return write_in_place (path, bytes, error);

  /* Written beside and renamed into place: a reader never sees half a
   * report, and a failure leaves the old file as it was */
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_NONE, NULL, cancellable, error);
}

gboolean
pf_report_write_file (GFile         *file,
                      GBytes        *bytes,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (write_file (file, bytes, cancellable, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  name = g_file_get_parse_name (file);
  g_set_error (error, local_error->domain, local_error->code,
               /* TRANSLATORS: %s is a file name, the second %s why it failed */
               _("Could not write the report to “%s”: %s"), name,
               g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY)
                 ? _("it is a folder") : local_error->message);
  return FALSE;
}

gboolean
pf_report_export (PfReport       *report,
                  PfReportFormat  format,
                  PfReportPaper   paper,
                  GFile          *file,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (PF_IS_REPORT (report), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = pf_report_render (report, format, paper, cancellable, error);
  if (bytes == NULL)
    return FALSE;

  return pf_report_write_file (file, bytes, cancellable, error);
}

typedef struct
{
  PfReport       *report;
  PfReportFormat  format;
  PfReportPaper   paper;
  GFile          *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_object_unref (data->report);
  g_object_unref (data->file);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  if (pf_report_export (data->report, data->format, data->paper, data->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pf_report_export_async (PfReport            *report,
                        PfReportFormat       format,
                        PfReportPaper        paper,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (PF_IS_REPORT (report));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->report = g_object_ref (report);
  data->format = format;
  data->paper = paper;
  data->file = g_object_ref (file);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_report_export_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
pf_report_export_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
