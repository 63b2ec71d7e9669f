/* test-pg-fk-checks.c — fk-orphans / fk-not-valid against what VALIDATE CONSTRAINT says
 *
 * Every constraint is created NOT VALID over rows that may break it; the
 * check runs read-only; then a superuser session runs ALTER TABLE …
 * VALIDATE CONSTRAINT, which must fail exactly when orphans were reported,
 * and succeed after the suggested fix script has run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pg-fk-checks"

#include "config.h"

#include <string.h>

#include "pf-checks.h"
#include "pf-engine.h"
#include "pf-test-pg.h"

static PfTestPg *pg;

static const char fixture[] =
  "CREATE SCHEMA \"Sché ma\";"
  /* composite, MATCH SIMPLE and MATCH FULL */
  "CREATE TABLE \"Sché ma\".\"order\" (a int, b text, PRIMARY KEY (a, b));"
  "INSERT INTO \"Sché ma\".\"order\" VALUES (1, 'x'), (2, 'y');"
  "CREATE TABLE \"Sché ma\".\"line; item\" (id int PRIMARY KEY, \"tïmestamp\" int, \"b\"\"q\" text);"
  "INSERT INTO \"Sché ma\".\"line; item\" VALUES (1, 1, 'x'), (2, 1, 'y'), (3, NULL, 'zz'), (4, 3, NULL), (5, 2, 'y');"
  "ALTER TABLE \"Sché ma\".\"line; item\" ADD CONSTRAINT \"simple; fk\" FOREIGN KEY (\"tïmestamp\", \"b\"\"q\")"
  "  REFERENCES \"Sché ma\".\"order\" (a, b) NOT VALID;"
  "CREATE TABLE full_child (id int PRIMARY KEY, a int, b text);"
  "INSERT INTO full_child VALUES (1, 1, 'x'), (2, NULL, 'x'), (3, NULL, NULL), (4, 2, NULL);"
  "ALTER TABLE full_child ADD CONSTRAINT full_fk FOREIGN KEY (a, b) REFERENCES \"Sché ma\".\"order\" (a, b)"
  "  MATCH FULL NOT VALID;"
  /* numeric parent, integer child: a cross-type operator */
  "CREATE TABLE price (amount numeric PRIMARY KEY);"
  "INSERT INTO price VALUES (1.0), (2.5), (3);"
  "CREATE TABLE sale (id int PRIMARY KEY, amount int);"
  "CREATE INDEX ON sale (amount);"
  "INSERT INTO sale VALUES (1, 1), (2, 3), (3, 4), (4, 4), (5, NULL);"
  "ALTER TABLE sale ADD CONSTRAINT sale_fk FOREIGN KEY (amount) REFERENCES price NOT VALID;"
  /* bigint child, int parent, indexed: the loose index scan */
  "CREATE TABLE \"user\" (id int PRIMARY KEY);"
  "INSERT INTO \"user\" SELECT g FROM generate_series (1, 100) g;"
  "CREATE TABLE visit (id int PRIMARY KEY, user_id bigint);"
  "CREATE INDEX ON visit (user_id);"
  "INSERT INTO visit SELECT g, CASE WHEN g % 50 = 0 THEN 1000 + g % 3 ELSE g % 100 + 1 END FROM generate_series (1, 2000) g;"
  "ALTER TABLE visit ADD CONSTRAINT visit_fk FOREIGN KEY (user_id) REFERENCES \"user\" NOT VALID;"
  /* partitioned child and parent */
  "CREATE TABLE unit (id int PRIMARY KEY) PARTITION BY RANGE (id);"
  "CREATE TABLE unit_low PARTITION OF unit FOR VALUES FROM (0) TO (100);"
  "CREATE TABLE unit_high PARTITION OF unit FOR VALUES FROM (100) TO (1000);"
  "INSERT INTO unit VALUES (1), (150);"
  "CREATE TABLE shift (id int, unit_id int, PRIMARY KEY (id)) PARTITION BY RANGE (id);"
  "CREATE TABLE shift_a PARTITION OF shift FOR VALUES FROM (0) TO (10);"
  "CREATE TABLE shift_b PARTITION OF shift FOR VALUES FROM (10) TO (100);"
  "INSERT INTO shift VALUES (1, 1), (2, NULL), (11, 150), (12, 1);"
  "ALTER TABLE shift ADD CONSTRAINT shift_fk FOREIGN KEY (unit_id) REFERENCES unit;"
  /* replication mode skips the RI triggers: orphans under a valid key */
  "SET session_replication_role = replica;"
  "INSERT INTO shift VALUES (3, 99), (13, 999);"
  "RESET session_replication_role;"
  /* a key that holds: VALIDATE would succeed */
  "CREATE TABLE fine (id int PRIMARY KEY, user_id int);"
  "INSERT INTO fine VALUES (1, 1), (2, NULL);"
  "ALTER TABLE fine ADD CONSTRAINT fine_fk FOREIGN KEY (user_id) REFERENCES \"user\" NOT VALID;";

/* A nondeterministic collation: the parent compares case-insensitively */
static const char icu_fixture[] =
  "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);"
  "CREATE TABLE tag (name text COLLATE ci PRIMARY KEY);"
  "INSERT INTO tag VALUES ('Red'), ('blue');"
  "CREATE TABLE post (id int PRIMARY KEY, tag text COLLATE \"C\");"
  "CREATE INDEX ON post (tag);"
  "INSERT INTO post VALUES (1, 'red'), (2, 'RED'), (3, 'Blue'), (4, 'green'), (5, 'GREEN');"
  "ALTER TABLE post ADD CONSTRAINT post_fk FOREIGN KEY (tag) REFERENCES tag NOT VALID;";

typedef struct
{
  const char *schema;
  const char *table;
  const char *constraint;
  gint64      expected;
  const char *recheck;     /* for a validated key: re-adding it checks every row */
} Case;

static GPtrArray *
run_checks (const char *dbname)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = pf_test_pg_dup_url (pg, dbname);
  g_autoptr(PfDatabase) database = pf_database_new_for_target (url, &error);
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)pf_scan_job_unref);
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  g_assert_true (pf_database_open (database, NULL, &error));
  g_assert_no_error (error);
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);

  pf_foreign_key_checks_plan (database, schema, NULL, jobs);
  for (guint i = 0; i < jobs->len; i++)
    {
      PfScanJob *job = g_ptr_array_index (jobs, i);

      if (!job->func (job, database, findings, NULL, &error))
        g_error ("%s: %s", job->subject, error->message);
    }

  return findings;
}

static PfFinding *
find_constraint (GPtrArray  *findings,
                 const char *constraint)
{
  for (guint i = 0; i < findings->len; i++)
    {
      PfFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (pf_finding_get_constraint (finding), constraint) == 0
          && g_strcmp0 (pf_finding_get_check_id (finding), PF_CHECK_IMPLIED_FK_ORPHANS) != 0)
        return finding;
    }

  return NULL;
}

static gboolean
validate (const char *dbname,
          const Case *c)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = c->recheck
                         ? g_strdup_printf ("BEGIN; %s; ROLLBACK;", c->recheck)
                         : g_strdup_printf ("BEGIN; ALTER TABLE \"%s\".\"%s\" VALIDATE CONSTRAINT \"%s\"; ROLLBACK;",
                                            c->schema, c->table, c->constraint);
  gboolean ok = pf_test_pg_exec (pg, dbname, sql, &error);

  if (!ok)
    {
      g_test_message ("VALIDATE %s: %s", c->constraint, error->message);
      g_assert_nonnull (strstr (error->message, "[23503]"));
      pf_test_pg_exec (pg, dbname, "ROLLBACK", NULL);
    }

  return ok;
}

static void
check_cases (const char *fixture_sql,
             const Case *cases,
             guint       n_cases)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) fixed = NULL;

  g_assert_no_error (error);
  pf_test_pg_exec (pg, dbname, fixture_sql, &error);
  g_assert_no_error (error);

  findings = run_checks (dbname);

  for (guint i = 0; i < n_cases; i++)
    {
      const Case *c = &cases[i];
      PfFinding *finding = find_constraint (findings, c->constraint);
      gint64 count = finding ? pf_finding_get_count (finding) : 0;

      g_test_message ("%s: %" G_GINT64_FORMAT " orphans", c->constraint, count);
      g_assert_cmpint (count, ==, c->expected);
      /* The truth: VALIDATE fails exactly when there are orphans */
      g_assert_true (validate (dbname, c) == (count == 0));

      if (finding != NULL && count > 0)
        {
          g_assert_cmpint (pf_finding_get_severity (finding), ==, PF_SEVERITY_BLOCKER);
          g_assert_nonnull (pf_finding_get_fix_sql (finding));
          /* Clean the scratch copy with the suggested script */
          g_assert_true (pf_test_pg_exec (pg, dbname, pf_finding_get_fix_sql (finding), &error));
          g_assert_no_error (error);
          g_assert_true (validate (dbname, c));
        }
      else if (finding != NULL && c->recheck == NULL)
        {
          g_assert_cmpstr (pf_finding_get_check_id (finding), ==, PF_CHECK_FK_NOT_VALID);
          g_assert_cmpint (pf_finding_get_severity (finding), ==, PF_SEVERITY_INFO);
        }
    }

  /* After the fixes, nothing is left */
  fixed = run_checks (dbname);
  for (guint i = 0; i < fixed->len; i++)
    g_assert_cmpint (pf_finding_get_count (g_ptr_array_index (fixed, i)), <=, 0);
}

static void
test_validate (void)
{
  static const Case cases[] = {
    { "Sché ma", "line; item", "simple; fk", 1 },   /* (1, 'y'); (NULL, 'zz') and (3, NULL) are exempt */
    { "public", "full_child", "full_fk", 2 },      /* (NULL, 'x') and (2, NULL) fail MATCH FULL */
    { "public", "sale", "sale_fk", 2 },            /* 1 = 1.0 and 3 = 3 under numeric equality */
    { "public", "visit", "visit_fk", 40 },
    { "public", "shift", "shift_fk", 2,             /* partitioned child and parent */
      "ALTER TABLE shift DROP CONSTRAINT shift_fk;"
      " ALTER TABLE shift ADD CONSTRAINT shift_fk FOREIGN KEY (unit_id) REFERENCES unit" },
    { "public", "fine", "fine_fk", 0 },
  };

  check_cases (fixture, cases, G_N_ELEMENTS (cases));
}

static void
test_nondeterministic_collation (void)
{
  static const Case cases[] = {
    { "public", "post", "post_fk", 2 },  /* red/RED/Blue match; green/GREEN do not */
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *icu = pf_test_pg_query_string (pg, NULL,
                                                  "SELECT count(*) FROM pg_collation WHERE collprovider = 'i'",
                                                  &error);

  if (icu == NULL || g_strcmp0 (icu, "0") == 0)
    {
      g_test_skip ("this server has no ICU collations");
      return;
    }

  check_cases (icu_fixture, cases, G_N_ELEMENTS (cases));
}

static void
test_values_and_walk (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_autoptr(GPtrArray) findings = NULL;
  PfFinding *finding;
  GPtrArray *values;

  g_assert_no_error (error);
  pf_test_pg_exec (pg, dbname, fixture, &error);
  g_assert_no_error (error);
  findings = run_checks (dbname);

  finding = find_constraint (findings, "visit_fk");
  g_assert_nonnull (finding);
  g_assert_cmpstr (pf_finding_get_check_id (finding), ==, PF_CHECK_FK_NOT_VALID);
  values = pf_finding_get_values (finding);
  g_assert_cmpuint (values->len, ==, 3);
  g_assert_cmpuint (pf_finding_get_samples (finding)->len, ==, 40);
  /* the loose index scan over visit (user_id) was used */
  g_assert_nonnull (strstr (pf_finding_get_detail (finding), "WITH RECURSIVE"));

  finding = find_constraint (findings, "simple; fk");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (pf_finding_get_detail (finding), "OPERATOR(pg_catalog.=)"));
  g_assert_nonnull (strstr (pf_finding_get_title (finding), "points at a missing order"));
}

/* With ANALYZE's statistics the method follows the rows per value: few
 * (visit: ~20) take the anti-join, many (badge: ~2,000) the walk; both
 * must still match VALIDATE CONSTRAINT exactly */
static const char analyzed_extra[] =
  "CREATE TABLE badge (id int PRIMARY KEY, user_id int);"
  "CREATE INDEX ON badge (user_id);"
  "INSERT INTO badge SELECT g, CASE WHEN g % 1000 = 0 THEN 500 + g % 7 ELSE g % 5 + 1 END"
  "  FROM generate_series (1, 10000) g;"
  "ALTER TABLE badge ADD CONSTRAINT badge_fk FOREIGN KEY (user_id) REFERENCES \"user\" NOT VALID;"
  "ANALYZE;";

static void
test_analyzed (void)
{
  static const Case cases[] = {
    { "Sché ma", "line; item", "simple; fk", 1 },
    { "public", "full_child", "full_fk", 2 },
    { "public", "sale", "sale_fk", 2 },
    { "public", "visit", "visit_fk", 40 },
    { "public", "badge", "badge_fk", 10 },
    { "public", "shift", "shift_fk", 2,
      "ALTER TABLE shift DROP CONSTRAINT shift_fk;"
      " ALTER TABLE shift ADD CONSTRAINT shift_fk FOREIGN KEY (unit_id) REFERENCES unit" },
    { "public", "fine", "fine_fk", 0 },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strconcat (fixture, analyzed_extra, NULL);
  g_autofree char *dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_autoptr(GPtrArray) findings = NULL;
  PfFinding *finding;

  g_assert_no_error (error);
  pf_test_pg_exec (pg, dbname, sql, &error);
  g_assert_no_error (error);
  findings = run_checks (dbname);

  finding = find_constraint (findings, "visit_fk");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 40);
  g_assert_cmpuint (pf_finding_get_values (finding)->len, ==, 3);
  g_assert_cmpuint (pf_finding_get_samples (finding)->len, ==, 40);
  g_assert_null (strstr (pf_finding_get_detail (finding), "WITH RECURSIVE"));

  finding = find_constraint (findings, "badge_fk");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 10);
  g_assert_cmpuint (pf_finding_get_values (finding)->len, ==, 7);
  g_assert_cmpuint (pf_finding_get_samples (finding)->len, ==, 10);
  g_assert_nonnull (strstr (pf_finding_get_detail (finding), "WITH RECURSIVE"));

  check_cases (sql, cases, G_N_ELEMENTS (cases));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  pg = pf_test_pg_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/fk/pg/validate-constraint", test_validate);
  g_test_add_func ("/fk/pg/nondeterministic-collation", test_nondeterministic_collation);
  g_test_add_func ("/fk/pg/values-and-walk", test_values_and_walk);
  g_test_add_func ("/fk/pg/analyzed", test_analyzed);

  ret = g_test_run ();
  pf_test_pg_stop (pg);

  return ret;
}
