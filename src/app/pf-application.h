/* pf-application.h — the Preflight application: single instance, app actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pf-engine.h"

G_BEGIN_DECLS

#define PF_TYPE_APPLICATION (pf_application_get_type ())
G_DECLARE_FINAL_TYPE (PfApplication, pf_application, PF, APPLICATION, AdwApplication)

PfApplication  *pf_application_new                (void);
/* The saved connections, shared by every window; loaded at startup */
PfProfileStore *pf_application_get_profile_store  (PfApplication *self);
/* What went wrong loading them ("Your saved connections could not be read…"),
 * once: the first window shows it as a toast. NULL when all was well. */
char           *pf_application_take_store_problem (PfApplication *self);

G_END_DECLS
