/* pf-test-files.h — temporary folders, files, SQLite copies and checklist runs
 * for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each helper asserts on failure, so a test reads as what it checks. The
 * checksum and size are computed here from the file's bytes, independently
 * of the code under test.
 */
#pragma once

#include <glib.h>

#include "pf-checklist-run.h"

G_BEGIN_DECLS

/* A new empty folder from g_dir_make_tmp() (@tmpl like "pf-thing-XXXXXX") */
char   *pf_test_make_dir      (const char *tmpl);
/* Removes @path and everything below it, not following symbolic links; a
 * plain file is unlinked, a missing path is no error */
void    pf_test_remove_dir    (const char *path);
/* The names in @dir, sorted, joined with "|" ("" for an empty folder) */
char   *pf_test_list_dir      (const char *dir);
/* How many entries @dir holds */
guint   pf_test_count_dir     (const char *dir);

/* The lower-case hex SHA-256 of the file's bytes */
char   *pf_test_file_sha256   (const char *path);
gint64  pf_test_file_size     (const char *path);

/* Writes @contents to @dir/@relative, making the folders it needs */
void    pf_test_write_file    (const char *dir,
                               const char *relative,
                               const char *contents);
/* The same, then made executable (0755) */
void    pf_test_write_script  (const char *dir,
                               const char *name,
                               const char *body);
/* Copies the folder @source to @target (made), recursively */
void    pf_test_copy_tree     (const char *source,
                               const char *target);

/* Copies the demo database (pf_demo_ensure()) to @dir/@name, making @dir
 * and replacing what is there, and returns that path: tests change their
 * copy, never the demo */
char   *pf_test_copy_demo     (const char *dir,
                               const char *name);

/* Runs @sql (several statements allowed) on the SQLite file @path, created
 * if missing; any error ends the test */
void    pf_test_sqlite_exec   (const char *path,
                               const char *sql);

/* A fresh run of the template in @template_json (any error ends the test) */
PfChecklistRun *pf_test_run_from_json (const char *template_json);

/* Runs a tool on $PATH (argv[0]); its standard output. Any failure ends
 * the test with the tool's error output. */
char   *pf_test_run_tool      (const char * const *argv);
#define pf_test_tool(...) pf_test_run_tool ((const char * const[]) { __VA_ARGS__, NULL })
/* The value after "@key:" in `pdfinfo @pdf`; ends the test when there is none */
char   *pf_test_pdfinfo_get   (const char *pdf,
                               const char *key);
/* The text of @pdf as pdftotext reads it (UTF-8) */
char   *pf_test_pdf_text      (const char *pdf);

G_END_DECLS
