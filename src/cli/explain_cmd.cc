// `winnow explain PAGE`: every kept field with the selector that matched it
// (rule file and line, page line, the text), every candidate passed over and
// why, every removed block with its kind and rule, and the warnings.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/command.h"
#include "cli/input.h"
#include "cli/options.h"
#include "winnow/clean.h"

namespace winnow::cli {
namespace {

std::string pad(std::string s, size_t width) {
  // Pads by bytes; good enough for ASCII rule names and selectors.
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

// The page, its URL, the rules that served it and how they were applied.
void print_choice(const RuleLibrary& library, const Document& doc, const PageOptions& opts, const Article& art) {
  const RuleChoice choice = choose_rules(library, doc, opts.request());
  const std::string& url = choice.url;
  bool has_rules = !choice.chain.empty() && !opts.generic;
  std::cout << "page:  " << display_name(opts.file) << "\n";
  std::cout << "url:   " << (url.empty() ? "(none)" : url)
            << (opts.url.empty() && !url.empty() ? "  (from the page's canonical/og:url)" : "") << "\n";
  std::cout << "rules: ";
  if (art.extractor == "generic") {
    std::cout << "(generic extractor" << (art.drift ? ": drift, the site's rules kept too little" : "") << ")";
  } else if (has_rules) {
    for (size_t i = 0; i < choice.chain.size(); ++i) std::cout << (i ? " < " : "") << choice.chain[i];
    if (!choice.detected_by.empty())
      std::cout << "\n       (no rule file serves this host: chosen by detection, the page shows the marker "
                << choice.detected_by << ")";
  } else {
    std::cout << (art.rules_path.empty() ? "(none)" : art.rules_path) << "  (no rule file serves this host)";
  }
  std::cout << "\nmode:  " << (art.extractor == "generic" && (art.rules_path.empty() || art.drift) ? "generic: most prose, then its blocks"
                             : opts.whole_page || !has_rules   ? "whole page minus drops"
                                                               : "kept fields minus drops")
            << "\ntype:  " << art.page_type;
  if (art.extractor != "generic") std::cout << "  (a rule file's page)";
  else if (!art.page_type_from.empty()) std::cout << "  (" << art.page_type_from << ")";
  else std::cout << "  (no sign of any type)";
  std::cout << "\n\n";
}

// Every kept field, every candidate passed over, the dates and where they
// were read, every removal, the warnings.
void print_records(const Article& art) {
  std::cout << "kept fields:\n";
  if (art.fields.empty()) std::cout << "  (none)\n";
  for (const auto& f : art.fields) {
    if (!f.rejected.empty()) {
      std::cout << "  " << pad(f.field, 9) << " NOT TAKEN: " << f.selector << " (" << f.where.to_string()
                << ") matched page line " << f.page_line << ", " << f.rejected << "\n";
      continue;
    }
    std::cout << "  " << pad(f.field, 9) << " " << pad(f.selector, 34) << " " << pad(f.where.to_string(), 30)
              << " page line " << pad(std::to_string(f.page_line), 5) << " \"" << excerpt(f.excerpt) << "\"\n";
  }
  std::cout << "\ndates:\n";
  std::cout << "  published " << art.published.value_or("(none)");
  if (!art.published_from.empty()) std::cout << "  from " << art.published_from;
  std::cout << "\n  modified  " << art.modified.value_or("(none)");
  if (!art.modified_from.empty()) std::cout << "  from " << art.modified_from;
  std::cout << "\n";
  std::cout << "\nremoved (" << art.removals.size() << "):\n";
  if (art.removals.empty()) std::cout << "  (nothing)\n";
  for (const auto& r : art.removals) {
    std::cout << "  " << pad(r.kind, 11) << " " << pad(r.how, 8) << " " << pad(r.rule, 34) << " "
              << pad(r.where.to_string(), 30);
    if (r.page_line) std::cout << " page line " << pad(std::to_string(r.page_line), 5);
    std::cout << " \"" << excerpt(r.excerpt) << "\"\n";
  }
  if (!art.warnings.empty()) {
    std::cout << "\nwarnings:\n";
    for (const auto& w : art.warnings) std::cout << "  " << w << "\n";
  }
}


class ExplainCommand : public Command {
 public:
  void setup(CLI::App* app) override { add_page_options(app, &opts_, /*many=*/false); }
  int run(const Context& context) override {
    return one_page(opts_.file, "explaining", [&] {
      Document doc;
      if (int code = read_document(opts_.file, opts_.max_bytes, &doc)) return code;
      Article art = clean(context.rules, doc, opts_.request());
      print_choice(context.rules, doc, opts_, art);
      print_records(art);
      return static_cast<int>(kExitOk);
    });
  }

 private:
  PageOptions opts_;
};

const bool kRegistered = register_command(
    {.name = "explain",
     .description = "what was kept and removed from a page, and by which rule (file and line)",
     .order = 30},
    std::make_unique<ExplainCommand>());

}  // namespace
}  // namespace winnow::cli
