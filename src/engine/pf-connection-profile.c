/* pf-connection-profile.c — where a database lives, without its password
 *
 * Copyright 2026 The Preflight authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-connection-profile"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>

#include "pf-connection-profile.h"
#include "pf-database.h"

#define DEFAULT_PG_PORT 5432

struct _PfConnectionProfile
{
  GObject         parent_instance;

  PfDatabaseKind  kind;

  /* PostgreSQL */
  char           *host;
  guint           port;            /* 0: libpq's default */
  char           *dbname;
  char           *user;
  char           *sslmode;
  char           *service;
  guint           connect_timeout; /* seconds, 0: wait forever */
  GHashTable     *libpq_params;    /* other libpq keywords → values */

  /* SQLite */
  char           *path;
};

G_DEFINE_FINAL_TYPE (PfConnectionProfile, pf_connection_profile, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PfDatabaseKind, pf_database_kind,
                    G_DEFINE_ENUM_VALUE (PF_DATABASE_KIND_SQLITE, "sqlite"),
                    G_DEFINE_ENUM_VALUE (PF_DATABASE_KIND_POSTGRESQL, "postgresql"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_HOST,
  PROP_PORT,
  PROP_DBNAME,
  PROP_USER,
  PROP_SSLMODE,
  PROP_SERVICE,
  PROP_PATH,
  PROP_CONNECT_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const sslmodes[] = {
  "disable", "allow", "prefer", "require", "verify-ca", "verify-full", NULL
};

static gboolean
set_string (PfConnectionProfile  *self,
            char                **field,
            const char           *value,
            guint                 prop_id)
{
  /* An empty string means "not given", as it does for libpq */
  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  return TRUE;
}

static void
pf_connection_profile_finalize (GObject *object)
{
  PfConnectionProfile *self = (PfConnectionProfile *)object;

  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->dbname, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->sslmode, g_free);
  g_clear_pointer (&self->service, g_free);
  g_clear_pointer (&self->libpq_params, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (pf_connection_profile_parent_class)->finalize (object);
}

static void
pf_connection_profile_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PfConnectionProfile *self = PF_CONNECTION_PROFILE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    case PROP_DBNAME:
      g_value_set_string (value, self->dbname);
      break;

    case PROP_USER:
      g_value_set_string (value, self->user);
      break;

    case PROP_SSLMODE:
      g_value_set_string (value, self->sslmode);
      break;

    case PROP_SERVICE:
      g_value_set_string (value, self->service);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_connection_profile_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PfConnectionProfile *self = PF_CONNECTION_PROFILE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_HOST:
      pf_connection_profile_set_host (self, g_value_get_string (value));
      break;

    case PROP_PORT:
      pf_connection_profile_set_port (self, g_value_get_uint (value));
      break;

    case PROP_DBNAME:
      pf_connection_profile_set_dbname (self, g_value_get_string (value));
      break;

    case PROP_USER:
      pf_connection_profile_set_user (self, g_value_get_string (value));
      break;

    case PROP_SSLMODE:
      pf_connection_profile_set_sslmode (self, g_value_get_string (value));
      break;

    case PROP_SERVICE:
      pf_connection_profile_set_service (self, g_value_get_string (value));
      break;

    case PROP_PATH:
      pf_connection_profile_set_path (self, g_value_get_string (value));
      break;

    case PROP_CONNECT_TIMEOUT:
      pf_connection_profile_set_connect_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_connection_profile_class_init (PfConnectionProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_connection_profile_finalize;
  object_class->get_property = pf_connection_profile_get_property;
  object_class->set_property = pf_connection_profile_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       PF_TYPE_DATABASE_KIND,
                       PF_DATABASE_KIND_SQLITE,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DBNAME] =
    g_param_spec_string ("dbname", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SSLMODE] =
    g_param_spec_string ("sslmode", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SERVICE] =
    g_param_spec_string ("service", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL,
                       0, G_MAXINT, PF_CONNECTION_PROFILE_DEFAULT_CONNECT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_connection_profile_init (PfConnectionProfile *self)
{
  self->connect_timeout = PF_CONNECTION_PROFILE_DEFAULT_CONNECT_TIMEOUT;
  self->libpq_params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

PfConnectionProfile *
pf_connection_profile_new (PfDatabaseKind kind)
{
  return g_object_new (PF_TYPE_CONNECTION_PROFILE,
                       "kind", kind,
                       NULL);
}

/* The target as it may appear in a message: never with its password. */
static char *
redact_target (const char *target)
{
  const char *authority, *end, *at, *colon;
  GString *str;

  if (!(authority = strstr (target, "://")))
    return g_strdup (target);
  authority += 3;

  end = authority + strcspn (authority, "/?#");
  at = NULL;
  for (const char *p = authority; p < end; p++)
    if (*p == '@')
      at = p;
  if (at == NULL)
    return g_strdup (target);

  colon = memchr (authority, ':', at - authority);
  if (colon == NULL)
    return g_strdup (target);

  str = g_string_new_len (target, colon + 1 - target);
  g_string_append (str, "••••");
  g_string_append (str, at);

  return g_string_free (str, FALSE);
}

static gboolean
set_invalid_target (GError     **error,
                    const char  *target,
                    const char  *format,
                    ...) G_GNUC_PRINTF (3, 4);

static gboolean
set_invalid_target (GError     **error,
                    const char  *target,
                    const char  *format,
                    ...)
{
  g_autofree char *redacted = redact_target (target);
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_INVALID_TARGET,
               /* Translators: the first %s is the database address the user
                * gave, the second what is wrong with it, e.g. “is not a
                * SQLite address: use sqlite:///absolute/path.db” */
               _("“%s” %s"), redacted, reason);

  return FALSE;
}

static gboolean
has_url_scheme (const char *target)
{
  const char *p = target;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;

  return g_str_has_prefix (p, "://");
}

static PfConnectionProfile *
new_postgresql (const char  *target,
                char       **out_password,
                GError     **error)
{
  g_autoptr(PfConnectionProfile) self = NULL;
  g_autofree char *password = NULL;
  PQconninfoOption *options;
  char *errmsg = NULL;
  gboolean ok = TRUE;

  /* libpq's own parser, so a URL means here exactly what it means to psql */
  options = PQconninfoParse (target, &errmsg);
  if (options == NULL)
    {
      g_autofree char *reason = g_strstrip (g_strdup (errmsg ? errmsg : _("out of memory")));

      PQfreemem (errmsg);
      /* Translators: follows a database address in “…”; %s is
       * libpq’s explanation, usually in English */
      set_invalid_target (error, target, _("is not a valid PostgreSQL address: %s"), reason);
      return NULL;
    }

  self = pf_connection_profile_new (PF_DATABASE_KIND_POSTGRESQL);

  for (PQconninfoOption *opt = options; ok && opt->keyword != NULL; opt++)
    {
      const char *val = opt->val;

      if (val == NULL)
        continue;

      if (g_str_equal (opt->keyword, "password"))
        {
          g_free (password);
          password = g_strdup (val);
          /* Don't leave the password behind in freed memory */
          memset (opt->val, 0, strlen (opt->val));
        }
      else if (g_str_equal (opt->keyword, "host") || g_str_equal (opt->keyword, "hostaddr"))
        {
          if (strchr (val, ',') != NULL)
            ok = set_invalid_target (error, target, "%s",
                                     /* Translators: follows a database address in “…” */
                                     _("lists several servers; Preflight connects to one at a time: "
                                       "give a single host"));
          else if (g_str_equal (opt->keyword, "host"))
            pf_connection_profile_set_host (self, val);
          else
            pf_connection_profile_set_libpq_parameter (self, opt->keyword, val);
        }
      else if (g_str_equal (opt->keyword, "port"))
        {
          guint64 port;

          if (strchr (val, ',') != NULL)
            ok = set_invalid_target (error, target, "%s",
                                     /* Translators: follows a database address in “…” */
                                     _("lists several servers; Preflight connects to one at a time: "
                                       "give a single port"));
          else if (!g_ascii_string_to_unsigned (val, 10, 1, G_MAXUINT16, &port, NULL))
            ok = set_invalid_target (error, target,
                                     /* Translators: follows a database address in “…”;
                                      * %s is the port the user gave */
                                     _("is not a valid PostgreSQL address: the port “%s” is not "
                                       "a number from 1 to 65535"), val);
          else
            pf_connection_profile_set_port (self, (guint)port);
        }
      else if (g_str_equal (opt->keyword, "connect_timeout"))
        {
          guint64 seconds;

          if (!g_ascii_string_to_unsigned (val, 10, 0, G_MAXINT, &seconds, NULL))
            ok = set_invalid_target (error, target,
                                     /* Translators: follows a database address in “…”;
                                      * “connect_timeout” is a keyword, do not translate it;
                                      * %s is the value the user gave */
                                     _("is not a valid PostgreSQL address: connect_timeout “%s” "
                                       "is not a number of seconds"), val);
          else
            pf_connection_profile_set_connect_timeout (self, (guint)seconds);
        }
      else if (g_str_equal (opt->keyword, "sslmode"))
        {
          if (!g_strv_contains (sslmodes, val))
            ok = set_invalid_target (error, target,
                                     /* Translators: follows a database address in “…”;
                                      * “sslmode” and disable … verify-full are keywords,
                                      * do not translate them; %s is the value the user gave */
                                     _("is not a valid PostgreSQL address: sslmode “%s” is not one "
                                       "of disable, allow, prefer, require, verify-ca or verify-full"),
                                     val);
          else
            pf_connection_profile_set_sslmode (self, val);
        }
      else if (g_str_equal (opt->keyword, "dbname"))
        pf_connection_profile_set_dbname (self, val);
      else if (g_str_equal (opt->keyword, "user"))
        pf_connection_profile_set_user (self, val);
      else if (g_str_equal (opt->keyword, "service"))
        pf_connection_profile_set_service (self, val);
      else
        /* Kept, so that nothing the user wrote is silently dropped */
        pf_connection_profile_set_libpq_parameter (self, opt->keyword, val);
    }

  PQconninfoFree (options);

  if (!ok)
    {
      if (password != NULL)
        memset (password, 0, strlen (password));
      return NULL;
    }

  if (out_password != NULL)
    *out_password = g_steal_pointer (&password);
  else if (password != NULL)
    memset (password, 0, strlen (password));

  return g_steal_pointer (&self);
}

static PfConnectionProfile *
new_sqlite (const char  *target,
            GError     **error)
{
  PfConnectionProfile *self;
  g_autofree char *path = NULL;

  if (g_str_has_prefix (target, "sqlite://"))
    {
      const char *rest = target + strlen ("sqlite://");
      g_autofree char *unescaped = NULL;

      /* sqlite:///abs/path is a file: URL with an empty host, so the path is
       * absolute; sqlite:////abs/path (SQLAlchemy's spelling) is the same. */
      if (rest[0] != '/')
        {
          set_invalid_target (error, target, "%s",
                              /* Translators: follows a database address in “…” */
                              _("is not a SQLite address: use sqlite:///absolute/path.db"));
          return NULL;
        }

      if (strpbrk (rest, "?#") != NULL)
        {
          set_invalid_target (error, target, "%s",
                              /* Translators: follows a database address in “…” */
                              _("has options Preflight does not understand: "
                                "use sqlite:///absolute/path.db"));
          return NULL;
        }

      unescaped = g_uri_unescape_string (rest, NULL);
      if (unescaped == NULL || unescaped[1] == '\0')
        {
          set_invalid_target (error, target, "%s",
                              _("is not a SQLite address: use sqlite:///absolute/path.db"));
          return NULL;
        }

      /* POSIX keeps a leading "//" apart; nobody means that here */
      {
        const char *abs = unescaped;

        while (abs[1] == '/')
          abs++;
        path = g_canonicalize_filename (abs, NULL);
      }
    }
  else
    {
      /* A plain path, relative to the current directory */
      path = g_canonicalize_filename (target, NULL);
    }

  self = pf_connection_profile_new (PF_DATABASE_KIND_SQLITE);
  pf_connection_profile_set_path (self, path);

  return self;
}

PfConnectionProfile *
pf_connection_profile_new_from_target (const char  *target,
                                       char       **out_password,
                                       GError     **error)
{
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_password != NULL)
    *out_password = NULL;

  if (target[0] == '\0')
    {
      g_set_error_literal (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_INVALID_TARGET,
                           _("No database was given: "
                             "use postgresql://…, sqlite:///path or a file path"));
      return NULL;
    }

  /* The two prefixes libpq itself accepts */
  if (g_str_has_prefix (target, "postgresql://") ||
      g_str_has_prefix (target, "postgres://"))
    return new_postgresql (target, out_password, error);

  if (g_str_has_prefix (target, "sqlite://"))
    return new_sqlite (target, error);

  if (has_url_scheme (target))
    {
      set_invalid_target (error, target, "%s",
                          /* Translators: follows a database address in “…” */
                          _("is not a database address: "
                            "use postgresql://…, sqlite:///path or a file path"));
      return NULL;
    }

  return new_sqlite (target, error);
}

PfDatabaseKind
pf_connection_profile_get_kind (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), PF_DATABASE_KIND_SQLITE);

  return self->kind;
}

const char *
pf_connection_profile_get_host (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  return self->host;
}

void
pf_connection_profile_set_host (PfConnectionProfile *self,
                                const char          *host)
{
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));

  set_string (self, &self->host, host, PROP_HOST);
}

guint
pf_connection_profile_get_port (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), 0);

  return self->port;
}

void
pf_connection_profile_set_port (PfConnectionProfile *self,
                                guint                port)
{
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));
  g_return_if_fail (port <= G_MAXUINT16);

  if (self->port != port)
    {
      self->port = port;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
    }
}

const char *
pf_connection_profile_get_dbname (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  return self->dbname;
}

void
pf_connection_profile_set_dbname (PfConnectionProfile *self,
                                  const char          *dbname)
{
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));

  set_string (self, &self->dbname, dbname, PROP_DBNAME);
}

const char *
pf_connection_profile_get_user (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  return self->user;
}

void
pf_connection_profile_set_user (PfConnectionProfile *self,
                                const char          *user)
{
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));

  set_string (self, &self->user, user, PROP_USER);
}

const char *
pf_connection_profile_get_sslmode (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  return self->sslmode;
}

void
pf_connection_profile_set_sslmode (PfConnectionProfile *self,
                                   const char          *sslmode)
{
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));

  set_string (self, &self->sslmode, sslmode, PROP_SSLMODE);
}

const char *
pf_connection_profile_get_service (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  return self->service;
}

void
pf_connection_profile_set_service (PfConnectionProfile *self,
                                   const char          *service)
{
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));

  set_string (self, &self->service, service, PROP_SERVICE);
}

const char *
pf_connection_profile_get_path (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  return self->path;
}

void
pf_connection_profile_set_path (PfConnectionProfile *self,
                                const char          *path)
{
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));

  set_string (self, &self->path, path, PROP_PATH);
}

guint
pf_connection_profile_get_connect_timeout (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), 0);

  return self->connect_timeout;
}

void
pf_connection_profile_set_connect_timeout (PfConnectionProfile *self,
                                           guint                seconds)
{
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));

  if (self->connect_timeout != seconds)
    {
      self->connect_timeout = seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_TIMEOUT]);
    }
}

const char *
pf_connection_profile_get_libpq_parameter (PfConnectionProfile *self,
                                           const char          *keyword)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);
  g_return_val_if_fail (keyword != NULL, NULL);

  return g_hash_table_lookup (self->libpq_params, keyword);
}

void
pf_connection_profile_set_libpq_parameter (PfConnectionProfile *self,
                                           const char          *keyword,
                                           const char          *value)
{
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));
  g_return_if_fail (keyword != NULL);

  if (value == NULL || value[0] == '\0')
    g_hash_table_remove (self->libpq_params, keyword);
  else
    g_hash_table_insert (self->libpq_params, g_strdup (keyword), g_strdup (value));
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

char **
pf_connection_profile_dup_libpq_parameter_keywords (PfConnectionProfile *self)
{
  g_autofree const char **keys = NULL;
  guint n;

  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  keys = (const char **)g_hash_table_get_keys_as_array (self->libpq_params, &n);
  qsort (keys, n, sizeof (char *), compare_strings);

  return g_strdupv ((char **)keys);
}

char *
pf_connection_profile_dup_location (PfConnectionProfile *self)
{
  const char *host;
  const char *hostaddr;
  guint port;

  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  if (self->kind == PF_DATABASE_KIND_SQLITE)
    return self->path ? g_path_get_basename (self->path) : g_strdup ("");

  hostaddr = g_hash_table_lookup (self->libpq_params, "hostaddr");
  if (self->host == NULL && hostaddr == NULL && self->service != NULL)
    /* Translators: %s is the name of a PostgreSQL connection service
     * (from pg_service.conf); the result is used in “Could not connect
     * to %s: %s” */
    return g_strdup_printf (_("service %s"), self->service);

  host = self->host ? self->host : hostaddr ? hostaddr : "localhost";
  port = self->port ? self->port : DEFAULT_PG_PORT;

  /* An IPv6 address needs brackets to keep its colons apart from the port */
  if (host[0] != '/' && strchr (host, ':') != NULL)
    return g_strdup_printf ("[%s]:%u", host, port);

  return g_strdup_printf ("%s:%u", host, port);
}

static void
append_query (GString    *str,
              const char *key,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_c (str, strchr (str->str, '?') ? '&' : '?');
  g_string_append (str, key);
  g_string_append_c (str, '=');
  g_string_append (str, escaped);
}

char *
pf_connection_profile_to_url (PfConnectionProfile *self)
{
  g_auto(GStrv) keywords = NULL;
  GString *str;
  gboolean host_in_query;

  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  if (self->kind == PF_DATABASE_KIND_SQLITE)
    {
      g_autofree char *escaped = NULL;

      escaped = g_uri_escape_string (self->path ? self->path : "",
                                     G_URI_RESERVED_CHARS_ALLOWED_IN_PATH, TRUE);
      return g_strconcat ("sqlite://", escaped, NULL);
    }

  str = g_string_new ("postgresql://");

  if (self->user != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (self->user, NULL, FALSE);

      g_string_append_printf (str, "%s@", escaped);
    }

  /* A socket directory cannot be written in the authority; libpq takes it
   * from ?host= instead */
  host_in_query = self->host != NULL && (self->host[0] == '/' || self->host[0] == '@');

  if (self->host != NULL && !host_in_query)
    {
      if (strchr (self->host, ':') != NULL)
        g_string_append_printf (str, "[%s]", self->host);
      else
        {
          g_autofree char *escaped = g_uri_escape_string (self->host, NULL, FALSE);

          g_string_append (str, escaped);
        }
    }

  if (self->port != 0)
    g_string_append_printf (str, ":%u", self->port);

  g_string_append_c (str, '/');

  if (self->dbname != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (self->dbname, NULL, FALSE);

      g_string_append (str, escaped);
    }

  if (host_in_query)
    append_query (str, "host", self->host);
  if (self->sslmode != NULL)
    append_query (str, "sslmode", self->sslmode);
  if (self->connect_timeout != PF_CONNECTION_PROFILE_DEFAULT_CONNECT_TIMEOUT)
    {
      char seconds[16];

      g_snprintf (seconds, sizeof seconds, "%u", self->connect_timeout);
      append_query (str, "connect_timeout", seconds);
    }
  if (self->service != NULL)
    append_query (str, "service", self->service);

  keywords = pf_connection_profile_dup_libpq_parameter_keywords (self);
  for (guint i = 0; keywords[i]; i++)
    append_query (str, keywords[i], g_hash_table_lookup (self->libpq_params, keywords[i]));

  return g_string_free (str, FALSE);
}

static void
add_param (GPtrArray  *keywords,
           GPtrArray  *values,
           const char *keyword,
           const char *value)
{
  if (value == NULL)
    return;

  g_ptr_array_add (keywords, g_strdup (keyword));
  g_ptr_array_add (values, g_strdup (value));
}

void
pf_connection_profile_build_libpq_params (PfConnectionProfile *self,
                                          const char          *password,
                                          GPtrArray           *keywords,
                                          GPtrArray           *values)
{
  g_auto(GStrv) extra = NULL;
  g_autofree char *options = NULL;
  const char *user_options;
  const char *application_name;
  char buf[16];

  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));
  g_return_if_fail (self->kind == PF_DATABASE_KIND_POSTGRESQL);
  g_return_if_fail (keywords != NULL);
  g_return_if_fail (values != NULL);

  add_param (keywords, values, "host", self->host);
  if (self->port != 0)
    {
      g_snprintf (buf, sizeof buf, "%u", self->port);
      add_param (keywords, values, "port", buf);
    }
  add_param (keywords, values, "dbname", self->dbname);
  add_param (keywords, values, "user", self->user);
  if (password != NULL && password[0] != '\0')
    add_param (keywords, values, "password", password);
  add_param (keywords, values, "sslmode", self->sslmode);
  add_param (keywords, values, "service", self->service);
  g_snprintf (buf, sizeof buf, "%u", self->connect_timeout);
  add_param (keywords, values, "connect_timeout", buf);

  extra = pf_connection_profile_dup_libpq_parameter_keywords (self);
  for (guint i = 0; extra[i]; i++)
    {
      if (g_str_equal (extra[i], "application_name") ||
          g_str_equal (extra[i], "options") ||
          g_str_equal (extra[i], "client_encoding"))
        continue;
      add_param (keywords, values, extra[i], g_hash_table_lookup (self->libpq_params, extra[i]));
    }

  /* A name the user chose for the session wins; otherwise DBAs see us in
   * pg_stat_activity as "preflight" */
  application_name = g_hash_table_lookup (self->libpq_params, "application_name");
  add_param (keywords, values, "application_name", application_name ? application_name : "preflight");

  /* Every transaction of the session is read-only, whatever else the user's
   * options ask for; ours come last so they win */
  user_options = g_hash_table_lookup (self->libpq_params, "options");
  if (user_options != NULL)
    options = g_strdup_printf ("%s -c default_transaction_read_only=on", user_options);
  else
    options = g_strdup ("-c default_transaction_read_only=on");
  add_param (keywords, values, "options", options);

  /* Identifiers and values reach us as UTF-8 whatever the server's encoding */
  add_param (keywords, values, "client_encoding", "UTF8");

  g_ptr_array_add (keywords, NULL);
  g_ptr_array_add (values, NULL);
}
