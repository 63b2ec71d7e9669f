/* test-rules.c — the --rules file: what it accepts, and every way it says no
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-rules"

#include "config.h"

#include <glib/gstdio.h>

#include "pf-engine.h"
#include "pf-rules.h"

/* The example documented in help/C/rules.page */
static const char full_example[] =
  "{\n"
  "  \"schema\": \"preflight-rules/1\",\n"
  "  \"unique\": [\n"
  "    { \"table\": \"scheduling_user\", \"columns\": [\"email\"] },\n"
  "    { \"table\": \"scheduling_leaveentitlement\", \"columns\": [\"profile_id\", \"leave_year\"] }\n"
  "  ],\n"
  "  \"format\": [\n"
  "    { \"table\": \"scheduling_user\", \"column\": \"sap\",\n"
  "      \"pattern\": \"^[0-9]{6}$\", \"include_references\": true },\n"
  "    { \"table\": \"scheduling_carehome\", \"column\": \"code\", \"pattern\": \"^[A-Z]{3}[0-9]{2}$\" }\n"
  "  ],\n"
  "  \"not_null\": [\n"
  "    { \"table\": \"scheduling_shift\", \"column\": \"unit_id\" }\n"
  "  ],\n"
  "  \"relationships\": [\n"
  "    { \"columns\": \"*_by_id\", \"references\": \"scheduling_user.sap\" },\n"
  "    { \"columns\": \"owner\", \"references\": \"audit.staff.id\" }\n"
  "  ]\n"
  "}\n";

static char *
write_rules (const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "rules", NULL);
  char *path = g_build_filename (dir, "rules.json", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static void
test_rules_full_example (void)
{
  g_autofree char *path = write_rules (full_example);
  g_autoptr(GError) error = NULL;
  g_autoptr(PfRules) rules = NULL;
  PfUniqueRule *unique;
  PfFormatRule *format;
  PfNotNullRule *not_null;
  PfRelationshipRule *relationship;

  rules = pf_rules_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (PF_IS_RULES (rules));

  g_assert_cmpuint (pf_rules_get_unique (rules)->len, ==, 2);
  unique = g_ptr_array_index (pf_rules_get_unique (rules), 0);
  g_assert_cmpstr (unique->table, ==, "scheduling_user");
  g_assert_cmpstrv (unique->columns, ((const char * const[]) { "email", NULL }));
  unique = g_ptr_array_index (pf_rules_get_unique (rules), 1);
  g_assert_cmpstr (unique->table, ==, "scheduling_leaveentitlement");
  g_assert_cmpstrv (unique->columns, ((const char * const[]) { "profile_id", "leave_year", NULL }));

  g_assert_cmpuint (pf_rules_get_formats (rules)->len, ==, 2);
  format = g_ptr_array_index (pf_rules_get_formats (rules), 0);
  g_assert_cmpstr (format->table, ==, "scheduling_user");
  g_assert_cmpstr (format->column, ==, "sap");
  g_assert_cmpstr (format->pattern, ==, "^[0-9]{6}$");
  g_assert_true (format->include_references);
  format = g_ptr_array_index (pf_rules_get_formats (rules), 1);
  g_assert_cmpstr (format->column, ==, "code");
  /* include_references is optional and off by default */
  g_assert_false (format->include_references);

  g_assert_cmpuint (pf_rules_get_not_null (rules)->len, ==, 1);
  not_null = g_ptr_array_index (pf_rules_get_not_null (rules), 0);
  g_assert_cmpstr (not_null->table, ==, "scheduling_shift");
  g_assert_cmpstr (not_null->column, ==, "unit_id");

  g_assert_cmpuint (pf_rules_get_relationships (rules)->len, ==, 2);
  relationship = g_ptr_array_index (pf_rules_get_relationships (rules), 0);
  g_assert_cmpstr (relationship->columns_glob, ==, "*_by_id");
  g_assert_cmpstr (relationship->references_table, ==, "scheduling_user");
  g_assert_cmpstr (relationship->references_column, ==, "sap");
  /* PostgreSQL: schema.table.column splits at the last dot */
  relationship = g_ptr_array_index (pf_rules_get_relationships (rules), 1);
  g_assert_cmpstr (relationship->references_table, ==, "audit.staff");
  g_assert_cmpstr (relationship->references_column, ==, "id");

  g_unlink (path);
}

static void
test_rules_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfRules) from_data = NULL;
  g_autoptr(PfRules) with_schema = NULL;
  g_autoptr(PfRules) empty_sections = NULL;
  g_autoptr(PfRules) fresh = pf_rules_new ();

  from_data = pf_rules_new_from_data ("{}", -1, &error);
  g_assert_no_error (error);
  with_schema = pf_rules_new_from_data ("{\"schema\": \"preflight-rules/1\"}", -1, &error);
  g_assert_no_error (error);
  empty_sections = pf_rules_new_from_data ("{\"unique\": [], \"format\": [], \"not_null\": [], "
                                           "\"relationships\": []}", -1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 4; i++)
    {
      PfRules *rules = (PfRules *[]) { from_data, with_schema, empty_sections, fresh }[i];

      g_assert_cmpuint (pf_rules_get_unique (rules)->len, ==, 0);
      g_assert_cmpuint (pf_rules_get_formats (rules)->len, ==, 0);
      g_assert_cmpuint (pf_rules_get_not_null (rules)->len, ==, 0);
      g_assert_cmpuint (pf_rules_get_relationships (rules)->len, ==, 0);
    }
}

static void
test_rules_errors (void)
{
  static const struct {
    const char *json;
    const char *message;
  } cases[] = {
    /* Syntax, with the position */
    { "{\n  \"unique\": [\n  }\n",
      "rules.json: line 3, column 3: this is not valid JSON: "
      "unexpected character `}', expected character `]'" },
    { "",
      "rules.json: the file is empty; an empty rules file is {}" },
    { "[]",
      "rules.json: the rules must be one object in curly braces, "
      "such as {\"schema\": \"preflight-rules/1\"}" },
    { "{\"schema\": \"preflight-rules/2\"}",
      "rules.json: “schema” must be \"preflight-rules/1\"" },
    /* Unknown keys, with a hint */
    { "{\"uniqe\": []}",
      "rules.json: unknown key “uniqe”; did you mean “unique”?" },
    { "{\"notnull\": []}",
      "rules.json: unknown key “notnull”; did you mean “not_null”?" },
    { "{\"comments\": \"mine\"}",
      "rules.json: unknown key “comments”; the keys here are “schema”, “unique”, “format”, "
      "“not_null” and “relationships”" },
    { "{\"format\": [{\"table\": \"t\", \"colum\": \"c\", \"pattern\": \"x\"}]}",
      "rules.json: “format” item 1: unknown key “colum”; did you mean “column”?" },
    { "{\"unique\": [{\"table\": \"t\", \"column\": \"email\"}]}",
      "rules.json: “unique” item 1: unknown key “column”; did you mean “columns”?" },
    /* Shapes and types */
    { "{\"unique\": {\"table\": \"t\"}}",
      "rules.json: “unique” must be a list of rules in square brackets" },
    { "{\"not_null\": [{\"table\": \"t\", \"column\": \"c\"}, \"t.c\"]}",
      "rules.json: “not_null” item 2: a rule must be an object in curly braces" },
    { "{\"unique\": [{\"table\": \"t\", \"columns\": \"email\"}]}",
      "rules.json: “unique” item 1: “columns” must be a list of column names, such as [\"email\"]" },
    { "{\"unique\": [{\"table\": \"t\", \"columns\": []}]}",
      "rules.json: “unique” item 1: “columns” must be a list of column names, such as [\"email\"]" },
    { "{\"unique\": [{\"table\": \"t\", \"columns\": [\"a\", 2]}]}",
      "rules.json: “unique” item 1: “columns” must be a list of column names, such as [\"email\"]" },
    { "{\"format\": [{\"table\": 7, \"column\": \"c\", \"pattern\": \"x\"}]}",
      "rules.json: “format” item 1: “table” must be a string in double quotes" },
    { "{\"format\": [{\"table\": \"t\", \"column\": \"\", \"pattern\": \"x\"}]}",
      "rules.json: “format” item 1: “column” must not be empty" },
    { "{\"format\": [{\"table\": \"t\", \"column\": \"c\", \"pattern\": \"x\", "
      "\"include_references\": \"yes\"}]}",
      "rules.json: “format” item 1: “include_references” must be true or false" },
    /* Missing fields */
    { "{\"format\": [{\"table\": \"t\", \"column\": \"c\"}]}",
      "rules.json: “format” item 1: “pattern” is missing" },
    { "{\"not_null\": [{\"column\": \"c\"}]}",
      "rules.json: “not_null” item 1: “table” is missing" },
    { "{\"relationships\": [{\"columns\": \"*_by_id\"}]}",
      "rules.json: “relationships” item 1: “references” is missing" },
    /* Patterns are compiled now, not when the scan runs */
    { "{\"format\": [{\"table\": \"t\", \"column\": \"c\", \"pattern\": \"^x$\"},\n"
      "            {\"table\": \"scheduling_user\", \"column\": \"sap\", \"pattern\": \"^[0-9{6}$\"}]}",
      "rules.json: “format” item 2: the pattern “^[0-9{6}$” is not a valid regular expression: "
      "missing terminating ] for character class (at character 9)" },
    /* Relationships */
    { "{\"relationships\": [{\"columns\": \"*_by_id\", \"references\": \"scheduling_user\"}]}",
      "rules.json: “relationships” item 1: “references” must name a table and a column as "
      "TABLE.COLUMN, such as “scheduling_user.sap”, not “scheduling_user”" },
    { "{\"relationships\": [{\"columns\": \"*_by_id\", \"references\": \"scheduling_user.\"}]}",
      "rules.json: “relationships” item 1: “references” must name a table and a column as "
      "TABLE.COLUMN, such as “scheduling_user.sap”, not “scheduling_user.”" },
    { "{\"relationships\": [{\"columns\": [\"approved_by_id\"], \"references\": \"u.sap\"}]}",
      "rules.json: “relationships” item 1: “columns” must be one column name or pattern as a "
      "string, such as \"*_by_id\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_rules (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(PfRules) rules = NULL;

      g_test_message ("case %u: %s", i, cases[i].json);
      rules = pf_rules_new_from_file (path, &error);
      g_assert_null (rules);
      g_assert_error (error, PF_RULES_ERROR, PF_RULES_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);

      g_unlink (path);
    }
}

static void
test_rules_from_data_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfRules) rules = NULL;

  rules = pf_rules_new_from_data ("{\"not_null\": [{\"table\": \"t\"}]}", -1, &error);
  g_assert_null (rules);
  g_assert_error (error, PF_RULES_ERROR, PF_RULES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "rules: “not_null” item 1: “column” is missing");
}

static void
test_rules_unreadable (void)
{
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "no-such-rules.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PfRules) rules = NULL;

  rules = pf_rules_new_from_file (missing, &error);
  g_assert_null (rules);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpstr (error->message, ==,
                   "Could not read the rules file “no-such-rules.json”: the file does not exist");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rules/full-example", test_rules_full_example);
  g_test_add_func ("/rules/empty", test_rules_empty);
  g_test_add_func ("/rules/errors", test_rules_errors);
  g_test_add_func ("/rules/from-data-errors", test_rules_from_data_errors);
  g_test_add_func ("/rules/unreadable", test_rules_unreadable);

  return g_test_run ();
}
