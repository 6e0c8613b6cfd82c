// `winnow clean --warc FILE|- [FILE...]`: the HTML responses of WARC files
// cleaned, as JSON Lines in file order (winnow/warc.h reads each file; the
// pages are cleaned by the pool of cli/ordered_pool.h, run_ordered_stream).
#ifndef WINNOW_CLI_CLEAN_WARC_H_
#define WINNOW_CLI_CLEAN_WARC_H_

#include <string>
#include <vector>

#include "cli/options.h"
#include "winnow/rules.h"

namespace winnow::cli {

// One JSON line a page: "url", "warc_record_id", "warc_date", then the
// single-page object's keys; the files one after another (a crawl's
// archive, rotated into many, reads as one). A page that fails is one line
// on stderr in its place; a summary line per file on stderr at the end
// counts its records by kind. A file that cannot be opened or breaks off is
// its one error line, and the next file is read. Exit 0; 5 if a page failed
// or a file broke off after some records or could not be read while others
// could (the pages before a break are all printed); 3 if no file could be
// read as WARC at all.
int clean_warc(const RuleLibrary& library, const PageOptions& opts, const std::vector<std::string>& warcs);

}  // namespace winnow::cli

#endif  // WINNOW_CLI_CLEAN_WARC_H_
