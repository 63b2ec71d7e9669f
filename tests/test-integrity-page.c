/* test-integrity-page.c — the Integrity page, the finding detail and the
 * Overview's verdict card, on the real demo database and a large SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-integrity-page"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pf-check-info.h"
#include "pf-finding-page.h"
#include "pf-finding-row.h"
#include "pf-integrity-page.h"
#include "pf-overview-page.h"
#include "pf-report.h"
#include "pf-scan.h"
#include "pf-test-ui.h"

/* The large file: a parent and this many child tables without indexes */
#define LARGE_N_CHILDREN 30
#define LARGE_N_ROWS     200000

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

/* ---- fixture: a window holding the page --------------------------------------- */

typedef struct
{
  GtkWindow       *window;
  PfIntegrityPage *page;
  PfDatabase      *database;
  PfSchema        *schema;
  PfReport        *finished_report;
  gint64           finished_elapsed;
  guint            n_finished;
} Fixture;

static void
scan_finished_cb (PfIntegrityPage *page,
                  PfReport        *report,
                  gint64           elapsed,
                  Fixture         *fixture)
{
  g_assert_true (PF_IS_REPORT (report));
  g_assert_false (pf_integrity_page_get_running (page));
  g_assert_true (pf_integrity_page_get_report (page) == report);
  g_set_object (&fixture->finished_report, report);
  fixture->finished_elapsed = elapsed;
  fixture->n_finished++;
}

static void
open_database (Fixture    *fixture,
               const char *path)
{
  g_autoptr(GError) error = NULL;

  fixture->database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);
  pf_database_open (fixture->database, NULL, &error);
  g_assert_no_error (error);
  fixture->schema = pf_database_introspect (fixture->database, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture    *fixture,
               const char *path,
               PfRules    *rules)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  open_database (fixture, path);

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 860, 900);
  fixture->page = PF_INTEGRITY_PAGE (pf_integrity_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->page), TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->page));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  adw_window_set_content (ADW_WINDOW (fixture->window), overlay);

  g_signal_connect (fixture->page, "scan-finished", G_CALLBACK (scan_finished_cb), fixture);
  pf_integrity_page_set_database (fixture->page, fixture->database, fixture->schema, rules);

  present_window (fixture->window);
}

static void
fixture_teardown (Fixture *fixture)
{
  destroy_window (fixture->window);
  g_clear_object (&fixture->finished_report);
  g_clear_object (&fixture->schema);
  g_clear_object (&fixture->database);
}

static gboolean
n_finished_is_one (gpointer data)
{
  return ((Fixture *) data)->n_finished == 1;
}

static void
run_and_wait (Fixture *fixture)
{
  fixture->n_finished = 0;
  pf_integrity_page_run_checks (fixture->page);
  g_assert_true (pf_integrity_page_get_running (fixture->page));
  wait_for (n_finished_is_one, fixture, "the scan to finish");
  drain_main_context ();
}

static GtkListBox *
findings_list (Fixture *fixture)
{
  return template_child (fixture->page, PF_TYPE_INTEGRITY_PAGE, "list_box");
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static PfFindingRow *
find_row (GtkListBox *list,
          const char *table,
          const char *check_id)
{
  for (guint i = 0; i < n_rows (list); i++)
    {
      PfFindingRow *row = PF_FINDING_ROW (gtk_list_box_get_row_at_index (list, i));
      PfFinding *finding = pf_finding_row_get_finding (row);

      if (g_strcmp0 (pf_finding_get_table (finding), table) == 0 &&
          g_strcmp0 (pf_finding_get_check_id (finding), check_id) == 0)
        return row;
    }

  return NULL;
}

/* The severity heading a row sits under: the nearest header at or above it */
static const char *
heading_of (GtkListBox    *list,
            GtkListBoxRow *row)
{
  for (int i = gtk_list_box_row_get_index (row); i >= 0; i--)
    {
      GtkWidget *header = gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (list, i));

      if (header != NULL)
        return gtk_label_get_label (GTK_LABEL (header));
    }

  return NULL;
}

typedef struct
{
  GtkListBox *list;
  guint       n;
} RowsWait;

static gboolean
rows_are (gpointer data)
{
  RowsWait *wait = data;

  return n_rows (wait->list) == wait->n;
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

/* ---- tests ---------------------------------------------------------------------- */

static void
test_demo (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autoptr(PfRules) rules = pf_rules_new ();
  GtkListBox *list;
  GtkStack *content_stack;
  PfFindingRow *row;
  PfFinding *finding;
  PfFindingPage *detail;
  GtkColumnView *values_view, *samples_view;
  GListModel *model;
  g_autoptr(GtkStringList) value_row = NULL;
  RowsWait rows_wait;
  GtkDropDown *dropdown;
  GListModel *labels;
  guint format_position = GTK_INVALID_LIST_POSITION;
  guint n_format = 0, n_all;
  GListModel *findings;
  char *clipboard_text = NULL;
  g_autofree char *sentence = NULL;

  g_assert_no_error (error);
  /* The six-digit staff number rule from the demo's story, so more than
   * one kind of check shows up */
  pf_rules_add_format (rules, "scheduling_user", "sap", "^[0-9]{6}$", TRUE, &error);
  g_assert_no_error (error);

  fixture_setup (&fixture, path, rules);
  content_stack = template_child (fixture.page, PF_TYPE_INTEGRITY_PAGE, "content_stack");
  list = findings_list (&fixture);

  /* Before any scan */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, "not-checked");
  g_assert_null (pf_integrity_page_get_report (fixture.page));
  set_dark (FALSE);
  save_screenshot (GTK_WIDGET (fixture.window), "integrity-not-checked.png");

  run_and_wait (&fixture);
  g_assert_nonnull (fixture.finished_report);
  g_assert_true (pf_report_get_complete (fixture.finished_report));
  g_assert_cmpint (fixture.finished_elapsed, >, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, "findings");

  /* Every finding of the report is listed */
  n_all = g_list_model_get_n_items (pf_report_get_findings (fixture.finished_report));
  g_assert_cmpuint (n_rows (list), ==, n_all);

  /* The ADMIN001 supervisors: a blocker with count 2 */
  row = find_row (list, "scheduling_supervisionrecord", "fk-orphans");
  g_assert_nonnull (row);
  finding = pf_finding_row_get_finding (row);
  g_assert_cmpint (pf_finding_get_count (finding), ==, 2);
  g_assert_cmpint (pf_finding_get_severity (finding), ==, PF_SEVERITY_BLOCKER);
  g_assert_true (g_str_has_prefix (heading_of (list, GTK_LIST_BOX_ROW (row)), "Blockers ("));
  g_assert_nonnull (find_descendant (GTK_WIDGET (row), GTK_TYPE_LABEL, "2"));
  {
    g_autofree char *tables = pf_finding_dup_tables_text (finding);

    g_test_message ("Tables: %s (parent schema %s)", tables, pf_finding_get_parent_schema (finding));
    g_assert_cmpstr (tables, ==, "scheduling_supervisionrecord → scheduling_user");
    g_assert_nonnull (find_descendant (GTK_WIDGET (row), GTK_TYPE_LABEL, tables));
  }
  {
    g_autofree char *blockers = g_strdup_printf ("Blockers (%u)",
                                                 pf_report_count (fixture.finished_report, PF_SEVERITY_BLOCKER));
    /* the first row carries the heading with the report's count */
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (list, 0)))),
                     ==, blockers);
  }
  /* Sorted: severities never go back up */
  for (guint i = 1; i < n_rows (list); i++)
    {
      PfFinding *a = pf_finding_row_get_finding (PF_FINDING_ROW (gtk_list_box_get_row_at_index (list, i - 1)));
      PfFinding *b = pf_finding_row_get_finding (PF_FINDING_ROW (gtk_list_box_get_row_at_index (list, i)));

      g_assert_cmpint (pf_finding_get_severity (a), >=, pf_finding_get_severity (b));
    }

  save_screenshot (GTK_WIDGET (fixture.window), "integrity-list-light.png");
  set_dark (TRUE);
  save_screenshot (GTK_WIDGET (fixture.window), "integrity-list-dark.png");
  set_dark (FALSE);

  /* Open it: the detail shows ADMIN001 × 2 and both sample rows */
  g_signal_emit_by_name (row, "activate");
  drain_main_context ();
  detail = template_child (fixture.page, PF_TYPE_INTEGRITY_PAGE, "finding_page");
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (detail)));
  g_assert_true (pf_finding_page_get_finding (detail) == finding);

  values_view = template_child (detail, PF_TYPE_FINDING_PAGE, "values_view");
  model = G_LIST_MODEL (gtk_column_view_get_model (values_view));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  value_row = g_list_model_get_item (model, 0);
  g_assert_cmpstr (gtk_string_list_get_string (value_row, 0), ==, "ADMIN001");
  g_assert_cmpstr (gtk_string_list_get_string (value_row, 1), ==, "2");

  samples_view = template_child (detail, PF_TYPE_FINDING_PAGE, "samples_view");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (samples_view))), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (samples_view)), ==, 2);
  g_assert_true (gtk_widget_is_drawable (find_descendant (GTK_WIDGET (detail), GTK_TYPE_BUTTON, "Save Fix Script…")));

  /* Copy Fix SQL: the clipboard holds the script under its warning header */
  click (find_descendant (GTK_WIDGET (detail), GTK_TYPE_BUTTON, "Copy Fix SQL"));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (detail)), NULL,
                                 clipboard_read_cb, &clipboard_text);
  wait_for (pointer_is_set, &clipboard_text, "the clipboard");
  g_test_message ("Clipboard: %.*s", 200, clipboard_text);
  g_assert_true (g_str_has_prefix (clipboard_text, "-- Generated by Preflight " PACKAGE_VERSION " on "));
  g_assert_nonnull (strstr (clipboard_text, " for demo.sqlite3.\n"));
  g_assert_nonnull (strstr (clipboard_text, "-- NOT EXECUTED. Review it, test it on a copy, and run it yourself.\n"));
  g_assert_nonnull (strstr (clipboard_text, pf_finding_get_fix_sql (finding)));
  g_free (clipboard_text);

  save_screenshot (GTK_WIDGET (fixture.window), "integrity-detail-light.png");
  set_dark (TRUE);
  save_screenshot (GTK_WIDGET (fixture.window), "integrity-detail-dark.png");
  set_dark (FALSE);

  /* Back with Escape's action */
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "integrity.back", NULL);
  drain_main_context ();
  g_assert_false (gtk_widget_is_drawable (GTK_WIDGET (detail)));

  /* The staff profiles' cascade in words names the leave tables */
  row = find_row (list, "scheduling_staffprofile", "fk-orphans");
  g_assert_nonnull (row);
  sentence = pf_finding_dup_cascade_sentence (pf_finding_row_get_finding (row), fixture.schema);
  g_test_message ("Cascade: %s", sentence);
  g_assert_nonnull (sentence);
  g_assert_nonnull (strstr (sentence, "staff profiles"));
  g_assert_nonnull (strstr (sentence, "leave entitlements"));
  g_assert_nonnull (strstr (sentence, "leave transactions"));
  g_signal_emit_by_name (row, "activate");
  drain_main_context ();
  g_assert_cmpstr (gtk_label_get_label (template_child (detail, PF_TYPE_FINDING_PAGE, "cascade_label")),
                   ==, sentence);
  save_screenshot (GTK_WIDGET (fixture.window), "integrity-detail-cascade-light.png");
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "integrity.back", NULL);
  drain_main_context ();

  /* Search: "supervisor" is in one finding's columns */
  gtk_editable_set_text (GTK_EDITABLE (template_child (fixture.page, PF_TYPE_INTEGRITY_PAGE, "search_entry")),
                         "supervisor");
  {
    guint n_expected = 0;
    GListModel *all = pf_report_get_findings (fixture.finished_report);

    /* Counted here independently: the word in the title, tables, columns
     * or bad values */
    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(PfFinding) item = g_list_model_get_item (all, i);
        g_autofree char *columns = g_strjoinv (",", (char **) pf_finding_get_columns (item));
        g_autofree char *parent_columns = pf_finding_get_parent_columns (item)
                                          ? g_strjoinv (",", (char **) pf_finding_get_parent_columns (item))
                                          : g_strdup ("");
        gboolean match = strstr (pf_finding_get_title (item), "supervisor") != NULL ||
                         strstr (pf_finding_get_table (item), "supervisor") != NULL ||
                         (pf_finding_get_parent_table (item) && strstr (pf_finding_get_parent_table (item), "supervisor")) ||
                         strstr (columns, "supervisor") != NULL ||
                         strstr (parent_columns, "supervisor") != NULL;

        n_expected += match;
      }
    g_test_message ("%u of %u findings mention “supervisor”", n_expected, n_all);
    g_assert_cmpuint (n_expected, >=, 1);
    g_assert_cmpuint (n_expected, <, n_all);
    rows_wait = (RowsWait) { list, n_expected };
    wait_for (rows_are, &rows_wait, "the search to filter");
    g_assert_nonnull (find_row (list, "scheduling_supervisionrecord", "fk-orphans"));
    g_assert_null (find_row (list, "scheduling_staffprofile", "fk-orphans"));
  }
  gtk_editable_set_text (GTK_EDITABLE (template_child (fixture.page, PF_TYPE_INTEGRITY_PAGE, "search_entry")),
                         "no such thing anywhere");
  rows_wait.n = 0;
  wait_for (rows_are, &rows_wait, "the search to leave nothing");
  drain_main_context ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, "no-match");
  gtk_editable_set_text (GTK_EDITABLE (template_child (fixture.page, PF_TYPE_INTEGRITY_PAGE, "search_entry")), "");
  rows_wait.n = n_all;
  wait_for (rows_are, &rows_wait, "the search to be cleared");

  /* The check filter: only the format rule's findings */
  findings = pf_report_get_findings (fixture.finished_report);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PfFinding) item = g_list_model_get_item (findings, i);

      if (g_strcmp0 (pf_finding_get_check_id (item), "format-rule") == 0)
        n_format++;
    }
  g_assert_cmpuint (n_format, >, 0);
  g_assert_cmpuint (n_format, <, n_all);

  dropdown = template_child (fixture.page, PF_TYPE_INTEGRITY_PAGE, "check_dropdown");
  labels = gtk_drop_down_get_model (dropdown);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 0), ==, "All checks");
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i),
                   pf_check_info_get_label ("format-rule")) == 0)
      format_position = i;
  g_assert_cmpuint (format_position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (pf_check_info_get_label ("format-rule"), ==, "Format rules");

  gtk_drop_down_set_selected (dropdown, format_position);
  drain_main_context ();
  g_assert_cmpuint (n_rows (list), ==, n_format);
  for (guint i = 0; i < n_rows (list); i++)
    g_assert_cmpstr (pf_finding_get_check_id (pf_finding_row_get_finding (PF_FINDING_ROW (gtk_list_box_get_row_at_index (list, i)))),
                     ==, "format-rule");
  gtk_drop_down_set_selected (dropdown, 0);
  drain_main_context ();
  g_assert_cmpuint (n_rows (list), ==, n_all);

  fixture_teardown (&fixture);
}

/* A file big enough that a scan takes seconds: a parent and child tables
 * without indexes on their references, a few orphans in each. Cached in the
 * build dir (it takes a while to write). */
static char *
ensure_large_file (void)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *name = g_strdup_printf ("large-scan-%d-%d.sqlite3", LARGE_N_CHILDREN, LARGE_N_ROWS);
  char *path = g_build_filename (builddir ? builddir : ".", name, NULL);
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3 *db = NULL;
  char *errmsg = NULL;
  gint64 start;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return path;

  start = g_get_monotonic_time ();
  g_unlink (tmp);
  g_string_append (sql,
                   "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                   "BEGIN;"
                   "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);"
                   "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
                   " INSERT INTO parent SELECT i, 'Parent ' || i FROM n;");
  for (guint c = 0; c < LARGE_N_CHILDREN; c++)
    {
      g_string_append_printf (sql,
                              "CREATE TABLE child_%02u (id INTEGER PRIMARY KEY,"
                              " parent_id INTEGER REFERENCES parent (id), note TEXT);", c);
      if (c == 0)
        g_string_append_printf (sql,
                                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
                                " INSERT INTO child_00 SELECT i, 1 + i %% 1003, 'row ' || i FROM n;",
                                LARGE_N_ROWS);
      else
        g_string_append_printf (sql, "INSERT INTO child_%02u SELECT * FROM child_00;", c);
    }
  g_string_append (sql, "COMMIT;");

  g_assert_cmpint (sqlite3_open (tmp, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql->str, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("Could not build the large file: %s", errmsg);
  sqlite3_close (db);
  g_assert_cmpint (g_rename (tmp, path), ==, 0);

  g_test_message ("Built %s in %.1f s", path, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return path;
}

static gboolean
scan_has_progressed (gpointer data)
{
  Fixture *fixture = data;

  return g_get_monotonic_time () - fixture->finished_elapsed > 700 * 1000;
}

static void
test_cancel (void)
{
  Fixture fixture = { 0 };
  g_autofree char *path = ensure_large_file ();
  GtkLabel *strip;
  GtkRevealer *revealer;

  fixture_setup (&fixture, path, NULL);

  pf_integrity_page_run_checks (fixture.page);
  g_assert_true (pf_integrity_page_get_running (fixture.page));
  g_assert_true (gtk_widget_is_drawable (find_descendant (GTK_WIDGET (fixture.page), GTK_TYPE_BUTTON, "Cancel")));
  g_assert_true (gtk_widget_is_drawable (template_child (fixture.page, PF_TYPE_INTEGRITY_PAGE, "progress_bar")));

  /* Let it get going, then cancel */
  fixture.finished_elapsed = g_get_monotonic_time ();
  wait_for (scan_has_progressed, &fixture, "the scan to get going");
  g_assert_cmpuint (fixture.n_finished, ==, 0);
  save_screenshot (GTK_WIDGET (fixture.window), "integrity-running-light.png");
  click (find_descendant (GTK_WIDGET (fixture.page), GTK_TYPE_BUTTON, "Cancel"));
  wait_for (n_finished_is_one, &fixture, "the cancelled scan to finish");
  drain_main_context ();

  g_assert_false (pf_report_get_complete (fixture.finished_report));
  g_test_message ("Incomplete because: %s", pf_report_get_incomplete_reason (fixture.finished_report));
  revealer = template_child (fixture.page, PF_TYPE_INTEGRITY_PAGE, "incomplete_revealer");
  strip = template_child (fixture.page, PF_TYPE_INTEGRITY_PAGE, "incomplete_label");
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (strip)));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (strip), "Incomplete: "));
  g_assert_nonnull (strstr (gtk_label_get_label (strip), pf_report_get_incomplete_reason (fixture.finished_report)));
  save_screenshot (GTK_WIDGET (fixture.window), "integrity-incomplete-light.png");

  fixture_teardown (&fixture);
}

typedef struct
{
  gint64 start;
  gint64 last;
  gint64 largest;
} Probe;

static gboolean
probe_cb (gpointer data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();

  if (probe->last != 0)
    probe->largest = MAX (probe->largest, now - probe->last);
  if (probe->last != 0 && now - probe->last > 100000)
    g_test_message ("stall of %.0f ms ending %.2f s into the scan",
                    (now - probe->last) / 1000.0, (now - probe->start) / (double) G_USEC_PER_SEC);
  probe->last = now;

  return G_SOURCE_CONTINUE;
}

static void
test_responsiveness (void)
{
  Fixture fixture = { 0 };
  g_autofree char *path = ensure_large_file ();
  Probe probe = { 0 };
  guint probe_id;
  double stall_ms;

  fixture_setup (&fixture, path, NULL);
  drain_main_context ();

  probe.start = g_get_monotonic_time ();
  probe_id = g_timeout_add (5, probe_cb, &probe);
  run_and_wait (&fixture);
  g_source_remove (probe_id);

  stall_ms = MAX (0, probe.largest - 5000) / 1000.0;
  /* TAP diagnostics, read by people and the closing note */
  g_print ("# largest main-loop stall: %.1f ms\n", stall_ms);
  g_print ("# scan duration: %.2f s (%d tables of %d rows)\n",
           fixture.finished_elapsed / (double) G_USEC_PER_SEC, LARGE_N_CHILDREN, LARGE_N_ROWS);
  g_assert_cmpfloat (fixture.finished_elapsed / (double) G_USEC_PER_SEC, >, 0.5);
  g_assert_true (pf_report_get_complete (fixture.finished_report));
  g_assert_cmpfloat (stall_ms, <=, 250.0);

  fixture_teardown (&fixture);
}

static void
test_overview_verdict (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfConnectionProfile) profile = pf_connection_profile_new (PF_DATABASE_KIND_SQLITE);
  g_autoptr(PfReport) report = NULL;
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  PfOverviewPage *page = PF_OVERVIEW_PAGE (pf_overview_page_new ());
  GtkLabel *verdict;
  GtkLabel *blockers;
  GtkWidget *badge;
  GtkLabel *checked;

  g_assert_no_error (error);
  database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);

  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (window, 860, 700);
  present_window (window);

  verdict = template_child (page, PF_TYPE_OVERVIEW_PAGE, "verdict_label");
  blockers = template_child (page, PF_TYPE_OVERVIEW_PAGE, "blockers_label");
  badge = template_child (page, PF_TYPE_OVERVIEW_PAGE, "incomplete_badge");
  checked = template_child (page, PF_TYPE_OVERVIEW_PAGE, "checked_label");

  /* Never checked */
  pf_overview_page_set_profile (page, profile);
  g_assert_cmpstr (gtk_label_get_label (verdict), ==, "Not checked yet");
  g_assert_cmpstr (pf_overview_page_get_verdict_text (page), ==, "Not checked yet");
  g_assert_false (gtk_widget_get_visible (badge));

  /* The profile records a NO-GO with 3 blockers: the card follows live */
  report = pf_report_new (database);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PfFinding) finding = pf_finding_new ("fk-orphans", PF_SEVERITY_BLOCKER);

      pf_finding_set_title (finding, "Something points nowhere");
      pf_report_add_finding (report, finding);
    }
  {
    g_autoptr(PfFinding) finding = pf_finding_new ("no-primary-key", PF_SEVERITY_WARNING);

    pf_report_add_finding (report, finding);
  }
  pf_connection_profile_record_report (profile, report);
  g_assert_cmpstr (pf_connection_profile_get_last_verdict (profile), ==, "no-go");
  g_assert_cmpstr (gtk_label_get_label (verdict), ==, "NO-GO");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (verdict), "error"));
  g_assert_cmpstr (gtk_label_get_label (blockers), ==, "3");
  g_assert_cmpstr (gtk_label_get_label (template_child (page, PF_TYPE_OVERVIEW_PAGE, "warnings_label")), ==, "1");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (checked), "Checked today at "));
  g_assert_false (gtk_widget_get_visible (badge));
  save_screenshot (GTK_WIDGET (window), "overview-verdict-light.png");

  /* This session's incomplete report says why */
  pf_report_set_incomplete (report, "The scan was cancelled; 3 of 24 checks finished");
  pf_overview_page_set_report (page, report);
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_cmpstr (gtk_label_get_label (template_child (page, PF_TYPE_OVERVIEW_PAGE, "incomplete_label")),
                   ==, "Incomplete: The scan was cancelled; 3 of 24 checks finished. Only part of the database was checked.");
  set_dark (TRUE);
  save_screenshot (GTK_WIDGET (window), "overview-verdict-incomplete-dark.png");
  set_dark (FALSE);

  /* Clearing both goes back to "Not checked yet" */
  pf_overview_page_set_report (page, NULL);
  pf_overview_page_set_profile (page, NULL);
  g_assert_cmpstr (gtk_label_get_label (verdict), ==, "Not checked yet");

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Xvfb has no GPU: GL would go through llvmpipe, whose rasterizer threads
   * compete with the scan's workers for the CPUs and make every frame take
   * hundreds of milliseconds, which the probe would blame on us. The cairo
   * renderer draws the same widgets on the CPU, cheaply. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  /* Fresh XDG dirs: the demo is built anew in a temporary cache */
  ui_test_init (&argc, &argv);
  /* The large file's scans take a while */
  set_wait_timeout (120);

  /* What AdwApplication would load for the app */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, APP_PATH "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add_func ("/ui/integrity/demo", test_demo);
  g_test_add_func ("/ui/integrity/cancel", test_cancel);
  g_test_add_func ("/ui/integrity/responsiveness", test_responsiveness);
  g_test_add_func ("/ui/overview/verdict", test_overview_verdict);

  return g_test_run ();
}
