// The article's links and images as lists, and their URLs made absolute.
#include <algorithm>
#include <cctype>
#include <optional>

#include "extract/page_fields.h"
#include "winnow/markup.h"
#include "winnow/markup_internal.h"

namespace winnow {
namespace markup {

std::vector<const TextLink*> usable_links(const std::string& text, const LineShape& shape) {
  std::vector<const TextLink*> out;
  size_t end = 0;
  for (const TextLink& l : shape.links) {
    if (l.size == 0 || l.begin < end || size_t{l.begin} + l.size > text.size() || l.href.empty()) continue;
    out.push_back(&l);
    end = size_t{l.begin} + l.size;
  }
  return out;
}

LineRole role_at(const Article& a, size_t i) {
  if (i < a.line_roles.size()) return a.line_roles[i];
  return a.lines[i].empty() ? LineRole::kBlank : LineRole::kBody;
}

}  // namespace markup

namespace {

bool has_scheme(std::string_view ref) {
  // RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
  if (ref.empty() || !std::isalpha(static_cast<unsigned char>(ref[0]))) return false;
  for (size_t i = 1; i < ref.size(); ++i) {
    const char c = ref[i];
    if (c == ':') return true;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The reference absolute, or as written where it cannot be made so (no
// base, another scheme: mailto:, tel:); "" for one that is no link
// (javascript:).
std::string absolute(std::string_view ref, std::string_view base) {
  ref = trim(ref);
  if (starts_with_nocase(ref, "javascript:")) return {};
  if (ref.empty() || has_scheme(ref) || base.empty()) return std::string(ref);
  std::string out = extract::absolute_url(ref, base);
  return out.empty() ? std::string(ref) : out;
}

}  // namespace

std::vector<ArticleLink> article_links(const Article& a) {
  std::vector<ArticleLink> out;
  for (size_t i = 0; i < a.lines.size(); ++i)
    for (const TextLink* l : markup::usable_links(a.lines[i], a.shape(i)))
      out.push_back({a.lines[i].substr(l->begin, l->size), l->href});
  return out;
}

std::vector<ArticleImage> article_images(const Article& a) {
  std::vector<ArticleImage> out;
  for (size_t i = 0; i < a.lines.size(); ++i) {
    const LineShape& shape = a.shape(i);
    if (shape.images.empty()) continue;
    // The caption: the line itself if it is one; else, for an image ending
    // its line, the caption line right after.
    std::optional<std::string> own, next;
    if (markup::role_at(a, i) == LineRole::kCaption) own = a.lines[i];
    size_t j = i + 1;
    while (j < a.lines.size() && a.lines[j].empty()) ++j;
    if (j < a.lines.size() && markup::role_at(a, j) == LineRole::kCaption && a.shape(j).images.empty())
      next = a.lines[j];
    for (const TextImage& img : shape.images) {
      const size_t at = markup::image_at(a.lines[i], img);
      std::optional<std::string> caption = own;
      if (!caption && at == a.lines[i].size()) caption = next;
      out.push_back({img.src, img.alt, caption});
    }
  }
  return out;
}

void resolve_references(Article* a, std::string_view base) {
  for (LineShape& shape : a->line_shapes) {
    for (TextLink& l : shape.links) l.href = absolute(l.href, base);
    for (TextImage& img : shape.images) img.src = absolute(img.src, base);
    std::erase_if(shape.images, [](const TextImage& img) { return img.src.empty(); });
  }
}

}  // namespace winnow
