// `winnow clean [-j N] FILE... | DIR`: many pages, cleaned by a fixed pool,
// printed in input order as they come (cli/ordered_pool.h).
#ifndef WINNOW_CLI_CLEAN_MANY_H_
#define WINNOW_CLI_CLEAN_MANY_H_

#include "cli/options.h"
#include "winnow/rules.h"

namespace winnow::cli {

// Each page in input order, text under a "==> FILE <==" header or one JSON
// line with "file"; a page that cannot be read is one line on stderr and the
// rest go on. Exit 0, 5 if some failed, 3 if all did.
int clean_many(const RuleLibrary& library, const PageOptions& opts);

}  // namespace winnow::cli

#endif  // WINNOW_CLI_CLEAN_MANY_H_
