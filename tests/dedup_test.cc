// Text fingerprints and the duplicate index (src/crawl/dedup.h): what the
// normalisation folds, how near a copy with a credit line more or a short
// last paragraph less stays on a real article, how far distinct articles
// fall, and the index's answers (first recorded, own URL, block lookup,
// threads).
#include "crawl/dedup.h"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

using winnow::crawl::DedupIndex;
using winnow::crawl::hamming;
using winnow::crawl::kMinSimhashWords;
using winnow::crawl::kNearDistance;
using winnow::crawl::text_print;
using winnow::crawl::TextPrint;

namespace {

std::string fixture_text(const std::string& name) {
  std::ifstream in(std::string(WINNOW_SOURCE_DIR) + "/fixtures/" + name + ".clean.txt", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE_MESSAGE(!text.empty(), name);
  return text;
}

// 390 words, ending with a paragraph of 38.
const char* kFlc = "vietnamnet.vn/co-phieu-flc-duoc-giao-dich-tro-lai";
// 2,371 words, ending with a block (a list item) of 19.
const char* kPolicy = "baochinhphu.vn/chinh-sach-moi-co-hieu-luc-tu-thang-3-2026";

// The text without its last block (the lines after the last blank line).
std::string without_last_paragraph(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text.substr(0, text.rfind("\n\n") + 1);
}

TextPrint long_print(uint64_t simhash, uint64_t exact) {
  return {.exact = exact, .simhash = simhash, .words = kMinSimhashWords};
}

}  // namespace

TEST_CASE("dedup: spacing, case and punctuation do not change the text's print") {
  TextPrint a = text_print("Giá vàng hôm nay (12/3): tăng mạnh — “kỷ lục” mới.\n\nĐỌC THÊM tại đây");
  TextPrint b = text_print("  giá  VÀNG hôm nay 12 3 tăng mạnh - \"Kỷ Lục\" mới\nđọc thêm... tại đây!! ");
  CHECK(a.exact == b.exact);
  CHECK(a.simhash == b.simhash);
  CHECK(a.words == 15);
  CHECK(b.words == 15);
  // Vietnamese capitals fold: Đ, Ơ, Ư and the tone-marked vowels of U+1EA0-U+1EFF.
  CHECK(text_print("ĐƯỜNG PHỐ HỒ GƯƠM ẤM ÁP").exact == text_print("đường phố hồ gươm ấm áp").exact);
  // Other words, or the same words apart, are another text.
  CHECK(text_print("tăng mạnh").exact != text_print("tăng mạnh hơn").exact);
  CHECK(text_print("ab cd").exact != text_print("abcd").exact);
  CHECK(text_print("ma").exact != text_print("má").exact);
}

TEST_CASE("dedup: the empty text") {
  TextPrint none = text_print(" \n\t— … \n");
  CHECK(none.words == 0);
  CHECK(none.simhash == 0);
  CHECK(none.exact == text_print("").exact);
}

TEST_CASE("dedup: hamming counts the differing bits") {
  CHECK(hamming(0, 0) == 0);
  CHECK(hamming(0, ~uint64_t{0}) == 64);
  CHECK(hamming(0b1011, 0b0110) == 3);
}

TEST_CASE("dedup: a credit line on top leaves a real article within the threshold") {
  for (const char* name : {kFlc, kPolicy}) {
    CAPTURE(name);
    std::string text = fixture_text(name);
    TextPrint a = text_print(text), b = text_print("Theo TTXVN\n\n" + text);
    CHECK(a.exact != b.exact);
    CHECK(a.words >= 390);
    CHECK(b.words == a.words + 2);
    CHECK(hamming(a.simhash, b.simhash) <= kNearDistance);
  }
}

// SimHash's expected distance grows with the share of shingles a copy lost
// (64 * angle / pi, docs/dedup.md): a last paragraph of under 1% of the
// words moves it about 2 bits on average, one of 10% (as kFlc's) about 6,
// often past the threshold. tests/dedup_pairs measures how often.
TEST_CASE("dedup: a short last paragraph dropped leaves a long article within the threshold") {
  std::string text = fixture_text(kPolicy);
  std::string cut = without_last_paragraph(text);
  TextPrint a = text_print(text), b = text_print(cut);
  REQUIRE(a.words - b.words == 19);
  CHECK(hamming(a.simhash, b.simhash) <= kNearDistance);
}

TEST_CASE("dedup: distinct articles are far apart") {
  // The closest pair of the fixtures by shared shingles: two weather
  // reports of two sites, built alike.
  TextPrint a = text_print(fixture_text("baoquocte.vn/thoi-tiet-hom-nay-tieu-de"));
  TextPrint b = text_print(fixture_text("thoidai.com.vn/thoi-tiet-hom-nay-12-3"));
  TextPrint c = text_print(fixture_text(kFlc));
  TextPrint d = text_print(fixture_text(kPolicy));
  for (auto [x, y] : {std::pair{a, b}, {a, c}, {b, c}, {c, d}, {a, d}}) {
    CHECK(x.exact != y.exact);
    CHECK(hamming(x.simhash, y.simhash) > 2 * kNearDistance);
  }
  DedupIndex index;
  CHECK_FALSE(index.claim("https://baoquocte.vn/thoi-tiet", a, kNearDistance));
  CHECK_FALSE(index.claim("https://thoidai.com.vn/thoi-tiet", b, kNearDistance));
  CHECK(index.size() == 2);
}

TEST_CASE("dedup: claim returns the first URL recorded with the text, and records nothing then") {
  DedupIndex index;
  TextPrint text = text_print(fixture_text(kFlc));
  CHECK_FALSE(index.claim("https://vietnamnet.vn/a", text, kNearDistance));
  CHECK_FALSE(index.claim("https://other.vn/b", text_print(fixture_text(kPolicy)), kNearDistance));
  CHECK(index.claim("https://m.vietnamnet.vn/a", text, kNearDistance) == "https://vietnamnet.vn/a");
  TextPrint copy = text_print("Theo TTXVN\n\n" + fixture_text(kFlc));
  CHECK(index.claim("https://syndicated.vn/c", copy, kNearDistance) == "https://vietnamnet.vn/a");
  CHECK(index.size() == 2);
  CHECK_FALSE(index.contains("https://m.vietnamnet.vn/a"));
  CHECK_FALSE(index.contains("https://syndicated.vn/c"));
  // Distance 0: the exact text alone.
  CHECK_FALSE(index.claim("https://syndicated.vn/c", copy, 0));
  CHECK(index.contains("https://syndicated.vn/c"));
}

TEST_CASE("dedup: a URL re-claimed with changed text does not match itself") {
  DedupIndex index;
  std::string text = fixture_text(kPolicy);
  CHECK_FALSE(index.claim("https://baochinhphu.vn/a", text_print(text), kNearDistance));
  // The article updated in place: the same URL, a paragraph less.
  CHECK_FALSE(index.claim("https://baochinhphu.vn/a", text_print(without_last_paragraph(text)), kNearDistance));
  CHECK(index.size() == 1);
  // The entry was replaced: another URL with the old text matches by SimHash
  // now, not by the exact hash (so distance 0 finds nothing).
  CHECK_FALSE(index.claim("https://x.vn/old", text_print(text), 0));
  CHECK(index.claim("https://y.vn/old", text_print(text), kNearDistance) == "https://baochinhphu.vn/a");
}

TEST_CASE("dedup: short texts match on the exact hash alone") {
  DedupIndex index;
  TextPrint a = text_print("Video: lễ khai hội chùa Hương năm nay");
  REQUIRE(a.words < kMinSimhashWords);
  TextPrint near = a;
  near.exact ^= 1;  // another text whose SimHash happens to be the same
  CHECK_FALSE(index.claim("https://e.vn/1", a, kNearDistance));
  CHECK_FALSE(index.claim("https://e.vn/2", near, kNearDistance));
  CHECK(index.claim("https://e.vn/3", a, kNearDistance) == "https://e.vn/1");
  // The empty text is no article's: it matches nothing.
  CHECK_FALSE(index.claim("https://e.vn/4", text_print(""), kNearDistance));
  CHECK_FALSE(index.claim("https://e.vn/5", text_print(""), kNearDistance));
}

TEST_CASE("dedup: the block lookup finds every print within the distance") {
  // Prints built by hand: the differing bits spread over the blocks so that
  // no 16-bit block (or, past 3 bits, no 8-bit block) of the query is left
  // whole but one.
  const uint64_t base = 0x0123456789ABCDEFull;
  DedupIndex index;
  index.add("https://e.vn/base", long_print(base, 1));
  // 3 bits, in blocks 0, 1 and 2 of 16: only block 3 agrees.
  uint64_t three = base ^ (uint64_t{1} << 0) ^ (uint64_t{1} << 17) ^ (uint64_t{1} << 34);
  CHECK(index.claim("https://e.vn/q3", long_print(three, 2), 3) == "https://e.vn/base");
  CHECK_FALSE(index.claim("https://e.vn/q3", long_print(three, 2), 2));
  // 4 bits, one in each 16-bit block: found at 4 (the 8-bit blocks), not at 3.
  uint64_t four = base ^ 1 ^ (uint64_t{1} << 16) ^ (uint64_t{1} << 32) ^ (uint64_t{1} << 48);
  CHECK(index.claim("https://e.vn/q4", long_print(four, 3), 4) == "https://e.vn/base");
  // 7 bits in 7 of the 8-bit blocks.
  uint64_t seven = base;
  for (int k = 0; k < 7; ++k) seven ^= uint64_t{1} << (8 * k + k);
  CHECK(index.claim("https://e.vn/q7", long_print(seven, 4), 7) == "https://e.vn/base");
  CHECK_FALSE(index.claim("https://e.vn/q7", long_print(seven, 4), 6));
  // 12 bits: past 7 the lookup reads every entry.
  uint64_t twelve = base;
  for (int k = 0; k < 12; ++k) twelve ^= uint64_t{1} << (5 * k);
  CHECK(index.claim("https://e.vn/q12", long_print(twelve, 5), 12) == "https://e.vn/base");
  CHECK_FALSE(index.claim("https://e.vn/q12b", long_print(twelve, 5), 11));
}

TEST_CASE("dedup: add records without matching; contains and size") {
  DedupIndex index;
  TextPrint text = text_print(fixture_text(kFlc));
  index.add("https://e.vn/1", text);
  index.add("https://e.vn/2", text);  // an earlier run's duplicate, loaded as it was
  index.add("https://e.vn/1", text);  // replaced, not added again
  CHECK(index.size() == 2);
  CHECK(index.contains("https://e.vn/2"));
  CHECK_FALSE(index.contains("https://e.vn/3"));
  CHECK(index.claim("https://e.vn/3", text, kNearDistance) == "https://e.vn/1");
  CHECK(index.claim("https://e.vn/1", text, kNearDistance) == "https://e.vn/2");
}

TEST_CASE("dedup: one winner among threads claiming one text") {
  TextPrint text = text_print(fixture_text(kPolicy));
  TextPrint copy = text_print("Theo TTXVN\n\n" + fixture_text(kPolicy));
  for (int round = 0; round < 20; ++round) {
    DedupIndex index;
    std::vector<std::optional<std::string>> got(8);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        got[t] = index.claim("https://site" + std::to_string(t) + ".vn/a", t % 2 ? copy : text, kNearDistance);
      });
    }
    for (std::thread& th : threads) th.join();
    int winner = -1, winners = 0;
    for (int t = 0; t < 8; ++t)
      if (!got[t]) winner = t, ++winners;
    REQUIRE(winners == 1);
    for (int t = 0; t < 8; ++t)
      if (t != winner) CHECK(got[t] == "https://site" + std::to_string(winner) + ".vn/a");
    CHECK(index.size() == 1);
  }
}
