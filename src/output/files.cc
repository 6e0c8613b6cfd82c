#include "output/files.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "output/write_fault.h"

namespace winnow::output {
namespace fs = std::filesystem;
namespace {

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

// 16 random hex digits: nobody can guess the next temp file's name.
std::string random_suffix() {
  uint64_t v = 0;
  if (::getrandom(&v, sizeof v, 0) != static_cast<ssize_t>(sizeof v)) {
    // No entropy (not on Linux after boot): time and a counter still make
    // the name unique, and O_EXCL keeps it safe.
    static std::atomic<uint64_t> counter{0};
    v = fnv1a64(std::to_string(::getpid()) + "/" + std::to_string(counter++) + "/" +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  }
  return hex64(v);
}

}  // namespace

std::string errno_text(int code) {
  const char* name = ::strerrorname_np(code);
  return std::string(std::strerror(code)) + " (" + (name ? name : std::to_string(code)) + ")";
}

bool make_dirs(const std::string& dir, std::string* error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    *error = dir + ": cannot create directory: " + errno_text(ec.value());
    return false;
  }
  return true;
}

bool fsync_directory(const std::string& dir, std::string* error) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0 && ::fsync(fd) == 0) {
    ::close(fd);
    return true;
  }
  *error = dir + ": cannot fsync directory: " + errno_text(errno);
  if (fd >= 0) ::close(fd);
  return false;
}

bool sync_filesystem(const std::string& dir, std::string* error) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::syncfs(fd) != 0) {
    *error = dir + ": cannot sync the filesystem: " + errno_text(errno);
    if (fd >= 0) ::close(fd);
    return false;
  }
  ::close(fd);
  return true;
}

int write_file_at(int dir_fd, const std::string& shown, std::string_view name, std::string_view content,
                  Durability durability, std::string* error) {
  const bool now = durability == Durability::kNow;
  const std::string target(name);
  auto failed = [&](const char* what, int code) {
    *error = shown + "/" + target + ": " + what + ": " + errno_text(code);
    return code;
  };
  if (int code = injected_write_fault()) return failed("cannot write", code);
  std::string tmp = std::string(kTempPrefix) + random_suffix();
  int fd = ::openat(dir_fd, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) return failed("cannot create a temp file", errno);
  int code = 0;
  if (!write_all(fd, content) || (now && ::fsync(fd) != 0)) code = errno;
  // NFS and some FUSE filesystems report write errors only at close.
  if (::close(fd) != 0 && code == 0) code = errno;
  if (code == 0 && ::renameat(dir_fd, tmp.c_str(), dir_fd, target.c_str()) != 0) {
    code = errno;
    ::unlinkat(dir_fd, tmp.c_str(), 0);
    return failed("cannot rename into place", code);
  }
  if (code != 0) {
    ::unlinkat(dir_fd, tmp.c_str(), 0);
    return failed("cannot write", code);
  }
  if (now && ::fsync(dir_fd) != 0) return failed("cannot fsync its directory", errno);
  return 0;
}

bool write_file_atomic(const std::string& path, std::string_view content, std::string* error,
                       Durability durability) {
  fs::path target(path);
  std::string dir = target.parent_path().string();
  if (dir.empty()) dir = ".";
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) {
    *error = dir + ": cannot open directory: " + errno_text(errno);
    return false;
  }
  int code = write_file_at(dfd, dir, target.filename().string(), content, durability, error);
  ::close(dfd);
  return code == 0;
}

LineFile::~LineFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool LineFile::open(const std::string& path, std::string* error) {
  path_ = path;
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) *error = path + ": cannot open for append: " + errno_text(errno);
  return fd_ >= 0;
}

bool LineFile::append(const std::vector<std::string>& lines, std::string* error) {
  if (lines.empty()) return true;
  std::string buf;
  for (const std::string& l : lines) {
    buf += l;
    buf.push_back('\n');
  }
  int code = injected_write_fault();
  if (code == 0 && (!write_all(fd_, buf) || ::fsync(fd_) != 0)) code = errno;
  if (code != 0) {
    *error = path_ + ": cannot append: " + errno_text(code);
    return false;
  }
  return true;
}

bool LineFile::still_there(std::string* why) const {
  struct stat held {}, named {};
  if (::fstat(fd_, &held) != 0 || held.st_nlink == 0) {
    *why = path_ + ": the manifest was deleted during the run";
    return false;
  }
  if (::stat(path_.c_str(), &named) != 0 || named.st_dev != held.st_dev || named.st_ino != held.st_ino) {
    *why = path_ + ": the manifest was replaced during the run";
    return false;
  }
  return true;
}

bool LineFile::identity(uint64_t* dev, uint64_t* ino, uint64_t* size) const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) return false;
  *dev = st.st_dev;
  *ino = st.st_ino;
  *size = static_cast<uint64_t>(st.st_size);
  return true;
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
    if (!ok) *error = path + ": cannot cut the partial last line: " + errno_text(errno);
  }
  ::close(fd);
  return ok;
}

size_t sweep_temp_files(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return 0;
  // Collected first, removed after (removing while iterating invalidates the
  // iterator). Directory symlinks are not followed (the iterator's default),
  // and a temp directory is not descended into.
  std::vector<fs::path> found;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->path().filename().string().rfind(kTempPrefix, 0) != 0) continue;
    found.push_back(it->path());
    it.disable_recursion_pending();
  }
  size_t removed = 0;
  for (const fs::path& p : found) {
    // remove_all removes a symlink itself, never what it points to.
    if (fs::remove_all(p, ec) > 0 && !ec) ++removed;
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
