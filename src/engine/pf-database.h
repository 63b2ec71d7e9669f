/* pf-database.h — a read-only connection to one database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pf-connection-profile.h"
#include "pf-schema.h"

G_BEGIN_DECLS

#define PF_DATABASE_ERROR (pf_database_error_quark ())

typedef enum {
  PF_DATABASE_ERROR_FAILED,
  PF_DATABASE_ERROR_INVALID_TARGET,     /* a URL or path we cannot use */
  PF_DATABASE_ERROR_NOT_FOUND,          /* no such file */
  PF_DATABASE_ERROR_NOT_A_DATABASE,     /* a file that is not SQLite */
  PF_DATABASE_ERROR_PERMISSION_DENIED,  /* file not readable */
  PF_DATABASE_ERROR_LOCKED,             /* file locked by another program */
  PF_DATABASE_ERROR_AUTH_FAILED,        /* wrong password / no such role */
  PF_DATABASE_ERROR_UNKNOWN_DATABASE,   /* server up, database missing */
  PF_DATABASE_ERROR_UNREACHABLE,        /* no route, refused, unknown host */
  PF_DATABASE_ERROR_TIMEOUT,            /* no answer within the connect timeout */
  PF_DATABASE_ERROR_TLS,                /* TLS required / certificate problems */
  PF_DATABASE_ERROR_QUERY,              /* a statement failed */
  PF_DATABASE_ERROR_NOT_OPEN,
  PF_DATABASE_ERROR_CONNECTION_LOST,    /* the server went away mid-session */
} PfDatabaseError;

GQuark pf_database_error_quark (void);

#define PF_TYPE_DATABASE (pf_database_get_type ())
G_DECLARE_DERIVABLE_TYPE (PfDatabase, pf_database, PF, DATABASE, GObject)

struct _PfDatabaseClass
{
  GObjectClass parent_class;

  /* Both run on the calling (worker) thread and must honour @cancellable. */
  gboolean   (*open)       (PfDatabase    *self,
                            GCancellable  *cancellable,
                            GError       **error);
  PfSchema * (*introspect) (PfDatabase    *self,
                            GCancellable  *cancellable,
                            GError       **error);
  void       (*close)      (PfDatabase    *self);

  /* For scans (see pf-scan.c). begin_snapshot starts the coordinator's
   * read-only transaction and returns the snapshot id workers share
   * (PostgreSQL), or NULL without error where there is none (SQLite). */
  char *     (*begin_snapshot) (PfDatabase    *self,
                                GCancellable  *cancellable,
                                GError       **error);
  void       (*end_snapshot)   (PfDatabase    *self);
  /* A second read-only connection to the same database, opened on the
   * calling (worker) thread, with its read transaction begun on @snapshot
   * so every worker sees the same state. */
  PfDatabase * (*open_worker)  (PfDatabase    *self,
                                const char    *snapshot,
                                GCancellable  *cancellable,
                                GError       **error);
  /* Thread-safe: interrupt the statement running now, if any
   * (sqlite3_interrupt, PQcancel). */
  void       (*interrupt)      (PfDatabase    *self);
  /* TRUE when the connection can no longer be used (the server went
   * away); the scan then opens a new worker instead. NULL: never. */
  gboolean   (*is_broken)      (PfDatabase    *self);
  /* After each job on a worker: make the session usable again after a
   * failed statement (PostgreSQL: ROLLBACK TO the savepoint open_worker
   * took, so the snapshot survives). NULL: nothing to do. */
  void       (*end_job)        (PfDatabase    *self);

  /*< private >*/
  gpointer padding[2];
};

/* Properties: "profile", "kind", "name", "location", "server-version", "size",
 * "is-open". */

/* A SQLite or PostgreSQL database for @profile. @password may be NULL (libpq
 * still reads ~/.pgpass, PGPASSWORD and service files). */
PfDatabase     *pf_database_new_for_profile   (PfConnectionProfile  *profile,
                                               const char           *password);
/* Shorthand: pf_connection_profile_new_from_target() + new_for_profile() */
PfDatabase     *pf_database_new_for_target    (const char           *target,
                                               GError              **error);

PfConnectionProfile *pf_database_get_profile  (PfDatabase           *self);
PfDatabaseKind  pf_database_get_kind          (PfDatabase           *self);
/* Short human name: the file's basename, or the database name */
const char     *pf_database_get_name          (PfDatabase           *self);
/* Where it lives: the file's path, or "host:port" */
const char     *pf_database_get_location      (PfDatabase           *self);
/* After open: "SQLite 3.40.1" or "PostgreSQL 15.18"; NULL before */
const char     *pf_database_get_server_version (PfDatabase          *self);
/* After open: size in bytes, -1 if unknown */
gint64          pf_database_get_size          (PfDatabase           *self);
gboolean        pf_database_get_is_open       (PfDatabase           *self);

/* Blocking; call from a worker thread (or the CLI). Read-only sessions only. */
gboolean        pf_database_open              (PfDatabase           *self,
                                               GCancellable         *cancellable,
                                               GError              **error);
PfSchema       *pf_database_introspect        (PfDatabase           *self,
                                               GCancellable         *cancellable,
                                               GError              **error);
void            pf_database_close             (PfDatabase           *self);
/* From the main thread: closes on a worker thread, holding a ref meanwhile.
 * Does nothing when @self is NULL. */
void            pf_database_close_in_thread   (PfDatabase           *self);

/* Scan support; see the class vfuncs above. */
char           *pf_database_begin_snapshot    (PfDatabase           *self,
                                               GCancellable         *cancellable,
                                               GError              **error);
void            pf_database_end_snapshot      (PfDatabase           *self);
PfDatabase     *pf_database_open_worker       (PfDatabase           *self,
                                               const char           *snapshot,
                                               GCancellable         *cancellable,
                                               GError              **error);
void            pf_database_interrupt         (PfDatabase           *self);
gboolean        pf_database_is_broken         (PfDatabase           *self);
void            pf_database_end_job           (PfDatabase           *self);

void            pf_database_open_async        (PfDatabase           *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean        pf_database_open_finish       (PfDatabase           *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void            pf_database_introspect_async  (PfDatabase           *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
PfSchema       *pf_database_introspect_finish (PfDatabase           *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
