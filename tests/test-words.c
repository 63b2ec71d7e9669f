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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/words/plural", test_plural);

  return g_test_run ();
}
