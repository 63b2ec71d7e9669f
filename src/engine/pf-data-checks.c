/* being written: the data checks */
#include "config.h"
#include "pf-checks.h"
void
pf_data_checks_plan (PfDatabase *database, PfSchema *schema, PfRules *rules, GPtrArray *jobs)
{
}
