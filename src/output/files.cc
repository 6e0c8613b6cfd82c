#include "output/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <cstdio>

namespace winnow::output {
namespace fs = std::filesystem;
namespace {

std::string errno_text() { return std::strerror(errno); }

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool fsync_dir(const std::string& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0;
}

}  // namespace

bool make_dirs(const std::string& dir, std::string* error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    *error = dir + ": cannot create directory: " + ec.message();
    return false;
  }
  return true;
}

bool fsync_directory(const std::string& dir, std::string* error) {
  if (fsync_dir(dir)) return true;
  *error = dir + ": cannot fsync directory: " + errno_text();
  return false;
}

LineFile::~LineFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool LineFile::open(const std::string& path, std::string* error) {
  path_ = path;
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) *error = path + ": cannot open for append: " + errno_text();
  return fd_ >= 0;
}

bool LineFile::append(const std::vector<std::string>& lines, std::string* error) {
  if (lines.empty()) return true;
  std::string buf;
  for (const std::string& l : lines) {
    buf += l;
    buf.push_back('\n');
  }
  if (!write_all(fd_, buf) || ::fsync(fd_) != 0) {
    *error = path_ + ": cannot append: " + errno_text();
    return false;
  }
  return true;
}

bool sync_filesystem(const std::string& dir, std::string* error) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::syncfs(fd) != 0) {
    *error = dir + ": cannot sync the filesystem: " + errno_text();
    if (fd >= 0) ::close(fd);
    return false;
  }
  ::close(fd);
  return true;
}

bool write_file_atomic(const std::string& path, std::string_view content, std::string* error,
                       Durability durability) {
  const bool now = durability == Durability::kNow;
  static std::atomic<unsigned> counter{0};
  fs::path target(path);
  std::string dir = target.parent_path().string();
  std::string tmp = (target.parent_path() / (std::string(kTempPrefix) + std::to_string(::getpid()) + "-" +
                                             std::to_string(counter++)))
                        .string();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = tmp + ": cannot create: " + errno_text();
    return false;
  }
  if (!write_all(fd, content) || (now && ::fsync(fd) != 0)) {
    *error = tmp + ": cannot write: " + errno_text();
    ::close(fd);
    ::unlink(tmp.c_str());
    return false;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    *error = path + ": cannot rename into place: " + errno_text();
    ::unlink(tmp.c_str());
    return false;
  }
  return !now || fsync_directory(dir, error);
}

bool append_line_durable(const std::string& path, std::string_view line, std::string* error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = path + ": cannot open for append: " + errno_text();
    return false;
  }
  std::string buf(line);
  buf.push_back('\n');
  bool ok = write_all(fd, buf) && ::fsync(fd) == 0;
  if (!ok) *error = path + ": cannot append: " + errno_text();
  ::close(fd);
  return ok;
}

bool repair_line_file(const std::string& path, std::string* error) {
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT;  // nothing to repair
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size == 0) {
    ::close(fd);
    return true;
  }
  // Walk back from the end to the last '\n'.
  off_t end = st.st_size;
  char c = 0;
  off_t keep = 0;
  for (off_t at = end - 1; at >= 0; --at) {
    if (::pread(fd, &c, 1, at) != 1) break;
    if (c == '\n') {
      keep = at + 1;
      break;
    }
  }
  bool ok = true;
  if (keep != end) {
    ok = ::ftruncate(fd, keep) == 0 && ::fsync(fd) == 0;
    if (!ok) *error = path + ": cannot cut the partial last line: " + errno_text();
  }
  ::close(fd);
  return ok;
}

size_t sweep_temp_files(const std::string& dir) {
  size_t removed = 0;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return 0;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    if (it->path().filename().string().rfind(kTempPrefix, 0) == 0 && fs::remove(it->path(), ec)) ++removed;
  }
  return removed;
}

uint64_t fnv1a64(std::string_view data) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string article_file_stem(std::string_view url) {
  std::string_view rest = url;
  if (size_t s = rest.find("://"); s != std::string_view::npos) rest.remove_prefix(s + 3);
  size_t slash = rest.find('/');
  std::string_view host = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
  if (size_t q = path.find_first_of("?#"); q != std::string_view::npos) path = path.substr(0, q);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::string_view seg = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  if (size_t dot = seg.rfind('.'); dot != std::string_view::npos && dot > 0) seg = seg.substr(0, dot);
  auto safe = [](std::string_view s) {
    std::string out;
    for (char c : s) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '_' || c == '.';
      out.push_back(ok ? c : '_');
    }
    while (!out.empty() && out.front() == '.') out.erase(0, 1);
    return out.substr(0, 160);
  };
  std::string name = safe(seg);
  // Query strings distinguish pages too (rare for articles): keep them apart.
  if (name.empty() || url.find('?') != std::string_view::npos) {
    name += (name.empty() ? "" : "-") + hex64(fnv1a64(url));
  }
  std::string h = safe(host);
  if (size_t colon = h.find('_'); colon != std::string::npos && host.find(':') != std::string_view::npos) h = h.substr(0, colon);
  return (h.empty() ? std::string("unknown-host") : h) + "/" + name;
}

}  // namespace winnow::output
