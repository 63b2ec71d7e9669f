/* pf-foreign-key-checks.c — fk-orphans, fk-not-valid, implied-fk-orphans
 *
 * Copyright 2026 The Preflight authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pf-fk-checks"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pf-cascade.h"
#include "pf-check-info.h"
#include "pf-checks.h"
#include "pf-orphan-query.h"
#include "pf-pg-database.h"
#include "pf-sql.h"
#include "pf-sqlite-database.h"

typedef struct
{
  PfSchema     *schema;
  PfForeignKey *fk;
  gboolean      declared;
} FkJob;

static void
fk_job_free (FkJob *data)
{
  g_clear_object (&data->schema);
  g_clear_pointer (&data->fk, pf_foreign_key_unref);
  g_free (data);
}

/* ---- words ------------------------------------------------------------ */

static char *
dup_title (PfSchema     *schema,
           PfForeignKey *fk,
           PfOrphanQuery *query,
           gint64        count)
{
  g_autofree char *child = pf_check_info_dup_table_noun (schema, fk->table_schema, fk->table, count != 1);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, count);

  if (query->parent_state == PF_ORPHAN_PARENT_MISSING)
    /* Translators: "2 supervision records point at scheduling_user, a
     * table that does not exist" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s %s points at %s, a table that does not exist",
                                         "%s %s point at %s, a table that does not exist",
                                         count),
                            number, child, fk->parent_table);

  {
    g_autofree char *parent = pf_check_info_dup_table_noun (schema, fk->parent_schema, fk->parent_table, count != 1);

    /* Translators: "1 supervision record points at a missing user" /
     * "2 supervision records point at users that do not exist" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s %s points at a missing %s",
                                         "%s %s point at %s that do not exist",
                                         count),
                            number, child, parent);
  }
}

static char *
dup_names (const char * const *names)
{
  return g_strjoinv (", ", (char **)names);
}

static char *
dup_constraint_text (PfForeignKey *fk)
{
  g_autofree char *columns = dup_names ((const char * const *)fk->columns);
  g_autofree char *parent_columns = dup_names ((const char * const *)fk->parent_columns);
  const char *sep = fk->parent_schema ? "." : "";

  return g_strdup_printf ("%s%s%s (%s) → %s%s%s (%s)",
                          fk->table_schema ? fk->table_schema : "", fk->table_schema ? "." : "",
                          fk->table, columns,
                          fk->parent_schema ? fk->parent_schema : "", sep,
                          fk->parent_table, parent_columns);
}

static char *
dup_explanation (PfDatabase *connection,
                 FkJob      *data,
                 gboolean    not_valid)
{
  if (!data->declared)
    return g_strdup (_("The database does not enforce this link, but the names say these rows "
                       "belong to rows in another table, and those rows are not there. The "
                       "migration itself is not blocked, yet adding the missing foreign key "
                       "later, or code that follows the link, will fail on these rows."));

  if (PF_IS_SQLITE_DATABASE (connection))
    return g_strdup (_("These rows refer to rows that are not there. Django's SQLite schema "
                       "editor re-checks every foreign key in the database after it rebuilds a "
                       "table, so these rows make unrelated migrations fail too, not only the "
                       "ones that touch these tables. They have to be fixed or removed before "
                       "the migration can run."));

  if (not_valid)
    return g_strdup (_("This constraint was added without checking the rows already there. "
                       "Validating it (which a migration or a later upgrade will do) fails on "
                       "these rows, so they have to be fixed or removed first."));

  return g_strdup (_("These rows refer to rows that are not there although a constraint "
                     "forbids it (its checks were switched off at some point). Any migration "
                     "that adds or validates this foreign key fails on them, so they have to be "
                     "fixed or removed first."));
}

static char *
dup_detail (PfDatabase    *connection,
            FkJob         *data,
            PfOrphanQuery *query)
{
  g_autofree char *constraint = dup_constraint_text (data->fk);
  g_autofree char *values_sql = _pf_orphan_query_dup_values_sql (query);
  GString *detail = g_string_new (NULL);

  g_string_append_printf (detail, _("Constraint: %s\n"),
                          data->fk->name ? data->fk->name
                                         : (data->declared ? _("(unnamed)") : _("(not declared)")));
  g_string_append_printf (detail, _("Key: %s\n"), constraint);
  if (query->fkid >= 0)
    g_string_append_printf (detail, _("PRAGMA foreign_key_check fkid: %d\n"), query->fkid);
  if (PF_IS_PG_DATABASE (connection) && data->declared)
    g_string_append_printf (detail, _("Match: %s\n"), query->match_full ? "FULL" : "SIMPLE");
  g_string_append_printf (detail, _("ON DELETE: %s\n"), pf_foreign_key_action_to_sql (data->fk->on_delete));
  g_string_append_printf (detail, _("Method: %s\n"),
                          query->walk_index != NULL
                          ? _("each distinct value read once from the child's index, probed in the parent's key")
                          : _("anti-join of every child row against the parent's key"));
  g_string_append_printf (detail, _("Query:\n%s\n"), values_sql);

  return g_string_free (detail, FALSE);
}

static PfFinding *
finding_new (const char   *check_id,
             PfSeverity    severity,
             FkJob        *data)
{
  PfFinding *finding = pf_finding_new (check_id, severity);
  PfForeignKey *fk = data->fk;

  pf_finding_set_table (finding, fk->table_schema, fk->table);
  pf_finding_set_columns (finding, (const char * const *)fk->columns);
  pf_finding_set_parent_table (finding, fk->parent_schema, fk->parent_table);
  pf_finding_set_parent_columns (finding, (const char * const *)fk->parent_columns);
  pf_finding_set_constraint (finding, fk->name);
  pf_finding_set_declared (finding, data->declared);

  return finding;
}

/* ---- the job ------------------------------------------------------------ */

static gboolean
run_job (PfScanJob     *job,
         PfDatabase    *connection,
         GPtrArray     *findings,
         GCancellable  *cancellable,
         GError       **error)
{
  FkJob *data = job->data;
  PfForeignKey *fk = data->fk;
  g_autoptr(PfOrphanQuery) query = NULL;
  g_autoptr(PfFinding) finding = NULL;
  gboolean not_valid = g_strcmp0 (job->check_id, PF_CHECK_FK_NOT_VALID) == 0;
  g_autofree char *text = NULL;
  gint64 count;

  query = _pf_orphan_query_new (connection, data->schema, fk, data->declared, cancellable, error);
  if (query == NULL)
    return FALSE;

  /* A partition's copy of its partitioned table's key: checked there */
  if (query->covered_elsewhere)
    return TRUE;

  if (query->parent_state == PF_ORPHAN_PARENT_MISMATCH)
    {
      g_autofree char *parent_columns = dup_names ((const char * const *)fk->parent_columns);
      g_autofree char *constraint = dup_constraint_text (fk);

      if (!data->declared)
        return TRUE;

      /* SQLite raises "foreign key mismatch" for any write that touches
       * this key and for PRAGMA foreign_key_check on the child */
      finding = finding_new (job->check_id, PF_SEVERITY_BLOCKER, data);
      text = g_strdup_printf (_("The foreign key from %s to %s cannot be checked: the parent has no unique key on %s"),
                              fk->table, fk->parent_table,
                              parent_columns[0] ? parent_columns : _("its primary key"));
      pf_finding_set_title (finding, text);
      g_clear_pointer (&text, g_free);
      pf_finding_set_explanation (finding,
                                  _("SQLite reports a “foreign key mismatch” error for this key: "
                                    "the referenced columns are not a primary key or a unique index "
                                    "(with the columns' own collation) in the parent table. Django's "
                                    "migrations check every foreign key after rebuilding a table, so "
                                    "this error stops them until the key or the parent is fixed."));
      text = g_strdup_printf (_("Key: %s\nSQLite: foreign key mismatch - “%s” referencing “%s”\n"),
                              constraint, fk->table, fk->parent_table);
      pf_finding_set_detail (finding, text);
      pf_finding_set_count (finding, -1);
      g_ptr_array_add (findings, g_steal_pointer (&finding));
      return TRUE;
    }

  finding = finding_new (job->check_id,
                         data->declared ? PF_SEVERITY_BLOCKER : PF_SEVERITY_WARNING, data);

  if (!_pf_orphan_query_run (query, connection, finding, cancellable, error))
    return FALSE;

  count = pf_finding_get_count (finding);

  if (count == 0)
    {
      if (!not_valid)
        return TRUE;

      /* NOT VALID with nothing under it: VALIDATE would succeed */
      pf_finding_set_severity (finding, PF_SEVERITY_INFO);
      text = g_strdup_printf (_("The constraint %s can be validated now"), fk->name);
      pf_finding_set_title (finding, text);
      g_clear_pointer (&text, g_free);
      pf_finding_set_explanation (finding,
                                  _("This foreign key was added without checking existing rows, and "
                                    "every row satisfies it. Validating it now would succeed and lets "
                                    "the database rely on it."));
      text = dup_detail (connection, data, query);
      pf_finding_set_detail (finding, text);
      g_clear_pointer (&text, g_free);
      {
        g_autofree char *name = pf_sql_quote_identifier (fk->name);
        /* ALTER TABLE takes no ONLY here */
        const char *target = query->child_target + (g_str_has_prefix (query->child_target, "ONLY ") ? 5 : 0);

        text = g_strdup_printf ("ALTER TABLE %s VALIDATE CONSTRAINT %s;\n", target, name);
      }
      pf_finding_set_fix_sql (finding, text);
      g_ptr_array_add (findings, g_steal_pointer (&finding));
      return TRUE;
    }

  if (!_pf_cascade_compute (connection, data->schema, fk, query, finding, cancellable, error))
    return FALSE;

  text = dup_title (data->schema, fk, query, count);
  if (not_valid)
    {
      g_autofree char *title = g_strdup_printf (_("%s: the constraint %s cannot be validated"), text, fk->name);

      pf_finding_set_title (finding, title);
    }
  else if (!data->declared)
    {
      g_autofree char *title = g_strdup_printf (_("%s (an undeclared link)"), text);

      pf_finding_set_title (finding, title);
    }
  else
    pf_finding_set_title (finding, text);
  g_clear_pointer (&text, g_free);

  text = dup_explanation (connection, data, not_valid);
  pf_finding_set_explanation (finding, text);
  g_clear_pointer (&text, g_free);

  text = dup_detail (connection, data, query);
  pf_finding_set_detail (finding, text);

  g_ptr_array_add (findings, g_steal_pointer (&finding));

  return TRUE;
}

/* ---- planning ----------------------------------------------------------- */

static void
add_job (GPtrArray    *jobs,
         PfSchema     *schema,
         PfTable      *table,
         PfForeignKey *fk,
         gboolean      declared,
         const char   *check_id)
{
  FkJob *data = g_new0 (FkJob, 1);
  g_autofree char *columns = dup_names ((const char * const *)fk->columns);
  g_autofree char *subject = NULL;
  g_autofree char *message = NULL;
  gint64 rows = pf_table_get_row_estimate (table);

  data->schema = g_object_ref (schema);
  data->fk = pf_foreign_key_ref (fk);
  data->declared = declared;

  subject = g_strdup_printf ("%s (%s) → %s", pf_table_get_display_name (table), columns, fk->parent_table);
  /* Translators: progress, e.g. "Checking scheduling_shift.user_id → scheduling_user" */
  message = g_strdup_printf (_("Checking %s.%s → %s"), pf_table_get_display_name (table), columns,
                             fk->parent_table);

  /* Cost grows with the child's rows; unknown sizes still count a little */
  g_ptr_array_add (jobs, pf_scan_job_new (check_id, subject, message, MAX (rows, 1000),
                                          run_job, data, (GDestroyNotify)fk_job_free));
}

static gboolean
column_in_declared_key (PfTable    *table,
                        const char *column)
{
  GPtrArray *fks = pf_table_get_foreign_keys (table);

  for (guint i = 0; i < fks->len; i++)
    {
      PfForeignKey *fk = g_ptr_array_index (fks, i);

      if (g_strv_contains ((const char * const *)fk->columns, column))
        return TRUE;
    }

  return FALSE;
}

/* Same type: SQLite compares declared types, or failing that affinities
 * (the first matching rule of sqlite3AffinityType()); PostgreSQL the
 * format_type() text */
static char
sqlite_affinity (const char *type)
{
  g_autofree char *up = g_ascii_strup (type ? type : "", -1);

  if (strstr (up, "INT"))
    return 'I';
  if (strstr (up, "CHAR") || strstr (up, "CLOB") || strstr (up, "TEXT"))
    return 'T';
  if (strstr (up, "BLOB") || *up == '\0')
    return 'B';
  if (strstr (up, "REAL") || strstr (up, "FLOA") || strstr (up, "DOUB"))
    return 'R';
  return 'N';
}

static gboolean
same_type (gboolean        sqlite,
           const PfColumn *a,
           const PfColumn *b)
{
  if (sqlite)
    return g_ascii_strcasecmp (a->type, b->type) == 0 || sqlite_affinity (a->type) == sqlite_affinity (b->type);

  return g_strcmp0 (a->type, b->type) == 0;
}

static PfForeignKey *
implied_key_new (PfTable    *child,
                 const char *column,
                 PfTable    *parent,
                 const char *parent_column)
{
  PfForeignKey *fk = pf_foreign_key_new ();

  fk->table_schema = g_strdup (pf_table_get_schema_name (child));
  fk->table = g_strdup (pf_table_get_name (child));
  fk->columns = g_new0 (char *, 2);
  fk->columns[0] = g_strdup (column);
  fk->parent_schema = g_strdup (pf_table_get_schema_name (parent));
  fk->parent_table = g_strdup (pf_table_get_name (parent));
  fk->parent_columns = g_new0 (char *, 2);
  fk->parent_columns[0] = g_strdup (parent_column);

  return fk;
}

/* Implied relationships. A column "<name>_id" refers to table P when:
 *   - no declared foreign key of its table includes the column;
 *   - P is named "<name>" or ends in "_<name>" (in the same schema on
 *     PostgreSQL; ASCII case ignored on SQLite, as SQLite names are);
 *   - P has a single-column primary key of the same type (above);
 *   - exactly one table qualifies (two candidates: we do not guess);
 *   - it is not the column itself (P's own key).
 * Relationship rules add "columns glob → table.column" on top, with no
 * type or uniqueness condition: the user said so. */
static void
plan_implied (PfDatabase *database,
              PfSchema   *schema,
              PfRules    *rules,
              GPtrArray  *jobs)
{
  gboolean sqlite = pf_database_get_kind (database) == PF_DATABASE_KIND_SQLITE;
  guint n = pf_schema_get_n_tables (schema);
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *relationships = rules ? pf_rules_get_relationships (rules) : NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (schema), i);
      GPtrArray *columns = pf_table_get_columns (table);

      for (guint c = 0; c < columns->len; c++)
        {
          PfColumn *column = g_ptr_array_index (columns, c);
          g_autoptr(PfForeignKey) fk = NULL;
          g_autofree char *key = NULL;
          PfTable *match = NULL;
          const char *match_column = NULL;
          guint n_matches = 0;

          if (column_in_declared_key (table, column->name))
            continue;

          /* Rules first: they say exactly what the column refers to */
          for (guint r = 0; relationships && r < relationships->len; r++)
            {
              PfRelationshipRule *rule = g_ptr_array_index (relationships, r);
              g_autofree char *parent_schema = NULL;
              const char *parent_name = rule->references_table;
              const char *dot = sqlite ? NULL : strchr (rule->references_table, '.');
              PfTable *parent;

              if (!g_pattern_match_simple (rule->columns_glob, column->name))
                continue;
              if (dot != NULL)
                {
                  parent_schema = g_strndup (rule->references_table, dot - rule->references_table);
                  parent_name = dot + 1;
                }
              else if (!sqlite)
                parent_schema = g_strdup ("public");

              parent = pf_schema_lookup_table (schema, parent_schema, parent_name);
              if (parent == NULL || pf_table_lookup_column (parent, rule->references_column) == NULL)
                continue;
              if (parent == table && g_strcmp0 (rule->references_column, column->name) == 0)
                continue;

              match = parent;
              match_column = rule->references_column;
              n_matches = 1;
              break;
            }

          if (n_matches == 0 && g_str_has_suffix (column->name, "_id")
              && strlen (column->name) > 3)
            {
              g_autofree char *base = g_strndup (column->name, strlen (column->name) - 3);
              g_autofree char *suffix = g_strconcat ("_", base, NULL);

              for (guint j = 0; j < n; j++)
                {
                  g_autoptr(PfTable) parent = g_list_model_get_item (G_LIST_MODEL (schema), j);
                  const char * const *pk = pf_table_get_primary_key (parent);
                  const char *name = pf_table_get_name (parent);
                  gsize len = strlen (name), slen = strlen (suffix);
                  gboolean named;
                  PfColumn *pk_column;

                  if (g_strcmp0 (pf_table_get_schema_name (parent), pf_table_get_schema_name (table)) != 0)
                    continue;
                  if (pk == NULL || pk[0] == NULL || pk[1] != NULL)
                    continue;

                  if (sqlite)
                    named = g_ascii_strcasecmp (name, base) == 0
                            || (len > slen && g_ascii_strcasecmp (name + len - slen, suffix) == 0);
                  else
                    named = strcmp (name, base) == 0 || (len > slen && strcmp (name + len - slen, suffix) == 0);
                  if (!named)
                    continue;

                  pk_column = pf_table_lookup_column (parent, pk[0]);
                  if (pk_column == NULL || !same_type (sqlite, column, pk_column))
                    continue;
                  if (parent == table && strcmp (pk[0], column->name) == 0)
                    continue;

                  n_matches++;
                  match = parent;
                  match_column = pk[0];
                }
            }

          if (n_matches != 1)
            continue;

          key = g_strdup_printf ("%s\x1f%s\x1f%s", pf_table_get_display_name (table), column->name,
                                 pf_table_get_display_name (match));
          if (!g_hash_table_add (done, g_steal_pointer (&key)))
            continue;

          fk = implied_key_new (table, column->name, match, match_column);
          add_job (jobs, schema, table, fk, FALSE, PF_CHECK_IMPLIED_FK_ORPHANS);
        }
    }
}

void
pf_foreign_key_checks_plan (PfDatabase *database,
                            PfSchema   *schema,
                            PfRules    *rules,
                            GPtrArray  *jobs)
{
  guint n;

  g_return_if_fail (PF_IS_DATABASE (database));
  g_return_if_fail (PF_IS_SCHEMA (schema));
  g_return_if_fail (jobs != NULL);

  n = pf_schema_get_n_tables (schema);

  /* One job per declared key: big children first (the scan sorts by weight) */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PfTable) table = g_list_model_get_item (G_LIST_MODEL (schema), i);
      GPtrArray *fks = pf_table_get_foreign_keys (table);

      for (guint j = 0; j < fks->len; j++)
        {
          PfForeignKey *fk = g_ptr_array_index (fks, j);

          add_job (jobs, schema, table, fk, TRUE,
                   fk->not_valid ? PF_CHECK_FK_NOT_VALID : PF_CHECK_FK_ORPHANS);
        }
    }

  plan_implied (database, schema, rules, jobs);
}
