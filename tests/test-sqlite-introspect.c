/* test-sqlite-introspect.c — what introspection learns from a real SQLite file
 *
 * Copyright 2026 The Preflight authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-engine.h"

#define STAFF "staff \"profiles\"; drop"

static const char *schema_sql =
  "CREATE TABLE homes (code TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
  "                    opened TEXT DEFAULT CURRENT_DATE);"
  /* FK omitting the parent's columns, parent named in another case */
  "CREATE TABLE units (home_code TEXT NOT NULL REFERENCES HOMES ON DELETE RESTRICT,"
  "                    unit_no INTEGER NOT NULL, label TEXT,"
  "                    PRIMARY KEY (home_code, unit_no)) WITHOUT ROWID;"
  /* Hostile identifiers, a self-reference and a composite key */
  "CREATE TABLE \"staff \"\"profiles\"\"; drop\" ("
  "  \"naïve colonne\" TEXT NOT NULL DEFAULT 'x',"
  "  id INTEGER PRIMARY KEY,"
  "  supervisor_id INTEGER REFERENCES \"staff \"\"profiles\"\"; drop\" (ID) ON DELETE SET NULL,"
  "  home_code TEXT, unit_no INTEGER,"
  "  FOREIGN KEY (home_code, unit_no) REFERENCES units (home_code, unit_no)"
  "    ON DELETE CASCADE ON UPDATE CASCADE);"
  "CREATE TABLE leave (id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "                    staff_id INTEGER NOT NULL REFERENCES \"staff \"\"profiles\"\"; drop\""
  "                      ON DELETE CASCADE,"
  "                    days REAL);"
  /* No primary key; a reference to a table that does not exist */
  "CREATE TABLE access_log (at TEXT, who TEXT REFERENCES Ghosts, note TEXT);"
  "CREATE UNIQUE INDEX \"staff by \"\"name\"\"\" ON \"staff \"\"profiles\"\"; drop\""
  "  (\"naïve colonne\", home_code);"
  "CREATE INDEX access_log_who ON access_log (who);"
  "CREATE INDEX access_log_recent ON access_log (at DESC) WHERE at > '2020';"
  "CREATE INDEX homes_lower ON homes (lower(name), \"code\" COLLATE NOCASE ASC,"
  "                                   substr(name, 1, 2) DESC);"
  "CREATE VIEW staff_view AS SELECT * FROM \"staff \"\"profiles\"\"; drop\";"
  "INSERT INTO homes (code, name) VALUES ('H1', 'Oak House'), ('H2', 'Elm Court');"
  "INSERT INTO units VALUES ('H1', 1, 'Ground'), ('H1', 2, 'First'), ('H2', 1, 'Annex');"
  "INSERT INTO \"staff \"\"profiles\"\"; drop\" VALUES ('Zoë', 1, NULL, 'H1', 1),"
  "  ('Ana', 2, 1, 'H1', 2), ('Bo', 3, 1, 'H2', 1), ('Cy', 4, 2, NULL, NULL);"
  "INSERT INTO leave (staff_id, days) VALUES (1, 1), (1, 2), (2, 0.5), (3, 1), (4, 3);"
  "INSERT INTO access_log VALUES ('2019-01-01', '100001', 'a'), ('2021-01-01', '100002', NULL),"
  "  ('2022-01-01', 'ADMIN001', 'b'), ('2023-01-01', 'ADMIN001', 'c'), (NULL, NULL, NULL),"
  "  ('2024-01-01', '100001', 'd');";

typedef struct
{
  char      *dir;
  PfSchema  *schema;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  char *errmsg = NULL;
  sqlite3 *db = NULL;

  fixture->dir = g_dir_make_tmp ("pf-sqlite-introspect-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "rota.db", NULL);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, schema_sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("%s", errmsg);
  sqlite3_close (db);

  database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);
  g_assert_true (pf_database_open (database, NULL, &error));
  g_assert_no_error (error);
  fixture->schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (PF_IS_SCHEMA (fixture->schema));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "rota.db", NULL);

  g_clear_object (&fixture->schema);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->dir);
}

static void
assert_strv (const char * const *strv,
             const char         *first,
             ...)
{
  const char *expected = first;
  va_list args;
  guint i = 0;

  g_assert_nonnull (strv);

  va_start (args, first);
  for (; expected != NULL; expected = va_arg (args, const char *), i++)
    g_assert_cmpstr (strv[i], ==, expected);
  va_end (args);

  g_assert_null (strv[i]);
}

static PfTable *
get_table (Fixture    *fixture,
           const char *name)
{
  PfTable *table = pf_schema_lookup_table (fixture->schema, NULL, name);

  g_assert_nonnull (table);
  g_assert_cmpstr (pf_table_get_name (table), ==, name);
  g_assert_null (pf_table_get_schema_name (table));
  g_assert_cmpstr (pf_table_get_display_name (table), ==, name);

  return table;
}

static void
assert_column (PfTable    *table,
               guint       position,
               const char *name,
               const char *type,
               gboolean    not_null,
               const char *default_value,
               gboolean    is_identity)
{
  GPtrArray *columns = pf_table_get_columns (table);
  PfColumn *column;

  g_assert_cmpuint (position, >=, 1);
  g_assert_cmpuint (position, <=, columns->len);
  column = g_ptr_array_index (columns, position - 1);

  g_assert_true (pf_table_lookup_column (table, name) == column);
  g_assert_cmpstr (column->name, ==, name);
  g_assert_cmpstr (column->type, ==, type);
  g_assert_cmpint (column->position, ==, position);
  g_assert_cmpint (column->not_null, ==, not_null);
  g_assert_cmpstr (column->default_value, ==, default_value);
  g_assert_cmpint (column->is_identity, ==, is_identity);
}

static void
assert_counts (PfTable *table,
               gint64   rows,
               guint    n_columns,
               guint    n_foreign_keys,
               guint    n_indexes)
{
  gint64 row_estimate = 0;
  guint n_columns_prop = 0;
  guint n_fks_prop = 0;

  g_assert_cmpint (pf_table_get_row_estimate (table), ==, rows);
  g_assert_true (pf_table_get_row_estimate_is_exact (table));
  g_assert_cmpuint (pf_table_get_columns (table)->len, ==, n_columns);
  g_assert_cmpuint (pf_table_get_foreign_keys (table)->len, ==, n_foreign_keys);
  g_assert_cmpuint (pf_table_get_indexes (table)->len, ==, n_indexes);

  /* The read-only properties list views bind to */
  g_object_get (table,
                "row-estimate", &row_estimate,
                "n-columns", &n_columns_prop,
                "n-foreign-keys", &n_fks_prop,
                NULL);
  g_assert_cmpint (row_estimate, ==, rows);
  g_assert_cmpuint (n_columns_prop, ==, n_columns);
  g_assert_cmpuint (n_fks_prop, ==, n_foreign_keys);
}

static PfForeignKey *
get_foreign_key (PfTable *table,
                 guint    i)
{
  PfForeignKey *fk = g_ptr_array_index (pf_table_get_foreign_keys (table), i);

  /* SQLite keeps no constraint names we can read back, nor schemas */
  g_assert_null (fk->name);
  g_assert_null (fk->table_schema);
  g_assert_null (fk->parent_schema);
  g_assert_cmpstr (fk->table, ==, pf_table_get_name (table));
  g_assert_false (fk->not_valid);
  g_assert_false (fk->deferrable);

  return fk;
}

static PfIndex *
get_index (PfTable       *table,
           guint          i,
           const char    *name,
           PfIndexOrigin  origin,
           gboolean       unique,
           gboolean       partial)
{
  PfIndex *index = g_ptr_array_index (pf_table_get_indexes (table), i);

  g_assert_cmpstr (index->name, ==, name);
  g_assert_cmpint (index->origin, ==, origin);
  g_assert_cmpint (index->unique, ==, unique);
  g_assert_cmpint (index->partial, ==, partial);
  g_assert_true (index->valid);

  return index;
}

static void
test_tables (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->schema);
  const char *expected[] = { "access_log", "homes", "leave", STAFF, "units" };

  /* Views, sqlite_sequence and sqlite_schema are not tables of the app */
  g_assert_cmpuint (pf_schema_get_n_tables (fixture->schema), ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (expected));
  g_assert_true (g_list_model_get_item_type (model) == PF_TYPE_TABLE);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (model, i);
      g_autofree char *name = NULL;
      g_autofree char *display_name = NULL;
      g_autofree char *schema_name = NULL;

      g_object_get (table,
                    "name", &name,
                    "display-name", &display_name,
                    "schema-name", &schema_name,
                    NULL);
      g_assert_cmpstr (name, ==, expected[i]);
      g_assert_cmpstr (display_name, ==, expected[i]);
      g_assert_null (schema_name);
    }
  g_assert_null (g_list_model_get_item (model, G_N_ELEMENTS (expected)));

  g_assert_cmpuint (pf_schema_get_n_foreign_keys (fixture->schema), ==, 5);
  g_assert_cmpint (pf_schema_get_total_row_estimate (fixture->schema), ==, 2 + 3 + 4 + 5 + 6);

  /* SQLite table names match without regard to ASCII case */
  g_assert_true (pf_schema_lookup_table (fixture->schema, NULL, "HOMES") ==
                 pf_schema_lookup_table (fixture->schema, NULL, "homes"));
  g_assert_null (pf_schema_lookup_table (fixture->schema, NULL, "staff_view"));
  g_assert_null (pf_schema_lookup_table (fixture->schema, NULL, "sqlite_sequence"));
  g_assert_null (pf_schema_lookup_table (fixture->schema, "main", "homes"));
}

static void
test_homes (Fixture       *fixture,
            gconstpointer  data)
{
  PfTable *table = get_table (fixture, "homes");
  g_autoptr(GPtrArray) unique = NULL;
  PfIndex *index;

  assert_counts (table, 2, 3, 0, 3);
  g_assert_false (pf_table_get_without_rowid (table));

  /* A TEXT primary key of a rowid table may hold NULL in SQLite */
  assert_column (table, 1, "code", "TEXT", FALSE, NULL, FALSE);
  assert_column (table, 2, "name", "TEXT", TRUE, NULL, FALSE);
  assert_column (table, 3, "opened", "TEXT", FALSE, "CURRENT_DATE", FALSE);
  assert_strv (pf_table_get_primary_key (table), "code", NULL);

  index = get_index (table, 0, "homes_lower", PF_INDEX_ORIGIN_INDEX, FALSE, FALSE);
  assert_strv ((const char * const *)index->columns, "lower(name)", "code", "substr(name, 1, 2)", NULL);
  g_assert_true (g_str_has_prefix (index->definition, "CREATE INDEX homes_lower ON homes"));

  index = get_index (table, 1, "sqlite_autoindex_homes_1", PF_INDEX_ORIGIN_PRIMARY_KEY, TRUE, FALSE);
  assert_strv ((const char * const *)index->columns, "code", NULL);
  g_assert_null (index->definition);

  index = get_index (table, 2, "sqlite_autoindex_homes_2", PF_INDEX_ORIGIN_UNIQUE, TRUE, FALSE);
  assert_strv ((const char * const *)index->columns, "name", NULL);
  g_assert_null (index->definition);

  /* The UNIQUE constraint, not the primary key */
  unique = pf_table_dup_unique_keys (table);
  g_assert_cmpuint (unique->len, ==, 1);
  g_assert_true (g_ptr_array_index (unique, 0) == index);
}

static void
test_units (Fixture       *fixture,
            gconstpointer  data)
{
  PfTable *table = get_table (fixture, "units");
  g_autoptr(GPtrArray) unique = NULL;
  PfForeignKey *fk;
  PfIndex *index;

  assert_counts (table, 3, 3, 1, 1);
  g_assert_true (pf_table_get_without_rowid (table));

  assert_column (table, 1, "home_code", "TEXT", TRUE, NULL, FALSE);
  /* Not a rowid alias in a WITHOUT ROWID table */
  assert_column (table, 2, "unit_no", "INTEGER", TRUE, NULL, FALSE);
  assert_column (table, 3, "label", "TEXT", FALSE, NULL, FALSE);
  assert_strv (pf_table_get_primary_key (table), "home_code", "unit_no", NULL);

  /* "REFERENCES HOMES": the parent's real name and primary key */
  fk = get_foreign_key (table, 0);
  assert_strv ((const char * const *)fk->columns, "home_code", NULL);
  g_assert_cmpstr (fk->parent_table, ==, "homes");
  assert_strv ((const char * const *)fk->parent_columns, "code", NULL);
  g_assert_cmpuint (pf_foreign_key_get_n_columns (fk), ==, 1);
  g_assert_cmpint (fk->on_delete, ==, PF_FOREIGN_KEY_ACTION_RESTRICT);
  g_assert_cmpint (fk->on_update, ==, PF_FOREIGN_KEY_ACTION_NO_ACTION);

  index = get_index (table, 0, "sqlite_autoindex_units_1", PF_INDEX_ORIGIN_PRIMARY_KEY, TRUE, FALSE);
  assert_strv ((const char * const *)index->columns, "home_code", "unit_no", NULL);

  unique = pf_table_dup_unique_keys (table);
  g_assert_cmpuint (unique->len, ==, 0);
}

static void
test_hostile_identifiers (Fixture       *fixture,
                          gconstpointer  data)
{
  PfTable *table = get_table (fixture, STAFF);
  g_autoptr(GPtrArray) unique = NULL;
  g_autofree char *quoted = pf_sql_quote_identifier (STAFF);
  PfForeignKey *fk;
  PfIndex *index;

  g_assert_cmpstr (quoted, ==, "\"staff \"\"profiles\"\"; drop\"");

  assert_counts (table, 4, 5, 2, 1);
  g_assert_false (pf_table_get_without_rowid (table));

  assert_column (table, 1, "naïve colonne", "TEXT", TRUE, "'x'", FALSE);
  /* INTEGER PRIMARY KEY is the rowid: never NULL, assigned by SQLite */
  assert_column (table, 2, "id", "INTEGER", TRUE, NULL, TRUE);
  assert_column (table, 3, "supervisor_id", "INTEGER", FALSE, NULL, FALSE);
  assert_column (table, 4, "home_code", "TEXT", FALSE, NULL, FALSE);
  assert_column (table, 5, "unit_no", "INTEGER", FALSE, NULL, FALSE);
  assert_strv (pf_table_get_primary_key (table), "id", NULL);

  /* In declaration order: the self-reference, then the composite key */
  fk = get_foreign_key (table, 0);
  assert_strv ((const char * const *)fk->columns, "supervisor_id", NULL);
  g_assert_cmpstr (fk->parent_table, ==, STAFF);
  assert_strv ((const char * const *)fk->parent_columns, "id", NULL); /* written "ID" */
  g_assert_cmpint (fk->on_delete, ==, PF_FOREIGN_KEY_ACTION_SET_NULL);
  g_assert_cmpint (fk->on_update, ==, PF_FOREIGN_KEY_ACTION_NO_ACTION);

  fk = get_foreign_key (table, 1);
  assert_strv ((const char * const *)fk->columns, "home_code", "unit_no", NULL);
  g_assert_cmpstr (fk->parent_table, ==, "units");
  assert_strv ((const char * const *)fk->parent_columns, "home_code", "unit_no", NULL);
  g_assert_cmpuint (pf_foreign_key_get_n_columns (fk), ==, 2);
  g_assert_cmpint (fk->on_delete, ==, PF_FOREIGN_KEY_ACTION_CASCADE);
  g_assert_cmpint (fk->on_update, ==, PF_FOREIGN_KEY_ACTION_CASCADE);

  /* A UNIQUE INDEX (origin "c"), unlike a UNIQUE constraint */
  index = get_index (table, 0, "staff by \"name\"", PF_INDEX_ORIGIN_INDEX, TRUE, FALSE);
  assert_strv ((const char * const *)index->columns, "naïve colonne", "home_code", NULL);
  g_assert_true (g_str_has_prefix (index->definition, "CREATE UNIQUE INDEX \"staff by \"\"name\"\"\""));

  unique = pf_table_dup_unique_keys (table);
  g_assert_cmpuint (unique->len, ==, 1);
  g_assert_true (g_ptr_array_index (unique, 0) == index);
}

static void
test_leave (Fixture       *fixture,
            gconstpointer  data)
{
  PfTable *table = get_table (fixture, "leave");
  PfForeignKey *fk;

  assert_counts (table, 5, 3, 1, 0);
  assert_column (table, 1, "id", "INTEGER", TRUE, NULL, TRUE);
  assert_column (table, 2, "staff_id", "INTEGER", TRUE, NULL, FALSE);
  assert_column (table, 3, "days", "REAL", FALSE, NULL, FALSE);
  assert_strv (pf_table_get_primary_key (table), "id", NULL);

  /* Parent columns omitted: resolved to the parent's primary key */
  fk = get_foreign_key (table, 0);
  assert_strv ((const char * const *)fk->columns, "staff_id", NULL);
  g_assert_cmpstr (fk->parent_table, ==, STAFF);
  assert_strv ((const char * const *)fk->parent_columns, "id", NULL);
  g_assert_cmpint (fk->on_delete, ==, PF_FOREIGN_KEY_ACTION_CASCADE);
  g_assert_cmpint (fk->on_update, ==, PF_FOREIGN_KEY_ACTION_NO_ACTION);
}

static void
test_no_primary_key (Fixture       *fixture,
                     gconstpointer  data)
{
  PfTable *table = get_table (fixture, "access_log");
  g_autoptr(GPtrArray) unique = NULL;
  PfForeignKey *fk;
  PfIndex *index;

  assert_counts (table, 6, 3, 1, 2);
  g_assert_false (pf_table_get_without_rowid (table));
  assert_strv (pf_table_get_primary_key (table), NULL);

  assert_column (table, 1, "at", "TEXT", FALSE, NULL, FALSE);
  assert_column (table, 2, "who", "TEXT", FALSE, NULL, FALSE);
  assert_column (table, 3, "note", "TEXT", FALSE, NULL, FALSE);

  /* A parent that does not exist stays as written, with nothing to resolve */
  fk = get_foreign_key (table, 0);
  assert_strv ((const char * const *)fk->columns, "who", NULL);
  g_assert_cmpstr (fk->parent_table, ==, "Ghosts");
  assert_strv ((const char * const *)fk->parent_columns, NULL);
  g_assert_cmpint (fk->on_delete, ==, PF_FOREIGN_KEY_ACTION_NO_ACTION);

  index = get_index (table, 0, "access_log_recent", PF_INDEX_ORIGIN_INDEX, FALSE, TRUE);
  assert_strv ((const char * const *)index->columns, "at", NULL);
  g_assert_nonnull (strstr (index->definition, "WHERE at > '2020'"));

  index = get_index (table, 1, "access_log_who", PF_INDEX_ORIGIN_INDEX, FALSE, FALSE);
  assert_strv ((const char * const *)index->columns, "who", NULL);
  g_assert_cmpstr (index->definition, ==, "CREATE INDEX access_log_who ON access_log (who)");

  unique = pf_table_dup_unique_keys (table);
  g_assert_cmpuint (unique->len, ==, 0);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *positions)
{
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 1);
  g_array_append_val (positions, position);
}

/* The model stays sorted as tables arrive in any order */
static void
test_schema_model (void)
{
  g_autoptr(PfSchema) schema = pf_schema_new ();
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *names[] = { "m", "b", "z", "a", "c" };
  const guint expected[] = { 0, 0, 2, 0, 2 };
  const char *sorted[] = { "a", "b", "c", "m", "z" };

  g_signal_connect (schema, "items-changed", G_CALLBACK (items_changed_cb), positions);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(PfTable) table = pf_table_new (NULL, names[i]);

      pf_schema_add_table (schema, table);
    }

  g_assert_cmpuint (positions->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (g_array_index (positions, guint, i), ==, expected[i]);

  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (schema), i);

      g_assert_cmpstr (pf_table_get_name (table), ==, sorted[i]);
    }

  /* PostgreSQL-style names: "public" is left out of the display name */
  {
    g_autoptr(PfTable) public_table = pf_table_new ("public", "users");
    g_autoptr(PfTable) other = pf_table_new ("audit", "users");

    g_assert_cmpstr (pf_table_get_display_name (public_table), ==, "users");
    g_assert_cmpstr (pf_table_get_display_name (other), ==, "audit.users");
    pf_schema_add_table (schema, public_table);
    pf_schema_add_table (schema, other);
    g_assert_true (pf_schema_lookup_table (schema, "audit", "users") == other);
    g_assert_true (pf_schema_lookup_table (schema, "public", "users") == public_table);
    g_assert_null (pf_schema_lookup_table (schema, NULL, "users"));
    g_assert_null (pf_schema_lookup_table (schema, "AUDIT", "users"));
  }

  g_assert_cmpstr (pf_foreign_key_action_to_sql (PF_FOREIGN_KEY_ACTION_SET_DEFAULT), ==, "SET DEFAULT");
  g_assert_cmpint (pf_foreign_key_action_from_sql ("set null"), ==, PF_FOREIGN_KEY_ACTION_SET_NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/sqlite-introspect/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("tables", test_tables);
  ADD ("unique-and-expression-indexes", test_homes);
  ADD ("without-rowid-and-omitted-parent-columns", test_units);
  ADD ("hostile-identifiers-self-and-composite-fks", test_hostile_identifiers);
  ADD ("autoincrement", test_leave);
  ADD ("no-primary-key-and-partial-index", test_no_primary_key);

#undef ADD

  g_test_add_func ("/sqlite-introspect/schema-model", test_schema_model);

  return g_test_run ();
}
