/* pf-cascade.h — engine-internal: what hangs from orphan rows, and a fix script
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-orphan-query.h"

G_BEGIN_DECLS

/* Follows declared foreign keys from the orphans of @query, transitively,
 * adds one cascade step per referencing table and path to @finding (rows
 * counted in SQL), and sets its fix script: DELETE statements deepest
 * first, and/or UPDATE … SET NULL when every key column is nullable. The
 * script is text for people to review; nothing is executed but counts. */
gboolean _pf_cascade_compute (PfDatabase     *connection,
                              PfSchema       *schema,
                              PfForeignKey   *fk,
                              PfOrphanQuery  *query,
                              PfFinding      *finding,
                              GCancellable   *cancellable,
                              GError        **error);

G_END_DECLS
