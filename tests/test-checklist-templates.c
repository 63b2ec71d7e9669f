/* test-checklist-templates.c — the bundled checklists, custom copies saved
 * and read back, broken files moved aside, invalid templates refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pf-checklist-check-ids.h"
#include "pf-checklist-error.h"
#include "pf-checklist-templates.h"
#include "pf-json-file.h"
#include "pf-test-files.h"

static const char * const roles[] = {
  "DBA", "Developer", "Service manager", "Project lead", "Operations", NULL
};

/* A fresh, not yet existing folder under the test's isolated config dir */
static char *
new_templates_dir (void)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("templates-%u", ++n);

  return g_build_filename (g_get_user_config_dir (), "preflight-test", name, NULL);
}

static PfChecklistTemplates *
load_templates (const char *dir,
                GPtrArray **out_problems)
{
  g_autoptr(PfChecklistTemplates) templates = pf_checklist_templates_new (dir);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pf_checklist_templates_load (templates, &problems, &error));
  g_assert_no_error (error);
  g_assert_nonnull (problems);

  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&problems);
  else
    g_assert_cmpuint (problems->len, ==, 0);

  return g_steal_pointer (&templates);
}

static PfChecklistTemplate *
get_template (GListModel *model,
              guint       position)
{
  g_autoptr(PfChecklistTemplate) template = g_list_model_get_item (model, position);

  g_assert_nonnull (template);
  return template;  /* the model keeps it alive */
}

static PfChecklistTemplate *
parse_template (const char  *json,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &parse_error));
  g_assert_no_error (parse_error);

  return pf_checklist_template_new_from_json_node (json_parser_get_root (parser), FALSE, error);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

/* ------------------------------------------------------ check ids -- */

static void
test_check_ids (void)
{
  const char *expected[] = {
    "connection", "integrity", "migration-history", "drift", "migrations-reviewed",
    "migrations-succeed", "disk-space", "pg-sessions", "pg-connections", "pg-extensions",
    "invalid-indexes", "sequences", "duplicate-keys", "backup-verified", "row-counts",
    "row-counts-match", NULL
  };
  const char * const *all = pf_checklist_checks_get_all ();

  g_assert_cmpstrv (all, expected);
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_assert_true (pf_checklist_checks_is_known (all[i]));
      g_assert_nonnull (pf_checklist_checks_get_title (all[i]));
      g_assert_cmpstr (pf_checklist_checks_get_title (all[i]), !=, "");
    }
  g_assert_cmpstr (pf_checklist_checks_get_title ("disk-space"), ==, "Disk space");

  g_assert_false (pf_checklist_checks_is_known ("coffee"));
  g_assert_false (pf_checklist_checks_is_known ("Disk-Space"));
  g_assert_false (pf_checklist_checks_is_known (""));
  g_assert_false (pf_checklist_checks_is_known (NULL));
  g_assert_null (pf_checklist_checks_get_title ("coffee"));

  g_assert_cmpstr (g_quark_to_string (PF_CHECKLIST_ERROR), ==, "pf-checklist-error-quark");
}

/* -------------------------------------------------------- bundled -- */

static void
assert_valid_template (PfChecklistTemplate *template)
{
  GListModel *steps = pf_checklist_template_get_steps (template);
  guint n_steps = g_list_model_get_n_items (steps);
  g_autoptr(GHashTable) item_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) node_again = NULL;
  g_autoptr(PfChecklistTemplate) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items = 0;

  g_assert_cmpstr (pf_checklist_template_get_title (template), !=, "");
  g_assert_cmpstr (pf_checklist_template_get_description (template), !=, "");
  g_assert_cmpuint (n_steps, >=, 3);
  g_assert_cmpuint (n_steps, <=, 9);

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(PfChecklistStep) step = g_list_model_get_item (steps, i);
      GListModel *items = pf_checklist_step_get_items (step);
      guint n_step_items = g_list_model_get_n_items (items);

      g_assert_cmpstr (pf_checklist_step_get_title (step), !=, "");
      g_assert_cmpstr (pf_checklist_step_get_description (step), !=, "");
      g_assert_cmpuint (n_step_items, >=, 2);
      g_assert_cmpuint (n_step_items, <=, 6);

      for (guint j = 0; j < n_step_items; j++)
        {
          g_autoptr(PfChecklistItem) item = g_list_model_get_item (items, j);
          const char *why = pf_checklist_item_get_why (item);
          guint found_step = G_MAXUINT;

          g_assert_true (g_hash_table_add (item_ids, (gpointer) pf_checklist_item_get_id (item)));
          g_assert_cmpstr (pf_checklist_item_get_title (item), !=, "");
          /* One or two plain sentences */
          g_assert_cmpuint (strlen (why), >, 30);
          g_assert_cmpuint (strlen (why), <, 300);
          g_assert_true (g_str_has_suffix (why, "."));
          g_assert_true (g_strv_contains (roles, pf_checklist_item_get_role (item)));

          if (pf_checklist_item_get_kind (item) == PF_CHECKLIST_ITEM_AUTOMATIC)
            g_assert_true (pf_checklist_checks_is_known (pf_checklist_item_get_check (item)));
          else
            g_assert_null (pf_checklist_item_get_check (item));

          g_assert_true (pf_checklist_template_find_item (template, pf_checklist_item_get_id (item),
                                                          &found_step) == item);
          g_assert_cmpuint (found_step, ==, i);
          n_items++;
        }
    }

  g_assert_cmpuint (pf_checklist_template_get_n_items (template), ==, n_items);
  g_assert_null (pf_checklist_template_find_item (template, "no-such-item", NULL));

  /* What it writes, it reads back the same */
  node = pf_checklist_template_to_json_node (template);
  again = pf_checklist_template_new_from_json_node (node, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  node_again = pf_checklist_template_to_json_node (again);
  g_assert_true (json_node_equal (node, node_again));
}

static void
test_bundled (void)
{
  g_autofree char *dir = new_templates_dir ();
  g_autoptr(PfChecklistTemplates) templates = load_templates (dir, NULL);
  g_autoptr(PfChecklistTemplate) fallback = NULL;
  GListModel *model = G_LIST_MODEL (templates);
  const char *expected[] = { "routine-migration", "production-go-live", "add-fields-safely" };
  const guint min_items[] = { 15, 25, 8 };

  g_assert_true (g_list_model_get_item_type (model) == PF_TYPE_CHECKLIST_TEMPLATE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      PfChecklistTemplate *template = get_template (model, i);

      g_assert_cmpstr (pf_checklist_template_get_id (template), ==, expected[i]);
      g_assert_true (pf_checklist_template_get_builtin (template));
      g_assert_cmpuint (pf_checklist_template_get_n_items (template), >=, min_items[i]);
      g_assert_true (pf_checklist_templates_find (templates, expected[i]) == template);
      assert_valid_template (template);
    }
  g_assert_null (pf_checklist_templates_find (templates, "night-shift"));
  g_assert_null (g_list_model_get_item (model, G_N_ELEMENTS (expected)));

  g_assert_cmpstr (pf_checklist_template_get_title (get_template (model, 0)), ==, "Routine schema migration");
  g_assert_cmpstr (pf_checklist_template_get_title (get_template (model, 1)), ==, "Production go-live");
  g_assert_cmpstr (pf_checklist_template_get_title (get_template (model, 2)), ==, "Add fields or tables safely");

  /* Nothing was written: the folder was only read */
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  fallback = pf_checklist_templates_dup_default ();
  g_assert_nonnull (fallback);
  g_assert_cmpstr (pf_checklist_template_get_id (fallback), ==, "routine-migration");
  g_assert_true (pf_checklist_template_get_builtin (fallback));
  g_assert_true (fallback != get_template (model, 0));
  g_assert_cmpuint (pf_checklist_template_get_n_items (fallback), ==,
                    pf_checklist_template_get_n_items (get_template (model, 0)));
}

static void
assert_item (PfChecklistTemplate *template,
             const char          *id,
             PfChecklistItemKind  kind,
             const char          *check,
             gboolean             required)
{
  PfChecklistItem *item = pf_checklist_template_find_item (template, id, NULL);

  if (item == NULL)
    g_error ("%s has no item %s", pf_checklist_template_get_id (template), id);
  g_assert_cmpint (pf_checklist_item_get_kind (item), ==, kind);
  g_assert_cmpstr (pf_checklist_item_get_check (item), ==, check);
  g_assert_cmpint (pf_checklist_item_get_required (item), ==, required);
}

/* Which checks a template binds, with how many items each */
static GHashTable *
count_checks (PfChecklistTemplate *template)
{
  GHashTable *counts = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *steps = pf_checklist_template_get_steps (template);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(PfChecklistStep) step = g_list_model_get_item (steps, i);
      GListModel *items = pf_checklist_step_get_items (step);

      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(PfChecklistItem) item = g_list_model_get_item (items, j);
          const char *check = pf_checklist_item_get_check (item);

          if (check != NULL)
            g_hash_table_insert (counts, (gpointer) check,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, check)) + 1));
        }
    }

  return counts;
}

static void
test_content (void)
{
  g_autofree char *dir = new_templates_dir ();
  g_autoptr(PfChecklistTemplates) templates = load_templates (dir, NULL);
  PfChecklistTemplate *routine = pf_checklist_templates_find (templates, "routine-migration");
  PfChecklistTemplate *go_live = pf_checklist_templates_find (templates, "production-go-live");
  PfChecklistTemplate *add_fields = pf_checklist_templates_find (templates, "add-fields-safely");
  g_autoptr(GHashTable) routine_checks = NULL;
  g_autoptr(GHashTable) go_live_checks = NULL;
  const char *go_live_needed[] = {
    "integrity", "row-counts", "row-counts-match", "sequences", "invalid-indexes", "disk-space",
    "backup-verified", "pg-sessions", "connection", "migrations-succeed", "migration-history",
    "migrations-reviewed"
  };
  PfChecklistItem *item;

  /* Routine: backup and verify; review the SQL (sqlmigrate); run on a
   * copy first; disk space; window booked; rollback plan and its reverse
   * migrations; monitoring after */
  assert_item (routine, "backup-verified", PF_CHECKLIST_ITEM_AUTOMATIC, "backup-verified", TRUE);
  assert_item (routine, "restore-tested", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (routine, "migrations-reviewed", PF_CHECKLIST_ITEM_AUTOMATIC, "migrations-reviewed", TRUE);
  assert_item (routine, "sql-read", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (routine, "staging-run", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (routine, "disk-space", PF_CHECKLIST_ITEM_AUTOMATIC, "disk-space", TRUE);
  assert_item (routine, "window-booked", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (routine, "rollback-plan", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (routine, "reverse-migrations", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (routine, "monitoring", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (routine, "row-counts", PF_CHECKLIST_ITEM_AUTOMATIC, "row-counts", TRUE);
  assert_item (routine, "row-counts-match", PF_CHECKLIST_ITEM_AUTOMATIC, "row-counts-match", TRUE);
  item = pf_checklist_template_find_item (routine, "sql-read", NULL);
  g_assert_nonnull (strstr (pf_checklist_item_get_title (item), "sqlmigrate"));

  /* Counts are recorded before they are compared */
  {
    guint before, after;

    pf_checklist_template_find_item (routine, "row-counts", &before);
    pf_checklist_template_find_item (routine, "row-counts-match", &after);
    g_assert_cmpuint (before, <, after);
    pf_checklist_template_find_item (go_live, "row-counts", &before);
    pf_checklist_template_find_item (go_live, "row-counts-match", &after);
    g_assert_cmpuint (before, <, after);
  }

  /* The routine binds every check but drift (that is for added fields)
   * and duplicate keys (that is for data being loaded, go-live) */
  routine_checks = count_checks (routine);
  for (const char * const *check = pf_checklist_checks_get_all (); *check != NULL; check++)
    {
      if (g_str_equal (*check, "drift") || g_str_equal (*check, "duplicate-keys"))
        g_assert_false (g_hash_table_contains (routine_checks, *check));
      else if (!g_hash_table_contains (routine_checks, *check))
        g_error ("routine-migration does not use the check %s", *check);
    }
  g_assert_cmpuint (g_hash_table_size (routine_checks), ==, g_strv_length ((char **) pf_checklist_checks_get_all ()) - 2);

  /* Go-live: duplicates checked before and after, counts recorded and
   * matched, day-before disk and backup, rollback in 30 minutes,
   * monitoring at day 1 / week 1 / month 1 */
  go_live_checks = count_checks (go_live);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (go_live_checks, "duplicate-keys")), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (go_live_needed); i++)
    {
      if (!g_hash_table_contains (go_live_checks, go_live_needed[i]))
        g_error ("production-go-live does not use the check %s", go_live_needed[i]);
    }
  assert_item (go_live, "units-linked", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (go_live, "emails-valid", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (go_live, "secrets-outside-repository", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (go_live, "users-told", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (go_live, "users-trained", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (go_live, "rollback-timed", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (go_live, "rollback-ready", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (go_live, "monitor-day-1", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (go_live, "monitor-week-1", PF_CHECKLIST_ITEM_MANUAL, NULL, FALSE);
  assert_item (go_live, "monitor-month-1", PF_CHECKLIST_ITEM_MANUAL, NULL, FALSE);
  item = pf_checklist_template_find_item (go_live, "rollback-ready", NULL);
  g_assert_nonnull (strstr (pf_checklist_item_get_title (item), "30 minutes"));

  /* Add fields: backup, review, copy, drift clear, features back on */
  assert_item (add_fields, "backup-verified", PF_CHECKLIST_ITEM_AUTOMATIC, "backup-verified", TRUE);
  assert_item (add_fields, "migrations-reviewed", PF_CHECKLIST_ITEM_AUTOMATIC, "migrations-reviewed", TRUE);
  assert_item (add_fields, "sql-read", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (add_fields, "copy-tested", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  assert_item (add_fields, "drift", PF_CHECKLIST_ITEM_AUTOMATIC, "drift", TRUE);
  assert_item (add_fields, "features-enabled", PF_CHECKLIST_ITEM_MANUAL, NULL, TRUE);
  item = pf_checklist_template_find_item (add_fields, "drift", NULL);
  g_assert_cmpstr (pf_checklist_item_get_title (item), ==, "The new columns and tables exist");
}

/* ----------------------------------------------- custom templates -- */

static void
test_duplicate_save_reload (void)
{
  g_autofree char *dir = new_templates_dir ();
  g_autoptr(PfChecklistTemplates) templates = load_templates (dir, NULL);
  g_autoptr(PfChecklistTemplates) reloaded = NULL;
  g_autoptr(PfChecklistTemplate) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *path = NULL;
  PfChecklistTemplate *routine = pf_checklist_templates_find (templates, "routine-migration");
  PfChecklistTemplate *found;
  PfChecklistItem *item;
  PfChecklistItem *original_item;
  guint title_notifies = 0;
  guint why_notifies = 0;
  guint required_notifies = 0;
  guint template_notifies = 0;
  guint changes = 0;

  id = pf_checklist_templates_dup_unique_id (templates, "Night shift go-live");
  g_assert_cmpstr (id, ==, "night-shift-go-live");

  copy = pf_checklist_template_duplicate (routine, id, "Night shift go-live");
  g_assert_false (pf_checklist_template_get_builtin (copy));
  g_assert_cmpstr (pf_checklist_template_get_id (copy), ==, "night-shift-go-live");
  g_assert_cmpstr (pf_checklist_template_get_title (copy), ==, "Night shift go-live");
  g_assert_cmpstr (pf_checklist_template_get_description (copy), ==,
                   pf_checklist_template_get_description (routine));
  g_assert_cmpuint (pf_checklist_template_get_n_items (copy), ==,
                    pf_checklist_template_get_n_items (routine));

  /* Edit an item: notified once per real change */
  item = pf_checklist_template_find_item (copy, "restore-tested", NULL);
  original_item = pf_checklist_template_find_item (routine, "restore-tested", NULL);
  g_assert_true (item != original_item);
  g_signal_connect (item, "notify::title", G_CALLBACK (count_notify), &title_notifies);
  g_signal_connect (item, "notify::why", G_CALLBACK (count_notify), &why_notifies);
  g_signal_connect (item, "notify::required", G_CALLBACK (count_notify), &required_notifies);
  g_signal_connect (copy, "notify::title", G_CALLBACK (count_notify), &template_notifies);

  pf_checklist_item_set_title (item, pf_checklist_item_get_title (item));
  pf_checklist_item_set_title (item, "Restore tested on the night-shift test box");
  pf_checklist_item_set_title (item, "Restore tested on the night-shift test box");
  pf_checklist_item_set_why (item, "Zoë’s team restores it at 02:00, when nobody is on the rota.");
  pf_checklist_item_set_why (item, "Zoë’s team restores it at 02:00, when nobody is on the rota.");
  pf_checklist_item_set_required (item, FALSE);
  pf_checklist_item_set_required (item, FALSE);
  g_object_set (item, "required", FALSE, NULL);
  pf_checklist_template_set_title (copy, "Night shift go-live");
  pf_checklist_template_set_title (copy, "Night-shift go-live “B”");
  g_assert_cmpuint (title_notifies, ==, 1);
  g_assert_cmpuint (why_notifies, ==, 1);
  g_assert_cmpuint (required_notifies, ==, 1);
  g_assert_cmpuint (template_notifies, ==, 1);

  /* The bundled one is untouched: the copy is deep */
  g_assert_cmpstr (pf_checklist_item_get_title (original_item), ==, "The backup was restored on a test machine");
  g_assert_true (pf_checklist_item_get_required (original_item));

  g_signal_connect (templates, "items-changed", G_CALLBACK (count_items_changed), &changes);
  g_assert_true (pf_checklist_templates_save (templates, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (templates)), ==, 4);
  g_assert_true (get_template (G_LIST_MODEL (templates), 3) == copy);
  g_assert_true (pf_checklist_templates_find (templates, id) == copy);

  path = g_build_filename (dir, "night-shift-go-live.json", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* A second copy with the same title gets the next id */
  second_id = pf_checklist_templates_dup_unique_id (templates, "Night shift go-live");
  g_assert_cmpstr (second_id, ==, "night-shift-go-live-2");

  /* A fresh list reads the same back */
  reloaded = load_templates (dir, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 4);
  found = pf_checklist_templates_find (reloaded, id);
  g_assert_nonnull (found);
  g_assert_true (found == get_template (G_LIST_MODEL (reloaded), 3));
  g_assert_false (pf_checklist_template_get_builtin (found));
  g_assert_cmpstr (pf_checklist_template_get_title (found), ==, "Night-shift go-live “B”");
  item = pf_checklist_template_find_item (found, "restore-tested", NULL);
  g_assert_cmpstr (pf_checklist_item_get_title (item), ==, "Restore tested on the night-shift test box");
  g_assert_cmpstr (pf_checklist_item_get_why (item), ==, "Zoë’s team restores it at 02:00, when nobody is on the rota.");
  g_assert_false (pf_checklist_item_get_required (item));
  g_assert_cmpint (pf_checklist_item_get_kind (item), ==, PF_CHECKLIST_ITEM_MANUAL);
  g_assert_cmpstr (pf_checklist_item_get_role (item), ==, "DBA");
  item = pf_checklist_template_find_item (found, "backup-verified", NULL);
  g_assert_cmpstr (pf_checklist_item_get_check (item), ==, "backup-verified");
  assert_valid_template (found);
  {
    g_autoptr(JsonNode) saved = pf_checklist_template_to_json_node (copy);
    g_autoptr(JsonNode) read = pf_checklist_template_to_json_node (found);

    g_assert_true (json_node_equal (saved, read));
  }

  /* An edit that would make the file unreadable is refused, and the
   * saved file stays as it was */
  {
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
    item = pf_checklist_template_find_item (found, "sql-read", NULL);
    pf_checklist_item_set_why (item, "   ");
    g_assert_false (pf_checklist_templates_save (reloaded, found, &error));
    g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE);
    g_assert_cmpstr (error->message, ==, "In the item “sql-read”, “why” is empty.");
    g_clear_error (&error);
    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (before, ==, after);
    pf_checklist_item_set_why (item, "Read it.");
  }

  /* Saving an edited copy again replaces it, never adds a second one */
  pf_checklist_template_set_title (found, "Another title");
  g_assert_true (pf_checklist_templates_save (reloaded, found, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 4);
  {
    g_autoptr(PfChecklistTemplates) third = load_templates (dir, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (third)), ==, 4);
    g_assert_cmpstr (pf_checklist_template_get_title (pf_checklist_templates_find (third, id)), ==, "Another title");
  }

  /* Removing deletes the file */
  changes = 0;
  g_assert_true (pf_checklist_templates_remove (templates, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (templates)), ==, 3);
  g_assert_null (pf_checklist_templates_find (templates, id));
  g_clear_object (&reloaded);
  reloaded = load_templates (dir, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 3);
}

static void
test_custom_order (void)
{
  g_autofree char *dir = new_templates_dir ();
  g_autoptr(PfChecklistTemplates) templates = load_templates (dir, NULL);
  g_autoptr(PfChecklistTemplates) reloaded = NULL;
  PfChecklistTemplate *routine = pf_checklist_templates_find (templates, "routine-migration");
  const char *titles[] = { "Zebra checks", "Annual audit", "Monthly release" };
  GListModel *model;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *id = pf_checklist_templates_dup_unique_id (templates, titles[i]);
      g_autoptr(PfChecklistTemplate) copy = pf_checklist_template_duplicate (routine, id, titles[i]);
      g_autoptr(GError) error = NULL;

      g_assert_true (pf_checklist_templates_save (templates, copy, &error));
      g_assert_no_error (error);
    }

  /* Bundled first in their order, then the user's by title, before and after a reload */
  reloaded = load_templates (dir, NULL);
  for (guint round = 0; round < 2; round++)
    {
      model = G_LIST_MODEL (round == 0 ? templates : reloaded);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
      g_assert_cmpstr (pf_checklist_template_get_id (get_template (model, 0)), ==, "routine-migration");
      g_assert_cmpstr (pf_checklist_template_get_id (get_template (model, 2)), ==, "add-fields-safely");
      g_assert_cmpstr (pf_checklist_template_get_title (get_template (model, 3)), ==, "Annual audit");
      g_assert_cmpstr (pf_checklist_template_get_title (get_template (model, 4)), ==, "Monthly release");
      g_assert_cmpstr (pf_checklist_template_get_title (get_template (model, 5)), ==, "Zebra checks");
    }
}

static void
test_read_only (void)
{
  g_autofree char *dir = new_templates_dir ();
  g_autoptr(PfChecklistTemplates) templates = load_templates (dir, NULL);
  g_autoptr(PfChecklistTemplate) impostor = NULL;
  g_autoptr(GError) error = NULL;
  PfChecklistTemplate *routine = pf_checklist_templates_find (templates, "routine-migration");
  guint changes = 0;

  g_signal_connect (templates, "items-changed", G_CALLBACK (count_items_changed), &changes);

  g_assert_false (pf_checklist_templates_save (templates, routine, &error));
  g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "Routine schema migration"));
  g_clear_error (&error);

  g_assert_false (pf_checklist_templates_remove (templates, routine, &error));
  g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* An editable copy that took a bundled id cannot shadow the bundled one */
  impostor = pf_checklist_template_duplicate (routine, "production-go-live", "Mine");
  g_assert_false (pf_checklist_template_get_builtin (impostor));
  g_assert_false (pf_checklist_templates_save (templates, impostor, &error));
  g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (templates)), ==, 3);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

/* The one "<name>.corrupt-…" file in @dir, holding @contents */
static void
assert_moved_aside (const char *dir,
                    const char *name,
                    const char *contents)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *pattern = g_strdup_printf ("^%s\\.corrupt-[0-9]{8}-[0-9]{6}(-[0-9]+)?$", name);
  g_autofree char *original = g_build_filename (dir, name, NULL);
  const char *entry;
  guint found = 0;

  g_assert_false (g_file_test (original, G_FILE_TEST_EXISTS));
  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      if (g_regex_match_simple (pattern, entry, 0, 0))
        {
          g_autofree char *path = g_build_filename (dir, entry, NULL);
          g_autofree char *moved = NULL;

          g_assert_true (g_file_get_contents (path, &moved, NULL, NULL));
          g_assert_cmpstr (moved, ==, contents);
          found++;
        }
    }
  g_assert_cmpuint (found, ==, 1);
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *start,
             const char *part)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const char *problem = g_ptr_array_index (problems, i);

      if (g_str_has_prefix (problem, start) && strstr (problem, part) != NULL)
        return TRUE;
    }

  return FALSE;
}

static const char *valid_custom =
  "{\"schema\": \"preflight-checklist-template/1\", \"id\": \"weekend\", \"title\": \"Weekend release\","
  " \"steps\": [{\"id\": \"only\", \"title\": \"Only step\", \"items\": ["
  "  {\"id\": \"restore-tested\", \"title\": \"Restore tested\", \"why\": \"Because.\", \"kind\": \"manual\"},"
  "  {\"id\": \"disk\", \"title\": \"Disk\", \"why\": \"Room.\", \"kind\": \"automatic\", \"check\": \"disk-space\","
  "   \"required\": false, \"role\": \"Operations\"}]}]}";

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strjoinv (to, parts);
}

static void
test_corrupt_custom (void)
{
  g_autofree char *dir = new_templates_dir ();
  g_autoptr(PfChecklistTemplates) templates = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *clash = NULL;
  g_autofree char *folder = NULL;
  PfChecklistTemplate *weekend;
  PfChecklistItem *item;
  const char *not_json = "{ \"schema\": \"preflight-checklist-template/1\", \"id\": ";
  const char *no_title =
    "{\"schema\": \"preflight-checklist-template/1\", \"id\": \"no-title\", \"title\": \"No title\","
    " \"steps\": [{\"id\": \"s\", \"title\": \"S\", \"items\": ["
    "  {\"id\": \"restore-tested\", \"why\": \"Because.\", \"kind\": \"manual\"}]}]}";

  pf_test_write_file (dir, "weekend.json", valid_custom);
  pf_test_write_file (dir, "broken.json", not_json);
  pf_test_write_file (dir, "no-title.json", no_title);
  /* Not ours: other files in the folder are ignored */
  pf_test_write_file (dir, "notes.txt", "not a template");
  /* Valid, but would shadow a bundled template, or is under the wrong name */
  clash = replace (valid_custom, "\"id\": \"weekend\"", "\"id\": \"routine-migration\"");
  pf_test_write_file (dir, "routine-migration.json", clash);
  pf_test_write_file (dir, "saturday.json", valid_custom);
  /* A folder where a file should be cannot be read at all */
  folder = g_build_filename (dir, "folder.json", NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  templates = load_templates (dir, &problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 5);
  g_assert_true (has_problem (problems, "“broken.json” could not be read (", "and was moved to “broken.json.corrupt-"));
  g_assert_true (has_problem (problems, "“no-title.json” could not be read (In the item “restore-tested”, “title” is missing or is not a string.)",
                              "and was moved to “no-title.json.corrupt-"));
  g_assert_true (has_problem (problems, "“routine-migration.json” was skipped", "bundled"));
  g_assert_true (has_problem (problems, "“saturday.json” was skipped", "“weekend.json”"));
  g_assert_true (has_problem (problems, "“folder.json” could not be read: ", ""));

  /* The broken ones are kept, byte for byte, under another name */
  assert_moved_aside (dir, "broken.json", not_json);
  assert_moved_aside (dir, "no-title.json", no_title);
  /* The readable ones are left where they are */
  {
    g_autofree char *path = g_build_filename (dir, "routine-migration.json", NULL);
    g_autofree char *saturday = g_build_filename (dir, "saturday.json", NULL);

    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (saturday, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  }

  /* The others still load */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (templates)), ==, 4);
  g_assert_true (pf_checklist_template_get_builtin (pf_checklist_templates_find (templates, "routine-migration")));
  weekend = pf_checklist_templates_find (templates, "weekend");
  g_assert_nonnull (weekend);
  g_assert_cmpstr (pf_checklist_template_get_description (weekend), ==, "");
  item = pf_checklist_template_find_item (weekend, "restore-tested", NULL);
  g_assert_true (pf_checklist_item_get_required (item));  /* the default */
  g_assert_cmpstr (pf_checklist_item_get_role (item), ==, "");
  item = pf_checklist_template_find_item (weekend, "disk", NULL);
  g_assert_false (pf_checklist_item_get_required (item));

  /* A second load moves nothing more */
  g_clear_object (&templates);
  templates = load_templates (dir, &again);
  g_assert_cmpuint (again->len, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (templates)), ==, 4);

  /* A new copy never takes the name of a file that was skipped */
  {
    g_autofree char *id = pf_checklist_templates_dup_unique_id (templates, "Saturday");

    g_assert_cmpstr (id, ==, "saturday-2");
  }
}

static void
test_unreadable_folder (void)
{
  g_autofree char *dir = new_templates_dir ();
  g_autoptr(PfChecklistTemplates) templates = pf_checklist_templates_new (dir);
  g_autoptr(PfChecklistTemplates) fallback = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *default_dir = NULL;

  /* A file where the folder should be */
  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (dir, "", 0, NULL));

  g_assert_false (pf_checklist_templates_load (templates, &problems, &error));
  g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, dir));
  g_assert_null (problems);
  g_unlink (dir);

  /* Without a folder: the user config dir, as now */
  fallback = pf_checklist_templates_new (NULL);
  default_dir = pf_checklist_templates_dup_dir (fallback);
  {
    g_autofree char *expected = g_build_filename (g_get_user_config_dir (), "preflight", "templates", NULL);

    g_assert_cmpstr (default_dir, ==, expected);
  }
}

/* -------------------------------------------------------- invalid -- */

#define TEMPLATE_START "{\"schema\": \"preflight-checklist-template/1\", \"id\": \"t\", \"title\": \"T\", \"steps\": ["
#define STEP_START "{\"id\": \"s\", \"title\": \"S\", \"items\": ["
#define GOOD_ITEM "{\"id\": \"backup-verified\", \"title\": \"Backup\", \"why\": \"Because.\", \"kind\": \"automatic\", \"check\": \"backup-verified\"}"
#define WRAP(items) TEMPLATE_START STEP_START items "]}]}"

static void
test_invalid (void)
{
  const struct {
    const char *json;
    const char *message;
  } cases[] = {
    { WRAP ("{\"id\": \"restore-tested\", \"why\": \"Because.\", \"kind\": \"manual\"}"),
      "In the item “restore-tested”, “title” is missing or is not a string." },
    { WRAP ("{\"id\": \"restore-tested\", \"title\": \"  \", \"why\": \"Because.\", \"kind\": \"manual\"}"),
      "In the item “restore-tested”, “title” is empty." },
    { WRAP ("{\"id\": \"restore-tested\", \"title\": 3, \"why\": \"Because.\", \"kind\": \"manual\"}"),
      "In the item “restore-tested”, “title” is missing or is not a string." },
    { WRAP ("{\"id\": \"restore-tested\", \"title\": \"R\", \"kind\": \"manual\"}"),
      "In the item “restore-tested”, “why” is missing or is not a string." },
    { WRAP ("{\"id\": \"coffee\", \"title\": \"C\", \"why\": \"W.\", \"kind\": \"automatic\", \"check\": \"coffee\"}"),
      "The item “coffee” has an unknown “check”: “coffee”." },
    { WRAP ("{\"id\": \"auto\", \"title\": \"C\", \"why\": \"W.\", \"kind\": \"automatic\"}"),
      "The automatic item “auto” has no “check”." },
    { WRAP ("{\"id\": \"hand\", \"title\": \"C\", \"why\": \"W.\", \"kind\": \"manual\", \"check\": \"disk-space\"}"),
      "The manual item “hand” has a “check”; only automatic items have one." },
    { WRAP ("{\"id\": \"hand\", \"title\": \"C\", \"why\": \"W.\", \"kind\": \"magic\"}"),
      "The item “hand” has a “kind” that is neither “manual” nor “automatic”." },
    { WRAP ("{\"id\": \"hand\", \"title\": \"C\", \"why\": \"W.\"}"),
      "In the item “hand”, “kind” is missing or is not a string." },
    { WRAP ("{\"id\": \"hand\", \"title\": \"C\", \"why\": \"W.\", \"kind\": \"manual\", \"required\": \"yes\"}"),
      "In the item “hand”, “required” is missing or is not true or false." },
    { WRAP ("{\"title\": \"C\", \"why\": \"W.\", \"kind\": \"manual\"}"),
      "A checklist item has no “id”." },
    { WRAP ("{\"id\": \"../../etc\", \"title\": \"C\", \"why\": \"W.\", \"kind\": \"manual\"}"),
      "The id “../../etc” may only hold lowercase letters, digits and single dashes, at most 100 of them." },
    { WRAP ("[]"),
      "A checklist item is not an object in curly braces." },
    { WRAP (GOOD_ITEM ", " GOOD_ITEM),
      "The item id “backup-verified” is used twice in the template “t”." },
    { TEMPLATE_START STEP_START GOOD_ITEM "]}, {\"id\": \"s2\", \"title\": \"S2\", \"items\": [" GOOD_ITEM "]}]}",
      "The item id “backup-verified” is used twice in the template “t”." },
    { TEMPLATE_START STEP_START GOOD_ITEM "]}, " STEP_START "{\"id\": \"other\", \"title\": \"O\", \"why\": \"W.\", \"kind\": \"manual\"}]}]}",
      "The step id “s” is used twice in the template “t”." },
    { WRAP (""),
      "In the step “s”, “items” is empty." },
    { TEMPLATE_START "{\"id\": \"s\", \"title\": \"S\", \"items\": {}}]}",
      "In the step “s”, “items” is missing or is not a list in square brackets." },
    { TEMPLATE_START "{\"id\": \"s\", \"items\": [" GOOD_ITEM "]}]}",
      "In the step “s”, “title” is missing or is not a string." },
    { TEMPLATE_START "]}",
      "In the template “t”, “steps” is empty." },
    { "{\"schema\": \"preflight-checklist-template/1\", \"id\": \"t\", \"steps\": [" STEP_START GOOD_ITEM "]}]}",
      "In the template “t”, “title” is missing or is not a string." },
    { "{\"schema\": \"preflight-checklist-template/1\", \"id\": \"Big Template\", \"title\": \"T\", \"steps\": []}",
      "The id “Big Template” may only hold lowercase letters, digits and single dashes, at most 100 of them." },
    { "{\"schema\": \"preflight-checklist-template/2\", \"id\": \"t\", \"title\": \"T\", \"steps\": [" STEP_START GOOD_ITEM "]}]}",
      "The checklist template’s “schema” is not “preflight-checklist-template/1”." },
    { "{\"id\": \"t\", \"title\": \"T\", \"steps\": [" STEP_START GOOD_ITEM "]}]}",
      "The checklist template’s “schema” is not “preflight-checklist-template/1”." },
    { "[1, 2]",
      "The checklist template is not an object in curly braces." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PfChecklistTemplate) template = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %s", i, cases[i].json);
      template = parse_template (cases[i].json, &error);
      g_assert_null (template);
      g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_TEMPLATE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* The same building blocks, put together right, are accepted */
  {
    g_autoptr(PfChecklistTemplate) template = NULL;
    g_autoptr(GError) error = NULL;

    template = parse_template (WRAP (GOOD_ITEM), &error);
    g_assert_no_error (error);
    g_assert_nonnull (template);
    g_assert_false (pf_checklist_template_get_builtin (template));
    g_assert_cmpuint (pf_checklist_template_get_n_items (template), ==, 1);
  }
}

/* ------------------------------------------------------ unique id -- */

static void
test_unique_id (void)
{
  g_autofree char *dir = new_templates_dir ();
  g_autoptr(PfChecklistTemplates) templates = load_templates (dir, NULL);
  g_autofree char *long_title = NULL;
  const struct {
    const char *title;
    const char *id;
  } cases[] = {
    { "Night shift go-live!", "night-shift-go-live" },
    { "  Zoë --- Go-Live  ", "zoe-go-live" },
    { "Q4 2026: release #2", "q4-2026-release-2" },
    { "!!!", "checklist" },
    { "", "checklist" },
    /* Bundled ids are taken */
    { "Routine migration", "routine-migration-2" },
    { "Production go-live", "production-go-live-2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = pf_checklist_templates_dup_unique_id (templates, cases[i].title);

      g_assert_cmpstr (id, ==, cases[i].id);
    }

  /* Long titles make ids a file system is happy with */
  long_title = g_strnfill (300, 'a');
  {
    g_autofree char *id = pf_checklist_templates_dup_unique_id (templates, long_title);
    g_autoptr(PfChecklistTemplate) copy = NULL;

    g_assert_cmpuint (strlen (id), <=, 60);
    copy = pf_checklist_template_duplicate (pf_checklist_templates_find (templates, "routine-migration"),
                                            id, long_title);
    g_assert_nonnull (copy);
  }

  /* Taken ids count up */
  {
    g_autofree char *first = pf_checklist_templates_dup_unique_id (templates, "Weekly");
    g_autoptr(PfChecklistTemplate) copy = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *second = NULL;
    g_autofree char *third = NULL;

    copy = pf_checklist_template_duplicate (pf_checklist_templates_find (templates, "routine-migration"),
                                            first, "Weekly");
    g_assert_true (pf_checklist_templates_save (templates, copy, &error));
    g_assert_no_error (error);
    second = pf_checklist_templates_dup_unique_id (templates, "weekly");
    g_assert_cmpstr (second, ==, "weekly-2");
    g_clear_object (&copy);
    copy = pf_checklist_template_duplicate (pf_checklist_templates_find (templates, "routine-migration"),
                                            second, "weekly");
    g_assert_true (pf_checklist_templates_save (templates, copy, &error));
    g_assert_no_error (error);
    third = pf_checklist_templates_dup_unique_id (templates, "WEEKLY");
    g_assert_cmpstr (third, ==, "weekly-3");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/checklist-templates/check-ids", test_check_ids);
  g_test_add_func ("/checklist-templates/bundled", test_bundled);
  g_test_add_func ("/checklist-templates/content", test_content);
  g_test_add_func ("/checklist-templates/duplicate-save-reload", test_duplicate_save_reload);
  g_test_add_func ("/checklist-templates/custom-order", test_custom_order);
  g_test_add_func ("/checklist-templates/read-only", test_read_only);
  g_test_add_func ("/checklist-templates/corrupt-custom", test_corrupt_custom);
  g_test_add_func ("/checklist-templates/unreadable-folder", test_unreadable_folder);
  g_test_add_func ("/checklist-templates/invalid", test_invalid);
  g_test_add_func ("/checklist-templates/unique-id", test_unique_id);

  return g_test_run ();
}
