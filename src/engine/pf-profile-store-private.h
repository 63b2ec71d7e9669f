/* pf-profile-store-private.h — test hooks of PfProfileStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pf-profile-store.h"

G_BEGIN_DECLS

/* For the crash test: when set, pf_profile_store_save() calls _exit(3)
 * after the temporary file is written and synced, before the rename, as a
 * power cut or a kill would stop it there. */
void _pf_profile_store_set_crash_before_rename (gboolean crash);

G_END_DECLS
