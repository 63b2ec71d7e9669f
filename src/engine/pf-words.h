/* pf-words.h — words for people: plurals of table and model nouns, moments
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

/* @when (any time zone) in the local time zone, formatted with @format
 * (g_date_time_format); NULL when @when is NULL */
char *pf_words_dup_local_time (GDateTime  *when,
                               const char *format);
/* "21 November 2026, 14:02" in the local time zone; NULL when @when is NULL */
char *pf_words_dup_local_date_time (GDateTime *when);

G_END_DECLS
