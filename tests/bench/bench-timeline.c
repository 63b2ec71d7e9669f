/* bench-timeline.c — how long the Timeline takes to show a large project,
 * and how smoothly its list scrolls
 *
 * Not a test: `./run bench` runs it under Xvfb on the project that
 * tests/e2e/make_large_project.py generates (5,000 migrations). It opens
 * the real Timeline page in a 1100×900 window, times the load (reading the
 * history and every migration file off the main thread, then building the
 * list), then scrolls the list from top to bottom and back by a fixed step
 * per frame and reports the time between painted frames: the median, the
 * 95th percentile, the worst, and how many frames missed 60 Hz (16.7 ms).
 *
 *   bench-timeline DATABASE PROJECT_DIR [--step PIXELS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-timeline"

#include "config.h"

#include <adwaita.h>

#include "pf-engine.h"
#include "pf-timeline-page.h"

typedef struct
{
  GtkAdjustment *adjustment;
  double         step;
  int            direction;
  guint          passes;
  gint64         last_frame;
  GArray        *intervals_ms;
  GMainLoop     *loop;
} Scroll;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  Scroll *scroll = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double value = gtk_adjustment_get_value (scroll->adjustment);
  double end = gtk_adjustment_get_upper (scroll->adjustment) - gtk_adjustment_get_page_size (scroll->adjustment);

  if (scroll->last_frame != 0)
    {
      double interval = (now - scroll->last_frame) / 1000.0;

      g_array_append_val (scroll->intervals_ms, interval);
    }
  scroll->last_frame = now;

  value += scroll->direction * scroll->step;
  if (value >= end || value <= 0)
    {
      value = CLAMP (value, 0, end);
      scroll->direction = -scroll->direction;
      if (++scroll->passes == 2)
        {
          g_main_loop_quit (scroll->loop);
          return G_SOURCE_REMOVE;
        }
    }
  gtk_adjustment_set_value (scroll->adjustment, value);

  return G_SOURCE_CONTINUE;
}

static void
loaded_cb (PfTimelinePage *page,
           GMainLoop      *loop)
{
  g_main_loop_quit (loop);
}

static GtkWidget *
find_scrolled_list (GtkWidget *root)
{
  /* Not the app menu's list, in its popover */
  if (GTK_IS_POPOVER (root))
    return NULL;
  if (GTK_IS_LIST_VIEW (root))
    return gtk_widget_get_ancestor (root, GTK_TYPE_SCROLLED_WINDOW);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_scrolled_list (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("DATABASE PROJECT_DIR");
  double step = 120;
  GOptionEntry entries[] = {
    { "step", 0, 0, G_OPTION_ARG_DOUBLE, &step, "Pixels scrolled per frame (default 120)", "PIXELS" },
    { NULL }
  };
  GtkWidget *window, *page, *scrolled;
  PfTimeline *timeline;
  Scroll scroll = { 0 };
  gint64 started;
  double load_s;
  guint n_pending, n_deployments, n_records = 0, late = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3)
    {
      g_printerr ("usage: bench-timeline DATABASE PROJECT_DIR [--step PIXELS]\n");
      return 2;
    }

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_init ();
  adw_init ();

  database = pf_database_new_for_target (argv[1], &error);
  if (database == NULL || !pf_database_open (database, NULL, &error) ||
      (schema = pf_database_introspect (database, NULL, &error)) == NULL)
    {
      g_printerr ("bench-timeline: %s\n", error->message);
      return 2;
    }

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  page = pf_timeline_page_new ();
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (page, "loaded", G_CALLBACK (loaded_cb), loop);
  started = g_get_monotonic_time ();
  pf_timeline_page_set_contents (PF_TIMELINE_PAGE (page), database, schema, argv[2]);
  g_main_loop_run (loop);
  /* Until the list is drawn */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  load_s = (g_get_monotonic_time () - started) / 1e6;

  timeline = pf_timeline_page_get_timeline (PF_TIMELINE_PAGE (page));
  if (timeline == NULL)
    {
      g_printerr ("bench-timeline: the migrations could not be read\n");
      return 2;
    }
  n_pending = g_list_model_get_n_items (pf_timeline_get_pending (timeline));
  n_deployments = g_list_model_get_n_items (pf_timeline_get_deployments (timeline));
  for (guint i = 0; i < n_deployments; i++)
    {
      g_autoptr(PfTimelineEntry) deployment = g_list_model_get_item (pf_timeline_get_deployments (timeline), i);

      n_records += g_list_model_get_n_items (pf_timeline_entry_get_children (deployment));
    }
  g_print ("timeline: %u pending, %u applied in %u deployments\n", n_pending, n_records, n_deployments);
  g_print ("timeline load: %.2f s (read off the main thread, list built, first frame)\n", load_s);

  scrolled = find_scrolled_list (page);
  g_assert (scrolled != NULL);

  /* Every deployment open: thousands of rows for the list to recycle */
  {
    GtkListView *view = GTK_LIST_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)));
    GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (view));

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);

        gtk_tree_list_row_set_expanded (row, TRUE);
      }
    g_print ("timeline rows with every deployment open: %u\n", g_list_model_get_n_items (rows));
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
  }
  scroll.adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  scroll.step = step;
  scroll.direction = 1;
  scroll.intervals_ms = g_array_new (FALSE, FALSE, sizeof (double));
  scroll.loop = loop;
  gtk_widget_add_tick_callback (scrolled, scroll_tick, &scroll, NULL);
  g_main_loop_run (loop);

  g_array_sort (scroll.intervals_ms, compare_doubles);
  for (guint i = 0; i < scroll.intervals_ms->len; i++)
    late += g_array_index (scroll.intervals_ms, double, i) > 1000.0 / 60 + 0.5;
  if (scroll.intervals_ms->len > 0)
    {
      guint n = scroll.intervals_ms->len;

      g_print ("timeline scroll: %u frames, %.0f px per frame, down and up %.0f px\n",
               n, step, gtk_adjustment_get_upper (scroll.adjustment));
      g_print ("timeline frame time: median %.1f ms, p95 %.1f ms, worst %.1f ms; %u frames over 16.7 ms (%.1f%%)\n",
               g_array_index (scroll.intervals_ms, double, n / 2),
               g_array_index (scroll.intervals_ms, double, (n * 95) / 100),
               g_array_index (scroll.intervals_ms, double, n - 1),
               late, 100.0 * late / n);
    }
  g_array_unref (scroll.intervals_ms);

  gtk_window_destroy (GTK_WINDOW (window));
  pf_database_close (database);

  return 0;
}
