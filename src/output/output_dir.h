// The directory a crawl writes its articles into, held open by descriptor
// for the whole run. Every write goes through that descriptor (openat,
// renameat), so:
//   - a symlink planted in the tree cannot redirect a write: temp files get
//     random names and are created with O_CREAT|O_EXCL|O_NOFOLLOW, and each
//     subdirectory is opened with O_NOFOLLOW;
//   - a directory deleted or replaced during the run is noticed
//     (still_there()) before the state says its articles are on disk; a file
//     cannot be created in a deleted directory at all (ENOENT).
// Errors carry the errno: the crawler treats any failure to write its output
// as fatal for the run (the disk, not the page, is at fault).
#ifndef WINNOW_OUTPUT_OUTPUT_DIR_H_
#define WINNOW_OUTPUT_OUTPUT_DIR_H_

#include <sys/types.h>

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "output/files.h"

namespace winnow::output {

struct WriteError {
  int code = 0;          // errno
  std::string message;   // one line: what, where, strerror (ENAME)
};

class OutputDir {
 public:
  OutputDir() = default;
  ~OutputDir();
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;

  // Creates the directory (and its parents) if missing, then holds it open.
  bool open(const std::string& path, WriteError* error);
  const std::string& path() const { return path_; }

  // Writes `content` to `rel` ("HOST/NAME.txt", relative to the directory)
  // atomically: a temp file beside it, renamed into place. kNow also makes
  // it durable; kLater leaves that to one sync() for a batch. Thread-safe.
  bool write(std::string_view rel, std::string_view content, Durability durability, WriteError* error);

  // Everything written so far reaches the disk (one syncfs).
  bool sync(WriteError* error);

  // The directory and every subdirectory written into are still linked
  // where they were opened. False (with why) if one was removed or
  // replaced: files renamed into it are not where the manifest will say.
  bool still_there(std::string* why);

  // Whether `rel` names an existing regular file (no symlink followed).
  bool has_file(std::string_view rel);
  // Reads `rel` whole, up to `max` bytes; false if missing or larger.
  bool read_file(std::string_view rel, size_t max, std::string* content);

  // Removes what interrupted runs left: every entry named kTempPrefix*, of
  // any kind (file, symlink, FIFO, directory), anywhere in the tree,
  // without following symlinks. Returns how many.
  size_t sweep_temp();

 private:
  // The descriptor of `dir` ("HOST", relative; "" = the root), created if
  // missing; -1 with the error set.
  int dir_fd(std::string_view dir, WriteError* error);

  struct Sub {
    int fd = -1;
    dev_t dev = 0;
    ino_t ino = 0;
    int parent = -1;   // where it was opened, to check it is still linked there
    std::string name;
  };
  std::string path_;
  int fd_ = -1;
  dev_t dev_ = 0;
  ino_t ino_ = 0;
  std::mutex mu_;  // guards subs_
  std::map<std::string, Sub, std::less<>> subs_;
};

}  // namespace winnow::output

#endif  // WINNOW_OUTPUT_OUTPUT_DIR_H_
