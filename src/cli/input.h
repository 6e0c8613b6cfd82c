// Pages on the command line: reading one into a Document with the error a
// user can act on, its warnings on stderr, and the guard that turns a page
// that fails (out of memory) into one line and an exit code.
#ifndef WINNOW_CLI_INPUT_H_
#define WINNOW_CLI_INPUT_H_

#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/document.h"
#include "winnow/exit_code.h"
#include "winnow/input.h"

namespace winnow::cli {

// "stdin" for "-".
std::string display_name(const std::string& file);

// A string shortened to `n` bytes on a UTF-8 boundary, with "…" if cut.
std::string excerpt(std::string_view s, size_t n = 60);

// "winnow: warning: FILE: WARNING" on stderr, each.
void print_warnings(const std::string& file, const std::vector<std::string>& warnings);

// Reads (at most `max_bytes`) and decodes a page or prints the one-line
// error; returns an exit code.
int read_document(const std::string& file, size_t max_bytes, Document* doc);

// Inside a catch block: the one line for the exception being handled while
// `doing` something to one page ("cleaning"), naming the page:
// "PAGE: out of memory while cleaning". A page that fails so fails alone.
std::string page_failure(const std::string& path, const std::string& doing);

// Runs one page's command. An exception (out of memory above all) is that
// page's one-line error and exit 3, never an abort.
template <typename Run>
int one_page(const std::string& file, const std::string& doing, Run run) {
  try {
    return run();
  } catch (...) {
    std::cout.flush();
    std::cerr << "winnow: " << page_failure(file, doing) << "\n";
    return kExitInput;
  }
}

}  // namespace winnow::cli

#endif  // WINNOW_CLI_INPUT_H_
