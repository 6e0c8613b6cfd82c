// Line diffs for `winnow check`: Myers' O(ND) algorithm, printed as a
// unified diff with three lines of context. The command line's alone.
#ifndef WINNOW_CLI_DIFF_H_
#define WINNOW_CLI_DIFF_H_

#include <string>
#include <string_view>
#include <vector>

namespace winnow::cli {

std::vector<std::string> split_lines(std::string_view text);

// "" if equal; else a unified diff from `expected` to `actual`.
std::string unified_diff(std::string_view expected, std::string_view actual,
                         std::string_view expected_name, std::string_view actual_name,
                         int context = 3);

}  // namespace winnow::cli

#endif  // WINNOW_CLI_DIFF_H_
