/* pf-checklist-templates.h — every checklist template a user can pick
 *
 * The bundled ones first (routine-migration, production-go-live,
 * add-fields-safely, in that order), in the user's language
 * (data/checklists/extract-strings.py gives their words to translators),
 * then the user's own, by title. Custom
 * templates are files "<id>.json" in $XDG_CONFIG_HOME/preflight/templates/,
 * next to connections.json, written with pf_json_file_write(). A custom file
 * that cannot be read is moved aside (pf_json_file_move_aside) and reported,
 * never overwritten. A readable template under another file name than
 * "<id>.json", or with the id of a bundled template, is skipped and
 * reported but left in place; so is a file the system cannot read
 * (permissions), since nobody knows what is in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-checklist-template.h"

G_BEGIN_DECLS

#define PF_TYPE_CHECKLIST_TEMPLATES (pf_checklist_templates_get_type ())
/* A GListModel of PfChecklistTemplate */
G_DECLARE_FINAL_TYPE (PfChecklistTemplates, pf_checklist_templates, PF, CHECKLIST_TEMPLATES, GObject)

/* @dir NULL: $XDG_CONFIG_HOME/preflight/templates, looked up on each use */
PfChecklistTemplates *pf_checklist_templates_new          (const char            *dir);
char                 *pf_checklist_templates_dup_dir      (PfChecklistTemplates  *self);
/* Reads the bundled and custom templates. Custom files that could not be
 * read were moved aside: @out_problems (may be NULL) gets one sentence for
 * each ("“night.json” could not be read (…) and was moved to “…”"). FALSE
 * only when the folder itself cannot be read. */
gboolean              pf_checklist_templates_load         (PfChecklistTemplates  *self,
                                                           GPtrArray            **out_problems,
                                                           GError               **error);
/* The bundled template "routine-migration", without reading any file */
PfChecklistTemplate  *pf_checklist_templates_dup_default  (void);
/* Transfer none; NULL when no template has @id */
PfChecklistTemplate  *pf_checklist_templates_find         (PfChecklistTemplates  *self,
                                                           const char            *id);
/* An id no template (nor any file in the folder) has yet, from @title:
 * ASCII, lowercase, dashes ("night-shift-go-live", "…-2") */
char                 *pf_checklist_templates_dup_unique_id (PfChecklistTemplates *self,
                                                           const char            *title);
/* Adds or replaces a custom template and writes its file;
 * PF_CHECKLIST_ERROR_READ_ONLY for a bundled one (or a copy that took a
 * bundled id); PF_CHECKLIST_ERROR_INVALID_TEMPLATE, writing nothing, when
 * the file could not be read back (an item's title or why left blank). */
gboolean              pf_checklist_templates_save         (PfChecklistTemplates  *self,
                                                           PfChecklistTemplate   *template,
                                                           GError               **error);
gboolean              pf_checklist_templates_remove       (PfChecklistTemplates  *self,
                                                           PfChecklistTemplate   *template,
                                                           GError               **error);

G_END_DECLS
