/* pf-cli-common.c — what every preflight-cli subcommand shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "preflight-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "pf-cli-common.h"

void
pf_cli_printerr (const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("preflight-cli: %s\n", message);
}

int
pf_cli_usage_error (const char *command,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  g_autofree char *help = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (command != NULL)
    help = g_strdup_printf ("preflight-cli %s --help", command);
  else
    help = g_strdup ("preflight-cli --help");

  g_printerr ("preflight-cli: %s\n", message);
  /* TRANSLATORS: %s is a command line such as "preflight-cli describe --help" */
  g_printerr (_("Run “%s” for usage."), help);
  g_printerr ("\n");

  return PF_CLI_EXIT_FAILURE;
}

int
pf_cli_report_cancelled (void)
{
  g_printerr ("%s\n", _("Cancelled."));
  return PF_CLI_EXIT_CANCELLED;
}

gboolean
pf_cli_parse_text_or_json (const char *command,
                           const char *format_name,
                           gboolean   *out_json)
{
  *out_json = format_name != NULL && g_str_equal (format_name, "json");
  if (*out_json || format_name == NULL || g_str_equal (format_name, "text"))
    return TRUE;

  pf_cli_usage_error (command, _("Unknown format “%s”: use text or json."), format_name);
  return FALSE;
}

gboolean
pf_cli_check_one_target (const char *command,
                         int         argc,
                         gboolean    use_demo)
{
  if (argc > 2 || (use_demo && argc > 1))
    pf_cli_usage_error (command, _("Give one TARGET or --demo, not more."));
  else if (!use_demo && argc < 2)
    pf_cli_usage_error (command, _("No database given: pass a TARGET or --demo."));
  else
    return TRUE;

  return FALSE;
}

int
pf_cli_report_error (const GError *error,
                     GCancellable *cancellable)
{
  /* After Ctrl+C the interesting news is that we stopped, not whichever
   * error the interrupted operation happened to end with. */
  if (g_cancellable_is_cancelled (cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return pf_cli_report_cancelled ();

  pf_cli_printerr ("%s", error->message);
  return PF_CLI_EXIT_FAILURE;
}

void
pf_cli_store_result_cb (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert (*slot == NULL);
  *slot = g_object_ref (result);
}

void
pf_cli_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

char *
pf_cli_display_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

void
pf_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;
  gsize length = 0;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json = json_generator_to_data (generator, &length);

  /* JSON is UTF-8 whatever the locale, so bypass g_print()'s conversion */
  fwrite (json, 1, length, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}
