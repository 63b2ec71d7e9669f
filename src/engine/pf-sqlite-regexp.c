/* pf-sqlite-regexp.c — a GRegex-backed regexp() SQL function for SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-sqlite-regexp"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-database.h"
#include "pf-sqlite-regexp.h"

static void
destroy_regex (void *data)
{
  g_regex_unref (data);
}

static void
regexp_func (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  GRegex *regex;
  const char *text;
  int len;

  g_assert (argc == 2);

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL ||
      sqlite3_value_type (argv[1]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  /* Compiled once per statement: SQLite keeps auxdata while argument 0
   * stays the same constant (a bound parameter counts) */
  regex = sqlite3_get_auxdata (context, 0);
  if (regex == NULL)
    {
      g_autoptr(GError) error = NULL;
      const char *pattern = (const char *) sqlite3_value_text (argv[0]);

      if (pattern == NULL)
        {
          sqlite3_result_error_nomem (context);
          return;
        }

      regex = g_regex_new (pattern, G_REGEX_DOLLAR_ENDONLY, 0, &error);
      if (regex == NULL)
        {
          sqlite3_result_error (context, error->message, -1);
          return;
        }

      /* SQLite may call destroy_regex at once (and the pointer is then
       * gone), so keep our own reference for this call */
      g_regex_ref (regex);
      sqlite3_set_auxdata (context, 0, regex, destroy_regex);
    }
  else
    g_regex_ref (regex);

  /* The text form of numbers; a BLOB's bytes as they are */
  text = (const char *) sqlite3_value_text (argv[1]);
  len = sqlite3_value_bytes (argv[1]);

  if (text == NULL)
    sqlite3_result_error_nomem (context);
  else if (!g_utf8_validate (text, len, NULL) || memchr (text, '\0', len) != NULL)
    sqlite3_result_int (context, 0);
  else
    sqlite3_result_int (context, g_regex_match (regex, text, 0, NULL));

  g_regex_unref (regex);
}

gboolean
pf_sqlite_register_regexp (sqlite3  *db,
                           GError  **error)
{
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  rc = sqlite3_create_function_v2 (db, "regexp", 2,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                   NULL, regexp_func, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_QUERY,
                   /* Translators: %s is SQLite's error message */
                   _("Could not add the regular expression function: %s"),
                   sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}
