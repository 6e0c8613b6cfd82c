#include "cli/input.h"

#include <exception>
#include <new>

namespace winnow::cli {

std::string page_failure(const std::string& path, const std::string& doing) {
  const std::string name = path == "-" ? "stdin" : path;
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return name + ": out of memory while " + doing;
  } catch (const std::exception& e) {
    return name + ": internal error while " + doing + ": " + e.what();
  } catch (...) {
    return name + ": internal error while " + doing;
  }
}

}  // namespace winnow::cli
