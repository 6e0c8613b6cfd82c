#include "winnow/input.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "io/gunzip.h"
#include "io/read.h"

namespace winnow {

namespace {

std::string display_name(const std::string& path) { return path == "-" ? "stdin" : path; }

// The error line for a page over the cap: what to do about it included.
std::string over_cap(const std::string& path, const std::string& why) {
  return display_name(path) + ": " + why + "; --max-bytes raises the limit";
}

}  // namespace

bool read_input(const std::string& path, size_t max_bytes, std::string* bytes, std::string* error) {
  const io::ReadResult r = path == "-" ? io::read_fd(STDIN_FILENO, max_bytes, bytes)
                                       : io::read_file(path, max_bytes, io::FileKinds::kStreams, bytes);
  if (r.status == io::ReadStatus::kTooLarge) {
    *error = over_cap(path, r.why);
    return false;
  }
  if (!r.ok()) {
    *error = display_name(path) + ": " + r.why;
    return false;
  }
  if (bytes->empty()) {
    *error = display_name(path) + ": empty input, no page to read";
    return false;
  }
  return true;
}

bool read_page(const std::string& path, size_t max_bytes, std::string* bytes, std::string* error) {
  if (!read_input(path, max_bytes, bytes, error)) return false;
  if (bytes->size() < 2 || static_cast<unsigned char>((*bytes)[0]) != 0x1f ||
      static_cast<unsigned char>((*bytes)[1]) != 0x8b)
    return true;
  std::string inflated, why;
  if (!io::gunzip(*bytes, max_bytes, &inflated, &why)) {
    // gunzip stops one buffer past the cap: that, not corrupt data, failed.
    *error = inflated.size() > max_bytes ? over_cap(path, why) : display_name(path) + ": " + why;
    return false;
  }
  if (inflated.empty()) {
    *error = display_name(path) + ": empty input, no page to read";
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

}  // namespace winnow
