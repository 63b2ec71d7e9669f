/* test-timeline-page.c — the Timeline page on the real demo database and
 * its bundled Django project, and without a project folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-timeline-page"

#include "config.h"

#include "pf-test-ui.h"
#include "pf-timeline-page.h"
#include "pf-workspace.h"

/* ---- helpers ---------------------------------------------------------------- */

static gpointer
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
}

typedef struct
{
  GtkWindow      *window;
  PfTimelinePage *page;
  PfDatabase     *database;
  PfSchema       *schema;
  guint           n_loaded;
} Fixture;

static void
loaded_cb (PfTimelinePage *page,
           Fixture        *fixture)
{
  g_assert_false (pf_timeline_page_get_loading (page));
  fixture->n_loaded++;
}

static gboolean
loaded_once (gpointer data)
{
  return ((Fixture *) data)->n_loaded == 1;
}

static void
fixture_setup (Fixture    *fixture,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  fixture->database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);
  pf_database_open (fixture->database, NULL, &error);
  g_assert_no_error (error);
  fixture->schema = pf_database_introspect (fixture->database, NULL, &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 900);
  fixture->page = PF_TIMELINE_PAGE (pf_timeline_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->page), TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->page));
  adw_window_set_content (ADW_WINDOW (fixture->window), box);
  g_signal_connect (fixture->page, "loaded", G_CALLBACK (loaded_cb), fixture);

  present_window (fixture->window);
}

static void
load_and_wait (Fixture    *fixture,
               const char *project_dir)
{
  GtkStack *stack = template_child (fixture->page, PF_TYPE_TIMELINE_PAGE, "main_stack");

  fixture->n_loaded = 0;
  pf_timeline_page_set_contents (fixture->page, fixture->database, fixture->schema, project_dir);
  g_assert_true (pf_timeline_page_get_loading (fixture->page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
  wait_for (loaded_once, fixture, "the migrations to be read");
  drain_main_context ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "timeline");
  g_assert_nonnull (pf_timeline_page_get_analysis (fixture->page));
}

static void
fixture_teardown (Fixture *fixture)
{
  destroy_window (fixture->window);
  g_clear_object (&fixture->schema);
  g_clear_object (&fixture->database);
}

static GPtrArray *
list_rows (GtkListBox *list)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    g_ptr_array_add (rows, gtk_list_box_get_row_at_index (list, i));

  return rows;
}

static const char *
row_name (gpointer row)
{
  return g_object_get_data (G_OBJECT (row), "pf-name");
}

/* Whether any label under @root reads exactly @text */
static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  return find_descendant (root, GTK_TYPE_LABEL, text) != NULL;
}

/* Whether some label of the banner contains @needle */
static gboolean
banner_mentions (GtkWidget  *root,
                 const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (banner_mentions (child, needle))
      return TRUE;

  return FALSE;
}

/* The history's record rows, found inside the deployments' expanders */
static void
collect_record_rows (GtkWidget *root,
                     GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (root) && row_name (root) != NULL)
    g_ptr_array_add (rows, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_record_rows (child, rows);
}

static GtkWidget *
find_record_row (GPtrArray  *rows,
                 const char *app,
                 const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (g_object_get_data (rows->pdata[i], "pf-app"), app) == 0 &&
        g_strcmp0 (row_name (rows->pdata[i]), name) == 0)
      return rows->pdata[i];

  return NULL;
}

static char *
accessible_description (GtkWidget *widget)
{
  /* What make_badge() put there is also the tooltip */
  return gtk_widget_get_tooltip_text (widget) != NULL ? g_strdup (gtk_widget_get_tooltip_text (widget)) : NULL;
}

/* ---- tests ---------------------------------------------------------------------- */

static void
test_demo (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autofree char *project = pf_demo_get_project_path ();
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  GtkListBox *pending_list, *history_list;
  GtkWidget *banner, *badge, *row;
  GtkLabel *summary;
  static const char * const expected[] = {
    "0024_alter_shift_status",
    "0024_staffprofile_payroll_number",
    "0025_remove_accesslog_user_agent",
  };

  g_assert_no_error (error);
  fixture_setup (&fixture, path);
  load_and_wait (&fixture, project);

  /* Next deployment: the three pending migrations, in Django's order */
  pending_list = template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "pending_list");
  pending = list_rows (pending_list);
  g_assert_cmpuint (pending->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < pending->len; i++)
    {
      g_assert_cmpstr (g_object_get_data (pending->pdata[i], "pf-app"), ==, "scheduling");
      g_assert_cmpstr (row_name (pending->pdata[i]), ==, expected[i]);
      g_assert_true (gtk_widget_is_drawable (pending->pdata[i]));
    }
  g_assert_cmpstr (adw_action_row_get_subtitle (pending->pdata[1]), ==,
                   "Adds the column payroll_number to staff profiles");

  /* Will fail sits on 0024_alter_shift_status only, with the reason */
  badge = find_descendant (pending->pdata[0], GTK_TYPE_LABEL, "Will fail");
  g_assert_nonnull (badge);
  {
    g_autofree char *description = accessible_description (badge);

    g_test_message ("Will fail: %s", description);
    g_assert_true (g_str_has_prefix (description, "Will fail: Migration scheduling.0024_alter_shift_status will fail"));
  }
  g_assert_false (has_label (pending->pdata[1], "Will fail"));
  g_assert_false (has_label (pending->pdata[2], "Will fail"));
  /* Risky: removing a column with data and irreversible Python code */
  g_assert_true (has_label (pending->pdata[2], "Risky"));
  g_assert_false (has_label (pending->pdata[1], "Risky"));

  summary = template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "next_summary_label");
  g_assert_cmpstr (gtk_label_get_label (summary), ==, "3 migrations will run; 1 will fail; 1 is risky");

  /* The banner: the conflict and the duplicate number, with their fixes */
  banner = template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "banner_box");
  g_assert_true (gtk_widget_get_visible (banner));
  g_assert_true (has_label (banner, "Conflicting migrations in scheduling"));
  g_assert_true (has_label (banner, "The app “scheduling” has two migrations numbered 0024"));
  g_assert_true (has_label (banner, "python manage.py makemigrations --merge"));
  g_assert_true (has_label (banner, "6 problems in the migrations block every deployment. 2 more need a look."));
  g_assert_true (banner_mentions (banner, "training.0002_course_duration_hours was applied before"));
  /* …but not what the rows already say */
  g_assert_false (banner_mentions (banner, "will fail with IntegrityError"));

  /* No project hint with a project */
  g_assert_false (gtk_widget_get_visible (template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "no_project_status")));

  /* History: deployments newest first, the faked one flagged, drift on
   * 0017 and 0018 and nowhere else */
  history_list = template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "history_list");
  {
    g_autoptr(GPtrArray) deployments = list_rows (history_list);
    PfMigrationAnalysis *analysis = pf_timeline_page_get_analysis (fixture.page);
    PfMigrationHistory *django = g_ptr_array_index (pf_migration_analysis_get_histories (analysis), 0);
    GPtrArray *expected_deployments = pf_migration_history_get_deployments (django);
    guint n_faked = 0;

    g_assert_cmpuint (deployments->len, ==, expected_deployments->len);
    g_assert_cmpuint (deployments->len, >, 1);
    for (guint i = 0; i < deployments->len; i++)
      {
        PfDeployment *deployment = g_ptr_array_index (expected_deployments, expected_deployments->len - 1 - i);
        const char *subtitle = adw_expander_row_get_subtitle (deployments->pdata[i]);
        g_autofree char *count = g_strdup_printf (deployment->n_records == 1 ? "%u migration" : "%u migrations",
                                                  deployment->n_records);

        g_assert_true (ADW_IS_EXPANDER_ROW (deployments->pdata[i]));
        g_assert_true (g_str_has_prefix (subtitle, count));
        if (deployment->probably_faked)
          {
            n_faked++;
            g_assert_nonnull (strstr (subtitle, "probably recorded with --fake"));
            g_assert_true (has_label (deployments->pdata[i], "Probably recorded with --fake"));
          }
      }
    g_assert_cmpuint (n_faked, ==, 1);
  }

  collect_record_rows (GTK_WIDGET (history_list), records);
  g_assert_cmpuint (records->len, >, 20);
  for (guint i = 0; i < records->len; i++)
    {
      const char *name = row_name (records->pdata[i]);
      gboolean drift = g_str_equal (name, "0017_shift_is_overtime") ||
                       g_str_equal (name, "0018_staffcertification");

      g_assert_cmpint (has_label (records->pdata[i], "Drift"), ==, drift);
    }
  row = find_record_row (records, "scheduling", "0018_staffcertification");
  g_assert_nonnull (row);
  badge = find_descendant (row, GTK_TYPE_LABEL, "Drift");
  {
    g_autofree char *description = accessible_description (badge);

    g_assert_cmpstr (description, ==, "Drift: The table scheduling_staffcertification is missing");
  }

  /* Screenshots: open the faked deployment so the drift marks show */
  {
    g_autoptr(GPtrArray) deployments = list_rows (history_list);

    for (guint i = 0; i < deployments->len; i++)
      if (strstr (adw_expander_row_get_subtitle (deployments->pdata[i]), "--fake") != NULL)
        adw_expander_row_set_expanded (deployments->pdata[i], TRUE);
  }
  drain_main_context ();
  set_dark (FALSE);
  save_screenshot (GTK_WIDGET (fixture.window), "timeline-demo-light.png");
  set_dark (TRUE);
  save_screenshot (GTK_WIDGET (fixture.window), "timeline-demo-dark.png");
  set_dark (FALSE);

  /* …and further down, the history with the drift marks */
  {
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (history_list),
                                                                                 GTK_TYPE_SCROLLED_WINDOW));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
    graphene_point_t point;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (history_list), gtk_scrolled_window_get_child (scrolled),
                                             &GRAPHENE_POINT_INIT (0, 0), &point));
    gtk_adjustment_set_value (adjustment, point.y - 12);
    drain_main_context ();
  }
  set_dark (FALSE);
  save_screenshot (GTK_WIDGET (fixture.window), "timeline-history-light.png");
  set_dark (TRUE);
  save_screenshot (GTK_WIDGET (fixture.window), "timeline-history-dark.png");
  set_dark (FALSE);

  /* Refresh reads everything again (the F5 action) */
  fixture.n_loaded = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "timeline.refresh", NULL));
  g_assert_true (pf_timeline_page_get_loading (fixture.page));
  wait_for (loaded_once, &fixture, "the refresh");
  drain_main_context ();
  g_ptr_array_unref (pending);
  pending = list_rows (pending_list);
  g_assert_cmpuint (pending->len, ==, 3);

  fixture_teardown (&fixture);
}

/* Without a project folder: the history, and the hint instead of the plan */
static void
test_no_project (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autoptr(GPtrArray) deployments = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  AdwStatusPage *hint;

  g_assert_no_error (error);
  fixture_setup (&fixture, path);
  load_and_wait (&fixture, NULL);

  hint = template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "no_project_status");
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (hint)));
  g_assert_cmpstr (adw_status_page_get_title (hint), ==, "Choose the project folder to see what will run next");
  g_assert_false (gtk_widget_get_visible (template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "next_box")));

  deployments = list_rows (template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "history_list"));
  g_assert_cmpuint (deployments->len, >, 1);
  collect_record_rows (template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "history_list"), records);
  g_assert_nonnull (find_record_row (records, "scheduling", "0023_accesslog_user_agent"));

  save_screenshot (GTK_WIDGET (fixture.window), "timeline-no-project.png");

  /* Clearing cancels and empties */
  pf_timeline_page_set_contents (fixture.page, NULL, NULL, NULL);
  g_assert_false (pf_timeline_page_get_loading (fixture.page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "main_stack")),
                   ==, "empty");

  fixture_teardown (&fixture);
}

/* The workspace finds the demo's project by itself and shows a Timeline page */
static void
test_workspace (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  PfWorkspace *workspace = PF_WORKSPACE (pf_workspace_new ());
  PfTimelinePage *page = pf_workspace_get_timeline_page (workspace);
  Fixture fixture = { 0 };
  AdwViewStackPage *stack_page;

  g_assert_no_error (error);
  database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);
  pf_database_open (database, NULL, &error);
  g_assert_no_error (error);
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);

  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (workspace));
  g_signal_connect (page, "loaded", G_CALLBACK (loaded_cb), &fixture);
  present_window (window);

  stack_page = adw_view_stack_get_page (pf_workspace_get_view_stack (workspace), GTK_WIDGET (page));
  g_assert_cmpstr (adw_view_stack_page_get_name (stack_page), ==, "timeline");
  g_assert_cmpstr (adw_view_stack_page_get_title (stack_page), ==, "Timeline");

  pf_workspace_set_contents (workspace, database, schema);
  wait_for (loaded_once, &fixture, "the workspace's timeline");
  g_assert_nonnull (pf_migration_analysis_get_source (pf_timeline_page_get_analysis (page)));
  g_assert_cmpuint (pf_migration_graph_get_pending (pf_migration_analysis_get_graph (pf_timeline_page_get_analysis (page)))->len,
                    ==, 3);

  pf_workspace_set_contents (workspace, NULL, NULL);
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  /* Fresh XDG dirs: the demo and its project are built anew */
  ui_test_init (&argc, &argv);
  set_wait_timeout (60);

  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, APP_PATH "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add_func ("/ui/timeline/demo", test_demo);
  g_test_add_func ("/ui/timeline/no-project", test_no_project);
  g_test_add_func ("/ui/timeline/workspace", test_workspace);

  return g_test_run ();
}
