/* pf-migration-summary.c — what a migration does, in one plain sentence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Django writes model names as the class is spelled in CreateModel
 * ("StaffCertification") but lowercased everywhere else (AddField's
 * model_name='staffcertification'). CamelCase splits at its capitals; a
 * lowercased name is split into words only when it is made entirely of
 * common words (below), otherwise it is kept whole.
 */

#define G_LOG_DOMAIN "pf-migration-summary"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-migration-summary.h"
#include "pf-words.h"

/* ---- readable model names ------------------------------------------------ */

/* Words that lowercased model names are commonly made of */
static const char * const common_words[] = {
  "access", "account", "action", "activity", "address", "admin", "agent", "alert", "api",
  "app", "appointment", "approval", "article", "asset", "attachment", "attendance", "audit",
  "author", "availability", "balance", "bank", "batch", "billing", "blog", "book", "booking",
  "branch", "budget", "cart", "case", "category", "certification", "change", "channel",
  "check", "client", "code", "comment", "company", "config", "contact", "content", "contract",
  "cost", "country", "coupon", "course", "customer", "data", "day", "department", "detail",
  "device", "document", "email", "employee", "entry", "event", "export", "feature", "feed",
  "field", "file", "group", "history", "holiday", "hour", "image", "import", "invoice", "issue",
  "item", "job", "key", "leave", "level", "line", "link", "location", "log", "login", "member",
  "membership", "message", "meta", "method", "note", "notification", "order", "organisation",
  "organization", "overtime", "owner", "page", "password", "payment", "payroll", "period",
  "permission", "person", "phone", "plan", "post", "preference", "price", "product", "profile",
  "project", "rate", "record", "report", "request", "reset", "response", "review", "role",
  "rule", "schedule", "session", "setting", "shift", "site", "skill", "slot", "staff", "status",
  "stock", "subscription", "supplier", "swap", "tag", "task", "team", "template", "ticket",
  "time", "token", "training", "transaction", "type", "unit", "user", "vacation", "version",
  "week", "work", "zone",
};

static gboolean
is_common_word (const char *text,
                gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (common_words); i++)
    if (strlen (common_words[i]) == length && strncmp (common_words[i], text, length) == 0)
      return TRUE;

  return FALSE;
}

/* "staffprofile" → "staff profile" when every part is a common word, with
 * as few words as possible; NULL otherwise */
static char *
split_lowercase (const char *word)
{
  gsize length = strlen (word);
  g_autofree guint *best = g_new0 (guint, length + 1);   /* words to cover word[0..i) */
  g_autofree gsize *from = g_new0 (gsize, length + 1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  GString *result;

  for (gsize i = 1; i <= length; i++)
    for (gsize j = 0; j < i; j++)
      if ((j == 0 || best[j] > 0) && is_common_word (word + j, i - j) &&
          (best[i] == 0 || best[j] + 1 < best[i]))
        {
          best[i] = best[j] + 1;
          from[i] = j;
        }

  if (best[length] == 0)
    return NULL;

  result = g_string_new (NULL);
  for (gsize end = length; end > 0; end = from[end])
    g_ptr_array_insert (parts, 0, GSIZE_TO_POINTER (end));
  {
    gsize start = 0;

    for (guint i = 0; i < parts->len; i++)
      {
        gsize end = GPOINTER_TO_SIZE (g_ptr_array_index (parts, i));

        if (i > 0)
          g_string_append_c (result, ' ');
        g_string_append_len (result, word + start, end - start);
        start = end;
      }
  }

  return g_string_free (result, FALSE);
}

/* "StaffCertification" → "staff certification", "HTTPLog" → "http log",
 * "access_log" → "access log", "accesslog" → "access log" */
static char *
dup_words (const char *name)
{
  g_autoptr(GString) words = g_string_new (NULL);
  gboolean has_upper = FALSE;
  gsize length = strlen (name);

  for (gsize i = 0; i < length; i++)
    if (g_ascii_isupper (name[i]))
      has_upper = TRUE;

  for (gsize i = 0; i < length; i++)
    {
      char c = name[i];

      if (c == '_' || c == ' ')
        {
          if (words->len > 0 && words->str[words->len - 1] != ' ')
            g_string_append_c (words, ' ');
          continue;
        }

      /* A capital starts a word, unless it continues an acronym */
      if (g_ascii_isupper (c) && i > 0 && words->len > 0 && words->str[words->len - 1] != ' ' &&
          (!g_ascii_isupper (name[i - 1]) ||
           (i + 1 < length && g_ascii_islower (name[i + 1]))))
        g_string_append_c (words, ' ');
      g_string_append_c (words, g_ascii_tolower (c));
    }

  if (words->len > 0 && words->str[words->len - 1] == ' ')
    g_string_truncate (words, words->len - 1);

  if (!has_upper)
    {
      g_auto(GStrv) parts = g_strsplit (words->str, " ", -1);
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_autofree char *split = split_lowercase (parts[i]);

          if (i > 0)
            g_string_append_c (joined, ' ');
          g_string_append (joined, split != NULL ? split : parts[i]);
        }
      return g_string_free (g_steal_pointer (&joined), FALSE);
    }

  return g_string_free (g_steal_pointer (&words), FALSE);
}

/* "StaffCertification" → "staff certifications" */
static char *
dup_model_plural (const char *name)
{
  g_autofree char *words = dup_words (name);

  return pf_words_dup_plural (words);
}

/* ---- arguments ------------------------------------------------------------ */

static gboolean
argument_is_set (PfMigrationOperation *operation,
                 const char           *name)
{
  JsonNode *node = pf_migration_operation_get_argument (operation, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

/* A call argument's keyword argument as a string: the name of
 * models.Index(fields=[…], name='i') */
static const char *
call_kwarg_string (PfMigrationOperation *operation,
                   const char           *argument,
                   const char           *kwarg)
{
  JsonNode *node = pf_migration_operation_get_argument (operation, argument);
  JsonObject *call;
  JsonObject *kwargs;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  call = json_node_get_object (node);
  if (!json_object_has_member (call, "kwargs"))
    return NULL;
  kwargs = json_object_get_object_member (call, "kwargs");
  if (kwargs == NULL || !json_object_has_member (kwargs, kwarg))
    return NULL;
  value = json_object_get_member (kwargs, kwarg);
  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (value);
}

static char *
dup_generic (PfMigrationOperation *operation)
{
  /* Translators: the operation's class name from the migration file, e.g. "Runs the operation AddColumnDefault" */
  return g_strdup_printf (_("Runs the operation %s"), operation->kind);
}

static char *
dup_operations_summary (GPtrArray *operations);

/* ---- one operation ------------------------------------------------------- */

char *
pf_migration_operation_dup_summary (PfMigrationOperation *operation)
{
  const char *kind;
  const char *model_name;
  const char *name;
  g_autofree char *model = NULL;

  g_return_val_if_fail (operation != NULL, NULL);

  kind = operation->kind != NULL ? operation->kind : "";
  model_name = pf_migration_operation_get_string (operation, "model_name");
  name = pf_migration_operation_get_string (operation, "name");

  /* Operations on a whole model name it "name"; those on a part of it
   * "model_name" */
  if (model_name != NULL)
    model = dup_model_plural (model_name);

  if (g_str_equal (kind, "RunSQL") || g_str_equal (kind, "RunPython"))
    {
      gboolean python = g_str_equal (kind, "RunPython");

      if (argument_is_set (operation, python ? "reverse_code" : "reverse_sql"))
        return g_strdup (python ? _("Runs custom Python code") : _("Runs custom SQL"));

      return g_strdup (python
                       ? _("Runs custom Python code — cannot be undone automatically")
                       : _("Runs custom SQL — cannot be undone automatically"));
    }

  if (g_str_equal (kind, "SeparateDatabaseAndState"))
    {
      if (operation->database_operations == NULL || operation->database_operations->len == 0)
        return g_strdup (_("Changes only Django's record of the models; the database is not touched"));

      return dup_operations_summary (operation->database_operations);
    }

  if (g_str_equal (kind, "AlterModelOptions") || g_str_equal (kind, "AlterModelManagers"))
    return g_strdup (_("Changes only Django's model settings; the database is not touched"));

  if (name != NULL && model_name == NULL)
    {
      g_autofree char *table = dup_model_plural (name);

      if (g_str_equal (kind, "CreateModel"))
        /* Translators: %s is a model in plain words, e.g. "Creates the table for staff certifications" */
        return g_strdup_printf (_("Creates the table for %s"), table);
      if (g_str_equal (kind, "DeleteModel"))
        /* Translators: %s is a model in plain words, e.g. "Deletes the table for staff certifications" */
        return g_strdup_printf (_("Deletes the table for %s"), table);
      if (g_str_equal (kind, "AlterModelTable"))
        {
          const char *db_table = pf_migration_operation_get_string (operation, "table");

          if (db_table != NULL)
            /* Translators: "Moves shifts to the table scheduling_shift" */
            return g_strdup_printf (_("Moves %s to the table %s"), table, db_table);
          /* Translators: "Moves shifts back to their default table" */
          return g_strdup_printf (_("Moves %s back to their default table"), table);
        }
      if (g_str_equal (kind, "AlterUniqueTogether"))
        /* Translators: "Changes which columns must be unique together in shifts" */
        return g_strdup_printf (_("Changes which columns must be unique together in %s"), table);
      if (g_str_equal (kind, "AlterIndexTogether"))
        /* Translators: "Changes the indexes on several columns of shifts" */
        return g_strdup_printf (_("Changes the indexes on several columns of %s"), table);
      if (g_str_equal (kind, "AlterOrderWithRespectTo"))
        /* Translators: "Changes how shifts are ordered (the _order column)" */
        return g_strdup_printf (_("Changes how %s are ordered (the _order column)"), table);
      if (g_str_equal (kind, "CreateExtension") || g_str_has_suffix (kind, "Extension"))
        /* Translators: %s is a PostgreSQL extension, e.g. "Installs the PostgreSQL extension pg_trgm" */
        return g_strdup_printf (_("Installs the PostgreSQL extension %s"), name);
      if (g_str_equal (kind, "CreateCollation"))
        /* Translators: %s is a collation (a sort order), e.g. "Creates the collation german" */
        return g_strdup_printf (_("Creates the collation %s"), name);
      if (g_str_equal (kind, "RemoveCollation"))
        /* Translators: %s is a collation (a sort order), e.g. "Removes the collation german" */
        return g_strdup_printf (_("Removes the collation %s"), name);
    }

  if (g_str_equal (kind, "RenameModel"))
    {
      const char *old_name = pf_migration_operation_get_string (operation, "old_name");
      const char *new_name = pf_migration_operation_get_string (operation, "new_name");

      if (old_name != NULL && new_name != NULL)
        {
          g_autofree char *old_table = dup_model_plural (old_name);
          g_autofree char *new_table = dup_model_plural (new_name);

          /* Translators: "Renames the table for access logs to audit entries" */
          return g_strdup_printf (_("Renames the table for %s to %s"), old_table, new_table);
        }
    }

  if (model != NULL && g_str_equal (kind, "RenameField"))
    {
      const char *old_name = pf_migration_operation_get_string (operation, "old_name");
      const char *new_name = pf_migration_operation_get_string (operation, "new_name");

      if (old_name != NULL && new_name != NULL)
        /* Translators: "Renames the column hours of shifts to duration" */
        return g_strdup_printf (_("Renames the column %s of %s to %s"), old_name, model, new_name);
    }

  if (model != NULL && name != NULL)
    {
      if (g_str_equal (kind, "AddField"))
        /* Translators: "Adds the column is_overtime to shifts" */
        return g_strdup_printf (_("Adds the column %s to %s"), name, model);
      if (g_str_equal (kind, "RemoveField"))
        /* Translators: "Removes the column user_agent from access logs" */
        return g_strdup_printf (_("Removes the column %s from %s"), name, model);
      if (g_str_equal (kind, "AlterField"))
        /* Translators: "Changes the column status of shifts" */
        return g_strdup_printf (_("Changes the column %s of %s"), name, model);
      if (g_str_equal (kind, "RemoveIndex"))
        /* Translators: "Removes the index shift_start_idx from shifts" */
        return g_strdup_printf (_("Removes the index %s from %s"), name, model);
      if (g_str_equal (kind, "RemoveIndexConcurrently"))
        /* Translators: "Removes the index shift_start_idx from shifts without blocking writes" */
        return g_strdup_printf (_("Removes the index %s from %s without blocking writes"), name, model);
      if (g_str_equal (kind, "RemoveConstraint"))
        /* Translators: a constraint is a rule the database enforces, e.g. "Removes the constraint unique_badge from staff profiles" */
        return g_strdup_printf (_("Removes the constraint %s from %s"), name, model);
      if (g_str_equal (kind, "ValidateConstraint"))
        /* Translators: "Checks the existing rows of shifts against the constraint hours_positive" */
        return g_strdup_printf (_("Checks the existing rows of %s against the constraint %s"), model, name);
    }

  if (model != NULL)
    {
      if (g_str_equal (kind, "AddIndex") || g_str_equal (kind, "AddIndexConcurrently"))
        {
          const char *index = call_kwarg_string (operation, "index", "name");
          gboolean concurrently = g_str_equal (kind, "AddIndexConcurrently");

          if (index != NULL)
            return g_strdup_printf (concurrently
                                    /* Translators: "Adds the index shift_start_idx to shifts without blocking writes" */
                                    ? _("Adds the index %s to %s without blocking writes")
                                    /* Translators: "Adds the index shift_start_idx to shifts" */
                                    : _("Adds the index %s to %s"),
                                    index, model);
          return g_strdup_printf (concurrently
                                  /* Translators: "Adds an index to shifts without blocking writes" */
                                  ? _("Adds an index to %s without blocking writes")
                                  /* Translators: "Adds an index to shifts" */
                                  : _("Adds an index to %s"),
                                  model);
        }
      if (g_str_equal (kind, "AddConstraint") || g_str_equal (kind, "AddConstraintNotValid"))
        {
          const char *constraint = call_kwarg_string (operation, "constraint", "name");
          gboolean not_valid = g_str_equal (kind, "AddConstraintNotValid");

          if (constraint != NULL)
            return g_strdup_printf (not_valid
                                    /* Translators: "Adds the constraint hours_positive to shifts without checking the existing rows" */
                                    ? _("Adds the constraint %s to %s without checking the existing rows")
                                    /* Translators: a constraint is a rule the database enforces, e.g. "Adds the constraint hours_positive to shifts" */
                                    : _("Adds the constraint %s to %s"),
                                    constraint, model);
          return g_strdup_printf (not_valid
                                  /* Translators: "Adds a constraint to shifts without checking the existing rows" */
                                  ? _("Adds a constraint to %s without checking the existing rows")
                                  /* Translators: "Adds a constraint to shifts" */
                                  : _("Adds a constraint to %s"),
                                  model);
        }
    }

  return dup_generic (operation);
}

/* ---- technical form ------------------------------------------------------- */

static void
append_python_string (GString    *out,
                      const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\'': g_string_append (out, "\\'"); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
  g_string_append_c (out, '\'');
}

/* Strings, numbers, booleans, names and calls; FALSE for lists and dicts,
 * which are left out */
static gboolean
append_python_value (GString  *out,
                     JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "None");
      return TRUE;
    }

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        append_python_string (out, json_node_get_string (node));
      else if (type == G_TYPE_BOOLEAN)
        g_string_append (out, json_node_get_boolean (node) ? "True" : "False");
      else if (type == G_TYPE_INT64)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (type == G_TYPE_DOUBLE)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
        }
      else
        return FALSE;
      return TRUE;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (json_object_has_member (object, "call") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "call")))
        {
          g_string_append_printf (out, "%s(…)", json_object_get_string_member (object, "call"));
          return TRUE;
        }
      if (json_object_get_size (object) == 1 && json_object_has_member (object, "name") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "name")))
        {
          g_string_append (out, json_object_get_string_member (object, "name"));
          return TRUE;
        }
      if (json_object_get_size (object) == 1 && json_object_has_member (object, "expr") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "expr")))
        {
          g_string_append (out, json_object_get_string_member (object, "expr"));
          return TRUE;
        }
    }

  return FALSE;
}

char *
pf_migration_operation_dup_technical (PfMigrationOperation *operation)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean first = TRUE;

  g_return_val_if_fail (operation != NULL, NULL);

  if (operation->module != NULL)
    g_string_append_printf (out, "%s.", operation->module);
  g_string_append (out, operation->kind != NULL ? operation->kind : "");
  g_string_append_c (out, '(');

  if (operation->arguments != NULL)
    {
      /* in the order written (json_object_iter would follow the hash table) */
      g_autoptr(GList) members = json_object_get_members (operation->arguments);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *member = l->data;
          JsonNode *node = json_object_get_member (operation->arguments, member);
          g_autoptr(GString) value = g_string_new (NULL);

          /* positional arguments of unknown operations */
          if (member[0] == '*')
            continue;
          if (!append_python_value (value, node))
            continue;

          g_string_append_printf (out, "%s%s=%s", first ? "" : ", ", member, value->str);
          first = FALSE;
        }
    }

  g_string_append_c (out, ')');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- a whole migration ---------------------------------------------------- */

static char *
dup_operations_summary (GPtrArray *operations)
{
  g_autofree char *first = NULL;
  guint more;

  if (operations == NULL || operations->len == 0)
    return g_strdup (_("Changes nothing in the database"));

  first = pf_migration_operation_dup_summary (g_ptr_array_index (operations, 0));
  if (operations->len == 1)
    return g_steal_pointer (&first);

  more = operations->len - 1;
  /* Translators: the first operation's summary and how many operations follow,
   * e.g. "Removes the column user_agent from access logs, and 1 more change" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, and %u more change", "%s, and %u more changes", more),
                          first, more);
}

char *
pf_migration_dup_summary (PfMigration *migration)
{
  g_return_val_if_fail (PF_IS_MIGRATION (migration), NULL);

  return dup_operations_summary (pf_migration_get_operations (migration));
}

static void
append_sql_statement (GString  *text,
                      JsonNode *node)
{
  g_autofree char *sql = NULL;

  /* RunSQL takes a string, a list of strings, or (sql, params) pairs */
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    node = json_array_get_element (json_node_get_array (node), 0);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return;

  sql = g_strdup (json_node_get_string (node));
  if (text->len > 0)
    g_string_append (text, "\n\n");
  g_string_append (text, g_strstrip (sql));
}

char *
pf_migration_operation_dup_sql (PfMigrationOperation *operation,
                                const char           *argument)
{
  JsonNode *node;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (operation != NULL, NULL);

  node = pf_migration_operation_get_argument (operation, argument);
  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *statements = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (statements); i++)
        append_sql_statement (text, json_array_get_element (statements, i));
    }
  else
    append_sql_statement (text, node);

  return text->len > 0 ? g_strdup (text->str) : NULL;
}
