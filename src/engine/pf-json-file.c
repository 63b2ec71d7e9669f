/* pf-json-file.c — JSON files that survive crashes and are never silently reset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-json-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pf-json-file.h"

static gboolean crash_before_rename;

void
_pf_json_file_set_crash_before_rename (gboolean crash)
{
  crash_before_rename = crash;
}

static gboolean
set_errno_error (int      saved_errno,
                 GError **error)
{
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }

  return TRUE;
}

gboolean
pf_json_file_write (const char  *path,
                    JsonNode    *root,
                    GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;
  g_autofree char *data = NULL;
  g_autofree char *tmp_path = NULL;
  int saved_errno;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json = json_generator_to_data (generator, NULL);
  data = g_strconcat (json, "\n", NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_errno_error (errno, error);

  /* In the same folder, so the rename cannot cross file systems; 0600
   * from the start, as these files say where the user's databases are */
  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (errno, error);

  if (!write_all (fd, data, strlen (data)) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (tmp_path);
      return set_errno_error (saved_errno, error);
    }

  if (close (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      return set_errno_error (saved_errno, error);
    }

  if (crash_before_rename)
    _exit (3);

  if (g_rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp_path);
      return set_errno_error (saved_errno, error);
    }

  /* Make the rename itself durable */
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }

  return TRUE;
}

JsonNode *
pf_json_file_read (const char  *path,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) read_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &read_error))
    {
      if (!g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_propagate_error (error, g_steal_pointer (&read_error));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, contents, length, error))
    return NULL;

  return json_parser_steal_root (parser);
}

char *
pf_json_file_move_aside (const char  *path,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *base = g_strconcat (path, ".corrupt-", stamp, NULL);
  int saved_errno = 0;

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *target = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);

      /* link() refuses to replace, so two processes cannot pick the same name */
      if (link (path, target) == 0)
        {
          if (g_unlink (path) != 0)
            {
              saved_errno = errno;
              g_unlink (target);
              break;
            }
          return g_steal_pointer (&target);
        }

      if (errno == EEXIST)
        continue;

      /* A file system without hard links */
      if ((errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP) &&
          !g_file_test (target, G_FILE_TEST_EXISTS))
        {
          if (g_rename (path, target) == 0)
            return g_steal_pointer (&target);
        }

      saved_errno = errno;
      break;
    }

  set_errno_error (saved_errno ? saved_errno : EEXIST, error);
  return NULL;
}
