/* test-sqlite-fk-checks.c — fk-orphans and implied-fk-orphans on SQLite files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sqlite-fk-checks"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-checks.h"
#include "pf-engine.h"
#include "pf-orphan-query.h"

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *errmsg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("%s\n%s", errmsg, sql);
  sqlite3_close (db);
}

static char *
make_db (const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pf-fk-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, "test.db", NULL);
  exec_sql (path, sql);

  return path;
}

static PfDatabase *
open_db (const char  *path,
         PfSchema   **schema)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfDatabase) database = pf_database_new_for_target (path, &error);

  g_assert_no_error (error);
  g_assert_true (pf_database_open (database, NULL, &error));
  g_assert_no_error (error);
  *schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&database);
}

static GPtrArray *
run_checks (const char *path,
            PfRules    *rules)
{
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfDatabase) database = open_db (path, &schema);
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)pf_scan_job_unref);
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);

  pf_foreign_key_checks_plan (database, schema, rules, jobs);
  for (guint i = 0; i < jobs->len; i++)
    {
      PfScanJob *job = g_ptr_array_index (jobs, i);
      g_autoptr(GError) error = NULL;

      g_assert_true (job->func (job, database, findings, NULL, &error));
      g_assert_no_error (error);
    }

  return findings;
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

      if (g_strcmp0 (pf_finding_get_check_id (finding), check_id) == 0
          && g_strcmp0 (pf_finding_get_table (finding), table) == 0
          && g_strcmp0 (pf_finding_get_columns (finding)[0], column) == 0)
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
    if (g_strcmp0 (pf_finding_get_check_id (g_ptr_array_index (findings, i)), check_id) == 0)
      n++;

  return n;
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

/* ---- the demo ----------------------------------------------------------- */

static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  PfFinding *finding;
  GPtrArray *cascade;
  const char *fix;
  const char *p_tx, *p_ent, *p_prof;
  gint64 total = 0;
  gint64 start;

  g_assert_no_error (error);
  before = checksum_file (path);

  start = g_get_monotonic_time ();
  findings = run_checks (path, NULL);
  g_test_message ("demo: all foreign-key jobs in %.1f ms (one thread)",
                  (g_get_monotonic_time () - start) / 1000.0);

  after = checksum_file (path);
  g_assert_cmpstr (before, ==, after);

  /* Exactly the four planted problems (494 rows), nothing implied */
  g_assert_cmpuint (count_check (findings, PF_CHECK_FK_ORPHANS), ==, 4);
  for (guint i = 0; i < findings->len; i++)
    total += MAX (pf_finding_get_count (g_ptr_array_index (findings, i)), 0);
  g_assert_cmpint (total, ==, 494);
  g_assert_cmpint (total, ==, query_int (path, "SELECT count(*) FROM pragma_foreign_key_check"));

  finding = find (findings, PF_CHECK_FK_ORPHANS, "scheduling_supervisionrecord", "supervisor_id");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 2);
  g_assert_cmpint (pf_finding_get_severity (finding), ==, PF_SEVERITY_BLOCKER);
  g_assert_true (pf_finding_get_declared (finding));
  g_assert_cmpuint (pf_finding_get_values (finding)->len, ==, 1);
  g_assert_cmpstr (((PfValueCount *)g_ptr_array_index (pf_finding_get_values (finding), 0))->value, ==, "ADMIN001");
  g_assert_cmpint (((PfValueCount *)g_ptr_array_index (pf_finding_get_values (finding), 0))->count, ==, 2);
  g_assert_cmpuint (pf_finding_get_samples (finding)->len, ==, 2);
  g_assert_cmpstr (pf_finding_get_title (finding), ==, "2 supervision records point at users that do not exist");
  g_assert_nonnull (strstr (pf_finding_get_explanation (finding), "Django"));
  g_assert_nonnull (strstr (pf_finding_get_detail (finding), "SELECT"));
  {
    PfSampleRow *row = g_ptr_array_index (pf_finding_get_samples (finding), 0);
    PfSampleRow *row2 = g_ptr_array_index (pf_finding_get_samples (finding), 1);

    g_assert_cmpstr (row->key_columns[0], ==, "id");
    g_assert_true ((g_strcmp0 (row->key_values[0], "17") == 0 && g_strcmp0 (row2->key_values[0], "1187") == 0)
                   || (g_strcmp0 (row->key_values[0], "1187") == 0 && g_strcmp0 (row2->key_values[0], "17") == 0));
    g_assert_cmpstr (row->values[0], ==, "ADMIN001");
  }

  finding = find (findings, PF_CHECK_FK_ORPHANS, "scheduling_accesslog", "user_id");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 150);
  g_assert_cmpuint (pf_finding_get_samples (finding)->len, ==, 100);
  g_assert_cmpint (pf_finding_get_cascade_rows (finding), ==, 0);
  /* user_id is nullable: both options are offered */
  g_assert_nonnull (strstr (pf_finding_get_fix_sql (finding), "SET \"user_id\" = NULL"));
  g_assert_nonnull (strstr (pf_finding_get_fix_sql (finding), "-- DELETE FROM"));

  finding = find (findings, PF_CHECK_FK_ORPHANS, "scheduling_sicknessrecord", "profile_id");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 42);

  finding = find (findings, PF_CHECK_FK_ORPHANS, "scheduling_staffprofile", "user_id");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 300);
  cascade = pf_finding_get_cascade (finding);
  g_assert_cmpuint (cascade->len, ==, 2);
  {
    PfCascadeStep *s1 = g_ptr_array_index (cascade, 0);
    PfCascadeStep *s2 = g_ptr_array_index (cascade, 1);

    g_assert_cmpstr (s1->table, ==, "scheduling_leaveentitlement");
    g_assert_cmpint (s1->rows, ==, 600);
    g_assert_cmpuint (s1->depth, ==, 1);
    g_assert_cmpint (s1->on_delete, ==, PF_FOREIGN_KEY_ACTION_NO_ACTION);
    g_assert_cmpstr (s2->table, ==, "scheduling_leavetransaction");
    g_assert_cmpint (s2->rows, ==, 1800);
    g_assert_cmpuint (s2->depth, ==, 2);
  }
  g_assert_cmpint (pf_finding_get_cascade_rows (finding), ==, 2400);

  fix = pf_finding_get_fix_sql (finding);
  p_tx = strstr (fix, "DELETE FROM main.\"scheduling_leavetransaction\"");
  p_ent = strstr (fix, "DELETE FROM main.\"scheduling_leaveentitlement\"");
  p_prof = strstr (fix, "DELETE FROM main.\"scheduling_staffprofile\"");
  g_assert_nonnull (p_tx);
  g_assert_nonnull (p_ent);
  g_assert_nonnull (p_prof);
  g_assert_true (p_tx < p_ent && p_ent < p_prof);
  g_assert_null (strstr (fix, "SET \"user_id\" = NULL"));  /* NOT NULL column */

  /* The script, run on a copy, clears that key and removes exactly
   * the rows it announced */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  copy = g_build_filename (g_get_tmp_dir (), "pf-demo-fix-copy.db", NULL);
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  exec_sql (copy, fix);
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM pragma_foreign_key_check('scheduling_staffprofile')"), ==, 0);
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM scheduling_staffprofile"), ==, 1750 - 300);
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM scheduling_leaveentitlement"), ==, 3500 - 600);
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM scheduling_leavetransaction"), ==, 10500 - 1800);
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM pragma_foreign_key_check('scheduling_leaveentitlement')"), ==, 0);
  g_unlink (copy);

  after = (g_free (after), checksum_file (path));
  g_assert_cmpstr (before, ==, after);
}

/* No probe may scan the parent: each looks its key up in an index */
static void
test_explain_query_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfDatabase) database = open_db (path, &schema);
  sqlite3 *db = NULL;
  guint n_walks = 0;
  guint n_keys = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  for (guint t = 0; t < pf_schema_get_n_tables (schema); t++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (schema), t);
      GPtrArray *fks = pf_table_get_foreign_keys (table);

      for (guint j = 0; j < fks->len; j++)
        {
          g_autoptr(PfOrphanQuery) query = _pf_orphan_query_new (database, schema, g_ptr_array_index (fks, j),
                                                                 TRUE, NULL, &error);
          char *sqls[2];

          g_assert_no_error (error);
          n_keys++;
          if (query->walk_index != NULL)
            n_walks++;
          sqls[0] = _pf_orphan_query_dup_values_sql (query);
          sqls[1] = _pf_orphan_query_dup_samples_sql (query);

          /* The walk reads samples per orphan value, in the child only;
           * the anti-join's values statement yields them itself */
          if (query->walk_index != NULL)
            g_assert_nonnull (sqls[1]);
          else
            g_assert_null (sqls[1]);

          for (guint k = 0; k < G_N_ELEMENTS (sqls) && sqls[k] != NULL; k++)
            {
              g_autofree char *eqp = g_strconcat ("EXPLAIN QUERY PLAN ", sqls[k], NULL);
              sqlite3_stmt *stmt = NULL;
              gboolean searched = FALSE;
              gboolean searched_child = FALSE;

              g_assert_cmpint (sqlite3_prepare_v2 (db, eqp, -1, &stmt, NULL), ==, SQLITE_OK);
              while (sqlite3_step (stmt) == SQLITE_ROW)
                {
                  const char *detail = (const char *)sqlite3_column_text (stmt, 3);

                  if (g_str_has_prefix (detail, "SCAN p ") || g_strcmp0 (detail, "SCAN p") == 0)
                    g_error ("%s scans its parent:\n%s", pf_table_get_name (table), sqls[k]);
                  if (g_str_has_prefix (detail, "SEARCH p "))
                    searched = TRUE;
                  if (g_str_has_prefix (detail, "SEARCH c "))
                    searched_child = TRUE;
                  /* The walk reads the child's index, never the table */
                  if (query->walk_index != NULL && g_str_has_prefix (detail, "SCAN c"))
                    g_error ("%s walks by scanning:\n%s\n%s", pf_table_get_name (table), detail, sqls[k]);
                }
              sqlite3_finalize (stmt);
              if (k == 0)
                g_assert_true (searched);
              else
                g_assert_true (searched_child);
            }
          g_free (sqls[0]);
          g_free (sqls[1]);
        }
    }

  sqlite3_close (db);
  /* Django indexes its foreign keys: every one walks its index */
  g_assert_cmpuint (n_keys, >=, 20);
  g_assert_cmpuint (n_walks, ==, n_keys);
}

/* ---- semantics the walk must not get wrong ------------------------------ */

static void
test_walk_safety (void)
{
  /* c.f has no affinity and keeps 10 and 10.0 apart in storage, but its
   * index calls them equal; the TEXT parent sees '10' and '10.0' */
  g_autofree char *path = make_db (
    "CREATE TABLE p (k TEXT PRIMARY KEY);"
    "INSERT INTO p VALUES ('10');"
    "CREATE TABLE c (id INTEGER PRIMARY KEY, f REFERENCES p (k));"
    "CREATE INDEX c_f ON c (f);"
    "INSERT INTO c (f) VALUES (10), (10.0), (10), ('zz'), (NULL);"
    /* NOCASE child, BINARY parent: 'a' and 'A' must be probed apart */
    "CREATE TABLE q (k TEXT PRIMARY KEY);"
    "INSERT INTO q VALUES ('a');"
    "CREATE TABLE d (id INTEGER PRIMARY KEY, f TEXT COLLATE NOCASE REFERENCES q (k));"
    "CREATE INDEX d_f ON d (f);"
    "INSERT INTO d (f) VALUES ('a'), ('A'), ('A'), ('b');"
    /* an implicit reference to a NOCASE primary-key index over a BINARY column */
    "CREATE TABLE r (k TEXT, PRIMARY KEY (k COLLATE NOCASE));"
    "INSERT INTO r VALUES ('x');"
    "CREATE TABLE e (id INTEGER PRIMARY KEY, f TEXT REFERENCES r);"
    "INSERT INTO e (f) VALUES ('X'), ('x'), ('y');");
  g_autoptr(GPtrArray) findings = run_checks (path, NULL);
  PfFinding *finding;

  finding = find (findings, PF_CHECK_FK_ORPHANS, "c", "f");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 2);
  g_assert_cmpint (pf_finding_get_count (finding), ==, query_int (path, "SELECT count(*) FROM pragma_foreign_key_check('c')"));

  finding = find (findings, PF_CHECK_FK_ORPHANS, "d", "f");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 3);

  finding = find (findings, PF_CHECK_FK_ORPHANS, "e", "f");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM pragma_foreign_key_check('e')"), ==, 1);
}

/* ---- hostile identifiers, mismatches, missing parents ------------------- */

static void
test_hostile (void)
{
  g_autofree char *path = make_db (
    "CREATE TABLE \"wé\"\"ird; tab le\" (\"order\" TEXT, \"timestamp\" INTEGER,"
    "  PRIMARY KEY (\"order\", \"timestamp\")) WITHOUT ROWID;"
    "INSERT INTO \"wé\"\"ird; tab le\" VALUES ('a;b', 1), ('x\"y', 2);"
    "CREATE TABLE \"select\" (rowid TEXT, \"ünï côdé\" TEXT, \"tïmé\" INTEGER, \"drop table x;--\" INTEGER,"
    "  FOREIGN KEY (\"ünï côdé\", \"tïmé\") REFERENCES \"wé\"\"ird; tab le\" (\"order\", \"timestamp\"),"
    "  FOREIGN KEY (\"drop table x;--\") REFERENCES \"gone \"\" table\" (id),"
    "  FOREIGN KEY (rowid) REFERENCES \"no key\" (v));"
    "CREATE TABLE \"no key\" (v TEXT);"
    "INSERT INTO \"select\" VALUES ('r1', 'a;b', 1, NULL), ('r2', 'a;b', 2, 5), ('r3', NULL, 3, 6),"
    "  ('r4', 'x\"y', 2, NULL), ('r5', 'Zürich', 9, 7);");
  g_autoptr(GPtrArray) findings = run_checks (path, NULL);
  PfFinding *finding;
  gboolean mismatch = FALSE;

  finding = find (findings, PF_CHECK_FK_ORPHANS, "select", "ünï côdé");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 2);  /* r2, r5; r3 has a NULL */
  {
    PfSampleRow *row = g_ptr_array_index (pf_finding_get_samples (finding), 0);

    /* a column called rowid hides it: _rowid_ reaches it instead */
    g_assert_cmpstr (row->key_columns[0], ==, "rowid");
    g_assert_cmpuint (row->n_values, ==, 2);
  }

  finding = find (findings, PF_CHECK_FK_ORPHANS, "select", "drop table x;--");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 3);  /* missing parent: every non-NULL */
  g_assert_nonnull (strstr (pf_finding_get_title (finding), "a table that does not exist"));

  for (guint i = 0; i < findings->len; i++)
    {
      PfFinding *f = g_ptr_array_index (findings, i);

      if (pf_finding_get_count (f) == -1)
        {
          mismatch = TRUE;
          g_assert_cmpstr (pf_finding_get_parent_table (f), ==, "no key");
          g_assert_cmpint (pf_finding_get_severity (f), ==, PF_SEVERITY_BLOCKER);
          g_assert_nonnull (strstr (pf_finding_get_title (f), "cannot be checked"));
        }
    }
  g_assert_true (mismatch);
}

/* ---- implied keys and rules --------------------------------------------- */

static void
test_implied (void)
{
  g_autofree char *path = make_db (
    "CREATE TABLE app_user (id INTEGER PRIMARY KEY, sap TEXT UNIQUE);"
    "INSERT INTO app_user VALUES (1, '100001'), (2, '100002');"
    "CREATE TABLE app_ward (id INTEGER PRIMARY KEY);"
    "CREATE TABLE app_note (id INTEGER PRIMARY KEY, user_id INTEGER, ward_id TEXT, created_by_id TEXT,"
    "  other_id INTEGER);"
    "INSERT INTO app_note VALUES (1, 1, 'x', '100001', 1), (2, 3, NULL, 'ADMIN001', 2), (3, 4, NULL, '100002', 3);");
  g_autoptr(GError) error = NULL;
  g_autoptr(PfRules) rules = pf_rules_new_from_data (
    "{\"schema\": \"preflight-rules/1\","
    " \"relationships\": [{\"columns\": \"*_by_id\", \"references\": \"app_user.sap\"}]}", -1, &error);
  g_autoptr(GPtrArray) findings = NULL;
  PfFinding *finding;

  g_assert_no_error (error);
  findings = run_checks (path, rules);

  finding = find (findings, PF_CHECK_IMPLIED_FK_ORPHANS, "app_note", "user_id");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 2);
  g_assert_false (pf_finding_get_declared (finding));
  g_assert_cmpint (pf_finding_get_severity (finding), ==, PF_SEVERITY_WARNING);
  g_assert_cmpstr (pf_finding_get_parent_table (finding), ==, "app_user");

  /* ward_id is TEXT, app_ward.id INTEGER: no type match, no guess */
  g_assert_null (find (findings, PF_CHECK_IMPLIED_FK_ORPHANS, "app_note", "ward_id"));
  g_assert_null (find (findings, PF_CHECK_IMPLIED_FK_ORPHANS, "app_note", "other_id"));

  finding = find (findings, PF_CHECK_IMPLIED_FK_ORPHANS, "app_note", "created_by_id");
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 1);
  g_assert_cmpstr (((PfValueCount *)g_ptr_array_index (pf_finding_get_values (finding), 0))->value, ==, "ADMIN001");
}

/* ---- bounded memory ------------------------------------------------------ */

static void
test_many_orphans (void)
{
  g_autofree char *path = make_db (
    "CREATE TABLE p (id INTEGER PRIMARY KEY);"
    "CREATE TABLE c (id INTEGER PRIMARY KEY, a INTEGER REFERENCES p (id), b INTEGER REFERENCES p (id));"
    "CREATE INDEX c_a ON c (a);"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)"
    "  INSERT INTO c SELECT i, i, i % 7 FROM n;");
  g_autoptr(GPtrArray) findings = run_checks (path, NULL);
  PfFinding *a = find (findings, PF_CHECK_FK_ORPHANS, "c", "a");
  PfFinding *b = find (findings, PF_CHECK_FK_ORPHANS, "c", "b");

  /* a: every value distinct, walked through its index; b: unindexed */
  g_assert_cmpint (pf_finding_get_count (a), ==, 200000);
  g_assert_cmpuint (pf_finding_get_values (a)->len, ==, 20);
  g_assert_cmpuint (pf_finding_get_samples (a)->len, ==, 100);
  g_assert_cmpint (pf_finding_get_count (b), ==, 200000);
  g_assert_cmpuint (pf_finding_get_values (b)->len, ==, 7);
  g_assert_cmpuint (pf_finding_get_samples (b)->len, ==, 100);
}

/* A column retyped after its rows were written keeps values its new
 * affinity would have converted (10000 as a number under TEXT): the
 * distinct-value walk (statistics make it SELECT DISTINCT) must still find
 * every orphan row and sample exactly them */
static void
test_retyped_column (void)
{
  g_autofree char *path = make_db (
    "CREATE TABLE s (k TEXT PRIMARY KEY);"
    "INSERT INTO s VALUES ('1');"
    "CREATE TABLE g (id INTEGER PRIMARY KEY, f REFERENCES s (k));"
    "CREATE INDEX g_f ON g (f);"
    "INSERT INTO g (f) VALUES (10000), ('10000'), ('10000'), ('1'), (x'00'), (NULL);"
    "ANALYZE;"
    "PRAGMA writable_schema = ON;"
    "UPDATE sqlite_schema SET sql = 'CREATE TABLE g (id INTEGER PRIMARY KEY, f TEXT REFERENCES s (k))'"
    " WHERE name = 'g';");
  g_autoptr(GPtrArray) findings = run_checks (path, NULL);
  PfFinding *finding = find (findings, PF_CHECK_FK_ORPHANS, "g", "f");
  GPtrArray *samples;
  g_autoptr(GString) keys = g_string_new (NULL);

  g_assert_cmpint (query_int (path, "SELECT count(*) FROM g WHERE typeof(f) = 'integer'"), ==, 1);
  g_assert_nonnull (finding);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 4);
  g_assert_cmpint (pf_finding_get_count (finding), ==, query_int (path, "SELECT count(*) FROM pragma_foreign_key_check('g')"));
  samples = pf_finding_get_samples (finding);
  g_assert_cmpuint (samples->len, ==, 4);
  for (guint i = 0; i < samples->len; i++)
    g_string_append_printf (keys, "%s ", ((PfSampleRow *)g_ptr_array_index (samples, i))->key_values[0]);
  /* Sorted by value: the number, the two texts, the blob */
  g_assert_cmpstr (keys->str, ==, "1 2 3 5 ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/fk/sqlite/demo", test_demo);
  g_test_add_func ("/fk/sqlite/explain-query-plan", test_explain_query_plan);
  g_test_add_func ("/fk/sqlite/walk-safety", test_walk_safety);
  g_test_add_func ("/fk/sqlite/retyped-column", test_retyped_column);
  g_test_add_func ("/fk/sqlite/hostile-identifiers", test_hostile);
  g_test_add_func ("/fk/sqlite/implied", test_implied);
  g_test_add_func ("/fk/sqlite/many-orphans", test_many_orphans);

  return g_test_run ();
}
