#include "cli/input.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <algorithm>
#include <filesystem>
#include <iterator>

#include "eval/dataset.h"

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

bool read_page(const std::string& path, std::string* bytes, std::string* error) {
  if (!read_input(path, bytes, error)) return false;
  if (bytes->size() < 2 || static_cast<unsigned char>((*bytes)[0]) != 0x1f ||
      static_cast<unsigned char>((*bytes)[1]) != 0x8b)
    return true;
  std::string inflated, why;
  if (!eval::gunzip(*bytes, eval::kMaxPageBytes, &inflated, &why)) {
    *error = (path == "-" ? std::string("stdin") : path) + ": " + why;
    return false;
  }
  if (inflated.empty()) {
    *error = (path == "-" ? std::string("stdin") : path) + ": empty input, no page to read";
    return false;
  }
  *bytes = std::move(inflated);
  return true;
}

namespace {

bool is_page_name(const std::string& name) {
  auto ends_with = [&](std::string_view tail) {
    return name.size() > tail.size() && name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
  };
  return ends_with(".html") || ends_with(".htm") || ends_with(".html.gz") || ends_with(".htm.gz");
}

}  // namespace

bool list_pages(const std::string& dir, std::vector<std::string>* files, std::string* error) {
  namespace fs = std::filesystem;
  files->clear();
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code entry_ec;  // a broken entry is skipped, not the listing's failure
    if (it->is_regular_file(entry_ec) && is_page_name(it->path().filename().string()))
      files->push_back(it->path().string());
  }
  if (ec) {
    *error = dir + ": cannot list: " + ec.message();
    return false;
  }
  if (files->empty()) {
    *error = dir + ": no pages in it (*.html, *.htm, *.html.gz, *.htm.gz)";
    return false;
  }
  std::sort(files->begin(), files->end());
  return true;
}

}  // namespace winnow::cli
