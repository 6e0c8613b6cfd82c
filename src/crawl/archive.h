// A crawl's archive (the job's `warc` key): every HTTP exchange the fetcher
// makes (robots.txt, feeds, sitemaps, listing and home pages, articles,
// retries and redirect hops) written as a WARC/1.1 `request` record and a
// `response` record, each its own gzip member, into files
// winnow-JOB-YYYYMMDDThhmmssZ-NNNNN.warc.gz (io/warc_file.h). Each run
// starts a new file; a file that reaches the job's warc_max_bytes is closed
// and the next begun.
//
// The response block is the status line and header fields as received and
// the body as curl decoded it (chunked and gzip/br/zstd undone: the bytes
// every article was cleaned from), its head rewritten to say so
// (io::head_for_decoded_body: Content-Encoding, Transfer-Encoding and a
// stale Content-Length kept as X-Crawler-*), so `winnow clean --warc` reads
// back what the crawl cleaned, and the payload digest is of those bytes.
//
// The crash guarantee: every article the crawl writes has the response it
// was cleaned from in the archive. An exchange is appended before its
// response reaches the crawl, and a batch of articles is committed (crawl.h)
// only after sync() has made every record appended so far durable; the
// state then keeps the archive's durable length (mark()). After a kill the
// next run's open() checks the newest file from that mark on and cuts it
// back to its last whole record; what was cut belonged to articles not yet
// committed, which the run fetches again, and so records again.
#ifndef WINNOW_CRAWL_ARCHIVE_H_
#define WINNOW_CRAWL_ARCHIVE_H_

#include <cstdint>
#include <string>

#include "crawl/job.h"
#include "crawl/state.h"
#include "fetch/exchange.h"
#include "io/warc_file.h"

namespace winnow::crawl {

class Archive {
 public:
  // Nothing to do (true) when the job has no `warc`. Else the directory
  // made, and the newest file of an earlier run repaired (see above).
  bool open(const Job& job, State& state, std::string* error);
  bool enabled() const { return enabled_; }

  // The exchange's request record and, if a response head came, its
  // response record, in one file.
  bool add(const fetch::Exchange& x, std::string* error);

  // Every record added so far durable.
  bool sync(std::string* error);
  // The durable end of the open file in the state (meta "warc.file",
  // "warc.synced"), for the next run's check; after sync(), in the caller's
  // transaction if it has one.
  [[nodiscard]] bool mark(State& state);
  // Synced and closed, and marked: the end of a run.
  bool close(State& state, std::string* error);

  uint64_t records() const { return writer_.records(); }

 private:
  bool enabled_ = false;
  io::WarcWriter writer_;
  std::string synced_file_;  // the file and length sync() last made durable
  uint64_t synced_size_ = 0;
};

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_ARCHIVE_H_
