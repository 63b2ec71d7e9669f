/* pf-test-pg.h — a throwaway PostgreSQL cluster for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test in the `pg` suite (and any later test that needs a server)
 * starts its own cluster:
 *
 *   static PfTestPg *pg;
 *
 *   int
 *   main (int argc, char **argv)
 *   {
 *     g_autoptr(GError) error = NULL;
 *     int ret;
 *
 *     g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
 *     pg = pf_test_pg_start (&error);
 *     g_assert_no_error (error);        // no PostgreSQL binaries = a failure
 *     g_test_add_func ("/pg/thing", test_thing);
 *     ret = g_test_run ();
 *     pf_test_pg_stop (pg);
 *     return ret;
 *   }
 *
 * In a test, make a database and fixtures as the superuser, then connect as
 * Preflight would (host = the socket directory):
 *
 *   g_autofree char *db = pf_test_pg_create_database (pg, NULL, &error);
 *   pf_test_pg_exec (pg, db, "CREATE TABLE t (id int PRIMARY KEY)", &error);
 *   pf_connection_profile_set_host (profile, pf_test_pg_get_socket_dir (pg));
 *   pf_connection_profile_set_port (profile, pf_test_pg_get_port (pg));
 *   pf_connection_profile_set_user (profile, pf_test_pg_get_superuser (pg));
 *
 * The cluster lives in a fresh temporary directory: initdb'ed there (as the
 * `postgres` user when the test runs as root, because PostgreSQL refuses to
 * run as root), listening only on a unix socket in that directory on a free
 * port, fsync off, autovacuum off (row estimates stay what the test made
 * them). The superuser `pf_test` logs in without a password ("trust"); every
 * other role must give its scram-sha-256 password, so wrong-password tests
 * behave like a real server.
 *
 * It always goes away: pf_test_pg_stop() stops it (pg_ctl stop -m immediate)
 * and deletes the directory, and a watchdog started in its own session does
 * the same as soon as the test process disappears — a crash, an abort, or
 * meson killing the test on timeout.
 *
 * Binaries are searched in $PF_TEST_PG_BINDIR, then in the directories the
 * build found (PF_TEST_PG_BINDIRS), then on PATH. Not finding them is an
 * error, not a skip: CI installs them.
 */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct _PfTestPg PfTestPg;

PfTestPg   *pf_test_pg_start           (GError     **error);
/* Stops the server and deletes its directory. NULL is allowed. */
void        pf_test_pg_stop            (PfTestPg    *self);

/* Stops the server at once (pg_ctl stop -m immediate), as if it crashed;
 * pf_test_pg_stop() then only removes the directory. */
gboolean    pf_test_pg_kill            (PfTestPg    *self,
                                        GError     **error);

/* The unix socket directory: libpq's "host" */
const char *pf_test_pg_get_socket_dir  (PfTestPg    *self);
guint       pf_test_pg_get_port        (PfTestPg    *self);
/* "pf_test": may log in without a password */
const char *pf_test_pg_get_superuser   (PfTestPg    *self);
/* The cluster's top directory (data/ and the log are inside) */
const char *pf_test_pg_get_dir         (PfTestPg    *self);
/* postgresql://pf_test@%2Ftmp%2F…:PORT/DBNAME */
char       *pf_test_pg_dup_url         (PfTestPg    *self,
                                        const char  *dbname);

/* A new connection as the superuser to @dbname (NULL: "postgres"); free with
 * PQfinish(). */
PGconn     *pf_test_pg_connect         (PfTestPg    *self,
                                        const char  *dbname,
                                        GError     **error);
/* Runs @sql (several statements allowed, no parameters) as the superuser in
 * @dbname (NULL: "postgres"). On failure the message ends with the
 * SQLSTATE in brackets: "… [23505]". */
gboolean    pf_test_pg_exec            (PfTestPg    *self,
                                        const char  *dbname,
                                        const char  *sql,
                                        GError     **error);
/* The first column of the first row, or NULL (SQL NULL, no row, or error) */
char       *pf_test_pg_query_string    (PfTestPg    *self,
                                        const char  *dbname,
                                        const char  *sql,
                                        GError     **error);
/* Creates an empty UTF-8 database and returns its name: @name, or a fresh
 * "pf_test_N" when @name is NULL. */
char       *pf_test_pg_create_database (PfTestPg    *self,
                                        const char  *name,
                                        GError     **error);

/* pf_test_pg_exec() that ends the test on any error */
void        pf_test_pg_exec_ok         (PfTestPg    *self,
                                        const char  *dbname,
                                        const char  *sql);
/* The first column of the first row as a number; an error or no value
 * ends the test */
gint64      pf_test_pg_query_int       (PfTestPg    *self,
                                        const char  *dbname,
                                        const char  *sql);
/* pf_test_pg_start() that ends the test on any error */
PfTestPg   *pf_test_pg_start_ok        (void);
/* pf_test_pg_create_database (@self, NULL, …) that ends the test on any
 * error */
char       *pf_test_pg_create_database_ok (PfTestPg  *self);
/* g_test_run(), then pf_test_pg_stop (@self); returns g_test_run()'s value */
int         pf_test_pg_run_tests       (PfTestPg    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfTestPg, pf_test_pg_stop)

G_END_DECLS
