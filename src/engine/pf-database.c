/* pf-database.c — a read-only connection to one database
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

#define G_LOG_DOMAIN "pf-database"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-database.h"
#include "pf-database-private.h"
#include "pf-pg-database.h"
#include "pf-sqlite-database.h"

typedef struct
{
  /* Set at construction, then immutable */
  PfConnectionProfile *profile;
  PfDatabaseKind       kind;
  char                *name;
  char                *location;
  char                *display_location;
  GMainContext        *main_context;
  GThread             *main_thread;

  /* Serializes open/introspect/close: one connection, one user at a time */
  GMutex               op_mutex;

  /* Guards everything below; workers write, any thread reads */
  GMutex               mutex;
  char                *server_version;
  gint64               size;
  gboolean             is_open;
  guint                pending_notify;   /* bit per property */
  GSource             *notify_source;
} PfDatabasePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PfDatabase, pf_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (pf-database-error-quark, pf_database_error)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_KIND,
  PROP_NAME,
  PROP_LOCATION,
  PROP_SERVER_VERSION,
  PROP_SIZE,
  PROP_IS_OPEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flush_notify (PfDatabase *self)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);
  guint pending;

  g_mutex_lock (&priv->mutex);
  pending = priv->pending_notify;
  priv->pending_notify = 0;
  g_mutex_unlock (&priv->mutex);

  if (pending == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint prop_id = 1; prop_id < N_PROPS; prop_id++)
    if (pending & (1u << prop_id))
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
notify_idle_cb (gpointer data)
{
  g_autoptr(PfDatabase) self = g_weak_ref_get (data);

  if (self != NULL)
    {
      PfDatabasePrivate *priv = pf_database_get_instance_private (self);

      g_mutex_lock (&priv->mutex);
      g_clear_pointer (&priv->notify_source, g_source_unref);
      g_mutex_unlock (&priv->mutex);

      flush_notify (self);
    }

  return G_SOURCE_REMOVE;
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Records that @prop_id changed. Must be called with priv->mutex held;
 * returns TRUE when the caller must call flush_notify() after unlocking
 * (we are on the object's own thread), FALSE when an idle on the main
 * context will do it (the Sysprof way: one pending idle at a time). */
static gboolean
queue_notify_locked (PfDatabase *self,
                     guint       prop_id)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);

  priv->pending_notify |= 1u << prop_id;

  if (g_thread_self () == priv->main_thread ||
      g_main_context_is_owner (priv->main_context))
    return TRUE;

  if (priv->notify_source == NULL)
    {
      GWeakRef *weak = g_new0 (GWeakRef, 1);

      g_weak_ref_init (weak, self);
      priv->notify_source = g_idle_source_new ();
      /* Default priority (not idle): the notifications then run before the
       * GTask completion that follows them, so callbacks see them in order */
      g_source_set_priority (priv->notify_source, G_PRIORITY_DEFAULT);
      g_source_set_static_name (priv->notify_source, "[pf-database-notify]");
      g_source_set_callback (priv->notify_source, notify_idle_cb, weak, free_weak_ref);
      g_source_attach (priv->notify_source, priv->main_context);
    }

  return FALSE;
}

static void
set_is_open (PfDatabase *self,
             gboolean    is_open)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);
  gboolean flush = FALSE;

  g_mutex_lock (&priv->mutex);
  if (priv->is_open != is_open)
    {
      priv->is_open = is_open;
      flush = queue_notify_locked (self, PROP_IS_OPEN);
    }
  g_mutex_unlock (&priv->mutex);

  if (flush)
    flush_notify (self);
}

void
_pf_database_set_server_version (PfDatabase *self,
                                 const char *server_version)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);
  gboolean flush = FALSE;

  g_return_if_fail (PF_IS_DATABASE (self));

  /* Getters hand out this pointer, so it is only replaced when the value
   * really changes (a reconnection to an upgraded server) */
  g_mutex_lock (&priv->mutex);
  if (g_strcmp0 (priv->server_version, server_version) != 0)
    {
      g_free (priv->server_version);
      priv->server_version = g_strdup (server_version);
      flush = queue_notify_locked (self, PROP_SERVER_VERSION);
    }
  g_mutex_unlock (&priv->mutex);

  if (flush)
    flush_notify (self);
}

void
_pf_database_set_size (PfDatabase *self,
                       gint64      size)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);
  gboolean flush = FALSE;

  g_return_if_fail (PF_IS_DATABASE (self));

  g_mutex_lock (&priv->mutex);
  if (priv->size != size)
    {
      priv->size = size;
      flush = queue_notify_locked (self, PROP_SIZE);
    }
  g_mutex_unlock (&priv->mutex);

  if (flush)
    flush_notify (self);
}

void
_pf_database_set_error (PfDatabase       *self,
                        GError          **error,
                        PfDatabaseError   code,
                        const char       *reason_format,
                        ...)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);
  g_autofree char *reason = NULL;
  va_list args;

  g_return_if_fail (PF_IS_DATABASE (self));

  va_start (args, reason_format);
  reason = g_strdup_vprintf (reason_format, args);
  va_end (args);

  if (priv->kind == PF_DATABASE_KIND_SQLITE)
    g_set_error (error, PF_DATABASE_ERROR, code,
                 /* Translators: the first %s is a file name, the second
                  * the reason, e.g. “the file does not exist” */
                 _("Could not open “%s”: %s"), priv->display_location, reason);
  else
    g_set_error (error, PF_DATABASE_ERROR, code,
                 /* Translators: the first %s is a server such as
                  * “db.example.com:5432” (or “service NAME”), the second the
                  * reason, e.g. “the host name could not be found” */
                 _("Could not connect to %s: %s"), priv->display_location, reason);
}

static void
pf_database_constructed (GObject *object)
{
  PfDatabase *self = (PfDatabase *)object;
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);

  G_OBJECT_CLASS (pf_database_parent_class)->constructed (object);

  if (priv->profile == NULL)
    {
      g_critical ("A %s needs a profile", G_OBJECT_TYPE_NAME (self));
      priv->profile = pf_connection_profile_new (PF_DATABASE_KIND_SQLITE);
    }

  priv->kind = pf_connection_profile_get_kind (priv->profile);
  priv->display_location = pf_connection_profile_dup_location (priv->profile);

  if (priv->kind == PF_DATABASE_KIND_SQLITE)
    {
      const char *path = pf_connection_profile_get_path (priv->profile);

      priv->name = g_strdup (priv->display_location);
      priv->location = g_strdup (path ? path : "");
    }
  else
    {
      const char *name = pf_connection_profile_get_dbname (priv->profile);

      /* libpq's own fallbacks: the service, then the user name */
      if (name == NULL)
        name = pf_connection_profile_get_service (priv->profile);
      if (name == NULL)
        name = pf_connection_profile_get_user (priv->profile);
      if (name == NULL)
        name = g_get_user_name ();

      priv->name = g_strdup (name);
      priv->location = g_strdup (priv->display_location);
    }
}

static void
pf_database_dispose (GObject *object)
{
  PfDatabase *self = (PfDatabase *)object;
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);

  g_mutex_lock (&priv->mutex);
  if (priv->notify_source != NULL)
    {
      g_source_destroy (priv->notify_source);
      g_clear_pointer (&priv->notify_source, g_source_unref);
    }
  g_mutex_unlock (&priv->mutex);

  G_OBJECT_CLASS (pf_database_parent_class)->dispose (object);
}

static void
pf_database_finalize (GObject *object)
{
  PfDatabase *self = (PfDatabase *)object;
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);

  g_clear_object (&priv->profile);
  g_clear_pointer (&priv->name, g_free);
  g_clear_pointer (&priv->location, g_free);
  g_clear_pointer (&priv->display_location, g_free);
  g_clear_pointer (&priv->server_version, g_free);
  g_clear_pointer (&priv->main_context, g_main_context_unref);
  g_mutex_clear (&priv->op_mutex);
  g_mutex_clear (&priv->mutex);

  G_OBJECT_CLASS (pf_database_parent_class)->finalize (object);
}

static void
pf_database_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PfDatabase *self = PF_DATABASE (object);
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, priv->profile);
      break;

    case PROP_KIND:
      g_value_set_enum (value, priv->kind);
      break;

    case PROP_NAME:
      g_value_set_string (value, priv->name);
      break;

    case PROP_LOCATION:
      g_value_set_string (value, priv->location);
      break;

    case PROP_SERVER_VERSION:
      g_mutex_lock (&priv->mutex);
      g_value_set_string (value, priv->server_version);
      g_mutex_unlock (&priv->mutex);
      break;

    case PROP_SIZE:
      g_value_set_int64 (value, pf_database_get_size (self));
      break;

    case PROP_IS_OPEN:
      g_value_set_boolean (value, pf_database_get_is_open (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_database_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PfDatabase *self = PF_DATABASE (object);
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_PROFILE:
      priv->profile = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_database_class_init (PfDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pf_database_constructed;
  object_class->dispose = pf_database_dispose;
  object_class->finalize = pf_database_finalize;
  object_class->get_property = pf_database_get_property;
  object_class->set_property = pf_database_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         PF_TYPE_CONNECTION_PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       PF_TYPE_DATABASE_KIND,
                       PF_DATABASE_KIND_SQLITE,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOCATION] =
    g_param_spec_string ("location", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SERVER_VERSION] =
    g_param_spec_string ("server-version", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IS_OPEN] =
    g_param_spec_boolean ("is-open", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pf_database_init (PfDatabase *self)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);

  g_mutex_init (&priv->op_mutex);
  g_mutex_init (&priv->mutex);
  priv->size = -1;
  /* Notifications from workers go to the context the object was made in */
  priv->main_context = g_main_context_ref_thread_default ();
  priv->main_thread = g_thread_self ();
}

PfDatabase *
pf_database_new_for_profile (PfConnectionProfile *profile,
                             const char          *password)
{
  g_return_val_if_fail (PF_IS_CONNECTION_PROFILE (profile), NULL);

  switch (pf_connection_profile_get_kind (profile))
    {
    case PF_DATABASE_KIND_SQLITE:
      return pf_sqlite_database_new (profile);

    case PF_DATABASE_KIND_POSTGRESQL:
      return pf_pg_database_new (profile, password);

    default:
      g_return_val_if_reached (NULL);
    }
}

PfDatabase *
pf_database_new_for_target (const char  *target,
                            GError     **error)
{
  g_autoptr(PfConnectionProfile) profile = NULL;
  g_autofree char *password = NULL;
  PfDatabase *database;

  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(profile = pf_connection_profile_new_from_target (target, &password, error)))
    return NULL;

  database = pf_database_new_for_profile (profile, password);

  if (password != NULL)
    memset (password, 0, strlen (password));

  return database;
}

PfConnectionProfile *
pf_database_get_profile (PfDatabase *self)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);

  g_return_val_if_fail (PF_IS_DATABASE (self), NULL);

  return priv->profile;
}

PfDatabaseKind
pf_database_get_kind (PfDatabase *self)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);

  g_return_val_if_fail (PF_IS_DATABASE (self), PF_DATABASE_KIND_SQLITE);

  return priv->kind;
}

const char *
pf_database_get_name (PfDatabase *self)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);

  g_return_val_if_fail (PF_IS_DATABASE (self), NULL);

  return priv->name;
}

const char *
pf_database_get_location (PfDatabase *self)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);

  g_return_val_if_fail (PF_IS_DATABASE (self), NULL);

  return priv->location;
}

const char *
pf_database_get_server_version (PfDatabase *self)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);
  const char *ret;

  g_return_val_if_fail (PF_IS_DATABASE (self), NULL);

  g_mutex_lock (&priv->mutex);
  ret = priv->server_version;
  g_mutex_unlock (&priv->mutex);

  return ret;
}

gint64
pf_database_get_size (PfDatabase *self)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);
  gint64 ret;

  g_return_val_if_fail (PF_IS_DATABASE (self), -1);

  g_mutex_lock (&priv->mutex);
  ret = priv->size;
  g_mutex_unlock (&priv->mutex);

  return ret;
}

gboolean
pf_database_get_is_open (PfDatabase *self)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);
  gboolean ret;

  g_return_val_if_fail (PF_IS_DATABASE (self), FALSE);

  g_mutex_lock (&priv->mutex);
  ret = priv->is_open;
  g_mutex_unlock (&priv->mutex);

  return ret;
}

gboolean
pf_database_open (PfDatabase    *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);
  gboolean ret = TRUE;

  g_return_val_if_fail (PF_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_mutex_lock (&priv->op_mutex);
  if (!pf_database_get_is_open (self))
    {
      ret = PF_DATABASE_GET_CLASS (self)->open (self, cancellable, error);
      if (ret)
        set_is_open (self, TRUE);
    }
  g_mutex_unlock (&priv->op_mutex);

  return ret;
}

PfSchema *
pf_database_introspect (PfDatabase    *self,
                        GCancellable  *cancellable,
                        GError       **error)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);
  PfSchema *ret = NULL;

  g_return_val_if_fail (PF_IS_DATABASE (self), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_mutex_lock (&priv->op_mutex);
  if (!pf_database_get_is_open (self))
    g_set_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_NOT_OPEN,
                 /* Translators: %s is the name of a database */
                 _("The database “%s” is not open"), priv->name);
  else
    ret = PF_DATABASE_GET_CLASS (self)->introspect (self, cancellable, error);
  g_mutex_unlock (&priv->op_mutex);

  return ret;
}

void
pf_database_close (PfDatabase *self)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);

  g_return_if_fail (PF_IS_DATABASE (self));

  /* Waits for a running open or introspection: cancel it first */
  g_mutex_lock (&priv->op_mutex);
  if (pf_database_get_is_open (self))
    {
      PF_DATABASE_GET_CLASS (self)->close (self);
      set_is_open (self, FALSE);
    }
  g_mutex_unlock (&priv->op_mutex);
}

static void
close_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  pf_database_close (PF_DATABASE (source_object));
  g_task_return_boolean (task, TRUE);
}

/**
 * pf_database_close_in_thread:
 * @self: (nullable): a #PfDatabase
 *
 * Closes @self on a worker thread, for the main thread: closing a
 * PostgreSQL connection talks to the server. The task keeps @self alive
 * until it is closed. Does nothing when @self is %NULL.
 */
void
pf_database_close_in_thread (PfDatabase *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (self == NULL || PF_IS_DATABASE (self));

  if (self == NULL)
    return;

  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_source_tag (task, pf_database_close_in_thread);
  g_task_run_in_thread (task, close_thread);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (pf_database_open (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pf_database_open_async (PfDatabase          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PF_IS_DATABASE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_database_open_async);
  /* The thread must finish using the connection before we report back */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, open_thread);
}

gboolean
pf_database_open_finish (PfDatabase    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (PF_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pf_database_open_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
introspect_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  PfSchema *schema;

  if ((schema = pf_database_introspect (source_object, cancellable, &error)))
    g_task_return_pointer (task, schema, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
pf_database_introspect_async (PfDatabase          *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PF_IS_DATABASE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_database_introspect_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, introspect_thread);
}

PfSchema *
pf_database_introspect_finish (PfDatabase    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (PF_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pf_database_introspect_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- scan support --------------------------------------------------------- */

char *
pf_database_begin_snapshot (PfDatabase    *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);
  PfDatabaseClass *klass;
  char *ret = NULL;

  g_return_val_if_fail (PF_IS_DATABASE (self), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  klass = PF_DATABASE_GET_CLASS (self);
  if (klass->begin_snapshot == NULL)
    return NULL;

  /* The snapshot's transaction lives on this connection: keep
   * introspection off it meanwhile */
  g_mutex_lock (&priv->op_mutex);
  if (!pf_database_get_is_open (self))
    g_set_error (error, PF_DATABASE_ERROR, PF_DATABASE_ERROR_NOT_OPEN,
                 /* Translators: %s is the name of a database */
                 _("The database “%s” is not open"), priv->name);
  else
    ret = klass->begin_snapshot (self, cancellable, error);
  g_mutex_unlock (&priv->op_mutex);

  return ret;
}

void
pf_database_end_snapshot (PfDatabase *self)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);
  PfDatabaseClass *klass;

  g_return_if_fail (PF_IS_DATABASE (self));

  klass = PF_DATABASE_GET_CLASS (self);
  if (klass->end_snapshot != NULL)
    {
      g_mutex_lock (&priv->op_mutex);
      if (pf_database_get_is_open (self))
        klass->end_snapshot (self);
      g_mutex_unlock (&priv->op_mutex);
    }
}

PfDatabase *
pf_database_open_worker (PfDatabase    *self,
                         const char    *snapshot,
                         GCancellable  *cancellable,
                         GError       **error)
{
  PfDatabasePrivate *priv = pf_database_get_instance_private (self);
  PfDatabaseClass *klass;
  PfDatabase *worker;

  g_return_val_if_fail (PF_IS_DATABASE (self), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  klass = PF_DATABASE_GET_CLASS (self);
  if (klass->open_worker == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* Translators: %s is the name of a database */
                   _("“%s” cannot be scanned with several connections"), priv->name);
      return NULL;
    }

  if ((worker = klass->open_worker (self, snapshot, cancellable, error)))
    set_is_open (worker, TRUE);

  return worker;
}

void
pf_database_interrupt (PfDatabase *self)
{
  PfDatabaseClass *klass;

  g_return_if_fail (PF_IS_DATABASE (self));

  klass = PF_DATABASE_GET_CLASS (self);
  if (klass->interrupt != NULL)
    klass->interrupt (self);
}

gboolean
pf_database_is_broken (PfDatabase *self)
{
  PfDatabaseClass *klass;

  g_return_val_if_fail (PF_IS_DATABASE (self), TRUE);

  klass = PF_DATABASE_GET_CLASS (self);

  return klass->is_broken != NULL && klass->is_broken (self);
}

void
pf_database_end_job (PfDatabase *self)
{
  PfDatabaseClass *klass;

  g_return_if_fail (PF_IS_DATABASE (self));

  klass = PF_DATABASE_GET_CLASS (self);
  if (klass->end_job != NULL)
    klass->end_job (self);
}
