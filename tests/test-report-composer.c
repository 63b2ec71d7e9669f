/* test-report-composer.c — what a readiness report says: the demo's report,
 * a clean database's, a signed checklist, an incomplete scan, 2,000 findings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-report-composer"

#include "config.h"

#include <string.h>

#include "pf-engine.h"
#include "pf-check-info.h"
#include "pf-checklist-facts.h"
#include "pf-checklist-run.h"
#include "pf-checklist-templates.h"
#include "pf-migration-analysis.h"
#include "pf-report-composer.h"
#include "pf-scan.h"
#include "pf-test-files.h"
#include "pf-timeline.h"

/* ---- helpers ------------------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  PfReport  *report;
  GError    *error;
} ScanResult;

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ScanResult *res = user_data;

  res->report = pf_scan_run_finish (PF_SCAN (object), result, &res->error);
  g_main_loop_quit (res->loop);
}

/* A real integrity scan of the SQLite file at @path as a connection tagged
 * @environment, and, when @analyse, the migration analysis (with @project
 * when not NULL), set on the report */
static PfReport *
check_target_full (const char    *path,
                   PfEnvironment  environment,
                   gboolean       analyse,
                   const char    *project)
{
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(PfScan) scan = NULL;
  g_autoptr(GError) error = NULL;
  ScanResult res = { NULL, };

  database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);
  pf_connection_profile_set_environment (pf_database_get_profile (database), environment);
  pf_database_open (database, NULL, &error);
  g_assert_no_error (error);
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);

  scan = pf_scan_new (database, schema);
  res.loop = g_main_loop_new (NULL, FALSE);
  pf_scan_run_async (scan, NULL, scan_cb, &res);
  g_main_loop_run (res.loop);
  g_main_loop_unref (res.loop);
  g_assert_no_error (res.error);
  g_assert_nonnull (res.report);
  g_assert_true (pf_report_get_complete (res.report));

  if (analyse)
    {
      g_autoptr(PfMigrationAnalysis) analysis = NULL;

      analysis = pf_migration_analysis_run (database, schema, project, NULL, res.report, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (analysis);
      pf_report_set_migrations (res.report, analysis);
    }

  pf_database_close (database);

  return res.report;
}

static PfReport *
check_target (const char *path,
              const char *project)
{
  return check_target_full (path, PF_ENVIRONMENT_NONE, project != NULL, project);
}

/* A clean database: two tables, one valid foreign key */
static char *
make_clean_database (const char *dir)
{
  char *path = g_build_filename (dir, "clinic.sqlite3", NULL);

  pf_test_sqlite_exec (path,
                       "PRAGMA foreign_keys = ON;"
                       "CREATE TABLE ward (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
                       "CREATE TABLE nurse (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                       "  ward_id INTEGER NOT NULL REFERENCES ward (id));"
                       "CREATE INDEX nurse_ward ON nurse (ward_id);"
                       "INSERT INTO ward VALUES (1, 'Oddział ratunkowy'), (2, 'Παιδιατρική');"
                       "INSERT INTO nurse VALUES (1, 'Zoë', 1), (2, '王芳', 2), (3, 'ليلى', 1);");

  return path;
}

/* Every heading has a unique anchor of [a-z0-9-]+ */
static void
assert_anchors (PfReportDocument *document)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = pf_report_document_get_n_blocks (document);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      const PfReportBlock *block = pf_report_document_get_block (document, i);

      if (block->kind != PF_REPORT_BLOCK_HEADING)
        continue;

      g_assert_nonnull (block->anchor);
      g_assert_cmpuint (strlen (block->anchor), >, 0);
      for (const char *p = block->anchor; *p != '\0'; p++)
        if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
          g_error ("Anchor “%s” has “%c”", block->anchor, *p);
      if (!g_hash_table_add (seen, block->anchor))
        g_error ("Anchor “%s” is not unique", block->anchor);
      g_assert_nonnull (block->text);
      g_assert_cmpuint (block->level, >=, 1);
      g_assert_cmpuint (block->level, <=, 3);
    }

  /* Every section, in order */
  {
    const char *order[] = { "summary", "blockers", "migrations", "findings", "checklist", "appendix" };
    guint k = 0;

    for (guint i = 0; i < n; i++)
      {
        const PfReportBlock *block = pf_report_document_get_block (document, i);

        if (block->kind == PF_REPORT_BLOCK_HEADING && block->level == 1)
          {
            g_assert_cmpuint (k, <, G_N_ELEMENTS (order));
            g_assert_cmpstr (block->anchor, ==, order[k]);
            k++;
          }
      }
    g_assert_cmpuint (k, ==, G_N_ELEMENTS (order));
  }
}

/* The blocks of the section whose level-1 heading has @anchor: [*start, *end) */
static void
find_section (PfReportDocument *document,
              const char       *anchor,
              guint            *start,
              guint            *end)
{
  guint n = pf_report_document_get_n_blocks (document);
  guint i;

  for (i = 0; i < n; i++)
    {
      const PfReportBlock *block = pf_report_document_get_block (document, i);

      if (block->kind == PF_REPORT_BLOCK_HEADING && g_strcmp0 (block->anchor, anchor) == 0)
        break;
    }
  g_assert_cmpuint (i, <, n);
  *start = i + 1;

  for (i = *start; i < n; i++)
    {
      const PfReportBlock *block = pf_report_document_get_block (document, i);

      if (block->kind == PF_REPORT_BLOCK_HEADING && block->level == 1)
        break;
    }
  *end = i;
}

static const PfReportBlock *
heading (PfReportDocument *document,
         const char       *anchor)
{
  for (guint i = 0; i < pf_report_document_get_n_blocks (document); i++)
    {
      const PfReportBlock *block = pf_report_document_get_block (document, i);

      if (block->kind == PF_REPORT_BLOCK_HEADING && g_strcmp0 (block->anchor, anchor) == 0)
        return block;
    }

  return NULL;
}

/* The @nth block of @kind in the section @anchor, or NULL */
static const PfReportBlock *
find_block (PfReportDocument  *document,
            const char        *anchor,
            PfReportBlockKind  kind,
            guint              nth)
{
  guint start, end;

  find_section (document, anchor, &start, &end);
  for (guint i = start; i < end; i++)
    {
      const PfReportBlock *block = pf_report_document_get_block (document, i);

      if (block->kind == kind && nth-- == 0)
        return block;
    }

  return NULL;
}

/* The first table of section @anchor whose first column is titled @column */
static const PfReportBlock *
find_table (PfReportDocument *document,
            const char       *anchor,
            const char       *column)
{
  guint start, end;

  find_section (document, anchor, &start, &end);
  for (guint i = start; i < end; i++)
    {
      const PfReportBlock *block = pf_report_document_get_block (document, i);

      if (block->kind == PF_REPORT_BLOCK_TABLE &&
          g_strcmp0 (((PfReportColumn *) g_ptr_array_index (block->columns, 0))->title, column) == 0)
        return block;
    }

  return NULL;
}

static const PfReportRow *
row (const PfReportBlock *table,
     guint                index)
{
  g_assert_cmpuint (index, <, table->rows->len);
  return g_ptr_array_index (table->rows, index);
}

/* How many blocks of section @anchor have @text in their text, caption,
 * items, facts or cells */
static guint
count_text (PfReportDocument *document,
            const char       *anchor,
            const char       *text)
{
  guint start, end, n = 0;

  find_section (document, anchor, &start, &end);
  for (guint i = start; i < end; i++)
    {
      const PfReportBlock *block = pf_report_document_get_block (document, i);
      gboolean found = (block->text != NULL && strstr (block->text, text) != NULL) ||
                       (block->caption != NULL && strstr (block->caption, text) != NULL);

      for (guint j = 0; !found && block->items != NULL && block->items[j] != NULL; j++)
        found = strstr (block->items[j], text) != NULL;
      for (guint j = 0; !found && block->facts != NULL && j < block->facts->len; j++)
        {
          PfReportFact *fact = g_ptr_array_index (block->facts, j);

          found = strstr (fact->value, text) != NULL;
        }
      for (guint j = 0; !found && block->rows != NULL && j < block->rows->len; j++)
        {
          PfReportRow *r = g_ptr_array_index (block->rows, j);

          for (guint c = 0; !found && r->cells[c] != NULL; c++)
            found = g_str_equal (r->cells[c], text);
        }

      n += found;
    }

  return n;
}

static const PfReportFact *
cover_fact (PfReportDocument *document,
            const char       *label)
{
  PfReportCover *cover = pf_report_document_get_cover (document);

  for (guint i = 0; i < cover->facts->len; i++)
    {
      PfReportFact *fact = g_ptr_array_index (cover->facts, i);

      if (g_strcmp0 (fact->label, label) == 0)
        return fact;
    }

  return NULL;
}

static char *
count_text_of (gint64 count)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, count);
}

/* The report's one time zone: the local offset from UTC when it was made */
static GTimeZone *
report_zone (PfReport *report)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (pf_report_get_generated_at (report));

  return g_time_zone_new_offset ((gint32) (g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND));
}

/* "CET" in the Warsaw winter the tests run in, "CEST" in its summer */
static const char *
report_zone_name (PfReport *report)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (pf_report_get_generated_at (report));
  static char name[16];

  g_strlcpy (name, g_date_time_get_timezone_abbreviation (local), sizeof name);
  return name;
}

/* @when as the report shows it: in the report's zone, with @format */
static char *
report_time (PfReport   *report,
             GDateTime  *when,
             const char *format)
{
  g_autoptr(GTimeZone) zone = report_zone (report);
  g_autoptr(GDateTime) moved = g_date_time_to_timezone (when, zone);

  return g_date_time_format (moved, format);
}

/* How many blocks of the whole document are notes saying the time zone */
static guint
count_zone_notes (PfReportDocument *document)
{
  guint n = 0;

  for (guint i = 0; i < pf_report_document_get_n_blocks (document); i++)
    {
      const PfReportBlock *block = pf_report_document_get_block (document, i);

      if (block->kind == PF_REPORT_BLOCK_PARAGRAPH && g_str_has_prefix (block->text, "Times are in "))
        {
          g_assert_cmpint (block->style, ==, PF_REPORT_TEXT_NOTE);
          n++;
        }
    }

  return n;
}

/* The block right after @table */
static const PfReportBlock *
block_after (PfReportDocument    *document,
             const PfReportBlock *table)
{
  for (guint i = 0; i + 1 < pf_report_document_get_n_blocks (document); i++)
    if (pf_report_document_get_block (document, i) == table)
      return pf_report_document_get_block (document, i + 1);

  return NULL;
}

/* ---- the demo ---------------------------------------------------------- */

static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autofree char *project = pf_demo_ensure_project (NULL, &error);
  g_autoptr(PfReport) report = NULL;
  g_autoptr(PfReportDocument) document = NULL;
  g_autofree char *sentence = NULL;
  PfMigrationAnalysis *analysis;
  GListModel *findings;
  GPtrArray *problems, *pending;
  PfReportCover *cover;
  const PfReportBlock *table, *block;
  guint n_blockers = 0, n_problem_blockers = 0, n_will_fail = 0, start, end;

  g_assert_no_error (error);
  report = check_target (path, project);
  analysis = pf_report_get_migrations (report);
  findings = pf_report_get_findings (report);
  problems = pf_migration_analysis_get_problems (analysis);

  document = pf_report_compose (report);
  assert_anchors (document);

  /* Metadata and cover */
  g_assert_cmpstr (pf_report_document_get_title (document), ==, "Readiness report — demo.sqlite3");
  g_assert_cmpstr (pf_report_document_get_author (document), ==, "Preflight");
  g_assert_true (g_str_has_prefix (pf_report_document_get_header (document), "demo.sqlite3 · "));
  g_assert_true (g_date_time_equal (pf_report_document_get_created (document),
                                    pf_report_get_generated_at (report)));
  cover = pf_report_document_get_cover (document);
  g_assert_cmpstr (cover->verdict, ==, "NO-GO");
  g_assert_cmpint (cover->verdict_tone, ==, PF_REPORT_TONE_BAD);
  /* The report's sentence, without the verdict the cover shows above it */
  sentence = pf_report_dup_verdict_sentence (report);
  g_assert_true (g_str_has_prefix (sentence, "NO-GO: "));
  g_assert_cmpstr (cover->verdict_sentence, ==, sentence + strlen ("NO-GO: "));
  g_assert_true (g_str_has_suffix (cover->verdict_sentence, "problems block this migration"));
  g_assert_cmpstr (cover->product, ==, "Preflight " PACKAGE_VERSION);
  g_assert_cmpstr (cover->connection, ==, "demo.sqlite3");
  g_assert_null (cover->environment);
  g_assert_cmpstr (cover_fact (document, "Database")->value, ==, path);
  g_assert_true (cover_fact (document, "Database")->monospace);
  g_assert_cmpstr (cover_fact (document, "Server")->value, ==, pf_report_get_target_server_version (report));
  /* The moment carries its zone (the test runs in Europe/Warsaw) */
  g_assert_true (g_regex_match_simple ("^\\d{1,2} \\w+ \\d{4}, \\d\\d:\\d\\d (CET|CEST)$",
                                       cover_fact (document, "Checked")->value, 0, 0));
  g_assert_cmpstr (cover_fact (document, "Checklist")->value, ==, "Not started");
  g_assert_null (cover_fact (document, "Signed by"));
  g_assert_null (cover_fact (document, "Fingerprint"));

  /* The summary leads with the verdict in words */
  block = find_block (document, "summary", PF_REPORT_BLOCK_PARAGRAPH, 0);
  g_assert_cmpint (block->style, ==, PF_REPORT_TEXT_LEAD);
  g_assert_true (g_str_has_prefix (block->text, "The database is not ready for the migration. "));
  /* Too many blockers to name: where they are, and the largest */
  {
    guint n_data = 0, n_migrations = pf_migration_analysis_count (analysis, PF_SEVERITY_BLOCKER);
    g_autofree char *n = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
      {
        g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);

        n_data += pf_finding_get_severity (finding) == PF_SEVERITY_BLOCKER;
      }
    g_assert_cmpuint (n_data, ==, 4);
    n = g_strdup_printf ("The database is not ready for the migration. "
                         "%u problems would stop it: %u in the data and %u with the migrations. "
                         "The largest: 300 staff profiles point at users that do not exist. ",
                         pf_report_count (report, PF_SEVERITY_BLOCKER), n_data, n_migrations);
    g_assert_true (g_str_has_prefix (block->text, n));
  }

  /* One row per blocker: the findings, then the migrations' */
  table = find_table (document, "blockers", "Problem");
  g_assert_nonnull (table);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *count = count_text_of (pf_finding_get_count (finding));
      const PfReportRow *r;

      if (pf_finding_get_severity (finding) != PF_SEVERITY_BLOCKER)
        continue;

      r = row (table, n_blockers++);
      g_assert_cmpint (r->tone, ==, PF_REPORT_TONE_BAD);
      g_assert_cmpstr (r->cells[0], ==, pf_finding_get_title (finding));
      g_assert_true (g_str_has_prefix (r->cells[1], pf_finding_get_table (finding)));
      g_assert_nonnull (strstr (r->cells[1], " → "));
      g_assert_cmpstr (r->cells[2], ==, count);
      g_assert_cmpstr (r->cells[3], ==, pf_check_info_get_fixer (pf_finding_get_check_id (finding)));
    }
  g_assert_cmpuint (n_blockers, >=, 4);
  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);

      if (pf_migration_problem_get_severity (problem) != PF_SEVERITY_BLOCKER)
        continue;
      g_assert_cmpstr (row (table, n_blockers + n_problem_blockers++)->cells[0], ==,
                       pf_migration_problem_get_title (problem));
    }
  g_assert_cmpuint (n_problem_blockers, >, 0);
  g_assert_cmpuint (table->rows->len, ==, pf_report_count (report, PF_SEVERITY_BLOCKER));
  /* The demo's staff profiles: 300 rows pointing at missing users */
  g_assert_cmpuint (count_text (document, "blockers", "scheduling_staffprofile.user_id → scheduling_user.sap"), ==, 1);
  /* The warnings, apart */
  table = find_block (document, "blockers", PF_REPORT_BLOCK_TABLE, 1);
  g_assert_cmpstr (table->caption, ==, "Needs a look");
  g_assert_cmpuint (table->rows->len, ==, pf_report_count (report, PF_SEVERITY_WARNING));
  g_assert_cmpint (row (table, 0)->tone, ==, PF_REPORT_TONE_WARNING);

  /* Migrations: the pending plan in the analysis' order, the will-fail one marked */
  pending = pf_migration_graph_get_pending (pf_migration_analysis_get_graph (analysis));
  g_assert_cmpuint (pending->len, >, 0);
  table = find_table (document, "migrations", "#");
  g_assert_nonnull (table);
  g_assert_cmpuint (table->rows->len, ==, pending->len);
  for (guint i = 0; i < pending->len; i++)
    {
      PfMigration *migration = g_ptr_array_index (pending, i);
      g_autofree char *name = g_strconcat (pf_migration_get_app (migration), ".",
                                           pf_migration_get_name (migration), NULL);
      g_autofree char *position = g_strdup_printf ("%u", i + 1);
      const PfReportRow *r = row (table, i);
      gboolean will_fail = FALSE;

      for (guint p = 0; p < problems->len; p++)
        {
          PfMigrationProblem *problem = g_ptr_array_index (problems, p);

          if (g_str_equal (pf_migration_problem_get_kind (problem), PF_MIGRATION_PROBLEM_WILL_FAIL) &&
              g_strv_contains (pf_migration_problem_get_migrations (problem), pf_migration_get_name (migration)))
            will_fail = TRUE;
        }

      g_assert_cmpstr (r->cells[0], ==, position);
      g_assert_cmpstr (r->cells[1], ==, name);
      g_assert_cmpuint (strlen (r->cells[2]), >, 0);
      g_assert_cmpint (g_str_has_prefix (r->cells[3], "Will fail: "), ==, will_fail);
      g_assert_cmpint (r->tone == PF_REPORT_TONE_BAD, ==, will_fail);
      n_will_fail += will_fail;
    }
  g_assert_cmpuint (n_will_fail, ==, 1);
  /* Each note says why in a few words, without the migration its row names */
  g_assert_cmpstr (row (table, 0)->cells[3], ==,
                   "Will fail: 300 rows in scheduling_staffprofile point to missing users");
  g_assert_cmpstr (row (table, 1)->cells[3], ==, "");
  g_assert_cmpstr (row (table, 2)->cells[3], ==,
                   "Risky: removes scheduling_accesslog.user_agent (6000 rows of data)\n"
                   "Risky: runs Python code that cannot be undone");
  g_assert_cmpint (row (table, 2)->tone, ==, PF_REPORT_TONE_WARNING);
  for (guint i = 0; i < table->rows->len; i++)
    g_assert_null (strstr (row (table, i)->cells[3], "Migration "));
  /* …while the tables of problems keep the whole title */
  g_assert_cmpuint (count_text (document, "blockers",
                                "Migration scheduling.0024_alter_shift_status will fail with IntegrityError "
                                "because 300 rows in scheduling_staffprofile point to missing users"), ==, 1);

  /* The history and its problems, each explained */
  g_assert_nonnull (heading (document, "migrations-history"));
  table = find_table (document, "migrations", "When");
  g_assert_cmpuint (table->rows->len, ==, 5);
  /* Its times are in the report's one zone, without repeating it in every
   * cell: a note under this table, the first with times, says which */
  {
    g_autoptr(PfTimeline) timeline = pf_timeline_new (analysis, NULL);
    GListModel *deployments = pf_timeline_get_deployments (timeline);
    g_autoptr(GDateTime) local = g_date_time_to_local (pf_report_get_generated_at (report));
    g_autofree char *offset = g_date_time_format (local, "%:z");
    g_autofree char *note = g_strdup_printf ("Times are in %s (UTC%s).", report_zone_name (report), offset);

    for (guint i = 0; i < table->rows->len; i++)
      {
        g_autoptr(PfTimelineEntry) entry = g_list_model_get_item (deployments, i);
        g_autofree char *when = report_time (report, pf_timeline_entry_get_deployment (entry)->started_at,
                                             "%-d %B %Y, %H:%M");

        g_assert_cmpstr (row (table, i)->cells[0], ==, when);
        g_assert_true (g_regex_match_simple ("^\\d{1,2} \\w+ \\d{4}, \\d\\d:\\d\\d$", row (table, i)->cells[0], 0, 0));
      }
    g_assert_cmpstr (block_after (document, table)->text, ==, note);
    g_assert_cmpint (block_after (document, table)->style, ==, PF_REPORT_TEXT_NOTE);
    g_assert_cmpuint (count_zone_notes (document), ==, 1);
    /* One zone even across summer time: a June deployment (19:31 UTC) in
     * a winter report is 20:31 CET, not 21:31 CEST */
    if (g_str_equal (report_zone_name (report), "CET"))
      {
        g_assert_cmpstr (note, ==, "Times are in CET (UTC+01:00).");
        g_assert_cmpstr (row (table, 2)->cells[0], ==, "7 June 2022, 20:31");
      }
  }
  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpuint (count_text (document, "migrations", pf_migration_problem_get_explanation (problem)), >=, 1);
    }
  /* Who fixes a migration problem, then how, the command kept as written */
  g_assert_cmpuint (count_text (document, "migrations", "How to fix it: python manage.py makemigrations --merge"), ==, 1);
  g_assert_cmpuint (count_text (document, "migrations", "Who usually fixes it: the application team."), >=, 1);
  g_assert_cmpuint (count_text (document, "migrations", "What to do:"), ==, 0);
  /* The faked deployment, said without Django's jargon */
  g_assert_cmpuint (count_text (document, "migrations", "Probably recorded without being run: all within one second"), ==, 1);
  g_assert_cmpuint (count_text (document, "migrations", "probably faked"), ==, 0);

  /* Findings: the table has every one, ADMIN001 is in the details */
  table = find_table (document, "findings", "Severity");
  g_assert_cmpuint (table->rows->len, ==, g_list_model_get_n_items (findings));
  /* Only the kinds there are */
  g_assert_cmpuint (count_text (document, "findings", "The integrity checks found 4 blockers."), ==, 1);
  g_assert_cmpuint (count_text (document, "findings", "The bad values"), >=, 1);
  g_assert_cmpstr (row (table, 0)->cells[0], ==, "Blocker");
  g_assert_cmpstr (row (table, 0)->cells[1], ==, "Broken links");
  g_assert_cmpuint (count_text (document, "findings", "ADMIN001"), >=, 1);
  /* A trailing blank must show: in the values and in the sample rows */
  g_assert_cmpuint (count_text (document, "findings", "“101471 ”"), ==, 2);
  g_assert_cmpuint (count_text (document, "findings", "scheduling_leavetransaction"), ==, 1);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *anchor = g_strdup_printf ("finding-%u", i + 1);

      g_assert_cmpstr (heading (document, anchor)->text, ==, pf_finding_get_title (finding));
    }

  /* No checklist */
  block = find_block (document, "checklist", PF_REPORT_BLOCK_PARAGRAPH, 0);
  g_assert_cmpstr (block->text, ==, "No checklist was started for this connection.");
  g_assert_cmpint (block->style, ==, PF_REPORT_TEXT_NOTE);

  /* The appendix: a new page, the notice first, every fix script */
  g_assert_true (heading (document, "appendix")->new_page);
  find_section (document, "appendix", &start, &end);
  block = pf_report_document_get_block (document, start);
  g_assert_cmpint (block->kind, ==, PF_REPORT_BLOCK_NOTICE);
  g_assert_cmpstr (block->caption, ==, "Not executed");
  g_assert_cmpint (block->tone, ==, PF_REPORT_TONE_WARNING);
  g_assert_nonnull (strstr (block->text, "none of them has been executed"));
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);
      gboolean found = FALSE;

      g_assert_nonnull (pf_finding_get_fix_sql (finding));
      for (guint b = start; b < end; b++)
        {
          block = pf_report_document_get_block (document, b);
          if (block->kind == PF_REPORT_BLOCK_CODE &&
              g_strcmp0 (block->caption, "Suggested fix (not executed)") == 0 &&
              g_strcmp0 (block->text, pf_finding_get_fix_sql (finding)) == 0)
            found = TRUE;
        }
      g_assert_true (found);
    }
  /* Nowhere else is a script */
  find_section (document, "findings", &start, &end);
  for (guint b = start; b < end; b++)
    g_assert_cmpint (pf_report_document_get_block (document, b)->kind, !=, PF_REPORT_BLOCK_CODE);
}

/* Without the project folder only the history can be read */
static void
test_history_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pf_demo_ensure (NULL, &error);
  g_autoptr(PfReport) report = NULL;
  g_autoptr(PfReportDocument) document = NULL;
  const PfReportBlock *block;

  g_assert_no_error (error);
  report = check_target_full (path, PF_ENVIRONMENT_STAGING, TRUE, NULL);
  g_assert_nonnull (pf_report_get_migrations (report));
  g_assert_null (pf_migration_analysis_get_source (pf_report_get_migrations (report)));
  document = pf_report_compose (report);
  assert_anchors (document);

  block = find_block (document, "migrations", PF_REPORT_BLOCK_PARAGRAPH, 0);
  g_assert_cmpint (block->style, ==, PF_REPORT_TEXT_NOTE);
  g_assert_true (g_str_has_prefix (block->text, "Only the migration history was read"));
  g_assert_null (find_table (document, "migrations", "#"));
  g_assert_null (heading (document, "migrations-next"));
  g_assert_nonnull (find_table (document, "migrations", "When"));
  /* Nothing is said about what will run */
  block = find_block (document, "summary", PF_REPORT_BLOCK_PARAGRAPH, 0);
  g_assert_null (strstr (block->text, "will run"));

  /* The environment, in words and colour, and in every page's header */
  g_assert_cmpstr (pf_report_document_get_cover (document)->environment, ==, "Staging");
  g_assert_cmpint (pf_report_document_get_cover (document)->environment_tone, ==, PF_REPORT_TONE_WARNING);
  g_assert_true (g_str_has_prefix (pf_report_document_get_header (document), "demo.sqlite3 · Staging · "));
}

/* ---- a clean database --------------------------------------------------------- */

static void
test_clean (void)
{
  g_autofree char *dir = pf_test_make_dir ("pf-composer-XXXXXX");
  g_autofree char *path = make_clean_database (dir);
  g_autoptr(PfReport) report = check_target (path, NULL);
  g_autoptr(PfReportDocument) document = NULL;
  const PfReportBlock *block;
  PfReportCover *cover;
  guint start, end;

  g_assert_cmpuint (g_list_model_get_n_items (pf_report_get_findings (report)), ==, 0);
  document = pf_report_compose (report);
  assert_anchors (document);

  cover = pf_report_document_get_cover (document);
  g_assert_cmpstr (cover->verdict, ==, "GO");
  g_assert_cmpint (cover->verdict_tone, ==, PF_REPORT_TONE_GOOD);
  g_assert_cmpstr (cover->verdict_sentence, ==, "Nothing found that blocks this migration");
  g_assert_cmpstr (pf_report_document_get_title (document), ==, "Readiness report — clinic.sqlite3");

  block = find_block (document, "summary", PF_REPORT_BLOCK_PARAGRAPH, 0);
  g_assert_cmpstr (block->text, ==, "The database is ready for the migration. Nothing blocks it.");

  block = find_block (document, "blockers", PF_REPORT_BLOCK_NOTICE, 0);
  g_assert_nonnull (block);
  g_assert_cmpint (block->tone, ==, PF_REPORT_TONE_GOOD);
  g_assert_cmpstr (block->text, ==, "Nothing blocks the migration.");
  g_assert_null (find_block (document, "blockers", PF_REPORT_BLOCK_TABLE, 0));

  block = find_block (document, "migrations", PF_REPORT_BLOCK_PARAGRAPH, 0);
  g_assert_cmpstr (block->text, ==, "The migration history was not part of this check.");
  g_assert_cmpint (block->style, ==, PF_REPORT_TEXT_NOTE);

  /* No scripts, so no "not executed" notice over nothing */
  find_section (document, "appendix", &start, &end);
  for (guint b = start; b < end; b++)
    {
      block = pf_report_document_get_block (document, b);
      g_assert_cmpint (block->kind, !=, PF_REPORT_BLOCK_CODE);
      g_assert_cmpint (block->kind, !=, PF_REPORT_BLOCK_NOTICE);
    }
  /* …but what was checked: every check */
  g_assert_cmpuint (count_text (document, "appendix", "Every check ran:"), ==, 1);
  block = find_block (document, "appendix", PF_REPORT_BLOCK_LIST, 0);
  g_assert_cmpuint (g_strv_length (block->items), ==, g_strv_length ((char **) pf_scan_get_all_checks ()));

  /* A restricted scan says so, in the summary and the appendix */
  {
    const char *checks[] = { "fk-orphans", "duplicate-values", NULL };
    g_autoptr(PfReportDocument) restricted = NULL;

    pf_report_set_checks (report, checks);
    restricted = pf_report_compose (report);
    block = find_block (restricted, "summary", PF_REPORT_BLOCK_PARAGRAPH, 0);
    g_assert_nonnull (strstr (block->text, "Only some checks ran: broken links and duplicate values."));
    block = find_block (restricted, "appendix", PF_REPORT_BLOCK_LIST, 0);
    g_assert_cmpuint (g_strv_length (block->items), ==, 2);
    g_assert_cmpstr (block->items[0], ==, "Broken links (fk-orphans)");
  }

  pf_test_remove_dir (dir);
}

/* ---- a checklist ------------------------------------------------------------- */

#define SHA256_A "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define SHA256_B "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"

static const PfReportRow *
item_row (const PfReportBlock *table,
          const char          *item)
{
  for (guint i = 0; i < table->rows->len; i++)
    {
      const PfReportRow *r = row (table, i);

      if (g_str_equal (r->cells[0], item))
        return r;
    }

  g_error ("No row for “%s”", item);
  return NULL;
}

/* The exact row counts of the SQLite file at @path, now */
static PfRowCounts *
count_rows (const char *path)
{
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  PfRowCounts *counts;

  database = pf_database_new_for_target (path, &error);
  g_assert_no_error (error);
  pf_database_open (database, NULL, &error);
  g_assert_no_error (error);
  schema = pf_database_introspect (database, NULL, &error);
  g_assert_no_error (error);
  counts = pf_row_counts_count (database, schema, NULL, &error);
  g_assert_no_error (error);
  pf_database_close (database);

  return counts;
}

static void
test_checklist (void)
{
  g_autofree char *dir = pf_test_make_dir ("pf-composer-XXXXXX");
  g_autofree char *path = make_clean_database (dir);
  g_autoptr(PfReport) report = check_target (path, NULL);
  g_autoptr(PfChecklistTemplate) template = pf_checklist_templates_dup_default ();
  g_autoptr(PfChecklistRun) run = pf_checklist_run_new (template);
  g_autoptr(PfReportDocument) document = NULL;
  g_autoptr(PfBackupRecord) verified = NULL;
  g_autoptr(PfBackupRecord) unverified = NULL;
  g_autoptr(PfChecklistSignoff) signoff = NULL;
  g_autoptr(JsonNode) facts = NULL;
  /* 09:12 in Warsaw, in winter */
  g_autoptr(GDateTime) at = g_date_time_new_utc (2026, 11, 21, 8, 12, 0);
  g_autofree char *progress = NULL;
  const PfReportBlock *table, *block;
  const PfReportRow *r;
  const PfReportFact *fact;
  g_autoptr(PfRowCounts) recorded = NULL;
  g_autoptr(PfRowCounts) after = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autofree char *signed_by = NULL;
  g_autofree char *made_at = NULL;

  /* The row counts, recorded from the file, then compared after a nurse
   * was added: the way the checklist's automatic items record them */
  recorded = count_rows (path);
  pf_checklist_run_set_row_counts (run, recorded);
  pf_checklist_run_set_result (run, "row-counts", PF_CHECKLIST_STATE_DONE, "Recorded the row counts of 2 tables",
                               (const char *[]) { "nurse: 3", "ward: 2", NULL }, FALSE);
  pf_test_sqlite_exec (path, "INSERT INTO nurse VALUES (4, 'Ιωάννα', 2);");
  after = count_rows (path);
  differences = pf_row_counts_compare (recorded, after);
  g_assert_cmpuint (differences->len, ==, 1);
  g_ptr_array_add (differences, NULL);
  pf_checklist_run_set_result (run, "row-counts-match", PF_CHECKLIST_STATE_FAILED,
                               "1 table differs from the row counts recorded before",
                               (const char * const *) differences->pdata, FALSE);

  pf_checklist_run_set_result (run, "integrity", PF_CHECKLIST_STATE_FAILED,
                               "The integrity scan found 6 problems that block the migration",
                               (const char *[]) { "1 nurse", "2 nurses", "3 nurses", "4 nurses", "5 nurses",
                                                  "6 nurses", NULL }, FALSE);
  pf_checklist_run_set_result (run, "connection", PF_CHECKLIST_STATE_DONE, "Connected.",
                               (const char *[]) { "Location: clinic.sqlite3", NULL }, FALSE);
  pf_checklist_run_tick (run, "restore-tested", "Anna Nowak", "Restored on the test server in 4 minutes");
  pf_checklist_run_set_result (run, "backup-verified", PF_CHECKLIST_STATE_DONE,
                               "A verified backup of 12 KB was taken", NULL, FALSE);
  pf_checklist_run_set_result (run, "disk-space", PF_CHECKLIST_STATE_FAILED,
                               "Only 1 MB is free on /var/lib", NULL, FALSE);
  g_assert_true (pf_checklist_run_skip (run, "duration-measured"));

  verified = pf_backup_record_new ("/srv/backups/clinic 2026-11-21.sqlite3", 12288, SHA256_A, at,
                                   "sqlite-backup", "clinic.sqlite3");
  pf_backup_record_set_verification (verified, TRUE, "integrity_check ok; 2 tables, row counts equal");
  pf_checklist_run_add_backup (run, verified);
  unverified = pf_backup_record_new ("/srv/backups/clinic-old.sqlite3", 12288, SHA256_B, at,
                                     "sqlite-backup", "clinic.sqlite3");
  pf_backup_record_set_verification (unverified, FALSE, "the copy could not be opened");
  pf_checklist_run_add_backup (run, unverified);

  facts = pf_checklist_facts_collect (report, NULL, run);
  signoff = pf_checklist_signoff_new ("Anna Nowak", "Change manager", at, "go", facts);
  pf_checklist_run_sign (run, signoff);
  pf_report_set_checklist (report, run);

  document = pf_report_compose (report);
  assert_anchors (document);

  /* The signer is the author; the cover says who, when (with the zone) and the fingerprint */
  g_assert_cmpstr (pf_report_document_get_author (document), ==, "Anna Nowak");
  fact = cover_fact (document, "Signed by");
  g_assert_nonnull (fact);
  {
    g_autofree char *on = report_time (report, at, "on %-d %B %Y at %H:%M");

    signed_by = g_strdup_printf ("Anna Nowak, Change manager, %s %s", on, report_zone_name (report));
  }
  g_assert_cmpstr (fact->value, ==, signed_by);
  if (g_str_equal (report_zone_name (report), "CET"))
    g_assert_cmpstr (fact->value, ==, "Anna Nowak, Change manager, on 21 November 2026 at 09:12 CET");
  fact = cover_fact (document, "Fingerprint");
  g_assert_nonnull (fact);
  g_assert_cmpstr (fact->value, ==, pf_checklist_signoff_get_fingerprint (signoff));
  g_assert_cmpuint (strlen (fact->value), ==, 64);
  g_assert_true (fact->monospace);
  progress = g_strdup_printf ("%s: %u of %u items done", pf_checklist_template_get_title (template),
                              pf_checklist_run_get_n_settled (run), pf_checklist_run_get_n_items (run));
  g_assert_cmpstr (cover_fact (document, "Checklist")->value, ==, progress);

  /* The summary mentions the checklist */
  block = find_block (document, "summary", PF_REPORT_BLOCK_PARAGRAPH, 0);
  {
    g_autofree char *on = report_time (report, at, "on %-d %B %Y at %H:%M");
    g_autofree char *sentence = g_strdup_printf ("was signed by Anna Nowak %s %s.", on, report_zone_name (report));

    g_assert_nonnull (strstr (block->text, sentence));
  }

  /* Every item */
  table = find_table (document, "checklist", "Item");
  g_assert_nonnull (table);
  g_assert_cmpuint (table->rows->len, ==, pf_checklist_run_get_n_items (run));
  r = item_row (table, "Backup: The backup was restored on a test machine");
  g_assert_cmpstr (r->cells[1], ==, "Done");
  g_assert_cmpstr (r->cells[2], ==, "Anna Nowak");
  /* When, in the report's zone, named once under this table (the
   * report's first with times) and never in a cell */
  {
    PfChecklistEntry *entry = pf_checklist_run_lookup (run, "restore-tested");
    g_autofree char *when = report_time (report, pf_checklist_entry_get_when (entry), "%-d %B %Y, %H:%M");

    g_assert_cmpstr (r->cells[3], ==, when);
  }
  block = block_after (document, table);
  g_assert_cmpint (block->kind, ==, PF_REPORT_BLOCK_PARAGRAPH);
  g_assert_true (g_str_has_prefix (block->text, "Times are in "));
  g_assert_cmpuint (count_zone_notes (document), ==, 1);
  g_assert_cmpstr (r->cells[4], ==, "Restored on the test server in 4 minutes");
  g_assert_cmpint (r->tone, ==, PF_REPORT_TONE_GOOD);
  r = item_row (table, "Backup: A verified backup was taken after the last change");
  g_assert_cmpstr (r->cells[1], ==, "Passed");
  /* Preflight answered it, in a sentence */
  g_assert_cmpstr (r->cells[2], ==, "Preflight");
  g_assert_cmpstr (r->cells[4], ==, "A verified backup of 12 KB was taken.");
  r = item_row (table, "Capacity: There is enough free disk space");
  g_assert_cmpstr (r->cells[1], ==, "Failed");
  g_assert_cmpint (r->tone, ==, PF_REPORT_TONE_BAD);
  r = item_row (table, "Rehearsal: How long the rehearsal took was written down");
  g_assert_cmpstr (r->cells[1], ==, "Skipped");
  r = item_row (table, "Window and rollback: A rollback plan is written down");
  g_assert_cmpstr (r->cells[1], ==, "Open");
  g_assert_cmpint (r->tone, ==, PF_REPORT_TONE_WARNING);
  g_assert_cmpstr (r->cells[2], ==, "");
  /* The item that recorded the row counts points to their table instead of
   * listing them */
  r = item_row (table, "Capacity: The number of rows in every table was recorded");
  g_assert_cmpstr (r->cells[1], ==, "Passed");
  g_assert_cmpstr (r->cells[4], ==, "Recorded the row counts of 2 tables.\n"
                                    "Every table’s count is in “Row counts” below.");
  /* Particulars as bullets, a long list cut short */
  r = item_row (table, "Connection and data: No data problems block the migration");
  g_assert_cmpstr (r->cells[1], ==, "Failed");
  g_assert_cmpstr (r->cells[4], ==, "The integrity scan found 6 problems that block the migration.\n"
                                    "• 1 nurse\n• 2 nurses\n• 3 nurses\n• and 3 more");
  r = item_row (table, "Connection and data: Preflight can connect to the database");
  g_assert_cmpstr (r->cells[4], ==, "Connected.\n• Location: clinic.sqlite3");
  /* Nobody answered an item not done yet */
  r = item_row (table, "Review: Every pending migration’s SQL was read (manage.py sqlmigrate)");
  g_assert_cmpstr (r->cells[2], ==, "");
  r = item_row (table, "After the migration: Row counts match the ones recorded before");
  g_assert_cmpstr (r->cells[1], ==, "Failed");
  g_assert_cmpint (r->tone, ==, PF_REPORT_TONE_BAD);

  /* Backups, with their checksums and whether they proved good */
  table = find_table (document, "checklist", "File");
  g_assert_nonnull (table);
  g_assert_cmpuint (table->rows->len, ==, 2);
  g_assert_cmpstr (row (table, 0)->cells[0], ==, "/srv/backups/clinic 2026-11-21.sqlite3");
  g_assert_cmpstr (row (table, 0)->cells[2], ==, SHA256_A);
  g_assert_cmpstr (row (table, 0)->cells[3], ==, "Verified");
  g_assert_cmpint (row (table, 0)->tone, ==, PF_REPORT_TONE_GOOD);
  made_at = report_time (report, at, "%-d %B %Y, %H:%M");
  g_assert_cmpstr (row (table, 0)->cells[4], ==, made_at);
  if (g_str_equal (report_zone_name (report), "CET"))
    g_assert_cmpstr (row (table, 0)->cells[4], ==, "21 November 2026, 09:12");
  g_assert_cmpstr (row (table, 1)->cells[2], ==, SHA256_B);
  g_assert_cmpstr (row (table, 1)->cells[3], ==, "Not verified: the copy could not be opened");
  g_assert_cmpint (row (table, 1)->tone, ==, PF_REPORT_TONE_BAD);
  g_assert_true (((PfReportColumn *) g_ptr_array_index (table->columns, 2))->monospace);

  /* The row counts: every table with what was recorded, and when */
  table = find_table (document, "checklist", "Table");
  g_assert_nonnull (table);
  {
    g_autofree char *taken_at = report_time (report, pf_row_counts_get_taken_at (recorded), "%-d %B %Y, %H:%M");
    g_autofree char *caption = g_strdup_printf ("Row counts, recorded on %s", taken_at);

    g_assert_cmpstr (table->caption, ==, caption);
  }
  g_assert_cmpstr (((PfReportColumn *) g_ptr_array_index (table->columns, 1))->title, ==, "Rows recorded");
  g_assert_true (((PfReportColumn *) g_ptr_array_index (table->columns, 1))->numeric);
  g_assert_true (((PfReportColumn *) g_ptr_array_index (table->columns, 0))->monospace);
  g_assert_cmpuint (table->rows->len, ==, 2);
  g_assert_cmpstr (row (table, 0)->cells[0], ==, "nurse");
  g_assert_cmpstr (row (table, 0)->cells[1], ==, "3");
  g_assert_cmpstr (row (table, 1)->cells[0], ==, "ward");
  g_assert_cmpstr (row (table, 1)->cells[1], ==, "2");
  /* …then how the comparison after the migration came out, and when */
  block = block_after (document, table);
  g_assert_cmpint (block->kind, ==, PF_REPORT_BLOCK_NOTICE);
  g_assert_cmpint (block->tone, ==, PF_REPORT_TONE_BAD);
  {
    PfChecklistEntry *match = pf_checklist_run_lookup (run, "row-counts-match");
    g_autofree char *when = report_time (report, pf_checklist_entry_get_when (match), "%-d %B %Y, %H:%M");
    g_autofree char *caption = g_strconcat ("Compared again on ", when, NULL);

    g_assert_cmpstr (block->caption, ==, caption);
  }
  {
    g_autofree char *text = g_strdup_printf ("1 table differs from the row counts recorded before.\n%s.",
                                             (const char *) g_ptr_array_index (differences, 0));

    g_assert_cmpstr (block->text, ==, text);
    g_assert_nonnull (strstr (block->text, "nurse"));
  }

  /* The snapshot: later ticks do not change the report */
  pf_checklist_run_tick (run, "rollback-plan", "Bob", NULL);
  {
    g_autoptr(PfReportDocument) again = pf_report_compose (report);

    r = item_row (find_table (again, "checklist", "Item"), "Window and rollback: A rollback plan is written down");
    g_assert_cmpstr (r->cells[1], ==, "Open");
  }

  /* A sign-off whose verdict is not the report's says so */
  {
    g_autoptr(PfChecklistSignoff) no_go = pf_checklist_signoff_new ("Anna Nowak", NULL, at, "no-go", facts);
    g_autoptr(PfReportDocument) again = NULL;

    pf_checklist_run_sign (run, no_go);
    pf_report_set_checklist (report, run);
    again = pf_report_compose (report);
    if (g_str_equal (report_zone_name (report), "CET"))
      g_assert_cmpstr (cover_fact (again, "Signed by")->value, ==,
                       "Anna Nowak, on 21 November 2026 at 09:12 CET — signed as NO-GO; this report says GO");
    g_assert_true (g_str_has_suffix (cover_fact (again, "Signed by")->value,
                                     " — signed as NO-GO; this report says GO"));
  }

  /* A checklist that records row counts but has none yet says so, and
   * nothing about comparing them */
  {
    g_autoptr(PfChecklistRun) fresh = pf_checklist_run_new (template);
    g_autoptr(PfReportDocument) again = NULL;

    pf_report_set_checklist (report, fresh);
    again = pf_report_compose (report);
    g_assert_null (find_table (again, "checklist", "Table"));
    g_assert_cmpuint (count_text (again, "checklist", "No row counts have been recorded for this checklist yet."), ==, 1);
    g_assert_cmpuint (count_text (again, "checklist", "compared"), ==, 0);

    /* Recorded but not compared yet */
    pf_checklist_run_set_row_counts (fresh, recorded);
    pf_report_set_checklist (report, fresh);
    g_clear_object (&again);
    again = pf_report_compose (report);
    g_assert_cmpuint (find_table (again, "checklist", "Table")->rows->len, ==, 2);
    g_assert_cmpuint (count_text (again, "checklist", "These counts have not been compared after the migration yet."), ==, 1);
    g_assert_null (find_block (again, "checklist", PF_REPORT_BLOCK_NOTICE, 0));
  }

  pf_test_remove_dir (dir);
}

/* ---- incomplete ---------------------------------------------------------------- */

static void
test_incomplete (void)
{
  g_autofree char *dir = pf_test_make_dir ("pf-composer-XXXXXX");
  g_autofree char *path = make_clean_database (dir);
  g_autoptr(PfReport) report = check_target (path, NULL);
  g_autoptr(PfReportDocument) document = NULL;
  g_autoptr(PfFinding) blocker = pf_finding_new ("fk-orphans", PF_SEVERITY_BLOCKER);
  PfReportCover *cover;
  const PfReportBlock *block;

  pf_report_set_incomplete (report, "The scan was cancelled; 3 of 10 checks finished");
  document = pf_report_compose (report);
  assert_anchors (document);
  cover = pf_report_document_get_cover (document);
  g_assert_cmpstr (cover->verdict, ==, "INCOMPLETE");
  g_assert_cmpint (cover->verdict_tone, ==, PF_REPORT_TONE_WARNING);
  g_assert_cmpstr (cover->verdict_sentence, ==,
                   "Not everything could be checked. "
                   "The scan is incomplete: the scan was cancelled; 3 of 10 checks finished");
  block = find_block (document, "summary", PF_REPORT_BLOCK_PARAGRAPH, 0);
  g_assert_nonnull (strstr (block->text, "the verdict cannot be GO"));
  g_assert_nonnull (strstr (block->text, "The scan is incomplete: the scan was cancelled; 3 of 10 checks finished."));
  g_assert_cmpuint (count_text (document, "appendix", "The scan is incomplete: the scan was cancelled"), ==, 1);

  /* A check that could not run is a warning, with its reason */
  {
    g_autoptr(GError) reason = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                                    "permission denied for table nurse");
    g_autoptr(PfFinding) failed = pf_finding_new_failed ("duplicate-values", "nurse", reason);
    const PfReportBlock *table;

    pf_report_add_finding (report, failed);
    g_clear_object (&document);
    document = pf_report_compose (report);
    assert_anchors (document);
    g_assert_cmpstr (pf_report_document_get_cover (document)->verdict, ==, "INCOMPLETE");
    table = find_table (document, "blockers", "Problem");
    g_assert_cmpstr (table->caption, ==, "Needs a look");
    g_assert_cmpstr (row (table, 0)->cells[0], ==, "Could not check nurse");
    table = find_table (document, "findings", "Severity");
    g_assert_cmpstr (row (table, 0)->cells[0], ==, "Warning");
    g_assert_cmpint (row (table, 0)->tone, ==, PF_REPORT_TONE_WARNING);
    g_assert_cmpuint (count_text (document, "findings", "Why it could not run: permission denied for table nurse"), ==, 1);
  }

  /* Blockers win */
  pf_finding_set_table (blocker, NULL, "nurse");
  pf_finding_set_title (blocker, "2 nurses point at wards that do not exist");
  pf_finding_set_count (blocker, 2);
  pf_report_add_finding (report, blocker);
  g_clear_object (&document);
  document = pf_report_compose (report);
  cover = pf_report_document_get_cover (document);
  g_assert_cmpstr (cover->verdict, ==, "NO-GO");
  g_assert_cmpint (cover->verdict_tone, ==, PF_REPORT_TONE_BAD);
  block = find_block (document, "summary", PF_REPORT_BLOCK_PARAGRAPH, 0);
  g_assert_cmpstr (block->text, ==,
                   "The database is not ready for the migration. 1 problem would stop it: "
                   "2 nurses point at wards that do not exist. "
                   "1 warning needs a look but does not block it. "
                   "The scan is incomplete: the scan was cancelled; 3 of 10 checks finished.");

  pf_test_remove_dir (dir);
}

/* ---- 2,000 findings --------------------------------------------------------- */

#define N_MANY 2000
/* Under AddressSanitizer with full malloc stacks every allocation is ~30×
 * slower: there the bound only catches what grows out of proportion */
#if defined(__SANITIZE_ADDRESS__)
#define MANY_LIMIT_USEC (20 * G_USEC_PER_SEC)
#else
#define MANY_LIMIT_USEC G_USEC_PER_SEC
#endif

static void
test_many (void)
{
  g_autofree char *dir = pf_test_make_dir ("pf-composer-XXXXXX");
  g_autofree char *path = make_clean_database (dir);
  g_autoptr(PfReport) report = check_target (path, NULL);
  g_autoptr(PfReportDocument) document = NULL;
  const PfReportBlock *table;
  guint n_details = 0, n_fixes = 0;
  gint64 begin, elapsed;

  for (guint i = 0; i < N_MANY; i++)
    {
      g_autoptr(PfFinding) finding = pf_finding_new ("fk-orphans",
                                                     i % 3 == 0 ? PF_SEVERITY_BLOCKER
                                                     : i % 3 == 1 ? PF_SEVERITY_WARNING : PF_SEVERITY_INFO);
      g_autofree char *table_name = g_strdup_printf ("table_%04u", i);
      g_autofree char *title = g_strdup_printf ("%u rows of table %u point nowhere", i + 1, i);
      g_autofree char *fix = g_strdup_printf ("DELETE FROM \"table_%04u\" WHERE parent_id = 'X%u';", i, i);
      g_autofree char *value = g_strdup_printf ("X%u", i);
      const char *columns[] = { "parent_id", NULL };
      const char *parent_columns[] = { "id", NULL };
      const char *keys[] = { "id" };
      const char *key_values[] = { "1" };
      const char *values[] = { value };

      pf_finding_set_table (finding, NULL, table_name);
      pf_finding_set_columns (finding, columns);
      pf_finding_set_parent_table (finding, NULL, "parent");
      pf_finding_set_parent_columns (finding, parent_columns);
      pf_finding_set_count (finding, i + 1);
      pf_finding_set_title (finding, title);
      pf_finding_set_explanation (finding, "These rows refer to rows that are not there.");
      pf_finding_set_detail (finding, "Query: SELECT …");
      pf_finding_set_fix_sql (finding, fix);
      /* More than the report shows of each */
      for (guint v = 0; v < 12; v++)
        pf_finding_add_value (finding, value, 1);
      for (guint s = 0; s < 8; s++)
        pf_finding_add_sample (finding, 1, keys, key_values, 1, columns, values);
      pf_report_add_finding (report, finding);
    }

  begin = g_get_monotonic_time ();
  document = pf_report_compose (report);
  elapsed = g_get_monotonic_time () - begin;
  g_test_message ("Composed %u findings in %" G_GINT64_FORMAT " ms", N_MANY, elapsed / 1000);
  /* Loosely: the benchmark measures; this catches a quadratic mistake */
  g_assert_cmpint (elapsed, <, MANY_LIMIT_USEC);
  assert_anchors (document);

  table = find_table (document, "findings", "Severity");
  g_assert_cmpuint (table->rows->len, ==, N_MANY);
  g_assert_cmpstr (row (table, 0)->cells[0], ==, "Blocker");
  g_assert_cmpstr (row (table, N_MANY - 1)->cells[0], ==, "Information");
  g_assert_cmpuint (find_table (document, "blockers", "Problem")->rows->len, ==,
                    pf_report_count (report, PF_SEVERITY_BLOCKER));

  for (guint i = 0; i < pf_report_document_get_n_blocks (document); i++)
    {
      const PfReportBlock *block = pf_report_document_get_block (document, i);

      if (block->kind == PF_REPORT_BLOCK_HEADING && g_str_has_prefix (block->anchor, "finding-"))
        {
          n_details++;
          /* Blockers first */
          g_assert_cmpint (block->tone, ==, PF_REPORT_TONE_BAD);
        }
      if (block->kind == PF_REPORT_BLOCK_CODE && g_strcmp0 (block->caption, "Suggested fix (not executed)") == 0)
        n_fixes++;
      /* Bounded per finding too */
      if (block->kind == PF_REPORT_BLOCK_TABLE && block->rows->len > 0 &&
          g_strcmp0 (((PfReportColumn *) g_ptr_array_index (block->columns, 0))->title, "Value") == 0)
        {
          g_assert_cmpuint (block->rows->len, ==, 10);
          /* 12 values of one row each: none is "most common" */
          g_assert_cmpstr (block->caption, ==, "Some of the bad values");
        }
      if (block->kind == PF_REPORT_BLOCK_TABLE &&
          g_strcmp0 (((PfReportColumn *) g_ptr_array_index (block->columns, 0))->title, "id") == 0)
        g_assert_cmpuint (block->rows->len, ==, 5);
    }
  g_assert_cmpuint (n_details, ==, 100);
  g_assert_cmpuint (n_fixes, ==, 100);
  g_assert_cmpuint (count_text (document, "findings",
                                "The other 1900 findings are listed in the table above; "
                                "the JSON report has every detail."), ==, 1);
  g_assert_cmpuint (count_text (document, "appendix", "The detail of 1900 more findings is in the JSON report."), ==, 1);

  pf_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Times on the cover carry their zone: a zone other than UTC shows it */
  g_setenv ("TZ", "Europe/Warsaw", TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report-composer/demo", test_demo);
  g_test_add_func ("/report-composer/history-only", test_history_only);
  g_test_add_func ("/report-composer/clean", test_clean);
  g_test_add_func ("/report-composer/checklist", test_checklist);
  g_test_add_func ("/report-composer/incomplete", test_incomplete);
  g_test_add_func ("/report-composer/many", test_many);

  return g_test_run ();
}
