/* pf-checklist-check-ids.c — the automatic checks a checklist item can be bound to
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

#define G_LOG_DOMAIN "pf-checklist-check-ids"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-checklist-check-ids.h"
#include "pf-checklist-error.h"

G_DEFINE_QUARK (pf-checklist-error-quark, pf_checklist_error)

/* In the order of pf-checklist-check-ids.h; ids are stable, never rename one */
static const char * const check_ids[] = {
  "connection",
  "integrity",
  "migration-history",
  "drift",
  "migrations-reviewed",
  "migrations-succeed",
  "disk-space",
  "pg-sessions",
  "pg-connections",
  "pg-extensions",
  "invalid-indexes",
  "sequences",
  "duplicate-keys",
  "backup-verified",
  "row-counts",
  "row-counts-match",
  NULL
};

/* Short names for lists, same order as check_ids */
static const char * const check_titles[] = {
  N_("Connection"),
  N_("Data integrity"),
  N_("Migration history"),
  N_("Tables and columns present"),
  N_("Migrations reviewed"),
  N_("Migrations predicted to succeed"),
  N_("Disk space"),
  N_("Long-running sessions"),
  N_("Connection limit"),
  N_("Extensions"),
  N_("Broken indexes"),
  N_("Record numbering (sequences)"),
  N_("Duplicate keys"),
  N_("Verified backup"),
  N_("Row counts recorded"),
  N_("Row counts match"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (check_ids) == G_N_ELEMENTS (check_titles) + 1);

const char * const *
pf_checklist_checks_get_all (void)
{
  return check_ids;
}

static int
find_check (const char *check_id)
{
  for (guint i = 0; check_id != NULL && check_ids[i] != NULL; i++)
    {
      if (g_str_equal (check_ids[i], check_id))
        return (int) i;
    }

  return -1;
}

gboolean
pf_checklist_checks_is_known (const char *check_id)
{
  return find_check (check_id) >= 0;
}

const char *
pf_checklist_checks_get_title (const char *check_id)
{
  int i = find_check (check_id);

  if (i < 0)
    return NULL;

  return _(check_titles[i]);
}
