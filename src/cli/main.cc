// winnow's command line: the registered commands (cli/command.h) under one
// CLI11 app. Exit codes: winnow/exit_code.h (README "Exit codes").
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <new>
#include <string_view>
#include <vector>

#include "cli/command.h"
#include "cli/examples.h"
#include "cli/version.h"
#include "winnow/rules.h"

using namespace winnow;

namespace {

namespace fs = std::filesystem;

// The rules directory: --rules, $WINNOW_RULES, <binary>/../rules (or an
// installed <binary>/../share/winnow/rules), then the source tree's rules/
// the binary was built from.
std::string find_rules_dir(const std::string& flag, const char* argv0) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("WINNOW_RULES"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  // The source tree's layout (build/winnow beside rules/), then an
  // installed one (PREFIX/bin/winnow, PREFIX/share/winnow/rules).
  for (const fs::path& p : {exe.parent_path().parent_path() / "rules", exe.parent_path() / "rules",
                            exe.parent_path().parent_path() / "share" / "winnow" / "rules"})
    if (fs::is_directory(p, ec)) return p.string();
#ifdef WINNOW_DEFAULT_RULES_DIR
  return WINNOW_DEFAULT_RULES_DIR;
#else
  return "rules";
#endif
}

// The command's word ("clean"): the first argument past the global options.
std::string command_word(int argc, char** argv) {
  int first_word = 1;
  while (first_word < argc && argv[first_word][0] == '-') {
    // Skip global options and the value of --rules.
    first_word += std::string(argv[first_word]) == "--rules" ? 2 : 1;
  }
  return first_word < argc ? argv[first_word] : "";
}

bool is_web_url(std::string_view word) {
  return word.rfind("http://", 0) == 0 || word.rfind("https://", 0) == 0;
}

// CLI11 would call an unknown word "a missing subcommand"; name it.
bool known_command(const std::string& word) {
  if (word.empty() || cli::find_command(word).command) return true;
  std::string names;
  for (const cli::Registered& r : cli::registered_commands()) names += (names.empty() ? "" : ", ") + r.info->name;
  std::cerr << "winnow: unknown command '" << word << "' (commands: " << names << "; see winnow --help)\n";
  return false;
}

}  // namespace

// A function-try-block: what no command caught (memory exhausted while
// loading rules or listing a directory) is still one line and an exit code,
// not an abort. Pages have their own guard (cli/input.h one_page).
int main(int argc, char** argv) try {
  // `winnow URL...`: the one-liner people type is `clean URL`.
  std::vector<char*> args(argv, argv + argc);
  static char clean_word[] = "clean";
  if (is_web_url(command_word(argc, argv))) {
    auto at = std::find_if(args.begin() + 1, args.end(), [](char* a) { return is_web_url(a); });
    args.insert(at, clean_word);
    argc = static_cast<int>(args.size());
    argv = args.data();
  }
  CLI::App app{"winnow: a news page in, the article's own text out", "winnow"};
  app.require_subcommand(1);
  app.set_version_flag("--version", cli::version_text(), "print winnow's version and its libraries', and exit");
  // Global options also after the subcommand (`winnow clean PAGE --rules DIR`):
  // what a subcommand does not know falls through to here.
  app.fallthrough();
  std::string rules_flag;
  app.add_option("--rules", rules_flag, "directory of rule files (default: the bundled rules/)");
  app.footer(cli::first_examples());
  for (const cli::Registered& r : cli::registered_commands()) {
    CLI::App* sub = app.add_subcommand(r.info->name, r.info->description);
    r.command->setup(sub);
    sub->footer(cli::examples_for(r.info->name));
  }
  if (!known_command(command_word(argc, argv))) return kExitUsage;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  cli::Command* command = cli::find_command(app.get_subcommands().front()->get_name()).command;
  RuleLibrary library;
  std::string rules_dir;
  if (command->needs_rules()) {
    rules_dir = find_rules_dir(rules_flag, argv[0]);
    RuleError err;
    if (!load_rules(rules_dir, &library, &err)) {
      std::cerr << "winnow: rules: " << err.to_string() << "\n";
      return kExitRules;
    }
  }
  return command->run({.rules = library, .rules_dir = rules_dir});
} catch (const std::exception& e) {
  const bool out_of_memory = dynamic_cast<const std::bad_alloc*>(&e) != nullptr;
  std::cerr << "winnow: " << (out_of_memory ? std::string("out of memory") : "internal error: " + std::string(e.what()))
            << "\n";
  const cli::Registered r = cli::find_command(command_word(argc, argv));
  return r.info ? r.info->on_exception : kExitInput;
}
