/* pf-report-composer.c — what a readiness report says, for every format
 *
 * The one place that decides a report's content and words. Two readers:
 * a change board first (the cover, the summary, what blocks the
 * migration), the DBA last (the appendix with the technical detail and the
 * scripts, marked "not executed"). Everything already phrased elsewhere —
 * the verdict sentence, findings' titles, the checks' consequences and
 * fixers, the timeline's summaries — is reused, never reworded here (a
 * pending migration's note only leaves out the migration its row names).
 * Every time is shown in one zone, named on the cover and once under the
 * first table with times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-report-composer"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-check-info.h"
#include "pf-checks.h"
#include "pf-checklist-run.h"
#include "pf-migration-analysis.h"
#include "pf-report-composer.h"
#include "pf-scan.h"
#include "pf-timeline.h"

/* The detailed part of the findings section and the appendix: a report a
 * PDF writer lays out in well under a second even with thousands of
 * findings. The table lists every one; the JSON report has every detail. */
#define MAX_DETAILED_FINDINGS 100
/* Per finding */
#define MAX_VALUES            10
#define MAX_SAMPLES           5
#define MAX_CASCADE           10
/* Of the history */
#define MAX_DEPLOYMENTS       5
/* Problems named in the summary's sentence before "and N more" */
#define MAX_SUMMARY_NAMES     3
/* Particulars of a checklist item's result shown in its note */
#define MAX_ITEM_DETAILS      4

typedef struct
{
  PfReport            *report;
  PfReportDocument    *document;
  /* PfFinding in the report's order: blockers first */
  GPtrArray           *findings;
  PfMigrationAnalysis *analysis;   /* NULL: no migrations section */
  PfTimeline          *timeline;   /* NULL without analysis */
  PfChecklistRun      *checklist;  /* NULL: no checklist */
  PfChecklistSignoff  *signoff;    /* NULL: not signed */
  /* Every time in the report is shown in one zone: the reader's offset
   * from UTC when the report was made (a fixed offset, so a summer date
   * in a winter report is not an hour off its label), named once */
  GTimeZone           *zone;
  char                *zone_name;  /* "CET", or "UTC+05:30" without a name */
  char                *zone_note;  /* "Times are in CET (UTC+01:00)." */
  gboolean             zone_noted; /* zone_note is under a table already */
} Composer;

/* ---- words ------------------------------------------------------------ */

static char *
format_count (gint64 count)
{
  /* %' groups thousands the way the reader's locale does */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

/* "" when not a count, so a table cell stays empty */
static char *
format_count_cell (gint64 count)
{
  return count >= 0 ? format_count (count) : g_strdup ("");
}

/* ---- times --------------------------------------------------------------- */

/* The report's one time zone, from the moment it was made */
static void
composer_init_zone (Composer  *self,
                    GDateTime *generated_at)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *offset = NULL;
  const char *abbreviation;

  if (generated_at == NULL)
    generated_at = now = g_date_time_new_now_utc ();

  local = g_date_time_to_local (generated_at);
  self->zone = g_time_zone_new_offset ((gint32) (g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND));
  offset = g_date_time_format (local, "%:z");
  abbreviation = g_date_time_get_timezone_abbreviation (local);

  if (g_date_time_get_utc_offset (local) == 0)
    {
      self->zone_name = g_strdup ("UTC");
      /* TRANSLATORS: under the first table with times in a report */
      self->zone_note = g_strdup (_("Times are in UTC."));
    }
  else if (abbreviation != NULL && g_ascii_isalpha (abbreviation[0]))
    {
      self->zone_name = g_strdup (abbreviation);
      /* TRANSLATORS: under the first table with times in a report: the
       * zone's name and its offset, "Times are in CET (UTC+01:00)." */
      self->zone_note = g_strdup_printf (_("Times are in %s (UTC%s)."), abbreviation, offset);
    }
  else
    {
      self->zone_name = g_strconcat ("UTC", offset, NULL);
      /* TRANSLATORS: under the first table with times in a report, for a
       * zone without a name: "Times are in UTC+05:30." */
      self->zone_note = g_strdup_printf (_("Times are in %s."), self->zone_name);
    }
}

/* A time for a table's cell, in the report's zone without naming it (the
 * note under the first such table does): "21 November 2026, 10:00"; NULL
 * for NULL */
static char *
dup_time (Composer  *self,
          GDateTime *when)
{
  g_autoptr(GDateTime) moved = NULL;

  if (when == NULL)
    return NULL;

  moved = g_date_time_to_timezone (when, self->zone);
  /* TRANSLATORS: a moment as strftime() writes it: "21 November 2026, 10:00" */
  return g_date_time_format (moved, _("%-d %B %Y, %H:%M"));
}

/* The same with the zone, where a time stands alone (the cover, the page
 * header, facts): "21 November 2026, 10:00 CET" */
static char *
dup_moment (Composer  *self,
            GDateTime *when)
{
  g_autofree char *time = dup_time (self, when);

  if (time == NULL)
    return NULL;

  /* TRANSLATORS: a moment and its time zone: "21 November 2026, 10:00 CET" */
  return g_strdup_printf (_("%s %s"), time, self->zone_name);
}

/* The same inside a sentence: "on 21 November 2026 at 09:12 CET" */
static char *
dup_moment_in_sentence (Composer  *self,
                        GDateTime *when)
{
  g_autoptr(GDateTime) moved = NULL;
  g_autofree char *time = NULL;

  if (when == NULL)
    return NULL;

  moved = g_date_time_to_timezone (when, self->zone);
  /* TRANSLATORS: a moment inside a sentence, as strftime() writes it:
   * "signed by Anna on 21 November 2026 at 09:12"; the time zone follows */
  time = g_date_time_format (moved, _("on %-d %B %Y at %H:%M"));

  /* TRANSLATORS: a moment in a sentence and its time zone: "on 21 November
   * 2026 at 09:12 CET" */
  return g_strdup_printf (_("%s %s"), time, self->zone_name);
}

/* After a table with times in its cells: the first one says their zone */
static void
note_time_zone (Composer *self)
{
  if (self->zone_noted)
    return;

  pf_report_document_add_paragraph (self->document, PF_REPORT_TEXT_NOTE, self->zone_note);
  self->zone_noted = TRUE;
}

/* ---- labels --------------------------------------------------------------- */

static PfReportTone
severity_tone (PfSeverity severity)
{
  switch (severity)
    {
    case PF_SEVERITY_BLOCKER:
      return PF_REPORT_TONE_BAD;
    case PF_SEVERITY_WARNING:
      return PF_REPORT_TONE_WARNING;
    case PF_SEVERITY_INFO:
    default:
      return PF_REPORT_TONE_NEUTRAL;
    }
}

/* A sentence continued inside another: "Conflicting migrations" → "conflicting
 * migrations", but "SQLite …" and "3 rows …" stay as they are; no final
 * full stop. */
static char *
dup_inline (const char *sentence)
{
  char *text = g_strdup (sentence != NULL ? sentence : "");
  gsize length = strlen (text);

  if (g_ascii_isupper (text[0]) && g_ascii_islower (text[1]))
    text[0] = g_ascii_tolower (text[0]);
  while (length > 0 && text[length - 1] == '.')
    text[--length] = '\0';

  return text;
}

/* @sentence with a full stop at its end */
static char *
dup_with_period (const char *sentence)
{
  gsize length = strlen (sentence);

  if (length > 0 && strchr (".!?", sentence[length - 1]) != NULL)
    return g_strdup (sentence);

  return g_strconcat (sentence, ".", NULL);
}

/* "a", "a and b", "a, b and c" */
static char *
dup_join_words (GPtrArray *words)
{
  g_autofree char *head = NULL;

  if (words->len == 0)
    return g_strdup ("");
  if (words->len == 1)
    return g_strdup (g_ptr_array_index (words, 0));

  head = g_strdup (g_ptr_array_index (words, 0));
  for (guint i = 1; i + 1 < words->len; i++)
    {
      /* TRANSLATORS: joins the items of a list but the last: "a, b" */
      char *longer = g_strdup_printf (_("%s, %s"), head, (const char *) g_ptr_array_index (words, i));

      g_free (head);
      head = longer;
    }

  /* TRANSLATORS: joins the last item of a list: "a, b and c" */
  return g_strdup_printf (_("%s and %s"), head, (const char *) g_ptr_array_index (words, words->len - 1));
}

/* A value as people should see it: quoted when blanks at either end (or
 * nothing at all) would otherwise be invisible, like “101471 ” */
static char *
dup_value_display (const char *value)
{
  gsize length;

  if (value == NULL)
    return g_strdup ("NULL");

  length = strlen (value);
  if (length == 0 || g_ascii_isspace (value[0]) || g_ascii_isspace (value[length - 1]))
    return g_strconcat ("“", value, "”", NULL);

  return g_strdup (value);
}

static char *
dup_table_name (const char *schema,
                const char *table)
{
  if (schema == NULL || g_str_equal (schema, "public"))
    return g_strdup (table);

  return g_strconcat (schema, ".", table, NULL);
}

/* What deleting the offending rows would do to rows that hang from them */
static const char *
on_delete_words (PfForeignKeyAction action)
{
  switch (action)
    {
    case PF_FOREIGN_KEY_ACTION_CASCADE:
      return _("Deleted with them");
    case PF_FOREIGN_KEY_ACTION_SET_NULL:
      return _("Kept, with the link emptied");
    case PF_FOREIGN_KEY_ACTION_SET_DEFAULT:
      return _("Kept, with the link set to its default");
    case PF_FOREIGN_KEY_ACTION_RESTRICT:
    case PF_FOREIGN_KEY_ACTION_NO_ACTION:
    default:
      return _("Stops the deletion: these rows must be dealt with first");
    }
}

/* Where a migration problem is: "scheduling_shift.is_overtime",
 * "scheduling: 0007_a, 0007_b", "reports" */
static char *
dup_problem_where (PfMigrationProblem *problem)
{
  const char *table = pf_migration_problem_get_table (problem);
  const char *column = pf_migration_problem_get_column (problem);
  const char *app = pf_migration_problem_get_app (problem);
  const char * const *migrations = pf_migration_problem_get_migrations (problem);
  g_autofree char *names = NULL;
  guint n_migrations;

  if (table != NULL && column != NULL)
    return g_strconcat (table, ".", column, NULL);
  if (table != NULL)
    return g_strdup (table);

  if (migrations == NULL || migrations[0] == NULL)
    return g_strdup (app != NULL ? app : "");

  n_migrations = g_strv_length ((char **) migrations);
  if (n_migrations > 3)
    /* TRANSLATORS: a span of migrations: "0012_a … 0020_b (9 migrations)" */
    names = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s … %s (%u migration)", "%s … %s (%u migrations)",
                                          n_migrations),
                             migrations[0], migrations[n_migrations - 1], n_migrations);
  else
    names = g_strjoinv (", ", (char **) migrations);
  if (app == NULL)
    return g_steal_pointer (&names);

  /* TRANSLATORS: an app and its migrations: "scheduling: 0007_a, 0007_b" */
  return g_strdup_printf (_("%s: %s"), app, names);
}

/* Who usually fixes a migration problem */
static const char *
problem_fixer (PfMigrationProblem *problem)
{
  const char *kind = pf_migration_problem_get_kind (problem);

  if (g_strcmp0 (kind, PF_MIGRATION_PROBLEM_WILL_FAIL) == 0)
    /* The orphans behind it are the data's, not the code's */
    return pf_check_info_get_fixer (PF_CHECK_FK_ORPHANS);

  if (g_strcmp0 (kind, PF_MIGRATION_PROBLEM_MISSING_TABLE) == 0 ||
      g_strcmp0 (kind, PF_MIGRATION_PROBLEM_MISSING_COLUMN) == 0 ||
      g_strcmp0 (kind, PF_MIGRATION_PROBLEM_MISSING_INDEX) == 0 ||
      g_strcmp0 (kind, PF_MIGRATION_PROBLEM_UNEXPECTED_TABLE) == 0 ||
      g_strcmp0 (kind, PF_MIGRATION_PROBLEM_UNEXPECTED_COLUMN) == 0 ||
      g_strcmp0 (kind, PF_MIGRATION_PROBLEM_LOCK_HELD) == 0)
    return _("The application team, with the DBA");

  return _("The application team");
}

/* ---- composer ------------------------------------------------------------ */

static void
composer_init (Composer *self,
               PfReport *report)
{
  GListModel *findings = pf_report_get_findings (report);
  guint n = g_list_model_get_n_items (findings);

  memset (self, 0, sizeof *self);
  self->report = report;
  self->document = pf_report_document_new ();
  self->findings = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->findings, g_list_model_get_item (findings, i));

  self->analysis = pf_report_get_migrations (report);
  if (self->analysis != NULL)
    self->timeline = pf_timeline_new (self->analysis, NULL);

  self->checklist = pf_report_get_checklist (report);
  if (self->checklist != NULL)
    self->signoff = pf_checklist_run_get_signoff (self->checklist);

  composer_init_zone (self, pf_report_get_generated_at (report));
}

static void
composer_clear (Composer *self)
{
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_object (&self->timeline);
  g_clear_object (&self->document);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->zone_name, g_free);
  g_clear_pointer (&self->zone_note, g_free);
}

static GPtrArray *
get_problems (Composer *self)
{
  return self->analysis != NULL ? pf_migration_analysis_get_problems (self->analysis) : NULL;
}

static guint
count_findings (Composer   *self,
                PfSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; i < self->findings->len; i++)
    n += pf_finding_get_severity (g_ptr_array_index (self->findings, i)) == severity;

  return n;
}

static guint
count_pending (Composer *self)
{
  if (self->timeline == NULL)
    return 0;

  return g_list_model_get_n_items (pf_timeline_get_pending (self->timeline));
}

/* "Checklist title: 18 of 23 items done" without the title */
static char *
dup_checklist_progress (PfChecklistRun *run)
{
  guint n_items = pf_checklist_run_get_n_items (run);
  guint n_settled = pf_checklist_run_get_n_settled (run);

  /* TRANSLATORS: checklist progress: "18 of 23 items done" (skipped and
   * not applicable items count as done) */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u item done", "%u of %u items done", n_items),
                          n_settled, n_items);
}

/* "Anna Nowak, Change manager, on 21 November 2026 at 09:12 CET", and
 * what the signer decided when it is not this report's verdict */
static char *
dup_signed_by (Composer *self)
{
  PfChecklistSignoff *signoff = self->signoff;
  const char *signer = pf_checklist_signoff_get_signer (signoff);
  const char *role = pf_checklist_signoff_get_role (signoff);
  const char *signed_verdict = pf_checklist_signoff_get_verdict (signoff);
  const char *verdict = pf_verdict_to_string (pf_report_get_verdict (self->report));
  g_autofree char *when = dup_moment_in_sentence (self, pf_checklist_signoff_get_signed_at (signoff));
  g_autofree char *who = NULL;
  g_autofree char *text = NULL;

  if (role != NULL && *role != '\0')
    /* TRANSLATORS: a signer and their role: "Anna Nowak, Change manager" */
    who = g_strdup_printf (_("%s, %s"), signer, role);
  else
    who = g_strdup (signer);

  /* TRANSLATORS: who signed and when: "Anna Nowak, Change manager, on 21
   * November 2026 at 09:12 CET" */
  text = g_strdup_printf (_("%s, %s"), who, when != NULL ? when : "");

  if (signed_verdict != NULL && g_strcmp0 (signed_verdict, verdict) != 0)
    {
      char *longer;

      /* TRANSLATORS: the first %s is who signed and when; the second the
       * verdict they signed ("GO"), the third this report's ("NO-GO") */
      longer = g_strdup_printf (_("%s — signed as %s; this report says %s"),
                                text, pf_verdict_label_for_string (signed_verdict), pf_verdict_label_for_string (verdict));
      g_free (text);
      text = longer;
    }

  return g_steal_pointer (&text);
}

/* ---- metadata and cover ---------------------------------------------------- */

static void
compose_metadata (Composer *self)
{
  const char *connection = pf_report_get_target_name (self->report);
  const char *environment = pf_environment_to_label (pf_report_get_target_environment (self->report));
  GDateTime *generated_at = pf_report_get_generated_at (self->report);
  g_autofree char *moment = dup_moment (self, generated_at);
  g_autofree char *title = NULL;
  g_autofree char *header = NULL;
  const char *author;

  /* TRANSLATORS: the report's title; %s is the connection's name */
  title = g_strdup_printf (_("Readiness report — %s"), connection);

  if (environment != NULL)
    /* TRANSLATORS: the page header: connection · environment · date and time */
    header = g_strdup_printf (_("%s · %s · %s"), connection, environment, moment);
  else
    /* TRANSLATORS: the page header: connection · date and time */
    header = g_strdup_printf (_("%s · %s"), connection, moment);

  author = self->signoff != NULL ? pf_checklist_signoff_get_signer (self->signoff) : NULL;
  if (author == NULL || *author == '\0')
    author = "Preflight";

  pf_report_document_set_metadata (self->document, title, author, header, generated_at);
}

/* The report's verdict sentence without the verdict it starts with, which
 * the cover shows in large letters right above it: "11 problems block
 * this migration" */
static char *
dup_verdict_sentence (PfReport *report)
{
  g_autofree char *sentence = pf_report_dup_verdict_sentence (report);
  const char *verdict = pf_verdict_to_label (pf_report_get_verdict (report));
  gsize length = strlen (verdict);
  const char *rest;

  /* A translation that words it otherwise keeps the whole sentence */
  if (strncmp (sentence, verdict, length) != 0 || sentence[length] != ':')
    return g_steal_pointer (&sentence);

  rest = sentence + length + 1;
  while (*rest == ' ')
    rest++;
  if (*rest == '\0')
    return g_steal_pointer (&sentence);

  {
    g_autofree char *first = g_utf8_strup (rest, g_utf8_next_char (rest) - rest);

    return g_strconcat (first, g_utf8_next_char (rest), NULL);
  }
}

static void
compose_cover (Composer *self)
{
  PfReportCover *cover = pf_report_document_get_cover (self->document);
  PfReport *report = self->report;
  PfEnvironment environment = pf_report_get_target_environment (report);
  const char *server_version = pf_report_get_target_server_version (report);
  const char *location = pf_report_get_target_location (report);
  gboolean sqlite = pf_report_get_target_kind (report) == PF_DATABASE_KIND_SQLITE;
  g_autofree char *checked = dup_moment (self, pf_report_get_generated_at (report));
  g_autofree char *server = NULL;
  g_autofree char *checklist = NULL;

  g_free (cover->product);
  /* TRANSLATORS: the product and its version on the cover: "Preflight 0.1.0" */
  cover->product = g_strdup_printf (_("Preflight %s"), PACKAGE_VERSION);
  g_free (cover->title);
  cover->title = g_strdup (_("Migration readiness report"));
  g_free (cover->connection);
  cover->connection = g_strdup (pf_report_get_target_name (report));

  g_free (cover->environment);
  cover->environment = g_strdup (pf_environment_to_label (environment));
  switch (environment)
    {
    case PF_ENVIRONMENT_PRODUCTION:
      cover->environment_tone = PF_REPORT_TONE_BAD;
      break;
    case PF_ENVIRONMENT_STAGING:
      cover->environment_tone = PF_REPORT_TONE_WARNING;
      break;
    case PF_ENVIRONMENT_DEVELOPMENT:
      cover->environment_tone = PF_REPORT_TONE_GOOD;
      break;
    case PF_ENVIRONMENT_NONE:
    default:
      cover->environment_tone = PF_REPORT_TONE_NEUTRAL;
      break;
    }

  g_free (cover->verdict);
  if (pf_report_count (report, PF_SEVERITY_BLOCKER) > 0)
    {
      cover->verdict = g_strdup (pf_verdict_to_label (PF_VERDICT_NO_GO));
      cover->verdict_tone = PF_REPORT_TONE_BAD;
    }
  else if (!pf_report_get_complete (report))
    {
      /* TRANSLATORS: the verdict of a scan that did not check everything */
      cover->verdict = g_strdup (_("INCOMPLETE"));
      cover->verdict_tone = PF_REPORT_TONE_WARNING;
    }
  else if (pf_report_get_verdict (report) == PF_VERDICT_GO_WITH_WARNINGS)
    {
      cover->verdict = g_strdup (pf_verdict_to_label (PF_VERDICT_GO_WITH_WARNINGS));
      cover->verdict_tone = PF_REPORT_TONE_WARNING;
    }
  else
    {
      cover->verdict = g_strdup (pf_verdict_to_label (PF_VERDICT_GO));
      cover->verdict_tone = PF_REPORT_TONE_GOOD;
    }
  g_free (cover->verdict_sentence);
  cover->verdict_sentence = dup_verdict_sentence (report);

  /* The database: the file, or the database's name on its server */
  pf_report_cover_add_fact (cover, _("Database"),
                            sqlite && location != NULL && *location != '\0'
                              ? location : pf_report_get_target_name (report),
                            TRUE);

  if (server_version == NULL)
    server_version = sqlite ? "SQLite" : "PostgreSQL";
  if (!sqlite && location != NULL && *location != '\0')
    /* TRANSLATORS: the server's version and where it runs: "PostgreSQL 15.4 on db1:5432" */
    server = g_strdup_printf (_("%s on %s"), server_version, location);
  else
    server = g_strdup (server_version);
  pf_report_cover_add_fact (cover, _("Server"), server, FALSE);

  pf_report_cover_add_fact (cover, _("Checked"), checked, FALSE);

  if (self->checklist != NULL)
    {
      g_autofree char *progress = dup_checklist_progress (self->checklist);

      /* TRANSLATORS: a checklist's title and its progress: "Go-live: 18 of 23 items done" */
      checklist = g_strdup_printf (_("%s: %s"),
                                   pf_checklist_template_get_title (pf_checklist_run_get_template (self->checklist)),
                                   progress);
    }
  else
    /* TRANSLATORS: the checklist on the cover, when nobody started one */
    checklist = g_strdup (_("Not started"));
  pf_report_cover_add_fact (cover, _("Checklist"), checklist, FALSE);

  if (self->signoff != NULL)
    {
      g_autofree char *signed_by = dup_signed_by (self);

      pf_report_cover_add_fact (cover, _("Signed by"), signed_by, FALSE);
      pf_report_cover_add_fact (cover, _("Fingerprint"),
                                pf_checklist_signoff_get_fingerprint (self->signoff), TRUE);
    }
  else if (self->checklist != NULL)
    {
      PfReportFact *fact;

      pf_report_cover_add_fact (cover, _("Signed by"), _("Nobody yet"), FALSE);
      fact = g_ptr_array_index (cover->facts, cover->facts->len - 1);
      fact->tone = PF_REPORT_TONE_WARNING;
    }
}

/* ---- 1. summary ------------------------------------------------------------ */

/* What stops the migration, after the verdict in words: the problems by
 * name when there are few ("1 problem would stop it: 2 nurses point at
 * wards that do not exist."), else where they are and the largest ("11
 * problems would stop it: 4 in the data and 7 with the migrations. The
 * largest: 300 staff profiles point at users that do not exist.") */
static void
append_blockers (Composer *self,
                 GString  *lead)
{
  GPtrArray *problems = get_problems (self);
  guint n_findings = count_findings (self, PF_SEVERITY_BLOCKER);
  guint n_problems = self->analysis != NULL ? pf_migration_analysis_count (self->analysis, PF_SEVERITY_BLOCKER) : 0;
  guint n = n_findings + n_problems;
  PfFinding *largest = NULL;

  if (n == 0)
    return;

  if (n <= MAX_SUMMARY_NAMES)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *list = NULL;

      for (guint i = 0; i < self->findings->len; i++)
        if (pf_finding_get_severity (g_ptr_array_index (self->findings, i)) == PF_SEVERITY_BLOCKER)
          g_ptr_array_add (names, dup_inline (pf_finding_get_title (g_ptr_array_index (self->findings, i))));
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        if (pf_migration_problem_get_severity (g_ptr_array_index (problems, i)) == PF_SEVERITY_BLOCKER)
          g_ptr_array_add (names, dup_inline (pf_migration_problem_get_title (g_ptr_array_index (problems, i))));
      list = dup_join_words (names);

      g_string_append_printf (lead,
                              /* TRANSLATORS: %u problems, then the list of them */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u problem would stop it: %s.",
                                           "%u problems would stop it: %s.", n),
                              n, list);
      return;
    }

  if (n_findings > 0 && n_problems > 0)
    g_string_append_printf (lead,
                            /* TRANSLATORS: "11 problems would stop it: 4 in the data and 7 with the migrations." */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u problem would stop it: %u in the data and %u with the migrations.",
                                         "%u problems would stop it: %u in the data and %u with the migrations.", n),
                            n, n_findings, n_problems);
  else if (n_findings > 0)
    g_string_append_printf (lead,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u problem in the data would stop it.",
                                         "%u problems in the data would stop it.", n),
                            n);
  else
    g_string_append_printf (lead,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u problem with the migrations would stop it.",
                                         "%u problems with the migrations would stop it.", n),
                            n);

  /* The one with the most rows, for a sense of scale */
  for (guint i = 0; i < self->findings->len; i++)
    {
      PfFinding *finding = g_ptr_array_index (self->findings, i);

      if (pf_finding_get_severity (finding) == PF_SEVERITY_BLOCKER &&
          (largest == NULL || pf_finding_get_count (finding) > pf_finding_get_count (largest)))
        largest = finding;
    }
  if (largest != NULL && n_findings > 1 && pf_finding_get_count (largest) > 0)
    {
      g_autofree char *title = dup_with_period (pf_finding_get_title (largest));

      g_string_append_c (lead, ' ');
      /* TRANSLATORS: the problem in the data with the most rows: "The
       * largest: 300 staff profiles point at users that do not exist." */
      g_string_append_printf (lead, _("The largest: %s"), title);
    }
}

static char *
dup_checks_ran (Composer *self)
{
  const char * const *checks = pf_report_get_checks (self->report);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (checks == NULL)
    return NULL;

  for (guint i = 0; checks[i] != NULL; i++)
    g_ptr_array_add (labels, dup_inline (pf_check_info_get_label (checks[i])));
  joined = dup_join_words (labels);

  if (labels->len == 0)
    return g_strdup (_("No integrity check ran."));

  /* TRANSLATORS: a restricted scan; %s lists the checks: "broken links and duplicate values" */
  return g_strdup_printf (_("Only some checks ran: %s."), joined);
}

static void
compose_summary (Composer *self)
{
  PfReport *report = self->report;
  PfReportDocument *document = self->document;
  guint n_blockers = pf_report_count (report, PF_SEVERITY_BLOCKER);
  guint n_warnings = pf_report_count (report, PF_SEVERITY_WARNING);
  guint n_info = pf_report_count (report, PF_SEVERITY_INFO);
  gboolean complete = pf_report_get_complete (report);
  g_autoptr(GString) lead = g_string_new (NULL);
  g_autofree char *checks_ran = dup_checks_ran (self);
  PfReportBlock *facts;
  PfReportFact *fact;

  pf_report_document_add_heading (document, 1, "summary", _("Summary"));

  /* The verdict in words, then what stands behind it */
  if (n_blockers > 0)
    {
      g_string_append (lead, _("The database is not ready for the migration."));
      g_string_append_c (lead, ' ');
      append_blockers (self, lead);
    }
  else if (!complete)
    {
      g_autofree char *reason = dup_inline (pf_report_get_incomplete_reason (report));

      g_string_append (lead, _("Nothing found so far blocks the migration, but not everything was checked, "
                               "so the verdict cannot be GO."));
      g_string_append_c (lead, ' ');
      /* TRANSLATORS: %s is why the scan is incomplete ("the scan was cancelled; 3 of 10 checks finished") */
      g_string_append_printf (lead, _("The scan is incomplete: %s."), reason);
    }
  else if (n_warnings > 0)
    {
      g_string_append (lead, _("The database can be migrated: nothing blocks it."));
    }
  else
    {
      g_string_append (lead, _("The database is ready for the migration. Nothing blocks it."));
    }

  if (n_warnings > 0)
    {
      g_string_append_c (lead, ' ');
      if (n_blockers > 0)
        g_string_append_printf (lead,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u warning needs a look but does not block it.",
                                             "%u warnings need a look but do not block it.", n_warnings),
                                n_warnings);
      else
        g_string_append_printf (lead,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u warning needs a look before it runs.",
                                             "%u warnings need a look before it runs.", n_warnings),
                                n_warnings);
    }

  /* Incomplete with blockers: still say so */
  if (n_blockers > 0 && !complete)
    {
      g_autofree char *reason = dup_inline (pf_report_get_incomplete_reason (report));

      g_string_append_c (lead, ' ');
      g_string_append_printf (lead, _("The scan is incomplete: %s."), reason);
    }

  if (checks_ran != NULL)
    {
      g_string_append_c (lead, ' ');
      g_string_append (lead, checks_ran);
    }

  if (self->timeline != NULL && pf_migration_analysis_get_source (self->analysis) != NULL)
    {
      g_autofree char *next = pf_timeline_dup_next_summary (self->timeline);
      g_autofree char *sentence = dup_with_period (next);

      g_string_append_c (lead, ' ');
      g_string_append (lead, sentence);
    }

  if (self->checklist != NULL)
    {
      const char *title = pf_checklist_template_get_title (pf_checklist_run_get_template (self->checklist));
      g_autofree char *progress = dup_checklist_progress (self->checklist);

      g_string_append_c (lead, ' ');
      if (self->signoff != NULL)
        {
          g_autofree char *when = dup_moment_in_sentence (self, pf_checklist_signoff_get_signed_at (self->signoff));

          /* TRANSLATORS: The checklist “Go-live” has 18 of 23 items done and was signed
           * by Anna Nowak on 21 November 2026 at 09:12 CET. */
          g_string_append_printf (lead, _("The checklist “%s” has %s and was signed by %s %s."),
                                  title, progress, pf_checklist_signoff_get_signer (self->signoff),
                                  when != NULL ? when : "");
        }
      else
        /* TRANSLATORS: The checklist “Go-live” has 18 of 23 items done and has not been signed. */
        g_string_append_printf (lead, _("The checklist “%s” has %s and has not been signed."), title, progress);
    }

  pf_report_document_add_paragraph (document, PF_REPORT_TEXT_LEAD, lead->str);

  facts = pf_report_document_add_facts (document);
  {
    g_autofree char *value = format_count (n_blockers);

    fact = pf_report_block_add_fact (facts, _("Blockers"), value, FALSE);
    fact->tone = n_blockers > 0 ? PF_REPORT_TONE_BAD : PF_REPORT_TONE_GOOD;
  }
  {
    g_autofree char *value = format_count (n_warnings);

    fact = pf_report_block_add_fact (facts, _("Warnings"), value, FALSE);
    fact->tone = n_warnings > 0 ? PF_REPORT_TONE_WARNING : PF_REPORT_TONE_NEUTRAL;
  }
  {
    g_autofree char *value = format_count (n_info);

    pf_report_block_add_fact (facts, _("Information"), value, FALSE);
  }
  if (self->timeline != NULL && pf_migration_analysis_get_source (self->analysis) != NULL)
    {
      g_autofree char *value = format_count (count_pending (self));

      pf_report_block_add_fact (facts, _("Pending migrations"), value, FALSE);
    }
  if (self->checklist != NULL)
    {
      g_autofree char *value = dup_checklist_progress (self->checklist);

      fact = pf_report_block_add_fact (facts, _("Checklist"), value, FALSE);
      fact->tone = pf_checklist_run_get_n_blocking (self->checklist) > 0
                     ? PF_REPORT_TONE_WARNING : PF_REPORT_TONE_GOOD;
    }
  if (!complete)
    {
      fact = pf_report_block_add_fact (facts, _("Scan"), _("Incomplete"), FALSE);
      fact->tone = PF_REPORT_TONE_WARNING;
    }
}

/* ---- 2. what blocks the migration ----------------------------------------- */

static PfReportBlock *
add_problem_table (Composer   *self,
                   const char *caption)
{
  PfReportBlock *table = pf_report_document_add_table (self->document, caption);

  pf_report_block_add_column (table, _("Problem"), 0.40, FALSE, FALSE);
  pf_report_block_add_column (table, _("Where"), 0.25, FALSE, TRUE);
  pf_report_block_add_column (table, _("Rows"), 0.10, TRUE, FALSE);
  pf_report_block_add_column (table, _("Who usually fixes it"), 0.25, FALSE, FALSE);

  return table;
}

/* One row per finding and migration problem of @severity; how many */
static guint
add_problem_rows (Composer       *self,
                  PfReportBlock  *table,
                  PfSeverity      severity)
{
  GPtrArray *problems = get_problems (self);
  PfReportTone tone = severity_tone (severity);
  guint n = 0;

  for (guint i = 0; i < self->findings->len; i++)
    {
      PfFinding *finding = g_ptr_array_index (self->findings, i);
      g_autofree char *where = NULL;
      g_autofree char *rows = NULL;

      if (pf_finding_get_severity (finding) != severity)
        continue;

      where = pf_finding_dup_subject (finding);
      rows = format_count_cell (pf_finding_get_count (finding));
      pf_report_block_add_row (table, tone, (const char *[]) {
                                 pf_finding_get_title (finding), where, rows,
                                 pf_check_info_get_fixer (pf_finding_get_check_id (finding)),
                               });
      n++;
    }

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *where = NULL;
      g_autofree char *rows = NULL;

      if (pf_migration_problem_get_severity (problem) != severity)
        continue;

      where = dup_problem_where (problem);
      rows = format_count_cell (pf_migration_problem_get_count (problem));
      pf_report_block_add_row (table, tone, (const char *[]) {
                                 pf_migration_problem_get_title (problem), where, rows,
                                 problem_fixer (problem),
                               });
      n++;
    }

  return n;
}

static void
compose_blockers (Composer *self)
{
  PfReportDocument *document = self->document;

  pf_report_document_add_heading (document, 1, "blockers", _("What blocks the migration"));

  if (pf_report_count (self->report, PF_SEVERITY_BLOCKER) == 0)
    {
      pf_report_document_add_notice (document, PF_REPORT_TONE_GOOD, NULL,
                                     _("Nothing blocks the migration."));
    }
  else
    {
      PfReportBlock *table = add_problem_table (self, NULL);

      add_problem_rows (self, table, PF_SEVERITY_BLOCKER);
    }

  if (pf_report_count (self->report, PF_SEVERITY_WARNING) > 0)
    {
      /* TRANSLATORS: the caption of the table of warnings */
      PfReportBlock *table = add_problem_table (self, _("Needs a look"));

      add_problem_rows (self, table, PF_SEVERITY_WARNING);
    }
}

/* ---- 3. migrations ------------------------------------------------------------ */

/* @text without @prefix, or NULL when it does not start with it */
static const char *
skip_prefix (const char *text,
             const char *prefix)
{
  gsize length = strlen (prefix);

  if (length == 0 || strncmp (text, prefix, length) != 0)
    return NULL;

  return text + length;
}

/* A will-fail or risky problem's title said for the row of its own
 * migration, which that row already names: "Migration scheduling.0025_x
 * removes scheduling_accesslog.user_agent (6000 rows of data)" → "removes
 * scheduling_accesslog.user_agent (6000 rows of data)", and for a failure
 * without the words "will fail" the note starts with.
 *
 * A problem carries no reason of its own apart from its title (its count
 * sums every table behind a failure, the table is only the worst one), so
 * the note is its title with the subject taken off — the subject built from
 * the problem's own app and migration, not guessed. A title worded
 * otherwise (another translation) is kept whole. */
static char *
dup_pending_reason (PfMigrationProblem *problem,
                    const char         *app,
                    const char         *name)
{
  const char *title = pf_migration_problem_get_title (problem);
  g_autofree char *label = app != NULL ? g_strconcat (app, ".", name, NULL) : g_strdup (name);
  g_autofree char *subject = NULL;
  const char *rest;

  if (title == NULL)
    return g_strdup ("");

  /* TRANSLATORS: how a problem's title names its migration ("Migration
   * scheduling.0025_x removes …"), with the space after it; must match the
   * titles of pf-migration-risks.c so the note can leave it out */
  subject = g_strdup_printf (_("Migration %s "), label);
  rest = skip_prefix (title, subject);
  if (rest == NULL || *rest == '\0')
    return g_strdup (title);

  if (g_strcmp0 (pf_migration_problem_get_kind (problem), PF_MIGRATION_PROBLEM_WILL_FAIL) == 0)
    {
      /* TRANSLATORS: how pf-migration-risks.c's titles continue after
       * "Migration x " when the migration will fail; the note says "Will
       * fail:" itself */
      const char *failures[] = { N_("will fail with IntegrityError because "), N_("will fail: ") };

      for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
        {
          const char *reason = skip_prefix (rest, g_dgettext (GETTEXT_PACKAGE, failures[i]));

          if (reason != NULL && *reason != '\0')
            return g_strdup (reason);
        }

      /* "will fail" said some other way: the whole title */
      return g_strdup (title);
    }

  return g_strdup (rest);
}

/* The will-fail and risky notes of a pending migration, one line each:
 * "Will fail: 300 rows in scheduling_staffprofile point to missing users" */
static char *
dup_pending_notes (PfTimelineEntry *entry,
                   PfReportTone    *out_tone)
{
  GPtrArray *problems = pf_timeline_entry_get_problems (entry);
  const char *app = pf_timeline_entry_get_app (entry);
  const char *name = pf_timeline_entry_get_name (entry);
  g_autoptr(GString) notes = g_string_new (NULL);
  const char *kinds[] = { PF_MIGRATION_PROBLEM_WILL_FAIL, PF_MIGRATION_PROBLEM_RISKY_OPERATION };

  *out_tone = PF_REPORT_TONE_NEUTRAL;

  /* Failures first, then risks */
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint i = 0; problems != NULL && i < problems->len; i++)
      {
        PfMigrationProblem *problem = g_ptr_array_index (problems, i);
        g_autofree char *reason = NULL;

        if (g_strcmp0 (pf_migration_problem_get_kind (problem), kinds[k]) != 0)
          continue;

        reason = dup_pending_reason (problem, app, name);
        if (notes->len > 0)
          g_string_append_c (notes, '\n');
        if (k == 0)
          {
            /* TRANSLATORS: a note on a pending migration; %s says why:
             * "Will fail: 300 rows in scheduling_staffprofile point to missing users" */
            g_string_append_printf (notes, _("Will fail: %s"), reason);
            *out_tone = PF_REPORT_TONE_BAD;
          }
        else
          {
            /* TRANSLATORS: a note on a pending migration; %s says what it does:
             * "Risky: removes scheduling_accesslog.user_agent (6,000 rows of data)" */
            g_string_append_printf (notes, _("Risky: %s"), reason);
            if (*out_tone == PF_REPORT_TONE_NEUTRAL)
              *out_tone = PF_REPORT_TONE_WARNING;
          }
      }

  return g_string_free (g_steal_pointer (&notes), FALSE);
}

static void
compose_pending (Composer *self)
{
  GListModel *pending = pf_timeline_get_pending (self->timeline);
  guint n = g_list_model_get_n_items (pending);
  g_autofree char *next = pf_timeline_dup_next_summary (self->timeline);
  g_autofree char *sentence = dup_with_period (next);
  PfReportBlock *table;

  pf_report_document_add_heading (self->document, 2, "migrations-next", _("The next deployment"));
  pf_report_document_add_paragraph (self->document, PF_REPORT_TEXT_BODY, sentence);
  if (n == 0)
    return;

  table = pf_report_document_add_table (self->document, _("Pending migrations, in the order they will run"));
  pf_report_block_add_column (table, _("#"), 0.06, TRUE, FALSE);
  pf_report_block_add_column (table, _("Migration"), 0.30, FALSE, TRUE);
  pf_report_block_add_column (table, _("What it does"), 0.32, FALSE, FALSE);
  pf_report_block_add_column (table, _("Notes"), 0.32, FALSE, FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfTimelineEntry) entry = g_list_model_get_item (pending, i);
      const char *app = pf_timeline_entry_get_app (entry);
      const char *name = pf_timeline_entry_get_name (entry);
      g_autofree char *position = g_strdup_printf ("%u", pf_timeline_entry_get_position (entry));
      g_autofree char *migration = app != NULL ? g_strconcat (app, ".", name, NULL) : g_strdup (name);
      PfReportTone tone;
      g_autofree char *notes = dup_pending_notes (entry, &tone);

      pf_report_block_add_row (table, tone, (const char *[]) {
                                 position, migration, pf_timeline_entry_get_subtitle (entry), notes,
                               });
    }
}

static void
compose_history (Composer *self)
{
  GListModel *deployments = pf_timeline_get_deployments (self->timeline);
  guint n = g_list_model_get_n_items (deployments);
  g_autofree char *history = pf_timeline_dup_history_summary (self->timeline);
  g_autofree char *sentence = dup_with_period (history);
  PfReportBlock *table;
  gboolean mixed = FALSE;

  pf_report_document_add_heading (self->document, 2, "migrations-history", _("The history"));
  pf_report_document_add_paragraph (self->document, PF_REPORT_TEXT_BODY, sentence);
  if (n == 0)
    return;

  table = pf_report_document_add_table (self->document,
                                        n > MAX_DEPLOYMENTS ? _("The last deployments, newest first")
                                                            : _("Deployments, newest first"));
  pf_report_block_add_column (table, _("When"), 0.35, FALSE, FALSE);
  pf_report_block_add_column (table, _("Migrations"), 0.15, TRUE, FALSE);
  pf_report_block_add_column (table, _("Notes"), 0.50, FALSE, FALSE);

  /* Histories of more than one framework name theirs */
  for (guint i = 1; i < n && !mixed; i++)
    {
      g_autoptr(PfTimelineEntry) first = g_list_model_get_item (deployments, 0);
      g_autoptr(PfTimelineEntry) entry = g_list_model_get_item (deployments, i);

      mixed = pf_timeline_entry_get_framework (entry) != pf_timeline_entry_get_framework (first);
    }

  for (guint i = 0; i < MIN (n, MAX_DEPLOYMENTS); i++)
    {
      g_autoptr(PfTimelineEntry) entry = g_list_model_get_item (deployments, i);
      const PfDeployment *deployment = pf_timeline_entry_get_deployment (entry);
      g_autofree char *count = g_strdup_printf ("%u", deployment->n_records);
      g_autofree char *when = dup_time (self, deployment->started_at);
      const char *notes = "";
      PfReportTone tone = PF_REPORT_TONE_NEUTRAL;

      if (pf_timeline_entry_has_problem_kind (entry, PF_MIGRATION_PROBLEM_PROBABLY_FAKED) ||
          deployment->probably_faked)
        {
          /* TRANSLATORS: Django's "migrate --fake" records migrations
           * without running them; said without the jargon */
          notes = _("Probably recorded without being run: all within one second");
          tone = PF_REPORT_TONE_WARNING;
        }
      else if (pf_timeline_entry_get_needs_attention (entry))
        {
          notes = _("Needs a look: see the problems below");
          tone = PF_REPORT_TONE_WARNING;
        }

      if (when == NULL)
        when = g_strdup (_("Date not recorded"));
      if (mixed)
        {
          char *longer;

          /* TRANSLATORS: a framework and when it deployed: "Flyway: 20 November 2023, 16:42" */
          longer = g_strdup_printf (_("%s: %s"),
                                    pf_migration_framework_get_display_name (pf_timeline_entry_get_framework (entry)),
                                    when);
          g_free (when);
          when = longer;
        }

      pf_report_block_add_row (table, tone, (const char *[]) { when, count, notes });
    }
  note_time_zone (self);
}

static void
compose_migration_problems (Composer *self)
{
  GPtrArray *problems = get_problems (self);

  if (problems == NULL || problems->len == 0)
    return;

  pf_report_document_add_heading (self->document, 2, "migrations-problems", _("Problems with the migrations"));

  for (guint i = 0; i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);
      PfSeverity severity = pf_migration_problem_get_severity (problem);
      const char *explanation = pf_migration_problem_get_explanation (problem);
      const char *fix = pf_migration_problem_get_fix (problem);
      g_autofree char *anchor = g_strdup_printf ("migration-problem-%u", i + 1);
      g_autofree char *heading = NULL;
      PfReportBlock *block;

      /* TRANSLATORS: a problem's severity and its title: "Blocker: Conflicting migrations in scheduling" */
      heading = g_strdup_printf (_("%s: %s"), pf_severity_to_label (severity), pf_migration_problem_get_title (problem));
      block = pf_report_document_add_heading (self->document, 3, anchor, heading);
      block->tone = severity_tone (severity);

      if (explanation != NULL && *explanation != '\0')
        pf_report_document_add_paragraph (self->document, PF_REPORT_TEXT_BODY, explanation);
      if (fix != NULL && *fix != '\0')
        {
          g_autofree char *fixer = dup_inline (problem_fixer (problem));

          /* TRANSLATORS: who fixes a migration problem ("the application
           * team"), then how, for a developer ("python manage.py
           * makemigrations --merge") */
          pf_report_document_add_paragraphf (self->document, PF_REPORT_TEXT_BODY,
                                             _("Who usually fixes it: %s. How to fix it: %s"), fixer, fix);
        }
    }
}

static void
compose_migrations (Composer *self)
{
  pf_report_document_add_heading (self->document, 1, "migrations", _("Migrations"));

  if (self->analysis == NULL)
    {
      pf_report_document_add_paragraph (self->document, PF_REPORT_TEXT_NOTE,
                                        _("The migration history was not part of this check."));
      return;
    }

  if (pf_migration_analysis_get_source (self->analysis) == NULL)
    pf_report_document_add_paragraph (self->document, PF_REPORT_TEXT_NOTE,
                                      _("Only the migration history was read: without the project’s "
                                        "folder, Preflight cannot say which migrations will run next "
                                        "or whether they will fail."));
  else
    compose_pending (self);

  compose_history (self);
  compose_migration_problems (self);
}

/* ---- 4. integrity findings ------------------------------------------------------ */

static void
compose_values (Composer  *self,
                PfFinding *finding)
{
  GPtrArray *values = pf_finding_get_values (finding);
  const char *caption;
  gboolean repeated = FALSE;
  PfReportBlock *table;

  if (values->len == 0)
    return;

  /* The checks list values most frequent first: "most common" only when
   * some repeat */
  for (guint i = 0; i < values->len && !repeated; i++)
    repeated = ((const PfValueCount *) g_ptr_array_index (values, i))->count > 1;
  if (values->len <= MAX_VALUES)
    caption = _("The bad values");
  else if (repeated)
    caption = _("The most common bad values");
  else
    caption = _("Some of the bad values");
  table = pf_report_document_add_table (self->document, caption);
  pf_report_block_add_column (table, _("Value"), 0.75, FALSE, TRUE);
  pf_report_block_add_column (table, _("Rows"), 0.25, TRUE, FALSE);

  for (guint i = 0; i < MIN (values->len, MAX_VALUES); i++)
    {
      const PfValueCount *value = g_ptr_array_index (values, i);
      g_autofree char *display = dup_value_display (value->value);
      g_autofree char *count = format_count_cell (value->count);

      pf_report_block_add_row (table, PF_REPORT_TONE_NEUTRAL, (const char *[]) { display, count });
    }
}

static void
compose_samples (Composer  *self,
                 PfFinding *finding)
{
  GPtrArray *samples = pf_finding_get_samples (finding);
  const PfSampleRow *first;
  guint n_columns;
  PfReportBlock *table;
  g_autofree const char **cells = NULL;

  if (samples->len == 0)
    return;

  first = g_ptr_array_index (samples, 0);
  n_columns = first->n_keys + first->n_values;
  if (n_columns == 0)
    return;

  /* "The rows" only when they are all here */
  table = pf_report_document_add_table (self->document,
                                        samples->len > MAX_SAMPLES ||
                                        pf_finding_get_count (finding) > (gint64) samples->len
                                          ? _("Some of the rows")
                                          : _("The rows"));
  for (guint i = 0; i < first->n_keys; i++)
    pf_report_block_add_column (table, first->key_columns[i], 1.0, FALSE, TRUE);
  for (guint i = 0; i < first->n_values; i++)
    pf_report_block_add_column (table, first->value_columns[i], 1.0, FALSE, TRUE);

  cells = g_new0 (const char *, n_columns + 1);
  for (guint i = 0; i < MIN (samples->len, MAX_SAMPLES); i++)
    {
      const PfSampleRow *sample = g_ptr_array_index (samples, i);
      g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);

      for (guint c = 0; c < n_columns; c++)
        {
          const char *value = NULL;
          gboolean present = FALSE;

          /* Samples of one finding share their columns; be safe anyway */
          if (c < first->n_keys)
            {
              present = c < sample->n_keys;
              value = present ? sample->key_values[c] : NULL;
            }
          else
            {
              present = c - first->n_keys < sample->n_values;
              value = present ? sample->values[c - first->n_keys] : NULL;
            }

          if (!present)
            cells[c] = "";
          else
            {
              char *display = dup_value_display (value);

              g_ptr_array_add (owned, display);
              cells[c] = display;
            }
        }

      pf_report_block_add_row (table, PF_REPORT_TONE_NEUTRAL, cells);
    }
}

static void
compose_cascade (Composer  *self,
                 PfFinding *finding)
{
  GPtrArray *steps = pf_finding_get_cascade (finding);
  gint64 total = pf_finding_get_cascade_rows (finding);
  g_autofree char *rows = NULL;
  PfReportBlock *table;

  if (steps->len == 0 || total <= 0)
    return;

  rows = format_count (total);
  pf_report_document_add_paragraphf (self->document, PF_REPORT_TEXT_BODY,
                                     /* TRANSLATORS: %s is a number of rows; what removing
                                      * the rows of a finding would touch */
                                     g_dngettext (GETTEXT_PACKAGE,
                                                  "%s row in other tables depends on these rows: "
                                                  "deleting them would affect it too.",
                                                  "%s rows in other tables depend on these rows: "
                                                  "deleting them would affect those too.",
                                                  total),
                                     rows);

  table = pf_report_document_add_table (self->document, NULL);
  pf_report_block_add_column (table, _("Table"), 0.35, FALSE, TRUE);
  pf_report_block_add_column (table, _("Rows"), 0.15, TRUE, FALSE);
  pf_report_block_add_column (table, _("What deleting these rows would do"), 0.50, FALSE, FALSE);

  for (guint i = 0; i < MIN (steps->len, MAX_CASCADE); i++)
    {
      const PfCascadeStep *step = g_ptr_array_index (steps, i);
      g_autofree char *name = dup_table_name (step->table_schema, step->table);
      g_autofree char *count = format_count_cell (step->rows);

      pf_report_block_add_row (table, PF_REPORT_TONE_NEUTRAL, (const char *[]) {
                                 name, count, on_delete_words (step->on_delete),
                               });
    }
  if (steps->len > MAX_CASCADE)
    pf_report_document_add_paragraphf (self->document, PF_REPORT_TEXT_NOTE,
                                       g_dngettext (GETTEXT_PACKAGE,
                                                    "And %u more table: the JSON report lists every one.",
                                                    "And %u more tables: the JSON report lists every one.",
                                                    steps->len - MAX_CASCADE),
                                       steps->len - MAX_CASCADE);
}

static void
compose_finding (Composer  *self,
                 PfFinding *finding,
                 guint      index)
{
  PfReportDocument *document = self->document;
  const char *check_id = pf_finding_get_check_id (finding);
  const char *explanation = pf_finding_get_explanation (finding);
  g_autofree char *anchor = g_strdup_printf ("finding-%u", index + 1);
  g_autofree char *consequence = NULL;
  g_autofree char *fixer = NULL;
  PfReportBlock *block;

  block = pf_report_document_add_heading (document, 2, anchor, pf_finding_get_title (finding));
  block->tone = severity_tone (pf_finding_get_severity (finding));

  if (explanation != NULL && *explanation != '\0')
    pf_report_document_add_paragraph (document, PF_REPORT_TEXT_BODY, explanation);

  if (pf_finding_get_failed (finding))
    {
      /* TRANSLATORS: %s is why a check could not run ("permission denied for table x") */
      pf_report_document_add_paragraphf (document, PF_REPORT_TEXT_BODY, _("Why it could not run: %s"),
                                         pf_finding_get_error (finding));
      return;
    }

  consequence = dup_inline (pf_check_info_get_consequence (check_id));
  fixer = dup_inline (pf_check_info_get_fixer (check_id));
  /* TRANSLATORS: %s is what happens: "the migration stops with an integrity error" */
  pf_report_document_add_paragraphf (document, PF_REPORT_TEXT_BODY, _("If nobody fixes it: %s."), consequence);
  /* TRANSLATORS: %s is a team: "the DBA" */
  pf_report_document_add_paragraphf (document, PF_REPORT_TEXT_BODY, _("Who usually fixes it: %s."), fixer);

  compose_values (self, finding);
  compose_samples (self, finding);
  compose_cascade (self, finding);
}

static void
compose_findings (Composer *self)
{
  PfReportDocument *document = self->document;
  guint n = self->findings->len;
  PfReportBlock *table;

  pf_report_document_add_heading (document, 1, "findings", _("Integrity findings"));

  if (n == 0)
    {
      pf_report_document_add_notice (document, PF_REPORT_TONE_GOOD, NULL,
                                     pf_report_get_complete (self->report)
                                       ? _("The integrity checks found nothing.")
                                       : _("The checks that ran found nothing."));
      return;
    }

  /* Only the kinds there are: "The integrity checks found 4 blockers and
   * 1 warning." */
  {
    g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *joined = NULL;
    guint n_blockers = count_findings (self, PF_SEVERITY_BLOCKER);
    guint n_warnings = count_findings (self, PF_SEVERITY_WARNING);
    guint n_info = count_findings (self, PF_SEVERITY_INFO);

    if (n_blockers > 0)
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u blocker", "%u blockers", n_blockers),
                                               n_blockers));
    if (n_warnings > 0)
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", n_warnings),
                                               n_warnings));
    if (n_info > 0)
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u point for information",
                                                            "%u points for information", n_info),
                                               n_info));
    joined = dup_join_words (parts);
    /* TRANSLATORS: %s lists what the checks found: "4 blockers and 1 warning" */
    pf_report_document_add_paragraphf (document, PF_REPORT_TEXT_BODY, _("The integrity checks found %s."), joined);
  }

  table = pf_report_document_add_table (document, NULL);
  pf_report_block_add_column (table, _("Severity"), 0.14, FALSE, FALSE);
  pf_report_block_add_column (table, _("Check"), 0.22, FALSE, FALSE);
  pf_report_block_add_column (table, _("Where"), 0.52, FALSE, TRUE);
  pf_report_block_add_column (table, _("Rows"), 0.12, TRUE, FALSE);

  for (guint i = 0; i < n; i++)
    {
      PfFinding *finding = g_ptr_array_index (self->findings, i);
      PfSeverity severity = pf_finding_get_severity (finding);
      g_autofree char *where = pf_finding_dup_subject (finding);
      g_autofree char *rows = format_count_cell (pf_finding_get_count (finding));

      pf_report_block_add_row (table, severity_tone (severity), (const char *[]) {
                                 pf_severity_to_label (severity),
                                 pf_check_info_get_label (pf_finding_get_check_id (finding)),
                                 where != NULL ? where : "",
                                 rows,
                               });
    }

  /* The report's order is blockers first: the cap keeps what matters */
  for (guint i = 0; i < MIN (n, MAX_DETAILED_FINDINGS); i++)
    compose_finding (self, g_ptr_array_index (self->findings, i), i);

  if (n > MAX_DETAILED_FINDINGS)
    pf_report_document_add_paragraphf (document, PF_REPORT_TEXT_NOTE,
                                       g_dngettext (GETTEXT_PACKAGE,
                                                    "The other %u finding is listed in the table above; "
                                                    "the JSON report has every detail.",
                                                    "The other %u findings are listed in the table above; "
                                                    "the JSON report has every detail.",
                                                    n - MAX_DETAILED_FINDINGS),
                                       n - MAX_DETAILED_FINDINGS);
}

/* ---- 5. checklist ------------------------------------------------------------- */

static PfReportTone
entry_tone (PfChecklistEntry *entry)
{
  switch (pf_checklist_entry_get_state (entry))
    {
    case PF_CHECKLIST_STATE_DONE:
      return PF_REPORT_TONE_GOOD;
    case PF_CHECKLIST_STATE_FAILED:
      return PF_REPORT_TONE_BAD;
    case PF_CHECKLIST_STATE_OPEN:
    case PF_CHECKLIST_STATE_RUNNING:
      return pf_checklist_entry_get_blocking (entry) ? PF_REPORT_TONE_WARNING : PF_REPORT_TONE_NEUTRAL;
    case PF_CHECKLIST_STATE_NOT_APPLICABLE:
    case PF_CHECKLIST_STATE_SKIPPED:
    default:
      return PF_REPORT_TONE_NEUTRAL;
    }
}

/* The item that records the row counts: its details list every table's
 * count, which the table "Row counts" shows instead */
#define ROW_COUNTS_CHECK       "row-counts"
/* The item that compares them after the migration */
#define ROW_COUNTS_MATCH_CHECK "row-counts-match"

/* The note a person wrote, then what the automatic check found */
static char *
dup_entry_note (Composer         *self,
                PfChecklistEntry *entry)
{
  const char *note = pf_checklist_entry_get_note (entry);
  const char *evidence = pf_checklist_entry_get_evidence (entry);
  const char * const *details = pf_checklist_entry_get_details (entry);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_details;

  if (note != NULL && *note != '\0')
    g_string_append (text, note);

  if (evidence != NULL && *evidence != '\0')
    {
      g_autofree char *sentence = dup_with_period (evidence);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, sentence);
    }

  if (details != NULL && details[0] != NULL &&
      g_strcmp0 (pf_checklist_item_get_check (pf_checklist_entry_get_item (entry)), ROW_COUNTS_CHECK) == 0 &&
      pf_checklist_run_get_row_counts (self->checklist) != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: the note of the checklist item that recorded the row
       * counts; “Row counts” is the title of the table that lists them */
      g_string_append (text, _("Every table’s count is in “Row counts” below."));
      details = NULL;
    }

  /* The evidence's particulars, one bullet each; a long list is cut short
   * (the sections above have the problems it repeats, the JSON report has
   * every line) */
  n_details = details != NULL ? g_strv_length ((char **) details) : 0;
  for (guint i = 0; i < n_details; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (n_details > MAX_ITEM_DETAILS && i == MAX_ITEM_DETAILS - 1)
        {
          /* TRANSLATORS: ends a cut-short list of an item's particulars */
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "• and %u more", "• and %u more",
                                                     n_details - i),
                                  n_details - i);
          break;
        }
      /* TRANSLATORS: one particular of a checklist item's result, as a bullet */
      g_string_append_printf (text, _("• %s"), details[i]);
    }

  if (pf_checklist_entry_get_manual_fallback (entry))
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, _("Could not be checked from here: a person ticks it."));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
compose_checklist_items (Composer *self)
{
  PfChecklistRun *run = self->checklist;
  GListModel *steps = pf_checklist_template_get_steps (pf_checklist_run_get_template (run));
  guint n_steps = g_list_model_get_n_items (steps);
  PfReportBlock *table;

  table = pf_report_document_add_table (self->document, _("Every item"));
  pf_report_block_add_column (table, _("Item"), 0.27, FALSE, FALSE);
  pf_report_block_add_column (table, _("State"), 0.11, FALSE, FALSE);
  pf_report_block_add_column (table, _("Who"), 0.12, FALSE, FALSE);
  pf_report_block_add_column (table, _("When"), 0.13, FALSE, FALSE);
  pf_report_block_add_column (table, _("Note"), 0.37, FALSE, FALSE);

  for (guint s = 0; s < n_steps; s++)
    {
      g_autoptr(PfChecklistStep) step = g_list_model_get_item (steps, s);
      GListModel *entries = pf_checklist_run_get_step_entries (run, s);
      guint n_entries = entries != NULL ? g_list_model_get_n_items (entries) : 0;

      for (guint i = 0; i < n_entries; i++)
        {
          g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (entries, i);
          PfChecklistItem *item = pf_checklist_entry_get_item (entry);
          PfChecklistState state = pf_checklist_entry_get_state (entry);
          g_autofree char *title = NULL;
          g_autofree char *when = dup_time (self, pf_checklist_entry_get_when (entry));
          g_autofree char *note = dup_entry_note (self, entry);
          const char *who = pf_checklist_entry_get_who (entry);

          /* TRANSLATORS: a step's title and an item's: "Before: Backup taken" */
          title = g_strdup_printf (_("%s: %s"), pf_checklist_step_get_title (step),
                                   pf_checklist_item_get_title (item));
          /* A run left running is saved, and so reported, as not run */
          if (state == PF_CHECKLIST_STATE_RUNNING)
            state = PF_CHECKLIST_STATE_OPEN;
          /* An automatic item's answer came from Preflight, not from nobody */
          if ((who == NULL || *who == '\0') && when != NULL &&
              pf_checklist_item_get_kind (item) == PF_CHECKLIST_ITEM_AUTOMATIC)
            /* TRANSLATORS: who answered a checklist item that Preflight checked itself */
            who = _("Preflight");

          pf_report_block_add_row (table, entry_tone (entry), (const char *[]) {
                                     title,
                                     pf_checklist_state_to_label (state, pf_checklist_item_get_kind (item)),
                                     who, when, note,
                                   });
        }
    }
  note_time_zone (self);
}

/* The row counts recorded before the migration, and how the comparison
 * after it came out when it ran */
static void
compose_row_counts (Composer *self)
{
  PfRowCounts *counts = pf_checklist_run_get_row_counts (self->checklist);
  g_autoptr(GPtrArray) matches = NULL;
  g_auto(GStrv) tables = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *taken_at = NULL;
  PfReportBlock *table;
  gboolean has_match_item = FALSE;

  matches = pf_checklist_run_find_by_check (self->checklist, ROW_COUNTS_MATCH_CHECK);
  has_match_item = matches != NULL && matches->len > 0;

  if (counts == NULL)
    {
      /* Only a checklist that records them misses them */
      g_autoptr(GPtrArray) recorders = pf_checklist_run_find_by_check (self->checklist, ROW_COUNTS_CHECK);

      if (recorders != NULL && recorders->len > 0)
        pf_report_document_add_paragraph (self->document, PF_REPORT_TEXT_NOTE,
                                          _("No row counts have been recorded for this checklist yet."));
      return;
    }

  tables = pf_row_counts_dup_tables (counts);
  taken_at = dup_time (self, pf_row_counts_get_taken_at (counts));
  if (taken_at != NULL)
    /* TRANSLATORS: the caption of the table of row counts; %s is when
     * they were counted: "Row counts, recorded on 21 November 2026, 09:12" */
    caption = g_strdup_printf (_("Row counts, recorded on %s"), taken_at);
  else
    caption = g_strdup (_("Row counts"));

  table = pf_report_document_add_table (self->document, caption);
  pf_report_block_add_column (table, _("Table"), 0.70, FALSE, TRUE);
  pf_report_block_add_column (table, _("Rows recorded"), 0.30, TRUE, FALSE);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *count = format_count_cell (pf_row_counts_get (counts, tables[i]));

      pf_report_block_add_row (table, PF_REPORT_TONE_NEUTRAL, (const char *[]) { tables[i], count });
    }
  if (taken_at != NULL)
    note_time_zone (self);

  if (!has_match_item)
    return;

  /* Every entry of the comparison shares one check, so one result */
  {
    PfChecklistEntry *match = g_ptr_array_index (matches, 0);
    PfChecklistState state = pf_checklist_entry_get_state (match);
    const char *evidence = pf_checklist_entry_get_evidence (match);
    const char * const *details = pf_checklist_entry_get_details (match);
    g_autofree char *when = dup_time (self, pf_checklist_entry_get_when (match));
    g_autoptr(GString) text = g_string_new (NULL);
    g_autofree char *title = NULL;

    if (state != PF_CHECKLIST_STATE_DONE && state != PF_CHECKLIST_STATE_FAILED)
      {
        pf_report_document_add_paragraph (self->document, PF_REPORT_TEXT_NOTE,
                                          _("These counts have not been compared after the migration yet."));
        return;
      }

    if (evidence != NULL && *evidence != '\0')
      {
        g_autofree char *sentence = dup_with_period (evidence);

        g_string_append (text, sentence);
      }
    for (guint i = 0; details != NULL && details[i] != NULL; i++)
      {
        g_autofree char *sentence = dup_with_period (details[i]);

        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append (text, sentence);
      }

    if (when != NULL)
      /* TRANSLATORS: the title of the result of comparing the row counts
       * after the migration: "Compared again on 21 November 2026, 11:40" */
      title = g_strdup_printf (_("Compared again on %s"), when);
    else
      title = g_strdup (_("Compared after the migration"));

    pf_report_document_add_notice (self->document,
                                   state == PF_CHECKLIST_STATE_DONE ? PF_REPORT_TONE_GOOD : PF_REPORT_TONE_BAD,
                                   title, text->str);
  }
}

static void
compose_backups (Composer *self)
{
  GPtrArray *backups = pf_checklist_run_get_backups (self->checklist);
  PfReportBlock *table;

  if (backups == NULL || backups->len == 0)
    {
      pf_report_document_add_paragraph (self->document, PF_REPORT_TEXT_NOTE,
                                        _("No backup was made with Preflight for this checklist."));
      return;
    }

  table = pf_report_document_add_table (self->document, _("Backups"));
  pf_report_block_add_column (table, _("File"), 0.26, FALSE, TRUE);
  pf_report_block_add_column (table, _("Size"), 0.10, TRUE, FALSE);
  pf_report_block_add_column (table, _("SHA-256"), 0.26, FALSE, TRUE);
  pf_report_block_add_column (table, _("Verified"), 0.22, FALSE, FALSE);
  pf_report_block_add_column (table, _("Made at"), 0.16, FALSE, FALSE);

  for (guint i = 0; i < backups->len; i++)
    {
      PfBackupRecord *record = g_ptr_array_index (backups, i);
      const char *verification = pf_backup_record_get_verification (record);
      gboolean verified = pf_backup_record_get_verified (record);
      g_autofree char *size = NULL;
      g_autofree char *verified_text = NULL;
      g_autofree char *made_at = dup_time (self, pf_backup_record_get_created_at (record));

      size = pf_backup_record_get_size (record) >= 0
               ? g_format_size (pf_backup_record_get_size (record)) : g_strdup ("");
      if (verified)
        verified_text = g_strdup (_("Verified"));
      else if (verification != NULL && *verification != '\0')
        /* TRANSLATORS: %s is why a backup could not be verified */
        verified_text = g_strdup_printf (_("Not verified: %s"), verification);
      else
        verified_text = g_strdup (_("Not verified: no restore test was run"));

      pf_report_block_add_row (table, verified ? PF_REPORT_TONE_GOOD : PF_REPORT_TONE_BAD,
                               (const char *[]) {
                                 pf_backup_record_get_path (record),
                                 size,
                                 pf_backup_record_get_sha256 (record),
                                 verified_text,
                                 made_at,
                               });
    }
  note_time_zone (self);
}

static void
compose_checklist (Composer *self)
{
  PfChecklistRun *run = self->checklist;
  PfReportBlock *facts;
  PfReportFact *fact;
  guint n_blocking;
  g_autofree char *started = NULL;
  g_autofree char *progress = NULL;

  pf_report_document_add_heading (self->document, 1, "checklist", _("Checklist"));

  if (run == NULL)
    {
      pf_report_document_add_paragraph (self->document, PF_REPORT_TEXT_NOTE,
                                        _("No checklist was started for this connection."));
      return;
    }

  n_blocking = pf_checklist_run_get_n_blocking (run);
  started = dup_moment (self, pf_checklist_run_get_started_at (run));
  progress = dup_checklist_progress (run);
  if (n_blocking > 0)
    {
      char *longer;

      /* TRANSLATORS: the progress, then how many required items are open:
       * "18 of 23 items done; 3 required items are open" */
      longer = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s; %u required item is open",
                                             "%s; %u required items are open", n_blocking),
                                progress, n_blocking);
      g_free (progress);
      progress = longer;
    }

  facts = pf_report_document_add_facts (self->document);
  pf_report_block_add_fact (facts, _("Template"),
                            pf_checklist_template_get_title (pf_checklist_run_get_template (run)), FALSE);
  if (started != NULL)
    pf_report_block_add_fact (facts, _("Started"), started, FALSE);
  fact = pf_report_block_add_fact (facts, _("Progress"), progress, FALSE);
  fact->tone = n_blocking > 0 ? PF_REPORT_TONE_WARNING : PF_REPORT_TONE_GOOD;
  if (self->signoff != NULL)
    {
      g_autofree char *signed_by = dup_signed_by (self);

      pf_report_block_add_fact (facts, _("Signed by"), signed_by, FALSE);
      pf_report_block_add_fact (facts, _("Fingerprint"), pf_checklist_signoff_get_fingerprint (self->signoff), TRUE);
    }
  else
    {
      fact = pf_report_block_add_fact (facts, _("Signed by"), _("Nobody yet"), FALSE);
      fact->tone = PF_REPORT_TONE_WARNING;
    }

  compose_checklist_items (self);
  compose_backups (self);
  compose_row_counts (self);
}

/* ---- 6. appendix -------------------------------------------------------------- */

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static void
compose_scope (Composer *self)
{
  const char * const *checks = pf_report_get_checks (self->report);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  if (checks == NULL)
    checks = pf_scan_get_all_checks ();

  for (guint i = 0; checks[i] != NULL; i++)
    /* TRANSLATORS: a check's label and its id: "Broken links (fk-orphans)" */
    g_ptr_array_add (labels, g_strdup_printf (_("%s (%s)"), pf_check_info_get_label (checks[i]), checks[i]));

  pf_report_document_add_heading (self->document, 2, "appendix-scope", _("What was checked"));

  if (!pf_report_get_complete (self->report))
    {
      g_autofree char *reason = dup_inline (pf_report_get_incomplete_reason (self->report));

      pf_report_document_add_paragraphf (self->document, PF_REPORT_TEXT_BODY,
                                         _("The scan is incomplete: %s."), reason);
    }

  pf_report_document_add_paragraph (self->document, PF_REPORT_TEXT_BODY,
                                    pf_report_get_checks (self->report) != NULL
                                      ? _("Only these checks ran:")
                                      : _("Every check ran:"));
  {
    PfReportBlock *list = pf_report_document_add_list (self->document);

    for (guint i = 0; i < labels->len; i++)
      pf_report_block_add_item (list, g_ptr_array_index (labels, i));
  }
}

static void
compose_appendix (Composer *self)
{
  PfReportDocument *document = self->document;
  GPtrArray *problems = get_problems (self);
  guint n_scripts = 0, n_detailed = 0, n_skipped = 0;
  PfReportBlock *block;

  block = pf_report_document_add_heading (document, 1, "appendix", _("Appendix for the DBA"));
  block->new_page = TRUE;

  for (guint i = 0; i < self->findings->len; i++)
    n_scripts += has_text (pf_finding_get_fix_sql (g_ptr_array_index (self->findings, i)));

  if (n_scripts > 0)
    pf_report_document_add_notice (document, PF_REPORT_TONE_WARNING,
                                   /* TRANSLATORS: the title of the notice over the fix scripts */
                                   _("Not executed"),
                                   _("Preflight never changes the database. The scripts below are "
                                     "suggestions for a DBA to review, adapt and run in a maintenance "
                                     "window; none of them has been executed."));
  else
    pf_report_document_add_paragraph (document, PF_REPORT_TEXT_NOTE,
                                      _("Preflight never changes the database, and no finding comes "
                                        "with a script to review."));

  compose_scope (self);

  for (guint i = 0; i < self->findings->len; i++)
    {
      PfFinding *finding = g_ptr_array_index (self->findings, i);
      const char *detail = pf_finding_get_detail (finding);
      const char *fix_sql = pf_finding_get_fix_sql (finding);
      g_autofree char *anchor = NULL;

      if (!has_text (detail) && !has_text (fix_sql))
        continue;
      if (n_detailed >= MAX_DETAILED_FINDINGS)
        {
          n_skipped++;
          continue;
        }
      n_detailed++;

      anchor = g_strdup_printf ("appendix-finding-%u", i + 1);
      block = pf_report_document_add_heading (document, 2, anchor, pf_finding_get_title (finding));
      block->tone = severity_tone (pf_finding_get_severity (finding));

      if (has_text (detail))
        pf_report_document_add_code (document, _("Technical detail"), detail);
      if (has_text (fix_sql))
        pf_report_document_add_code (document, _("Suggested fix (not executed)"), fix_sql);
    }

  if (n_skipped > 0)
    pf_report_document_add_paragraphf (document, PF_REPORT_TEXT_NOTE,
                                       g_dngettext (GETTEXT_PACKAGE,
                                                    "The detail of %u more finding is in the JSON report.",
                                                    "The detail of %u more findings is in the JSON report.",
                                                    n_skipped),
                                       n_skipped);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (problems, i);
      const char *detail = pf_migration_problem_get_detail (problem);
      const char *path = pf_migration_problem_get_path (problem);
      guint line = pf_migration_problem_get_line (problem);
      g_autofree char *anchor = NULL;

      if (!has_text (detail) && !has_text (path))
        continue;

      anchor = g_strdup_printf ("appendix-migration-problem-%u", i + 1);
      block = pf_report_document_add_heading (document, 2, anchor, pf_migration_problem_get_title (problem));
      block->tone = severity_tone (pf_migration_problem_get_severity (problem));

      if (has_text (detail))
        pf_report_document_add_code (document, _("Technical detail"), detail);
      if (has_text (path) && line > 0)
        /* TRANSLATORS: a file and a line number in it */
        pf_report_document_add_paragraphf (document, PF_REPORT_TEXT_NOTE, _("File: %s, line %u"), path, line);
      else if (has_text (path))
        pf_report_document_add_paragraphf (document, PF_REPORT_TEXT_NOTE, _("File: %s"), path);
    }
}

/* ---- the document -------------------------------------------------------------- */

PfReportDocument *
pf_report_compose (PfReport *report)
{
  Composer self;
  PfReportDocument *document;

  g_return_val_if_fail (PF_IS_REPORT (report), NULL);

  composer_init (&self, report);

  compose_metadata (&self);
  compose_cover (&self);
  compose_summary (&self);
  compose_blockers (&self);
  compose_migrations (&self);
  compose_findings (&self);
  compose_checklist (&self);
  compose_appendix (&self);

  document = g_steal_pointer (&self.document);
  composer_clear (&self);

  return document;
}
