/* pf-migration-review.h — a person read a pending migration and said it is fine
 *
 * Reviews are kept per connection (PfConnectionProfile) so the checklist can
 * ask "has every pending migration been reviewed?". A review is of the file
 * as it was: it carries the checksum of the migration's text, and a file that
 * changed since is no longer reviewed (pf_migration_review_is_current).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pf-migration.h"

G_BEGIN_DECLS

typedef struct
{
  char      *app;          /* "scheduling" */
  char      *name;         /* "0004_staffcertification" */
  char      *checksum;     /* pf_migration_get_checksum() when it was reviewed */
  char      *reviewer;     /* "Anna Kowalska" */
  GDateTime *reviewed_at;  /* UTC */
} PfMigrationReview;

#define PF_TYPE_MIGRATION_REVIEW (pf_migration_review_get_type ())
GType              pf_migration_review_get_type (void) G_GNUC_CONST;

/* @reviewed_at NULL means now */
PfMigrationReview *pf_migration_review_new   (const char              *app,
                                              const char              *name,
                                              const char              *checksum,
                                              const char              *reviewer,
                                              GDateTime               *reviewed_at);
PfMigrationReview *pf_migration_review_copy  (const PfMigrationReview *review);
void               pf_migration_review_free  (PfMigrationReview       *review);

/* Whether @review is of @migration as its file reads now (same app, name
 * and checksum) */
gboolean           pf_migration_review_is_current (const PfMigrationReview *review,
                                                   PfMigration             *migration);

/* {"app", "name", "checksum", "reviewer", "reviewed_at": ISO 8601 UTC} and
 * back; a missing or wrong-typed member is a PF_DATABASE_ERROR_INVALID_TARGET
 * error naming it */
JsonNode          *pf_migration_review_to_json_node   (const PfMigrationReview *review);
PfMigrationReview *pf_migration_review_new_from_json_node (JsonNode            *node,
                                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PfMigrationReview, pf_migration_review_free)

G_END_DECLS
