#include "crawl/archive.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>

#include "io/sha1.h"
#include "io/warc_record.h"

namespace winnow::crawl {
namespace {

constexpr const char* kMarkFile = "warc.file";
constexpr const char* kMarkSize = "warc.synced";

// The job's name as a file name's part: letters, digits, '.', '_' and '-'
// kept, anything else '_' (a name with '/' must not reach another directory).
std::string file_part(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '_' || c == '-';
    out += keep ? c : '_';
  }
  return out.empty() ? "job" : out;
}

std::string basename_of(const std::string& path) { return std::filesystem::path(path).filename().string(); }

}  // namespace

bool Archive::open(const Job& job, State& state, std::string* error) {
  enabled_ = !job.warc.empty();
  if (!enabled_) return true;
  io::WarcFileOptions o;
  o.dir = job.warc;
  o.prefix = "winnow-" + file_part(job.name);
  o.max_bytes = job.warc_max_bytes;
  o.info = {{"software", "winnow/0.1 (C++; libcurl)"},
            {"format", "WARC File Format 1.1"},
            {"conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"},
            {"isPartOf", job.name},
            {"description", "winnow crawl job " + job.path},
            {"robots", job.fetch.obey_robots ? "obey" : "ignore"},
            {"http-header-user-agent", job.fetch.user_agent}};
  // A kill can only have cut the newest file: each is synced before the
  // next is begun. It is checked from the mark of its last durable record.
  int serial = -1;
  const std::string newest = io::newest_warc_file(o.dir, o.prefix, &serial);
  if (!newest.empty()) {
    uint64_t from = 0;
    std::optional<std::string> file = state.meta(kMarkFile), size = state.meta(kMarkSize);
    if (file && size && *file == basename_of(newest)) from = std::strtoull(size->c_str(), nullptr, 10);
    io::WarcRepair r;
    if (!io::repair_warc_file(newest, from, &r, error)) return false;
    if (r.removed)
      spdlog::warn("{}: removed: a run was killed before it held one whole record", newest);
    else if (r.cut > 0)
      spdlog::warn("{}: cut {} bytes after its last whole record (a run was killed while writing it); the "
                   "articles of the records cut are fetched and recorded again",
                   newest, r.cut);
  }
  return writer_.open(std::move(o), error);
}

bool Archive::add(const fetch::Exchange& x, std::string* error) {
  if (!writer_.prepare(error)) return false;
  const std::string date = io::warc_date(std::chrono::system_clock::to_time_t(x.sent));
  const std::string request_id = io::new_record_id();
  const bool answered = !x.response_head.empty();
  const std::string response_id = answered ? io::new_record_id() : "";
  io::WarcFields fields = {{"WARC-Date", date},
                           {"WARC-Record-ID", request_id},
                           {"WARC-Warcinfo-ID", writer_.warcinfo_id()},
                           {"WARC-Target-URI", x.url}};
  if (!x.ip.empty()) fields.emplace_back("WARC-IP-Address", x.ip);
  if (answered) fields.emplace_back("WARC-Concurrent-To", response_id);
  fields.emplace_back("WARC-Block-Digest", io::warc_sha1(x.request));
  fields.emplace_back("Content-Type", "application/http;msgtype=request");
  if (!writer_.append(io::warc_record("request", fields, x.request), error)) return false;
  if (!answered) return true;

  std::string block = io::head_for_decoded_body(x.response_head, x.body.size());
  block += x.body;
  fields = {{"WARC-Date", date},
            {"WARC-Record-ID", response_id},
            {"WARC-Warcinfo-ID", writer_.warcinfo_id()},
            {"WARC-Target-URI", x.url}};
  if (!x.ip.empty()) fields.emplace_back("WARC-IP-Address", x.ip);
  fields.emplace_back("WARC-Concurrent-To", request_id);
  fields.emplace_back("WARC-Block-Digest", io::warc_sha1(block));
  fields.emplace_back("WARC-Payload-Digest", io::warc_sha1(x.body));
  if (!x.truncated.empty()) fields.emplace_back("WARC-Truncated", x.truncated);
  fields.emplace_back("Content-Type", "application/http;msgtype=response");
  return writer_.append(io::warc_record("response", fields, block), error);
}

bool Archive::sync(std::string* error) {
  if (!enabled_) return true;
  if (writer_.path() == synced_file_ && writer_.size() == synced_size_) return true;
  if (!writer_.sync(error)) return false;
  synced_file_ = writer_.path();
  synced_size_ = writer_.size();
  return true;
}

bool Archive::mark(State& state) {
  if (!enabled_ || synced_file_.empty()) return true;
  return state.set_meta(kMarkFile, basename_of(synced_file_)) &&
         state.set_meta(kMarkSize, std::to_string(synced_size_));
}

bool Archive::close(State& state, std::string* error) {
  if (!enabled_) return true;
  if (!sync(error)) return false;
  if (!mark(state)) {
    *error = state.path() + ": " + state.last_error();
    return false;
  }
  return writer_.close(error);
}

}  // namespace winnow::crawl
