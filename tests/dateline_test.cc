// Visible datelines (base/dateline.h): each language's formats, the time and
// the stated offset, the day order, impossible dates.
#include "base/dateline.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

using winnow::DateTime;
using winnow::DayOrder;
using winnow::find_dateline;
using winnow::parse_dateline;
using winnow::to_iso8601;

namespace {

std::string iso(std::string_view text, DayOrder order = DayOrder::kDayFirst) {
  std::optional<DateTime> dt = parse_dateline(text, order);
  return dt ? to_iso8601(*dt) : "(none)";
}

}  // namespace

TEST_CASE("dateline: Vietnamese") {
  CHECK(iso("Thứ tư, 12/3/2025, 08:30 (GMT+7)") == "2025-03-12T08:30:00+07:00");
  CHECK(iso("12/03/2025 08:30") == "2025-03-12T08:30:00");
  CHECK(iso("08:30 12/03/2025") == "2025-03-12T08:30:00");
  CHECK(iso("Cập nhật: 14:05 | 02/04/2024") == "2024-04-02T14:05:00");
  CHECK(iso("Chủ nhật, ngày 5 tháng 3 năm 2024 - 07:15") == "2024-03-05T07:15:00");
  CHECK(iso("Thứ hai, 01/01/2024 - 23:59 GMT+07:00") == "2024-01-01T23:59:00+07:00");
}

TEST_CASE("dateline: English") {
  CHECK(iso("March 5, 2024") == "2024-03-05T00:00:00");
  CHECK(iso("5 March 2024") == "2024-03-05T00:00:00");
  CHECK(iso("Published Tuesday, Mar. 5, 2024 10:21 AM EST") == "2024-03-05T10:21:00-05:00");
  CHECK(iso("Updated 5:27 pm CDT, Wednesday, November 20, 2019") == "2019-11-20T17:27:00-05:00");
  CHECK(iso("Sept 1st, 2023 at 12:05 a.m.") == "2023-09-01T00:05:00");
  CHECK(iso("21st May 2023 UTC") == "2023-05-21T00:00:00+00:00");
}

TEST_CASE("dateline: German") {
  CHECK(iso("28.04.2023") == "2023-04-28T00:00:00");
  CHECK(iso("28. April 2023") == "2023-04-28T00:00:00");
  CHECK(iso("Veröffentlicht am 3. März 2024 um 10:21 Uhr MESZ") == "2024-03-03T10:21:00+02:00");
  CHECK(iso("Stand: 01.12.2023, 18:00 Uhr") == "2023-12-01T18:00:00");
}

TEST_CASE("dateline: French") {
  CHECK(iso("5 mars 2024") == "2024-03-05T00:00:00");
  CHECK(iso("Publié le 1er août 2023 à 14h30") == "2023-08-01T14:30:00");
  CHECK(iso("mardi 12 décembre 2023") == "2023-12-12T00:00:00");
}

TEST_CASE("dateline: Spanish") {
  CHECK(iso("5 de marzo de 2024") == "2024-03-05T00:00:00");
  CHECK(iso("Actualizado el 17 de septiembre de 2022, 09:45") == "2022-09-17T09:45:00");
}

TEST_CASE("dateline: year first is always year-month-day") {
  CHECK(iso("2024/03/05 10:00") == "2024-03-05T10:00:00");
  CHECK(iso("2024-03-05", DayOrder::kMonthFirst) == "2024-03-05T00:00:00");
}

TEST_CASE("dateline: year, month name, day (the bibliographic form)") {
  CHECK(iso("2023 Jan 7") == "2023-01-07T00:00:00");
  CHECK(iso("Cureus. 2023 Jan 7;15(1):e33475.") == "2023-01-07T00:00:00");
  CHECK(iso("2024 June 30") == "2024-06-30T00:00:00");
  // A year before a month-day-year date is not this form.
  CHECK(iso("Since 2019 May 5, 2024 was the day") == "2024-05-05T00:00:00");
}

TEST_CASE("dateline: numeric dates are day-first unless the page is US English") {
  CHECK(iso("03/05/2024") == "2024-05-03T00:00:00");
  CHECK(iso("03/05/2024", DayOrder::kMonthFirst) == "2024-03-05T00:00:00");
  // Dots are never month-first.
  CHECK(iso("03.05.2024", DayOrder::kMonthFirst) == "2024-05-03T00:00:00");
  // The preferred reading is no date: the other one is.
  CHECK(iso("03/25/2024") == "2024-03-25T00:00:00");
  CHECK(iso("25/03/2024", DayOrder::kMonthFirst) == "2024-03-25T00:00:00");
}

TEST_CASE("dateline: impossible dates and times are rejected") {
  CHECK(iso("31/02/2024") == "(none)");
  CHECK(iso("February 30, 2024") == "(none)");
  CHECK(iso("32.13.2024") == "(none)");
  CHECK(iso("12/03/1850") == "(none)");
  // An impossible date does not hide a real one after it.
  CHECK(iso("31/02/2024 or 28/02/2024") == "2024-02-28T00:00:00");
  // An impossible time is no time.
  CHECK(iso("12/03/2025 25:30") == "2025-03-12T00:00:00");
  // No date: a time, a year alone, a month without a day.
  CHECK(iso("08:30") == "(none)");
  CHECK(iso("March 2024") == "(none)");
  CHECK(iso("Page 2 of 2024 results") == "(none)");
}

TEST_CASE("dateline: the offset is only the one the text states") {
  CHECK(iso("12/03/2025 08:30 GMT+7") == "2025-03-12T08:30:00+07:00");
  CHECK(iso("12/03/2025 08:30 UTC") == "2025-03-12T08:30:00+00:00");
  CHECK(iso("12/03/2025 08:30 (UTC-03:30)") == "2025-03-12T08:30:00-03:30");
  CHECK(iso("12/03/2025 08:30") == "2025-03-12T08:30:00");
  // "est" is a French word, not a zone, away from the time.
  CHECK(iso("12/03/2025 08:30, il est tard") == "2025-03-12T08:30:00");
}

TEST_CASE("dateline: other letters and the updated label") {
  auto m = find_dateline("Thứ tư, 12/3/2025, 08:30 (GMT+7)");
  REQUIRE(m);
  CHECK(m->other_letters == 0);
  CHECK_FALSE(m->updated_label);
  auto by = find_dateline("By Jane Doe | March 5, 2024");
  REQUIRE(by);
  CHECK(by->other_letters == 9);  // "by" is not a date word: "by", "jane", "doe"
  auto sentence = find_dateline("The council met on March 5, 2024 to decide the river path's future again");
  REQUIRE(sentence);
  CHECK(sentence->other_letters > 40);
  auto upd = find_dateline("Updated: 6 March 2024");
  REQUIRE(upd);
  CHECK(upd->updated_label);
  auto mis = find_dateline("Mis à jour le 6 mars 2024");
  REQUIRE(mis);
  CHECK(mis->updated_label);
  // After the date, the label is a later date's: the first is the publication.
  auto both = find_dateline("Nov 18, 2019 5:19 PM · Updated: Nov 18, 2019 5:26 PM");
  REQUIRE(both);
  CHECK(to_iso8601(both->date) == "2019-11-18T17:19:00");
  CHECK_FALSE(both->updated_label);
}
