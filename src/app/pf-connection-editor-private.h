/* pf-connection-editor-private.h — what the tests read from the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-connection-editor.h"

G_BEGIN_DECLS

/* The sentence the last Test Connection ended with, or NULL (none yet, or
 * still running) */
const char *_pf_connection_editor_get_test_result (PfConnectionEditor *self);
/* TRUE while Test Connection runs */
gboolean    _pf_connection_editor_get_testing     (PfConnectionEditor *self);
/* The rules the editor would save (NULL: none) */
PfRules    *_pf_connection_editor_get_rules       (PfConnectionEditor *self);

G_END_DECLS
