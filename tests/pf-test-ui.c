/* pf-test-ui.c — driving real widgets under Xvfb from a GLib test, for the
 * ui suite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "pf-test-ui.h"

static guint wait_timeout_seconds = 60;

/* G_TEST_OPTION_ISOLATE_DIRS points XDG_DATA_DIRS at empty temp dirs, which
 * hides the system's MIME database (GdkPixbuf needs it to recognize an SVG
 * icon) and icon themes. Give those two back, from the real environment. */
static void
pin_system_data_dirs (const char * const *system_data_dirs)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) mime_dirs = NULL;
  GtkIconTheme *icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  for (guint i = 0; system_data_dirs[i] != NULL; i++)
    {
      g_autofree char *mime_dir = g_build_filename (system_data_dirs[i], "mime", NULL);
      g_autofree char *icon_dir = g_build_filename (system_data_dirs[i], "icons", NULL);

      g_strv_builder_add (builder, mime_dir);
      gtk_icon_theme_add_search_path (icon_theme, icon_dir);
    }

  mime_dirs = g_strv_builder_end (builder);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs);
}

/* g_test_init() with fresh XDG dirs (gtk_test_init() would call it without
 * options), then GTK and libadwaita, without animations */
void
ui_test_init (int    *argc,
              char ***argv)
{
  g_auto(GStrv) system_data_dirs = g_strdupv ((char **) g_get_system_data_dirs ());

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  pin_system_data_dirs ((const char * const *) system_data_dirs);
}

/* How long wait_for() waits before failing the test; 60 s unless set */
void
set_wait_timeout (guint seconds)
{
  wait_timeout_seconds = seconds;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main loop until @predicate holds; fails the test after a
 * generous timeout instead of hanging. */
void
wait_for (Predicate   predicate,
          gpointer    data,
          const char *what)
{
  gint64 deadline = g_get_monotonic_time () + wait_timeout_seconds * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %u s waiting for %s", wait_timeout_seconds, what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (tick);
}

static gboolean
time_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

/* Lets the main loop run for @ms milliseconds */
void
wait_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  wait_for (time_passed, &until, "time to pass");
}

void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

gboolean
pointer_is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* Visible and usable as a person would see it: every ancestor visible too */
gboolean
widget_is_usable (GtkWidget *widget)
{
  return widget != NULL &&
         gtk_widget_is_drawable (widget) &&
         gtk_widget_is_sensitive (widget);
}

static gboolean
text_reads (const char *text,
            const char *label)
{
  g_autoptr(GString) plain = NULL;

  if (text == NULL)
    return FALSE;
  if (strcmp (text, label) == 0)
    return TRUE;

  /* As a person reads it: without the mnemonic underscore */
  plain = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    if (*p != '_')
      g_string_append_c (plain, *p);

  return strcmp (plain->str, label) == 0;
}

/* Whether @widget's label or title is @label, as written or as read */
static gboolean
widget_reads (GtkWidget  *widget,
              const char *label)
{
  if (GTK_IS_BUTTON (widget))
    return text_reads (gtk_button_get_label (GTK_BUTTON (widget)), label);
  if (GTK_IS_LABEL (widget))
    return text_reads (gtk_label_get_label (GTK_LABEL (widget)), label) ||
           text_reads (gtk_label_get_text (GTK_LABEL (widget)), label);
  if (ADW_IS_PREFERENCES_ROW (widget))
    return text_reads (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), label);
  if (ADW_IS_PREFERENCES_GROUP (widget))
    return text_reads (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), label);

  return FALSE;
}

/* The first descendant of @type (@root included) whose label or title is
 * @label (any when NULL), visible or not */
GtkWidget *
find_descendant (GtkWidget  *root,
                 GType       type,
                 const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (label == NULL || widget_reads (root, label)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* What a click does, without GtkButton::activate's delayed release */
void
click (GtkWidget *button)
{
  g_assert_true (widget_is_usable (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Presents @window and waits until it is mapped and idle */
void
present_window (gpointer window)
{
  gtk_window_present (GTK_WINDOW (window));
  wait_for (widget_is_mapped, window, "the window to be mapped");
  drain_main_context ();
}

/* Destroys @window and waits until it is finalized, which also means every
 * asynchronous operation it started has called back (each holds a ref). */
void
destroy_window (gpointer window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_for (pointer_is_null, &weak, "the window to be finalized");
}

/* @widget rendered into screenshots/@name under the build dir, to look at */
void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *dir = g_build_filename (builddir ? builddir : ".", "screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = 0;
  int height = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  /* Let layout and a frame happen first */
  paintable = gtk_widget_paintable_new (widget);
  for (guint attempt = 0; node == NULL && attempt < 10; attempt++)
    {
      wait_ms (300);
      drain_main_context ();

      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

/* A SQLite file made by @sql, under the (isolated) user data dir */
char *
make_sqlite_file (const char *name,
                  const char *sql)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "fixtures", NULL);
  char *path = g_build_filename (dir, name, NULL);
  sqlite3 *db = NULL;
  char *errmsg = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("Could not build the fixture: %s", errmsg);
  sqlite3_close (db);

  return path;
}

void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
}

void
save_screenshots_light_and_dark (GtkWidget  *widget,
                                 const char *name)
{
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  set_dark (FALSE);
  save_screenshot (widget, light);
  set_dark (TRUE);
  save_screenshot (widget, dark);
  set_dark (FALSE);
}
