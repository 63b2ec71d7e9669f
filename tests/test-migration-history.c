/* test-migration-history.c — every framework's history table on real SQLite
 * files, made with each tool's own DDL
 *
 * Copyright 2026 The Preflight authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-demo.h"
#include "pf-engine.h"
#include "pf-migration-history.h"
#include "pf-test-history.h"

/* ---- helpers ---------------------------------------------------------- */

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *errmsg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("%s: %s", sql, errmsg);
}

static char *
file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Loads every history of the SQLite file at @path and checks that reading
 * left the file's bytes alone */
static GPtrArray *
load_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  GPtrArray *histories;

  database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);
  pf_database_open (database, NULL, &error);
  g_assert_no_error (error);
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);

  histories = pf_migration_history_load_all (database, schema, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (histories);
  pf_database_close (database);

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  return histories;
}

/* Makes a SQLite file from @sql in a fresh directory and loads it */
static GPtrArray *
load_sql (const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pf-history-XXXXXX", &error);
  g_autofree char *path = NULL;
  GPtrArray *histories;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "history.db", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_or_die (db, sql);
  sqlite3_close (db);

  histories = load_path (path);

  g_unlink (path);
  g_rmdir (dir);

  return histories;
}

/* ---- Django ----------------------------------------------------------- */

#define DJANGO_DDL \
  "CREATE TABLE \"django_migrations\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT," \
  " \"app\" varchar(255) NOT NULL, \"name\" varchar(255) NOT NULL, \"applied\" datetime NOT NULL);"

/* Three deployments. The first ran six quick migrations within one second,
 * as a real first `migrate` does (150 ms apart: not faked); the second
 * spans almost five minutes and mixes text forms; the third is nine rows
 * 1.3 ms apart: `migrate --fake`. */
static const char *django_sql =
  DJANGO_DDL
  "INSERT INTO django_migrations (app, name, applied) VALUES"
  "  ('contenttypes', '0001_initial', '2025-01-07 09:00:00.100000'),"
  "  ('auth', '0001_initial', '2025-01-07 09:00:00.250000'),"
  "  ('auth', '0002_alter_permission_name_max_length', '2025-01-07 09:00:00.400000'),"
  "  ('it''s \"staff\"', '0001_initial', '2025-01-07 09:00:00.550000'),"
  "  ('scheduling', '0001_initial', '2025-01-07 09:00:00.700000'),"
  "  ('sessions', '0001_initial', '2025-01-07 09:00:00.850000'),"
  "  ('scheduling', '0002_carehome_unit', '2025-02-03 17:30:05'),"
  "  ('scheduling', '0003_shift', '2025-02-03T18:30:07.25+01:00'),"
  "  ('scheduling', '0004_supervisionrecord', '2025-02-03 17:34:59.000001Z'),"
  "  ('scheduling', '0005_accesslog', '2025-03-12 14:02:11.000100'),"
  "  ('scheduling', '0006_careplanreview', '2025-03-12 14:02:11.001400'),"
  "  ('scheduling', '0007_staffprofile', '2025-03-12 14:02:11.002700'),"
  "  ('scheduling', '0008_leaveentitlement', '2025-03-12 14:02:11.004000'),"
  "  ('scheduling', '0009_leavetransaction', '2025-03-12 14:02:11.005300'),"
  "  ('scheduling', '0010_sicknessrecord', '2025-03-12 14:02:11.006600'),"
  "  ('scheduling', '0011_alter_shift_shift_type', '2025-03-12 14:02:11.007900'),"
  "  ('scheduling', '0012_shift_is_overtime', '2025-03-12 14:02:11.009200'),"
  "  ('scheduling', '0013_staffcertification', '2025-03-12 14:02:11.010500');";

static void
test_django (void)
{
  g_autoptr(GPtrArray) histories = load_sql (django_sql);
  PfMigrationHistory *history;
  PfMigrationProblem *problem;

  g_assert_cmpuint (histories->len, ==, 1);
  history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_DJANGO);
  g_assert_cmpstr (pf_migration_history_get_table (history), ==, "django_migrations");
  g_assert_cmpuint (pf_migration_history_get_records (history)->len, ==, 18);

  pf_test_assert_record (history, 0, "contenttypes", "0001_initial", "2025-01-07T09:00:00.100000Z",
                         PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 3, "it's \"staff\"", "0001_initial", "2025-01-07T09:00:00.550000Z",
                         PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 6, "scheduling", "0002_carehome_unit", "2025-02-03T17:30:05.000000Z",
                         PF_MIGRATION_STATE_APPLIED);
  /* A zone in the text is honoured: 18:30 at +01:00 is 17:30 UTC */
  pf_test_assert_record (history, 7, "scheduling", "0003_shift", "2025-02-03T17:30:07.250000Z",
                         PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 8, "scheduling", "0004_supervisionrecord", "2025-02-03T17:34:59.000001Z",
                         PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 17, "scheduling", "0013_staffcertification", "2025-03-12T14:02:11.010500Z",
                         PF_MIGRATION_STATE_APPLIED);
  g_assert_null (pf_test_record_at (history, 0)->detail);

  g_assert_true (pf_migration_history_contains (history, "scheduling", "0012_shift_is_overtime"));
  g_assert_true (pf_migration_history_contains (history, "it's \"staff\"", "0001_initial"));
  g_assert_false (pf_migration_history_contains (history, "scheduling", "0014_unit_is_active"));
  g_assert_false (pf_migration_history_contains (history, "auth", "0012_shift_is_overtime"));

  g_assert_cmpuint (pf_migration_history_get_deployments (history)->len, ==, 3);
  pf_test_assert_deployment (history, 0, 0, 6, FALSE);
  pf_test_assert_deployment (history, 1, 6, 3, FALSE);
  pf_test_assert_deployment (history, 2, 9, 9, TRUE);

  g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 1);
  problem = pf_test_assert_problem (history, 0, PF_MIGRATION_PROBLEM_PROBABLY_FAKED, PF_SEVERITY_WARNING,
                                    "9 migrations were recorded within the same second on 12 March 2025 at 14:02");
  g_assert_cmpstr (pf_migration_problem_get_app (problem), ==, "scheduling");
  pf_test_assert_migrations (problem,
                             "0005_accesslog 0006_careplanreview 0007_staffprofile 0008_leaveentitlement "
                             "0009_leavetransaction 0010_sicknessrecord 0011_alter_shift_shift_type "
                             "0012_shift_is_overtime 0013_staffcertification");
  g_assert_nonnull (strstr (pf_migration_problem_get_explanation (problem), "migrate --fake"));
  g_assert_nonnull (strstr (pf_migration_problem_get_detail (problem), "14:02:11.000100"));
}

/* Ten minutes apart is two deployments; faked rows spanning two apps name
 * them with their app; whole-second timestamps only have the count to go by */
static void
test_django_edges (void)
{
  g_autoptr(GPtrArray) histories = NULL;
  PfMigrationHistory *history;
  PfMigrationProblem *problem;

  histories = load_sql (DJANGO_DDL
                        "INSERT INTO django_migrations (app, name, applied) VALUES"
                        "  ('a', '0001_initial', '2024-06-01 10:00:00'),"
                        "  ('a', '0002_x', '2024-06-01 10:05:00'),"          /* exactly 5 min */
                        "  ('a', '0003_y', '2024-06-01 10:10:00.000001'),"   /* just over */
                        "  ('a', '0004_z', '2024-06-01 23:59:59'),"
                        "  ('b', '0001_initial', '2024-06-01 23:59:59'),"
                        "  ('b', '0002_x', '2024-06-01 23:59:59'),"
                        "  ('a', '0005_w', '2024-06-01 23:59:59'),"
                        "  ('b', '0003_y', '2024-06-01 23:59:59'),"
                        "  ('b', '0004_z', '2024-06-02 00:00:00'),"
                        /* four within the same second are not a batch */
                        "  ('c', '0001_initial', '2024-07-01 08:00:00.001'),"
                        "  ('c', '0002_x', '2024-07-01 08:00:00.002'),"
                        "  ('c', '0003_y', '2024-07-01 08:00:00.003'),"
                        "  ('c', '0004_z', '2024-07-01 08:00:00.004');");
  history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_DJANGO);
  g_assert_cmpuint (pf_migration_history_get_deployments (history)->len, ==, 4);
  pf_test_assert_deployment (history, 0, 0, 2, FALSE);
  pf_test_assert_deployment (history, 1, 2, 1, FALSE);
  pf_test_assert_deployment (history, 2, 3, 6, TRUE);
  pf_test_assert_deployment (history, 3, 9, 4, FALSE);

  g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 1);
  problem = pf_test_assert_problem (history, 0, PF_MIGRATION_PROBLEM_PROBABLY_FAKED, PF_SEVERITY_WARNING,
                                    "5 migrations were recorded within the same second on 1 June 2024 at 23:59");
  g_assert_null (pf_migration_problem_get_app (problem));
  pf_test_assert_migrations (problem, "a.0004_z b.0001_initial b.0002_x a.0005_w b.0003_y");
}

/* The demo database: 41 rows; the nine faked on 20 November 2023 are the
 * only probably-faked batch (the first `migrate` put nine rows into one
 * second too, but about 100 ms apart, as real migrations run) */
static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autoptr(GPtrArray) histories = NULL;
  PfMigrationHistory *history;
  PfMigrationProblem *problem;
  GPtrArray *deployments;

  g_assert_no_error (error);
  histories = load_path (path);
  g_assert_cmpuint (histories->len, ==, 1);
  history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_DJANGO);
  g_assert_cmpuint (pf_migration_history_get_records (history)->len, ==, 43);
  pf_test_assert_record (history, 0, "contenttypes", "0001_initial", "2021-03-02T09:14:31.104822Z",
                         PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 40, "scheduling", "0023_accesslog_user_agent", "2024-02-05T08:03:13.402279Z",
                         PF_MIGRATION_STATE_APPLIED);
  /* Copied by hand: an inconsistent and an orphaned record (see demo.sql) */
  pf_test_assert_record (history, 42, "training", "0003_course_expiry_legacy", "2024-02-05T08:03:13.790044Z",
                         PF_MIGRATION_STATE_APPLIED);
  g_assert_true (pf_migration_history_contains (history, "scheduling", "0017_shift_is_overtime"));
  g_assert_true (pf_migration_history_contains (history, "scheduling", "0018_staffcertification"));

  /* 2021-03-02, 2021-09-14, 2022-06-07, 2023-11-20 (faked), 2024-02-05 */
  deployments = pf_migration_history_get_deployments (history);
  g_assert_cmpuint (deployments->len, ==, 5);
  pf_test_assert_deployment (history, 0, 0, 19, FALSE);
  pf_test_assert_deployment (history, 1, 19, 5, FALSE);
  pf_test_assert_deployment (history, 2, 24, 5, FALSE);
  pf_test_assert_deployment (history, 3, 29, 9, TRUE);
  pf_test_assert_deployment (history, 4, 38, 5, FALSE);

  g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 1);
  problem = pf_test_assert_problem (history, 0, PF_MIGRATION_PROBLEM_PROBABLY_FAKED, PF_SEVERITY_WARNING,
                                    "9 migrations were recorded within the same second on 20 November 2023 at 16:42");
  g_assert_cmpstr (pf_migration_problem_get_app (problem), ==, "scheduling");
  g_assert_cmpuint (g_strv_length ((char **) pf_migration_problem_get_migrations (problem)), ==, 9);
  g_assert_cmpstr (pf_migration_problem_get_migrations (problem)[0], ==, "0012_user_sap_validator");
  g_assert_cmpstr (pf_migration_problem_get_migrations (problem)[8], ==, "0020_alter_shift_options");
}

/* Real Django (python3-django) makes the history: a real `migrate` is read
 * back whole and not flagged as faked */
static gboolean
run_django (const char  *dir,
            const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GSubprocess) process = NULL;

  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_unsetenv (launcher, "PYTHONPATH");
  /* The test environment's debugging malloc slows Python down tenfold,
   * which would hide the speed of --fake this test is about */
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_CHECK_");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
  g_subprocess_launcher_unsetenv (launcher, "LD_PRELOAD");
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  if (error != NULL)
    g_test_message ("%s: %s", argv[2], error->message);

  return error == NULL;
}

static void
test_django_real (void)
{
  const char *python = "/usr/bin/python3";
  const char *check[] = { python, "-c", "import django", NULL };
  const char *startproject[] = { python, "-m", "django", "startproject", "rota", ".", NULL };
  const char *migrate[] = { python, "manage.py", "migrate", "-v0", NULL };
  const char *fake[] = { python, "manage.py", "migrate", "--fake", "-v0", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;

  if (!g_file_test (python, G_FILE_TEST_IS_EXECUTABLE) || !run_django ("/", check))
    {
      g_test_skip ("Django (python3-django) is not installed");
      return;
    }

  dir = g_dir_make_tmp ("pf-history-django-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "db.sqlite3", NULL);
  g_assert_true (run_django (dir, startproject));

  /* A real migrate: every contrib migration, in one deployment, none faked */
  g_assert_true (run_django (dir, migrate));
  {
    g_autoptr(GPtrArray) histories = load_path (db);
    PfMigrationHistory *history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_DJANGO);

    g_assert_cmpuint (pf_migration_history_get_records (history)->len, >=, 15);
    g_assert_true (pf_migration_history_contains (history, "auth", "0001_initial"));
    g_assert_true (pf_migration_history_contains (history, "sessions", "0001_initial"));
    g_assert_cmpuint (pf_migration_history_get_deployments (history)->len, ==, 1);
    g_assert_false (((PfDeployment *) g_ptr_array_index (pf_migration_history_get_deployments (history), 0))->probably_faked);
    g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 0);
  }
  g_unlink (db);

  /* The same with --fake reads back the same records. Whether the batch
   * is flagged depends on how fast this machine wrote the rows (1–2 ms
   * apart when idle, 15–30 ms under a parallel build), so the flagging
   * itself is asserted on fixed timestamps above, not here. */
  g_assert_true (run_django (dir, fake));
  {
    g_autoptr(GPtrArray) histories = load_path (db);
    PfMigrationHistory *history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_DJANGO);

    g_assert_cmpuint (pf_migration_history_get_records (history)->len, >=, 15);
    g_assert_true (pf_migration_history_contains (history, "admin", "0001_initial"));
    g_assert_cmpuint (pf_migration_history_get_deployments (history)->len, ==, 1);
  }

  {
    const char *rm[] = { "rm", "-rf", dir, NULL };
    g_autoptr(GSubprocess) process = g_subprocess_newv (rm, G_SUBPROCESS_FLAGS_NONE, &error);

    g_assert_no_error (error);
    g_subprocess_wait_check (process, NULL, &error);
    g_assert_no_error (error);
  }
}

/* Big histories load and stay in order. Under AddressSanitizer with full
 * malloc stacks every allocation is slow, so there a fifth of the rows. */
#if defined(__SANITIZE_ADDRESS__)
#define LARGE_ROWS "20000"
#define LARGE_LAST_APP "app1"
#define LARGE_LAST_NAME "20000_m"
#define LARGE_LAST_TIME "2020-05-18T21:20:00.000000Z"
#define LARGE_CONTAINS_APP "app0"
#define LARGE_CONTAINS_NAME "19999_m"
#else
#define LARGE_ROWS "100000"
#define LARGE_LAST_APP "app5"
#define LARGE_LAST_NAME "100000_m"
#define LARGE_LAST_TIME "2021-11-25T10:40:00.000000Z"
#define LARGE_CONTAINS_APP "app4"
#define LARGE_CONTAINS_NAME "99999_m"
#endif

static void
test_django_large (void)
{
  g_autoptr(GPtrArray) histories = NULL;
  PfMigrationHistory *history;
  guint n = (guint) g_ascii_strtoull (LARGE_ROWS, NULL, 10);

  /* One every ten minutes: as many deployments of one */
  histories = load_sql (DJANGO_DDL
                        "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " LARGE_ROWS ")"
                        " INSERT INTO django_migrations (app, name, applied)"
                        " SELECT 'app' || (i % 7), printf ('%04d_m', i),"
                        "        strftime ('%Y-%m-%d %H:%M:%f', '2020-01-01', '+' || (i * 600) || ' seconds')"
                        "   FROM n;");
  history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_DJANGO);
  g_assert_cmpuint (pf_migration_history_get_records (history)->len, ==, n);
  g_assert_cmpuint (pf_migration_history_get_deployments (history)->len, ==, n);
  g_assert_true (pf_migration_history_contains (history, LARGE_CONTAINS_APP, LARGE_CONTAINS_NAME));
  pf_test_assert_record (history, n - 1, LARGE_LAST_APP, LARGE_LAST_NAME, LARGE_LAST_TIME, PF_MIGRATION_STATE_APPLIED);
}

/* ---- Flyway 9 --------------------------------------------------------- */

static const char *flyway_sql =
  /* Flyway 9's createMetaDataTable.sql for SQLite */
  "CREATE TABLE \"main\".\"flyway_schema_history\" ("
  "    \"installed_rank\" INT NOT NULL PRIMARY KEY,"
  "    \"version\" VARCHAR(50),"
  "    \"description\" VARCHAR(200) NOT NULL,"
  "    \"type\" VARCHAR(20) NOT NULL,"
  "    \"script\" VARCHAR(1000) NOT NULL,"
  "    \"checksum\" INT,"
  "    \"installed_by\" VARCHAR(100) NOT NULL,"
  "    \"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),"
  "    \"execution_time\" INT NOT NULL,"
  "    \"success\" BOOLEAN NOT NULL"
  ");"
  "CREATE INDEX \"main\".\"flyway_schema_history_s_idx\" ON \"flyway_schema_history\" (\"success\");"
  "INSERT INTO flyway_schema_history VALUES"
  "  (1, '1', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'deploy',"
  "   '2025-03-10 08:00:00.000', 0, 1),"
  "  (2, '2', 'create staff', 'SQL', 'V2__create_staff.sql', -1234567, 'deploy',"
  "   '2025-03-12 14:00:01.250', 35, 1),"
  "  (3, NULL, 'views', 'SQL', 'R__views.sql', 55, 'deploy', '2025-03-12 14:00:02.000', 3, 1),"
  "  (4, '3', 'add index', 'SQL', 'V3__add_index.sql', 99887766, 'deploy',"
  "   '2025-03-12 14:00:02.500', 1204, 0);";

static void
test_flyway (void)
{
  g_autoptr(GPtrArray) histories = load_sql (flyway_sql);
  PfMigrationHistory *history;
  PfMigrationProblem *problem;

  g_assert_cmpuint (histories->len, ==, 1);
  history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_FLYWAY);
  g_assert_cmpstr (pf_migration_history_get_table (history), ==, "flyway_schema_history");
  g_assert_cmpuint (pf_migration_history_get_records (history)->len, ==, 4);
  pf_test_assert_record (history, 0, NULL, "<< Flyway Baseline >>", "2025-03-10T08:00:00.000000Z",
                         PF_MIGRATION_STATE_SKIPPED);
  pf_test_assert_record (history, 1, NULL, "V2__create_staff", "2025-03-12T14:00:01.250000Z",
                         PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 2, NULL, "R__views", "2025-03-12T14:00:02.000000Z", PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 3, NULL, "V3__add_index", "2025-03-12T14:00:02.500000Z", PF_MIGRATION_STATE_FAILED);
  g_assert_nonnull (strstr (pf_test_record_at (history, 1)->detail, "-1234567"));

  g_assert_cmpuint (pf_migration_history_get_deployments (history)->len, ==, 2);
  pf_test_assert_deployment (history, 0, 0, 1, FALSE);
  pf_test_assert_deployment (history, 1, 1, 3, FALSE);

  g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 1);
  problem = pf_test_assert_problem (history, 0, PF_MIGRATION_PROBLEM_FAILED_MIGRATION, PF_SEVERITY_BLOCKER,
                                    "The migration V3__add_index failed");
  g_assert_cmpstr (pf_migration_problem_get_fix (problem), ==, "flyway repair");
  g_assert_nonnull (strstr (pf_migration_problem_get_explanation (problem), "half-changed"));
  pf_test_assert_migrations (problem, "V3__add_index");
}

/* ---- Liquibase 4 ------------------------------------------------------ */

static const char *liquibase_sql =
  /* As Liquibase 4 creates them on SQLite: upper-case names */
  "CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL,"
  " FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TEXT NOT NULL, ORDEREXECUTED INTEGER NOT NULL,"
  " EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255),"
  " TAG VARCHAR(255), LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS VARCHAR(255),"
  " DEPLOYMENT_ID VARCHAR(10));"
  "CREATE TABLE DATABASECHANGELOGLOCK (ID INTEGER NOT NULL, LOCKED BOOLEAN NOT NULL, LOCKGRANTED TEXT,"
  " LOCKEDBY VARCHAR(255), CONSTRAINT PK_DATABASECHANGELOGLOCK PRIMARY KEY (ID));"
  "INSERT INTO DATABASECHANGELOG VALUES"
  "  ('1', 'alice', 'db/changelog/001-staff.xml', '2025-03-12 14:02:00.100', 1, 'EXECUTED',"
  "   '9:0a1b2c', 'createTable tableName=staff', '', NULL, '4.29.2', NULL, NULL, '1781234567'),"
  "  ('2', 'bob', 'db/changelog/002-legacy.xml', '2025-03-12 14:02:00.200', 2, 'MARK_RAN',"
  "   '9:3d4e5f', 'sql', '', NULL, '4.29.2', NULL, NULL, '1781234567'),"
  "  ('3', 'o''brien', 'db/changelog/003-views.sql', '2025-03-12 14:02:00.300', 3, 'RERAN',"
  "   '9:6a7b8c', 'sqlFile', '', NULL, '4.29.2', NULL, NULL, '1781234567'),"
  "  ('4', 'alice', 'db/changelog/004-index.xml', '2025-03-12 14:02:01.000', 4, 'FAILED',"
  "   '9:9d0e1f', 'createIndex', '', NULL, '4.29.2', NULL, NULL, '1781234567'),"
  "  ('5', 'alice', 'db/changelog/005-optional.xml', '2025-03-12 14:02:01.100', 5, 'SKIPPED',"
  "   NULL, 'empty', '', NULL, '4.29.2', NULL, NULL, '1781234567');"
  "INSERT INTO DATABASECHANGELOGLOCK VALUES (1, 1, '2025-03-12 14:01:59.950', 'build-7.example.org (10.0.3.17)');";

static void
test_liquibase (void)
{
  g_autoptr(GPtrArray) histories = load_sql (liquibase_sql);
  PfMigrationHistory *history;
  PfMigrationProblem *problem;

  g_assert_cmpuint (histories->len, ==, 1);
  history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_LIQUIBASE);
  g_assert_cmpstr (pf_migration_history_get_table (history), ==, "DATABASECHANGELOG");
  g_assert_cmpuint (pf_migration_history_get_records (history)->len, ==, 5);
  pf_test_assert_record (history, 0, NULL, "db/changelog/001-staff.xml::1::alice", "2025-03-12T14:02:00.100000Z",
                         PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 1, NULL, "db/changelog/002-legacy.xml::2::bob", "2025-03-12T14:02:00.200000Z",
                         PF_MIGRATION_STATE_SKIPPED);
  pf_test_assert_record (history, 2, NULL, "db/changelog/003-views.sql::3::o'brien", "2025-03-12T14:02:00.300000Z",
                         PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 3, NULL, "db/changelog/004-index.xml::4::alice", "2025-03-12T14:02:01.000000Z",
                         PF_MIGRATION_STATE_FAILED);
  pf_test_assert_record (history, 4, NULL, "db/changelog/005-optional.xml::5::alice", "2025-03-12T14:02:01.100000Z",
                         PF_MIGRATION_STATE_SKIPPED);
  g_assert_nonnull (strstr (pf_test_record_at (history, 2)->detail, "RERAN"));

  g_assert_cmpuint (pf_migration_history_get_deployments (history)->len, ==, 1);
  pf_test_assert_deployment (history, 0, 0, 5, FALSE);

  g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 2);
  problem = pf_test_assert_problem (history, 0, PF_MIGRATION_PROBLEM_FAILED_MIGRATION, PF_SEVERITY_BLOCKER,
                                    "The changeset db/changelog/004-index.xml::4::alice failed");
  pf_test_assert_migrations (problem, "db/changelog/004-index.xml::4::alice");
  problem = pf_test_assert_problem (history, 1, PF_MIGRATION_PROBLEM_LOCK_HELD, PF_SEVERITY_BLOCKER,
                                    "Liquibase is locked by build-7.example.org (10.0.3.17) since 12 March 2025 at 14:01");
  g_assert_cmpstr (pf_migration_problem_get_fix (problem), ==, "liquibase releaseLocks");
  g_assert_nonnull (strstr (pf_migration_problem_get_explanation (problem), "liquibase releaseLocks"));
  g_assert_nonnull (strstr (pf_migration_problem_get_detail (problem), "2025-03-12 14:01:59.950000 UTC"));
}

static void
test_liquibase_unlocked (void)
{
  g_autoptr(GPtrArray) histories = NULL;
  PfMigrationHistory *history;

  /* Lower-case names, released lock */
  histories = load_sql ("CREATE TABLE databasechangelog (id VARCHAR(255) NOT NULL, author VARCHAR(255) NOT NULL,"
                        " filename VARCHAR(255) NOT NULL, dateexecuted TIMESTAMP NOT NULL,"
                        " orderexecuted INTEGER NOT NULL, exectype VARCHAR(10) NOT NULL, md5sum VARCHAR(35));"
                        "CREATE TABLE databasechangeloglock (id INTEGER NOT NULL PRIMARY KEY,"
                        " locked BOOLEAN NOT NULL, lockgranted TIMESTAMP, lockedby VARCHAR(255));"
                        "INSERT INTO databasechangelog VALUES ('1', 'a', 'x.xml', '2025-01-01T10:00:00', 1,"
                        " 'EXECUTED', NULL);"
                        "INSERT INTO databasechangeloglock VALUES (1, 0, NULL, NULL);");
  history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_LIQUIBASE);
  pf_test_assert_record (history, 0, NULL, "x.xml::1::a", "2025-01-01T10:00:00.000000Z", PF_MIGRATION_STATE_APPLIED);
  g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 0);
}

/* ---- Alembic ---------------------------------------------------------- */

#define ALEMBIC_DDL \
  "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL," \
  " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));"

static void
test_alembic (void)
{
  g_autoptr(GPtrArray) histories = NULL;
  g_autoptr(GPtrArray) single = NULL;
  PfMigrationHistory *history;
  PfMigrationProblem *problem;

  histories = load_sql (ALEMBIC_DDL
                        "INSERT INTO alembic_version VALUES ('ae1027a6acf'), ('27c6a30d7c24');");
  history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_ALEMBIC);
  g_assert_cmpuint (pf_migration_history_get_records (history)->len, ==, 2);
  pf_test_assert_record (history, 0, NULL, "27c6a30d7c24", NULL, PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 1, NULL, "ae1027a6acf", NULL, PF_MIGRATION_STATE_APPLIED);
  g_assert_cmpuint (pf_migration_history_get_deployments (history)->len, ==, 0);
  g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 1);
  problem = pf_test_assert_problem (history, 0, PF_MIGRATION_PROBLEM_MULTIPLE_HEADS, PF_SEVERITY_WARNING,
                                    "The database is on 2 Alembic branches at once");
  pf_test_assert_migrations (problem, "27c6a30d7c24 ae1027a6acf");
  g_assert_nonnull (strstr (pf_migration_problem_get_explanation (problem), "alembic upgrade heads"));

  single = load_sql (ALEMBIC_DDL "INSERT INTO alembic_version VALUES ('27c6a30d7c24');");
  history = pf_test_find_history (single, PF_MIGRATION_FRAMEWORK_ALEMBIC);
  g_assert_cmpuint (pf_migration_history_get_records (history)->len, ==, 1);
  g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 0);
}

/* ---- Rails 7 ---------------------------------------------------------- */

static const char *rails_sql =
  "CREATE TABLE IF NOT EXISTS \"schema_migrations\" (\"version\" varchar NOT NULL PRIMARY KEY);"
  "CREATE TABLE IF NOT EXISTS \"ar_internal_metadata\" (\"key\" varchar NOT NULL PRIMARY KEY,"
  " \"value\" varchar, \"created_at\" datetime(6) NOT NULL, \"updated_at\" datetime(6) NOT NULL);"
  "INSERT INTO schema_migrations VALUES ('20240105093000'), ('20250312140211'), ('20231201120000');"
  "INSERT INTO ar_internal_metadata VALUES"
  "  ('environment', 'production', '2023-12-01 12:00:01.123456', '2023-12-01 12:00:01.123456'),"
  "  ('schema_sha1', '5d41402abc4b2a76b9719d911017c592', '2023-12-01 12:00:01.2', '2023-12-01 12:00:01.2');";

static void
test_rails (void)
{
  g_autoptr(GPtrArray) histories = load_sql (rails_sql);
  PfMigrationHistory *history;
  PfMigrationProblem *problem;

  g_assert_cmpuint (histories->len, ==, 1);
  history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_RAILS);
  g_assert_cmpuint (pf_migration_history_get_records (history)->len, ==, 3);
  /* The version is when the file was made, not when it ran: no applied_at */
  pf_test_assert_record (history, 0, NULL, "20231201120000", NULL, PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 1, NULL, "20240105093000", NULL, PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 2, NULL, "20250312140211", NULL, PF_MIGRATION_STATE_APPLIED);
  g_assert_cmpstr (pf_test_record_at (history, 1)->detail, ==,
                   "created 5 January 2024 at 09:30; Rails does not record when it was applied");
  g_assert_cmpuint (pf_migration_history_get_deployments (history)->len, ==, 0);

  g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 1);
  problem = pf_test_assert_problem (history, 0, PF_MIGRATION_PROBLEM_ENVIRONMENT, PF_SEVERITY_INFO,
                                    "The database says it is a “production” database");
  g_assert_nonnull (strstr (pf_migration_problem_get_detail (problem), "environment = production"));
}

/* ---- Prisma 5 --------------------------------------------------------- */

static const char *prisma_sql =
  "CREATE TABLE \"_prisma_migrations\" ("
  "    \"id\"                    TEXT PRIMARY KEY NOT NULL,"
  "    \"checksum\"              TEXT NOT NULL,"
  "    \"finished_at\"           DATETIME,"
  "    \"migration_name\"        TEXT NOT NULL,"
  "    \"logs\"                  TEXT,"
  "    \"rolled_back_at\"        DATETIME,"
  "    \"started_at\"            DATETIME NOT NULL DEFAULT current_timestamp,"
  "    \"applied_steps_count\"   INTEGER UNSIGNED NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO _prisma_migrations VALUES"
  "  ('6f1c2d1e-0001', 'c0ffee01', '2024-10-01 10:00:01.500', '20241001_init', NULL, NULL,"
  "   '2024-10-01 10:00:01.000', 1),"
  "  ('6f1c2d1e-0002', 'c0ffee02', NULL, '20241005_add_shift',"
  "   'Database error code: 19 UNIQUE constraint failed', '2024-10-05 11:00:00.000', '2024-10-05 10:59:58.000', 0),"
  "  ('6f1c2d1e-0003', 'c0ffee02', '2024-10-05 11:05:02.000', '20241005_add_shift', NULL, NULL,"
  "   '2024-10-05 11:05:01.000', 1),"
  "  ('6f1c2d1e-0004', 'c0ffee03', NULL, '20241010_add_note', NULL, '2024-10-10 09:00:00',"
  "   '2024-10-10 08:59:00', 0),"
  /* Prisma writes JavaScript dates: milliseconds since 1970 */
  "  ('6f1c2d1e-0005', 'c0ffee04', NULL, '20241014_add_index', 'ERROR: could not create unique index',"
  "   NULL, 1728907200000, 0);";

static void
test_prisma (void)
{
  g_autoptr(GPtrArray) histories = load_sql (prisma_sql);
  PfMigrationHistory *history;
  PfMigrationProblem *problem;

  g_assert_cmpuint (histories->len, ==, 1);
  history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_PRISMA);
  g_assert_cmpuint (pf_migration_history_get_records (history)->len, ==, 5);
  pf_test_assert_record (history, 0, NULL, "20241001_init", "2024-10-01T10:00:01.500000Z", PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 1, NULL, "20241005_add_shift", NULL, PF_MIGRATION_STATE_ROLLED_BACK);
  pf_test_assert_record (history, 2, NULL, "20241005_add_shift", "2024-10-05T11:05:02.000000Z",
                         PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 3, NULL, "20241010_add_note", NULL, PF_MIGRATION_STATE_ROLLED_BACK);
  pf_test_assert_record (history, 4, NULL, "20241014_add_index", NULL, PF_MIGRATION_STATE_UNFINISHED);
  g_assert_nonnull (strstr (pf_test_record_at (history, 4)->detail, "2024-10-14 12:00:00.000000 UTC"));

  g_assert_cmpuint (pf_migration_history_get_deployments (history)->len, ==, 2);
  pf_test_assert_deployment (history, 0, 0, 1, FALSE);
  pf_test_assert_deployment (history, 1, 2, 1, FALSE);

  g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 3);
  pf_test_assert_problem (history, 0, PF_MIGRATION_PROBLEM_ROLLED_BACK_MIGRATION, PF_SEVERITY_INFO,
                          "The migration 20241005_add_shift was rolled back");
  pf_test_assert_problem (history, 1, PF_MIGRATION_PROBLEM_ROLLED_BACK_MIGRATION, PF_SEVERITY_WARNING,
                          "The migration 20241010_add_note was rolled back");
  problem = pf_test_assert_problem (history, 2, PF_MIGRATION_PROBLEM_UNFINISHED_MIGRATION, PF_SEVERITY_BLOCKER,
                                    "The last migration, 20241014_add_index, started but never finished");
  g_assert_nonnull (strstr (pf_migration_problem_get_explanation (problem), "half-changed"));
  g_assert_nonnull (strstr (pf_migration_problem_get_fix (problem),
                            "prisma migrate resolve --rolled-back 20241014_add_index"));
  pf_test_assert_migrations (problem, "20241014_add_index");
}

/* ---- golang-migrate 4 ------------------------------------------------- */

#define GOLANG_MIGRATE_DDL \
  "CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool);" \
  "CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version);"

static void
test_golang_migrate (void)
{
  g_autoptr(GPtrArray) histories = NULL;
  g_autoptr(GPtrArray) clean = NULL;
  PfMigrationHistory *history;
  PfMigrationProblem *problem;

  histories = load_sql (GOLANG_MIGRATE_DDL "INSERT INTO schema_migrations VALUES (7, 1);");
  /* Not mistaken for Rails' table of the same name */
  g_assert_cmpuint (histories->len, ==, 1);
  history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_GOLANG_MIGRATE);
  g_assert_cmpuint (pf_migration_history_get_records (history)->len, ==, 1);
  pf_test_assert_record (history, 0, NULL, "7", NULL, PF_MIGRATION_STATE_DIRTY);
  g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 1);
  problem = pf_test_assert_problem (history, 0, PF_MIGRATION_PROBLEM_DIRTY_MIGRATION, PF_SEVERITY_BLOCKER,
                                    "Migration 7 failed halfway");
  g_assert_nonnull (strstr (pf_migration_problem_get_explanation (problem),
                            "golang-migrate will not run until you fix the schema and force the version"));
  g_assert_nonnull (strstr (pf_migration_problem_get_fix (problem), "migrate force 7"));

  clean = load_sql (GOLANG_MIGRATE_DDL "INSERT INTO schema_migrations VALUES (20240101120000, 0);");
  history = pf_test_find_history (clean, PF_MIGRATION_FRAMEWORK_GOLANG_MIGRATE);
  pf_test_assert_record (history, 0, NULL, "20240101120000", NULL, PF_MIGRATION_STATE_APPLIED);
  g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 0);
}

/* ---- Knex 2 ----------------------------------------------------------- */

static const char *knex_sql =
  "create table `knex_migrations` (`id` integer not null primary key autoincrement,"
  " `name` varchar(255), `batch` integer, `migration_time` datetime);"
  "create table `knex_migrations_lock` (`index` integer not null primary key autoincrement,"
  " `is_locked` integer);"
  /* Knex on SQLite stores JavaScript dates as milliseconds */
  "insert into `knex_migrations` (`name`, `batch`, `migration_time`) values"
  "  ('20240101120000_create_staff.js', 1, 1704110400123),"
  "  ('20240101120500_create_shift.js', 1, 1704110400456),"
  "  ('20240301090000_add_rota.js', 2, 1709283600000);"
  "insert into `knex_migrations_lock` (`is_locked`) values (1);";

static void
test_knex (void)
{
  g_autoptr(GPtrArray) histories = load_sql (knex_sql);
  PfMigrationHistory *history;
  PfMigrationProblem *problem;

  g_assert_cmpuint (histories->len, ==, 1);
  history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_KNEX);
  g_assert_cmpuint (pf_migration_history_get_records (history)->len, ==, 3);
  pf_test_assert_record (history, 0, NULL, "20240101120000_create_staff.js", "2024-01-01T12:00:00.123000Z",
                         PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 2, NULL, "20240301090000_add_rota.js", "2024-03-01T09:00:00.000000Z",
                         PF_MIGRATION_STATE_APPLIED);
  g_assert_cmpstr (pf_test_record_at (history, 2)->detail, ==, "batch 2");
  g_assert_cmpuint (pf_migration_history_get_deployments (history)->len, ==, 2);
  pf_test_assert_deployment (history, 0, 0, 2, FALSE);
  pf_test_assert_deployment (history, 1, 2, 1, FALSE);

  g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 1);
  problem = pf_test_assert_problem (history, 0, PF_MIGRATION_PROBLEM_LOCK_HELD, PF_SEVERITY_BLOCKER,
                                    "Knex’s migration lock is held");
  g_assert_cmpstr (pf_migration_problem_get_fix (problem), ==, "knex migrate:unlock");
}

/* ---- Sequelize 6 ------------------------------------------------------ */

static void
test_sequelize (void)
{
  g_autoptr(GPtrArray) histories = NULL;
  PfMigrationHistory *history;

  histories = load_sql ("CREATE TABLE IF NOT EXISTS `SequelizeMeta` (`name` VARCHAR(255) NOT NULL UNIQUE"
                        " PRIMARY KEY);"
                        "INSERT INTO `SequelizeMeta` VALUES ('20240102-add-shift.js'),"
                        " ('20240101-create-user.js');");
  g_assert_cmpuint (histories->len, ==, 1);
  history = pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_SEQUELIZE);
  g_assert_cmpstr (pf_migration_history_get_table (history), ==, "SequelizeMeta");
  g_assert_cmpuint (pf_migration_history_get_records (history)->len, ==, 2);
  pf_test_assert_record (history, 0, NULL, "20240101-create-user.js", NULL, PF_MIGRATION_STATE_APPLIED);
  pf_test_assert_record (history, 1, NULL, "20240102-add-shift.js", NULL, PF_MIGRATION_STATE_APPLIED);
  g_assert_cmpuint (pf_migration_history_get_problems (history)->len, ==, 0);
}

/* ---- together, and none ----------------------------------------------- */

static void
test_several (void)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) histories = NULL;
  static const PfMigrationFramework expected[] = {
    PF_MIGRATION_FRAMEWORK_DJANGO, PF_MIGRATION_FRAMEWORK_FLYWAY, PF_MIGRATION_FRAMEWORK_LIQUIBASE,
    PF_MIGRATION_FRAMEWORK_ALEMBIC, PF_MIGRATION_FRAMEWORK_RAILS, PF_MIGRATION_FRAMEWORK_PRISMA,
    PF_MIGRATION_FRAMEWORK_KNEX,
  };

  /* Knex, Flyway and Prisma first: the order of the result is not the
   * order the tables were made in */
  g_string_append (sql, knex_sql);
  g_string_append (sql, flyway_sql);
  g_string_append (sql, prisma_sql);
  g_string_append (sql, rails_sql);
  g_string_append (sql, ALEMBIC_DDL "INSERT INTO alembic_version VALUES ('27c6a30d7c24');");
  g_string_append (sql, liquibase_sql);
  g_string_append (sql, django_sql);
  histories = load_sql (sql->str);

  g_assert_cmpuint (histories->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (pf_migration_framework_to_string (pf_migration_history_get_framework (g_ptr_array_index (histories, i))),
                     ==, pf_migration_framework_to_string (expected[i]));
  g_assert_cmpuint (pf_migration_history_get_records (pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_DJANGO))->len, ==, 18);
  g_assert_cmpuint (pf_migration_history_get_problems (pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_LIQUIBASE))->len, ==, 2);
  g_assert_cmpuint (pf_migration_history_get_problems (pf_test_find_history (histories, PF_MIGRATION_FRAMEWORK_PRISMA))->len, ==, 3);
}

static void
test_none (void)
{
  g_autoptr(GPtrArray) histories = NULL;

  /* Tables that share a history table's name but not its columns */
  histories = load_sql ("CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT);"
                        "CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, note TEXT);"
                        "CREATE TABLE \"SequelizeMeta\" (id INTEGER);"
                        "CREATE TABLE django_migrations_backup (id INTEGER, app TEXT, name TEXT, applied TEXT);"
                        "INSERT INTO schema_migrations VALUES (1, 'not a history');");
  g_assert_cmpuint (histories->len, ==, 0);

  g_clear_pointer (&histories, g_ptr_array_unref);
  histories = load_sql ("PRAGMA user_version = 1;");
  g_assert_cmpuint (histories->len, ==, 0);
}

static void
test_names (void)
{
  g_assert_cmpstr (pf_migration_framework_to_string (PF_MIGRATION_FRAMEWORK_GOLANG_MIGRATE), ==, "golang-migrate");
  g_assert_cmpstr (pf_migration_framework_get_display_name (PF_MIGRATION_FRAMEWORK_LIQUIBASE), ==, "Liquibase");
  g_assert_cmpstr (pf_migration_state_to_string (PF_MIGRATION_STATE_ROLLED_BACK), ==, "rolled-back");
  /* The GEnum nicks are the same strings */
  {
    g_autoptr(GEnumClass) klass = g_type_class_ref (PF_TYPE_MIGRATION_FRAMEWORK);

    for (guint i = 0; i < klass->n_values; i++)
      g_assert_cmpstr (klass->values[i].value_nick, ==,
                       pf_migration_framework_to_string (klass->values[i].value));
  }
  {
    g_autoptr(GEnumClass) klass = g_type_class_ref (PF_TYPE_MIGRATION_STATE);

    for (guint i = 0; i < klass->n_values; i++)
      g_assert_cmpstr (klass->values[i].value_nick, ==, pf_migration_state_to_string (klass->values[i].value));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/migration-history/names", test_names);
  g_test_add_func ("/migration-history/django", test_django);
  g_test_add_func ("/migration-history/django/edges", test_django_edges);
  g_test_add_func ("/migration-history/django/large", test_django_large);
  g_test_add_func ("/migration-history/django/real", test_django_real);
  g_test_add_func ("/migration-history/demo", test_demo);
  g_test_add_func ("/migration-history/flyway", test_flyway);
  g_test_add_func ("/migration-history/liquibase", test_liquibase);
  g_test_add_func ("/migration-history/liquibase/unlocked", test_liquibase_unlocked);
  g_test_add_func ("/migration-history/alembic", test_alembic);
  g_test_add_func ("/migration-history/rails", test_rails);
  g_test_add_func ("/migration-history/prisma", test_prisma);
  g_test_add_func ("/migration-history/golang-migrate", test_golang_migrate);
  g_test_add_func ("/migration-history/knex", test_knex);
  g_test_add_func ("/migration-history/sequelize", test_sequelize);
  g_test_add_func ("/migration-history/several", test_several);
  g_test_add_func ("/migration-history/none", test_none);

  return g_test_run ();
}
