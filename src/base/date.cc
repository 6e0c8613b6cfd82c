#include "base/date.h"

#include <re2/re2.h>

#include <cstdio>

namespace winnow {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int to_int(re2::StringPiece p) {
  std::string_view s(p.data(), p.size());
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

}  // namespace

bool is_valid(const DateTime& dt) {
  return dt.year >= 1900 && dt.year <= 2200 && dt.month >= 1 && dt.month <= 12 && dt.day >= 1 &&
         dt.day <= days_in_month(dt.year, dt.month) && dt.hour >= 0 && dt.hour <= 23 &&
         dt.minute >= 0 && dt.minute <= 59 && dt.second >= 0 && dt.second <= 60;
}

std::optional<DateFormat> DateFormat::compile(std::string_view format, std::string* error) {
  DateFormat f;
  f.format_ = std::string(format);
  std::string re;
  bool has_day = false, has_month = false, has_year = false;
  for (size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c == '%') {
      if (i + 1 >= format.size()) {
        *error = "date format ends with a lone '%'";
        return std::nullopt;
      }
      char d = format[++i];
      switch (d) {
        case 'd': re += "(\\d{1,2})"; has_day = true; break;
        case 'm': re += "(\\d{1,2})"; has_month = true; break;
        case 'Y': re += "(\\d{4})"; has_year = true; break;
        case 'y': re += "(\\d{2})"; has_year = true; break;
        case 'H': re += "(\\d{1,2})"; break;
        case 'M': re += "(\\d{2})"; break;
        case 'S': re += "(\\d{2})"; break;
        case '%': re += "%"; continue;
        default:
          *error = std::string("unknown date directive '%") + d + "' (known: %d %m %Y %y %H %M %S)";
          return std::nullopt;
      }
      f.fields_.push_back(d);
    } else if (is_space(c)) {
      while (i + 1 < format.size() && is_space(format[i + 1])) ++i;
      re += "\\s*";
    } else {
      re += RE2::QuoteMeta(std::string_view(&c, 1));
    }
  }
  if (!has_day || !has_month || !has_year) {
    *error = "date format needs %d, %m and %Y (or %y)";
    return std::nullopt;
  }
  // Digits must not continue a longer number on either side.
  re = "(?:^|[^\\d])" + re + "(?:[^\\d]|$)";
  RE2::Options options;
  options.set_log_errors(false);  // the error goes back to the caller, once
  auto regex = std::make_shared<RE2>(re, options);
  if (!regex->ok()) {
    *error = "date format: " + regex->error();
    return std::nullopt;
  }
  f.regex_ = std::move(regex);
  return f;
}

std::optional<DateTime> DateFormat::find(std::string_view text) const {
  // An invalid date ("31/02/2024") does not hide a valid one after it; a
  // few tries are enough for any dateline.
  const int n = static_cast<int>(fields_.size());
  std::vector<re2::StringPiece> groups(n + 1);  // RE2 here predates string_view captures
  re2::StringPiece whole(text.data(), text.size());
  size_t from = 0;
  for (int attempt = 0; attempt < 8 && from <= text.size(); ++attempt) {
    if (!regex_->Match(whole, from, text.size(), RE2::UNANCHORED, groups.data(), n + 1)) break;
    if (auto dt = to_date(groups)) return dt;
    from = static_cast<size_t>(groups[0].data() - text.data()) + 1;
  }
  return std::nullopt;
}

std::optional<DateTime> DateFormat::to_date(const std::vector<re2::StringPiece>& groups) const {
  const int n = static_cast<int>(fields_.size());
  DateTime dt;
  for (int k = 0; k < n; ++k) {
    int v = to_int(std::string_view(groups[k + 1].data(), groups[k + 1].size()));
    switch (fields_[k]) {
      case 'd': dt.day = v; break;
      case 'm': dt.month = v; break;
      case 'Y': dt.year = v; break;
      case 'y': dt.year = 2000 + v; break;
      case 'H': dt.hour = v; break;
      case 'M': dt.minute = v; break;
      case 'S': dt.second = v; break;
    }
  }
  if (!is_valid(dt)) return std::nullopt;
  return dt;
}

std::optional<int> parse_utc_offset(std::string_view t) {
  while (!t.empty() && is_space(t.front())) t.remove_prefix(1);
  while (!t.empty() && is_space(t.back())) t.remove_suffix(1);
  if (t == "Z" || t == "z" || t == "GMT" || t == "UTC") return 0;
  if (t.substr(0, 3) == "GMT" || t.substr(0, 3) == "UTC") t.remove_prefix(3);
  if (t.empty() || (t[0] != '+' && t[0] != '-')) return std::nullopt;
  int sign = t[0] == '-' ? -1 : 1;
  t.remove_prefix(1);
  std::string digits;
  for (char c : t) {
    if (c >= '0' && c <= '9') digits.push_back(c);
    else if (c != ':') return std::nullopt;
  }
  int h = 0, m = 0;
  if (digits.size() == 1 || digits.size() == 2) h = to_int(digits);
  else if (digits.size() == 4) { h = to_int(digits.substr(0, 2)); m = to_int(digits.substr(2)); }
  else if (digits.size() == 3) { h = to_int(digits.substr(0, 1)); m = to_int(digits.substr(1)); }
  else return std::nullopt;
  if (h > 14 || m > 59) return std::nullopt;
  return sign * (h * 60 + m);
}

std::optional<DateTime> parse_iso8601(std::string_view text) {
  static const RE2 kIso(
      R"(\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?\s*)");
  re2::StringPiece y, mo, d, h, mi, s, tz;
  if (!RE2::FullMatch(text, kIso, &y, &mo, &d, &h, &mi, &s, &tz)) return std::nullopt;
  DateTime dt;
  dt.year = to_int(y);
  dt.month = to_int(mo);
  dt.day = to_int(d);
  dt.hour = h.empty() ? 0 : to_int(h);
  dt.minute = mi.empty() ? 0 : to_int(mi);
  dt.second = s.empty() ? 0 : to_int(s);
  if (!tz.empty()) {
    dt.offset_minutes = parse_utc_offset(std::string_view(tz.data(), tz.size()));
    if (!dt.offset_minutes) return std::nullopt;  // "+25:00": not a time anyone meant
  }
  if (!is_valid(dt)) return std::nullopt;
  return dt;
}

std::string to_iso8601(const DateTime& dt, std::optional<int> default_offset) {
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", dt.year, dt.month,
                        dt.day, dt.hour, dt.minute, dt.second);
  std::string out(buf, n);
  std::optional<int> off = dt.offset_minutes ? dt.offset_minutes : default_offset;
  if (off) {
    if (*off == 0) {
      out += "+00:00";
    } else {
      int a = *off < 0 ? -*off : *off;
      std::snprintf(buf, sizeof buf, "%c%02d:%02d", *off < 0 ? '-' : '+', a / 60, a % 60);
      out += buf;
    }
  }
  return out;
}

}  // namespace winnow
