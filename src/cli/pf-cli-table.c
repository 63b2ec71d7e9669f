/* pf-cli-table.c — aligned plain-text tables for terminal output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "preflight-cli"

#include "config.h"

#include <stdarg.h>

#include "pf-cli-table.h"

struct _PfCliTable
{
  guint       n_columns;
  PfCliAlign *align;
  GPtrArray  *rows;   /* of GStrv; NULL for a rule */
};

PfCliTable *
pf_cli_table_new (guint n_columns)
{
  PfCliTable *self;

  g_return_val_if_fail (n_columns > 0, NULL);

  self = g_new0 (PfCliTable, 1);
  self->n_columns = n_columns;
  self->align = g_new0 (PfCliAlign, n_columns);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  return self;
}

void
pf_cli_table_free (PfCliTable *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->rows);
  g_free (self->align);
  g_free (self);
}

void
pf_cli_table_set_align (PfCliTable *self,
                        guint       column,
                        PfCliAlign  align)
{
  g_return_if_fail (column < self->n_columns);

  self->align[column] = align;
}

void
pf_cli_table_add_row (PfCliTable *self,
                      ...)
{
  char **row = g_new0 (char *, self->n_columns + 1);
  va_list args;

  va_start (args, self);
  for (guint i = 0; i < self->n_columns; i++)
    {
      const char *cell = va_arg (args, const char *);

      row[i] = g_strdup (cell != NULL ? cell : "");
    }
  va_end (args);

  g_ptr_array_add (self->rows, row);
}

void
pf_cli_table_add_rule (PfCliTable *self)
{
  g_ptr_array_add (self->rows, NULL);
}

static void
append_padding (GString *out,
                gsize    n)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

void
pf_cli_table_print (PfCliTable *self,
                    GString    *out)
{
  g_autofree gsize *widths = g_new0 (gsize, self->n_columns);
  gsize total = 0;

  /* Widths in characters, not bytes, so names with accents line up. */
  for (guint r = 0; r < self->rows->len; r++)
    {
      char **row = g_ptr_array_index (self->rows, r);

      if (row == NULL)
        continue;
      for (guint c = 0; c < self->n_columns; c++)
        widths[c] = MAX (widths[c], (gsize) g_utf8_strlen (row[c], -1));
    }

  for (guint c = 0; c < self->n_columns; c++)
    total += widths[c] + (c > 0 ? 2 : 0);

  for (guint r = 0; r < self->rows->len; r++)
    {
      char **row = g_ptr_array_index (self->rows, r);
      gsize line_start = out->len;

      if (row == NULL)
        {
          for (gsize i = 0; i < total; i++)
            g_string_append_c (out, '-');
          g_string_append_c (out, '\n');
          continue;
        }

      for (guint c = 0; c < self->n_columns; c++)
        {
          gsize pad = widths[c] - g_utf8_strlen (row[c], -1);

          if (c > 0)
            g_string_append (out, "  ");
          if (self->align[c] == PF_CLI_ALIGN_RIGHT)
            append_padding (out, pad);
          g_string_append (out, row[c]);
          if (self->align[c] == PF_CLI_ALIGN_LEFT)
            append_padding (out, pad);
        }

      /* No trailing blanks after a left-aligned last column */
      while (out->len > line_start && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }
}
