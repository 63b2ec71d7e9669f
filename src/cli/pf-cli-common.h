/* pf-cli-common.h — what every preflight-cli subcommand shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Exit statuses, as promised in DESIGN.md */
#define PF_CLI_EXIT_OK        0
#define PF_CLI_EXIT_FINDINGS  1
#define PF_CLI_EXIT_FAILURE   2
#define PF_CLI_EXIT_CANCELLED 130

/* One subcommand. Adding a command is one file defining one of these and
 * one entry in the table in preflight-cli.c. */
typedef struct
{
  const char *name;     /* "describe" */
  const char *summary;  /* one line for --help, marked with N_() */
  /* @argv[0] is the command name; @cancellable is cancelled by Ctrl+C.
   * Returns an exit status. */
  int (*run) (int           argc,
              char        **argv,
              GCancellable *cancellable);
} PfCliCommand;

/* "preflight-cli: <message>" on stderr */
void          pf_cli_printerr          (const char   *format,
                                        ...) G_GNUC_PRINTF (1, 2);
/* Prints the message and a hint to run "preflight-cli @command --help"
 * (or "preflight-cli --help" when @command is NULL); returns
 * PF_CLI_EXIT_FAILURE. */
int           pf_cli_usage_error       (const char   *command,
                                        const char   *format,
                                        ...) G_GNUC_PRINTF (2, 3);
/* --format of a command that prints text or JSON: sets *@out_json; for
 * anything else prints the usage error and returns FALSE (then return
 * PF_CLI_EXIT_FAILURE). */
gboolean      pf_cli_parse_text_or_json (const char  *command,
                                         const char  *format_name,
                                         gboolean    *out_json);
/* The arguments left after the options hold exactly one TARGET
 * (@argv[1]), or none with --demo; otherwise prints the usage error and
 * returns FALSE. */
gboolean      pf_cli_check_one_target  (const char   *command,
                                        int           argc,
                                        gboolean      use_demo);
/* Reports why an operation failed: "Cancelled." and PF_CLI_EXIT_CANCELLED
 * after Ctrl+C, otherwise the error's sentence and PF_CLI_EXIT_FAILURE. */
int           pf_cli_report_error      (const GError *error,
                                        GCancellable *cancellable);
/* Ctrl+C arrived after the work finished but before anything was printed */
int           pf_cli_report_cancelled  (void);

/* Drives an _async() call to completion from the command's synchronous code:
 *   pf_database_open_async (db, cancellable, pf_cli_store_result_cb, &result);
 *   pf_cli_wait (&result);
 * iterating the default main context (so Ctrl+C is noticed meanwhile). */
void          pf_cli_store_result_cb   (GObject      *source_object,
                                        GAsyncResult *result,
                                        gpointer      user_data);
void          pf_cli_wait              (GAsyncResult **result);

/* Text that came from a database, made safe to print on a terminal:
 * valid UTF-8, control characters escaped as \n, \t, \xNN. */
char         *pf_cli_display_text      (const char   *text);

/* @root as indented JSON and a newline on stdout, flushed */
void          pf_cli_print_json        (JsonNode     *root);

G_END_DECLS
