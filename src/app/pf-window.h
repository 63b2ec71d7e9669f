/* pf-window.h — the main window: saved connections beside the open database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pf-engine.h"
#include "pf-application.h"
#include "pf-overview-page.h"
#include "pf-workspace.h"

G_BEGIN_DECLS

#define PF_TYPE_WINDOW (pf_window_get_type ())
G_DECLARE_FINAL_TYPE (PfWindow, pf_window, PF, WINDOW, AdwApplicationWindow)

PfWindow       *pf_window_new               (PfApplication       *application);

/* Each of these cancels whatever was being opened, closes the open database
 * and opens a new one off the main thread; failures are reported in the
 * window, which then shows the welcome page again. */
void            pf_window_open_profile      (PfWindow            *self,
                                             PfConnectionProfile *profile,
                                             const char          *password);
void            pf_window_open_file         (PfWindow            *self,
                                             GFile               *file);
void            pf_window_open_target       (PfWindow            *self,
                                             const char          *target);
void            pf_window_open_demo         (PfWindow            *self);
void            pf_window_close_database    (PfWindow            *self);

/* The database shown in the overview, or NULL */
PfDatabase     *pf_window_get_database      (PfWindow            *self);
/* "welcome", "loading" or "workspace" */
const char     *pf_window_get_page_name     (PfWindow            *self);
PfOverviewPage *pf_window_get_overview_page (PfWindow            *self);
PfWorkspace    *pf_window_get_workspace     (PfWindow            *self);
void            pf_window_add_toast         (PfWindow            *self,
                                             AdwToast            *toast);

G_END_DECLS
