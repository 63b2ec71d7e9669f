/* preflight-cli.c — Preflight without a window: the same engine, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "preflight-cli"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "pf-cli-backup.h"
#include "pf-cli-check.h"
#include "pf-cli-checklist.h"
#include "pf-cli-common.h"
#include "pf-cli-connections.h"
#include "pf-cli-describe.h"
#include "pf-cli-migrations.h"

/* Every subcommand, in the order --help lists them. */
static const PfCliCommand *commands[] = {
  &pf_cli_backup_command,
  &pf_cli_check_command,
  &pf_cli_checklist_command,
  &pf_cli_connections_command,
  &pf_cli_describe_command,
  &pf_cli_migrations_command,
};

static const PfCliCommand *
lookup_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i]->name, name))
      return commands[i];

  return NULL;
}

static char *
build_summary (void)
{
  GString *summary = g_string_new (_("Tells whether a database is ready for its migration."));
  int width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i]->name));

  g_string_append (summary, "\n\n");
  g_string_append (summary, _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (summary, "\n  %-*s  %s",
                            width, commands[i]->name, _(commands[i]->summary));
  g_string_append (summary, "\n\n");
  /* TRANSLATORS: COMMAND stands for one of the commands listed above */
  g_string_append (summary, _("Run “preflight-cli COMMAND --help” for the options of a command."));

  return g_string_free (summary, FALSE);
}

static gboolean
on_sigint (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  /* First Ctrl+C: stop the running operation and exit cleanly once it has
   * unwound. A second one means the user does not want to wait. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_printerr ("%s\n", _("Cancelled."));
      _exit (PF_CLI_EXIT_CANCELLED);
    }

  g_debug ("SIGINT: cancelling");
  g_cancellable_cancel (cancellable);

  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) command_argv = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *prgname = NULL;
  const PfCliCommand *command;
  gboolean show_version = FALSE;
  gboolean use_demo = FALSE;
  guint sigint_id;
  int status;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version,
      N_("Show the version and exit"), NULL },
    /* "preflight-cli --demo describe" works like "describe --demo" */
    { "demo", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &use_demo, NULL, NULL },
    { NULL }
  };

  /* Before anything slow, so an early Ctrl+C is handled rather than fatal. */
  sigint_id = g_unix_signal_add (SIGINT, on_sigint, cancellable);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("preflight-cli");

  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  summary = build_summary ();
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Stop at the command name; its options belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      status = pf_cli_usage_error (NULL, "%s", error->message);
      goto out;
    }

  if (show_version)
    {
      g_print ("preflight-cli %s\n", PACKAGE_VERSION);
      status = PF_CLI_EXIT_OK;
      goto out;
    }

  if (argc < 2)
    {
      status = pf_cli_usage_error (NULL, _("No command given."));
      goto out;
    }

  command = lookup_command (argv[1]);
  if (command == NULL)
    {
      status = pf_cli_usage_error (NULL, _("Unknown command “%s”."), argv[1]);
      goto out;
    }

  command_argv = g_ptr_array_new ();
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (command_argv, argv[i]);
  if (use_demo)
    g_ptr_array_add (command_argv, (char *) "--demo");
  g_ptr_array_add (command_argv, NULL);

  /* So the command's --help reads "preflight-cli describe [OPTION…] TARGET" */
  prgname = g_strdup_printf ("preflight-cli %s", command->name);
  g_set_prgname (prgname);

  status = command->run (command_argv->len - 1, (char **) command_argv->pdata, cancellable);

out:
  g_source_remove (sigint_id);

  return status;
}
