// Reading a page from a file or stdin, with errors users can act on.
#ifndef WINNOW_CLI_INPUT_H_
#define WINNOW_CLI_INPUT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "eval/dataset.h"
#include "winnow/exit_code.h"

namespace winnow::cli {

// The most a page may have, read or inflated, unless --max-bytes says
// otherwise: the gunzip limit of the evaluation sets, far above any real page.
inline constexpr size_t kDefaultMaxPageBytes = eval::kMaxPageBytes;

// Reads `path` ("-" = stdin) whole: a regular file, a pipe (`<(cmd)`), a
// FIFO (one without a writer reads as empty) or a character device, never
// more than `max_bytes` + 1 bytes. On failure returns false and sets `error`
// to one line naming the file and the reason.
bool read_input(const std::string& path, size_t max_bytes, std::string* bytes, std::string* error);

// read_input, then gunzipped if the bytes are gzip (a saved crawl often is),
// the inflated page held to `max_bytes` too: what `clean` reads. Errors name
// the file.
bool read_page(const std::string& path, size_t max_bytes, std::string* bytes, std::string* error);

// Inside a catch block: the one line for the exception being handled while
// `doing` something to one page ("cleaning"), naming the page:
// "PAGE: out of memory while cleaning". A page that fails so fails alone.
std::string page_failure(const std::string& path, const std::string& doing);

// The pages under `dir`, recursively: files named *.html, *.htm, *.html.gz
// or *.htm.gz, sorted by path (byte order) so every run lists them alike.
// Fails (one line naming the directory) if it cannot be listed or holds none.
bool list_pages(const std::string& dir, std::vector<std::string>* files, std::string* error);

}  // namespace winnow::cli

#endif  // WINNOW_CLI_INPUT_H_
