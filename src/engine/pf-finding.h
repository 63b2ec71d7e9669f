/* pf-finding.h — one result of a check: what is wrong, where, how bad, how to fix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pf-foreign-key.h"

G_BEGIN_DECLS

typedef enum {
  PF_SEVERITY_INFO,
  PF_SEVERITY_WARNING,
  PF_SEVERITY_BLOCKER,
} PfSeverity;

GType       pf_severity_get_type  (void) G_GNUC_CONST;
#define PF_TYPE_SEVERITY (pf_severity_get_type ())
/* "info", "warning", "blocker" as in preflight-report/1 */
const char *pf_severity_to_string (PfSeverity severity);
/* "Blockers", "Warnings", "Information": translated, over a list of
 * findings grouped by severity */
const char *pf_severity_to_heading (PfSeverity severity);
/* "Blocker", "Warning", "Information": translated, for one finding */
const char *pf_severity_to_label   (PfSeverity severity);

/* One distinct offending value and how many rows hold it. For composite keys
 * the value is the columns' values joined with ", ". */
typedef struct
{
  char   *value;
  gint64  count;
} PfValueCount;

/* One sample row: how to find it (primary key or rowid) and the offending
 * values. Parallel arrays: key_columns[i] = key_values[i]. A NULL value is
 * stored as NULL inside the vector's bounds, so use the n_* fields. */
typedef struct
{
  guint   n_keys;
  char  **key_columns;
  char  **key_values;
  guint   n_values;
  char  **value_columns;
  char  **values;
} PfSampleRow;

/* Rows in another table that hang from the offending rows, found by
 * following declared foreign keys from them (transitively). */
typedef struct
{
  char               *table_schema;  /* NULL on SQLite */
  char               *table;
  GStrv               columns;       /* the referencing columns */
  gint64              rows;
  PfForeignKeyAction  on_delete;     /* what deleting the parents would do here */
  guint               depth;         /* 1 = references the offending rows directly */
} PfCascadeStep;

void pf_value_count_free  (PfValueCount  *value_count);
void pf_sample_row_free   (PfSampleRow   *sample);
void pf_cascade_step_free (PfCascadeStep *step);

#define PF_TYPE_FINDING (pf_finding_get_type ())
G_DECLARE_FINAL_TYPE (PfFinding, pf_finding, PF, FINDING, GObject)

/* Properties (read-only, for list views): "check-id", "severity", "title",
 * "table-display-name", "count", "declared", "failed". */

PfFinding   *pf_finding_new                 (const char   *check_id,
                                             PfSeverity    severity);
/* A check that could not run ("Could not check scheduling_shift: permission
 * denied"): severity warning, failed = TRUE, the reason in "error". */
PfFinding   *pf_finding_new_failed          (const char   *check_id,
                                             const char   *subject,
                                             const GError *error);

const char  *pf_finding_get_check_id        (PfFinding    *self);
PfSeverity   pf_finding_get_severity        (PfFinding    *self);
void         pf_finding_set_severity        (PfFinding    *self,
                                             PfSeverity    severity);
gboolean     pf_finding_get_failed          (PfFinding    *self);
const char  *pf_finding_get_error           (PfFinding    *self);
/* Set by pf_finding_new_failed(); setting one marks the finding failed */
void         pf_finding_set_error           (PfFinding    *self,
                                             const char   *error);

/* Subject. Schemas are NULL on SQLite. */
const char  *pf_finding_get_table_schema    (PfFinding    *self);
const char  *pf_finding_get_table           (PfFinding    *self);
/* "table" or "schema.table" (public omitted), for people */
const char  *pf_finding_get_table_display_name (PfFinding *self);
void         pf_finding_set_table           (PfFinding    *self,
                                             const char   *schema,
                                             const char   *table);
const char * const *pf_finding_get_columns  (PfFinding    *self);
void         pf_finding_set_columns         (PfFinding    *self,
                                             const char * const *columns);
const char  *pf_finding_get_parent_schema   (PfFinding    *self);
const char  *pf_finding_get_parent_table    (PfFinding    *self);
void         pf_finding_set_parent_table    (PfFinding    *self,
                                             const char   *schema,
                                             const char   *table);
const char * const *pf_finding_get_parent_columns (PfFinding *self);
void         pf_finding_set_parent_columns  (PfFinding    *self,
                                             const char * const *columns);
const char  *pf_finding_get_constraint      (PfFinding    *self);
void         pf_finding_set_constraint      (PfFinding    *self,
                                             const char   *constraint_name);
/* FALSE for implied (undeclared) relationships and rule-based ones */
gboolean     pf_finding_get_declared        (PfFinding    *self);
void         pf_finding_set_declared        (PfFinding    *self,
                                             gboolean      declared);

/* How many rows (or objects) are affected; -1 when not a count */
gint64       pf_finding_get_count           (PfFinding    *self);
void         pf_finding_set_count           (PfFinding    *self,
                                             gint64        count);

/* Words: a title a manager understands ("2 supervision records point at
 * users that do not exist"), an explanation (why it matters, plain), and the
 * technical detail for the DBA. */
const char  *pf_finding_get_title           (PfFinding    *self);
void         pf_finding_set_title           (PfFinding    *self,
                                             const char   *title);
const char  *pf_finding_get_explanation     (PfFinding    *self);
void         pf_finding_set_explanation     (PfFinding    *self,
                                             const char   *explanation);
const char  *pf_finding_get_detail          (PfFinding    *self);
void         pf_finding_set_detail          (PfFinding    *self,
                                             const char   *detail);
/* A script to review, never executed by Preflight; NULL when none */
const char  *pf_finding_get_fix_sql         (PfFinding    *self);
void         pf_finding_set_fix_sql         (PfFinding    *self,
                                             const char   *fix_sql);

/* Bounded lists (the checks cap them: 20 values, 100 samples). */
GPtrArray   *pf_finding_get_values          (PfFinding    *self); /* of PfValueCount */
void         pf_finding_add_value           (PfFinding    *self,
                                             const char   *value,
                                             gint64        count);
GPtrArray   *pf_finding_get_samples         (PfFinding    *self); /* of PfSampleRow */
/* Takes copies. */
void         pf_finding_add_sample          (PfFinding    *self,
                                             guint         n_keys,
                                             const char * const *key_columns,
                                             const char * const *key_values,
                                             guint         n_values,
                                             const char * const *value_columns,
                                             const char * const *values);
GPtrArray   *pf_finding_get_cascade         (PfFinding    *self); /* of PfCascadeStep */
void         pf_finding_add_cascade_step    (PfFinding    *self,
                                             const char   *table_schema,
                                             const char   *table,
                                             const char * const *columns,
                                             gint64        rows,
                                             PfForeignKeyAction on_delete,
                                             guint         depth);
/* Sum of the cascade steps' rows */
gint64       pf_finding_get_cascade_rows    (PfFinding    *self);

/* Where, for people: "table.column → parent.column", "schema.table.(a, b)
 * → parent.(x, y)" or just "table" ("public." omitted); NULL when the
 * finding has no table. Names are as the database spells them: a writer
 * escapes them for its format. */
char        *pf_finding_dup_subject         (PfFinding    *self);

G_END_DECLS
