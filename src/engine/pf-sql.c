/* pf-sql.c — quoting helpers for SQL built from hostile identifiers
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

#define G_LOG_DOMAIN "pf-sql"

#include "config.h"

#include "pf-sql.h"

static char *
quote_with (const char *text,
            char        quote)
{
  GString *str;

  g_return_val_if_fail (text != NULL, NULL);

  str = g_string_sized_new (strlen (text) + 2);
  g_string_append_c (str, quote);
  for (const char *p = text; *p; p++)
    {
      if (*p == quote)
        g_string_append_c (str, quote);
      g_string_append_c (str, *p);
    }
  g_string_append_c (str, quote);

  return g_string_free (str, FALSE);
}

char *
pf_sql_quote_identifier (const char *name)
{
  return quote_with (name, '"');
}

char *
pf_sql_quote_literal (const char *value)
{
  return quote_with (value, '\'');
}
