/* test-cli-migrations.c — preflight-cli migrations, and check with a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli-migrations"

#include "config.h"

#include <sqlite3.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pf-test-cli.h"

static guint
count_lines_starting (const char *text,
                      const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      n++;

  return n;
}

static void
test_migrations_demo_text (void)
{
  g_auto(CliRun) run = { 0 };
  const char *plan;

  run_cli (&run, "migrations", "--demo");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");

  /* showmigrations-like: one block per app, ticks for what is applied */
  g_assert_true (matches ("^NO-GO: 7 migration problems block this migration$", run.out));
  g_assert_true (matches ("^scheduling\n \\[X\\] 0001_initial$", run.out));
  g_assert_true (matches ("^ \\[X\\] 0023_accesslog_user_agent\n \\[ \\] 0024_alter_shift_status$", run.out));
  g_assert_true (matches ("^auth\n \\[X\\] 0001_initial$", run.out));
  g_assert_cmpuint (count_lines_starting (run.out, " [ ] "), ==, 4);
  g_assert_cmpuint (count_lines_starting (run.out, " [X] "), ==, 43);

  /* Problems under the app, the plan in order */
  g_assert_true (matches ("^   \\[blocker\\] Migration scheduling.0024_alter_shift_status will fail with "
                          "IntegrityError because 300 rows in scheduling_staffprofile point to missing users$",
                          run.out));
  g_assert_true (matches ("^   \\[blocker\\] Conflicting migrations in scheduling$", run.out));
  plan = strstr (run.out, "Pending plan (in order):\n");
  g_assert_nonnull (plan);
  g_assert_true (g_str_has_prefix (plan, "Pending plan (in order):\n"
                                         "  1. scheduling.0024_alter_shift_status — Changes the column status of shifts\n"
                                         "  2. scheduling.0024_staffprofile_payroll_number — Adds the column "
                                         "payroll_number to staff profiles\n"
                                         "  3. scheduling.0025_remove_accesslog_user_agent — Removes the column "
                                         "user_agent from access logs, and 1 more change\n"));
}

static void
test_migrations_demo_json (void)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *section;
  JsonArray *problems;
  guint n_blockers = 0;

  run_cli (&run, "migrations", "--demo", "--format", "json");
  g_assert_cmpint (run.status, ==, 1);
  root = parse_json (run.out);
  section = json_node_get_object (root);

  /* Exactly the "migrations" section of preflight-report/1 */
  g_assert_cmpstr (json_object_get_string_member (section, "framework"), ==, "django");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (section, "applied")), ==, 43);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (section, "pending")), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (section, "pending"), 1), "summary"),
                   ==, "Adds the column payroll_number to staff profiles");
  problems = json_object_get_array_member (section, "problems");
  for (guint i = 0; i < json_array_get_length (problems); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (problems, i), "severity"),
                     "blocker"))
      n_blockers++;
  g_assert_cmpuint (n_blockers, ==, 7);
}

static void
test_migrations_errors (void)
{
  g_autofree char *empty = data_path ("empty-project");
  g_auto(CliRun) missing = { 0 };
  g_auto(CliRun) not_project = { 0 };
  g_auto(CliRun) format = { 0 };
  g_auto(CliRun) nothing = { 0 };

  run_cli (&missing, "migrations", "--demo", "--project", "/nonexistent/project");
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_true (matches ("^preflight-cli: .*/nonexistent/project", missing.err));

  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  run_cli (&not_project, "migrations", "--demo", "--project", empty);
  g_assert_cmpint (not_project.status, ==, 2);
  g_assert_cmpstr (not_project.out, ==, "");

  run_cli (&format, "migrations", "--demo", "--format", "pdf");
  g_assert_cmpint (format.status, ==, 2);

  run_cli (&nothing, "migrations");
  g_assert_cmpint (nothing.status, ==, 2);
}

/* A database without problems in its migrations: exit 0 */
static void
test_migrations_clean (void)
{
  g_autofree char *db = data_path ("clean.sqlite3");
  g_autofree char *project = data_path ("clean-project");
  g_autofree char *migrations = g_build_filename (project, "shop", "migrations", NULL);
  g_autofree char *init = g_build_filename (migrations, "__init__.py", NULL);
  g_autofree char *initial = g_build_filename (migrations, "0001_initial.py", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  sqlite3 *handle = NULL;

  g_assert_cmpint (g_mkdir_with_parents (migrations, 0700), ==, 0);
  g_file_set_contents (init, "", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (initial,
                       "from django.db import migrations, models\n\n\n"
                       "class Migration(migrations.Migration):\n\n"
                       "    initial = True\n\n"
                       "    dependencies = [\n    ]\n\n"
                       "    operations = [\n"
                       "        migrations.CreateModel(\n"
                       "            name='Item',\n"
                       "            fields=[\n"
                       "                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),\n"
                       "                ('name', models.CharField(max_length=40)),\n"
                       "            ],\n"
                       "        ),\n"
                       "    ]\n", -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "CREATE TABLE \"django_migrations\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "
                                 "\"app\" varchar(255) NOT NULL, \"name\" varchar(255) NOT NULL, \"applied\" datetime NOT NULL);"
                                 "CREATE TABLE \"shop_item\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "
                                 "\"name\" varchar(40) NOT NULL);"
                                 "INSERT INTO django_migrations (app, name, applied) VALUES "
                                 "('shop', '0001_initial', '2024-01-01 10:00:00');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  run_cli (&run, "migrations", db, "--project", project);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (matches ("^GO: ", run.out));
  g_assert_true (matches ("^shop\n \\[X\\] 0001_initial$", run.out));
  g_assert_true (matches ("^  Nothing to apply.$", run.out));
}

static void
test_check_demo_json (void)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report;
  JsonObject *summary;
  JsonArray *findings, *problems;
  gint64 blockers = 0;

  run_cli (&run, "check", "--demo", "--format", "json");
  g_assert_cmpint (run.status, ==, 1);
  root = parse_json (run.out);
  report = json_node_get_object (root);
  g_assert_true (json_object_has_member (report, "migrations"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (report, "migrations"),
                                                                          "pending")), ==, 3);

  /* The summary counts findings and migration problems alike */
  findings = json_object_get_array_member (report, "findings");
  problems = json_object_get_array_member (json_object_get_object_member (report, "migrations"), "problems");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (findings, i), "severity"), "blocker"))
      blockers++;
  for (guint i = 0; i < json_array_get_length (problems); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (problems, i), "severity"), "blocker"))
      blockers++;
  summary = json_object_get_object_member (report, "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "blockers"), ==, blockers);
  g_assert_cmpint (blockers, >, 6);
  g_assert_cmpstr (json_object_get_string_member (report, "verdict"), ==, "no-go");
}

static void
test_check_history_only (void)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *section;
  g_autofree char *db = NULL;
  g_auto(CliRun) demo = { 0 };

  /* The demo file itself, as a plain TARGET: no project, history only */
  run_cli (&demo, "check", "--demo", "--format", "json");
  db = g_build_filename (g_get_user_cache_dir (), "preflight", "demo.sqlite3", NULL);
  run_cli (&run, "check", db, "--format", "json");
  g_assert_cmpint (run.status, ==, 1);
  root = parse_json (run.out);
  section = json_object_get_object_member (json_node_get_object (root), "migrations");
  g_assert_nonnull (section);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (section, "pending")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (section, "applied")), ==, 43);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/migrations/demo-text", test_migrations_demo_text);
  g_test_add_func ("/cli/migrations/demo-json", test_migrations_demo_json);
  g_test_add_func ("/cli/migrations/errors", test_migrations_errors);
  g_test_add_func ("/cli/migrations/clean", test_migrations_clean);
  g_test_add_func ("/cli/check/demo-migrations", test_check_demo_json);
  g_test_add_func ("/cli/check/history-only", test_check_history_only);

  return g_test_run ();
}
