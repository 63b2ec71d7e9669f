/* pf-test-keyring.c — a real Secret Service for tests: a private D-Bus
 * session bus with gnome-keyring-daemon on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* memmem */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "pf-test-keyring.h"

/* How long the daemons may take to come up */
#define START_TIMEOUT_US (20 * G_USEC_PER_SEC)

struct _PfTestKeyring
{
  char        *dir;
  char        *bus_address;
  GSubprocess *bus;
  GSubprocess *keyring;
};

/* The one running, for the atexit handler */
static PfTestKeyring *current;

static void
die_with_parent (gpointer user_data)
{
  /* In the child between fork and exec: only async-signal-safe calls */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
new_launcher (PfTestKeyring    *self,
              GSubprocessFlags  flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);
  g_autofree char *home = g_build_filename (self->dir, "home", NULL);
  g_autofree char *data = g_build_filename (self->dir, "data", NULL);
  g_autofree char *config = g_build_filename (self->dir, "config", NULL);
  g_autofree char *runtime = g_build_filename (self->dir, "runtime", NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  /* The daemons are not under test: gnome-keyring-daemon warns about
   * things it recovers from, which the tests' fatal-warnings would turn
   * into a crash */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_CHECK_");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
  g_subprocess_launcher_unsetenv (launcher, "GNOME_KEYRING_CONTROL");
  if (self->bus_address != NULL)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", self->bus_address, TRUE);

  return launcher;
}

static gboolean
start_bus (PfTestKeyring  *self,
           GError        **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *socket = g_build_filename (self->dir, "bus", NULL);
  g_autofree char *address = g_strconcat ("--address=unix:path=", socket, NULL);
  g_autofree char *line = NULL;

  launcher = new_launcher (self, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  self->bus = g_subprocess_launcher_spawn (launcher, error,
                                           "dbus-daemon", "--session", "--nofork",
                                           "--nopidfile", address, "--print-address=1",
                                           NULL);
  if (self->bus == NULL)
    return FALSE;

  /* It prints the address once it listens */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->bus));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, error);
  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "dbus-daemon exited without printing its address");
      return FALSE;
    }

  self->bus_address = g_strdup (g_strstrip (line));
  return TRUE;
}

/* TRUE once the Secret Service answers and has a default collection */
static gboolean
keyring_ready (GDBusConnection *connection)
{
  g_autoptr(GVariant) reply = NULL;
  const char *path;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets",
                                       "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "ReadAlias",
                                       g_variant_new ("(s)", "default"),
                                       G_VARIANT_TYPE ("(o)"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, 1000, NULL, NULL);
  if (reply == NULL)
    return FALSE;

  g_variant_get (reply, "(&o)", &path);
  return !g_str_equal (path, "/");
}

static gboolean
start_keyring (PfTestKeyring  *self,
               GError        **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  GOutputStream *in;
  gint64 deadline;

  launcher = new_launcher (self, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  self->keyring = g_subprocess_launcher_spawn (launcher, error,
                                               "gnome-keyring-daemon", "--foreground",
                                               "--unlock", "--components=secrets",
                                               NULL);
  if (self->keyring == NULL)
    return FALSE;

  /* --unlock reads the login keyring's password from stdin until EOF */
  in = g_subprocess_get_stdin_pipe (self->keyring);
  if (!g_output_stream_write_all (in, "pf-test", strlen ("pf-test"), NULL, NULL, error) ||
      !g_output_stream_close (in, NULL, error))
    return FALSE;

  connection = g_dbus_connection_new_for_address_sync (self->bus_address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, error);
  if (connection == NULL)
    return FALSE;

  deadline = g_get_monotonic_time () + START_TIMEOUT_US;
  while (!keyring_ready (connection))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               "gnome-keyring-daemon did not offer a default collection within 20 s");
          return FALSE;
        }
      g_usleep (G_USEC_PER_SEC / 20);
    }

  g_dbus_connection_close_sync (connection, NULL, NULL);
  return TRUE;
}

static void
stop_at_exit (void)
{
  pf_test_keyring_stop (current);
}

PfTestKeyring *
pf_test_keyring_start (GError **error)
{
  static gboolean registered;
  PfTestKeyring *self = g_new0 (PfTestKeyring, 1);
  const char *subdirs[] = { "home", "data", "config", "runtime" };

  self->dir = g_dir_make_tmp ("pf-test-keyring-XXXXXX", error);
  if (self->dir == NULL)
    {
      g_free (self);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *path = g_build_filename (self->dir, subdirs[i], NULL);

      g_mkdir_with_parents (path, 0700);
    }

  current = self;
  if (!registered)
    {
      atexit (stop_at_exit);
      registered = TRUE;
    }

  if (!start_bus (self, error) || !start_keyring (self, error))
    {
      pf_test_keyring_stop (self);
      return NULL;
    }

  /* Before anything in this process opens the session bus */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", self->bus_address, TRUE);

  return self;
}

static void
kill_and_wait (GSubprocess **subprocess)
{
  if (*subprocess == NULL)
    return;

  g_subprocess_send_signal (*subprocess, SIGTERM);
  g_subprocess_wait (*subprocess, NULL, NULL);
  g_clear_object (subprocess);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
pf_test_keyring_stop (PfTestKeyring *self)
{
  if (self == NULL)
    return;

  if (current == self)
    current = NULL;

  /* The keyring first: it would otherwise notice the bus go and complain */
  kill_and_wait (&self->keyring);
  kill_and_wait (&self->bus);

  if (self->dir != NULL)
    remove_tree (self->dir);

  g_free (self->dir);
  g_free (self->bus_address);
  g_free (self);
}

const char *
pf_test_keyring_get_bus_address (PfTestKeyring *self)
{
  return self->bus_address;
}

const char *
pf_test_keyring_get_dir (PfTestKeyring *self)
{
  return self->dir;
}

char *
pf_test_keyring_secret_tool_lookup (PfTestKeyring *self,
                                    const char    *id)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) tool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  launcher = new_launcher (self, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  tool = g_subprocess_launcher_spawn (launcher, &error,
                                      "secret-tool", "lookup", "connection-id", id, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (tool, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);

  if (!g_subprocess_get_if_exited (tool) || g_subprocess_get_exit_status (tool) != 0 ||
      out == NULL || out[0] == '\0')
    return NULL;

  return g_steal_pointer (&out);
}

guint
pf_test_count_files_containing (const char *dir,
                                const char *needle,
                                guint      *n_files)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint found = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          found += pf_test_count_files_containing (path, needle, n_files);
          continue;
        }

      /* Binary-safe: the needle is looked for in every byte */
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      if (n_files != NULL)
        (*n_files)++;
      if (memmem (contents, length, needle, strlen (needle)) != NULL)
        found++;
    }

  return found;
}
