// winnow's command line. Exit codes (README "Exit codes"):
//   0 ok; 1 `check` found a mismatch; 2 bad command line; 3 bad input page;
//   4 rule file missing or broken.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"
#include "cli/input.h"

using namespace winnow;

int main(int argc, char** argv) {
  CLI::App app{"winnow: a news page in, the article's own text out"};
  app.require_subcommand(1);
  std::string rules_flag;
  app.add_option("--rules", rules_flag, "directory of rule files (default: the bundled rules/)");

  cli::PageOptions page;
  auto add_page_options = [&](CLI::App* cmd, bool with_format) {
    cmd->add_option("FILE", page.file, "saved HTML page, or - for stdin")->required();
    cmd->add_option("--url", page.url, "the page's URL (picks the rule file by host; "
                                       "default: the page's canonical or og:url)");
    cmd->add_flag("--whole-page", page.whole_page,
                  "ignore the kept fields: clean the whole page with the drop rules alone");
    cmd->add_flag("--include-hidden", page.include_hidden,
                  "lay out what the page hides too (hidden, display:none): shows whether the "
                  "drop rules hold on hidden site chrome");
    if (with_format)
      cmd->add_option("--format", page.format, "text or json")
          ->check(CLI::IsMember({"text", "json"}));
  };

  auto* render = app.add_subcommand("render", "whole-page text, as the reference dumps read");
  render->add_option("FILE", page.file, "HTML file, or - for stdin")->required();
  render->add_flag("--include-hidden", page.include_hidden, "lay out what the page hides too");
  auto* clean = app.add_subcommand("clean", "the article's text (or JSON) from a saved page");
  add_page_options(clean, true);
  auto* explain = app.add_subcommand(
      "explain", "what was kept and removed from a page, and by which rule (file and line)");
  add_page_options(explain, false);
  cli::CheckOptions check_opts;
  auto* check = app.add_subcommand(
      "check", "clean every fixture under DIR and compare with its expected output");
  check->add_option("DIR", check_opts.dir, "fixtures directory (default: fixtures)");
  check->add_flag("--whole-page", check_opts.whole_page,
                  "also check that the drop rules alone leave none of the page's non-article lines");

  // CLI11 would call an unknown word "a missing subcommand"; name it.
  int first_word = 1;
  while (first_word < argc && argv[first_word][0] == '-') {
    // Skip global options and the value of --rules.
    first_word += std::string(argv[first_word]) == "--rules" ? 2 : 1;
  }
  if (first_word < argc) {
    std::string word = argv[first_word];
    const auto subs = app.get_subcommands([&](CLI::App* sub) { return sub->get_name() == word; });
    if (subs.empty()) {
      std::cerr << "winnow: unknown command '" << word
                << "' (commands: render, clean, explain, check; see winnow --help)\n";
      return cli::kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? cli::kExitOk : cli::kExitUsage;
  }

  if (render->parsed()) return cli::cmd_render(page);

  RuleLibrary library;
  if (int code = cli::load_rules_or_report(cli::find_rules_dir(rules_flag, argv[0]), &library))
    return code;
  if (clean->parsed()) return cli::cmd_clean(library, page);
  if (explain->parsed()) return cli::cmd_explain(library, page);
  if (check->parsed()) return cli::cmd_check(library, check_opts);
  return cli::kExitUsage;
}
