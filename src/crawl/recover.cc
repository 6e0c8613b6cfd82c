#include "crawl/recover.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <unordered_set>
#include <vector>

namespace winnow::crawl {
namespace {

constexpr size_t kManifestTail = 256 << 10;    // bytes read back after a kill
constexpr size_t kMaxArticleBytes = 256 << 20;  // an article file read to check its hash

// A line is known by a 64-bit hash of its bytes: a whole manifest's lines
// fit in memory this way (8 bytes each, not ~300).
uint64_t line_key(std::string_view line) { return output::fnv1a64(line) ^ (uint64_t{line.size()} << 48); }

struct ManifestLine {
  std::string url, site, path, hash;
  std::string duplicate_of;  // a duplicate's line: no path, no file
};

std::optional<ManifestLine> parse_line(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  ManifestLine m;
  if (auto dup = j.find("duplicate_of"); dup != j.end() && dup->is_string()) m.duplicate_of = dup->get<std::string>();
  for (auto [key, out] : {std::pair<const char*, std::string*>{"url", &m.url},
                          {"site", &m.site}, {"path", &m.path}, {"hash", &m.hash}}) {
    auto it = j.find(key);
    if (key == std::string_view("path") && !m.duplicate_of.empty()) continue;
    if (it == j.end() || !it->is_string()) return std::nullopt;
    *out = it->get<std::string>();
  }
  if (m.url.empty() || (m.path.empty() && m.duplicate_of.empty()) || m.hash.empty()) return std::nullopt;
  return m;
}

// Calls `fn` with each whole line of the manifest from byte `from` on (a
// partial first line skipped when from > 0).
bool read_lines(const std::string& path, std::streamoff from, const std::function<void(const std::string&)>& fn) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(from);
  std::string line;
  if (from > 0) std::getline(in, line);
  while (std::getline(in, line)) fn(line);
  return true;
}

bool manifest_size(const std::string& path, uint64_t* size) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  *size = static_cast<uint64_t>(st.st_size);
  return true;
}

// Queues an article again, without validators (a conditional GET would
// answer 304 and leave the file missing). If its manifest line is in the
// manifest, its recorded hash stays: the same text is written back under
// that line. If not, it is a new article again.
bool requeue(State& state, const std::string& url) {
  std::optional<PageRow> row = state.get(url);
  if (!row) return true;
  row->status = Status::kQueued;
  row->etag.clear();
  row->last_modified.clear();
  row->attempts = 0;
  if (!row->manifested) {
    row->content_hash.clear();
    row->manifest_line.clear();
  }
  return state.put(*row);
}

class Recoverer {
 public:
  Recoverer(State& state, output::OutputDir& out, const std::string& manifest_path, output::LineFile& manifest,
            Recovery* report, std::string* error)
      : state_(state), out_(out), path_(manifest_path), manifest_(manifest), r_(*report), error_(*error) {}

  bool run(bool rebuild) {
    r_.swept = out_.sweep_temp();
    if (r_.swept) spdlog::info("removed {} temp entr{} an interrupted run left", r_.swept, r_.swept == 1 ? "y" : "ies");
    if (!output::repair_line_file(path_, &error_)) return false;
    if (!manifest_.open(path_, &error_)) return false;
    uint64_t size = 0;
    bool has_manifest = manifest_size(path_, &size) && size > 0;
    if (rebuild || (has_manifest && !state_.has_articles())) {
      if (!rebuild)
        spdlog::warn("{} holds no articles but {} does: the state was lost; rebuilding it from the manifest",
                     state_.path(), path_);
      if (!rebuild_from_manifest()) return false;
    } else if (lines_lost()) {
      if (!rescan_manifest()) return false;
    }
    return requeue_missing_files() && append_unmanifested();
  }

 private:
  bool db_fail() {
    error_ = state_.path() + ": " + state_.last_error();
    return false;
  }

  // Step 2: every line of the manifest makes its URL's row (a later line of
  // the same URL, an update, replaces an earlier one); then each file is
  // checked against its line's hash.
  bool rebuild_from_manifest() {
    r_.rebuilt = true;
    if (!state_.begin()) return db_fail();
    bool ok = true;
    size_t unreadable = 0;
    read_lines(path_, 0, [&](const std::string& text) {
      ++r_.manifest_lines;
      std::optional<ManifestLine> m = parse_line(text);
      if (!m) {
        ++unreadable;
        return;
      }
      PageRow row;
      row.url = m->url;
      row.site = m->site;
      row.kind = Kind::kArticle;
      row.status = m->duplicate_of.empty() ? Status::kDone : Status::kDuplicate;
      row.duplicate_of = m->duplicate_of;
      // A duplicate keeps no hash of its own: were its URL's text to be
      // taken as new one day, it is compared with nothing stale.
      row.content_hash = m->duplicate_of.empty() ? m->hash : std::string();
      row.output_path = m->path;
      row.manifested = true;
      row.manifest_line = text;
      ok = ok && state_.put(row);
    });
    if (!ok || !record_manifest(state_, manifest_) || !state_.commit()) return db_fail();
    std::vector<std::string> stale;
    std::string content;
    bool listed = state_.for_each_written([&](const PageRow& row) {
      ++r_.restored_rows;
      if (!out_.read_file(row.output_path, kMaxArticleBytes, &content) ||
          output::hex64(output::fnv1a64(content)) != row.content_hash)
        stale.push_back(row.url);
    });
    if (!listed) return db_fail();
    if (!requeue_all(stale)) return false;
    r_.missing_files += stale.size();
    spdlog::warn("state rebuilt from {}: {} lines, {} articles, {} files match their lines, {} missing or changed (to be "
                 "fetched again){}",
                 path_, r_.manifest_lines, r_.restored_rows, r_.restored_rows - stale.size(), stale.size(),
                 unreadable ? ", " + std::to_string(unreadable) + " unreadable lines skipped" : "");
    return true;
  }

  // Step 3: the manifest is not the file, or not as long as, the last run
  // left it.
  bool lines_lost() {
    std::optional<std::string> dev = state_.meta("manifest.dev"), ino = state_.meta("manifest.ino"),
                               size = state_.meta("manifest.size");
    if (!dev || !ino || !size) return false;  // nothing recorded yet
    uint64_t d = 0, i = 0, s = 0;
    if (!manifest_.identity(&d, &i, &s)) return true;
    return std::to_string(d) != *dev || std::to_string(i) != *ino || s < std::stoull(*size);
  }

  bool rescan_manifest() {
    known_.clear();
    read_lines(path_, 0, [&](const std::string& line) {
      ++r_.manifest_lines;
      known_.insert(line_key(line));
    });
    scanned_all_ = true;
    std::vector<std::string> lost, lost_no_line;
    bool listed = state_.for_each_written([&](const PageRow& row) {
      if (!row.manifested) return;
      if (row.manifest_line.empty()) lost_no_line.push_back(row.url);  // a state from before lines were kept
      else if (!known_.count(line_key(row.manifest_line))) lost.push_back(row.url);
    });
    if (!listed || !state_.begin()) return db_fail();
    for (const std::string& url : lost)
      if (!state_.set_manifested(url, false)) return db_fail();
    if (!state_.commit()) return db_fail();
    r_.lost_lines = lost.size();
    spdlog::warn("{} is not the manifest the last run left ({} lines now): {} lost lines will be appended again",
                 path_, r_.manifest_lines, lost.size());
    return requeue_all(lost_no_line);
  }

  // Step 4.
  bool requeue_missing_files() {
    std::vector<std::string> missing;
    if (!state_.for_each_written([&](const PageRow& row) {
          if (!out_.has_file(row.output_path)) missing.push_back(row.url);
        }))
      return db_fail();
    if (missing.empty()) return true;
    if (!requeue_all(missing)) return false;
    r_.missing_files += missing.size();
    spdlog::warn("{} article file(s) missing from {}: queued to be fetched and written again", missing.size(),
                 out_.path());
    return true;
  }

  bool requeue_all(const std::vector<std::string>& urls) {
    if (urls.empty()) return true;
    if (!state_.begin()) return db_fail();
    for (const std::string& url : urls)
      if (!requeue(state_, url)) return db_fail();
    return state_.commit() || db_fail();
  }

  // Step 5: exact lines are compared, not URLs: an updated article's older
  // line is in the manifest too, and its newer one must still go in.
  bool append_unmanifested() {
    std::vector<PageRow> rows = state_.unmanifested();
    if (rows.empty()) return true;
    if (!scanned_all_) {
      uint64_t size = 0;
      manifest_size(path_, &size);
      std::streamoff from = size > kManifestTail ? static_cast<std::streamoff>(size - kManifestTail) : 0;
      read_lines(path_, from, [&](const std::string& line) { known_.insert(line_key(line)); });
    }
    std::vector<std::string> lines;
    for (const PageRow& row : rows)
      if (!row.manifest_line.empty() && known_.insert(line_key(row.manifest_line)).second)
        lines.push_back(row.manifest_line);
    if (!manifest_.append(lines, &error_)) return false;
    r_.appended = lines.size();
    if (!state_.begin()) return db_fail();
    for (const PageRow& row : rows)
      if (!state_.set_manifested(row.url)) return db_fail();
    if (!record_manifest(state_, manifest_) || !state_.commit()) return db_fail();
    if (!lines.empty()) spdlog::info("appended {} manifest line(s) missing from {}", lines.size(), path_);
    return true;
  }

  State& state_;
  output::OutputDir& out_;
  const std::string& path_;
  output::LineFile& manifest_;
  Recovery& r_;
  std::string& error_;
  std::unordered_set<uint64_t> known_;  // keys of lines known to be in the manifest
  bool scanned_all_ = false;
};

}  // namespace

bool recover(State& state, output::OutputDir& out, const std::string& manifest_path, output::LineFile& manifest,
             bool rebuild, Recovery* report, std::string* error) {
  return Recoverer(state, out, manifest_path, manifest, report, error).run(rebuild);
}

bool record_manifest(State& state, const output::LineFile& manifest) {
  uint64_t dev = 0, ino = 0, size = 0;
  if (!manifest.identity(&dev, &ino, &size)) return true;  // nothing to record: not open
  return state.set_meta("manifest.dev", std::to_string(dev)) && state.set_meta("manifest.ino", std::to_string(ino)) &&
         state.set_meta("manifest.size", std::to_string(size));
}

}  // namespace winnow::crawl
