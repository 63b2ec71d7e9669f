/* pf-cli-table.h — aligned plain-text tables for terminal output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PfCliTable PfCliTable;

typedef enum {
  PF_CLI_ALIGN_LEFT,
  PF_CLI_ALIGN_RIGHT,
} PfCliAlign;

PfCliTable *pf_cli_table_new       (guint        n_columns);
void        pf_cli_table_free      (PfCliTable  *self);
void        pf_cli_table_set_align (PfCliTable  *self,
                                    guint        column,
                                    PfCliAlign   align);
/* Exactly n_columns strings (copied); NULL prints as empty */
void        pf_cli_table_add_row   (PfCliTable  *self,
                                    ...);
/* A line of dashes across the table */
void        pf_cli_table_add_rule  (PfCliTable  *self);
/* Columns separated by two spaces, no trailing blanks */
void        pf_cli_table_print     (PfCliTable  *self,
                                    GString     *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfCliTable, pf_cli_table_free)

G_END_DECLS
