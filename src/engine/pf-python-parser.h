/* pf-python-parser.h — reads the Python subset Django writes, without running it
 *
 * Values become a json-glib tree:
 *   str/bytes → string, int → int, float → double, True/False → boolean,
 *   None → null, list/tuple/set → array, dict → object (keys as strings),
 *   a dotted name → {"name": "settings.AUTH_USER_MODEL"},
 *   a call → {"call": "migrations.AddField", "line": 12,
 *             "args": [...], "kwargs": {...}},
 *   anything else (lambda, operators, f-strings…) → {"expr": "<source text>"}.
 *
 * Details: a call whose callee is not a dotted name (a call on a call) has
 * "call" = the callee's source text and "func" = the callee's value;
 * `*args`/`**kwargs` in a call are {"expr": "*args"} items of "args";
 * dict keys that are not strings are written as Python would print them
 * (1, True, None) or as their source text; a byte above 0x7f in a bytes
 * literal becomes the code point of the same value, a NUL character U+FFFD
 * (C strings cannot hold it); \N{…} escapes are kept as written; ints
 * beyond 64 bits and complex numbers are "expr".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pf-migration-error.h"

G_BEGIN_DECLS

/* The class-level assignments of `class Migration(...)` in a migration
 * module: {"dependencies": …, "operations": …, "replaces": …, "initial": …,
 * "run_before": …, "atomic": …} (whatever is present). PF_MIGRATION_ERROR_UNPARSABLE
 * with "line N: …" in the message when the file is not valid in the subset or
 * has no Migration class. Never executes anything. */
JsonObject *pf_python_parse_migration   (const char  *source,
                                         gssize       length,
                                         GError     **error);

/* The top-level `NAME = value` assignments of a module (e.g. settings.py);
 * statements it does not understand are skipped, not errors. */
JsonObject *pf_python_parse_assignments (const char  *source,
                                         gssize       length,
                                         GError     **error);

/* Every call anywhere in the module (function bodies included) whose callee
 * is @callee or ends with "." @callee, as call nodes, e.g. "environ.setdefault"
 * finds os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
 * in manage.py. Calls it cannot read are left out. */
JsonArray  *pf_python_find_calls        (const char  *source,
                                         gssize       length,
                                         const char  *callee,
                                         GError     **error);

G_END_DECLS
