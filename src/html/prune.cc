#include "html/prune.h"

#include <cstring>

namespace winnow::html {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c; }

bool starts_with_ci(std::string_view s, size_t at, std::string_view word) {
  if (at + word.size() > s.size()) return false;
  for (size_t k = 0; k < word.size(); ++k)
    if (lower(s[at + k]) != word[k]) return false;
  return true;
}

bool ends_tag_name(std::string_view s, size_t at) {
  return at >= s.size() || s[at] == '>' || s[at] == '/' || s[at] == ' ' || s[at] == '\t' || s[at] == '\n' ||
         s[at] == '\r' || s[at] == '\f';
}

// The '>' that closes the tag starting at `lt` (quotes honoured), or npos.
size_t tag_end(std::string_view s, size_t lt) {
  char quote = 0;
  for (size_t i = lt + 1; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      if (i > 0 && (s[i - 1] == '=' || s[i - 1] == ' ')) quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

// Where "</name" (followed by the end of a tag name) starts, from `from`.
size_t find_close(std::string_view s, size_t from, std::string_view name) {
  for (size_t i = s.find("</", from); i != std::string_view::npos; i = s.find("</", i + 2))
    if (starts_with_ci(s, i + 2, name) && ends_tag_name(s, i + 2 + name.size())) return i;
  return std::string_view::npos;
}

// For <svg>: the "</svg" that closes it, nested <svg> counted.
size_t find_close_nested(std::string_view s, size_t from, std::string_view name) {
  int depth = 1;
  size_t i = from;
  while ((i = s.find('<', i)) != std::string_view::npos) {
    if (s.compare(i, 2, "</") == 0 && starts_with_ci(s, i + 2, name) && ends_tag_name(s, i + 2 + name.size())) {
      if (--depth == 0) return i;
    } else if (starts_with_ci(s, i + 1, name) && ends_tag_name(s, i + 1 + name.size())) {
      ++depth;
    }
    ++i;
  }
  return std::string_view::npos;
}

// Keeps only the newlines of s[from, to).
void newlines_of(std::string_view s, size_t from, size_t to, std::string* out) {
  for (size_t i = from; i < to; ++i)
    if (s[i] == '\n') out->push_back('\n');
}

bool is_json_ld(std::string_view open_tag) {
  std::string lowered(open_tag);
  for (char& c : lowered) c = lower(c);
  return lowered.find("application/ld+json") != std::string::npos;
}

std::string_view raw_text_element(std::string_view s, size_t lt) {
  for (std::string_view n : {std::string_view("title"), std::string_view("textarea")})
    if (starts_with_ci(s, lt + 1, n) && ends_tag_name(s, lt + 1 + n.size())) return n;
  return {};
}

}  // namespace

bool prune_for_parse(std::string_view s, std::string* out) {
  static constexpr std::string_view kEmptied[] = {"script", "style", "noscript", "template", "svg"};
  std::string result;
  size_t copied = 0;  // s[0, copied) is in result
  bool changed = false;
  auto drop = [&](size_t from, size_t to) {  // drops s[from, to), keeping newlines
    if (!changed) {
      result.reserve(s.size() / 2);
      changed = true;
    }
    result.append(s.substr(copied, from - copied));
    newlines_of(s, from, to, &result);
    copied = to;
  };
  size_t i = 0;
  while ((i = s.find('<', i)) != std::string_view::npos) {
    // Most tags are none of the ones below: one look at the next byte (the
    // first letter of every name below, or the '!' of a comment) skips them.
    if (i + 1 < s.size()) {
      switch (lower(s[i + 1])) {
        case '!': case 's': case 'n': case 't': break;
        default: ++i; continue;
      }
    }
    if (s.compare(i, 4, "<!--") == 0) {
      size_t body = i + 4;
      size_t end;
      if (s.compare(body, 1, ">") == 0) end = body + 1;        // <!-->
      else if (s.compare(body, 2, "->") == 0) end = body + 2;  // <!--->
      else {
        size_t close = s.find("-->", body);
        end = close == std::string_view::npos ? s.size() : close + 3;
      }
      if (end - i > kKeptCommentBytes) drop(i, end);
      i = end;
      continue;
    }
    // <title> and <textarea> hold text, not tags: "<script" there is words.
    if (std::string_view raw = raw_text_element(s, i); !raw.empty()) {
      size_t close = find_close(s, i + 1 + raw.size(), raw);
      i = close == std::string_view::npos ? s.size() : close;
      continue;
    }
    std::string_view name;
    for (std::string_view n : kEmptied) {
      if (starts_with_ci(s, i + 1, n) && ends_tag_name(s, i + 1 + n.size())) {
        name = n;
        break;
      }
    }
    if (name.empty()) {
      ++i;
      continue;
    }
    size_t gt = tag_end(s, i);
    if (gt == std::string_view::npos) break;
    if (s[gt - 1] == '/' && name == "svg") {  // <svg/> holds nothing
      i = gt + 1;
      continue;
    }
    size_t close = name == "svg" ? find_close_nested(s, gt + 1, name) : find_close(s, gt + 1, name);
    if (close == std::string_view::npos) close = s.size();  // unclosed: the rest is its content
    // Kept: JSON-LD (the page's metadata) and a large <noscript> (a page
    // whose content a script draws may serve all of it there: a forum
    // thread's posts; the generic extractor reads it, render.h `noscript`).
    const bool kept = (name == "script" && is_json_ld(s.substr(i, gt - i))) ||
                      (name == "noscript" && close - (gt + 1) >= kNoscriptViewBytes);
    if (!kept && close > gt + 1) drop(gt + 1, close);
    i = close;
  }
  if (!changed) return false;
  result.append(s.substr(copied));
  *out = std::move(result);
  return true;
}

}  // namespace winnow::html
