/* test-connection-profile.c — URLs, paths and what we refuse
 *
 * Copyright 2026 The Preflight authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>

#include "pf-engine.h"

static PfConnectionProfile *
parse_ok (const char  *target,
          char       **password)
{
  g_autoptr(GError) error = NULL;
  PfConnectionProfile *profile;

  profile = pf_connection_profile_new_from_target (target, password, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profile);

  return profile;
}

/* Parses to_url() again and checks nothing was lost */
static void
assert_round_trip (PfConnectionProfile *profile)
{
  g_autoptr(PfConnectionProfile) again = NULL;
  g_autofree char *url = pf_connection_profile_to_url (profile);
  g_autofree char *password = NULL;

  again = parse_ok (url, &password);
  g_assert_null (password);
  g_assert_cmpint (pf_connection_profile_get_kind (again), ==, pf_connection_profile_get_kind (profile));
  g_assert_cmpstr (pf_connection_profile_get_host (again), ==, pf_connection_profile_get_host (profile));
  g_assert_cmpuint (pf_connection_profile_get_port (again), ==, pf_connection_profile_get_port (profile));
  g_assert_cmpstr (pf_connection_profile_get_dbname (again), ==, pf_connection_profile_get_dbname (profile));
  g_assert_cmpstr (pf_connection_profile_get_user (again), ==, pf_connection_profile_get_user (profile));
  g_assert_cmpstr (pf_connection_profile_get_sslmode (again), ==, pf_connection_profile_get_sslmode (profile));
  g_assert_cmpstr (pf_connection_profile_get_service (again), ==, pf_connection_profile_get_service (profile));
  g_assert_cmpstr (pf_connection_profile_get_path (again), ==, pf_connection_profile_get_path (profile));
  g_assert_cmpuint (pf_connection_profile_get_connect_timeout (again), ==,
                    pf_connection_profile_get_connect_timeout (profile));

  {
    g_autofree char *url2 = pf_connection_profile_to_url (again);

    g_assert_cmpstr (url2, ==, url);
  }
}

static void
test_postgresql_full (void)
{
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autofree char *password = NULL;
  g_autofree char *location = NULL;
  g_autofree char *url = NULL;

  profile = parse_ok ("postgresql://rota:s3cr%40t%2Fx@db.example.org:5433/rota_prod"
                      "?sslmode=require&connect_timeout=5", &password);

  g_assert_cmpint (pf_connection_profile_get_kind (profile), ==, PF_DATABASE_KIND_POSTGRESQL);
  g_assert_cmpstr (password, ==, "s3cr@t/x");
  g_assert_cmpstr (pf_connection_profile_get_user (profile), ==, "rota");
  g_assert_cmpstr (pf_connection_profile_get_host (profile), ==, "db.example.org");
  g_assert_cmpuint (pf_connection_profile_get_port (profile), ==, 5433);
  g_assert_cmpstr (pf_connection_profile_get_dbname (profile), ==, "rota_prod");
  g_assert_cmpstr (pf_connection_profile_get_sslmode (profile), ==, "require");
  g_assert_cmpuint (pf_connection_profile_get_connect_timeout (profile), ==, 5);
  g_assert_null (pf_connection_profile_get_service (profile));
  g_assert_null (pf_connection_profile_get_path (profile));

  location = pf_connection_profile_dup_location (profile);
  g_assert_cmpstr (location, ==, "db.example.org:5433");

  url = pf_connection_profile_to_url (profile);
  g_assert_cmpstr (url, ==, "postgresql://rota@db.example.org:5433/rota_prod?sslmode=require&connect_timeout=5");
  g_assert_null (strstr (url, "s3cr"));
  assert_round_trip (profile);
}

static void
test_postgres_scheme_defaults (void)
{
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autofree char *password = NULL;
  g_autofree char *location = NULL;
  g_autofree char *url = NULL;

  profile = parse_ok ("postgres://localhost/rota", &password);
  g_assert_cmpint (pf_connection_profile_get_kind (profile), ==, PF_DATABASE_KIND_POSTGRESQL);
  g_assert_null (password);
  g_assert_cmpstr (pf_connection_profile_get_host (profile), ==, "localhost");
  g_assert_cmpuint (pf_connection_profile_get_port (profile), ==, 0);
  g_assert_cmpstr (pf_connection_profile_get_dbname (profile), ==, "rota");
  g_assert_null (pf_connection_profile_get_user (profile));
  g_assert_null (pf_connection_profile_get_sslmode (profile));
  g_assert_cmpuint (pf_connection_profile_get_connect_timeout (profile), ==,
                    PF_CONNECTION_PROFILE_DEFAULT_CONNECT_TIMEOUT);

  location = pf_connection_profile_dup_location (profile);
  g_assert_cmpstr (location, ==, "localhost:5432");
  url = pf_connection_profile_to_url (profile);
  g_assert_cmpstr (url, ==, "postgresql://localhost/rota");
  assert_round_trip (profile);
}

static void
test_postgresql_empty_host (void)
{
  g_autoptr(PfConnectionProfile) profile = parse_ok ("postgresql://", NULL);
  g_autofree char *location = pf_connection_profile_dup_location (profile);

  g_assert_null (pf_connection_profile_get_host (profile));
  g_assert_null (pf_connection_profile_get_dbname (profile));
  g_assert_cmpstr (location, ==, "localhost:5432");
  assert_round_trip (profile);
}

static void
test_postgresql_socket_dir (void)
{
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autofree char *location = NULL;
  g_autofree char *url = NULL;

  profile = parse_ok ("postgresql:///rota?host=/tmp/pg&port=5433&user=app", NULL);
  g_assert_cmpstr (pf_connection_profile_get_host (profile), ==, "/tmp/pg");
  g_assert_cmpuint (pf_connection_profile_get_port (profile), ==, 5433);
  g_assert_cmpstr (pf_connection_profile_get_user (profile), ==, "app");
  g_assert_cmpstr (pf_connection_profile_get_dbname (profile), ==, "rota");

  location = pf_connection_profile_dup_location (profile);
  g_assert_cmpstr (location, ==, "/tmp/pg:5433");

  /* The socket directory cannot live in the authority part */
  url = pf_connection_profile_to_url (profile);
  g_assert_cmpstr (url, ==, "postgresql://app@:5433/rota?host=%2Ftmp%2Fpg");
  assert_round_trip (profile);
}

static void
test_postgresql_percent_encoding (void)
{
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autofree char *password = NULL;

  profile = parse_ok ("postgresql://us%20er:p%3Aw%20d@h%2Dx/d%C3%A9b%20%22x%22", &password);
  g_assert_cmpstr (pf_connection_profile_get_user (profile), ==, "us er");
  g_assert_cmpstr (password, ==, "p:w d");
  g_assert_cmpstr (pf_connection_profile_get_host (profile), ==, "h-x");
  g_assert_cmpstr (pf_connection_profile_get_dbname (profile), ==, "déb \"x\"");
  assert_round_trip (profile);
}

static void
test_postgresql_ipv6_service_extras (void)
{
  g_autoptr(PfConnectionProfile) v6 = parse_ok ("postgresql://[::1]:5433/db", NULL);
  g_autoptr(PfConnectionProfile) service = parse_ok ("postgresql:///?service=rota-prod", NULL);
  g_autoptr(PfConnectionProfile) extras = NULL;
  g_autofree char *v6_location = pf_connection_profile_dup_location (v6);
  g_autofree char *service_location = pf_connection_profile_dup_location (service);
  g_auto(GStrv) keywords = NULL;

  g_assert_cmpstr (pf_connection_profile_get_host (v6), ==, "::1");
  g_assert_cmpstr (v6_location, ==, "[::1]:5433");
  assert_round_trip (v6);

  g_assert_cmpstr (pf_connection_profile_get_service (service), ==, "rota-prod");
  g_assert_cmpstr (service_location, ==, "service rota-prod");
  assert_round_trip (service);

  extras = parse_ok ("postgresql://h/d?target_session_attrs=read-write&application_name=nightly", NULL);
  keywords = pf_connection_profile_dup_libpq_parameter_keywords (extras);
  g_assert_cmpuint (g_strv_length (keywords), ==, 2);
  g_assert_cmpstr (keywords[0], ==, "application_name");
  g_assert_cmpstr (keywords[1], ==, "target_session_attrs");
  g_assert_cmpstr (pf_connection_profile_get_libpq_parameter (extras, "target_session_attrs"), ==, "read-write");
  assert_round_trip (extras);
}

static const char *
lookup_param (GPtrArray  *keywords,
              GPtrArray  *values,
              const char *keyword)
{
  const char *found = NULL;

  g_assert_null (g_ptr_array_index (keywords, keywords->len - 1));
  g_assert_null (g_ptr_array_index (values, values->len - 1));

  for (guint i = 0; i + 1 < keywords->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (keywords, i), keyword))
        {
          g_assert_null (found); /* never twice */
          found = g_ptr_array_index (values, i);
        }
    }

  return found;
}

static void
test_libpq_params (void)
{
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autoptr(GPtrArray) keywords = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keywords2 = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values2 = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *password = NULL;

  profile = parse_ok ("postgresql://rota:pw@db:5433/prod?sslmode=verify-full&hostaddr=10.0.0.1", &password);
  pf_connection_profile_build_libpq_params (profile, password, keywords, values);
  g_assert_cmpuint (keywords->len, ==, values->len);

  g_assert_cmpstr (lookup_param (keywords, values, "host"), ==, "db");
  g_assert_cmpstr (lookup_param (keywords, values, "hostaddr"), ==, "10.0.0.1");
  g_assert_cmpstr (lookup_param (keywords, values, "port"), ==, "5433");
  g_assert_cmpstr (lookup_param (keywords, values, "dbname"), ==, "prod");
  g_assert_cmpstr (lookup_param (keywords, values, "user"), ==, "rota");
  g_assert_cmpstr (lookup_param (keywords, values, "password"), ==, "pw");
  g_assert_cmpstr (lookup_param (keywords, values, "sslmode"), ==, "verify-full");
  g_assert_cmpstr (lookup_param (keywords, values, "connect_timeout"), ==, "10");
  g_assert_cmpstr (lookup_param (keywords, values, "application_name"), ==, "preflight");
  g_assert_cmpstr (lookup_param (keywords, values, "options"), ==, "-c default_transaction_read_only=on");
  g_assert_cmpstr (lookup_param (keywords, values, "client_encoding"), ==, "UTF8");
  g_assert_null (lookup_param (keywords, values, "service"));

  /* The user's own options are kept, and read-only still wins */
  g_clear_object (&profile);
  profile = parse_ok ("postgresql://db/prod?options=-c%20search_path%3Drota", NULL);
  pf_connection_profile_build_libpq_params (profile, NULL, keywords2, values2);
  g_assert_null (lookup_param (keywords2, values2, "password"));
  g_assert_cmpstr (lookup_param (keywords2, values2, "options"), ==,
                   "-c search_path=rota -c default_transaction_read_only=on");

  /* libpq itself accepts what we built */
  {
    g_autoptr(GString) conninfo = g_string_new (NULL);
    PQconninfoOption *options;
    char *errmsg = NULL;

    for (guint i = 0; g_ptr_array_index (keywords, i); i++)
      {
        g_autofree char *value = g_strescape (g_ptr_array_index (values, i), NULL);

        g_string_append_printf (conninfo, "%s='%s' ", (char *)g_ptr_array_index (keywords, i), value);
      }
    options = PQconninfoParse (conninfo->str, &errmsg);
    g_assert_null (errmsg);
    g_assert_nonnull (options);
    PQconninfoFree (options);
  }
}

static void
test_sqlite_urls (void)
{
  g_autoptr(PfConnectionProfile) three = parse_ok ("sqlite:///srv/rota/rota.db", NULL);
  g_autoptr(PfConnectionProfile) four = parse_ok ("sqlite:////srv/rota/rota.db", NULL);
  g_autoptr(PfConnectionProfile) spaced = parse_ok ("sqlite:///srv/my%20rota/na%C3%AFve%3F.db", NULL);
  g_autofree char *location = pf_connection_profile_dup_location (three);
  g_autofree char *url = pf_connection_profile_to_url (three);
  g_autofree char *spaced_url = pf_connection_profile_to_url (spaced);

  g_assert_cmpint (pf_connection_profile_get_kind (three), ==, PF_DATABASE_KIND_SQLITE);
  g_assert_cmpstr (pf_connection_profile_get_path (three), ==, "/srv/rota/rota.db");
  g_assert_cmpstr (pf_connection_profile_get_path (four), ==, "/srv/rota/rota.db");
  g_assert_null (pf_connection_profile_get_host (three));
  g_assert_cmpstr (location, ==, "rota.db");
  g_assert_cmpstr (url, ==, "sqlite:///srv/rota/rota.db");
  assert_round_trip (three);
  assert_round_trip (four);

  g_assert_cmpstr (pf_connection_profile_get_path (spaced), ==, "/srv/my rota/naïve?.db");
  g_assert_cmpstr (spaced_url, ==, "sqlite:///srv/my%20rota/naïve%3F.db");
  assert_round_trip (spaced);
}

static void
test_plain_paths (void)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *expected = g_build_filename (cwd, "data", "rota.db", NULL);
  g_autoptr(PfConnectionProfile) relative = parse_ok ("data/rota.db", NULL);
  g_autoptr(PfConnectionProfile) dotted = parse_ok ("./x/../data/rota.db", NULL);
  g_autoptr(PfConnectionProfile) absolute = parse_ok ("/var/lib/rota/db.sqlite3", NULL);
  g_autoptr(PfConnectionProfile) colon = parse_ok ("backup:2026.db", NULL);
  g_autofree char *location = pf_connection_profile_dup_location (absolute);

  g_assert_cmpint (pf_connection_profile_get_kind (relative), ==, PF_DATABASE_KIND_SQLITE);
  g_assert_cmpstr (pf_connection_profile_get_path (relative), ==, expected);
  g_assert_cmpstr (pf_connection_profile_get_path (dotted), ==, expected);
  g_assert_cmpstr (pf_connection_profile_get_path (absolute), ==, "/var/lib/rota/db.sqlite3");
  g_assert_cmpstr (location, ==, "db.sqlite3");
  g_assert_true (g_str_has_suffix (pf_connection_profile_get_path (colon), "/backup:2026.db"));
  assert_round_trip (relative);
}

static void
assert_invalid (const char *target,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfConnectionProfile) profile = NULL;
  char *password = (char *)"untouched";

  profile = pf_connection_profile_new_from_target (target, &password, &error);
  g_assert_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_INVALID_TARGET);
  g_assert_null (profile);
  g_assert_null (password);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_invalid_targets (void)
{
  assert_invalid ("ftp://x",
                  "“ftp://x” is not a database address: use postgresql://…, sqlite:///path or a file path");
  assert_invalid ("mysql://root:hunter2@db/rota",
                  "“mysql://root:••••@db/rota” is not a database address: "
                  "use postgresql://…, sqlite:///path or a file path");
  assert_invalid ("", "No database was given: use postgresql://…, sqlite:///path or a file path");
  assert_invalid ("postgresql://db:99999/rota",
                  "“postgresql://db:99999/rota” is not a valid PostgreSQL address: "
                  "the port “99999” is not a number from 1 to 65535");
  assert_invalid ("postgresql://u:pw@db/rota?frobnicate=1",
                  "“postgresql://u:••••@db/rota?frobnicate=1” is not a valid PostgreSQL address: "
                  "invalid URI query parameter: \"frobnicate\"");
  assert_invalid ("postgresql://a,b/rota",
                  "“postgresql://a,b/rota” lists several servers; Preflight connects to one at a time: "
                  "give a single host");
  assert_invalid ("postgresql://db/rota?sslmode=always",
                  "“postgresql://db/rota?sslmode=always” is not a valid PostgreSQL address: sslmode "
                  "“always” is not one of disable, allow, prefer, require, verify-ca or verify-full");
  assert_invalid ("postgresql://db/rota?connect_timeout=soon",
                  "“postgresql://db/rota?connect_timeout=soon” is not a valid PostgreSQL address: "
                  "connect_timeout “soon” is not a number of seconds");
  assert_invalid ("sqlite://server/rota.db",
                  "“sqlite://server/rota.db” is not a SQLite address: use sqlite:///absolute/path.db");
  assert_invalid ("sqlite:///rota.db?mode=rw",
                  "“sqlite:///rota.db?mode=rw” has options Preflight does not understand: "
                  "use sqlite:///absolute/path.db");
  assert_invalid ("sqlite:///",
                  "“sqlite:///” is not a SQLite address: use sqlite:///absolute/path.db");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr(PfConnectionProfile) profile = pf_connection_profile_new (PF_DATABASE_KIND_POSTGRESQL);
  g_autofree char *host = NULL;
  guint port = 0;
  guint n_host = 0;
  guint n_port = 0;
  PfDatabaseKind kind;

  g_signal_connect (profile, "notify::host", G_CALLBACK (count_notify), &n_host);
  g_signal_connect (profile, "notify::port", G_CALLBACK (count_notify), &n_port);

  pf_connection_profile_set_host (profile, "db");
  pf_connection_profile_set_host (profile, "db");
  g_object_set (profile, "port", 6543, NULL);
  g_object_set (profile, "port", 6543, NULL);
  g_assert_cmpuint (n_host, ==, 1);
  g_assert_cmpuint (n_port, ==, 1);

  g_object_get (profile, "host", &host, "port", &port, "kind", &kind, NULL);
  g_assert_cmpstr (host, ==, "db");
  g_assert_cmpuint (port, ==, 6543);
  g_assert_cmpint (kind, ==, PF_DATABASE_KIND_POSTGRESQL);

  /* "" means unset, as for libpq */
  pf_connection_profile_set_host (profile, "");
  g_assert_null (pf_connection_profile_get_host (profile));
  g_assert_cmpuint (n_host, ==, 2);

  {
    g_autoptr(GEnumClass) klass = g_type_class_ref (PF_TYPE_DATABASE_KIND);

    g_assert_cmpstr (g_enum_get_value (klass, PF_DATABASE_KIND_SQLITE)->value_nick, ==, "sqlite");
    g_assert_cmpstr (g_enum_get_value (klass, PF_DATABASE_KIND_POSTGRESQL)->value_nick, ==, "postgresql");
  }
}

/* Every documented form survives connections.json: to_json_node() and
 * back gives the same profile (and URL), and never the password */
static void
test_json_round_trip_of_urls (void)
{
  static const struct {
    const char *target;
    const char *password;
    const char *host;
    guint       port;
    const char *dbname;
    const char *path_suffix;
  } cases[] = {
    { "postgresql://u:p%40ss%3Aw%2Frd@h/db", "p@ss:w/rd", "h", 0, "db", NULL },
    { "postgresql://u@[::1]:5433/db", NULL, "::1", 5433, "db", NULL },
    { "postgresql://u:pw@[2001:db8::1]/rota", "pw", "2001:db8::1", 0, "rota", NULL },
    { "postgres://rota@db.example.org:6543/rota", NULL, "db.example.org", 6543, "rota", NULL },
    { "postgresql://u@h/db?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Froot.crt"
      "&sslcert=/c.crt&sslkey=/c.key&connect_timeout=7&application_name=rota%20ci",
      NULL, "h", 0, "db", NULL },
    { "postgresql:///db?service=rota-prod", NULL, NULL, 0, "db", NULL },
    { "postgresql://%2Fvar%2Frun%2Fpostgresql:5432/db", NULL, "/var/run/postgresql", 5432, "db", NULL },
    { "sqlite:///srv/data/rota.db", NULL, NULL, 0, NULL, "/srv/data/rota.db" },
    { "sqlite:////srv/data/rota.db", NULL, NULL, 0, NULL, "/srv/data/rota.db" },
    { "sqlite:///srv/data/rota%20copy.db", NULL, NULL, 0, NULL, "/srv/data/rota copy.db" },
    { "data/rota.db", NULL, NULL, 0, NULL, "/data/rota.db" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PfConnectionProfile) profile = NULL;
      g_autoptr(PfConnectionProfile) again = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *password = NULL;
      g_autofree char *json = NULL;
      g_autofree char *url = NULL;
      g_autofree char *url_again = NULL;
      g_auto(GStrv) keywords = NULL;
      g_auto(GStrv) keywords_again = NULL;

      g_test_message ("%s", cases[i].target);
      profile = parse_ok (cases[i].target, &password);
      g_assert_cmpstr (password, ==, cases[i].password);
      g_assert_cmpstr (pf_connection_profile_get_host (profile), ==, cases[i].host);
      g_assert_cmpuint (pf_connection_profile_get_port (profile), ==, cases[i].port);
      g_assert_cmpstr (pf_connection_profile_get_dbname (profile), ==, cases[i].dbname);
      if (cases[i].path_suffix != NULL)
        g_assert_true (g_str_has_suffix (pf_connection_profile_get_path (profile), cases[i].path_suffix));

      pf_connection_profile_set_name (profile, "Round trip");
      node = pf_connection_profile_to_json_node (profile);
      json_generator_set_root (generator, node);
      json = json_generator_to_data (generator, NULL);
      g_assert_null (strstr (json, "password\":\""));
      if (cases[i].password != NULL)
        g_assert_null (strstr (json, cases[i].password));

      again = pf_connection_profile_new_from_json_node (node, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (pf_connection_profile_get_id (again), ==, pf_connection_profile_get_id (profile));
      g_assert_cmpstr (pf_connection_profile_get_name (again), ==, "Round trip");
      g_assert_cmpint (pf_connection_profile_get_kind (again), ==, pf_connection_profile_get_kind (profile));
      g_assert_cmpstr (pf_connection_profile_get_service (again), ==, pf_connection_profile_get_service (profile));
      g_assert_cmpstr (pf_connection_profile_get_sslmode (again), ==, pf_connection_profile_get_sslmode (profile));
      g_assert_cmpuint (pf_connection_profile_get_connect_timeout (again), ==,
                        pf_connection_profile_get_connect_timeout (profile));
      keywords = pf_connection_profile_dup_libpq_parameter_keywords (profile);
      keywords_again = pf_connection_profile_dup_libpq_parameter_keywords (again);
      g_assert_cmpstrv (keywords, keywords_again);

      url = pf_connection_profile_to_url (profile);
      url_again = pf_connection_profile_to_url (again);
      g_assert_cmpstr (url_again, ==, url);
    }

  /* The query parameters arrived where they belong */
  {
    g_autoptr(PfConnectionProfile) profile = parse_ok (cases[4].target, NULL);

    g_assert_cmpstr (pf_connection_profile_get_sslmode (profile), ==, "verify-full");
    g_assert_cmpuint (pf_connection_profile_get_connect_timeout (profile), ==, 7);
    g_assert_cmpstr (pf_connection_profile_get_libpq_parameter (profile, "sslrootcert"), ==, "/etc/ssl/root.crt");
    g_assert_cmpstr (pf_connection_profile_get_libpq_parameter (profile, "sslcert"), ==, "/c.crt");
    g_assert_cmpstr (pf_connection_profile_get_libpq_parameter (profile, "sslkey"), ==, "/c.key");
    g_assert_cmpstr (pf_connection_profile_get_libpq_parameter (profile, "application_name"), ==, "rota ci");
  }
  {
    g_autoptr(PfConnectionProfile) profile = parse_ok (cases[5].target, NULL);

    g_assert_cmpstr (pf_connection_profile_get_service (profile), ==, "rota-prod");
  }

  /* Several hosts are refused, not half-kept */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PfConnectionProfile) profile = NULL;

    profile = pf_connection_profile_new_from_target ("postgresql://u@h1:5432,h2:5433/db", NULL, &error);
    g_assert_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_INVALID_TARGET);
    g_assert_null (profile);
  }
}

/* A password put in as a libpq parameter still never reaches the JSON */
static void
test_json_never_a_password (void)
{
  g_autoptr(PfConnectionProfile) profile = pf_connection_profile_new (PF_DATABASE_KIND_POSTGRESQL);
  g_autoptr(PfConnectionProfile) again = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  pf_connection_profile_set_libpq_parameter (profile, "password", "leaked");
  node = pf_connection_profile_to_json_node (profile);
  g_assert_false (json_object_has_member (json_object_get_object_member (json_node_get_object (node),
                                                                         "parameters"), "password"));

  /* … nor comes back from a hand-edited file */
  g_assert_true (json_parser_load_from_data (parser,
                                             "{\"id\": \"x\", \"kind\": \"postgresql\","
                                             " \"parameters\": {\"password\": \"leaked\"}}", -1, NULL));
  again = pf_connection_profile_new_from_json_node (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  g_assert_null (pf_connection_profile_get_libpq_parameter (again, "password"));
}

static PfMigrationReview *
new_review (const char *app,
            const char *name,
            const char *checksum,
            const char *reviewer,
            gint        day)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, day, 9, 30, 0);

  return pf_migration_review_new (app, name, checksum, reviewer, when);
}

static void
test_reviews (void)
{
  g_autoptr(PfConnectionProfile) profile = pf_connection_profile_new (PF_DATABASE_KIND_SQLITE);
  g_autoptr(PfConnectionProfile) copy = NULL;
  g_autoptr(PfMigrationReview) first = new_review ("scheduling", "0004_a", "c4", "Anna Kowalska", 20);
  g_autoptr(PfMigrationReview) second = new_review ("scheduling", "0005_b", "c5", "Ben Ode", 21);
  g_autoptr(PfMigrationReview) redone = new_review ("scheduling", "0004_a", "c4-edited", "Zoë Łukasiewicz", 22);
  g_autoptr(PfMigrationReview) same_as_redone = NULL;
  g_autoptr(GPtrArray) from_property = NULL;
  const PfMigrationReview *found;
  GPtrArray *reviews;
  guint n_notifies = 0;

  g_signal_connect (profile, "notify::reviews", G_CALLBACK (count_notify), &n_notifies);

  g_assert_null (pf_connection_profile_get_review (profile, "scheduling", "0004_a"));
  g_assert_null (pf_connection_profile_get_last_reviewer (profile));
  g_assert_cmpuint (pf_connection_profile_get_reviews (profile)->len, ==, 0);

  /* Set: kept as a copy */
  pf_connection_profile_set_review (profile, first);
  g_assert_cmpuint (n_notifies, ==, 1);
  found = pf_connection_profile_get_review (profile, "scheduling", "0004_a");
  g_assert_nonnull (found);
  g_assert_true (found != first);
  g_assert_cmpstr (found->checksum, ==, "c4");
  g_assert_cmpstr (found->reviewer, ==, "Anna Kowalska");
  g_assert_cmpstr (pf_connection_profile_get_last_reviewer (profile), ==, "Anna Kowalska");
  /* Other app, other name: not found */
  g_assert_null (pf_connection_profile_get_review (profile, "rota", "0004_a"));
  g_assert_null (pf_connection_profile_get_review (profile, "scheduling", "0004"));

  /* The very same review again is no change */
  pf_connection_profile_set_review (profile, first);
  g_assert_cmpuint (n_notifies, ==, 1);

  pf_connection_profile_set_review (profile, second);
  g_assert_cmpuint (n_notifies, ==, 2);
  g_assert_cmpstr (pf_connection_profile_get_last_reviewer (profile), ==, "Ben Ode");

  /* Replacing: still one per migration, and it becomes the newest */
  pf_connection_profile_set_review (profile, redone);
  g_assert_cmpuint (n_notifies, ==, 3);
  reviews = pf_connection_profile_get_reviews (profile);
  g_assert_cmpuint (reviews->len, ==, 2);
  g_assert_cmpstr (((PfMigrationReview *) g_ptr_array_index (reviews, 0))->name, ==, "0005_b");
  g_assert_cmpstr (((PfMigrationReview *) g_ptr_array_index (reviews, 1))->name, ==, "0004_a");
  found = pf_connection_profile_get_review (profile, "scheduling", "0004_a");
  g_assert_cmpstr (found->checksum, ==, "c4-edited");
  g_assert_cmpstr (pf_connection_profile_get_last_reviewer (profile), ==, "Zoë Łukasiewicz");

  /* An equal copy is no change either */
  same_as_redone = pf_migration_review_copy (redone);
  pf_connection_profile_set_review (profile, same_as_redone);
  g_assert_cmpuint (n_notifies, ==, 3);

  /* The property gives the same array */
  g_object_get (profile, "reviews", &from_property, NULL);
  g_assert_true (from_property == reviews);

  /* A duplicate points at another database: no reviews */
  copy = pf_connection_profile_duplicate (profile, "Rota staging");
  g_assert_cmpuint (pf_connection_profile_get_reviews (copy)->len, ==, 0);
  g_assert_null (pf_connection_profile_get_review (copy, "scheduling", "0005_b"));
  g_assert_null (pf_connection_profile_get_last_reviewer (copy));

  /* Clear: the newest left decides the last reviewer */
  g_assert_true (pf_connection_profile_clear_review (profile, "scheduling", "0004_a"));
  g_assert_cmpuint (n_notifies, ==, 4);
  g_assert_null (pf_connection_profile_get_review (profile, "scheduling", "0004_a"));
  g_assert_cmpstr (pf_connection_profile_get_last_reviewer (profile), ==, "Ben Ode");

  /* Clearing what is not there changes nothing */
  g_assert_false (pf_connection_profile_clear_review (profile, "scheduling", "0004_a"));
  g_assert_false (pf_connection_profile_clear_review (profile, "rota", "0005_b"));
  g_assert_cmpuint (n_notifies, ==, 4);

  g_assert_true (pf_connection_profile_clear_review (profile, "scheduling", "0005_b"));
  g_assert_cmpuint (n_notifies, ==, 5);
  g_assert_cmpuint (reviews->len, ==, 0);
  g_assert_null (pf_connection_profile_get_last_reviewer (profile));
}

/* Reviews survive connections.json, names in any script included */
static void
test_json_reviews (void)
{
  g_autoptr(PfConnectionProfile) profile = pf_connection_profile_new (PF_DATABASE_KIND_SQLITE);
  g_autoptr(PfConnectionProfile) again = NULL;
  g_autoptr(PfMigrationReview) first = new_review ("scheduling", "0004_a", "c4", "Anna Kowalska", 20);
  g_autoptr(PfMigrationReview) second = new_review ("scheduling", "0005_b", "c5", "Zoë Łukasiewicz", 21);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) reparsed_node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  GPtrArray *reviews;

  pf_connection_profile_set_path (profile, "/srv/data/rota.db");

  /* None: no member at all */
  node = pf_connection_profile_to_json_node (profile);
  g_assert_false (json_object_has_member (json_node_get_object (node), "reviews"));
  g_clear_pointer (&node, json_node_unref);

  pf_connection_profile_set_review (profile, first);
  pf_connection_profile_set_review (profile, second);
  node = pf_connection_profile_to_json_node (profile);
  json_generator_set_root (generator, node);
  json = json_generator_to_data (generator, NULL);
  g_assert_nonnull (strstr (json, "\"reviewer\":\"Zoë Łukasiewicz\""));
  g_assert_nonnull (strstr (json, "\"reviewed_at\":\"2026-11-21T09:30:00Z\""));

  /* Back from the text, as after a restart */
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  reparsed_node = json_parser_steal_root (parser);
  again = pf_connection_profile_new_from_json_node (reparsed_node, &error);
  g_assert_no_error (error);

  reviews = pf_connection_profile_get_reviews (again);
  g_assert_cmpuint (reviews->len, ==, 2);
  for (guint i = 0; i < reviews->len; i++)
    {
      const PfMigrationReview *a = g_ptr_array_index (pf_connection_profile_get_reviews (profile), i);
      const PfMigrationReview *b = g_ptr_array_index (reviews, i);

      g_assert_cmpstr (b->app, ==, a->app);
      g_assert_cmpstr (b->name, ==, a->name);
      g_assert_cmpstr (b->checksum, ==, a->checksum);
      g_assert_cmpstr (b->reviewer, ==, a->reviewer);
      g_assert_true (g_date_time_equal (b->reviewed_at, a->reviewed_at));
    }
  g_assert_cmpstr (pf_connection_profile_get_last_reviewer (again), ==, "Zoë Łukasiewicz");
  g_assert_cmpstr (pf_connection_profile_get_review (again, "scheduling", "0004_a")->reviewer, ==,
                   "Anna Kowalska");
}

static void
assert_bad_profile (const char *json,
                    const char *message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PfConnectionProfile) profile = NULL;

  g_test_message ("%s", json);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  profile = pf_connection_profile_new_from_json_node (json_parser_get_root (parser), &error);
  g_assert_null (profile);
  g_assert_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_INVALID_TARGET);
  g_assert_cmpstr (error->message, ==, message);
}

/* One bad review fails the whole connection, as bad rules do */
static void
test_json_bad_reviews (void)
{
  assert_bad_profile ("{\"id\": \"x\", \"kind\": \"sqlite\", \"reviews\": {}}",
                      "In a saved connection, “reviews” is missing or is not a list in square brackets.");
  assert_bad_profile ("{\"id\": \"x\", \"kind\": \"sqlite\", \"reviews\": [\"scheduling.0004_a\"]}",
                      "A migration review is not an object in curly braces.");
  assert_bad_profile ("{\"id\": \"x\", \"kind\": \"sqlite\", \"reviews\": ["
                      "{\"app\": \"s\", \"name\": \"0004_a\", \"checksum\": \"c4\", \"reviewer\": \"A\","
                      " \"reviewed_at\": \"2026-11-21T09:30:00Z\"},"
                      "{\"app\": \"s\", \"name\": \"0005_b\", \"reviewer\": \"A\","
                      " \"reviewed_at\": \"2026-11-21T09:30:00Z\"}]}",
                      "In a migration review, “checksum” is missing or is not a string.");
  assert_bad_profile ("{\"id\": \"x\", \"kind\": \"sqlite\", \"reviews\": ["
                      "{\"app\": \"s\", \"name\": \"0004_a\", \"checksum\": \"c4\", \"reviewer\": \"A\","
                      " \"reviewed_at\": 1795253400}]}",
                      "In a migration review, “reviewed_at” is missing or is not a date and time.");

  /* null and [] are no reviews */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(PfConnectionProfile) profile = NULL;

    g_assert_true (json_parser_load_from_data (parser, "{\"id\": \"x\", \"kind\": \"sqlite\", \"reviews\": []}",
                                               -1, NULL));
    profile = pf_connection_profile_new_from_json_node (json_parser_get_root (parser), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pf_connection_profile_get_reviews (profile)->len, ==, 0);
    g_clear_object (&profile);

    g_assert_true (json_parser_load_from_data (parser, "{\"id\": \"x\", \"kind\": \"sqlite\", \"reviews\": null}",
                                               -1, NULL));
    profile = pf_connection_profile_new_from_json_node (json_parser_get_root (parser), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pf_connection_profile_get_reviews (profile)->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/connection-profile/postgresql/full", test_postgresql_full);
  g_test_add_func ("/connection-profile/postgresql/postgres-scheme", test_postgres_scheme_defaults);
  g_test_add_func ("/connection-profile/postgresql/empty-host", test_postgresql_empty_host);
  g_test_add_func ("/connection-profile/postgresql/socket-dir", test_postgresql_socket_dir);
  g_test_add_func ("/connection-profile/postgresql/percent-encoding", test_postgresql_percent_encoding);
  g_test_add_func ("/connection-profile/postgresql/ipv6-service-extras", test_postgresql_ipv6_service_extras);
  g_test_add_func ("/connection-profile/postgresql/libpq-params", test_libpq_params);
  g_test_add_func ("/connection-profile/sqlite/urls", test_sqlite_urls);
  g_test_add_func ("/connection-profile/sqlite/plain-paths", test_plain_paths);
  g_test_add_func ("/connection-profile/invalid", test_invalid_targets);
  g_test_add_func ("/connection-profile/properties", test_properties);
  g_test_add_func ("/connection-profile/json/round-trip-of-urls", test_json_round_trip_of_urls);
  g_test_add_func ("/connection-profile/json/never-a-password", test_json_never_a_password);
  g_test_add_func ("/connection-profile/reviews", test_reviews);
  g_test_add_func ("/connection-profile/json/reviews", test_json_reviews);
  g_test_add_func ("/connection-profile/json/bad-reviews", test_json_bad_reviews);

  return g_test_run ();
}
