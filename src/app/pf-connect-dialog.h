/* pf-connect-dialog.h — asks where a PostgreSQL database is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pf-engine.h"

G_BEGIN_DECLS

#define PF_TYPE_CONNECT_DIALOG (pf_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PfConnectDialog, pf_connect_dialog, PF, CONNECT_DIALOG, AdwWindow)

/* Emits "connect" (PfConnectionProfile *profile, const char *password) and
 * closes itself when the user presses Connect. */
PfConnectDialog *pf_connect_dialog_new (GtkWindow *parent);

G_END_DECLS
