// The output directory (src/output/output_dir.h) and the crawl state
// (src/crawl/state.h): what keeps a crawl from writing where it must not,
// from overwriting another article, and from trusting a damaged database.
#include "output/output_dir.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "crawl/state.h"

namespace fs = std::filesystem;
using winnow::output::Durability;
using winnow::output::OutputDir;
using winnow::output::WriteError;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "winnow-outdir-XXXXXX").string();
    path = ::mkdtemp(t.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

size_t temp_entries(const fs::path& dir) {
  size_t n = 0;
  for (auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().filename().string().rfind(winnow::output::kTempPrefix, 0) == 0) ++n;
  return n;
}

}  // namespace

TEST_CASE("OutputDir: writes HOST/NAME whole, through a temp file that does not stay") {
  TempDir t;
  OutputDir out;
  WriteError err;
  REQUIRE(out.open((t.path / "articles").string(), &err));
  REQUIRE(out.write("example.com/a.txt", "hello\n", Durability::kNow, &err));
  REQUIRE(out.write("example.com/b.txt", "world\n", Durability::kLater, &err));
  REQUIRE(out.sync(&err));
  CHECK(slurp(t.path / "articles/example.com/a.txt") == "hello\n");
  CHECK(slurp(t.path / "articles/example.com/b.txt") == "world\n");
  CHECK(temp_entries(t.path) == 0);
  CHECK(out.has_file("example.com/a.txt"));
  CHECK_FALSE(out.has_file("example.com/zzz.txt"));
  std::string got;
  CHECK(out.read_file("example.com/b.txt", 100, &got));
  CHECK(got == "world\n");
  CHECK_FALSE(out.read_file("example.com/b.txt", 3, &got));  // over the limit
}

TEST_CASE("OutputDir: a symlink at the target is replaced, never written through") {
  TempDir t;
  fs::create_directories(t.path / "articles/example.com");
  std::ofstream(t.path / "victim") << "keep me";
  fs::create_symlink(t.path / "victim", t.path / "articles/example.com/a.txt");
  OutputDir out;
  WriteError err;
  REQUIRE(out.open((t.path / "articles").string(), &err));
  REQUIRE(out.write("example.com/a.txt", "article", Durability::kNow, &err));
  CHECK(slurp(t.path / "victim") == "keep me");
  CHECK_FALSE(fs::is_symlink(t.path / "articles/example.com/a.txt"));
  CHECK(slurp(t.path / "articles/example.com/a.txt") == "article");
}

TEST_CASE("OutputDir: a site directory that is a symlink is refused") {
  TempDir t;
  fs::create_directories(t.path / "articles");
  fs::create_directories(t.path / "elsewhere");
  fs::create_directory_symlink(t.path / "elsewhere", t.path / "articles/example.com");
  OutputDir out;
  WriteError err;
  REQUIRE(out.open((t.path / "articles").string(), &err));
  CHECK_FALSE(out.write("example.com/a.txt", "article", Durability::kNow, &err));
  CHECK((err.code == ELOOP || err.code == ENOTDIR));
  CHECK(err.message.find("example.com: a symbolic link or not a directory, refused") != std::string::npos);
  CHECK(fs::is_empty(t.path / "elsewhere"));
}

TEST_CASE("OutputDir: paths that would leave the directory are refused") {
  TempDir t;
  OutputDir out;
  WriteError err;
  REQUIRE(out.open((t.path / "articles").string(), &err));
  for (const char* bad : {"../x.txt", "/etc/x.txt", "a/../../x.txt", "", "a//b.txt", "./x"}) {
    CAPTURE(bad);
    CHECK_FALSE(out.write(bad, "x", Durability::kNow, &err));
  }
  CHECK_FALSE(fs::exists(t.path / "x.txt"));
}

TEST_CASE("OutputDir: a directory removed or replaced during the run is noticed") {
  TempDir t;
  OutputDir out;
  WriteError err;
  std::string why;
  REQUIRE(out.open((t.path / "articles").string(), &err));
  REQUIRE(out.write("example.com/a.txt", "a", Durability::kNow, &err));
  CHECK(out.still_there(&why));
  SUBCASE("the site directory replaced") {
    fs::rename(t.path / "articles/example.com", t.path / "moved");
    fs::create_directories(t.path / "articles/example.com");
    CHECK_FALSE(out.still_there(&why));
    CHECK(why.find("example.com: removed or replaced during the run") != std::string::npos);
  }
  SUBCASE("the whole directory removed: no file can be created in it") {
    fs::remove_all(t.path / "articles");
    CHECK_FALSE(out.still_there(&why));
    CHECK_FALSE(out.write("example.com/b.txt", "b", Durability::kNow, &err));
    CHECK_FALSE(out.write("other.org/b.txt", "b", Durability::kNow, &err));
    CHECK_FALSE(fs::exists(t.path / "articles"));
  }
}

TEST_CASE("OutputDir: the sweep removes temp entries of every kind, and only the entries") {
  TempDir t;
  fs::path a = t.path / "articles";
  fs::create_directories(a / "example.com" / ".winnow-tmp-dir" / "inner");
  std::ofstream(t.path / "victim") << "keep me";
  std::ofstream(a / "example.com" / "real.txt") << "an article";
  std::ofstream(a / "example.com" / ".winnow-tmp-file") << "half";
  fs::create_symlink(t.path / "victim", a / ".winnow-tmp-link");
  fs::create_symlink("/nonexistent/x", a / "example.com" / ".winnow-tmp-dangling");
  REQUIRE(::mkfifo((a / "example.com" / ".winnow-tmp-fifo").c_str(), 0644) == 0);
  OutputDir out;
  WriteError err;
  REQUIRE(out.open(a.string(), &err));
  CHECK(out.sweep_temp() == 5);
  CHECK(temp_entries(t.path) == 0);
  CHECK(slurp(t.path / "victim") == "keep me");
  CHECK(slurp(a / "example.com" / "real.txt") == "an article");
}

TEST_CASE("State: output paths have one owner; claims come queued, failed, then disallowed") {
  using namespace winnow::crawl;
  TempDir t;
  State state;
  std::string aside, error;
  REQUIRE(state.open((t.path / "state.sqlite").string(), false, &aside, &error) == State::Opened::kOk);
  CHECK_FALSE(state.has_articles());
  auto row = [](std::string url, Status status) {
    PageRow r;
    r.url = std::move(url);
    r.site = "example.com";
    r.status = status;
    return r;
  };
  PageRow written = row("https://example.com/a/same.html", Status::kDone);
  written.output_path = "example.com/same.txt";
  REQUIRE(state.put(written));
  REQUIRE(state.put(row("https://example.com/d.html", Status::kDisallowed)));
  REQUIRE(state.put(row("https://example.com/f.html", Status::kFailed)));
  REQUIRE(state.put(row("https://example.com/q.html", Status::kQueued)));
  CHECK(state.has_articles());
  CHECK(state.path_owner("example.com/same.txt") == std::optional<std::string>("https://example.com/a/same.html"));
  CHECK_FALSE(state.path_owner("example.com/other.txt"));
  std::vector<PageRow> claimed = state.claim_articles(1, 5, 10);
  REQUIRE(claimed.size() == 3);
  CHECK(claimed[0].url == "https://example.com/q.html");
  CHECK(claimed[1].url == "https://example.com/f.html");
  CHECK(claimed[2].url == "https://example.com/d.html");
  CHECK(state.claim_articles(1, 5, 10).empty());  // one claim a run
  REQUIRE(state.set_meta("manifest.size", "42"));
  CHECK(state.meta("manifest.size") == std::optional<std::string>("42"));
}

TEST_CASE("State: a damaged database is refused untouched; set aside, a new one is made") {
  using namespace winnow::crawl;
  TempDir t;
  std::string path = (t.path / "state.sqlite").string(), aside, error;
  std::ofstream(path) << "this is not a database, only text where one should be";
  {
    State state;
    CHECK(state.open(path, false, &aside, &error) == State::Opened::kDamaged);
    CHECK(error.find("the state database is damaged") != std::string::npos);
  }
  CHECK(slurp(path) == "this is not a database, only text where one should be");
  State state;
  CHECK(state.open(path, true, &aside, &error) == State::Opened::kOk);
  CHECK(aside.rfind(path + ".replaced-", 0) == 0);
  CHECK(slurp(aside) == "this is not a database, only text where one should be");
  CHECK_FALSE(state.has_articles());
}

TEST_CASE("State: a second open of one job's state is refused while the first holds it") {
  using namespace winnow::crawl;
  TempDir t;
  std::string path = (t.path / "state.sqlite").string(), aside, error;
  State first, second;
  REQUIRE(first.open(path, false, &aside, &error) == State::Opened::kOk);
  CHECK(second.open(path, false, &aside, &error) == State::Opened::kLocked);
  CHECK(error.find("another run of this job holds") != std::string::npos);
}
