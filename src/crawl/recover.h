// Before a run fetches anything, the state, the manifest and the article
// files are made to agree again, whatever happened since the last run:
//
//   1. temp entries an interrupted run left are swept, and a manifest line
//      a kill cut in half is cut off;
//   2. a state with no articles beside a manifest that has some was lost
//      (deleted, truncated): it is rebuilt from the manifest and the files,
//      as `winnow crawl JOB --rebuild-state` does for a damaged one;
//   3. a manifest that lost lines (deleted, replaced, truncated since the
//      last run recorded its identity and size) gets them back from the
//      state, which keeps each article's last line;
//   4. an article whose file is gone (deleted, or its directory) is queued
//      again, without its validators, so it is fetched in full: the same
//      text is written back under the same manifest line, a new one adds
//      an "updated" line;
//   5. rows written but not yet in the manifest (a kill between the two)
//      get their lines.
// So a manifest never holds two lines for one URL and text, and every line
// names a file with that text.
#ifndef WINNOW_CRAWL_RECOVER_H_
#define WINNOW_CRAWL_RECOVER_H_

#include <string>

#include "crawl/state.h"
#include "output/files.h"
#include "output/output_dir.h"

namespace winnow::crawl {

struct Recovery {
  size_t swept = 0;            // temp entries removed
  bool rebuilt = false;        // the state was rebuilt from the manifest
  size_t manifest_lines = 0;   // lines read while rebuilding or rescanning
  size_t restored_rows = 0;    // article rows the rebuild made
  size_t lost_lines = 0;       // manifest lines found missing, appended again
  size_t missing_files = 0;    // articles queued again: their file was gone
  size_t appended = 0;         // manifest lines appended (a kill's, and lost ones)
};

// Steps 1-5 above. `manifest` is opened for appending here (after any cut).
// `rebuild`: rebuild the state from the manifest whatever it holds (a new,
// empty state database: --rebuild-state). False with `error` set on a
// failure that must stop the run.
bool recover(State& state, output::OutputDir& out, const std::string& manifest_path, output::LineFile& manifest,
             bool rebuild, Recovery* report, std::string* error);

// Records the manifest's device, inode and size in the state, after lines
// were appended: the next run compares them to notice lost lines.
bool record_manifest(State& state, const output::LineFile& manifest);

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_RECOVER_H_
