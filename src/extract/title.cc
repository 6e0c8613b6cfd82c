#include "extract/title.h"

#include <re2/re2.h>

#include <algorithm>

#include "extract/entities.h"
#include "extract/text.h"

namespace winnow::extract {
namespace {

// Separators between a headline and the site's name, widest first so " | "
// is not read as " ".
constexpr std::string_view kSeparators[] = {" | ", " - ", " – ", " — ", " · ", " • ", " » ", " :: ", " / ",
                                            " ~ ", "｜", " |", "| "};
constexpr std::string_view kColon = ": ";

// Letters and digits only, ASCII lower-cased (non-ASCII kept as is, but
// for typographic punctuation: U+2000-U+206F, the quotes, dashes and
// spaces the <title> and the <h1> write differently, "Anthony’s" and
// "Anthony's"): "Help Net Security" and "helpnetsecurity" compare equal.
std::string squash(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    unsigned char u = static_cast<unsigned char>(c);
    if (u == 0xE2 && i + 2 < s.size() && (s[i + 1] == '\x80' || s[i + 1] == '\x81')) {
      i += 2;
      continue;
    }
    if (u >= 0x80) out.push_back(c);
    else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) out.push_back(c);
    else if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c | 0x20));
  }
  return out;
}

// The host's own labels: "www.helpnetsecurity.com" gives "helpnetsecurity";
// "cloud.google.com" gives "cloud", "google" (the last label and "www" are
// not names; nor a short second-level like "co" in "co.uk").
std::vector<std::string> host_names(std::string_view host) {
  std::vector<std::string> labels;
  size_t from = 0;
  while (from < host.size()) {
    size_t dot = host.find('.', from);
    if (dot == std::string_view::npos) dot = host.size();
    labels.emplace_back(host.substr(from, dot - from));
    from = dot + 1;
  }
  if (!labels.empty()) labels.pop_back();
  std::vector<std::string> out;
  for (std::string& l : labels)
    if (l.size() >= 4 && l != "www") out.push_back(squash(l));
  return out;
}

bool is_section(std::string_view seg, const std::vector<std::string>& sections) {
  std::string s = squash(seg);
  return !s.empty() && std::find(sections.begin(), sections.end(), s) != sections.end();
}

bool is_date(std::string_view seg) {
  static const RE2 kDate(R"(\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\s*)");
  return RE2::FullMatch(seg, kDate);
}

// Space-separated words, ASCII lower-cased.
std::vector<std::string> lower_words(std::string_view s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : s) {
    if (c == ' ') {
      if (!w.empty()) out.push_back(std::move(w));
      w.clear();
    } else {
      w.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c);
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

// Whether the segment is the site's name shortened to its first words, two
// or more and at least half of them ("Thrive Internet Marketing" for og:
// site_name "Thrive Internet Marketing Agency").
bool site_name_begun(std::string_view seg, std::string_view site) {
  std::vector<std::string> mine = lower_words(seg), theirs = lower_words(site);
  if (mine.size() < 2 || mine.size() >= theirs.size() || mine.size() * 2 < theirs.size()) return false;
  return std::equal(mine.begin(), mine.end(), theirs.begin());
}

// A <title>'s segment that is a site's name shortened (not a person's name
// that begins a blog's: authors use names_site, which does not shorten).
bool begins_site_name(std::string_view seg, const std::vector<std::string>& sites) {
  return std::any_of(sites.begin(), sites.end(), [&](const std::string& site) { return site_name_begun(seg, site); });
}

bool names_site_in(std::string_view seg, const std::vector<std::string>& sites,
                   const std::vector<std::string>& hosts) {
  std::string s = squash(seg);
  if (s.empty()) return false;
  for (const std::string& site : sites)
    if (!site.empty() && squash(site) == s) return true;
  // A short segment that holds the host's name ("The Motley Fool" on
  // fool.com); a long one is a headline that mentions the site.
  const bool short_segment = std::count(seg.begin(), seg.end(), ' ') < 4;
  for (const std::string& h : hosts)
    if ((short_segment && s.find(h) != std::string::npos) || (s.size() >= 4 && h.find(s) != std::string::npos))
      return true;
  return false;
}

// The colon's stricter test: the segment is exactly a site name or the host's.
bool is_site(std::string_view seg, const std::vector<std::string>& sites, const std::vector<std::string>& hosts) {
  std::string s = squash(seg);
  if (s.empty()) return false;
  for (const std::string& site : sites)
    if (squash(site) == s) return true;
  return std::find(hosts.begin(), hosts.end(), s) != hosts.end();
}

size_t words(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] != ' ' && (i == 0 || s[i - 1] == ' ')) ++n;
  return n;
}

struct Cut {
  size_t at = std::string_view::npos, len = 0;
};

// The separator nearest the end (last) or the start (!last).
Cut find_separator(std::string_view t, bool last) {
  Cut best;
  for (std::string_view sep : kSeparators) {
    size_t p = last ? t.rfind(sep) : t.find(sep);
    if (p == std::string_view::npos || p == 0 || p + sep.size() >= t.size()) continue;
    bool better = best.at == std::string_view::npos || (last ? p > best.at : p < best.at);
    if (better) best = {p, sep.size()};
  }
  return best;
}

// Whether `title` is `head` (ASCII case ignored), then a separator or a
// space and more ("RESTAURANT Definition & Meaning" after "restaurant").
bool followed_by_separator(std::string_view title, std::string_view head) {
  if (head.size() < 4 || title.size() <= head.size()) return false;
  for (size_t i = 0; i < head.size(); ++i)
    if ((title[i] | 0x20) != (head[i] | 0x20)) return false;
  return title[head.size()] == ' ';
}

// The <title>'s last segment when it has several: where sites put their name.
std::string title_tail(std::string_view title_tag) {
  Cut c = find_separator(title_tag, true);
  return c.at == std::string_view::npos ? std::string() : collapse_spaces(title_tag.substr(c.at + c.len));
}

// An <h1> that is only a link home (the site's logo).
bool links_home(const html::Tree& t, html::NodeId h1) {
  for (html::NodeId d = h1 + 1; d < t[h1].end; ++d) {
    if (!t.is_element(d) || t[d].tag != GUMBO_TAG_A) continue;
    std::string_view rel = t.attr(d, "rel"), href = t.attr(d, "href");
    if (rel == "home" || href == "/") return true;
    size_t scheme = href.find("://");
    if (scheme != std::string_view::npos) {
      std::string_view path = href.substr(scheme + 3);
      size_t slash = path.find('/');
      if (slash == std::string_view::npos || slash + 1 == path.size()) return true;
    }
  }
  return false;
}

// A heading's text with a space where a <br> or a block inside it breaks the
// line ("WEEKEND<br>CODING<br>AGENT" reads as three words), entities left
// by double escaping decoded. A <time> inside it is the post's dateline
// ("<h1><time>Dec 18 2025</time> Preparing a transition</h1>"), not words
// of the headline.
std::string heading_text(const html::Tree& t, html::NodeId id) {
  std::string out;
  for (html::NodeId d = id + 1; d < t[id].end && out.size() < 1000; ++d) {
    if (t.is_element(d) && t[d].tag == GUMBO_TAG_TIME) {
      out += ' ';
      d = t[d].end - 1;
    } else if (t[d].kind == html::NodeKind::kWhitespace) {
      out += ' ';
    } else if (t[d].kind == html::NodeKind::kText) {
      html::NodeId p = t[d].parent;
      if (p != html::kNoNode && (t[p].tag == GUMBO_TAG_SCRIPT || t[p].tag == GUMBO_TAG_STYLE)) continue;
      out += t[d].text;
    } else if (t.is_element(d) && (t[d].tag == GUMBO_TAG_BR || t[d].tag == GUMBO_TAG_DIV || t[d].tag == GUMBO_TAG_P)) {
      out += ' ';
    }
  }
  return collapse_spaces(decode_entities(out));
}

// Lower-cased words of four letters or more (ASCII letters folded; other
// bytes kept, so any script's words count).
std::vector<std::string> long_words(std::string_view s) {
  std::vector<std::string> out;
  std::string w;
  auto flush = [&] {
    if (w.size() >= 4) out.push_back(w);
    w.clear();
  };
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) w.push_back(c);
    else if (c >= 'A' && c <= 'Z') w.push_back(static_cast<char>(c | 0x20));
    else flush();
  }
  flush();
  return out;
}

bool shares_word(std::string_view heading, const std::vector<std::string>& titles) {
  std::vector<std::string> mine = long_words(heading);
  for (const std::string& t : titles)
    for (const std::string& w : long_words(t))
      if (std::find(mine.begin(), mine.end(), w) != mine.end()) return true;
  return false;
}

// The text of the first <h1> inside an <article> or <main>; "" if none.
std::string main_heading(const html::Tree& t) {
  for (html::NodeId id = 0; id < t.size(); ++id) {
    if (!t.is_element(id) || t[id].tag != GUMBO_TAG_H1) continue;
    for (html::NodeId a = t[id].parent; a != html::kNoNode; a = t[a].parent)
      if (t.is_element(a) && (t[a].tag == GUMBO_TAG_ARTICLE || t[a].tag == GUMBO_TAG_MAIN))
        return heading_text(t, id);
  }
  return {};
}

}  // namespace

// A <title> may name the page's section after its headline ("… | Opinion"
// on /story/opinion/contributors/…/slug/); the last segment is the
// article's own slug (which often is its headline) or id.
std::vector<std::string> path_sections(std::string_view url) {
  std::vector<std::string> out;
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return out;
  std::string_view rest = url.substr(scheme + 3);
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return out;
  std::string_view path = rest.substr(slash);
  path = path.substr(0, path.find_first_of("?#"));
  std::vector<std::string_view> parts;
  for (size_t from = 0; from < path.size();) {
    size_t next = path.find('/', from);
    if (next == std::string_view::npos) next = path.size();
    if (next > from) parts.push_back(path.substr(from, next - from));
    from = next + 1;
  }
  if (!parts.empty()) parts.pop_back();
  for (std::string_view p : parts) {
    // A section is named in a word or three; more is a slug before an id.
    if (std::count_if(p.begin(), p.end(), [](char c) { return c == '-' || c == '_'; }) > 2) continue;
    std::string s = squash(p);
    if (s.size() >= 3 && s.find_first_not_of("0123456789") != std::string::npos) out.push_back(std::move(s));
  }
  return out;
}

// The page's <h1>s that may be its headline (text decoded once more: a
// double-escaped "&amp;#x26;" shows as "&#x26;"): not the site's name, not a
// link home, not the <title>'s last segment.
std::vector<std::string> headings(const html::Tree& tree, const PageMeta& meta, std::vector<std::string>& sites,
                                  std::string_view host) {
  // The <title>'s last segment is the site's name, unless its first names
  // the site ("NASA SVS | Impact of Climate Change…": the headline last).
  std::string tail = title_tail(meta.title_tag);
  if (Cut c = find_separator(meta.title_tag, false);
      c.at != std::string_view::npos && names_site(std::string_view(meta.title_tag).substr(0, c.at), sites, host))
    tail.clear();
  std::vector<std::string> out;
  for (html::NodeId id = 0; id < tree.size() && out.size() < 8; ++id) {
    if (!tree.is_element(id) || tree[id].tag != GUMBO_TAG_H1) continue;
    std::string t = heading_text(tree, id);
    if (t.empty() || t.size() >= 600) continue;
    if (links_home(tree, id) || (!tail.empty() && squash(t) == squash(tail)) || names_site(t, sites, host)) {
      sites.push_back(t);  // a name the <title> may carry too
      continue;
    }
    // The same heading twice (a mobile and a desktop copy) is one.
    if (std::none_of(out.begin(), out.end(), [&](const std::string& o) { return squash(o) == squash(t); }))
      out.push_back(std::move(t));
  }
  return out;
}

bool names_site(std::string_view text, const std::vector<std::string>& sites, std::string_view host) {
  return names_site_in(text, sites, host_names(host));
}

std::vector<std::string> site_names(const PageMeta& meta) {
  std::vector<std::string> out;
  for (const std::string* s : {&meta.og_site_name, &meta.linked.publisher, &meta.application_name}) {
    std::string c = collapse_spaces(*s);
    if (!c.empty()) out.push_back(std::move(c));
  }
  return out;
}

std::string strip_site_affixes(std::string_view title, const std::vector<std::string>& sites,
                               std::string_view host, const std::vector<std::string>& sections) {
  const std::vector<std::string> hosts = host_names(host);
  std::string t = collapse_spaces(title);
  for (int round = 0; round < 4; ++round) {
    bool cut = false;
    if (Cut c = find_separator(t, true); c.at != std::string_view::npos) {
      std::string_view tail = std::string_view(t).substr(c.at + c.len);
      if (names_site_in(tail, sites, hosts) || begins_site_name(tail, sites) || is_date(tail) ||
          is_section(tail, sections)) {
        t = collapse_spaces(std::string_view(t).substr(0, c.at));
        cut = true;
      }
    }
    if (Cut c = find_separator(t, false); c.at != std::string_view::npos) {
      std::string_view head = std::string_view(t).substr(0, c.at);
      if (names_site_in(head, sites, hosts) || begins_site_name(head, sites)) {
        t = collapse_spaces(std::string_view(t).substr(c.at + c.len));
        cut = true;
      }
    }
    // "Site: headline" and "headline: Site" only when that side is the site.
    if (size_t p = t.find(kColon); p != std::string::npos && p > 0 && is_site(t.substr(0, p), sites, hosts)) {
      t = collapse_spaces(std::string_view(t).substr(p + kColon.size()));
      cut = true;
    }
    if (!cut) break;
  }
  return t.empty() ? collapse_spaces(title) : t;
}

namespace {

// The page's URL: the one it declares, else the one it was fetched from.
std::string page_url_of(const PageMeta& meta, std::string_view fetched) {
  std::string declared = declared_url(meta);
  return declared.empty() ? std::string(fetched) : declared;
}

// The metadata's titles less the site's affixes, in precedence order: the
// JSON-LD headline (og:title first when the item is a mere WebPage),
// og:title, twitter:title, <title>.
std::vector<std::string> metadata_titles(const PageMeta& meta, const std::vector<std::string>& sites,
                                         std::string_view host, const std::vector<std::string>& sections) {
  std::vector<std::string> out;
  const bool page_item = meta.linked.type == "WebPage";
  for (const std::string* s : {page_item ? &meta.og_title : &meta.linked.headline, &meta.og_title,
                               &meta.twitter_title, &meta.title_tag, &meta.linked.headline}) {
    std::string c = strip_site_affixes(*s, sites, host, sections);
    if (!c.empty()) out.push_back(std::move(c));
  }
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  return out;
}

// An <h1> in capitals only: text-transform's, or typed so; its letters'
// case says nothing of the headline's.
bool all_capitals(std::string_view h1) {
  size_t upper = 0;
  for (char c : h1) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  return upper >= 4;
}

bool has_lower(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Whether the <h1> is the metadata's title in letters its style changed:
// all capitals ("TIPS FOR ONLINE SUCCESS", text-transform: uppercase) or a
// lower-case first letter ("history of coffee", capitalize) where the
// metadata writes the same characters in mixed case.
bool restyled(std::string_view h1, std::string_view title) {
  if (h1 == title || ascii_lower(h1) != ascii_lower(title)) return false;
  if (all_capitals(h1)) return true;
  // A lower-case first letter where the title's is a capital, the title
  // itself in mixed case (not "RESTAURANT" over the dictionary's "restaurant").
  return has_lower(title) && h1.front() >= 'a' && h1.front() <= 'z' && title.front() >= 'A' && title.front() <= 'Z';
}

// Whether the <h1> is the metadata's title behind a short kicker and a
// colon ("Blog: Best Agencies…" where og:title says "Best Agencies…"): the
// page's own metadata leaves the label out.
bool kicker_before(std::string_view h1, std::string_view title) {
  size_t colon = h1.find(": ");
  if (colon == std::string_view::npos || colon == 0) return false;
  return words(h1.substr(0, colon)) <= 2 && squash(h1.substr(colon + 2)) == squash(title) && !squash(title).empty();
}

// Whether the <h1> is the metadata's title with characters its encoding
// lost shown as '?' ("Event Planning? Beginner? Guide" for "Event
// Planning: Beginner's Guide"): each '?' the title lacks stands for one to
// three characters, the rest is the same.
bool lost_characters(std::string_view h1, std::string_view title) {
  if (std::count(h1.begin(), h1.end(), '?') <= std::count(title.begin(), title.end(), '?')) return false;
  std::string pattern;
  size_t from = 0;
  for (size_t q = h1.find('?'); q != std::string_view::npos; from = q + 1, q = h1.find('?', from))
    pattern += RE2::QuoteMeta(h1.substr(from, q - from)) + ".{1,3}";
  pattern += RE2::QuoteMeta(h1.substr(from));
  RE2 re(pattern);
  return re.ok() && RE2::FullMatch(title, re);
}

}  // namespace

std::string metadata_title(const PageMeta& meta, std::string_view fetched_url) {
  const std::string url = page_url_of(meta, fetched_url);
  std::vector<std::string> titles = metadata_titles(meta, site_names(meta), url_host(url), path_sections(url));
  return titles.empty() ? std::string() : titles.front();
}

std::string choose_title(const html::Tree& tree, const PageMeta& meta, std::string_view fetched_url) {
  std::vector<std::string> sites = site_names(meta);
  const std::string url = page_url_of(meta, fetched_url);
  const std::string host = url_host(url);
  const std::vector<std::string> sections = path_sections(url);
  std::vector<std::string> h1s = headings(tree, meta, sites, host);
  // An <h1> may carry the <title>'s affixes too ("… – Artlyst", "… | District").
  for (std::string& h : h1s) h = strip_site_affixes(h, sites, host, sections);
  const std::vector<std::string> metas = metadata_titles(meta, sites, host, sections);
  // An <h1> that is the metadata's title, or that the metadata's title
  // begins with a separator after it (a suffix the stripping did not know)
  // or ends with (a prefix: "Garnix Blog: …"), or begins (a headline cut at
  // a length). The metadata's own characters where the <h1>'s are restyled
  // or lost, or where the <h1> adds a kicker the metadata leaves out.
  for (const std::string& h : h1s) {
    if (std::find(metas.begin(), metas.end(), h) != metas.end()) return h;
    for (const std::string& m : metas) {
      if (restyled(h, m) || kicker_before(h, m) || lost_characters(h, m)) return m;
      // "History of coffee | Origin, Facts" over "history of coffee".
      if (followed_by_separator(m, h) && restyled(h, std::string_view(m).substr(0, h.size())))
        return m.substr(0, h.size());
    }
    std::string sh = squash(h);
    for (const std::string& m : metas) {
      std::string sm = squash(m);
      if (sm == sh || (sm.size() >= 20 && sh.rfind(sm, 0) == 0) || followed_by_separator(m, h) ||
          (sh.size() >= 12 && sm.size() > sh.size() && sm.compare(sm.size() - sh.size(), sh.size(), sh) == 0))
        return h;
    }
  }
  // The page's only <h1> is its headline even in other words than the
  // metadata's (written for search engines and sharing), unless it is the
  // site's name (a logo).
  // Either shares a word with the metadata's titles: the same story told
  // otherwise, not a promotion or a section's name.
  auto related = [&](const std::string& h) { return words(h) >= 2 && (metas.empty() || shares_word(h, metas)); };
  // An <h1> in capitals only tells no letter's case: the first metadata
  // title in mixed case that shares a word with it is the headline as
  // written ("SUPPORTING GAAP COMPLIANCE" over "GAAP Compliance: Applying …").
  auto as_written = [&](const std::string& h) {
    if (all_capitals(h))
      for (const std::string& m : metas)
        if (has_lower(m) && shares_word(h, {m})) return m;
    return h;
  };
  if (h1s.size() == 1 && related(h1s.front())) return as_written(h1s.front());
  // Of several, the one inside the page's <article> or <main>.
  if (std::string h = strip_site_affixes(main_heading(tree), sites, host, sections);
      related(h) && std::find(h1s.begin(), h1s.end(), h) != h1s.end())
    return as_written(h);
  if (!metas.empty()) return metas.front();
  return h1s.empty() ? std::string() : h1s.front();
}

}  // namespace winnow::extract
