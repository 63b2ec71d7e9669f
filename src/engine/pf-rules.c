/* pf-rules.c — what the user says their data must look like (--rules FILE)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pf-rules.h"

#define RULES_SCHEMA "preflight-rules/1"

struct _PfRules
{
  GObject    parent_instance;

  GPtrArray *unique;         /* PfUniqueRule */
  GPtrArray *formats;        /* PfFormatRule */
  GPtrArray *not_null;       /* PfNotNullRule */
  GPtrArray *relationships;  /* PfRelationshipRule */
};

G_DEFINE_FINAL_TYPE (PfRules, pf_rules, G_TYPE_OBJECT)

G_DEFINE_QUARK (pf-rules-error-quark, pf_rules_error)

static void
unique_rule_free (gpointer data)
{
  PfUniqueRule *rule = data;

  g_free (rule->table);
  g_strfreev (rule->columns);
  g_free (rule);
}

static void
format_rule_free (gpointer data)
{
  PfFormatRule *rule = data;

  g_free (rule->table);
  g_free (rule->column);
  g_free (rule->pattern);
  g_free (rule);
}

static void
not_null_rule_free (gpointer data)
{
  PfNotNullRule *rule = data;

  g_free (rule->table);
  g_free (rule->column);
  g_free (rule);
}

static void
relationship_rule_free (gpointer data)
{
  PfRelationshipRule *rule = data;

  g_free (rule->columns_glob);
  g_free (rule->references_table);
  g_free (rule->references_column);
  g_free (rule);
}

static void
pf_rules_finalize (GObject *object)
{
  PfRules *self = PF_RULES (object);

  g_clear_pointer (&self->unique, g_ptr_array_unref);
  g_clear_pointer (&self->formats, g_ptr_array_unref);
  g_clear_pointer (&self->not_null, g_ptr_array_unref);
  g_clear_pointer (&self->relationships, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_rules_parent_class)->finalize (object);
}

static void
pf_rules_class_init (PfRulesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_rules_finalize;
}

static void
pf_rules_init (PfRules *self)
{
  self->unique = g_ptr_array_new_with_free_func (unique_rule_free);
  self->formats = g_ptr_array_new_with_free_func (format_rule_free);
  self->not_null = g_ptr_array_new_with_free_func (not_null_rule_free);
  self->relationships = g_ptr_array_new_with_free_func (relationship_rule_free);
}

/* ---------------------------------------------------------- parsing -- */

/* Where in the file we are, for messages: "rules.json: “format” item 2: …" */
typedef struct
{
  const char *name;     /* the file's display name */
  const char *section;  /* NULL at the top level */
  guint       item;     /* 1-based */
} Location;

static void
set_error (GError        **error,
           const Location *where,
           const char     *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
set_error (GError        **error,
           const Location *where,
           const char     *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (where == NULL)
    {
      /* Building rules one by one: the reason alone, as a sentence */
      gunichar first = g_utf8_get_char (message);
      char upper[8] = { 0 };

      g_unichar_to_utf8 (g_unichar_totitle (first), upper);
      g_set_error (error, PF_RULES_ERROR, PF_RULES_ERROR_INVALID, "%s%s",
                   upper, g_utf8_next_char (message));
    }
  else if (where->section != NULL)
    /* TRANSLATORS: "rules.json: “format” item 2: <what is wrong>" */
    g_set_error (error, PF_RULES_ERROR, PF_RULES_ERROR_INVALID, _("%s: “%s” item %u: %s"),
                 where->name, where->section, where->item, message);
  else
    g_set_error (error, PF_RULES_ERROR, PF_RULES_ERROR_INVALID, "%s: %s",
                 where->name, message);
}

/* Levenshtein distance, for "did you mean" hints on short key names */
static guint
edit_distance (const char *a,
               const char *b)
{
  gsize len_a = strlen (a);
  gsize len_b = strlen (b);
  g_autofree guint *row = g_new (guint, len_b + 1);

  for (gsize j = 0; j <= len_b; j++)
    row[j] = j;

  for (gsize i = 1; i <= len_a; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= len_b; j++)
        {
          guint above = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }

  return row[len_b];
}

static char *
join_keys (const char * const *keys)
{
  g_autoptr(GString) list = g_string_new (NULL);
  guint n_keys = g_strv_length ((char **) keys);

  for (guint i = 0; i < n_keys; i++)
    {
      if (i > 0 && i == n_keys - 1)
        /* TRANSLATORS: the separator before the last item of a list of keys */
        g_string_append (list, _(" and "));
      else if (i > 0)
        g_string_append (list, ", ");
      g_string_append_printf (list, "“%s”", keys[i]);
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* Rejects any member not in @allowed, suggesting the closest one. */
static gboolean
check_keys (JsonObject         *object,
            const char * const *allowed,
            const Location     *where,
            GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *closest = NULL;
      guint best = G_MAXUINT;

      if (g_strv_contains (allowed, key))
        continue;

      for (guint i = 0; allowed[i] != NULL; i++)
        {
          guint distance = edit_distance (key, allowed[i]);

          if (distance < best)
            {
              best = distance;
              closest = allowed[i];
            }
        }

      /* A typo, not a different word */
      if (closest != NULL && best <= MAX (2, strlen (closest) / 3))
        set_error (error, where, _("unknown key “%s”; did you mean “%s”?"), key, closest);
      else
        {
          g_autofree char *keys = join_keys (allowed);

          set_error (error, where, _("unknown key “%s”; the keys here are %s"), key, keys);
        }

      return FALSE;
    }

  return TRUE;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A required string member (check_not_empty() rejects "") */
static char *
dup_string (JsonObject     *object,
            const char     *key,
            const Location *where,
            GError        **error)
{
  JsonNode *node = json_object_get_member (object, key);
  const char *value;

  if (node == NULL)
    {
      set_error (error, where, _("“%s” is missing"), key);
      return NULL;
    }

  if (!is_string (node))
    {
      set_error (error, where, _("“%s” must be a string in double quotes"), key);
      return NULL;
    }

  value = json_node_get_string (node);

  return g_strdup (value);
}

/* Every name a rule holds must be given */
static gboolean
check_not_empty (const char     *value,
                 const char     *key,
                 const Location *where,
                 GError        **error)
{
  if (value == NULL || value[0] == '\0')
    {
      set_error (error, where, _("“%s” must not be empty"), key);
      return FALSE;
    }

  return TRUE;
}

static void
set_columns_error (GError        **error,
                   const Location *where,
                   const char     *key)
{
  set_error (error, where, _("“%s” must be a list of column names, such as [\"email\"]"), key);
}

static gboolean
get_boolean (JsonObject     *object,
             const char     *key,
             gboolean        default_value,
             gboolean       *value,
             const Location *where,
             GError        **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    {
      *value = default_value;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_error (error, where, _("“%s” must be true or false"), key);
      return FALSE;
    }

  *value = json_node_get_boolean (node);
  return TRUE;
}

/* A required list of strings (add_unique() rejects empty ones) */
static GStrv
dup_string_list (JsonObject     *object,
                 const char     *key,
                 const Location *where,
                 GError        **error)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL)
    {
      set_error (error, where, _("“%s” is missing"), key);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_columns_error (error, where, key);
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!is_string (element))
        {
          set_columns_error (error, where, key);
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

/* The reason part of GRegex's "Error while compiling regular expression ‘…’
 * at char 9: missing terminating ]", which repeats the pattern we already
 * quote. */
static char *
regex_reason (const GError *regex_error)
{
  const char *at = g_strrstr (regex_error->message, " at char ");
  const char *colon;
  guint64 offset;
  char *end;

  if (at == NULL)
    return g_strdup (regex_error->message);

  offset = g_ascii_strtoull (at + strlen (" at char "), &end, 10);
  colon = strstr (end, ": ");
  if (end == at + strlen (" at char ") || colon == NULL)
    return g_strdup (regex_error->message);

  /* TRANSLATORS: a regular expression error and where it is, e.g.
   * "missing terminating ] for character class (at character 9)" */
  return g_strdup_printf (_("%s (at character %" G_GUINT64_FORMAT ")"), colon + 2, offset);
}

/* ------------------------------------------------------- adding -- */

/* Each rule is validated here, whether it comes from a file (@where says
 * which item) or from the connection editor (@where is NULL). */

static gboolean
add_unique (PfRules            *self,
            const char         *table,
            const char * const *columns,
            const Location     *where,
            GError            **error)
{
  PfUniqueRule *rule;

  if (!check_not_empty (table, "table", where, error))
    return FALSE;

  if (columns == NULL || columns[0] == NULL)
    {
      set_columns_error (error, where, "columns");
      return FALSE;
    }
  for (guint i = 0; columns[i] != NULL; i++)
    if (columns[i][0] == '\0')
      {
        set_columns_error (error, where, "columns");
        return FALSE;
      }

  rule = g_new0 (PfUniqueRule, 1);
  rule->table = g_strdup (table);
  rule->columns = g_strdupv ((char **) columns);
  g_ptr_array_add (self->unique, rule);

  return TRUE;
}

static gboolean
add_format (PfRules        *self,
            const char     *table,
            const char     *column,
            const char     *pattern,
            gboolean        include_references,
            const Location *where,
            GError        **error)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GError) regex_error = NULL;
  PfFormatRule *rule;

  if (!check_not_empty (table, "table", where, error) ||
      !check_not_empty (column, "column", where, error) ||
      !check_not_empty (pattern, "pattern", where, error))
    return FALSE;

  /* Compiled the way the scan compiles it, so a bad pattern is reported
   * here, once, rather than by every worker. */
  regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &regex_error);
  if (regex == NULL)
    {
      g_autofree char *reason = regex_reason (regex_error);

      set_error (error, where, _("the pattern “%s” is not a valid regular expression: %s"),
                 pattern, reason);
      return FALSE;
    }

  rule = g_new0 (PfFormatRule, 1);
  rule->table = g_strdup (table);
  rule->column = g_strdup (column);
  rule->pattern = g_strdup (pattern);
  rule->include_references = !!include_references;
  g_ptr_array_add (self->formats, rule);

  return TRUE;
}

static gboolean
add_not_null (PfRules        *self,
              const char     *table,
              const char     *column,
              const Location *where,
              GError        **error)
{
  PfNotNullRule *rule;

  if (!check_not_empty (table, "table", where, error) ||
      !check_not_empty (column, "column", where, error))
    return FALSE;

  rule = g_new0 (PfNotNullRule, 1);
  rule->table = g_strdup (table);
  rule->column = g_strdup (column);
  g_ptr_array_add (self->not_null, rule);

  return TRUE;
}

static gboolean
add_relationship (PfRules        *self,
                  const char     *columns_glob,
                  const char     *references,
                  const Location *where,
                  GError        **error)
{
  PfRelationshipRule *rule;
  const char *dot;

  if (!check_not_empty (columns_glob, "columns", where, error) ||
      !check_not_empty (references, "references", where, error))
    return FALSE;

  /* The last dot: "schema.table.column" keeps "schema.table" together */
  dot = strrchr (references, '.');
  if (dot == NULL || dot == references || dot[1] == '\0')
    {
      set_error (error, where, _("“references” must name a table and a column as TABLE.COLUMN, "
                                 "such as “scheduling_user.sap”, not “%s”"), references);
      return FALSE;
    }

  rule = g_new0 (PfRelationshipRule, 1);
  rule->columns_glob = g_strdup (columns_glob);
  rule->references_table = g_strndup (references, dot - references);
  rule->references_column = g_strdup (dot + 1);
  g_ptr_array_add (self->relationships, rule);

  return TRUE;
}

/* ---------------------------------------------------- file items -- */

typedef gboolean (*ParseItemFunc) (PfRules        *self,
                                   JsonObject     *item,
                                   const Location *where,
                                   GError        **error);

static gboolean
parse_unique (PfRules        *self,
              JsonObject     *item,
              const Location *where,
              GError        **error)
{
  static const char * const keys[] = { "table", "columns", NULL };
  g_autofree char *table = NULL;
  g_auto(GStrv) columns = NULL;

  return check_keys (item, keys, where, error) &&
         (table = dup_string (item, "table", where, error)) != NULL &&
         (columns = dup_string_list (item, "columns", where, error)) != NULL &&
         add_unique (self, table, (const char * const *) columns, where, error);
}

static gboolean
parse_format (PfRules        *self,
              JsonObject     *item,
              const Location *where,
              GError        **error)
{
  static const char * const keys[] = { "table", "column", "pattern", "include_references", NULL };
  g_autofree char *table = NULL;
  g_autofree char *column = NULL;
  g_autofree char *pattern = NULL;
  gboolean include_references;

  /* Each member is checked before the next is read, so the first problem
   * in the item is the one reported */
  return check_keys (item, keys, where, error) &&
         (table = dup_string (item, "table", where, error)) != NULL &&
         check_not_empty (table, "table", where, error) &&
         (column = dup_string (item, "column", where, error)) != NULL &&
         check_not_empty (column, "column", where, error) &&
         (pattern = dup_string (item, "pattern", where, error)) != NULL &&
         get_boolean (item, "include_references", FALSE, &include_references, where, error) &&
         add_format (self, table, column, pattern, include_references, where, error);
}

static gboolean
parse_not_null (PfRules        *self,
                JsonObject     *item,
                const Location *where,
                GError        **error)
{
  static const char * const keys[] = { "table", "column", NULL };
  g_autofree char *table = NULL;
  g_autofree char *column = NULL;

  return check_keys (item, keys, where, error) &&
         (table = dup_string (item, "table", where, error)) != NULL &&
         check_not_empty (table, "table", where, error) &&
         (column = dup_string (item, "column", where, error)) != NULL &&
         add_not_null (self, table, column, where, error);
}

static gboolean
parse_relationship (PfRules        *self,
                    JsonObject     *item,
                    const Location *where,
                    GError        **error)
{
  static const char * const keys[] = { "columns", "references", NULL };
  g_autofree char *glob = NULL;
  g_autofree char *references = NULL;

  if (!check_keys (item, keys, where, error))
    return FALSE;

  if (json_object_has_member (item, "columns") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (item, "columns")))
    {
      /* "columns" here is one pattern, unlike in "unique" */
      set_error (error, where, _("“columns” must be one column name or pattern as a string, "
                                 "such as \"*_by_id\""));
      return FALSE;
    }

  return (glob = dup_string (item, "columns", where, error)) != NULL &&
         check_not_empty (glob, "columns", where, error) &&
         (references = dup_string (item, "references", where, error)) != NULL &&
         add_relationship (self, glob, references, where, error);
}

static gboolean
parse_section (PfRules        *self,
               JsonObject     *root,
               const char     *section,
               ParseItemFunc   parse_item,
               const Location *top,
               GError        **error)
{
  JsonNode *node = json_object_get_member (root, section);
  Location where = { top->name, section, 0 };
  JsonArray *items;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_error (error, top, _("“%s” must be a list of rules in square brackets"), section);
      return FALSE;
    }

  items = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);

      where.item = i + 1;
      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          set_error (error, &where, _("a rule must be an object in curly braces"));
          return FALSE;
        }

      if (!parse_item (self, json_node_get_object (item), &where, error))
        return FALSE;
    }

  return TRUE;
}

/* "<data>:3:5: Parse error: unexpected character" → "line 3, column 5: …" */
static void
set_syntax_error (GError        **error,
                  const Location *where,
                  const GError   *parse_error)
{
  g_autoptr(GRegex) regex = g_regex_new ("^[^:]*:([0-9]+):([0-9]+): [^:]*: (.*)$",
                                         G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (g_regex_match (regex, parse_error->message, 0, &match))
    {
      g_autofree char *line = g_match_info_fetch (match, 1);
      g_autofree char *column = g_match_info_fetch (match, 2);
      g_autofree char *reason = g_match_info_fetch (match, 3);

      set_error (error, where, _("line %s, column %s: this is not valid JSON: %s"),
                 line, column, reason);
    }
  else
    set_error (error, where, _("this is not valid JSON: %s"), parse_error->message);
}

static PfRules *
load_node (JsonNode    *root_node,
           const char  *name,
           GError     **error)
{
  static const char * const keys[] = {
    "schema", "unique", "format", "not_null", "relationships", NULL
  };
  g_autoptr(PfRules) self = NULL;
  Location top = { name, NULL, 0 };
  JsonObject *root;
  JsonNode *schema;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      set_error (error, &top, _("the rules must be one object in curly braces, "
                                "such as {\"schema\": \"%s\"}"), RULES_SCHEMA);
      return NULL;
    }

  root = json_node_get_object (root_node);
  if (!check_keys (root, keys, &top, error))
    return NULL;

  /* Optional, so {} is a valid (empty) rules file; wrong means a newer or
   * different format that we would misread. */
  schema = json_object_get_member (root, "schema");
  if (schema != NULL &&
      (!is_string (schema) || g_strcmp0 (json_node_get_string (schema), RULES_SCHEMA) != 0))
    {
      set_error (error, &top, _("“schema” must be \"%s\""), RULES_SCHEMA);
      return NULL;
    }

  self = pf_rules_new ();
  if (!parse_section (self, root, "unique", parse_unique, &top, error) ||
      !parse_section (self, root, "format", parse_format, &top, error) ||
      !parse_section (self, root, "not_null", parse_not_null, &top, error) ||
      !parse_section (self, root, "relationships", parse_relationship, &top, error))
    return NULL;

  return g_steal_pointer (&self);
}

static PfRules *
load (const char  *json,
      gssize       length,
      const char  *name,
      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  Location top = { name, NULL, 0 };
  JsonNode *root_node;

  if (!json_parser_load_from_data (parser, json, length, &parse_error))
    {
      set_syntax_error (error, &top, parse_error);
      return NULL;
    }

  root_node = json_parser_get_root (parser);
  if (root_node == NULL)
    {
      set_error (error, &top, _("the file is empty; an empty rules file is {}"));
      return NULL;
    }

  return load_node (root_node, name, error);
}

/* ------------------------------------------------------------- API -- */

PfRules *
pf_rules_new (void)
{
  return g_object_new (PF_TYPE_RULES, NULL);
}

PfRules *
pf_rules_new_from_file (const char  *path,
                        GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) read_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_filename_display_basename (path);

  if (!g_file_get_contents (path, &contents, &length, &read_error))
    {
      const char *reason;

      if (g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        reason = _("the file does not exist");
      else if (g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_ACCES))
        reason = _("permission denied");
      else if (g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_ISDIR))
        reason = _("it is a folder, not a file");
      else
        reason = read_error->message;

      g_set_error (error, G_FILE_ERROR, read_error->code,
                   _("Could not read the rules file “%s”: %s"), name, reason);
      return NULL;
    }

  return load (contents, length, name, error);
}

PfRules *
pf_rules_new_from_data (const char  *json,
                        gssize       length,
                        GError     **error)
{
  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* TRANSLATORS: stands for the file name in messages about rules that
   * did not come from a file */
  return load (json, length, _("rules"), error);
}

GPtrArray *
pf_rules_get_unique (PfRules *self)
{
  g_return_val_if_fail (PF_IS_RULES (self), NULL);

  return self->unique;
}

GPtrArray *
pf_rules_get_formats (PfRules *self)
{
  g_return_val_if_fail (PF_IS_RULES (self), NULL);

  return self->formats;
}

GPtrArray *
pf_rules_get_not_null (PfRules *self)
{
  g_return_val_if_fail (PF_IS_RULES (self), NULL);

  return self->not_null;
}

GPtrArray *
pf_rules_get_relationships (PfRules *self)
{
  g_return_val_if_fail (PF_IS_RULES (self), NULL);

  return self->relationships;
}

gboolean
pf_rules_is_empty (PfRules *self)
{
  g_return_val_if_fail (PF_IS_RULES (self), TRUE);

  return self->unique->len == 0 && self->formats->len == 0 &&
         self->not_null->len == 0 && self->relationships->len == 0;
}

gboolean
pf_rules_add_unique (PfRules             *self,
                     const char          *table,
                     const char * const  *columns,
                     GError             **error)
{
  g_return_val_if_fail (PF_IS_RULES (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return add_unique (self, table, columns, NULL, error);
}

gboolean
pf_rules_add_format (PfRules     *self,
                     const char  *table,
                     const char  *column,
                     const char  *pattern,
                     gboolean     include_references,
                     GError     **error)
{
  g_return_val_if_fail (PF_IS_RULES (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return add_format (self, table, column, pattern, include_references, NULL, error);
}

gboolean
pf_rules_add_not_null (PfRules     *self,
                       const char  *table,
                       const char  *column,
                       GError     **error)
{
  g_return_val_if_fail (PF_IS_RULES (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return add_not_null (self, table, column, NULL, error);
}

gboolean
pf_rules_add_relationship (PfRules     *self,
                           const char  *columns_glob,
                           const char  *references,
                           GError     **error)
{
  g_return_val_if_fail (PF_IS_RULES (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return add_relationship (self, columns_glob, references, NULL, error);
}

JsonNode *
pf_rules_to_json_node (PfRules *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (PF_IS_RULES (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_string_value (builder, RULES_SCHEMA);

  /* Only the sections that hold something, like a hand-written file */
  if (self->unique->len > 0)
    {
      json_builder_set_member_name (builder, "unique");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->unique->len; i++)
        {
          PfUniqueRule *rule = g_ptr_array_index (self->unique, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "table");
          json_builder_add_string_value (builder, rule->table);
          json_builder_set_member_name (builder, "columns");
          json_builder_begin_array (builder);
          for (guint j = 0; rule->columns[j] != NULL; j++)
            json_builder_add_string_value (builder, rule->columns[j]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  if (self->formats->len > 0)
    {
      json_builder_set_member_name (builder, "format");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->formats->len; i++)
        {
          PfFormatRule *rule = g_ptr_array_index (self->formats, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "table");
          json_builder_add_string_value (builder, rule->table);
          json_builder_set_member_name (builder, "column");
          json_builder_add_string_value (builder, rule->column);
          json_builder_set_member_name (builder, "pattern");
          json_builder_add_string_value (builder, rule->pattern);
          json_builder_set_member_name (builder, "include_references");
          json_builder_add_boolean_value (builder, rule->include_references);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  if (self->not_null->len > 0)
    {
      json_builder_set_member_name (builder, "not_null");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->not_null->len; i++)
        {
          PfNotNullRule *rule = g_ptr_array_index (self->not_null, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "table");
          json_builder_add_string_value (builder, rule->table);
          json_builder_set_member_name (builder, "column");
          json_builder_add_string_value (builder, rule->column);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  if (self->relationships->len > 0)
    {
      json_builder_set_member_name (builder, "relationships");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->relationships->len; i++)
        {
          PfRelationshipRule *rule = g_ptr_array_index (self->relationships, i);
          g_autofree char *references = g_strconcat (rule->references_table, ".",
                                                     rule->references_column, NULL);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "columns");
          json_builder_add_string_value (builder, rule->columns_glob);
          json_builder_set_member_name (builder, "references");
          json_builder_add_string_value (builder, references);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

PfRules *
pf_rules_new_from_json_node (JsonNode  *node,
                             GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* TRANSLATORS: stands for the file name in messages about rules that
   * did not come from a file */
  return load_node (node, _("rules"), error);
}
