#include "io/read.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace winnow::io {
namespace {

std::string errno_text(int err) { return std::strerror(err); }

ReadResult too_large(size_t max_bytes, std::string* bytes) {
  std::string().swap(*bytes);  // the memory goes now, not with the caller's string
  return {ReadStatus::kTooLarge, "larger than " + size_text(max_bytes)};
}

// Reads to end of file, or until one byte past `max_bytes` shows the input
// is too large: never more than that, whatever the file (/dev/zero).
ReadResult read_to_end(int fd, size_t max_bytes, size_t size_hint, std::string* bytes) {
  bytes->clear();
  if (size_hint > 0) bytes->reserve(std::min(size_hint, max_bytes) + 1);
  char buf[1 << 16];
  for (;;) {
    size_t room = max_bytes - bytes->size();  // bytes->size() <= max_bytes here
    room = room < sizeof buf ? room + 1 : sizeof buf;
    ssize_t n = ::read(fd, buf, room);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        // A descriptor we did not open (stdin) may be non-blocking: wait
        // for data the way a blocking read would.
        pollfd p{fd, POLLIN, 0};
        ::poll(&p, 1, -1);
        continue;
      }
      return {ReadStatus::kError, "read error: " + errno_text(errno)};
    }
    if (n == 0) return {};
    bytes->append(buf, static_cast<size_t>(n));
    if (bytes->size() > max_bytes) return too_large(max_bytes, bytes);
  }
}

struct FdCloser {
  int fd;
  ~FdCloser() { ::close(fd); }
};

}  // namespace

ReadResult read_file(const std::string& path, size_t max_bytes, FileKinds kinds, std::string* bytes) {
  bytes->clear();
  // O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer,
  // forever if none comes.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    return {err == ENOENT || err == ENOTDIR ? ReadStatus::kMissing : ReadStatus::kError,
            "cannot open: " + errno_text(err)};
  }
  FdCloser closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return {ReadStatus::kError, "cannot stat: " + errno_text(errno)};
  const bool regular = S_ISREG(st.st_mode);
  if (!regular && kinds == FileKinds::kRegularOnly) return {ReadStatus::kNotRegular, "not a regular file"};
  if (regular && static_cast<uintmax_t>(st.st_size) > max_bytes) return too_large(max_bytes, bytes);
  // From here reads block as usual: a pipe's writer is waited for, while a
  // FIFO that no writer has open reads as end of file.
  int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0 && (flags & O_NONBLOCK)) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return read_to_end(fd, max_bytes, regular ? static_cast<size_t>(st.st_size) : 0, bytes);
}

ReadResult read_fd(int fd, size_t max_bytes, std::string* bytes) { return read_to_end(fd, max_bytes, 0, bytes); }

std::string size_text(size_t bytes) {
  const std::string exact = std::to_string(bytes) + " bytes";
  for (auto [shift, unit] : {std::pair<int, const char*>{30, "GiB"}, {20, "MiB"}, {10, "KiB"}}) {
    const size_t one = size_t{1} << shift;
    if (bytes >= one && bytes % one == 0) return std::to_string(bytes >> shift) + " " + unit + " (" + exact + ")";
  }
  return exact;
}

}  // namespace winnow::io
