/* pf-cli-connections.c — preflight-cli connections list|add|remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-cli-connections"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pf-cli-connections.h"
#include "pf-cli-table.h"

/* The store, loaded; says so on stderr when a corrupt file was moved aside */
static PfProfileStore *
load_store (GError **error)
{
  g_autoptr(PfProfileStore) store = pf_profile_store_new (NULL);
  g_autofree char *moved_to = NULL;

  if (!pf_profile_store_load (store, &moved_to, error))
    return NULL;

  if (moved_to != NULL)
    {
      g_autofree char *name = g_filename_display_name (moved_to);

      pf_cli_printerr (_("The saved connections could not be read, so the file was moved "
                         "aside to “%s” and Preflight starts with none."), name);
    }

  return g_steal_pointer (&store);
}

static char *
dup_last_check (PfConnectionProfile *profile)
{
  GDateTime *checked = pf_connection_profile_get_last_checked (profile);
  const char *verdict = pf_connection_profile_get_last_verdict (profile);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (verdict == NULL)
    return g_strdup (_("not checked yet"));
  if (checked == NULL)
    return g_strdup (verdict);

  local = g_date_time_to_local (checked);
  when = g_date_time_format (local, "%Y-%m-%d %H:%M");

  /* TRANSLATORS: the last verdict and when: "no-go, 2026-11-21 10:00" */
  return g_strdup_printf (_("%s, %s"), verdict, when);
}

static char *
dup_location (PfConnectionProfile *profile)
{
  if (pf_connection_profile_get_kind (profile) == PF_DATABASE_KIND_SQLITE)
    return g_filename_display_name (pf_connection_profile_get_path (profile)
                                    ? pf_connection_profile_get_path (profile) : "");

  /* Never with a password: profiles do not hold one */
  return pf_connection_profile_to_url (profile);
}

/* ----------------------------------------------------------- list -- */

static int
run_list (int           argc,
          char        **argv,
          GCancellable *cancellable)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PfProfileStore) store = NULL;
  g_autofree char *format_name = NULL;
  gboolean json;
  guint n;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text (the default) or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("List the saved connections."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("connections", "%s", error->message);

  if (!pf_cli_parse_text_or_json ("connections", format_name, &json))
    return PF_CLI_EXIT_FAILURE;
  if (argc > 1)
    return pf_cli_usage_error ("connections", _("“connections list” takes no arguments."));

  store = load_store (&error);
  if (store == NULL)
    return pf_cli_report_error (error, cancellable);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "connections");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PfConnectionProfile) profile = g_list_model_get_item (G_LIST_MODEL (store), i);
          g_autofree char *url = pf_connection_profile_to_url (profile);
          JsonNode *node = pf_connection_profile_to_json_node (profile);

          /* The saved fields, plus the URL a person would type */
          json_object_set_string_member (json_node_get_object (node), "name",
                                         pf_connection_profile_get_name (profile));
          json_object_set_string_member (json_node_get_object (node), "url", url);
          json_builder_add_value (builder, node);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      pf_cli_print_json (root);
    }
  else if (n == 0)
    g_print ("%s\n", _("No saved connections. Add one with "
                       "“preflight-cli connections add NAME TARGET”."));
  else
    {
      g_autoptr(PfCliTable) table = pf_cli_table_new (5);
      g_autoptr(GString) out = g_string_new (NULL);

      pf_cli_table_add_row (table, _("NAME"), _("KIND"), _("ENVIRONMENT"), _("LOCATION"),
                            _("LAST CHECK"));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PfConnectionProfile) profile = g_list_model_get_item (G_LIST_MODEL (store), i);
          g_autofree char *name = pf_cli_display_text (pf_connection_profile_get_name (profile));
          g_autofree char *location = dup_location (profile);
          g_autofree char *shown_location = pf_cli_display_text (location);
          g_autofree char *last = dup_last_check (profile);
          const char *environment = pf_environment_to_label (pf_connection_profile_get_environment (profile));

          pf_cli_table_add_row (table, name,
                                pf_connection_profile_get_kind (profile) == PF_DATABASE_KIND_POSTGRESQL
                                  ? "PostgreSQL" : "SQLite",
                                environment ? environment : "—",
                                shown_location, last);
        }
      pf_cli_table_print (table, out);
      g_print ("%s", out->str);
    }

  return PF_CLI_EXIT_OK;
}

/* ------------------------------------------------------------ add -- */

static int
run_add (int           argc,
         char        **argv,
         GCancellable *cancellable)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PfProfileStore) store = NULL;
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autofree char *environment_name = NULL;
  g_autofree char *project_dir = NULL;
  g_autofree char *password = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *url = NULL;
  g_autofree char *stripped = NULL;
  gboolean remember = FALSE;
  PfEnvironment environment = PF_ENVIRONMENT_NONE;
  const char *name;
  int status = PF_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "environment", 'e', 0, G_OPTION_ARG_STRING, &environment_name,
      N_("Tag it as development, staging or production"), N_("ENVIRONMENT") },
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &project_dir,
      N_("The Django project in DIR holds its migrations"), N_("DIR") },
    { "remember-password", 0, 0, G_OPTION_ARG_NONE, &remember,
      N_("Keep the password given in the URL in the keyring (never in a file)"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("NAME TARGET"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  summary = g_strdup_printf ("%s\n\n%s",
                             _("Save a connection under NAME, so “preflight-cli check NAME” and "
                               "the Preflight app can use it."),
                             _("TARGET is a URL (postgresql://user@host:5432/dbname, postgres://…, "
                               "sqlite:///absolute/path.db) or the path of a SQLite file. A password in "
                               "the URL is kept only with --remember-password, in the keyring; "
                               "~/.pgpass and PGPASSWORD keep working."));
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("connections", "%s", error->message);

  if (argc != 3)
    return pf_cli_usage_error ("connections", _("“connections add” needs a NAME and a TARGET."));
  name = argv[1];
  stripped = g_strstrip (g_strdup (name));
  if (stripped[0] == '\0' || !g_utf8_validate (name, -1, NULL))
    return pf_cli_usage_error ("connections", _("The connection name must not be empty."));

  if (environment_name != NULL &&
      !pf_environment_from_string (environment_name, &environment))
    return pf_cli_usage_error ("connections", _("Unknown environment “%s”: use development, "
                                                "staging or production."), environment_name);

  profile = pf_connection_profile_new_from_target (argv[2], &password, &error);
  if (profile == NULL)
    return pf_cli_report_error (error, cancellable);

  if (password != NULL && !remember)
    {
      memset (password, 0, strlen (password));
      pf_cli_printerr ("%s", _("The URL contains a password, which Preflight never saves in a file: "
                               "pass --remember-password to keep it in the keyring, or leave it out "
                               "and put it in ~/.pgpass."));
      return PF_CLI_EXIT_FAILURE;
    }
  if (remember && pf_connection_profile_get_kind (profile) == PF_DATABASE_KIND_SQLITE)
    return pf_cli_usage_error ("connections", _("A SQLite file has no password: leave out "
                                                "--remember-password."));
  if (remember && password == NULL)
    return pf_cli_usage_error ("connections", _("There is no password to remember: give it in the URL, "
                                                "as in postgresql://user:PASSWORD@host/dbname."));

  if (project_dir != NULL)
    {
      g_autofree char *absolute = g_canonicalize_filename (project_dir, NULL);

      if (!g_file_test (absolute, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *display = g_filename_display_name (project_dir);

          pf_cli_printerr (_("Could not use the project “%s”: there is no such folder."), display);
          return PF_CLI_EXIT_FAILURE;
        }
      g_free (project_dir);
      project_dir = g_steal_pointer (&absolute);
    }

  store = load_store (&error);
  if (store == NULL)
    return pf_cli_report_error (error, cancellable);

  if (pf_profile_store_find_by_name (store, name) != NULL)
    {
      pf_cli_printerr (_("A saved connection named “%s” already exists: choose another name, or "
                         "remove it first with “preflight-cli connections remove %s”."), name, name);
      if (password != NULL)
        memset (password, 0, strlen (password));
      return PF_CLI_EXIT_FAILURE;
    }

  pf_connection_profile_set_name (profile, name);
  pf_connection_profile_set_environment (profile, environment);
  pf_connection_profile_set_project_dir (profile, project_dir);
  pf_connection_profile_set_remember_password (profile, remember);

  /* The keyring first: if it cannot take the password, nothing is saved */
  if (remember)
    {
      gboolean stored = pf_secrets_store_password_sync (profile, password, cancellable, &error);

      memset (password, 0, strlen (password));
      if (!stored)
        return pf_cli_report_error (error, cancellable);
    }

  pf_profile_store_add (store, profile);
  if (!pf_profile_store_save (store, &error))
    {
      status = pf_cli_report_error (error, cancellable);
      if (remember)
        pf_secrets_clear_password_sync (profile, NULL, NULL);
      return status;
    }

  url = dup_location (profile);
  /* TRANSLATORS: the first %s is the connection's name, the second its URL or file */
  g_print (_("Saved “%s” (%s).\n"), name, url);

  return PF_CLI_EXIT_OK;
}

/* --------------------------------------------------------- remove -- */

static int
run_remove (int           argc,
            char        **argv,
            GCancellable *cancellable)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PfProfileStore) store = NULL;
  PfConnectionProfile *profile;
  const char *name;

  context = g_option_context_new (_("NAME"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Forget the saved connection NAME and its password "
                                           "in the keyring."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("connections", "%s", error->message);
  if (argc != 2)
    return pf_cli_usage_error ("connections", _("“connections remove” needs the NAME of one connection."));
  name = argv[1];

  store = load_store (&error);
  if (store == NULL)
    return pf_cli_report_error (error, cancellable);

  profile = pf_profile_store_find_by_name (store, name);
  if (profile == NULL)
    {
      pf_cli_printerr (_("There is no saved connection named “%s”: “preflight-cli connections list” "
                         "shows them."), name);
      return PF_CLI_EXIT_FAILURE;
    }

  /* The password first, so it never outlives its connection */
  if (!pf_secrets_clear_password_sync (profile, cancellable, &error))
    {
      if (!g_error_matches (error, PF_SECRETS_ERROR, PF_SECRETS_ERROR_UNAVAILABLE))
        return pf_cli_report_error (error, cancellable);
      if (pf_connection_profile_get_remember_password (profile))
        pf_cli_printerr ("%s", _("No keyring is running, so the remembered password could not be "
                                 "removed from it; it goes when the keyring next runs and you delete "
                                 "it there."));
      g_clear_error (&error);
    }

  g_object_ref (profile);
  pf_profile_store_remove (store, profile);
  if (!pf_profile_store_save (store, &error))
    {
      g_object_unref (profile);
      return pf_cli_report_error (error, cancellable);
    }

  g_print (_("Removed “%s”.\n"), name);
  g_object_unref (profile);

  return PF_CLI_EXIT_OK;
}

/* ------------------------------------------------------- recording -- */

void
pf_cli_connections_record_report (PfConnectionProfile *saved,
                                  PfReport            *report)
{
  g_autoptr(PfProfileStore) store = pf_profile_store_new (NULL);
  g_autoptr(GError) error = NULL;
  PfConnectionProfile *current;

  if (!pf_profile_store_load (store, NULL, &error))
    goto failed;

  current = pf_profile_store_find_by_id (store, pf_connection_profile_get_id (saved));
  if (current == NULL)
    return;  /* removed meanwhile */

  pf_connection_profile_record_report (current, report);
  pf_profile_store_changed (store, current);
  if (pf_profile_store_save (store, &error))
    return;

failed:
  pf_cli_printerr (_("The result could not be kept with the saved connection: %s"), error->message);
}

/* -------------------------------------------------------- command -- */

static int
pf_cli_connections_run (int           argc,
                        char        **argv,
                        GCancellable *cancellable)
{
  g_autofree char *prgname = NULL;
  const char *sub;

  if (argc < 2)
    return pf_cli_usage_error ("connections", _("No connections command given: use list, add or remove."));

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_print ("%s\n\n  list    %s\n  add     %s\n  remove  %s\n\n%s\n",
               _("Usage: preflight-cli connections list|add|remove …"),
               _("List the saved connections"),
               _("Save a connection: add NAME TARGET"),
               _("Forget a saved connection: remove NAME"),
               _("Run “preflight-cli connections add --help” for the options of one of them."));
      return PF_CLI_EXIT_OK;
    }

  sub = argv[1];
  prgname = g_strdup_printf ("preflight-cli connections %s", sub);

  if (g_str_equal (sub, "list"))
    {
      g_set_prgname (prgname);
      return run_list (argc - 1, argv + 1, cancellable);
    }
  if (g_str_equal (sub, "add"))
    {
      g_set_prgname (prgname);
      return run_add (argc - 1, argv + 1, cancellable);
    }
  if (g_str_equal (sub, "remove"))
    {
      g_set_prgname (prgname);
      return run_remove (argc - 1, argv + 1, cancellable);
    }

  return pf_cli_usage_error ("connections", _("Unknown connections command “%s”: use list, add or remove."),
                             sub);
}

const PfCliCommand pf_cli_connections_command = {
  .name = "connections",
  .summary = N_("List, add or remove saved connections"),
  .run = pf_cli_connections_run,
};
