/* pf-migration-review.c — a person read a pending migration and said it is fine
 *
 * Copyright 2026 The Preflight authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-migration-review"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-database.h"
#include "pf-json-member.h"
#include "pf-migration-review.h"

G_DEFINE_BOXED_TYPE (PfMigrationReview, pf_migration_review,
                     pf_migration_review_copy, pf_migration_review_free)

PfMigrationReview *
pf_migration_review_new (const char *app,
                         const char *name,
                         const char *checksum,
                         const char *reviewer,
                         GDateTime  *reviewed_at)
{
  PfMigrationReview *review;

  g_return_val_if_fail (app != NULL && app[0] != '\0', NULL);
  g_return_val_if_fail (name != NULL && name[0] != '\0', NULL);
  g_return_val_if_fail (checksum != NULL && checksum[0] != '\0', NULL);
  g_return_val_if_fail (reviewer != NULL, NULL);

  review = g_new0 (PfMigrationReview, 1);
  review->app = g_strdup (app);
  review->name = g_strdup (name);
  review->checksum = g_strdup (checksum);
  review->reviewer = g_strdup (reviewer);
  if (reviewed_at != NULL)
    review->reviewed_at = g_date_time_to_utc (reviewed_at);
  else
    review->reviewed_at = g_date_time_new_now_utc ();

  return review;
}

PfMigrationReview *
pf_migration_review_copy (const PfMigrationReview *review)
{
  PfMigrationReview *copy;

  g_return_val_if_fail (review != NULL, NULL);

  copy = g_new0 (PfMigrationReview, 1);
  copy->app = g_strdup (review->app);
  copy->name = g_strdup (review->name);
  copy->checksum = g_strdup (review->checksum);
  copy->reviewer = g_strdup (review->reviewer);
  copy->reviewed_at = review->reviewed_at ? g_date_time_ref (review->reviewed_at) : NULL;

  return copy;
}

void
pf_migration_review_free (PfMigrationReview *review)
{
  if (review == NULL)
    return;

  g_free (review->app);
  g_free (review->name);
  g_free (review->checksum);
  g_free (review->reviewer);
  g_clear_pointer (&review->reviewed_at, g_date_time_unref);
  g_free (review);
}

gboolean
pf_migration_review_is_current (const PfMigrationReview *review,
                                PfMigration             *migration)
{
  g_return_val_if_fail (review != NULL, FALSE);
  g_return_val_if_fail (PF_IS_MIGRATION (migration), FALSE);

  return g_strcmp0 (review->app, pf_migration_get_app (migration)) == 0 &&
         g_strcmp0 (review->name, pf_migration_get_name (migration)) == 0 &&
         review->checksum != NULL &&
         g_strcmp0 (review->checksum, pf_migration_get_checksum (migration)) == 0;
}

/* ----------------------------------------------------------- JSON -- */

JsonNode *
pf_migration_review_to_json_node (const PfMigrationReview *review)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *when = NULL;

  g_return_val_if_fail (review != NULL, NULL);

  if (review->reviewed_at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (review->reviewed_at);

      when = g_date_time_format_iso8601 (utc);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "app");
  json_builder_add_string_value (builder, review->app);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, review->name);
  json_builder_set_member_name (builder, "checksum");
  json_builder_add_string_value (builder, review->checksum);
  json_builder_set_member_name (builder, "reviewer");
  json_builder_add_string_value (builder, review->reviewer);
  json_builder_set_member_name (builder, "reviewed_at");
  json_builder_add_string_value (builder, when);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

PfMigrationReview *
pf_migration_review_new_from_json_node (JsonNode  *node,
                                        GError   **error)
{
  g_autoptr(GDateTime) reviewed_at = NULL;
  JsonObject *object;
  const char *app, *name, *checksum, *reviewer;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_INVALID_TARGET,
                           _("A migration review is not an object in curly braces."));
      return NULL;
    }
  object = json_node_get_object (node);

  /* A time without a zone is not accepted: it would be read as local time */
  if (!pf_json_member_get_string (object, "app", PF_JSON_MEMBER_NOT_EMPTY, &app, error) ||
      !pf_json_member_get_string (object, "name", PF_JSON_MEMBER_NOT_EMPTY, &name, error) ||
      !pf_json_member_get_string (object, "checksum", PF_JSON_MEMBER_NOT_EMPTY, &checksum, error) ||
      !pf_json_member_get_string (object, "reviewer", PF_JSON_MEMBER_REQUIRED, &reviewer, error) ||
      !pf_json_member_get_time (object, "reviewed_at", PF_JSON_MEMBER_REQUIRED, &reviewed_at, error))
    {
      pf_json_member_error_rewrap (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_INVALID_TARGET,
                                   /* TRANSLATORS: about a migration review kept with a saved
                                    * connection in connections.json; a sentence such as
                                    * ““checksum” is missing or is not a string.” follows */
                                   _("In a migration review, "));
      return NULL;
    }

  return pf_migration_review_new (app, name, checksum, reviewer, reviewed_at);
}
