// Crawl job files (src/crawl/job.h): a regular file under 1 MiB, every
// number within its range (the message names it), output, state and
// manifest three different things on disk. Each refusal is one error at
// file:line:col, and `winnow crawl` exits 3 on it (tests/cli_test.sh).
#include "crawl/job.h"

#include "fifo_test_util.h"
#include "rules_test_util.h"

using winnow::crawl::Job;
using winnow::crawl::JobError;
using winnow::crawl::load_job;

namespace {

constexpr const char* kSites = "sites = [\"baoquocte.vn\"]\noutput = \"out\"\n";

// Loads `text` as job.toml in `tmp`; the error's text, or "" if it loaded.
std::string job_error(const TempDir& tmp, const std::string& text, Job* job = nullptr) {
  const std::string path = tmp.write("job.toml", text);
  Job local;
  JobError error;
  return load_job(path, real_rules(), job ? job : &local, &error) ? std::string() : error.to_string();
}

}  // namespace

TEST_CASE("job: the bundled demo job loads") {
  Job job;
  JobError error;
  CHECK_MESSAGE(load_job(std::string(WINNOW_SOURCE_DIR) + "/jobs/demo.toml", real_rules(), &job, &error),
                error.to_string());
  CHECK(job.fetch.per_host_delay.count() == 250);
}

TEST_CASE("job: each number within its range, the range in the message") {
  TempDir tmp;
  const std::string job = tmp.file("job.toml");
  struct Case {
    const char* table;
    const char* line;
    const char* message;
  };
  const Case cases[] = {
      {"fetch", "concurrency = 0", ":4:15: fetch.concurrency must be between 1 and 256"},
      {"fetch", "concurrency = 257", ":4:15: fetch.concurrency must be between 1 and 256"},
      {"fetch", "per_host = 0", ":4:12: fetch.per_host must be between 1 and 64"},
      {"fetch", "per_host = -3", ":4:12: fetch.per_host must be between 1 and 64"},
      {"fetch", "delay_ms = 99999999999999", ":4:12: fetch.delay_ms must be between 0 and 3600000"},
      // INT64_MAX once wrapped to "no delay".
      {"fetch", "delay_ms = 9223372036854775807", ":4:12: fetch.delay_ms must be between 0 and 3600000"},
      {"fetch", "delay_ms = -1", ":4:12: fetch.delay_ms must be between 0 and 3600000"},
      {"fetch", "timeout_s = 0", ":4:13: fetch.timeout_s must be between 1 and 3600"},
      {"fetch", "timeout_s = 9223372036854775807", ":4:13: fetch.timeout_s must be between 1 and 3600"},
      {"fetch", "connect_timeout_s = 601", ":4:21: fetch.connect_timeout_s must be between 1 and 600"},
      {"fetch", "retries = 21", ":4:11: fetch.retries must be between 0 and 20"},
      {"fetch", "max_bytes = 1023", ":4:13: fetch.max_bytes must be between 1024 and 1073741824"},
      {"fetch", "max_bytes = 1073741825", ":4:13: fetch.max_bytes must be between 1024 and 1073741824"},
      {"limits", "max_pages = -1", ":4:13: limits.max_pages must be between 0 and 10000000"},
      {"limits", "max_pages = 4294967296", ":4:13: limits.max_pages must be between 0 and 10000000"},
      {"limits", "listing_depth = 1001", ":4:17: limits.listing_depth must be between 0 and 1000"},
      {"limits", "max_age_days = 36501", ":4:16: limits.max_age_days must be between 0 and 36500"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    CHECK(job_error(tmp, std::string(kSites) + "[" + c.table + "]\n" + c.line + "\n") == job + c.message);
  }
  // A literal past 64 bits is toml++'s parse error, at its place.
  std::string huge = job_error(tmp, std::string(kSites) + "[fetch]\ndelay_ms = 99999999999999999999\n");
  CHECK(huge.rfind(job + ":4:", 0) == 0);
  CHECK(huge.find("not representable in 64 bits") != std::string::npos);
  // The edges themselves are fine.
  Job edges;
  CHECK(job_error(tmp,
                  std::string(kSites) +
                      "[fetch]\nconcurrency = 256\nper_host = 64\ndelay_ms = 3600000\ntimeout_s = 3600\n"
                      "connect_timeout_s = 600\nretries = 20\nmax_bytes = 1073741824\n"
                      "[limits]\nmax_pages = 10000000\nlisting_depth = 1000\nmax_age_days = 36500\n",
                  &edges) == "");
  CHECK(edges.fetch.per_host_delay.count() == 3'600'000);
  CHECK(edges.fetch.total_timeout.count() == 3'600'000);
  CHECK(edges.max_pages == 10'000'000);
}

TEST_CASE("job: a table key that is not a table") {
  TempDir tmp;
  CHECK(job_error(tmp, std::string(kSites) + "limits = 3\n") ==
        tmp.file("job.toml") + ":3:10: limits must be a table ([limits])");
}

TEST_CASE("job: output, state and manifest are three different things") {
  TempDir tmp;
  const std::string job = tmp.file("job.toml");
  const std::string dir = tmp.dir();
  SUBCASE("manifest = state") {
    CHECK(job_error(tmp, std::string(kSites) + "state = \"s.sqlite\"\nmanifest = \"./s.sqlite\"\n") ==
          job + ":4:12: manifest and state are the same file (" + dir + "/s.sqlite)");
  }
  SUBCASE("manifest = the default state") {
    CHECK(job_error(tmp, std::string(kSites) + "manifest = \"out/state.sqlite\"\n") ==
          job + ":3:12: manifest and state are the same file (" + dir + "/out/state.sqlite)");
  }
  SUBCASE("manifest = output") {
    CHECK(job_error(tmp, std::string(kSites) + "manifest = \"out/\"\n") ==
          job + ":3:12: manifest (" + dir + "/out) is the output directory");
  }
  SUBCASE("state = output, spelled otherwise") {
    CHECK(job_error(tmp, std::string(kSites) + "state = \"" + dir + "/x/../out\"\n") ==
          job + ":3:9: state (" + dir + "/out) is the output directory");
  }
  SUBCASE("manifest = the state's write-ahead log, shared memory, journal or lock") {
    for (const char* companion : {"-wal", "-shm", "-journal", ".lock"}) {
      CHECK(job_error(tmp, std::string(kSites) + "state = \"s.db\"\nmanifest = \"s.db" + companion + "\"\n") ==
            job + ":4:12: manifest (" + dir + "/s.db" + companion + ") is the state database's " + companion +
                " file (state = " + dir + "/s.db)");
    }
  }
  SUBCASE("manifest = the job file") {
    CHECK(job_error(tmp, std::string(kSites) + "manifest = \"job.toml\"\n") ==
          job + ":3:12: manifest (" + job + ") is the job file itself");
  }
  SUBCASE("an existing directory as state or manifest") {
    fs::create_directory(tmp.file("states"));
    CHECK(job_error(tmp, std::string(kSites) + "state = \"states\"\n") ==
          job + ":3:9: state (" + dir + "/states) is a directory, not a file");
    CHECK(job_error(tmp, std::string(kSites) + "manifest = \"states\"\n") ==
          job + ":3:12: manifest (" + dir + "/states) is a directory, not a file");
  }
  SUBCASE("one file under two names (a symbolic link)") {
    tmp.write("s.db", "");
    fs::create_symlink(tmp.file("s.db"), tmp.file("link.jsonl"));
    CHECK(job_error(tmp, std::string(kSites) + "state = \"s.db\"\nmanifest = \"link.jsonl\"\n") ==
          job + ":4:12: manifest and state are the same file (" + dir + "/s.db)");
  }
  SUBCASE("the defaults and distinct paths load") {
    Job loaded;
    CHECK(job_error(tmp, kSites, &loaded) == "");
    CHECK(loaded.state == dir + "/out/state.sqlite");
    CHECK(loaded.manifest == dir + "/out/manifest.jsonl");
  }
}

TEST_CASE("job: the job file itself") {
  TempDir tmp;
  Job job;
  JobError error;
  SUBCASE("missing") {
    CHECK_FALSE(load_job(tmp.file("none.toml"), real_rules(), &job, &error));
    CHECK(error.to_string() == tmp.file("none.toml") + ": no such job file");
  }
  SUBCASE("a FIFO: refused at once") {
    const std::string fifo = tmp.file("fifo.toml");
    REQUIRE(make_fifo(fifo));
    bool loaded = true;
    CHECK(returns_within(5, fifo, [&] { loaded = load_job(fifo, real_rules(), &job, &error); }));
    CHECK_FALSE(loaded);
    CHECK(error.to_string() == fifo + ": not a regular file");
  }
  SUBCASE("a directory") {
    CHECK_FALSE(load_job(tmp.dir(), real_rules(), &job, &error));
    CHECK(error.to_string() == tmp.dir() + ": not a regular file");
  }
  SUBCASE("over 1 MiB") {
    const std::string path =
        tmp.write("big.toml", std::string(kSites) + "# " + std::string(size_t{1} << 20, 'x') + "\n");
    CHECK_FALSE(load_job(path, real_rules(), &job, &error));
    CHECK(error.to_string() == path + ": larger than 1 MiB (1048576 bytes), the most a job file may have");
  }
  SUBCASE("a syntax error keeps file:line:col") {
    CHECK(job_error(tmp, std::string(kSites) + "[fetch\n").rfind(tmp.file("job.toml") + ":3:", 0) == 0);
  }
}

// Sites with no rule file (issue 15): a host named alone is crawled by
// discovery; `since`, [dedup], [discover], [limits] max_sitemaps and the
// [site."HOST"] overrides. 1,793,491,200 is 2026-11-01T00:00:00Z worked out
// by hand (20758 days after 1970-01-01: 56 years, 14 leap days, 304 days to
// November).
namespace {

constexpr int64_t kNov1 = 1'793'491'200;
constexpr const char* kHostSite = "sites = [\"tinnhanh.example\"]\noutput = \"out\"\n";

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("job: a host with no rule file is crawled by discovery") {
  TempDir tmp;
  Job job;
  REQUIRE(job_error(tmp, kHostSite, &job) == "");
  REQUIRE(job.sites.size() == 1);
  const winnow::crawl::JobSite& site = job.sites[0];
  CHECK(site.name == "tinnhanh.example");
  CHECK_FALSE(site.has_rules);
  CHECK(site.discover);
  CHECK(site.hosts == std::vector<std::string>{"tinnhanh.example"});
  CHECK(site.base_url == "https://tinnhanh.example");
  CHECK(site.feeds.empty());
  CHECK(site.listings.empty());
  CHECK(site.sitemaps.empty());
  CHECK(has(job.fetch.allowed_hosts, "tinnhanh.example"));
  // The defaults of the new settings.
  CHECK_FALSE(job.since.has_value());
  CHECK(job.max_sitemaps == 100);
  CHECK(job.near_distance == 3);
  CHECK(job.dedup_texts);
  CHECK(has(job.feed_paths, "/rss/home.rss"));
  CHECK(has(job.feed_paths, "/rss/tin-moi-nhat.rss"));
  CHECK(has(job.sitemap_paths, "/sitemap.xml"));
}

TEST_CASE("job: a site with a rule file keeps its feeds and listings, no discovery") {
  TempDir tmp;
  Job job;
  REQUIRE(job_error(tmp, kSites, &job) == "");
  REQUIRE(job.sites.size() == 1);
  const winnow::crawl::JobSite& site = job.sites[0];
  CHECK(site.name == "baoquocte.vn");
  CHECK(site.has_rules);
  CHECK_FALSE(site.discover);
  // rules/baoquocte.vn.toml: hosts, feeds and listings.
  CHECK(site.hosts == std::vector<std::string>{"baoquocte.vn", "www.baoquocte.vn"});
  CHECK(site.base_url == "https://baoquocte.vn");
  CHECK(site.feeds == std::vector<std::string>{"/rss_feed/"});
  CHECK(site.listings ==
        std::vector<std::string>{"/thoi-su/", "/the-gioi/", "/kinh-te/", "/van-hoa/", "/nguoi-viet-nam/"});
  CHECK(site.sitemaps.empty());
  CHECK(has(job.fetch.allowed_hosts, "www.baoquocte.vn"));
}

TEST_CASE("job: a ruled site and a host with none, side by side") {
  TempDir tmp;
  Job job;
  REQUIRE(job_error(tmp, "sites = [\"baoquocte.vn\", \"tinnhanh.example\"]\noutput = \"out\"\n", &job) == "");
  REQUIRE(job.sites.size() == 2);
  CHECK_FALSE(job.sites[0].discover);
  CHECK(job.sites[1].discover);
  CHECK(job.fetch.allowed_hosts ==
        std::vector<std::string>{"baoquocte.vn", "www.baoquocte.vn", "tinnhanh.example"});
}

TEST_CASE("job: since, as a string, a TOML date or an instant with its offset") {
  TempDir tmp;
  for (const char* line : {"since = \"2026-11-01\"", "since = 2026-11-01", "since = \"2026-11-01T07:00:00+07:00\"",
                           "since = \"2026-10-31T19:00:00-05:00\"", "since = \"2026-11-01T00:00:00Z\""}) {
    CAPTURE(line);
    Job job;
    REQUIRE(job_error(tmp, std::string(kHostSite) + line + "\n", &job) == "");
    REQUIRE(job.since.has_value());
    CHECK(*job.since == kNov1);
  }
  Job dated;
  REQUIRE(job_error(tmp, std::string(kHostSite) + "since = 2026-11-01\n", &dated) == "");
  CHECK(dated.since_text == "2026-11-01");
}

TEST_CASE("job: a since that is no date fails at its place") {
  TempDir tmp;
  const std::string job = tmp.file("job.toml");
  const std::string words = job_error(tmp, std::string(kHostSite) + "since = \"yesterday\"\n");
  CHECK(words.rfind(job + ":3:9: since", 0) == 0);
  CHECK(words.find("\"yesterday\"") != std::string::npos);
  for (const char* line : {"since = \"2026-13-01\"", "since = \"\"", "since = 20261101", "since = true"}) {
    CAPTURE(line);
    CHECK(job_error(tmp, std::string(kHostSite) + line + "\n").rfind(job + ":3:9: since", 0) == 0);
  }
}

TEST_CASE("job: languages, ISO 639 codes; a wrong one fails at its place") {
  TempDir tmp;
  Job job;
  REQUIRE(job_error(tmp, std::string(kHostSite) + "languages = [\"vi\", \"en\"]\n", &job) == "");
  CHECK(job.languages == std::vector<std::string>{"vi", "en"});
  Job none;
  REQUIRE(job_error(tmp, kHostSite, &none) == "");
  CHECK(none.languages.empty());  // every language
  const std::string file = tmp.file("job.toml");
  CHECK(job_error(tmp, std::string(kHostSite) + "languages = [\"vi\", \"EN\"]\n") ==
        file + ":3:20: languages: \"EN\" is no ISO 639 language code (two or three lower-case letters: \"vi\")");
  CHECK(job_error(tmp, std::string(kHostSite) + "languages = \"vi\"\n").rfind(file + ":3:13: languages must be", 0) == 0);
}

TEST_CASE("job: [dedup] near_distance within 0..7, texts a boolean") {
  TempDir tmp;
  const std::string job = tmp.file("job.toml");
  CHECK(job_error(tmp, std::string(kHostSite) + "[dedup]\nnear_distance = 9\n") ==
        job + ":4:17: dedup.near_distance must be between 0 and 7");
  CHECK(job_error(tmp, std::string(kHostSite) + "[dedup]\nnear_distance = -1\n") ==
        job + ":4:17: dedup.near_distance must be between 0 and 7");
  CHECK(job_error(tmp, std::string(kHostSite) + "[dedup]\ntexts = \"no\"\n").rfind(job + ":4:9: dedup.texts", 0) ==
        0);
  CHECK(job_error(tmp, std::string(kHostSite) + "[dedup]\nnear = 2\n") ==
        job + ":4:8: unknown key 'near' in [dedup] (known: texts, near_distance)");
  Job loaded, edge;
  REQUIRE(job_error(tmp, std::string(kHostSite) + "[dedup]\ntexts = false\nnear_distance = 0\n", &loaded) == "");
  CHECK_FALSE(loaded.dedup_texts);
  CHECK(loaded.near_distance == 0);
  REQUIRE(job_error(tmp, std::string(kHostSite) + "[dedup]\nnear_distance = 7\n", &edge) == "");
  CHECK(edge.near_distance == 7);
  CHECK(edge.dedup_texts);
}

TEST_CASE("job: [limits] max_sitemaps") {
  TempDir tmp;
  const std::string job = tmp.file("job.toml");
  Job loaded;
  REQUIRE(job_error(tmp, std::string(kHostSite) + "[limits]\nmax_sitemaps = 5\n", &loaded) == "");
  CHECK(loaded.max_sitemaps == 5);
  CHECK(job_error(tmp, std::string(kHostSite) + "[limits]\nmax_sitemaps = 0\n") ==
        job + ":4:16: limits.max_sitemaps must be between 1 and 100000");
  CHECK(job_error(tmp, std::string(kHostSite) + "[limits]\nmax_sitemaps = 100001\n") ==
        job + ":4:16: limits.max_sitemaps must be between 1 and 100000");
}

TEST_CASE("job: [discover] lists replace the usual paths, each on its own") {
  TempDir tmp;
  Job defaults, feeds, none;
  REQUIRE(job_error(tmp, kHostSite, &defaults) == "");
  REQUIRE(job_error(tmp, std::string(kHostSite) + "[discover]\nfeed_paths = [\"/x.rss\"]\n", &feeds) == "");
  CHECK(feeds.feed_paths == std::vector<std::string>{"/x.rss"});
  CHECK(feeds.sitemap_paths == defaults.sitemap_paths);
  REQUIRE(job_error(tmp, std::string(kHostSite) + "[discover]\nfeed_paths = []\nsitemap_paths = []\n", &none) == "");
  CHECK(none.feed_paths.empty());
  CHECK(none.sitemap_paths.empty());
  const std::string job = tmp.file("job.toml");
  CHECK(job_error(tmp, std::string(kHostSite) + "[discover]\nfeed_paths = \"/x.rss\"\n")
            .rfind(job + ":4:14: discover.feed_paths must be an array of strings", 0) == 0);
  CHECK(job_error(tmp, std::string(kHostSite) + "[discover]\nsitemap_paths = [1]\n")
            .rfind(job + ":4:18: discover.sitemap_paths", 0) == 0);
  CHECK(job_error(tmp, std::string(kHostSite) + "[discover]\nfeeds = []\n") ==
        job + ":4:9: unknown key 'feeds' in [discover] (known: feed_paths, sitemap_paths)");
}

TEST_CASE("job: [site.\"HOST\"] sets a host's sitemaps, feeds, base_url and discovery") {
  TempDir tmp;
  Job job;
  REQUIRE(job_error(tmp,
                    std::string(kHostSite) +
                        "[site.\"tinnhanh.example\"]\nsitemaps = [\"/s.xml\"]\nfeeds = [\"/rss/tin-moi.rss\"]\n"
                        "discover = false\nbase_url = \"https://www.tinnhanh.example/\"\n",
                    &job) == "");
  REQUIRE(job.sites.size() == 1);
  CHECK(job.sites[0].sitemaps == std::vector<std::string>{"/s.xml"});
  CHECK(job.sites[0].feeds == std::vector<std::string>{"/rss/tin-moi.rss"});
  CHECK_FALSE(job.sites[0].discover);
  CHECK(job.sites[0].base_url == "https://www.tinnhanh.example");  // the trailing '/' dropped
  CHECK(job.sites[0].hosts == std::vector<std::string>{"tinnhanh.example"});
  // A ruled site can be told to discover too, its rule file's feeds kept.
  Job ruled;
  REQUIRE(job_error(tmp, std::string(kSites) + "[site.\"baoquocte.vn\"]\ndiscover = true\n", &ruled) == "");
  CHECK(ruled.sites[0].discover);
  CHECK(ruled.sites[0].feeds == std::vector<std::string>{"/rss_feed/"});
  // Overrides for a site the job does not crawl, or a wrong type.
  const std::string path = tmp.file("job.toml");
  CHECK(job_error(tmp, std::string(kHostSite) + "[site.\"other.example\"]\ndiscover = true\n") ==
        path + ":3:1: [site.\"other.example\"] is not in sites");
  CHECK(job_error(tmp, std::string(kHostSite) + "[site.\"tinnhanh.example\"]\ndiscover = \"yes\"\n")
            .rfind(path + ":4:12: discover has the wrong type", 0) == 0);
}

TEST_CASE("job: a site that is neither a rule file nor a host, or a base rule file") {
  TempDir tmp;
  const std::string job = tmp.file("job.toml");
  for (const char* name : {"not a host!", "localhost", "https://tinnhanh.example", "tinnhanh.example/",
                           "-tinnhanh.example", "tinnhanh..example", "tinnhanh.example."}) {
    CAPTURE(name);
    const std::string error = job_error(tmp, std::string("sites = [\"") + name + "\"]\noutput = \"out\"\n");
    CHECK(error.rfind(job + ":1:9: sites: \"" + name + "\" is neither a site rule file", 0) == 0);
    CHECK(error.find("nor a host name") != std::string::npos);
  }
  for (const char* base : {"generic", "mastercms", "vccorp"}) {
    CAPTURE(base);
    const std::string error = job_error(tmp, std::string("sites = [\"") + base + "\"]\noutput = \"out\"\n");
    CHECK(error.rfind(job + ":1:9: sites: \"" + base + "\" is a base rule file", 0) == 0);
    CHECK(error.find("serves no host") != std::string::npos);
  }
  CHECK(job_error(tmp, "sites = []\noutput = \"out\"\n").rfind(job + ":1:9: sites: name at least one site", 0) == 0);
}

TEST_CASE("job: two sites serving one host") {
  TempDir tmp;
  const std::string job = tmp.file("job.toml");
  // www.baoquocte.vn is a host of rules/baoquocte.vn.toml.
  CHECK(job_error(tmp, "sites = [\"baoquocte.vn\", \"www.baoquocte.vn\"]\noutput = \"out\"\n") ==
        job + ":1:9: sites: \"www.baoquocte.vn\" and \"baoquocte.vn\" both serve www.baoquocte.vn");
  CHECK(job_error(tmp, "sites = [\"tinnhanh.example\", \"tinnhanh.example\"]\noutput = \"out\"\n") ==
        job + ":1:9: sites: \"tinnhanh.example\" and \"tinnhanh.example\" both serve tinnhanh.example");
}

// A regression test; before the fix (src/crawl/job.cc:221, read_since): a TOML date (2026-11-01)
// is taken, a TOML offset date-time (2026-11-01T07:00:00+07:00, unquoted)
// is refused with "since must be a date ("2026-11-01" or 2026-11-01) or an
// ISO 8601 time", though it is one. Expected: loads with since =
// 1,793,491,200 like the quoted string; actual: job.toml:3:9: that error.
TEST_CASE("job: since as a TOML date-time with an offset") {
  TempDir tmp;
  Job job;
  CHECK(job_error(tmp, std::string(kHostSite) + "since = 2026-11-01T07:00:00+07:00\n", &job) == "");
  CHECK(job.since == kNov1);
}

// A regression test; before the fix (src/crawl/job.cc:332 and :343, read_sites): load_job appends
// to the Job it is given instead of replacing its sites (and
// fetch.allowed_hosts), so loading a job file into a Job that already
// holds one (a reload) finds every site twice. Expected: the second load
// succeeds with one site; actual: "job.toml:1:9: sites: "tinnhanh.example"
// and "tinnhanh.example" both serve tinnhanh.example".
TEST_CASE("job: loading into a Job that holds a job already replaces it") {
  TempDir tmp;
  Job job;
  REQUIRE(job_error(tmp, kHostSite, &job) == "");
  CHECK(job_error(tmp, kHostSite, &job) == "");
  CHECK(job.sites.size() == 1);
  CHECK(job.fetch.allowed_hosts.size() == 1);
}
