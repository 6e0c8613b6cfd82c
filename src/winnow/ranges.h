// The values a numeric setting may take, in a crawl job's file and on the
// command line alike (README "Crawl jobs"). Each bound is one a real crawl
// can want; past it a value is a typo or an overflow (0 transfers at once
// never ends, a delay of 3,000 years is a hang), refused with the range in
// the message.
//
// Public (installed as <winnow/ranges.h>) and plain data: every layer may
// include it.
#ifndef WINNOW_RANGES_H_
#define WINNOW_RANGES_H_

#include <cstdint>

namespace winnow {

struct ValueRange {
  int64_t min, max;
  bool contains(int64_t v) const { return v >= min && v <= max; }
};
inline constexpr ValueRange kConcurrencyRange{1, 256};         // fetch.concurrency, --concurrency
inline constexpr ValueRange kPerHostRange{1, 64};              // fetch.per_host, --per-host
inline constexpr ValueRange kDelayMsRange{0, 3'600'000};       // fetch.delay_ms, --delay-ms: up to an hour
inline constexpr ValueRange kTimeoutSRange{1, 3'600};          // fetch.timeout_s, --timeout
inline constexpr ValueRange kConnectTimeoutSRange{1, 600};     // fetch.connect_timeout_s
inline constexpr ValueRange kRetriesRange{0, 20};              // fetch.retries, --retries
inline constexpr ValueRange kMaxBytesRange{1'024, 1 << 30};    // fetch.max_bytes, --max-bytes (pages too)
inline constexpr ValueRange kMaxPagesRange{0, 10'000'000};     // limits.max_pages, --max-pages
inline constexpr ValueRange kListingDepthRange{0, 1'000};      // limits.listing_depth
inline constexpr ValueRange kMaxAgeDaysRange{0, 36'500};       // limits.max_age_days: a century
inline constexpr ValueRange kMaxSitemapsRange{1, 100'000};     // limits.max_sitemaps
inline constexpr ValueRange kNearDistanceRange{0, 7};          // dedup.near_distance: SimHash bits (crawl/dedup.h)
inline constexpr ValueRange kCleanThreadsRange{0, 256};        // crawl --threads (0: one per core)
inline constexpr ValueRange kWarcMaxBytesRange{65'536, int64_t{1} << 40};  // warc_max_bytes: 64 KiB to 1 TiB a file

}  // namespace winnow

#endif  // WINNOW_RANGES_H_
