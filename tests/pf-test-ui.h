/* pf-test-ui.h — driving real widgets under Xvfb from a GLib test, for the
 * ui suite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*Predicate) (gpointer data);

void       ui_test_init        (int         *argc,
                                char      ***argv);
void       set_wait_timeout    (guint        seconds);
void       wait_for            (Predicate    predicate,
                                gpointer     data,
                                const char  *what);
void       wait_ms             (guint        ms);
void       drain_main_context  (void);

gboolean   pointer_is_null     (gpointer     data);
gboolean   pointer_is_set      (gpointer     data);
gboolean   widget_is_mapped    (gpointer     data);
gboolean   widget_is_usable    (GtkWidget   *widget);

GtkWidget *find_descendant     (GtkWidget   *root,
                                GType        type,
                                const char  *label);
void       click               (GtkWidget   *button);
void       present_window      (gpointer     window);
void       destroy_window      (gpointer     window);
void       save_screenshot     (GtkWidget   *widget,
                                const char  *name);
/* Forces the light or dark style (AdwStyleManager) */
void       set_dark            (gboolean     dark);
/* @name-light.png and @name-dark.png, back to light after */
void       save_screenshots_light_and_dark (GtkWidget  *widget,
                                const char  *name);

char      *make_sqlite_file    (const char  *name,
                                const char  *sql);

G_END_DECLS
