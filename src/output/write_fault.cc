#include "output/write_fault.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <atomic>
#include <string_view>

namespace winnow::output {
namespace {

struct Fault {
  int code = 0;      // 0: no fault configured
  long after = 0;    // writes that succeed first
};

Fault read_fault() {
  Fault f;
  const char* env = std::getenv("WINNOW_WRITE_FAULT");
  if (!env || !*env) return f;
  std::string_view v(env);
  std::string_view name = v.substr(0, v.find(':'));
  static constexpr struct { const char* name; int code; } kCodes[] = {
      {"EROFS", EROFS}, {"ENOSPC", ENOSPC}, {"EDQUOT", EDQUOT}, {"EIO", EIO},
      {"EACCES", EACCES}, {"EPERM", EPERM}, {"ENOENT", ENOENT}};
  for (const auto& c : kCodes)
    if (name == c.name) f.code = c.code;
  if (size_t at = v.find(":after="); at != std::string_view::npos)
    f.after = std::strtol(std::string(v.substr(at + 7)).c_str(), nullptr, 10);
  return f;
}

}  // namespace

int injected_write_fault() {
  static const Fault fault = read_fault();
  if (fault.code == 0) return 0;
  static std::atomic<long> writes{0};
  return writes.fetch_add(1, std::memory_order_relaxed) >= fault.after ? fault.code : 0;
}

}  // namespace winnow::output
