// Visible datelines: a date as a page shows it to the reader, in the five
// languages winnow reads (Vietnamese, English, German, French, Spanish):
//   "Thứ tư, 12/3/2025, 08:30 (GMT+7)", "08:30 12/03/2025", "ngày 5 tháng 3 năm 2024",
//   "March 5, 2024", "Mar. 5, 2024 10:21 AM EST", "5 March 2024",
//   "28.04.2023", "28. April 2023 10:21 Uhr", "5 mars 2024", "5 de marzo de 2024",
//   and the bibliographic "2023 Jan 7" (year, month name, day).
//
// The date is the first one in the text whose numbers make a real date
// ("31/02/2024" is no date). A time (08:30, 8:30 pm, 14h30) anywhere in the
// same text goes with it. The offset is only the one the text states
// ("GMT+7", "UTC", "EST", "MESZ"); without one the DateTime has none:
// nothing here guesses a zone.
//
// Numeric dates are day-first (12/03/2025 is 12 March), the way four of the
// five languages write them, unless the caller says the page is US English
// (DayOrder::kMonthFirst: extract/dates.cc decides from lang and og:locale). Either way, when the preferred
// reading is no date and the other is ("03/25/2024"), the other is taken.
// Year-first numbers (2024-03-05, 2024/03/05) are always year-month-day.
//
// The month names and weekday words are a compact table in dateline.cc
// rather than rule data: they are facts of the languages, not tunable
// heuristics, and both extractors (and the rules path, which loads no
// [generic.*] tables) read them.
#ifndef WINNOW_BASE_DATELINE_H_
#define WINNOW_BASE_DATELINE_H_

#include <optional>
#include <string_view>

#include "base/date.h"

namespace winnow {

enum class DayOrder { kDayFirst, kMonthFirst };

struct DatelineMatch {
  DateTime date;
  // Bytes of the text that are not date words: not the date, time, zone,
  // weekday, month, a label ("Updated", "Cập nhật", "Veröffentlicht"...),
  // digits, spaces or punctuation. A dateline has few; a sentence that
  // happens to hold a date has many.
  size_t other_letters = 0;
  // "Updated", "Aktualisiert", "Mis à jour", "Actualizado" before the date
  // (after it, the label is another date's: "Nov 18, 17:19 · Updated: Nov 18, 17:26").
  bool updated_label = false;
};

std::optional<DatelineMatch> find_dateline(std::string_view text, DayOrder order = DayOrder::kDayFirst);

// The date alone (see find_dateline).
std::optional<DateTime> parse_dateline(std::string_view text, DayOrder order = DayOrder::kDayFirst);

}  // namespace winnow

#endif  // WINNOW_BASE_DATELINE_H_
