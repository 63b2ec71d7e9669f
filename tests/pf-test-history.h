/* pf-test-history.h — assertions on migration histories, shared by the
 * SQLite and PostgreSQL history tests
 *
 * Copyright 2026 The Preflight authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pf-engine.h"
#include "pf-migration-history.h"

G_BEGIN_DECLS

PfMigrationHistory *pf_test_find_history      (GPtrArray            *histories,
                                               PfMigrationFramework  framework);
PfMigrationRecord  *pf_test_record_at         (PfMigrationHistory   *history,
                                               guint                 index);
void                pf_test_assert_record     (PfMigrationHistory   *history,
                                               guint                 index,
                                               const char           *app,
                                               const char           *name,
                                               const char           *applied_at,
                                               PfMigrationState      state);
void                pf_test_assert_deployment (PfMigrationHistory   *history,
                                               guint                 index,
                                               guint                 first,
                                               guint                 n_records,
                                               gboolean              probably_faked);
PfMigrationProblem *pf_test_assert_problem    (PfMigrationHistory   *history,
                                               guint                 index,
                                               const char           *kind,
                                               PfSeverity            severity,
                                               const char           *title);
void                pf_test_assert_migrations (PfMigrationProblem   *problem,
                                               const char           *expected);

G_END_DECLS
