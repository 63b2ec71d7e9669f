/* pf-check-info.c — what each kind of check is called, and who fixes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pf-check-info"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-check-info.h"
#include "pf-words.h"
#include "pf-checks.h"
#include "pf-table.h"

typedef struct
{
  const char *check_id;
  const char *label;
  const char *consequence;
  const char *fixer;
} CheckInfo;

/* N_() only marks; the getters translate */
static const CheckInfo infos[] = {
  { PF_CHECK_FK_ORPHANS,
    N_("Broken links"),
    N_("The migration stops with an integrity error, and the application may show records that refer to nothing."),
    N_("The application team, with the data owner deciding which rows to keep") },
  { PF_CHECK_IMPLIED_FK_ORPHANS,
    N_("Broken implied links"),
    N_("Adding the missing foreign key later fails, and reports that join these tables silently drop rows."),
    N_("The application team, with the data owner deciding which rows to keep") },
  { PF_CHECK_FK_NOT_VALID,
    N_("Unvalidated constraints"),
    N_("The database has never confirmed that existing rows obey the constraint, so old bad rows may still be there."),
    N_("The DBA") },
  { PF_CHECK_FK_TRIGGER_DISABLED,
    N_("Disabled constraint checks"),
    N_("New rows can break the relationship without any error until the checks are turned back on."),
    N_("The DBA") },
  { PF_CHECK_SEQUENCE_BEHIND,
    N_("Sequences behind their tables"),
    N_("New rows get numbers that are already taken, and saving them fails with a duplicate key error."),
    N_("The DBA") },
  { PF_CHECK_INVALID_INDEX,
    N_("Invalid indexes"),
    N_("Queries do not use the index and may be slow; a unique index does not protect against duplicates."),
    N_("The DBA") },
  { PF_CHECK_NO_PRIMARY_KEY,
    N_("Tables without a primary key"),
    N_("Rows cannot be told apart reliably, and some migration and replication tools refuse the table."),
    N_("The application team") },
  { PF_CHECK_SQLITE_INTEGRITY,
    N_("Damaged database file"),
    N_("Reads may return wrong results and writes may make the damage worse."),
    N_("The DBA, starting from a backup") },
  { PF_CHECK_TYPE_MISMATCH,
    N_("Values of the wrong type"),
    N_("The application or a stricter database rejects these values, often in the middle of the migration."),
    N_("The application team") },
  { PF_CHECK_DUPLICATE_VALUES,
    N_("Duplicate values"),
    N_("Adding a unique constraint fails, and lookups that expect one row get several."),
    N_("The data owner, with the application team") },
  { PF_CHECK_FORMAT_RULE,
    N_("Format rules"),
    N_("Values that break the agreed format are rejected or mismatched by the systems that rely on it."),
    N_("The data owner, with the application team") },
  { PF_CHECK_NOT_NULL_RULE,
    N_("Missing required values"),
    N_("Making the column required fails, and the application may crash on the empty values."),
    N_("The data owner, with the application team") },
};

static const CheckInfo *
lookup (const char *check_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (infos); i++)
    if (g_strcmp0 (infos[i].check_id, check_id) == 0)
      return &infos[i];

  return NULL;
}

const char *
pf_check_info_get_label (const char *check_id)
{
  const CheckInfo *info = lookup (check_id);

  if (info == NULL)
    return check_id;

  return g_dgettext (GETTEXT_PACKAGE, info->label);
}

const char *
pf_check_info_get_consequence (const char *check_id)
{
  const CheckInfo *info = lookup (check_id);

  if (info == NULL)
    return _("The problem stays in the data and may stop the migration or confuse the application.");

  return g_dgettext (GETTEXT_PACKAGE, info->consequence);
}

const char *
pf_check_info_get_fixer (const char *check_id)
{
  const CheckInfo *info = lookup (check_id);

  if (info == NULL)
    return _("The application team or the DBA");

  return g_dgettext (GETTEXT_PACKAGE, info->fixer);
}

/* Generic English nouns that model names glue on ("leaveentitlement");
 * splitting them off is all the humanising we do: no domain words. The
 * same list as the foreign-key checks' titles use. */
static const char * const suffix_words[] = {
  "record", "profile", "log", "review", "transaction", "entitlement", "permission",
  "type", "group", "entry", "request", "history", "item", "setting", "assignment",
  "certification", "member", "membership", "event", "detail", "note",
};

static gboolean
shares_prefix (PfSchema   *schema,
               const char *schema_name,
               const char *prefix)
{
  guint n = pf_schema_get_n_tables (schema);
  guint count = 0;

  for (guint i = 0; i < n && count < 2; i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (schema), i);

      if (g_strcmp0 (pf_table_get_schema_name (table), schema_name) == 0
          && g_str_has_prefix (pf_table_get_name (table), prefix))
        count++;
    }

  return count >= 2;
}

char *
pf_check_info_dup_table_noun (PfSchema   *schema,
                              const char *schema_name,
                              const char *table,
                              gboolean    plural)
{
  const char *underscore;
  g_autofree char *prefix = NULL;
  g_autofree char *words = NULL;
  GString *text;
  gsize len;

  g_return_val_if_fail (schema == NULL || PF_IS_SCHEMA (schema), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  underscore = strchr (table, '_');
  if (underscore != NULL && underscore[1] != '\0' && underscore != table)
    {
      prefix = g_strndup (table, underscore - table + 1);
      if (schema == NULL || shares_prefix (schema, schema_name, prefix))
        table = underscore + 1;
    }

  words = g_strdelimit (g_strdup (table), "_", ' ');
  text = g_string_new (words);
  len = text->len;

  if (strchr (words, ' ') == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (suffix_words); i++)
        {
          gsize slen = strlen (suffix_words[i]);

          if (len >= slen + 3 && g_ascii_strcasecmp (text->str + len - slen, suffix_words[i]) == 0)
            {
              g_string_insert_c (text, len - slen, ' ');
              break;
            }
        }
    }

  if (plural)
    {
      char *plural_text = pf_words_dup_plural (text->str);

      g_string_free (text, TRUE);
      return plural_text;
    }

  return g_string_free (text, FALSE);
}
