// The public fetch settings (winnow/fetch.h) laid over the fetcher's
// options: those set win, the rest keep what was there (the defaults, or
// a crawl job file's values).
#ifndef WINNOW_CRAWL_FETCH_SETTINGS_H_
#define WINNOW_CRAWL_FETCH_SETTINGS_H_

#include "fetch/fetcher.h"
#include "winnow/fetch.h"

namespace winnow::crawl {

void apply_fetch_settings(const FetchSettings& settings, fetch::FetchOptions* options);

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_FETCH_SETTINGS_H_
