// Evaluation sets and predictions on disk (src/eval/dataset.h): both set
// shapes, both predictions shapes, gzip, and one-line errors naming the file.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gzip_test_util.h"
#include "eval/dataset.h"

namespace fs = std::filesystem;
using namespace winnow::eval;

namespace {

// A fresh directory under the system temp dir, removed at the end.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "winnow-eval-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
  std::string put(const std::string& name, const std::string& content) const {
    fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
};

}  // namespace

TEST_CASE("gunzip: round trip, members, truncation, the size cap") {
  std::string page = "<html><body><p>Xin chào</p></body></html>";
  std::string out, why;
  REQUIRE(gunzip(gzip(page), kMaxPageBytes, &out, &why));
  CHECK(out == page);
  // Concatenated members inflate to the concatenation, as gzip -d does.
  REQUIRE(gunzip(gzip("ab") + gzip("cd"), kMaxPageBytes, &out, &why));
  CHECK(out == "abcd");
  std::string gz = gzip(page);
  CHECK_FALSE(gunzip(gz.substr(0, gz.size() / 2), kMaxPageBytes, &out, &why));
  CHECK(why == "truncated gzip data");
  // 1 MB of zeros compresses to about 1 KB: a bomb stops at the cap.
  CHECK_FALSE(gunzip(gzip(std::string(1 << 20, '\0')), 1000, &out, &why));
  CHECK(why.find("inflates to more than") == 0);
}

TEST_CASE("a benchmark: ground truth, gzipped pages, url") {
  TempDir d;
  d.put("ground-truth.json", R"({"b": {"articleBody": "Second", "url": "https://b.example/x"},
                                 "a": {"articleBody": "First page", "url": "https://a.example/"}})");
  d.put("html/a.html.gz", gzip("<p>First page</p>"));
  d.put("html/b.html", "<p>Second</p>");  // an uncompressed page is read too
  Dataset set;
  std::string error;
  REQUIRE(load_dataset(d.path.string(), &set, &error));
  CHECK(set.kind == Dataset::Kind::kBenchmark);
  REQUIRE(set.pages.size() == 2);
  CHECK(set.pages[0].id == "a");  // sorted by id
  CHECK(set.pages[0].url == "https://a.example/");
  CHECK(set.pages[0].truth == "First page");
  std::string bytes;
  REQUIRE(read_page_bytes(set.pages[0].html_path, &bytes, &error));
  CHECK(bytes == "<p>First page</p>");
  REQUIRE(read_page_bytes(set.pages[1].html_path, &bytes, &error));
  CHECK(bytes == "<p>Second</p>");
}

TEST_CASE("a benchmark: errors are one line naming the file") {
  TempDir d;
  Dataset set;
  std::string error;
  std::string truth = d.put("ground-truth.json", "{\"a\": {\"articleBody\": 3}}");
  CHECK_FALSE(load_dataset(d.path.string(), &set, &error));
  CHECK(error == truth + ": page \"a\": articleBody is a number, not a string");
  d.put("ground-truth.json", "{\"a\": ");
  CHECK_FALSE(load_dataset(d.path.string(), &set, &error));
  CHECK(error.rfind(truth + ": not valid JSON: parse error at line 1", 0) == 0);
  CHECK(error.find('\n') == std::string::npos);
  d.put("ground-truth.json", "{\"../x\": {\"articleBody\": \"\"}}");
  CHECK_FALSE(load_dataset(d.path.string(), &set, &error));
  CHECK(error == truth + ": page id \"../x\" is not a file name");
  d.put("ground-truth.json", "[]");
  CHECK_FALSE(load_dataset(d.path.string(), &set, &error));
  CHECK(error.rfind(truth + ": not a JSON object", 0) == 0);

  d.put("ground-truth.json", "{\"a\": {\"articleBody\": \"x\"}}");
  REQUIRE(load_dataset(d.path.string(), &set, &error));
  std::string bytes;
  CHECK_FALSE(read_page_bytes(set.pages[0].html_path, &bytes, &error));
  CHECK(error == (d.path / "html/a.html.gz").string() + ": cannot open: No such file or directory");
  std::string not_gz = d.put("html/a.html.gz", "<p>plain</p>");
  CHECK_FALSE(read_page_bytes(not_gz, &bytes, &error));
  CHECK(error == not_gz + ": not gzip data (no gzip header)");
  std::string cut = d.put("html/a.html.gz", gzip("<p>plain text, long enough</p>").substr(0, 20));
  CHECK_FALSE(read_page_bytes(cut, &bytes, &error));
  CHECK(error == cut + ": truncated gzip data");
}

TEST_CASE("fixtures: NAME.html beside NAME.clean.txt, recursively") {
  TempDir d;
  d.put("site.vn/one.html", "<p>One</p>");
  d.put("site.vn/one.clean.txt", "One\n");
  d.put("site.vn/lonely.html", "<p>no expected text: not a page of the set</p>");
  d.put("other/two.html", "<p>Two</p>");
  d.put("other/two.clean.txt", "Two\n");
  Dataset set;
  std::string error;
  REQUIRE(load_dataset(d.path.string(), &set, &error));
  CHECK(set.kind == Dataset::Kind::kFixtures);
  REQUIRE(set.pages.size() == 2);
  CHECK(set.pages[0].id == "other/two");
  CHECK(set.pages[1].id == "site.vn/one");
  CHECK(set.pages[1].truth == "One\n");
  CHECK(set.pages[1].url.empty());  // the page's own canonical decides

  TempDir empty;
  CHECK_FALSE(load_dataset(empty.path.string(), &set, &error));
  CHECK(error.rfind(empty.path.string() + ": no pages", 0) == 0);
  CHECK_FALSE(load_dataset((empty.path / "missing").string(), &set, &error));
  CHECK(error == (empty.path / "missing").string() + ": not a directory");
}

TEST_CASE("predictions: both shapes, null bodies, written back") {
  TempDir d;
  Predictions p;
  std::string error;
  REQUIRE(load_predictions(d.put("plain.json", R"({"a": {"articleBody": "Text A"}, "b": {"articleBody": null}})"),
                           &p, &error));
  CHECK(p.size() == 2);
  CHECK(p["a"].text == "Text A");
  CHECK(p["b"].text.empty());
  CHECK_FALSE(p["a"].title);  // no metadata keys: none given
  REQUIRE(load_predictions(
      d.put("wrapped.json", R"({"version": "2.0.0", "output": {"a": {"articleBody": "Wrapped"}}})"), &p, &error));
  CHECK(p.size() == 1);
  CHECK(p["a"].text == "Wrapped");
  // WCXB evaluate.py's shape: the text itself.
  REQUIRE(load_predictions(d.put("wcxb.json", R"({"a": "just text"})"), &p, &error));
  CHECK(p["a"].text == "just text");
  std::string bad = d.put("bad.json", R"({"a": 3})");
  CHECK_FALSE(load_predictions(bad, &p, &error));
  CHECK(error == bad + ": page \"a\": not an object with an articleBody");

  Predictions out = {{"b", {.text = "Hà Nội"}}, {"a", {.text = "x \"quoted\""}}};
  std::string json = predictions_json(out);
  CHECK(json == "{\n  \"a\": {\n    \"articleBody\": \"x \\\"quoted\\\"\"\n  },\n"
                "  \"b\": {\n    \"articleBody\": \"Hà Nội\"\n  }\n}\n");
  REQUIRE(load_predictions(d.put("round.json", json), &p, &error));
  CHECK(p == out);
}
