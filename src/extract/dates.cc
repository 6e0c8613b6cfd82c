// The precedence and the offset rule are at the top of dates.h.
#include "extract/dates.h"

#include <algorithm>

#include "base/dateline.h"
#include "extract/text.h"

namespace winnow::extract {

using html::kNoNode;
using html::NodeId;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
  return out;
}

// Meta tags (property= or name=) that declare the dates, by rank: the
// Open Graph article tags first, the looser names after JSON-LD.
constexpr const char* kPublishedFirst[] = {"article:published_time", "og:article:published_time",
                                           "article:published", "og:published_time"};
constexpr const char* kPublishedLater[] = {"pubdate", "publishdate", "publish-date", "publish_date",
                                           "date", "dc.date", "dc.date.issued", "dc.date.created",
                                           "dcterms.date", "dcterms.issued", "dcterms.created",
                                           "sailthru.date", "parsely-pub-date", "article.published",
                                           "datepublished", "original-publish-date"};
constexpr const char* kModifiedFirst[] = {"article:modified_time", "og:article:modified_time",
                                          "og:updated_time", "article:modified"};
constexpr const char* kModifiedLater[] = {"last-modified", "dc.date.modified", "dcterms.modified",
                                          "lastmod", "datemodified", "article.updated"};

template <size_t N>
int rank_in(const char* const (&names)[N], std::string_view key) {
  for (size_t i = 0; i < N; ++i)
    if (key == names[i]) return static_cast<int>(i);
  return -1;
}

// One declared date, as the page wrote it.
struct Declared {
  int rank = 0;        // lower first: meta (0), JSON-LD (1), itemprop (2), other meta (3)
  int order = 0;       // within a rank: the name's place, then the page's order
  std::string value;
};

struct DeclaredDates {
  std::vector<Declared> published, modified;
  std::vector<std::string> times;  // every <time datetime>, for offsets
};

DeclaredDates read_declared(const html::Tree& t, const PageMeta& meta) {
  DeclaredDates d;
  if (!meta.linked.date_published.empty()) d.published.push_back({1, 0, meta.linked.date_published});
  if (!meta.linked.date_modified.empty()) d.modified.push_back({1, 0, meta.linked.date_modified});
  int seen = 0;
  for (NodeId i = 0; i < t.size(); ++i) {
    if (!t.is_element(i)) continue;
    ++seen;
    if (t[i].tag == GUMBO_TAG_TIME && t.has_attr(i, "datetime")) d.times.emplace_back(t.attr(i, "datetime"));
    std::string itemprop = lower(t.attr(i, "itemprop"));
    if (itemprop == "datepublished" || itemprop == "datemodified") {
      std::string v(t.has_attr(i, "content") ? t.attr(i, "content")
                    : t.has_attr(i, "datetime") ? t.attr(i, "datetime")
                                                : std::string_view());
      if (v.empty()) v = t.text_content(i, 200);
      (itemprop == "datepublished" ? d.published : d.modified).push_back({2, seen, v});
      continue;
    }
    if (t[i].tag != GUMBO_TAG_META) continue;
    std::string key = lower(t.has_attr(i, "property") ? t.attr(i, "property") : t.attr(i, "name"));
    std::string content(t.attr(i, "content"));
    if (key.empty() || content.empty()) continue;
    const int big = 1000;  // names by their rank in the list, the page's order after
    if (int r = rank_in(kPublishedFirst, key); r >= 0) d.published.push_back({0, r * big + seen, content});
    else if (int r2 = rank_in(kPublishedLater, key); r2 >= 0) d.published.push_back({3, r2 * big + seen, content});
    else if (int r3 = rank_in(kModifiedFirst, key); r3 >= 0) d.modified.push_back({0, r3 * big + seen, content});
    else if (int r4 = rank_in(kModifiedLater, key); r4 >= 0) d.modified.push_back({3, r4 * big + seen, content});
  }
  for (auto* list : {&d.published, &d.modified})
    std::stable_sort(list->begin(), list->end(), [](const Declared& a, const Declared& b) {
      return a.rank != b.rank ? a.rank < b.rank : a.order < b.order;
    });
  return d;
}

// A declared value: ISO 8601 as it should be, else read as a dateline
// ("2024/03/05 10:00", "Tue, 05 Mar 2024 10:00:00 GMT").
std::optional<DateTime> parse_declared(std::string_view v, DayOrder order) {
  std::string s;
  for (char c : v) s.push_back(c == '\n' || c == '\t' || c == '\r' ? ' ' : c);
  if (auto dt = parse_iso8601(s)) return dt;
  if (s.size() > 200) return std::nullopt;
  return parse_dateline(s, order);
}

bool same_wall_clock(const DateTime& a, const DateTime& b) {
  return a.year == b.year && a.month == b.month && a.day == b.day && a.hour == b.hour && a.minute == b.minute;
}

// The offset rule: a date without one takes it from another declared
// source giving the same wall-clock time, in precedence order.
// A UTC offset (Z, +00:00) on a wall-clock time another source gives with a
// real offset is a server's default, not a statement: the real one wins.
void complete_offset(DateTime* dt, const DeclaredDates& d, DayOrder order) {
  const bool utc = dt->offset_minutes == 0;
  if (dt->offset_minutes && !utc) return;
  bool done = false;
  auto try_value = [&](std::string_view v) {
    if (done) return;
    auto other = parse_declared(v, order);
    if (other && other->offset_minutes && (!utc || *other->offset_minutes != 0) && same_wall_clock(*other, *dt)) {
      dt->offset_minutes = other->offset_minutes;
      done = true;
    }
  };
  for (const Declared& x : d.published) try_value(x.value);
  for (const Declared& x : d.modified) try_value(x.value);
  for (const std::string& v : d.times) try_value(v);
}

std::optional<DateTime> first_declared(const std::vector<Declared>& list, DayOrder order) {
  for (const Declared& x : list)
    if (auto dt = parse_declared(x.value, order)) return dt;
  return std::nullopt;
}

bool inside(const html::Tree& t, NodeId id, GumboTag tag) {
  for (NodeId a = t[id].parent; a != kNoNode; a = t[a].parent)
    if (t.is_element(a) && t[a].tag == tag) return true;
  return false;
}

bool is_heading(GumboTag tag) { return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3; }

// Where the headline stands, in the order the visible search tries them:
// the heading whose text is the page's declared headline (og:title,
// JSON-LD headline, <title>'s start), the first <h1> inside an <article>,
// the first <h1>, the first <article>. A page's first <h1> is often its
// logo; the declared headline finds the article's own.
std::vector<NodeId> headline_anchors(const html::Tree& t, const PageMeta& meta) {
  std::vector<std::string> declared;
  for (const std::string* s : {&meta.linked.headline, &meta.og_title})
    if (std::string n = lower(collapse_spaces(*s)); n.size() >= 10) declared.push_back(n);
  const std::string title_tag = lower(collapse_spaces(meta.title_tag));
  NodeId named = kNoNode, named_other = kNoNode, in_article = kNoNode, first_h1 = kNoNode, article = kNoNode;
  NodeId head = kNoNode;  // one range test, not a walk up a deep page for every element
  for (NodeId id = 0; id < t.size(); ++id) {
    if (!t.is_element(id)) continue;
    GumboTag tag = t[id].tag;
    if (tag == GUMBO_TAG_HEAD && head == kNoNode) head = id;
    if (tag == GUMBO_TAG_ARTICLE && article == kNoNode) article = id;
    if (tag == GUMBO_TAG_H1 && first_h1 == kNoNode) first_h1 = id;
    if (tag == GUMBO_TAG_H1 && in_article == kNoNode && inside(t, id, GUMBO_TAG_ARTICLE)) in_article = id;
    // A heading that reads as the headline; else any small element that
    // does (page builders set headlines in <p> and <div>).
    const bool small = t[id].end - id <= 8 && tag != GUMBO_TAG_TITLE && !(head != kNoNode && t.contains(head, id));
    if ((named == kNoNode && is_heading(tag)) || (named_other == kNoNode && small)) {
      std::string text = lower(collapse_spaces(t.text_content(id, 400)));
      if (text.size() >= 10 && (std::find(declared.begin(), declared.end(), text) != declared.end() ||
                                title_tag.rfind(text, 0) == 0))
        (is_heading(tag) && named == kNoNode ? named : named_other) = id;
    }
  }
  std::vector<NodeId> out;
  for (NodeId a : {named, in_article, first_h1, article, named_other})
    if (a != kNoNode && std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  return out;
}

// The search around one anchor: [first, last).
struct Window {
  NodeId first = 0, last = 0, anchor = kNoNode;
};
Window window_at(const html::Tree& t, NodeId anchor) {
  constexpr NodeId kBefore = 200, kAfter = 600;
  return {anchor > kBefore ? anchor - kBefore : 1, std::min<NodeId>(t.size(), t[anchor].end + kAfter), anchor};
}


std::optional<DateTime> time_element(const html::Tree& t, const std::vector<NodeId>& anchors, DayOrder order) {
  auto parse_at = [&](NodeId id) -> std::optional<DateTime> {
    if (t[id].tag != GUMBO_TAG_TIME || !t.has_attr(id, "datetime")) return std::nullopt;
    return parse_declared(t.attr(id, "datetime"), order);
  };
  for (NodeId anchor : anchors) {
    const Window w = window_at(t, anchor);
    for (NodeId id = w.first; id < w.last; ++id)
      if (t.is_element(id))
        if (auto dt = parse_at(id)) return dt;
  }
  for (int pass = 0; pass < 2; ++pass)
    for (NodeId id = 0; id < t.size(); ++id)
      if (t.is_element(id) && (pass == 1 || inside(t, id, GUMBO_TAG_ARTICLE)))
        if (auto dt = parse_at(id)) return dt;
  return std::nullopt;
}

bool never_text(GumboTag tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
         tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_SELECT || tag == GUMBO_TAG_H1;
}

// A short element near the headline that reads as a dateline: its date and
// few other letters (a byline's name may share it). The nearest to the
// headline, before or after it.
std::optional<DatelineMatch> visible_dateline(const html::Tree& t, const Window& w, DayOrder order) {
  constexpr NodeId kMaxNodes = 32;
  constexpr size_t kMaxBytes = 200, kMaxOtherLetters = 40;
  auto read = [&](NodeId id) -> std::optional<DatelineMatch> {
    // Elements, and text standing loose in a large one ("<fieldset><legend>
    // Title</legend> 20 December 2025 <div>...").
    const bool loose_text = t[id].kind == html::NodeKind::kText && t[id].parent != kNoNode &&
                            t[t[id].parent].end - t[id].parent > kMaxNodes;
    if (!loose_text && (!t.is_element(id) || never_text(t[id].tag) || t[id].end - id > kMaxNodes))
      return std::nullopt;
    if (id == w.anchor || (is_heading(t[w.anchor].tag) && t.contains(w.anchor, id)) || inside(t, id, GUMBO_TAG_SCRIPT) || inside(t, id, GUMBO_TAG_HEAD) ||
        inside(t, id, GUMBO_TAG_H1))
      return std::nullopt;
    std::string text = t.text_content(id, kMaxBytes + 1);
    if (text.size() > kMaxBytes) return std::nullopt;
    auto m = find_dateline(text, order);
    if (!m || m->other_letters > kMaxOtherLetters) return std::nullopt;
    return m;
  };
  if (w.anchor == kNoNode) return std::nullopt;
  std::optional<DatelineMatch> after, before;
  NodeId after_at = w.last;
  for (NodeId id = w.anchor; id < w.last && !after; ++id)
    if ((after = read(id))) after_at = id;
  // Before the headline only what stands nearer to it than the one after
  // (a "recent posts" box below a short article is farther than the
  // dateline above its title).
  const NodeId end_of_anchor = t[w.anchor].end;
  const NodeId after_distance = after ? after_at - std::min(after_at, end_of_anchor) : w.last;
  for (NodeId id = w.anchor; id > w.first && w.anchor - id < after_distance && !before; --id)
    if (!t.contains(id - 1, w.anchor))  // the headline's own ancestors hold its text
      before = read(id - 1);
  return before ? before : after;
}

// Month first on US English pages: <html lang="en-US">, or lang="en" with
// og:locale en_US (a region-less "en" alone is also British, Indian, ...).
DayOrder day_order(const html::Tree& t, const PageMeta& meta) {
  std::string lang = lower(meta.lang);
  if (lang == "en-us" || lang == "en_us") return DayOrder::kMonthFirst;
  if (lang != "en") return DayOrder::kDayFirst;
  for (NodeId i = 0; i < t.size(); ++i)
    if (t.is_element(i) && t[i].tag == GUMBO_TAG_META && lower(t.attr(i, "property")) == "og:locale")
      return lower(t.attr(i, "content")) == "en_us" ? DayOrder::kMonthFirst : DayOrder::kDayFirst;
  return DayOrder::kDayFirst;
}

}  // namespace

FoundDates find_dates(const html::Tree& t, const PageMeta& meta, const SiteDates& site) {
  const DayOrder order = day_order(t, meta);
  const DeclaredDates declared = read_declared(t, meta);
  const std::vector<NodeId> anchors = headline_anchors(t, meta);
  auto finish = [&](std::optional<DateTime> dt) -> std::optional<std::string> {
    if (!dt) return std::nullopt;
    complete_offset(&*dt, declared, order);
    return to_iso8601(*dt, site.utc_offset);
  };
  FoundDates out;

  std::optional<DateTime> published = first_declared(declared.published, order);
  if (!published) published = time_element(t, anchors, order);
  std::optional<DatelineMatch> shown;
  if (!published && site.rules && !site.dateline.empty()) {
    for (const DateFormat& f : site.formats ? *site.formats : std::vector<DateFormat>{})
      if ((published = f.find(site.dateline))) break;
    if (!published) shown = find_dateline(site.dateline, order);
  } else if (!published && !site.rules) {
    for (NodeId anchor : anchors)
      if ((shown = visible_dateline(t, window_at(t, anchor), order))) break;
  }
  if (shown) published = shown->date;
  out.published = finish(published);

  std::optional<DateTime> modified = first_declared(declared.modified, order);
  if (!modified && shown && shown->updated_label) modified = shown->date;
  out.modified = finish(modified);
  return out;
}

}  // namespace winnow::extract
