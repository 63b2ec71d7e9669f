/* test-sqlite-fk-differential.c — fk-orphans equals PRAGMA foreign_key_check
 *
 * Generates random small schemas and data (seeded, reproducible: the seed of
 * a failing case is printed with its SQL) with every affinity, the
 * collations SQLite ships on parent columns and parent indexes, NULLs,
 * composite keys, blobs, numeric strings, missing parents, parents without a
 * unique key ("foreign key mismatch"), WITHOUT ROWID children and
 * self-references, writes each to a real file, and compares what the
 * fk-orphans jobs report with the pragma's rows as a multiset of
 * (rowid, fkid) per child table.
 *
 * PF_FK_DIFFERENTIAL_CASES and PF_FK_DIFFERENTIAL_SEED override the size
 * and the first seed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-fk-differential"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-checks.h"
#include "pf-engine.h"

/* Sanitizer builds run ~10× slower, more on a busy machine (1,000 cases
 * once took over 8 minutes): they look for memory errors, which a few
 * hundred cases reach as well as thousands; the full 3,000 still run in
 * every normal build. */
#if defined(__SANITIZE_ADDRESS__)
#define DEFAULT_CASES 300
#else
#define DEFAULT_CASES 3000
#endif

/* What the cases exercised, so a generator that stopped producing orphans
 * or mismatches cannot pass silently */
static guint n_orphan_rows;
static guint n_mismatches;
static guint n_keys_checked;

static const char * const types[] = { "INTEGER", "TEXT", "REAL", "NUMERIC", "BLOB", "", "int", "varchar(6)" };
static const char * const collations[] = { "", " COLLATE NOCASE", " COLLATE RTRIM", " COLLATE BINARY" };
static const char * const values[] = {
  "NULL", "NULL", "1", "10", "'10'", "10.0", "'10.0'", "' 10'", "'a'", "'A'", "'a '",
  "X'61'", "X'3130'", "2.5", "'2.5'", "-1", "'abc'", "'ABC'", "0", "'1e1'", "'x'",
};

typedef struct
{
  GString  *sql;
  int       n_parents;
  int       n_children;
  gboolean  composite[4];
} Case;

static const char *
pick (GRand              *rand,
      const char * const *list,
      guint               n)
{
  return list[g_rand_int_range (rand, 0, n)];
}

#define PICK(rand, list) pick ((rand), (list), G_N_ELEMENTS (list))

static void
generate (GRand *rand,
          Case  *c)
{
  GString *sql = c->sql;

  c->n_parents = g_rand_int_range (rand, 1, 4);
  c->n_children = g_rand_int_range (rand, 1, 3);

  for (int i = 0; i < c->n_parents; i++)
    {
      gboolean composite = g_rand_int_range (rand, 0, 3) == 0;
      /* Mostly keys SQLite can use; some mismatches */
      int kind = g_rand_int_range (rand, 0, 12) % 6;
      const char *t1 = PICK (rand, types);
      const char *t2 = PICK (rand, types);
      const char *c1 = PICK (rand, collations);
      const char *c2 = PICK (rand, collations);
      const char *ic = g_rand_int_range (rand, 0, 3) == 0 ? PICK (rand, collations) : "";

      if (kind == 3 && g_rand_boolean (rand))
        kind = 2;
      c->composite[i] = composite && kind != 5;

      switch (kind)
        {
        case 0:  /* inline key: INTEGER makes it the rowid alias */
          if (composite)
            g_string_append_printf (sql, "CREATE TABLE p%d (k1 %s%s, k2 %s%s, PRIMARY KEY (k1, k2));\n",
                                    i, t1, c1, t2, c2);
          else
            g_string_append_printf (sql, "CREATE TABLE p%d (k1 %s%s PRIMARY KEY, k2 %s%s);\n",
                                    i, g_rand_boolean (rand) ? "INTEGER" : t1, c1, t2, c2);
          break;
        case 1:  /* table PRIMARY KEY whose index collation may differ from the column's */
          g_string_append_printf (sql, "CREATE TABLE p%d (k1 %s%s, k2 %s%s, PRIMARY KEY (k1%s%s));\n",
                                  i, t1, c1, t2, c2, ic, composite ? ", k2" : "");
          break;
        case 2:  /* a unique index, collation as it comes */
          g_string_append_printf (sql, "CREATE TABLE p%d (k1 %s%s, k2 %s%s);\n"
                                       "CREATE UNIQUE INDEX p%d_u ON p%d (k1%s%s);\n",
                                  i, t1, c1, t2, c2, i, i, ic, composite ? ", k2" : "");
          break;
        case 3:  /* no unique key at all: a mismatch for explicit references */
          g_string_append_printf (sql, "CREATE TABLE p%d (k1 %s%s, k2 %s%s);\n", i, t1, c1, t2, c2);
          if (g_rand_boolean (rand))
            g_string_append_printf (sql, "CREATE INDEX p%d_i ON p%d (k1);\n", i, i);
          break;
        case 4:
          g_string_append_printf (sql, "CREATE TABLE p%d (k1 %s%s, k2 %s%s, PRIMARY KEY (k1%s)) WITHOUT ROWID;\n",
                                  i, t1, c1, t2, c2, composite ? ", k2" : "");
          break;
        default: /* INTEGER PRIMARY KEY DESC is no rowid alias */
          g_string_append_printf (sql, "CREATE TABLE p%d (k1 INTEGER PRIMARY KEY%s, k2 %s%s);\n",
                                  i, g_rand_boolean (rand) ? " DESC" : "", t2, c2);
          break;
        }

      for (int r = g_rand_int_range (rand, 0, 9); r > 0; r--)
        g_string_append_printf (sql, "INSERT OR IGNORE INTO p%d VALUES (%s, %s);\n",
                                i, PICK (rand, values), PICK (rand, values));
    }

  for (int j = 0; j < c->n_children; j++)
    {
      gboolean without_rowid = g_rand_int_range (rand, 0, 4) == 0;
      int n_fks = g_rand_int_range (rand, 1, 3);

      g_string_append_printf (sql, "CREATE TABLE c%d (id INTEGER NOT NULL PRIMARY KEY, f1 %s%s, f2 %s%s",
                              j, PICK (rand, types), PICK (rand, collations),
                              PICK (rand, types), PICK (rand, collations));
      for (int k = 0; k < n_fks; k++)
        {
          int target = g_rand_int_range (rand, 0, c->n_parents + 2);
          /* The parent's arity, now and then not */
          gboolean two = target < c->n_parents ? c->composite[target] != (g_rand_int_range (rand, 0, 10) == 0)
                                                : g_rand_int_range (rand, 0, 3) == 0;
          const char *from = two ? (g_rand_boolean (rand) ? "f1, f2" : "f2, f1")
                                 : (g_rand_boolean (rand) ? "f1" : "f2");

          if (target < c->n_parents)
            {
              int how = g_rand_int_range (rand, 0, 4);

              if (how == 0)
                g_string_append_printf (sql, ", FOREIGN KEY (%s) REFERENCES p%d", from, target);
              else if (two)
                g_string_append_printf (sql, ", FOREIGN KEY (%s) REFERENCES p%d (%s)", from, target,
                                        how == 1 ? "k2, k1" : "k1, k2");
              else
                g_string_append_printf (sql, ", FOREIGN KEY (%s) REFERENCES P%d (%s)", from, target,
                                        how == 1 ? "K1" : "k1");
            }
          else if (target == c->n_parents)
            g_string_append_printf (sql, ", FOREIGN KEY (%s) REFERENCES ghost (%s)", from, two ? "a, b" : "a");
          else
            g_string_append_printf (sql, ", FOREIGN KEY (%s) REFERENCES c%d (%s)", two ? "f1" : from, j,
                                    g_rand_boolean (rand) ? "id" : "f1");
        }
      g_string_append_printf (sql, ")%s;\n", without_rowid ? " WITHOUT ROWID" : "");

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          g_string_append_printf (sql, "CREATE INDEX c%d_f1 ON c%d (f1);\n", j, j);
          break;
        case 1:
          g_string_append_printf (sql, "CREATE INDEX c%d_f1 ON c%d (f1%s, f2);\n", j, j, PICK (rand, collations));
          break;
        case 2:
          g_string_append_printf (sql, "CREATE INDEX c%d_f2 ON c%d (f2%s);\n", j, j, PICK (rand, collations));
          break;
        default:
          break;
        }

      for (int r = g_rand_int_range (rand, 0, 30); r > 0; r--)
        g_string_append_printf (sql, "INSERT INTO c%d VALUES (%d, %s, %s);\n",
                                j, r, PICK (rand, values), PICK (rand, values));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static char *
join_sorted (GPtrArray *rows)
{
  GString *joined = g_string_new (NULL);

  g_ptr_array_sort (rows, compare_strings);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (joined, "%s ", (const char *)g_ptr_array_index (rows, i));

  return g_string_free (joined, FALSE);
}

/* Returns FALSE when the pragma fails (a mismatch) */
static gboolean
pragma_rows (sqlite3    *db,
             const char *table,
             GPtrArray  *rows)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA foreign_key_check(\"%s\")", table);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup_printf ("%d:%s", sqlite3_column_int (stmt, 3),
                                            sqlite3_column_type (stmt, 1) == SQLITE_NULL
                                            ? "NULL" : (const char *)sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE;
}

static gboolean
run_case (guint32     seed,
          const char *dir)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) sql = g_string_new ("PRAGMA foreign_keys = OFF;\n");
  g_autofree char *path = g_strdup_printf ("%s/case-%u.db", dir, seed);
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)pf_scan_job_unref);
  g_autoptr(GError) error = NULL;
  Case c = { sql, 0, 0 };
  sqlite3 *db = NULL;
  char *errmsg = NULL;
  guint job = 0;
  gboolean ok = TRUE;

  generate (rand, &c);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* A scratch file: no journal, no fsync */
  sqlite3_exec (db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN", NULL, NULL, NULL);
  {
    g_auto(GStrv) statements = g_strsplit (sql->str, ";\n", -1);

    /* A value a rowid alias or a NOT NULL key refuses is simply not there */
    for (guint i = 0; statements[i]; i++)
      if (sqlite3_exec (db, statements[i], NULL, NULL, &errmsg) != SQLITE_OK)
        {
          if (!g_str_has_prefix (statements[i], "INSERT"))
            g_error ("seed %u: %s\n%s", seed, errmsg, sql->str);
          g_clear_pointer (&errmsg, sqlite3_free);
        }
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  }
  /* Statistics switch the walk from the recursive CTE to SELECT DISTINCT:
   * half the cases check each */
  if (seed % 2 == 0)
    g_assert_cmpint (sqlite3_exec (db, "ANALYZE", NULL, NULL, NULL), ==, SQLITE_OK);
  /* Anti-joins sort their probes on large tables only: every other case
   * sorts whatever the size */
  g_setenv ("PF_SORT_PROBES_MIN_ROWS", seed % 4 < 2 ? "0" : "100000", TRUE);

  database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);
  g_assert_true (pf_database_open (database, NULL, &error));
  g_assert_no_error (error);
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);
  pf_foreign_key_checks_plan (database, schema, NULL, jobs);

  /* Declared-key jobs come first, table by table, key by key */
  for (guint t = 0; t < pf_schema_get_n_tables (schema); t++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (schema), t);
      GPtrArray *fks = pf_table_get_foreign_keys (table);
      g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
      gboolean pragma_ok;
      gboolean mismatch = FALSE;

      if (fks->len == 0)
        continue;

      pragma_ok = pragma_rows (db, pf_table_get_name (table), expected);

      for (guint j = 0; j < fks->len; j++, job++)
        {
          PfScanJob *scan_job = g_ptr_array_index (jobs, job);
          g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
          int fkid = fks->len - 1 - j;

          g_assert_cmpstr (scan_job->check_id, ==, PF_CHECK_FK_ORPHANS);
          if (!scan_job->func (scan_job, database, findings, NULL, &error))
            g_error ("seed %u: %s\n%s", seed, error->message, sql->str);

          for (guint f = 0; f < findings->len; f++)
            {
              PfFinding *finding = g_ptr_array_index (findings, f);
              GPtrArray *samples = pf_finding_get_samples (finding);
              gint64 count = pf_finding_get_count (finding);

              if (count < 0)
                {
                  mismatch = TRUE;
                  continue;
                }
              g_assert_cmpint (count, <=, 100);
              g_assert_cmpuint (samples->len, ==, count);
              for (guint s = 0; s < samples->len; s++)
                {
                  PfSampleRow *row = g_ptr_array_index (samples, s);

                  g_ptr_array_add (actual, g_strdup_printf ("%d:%s", fkid,
                                                            pf_table_get_without_rowid (table)
                                                            ? "NULL" : row->key_values[0]));
                }
            }
        }

      if (!pragma_ok)
        n_mismatches++;

      if (pragma_ok == mismatch)
        {
          g_printerr ("seed %u, table %s: pragma %s, Preflight %s a mismatch\n%s\n", seed,
                      pf_table_get_name (table), pragma_ok ? "succeeded" : "failed",
                      mismatch ? "reported" : "did not report", sql->str);
          ok = FALSE;
        }
      else if (pragma_ok)
        {
          g_autofree char *want = join_sorted (expected);
          g_autofree char *got = join_sorted (actual);

          n_orphan_rows += expected->len;
          n_keys_checked += fks->len;
          if (g_strcmp0 (want, got) != 0)
            {
              g_printerr ("seed %u, table %s:\n  pragma:    %s\n  Preflight: %s\n%s\n", seed,
                          pf_table_get_name (table), want, got, sql->str);
              ok = FALSE;
            }
        }
    }

  sqlite3_close (db);
  g_clear_object (&database);
  g_unlink (path);

  return ok;
}

static void
test_differential (void)
{
  const char *env_cases = g_getenv ("PF_FK_DIFFERENTIAL_CASES");
  const char *env_seed = g_getenv ("PF_FK_DIFFERENTIAL_SEED");
  guint n = env_cases ? (guint)g_ascii_strtoull (env_cases, NULL, 10) : DEFAULT_CASES;
  guint32 first = env_seed ? (guint32)g_ascii_strtoull (env_seed, NULL, 10) : 20261121;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pf-fk-diff-XXXXXX", &error);
  guint failures = 0;

  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    if (!run_case (first + i, dir) && ++failures >= 5)
      break;

  g_rmdir (dir);
  g_test_message ("%u cases from seed %u: %u keys compared, %u orphan rows, %u mismatch tables, %u failures",
                  n, first, n_keys_checked, n_orphan_rows, n_mismatches, failures);
  g_assert_cmpuint (failures, ==, 0);
  g_assert_cmpuint (n_keys_checked, >, n);
  g_assert_cmpuint (n_orphan_rows, >, 10 * n);
  g_assert_cmpuint (n_mismatches, >, n / 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/fk/differential/pragma-foreign-key-check", test_differential);

  return g_test_run ();
}
