/* test-demo.c — the bundled demo database: built, planted, cached, rebuilt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-demo"

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-engine.h"

/* The numbers documented at the top of data/demo/demo.sql */
static const struct {
  const char *table;
  gint64      rows;
  guint       n_columns;
  guint       n_foreign_keys;
} expected_tables[] = {
  { "auth_group",                    5,  2, 0 },
  { "auth_group_permissions",       25,  3, 2 },
  { "auth_permission",              64,  4, 1 },
  { "django_admin_log",            120,  8, 2 },
  { "django_content_type",          16,  3, 0 },
  { "django_migrations",            43,  4, 0 },
  { "django_session",                0,  3, 0 },
  { "scheduling_accesslog",       6000,  6, 1 },
  { "scheduling_carehome",           8,  6, 0 },
  { "scheduling_careplanreview",  1800,  8, 2 },
  { "scheduling_leaveentitlement", 3500, 6, 1 },
  { "scheduling_leavetransaction", 10500, 7, 2 },
  { "scheduling_shift",          12000, 10, 2 },
  { "scheduling_sicknessrecord",   942,  6, 1 },
  { "scheduling_staffprofile",    1750,  7, 2 },
  { "scheduling_supervisionrecord", 2400, 7, 2 },
  { "scheduling_unit",              40,  6, 1 },
  { "scheduling_user",            1500, 11, 0 },
  { "scheduling_user_groups",     1500,  3, 2 },
};

static char *
ensure_demo (void)
{
  g_autoptr(GError) error = NULL;
  char *path;

  path = pf_demo_ensure (NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);

  return path;
}

static sqlite3 *
open_readonly (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* One line per row, columns joined with "|", like the sqlite3 shell */
static char *
query_text (sqlite3    *db,
            const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          if (i > 0)
            g_string_append_c (out, '|');
          g_string_append (out, text != NULL ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_query (sqlite3    *db,
              const char *sql,
              const char *expected)
{
  g_autofree char *result = query_text (db, sql);

  g_assert_cmpstr (result, ==, expected);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
assert_only_demo_in_cache (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "preflight", NULL);
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n = 0;

  /* No temporary files left behind, whatever happened */
  gdir = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      if (!g_str_equal (name, "demo.sqlite3"))
        g_error ("Unexpected file left in the cache dir: %s", name);
      n++;
    }
  g_assert_cmpuint (n, <=, 1);
}

static void
stat_file (const char *path,
           struct stat *st)
{
  g_assert_cmpint (stat (path, st), ==, 0);
}

static void
test_demo_builds (void)
{
  g_autofree char *expected_path = NULL;
  g_autofree char *path = NULL;
  sqlite3 *db;
  gint64 begin;
  gint64 elapsed;

  expected_path = g_build_filename (g_get_user_cache_dir (), "preflight", "demo.sqlite3", NULL);
  g_assert_false (g_file_test (expected_path, G_FILE_TEST_EXISTS));

  begin = g_get_monotonic_time ();
  path = ensure_demo ();
  elapsed = g_get_monotonic_time () - begin;
  g_test_message ("Built the demo database in %.1f ms", elapsed / 1000.0);

  g_assert_cmpstr (path, ==, expected_path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  assert_only_demo_in_cache ();

  db = open_readonly (path);
  g_assert_cmpint (pf_demo_get_bundled_version (), >, 0);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, pf_demo_get_bundled_version ());
  assert_query (db, "PRAGMA integrity_check", "ok\n");
  /* Not left in WAL mode or with a journal: a plain, read-only-friendly file */
  assert_query (db, "PRAGMA journal_mode", "delete\n");
  sqlite3_close (db);
}

static void
test_demo_rows (void)
{
  g_autofree char *path = ensure_demo ();
  sqlite3 *db = open_readonly (path);

  for (guint i = 0; i < G_N_ELEMENTS (expected_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", expected_tables[i].table);

      g_test_message ("%s", expected_tables[i].table);
      g_assert_cmpint (query_int (db, sql), ==, expected_tables[i].rows);
    }

  /* No helper tables leaked into the file */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                                  "AND name NOT LIKE 'sqlite_%'"),
                   ==, G_N_ELEMENTS (expected_tables));

  /* Every foreign key declared the Django way */
  g_assert_cmpint (query_int (db, "SELECT sum((length(sql) - length(replace(sql, 'REFERENCES', ''))) / 10) "
                                  "FROM sqlite_schema WHERE type = 'table'"), ==, 21);
  g_assert_cmpint (query_int (db, "SELECT sum((length(sql) - length(replace(sql, "
                                  "'DEFERRABLE INITIALLY DEFERRED', ''))) / 29) "
                                  "FROM sqlite_schema WHERE type = 'table'"), ==, 21);
  /* …with an index on every foreign-key column */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema AS t, "
                                  "pragma_foreign_key_list(t.name) AS f "
                                  "WHERE t.type = 'table' AND NOT EXISTS ("
                                  " SELECT 1 FROM pragma_index_list(t.name) AS i, "
                                  " pragma_index_info(i.name) AS c "
                                  " WHERE c.seqno = 0 AND c.name = f.\"from\")"), ==, 0);

  /* Thousands of valid rows behind the planted ones */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM scheduling_shift AS s "
                                  "JOIN scheduling_user AS u ON u.sap = s.user_id "
                                  "JOIN scheduling_unit AS n ON n.id = s.unit_id"), ==, 12000);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM scheduling_user "
                                  "WHERE sap GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'"), ==, 1500);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT user_id) FROM scheduling_shift"), ==, 1500);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM scheduling_unit "
                                  "WHERE carehome_id NOT IN (SELECT id FROM scheduling_carehome)"), ==, 0);

  sqlite3_close (db);
}

static void
test_demo_planted (void)
{
  g_autofree char *path = ensure_demo ();
  g_autofree char *orphans = NULL;
  sqlite3 *db = open_readonly (path);

  /* What SQLite itself says, per child column: exactly the documented rows */
  orphans = query_text (db,
                        "SELECT c.\"table\", l.\"from\", c.parent, count(*) "
                        "FROM pragma_foreign_key_check AS c "
                        "JOIN pragma_foreign_key_list(c.\"table\") AS l ON l.id = c.fkid "
                        "GROUP BY 1, 2, 3 ORDER BY 1, 2");
  g_assert_cmpstr (orphans, ==,
                   "scheduling_accesslog|user_id|scheduling_user|150\n"
                   "scheduling_sicknessrecord|profile_id|scheduling_staffprofile|42\n"
                   "scheduling_staffprofile|user_id|scheduling_user|300\n"
                   "scheduling_supervisionrecord|supervisor_id|scheduling_user|2\n");

  /* 1: the deleted shared admin account */
  assert_query (db, "SELECT id, supervisor_id FROM scheduling_supervisionrecord "
                    "WHERE supervisor_id NOT IN (SELECT sap FROM scheduling_user) "
                    "ORDER BY id",
                "17|ADMIN001\n1187|ADMIN001\n");

  /* 2: ADMIN001 in the access log; NULLs are not orphans */
  assert_query (db, "SELECT user_id, count(*) FROM scheduling_accesslog "
                    "WHERE user_id NOT IN (SELECT sap FROM scheduling_user) "
                    "GROUP BY 1",
                "ADMIN001|150\n");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM scheduling_accesslog WHERE user_id IS NULL"),
                   ==, 25);

  /* 3: profiles of deleted leavers and of a CSV import with trailing spaces */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM scheduling_staffprofile "
                                  "WHERE user_id GLOB '2[0-9][0-9][0-9][0-9][0-9]' "
                                  "AND user_id NOT IN (SELECT sap FROM scheduling_user)"), ==, 270);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM scheduling_staffprofile "
                                  "WHERE user_id LIKE '% ' "
                                  "AND rtrim(user_id) IN (SELECT sap FROM scheduling_user)"), ==, 30);
  assert_query (db, "SELECT min(id), max(id) FROM scheduling_staffprofile "
                    "WHERE user_id NOT IN (SELECT sap FROM scheduling_user)",
                "1451|1750\n");

  /* …with leave hanging from them */
  assert_query (db, "SELECT count(*), min(e.id), max(e.id) "
                    "FROM scheduling_leaveentitlement AS e "
                    "JOIN scheduling_staffprofile AS p ON p.id = e.profile_id "
                    "WHERE p.user_id NOT IN (SELECT sap FROM scheduling_user)",
                "600|2901|3500\n");
  assert_query (db, "SELECT count(*), min(t.id), max(t.id) "
                    "FROM scheduling_leavetransaction AS t "
                    "JOIN scheduling_leaveentitlement AS e ON e.id = t.entitlement_id "
                    "JOIN scheduling_staffprofile AS p ON p.id = e.profile_id "
                    "WHERE p.user_id NOT IN (SELECT sap FROM scheduling_user)",
                "1800|8701|10500\n");

  /* 4: sickness records of profiles that never existed here */
  assert_query (db, "SELECT count(*), min(id), max(id), min(profile_id), max(profile_id) "
                    "FROM scheduling_sicknessrecord "
                    "WHERE profile_id NOT IN (SELECT id FROM scheduling_staffprofile)",
                "42|901|942|9001|9042\n");

  /* Drift: recorded as applied, never run */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM django_migrations "
                                  "WHERE applied LIKE '2023-11-20 16:42:07.%'"), ==, 9);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM django_migrations "
                                  "WHERE app = 'scheduling' AND name = '0017_shift_is_overtime'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_table_info('scheduling_shift') "
                                  "WHERE name = 'is_overtime'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema "
                                  "WHERE name = 'scheduling_staffcertification'"), ==, 0);

  sqlite3_close (db);
}

static void
test_demo_not_rebuilt (void)
{
  g_autofree char *path = ensure_demo ();
  g_autofree char *again = NULL;
  struct stat before, after;

  stat_file (path, &before);
  again = ensure_demo ();
  stat_file (again, &after);

  g_assert_cmpstr (path, ==, again);
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtim.tv_sec, ==, after.st_mtim.tv_sec);
  g_assert_cmpint (before.st_mtim.tv_nsec, ==, after.st_mtim.tv_nsec);
  g_assert_cmpint (before.st_size, ==, after.st_size);
}

/* A file that ensure() must replace: a new inode (the replacement was built
 * next to it and renamed over it) holding the current version. */
static void
assert_rebuilt (const char        *path,
                const struct stat *before)
{
  g_autofree char *again = ensure_demo ();
  struct stat after;
  sqlite3 *db;

  g_assert_cmpstr (path, ==, again);
  stat_file (path, &after);
  g_assert_cmpuint (before->st_ino, !=, after.st_ino);

  db = open_readonly (path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, pf_demo_get_bundled_version ());
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM scheduling_user"), ==, 1500);
  sqlite3_close (db);

  assert_only_demo_in_cache ();
}

static void
test_demo_rebuilds_other_version (void)
{
  g_autofree char *path = ensure_demo ();
  struct stat before;

  exec_sql (path, "PRAGMA user_version = 42; DELETE FROM scheduling_user;");
  stat_file (path, &before);

  assert_rebuilt (path, &before);
}

static void
test_demo_rebuilds_garbage (void)
{
  g_autofree char *path = ensure_demo ();
  g_autoptr(GError) error = NULL;
  struct stat before;

  g_file_set_contents (path, "This is not a database, just some bytes.\n", -1, &error);
  g_assert_no_error (error);
  stat_file (path, &before);

  assert_rebuilt (path, &before);
}

static void
test_demo_rebuilds_truncated (void)
{
  g_autofree char *path = ensure_demo ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  struct stat before;

  /* The header (and its user_version) survives; the data does not. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 65536);
  g_file_set_contents (path, contents, length / 2, &error);
  g_assert_no_error (error);
  stat_file (path, &before);

  assert_rebuilt (path, &before);
}

static void
test_demo_rebuilds_missing (void)
{
  g_autofree char *path = ensure_demo ();
  g_autofree char *again = NULL;

  g_assert_cmpint (g_unlink (path), ==, 0);
  again = ensure_demo ();
  g_assert_true (g_file_test (again, G_FILE_TEST_IS_REGULAR));
}

static void
test_demo_error (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "preflight", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  /* A file where the cache folder should be: works even as root */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (dir, "", 0, &error);
  g_assert_no_error (error);

  path = pf_demo_ensure (NULL, &error);
  g_assert_null (path);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  expected = g_strdup_printf ("Could not prepare the demo database in “%s”: ", dir);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_cmpuint (strlen (error->message), >, strlen (expected));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_demo_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *demo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_cancellable_cancel (cancellable);
  path = pf_demo_ensure (cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (path);

  demo = g_build_filename (g_get_user_cache_dir (), "preflight", "demo.sqlite3", NULL);
  g_assert_false (g_file_test (demo, G_FILE_TEST_EXISTS));
}

static gpointer
cancel_later_thread (gpointer data)
{
  GCancellable *cancellable = data;

  g_usleep (g_test_rand_int_range (0, 300000));
  g_cancellable_cancel (cancellable);

  return NULL;
}

/* Cancelling at a random moment of the build (sqlite3_interrupt) leaves
 * either a complete demo or nothing, never a temporary file. */
static void
test_demo_cancelled_midway (void)
{
  g_autofree char *demo = g_build_filename (g_get_user_cache_dir (), "preflight", "demo.sqlite3", NULL);
  guint n_cancelled = 0;

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      GThread *thread;

      g_unlink (demo);
      thread = g_thread_new ("cancel-later", cancel_later_thread, cancellable);
      path = pf_demo_ensure (cancellable, &error);
      g_thread_join (thread);

      if (path == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_assert_false (g_file_test (demo, G_FILE_TEST_EXISTS));
          n_cancelled++;
        }
      else
        {
          sqlite3 *db = open_readonly (path);

          g_assert_no_error (error);
          g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, pf_demo_get_bundled_version ());
          sqlite3_close (db);
        }
      assert_only_demo_in_cache ();
    }

  g_test_message ("%u of 8 builds were cancelled midway", n_cancelled);
}

static void
on_ensured (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (source_object);
  *slot = g_object_ref (result);
}

static void
test_demo_async (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  pf_demo_ensure_async (NULL, on_ensured, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  path = pf_demo_ensure_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (path, "/preflight/demo.sqlite3"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_demo_async_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  pf_demo_ensure_async (cancellable, on_ensured, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  path = pf_demo_ensure_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (path);
}

static void
test_demo_introspect (void)
{
  g_autofree char *path = ensure_demo ();
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  PfForeignKey *user_fk = NULL;
  PfTable *profile;
  GPtrArray *fks;
  guint n_foreign_keys = 0;
  gint64 begin;

  begin = g_get_monotonic_time ();
  database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);
  g_assert_true (pf_database_open (database, NULL, &error));
  g_assert_no_error (error);
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (schema);
  g_test_message ("Opened and introspected the demo in %.1f ms",
                  (g_get_monotonic_time () - begin) / 1000.0);

  g_assert_cmpint (pf_database_get_kind (database), ==, PF_DATABASE_KIND_SQLITE);
  g_assert_cmpstr (pf_database_get_name (database), ==, "demo.sqlite3");

  for (guint i = 0; i < G_N_ELEMENTS (expected_tables); i++)
    {
      PfTable *table = pf_schema_lookup_table (schema, NULL, expected_tables[i].table);

      g_test_message ("%s", expected_tables[i].table);
      g_assert_nonnull (table);
      g_assert_cmpuint (pf_table_get_columns (table)->len, ==, expected_tables[i].n_columns);
      g_assert_cmpuint (pf_table_get_foreign_keys (table)->len, ==, expected_tables[i].n_foreign_keys);
      if (pf_table_get_row_estimate_is_exact (table))
        g_assert_cmpint (pf_table_get_row_estimate (table), ==, expected_tables[i].rows);
      n_foreign_keys += expected_tables[i].n_foreign_keys;
    }

  /* sqlite_sequence (from AUTOINCREMENT) may or may not be listed */
  g_assert_cmpuint (pf_schema_get_n_tables (schema)
                    - (pf_schema_lookup_table (schema, NULL, "sqlite_sequence") != NULL),
                    ==, G_N_ELEMENTS (expected_tables));
  g_assert_cmpuint (pf_schema_get_n_foreign_keys (schema), ==, n_foreign_keys);
  g_assert_cmpuint (n_foreign_keys, ==, 21);

  /* The key at the heart of the story, declared the Django way */
  profile = pf_schema_lookup_table (schema, NULL, "scheduling_staffprofile");
  fks = pf_table_get_foreign_keys (profile);
  for (guint i = 0; i < fks->len; i++)
    {
      PfForeignKey *fk = g_ptr_array_index (fks, i);

      if (g_strv_length (fk->columns) == 1 && g_str_equal (fk->columns[0], "user_id"))
        user_fk = fk;
    }
  g_assert_nonnull (user_fk);
  g_assert_cmpstr (user_fk->parent_table, ==, "scheduling_user");
  g_assert_cmpuint (g_strv_length (user_fk->parent_columns), ==, 1);
  g_assert_cmpstr (user_fk->parent_columns[0], ==, "sap");
  g_assert_cmpint (user_fk->on_delete, ==, PF_FOREIGN_KEY_ACTION_NO_ACTION);

  g_assert_cmpstr (pf_table_get_primary_key (pf_schema_lookup_table (schema, NULL, "scheduling_user"))[0],
                   ==, "sap");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo/builds", test_demo_builds);
  g_test_add_func ("/demo/rows", test_demo_rows);
  g_test_add_func ("/demo/planted", test_demo_planted);
  g_test_add_func ("/demo/not-rebuilt", test_demo_not_rebuilt);
  g_test_add_func ("/demo/rebuilds/other-version", test_demo_rebuilds_other_version);
  g_test_add_func ("/demo/rebuilds/garbage", test_demo_rebuilds_garbage);
  g_test_add_func ("/demo/rebuilds/truncated", test_demo_rebuilds_truncated);
  g_test_add_func ("/demo/rebuilds/missing", test_demo_rebuilds_missing);
  g_test_add_func ("/demo/error", test_demo_error);
  g_test_add_func ("/demo/cancelled", test_demo_cancelled);
  g_test_add_func ("/demo/cancelled-midway", test_demo_cancelled_midway);
  g_test_add_func ("/demo/async", test_demo_async);
  g_test_add_func ("/demo/async-cancelled", test_demo_async_cancelled);
  g_test_add_func ("/demo/introspect", test_demo_introspect);

  return g_test_run ();
}
