// The job's archive keys (src/crawl/job.h, README "Archive a crawl"): warc
// is a directory relative to the job file, never the output directory nor a
// file; warc_max_bytes within its range; each refusal one error at its place.
#include "crawl/job.h"

#include "rules_test_util.h"

using winnow::crawl::Job;
using winnow::crawl::JobError;
using winnow::crawl::load_job;

namespace {

// Loads `text` (after the sites and output) as job.toml in `tmp`; the
// error's text after the file name, or "" if it loaded.
std::string archive_error(const TempDir& tmp, const std::string& text, Job* job) {
  const std::string path = tmp.write("job.toml", "sites = [\"baoquocte.vn\"]\noutput = \"out\"\n" + text);
  JobError error;
  if (load_job(path, real_rules(), job, &error)) return "";
  const std::string s = error.to_string();
  return s.substr(std::min(s.size(), path.size()));
}

}  // namespace

TEST_CASE("job: warc is a directory beside the job, warc_max_bytes within its range") {
  TempDir tmp;
  Job job;
  CHECK(archive_error(tmp, "", &job) == "");
  CHECK(job.warc == "");
  CHECK(job.warc_max_bytes == 1'000'000'000);
  CHECK(archive_error(tmp, "warc = \"archive/warc\"\nwarc_max_bytes = 65536\n", &job) == "");
  CHECK(job.warc == tmp.dir() + "/archive/warc");
  CHECK(job.warc_max_bytes == 65536);
  CHECK(archive_error(tmp, "warc = \"/abs/warc\"\nwarc_max_bytes = 1099511627776\n", &job) == "");
  CHECK(job.warc == "/abs/warc");
  CHECK(job.warc_max_bytes == 1099511627776u);

  CHECK(archive_error(tmp, "warc_max_bytes = 65535\n", &job) ==
        ":3:18: warc_max_bytes must be between 65536 and 1099511627776");
  CHECK(archive_error(tmp, "warc_max_bytes = 1099511627777\n", &job) ==
        ":3:18: warc_max_bytes must be between 65536 and 1099511627776");
  CHECK(archive_error(tmp, "warc = 5\n", &job) == ":3:8: warc has the wrong type");
  CHECK(archive_error(tmp, "warc = \"\"\n", &job) ==
        ":3:8: warc: name a directory for the WARC files, or leave the key out");
  CHECK(archive_error(tmp, "warc = \"out/\"\n", &job) ==
        ":3:8: warc (" + tmp.dir() + "/out/) is the output directory: give the WARC files a directory of their own");
  tmp.write("a-file", "x");
  CHECK(archive_error(tmp, "warc = \"a-file\"\n", &job) == ":3:8: warc (" + tmp.dir() + "/a-file) is not a directory");
  CHECK(archive_error(tmp, "[warc]\ndir = \"x\"\n", &job) == ":3:1: warc has the wrong type");
}
