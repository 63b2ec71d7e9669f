/* pf-connection-profile.h — where a database lives, without its password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  PF_DATABASE_KIND_SQLITE,
  PF_DATABASE_KIND_POSTGRESQL,
} PfDatabaseKind;

GType pf_database_kind_get_type (void) G_GNUC_CONST;
#define PF_TYPE_DATABASE_KIND (pf_database_kind_get_type ())

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

G_END_DECLS
