/* test-checklist-page.c — the Checklist page on the real demo database:
 * starting the routine template, walking its steps, ticking and skipping,
 * progress kept across a new page and store, the sign-off and Check Again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-checklist-page"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "pf-checklist-item-row.h"
#include "pf-checklist-page.h"
#include "pf-test-ui.h"

/* ---- helpers ---------------------------------------------------------------- */

static gpointer
template_child (gpointer    widget,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), PF_TYPE_CHECKLIST_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static const char *
label_text (PfChecklistPage *page,
            const char      *name)
{
  return gtk_label_get_label (GTK_LABEL (template_child (page, name)));
}

typedef struct
{
  GtkWindow       *window;
  PfChecklistPage *page;
  PfDatabase      *database;
  PfSchema        *schema;
  char            *path;
  char            *project;
  char            *store_dir;
} Fixture;

static void
fixture_setup (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->path = pf_demo_ensure (NULL, &error);
  g_assert_no_error (error);
  fixture->project = pf_demo_get_project_path ();
  fixture->store_dir = g_build_filename (g_get_user_config_dir (), "preflight", "checklists", NULL);

  fixture->database = pf_database_new_for_target (fixture->path, &error);
  g_assert_no_error (error);
  pf_database_open (fixture->database, NULL, &error);
  g_assert_no_error (error);
  fixture->schema = pf_database_introspect (fixture->database, NULL, &error);
  g_assert_no_error (error);
}

/* A new window with a new page reading progress from a new store on the
 * same folder, as after a restart */
static void
fixture_show (Fixture *fixture)
{
  g_autoptr(PfChecklistStore) store = pf_checklist_store_new (fixture->store_dir);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 1000);
  fixture->page = PF_CHECKLIST_PAGE (pf_checklist_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->page), TRUE);
  pf_checklist_page_set_store (fixture->page, store);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->page));
  adw_window_set_content (ADW_WINDOW (fixture->window), box);
  present_window (fixture->window);

  pf_checklist_page_set_contents (fixture->page, fixture->database, fixture->schema, FALSE, fixture->project);
}

static void
fixture_hide (Fixture *fixture)
{
  destroy_window (fixture->window);
  fixture->window = NULL;
  fixture->page = NULL;
}

static void
fixture_teardown (Fixture *fixture)
{
  if (fixture->window != NULL)
    fixture_hide (fixture);
  g_clear_object (&fixture->schema);
  g_clear_object (&fixture->database);
  g_free (fixture->path);
  g_free (fixture->project);
  g_free (fixture->store_dir);
}

static gboolean
checks_idle (gpointer data)
{
  return !pf_checklist_page_get_checking (PF_CHECKLIST_PAGE (data));
}

static void
wait_for_checks (Fixture *fixture)
{
  drain_main_context ();
  wait_for (checks_idle, fixture->page, "the automatic checks to finish");
  drain_main_context ();
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), action, NULL));
  drain_main_context ();
}

/* The row of item @id on the current step */
static PfChecklistItemRow *
find_row (Fixture    *fixture,
          const char *id)
{
  GtkWidget *list = template_child (fixture->page, "items_list");

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PfChecklistEntry *entry;

      if (!PF_IS_CHECKLIST_ITEM_ROW (child))
        continue;
      entry = pf_checklist_item_row_get_entry (PF_CHECKLIST_ITEM_ROW (child));
      if (g_str_equal (pf_checklist_item_get_id (pf_checklist_entry_get_item (entry)), id))
        return PF_CHECKLIST_ITEM_ROW (child);
    }

  g_error ("no row for “%s” on step %u", id, pf_checklist_page_get_step (fixture->page) + 1);
  return NULL;
}

static gpointer
row_child (PfChecklistItemRow *row,
           const char         *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (row), PF_TYPE_CHECKLIST_ITEM_ROW, name);

  g_assert_nonnull (child);
  return child;
}

static PfChecklistEntry *
lookup (Fixture    *fixture,
        const char *id)
{
  PfChecklistEntry *entry = pf_checklist_run_lookup (pf_checklist_page_get_run (fixture->page), id);

  g_assert_nonnull (entry);
  return entry;
}

static void
go_to_step_of (Fixture    *fixture,
               const char *id)
{
  guint step = G_MAXUINT;

  g_assert_nonnull (pf_checklist_template_find_item (pf_checklist_run_get_template (pf_checklist_page_get_run (fixture->page)),
                                                     id, &step));
  pf_checklist_page_go_to_step (fixture->page, step);
  g_assert_cmpuint (pf_checklist_page_get_step (fixture->page), ==, step);
  wait_for_checks (fixture);
}

static void
tick (Fixture    *fixture,
      const char *id)
{
  PfChecklistItemRow *row;
  GtkCheckButton *check;

  go_to_step_of (fixture, id);
  row = find_row (fixture, id);
  check = row_child (row, "done_check");
  g_assert_true (widget_is_usable (GTK_WIDGET (check)));
  g_assert_false (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, TRUE);
  drain_main_context ();
  g_assert_cmpint (pf_checklist_entry_get_state (lookup (fixture, id)), ==, PF_CHECKLIST_STATE_DONE);
}

/* The AdwMessageDialog the page presented (a new reference) */
static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  drain_main_context ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (g_object_ref (window));
    }

  g_error ("no message dialog is shown");
  return NULL;
}

static const char *manual_required[] = {
  "restore-tested", "sql-read", "staging-run", "window-booked", "rollback-plan",
  "reverse-migrations", "smoke-test", "monitoring",
};

/* ---- tests ------------------------------------------------------------------ */

static void
test_walk (void)
{
  Fixture fixture = { 0 };
  PfChecklistRun *run;
  PfChecklistItemRow *row;
  g_autofree char *expected_summary = NULL;
  g_autofree char *path = NULL;
  GStatBuf before, after;

  fixture_setup (&fixture);
  g_assert_cmpint (g_stat (fixture.path, &before), ==, 0);
  fixture_show (&fixture);

  /* No run yet: the intro, with the templates to choose from */
  g_assert_null (pf_checklist_page_get_run (fixture.page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture.page, "stack")), ==, "intro");
  g_assert_cmpstr (pf_checklist_page_get_summary (fixture.page), ==, "Not started");
  g_assert_nonnull (find_descendant (template_child (fixture.page, "template_list"),
                                     ADW_TYPE_ACTION_ROW, "Routine schema migration"));
  save_screenshot (GTK_WIDGET (fixture.window), "checklist-intro.png");

  /* Start: step 1 of the template's steps and the sign-off */
  g_assert_true (pf_checklist_page_start (fixture.page, "routine-migration"));
  run = pf_checklist_page_get_run (fixture.page);
  g_assert_nonnull (run);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture.page, "stack")), ==, "run");
  g_assert_cmpuint (pf_checklist_page_get_n_steps (fixture.page), ==, 8);
  g_assert_cmpuint (pf_checklist_page_get_step (fixture.page), ==, 0);
  g_assert_cmpstr (label_text (fixture.page, "step_label"), ==, "Step 1 of 8");
  g_assert_cmpstr (label_text (fixture.page, "template_label"), ==, "Routine schema migration");
  g_assert_cmpstr (label_text (fixture.page, "step_title_label"), ==, "Connection and data");
  /* Entering the step runs its automatic checks */
  g_assert_true (pf_checklist_page_get_checking (fixture.page));
  wait_for_checks (&fixture);

  /* The demo connects, and its orphans, conflict and failing migration block */
  g_assert_cmpint (pf_checklist_entry_get_state (lookup (&fixture, "connection")), ==, PF_CHECKLIST_STATE_DONE);
  g_assert_cmpint (pf_checklist_entry_get_state (lookup (&fixture, "integrity")), ==, PF_CHECKLIST_STATE_FAILED);
  g_assert_cmpint (pf_checklist_entry_get_state (lookup (&fixture, "migration-history")), ==, PF_CHECKLIST_STATE_FAILED);
  g_assert_cmpint (pf_checklist_entry_get_state (lookup (&fixture, "migrations-succeed")), ==, PF_CHECKLIST_STATE_FAILED);
  row = find_row (&fixture, "integrity");
  g_test_message ("integrity: %s", pf_checklist_entry_get_evidence (lookup (&fixture, "integrity")));
  g_assert_cmpstr (gtk_label_get_label (row_child (row, "state_badge")), ==, "Failed");
  g_assert_true (gtk_widget_get_visible (row_child (row, "evidence_label")));
  g_assert_cmpstr (gtk_label_get_label (row_child (row, "evidence_label")), ==,
                   pf_checklist_entry_get_evidence (lookup (&fixture, "integrity")));
  g_assert_cmpuint (strlen (gtk_label_get_label (row_child (row, "evidence_label"))), >, 10);
  g_assert_true (gtk_widget_get_visible (row_child (row, "findings_button")));
  g_assert_true (gtk_widget_get_visible (row_child (row, "run_button")));
  g_assert_false (gtk_widget_get_visible (row_child (row, "done_check")));
  g_assert_cmpstr (gtk_label_get_label (row_child (find_row (&fixture, "connection"), "state_badge")), ==, "Passed");
  save_screenshots_light_and_dark (GTK_WIDGET (fixture.window), "checklist-step");

  /* A narrow window: the step scrolls, Back and Next stay on screen */
  {
    GtkWidget *next = template_child (fixture.page, "next_button");
    graphene_rect_t bounds;

    gtk_window_set_default_size (fixture.window, 360, 640);
    wait_ms (300);
    drain_main_context ();
    g_assert_true (gtk_widget_is_drawable (next));
    g_assert_true (gtk_widget_compute_bounds (next, GTK_WIDGET (fixture.window), &bounds));
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (fixture.window)));
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (fixture.window)));
    save_screenshot (GTK_WIDGET (fixture.window), "checklist-narrow.png");
    gtk_window_set_default_size (fixture.window, 900, 1000);
    wait_ms (300);
    drain_main_context ();
  }

  /* Run Again re-runs one item */
  click (row_child (find_row (&fixture, "connection"), "run_button"));
  g_assert_true (pf_checklist_page_get_checking (fixture.page));
  wait_for_checks (&fixture);
  g_assert_cmpint (pf_checklist_entry_get_state (lookup (&fixture, "connection")), ==, PF_CHECKLIST_STATE_DONE);

  /* Next and Back (what Alt+Right and Alt+Left do) */
  g_assert_false (gtk_widget_get_sensitive (template_child (fixture.page, "back_button")));
  activate (&fixture, "checklist.next");
  g_assert_cmpstr (label_text (fixture.page, "step_label"), ==, "Step 2 of 8");
  g_assert_cmpstr (label_text (fixture.page, "step_title_label"), ==, "Backup");
  wait_for_checks (&fixture);
  /* No backup was made: the item says so, and offers one */
  g_assert_cmpint (pf_checklist_entry_get_state (lookup (&fixture, "backup-verified")), ==, PF_CHECKLIST_STATE_OPEN);
  g_assert_nonnull (pf_checklist_entry_get_evidence (lookup (&fixture, "backup-verified")));
  g_assert_true (gtk_widget_get_visible (row_child (find_row (&fixture, "backup-verified"), "evidence_label")));
  g_assert_true (gtk_widget_get_visible (row_child (find_row (&fixture, "backup-verified"), "backup_button")));
  activate (&fixture, "checklist.back");
  g_assert_cmpstr (label_text (fixture.page, "step_label"), ==, "Step 1 of 8");
  activate (&fixture, "checklist.next");
  wait_for_checks (&fixture);

  /* Ticking without a name asks for it and ticks nothing */
  gtk_editable_set_text (GTK_EDITABLE (template_child (fixture.page, "name_row")), "");
  row = find_row (&fixture, "restore-tested");
  gtk_check_button_set_active (row_child (row, "done_check"), TRUE);
  drain_main_context ();
  g_assert_cmpint (pf_checklist_entry_get_state (lookup (&fixture, "restore-tested")), ==, PF_CHECKLIST_STATE_OPEN);
  g_assert_false (gtk_check_button_get_active (row_child (row, "done_check")));
  g_assert_true (gtk_widget_get_visible (template_child (fixture.page, "error_label")));

  /* With the name: done by that person, now, with a note */
  gtk_editable_set_text (GTK_EDITABLE (template_child (fixture.page, "name_row")), "Anna Kowalska");
  tick (&fixture, "restore-tested");
  g_assert_cmpstr (pf_checklist_entry_get_who (lookup (&fixture, "restore-tested")), ==, "Anna Kowalska");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (row_child (row, "status_label")), "Done by Anna Kowalska at "));
  g_assert_true (gtk_widget_get_visible (row_child (row, "note_entry")));
  gtk_editable_set_text (GTK_EDITABLE (row_child (row, "note_entry")), "Restored on test-db-2");
  g_signal_emit_by_name (row_child (row, "note_entry"), "activate");
  drain_main_context ();
  g_assert_cmpstr (pf_checklist_entry_get_note (lookup (&fixture, "restore-tested")), ==, "Restored on test-db-2");
  g_assert_cmpstr (pf_checklist_entry_get_who (lookup (&fixture, "restore-tested")), ==, "Anna Kowalska");
  {
    g_autofree char *progress = g_strdup_printf ("%u of %u done",
                                                 pf_checklist_run_get_n_settled (run),
                                                 pf_checklist_run_get_n_items (run));

    g_assert_cmpuint (pf_checklist_run_get_n_settled (run), >=, 1);
    g_assert_cmpstr (label_text (fixture.page, "progress_label"), ==, progress);
  }

  /* Kept after a restart: a new page and a new store on the same folder */
  fixture_hide (&fixture);
  fixture_show (&fixture);
  run = pf_checklist_page_get_run (fixture.page);
  g_assert_nonnull (run);
  g_assert_cmpuint (pf_checklist_page_get_step (fixture.page), ==, 1);
  g_assert_cmpstr (label_text (fixture.page, "step_label"), ==, "Step 2 of 8");
  g_assert_cmpint (pf_checklist_entry_get_state (lookup (&fixture, "restore-tested")), ==, PF_CHECKLIST_STATE_DONE);
  g_assert_cmpstr (pf_checklist_entry_get_who (lookup (&fixture, "restore-tested")), ==, "Anna Kowalska");
  g_assert_cmpstr (pf_checklist_entry_get_note (lookup (&fixture, "restore-tested")), ==, "Restored on test-db-2");
  g_assert_true (gtk_check_button_get_active (row_child (find_row (&fixture, "restore-tested"), "done_check")));
  /* The name is remembered */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_child (fixture.page, "name_row"))), ==,
                   "Anna Kowalska");
  wait_for_checks (&fixture);

  /* Untick and tick again */
  gtk_check_button_set_active (row_child (find_row (&fixture, "restore-tested"), "done_check"), FALSE);
  drain_main_context ();
  g_assert_cmpint (pf_checklist_entry_get_state (lookup (&fixture, "restore-tested")), ==, PF_CHECKLIST_STATE_OPEN);
  tick (&fixture, "restore-tested");

  /* Every other manual item; the optional one skipped */
  for (guint i = 1; i < G_N_ELEMENTS (manual_required); i++)
    tick (&fixture, manual_required[i]);
  go_to_step_of (&fixture, "duration-measured");
  row = find_row (&fixture, "duration-measured");
  g_assert_true (gtk_widget_get_visible (row_child (row, "skip_button")));
  g_assert_false (gtk_widget_get_visible (row_child (find_row (&fixture, "staging-run"), "skip_button")));
  click (row_child (row, "skip_button"));
  drain_main_context ();
  g_assert_cmpint (pf_checklist_entry_get_state (lookup (&fixture, "duration-measured")), ==, PF_CHECKLIST_STATE_SKIPPED);
  g_assert_cmpstr (gtk_label_get_label (row_child (row, "state_badge")), ==, "Skipped");

  /* Through every step with Next, from the first */
  pf_checklist_page_go_to_step (fixture.page, 0);
  wait_for_checks (&fixture);
  for (guint step = 1; step + 1 < pf_checklist_page_get_n_steps (fixture.page); step++)
    {
      g_autofree char *expected = g_strdup_printf ("Step %u of 8", step + 1);

      activate (&fixture, "checklist.next");
      g_assert_cmpstr (label_text (fixture.page, "step_label"), ==, expected);
      wait_for_checks (&fixture);
    }

  /* The automatic items of every step ran when it was shown: each has evidence */
  for (guint i = 0; i < pf_checklist_run_get_n_items (pf_checklist_page_get_run (fixture.page)); i++)
    {
      g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (pf_checklist_run_get_entries (pf_checklist_page_get_run (fixture.page)), i);
      PfChecklistItem *item = pf_checklist_entry_get_item (entry);

      g_test_message ("%s: %s — %s", pf_checklist_item_get_id (item),
                      pf_checklist_state_to_string (pf_checklist_entry_get_state (entry)),
                      pf_checklist_entry_get_evidence (entry));
      if (pf_checklist_item_get_kind (item) == PF_CHECKLIST_ITEM_AUTOMATIC &&
          !pf_checklist_entry_get_manual_fallback (entry))
        {
          g_assert_cmpint (pf_checklist_entry_get_state (entry), !=, PF_CHECKLIST_STATE_RUNNING);
          g_assert_nonnull (pf_checklist_entry_get_evidence (entry));
        }
    }
  /* PostgreSQL's items do not apply to SQLite */
  g_assert_cmpint (pf_checklist_entry_get_state (lookup (&fixture, "pg-sessions")), ==,
                   PF_CHECKLIST_STATE_NOT_APPLICABLE);

  /* The sign-off: the verdict is not ready (the demo has blockers) */
  pf_checklist_page_go_to_step (fixture.page, 7);
  drain_main_context ();
  g_assert_cmpstr (label_text (fixture.page, "step_label"), ==, "Step 8 of 8");
  g_assert_cmpstr (label_text (fixture.page, "step_title_label"), ==, "Sign-off");
  g_assert_false (gtk_widget_get_visible (template_child (fixture.page, "next_button")));
  g_assert_true (g_str_has_prefix (label_text (fixture.page, "verdict_label"), "Not ready: "));
  g_test_message ("verdict: %s", label_text (fixture.page, "verdict_label"));
  g_assert_nonnull (find_descendant (template_child (fixture.page, "summary_list"), ADW_TYPE_ACTION_ROW,
                                     "The backup was restored on a test machine"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_child (fixture.page, "signer_row"))), ==,
                   "Anna Kowalska");
  gtk_editable_set_text (GTK_EDITABLE (template_child (fixture.page, "signer_row")), "");
  drain_main_context ();
  g_assert_false (gtk_widget_get_sensitive (template_child (fixture.page, "sign_button")));
  gtk_editable_set_text (GTK_EDITABLE (template_child (fixture.page, "signer_row")), "Anna Kowalska");
  gtk_editable_set_text (GTK_EDITABLE (template_child (fixture.page, "role_row")), "Service manager");
  drain_main_context ();
  g_assert_true (gtk_widget_get_sensitive (template_child (fixture.page, "sign_button")));
  click (template_child (fixture.page, "sign_button"));
  drain_main_context ();

  run = pf_checklist_page_get_run (fixture.page);
  g_assert_nonnull (pf_checklist_run_get_signoff (run));
  g_assert_cmpstr (pf_checklist_signoff_get_signer (pf_checklist_run_get_signoff (run)), ==, "Anna Kowalska");
  g_assert_cmpstr (pf_checklist_signoff_get_role (pf_checklist_run_get_signoff (run)), ==, "Service manager");
  g_assert_cmpstr (pf_checklist_signoff_get_verdict (pf_checklist_run_get_signoff (run)), ==, "no-go");
  g_assert_true (gtk_widget_get_visible (template_child (fixture.page, "signed_box")));
  g_assert_true (g_str_has_prefix (label_text (fixture.page, "signed_label"),
                                   "Signed by Anna Kowalska (Service manager) on "));
  g_assert_nonnull (strstr (label_text (fixture.page, "signed_label"), " · fingerprint "));
  expected_summary = g_strdup_printf ("%u of %u done · Signed by Anna Kowalska on ",
                                      pf_checklist_run_get_n_settled (run), pf_checklist_run_get_n_items (run));
  g_assert_true (g_str_has_prefix (pf_checklist_page_get_summary (fixture.page), expected_summary));
  save_screenshots_light_and_dark (GTK_WIDGET (fixture.window), "checklist-signoff");

  /* Check Again with nothing changed */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "checklist.check-again", NULL));
  g_assert_true (pf_checklist_page_get_checking (fixture.page));
  g_assert_true (gtk_widget_get_visible (template_child (fixture.page, "check_spinner")));
  wait_for_checks (&fixture);
  g_assert_true (gtk_widget_get_visible (template_child (fixture.page, "changes_group")));
  {
    GtkWidget *first = gtk_widget_get_first_child (template_child (fixture.page, "changes_list"));

    g_assert_true (ADW_IS_ACTION_ROW (first));
    g_test_message ("check again: %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)));
    g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)),
                                     "Nothing changed since Anna Kowalska signed on "));
    g_assert_null (gtk_widget_get_next_sibling (first));
  }

  /* A signed run reopens on its sign-off */
  fixture_hide (&fixture);
  fixture_show (&fixture);
  g_assert_cmpuint (pf_checklist_page_get_step (fixture.page), ==, 7);
  g_assert_true (gtk_widget_get_visible (template_child (fixture.page, "signed_box")));

  /* The file on disk holds the run: the demo database itself was not written */
  path = g_build_filename (fixture.store_dir, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (g_stat (fixture.path, &after), ==, 0);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
  g_assert_cmpint (before.st_size, ==, after.st_size);

  fixture_teardown (&fixture);
}

/* A change to the database after the sign-off is named by Check Again */
static void
test_check_again_change (void)
{
  Fixture fixture = { 0 };
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  sqlite3 *db = NULL;
  GtkWidget *first;
  gboolean named = FALSE;

  fixture_setup (&fixture);
  /* A copy of the demo, so the change does not leak into other tests */
  copy = g_build_filename (g_get_user_data_dir (), "rota-signed.sqlite3", NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_get_contents (fixture.path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  g_clear_object (&fixture.schema);
  g_clear_object (&fixture.database);
  g_free (fixture.path);
  fixture.path = g_strdup (copy);
  fixture.database = pf_database_new_for_target (copy, &error);
  g_assert_no_error (error);
  pf_database_open (fixture.database, NULL, &error);
  g_assert_no_error (error);
  fixture.schema = pf_database_introspect (fixture.database, NULL, &error);
  g_assert_no_error (error);

  fixture_show (&fixture);
  g_assert_true (pf_checklist_page_start (fixture.page, "routine-migration"));
  wait_for_checks (&fixture);
  pf_checklist_page_go_to_step (fixture.page, pf_checklist_page_get_n_steps (fixture.page) - 1);
  drain_main_context ();
  gtk_editable_set_text (GTK_EDITABLE (template_child (fixture.page, "signer_row")), "Anna Kowalska");
  drain_main_context ();
  click (template_child (fixture.page, "sign_button"));
  drain_main_context ();
  g_assert_nonnull (pf_checklist_run_get_signoff (pf_checklist_page_get_run (fixture.page)));

  /* One more access log row of a user who does not exist */
  g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO scheduling_accesslog (action, ip_address, timestamp, user_agent, user_id) "
                                 "VALUES ('login', NULL, '2026-11-21 10:00:00', 'test', 'GHOST9')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  activate (&fixture, "checklist.check-again");
  wait_for_checks (&fixture);
  first = gtk_widget_get_first_child (template_child (fixture.page, "changes_list"));
  g_assert_nonnull (first);
  for (GtkWidget *row = first; row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      g_test_message ("check again: %s", title);
      g_assert_false (g_str_has_prefix (title, "Nothing changed"));
      named |= strstr (title, "scheduling_accesslog") != NULL;
    }
  g_assert_true (named);

  /* Start Over asks first; cancelling keeps the run */
  activate (&fixture, "checklist.start-over");
  {
    g_autoptr(AdwMessageDialog) dialog = find_message_dialog ();

    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Start Over?");
    adw_message_dialog_response (dialog, "cancel");
    if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
      gtk_window_destroy (GTK_WINDOW (dialog));
    drain_main_context ();
    g_assert_nonnull (pf_checklist_page_get_run (fixture.page));
  }
  /* Confirmed: back to the choice, the signed run archived at once (a
   * restart does not bring it back) */
  activate (&fixture, "checklist.start-over");
  {
    g_autoptr(AdwMessageDialog) dialog = find_message_dialog ();

    adw_message_dialog_response (dialog, "start-over");
    if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
      gtk_window_destroy (GTK_WINDOW (dialog));
    drain_main_context ();
  }
  g_assert_null (pf_checklist_page_get_run (fixture.page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (fixture.page, "stack")), ==, "intro");
  {
    g_autoptr(PfChecklistStore) store = pf_checklist_store_new (fixture.store_dir);
    g_autofree char *key = pf_checklist_store_dup_key (pf_database_get_profile (fixture.database), FALSE);
    g_autoptr(PfChecklistRun) current = pf_checklist_store_load (store, key, NULL, &error);

    g_assert_no_error (error);
    g_assert_null (current);
  }
  g_assert_true (pf_checklist_page_start (fixture.page, "add-fields-safely"));
  wait_for_checks (&fixture);
  g_assert_cmpstr (label_text (fixture.page, "step_label"), ==, "Step 1 of 6");
  g_assert_null (pf_checklist_run_get_signoff (pf_checklist_page_get_run (fixture.page)));
  {
    g_autoptr(PfChecklistStore) store = pf_checklist_store_new (fixture.store_dir);
    g_autofree char *key = pf_checklist_store_dup_key (pf_database_get_profile (fixture.database), FALSE);
    g_autoptr(GPtrArray) archive = pf_checklist_store_load_archive (store, key, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (archive->len, ==, 1);
    g_assert_nonnull (pf_checklist_run_get_signoff (archive->pdata[0]));
    g_assert_cmpstr (pf_checklist_signoff_get_signer (pf_checklist_run_get_signoff (archive->pdata[0])), ==,
                     "Anna Kowalska");
  }

  fixture_teardown (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  set_wait_timeout (120);

  g_test_add_func ("/ui/checklist/walk", test_walk);
  g_test_add_func ("/ui/checklist/check-again-change", test_check_again_change);

  return g_test_run ();
}
