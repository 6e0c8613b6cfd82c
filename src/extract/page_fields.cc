#include "extract/page_fields.h"

#include <algorithm>

#include "extract/authors.h"
#include "extract/text.h"

namespace winnow::extract {
namespace {

std::optional<std::string> first_of(std::initializer_list<const std::string*> candidates) {
  for (const std::string* c : candidates) {
    std::string s = collapse_spaces(*c);
    if (!s.empty()) return s;
  }
  return std::nullopt;
}


// Tags trimmed, empty ones and repeats (case-insensitive) dropped.
void add_tags(const std::vector<std::string>& from, std::vector<std::string>* tags) {
  for (const std::string& t : from) {
    std::string s = collapse_spaces(t);
    if (s.empty()) continue;
    std::string key = lower_ascii(s);
    if (std::none_of(tags->begin(), tags->end(), [&](const std::string& x) { return lower_ascii(x) == key; }))
      tags->push_back(std::move(s));
  }
}

std::vector<std::string> split_commas(std::string_view s) {
  std::vector<std::string> out;
  size_t from = 0;
  while (from <= s.size()) {
    size_t comma = s.find(',', from);
    if (comma == std::string_view::npos) comma = s.size();
    out.emplace_back(s.substr(from, comma - from));
    from = comma + 1;
  }
  return out;
}

std::vector<std::string> declared_tags(const PageMeta& meta) {
  std::vector<std::string> tags;
  add_tags(meta.article_tags, &tags);
  if (tags.empty()) add_tags(meta.linked.keywords, &tags);
  if (tags.empty()) add_tags(split_commas(meta.news_keywords), &tags);
  if (tags.empty()) add_tags(split_commas(meta.keywords), &tags);
  return tags;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const std::string& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

void complete_authors(const html::Tree& tree, const PageMeta& meta, Article* art, const AuthorOptions& options,
                      FoundAuthors* found) {
  const Publisher pub = publisher_of(meta);
  if (art->byline && art->authors.empty()) art->authors = split_byline(*art->byline, pub);
  bool organizations_only = false;
  if (art->authors.empty()) art->authors = page_authors_once(tree, meta, &organizations_only, options, found);
  // A person's signature at the article's end over an organization.
  // The signature is then the byline as the page shows it ("Hà Thu (tổng hợp)").
  if ((art->authors.empty() || organizations_only) && !art->paragraphs.empty())
    if (std::string s = signature_author(art->paragraphs.back(), pub); !s.empty()) {
      art->authors = {s};
      if (!art->byline || organizations_only) art->byline = collapse_spaces(art->paragraphs.back());
    }
  if (!art->byline && !art->authors.empty()) art->byline = join(art->authors, ", ");
}

}  // namespace

// RFC 3986 5.2.4: "." and ".." segments of a path removed ("/a/b/../c"
// is "/a/c"); the query and fragment after it left as they are.
std::string without_dot_segments(std::string_view url_path) {
  const size_t tail_at = std::min(url_path.find_first_of("?#"), url_path.size());
  std::string_view path = url_path.substr(0, tail_at);
  if (path.find("/.") == std::string_view::npos) return std::string(url_path);
  std::vector<std::string_view> kept;
  size_t i = 0;
  bool trailing = false;  // the path ends in a directory ("/a/.." is "/")
  while (i < path.size()) {
    size_t next = path.find('/', i + 1);
    if (next == std::string_view::npos) next = path.size();
    std::string_view seg = path.substr(i + 1, next - i - 1);  // path[i] is '/'
    trailing = seg == "." || seg == "..";
    if (seg == "..") {
      if (!kept.empty()) kept.pop_back();
    } else if (seg != ".") {
      kept.push_back(seg);
    }
    i = next;
  }
  std::string out;
  for (std::string_view seg : kept) (out += '/') += seg;
  if (out.empty() || trailing) out += '/';
  out += url_path.substr(tail_at);
  return out;
}

std::string absolute_url(std::string_view ref, std::string_view base) {
  std::string r = collapse_spaces(ref);
  if (r.empty()) return {};
  std::string lr = lower_ascii(r.substr(0, 8));
  if (lr.rfind("http://", 0) == 0 || lr.rfind("https://", 0) == 0) return r;
  size_t scheme = base.find("://");
  if (scheme == std::string_view::npos || url_host(base).empty()) return {};
  if (r.rfind("//", 0) == 0) return std::string(base.substr(0, scheme + 1)) + r;
  if (r.find(':') != std::string::npos && r.find(':') < r.find('/')) return {};  // data:, javascript:
  size_t path = base.find('/', scheme + 3);
  std::string_view origin = base.substr(0, path);
  std::string_view base_path = path == std::string_view::npos ? std::string_view("/") : base.substr(path);
  if (r[0] == '#') return std::string(base.substr(0, base.find('#'))) + r;
  if (r[0] == '?') return std::string(origin) + std::string(base_path.substr(0, base_path.find_first_of("?#"))) + r;
  if (r[0] == '/') return std::string(origin) + without_dot_segments(r);
  std::string_view dir = base_path.substr(0, base_path.find_first_of("?#"));
  dir = dir.substr(0, dir.rfind('/') + 1);
  return std::string(origin) + without_dot_segments(std::string(dir) + r);
}

void complete_page_fields(const html::Tree& tree, const PageMeta& meta, std::string_view base_url, Article* art,
                          const AuthorOptions& authors_options, FoundAuthors* found) {
  complete_authors(tree, meta, art, authors_options, found);
  art->description = first_of({&meta.og_description, &meta.description, &meta.linked.description});
  for (const std::string* img : {&meta.og_image, &meta.twitter_image, &meta.linked.image}) {
    std::string abs = absolute_url(*img, base_url);
    if (!abs.empty()) {
      art->image = abs;
      break;
    }
  }
  art->site_name = first_of({&meta.og_site_name, &meta.linked.publisher, &meta.application_name});
  art->tags = declared_tags(meta);
  if (!art->language) {
    std::string locale = meta.og_locale;
    std::replace(locale.begin(), locale.end(), '_', '-');
    art->language = first_of({&meta.lang, &locale, &meta.content_language});
  }
}

}  // namespace winnow::extract
