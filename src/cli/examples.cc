#include "cli/examples.h"

#include <utility>

namespace winnow::cli {
namespace {

// Each: the command, then its examples (a comment after two spaces).
const std::pair<const char*, const char*> kExamples[] = {
    {"render",
     "  winnow render page.html | less                 # the whole page as text, as a browser lays it out\n"
     "  winnow render --include-hidden page.html       # with what the page hides\n"},
    {"clean",
     "  winnow https://vnexpress.net/some-article-5047363.html          # fetch one page, print its article\n"
     "  winnow clean page.html --url https://thoidai.com.vn/a-123.html --format markdown\n"
     "  winnow clean -j 2 --format json --lang vi pages/ > articles.jsonl\n"
     "  winnow clean --warc CC-MAIN-20261101-00000.warc.gz -j 2 > articles.jsonl\n"},
    {"explain",
     "  winnow explain page.html --url https://thoidai.com.vn/a-123.html   # which rule kept or dropped each line\n"},
    {"check",
     "  winnow check fixtures                            # every fixture against its expected text\n"
     "  winnow check --whole-page fixtures/thoidai.com.vn\n"},
    {"fixture",
     "  winnow fixture add https://vnexpress.net/some-article-5047363.html --site fixtures/vnexpress.net\n"
     "  winnow fixture add saved.html --url https://vnexpress.net/a-1.html --site fixtures/vnexpress.net\n"},
    {"fetch",
     "  winnow fetch URL1 URL2 --out articles/           # one file per article\n"
     "  winnow fetch -i urls.txt --format json > articles.jsonl\n"
     "  cat urls.txt | winnow fetch - --format markdown\n"},
    {"crawl",
     "  winnow crawl jobs/demo.toml                      # every new article of the job's sites\n"
     "  winnow crawl /etc/winnow/news.toml --quiet       # from cron: errors only\n"},
    {"eval",
     "  winnow eval ../shared/datasets/article-extraction-benchmark\n"
     "  winnow eval -j 2 --worst 3 ../shared/datasets/wcxb-dev\n"
     "  winnow eval --generic fixtures                   # the generic extractor alone on the fixtures\n"},
    {"bench",
     "  winnow bench ../shared/datasets/article-extraction-benchmark\n"
     "  winnow bench --repeat 3 -j 1 -j 2 pages/\n"},
};

}  // namespace

std::string examples_for(const std::string& name) {
  for (const auto& [command, text] : kExamples)
    if (name == command) return std::string("\nExamples:\n") + text;
  return {};
}

std::string first_examples() {
  return "\nExamples:\n"
         "  winnow https://vnexpress.net/some-article-5047363.html     # one URL: fetch and clean it\n"
         "  winnow clean page.html --format markdown                   # a saved page\n"
         "  winnow crawl jobs/demo.toml                                # a crawl job (README: Crawl jobs)\n"
         "  winnow COMMAND --help                                      # each command, with examples\n";
}

}  // namespace winnow::cli
