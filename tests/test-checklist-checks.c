/* test-checklist-checks.c — the automatic checklist items against real SQLite files
 *
 * Each check passes on a healthy database and fails on its broken variant:
 * a full disk (through the free-space seam: mounting a small tmpfs needs
 * privileges the test suite does not have), orphaned rows, duplicate key
 * values, an unreviewed or changed migration, a backup older than the last
 * migration, row counts that changed. The database file's bytes are the
 * same before and after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-checklist-checks"

#include "config.h"

#include <string.h>

#include "pf-engine.h"
#include "pf-backup-record.h"
#include "pf-checklist-checks.h"
#include "pf-migration-source.h"
#include "test-checklist-checks.h"

typedef struct
{
  char                *dir;
  char                *path;
  char                *project;
  PfConnectionProfile *profile;
  PfDatabase          *database;
  PfSchema            *schema;
} Fixture;

static void
fixture_open (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  if (fixture->database != NULL)
    pf_database_close (fixture->database);
  g_clear_object (&fixture->database);
  g_clear_object (&fixture->schema);

  fixture->database = pf_database_new_for_profile (fixture->profile, NULL);
  g_assert_true (pf_database_open (fixture->database, NULL, &error));
  g_assert_no_error (error);
  fixture->schema = pf_database_introspect (fixture->database, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = pf_test_make_dir ("pf-checklist-checks-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "shop.sqlite3", NULL);
  pf_test_sqlite_exec (fixture->path,
                       "CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
                       "CREATE TABLE shift (id INTEGER PRIMARY KEY, person_id INTEGER REFERENCES person (id));"
                       "INSERT INTO person (name) VALUES ('ada'), ('grace'), ('linus');"
                       "INSERT INTO shift (person_id) VALUES (1), (2);"
                       "CREATE TABLE django_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, app varchar(255) NOT NULL,"
                       "                                name varchar(255) NOT NULL, applied datetime NOT NULL);"
                       "INSERT INTO django_migrations (app, name, applied)"
                       "  VALUES ('shop', '0001_initial', '2026-01-01 10:00:00.000000');");
  fixture->project = make_project (fixture->dir, MIGRATION_0002);

  fixture->profile = pf_connection_profile_new_from_target (fixture->path, NULL, &error);
  g_assert_no_error (error);
  fixture_open (fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  _pf_checklist_checks_set_free_space_override (-1);
  pf_database_close (fixture->database);
  g_clear_object (&fixture->database);
  g_clear_object (&fixture->schema);
  g_clear_object (&fixture->profile);
  pf_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->project);
}

static PfChecklistChecks *
new_checks (Fixture        *fixture,
            PfChecklistRun *run)
{
  PfChecklistChecks *checks = pf_checklist_checks_new (fixture->database, fixture->schema, run);

  pf_checklist_checks_set_profile (checks, fixture->profile);
  pf_checklist_checks_set_project_dir (checks, fixture->project);

  return checks;
}

/* ---- a healthy database ------------------------------------------------ */

static void
test_healthy (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PfChecklistRun) run = new_run_for_checks (NULL);
  g_autoptr(PfChecklistChecks) checks = new_checks (fixture, run);
  g_autofree char *before = pf_test_file_sha256 (fixture->path);
  g_autofree char *after = NULL;
  PfRowCounts *counts;

  run_checks (checks, NULL);

  assert_state (run, "connection", PF_CHECKLIST_STATE_DONE);
  g_assert_nonnull (strstr (evidence_of (run, "connection"), "SQLite 3."));
  assert_state (run, "integrity", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "migration-history", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "drift", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "migrations-succeed", PF_CHECKLIST_STATE_DONE);
  g_assert_cmpstr (evidence_of (run, "migrations-succeed"), ==,
                   "No failure is predicted for the 1 pending migration");
  assert_state (run, "disk-space", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "duplicate-keys", PF_CHECKLIST_STATE_DONE);

  /* Nobody reviewed the pending migration; no backup was made: to do, not broken */
  assert_state (run, "migrations-reviewed", PF_CHECKLIST_STATE_OPEN);
  g_assert_true (details_contain (run, "migrations-reviewed", "shop.0002_person_email has not been reviewed"));
  assert_state (run, "backup-verified", PF_CHECKLIST_STATE_OPEN);

  /* PostgreSQL only, each with a sentence why */
  assert_state (run, "pg-sessions", PF_CHECKLIST_STATE_NOT_APPLICABLE);
  assert_state (run, "pg-connections", PF_CHECKLIST_STATE_NOT_APPLICABLE);
  assert_state (run, "pg-extensions", PF_CHECKLIST_STATE_NOT_APPLICABLE);
  assert_state (run, "invalid-indexes", PF_CHECKLIST_STATE_NOT_APPLICABLE);
  assert_state (run, "sequences", PF_CHECKLIST_STATE_NOT_APPLICABLE);
  g_assert_nonnull (strstr (evidence_of (run, "sequences"), "SQLite"));

  /* Counts recorded with the run; comparing them in the same pass would
   * prove nothing */
  assert_state (run, "row-counts", PF_CHECKLIST_STATE_DONE);
  g_assert_cmpstr (evidence_of (run, "row-counts"), ==, "Recorded the row counts of 3 tables");
  counts = pf_checklist_run_get_row_counts (run);
  g_assert_nonnull (counts);
  g_assert_cmpint (pf_row_counts_get (counts, "person"), ==, 3);
  g_assert_cmpint (pf_row_counts_get (counts, "shift"), ==, 2);
  assert_state (run, "row-counts-match", PF_CHECKLIST_STATE_OPEN);

  /* The scan and the analysis the checks used are there for the report */
  g_assert_nonnull (pf_checklist_checks_get_integrity (checks));
  g_assert_nonnull (pf_checklist_checks_get_analysis (checks));

  g_assert_cmpuint (pf_checklist_checks_get_n_not_run (checks), ==, 0);

  /* Read-only: not one byte of the file changed */
  after = pf_test_file_sha256 (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* ---- disk-space --------------------------------------------------------- */

static void
test_disk_space (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *ids[] = { "disk-space", NULL };
  g_autoptr(PfChecklistRun) run = new_run_for_checks (ids);
  g_autoptr(PfChecklistChecks) checks = new_checks (fixture, run);
  GStatBuf buf;

  g_assert_cmpint (g_stat (fixture->path, &buf), ==, 0);

  /* A disk with room for one more copy of the file, not two */
  _pf_checklist_checks_set_free_space_override ((gint64) buf.st_size * 2 - 1);
  run_checks (checks, NULL);
  assert_state (run, "disk-space", PF_CHECKLIST_STATE_FAILED);
  g_assert_true (g_str_has_prefix (evidence_of (run, "disk-space"), "Only "));
  g_assert_true (details_contain (run, "disk-space", fixture->dir));

  /* Exactly twice the file is enough */
  _pf_checklist_checks_set_free_space_override ((gint64) buf.st_size * 2);
  run_checks (checks, NULL);
  assert_state (run, "disk-space", PF_CHECKLIST_STATE_DONE);

  /* And the real disk of the test machine is measured */
  _pf_checklist_checks_set_free_space_override (-1);
  run_checks (checks, NULL);
  assert_state (run, "disk-space", PF_CHECKLIST_STATE_DONE);
  g_assert_false (details_contain (run, "disk-space", "set by a test"));
}

/* ---- integrity and duplicate keys --------------------------------------- */

static void
test_integrity_failures (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *ids[] = { "integrity", "duplicate-keys", NULL };
  g_autoptr(PfChecklistRun) run = new_run_for_checks (ids);
  g_autoptr(PfChecklistChecks) checks = NULL;
  g_autoptr(PfRules) rules = NULL;
  g_autoptr(GError) error = NULL;

  /* A shift of nobody, and two people named alike where names are keys */
  pf_test_sqlite_exec (fixture->path,
                       "INSERT INTO shift (person_id) VALUES (42);"
                       "INSERT INTO person (name) VALUES ('ada');");
  rules = pf_rules_new_from_data ("{\"schema\": \"preflight-rules/1\","
                                  " \"unique\": [{\"table\": \"person\", \"columns\": [\"name\"]}]}",
                                  -1, &error);
  g_assert_no_error (error);
  pf_connection_profile_set_rules (fixture->profile, rules);
  fixture_open (fixture);

  checks = new_checks (fixture, run);
  run_checks (checks, NULL);

  assert_state (run, "integrity", PF_CHECKLIST_STATE_FAILED);
  g_assert_cmpstr (evidence_of (run, "integrity"), ==, "The integrity scan found 2 problems that block the migration");
  assert_state (run, "duplicate-keys", PF_CHECKLIST_STATE_FAILED);
  g_assert_cmpstr (evidence_of (run, "duplicate-keys"), ==, "1 key column has duplicate values");
}

/* A relationship rule makes the column it points at a key to check */
static void
test_duplicate_referenced_key (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *ids[] = { "duplicate-keys", NULL };
  g_autoptr(PfChecklistRun) run = new_run_for_checks (ids);
  g_autoptr(PfChecklistChecks) checks = NULL;
  g_autoptr(PfRules) rules = NULL;
  g_autoptr(GError) error = NULL;

  pf_test_sqlite_exec (fixture->path,
                       "ALTER TABLE person ADD COLUMN sap TEXT;"
                       "UPDATE person SET sap = 'A1';"
                       "ALTER TABLE shift ADD COLUMN supervisor_sap TEXT;");
  rules = pf_rules_new_from_data ("{\"schema\": \"preflight-rules/1\","
                                  " \"relationships\": [{\"columns\": \"*_sap\", \"references\": \"person.sap\"}]}",
                                  -1, &error);
  g_assert_no_error (error);
  pf_connection_profile_set_rules (fixture->profile, rules);
  fixture_open (fixture);

  checks = new_checks (fixture, run);
  run_checks (checks, NULL);
  assert_state (run, "duplicate-keys", PF_CHECKLIST_STATE_FAILED);

  pf_test_sqlite_exec (fixture->path, "UPDATE person SET sap = 'A' || id;");
  fixture_open (fixture);
  g_clear_object (&checks);
  checks = new_checks (fixture, run);
  run_checks (checks, NULL);
  assert_state (run, "duplicate-keys", PF_CHECKLIST_STATE_DONE);
}

/* ---- migrations ---------------------------------------------------------- */

static void
test_reviewed (Fixture       *fixture,
               gconstpointer  data)
{
  const char *ids[] = { "migrations-reviewed", NULL };
  g_autoptr(PfChecklistRun) run = new_run_for_checks (ids);
  g_autoptr(PfChecklistChecks) checks = NULL;
  g_autoptr(PfMigrationSource) source = NULL;
  g_autoptr(PfMigrationReview) review = NULL;
  g_autoptr(GError) error = NULL;
  PfMigration *migration;

  source = pf_migration_source_load (fixture->project, NULL, NULL, &error);
  g_assert_no_error (error);
  migration = pf_migration_source_lookup (source, "shop", "0002_person_email");
  g_assert_nonnull (migration);
  review = pf_migration_review_new ("shop", "0002_person_email", pf_migration_get_checksum (migration),
                                    "Anna Kowalska", NULL);
  pf_connection_profile_set_review (fixture->profile, review);

  checks = new_checks (fixture, run);
  run_checks (checks, NULL);
  assert_state (run, "migrations-reviewed", PF_CHECKLIST_STATE_DONE);
  g_assert_cmpstr (evidence_of (run, "migrations-reviewed"), ==, "The pending migration has been reviewed");

  /* The file changed after the review: reviewed no more */
  pf_test_write_file (fixture->project, "shop/migrations/0002_person_email.py",
                      MIGRATION_0002 "# edited after the review\n");
  g_clear_object (&checks);
  checks = new_checks (fixture, run);
  run_checks (checks, NULL);
  assert_state (run, "migrations-reviewed", PF_CHECKLIST_STATE_OPEN);
  g_assert_true (details_contain (run, "migrations-reviewed", "changed after Anna Kowalska reviewed it"));

  /* Without the connection's reviews, nothing counts as reviewed */
  g_clear_object (&checks);
  checks = pf_checklist_checks_new (fixture->database, fixture->schema, run);
  pf_checklist_checks_set_project_dir (checks, fixture->project);
  run_checks (checks, NULL);
  assert_state (run, "migrations-reviewed", PF_CHECKLIST_STATE_OPEN);
}

static void
test_no_project (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *ids[] = { "migration-history", "drift", "migrations-reviewed", "migrations-succeed", NULL };
  g_autoptr(PfChecklistRun) run = new_run_for_checks (ids);
  g_autoptr(PfChecklistChecks) checks = pf_checklist_checks_new (fixture->database, fixture->schema, run);

  run_checks (checks, NULL);
  assert_state (run, "migration-history", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "drift", PF_CHECKLIST_STATE_NOT_APPLICABLE);
  assert_state (run, "migrations-reviewed", PF_CHECKLIST_STATE_NOT_APPLICABLE);
  assert_state (run, "migrations-succeed", PF_CHECKLIST_STATE_NOT_APPLICABLE);
  g_assert_true (g_str_has_prefix (evidence_of (run, "drift"), "No project folder is set"));
}

static void
test_history_problems (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *ids[] = { "migration-history", "drift", NULL };
  g_autoptr(PfChecklistRun) run = new_run_for_checks (ids);
  g_autoptr(PfChecklistChecks) checks = NULL;

  /* 0002 recorded as applied, but its column is not there: drift */
  pf_test_sqlite_exec (fixture->path,
                       "INSERT INTO django_migrations (app, name, applied)"
                       "  VALUES ('shop', '0002_person_email', '2026-01-02 10:00:00.000000');");
  fixture_open (fixture);
  checks = new_checks (fixture, run);
  run_checks (checks, NULL);

  assert_state (run, "drift", PF_CHECKLIST_STATE_FAILED);
  assert_state (run, "migration-history", PF_CHECKLIST_STATE_FAILED);
  g_assert_true (details_contain (run, "drift", "email"));
}

/* ---- backups ------------------------------------------------------------- */

static PfBackupRecord *
new_backup (const char *when,
            gboolean    verified)
{
  g_autoptr(GDateTime) created_at = g_date_time_new_from_iso8601 (when, NULL);
  PfBackupRecord *record;

  g_assert_nonnull (created_at);
  record = pf_backup_record_new ("/backups/shop.sqlite3", 4096, "abc", created_at, "sqlite-backup",
                                 "shop.sqlite3");
  pf_backup_record_set_verification (record, verified,
                                     verified ? "integrity_check ok; 3 tables, row counts equal"
                                              : "integrity_check found damage");
  return record;
}

static void
test_backup_verified (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *ids[] = { "backup-verified", NULL };
  g_autoptr(PfChecklistRun) run = new_run_for_checks (ids);
  g_autoptr(PfChecklistChecks) checks = new_checks (fixture, run);
  g_autoptr(PfBackupRecord) older = new_backup ("2025-12-31T09:00:00Z", TRUE);
  g_autoptr(PfBackupRecord) broken = new_backup ("2026-01-05T09:00:00Z", FALSE);
  g_autoptr(PfBackupRecord) newer = new_backup ("2026-01-06T09:00:00Z", TRUE);

  run_checks (checks, NULL);
  assert_state (run, "backup-verified", PF_CHECKLIST_STATE_OPEN);

  /* Verified, but taken before shop.0001_initial was applied */
  pf_checklist_run_add_backup (run, older);
  run_checks (checks, NULL);
  assert_state (run, "backup-verified", PF_CHECKLIST_STATE_FAILED);
  g_assert_nonnull (strstr (evidence_of (run, "backup-verified"), "shop.0001_initial"));

  /* A newer one that failed verification does not count */
  pf_checklist_run_add_backup (run, broken);
  run_checks (checks, NULL);
  assert_state (run, "backup-verified", PF_CHECKLIST_STATE_FAILED);

  pf_checklist_run_add_backup (run, newer);
  run_checks (checks, NULL);
  assert_state (run, "backup-verified", PF_CHECKLIST_STATE_DONE);
  g_assert_true (details_contain (run, "backup-verified", "/backups/shop.sqlite3"));
}

/* ---- row counts ------------------------------------------------------------ */

static void
test_row_counts_match (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *ids[] = { "row-counts", "row-counts-match", NULL };
  const char *match[] = { "row-counts-match", NULL };
  g_autoptr(PfChecklistRun) run = new_run_for_checks (ids);
  g_autoptr(PfChecklistChecks) checks = NULL;
  g_autoptr(PfChecklistRun) fresh = new_run_for_checks (match);
  g_autoptr(PfChecklistChecks) fresh_checks = NULL;

  /* Nothing recorded to compare with */
  fresh_checks = new_checks (fixture, fresh);
  run_checks (fresh_checks, NULL);
  assert_state (fresh, "row-counts-match", PF_CHECKLIST_STATE_OPEN);
  g_assert_cmpstr (evidence_of (fresh, "row-counts-match"), ==, "No counts were recorded before the migration");

  checks = new_checks (fixture, run);
  run_checks (checks, NULL);
  assert_state (run, "row-counts", PF_CHECKLIST_STATE_DONE);

  /* "The migration": a person is gone */
  pf_test_sqlite_exec (fixture->path, "DELETE FROM person WHERE id = 3;");
  fixture_open (fixture);
  g_clear_object (&checks);
  checks = new_checks (fixture, run);

  /* Running everything again keeps the counts taken before */
  run_checks (checks, NULL);
  g_assert_cmpint (pf_row_counts_get (pf_checklist_run_get_row_counts (run), "person"), ==, 3);
  assert_state (run, "row-counts-match", PF_CHECKLIST_STATE_FAILED);
  g_assert_true (g_str_has_prefix (evidence_of (run, "row-counts-match"), "1 table differs"));
  g_assert_true (details_contain (run, "row-counts-match", "person"));

  /* Re-running "row-counts" alone records anew, and then they match */
  run_checks (checks, (const char *[]) { "row-counts", NULL });
  g_assert_cmpint (pf_row_counts_get (pf_checklist_run_get_row_counts (run), "person"), ==, 2);
  run_checks (checks, match);
  assert_state (run, "row-counts-match", PF_CHECKLIST_STATE_DONE);
}

/* ---- cancellation ------------------------------------------------------- */

static void
test_cancel_restores (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *ids[] = { "connection", "integrity", "row-counts", NULL };
  g_autoptr(PfChecklistRun) run = new_run_for_checks (ids);
  g_autoptr(PfChecklistChecks) checks = new_checks (fixture, run);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *evidence = NULL;
  g_autoptr(GDateTime) when = NULL;

  run_checks (checks, NULL);
  assert_state (run, "connection", PF_CHECKLIST_STATE_DONE);
  evidence = g_strdup (evidence_of (run, "connection"));
  when = g_date_time_ref (pf_checklist_entry_get_when (entry_of (run, "connection")));

  g_cancellable_cancel (cancellable);
  g_assert_false (run_checks_full (checks, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Every entry back as it was, nothing left RUNNING */
  assert_state (run, "connection", PF_CHECKLIST_STATE_DONE);
  g_assert_cmpstr (evidence_of (run, "connection"), ==, evidence);
  g_assert_true (g_date_time_equal (pf_checklist_entry_get_when (entry_of (run, "connection")), when));
  assert_state (run, "integrity", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "row-counts", PF_CHECKLIST_STATE_DONE);
}

static void
cancel_on_change (PfChecklistRun *run,
                  GCancellable   *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/* Cancelled halfway: what finished keeps its result, the rest goes back */
static void
test_cancel_halfway (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *ids[] = { "connection", "integrity", "row-counts", NULL };
  g_autoptr(PfChecklistRun) run = new_run_for_checks (ids);
  g_autoptr(PfChecklistChecks) checks = new_checks (fixture, run);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_signal_connect (run, "changed", G_CALLBACK (cancel_on_change), cancellable);
  g_assert_false (run_checks_full (checks, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_signal_handlers_disconnect_by_data (run, cancellable);

  assert_state (run, "connection", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "integrity", PF_CHECKLIST_STATE_OPEN);
  assert_state (run, "row-counts", PF_CHECKLIST_STATE_OPEN);
  g_assert_null (pf_checklist_run_get_row_counts (run));
}

/* ---- the demo --------------------------------------------------------------- */

static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autofree char *project = pf_demo_ensure_project (NULL, &error);
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfChecklistRun) run = new_run_for_checks (NULL);
  g_autoptr(PfChecklistChecks) checks = NULL;

  g_assert_no_error (error);
  database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);
  g_assert_true (pf_database_open (database, NULL, &error));
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);

  checks = pf_checklist_checks_new (database, schema, run);
  pf_checklist_checks_set_project_dir (checks, project);
  run_checks (checks, NULL);

  /* The demo's stories: orphans, a conflict and drift, a migration that will fail */
  assert_state (run, "connection", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "integrity", PF_CHECKLIST_STATE_FAILED);
  assert_state (run, "migration-history", PF_CHECKLIST_STATE_FAILED);
  assert_state (run, "drift", PF_CHECKLIST_STATE_FAILED);
  assert_state (run, "migrations-succeed", PF_CHECKLIST_STATE_FAILED);
  g_assert_true (details_contain (run, "drift", "scheduling_staffcertification"));
  g_assert_cmpuint (pf_checklist_run_get_n_blocking (run), >, 0);

  pf_database_close (database);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/checklist-checks/sqlite/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("healthy", test_healthy);
  ADD ("disk-space", test_disk_space);
  ADD ("integrity-failures", test_integrity_failures);
  ADD ("duplicate-referenced-key", test_duplicate_referenced_key);
  ADD ("reviewed", test_reviewed);
  ADD ("no-project", test_no_project);
  ADD ("history-problems", test_history_problems);
  ADD ("backup-verified", test_backup_verified);
  ADD ("row-counts-match", test_row_counts_match);
  ADD ("cancel-restores", test_cancel_restores);
  ADD ("cancel-halfway", test_cancel_halfway);
  g_test_add_func ("/checklist-checks/sqlite/demo", test_demo);

  return g_test_run ();
}
