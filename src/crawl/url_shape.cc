#include "crawl/url_shape.h"

#include <algorithm>
#include <vector>


namespace winnow::crawl {
namespace {

// A site's shapes are few; a sitemap full of odd URLs must not grow them.
constexpr size_t kMaxShapes = 32;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80; }

struct Segment {
  std::string_view stem, ext, query;
};

// The last non-empty path segment of an absolute URL (or of a path), its
// extension split off, and the query.
Segment last_segment(std::string_view url) {
  Segment s;
  if (size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    url = url.substr(scheme + 3);
    size_t slash = url.find('/');
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  if (size_t hash = url.find('#'); hash != std::string_view::npos) url = url.substr(0, hash);
  if (size_t q = url.find('?'); q != std::string_view::npos) {
    s.query = url.substr(q + 1);
    url = url.substr(0, q);
  }
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  size_t slash = url.rfind('/');
  std::string_view seg = slash == std::string_view::npos ? url : url.substr(slash + 1);
  if (size_t dot = seg.rfind('.'); dot != std::string_view::npos && dot > 0 && seg.size() - dot - 1 <= 5 &&
                                   std::all_of(seg.begin() + dot + 1, seg.end(), is_alpha)) {
    s.ext = seg.substr(dot + 1);
    seg = seg.substr(0, dot);
  }
  s.stem = seg;
  return s;
}

struct Words {
  int lettered = 0;    // hyphen/underscore-separated tokens with a letter
  int tokens = 0;
  size_t longest_digits = 0;
  bool all_digits = false;
};

Words words_of(std::string_view stem) {
  Words w;
  w.all_digits = !stem.empty() && std::all_of(stem.begin(), stem.end(), is_digit);
  size_t run = 0;
  bool letter = false, any = false;
  for (size_t i = 0; i <= stem.size(); ++i) {
    char c = i < stem.size() ? stem[i] : '-';
    if (c == '-' || c == '_') {
      if (any) ++w.tokens;
      if (letter) ++w.lettered;
      letter = any = false;
      run = 0;
      continue;
    }
    any = true;
    if (is_digit(c)) w.longest_digits = std::max(w.longest_digits, ++run);
    else run = 0;
    if (is_alpha(c)) letter = true;
  }
  return w;
}

std::string kind_of(const Segment& s) {
  Words w = words_of(s.stem);
  if (w.all_digits) return w.longest_digits >= 4 ? "id" : "number";
  if (w.lettered >= 2 && w.longest_digits >= 3) return "slug-id";
  if (w.lettered >= 3) return "slug";
  return "word";
}

}  // namespace

std::string url_shape(std::string_view url) {
  Segment s = last_segment(url);
  std::string shape = kind_of(s);
  if (!s.ext.empty()) {
    shape += '.';
    for (char c : s.ext) shape += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if (!s.query.empty()) {
    // Parameter names only, sorted: ?id=1&cat=2 and ?cat=3&id=4 are one shape.
    std::vector<std::string_view> names;
    std::string_view q = s.query;
    while (!q.empty()) {
      size_t amp = q.find('&');
      std::string_view pair = q.substr(0, amp);
      q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
      if (!pair.empty()) names.push_back(pair.substr(0, pair.find('=')));
    }
    std::sort(names.begin(), names.end());
    shape += '?';
    for (size_t i = 0; i < names.size(); ++i) shape += (i ? "&" : "") + std::string(names[i]);
  }
  return shape;
}

bool looks_like_article_url(std::string_view url) {
  Segment s = last_segment(url);
  Words w = words_of(s.stem);
  if (w.all_digits) return w.longest_digits >= 6;
  return (w.lettered >= 2 && w.longest_digits >= 4) || w.lettered >= 4;
}

bool ArticleShapes::learn(std::string_view url) {
  if (shapes_.size() >= kMaxShapes) return false;
  std::string shape = url_shape(url);
  // A bare word or a short number names sections and pages, not articles:
  // one such feed item (a feed that links its own section) must not make
  // every section look like an article. With a query it is a script that
  // serves articles by id (news.php?id=..., WordPress's ?p=...).
  const bool bare = shape.rfind("word", 0) == 0 || shape.rfind("number", 0) == 0;
  if (bare && shape.find('?') == std::string::npos) return false;
  return shapes_.insert(std::move(shape)).second;
}

bool ArticleShapes::article(std::string_view url) const {
  if (shapes_.empty()) return looks_like_article_url(url);
  return shapes_.count(url_shape(url)) > 0;
}

std::string ArticleShapes::save() const {
  std::string out;
  for (const std::string& s : shapes_) out += (out.empty() ? "" : " ") + s;
  return out;
}

void ArticleShapes::load(std::string_view saved) {
  while (!saved.empty()) {
    size_t sp = saved.find(' ');
    std::string_view s = saved.substr(0, sp);
    saved = sp == std::string_view::npos ? std::string_view() : saved.substr(sp + 1);
    if (!s.empty() && shapes_.size() < kMaxShapes) shapes_.insert(std::string(s));
  }
}

}  // namespace winnow::crawl
