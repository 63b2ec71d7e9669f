/* pf-checklist-facts.h — what a sign-off vouches for, and what changed since
 *
 * The facts are a canonical JSON object (sorted, no times, no free text that
 * does not matter):
 *
 *   { "findings":   [ {"check","table","columns","parent","count"} … ],
 *     "migrations": { "applied": ["app.name", …], "pending": [ … ],
 *                     "problems": [ {"kind","app","migrations"} … ],
 *                     "project": [ … ] },
 *     "checklist":  { "template": "…", "items": { "<id>": {"state","who","note","title"} },
 *                     "backups": ["<sha256>", …] } }
 *
 * Besides those: a finding of a check that could not run has "failed":
 * true; a drift problem has its "table" and "column"; "project" lists the
 * project folder's migrations (absent without a project), so a migration
 * that was added can be told from one that only starts to run; an item's
 * "title" comes from the run's own copy of the template (it cannot change
 * within a run). Backups are the verified ones. Members are sorted at every
 * depth, and so are the arrays.
 *
 * The fingerprint is the SHA-256 (hex) of its compact serialisation: it
 * changes when, and only when, one of these facts changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-checklist-run.h"
#include "pf-migration-analysis.h"
#include "pf-report.h"

G_BEGIN_DECLS

/* Any argument may be NULL: its section is then absent */
JsonNode  *pf_checklist_facts_collect          (PfReport            *integrity,
                                                PfMigrationAnalysis *analysis,
                                                PfChecklistRun      *run);
char      *pf_checklist_facts_dup_fingerprint  (JsonNode            *facts);
/* One plain sentence per change, most important first: "2 new orphaned
 * rows in scheduling_shift", "The orphaned rows in scheduling_unit are
 * gone", "Migration scheduling.0008_leave was added", "Migration
 * scheduling.0004_x was applied", "A new problem: conflicting migrations in
 * scheduling", "“Users told” is no longer done". Empty when nothing
 * changed. */
GPtrArray *pf_checklist_facts_compare          (JsonNode            *signed_facts,
                                                JsonNode            *current);

G_END_DECLS
