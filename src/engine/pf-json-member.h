/* pf-json-member.h — strict reading of members of Preflight's own JSON files
 *
 * One place for "member X is missing or is not Y": every getter checks the
 * member's type, returns FALSE with a PF_JSON_MEMBER_ERROR whose message
 * names the member and what it should be ("“title” is missing or is not a
 * string."), and leaves @out at its default on failure. Callers add which
 * thing they were reading, and re-file the error under the domain and code
 * their API promises, with pf_json_member_error_rewrap().
 *
 * Times are UTC ISO 8601 to the second ("2026-11-21T10:00:00Z").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PF_JSON_MEMBER_ERROR (pf_json_member_error_quark ())

typedef enum {
  PF_JSON_MEMBER_ERROR_INVALID,
} PfJsonMemberError;

typedef enum {
  PF_JSON_MEMBER_REQUIRED  = 0,
  /* Absent or null is fine and gives the default (NULL for pointers) */
  PF_JSON_MEMBER_OPTIONAL  = 1 << 0,
  /* Strings: not empty or only white space; arrays: not empty.
   * With OPTIONAL, only checked when the member is there */
  PF_JSON_MEMBER_NOT_EMPTY = 1 << 1,
} PfJsonMemberFlags;

GQuark      pf_json_member_error_quark  (void);

/* Sets a PF_JSON_MEMBER_ERROR "“@member” is missing or is not @expected."
 * (@expected translated, e.g. _("a date and time")). Always FALSE. */
gboolean    pf_json_member_set_error    (GError            **error,
                                         const char         *member,
                                         const char         *expected);

/* When *@error is a PF_JSON_MEMBER_ERROR, files it under @domain/@code and
 * puts the printf-style @prefix_format (may be NULL) in front of its
 * message. Any other error, e.g. one a nested reader already re-filed, is
 * left as it is, so nested readers are not prefixed twice. Always FALSE. */
gboolean    pf_json_member_error_rewrap (GError            **error,
                                         GQuark              domain,
                                         int                 code,
                                         const char         *prefix_format,
                                         ...) G_GNUC_PRINTF (4, 5);

/* @node (the value of @member) as an object, borrowed */
gboolean    pf_json_member_node_get_object (JsonNode          *node,
                                            const char        *member,
                                            JsonObject       **out,
                                            GError           **error);

/* @out borrowed from @object */
gboolean    pf_json_member_get_string   (JsonObject         *object,
                                         const char         *member,
                                         PfJsonMemberFlags   flags,
                                         const char        **out,
                                         GError            **error);
gboolean    pf_json_member_get_boolean  (JsonObject         *object,
                                         const char         *member,
                                         PfJsonMemberFlags   flags,
                                         gboolean            default_value,
                                         gboolean           *out,
                                         GError            **error);
gboolean    pf_json_member_get_int      (JsonObject         *object,
                                         const char         *member,
                                         PfJsonMemberFlags   flags,
                                         gint64              default_value,
                                         gint64             *out,
                                         GError            **error);
/* A whole number from 0 to @max */
gboolean    pf_json_member_get_uint     (JsonObject         *object,
                                         const char         *member,
                                         PfJsonMemberFlags   flags,
                                         guint               max,
                                         guint               default_value,
                                         guint              *out,
                                         GError            **error);
/* @out borrowed from @object */
gboolean    pf_json_member_get_array    (JsonObject         *object,
                                         const char         *member,
                                         PfJsonMemberFlags   flags,
                                         JsonArray         **out,
                                         GError            **error);
/* @out borrowed from @object */
gboolean    pf_json_member_get_object   (JsonObject         *object,
                                         const char         *member,
                                         PfJsonMemberFlags   flags,
                                         JsonObject        **out,
                                         GError            **error);
/* A date and time with a zone (one without is refused: it would be read as
 * local time); @out is a new reference in UTC */
gboolean    pf_json_member_get_time     (JsonObject         *object,
                                         const char         *member,
                                         PfJsonMemberFlags   flags,
                                         GDateTime         **out,
                                         GError            **error);

/* Writing: @value or @time NULL gives null */
void        pf_json_member_set_string   (JsonBuilder        *builder,
                                         const char         *member,
                                         const char         *value);
void        pf_json_member_set_time     (JsonBuilder        *builder,
                                         const char         *member,
                                         GDateTime          *time);
/* UTC ISO 8601, NULL for NULL */
char       *pf_json_member_format_time  (GDateTime          *time);

/* Now in UTC, to the second: what people read and what is saved */
GDateTime  *pf_json_member_time_now     (void);
/* @time in UTC, or now when NULL; a new reference */
GDateTime  *pf_json_member_utc_or_now   (GDateTime          *time);

G_END_DECLS
