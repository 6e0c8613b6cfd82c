// The benchmark's metric (src/eval/metric.h) on cases small enough to work
// out by hand. Expected tokens were produced by Python 3.11's
// `re.findall(r"\w+", s)`, the reference the benchmark's figures come from.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "eval/metric.h"

using winnow::eval::PageScore;
using winnow::eval::score_page;
using winnow::eval::shingles;
using winnow::eval::summarize;
using winnow::eval::tokenize;
using Tokens = std::vector<std::string>;

TEST_CASE("tokenize: as Python's \\w+ (letters, numbers, underscore; marks separate)") {
  CHECK(tokenize("") == Tokens{});
  CHECK(tokenize("  \n\t ") == Tokens{});
  CHECK(tokenize("Café déjà-vu") == Tokens{"Café", "déjà", "vu"});
  // Vietnamese, precomposed (NFC): each word one token.
  CHECK(tokenize("Tiếng Việt có dấu: Hà Nội, Đà Nẵng.") ==
        Tokens{"Tiếng", "Việt", "có", "dấu", "Hà", "Nội", "Đà", "Nẵng"});
  // Decomposed (NFD): combining marks (Mn) are not \w, so they cut words.
  CHECK(tokenize("Cafe\u0301 noir") == Tokens{"Cafe", "noir"});
  CHECK(tokenize("Tie\u0302\u0301ng Vie\u0323\u0302t") == Tokens{"Tie", "ng", "Vie", "t"});
  // Devanagari vowel signs are marks (Mc/Mn) too: "हिन्दी" is three tokens.
  CHECK(tokenize("हिन्दी") == Tokens{"ह", "न", "द"});
  // Digits of any script, No (²) and Nl (Ⅻ) are \w; '.' and ',' separate.
  CHECK(tokenize("snake_case 3.14 1,000 x² Ⅻ ٣٤ __init__") ==
        Tokens{"snake_case", "3", "14", "1", "000", "x²", "Ⅻ", "٣٤", "__init__"});
  // CJK runs are one token up to punctuation (no word segmentation).
  CHECK(tokenize("日本語のテキスト。中文，한국어") == Tokens{"日本語のテキスト", "中文", "한국어"});
  CHECK(tokenize("don't won’t") == Tokens{"don", "t", "won", "t"});
  CHECK(tokenize("I ❤ NY 🇻🇳!") == Tokens{"I", "NY"});
  CHECK(tokenize("ﬁne straße ÅNGSTRÖM") == Tokens{"ﬁne", "straße", "ÅNGSTRÖM"});
  // Bytes that are not UTF-8 separate (Python never sees them: it decodes first).
  CHECK(tokenize("ab\xff" "cd") == Tokens{"ab", "cd"});
}

TEST_CASE("shingles: runs of 4; a shorter text is one shingle; an empty one none") {
  CHECK(shingles({}) == Tokens{});
  CHECK(shingles({"a"}) == Tokens{"a"});
  CHECK(shingles({"a", "b", "c"}) == Tokens{"a b c"});
  CHECK(shingles({"a", "b", "c", "d"}) == Tokens{"a b c d"});
  CHECK(shingles({"a", "b", "c", "d", "e", "f"}) == Tokens{"a b c d", "b c d e", "c d e f"});
}

TEST_CASE("score_page: hand-computed pages") {
  SUBCASE("prediction misses the end") {
    // truth a b c d e -> {abcd, bcde}; predicted a b c d -> {abcd}.
    // tp 1, fp 0, fn 1; sum 2 -> 0.5, 0, 0.5. P = .5/.5 = 1, R = .5/1 = 0.5.
    PageScore s = score_page("a b c d e", "a b c d");
    CHECK(s.tp == 0.5);
    CHECK(s.fp == 0);
    CHECK(s.fn == 0.5);
    CHECK(s.precision == 1);
    CHECK(s.recall == 0.5);
    CHECK(s.f1() == doctest::Approx(2.0 / 3));  // 2 * 1 * .5 / 1.5
    CHECK_FALSE(s.exact);
  }
  SUBCASE("prediction has extra text") {
    // truth 1 2 3 4 -> {1234}; predicted 1 2 3 4 5 6 -> {1234, 2345, 3456}.
    // tp 1, fp 2, fn 0; sum 3. P = 1/3, R = 1, F1 = 2(1/3)/(4/3) = 0.5.
    PageScore s = score_page("one two three four", "one two three four five six");
    CHECK(s.precision == doctest::Approx(1.0 / 3));
    CHECK(s.recall == 1);
    CHECK(s.f1() == doctest::Approx(0.5));
  }
  SUBCASE("shingles count as multisets, not sets") {
    // truth: six x -> "x x x x" three times; predicted: four x -> once.
    // tp = min(3, 1) = 1, fp 0, fn 2: P 1, R 1/3 (a set would give R 1).
    PageScore s = score_page("x x x x x x", "x x x x");
    CHECK(s.precision == 1);
    CHECK(s.recall == doctest::Approx(1.0 / 3));
  }
  SUBCASE("punctuation and whitespace do not count; case does") {
    PageScore same = score_page("Hello world", "Hello,\n  world!");
    CHECK(same.precision == 1);
    CHECK(same.recall == 1);
    CHECK(same.exact);
    PageScore cased = score_page("The cat sat down", "the cat sat down");
    CHECK(cased.precision == 0);
    CHECK(cased.recall == 0);
  }
  SUBCASE("a short text is all or nothing") {
    // "Hello world" and "Hello world again" are one shingle each, different:
    // tp 0, fp 1, fn 1 -> P 0, R 0, though two of three words agree.
    PageScore s = score_page("Hello world", "Hello world again");
    CHECK(s.precision == 0);
    CHECK(s.recall == 0);
    CHECK(s.f1() == 0);
  }
  SUBCASE("nothing predicted") {
    // tp 0, fp 0, fn 1: P 0 (tp = fp = 0), R 0; left out of the precision mean.
    PageScore s = score_page("Some article text here", "");
    CHECK(s.precision == 0);
    CHECK(s.recall == 0);
    CHECK_FALSE(s.has_prediction());
    CHECK(s.has_truth());
  }
  SUBCASE("empty truth, something predicted") {
    // tp 0, fp 1, fn 0: P 0, R 0 (tp = fn = 0); left out of the recall mean.
    PageScore s = score_page("", "menu login share");
    CHECK(s.precision == 0);
    CHECK(s.recall == 0);
    CHECK(s.has_prediction());
    CHECK_FALSE(s.has_truth());
  }
  SUBCASE("both empty: perfect, exact, and in neither mean") {
    // fp = fn = 0 is tested first: P 1, R 1.
    PageScore s = score_page("", " ... ");
    CHECK(s.precision == 1);
    CHECK(s.recall == 1);
    CHECK(s.exact);
    CHECK_FALSE(s.has_prediction());
    CHECK_FALSE(s.has_truth());
  }
  SUBCASE("exact compares tokens, not text") {
    CHECK(score_page("A — b, c.\n\nd e", "A b c d e").exact);
    CHECK_FALSE(score_page("a b c d e", "a b c d e e").exact);
  }
}

TEST_CASE("summarize: means over the pages that count, F1 of the means") {
  // A: P 1, R .5.  B: nothing predicted (P 0, R 0).  C: both empty (exact).
  // D: P 1/3, R 1.
  std::vector<PageScore> pages = {
      score_page("a b c d e", "a b c d"),
      score_page("Some article text here", ""),
      score_page("", ""),
      score_page("one two three four", "one two three four five six"),
  };
  auto s = summarize(pages);
  CHECK(s.pages == 4);
  // Precision over A and D (B and C predicted nothing): (1 + 1/3) / 2 = 2/3.
  CHECK(s.precision_pages == 2);
  CHECK(s.precision == doctest::Approx(2.0 / 3));
  // Recall over A, B and D (C has no truth): (.5 + 0 + 1) / 3 = 0.5.
  CHECK(s.recall_pages == 3);
  CHECK(s.recall == doctest::Approx(0.5));
  // F1 of the means: 2 (2/3)(1/2) / (2/3 + 1/2) = (2/3) / (7/6) = 4/7.
  CHECK(s.f1 == doctest::Approx(4.0 / 7));
  // Only C's token lists are equal: 1/4.
  CHECK(s.accuracy == 0.25);
}

TEST_CASE("summarize: edge cases") {
  SUBCASE("no pages") {
    auto s = summarize({});
    CHECK(s.pages == 0);
    CHECK(s.f1 == 0);
    CHECK(s.accuracy == 0);
  }
  SUBCASE("nothing predicted anywhere: 0, not NaN, so a floor fails") {
    auto s = summarize({score_page("a b c d", ""), score_page("e f g h", "")});
    CHECK(s.precision_pages == 0);
    CHECK(s.precision == 0);
    CHECK(s.recall == 0);
    CHECK(s.f1 == 0);
  }
  SUBCASE("every page perfect") {
    auto s = summarize({score_page("a b c d e", "a b c d e"), score_page("x", "x")});
    CHECK(s.precision == 1);
    CHECK(s.recall == 1);
    CHECK(s.f1 == 1);
    CHECK(s.accuracy == 1);
  }
}
