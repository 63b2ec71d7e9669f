/* pf-connection-row.h — a saved connection in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pf-engine.h"

G_BEGIN_DECLS

#define PF_TYPE_CONNECTION_ROW (pf_connection_row_get_type ())
G_DECLARE_FINAL_TYPE (PfConnectionRow, pf_connection_row, PF, CONNECTION_ROW, GtkListBoxRow)

/* Follows @profile's name, location, environment and last check live. Its
 * menu (also on right click, long press and Shift+F10) activates
 * win.edit-connection, win.duplicate-connection and win.delete-connection
 * with the profile's id. */
GtkWidget           *pf_connection_row_new         (PfConnectionProfile *profile);
PfConnectionProfile *pf_connection_row_get_profile (PfConnectionRow     *self);

/* The libadwaita colour class for a last-verdict string (see
 * pf_connection_profile_get_last_verdict; its words are
 * pf_verdict_label_for_string()): "error", "warning", "success" or NULL */
const char          *pf_verdict_style_for_string   (const char          *verdict);

G_END_DECLS
