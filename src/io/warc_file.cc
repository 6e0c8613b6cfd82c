#include "io/warc_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

namespace winnow::io {
namespace {

constexpr std::string_view kSuffix = ".warc.gz";
constexpr size_t kStampBytes = 16;                 // 20261204T101500Z
constexpr size_t kReadChunk = size_t{256} << 10;   // what one pread asks for while checking
constexpr size_t kMaxHeaderBytes = size_t{1} << 20;  // a WARC header longer than this is no header

std::string errno_text(int err) { return std::strerror(err); }

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The serial of NAME if it is one of PREFIX's files, else -1.
int serial_of(std::string_view name, const std::string& prefix) {
  if (name.size() < prefix.size() + 1 + kStampBytes + 2 + kSuffix.size() || name.substr(0, prefix.size()) != prefix ||
      name[prefix.size()] != '-' || name.substr(name.size() - kSuffix.size()) != kSuffix)
    return -1;
  std::string_view rest = name.substr(prefix.size() + 1, name.size() - prefix.size() - 1 - kSuffix.size());
  std::string_view stamp = rest.substr(0, kStampBytes);
  if (!digits(stamp.substr(0, 8)) || stamp[8] != 'T' || !digits(stamp.substr(9, 6)) || stamp[15] != 'Z' ||
      rest[kStampBytes] != '-')
    return -1;
  std::string_view serial = rest.substr(kStampBytes + 1);
  if (!digits(serial) || serial.size() > 9) return -1;
  return std::stoi(std::string(serial));
}

bool sync_dir(const std::string& dir, std::string* error) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    *error = dir + ": cannot sync the directory: " + errno_text(err);
    return false;
  }
  ::close(fd);
  return true;
}

// Whether the inflated bytes of one gzip member are one whole WARC record,
// checked as they stream by: the header is kept until its empty line, then
// only the count and the last four bytes.
class RecordCheck {
 public:
  void add(const char* p, size_t n) {
    total_ += n;
    if (!head_done_) {
      if (head_.size() < kMaxHeaderBytes) head_.append(p, std::min(n, kMaxHeaderBytes - head_.size()));
      size_t end = head_.find("\r\n\r\n");
      if (end != std::string::npos) {
        head_done_ = true;
        head_bytes_ = end + 4;
        length_ok_ = parse_length(std::string_view(head_).substr(0, end));
      }
    }
    for (size_t i = n > 4 ? n - 4 : 0; i < n; ++i) {
      tail_[0] = tail_[1];
      tail_[1] = tail_[2];
      tail_[2] = tail_[3];
      tail_[3] = p[i];
    }
  }
  bool whole() const {
    return head_done_ && length_ok_ && head_.compare(0, 5, "WARC/") == 0 && total_ == head_bytes_ + length_ + 4 &&
           std::memcmp(tail_, "\r\n\r\n", 4) == 0;
  }
  const std::string& id() const { return id_; }
  const std::string& concurrent_to() const { return concurrent_to_; }

 private:
  static std::string_view field(std::string_view line, std::string_view name) {
    if (line.size() <= name.size() || strncasecmp(line.data(), name.data(), name.size()) != 0) return {};
    std::string_view v = line.substr(name.size());
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == '\r' || v.back() == ' ')) v.remove_suffix(1);
    return v;
  }

  bool parse_length(std::string_view head) {
    bool found = false;
    while (!head.empty()) {
      size_t nl = head.find('\n');
      std::string_view line = head.substr(0, nl);
      head.remove_prefix(nl == std::string_view::npos ? head.size() : nl + 1);
      if (std::string_view v = field(line, "WARC-Record-ID:"); !v.empty()) id_ = v;
      if (std::string_view v = field(line, "WARC-Concurrent-To:"); !v.empty()) concurrent_to_ = v;
      if (std::string_view v = field(line, "Content-Length:"); !v.empty() && !found) {
        if (!digits(v) || v.size() > 18) return false;
        length_ = std::stoull(std::string(v));
        found = true;
      }
    }
    return found;
  }

  std::string head_, id_, concurrent_to_;
  bool head_done_ = false, length_ok_ = false;
  uint64_t head_bytes_ = 0, length_ = 0, total_ = 0;
  char tail_[4] = {0, 0, 0, 0};
};

// The gzip member at `at`: its compressed size if it is whole and holds one
// whole record (whose fields are then in `check`), else 0.
uint64_t whole_member(int fd, uint64_t at, uint64_t file_size, RecordCheck& check) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return 0;  // gzip only: our own members
  std::string in(kReadChunk, '\0'), out(kReadChunk, '\0');
  uint64_t pos = at, used = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (zs.avail_in == 0) {
      if (pos >= file_size) break;  // the member does not end: cut short
      ssize_t n = ::pread(fd, in.data(), std::min<uint64_t>(kReadChunk, file_size - pos), static_cast<off_t>(pos));
      if (n <= 0) break;
      pos += static_cast<uint64_t>(n);
      zs.next_in = reinterpret_cast<Bytef*>(in.data());
      zs.avail_in = static_cast<uInt>(n);
    }
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const uInt had = zs.avail_in;
    rc = inflate(&zs, Z_NO_FLUSH);
    used += had - zs.avail_in;
    check.add(out.data(), out.size() - zs.avail_out);
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) break;  // corrupt
  }
  inflateEnd(&zs);
  return rc == Z_STREAM_END && check.whole() ? used : 0;
}

}  // namespace

WarcWriter::~WarcWriter() {
  std::string ignored;
  close(&ignored);
}

bool WarcWriter::open(WarcFileOptions options, std::string* error) {
  opt_ = std::move(options);
  std::error_code ec;
  std::filesystem::create_directories(opt_.dir, ec);
  if (ec) {
    *error = opt_.dir + ": cannot create the WARC directory: " + ec.message();
    return false;
  }
  if (!std::filesystem::is_directory(opt_.dir, ec)) {
    *error = opt_.dir + ": not a directory";
    return false;
  }
  int newest = -1;
  newest_warc_file(opt_.dir, opt_.prefix, &newest);
  serial_ = newest + 1;
  return true;
}

bool WarcWriter::write_all(std::string_view bytes, std::string* error) {
  const uint64_t before = size_;
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : ENOSPC;
      *error = path_ + ": cannot write: " + errno_text(err);
      // Cut back to the last whole record: the file stays readable, and
      // the next write (or run) appends after it.
      if (::ftruncate(fd_, static_cast<off_t>(before)) == 0) size_ = before;
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    size_ += static_cast<uint64_t>(n);
  }
  return true;
}

bool WarcWriter::start_file(std::string* error) {
  const time_t now = time(nullptr);
  struct tm t {};
  gmtime_r(&now, &t);
  char name[64];
  for (;; ++serial_) {
    std::snprintf(name, sizeof name, "-%04d%02d%02dT%02d%02d%02dZ-%05d.warc.gz", t.tm_year + 1900, t.tm_mon + 1,
                  t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, serial_);
    path_ = (std::filesystem::path(opt_.dir) / (opt_.prefix + name)).string();
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ >= 0) break;
    if (const int err = errno; err != EEXIST) {
      *error = path_ + ": cannot create: " + errno_text(err);
      path_.clear();
      return false;
    }
  }
  ++serial_;
  ++files_;
  size_ = 0;
  dir_synced_ = false;
  info_id_ = new_record_id();
  std::string block;
  for (const auto& [key, value] : opt_.info) block += key + ": " + value + "\r\n";
  const std::string filename = std::filesystem::path(path_).filename().string();
  const std::string record = warc_record("warcinfo",
                                         {{"WARC-Date", warc_date(now)},
                                          {"WARC-Record-ID", info_id_},
                                          {"WARC-Filename", filename},
                                          {"Content-Type", "application/warc-fields"}},
                                         block);
  return append(record, error);
}

bool WarcWriter::prepare(std::string* error) {
  if (fd_ >= 0 && size_ < opt_.max_bytes) return true;
  if (fd_ >= 0 && !close(error)) return false;
  return start_file(error);
}

bool WarcWriter::append(std::string_view record, std::string* error) {
  if (fd_ < 0) {
    *error = "no WARC file is open";
    return false;
  }
  std::string member;
  try {
    member = gzip_member(record);
  } catch (const std::exception& e) {
    *error = path_ + ": " + e.what();
    return false;
  }
  if (!write_all(member, error)) return false;
  ++records_;
  return true;
}

bool WarcWriter::sync(std::string* error) {
  if (fd_ < 0) return true;
  if (::fdatasync(fd_) != 0) {
    const int err = errno;
    *error = path_ + ": cannot sync: " + errno_text(err);
    return false;
  }
  if (!dir_synced_) {
    if (!sync_dir(opt_.dir, error)) return false;
    dir_synced_ = true;
  }
  return true;
}

bool WarcWriter::close(std::string* error) {
  if (fd_ < 0) return true;
  bool ok = sync(error);
  ::close(fd_);
  fd_ = -1;
  path_.clear();
  info_id_.clear();
  size_ = 0;
  return ok;
}

std::string newest_warc_file(const std::string& dir, const std::string& prefix, int* serial) {
  *serial = -1;
  std::string best;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return best;
  while (dirent* e = ::readdir(d)) {
    const int s = serial_of(e->d_name, prefix);
    if (s > *serial) {
      *serial = s;
      best = (std::filesystem::path(dir) / e->d_name).string();
    }
  }
  ::closedir(d);
  return best;
}

bool repair_warc_file(const std::string& path, uint64_t from, WarcRepair* report, std::string* error) {
  *report = WarcRepair{};
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    const int err = errno;
    *error = path + ": cannot open to check its last record: " + errno_text(err);
    if (fd >= 0) ::close(fd);
    return false;
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  if (from > size) from = 0;  // not the file the mark was taken of: check it all
  report->from = from;
  // A request and its response are written one after the other: a kill
  // between them leaves a whole request naming (WARC-Concurrent-To) a
  // response that never came. The file is cut back to the end of the last
  // whole group: no record after it names one not yet there.
  uint64_t at = from, kept = from, records = 0;
  std::set<std::string> awaited;  // ids named by records read, not yet seen
  std::set<std::string> seen;
  while (at < size) {
    RecordCheck check;
    const uint64_t n = whole_member(fd, at, size, check);
    if (n == 0) break;
    at += n;
    ++records;
    awaited.erase(check.id());
    seen.insert(check.id());
    if (!check.concurrent_to().empty() && !seen.count(check.concurrent_to())) awaited.insert(check.concurrent_to());
    if (awaited.empty()) {
      kept = at;
      report->records = records;
    }
  }
  at = kept;
  report->kept = at;
  report->cut = size - at;
  bool ok = true;
  if (at == 0) {
    ::close(fd);
    report->removed = true;
    if (::unlink(path.c_str()) != 0) {
      const int err = errno;
      *error = path + ": cannot remove the empty file: " + errno_text(err);
      return false;
    }
    return sync_dir(std::filesystem::path(path).parent_path().string(), error);
  }
  if (report->cut > 0 && (::ftruncate(fd, static_cast<off_t>(at)) != 0 || ::fsync(fd) != 0)) {
    const int err = errno;
    *error = path + ": cannot cut back to its last whole record: " + errno_text(err);
    ok = false;
  }
  ::close(fd);
  return ok;
}

}  // namespace winnow::io
