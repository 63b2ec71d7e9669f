/* pf-migration-detail.h — everything about one line of the Timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pf-engine.h"

G_BEGIN_DECLS

#define PF_TYPE_MIGRATION_DETAIL (pf_migration_detail_get_type ())
G_DECLARE_FINAL_TYPE (PfMigrationDetail, pf_migration_detail, PF, MIGRATION_DETAIL, GtkWidget)

/* Signals:
 * "navigate" (PfTimelineEntry *entry): a dependency or a deployment's
 *   migration was activated; the page selects it.
 * "review-changed" (): the user marked or unmarked the migration as
 *   reviewed; the profile already holds the change, the owner saves it. */

GtkWidget       *pf_migration_detail_new       (void);
/* Shows @entry of @timeline; @profile (may be NULL) keeps reviews and
 * says whether they are kept after closing (@profile_saved) */
void             pf_migration_detail_set_entry (PfMigrationDetail   *self,
                                                PfTimeline          *timeline,
                                                PfTimelineEntry     *entry,
                                                PfConnectionProfile *profile,
                                                gboolean             profile_saved);
PfTimelineEntry *pf_migration_detail_get_entry (PfMigrationDetail   *self);

G_END_DECLS
