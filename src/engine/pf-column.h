/* pf-column.h — one column of a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PF_TYPE_COLUMN (pf_column_get_type ())

typedef struct _PfColumn PfColumn;

/* Immutable once built by the introspection code; reference counted. */
struct _PfColumn
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public >*/
  char     *name;
  char     *type;          /* as declared, e.g. "varchar(6)", "integer"; "" when SQLite has none */
  char     *default_value; /* SQL text, or NULL */
  int       position;      /* 1-based, in declaration order */
  gboolean  not_null;
  gboolean  is_identity;   /* PostgreSQL identity or serial (default nextval) column */
};

GType     pf_column_get_type (void) G_GNUC_CONST;
PfColumn *pf_column_new      (const char *name,
                              const char *type,
                              gboolean    not_null,
                              int         position);
PfColumn *pf_column_ref      (PfColumn   *column);
void      pf_column_unref    (PfColumn   *column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfColumn, pf_column_unref)

G_END_DECLS
