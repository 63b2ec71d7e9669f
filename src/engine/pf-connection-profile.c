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
#include "pf-json-member.h"
#include "pf-report.h"

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

  /* What a saved connection adds */
  char           *id;
  char           *name;            /* NULL: the location */
  char           *default_name;    /* the location, kept for get_name() */
  PfEnvironment   environment;
  char           *project_dir;
  PfRules        *rules;
  gboolean        remember_password;
  GPtrArray      *reviews;         /* PfMigrationReview, oldest first */

  /* The last check */
  char           *last_verdict;
  GDateTime      *last_checked;
  guint           last_n_blockers;
  guint           last_n_warnings;
  guint           last_n_info;
  gboolean        last_complete;
};

G_DEFINE_FINAL_TYPE (PfConnectionProfile, pf_connection_profile, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PfDatabaseKind, pf_database_kind,
                    G_DEFINE_ENUM_VALUE (PF_DATABASE_KIND_SQLITE, "sqlite"),
                    G_DEFINE_ENUM_VALUE (PF_DATABASE_KIND_POSTGRESQL, "postgresql"))

G_DEFINE_ENUM_TYPE (PfEnvironment, pf_environment,
                    G_DEFINE_ENUM_VALUE (PF_ENVIRONMENT_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (PF_ENVIRONMENT_DEVELOPMENT, "development"),
                    G_DEFINE_ENUM_VALUE (PF_ENVIRONMENT_STAGING, "staging"),
                    G_DEFINE_ENUM_VALUE (PF_ENVIRONMENT_PRODUCTION, "production"))

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
  PROP_ID,
  PROP_NAME,
  PROP_ENVIRONMENT,
  PROP_PROJECT_DIR,
  PROP_REMEMBER_PASSWORD,
  PROP_RULES,
  PROP_LAST_VERDICT,
  PROP_LAST_CHECKED,
  PROP_LAST_N_BLOCKERS,
  PROP_LAST_N_WARNINGS,
  PROP_LAST_N_INFO,
  PROP_LAST_COMPLETE,
  PROP_REVIEWS,
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

  /* An unnamed connection is called after where it points */
  if (self->name == NULL &&
      (prop_id == PROP_HOST || prop_id == PROP_SERVICE || prop_id == PROP_PATH))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);

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
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->default_name, g_free);
  g_clear_pointer (&self->project_dir, g_free);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->last_verdict, g_free);
  g_clear_pointer (&self->last_checked, g_date_time_unref);

  G_OBJECT_CLASS (pf_connection_profile_parent_class)->finalize (object);
}

static void
pf_connection_profile_constructed (GObject *object)
{
  PfConnectionProfile *self = (PfConnectionProfile *)object;

  G_OBJECT_CLASS (pf_connection_profile_parent_class)->constructed (object);

  if (self->id == NULL || self->id[0] == '\0')
    {
      g_free (self->id);
      self->id = g_uuid_string_random ();
    }
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

    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, pf_connection_profile_get_name (self));
      break;

    case PROP_ENVIRONMENT:
      g_value_set_enum (value, self->environment);
      break;

    case PROP_PROJECT_DIR:
      g_value_set_string (value, self->project_dir);
      break;

    case PROP_REMEMBER_PASSWORD:
      g_value_set_boolean (value, self->remember_password);
      break;

    case PROP_RULES:
      g_value_set_object (value, self->rules);
      break;

    case PROP_LAST_VERDICT:
      g_value_set_string (value, self->last_verdict);
      break;

    case PROP_LAST_CHECKED:
      g_value_set_boxed (value, self->last_checked);
      break;

    case PROP_LAST_N_BLOCKERS:
      g_value_set_uint (value, self->last_n_blockers);
      break;

    case PROP_LAST_N_WARNINGS:
      g_value_set_uint (value, self->last_n_warnings);
      break;

    case PROP_LAST_N_INFO:
      g_value_set_uint (value, self->last_n_info);
      break;

    case PROP_LAST_COMPLETE:
      g_value_set_boolean (value, self->last_complete);
      break;

    case PROP_REVIEWS:
      g_value_set_boxed (value, self->reviews);
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

    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      pf_connection_profile_set_name (self, g_value_get_string (value));
      break;

    case PROP_ENVIRONMENT:
      pf_connection_profile_set_environment (self, g_value_get_enum (value));
      break;

    case PROP_PROJECT_DIR:
      pf_connection_profile_set_project_dir (self, g_value_get_string (value));
      break;

    case PROP_REMEMBER_PASSWORD:
      pf_connection_profile_set_remember_password (self, g_value_get_boolean (value));
      break;

    case PROP_RULES:
      pf_connection_profile_set_rules (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_connection_profile_class_init (PfConnectionProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pf_connection_profile_constructed;
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

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ENVIRONMENT] =
    g_param_spec_enum ("environment", NULL, NULL,
                       PF_TYPE_ENVIRONMENT,
                       PF_ENVIRONMENT_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROJECT_DIR] =
    g_param_spec_string ("project-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REMEMBER_PASSWORD] =
    g_param_spec_boolean ("remember-password", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RULES] =
    g_param_spec_object ("rules", NULL, NULL,
                         PF_TYPE_RULES,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_VERDICT] =
    g_param_spec_string ("last-verdict", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_CHECKED] =
    g_param_spec_boxed ("last-checked", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_N_BLOCKERS] =
    g_param_spec_uint ("last-n-blockers", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_N_WARNINGS] =
    g_param_spec_uint ("last-n-warnings", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_N_INFO] =
    g_param_spec_uint ("last-n-info", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_COMPLETE] =
    g_param_spec_boolean ("last-complete", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* Element type PfMigrationReview; notified when one is set or cleared */
  properties[PROP_REVIEWS] =
    g_param_spec_boxed ("reviews", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_connection_profile_init (PfConnectionProfile *self)
{
  self->connect_timeout = PF_CONNECTION_PROFILE_DEFAULT_CONNECT_TIMEOUT;
  self->libpq_params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) pf_migration_review_free);
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
      if (self->name == NULL)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
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

/* ------------------------------------------------ a saved connection -- */

const char *
pf_environment_to_string (PfEnvironment environment)
{
  switch (environment)
    {
    case PF_ENVIRONMENT_DEVELOPMENT:
      return "development";
    case PF_ENVIRONMENT_STAGING:
      return "staging";
    case PF_ENVIRONMENT_PRODUCTION:
      return "production";
    case PF_ENVIRONMENT_NONE:
    default:
      return "none";
    }
}

gboolean
pf_environment_from_string (const char    *string,
                            PfEnvironment *out_environment)
{
  static const PfEnvironment all[] = {
    PF_ENVIRONMENT_NONE, PF_ENVIRONMENT_DEVELOPMENT,
    PF_ENVIRONMENT_STAGING, PF_ENVIRONMENT_PRODUCTION,
  };

  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (all); i++)
    if (g_str_equal (string, pf_environment_to_string (all[i])))
      {
        if (out_environment != NULL)
          *out_environment = all[i];
        return TRUE;
      }

  return FALSE;
}

const char *
pf_environment_to_label (PfEnvironment environment)
{
  switch (environment)
    {
    case PF_ENVIRONMENT_DEVELOPMENT:
      /* TRANSLATORS: the badge of a connection to a development database */
      return _("Development");
    case PF_ENVIRONMENT_STAGING:
      /* TRANSLATORS: the badge of a connection to a staging (test) database */
      return _("Staging");
    case PF_ENVIRONMENT_PRODUCTION:
      /* TRANSLATORS: the badge of a connection to the live database */
      return _("Production");
    case PF_ENVIRONMENT_NONE:
    default:
      return NULL;
    }
}

PfConnectionProfile *
pf_connection_profile_new_with_id (PfDatabaseKind  kind,
                                   const char     *id)
{
  return g_object_new (PF_TYPE_CONNECTION_PROFILE,
                       "kind", kind,
                       "id", id,
                       NULL);
}

const char *
pf_connection_profile_get_id (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  return self->id;
}

const char *
pf_connection_profile_get_name (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  if (self->name != NULL)
    return self->name;

  /* Kept while the location stays the same, so the pointer stays valid
   * like a field's across calls */
  {
    g_autofree char *location = pf_connection_profile_dup_location (self);

    if (g_strcmp0 (location, self->default_name) != 0)
      {
        g_free (self->default_name);
        self->default_name = g_steal_pointer (&location);
      }
  }

  return self->default_name;
}

void
pf_connection_profile_set_name (PfConnectionProfile *self,
                                const char          *name)
{
  g_autofree char *before = NULL;

  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));

  if (name != NULL && name[0] == '\0')
    name = NULL;

  if (g_strcmp0 (self->name, name) == 0)
    return;

  /* Naming it what it was already called by default changes nothing seen */
  before = g_strdup (pf_connection_profile_get_name (self));
  g_free (self->name);
  self->name = g_strdup (name);
  if (g_strcmp0 (before, pf_connection_profile_get_name (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

PfEnvironment
pf_connection_profile_get_environment (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), PF_ENVIRONMENT_NONE);

  return self->environment;
}

void
pf_connection_profile_set_environment (PfConnectionProfile *self,
                                       PfEnvironment        environment)
{
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));
  g_return_if_fail (environment <= PF_ENVIRONMENT_PRODUCTION);

  if (self->environment != environment)
    {
      self->environment = environment;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENVIRONMENT]);
    }
}

const char *
pf_connection_profile_get_project_dir (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  return self->project_dir;
}

void
pf_connection_profile_set_project_dir (PfConnectionProfile *self,
                                       const char          *project_dir)
{
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));

  set_string (self, &self->project_dir, project_dir, PROP_PROJECT_DIR);
}

gboolean
pf_connection_profile_get_remember_password (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), FALSE);

  return self->remember_password;
}

void
pf_connection_profile_set_remember_password (PfConnectionProfile *self,
                                             gboolean             remember)
{
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));

  remember = !!remember;
  if (self->remember_password != remember)
    {
      self->remember_password = remember;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMEMBER_PASSWORD]);
    }
}

PfRules *
pf_connection_profile_get_rules (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  return self->rules;
}

void
pf_connection_profile_set_rules (PfConnectionProfile *self,
                                 PfRules             *rules)
{
  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));
  g_return_if_fail (rules == NULL || PF_IS_RULES (rules));

  if (g_set_object (&self->rules, rules))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RULES]);
}

const char *
pf_connection_profile_get_last_verdict (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  return self->last_verdict;
}

GDateTime *
pf_connection_profile_get_last_checked (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  return self->last_checked;
}

guint
pf_connection_profile_get_last_n_blockers (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), 0);

  return self->last_n_blockers;
}

guint
pf_connection_profile_get_last_n_warnings (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), 0);

  return self->last_n_warnings;
}

guint
pf_connection_profile_get_last_n_info (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), 0);

  return self->last_n_info;
}

gboolean
pf_connection_profile_get_last_complete (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), FALSE);

  return self->last_complete;
}

static void
set_uint (PfConnectionProfile *self,
          guint               *field,
          guint                value,
          guint                prop_id)
{
  if (*field != value)
    {
      *field = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
    }
}

static void
set_boolean (PfConnectionProfile *self,
             gboolean            *field,
             gboolean             value,
             guint                prop_id)
{
  value = !!value;
  if (*field != value)
    {
      *field = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
    }
}

/* One place for the last check, whether it comes from a report or a file */
static void
set_last_check (PfConnectionProfile *self,
                const char          *verdict,
                GDateTime           *checked,
                guint                n_blockers,
                guint                n_warnings,
                guint                n_info,
                gboolean             complete)
{
  gboolean same_time;

  g_object_freeze_notify (G_OBJECT (self));

  set_string (self, &self->last_verdict, verdict, PROP_LAST_VERDICT);

  same_time = (checked == NULL && self->last_checked == NULL) ||
              (checked != NULL && self->last_checked != NULL &&
               g_date_time_equal (checked, self->last_checked));
  if (!same_time)
    {
      g_clear_pointer (&self->last_checked, g_date_time_unref);
      self->last_checked = checked ? g_date_time_ref (checked) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CHECKED]);
    }

  set_uint (self, &self->last_n_blockers, n_blockers, PROP_LAST_N_BLOCKERS);
  set_uint (self, &self->last_n_warnings, n_warnings, PROP_LAST_N_WARNINGS);
  set_uint (self, &self->last_n_info, n_info, PROP_LAST_N_INFO);
  set_boolean (self, &self->last_complete, complete, PROP_LAST_COMPLETE);

  g_object_thaw_notify (G_OBJECT (self));
}

void
pf_connection_profile_record_report (PfConnectionProfile *self,
                                     PfReport            *report)
{
  g_autoptr(GDateTime) now = NULL;
  GDateTime *checked;

  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));
  g_return_if_fail (PF_IS_REPORT (report));

  checked = pf_report_get_generated_at (report);
  if (checked == NULL)
    checked = now = g_date_time_new_now_utc ();

  set_last_check (self,
                  pf_verdict_to_string (pf_report_get_verdict (report)),
                  checked,
                  pf_report_count (report, PF_SEVERITY_BLOCKER),
                  pf_report_count (report, PF_SEVERITY_WARNING),
                  pf_report_count (report, PF_SEVERITY_INFO),
                  pf_report_get_complete (report));
}

/* ------------------------------------------------------- Reviews -- */

static gboolean
find_review (PfConnectionProfile *self,
             const char          *app,
             const char          *name,
             guint               *out_index)
{
  for (guint i = 0; i < self->reviews->len; i++)
    {
      const PfMigrationReview *review = g_ptr_array_index (self->reviews, i);

      if (g_strcmp0 (review->app, app) == 0 && g_strcmp0 (review->name, name) == 0)
        {
          *out_index = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
review_equal (const PfMigrationReview *a,
              const PfMigrationReview *b)
{
  return g_strcmp0 (a->app, b->app) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->checksum, b->checksum) == 0 &&
         g_strcmp0 (a->reviewer, b->reviewer) == 0 &&
         ((a->reviewed_at == NULL && b->reviewed_at == NULL) ||
          (a->reviewed_at != NULL && b->reviewed_at != NULL &&
           g_date_time_equal (a->reviewed_at, b->reviewed_at)));
}

const PfMigrationReview *
pf_connection_profile_get_review (PfConnectionProfile *self,
                                  const char          *app,
                                  const char          *name)
{
  guint i;

  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);
  g_return_val_if_fail (app != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!find_review (self, app, name, &i))
    return NULL;

  return g_ptr_array_index (self->reviews, i);
}

void
pf_connection_profile_set_review (PfConnectionProfile     *self,
                                  const PfMigrationReview *review)
{
  guint i;

  g_return_if_fail (PF_IS_CONNECTION_PROFILE (self));
  g_return_if_fail (review != NULL);
  g_return_if_fail (review->app != NULL && review->name != NULL);

  if (find_review (self, review->app, review->name, &i))
    {
      /* The very same review again changes nothing, not even the order */
      if (review_equal (g_ptr_array_index (self->reviews, i), review))
        return;
      g_ptr_array_remove_index (self->reviews, i);
    }

  /* The newest is last: get_last_reviewer() reads it */
  g_ptr_array_add (self->reviews, pf_migration_review_copy (review));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEWS]);
}

gboolean
pf_connection_profile_clear_review (PfConnectionProfile *self,
                                    const char          *app,
                                    const char          *name)
{
  guint i;

  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), FALSE);
  g_return_val_if_fail (app != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!find_review (self, app, name, &i))
    return FALSE;

  g_ptr_array_remove_index (self->reviews, i);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEWS]);

  return TRUE;
}

GPtrArray *
pf_connection_profile_get_reviews (PfConnectionProfile *self)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  return self->reviews;
}

const char *
pf_connection_profile_get_last_reviewer (PfConnectionProfile *self)
{
  const PfMigrationReview *newest;

  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  if (self->reviews->len == 0)
    return NULL;

  newest = g_ptr_array_index (self->reviews, self->reviews->len - 1);
  if (newest->reviewer == NULL || newest->reviewer[0] == '\0')
    return NULL;

  return newest->reviewer;
}

/* Everything but the id, the last check and the reviews */
static void
copy_settings (PfConnectionProfile *self,
               PfConnectionProfile *copy)
{
  GHashTableIter iter;
  gpointer key, value;

  pf_connection_profile_set_host (copy, self->host);
  pf_connection_profile_set_port (copy, self->port);
  pf_connection_profile_set_dbname (copy, self->dbname);
  pf_connection_profile_set_user (copy, self->user);
  pf_connection_profile_set_sslmode (copy, self->sslmode);
  pf_connection_profile_set_service (copy, self->service);
  pf_connection_profile_set_connect_timeout (copy, self->connect_timeout);
  pf_connection_profile_set_path (copy, self->path);

  g_hash_table_iter_init (&iter, self->libpq_params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    pf_connection_profile_set_libpq_parameter (copy, key, value);

  pf_connection_profile_set_name (copy, self->name);
  pf_connection_profile_set_environment (copy, self->environment);
  pf_connection_profile_set_project_dir (copy, self->project_dir);
  pf_connection_profile_set_remember_password (copy, self->remember_password);

  /* Rules can be added to in place: the copy gets its own */
  if (self->rules != NULL)
    {
      g_autoptr(JsonNode) node = pf_rules_to_json_node (self->rules);
      g_autoptr(PfRules) rules = pf_rules_new_from_json_node (node, NULL);

      g_warn_if_fail (rules != NULL);
      pf_connection_profile_set_rules (copy, rules);
    }
}

PfConnectionProfile *
pf_connection_profile_duplicate (PfConnectionProfile *self,
                                 const char          *name)
{
  PfConnectionProfile *copy;

  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  /* Reviews are not copied: they are of the migrations as they stand
   * against this connection's database, and a duplicate is usually made
   * to point at another one (staging → production) */
  copy = pf_connection_profile_new (self->kind);
  copy_settings (self, copy);
  pf_connection_profile_set_name (copy, name);

  return copy;
}

/* ----------------------------------------------------------- JSON -- */

/* Never written, never read: passwords live in the keyring only */
static gboolean
is_secret_keyword (const char *keyword)
{
  return g_str_equal (keyword, "password");
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

JsonNode *
pf_connection_profile_to_json_node (PfConnectionProfile *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (self), NULL);

  json_builder_begin_object (builder);
  add_string_member (builder, "id", self->id);
  add_string_member (builder, "name", self->name);
  add_string_member (builder, "kind",
                     self->kind == PF_DATABASE_KIND_POSTGRESQL ? "postgresql" : "sqlite");
  add_string_member (builder, "environment", pf_environment_to_string (self->environment));

  if (self->kind == PF_DATABASE_KIND_POSTGRESQL)
    {
      g_auto(GStrv) keywords = pf_connection_profile_dup_libpq_parameter_keywords (self);

      add_string_member (builder, "host", self->host);
      if (self->port != 0)
        {
          json_builder_set_member_name (builder, "port");
          json_builder_add_int_value (builder, self->port);
        }
      add_string_member (builder, "dbname", self->dbname);
      add_string_member (builder, "user", self->user);
      add_string_member (builder, "sslmode", self->sslmode);
      add_string_member (builder, "service", self->service);
      json_builder_set_member_name (builder, "connect_timeout");
      json_builder_add_int_value (builder, self->connect_timeout);

      json_builder_set_member_name (builder, "parameters");
      json_builder_begin_object (builder);
      for (guint i = 0; keywords[i] != NULL; i++)
        if (!is_secret_keyword (keywords[i]))
          add_string_member (builder, keywords[i],
                             g_hash_table_lookup (self->libpq_params, keywords[i]));
      json_builder_end_object (builder);
    }
  else
    add_string_member (builder, "path", self->path);

  add_string_member (builder, "project_dir", self->project_dir);
  json_builder_set_member_name (builder, "remember_password");
  json_builder_add_boolean_value (builder, self->remember_password);

  if (self->rules != NULL && !pf_rules_is_empty (self->rules))
    {
      json_builder_set_member_name (builder, "rules");
      json_builder_add_value (builder, pf_rules_to_json_node (self->rules));
    }

  if (self->reviews->len > 0)
    {
      json_builder_set_member_name (builder, "reviews");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->reviews->len; i++)
        json_builder_add_value (builder,
                                pf_migration_review_to_json_node (g_ptr_array_index (self->reviews, i)));
      json_builder_end_array (builder);
    }

  if (self->last_verdict != NULL)
    {
      json_builder_set_member_name (builder, "last_check");
      json_builder_begin_object (builder);
      add_string_member (builder, "verdict", self->last_verdict);
      if (self->last_checked != NULL)
        {
          g_autofree char *when = g_date_time_format_iso8601 (self->last_checked);

          add_string_member (builder, "checked_at", when);
        }
      json_builder_set_member_name (builder, "blockers");
      json_builder_add_int_value (builder, self->last_n_blockers);
      json_builder_set_member_name (builder, "warnings");
      json_builder_add_int_value (builder, self->last_n_warnings);
      json_builder_set_member_name (builder, "info");
      json_builder_add_int_value (builder, self->last_n_info);
      json_builder_set_member_name (builder, "complete");
      json_builder_add_boolean_value (builder, self->last_complete);
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
read_last_check (PfConnectionProfile  *self,
                 JsonNode             *node,
                 GError              **error)
{
  g_autoptr(GDateTime) checked = NULL;
  JsonObject *object;
  const char *verdict;
  guint n_blockers, n_warnings, n_info;
  gboolean complete;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!pf_json_member_node_get_object (node, "last_check", &object, error))
    return FALSE;

  if (!pf_json_member_get_string (object, "verdict", PF_JSON_MEMBER_OPTIONAL, &verdict, error) ||
      !pf_json_member_get_time (object, "checked_at", PF_JSON_MEMBER_OPTIONAL, &checked, error) ||
      !pf_json_member_get_uint (object, "blockers", PF_JSON_MEMBER_OPTIONAL, G_MAXUINT, 0, &n_blockers, error) ||
      !pf_json_member_get_uint (object, "warnings", PF_JSON_MEMBER_OPTIONAL, G_MAXUINT, 0, &n_warnings, error) ||
      !pf_json_member_get_uint (object, "info", PF_JSON_MEMBER_OPTIONAL, G_MAXUINT, 0, &n_info, error) ||
      !pf_json_member_get_boolean (object, "complete", PF_JSON_MEMBER_OPTIONAL, FALSE, &complete, error))
    return FALSE;

  set_last_check (self, verdict, checked, n_blockers, n_warnings, n_info, complete);

  return TRUE;
}

static PfConnectionProfile *
read_json_node (JsonNode  *node,
                GError   **error)
{
  g_autoptr(PfConnectionProfile) self = NULL;
  JsonObject *object;
  JsonArray *reviews;
  JsonNode *member;
  const char *id, *kind, *name, *environment, *project_dir;
  const char *host, *dbname, *user, *sslmode, *service, *path;
  guint port, connect_timeout;
  gboolean remember;
  PfEnvironment env = PF_ENVIRONMENT_NONE;
  PfDatabaseKind database_kind;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_INVALID_TARGET,
                           _("A saved connection is not an object in curly braces."));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!pf_json_member_get_string (object, "id", PF_JSON_MEMBER_NOT_EMPTY, &id, error) ||
      !pf_json_member_get_string (object, "kind", PF_JSON_MEMBER_OPTIONAL, &kind, error))
    return NULL;
  if (g_strcmp0 (kind, "postgresql") == 0)
    database_kind = PF_DATABASE_KIND_POSTGRESQL;
  else if (g_strcmp0 (kind, "sqlite") == 0)
    database_kind = PF_DATABASE_KIND_SQLITE;
  else
    {
      pf_json_member_set_error (error, "kind", "“postgresql” or “sqlite”");
      return NULL;
    }

  if (!pf_json_member_get_string (object, "name", PF_JSON_MEMBER_OPTIONAL, &name, error) ||
      !pf_json_member_get_string (object, "environment", PF_JSON_MEMBER_OPTIONAL, &environment, error) ||
      !pf_json_member_get_string (object, "project_dir", PF_JSON_MEMBER_OPTIONAL, &project_dir, error) ||
      !pf_json_member_get_string (object, "host", PF_JSON_MEMBER_OPTIONAL, &host, error) ||
      !pf_json_member_get_uint (object, "port", PF_JSON_MEMBER_OPTIONAL, G_MAXUINT16, 0, &port, error) ||
      !pf_json_member_get_string (object, "dbname", PF_JSON_MEMBER_OPTIONAL, &dbname, error) ||
      !pf_json_member_get_string (object, "user", PF_JSON_MEMBER_OPTIONAL, &user, error) ||
      !pf_json_member_get_string (object, "sslmode", PF_JSON_MEMBER_OPTIONAL, &sslmode, error) ||
      !pf_json_member_get_string (object, "service", PF_JSON_MEMBER_OPTIONAL, &service, error) ||
      !pf_json_member_get_uint (object, "connect_timeout", PF_JSON_MEMBER_OPTIONAL, G_MAXINT,
                          PF_CONNECTION_PROFILE_DEFAULT_CONNECT_TIMEOUT, &connect_timeout, error) ||
      !pf_json_member_get_string (object, "path", PF_JSON_MEMBER_OPTIONAL, &path, error) ||
      !pf_json_member_get_boolean (object, "remember_password", PF_JSON_MEMBER_OPTIONAL, FALSE, &remember, error))
    return NULL;

  if (environment != NULL && !pf_environment_from_string (environment, &env))
    {
      pf_json_member_set_error (error, "environment",
                      "“none”, “development”, “staging” or “production”");
      return NULL;
    }
  if (sslmode != NULL && !g_strv_contains (sslmodes, sslmode))
    {
      pf_json_member_set_error (error, "sslmode",
                      "disable, allow, prefer, require, verify-ca or verify-full");
      return NULL;
    }

  self = pf_connection_profile_new_with_id (database_kind, id);
  pf_connection_profile_set_name (self, name);
  pf_connection_profile_set_environment (self, env);
  pf_connection_profile_set_project_dir (self, project_dir);
  pf_connection_profile_set_host (self, host);
  pf_connection_profile_set_port (self, port);
  pf_connection_profile_set_dbname (self, dbname);
  pf_connection_profile_set_user (self, user);
  pf_connection_profile_set_sslmode (self, sslmode);
  pf_connection_profile_set_service (self, service);
  pf_connection_profile_set_connect_timeout (self, connect_timeout);
  pf_connection_profile_set_path (self, path);
  pf_connection_profile_set_remember_password (self, remember);

  member = json_object_get_member (object, "parameters");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      g_autoptr(GList) keys = NULL;
      JsonObject *parameters;

      if (!pf_json_member_node_get_object (member, "parameters", &parameters, error))
        return NULL;
      keys = json_object_get_members (parameters);
      for (const GList *l = keys; l != NULL; l = l->next)
        {
          const char *value;

          if (!pf_json_member_get_string (parameters, l->data, PF_JSON_MEMBER_OPTIONAL, &value, error))
            return NULL;
          if (!is_secret_keyword (l->data))
            pf_connection_profile_set_libpq_parameter (self, l->data, value);
        }
    }

  member = json_object_get_member (object, "rules");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      g_autoptr(PfRules) rules = pf_rules_new_from_json_node (member, error);

      if (rules == NULL)
        return NULL;
      pf_connection_profile_set_rules (self, rules);
    }

  /* As with the rules, one bad review fails the whole connection: the
   * store then moves the file aside rather than dropping a sign-off */
  if (!pf_json_member_get_array (object, "reviews", PF_JSON_MEMBER_OPTIONAL, &reviews, error))
    return NULL;
  if (reviews != NULL)
    {
      for (guint i = 0; i < json_array_get_length (reviews); i++)
        {
          g_autoptr(PfMigrationReview) review =
            pf_migration_review_new_from_json_node (json_array_get_element (reviews, i), error);

          if (review == NULL)
            return NULL;
          pf_connection_profile_set_review (self, review);
        }
    }

  if (!read_last_check (self, json_object_get_member (object, "last_check"), error))
    return NULL;

  return g_steal_pointer (&self);
}

PfConnectionProfile *
pf_connection_profile_new_from_json_node (JsonNode  *node,
                                          GError   **error)
{
  PfConnectionProfile *self;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = read_json_node (node, error);
  if (self == NULL)
    pf_json_member_error_rewrap (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_INVALID_TARGET,
                                 /* TRANSLATORS: about connections.json; a sentence such as
                                  * ““kind” is missing or is not a string.” follows */
                                 _("In a saved connection, "));
  return self;
}
