/* pf-migration-state.c — the tables and columns a sequence of migrations creates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two things are tracked, as Django does when it migrates:
 *  - the model state (django/db/migrations/state.py ProjectState, changed
 *    by each operation's state_forwards), and
 *  - the database it produced (each operation's database_forwards through
 *    the schema editor), which is what drift compares.
 * SeparateDatabaseAndState runs its database_operations against a clone of
 * the state (operations/special.py) and only its state_operations change
 * the real state.
 */

#define G_LOG_DOMAIN "pf-migration-state"

#include "config.h"

#include "pf-migration-state.h"

typedef struct
{
  char     *name;
  char     *type;          /* "CharField" */
  char     *db_column;     /* explicit db_column, or NULL */
  char     *target;        /* FK/O2O/M2M: "app.model" (model lower case) */
  char     *m2m_db_table;  /* M2M: explicit db_table */
  gboolean  relation;      /* ForeignKey / OneToOneField: column "<name>_id" */
  gboolean  m2m;
  gboolean  m2m_auto;      /* M2M without through=: Django makes the join table */
  gboolean  null;
  gboolean  has_default;
  gboolean  unique;
  gboolean  primary_key;
} Field;

typedef struct
{
  char      *app;
  char      *name;         /* as written */
  char      *name_lower;
  char      *db_table;     /* options db_table, or NULL */
  char      *swappable;    /* options swappable ("AUTH_USER_MODEL"), or NULL */
  gboolean   managed;
  gboolean   proxy;
  GPtrArray *fields;       /* Field */
} Model;

/* ProjectState: "app.model" → Model */
typedef GHashTable State;

struct _PfMigrationStateReplay
{
  GObject     parent_instance;

  char       *auth_user_model;   /* "app.model", model lower case */
  State      *state;
  GHashTable *tables;            /* database: name → PfExpectedTable */
  GPtrArray  *indexes;           /* RunSQL index names, in creation order */
  GHashTable *index_origins;     /* name → "app.migration" */
};

G_DEFINE_FINAL_TYPE (PfMigrationStateReplay, pf_migration_state_replay, G_TYPE_OBJECT)

/* ---- expected tables and columns ---------------------------------------- */

void
pf_expected_column_free (PfExpectedColumn *column)
{
  if (column == NULL)
    return;
  g_free (column->name);
  g_free (column->field_type);
  g_free (column->references);
  g_free (column->created_by);
  g_free (column);
}

PfExpectedColumn *
pf_expected_column_copy (const PfExpectedColumn *column)
{
  PfExpectedColumn *copy = g_new0 (PfExpectedColumn, 1);

  *copy = *column;
  copy->name = g_strdup (column->name);
  copy->field_type = g_strdup (column->field_type);
  copy->references = g_strdup (column->references);
  copy->created_by = g_strdup (column->created_by);

  return copy;
}

void
pf_expected_table_free (PfExpectedTable *table)
{
  if (table == NULL)
    return;
  g_free (table->name);
  g_free (table->app);
  g_free (table->model);
  g_ptr_array_unref (table->columns);
  g_free (table->created_by);
  g_free (table);
}

static PfExpectedTable *
expected_table_new (const char *name,
                    const char *app,
                    const char *model,
                    const char *created_by)
{
  PfExpectedTable *table = g_new0 (PfExpectedTable, 1);

  table->name = g_strdup (name);
  table->app = g_strdup (app);
  table->model = g_strdup (model);
  table->created_by = g_strdup (created_by);
  table->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) pf_expected_column_free);

  return table;
}

PfExpectedTable *
pf_expected_table_copy (const PfExpectedTable *table)
{
  PfExpectedTable *copy = expected_table_new (table->name, table->app, table->model, table->created_by);

  for (guint i = 0; i < table->columns->len; i++)
    g_ptr_array_add (copy->columns, pf_expected_column_copy (g_ptr_array_index (table->columns, i)));

  return copy;
}

PfExpectedColumn *
pf_expected_table_lookup_column (PfExpectedTable *table,
                                 const char      *name)
{
  for (guint i = 0; i < table->columns->len; i++)
    {
      PfExpectedColumn *column = g_ptr_array_index (table->columns, i);

      if (strcmp (column->name, name) == 0)
        return column;
    }

  return NULL;
}

/* ---- model state -------------------------------------------------------- */

static void
field_free (Field *field)
{
  g_free (field->name);
  g_free (field->type);
  g_free (field->db_column);
  g_free (field->target);
  g_free (field->m2m_db_table);
  g_free (field);
}

static Field *
field_copy (const Field *field)
{
  Field *copy = g_new0 (Field, 1);

  *copy = *field;
  copy->name = g_strdup (field->name);
  copy->type = g_strdup (field->type);
  copy->db_column = g_strdup (field->db_column);
  copy->target = g_strdup (field->target);
  copy->m2m_db_table = g_strdup (field->m2m_db_table);

  return copy;
}

static void
model_free (Model *model)
{
  g_free (model->app);
  g_free (model->name);
  g_free (model->name_lower);
  g_free (model->db_table);
  g_free (model->swappable);
  g_ptr_array_unref (model->fields);
  g_free (model);
}

static Model *
model_new (const char *app,
           const char *name)
{
  Model *model = g_new0 (Model, 1);

  model->app = g_strdup (app);
  model->name = g_strdup (name);
  model->name_lower = g_utf8_strdown (name, -1);
  model->managed = TRUE;
  model->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);

  return model;
}

static Model *
model_copy (const Model *model)
{
  Model *copy = model_new (model->app, model->name);

  copy->db_table = g_strdup (model->db_table);
  copy->swappable = g_strdup (model->swappable);
  copy->managed = model->managed;
  copy->proxy = model->proxy;
  for (guint i = 0; i < model->fields->len; i++)
    g_ptr_array_add (copy->fields, field_copy (g_ptr_array_index (model->fields, i)));

  return copy;
}

static char *
model_key (const char *app,
           const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  return g_strconcat (app, ".", lower, NULL);
}

static State *
state_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) model_free);
}

static State *
state_clone (State *state)
{
  State *clone = state_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, state);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (clone, g_strdup (key), model_copy (value));

  return clone;
}

static Model *
state_lookup (State      *state,
              const char *app,
              const char *name)
{
  g_autofree char *key = NULL;

  if (name == NULL)
    return NULL;
  key = model_key (app, name);

  return g_hash_table_lookup (state, key);
}

static Field *
model_lookup_field (Model      *model,
                    const char *name,
                    guint      *index)
{
  for (guint i = 0; model != NULL && i < model->fields->len; i++)
    {
      Field *field = g_ptr_array_index (model->fields, i);

      if (strcmp (field->name, name) == 0)
        {
          if (index != NULL)
            *index = i;
          return field;
        }
    }

  return NULL;
}

/* Options.db_table: "<app_label>_<model_name>" unless Meta.db_table */
static char *
model_table (const Model *model)
{
  if (model->db_table != NULL)
    return g_strdup (model->db_table);

  return g_strdup_printf ("%s_%s", model->app, model->name_lower);
}

/* Options.can_migrate(): no table for proxy, unmanaged or swapped models */
static gboolean
model_can_migrate (PfMigrationStateReplay *self,
                   const Model            *model)
{
  if (model == NULL || model->proxy || !model->managed)
    return FALSE;

  if (model->swappable != NULL && strcmp (model->swappable, "AUTH_USER_MODEL") == 0)
    {
      g_autofree char *key = g_strdup_printf ("%s.%s", model->app, model->name_lower);

      if (g_ascii_strcasecmp (key, self->auth_user_model) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Field.get_attname_column(): db_column, else "<name>_id" for relations */
static char *
field_column (const Field *field)
{
  if (field->m2m)
    return NULL;
  if (field->db_column != NULL)
    return g_strdup (field->db_column);
  if (field->relation)
    return g_strdup_printf ("%s_id", field->name);

  return g_strdup (field->name);
}

/* related.py resolve_relation(): "app.Model", "Model" (same app), "self",
 * settings.AUTH_USER_MODEL; the model part lower case */
static char *
resolve_relation (PfMigrationStateReplay *self,
                  JsonNode               *node,
                  const char             *app,
                  const char             *model_name)
{
  const char *value = NULL;
  const char *dot;
  g_autofree char *lower = NULL;

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    value = json_node_get_string (node);
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *name = json_object_has_member (object, "name")
                         ? json_object_get_string_member (object, "name") : NULL;

      if (name != NULL && g_str_has_suffix (name, "AUTH_USER_MODEL"))
        return g_strdup (self->auth_user_model);
      return NULL;
    }

  if (value == NULL)
    return NULL;

  if (strcmp (value, "self") == 0)
    value = model_name;

  dot = strrchr (value, '.');
  if (dot == NULL)
    {
      lower = g_utf8_strdown (value, -1);
      return g_strdup_printf ("%s.%s", app, lower);
    }

  lower = g_utf8_strdown (dot + 1, -1);
  {
    g_autofree char *target_app = g_strndup (value, dot - value);
    return g_strdup_printf ("%s.%s", target_app, lower);
  }
}

static JsonNode *
call_argument (JsonObject *call,
               const char *keyword,
               int         position)
{
  JsonObject *kwargs = json_object_has_member (call, "kwargs") ? json_object_get_object_member (call, "kwargs") : NULL;
  JsonArray *args = json_object_has_member (call, "args") ? json_object_get_array_member (call, "args") : NULL;

  if (kwargs != NULL && json_object_has_member (kwargs, keyword))
    return json_object_get_member (kwargs, keyword);
  if (position >= 0 && args != NULL && (guint) position < json_array_get_length (args))
    return json_array_get_element (args, position);

  return NULL;
}

static gboolean
node_is_true (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static const char *
node_string (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

/* A field from its call ({"call": "models.ForeignKey", "args", "kwargs"}) */
static Field *
field_new_from_call (PfMigrationStateReplay *self,
                     const char             *name,
                     JsonNode               *node,
                     const char             *app,
                     const char             *model_name)
{
  JsonObject *call;
  const char *callee;
  const char *dot;
  Field *field;

  if (name == NULL || node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  call = json_node_get_object (node);
  if (!json_object_has_member (call, "call"))
    return NULL;

  callee = json_object_get_string_member (call, "call");
  dot = callee != NULL ? strrchr (callee, '.') : NULL;

  field = g_new0 (Field, 1);
  field->name = g_strdup (name);
  field->type = g_strdup (dot != NULL ? dot + 1 : (callee != NULL ? callee : ""));
  field->relation = g_str_has_suffix (field->type, "ForeignKey") || g_str_has_suffix (field->type, "OneToOneField");
  field->m2m = g_str_has_suffix (field->type, "ManyToManyField");
  field->db_column = g_strdup (node_string (call_argument (call, "db_column", -1)));
  field->null = node_is_true (call_argument (call, "null", -1));
  field->has_default = call_argument (call, "default", -1) != NULL;
  field->primary_key = node_is_true (call_argument (call, "primary_key", -1));
  field->unique = field->primary_key || node_is_true (call_argument (call, "unique", -1)) ||
                  g_str_has_suffix (field->type, "OneToOneField");

  if (field->relation || field->m2m)
    field->target = resolve_relation (self, call_argument (call, "to", 0), app, model_name);
  if (field->m2m)
    {
      field->m2m_auto = call_argument (call, "through", -1) == NULL;
      field->m2m_db_table = g_strdup (node_string (call_argument (call, "db_table", -1)));
    }

  return field;
}

static const char *
target_model_name (const char *target)
{
  const char *dot = strrchr (target, '.');

  return dot != NULL ? dot + 1 : target;
}

/* The table a relation points at, as the state knows it now */
static char *
target_table (PfMigrationStateReplay *self,
              State                  *state,
              const char             *target)
{
  Model *model;

  if (target == NULL)
    return NULL;

  model = g_hash_table_lookup (state, target);
  if (model != NULL)
    return model_table (model);

  /* A model outside the project (auth.User, …): its default table */
  {
    const char *dot = strrchr (target, '.');
    g_autofree char *app = dot != NULL ? g_strndup (target, dot - target) : g_strdup (target);

    (void) self;
    return g_strdup_printf ("%s_%s", app, target_model_name (target));
  }
}

/* ---- the database ------------------------------------------------------- */

static PfExpectedColumn *
column_new (const char *name,
            const char *type,
            const char *created_by)
{
  PfExpectedColumn *column = g_new0 (PfExpectedColumn, 1);

  column->name = g_strdup (name);
  column->field_type = g_strdup (type);
  column->created_by = g_strdup (created_by);

  return column;
}

static PfExpectedColumn *
column_new_for_field (PfMigrationStateReplay *self,
                      State                  *state,
                      const Field            *field,
                      const char             *created_by)
{
  g_autofree char *name = field_column (field);
  PfExpectedColumn *column = column_new (name, field->type, created_by);

  column->null = field->null;
  column->has_default = field->has_default;
  column->unique = field->unique;
  if (field->relation)
    column->references = target_table (self, state, field->target);

  return column;
}

/* ManyToManyField._get_m2m_db_table and the auto-created through model's
 * columns (create_many_to_many_intermediary_model): "<from>_id",
 * "<to>_id", or "from_<m>_id"/"to_<m>_id" when it points at itself */
static void
m2m_layout (const Model *model,
            const Field *field,
            char       **table,
            char       **from_column,
            char       **to_column)
{
  const char *to = field->target != NULL ? target_model_name (field->target) : "";
  g_autofree char *model_tbl = model_table (model);

  if (field->m2m_db_table != NULL)
    *table = g_strdup (field->m2m_db_table);
  else
    *table = g_strdup_printf ("%s_%s", model_tbl, field->name);

  if (strcmp (to, model->name_lower) == 0)
    {
      *from_column = g_strdup_printf ("from_%s_id", model->name_lower);
      *to_column = g_strdup_printf ("to_%s_id", to);
    }
  else
    {
      *from_column = g_strdup_printf ("%s_id", model->name_lower);
      *to_column = g_strdup_printf ("%s_id", to);
    }
}

static void
db_create_m2m (PfMigrationStateReplay *self,
               State                  *state,
               const Model            *model,
               const Field            *field,
               const char             *created_by)
{
  g_autofree char *table = NULL;
  g_autofree char *from_column = NULL;
  g_autofree char *to_column = NULL;
  g_autofree char *own_table = model_table (model);
  PfExpectedTable *join;
  PfExpectedColumn *column;

  if (!field->m2m || !field->m2m_auto)
    return;

  m2m_layout (model, field, &table, &from_column, &to_column);
  if (g_hash_table_contains (self->tables, table))
    return;

  join = expected_table_new (table, model->app, NULL, created_by);
  column = column_new ("id", "AutoField", created_by);
  column->unique = TRUE;
  g_ptr_array_add (join->columns, column);
  column = column_new (from_column, "ForeignKey", created_by);
  column->references = g_strdup (own_table);
  g_ptr_array_add (join->columns, column);
  column = column_new (to_column, "ForeignKey", created_by);
  column->references = target_table (self, state, field->target);
  g_ptr_array_add (join->columns, column);
  g_hash_table_replace (self->tables, join->name, join);
}

static void
db_delete_m2m (PfMigrationStateReplay *self,
               const Model            *model,
               const Field            *field)
{
  g_autofree char *table = NULL;
  g_autofree char *from_column = NULL;
  g_autofree char *to_column = NULL;

  if (!field->m2m || !field->m2m_auto)
    return;

  m2m_layout (model, field, &table, &from_column, &to_column);
  g_hash_table_remove (self->tables, table);
}

/* schema_editor.create_model(): local concrete fields, then the join
 * tables of auto-created M2M through models */
static void
db_create_model (PfMigrationStateReplay *self,
                 State                  *state,
                 const Model            *model,
                 const char             *created_by)
{
  g_autofree char *name = model_table (model);
  PfExpectedTable *table;

  if (!model_can_migrate (self, model))
    return;

  if (!g_hash_table_contains (self->tables, name))
    {
      table = expected_table_new (name, model->app, model->name, created_by);
      for (guint i = 0; i < model->fields->len; i++)
        {
          Field *field = g_ptr_array_index (model->fields, i);

          if (!field->m2m)
            g_ptr_array_add (table->columns, column_new_for_field (self, state, field, created_by));
        }
      g_hash_table_replace (self->tables, table->name, table);
    }

  for (guint i = 0; i < model->fields->len; i++)
    db_create_m2m (self, state, model, g_ptr_array_index (model->fields, i), created_by);
}

static void
db_delete_model (PfMigrationStateReplay *self,
                 const Model            *model)
{
  g_autofree char *name = model_table (model);

  if (!model_can_migrate (self, model))
    return;

  for (guint i = 0; i < model->fields->len; i++)
    db_delete_m2m (self, model, g_ptr_array_index (model->fields, i));
  g_hash_table_remove (self->tables, name);
}

static PfExpectedColumn *
db_lookup_column (PfExpectedTable *table,
                  const char      *name,
                  guint           *index)
{
  for (guint i = 0; table != NULL && i < table->columns->len; i++)
    {
      PfExpectedColumn *column = g_ptr_array_index (table->columns, i);

      if (strcmp (column->name, name) == 0)
        {
          if (index != NULL)
            *index = i;
          return column;
        }
    }

  return NULL;
}

/* schema_editor.alter_db_table(); FKs pointing at it follow */
static void
db_rename_table (PfMigrationStateReplay *self,
                 const char             *old_name,
                 const char             *new_name,
                 const char             *model_name,
                 const char             *created_by)
{
  PfExpectedTable *table;
  GHashTableIter iter;
  gpointer value;

  if (strcmp (old_name, new_name) == 0)
    return;

  if (g_hash_table_steal_extended (self->tables, old_name, NULL, (gpointer *) &table))
    {
      g_free (table->name);
      table->name = g_strdup (new_name);
      /* Under its new name, the table exists because of the renaming migration */
      if (created_by != NULL)
        {
          g_free (table->created_by);
          table->created_by = g_strdup (created_by);
        }
      if (model_name != NULL && table->model != NULL)
        {
          g_free (table->model);
          table->model = g_strdup (model_name);
        }
      g_hash_table_replace (self->tables, table->name, table);
    }

  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PfExpectedTable *other = value;

      for (guint i = 0; i < other->columns->len; i++)
        {
          PfExpectedColumn *column = g_ptr_array_index (other->columns, i);

          if (g_strcmp0 (column->references, old_name) == 0)
            {
              g_free (column->references);
              column->references = g_strdup (new_name);
            }
        }
    }
}

static void
db_rename_column (PfMigrationStateReplay *self,
                  const char             *table_name,
                  const char             *old_name,
                  const char             *new_name,
                  const char             *created_by)
{
  PfExpectedTable *table = g_hash_table_lookup (self->tables, table_name);
  PfExpectedColumn *column = db_lookup_column (table, old_name, NULL);

  if (column == NULL || strcmp (old_name, new_name) == 0)
    return;

  g_free (column->name);
  column->name = g_strdup (new_name);
  if (created_by != NULL)
    {
      g_free (column->created_by);
      column->created_by = g_strdup (created_by);
    }
}

/* After a rename of a model or its table, or of an M2M field: the
 * auto-created join tables whose names or columns derive from them follow
 * (RenameModel / AlterModelTable database_forwards, _alter_many_to_many).
 * @renamed_model maps the new model key to the old one, @renamed_field the
 * new field name to the old one (for @renamed_field_model). */
static void
db_sync_m2m (PfMigrationStateReplay *self,
             State                  *before,
             State                  *after,
             const char             *renamed_model_old,
             const char             *renamed_model_new,
             const char             *renamed_field_model,
             const char             *renamed_field_old,
             const char             *renamed_field_new,
             const char             *created_by)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Model *new_model = value;
      Model *old_model;

      if (!model_can_migrate (self, new_model))
        continue;

      if (renamed_model_new != NULL && strcmp (key, renamed_model_new) == 0)
        old_model = g_hash_table_lookup (before, renamed_model_old);
      else
        old_model = g_hash_table_lookup (before, key);
      if (old_model == NULL)
        continue;

      for (guint i = 0; i < new_model->fields->len; i++)
        {
          Field *new_field = g_ptr_array_index (new_model->fields, i);
          const char *old_name = new_field->name;
          Field *old_field;
          g_autofree char *old_table = NULL, *old_from = NULL, *old_to = NULL;
          g_autofree char *new_table = NULL, *new_from = NULL, *new_to = NULL;

          if (!new_field->m2m || !new_field->m2m_auto)
            continue;

          if (renamed_field_model != NULL && strcmp (key, renamed_field_model) == 0 &&
              strcmp (new_field->name, renamed_field_new) == 0)
            old_name = renamed_field_old;
          old_field = model_lookup_field (old_model, old_name, NULL);
          if (old_field == NULL || !old_field->m2m || !old_field->m2m_auto)
            continue;

          m2m_layout (old_model, old_field, &old_table, &old_from, &old_to);
          m2m_layout (new_model, new_field, &new_table, &new_from, &new_to);
          db_rename_table (self, old_table, new_table, NULL, created_by);
          db_rename_column (self, new_table, old_from, new_from, created_by);
          db_rename_column (self, new_table, old_to, new_to, created_by);
        }
    }
}

/* ---- operations --------------------------------------------------------- */

static JsonNode *
op_argument (PfMigrationOperation *operation,
             const char           *name)
{
  if (operation->arguments == NULL || !json_object_has_member (operation->arguments, name))
    return NULL;

  return json_object_get_member (operation->arguments, name);
}

static const char *
op_string (PfMigrationOperation *operation,
           const char           *name)
{
  return node_string (op_argument (operation, name));
}

static gboolean
options_get_boolean (JsonObject *options,
                     const char *key,
                     gboolean    fallback)
{
  JsonNode *node;

  if (options == NULL || !json_object_has_member (options, key))
    return fallback;
  node = json_object_get_member (options, key);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);

  return fallback;
}

static JsonObject *
node_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
node_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* CreateModel.state_forwards() + the model class Django renders from it:
 * a concrete base without a parent link gets "<parent>_ptr"; a model
 * without a primary key gets "id" (Options._prepare) */
static Model *
model_new_from_create (PfMigrationStateReplay *self,
                       PfMigrationOperation   *operation,
                       const char             *app)
{
  const char *name = op_string (operation, "name");
  JsonArray *fields = node_array (op_argument (operation, "fields"));
  JsonObject *options = node_object (op_argument (operation, "options"));
  JsonArray *bases = node_array (op_argument (operation, "bases"));
  gboolean has_pk = FALSE;
  Model *model;

  if (name == NULL)
    return NULL;

  model = model_new (app, name);
  if (options != NULL)
    {
      if (json_object_has_member (options, "db_table"))
        model->db_table = g_strdup (node_string (json_object_get_member (options, "db_table")));
      if (json_object_has_member (options, "swappable"))
        model->swappable = g_strdup (node_string (json_object_get_member (options, "swappable")));
      model->managed = options_get_boolean (options, "managed", TRUE);
      model->proxy = options_get_boolean (options, "proxy", FALSE);
    }

  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonArray *pair = node_array (json_array_get_element (fields, i));
      Field *field;

      if (pair == NULL || json_array_get_length (pair) < 2)
        continue;
      field = field_new_from_call (self, node_string (json_array_get_element (pair, 0)),
                                   json_array_get_element (pair, 1), app, name);
      if (field == NULL)
        continue;
      has_pk |= field->primary_key;
      g_ptr_array_add (model->fields, field);
    }

  if (!has_pk && !model->proxy)
    {
      for (guint i = 0; bases != NULL && i < json_array_get_length (bases); i++)
        {
          const char *base = node_string (json_array_get_element (bases, i));
          g_autofree char *target = NULL;
          g_autofree char *ptr_name = NULL;
          Field *field;

          /* Model references are strings; classes (models.Model, mixins) are names */
          if (base == NULL)
            continue;
          target = resolve_relation (self, json_array_get_element (bases, i), app, name);
          ptr_name = g_strdup_printf ("%s_ptr", target_model_name (target));
          field = g_new0 (Field, 1);
          field->name = g_steal_pointer (&ptr_name);
          field->type = g_strdup ("OneToOneField");
          field->relation = TRUE;
          field->primary_key = TRUE;
          field->unique = TRUE;
          field->target = g_steal_pointer (&target);
          g_ptr_array_insert (model->fields, 0, field);
          has_pk = TRUE;
          break;
        }
    }

  if (!has_pk)
    {
      Field *field = g_new0 (Field, 1);

      field->name = g_strdup ("id");
      field->type = g_strdup ("AutoField");
      field->primary_key = TRUE;
      field->unique = TRUE;
      g_ptr_array_insert (model->fields, 0, field);
    }

  return model;
}

/* RunSQL: remember CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name,
 * forget DROP INDEX [CONCURRENTLY] [IF EXISTS] name */
#define SQL_IDENT "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)"

static char *
sql_index_name (const char *qualified)
{
  const char *last = qualified;
  gboolean quoted = FALSE;

  for (const char *p = qualified; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == '.' && !quoted)
        last = p + 1;
    }
  while (g_ascii_isspace (*last))
    last++;

  if (*last == '"')
    {
      g_autoptr(GString) name = g_string_new (NULL);

      for (const char *p = last + 1; *p != '\0'; p++)
        {
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (name, '"');
              p++;
            }
          else if (*p == '"')
            break;
          else
            g_string_append_c (name, *p);
        }
      return g_string_free (g_steal_pointer (&name), FALSE);
    }

  /* PostgreSQL folds unquoted names to lower case */
  return g_ascii_strdown (last, -1);
}

/* RunSQL: CREATE TABLE [IF NOT EXISTS] name makes a table whose columns we
 * do not know (no columns expected); DROP TABLE [IF EXISTS] name drops it */
static void
runsql_scan_tables (PfMigrationStateReplay *self,
                    const char             *sql,
                    const char             *app,
                    const char             *created_by)
{
  static GRegex *create_re, *drop_re;
  g_autoptr(GMatchInfo) match = NULL;

  if (g_once_init_enter (&create_re))
    {
      GRegex *re = g_regex_new ("\\bCREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                                "(" SQL_IDENT "(?:\\s*\\.\\s*" SQL_IDENT ")?)",
                                G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      drop_re = g_regex_new ("\\bDROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?"
                             "(" SQL_IDENT "(?:\\s*\\.\\s*" SQL_IDENT ")?)",
                             G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&create_re, re);
    }

  g_regex_match (create_re, sql, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *qualified = g_match_info_fetch (match, 1);
      g_autofree char *name = sql_index_name (qualified);

      if (!g_hash_table_contains (self->tables, name))
        {
          PfExpectedTable *table = expected_table_new (name, app, NULL, created_by);
          g_hash_table_replace (self->tables, table->name, table);
        }
      g_match_info_next (match, NULL);
    }
  g_clear_pointer (&match, g_match_info_free);

  g_regex_match (drop_re, sql, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *qualified = g_match_info_fetch (match, 1);
      g_autofree char *name = sql_index_name (qualified);

      g_hash_table_remove (self->tables, name);
      g_match_info_next (match, NULL);
    }
}

static void
runsql_scan (PfMigrationStateReplay *self,
             const char             *sql,
             const char             *app,
             const char             *created_by)
{
  static GRegex *create_re, *drop_re;
  g_autoptr(GMatchInfo) match = NULL;

  if (g_once_init_enter (&create_re))
    {
      GRegex *re = g_regex_new ("\\bCREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                                "(" SQL_IDENT "(?:\\s*\\.\\s*" SQL_IDENT ")?)\\s+ON\\b",
                                G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      drop_re = g_regex_new ("\\bDROP\\s+INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+EXISTS\\s+)?"
                             "(" SQL_IDENT "(?:\\s*\\.\\s*" SQL_IDENT ")?)",
                             G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&create_re, re);
    }

  g_regex_match (create_re, sql, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *qualified = g_match_info_fetch (match, 1);
      g_autofree char *name = sql_index_name (qualified);

      if (!g_hash_table_contains (self->index_origins, name))
        g_ptr_array_add (self->indexes, g_strdup (name));
      g_hash_table_replace (self->index_origins, g_strdup (name), g_strdup (created_by));
      g_match_info_next (match, NULL);
    }
  g_clear_pointer (&match, g_match_info_free);

  g_regex_match (drop_re, sql, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *qualified = g_match_info_fetch (match, 1);
      g_autofree char *name = sql_index_name (qualified);

      if (g_hash_table_remove (self->index_origins, name))
        {
          for (guint i = 0; i < self->indexes->len; i++)
            if (strcmp (g_ptr_array_index (self->indexes, i), name) == 0)
              {
                g_ptr_array_remove_index (self->indexes, i);
                break;
              }
        }
      g_match_info_next (match, NULL);
    }

  runsql_scan_tables (self, sql, app, created_by);
}

static void
runsql_apply (PfMigrationStateReplay *self,
              JsonNode               *node,
              const char             *app,
              const char             *created_by)
{
  JsonArray *array;

  if (node == NULL)
    return;

  if (node_string (node) != NULL)
    {
      runsql_scan (self, node_string (node), app, created_by);
      return;
    }

  /* A list of statements, each a string or a (sql, params) pair */
  array = node_array (node);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonArray *pair = node_array (element);

      if (pair != NULL && json_array_get_length (pair) > 0)
        element = json_array_get_element (pair, 0);
      if (node_string (element) != NULL)
        runsql_scan (self, node_string (element), app, created_by);
    }
}

static void apply_operation (PfMigrationStateReplay *self,
                             State                  *state,
                             PfMigrationOperation   *operation,
                             gboolean                database,
                             const char             *app,
                             const char             *created_by);

static void
apply_operation (PfMigrationStateReplay *self,
                 State                  *state,
                 PfMigrationOperation   *operation,
                 gboolean                database,
                 const char             *app,
                 const char             *created_by)
{
  const char *kind = operation->kind;

  if (kind == NULL)
    return;

  if (strcmp (kind, "CreateModel") == 0)
    {
      Model *model = model_new_from_create (self, operation, app);
      g_autofree char *key = NULL;

      if (model == NULL)
        return;
      key = model_key (app, model->name);
      g_hash_table_replace (state, g_strdup (key), model);
      if (database)
        db_create_model (self, state, model, created_by);
    }
  else if (strcmp (kind, "DeleteModel") == 0)
    {
      const char *name = op_string (operation, "name");
      Model *model = state_lookup (state, app, name);
      g_autofree char *key = NULL;

      if (model == NULL)
        return;
      if (database)
        db_delete_model (self, model);
      key = model_key (app, name);
      g_hash_table_remove (state, key);
    }
  else if (strcmp (kind, "RenameModel") == 0)
    {
      const char *old_name = op_string (operation, "old_name");
      const char *new_name = op_string (operation, "new_name");
      Model *model = state_lookup (state, app, old_name);
      g_autoptr(GHashTable) before = NULL;
      g_autofree char *old_key = NULL;
      g_autofree char *new_key = NULL;
      g_autofree char *old_table = NULL;
      g_autofree char *new_table = NULL;
      GHashTableIter iter;
      gpointer value;

      if (model == NULL || new_name == NULL)
        return;

      before = state_clone (state);
      old_key = model_key (app, old_name);
      new_key = model_key (app, new_name);
      old_table = model_table (model);
      {
        gpointer stolen_key = NULL;

        g_hash_table_steal_extended (state, old_key, &stolen_key, NULL);
        g_free (stolen_key);
      }
      g_free (model->name);
      g_free (model->name_lower);
      model->name = g_strdup (new_name);
      model->name_lower = g_utf8_strdown (new_name, -1);
      g_hash_table_replace (state, g_strdup (new_key), model);
      new_table = model_table (model);

      /* Relations pointing at the old name follow (state.py rename) */
      g_hash_table_iter_init (&iter, state);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Model *other = value;

          for (guint i = 0; i < other->fields->len; i++)
            {
              Field *field = g_ptr_array_index (other->fields, i);

              if (g_strcmp0 (field->target, old_key) == 0)
                {
                  g_free (field->target);
                  field->target = g_strdup (new_key);
                }
            }
        }

      /* The table is renamed only when it had the default name */
      if (database && model_can_migrate (self, model))
        {
          db_rename_table (self, old_table, new_table, new_name, created_by);
          db_sync_m2m (self, before, state, old_key, new_key, NULL, NULL, NULL, created_by);
        }
    }
  else if (strcmp (kind, "AlterModelTable") == 0)
    {
      Model *model = state_lookup (state, app, op_string (operation, "name"));
      g_autoptr(GHashTable) before = NULL;
      g_autofree char *old_table = NULL;
      g_autofree char *new_table = NULL;

      if (model == NULL)
        return;
      before = state_clone (state);
      old_table = model_table (model);
      g_free (model->db_table);
      model->db_table = g_strdup (op_string (operation, "table"));
      new_table = model_table (model);
      if (database && model_can_migrate (self, model))
        {
          db_rename_table (self, old_table, new_table, NULL, created_by);
          db_sync_m2m (self, before, state, NULL, NULL, NULL, NULL, NULL, created_by);
        }
    }
  else if (strcmp (kind, "AlterModelOptions") == 0)
    {
      /* ALTER_OPTION_KEYS include "managed" (missing = back to the
       * default); "proxy" is not one of them. database_forwards does
       * nothing: no table appears or disappears. */
      Model *model = state_lookup (state, app, op_string (operation, "name"));
      JsonObject *options = node_object (op_argument (operation, "options"));

      if (model == NULL)
        return;
      model->managed = options_get_boolean (options, "managed", TRUE);
    }
  else if (strcmp (kind, "AddField") == 0)
    {
      const char *model_name = op_string (operation, "model_name");
      Model *model = state_lookup (state, app, model_name);
      Field *field;

      if (model == NULL)
        return;
      field = field_new_from_call (self, op_string (operation, "name"), op_argument (operation, "field"), app, model->name);
      if (field == NULL)
        return;
      {
        guint index;
        if (model_lookup_field (model, field->name, &index) != NULL)
          g_ptr_array_remove_index (model->fields, index);
      }
      g_ptr_array_add (model->fields, field);

      if (database && model_can_migrate (self, model))
        {
          if (field->m2m)
            db_create_m2m (self, state, model, field, created_by);
          else
            {
              g_autofree char *table_name = model_table (model);
              PfExpectedTable *table = g_hash_table_lookup (self->tables, table_name);
              g_autofree char *column_name = field_column (field);

              if (table != NULL && db_lookup_column (table, column_name, NULL) == NULL)
                g_ptr_array_add (table->columns, column_new_for_field (self, state, field, created_by));
            }
        }
    }
  else if (strcmp (kind, "RemoveField") == 0)
    {
      Model *model = state_lookup (state, app, op_string (operation, "model_name"));
      const char *name = op_string (operation, "name");
      Field *field;
      guint index;

      if (model == NULL || name == NULL || (field = model_lookup_field (model, name, &index)) == NULL)
        return;

      if (database && model_can_migrate (self, model))
        {
          if (field->m2m)
            db_delete_m2m (self, model, field);
          else
            {
              g_autofree char *table_name = model_table (model);
              g_autofree char *column_name = field_column (field);
              PfExpectedTable *table = g_hash_table_lookup (self->tables, table_name);
              guint at;

              if (db_lookup_column (table, column_name, &at) != NULL)
                g_ptr_array_remove_index (table->columns, at);
            }
        }
      g_ptr_array_remove_index (model->fields, index);
    }
  else if (strcmp (kind, "AlterField") == 0)
    {
      Model *model = state_lookup (state, app, op_string (operation, "model_name"));
      const char *name = op_string (operation, "name");
      Field *old_field, *new_field;
      guint index;

      if (model == NULL || name == NULL || (old_field = model_lookup_field (model, name, &index)) == NULL)
        return;
      new_field = field_new_from_call (self, name, op_argument (operation, "field"), app, model->name);
      if (new_field == NULL)
        return;

      if (database && model_can_migrate (self, model) && !old_field->m2m && !new_field->m2m)
        {
          g_autofree char *table_name = model_table (model);
          g_autofree char *old_column = field_column (old_field);
          g_autofree char *new_column = field_column (new_field);
          PfExpectedTable *table = g_hash_table_lookup (self->tables, table_name);
          PfExpectedColumn *column;
          guint at;

          if ((column = db_lookup_column (table, old_column, &at)) != NULL)
            {
              PfExpectedColumn *replacement = column_new_for_field (self, state, new_field,
                                                                     strcmp (old_column, new_column) != 0
                                                                     ? created_by : column->created_by);
              g_ptr_array_index (table->columns, at) = replacement;
              pf_expected_column_free (column);
            }
        }

      g_ptr_array_index (model->fields, index) = new_field;
      field_free (old_field);
    }
  else if (strcmp (kind, "RenameField") == 0)
    {
      Model *model = state_lookup (state, app, op_string (operation, "model_name"));
      const char *old_name = op_string (operation, "old_name");
      const char *new_name = op_string (operation, "new_name");
      g_autoptr(GHashTable) before = NULL;
      g_autofree char *old_column = NULL;
      g_autofree char *new_column = NULL;
      Field *field;

      if (model == NULL || old_name == NULL || new_name == NULL ||
          (field = model_lookup_field (model, old_name, NULL)) == NULL)
        return;

      before = state_clone (state);
      old_column = field_column (field);
      g_free (field->name);
      field->name = g_strdup (new_name);
      new_column = field_column (field);

      if (database && model_can_migrate (self, model))
        {
          g_autofree char *table_name = model_table (model);

          g_autofree char *key = model_key (app, model->name);

          if (field->m2m)
            db_sync_m2m (self, before, state, NULL, NULL, key, old_name, new_name, created_by);
          else
            db_rename_column (self, table_name, old_column, new_column, created_by);
        }
    }
  else if (strcmp (kind, "SeparateDatabaseAndState") == 0)
    {
      /* special.py: database_operations run against a copy of the state */
      if (database && operation->database_operations != NULL)
        {
          g_autoptr(GHashTable) scratch = state_clone (state);

          for (guint i = 0; i < operation->database_operations->len; i++)
            apply_operation (self, scratch, g_ptr_array_index (operation->database_operations, i),
                             TRUE, app, created_by);
        }
      for (guint i = 0; operation->state_operations != NULL && i < operation->state_operations->len; i++)
        apply_operation (self, state, g_ptr_array_index (operation->state_operations, i),
                         FALSE, app, created_by);
    }
  else if (strcmp (kind, "RunSQL") == 0)
    {
      /* Its state_operations (rare) are not replayed */
      if (database)
        runsql_apply (self, op_argument (operation, "sql"), app, created_by);
    }
  /* Everything else (indexes, constraints, RunPython, …) leaves tables and
   * columns as they are */
}

/* ---- object ------------------------------------------------------------- */

static void
pf_migration_state_replay_finalize (GObject *object)
{
  PfMigrationStateReplay *self = (PfMigrationStateReplay *) object;

  g_clear_pointer (&self->auth_user_model, g_free);
  g_clear_pointer (&self->state, g_hash_table_unref);
  g_clear_pointer (&self->tables, g_hash_table_unref);
  g_clear_pointer (&self->indexes, g_ptr_array_unref);
  g_clear_pointer (&self->index_origins, g_hash_table_unref);

  G_OBJECT_CLASS (pf_migration_state_replay_parent_class)->finalize (object);
}

static void
pf_migration_state_replay_class_init (PfMigrationStateReplayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_migration_state_replay_finalize;
}

static void
pf_migration_state_replay_init (PfMigrationStateReplay *self)
{
  self->state = state_new ();
  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) pf_expected_table_free);
  self->indexes = g_ptr_array_new_with_free_func (g_free);
  self->index_origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

PfMigrationStateReplay *
pf_migration_state_replay_new (const char *auth_user_model)
{
  PfMigrationStateReplay *self = g_object_new (PF_TYPE_MIGRATION_STATE_REPLAY, NULL);
  const char *value = auth_user_model != NULL ? auth_user_model : "auth.User";
  const char *dot = strrchr (value, '.');

  if (dot != NULL)
    {
      g_autofree char *app = g_strndup (value, dot - value);
      g_autofree char *model = g_utf8_strdown (dot + 1, -1);

      self->auth_user_model = g_strdup_printf ("%s.%s", app, model);
    }
  else
    self->auth_user_model = g_strdup ("auth.user");

  return self;
}

void
pf_migration_state_replay_apply (PfMigrationStateReplay *self,
                                 PfMigration            *migration)
{
  GPtrArray *operations;
  g_autofree char *created_by = NULL;
  const char *app;

  g_return_if_fail (PF_IS_MIGRATION_STATE_REPLAY (self));
  g_return_if_fail (PF_IS_MIGRATION (migration));

  app = pf_migration_get_app (migration);
  created_by = g_strdup_printf ("%s.%s", app, pf_migration_get_name (migration));
  operations = pf_migration_get_operations (migration);
  for (guint i = 0; operations != NULL && i < operations->len; i++)
    apply_operation (self, self->state, g_ptr_array_index (operations, i), TRUE, app, created_by);
}

static int
table_compare (gconstpointer a,
               gconstpointer b)
{
  const PfExpectedTable *ta = *(PfExpectedTable * const *) a;
  const PfExpectedTable *tb = *(PfExpectedTable * const *) b;

  return strcmp (ta->name, tb->name);
}

GPtrArray *
pf_migration_state_replay_dup_tables (PfMigrationStateReplay *self)
{
  GPtrArray *tables;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (PF_IS_MIGRATION_STATE_REPLAY (self), NULL);

  tables = g_ptr_array_new_with_free_func ((GDestroyNotify) pf_expected_table_free);
  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (tables, pf_expected_table_copy (value));
  g_ptr_array_sort (tables, table_compare);

  return tables;
}

PfExpectedTable *
pf_migration_state_replay_lookup_table (PfMigrationStateReplay *self,
                                        const char             *table)
{
  g_return_val_if_fail (PF_IS_MIGRATION_STATE_REPLAY (self), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  return g_hash_table_lookup (self->tables, table);
}

const char *
pf_migration_state_replay_get_model_table (PfMigrationStateReplay *self,
                                           const char             *app,
                                           const char             *model)
{
  Model *state_model;
  g_autofree char *name = NULL;
  PfExpectedTable *table;

  g_return_val_if_fail (PF_IS_MIGRATION_STATE_REPLAY (self), NULL);
  g_return_val_if_fail (app != NULL && model != NULL, NULL);

  state_model = state_lookup (self->state, app, model);
  if (state_model == NULL || !model_can_migrate (self, state_model))
    return NULL;

  name = model_table (state_model);
  table = g_hash_table_lookup (self->tables, name);

  return table != NULL ? table->name : NULL;
}

GStrv
pf_migration_state_replay_dup_runsql_indexes (PfMigrationStateReplay *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PF_IS_MIGRATION_STATE_REPLAY (self), NULL);

  for (guint i = 0; i < self->indexes->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->indexes, i));

  return g_strv_builder_end (builder);
}

const char *
pf_migration_state_replay_get_runsql_index_origin (PfMigrationStateReplay *self,
                                                   const char             *index)
{
  g_return_val_if_fail (PF_IS_MIGRATION_STATE_REPLAY (self), NULL);

  return g_hash_table_lookup (self->index_origins, index);
}

GStrv
pf_migration_state_replay_dup_known_tables (PfMigrationStateReplay *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (PF_IS_MIGRATION_STATE_REPLAY (self), NULL);

  g_hash_table_iter_init (&iter, self->state);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Model *model = value;
      g_autofree char *name = model_table (model);

      g_strv_builder_add (builder, name);
      for (guint i = 0; i < model->fields->len; i++)
        {
          Field *field = g_ptr_array_index (model->fields, i);
          g_autofree char *table = NULL, *from = NULL, *to = NULL;

          if (!field->m2m || !field->m2m_auto)
            continue;
          m2m_layout (model, field, &table, &from, &to);
          g_strv_builder_add (builder, table);
        }
    }

  return g_strv_builder_end (builder);
}
