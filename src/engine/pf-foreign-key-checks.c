/* being written: fk-orphans, fk-not-valid, implied-fk-orphans */
#include "config.h"
#include "pf-checks.h"
void
pf_foreign_key_checks_plan (PfDatabase *database, PfSchema *schema, PfRules *rules, GPtrArray *jobs)
{
}
