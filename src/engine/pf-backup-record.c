/* pf-backup-record.c — a backup Preflight made, and whether it proved good
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-backup-record"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-backup-record.h"
#include "pf-checklist-error.h"
#include "pf-json-member.h"

struct _PfBackupRecord
{
  GObject    parent_instance;

  char      *path;
  gint64     size;
  char      *sha256;
  GDateTime *created_at;
  char      *method;
  char      *database;
  gboolean   verified;
  char      *verification;
};

G_DEFINE_FINAL_TYPE (PfBackupRecord, pf_backup_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_SIZE,
  PROP_SHA256,
  PROP_CREATED_AT,
  PROP_METHOD,
  PROP_DATABASE,
  PROP_VERIFIED,
  PROP_VERIFICATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pf_backup_record_finalize (GObject *object)
{
  PfBackupRecord *self = (PfBackupRecord *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->database, g_free);
  g_clear_pointer (&self->verification, g_free);

  G_OBJECT_CLASS (pf_backup_record_parent_class)->finalize (object);
}

static void
pf_backup_record_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PfBackupRecord *self = PF_BACKUP_RECORD (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;

    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;

    case PROP_DATABASE:
      g_value_set_string (value, self->database);
      break;

    case PROP_VERIFIED:
      g_value_set_boolean (value, self->verified);
      break;

    case PROP_VERIFICATION:
      g_value_set_string (value, self->verification);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_backup_record_class_init (PfBackupRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pf_backup_record_finalize;
  object_class->get_property = pf_backup_record_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL, -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DATABASE] =
    g_param_spec_string ("database", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_VERIFIED] =
    g_param_spec_boolean ("verified", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_VERIFICATION] =
    g_param_spec_string ("verification", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_backup_record_init (PfBackupRecord *self)
{
  self->size = -1;
}

PfBackupRecord *
pf_backup_record_new (const char *path,
                      gint64      size,
                      const char *sha256,
                      GDateTime  *created_at,
                      const char *method,
                      const char *database)
{
  PfBackupRecord *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (PF_TYPE_BACKUP_RECORD, NULL);
  self->path = g_strdup (path);
  self->size = size;
  self->sha256 = g_strdup (sha256);
  self->created_at = pf_json_member_utc_or_now (created_at);
  self->method = g_strdup (method);
  self->database = g_strdup (database);

  return self;
}

static PfBackupRecord *
read_json_node (JsonNode  *node,
                GError   **error)
{
  g_autoptr(PfBackupRecord) self = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  JsonObject *object;
  const char *path;
  const char *sha256;
  const char *method;
  const char *database;
  const char *verification;
  gboolean verified;
  gint64 size;

  if (!pf_json_member_node_get_object (node, "backups", &object, error))
    return NULL;

  if (!pf_json_member_get_string (object, "path", PF_JSON_MEMBER_REQUIRED, &path, error) ||
      !pf_json_member_get_int (object, "size", PF_JSON_MEMBER_OPTIONAL, -1, &size, error) ||
      !pf_json_member_get_string (object, "sha256", PF_JSON_MEMBER_OPTIONAL, &sha256, error) ||
      !pf_json_member_get_time (object, "created_at", PF_JSON_MEMBER_REQUIRED, &created_at, error) ||
      !pf_json_member_get_string (object, "method", PF_JSON_MEMBER_OPTIONAL, &method, error) ||
      !pf_json_member_get_string (object, "database", PF_JSON_MEMBER_OPTIONAL, &database, error) ||
      !pf_json_member_get_boolean (object, "verified", PF_JSON_MEMBER_OPTIONAL, FALSE, &verified, error) ||
      !pf_json_member_get_string (object, "verification", PF_JSON_MEMBER_OPTIONAL, &verification, error))
    return NULL;

  self = pf_backup_record_new (path, size, sha256, created_at, method, database);
  self->verified = verified;
  self->verification = g_strdup (verification);

  return g_steal_pointer (&self);
}

PfBackupRecord *
pf_backup_record_new_from_json_node (JsonNode  *node,
                                     GError   **error)
{
  PfBackupRecord *result;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(result = read_json_node (node, error)))
    _pf_checklist_progress_invalid (error);
  return result;
}

JsonNode *
pf_backup_record_to_json_node (PfBackupRecord *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (PF_IS_BACKUP_RECORD (self), NULL);

  json_builder_begin_object (builder);
  pf_json_member_set_string (builder, "path", self->path);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, self->size);
  pf_json_member_set_string (builder, "sha256", self->sha256);
  pf_json_member_set_time (builder, "created_at", self->created_at);
  pf_json_member_set_string (builder, "method", self->method);
  json_builder_set_member_name (builder, "verified");
  json_builder_add_boolean_value (builder, self->verified);
  pf_json_member_set_string (builder, "verification", self->verification);
  pf_json_member_set_string (builder, "database", self->database);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

const char *
pf_backup_record_get_path (PfBackupRecord *self)
{
  g_return_val_if_fail (PF_IS_BACKUP_RECORD (self), NULL);

  return self->path;
}

gint64
pf_backup_record_get_size (PfBackupRecord *self)
{
  g_return_val_if_fail (PF_IS_BACKUP_RECORD (self), -1);

  return self->size;
}

const char *
pf_backup_record_get_sha256 (PfBackupRecord *self)
{
  g_return_val_if_fail (PF_IS_BACKUP_RECORD (self), NULL);

  return self->sha256;
}

GDateTime *
pf_backup_record_get_created_at (PfBackupRecord *self)
{
  g_return_val_if_fail (PF_IS_BACKUP_RECORD (self), NULL);

  return self->created_at;
}

const char *
pf_backup_record_get_method (PfBackupRecord *self)
{
  g_return_val_if_fail (PF_IS_BACKUP_RECORD (self), NULL);

  return self->method;
}

const char *
pf_backup_record_get_database (PfBackupRecord *self)
{
  g_return_val_if_fail (PF_IS_BACKUP_RECORD (self), NULL);

  return self->database;
}

gboolean
pf_backup_record_get_verified (PfBackupRecord *self)
{
  g_return_val_if_fail (PF_IS_BACKUP_RECORD (self), FALSE);

  return self->verified;
}

const char *
pf_backup_record_get_verification (PfBackupRecord *self)
{
  g_return_val_if_fail (PF_IS_BACKUP_RECORD (self), NULL);

  return self->verification;
}

void
pf_backup_record_set_verification (PfBackupRecord *self,
                                   gboolean        verified,
                                   const char     *verification)
{
  g_return_if_fail (PF_IS_BACKUP_RECORD (self));

  verified = !!verified;
  if (self->verified != verified)
    {
      self->verified = verified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFIED]);
    }

  if (g_strcmp0 (self->verification, verification) != 0)
    {
      g_free (self->verification);
      self->verification = g_strdup (verification);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFICATION]);
    }
}
