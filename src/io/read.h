// Reading a file whole, but never more than a cap, and never blocking on
// open: what every input of winnow goes through (pages, rule files, job
// files). A page named on the command line can be /dev/zero, a 2 GB file, a
// FIFO nobody writes to or a pipe (`<(cat page.html)`); a rule or job file
// should be a regular file and small. Either way the read ends: at the cap
// (cap + 1 bytes read at most), at end of file, or at once for a FIFO with
// no writer (it reads as empty).
#ifndef WINNOW_IO_READ_H_
#define WINNOW_IO_READ_H_

#include <cstddef>
#include <string>

namespace winnow::io {

// What a reader accepts besides regular files.
enum class FileKinds {
  kRegularOnly,  // configuration (rule and job files): a FIFO or device is a mistake
  kStreams,      // pages: pipes, FIFOs and character devices are read too, up to the cap
};

enum class ReadStatus {
  kOk,
  kMissing,     // no such file (ENOENT, ENOTDIR)
  kNotRegular,  // kRegularOnly and it is a FIFO, directory, device or socket
  kTooLarge,    // more than the cap
  kError,       // cannot open or read (permissions, EISDIR, I/O)
};

struct ReadResult {
  ReadStatus status = ReadStatus::kOk;
  // Why it failed, without the file's name: "cannot open: Permission
  // denied", "not a regular file", "larger than 64 MiB (67108864 bytes)".
  std::string why;
  bool ok() const { return status == ReadStatus::kOk; }
};

// Reads `path` whole into `bytes` if it has at most `max_bytes`. Opens with
// O_NONBLOCK so that a FIFO without a writer cannot block open(), then reads
// with ordinary blocking reads (a pipe's writer is waited for).
ReadResult read_file(const std::string& path, size_t max_bytes, FileKinds kinds, std::string* bytes);

// The same for an open descriptor (stdin); it is not closed.
ReadResult read_fd(int fd, size_t max_bytes, std::string* bytes);

// A byte count as people read it: "64 MiB (67108864 bytes)", "1 KiB (1024
// bytes)", "1000 bytes".
std::string size_text(size_t bytes);

}  // namespace winnow::io

#endif  // WINNOW_IO_READ_H_
