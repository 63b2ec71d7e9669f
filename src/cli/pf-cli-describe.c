/* pf-cli-describe.c — preflight-cli describe: what is in this database?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "preflight-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pf-cli-describe.h"
#include "pf-cli-table.h"
#include "pf-cli-target.h"

#define DESCRIBE_SCHEMA "preflight-describe/1"

static int
compare_tables (gconstpointer a,
                gconstpointer b)
{
  PfTable *table_a = *(PfTable * const *) a;
  PfTable *table_b = *(PfTable * const *) b;

  return g_strcmp0 (pf_table_get_display_name (table_a),
                    pf_table_get_display_name (table_b));
}

/* The schema's tables sorted by name, so output is stable whatever order
 * the database listed them in. */
static GPtrArray *
dup_sorted_tables (PfSchema *schema)
{
  GListModel *model = G_LIST_MODEL (schema);
  guint n_items = g_list_model_get_n_items (model);
  GPtrArray *tables = g_ptr_array_new_full (n_items, g_object_unref);

  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (tables, g_list_model_get_item (model, i));
  g_ptr_array_sort (tables, compare_tables);

  return tables;
}

static const char *
kind_id (PfDatabaseKind kind)
{
  return kind == PF_DATABASE_KIND_POSTGRESQL ? "postgresql" : "sqlite";
}

static const char *
kind_label (PfDatabaseKind kind)
{
  return kind == PF_DATABASE_KIND_POSTGRESQL ? _("PostgreSQL") : _("SQLite");
}

static char *
format_count (gint64 count)
{
  /* %' groups thousands the way the user's locale does */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

static char *
format_rows (PfTable *table)
{
  gint64 rows = pf_table_get_row_estimate (table);
  g_autofree char *count = NULL;

  if (rows < 0)
    return g_strdup ("?");

  count = format_count (rows);
  if (pf_table_get_row_estimate_is_exact (table))
    return g_steal_pointer (&count);

  /* An estimate (PostgreSQL statistics), not a count */
  return g_strconcat ("~", count, NULL);
}

static void
print_text (PfDatabase *database,
            PfSchema   *schema)
{
  g_autoptr(GPtrArray) tables = dup_sorted_tables (schema);
  g_autoptr(PfCliTable) header = pf_cli_table_new (2);
  g_autoptr(PfCliTable) list = pf_cli_table_new (4);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *name = pf_cli_display_text (pf_database_get_name (database));
  g_autofree char *location = pf_cli_display_text (pf_database_get_location (database));
  g_autofree char *size = NULL;
  g_autofree char *n_tables = NULL;
  g_autofree char *total_rows = NULL;
  g_autofree char *total_columns = NULL;
  g_autofree char *total_fks = NULL;
  gint64 rows_sum = 0;
  guint columns_sum = 0;
  guint fks_sum = 0;
  gboolean rows_exact = TRUE;
  gboolean rows_known = TRUE;

  if (pf_database_get_size (database) >= 0)
    size = g_format_size (pf_database_get_size (database));
  else
    size = g_strdup (_("unknown"));

  pf_cli_table_add_row (header, _("Name"), name);
  pf_cli_table_add_row (header, _("Kind"), kind_label (pf_database_get_kind (database)));
  pf_cli_table_add_row (header, _("Server version"), pf_database_get_server_version (database));
  pf_cli_table_add_row (header, _("Size"), size);
  pf_cli_table_add_row (header, _("Location"), location);
  pf_cli_table_print (header, out);
  g_string_append_c (out, '\n');

  for (guint c = 1; c < 4; c++)
    pf_cli_table_set_align (list, c, PF_CLI_ALIGN_RIGHT);
  pf_cli_table_add_row (list, _("Table"), _("Rows"), _("Columns"), _("Foreign keys"));

  for (guint i = 0; i < tables->len; i++)
    {
      PfTable *table = g_ptr_array_index (tables, i);
      g_autofree char *display_name = pf_cli_display_text (pf_table_get_display_name (table));
      g_autofree char *rows = format_rows (table);
      g_autofree char *n_columns = NULL;
      g_autofree char *n_fks = NULL;
      guint table_columns = pf_table_get_columns (table)->len;
      guint table_fks = pf_table_get_foreign_keys (table)->len;

      n_columns = format_count (table_columns);
      n_fks = format_count (table_fks);
      pf_cli_table_add_row (list, display_name, rows, n_columns, n_fks);

      columns_sum += table_columns;
      fks_sum += table_fks;
      if (pf_table_get_row_estimate (table) < 0)
        rows_known = FALSE;
      else
        rows_sum += pf_table_get_row_estimate (table);
      if (!pf_table_get_row_estimate_is_exact (table))
        rows_exact = FALSE;
    }

  n_tables = g_strdup_printf (ngettext ("%u table", "%u tables", tables->len),
                              tables->len);
  total_rows = format_count (rows_sum);
  if (!rows_known || !rows_exact)
    {
      char *approximate = g_strconcat ("~", total_rows, NULL);

      g_free (total_rows);
      total_rows = approximate;
    }
  total_columns = format_count (columns_sum);
  total_fks = format_count (fks_sum);

  pf_cli_table_add_rule (list);
  pf_cli_table_add_row (list, n_tables, total_rows, total_columns, total_fks);
  pf_cli_table_print (list, out);

  g_print ("%s", out->str);
}

static void
add_string_array (JsonBuilder        *builder,
                  const char         *member,
                  const char * const *strv)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_table (JsonBuilder *builder,
           PfTable     *table)
{
  GPtrArray *columns = pf_table_get_columns (table);
  GPtrArray *foreign_keys = pf_table_get_foreign_keys (table);
  GPtrArray *indexes = pf_table_get_indexes (table);
  gint64 rows = pf_table_get_row_estimate (table);

  json_builder_begin_object (builder);

  add_nullable_string (builder, "schema", pf_table_get_schema_name (table));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, pf_table_get_name (table));
  json_builder_set_member_name (builder, "rows");
  if (rows >= 0)
    json_builder_add_int_value (builder, rows);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "rows_exact");
  json_builder_add_boolean_value (builder, rows >= 0 && pf_table_get_row_estimate_is_exact (table));

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < columns->len; i++)
    {
      PfColumn *column = g_ptr_array_index (columns, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, column->name);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, column->type != NULL ? column->type : "");
      json_builder_set_member_name (builder, "not_null");
      json_builder_add_boolean_value (builder, column->not_null);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_string_array (builder, "primary_key", pf_table_get_primary_key (table));

  json_builder_set_member_name (builder, "foreign_keys");
  json_builder_begin_array (builder);
  for (guint i = 0; i < foreign_keys->len; i++)
    {
      PfForeignKey *fk = g_ptr_array_index (foreign_keys, i);

      json_builder_begin_object (builder);
      add_string_array (builder, "columns", (const char * const *) fk->columns);
      add_nullable_string (builder, "parent_schema", fk->parent_schema);
      json_builder_set_member_name (builder, "parent_table");
      json_builder_add_string_value (builder, fk->parent_table);
      add_string_array (builder, "parent_columns", (const char * const *) fk->parent_columns);
      json_builder_set_member_name (builder, "on_delete");
      json_builder_add_string_value (builder, pf_foreign_key_action_to_sql (fk->on_delete));
      json_builder_set_member_name (builder, "not_valid");
      json_builder_add_boolean_value (builder, fk->not_valid);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "indexes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < indexes->len; i++)
    {
      PfIndex *index = g_ptr_array_index (indexes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, index->name);
      add_string_array (builder, "columns", (const char * const *) index->columns);
      json_builder_set_member_name (builder, "unique");
      json_builder_add_boolean_value (builder, index->unique);
      json_builder_set_member_name (builder, "valid");
      json_builder_add_boolean_value (builder, index->valid);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

static void
print_json (PfDatabase *database,
            PfSchema   *schema)
{
  g_autoptr(GPtrArray) tables = dup_sorted_tables (schema);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gint64 size = pf_database_get_size (database);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_string_value (builder, DESCRIBE_SCHEMA);

  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind_id (pf_database_get_kind (database)));
  add_nullable_string (builder, "name", pf_database_get_name (database));
  add_nullable_string (builder, "location", pf_database_get_location (database));
  add_nullable_string (builder, "server_version", pf_database_get_server_version (database));
  json_builder_set_member_name (builder, "size");
  if (size >= 0)
    json_builder_add_int_value (builder, size);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "tables");
  json_builder_begin_array (builder);
  for (guint i = 0; i < tables->len; i++)
    add_table (builder, g_ptr_array_index (tables, i));
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  pf_cli_print_json (root);
}

static int
pf_cli_describe_run (int           argc,
                     char        **argv,
                     GCancellable *cancellable)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *summary = NULL;
  gboolean json;
  gboolean use_demo = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text (the default) or json"), N_("FORMAT") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &use_demo,
      N_("Describe the bundled demo database instead of a TARGET"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("TARGET"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  summary = g_strdup_printf ("%s\n\n%s",
                             _("Show the tables of a database with their row counts, "
                               "columns and foreign keys."),
                             pf_cli_target_help ());
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("describe", "%s", error->message);

  if (!pf_cli_parse_text_or_json ("describe", format_name, &json))
    return PF_CLI_EXIT_FAILURE;

  if (!pf_cli_check_one_target ("describe", argc, use_demo))
    return PF_CLI_EXIT_FAILURE;

  database = pf_cli_open_target (use_demo ? NULL : argv[1], use_demo, cancellable, &error);
  if (database == NULL)
    return pf_cli_report_error (error, cancellable);

  pf_database_introspect_async (database, cancellable, pf_cli_store_result_cb, &result);
  pf_cli_wait (&result);
  schema = pf_database_introspect_finish (database, result, &error);
  if (schema == NULL)
    return pf_cli_report_error (error, cancellable);

  /* Ctrl+C while the last step was finishing still means "stop". */
  if (g_cancellable_is_cancelled (cancellable))
    return pf_cli_report_cancelled ();

  if (json)
    print_json (database, schema);
  else
    print_text (database, schema);

  pf_database_close (database);

  return PF_CLI_EXIT_OK;
}

const PfCliCommand pf_cli_describe_command = {
  .name = "describe",
  .summary = N_("Show the tables, row counts and foreign keys of a database"),
  .run = pf_cli_describe_run,
};
