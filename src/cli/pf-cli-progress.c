/* pf-cli-progress.c — one progress line on a terminal's stderr
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-cli-progress"

#include "config.h"

#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "pf-cli-common.h"
#include "pf-cli-progress.h"

#define PROGRESS_INTERVAL (G_USEC_PER_SEC / 10)
#define BAR_WIDTH 20

static guint
terminal_width (void)
{
  struct winsize size;
  const char *columns;

  if (ioctl (STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;

  columns = g_getenv ("COLUMNS");
  if (columns != NULL && g_ascii_strtoull (columns, NULL, 10) > 0)
    return g_ascii_strtoull (columns, NULL, 10);

  return 80;
}

static void
draw (PfCliProgress *progress)
{
  g_autofree char *raw_message = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GString) line = g_string_new ("\r[");
  double fraction;
  guint width = terminal_width ();
  glong room;

  g_object_get (progress->source, "fraction", &fraction, "message", &raw_message, NULL);
  message = pf_cli_display_text (raw_message);

  if (fraction >= 0)
    {
      guint filled;

      fraction = CLAMP (fraction, 0.0, 1.0);
      filled = (guint) (fraction * BAR_WIDTH + 0.5);
      for (guint i = 0; i < BAR_WIDTH; i++)
        g_string_append (line, i < filled ? "#" : "-");
      g_string_append_printf (line, "] %3d%%  ", (int) (fraction * 100 + 0.5));
    }
  else
    {
      /* Unknown yet: the same width, so the message does not jump */
      g_string_truncate (line, 1);
      g_string_append_printf (line, "%*s", BAR_WIDTH + 8, "");
    }

  /* One line, never wrapping, or \r would no longer return to its start */
  room = (glong) width - (glong) (BAR_WIDTH + 9) - 1;
  if (room > 1 && g_utf8_strlen (message, -1) > room)
    {
      char *end = g_utf8_offset_to_pointer (message, room - 1);

      *end = '\0';
      g_string_append (line, message);
      g_string_append (line, "…");
    }
  else if (room > 1)
    g_string_append (line, message);

  /* Erase what a longer previous message left behind */
  g_string_append (line, "\033[K");

  fputs (line->str, stderr);
  fflush (stderr);

  progress->drawn = TRUE;
  progress->last_draw = g_get_monotonic_time ();
}

static void
changed_cb (GObject       *source,
            GParamSpec    *pspec,
            PfCliProgress *progress)
{
  /* Two properties changing together draw once */
  if (g_get_monotonic_time () - progress->last_draw < PROGRESS_INTERVAL)
    return;

  draw (progress);
}

void
pf_cli_progress_start (PfCliProgress *progress,
                       GObject       *source)
{
  g_return_if_fail (progress != NULL);
  g_return_if_fail (G_IS_OBJECT (source));

  progress->source = NULL;
  progress->last_draw = 0;
  progress->drawn = FALSE;

  if (!isatty (STDERR_FILENO))
    return;

  progress->source = g_object_ref (source);
  g_signal_connect (source, "notify::fraction", G_CALLBACK (changed_cb), progress);
  g_signal_connect (source, "notify::message", G_CALLBACK (changed_cb), progress);
}

void
pf_cli_progress_stop (PfCliProgress *progress)
{
  g_return_if_fail (progress != NULL);

  if (progress->source == NULL)
    return;

  g_signal_handlers_disconnect_by_data (progress->source, progress);
  g_clear_object (&progress->source);

  if (progress->drawn)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
      progress->drawn = FALSE;
    }
}
