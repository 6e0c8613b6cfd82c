// Writing output files so that a crash at any moment leaves either the old
// file or the new one, never a part: write a temp file beside the target,
// fsync it, rename it over the target, fsync the directory.
#ifndef WINNOW_OUTPUT_FILES_H_
#define WINNOW_OUTPUT_FILES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::output {

// Temp files are named ".winnow-tmp-" and 16 random hex digits, so that a
// restart can sweep the ones a killed run left behind and nobody can plant
// a file (or a symlink) where the next one will be created.
inline constexpr std::string_view kTempPrefix = ".winnow-tmp-";

// kNow: the file and its rename are durable when this returns. kLater: the
// rename is atomic but not yet durable; the caller makes many such writes
// durable at once with sync_filesystem() before relying on them.
enum class Durability { kNow, kLater };
bool write_file_atomic(const std::string& path, std::string_view content, std::string* error,
                       Durability durability = Durability::kNow);
// The same inside the directory open as `dir_fd` (`shown` names it in
// errors): the temp file is created with O_CREAT|O_EXCL|O_NOFOLLOW, renamed
// with renameat. Returns 0, or the errno with `error` set.
int write_file_at(int dir_fd, const std::string& shown, std::string_view name, std::string_view content,
                  Durability durability, std::string* error);
bool fsync_directory(const std::string& dir, std::string* error);
// Everything written to the filesystem holding `dir` reaches the disk
// (syncfs): one call for a batch of kLater writes.
bool sync_filesystem(const std::string& dir, std::string* error);

// A file lines are appended to durably, kept open: many lines in one write
// and one fsync ('\n' added to each). A crash can leave a partial last
// line; repair_line_file() cuts it off.
class LineFile {
 public:
  LineFile() = default;
  ~LineFile();
  LineFile(const LineFile&) = delete;
  LineFile& operator=(const LineFile&) = delete;
  bool open(const std::string& path, std::string* error);
  bool append(const std::vector<std::string>& lines, std::string* error);
  // The file is still linked at its path (not deleted or replaced since it
  // was opened): lines appended now will be read there.
  bool still_there(std::string* why) const;
  // Its size, device and inode, as fstat says.
  bool identity(uint64_t* dev, uint64_t* ino, uint64_t* size) const;

 private:
  std::string path_;
  int fd_ = -1;
};

// Cuts a file after its last '\n' (the remains of an interrupted append).
bool repair_line_file(const std::string& path, std::string* error);

// Removes the temp entries left in `dir` and its subdirectories, of any kind
// (file, symlink, FIFO, directory), without following symlinks; returns how
// many.
size_t sweep_temp_files(const std::string& dir);

// A stable file name for an article URL: its host, then the last path
// segment without its extension ("ha-noi-quang-chau-198734"), made safe;
// a URL without a usable segment gets a hash.
std::string article_file_stem(std::string_view url);

bool make_dirs(const std::string& dir, std::string* error);

// "No space left on device (ENOSPC)": the reason and the errno's name, so a
// log line says which of EROFS, ENOSPC, EDQUOT, EIO... it was.
std::string errno_text(int code);

// FNV-1a, 64 bits: stable across builds and runs (file names, content
// hashes for change detection; not for security). Its offset basis is
// 1469598103934665603, not the standard 14695981039346656037 (a digit was
// dropped long ago); kept, because every manifest hash and hashed file name
// already written depends on it.
uint64_t fnv1a64(std::string_view data);
std::string hex64(uint64_t v);

}  // namespace winnow::output

#endif  // WINNOW_OUTPUT_FILES_H_
