#include "extract/authors.h"

#include <re2/re2.h>

#include <algorithm>

#include "extract/text.h"
#include "extract/title.h"

namespace winnow::extract {
namespace {

// The words that introduce a name in a byline, in the languages of the
// pages winnow reads ("By", "Theo", "Von", "Par", "Por", ...), matched at
// the start, case-insensitively, with what follows them.
const RE2& byline_prefix() {
  static const RE2 re(
      R"((?i)^\s*(?:(?:written|posted|published|reported|story|text|words|analysis|opinion|commentary)\s+by|by|theo|bởi|tác giả|von|par|por|di|door|av|af|autor(?:in)?|auteur|author|authors|contributors?|reporter|redakcja|текст|автор)\s*[:：]?\s+)");
  return re;
}

// A credit that names someone other than the author: the reviewer, the
// fact-checker, the editor of an update, the photographer ("Reviewed by
// Molly Price, DVM", "Photo by Ben Hon"). What follows it is no author.
void cut_other_credit(std::string* s, NameSource source) {
  static const RE2 reviewer(R"((?i)(?:^|[\s.,;|·•])(?:(?:medically\s+|expert\s+)?reviewed|fact[-\s]?checked)\s+by\b)");
  static const RE2 re(
      R"((?i)((?:^|[\s.,;|·•])(?:(?:medically\s+|expert\s+)?reviewed|fact[-\s]?checked|edited|updated|photos?|photography|images?|video|illustrations?)\s+by\b))");
  // Where no author is named, a reviewer is the person the page credits.
  if (source == NameSource::kReviewer) RE2::GlobalReplace(s, reviewer, ",");
  re2::StringPiece m;
  if (RE2::PartialMatch(*s, re, &m)) s->resize(static_cast<size_t>(m.data() - s->data()));
}

// "By" glued to the name, as text_content joins "By" and a link: "BySummer Swann".
const RE2& glued_prefix() {
  static const RE2 re(R"(^(?i:by|theo|von)([A-Z]))");
  return re;
}

// An e-mail address, and a bracketed part that holds one or a web address.
const RE2& email() {
  static const RE2 re(R"([\w.+-]+@[\w-]+(?:\.[\w-]+)+)");
  return re;
}
const RE2& bracketed_address() {
  static const RE2 re(R"(\s*[(<\[][^)>\]]*(?:@|www\.|https?:|\.com|\.net|\.org)[^)>\]]*[)>\]])");
  return re;
}
// A web address or domain in what should be a name: the publisher's
// ("Deutsche Welle (www.dw.com)" once its bracket is gone still names one).
const RE2& web_address() {
  static const RE2 re(R"((?i)(?:https?://|www\.|\.(?:com|net|org|vn|de|fr|uk|io)\b))");
  return re;
}
// The byline's separators between names.
const RE2& name_separator() {
  static const RE2 re(R"(\s*(?:[,;|&·•\n]|\s/\s|\s(?:and|và|und|et|y|e|og|och|en)\s)\s*)");
  return re;
}

// Words no name holds: a byline's labels and the buttons beside it ("Full
// bio", "Share", "Posted by" alone), compared lower-case word by word.
bool not_a_name(std::string_view s, bool plurals) {
  static constexpr std::string_view kWords[] = {
      "by", "posted", "written", "author", "authors", "share", "bio", "newsletter", "subscribe", "follow",
      "comments", "comment", "read", "view", "join", "insights", "sponsored", "updated", "published",
      "minutes", "min", "ago", "more", "articles", "posts", "profile", "contact", "email", "about", "sign",
      "login", "log", "menu", "search", "home", "paid", "abstract",
      // a source or credit line, not a signature ("From The Wall Street Journal")
      "from", "via", "source", "sources", "photo", "photos", "credit", "courtesy",
      // a job beside the name ("AP National Political Writer")
      "writer", "editor", "reporter", "correspondent", "columnist", "contributor", "editor-at-large",
      "specialist", "expert", "consultant", "director", "manager", "coordinator", "founder", "co-founder", "ceo",
      "officer", "president", "analyst", "strategist", "reviewer",
      // a date beside it ("Jeff Foust, Monday")
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
      "march", "july", "september", "october", "november", "december", "feb",
      "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      // not "Jan", "Mar", "April", "June", "August": names ("April Fulton"); a date has digits
      "of", "the"};
  size_t from = 0;
  size_t known = 0, words = 0;
  while (from < s.size()) {
    size_t end = s.find(' ', from);
    if (end == std::string_view::npos) end = s.size();
    std::string w(s.substr(from, end - from));
    for (char& c : w) c = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
    while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.pop_back();
    ++words;
    auto known_word = [&](std::string_view x) { return std::find(std::begin(kWords), std::end(kWords), x) != std::end(kWords); };
    // A plural of a job is a label too ("Guest Columnists", "Contributors").
    const bool plural = plurals && w.size() > 4 && w.back() == 's' && known_word(std::string_view(w).substr(0, w.size() - 1));
    if (plural) w.pop_back();
    if (known_word(w)) {
      if (w != "of" && w != "the") return true;
      ++known;
    }
    from = end + 1;
  }
  return known == words;  // "the", "of the"
}

// A name's words start with a capital, but for the particles of names ("de
// la Cruz", "van der Merwe"); it does not end a sentence ("Jeff T." does not).
bool capitalized(std::string_view s) {
  static constexpr std::string_view kParticles[] = {"de", "da", "di", "del", "della", "van", "von", "der", "den",
                                                    "la", "le", "du", "dos", "das", "bin", "ibn", "al", "el", "y"};
  size_t from = 0, words = 0;
  std::string_view last;
  while (from < s.size()) {
    size_t end = s.find(' ', from);
    if (end == std::string_view::npos) end = s.size();
    std::string_view w = s.substr(from, end - from);
    last = w;
    if (words++ > 0 && !w.empty() && w[0] >= 'a' && w[0] <= 'z' &&
        std::find(std::begin(kParticles), std::end(kParticles), w) == std::end(kParticles))
      return false;
    from = end + 1;
  }
  return !(last.size() > 3 && last.back() == '.');
}

bool is_punct_edge(char c) {
  return c == '-' || c == '|' || c == ',' || c == ':' || c == ';' || c == '/' || c == '[' || c == ']' ||
         c == '"' || c == '\'' || c == '*' || c == '@' || c == ' ';
}

// Trims ASCII punctuation, dashes (– —) and bullets (· •) at both ends.
std::string trim_edges(std::string s) {
  auto strip_utf8_end = [&](bool front) {
    static constexpr std::string_view kMarks[] = {"–", "—", "·", "•", "»", "«", "“", "”", "‘", "’"};
    for (std::string_view m : kMarks) {
      if (front && s.rfind(m, 0) == 0) { s.erase(0, m.size()); return true; }
      if (!front && s.size() >= m.size() && s.compare(s.size() - m.size(), m.size(), m) == 0) {
        s.erase(s.size() - m.size());
        return true;
      }
    }
    return false;
  };
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    while (!s.empty() && is_punct_edge(s.front())) { s.erase(0, 1); changed = true; }
    while (!s.empty() && is_punct_edge(s.back())) { s.pop_back(); changed = true; }
    // A bracket at an end goes unless it closes one the name opened ("Minh Anh (T/h)").
    if (!s.empty() && s.front() == '(' && s.find(')') == std::string::npos) { s.erase(0, 1); changed = true; }
    if (!s.empty() && s.back() == ')' && s.find('(') == std::string::npos) { s.pop_back(); changed = true; }
    if (!s.empty() && s.back() == '(') { s.pop_back(); changed = true; }
    changed = strip_utf8_end(true) || strip_utf8_end(false) || changed;
  }
  return s;
}

size_t words_in(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

void add_unique(std::vector<std::string>* out, std::string name) {
  if (name.empty()) return;
  auto same = [&](const std::string& a) {
    if (a.size() != name.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if ((a[i] | 0x20) != (name[i] | 0x20)) return false;
    return true;
  };
  if (std::none_of(out->begin(), out->end(), same)) out->push_back(std::move(name));
}

std::string lower_ascii(std::string_view s) {
  std::string l(s);
  for (char& c : l) c = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
  return l;
}

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
    if (first == html::kNoNode || t[first].kind != html::NodeKind::kText || in_navigation(t, id)) continue;
    re2::StringPiece head(t[first].text.data(), t[first].text.size());
    if (!RE2::Consume(&head, kBy)) continue;
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
    std::string text = collapse_spaces(t.text_content(id, kMaxByline + 1));
    if (is_label(text) && t[id].next_sibling != html::kNoNode && !in_navigation(t, id)) {
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

}  // namespace

// Placeholders CMSs write where the author's name should be.
bool is_placeholder_name(std::string_view s) {
  static constexpr std::string_view kWords[] = {"undefined", "null",  "admin", "administrator", "webmaster",
                                                "unknown",   "anonymous", "guest", "editor", "none", "n/a"};
  std::string l(s);
  for (char& c : l) c = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
  return std::find(std::begin(kWords), std::end(kWords), l) != std::end(kWords);
}

std::vector<std::string> page_authors(const html::Tree& tree, const PageMeta& meta, bool* organizations_only,
                                      const AuthorOptions& options) {
  if (organizations_only) *organizations_only = false;
  const Publisher pub = publisher_of(meta);
  const Publisher no_site;  // an author the page declares may be the site itself
  std::vector<std::string> persons, organizations;
  // A declared name that is the site's: an organization, kept for the fallback.
  auto site_as_author = [&](std::string_view raw) {
    if (options.organizations) add_unique(&organizations, clean_author(raw, no_site, NameSource::kOrganization));
  };
  // A handle ("andrew.keaveney") is its author's name in the CMS, but a
  // name the page shows comes first.
  std::vector<std::string> handles;
  auto add_person = [&](std::string name) {
    bool handle = name.find(' ') == std::string::npos &&
                  std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    add_unique(handle ? &handles : &persons, std::move(name));
  };
  for (const LinkedAuthor& a : meta.linked.authors) {
    bool person = a.type.empty() || lower_ascii(a.type) == "person";  // a bare string is a name
    if (!person) {
      std::string name = clean_author(a.name, pub, NameSource::kOrganization);
      if (name.empty()) site_as_author(a.name);
      else if (options.organizations) add_unique(&organizations, std::move(name));
      continue;
    }
    // One person's name may list several ("A and B, The Paper").
    std::vector<std::string> names = split_byline(a.name, pub, NameSource::kDeclared);
    if (names.empty()) site_as_author(a.name);
    for (std::string& name : names) add_person(std::move(name));
  }
  if (!persons.empty()) return persons;
  // Scholarly tags name every author, one a tag: "Roy, Aniruddha" is
  // Aniruddha Roy.
  for (const std::string& c : meta.citation_authors) {
    static const RE2 kLastFirst(R"(^\s*([^,]+?)\s*,\s*([^,]+?)\s*$)");
    std::string last, first, name = c;
    if (RE2::FullMatch(c, kLastFirst, &last, &first)) name = first + " " + last;
    add_unique(&persons, clean_author(name, pub, NameSource::kDeclared));
  }
  if (!persons.empty()) return persons;
  for (std::string& name : split_byline(meta.author, pub, NameSource::kDeclared)) add_person(std::move(name));
  if (!persons.empty()) {
    // <meta name=author> may hold the first of the byline's names only:
    // the byline that holds them all and more is the whole list.
    std::vector<std::string> shown = markup_authors(tree, pub, NameSource::kText);
    bool holds_all = shown.size() > persons.size() && std::all_of(persons.begin(), persons.end(), [&](const std::string& p) {
      return std::find(shown.begin(), shown.end(), p) != shown.end();
    });
    return holds_all ? shown : persons;
  }
  if (handles.empty()) site_as_author(meta.author);
  if (std::vector<std::string> m = markup_authors(tree, pub, NameSource::kText); !m.empty()) return m;
  if (!handles.empty()) return handles;
  // No author named: the person who reviewed the article is the one it credits.
  if (std::vector<std::string> m = markup_authors(tree, pub, NameSource::kReviewer); !m.empty()) return m;
  // A byline the page shows that names the site ("By Mark Denney" on
  // markdenney.com).
  if (options.organizations && organizations.empty()) organizations = markup_authors(tree, no_site, NameSource::kText);
  if (organizations_only) *organizations_only = !organizations.empty();
  return organizations;
}

Publisher publisher_of(const PageMeta& meta) {
  return {site_names(meta), url_host(declared_url(meta))};
}

std::string clean_author(std::string_view raw, const Publisher& publisher, NameSource source) {
  std::string s = collapse_spaces(raw);
  cut_other_credit(&s, source);
  RE2::GlobalReplace(&s, bracketed_address(), "");
  RE2::GlobalReplace(&s, email(), "");
  s = trim_edges(collapse_spaces(s));
  while (RE2::Replace(&s, byline_prefix(), "")) s = trim_edges(s);
  RE2::Replace(&s, glued_prefix(), "\\1");
  s = collapse_spaces(s);
  // A source note after a name of two words or more: "Minh Anh (T/h)"
  // (compiled), "Hà Phương (theo Reuters)"; other brackets may be the name's
  // own ("Jean-Luc Aufranc (CNXSoft)").
  static const RE2 kNote(
      R"(^(\S+\s+\S.*?)\s*\((?:[^()/]*/[^()]*|(?i:theo|via|nguồn|tổng hợp|according to|from)\b[^()]*)\)$)");
  RE2::Replace(&s, kNote, "\\1");
  const bool organization = source == NameSource::kOrganization;
  const bool declared = source == NameSource::kDeclared || organization;
  // An organization's name is what it declares: a job or a number in it
  // ("Community Editor", "98 Buck Social", "AccountingDepartment.com") is
  // its own, but no link ("https://…", "www.…") and no code.
  if (s.empty() || s.size() > 60 || words_in(s) > (organization ? 8 : 5) || is_placeholder_name(s) ||
      (!organization && not_a_name(s, !declared)))
    return {};
  static const RE2 kLink(R"((?i)https?://|www\.)");
  if (organization ? RE2::PartialMatch(s, kLink) : RE2::PartialMatch(s, web_address())) return {};
  // Digits (a date, a handle) or code ("type": "Article") are no name.
  if (std::any_of(s.begin(), s.end(), [&](char c) {
        return (!organization && c >= '0' && c <= '9') || c == '"' || c == '{' || c == '}' || c == ':' || c == '=' ||
               c == '<' || c == '@';
      }))
    return {};
  // Nor is a handle with digits an organization's name ("mdelatorreq6vkpg2ma0ci").
  if (organization && s.find(' ') == std::string::npos &&
      std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      std::none_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    return {};
  // One lower-case word is a user name ("jdoe", "brandon-peaktwo"): in a
  // byline's text, not a name; in a declared field, its author's there.
  const bool lower_case = std::none_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!declared && words_in(s) == 1 && !(s[0] >= 'A' && s[0] <= 'Z') && static_cast<unsigned char>(s[0]) < 0x80)
    return {};
  if (words_in(s) == 1 && s.size() < 3) return {};  // initials alone ("AS")
  // A handle's parts are words too: "page.head.extra.author" is a
  // template's placeholder left unfilled.
  if (declared && words_in(s) == 1 && lower_case) {
    std::string parts = s;
    std::replace_if(parts.begin(), parts.end(), [](char c) { return c == '.' || c == '_' || c == '-'; }, ' ');
    if (not_a_name(parts, false)) return {};
  }
  if (names_site(s, publisher.names, publisher.host)) return {};
  // A declared name written all in lower case ("kirstin boatto") is still one.
  if (!organization && !capitalized(s) && !(declared && lower_case)) return {};
  // A name starts with a letter, not a symbol or an emoji (U+2000-U+2BFF, U+10000 on).
  const unsigned char lead = static_cast<unsigned char>(s[0]);
  if (lead == 0xE2 || lead >= 0xF0) return {};
  return s;
}

std::vector<std::string> split_byline(std::string_view byline, const Publisher& publisher, NameSource source) {
  std::string raw(byline);
  std::replace(raw.begin(), raw.end(), '\n', ',');  // lines part names as commas do
  std::string s = collapse_spaces(raw);
  // The prefix goes first: "By A and B" is two names, not "By A" and "B".
  RE2::Replace(&s, byline_prefix(), "");
  // "By A. Reviewed by B": B reviewed, A wrote.
  cut_other_credit(&s, source);
  RE2::GlobalReplace(&s, bracketed_address(), "");
  RE2::GlobalReplace(&s, name_separator(), "\n");
  std::vector<std::string> out;
  size_t from = 0;
  while (from <= s.size()) {
    size_t nl = s.find('\n', from);
    if (nl == std::string::npos) nl = s.size();
    std::string name = clean_author(std::string_view(s).substr(from, nl - from), publisher, source);
    // One short word in capitals after a name is its credential ("Shelby
    // Loos, DVM"), not another name.
    const bool credential = !out.empty() && words_in(name) == 1 && name.size() <= 5 &&
                            std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!credential) add_unique(&out, std::move(name));
    from = nl + 1;
  }
  return out;
}

std::string signature_author(std::string_view paragraph, const Publisher& publisher) {
  std::string s = trim_edges(collapse_spaces(paragraph));
  // The name is tested without the source note after it ("Hà Thu (tổng
  // hợp)": compiled by Hà Thu); clean_author drops the notes it knows.
  std::string name = s;
  static const RE2 kNoteAfter(R"(\s*\([^()]*\)$)");
  RE2::Replace(&name, kNoteAfter, "");
  if (name.empty() || name.size() > 40) return {};
  size_t words = words_in(name);
  if (words < 2 || words > 5) return {};
  // Every word capitalized (a name), no sentence in it.
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ',' || c == '(' || c == ')') return {};
    if ((i == 0 || name[i - 1] == ' ') && c >= 'a' && c <= 'z') return {};
  }
  return clean_author(s, publisher);
}

}  // namespace winnow::extract
