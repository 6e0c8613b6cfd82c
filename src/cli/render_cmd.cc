// `winnow render PAGE`: the whole page as text, as the reference dumps read.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/command.h"
#include "cli/input.h"
#include "cli/options.h"
#include "winnow/document.h"

namespace winnow::cli {
namespace {

class RenderCommand : public Command {
 public:
  void setup(CLI::App* app) override {
    app->add_option("FILE", file_, "HTML file, or - for stdin")->required();
    app->add_flag("--include-hidden", include_hidden_, "lay out what the page hides too");
    add_max_bytes(app, &max_bytes_);
  }
  bool needs_rules() const override { return false; }
  int run(const Context&) override {
    return one_page(file_, "rendering", [&] {
      Document doc;
      if (int code = read_document(file_, max_bytes_, &doc)) return code;
      print_warnings(file_, doc.warnings);
      std::cout << render(doc, include_hidden_) << "\n";
      return static_cast<int>(kExitOk);
    });
  }

 private:
  std::string file_;
  bool include_hidden_ = false;
  size_t max_bytes_ = kDefaultMaxPageBytes;
};

const bool kRegistered = register_command(
    {.name = "render", .description = "whole-page text, as the reference dumps read", .order = 10},
    std::make_unique<RenderCommand>());

}  // namespace
}  // namespace winnow::cli
