/* pf-test-hostile.c — SQLite databases with hostile content, and a clean
 * one, for the report tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-test-hostile"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-engine.h"
#include "pf-scan.h"
#include "pf-test-hostile.h"

/* The parent every hostile foreign key points at, and its key column */
#define PARENT_TABLE  "<b>bold</b>"
#define PARENT_COLUMN "\"quoted\" name"
/* Foreign keys per filler table */
#define FILLER_COLUMNS 40

static const char * const identifiers[] = {
  PARENT_TABLE,
  PARENT_COLUMN,
  "pipe|table",
  "back`tick",
  "Zażółć_gęślą",
  "Καλημέρα",
  "مرحبا",
  "数据库表",
  PF_TEST_HOSTILE_LONG_NAME,
  NULL
};

static const char * const values[] = {
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>",
  "| broken | table |",
  "**bold**",
  "Łódź-7",
  "Ωμέγα",
  "قيمة",
  "値",
  NULL
};

static const char * const scripts[] = {
  "Zażółć_gęślą",
  "Καλημέρα",
  "مرحبا",
  "数据库表",
  NULL
};

/* The hostile children: table, foreign key column, orphaned values (each
 * row one value; a value repeated is that many rows) */
static const struct {
  const char *table;
  const char *column;
  const char *orphans[8];
} hostile_children[] = {
  { "pipe|table", "back`tick",
    { "<script>alert(1)</script>", "<script>alert(1)</script>", "<script>alert(1)</script>",
      "\"><img src=x onerror=alert(1)>", "\"><img src=x onerror=alert(1)>",
      "| broken | table |", "**bold**", NULL } },
  { "Zażółć_gęślą", "właściciel", { "Łódź-7", "Łódź-7", NULL } },
  { "Καλημέρα", "κωδικός", { "Ωμέγα", "Ωμέγα", "Ωμέγα", NULL } },
  { "مرحبا", "رمز", { "قيمة", "قيمة", "قيمة", "قيمة", NULL } },
  { "数据库表", "代码", { "値", "値", "値", "値", "値", NULL } },
  { PF_TEST_HOSTILE_LONG_NAME, "owner_code", { "ADMIN001", "ADMIN001", "ADMIN001", "ADMIN001", "ADMIN001", "ADMIN001", NULL } },
};

const char * const *
pf_test_hostile_get_identifiers (void)
{
  return identifiers;
}

const char * const *
pf_test_hostile_get_values (void)
{
  return values;
}

const char * const *
pf_test_hostile_get_scripts (void)
{
  return scripts;
}

static sqlite3 *
create (const char *path)
{
  sqlite3 *db = NULL;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);

  return db;
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
quote (const char *identifier)
{
  char *quoted = sqlite3_mprintf ("\"%w\"", identifier);
  char *copy = g_strdup (quoted);

  sqlite3_free (quoted);
  return copy;
}

/* Creates @table (id INTEGER PRIMARY KEY, then @n_columns TEXT columns
 * named @columns, each REFERENCES the parent) and inserts @n_rows rows:
 * row r holds cells[c][r] in column c, NULL (no orphan) past the end of
 * a column's NULL-terminated values. Then one valid row. */
static void
add_child (sqlite3             *db,
           const char          *table,
           guint                n_columns,
           const char * const  *columns,
           const char * const **cells,
           guint                n_rows)
{
  g_autofree char *quoted_table = quote (table);
  g_autofree char *parent = quote (PARENT_TABLE);
  g_autofree char *key = quote (PARENT_COLUMN);
  g_autoptr(GString) create = g_string_new (NULL);
  g_autoptr(GString) insert = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_string_append_printf (create, "CREATE TABLE %s (id INTEGER PRIMARY KEY", quoted_table);
  g_string_append_printf (insert, "INSERT INTO %s (", quoted_table);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *column = quote (columns[c]);

      g_string_append_printf (create, ", %s TEXT REFERENCES %s (%s)", column, parent, key);
      g_string_append_printf (insert, "%s%s", c > 0 ? ", " : "", column);
    }
  g_string_append (create, ")");
  g_string_append (insert, ") VALUES (");
  for (guint c = 0; c < n_columns; c++)
    g_string_append (insert, c > 0 ? ", ?" : "?");
  g_string_append (insert, ")");
  exec (db, create->str);

  g_assert_cmpint (sqlite3_prepare_v2 (db, insert->str, -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint r = 0; r <= n_rows; r++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          const char *value = NULL;

          if (r == n_rows)
            value = "ok-1";
          else if (r < g_strv_length ((char **) cells[c]))
            value = cells[c][r];
          if (value != NULL)
            sqlite3_bind_text (stmt, c + 1, value, -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (stmt, c + 1);
        }
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
}

guint
pf_test_hostile_write (const char *path,
                       guint       n_findings)
{
  sqlite3 *db = create (path);
  guint n_hostile = G_N_ELEMENTS (hostile_children);
  guint n_filler = n_findings > n_hostile ? n_findings - n_hostile : 0;
  guint n_values = G_N_ELEMENTS (values) - 1;

  exec (db, "BEGIN");
  exec (db,
        "CREATE TABLE \"<b>bold</b>\" (\"\"\"quoted\"\" name\" TEXT PRIMARY KEY, label TEXT);"
        "INSERT INTO \"<b>bold</b>\" VALUES ('ok-1', '<i>fine</i>'), ('ok-2', 'Ünïcødé “quotes”');");

  for (guint i = 0; i < n_hostile; i++)
    {
      const char * const *orphans = hostile_children[i].orphans;

      add_child (db, hostile_children[i].table, 1, &hostile_children[i].column,
                 &orphans, g_strv_length ((char **) orphans));
    }

  /* The filler: FILLER_COLUMNS foreign keys per table (a scan's cost goes
   * with tables more than with keys), each with 1 to 7 orphaned rows of
   * one hostile value in turn */
  for (guint first = 0; first < n_filler; first += FILLER_COLUMNS)
    {
      g_autofree char *table = g_strdup_printf ("orphans_%03u", first / FILLER_COLUMNS + 1);
      guint n_columns = MIN (FILLER_COLUMNS, n_filler - first);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *column_values[FILLER_COLUMNS][8];
      const char * const *per_column[FILLER_COLUMNS];

      for (guint c = 0; c < n_columns; c++)
        {
          guint index = first + c;
          guint n_rows = (index % 7) + 1;

          g_ptr_array_add (names, g_strdup_printf ("parent_code_%02u", c));
          for (guint r = 0; r < 8; r++)
            column_values[c][r] = r < n_rows ? values[index % n_values] : NULL;
          per_column[c] = column_values[c];
        }
      add_child (db, table, n_columns, (const char * const *) names->pdata, per_column, 7);
    }

  exec (db, "COMMIT");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return n_hostile + n_filler;
}

void
pf_test_clean_write (const char *path)
{
  sqlite3 *db = create (path);

  exec (db,
        "BEGIN;"
        "CREATE TABLE ward (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
        "CREATE TABLE nurse (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        "  ward_id INTEGER NOT NULL REFERENCES ward (id));"
        "CREATE INDEX nurse_ward ON nurse (ward_id);"
        "INSERT INTO ward (name) VALUES ('Oak'), ('Ash'), ('Elm');"
        "INSERT INTO nurse (name, ward_id) VALUES ('Ada', 1), ('Grace', 2), ('Mary', 3), ('Edith', 1);"
        "COMMIT;");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

typedef struct
{
  PfReport *report;
  GError   *error;
  gboolean  done;
} ScanResult;

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ScanResult *res = user_data;

  res->report = pf_scan_run_finish (PF_SCAN (object), result, &res->error);
  res->done = TRUE;
}

PfReport *
pf_test_scan_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfDatabase) database = pf_database_new_for_target (path, &error);
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfScan) scan = NULL;
  ScanResult res = { NULL, NULL, FALSE };

  g_assert_no_error (error);
  g_assert_true (pf_database_open (database, NULL, &error));
  g_assert_no_error (error);
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);

  scan = pf_scan_new (database, schema);
  pf_scan_run_async (scan, NULL, scan_cb, &res);
  while (!res.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (res.error);
  g_assert_nonnull (res.report);
  pf_database_close (database);

  return res.report;
}
