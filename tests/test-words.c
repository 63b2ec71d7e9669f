/* test-words.c — plurals of table and model nouns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pf-words.h"

static void
test_plural (void)
{
  static const struct {
    const char *singular;
    const char *plural;
  } cases[] = {
    { "shift", "shifts" },
    { "leave entitlement", "leave entitlements" },
    { "entry", "entries" },
    { "day", "days" },
    { "status", "statuses" },
    { "address", "addresses" },
    { "box", "boxes" },
    { "branch", "branches" },
    { "wish", "wishes" },
    /* Tables are often plural already */
    { "shifts", "shifts" },
    { "access logs", "access logs" },
    /* No plural at all */
    { "staff", "staff" },
    { "Staff", "Staff" },
    { "sensor data", "sensor data" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *plural = pf_words_dup_plural (cases[i].singular);

      g_assert_cmpstr (plural, ==, cases[i].plural);
    }
}

/* Moments read in the local time zone, whatever zone they came in */
static void
test_local_time (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+02:00");
  g_autoptr(GDateTime) when = g_date_time_new (zone, 2026, 11, 21, 16, 2, 9);
  g_autofree char *time = pf_words_dup_local_time (when, "%H:%M:%S");
  g_autofree char *date_time = pf_words_dup_local_date_time (when);

  g_assert_cmpstr (time, ==, "14:02:09");
  g_assert_cmpstr (date_time, ==, "21 November 2026, 14:02");
  g_assert_null (pf_words_dup_local_time (NULL, "%H"));
  g_assert_null (pf_words_dup_local_date_time (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The local zone of the test: UTC, in English */
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_add_func ("/words/plural", test_plural);
  g_test_add_func ("/words/local-time", test_local_time);

  return g_test_run ();
}
