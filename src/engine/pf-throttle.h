/* pf-throttle.h — wake a main context at most ten times a second, from any thread
 *
 * Workers publish progress far more often than anyone can read it. The
 * owner keeps what workers share under its own mutex and, with that mutex
 * held, asks for a wake-up; the callback runs on the owner's main context
 * soon (an idle) or, when the last one was under a tenth of a second ago,
 * once that tenth is over. Several requests meanwhile make one wake-up.
 * The Sysprof way (sysprof-document-loader.c), in one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PF_THROTTLE_INTERVAL_USEC (G_USEC_PER_SEC / 10)

typedef struct
{
  GSource *source;      /* the pending wake-up, or NULL */
  gint64   last_fired;  /* monotonic time of the last one */
} PfThrottle;

/* With the owner's mutex held. @callback gets @owner (referenced until it
 * has run) and should return G_SOURCE_REMOVE after calling
 * pf_throttle_fired_locked(). @name names the source for profilers. */
void pf_throttle_queue_locked (PfThrottle    *self,
                               GMainContext  *context,
                               const char    *name,
                               GSourceFunc    callback,
                               GObject       *owner);
/* With the owner's mutex held, first thing in the callback: forgets the
 * wake-up (so the next request queues a new one) and stamps the time */
void pf_throttle_fired_locked (PfThrottle    *self);
/* Drops a pending wake-up (dispose, finalize, a new run); the next one may
 * come at once */
void pf_throttle_clear        (PfThrottle    *self);

G_END_DECLS
