/* pf-rules-editor.h — edit a connection's data rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pf-engine.h"

G_BEGIN_DECLS

#define PF_TYPE_RULES_EDITOR (pf_rules_editor_get_type ())
G_DECLARE_FINAL_TYPE (PfRulesEditor, pf_rules_editor, PF, RULES_EDITOR, AdwWindow)

/* A modal dialog over @parent showing @rules (NULL: no rules yet), which it
 * never changes. Done builds new rules with the pf_rules_add_*() adders,
 * emits "done" and closes; Done stays disabled while any rule is invalid
 * (a bad regular expression is explained under its row). Cancel and Escape
 * discard every change.
 *
 * Signal "done" (PfRules *rules): the new rules, empty when every rule was
 * removed. */
PfRulesEditor *pf_rules_editor_new (GtkWindow *parent,
                                    PfRules   *rules);

G_END_DECLS
