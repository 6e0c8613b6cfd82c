#include "output/output_dir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace winnow::output {
namespace {

// "a/b/c.txt" -> {"a/b", "c.txt"}; {"", name} at the top.
std::pair<std::string_view, std::string_view> split_last(std::string_view rel) {
  size_t slash = rel.rfind('/');
  if (slash == std::string_view::npos) return {"", rel};
  return {rel.substr(0, slash), rel.substr(slash + 1)};
}

// A relative path we may write: no empty, "." or ".." component, not
// absolute. Our names come from article_file_stem(), so this only guards
// against a future caller.
bool plain_relative(std::string_view rel) {
  if (rel.empty() || rel.front() == '/') return false;
  for (size_t start = 0; start <= rel.size();) {
    size_t end = rel.find('/', start);
    if (end == std::string_view::npos) end = rel.size();
    std::string_view part = rel.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

OutputDir::~OutputDir() {
  for (auto& [name, sub] : subs_) ::close(sub.fd);
  if (fd_ >= 0) ::close(fd_);
}

bool OutputDir::open(const std::string& path, WriteError* error) {
  path_ = path;
  std::string why;
  if (!make_dirs(path, &why)) {
    *error = {errno, why};
    return false;
  }
  fd_ = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  struct stat st {};
  if (fd_ < 0 || ::fstat(fd_, &st) != 0) {
    int code = errno;
    *error = {code, path + ": cannot open the output directory: " + errno_text(code)};
    return false;
  }
  dev_ = st.st_dev;
  ino_ = st.st_ino;
  return true;
}

int OutputDir::dir_fd(std::string_view dir, WriteError* error) {
  if (dir.empty()) return fd_;
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = subs_.find(dir); it != subs_.end()) return it->second.fd;
  // Component by component, each opened without following a symlink: a
  // planted "HOST -> /etc" is refused, not written through.
  int parent = fd_;
  for (size_t end = 0; end != std::string_view::npos;) {
    end = dir.find('/', end + 1);
    std::string prefix(dir.substr(0, end));
    if (auto it = subs_.find(prefix); it != subs_.end()) {
      parent = it->second.fd;
      continue;
    }
    std::string name = prefix.substr(prefix.rfind('/') == std::string::npos ? 0 : prefix.rfind('/') + 1);
    const int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    int fd = ::openat(parent, name.c_str(), flags);
    if (fd < 0 && errno == ENOENT && (::mkdirat(parent, name.c_str(), 0755) == 0 || errno == EEXIST))
      fd = ::openat(parent, name.c_str(), flags);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0) {
      int code = errno;
      std::string what = code == ELOOP || code == ENOTDIR ? "a symbolic link or not a directory, refused"
                                                          : "cannot create or open: " + errno_text(code);
      *error = {code, path_ + "/" + prefix + ": " + what};
      if (fd >= 0) ::close(fd);
      return -1;
    }
    subs_.emplace(prefix, Sub{fd, st.st_dev, st.st_ino, parent, name});
    parent = fd;
  }
  return parent;
}

bool OutputDir::write(std::string_view rel, std::string_view content, Durability durability, WriteError* error) {
  if (!plain_relative(rel)) {
    *error = {EINVAL, path_ + ": refusing to write outside the output directory: " + std::string(rel)};
    return false;
  }
  auto [dir, name] = split_last(rel);
  int dfd = dir_fd(dir, error);
  if (dfd < 0) return false;
  std::string why;
  std::string shown = dir.empty() ? path_ : path_ + "/" + std::string(dir);
  if (int code = write_file_at(dfd, shown, name, content, durability, &why)) {
    *error = {code, why};
    return false;
  }
  return true;
}

bool OutputDir::sync(WriteError* error) {
  if (::syncfs(fd_) == 0) return true;
  int code = errno;
  *error = {code, path_ + ": cannot sync the filesystem: " + errno_text(code)};
  return false;
}

bool OutputDir::still_there(std::string* why) {
  struct stat held {}, named {};
  if (::fstat(fd_, &held) != 0 || held.st_nlink == 0 || ::stat(path_.c_str(), &named) != 0 ||
      named.st_dev != dev_ || named.st_ino != ino_) {
    *why = path_ + ": the output directory was removed or replaced during the run";
    return false;
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [name, sub] : subs_) {
    if (::fstat(sub.fd, &held) != 0 || held.st_nlink == 0 ||
        ::fstatat(sub.parent, sub.name.c_str(), &named, AT_SYMLINK_NOFOLLOW) != 0 || named.st_dev != sub.dev ||
        named.st_ino != sub.ino) {
      *why = path_ + "/" + name + ": removed or replaced during the run";
      return false;
    }
  }
  return true;
}

bool OutputDir::has_file(std::string_view rel) {
  struct stat st {};
  return plain_relative(rel) && ::fstatat(fd_, std::string(rel).c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
         S_ISREG(st.st_mode);
}

bool OutputDir::read_file(std::string_view rel, size_t max, std::string* content) {
  content->clear();
  if (!plain_relative(rel)) return false;
  int fd = ::openat(fd_, std::string(rel).c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) <= max;
  if (ok) {
    content->resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (got < content->size()) {
      ssize_t n = ::read(fd, content->data() + got, content->size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    ok = got == content->size();
  }
  ::close(fd);
  return ok;
}

size_t OutputDir::sweep_temp() { return sweep_temp_files(path_); }

}  // namespace winnow::output
