/* test-checklist-checks.h — what test-checklist-checks.c and
 * test-pg-checklist-checks.c share: a template with one automatic item per
 * check, running the checks to the end, and reading an item's result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "pf-checklist-checks-private.h"
#include "pf-checklist-run.h"
#include "pf-database.h"
#include "pf-test-files.h"

/* A template with one required automatic item per check in @check_ids
 * (NULL: every check), each item named after its check */
static PfChecklistRun *
new_run_for_checks (const char * const *check_ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PfChecklistTemplate) template = NULL;
  g_autoptr(GError) error = NULL;

  if (check_ids == NULL)
    check_ids = pf_checklist_checks_get_all ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_string_value (builder, PF_CHECKLIST_TEMPLATE_SCHEMA);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "every-check");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "Every check");
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, "Each automatic check once");
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "all");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "All");
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; check_ids[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, check_ids[i]);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, check_ids[i]);
      json_builder_set_member_name (builder, "why");
      json_builder_add_string_value (builder, "Because");
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, "automatic");
      json_builder_set_member_name (builder, "check");
      json_builder_add_string_value (builder, check_ids[i]);
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, "DBA");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  template = pf_checklist_template_new_from_json_node (node, FALSE, &error);
  g_assert_no_error (error);

  return pf_checklist_run_new (template);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} ChecksResult;

static void
checks_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ChecksResult *res = user_data;

  res->ok = pf_checklist_checks_run_finish (PF_CHECKLIST_CHECKS (object), result, &res->error);
  g_main_loop_quit (res->loop);
}

/* Runs @check_ids (NULL: every check of the run) and waits; returns what
 * run_finish said, the error in @error */
static gboolean
run_checks_full (PfChecklistChecks  *checks,
                 const char * const *check_ids,
                 GCancellable       *cancellable,
                 GError            **error)
{
  ChecksResult res = { g_main_loop_new (NULL, FALSE), FALSE, NULL };

  pf_checklist_checks_run_async (checks, check_ids, cancellable, checks_done_cb, &res);
  g_main_loop_run (res.loop);
  g_main_loop_unref (res.loop);
  if (res.error != NULL)
    g_propagate_error (error, res.error);

  return res.ok;
}

static void
run_checks (PfChecklistChecks  *checks,
            const char * const *check_ids)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (run_checks_full (checks, check_ids, NULL, &error));
  g_assert_no_error (error);
}

static PfChecklistEntry *
entry_of (PfChecklistRun *run,
          const char     *item_id)
{
  PfChecklistEntry *entry = pf_checklist_run_lookup (run, item_id);

  g_assert_nonnull (entry);
  return entry;
}

/* Asserts the state of @item_id, printing its evidence on failure */
#define assert_state(run, item_id, expected) G_STMT_START {                          \
  PfChecklistEntry *e_ = entry_of ((run), (item_id));                                \
  if (pf_checklist_entry_get_state (e_) != (expected))                               \
    g_test_message ("%s: %s — %s", (item_id),                                        \
                    pf_checklist_state_to_string (pf_checklist_entry_get_state (e_)), \
                    pf_checklist_entry_get_evidence (e_));                           \
  g_assert_cmpstr (pf_checklist_state_to_string (pf_checklist_entry_get_state (e_)), ==, \
                   pf_checklist_state_to_string (expected));                         \
} G_STMT_END

static const char *
evidence_of (PfChecklistRun *run,
             const char     *item_id)
{
  const char *evidence = pf_checklist_entry_get_evidence (entry_of (run, item_id));

  g_assert_nonnull (evidence);
  return evidence;
}

/* Whether a detail line of @item_id contains @needle */
static gboolean
details_contain (PfChecklistRun *run,
                 const char     *item_id,
                 const char     *needle)
{
  const char * const *details = pf_checklist_entry_get_details (entry_of (run, item_id));

  for (guint i = 0; details != NULL && details[i] != NULL; i++)
    if (strstr (details[i], needle) != NULL)
      return TRUE;

  return FALSE;
}

#define MIGRATION_0001 \
  "from django.db import migrations, models\n" \
  "\n" \
  "class Migration(migrations.Migration):\n" \
  "    initial = True\n" \
  "    dependencies = []\n" \
  "    operations = [\n" \
  "        migrations.CreateModel(name='Person', fields=[\n" \
  "            ('id', models.AutoField(primary_key=True)),\n" \
  "            ('name', models.TextField()),\n" \
  "        ], options={'db_table': 'person'}),\n" \
  "    ]\n"

#define MIGRATION_0002 \
  "from django.db import migrations, models\n" \
  "\n" \
  "class Migration(migrations.Migration):\n" \
  "    dependencies = [('shop', '0001_initial')]\n" \
  "    operations = [\n" \
  "        migrations.AddField(model_name='person', name='email',\n" \
  "                            field=models.TextField(null=True)),\n" \
  "    ]\n"

/* A pending migration that creates an extension no server has */
#define MIGRATION_0002_EXTENSION \
  "from django.db import migrations\n" \
  "\n" \
  "class Migration(migrations.Migration):\n" \
  "    dependencies = [('shop', '0001_initial')]\n" \
  "    operations = [\n" \
  "        migrations.RunSQL('CREATE EXTENSION IF NOT EXISTS preflight_no_such_ext',\n" \
  "                          reverse_sql='DROP EXTENSION preflight_no_such_ext'),\n" \
  "    ]\n"

/* A project "shop" with 0001_initial (applied) and one pending 0002 */
static char *
make_project (const char *parent,
              const char *migration_0002)
{
  g_autofree char *dir = g_build_filename (parent, "project", NULL);

  pf_test_write_file (dir, "shop/__init__.py", "");
  pf_test_write_file (dir, "shop/migrations/__init__.py", "");
  pf_test_write_file (dir, "shop/migrations/0001_initial.py", MIGRATION_0001);
  pf_test_write_file (dir, "shop/migrations/0002_person_email.py", migration_0002);

  return g_steal_pointer (&dir);
}

