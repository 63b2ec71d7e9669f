/* pf-test-cli.c — running $PF_CLI the way a person or a CI job does, for
 * the cli suite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "pf-test-cli.h"

void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static GSubprocessLauncher *
new_launcher (void)
{
  GSubprocessLauncher *launcher;

  /* Pipes, so stderr is not a terminal: no progress bar expected */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* UTF-8 for the “quotes” in messages; C digits (no thousands separators) */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  /* The isolated cache dir of this test, so the demo is built privately */
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "PGCONNECT_TIMEOUT", "10", TRUE);

  return launcher;
}

/* Starts preflight-cli with the NULL-terminated @args and, for PostgreSQL,
 * @password in PGPASSWORD (none when NULL) */
GSubprocess *
spawn_cli_with_env (const char * const *args,
                    const char         *password)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("PF_CLI");
  GSubprocess *subprocess;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  if (password != NULL)
    g_subprocess_launcher_setenv (launcher, "PGPASSWORD", password, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "PGPASSWORD");

  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return subprocess;
}

GSubprocess *
spawn_cli (const char * const *args)
{
  return spawn_cli_with_env (args, NULL);
}

/* Waits for @subprocess and keeps what it said in @run */
void
finish_run (GSubprocess *subprocess,
            CliRun      *run)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (subprocess, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);

  if (g_subprocess_get_if_exited (subprocess))
    run->status = g_subprocess_get_exit_status (subprocess);
  else
    run->status = -g_subprocess_get_term_sig (subprocess);

  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
}

void
run_cliv (CliRun             *run,
          const char * const *args)
{
  g_autoptr(GSubprocess) subprocess = spawn_cli (args);

  finish_run (subprocess, run);
}

gboolean
matches (const char *pattern,
         const char *text)
{
  return g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0);
}

/* A path in the test's own data dir */
char *
data_path (const char *basename)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), basename, NULL);
}

char *
write_data_file (const char *basename,
                 const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = data_path (basename);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_copy (json_parser_get_root (parser));
}
