// Dates: site dateline formats, ISO 8601 from metadata, UTC offsets, and the
// ISO 8601 output.
#include "base/date.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

using winnow::DateFormat;
using winnow::DateTime;
using winnow::is_valid;
using winnow::parse_iso8601;
using winnow::parse_utc_offset;
using winnow::to_iso8601;

namespace {

DateFormat must_compile(const std::string& format) {
  std::string error;
  std::optional<DateFormat> f = DateFormat::compile(format, &error);
  INFO("format: " << format << " error: " << error);
  REQUIRE(f.has_value());
  CHECK(f->text() == format);
  return *f;
}

// "YYYY-MM-DD HH:MM:SS" and the offset ("none" if absent), for compact checks.
std::string show(const std::optional<DateTime>& dt) {
  if (!dt) return "(none)";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", dt->year, dt->month, dt->day, dt->hour,
                dt->minute, dt->second);
  std::string s = buf;
  s += dt->offset_minutes ? " " + std::to_string(*dt->offset_minutes) : std::string(" none");
  return s;
}

std::string find_in(const std::string& format, const std::string& text) {
  return show(must_compile(format).find(text));
}

std::string compile_error(const std::string& format) {
  std::string error;
  std::optional<DateFormat> f = DateFormat::compile(format, &error);
  CHECK_FALSE(f.has_value());
  return error;
}

}  // namespace

TEST_CASE("date format: MasterCMS datelines") {
  CHECK(find_in("%H:%M | %d/%m/%Y", "14:30 | 02/04/2024 GMT+7") == "2024-04-02 14:30:00 none");
  CHECK(find_in("%H:%M | %d/%m/%Y", "08:01 | 26/02/2026") == "2026-02-26 08:01:00 none");
  CHECK(find_in("%d/%m/%Y %H:%M", "Tin tức 13/11/2023 11:24") == "2023-11-13 11:24:00 none");
  CHECK(find_in("%d/%m/%Y - %H:%M", "Thứ hai, 13/11/2023 - 11:24") == "2023-11-13 11:24:00 none");
  CHECK(find_in("%d/%m/%Y", "Cập nhật: 05/07/2024") == "2024-07-05 00:00:00 none");
  CHECK(find_in("%d/%m/%Y %H:%M:%S", "13/11/2023 11:24:59") == "2023-11-13 11:24:59 none");
}

TEST_CASE("date format: one-digit day, month and hour") {
  CHECK(find_in("%d/%m/%Y", "2/4/2024") == "2024-04-02 00:00:00 none");
  CHECK(find_in("%H:%M | %d/%m/%Y", "8:05 | 2/4/2024") == "2024-04-02 08:05:00 none");
  // Minutes are always two digits.
  CHECK(find_in("%H:%M | %d/%m/%Y", "8:5 | 2/4/2024") == "(none)");
}

TEST_CASE("date format: two-digit years are 20xx") {
  CHECK(find_in("%d/%m/%y", "ngày 02/04/24") == "2024-04-02 00:00:00 none");
}

TEST_CASE("date format: spaces match any run of whitespace") {
  CHECK(find_in("%d/%m/%Y %H:%M", "13/11/2023\n\t  11:24") == "2023-11-13 11:24:00 none");
  CHECK(find_in("%d/%m/%Y   %H:%M", "13/11/2023 11:24") == "2023-11-13 11:24:00 none");
}

TEST_CASE("date format: other characters match only themselves") {
  CHECK(find_in("%d.%m.%Y", "02.04.2024") == "2024-04-02 00:00:00 none");
  CHECK(find_in("%d.%m.%Y", "02x04x2024") == "(none)");  // '.' is not a regex wildcard
  CHECK(find_in("%d/%m/%Y", "02-04-2024") == "(none)");
  CHECK(find_in("%H:%M | %d/%m/%Y", "14:30 / 02/04/2024") == "(none)");  // '|' is not alternation
  CHECK(find_in("(%d/%m/%Y)", "(02/04/2024)") == "2024-04-02 00:00:00 none");
  CHECK(find_in("100%% %d/%m/%Y", "100% 02/04/2024") == "2024-04-02 00:00:00 none");
}

TEST_CASE("date format: no match on text without the date") {
  CHECK(find_in("%d/%m/%Y", "") == "(none)");
  CHECK(find_in("%d/%m/%Y", "Tin tức hôm nay") == "(none)");
  CHECK(find_in("%H:%M | %d/%m/%Y", "13/11/2023 11:24") == "(none)");  // the other order
  CHECK(find_in("%d/%m/%Y %H:%M", "13/11/2023") == "(none)");          // no time
}

TEST_CASE("date format: invalid dates and times are rejected") {
  CHECK(find_in("%d/%m/%Y", "31/02/2024") == "(none)");
  CHECK(find_in("%d/%m/%Y", "30/02/2024") == "(none)");
  CHECK(find_in("%d/%m/%Y", "29/02/2024") == "2024-02-29 00:00:00 none");  // leap year
  CHECK(find_in("%d/%m/%Y", "29/02/2023") == "(none)");
  CHECK(find_in("%d/%m/%Y", "29/02/1900") == "(none)");  // not a leap year
  CHECK(find_in("%d/%m/%Y", "29/02/2000") == "2000-02-29 00:00:00 none");
  CHECK(find_in("%d/%m/%Y", "31/04/2024") == "(none)");
  CHECK(find_in("%d/%m/%Y", "00/04/2024") == "(none)");
  CHECK(find_in("%d/%m/%Y", "12/13/2024") == "(none)");
  CHECK(find_in("%d/%m/%Y", "12/00/2024") == "(none)");
  CHECK(find_in("%H:%M %d/%m/%Y", "25:00 02/04/2024") == "(none)");
  CHECK(find_in("%H:%M %d/%m/%Y", "24:00 02/04/2024") == "(none)");
  CHECK(find_in("%H:%M %d/%m/%Y", "23:60 02/04/2024") == "(none)");
  CHECK(find_in("%H:%M %d/%m/%Y", "23:59 02/04/2024") == "2024-04-02 23:59:00 none");
  CHECK(find_in("%d/%m/%Y", "01/01/1899") == "(none)");  // outside 1900..2200
}

TEST_CASE("date format: digits are not glued to longer numbers") {
  CHECK(find_in("%d/%m/%Y", "123/11/2023") == "(none)");
  CHECK(find_in("%d/%m/%Y", "13/11/20231") == "(none)");
  CHECK(find_in("%d/%m/%Y", "13/111/2023") == "(none)");
  CHECK(find_in("%H:%M | %d/%m/%Y", "114:30 | 02/04/2024") == "(none)");
  CHECK(find_in("%d/%m/%Y", "ID 5513/11/2023") == "(none)");
  // Delimited by anything but a digit, the date is found.
  CHECK(find_in("%d/%m/%Y", "a13/11/2023b") == "2023-11-13 00:00:00 none");
  CHECK(find_in("%d/%m/%Y", "(13/11/2023)") == "2023-11-13 00:00:00 none");
  // A longer number earlier in the text does not hide a later date.
  CHECK(find_in("%d/%m/%Y", "Mã 123/11/2023, ngày 13/11/2023") == "2023-11-13 00:00:00 none");
}

TEST_CASE("date format: bad formats are rejected with a message") {
  CHECK(compile_error("%Q") == "unknown date directive '%Q' (known: %d %m %Y %y %H %M %S)");
  CHECK(compile_error("%d/%m/%Y %Z") == "unknown date directive '%Z' (known: %d %m %Y %y %H %M %S)");
  CHECK(compile_error("%d/%m/%Y %") == "date format ends with a lone '%'");
  CHECK(compile_error("%d/%m") == "date format needs %d, %m and %Y (or %y)");
  CHECK(compile_error("%H:%M") == "date format needs %d, %m and %Y (or %y)");
  CHECK(compile_error("") == "date format needs %d, %m and %Y (or %y)");
  CHECK(compile_error("%m/%Y") == "date format needs %d, %m and %Y (or %y)");
}

TEST_CASE("parse_iso8601: the forms metadata uses") {
  CHECK(show(parse_iso8601("2024-04-02")) == "2024-04-02 00:00:00 none");
  CHECK(show(parse_iso8601("2024-04-02T14:30")) == "2024-04-02 14:30:00 none");
  CHECK(show(parse_iso8601("2024-04-02T14:30:05")) == "2024-04-02 14:30:05 none");
  CHECK(show(parse_iso8601("2024-04-02T14:30:00+07:00")) == "2024-04-02 14:30:00 420");
  CHECK(show(parse_iso8601("2024-04-02T07:30:00Z")) == "2024-04-02 07:30:00 0");
  CHECK(show(parse_iso8601("2024-04-02 14:30:00")) == "2024-04-02 14:30:00 none");
  CHECK(show(parse_iso8601("2024-04-02T14:30:00.123+07:00")) == "2024-04-02 14:30:00 420");
  CHECK(show(parse_iso8601("2024-04-02T14:30:00.5")) == "2024-04-02 14:30:00 none");
  CHECK(show(parse_iso8601("2024-04-02T14:30:00+0700")) == "2024-04-02 14:30:00 420");
  CHECK(show(parse_iso8601("2024-04-02T14:30:00+07")) == "2024-04-02 14:30:00 420");
  CHECK(show(parse_iso8601("2024-04-02T14:30:00-03:30")) == "2024-04-02 14:30:00 -210");
  CHECK(show(parse_iso8601("  2024-04-02T14:30:00+07:00 \n")) == "2024-04-02 14:30:00 420");
}

TEST_CASE("parse_iso8601: invalid strings") {
  CHECK_FALSE(parse_iso8601("").has_value());
  CHECK_FALSE(parse_iso8601("02/04/2024").has_value());
  CHECK_FALSE(parse_iso8601("2024-13-01").has_value());
  CHECK_FALSE(parse_iso8601("2024-02-30").has_value());
  CHECK_FALSE(parse_iso8601("2024-04-02T25:00").has_value());
  CHECK_FALSE(parse_iso8601("2024-04-02T14:60").has_value());
  CHECK_FALSE(parse_iso8601("2024-04-02T14").has_value());
  CHECK_FALSE(parse_iso8601("2024-04-02T14:30:00 GMT").has_value());
  CHECK_FALSE(parse_iso8601("2024-04-02T14:30:00+07:00 extra").has_value());
  CHECK_FALSE(parse_iso8601("yesterday").has_value());
  CHECK_FALSE(parse_iso8601("20240402").has_value());
}

// Regression (fixed): an out-of-range offset is silently dropped instead of rejecting the
// string: "2024-04-02T14:30:00+25:00" parses as a local time without offset,
// which clean() then stamps with the site's zone (+07:00) - a wrong instant.
TEST_CASE("parse_iso8601: an impossible UTC offset makes the string invalid") {
  CHECK_FALSE(parse_iso8601("2024-04-02T14:30:00+25:00").has_value());
  CHECK_FALSE(parse_iso8601("2024-04-02T14:30:00+07:99").has_value());
}

TEST_CASE("parse_utc_offset") {
  CHECK(parse_utc_offset("+07:00") == 420);
  CHECK(parse_utc_offset("+0700") == 420);
  CHECK(parse_utc_offset("+07") == 420);
  CHECK(parse_utc_offset("+7") == 420);
  CHECK(parse_utc_offset("GMT+7") == 420);
  CHECK(parse_utc_offset("UTC+07:00") == 420);
  CHECK(parse_utc_offset("UTC-03:30") == -210);
  CHECK(parse_utc_offset("-0330") == -210);
  CHECK(parse_utc_offset("+05:45") == 345);
  CHECK(parse_utc_offset("+14:00") == 840);
  CHECK(parse_utc_offset("Z") == 0);
  CHECK(parse_utc_offset("z") == 0);
  CHECK(parse_utc_offset("UTC") == 0);
  CHECK(parse_utc_offset("GMT") == 0);
  CHECK(parse_utc_offset("-00:00") == 0);
  CHECK(parse_utc_offset("  +07:00 ") == 420);

  CHECK_FALSE(parse_utc_offset("").has_value());
  CHECK_FALSE(parse_utc_offset("junk").has_value());
  CHECK_FALSE(parse_utc_offset("07:00").has_value());  // needs a sign
  CHECK_FALSE(parse_utc_offset("+").has_value());
  CHECK_FALSE(parse_utc_offset("+15:00").has_value());
  CHECK_FALSE(parse_utc_offset("+25:00").has_value());
  CHECK_FALSE(parse_utc_offset("+07:60").has_value());
  CHECK_FALSE(parse_utc_offset("+070000").has_value());
  CHECK_FALSE(parse_utc_offset("+07h").has_value());
  CHECK_FALSE(parse_utc_offset("Asia/Ho_Chi_Minh").has_value());
  CHECK_FALSE(parse_utc_offset("ICT").has_value());
}

TEST_CASE("to_iso8601: with and without an offset") {
  DateTime dt;
  dt.year = 2024;
  dt.month = 4;
  dt.day = 2;
  dt.hour = 14;
  dt.minute = 30;
  CHECK(to_iso8601(dt) == "2024-04-02T14:30:00");
  CHECK(to_iso8601(dt, 420) == "2024-04-02T14:30:00+07:00");
  CHECK(to_iso8601(dt, 0) == "2024-04-02T14:30:00+00:00");
  CHECK(to_iso8601(dt, -210) == "2024-04-02T14:30:00-03:30");
  CHECK(to_iso8601(dt, -30) == "2024-04-02T14:30:00-00:30");
  CHECK(to_iso8601(dt, 345) == "2024-04-02T14:30:00+05:45");

  // The date's own offset wins over the default.
  dt.offset_minutes = -480;
  CHECK(to_iso8601(dt) == "2024-04-02T14:30:00-08:00");
  CHECK(to_iso8601(dt, 420) == "2024-04-02T14:30:00-08:00");
  dt.offset_minutes = 0;
  CHECK(to_iso8601(dt, 420) == "2024-04-02T14:30:00+00:00");

  DateTime early;
  early.year = 1999;
  early.month = 1;
  early.day = 5;
  early.hour = 3;
  early.minute = 4;
  early.second = 5;
  CHECK(to_iso8601(early) == "1999-01-05T03:04:05");
}

TEST_CASE("to_iso8601 round-trips parse_iso8601") {
  for (const char* s : {"2024-04-02T14:30:00+07:00", "2024-04-02T14:30:00-03:30", "2024-12-31T23:59:59+00:00",
                        "2024-04-02T14:30:00"}) {
    CAPTURE(s);
    auto dt = parse_iso8601(s);
    REQUIRE(dt.has_value());
    CHECK(to_iso8601(*dt) == s);
  }
  CHECK(to_iso8601(*parse_iso8601("2024-04-02T07:30:00Z")) == "2024-04-02T07:30:00+00:00");
  CHECK(to_iso8601(*parse_iso8601("2024-04-02"), 420) == "2024-04-02T00:00:00+07:00");
}

TEST_CASE("is_valid") {
  DateTime dt{2024, 2, 29, 23, 59, 60, std::nullopt};  // leap day, leap second
  CHECK(is_valid(dt));
  dt.second = 61;
  CHECK_FALSE(is_valid(dt));
  CHECK_FALSE(is_valid(DateTime{}));
}

TEST_CASE("DateFormat::compile: invalid UTF-8 in a format is refused with a reason, not logged") {
  std::string error;
  auto f = winnow::DateFormat::compile("%d/%m/%Y \xff\xfe", &error);
  CHECK_FALSE(f.has_value());
  CHECK(error.rfind("date format: ", 0) == 0);
}
