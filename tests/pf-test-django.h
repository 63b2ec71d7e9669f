/* pf-test-django.h — real Django projects for tests, made by Django itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Debian's python3-django (3.2) is the oracle of the migrations engine.
 * pf_test_django_project_new() writes a project into a fresh temporary
 * folder and lets `manage.py makemigrations` write its migrations:
 *
 *   manage.py                        DJANGO_SETTINGS_MODULE = site_config.settings
 *   site_config/settings.py          AUTH_USER_MODEL = "accounts.User",
 *                                    DATABASES from $PF_TEST_DJANGO_DATABASE
 *   accounts/        User(AbstractUser) + sap (the swappable user model)
 *     0001_initial
 *   scheduling/      CareHome (db_table "care_home", db_column "home_name"),
 *                    Unit (FK, unique_together), Shift (FK to Unit and to
 *                    AUTH_USER_MODEL, an index), NightShift (proxy),
 *                    LegacyRota (unmanaged, db_table "legacy_rota")
 *     0001_initial
 *     0002_overtime                 AddField Shift.is_overtime, AlterField
 *                                   Unit.name, CreateModel StaffCertification
 *                                   + AddConstraint, AddIndex on CareHome
 *     0001_squashed_0002_overtime   squashmigrations scheduling 0002
 *     0003_data_fixes               made by makemigrations --empty, then
 *                                   rewritten by hand: RunSQL (all quoting
 *                                   styles, noop, elidable), RunPython (with
 *                                   and without reverse_code, a lambda),
 *                                   SeparateDatabaseAndState
 *   staff_records/   Person, StaffProfile(Person) (multi-table inheritance,
 *                    O2O to the user, M2M to scheduling.Unit)
 *     0001_initial
 *     0002_remove_note              RemoveField
 *     0003_postgres                 by hand: CreateExtension, TrigramExtension,
 *                                   BtreeGinExtension, AddIndexConcurrently
 *                                   (atomic = False; PostgreSQL only)
 *
 * Every migration imports cleanly, so pf_test_django_oracle() can ask
 * Django's MigrationLoader what each one says. The caller removes the
 * folder with pf_test_django_project_remove().
 *
 * Databases: manage.py reads $PF_TEST_DJANGO_DATABASE, either
 * "sqlite:///abs/path.db" or "postgresql://user@/dbname?host=/socket/dir&port=N"
 * (psycopg2); unset means db.sqlite3 in the project folder.
 * pf_test_django_manage_with_database() sets it for one command.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PF_TEST_DJANGO_PYTHON "/usr/bin/python3"

/* The standard project above, migrations made; a new folder each call */
char     *pf_test_django_project_new          (GError             **error);
/* rm -rf, for the folders pf_test_django_project_new() made */
void      pf_test_django_project_remove       (const char          *project);

/* `python3 manage.py ARGS…` in @project; stdout in @out_stdout (may be
 * NULL); a non-zero exit is an error carrying stderr */
gboolean  pf_test_django_manage               (const char          *project,
                                               const char * const  *args,
                                               char               **out_stdout,
                                               GError             **error);
gboolean  pf_test_django_manage_with_database (const char          *project,
                                               const char          *database_url,
                                               const char * const  *args,
                                               char               **out_stdout,
                                               GError             **error);

/* Writes @contents to @project/@relative_path, making folders */
gboolean  pf_test_django_write                (const char          *project,
                                               const char          *relative_path,
                                               const char          *contents,
                                               GError             **error);

/* Django's own reading of every migration file below @project:
 * {"app.name": {"path": …, "dependencies": [[app, name], …] (swappable ones
 *   resolved, as Django does), "swappable": [[app, name, setting], …],
 *   "replaces": […], "run_before": […], "initial": bool, "atomic": bool,
 *   "operations": [{"kind": "AddField", "arguments": {plain str/int/bool
 *   arguments by parameter name}, "fields": [[name, class]…] (CreateModel),
 *   "field": class (AddField/AlterField), "database_operations": […],
 *   "state_operations": […]}, …]}, …} */
JsonNode *pf_test_django_oracle               (const char          *project,
                                               GError             **error);

G_END_DECLS
