/* test-checklist-run.c — one pass through a checklist: ticks, skips, automatic
 * results, counts, "changed", saved JSON and the report section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pf-checklist-error.h"
#include "pf-checklist-run.h"
#include "pf-checklist-templates.h"

/* Two steps; a manual required item, a manual optional one, two automatic
 * items bound to the same check, and checks of other kinds */
static const char *template_json =
  "{ \"schema\": \"preflight-checklist-template/1\", \"id\": \"test-run\","
  "  \"title\": \"Test run\", \"description\": \"A checklist for tests.\","
  "  \"steps\": ["
  "    { \"id\": \"prepare\", \"title\": \"Prepare\", \"description\": \"Before.\","
  "      \"items\": ["
  "        { \"id\": \"users-told\", \"title\": \"Users told\", \"why\": \"They plan around it.\","
  "          \"kind\": \"manual\", \"required\": true, \"role\": \"Service manager\" },"
  "        { \"id\": \"training\", \"title\": \"Training done\", \"why\": \"Fewer calls.\","
  "          \"kind\": \"manual\", \"required\": false, \"role\": \"\" },"
  "        { \"id\": \"backup\", \"title\": \"A verified backup exists\", \"why\": \"To go back.\","
  "          \"kind\": \"automatic\", \"check\": \"backup-verified\", \"required\": true, \"role\": \"DBA\" } ] },"
  "    { \"id\": \"verify\", \"title\": \"Verify\", \"description\": \"After.\","
  "      \"items\": ["
  "        { \"id\": \"backup-again\", \"title\": \"The backup is still good\", \"why\": \"Again.\","
  "          \"kind\": \"automatic\", \"check\": \"backup-verified\", \"required\": true, \"role\": \"DBA\" },"
  "        { \"id\": \"disk\", \"title\": \"Disk space\", \"why\": \"Room to rebuild.\","
  "          \"kind\": \"automatic\", \"check\": \"disk-space\", \"required\": true, \"role\": \"DBA\" },"
  "        { \"id\": \"sessions\", \"title\": \"No long sessions\", \"why\": \"Locks.\","
  "          \"kind\": \"automatic\", \"check\": \"pg-sessions\", \"required\": false, \"role\": \"DBA\" } ] } ] }";

static PfChecklistTemplate *
new_template (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  PfChecklistTemplate *template;

  node = json_from_string (template_json, &error);
  g_assert_no_error (error);
  template = pf_checklist_template_new_from_json_node (node, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (template);

  return template;
}

static char *
run_to_string (PfChecklistRun *run)
{
  g_autoptr(JsonNode) node = pf_checklist_run_to_json_node (run);

  return json_to_string (node, TRUE);
}

typedef struct
{
  guint changed;
  guint settled_notifies;
  guint blocking_notifies;
} Watch;

static void
changed_cb (PfChecklistRun *run,
            Watch          *watch)
{
  watch->changed++;
}

static void
notify_cb (PfChecklistRun *run,
           GParamSpec     *pspec,
           Watch          *watch)
{
  if (g_str_equal (pspec->name, "n-settled"))
    watch->settled_notifies++;
  else if (g_str_equal (pspec->name, "n-blocking"))
    watch->blocking_notifies++;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
watch_run (PfChecklistRun *run,
           Watch          *watch)
{
  g_signal_connect (run, "changed", G_CALLBACK (changed_cb), watch);
  g_signal_connect (run, "notify", G_CALLBACK (notify_cb), watch);
}

static const char *
entry_id (GListModel *model,
          guint       position)
{
  g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (model, position);

  return pf_checklist_item_get_id (pf_checklist_entry_get_item (entry));
}

static void
assert_recent_utc (GDateTime *when)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_nonnull (when);
  g_assert_cmpint (g_date_time_get_utc_offset (when), ==, 0);
  g_assert_cmpint (g_date_time_difference (now, when), >=, 0);
  g_assert_cmpint (g_date_time_difference (now, when), <, 60 * G_USEC_PER_SEC);
}

/* ---- tests ------------------------------------------------------------- */

static void
test_new (void)
{
  g_autoptr(PfChecklistTemplate) template = new_template ();
  g_autoptr(PfChecklistRun) run = pf_checklist_run_new (template);
  GListModel *entries = pf_checklist_run_get_entries (run);
  const char *order[] = { "users-told", "training", "backup", "backup-again", "disk", "sessions" };

  g_assert_cmpuint (pf_checklist_run_get_n_items (run), ==, 6);
  g_assert_cmpuint (pf_checklist_run_get_n_settled (run), ==, 0);
  g_assert_cmpuint (pf_checklist_run_get_n_blocking (run), ==, 4);
  g_assert_cmpuint (pf_checklist_run_get_current_step (run), ==, 0);
  assert_recent_utc (pf_checklist_run_get_started_at (run));
  g_assert_null (pf_checklist_run_get_signoff (run));
  g_assert_null (pf_checklist_run_get_row_counts (run));
  g_assert_cmpuint (pf_checklist_run_get_backups (run)->len, ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (entry_id (entries, i), ==, order[i]);

  g_assert_cmpuint (g_list_model_get_n_items (pf_checklist_run_get_step_entries (run, 0)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (pf_checklist_run_get_step_entries (run, 1)), ==, 3);
  g_assert_cmpstr (entry_id (pf_checklist_run_get_step_entries (run, 1), 0), ==, "backup-again");

  /* The step lists and the full list share entries */
  {
    g_autoptr(PfChecklistEntry) a = g_list_model_get_item (entries, 3);
    g_autoptr(PfChecklistEntry) b = g_list_model_get_item (pf_checklist_run_get_step_entries (run, 1), 0);

    g_assert_true (a == b);
    g_assert_true (pf_checklist_run_lookup (run, "backup-again") == a);
  }
  g_assert_null (pf_checklist_run_lookup (run, "no-such-item"));

  /* The run keeps its own copy: editing the template later changes nothing */
  g_assert_true (pf_checklist_run_get_template (run) != template);
  pf_checklist_item_set_title (pf_checklist_template_find_item (template, "users-told", NULL), "Renamed");
  g_assert_cmpstr (pf_checklist_item_get_title (pf_checklist_entry_get_item (pf_checklist_run_lookup (run, "users-told"))),
                   ==, "Users told");

  /* Several items can share one check */
  {
    g_autoptr(GPtrArray) bound = pf_checklist_run_find_by_check (run, "backup-verified");
    g_autoptr(GPtrArray) none = pf_checklist_run_find_by_check (run, "sequences");

    g_assert_cmpuint (bound->len, ==, 2);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_tick_untick_skip (void)
{
  g_autoptr(PfChecklistTemplate) template = new_template ();
  g_autoptr(PfChecklistRun) run = pf_checklist_run_new (template);
  PfChecklistEntry *told = pf_checklist_run_lookup (run, "users-told");
  PfChecklistEntry *training = pf_checklist_run_lookup (run, "training");
  PfChecklistEntry *backup = pf_checklist_run_lookup (run, "backup");
  Watch watch = { 0, };

  watch_run (run, &watch);

  g_assert_true (pf_checklist_entry_get_needs_person (told));
  g_assert_false (pf_checklist_entry_get_needs_person (backup));
  g_assert_true (pf_checklist_entry_get_blocking (told));
  g_assert_null (pf_checklist_entry_get_when (told));

  pf_checklist_run_tick (run, "users-told", "Anna Kowalska", "Mail sent to all staff");
  g_assert_cmpint (pf_checklist_entry_get_state (told), ==, PF_CHECKLIST_STATE_DONE);
  g_assert_cmpstr (pf_checklist_entry_get_who (told), ==, "Anna Kowalska");
  g_assert_cmpstr (pf_checklist_entry_get_note (told), ==, "Mail sent to all staff");
  assert_recent_utc (pf_checklist_entry_get_when (told));
  g_assert_true (pf_checklist_entry_get_settled (told));
  g_assert_false (pf_checklist_entry_get_blocking (told));
  g_assert_cmpuint (pf_checklist_run_get_n_settled (run), ==, 1);
  g_assert_cmpuint (pf_checklist_run_get_n_blocking (run), ==, 3);
  g_assert_cmpuint (watch.changed, ==, 1);
  g_assert_cmpuint (watch.settled_notifies, ==, 1);
  g_assert_cmpuint (watch.blocking_notifies, ==, 1);

  /* Untick goes back to open, forgetting who and when */
  pf_checklist_run_untick (run, "users-told");
  g_assert_cmpint (pf_checklist_entry_get_state (told), ==, PF_CHECKLIST_STATE_OPEN);
  g_assert_null (pf_checklist_entry_get_who (told));
  g_assert_null (pf_checklist_entry_get_when (told));
  g_assert_null (pf_checklist_entry_get_note (told));
  g_assert_cmpuint (pf_checklist_run_get_n_settled (run), ==, 0);
  g_assert_cmpuint (pf_checklist_run_get_n_blocking (run), ==, 4);
  g_assert_cmpuint (watch.changed, ==, 2);

  /* Nothing to undo: nothing to save */
  pf_checklist_run_untick (run, "users-told");
  g_assert_cmpuint (watch.changed, ==, 2);

  /* A required item cannot be skipped */
  g_assert_false (pf_checklist_run_skip (run, "users-told"));
  g_assert_cmpint (pf_checklist_entry_get_state (told), ==, PF_CHECKLIST_STATE_OPEN);
  g_assert_cmpuint (watch.changed, ==, 2);

  /* An optional one can: settled, and it never blocked */
  g_assert_false (pf_checklist_entry_get_blocking (training));
  g_assert_true (pf_checklist_run_skip (run, "training"));
  g_assert_cmpint (pf_checklist_entry_get_state (training), ==, PF_CHECKLIST_STATE_SKIPPED);
  assert_recent_utc (pf_checklist_entry_get_when (training));
  g_assert_true (pf_checklist_entry_get_settled (training));
  g_assert_cmpuint (pf_checklist_run_get_n_settled (run), ==, 1);
  g_assert_cmpuint (pf_checklist_run_get_n_blocking (run), ==, 4);
  g_assert_cmpuint (watch.changed, ==, 3);
  g_assert_cmpuint (watch.blocking_notifies, ==, 2);

  /* Skipping twice changes nothing; unticking brings it back */
  g_assert_true (pf_checklist_run_skip (run, "training"));
  g_assert_cmpuint (watch.changed, ==, 3);
  pf_checklist_run_untick (run, "training");
  g_assert_cmpint (pf_checklist_entry_get_state (training), ==, PF_CHECKLIST_STATE_OPEN);
  g_assert_cmpuint (watch.changed, ==, 4);

  /* An automatic item is not ticked by hand */
  pf_checklist_run_tick (run, "backup", "Anna Kowalska", NULL);
  g_assert_cmpint (pf_checklist_entry_get_state (backup), ==, PF_CHECKLIST_STATE_OPEN);
  g_assert_null (pf_checklist_entry_get_who (backup));
  g_assert_cmpuint (watch.changed, ==, 4);
}

static void
test_results (void)
{
  g_autoptr(PfChecklistTemplate) template = new_template ();
  g_autoptr(PfChecklistRun) run = pf_checklist_run_new (template);
  PfChecklistEntry *backup = pf_checklist_run_lookup (run, "backup");
  PfChecklistEntry *again = pf_checklist_run_lookup (run, "backup-again");
  PfChecklistEntry *disk = pf_checklist_run_lookup (run, "disk");
  PfChecklistEntry *sessions = pf_checklist_run_lookup (run, "sessions");
  const char *details[] = { "rota-2026-11-21.sqlite3", "integrity_check ok", NULL };
  Watch watch = { 0, };

  watch_run (run, &watch);

  /* Running: shown, neither saved nor "changed" */
  pf_checklist_run_set_running (run, "backup-verified");
  g_assert_cmpint (pf_checklist_entry_get_state (backup), ==, PF_CHECKLIST_STATE_RUNNING);
  g_assert_cmpint (pf_checklist_entry_get_state (again), ==, PF_CHECKLIST_STATE_RUNNING);
  g_assert_true (pf_checklist_entry_get_blocking (backup));
  g_assert_cmpuint (watch.changed, ==, 0);

  /* One result, both items bound to the check */
  pf_checklist_run_set_result (run, "backup-verified", PF_CHECKLIST_STATE_DONE,
                               "A verified backup from 10:00 today", details, FALSE);
  g_assert_cmpuint (watch.changed, ==, 1);
  for (guint i = 0; i < 2; i++)
    {
      PfChecklistEntry *entry = i == 0 ? backup : again;

      g_assert_cmpint (pf_checklist_entry_get_state (entry), ==, PF_CHECKLIST_STATE_DONE);
      g_assert_cmpstr (pf_checklist_entry_get_evidence (entry), ==, "A verified backup from 10:00 today");
      g_assert_nonnull (pf_checklist_entry_get_details (entry));
      g_assert_true (g_strv_equal (pf_checklist_entry_get_details (entry), details));
      g_assert_null (pf_checklist_entry_get_who (entry));
      g_assert_false (pf_checklist_entry_get_manual_fallback (entry));
      assert_recent_utc (pf_checklist_entry_get_when (entry));
    }
  g_assert_cmpuint (pf_checklist_run_get_n_settled (run), ==, 2);
  g_assert_cmpuint (pf_checklist_run_get_n_blocking (run), ==, 2);
  g_assert_cmpstr (pf_checklist_state_to_label (PF_CHECKLIST_STATE_DONE, PF_CHECKLIST_ITEM_AUTOMATIC), ==, "Passed");
  g_assert_cmpstr (pf_checklist_state_to_label (PF_CHECKLIST_STATE_DONE, PF_CHECKLIST_ITEM_MANUAL), ==, "Done");

  /* A failed check blocks; not applicable does not */
  pf_checklist_run_set_result (run, "backup-verified", PF_CHECKLIST_STATE_FAILED,
                               "The backup failed verification", NULL, FALSE);
  g_assert_cmpint (pf_checklist_entry_get_state (again), ==, PF_CHECKLIST_STATE_FAILED);
  g_assert_null (pf_checklist_entry_get_details (again));
  g_assert_true (pf_checklist_entry_get_blocking (again));
  g_assert_cmpuint (pf_checklist_run_get_n_blocking (run), ==, 4);
  g_assert_cmpuint (watch.changed, ==, 2);

  pf_checklist_run_set_result (run, "pg-sessions", PF_CHECKLIST_STATE_NOT_APPLICABLE,
                               "SQLite has no sessions", NULL, FALSE);
  g_assert_true (pf_checklist_entry_get_settled (sessions));
  g_assert_false (pf_checklist_entry_get_blocking (sessions));
  g_assert_cmpuint (watch.changed, ==, 3);

  /* A check nothing is bound to changes nothing */
  pf_checklist_run_set_result (run, "sequences", PF_CHECKLIST_STATE_DONE, "No sequence", NULL, FALSE);
  g_assert_cmpuint (watch.changed, ==, 3);

  /* A check that cannot verify from here hands the item to a person,
   * whose tick survives running the check again */
  pf_checklist_run_set_result (run, "disk-space", PF_CHECKLIST_STATE_OPEN,
                               "The server is remote: check its disk by hand", NULL, TRUE);
  g_assert_true (pf_checklist_entry_get_manual_fallback (disk));
  g_assert_true (pf_checklist_entry_get_needs_person (disk));
  g_assert_cmpint (pf_checklist_entry_get_state (disk), ==, PF_CHECKLIST_STATE_OPEN);
  pf_checklist_run_tick (run, "disk", "Bob the DBA", "df -h: 60% free");
  g_assert_cmpint (pf_checklist_entry_get_state (disk), ==, PF_CHECKLIST_STATE_DONE);
  g_assert_cmpuint (watch.changed, ==, 5);
  pf_checklist_run_set_result (run, "disk-space", PF_CHECKLIST_STATE_OPEN,
                               "The server is remote: check its disk by hand", NULL, TRUE);
  g_assert_cmpint (pf_checklist_entry_get_state (disk), ==, PF_CHECKLIST_STATE_DONE);
  g_assert_cmpstr (pf_checklist_entry_get_who (disk), ==, "Bob the DBA");
  g_assert_cmpstr (pf_checklist_entry_get_note (disk), ==, "df -h: 60% free");
  /* …but a check that can verify it again decides */
  pf_checklist_run_set_result (run, "disk-space", PF_CHECKLIST_STATE_FAILED,
                               "12 MB free on /var/lib, the database is 310 MB", NULL, FALSE);
  g_assert_cmpint (pf_checklist_entry_get_state (disk), ==, PF_CHECKLIST_STATE_FAILED);
  g_assert_null (pf_checklist_entry_get_who (disk));
  g_assert_false (pf_checklist_entry_get_needs_person (disk));
}

static void
test_other_changes (void)
{
  g_autoptr(PfChecklistTemplate) template = new_template ();
  g_autoptr(PfChecklistRun) run = pf_checklist_run_new (template);
  g_autoptr(PfBackupRecord) unverified = NULL;
  g_autoptr(PfBackupRecord) verified = NULL;
  g_autoptr(PfRowCounts) counts = pf_row_counts_new (NULL);
  g_autoptr(PfChecklistSignoff) signoff = NULL;
  g_autoptr(JsonNode) facts = json_from_string ("{\"checklist\": {}}", NULL);
  Watch watch = { 0, };
  guint signoff_notifies = 0;

  watch_run (run, &watch);
  g_signal_connect (run, "notify::signoff", G_CALLBACK (count_cb), &signoff_notifies);

  pf_checklist_run_set_current_step (run, 1);
  g_assert_cmpuint (pf_checklist_run_get_current_step (run), ==, 1);
  g_assert_cmpuint (watch.changed, ==, 1);
  pf_checklist_run_set_current_step (run, 1);
  g_assert_cmpuint (watch.changed, ==, 1);
  /* One past the last step: the sign-off page */
  pf_checklist_run_set_current_step (run, 2);
  g_assert_cmpuint (pf_checklist_run_get_current_step (run), ==, 2);
  pf_checklist_run_set_current_step (run, 1);
  g_assert_cmpuint (watch.changed, ==, 3);
  watch.changed = 1;

  unverified = pf_backup_record_new ("/tmp/a.sqlite3", 10, "aa", NULL, "sqlite-backup", "rota.sqlite3");
  pf_checklist_run_add_backup (run, unverified);
  g_assert_cmpuint (watch.changed, ==, 2);
  g_assert_null (pf_checklist_run_get_last_verified_backup (run));

  verified = pf_backup_record_new ("/tmp/b.sqlite3", 10, "bb", NULL, "sqlite-backup", "rota.sqlite3");
  pf_backup_record_set_verification (verified, TRUE, "integrity_check ok; 2 tables, row counts equal");
  pf_checklist_run_add_backup (run, verified);
  g_assert_cmpuint (watch.changed, ==, 3);
  g_assert_true (pf_checklist_run_get_last_verified_backup (run) == verified);
  g_assert_cmpuint (pf_checklist_run_get_backups (run)->len, ==, 2);
  /* Newest last, and an unverified one after it does not hide it */
  pf_checklist_run_add_backup (run, unverified);
  g_assert_true (pf_checklist_run_get_last_verified_backup (run) == verified);
  g_assert_cmpuint (watch.changed, ==, 4);

  pf_row_counts_set (counts, "scheduling_shift", 1200);
  pf_checklist_run_set_row_counts (run, counts);
  g_assert_true (pf_checklist_run_get_row_counts (run) == counts);
  g_assert_cmpuint (watch.changed, ==, 5);

  signoff = pf_checklist_signoff_new ("Anna Kowalska", "Service manager", NULL, "go", facts);
  pf_checklist_run_sign (run, signoff);
  g_assert_true (pf_checklist_run_get_signoff (run) == signoff);
  g_assert_cmpuint (watch.changed, ==, 6);
  g_assert_cmpuint (signoff_notifies, ==, 1);

  /* None of these settle or unblock anything */
  g_assert_cmpuint (pf_checklist_run_get_n_settled (run), ==, 0);
  g_assert_cmpuint (watch.settled_notifies, ==, 0);
  g_assert_cmpuint (watch.blocking_notifies, ==, 0);
}

/* Every kind of state, as a run would hold it after some work */
static PfChecklistRun *
new_busy_run (void)
{
  g_autoptr(PfChecklistTemplate) template = new_template ();
  PfChecklistRun *run = pf_checklist_run_new (template);
  g_autoptr(PfBackupRecord) record = NULL;
  g_autoptr(PfRowCounts) counts = NULL;
  g_autoptr(PfChecklistSignoff) signoff = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_utc (2026, 11, 21, 10, 0, 0);
  g_autoptr(JsonNode) facts = json_from_string ("{\"checklist\": {\"template\": \"test-run\"}}", NULL);
  const char *details[] = { "line one", "line “two”", NULL };

  pf_checklist_run_tick (run, "users-told", "Zoë Łukasiewicz", "Told at the “all hands”");
  g_assert_true (pf_checklist_run_skip (run, "training"));
  pf_checklist_run_set_result (run, "backup-verified", PF_CHECKLIST_STATE_DONE, "Verified", details, FALSE);
  pf_checklist_run_set_result (run, "disk-space", PF_CHECKLIST_STATE_OPEN, "By hand", NULL, TRUE);
  pf_checklist_run_set_current_step (run, 1);

  record = pf_backup_record_new ("/home/anna/rota 2026.sqlite3", 1048576,
                                 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                                 at, "sqlite-backup", "rota.sqlite3");
  pf_backup_record_set_verification (record, TRUE, "integrity_check ok; 14 tables, row counts equal");
  pf_checklist_run_add_backup (run, record);

  counts = pf_row_counts_new (at);
  pf_row_counts_set (counts, "scheduling_shift", 12000);
  pf_row_counts_set (counts, "auth_group", 5);
  pf_row_counts_set (counts, "django_session", 0);
  pf_checklist_run_set_row_counts (run, counts);

  signoff = pf_checklist_signoff_new ("Anna Kowalska", "Service manager", at, "go-with-warnings", facts);
  pf_checklist_run_sign (run, signoff);

  /* Left running: saved as not run */
  pf_checklist_run_set_running (run, "pg-sessions");

  return run;
}

static void
test_json_round_trip (void)
{
  g_autoptr(PfChecklistRun) run = new_busy_run ();
  g_autoptr(PfChecklistRun) loaded = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *again = NULL;
  PfChecklistEntry *entry;

  g_assert_cmpint (pf_checklist_entry_get_state (pf_checklist_run_lookup (run, "sessions")), ==,
                   PF_CHECKLIST_STATE_RUNNING);

  original = run_to_string (run);
  /* Times are UTC ISO 8601 to the second */
  g_assert_nonnull (strstr (original, "\"created_at\" : \"2026-11-21T10:00:00Z\""));
  g_assert_nonnull (strstr (original, "\"taken_at\" : \"2026-11-21T10:00:00Z\""));
  g_assert_null (strstr (original, "\"running\""));

  node = json_from_string (original, &error);
  g_assert_no_error (error);
  loaded = pf_checklist_run_new_from_json_node (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  again = run_to_string (loaded);
  g_assert_cmpstr (again, ==, original);

  /* What came back, field by field */
  g_assert_cmpuint (pf_checklist_run_get_current_step (loaded), ==, 1);
  g_assert_cmpuint (pf_checklist_run_get_n_settled (loaded), ==, 4);
  g_assert_cmpuint (pf_checklist_run_get_n_blocking (loaded), ==, 1);
  g_assert_true (g_date_time_equal (pf_checklist_run_get_started_at (loaded),
                                    pf_checklist_run_get_started_at (run)));
  entry = pf_checklist_run_lookup (loaded, "users-told");
  g_assert_cmpint (pf_checklist_entry_get_state (entry), ==, PF_CHECKLIST_STATE_DONE);
  g_assert_cmpstr (pf_checklist_entry_get_who (entry), ==, "Zoë Łukasiewicz");
  g_assert_cmpstr (pf_checklist_entry_get_note (entry), ==, "Told at the “all hands”");
  g_assert_true (g_date_time_equal (pf_checklist_entry_get_when (entry),
                                    pf_checklist_entry_get_when (pf_checklist_run_lookup (run, "users-told"))));
  entry = pf_checklist_run_lookup (loaded, "sessions");
  g_assert_cmpint (pf_checklist_entry_get_state (entry), ==, PF_CHECKLIST_STATE_OPEN);
  entry = pf_checklist_run_lookup (loaded, "disk");
  g_assert_true (pf_checklist_entry_get_manual_fallback (entry));
  g_assert_true (pf_checklist_entry_get_needs_person (entry));
  entry = pf_checklist_run_lookup (loaded, "backup-again");
  g_assert_cmpstr (pf_checklist_entry_get_details (entry)[1], ==, "line “two”");

  g_assert_cmpuint (pf_checklist_run_get_backups (loaded)->len, ==, 1);
  {
    PfBackupRecord *record = pf_checklist_run_get_last_verified_backup (loaded);

    g_assert_nonnull (record);
    g_assert_cmpstr (pf_backup_record_get_path (record), ==, "/home/anna/rota 2026.sqlite3");
    g_assert_cmpint (pf_backup_record_get_size (record), ==, 1048576);
    g_assert_cmpstr (pf_backup_record_get_method (record), ==, "sqlite-backup");
    g_assert_cmpstr (pf_backup_record_get_database (record), ==, "rota.sqlite3");
    g_assert_cmpstr (pf_backup_record_get_verification (record), ==,
                     "integrity_check ok; 14 tables, row counts equal");
  }
  g_assert_cmpint (pf_row_counts_get (pf_checklist_run_get_row_counts (loaded), "scheduling_shift"), ==, 12000);
  g_assert_cmpint (pf_row_counts_get (pf_checklist_run_get_row_counts (loaded), "django_session"), ==, 0);
  g_assert_cmpint (pf_row_counts_get (pf_checklist_run_get_row_counts (loaded), "nope"), ==, -1);
  g_assert_cmpstr (pf_checklist_signoff_get_verdict (pf_checklist_run_get_signoff (loaded)), ==, "go-with-warnings");
  g_assert_cmpstr (pf_checklist_signoff_get_fingerprint (pf_checklist_run_get_signoff (loaded)), ==,
                   pf_checklist_signoff_get_fingerprint (pf_checklist_run_get_signoff (run)));
  g_assert_cmpuint (strlen (pf_checklist_signoff_get_fingerprint (pf_checklist_run_get_signoff (loaded))), ==, 64);
}

/* Replaces the first "@member": <value> of the run's JSON */
static char *
replace_member (const char *json,
                const char *member,
                const char *new_value)
{
  g_autofree char *pattern = g_strdup_printf ("(\"%s\" : )(\"[^\"]*\"|-?[0-9]+|true|false|null)", member);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autofree char *replacement = g_strdup_printf ("\\g<1>%s", new_value);
  char *result;

  result = g_regex_replace (regex, json, -1, 0, replacement, G_REGEX_MATCH_NOTEMPTY, NULL);
  g_assert_cmpstr (result, !=, json);
  return result;
}

static void
assert_invalid (const char *json,
                const char *member)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PfChecklistRun) run = NULL;
  g_autofree char *quoted = g_strdup_printf ("“%s”", member);

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  run = pf_checklist_run_new_from_json_node (node, &error);
  g_assert_null (run);
  g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE);
  if (strstr (error->message, quoted) == NULL)
    g_error ("“%s” does not name %s", error->message, quoted);
}

static void
test_json_invalid (void)
{
  g_autoptr(PfChecklistRun) run = new_busy_run ();
  g_autofree char *json = run_to_string (run);
  struct {
    const char *member;
    const char *value;
  } cases[] = {
    { "when", "\"yesterday\"" },
    { "when", "\"2026-11-21 10:00\"" },
    { "started_at", "\"2026-13-01T00:00:00Z\"" },
    { "started_at", "42" },
    { "state", "\"maybe\"" },
    { "who", "7" },
    { "current_step", "9" },
    { "current_step", "3" },
    { "current_step", "-1" },
    { "current_step", "\"one\"" },
    { "manual_fallback", "\"yes\"" },
    { "created_at", "null" },
    { "size", "\"big\"" },
    { "verdict", "\"probably\"" },
    { "fingerprint", "\"abc\"" },
    { "signed_at", "\"now\"" },
    { "taken_at", "\"then\"" },
    { "scheduling_shift", "-5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bad = replace_member (json, cases[i].member, cases[i].value);

      assert_invalid (bad, cases[i].member);
    }

  /* An entry for an item the template does not have */
  {
    g_autofree char *bad = NULL;
    g_autoptr(GRegex) regex = g_regex_new ("(\"id\" : )\"users-told\",(\\s*\"state\")", 0, 0, NULL);

    bad = g_regex_replace (regex, json, -1, 0, "\\1\"users-tol\",\\2", 0, NULL);
    g_assert_cmpstr (bad, !=, json);
    assert_invalid (bad, "entries");
  }

  /* Not an object at all */
  {
    g_autoptr(JsonNode) node = json_from_string ("[1, 2]", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_null (pf_checklist_run_new_from_json_node (node, &error));
    g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE);
  }
}

static void
test_report (void)
{
  g_autoptr(PfChecklistRun) run = new_busy_run ();
  g_autoptr(JsonNode) report = pf_checklist_run_to_report_json_node (run);
  JsonObject *object = json_node_get_object (report);
  JsonObject *progress = json_object_get_object_member (object, "progress");
  JsonArray *items = json_object_get_array_member (object, "items");
  JsonObject *signoff = json_object_get_object_member (object, "signoff");
  GListModel *entries = pf_checklist_run_get_entries (run);

  g_assert_cmpstr (json_object_get_string_member (object, "template"), ==, "test-run");
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "Test run");
  g_assert_nonnull (json_object_get_string_member (object, "started_at"));
  g_assert_cmpint (json_object_get_int_member (progress, "items"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (progress, "settled"), ==, pf_checklist_run_get_n_settled (run));
  g_assert_cmpint (json_object_get_int_member (progress, "blocking"), ==, pf_checklist_run_get_n_blocking (run));

  /* Every item, in order, with its step and state */
  g_assert_cmpuint (json_array_get_length (items), ==, g_list_model_get_n_items (entries));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (entries, i);
      PfChecklistItem *it = pf_checklist_entry_get_item (entry);
      const char *members[] = { "id", "step", "title", "kind", "required", "state",
                                "who", "when", "note", "evidence", "details" };

      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_true (json_object_has_member (item, members[m]));
      g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, pf_checklist_item_get_id (it));
      g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, pf_checklist_item_get_title (it));
      g_assert_cmpstr (json_object_get_string_member (item, "step"), ==, i < 3 ? "prepare" : "verify");
      g_assert_cmpstr (json_object_get_string_member (item, "state"), ==,
                       pf_checklist_state_to_string (pf_checklist_entry_get_state (entry)));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "who"), ==,
                   "Zoë Łukasiewicz");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 1), "state"), ==,
                   "skipped");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 2), "kind"), ==,
                   "automatic");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 5), "state"), ==,
                   "running");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "backups")), ==, 1);
  g_assert_true (json_object_has_member (object, "row_counts"));
  g_assert_cmpstr (json_object_get_string_member (signoff, "signer"), ==, "Anna Kowalska");
  g_assert_cmpstr (json_object_get_string_member (signoff, "role"), ==, "Service manager");
  g_assert_cmpstr (json_object_get_string_member (signoff, "verdict"), ==, "go-with-warnings");
  g_assert_cmpstr (json_object_get_string_member (signoff, "signed_at"), ==, "2026-11-21T10:00:00Z");
  g_assert_cmpuint (strlen (json_object_get_string_member (signoff, "fingerprint")), ==, 64);
  /* The facts stay in the saved run, not in the report */
  g_assert_false (json_object_has_member (signoff, "facts"));
}

static void
test_default_template (void)
{
  g_autoptr(PfChecklistTemplate) template = pf_checklist_templates_dup_default ();
  g_autoptr(PfChecklistRun) run = NULL;
  g_autoptr(PfChecklistRun) loaded = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *again = NULL;
  guint n_required = 0;

  g_assert_nonnull (template);
  run = pf_checklist_run_new (template);
  g_assert_cmpuint (pf_checklist_run_get_n_items (run), ==, pf_checklist_template_get_n_items (template));
  g_assert_cmpuint (pf_checklist_run_get_n_items (run), >, 5);

  for (guint i = 0; i < pf_checklist_run_get_n_items (run); i++)
    {
      g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (pf_checklist_run_get_entries (run), i);

      n_required += pf_checklist_item_get_required (pf_checklist_entry_get_item (entry));
    }
  g_assert_cmpuint (pf_checklist_run_get_n_blocking (run), ==, n_required);

  report = pf_checklist_run_to_report_json_node (run);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (report), "items")),
                    ==, pf_checklist_template_get_n_items (template));

  /* The bundled template survives the trip through a saved run */
  original = run_to_string (run);
  node = json_from_string (original, &error);
  g_assert_no_error (error);
  loaded = pf_checklist_run_new_from_json_node (node, &error);
  g_assert_no_error (error);
  again = run_to_string (loaded);
  g_assert_cmpstr (again, ==, original);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/checklist-run/new", test_new);
  g_test_add_func ("/checklist-run/tick-untick-skip", test_tick_untick_skip);
  g_test_add_func ("/checklist-run/results", test_results);
  g_test_add_func ("/checklist-run/other-changes", test_other_changes);
  g_test_add_func ("/checklist-run/json-round-trip", test_json_round_trip);
  g_test_add_func ("/checklist-run/json-invalid", test_json_invalid);
  g_test_add_func ("/checklist-run/report", test_report);
  g_test_add_func ("/checklist-run/default-template", test_default_template);

  return g_test_run ();
}
