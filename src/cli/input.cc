#include "cli/input.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>

namespace winnow::cli {

bool read_input(const std::string& path, std::string* bytes, std::string* error) {
  bytes->clear();
  if (path == "-") {
    bytes->assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    if (std::cin.bad()) {
      *error = "stdin: read error";
      return false;
    }
  } else {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
      *error = path + ": cannot open: " + std::strerror(errno);
      return false;
    }
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes->append(buf, n);
    bool failed = std::ferror(f);
    int err = errno;
    std::fclose(f);
    if (failed) {
      *error = path + ": read error: " + std::strerror(err);
      return false;
    }
  }
  if (bytes->empty()) {
    *error = (path == "-" ? std::string("stdin") : path) + ": empty input, no page to read";
    return false;
  }
  return true;
}

}  // namespace winnow::cli
