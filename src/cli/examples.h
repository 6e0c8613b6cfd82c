// The examples each subcommand's --help ends with (and the man page shows):
// real command lines, kept in one table so they read as a set.
#ifndef WINNOW_CLI_EXAMPLES_H_
#define WINNOW_CLI_EXAMPLES_H_

#include <string>

namespace winnow::cli {

// "Examples:\n  winnow clean ...\n..." for the command `name`; "" if none.
std::string examples_for(const std::string& name);

// The examples of the commands together, for `winnow --help`.
std::string first_examples();

}  // namespace winnow::cli

#endif  // WINNOW_CLI_EXAMPLES_H_
