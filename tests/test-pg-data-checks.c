/* test-pg-data-checks.c — the data checks on a throwaway PostgreSQL
 * cluster, each proven by what the server itself then does
 *
 * Copyright 2026 The Preflight authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libpq-fe.h>

#include "pf-checks.h"
#include "pf-engine.h"
#include "pf-finding.h"
#include "pf-rules.h"
#include "pf-scan-job.h"
#include "pf-test-pg.h"

/* A hostile schema name: quotes, a semicolon, non-ASCII */
#define NS "Öffentlich \"x\"; y"
#define NSQ "\"Öffentlich \"\"x\"\"; y\""

static PfTestPg *pg;

typedef struct
{
  char       *dbname;
  PfDatabase *database;
  PfSchema   *schema;
} Fixture;

static void
exec_ok (const char *dbname,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  pf_test_pg_exec (pg, dbname, sql, &error);
  g_assert_no_error (error);
}

static void
fixture_open (Fixture    *fixture,
              const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  fixture->dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_assert_no_error (error);
  exec_ok (fixture->dbname, "CREATE SCHEMA " NSQ);
  if (sql != NULL)
    exec_ok (fixture->dbname, sql);

  url = pf_test_pg_dup_url (pg, fixture->dbname);
  fixture->database = pf_database_new_for_target (url, &error);
  g_assert_no_error (error);
  pf_database_open (fixture->database, NULL, &error);
  g_assert_no_error (error);
  fixture->schema = pf_database_introspect (fixture->database, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_clear (Fixture *fixture)
{
  g_clear_object (&fixture->schema);
  g_clear_object (&fixture->database);
  g_clear_pointer (&fixture->dbname, g_free);
}

static GPtrArray *
run_checks (Fixture    *fixture,
            PfRules    *rules,
            const char *check_id)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) pf_scan_job_unref);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);

  pf_data_checks_plan (fixture->database, fixture->schema, rules, jobs);
  for (guint i = 0; i < jobs->len; i++)
    {
      PfScanJob *job = g_ptr_array_index (jobs, i);
      g_autoptr(GError) error = NULL;

      /* SQLite-only checks are never planned here */
      g_assert_cmpstr (job->check_id, !=, PF_CHECK_SQLITE_INTEGRITY);
      g_assert_cmpstr (job->check_id, !=, PF_CHECK_TYPE_MISMATCH);
      if (check_id != NULL && g_strcmp0 (job->check_id, check_id) != 0)
        continue;
      g_assert_true (job->func (job, fixture->database, findings, NULL, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < findings->len; i++)
    {
      PfFinding *finding = g_ptr_array_index (findings, i);

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

/* Runs @sql in its own superuser session; returns the SQLSTATE, or NULL
 * when it succeeded */
static char *
try_sql (const char *dbname,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  PGconn *conn = pf_test_pg_connect (pg, dbname, &error);
  PGresult *result;
  char *state = NULL;

  g_assert_no_error (error);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    state = g_strdup (PQresultErrorField (result, PG_DIAG_SQLSTATE));
  PQclear (result);
  PQfinish (conn);

  return state;
}

static gint64
query_int (const char *dbname,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = pf_test_pg_query_string (pg, dbname, sql, &error);

  g_assert_no_error (error);
  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* ---- sequence-behind -------------------------------------------------- */

static const char sequences_sql[] =
  "SET search_path = " NSQ ";"
  /* Rows imported with their ids; the serial's sequence never used */
  "CREATE TABLE \"order\" (\"id\" serial PRIMARY KEY, \"timestamp\" timestamptz);"
  "INSERT INTO \"order\" (\"id\") VALUES (1), (2), (3), (4), (5);"
  /* Used normally: fine */
  "CREATE TABLE \"ok table\" (\"id\" serial PRIMARY KEY, \"note\" text);"
  "INSERT INTO \"ok table\" (\"note\") VALUES ('a'), ('b'), ('c');"
  /* Identity with explicit ids, then moved on by hand: fine */
  "CREATE TABLE \"identité\" (\"n°\" int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, \"x\" text);"
  "INSERT INTO \"identité\" (\"n°\") VALUES (1), (2), (3);"
  "SELECT setval(pg_get_serial_sequence('" NSQ ".\"identité\"', 'n°'), 3);"
  /* Identity behind with a gap: two more rows fit, then a clash */
  "CREATE TABLE \"gap; t\" (\"id\" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);"
  "INSERT INTO \"gap; t\" VALUES (3), (4), (5);"
  /* A descending sequence nobody owns, used through a default */
  "CREATE SEQUENCE \"down seq\" INCREMENT -1 MINVALUE -100 MAXVALUE -1 START -1;"
  "CREATE TABLE \"down\" (\"id\" bigint DEFAULT nextval('\"down seq\"') PRIMARY KEY);"
  "INSERT INTO \"down\" VALUES (-1), (-2);"
  /* Out of numbers */
  "CREATE TABLE \"full\" (\"id\" serial PRIMARY KEY);"
  "ALTER SEQUENCE \"full_id_seq\" MAXVALUE 3;"
  "INSERT INTO \"full\" DEFAULT VALUES; INSERT INTO \"full\" DEFAULT VALUES; INSERT INTO \"full\" DEFAULT VALUES;"
  /* Increment 2 from 1 never reaches the even ids: behind max, no clash */
  "CREATE TABLE \"step two\" (\"id\" serial PRIMARY KEY);"
  "ALTER SEQUENCE \"step two_id_seq\" INCREMENT 2;"
  "INSERT INTO \"step two\" VALUES (2), (4);"
  /* is_called = true at a clashing value */
  "CREATE TABLE \"called\" (\"id\" serial PRIMARY KEY);"
  "INSERT INTO \"called\" VALUES (1), (3);"
  "SELECT setval('\"called_id_seq\"', 1, true);";

static void
test_sequence_behind (void)
{
  static const struct {
    const char *table;
    const char *column;
    gint64      inserts_left;  /* -1: not flagged; -2: ran out */
  } expected[] = {
    { "order", "id", 0 },
    { "ok table", "id", -1 },
    { "identité", "n°", -1 },
    { "gap; t", "id", 2 },
    { "down", "id", 0 },
    { "full", "id", -2 },
    { "step two", "id", -1 },
    { "called", "id", 1 },
  };
  Fixture fixture = { 0 };
  g_autoptr(GPtrArray) findings = NULL;

  fixture_open (&fixture, sequences_sql);
  findings = run_checks (&fixture, NULL, PF_CHECK_SEQUENCE_BEHIND);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      PfFinding *finding = find (findings, PF_CHECK_SEQUENCE_BEHIND, expected[i].table, expected[i].column);
      g_autofree char *table = pf_sql_quote_identifier (expected[i].table);
      g_autofree char *insert = g_strdup_printf ("INSERT INTO " NSQ ".%s DEFAULT VALUES", table);

      g_test_message ("%s: %s", expected[i].table, finding ? pf_finding_get_title (finding) : "(none)");
      if (expected[i].inserts_left == -1)
        {
          g_autofree char *state = NULL;

          g_assert_null (finding);
          /* The server agrees: a new row goes in */
          state = try_sql (fixture.dbname, insert);
          g_assert_cmpstr (state, ==, NULL);
          continue;
        }

      g_assert_nonnull (finding);
      g_assert_cmpint (pf_finding_get_severity (finding), ==, PF_SEVERITY_BLOCKER);
      g_assert_cmpstr (pf_finding_get_table_schema (finding), ==, NS);
      g_assert_nonnull (pf_finding_get_fix_sql (finding));

      if (expected[i].inserts_left == -2)
        {
          g_autofree char *state = try_sql (fixture.dbname, insert);

          g_assert_nonnull (strstr (pf_finding_get_title (finding), "run out"));
          /* sequence_generator_limit_exceeded */
          g_assert_cmpstr (state, ==, "2200H");
          continue;
        }

      /* Exactly inserts_left new rows go in, and the next one clashes */
      for (gint64 k = 0; k < expected[i].inserts_left; k++)
        {
          g_autofree char *state = try_sql (fixture.dbname, insert);

          g_assert_cmpstr (state, ==, NULL);
        }
      {
        g_autofree char *state = try_sql (fixture.dbname, insert);

        g_assert_cmpstr (state, ==, "23505");
      }
      if (expected[i].inserts_left == 0)
        g_assert_nonnull (strstr (pf_finding_get_title (finding), "The next new row"));

      /* The suggested fix, run as is, makes the next insert work */
      {
        g_autofree char *fix_state = try_sql (fixture.dbname, pf_finding_get_fix_sql (finding));
        g_autofree char *state = NULL;

        g_assert_cmpstr (fix_state, ==, NULL);
        state = try_sql (fixture.dbname, insert);
        g_assert_cmpstr (state, ==, NULL);
      }
    }

  g_assert_cmpuint (findings->len, ==, 5);
  fixture_clear (&fixture);
}

/* ---- invalid-index ---------------------------------------------------- */

static void
test_invalid_index (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *state = NULL;
  g_autofree char *reindex = NULL;
  PfFinding *unique, *plain;
  const char *line;

  dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_assert_no_error (error);
  exec_ok (dbname, "CREATE SCHEMA " NSQ ";"
                   "CREATE TABLE " NSQ ".\"order\" (\"e-mail\" text, \"timestamp\" int);"
                   "INSERT INTO " NSQ ".\"order\" VALUES ('a@x', 1), ('a@x', 2), ('b@x', 5), ('b@x', 6), ('b@x', 7),"
                   "  ('c@x', 8), (NULL, 9), (NULL, 10);");
  /* Both fail and stay behind INVALID, as on a real server */
  state = try_sql (dbname, "CREATE UNIQUE INDEX CONCURRENTLY \"uniq \"\"mail\"\"\" ON " NSQ ".\"order\" (\"e-mail\")");
  g_assert_cmpstr (state, ==, "23505");
  g_clear_pointer (&state, g_free);
  state = try_sql (dbname, "CREATE INDEX CONCURRENTLY \"by; inverse\" ON " NSQ ".\"order\" ((1 / (\"timestamp\" - 5)))");
  g_assert_cmpstr (state, ==, "22012");
  g_clear_pointer (&state, g_free);
  exec_ok (dbname, "CREATE INDEX \"fine\" ON " NSQ ".\"order\" (\"timestamp\")");
  g_assert_cmpint (query_int (dbname, "SELECT count(*) FROM pg_index WHERE NOT indisvalid"), ==, 2);

  fixture.dbname = g_strdup (dbname);
  {
    g_autofree char *url = pf_test_pg_dup_url (pg, dbname);

    fixture.database = pf_database_new_for_target (url, &error);
    g_assert_no_error (error);
    pf_database_open (fixture.database, NULL, &error);
    g_assert_no_error (error);
    fixture.schema = pf_database_introspect (fixture.database, NULL, &error);
    g_assert_no_error (error);
  }
  findings = run_checks (&fixture, NULL, PF_CHECK_INVALID_INDEX);

  /* Exactly the server's invalid indexes */
  g_assert_cmpuint (findings->len, ==, 2);
  unique = g_ptr_array_index (findings, 0);
  plain = g_ptr_array_index (findings, 1);
  if (!g_str_equal (pf_finding_get_constraint (unique), "uniq \"mail\""))
    {
      PfFinding *swap = unique;

      unique = plain;
      plain = swap;
    }
  g_assert_cmpstr (pf_finding_get_constraint (unique), ==, "uniq \"mail\"");
  g_assert_cmpstr (pf_finding_get_constraint (plain), ==, "by; inverse");
  g_assert_cmpstr (pf_finding_get_table (unique), ==, "order");
  g_assert_cmpint (pf_finding_get_severity (unique), ==, PF_SEVERITY_BLOCKER);
  g_assert_cmpint (pf_finding_get_severity (plain), ==, PF_SEVERITY_WARNING);
  g_assert_cmpstr (pf_finding_get_columns (unique)[0], ==, "e-mail");
  /* The duplicates in its way, as GROUP BY … HAVING says (NULLs never clash) */
  g_assert_cmpint (pf_finding_get_count (unique), ==,
                   query_int (dbname, "SELECT sum(n) FROM (SELECT count(*) AS n FROM " NSQ ".\"order\""
                                      " WHERE \"e-mail\" IS NOT NULL GROUP BY \"e-mail\" HAVING count(*) > 1) AS d"));
  g_assert_cmpint (pf_finding_get_count (unique), ==, 5);
  g_assert_cmpuint (pf_finding_get_values (unique)->len, ==, 2);
  g_assert_nonnull (strstr (pf_finding_get_fix_sql (unique), "CREATE UNIQUE INDEX CONCURRENTLY"));

  /* The fix: once the duplicates are gone, its REINDEX line makes it valid */
  line = strstr (pf_finding_get_fix_sql (unique), "REINDEX INDEX CONCURRENTLY");
  g_assert_nonnull (line);
  reindex = g_strndup (line, strcspn (line, "\n"));
  exec_ok (dbname, "DELETE FROM " NSQ ".\"order\" WHERE \"timestamp\" IN (2, 6, 7)");
  state = try_sql (dbname, reindex);
  g_assert_cmpstr (state, ==, NULL);
  g_assert_cmpint (query_int (dbname, "SELECT count(*) FROM pg_index WHERE NOT indisvalid"), ==, 1);

  fixture_clear (&fixture);
}

/* ---- fk-trigger-disabled ---------------------------------------------- */

static void
test_fk_trigger_disabled (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *state = NULL;
  PfFinding *finding;

  fixture_open (&fixture,
                "SET search_path = " NSQ ";"
                "CREATE TABLE \"users; x\" (\"id\" int PRIMARY KEY);"
                "INSERT INTO \"users; x\" VALUES (1);"
                "CREATE TABLE \"order\" (\"id\" int PRIMARY KEY, \"user id\" int REFERENCES \"users; x\");"
                "CREATE TABLE \"timestamp\" (\"id\" int PRIMARY KEY, \"uid\" int REFERENCES \"users; x\");"
                "ALTER TABLE \"order\" DISABLE TRIGGER ALL;");
  findings = run_checks (&fixture, NULL, PF_CHECK_FK_TRIGGER_DISABLED);

  g_assert_cmpuint (findings->len, ==, 1);
  finding = find (findings, PF_CHECK_FK_TRIGGER_DISABLED, "order", "user id");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_severity (finding), ==, PF_SEVERITY_WARNING);
  g_assert_cmpstr (pf_finding_get_parent_table (finding), ==, "users; x");
  g_assert_cmpstr (pf_finding_get_parent_columns (finding)[0], ==, "id");

  /* The server agrees: an orphan goes into "order", not into "timestamp" */
  state = try_sql (fixture.dbname, "INSERT INTO " NSQ ".\"order\" VALUES (1, 42)");
  g_assert_cmpstr (state, ==, NULL);
  g_clear_pointer (&state, g_free);
  state = try_sql (fixture.dbname, "INSERT INTO " NSQ ".\"timestamp\" VALUES (1, 42)");
  g_assert_cmpstr (state, ==, "23503");
  g_clear_pointer (&state, g_free);

  /* The fix switches the checks back on */
  state = try_sql (fixture.dbname, pf_finding_get_fix_sql (finding));
  g_assert_cmpstr (state, ==, NULL);
  g_clear_pointer (&state, g_free);
  state = try_sql (fixture.dbname, "INSERT INTO " NSQ ".\"order\" VALUES (2, 43)");
  g_assert_cmpstr (state, ==, "23503");

  fixture_clear (&fixture);
}

/* ---- no-primary-key and the rules ------------------------------------- */

static gint64
count_format_violations (const char *dbname,
                         const char *sql,
                         const char *pattern)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_DOLLAR_ENDONLY, 0, NULL);
  PGconn *conn = pf_test_pg_connect (pg, dbname, &error);
  PGresult *result;
  gint64 n = 0;

  g_assert_no_error (error);
  result = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  for (int r = 0; r < PQntuples (result); r++)
    if (!PQgetisnull (result, r, 0) && !g_regex_match (regex, PQgetvalue (result, r, 0), 0, NULL))
      n++;
  PQclear (result);
  PQfinish (conn);

  return n;
}

static void
test_rules (void)
{
  const char *json =
    "{\"schema\": \"preflight-rules/1\","
    " \"unique\": [{\"table\": \"Öffentlich \\\"x\\\"; y.users\", \"columns\": [\"e-mail\"]}],"
    " \"format\": [{\"table\": \"Öffentlich \\\"x\\\"; y.users\", \"column\": \"sap\","
    "              \"pattern\": \"^[0-9]{6}$\", \"include_references\": true}],"
    " \"not_null\": [{\"table\": \"Öffentlich \\\"x\\\"; y.order\", \"column\": \"timestamp\"},"
    "               {\"table\": \"nowhere.order\", \"column\": \"x\"}],"
    " \"relationships\": [{\"columns\": \"*_by\", \"references\": \"Öffentlich \\\"x\\\"; y.users.sap\"}]}";
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PfRules) rules = pf_rules_new_from_data (json, -1, &error);
  g_autoptr(GPtrArray) findings = NULL;
  PfFinding *finding;

  g_assert_no_error (error);
  fixture_open (&fixture,
                "SET search_path = " NSQ ";"
                "CREATE TABLE \"users\" (\"sap\" varchar(8) PRIMARY KEY, \"e-mail\" text);"
                "INSERT INTO \"users\" VALUES ('100001', 'a@x'), ('100002', 'a@x'), ('ADMIN001', 'b@x'),"
                "  ('100003 ', NULL), ('100004', NULL), ('10000', 'c@x');"
                "CREATE TABLE \"order\" (\"id\" int PRIMARY KEY, \"timestamp\" date,"
                "  \"by; sap\" varchar(8) REFERENCES \"users\", \"approved_by\" varchar(8));"
                "INSERT INTO \"order\" VALUES (1, NULL, 'ADMIN001', '100001'), (2, '2024-01-01', NULL, 'ADMIN001'),"
                "  (3, NULL, '100003 ', NULL), (4, '2024-01-02', '100001', '100002');"
                "CREATE TABLE \"log\" (\"note\" text);"
                "CREATE TABLE \"kv\" (\"k\" text NOT NULL UNIQUE, \"v\" text);");
  findings = run_checks (&fixture, rules, NULL);

  /* no-primary-key = pg_constraint has no 'p' for the table */
  g_assert_nonnull (find (findings, PF_CHECK_NO_PRIMARY_KEY, "log", NULL));
  finding = find (findings, PF_CHECK_NO_PRIMARY_KEY, "kv", NULL);
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (pf_finding_get_fix_sql (finding), "ADD PRIMARY KEY (\"k\")"));
  {
    guint n = 0;

    for (guint i = 0; i < findings->len; i++)
      n += g_str_equal (pf_finding_get_check_id (g_ptr_array_index (findings, i)), PF_CHECK_NO_PRIMARY_KEY);
    g_assert_cmpint (n, ==, query_int (fixture.dbname,
                                       "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                       " WHERE c.relkind IN ('r', 'p') AND n.nspname = '" NS "'"
                                       " AND NOT EXISTS (SELECT 1 FROM pg_constraint p"
                                       "                  WHERE p.conrelid = c.oid AND p.contype = 'p')"));
  }

  /* duplicate-values = GROUP BY … HAVING */
  finding = find (findings, PF_CHECK_DUPLICATE_VALUES, "users", "e-mail");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 2);
  g_assert_cmpuint (pf_finding_get_samples (finding)->len, ==, 2);
  g_assert_cmpstr (((PfValueCount *) g_ptr_array_index (pf_finding_get_values (finding), 0))->value, ==, "a@x");

  /* format-rule: the key, the declared FK and the rule's relationship,
   * each equal to GRegex judging every row */
  finding = find (findings, PF_CHECK_FORMAT_RULE, "users", "sap");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==,
                   count_format_violations (fixture.dbname, "SELECT \"sap\" FROM " NSQ ".\"users\"", "^[0-9]{6}$"));
  g_assert_cmpint (pf_finding_get_count (finding), ==, 3);
  finding = find (findings, PF_CHECK_FORMAT_RULE, "order", "by; sap");
  g_assert_nonnull (finding);
  g_assert_true (pf_finding_get_declared (finding));
  g_assert_cmpint (pf_finding_get_count (finding), ==,
                   count_format_violations (fixture.dbname, "SELECT \"by; sap\" FROM " NSQ ".\"order\"", "^[0-9]{6}$"));
  finding = find (findings, PF_CHECK_FORMAT_RULE, "order", "approved_by");
  g_assert_nonnull (finding);
  g_assert_false (pf_finding_get_declared (finding));
  g_assert_cmpint (pf_finding_get_count (finding), ==, 1);

  /* not-null-rule = count(*) WHERE col IS NULL */
  finding = find (findings, PF_CHECK_NOT_NULL_RULE, "order", "timestamp");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==,
                   query_int (fixture.dbname, "SELECT count(*) FROM " NSQ ".\"order\" WHERE \"timestamp\" IS NULL"));
  g_assert_nonnull (strstr (pf_finding_get_fix_sql (finding), "SET NOT NULL"));

  /* A rule naming what does not exist is a finding */
  {
    gboolean missing = FALSE;

    for (guint i = 0; i < findings->len; i++)
      missing |= strstr (pf_finding_get_title (g_ptr_array_index (findings, i)), "nowhere.order.x") != NULL;
    g_assert_true (missing);
  }

  fixture_clear (&fixture);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  pg = pf_test_pg_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/pg-data-checks/sequence-behind", test_sequence_behind);
  g_test_add_func ("/pg-data-checks/invalid-index", test_invalid_index);
  g_test_add_func ("/pg-data-checks/fk-trigger-disabled", test_fk_trigger_disabled);
  g_test_add_func ("/pg-data-checks/rules", test_rules);

  ret = g_test_run ();
  pf_test_pg_stop (pg);
  return ret;
}
