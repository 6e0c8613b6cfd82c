// What the command line adds to reading a page (winnow/input.h): the one
// line for a page that failed while a command worked on it.
#ifndef WINNOW_CLI_INPUT_H_
#define WINNOW_CLI_INPUT_H_

#include <string>

#include "winnow/exit_code.h"
#include "winnow/input.h"

namespace winnow::cli {

// Inside a catch block: the one line for the exception being handled while
// `doing` something to one page ("cleaning"), naming the page:
// "PAGE: out of memory while cleaning". A page that fails so fails alone.
std::string page_failure(const std::string& path, const std::string& doing);

}  // namespace winnow::cli

#endif  // WINNOW_CLI_INPUT_H_
