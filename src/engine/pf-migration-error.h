/* pf-migration-error.h — errors of the migrations engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PF_MIGRATION_ERROR (pf_migration_error_quark ())

typedef enum {
  PF_MIGRATION_ERROR_UNPARSABLE,     /* a file the Python-subset parser cannot read; message names the line */
  PF_MIGRATION_ERROR_NO_PROJECT,     /* the folder has no Django migrations */
  PF_MIGRATION_ERROR_FAILED,
} PfMigrationError;

GQuark pf_migration_error_quark (void);

G_END_DECLS
