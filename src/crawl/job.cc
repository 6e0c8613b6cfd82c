#include "crawl/job.h"

#include <algorithm>

#include <cstdlib>
#include <filesystem>
#include <toml++/toml.h>

#include "crawl/autodiscover.h"
#include "crawl/sitemap.h"
#include "io/read.h"

namespace winnow::crawl {
namespace fs = std::filesystem;

std::string JobError::to_string() const {
  std::string s = file;
  if (line) s += ":" + std::to_string(line);
  if (column) s += ":" + std::to_string(column);
  return s + ": " + message;
}

namespace {

// A job file is a few KB of TOML; anything past this is the wrong file.
constexpr size_t kMaxJobFileBytes = size_t{1} << 20;

class JobReader {
 public:
  JobReader(std::string path, JobError* error) : path_(std::move(path)), error_(error) {}

  bool fail(const toml::node* node, std::string message) {
    error_->file = path_;
    if (node) {
      error_->line = static_cast<unsigned>(node->source().begin.line);
      error_->column = static_cast<unsigned>(node->source().begin.column);
    }
    error_->message = std::move(message);
    return false;
  }

  template <typename T>
  bool get(const toml::table& t, std::string_view key, T* out, std::string_view what) {
    const toml::node* n = t.get(key);
    if (!n) return true;
    auto v = n->value<T>();
    if (!v) return fail(n, std::string(what) + " has the wrong type");
    *out = *v;
    return true;
  }

  // An integer setting within its range; the message names the range.
  bool integer(const toml::table& t, std::string_view key, const ValueRange& range, int64_t* out,
               const std::string& what) {
    int64_t v = *out;
    if (!get(t, key, &v, what)) return false;
    if (!range.contains(v))
      return fail(t.get(key), what + " must be between " + std::to_string(range.min) + " and " +
                                  std::to_string(range.max));
    *out = v;
    return true;
  }

  // A table, if the key is there at all (`limits = 5` is a mistake, not "no limits").
  bool table(const toml::table& t, std::string_view key, const toml::table** out) {
    const toml::node* n = t.get(key);
    *out = n ? n->as_table() : nullptr;
    if (n && !*out) return fail(n, std::string(key) + " must be a table ([" + std::string(key) + "])");
    return true;
  }

  bool strings(const toml::table& t, std::string_view key, std::vector<std::string>* out, std::string_view what) {
    const toml::node* n = t.get(key);
    if (!n) return true;
    const toml::array* arr = n->as_array();
    if (!arr) return fail(n, std::string(what) + " must be an array of strings");
    out->clear();
    for (const toml::node& item : *arr) {
      auto s = item.value<std::string>();
      if (!s) return fail(&item, std::string(what) + ": every entry must be a string");
      out->push_back(*s);
    }
    return true;
  }

  bool only(const toml::table& t, std::initializer_list<std::string_view> known, std::string_view where) {
    for (auto&& [key, node] : t) {
      bool ok = false;
      for (std::string_view k : known) ok = ok || key.str() == k;
      if (!ok) {
        std::string list;
        for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        return fail(&node, "unknown key '" + std::string(key.str()) + "' in " + std::string(where) +
                               " (known: " + list + ")");
      }
    }
    return true;
  }

  std::string resolve(const std::string& p) const {
    if (p.empty() || fs::path(p).is_absolute()) return p;
    return (fs::path(path_).parent_path() / p).lexically_normal().string();
  }

  // output, state and manifest are three different things on disk. One
  // path in two roles loses data: a manifest appended into the state
  // database (or into its write-ahead log) corrupts it, a state file where
  // the articles go cannot be a directory, a manifest written over the job
  // file destroys the job.
  bool distinct_paths(const toml::table& root, const Job& job) {
    const fs::path output = absolute_path(job.output), state = absolute_path(job.state),
                   manifest = absolute_path(job.manifest), job_file = absolute_path(path_);
    auto named = [&](const char* key, const fs::path& p) { return std::string(key) + " (" + p.string() + ")"; };
    auto refuse = [&](const char* key, std::string message) {
      // At the key that is wrong; the defaults have no place in the file.
      const toml::node* at = root.get(key);
      return fail(at ? at : root.get("output"), std::move(message));
    };
    if (same_file(state, output)) return refuse("state", named("state", state) + " is the output directory");
    if (same_file(manifest, output))
      return refuse("manifest", named("manifest", manifest) + " is the output directory");
    if (same_file(manifest, state))
      return refuse("manifest", "manifest and state are the same file (" + state.string() + ")");
    for (const char* companion : {"-wal", "-shm", "-journal", ".lock"}) {
      if (same_file(manifest, fs::path(state.string() + companion)))
        return refuse("manifest", named("manifest", manifest) + " is the state database's " + companion +
                                      " file (state = " + state.string() + ")");
    }
    for (auto [key, p] : {std::pair<const char*, const fs::path&>{"state", state}, {"manifest", manifest}}) {
      if (same_file(p, job_file)) return refuse(key, named(key, p) + " is the job file itself");
      std::error_code ec;
      if (fs::is_directory(p, ec)) return refuse(key, named(key, p) + " is a directory, not a file");
    }
    return true;
  }

  // Absolute and lexically normal, without a trailing '/': the form two
  // spellings of one path share.
  static fs::path absolute_path(const std::string& p) {
    std::error_code ec;
    fs::path a = fs::absolute(p, ec);
    if (ec) a = p;
    a = a.lexically_normal();
    if (!a.has_filename() && a.has_parent_path() && a != a.root_path()) a = a.parent_path();
    return a;
  }

  // The same path, or (both existing) the same file by another name: a
  // symbolic or hard link.
  static bool same_file(const fs::path& a, const fs::path& b) {
    if (a == b) return true;
    std::error_code ec;
    return fs::equivalent(a, b, ec) && !ec;
  }

  bool read(std::string_view text, const rules::RuleLibrary& library, Job* job) {
    toml::table root;
    try {
      root = toml::parse(text, path_);
    } catch (const toml::parse_error& e) {
      error_->file = path_;
      error_->line = static_cast<unsigned>(e.source().begin.line);
      error_->column = static_cast<unsigned>(e.source().begin.column);
      error_->message = std::string(e.description());
      return false;
    }
    job->path = path_;
    job->name = fs::path(path_).stem().string();
    std::vector<std::string> names;
    job->feed_paths = kUsualFeedPaths;
    job->sitemap_paths = kUsualSitemapPaths;
    return only(root, {"name", "sites", "output", "format", "state", "manifest", "warc", "warc_max_bytes", "since",
                       "languages", "limits", "fetch", "dedup", "discover", "site"},
                "the job") &&
           get(root, "name", &job->name, "name") && read_files(root, job) && read_warc(root, job) &&
           read_since(root, job) && read_languages(root, job) &&
           read_limits(root, job) && read_dedup(root, job) && read_discover(root, job) &&
           read_fetch(root, &job->fetch) && strings(root, "sites", &names, "sites") &&
           read_sites(root, names, library, job);
  }

 private:
  // output, format, state, manifest: paths resolved against the job file.
  bool read_files(const toml::table& root, Job* job) {
    if (!get(root, "output", &job->output, "output")) return false;
    if (job->output.empty()) return fail(nullptr, "output: the directory for article files is required");
    if (!get(root, "format", &job->format, "format")) return false;
    if (job->format != "text" && job->format != "json") return fail(root.get("format"), "format must be \"text\" or \"json\"");
    job->state = (fs::path(job->output) / "state.sqlite").string();
    job->manifest = (fs::path(job->output) / "manifest.jsonl").string();
    if (!get(root, "state", &job->state, "state")) return false;
    if (!get(root, "manifest", &job->manifest, "manifest")) return false;
    job->output = resolve(job->output);
    job->state = resolve(job->state);
    job->manifest = resolve(job->manifest);
    return distinct_paths(root, *job);
  }

  // warc = "DIR" (relative to the job file), warc_max_bytes = N.
  bool read_warc(const toml::table& root, Job* job) {
    if (!get(root, "warc", &job->warc, "warc")) return false;
    const toml::node* n = root.get("warc");
    if (n && job->warc.empty()) return fail(n, "warc: name a directory for the WARC files, or leave the key out");
    int64_t max = static_cast<int64_t>(job->warc_max_bytes);
    if (!integer(root, "warc_max_bytes", kWarcMaxBytesRange, &max, "warc_max_bytes")) return false;
    job->warc_max_bytes = static_cast<uint64_t>(max);
    job->warc = resolve(job->warc);
    if (job->warc.empty()) return true;
    std::error_code ec;
    if (fs::exists(job->warc, ec) && !fs::is_directory(job->warc, ec))
      return fail(n, "warc (" + job->warc + ") is not a directory");
    // The output directory holds articles alone (its temp entries are swept).
    if (same_file(absolute_path(job->warc), absolute_path(job->output)))
      return fail(n, "warc (" + job->warc + ") is the output directory: give the WARC files a directory of their own");
    return true;
  }

  // languages = ["vi", "en"]: ISO 639 codes, two or three lower-case letters.
  bool read_languages(const toml::table& root, Job* job) {
    if (!strings(root, "languages", &job->languages, "languages")) return false;
    const toml::array* arr = root.get("languages") ? root.get("languages")->as_array() : nullptr;
    for (size_t i = 0; i < job->languages.size(); ++i) {
      const std::string& code = job->languages[i];
      const bool ok = code.size() >= 2 && code.size() <= 3 &&
                      std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      if (!ok)
        return fail(arr ? arr->get(i) : nullptr,
                    "languages: \"" + code + "\" is no ISO 639 language code (two or three lower-case letters: \"vi\")");
    }
    return true;
  }

  bool read_limits(const toml::table& root, Job* job) {
    const toml::table* limits = nullptr;
    if (!table(root, "limits", &limits)) return false;
    if (!limits) return true;
    if (!only(*limits, {"max_pages", "listing_depth", "max_age_days", "max_sitemaps"}, "[limits]")) return false;
    struct Limit {
      std::string_view key;
      const ValueRange& range;
      int* out;
    };
    for (const Limit& l : {Limit{"max_pages", kMaxPagesRange, &job->max_pages},
                           Limit{"listing_depth", kListingDepthRange, &job->listing_depth},
                           Limit{"max_age_days", kMaxAgeDaysRange, &job->max_age_days},
                           Limit{"max_sitemaps", kMaxSitemapsRange, &job->max_sitemaps}}) {
      int64_t v = *l.out;
      if (!integer(*limits, l.key, l.range, &v, "limits." + std::string(l.key))) return false;
      *l.out = static_cast<int>(v);  // the range fits an int
    }
    return true;
  }

  // since = "2026-11-01" (a date: its midnight UTC) or an ISO 8601 instant.
  bool read_since(const toml::table& root, Job* job) {
    const toml::node* n = root.get("since");
    if (!n) return true;
    std::optional<std::string> text = n->value<std::string>();
    if (const toml::date* d = n->as_date() ? &n->as_date()->get() : nullptr) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
      text = buf;
    } else if (const toml::date_time* dt = n->as_date_time() ? &n->as_date_time()->get() : nullptr) {
      char buf[48];
      int len = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", dt->date.year, dt->date.month,
                              dt->date.day, dt->time.hour, dt->time.minute, dt->time.second);
      if (dt->offset) {
        int m = dt->offset->minutes;
        std::snprintf(buf + len, sizeof buf - len, "%c%02d:%02d", m < 0 ? '-' : '+', std::abs(m) / 60, std::abs(m) % 60);
      }
      text = buf;
    }
    if (!text) return fail(n, "since must be a date (\"2026-11-01\" or 2026-11-01) or an ISO 8601 time");
    job->since = unix_time_of(*text);
    if (!job->since)
      return fail(n, "since: \"" + *text + "\" is not a date (\"2026-11-01\", \"2026-11-01T07:00:00+07:00\")");
    job->since_text = *text;
    return true;
  }

  bool read_dedup(const toml::table& root, Job* job) {
    const toml::table* d = nullptr;
    if (!table(root, "dedup", &d)) return false;
    if (!d) return true;
    if (!only(*d, {"texts", "near_distance"}, "[dedup]")) return false;
    if (!get(*d, "texts", &job->dedup_texts, "dedup.texts")) return false;
    int64_t v = job->near_distance;
    if (!integer(*d, "near_distance", kNearDistanceRange, &v, "dedup.near_distance")) return false;
    job->near_distance = static_cast<int>(v);
    return true;
  }

  bool read_discover(const toml::table& root, Job* job) {
    const toml::table* d = nullptr;
    if (!table(root, "discover", &d)) return false;
    if (!d) return true;
    if (!only(*d, {"feed_paths", "sitemap_paths"}, "[discover]")) return false;
    return strings(*d, "feed_paths", &job->feed_paths, "discover.feed_paths") &&
           strings(*d, "sitemap_paths", &job->sitemap_paths, "discover.sitemap_paths");
  }

  bool read_fetch(const toml::table& root, fetch::FetchOptions* o) {
    const toml::table* f = nullptr;
    if (!table(root, "fetch", &f)) return false;
    if (!f) return true;
    if (!only(*f, {"user_agent", "concurrency", "per_host", "delay_ms", "timeout_s", "connect_timeout_s",
                   "retries", "max_bytes", "obey_robots", "connect_to", "allow_private_addresses"},
              "[fetch]"))
      return false;
    int64_t concurrency = o->max_connections, per_host = o->max_per_host, delay = o->per_host_delay.count(),
            timeout = o->total_timeout.count() / 1000, connect = o->connect_timeout.count() / 1000,
            retries = o->max_retries, max_bytes = static_cast<int64_t>(o->max_body_bytes);
    if (!get(*f, "user_agent", &o->user_agent, "fetch.user_agent") ||
        !integer(*f, "concurrency", kConcurrencyRange, &concurrency, "fetch.concurrency") ||
        !integer(*f, "per_host", kPerHostRange, &per_host, "fetch.per_host") ||
        !integer(*f, "delay_ms", kDelayMsRange, &delay, "fetch.delay_ms") ||
        !integer(*f, "timeout_s", kTimeoutSRange, &timeout, "fetch.timeout_s") ||
        !integer(*f, "connect_timeout_s", kConnectTimeoutSRange, &connect, "fetch.connect_timeout_s") ||
        !integer(*f, "retries", kRetriesRange, &retries, "fetch.retries") ||
        !integer(*f, "max_bytes", kMaxBytesRange, &max_bytes, "fetch.max_bytes") ||
        !get(*f, "obey_robots", &o->obey_robots, "fetch.obey_robots") ||
        !get(*f, "allow_private_addresses", &o->allow_private_addresses, "fetch.allow_private_addresses") ||
        !strings(*f, "connect_to", &o->connect_to, "fetch.connect_to"))
      return false;
    // Every range fits the field's type: nothing wraps.
    o->max_connections = static_cast<int>(concurrency);
    o->max_per_host = static_cast<int>(per_host);
    o->per_host_delay = fetch::Millis(delay);
    o->total_timeout = fetch::Millis(timeout * 1000);
    o->connect_timeout = fetch::Millis(connect * 1000);
    o->max_retries = static_cast<int>(retries);
    o->max_body_bytes = static_cast<size_t>(max_bytes);
    return true;
  }

  // The sites, each a rule file, with the job's [site."NAME"] overrides.
  bool read_sites(const toml::table& root, const std::vector<std::string>& names, const rules::RuleLibrary& library,
                  Job* job) {
    if (names.empty())
      return fail(root.get("sites"), "sites: name at least one site: a rule file or a host (e.g. \"baoquocte.vn\")");
    const toml::table* overrides = nullptr;
    if (!table(root, "site", &overrides)) return false;
    for (const std::string& name : names) {
      const rules::RuleSet* set = library.by_name(name);
      JobSite site;
      site.name = name;
      if (set && !set->hosts.empty()) {
        site.has_rules = true;
        site.hosts = set->hosts;
        site.feeds = set->feeds;
        site.listings = set->listings;
        site.sitemaps = set->sitemaps;
      } else if (set) {
        return fail(root.get("sites"), "sites: \"" + name + "\" is a base rule file (" + set->path +
                                           "), which serves no host: name a site's host");
      } else if (!is_host_name(name)) {
        return fail(root.get("sites"), "sites: \"" + name + "\" is neither a site rule file in " + library.dir +
                                           " nor a host name (e.g. \"vnexpress.net\")");
      } else {
        site.hosts = {name};
        site.discover = true;
      }
      for (const std::string& h : site.hosts) {
        for (const JobSite& other : job->sites)
          for (const std::string& oh : other.hosts)
            if (oh == h)
              return fail(root.get("sites"), "sites: \"" + name + "\" and \"" + other.name + "\" both serve " + h);
      }
      site.base_url = "https://" + site.hosts.front();
      if (const toml::table* o = overrides ? (*overrides)[name].as_table() : nullptr) {
        if (!only(*o, {"base_url", "feeds", "listings", "sitemaps", "discover"}, "[site.\"" + name + "\"]"))
          return false;
        if (!get(*o, "base_url", &site.base_url, "base_url") || !strings(*o, "feeds", &site.feeds, "feeds") ||
            !strings(*o, "listings", &site.listings, "listings") ||
            !strings(*o, "sitemaps", &site.sitemaps, "sitemaps") || !get(*o, "discover", &site.discover, "discover"))
          return false;
      }
      while (!site.base_url.empty() && site.base_url.back() == '/') site.base_url.pop_back();
      job->sites.push_back(std::move(site));
    }
    if (overrides) {
      for (auto&& [key, node] : *overrides) {
        bool listed = false;
        for (const auto& s : job->sites) listed = listed || s.name == key.str();
        if (!listed) return fail(&node, "[site.\"" + std::string(key.str()) + "\"] is not in sites");
      }
    }
    // Redirects stay on the job's sites.
    for (const JobSite& s : job->sites)
      for (const std::string& h : s.hosts) job->fetch.allowed_hosts.push_back(h);
    return true;
  }

  // A DNS name as a job names a site: letters, digits and hyphens in
  // dot-separated labels, at least two labels, lower case (as URLs carry
  // hosts once parsed).
  static bool is_host_name(std::string_view name) {
    if (name.empty() || name.size() > 253 || name.find('.') == std::string_view::npos) return false;
    size_t label = 0;
    for (size_t i = 0; i <= name.size(); ++i) {
      char c = i < name.size() ? name[i] : '.';
      if (c == '.') {
        if (label == 0 || label > 63 || name[i - 1] == '-') return false;
        label = 0;
        continue;
      }
      bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && label > 0);
      if (!ok) return false;
      ++label;
    }
    return true;
  }

  std::string path_;
  JobError* error_;
};

}  // namespace

bool load_job(const std::string& path, const rules::RuleLibrary& library, Job* job, JobError* error) {
  // A regular file, read without blocking and never past the cap (a FIFO
  // named as the job would otherwise hang the run, /dev/zero fill memory).
  std::string text;
  const io::ReadResult r = io::read_file(path, kMaxJobFileBytes, io::FileKinds::kRegularOnly, &text);
  if (!r.ok()) {
    error->file = path;
    error->message = r.status == io::ReadStatus::kMissing    ? std::string("no such job file")
                     : r.status == io::ReadStatus::kTooLarge ? r.why + ", the most a job file may have"
                                                             : r.why;
    return false;
  }
  *job = Job{};  // all of it this file's, whatever the Job held
  JobReader reader(path, error);
  return reader.read(text, library, job);
}

}  // namespace winnow::crawl
