/* pf-report.c — everything found about one target at one moment, with the verdict
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-report.h"
#include "pf-checklist-run.h"
#include "pf-migration-analysis.h"

#define REPORT_SCHEMA "preflight-report/1"

struct _PfReport
{
  GObject         parent_instance;

  /* The target, copied so the report outlives the connection */
  PfDatabaseKind  kind;
  char           *name;
  char           *database;
  char           *location;
  char           *server_version;
  PfEnvironment   environment;

  GDateTime      *generated_at;
  GListStore     *findings;
  guint           counts[PF_SEVERITY_BLOCKER + 1];
  /* The "migrations" section; its problems count like findings */
  PfMigrationAnalysis *migrations;
  /* The "checklist" section: a snapshot, not the live run */
  PfChecklistRun *checklist;
  char           *incomplete_reason;
  GStrv           checks;           /* NULL: every check ran */
};

G_DEFINE_FINAL_TYPE (PfReport, pf_report, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PfVerdict, pf_verdict,
  G_DEFINE_ENUM_VALUE (PF_VERDICT_GO, "go"),
  G_DEFINE_ENUM_VALUE (PF_VERDICT_GO_WITH_WARNINGS, "go-with-warnings"),
  G_DEFINE_ENUM_VALUE (PF_VERDICT_NO_GO, "no-go"))

enum {
  PROP_0,
  PROP_VERDICT,
  PROP_COMPLETE,
  PROP_N_BLOCKERS,
  PROP_N_WARNINGS,
  PROP_N_INFO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Findings and migration problems of @severity together */
static guint
total_count (PfReport   *self,
             PfSeverity  severity)
{
  guint n = self->counts[severity];

  if (self->migrations != NULL)
    n += pf_migration_analysis_count (self->migrations, severity);

  return n;
}

const char *
pf_verdict_to_string (PfVerdict verdict)
{
  switch (verdict)
    {
    case PF_VERDICT_GO: return "go";
    case PF_VERDICT_GO_WITH_WARNINGS: return "go-with-warnings";
    case PF_VERDICT_NO_GO: return "no-go";
    default: g_return_val_if_reached ("no-go");
    }
}

const char *
pf_verdict_to_label (PfVerdict verdict)
{
  switch (verdict)
    {
    case PF_VERDICT_GO:
      /* TRANSLATORS: the verdict shown to managers; keep it short and loud */
      return _("GO");
    case PF_VERDICT_GO_WITH_WARNINGS:
      /* TRANSLATORS: the verdict shown to managers; keep it short and loud */
      return _("GO WITH WARNINGS");
    case PF_VERDICT_NO_GO:
    default:
      /* TRANSLATORS: the verdict shown to managers; keep “NO-GO” recognisable */
      return _("NO-GO");
    }
}

const char *
pf_verdict_label_for_string (const char *verdict)
{
  if (g_strcmp0 (verdict, "no-go") == 0)
    return pf_verdict_to_label (PF_VERDICT_NO_GO);
  if (g_strcmp0 (verdict, "go-with-warnings") == 0)
    return pf_verdict_to_label (PF_VERDICT_GO_WITH_WARNINGS);
  if (g_strcmp0 (verdict, "go") == 0)
    return pf_verdict_to_label (PF_VERDICT_GO);
  return _("Not checked yet");
}

static void
pf_report_finalize (GObject *object)
{
  PfReport *self = (PfReport *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->database, g_free);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->server_version, g_free);
  g_clear_pointer (&self->generated_at, g_date_time_unref);
  g_clear_pointer (&self->incomplete_reason, g_free);
  g_clear_pointer (&self->checks, g_strfreev);
  g_clear_object (&self->findings);
  g_clear_object (&self->migrations);
  g_clear_object (&self->checklist);

  G_OBJECT_CLASS (pf_report_parent_class)->finalize (object);
}

static void
pf_report_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PfReport *self = PF_REPORT (object);

  switch (prop_id)
    {
    case PROP_VERDICT:
      g_value_set_enum (value, pf_report_get_verdict (self));
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, pf_report_get_complete (self));
      break;

    case PROP_N_BLOCKERS:
      g_value_set_uint (value, total_count (self, PF_SEVERITY_BLOCKER));
      break;

    case PROP_N_WARNINGS:
      g_value_set_uint (value, total_count (self, PF_SEVERITY_WARNING));
      break;

    case PROP_N_INFO:
      g_value_set_uint (value, total_count (self, PF_SEVERITY_INFO));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_report_class_init (PfReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_report_finalize;
  object_class->get_property = pf_report_get_property;

  properties[PROP_VERDICT] =
    g_param_spec_enum ("verdict", NULL, NULL,
                       PF_TYPE_VERDICT,
                       PF_VERDICT_GO,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_BLOCKERS] =
    g_param_spec_uint ("n-blockers", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_WARNINGS] =
    g_param_spec_uint ("n-warnings", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_INFO] =
    g_param_spec_uint ("n-info", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_report_init (PfReport *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  self->findings = g_list_store_new (PF_TYPE_FINDING);
  /* Whole seconds: the JSON says no more, and reports compare equal */
  self->generated_at = g_date_time_new_utc (g_date_time_get_year (now),
                                            g_date_time_get_month (now),
                                            g_date_time_get_day_of_month (now),
                                            g_date_time_get_hour (now),
                                            g_date_time_get_minute (now),
                                            g_date_time_get_second (now));
}

PfReport *
pf_report_new (PfDatabase *database)
{
  PfReport *self;
  PfConnectionProfile *profile;

  g_return_val_if_fail (PF_IS_DATABASE (database), NULL);

  self = g_object_new (PF_TYPE_REPORT, NULL);
  profile = pf_database_get_profile (database);
  self->kind = pf_database_get_kind (database);
  self->name = g_strdup (pf_database_get_name (database));
  self->location = g_strdup (pf_database_get_location (database));
  self->server_version = g_strdup (pf_database_get_server_version (database));
  self->environment = pf_connection_profile_get_environment (profile);

  if (self->kind == PF_DATABASE_KIND_SQLITE)
    self->database = g_strdup (pf_connection_profile_get_path (profile));
  else
    self->database = g_strdup (pf_connection_profile_get_dbname (profile));

  return self;
}

PfDatabaseKind
pf_report_get_target_kind (PfReport *self)
{
  g_return_val_if_fail (PF_IS_REPORT (self), PF_DATABASE_KIND_SQLITE);

  return self->kind;
}

const char *
pf_report_get_target_name (PfReport *self)
{
  g_return_val_if_fail (PF_IS_REPORT (self), NULL);

  return self->name;
}

const char *
pf_report_get_target_location (PfReport *self)
{
  g_return_val_if_fail (PF_IS_REPORT (self), NULL);

  return self->location;
}

const char *
pf_report_get_target_server_version (PfReport *self)
{
  g_return_val_if_fail (PF_IS_REPORT (self), NULL);

  return self->server_version;
}

GDateTime *
pf_report_get_generated_at (PfReport *self)
{
  g_return_val_if_fail (PF_IS_REPORT (self), NULL);

  return self->generated_at;
}

GListModel *
pf_report_get_findings (PfReport *self)
{
  g_return_val_if_fail (PF_IS_REPORT (self), NULL);

  return G_LIST_MODEL (self->findings);
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  PfFinding *fa = (PfFinding *)a;
  PfFinding *fb = (PfFinding *)b;
  PfSeverity sa = pf_finding_get_severity (fa);
  PfSeverity sb = pf_finding_get_severity (fb);
  int ret;

  if (sa != sb)
    return sa > sb ? -1 : 1;

  if ((ret = g_strcmp0 (pf_finding_get_table_display_name (fa),
                        pf_finding_get_table_display_name (fb))) != 0)
    return ret;

  return g_strcmp0 (pf_finding_get_check_id (fa), pf_finding_get_check_id (fb));
}

void
pf_report_add_finding (PfReport  *self,
                       PfFinding *finding)
{
  PfVerdict old_verdict;
  PfSeverity severity;

  g_return_if_fail (PF_IS_REPORT (self));
  g_return_if_fail (PF_IS_FINDING (finding));

  old_verdict = pf_report_get_verdict (self);
  severity = pf_finding_get_severity (finding);

  g_list_store_insert_sorted (self->findings, finding, compare_findings, NULL);
  self->counts[severity]++;

  switch (severity)
    {
    case PF_SEVERITY_BLOCKER:
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BLOCKERS]);
      break;
    case PF_SEVERITY_WARNING:
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
      break;
    case PF_SEVERITY_INFO:
    default:
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INFO]);
      break;
    }

  if (pf_report_get_verdict (self) != old_verdict)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
}

gboolean
pf_report_get_complete (PfReport *self)
{
  g_return_val_if_fail (PF_IS_REPORT (self), FALSE);

  return self->incomplete_reason == NULL;
}

const char *
pf_report_get_incomplete_reason (PfReport *self)
{
  g_return_val_if_fail (PF_IS_REPORT (self), NULL);

  return self->incomplete_reason;
}

void
pf_report_set_checks (PfReport           *self,
                      const char * const *check_ids)
{
  g_return_if_fail (PF_IS_REPORT (self));

  g_strfreev (self->checks);
  self->checks = g_strdupv ((char **)check_ids);
}

const char * const *
pf_report_get_checks (PfReport *self)
{
  g_return_val_if_fail (PF_IS_REPORT (self), NULL);

  return (const char * const *)self->checks;
}

void
pf_report_set_incomplete (PfReport   *self,
                          const char *reason)
{
  gboolean was_complete;

  g_return_if_fail (PF_IS_REPORT (self));

  if (g_strcmp0 (self->incomplete_reason, reason) == 0)
    return;

  was_complete = self->incomplete_reason == NULL;
  g_free (self->incomplete_reason);
  self->incomplete_reason = g_strdup (reason);

  if (was_complete != (reason == NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

guint
pf_report_count (PfReport   *self,
                 PfSeverity  severity)
{
  g_return_val_if_fail (PF_IS_REPORT (self), 0);
  g_return_val_if_fail (severity <= PF_SEVERITY_BLOCKER, 0);

  return total_count (self, severity);
}

PfVerdict
pf_report_get_verdict (PfReport *self)
{
  g_return_val_if_fail (PF_IS_REPORT (self), PF_VERDICT_NO_GO);

  if (total_count (self, PF_SEVERITY_BLOCKER) > 0)
    return PF_VERDICT_NO_GO;
  /* What was not checked cannot be called ready */
  if (total_count (self, PF_SEVERITY_WARNING) > 0 || self->incomplete_reason != NULL)
    return PF_VERDICT_GO_WITH_WARNINGS;
  return PF_VERDICT_GO;
}

char *
pf_report_dup_verdict_headline (PfReport *self)
{
  char *verdict = NULL;
  guint n;

  g_return_val_if_fail (PF_IS_REPORT (self), NULL);

  switch (pf_report_get_verdict (self))
    {
    case PF_VERDICT_NO_GO:
      n = total_count (self, PF_SEVERITY_BLOCKER);
      verdict = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: the verdict shown to managers;
                                               * keep “NO-GO” recognisable */
                                              "NO-GO: %u problem blocks this migration",
                                              "NO-GO: %u problems block this migration",
                                              n),
                                 n);
      break;

    case PF_VERDICT_GO_WITH_WARNINGS:
      n = total_count (self, PF_SEVERITY_WARNING);
      if (n == 0)
        {
          /* Only an incomplete scan gets here */
          /* Translators: the verdict shown to managers */
          verdict = g_strdup (_("GO WITH WARNINGS: not everything could be checked"));
          break;
        }
      verdict = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: the verdict shown to managers */
                                              "GO WITH WARNINGS: %u thing needs a look before this migration",
                                              "GO WITH WARNINGS: %u things need a look before this migration",
                                              n),
                                 n);
      break;

    case PF_VERDICT_GO:
    default:
      /* Translators: the verdict shown to managers */
      verdict = g_strdup (_("GO: nothing found that blocks this migration"));
      break;
    }

  return verdict;
}

char *
pf_report_dup_verdict_sentence (PfReport *self)
{
  g_autofree char *verdict = NULL;

  g_return_val_if_fail (PF_IS_REPORT (self), NULL);

  verdict = pf_report_dup_verdict_headline (self);
  if (self->incomplete_reason == NULL)
    return g_steal_pointer (&verdict);

  {
    g_autofree char *reason = g_strdup (self->incomplete_reason);

    /* The reason is a sentence of its own; here it continues ours */
    if (g_ascii_isupper (reason[0]) && g_ascii_islower (reason[1]))
      reason[0] = g_ascii_tolower (reason[0]);

    /* Translators: the first %s is the verdict sentence, the second why the
     * scan did not check everything ("the scan was cancelled; …") */
    return g_strdup_printf (_("%s. The scan is incomplete: %s"), verdict, reason);
  }
}

void
pf_report_set_migrations (PfReport            *self,
                          PfMigrationAnalysis *analysis)
{
  PfVerdict old_verdict;

  g_return_if_fail (PF_IS_REPORT (self));
  g_return_if_fail (analysis == NULL || PF_IS_MIGRATION_ANALYSIS (analysis));

  if (self->migrations == analysis)
    return;

  old_verdict = pf_report_get_verdict (self);
  g_set_object (&self->migrations, analysis);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BLOCKERS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INFO]);
  if (pf_report_get_verdict (self) != old_verdict)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
}

PfMigrationAnalysis *
pf_report_get_migrations (PfReport *self)
{
  g_return_val_if_fail (PF_IS_REPORT (self), NULL);

  return self->migrations;
}

PfEnvironment
pf_report_get_target_environment (PfReport *self)
{
  g_return_val_if_fail (PF_IS_REPORT (self), PF_ENVIRONMENT_NONE);

  return self->environment;
}

void
pf_report_set_checklist (PfReport       *self,
                         PfChecklistRun *run)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PF_IS_REPORT (self));
  g_return_if_fail (run == NULL || PF_IS_CHECKLIST_RUN (run));

  g_clear_object (&self->checklist);
  if (run == NULL)
    return;

  /* The saved form is the run's complete state, so a round trip through
   * it is an exact copy that later ticks cannot reach */
  node = pf_checklist_run_to_json_node (run);
  self->checklist = pf_checklist_run_new_from_json_node (node, &error);
  if (self->checklist == NULL)
    g_critical ("A checklist run did not read back its own state: %s", error->message);
}

PfChecklistRun *
pf_report_get_checklist (PfReport *self)
{
  g_return_val_if_fail (PF_IS_REPORT (self), NULL);

  return self->checklist;
}

PfReport *
pf_report_copy (PfReport *self)
{
  PfReport *copy;
  guint n_findings;

  g_return_val_if_fail (PF_IS_REPORT (self), NULL);

  copy = g_object_new (PF_TYPE_REPORT, NULL);
  copy->kind = self->kind;
  copy->name = g_strdup (self->name);
  copy->database = g_strdup (self->database);
  copy->location = g_strdup (self->location);
  copy->server_version = g_strdup (self->server_version);
  copy->environment = self->environment;
  g_date_time_unref (copy->generated_at);
  copy->generated_at = g_date_time_ref (self->generated_at);
  n_findings = g_list_model_get_n_items (G_LIST_MODEL (self->findings));
  for (guint i = 0; i < n_findings; i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), i);

      g_list_store_append (copy->findings, finding);
    }
  memcpy (copy->counts, self->counts, sizeof copy->counts);
  g_set_object (&copy->migrations, self->migrations);
  g_set_object (&copy->checklist, self->checklist);
  copy->incomplete_reason = g_strdup (self->incomplete_reason);
  copy->checks = g_strdupv (self->checks);

  return copy;
}

/* ---- preflight-report/1 ---------------------------------------------------- */

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  /* Absent rather than empty: consumers test for the key */
  if (value == NULL || *value == '\0')
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_nullable_string_member (JsonBuilder *builder,
                            const char  *name,
                            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static void
add_strv_member (JsonBuilder        *builder,
                 const char         *name,
                 const char * const *strv)
{
  if (strv == NULL || strv[0] == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static char *
dup_display_name (const char *schema,
                  const char *table)
{
  if (table == NULL)
    return NULL;
  if (schema == NULL || g_strcmp0 (schema, "public") == 0)
    return g_strdup (table);
  return g_strconcat (schema, ".", table, NULL);
}

static const char *
action_to_string (PfForeignKeyAction action)
{
  switch (action)
    {
    case PF_FOREIGN_KEY_ACTION_RESTRICT: return "restrict";
    case PF_FOREIGN_KEY_ACTION_CASCADE: return "cascade";
    case PF_FOREIGN_KEY_ACTION_SET_NULL: return "set-null";
    case PF_FOREIGN_KEY_ACTION_SET_DEFAULT: return "set-default";
    case PF_FOREIGN_KEY_ACTION_NO_ACTION:
    default: return "no-action";
    }
}

static void
add_cascade (JsonBuilder *builder,
             PfFinding   *finding)
{
  GPtrArray *steps = pf_finding_get_cascade (finding);
  g_autoptr(JsonObject) tables = json_object_new ();
  g_autoptr(JsonNode) tables_node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < steps->len; i++)
    {
      const PfCascadeStep *step = g_ptr_array_index (steps, i);
      g_autofree char *key = dup_display_name (step->table_schema, step->table);
      JsonObject *entry = NULL;

      if (json_object_has_member (tables, key))
        entry = json_object_get_object_member (tables, key);

      if (entry == NULL)
        {
          JsonArray *columns = json_array_new ();

          entry = json_object_new ();
          json_object_set_int_member (entry, "rows", step->rows);
          json_object_set_string_member (entry, "on_delete", action_to_string (step->on_delete));
          json_object_set_int_member (entry, "depth", step->depth);
          for (guint j = 0; step->columns != NULL && step->columns[j] != NULL; j++)
            json_array_add_string_element (columns, step->columns[j]);
          json_object_set_array_member (entry, "columns", columns);
          json_object_set_object_member (tables, key, entry);
        }
      else
        {
          /* A table reached along two paths: one entry, rows summed */
          json_object_set_int_member (entry, "rows",
                                      json_object_get_int_member (entry, "rows") + step->rows);
          if ((gint64)step->depth < json_object_get_int_member (entry, "depth"))
            json_object_set_int_member (entry, "depth", step->depth);
        }
    }

  json_builder_set_member_name (builder, "cascade");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, pf_finding_get_cascade_rows (finding));
  json_builder_set_member_name (builder, "tables");
  json_node_set_object (tables_node, tables);
  json_builder_add_value (builder, g_steal_pointer (&tables_node));
  json_builder_end_object (builder);
}

static void
add_finding (JsonBuilder *builder,
             PfFinding   *finding)
{
  GPtrArray *values = pf_finding_get_values (finding);
  GPtrArray *samples = pf_finding_get_samples (finding);
  g_autofree char *parent = dup_display_name (pf_finding_get_parent_schema (finding),
                                              pf_finding_get_parent_table (finding));
  gboolean relationship = parent != NULL;

  json_builder_begin_object (builder);

  add_string_member (builder, "check", pf_finding_get_check_id (finding));
  add_string_member (builder, "severity", pf_severity_to_string (pf_finding_get_severity (finding)));
  add_string_member (builder, "table", pf_finding_get_table_display_name (finding));
  add_string_member (builder, "schema", pf_finding_get_table_schema (finding));
  add_strv_member (builder, "columns", pf_finding_get_columns (finding));
  add_string_member (builder, "parent_table", parent);
  add_string_member (builder, "parent_schema", pf_finding_get_parent_schema (finding));
  add_strv_member (builder, "parent_columns", pf_finding_get_parent_columns (finding));
  add_string_member (builder, "constraint", pf_finding_get_constraint (finding));

  /* Only a relationship is declared or implied */
  if (relationship)
    {
      json_builder_set_member_name (builder, "declared");
      json_builder_add_boolean_value (builder, pf_finding_get_declared (finding));
    }

  if (pf_finding_get_count (finding) >= 0)
    {
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, pf_finding_get_count (finding));
    }

  if (values->len > 0)
    {
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint i = 0; i < values->len; i++)
        {
          const PfValueCount *value = g_ptr_array_index (values, i);

          json_builder_begin_object (builder);
          add_nullable_string_member (builder, "value", value->value);
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, value->count);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  if (samples->len > 0)
    {
      json_builder_set_member_name (builder, "samples");
      json_builder_begin_array (builder);
      for (guint i = 0; i < samples->len; i++)
        {
          const PfSampleRow *sample = g_ptr_array_index (samples, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "key");
          json_builder_begin_object (builder);
          for (guint j = 0; j < sample->n_keys; j++)
            add_nullable_string_member (builder, sample->key_columns[j], sample->key_values[j]);
          json_builder_end_object (builder);
          json_builder_set_member_name (builder, "values");
          json_builder_begin_object (builder);
          for (guint j = 0; j < sample->n_values; j++)
            add_nullable_string_member (builder, sample->value_columns[j], sample->values[j]);
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  if (pf_finding_get_cascade (finding)->len > 0
      || (relationship && !pf_finding_get_failed (finding)))
    add_cascade (builder, finding);

  add_string_member (builder, "title", pf_finding_get_title (finding));
  add_string_member (builder, "explanation", pf_finding_get_explanation (finding));
  add_string_member (builder, "detail", pf_finding_get_detail (finding));
  add_string_member (builder, "fix_sql", pf_finding_get_fix_sql (finding));
  if (pf_finding_get_failed (finding))
    {
      /* Machines need not parse the title to tell "could not check" apart */
      json_builder_set_member_name (builder, "failed");
      json_builder_add_boolean_value (builder, TRUE);
      add_string_member (builder, "error", pf_finding_get_error (finding));
    }

  json_builder_end_object (builder);
}

JsonNode *
pf_report_to_json_node (PfReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *generated_at = NULL;
  guint n_findings;

  g_return_val_if_fail (PF_IS_REPORT (self), NULL);

  generated_at = g_date_time_format (self->generated_at, "%Y-%m-%dT%H:%M:%SZ");

  json_builder_begin_object (builder);

  add_string_member (builder, "schema", REPORT_SCHEMA);
  add_string_member (builder, "generated_at", generated_at);

  json_builder_set_member_name (builder, "tool");
  json_builder_begin_object (builder);
  add_string_member (builder, "name", "preflight");
  add_string_member (builder, "version", PACKAGE_VERSION);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  add_string_member (builder, "kind", self->kind == PF_DATABASE_KIND_POSTGRESQL ? "postgresql" : "sqlite");
  add_string_member (builder, "name", self->name);
  add_string_member (builder, "database", self->database);
  add_string_member (builder, "location", self->location);
  add_string_member (builder, "server_version", self->server_version);
  add_string_member (builder, "environment", pf_environment_to_string (self->environment));
  json_builder_end_object (builder);

  add_string_member (builder, "verdict", pf_verdict_to_string (pf_report_get_verdict (self)));
  json_builder_set_member_name (builder, "complete");
  json_builder_add_boolean_value (builder, self->incomplete_reason == NULL);
  add_string_member (builder, "incomplete_reason", self->incomplete_reason);
  if (self->checks != NULL)
    {
      /* Only a restricted scan says which checks ran */
      json_builder_set_member_name (builder, "checks");
      json_builder_begin_array (builder);
      for (guint i = 0; self->checks[i] != NULL; i++)
        json_builder_add_string_value (builder, self->checks[i]);
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "blockers");
  json_builder_add_int_value (builder, total_count (self, PF_SEVERITY_BLOCKER));
  json_builder_set_member_name (builder, "warnings");
  json_builder_add_int_value (builder, total_count (self, PF_SEVERITY_WARNING));
  json_builder_set_member_name (builder, "info");
  json_builder_add_int_value (builder, total_count (self, PF_SEVERITY_INFO));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  n_findings = g_list_model_get_n_items (G_LIST_MODEL (self->findings));
  for (guint i = 0; i < n_findings; i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), i);

      add_finding (builder, finding);
    }
  json_builder_end_array (builder);

  if (self->migrations != NULL)
    {
      json_builder_set_member_name (builder, "migrations");
      json_builder_add_value (builder, pf_migration_analysis_to_json_node (self->migrations));
    }

  if (self->checklist != NULL)
    {
      json_builder_set_member_name (builder, "checklist");
      json_builder_add_value (builder, pf_checklist_run_to_report_json_node (self->checklist));
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
pf_report_to_json (PfReport *self,
                   gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (PF_IS_REPORT (self), NULL);

  root = pf_report_to_json_node (self);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);

  /* A file that ends in a newline is what every tool expects */
  return g_strconcat (text, "\n", NULL);
}
