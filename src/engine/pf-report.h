/* pf-report.h — everything found about one target at one moment, with the verdict
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pf-connection-profile.h"
#include "pf-database.h"
#include "pf-finding.h"

G_BEGIN_DECLS

typedef enum {
  PF_VERDICT_GO,
  PF_VERDICT_GO_WITH_WARNINGS,
  PF_VERDICT_NO_GO,
} PfVerdict;

GType       pf_verdict_get_type  (void) G_GNUC_CONST;
#define PF_TYPE_VERDICT (pf_verdict_get_type ())
/* "go", "go-with-warnings", "no-go" as in preflight-report/1 */
const char *pf_verdict_to_string (PfVerdict verdict);
/* "GO", "GO WITH WARNINGS", "NO-GO": translated, for people */
const char *pf_verdict_to_label  (PfVerdict verdict);
/* The same for a verdict spelt as in preflight-report/1 ("no-go"), or
 * "Not checked yet" for NULL or anything else (a profile's last verdict) */
const char *pf_verdict_label_for_string (const char *verdict);

#define PF_TYPE_REPORT (pf_report_get_type ())
G_DECLARE_FINAL_TYPE (PfReport, pf_report, PF, REPORT, GObject)

/* Properties: "verdict", "complete", "n-blockers", "n-warnings", "n-info". */

/* Copies the target's description (kind, name, location, version) from
 * @database; the report does not keep the connection. */
PfReport   *pf_report_new                (PfDatabase   *database);
/* The target as it was when the report was made */
PfDatabaseKind pf_report_get_target_kind (PfReport   *self);
const char *pf_report_get_target_name    (PfReport     *self);
const char *pf_report_get_target_location (PfReport    *self);
const char *pf_report_get_target_server_version (PfReport *self);
/* The saved connection's environment tag, NONE for a file or a URL */
PfEnvironment pf_report_get_target_environment (PfReport *self);
GDateTime  *pf_report_get_generated_at   (PfReport     *self);
/* A GListModel of PfFinding: blockers first, then warnings, then info;
 * within a severity by table and check id. */
GListModel *pf_report_get_findings       (PfReport     *self);
void        pf_report_add_finding        (PfReport     *self,
                                          PfFinding    *finding);
/* A scan that was cancelled, or some of whose checks could not run, is
 * incomplete; @reason says why in words ("The scan was cancelled"). */
gboolean    pf_report_get_complete       (PfReport     *self);
const char *pf_report_get_incomplete_reason (PfReport  *self);
void        pf_report_set_incomplete     (PfReport     *self,
                                          const char   *reason);
/* The check ids a restricted scan ran (pf_scan_set_checks()); NULL when
 * every check ran */
void        pf_report_set_checks         (PfReport     *self,
                                          const char * const *check_ids);
const char * const *pf_report_get_checks (PfReport     *self);
guint       pf_report_count              (PfReport     *self,
                                          PfSeverity    severity);
/* Any blocker: NO-GO; any warning (a check that could not run is one) or an
 * incomplete scan: GO WITH WARNINGS; otherwise GO. */
PfVerdict   pf_report_get_verdict        (PfReport     *self);
/* "NO-GO: 5 problems block this migration", for people; with the reason
 * when the scan is incomplete ("…. The scan is incomplete: the scan was
 * cancelled") */
char       *pf_report_dup_verdict_sentence (PfReport   *self);
/* The same without the incomplete reason, for where it is shown apart */
char       *pf_report_dup_verdict_headline (PfReport   *self);

/* Defined in pf-migration-analysis.h (which includes this header) */
typedef struct _PfMigrationAnalysis PfMigrationAnalysis;

/* Adds the "migrations" section; its problems count toward the verdict and
 * the summary like findings of the same severity. */
void        pf_report_set_migrations     (PfReport            *self,
                                          PfMigrationAnalysis *analysis);
PfMigrationAnalysis *pf_report_get_migrations (PfReport       *self);

/* Defined in pf-checklist-run.h */
typedef struct _PfChecklistRun PfChecklistRun;

/* Adds the "checklist" section: a snapshot of @run as it is now (later
 * ticks do not change the report); NULL removes it. It does not change
 * the verdict: the checklist's own sign-off records what people decided. */
void        pf_report_set_checklist      (PfReport            *self,
                                          PfChecklistRun      *run);
/* The snapshot, or NULL; do not change it */
PfChecklistRun *pf_report_get_checklist  (PfReport            *self);

/* A new report with the same target, time, findings (shared: findings are
 * not changed once reported), migrations and checklist, so the app can add
 * sections for an export without changing the report its pages show. */
PfReport   *pf_report_copy               (PfReport            *self);

/* The preflight-report/1 document (see DESIGN.md and help/C/report-json.page) */
JsonNode   *pf_report_to_json_node       (PfReport     *self);
char       *pf_report_to_json            (PfReport     *self,
                                          gboolean      pretty);

G_END_DECLS
