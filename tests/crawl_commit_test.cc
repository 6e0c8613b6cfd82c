// The crawl's commit order (src/crawl/commit.h) and start-of-run recovery
// (src/crawl/recover.h), each alone, on a temp directory: what the state,
// the manifest and the files say after a batch, a fault, or a loss.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "crawl/article.h"
#include "crawl/commit.h"
#include "crawl/recover.h"
#include "project_rules.h"

namespace fs = std::filesystem;
using namespace winnow::crawl;
using winnow::output::Durability;
using winnow::output::LineFile;
using winnow::output::OutputDir;
using winnow::output::WriteError;
using What = ArticleOutcome::What;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string hash_of(const std::string& text) {
  return winnow::output::hex64(winnow::output::fnv1a64(text));
}

// A job's three places in a temp directory, opened as a run opens them.
struct Place {
  fs::path root;
  State state;
  OutputDir out;
  LineFile manifest;
  std::vector<std::string> errors;  // on_error's (url: why)
  Place() {
    std::string t = (fs::temp_directory_path() / "winnow-commit-XXXXXX").string();
    root = ::mkdtemp(t.data());
    open_all();
  }
  ~Place() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  void open_all() {
    std::string aside, error;
    WriteError werr;
    REQUIRE(state.open((root / "state.sqlite").string(), false, &aside, &error) == State::Opened::kOk);
    REQUIRE(out.open((root / "articles").string(), &werr));
  }
  fs::path manifest_path() const { return root / "manifest.jsonl"; }
  CommitTarget target() {
    return {state, out, manifest, 0, [this](const std::string& u, const std::string& w) { errors.push_back(u + ": " + w); }};
  }
};

std::string line_for(const std::string& url, const std::string& path, const std::string& hash) {
  return "{\"url\":\"" + url + "\",\"site\":\"example.com\",\"path\":\"" + path + "\",\"hash\":\"" + hash +
         "\",\"status\":\"new\"}";
}

// An outcome as a cleaning thread hands it over.
ArticleOutcome outcome(What what, const std::string& url, const std::string& path = "", const std::string& text = "") {
  ArticleOutcome d;
  d.what = what;
  d.task.path = path;
  d.task.row.url = url;
  d.task.row.site = "example.com";
  if (what == What::kWritten) {
    d.is_new = true;
    d.task.row.content_hash = hash_of(text);
    d.task.row.output_path = path;
    d.task.row.manifest_line = line_for(url, path, hash_of(text));
  } else if (what != What::kUnchanged) {
    d.error = "why " + url;
  }
  return d;
}

// The manifest opened and a.html's article written to its file: a batch
// that holds it, ready for commit_batch.
std::deque<ArticleOutcome> batch_with_a(Place& p) {
  std::string error;
  REQUIRE(p.manifest.open(p.manifest_path().string(), &error));
  WriteError werr;
  REQUIRE(p.out.write("example.com/a.txt", "A", Durability::kLater, &werr));
  std::deque<ArticleOutcome> batch;
  batch.push_back(outcome(What::kWritten, "https://example.com/a.html", "example.com/a.txt", "A"));
  return batch;
}

}  // namespace

TEST_CASE("commit_batch: a written article gets its row and one line; skipped and failed ones their rows") {
  Place p;
  std::deque<ArticleOutcome> batch = batch_with_a(p);
  batch.push_back(outcome(What::kEmpty, "https://example.com/b.html"));
  batch.push_back(outcome(What::kNotHtml, "https://example.com/c.html"));
  batch.push_back(outcome(What::kFailed, "https://example.com/d.html"));
  CrawlSummary sum;
  std::string fatal;
  REQUIRE(commit_batch(batch, p.target(), &sum, &fatal));
  CHECK(sum.new_articles == 1);
  CHECK(sum.skipped == 2);
  CHECK(sum.not_html == 1);
  CHECK(sum.failed == 1);
  CHECK(p.errors.size() == 3);
  CHECK(slurp(p.manifest_path()) == line_for("https://example.com/a.html", "example.com/a.txt", hash_of("A")) + "\n");
  auto a = p.state.get("https://example.com/a.html");
  REQUIRE(a);
  CHECK(a->status == Status::kDone);
  CHECK(a->manifested);
  CHECK(p.state.get("https://example.com/b.html")->status == Status::kSkipped);
  auto d = p.state.get("https://example.com/d.html");
  CHECK(d->status == Status::kFailed);
  CHECK(d->attempts == 1);
  CHECK(p.state.meta("manifest.size") == std::optional<std::string>(std::to_string(fs::file_size(p.manifest_path()))));
}

TEST_CASE("commit_batch: a page typed a listing is skipped and counted as one, never written or manifested") {
  Place p;
  std::deque<ArticleOutcome> batch = batch_with_a(p);
  batch.push_back(outcome(What::kListing, "https://example.com/news"));
  CrawlSummary sum;
  std::string fatal;
  REQUIRE(commit_batch(batch, p.target(), &sum, &fatal));
  CHECK(sum.new_articles == 1);
  CHECK(sum.skipped == 1);
  CHECK(sum.listing_pages == 1);
  CHECK(sum.not_html == 0);
  CHECK(p.state.get("https://example.com/news")->status == Status::kSkipped);
  CHECK(slurp(p.manifest_path()) == line_for("https://example.com/a.html", "example.com/a.txt", hash_of("A")) + "\n");
  CHECK(sum.to_string("job").find("1 skipped (0 not HTML, 1 typed listings)") != std::string::npos);
  CrawlSummary none;
  CHECK(none.to_string("job").find("0 skipped (0 not HTML),") != std::string::npos);
}

TEST_CASE("commit_batch: a write fault, or the output removed, commits nothing and counts nothing") {
  Place p;
  std::deque<ArticleOutcome> batch = batch_with_a(p);
  std::string expected;
  SUBCASE("a write fault") {
    ArticleOutcome fault = outcome(What::kWriteFault, "https://example.com/b.html");
    fault.error = "/x/example.com/b.txt: cannot write: No space left on device (ENOSPC)";
    batch.push_back(fault);
    expected = "No space left on device (ENOSPC); the run stops, its articles stay queued for the next run";
  }
  SUBCASE("the output removed after the files were written") {
    fs::remove_all(p.root / "articles");
    expected = "removed or replaced during the run; the run stops";
  }
  CrawlSummary sum;
  std::string fatal;
  CHECK_FALSE(commit_batch(batch, p.target(), &sum, &fatal));
  CHECK(fatal.find(expected) != std::string::npos);
  CHECK_FALSE(p.state.get("https://example.com/a.html"));
  CHECK_FALSE(p.state.get("https://example.com/b.html"));
  CHECK(sum.new_articles + sum.failed == 0);
  CHECK(fs::file_size(p.manifest_path()) == 0);
}

TEST_CASE("recover: a file gone is fetched again in full, under the line it has") {
  Place p;
  std::string text = "A", line = line_for("https://example.com/a.html", "example.com/a.txt", hash_of(text));
  std::ofstream(p.manifest_path()) << line << "\n";
  PageRow row;
  row.url = "https://example.com/a.html";
  row.site = "example.com";
  row.status = Status::kDone;
  row.etag = "\"v1\"";
  row.content_hash = hash_of(text);
  row.output_path = "example.com/a.txt";
  row.manifested = true;
  row.manifest_line = line;
  REQUIRE(p.state.put(row));
  Recovery report;
  std::string error;
  REQUIRE(recover(p.state, p.out, p.manifest_path().string(), p.manifest, false, &report, &error));
  CHECK(report.missing_files == 1);
  auto after = p.state.get(row.url);
  CHECK(after->status == Status::kQueued);
  CHECK(after->etag.empty());                    // a full fetch, not a 304
  CHECK(after->content_hash == row.content_hash);  // the same text goes back under its line
  CHECK(after->manifested);
  CHECK(slurp(p.manifest_path()) == line + "\n");
}

TEST_CASE("recover: an empty state beside a manifest is rebuilt from it, each file checked") {
  Place p;
  WriteError werr;
  REQUIRE(p.out.write("example.com/a.txt", "A", Durability::kNow, &werr));
  REQUIRE(p.out.write("example.com/b.txt", "changed", Durability::kNow, &werr));
  std::string a = line_for("https://example.com/a.html", "example.com/a.txt", hash_of("A"));
  std::string b = line_for("https://example.com/b.html", "example.com/b.txt", hash_of("B"));
  std::ofstream(p.manifest_path()) << a << "\n" << b << "\n" << "not json\n";
  Recovery report;
  std::string error;
  REQUIRE(recover(p.state, p.out, p.manifest_path().string(), p.manifest, false, &report, &error));
  CHECK(report.rebuilt);
  CHECK(report.restored_rows == 2);
  CHECK(p.state.get("https://example.com/a.html")->status == Status::kDone);
  CHECK(p.state.get("https://example.com/b.html")->status == Status::kQueued);  // its file is not its line's
  CHECK(slurp(p.manifest_path()) == a + "\n" + b + "\nnot json\n");            // nothing appended
}

TEST_CASE("recover: lines lost from the manifest come back, once") {
  Place p;
  std::string error;
  WriteError werr;
  REQUIRE(p.out.write("example.com/a.txt", "A", Durability::kNow, &werr));
  std::string line = line_for("https://example.com/a.html", "example.com/a.txt", hash_of("A"));
  std::ofstream(p.manifest_path()) << line << "\n";
  {
    LineFile m;
    REQUIRE(m.open(p.manifest_path().string(), &error));
    REQUIRE(record_manifest(p.state, m));
  }
  PageRow row;
  row.url = "https://example.com/a.html";
  row.site = "example.com";
  row.status = Status::kDone;
  row.content_hash = hash_of("A");
  row.output_path = "example.com/a.txt";
  row.manifested = true;
  row.manifest_line = line;
  REQUIRE(p.state.put(row));
  fs::remove(p.manifest_path());  // deleted between runs
  Recovery report;
  REQUIRE(recover(p.state, p.out, p.manifest_path().string(), p.manifest, false, &report, &error));
  CHECK(report.lost_lines == 1);
  CHECK(slurp(p.manifest_path()) == line + "\n");
  LineFile again;
  Recovery second;
  REQUIRE(recover(p.state, p.out, p.manifest_path().string(), again, false, &second, &error));
  CHECK(second.appended == 0);
  CHECK(slurp(p.manifest_path()) == line + "\n");
}

TEST_CASE("unix_time_of_iso: offsets, Z, and what does not parse") {
  CHECK(unix_time_of_iso("2024-04-02T14:30:00+07:00") == 1712043000);
  CHECK(unix_time_of_iso("2024-04-02T07:30:00Z") == 1712043000);
  CHECK(unix_time_of_iso("2024-04-02T02:30:00-05:00") == 1712043000);
  CHECK(unix_time_of_iso("2024-04-02") == 1712016000);
  CHECK(unix_time_of_iso("yesterday") == -1);
  CHECK(unix_time_of_iso("2024-13-45T99:00:00") == -1);
}

TEST_CASE("process_article: a page the generic extractor types a listing is not written; an article is") {
  Place p;
  Job job;
  job.name = "job";
  job.sites.push_back(JobSite{.name = "example.test"});
  DedupIndex dedup;
  ArticleContext ctx{job, project_rules().sets(), p.out, dedup};
  auto task = [](const std::string& url, const std::string& body, const std::string& path) {
    ArticleTask t;
    t.path = path;
    t.row.url = url;
    t.response.url = t.response.final_url = url;
    t.response.outcome = winnow::fetch::Outcome::kOk;
    t.response.status = 200;
    t.response.content_type = "text/html; charset=utf-8";
    t.response.body = body;
    return t;
  };
  std::string entries;
  for (int i = 0; i < 4; ++i)
    entries += "<div class=\"card\"><h3><a href=\"/news/" + std::to_string(i) +
               "\">A headline long enough to read as one, number " + std::to_string(i) +
               "</a></h3><p>Its summary, a sentence or two about what happened, and where.</p></div>";
  const std::string front = "<!doctype html><html><body><main><h1>News</h1>" + entries + "</main></body></html>";
  ArticleOutcome listing = process_article(ctx, task("https://example.test/news", front, "example.test/news.txt"));
  CHECK(listing.what == What::kListing);
  CHECK(listing.error == "a listing page, not an article (URL /news)");
  CHECK_FALSE(p.out.has_file("example.test/news.txt"));
  const std::string story =
      "<!doctype html><html><head><meta property=\"og:type\" content=\"article\"></head><body><article>"
      "<h1>The river path will be widened</h1><p>The council voted on Tuesday to widen the river path, a plan "
      "that has waited, in one form or another, for eleven years.</p><p>Work starts in March, and the path "
      "should reopen in full by the autumn, with more benches and lights.</p></article></body></html>";
  ArticleOutcome article =
      process_article(ctx, task("https://example.test/news/river-path", story, "example.test/river-path.txt"));
  CHECK(article.what == What::kWritten);
  CHECK(p.out.has_file("example.test/river-path.txt"));
}
