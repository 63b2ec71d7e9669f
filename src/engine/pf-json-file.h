/* pf-json-file.h — JSON files that survive crashes and are never silently reset
 *
 * Used for everything Preflight keeps under the user config dir: saved
 * connections, checklist progress, custom checklist templates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Writes @root (pretty, with a final newline) to a temporary file in the
 * same folder, syncs it and renames it over @path, so a crash leaves either
 * the old or the new file, never half of one. Creates missing folders
 * (0700); the file is 0600. Errors are G_FILE_ERROR with the system's
 * reason as the message ("No space left on device"): callers say which file. */
gboolean    pf_json_file_write      (const char  *path,
                                     JsonNode    *root,
                                     GError     **error);

/* Reads @path as JSON. Returns NULL with no error when the file does not
 * exist; NULL with a G_FILE_ERROR when it cannot be read; NULL with a
 * JSON_PARSER_ERROR when it is not JSON. */
JsonNode   *pf_json_file_read       (const char  *path,
                                     GError     **error);

/* Moves a file that cannot be used to "<path>.corrupt-<YYYYMMDD-HHMMSS>"
 * (then -2, -3…), never replacing an earlier one, and returns the new path.
 * NULL with a G_FILE_ERROR when it could not be moved. */
char       *pf_json_file_move_aside (const char  *path,
                                     GError     **error);

/* For crash tests: when set, pf_json_file_write() calls _exit(3) after the
 * temporary file is written and synced, before the rename, as a power cut
 * or a kill would stop it there. */
void        _pf_json_file_set_crash_before_rename (gboolean crash);

G_END_DECLS
