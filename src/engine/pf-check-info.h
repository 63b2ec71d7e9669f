/* pf-check-info.h — what each kind of check is called, and who fixes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-schema.h"

G_BEGIN_DECLS

/* For a check id (PF_CHECK_FK_ORPHANS, …) the words people read, all
 * translated. Unknown ids give the id itself (label) or generic words. */

/* A short plural label for a filter: "Broken links", "Duplicate values" */
const char *pf_check_info_get_label       (const char *check_id);
/* What happens if nobody fixes it, in a sentence */
const char *pf_check_info_get_consequence (const char *check_id);
/* Who usually fixes it: "The application team", "The DBA" */
const char *pf_check_info_get_fixer       (const char *check_id);

/* A table name in words: scheduling_leaveentitlement → "leave entitlement"
 * (or "leave entitlements" when @plural). The Django app prefix goes when
 * another table of @schema (may be NULL: then it always goes) shares it. */
char       *pf_check_info_dup_table_noun  (PfSchema   *schema,
                                           const char *schema_name,
                                           const char *table,
                                           gboolean    plural);

G_END_DECLS
