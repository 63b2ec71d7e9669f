/* pf-rules.h — what the user says their data must look like (--rules FILE)
 *
 * The file is JSON ("preflight-rules/1"), documented in help/C/rules.page:
 *
 *   {
 *     "schema": "preflight-rules/1",
 *     "unique":        [ { "table": "scheduling_user", "columns": ["email"] } ],
 *     "format":        [ { "table": "scheduling_user", "column": "sap",
 *                          "pattern": "^[0-9]{6}$", "include_references": true } ],
 *     "not_null":      [ { "table": "scheduling_shift", "column": "unit_id" } ],
 *     "relationships": [ { "columns": "*_by_id", "references": "scheduling_user.sap" } ]
 *   }
 *
 * "table" may be "schema.table" on PostgreSQL. "columns" in a relationship is
 * a glob over column names (every table); matches become implied foreign keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PF_RULES_ERROR (pf_rules_error_quark ())

typedef enum {
  PF_RULES_ERROR_INVALID,  /* not JSON, wrong shape, bad regex: the message says where */
} PfRulesError;

GQuark pf_rules_error_quark (void);

typedef struct
{
  char  *table;       /* as written: "table" or "schema.table" */
  GStrv  columns;
} PfUniqueRule;

typedef struct
{
  char     *table;
  char     *column;
  char     *pattern;            /* a GRegex (PCRE) pattern */
  gboolean  include_references; /* also every FK column that references it */
} PfFormatRule;

typedef struct
{
  char *table;
  char *column;
} PfNotNullRule;

typedef struct
{
  char *columns_glob;          /* e.g. "*_by_id" */
  char *references_table;      /* e.g. "scheduling_user" */
  char *references_column;     /* e.g. "sap" */
} PfRelationshipRule;

#define PF_TYPE_RULES (pf_rules_get_type ())
G_DECLARE_FINAL_TYPE (PfRules, pf_rules, PF, RULES, GObject)

PfRules   *pf_rules_new                  (void);
PfRules   *pf_rules_new_from_file        (const char  *path,
                                          GError     **error);
PfRules   *pf_rules_new_from_data        (const char  *json,
                                          gssize       length,
                                          GError     **error);
/* Element types as named */
GPtrArray *pf_rules_get_unique           (PfRules     *self); /* PfUniqueRule */
GPtrArray *pf_rules_get_formats          (PfRules     *self); /* PfFormatRule */
GPtrArray *pf_rules_get_not_null         (PfRules     *self); /* PfNotNullRule */
GPtrArray *pf_rules_get_relationships    (PfRules     *self); /* PfRelationshipRule */
/* TRUE when there is no rule at all */
gboolean   pf_rules_is_empty             (PfRules     *self);

/* Building rules one by one (the connection editor). Each validates what it
 * is given like the file reader does and fails with PF_RULES_ERROR_INVALID
 * and a sentence a person can act on ("The pattern “^[0-9{6}$” is not a
 * valid regular expression: missing terminating ] …"). */
gboolean   pf_rules_add_unique           (PfRules     *self,
                                          const char  *table,
                                          const char * const *columns,
                                          GError     **error);
gboolean   pf_rules_add_format           (PfRules     *self,
                                          const char  *table,
                                          const char  *column,
                                          const char  *pattern,
                                          gboolean     include_references,
                                          GError     **error);
gboolean   pf_rules_add_not_null         (PfRules     *self,
                                          const char  *table,
                                          const char  *column,
                                          GError     **error);
/* @references is "table.column" */
gboolean   pf_rules_add_relationship     (PfRules     *self,
                                          const char  *columns_glob,
                                          const char  *references,
                                          GError     **error);

/* The "preflight-rules/1" document, and back (a connection profile embeds
 * it in connections.json) */
JsonNode  *pf_rules_to_json_node         (PfRules     *self);
PfRules   *pf_rules_new_from_json_node   (JsonNode    *node,
                                          GError     **error);

G_END_DECLS
