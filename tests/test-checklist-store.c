/* test-checklist-store.c — checklist progress per connection: saved, resumed,
 * archived, bad files moved aside, and a kill during a save loses nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "pf-checklist-error.h"
#include "pf-checklist-store.h"
#include "pf-json-file.h"
#include "pf-test-files.h"

static const char *template_json =
  "{ \"schema\": \"preflight-checklist-template/1\", \"id\": \"store-test\","
  "  \"title\": \"Store test\", \"description\": \"\","
  "  \"steps\": ["
  "    { \"id\": \"only\", \"title\": \"Only step\", \"description\": \"\","
  "      \"items\": ["
  "        { \"id\": \"users-told\", \"title\": \"Users told\", \"why\": \"They plan around it.\","
  "          \"kind\": \"manual\", \"required\": true, \"role\": \"Service manager\" },"
  "        { \"id\": \"window-booked\", \"title\": \"Maintenance window booked\", \"why\": \"Downtime.\","
  "          \"kind\": \"manual\", \"required\": true, \"role\": \"Service manager\" },"
  "        { \"id\": \"backup\", \"title\": \"A verified backup exists\", \"why\": \"To go back.\","
  "          \"kind\": \"automatic\", \"check\": \"backup-verified\", \"required\": true, \"role\": \"DBA\" } ] } ] }";

static char *
run_to_string (PfChecklistRun *run)
{
  g_autoptr(JsonNode) node = pf_checklist_run_to_json_node (run);

  return json_to_string (node, FALSE);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
default_path (const char *key)
{
  g_autofree char *name = g_strconcat (key, ".json", NULL);

  return g_build_filename (g_get_user_config_dir (), "preflight", "checklists", name, NULL);
}

/* ---- tests ------------------------------------------------------------- */

static void
test_round_trip (void)
{
  g_autoptr(PfChecklistStore) store = pf_checklist_store_new (NULL);
  g_autoptr(PfChecklistRun) run = pf_test_run_from_json (template_json);
  g_autoptr(PfChecklistRun) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = default_path ("rota-prod");
  g_autofree char *moved_to = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GStatBuf st;

  /* Nothing saved yet: no run, no error, nothing moved */
  loaded = pf_checklist_store_load (store, "rota-prod", &moved_to, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
  g_assert_null (moved_to);

  pf_checklist_run_tick (run, "users-told", "Anna Kowalska", "All staff mailed");
  pf_checklist_run_set_result (run, "backup-verified", PF_CHECKLIST_STATE_DONE, "Verified at 10:00", NULL, FALSE);
  g_assert_true (pf_checklist_store_save (store, "rota-prod", run, &error));
  g_assert_no_error (error);

  /* Under the config dir, private */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *contents = read_file (path);

    g_assert_nonnull (strstr (contents, "\"preflight-checklist-runs/1\""));
    g_assert_nonnull (strstr (contents, "Anna Kowalska"));
  }

  loaded = pf_checklist_store_load (store, "rota-prod", &moved_to, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_null (moved_to);
  before = run_to_string (run);
  after = run_to_string (loaded);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (pf_checklist_run_get_n_settled (loaded), ==, 2);

  /* Another connection's file is another file */
  g_clear_object (&loaded);
  loaded = pf_checklist_store_load (store, "rota-staging", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  /* A store with its own folder does not see the default one */
  {
    g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "elsewhere", NULL);
    g_autoptr(PfChecklistStore) other = pf_checklist_store_new (dir);
    g_autofree char *other_path = g_build_filename (dir, "rota-prod.json", NULL);

    loaded = pf_checklist_store_load (other, "rota-prod", NULL, &error);
    g_assert_no_error (error);
    g_assert_null (loaded);
    g_assert_true (pf_checklist_store_save (other, "rota-prod", run, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (other_path, G_FILE_TEST_IS_REGULAR));
  }
}

static void
test_start_archives (void)
{
  g_autoptr(PfChecklistStore) store = pf_checklist_store_new (NULL);
  g_autoptr(PfChecklistRun) first = pf_test_run_from_json (template_json);
  g_autoptr(PfChecklistRun) second = pf_test_run_from_json (template_json);
  g_autoptr(PfChecklistRun) third = pf_test_run_from_json (template_json);
  g_autoptr(PfChecklistRun) loaded = NULL;
  g_autoptr(GPtrArray) archive = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_json = NULL;
  g_autofree char *second_json = NULL;

  /* No file yet: start is a plain save with an empty archive */
  g_assert_true (pf_checklist_store_start (store, "demo", first, &error));
  g_assert_no_error (error);
  archive = pf_checklist_store_load_archive (store, "demo", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (archive->len, ==, 0);
  g_clear_pointer (&archive, g_ptr_array_unref);

  /* Progress on the first run, saved as it goes */
  pf_checklist_run_tick (first, "users-told", "Anna Kowalska", NULL);
  g_assert_true (pf_checklist_store_save (store, "demo", first, &error));
  pf_checklist_run_tick (first, "window-booked", "Anna Kowalska", "Saturday 06:00–08:00");
  g_assert_true (pf_checklist_store_save (store, "demo", first, &error));
  g_assert_no_error (error);
  first_json = run_to_string (first);

  /* A new run archives the current one, as it was last saved */
  g_assert_true (pf_checklist_store_start (store, "demo", second, &error));
  g_assert_no_error (error);
  loaded = pf_checklist_store_load (store, "demo", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pf_checklist_run_get_n_settled (loaded), ==, 0);
  archive = pf_checklist_store_load_archive (store, "demo", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (archive->len, ==, 1);
  {
    g_autofree char *archived = run_to_string (g_ptr_array_index (archive, 0));

    g_assert_cmpstr (archived, ==, first_json);
  }
  g_clear_pointer (&archive, g_ptr_array_unref);

  /* Saving the current run keeps the archive */
  pf_checklist_run_tick (second, "users-told", "Bob", NULL);
  g_assert_true (pf_checklist_store_save (store, "demo", second, &error));
  second_json = run_to_string (second);
  archive = pf_checklist_store_load_archive (store, "demo", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (archive->len, ==, 1);
  g_clear_pointer (&archive, g_ptr_array_unref);

  /* Oldest first */
  g_assert_true (pf_checklist_store_start (store, "demo", third, &error));
  g_assert_no_error (error);
  archive = pf_checklist_store_load_archive (store, "demo", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (archive->len, ==, 2);
  {
    g_autofree char *oldest = run_to_string (g_ptr_array_index (archive, 0));
    g_autofree char *newest = run_to_string (g_ptr_array_index (archive, 1));

    g_assert_cmpstr (oldest, ==, first_json);
    g_assert_cmpstr (newest, ==, second_json);
  }
  g_clear_pointer (&archive, g_ptr_array_unref);
  g_clear_object (&loaded);

  /* Start Over: the current run is archived and none is left */
  g_assert_true (pf_checklist_store_start (store, "demo", NULL, &error));
  g_assert_no_error (error);
  loaded = pf_checklist_store_load (store, "demo", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
  archive = pf_checklist_store_load_archive (store, "demo", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (archive->len, ==, 3);
}

static void
assert_moved_aside (const char *contents)
{
  static guint n;
  g_autoptr(PfChecklistStore) store = pf_checklist_store_new (NULL);
  g_autoptr(PfChecklistRun) loaded = NULL;
  g_autoptr(PfChecklistRun) run = pf_test_run_from_json (template_json);
  g_autoptr(GPtrArray) archive = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_strdup_printf ("bad-%u", ++n);
  g_autofree char *path = default_path (key);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *moved_to = NULL;
  g_autofree char *kept = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  loaded = pf_checklist_store_load (store, key, &moved_to, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
  g_assert_nonnull (moved_to);
  g_assert_true (g_str_has_prefix (moved_to, path));
  g_assert_nonnull (strstr (moved_to, ".corrupt-"));

  /* Kept byte for byte where it went; the name is free again */
  kept = read_file (moved_to);
  g_assert_cmpstr (kept, ==, contents);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Saving afterwards starts afresh; the moved file stays */
  g_assert_true (pf_checklist_store_start (store, key, run, &error));
  g_assert_no_error (error);
  archive = pf_checklist_store_load_archive (store, key, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (archive->len, ==, 0);
  g_assert_true (g_file_test (moved_to, G_FILE_TEST_IS_REGULAR));
}

static void
test_corrupt (void)
{
  g_autoptr(PfChecklistRun) run = pf_test_run_from_json (template_json);
  g_autofree char *good = NULL;
  g_autofree char *bad_time = NULL;
  g_autofree char *bad_state = NULL;

  assert_moved_aside ("{ \"schema\": \"preflight-checklist-runs/1\", \"current\": ");
  assert_moved_aside ("");
  assert_moved_aside ("[ 1, 2, 3 ]");
  assert_moved_aside ("{ \"schema\": \"preflight-connections/1\", \"current\": null, \"archived\": [] }");
  assert_moved_aside ("{ \"schema\": \"preflight-checklist-runs/1\", \"current\": null, \"archived\": 7 }");

  /* Valid JSON, but a run that does not read */
  pf_checklist_run_tick (run, "users-told", "Anna Kowalska", NULL);
  good = run_to_string (run);
  bad_time = g_strdup_printf ("{ \"schema\": \"preflight-checklist-runs/1\", \"current\": %s, \"archived\": [] }", good);
  {
    g_autoptr(GRegex) regex = g_regex_new ("\"started_at\":\"[^\"]*\"", 0, 0, NULL);
    g_autofree char *replaced = g_regex_replace_literal (regex, bad_time, -1, 0, "\"started_at\":\"last Tuesday\"", 0, NULL);

    g_assert_cmpstr (replaced, !=, bad_time);
    assert_moved_aside (replaced);
  }
  bad_state = g_strdup_printf ("{ \"schema\": \"preflight-checklist-runs/1\", \"current\": %s, \"archived\": [] }", good);
  {
    g_autoptr(GRegex) regex = g_regex_new ("\"state\":\"done\"", 0, 0, NULL);
    g_autofree char *replaced = g_regex_replace_literal (regex, bad_state, -1, 0, "\"state\":\"finished\"", 0, NULL);

    g_assert_cmpstr (replaced, !=, bad_state);
    assert_moved_aside (replaced);
  }
}

/* A bad file met by a save (no load before) is moved aside too, never
 * overwritten */
static void
test_corrupt_on_save (void)
{
  g_autoptr(PfChecklistStore) store = pf_checklist_store_new (NULL);
  g_autoptr(PfChecklistRun) run = pf_test_run_from_json (template_json);
  g_autoptr(PfChecklistRun) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = default_path ("save-over-bad");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n_moved = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "not json at all", -1, NULL));

  g_assert_true (pf_checklist_store_save (store, "save-over-bad", run, &error));
  g_assert_no_error (error);
  loaded = pf_checklist_store_load (store, "save-over-bad", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "save-over-bad.json.corrupt-"))
      {
        g_autofree char *moved = g_build_filename (dir, name, NULL);
        g_autofree char *contents = read_file (moved);

        g_assert_cmpstr (contents, ==, "not json at all");
        n_moved++;
      }
  g_assert_cmpuint (n_moved, ==, 1);
}

/* A store folder that cannot be: a file where it should be. Nothing can
 * be read, moved or written, and the errors say which file */
static void
test_unusable (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (dir, "blocked.json", NULL);
  g_autoptr(PfChecklistStore) store = pf_checklist_store_new (dir);
  g_autoptr(PfChecklistRun) run = pf_test_run_from_json (template_json);
  g_autoptr(PfChecklistRun) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_to = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (dir, "a file, not a folder", -1, NULL));

  g_assert_false (pf_checklist_store_save (store, "blocked", run, &error));
  g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  loaded = pf_checklist_store_load (store, "blocked", &moved_to, &error);
  g_assert_null (loaded);
  g_assert_null (moved_to);
  g_assert_error (error, PF_CHECKLIST_ERROR, PF_CHECKLIST_ERROR_INVALID_STATE);
  g_assert_nonnull (strstr (error->message, path));

  /* Untouched */
  contents = read_file (dir);
  g_assert_cmpstr (contents, ==, "a file, not a folder");
}

/* The child saves with the crash hook: it dies between writing the
 * temporary file and renaming it over the real one */
static void
test_crash_during_save (void)
{
  g_autoptr(PfChecklistRun) run = NULL;
  g_autoptr(PfChecklistRun) loaded = NULL;
  g_autoptr(PfChecklistStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *store_dir;
  const char *name;
  guint n_temp = 0;

  if (g_test_subprocess ())
    {
      /* The same folder as the parent's, whatever the child's own
       * isolated dirs are */
      store_dir = g_getenv ("PF_TEST_CHECKLIST_DIR");
      g_assert_nonnull (store_dir);
      store = pf_checklist_store_new (store_dir);

      run = pf_checklist_store_load (store, "crash", NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (run);
      pf_checklist_run_tick (run, "window-booked", "Lost In The Crash", NULL);

      _pf_json_file_set_crash_before_rename (TRUE);
      pf_checklist_store_save (store, "crash", run, NULL);
      return;  /* the hook did not fire: the parent sees the child pass */
    }

  dir = g_build_filename (g_get_user_config_dir (), "crash-test", NULL);
  g_setenv ("PF_TEST_CHECKLIST_DIR", dir, TRUE);
  store = pf_checklist_store_new (dir);
  path = g_build_filename (dir, "crash.json", NULL);

  run = pf_test_run_from_json (template_json);
  pf_checklist_run_tick (run, "users-told", "Anna Kowalska", "Before the crash");
  g_assert_true (pf_checklist_store_save (store, "crash", run, &error));
  g_assert_no_error (error);
  before = read_file (path);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();

  /* The file still holds the previous complete state, byte for byte */
  after = read_file (path);
  g_assert_cmpstr (after, ==, before);
  loaded = pf_checklist_store_load (store, "crash", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (pf_checklist_entry_get_who (pf_checklist_run_lookup (loaded, "users-told")), ==, "Anna Kowalska");
  g_assert_cmpint (pf_checklist_entry_get_state (pf_checklist_run_lookup (loaded, "window-booked")), ==,
                   PF_CHECKLIST_STATE_OPEN);

  /* The child did get as far as the temporary file, which is complete:
   * the crash hit exactly between write and rename */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "crash.json."))
      {
        g_autofree char *tmp = g_build_filename (dir, name, NULL);
        g_autofree char *contents = read_file (tmp);

        g_assert_nonnull (strstr (contents, "Lost In The Crash"));
        n_temp++;
      }
  g_assert_cmpuint (n_temp, ==, 1);

  /* And the next save goes through */
  pf_checklist_run_tick (loaded, "window-booked", "Anna Kowalska", NULL);
  g_assert_true (pf_checklist_store_save (store, "crash", loaded, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = pf_checklist_store_load (store, "crash", NULL, &error);
  g_assert_cmpint (pf_checklist_entry_get_state (pf_checklist_run_lookup (loaded, "window-booked")), ==,
                   PF_CHECKLIST_STATE_DONE);
}

static gboolean
is_safe_file_name (const char *key)
{
  if (key == NULL || key[0] == '\0' || key[0] == '.' || strlen (key) > 100)
    return FALSE;

  for (const char *p = key; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

static PfConnectionProfile *
profile_for (const char *target)
{
  g_autoptr(GError) error = NULL;
  PfConnectionProfile *profile = pf_connection_profile_new_from_target (target, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  return profile;
}

static void
test_keys (void)
{
  g_autoptr(PfConnectionProfile) file = profile_for ("sqlite:///srv/rota/rota.sqlite3");
  g_autoptr(PfConnectionProfile) same_file = profile_for ("sqlite:///srv/rota/rota.sqlite3");
  g_autoptr(PfConnectionProfile) other_file = profile_for ("sqlite:///srv/rota/rota-copy.sqlite3");
  g_autoptr(PfConnectionProfile) pg = profile_for ("postgresql://anna@db.example.org:5432/rota");
  g_autoptr(PfConnectionProfile) pg_password = profile_for ("postgresql://anna:s3cret@db.example.org:5432/rota");
  g_autoptr(PfConnectionProfile) hostile = pf_connection_profile_new_with_id (PF_DATABASE_KIND_SQLITE, "../../.bashrc");
  g_autoptr(PfConnectionProfile) lookalike = pf_connection_profile_new_with_id (PF_DATABASE_KIND_SQLITE, "target-0123456789abcdef");
  g_autofree char *unsaved = pf_checklist_store_dup_key (file, FALSE);
  g_autofree char *unsaved_again = pf_checklist_store_dup_key (file, FALSE);
  g_autofree char *unsaved_same = pf_checklist_store_dup_key (same_file, FALSE);
  g_autofree char *unsaved_other = pf_checklist_store_dup_key (other_file, FALSE);
  g_autofree char *saved = pf_checklist_store_dup_key (file, TRUE);
  g_autofree char *pg_key = pf_checklist_store_dup_key (pg, FALSE);
  g_autofree char *pg_password_key = pf_checklist_store_dup_key (pg_password, FALSE);
  g_autofree char *hostile_key = pf_checklist_store_dup_key (hostile, TRUE);
  g_autofree char *lookalike_key = pf_checklist_store_dup_key (lookalike, TRUE);
  g_autofree char *url = pf_connection_profile_to_url (file);
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *expected = g_strdup_printf ("target-%.16s", sha256);

  /* Unsaved: from the URL, stable */
  g_assert_cmpstr (unsaved, ==, expected);
  g_assert_cmpstr (unsaved_again, ==, unsaved);
  g_assert_cmpstr (unsaved_same, ==, unsaved);
  g_assert_cmpstr (unsaved_other, !=, unsaved);

  /* Saved: the profile's id, which survives renaming it */
  g_assert_cmpstr (saved, ==, pf_connection_profile_get_id (file));
  g_assert_cmpstr (saved, !=, unsaved);
  pf_connection_profile_set_name (file, "Rota (renamed)");
  {
    g_autofree char *renamed = pf_checklist_store_dup_key (file, TRUE);

    g_assert_cmpstr (renamed, ==, saved);
  }

  /* No password in what the key is made from */
  g_assert_cmpstr (pg_password_key, ==, pg_key);
  g_assert_cmpstr (pg_key, !=, unsaved);

  /* Always a safe file name, and a hand-made id never takes an unsaved
   * target's key */
  g_assert_true (is_safe_file_name (unsaved));
  g_assert_true (is_safe_file_name (saved));
  g_assert_true (is_safe_file_name (pg_key));
  g_assert_true (is_safe_file_name (hostile_key));
  g_assert_true (g_str_has_prefix (hostile_key, "id-"));
  g_assert_true (is_safe_file_name (lookalike_key));
  g_assert_cmpstr (lookalike_key, !=, "target-0123456789abcdef");

  /* And the store works with each */
  {
    g_autoptr(PfChecklistStore) store = pf_checklist_store_new (NULL);
    g_autoptr(PfChecklistRun) run = pf_test_run_from_json (template_json);
    g_autoptr(GError) error = NULL;
    g_autofree char *hostile_path = default_path (hostile_key);

    g_assert_true (pf_checklist_store_save (store, hostile_key, run, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (hostile_path, G_FILE_TEST_IS_REGULAR));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/checklist-store/round-trip", test_round_trip);
  g_test_add_func ("/checklist-store/start-archives", test_start_archives);
  g_test_add_func ("/checklist-store/corrupt", test_corrupt);
  g_test_add_func ("/checklist-store/corrupt-on-save", test_corrupt_on_save);
  g_test_add_func ("/checklist-store/unusable", test_unusable);
  g_test_add_func ("/checklist-store/crash-during-save", test_crash_during_save);
  g_test_add_func ("/checklist-store/keys", test_keys);

  return g_test_run ();
}
