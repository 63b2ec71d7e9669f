/* pf-throttle.c — wake a main context at most ten times a second, from any thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-throttle"

#include "config.h"

#include "pf-throttle.h"

void
pf_throttle_queue_locked (PfThrottle   *self,
                          GMainContext *context,
                          const char   *name,
                          GSourceFunc   callback,
                          GObject      *owner)
{
  gint64 wait;

  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_OBJECT (owner));

  if (self->source != NULL || context == NULL)
    return;

  wait = self->last_fired + PF_THROTTLE_INTERVAL_USEC - g_get_monotonic_time ();
  if (wait > 0)
    self->source = g_timeout_source_new ((guint) ((wait + 999) / 1000));
  else
    self->source = g_idle_source_new ();

  g_source_set_priority (self->source, G_PRIORITY_LOW);
  g_source_set_static_name (self->source, name);
  g_source_set_callback (self->source, callback, g_object_ref (owner), g_object_unref);
  g_source_attach (self->source, context);
}

void
pf_throttle_fired_locked (PfThrottle *self)
{
  g_return_if_fail (self != NULL);

  pf_throttle_clear (self);
  self->last_fired = g_get_monotonic_time ();
}

void
pf_throttle_clear (PfThrottle *self)
{
  g_return_if_fail (self != NULL);

  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
  self->last_fired = 0;
}
