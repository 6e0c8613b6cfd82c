// Date parsing: a site's strptime-like format (first line) searched in a
// dateline (the rest), ISO 8601, UTC offsets and visible datelines (both day
// orders) on the same text.
#include "base/date.h"
#include "base/dateline.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace winnow;
  std::string_view first, rest;
  winnow::fuzz::split_first_line(winnow::fuzz::as_view(data, size), &first, &rest);
  std::string error;
  if (auto format = DateFormat::compile(first, &error)) {
    if (auto dt = format->find(rest)) {
      if (!is_valid(*dt)) abort();  // a found date is a real date
      (void)to_iso8601(*dt, 420);
    }
  } else if (error.empty()) {
    abort();  // a refusal always says why
  }
  if (auto dt = parse_iso8601(rest)) {
    std::string iso = to_iso8601(*dt);
    auto again = parse_iso8601(iso);  // what we write we read back the same
    if (!again || to_iso8601(*again) != iso) abort();
  }
  (void)parse_utc_offset(rest);
  for (DayOrder order : {DayOrder::kDayFirst, DayOrder::kMonthFirst})
    if (auto m = find_dateline(rest, order)) {
      if (!is_valid(m->date)) abort();  // a visible date is a real date and time
      if (m->other_letters > rest.size()) abort();
      (void)to_iso8601(m->date);
    }
  return 0;
}
