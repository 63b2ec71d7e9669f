/* pf-words.h — English words for people: plurals of table and model nouns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The plural of the last word of @words: "shift" → "shifts", "entry" →
 * "entries", "status" → "statuses", "address" → "addresses"; words that
 * already look plural ("shifts") and nouns without one ("staff", "data")
 * stay as they are. */
char *pf_words_dup_plural (const char *words);

G_END_DECLS
