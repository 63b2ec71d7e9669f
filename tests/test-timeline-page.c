/* test-timeline-page.c — the Timeline page on the real demo database and
 * its bundled Django project, and without a project folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-timeline-page"

#include "config.h"

#include "pf-test-ui.h"
#include "pf-timeline-page.h"
#include "pf-timeline-row.h"
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
  gtk_window_set_default_size (fixture->window, 1100, 900);
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

/* Every entry of the list in order, as the user would scroll through it
 * (open deployments' migrations included) */
static GPtrArray *
list_entries (PfTimelinePage *page)
{
  GtkListView *view = template_child (page, PF_TYPE_TIMELINE_PAGE, "list_view");
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);

      g_ptr_array_add (entries, gtk_tree_list_row_get_item (row));
    }

  return entries;
}

static GPtrArray *
entries_of_kind (GPtrArray           *entries,
                 PfTimelineEntryKind  kind)
{
  GPtrArray *of_kind = g_ptr_array_new ();

  for (guint i = 0; i < entries->len; i++)
    if (pf_timeline_entry_get_kind (entries->pdata[i]) == kind)
      g_ptr_array_add (of_kind, entries->pdata[i]);

  return of_kind;
}

/* The row widget showing @entry (it must be scrolled into view) */
static GtkWidget *
find_row (GtkWidget       *root,
          PfTimelineEntry *entry)
{
  if (PF_IS_TIMELINE_ROW (root) && pf_timeline_row_get_entry (PF_TIMELINE_ROW (root)) == entry &&
      gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, entry);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether any label under @root reads exactly @text */
static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  return find_descendant (root, GTK_TYPE_LABEL, text) != NULL;
}

/* Whether some label under @root contains @needle */
static gboolean
mentions (GtkWidget  *root,
          const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), needle) != NULL)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (root) &&
      strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (mentions (child, needle))
      return TRUE;

  return FALSE;
}

/* An activatable row under @root whose title starts with @prefix */
static GtkWidget *
find_activatable_row (GtkWidget  *root,
                      const char *prefix)
{
  if (ADW_IS_ACTION_ROW (root) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (root)) &&
      g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), prefix))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_activatable_row (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_of_kind (GPtrArray           *entries,
               PfTimelineEntryKind  kind)
{
  g_autoptr(GPtrArray) of_kind = entries_of_kind (entries, kind);

  return of_kind->len;
}

static PfTimelineEntry *
lookup (Fixture    *fixture,
        const char *app,
        const char *name)
{
  PfTimelineEntry *entry = pf_timeline_lookup (pf_timeline_page_get_timeline (fixture->page), app, name);

  g_assert_nonnull (entry);
  return entry;
}

/* Selects @entry and returns the detail widget, drawn */
static GtkWidget *
open_detail (Fixture         *fixture,
             PfTimelineEntry *entry)
{
  GtkWidget *detail = template_child (fixture->page, PF_TYPE_TIMELINE_PAGE, "detail");

  g_assert_true (pf_timeline_page_select (fixture->page, entry));
  drain_main_context ();
  g_assert_true (pf_timeline_page_get_selected (fixture->page) == entry);
  g_assert_true (gtk_widget_is_drawable (detail));

  return detail;
}

static char *
badge_description (GtkWidget *badge)
{
  /* The accessible description is also the tooltip */
  return g_strdup (gtk_widget_get_tooltip_text (badge));
}

/* ---- tests ---------------------------------------------------------------------- */

static const char * const demo_pending[] = {
  "0024_alter_shift_status",
  "0024_staffprofile_payroll_number",
  "0025_remove_accesslog_user_agent",
};

static void
test_demo (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autofree char *project = pf_demo_get_project_path ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) headings = NULL;
  g_autoptr(GPtrArray) deployments = NULL;
  GtkWidget *list_view, *row, *badge;
  guint n_faked = 0, n_drift = 0;

  g_assert_no_error (error);
  fixture_setup (&fixture, path);
  load_and_wait (&fixture, project);
  list_view = template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "list_view");

  entries = list_entries (fixture.page);
  headings = entries_of_kind (entries, PF_TIMELINE_ENTRY_HEADING);
  problems = entries_of_kind (entries, PF_TIMELINE_ENTRY_PROBLEM);
  pending = entries_of_kind (entries, PF_TIMELINE_ENTRY_PENDING);
  deployments = entries_of_kind (entries, PF_TIMELINE_ENTRY_DEPLOYMENT);

  /* At the top, Next Deployment with its summary line, then the banner's
   * problems, then the plan */
  g_assert_true (entries->pdata[0] == headings->pdata[0]);
  g_assert_cmpstr (pf_timeline_entry_get_title (headings->pdata[0]), ==, "Next Deployment");
  g_assert_cmpstr (pf_timeline_entry_get_subtitle (headings->pdata[0]), ==,
                   "3 migrations will run; 1 will fail; 1 is risky. "
                   "6 problems in the migrations block every deployment. 2 more need a look.");
  g_assert_true (entries->pdata[1] == problems->pdata[0]);
  g_assert_true (entries->pdata[1 + problems->len] == pending->pdata[0]);

  /* The banner: the conflict and the duplicate number, with their fixes,
   * and not what the plan's rows already say */
  {
    gboolean conflict = FALSE, duplicate = FALSE, inconsistent = FALSE;

    for (guint i = 0; i < problems->len; i++)
      {
        PfMigrationProblem *problem = pf_timeline_entry_get_problem (problems->pdata[i]);
        const char *title = pf_timeline_entry_get_title (problems->pdata[i]);

        conflict |= g_str_equal (title, "Conflicting migrations in scheduling") &&
                    g_strcmp0 (pf_migration_problem_get_fix (problem), "python manage.py makemigrations --merge") == 0;
        duplicate |= g_str_equal (title, "The app “scheduling” has two migrations numbered 0024");
        inconsistent |= strstr (title, "training.0002_course_duration_hours was applied before") != NULL;
        g_assert_cmpstr (pf_migration_problem_get_kind (problem), !=, PF_MIGRATION_PROBLEM_WILL_FAIL);
      }
    g_assert_true (conflict);
    g_assert_true (duplicate);
    g_assert_true (inconsistent);
    g_assert_cmpuint (problems->len, ==, 8);
  }

  /* Next deployment: the three pending migrations, in Django's order */
  g_assert_cmpuint (pending->len, ==, G_N_ELEMENTS (demo_pending));
  for (guint i = 0; i < pending->len; i++)
    {
      g_assert_cmpstr (pf_timeline_entry_get_app (pending->pdata[i]), ==, "scheduling");
      g_assert_cmpstr (pf_timeline_entry_get_name (pending->pdata[i]), ==, demo_pending[i]);
      g_assert_cmpuint (pf_timeline_entry_get_position (pending->pdata[i]), ==, i + 1);
    }
  g_assert_cmpstr (pf_timeline_entry_get_subtitle (pending->pdata[1]), ==,
                   "Adds the column payroll_number to staff profiles");

  /* Will fail on 0024_alter_shift_status only, its reason in words */
  row = find_row (list_view, pending->pdata[0]);
  g_assert_nonnull (row);
  badge = find_descendant (row, GTK_TYPE_LABEL, "Will fail");
  g_assert_nonnull (badge);
  {
    g_autofree char *description = badge_description (badge);

    g_test_message ("Will fail: %s", description);
    g_assert_true (g_str_has_prefix (description, "Will fail: Migration scheduling.0024_alter_shift_status will fail"));
  }
  g_assert_true (has_label (row, "1"));
  g_assert_false (has_label (find_row (list_view, pending->pdata[1]), "Will fail"));
  g_assert_false (has_label (find_row (list_view, pending->pdata[2]), "Will fail"));
  /* Risky: removing a column with data and irreversible Python code */
  g_assert_true (has_label (find_row (list_view, pending->pdata[2]), "Risky"));
  g_assert_false (has_label (find_row (list_view, pending->pdata[1]), "Risky"));

  /* History: deployments newest first, the newest open, the faked one
   * flagged, drift on 0017 and 0018 and nowhere else */
  {
    PfMigrationAnalysis *analysis = pf_timeline_page_get_analysis (fixture.page);
    PfMigrationHistory *django = g_ptr_array_index (pf_migration_analysis_get_histories (analysis), 0);
    GPtrArray *expected = pf_migration_history_get_deployments (django);

    g_assert_cmpuint (deployments->len, ==, expected->len);
    g_assert_cmpuint (deployments->len, >, 1);
    for (guint i = 0; i < deployments->len; i++)
      {
        PfDeployment *deployment = g_ptr_array_index (expected, expected->len - 1 - i);
        GListModel *children = pf_timeline_entry_get_children (deployments->pdata[i]);

        g_assert_true (pf_timeline_entry_get_deployment (deployments->pdata[i]) == deployment);
        g_assert_cmpuint (g_list_model_get_n_items (children), ==, deployment->n_records);
        if (deployment->probably_faked)
          {
            n_faked++;
            g_assert_true (pf_timeline_entry_has_problem_kind (deployments->pdata[i],
                                                               PF_MIGRATION_PROBLEM_PROBABLY_FAKED));
          }
        for (guint c = 0; c < g_list_model_get_n_items (children); c++)
          {
            g_autoptr(PfTimelineEntry) record = g_list_model_get_item (children, c);
            const char *name = pf_timeline_entry_get_name (record);
            gboolean drift = g_str_equal (name, "0017_shift_is_overtime") ||
                             g_str_equal (name, "0018_staffcertification");

            g_assert_cmpint (pf_timeline_entry_get_drift (record), ==, drift);
            n_drift += drift;
          }
      }
    g_assert_cmpuint (n_faked, ==, 1);
    g_assert_cmpuint (n_drift, ==, 2);
    /* The newest deployment's migrations follow it in the list */
    g_assert_true (pf_timeline_entry_get_kind (entries->pdata[entries->len - 1]) == PF_TIMELINE_ENTRY_DEPLOYMENT ||
                   pf_timeline_entry_get_kind (g_ptr_array_index (entries, 1 + problems->len + pending->len + 2)) ==
                   PF_TIMELINE_ENTRY_RECORD);
  }

  /* No project hint with a project */
  g_assert_false (gtk_widget_get_visible (template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "no_project_box")));

  /* The detail of the migration that will fail: why, with the live count,
   * the file, the operation in plain words and as written */
  {
    GtkWidget *detail = open_detail (&fixture, pending->pdata[0]);

    g_assert_true (mentions (detail, "will fail"));
    g_assert_true (has_label (detail, "Pending: runs as number 1 of the next deployment"));
    g_assert_true (mentions (detail, "0024_alter_shift_status.py"));
    g_assert_nonnull (find_descendant (detail, GTK_TYPE_BUTTON, "_Open Folder"));
    g_assert_true (mentions (detail, "migrations.AlterField(model_name='shift', name='status'"));
    save_screenshots_light_and_dark (GTK_WIDGET (fixture.window), "timeline-detail-will-fail");
  }

  /* A dependency opens its migration */
  {
    GtkWidget *detail = open_detail (&fixture, pending->pdata[2]);
    GtkWidget *dependency = find_activatable_row (detail, "scheduling · 0024_");

    g_assert_true (mentions (detail, "Depends On"));
    g_assert_true (mentions (detail, "Runs custom Python code"));
    g_assert_nonnull (dependency);
    g_signal_emit_by_name (dependency, "activated");
    drain_main_context ();
    g_assert_true (pf_timeline_page_get_selected (fixture.page) == pending->pdata[0] ||
                   pf_timeline_page_get_selected (fixture.page) == pending->pdata[1]);
  }

  /* Drift, per operation, in an applied migration */
  {
    PfTimelineEntry *record = lookup (&fixture, "scheduling", "0018_staffcertification");
    GtkWidget *detail = open_detail (&fixture, record);

    g_assert_cmpint (pf_timeline_entry_get_kind (record), ==, PF_TIMELINE_ENTRY_RECORD);
    g_assert_true (has_label (detail, "The table scheduling_staffcertification is missing"));
    g_assert_true (has_label (detail, "Creates the table for staff certifications"));
    row = find_row (list_view, record);
    g_assert_nonnull (row);
    badge = find_descendant (row, GTK_TYPE_LABEL, "Drift");
    g_assert_nonnull (badge);
    {
      g_autofree char *description = badge_description (badge);

      g_assert_cmpstr (description, ==, "Drift: The table scheduling_staffcertification is missing");
    }
    save_screenshots_light_and_dark (GTK_WIDGET (fixture.window), "timeline-detail-drift");
  }

  /* Mark as reviewed: kept in the profile, shown as a badge */
  {
    PfTimelineEntry *entry = pending->pdata[1];
    GtkWidget *detail = open_detail (&fixture, entry);
    GtkWidget *reviewer = find_descendant (detail, ADW_TYPE_ENTRY_ROW, NULL);
    GtkSwitch *toggle = GTK_SWITCH (find_descendant (find_activatable_row (detail, "Marked as"),
                                                     GTK_TYPE_SWITCH, NULL));
    PfConnectionProfile *profile = pf_database_get_profile (fixture.database);
    const PfMigrationReview *review;

    g_assert_nonnull (reviewer);
    g_assert_nonnull (toggle);
    g_assert_null (pf_timeline_entry_get_review (entry));

    /* No name, no mark */
    gtk_editable_set_text (GTK_EDITABLE (reviewer), "");
    gtk_switch_set_active (toggle, TRUE);
    drain_main_context ();
    g_assert_false (gtk_switch_get_active (toggle));
    g_assert_true (gtk_widget_has_css_class (reviewer, "error"));
    g_assert_null (pf_connection_profile_get_review (profile, "scheduling", demo_pending[1]));

    gtk_editable_set_text (GTK_EDITABLE (reviewer), "Zoë Łukasiewicz");
    gtk_switch_set_active (toggle, TRUE);
    drain_main_context ();
    review = pf_connection_profile_get_review (profile, "scheduling", demo_pending[1]);
    g_assert_nonnull (review);
    g_assert_cmpstr (review->reviewer, ==, "Zoë Łukasiewicz");
    g_assert_nonnull (pf_timeline_entry_get_review (entry));
    g_assert_cmpuint (pf_timeline_count_reviewed (pf_timeline_page_get_timeline (fixture.page)), ==, 1);
    g_assert_true (has_label (find_row (list_view, entry), "Reviewed"));
    /* Not a saved connection: says the mark does not outlive the window */
    g_assert_true (mentions (detail, "kept only while it is open"));
    save_screenshots_light_and_dark (GTK_WIDGET (fixture.window), "timeline-detail-reviewed");

    gtk_switch_set_active (toggle, FALSE);
    drain_main_context ();
    g_assert_null (pf_connection_profile_get_review (profile, "scheduling", demo_pending[1]));
    g_assert_false (has_label (find_row (list_view, entry), "Reviewed"));
  }

  /* Filters: a search, "only problems", one app */
  {
    GtkEditable *search = template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "search_entry");
    GtkToggleButton *problems_toggle = template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "problems_toggle");
    GtkDropDown *apps = template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "app_dropdown");
    g_autoptr(GPtrArray) shown = NULL;
    g_autoptr(GPtrArray) shown_pending = NULL;
    g_autoptr(GPtrArray) shown_records = NULL;

    gtk_editable_set_text (search, "payroll");
    wait_ms (400);
    drain_main_context ();
    shown = list_entries (fixture.page);
    shown_pending = entries_of_kind (shown, PF_TIMELINE_ENTRY_PENDING);
    g_assert_cmpuint (shown_pending->len, ==, 1);
    g_assert_cmpstr (pf_timeline_entry_get_name (shown_pending->pdata[0]), ==, demo_pending[1]);
    g_assert_cmpuint (count_of_kind (shown, PF_TIMELINE_ENTRY_PROBLEM), ==, 0);
    g_ptr_array_unref (shown);
    g_clear_pointer (&shown_pending, g_ptr_array_unref);

    gtk_editable_set_text (search, "");
    gtk_toggle_button_set_active (problems_toggle, TRUE);
    wait_ms (400);
    drain_main_context ();
    shown = list_entries (fixture.page);
    shown_pending = entries_of_kind (shown, PF_TIMELINE_ENTRY_PENDING);
    shown_records = entries_of_kind (shown, PF_TIMELINE_ENTRY_RECORD);
    /* Will fail, the same number 0024 twice, risky: all three */
    g_assert_cmpuint (shown_pending->len, ==, 3);
    for (guint i = 0; i < shown_pending->len; i++)
      g_assert_true (pf_timeline_entry_get_needs_attention (shown_pending->pdata[i]));
    g_assert_cmpuint (count_of_kind (shown, PF_TIMELINE_ENTRY_PROBLEM), ==, 8);
    for (guint i = 0; i < shown_records->len; i++)
      g_assert_true (pf_timeline_entry_get_needs_attention (shown_records->pdata[i]));
    g_assert_cmpuint (shown_records->len, >=, 2);
    save_screenshots_light_and_dark (GTK_WIDGET (fixture.window), "timeline-only-problems");
    gtk_toggle_button_set_active (problems_toggle, FALSE);

    /* One app: the training app has no pending migrations */
    for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (apps)); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (apps)), i), "training") == 0)
        gtk_drop_down_set_selected (apps, i);
    drain_main_context ();
    g_ptr_array_unref (shown);
    g_clear_pointer (&shown_pending, g_ptr_array_unref);
    g_clear_pointer (&shown_records, g_ptr_array_unref);
    shown = list_entries (fixture.page);
    shown_pending = entries_of_kind (shown, PF_TIMELINE_ENTRY_PENDING);
    shown_records = entries_of_kind (shown, PF_TIMELINE_ENTRY_RECORD);
    g_assert_cmpuint (shown_pending->len, ==, 0);
    g_assert_cmpuint (shown_records->len, >, 0);
    for (guint i = 0; i < shown_records->len; i++)
      g_assert_cmpstr (pf_timeline_entry_get_app (shown_records->pdata[i]), ==, "training");
    gtk_drop_down_set_selected (apps, 0);
    drain_main_context ();
  }

  /* A narrow window: list and detail in one pane, with a way back */
  {
    AdwLeaflet *leaflet = template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "leaflet");
    GtkWidget *back = template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "back_button");

    gtk_window_set_default_size (fixture.window, 480, 800);
    wait_ms (300);
    drain_main_context ();
    g_assert_true (adw_leaflet_get_folded (leaflet));
    g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
    g_assert_true (pf_timeline_page_select (fixture.page, pending->pdata[0]));
    drain_main_context ();
    /* Selecting alone keeps the list in a narrow window; Enter opens */
    g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
    g_signal_emit_by_name (list_view, "activate",
                           gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)))));
    wait_ms (400);
    drain_main_context ();
    g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
    g_assert_true (gtk_widget_is_drawable (back));
    save_screenshot (GTK_WIDGET (fixture.window), "timeline-narrow-detail.png");
    click (back);
    wait_ms (400);
    drain_main_context ();
    g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
    gtk_window_set_default_size (fixture.window, 1100, 900);
    wait_ms (300);
    drain_main_context ();
  }

  /* Refresh reads everything again (the F5 action) and keeps the detail */
  open_detail (&fixture, pending->pdata[1]);
  fixture.n_loaded = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "timeline.refresh", NULL));
  g_assert_true (pf_timeline_page_get_loading (fixture.page));
  wait_for (loaded_once, &fixture, "the refresh");
  drain_main_context ();
  g_ptr_array_unref (entries);
  entries = list_entries (fixture.page);
  g_ptr_array_unref (pending);
  pending = entries_of_kind (entries, PF_TIMELINE_ENTRY_PENDING);
  g_assert_cmpuint (pending->len, ==, 3);
  g_assert_nonnull (pf_timeline_page_get_selected (fixture.page));
  g_assert_cmpstr (pf_timeline_entry_get_name (pf_timeline_page_get_selected (fixture.page)), ==, demo_pending[1]);

  fixture_teardown (&fixture);
}

/* Without a project folder: the history, and the hint instead of the plan */
static void
test_no_project (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  GtkWidget *hint;

  g_assert_no_error (error);
  fixture_setup (&fixture, path);
  load_and_wait (&fixture, NULL);

  hint = template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "no_project_box");
  g_assert_true (gtk_widget_is_drawable (hint));
  g_assert_true (has_label (hint, "No Project Folder"));
  g_assert_nonnull (find_descendant (hint, GTK_TYPE_BUTTON, "_Choose Project Folder…"));
  g_assert_true (gtk_widget_is_sensitive (find_descendant (hint, GTK_TYPE_BUTTON, "_Choose Project Folder…")));

  entries = list_entries (fixture.page);
  pending = entries_of_kind (entries, PF_TIMELINE_ENTRY_PENDING);
  g_assert_cmpuint (pending->len, ==, 0);
  g_assert_cmpuint (count_of_kind (entries, PF_TIMELINE_ENTRY_DEPLOYMENT), >, 1);
  g_assert_nonnull (lookup (&fixture, "scheduling", "0023_accesslog_user_agent"));
  {
    GtkWidget *detail = open_detail (&fixture, lookup (&fixture, "scheduling", "0023_accesslog_user_agent"));

    g_assert_true (has_label (detail, "Recorded as applied on") || mentions (detail, "Recorded as applied on"));
    g_assert_true (mentions (detail, "Choose the project folder to see the file"));
  }

  save_screenshot (GTK_WIDGET (fixture.window), "timeline-no-project.png");

  /* Clearing cancels and empties */
  pf_timeline_page_set_contents (fixture.page, NULL, NULL, NULL);
  g_assert_false (pf_timeline_page_get_loading (fixture.page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture.page, PF_TYPE_TIMELINE_PAGE, "main_stack")),
                   ==, "empty");

  fixture_teardown (&fixture);
}

static gboolean
pending_count_is_4 (gpointer data)
{
  Fixture *fixture = data;
  PfTimeline *timeline = pf_timeline_page_get_timeline (fixture->page);

  return !pf_timeline_page_get_loading (fixture->page) && timeline != NULL &&
         g_list_model_get_n_items (pf_timeline_get_pending (timeline)) == 4;
}

static void
copy_tree (GFile *from,
           GFile *to)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  g_file_make_directory_with_parents (to, NULL, NULL);
  children = g_file_enumerate_children (from, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  g_assert_no_error (error);
  while ((info = g_file_enumerator_next_file (children, NULL, &error)) != NULL)
    {
      g_autoptr(GFile) source = g_file_get_child (from, g_file_info_get_name (info));
      g_autoptr(GFile) target = g_file_get_child (to, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        copy_tree (source, target);
      else
        {
          g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
        }
      g_object_unref (info);
    }
  g_assert_no_error (error);
}

/* A new migration file in the project shows without Refresh */
static void
test_watch_project (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autofree char *demo_project = pf_demo_get_project_path ();
  g_autofree char *project = g_build_filename (g_get_user_cache_dir (), "watched-project", NULL);
  g_autofree char *new_file = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;

  g_assert_no_error (error);
  fixture_setup (&fixture, path);
  /* Write the demo project out, then copy it somewhere we may change */
  load_and_wait (&fixture, demo_project);
  from = g_file_new_for_path (demo_project);
  to = g_file_new_for_path (project);
  copy_tree (from, to);
  load_and_wait (&fixture, project);
  g_assert_cmpuint (g_list_model_get_n_items (pf_timeline_get_pending (pf_timeline_page_get_timeline (fixture.page))), ==, 3);

  new_file = g_build_filename (project, "scheduling", "migrations", "0026_shift_note.py", NULL);
  g_file_set_contents (new_file,
                       "from django.db import migrations, models\n\n\n"
                       "class Migration(migrations.Migration):\n"
                       "    dependencies = [(\"scheduling\", \"0025_remove_accesslog_user_agent\")]\n\n"
                       "    operations = [\n"
                       "        migrations.AddField(model_name=\"shift\", name=\"note\",\n"
                       "                            field=models.TextField(blank=True, default=\"\")),\n"
                       "    ]\n",
                       -1, &error);
  g_assert_no_error (error);
  wait_for (pending_count_is_4, &fixture, "the new migration to show");
  {
    PfTimelineEntry *entry = lookup (&fixture, "scheduling", "0026_shift_note");

    g_assert_cmpuint (pf_timeline_entry_get_position (entry), ==, 4);
    g_assert_cmpstr (pf_timeline_entry_get_subtitle (entry), ==, "Adds the column note to shifts");
  }

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
  g_test_add_func ("/ui/timeline/watch-project", test_watch_project);
  g_test_add_func ("/ui/timeline/workspace", test_workspace);

  return g_test_run ();
}
