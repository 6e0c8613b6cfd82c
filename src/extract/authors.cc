#include "extract/authors.h"

#include <re2/re2.h>

#include <algorithm>

#include "extract/authors_internal.h"
#include "extract/text.h"
#include "extract/title.h"

namespace winnow::extract {
namespace authors_detail {

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

}  // namespace authors_detail

using namespace authors_detail;

namespace {

// The words that introduce a name in a byline, in the languages of the
// pages winnow reads ("By", "Theo", "Von", "Par", "Por", ...), matched at
// the start, case-insensitively, with what follows them.
const RE2& byline_prefix() {
  static const RE2 re(
      R"((?i)^\s*(?:(?:written|posted|published|reported|story|text|words|analysis|opinion|commentary)\s+by|by|theo|bởi|tác giả|von|par|por|di|door|av|af|autor(?:in)?|auteur|author|authors|contributors?|reporter|redakcja|текст|автор)\s*[:：]?\s+)");
  return re;
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
  const Publisher no_site;  // a byline the page shows may name the site itself
  std::vector<std::string> persons, organizations;
  // A declared name that is no person's: an organization, kept for the
  // fallback ("Theo Báo Chính phủ": after the paper it cites), unless it is
  // the site itself (<meta name=author> naming the site, its publisher or
  // its host): that is the publisher, which `site_name` gives, never an
  // author.
  auto declared_organization = [&](std::string_view raw) {
    if (options.organizations) add_unique(&organizations, clean_author(raw, pub, NameSource::kOrganization));
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
      if (!name.empty() && options.organizations) add_unique(&organizations, std::move(name));
      continue;
    }
    // One person's name may list several ("A and B, The Paper").
    std::vector<std::string> names = split_byline(a.name, pub, NameSource::kDeclared);
    if (names.empty()) declared_organization(a.name);
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
  if (std::vector<std::string> m = markup_authors(tree, pub, NameSource::kText); !m.empty()) return m;
  if (handles.empty() && organizations.empty()) declared_organization(meta.author);
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

std::vector<std::string> page_authors_once(const html::Tree& tree, const PageMeta& meta, bool* organizations_only,
                                           const AuthorOptions& options, FoundAuthors* found) {
  if (!found) return page_authors(tree, meta, organizations_only, options);
  if (found->tree != &tree || found->organizations != options.organizations) {
    found->authors = page_authors(tree, meta, &found->organizations_only, options);
    found->tree = &tree;
    found->organizations = options.organizations;
  }
  if (organizations_only) *organizations_only = found->organizations_only;
  return found->authors;
}

}  // namespace winnow::extract
