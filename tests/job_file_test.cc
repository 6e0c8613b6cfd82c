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
