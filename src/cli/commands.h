// The CLI's commands, each a function over parsed options.
#ifndef WINNOW_CLI_COMMANDS_H_
#define WINNOW_CLI_COMMANDS_H_

#include <string>

#include "winnow.h"

namespace winnow::cli {

struct PageOptions {
  std::string file;          // path or "-"
  std::string url;           // --url
  bool whole_page = false;   // --whole-page
  bool include_hidden = false;  // --include-hidden
  std::string format = "text";
};

// Finds the rules directory: --rules, $WINNOW_RULES, <binary>/../rules,
// then the source tree's rules/ the binary was built from.
std::string find_rules_dir(const std::string& flag, const char* argv0);

// Loads rules or prints the one-line error; returns an exit code (0 = ok).
int load_rules_or_report(const std::string& dir, RuleLibrary* library);

// Reads and decodes a page or prints the one-line error; returns an exit code.
int read_document(const std::string& file, Document* doc);

int cmd_render(const PageOptions& opts);
int cmd_clean(const RuleLibrary& library, const PageOptions& opts);
int cmd_explain(const RuleLibrary& library, const PageOptions& opts);
struct CheckOptions {
  std::string dir = "fixtures";
  // Also clean each page with the drop rules alone (and once more with its
  // hidden chrome laid out): no line of the page outside the expected
  // article text may survive.
  bool whole_page = false;
};
int cmd_check(const RuleLibrary& library, const CheckOptions& opts);

}  // namespace winnow::cli

#endif  // WINNOW_CLI_COMMANDS_H_
