// Step 6 of the generic extractor: the article's shape. Around the body
// step 5 kept, the blocks the page shows as its dateline, title, lead and
// byline join the kept text, so that step 7 lays them out where they stand,
// as the rules path does (the dumps' order).
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <iterator>

#include "extract/generic_internal.h"
#include "extract/text.h"

namespace winnow::extract::generic {
namespace {

using html::kNoNode;
using html::NodeKind;

bool is_visible_element(const Extraction& x, NodeId id) { return x.t.is_element(id) && x.facts.visible[id]; }

// A block element of some text, not a <span> inside one.
bool is_text_block(const Extraction& x, NodeId id) {
  return is_visible_element(x, id) && x.facts.block[id] == id && x.own[id].chars > 0;
}

// The title: the visible <h1> whose text is the title; else the first
// visible <h1> in the container (the page's headline, where the metadata
// named it otherwise); else, on a page that sets its headline in no <h1>
// (`div.title-detail`), the last block before the body's first prose
// whose text is the title, not a link (another story's card) nor a teaser.
NodeId find_title(const Extraction& x, NodeId root, const std::optional<std::string>& title) {
  const Tree& t = x.t;
  const std::string want = title ? normalized(*title) : std::string();
  NodeId in_container = kNoNode;
  for (NodeId id = 0; id < t.size(); ++id) {
    if (!is_visible_element(x, id) || t[id].tag != GUMBO_TAG_H1) continue;
    std::string text = t.text_content(id, x.p.line_read_bytes);
    if (text.empty()) continue;
    if (!want.empty() && normalized(text) == want) return id;
    if (in_container == kNoNode && t.contains(root, id)) in_container = id;
  }
  if (in_container != kNoNode || want.empty()) return in_container;
  const ProseSpan span = find_prose_span(x, root);
  const NodeId before = span.first == kNoNode ? t[root].end : span.first;
  NodeId block = kNoNode;
  for (NodeId id = 0; id < before; ++id) {
    if (!is_text_block(x, id) || x.teaser[id] || x.own[id].link_chars > 0 || x.facts.in_link[id]) continue;
    if (normalized(t.text_content(id, x.p.line_read_bytes)) == want) block = id;
  }
  return block;
}

// Where the article's head stands: from the title's header (the <h1>'s
// grandparent, which holds a dateline set above the title) to the end of
// the body's first prose block (which may be the lead).
struct Head {
  NodeId from = kNoNode, to = kNoNode;  // [from, to) in document order
};

Head find_head(const Extraction& x, NodeId root, NodeId title) {
  const Tree& t = x.t;
  const ProseSpan span = find_prose_span(x, root);
  Head h;
  h.to = span.first == kNoNode ? t[root].end : t[span.first].end;
  h.from = root;
  if (title != kNoNode && title < h.to) {
    NodeId p = t[title].parent;
    h.from = p != kNoNode && t[p].parent != kNoNode ? t[p].parent : title;
  }
  return h;
}

// A short line of few letters around a numeric date ("Tin tức 13/11/2023
// 11:24", "Chủ nhật, 08/11/2020 - 11:05"): a dateline in any language,
// where a dateline stands (the head).
bool is_numeric_dateline(const Extraction& x, std::string_view text) {
  constexpr size_t kMaxLetters = 16;
  if (text.size() > x.p.date_line_max_bytes || !x.rules.date_line.numeric) return false;
  static const RE2 kDate(R"(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})");
  if (!RE2::PartialMatch(text, kDate)) return false;
  size_t letters = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = text[i];
    if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte
    if (c >= 0x80 || (c >= 'a' && c <= 'z')) ++letters;
  }
  return letters <= kMaxLetters;
}

// The dateline: the first visible block of the head that reads as a date
// line ("Updated 5:27 am CST, November 20, 2019"; step 5 leaves such a
// line out of the body).
NodeId find_dateline(const Extraction& x, const Head& head) {
  const Tree& t = x.t;
  for (NodeId id = head.from; id < head.to; ++id) {
    if (!is_text_block(x, id) || x.own[id].chars >= x.p.short_block_chars || t[id].tag == GUMBO_TAG_H1) continue;
    std::string text = normalized(t.text_content(id, x.p.line_read_bytes));
    if (is_date_line(x, text) || is_numeric_dateline(x, text)) return id;
  }
  return kNoNode;
}

// True if a class token of `id` has a lead word and no furniture word
// ("article-detail-desc", "detail__summary", not "author-description").
bool has_lead_hint(const Extraction& x, NodeId id) {
  const GenericRules& r = x.rules;
  if (!r.lead_hint) return false;
  const std::string hints = hint_text(x.t, id);
  for (size_t i = 0; i < hints.size();) {
    size_t j = hints.find(' ', i);
    if (j == std::string::npos) j = hints.size();
    std::string_view token(hints.data() + i, j - i);
    i = j + 1;
    if (token.empty() || !part_match(r.lead_hint, token)) continue;
    if (!part_match(r.unlikely_hint, token) && !part_match(r.unlikely_prefix, token) &&
        !part_match(r.image_hint, token))
      return true;
  }
  return false;
}

// The page's description, as its meta tags give it, less a trailing
// ellipsis (descriptions are often cut short).
std::string description_of(const PageMeta& meta) {
  for (const std::string* d : {&meta.og_description, &meta.description, &meta.linked.description}) {
    std::string s = normalized(*d);
    for (std::string_view tail : {"...", "\xE2\x80\xA6"})
      if (s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0)
        s.resize(s.size() - tail.size());
    while (!s.empty() && s.back() == ' ') s.pop_back();
    if (!s.empty()) return s;
  }
  return "";
}

// True if `id` is, holds or lies in an image or its figure: a caption or a
// credit ("Photograph: …", "Image copyright …") is no lead, and a "lead"
// class on a figure names the top image ("lead-asset", "lead-media").
bool is_media(const Extraction& x, NodeId id) {
  const Tree& t = x.t;
  auto media = [&](NodeId k) {
    if (!t.is_element(k)) return false;
    switch (t[k].tag) {
      case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_IMG: case GUMBO_TAG_VIDEO:
      case GUMBO_TAG_IFRAME:
        return true;
      default:
        return t[k].name == "picture";  // no Gumbo tag of its own
    }
  };
  for (NodeId a = id; a != kNoNode; a = t[a].parent)
    if (media(a)) return true;
  for (NodeId k = id + 1; k < t[id].end; ++k)
    if (media(k)) return true;
  return false;
}

// The lead: in the head, after the title, a short block (not another
// story's teaser, no image or caption) whose class says lead ("sapo", "summary", "standfirst":
// [generic.hints.lead]) or whose text is the page's description.
NodeId find_lead(const Extraction& x, const Head& head, NodeId title, const std::string& title_text,
                 const PageMeta& meta) {
  const Tree& t = x.t;
  // A description that only repeats the title names no lead.
  const std::string headline = normalized(title != kNoNode ? t.text_content(title, x.p.line_read_bytes) : title_text);
  std::string description = description_of(meta);
  if (description == headline || description == normalized(title_text)) description.clear();
  const NodeId from = title != kNoNode && title < head.to ? t[title].end : head.from;
  NodeId by_description = kNoNode;
  for (NodeId id = from; id < head.to; ++id) {
    if (!is_visible_element(x, id) || x.facts.block[id] != id || x.teaser[id] || t[id].tag == GUMBO_TAG_H1) continue;
    std::string text = t.text_content(id, size_t{4} * x.p.lead_max_chars);
    const size_t chars = code_points(text);
    if (chars < x.p.headline_min_chars || chars > x.p.lead_max_chars || is_media(x, id)) continue;
    const std::string n = normalized(text);
    if (n == headline || n == normalized(title_text)) continue;  // the title again, not a lead
    if (has_lead_hint(x, id)) return id;
    if (by_description == kNoNode && description.size() >= x.p.headline_min_chars &&
        n.compare(0, description.size(), description) == 0)
      by_description = id;
  }
  return by_description;
}

// "By Ann Lee", "Ann Lee", "Phan Anh (T/h)": the metadata's byline
// (normalized) as a line of the page (the byline's words, perhaps after one
// short word such as "By", "Von", "Par", "Bởi"; not "About" an author's bio,
// nor "©" a credit), perhaps followed by a note in brackets, which the
// authors' names leave out (authors.h: "(T/h)", "(theo Reuters)").
bool reads_as_byline(const std::string& text, const std::string& byline) {
  constexpr size_t kLeadWordBytes = 4;
  std::string n = normalized(text);
  if (n == byline) return true;
  if (n.size() > byline.size() + 3 && n.compare(0, byline.size(), byline) == 0 &&
      n.compare(byline.size(), 2, " (") == 0 && n.back() == ')')
    return true;
  size_t space = n.find(' ');
  return space != std::string::npos && space <= kLeadWordBytes && n[0] >= 'a' && n[0] <= 'z' &&
         n.compare(space + 1, std::string::npos, byline) == 0;
}

// True if the block's text is the article's several authors' names written
// another way ("By Ann Lee and Bob Ray", "NHẬT XUÂN - NGHI VŨ" for the
// metadata's "Ann Lee, Bob Ray"): each name as whole words, between them
// only separators (, ; & | - and the languages' "and"), before them at most
// one short word ("By", "Von", "Theo"; not "About Ann Lee", a bio's title,
// which has one author), after them nothing.
bool names_the_authors(const std::string& text, const std::vector<std::string>& authors) {
  constexpr size_t kMaxLeadWordBytes = 8;
  if (authors.size() < 2) return false;
  std::string rest = ' ' + normalized(text) + ' ';
  size_t first = std::string::npos;
  for (const std::string& a : authors) {
    const std::string name = normalized(a);
    size_t at = name.empty() ? std::string::npos : rest.find(name);
    while (at != std::string::npos && !(std::string_view(" ,;&|-(").find(rest[at - 1]) != std::string_view::npos &&
                                        std::string_view(" ,;&|-)").find(rest[at + name.size()]) != std::string_view::npos))
      at = rest.find(name, at + 1);
    if (at == std::string::npos) return false;
    first = std::min(first, at);
    rest.replace(at, name.size(), std::string(name.size(), '\x01'));  // keeps positions
  }
  static const std::string_view kJoins[] = {",", ";", "&", "|", "-", "–", "and", "và", "und", "et", "y"};
  bool lead_word = false;
  for (size_t i = 0; i < rest.size();) {
    size_t j = rest.find_first_of(" \x01", i);
    if (j == std::string::npos) j = rest.size();
    std::string_view word(rest.data() + i, j - i);
    while (!word.empty() && (word.back() == ',' || word.back() == ':')) word.remove_suffix(1);
    if (!word.empty() && std::find(std::begin(kJoins), std::end(kJoins), word) == std::end(kJoins)) {
      if (lead_word || i > first || word.size() > kMaxLeadWordBytes) return false;
      lead_word = true;
    }
    i = j + 1;
  }
  return true;
}

// The byline as the page shows it: a short visible block that reads as the
// metadata's byline, or names its authors; one the body kept first, else
// one anywhere (not in another story's card).
NodeId find_byline(const Extraction& x, NodeId root, const Article& art,
                   const std::vector<uint8_t>& kept) {
  const Tree& t = x.t;
  const std::optional<std::string>& byline = art.byline;
  if ((!byline || byline->empty()) && art.authors.empty()) return kNoNode;
  const std::string want = byline ? normalized(*byline) : std::string();
  NodeId outside = kNoNode;
  for (NodeId id = 0; id < t.size(); ++id) {
    if (!is_text_block(x, id) || x.own[id].chars > x.p.byline_max_chars || x.teaser[id] || t.contains(id, root)) continue;
    const std::string text = t.text_content(id, x.p.line_read_bytes);
    if (!(!want.empty() && reads_as_byline(text, want)) && !names_the_authors(text, art.authors)) continue;
    // Whether the body kept it: looked for only in the few blocks that read
    // as the byline (a wrapper's subtree is long).
    bool in_body = false;
    for (NodeId k = id + 1; k < t[id].end && !in_body; ++k) in_body = kept[k] != 0;
    if (in_body) return id;
    if (outside == kNoNode) outside = id;
  }
  return outside;
}

// Adds a part's visible text to the kept text.
void keep_part(const Extraction& x, NodeId part, std::vector<uint8_t>* kept) {
  if (part == kNoNode) return;
  for (NodeId id = part; id < x.t[part].end; ++id)
    if ((x.t[id].kind == NodeKind::kText || x.t[id].kind == NodeKind::kWhitespace) && x.facts.visible[id])
      (*kept)[id] = 1;
}

// True if step 5 kept some text of `id` (a lead the body holds).
bool body_holds(const Extraction& x, NodeId id, const std::vector<uint8_t>& kept) {
  for (NodeId k = id; k < x.t[id].end; ++k)
    if (kept[k]) return true;
  return false;
}

}  // namespace

Shape find_shape(const Extraction& x, NodeId root, const PageMeta& meta, const Article& art,
                 std::vector<uint8_t>* kept) {
  Shape s;
  s.title = find_title(x, root, art.title);
  const Head head = find_head(x, root, s.title);
  s.dateline = find_dateline(x, head);
  s.lead = find_lead(x, head, s.title, art.title.value_or(""), meta);
  // A lead the body holds already stays where it stands, as body.
  if (s.lead != kNoNode && body_holds(x, s.lead, *kept)) {
    s.lead_in_body = s.lead;
    s.lead = kNoNode;
  }
  s.byline = find_byline(x, root, art, *kept);
  for (NodeId part : {s.dateline, s.title, s.lead, s.byline}) keep_part(x, part, kept);
  return s;
}

namespace {

// Words as the text's reader counts them: runs of letters and digits (any
// byte of a multi-byte character counts as a letter), lower-cased in ASCII.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string w;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) {
      w += static_cast<char>(std::tolower(c));
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

}  // namespace

void add_declared_description(const Extraction& x, const PageMeta& meta, Article* art) {
  if (!x.rules.strategy.declared_description) return;
  const std::string description = collapse_spaces(meta.linked.product_description);
  if (description.size() < x.p.declared_description_min_chars) return;
  // Its words the text shows, as multisets: "a" shown once counts once.
  std::vector<std::string> shown = words_of(art->text()), words = words_of(description);
  std::sort(shown.begin(), shown.end());
  std::sort(words.begin(), words.end());
  std::vector<std::string> both;
  std::set_intersection(words.begin(), words.end(), shown.begin(), shown.end(), std::back_inserter(both));
  if (x.p.declared_description_shown.reached(both.size(), words.size())) return;
  // After the title, dateline and lead: where the body begins.
  size_t at = 0;
  while (at < art->lines.size() && art->line_roles[at] != LineRole::kBody && art->line_roles[at] != LineRole::kCaption)
    ++at;
  std::vector<std::pair<std::string, LineRole>> added = {{description, LineRole::kBody}};
  if (at > 0 && art->line_roles[at - 1] != LineRole::kBlank) added.insert(added.begin(), {"", LineRole::kBlank});
  if (at < art->lines.size()) added.push_back({"", LineRole::kBlank});
  for (size_t i = 0; i < added.size(); ++i) art->insert_line(at + i, added[i].first, added[i].second);
  art->paragraphs.insert(art->paragraphs.begin(), description);
}

}  // namespace winnow::extract::generic
