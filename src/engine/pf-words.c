/* pf-words.c — English words for people: plurals of table and model nouns
 *
 * Table and model names are English nouns more often than not; these rules
 * cover the common cases and never make a word unreadable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-words"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-words.h"

/* Nouns without a plural */
static const char * const uncountable[] = {
  "data", "equipment", "feedback", "information", "media", "metadata", "news", "personnel",
  "series", "staff",
};

static gboolean
is_vowel (char c)
{
  return strchr ("aeiou", g_ascii_tolower (c)) != NULL;
}

char *
pf_words_dup_plural (const char *words)
{
  const char *last;
  gsize length;
  char end, before;

  g_return_val_if_fail (words != NULL, NULL);

  length = strlen (words);
  if (length == 0)
    return g_strdup (words);

  last = strrchr (words, ' ');
  last = last != NULL ? last + 1 : words;
  for (guint i = 0; i < G_N_ELEMENTS (uncountable); i++)
    if (g_ascii_strcasecmp (last, uncountable[i]) == 0)
      return g_strdup (words);

  end = g_ascii_tolower (words[length - 1]);
  before = length > 1 ? g_ascii_tolower (words[length - 2]) : '\0';

  /* Already plural, as tables often are ("shifts"); not "address", "status" */
  if (end == 's' && before != 's' && before != 'u')
    return g_strdup (words);

  if (end == 's' || end == 'x' || end == 'z' || (end == 'h' && (before == 'c' || before == 's')))
    return g_strconcat (words, "es", NULL);

  if (end == 'y' && before != '\0' && !is_vowel (before))
    return g_strdup_printf ("%.*sies", (int) (length - 1), words);

  return g_strconcat (words, "s", NULL);
}

char *
pf_words_dup_local_time (GDateTime  *when,
                         const char *format)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return NULL;

  local = g_date_time_to_local (when);
  return g_date_time_format (local, format);
}

char *
pf_words_dup_local_date_time (GDateTime *when)
{
  /* TRANSLATORS: a moment as strftime() writes it, "21 November 2026, 14:02" */
  return pf_words_dup_local_time (when, _("%-d %B %Y, %H:%M"));
}
