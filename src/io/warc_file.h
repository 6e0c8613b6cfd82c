// The WARC files of one writer in one directory: each record its own gzip
// member (as Common Crawl writes them), files named
// PREFIX-YYYYMMDDThhmmssZ-NNNNN.warc.gz (the time the file was started, UTC,
// and a serial that goes on from the directory's highest), a warcinfo
// record first in each, a new file once one reaches its size limit.
//
// Crash safety is the caller's to order (crawl/archive.h): sync() makes
// every record appended so far durable. A file is synced before the next
// one is created, so after a kill only the newest file can end in a cut
// record (or a request without its response), and repair_warc_file() cuts it
// back to its last whole record and pair.
#ifndef WINNOW_IO_WARC_FILE_H_
#define WINNOW_IO_WARC_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "io/warc_record.h"

namespace winnow::io {

struct WarcFileOptions {
  std::string dir;        // created if missing
  std::string prefix;     // "winnow-demo"
  uint64_t max_bytes = 1'000'000'000;  // a file that has reached this gets no more records
  WarcFields info;        // the warcinfo record's block, one "name: value" line each (software, format, ...)
};

class WarcWriter {
 public:
  WarcWriter() = default;
  ~WarcWriter();
  WarcWriter(const WarcWriter&) = delete;
  WarcWriter& operator=(const WarcWriter&) = delete;

  // Creates the directory if needed; no file until the first prepare().
  bool open(WarcFileOptions options, std::string* error);

  // Before each group of records that belong in one file (a request and its
  // response): a file to append to, started now (with its warcinfo record)
  // if none is open or the open one has reached max_bytes; the old one is
  // synced and closed first.
  bool prepare(std::string* error);
  // The WARC-Record-ID of the open file's warcinfo record, for the
  // WARC-Warcinfo-ID of the records that go in it.
  const std::string& warcinfo_id() const { return info_id_; }

  // One record (warc_record()'s bytes) appended as one gzip member. On a
  // failed write the file is cut back to its last whole record.
  bool append(std::string_view record, std::string* error);

  // Everything appended so far durable (fdatasync; the directory too, once
  // for each new file).
  bool sync(std::string* error);
  // Synced and closed; prepare() starts a new file after it.
  bool close(std::string* error);

  const std::string& path() const { return path_; }  // the open file; "" if none
  uint64_t size() const { return size_; }             // its size in bytes
  uint64_t records() const { return records_; }       // appended since open(), warcinfo records included
  uint64_t files() const { return files_; }           // started since open()

 private:
  bool start_file(std::string* error);
  bool write_all(std::string_view bytes, std::string* error);

  WarcFileOptions opt_;
  int fd_ = -1;
  int serial_ = 0;           // the next file's
  std::string path_, info_id_;
  uint64_t size_ = 0, records_ = 0, files_ = 0;
  bool dir_synced_ = true;   // the directory entry of the open file is durable
};

// The newest of the directory's files PREFIX-*-NNNNN.warc.gz (the highest
// serial), and that serial; "" and -1 if there is none.
std::string newest_warc_file(const std::string& dir, const std::string& prefix, int* serial);

struct WarcRepair {
  uint64_t from = 0;     // where the check started: a record boundary known durable
  uint64_t kept = 0;     // the file's size after the repair
  uint64_t cut = 0;      // bytes cut off its end: a record a kill left unfinished
  uint64_t records = 0;  // whole records kept after `from`
  bool removed = false;  // nothing whole was left: the file was deleted
};

// Reads a file of gzip members from byte `from` (the end of a group of
// records; 0 if none is known) and cuts it back to the end of its last
// whole group: gzip members that each hold one whole WARC record (the
// header, Content-Length bytes of block, CRLF CRLF), none of which names in
// WARC-Concurrent-To a record not in the file (a request whose response a
// kill kept from being written). A member cut short, corrupt, or holding a
// record cut short is where a kill stopped the writer. A file left with
// nothing is removed. The cut is made durable. False with `error` (one
// line) if the file cannot be read or cut.
bool repair_warc_file(const std::string& path, uint64_t from, WarcRepair* report, std::string* error);

}  // namespace winnow::io

#endif  // WINNOW_IO_WARC_FILE_H_
