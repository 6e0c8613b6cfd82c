// Publication dates: read from a page's dateline with a site's formats, or
// from ISO 8601 strings (JSON-LD, Open Graph, feeds), and written as ISO 8601
// with the UTC offset, e.g. "2024-04-02T14:30:00+07:00".
//
// In base (the bottom layer, namespace winnow itself) because layers on
// either side of extract need the one parser: rules compile a site's date
// formats at load, extract reads datelines and metadata with them.
#ifndef WINNOW_BASE_DATE_H_
#define WINNOW_BASE_DATE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 { class RE2; class StringPiece; }

namespace winnow {

struct DateTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::optional<int> offset_minutes;  // east of UTC; nullopt if the text had none
};

// A strptime-like format: %d %m %Y %y %H %M %S match numbers (day and month
// one or two digits; month names are not supported); a run of spaces matches
// any run of whitespace, or none ("14:30|02/04/2024" matches "%H:%M | %d/%m/%Y":
// sites are not consistent about spacing); other characters match
// themselves. The format is searched anywhere in the text, so
// "Tin tức 13/11/2023 11:24" matches "%d/%m/%Y %H:%M".
class DateFormat {
 public:
  // Returns nullopt and sets *error if the format has an unknown directive
  // or no date in it.
  static std::optional<DateFormat> compile(std::string_view format, std::string* error);
  std::optional<DateTime> find(std::string_view text) const;
  const std::string& text() const { return format_; }

 private:
  std::string format_;
  std::shared_ptr<const re2::RE2> regex_;
  std::string fields_;  // the directive letter of each capture group, in order

  // Groups[0] is the whole match; the date, if its numbers make one.
  std::optional<DateTime> to_date(const std::vector<re2::StringPiece>& groups) const;
};

// ISO 8601 / RFC 3339 as found in JSON-LD and meta tags: "2024-04-02",
// "2024-04-02T14:30", "2024-04-02T14:30:00+07:00", "...Z", "2024-04-02 14:30:00".
std::optional<DateTime> parse_iso8601(std::string_view text);

// Parses "+07:00", "+0700", "+07", "Z", "GMT+7", "UTC+07:00".
std::optional<int> parse_utc_offset(std::string_view text);

// "2024-04-02T14:30:00+07:00"; a date without an offset gets `default_offset`
// (minutes) if given, else is written without one.
std::string to_iso8601(const DateTime& dt, std::optional<int> default_offset = std::nullopt);

bool is_valid(const DateTime& dt);

}  // namespace winnow

#endif  // WINNOW_BASE_DATE_H_
