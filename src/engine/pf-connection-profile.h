/* pf-connection-profile.h — where a database lives, without its password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pf-migration-review.h"
#include "pf-rules.h"

G_BEGIN_DECLS

/* Defined in pf-report.h (which includes pf-database.h, which includes us) */
typedef struct _PfReport PfReport;

typedef enum {
  PF_DATABASE_KIND_SQLITE,
  PF_DATABASE_KIND_POSTGRESQL,
} PfDatabaseKind;

GType pf_database_kind_get_type (void) G_GNUC_CONST;
#define PF_TYPE_DATABASE_KIND (pf_database_kind_get_type ())

/* Where a saved connection points, shown as a coloured badge */
typedef enum {
  PF_ENVIRONMENT_NONE,
  PF_ENVIRONMENT_DEVELOPMENT,
  PF_ENVIRONMENT_STAGING,
  PF_ENVIRONMENT_PRODUCTION,
} PfEnvironment;

GType       pf_environment_get_type  (void) G_GNUC_CONST;
#define PF_TYPE_ENVIRONMENT (pf_environment_get_type ())
/* "none", "development", "staging", "production" (the JSON spelling) */
const char *pf_environment_to_string   (PfEnvironment  environment);
/* FALSE for anything else */
gboolean    pf_environment_from_string (const char    *string,
                                        PfEnvironment *out_environment);
/* "Development", "Staging", "Production", NULL for none: translated */
const char *pf_environment_to_label    (PfEnvironment  environment);

#define PF_CONNECTION_PROFILE_DEFAULT_CONNECT_TIMEOUT 10

#define PF_TYPE_CONNECTION_PROFILE (pf_connection_profile_get_type ())
G_DECLARE_FINAL_TYPE (PfConnectionProfile, pf_connection_profile, PF, CONNECTION_PROFILE, GObject)

PfConnectionProfile *pf_connection_profile_new              (PfDatabaseKind        kind);
/* Accepts postgresql://…, postgres://…, sqlite:///abs/path, or a plain file
 * path (taken as SQLite). A password found in a URL is returned in
 * @out_password (never kept in the profile). */
PfConnectionProfile *pf_connection_profile_new_from_target  (const char           *target,
                                                             char                **out_password,
                                                             GError              **error);
PfDatabaseKind       pf_connection_profile_get_kind         (PfConnectionProfile  *self);
const char          *pf_connection_profile_get_host         (PfConnectionProfile  *self);
void                 pf_connection_profile_set_host         (PfConnectionProfile  *self,
                                                             const char           *host);
/* 0 when not given: libpq then uses PGPORT or 5432 */
guint                pf_connection_profile_get_port         (PfConnectionProfile  *self);
void                 pf_connection_profile_set_port         (PfConnectionProfile  *self,
                                                             guint                 port);
const char          *pf_connection_profile_get_dbname       (PfConnectionProfile  *self);
void                 pf_connection_profile_set_dbname       (PfConnectionProfile  *self,
                                                             const char           *dbname);
const char          *pf_connection_profile_get_user         (PfConnectionProfile  *self);
void                 pf_connection_profile_set_user         (PfConnectionProfile  *self,
                                                             const char           *user);
const char          *pf_connection_profile_get_sslmode      (PfConnectionProfile  *self);
void                 pf_connection_profile_set_sslmode      (PfConnectionProfile  *self,
                                                             const char           *sslmode);
const char          *pf_connection_profile_get_service      (PfConnectionProfile  *self);
void                 pf_connection_profile_set_service      (PfConnectionProfile  *self,
                                                             const char           *service);
const char          *pf_connection_profile_get_path         (PfConnectionProfile  *self);
void                 pf_connection_profile_set_path         (PfConnectionProfile  *self,
                                                             const char           *path);
guint                pf_connection_profile_get_connect_timeout (PfConnectionProfile *self);
void                 pf_connection_profile_set_connect_timeout (PfConnectionProfile *self,
                                                                guint                seconds);
/* "rota.db" for SQLite; "host:port" (or the service name) for PostgreSQL,
 * as used in error messages: "Could not connect to db.example.org:5432: …". */
char                *pf_connection_profile_dup_location     (PfConnectionProfile  *self);
/* A URL without the password. */
char                *pf_connection_profile_to_url           (PfConnectionProfile  *self);

/* Other libpq connection keywords found in a URL (hostaddr, sslrootcert,
 * target_session_attrs, options, application_name, …), kept so that
 * nothing the user wrote is silently dropped. NULL/"" @value removes. */
const char          *pf_connection_profile_get_libpq_parameter (PfConnectionProfile *self,
                                                                const char          *keyword);
void                 pf_connection_profile_set_libpq_parameter (PfConnectionProfile *self,
                                                                const char          *keyword,
                                                                const char          *value);
/* Sorted keywords of the parameters above */
char               **pf_connection_profile_dup_libpq_parameter_keywords (PfConnectionProfile *self);

/* PostgreSQL only. Appends the keyword/value pairs for
 * PQconnectStartParams()/PQconnectdbParams() to @keywords and @values (create
 * both with g_ptr_array_new_with_free_func (g_free)), then a NULL to each, so
 * pass (const char * const *)keywords->pdata directly, with expand_dbname = 0
 * (the dbname is already parsed). Includes host, port, dbname, user,
 * password (when @password is non-empty; NULL lets libpq use PGPASSWORD,
 * ~/.pgpass or the service file), sslmode, service, connect_timeout, any
 * parameters above, application_name=preflight (unless the URL set one),
 * options="-c default_transaction_read_only=on" (appended to the URL's
 * options) and client_encoding=UTF8.
 *
 * Note: libpq applies connect_timeout only in its blocking connect; a
 * PQconnectPoll() loop must enforce the timeout itself. @values may hold
 * the password: clear it before freeing. */
void                 pf_connection_profile_build_libpq_params  (PfConnectionProfile *self,
                                                                const char          *password,
                                                                GPtrArray           *keywords,
                                                                GPtrArray           *values);

/* --- What a saved connection adds (PfProfileStore persists all of it) ---
 *
 * Properties: "id", "name", "environment", "project-dir",
 * "remember-password", "rules", "last-verdict", "last-checked",
 * "last-n-blockers", "last-n-warnings", "last-n-info", "last-complete";
 * each notifies only when it changes. */

/* A stable random id (a UUID) made at creation ("id" is construct-only);
 * the keyring entry is keyed by it, so renaming a connection keeps its
 * password. new_with_id keeps the id of a profile being replaced (the
 * editor builds a new profile when the kind changes). */
const char          *pf_connection_profile_get_id           (PfConnectionProfile  *self);
PfConnectionProfile *pf_connection_profile_new_with_id      (PfDatabaseKind        kind,
                                                             const char           *id);
/* What the user calls it ("Rota production"); defaults to the location */
const char          *pf_connection_profile_get_name         (PfConnectionProfile  *self);
void                 pf_connection_profile_set_name         (PfConnectionProfile  *self,
                                                             const char           *name);
PfEnvironment        pf_connection_profile_get_environment  (PfConnectionProfile  *self);
void                 pf_connection_profile_set_environment  (PfConnectionProfile  *self,
                                                             PfEnvironment         environment);
/* The folder holding the project's migrations, or NULL */
const char          *pf_connection_profile_get_project_dir  (PfConnectionProfile  *self);
void                 pf_connection_profile_set_project_dir  (PfConnectionProfile  *self,
                                                             const char           *project_dir);
/* TRUE when the password lives in the Secret Service (PfSecrets) */
gboolean             pf_connection_profile_get_remember_password (PfConnectionProfile *self);
void                 pf_connection_profile_set_remember_password (PfConnectionProfile *self,
                                                                  gboolean             remember);
/* The connection's rules (unique columns, formats, …), or NULL */
PfRules             *pf_connection_profile_get_rules        (PfConnectionProfile  *self);
void                 pf_connection_profile_set_rules        (PfConnectionProfile  *self,
                                                             PfRules              *rules);

/* The outcome of the last check, for the sidebar and the Overview.
 * last-verdict is NULL ("Not checked yet") or a PfVerdict string ("go",
 * "go-with-warnings", "no-go"). */
const char          *pf_connection_profile_get_last_verdict (PfConnectionProfile  *self);
GDateTime           *pf_connection_profile_get_last_checked (PfConnectionProfile  *self);
guint                pf_connection_profile_get_last_n_blockers (PfConnectionProfile *self);
guint                pf_connection_profile_get_last_n_warnings (PfConnectionProfile *self);
guint                pf_connection_profile_get_last_n_info     (PfConnectionProfile *self);
gboolean             pf_connection_profile_get_last_complete   (PfConnectionProfile *self);
/* Copies verdict, counts, completeness and time from @report */
void                 pf_connection_profile_record_report    (PfConnectionProfile  *self,
                                                             PfReport             *report);

/* Reviews of pending migrations ("reviews", notified when one is set or
 * cleared). At most one per (app, name); setting replaces. */
const PfMigrationReview *pf_connection_profile_get_review   (PfConnectionProfile  *self,
                                                             const char           *app,
                                                             const char           *name);
void                 pf_connection_profile_set_review       (PfConnectionProfile  *self,
                                                             const PfMigrationReview *review);
/* TRUE when there was one to clear */
gboolean             pf_connection_profile_clear_review     (PfConnectionProfile  *self,
                                                             const char           *app,
                                                             const char           *name);
/* Element type PfMigrationReview, oldest first (for the checklist) */
GPtrArray           *pf_connection_profile_get_reviews      (PfConnectionProfile  *self);
/* The reviewer of the newest review, or NULL: the name offered next time */
const char          *pf_connection_profile_get_last_reviewer (PfConnectionProfile *self);

/* A new profile with the same settings, a new id, the name @name, and no
 * last check. The password is not copied (the caller copies the keyring
 * entry if it wants). */
PfConnectionProfile *pf_connection_profile_duplicate        (PfConnectionProfile  *self,
                                                             const char           *name);

/* The profile as a JSON object (no password, ever) and back. Unknown
 * members are ignored; a missing or wrong-typed required member ("id",
 * "kind") is a PF_DATABASE_ERROR_INVALID_TARGET error naming it. */
JsonNode            *pf_connection_profile_to_json_node     (PfConnectionProfile  *self);
PfConnectionProfile *pf_connection_profile_new_from_json_node (JsonNode           *node,
                                                               GError            **error);

G_END_DECLS
