/* pf-migration-risks.c — which pending migrations will fail, and which are risky
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What Django does on SQLite (django/db/backends/sqlite3/schema.py, 3.2 and
 * 4.2 alike unless said):
 *
 *  - Every migration runs inside `with connection.schema_editor()`, whose
 *    __enter__ turns foreign keys off and whose __exit__ calls
 *    connection.check_constraints(): a full PRAGMA foreign_key_check that
 *    raises IntegrityError on the first violation found anywhere in the
 *    database. So with any orphan present, the first pending migration
 *    fails, whatever it does, and nothing after it runs.
 *  - _remake_table (create a new table, copy the rows, drop, rename) is used
 *    by AlterField (unless only the column name changes and no FK is
 *    involved: then ALTER TABLE … RENAME COLUMN), by AddField (3.2: always,
 *    except an auto-created M2M table; 4.2: for NOT NULL, unique, primary
 *    key or defaulted columns), RemoveField (3.2: always; 4.2 on SQLite
 *    3.35.5+ only for primary key, unique, indexed or FK columns), and by
 *    AddConstraint/RemoveConstraint (except a conditional UniqueConstraint).
 *    AlterUniqueTogether and AddIndex are CREATE [UNIQUE] INDEX; RenameModel
 *    is ALTER TABLE … RENAME. A rebuild copies every row, so its cost is
 *    the table's size.
 *
 * On PostgreSQL constraints are enforced at once, so the failures to
 * predict are the data a new constraint refuses: duplicates under a new
 * unique constraint or index (23505), NULLs under NOT NULL (23502), a new
 * NOT NULL column without default on a non-empty table, a table that
 * already exists (42P07), an extension the server does not offer.
 */

#define G_LOG_DOMAIN "pf-migration-risks"

#include "config.h"

#include <string.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <glib/gi18n-lib.h>

#include "pf-migration-risks.h"
#include "pf-migration-state.h"
#include "pf-pg-database-private.h"
#include "pf-sql.h"
#include "pf-sqlite-database-private.h"

/* Index builds without CONCURRENTLY lock writes for their whole duration;
 * past this many rows that is noticeable */
#define BIG_TABLE_ROWS 100000

typedef struct
{
  PfDatabase             *connection;
  PfSchema               *schema;
  PfReport               *integrity;
  GCancellable           *cancellable;
  PfMigrationStateReplay *replay;
  GPtrArray              *problems;
  gboolean                postgresql;
  int                     server_major;  /* PostgreSQL major version, 0 when unknown */
} Predictor;

/* ---- live queries ------------------------------------------------------ */

static void
interrupt_cb (GCancellable *cancellable,
              PfDatabase   *connection)
{
  pf_database_interrupt (connection);
}

/* The first column of the first row as a number; FALSE with @error set on
 * failure. Values go as parameters ($1, $2…), never into the text. */
static gboolean
query_int64 (Predictor           *self,
             const char          *sql,
             int                  n_params,
             const char * const  *params,
             gint64              *value,
             GError             **error)
{
  *value = 0;

  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;

  if (self->postgresql)
    {
      g_autoptr(PGresult) result = NULL;

      result = _pf_pg_database_exec (PF_PG_DATABASE (self->connection), self->cancellable,
                                     sql, n_params, params, error);
      if (result == NULL)
        return FALSE;
      if (PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
        *value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      return TRUE;
    }
  else
    {
      PfSqliteDatabase *sqlite = PF_SQLITE_DATABASE (self->connection);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      gulong handler = 0;
      int rc;

      stmt = _pf_sqlite_database_prepare (sqlite, sql, error);
      if (stmt == NULL)
        return FALSE;

      for (int i = 0; i < n_params; i++)
        {
          char name[16];
          int index;

          g_snprintf (name, sizeof name, "$%d", i + 1);
          index = sqlite3_bind_parameter_index (stmt, name);
          if (index > 0)
            sqlite3_bind_text (stmt, index, params[i], -1, SQLITE_TRANSIENT);
        }

      if (self->cancellable != NULL)
        handler = g_cancellable_connect (self->cancellable, G_CALLBACK (interrupt_cb),
                                         self->connection, NULL);
      rc = _pf_sqlite_database_step (sqlite, stmt, error);
      if (handler != 0)
        g_cancellable_disconnect (self->cancellable, handler);

      if (rc == SQLITE_ROW)
        *value = sqlite3_column_int64 (stmt, 0);
      return rc == SQLITE_ROW || rc == SQLITE_DONE;
    }
}

/* A query whose failure only costs a prediction its count: -1 then, and
 * cancellation is remembered for the caller. */
static gint64
query_count (Predictor          *self,
             const char         *sql,
             int                 n_params,
             const char * const *params,
             GError            **cancel_error)
{
  g_autoptr(GError) error = NULL;
  gint64 value;

  if (*cancel_error != NULL)
    return -1;

  if (!query_int64 (self, sql, n_params, params, &value, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (cancel_error, g_steal_pointer (&error));
      else
        {
          g_debug ("Could not count for a prediction: %s", error->message);
          /* A failed statement aborts a PostgreSQL transaction: recover */
          pf_database_end_job (self->connection);
        }
      return -1;
    }

  return value;
}

/* ---- the live schema ---------------------------------------------------- */

static PfTable *
lookup_live_table (Predictor  *self,
                   const char *name)
{
  PfTable *table = NULL;

  if (name == NULL)
    return NULL;

  /* Django creates its tables in the first schema of the search_path */
  if (self->postgresql)
    table = pf_schema_lookup_table (self->schema, "public", name);
  if (table == NULL)
    table = pf_schema_lookup_table (self->schema, NULL, name);

  return table;
}

static char *
dup_quoted_table (PfTable *table)
{
  g_autofree char *name = pf_sql_quote_identifier (pf_table_get_name (table));

  if (pf_table_get_schema_name (table) != NULL)
    {
      g_autofree char *schema = pf_sql_quote_identifier (pf_table_get_schema_name (table));

      return g_strconcat (schema, ".", name, NULL);
    }

  return g_steal_pointer (&name);
}

static gint64
table_rows (PfTable *table)
{
  return table != NULL ? MAX (pf_table_get_row_estimate (table), 0) : 0;
}

/* ---- operations' arguments (see pf-python-parser.h) --------------------- */

static JsonObject *
call_kwargs (JsonNode *node)
{
  JsonObject *call;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  call = json_node_get_object (node);
  if (!json_object_has_member (call, "call"))
    return NULL;
  if (!json_object_has_member (call, "kwargs"))
    return NULL;

  return json_object_get_object_member (call, "kwargs");
}

/* "models.CharField" → "CharField" */
static const char *
call_class (JsonNode *node)
{
  JsonObject *call;
  const char *name;
  const char *dot;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  call = json_node_get_object (node);
  if (!json_object_has_member (call, "call"))
    return NULL;
  name = json_object_get_string_member (call, "call");
  if (name == NULL)
    return NULL;
  dot = strrchr (name, '.');

  return dot != NULL ? dot + 1 : name;
}

static gboolean
kwarg_is_true (JsonObject *kwargs,
               const char *name)
{
  JsonNode *node;

  if (kwargs == NULL || !json_object_has_member (kwargs, name))
    return FALSE;
  node = json_object_get_member (kwargs, name);

  return JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static gboolean
kwarg_is_set (JsonObject *kwargs,
              const char *name)
{
  return kwargs != NULL && json_object_has_member (kwargs, name) &&
         !JSON_NODE_HOLDS_NULL (json_object_get_member (kwargs, name));
}

static gboolean
is_relation (const char *field_class)
{
  return field_class != NULL &&
         (g_str_equal (field_class, "ForeignKey") || g_str_equal (field_class, "OneToOneField"));
}

static gboolean
is_string_field (const char *field_class)
{
  const char *strings[] = {
    "CharField", "TextField", "SlugField", "EmailField", "URLField",
    "FilePathField", "FileField", "ImageField", "GenericIPAddressField",
  };

  for (guint i = 0; field_class != NULL && i < G_N_ELEMENTS (strings); i++)
    if (g_str_equal (field_class, strings[i]))
      return TRUE;

  return FALSE;
}

/* What Django's effective_default() gives a field: its default, or "" for a
 * blank string field, otherwise None */
static gboolean
has_effective_default (JsonNode *field)
{
  JsonObject *kwargs = call_kwargs (field);

  if (kwarg_is_set (kwargs, "default"))
    return TRUE;

  return kwarg_is_true (kwargs, "blank") && is_string_field (call_class (field)) &&
         !kwarg_is_true (kwargs, "null");
}

/* The column a field makes: db_column, or the name (+ "_id" for relations) */
static char *
dup_field_column (const char *name,
                  JsonNode   *field)
{
  JsonObject *kwargs = call_kwargs (field);
  const char *field_class = call_class (field);

  if (kwargs != NULL && json_object_has_member (kwargs, "db_column") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (kwargs, "db_column")))
    return g_strdup (json_object_get_string_member (kwargs, "db_column"));
  if (field_class != NULL && g_str_equal (field_class, "ManyToManyField"))
    return NULL;
  if (is_relation (field_class))
    return g_strconcat (name, "_id", NULL);

  return g_strdup (name);
}

static const char *
model_table (Predictor  *self,
             const char *app,
             const char *model,
             char      **storage)
{
  const char *table;

  if (model == NULL)
    return NULL;

  table = pf_migration_state_replay_get_model_table (self->replay, app, model);
  if (table != NULL)
    return table;

  /* Not known yet (a model created earlier in the same migration): Django's
   * default name */
  {
    g_autofree char *lower = g_ascii_strdown (model, -1);

    *storage = g_strconcat (app, "_", lower, NULL);
  }

  return *storage;
}

static PfExpectedColumn *
lookup_expected_column (Predictor  *self,
                        const char *table,
                        const char *column)
{
  PfExpectedTable *expected;

  if (table == NULL || column == NULL)
    return NULL;

  expected = pf_migration_state_replay_lookup_table (self->replay, table);
  if (expected == NULL)
    return NULL;

  for (guint i = 0; i < expected->columns->len; i++)
    {
      PfExpectedColumn *candidate = g_ptr_array_index (expected->columns, i);

      if (g_strcmp0 (candidate->name, column) == 0)
        return candidate;
    }

  return NULL;
}

/* ---- problems ----------------------------------------------------------- */

static PfMigrationProblem *
add_problem (Predictor            *self,
             const char           *kind,
             PfMigration          *migration,
             PfMigrationOperation *operation,
             const char           *table,
             const char           *column)
{
  g_autoptr(PfMigrationProblem) problem = NULL;
  PfSeverity severity = g_str_equal (kind, PF_MIGRATION_PROBLEM_WILL_FAIL)
                        ? PF_SEVERITY_BLOCKER : PF_SEVERITY_WARNING;

  problem = pf_migration_problem_new (kind, severity);
  pf_migration_problem_set_app (problem, pf_migration_get_app (migration));
  pf_migration_problem_add_migration (problem, pf_migration_get_name (migration));
  pf_migration_problem_set_location (problem, pf_migration_get_path (migration),
                                     operation != NULL ? operation->line : 0);
  pf_migration_problem_set_table (problem, table, column);
  g_ptr_array_add (self->problems, g_object_ref (problem));

  return problem;
}

static char *
dup_migration_label (PfMigration *migration)
{
  return g_strconcat (pf_migration_get_app (migration), ".",
                      pf_migration_get_name (migration), NULL);
}

static char *
format_count (gint64 count)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

/* ---- SQLite: orphans anywhere block every migration ----------------------- */

typedef struct
{
  char   *table;
  char   *parent;
  gint64  rows;
} OrphanGroup;

static void
orphan_group_free (OrphanGroup *group)
{
  g_free (group->table);
  g_free (group->parent);
  g_free (group);
}

static void
add_orphan_group (GPtrArray  *groups,
                  const char *table,
                  const char *parent,
                  gint64      rows)
{
  OrphanGroup *group;

  for (guint i = 0; i < groups->len; i++)
    {
      group = g_ptr_array_index (groups, i);
      if (g_strcmp0 (group->table, table) == 0 && g_strcmp0 (group->parent, parent) == 0)
        {
          group->rows += rows;
          return;
        }
    }

  group = g_new0 (OrphanGroup, 1);
  group->table = g_strdup (table);
  group->parent = g_strdup (parent);
  group->rows = rows;
  g_ptr_array_add (groups, group);
}

static int
compare_orphan_groups (gconstpointer a,
                       gconstpointer b)
{
  const OrphanGroup *ga = *(const OrphanGroup * const *) a;
  const OrphanGroup *gb = *(const OrphanGroup * const *) b;

  if (ga->rows != gb->rows)
    return ga->rows > gb->rows ? -1 : 1;

  return g_strcmp0 (ga->table, gb->table);
}

/* What PRAGMA foreign_key_check would report, grouped by child and parent
 * table: from the scan's fk-orphans findings when they are complete, else
 * counted by SQLite itself. */
static GPtrArray *
collect_orphans (Predictor  *self,
                 GError    **cancel_error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) orphan_group_free);
  gboolean from_integrity = FALSE;

  if (self->integrity != NULL && pf_report_get_complete (self->integrity))
    {
      GListModel *findings = pf_report_get_findings (self->integrity);

      from_integrity = TRUE;
      for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
        {
          g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);

          if (g_strcmp0 (pf_finding_get_check_id (finding), "fk-orphans") != 0 ||
              !pf_finding_get_declared (finding))
            continue;
          if (pf_finding_get_failed (finding) || pf_finding_get_count (finding) < 0)
            {
              /* A check that did not run says nothing: ask SQLite */
              from_integrity = FALSE;
              break;
            }
          if (pf_finding_get_count (finding) > 0)
            add_orphan_group (groups, pf_finding_get_table (finding),
                              pf_finding_get_parent_table (finding),
                              pf_finding_get_count (finding));
        }
    }

  if (!from_integrity)
    {
      PfSqliteDatabase *sqlite = PF_SQLITE_DATABASE (self->connection);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(GError) error = NULL;
      int rc;

      g_ptr_array_set_size (groups, 0);
      /* Exactly the check Django runs after every migration */
      stmt = _pf_sqlite_database_prepare (sqlite,
                                          "SELECT \"table\", \"parent\", count(*) "
                                          "FROM pragma_foreign_key_check "
                                          "GROUP BY 1, 2",
                                          &error);
      while (stmt != NULL && (rc = _pf_sqlite_database_step (sqlite, stmt, &error)) == SQLITE_ROW)
        add_orphan_group (groups,
                          (const char *) sqlite3_column_text (stmt, 0),
                          (const char *) sqlite3_column_text (stmt, 1),
                          sqlite3_column_int64 (stmt, 2));

      if (error != NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (cancel_error, g_steal_pointer (&error));
          else
            g_debug ("PRAGMA foreign_key_check failed: %s", error->message);
          return NULL;
        }
    }

  g_ptr_array_sort (groups, compare_orphan_groups);

  return g_steal_pointer (&groups);
}

/* "users" for scheduling_user: Django's default verbose_name_plural of the
 * model behind the table (its name split at capitals, plus "s"), or the
 * table's own name when the model is unknown */
static char *
dup_parent_noun (Predictor  *self,
                 const char *table)
{
  PfExpectedTable *expected = pf_migration_state_replay_lookup_table (self->replay, table);
  GString *noun;

  if (expected == NULL || expected->model == NULL)
    return g_strdup (table);

  noun = g_string_new (NULL);
  for (const char *p = expected->model; *p != '\0'; p++)
    {
      if (g_ascii_isupper (*p) && p != expected->model)
        g_string_append_c (noun, ' ');
      g_string_append_c (noun, g_ascii_tolower (*p));
    }
  g_string_append_c (noun, 's');

  return g_string_free (noun, FALSE);
}

static gboolean
operation_rebuilds_sqlite_table (PfMigrationOperation *operation)
{
  const char *kinds[] = {
    "AlterField", "AddField", "RemoveField", "AddConstraint", "RemoveConstraint",
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (operation->kind, kinds[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
predict_sqlite_foreign_key_check (Predictor  *self,
                                  GPtrArray  *pending,
                                  GError    **cancel_error)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GString) detail = NULL;
  g_autofree char *label = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *noun = NULL;
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *total_text = NULL;
  PfMigrationProblem *problem;
  PfMigration *first;
  PfMigrationOperation *rebuild = NULL;
  const OrphanGroup *worst;
  GPtrArray *operations;
  gint64 total = 0;
  guint n_after;

  if (pending->len == 0)
    return;

  groups = collect_orphans (self, cancel_error);
  if (groups == NULL || groups->len == 0)
    return;

  for (guint i = 0; i < groups->len; i++)
    total += ((OrphanGroup *) g_ptr_array_index (groups, i))->rows;

  /* The first migration of the plan is the one that fails; prefer to point
   * at its table rebuild, the step people expect to be the culprit */
  first = g_ptr_array_index (pending, 0);
  operations = pf_migration_get_operations (first);
  for (guint i = 0; operations != NULL && i < operations->len && rebuild == NULL; i++)
    if (operation_rebuilds_sqlite_table (g_ptr_array_index (operations, i)))
      rebuild = g_ptr_array_index (operations, i);

  worst = g_ptr_array_index (groups, 0);
  label = dup_migration_label (first);
  rows = format_count (worst->rows);
  noun = dup_parent_noun (self, worst->parent);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: "Migration scheduling.0024_x will fail with
                                         * IntegrityError because 300 rows in scheduling_staffprofile
                                         * point to missing users" */
                                        "Migration %s will fail with IntegrityError because %s row in %s points to missing %s",
                                        "Migration %s will fail with IntegrityError because %s rows in %s point to missing %s",
                                        worst->rows),
                           label, rows, worst->table, noun);

  total_text = format_count (total);
  n_after = pending->len - 1;
  explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "On SQLite, Django checks every foreign key in the whole database after each migration, "
                                              "and %s row anywhere points to a record that does not exist. The migration is rolled back, "
                                              "so it and the %u after it cannot be applied until the broken links are fixed. "
                                              "Faking the migrations instead only hides the problem.",
                                              "On SQLite, Django checks every foreign key in the whole database after each migration, "
                                              "and %s rows anywhere point to records that do not exist. The migration is rolled back, "
                                              "so it and the %u after it cannot be applied until the broken links are fixed. "
                                              "Faking the migrations instead only hides the problem.",
                                              total),
                                 total_text, n_after);

  detail = g_string_new (NULL);
  g_string_append (detail, _("django/db/backends/sqlite3/schema.py: DatabaseSchemaEditor.__exit__() calls "
                             "connection.check_constraints(), which runs PRAGMA foreign_key_check and "
                             "raises IntegrityError for the first violation."));
  if (rebuild != NULL)
    {
      g_string_append_c (detail, ' ');
      /* Translators: %s is a Django operation ("AlterField") and %u a line number */
      g_string_append_printf (detail, _("Its %s (line %u) also rebuilds the table (create, copy, drop, rename)."),
                              rebuild->kind, rebuild->line);
    }
  g_string_append (detail, "\n");
  for (guint i = 0; i < groups->len; i++)
    {
      const OrphanGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *count = format_count (group->rows);

      /* Translators: "scheduling_staffprofile → scheduling_user: 300 rows" */
      g_string_append_printf (detail, _("%s → %s: %s rows\n"), group->table, group->parent, count);
    }

  problem = add_problem (self, PF_MIGRATION_PROBLEM_WILL_FAIL, first, rebuild,
                         worst->table, NULL);
  pf_migration_problem_set_count (problem, total);
  pf_migration_problem_set_title (problem, title);
  pf_migration_problem_set_explanation (problem, explanation);
  g_strchomp (detail->str);
  pf_migration_problem_set_detail (problem, detail->str);
  pf_migration_problem_set_fix (problem, _("Fix or delete the orphaned rows (run “preflight-cli check” for the "
                                           "rows and a script to review), then run “python manage.py migrate”."));
}

/* ---- uniqueness, NOT NULL, existence ------------------------------------- */

/* TRUE when @table already has a unique key (or primary key) on exactly
 * @columns, in any order */
static gboolean
has_unique_key (PfTable            *table,
                const char * const *columns)
{
  GPtrArray *indexes = pf_table_get_indexes (table);
  guint n = g_strv_length ((char **) columns);

  for (guint i = 0; i < indexes->len; i++)
    {
      PfIndex *index = g_ptr_array_index (indexes, i);
      gboolean all = TRUE;

      if (!index->unique || index->partial || index->columns == NULL ||
          g_strv_length (index->columns) != n)
        continue;
      for (guint j = 0; j < n && all; j++)
        all = g_strv_contains ((const char * const *) index->columns, columns[j]);
      if (all)
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_columns (PfTable            *table,
             const char * const *columns)
{
  for (guint i = 0; columns[i] != NULL; i++)
    if (pf_table_lookup_column (table, columns[i]) == NULL)
      return FALSE;

  return TRUE;
}

/* Rows that share their values of @columns with another row (NULLs never
 * collide, in SQLite as in PostgreSQL) */
static gint64
count_duplicates (Predictor           *self,
                  PfTable             *table,
                  const char * const  *columns,
                  GError             **cancel_error)
{
  g_autofree char *quoted_table = dup_quoted_table (table);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GString) not_null = g_string_new (NULL);
  g_autofree char *sql = NULL;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *quoted = pf_sql_quote_identifier (columns[i]);

      g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", quoted);
      g_string_append_printf (not_null, "%s%s IS NOT NULL", i > 0 ? " AND " : "", quoted);
    }

  sql = g_strdup_printf ("SELECT COALESCE(SUM(\"n\"), 0) FROM "
                         "(SELECT COUNT(*) AS \"n\" FROM %s WHERE %s GROUP BY %s HAVING COUNT(*) > 1) AS \"d\"",
                         quoted_table, not_null->str, list->str);

  return query_count (self, sql, 0, NULL, cancel_error);
}

static void
predict_unique (Predictor            *self,
                PfMigration          *migration,
                PfMigrationOperation *operation,
                const char           *table_name,
                const char * const   *columns,
                gboolean              known_new)
{
  g_autoptr(GError) cancel_error = NULL;
  g_autofree char *label = dup_migration_label (migration);
  g_autofree char *joined = NULL;
  PfMigrationProblem *problem;
  PfTable *table = lookup_live_table (self, table_name);
  gint64 duplicates;

  if (table == NULL || columns == NULL || columns[0] == NULL || !has_columns (table, columns))
    return;
  if (has_unique_key (table, columns))
    return;

  joined = g_strjoinv (", ", (char **) columns);
  duplicates = count_duplicates (self, table, columns, &cancel_error);

  if (duplicates > 0)
    {
      g_autofree char *rows = format_count (duplicates);
      g_autofree char *title = NULL;
      g_autofree char *explanation = NULL;

      problem = add_problem (self, PF_MIGRATION_PROBLEM_WILL_FAIL, migration, operation,
                             table_name, columns[1] == NULL ? columns[0] : NULL);
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: "Migration scheduling.0025_x will fail: 12 rows of
                                             * scheduling_unit repeat a value of (code) that must become unique" */
                                            "Migration %s will fail: %s row of %s repeats a value of (%s) that must become unique",
                                            "Migration %s will fail: %s rows of %s repeat a value of (%s) that must become unique",
                                            duplicates),
                               label, rows, table_name, joined);
      explanation = g_strdup (_("The migration makes these values unique, but some rows already share them. "
                                "The database refuses to build the unique index and the migration stops."));
      pf_migration_problem_set_title (problem, title);
      pf_migration_problem_set_explanation (problem, explanation);
      pf_migration_problem_set_detail (problem,
                                       self->postgresql
                                       ? _("CREATE UNIQUE INDEX / ADD CONSTRAINT … UNIQUE fails with SQLSTATE 23505 (unique_violation).")
                                       : _("CREATE UNIQUE INDEX fails with “UNIQUE constraint failed”."));
      pf_migration_problem_set_fix (problem, _("Merge or correct the duplicate rows before migrating "
                                               "(preflight-cli check lists duplicate values)."));
      pf_migration_problem_set_count (problem, duplicates);
    }
  else if (duplicates == 0 && known_new)
    {
      g_autofree char *title = NULL;
      g_autofree char *explanation = NULL;
      g_autofree char *rows = format_count (table_rows (table));

      problem = add_problem (self, PF_MIGRATION_PROBLEM_RISKY_OPERATION, migration, operation,
                             table_name, columns[1] == NULL ? columns[0] : NULL);
      /* Translators: "Migration scheduling.0025_x adds a unique constraint on scheduling_unit (code)" */
      title = g_strdup_printf (_("Migration %s adds a unique constraint on %s (%s)"), label, table_name, joined);
      explanation = g_strdup_printf (_("No rows break it today, but from now on the database refuses repeated "
                                       "values: code still running that writes them will get errors. "
                                       "Building it reads all %s rows while writes wait."), rows);
      pf_migration_problem_set_title (problem, title);
      pf_migration_problem_set_explanation (problem, explanation);
      pf_migration_problem_set_count (problem, table_rows (table));
    }

  if (cancel_error != NULL)
    g_debug ("Cancelled while counting duplicates");
}

static void
predict_not_null (Predictor            *self,
                  PfMigration          *migration,
                  PfMigrationOperation *operation,
                  const char           *table_name,
                  const char           *column)
{
  g_autoptr(GError) cancel_error = NULL;
  g_autofree char *quoted_table = NULL;
  g_autofree char *quoted_column = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *label = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *title = NULL;
  PfMigrationProblem *problem;
  PfTable *table = lookup_live_table (self, table_name);
  PfColumn *live;
  gint64 nulls;

  if (table == NULL || column == NULL)
    return;
  live = pf_table_lookup_column (table, column);
  if (live == NULL || live->not_null)
    return;

  quoted_table = dup_quoted_table (table);
  quoted_column = pf_sql_quote_identifier (column);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM %s WHERE %s IS NULL", quoted_table, quoted_column);
  nulls = query_count (self, sql, 0, NULL, &cancel_error);
  if (nulls <= 0)
    return;

  label = dup_migration_label (migration);
  rows = format_count (nulls);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: "Migration scheduling.0025_x will fail: 25 rows of
                                         * scheduling_accesslog have no user_id, which becomes required" */
                                        "Migration %s will fail: %s row of %s has no %s, which becomes required",
                                        "Migration %s will fail: %s rows of %s have no %s, which becomes required",
                                        nulls),
                           label, rows, table_name, column);
  problem = add_problem (self, PF_MIGRATION_PROBLEM_WILL_FAIL, migration, operation, table_name, column);
  pf_migration_problem_set_title (problem, title);
  pf_migration_problem_set_explanation (problem, _("The migration makes the column required (NOT NULL) without "
                                                   "a default to fill the empty rows with, so the database refuses it."));
  pf_migration_problem_set_detail (problem,
                                   self->postgresql
                                   ? _("ALTER TABLE … ALTER COLUMN … SET NOT NULL fails with SQLSTATE 23502 (not_null_violation).")
                                   : _("Copying the rows into the rebuilt table fails with “NOT NULL constraint failed”."));
  pf_migration_problem_set_fix (problem, _("Fill the empty values first (a data migration), or give the field a "
                                           "default so Django fills them."));
  pf_migration_problem_set_count (problem, nulls);
}

static gboolean
table_is_empty (Predictor *self,
                PfTable   *table,
                GError   **cancel_error)
{
  g_autofree char *quoted = dup_quoted_table (table);
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM (SELECT 1 FROM %s LIMIT 1) AS \"x\"", quoted);

  return query_count (self, sql, 0, NULL, cancel_error) == 0;
}

static void
predict_risky (Predictor            *self,
               PfMigration          *migration,
               PfMigrationOperation *operation,
               const char           *table,
               const char           *column,
               gint64                count,
               const char           *title,
               const char           *explanation)
{
  PfMigrationProblem *problem;

  problem = add_problem (self, PF_MIGRATION_PROBLEM_RISKY_OPERATION, migration, operation, table, column);
  pf_migration_problem_set_title (problem, title);
  pf_migration_problem_set_explanation (problem, explanation);
  pf_migration_problem_set_count (problem, count);
  pf_migration_problem_set_detail (problem, operation->kind);
}

static const char *
old_code_breaks (void)
{
  return _("Code still running from the previous release keeps using the old name or data and breaks "
           "as soon as the migration runs: deploy the new code and migrate together, or split the "
           "change over two releases.");
}

/* ---- one operation ------------------------------------------------------- */

static gboolean is_extension_operation (const char *kind);

static void
predict_operation (Predictor            *self,
                   PfMigration          *migration,
                   PfMigrationOperation *operation,
                   GError              **cancel_error)
{
  const char *app = pf_migration_get_app (migration);
  const char *kind = operation->kind;
  const char *model = pf_migration_operation_get_string (operation, "model_name");
  const char *name = pf_migration_operation_get_string (operation, "name");
  g_autofree char *storage = NULL;
  g_autofree char *label = dup_migration_label (migration);
  const char *table_name;
  PfTable *table;

  if (kind == NULL)
    return;

  if (g_str_equal (kind, "SeparateDatabaseAndState"))
    {
      for (guint i = 0; operation->database_operations != NULL && i < operation->database_operations->len; i++)
        predict_operation (self, migration, g_ptr_array_index (operation->database_operations, i), cancel_error);
      return;
    }

  /* Operations on a model name it "name"; field operations "model_name" */
  if (model == NULL && (g_str_equal (kind, "CreateModel") || g_str_equal (kind, "DeleteModel") ||
                        g_str_equal (kind, "AlterUniqueTogether") || g_str_equal (kind, "AlterIndexTogether") ||
                        g_str_equal (kind, "AlterModelTable")))
    model = name;
  table_name = model_table (self, app, model, &storage);
  table = lookup_live_table (self, table_name);

  if (g_str_equal (kind, "CreateModel"))
    {
      JsonObject *options = NULL;
      JsonNode *node = pf_migration_operation_get_argument (operation, "options");
      const char *db_table = NULL;
      g_autofree char *lower = NULL;
      g_autofree char *title = NULL;
      PfMigrationProblem *problem;

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        options = json_node_get_object (node);
      if (kwarg_is_true (options, "proxy") ||
          (options != NULL && json_object_has_member (options, "managed") &&
           !kwarg_is_true (options, "managed")))
        return;
      if (options != NULL && json_object_has_member (options, "db_table") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (options, "db_table")))
        db_table = json_object_get_string_member (options, "db_table");
      if (db_table == NULL && name != NULL)
        {
          lower = g_ascii_strdown (name, -1);
          g_free (storage);
          storage = g_strconcat (app, "_", lower, NULL);
          db_table = storage;
        }

      table = lookup_live_table (self, db_table);
      if (table == NULL)
        return;

      /* Translators: "Migration scheduling.0018_x will fail: the table scheduling_staffcertification already exists" */
      title = g_strdup_printf (_("Migration %s will fail: the table %s already exists"), label, db_table);
      problem = add_problem (self, PF_MIGRATION_PROBLEM_WILL_FAIL, migration, operation, db_table, NULL);
      pf_migration_problem_set_title (problem, title);
      pf_migration_problem_set_explanation (problem, _("The migration creates a table the database already has, "
                                                       "probably made by hand or by a migration that was rolled back "
                                                       "from the history but not from the schema."));
      pf_migration_problem_set_detail (problem,
                                       self->postgresql
                                       ? _("CREATE TABLE fails with SQLSTATE 42P07 (duplicate_table).")
                                       : _("CREATE TABLE fails with “table … already exists”."));
      pf_migration_problem_set_fix (problem, _("If the table matches the model, record the migration with "
                                               "“python manage.py migrate --fake-initial”; otherwise rename or "
                                               "drop the stray table after a backup."));
      pf_migration_problem_set_count (problem, table_rows (table));
      return;
    }

  if (g_str_equal (kind, "AddField"))
    {
      JsonNode *field = pf_migration_operation_get_argument (operation, "field");
      JsonObject *kwargs = call_kwargs (field);
      const char *field_class = call_class (field);
      g_autofree char *column = dup_field_column (name, field);
      gboolean nullable = kwarg_is_true (kwargs, "null");
      gboolean has_default = has_effective_default (field);

      if (table == NULL || column == NULL)
        return;

      /* A required column with nothing to put in the existing rows: Django
       * asks for a one-off default at makemigrations time, so a file
       * without one was written by hand */
      if (!nullable && !has_default && !kwarg_is_true (kwargs, "primary_key") &&
          field_class != NULL && !g_str_has_suffix (field_class, "AutoField") &&
          !table_is_empty (self, table, cancel_error))
        {
          g_autofree char *rows = format_count (table_rows (table));
          g_autofree char *title = NULL;
          PfMigrationProblem *problem;

          /* Translators: "Migration scheduling.0025_x will fail: scheduling_unit.manager is required but
           * its 40 existing rows get no value" */
          title = g_strdup_printf (_("Migration %s will fail: %s.%s is required but its %s existing rows get no value"),
                                   label, table_name, column, rows);
          problem = add_problem (self, PF_MIGRATION_PROBLEM_WILL_FAIL, migration, operation, table_name, column);
          pf_migration_problem_set_title (problem, title);
          pf_migration_problem_set_explanation (problem, _("The new column may not be empty, has no default, and the "
                                                           "table already has rows, so the database refuses to add it."));
          pf_migration_problem_set_detail (problem,
                                           self->postgresql
                                           ? _("ALTER TABLE … ADD COLUMN … NOT NULL fails with SQLSTATE 23502 (not_null_violation).")
                                           : _("Copying the rows into the rebuilt table fails with “NOT NULL constraint failed”."));
          pf_migration_problem_set_fix (problem, _("Give the field a default (or null=True) and run makemigrations again."));
          pf_migration_problem_set_count (problem, table_rows (table));
          return;
        }

      if (kwarg_is_true (kwargs, "unique") && kwarg_is_set (kwargs, "default") && table_rows (table) >= 2)
        {
          g_autofree char *rows = format_count (table_rows (table));
          g_autofree char *title = NULL;
          PfMigrationProblem *problem;

          title = g_strdup_printf (_("Migration %s will fail: %s.%s must be unique but all %s rows get the same default"),
                                   label, table_name, column, rows);
          problem = add_problem (self, PF_MIGRATION_PROBLEM_WILL_FAIL, migration, operation, table_name, column);
          pf_migration_problem_set_title (problem, title);
          pf_migration_problem_set_explanation (problem, _("Every existing row receives the default value, so the "
                                                           "new unique constraint is broken the moment it is created."));
          pf_migration_problem_set_count (problem, table_rows (table));
          return;
        }

      if (kwarg_is_true (kwargs, "unique"))
        {
          g_autofree char *title = g_strdup_printf (_("Migration %s adds a unique constraint on %s (%s)"),
                                                    label, table_name, column);

          predict_risky (self, migration, operation, table_name, column, table_rows (table), title,
                         _("From now on the database refuses repeated values in this column: code still "
                           "running that writes them will get errors."));
        }

      if (has_default && table_rows (table) > BIG_TABLE_ROWS)
        {
          g_autofree char *rows = format_count (table_rows (table));
          g_autofree char *title = g_strdup_printf (_("Migration %s adds a column with a default to %s (%s rows)"),
                                                    label, table_name, rows);

          if (!self->postgresql)
            predict_risky (self, migration, operation, table_name, column, table_rows (table), title,
                           _("On SQLite Django adds the column by rebuilding the table: every row is copied "
                             "while the database is locked."));
          else if (self->server_major > 0 && self->server_major < 11)
            predict_risky (self, migration, operation, table_name, column, table_rows (table), title,
                           _("Before PostgreSQL 11, adding a column with a default rewrites every row "
                             "while the table is locked against reads and writes."));
          /* PostgreSQL 11+ stores a constant default in the catalogue
           * (Django's defaults are always constants: it evaluates callables
           * once in Python), so ADD COLUMN … DEFAULT and the DROP DEFAULT
           * that follows are instant whatever the size */
        }
      return;
    }

  if (g_str_equal (kind, "AlterField"))
    {
      JsonNode *field = pf_migration_operation_get_argument (operation, "field");
      JsonObject *kwargs = call_kwargs (field);
      const char *field_class = call_class (field);
      g_autofree char *column = dup_field_column (name, field);
      PfExpectedColumn *old = lookup_expected_column (self, table_name, column);

      if (table == NULL || column == NULL)
        return;

      if (!kwarg_is_true (kwargs, "null") && !has_effective_default (field) &&
          (old == NULL || old->null))
        predict_not_null (self, migration, operation, table_name, column);

      if ((kwarg_is_true (kwargs, "unique") || kwarg_is_true (kwargs, "primary_key")) &&
          (old == NULL || !old->unique))
        {
          const char *columns[] = { column, NULL };

          predict_unique (self, migration, operation, table_name, columns, old != NULL);
        }

      if (old != NULL && old->field_type != NULL && field_class != NULL &&
          !g_str_equal (old->field_type, field_class))
        {
          g_autofree char *rows = format_count (table_rows (table));
          g_autofree char *title = NULL;

          /* Translators: "Migration x changes scheduling_shift.status from CharField to IntegerField (12,000 rows)" */
          title = g_strdup_printf (_("Migration %s changes %s.%s from %s to %s (%s rows)"),
                                   label, table_name, column, old->field_type, field_class, rows);
          predict_risky (self, migration, operation, table_name, column, table_rows (table), title,
                         self->postgresql
                         ? _("Changing a column's type rewrites the whole table (and its indexes) while it is "
                             "locked against reads and writes; values that do not convert stop the migration.")
                         : _("On SQLite Django rebuilds the table: every row is copied into a new table while "
                             "the database is locked; values that do not convert stop the migration."));
        }
      else if (!self->postgresql && table_rows (table) > BIG_TABLE_ROWS)
        {
          g_autofree char *rows = format_count (table_rows (table));
          g_autofree char *title = g_strdup_printf (_("Migration %s rebuilds %s (%s rows)"), label, table_name, rows);

          predict_risky (self, migration, operation, table_name, column, table_rows (table), title,
                         _("On SQLite Django alters a column by rebuilding the table: every row is copied "
                           "while the database is locked."));
        }
      return;
    }

  if (g_str_equal (kind, "RemoveField") || g_str_equal (kind, "RenameField") ||
      g_str_equal (kind, "RenameModel") || g_str_equal (kind, "DeleteModel"))
    {
      g_autofree char *title = NULL;
      g_autofree char *rows = format_count (table_rows (table));
      const char *subject = table_name != NULL ? table_name : (model != NULL ? model : "?");

      if (g_str_equal (kind, "RemoveField"))
        /* Translators: "Migration x removes scheduling_accesslog.user_agent (6,000 rows of data)" */
        title = g_strdup_printf (_("Migration %s removes %s.%s (%s rows of data)"), label, subject, name, rows);
      else if (g_str_equal (kind, "RenameField"))
        title = g_strdup_printf (_("Migration %s renames %s.%s to %s"), label, subject,
                                 pf_migration_operation_get_string (operation, "old_name"),
                                 pf_migration_operation_get_string (operation, "new_name"));
      else if (g_str_equal (kind, "RenameModel"))
        title = g_strdup_printf (_("Migration %s renames the model %s to %s"), label,
                                 pf_migration_operation_get_string (operation, "old_name"),
                                 pf_migration_operation_get_string (operation, "new_name"));
      else
        title = g_strdup_printf (_("Migration %s deletes the table %s (%s rows)"), label, subject, rows);

      predict_risky (self, migration, operation, table_name,
                     g_str_equal (kind, "RemoveField") ? name : NULL,
                     table != NULL ? table_rows (table) : -1, title, old_code_breaks ());
      return;
    }

  if (g_str_equal (kind, "AddIndex") || g_str_equal (kind, "AlterIndexTogether"))
    {
      g_autofree char *rows = NULL;
      g_autofree char *title = NULL;

      if (!self->postgresql || table == NULL || table_rows (table) <= BIG_TABLE_ROWS)
        return;

      rows = format_count (table_rows (table));
      /* Translators: "Migration x builds an index on scheduling_shift (250,000 rows) without CONCURRENTLY" */
      title = g_strdup_printf (_("Migration %s builds an index on %s (%s rows) without CONCURRENTLY"),
                               label, table_name, rows);
      predict_risky (self, migration, operation, table_name, NULL, table_rows (table), title,
                     _("CREATE INDEX blocks every write to the table until the index is built. Use "
                       "AddIndexConcurrently (django.contrib.postgres.operations) in a migration with "
                       "atomic = False."));
      return;
    }

  if (g_str_equal (kind, "AddConstraint"))
    {
      JsonNode *constraint = pf_migration_operation_get_argument (operation, "constraint");
      JsonObject *ckwargs = call_kwargs (constraint);
      JsonArray *fields;
      g_autoptr(GPtrArray) columns = NULL;

      if (g_strcmp0 (call_class (constraint), "UniqueConstraint") != 0 || ckwargs == NULL ||
          !json_object_has_member (ckwargs, "fields") ||
          !JSON_NODE_HOLDS_ARRAY (json_object_get_member (ckwargs, "fields")))
        return;

      fields = json_object_get_array_member (ckwargs, "fields");
      columns = g_ptr_array_new_null_terminated (4, g_free, TRUE);
      for (guint i = 0; i < json_array_get_length (fields); i++)
        {
          const char *field_name = json_array_get_string_element (fields, i);
          g_autofree char *with_id = g_strconcat (field_name, "_id", NULL);

          if (lookup_expected_column (self, table_name, field_name) == NULL &&
              lookup_expected_column (self, table_name, with_id) != NULL)
            g_ptr_array_add (columns, g_steal_pointer (&with_id));
          else
            g_ptr_array_add (columns, g_strdup (field_name));
        }

      /* A condition (partial index) cannot be evaluated here: only the risk */
      if (kwarg_is_set (ckwargs, "condition"))
        {
          g_autofree char *joined = g_strjoinv (", ", (char **) columns->pdata);
          g_autofree char *title = g_strdup_printf (_("Migration %s adds a unique constraint on %s (%s)"),
                                                    label, table_name, joined);

          predict_risky (self, migration, operation, table_name, NULL, table_rows (table), title,
                         _("From now on the database refuses repeated values: code still running that "
                           "writes them will get errors."));
          return;
        }

      predict_unique (self, migration, operation, table_name, (const char * const *) columns->pdata, TRUE);
      return;
    }

  if (g_str_equal (kind, "AlterUniqueTogether"))
    {
      JsonNode *node = pf_migration_operation_get_argument (operation, "unique_together");
      JsonArray *sets;

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        return;
      sets = json_node_get_array (node);

      /* unique_together = ("a", "b") is one set; (("a", "b"),) many */
      for (guint i = 0; i < json_array_get_length (sets); i++)
        {
          JsonNode *element = json_array_get_element (sets, i);
          JsonArray *set = JSON_NODE_HOLDS_ARRAY (element) ? json_node_get_array (element) : sets;
          g_autoptr(GPtrArray) columns = g_ptr_array_new_null_terminated (4, g_free, TRUE);

          for (guint j = 0; j < json_array_get_length (set); j++)
            {
              const char *field_name = json_array_get_string_element (set, j);
              g_autofree char *with_id = g_strconcat (field_name, "_id", NULL);

              if (lookup_expected_column (self, table_name, field_name) == NULL &&
                  lookup_expected_column (self, table_name, with_id) != NULL)
                g_ptr_array_add (columns, g_steal_pointer (&with_id));
              else
                g_ptr_array_add (columns, g_strdup (field_name));
            }
          predict_unique (self, migration, operation, table_name, (const char * const *) columns->pdata, TRUE);

          if (set == sets)
            break;
        }
      return;
    }

  if (g_str_equal (kind, "RunPython") || g_str_equal (kind, "RunSQL"))
    {
      gboolean python = g_str_equal (kind, "RunPython");
      JsonNode *reverse = pf_migration_operation_get_argument (operation, python ? "reverse_code" : "reverse_sql");
      g_autofree char *title = NULL;

      if (reverse != NULL && !JSON_NODE_HOLDS_NULL (reverse))
        return;

      title = python
              /* Translators: "Migration x runs Python code that cannot be undone" */
              ? g_strdup_printf (_("Migration %s runs Python code that cannot be undone"), label)
              : g_strdup_printf (_("Migration %s runs SQL that cannot be undone"), label);
      predict_risky (self, migration, operation, NULL, NULL, -1, title,
                     python
                     ? _("The RunPython operation has no reverse_code, so Django cannot migrate back past "
                         "it: rolling back means restoring the backup.")
                     : _("The RunSQL operation has no reverse_sql, so Django cannot migrate back past it: "
                         "rolling back means restoring the backup."));
      return;
    }

  if (is_extension_operation (kind) && self->postgresql)
    {
      const char *extension = name;
      const char *params[1];
      g_autofree char *title = NULL;
      PfMigrationProblem *problem;
      gint64 available;

      if (g_str_equal (kind, "TrigramExtension")) extension = "pg_trgm";
      else if (g_str_equal (kind, "BtreeGinExtension")) extension = "btree_gin";
      else if (g_str_equal (kind, "BtreeGistExtension")) extension = "btree_gist";
      else if (g_str_equal (kind, "CITextExtension")) extension = "citext";
      else if (g_str_equal (kind, "CryptoExtension")) extension = "pgcrypto";
      else if (g_str_equal (kind, "HStoreExtension")) extension = "hstore";
      else if (g_str_equal (kind, "UnaccentExtension")) extension = "unaccent";
      else if (g_str_equal (kind, "BloomExtension")) extension = "bloom";
      if (extension == NULL)
        return;

      params[0] = extension;
      available = query_count (self, "SELECT COUNT(*) FROM pg_available_extensions WHERE name = $1",
                               1, params, cancel_error);
      if (available != 0)
        return;

      /* Translators: "Migration x will fail: the server does not offer the extension pg_trgm" */
      title = g_strdup_printf (_("Migration %s will fail: the server does not offer the extension %s"),
                               label, extension);
      problem = add_problem (self, PF_MIGRATION_PROBLEM_WILL_FAIL, migration, operation, NULL, NULL);
      pf_migration_problem_set_title (problem, title);
      pf_migration_problem_set_explanation (problem, _("The migration runs CREATE EXTENSION, but the extension is not "
                                                       "installed on the database server, so PostgreSQL refuses it."));
      pf_migration_problem_set_detail (problem, _("CREATE EXTENSION fails with SQLSTATE 0A000 or 58P01: the control "
                                                  "file is missing from the server (pg_available_extensions does not list it)."));
      pf_migration_problem_set_fix (problem, _("Install the extension's package on the server (often postgresql-contrib) "
                                               "before migrating."));
      return;
    }
}

static gboolean
is_extension_operation (const char *kind)
{
  return g_str_equal (kind, "CreateExtension") || g_str_has_suffix (kind, "Extension");
}

/* ---- entry point --------------------------------------------------------- */

GPtrArray *
pf_migration_risks_predict (PfDatabase        *connection,
                            PfSchema          *schema,
                            PfMigrationGraph  *graph,
                            const char        *auth_user_model,
                            PfReport          *integrity,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PfMigrationStateReplay) replay = NULL;
  g_autoptr(GError) cancel_error = NULL;
  GPtrArray *applied;
  GPtrArray *pending;
  Predictor self = { 0 };

  g_return_val_if_fail (PF_IS_DATABASE (connection), NULL);
  g_return_val_if_fail (PF_IS_SCHEMA (schema), NULL);
  g_return_val_if_fail (PF_IS_MIGRATION_GRAPH (graph), NULL);
  g_return_val_if_fail (integrity == NULL || PF_IS_REPORT (integrity), NULL);

  replay = pf_migration_state_replay_new (auth_user_model);
  applied = pf_migration_graph_get_applied (graph);
  for (guint i = 0; i < applied->len; i++)
    pf_migration_state_replay_apply (replay, g_ptr_array_index (applied, i));

  self.connection = connection;
  self.schema = schema;
  self.integrity = integrity;
  self.cancellable = cancellable;
  self.replay = replay;
  self.problems = problems;
  self.postgresql = pf_database_get_kind (connection) == PF_DATABASE_KIND_POSTGRESQL;
  if (self.postgresql && pf_database_get_server_version (connection) != NULL)
    self.server_major = (int) g_ascii_strtoll (pf_database_get_server_version (connection), NULL, 10);

  pending = pf_migration_graph_get_pending (graph);

  if (!self.postgresql)
    predict_sqlite_foreign_key_check (&self, pending, &cancel_error);

  /* In plan order, each migration seen with the state the ones before it
   * leave behind */
  for (guint i = 0; i < pending->len && cancel_error == NULL; i++)
    {
      PfMigration *migration = g_ptr_array_index (pending, i);
      GPtrArray *operations = pf_migration_get_operations (migration);

      for (guint j = 0; operations != NULL && j < operations->len && cancel_error == NULL; j++)
        predict_operation (&self, migration, g_ptr_array_index (operations, j), &cancel_error);

      pf_migration_state_replay_apply (replay, migration);
    }

  if (cancel_error == NULL && g_cancellable_is_cancelled (cancellable))
    g_cancellable_set_error_if_cancelled (cancellable, &cancel_error);

  if (cancel_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&cancel_error));
      return NULL;
    }

  return g_steal_pointer (&problems);
}
