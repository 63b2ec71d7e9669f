/* pf-pg-database.c — a read-only session on a PostgreSQL server (libpq)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-pg-database"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>

#include "pf-database-private.h"
#include "pf-pg-database.h"
#include "pf-pg-database-private.h"

struct _PfPgDatabase
{
  PfDatabase  parent_instance;

  char       *password;

  /* Both owned by the thread that opened the session; cancel_lock only
   * guards @cancel against a GCancellable firing from another thread. */
  PGconn     *conn;
  GMutex      cancel_lock;
  PGcancel   *cancel;
};

G_DEFINE_FINAL_TYPE (PfPgDatabase, pf_pg_database, PF_TYPE_DATABASE)

/* Schemas that belong to PostgreSQL itself; pg_temp_N / pg_toast_temp_N are
 * matched by pattern. Passed as a query parameter. */
#define SYSTEM_SCHEMAS "{pg_catalog,information_schema,pg_toast}"
#define TEMP_SCHEMA_PATTERN "^pg_(toast_)?temp_"

static void
pf_pg_database_close_session (PfPgDatabase *self)
{
  g_mutex_lock (&self->cancel_lock);
  g_clear_pointer (&self->cancel, PQfreeCancel);
  g_mutex_unlock (&self->cancel_lock);

  g_clear_pointer (&self->conn, PQfinish);
}

/* ---- errors ----------------------------------------------------------- */

/* libpq and the server quote names with ASCII quotes; our sentences use
 * typographic ones: password … for user "rota" → for user “rota” */
static char *
curly_quotes (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean open = TRUE;

  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        {
          g_string_append (out, open ? "“" : "”");
          open = !open;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* The first line of a libpq error without the "connection to server at …
 * failed: " and "FATAL:  " prefixes or a trailing full stop. */
static char *
first_line (const char *message)
{
  g_autofree char *line = NULL;
  const char *p;
  gsize len;

  if (message == NULL)
    message = "";

  while (g_ascii_isspace (*message))
    message++;

  line = g_strndup (message, strcspn (message, "\n"));

  p = line;
  if (g_str_has_prefix (p, "connection to server "))
    {
      const char *failed = strstr (p, " failed: ");

      if (failed != NULL)
        p = failed + strlen (" failed: ");
    }

  for (;;)
    {
      if (g_str_has_prefix (p, "FATAL:"))
        p += strlen ("FATAL:");
      else if (g_str_has_prefix (p, "ERROR:"))
        p += strlen ("ERROR:");
      else
        break;
      while (*p == ' ')
        p++;
    }

  len = strlen (p);
  while (len > 0 && (g_ascii_isspace (p[len - 1]) || p[len - 1] == '.'))
    len--;

  return g_strndup (p, len);
}

/* Returns the text between the first pair of ASCII double quotes */
static char *
quoted_name (const char *text)
{
  const char *start = strchr (text, '"');
  const char *end;

  if (start == NULL)
    return NULL;
  end = strrchr (start + 1, '"');
  if (end == NULL)
    return NULL;

  return g_strndup (start + 1, end - start - 1);
}

/* Turns libpq's connection error into the reason part of "Could not connect
 * to <location>: <reason>". */
static char *
classify_connect_error (const char      *message,
                        PfDatabaseError *code)
{
  g_autofree char *line = first_line (message);
  g_autofree char *name = NULL;

  *code = PF_DATABASE_ERROR_FAILED;

  if (g_str_has_prefix (line, "password authentication failed for user "))
    {
      *code = PF_DATABASE_ERROR_AUTH_FAILED;
      if (g_str_has_suffix (line, "\"") && (name = quoted_name (line)))
        /* Translators: %s is a PostgreSQL user name */
        return g_strdup_printf (_("password authentication failed for user “%s”"), name);
      return curly_quotes (line);
    }

  if (g_str_has_prefix (line, "role \"") && g_str_has_suffix (line, "\" does not exist")
      && (name = quoted_name (line)))
    {
      *code = PF_DATABASE_ERROR_AUTH_FAILED;
      /* Translators: %s is a PostgreSQL role (user) name */
      return g_strdup_printf (_("the role “%s” does not exist"), name);
    }

  if (g_str_has_prefix (line, "database \"") && g_str_has_suffix (line, "\" does not exist")
      && (name = quoted_name (line)))
    {
      *code = PF_DATABASE_ERROR_UNKNOWN_DATABASE;
      /* Translators: %s is the name of a database */
      return g_strdup_printf (_("the database “%s” does not exist"), name);
    }

  if (g_str_has_prefix (line, "no pg_hba.conf entry"))
    {
      /* PostgreSQL ≥ 14 says "no encryption", older servers "SSL off" */
      if (g_str_has_suffix (line, "no encryption") || g_str_has_suffix (line, "SSL off"))
        {
          *code = PF_DATABASE_ERROR_TLS;
          return g_strdup (_("the server only accepts encrypted (TLS) connections"));
        }
      *code = PF_DATABASE_ERROR_AUTH_FAILED;
      return g_strdup (_("the server’s access rules (pg_hba.conf) do not allow this connection"));
    }

  if (strstr (line, "no password supplied") != NULL)
    {
      *code = PF_DATABASE_ERROR_AUTH_FAILED;
      return g_strdup (_("the server asks for a password and none was given"));
    }

  if (g_str_has_prefix (line, "could not translate host name"))
    {
      *code = PF_DATABASE_ERROR_UNREACHABLE;
      return g_strdup (_("the host name could not be found"));
    }

  if (strstr (line, "Connection refused") != NULL)
    {
      *code = PF_DATABASE_ERROR_UNREACHABLE;
      return g_strdup (_("no server is listening there (connection refused)"));
    }

  if (g_str_has_suffix (line, "No such file or directory"))
    {
      *code = PF_DATABASE_ERROR_UNREACHABLE;
      return g_strdup (_("no server is listening there (the socket file does not exist)"));
    }

  if (strstr (line, "No route to host") != NULL || strstr (line, "Network is unreachable") != NULL)
    {
      *code = PF_DATABASE_ERROR_UNREACHABLE;
      return g_strdup (_("the host cannot be reached from this computer"));
    }

  if (strstr (line, "Connection timed out") != NULL)
    {
      *code = PF_DATABASE_ERROR_UNREACHABLE;
      return g_strdup (_("the host did not respond (connection timed out)"));
    }

  if (strstr (line, "server does not support SSL") != NULL)
    {
      *code = PF_DATABASE_ERROR_TLS;
      return g_strdup (_("the server does not offer encrypted (TLS) connections, but this connection requires one"));
    }

  if (strstr (line, "does not match host name") != NULL)
    {
      *code = PF_DATABASE_ERROR_TLS;
      return g_strdup (_("the server’s certificate was issued for a different host name"));
    }

  if (strstr (line, "certificate verify failed") != NULL
      || (g_str_has_prefix (line, "root certificate file") && g_str_has_suffix (line, "does not exist")))
    {
      *code = PF_DATABASE_ERROR_TLS;
      return g_strdup (_("the server’s certificate is not trusted"));
    }

  if (strstr (line, "SSL") != NULL)
    {
      g_autofree char *detail = curly_quotes (line);

      *code = PF_DATABASE_ERROR_TLS;
      /* Translators: %s is a technical error message, usually in English */
      return g_strdup_printf (_("the encrypted (TLS) connection failed (%s)"), detail);
    }

  if (strstr (line, "too many clients") != NULL)
    return g_strdup (_("the server has no free connection slots"));

  if (*line == '\0')
    return g_strdup (_("the connection failed for an unknown reason"));

  return curly_quotes (line);
}

static void
set_connect_error (PfPgDatabase  *self,
                   PGconn        *conn,
                   GError       **error)
{
  PfDatabaseError code;
  g_autofree char *reason = NULL;

  g_debug ("libpq: %s", PQerrorMessage (conn));
  reason = classify_connect_error (PQerrorMessage (conn), &code);
  _pf_database_set_error (PF_DATABASE (self), error, code, "%s", reason);
}

static void
set_timeout_error (PfPgDatabase  *self,
                   guint          seconds,
                   GError       **error)
{
  _pf_database_set_error (PF_DATABASE (self), error, PF_DATABASE_ERROR_TIMEOUT,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "the server did not answer within %u second",
                                       "the server did not answer within %u seconds",
                                       seconds),
                          seconds);
}

/* ---- connecting ------------------------------------------------------- */

static void
notice_processor (void       *user_data,
                  const char *message)
{
  g_debug ("server notice: %s", message);
}

/* The values may hold the password: wipe it before it is freed */
static void
wipe_password (GPtrArray *keywords,
               GPtrArray *values)
{
  for (guint i = 0; i < keywords->len; i++)
    {
      char *value = g_ptr_array_index (values, i);

      if (g_strcmp0 (g_ptr_array_index (keywords, i), "password") == 0 && value != NULL)
        memset (value, 0, strlen (value));
    }
}

/* Drives PQconnectPoll() until the session is up, polling libpq's socket and
 * the cancellable's fd so that cancelling and the deadline both interrupt a
 * server that never answers. */
static gboolean
wait_for_connection (PfPgDatabase  *self,
                     PGconn        *conn,
                     guint          timeout,
                     GCancellable  *cancellable,
                     GError       **error)
{
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout * G_USEC_PER_SEC;
  GPollFD fds[2] = { { 0, } };
  guint n_fds = 1;
  gboolean ret = FALSE;

  if (PQstatus (conn) == CONNECTION_BAD)
    {
      set_connect_error (self, conn, error);
      return FALSE;
    }

  if (g_cancellable_make_pollfd (cancellable, &fds[1]))
    n_fds = 2;

  for (;;)
    {
      gint64 remaining;
      int n;

      if (status == PGRES_POLLING_OK)
        {
          ret = TRUE;
          break;
        }

      if (status == PGRES_POLLING_FAILED)
        {
          set_connect_error (self, conn, error);
          break;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;

      remaining = deadline - g_get_monotonic_time ();
      if (remaining <= 0)
        {
          set_timeout_error (self, timeout, error);
          break;
        }

      fds[0].fd = PQsocket (conn);
      fds[0].events = (status == PGRES_POLLING_READING ? G_IO_IN : G_IO_OUT);
      fds[0].revents = 0;
      if (n_fds == 2)
        fds[1].revents = 0;

      if (fds[0].fd < 0)
        {
          set_connect_error (self, conn, error);
          break;
        }

      n = g_poll (fds, n_fds, (int) ((remaining + 999) / 1000));
      if (n < 0 && errno != EINTR)
        {
          int errsv = errno;

          _pf_database_set_error (PF_DATABASE (self), error, PF_DATABASE_ERROR_FAILED,
                                  "%s", g_strerror (errsv));
          break;
        }

      if (n > 0 && fds[0].revents != 0)
        status = PQconnectPoll (conn);
    }

  if (n_fds == 2)
    g_cancellable_release_fd (cancellable);

  return ret;
}

static gboolean
pf_pg_database_open (PfDatabase    *database,
                     GCancellable  *cancellable,
                     GError       **error)
{
  PfPgDatabase *self = PF_PG_DATABASE (database);
  PfConnectionProfile *profile = pf_database_get_profile (database);
  g_autoptr(GPtrArray) keywords = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PGresult) result = NULL;
  const char *read_only;
  const char *version;
  guint timeout;
  PGconn *conn;

  g_return_val_if_fail (profile != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  pf_pg_database_close_session (self);

  timeout = pf_connection_profile_get_connect_timeout (profile);
  if (timeout == 0)
    timeout = PF_CONNECTION_PROFILE_DEFAULT_CONNECT_TIMEOUT;

  /* application_name=preflight, options=-c default_transaction_read_only=on,
   * client_encoding=UTF8 and whatever else the profile carries */
  pf_connection_profile_build_libpq_params (profile, self->password, keywords, values);

  /* expand_dbname = 0: a database name is never parsed as a conninfo string */
  conn = PQconnectStartParams ((const char * const *) keywords->pdata,
                               (const char * const *) values->pdata,
                               0);
  wipe_password (keywords, values);
  if (conn == NULL)
    {
      _pf_database_set_error (database, error, PF_DATABASE_ERROR_FAILED, "%s", _("out of memory"));
      return FALSE;
    }

  if (!wait_for_connection (self, conn, timeout, cancellable, error))
    {
      PQfinish (conn);
      return FALSE;
    }

  PQsetNoticeProcessor (conn, notice_processor, NULL);

  /* A pooler that drops the startup "options" would give us a writable
   * session; PostgreSQL ≥ 14 reports the setting, so refuse that. */
  read_only = PQparameterStatus (conn, "default_transaction_read_only");
  if (read_only != NULL && g_strcmp0 (read_only, "on") != 0)
    {
      PQfinish (conn);
      _pf_database_set_error (database, error, PF_DATABASE_ERROR_FAILED,
                              "%s", _("the server did not accept a read-only session"));
      return FALSE;
    }

  self->conn = conn;
  g_mutex_lock (&self->cancel_lock);
  self->cancel = PQgetCancel (conn);
  g_mutex_unlock (&self->cancel_lock);

  version = PQparameterStatus (conn, "server_version");
  if (version != NULL)
    {
      /* "15.5 (Debian 15.5-0+deb12u1)" → "PostgreSQL 15.5" */
      g_autofree char *number = g_strndup (version, strcspn (version, " "));
      g_autofree char *text = g_strconcat ("PostgreSQL ", number, NULL);

      _pf_database_set_server_version (database, text);
    }
  else
    {
      int num = PQserverVersion (conn);
      g_autofree char *text = g_strdup_printf ("PostgreSQL %d.%d", num / 10000, num % 10000);

      _pf_database_set_server_version (database, text);
    }

  {
    g_autoptr(GError) local_error = NULL;

    result = _pf_pg_database_exec (self, cancellable,
                                   "SELECT pg_catalog.pg_database_size (pg_catalog.current_database ())",
                                   0, NULL, &local_error);
    if (result != NULL && PQntuples (result) == 1 && !PQgetisnull (result, 0, 0))
      _pf_database_set_size (database, g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10));
    else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
      {
        pf_pg_database_close_session (self);
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
    else
      {
        /* Not fatal: the size is only shown in the overview */
        g_debug ("pg_database_size failed: %s", local_error ? local_error->message : "no row");
        _pf_database_set_size (database, -1);
      }
  }

  return TRUE;
}

static void
pf_pg_database_close (PfDatabase *database)
{
  pf_pg_database_close_session (PF_PG_DATABASE (database));
}

/* ---- queries ---------------------------------------------------------- */

static void
on_cancelled (GCancellable *cancellable,
              PfPgDatabase *self)
{
  char errbuf[256];

  g_mutex_lock (&self->cancel_lock);
  if (self->cancel != NULL && !PQcancel (self->cancel, errbuf, sizeof errbuf))
    g_debug ("PQcancel: %s", errbuf);
  g_mutex_unlock (&self->cancel_lock);
}

const char *
_pf_pg_database_get_password (PfPgDatabase *self)
{
  g_return_val_if_fail (PF_IS_PG_DATABASE (self), NULL);

  return self->password;
}

PGconn *
_pf_pg_database_get_connection (PfPgDatabase *self)
{
  g_return_val_if_fail (PF_IS_PG_DATABASE (self), NULL);

  return self->conn;
}

PGresult *
_pf_pg_database_exec (PfPgDatabase        *self,
                      GCancellable        *cancellable,
                      const char          *sql,
                      int                  n_params,
                      const char * const  *params,
                      GError             **error)
{
  PGresult *result;
  gulong handler = 0;

  g_return_val_if_fail (PF_IS_PG_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (self->conn == NULL)
    {
      g_set_error_literal (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_NOT_OPEN,
                           _("The database is not open"));
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);

  result = PQexecParams (self->conn, sql, n_params, NULL, params, NULL, NULL, 0);

  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  /* A cancelled statement fails with 57014; report what the caller did */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      PQclear (result);
      return NULL;
    }

  switch (result != NULL ? PQresultStatus (result) : PGRES_FATAL_ERROR)
    {
    case PGRES_TUPLES_OK:
    case PGRES_COMMAND_OK:
      return result;

    default:
      if (PQstatus (self->conn) == CONNECTION_BAD)
        {
          /* The server crashed, restarted or was stopped under us */
          g_debug ("connection lost: %s", PQerrorMessage (self->conn));
          g_set_error_literal (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_CONNECTION_LOST,
                               _("the connection to the server was lost"));
          PQclear (result);
          return NULL;
        }
      else
      {
        const char *primary = NULL;
        g_autofree char *line = NULL;

        if (result != NULL)
          primary = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
        line = first_line (primary != NULL ? primary : PQerrorMessage (self->conn));
        g_debug ("query failed (SQLSTATE %s): %s",
                 result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : "none", sql);
        g_set_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_QUERY,
                     /* Translators: %s is the error message from the server */
                     _("A query failed: %s"), line);
        PQclear (result);
        return NULL;
      }
    }
}

/* ---- scan support ----------------------------------------------------- */

static gboolean
exec_command (PfPgDatabase  *self,
              GCancellable  *cancellable,
              const char    *sql,
              GError       **error)
{
  g_autoptr(PGresult) result = _pf_pg_database_exec (self, cancellable, sql, 0, NULL, error);

  return result != NULL;
}

static char *
pf_pg_database_begin_snapshot (PfDatabase    *database,
                               GCancellable  *cancellable,
                               GError       **error)
{
  PfPgDatabase *self = PF_PG_DATABASE (database);
  g_autoptr(PGresult) result = NULL;

  /* As pg_dump -j does: workers import this transaction's snapshot, so
   * every check sees the database at one moment */
  if (!exec_command (self, cancellable, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", error))
    return NULL;

  result = _pf_pg_database_exec (self, cancellable,
                                 "SELECT pg_catalog.pg_export_snapshot ()",
                                 0, NULL, error);
  if (result == NULL || PQntuples (result) != 1 || PQgetisnull (result, 0, 0))
    {
      g_autoptr(GError) end_error = NULL;
      g_autoptr(PGresult) end = NULL;

      if (result != NULL)
        g_set_error_literal (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_QUERY,
                             _("The server did not export a snapshot"));
      if (self->conn != NULL && PQstatus (self->conn) != CONNECTION_BAD)
        end = _pf_pg_database_exec (self, NULL, "ROLLBACK", 0, NULL, &end_error);
      return NULL;
    }

  return g_strdup (PQgetvalue (result, 0, 0));
}

static void
pf_pg_database_end_snapshot (PfDatabase *database)
{
  PfPgDatabase *self = PF_PG_DATABASE (database);
  g_autoptr(GError) error = NULL;

  if (self->conn == NULL || PQstatus (self->conn) == CONNECTION_BAD)
    return;

  if (PQtransactionStatus (self->conn) != PQTRANS_IDLE
      && !exec_command (self, NULL, "ROLLBACK", &error))
    g_debug ("Ending the snapshot: %s", error->message);
}

static PfDatabase *
pf_pg_database_open_worker (PfDatabase    *database,
                            const char    *snapshot,
                            GCancellable  *cancellable,
                            GError       **error)
{
  PfPgDatabase *self = PF_PG_DATABASE (database);
  g_autoptr(PfPgDatabase) worker = NULL;
  g_autofree char *statement_timeout = NULL;
  g_autofree char *lock_timeout = NULL;

  worker = (PfPgDatabase *) pf_pg_database_new (pf_database_get_profile (database), self->password);
  if (!pf_pg_database_open (PF_DATABASE (worker), cancellable, error))
    return NULL;

  /* row_security = off: a policy that would hide rows makes the query fail
   * instead, so a check never reports "no orphans" from a filtered view */
  statement_timeout = g_strdup_printf ("SET statement_timeout = %d", PF_PG_WORKER_STATEMENT_TIMEOUT_MSEC);
  lock_timeout = g_strdup_printf ("SET lock_timeout = %d", PF_PG_WORKER_LOCK_TIMEOUT_MSEC);
  if (!exec_command (worker, cancellable, statement_timeout, error)
      || !exec_command (worker, cancellable, lock_timeout, error)
      || !exec_command (worker, cancellable, "SET row_security = off", error)
      || !exec_command (worker, cancellable, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", error))
    return NULL;

  if (snapshot != NULL)
    {
      g_autofree char *literal = NULL;
      g_autofree char *sql = NULL;
      char *escaped;

      if (!(escaped = PQescapeLiteral (worker->conn, snapshot, strlen (snapshot))))
        {
          g_set_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_QUERY,
                       _("A query failed: %s"), PQerrorMessage (worker->conn));
          return NULL;
        }
      literal = g_strdup (escaped);
      PQfreemem (escaped);

      sql = g_strconcat ("SET TRANSACTION SNAPSHOT ", literal, NULL);
      if (!exec_command (worker, cancellable, sql, error))
        return NULL;
    }

  /* A failed statement aborts the whole transaction; end_job rolls back
   * to here so the next check still runs on the shared snapshot */
  if (!exec_command (worker, cancellable, "SAVEPOINT pf_job", error))
    return NULL;

  return PF_DATABASE (g_steal_pointer (&worker));
}

static void
pf_pg_database_interrupt (PfDatabase *database)
{
  PfPgDatabase *self = PF_PG_DATABASE (database);
  char errbuf[256];

  g_mutex_lock (&self->cancel_lock);
  if (self->cancel != NULL && !PQcancel (self->cancel, errbuf, sizeof errbuf))
    g_debug ("PQcancel: %s", errbuf);
  g_mutex_unlock (&self->cancel_lock);
}

static void
pf_pg_database_end_job (PfDatabase *database)
{
  PfPgDatabase *self = PF_PG_DATABASE (database);
  g_autoptr(GError) error = NULL;

  if (self->conn == NULL || PQtransactionStatus (self->conn) != PQTRANS_INERROR)
    return;

  if (!exec_command (self, NULL, "ROLLBACK TO SAVEPOINT pf_job", &error))
    g_debug ("Could not roll back after a failed check: %s", error->message);
}

static gboolean
pf_pg_database_is_broken (PfDatabase *database)
{
  PfPgDatabase *self = PF_PG_DATABASE (database);

  return self->conn == NULL || PQstatus (self->conn) == CONNECTION_BAD;
}

/* ---- introspection ---------------------------------------------------- */

static const char *
value (PGresult *result,
       int       row,
       int       column)
{
  return PQgetisnull (result, row, column) ? NULL : PQgetvalue (result, row, column);
}

static gboolean
boolean_value (PGresult *result,
               int       row,
               int       column)
{
  return g_strcmp0 (value (result, row, column), "t") == 0;
}

/* Names come back as a json_agg() array so no name needs array-literal
 * unquoting; NULL (no rows) gives an empty vector. */
static GStrv
strv_from_json (const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL
      && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *element = json_array_get_string_element (array, i);

          g_strv_builder_add (builder, element != NULL ? element : "");
        }
    }

  return g_strv_builder_end (builder);
}

static PfForeignKeyAction
foreign_key_action (const char *code)
{
  switch (code != NULL ? code[0] : 'a')
    {
    case 'r': return PF_FOREIGN_KEY_ACTION_RESTRICT;
    case 'c': return PF_FOREIGN_KEY_ACTION_CASCADE;
    case 'n': return PF_FOREIGN_KEY_ACTION_SET_NULL;
    case 'd': return PF_FOREIGN_KEY_ACTION_SET_DEFAULT;
    case 'a':
    default:  return PF_FOREIGN_KEY_ACTION_NO_ACTION;
    }
}

static gboolean
load_tables (PfPgDatabase  *self,
             GCancellable  *cancellable,
             GHashTable    *tables,
             GString       *oids,
             GError       **error)
{
  const char *params[] = { SYSTEM_SCHEMAS, TEMP_SCHEMA_PATTERN };
  g_autoptr(PGresult) result = NULL;
  /* Before PostgreSQL 14, reltuples = 0 with relpages = 0 meant "never
   * vacuumed or analysed"; since then it is -1. */
  gboolean legacy_unknown = PQserverVersion (self->conn) < 140000;

  result = _pf_pg_database_exec (self, cancellable,
                                 "SELECT c.oid, n.nspname, c.relname, c.reltuples, c.relpages"
                                 "  FROM pg_catalog.pg_class c"
                                 "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                                 " WHERE c.relkind IN ('r', 'p')"
                                 "   AND n.nspname <> ALL ($1::pg_catalog.text[])"
                                 "   AND n.nspname !~ $2"
                                 " ORDER BY n.nspname, c.relname",
                                 G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return FALSE;

  g_string_append_c (oids, '{');
  for (int row = 0; row < PQntuples (result); row++)
    {
      g_autoptr(PfTable) table = pf_table_new (value (result, row, 1), value (result, row, 2));
      double reltuples = g_ascii_strtod (value (result, row, 3), NULL);
      gint64 relpages = g_ascii_strtoll (value (result, row, 4), NULL, 10);

      if (reltuples < 0 || (legacy_unknown && reltuples == 0 && relpages == 0))
        pf_table_set_row_estimate (table, -1, FALSE);
      else
        pf_table_set_row_estimate (table, (gint64) (reltuples + 0.5), FALSE);

      if (row > 0)
        g_string_append_c (oids, ',');
      g_string_append (oids, value (result, row, 0));
      g_hash_table_insert (tables, g_strdup (value (result, row, 0)), g_steal_pointer (&table));
    }
  g_string_append_c (oids, '}');

  return TRUE;
}

static gboolean
load_columns (PfPgDatabase  *self,
              GCancellable  *cancellable,
              GHashTable    *tables,
              const char    *oids,
              GError       **error)
{
  const char *params[] = { oids };
  g_autoptr(PGresult) result = NULL;
  /* A generated column's expression lives in pg_attrdef too; it is no default */
  const char *sql =
    PQserverVersion (self->conn) >= 120000
      ? "SELECT a.attrelid, a.attname, pg_catalog.format_type (a.atttypid, a.atttypmod),"
        "       a.attnotnull,"
        "       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr (d.adbin, d.adrelid) END,"
        "       a.attidentity <> ''"
        "  FROM pg_catalog.pg_attribute a"
        "  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
        " WHERE a.attrelid = ANY ($1::pg_catalog.oid[]) AND a.attnum > 0 AND NOT a.attisdropped"
        " ORDER BY a.attrelid, a.attnum"
      : "SELECT a.attrelid, a.attname, pg_catalog.format_type (a.atttypid, a.atttypmod),"
        "       a.attnotnull, pg_catalog.pg_get_expr (d.adbin, d.adrelid),"
        "       a.attidentity <> ''"
        "  FROM pg_catalog.pg_attribute a"
        "  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
        " WHERE a.attrelid = ANY ($1::pg_catalog.oid[]) AND a.attnum > 0 AND NOT a.attisdropped"
        " ORDER BY a.attrelid, a.attnum";
  PfTable *current = NULL;
  int position = 0;

  result = _pf_pg_database_exec (self, cancellable, sql, G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result); row++)
    {
      PfTable *table = g_hash_table_lookup (tables, value (result, row, 0));
      g_autoptr(PfColumn) column = NULL;
      const char *default_value = value (result, row, 4);

      if (table == NULL)
        continue;
      if (table != current)
        {
          current = table;
          position = 0;
        }

      /* Positions are dense even when columns were dropped in between */
      column = pf_column_new (value (result, row, 1), value (result, row, 2),
                              boolean_value (result, row, 3), ++position);
      column->default_value = g_strdup (default_value);
      /* Identity columns, and serial ones (a nextval() default) */
      column->is_identity = boolean_value (result, row, 5)
                            || (default_value != NULL && g_str_has_prefix (default_value, "nextval("));
      pf_table_add_column (table, column);
    }

  return TRUE;
}

static gboolean
load_constraints (PfPgDatabase  *self,
                  GCancellable  *cancellable,
                  GHashTable    *tables,
                  const char    *oids,
                  GError       **error)
{
  const char *params[] = { oids };
  g_autoptr(PGresult) result = NULL;

  /* A foreign key that references a partitioned table gets one internal
   * clone per referenced partition on the same child table; skip those. */
  result = _pf_pg_database_exec (self, cancellable,
                                 "SELECT con.conrelid, con.contype, con.conname,"
                                 "       (SELECT pg_catalog.json_agg (a.attname ORDER BY k.ord)"
                                 "          FROM pg_catalog.unnest (con.conkey) WITH ORDINALITY AS k (attnum, ord)"
                                 "          JOIN pg_catalog.pg_attribute a"
                                 "            ON a.attrelid = con.conrelid AND a.attnum = k.attnum),"
                                 "       fn.nspname, fc.relname,"
                                 "       (SELECT pg_catalog.json_agg (a.attname ORDER BY k.ord)"
                                 "          FROM pg_catalog.unnest (con.confkey) WITH ORDINALITY AS k (attnum, ord)"
                                 "          JOIN pg_catalog.pg_attribute a"
                                 "            ON a.attrelid = con.confrelid AND a.attnum = k.attnum),"
                                 "       con.confdeltype, con.confupdtype, con.convalidated, con.condeferrable"
                                 "  FROM pg_catalog.pg_constraint con"
                                 "  LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid"
                                 "  LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace"
                                 " WHERE con.conrelid = ANY ($1::pg_catalog.oid[])"
                                 "   AND con.contype IN ('p', 'f')"
                                 "   AND NOT (con.contype = 'f' AND con.conparentid <> 0"
                                 "            AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pc"
                                 "                         WHERE pc.oid = con.conparentid"
                                 "                           AND pc.conrelid = con.conrelid))"
                                 " ORDER BY con.conrelid, con.conname",
                                 G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result); row++)
    {
      PfTable *table = g_hash_table_lookup (tables, value (result, row, 0));
      g_auto(GStrv) columns = NULL;

      if (table == NULL)
        continue;

      columns = strv_from_json (value (result, row, 3));

      if (g_strcmp0 (value (result, row, 1), "p") == 0)
        {
          pf_table_set_primary_key (table, (const char * const *) columns);
        }
      else
        {
          g_autoptr(PfForeignKey) fk = pf_foreign_key_new ();

          fk->name = g_strdup (value (result, row, 2));
          fk->table_schema = g_strdup (pf_table_get_schema_name (table));
          fk->table = g_strdup (pf_table_get_name (table));
          fk->columns = g_steal_pointer (&columns);
          fk->parent_schema = g_strdup (value (result, row, 4));
          fk->parent_table = g_strdup (value (result, row, 5));
          fk->parent_columns = strv_from_json (value (result, row, 6));
          fk->on_delete = foreign_key_action (value (result, row, 7));
          fk->on_update = foreign_key_action (value (result, row, 8));
          fk->not_valid = !boolean_value (result, row, 9);
          fk->deferrable = boolean_value (result, row, 10);
          pf_table_add_foreign_key (table, fk);
        }
    }

  return TRUE;
}

static gboolean
load_indexes (PfPgDatabase  *self,
              GCancellable  *cancellable,
              GHashTable    *tables,
              const char    *oids,
              GError       **error)
{
  const char *params[] = { oids };
  g_autoptr(PGresult) result = NULL;

  /* Key columns by name; an expression key as pg_get_indexdef()'s text.
   * The index's origin is whichever PRIMARY KEY/UNIQUE constraint owns it. */
  result = _pf_pg_database_exec (self, cancellable,
                                 "SELECT i.indrelid, ic.relname, i.indisunique, i.indisvalid,"
                                 "       i.indpred IS NOT NULL, pg_catalog.pg_get_indexdef (i.indexrelid),"
                                 "       con.contype,"
                                 "       (SELECT pg_catalog.json_agg ("
                                 "                 CASE WHEN i.indkey[k - 1] = 0"
                                 "                      THEN pg_catalog.pg_get_indexdef (i.indexrelid, k, true)"
                                 "                      ELSE (SELECT a.attname::pg_catalog.text"
                                 "                              FROM pg_catalog.pg_attribute a"
                                 "                             WHERE a.attrelid = i.indrelid"
                                 "                               AND a.attnum = i.indkey[k - 1])"
                                 "                 END ORDER BY k)"
                                 "          FROM pg_catalog.generate_series (1, i.indnkeyatts) AS k),"
                                 "       i.indisprimary"
                                 "  FROM pg_catalog.pg_index i"
                                 "  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
                                 "  LEFT JOIN pg_catalog.pg_constraint con"
                                 "    ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid"
                                 "   AND con.contype IN ('p', 'u')"
                                 " WHERE i.indrelid = ANY ($1::pg_catalog.oid[])"
                                 " ORDER BY i.indrelid, ic.relname",
                                 G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result); row++)
    {
      PfTable *table = g_hash_table_lookup (tables, value (result, row, 0));
      g_autoptr(PfIndex) index = NULL;
      const char *contype = value (result, row, 6);

      if (table == NULL)
        continue;

      index = pf_index_new (value (result, row, 1));
      index->unique = boolean_value (result, row, 2);
      index->valid = boolean_value (result, row, 3);
      index->partial = boolean_value (result, row, 4);
      index->definition = g_strdup (value (result, row, 5));
      index->columns = strv_from_json (value (result, row, 7));
      if (g_strcmp0 (contype, "p") == 0 || boolean_value (result, row, 8))
        index->origin = PF_INDEX_ORIGIN_PRIMARY_KEY;
      else if (g_strcmp0 (contype, "u") == 0)
        index->origin = PF_INDEX_ORIGIN_UNIQUE;
      else
        index->origin = PF_INDEX_ORIGIN_INDEX;
      pf_table_add_index (table, index);
    }

  return TRUE;
}

static PfSchema *
introspect_in_transaction (PfPgDatabase  *self,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GHashTable) tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GString) oids = g_string_new (NULL);
  g_autoptr(PfSchema) schema = pf_schema_new ();
  GHashTableIter iter;
  PfTable *table;

  if (!load_tables (self, cancellable, tables, oids, error))
    return NULL;

  if (g_hash_table_size (tables) > 0
      && (!load_columns (self, cancellable, tables, oids->str, error)
          || !load_constraints (self, cancellable, tables, oids->str, error)
          || !load_indexes (self, cancellable, tables, oids->str, error)))
    return NULL;

  g_hash_table_iter_init (&iter, tables);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &table))
    pf_schema_add_table (schema, table);

  return g_steal_pointer (&schema);
}

static PfSchema *
pf_pg_database_introspect (PfDatabase    *database,
                           GCancellable  *cancellable,
                           GError       **error)
{
  PfPgDatabase *self = PF_PG_DATABASE (database);
  g_autoptr(PGresult) begin = NULL;
  g_autoptr(PfSchema) schema = NULL;
  const char *end_sql;

  /* One snapshot for every catalog query, so the pieces agree */
  begin = _pf_pg_database_exec (self, cancellable,
                                "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                                0, NULL, error);
  if (begin == NULL)
    return NULL;

  schema = introspect_in_transaction (self, cancellable, error);
  end_sql = schema != NULL ? "COMMIT" : "ROLLBACK";

  {
    /* Not cancellable: the session must leave the transaction either way */
    g_autoptr(GError) end_error = NULL;
    g_autoptr(PGresult) end = _pf_pg_database_exec (self, NULL, end_sql, 0, NULL, &end_error);

    if (end == NULL && schema != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&end_error));
        return NULL;
      }
  }

  return g_steal_pointer (&schema);
}

/* ---- GObject ---------------------------------------------------------- */

static void
pf_pg_database_finalize (GObject *object)
{
  PfPgDatabase *self = (PfPgDatabase *) object;

  pf_pg_database_close_session (self);
  g_mutex_clear (&self->cancel_lock);
  if (self->password != NULL)
    {
      /* Do not leave the secret lying around in freed memory */
      memset (self->password, 0, strlen (self->password));
      g_clear_pointer (&self->password, g_free);
    }

  G_OBJECT_CLASS (pf_pg_database_parent_class)->finalize (object);
}

static void
pf_pg_database_class_init (PfPgDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PfDatabaseClass *database_class = PF_DATABASE_CLASS (klass);

  object_class->finalize = pf_pg_database_finalize;

  database_class->open = pf_pg_database_open;
  database_class->introspect = pf_pg_database_introspect;
  database_class->close = pf_pg_database_close;
  database_class->begin_snapshot = pf_pg_database_begin_snapshot;
  database_class->end_snapshot = pf_pg_database_end_snapshot;
  database_class->open_worker = pf_pg_database_open_worker;
  database_class->interrupt = pf_pg_database_interrupt;
  database_class->is_broken = pf_pg_database_is_broken;
  database_class->end_job = pf_pg_database_end_job;
}

static void
pf_pg_database_init (PfPgDatabase *self)
{
  g_mutex_init (&self->cancel_lock);
}

PfDatabase *
pf_pg_database_new (PfConnectionProfile *profile,
                    const char          *password)
{
  PfPgDatabase *self;

  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (profile), NULL);

  self = g_object_new (PF_TYPE_PG_DATABASE,
                       "profile", profile,
                       NULL);
  self->password = g_strdup (password);

  return PF_DATABASE (self);
}
