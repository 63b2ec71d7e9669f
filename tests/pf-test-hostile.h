/* pf-test-hostile.h — SQLite databases with hostile content, and a clean
 * one, for the report tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hostile database has table and column names that are markup, quotes,
 * pipes, backticks, Polish, Greek, Arabic, CJK and 120 characters long, and
 * declared foreign keys whose orphaned values are script tags, attribute
 * breakers, Markdown table breakers and non-Latin codes: everything a
 * report writer must escape, wrap and render. Each helper asserts on
 * failure.
 */
#pragma once

#include <glib.h>

#include "pf-report.h"

G_BEGIN_DECLS

/* A table name of 120 characters */
#define PF_TEST_HOSTILE_LONG_NAME \
  "a_table_name_that_goes_on_and_on_because_somebody_generated_it_from_a_very_long_model_paths_and_nobody_ever_shortened_it"

/* Writes a new SQLite file at @path (replacing one that is there) with the
 * hostile identifiers and values and, besides them, enough tables with
 * orphaned rows behind declared foreign keys that a scan reports at least
 * @n_findings fk-orphans blockers (each with its own count, 1 to 7 rows).
 * One transaction: 2,000 findings take well under a second. Returns the
 * number of fk-orphans findings planted: MAX (@n_findings, the hostile
 * ones alone). The extra ones are the columns parent_code_00…39 of tables
 * orphans_001, orphans_002, …: 40 foreign keys a table, so that scanning
 * 2,000 findings takes seconds, not half a minute. */
guint               pf_test_hostile_write       (const char *path,
                                                 guint       n_findings);

/* The hostile identifiers (table and column names) and orphaned values
 * planted, NULL-terminated */
const char * const *pf_test_hostile_get_identifiers (void);
const char * const *pf_test_hostile_get_values      (void);
/* One planted value or identifier per script, for reading text back:
 * Polish, Greek, Arabic, CJK, NULL-terminated */
const char * const *pf_test_hostile_get_scripts     (void);

/* Writes a new SQLite file at @path whose foreign keys all hold: a scan
 * finds nothing to report */
void                pf_test_clean_write         (const char *path);

/* Opens @path, introspects it and runs a full PfScan on it (iterating
 * the thread-default main context until it finishes); the report */
PfReport           *pf_test_scan_file           (const char *path);

G_END_DECLS
