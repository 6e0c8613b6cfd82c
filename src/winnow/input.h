// Reading pages as `winnow clean` does: a file, standard input ("-"), a pipe
// (`<(curl -s URL)`), a FIFO or a device, never read past a cap, gunzipped
// when the bytes are gzip; and the pages of a directory. Every error is one
// line naming the input and what to do about it.
//
// Public (installed as <winnow/input.h>).
#ifndef WINNOW_INPUT_H_
#define WINNOW_INPUT_H_

#include <cstddef>
#include <string>
#include <vector>

namespace winnow {

// The most a page may have, read or inflated, unless the caller says
// otherwise (`--max-bytes`): far above any real page, low enough that a gzip
// bomb or /dev/zero stops here.
inline constexpr size_t kDefaultMaxPageBytes = size_t{64} << 20;

// Reads `path` ("-" = stdin) whole: a regular file, a pipe, a FIFO (one
// without a writer reads as empty) or a character device, never more than
// `max_bytes` + 1 bytes. On failure returns false and sets `error` to one
// line naming the input ("stdin" for "-") and the reason; empty input fails,
// and a page over the cap says "--max-bytes raises the limit".
bool read_input(const std::string& path, size_t max_bytes, std::string* bytes, std::string* error);

// read_input, then gunzipped if the bytes are gzip (a saved crawl often is),
// the inflated page held to `max_bytes` too.
bool read_page(const std::string& path, size_t max_bytes, std::string* bytes, std::string* error);

// The pages under `dir`, recursively: files named *.html, *.htm, *.html.gz
// or *.htm.gz, sorted by path (byte order) so every run lists them alike.
// Fails (one line naming the directory) if it cannot be listed or holds none.
bool list_pages(const std::string& dir, std::vector<std::string>* files, std::string* error);

}  // namespace winnow

#endif  // WINNOW_INPUT_H_
