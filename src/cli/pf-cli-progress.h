/* pf-cli-progress.h — one progress line on a terminal's stderr
 *
 * Follows any object with a "fraction" (double, 0…1, or negative while
 * unknown) and a "message" (string) property, as PfScan and PfBackup have:
 * "[#####---------------]  25%  Checking scheduling_shift…", redrawn at most
 * ten times a second, never wider than the terminal. Only on a terminal:
 * CI logs and pipes get nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  GObject  *source;
  gint64    last_draw;
  gboolean  drawn;
} PfCliProgress;

/* Starts following @source when stderr is a terminal */
void pf_cli_progress_start (PfCliProgress *progress,
                            GObject       *source);
/* Stops following and erases the line */
void pf_cli_progress_stop  (PfCliProgress *progress);

G_END_DECLS
