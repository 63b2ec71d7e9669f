/* pf-profile-store.h — the saved connections, as JSON under the user config dir
 *
 * The file is $XDG_CONFIG_HOME/preflight/connections.json:
 *
 *   { "schema": "preflight-connections/1",
 *     "connections": [ <pf_connection_profile_to_json_node()>, … ] }
 *
 * Saving writes a temporary file in the same folder, syncs it and renames it
 * over the old one, so a crash leaves either the old or the new file, never
 * half of one. A file that cannot be read as connections is moved aside as
 * "connections.json.corrupt-<YYYYMMDD-HHMMSS>" and never overwritten.
 * Passwords are never in the file (see PfSecrets).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pf-connection-profile.h"

G_BEGIN_DECLS

#define PF_PROFILE_STORE_ERROR (pf_profile_store_error_quark ())

typedef enum {
  PF_PROFILE_STORE_ERROR_FAILED,     /* could not read, move or write: the message says which file */
  PF_PROFILE_STORE_ERROR_NOT_FOUND,  /* no connection of that name */
  PF_PROFILE_STORE_ERROR_EXISTS,     /* a connection of that name already exists */
} PfProfileStoreError;

GQuark pf_profile_store_error_quark (void);

#define PF_TYPE_PROFILE_STORE (pf_profile_store_get_type ())
/* A GListModel of PfConnectionProfile, in the order the user added them */
G_DECLARE_FINAL_TYPE (PfProfileStore, pf_profile_store, PF, PROFILE_STORE, GObject)

/* @path NULL: the default file above, looked up again on each use (it
 * follows XDG_CONFIG_HOME). Nothing is read until load. */
PfProfileStore      *pf_profile_store_new           (const char      *path);
const char          *pf_profile_store_get_path      (PfProfileStore  *self);
/* The default path, honouring XDG_CONFIG_HOME */
char                *pf_profile_store_dup_default_path (void);

/* Replaces the contents with the file's. A missing file is an empty store.
 * A corrupt file is moved aside: then TRUE is returned, the store is empty,
 * and @out_moved_to (if given) receives the new path so the caller can tell
 * the user. FALSE + @error only when the file could not be read or moved. */
gboolean             pf_profile_store_load          (PfProfileStore  *self,
                                                     char           **out_moved_to,
                                                     GError         **error);
/* Atomically writes every profile. Creates the folder (0700) if needed;
 * the file is 0600. */
gboolean             pf_profile_store_save          (PfProfileStore  *self,
                                                     GError         **error);

/* Appends; @profile must have a name. Does not save. */
void                 pf_profile_store_add           (PfProfileStore  *self,
                                                     PfConnectionProfile *profile);
/* For undoing a removal: puts @profile back at @position (clamped) */
void                 pf_profile_store_insert        (PfProfileStore  *self,
                                                     guint            position,
                                                     PfConnectionProfile *profile);
/* Returns the position it had, or -1 when it was not there. Does not save
 * and does not touch the keyring. */
int                  pf_profile_store_remove        (PfProfileStore  *self,
                                                     PfConnectionProfile *profile);
/* Puts @replacement where @profile was (the editor's result; usually the
 * same id). FALSE when @profile is not in the store. Does not save. */
gboolean             pf_profile_store_replace       (PfProfileStore  *self,
                                                     PfConnectionProfile *profile,
                                                     PfConnectionProfile *replacement);
/* Tell the list a profile was edited in place (emits items-changed) */
void                 pf_profile_store_changed       (PfProfileStore  *self,
                                                     PfConnectionProfile *profile);
/* NULL when none; names compare exactly */
PfConnectionProfile *pf_profile_store_find_by_id    (PfProfileStore  *self,
                                                     const char      *id);
PfConnectionProfile *pf_profile_store_find_by_name  (PfProfileStore  *self,
                                                     const char      *name);
/* "Rota", then "Rota (2)", "Rota (3)"… whichever is free */
char                *pf_profile_store_dup_unique_name (PfProfileStore *self,
                                                       const char     *name);

G_END_DECLS
