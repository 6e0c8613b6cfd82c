// `winnow clean PAGE`: the article's text (or JSON) from a saved page; with
// several pages or a directory, each in input order (cli/clean_many.h).
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

#include "cli/clean_many.h"
#include "cli/command.h"
#include "cli/input.h"
#include "cli/options.h"
#include "winnow/clean.h"
#include "winnow/json.h"

namespace winnow::cli {
namespace {

class CleanCommand : public Command {
 public:
  void setup(CLI::App* app) override { add_page_options(app, &opts_, /*many=*/true); }
  int run(const Context& context) override {
    opts_.file = opts_.files.front();
    std::error_code ec;
    if (opts_.files.size() > 1 || (opts_.file != "-" && std::filesystem::is_directory(opts_.file, ec)))
      return clean_many(context.rules, opts_);
    return one_page(opts_.file, "cleaning", [&] {
      Document doc;
      if (int code = read_document(opts_.file, opts_.max_bytes, &doc)) return code;
      Article art = clean(context.rules, doc, opts_.request());
      if (opts_.format == "json") {
        std::cout << to_json(art) << "\n";  // warnings travel inside the JSON
      } else {
        std::cout << art.text();
        print_warnings(opts_.file, art.warnings);
      }
      return static_cast<int>(kExitOk);
    });
  }

 private:
  PageOptions opts_;
};

const bool kRegistered = register_command(
    {.name = "clean", .description = "the article's text (or JSON) from a saved page", .order = 20},
    std::make_unique<CleanCommand>());

}  // namespace
}  // namespace winnow::cli
