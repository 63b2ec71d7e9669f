/* pf-json-member.c — strict reading of members of Preflight's own JSON files
 *
 * Copyright 2026 The Preflight authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-json-member"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-json-member.h"

G_DEFINE_QUARK (pf-json-member-error-quark, pf_json_member_error)

gboolean
pf_json_member_set_error (GError     **error,
                          const char  *member,
                          const char  *expected)
{
  g_set_error (error, PF_JSON_MEMBER_ERROR, PF_JSON_MEMBER_ERROR_INVALID,
               /* TRANSLATORS: the first %s is a member name from a JSON file
                * such as “title”, the second what it should be, such as
                * “a string” or “a date and time” */
               _("“%s” is missing or is not %s."), member, expected);
  return FALSE;
}

static gboolean
set_empty (GError     **error,
           const char  *member)
{
  g_set_error (error, PF_JSON_MEMBER_ERROR, PF_JSON_MEMBER_ERROR_INVALID,
               /* TRANSLATORS: %s is a member name from a JSON file such as “title” */
               _("“%s” is empty."), member);
  return FALSE;
}

gboolean
pf_json_member_error_rewrap (GError     **error,
                             GQuark       domain,
                             int          code,
                             const char  *prefix_format,
                             ...)
{
  if (error == NULL || *error == NULL ||
      !g_error_matches (*error, PF_JSON_MEMBER_ERROR, PF_JSON_MEMBER_ERROR_INVALID))
    return FALSE;

  (*error)->domain = domain;
  (*error)->code = code;

  if (prefix_format != NULL)
    {
      g_autofree char *prefix = NULL;
      va_list args;

      va_start (args, prefix_format);
      prefix = g_strdup_vprintf (prefix_format, args);
      va_end (args);
      g_prefix_error_literal (error, prefix);
    }

  return FALSE;
}

/* The member's node when it holds a @node_type (for JSON_NODE_VALUE: of
 * @value_type); NULL with TRUE when it is absent or null and @flags has
 * PF_JSON_MEMBER_OPTIONAL; else FALSE with "is missing or is not @expected" */
static gboolean
lookup (JsonObject         *object,
        const char         *member,
        PfJsonMemberFlags   flags,
        JsonNodeType        node_type,
        GType               value_type,
        const char         *expected,
        JsonNode          **out,
        GError            **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  *out = NULL;
  node = json_object_get_member (object, member);
  if ((node == NULL || JSON_NODE_HOLDS_NULL (node)) && (flags & PF_JSON_MEMBER_OPTIONAL))
    return TRUE;

  if (node == NULL || JSON_NODE_TYPE (node) != node_type ||
      (node_type == JSON_NODE_VALUE && json_node_get_value_type (node) != value_type))
    return pf_json_member_set_error (error, member, expected);

  *out = node;
  return TRUE;
}

gboolean
pf_json_member_node_get_object (JsonNode    *node,
                                const char  *member,
                                JsonObject **out,
                                GError     **error)
{
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  *out = NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return pf_json_member_set_error (error, member, _("an object in curly braces"));

  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
pf_json_member_get_string (JsonObject         *object,
                           const char         *member,
                           PfJsonMemberFlags   flags,
                           const char        **out,
                           GError            **error)
{
  JsonNode *node;
  const char *p;

  g_return_val_if_fail (out != NULL, FALSE);

  *out = NULL;
  if (!lookup (object, member, flags, JSON_NODE_VALUE, G_TYPE_STRING, _("a string"), &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  p = json_node_get_string (node);
  while ((flags & PF_JSON_MEMBER_NOT_EMPTY) && g_ascii_isspace (*p))
    p++;
  if ((flags & PF_JSON_MEMBER_NOT_EMPTY) && *p == '\0')
    return set_empty (error, member);

  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
pf_json_member_get_boolean (JsonObject         *object,
                            const char         *member,
                            PfJsonMemberFlags   flags,
                            gboolean            default_value,
                            gboolean           *out,
                            GError            **error)
{
  JsonNode *node;

  g_return_val_if_fail (out != NULL, FALSE);

  *out = default_value;
  if (!lookup (object, member, flags, JSON_NODE_VALUE, G_TYPE_BOOLEAN, _("true or false"), &node, error))
    return FALSE;

  if (node != NULL)
    *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
pf_json_member_get_int (JsonObject         *object,
                        const char         *member,
                        PfJsonMemberFlags   flags,
                        gint64              default_value,
                        gint64             *out,
                        GError            **error)
{
  JsonNode *node;

  g_return_val_if_fail (out != NULL, FALSE);

  *out = default_value;
  if (!lookup (object, member, flags, JSON_NODE_VALUE, G_TYPE_INT64, _("a whole number"), &node, error))
    return FALSE;

  if (node != NULL)
    *out = json_node_get_int (node);
  return TRUE;
}

gboolean
pf_json_member_get_uint (JsonObject         *object,
                         const char         *member,
                         PfJsonMemberFlags   flags,
                         guint               max,
                         guint               default_value,
                         guint              *out,
                         GError            **error)
{
  gint64 value;

  g_return_val_if_fail (out != NULL, FALSE);

  *out = default_value;
  if (!pf_json_member_get_int (object, member, flags, default_value, &value, NULL) ||
      value < 0 || (guint64) value > max)
    return pf_json_member_set_error (error, member, _("a whole number in range"));

  *out = (guint) value;
  return TRUE;
}

gboolean
pf_json_member_get_array (JsonObject         *object,
                          const char         *member,
                          PfJsonMemberFlags   flags,
                          JsonArray         **out,
                          GError            **error)
{
  JsonNode *node;

  g_return_val_if_fail (out != NULL, FALSE);

  *out = NULL;
  if (!lookup (object, member, flags, JSON_NODE_ARRAY, G_TYPE_INVALID, _("a list in square brackets"), &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if ((flags & PF_JSON_MEMBER_NOT_EMPTY) && json_array_get_length (json_node_get_array (node)) == 0)
    return set_empty (error, member);

  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
pf_json_member_get_object (JsonObject         *object,
                           const char         *member,
                           PfJsonMemberFlags   flags,
                           JsonObject        **out,
                           GError            **error)
{
  JsonNode *node;

  g_return_val_if_fail (out != NULL, FALSE);

  *out = NULL;
  if (!lookup (object, member, flags, JSON_NODE_OBJECT, G_TYPE_INVALID, _("an object in curly braces"), &node, error))
    return FALSE;

  if (node != NULL)
    *out = json_node_get_object (node);
  return TRUE;
}

gboolean
pf_json_member_get_time (JsonObject         *object,
                         const char         *member,
                         PfJsonMemberFlags   flags,
                         GDateTime         **out,
                         GError            **error)
{
  g_autoptr(GDateTime) parsed = NULL;
  JsonNode *node;

  g_return_val_if_fail (out != NULL, FALSE);

  *out = NULL;
  if (!lookup (object, member, flags, JSON_NODE_VALUE, G_TYPE_STRING, _("a date and time"), &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  /* A date and time with a zone, nothing else */
  if (!(parsed = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL)))
    return pf_json_member_set_error (error, member, _("a date and time"));

  *out = g_date_time_to_utc (parsed);
  return TRUE;
}

void
pf_json_member_set_string (JsonBuilder *builder,
                           const char  *member,
                           const char  *value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (member != NULL);

  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

char *
pf_json_member_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;

  utc = g_date_time_to_utc (time);
  return g_date_time_format_iso8601 (utc);
}

void
pf_json_member_set_time (JsonBuilder *builder,
                         const char  *member,
                         GDateTime   *time)
{
  g_autofree char *text = pf_json_member_format_time (time);

  pf_json_member_set_string (builder, member, text);
}

GDateTime *
pf_json_member_time_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add (now, -(g_date_time_get_microsecond (now)));
}

GDateTime *
pf_json_member_utc_or_now (GDateTime *time)
{
  return time != NULL ? g_date_time_to_utc (time) : pf_json_member_time_now ();
}
