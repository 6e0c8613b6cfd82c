// The precedence and the offset rule are at the top of dates.h.
#include "extract/dates.h"

#include <algorithm>

#include "base/dateline.h"
#include "extract/text.h"

namespace winnow::extract {

using html::kNoNode;
using html::NodeId;

namespace {

// A visible dateline: its text's bytes, and its letters that are not date
// words (base/dateline.h: a byline's name may share the line).
constexpr size_t kMaxBytes = 200, kMaxOtherLetters = 40;

// Meta tags (property= or name=) that declare the dates, by rank: the
// Open Graph article tags first, the looser names after JSON-LD.
constexpr const char* kPublishedFirst[] = {"article:published_time", "og:article:published_time",
                                           "article:published", "og:published_time"};
constexpr const char* kPublishedLater[] = {"pubdate", "publishdate", "publish-date", "publish_date",
                                           "published-date", "published_date", "published",
                                           "date", "dc.date", "dc.date.issued", "dc.date.created",
                                           "dcterms.date", "dcterms.issued", "dcterms.created",
                                           "sailthru.date", "parsely-pub-date", "article.published",
                                           "datepublished", "original-publish-date",
                                           // Highwire Press tags (journals, Google Scholar): "2023 Jan 7"
                                           "citation_publication_date", "citation_date"};
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
  bool shown = false;  // an itemprop on a visible element (not a <meta>)
  std::string source;  // where it was written, for explain ("JSON-LD datePublished")
};

struct DeclaredDates {
  std::vector<Declared> published, modified;
  std::vector<std::string> times;  // every <time datetime>, for offsets
};

DeclaredDates read_declared(const html::Tree& t, const PageMeta& meta) {
  DeclaredDates d;
  if (!meta.linked.date_published.empty())
    d.published.push_back({1, 0, meta.linked.date_published, false, "JSON-LD datePublished"});
  if (!meta.linked.date_modified.empty())
    d.modified.push_back({1, 0, meta.linked.date_modified, false, "JSON-LD dateModified"});
  int seen = 0;
  for (NodeId i = 0; i < t.size(); ++i) {
    if (!t.is_element(i)) continue;
    ++seen;
    if (t[i].tag == GUMBO_TAG_TIME && t.has_attr(i, "datetime")) d.times.emplace_back(t.attr(i, "datetime"));
    std::string itemprop = lower_ascii(t.attr(i, "itemprop"));
    if (itemprop == "datepublished" || itemprop == "datemodified") {
      std::string v(t.has_attr(i, "content") ? t.attr(i, "content")
                    : t.has_attr(i, "datetime") ? t.attr(i, "datetime")
                                                : std::string_view());
      if (v.empty()) v = t.text_content(i, 200);
      (itemprop == "datepublished" ? d.published : d.modified)
          .push_back({2, seen, v, t[i].tag != GUMBO_TAG_META, "itemprop=" + std::string(t.attr(i, "itemprop"))});
      continue;
    }
    if (t[i].tag != GUMBO_TAG_META) continue;
    std::string key = lower_ascii(t.has_attr(i, "property") ? t.attr(i, "property") : t.attr(i, "name"));
    std::string content(t.attr(i, "content"));
    if (key.empty() || content.empty()) continue;
    const int big = 1000;  // names by their rank in the list, the page's order after
    const std::string source = "<meta " + key + ">";
    if (int r = rank_in(kPublishedFirst, key); r >= 0) d.published.push_back({0, r * big + seen, content, false, source});
    else if (int r2 = rank_in(kPublishedLater, key); r2 >= 0)
      d.published.push_back({3, r2 * big + seen, content, false, source});
    else if (int r3 = rank_in(kModifiedFirst, key); r3 >= 0)
      d.modified.push_back({0, r3 * big + seen, content, false, source});
    else if (int r4 = rank_in(kModifiedLater, key); r4 >= 0)
      d.modified.push_back({3, r4 * big + seen, content, false, source});
  }
  // itemprop=datePublished with several different values: the visible ones
  // are a list's items (a news ticker, related stories' cards), not the
  // article's; a <meta itemprop> is still the page's declaration.
  for (auto* list : {&d.published, &d.modified}) {
    std::string first_value;
    bool several = false;
    for (const Declared& x : *list)
      if (x.rank == 2) {
        if (first_value.empty()) first_value = x.value;
        else several = several || x.value != first_value;
      }
    if (several) std::erase_if(*list, [](const Declared& x) { return x.rank == 2 && x.shown; });
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

int day_key(const DateTime& dt) { return dt.year * 10000 + dt.month * 100 + dt.day; }

// Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}
void civil_from_days(long z, DateTime* dt) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  dt->day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  dt->month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  dt->year = static_cast<int>(yoe + era * 400 + (dt->month <= 2));
}

// Minutes since the epoch, UTC (the DateTime has an offset).
long utc_minutes(const DateTime& dt) {
  return days_from_civil(dt.year, dt.month, dt.day) * 1440 + dt.hour * 60 + dt.minute - *dt.offset_minutes;
}

// The same instant written with another offset.
DateTime at_offset(const DateTime& dt, int offset) {
  const long local = utc_minutes(dt) + offset;
  const long days = local >= 0 ? local / 1440 : (local - 1439) / 1440;
  DateTime out = dt;
  civil_from_days(days, &out);
  const long rest = local - days * 1440;
  out.hour = static_cast<int>(rest / 60), out.minute = static_cast<int>(rest % 60);
  out.offset_minutes = offset;
  return out;
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

// The non-zero offsets the page states in its declared dates and <time>s,
// in precedence order, each once.
std::vector<int> stated_offsets(const DeclaredDates& d, DayOrder order) {
  std::vector<int> out;
  auto add = [&](std::string_view v) {
    auto dt = parse_declared(v, order);
    if (dt && dt->offset_minutes && *dt->offset_minutes != 0 &&
        std::find(out.begin(), out.end(), *dt->offset_minutes) == out.end())
      out.push_back(*dt->offset_minutes);
  };
  for (const Declared& x : d.published) add(x.value);
  for (const Declared& x : d.modified) add(x.value);
  for (const std::string& v : d.times) add(v);
  return out;
}

// A declared (or <time>) publication date against the dateline the reader
// sees by the headline (not one labelled as an update):
//  - a UTC instant on another day than the dateline's, which one of the
//    offsets the page states elsewhere puts on the dateline's day, is
//    written in that offset (UTC was the server's rendering; the offset and
//    the day are the page's own);
//  - a declared day later than the dateline's is a record's date (an
//    import, a re-save, a template's build date), not the article's: a page
//    cannot show a publication day before it was published. The dateline's
//    date is the article's. Unless the declared date has an offset and some
//    real offset (-12:00 to +14:00) puts it on the dateline's day: then the
//    dateline may show the same instant in a zone nobody states, and which
//    day is "the" day cannot be told without inventing that zone.
// A dateline later than the declared date is left alone: that is usually
// an update the label did not name.
DateTime settle_published(DateTime dt, const DatelineMatch& shown, const DeclaredDates& d, DayOrder order) {
  const DateTime& seen = shown.date;
  if (dt.offset_minutes == 0 && day_key(dt) != day_key(seen))
    for (int offset : stated_offsets(d, order))
      if (DateTime local = at_offset(dt, offset); day_key(local) == day_key(seen)) return local;
  if (day_key(seen) >= day_key(dt)) return dt;
  if (dt.offset_minutes && day_key(at_offset(dt, -12 * 60)) <= day_key(seen)) return dt;
  return seen;
}

// Whether the dateline is a phrase of a sentence: an inline element
// ("<time>04.Apr.2019</time>") whose block reads as no dateline ("Preprints
// of this paper are available at ..., first published 04.Apr.2019.").
bool in_sentence(const html::Tree& t, NodeId at, DayOrder order) {
  auto inline_tag = [](GumboTag tag) {
    return tag == GUMBO_TAG_SPAN || tag == GUMBO_TAG_TIME || tag == GUMBO_TAG_A || tag == GUMBO_TAG_STRONG ||
           tag == GUMBO_TAG_B || tag == GUMBO_TAG_EM || tag == GUMBO_TAG_I || tag == GUMBO_TAG_SMALL;
  };
  NodeId block = at;
  while (block != kNoNode && (!t.is_element(block) || inline_tag(t[block].tag))) block = t[block].parent;
  if (block == kNoNode || block == at) return false;
  std::string text = t.text_content(block, kMaxBytes + 1);
  if (text.size() > kMaxBytes) return true;
  auto m = find_dateline(text, order);
  return !m || m->other_letters > kMaxOtherLetters;
}

// Whether a paragraph of prose stands between the headline and the
// dateline: then the date is the text's ("As of July 31, 2025, the FDA
// has received:"), or a list's below it, not the dateline by the headline.
bool prose_between(const html::Tree& t, NodeId anchor, NodeId at) {
  constexpr size_t kProse = 120;  // bytes: a paragraph, not a byline or a caption
  const NodeId from = at > anchor ? t[anchor].end : t[at].end, to = at > anchor ? at : anchor;
  for (NodeId id = from; id < to; ++id)
    if (t.is_element(id) && t[id].tag == GUMBO_TAG_P && t.text_content(id, kProse).size() >= kProse) return true;
  return false;
}

std::optional<DateTime> first_declared(const std::vector<Declared>& list, DayOrder order, std::string* source) {
  for (const Declared& x : list)
    if (auto dt = parse_declared(x.value, order)) {
      *source = x.source;
      return dt;
    }
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
    if (std::string n = lower_ascii(collapse_spaces(*s)); n.size() >= 10) declared.push_back(n);
  const std::string title_tag = lower_ascii(collapse_spaces(meta.title_tag));
  // A text can match only if it opens as one of them: its first byte is
  // tested before the text is read (most small elements fail there). A
  // no-break space (0xC2 0xA0), which collapse_spaces takes away, may open
  // any.
  std::string firsts = "\xC2";
  for (const std::string& d : declared) firsts += d[0];
  if (!title_tag.empty()) firsts += title_tag[0];
  auto may_match = [&](NodeId id) {
    char c = t.first_text_byte(id);
    if (c >= 'A' && c <= 'Z') c = char(c | 0x20);
    return c != 0 && firsts.find(c) != std::string::npos;
  };
  NodeId named = kNoNode, named_other = kNoNode, in_article = kNoNode, first_h1 = kNoNode, article = kNoNode;
  NodeId first_h2 = kNoNode;
  NodeId head = kNoNode;  // one range test, not a walk up a deep page for every element
  for (NodeId id = 0; id < t.size(); ++id) {
    if (!t.is_element(id)) continue;
    GumboTag tag = t[id].tag;
    if (tag == GUMBO_TAG_HEAD && head == kNoNode) head = id;
    if (tag == GUMBO_TAG_ARTICLE && article == kNoNode) article = id;
    if (tag == GUMBO_TAG_H1 && first_h1 == kNoNode) first_h1 = id;
    if (tag == GUMBO_TAG_H2 && first_h2 == kNoNode) first_h2 = id;
    if (tag == GUMBO_TAG_H1 && in_article == kNoNode && inside(t, id, GUMBO_TAG_ARTICLE)) in_article = id;
    // A heading that reads as the headline; else any small element that
    // does (page builders set headlines in <p> and <div>).
    const bool small = t[id].end - id <= 8 && tag != GUMBO_TAG_TITLE && !(head != kNoNode && t.contains(head, id));
    if (((named == kNoNode && is_heading(tag)) || (named_other == kNoNode && small)) && may_match(id)) {
      std::string text = lower_ascii(collapse_spaces(t.text_content(id, 400)));
      if (text.size() >= 10 && (std::find(declared.begin(), declared.end(), text) != declared.end() ||
                                title_tag.rfind(text, 0) == 0))
        (is_heading(tag) && named == kNoNode ? named : named_other) = id;
    }
  }
  std::vector<NodeId> out;
  // A page with no <h1> sets its headline in the first <h2>.
  if (first_h1 != kNoNode) first_h2 = kNoNode;
  for (NodeId a : {named, in_article, first_h1, article, named_other, first_h2})
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
  // The nearest to the headline: after it, or before it when nearer (the
  // window before the headline holds the navigation's and a sidebar's).
  for (NodeId anchor : anchors) {
    const Window w = window_at(t, anchor);
    std::optional<DateTime> after;
    NodeId after_at = w.last;
    for (NodeId id = anchor; id < w.last && !after; ++id)
      if (t.is_element(id) && (after = parse_at(id))) after_at = id;
    const NodeId end_of_anchor = t[anchor].end;
    const NodeId after_distance = after ? after_at - std::min(after_at, end_of_anchor) : w.last;
    for (NodeId id = anchor; id > w.first && anchor - id < after_distance; --id)
      if (t.is_element(id - 1))
        if (auto dt = parse_at(id - 1)) return dt;
    if (after) return after;
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
std::optional<DatelineMatch> visible_dateline(const html::Tree& t, const Window& w, DayOrder order, NodeId* at) {
  constexpr NodeId kMaxNodes = 32;
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
  NodeId before_at = kNoNode;
  for (NodeId id = w.anchor; id > w.first && w.anchor - id < after_distance && !before; --id)
    if (!t.contains(id - 1, w.anchor))  // the headline's own ancestors hold its text
      if ((before = read(id - 1))) before_at = id - 1;
  *at = before ? before_at : after_at;
  return before ? before : after;
}

// A dateline that is (or stands in, or holds) a <time datetime>: the
// attribute is the same date, machine-readable, where the text may be
// ambiguous ("03/01/2017" on a page whose day order is unknown).
std::optional<DateTime> machine_date(const html::Tree& t, NodeId at, DayOrder order) {
  auto parse_at = [&](NodeId id) -> std::optional<DateTime> {
    if (!t.is_element(id) || t[id].tag != GUMBO_TAG_TIME || !t.has_attr(id, "datetime")) return std::nullopt;
    return parse_declared(t.attr(id, "datetime"), order);
  };
  for (NodeId a = at; a != kNoNode; a = t[a].parent)
    if (auto dt = parse_at(a)) return dt;
  for (NodeId id = at; id < t[at].end; ++id)
    if (auto dt = parse_at(id)) return dt;
  return std::nullopt;
}

// Month first on US English pages: <html lang="en-US">, or lang="en" with
// og:locale en_US (a region-less "en" alone is also British, Indian, ...).
DayOrder day_order(const html::Tree& t, const PageMeta& meta) {
  std::string lang = lower_ascii(meta.lang);
  if (lang == "en-us" || lang == "en_us") return DayOrder::kMonthFirst;
  if (lang != "en") return DayOrder::kDayFirst;
  for (NodeId i = 0; i < t.size(); ++i)
    if (t.is_element(i) && t[i].tag == GUMBO_TAG_META && lower_ascii(t.attr(i, "property")) == "og:locale")
      return lower_ascii(t.attr(i, "content")) == "en_us" ? DayOrder::kMonthFirst : DayOrder::kDayFirst;
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
  std::optional<DateTime> published = first_declared(declared.published, order, &out.published_from);
  if (!published && (published = time_element(t, anchors, order))) out.published_from = "<time datetime> by the headline";
  std::optional<DatelineMatch> shown;
  if (!published && site.rules && !site.dateline.empty()) {
    for (const DateFormat& f : site.formats ? *site.formats : std::vector<DateFormat>{})
      if ((published = f.find(site.dateline))) break;
    if (!published) shown = find_dateline(site.dateline, order);
    if (shown) published = shown->date;
    if (published) out.published_from = "the dateline field";
  } else if (!site.rules) {
    // The generic path reads the dateline by the headline even when the
    // page declares a date: it checks the declared one (settle_published).
    NodeId shown_at = kNoNode, shown_anchor = kNoNode;
    for (NodeId anchor : anchors)
      if ((shown = visible_dateline(t, window_at(t, anchor), order, &shown_at))) {
        shown_anchor = anchor;
        break;
      }
    if (shown)
      if (auto machine = machine_date(t, shown_at, order)) {
        // "<time datetime="2019-11-18 19:14:00">November 18, 2019, 19:14 GMT": the text states the offset.
        if (!machine->offset_minutes && same_wall_clock(*machine, shown->date))
          machine->offset_minutes = shown->date.offset_minutes;
        shown->date = *machine;
      }
    if (!published && shown) {
      published = shown->date;
      out.published_from = "the dateline by the headline";
    } else if (published && shown && !shown->updated_label && !prose_between(t, shown_anchor, shown_at) &&
               !in_sentence(t, shown_at, order)) {
      complete_offset(&*published, declared, order);
      const DateTime declared_date = *published;
      published = settle_published(*published, *shown, declared, order);
      if (day_key(*published) != day_key(declared_date))
        out.published_from += day_key(*published) == day_key(shown->date)
                                  ? ", set aside for the earlier dateline by the headline"
                                  : ", put in the offset the page states";
    }
  }
  out.published = finish(published);
  if (!out.published) out.published_from.clear();

  std::optional<DateTime> modified = first_declared(declared.modified, order, &out.modified_from);
  if (!modified && shown && shown->updated_label) {
    modified = shown->date;
    out.modified_from = "the \"Updated\" dateline by the headline";
  }
  out.modified = finish(modified);
  if (!out.modified) out.modified_from.clear();
  return out;
}

void set_dates(FoundDates dates, Article* article) {
  article->published = std::move(dates.published);
  article->modified = std::move(dates.modified);
  article->published_from = std::move(dates.published_from);
  article->modified_from = std::move(dates.modified_from);
}

}  // namespace winnow::extract
