/* test-checklist-facts.c — the facts a sign-off vouches for: a fingerprint
 * that changes when, and only when, a fact does; and what changed, in words,
 * on the real demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pf-checklist-facts.h"
#include "pf-checklist-run.h"
#include "pf-demo.h"
#include "pf-engine.h"
#include "pf-migration-analysis.h"
#include "pf-scan.h"
#include "pf-test-files.h"

static const char *template_json =
  "{ \"schema\": \"preflight-checklist-template/1\", \"id\": \"facts-test\","
  "  \"title\": \"Facts test\", \"description\": \"\","
  "  \"steps\": ["
  "    { \"id\": \"only\", \"title\": \"Only step\", \"description\": \"\","
  "      \"items\": ["
  "        { \"id\": \"users-told\", \"title\": \"Users told\", \"why\": \"They plan around it.\","
  "          \"kind\": \"manual\", \"required\": true, \"role\": \"Service manager\" },"
  "        { \"id\": \"training\", \"title\": \"Training done\", \"why\": \"Fewer calls.\","
  "          \"kind\": \"manual\", \"required\": false, \"role\": \"\" },"
  "        { \"id\": \"backup\", \"title\": \"A verified backup exists\", \"why\": \"To go back.\","
  "          \"kind\": \"automatic\", \"check\": \"backup-verified\", \"required\": true, \"role\": \"DBA\" } ] } ] }";

static char *
fingerprint_of_run (PfChecklistRun *run)
{
  g_autoptr(JsonNode) facts = pf_checklist_facts_collect (NULL, NULL, run);

  return pf_checklist_facts_dup_fingerprint (facts);
}

static gboolean
has_sentence (GPtrArray  *sentences,
              const char *sentence)
{
  for (guint i = 0; i < sentences->len; i++)
    if (g_str_equal (g_ptr_array_index (sentences, i), sentence))
      return TRUE;

  return FALSE;
}

static void
print_sentences (GPtrArray *sentences)
{
  for (guint i = 0; i < sentences->len; i++)
    g_test_message ("  %s", (const char *) g_ptr_array_index (sentences, i));
}

/* ---- the fingerprint -------------------------------------------------- */

static void
test_fingerprint_checklist (void)
{
  g_autoptr(PfChecklistRun) run = pf_test_run_from_json (template_json);
  g_autoptr(PfBackupRecord) unverified = NULL;
  g_autoptr(PfBackupRecord) verified = NULL;
  g_autofree char *start = fingerprint_of_run (run);
  g_autofree char *again = fingerprint_of_run (run);
  g_autofree char *ticked = NULL;
  g_autofree char *unticked = NULL;
  g_autofree char *passed = NULL;
  g_autofree char *passed_again = NULL;
  g_autofree char *other_evidence = NULL;
  g_autofree char *moved_on = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *noted = NULL;
  g_autofree char *other_person = NULL;
  g_autofree char *skipped = NULL;
  g_autofree char *with_unverified = NULL;
  g_autofree char *with_verified = NULL;
  const char *details[] = { "one", NULL };
  const char *other_details[] = { "two", "three", NULL };

  g_assert_cmpuint (strlen (start), ==, 64);
  g_assert_cmpstr (again, ==, start);

  /* A tick is a fact */
  pf_checklist_run_tick (run, "users-told", "Anna Kowalska", NULL);
  ticked = fingerprint_of_run (run);
  g_assert_cmpstr (ticked, !=, start);

  /* Taking it back restores exactly the earlier facts */
  pf_checklist_run_untick (run, "users-told");
  unticked = fingerprint_of_run (run);
  g_assert_cmpstr (unticked, ==, start);

  /* A result is a fact; the same result again (later, other evidence,
   * other details) is not a new one */
  pf_checklist_run_set_result (run, "backup-verified", PF_CHECKLIST_STATE_DONE, "Backup from 10:00", details, FALSE);
  passed = fingerprint_of_run (run);
  g_assert_cmpstr (passed, !=, start);
  pf_checklist_run_set_result (run, "backup-verified", PF_CHECKLIST_STATE_DONE, "Backup from 10:00", details, FALSE);
  passed_again = fingerprint_of_run (run);
  g_assert_cmpstr (passed_again, ==, passed);
  pf_checklist_run_set_result (run, "backup-verified", PF_CHECKLIST_STATE_DONE, "Backup from 10:05", other_details, FALSE);
  other_evidence = fingerprint_of_run (run);
  g_assert_cmpstr (other_evidence, ==, passed);

  /* Where the wizard is, and a check running now, are not facts */
  pf_checklist_run_set_current_step (run, 0);
  pf_checklist_run_set_running (run, "pg-sessions");
  moved_on = fingerprint_of_run (run);
  g_assert_cmpstr (moved_on, ==, passed);

  pf_checklist_run_set_result (run, "backup-verified", PF_CHECKLIST_STATE_FAILED, "Not verified", NULL, FALSE);
  failed = fingerprint_of_run (run);
  g_assert_cmpstr (failed, !=, passed);

  /* Who ticked and their note are facts */
  pf_checklist_run_tick (run, "users-told", "Anna Kowalska", NULL);
  ticked = (g_free (ticked), fingerprint_of_run (run));
  pf_checklist_run_tick (run, "users-told", "Anna Kowalska", "Told at the all-hands");
  noted = fingerprint_of_run (run);
  g_assert_cmpstr (noted, !=, ticked);
  pf_checklist_run_tick (run, "users-told", "Bob", "Told at the all-hands");
  other_person = fingerprint_of_run (run);
  g_assert_cmpstr (other_person, !=, noted);

  g_assert_true (pf_checklist_run_skip (run, "training"));
  skipped = fingerprint_of_run (run);
  g_assert_cmpstr (skipped, !=, other_person);

  /* Only verified backups count, by their checksum */
  unverified = pf_backup_record_new ("/tmp/x.sqlite3", 1, "aaaa", NULL, "sqlite-backup", "x");
  pf_checklist_run_add_backup (run, unverified);
  with_unverified = fingerprint_of_run (run);
  g_assert_cmpstr (with_unverified, ==, skipped);
  verified = pf_backup_record_new ("/tmp/y.sqlite3", 1, "bbbb", NULL, "sqlite-backup", "x");
  pf_backup_record_set_verification (verified, TRUE, "ok");
  pf_checklist_run_add_backup (run, verified);
  with_verified = fingerprint_of_run (run);
  g_assert_cmpstr (with_verified, !=, skipped);
}

static void
test_fingerprint_canonical (void)
{
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(JsonNode) c = NULL;
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;
  g_autofree char *fc = NULL;
  g_autofree char *expected = NULL;

  /* The same facts with members in another order: the same fingerprint */
  a = json_from_string ("{\"findings\":[{\"check\":\"fk-orphans\",\"count\":2,\"table\":\"t\"}],"
                        "\"migrations\":{\"applied\":[\"a.1\"],\"pending\":[]}}", NULL);
  b = json_from_string ("{\"migrations\":{\"pending\":[],\"applied\":[\"a.1\"]},"
                        "\"findings\":[{\"table\":\"t\",\"count\":2,\"check\":\"fk-orphans\"}]}", NULL);
  c = json_from_string ("{\"migrations\":{\"pending\":[],\"applied\":[\"a.1\"]},"
                        "\"findings\":[{\"table\":\"t\",\"count\":3,\"check\":\"fk-orphans\"}]}", NULL);
  fa = pf_checklist_facts_dup_fingerprint (a);
  fb = pf_checklist_facts_dup_fingerprint (b);
  fc = pf_checklist_facts_dup_fingerprint (c);
  g_assert_cmpstr (fa, ==, fb);
  g_assert_cmpstr (fa, !=, fc);

  /* Exactly SHA-256 of the compact, sorted serialisation */
  expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                            "{\"findings\":[{\"check\":\"fk-orphans\",\"count\":2,\"table\":\"t\"}],"
                                            "\"migrations\":{\"applied\":[\"a.1\"],\"pending\":[]}}", -1);
  g_assert_cmpstr (fa, ==, expected);
}

/* ---- compare, on facts written by hand ---------------------------------- */

static GPtrArray *
compare_strings (const char *before,
                 const char *after)
{
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *sentences;

  a = json_from_string (before, &error);
  g_assert_no_error (error);
  b = json_from_string (after, &error);
  g_assert_no_error (error);

  sentences = pf_checklist_facts_compare (a, b);
  print_sentences (sentences);
  return sentences;
}

static void
test_compare_findings (void)
{
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const char *before =
    "{\"findings\":["
    " {\"check\":\"fk-orphans\",\"table\":\"scheduling_shift\",\"columns\":\"unit_id\",\"parent\":\"scheduling_unit\",\"count\":5},"
    " {\"check\":\"fk-orphans\",\"table\":\"scheduling_unit\",\"columns\":\"home_id\",\"parent\":\"scheduling_carehome\",\"count\":3},"
    " {\"check\":\"fk-orphans\",\"table\":\"scheduling_accesslog\",\"columns\":\"user_id\",\"parent\":\"scheduling_user\",\"count\":150},"
    " {\"check\":\"no-primary-key\",\"table\":\"legacy\",\"columns\":null,\"parent\":null,\"count\":-1}]}";
  const char *after =
    "{\"findings\":["
    " {\"check\":\"fk-orphans\",\"table\":\"scheduling_shift\",\"columns\":\"unit_id\",\"parent\":\"scheduling_unit\",\"count\":7},"
    " {\"check\":\"fk-orphans\",\"table\":\"scheduling_accesslog\",\"columns\":\"user_id\",\"parent\":\"scheduling_user\",\"count\":149},"
    " {\"check\":\"duplicate-values\",\"table\":\"scheduling_user\",\"columns\":\"email\",\"parent\":null,\"count\":1},"
    " {\"check\":\"invalid-index\",\"table\":\"scheduling_shift\",\"columns\":null,\"parent\":null,\"count\":-1}]}";

  none = compare_strings (before, before);
  g_assert_cmpuint (none->len, ==, 0);

  sentences = compare_strings (before, after);
  g_assert_cmpuint (sentences->len, ==, 6);
  /* What got worse first */
  g_assert_cmpstr (g_ptr_array_index (sentences, 0), ==, "2 new orphaned rows in scheduling_shift (unit_id)");
  g_assert_true (has_sentence (sentences, "1 new row with duplicate values in scheduling_user (email)"));
  g_assert_true (has_sentence (sentences, "A new finding in scheduling_shift: Invalid indexes"));
  g_assert_true (has_sentence (sentences, "1 fewer orphaned row in scheduling_accesslog (user_id)"));
  g_assert_true (has_sentence (sentences, "The orphaned rows in scheduling_unit (home_id) are gone"));
  g_assert_true (has_sentence (sentences, "Solved in legacy: Tables without a primary key"));
  g_assert_cmpstr (g_ptr_array_index (sentences, 5), !=, "2 new orphaned rows in scheduling_shift (unit_id)");
  for (guint i = 0; i < 3; i++)
    g_assert_null (strstr (g_ptr_array_index (sentences, i), "fewer"));

  /* A check that could not run this time: said so, and what it found
   * before is not called gone */
  {
    g_autoptr(GPtrArray) failed = NULL;

    failed = compare_strings (before,
                              "{\"findings\":["
                              " {\"check\":\"fk-orphans\",\"table\":null,\"columns\":null,\"parent\":null,\"count\":-1,\"failed\":true},"
                              " {\"check\":\"no-primary-key\",\"table\":\"legacy\",\"columns\":null,\"parent\":null,\"count\":-1}]}");
    g_assert_cmpuint (failed->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (failed, 0), ==, "“Broken links” could not be checked this time");
  }
}

static void
test_compare_migrations (void)
{
  g_autoptr(GPtrArray) sentences = NULL;
  const char *before =
    "{\"migrations\":{\"applied\":[\"scheduling.0001_initial\",\"training.0001_initial\"],"
    " \"pending\":[\"scheduling.0002_unit\",\"scheduling.0003_shift\"],"
    " \"problems\":[{\"kind\":\"conflict\",\"app\":\"scheduling\",\"migrations\":[\"0024_a\",\"0024_b\"]},"
    "               {\"kind\":\"missing-column\",\"app\":\"scheduling\",\"migrations\":[\"0017_x\"],"
    "                \"table\":\"scheduling_shift\",\"column\":\"is_overtime\"}]}}";
  const char *after =
    "{\"migrations\":{\"applied\":[\"scheduling.0001_initial\",\"scheduling.0002_unit\"],"
    " \"pending\":[\"scheduling.0008_leave\"],"
    " \"problems\":[{\"kind\":\"conflict\",\"app\":\"scheduling\",\"migrations\":[\"0024_a\",\"0024_b\"]},"
    "               {\"kind\":\"duplicate-number\",\"app\":\"training\",\"migrations\":[\"0002_a\",\"0002_b\"]}]}}";

  sentences = compare_strings (before, after);
  g_assert_cmpuint (sentences->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (sentences, 0), ==,
                   "A new problem: two migrations with the same number in training (0002_a, 0002_b)");
  g_assert_cmpstr (g_ptr_array_index (sentences, 1), ==,
                   "Migration training.0001_initial is no longer recorded as applied");
  g_assert_true (has_sentence (sentences, "Migration scheduling.0008_leave was added"));
  g_assert_true (has_sentence (sentences, "Migration scheduling.0003_shift is no longer in the project"));
  g_assert_true (has_sentence (sentences, "Migration scheduling.0002_unit was applied"));
  g_assert_cmpstr (g_ptr_array_index (sentences, 5), ==,
                   "Solved: a column the migrations added is missing in scheduling (0017_x; scheduling_shift.is_overtime)");

  /* With the project's migrations known, a migration that was there all
   * along and only starts (or stops) to run is not called added (or gone) */
  {
    g_autoptr(GPtrArray) with_project = NULL;

    with_project = compare_strings ("{\"migrations\":{\"applied\":[\"t.0002_b\"],\"pending\":[\"t.0004_d\"],\"problems\":[],"
                                    " \"project\":[\"t.0001_a\",\"t.0002_b\",\"t.0004_d\"]}}",
                                    "{\"migrations\":{\"applied\":[\"t.0002_b\"],\"pending\":[\"t.0001_a\",\"t.0003_c\"],\"problems\":[],"
                                    " \"project\":[\"t.0001_a\",\"t.0002_b\",\"t.0003_c\",\"t.0004_d\"]}}");
    g_assert_cmpuint (with_project->len, ==, 3);
    g_assert_cmpstr (g_ptr_array_index (with_project, 0), ==, "Migration t.0001_a will now run");
    g_assert_cmpstr (g_ptr_array_index (with_project, 1), ==, "Migration t.0003_c was added");
    g_assert_cmpstr (g_ptr_array_index (with_project, 2), ==, "Migration t.0004_d will no longer run");
  }
}

static void
test_compare_checklist (void)
{
  g_autoptr(PfChecklistRun) run = pf_test_run_from_json (template_json);
  g_autoptr(JsonNode) signed_facts = NULL;
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(PfBackupRecord) record = NULL;

  pf_checklist_run_tick (run, "users-told", "Anna Kowalska", NULL);
  pf_checklist_run_set_result (run, "backup-verified", PF_CHECKLIST_STATE_DONE, "Verified", NULL, FALSE);
  signed_facts = pf_checklist_facts_collect (NULL, NULL, run);

  current = pf_checklist_facts_collect (NULL, NULL, run);
  none = pf_checklist_facts_compare (signed_facts, current);
  g_assert_cmpuint (none->len, ==, 0);
  g_clear_pointer (&current, json_node_unref);

  pf_checklist_run_untick (run, "users-told");
  pf_checklist_run_tick (run, "training", "Bob Smith", NULL);
  pf_checklist_run_set_result (run, "backup-verified", PF_CHECKLIST_STATE_FAILED, "Gone", NULL, FALSE);
  record = pf_backup_record_new ("/tmp/z.sqlite3", 1, "cccc", NULL, "sqlite-backup", "x");
  pf_backup_record_set_verification (record, TRUE, "ok");
  pf_checklist_run_add_backup (run, record);
  current = pf_checklist_facts_collect (NULL, NULL, run);

  sentences = pf_checklist_facts_compare (signed_facts, current);
  print_sentences (sentences);
  g_assert_cmpuint (sentences->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (sentences, 0), ==, "“A verified backup exists” failed");
  g_assert_cmpstr (g_ptr_array_index (sentences, 1), ==, "“Users told” is no longer done");
  g_assert_cmpstr (g_ptr_array_index (sentences, 2), ==, "“Training done” was ticked by Bob Smith");
  g_assert_cmpstr (g_ptr_array_index (sentences, 3), ==, "A new backup was made");

  /* A section not looked at again is said so, not taken as unchanged */
  {
    g_autoptr(JsonNode) with_findings = json_from_string ("{\"findings\": []}", NULL);
    g_autoptr(JsonNode) without = json_from_string ("{}", NULL);
    g_autoptr(GPtrArray) missing = pf_checklist_facts_compare (with_findings, without);

    g_assert_cmpuint (missing->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (missing, 0), "integrity scan"));
  }
}

/* ---- the real demo ---------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  PfReport  *report;
  GError    *error;
} ScanResult;

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ScanResult *res = user_data;

  res->report = pf_scan_run_finish (PF_SCAN (object), result, &res->error);
  g_main_loop_quit (res->loop);
}

/* An integrity scan and a migration analysis of the SQLite file at @path
 * with the project at @project: everything a sign-off looks at */
static void
check_target (const char           *path,
              const char           *project,
              PfReport            **out_report,
              PfMigrationAnalysis **out_analysis)
{
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfScan) scan = NULL;
  g_autoptr(GError) error = NULL;
  ScanResult res = { NULL, };

  database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);
  pf_database_open (database, NULL, &error);
  g_assert_no_error (error);
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);

  scan = pf_scan_new (database, schema);
  res.loop = g_main_loop_new (NULL, FALSE);
  pf_scan_run_async (scan, NULL, scan_cb, &res);
  g_main_loop_run (res.loop);
  g_main_loop_unref (res.loop);
  g_assert_no_error (res.error);
  g_assert_nonnull (res.report);
  g_assert_true (pf_report_get_complete (res.report));

  *out_analysis = pf_migration_analysis_run (database, schema, project, NULL, res.report, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out_analysis);
  *out_report = res.report;

  pf_database_close (database);
}

typedef struct
{
  char *dir;
  char *database;  /* a copy of the demo database */
  char *project;   /* a copy of the demo project */
} Demo;

static void
demo_setup (Demo          *demo,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *project = pf_demo_ensure_project (NULL, &error);

  g_assert_no_error (error);
  demo->dir = pf_test_make_dir ("pf-facts-XXXXXX");
  /* Never the demo itself: the tests change their copies */
  demo->database = pf_test_copy_demo (demo->dir, "demo.sqlite3");
  demo->project = g_build_filename (demo->dir, "project", NULL);
  pf_test_copy_tree (project, demo->project);
}

static void
demo_teardown (Demo          *demo,
               gconstpointer  data)
{
  pf_test_remove_dir (demo->dir);
  g_free (demo->dir);
  g_free (demo->database);
  g_free (demo->project);
}

static void
test_demo_same (Demo          *demo,
                gconstpointer  data)
{
  g_autoptr(PfReport) report = NULL;
  g_autoptr(PfReport) report_again = NULL;
  g_autoptr(PfMigrationAnalysis) analysis = NULL;
  g_autoptr(PfMigrationAnalysis) analysis_again = NULL;
  g_autoptr(JsonNode) facts = NULL;
  g_autoptr(JsonNode) facts_again = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *fingerprint_again = NULL;
  JsonObject *migrations;

  /* Nothing changed: two checks of the same database say the same, to the
   * bit, whatever order the workers finished in */
  check_target (demo->database, demo->project, &report, &analysis);
  check_target (demo->database, demo->project, &report_again, &analysis_again);
  facts = pf_checklist_facts_collect (report, analysis, NULL);
  facts_again = pf_checklist_facts_collect (report_again, analysis_again, NULL);
  fingerprint = pf_checklist_facts_dup_fingerprint (facts);
  fingerprint_again = pf_checklist_facts_dup_fingerprint (facts_again);
  g_assert_cmpstr (fingerprint, ==, fingerprint_again);
  sentences = pf_checklist_facts_compare (facts, facts_again);
  print_sentences (sentences);
  g_assert_cmpuint (sentences->len, ==, 0);

  /* The demo's stories are in the facts */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (facts), "findings")),
                    ==, g_list_model_get_n_items (pf_report_get_findings (report)));
  migrations = json_object_get_object_member (json_node_get_object (facts), "migrations");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (migrations, "applied")), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (migrations, "pending")), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (migrations, "problems")), >, 0);
  g_assert_false (json_object_has_member (json_node_get_object (facts), "checklist"));
}

static void
test_demo_new_orphan (Demo          *demo,
                      gconstpointer  data)
{
  g_autoptr(PfReport) before_report = NULL;
  g_autoptr(PfReport) after_report = NULL;
  g_autoptr(PfMigrationAnalysis) before_analysis = NULL;
  g_autoptr(PfMigrationAnalysis) after_analysis = NULL;
  g_autoptr(PfChecklistRun) run = pf_test_run_from_json (template_json);
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(PfChecklistSignoff) signoff = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autofree char *now = NULL;

  pf_checklist_run_tick (run, "users-told", "Anna Kowalska", NULL);
  check_target (demo->database, demo->project, &before_report, &before_analysis);
  before = pf_checklist_facts_collect (before_report, before_analysis, run);
  signoff = pf_checklist_signoff_new ("Anna Kowalska", "Service manager", NULL, "no-go", before);
  pf_checklist_run_sign (run, signoff);

  /* One more supervision record by the supervisor who does not exist */
  pf_test_sqlite_exec (demo->database,
                       "INSERT INTO scheduling_supervisionrecord (date, kind, notes, next_due, supervisee_id, supervisor_id)"
                       " SELECT '2026-11-20', kind, 'Added after sign-off', NULL, supervisee_id, 'ADMIN001'"
                       " FROM scheduling_supervisionrecord WHERE supervisor_id = 'ADMIN001' LIMIT 1;");

  check_target (demo->database, demo->project, &after_report, &after_analysis);
  after = pf_checklist_facts_collect (after_report, after_analysis, run);
  now = pf_checklist_facts_dup_fingerprint (after);
  g_assert_cmpstr (now, !=, pf_checklist_signoff_get_fingerprint (signoff));

  sentences = pf_checklist_facts_compare (pf_checklist_signoff_get_facts (signoff), after);
  print_sentences (sentences);
  g_assert_cmpuint (sentences->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (sentences, 0), ==,
                   "1 new orphaned row in scheduling_supervisionrecord (supervisor_id)");
}

static void
test_demo_new_migration (Demo          *demo,
                         gconstpointer  data)
{
  g_autoptr(PfReport) report = NULL;
  g_autoptr(PfReport) report_again = NULL;
  g_autoptr(PfMigrationAnalysis) before_analysis = NULL;
  g_autoptr(PfMigrationAnalysis) after_analysis = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *migration = NULL;
  g_autofree char *before_fingerprint = NULL;
  g_autofree char *after_fingerprint = NULL;

  check_target (demo->database, demo->project, &report, &before_analysis);
  before = pf_checklist_facts_collect (report, before_analysis, NULL);

  migration = g_build_filename (demo->project, "training", "migrations", "0003_course_note.py", NULL);
  g_file_set_contents (migration,
                       "from django.db import migrations, models\n"
                       "\n"
                       "\n"
                       "class Migration(migrations.Migration):\n"
                       "\n"
                       "    dependencies = [\n"
                       "        (\"training\", \"0002_course_duration_hours\"),\n"
                       "    ]\n"
                       "\n"
                       "    operations = [\n"
                       "        migrations.AddField(\n"
                       "            model_name=\"course\",\n"
                       "            name=\"note\",\n"
                       "            field=models.TextField(blank=True, default=\"\"),\n"
                       "        ),\n"
                       "    ]\n",
                       -1, &error);
  g_assert_no_error (error);

  check_target (demo->database, demo->project, &report_again, &after_analysis);
  after = pf_checklist_facts_collect (report_again, after_analysis, NULL);
  before_fingerprint = pf_checklist_facts_dup_fingerprint (before);
  after_fingerprint = pf_checklist_facts_dup_fingerprint (after);
  g_assert_cmpstr (before_fingerprint, !=, after_fingerprint);

  sentences = pf_checklist_facts_compare (before, after);
  print_sentences (sentences);
  /* The new file, and the migration of the same app that was in the
   * project all along but is only now part of the plan (its app's leaf was
   * recorded as applied without it) */
  g_assert_cmpuint (sentences->len, ==, 2);
  g_assert_true (has_sentence (sentences, "Migration training.0003_course_note was added"));
  g_assert_true (has_sentence (sentences, "Migration training.0001_initial will now run"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/checklist-facts/fingerprint-checklist", test_fingerprint_checklist);
  g_test_add_func ("/checklist-facts/fingerprint-canonical", test_fingerprint_canonical);
  g_test_add_func ("/checklist-facts/compare-findings", test_compare_findings);
  g_test_add_func ("/checklist-facts/compare-migrations", test_compare_migrations);
  g_test_add_func ("/checklist-facts/compare-checklist", test_compare_checklist);
  g_test_add ("/checklist-facts/demo-same", Demo, NULL, demo_setup, test_demo_same, demo_teardown);
  g_test_add ("/checklist-facts/demo-new-orphan", Demo, NULL, demo_setup, test_demo_new_orphan, demo_teardown);
  g_test_add ("/checklist-facts/demo-new-migration", Demo, NULL, demo_setup, test_demo_new_migration, demo_teardown);

  return g_test_run ();
}
