/* pf-migration-graph.c — Django's migration graph: what is applied, what will run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mirrors django/db/migrations/loader.py (MigrationLoader.build_graph,
 * check_key, check_consistent_history, detect_conflicts), graph.py
 * (MigrationGraph: add_dependency, remove_replaced_nodes,
 * remove_replacement_node, iterative_dfs, root_nodes, leaf_nodes) and
 * executor.py (MigrationExecutor.migration_plan) of Django 3.2.
 *
 * The project folder only holds the project's own apps. Apps that are not
 * in it (django.contrib.auth, third-party packages) are outside the graph:
 * dependencies on them are ignored and their history rows are not orphans.
 */

#define G_LOG_DOMAIN "pf-migration-graph"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-migration-graph.h"

typedef struct _Node Node;

struct _Node
{
  char        *app;
  char        *name;
  char        *key;        /* "app\x1fname" */
  PfMigration *migration;  /* NULL: a dummy node (graph.py DummyNode) */
  GPtrArray   *parents;    /* Node, unowned; used as a set */
  GPtrArray   *children;
  /* Dummy nodes: NodeNotFoundError's message and the migration that named it */
  char        *error_message;
  PfMigration *origin;
};

struct _PfMigrationGraph
{
  GObject             parent_instance;

  PfMigrationSource  *source;
  PfMigrationHistory *history;
  char               *auth_user_model;

  GPtrArray          *all_nodes;    /* Node, owned */
  GHashTable         *node_map;     /* key → Node, dummies included */
  GHashTable         *nodes;        /* key → Node, real migrations only */
  GHashTable         *project_apps; /* app labels with a migrations folder */
  GHashTable         *migrated_apps;/* app labels with loaded migrations */

  GHashTable         *recorded;     /* keys in django_migrations (recorder.applied_migrations()) */
  GHashTable         *applied;      /* loader.applied_migrations, squashes resolved */

  GPtrArray          *applied_list;
  GPtrArray          *pending_list;
  GPtrArray          *problems;
};

G_DEFINE_FINAL_TYPE (PfMigrationGraph, pf_migration_graph, G_TYPE_OBJECT)

static char *
make_key (const char *app,
          const char *name)
{
  return g_strconcat (app, "\x1f", name, NULL);
}

static void
node_free (gpointer data)
{
  Node *node = data;

  g_free (node->app);
  g_free (node->name);
  g_free (node->key);
  g_clear_object (&node->migration);
  g_clear_object (&node->origin);
  g_ptr_array_unref (node->parents);
  g_ptr_array_unref (node->children);
  g_free (node->error_message);
  g_free (node);
}

/* Python's tuple ordering of (app, name): Node.__lt__ */
static int
node_compare (const Node *a,
              const Node *b)
{
  int ret = strcmp (a->app, b->app);

  return ret != 0 ? ret : strcmp (a->name, b->name);
}

static int
node_compare_indirect (gconstpointer a,
                       gconstpointer b)
{
  return node_compare (*(Node * const *) a, *(Node * const *) b);
}

static void
set_add (GPtrArray *set,
         Node      *node)
{
  if (!g_ptr_array_find (set, node, NULL))
    g_ptr_array_add (set, node);
}

static void
set_remove (GPtrArray *set,
            Node      *node)
{
  g_ptr_array_remove_fast (set, node);
}

static Node *
add_node (PfMigrationGraph *self,
          const char       *app,
          const char       *name,
          PfMigration      *migration)
{
  Node *node = g_new0 (Node, 1);

  node->app = g_strdup (app);
  node->name = g_strdup (name);
  node->key = make_key (app, name);
  node->migration = migration != NULL ? g_object_ref (migration) : NULL;
  node->parents = g_ptr_array_new ();
  node->children = g_ptr_array_new ();
  g_ptr_array_add (self->all_nodes, node);
  g_hash_table_replace (self->node_map, node->key, node);
  if (migration != NULL)
    g_hash_table_replace (self->nodes, node->key, node);

  return node;
}

static Node *
lookup_node (PfMigrationGraph *self,
             const char       *app,
             const char       *name)
{
  g_autofree char *key = make_key (app, name);

  return g_hash_table_lookup (self->node_map, key);
}

static char *
migration_to_string (PfMigration *migration)
{
  return g_strdup_printf ("%s.%s", pf_migration_get_app (migration), pf_migration_get_name (migration));
}

/* graph.py MigrationGraph.add_dependency: a missing end becomes a DummyNode
 * carrying NodeNotFoundError's message */
static void
add_dependency (PfMigrationGraph *self,
                PfMigration      *migration,
                const char       *child_app,
                const char       *child_name,
                const char       *parent_app,
                const char       *parent_name)
{
  Node *child = lookup_node (self, child_app, child_name);
  Node *parent = lookup_node (self, parent_app, parent_name);
  g_autofree char *label = migration_to_string (migration);

  if (child == NULL)
    {
      child = add_node (self, child_app, child_name, NULL);
      child->error_message = g_strdup_printf ("Migration %s dependencies reference nonexistent child node ('%s', '%s')",
                                              label, child_app, child_name);
      child->origin = g_object_ref (migration);
    }
  if (parent == NULL)
    {
      parent = add_node (self, parent_app, parent_name, NULL);
      parent->error_message = g_strdup_printf ("Migration %s dependencies reference nonexistent parent node ('%s', '%s')",
                                               label, parent_app, parent_name);
      parent->origin = g_object_ref (migration);
    }

  set_add (child->parents, parent);
  set_add (parent->children, child);
}

/* graph.py root_nodes(app) / leaf_nodes(app): sorted; real nodes only */
static GPtrArray *
app_edge_nodes (PfMigrationGraph *self,
                const char       *app,
                gboolean          roots)
{
  GPtrArray *result = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Node *node = value;
      GPtrArray *edges = roots ? node->parents : node->children;
      gboolean edge = TRUE;

      if (app != NULL && strcmp (app, node->app) != 0)
        continue;

      for (guint i = 0; i < edges->len && edge; i++)
        {
          Node *other = g_ptr_array_index (edges, i);

          if (strcmp (other->app, node->app) == 0)
            edge = FALSE;
        }

      if (edge)
        g_ptr_array_add (result, node);
    }

  g_ptr_array_sort (result, node_compare_indirect);

  return result;
}

/* migration.py swappable_dependency(): ("<user app>", "__first__") */
static void
resolve_dependency (PfMigrationGraph     *self,
                    const PfMigrationKey *key,
                    const char          **app,
                    const char          **name)
{
  if (g_strcmp0 (key->app, "__swappable__") == 0 && g_strcmp0 (key->name, "AUTH_USER_MODEL") == 0)
    {
      const char *dot = strchr (self->auth_user_model, '.');
      static GQuark quark;

      /* Interned so the strings outlive this call */
      if (dot != NULL)
        {
          g_autofree char *user_app = g_strndup (self->auth_user_model, dot - self->auth_user_model);
          quark = g_quark_from_string (user_app);
        }
      else
        quark = g_quark_from_static_string ("auth");

      *app = g_quark_to_string (quark);
      *name = "__first__";
      return;
    }

  *app = key->app;
  *name = key->name;
}

/* loader.py check_key(): resolves __first__ / __latest__ of other apps;
 * returns FALSE when the dependency is to be ignored */
static gboolean
check_key (PfMigrationGraph  *self,
           const char        *current_app,
           const char       **app,
           const char       **name)
{
  gboolean special = strcmp (*name, "__first__") == 0 || strcmp (*name, "__latest__") == 0;
  g_autoptr(GPtrArray) ends = NULL;
  Node *node;

  /* Not part of this project (django.contrib, third-party apps): the
   * loader would find them in site-packages; we cannot, so leave them out. */
  if (!g_hash_table_contains (self->project_apps, *app))
    return FALSE;

  if (!special || lookup_node (self, *app, *name) != NULL)
    return TRUE;

  /* Ignore __first__ references to the same app (#22325) */
  if (strcmp (*app, current_app) == 0)
    return FALSE;

  /* An unmigrated app: "the models will get auto-added into the state" */
  if (!g_hash_table_contains (self->migrated_apps, *app))
    return FALSE;

  ends = app_edge_nodes (self, *app, strcmp (*name, "__first__") == 0);
  if (ends->len == 0)
    return FALSE;

  node = g_ptr_array_index (ends, 0);
  *app = node->app;
  *name = node->name;

  return TRUE;
}

static void
add_problem (PfMigrationGraph   *self,
             PfMigrationProblem *problem)
{
  g_ptr_array_add (self->problems, problem);
}

/* graph.py remove_replaced_nodes(): the squash takes over the edges of the
 * migrations it replaces */
static void
remove_replaced_nodes (PfMigrationGraph *self,
                       Node             *replacement,
                       GPtrArray        *replaces)
{
  g_autoptr(GHashTable) replaced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < replaces->len; i++)
    {
      const PfMigrationKey *key = g_ptr_array_index (replaces, i);
      g_hash_table_add (replaced, make_key (key->app, key->name));
    }

  for (guint i = 0; i < replaces->len; i++)
    {
      const PfMigrationKey *key = g_ptr_array_index (replaces, i);
      g_autofree char *k = make_key (key->app, key->name);
      Node *node = g_hash_table_lookup (self->node_map, k);

      g_hash_table_remove (self->nodes, k);
      if (node == NULL || node == replacement)
        continue;
      g_hash_table_remove (self->node_map, k);

      for (guint j = 0; j < node->children->len; j++)
        {
          Node *child = g_ptr_array_index (node->children, j);

          set_remove (child->parents, node);
          /* No self-references on the replacement node */
          if (!g_hash_table_contains (replaced, child->key))
            {
              set_add (replacement->children, child);
              set_add (child->parents, replacement);
            }
        }
      for (guint j = 0; j < node->parents->len; j++)
        {
          Node *parent = g_ptr_array_index (node->parents, j);

          set_remove (parent->children, node);
          if (!g_hash_table_contains (replaced, parent->key))
            {
              set_add (replacement->parents, parent);
              set_add (parent->children, replacement);
            }
        }
      g_ptr_array_set_size (node->children, 0);
      g_ptr_array_set_size (node->parents, 0);
    }
}

/* graph.py remove_replacement_node(): a partly applied squash is dropped and
 * whatever depended on it depends on the last replaced nodes instead (#25945) */
static void
remove_replacement_node (PfMigrationGraph *self,
                         Node             *replacement,
                         GPtrArray        *replaces)
{
  g_autoptr(GPtrArray) replaced_nodes = g_ptr_array_new ();
  g_autoptr(GPtrArray) last_nodes = g_ptr_array_new ();

  g_hash_table_remove (self->nodes, replacement->key);
  g_hash_table_remove (self->node_map, replacement->key);

  for (guint i = 0; i < replaces->len; i++)
    {
      const PfMigrationKey *key = g_ptr_array_index (replaces, i);
      Node *node = lookup_node (self, key->app, key->name);

      if (node != NULL)
        set_add (replaced_nodes, node);
    }

  /* Only the latest replaced nodes: drop those that are parents of others */
  for (guint i = 0; i < replaced_nodes->len; i++)
    {
      Node *node = g_ptr_array_index (replaced_nodes, i);
      gboolean is_parent = FALSE;

      for (guint j = 0; j < replaced_nodes->len && !is_parent; j++)
        {
          Node *other = g_ptr_array_index (replaced_nodes, j);
          is_parent = g_ptr_array_find (other->parents, node, NULL);
        }
      if (!is_parent)
        g_ptr_array_add (last_nodes, node);
    }

  for (guint i = 0; i < replacement->children->len; i++)
    {
      Node *child = g_ptr_array_index (replacement->children, i);

      set_remove (child->parents, replacement);
      for (guint j = 0; j < last_nodes->len; j++)
        {
          Node *node = g_ptr_array_index (last_nodes, j);

          set_add (node->children, child);
          set_add (child->parents, node);
        }
    }
  for (guint i = 0; i < replacement->parents->len; i++)
    {
      Node *parent = g_ptr_array_index (replacement->parents, i);
      set_remove (parent->children, replacement);
    }
  g_ptr_array_set_size (replacement->children, 0);
  g_ptr_array_set_size (replacement->parents, 0);
}

static gboolean
is_recorded (PfMigrationGraph *self,
             const char       *app,
             const char       *name)
{
  g_autofree char *key = make_key (app, name);

  return g_hash_table_contains (self->recorded, key);
}

static void
report_missing_node (PfMigrationGraph *self,
                     Node             *dummy)
{
  g_autoptr(PfMigrationProblem) problem = NULL;
  g_autofree char *origin = migration_to_string (dummy->origin);
  g_autofree char *missing = g_strdup_printf ("%s.%s", dummy->app, dummy->name);
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *fix = NULL;

  problem = pf_migration_problem_new (PF_MIGRATION_PROBLEM_INCONSISTENT_HISTORY, PF_SEVERITY_BLOCKER);
  pf_migration_problem_set_app (problem, pf_migration_get_app (dummy->origin));
  pf_migration_problem_add_migration (problem, pf_migration_get_name (dummy->origin));
  title = g_strdup_printf (_("Migration %s depends on %s, which does not exist"), origin, missing);
  explanation = g_strdup_printf (_("Migration %s says it must run after %s, but the project has no such migration. "
                                   "Django stops with an error before running any migration."),
                                 origin, missing);
  fix = g_strdup_printf (_("Correct the dependencies of %s to name an existing migration, or restore the missing file %s/migrations/%s.py."),
                         origin, dummy->app, dummy->name);
  pf_migration_problem_set_title (problem, title);
  pf_migration_problem_set_explanation (problem, explanation);
  pf_migration_problem_set_detail (problem, dummy->error_message);
  pf_migration_problem_set_fix (problem, fix);
  pf_migration_problem_set_location (problem, pf_migration_get_path (dummy->origin), 0);
  add_problem (self, g_steal_pointer (&problem));
}

/* graph.py validate_consistency(): every DummyNode left is a
 * NodeNotFoundError. We report it and drop the node so the rest of the
 * graph can still be planned. */
static void
validate_consistency (PfMigrationGraph *self)
{
  g_autoptr(GPtrArray) dummies = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->node_map);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Node *node = value;

      if (node->migration == NULL)
        g_ptr_array_add (dummies, node);
    }
  g_ptr_array_sort (dummies, node_compare_indirect);

  for (guint i = 0; i < dummies->len; i++)
    {
      Node *dummy = g_ptr_array_index (dummies, i);

      report_missing_node (self, dummy);
      for (guint j = 0; j < dummy->children->len; j++)
        set_remove (((Node *) g_ptr_array_index (dummy->children, j))->parents, dummy);
      for (guint j = 0; j < dummy->parents->len; j++)
        set_remove (((Node *) g_ptr_array_index (dummy->parents, j))->children, dummy);
      g_ptr_array_set_size (dummy->children, 0);
      g_ptr_array_set_size (dummy->parents, 0);
      g_hash_table_remove (self->node_map, dummy->key);
    }
}

/* graph.py ensure_not_cyclic(): Django raises CircularDependencyError; we
 * report the cycle and cut the edge that closes it */
static gboolean
break_cycles_from (PfMigrationGraph *self,
                   Node             *node,
                   GHashTable       *state,
                   GPtrArray        *stack)
{
  gboolean found = FALSE;

  g_hash_table_insert (state, node, GINT_TO_POINTER (1));
  g_ptr_array_add (stack, node);

  for (guint i = 0; i < node->parents->len; i++)
    {
      Node *parent = g_ptr_array_index (node->parents, i);
      int seen = GPOINTER_TO_INT (g_hash_table_lookup (state, parent));

      if (seen == 1)
        {
          g_autoptr(GString) cycle = g_string_new (NULL);
          g_autoptr(PfMigrationProblem) problem = NULL;
          g_autofree char *title = NULL;
          guint start = 0;

          g_ptr_array_find (stack, parent, &start);
          for (guint j = start; j < stack->len; j++)
            {
              Node *member = g_ptr_array_index (stack, j);
              g_string_append_printf (cycle, "%s%s.%s", j > start ? ", " : "", member->app, member->name);
            }

          problem = pf_migration_problem_new (PF_MIGRATION_PROBLEM_INCONSISTENT_HISTORY, PF_SEVERITY_BLOCKER);
          pf_migration_problem_set_app (problem, node->app);
          pf_migration_problem_add_migration (problem, node->name);
          title = g_strdup_printf (_("Migrations depend on each other in a circle: %s"), cycle->str);
          pf_migration_problem_set_title (problem, title);
          pf_migration_problem_set_explanation (problem,
                                                _("Each of these migrations waits for another one of them, so none can ever run. "
                                                  "Django stops with an error before running any migration."));
          pf_migration_problem_set_detail (problem, cycle->str);
          pf_migration_problem_set_fix (problem, _("Remove the dependency that closes the circle."));
          if (node->migration != NULL)
            pf_migration_problem_set_location (problem, pf_migration_get_path (node->migration), 0);
          add_problem (self, g_steal_pointer (&problem));

          set_remove (parent->children, node);
          set_remove (node->parents, parent);
          i--;
          found = TRUE;
        }
      else if (seen == 0)
        found |= break_cycles_from (self, parent, state, stack);
    }

  g_hash_table_insert (state, node, GINT_TO_POINTER (2));
  g_ptr_array_remove_index (stack, stack->len - 1);

  return found;
}

static void
ensure_not_cyclic (PfMigrationGraph *self)
{
  g_autoptr(GHashTable) state = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (all, value);
  g_ptr_array_sort (all, node_compare_indirect);
  for (guint i = 0; i < all->len; i++)
    {
      Node *node = g_ptr_array_index (all, i);

      if (!g_hash_table_contains (state, node))
        break_cycles_from (self, node, state, stack);
    }
}

/* graph.py iterative_dfs(forwards=True): the forwards plan of @start, in
 * exactly Django's order */
static void
forwards_plan (Node      *start,
               GPtrArray *visited,
               GHashTable *visited_set)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gpointer));
  g_autoptr(GHashTable) local = g_hash_table_new (NULL, NULL);

  g_array_append_val (stack, start);
  while (stack->len > 0)
    {
      gpointer item = g_array_index (stack, gpointer, stack->len - 1);
      Node *node = (Node *) GPOINTER_TO_SIZE ((gsize) item & ~(gsize) 1);
      gboolean processed = ((gsize) item & 1) != 0;

      g_array_set_size (stack, stack->len - 1);

      if (g_hash_table_contains (local, node))
        continue;

      if (processed)
        {
          g_hash_table_add (local, node);
          if (!g_hash_table_contains (visited_set, node))
            {
              g_hash_table_add (visited_set, node);
              g_ptr_array_add (visited, node);
            }
        }
      else
        {
          g_autoptr(GPtrArray) parents = g_ptr_array_copy (node->parents, NULL, NULL);
          gpointer marked = GSIZE_TO_POINTER ((gsize) node | 1);

          g_array_append_val (stack, marked);
          g_ptr_array_sort (parents, node_compare_indirect);
          for (guint i = 0; i < parents->len; i++)
            g_array_append_val (stack, parents->pdata[i]);
        }
    }
}

static gboolean
key_is_applied (PfMigrationGraph *self,
                Node             *node)
{
  return g_hash_table_contains (self->applied, node->key);
}

static void
report_conflicts (PfMigrationGraph *self)
{
  g_autoptr(GPtrArray) leaves = app_edge_nodes (self, NULL, FALSE);
  guint i = 0;

  /* loader.py detect_conflicts(): more than one leaf in an app */
  while (i < leaves->len)
    {
      Node *first = g_ptr_array_index (leaves, i);
      guint j = i + 1;

      while (j < leaves->len && strcmp (((Node *) g_ptr_array_index (leaves, j))->app, first->app) == 0)
        j++;

      if (j - i > 1)
        {
          g_autoptr(PfMigrationProblem) problem = NULL;
          g_autoptr(GString) names = g_string_new (NULL);
          g_autofree char *title = NULL;
          g_autofree char *explanation = NULL;
          g_autofree char *detail = NULL;

          problem = pf_migration_problem_new (PF_MIGRATION_PROBLEM_CONFLICT, PF_SEVERITY_BLOCKER);
          pf_migration_problem_set_app (problem, first->app);
          for (guint k = i; k < j; k++)
            {
              Node *leaf = g_ptr_array_index (leaves, k);

              pf_migration_problem_add_migration (problem, leaf->name);
              g_string_append_printf (names, "%s%s", k > i ? ", " : "", leaf->name);
            }

          title = g_strdup_printf (_("Conflicting migrations in %s"), first->app);
          explanation = g_strdup_printf (_("The app %s has %u latest migrations that do not know about each other (%s), "
                                           "usually because two developers added one at the same time. "
                                           "Django refuses to migrate until they are merged."),
                                         first->app, j - i, names->str);
          /* migrate.py's CommandError text */
          detail = g_strdup_printf ("Conflicting migrations detected; multiple leaf nodes in the migration graph: (%s in %s).",
                                    names->str, first->app);
          pf_migration_problem_set_title (problem, title);
          pf_migration_problem_set_explanation (problem, explanation);
          pf_migration_problem_set_detail (problem, detail);
          pf_migration_problem_set_fix (problem, "python manage.py makemigrations --merge");
          if (first->migration != NULL)
            pf_migration_problem_set_location (problem, pf_migration_get_path (first->migration), 0);
          add_problem (self, g_steal_pointer (&problem));
        }

      i = j;
    }
}

/* loader.py check_consistent_history(), reporting every pair instead of
 * stopping at the first */
static void
report_inconsistent_history (PfMigrationGraph *self)
{
  GPtrArray *records;

  if (self->history == NULL)
    return;

  records = pf_migration_history_get_records (self->history);
  for (guint i = 0; i < records->len; i++)
    {
      PfMigrationRecord *record = g_ptr_array_index (records, i);
      g_autoptr(GPtrArray) parents = NULL;
      Node *node;

      if (record->app == NULL || record->state != PF_MIGRATION_STATE_APPLIED)
        continue;

      /* If the migration is unknown, skip it */
      node = lookup_node (self, record->app, record->name);
      if (node == NULL || node->migration == NULL || !g_hash_table_contains (self->nodes, node->key))
        continue;

      parents = g_ptr_array_copy (node->parents, NULL, NULL);
      g_ptr_array_sort (parents, node_compare_indirect);
      for (guint j = 0; j < parents->len; j++)
        {
          Node *parent = g_ptr_array_index (parents, j);
          g_autoptr(PfMigrationProblem) problem = NULL;
          g_autofree char *title = NULL;
          g_autofree char *explanation = NULL;
          g_autofree char *detail = NULL;
          g_autofree char *fix = NULL;
          GPtrArray *replaces;
          gboolean all_applied = TRUE;

          if (is_recorded (self, parent->app, parent->name))
            continue;

          /* Skip unapplied squashed migrations that have all of their
           * `replaces` applied */
          replaces = pf_migration_get_replaces (parent->migration);
          if (replaces != NULL && replaces->len > 0)
            {
              for (guint k = 0; k < replaces->len && all_applied; k++)
                {
                  const PfMigrationKey *key = g_ptr_array_index (replaces, k);
                  all_applied = is_recorded (self, key->app, key->name);
                }
              if (all_applied)
                continue;
            }

          problem = pf_migration_problem_new (PF_MIGRATION_PROBLEM_INCONSISTENT_HISTORY, PF_SEVERITY_BLOCKER);
          pf_migration_problem_set_app (problem, node->app);
          if (strcmp (node->app, parent->app) == 0)
            {
              pf_migration_problem_add_migration (problem, node->name);
              pf_migration_problem_add_migration (problem, parent->name);
            }
          else
            {
              g_autofree char *a = g_strdup_printf ("%s.%s", node->app, node->name);
              g_autofree char *b = g_strdup_printf ("%s.%s", parent->app, parent->name);

              pf_migration_problem_add_migration (problem, a);
              pf_migration_problem_add_migration (problem, b);
            }
          title = g_strdup_printf (_("Migration %s.%s was applied before a migration it depends on"),
                                   node->app, node->name);
          explanation = g_strdup_printf (_("The database records %s.%s as applied but not %s.%s, which has to come first. "
                                           "Django refuses to run any migration on this database until the history is repaired."),
                                         node->app, node->name, parent->app, parent->name);
          detail = g_strdup_printf ("Migration %s.%s is applied before its dependency %s.%s on database 'default'.",
                                    node->app, node->name, parent->app, parent->name);
          fix = g_strdup_printf (_("Check whether the changes of %s.%s are in the schema: if they are, record it with "
                                   "“python manage.py migrate --fake %s %s”; if not, remove the record of %s.%s and migrate again."),
                                 parent->app, parent->name, parent->app, parent->name, node->app, node->name);
          pf_migration_problem_set_title (problem, title);
          pf_migration_problem_set_explanation (problem, explanation);
          pf_migration_problem_set_detail (problem, detail);
          pf_migration_problem_set_fix (problem, fix);
          pf_migration_problem_set_location (problem, pf_migration_get_path (node->migration), 0);
          add_problem (self, g_steal_pointer (&problem));
        }
    }
}

/* History rows of project apps without a file. Django's loader skips them
 * silently (they are not in graph.nodes). Rows of migrations a loaded
 * squash replaces are not orphans: that is how squashing ends. */
static void
report_orphaned_records (PfMigrationGraph *self,
                         GHashTable       *replaced_keys)
{
  GPtrArray *records;
  const char *table;

  if (self->history == NULL)
    return;

  table = pf_migration_history_get_table (self->history);
  records = pf_migration_history_get_records (self->history);
  for (guint i = 0; i < records->len; i++)
    {
      PfMigrationRecord *record = g_ptr_array_index (records, i);
      g_autoptr(PfMigrationProblem) problem = NULL;
      g_autofree char *key = NULL;
      g_autofree char *title = NULL;
      g_autofree char *explanation = NULL;
      g_autofree char *detail = NULL;
      g_autofree char *fix = NULL;
      g_autofree char *app_literal = NULL;
      g_autofree char *name_literal = NULL;

      if (record->app == NULL || record->state != PF_MIGRATION_STATE_APPLIED)
        continue;
      if (!g_hash_table_contains (self->migrated_apps, record->app))
        continue;
      if (pf_migration_source_lookup (self->source, record->app, record->name) != NULL)
        continue;
      key = make_key (record->app, record->name);
      if (g_hash_table_contains (replaced_keys, key))
        continue;

      app_literal = g_strdup_printf ("'%s'", record->app);
      name_literal = g_strdup_printf ("'%s'", record->name);
      problem = pf_migration_problem_new (PF_MIGRATION_PROBLEM_ORPHANED_RECORD, PF_SEVERITY_WARNING);
      pf_migration_problem_set_app (problem, record->app);
      pf_migration_problem_add_migration (problem, record->name);
      title = g_strdup_printf (_("Migration %s.%s is recorded as applied but its file is gone"),
                               record->app, record->name);
      explanation = g_strdup_printf (_("The database says %s.%s was applied, but the project has no such migration. "
                                       "Django skips it without a word, so nobody notices that the code and the database may disagree."),
                                     record->app, record->name);
      detail = g_strdup_printf (_("%s has the row app = %s, name = %s; there is no %s/migrations/%s.py in the project"),
                                table != NULL ? table : "django_migrations",
                                app_literal, name_literal, record->app, record->name);
      fix = g_strdup_printf (_("Restore %s/migrations/%s.py from version control, or, if it was removed on purpose, "
                               "delete its row from django_migrations."),
                             record->app, record->name);
      pf_migration_problem_set_title (problem, title);
      pf_migration_problem_set_explanation (problem, explanation);
      pf_migration_problem_set_detail (problem, detail);
      pf_migration_problem_set_fix (problem, fix);
      add_problem (self, g_steal_pointer (&problem));
    }
}

static void
build_graph (PfMigrationGraph *self)
{
  GPtrArray *migrations = pf_migration_source_get_migrations (self->source);
  g_auto(GStrv) apps = pf_migration_source_dup_apps (self->source);
  g_autoptr(GPtrArray) replacements = g_ptr_array_new ();
  g_autoptr(GHashTable) replaced_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) leaves = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) full_plan = g_ptr_array_new ();

  for (guint i = 0; apps != NULL && apps[i] != NULL; i++)
    g_hash_table_add (self->project_apps, g_strdup (apps[i]));

  /* recorder.applied_migrations() */
  if (self->history != NULL)
    {
      GPtrArray *records = pf_migration_history_get_records (self->history);

      for (guint i = 0; i < records->len; i++)
        {
          PfMigrationRecord *record = g_ptr_array_index (records, i);

          if (record->app == NULL || record->name == NULL || record->state != PF_MIGRATION_STATE_APPLIED)
            continue;
          g_hash_table_add (self->recorded, make_key (record->app, record->name));
          g_hash_table_add (self->applied, make_key (record->app, record->name));
        }
    }

  /* One node per loaded migration */
  for (guint i = 0; i < migrations->len; i++)
    {
      PfMigration *migration = g_ptr_array_index (migrations, i);
      GPtrArray *replaces = pf_migration_get_replaces (migration);

      g_hash_table_add (self->project_apps, g_strdup (pf_migration_get_app (migration)));
      g_hash_table_add (self->migrated_apps, g_strdup (pf_migration_get_app (migration)));
      add_node (self, pf_migration_get_app (migration), pf_migration_get_name (migration), migration);
      if (replaces != NULL && replaces->len > 0)
        {
          g_ptr_array_add (replacements, migration);
          for (guint j = 0; j < replaces->len; j++)
            {
              const PfMigrationKey *key = g_ptr_array_index (replaces, j);
              g_hash_table_add (replaced_keys, make_key (key->app, key->name));
            }
        }
    }

  /* add_internal_dependencies(): same app, except __first__ */
  for (guint i = 0; i < migrations->len; i++)
    {
      PfMigration *migration = g_ptr_array_index (migrations, i);
      GPtrArray *dependencies = pf_migration_get_dependencies (migration);
      const char *app = pf_migration_get_app (migration);

      for (guint j = 0; dependencies != NULL && j < dependencies->len; j++)
        {
          const char *dep_app, *dep_name;

          resolve_dependency (self, g_ptr_array_index (dependencies, j), &dep_app, &dep_name);
          if (strcmp (dep_app, app) == 0 && strcmp (dep_name, "__first__") != 0)
            add_dependency (self, migration, app, pf_migration_get_name (migration), dep_app, dep_name);
        }
    }

  /* add_external_dependencies(): other apps through check_key(), then
   * run_before reversed into a dependency of the named migration */
  for (guint i = 0; i < migrations->len; i++)
    {
      PfMigration *migration = g_ptr_array_index (migrations, i);
      GPtrArray *dependencies = pf_migration_get_dependencies (migration);
      GPtrArray *run_before = pf_migration_get_run_before (migration);
      const char *app = pf_migration_get_app (migration);
      const char *name = pf_migration_get_name (migration);

      for (guint j = 0; dependencies != NULL && j < dependencies->len; j++)
        {
          const char *dep_app, *dep_name;

          resolve_dependency (self, g_ptr_array_index (dependencies, j), &dep_app, &dep_name);
          if (strcmp (dep_app, app) == 0)
            continue;
          if (check_key (self, app, &dep_app, &dep_name))
            add_dependency (self, migration, app, name, dep_app, dep_name);
        }

      for (guint j = 0; run_before != NULL && j < run_before->len; j++)
        {
          const char *child_app, *child_name;

          resolve_dependency (self, g_ptr_array_index (run_before, j), &child_app, &child_name);
          if (check_key (self, app, &child_app, &child_name))
            add_dependency (self, migration, child_app, child_name, app, name);
        }
    }

  /* Carry out replacements: the squash counts as applied only when all it
   * replaces are; it is used when all or none are applied, otherwise the
   * originals are */
  for (guint i = 0; i < replacements->len; i++)
    {
      PfMigration *migration = g_ptr_array_index (replacements, i);
      GPtrArray *replaces = pf_migration_get_replaces (migration);
      Node *node = lookup_node (self, pf_migration_get_app (migration), pf_migration_get_name (migration));
      guint n_applied = 0;

      for (guint j = 0; j < replaces->len; j++)
        {
          const PfMigrationKey *key = g_ptr_array_index (replaces, j);
          g_autofree char *k = make_key (key->app, key->name);

          if (g_hash_table_contains (self->applied, k))
            n_applied++;
        }

      if (n_applied == replaces->len)
        g_hash_table_add (self->applied, g_strdup (node->key));
      else
        g_hash_table_remove (self->applied, node->key);

      if (n_applied == replaces->len || n_applied == 0)
        remove_replaced_nodes (self, node, replaces);
      else
        remove_replacement_node (self, node, replaces);
    }

  validate_consistency (self);
  ensure_not_cyclic (self);

  report_inconsistent_history (self);
  report_conflicts (self);
  report_orphaned_records (self, replaced_keys);

  /* showmigrations --plan: forwards plans of every leaf; the applied list
   * keeps its order */
  leaves = app_edge_nodes (self, NULL, FALSE);
  for (guint i = 0; i < leaves->len; i++)
    forwards_plan (g_ptr_array_index (leaves, i), full_plan, seen);
  for (guint i = 0; i < full_plan->len; i++)
    {
      Node *node = g_ptr_array_index (full_plan, i);

      if (key_is_applied (self, node))
        g_ptr_array_add (self->applied_list, g_object_ref (node->migration));
    }

  /* executor.py migration_plan(graph.leaf_nodes()): forwards plan of each
   * unapplied leaf, skipping what is applied or already planned */
  {
    g_autoptr(GHashTable) planned = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < leaves->len; i++)
      {
        Node *leaf = g_ptr_array_index (leaves, i);
        g_autoptr(GPtrArray) plan = NULL;
        g_autoptr(GHashTable) plan_seen = NULL;

        if (key_is_applied (self, leaf) || g_hash_table_contains (planned, leaf))
          continue;

        plan = g_ptr_array_new ();
        plan_seen = g_hash_table_new (NULL, NULL);
        forwards_plan (leaf, plan, plan_seen);
        for (guint j = 0; j < plan->len; j++)
          {
            Node *node = g_ptr_array_index (plan, j);

            if (key_is_applied (self, node) || g_hash_table_contains (planned, node))
              continue;
            g_hash_table_add (planned, node);
            g_ptr_array_add (self->pending_list, g_object_ref (node->migration));
          }
      }
  }
}

static void
pf_migration_graph_finalize (GObject *object)
{
  PfMigrationGraph *self = (PfMigrationGraph *) object;

  g_clear_object (&self->source);
  g_clear_object (&self->history);
  g_clear_pointer (&self->auth_user_model, g_free);
  g_clear_pointer (&self->node_map, g_hash_table_unref);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->all_nodes, g_ptr_array_unref);
  g_clear_pointer (&self->project_apps, g_hash_table_unref);
  g_clear_pointer (&self->migrated_apps, g_hash_table_unref);
  g_clear_pointer (&self->recorded, g_hash_table_unref);
  g_clear_pointer (&self->applied, g_hash_table_unref);
  g_clear_pointer (&self->applied_list, g_ptr_array_unref);
  g_clear_pointer (&self->pending_list, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_migration_graph_parent_class)->finalize (object);
}

static void
pf_migration_graph_class_init (PfMigrationGraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_migration_graph_finalize;
}

static void
pf_migration_graph_init (PfMigrationGraph *self)
{
  self->all_nodes = g_ptr_array_new_with_free_func (node_free);
  self->node_map = g_hash_table_new (g_str_hash, g_str_equal);
  self->nodes = g_hash_table_new (g_str_hash, g_str_equal);
  self->project_apps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->migrated_apps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->recorded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->applied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->applied_list = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending_list = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems = g_ptr_array_new_with_free_func (g_object_unref);
}

PfMigrationGraph *
pf_migration_graph_new (PfMigrationSource  *source,
                        PfMigrationHistory *history)
{
  PfMigrationGraph *self;
  const char *auth_user_model;

  g_return_val_if_fail (PF_IS_MIGRATION_SOURCE (source), NULL);
  g_return_val_if_fail (history == NULL || PF_IS_MIGRATION_HISTORY (history), NULL);

  self = g_object_new (PF_TYPE_MIGRATION_GRAPH, NULL);
  self->source = g_object_ref (source);
  self->history = history != NULL ? g_object_ref (history) : NULL;
  auth_user_model = pf_migration_source_get_auth_user_model (source);
  self->auth_user_model = g_strdup (auth_user_model != NULL ? auth_user_model : "auth.User");

  build_graph (self);

  return self;
}

PfMigrationSource *
pf_migration_graph_get_source (PfMigrationGraph *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_GRAPH (self), NULL);

  return self->source;
}

PfMigrationHistory *
pf_migration_graph_get_history (PfMigrationGraph *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_GRAPH (self), NULL);

  return self->history;
}

GPtrArray *
pf_migration_graph_get_applied (PfMigrationGraph *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_GRAPH (self), NULL);

  return self->applied_list;
}

GPtrArray *
pf_migration_graph_get_pending (PfMigrationGraph *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_GRAPH (self), NULL);

  return self->pending_list;
}

static GPtrArray *
nodes_to_migrations (GPtrArray *nodes)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_sort (nodes, node_compare_indirect);
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      if (node->migration != NULL)
        g_ptr_array_add (result, g_object_ref (node->migration));
    }

  return result;
}

GPtrArray *
pf_migration_graph_dup_leaves (PfMigrationGraph *self,
                               const char       *app)
{
  g_autoptr(GPtrArray) leaves = NULL;

  g_return_val_if_fail (PF_IS_MIGRATION_GRAPH (self), NULL);
  g_return_val_if_fail (app != NULL, NULL);

  leaves = app_edge_nodes (self, app, FALSE);

  return nodes_to_migrations (leaves);
}

GPtrArray *
pf_migration_graph_dup_dependencies (PfMigrationGraph *self,
                                     PfMigration      *migration)
{
  g_autoptr(GPtrArray) parents = NULL;
  g_autofree char *key = NULL;
  Node *node;

  g_return_val_if_fail (PF_IS_MIGRATION_GRAPH (self), NULL);
  g_return_val_if_fail (PF_IS_MIGRATION (migration), NULL);

  key = make_key (pf_migration_get_app (migration), pf_migration_get_name (migration));
  node = g_hash_table_lookup (self->nodes, key);
  if (node == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  parents = g_ptr_array_copy (node->parents, NULL, NULL);

  return nodes_to_migrations (parents);
}

gboolean
pf_migration_graph_is_applied (PfMigrationGraph *self,
                               PfMigration      *migration)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (PF_IS_MIGRATION_GRAPH (self), FALSE);
  g_return_val_if_fail (PF_IS_MIGRATION (migration), FALSE);

  key = make_key (pf_migration_get_app (migration), pf_migration_get_name (migration));

  return g_hash_table_contains (self->applied, key);
}

GPtrArray *
pf_migration_graph_get_problems (PfMigrationGraph *self)
{
  g_return_val_if_fail (PF_IS_MIGRATION_GRAPH (self), NULL);

  return self->problems;
}
