/* pf-cli-backup.c — preflight-cli backup: a verified backup to a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit status: 0 written and verified, 1 written but verification failed,
 * 2 nothing written (usage, target unreachable, pg_dump missing, folder
 * not writable), 130 cancelled with Ctrl+C (the partial file removed).
 */

#define G_LOG_DOMAIN "preflight-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pf-cli-backup.h"
#include "pf-cli-progress.h"
#include "pf-cli-table.h"
#include "pf-cli-target.h"

#define BACKUP_SCHEMA "preflight-backup/1"

/* The progress line is redrawn at most this often (µs) */

static void
print_text (PfBackupRecord *record)
{
  g_autoptr(PfCliTable) table = pf_cli_table_new (2);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *path = pf_cli_display_text (pf_backup_record_get_path (record));
  g_autofree char *human = g_format_size (pf_backup_record_get_size (record));
  g_autofree char *bytes = g_strdup_printf ("%'" G_GINT64_FORMAT, pf_backup_record_get_size (record));
  g_autofree char *size = NULL;
  g_autofree char *created = NULL;
  g_autofree char *verification = pf_cli_display_text (pf_backup_record_get_verification (record));
  GDateTime *created_at = pf_backup_record_get_created_at (record);

  /* Translators: a size such as “1.2 MB”, then the exact number of bytes */
  size = g_strdup_printf (_("%s (%s bytes)"), human, bytes);
  if (created_at != NULL)
    created = g_date_time_format_iso8601 (created_at);

  g_string_append (out, pf_backup_record_get_verified (record)
                          ? _("Backup verified")
                          : _("Backup written but NOT verified"));
  g_string_append (out, "\n\n");

  pf_cli_table_add_row (table, _("File"), path);
  pf_cli_table_add_row (table, _("Size"), size);
  pf_cli_table_add_row (table, _("SHA-256"), pf_backup_record_get_sha256 (record));
  pf_cli_table_add_row (table, _("Made"), created);
  pf_cli_table_add_row (table, _("Method"), pf_backup_record_get_method (record));
  pf_cli_table_add_row (table, _("Verification"), verification);
  pf_cli_table_print (table, out);

  g_print ("%s", out->str);
}

static void
print_json (PfBackupRecord *record)
{
  g_autoptr(JsonNode) node = pf_backup_record_to_json_node (record);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GList) members = json_object_get_members (object);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_string_value (builder, BACKUP_SCHEMA);
  for (GList *l = members; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_value (builder, json_node_copy (json_object_get_member (object, l->data)));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  pf_cli_print_json (root);
}

static int
pf_cli_backup_run (int           argc,
                   char        **argv,
                   GCancellable *cancellable)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PfDatabase) database = NULL;
  g_autoptr(PfBackup) backup = NULL;
  g_autoptr(PfBackupRecord) record = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *summary = NULL;
  gboolean json;
  PfCliProgress progress = { 0 };
  gboolean use_demo = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write (replaced if it exists)"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text (the default) or json"), N_("FORMAT") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &use_demo,
      N_("Back up the bundled demo database instead of a TARGET"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("TARGET --output FILE"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  summary = g_strdup_printf ("%s\n\n%s\n\n%s",
                             _("Back up a database to a file, then prove the copy is good: "
                               "SQLite copies are opened and checked (integrity check, the "
                               "same tables and row counts); PostgreSQL dumps are made with "
                               "pg_dump and read back with pg_restore."),
                             _("Exit status: 0 backed up and verified, 1 written but "
                               "verification failed, 2 could not back up."),
                             pf_cli_target_help ());
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("backup", "%s", error->message);

  if (!pf_cli_parse_text_or_json ("backup", format_name, &json))
    return PF_CLI_EXIT_FAILURE;

  if (!pf_cli_check_one_target ("backup", argc, use_demo))
    return PF_CLI_EXIT_FAILURE;
  if (output == NULL || *output == '\0')
    return pf_cli_usage_error ("backup", _("No backup file given: pass --output FILE."));

  output_path = g_canonicalize_filename (output, NULL);

  database = pf_cli_open_target_full (use_demo ? NULL : argv[1], use_demo, NULL,
                                      cancellable, &error);
  if (database == NULL)
    return pf_cli_report_error (error, cancellable);
  /* The backup opens its own connection; this one only proved the target */
  pf_database_close (database);

  backup = pf_backup_new (database, NULL, output_path);

  pf_cli_progress_start (&progress, G_OBJECT (backup));
  pf_backup_run_async (backup, cancellable, pf_cli_store_result_cb, &result);
  pf_cli_wait (&result);
  record = pf_backup_run_finish (backup, result, &error);
  pf_cli_progress_stop (&progress);

  if (record == NULL)
    return pf_cli_report_error (error, cancellable);

  if (json)
    print_json (record);
  else
    print_text (record);

  if (!pf_backup_record_get_verified (record))
    {
      /* Translators: %s is the reason verification failed, a sentence */
      pf_cli_printerr (_("The backup was written but failed verification: %s"),
                       pf_backup_record_get_verification (record));
      return PF_CLI_EXIT_FINDINGS;
    }

  return PF_CLI_EXIT_OK;
}

const PfCliCommand pf_cli_backup_command = {
  .name = "backup",
  .summary = N_("Back up a database to a file and verify the copy"),
  .run = pf_cli_backup_run,
};
