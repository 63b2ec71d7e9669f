/* pf-template-editor.h — a custom checklist: its title and each item's title, why and required
 *
 * A modal AdwPreferencesWindow-style window over @parent showing
 * @template (a custom one: duplicate a bundled template first with
 * pf_checklist_template_duplicate) step by step; each item an
 * AdwExpanderRow with an AdwEntryRow for the title, a text view for why it
 * matters and a switch for Required. Save writes it through
 * pf_checklist_templates_save and closes; errors show in the window and
 * lose nothing. Escape asks before dropping unsaved changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pf-engine.h"

G_BEGIN_DECLS

#define PF_TYPE_TEMPLATE_EDITOR (pf_template_editor_get_type ())
G_DECLARE_FINAL_TYPE (PfTemplateEditor, pf_template_editor, PF, TEMPLATE_EDITOR, AdwWindow)

/* Signal "saved" (PfChecklistTemplate *template): after it was written */

PfTemplateEditor *pf_template_editor_new (GtkWindow            *parent,
                                          PfChecklistTemplates *templates,
                                          PfChecklistTemplate  *template);

G_END_DECLS
