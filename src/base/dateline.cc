#include "base/dateline.h"

#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace winnow {
namespace {

// The words of the five languages, lower case (the text is lowered in
// ASCII only, which is enough: no month or weekday starts with a
// non-ASCII capital). A table in code, not rule data: see dateline.h.
struct MonthName {
  const char* name;
  int month;
};
constexpr MonthName kMonths[] = {
    // English
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6}, {"july", 7},
    {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
    {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9},
    {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
    // German (Jänner: Austria)
    {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3}, {"mai", 5}, {"juni", 6},
    {"juli", 7}, {"oktober", 10}, {"dezember", 12}, {"mär", 3}, {"okt", 10}, {"dez", 12},
    // French
    {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6},
    {"juillet", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11},
    {"décembre", 12}, {"decembre", 12}, {"janv", 1}, {"févr", 2}, {"fevr", 2}, {"avr", 4},
    {"juil", 7}, {"déc", 12},
    // Spanish
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
    {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12}, {"ene", 1}, {"abr", 4}, {"ago", 8}, {"dic", 12},
};

// Words a dateline holds besides its numbers: weekdays, labels,
// connectives, zone names, in the five languages. They do not count as
// "other letters" (DatelineMatch::other_letters).
constexpr const char* kDateWords[] = {
    // English
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "published", "posted", "updated", "update",
    "last", "modified", "first", "on", "at", "date", "am", "pm", "a", "m", "p", "st", "nd", "rd", "th",
    // German
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag", "mo",
    "di", "mi", "do", "fr", "sa", "so", "veröffentlicht", "publiziert", "aktualisiert", "um", "uhr", "stand", "vom",
    "zuletzt", "erstellt", "datum",
    // French
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "publié", "publie",
    "modifié", "modifie", "le", "à", "mis", "mise", "jour", "h", "er",
    // Spanish
    "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
    "publicado", "actualizado", "actualizada", "el", "de", "del", "las", "hs",
    // Vietnamese: "Thứ tư", "Chủ nhật", "Cập nhật", "Đăng lúc", "ngày 5 tháng 3 năm 2024"
    "thứ", "hai", "ba", "tư", "năm", "sáu", "bảy", "chủ", "nhật", "cn", "cập", "đăng", "ngày", "lúc",
    "giờ", "tháng", "gmt", "utc",
};

// Zone names a dateline may state after its time, and their offsets in
// minutes. Only unambiguous ones (not IST, which is India, Israel and
// Ireland).
struct ZoneName {
  const char* name;
  int minutes;
};
constexpr ZoneName kZones[] = {
    {"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300}, {"mst", -420}, {"mdt", -360},
    {"pst", -480}, {"pdt", -420}, {"bst", 60},   {"cet", 60},   {"cest", 120}, {"mez", 60},
    {"mesz", 120}, {"ict", 420},  {"wib", 420},  {"jst", 540},  {"kst", 540},
};

const std::unordered_map<std::string, int>& month_numbers() {
  static const auto* m = [] {
    auto* out = new std::unordered_map<std::string, int>;
    for (const MonthName& n : kMonths) out->emplace(n.name, n.month);
    return out;
  }();
  return *m;
}

// The month names as one RE2 alternation, longest first (RE2 takes the
// first alternative that matches: "sept" must come before "sep").
std::string month_alternation() {
  std::vector<std::string> names;
  for (const MonthName& n : kMonths) names.emplace_back(n.name);
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return a.size() != b.size() ? a.size() > b.size() : a < b; });
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : "|") + RE2::QuoteMeta(n);
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
  return out;
}

int to_int(const std::string& s) { return s.empty() ? 0 : std::stoi(s.substr(0, 6)); }

struct Span {
  size_t begin = 0, end = 0;
};

Span span_of(const std::string& text, re2::StringPiece whole) {
  size_t b = static_cast<size_t>(whole.data() - text.data());
  return {b, b + whole.size()};
}

struct DateFound {
  DateTime date;
  Span span;
};

// The shapes of a date, each read into day, month and year.
enum class Shape { kMonthDayYear, kDayMonthYear, kYearMonthDay, kVietnamese, kNumeric, kYearFirst };

struct ShapeRegex {
  Shape shape;
  std::unique_ptr<RE2> regex;
};

const std::vector<ShapeRegex>& shapes() {
  static const auto* list = [] {
    const std::string m = "(" + month_alternation() + ")";
    auto* out = new std::vector<ShapeRegex>;
    auto add = [&](Shape s, const std::string& re) { out->push_back({s, std::make_unique<RE2>(re)}); };
    add(Shape::kMonthDayYear, "\\b" + m + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b,?\\s*(\\d{4})\\b");
    add(Shape::kDayMonthYear,
        "\\b(\\d{1,2})(?:\\.|st|nd|rd|th|er|º)?[\\s\\-]*(?:de\\s+)?" + m +
            "\\b\\.?,?[\\s\\-]*(?:de\\s+|del\\s+)?(\\d{4})\\b");
    // "2023 Jan 7": the bibliographic form (citation_publication_date, a
    // journal's "2023 Jan 7;15(1)"). Not "2019 May 5, 2024": that is May 5, 2024.
    add(Shape::kYearMonthDay, "\\b(\\d{4})\\s+" + m + "\\.?\\s+(\\d{1,2})(?:$|[^\\d,])");
    add(Shape::kVietnamese, "\\b(\\d{1,2})\\s+tháng\\s+(\\d{1,2})\\s*,?\\s*năm\\s+(\\d{4})\\b");
    add(Shape::kNumeric, "(?:^|[^\\d])(\\d{1,2})([/.\\-])(\\d{1,2})[/.\\-](\\d{4})(?:[^\\d]|$)");
    add(Shape::kYearFirst, "(?:^|[^\\d])(\\d{4})[/.\\-](\\d{1,2})[/.\\-](\\d{1,2})(?:[^\\d]|$)");
    return out;
  }();
  return *list;
}

// The first valid date of one shape in `text`.
std::optional<DateFound> first_of_shape(const ShapeRegex& sr, const std::string& text, DayOrder order) {
  re2::StringPiece g[5];
  const int n = sr.regex->NumberOfCapturingGroups() + 1;
  re2::StringPiece whole(text);
  size_t from = 0;
  for (int attempt = 0; attempt < 8 && from <= text.size(); ++attempt) {
    if (!sr.regex->Match(whole, from, text.size(), RE2::UNANCHORED, g, n)) return std::nullopt;
    auto s = [&](int k) { return std::string(g[k].data(), g[k].size()); };
    std::vector<DateTime> readings(1);
    DateTime& dt = readings[0];
    switch (sr.shape) {
      case Shape::kMonthDayYear:
        dt.month = month_numbers().at(s(1)), dt.day = to_int(s(2)), dt.year = to_int(s(3));
        break;
      case Shape::kDayMonthYear:
        dt.day = to_int(s(1)), dt.month = month_numbers().at(s(2)), dt.year = to_int(s(3));
        break;
      case Shape::kYearMonthDay:
        dt.year = to_int(s(1)), dt.month = month_numbers().at(s(2)), dt.day = to_int(s(3));
        break;
      case Shape::kVietnamese:
        dt.day = to_int(s(1)), dt.month = to_int(s(2)), dt.year = to_int(s(3));
        break;
      case Shape::kNumeric: {
        dt.year = to_int(s(4));
        int a = to_int(s(1)), b = to_int(s(3));
        // Dots are German (and Vietnamese): always day first.
        bool month_first = order == DayOrder::kMonthFirst && s(2) != ".";
        dt.day = month_first ? b : a, dt.month = month_first ? a : b;
        DateTime other = dt;
        std::swap(other.day, other.month);
        readings.push_back(other);
        break;
      }
      case Shape::kYearFirst:
        dt.year = to_int(s(1)), dt.month = to_int(s(2)), dt.day = to_int(s(3));
        break;
    }
    // The span: first digit or letter of the date to its last (g[0] may
    // hold a character on either side).
    Span span{static_cast<size_t>(g[1].data() - text.data()),
              static_cast<size_t>(g[n - 1].data() + g[n - 1].size() - text.data())};
    for (const DateTime& r : readings)
      if (is_valid(r)) return DateFound{r, span};
    from = static_cast<size_t>(g[0].data() - text.data()) + 1;
  }
  return std::nullopt;
}

// The first time outside the date's span: "08:30", "8:30 pm", "14h30", "10:21:05".
std::optional<Span> find_time(const std::string& text, Span date, DateTime* dt) {
  static const RE2 kTime("(?:^|[^\\d:])(\\d{1,2})(?::|h)(\\d{2})(?::(\\d{2}))?(?:\\s*(a\\.?\\s?m\\.?|p\\.?\\s?m\\.?)(?:[^a-z]|$))?");
  re2::StringPiece g[5];
  re2::StringPiece whole(text);
  size_t from = 0;
  for (int attempt = 0; attempt < 8; ++attempt) {
    if (!kTime.Match(whole, from, text.size(), RE2::UNANCHORED, g, 5)) return std::nullopt;
    Span sp = span_of(text, g[0]);
    sp.begin = static_cast<size_t>(g[1].data() - text.data());  // the hour, not the character before it
    from = sp.begin + 1;
    if (sp.begin < date.end && date.begin < sp.end) continue;  // inside the date
    int h = to_int(std::string(g[1].data(), g[1].size())), mi = to_int(std::string(g[2].data(), g[2].size()));
    int sec = g[3].empty() ? 0 : to_int(std::string(g[3].data(), g[3].size()));
    if (!g[4].empty()) {
      if (h < 1 || h > 12) continue;
      bool pm = g[4][0] == 'p';
      h = pm ? (h % 12) + 12 : h % 12;
    }
    DateTime t = *dt;
    t.hour = h, t.minute = mi, t.second = sec;
    if (!is_valid(t)) continue;
    *dt = t;
    return sp;
  }
  return std::nullopt;
}

// The offset the text states: "GMT+7", "(UTC+07:00)", "UTC", or a zone name
// right after the time ("10:21 AM EST").
std::optional<int> find_offset(const std::string& text, std::optional<Span> time, std::vector<Span>* spans) {
  static const RE2 kGmt("\\b(?:gmt|utc)\\s*([+\\-]\\s*\\d{1,2}(?::?\\d{2})?)?");
  re2::StringPiece g[2];
  re2::StringPiece whole(text);
  if (kGmt.Match(whole, 0, text.size(), RE2::UNANCHORED, g, 2)) {
    spans->push_back(span_of(text, g[0]));
    if (g[1].empty()) return 0;
    std::string off;
    for (char c : std::string(g[1].data(), g[1].size()))
      if (c != ' ') off.push_back(c);
    return parse_utc_offset(off);
  }
  if (!time) return std::nullopt;
  re2::StringPiece after(text.data() + time->end, text.size() - time->end);
  static const RE2 kNumeric("^\\s*([+\\-]\\d{2}:?\\d{2})(?:[^\\d]|$)");  // "10:00:00 +0700" (RFC 2822)
  std::string numeric;
  if (RE2::PartialMatch(after, kNumeric, &numeric)) return parse_utc_offset(numeric);
  static const RE2 kWord("^[\\s(]*(?:uhr\\s*)?([a-z]{3,4})\\b");  // "10:21 Uhr MESZ"
  std::string word;
  re2::StringPiece rest(text.data() + time->end, text.size() - time->end);
  if (!RE2::PartialMatch(rest, kWord, &word)) return std::nullopt;
  for (const ZoneName& z : kZones)
    if (word == z.name) return z.minutes;
  return std::nullopt;
}

const std::unordered_set<std::string>& date_words() {
  static const auto* set = [] {
    auto* out = new std::unordered_set<std::string>;
    for (const char* w : kDateWords) out->emplace(w);
    for (const MonthName& m : kMonths) out->emplace(m.name);
    for (const ZoneName& z : kZones) out->emplace(z.name);
    return out;
  }();
  return *set;
}

// Letters outside the spans that are not date words; and whether an
// "updated" label stands among them.
// The label counts before the date only: "Nov 18, 2019 17:19 · Updated: Nov
// 18, 2019 17:26" is the first date, which is not the update's.
void count_other_letters(const std::string& text, const std::vector<Span>& spans, DatelineMatch* out) {
  auto covered = [&](size_t i) {
    return std::any_of(spans.begin(), spans.end(), [&](const Span& s) { return i >= s.begin && i < s.end; });
  };
  auto letter = [&](size_t i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    return (c >= 'a' && c <= 'z') || c >= 0x80;
  };
  bool mis = false, jour = false;
  for (size_t i = 0; i < text.size();) {
    if (!letter(i) || covered(i)) { ++i; continue; }
    size_t j = i;
    while (j < text.size() && letter(j) && !covered(j)) ++j;
    std::string word = text.substr(i, j - i);
    if (!date_words().count(word)) out->other_letters += word.size();
    const bool before_date = i < spans[0].begin;
    if (before_date && (word == "updated" || word == "aktualisiert" || word == "actualizado" || word == "actualizada" ||
        word == "modified" || word == "modifié"))
      out->updated_label = true;
    mis = mis || (before_date && word == "mis"), jour = jour || (before_date && word == "jour");
    i = j;
  }
  if (mis && jour) out->updated_label = true;
}

}  // namespace

std::optional<DatelineMatch> find_dateline(std::string_view raw, DayOrder order) {
  // Every shape holds a number (a day, a year): a text without a digit is
  // no dateline, and most texts tried are not (the regexes cost more).
  if (raw.find_first_of("0123456789") == std::string_view::npos) return std::nullopt;
  const std::string text = ascii_lower(raw);
  std::optional<DateFound> best;
  for (const ShapeRegex& sr : shapes()) {
    auto found = first_of_shape(sr, text, order);
    if (found && (!best || found->span.begin < best->span.begin)) best = found;
  }
  if (!best) return std::nullopt;
  DatelineMatch out;
  out.date = best->date;
  std::vector<Span> spans{best->span};
  std::optional<Span> time = find_time(text, best->span, &out.date);
  if (time) spans.push_back(*time);
  out.date.offset_minutes = find_offset(text, time, &spans);
  count_other_letters(text, spans, &out);
  return out;
}

std::optional<DateTime> parse_dateline(std::string_view text, DayOrder order) {
  auto m = find_dateline(text, order);
  if (!m) return std::nullopt;
  return m->date;
}

}  // namespace winnow
