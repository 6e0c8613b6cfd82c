#include "cli/input.h"

#include <exception>
#include <new>

namespace winnow::cli {

std::string display_name(const std::string& file) { return file == "-" ? "stdin" : file; }

std::string excerpt(std::string_view s, size_t n) {
  if (s.size() <= n) return std::string(s);
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "…";
}

void print_warnings(const std::string& file, const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings) std::cerr << "winnow: warning: " << display_name(file) << ": " << w << "\n";
}

int read_document(const std::string& file, size_t max_bytes, Document* doc) {
  std::string bytes, error;
  if (!read_page(file, max_bytes, &bytes, &error)) {
    std::cerr << "winnow: " << error << "\n";
    return kExitInput;
  }
  *doc = load_document(bytes);
  return kExitOk;
}

std::string page_failure(const std::string& path, const std::string& doing) {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return display_name(path) + ": out of memory while " + doing;
  } catch (const std::exception& e) {
    return display_name(path) + ": internal error while " + doing + ": " + e.what();
  } catch (...) {
    return display_name(path) + ": internal error while " + doing;
  }
}

}  // namespace winnow::cli
