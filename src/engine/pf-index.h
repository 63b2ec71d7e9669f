/* pf-index.h — an index, including the ones behind primary keys and unique constraints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  PF_INDEX_ORIGIN_INDEX,        /* CREATE INDEX */
  PF_INDEX_ORIGIN_UNIQUE,       /* backs a UNIQUE constraint */
  PF_INDEX_ORIGIN_PRIMARY_KEY,  /* backs the PRIMARY KEY */
} PfIndexOrigin;

GType pf_index_origin_get_type (void) G_GNUC_CONST;
#define PF_TYPE_INDEX_ORIGIN (pf_index_origin_get_type ())

#define PF_TYPE_INDEX (pf_index_get_type ())

typedef struct _PfIndex PfIndex;

struct _PfIndex
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public >*/
  char          *name;
  GStrv          columns;    /* column names; an expression key is given as its SQL text */
  char          *definition; /* full SQL when the database provides it, or NULL */
  PfIndexOrigin  origin;
  gboolean       unique;
  gboolean       partial;
  gboolean       valid;      /* PostgreSQL indisvalid; always TRUE on SQLite */
};

GType    pf_index_get_type (void) G_GNUC_CONST;
/* columns NULL until set; origin INDEX; valid TRUE */
PfIndex *pf_index_new      (const char *name);
PfIndex *pf_index_ref      (PfIndex    *index);
void     pf_index_unref    (PfIndex    *index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfIndex, pf_index_unref)

G_END_DECLS
