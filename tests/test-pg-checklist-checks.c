/* test-pg-checklist-checks.c — the automatic checklist items against a throwaway PostgreSQL
 *
 * Each check passes on a healthy database and fails on its broken variant,
 * made for real on the server: a session left idle in a transaction, most
 * connections taken, an INVALID index left by a failed CREATE UNIQUE INDEX
 * CONCURRENTLY, a sequence set behind its column, a pending migration that
 * creates an extension the server does not have, a user who may not see
 * the data directory (disk space becomes a manual item). A full disk goes
 * through the free-space seam, and the 5-minute session limit through the
 * session-age seam (pf-checklist-checks-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pg-checklist-checks"

#include "config.h"

#include <string.h>

#include <libpq-fe.h>

#include "pf-engine.h"
#include "pf-checklist-checks.h"
#include "pf-test-pg.h"
#include "test-checklist-checks.h"

static PfTestPg *pg;

typedef struct
{
  char                *dir;
  char                *project;
  char                *dbname;
  PfConnectionProfile *profile;
  PfDatabase          *database;
  PfSchema            *schema;
} Fixture;

static void
fixture_reopen (Fixture    *fixture,
                const char *user,
                const char *password)
{
  g_autoptr(GError) error = NULL;

  if (fixture->database != NULL)
    pf_database_close (fixture->database);
  g_clear_object (&fixture->database);
  g_clear_object (&fixture->schema);

  if (user != NULL)
    pf_connection_profile_set_user (fixture->profile, user);
  fixture->database = pf_database_new_for_profile (fixture->profile, password);
  g_assert_true (pf_database_open (fixture->database, NULL, &error));
  g_assert_no_error (error);
  fixture->schema = pf_database_introspect (fixture->database, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *migration_0002 = data != NULL ? data : MIGRATION_0002;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  fixture->dir = pf_test_make_dir ("pf-pg-checklist-XXXXXX");
  fixture->project = make_project (fixture->dir, migration_0002);

  fixture->dbname = pf_test_pg_create_database (pg, NULL, &error);
  g_assert_no_error (error);
  pf_test_pg_exec_ok (pg, fixture->dbname,
                          "CREATE TABLE person (id serial PRIMARY KEY, name text NOT NULL, email text);"
                          "INSERT INTO person (name, email) VALUES ('ada', 'a@x'), ('grace', 'a@x'), ('linus', 'l@x');"
                          "CREATE TABLE django_migrations (id serial PRIMARY KEY, app varchar(255) NOT NULL,"
                          "                                name varchar(255) NOT NULL, applied timestamptz NOT NULL);"
                          "INSERT INTO django_migrations (app, name, applied)"
                          "  VALUES ('shop', '0001_initial', '2026-01-01 10:00:00+00');");

  url = pf_test_pg_dup_url (pg, fixture->dbname);
  fixture->profile = pf_connection_profile_new_from_target (url, NULL, &error);
  g_assert_no_error (error);
  fixture_reopen (fixture, NULL, NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  _pf_checklist_checks_set_free_space_override (-1);
  _pf_checklist_checks_set_session_age_limit (0);
  pf_database_close (fixture->database);
  g_clear_object (&fixture->database);
  g_clear_object (&fixture->schema);
  g_clear_object (&fixture->profile);
  pf_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->project);
  g_free (fixture->dbname);
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

/* Runs just @check_id in a fresh run and returns the run */
static PfChecklistRun *
run_one (Fixture    *fixture,
         const char *check_id)
{
  const char *ids[] = { check_id, NULL };
  PfChecklistRun *run = new_run_for_checks (ids);
  g_autoptr(PfChecklistChecks) checks = new_checks (fixture, run);

  run_checks (checks, NULL);
  return run;
}

/* ---- a healthy database ------------------------------------------------ */

static void
test_healthy (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PfChecklistRun) run = new_run_for_checks (NULL);
  g_autoptr(PfChecklistChecks) checks = new_checks (fixture, run);

  run_checks (checks, NULL);

  assert_state (run, "connection", PF_CHECKLIST_STATE_DONE);
  g_assert_nonnull (strstr (evidence_of (run, "connection"), "PostgreSQL"));
  assert_state (run, "pg-sessions", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "pg-connections", PF_CHECKLIST_STATE_DONE);
  /* The socket is local and the superuser may read data_directory */
  assert_state (run, "disk-space", PF_CHECKLIST_STATE_DONE);
  g_assert_false (pf_checklist_entry_get_manual_fallback (entry_of (run, "disk-space")));
  g_assert_true (details_contain (run, "disk-space", pf_test_pg_get_dir (pg)));
  assert_state (run, "integrity", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "invalid-indexes", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "sequences", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "duplicate-keys", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "migration-history", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "drift", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "migrations-succeed", PF_CHECKLIST_STATE_DONE);
  assert_state (run, "pg-extensions", PF_CHECKLIST_STATE_DONE);
  g_assert_cmpstr (evidence_of (run, "pg-extensions"), ==, "The pending migrations need no extension");
  assert_state (run, "migrations-reviewed", PF_CHECKLIST_STATE_OPEN);
  assert_state (run, "row-counts", PF_CHECKLIST_STATE_DONE);
  g_assert_cmpint (pf_row_counts_get (pf_checklist_run_get_row_counts (run), "person"), ==, 3);
  g_assert_cmpuint (pf_checklist_checks_get_n_not_run (checks), ==, 0);
}

/* ---- pg-sessions --------------------------------------------------------- */

static void
test_idle_in_transaction (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfChecklistRun) before = NULL;
  g_autoptr(PfChecklistRun) during = NULL;
  g_autoptr(PfChecklistRun) after = NULL;
  g_autofree char *pid = NULL;
  PGconn *other;
  PGresult *result;

  _pf_checklist_checks_set_session_age_limit (1);

  before = run_one (fixture, "pg-sessions");
  assert_state (before, "pg-sessions", PF_CHECKLIST_STATE_DONE);
  g_assert_cmpstr (evidence_of (before, "pg-sessions"), ==,
                   "No session has been running a query or been idle in a transaction for more than 1 second");

  /* Someone's psql: BEGIN; SELECT …; and then lunch */
  other = pf_test_pg_connect (pg, fixture->dbname, &error);
  g_assert_no_error (error);
  result = PQexec (other, "SET application_name = 'psql'; BEGIN; SELECT count(*) FROM person;");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  PQclear (result);
  pid = g_strdup_printf ("%d", PQbackendPID (other));
  g_usleep (2 * G_USEC_PER_SEC);

  during = run_one (fixture, "pg-sessions");
  assert_state (during, "pg-sessions", PF_CHECKLIST_STATE_FAILED);
  g_assert_true (g_str_has_prefix (evidence_of (during, "pg-sessions"), "Session "));
  g_assert_nonnull (strstr (evidence_of (during, "pg-sessions"), pid));
  g_assert_nonnull (strstr (evidence_of (during, "pg-sessions"), "application psql"));
  g_assert_nonnull (strstr (evidence_of (during, "pg-sessions"), "idle in transaction"));

  result = PQexec (other, "COMMIT");
  PQclear (result);
  after = run_one (fixture, "pg-sessions");
  assert_state (after, "pg-sessions", PF_CHECKLIST_STATE_DONE);
  PQfinish (other);
}

/* ---- pg-connections ------------------------------------------------------ */

static void
test_connections (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) PQfinish);
  g_autoptr(PfChecklistRun) crowded = NULL;
  g_autoptr(PfChecklistRun) calm = NULL;

  /* The test server allows 50 − 3 reserved = 47; 38 is 80% */
  for (guint i = 0; i < 38; i++)
    {
      g_autoptr(GError) error = NULL;
      PGconn *session = pf_test_pg_connect (pg, fixture->dbname, &error);

      g_assert_no_error (error);
      g_ptr_array_add (sessions, session);
    }

  crowded = run_one (fixture, "pg-connections");
  assert_state (crowded, "pg-connections", PF_CHECKLIST_STATE_FAILED);
  g_assert_true (details_contain (crowded, "pg-connections", "max_connections = 50"));

  g_ptr_array_set_size (sessions, 0);
  /* Backends leave pg_stat_activity a moment after the client is gone */
  for (guint tries = 0; tries < 50; tries++)
    {
      g_clear_object (&calm);
      calm = run_one (fixture, "pg-connections");
      if (pf_checklist_entry_get_state (entry_of (calm, "pg-connections")) == PF_CHECKLIST_STATE_DONE)
        break;
      g_usleep (G_USEC_PER_SEC / 10);
    }
  assert_state (calm, "pg-connections", PF_CHECKLIST_STATE_DONE);
}

/* ---- invalid-indexes and sequences --------------------------------------- */

static void
test_invalid_index (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfChecklistRun) run = NULL;

  /* Fails on the duplicate e-mail and stays behind, INVALID */
  pf_test_pg_exec (pg, fixture->dbname, "CREATE UNIQUE INDEX CONCURRENTLY person_email_uniq ON person (email)",
                   &error);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "[23505]"));
  fixture_reopen (fixture, NULL, NULL);

  run = run_one (fixture, "invalid-indexes");
  assert_state (run, "invalid-indexes", PF_CHECKLIST_STATE_FAILED);
  g_assert_true (g_str_has_prefix (evidence_of (run, "invalid-indexes"), "1 index is INVALID"));
  g_assert_true (details_contain (run, "invalid-indexes", "person_email_uniq"));
}

static void
test_sequence_behind (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PfChecklistRun) run = NULL;

  pf_test_pg_exec_ok (pg, fixture->dbname, "SELECT setval('person_id_seq', 1)");
  fixture_reopen (fixture, NULL, NULL);

  run = run_one (fixture, "sequences");
  assert_state (run, "sequences", PF_CHECKLIST_STATE_FAILED);
  g_assert_true (g_str_has_prefix (evidence_of (run, "sequences"), "1 sequence is behind"));
}

/* ---- pg-extensions ------------------------------------------------------- */

static void
test_missing_extension (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PfChecklistRun) run = run_one (fixture, "pg-extensions");

  assert_state (run, "pg-extensions", PF_CHECKLIST_STATE_FAILED);
  g_assert_nonnull (strstr (evidence_of (run, "pg-extensions"), "preflight_no_such_ext"));
  g_assert_true (details_contain (run, "pg-extensions", "preflight_no_such_ext"));
}

#define MIGRATION_0002_PLPGSQL \
  "from django.contrib.postgres.operations import CreateExtension\n" \
  "from django.db import migrations\n" \
  "\n" \
  "class Migration(migrations.Migration):\n" \
  "    dependencies = [('shop', '0001_initial')]\n" \
  "    operations = [CreateExtension('plpgsql')]\n"

static void
test_available_extension (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PfChecklistRun) run = run_one (fixture, "pg-extensions");

  assert_state (run, "pg-extensions", PF_CHECKLIST_STATE_DONE);
  g_assert_cmpstr (evidence_of (run, "pg-extensions"), ==,
                   "The extension the pending migrations create is available: plpgsql");
}

/* ---- disk-space ---------------------------------------------------------- */

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PfChecklistRun) run = NULL;

  _pf_checklist_checks_set_free_space_override (1024);
  run = run_one (fixture, "disk-space");
  assert_state (run, "disk-space", PF_CHECKLIST_STATE_FAILED);
  /* g_format_size() puts a no-break space before the unit */
  g_assert_true (g_str_has_prefix (evidence_of (run, "disk-space"), "Only 1.0\u00a0kB free"));
}

/* A user who may not read data_directory: the database size, and a person
 * checks the disk */
static void
test_disk_manual_fallback (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PfChecklistRun) run = NULL;
  PfChecklistEntry *entry;

  pf_test_pg_exec_ok (pg, fixture->dbname, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'clerk') THEN "
                                           "CREATE ROLE clerk LOGIN PASSWORD 'clerk pw'; END IF; END $$;"
                                           "GRANT SELECT ON ALL TABLES IN SCHEMA public TO clerk;");
  fixture_reopen (fixture, "clerk", "clerk pw");

  run = run_one (fixture, "disk-space");
  entry = entry_of (run, "disk-space");
  assert_state (run, "disk-space", PF_CHECKLIST_STATE_OPEN);
  g_assert_true (pf_checklist_entry_get_manual_fallback (entry));
  g_assert_true (pf_checklist_entry_get_needs_person (entry));
  g_assert_true (g_str_has_prefix (evidence_of (run, "disk-space"), "The database is "));
  g_assert_nonnull (strstr (evidence_of (run, "disk-space"), "Preflight cannot see the server’s disk"));
}

/* ---- connection ---------------------------------------------------------- */

static void
test_connection_lost (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PfChecklistRun) run = NULL;
  g_autoptr(PfChecklistChecks) checks = NULL;

  /* The database goes away under an open connection */
  pf_database_close (fixture->database);
  pf_test_pg_exec_ok (pg, NULL, "DROP DATABASE IF EXISTS pf_gone");
  pf_test_pg_exec_ok (pg, NULL, "CREATE DATABASE pf_gone");
  pf_connection_profile_set_dbname (fixture->profile, "pf_gone");
  fixture_reopen (fixture, NULL, NULL);
  pf_database_close (fixture->database);
  pf_test_pg_exec_ok (pg, NULL, "DROP DATABASE pf_gone");

  run = new_run_for_checks ((const char *[]) { "connection", NULL });
  checks = new_checks (fixture, run);
  run_checks (checks, NULL);
  assert_state (run, "connection", PF_CHECKLIST_STATE_FAILED);
  g_assert_true (g_str_has_prefix (evidence_of (run, "connection"), "The check could not run: "));
  g_assert_cmpuint (pf_checklist_checks_get_n_not_run (checks), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  pg = pf_test_pg_start_ok ();

#define ADD(path, data, func) \
  g_test_add ("/pg-checklist-checks/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("healthy", NULL, test_healthy);
  ADD ("idle-in-transaction", NULL, test_idle_in_transaction);
  ADD ("connections", NULL, test_connections);
  ADD ("invalid-index", NULL, test_invalid_index);
  ADD ("sequence-behind", NULL, test_sequence_behind);
  ADD ("missing-extension", MIGRATION_0002_EXTENSION, test_missing_extension);
  ADD ("available-extension", MIGRATION_0002_PLPGSQL, test_available_extension);
  ADD ("disk-full", NULL, test_disk_full);
  ADD ("disk-manual-fallback", NULL, test_disk_manual_fallback);
  ADD ("connection-lost", NULL, test_connection_lost);

  return pf_test_pg_run_tests (pg);
}
