/* pf-checklist-facts.c — what a sign-off vouches for, and what changed since
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-checklist-facts"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-checklist-facts.h"
#include "pf-checks.h"
#include "pf-check-info.h"

/* ---- canonical JSON ---------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* A copy of @node whose objects have their members in byte order, at every
 * depth; arrays keep their order (collect() sorts them) */
static JsonNode *
canonical_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      JsonObject *copy = json_object_new ();
      JsonNode *result;

      for (const GList *l = members; l != NULL; l = l->next)
        g_ptr_array_add (names, l->data);
      g_ptr_array_sort (names, compare_strings);

      for (guint i = 0; i < names->len; i++)
        json_object_set_member (copy, g_ptr_array_index (names, i),
                                canonical_copy (json_object_get_member (object, g_ptr_array_index (names, i))));

      result = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (result, copy);
      return result;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_new ();
      JsonNode *result;

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, canonical_copy (json_array_get_element (array, i)));

      result = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (result, copy);
      return result;
    }

  return json_node_copy (node);
}

static char *
canonical_string (JsonNode *node)
{
  g_autoptr(JsonNode) canonical = canonical_copy (node);

  return json_to_string (canonical, FALSE);
}

char *
pf_checklist_facts_dup_fingerprint (JsonNode *facts)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (facts != NULL, NULL);

  text = canonical_string (facts);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* (canonical text, node) pairs, by text */
static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  const char * const *ka = *(const char * const * const *)a;
  const char * const *kb = *(const char * const * const *)b;

  return strcmp (ka[0], kb[0]);
}

/* @nodes (JsonNode) sorted by their canonical text, as an array node */
static JsonNode *
sorted_array_node (GPtrArray *nodes)
{
  g_autoptr(GPtrArray) keyed = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = json_array_new ();
  JsonNode *result;

  /* (text, node) pairs, so each node is serialised once */
  for (guint i = 0; i < nodes->len; i++)
    {
      gpointer *pair = g_new (gpointer, 2);

      pair[0] = canonical_string (g_ptr_array_index (nodes, i));
      pair[1] = g_ptr_array_index (nodes, i);
      g_ptr_array_add (keyed, pair);
    }
  g_ptr_array_sort (keyed, compare_keyed);

  for (guint i = 0; i < keyed->len; i++)
    {
      gpointer *pair = g_ptr_array_index (keyed, i);

      json_array_add_element (array, canonical_copy (pair[1]));
      g_free (pair[0]);
    }

  result = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (result, array);
  return result;
}

static JsonNode *
sorted_string_array_node (GPtrArray *strings)
{
  JsonArray *array = json_array_new ();
  JsonNode *result;

  g_ptr_array_sort (strings, compare_strings);
  for (guint i = 0; i < strings->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (strings, i));

  result = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (result, array);
  return result;
}

static void
set_string_or_null (JsonObject *object,
                    const char *member,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/* ---- collecting -------------------------------------------------------- */

static char *
dup_qualified (const char *schema,
               const char *table)
{
  if (table == NULL)
    return NULL;
  if (schema == NULL || g_str_equal (schema, "public"))
    return g_strdup (table);

  return g_strconcat (schema, ".", table, NULL);
}

static char *
dup_joined (const char * const *strings)
{
  if (strings == NULL || strings[0] == NULL)
    return NULL;

  return g_strjoinv (", ", (char **) strings);
}

static JsonNode *
collect_findings (PfReport *integrity)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  GListModel *findings = pf_report_get_findings (integrity);
  guint n = g_list_model_get_n_items (findings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *table = dup_qualified (pf_finding_get_table_schema (finding),
                                              pf_finding_get_table (finding));
      g_autofree char *columns = dup_joined (pf_finding_get_columns (finding));
      g_autofree char *parent = dup_qualified (pf_finding_get_parent_schema (finding),
                                               pf_finding_get_parent_table (finding));
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "check", pf_finding_get_check_id (finding));
      set_string_or_null (object, "columns", columns);
      json_object_set_int_member (object, "count", pf_finding_get_count (finding));
      /* A check that could not run says nothing about the data */
      if (pf_finding_get_failed (finding))
        json_object_set_boolean_member (object, "failed", TRUE);
      set_string_or_null (object, "parent", parent);
      set_string_or_null (object, "table", table);

      g_ptr_array_add (nodes, object_node (object));
    }

  return sorted_array_node (nodes);
}

static char *
dup_migration_name (const char *app,
                    const char *name)
{
  return app != NULL ? g_strconcat (app, ".", name, NULL) : g_strdup (name);
}

static JsonNode *
collect_migrations (PfMigrationAnalysis *analysis)
{
  g_autoptr(GPtrArray) applied = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  GPtrArray *histories = pf_migration_analysis_get_histories (analysis);
  PfMigrationGraph *graph = pf_migration_analysis_get_graph (analysis);
  GPtrArray *all_problems = pf_migration_analysis_get_problems (analysis);
  PfMigrationSource *source = pf_migration_analysis_get_source (analysis);
  g_autoptr(GPtrArray) project = NULL;
  JsonObject *object = json_object_new ();

  for (guint h = 0; histories != NULL && h < histories->len; h++)
    {
      GPtrArray *records = pf_migration_history_get_records (g_ptr_array_index (histories, h));

      for (guint r = 0; records != NULL && r < records->len; r++)
        {
          PfMigrationRecord *record = g_ptr_array_index (records, r);

          if (record->state == PF_MIGRATION_STATE_APPLIED && record->name != NULL)
            g_ptr_array_add (applied, dup_migration_name (record->app, record->name));
        }
    }

  if (graph != NULL)
    {
      GPtrArray *plan = pf_migration_graph_get_pending (graph);

      for (guint i = 0; plan != NULL && i < plan->len; i++)
        g_ptr_array_add (pending, pf_migration_key_to_string (pf_migration_get_key (g_ptr_array_index (plan, i))));
    }

  /* What the project folder has, so a migration that starts to run can be
   * told apart from one that was added */
  if (source != NULL)
    {
      GPtrArray *all = pf_migration_source_get_migrations (source);

      project = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; all != NULL && i < all->len; i++)
        g_ptr_array_add (project, pf_migration_key_to_string (pf_migration_get_key (g_ptr_array_index (all, i))));
    }

  for (guint i = 0; all_problems != NULL && i < all_problems->len; i++)
    {
      PfMigrationProblem *problem = g_ptr_array_index (all_problems, i);
      const char * const *names = pf_migration_problem_get_migrations (problem);
      g_autoptr(GPtrArray) migrations = g_ptr_array_new ();
      JsonObject *entry = json_object_new ();

      for (guint m = 0; names != NULL && names[m] != NULL; m++)
        g_ptr_array_add (migrations, (gpointer) names[m]);

      set_string_or_null (entry, "app", pf_migration_problem_get_app (problem));
      /* Drift names the table and column: two missing columns of one
       * migration are two facts */
      if (pf_migration_problem_get_column (problem) != NULL)
        json_object_set_string_member (entry, "column", pf_migration_problem_get_column (problem));
      json_object_set_string_member (entry, "kind", pf_migration_problem_get_kind (problem));
      json_object_set_member (entry, "migrations", sorted_string_array_node (migrations));
      if (pf_migration_problem_get_table (problem) != NULL)
        json_object_set_string_member (entry, "table", pf_migration_problem_get_table (problem));

      g_ptr_array_add (problems, object_node (entry));
    }

  json_object_set_member (object, "applied", sorted_string_array_node (applied));
  json_object_set_member (object, "pending", sorted_string_array_node (pending));
  json_object_set_member (object, "problems", sorted_array_node (problems));
  if (project != NULL)
    json_object_set_member (object, "project", sorted_string_array_node (project));

  return object_node (object);
}

static JsonNode *
collect_checklist (PfChecklistRun *run)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) backups = g_ptr_array_new ();
  GListModel *entries = pf_checklist_run_get_entries (run);
  GPtrArray *records = pf_checklist_run_get_backups (run);
  guint n = g_list_model_get_n_items (entries);
  JsonObject *object = json_object_new ();
  JsonObject *items = json_object_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfChecklistEntry) entry = g_list_model_get_item (entries, i);

      g_ptr_array_add (ids, (gpointer) pf_checklist_item_get_id (pf_checklist_entry_get_item (entry)));
    }
  g_ptr_array_sort (ids, compare_strings);

  for (guint i = 0; i < ids->len; i++)
    {
      PfChecklistEntry *entry = pf_checklist_run_lookup (run, g_ptr_array_index (ids, i));
      PfChecklistState state = pf_checklist_entry_get_state (entry);
      JsonObject *fact = json_object_new ();

      /* A check running now has no outcome yet */
      if (state == PF_CHECKLIST_STATE_RUNNING)
        state = PF_CHECKLIST_STATE_OPEN;

      set_string_or_null (fact, "note", pf_checklist_entry_get_note (entry));
      json_object_set_string_member (fact, "state", pf_checklist_state_to_string (state));
      /* The run's own copy of the template: the title cannot change under it */
      json_object_set_string_member (fact, "title", pf_checklist_item_get_title (pf_checklist_entry_get_item (entry)));
      set_string_or_null (fact, "who", pf_checklist_entry_get_who (entry));

      json_object_set_member (items, g_ptr_array_index (ids, i), object_node (fact));
    }

  for (guint i = 0; i < records->len; i++)
    {
      PfBackupRecord *record = g_ptr_array_index (records, i);

      if (pf_backup_record_get_verified (record) && pf_backup_record_get_sha256 (record) != NULL)
        g_ptr_array_add (backups, (gpointer) pf_backup_record_get_sha256 (record));
    }

  json_object_set_member (object, "backups", sorted_string_array_node (backups));
  json_object_set_member (object, "items", object_node (items));
  json_object_set_string_member (object, "template",
                                 pf_checklist_template_get_id (pf_checklist_run_get_template (run)));

  return object_node (object);
}

JsonNode *
pf_checklist_facts_collect (PfReport            *integrity,
                            PfMigrationAnalysis *analysis,
                            PfChecklistRun      *run)
{
  JsonObject *facts = json_object_new ();

  g_return_val_if_fail (integrity == NULL || PF_IS_REPORT (integrity), NULL);
  g_return_val_if_fail (analysis == NULL || PF_IS_MIGRATION_ANALYSIS (analysis), NULL);
  g_return_val_if_fail (run == NULL || PF_IS_CHECKLIST_RUN (run), NULL);

  /* Members in byte order */
  if (run != NULL)
    json_object_set_member (facts, "checklist", collect_checklist (run));
  if (integrity != NULL)
    json_object_set_member (facts, "findings", collect_findings (integrity));
  if (analysis != NULL)
    json_object_set_member (facts, "migrations", collect_migrations (analysis));

  return object_node (facts);
}

/* ---- reading facts back ------------------------------------------------ */

static JsonNode *
get_member (JsonNode   *node,
            const char *member)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_object_get_member (json_node_get_object (node), member);
}

static const char *
get_string (JsonNode   *node,
            const char *member)
{
  JsonNode *value = get_member (node, member);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (value);
}

static gint64
get_int (JsonNode   *node,
         const char *member,
         gint64      default_value)
{
  JsonNode *value = get_member (node, member);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
    return default_value;

  return json_node_get_int (value);
}

static JsonArray *
get_array (JsonNode   *node,
           const char *member)
{
  JsonNode *value = get_member (node, member);

  return value != NULL && JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;
}

/* The strings of @array as a set (string → itself) */
static GHashTable *
string_set (JsonArray *array)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_hash_table_add (set, (gpointer) json_node_get_string (element));
    }

  return set;
}

/* The strings of @array, sorted, without repeats */
static GPtrArray *
sorted_strings (JsonArray *array)
{
  g_autoptr(GHashTable) set = string_set (array);
  GPtrArray *strings = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (strings, key);
  g_ptr_array_sort (strings, compare_strings);

  return strings;
}

/* ---- words ------------------------------------------------------------- */

/* Sentences by how much they matter: what got worse first, what got
 * better last */
typedef enum {
  RANK_NEW_PROBLEM,
  RANK_REGRESSION,
  RANK_PLAN_CHANGE,
  RANK_APPLIED,
  RANK_IMPROVEMENT,
  RANK_PROGRESS,
  N_RANKS
} Rank;

typedef struct
{
  GPtrArray *ranks[N_RANKS];
} Sentences;

static void
add_sentence (Sentences  *sentences,
              Rank        rank,
              char       *sentence)
{
  g_ptr_array_add (sentences->ranks[rank], sentence);
}

static char *
format_count (gint64 count)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

/* "scheduling_shift (unit_id)", or "scheduling_shift", or NULL */
static char *
dup_finding_where (JsonNode *finding)
{
  const char *table = get_string (finding, "table");
  const char *columns = get_string (finding, "columns");

  if (table == NULL)
    return NULL;
  if (columns == NULL)
    return g_strdup (table);

  return g_strdup_printf ("%s (%s)", table, columns);
}

/* Checks whose count is rows (or values) of a table: their words */
static gboolean
counts_rows (const char *check)
{
  return g_strcmp0 (check, PF_CHECK_FK_ORPHANS) == 0 ||
         g_strcmp0 (check, PF_CHECK_IMPLIED_FK_ORPHANS) == 0 ||
         g_strcmp0 (check, PF_CHECK_DUPLICATE_VALUES) == 0 ||
         g_strcmp0 (check, PF_CHECK_FORMAT_RULE) == 0 ||
         g_strcmp0 (check, PF_CHECK_NOT_NULL_RULE) == 0 ||
         g_strcmp0 (check, PF_CHECK_TYPE_MISMATCH) == 0;
}

/* "2 new orphaned rows in scheduling_shift" */
static char *
dup_more (const char *check,
          gint64      n,
          const char *where)
{
  g_autofree char *count = format_count (n);
  gulong plural = (gulong) (n > 1000000 ? n % 1000000 + 1000000 : n);

  if (g_strcmp0 (check, PF_CHECK_FK_ORPHANS) == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new orphaned row in %s",
                                         "%s new orphaned rows in %s", plural), count, where);
  if (g_strcmp0 (check, PF_CHECK_IMPLIED_FK_ORPHANS) == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new row with a broken implied link in %s",
                                         "%s new rows with broken implied links in %s", plural), count, where);
  if (g_strcmp0 (check, PF_CHECK_DUPLICATE_VALUES) == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new row with duplicate values in %s",
                                         "%s new rows with duplicate values in %s", plural), count, where);
  if (g_strcmp0 (check, PF_CHECK_FORMAT_RULE) == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new value breaking a format rule in %s",
                                         "%s new values breaking a format rule in %s", plural), count, where);
  if (g_strcmp0 (check, PF_CHECK_NOT_NULL_RULE) == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new missing required value in %s",
                                         "%s new missing required values in %s", plural), count, where);
  /* PF_CHECK_TYPE_MISMATCH */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new value of the wrong type in %s",
                                       "%s new values of the wrong type in %s", plural), count, where);
}

/* "2 fewer orphaned rows in scheduling_shift" */
static char *
dup_fewer (const char *check,
           gint64      n,
           const char *where)
{
  g_autofree char *count = format_count (n);
  gulong plural = (gulong) (n > 1000000 ? n % 1000000 + 1000000 : n);

  if (g_strcmp0 (check, PF_CHECK_FK_ORPHANS) == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s fewer orphaned row in %s",
                                         "%s fewer orphaned rows in %s", plural), count, where);
  if (g_strcmp0 (check, PF_CHECK_IMPLIED_FK_ORPHANS) == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s fewer row with a broken implied link in %s",
                                         "%s fewer rows with broken implied links in %s", plural), count, where);
  if (g_strcmp0 (check, PF_CHECK_DUPLICATE_VALUES) == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s fewer row with duplicate values in %s",
                                         "%s fewer rows with duplicate values in %s", plural), count, where);
  if (g_strcmp0 (check, PF_CHECK_FORMAT_RULE) == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s fewer value breaking a format rule in %s",
                                         "%s fewer values breaking a format rule in %s", plural), count, where);
  if (g_strcmp0 (check, PF_CHECK_NOT_NULL_RULE) == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s fewer missing required value in %s",
                                         "%s fewer missing required values in %s", plural), count, where);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s fewer value of the wrong type in %s",
                                       "%s fewer values of the wrong type in %s", plural), count, where);
}

/* "The orphaned rows in scheduling_unit are gone" */
static char *
dup_gone (const char *check,
          const char *where)
{
  if (g_strcmp0 (check, PF_CHECK_FK_ORPHANS) == 0)
    return g_strdup_printf (_("The orphaned rows in %s are gone"), where);
  if (g_strcmp0 (check, PF_CHECK_IMPLIED_FK_ORPHANS) == 0)
    return g_strdup_printf (_("The rows with broken implied links in %s are gone"), where);
  if (g_strcmp0 (check, PF_CHECK_DUPLICATE_VALUES) == 0)
    return g_strdup_printf (_("The duplicate values in %s are gone"), where);
  if (g_strcmp0 (check, PF_CHECK_FORMAT_RULE) == 0)
    return g_strdup_printf (_("The values breaking a format rule in %s are gone"), where);
  if (g_strcmp0 (check, PF_CHECK_NOT_NULL_RULE) == 0)
    return g_strdup_printf (_("The missing required values in %s are gone"), where);
  return g_strdup_printf (_("The values of the wrong type in %s are gone"), where);
}

/* A finding key: what identifies it across scans */
static char *
dup_finding_key (JsonNode *finding)
{
  JsonNode *failed = get_member (finding, "failed");

  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s\x1f%d",
                          get_string (finding, "check") ?: "",
                          get_string (finding, "table") ?: "",
                          get_string (finding, "columns") ?: "",
                          get_string (finding, "parent") ?: "",
                          failed != NULL && JSON_NODE_HOLDS_VALUE (failed) &&
                          json_node_get_value_type (failed) == G_TYPE_BOOLEAN &&
                          json_node_get_boolean (failed));
}

typedef struct
{
  JsonNode *finding;  /* the first with this key; borrowed */
  gint64    count;    /* the sum; -1 when not a count */
} FindingTotal;

/* key → FindingTotal, and the keys in order */
static GHashTable *
finding_totals (JsonArray  *array,
                GPtrArray  *keys)
{
  GHashTable *totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *finding = json_array_get_element (array, i);
      g_autofree char *key = dup_finding_key (finding);
      gint64 count = get_int (finding, "count", -1);
      FindingTotal *total = g_hash_table_lookup (totals, key);

      if (total == NULL)
        {
          total = g_new0 (FindingTotal, 1);
          total->finding = finding;
          total->count = count;
          g_ptr_array_add (keys, g_strdup (key));
          g_hash_table_insert (totals, g_steal_pointer (&key), total);
        }
      else if (total->count >= 0 && count >= 0)
        total->count += count;
    }

  return totals;
}

static void
compare_findings (Sentences *sentences,
                  JsonArray *before,
                  JsonArray *after)
{
  g_autoptr(GPtrArray) before_keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) after_keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) old_totals = finding_totals (before, before_keys);
  g_autoptr(GHashTable) new_totals = finding_totals (after, after_keys);
  g_autoptr(GHashTable) failed_checks = g_hash_table_new (g_str_hash, g_str_equal);

  /* A check that could not run this time says nothing of what it found
   * before: not gone, only not looked at */
  for (guint i = 0; after != NULL && i < json_array_get_length (after); i++)
    {
      JsonNode *finding = json_array_get_element (after, i);

      if (get_member (finding, "failed") != NULL && get_string (finding, "check") != NULL)
        g_hash_table_add (failed_checks, (gpointer) get_string (finding, "check"));
    }

  /* New and grown, in the current order */
  for (guint i = 0; i < after_keys->len; i++)
    {
      const char *key = g_ptr_array_index (after_keys, i);
      FindingTotal *now = g_hash_table_lookup (new_totals, key);
      FindingTotal *then = g_hash_table_lookup (old_totals, key);
      const char *check = get_string (now->finding, "check");
      const char *label = pf_check_info_get_label (check);
      g_autofree char *where = dup_finding_where (now->finding);
      gboolean failed = get_member (now->finding, "failed") != NULL;

      if (failed)
        {
          if (then == NULL)
            add_sentence (sentences, RANK_NEW_PROBLEM,
                          where != NULL
                            ? g_strdup_printf (_("“%s” could not be checked in %s this time"), label, where)
                            : g_strdup_printf (_("“%s” could not be checked this time"), label));
          continue;
        }

      if (counts_rows (check) && where != NULL && now->count > 0)
        {
          gint64 old_count = then != NULL ? MAX (then->count, 0) : 0;

          if (now->count > old_count)
            add_sentence (sentences, RANK_NEW_PROBLEM, dup_more (check, now->count - old_count, where));
          else if (now->count < old_count)
            add_sentence (sentences, RANK_IMPROVEMENT, dup_fewer (check, old_count - now->count, where));
          continue;
        }

      if (then == NULL)
        add_sentence (sentences, RANK_NEW_PROBLEM,
                      where != NULL
                        ? g_strdup_printf (_("A new finding in %s: %s"), where, label)
                        : g_strdup_printf (_("A new finding: %s"), label));
      else if (now->count != then->count && now->count >= 0 && then->count >= 0)
        {
          g_autofree char *now_text = format_count (now->count);
          g_autofree char *then_text = format_count (then->count);

          add_sentence (sentences, now->count > then->count ? RANK_NEW_PROBLEM : RANK_IMPROVEMENT,
                        where != NULL
                          /* Translators: "Sequences behind their tables in scheduling_shift: 3 now, 1 at sign-off" */
                          ? g_strdup_printf (_("%s in %s: %s now, %s at sign-off"), label, where, now_text, then_text)
                          : g_strdup_printf (_("%s: %s now, %s at sign-off"), label, now_text, then_text));
        }
    }

  /* Gone */
  for (guint i = 0; i < before_keys->len; i++)
    {
      const char *key = g_ptr_array_index (before_keys, i);
      FindingTotal *then = g_hash_table_lookup (old_totals, key);
      const char *check = get_string (then->finding, "check");
      const char *label = pf_check_info_get_label (check);
      g_autofree char *where = dup_finding_where (then->finding);

      if (g_hash_table_contains (new_totals, key) || get_member (then->finding, "failed") != NULL ||
          (check != NULL && g_hash_table_contains (failed_checks, check)))
        continue;

      if (counts_rows (check) && where != NULL)
        add_sentence (sentences, RANK_IMPROVEMENT, dup_gone (check, where));
      else
        add_sentence (sentences, RANK_IMPROVEMENT,
                      where != NULL
                        ? g_strdup_printf (_("Solved in %s: %s"), where, label)
                        : g_strdup_printf (_("Solved: %s"), label));
    }
}

static const char *
problem_words (const char *kind)
{
  static const struct { const char *kind; const char *words; } table[] = {
    { PF_MIGRATION_PROBLEM_CONFLICT, N_("conflicting migrations") },
    { PF_MIGRATION_PROBLEM_DUPLICATE_NUMBER, N_("two migrations with the same number") },
    { PF_MIGRATION_PROBLEM_MISSING_INIT, N_("a migrations folder without __init__.py") },
    { PF_MIGRATION_PROBLEM_ORPHANED_RECORD, N_("a migration recorded as applied that the project does not have") },
    { PF_MIGRATION_PROBLEM_INCONSISTENT_HISTORY, N_("a migration applied before one it depends on") },
    { PF_MIGRATION_PROBLEM_MISSING_TABLE, N_("a table the migrations made is missing") },
    { PF_MIGRATION_PROBLEM_MISSING_COLUMN, N_("a column the migrations added is missing") },
    { PF_MIGRATION_PROBLEM_UNEXPECTED_TABLE, N_("a table no migration made") },
    { PF_MIGRATION_PROBLEM_UNEXPECTED_COLUMN, N_("a column no migration added") },
    { PF_MIGRATION_PROBLEM_MISSING_INDEX, N_("an index the migrations made is missing") },
    { PF_MIGRATION_PROBLEM_UNPARSABLE_FILE, N_("a migration file that cannot be read") },
    { PF_MIGRATION_PROBLEM_WILL_FAIL, N_("a migration that will fail") },
    { PF_MIGRATION_PROBLEM_RISKY_OPERATION, N_("a risky migration") },
    { PF_MIGRATION_PROBLEM_PROBABLY_FAKED, N_("migrations that were probably faked") },
    { PF_MIGRATION_PROBLEM_FAILED_MIGRATION, N_("a failed migration") },
    { PF_MIGRATION_PROBLEM_DIRTY_MIGRATION, N_("a migration left half done") },
    { PF_MIGRATION_PROBLEM_UNFINISHED_MIGRATION, N_("an unfinished migration") },
    { PF_MIGRATION_PROBLEM_LOCK_HELD, N_("a migration lock still held") },
    { PF_MIGRATION_PROBLEM_MULTIPLE_HEADS, N_("more than one latest migration") },
    { PF_MIGRATION_PROBLEM_ROLLED_BACK_MIGRATION, N_("a rolled-back migration") },
    { PF_MIGRATION_PROBLEM_ENVIRONMENT, N_("the database’s recorded environment") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_strcmp0 (table[i].kind, kind) == 0)
      return g_dgettext (GETTEXT_PACKAGE, table[i].words);

  return kind;
}

/* "conflicting migrations in scheduling (0007_a, 0007_b)" */
static char *
dup_problem_phrase (JsonNode *problem)
{
  const char *words = problem_words (get_string (problem, "kind"));
  const char *app = get_string (problem, "app");
  const char *table = get_string (problem, "table");
  const char *column = get_string (problem, "column");
  JsonArray *migrations = get_array (problem, "migrations");
  g_autoptr(GString) detail = g_string_new (NULL);

  for (guint i = 0; migrations != NULL && i < json_array_get_length (migrations); i++)
    {
      JsonNode *name = json_array_get_element (migrations, i);

      if (JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING)
        g_string_append_printf (detail, "%s%s", detail->len > 0 ? ", " : "", json_node_get_string (name));
    }
  if (table != NULL)
    g_string_append_printf (detail, "%s%s%s%s", detail->len > 0 ? "; " : "",
                            table, column != NULL ? "." : "", column != NULL ? column : "");

  if (app != NULL && detail->len > 0)
    /* Translators: "conflicting migrations in scheduling (0007_a, 0007_b)" */
    return g_strdup_printf (_("%s in %s (%s)"), words, app, detail->str);
  if (app != NULL)
    return g_strdup_printf (_("%s in %s"), words, app);
  if (detail->len > 0)
    return g_strdup_printf ("%s (%s)", words, detail->str);

  return g_strdup (words);
}

/* Problems as canonical texts → node */
static GHashTable *
problem_set (JsonArray *array)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_hash_table_insert (set, canonical_string (json_array_get_element (array, i)),
                         json_array_get_element (array, i));

  return set;
}

static void
compare_problems (Sentences *sentences,
                  JsonArray *before,
                  JsonArray *after)
{
  g_autoptr(GHashTable) old_set = problem_set (before);
  g_autoptr(GHashTable) new_set = problem_set (after);
  g_autoptr(GHashTable) said = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; after != NULL && i < json_array_get_length (after); i++)
    {
      JsonNode *problem = json_array_get_element (after, i);
      g_autofree char *key = canonical_string (problem);
      g_autofree char *phrase = NULL;

      if (g_hash_table_contains (old_set, key) || g_hash_table_contains (said, key))
        continue;

      phrase = dup_problem_phrase (problem);
      add_sentence (sentences, RANK_NEW_PROBLEM, g_strdup_printf (_("A new problem: %s"), phrase));
      g_hash_table_add (said, g_steal_pointer (&key));
    }

  for (guint i = 0; before != NULL && i < json_array_get_length (before); i++)
    {
      JsonNode *problem = json_array_get_element (before, i);
      g_autofree char *key = canonical_string (problem);
      g_autofree char *phrase = NULL;

      if (g_hash_table_contains (new_set, key) || g_hash_table_contains (said, key))
        continue;

      phrase = dup_problem_phrase (problem);
      add_sentence (sentences, RANK_IMPROVEMENT, g_strdup_printf (_("Solved: %s"), phrase));
      g_hash_table_add (said, g_steal_pointer (&key));
    }
}

static void
compare_migrations (Sentences *sentences,
                    JsonNode  *before,
                    JsonNode  *after)
{
  g_autoptr(GHashTable) old_applied = string_set (get_array (before, "applied"));
  g_autoptr(GHashTable) old_pending = string_set (get_array (before, "pending"));
  g_autoptr(GHashTable) new_applied = string_set (get_array (after, "applied"));
  g_autoptr(GHashTable) new_pending = string_set (get_array (after, "pending"));
  g_autoptr(GPtrArray) applied = sorted_strings (get_array (after, "applied"));
  g_autoptr(GPtrArray) pending = sorted_strings (get_array (after, "pending"));
  g_autoptr(GPtrArray) was_applied = sorted_strings (get_array (before, "applied"));
  g_autoptr(GPtrArray) was_pending = sorted_strings (get_array (before, "pending"));
  g_autoptr(GHashTable) old_project = get_array (before, "project") ? string_set (get_array (before, "project")) : NULL;
  g_autoptr(GHashTable) new_project = get_array (after, "project") ? string_set (get_array (after, "project")) : NULL;

  compare_problems (sentences, get_array (before, "problems"), get_array (after, "problems"));

  for (guint i = 0; i < pending->len; i++)
    {
      const char *name = g_ptr_array_index (pending, i);

      if (g_hash_table_contains (old_pending, name) || g_hash_table_contains (old_applied, name))
        continue;

      /* In the project already, but not planned then (a leaf that was
       * recorded as applied without its ancestors) */
      if (old_project != NULL && g_hash_table_contains (old_project, name))
        add_sentence (sentences, RANK_PLAN_CHANGE, g_strdup_printf (_("Migration %s will now run"), name));
      else
        add_sentence (sentences, RANK_PLAN_CHANGE, g_strdup_printf (_("Migration %s was added"), name));
    }

  for (guint i = 0; i < was_applied->len; i++)
    {
      const char *name = g_ptr_array_index (was_applied, i);

      if (!g_hash_table_contains (new_applied, name))
        add_sentence (sentences, RANK_REGRESSION,
                      g_strdup_printf (_("Migration %s is no longer recorded as applied"), name));
    }

  for (guint i = 0; i < was_pending->len; i++)
    {
      const char *name = g_ptr_array_index (was_pending, i);

      if (g_hash_table_contains (new_pending, name) || g_hash_table_contains (new_applied, name))
        continue;

      if (new_project != NULL && g_hash_table_contains (new_project, name))
        add_sentence (sentences, RANK_PLAN_CHANGE,
                      g_strdup_printf (_("Migration %s will no longer run"), name));
      else
        add_sentence (sentences, RANK_PLAN_CHANGE,
                      g_strdup_printf (_("Migration %s is no longer in the project"), name));
    }

  for (guint i = 0; i < applied->len; i++)
    {
      const char *name = g_ptr_array_index (applied, i);

      if (!g_hash_table_contains (old_applied, name))
        add_sentence (sentences, RANK_APPLIED, g_strdup_printf (_("Migration %s was applied"), name));
    }
}

static gboolean
state_is_done (const char *state)
{
  return g_strcmp0 (state, "done") == 0 || g_strcmp0 (state, "n/a") == 0;
}

static void
compare_items (Sentences *sentences,
               JsonNode  *before,
               JsonNode  *after)
{
  JsonNode *old_items = get_member (before, "items");
  JsonNode *new_items = get_member (after, "items");
  g_autoptr(GList) old_ids = NULL;
  g_autoptr(GList) new_ids = NULL;

  if (old_items == NULL || new_items == NULL ||
      !JSON_NODE_HOLDS_OBJECT (old_items) || !JSON_NODE_HOLDS_OBJECT (new_items))
    return;

  new_ids = json_object_get_members (json_node_get_object (new_items));
  new_ids = g_list_sort (new_ids, (GCompareFunc) strcmp);
  for (const GList *l = new_ids; l != NULL; l = l->next)
    {
      JsonNode *now = get_member (new_items, l->data);
      JsonNode *then = get_member (old_items, l->data);
      const char *title = get_string (now, "title") ?: l->data;
      const char *state = get_string (now, "state");
      const char *old_state = get_string (then, "state");
      const char *who = get_string (now, "who");

      if (then == NULL)
        {
          add_sentence (sentences, RANK_PLAN_CHANGE,
                        g_strdup_printf (_("“%s” was added to the checklist"), title));
          continue;
        }

      if (g_strcmp0 (state, old_state) != 0)
        {
          if (g_strcmp0 (state, "failed") == 0)
            add_sentence (sentences, RANK_REGRESSION, g_strdup_printf (_("“%s” failed"), title));
          else if (state_is_done (old_state) && !state_is_done (state))
            add_sentence (sentences, RANK_REGRESSION, g_strdup_printf (_("“%s” is no longer done"), title));
          else if (g_strcmp0 (state, "done") == 0 && who != NULL)
            add_sentence (sentences, RANK_PROGRESS,
                          g_strdup_printf (_("“%s” was ticked by %s"), title, who));
          else if (g_strcmp0 (state, "done") == 0)
            add_sentence (sentences, RANK_PROGRESS, g_strdup_printf (_("“%s” passed"), title));
          else if (g_strcmp0 (state, "n/a") == 0)
            add_sentence (sentences, RANK_PROGRESS, g_strdup_printf (_("“%s” does not apply now"), title));
          else if (g_strcmp0 (state, "skipped") == 0)
            add_sentence (sentences, RANK_PROGRESS, g_strdup_printf (_("“%s” was skipped"), title));
          else
            add_sentence (sentences, RANK_REGRESSION, g_strdup_printf (_("“%s” is open again"), title));
          continue;
        }

      if (g_strcmp0 (who, get_string (then, "who")) != 0 && who != NULL)
        add_sentence (sentences, RANK_PROGRESS,
                      g_strdup_printf (_("“%s” was ticked again, by %s"), title, who));
      else if (g_strcmp0 (who, get_string (then, "who")) != 0)
        add_sentence (sentences, RANK_PROGRESS,
                      g_strdup_printf (_("“%s” is no longer ticked by a person"), title));

      if (g_strcmp0 (get_string (now, "note"), get_string (then, "note")) != 0)
        add_sentence (sentences, RANK_PROGRESS, g_strdup_printf (_("The note on “%s” changed"), title));
    }

  old_ids = json_object_get_members (json_node_get_object (old_items));
  old_ids = g_list_sort (old_ids, (GCompareFunc) strcmp);
  for (const GList *l = old_ids; l != NULL; l = l->next)
    if (get_member (new_items, l->data) == NULL)
      {
        const char *title = get_string (get_member (old_items, l->data), "title") ?: l->data;

        add_sentence (sentences, RANK_PLAN_CHANGE,
                      g_strdup_printf (_("“%s” is no longer on the checklist"), title));
      }
}

static void
compare_checklist (Sentences *sentences,
                   JsonNode  *before,
                   JsonNode  *after)
{
  g_autoptr(GHashTable) old_backups = string_set (get_array (before, "backups"));
  g_autoptr(GHashTable) new_backups = string_set (get_array (after, "backups"));
  const char *old_template = get_string (before, "template");
  const char *new_template = get_string (after, "template");
  GHashTableIter iter;
  gpointer key;
  guint n_new = 0;
  guint n_gone = 0;

  if (g_strcmp0 (old_template, new_template) != 0)
    add_sentence (sentences, RANK_PLAN_CHANGE,
                  g_strdup_printf (_("The checklist is now “%s”; “%s” was signed"),
                                   new_template ?: "", old_template ?: ""));

  compare_items (sentences, before, after);

  g_hash_table_iter_init (&iter, new_backups);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    n_new += !g_hash_table_contains (old_backups, key);
  g_hash_table_iter_init (&iter, old_backups);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    n_gone += !g_hash_table_contains (new_backups, key);

  if (n_new == 1)
    add_sentence (sentences, RANK_PROGRESS, g_strdup (_("A new backup was made")));
  else if (n_new > 1)
    add_sentence (sentences, RANK_PROGRESS,
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u new backup was made",
                                                "%'u new backups were made", n_new), n_new));
  if (n_gone > 0)
    add_sentence (sentences, RANK_REGRESSION,
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%'u verified backup from the sign-off is no longer listed",
                                                "%'u verified backups from the sign-off are no longer listed",
                                                n_gone), n_gone));
}

GPtrArray *
pf_checklist_facts_compare (JsonNode *signed_facts,
                            JsonNode *current)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);
  Sentences sentences;
  struct {
    const char *member;
    const char *not_checked;
    const char *not_signed;
  } sections[] = {
    { "findings",
      N_("The integrity scan was not run again, so its findings were not compared"),
      N_("The integrity scan was not part of the sign-off") },
    { "migrations",
      N_("The migrations were not checked again, so they were not compared"),
      N_("The migrations were not part of the sign-off") },
    { "checklist",
      N_("The checklist was not part of this check, so it was not compared"),
      N_("The checklist was not part of the sign-off") },
  };

  g_return_val_if_fail (signed_facts != NULL, result);
  g_return_val_if_fail (current != NULL, result);

  for (guint r = 0; r < N_RANKS; r++)
    sentences.ranks[r] = g_ptr_array_new_with_free_func (g_free);

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      JsonNode *before = get_member (signed_facts, sections[s].member);
      JsonNode *after = get_member (current, sections[s].member);

      if (before == NULL && after == NULL)
        continue;

      if (before == NULL || after == NULL)
        {
          add_sentence (&sentences, RANK_REGRESSION,
                        g_strdup (g_dgettext (GETTEXT_PACKAGE,
                                              after == NULL ? sections[s].not_checked
                                                            : sections[s].not_signed)));
          continue;
        }

      if (s == 0)
        compare_findings (&sentences,
                          JSON_NODE_HOLDS_ARRAY (before) ? json_node_get_array (before) : NULL,
                          JSON_NODE_HOLDS_ARRAY (after) ? json_node_get_array (after) : NULL);
      else if (s == 1)
        compare_migrations (&sentences, before, after);
      else
        compare_checklist (&sentences, before, after);
    }

  for (guint r = 0; r < N_RANKS; r++)
    {
      for (guint i = 0; i < sentences.ranks[r]->len; i++)
        g_ptr_array_add (result, g_steal_pointer (&sentences.ranks[r]->pdata[i]));
      g_ptr_array_unref (sentences.ranks[r]);
    }

  return result;
}
