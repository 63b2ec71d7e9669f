/* pf-foreign-key.h — a declared foreign key, composite ones included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  PF_FOREIGN_KEY_ACTION_NO_ACTION,
  PF_FOREIGN_KEY_ACTION_RESTRICT,
  PF_FOREIGN_KEY_ACTION_CASCADE,
  PF_FOREIGN_KEY_ACTION_SET_NULL,
  PF_FOREIGN_KEY_ACTION_SET_DEFAULT,
} PfForeignKeyAction;

GType       pf_foreign_key_action_get_type (void) G_GNUC_CONST;
#define PF_TYPE_FOREIGN_KEY_ACTION (pf_foreign_key_action_get_type ())
/* "NO ACTION", "CASCADE", … as written in SQL */
const char *pf_foreign_key_action_to_sql   (PfForeignKeyAction action);
/* The reverse, case-insensitive; NULL or anything unknown gives NO_ACTION */
PfForeignKeyAction pf_foreign_key_action_from_sql (const char *sql);

#define PF_TYPE_FOREIGN_KEY (pf_foreign_key_get_type ())

typedef struct _PfForeignKey PfForeignKey;

struct _PfForeignKey
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public >*/
  char               *name;           /* constraint name; SQLite: NULL unless named */
  char               *table_schema;   /* NULL on SQLite */
  char               *table;
  GStrv               columns;        /* child columns, in key order */
  char               *parent_schema;  /* NULL on SQLite */
  char               *parent_table;
  GStrv               parent_columns; /* resolved to the parent's primary key when the
                                         SQLite declaration omits them; empty when the
                                         parent has no primary key to resolve them to
                                         (SQLite then reports a "foreign key mismatch") */
  PfForeignKeyAction  on_delete;
  PfForeignKeyAction  on_update;
  gboolean            not_valid;      /* PostgreSQL: created NOT VALID, never validated */
  gboolean            deferrable;
};

GType         pf_foreign_key_get_type (void) G_GNUC_CONST;
/* All fields zeroed (columns and parent_columns NULL); actions NO_ACTION */
PfForeignKey *pf_foreign_key_new      (void);
PfForeignKey *pf_foreign_key_ref      (PfForeignKey *foreign_key);
void          pf_foreign_key_unref    (PfForeignKey *foreign_key);
guint         pf_foreign_key_get_n_columns (const PfForeignKey *foreign_key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfForeignKey, pf_foreign_key_unref)

G_END_DECLS
