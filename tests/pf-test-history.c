/* pf-test-history.c — assertions on migration histories, shared by the
 * SQLite and PostgreSQL history tests
 *
 * Copyright 2026 The Preflight authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pf-test-history.h"

PfMigrationHistory *
pf_test_find_history (GPtrArray            *histories,
                      PfMigrationFramework  framework)
{
  for (guint i = 0; i < histories->len; i++)
    if (pf_migration_history_get_framework (g_ptr_array_index (histories, i)) == framework)
      return g_ptr_array_index (histories, i);

  g_error ("No %s history", pf_migration_framework_to_string (framework));
  return NULL;
}

PfMigrationRecord *
pf_test_record_at (PfMigrationHistory *history,
                   guint               index)
{
  GPtrArray *records = pf_migration_history_get_records (history);

  g_assert_cmpuint (index, <, records->len);

  return g_ptr_array_index (records, index);
}

void
pf_test_assert_record (PfMigrationHistory *history,
                       guint               index,
                       const char         *app,
                       const char         *name,
                       const char         *applied_at,   /* ISO 8601 UTC with microseconds, or NULL */
                       PfMigrationState    state)
{
  PfMigrationRecord *record = pf_test_record_at (history, index);

  g_assert_cmpstr (record->app, ==, app);
  g_assert_cmpstr (record->name, ==, name);
  g_assert_cmpstr (pf_migration_state_to_string (record->state), ==, pf_migration_state_to_string (state));
  if (applied_at == NULL)
    g_assert_null (record->applied_at);
  else
    {
      g_autofree char *text = NULL;

      g_assert_nonnull (record->applied_at);
      g_assert_cmpint (g_date_time_get_utc_offset (record->applied_at), ==, 0);
      text = g_date_time_format (record->applied_at, "%Y-%m-%dT%H:%M:%S.%fZ");
      g_assert_cmpstr (text, ==, applied_at);
    }
}

void
pf_test_assert_deployment (PfMigrationHistory *history,
                           guint               index,
                           guint               first,
                           guint               n_records,
                           gboolean            probably_faked)
{
  GPtrArray *deployments = pf_migration_history_get_deployments (history);
  PfDeployment *deployment;

  g_assert_cmpuint (index, <, deployments->len);
  deployment = g_ptr_array_index (deployments, index);
  g_assert_cmpuint (deployment->first, ==, first);
  g_assert_cmpuint (deployment->n_records, ==, n_records);
  g_assert_cmpint (deployment->probably_faked, ==, probably_faked);
  g_assert_true (g_date_time_equal (deployment->started_at, pf_test_record_at (history, first)->applied_at));
  g_assert_true (g_date_time_equal (deployment->finished_at,
                                    pf_test_record_at (history, first + n_records - 1)->applied_at));
}

PfMigrationProblem *
pf_test_assert_problem (PfMigrationHistory *history,
                        guint               index,
                        const char         *kind,
                        PfSeverity          severity,
                        const char         *title)
{
  GPtrArray *problems = pf_migration_history_get_problems (history);
  PfMigrationProblem *problem;

  g_assert_cmpuint (index, <, problems->len);
  problem = g_ptr_array_index (problems, index);
  g_assert_cmpstr (pf_migration_problem_get_kind (problem), ==, kind);
  g_assert_cmpstr (pf_severity_to_string (pf_migration_problem_get_severity (problem)), ==,
                   pf_severity_to_string (severity));
  g_assert_cmpstr (pf_migration_problem_get_title (problem), ==, title);
  /* Every problem says why and what the technical facts are */
  g_assert_nonnull (pf_migration_problem_get_explanation (problem));
  g_assert_cmpstr (pf_migration_problem_get_explanation (problem), !=, "");
  g_assert_nonnull (pf_migration_problem_get_detail (problem));

  return problem;
}

void
pf_test_assert_migrations (PfMigrationProblem *problem,
                           const char         *expected)   /* space-separated */
{
  g_autofree char *joined = g_strjoinv (" ", (char **) pf_migration_problem_get_migrations (problem));

  g_assert_cmpstr (joined, ==, expected);
}
