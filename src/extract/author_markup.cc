// The bylines the markup shows (authors.h's page_authors reads them after
// the page's declared fields): elements whose itemprop, rel or class names
// an author or a byline, labels ("Written by") and the name after them,
// "By Name" lines, links to authors' pages.
#include <re2/re2.h>

#include <algorithm>

#include "extract/authors_internal.h"
#include "extract/text.h"

namespace winnow::extract::authors_detail {
namespace {

// Whether an attribute's space-separated tokens name an author or a byline
// (and not a comment's author, nor an author's photo or biography).
bool author_token(std::string_view value) {
  static constexpr std::string_view kNot[] = {"comment", "bio", "avatar", "img", "image", "photo",
                                              "desc", "about", "social", "follow", "more"};
  std::string v = lower_ascii(value);
  bool hit = false;
  size_t from = 0;
  while (from < v.size()) {
    size_t end = v.find(' ', from);
    if (end == std::string::npos) end = v.size();
    std::string_view tok = std::string_view(v).substr(from, end - from);
    // A state of a card ("summary-item-has-author": a related story's
    // card that shows its author) names no author element.
    static const RE2 kState(R"((?:has|show|hide|no|with)[-_](?:authors?|byline))");
    if ((tok.find("author") != std::string_view::npos || tok.find("byline") != std::string_view::npos) &&
        !RE2::PartialMatch(tok, kState)) {
      if (std::any_of(std::begin(kNot), std::end(kNot), [&](std::string_view n) { return tok.find(n) != std::string_view::npos; }))
        return false;
      hit = true;
    }
    from = end + 1;
  }
  return hit;
}

// In the site's navigation: a <nav>, or a menu by its role. Its group
// labels read as bylines ("By Company Size", "BY USE CASE").
bool in_navigation(const html::Tree& t, html::NodeId id) {
  for (; id != html::kNoNode; id = t[id].parent) {
    if (!t.is_element(id)) continue;
    if (t[id].tag == GUMBO_TAG_NAV) return true;
    std::string role = lower_ascii(t.attr(id, "role"));
    if (role == "navigation" || role == "menu" || role == "menubar") return true;
  }
  return false;
}

bool in_comments(const html::Tree& t, html::NodeId id) {
  for (int up = 0; up < 8 && id != html::kNoNode; ++up, id = t[id].parent)
    if (t.is_element(id) && lower_ascii(t.attr(id, "class")).find("comment") != std::string::npos) return true;
  return false;
}

// Whether a class names the part of an author box that says what the
// author does, not who: a job ("author-position", "Byline_role"), a
// biography ("author-box__bio"), a tagline.
// A class token that ends with the word, perhaps before a CSS module's
// hash ("BylineComponent_role__vScBp"); not a utility ("position-relative").
bool role_part(std::string_view cls) {
  static const RE2 re(R"((?i)(?:^|\s|[-_])(?:position|role|job|bio|description|desc|tagline)(?:__[\w-]+)?(?:\s|$))");
  return RE2::PartialMatch(cls, re);
}

// An element's text with each text node on its own line, so that names and
// dates in separate elements stay apart ("Jeff Foust" and "Monday", not
// "Jeff FoustMonday"); the lines split a byline like its commas. The parts
// that give the author's job or biography are left out.
std::string chunked_text(const html::Tree& t, html::NodeId id, size_t limit) {
  std::string out;
  size_t read = 0;  // what was left out counts too: the limit is the element's reach
  for (html::NodeId d = id; d < t[id].end && read <= limit; ++d) {
    if (d > id && t.is_element(d) && role_part(t.attr(d, "class"))) {
      for (html::NodeId k = d; k < t[d].end; ++k)
        if (t[k].kind == html::NodeKind::kText) read += t[k].text.size();
      d = t[d].end - 1;
      continue;
    }
    if (t[d].kind != html::NodeKind::kText) continue;
    html::NodeId parent = t[d].parent;
    if (parent != html::kNoNode && (t[parent].tag == GUMBO_TAG_SCRIPT || t[parent].tag == GUMBO_TAG_STYLE ||
                                    t[parent].tag == GUMBO_TAG_NOSCRIPT || t[parent].tag == GUMBO_TAG_TEMPLATE))
      continue;
    read += t[d].text.size() + (out.empty() ? 0 : 1);
    if (!out.empty()) out += '\n';
    out += t[d].text;
  }
  return out;
}

// Whether a text opening with this byte may be a label (below): the label
// test looks at most small elements of a page, this first. A no-break
// space's first byte (0xC2), which collapse_spaces takes away, may open one.
bool opens_like_label(char first) {
  if (first == '\xC2') return true;
  switch (first | 0x20) {
    case 'w': case 'p': case 'r': case 'a': case 's': case 'b': case 't': case 'v': case 'c': return true;
    default: return false;
  }
}

// A byline label alone: "Written by", "By", "Author:".
bool is_label(std::string_view text) {
  static const RE2 re(R"((?i)\s*(?:(?:written|posted|published|reported|article|story|post)\s+by|by|theo|von|par|por|author|authors|author\(s\)|contributors?|autor|auteur)\s*[:：]?\s*)");
  return RE2::FullMatch(text, re);
}

// The names of the links to authors' pages inside a byline element.
std::vector<std::string> linked_names(const html::Tree& t, html::NodeId id, const Publisher& pub, NameSource src) {
  // A link's text without the job its card adds ("Meghan Neville" and
  // "Content Marketing Coordinator" in two <div>s), its parts apart.
  auto text_of = [&](html::NodeId k, size_t limit) {
    std::string s = chunked_text(t, k, limit);
    std::replace(s.begin(), s.end(), '\n', ' ');
    return collapse_spaces(s);
  };
  // The links after "Reviewed by" name the reviewers ("By <a>A</a>.
  // Reviewed by <a>B</a>").
  std::string scope = text_of(id, 600);
  cut_other_credit(&scope, src);
  std::vector<std::string> out;
  for (html::NodeId d = id + 1; d < t[id].end; ++d) {
    if (!t.is_element(d) || t[d].tag != GUMBO_TAG_A) continue;
    std::string href = lower_ascii(t.attr(d, "href"));
    if (href.find("author") == std::string::npos && lower_ascii(t.attr(d, "rel")) != "author") continue;
    std::string text = text_of(d, 200);
    if (scope.find(text) == std::string::npos) continue;
    for (std::string& n : split_byline(text, pub, src)) add_unique(&out, std::move(n));
  }
  return out;
}

// A byline with no class to tell it: a small element whose text is "By"
// or "Written by" and a name ("Written by John Crenshaw", "By <a
// href=/team/x>Dr. Vahid Osman</a> - Mar 3"): the link's text if the name is
// a link, else what follows the words, when that is a name of two words or
// more.
std::vector<std::string> prefixed_byline(const html::Tree& t, const Publisher& pub, NameSource src) {
  static const RE2 kBy(R"((?i)\s*(?:(?:written|posted|article|story)\s+by|by|theo|von|par|por)\b:?\s*)");
  for (html::NodeId id = 0; id < t.size(); ++id) {
    // A line "Posted by <a>Name</a> on <time>… in <a>Topic</a>" may hold
    // more nodes than a byline alone; its text is read only when small.
    if (!t.is_element(id) || t[id].end - id > 40) continue;
    const bool small = t[id].end - id <= 12;
    html::NodeId first = t.first_child(id);
    if (first == html::kNoNode || t[first].kind != html::NodeKind::kText) continue;
    re2::StringPiece head(t[first].text.data(), t[first].text.size());
    if (!RE2::Consume(&head, kBy) || in_navigation(t, id)) continue;  // the cheap test first
    // A name follows "By" at once: not "By submitting, you accept our <a>Privacy Policy</a>".
    if (!head.empty() && head[0] >= 'a' && head[0] <= 'z') continue;
    html::NodeId link = t[first].next_sibling;
    while (link != html::kNoNode && t[link].kind != html::NodeKind::kElement && html::is_blank(t[link].text))
      link = t[link].next_sibling;
    std::vector<std::string> names;
    // A name linked after "by" may be one word ("by <a>Amanda</a>"): the
    // link says it is someone's.
    const bool linked = head.empty() && link != html::kNoNode && t.is_element(link) && t[link].tag == GUMBO_TAG_A;
    if (linked)
      names = split_byline(t.text_content(link, 120), pub, src);
    else if (std::string text = t.text_content(id, 80); small && text.size() < 80)
      names = split_byline(chunked_text(t, id, 80), pub, src);  // "Emily Walker" and "Casey McDevitt" apart
    if (!names.empty() && (linked || words_in(names.front()) >= 2)) return names;
  }
  return {};
}

// Last, the first link to an author's page ("/authors/emmanuel-oyibo")
// outside the site's navigation and the comments whose text is a name of
// two words or more: a byline with no class nor "By" to tell it.
std::vector<std::string> author_link(const html::Tree& t, const Publisher& pub, NameSource src) {
  static const RE2 kAuthorPage(R"((?i)/(?:authors?|writers?|contributors?)/[^/?#]+)");
  for (html::NodeId id = 0; id < t.size(); ++id) {
    if (!t.is_element(id) || t[id].tag != GUMBO_TAG_A || !RE2::PartialMatch(t.attr(id, "href"), kAuthorPage)) continue;
    if (in_navigation(t, id) || in_comments(t, id)) continue;
    std::vector<std::string> names = split_byline(t.text_content(id, 120), pub, src);
    if (names.size() == 1 && words_in(names.front()) >= 2) return names;
  }
  return {};
}

// An author box's first line when the box is too long to be only a byline
// (the name, then a biography): a name of two words or more.
std::string box_name(const html::Tree& t, html::NodeId id, const Publisher& pub, NameSource src) {
  std::string chunks = chunked_text(t, id, 400);
  std::string first = chunks.substr(0, chunks.find('\n'));
  std::vector<std::string> names = split_byline(first, pub, src);
  return names.size() == 1 && words_in(names.front()) >= 2 ? names.front() : std::string();
}

}  // namespace

// The names of the page's first byline in its markup: an itemprop=author
// (its itemprop=name inside if any), a rel=author link, or an element whose
// class names an author or byline, short enough to be only that; inside it,
// its links to authors' pages if it has any; a label alone ("Written by")
// names the element after it.
std::vector<std::string> markup_authors(const html::Tree& t, const Publisher& pub, NameSource src) {
  constexpr size_t kMaxByline = 160;  // bytes: a byline, not an author's biography
  for (html::NodeId id = 0; id < t.size(); ++id) {
    if (!t.is_element(id)) continue;
    GumboTag tag = t[id].tag;
    if (tag == GUMBO_TAG_META || tag == GUMBO_TAG_LINK || tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_IMG) continue;
    // A label ("By", "Author:") is a small element with a short text, its
    // spaces and line breaks counted: the text of any other (read for every
    // element of the page) is read only when its attributes make it a byline.
    // A link is a name, not a label: the page's many links are not read.
    constexpr html::NodeId kLabelMaxNodes = 16;
    constexpr size_t kLabelMaxBytes = 96;
    const std::string label =
        t[id].end - id <= kLabelMaxNodes && tag != GUMBO_TAG_A && opens_like_label(t.first_text_byte(id))
            ? t.text_content(id, kLabelMaxBytes)
            : std::string();
    if (!label.empty() && label.size() < kLabelMaxBytes && is_label(collapse_spaces(label)) &&
        t[id].next_sibling != html::kNoNode && !in_navigation(t, id)) {
      html::NodeId next = t[id].next_sibling;
      while (next != html::kNoNode && !t.is_element(next) && t[next].kind != html::NodeKind::kText)
        next = t[next].next_sibling;
      if (next == html::kNoNode) continue;
      // "<strong>Contributors:</strong> Janet Loughrey": the name as text,
      // in a line that holds nothing else (not a book's fields: "Author:
      // H.G. Parry Released: …").
      if (t[next].kind == html::NodeKind::kText) {
        constexpr size_t kLine = 80;
        html::NodeId line = t[id].parent;
        if (line == html::kNoNode || collapse_spaces(t.text_content(line, kLine + 1)).size() > kLine) continue;
        std::vector<std::string> names = split_byline(t[next].text, pub, src);
        if (!names.empty()) return names;
        continue;
      }
      // Topics (rel=tag links) after an empty "By" name no author.
      bool tags = false;
      for (html::NodeId k = next; k < t[next].end && !tags; ++k)
        tags = t.is_element(k) && t[k].tag == GUMBO_TAG_A && lower_ascii(t.attr(k, "rel")) == "tag";
      if (tags) continue;
      // What follows the label, line by line; of a long element (the name
      // and its tooltip: biography, schools), its first line.
      std::string after = chunked_text(t, next, kMaxByline);
      if (collapse_spaces(t.text_content(next, kMaxByline + 1)).size() > kMaxByline) after = after.substr(0, after.find('\n'));
      std::vector<std::string> names = split_byline(after, pub, src);
      if (!names.empty()) return names;
      continue;
    }
    bool itemprop = lower_ascii(t.attr(id, "itemprop")).find("author") != std::string::npos;
    bool rel = tag == GUMBO_TAG_A && lower_ascii(t.attr(id, "rel")) == "author";
    if (!itemprop && !rel && !author_token(t.attr(id, "class"))) continue;
    if (in_comments(t, id) || in_navigation(t, id)) continue;
    std::string text = collapse_spaces(t.text_content(id, kMaxByline + 1));
    if (itemprop)
      for (html::NodeId d = id + 1; d < t[id].end; ++d)
        if (t.is_element(d) && lower_ascii(t.attr(d, "itemprop")) == "name") {
          text = t.attr(d, "content").empty() ? t.text_content(d, kMaxByline + 1) : std::string(t.attr(d, "content"));
          break;
        }
    if (text.size() > kMaxByline) {
      // A byline with each author's credentials ("Written by <a>A</a>, 4+
      // years covering…<a>B</a>, senior editor…"): its links to authors.
      if (std::vector<std::string> names = linked_names(t, id, pub, src); !names.empty()) return names;
      if (std::string name = box_name(t, id, pub, src); !name.empty()) return {name};
      continue;
    }
    std::vector<std::string> names = linked_names(t, id, pub, src);
    if (names.empty() && (itemprop || rel)) names = split_byline(text, pub, src);
    if (names.empty() && !itemprop && !rel) {
      // Line by line; a one-word line in a box found by its class is more
      // often a label ("Research", "Themes") than a name.
      for (std::string& n : split_byline(chunked_text(t, id, kMaxByline), pub, src))
        if (words_in(n) >= 2) names.push_back(std::move(n));
    }
    if (!names.empty()) return names;
  }
  if (std::vector<std::string> names = prefixed_byline(t, pub, src); !names.empty()) return names;
  return author_link(t, pub, src);
}

}  // namespace winnow::extract::authors_detail
