/* pf-test-cli.h — running $PF_CLI the way a person or a CI job does, for
 * the cli suite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;      /* exit status, or -signal when killed */
  char *out;
  char *err;
} CliRun;

void cli_run_clear (CliRun *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

GSubprocess *spawn_cli_with_env (const char * const *args,
                                 const char         *password);
GSubprocess *spawn_cli          (const char * const *args);
void         finish_run         (GSubprocess        *subprocess,
                                 CliRun             *run);
void         run_cliv           (CliRun             *run,
                                 const char * const *args);

/* run_cli (&run, "check", "--demo") */
#define run_cli(run, ...) run_cliv ((run), (const char * const[]) { __VA_ARGS__, NULL })

gboolean     matches            (const char         *pattern,
                                 const char         *text);
char        *data_path          (const char         *basename);
char        *write_data_file    (const char         *basename,
                                 const char         *contents);
JsonNode    *parse_json         (const char         *text);

G_END_DECLS
