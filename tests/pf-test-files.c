/* pf-test-files.c — temporary folders, files and SQLite copies for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-test-files"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "pf-demo.h"
#include "pf-test-files.h"

char *
pf_test_make_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);

  return dir;
}

void
pf_test_remove_dir (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      pf_test_remove_dir (child);
    }
  g_rmdir (path);
}

char *
pf_test_list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("|", (char **) names->pdata);
}

guint
pf_test_count_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;

  return n;
}

char *
pf_test_file_sha256 (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

gint64
pf_test_file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_size;
}

void
pf_test_write_file (const char *dir,
                    const char *relative,
                    const char *contents)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

void
pf_test_write_script (const char *dir,
                      const char *name,
                      const char *body)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  pf_test_write_file (dir, name, body);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
}

static void
copy_tree (GFile *source,
           GFile *target)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  g_file_make_directory_with_parents (target, NULL, &error);
  g_assert_no_error (error);

  children = g_file_enumerate_children (source, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  g_assert_no_error (error);
  while ((info = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autoptr(GFile) from = g_file_get_child (source, g_file_info_get_name (info));
      g_autoptr(GFile) to = g_file_get_child (target, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        copy_tree (from, to);
      else
        {
          g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
        }
    }
  g_assert_no_error (error);
}

void
pf_test_copy_tree (const char *source,
                   const char *target)
{
  g_autoptr(GFile) from = g_file_new_for_path (source);
  g_autoptr(GFile) to = g_file_new_for_path (target);

  copy_tree (from, to);
}

char *
pf_test_copy_demo (const char *dir,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo = pf_demo_ensure (NULL, &error);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  from = g_file_new_for_path (demo);
  to = g_file_new_for_path (path);
  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  return path;
}

void
pf_test_sqlite_exec (const char *path,
                     const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

PfChecklistRun *
pf_test_run_from_json (const char *template_json)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PfChecklistTemplate) template = NULL;

  node = json_from_string (template_json, &error);
  g_assert_no_error (error);
  template = pf_checklist_template_new_from_json_node (node, FALSE, &error);
  g_assert_no_error (error);

  return pf_checklist_run_new (template);
}

char *
pf_test_run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s %s failed: %s\n%s%s", argv[0], argv[1], error->message, out, err);

  return out;
}

char *
pf_test_pdfinfo_get (const char *pdf,
                     const char *key)
{
  g_autofree char *info = pf_test_tool ("pdfinfo", pdf);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *prefix = g_strconcat (key, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));

  g_error ("pdfinfo %s says nothing about %s:\n%s", pdf, key, info);
}

char *
pf_test_pdf_text (const char *pdf)
{
  return pf_test_tool ("pdftotext", "-enc", "UTF-8", pdf, "-");
}
