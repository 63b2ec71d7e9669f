/* test-sqlite-data-checks.c — the data checks on real SQLite files, each
 * compared with what SQLite itself says
 *
 * Copyright 2026 The Preflight authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-checks.h"
#include "pf-engine.h"
#include "pf-finding.h"
#include "pf-rules.h"
#include "pf-scan-job.h"
#include "pf-sqlite-regexp.h"

#define USERS "users \"x\"; drop"
#define USERS_Q "\"users \"\"x\"\"; drop\""

/* Hostile names everywhere: quotes, semicolons, spaces, keywords,
 * non-ASCII. "sap" is first declared INTEGER so 10000 and 100003 are
 * stored as integers, then (below) re-declared varchar(6) through
 * writable_schema, as legacy tools did: integers in a TEXT key. */
static const char *schema_sql =
  "CREATE TABLE " USERS_Q " (\"sap\" int6 PRIMARY KEY, \"e-mail\" TEXT, \"order\" INTEGER);"
  "INSERT INTO " USERS_Q " VALUES (10000, 'a@x', 1), ('100003', 'b@x', 2);";

static const char *data_sql =
  "INSERT INTO " USERS_Q " VALUES ('100001', 'c@x', 3), ('100002', 'c@x', 4),"
  "  ('ADMIN001', 'admin@x', 'first'), ('100004 ', 'd@x', NULL), ('100005', 'c@x', 5),"
  "  ('100006', NULL, 6), ('100007', NULL, 7), ('100008', 'e@x', X'00ff'), ('100009', 'e@x', 2.5);"
  "CREATE TABLE \"shift log\" (\"id\" INTEGER PRIMARY KEY, \"timestamp\" TEXT,"
  "  \"user sap\" varchar(6) REFERENCES " USERS_Q " (\"sap\"), \"naïve\" TEXT);"
  "INSERT INTO \"shift log\" (\"timestamp\", \"user sap\", \"naïve\") VALUES"
  "  ('2024-01-01', '100001', 'x'), (NULL, 'ADMIN001', 'y'), ('2024-01-02', '100004 ', NULL),"
  "  (NULL, NULL, 'z'), ('2024-01-03', 100002, 'w'), ('2024-01-04', X'31', 'v');"
  /* No primary key; a unique NOT NULL candidate */
  "CREATE TABLE \"order\" (\"code\" INTEGER NOT NULL UNIQUE,"
  "  \"who\" TEXT REFERENCES " USERS_Q ");"
  "INSERT INTO \"order\" VALUES (1, '100001'), (2, 'ADMIN001'), (3, NULL);"
  "CREATE TABLE \"plain\" (a, b);"
  "INSERT INTO \"plain\" VALUES (1, 2);"
  "CREATE INDEX \"log by when\" ON \"shift log\" (\"timestamp\", \"naïve\");";

typedef struct
{
  char       *dir;
  char       *path;
  PfDatabase *database;
  PfSchema   *schema;
} Fixture;

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *errmsg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("%s: %s", sql, errmsg);
}

static void
build_file (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, schema_sql);
  exec_or_die (db, "PRAGMA writable_schema = ON;"
                   "UPDATE sqlite_master SET sql = replace(sql, '\"sap\" int6', '\"sap\" varchar(6)')"
                   " WHERE name = 'users \"x\"; drop';"
                   "PRAGMA writable_schema = OFF;");
  sqlite3_close (db);

  /* Reopen so the new declaration (TEXT affinity) is in force */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, data_sql);
  sqlite3_close (db);
}

static PfDatabase *
open_database (const char  *path,
               PfSchema   **schema)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfDatabase) database = pf_database_new_for_target (path, &error);

  g_assert_no_error (error);
  pf_database_open (database, NULL, &error);
  g_assert_no_error (error);
  *schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&database);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("pf-data-checks-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "rota.db", NULL);
  build_file (fixture->path);
  fixture->database = open_database (fixture->path, &fixture->schema);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_clear_object (&fixture->schema);
  g_clear_object (&fixture->database);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Plans the data checks and runs those with @check_id (NULL: all) the way a
 * scan worker would, on @database's own connection */
static GPtrArray *
run_checks (PfDatabase *database,
            PfSchema   *schema,
            PfRules    *rules,
            const char *check_id)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) pf_scan_job_unref);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);

  pf_data_checks_plan (database, schema, rules, jobs);
  for (guint i = 0; i < jobs->len; i++)
    {
      PfScanJob *job = g_ptr_array_index (jobs, i);
      g_autoptr(GError) error = NULL;

      if (check_id != NULL && g_strcmp0 (job->check_id, check_id) != 0)
        continue;
      g_assert_nonnull (job->subject);
      g_assert_nonnull (job->message);
      g_assert_true (job->func (job, database, findings, NULL, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < findings->len; i++)
    {
      PfFinding *finding = g_ptr_array_index (findings, i);

      g_assert_false (pf_finding_get_failed (finding));
      g_assert_nonnull (pf_finding_get_title (finding));
      g_assert_nonnull (pf_finding_get_explanation (finding));
      g_assert_nonnull (pf_finding_get_detail (finding));
      g_assert_cmpuint (pf_finding_get_values (finding)->len, <=, 20);
      g_assert_cmpuint (pf_finding_get_samples (finding)->len, <=, 100);
      g_test_message ("%s [%s] %s", pf_finding_get_check_id (finding),
                      pf_severity_to_string (pf_finding_get_severity (finding)),
                      pf_finding_get_title (finding));
    }

  return g_steal_pointer (&findings);
}

static PfFinding *
find (GPtrArray  *findings,
      const char *check_id,
      const char *table,
      const char *column)
{
  for (guint i = 0; i < findings->len; i++)
    {
      PfFinding *finding = g_ptr_array_index (findings, i);
      const char * const *columns = pf_finding_get_columns (finding);

      if (g_strcmp0 (pf_finding_get_check_id (finding), check_id) == 0
          && g_strcmp0 (pf_finding_get_table (finding), table) == 0
          && (column == NULL || (columns != NULL && g_strcmp0 (columns[0], column) == 0)))
        return finding;
    }

  return NULL;
}

static guint
count_check (GPtrArray  *findings,
             const char *check_id)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += g_strcmp0 (pf_finding_get_check_id (g_ptr_array_index (findings, i)), check_id) == 0;

  return n;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* ---- tests ------------------------------------------------------------ */

static void
test_plan (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) pf_scan_job_unref);
  guint integrity = 0, types = 0;

  pf_data_checks_plan (fixture->database, fixture->schema, NULL, jobs);
  for (guint i = 0; i < jobs->len; i++)
    {
      PfScanJob *job = g_ptr_array_index (jobs, i);

      /* PostgreSQL-only checks are never planned for SQLite */
      g_assert_cmpstr (job->check_id, !=, PF_CHECK_SEQUENCE_BEHIND);
      g_assert_cmpstr (job->check_id, !=, PF_CHECK_INVALID_INDEX);
      g_assert_cmpstr (job->check_id, !=, PF_CHECK_FK_TRIGGER_DISABLED);
      g_assert_cmpfloat (job->weight, >=, 1.0);
      integrity += g_str_equal (job->check_id, PF_CHECK_SQLITE_INTEGRITY);
      types += g_str_equal (job->check_id, PF_CHECK_TYPE_MISMATCH);
    }
  g_assert_cmpuint (integrity, ==, 1);
  /* users, shift log, order have key columns with an affinity */
  g_assert_cmpuint (types, ==, 3);
}

static void
test_no_primary_key (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = run_checks (fixture->database, fixture->schema, NULL,
                                              PF_CHECK_NO_PRIMARY_KEY);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint expected = 0;
  PfFinding *order;

  /* SQLite's own view: tables with no pk column in table_info */
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT m.name FROM sqlite_master m WHERE m.type = 'table'"
                                       " AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                                       " AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE pk > 0)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PfFinding *finding = find (findings, PF_CHECK_NO_PRIMARY_KEY,
                                 (const char *) sqlite3_column_text (stmt, 0), NULL);

      g_assert_nonnull (finding);
      g_assert_cmpint (pf_finding_get_severity (finding), ==, PF_SEVERITY_WARNING);
      expected++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpuint (expected, ==, 2);
  g_assert_cmpuint (findings->len, ==, expected);

  order = find (findings, PF_CHECK_NO_PRIMARY_KEY, "order", NULL);
  g_assert_nonnull (strstr (pf_finding_get_explanation (order), "Django"));
  /* The unique NOT NULL column is offered as the key */
  g_assert_nonnull (strstr (pf_finding_get_fix_sql (order), "PRIMARY KEY (\"code\")"));
  g_assert_cmpint (pf_finding_get_count (order), ==, 3);
}

/* type-mismatch against SELECT typeof(col), count(*) … GROUP BY 1 */
static void
check_types_against_sqlite (sqlite3    *db,
                            GPtrArray  *findings,
                            const char *table,
                            const char *column,
                            const char *bad_classes)
{
  g_autofree char *qt = pf_sql_quote_identifier (table);
  g_autofree char *qc = pf_sql_quote_identifier (column);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE typeof(%s) IN (%s)",
                                          qt, qc, bad_classes);
  g_autofree char *groups = g_strdup_printf ("SELECT typeof(%s), count(*) FROM %s GROUP BY 1", qc, qt);
  gint64 expected = query_int (db, sql);
  PfFinding *finding = find (findings, PF_CHECK_TYPE_MISMATCH, table, column);
  sqlite3_stmt *stmt = NULL;
  gint64 total = 0;

  if (expected == 0)
    {
      g_assert_null (finding);
      return;
    }

  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, expected);
  g_assert_cmpint (pf_finding_get_severity (finding), ==, PF_SEVERITY_WARNING);

  /* Every class SQLite reports appears in the detail with its count */
  g_assert_cmpint (sqlite3_prepare_v2 (db, groups, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *line = NULL;

      if (sqlite3_column_type (stmt, 0) == SQLITE_TEXT && g_str_equal (sqlite3_column_text (stmt, 0), "null"))
        continue;
      line = g_strdup_printf ("%s: %" G_GINT64_FORMAT, sqlite3_column_text (stmt, 0),
                              (gint64) sqlite3_column_int64 (stmt, 1));
      g_assert_nonnull (strstr (pf_finding_get_detail (finding), line));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < pf_finding_get_values (finding)->len; i++)
    total += ((PfValueCount *) g_ptr_array_index (pf_finding_get_values (finding), i))->count;
  g_assert_cmpint (total, ==, expected);
  g_assert_cmpuint (pf_finding_get_samples (finding)->len, ==, MIN (expected, 100));
}

static void
test_type_mismatch (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = run_checks (fixture->database, fixture->schema, NULL,
                                              PF_CHECK_TYPE_MISMATCH);
  sqlite3 *db = NULL;
  PfFinding *sap;
  gboolean saw_10000 = FALSE;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  /* The planted ones first: integers in the TEXT key */
  check_types_against_sqlite (db, findings, USERS, "sap", "'integer', 'real', 'blob'");
  check_types_against_sqlite (db, findings, "shift log", "user sap", "'integer', 'real', 'blob'");
  check_types_against_sqlite (db, findings, "order", "code", "'real', 'text', 'blob'");
  check_types_against_sqlite (db, findings, "order", "who", "'integer', 'real', 'blob'");
  /* "order" in users is no key: never looked at, though it holds a mix */
  g_assert_null (find (findings, PF_CHECK_TYPE_MISMATCH, USERS, "order"));
  g_assert_cmpuint (count_check (findings, PF_CHECK_TYPE_MISMATCH), ==, 2);

  sap = find (findings, PF_CHECK_TYPE_MISMATCH, USERS, "sap");
  for (guint i = 0; i < pf_finding_get_values (sap)->len; i++)
    {
      PfValueCount *value = g_ptr_array_index (pf_finding_get_values (sap), i);

      /* A literal: the number, not the text '10000' */
      saw_10000 |= g_str_equal (value->value, "10000");
    }
  g_assert_true (saw_10000);
  g_assert_nonnull (strstr (pf_finding_get_title (sap), "whole numbers instead of text"));
  g_assert_nonnull (strstr (pf_finding_get_fix_sql (sap), "CAST(\"sap\" AS TEXT)"));

  sqlite3_close (db);
}

/* PRAGMA quick_check(100) run here on its own connection, one line each */
static char *
quick_check_lines (const char *path)
{
  GString *lines = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA quick_check(100)", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (lines, "%s\n", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (lines, FALSE);
}

/* The check says exactly what the pragma says, and leaves the file alone */
static void
assert_integrity_matches_pragma (const char *path,
                                 gboolean    expect_damage)
{
  g_autofree char *expected = quick_check_lines (path);
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  PfFinding *finding;
  gint64 lines = 0;

  database = open_database (path, &schema);
  findings = run_checks (database, schema, NULL, PF_CHECK_SQLITE_INTEGRITY);
  pf_database_close (database);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (!g_str_equal (expected, "ok\n"), ==, expect_damage);
  if (!expect_damage)
    {
      g_assert_cmpuint (findings->len, ==, 0);
      return;
    }

  g_assert_cmpuint (findings->len, ==, 1);
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpint (pf_finding_get_severity (finding), ==, PF_SEVERITY_BLOCKER);
  /* The same lines, in the same order */
  g_assert_nonnull (strstr (pf_finding_get_detail (finding), expected));
  {
    g_auto(GStrv) parts = g_strsplit (expected, "\n", -1);

    for (guint i = 0; parts[i] != NULL; i++)
      lines += parts[i][0] != '\0' && !g_str_has_prefix (parts[i], "*** ");
  }
  g_assert_cmpint (pf_finding_get_count (finding), ==, lines);
  g_assert_nonnull (pf_finding_get_fix_sql (finding));
}

static void
test_integrity (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *healthy = g_build_filename (fixture->dir, "healthy.db", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "damaged.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *db = NULL;
  gint64 page_size, root;

  /* The fixture's integers in a TEXT column are themselves something
   * quick_check reports ("NUMERIC value in …") */
  assert_integrity_matches_pragma (fixture->path, TRUE);

  /* A healthy file with enough index rows for the index to span pages */
  g_assert_cmpint (sqlite3_open (healthy, &db), ==, SQLITE_OK);
  exec_or_die (db, "CREATE TABLE \"shift log\" (\"id\" INTEGER PRIMARY KEY, \"timestamp\" TEXT, \"naïve\" TEXT);"
                   "CREATE INDEX \"log by when\" ON \"shift log\" (\"timestamp\", \"naïve\");"
                   "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                   " INSERT INTO \"shift log\" (\"timestamp\", \"naïve\") SELECT printf('2020-%06d', i), 'n' FROM n;");
  page_size = query_int (db, "PRAGMA page_size");
  root = query_int (db, "SELECT rootpage FROM sqlite_master WHERE name = 'log by when'");
  sqlite3_close (db);
  assert_integrity_matches_pragma (healthy, FALSE);

  /* Overwrite the middle of the index's root page: cell pointers and keys */
  g_assert_true (g_file_get_contents (healthy, &contents, &length, NULL));
  g_assert_cmpint (root * page_size, <=, (gint64) length);
  memset (contents + (root - 1) * page_size + 8, 0x5a, page_size / 2);
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  assert_integrity_matches_pragma (copy, TRUE);
}

static void
test_regexp_function (void)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (pf_sqlite_register_regexp (db, &error));
  g_assert_no_error (error);

  /* NULL in, NULL out: a format rule never judges NULL */
  g_assert_cmpint (query_int (db, "SELECT regexp('^x$', NULL) IS NULL"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT regexp(NULL, 'x') IS NULL"), ==, 1);
  /* Numbers are matched in their text form */
  g_assert_cmpint (query_int (db, "SELECT regexp('^[0-9]{6}$', 123456)"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT regexp('^[0-9]{6}$', 10000)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT regexp('^[0-9]+\\.5$', 2.5)"), ==, 1);
  /* $ is the very end, as in PostgreSQL */
  g_assert_cmpint (query_int (db, "SELECT regexp('^[0-9]{6}$', '123456' || char(10))"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT regexp('^[0-9]{6}$', '123456 ')"), ==, 0);
  /* The operator form and non-ASCII text */
  g_assert_cmpint (query_int (db, "SELECT 'naïve' REGEXP '^na.ve$'"), ==, 1);
  /* Invalid UTF-8 never matches; valid bytes match as text */
  g_assert_cmpint (query_int (db, "SELECT regexp('.', X'ff')"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT regexp('^1$', X'31')"), ==, 1);
  /* Cached per statement across rows */
  g_assert_cmpint (query_int (db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
                                  " SELECT sum(regexp('^[0-9]*5$', i)) FROM n"), ==, 100);

  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT regexp('[', 'x')", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ERROR);
    sqlite3_finalize (stmt);
  }

  sqlite3_close (db);
}

/* The number of non-NULL values of @column in @table that @pattern does
 * not match, judged row by row here with GRegex */
static gint64
count_format_violations (sqlite3    *db,
                         const char *table,
                         const char *column,
                         const char *pattern)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_DOLLAR_ENDONLY, 0, NULL);
  g_autofree char *qt = pf_sql_quote_identifier (table);
  g_autofree char *qc = pf_sql_quote_identifier (column);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s", qc, qt);
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      int bytes = sqlite3_column_bytes (stmt, 0);

      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        continue;
      if (!g_utf8_validate (text, bytes, NULL) || !g_regex_match (regex, text, 0, NULL))
        n++;
    }
  sqlite3_finalize (stmt);

  return n;
}

static void
test_rules (Fixture       *fixture,
            gconstpointer  data)
{
  const char *json =
    "{\"schema\": \"preflight-rules/1\","
    " \"unique\": [{\"table\": \"users \\\"x\\\"; drop\", \"columns\": [\"e-mail\"]},"
    "             {\"table\": \"order\", \"columns\": [\"code\"]},"
    "             {\"table\": \"ghosts\", \"columns\": [\"id\"]}],"
    " \"format\": [{\"table\": \"users \\\"x\\\"; drop\", \"column\": \"sap\","
    "              \"pattern\": \"^[0-9]{6}$\", \"include_references\": true},"
    "             {\"table\": \"shift log\", \"column\": \"naïve\", \"pattern\": \"^[a-y]$\"}],"
    " \"not_null\": [{\"table\": \"shift log\", \"column\": \"timestamp\"},"
    "               {\"table\": \"shift log\", \"column\": \"no such column\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(PfRules) rules = pf_rules_new_from_data (json, -1, &error);
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *before = file_checksum (fixture->path);
  g_autofree char *after = NULL;
  sqlite3 *db = NULL;
  PfFinding *finding;
  gint64 groups, rows;

  g_assert_no_error (error);
  findings = run_checks (fixture->database, fixture->schema, rules, NULL);
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  /* duplicate-values = GROUP BY … HAVING count(*) > 1 (NULLs never clash) */
  groups = query_int (db, "SELECT count(*) FROM (SELECT 1 FROM " USERS_Q " WHERE \"e-mail\" IS NOT NULL"
                          " GROUP BY \"e-mail\" HAVING count(*) > 1)");
  rows = query_int (db, "SELECT sum(n) FROM (SELECT count(*) AS n FROM " USERS_Q " WHERE \"e-mail\" IS NOT NULL"
                        " GROUP BY \"e-mail\" HAVING count(*) > 1)");
  g_assert_cmpint (groups, ==, 2);
  finding = find (findings, PF_CHECK_DUPLICATE_VALUES, USERS, "e-mail");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, rows);
  g_assert_cmpuint (pf_finding_get_values (finding)->len, ==, groups);
  g_assert_cmpstr (((PfValueCount *) g_ptr_array_index (pf_finding_get_values (finding), 0))->value, ==, "c@x");
  g_assert_cmpint (((PfValueCount *) g_ptr_array_index (pf_finding_get_values (finding), 0))->count, ==, 3);
  g_assert_cmpuint (pf_finding_get_samples (finding)->len, ==, rows);
  g_assert_cmpstr (((PfSampleRow *) g_ptr_array_index (pf_finding_get_samples (finding), 0))->key_columns[0], ==, "sap");
  g_assert_nonnull (strstr (pf_finding_get_title (finding), "share e-mail values that must be unique"));
  g_assert_null (find (findings, PF_CHECK_DUPLICATE_VALUES, "order", NULL));

  /* format-rule: the key and every column referencing it, each equal to
   * GRegex judging every row by hand */
  {
    static const char * const targets[][2] = {
      { USERS, "sap" }, { "shift log", "user sap" }, { "order", "who" }, { "shift log", "naïve" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
      {
        const char *pattern = i < 3 ? "^[0-9]{6}$" : "^[a-y]$";
        gint64 expected = count_format_violations (db, targets[i][0], targets[i][1], pattern);

        finding = find (findings, PF_CHECK_FORMAT_RULE, targets[i][0], targets[i][1]);
        g_assert_cmpint (expected, >, 0);
        g_assert_nonnull (finding);
        g_assert_cmpint (pf_finding_get_count (finding), ==, expected);
        g_assert_cmpuint (pf_finding_get_samples (finding)->len, ==, expected);
      }
  }
  /* The referencing column names its key and the constraint is declared */
  finding = find (findings, PF_CHECK_FORMAT_RULE, "shift log", "user sap");
  g_assert_cmpstr (pf_finding_get_parent_table (finding), ==, USERS);
  g_assert_cmpstr (pf_finding_get_parent_columns (finding)[0], ==, "sap");
  g_assert_true (pf_finding_get_declared (finding));
  /* ADMIN001, '100004 ', 10000; the trailing space is offered a trim */
  finding = find (findings, PF_CHECK_FORMAT_RULE, USERS, "sap");
  g_assert_cmpint (pf_finding_get_count (finding), ==, 3);
  g_assert_nonnull (strstr (pf_finding_get_fix_sql (finding), "trim("));

  /* not-null-rule = count(*) WHERE col IS NULL */
  finding = find (findings, PF_CHECK_NOT_NULL_RULE, "shift log", "timestamp");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==,
                   query_int (db, "SELECT count(*) FROM \"shift log\" WHERE \"timestamp\" IS NULL"));
  g_assert_cmpuint (pf_finding_get_samples (finding)->len, ==, 2);

  /* Rules naming what does not exist: findings, not errors */
  {
    guint missing = 0;

    for (guint i = 0; i < findings->len; i++)
      {
        PfFinding *f = g_ptr_array_index (findings, i);

        if (strstr (pf_finding_get_title (f), "which does not exist") != NULL)
          {
            g_assert_cmpint (pf_finding_get_severity (f), ==, PF_SEVERITY_WARNING);
            missing++;
          }
      }
    g_assert_cmpuint (missing, ==, 2);
  }

  sqlite3_close (db);
  pf_database_close (fixture->database);
  after = file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_demo (void)
{
  const char *json =
    "{\"schema\": \"preflight-rules/1\","
    " \"format\": [{\"table\": \"scheduling_user\", \"column\": \"sap\","
    "              \"pattern\": \"^[0-9]{6}$\", \"include_references\": true}],"
    " \"unique\": [{\"table\": \"scheduling_user\", \"columns\": [\"email\"]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(PfRules) rules = pf_rules_new_from_data (json, -1, &error);
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  sqlite3 *db = NULL;
  PfFinding *finding;
  gboolean saw_admin = FALSE;

  g_assert_no_error (error);
  before = file_checksum (path);
  database = open_database (path, &schema);
  findings = run_checks (database, schema, rules, NULL);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  /* A healthy file, as quick_check says; every table has a primary key */
  g_assert_cmpuint (count_check (findings, PF_CHECK_SQLITE_INTEGRITY), ==, 0);
  {
    g_autofree char *verdict = quick_check_lines (path);

    g_assert_cmpstr (verdict, ==, "ok\n");
  }
  g_assert_cmpuint (count_check (findings, PF_CHECK_NO_PRIMARY_KEY), ==,
                    query_int (db, "SELECT count(*) FROM sqlite_master m WHERE m.type = 'table'"
                                   " AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                                   " AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE pk > 0)"));
  /* varchar keys hold text only: typeof agrees */
  g_assert_cmpint (query_int (db, "SELECT (SELECT count(*) FROM scheduling_user WHERE typeof(sap) <> 'text')"
                                  " + (SELECT count(*) FROM scheduling_staffprofile WHERE typeof(user_id) <> 'text')"),
                   ==, 0);
  g_assert_cmpuint (count_check (findings, PF_CHECK_TYPE_MISMATCH), ==, 0);

  /* The planted legacy values: 30 profiles with a trailing space */
  finding = find (findings, PF_CHECK_FORMAT_RULE, "scheduling_staffprofile", "user_id");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 30);
  g_assert_cmpint (pf_finding_get_count (finding), ==,
                   count_format_violations (db, "scheduling_staffprofile", "user_id", "^[0-9]{6}$"));
  g_assert_nonnull (strstr (pf_finding_get_fix_sql (finding), "trim("));
  /* …and ADMIN001 */
  finding = find (findings, PF_CHECK_FORMAT_RULE, "scheduling_supervisionrecord", "supervisor_id");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 2);
  for (guint i = 0; i < pf_finding_get_values (finding)->len; i++)
    saw_admin |= g_str_equal (((PfValueCount *) g_ptr_array_index (pf_finding_get_values (finding), i))->value,
                              "ADMIN001");
  g_assert_true (saw_admin);
  finding = find (findings, PF_CHECK_FORMAT_RULE, "scheduling_accesslog", "user_id");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 150);
  /* The key itself is clean */
  g_assert_null (find (findings, PF_CHECK_FORMAT_RULE, "scheduling_user", "sap"));

  /* Every format finding equals GRegex over every row */
  for (guint i = 0; i < findings->len; i++)
    {
      PfFinding *f = g_ptr_array_index (findings, i);

      if (g_str_equal (pf_finding_get_check_id (f), PF_CHECK_FORMAT_RULE))
        g_assert_cmpint (pf_finding_get_count (f), ==,
                         count_format_violations (db, pf_finding_get_table (f),
                                                  pf_finding_get_columns (f)[0], "^[0-9]{6}$"));
    }

  sqlite3_close (db);
  pf_database_close (database);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/sqlite-data-checks/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("plan", test_plan);
  ADD ("no-primary-key", test_no_primary_key);
  ADD ("type-mismatch", test_type_mismatch);
  ADD ("integrity", test_integrity);
  ADD ("rules", test_rules);
  g_test_add_func ("/sqlite-data-checks/regexp-function", test_regexp_function);
  g_test_add_func ("/sqlite-data-checks/demo", test_demo);

  return g_test_run ();
}
