// The files `winnow fixture add` writes into a fixture folder: the expected
// metadata as `winnow check` compares it, the folder README's row recording
// where the page came from, and the set of files written all or nothing.
#ifndef WINNOW_CLI_FIXTURE_FILES_H_
#define WINNOW_CLI_FIXTURE_FILES_H_

#include <string>
#include <vector>

namespace winnow::cli {

// The keys of a fixture's NAME.meta.json: what `winnow check` compares one
// by one. Not `rules` (a path that moves with the rules directory), nor the
// text-bearing keys (NAME.clean.txt pins the text) or the page's own
// declarations (description, image, tags...).
extern const std::vector<std::string> kFixtureMetaKeys;

// NAME.meta.json from the article's JSON (winnow/json.h to_json): those
// keys, in that order, two-space indented, ending with a newline.
std::string fixture_meta_json(const std::string& article_json);

// Where a fixture's page came from: one row of its folder's README.
struct FixtureRecord {
  std::string name;         // NAME (the row names NAME.html)
  size_t bytes = 0;         // NAME.html's size
  std::string url;          // the page's URL, "" if unknown
  std::string fetched;      // the UTC date it was fetched, "" for a saved file
  std::string saved_file;   // the saved file it was copied from, "" if fetched
  std::string repo, repo_path, commit;  // a page copied from a public repository
};

// The folder's README.md with the record's row in the "Added with `winnow
// fixture add`" section's table (the section and table created if missing,
// the whole file if `readme` is empty, titled after `folder`); a row of the
// same fixture is replaced (`--force`).
std::string readme_with_record(const std::string& readme, const std::string& folder, const FixtureRecord& record);

// A file to write: its final path and content.
struct PendingFile {
  std::string path;
  std::string content;
};

// Writes every file to a temp file beside it first (durably), then renames
// each into place in the order given, so a failure before the renames
// leaves nothing behind; the temp files of a failure are removed. False
// with one line naming the file on failure.
bool write_all_or_nothing(const std::vector<PendingFile>& files, std::string* error);

}  // namespace winnow::cli

#endif  // WINNOW_CLI_FIXTURE_FILES_H_
