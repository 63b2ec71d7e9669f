/* test-json-member.c — strict reading of members of Preflight's own JSON
 *
 * Copyright 2026 The Preflight authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pf-engine.h"
#include "pf-json-member.h"

#define DOC \
  "{\"name\": \"Ada\", \"blank\": \"  \\t\", \"none\": null, \"yes\": true," \
  " \"count\": 42, \"negative\": -3, \"big\": 70000, \"list\": [1], \"empty\": []," \
  " \"object\": {\"a\": 1}, \"when\": \"2026-11-21T12:30:05+02:00\"," \
  " \"local\": \"2026-11-21T12:30:05\", \"text_number\": \"42\"}"

static JsonObject *
parse (JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, DOC, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_member_error (GError     *error,
                     const char *message)
{
  g_assert_error (error, PF_JSON_MEMBER_ERROR, PF_JSON_MEMBER_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_strings (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = parse (parser);
  const char *value = "untouched";
  GError *error = NULL;

  g_assert_true (pf_json_member_get_string (object, "name", PF_JSON_MEMBER_NOT_EMPTY, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "Ada");

  /* Absent and null: fine only when optional, and then NULL */
  g_assert_true (pf_json_member_get_string (object, "nothing", PF_JSON_MEMBER_OPTIONAL, &value, &error));
  g_assert_null (value);
  g_assert_true (pf_json_member_get_string (object, "none", PF_JSON_MEMBER_OPTIONAL, &value, &error));
  g_assert_null (value);
  g_assert_no_error (error);

  g_assert_false (pf_json_member_get_string (object, "nothing", PF_JSON_MEMBER_REQUIRED, &value, &error));
  assert_member_error (error, "“nothing” is missing or is not a string.");
  g_clear_error (&error);

  /* A number is not a string, even when optional */
  g_assert_false (pf_json_member_get_string (object, "count", PF_JSON_MEMBER_OPTIONAL, &value, &error));
  assert_member_error (error, "“count” is missing or is not a string.");
  g_assert_null (value);
  g_clear_error (&error);

  /* Blank is a string, but not when it must not be empty */
  g_assert_true (pf_json_member_get_string (object, "blank", PF_JSON_MEMBER_REQUIRED, &value, &error));
  g_assert_cmpstr (value, ==, "  \t");
  g_assert_false (pf_json_member_get_string (object, "blank", PF_JSON_MEMBER_NOT_EMPTY, &value, &error));
  assert_member_error (error, "“blank” is empty.");
  g_clear_error (&error);
}

static void
test_numbers_and_booleans (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = parse (parser);
  gboolean flag = FALSE;
  gint64 number = 0;
  guint unsigned_number = 0;
  GError *error = NULL;

  g_assert_true (pf_json_member_get_boolean (object, "yes", PF_JSON_MEMBER_REQUIRED, FALSE, &flag, &error));
  g_assert_true (flag);
  g_assert_true (pf_json_member_get_boolean (object, "nothing", PF_JSON_MEMBER_OPTIONAL, TRUE, &flag, &error));
  g_assert_true (flag);
  g_assert_no_error (error);
  g_assert_false (pf_json_member_get_boolean (object, "name", PF_JSON_MEMBER_OPTIONAL, FALSE, &flag, &error));
  assert_member_error (error, "“name” is missing or is not true or false.");
  g_clear_error (&error);

  g_assert_true (pf_json_member_get_int (object, "negative", PF_JSON_MEMBER_REQUIRED, 0, &number, &error));
  g_assert_cmpint (number, ==, -3);
  g_assert_true (pf_json_member_get_int (object, "nothing", PF_JSON_MEMBER_OPTIONAL, -1, &number, &error));
  g_assert_cmpint (number, ==, -1);
  g_assert_no_error (error);
  /* "42" is text, not a number */
  g_assert_false (pf_json_member_get_int (object, "text_number", PF_JSON_MEMBER_REQUIRED, 0, &number, &error));
  assert_member_error (error, "“text_number” is missing or is not a whole number.");
  g_clear_error (&error);

  g_assert_true (pf_json_member_get_uint (object, "count", PF_JSON_MEMBER_REQUIRED, 100, 0, &unsigned_number, &error));
  g_assert_cmpuint (unsigned_number, ==, 42);
  g_assert_true (pf_json_member_get_uint (object, "nothing", PF_JSON_MEMBER_OPTIONAL, 100, 7, &unsigned_number, &error));
  g_assert_cmpuint (unsigned_number, ==, 7);
  g_assert_no_error (error);
  g_assert_false (pf_json_member_get_uint (object, "big", PF_JSON_MEMBER_REQUIRED, G_MAXUINT16, 7, &unsigned_number, &error));
  assert_member_error (error, "“big” is missing or is not a whole number in range.");
  g_assert_cmpuint (unsigned_number, ==, 7);
  g_clear_error (&error);
  g_assert_false (pf_json_member_get_uint (object, "negative", PF_JSON_MEMBER_OPTIONAL, G_MAXUINT, 0, &unsigned_number, &error));
  assert_member_error (error, "“negative” is missing or is not a whole number in range.");
  g_clear_error (&error);
}

static void
test_lists_and_objects (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = parse (parser);
  JsonArray *array = NULL;
  JsonObject *inner = NULL;
  GError *error = NULL;

  g_assert_true (pf_json_member_get_array (object, "list", PF_JSON_MEMBER_NOT_EMPTY, &array, &error));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_true (pf_json_member_get_array (object, "empty", PF_JSON_MEMBER_REQUIRED, &array, &error));
  g_assert_cmpuint (json_array_get_length (array), ==, 0);
  g_assert_true (pf_json_member_get_array (object, "none", PF_JSON_MEMBER_OPTIONAL, &array, &error));
  g_assert_null (array);
  g_assert_no_error (error);
  g_assert_false (pf_json_member_get_array (object, "empty", PF_JSON_MEMBER_NOT_EMPTY, &array, &error));
  assert_member_error (error, "“empty” is empty.");
  g_clear_error (&error);
  g_assert_false (pf_json_member_get_array (object, "object", PF_JSON_MEMBER_OPTIONAL, &array, &error));
  assert_member_error (error, "“object” is missing or is not a list in square brackets.");
  g_clear_error (&error);

  g_assert_true (pf_json_member_get_object (object, "object", PF_JSON_MEMBER_REQUIRED, &inner, &error));
  g_assert_true (json_object_has_member (inner, "a"));
  g_assert_true (pf_json_member_get_object (object, "nothing", PF_JSON_MEMBER_OPTIONAL, &inner, &error));
  g_assert_null (inner);
  g_assert_no_error (error);
  g_assert_false (pf_json_member_get_object (object, "list", PF_JSON_MEMBER_OPTIONAL, &inner, &error));
  assert_member_error (error, "“list” is missing or is not an object in curly braces.");
  g_clear_error (&error);

  g_assert_false (pf_json_member_node_get_object (json_object_get_member (object, "list"), "entries", &inner, &error));
  assert_member_error (error, "“entries” is missing or is not an object in curly braces.");
  g_clear_error (&error);
}

static void
test_times (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) written = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  JsonObject *object = parse (parser);
  GError *error = NULL;

  /* Read in any zone, kept in UTC */
  g_assert_true (pf_json_member_get_time (object, "when", PF_JSON_MEMBER_REQUIRED, &when, &error));
  g_assert_no_error (error);
  text = pf_json_member_format_time (when);
  g_assert_cmpstr (text, ==, "2026-11-21T10:30:05Z");
  g_assert_cmpint (g_date_time_get_utc_offset (when), ==, 0);

  /* A time without a zone is not a moment */
  g_clear_pointer (&when, g_date_time_unref);
  g_assert_false (pf_json_member_get_time (object, "local", PF_JSON_MEMBER_OPTIONAL, &when, &error));
  assert_member_error (error, "“local” is missing or is not a date and time.");
  g_assert_null (when);
  g_clear_error (&error);
  g_assert_false (pf_json_member_get_time (object, "count", PF_JSON_MEMBER_REQUIRED, &when, &error));
  assert_member_error (error, "“count” is missing or is not a date and time.");
  g_clear_error (&error);
  g_assert_true (pf_json_member_get_time (object, "none", PF_JSON_MEMBER_OPTIONAL, &when, &error));
  g_assert_null (when);
  g_assert_no_error (error);

  /* Now is whole seconds in UTC */
  now = pf_json_member_time_now ();
  g_assert_cmpint (g_date_time_get_microsecond (now), ==, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (now), ==, 0);

  /* Written back: UTC text, and null for nothing */
  json_builder_begin_object (builder);
  written = g_date_time_new_from_iso8601 ("2026-01-02T03:04:05-01:00", NULL);
  pf_json_member_set_time (builder, "at", written);
  pf_json_member_set_time (builder, "never", NULL);
  pf_json_member_set_string (builder, "who", NULL);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (json, ==, "{\"at\":\"2026-01-02T04:04:05Z\",\"never\":null,\"who\":null}");
}

static void
test_rewrap (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = parse (parser);
  const char *value;
  GError *error = NULL;

  /* A member error is re-filed under the caller's domain, with its context */
  g_assert_false (pf_json_member_get_string (object, "title", PF_JSON_MEMBER_REQUIRED, &value, &error));
  g_assert_false (pf_json_member_error_rewrap (&error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE,
                                               "In the item “%s”, ", "restore-tested"));
  g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE);
  g_assert_cmpstr (error->message, ==, "In the item “restore-tested”, “title” is missing or is not a string.");

  /* Already re-filed by a nested reader: left as it is */
  pf_json_member_error_rewrap (&error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_INVALID_TARGET,
                               "In a saved connection, ");
  g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE);
  g_assert_cmpstr (error->message, ==, "In the item “restore-tested”, “title” is missing or is not a string.");
  g_clear_error (&error);

  /* No error, nothing to do */
  g_assert_false (pf_json_member_error_rewrap (&error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE, NULL));
  g_assert_no_error (error);
  g_assert_false (pf_json_member_error_rewrap (NULL, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-member/strings", test_strings);
  g_test_add_func ("/json-member/numbers-and-booleans", test_numbers_and_booleans);
  g_test_add_func ("/json-member/lists-and-objects", test_lists_and_objects);
  g_test_add_func ("/json-member/times", test_times);
  g_test_add_func ("/json-member/rewrap", test_rewrap);

  return g_test_run ();
}
