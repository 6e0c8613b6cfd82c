// The WCXB set (src/eval/wcxb_dataset.cc, python_literal), its metric
// (wcxb_metric, unicode_lower) and the metadata comparisons (meta_accuracy).
// Expected tokens are what Python 3.11's re.findall(r'\w+', text.lower())
// gives for the same strings.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "eval/dataset.h"
#include "eval/meta_accuracy.h"
#include "eval/python_literal.h"
#include "eval/unicode_lower.h"
#include "eval/wcxb_metric.h"
#include "temp_dir.h"

using namespace winnow;
using namespace winnow::eval;
using Tokens = std::vector<std::string>;

namespace {

// A WCXB set of the given ground-truth files (name -> JSON), each with a page.
std::string wcxb_set(const TempDir& d, const std::vector<std::pair<std::string, std::string>>& files) {
  std::filesystem::create_directories(d.file("ground-truth"));
  std::filesystem::create_directories(d.file("html"));
  for (const auto& [id, json] : files) {
    d.write("ground-truth/" + id + ".json", json);
    d.write("html/" + id + ".html.gz", "");
  }
  return d.dir();
}

}  // namespace

TEST_CASE("wcxb tokens: Python's \\w+ on str.lower()") {
  CHECK(word_tokens("Café NAÏVE déjà-vu") == Tokens{"café", "naïve", "déjà", "vu"});
  CHECK(word_tokens("Thứ Tư, 12/3/2025: Hà Nội ĐÔNG người") ==
        Tokens{"thứ", "tư", "12", "3", "2025", "hà", "nội", "đông", "người"});
  CHECK(word_tokens("東京で2024年に開催") == Tokens{"東京で2024年に開催"});  // no spaces, one token
  CHECK(word_tokens("한국어 텍스트") == Tokens{"한국어", "텍스트"});
  CHECK(word_tokens("snake_case x_1 42.5 ³ Ⅻ") == Tokens{"snake_case", "x_1", "42", "5", "³", "ⅻ"});
  CHECK(word_tokens("don't stop—now") == Tokens{"don", "t", "stop", "now"});
  // Combining marks are not \w in Python: a decomposed é, a Devanagari virama split.
  CHECK(word_tokens("e\u0301te\u0301") == Tokens{"e", "te"});
  CHECK(word_tokens("नमस्ते") == Tokens{"नमस", "त"});
  // İ lowercases to i + U+0307 (a mark): two tokens, as in Python.
  CHECK(word_tokens("İstanbul") == Tokens{"i", "stanbul"});
  CHECK(word_tokens("").empty());
}

TEST_CASE("lower_unicode: str.lower(), Final_Sigma, invalid bytes kept") {
  CHECK(lower_unicode("ĐÔNG ÀÉÎ Straße ΑΒΓ") == "đông àéî straße αβγ");
  // Σ is ς at a word's end after a cased letter, else σ.
  CHECK(lower_unicode("ΟΔΟΣ ΟΔΟΣ. ΣΑ Σ") == "\u03bf\u03b4\u03bf\u03c2 \u03bf\u03b4\u03bf\u03c2. \u03c3\u03b1 \u03c3");
  CHECK(lower_unicode("A\xff\xfe") == "a\xff\xfe");
}

TEST_CASE("wcxb word scores: bags of words and the edge cases") {
  WordScore s = score_words("the cat sat on the mat", "The cat, the cat sat");
  // Predicted 5 tokens (the cat the cat sat), truth 6; overlap: the×2, cat×1, sat.
  CHECK(s.precision == doctest::Approx(4.0 / 5));
  CHECK(s.recall == doctest::Approx(4.0 / 6));
  CHECK(s.f1 == doctest::Approx(2 * 0.8 * (4.0 / 6) / (0.8 + 4.0 / 6)));
  s = score_words("", "");
  CHECK((s.precision == 1 && s.recall == 1 && s.f1 == 1));
  s = score_words("", "something");
  CHECK((s.precision == 0 && s.recall == 0 && s.f1 == 0));
  s = score_words("truth", "");
  CHECK((s.precision == 0 && s.recall == 0 && s.f1 == 0));
  CHECK(snippet_rate("Hà Nội is the CAPITAL.", {"hà nội", "the capital", "Sài Gòn"}) == doctest::Approx(2.0 / 3));
  CHECK(snippet_rate("anything", {}) == 1);  // none to find: 1, as the script counts it
}

TEST_CASE("wcxb means: overall and per type, the benchmark's order") {
  std::vector<WordPage> pages = {{"forum", {0.5, 0.5, 0.5}, 1, 0}, {"article", {1, 1, 1}, 1, 0},
                                 {"article", {0, 0, 0}, 0, 1}, {"recipe", {1, 0.5, 0.6}, 0.5, 0}};
  WordFigures f = summarize_words(pages);
  CHECK(f.all.pages == 4);
  CHECK(f.all.f1 == doctest::Approx((0.5 + 1 + 0 + 0.6) / 4));
  CHECK(f.all.without_rate == doctest::Approx(0.25));
  REQUIRE(f.by_type.size() == 3);
  CHECK(f.by_type[0].type == "article");
  CHECK(f.by_type[0].f1 == doctest::Approx(0.5));
  CHECK(f.by_type[1].type == "forum");
  CHECK(f.by_type[2].type == "recipe");  // a type the benchmark does not list: last
}

TEST_CASE("python literal: a repr()'d dict") {
  nlohmann::json j;
  std::string error;
  REQUIRE(parse_python_literal(R"({'title': "It's", 'author': None, 'n': 3, 'ok': True,
      'with': ['a\nb', 'caf\xe9 \u2019 \U0001F600'], 'x': (1.5, -2), 'q': 'say "hi"',})",
                               &j, &error));
  CHECK(j["title"] == "It's");
  CHECK(j["author"].is_null());
  CHECK(j["n"] == 3);
  CHECK(j["ok"] == true);
  CHECK(j["with"][0] == "a\nb");
  CHECK(j["with"][1] == "café \u2019 \U0001F600");
  CHECK(j["x"][0] == 1.5);
  CHECK(j["q"] == "say \"hi\"");
  CHECK_FALSE(parse_python_literal("{'a': 'open", &j, &error));
  CHECK(error == "a string with no closing quote at character 12");
  CHECK_FALSE(parse_python_literal("{'a': 1} extra", &j, &error));
  CHECK(error == "text after the literal at character 10");
  CHECK_FALSE(parse_python_literal("{'a': \\q}", &j, &error));
  CHECK(error.rfind("not a Python literal", 0) == 0);
}

TEST_CASE("wcxb set: both ground_truth encodings, missing fields, page type") {
  TempDir d;
  std::string dir = wcxb_set(
      d, {{"0002", R"({"url": "https://b.example/", "_internal": {"page_type": {"primary": "forum"}},
                      "ground_truth": {"title": "B", "author": null, "publish_date": null,
                                       "main_content": "Post one.", "with": ["Post one"], "without": []}})"},
          // ground_truth as a Python dict literal in a string; no url, no page type
          {"0001", R"({"ground_truth": "{'title': 'Tiêu đề', 'author': 'An and Bình', 'publish_date': '2025-03-12', 'main_content': 'Nội dung.\\nHết.', 'with': ['Nội dung'], 'without': ['Quảng cáo']}"})"},
          // no main_content (an empty truth, as the benchmark's script reads it); "category" is "collection"
          {"0003", R"({"url": "https://c.example/", "_internal": {"page_type": {"primary": "category"}},
                      "ground_truth": {"title": "C", "with": [], "without": []}})"}});
  Dataset set;
  std::string error;
  REQUIRE(load_dataset(dir, &set, &error));
  CHECK(set.kind == Dataset::Kind::kWcxb);
  REQUIRE(set.pages.size() == 3);
  const EvalPage& a = set.pages[0];
  CHECK(a.id == "0001");
  CHECK(a.url.empty());
  CHECK(a.facts.type == "article");
  CHECK(a.facts.title == "Tiêu đề");
  CHECK(a.facts.author == "An and Bình");
  CHECK(a.facts.date == "2025-03-12");
  CHECK(a.truth == "Nội dung.\nHết.");
  CHECK(a.facts.without == std::vector<std::string>{"Quảng cáo"});
  CHECK(a.html_path == (std::filesystem::path(dir) / "html" / "0001.html.gz").string());
  CHECK(set.pages[1].facts.type == "forum");
  CHECK(set.pages[1].facts.author.empty());
  CHECK(set.pages[1].url == "https://b.example/");
  CHECK(set.pages[2].facts.type == "collection");
  CHECK(set.pages[2].truth.empty());
}

TEST_CASE("wcxb set: a broken file is one line naming it") {
  TempDir d;
  std::string dir = wcxb_set(d, {{"0001", R"({"ground_truth": {"title": "A", "main_content": "x"}})"}});
  Dataset set;
  std::string error;
  std::string file = d.write("ground-truth/0002.json", "{\"ground_truth\": {\"title\": ");
  CHECK_FALSE(load_dataset(dir, &set, &error));
  CHECK(error.rfind(file + ": not valid JSON: parse error", 0) == 0);
  CHECK(error.find('\n') == std::string::npos);
  d.write("ground-truth/0002.json", R"({"url": "https://x.example/"})");
  CHECK_FALSE(load_dataset(dir, &set, &error));
  CHECK(error == file + ": no ground_truth in it");
  d.write("ground-truth/0002.json", R"({"ground_truth": {"main_content": 7}})");
  CHECK_FALSE(load_dataset(dir, &set, &error));
  CHECK(error == file + ": ground_truth.main_content is a number, not a string");
  d.write("ground-truth/0002.json", R"({"ground_truth": {"with": "one snippet"}})");
  CHECK_FALSE(load_dataset(dir, &set, &error));
  CHECK(error == file + ": ground_truth.with is a string, not a list of snippets");
  d.write("ground-truth/0002.json", R"({"ground_truth": "{'title': 'cut"})");
  CHECK_FALSE(load_dataset(dir, &set, &error));
  CHECK(error == file + ": ground_truth is a string but not a Python dict literal: a string with no closing quote "
                        "at character 15");
}

TEST_CASE("title: whitespace collapsed, typographic quotes folded, case kept") {
  CHECK(judge_title("  We've  Compiled\u00a0the Top 7 ", std::string("We\u2019ve Compiled the Top 7")) ==
        MetaVerdict::kRight);
  CHECK(judge_title("Hà Nội\nhôm nay", std::string("Hà Nội hôm nay")) == MetaVerdict::kRight);
  CHECK(judge_title("Hà Nội", std::string("hà nội")) == MetaVerdict::kWrong);  // case-sensitive
  CHECK(judge_title("What is Cloud Computing?", std::string("What is Cloud Computing? | Google Cloud")) ==
        MetaVerdict::kWrong);
  CHECK(judge_title("A &amp; B", std::string("A & B")) == MetaVerdict::kWrong);  // entities are the extractor's
  CHECK(judge_title("Title", std::nullopt) == MetaVerdict::kWrong);
  CHECK(judge_title("  ", std::string("Anything")) == MetaVerdict::kNotScored);
}

TEST_CASE("authors: names as sets, case and spacing ignored, empty truths") {
  CHECK(split_names("Thomas Broderick, Nalea Ko, and ACO Rankings Team") ==
        std::vector<std::string>{"Thomas Broderick", "Nalea Ko", "ACO Rankings Team"});
  CHECK(split_names("Maria & Katerina; Bình Minh và  An") ==
        std::vector<std::string>{"Maria", "Katerina", "Bình Minh", "An"});
  CHECK(author_names("Jared NEWMAN AND Sam Singleton") == std::vector<std::string>{"jared newman", "sam singleton"});
  CHECK(judge_authors("Manoj Jain and Jagpreet Chhatwal", {"jagpreet chhatwal", "Manoj  Jain"}) == MetaVerdict::kRight);
  CHECK(judge_authors("Manoj Jain and Jagpreet Chhatwal", {"Manoj Jain"}) == MetaVerdict::kWrong);
  CHECK(judge_authors("Manoj Jain", {"Manoj Jain", "The Commercial Appeal"}) == MetaVerdict::kWrong);
  CHECK(judge_authors("Brian Truitt", {"USA TODAY"}) == MetaVerdict::kWrong);
  CHECK(judge_authors("Brian Truitt", {}) == MetaVerdict::kWrong);
  // A truth with no author: right only if none is given.
  CHECK(judge_authors("", {}) == MetaVerdict::kRight);
  CHECK(judge_authors("", {"Accruent"}) == MetaVerdict::kWrong);
  Article art;
  art.byline = "Bình Minh, Hoàng An";
  CHECK(predicted_authors(art) == std::vector<std::string>{"Bình Minh", "Hoàng An"});
  CHECK(predicted_authors(Article{}).empty());
}

TEST_CASE("date: the truth's date part against published") {
  CHECK(judge_date("2025-09-04", std::string("2025-09-04T10:00:00+07:00")) == MetaVerdict::kRight);
  CHECK(judge_date("2025-09-04", std::string("2025-09-04")) == MetaVerdict::kRight);
  CHECK(judge_date("2023-05-18", std::string("2023-05-17T23:00:00-05:00")) == MetaVerdict::kWrong);  // as stated
  CHECK(judge_date("2025-09", std::string("2025-09-30T08:00:00")) == MetaVerdict::kRight);  // a month-only truth
  CHECK(judge_date("2025-09", std::string("2025-10-01")) == MetaVerdict::kWrong);
  CHECK(judge_date("2025-09-04", std::nullopt) == MetaVerdict::kWrong);
  CHECK(judge_date("", std::string("2025-09-04")) == MetaVerdict::kNotScored);
  CHECK(judge_date("last week", std::string("2025-09-04")) == MetaVerdict::kNotScored);
}

TEST_CASE("metadata counts: articles only; named authors apart") {
  PageTruth article{.type = "article", .title = "T", .author = "", .date = "2025-01-01"};
  PageTruth named{.type = "article", .title = "U", .author = "An", .date = ""};
  PageTruth forum{.type = "forum", .title = "F", .author = "Bo", .date = "2025-01-01"};
  std::vector<PageResult> results(3);
  results[0].title_ok = MetaVerdict::kRight;
  results[0].authors_ok = MetaVerdict::kRight;
  results[0].date_ok = MetaVerdict::kWrong;
  results[0].date_either_ok = MetaVerdict::kRight;  // its modified is the truth's date
  results[1].title_ok = MetaVerdict::kWrong;
  results[1].authors_ok = MetaVerdict::kRight;
  results[2].title_ok = MetaVerdict::kRight;  // not an article: not counted
  MetaFigures m = summarize_meta({&article, &named, &forum}, results);
  CHECK(m.articles == 2);
  CHECK((m.title.right == 1 && m.title.scored == 2));
  CHECK((m.authors.right == 2 && m.authors.scored == 2));
  CHECK((m.authors_named.right == 1 && m.authors_named.scored == 1));
  CHECK((m.date.right == 0 && m.date.scored == 1));
  CHECK(m.date.rate() == 0);
  CHECK((m.date_either.right == 1 && m.date_either.scored == 1));
  CHECK(MetaCount{}.rate() == 0);
}

TEST_CASE("predictions with metadata: written and read back") {
  TempDir d;
  Predictions out = {{"0001", {.text = "Body", .title = "Tiêu đề", .author = "An, Bình", .published = "2025-03-12",
                               .modified = "2025-03-13"}},
                     {"0002", {.text = "Other"}}};
  std::string json = predictions_json(out, true);
  CHECK(json.find("\"publish_date\": null") != std::string::npos);
  Predictions in;
  std::string error;
  REQUIRE(load_predictions(d.write("p.json", json), &in, &error));
  CHECK(in == out);
  std::string bad = d.write("bad.json", R"({"0001": {"articleBody": "x", "title": 3}})");
  CHECK_FALSE(load_predictions(bad, &in, &error));
  CHECK(error == bad + ": page \"0001\": title is a number, not a string");
}
