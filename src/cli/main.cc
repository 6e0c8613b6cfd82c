#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/input.h"
#include "html/charset.h"
#include "html/page.h"
#include "html/render.h"

using namespace winnow;

int main(int argc, char** argv) {
  CLI::App app{"winnow: a news page in, the article's own text out"};
  app.require_subcommand(1);
  std::string file;
  auto* render = app.add_subcommand("render", "whole-page text, as the reference dumps read");
  render->add_option("FILE", file, "HTML file, or - for stdin")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : cli::kExitUsage;
  }
  std::string bytes, error;
  if (!cli::read_input(file, &bytes, &error)) {
    std::cerr << "winnow: " << error << "\n";
    return cli::kExitInput;
  }
  html::Decoded d = html::decode_to_utf8(bytes);
  if (!d.warning.empty()) std::cerr << "winnow: warning: " << file << ": " << d.warning << "\n";
  html::Page page = html::parse_page(std::move(d.utf8));
  std::cout << html::render_text(page.tree) << "\n";
  return 0;
}
