/* pf-orphan-query.h — engine-internal: how to find the rows of a child table
 * whose key has no parent, exactly as the database itself would judge it
 *
 * A PfOrphanQuery is resolved on a worker connection (SQLite: from the
 * foreign-key pragmas, reproducing sqlite3FkLocateIndex(); PostgreSQL: from
 * pg_constraint, reproducing RI_Initial_Check()) and then turned into SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-database.h"
#include "pf-finding.h"

G_BEGIN_DECLS

#define PF_ORPHAN_MAX_VALUES  20
#define PF_ORPHAN_MAX_SAMPLES 100

typedef enum {
  PF_ORPHAN_PARENT_FOUND,
  PF_ORPHAN_PARENT_MISSING,   /* SQLite: no such table; every non-NULL row is an orphan */
  PF_ORPHAN_PARENT_MISMATCH,  /* SQLite "foreign key mismatch": no usable unique key */
} PfOrphanParent;

/* One column pair of the key, ready to be written as
 *   parent.col<parent_cast> <op> <+>child.col<child_cast><collate> */
typedef struct
{
  char     *child_column;   /* raw names */
  char     *parent_column;
  char     *op;             /* "=" or "OPERATOR(pg_catalog.=)" */
  char     *parent_cast;    /* "" or "::pg_catalog.numeric" */
  char     *child_cast;
  char     *collate;        /* "" or " COLLATE …" */
  gboolean  child_plus;     /* SQLite: "+" strips the child's affinity */
} PfOrphanPair;

typedef struct
{
  PfDatabaseKind  kind;
  char           *child_table;      /* raw names, for people */
  char           *parent_table;
  char           *child_from;       /* SQL: main."t", ONLY "s"."t" */
  char           *parent_from;      /* NULL when the parent is missing */
  char           *child_target;     /* SQL for DELETE/UPDATE targets: main."t", ONLY "s"."t" */
  GPtrArray      *pairs;            /* PfOrphanPair, in the constraint's order */
  gboolean        match_full;       /* PostgreSQL MATCH FULL */
  PfOrphanParent  parent_state;
  /* Distinct-value walk over the child's index (NULL: full anti-join).
   * SQLite: the index name for INDEXED BY, "" for the rowid itself;
   * PostgreSQL: "" when a loose index scan is safe. */
  char           *walk_index;
  /* SQLite: the walk is SELECT DISTINCT over that index, which SQLite
   * itself turns into a skip-ahead walk when sqlite_stat1 says keys repeat;
   * otherwise (no statistics) the recursive min()/> CTE */
  gboolean        walk_distinct;
  /* SQLite: the walk index also finds the child rows of one parent row,
   * exactly (same affinity, the parent key's collation): cascades use it */
  gboolean        child_lookup;
  /* SQLite: the walked column's affinity, "BTNIR"[…] */
  char            walk_affinity;
  /* SQLite anti-join: probe in key order (a large parent) */
  gboolean        sort_probes;
  GStrv           key_names;        /* sample row keys: names shown */
  GStrv           key_exprs;        /* …and their SQL on the child alias, without it */
  gboolean        covered_elsewhere; /* PostgreSQL: a partition's inherited clone */
  int             fkid;             /* SQLite PRAGMA foreign_key_check's fkid, or -1 */
} PfOrphanQuery;

void           _pf_orphan_query_free           (PfOrphanQuery  *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfOrphanQuery, _pf_orphan_query_free)

/* Resolves @fk (a declared key of @schema, or an implied one when
 * @declared is FALSE) on @connection, a worker's open database. */
PfOrphanQuery *_pf_orphan_query_new            (PfDatabase     *connection,
                                                PfSchema       *schema,
                                                PfForeignKey   *fk,
                                                gboolean        declared,
                                                GCancellable   *cancellable,
                                                GError        **error);

/* The condition (on @child_alias) that a row of the child is an orphan */
char          *_pf_orphan_query_dup_predicate  (PfOrphanQuery  *query,
                                                const char     *child_alias,
                                                const char     *parent_alias);
/* The join condition between a parent row and a child row */
char          *_pf_orphan_query_dup_join       (PfOrphanQuery  *query,
                                                const char     *child_alias,
                                                const char     *parent_alias);
/* SQLite: the pieces of a statement whose FROM yields each orphan row
 * once, as @child_alias: a WITH clause (maybe ""), the FROM and the WHERE.
 * Through the walk when there is one, so no pass over the child table. */
void           _pf_orphan_query_dup_orphan_rows (PfOrphanQuery *query,
                                                 const char    *child_alias,
                                                 char         **with_sql,
                                                 char         **from_sql,
                                                 char         **where_sql);
/* SQLite, when child_lookup: child.col = parent.col COLLATE X, a term the
 * child's index serves, true exactly when the key's own join is */
char          *_pf_orphan_query_dup_child_lookup (PfOrphanQuery *query,
                                                  const char    *child_alias,
                                                  const char    *parent_alias);
/* The statement that counts orphans and their distinct values (one row per
 * distinct value: the values then the count; PostgreSQL adds the total and
 * keeps the top PF_ORPHAN_MAX_VALUES). */
char          *_pf_orphan_query_dup_values_sql (PfOrphanQuery  *query);
/* The statement that lists up to PF_ORPHAN_MAX_SAMPLES sample rows: keys,
 * then values. SQLite walk: the rows of one orphan value (?1), at most ?2
 * of them. NULL for a SQLite anti-join, whose values statement also yields
 * the samples (one pass over the child). */
char          *_pf_orphan_query_dup_samples_sql (PfOrphanQuery *query);

/* Runs both statements and fills @finding's count, values and samples;
 * memory stays bounded whatever the number of orphans. */
gboolean       _pf_orphan_query_run            (PfOrphanQuery  *query,
                                                PfDatabase     *connection,
                                                PfFinding      *finding,
                                                GCancellable   *cancellable,
                                                GError        **error);

G_END_DECLS
