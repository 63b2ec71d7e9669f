/* test-pg-row-counts.c — exact per-table row counts on a real PostgreSQL
 * server: schemas, hostile names, a read-only session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pf-engine.h"
#include "pf-row-counts.h"
#include "pf-test-pg.h"

static PfTestPg *pg;
static char *dbname;

static PfDatabase *
open_database (void)
{
  g_autofree char *url = pf_test_pg_dup_url (pg, dbname);
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  /* The superuser over the socket, as the URL says */
  profile = pf_connection_profile_new_from_target (url, NULL, &error);
  g_assert_no_error (error);
  database = pf_database_new_for_profile (profile, NULL);
  pf_database_open (database, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&database);
}

static void
test_count (void)
{
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfRowCounts) counts = NULL;
  g_autoptr(PfRowCounts) later = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tables = NULL;
  const char *expected[] = { "audit.\"odd\" name", "person", "pet", NULL };

  pf_test_pg_exec (pg, dbname,
                   "CREATE TABLE person (id int PRIMARY KEY);"
                   "INSERT INTO person SELECT generate_series (1, 1234);"
                   "CREATE TABLE pet (id int PRIMARY KEY);"
                   "CREATE SCHEMA audit;"
                   "CREATE TABLE audit.\"\"\"odd\"\" name\" (id int);"
                   "INSERT INTO audit.\"\"\"odd\"\" name\" VALUES (1), (2);",
                   &error);
  g_assert_no_error (error);

  database = open_database ();
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);

  counts = pf_row_counts_count (database, schema, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (counts);

  tables = pf_row_counts_dup_tables (counts);
  g_assert_true (g_strv_equal ((const char * const *) tables, expected));
  g_assert_cmpint (pf_row_counts_get (counts, "person"), ==, 1234);
  g_assert_cmpint (pf_row_counts_get (counts, "pet"), ==, 0);
  g_assert_cmpint (pf_row_counts_get (counts, "audit.\"odd\" name"), ==, 2);

  /* After a change on the server, counted again through the same session */
  pf_test_pg_exec (pg, dbname, "DELETE FROM person WHERE id > 1200; INSERT INTO pet VALUES (1)", &error);
  g_assert_no_error (error);
  later = pf_row_counts_count (database, schema, NULL, &error);
  g_assert_no_error (error);
  sentences = pf_row_counts_compare (counts, later);
  g_assert_cmpuint (sentences->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (sentences, 0), ==, "person has 1200 rows; 1234 were recorded");
  g_assert_cmpstr (g_ptr_array_index (sentences, 1), ==, "pet has 1 row; 0 were recorded");

  pf_database_close (database);
}

static void
test_missing_table (void)
{
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfRowCounts) counts = NULL;
  g_autoptr(GError) error = NULL;

  pf_test_pg_exec (pg, dbname, "CREATE TABLE gone_soon (id int)", &error);
  g_assert_no_error (error);

  database = open_database ();
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);

  /* A table dropped between introspection and counting: an error that
   * names the query, not a wrong count */
  pf_test_pg_exec (pg, dbname, "DROP TABLE gone_soon", &error);
  g_assert_no_error (error);
  counts = pf_row_counts_count (database, schema, NULL, &error);
  g_assert_null (counts);
  g_assert_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_QUERY);

  pf_database_close (database);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  pg = pf_test_pg_start_ok ();
  dbname = pf_test_pg_create_database_ok (pg);

  g_test_add_func ("/pg-row-counts/count", test_count);
  g_test_add_func ("/pg-row-counts/missing-table", test_missing_table);

  ret = pf_test_pg_run_tests (pg);
  g_free (dbname);

  return ret;
}
