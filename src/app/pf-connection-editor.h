/* pf-connection-editor.h — add or edit a saved connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pf-engine.h"

G_BEGIN_DECLS

#define PF_TYPE_CONNECTION_EDITOR (pf_connection_editor_get_type ())
G_DECLARE_FINAL_TYPE (PfConnectionEditor, pf_connection_editor, PF, CONNECTION_EDITOR, AdwWindow)

/* A modal dialog over @parent. @profile NULL adds a new connection;
 * otherwise its fields are shown and Save replaces it in @store (same id).
 *
 * On Save the editor writes @store to disk (pf_profile_store_save), stores
 * or clears the password in the keyring (PfSecrets) as "Remember password"
 * says, emits "saved" and closes. Nothing is saved on Cancel or Escape.
 * When the keyring is unavailable the connection is still saved, with
 * remember-password off, and "saved"'s @notice says why the password could
 * not be remembered (the window shows it as a toast). A failure to write
 * the file is shown in the dialog, which stays open with every field kept.
 *
 * Signal "saved" (PfConnectionProfile *profile, const char *notice_or_null). */
PfConnectionEditor *pf_connection_editor_new (GtkWindow           *parent,
                                              PfProfileStore      *store,
                                              PfConnectionProfile *profile);

/* Fills every field from a DATABASE_URL (postgres://…, postgresql://…,
 * sqlite:///…), as the "Paste a DATABASE_URL" row does. FALSE and the reason
 * shown inline when it cannot be parsed. */
gboolean            pf_connection_editor_fill_from_url (PfConnectionEditor *self,
                                                        const char         *url);

G_END_DECLS
