// `winnow --version`: winnow's version and those of the libraries it was
// built with (or, for the shared ones, runs with).
#ifndef WINNOW_CLI_VERSION_H_
#define WINNOW_CLI_VERSION_H_

#include <string>

namespace winnow::cli {

// "winnow 0.1.0\n" then one line a library: "libcurl 7.88.1", ...
std::string version_text();

}  // namespace winnow::cli

#endif  // WINNOW_CLI_VERSION_H_
