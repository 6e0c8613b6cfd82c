// `winnow clean --warc FILE|-`: the HTML responses of a WARC file cleaned,
// as JSON Lines in file order (winnow/warc.h reads the file; the pages are
// cleaned by the pool of cli/ordered_pool.h, run_ordered_stream).
#ifndef WINNOW_CLI_CLEAN_WARC_H_
#define WINNOW_CLI_CLEAN_WARC_H_

#include <string>

#include "cli/options.h"
#include "winnow/rules.h"

namespace winnow::cli {

// One JSON line a page: "url", "warc_record_id", "warc_date", then the
// single-page object's keys. A page that fails is one line on stderr in its
// place; a summary line on stderr at the end counts the records by kind.
// Exit 0; 5 if a page failed or the file broke off after some records (the
// pages before the break are all printed); 3 if the file cannot be opened or
// holds no WARC record.
int clean_warc(const RuleLibrary& library, const PageOptions& opts, const std::string& warc);

}  // namespace winnow::cli

#endif  // WINNOW_CLI_CLEAN_WARC_H_
