// The small rule set and pages the cleaning tests share (clean_test.cc,
// clean_meta_test.cc): written into a temp dir and loaded through the
// library's public calls.
#ifndef WINNOW_TESTS_CLEAN_TEST_UTIL_H_
#define WINNOW_TESTS_CLEAN_TEST_UTIL_H_

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "temp_dir.h"
#include "winnow.h"

namespace fs = std::filesystem;
using winnow::Article;
using winnow::CleanRequest;
using winnow::Document;
using winnow::RuleError;
using winnow::RuleLibrary;

namespace {  // NOLINT: a copy per test file

// Not every test file uses every helper.
#pragma GCC diagnostic ignored "-Wunused-function"

using Lines = std::vector<std::string>;

constexpr const char* kGeneric = R"(
[drop.navigation]
selectors = ["nav", "ul.breadcrumb", "footer"]

[drop.ads]
selectors = ["div.ad", "span.ad"]
)";

constexpr const char* kSite = R"(extends = "generic"
hosts = ["news.test", "www.news.test"]
article_url = '^https://(www\.)?news\.test/[a-z0-9-]+-\d+\.html$'
section_skip = ["Trang chủ"]

[dates]
utc_offset = "+07:00"
formats = ["%H:%M | %d/%m/%Y", "%d/%m/%Y"]

[fields]
title = ["h1.title", "h1"]
dateline = ["div.date"]
lead = ["div.sapo", "p.lead"]
body = ["div.body"]
byline = ["p.author"]

[meta]
section = ["ul.breadcrumb li a"]
caption = ["figcaption"]

[drop.related]
selectors = ["div.related"]
lines = ['Đọc thêm', 'Xem thêm:.*']

[drop.share]
between = [['^\s*googleoff:\s*all\s*$', '^\s*googleon:\s*all\s*$']]
)";

constexpr const char* kUrl = "https://news.test/bai-viet-123.html";

// The generic extractor's tables as the project ships them (the [generic.*]
// part of rules/generic.toml), for the test's own generic.toml.
std::string project_generic_tables() {
  std::ifstream in(std::string(WINNOW_SOURCE_DIR) + "/rules/generic.toml", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t at = text.find("\n[generic.");
  REQUIRE(at != std::string::npos);
  return text.substr(at);
}

// The test rules, written once into a temp dir and loaded.
struct Rules {
  TempDir tmp;
  RuleLibrary lib;
  std::string generic_path, site_path;
  Rules() {
    generic_path = tmp.write("generic.toml", kGeneric + project_generic_tables());
    site_path = tmp.write("site.toml", kSite);
    RuleError err;
    bool ok = winnow::load_rules(tmp.dir(), &lib, &err);
    INFO(err.to_string());
    REQUIRE(ok);
  }
};

const Rules& rules() {
  static Rules r;
  return r;
}

std::string page(const std::string& head, const std::string& body) {
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + head + "</head><body>" + body +
         "</body></html>";
}

Article clean(const std::string& html, const std::string& url = kUrl, bool whole_page = false,
              bool include_hidden = false) {
  Document doc = winnow::load_document(html);
  CleanRequest req;
  req.url = url;
  req.whole_page = whole_page;
  req.include_hidden = include_hidden;
  return winnow::clean(rules().lib, doc, req);
}

// The article's non-blank lines.
Lines text_lines(const Article& a) {
  Lines out;
  for (const std::string& l : a.lines)
    if (!l.empty()) out.push_back(l);
  return out;
}

std::string title_field_warning() {
  return "field 'title' matched nothing (" + rules().site_path + "): the site's template may have changed";
}

// A full article page of the test site.
const char* kArticleBody = R"(
<nav><a href="/">Trang chủ</a><a href="/the-gioi">Thế giới</a></nav>
<ul class="breadcrumb"><li><a>Trang chủ</a></li><li><a>Thế giới</a></li><li><a>Châu Á</a></li><li><a>Thế giới</a></li></ul>
<div class="sidebar"><p>Sidebar story</p></div>
<h1 class="title">The headline</h1>
<div class="date">14:30 | 02/04/2024 GMT+7</div>
<div class="sapo">The lead paragraph.</div>
<div class="body">
<p>First paragraph.</p>
<div class="related"><p>Related one</p><p>Related two</p></div>
<p>Second <span class="ad">BUY NOW</span> paragraph.</p>
<figure><img src="x.jpg" alt="alt text"><figcaption>A caption</figcaption></figure>
<p>Đọc thêm</p>
<p>Đọc thêm về chuyện này.</p>
<!--googleoff: all--><p>Share this</p><!--googleon: all-->
<p>Third paragraph.</p>
<p class="author">Minh Anh</p>
</div>
<footer><p>Footer text</p></footer>
)";

std::string article_page() {
  return page("<title>Tag title</title><link rel=\"canonical\" href=\"https://news.test/bai-viet-123.html\">",
              kArticleBody);
}

}  // namespace

#endif  // WINNOW_TESTS_CLEAN_TEST_UTIL_H_
