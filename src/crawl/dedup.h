// Telling that two pages hold the same article by their text: syndicated
// copies, and variants a URL key (url_key.h) cannot join, say the same
// thing with a credit line more or a paragraph less. Each article's
// cleaned text gets a fingerprint (an exact hash and a 64-bit SimHash), and
// an index answers "is this text already known under another URL?" without
// comparing it to every entry (docs/dedup.md).
#ifndef WINNOW_CRAWL_DEDUP_H_
#define WINNOW_CRAWL_DEDUP_H_

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace winnow::crawl {

// Words a SimHash shingle spans, measured by tests/dedup_pairs on the
// fixtures and the article benchmark (205 pages, docs/dedup.md): at 1 word
// distinct articles come within 4 bits; 2 to 5 keep them 15 bits or more
// apart, and of those 3 leaves the fewest distinct pairs near (within 20
// bits) for the near copies it still finds (4 and 5 lose more of them).
inline constexpr int kShingleWords = 3;
// Below this many words (in either text) SimHash is not used: a short text
// has few shingles, so a credit line more moves many bits (within 3 bits,
// such a copy of a page's first 20 words was found for 37 of 205 pages, of
// its first 50 for 117), and the first 10 words of two distinct pages
// already came within 10 bits. Short texts still match on the exact hash.
inline constexpr uint32_t kMinSimhashWords = 50;
// The max_distance a crawl passes to DedupIndex::claim by default. No two
// distinct pages of the measured sets came within 15 bits, and their
// distances fall as independent random 64-bit values' would (mean 32): at
// 3 bits such values meet once in 4e14 pairs, at 6 once in 2e11, so 3 stays
// safe for an index of millions of articles (docs/dedup.md).
inline constexpr int kNearDistance = 3;

struct TextPrint {
  uint64_t exact = 0;    // hash of the normalised text
  uint64_t simhash = 0;  // SimHash of its kShingleWords-word shingles
  uint32_t words = 0;    // words in the normalised text
};

// The text normalised, then hashed. Normalising lower-cases letters
// (Latin with Vietnamese's letters, Greek, Cyrillic; the full Unicode table
// is eval's, a layer the crawl may not include) and folds every run of
// punctuation, symbols and whitespace to one space, so the same text
// copied with other spacing, case, quotes or dashes hashes alike. A
// shingle of `shingle_words` words (fewer if the text has fewer) is hashed
// with FNV-1a and a splitmix64 finaliser, whose every output bit depends on
// every input bit, as SimHash needs. `shingle_words` other than
// kShingleWords is for measuring (tests/dedup_pairs). A crawl's state keeps
// the prints of the articles it wrote: a change to the normalisation or the
// hash changes every print, and earlier runs' articles then match nothing.
TextPrint text_print(std::string_view text, int shingle_words = kShingleWords);

// Bits in which two fingerprints differ.
int hamming(uint64_t a, uint64_t b);

// The texts of a crawl's articles, each under its URL (or URL key). Every
// call is safe from many threads at once (one mutex inside).
class DedupIndex {
 public:
  // If another URL's entry holds the same text, returns that URL (the one
  // recorded first, when several match) and records nothing; else records
  // `print` under `url` (replacing what `url` had) and returns nullopt.
  // "The same text": an equal exact hash (an empty text matches nothing),
  // or, when both texts have kMinSimhashWords words or more, SimHashes at
  // most `max_distance` bits apart. 0 = the exact hash alone; up to 7 the
  // lookup reads only entries that agree with `print` on one block of bits;
  // above 7 it reads every entry. A URL's own entry never matches: an
  // article updated in place is not its own duplicate.
  std::optional<std::string> claim(const std::string& url, const TextPrint& print, int max_distance);
  // Records `print` under `url` unconditionally (the entries of earlier runs).
  void add(const std::string& url, const TextPrint& print);
  bool contains(const std::string& url) const;
  size_t size() const;

 private:
  struct Entry {
    std::string url;
    TextPrint print;
  };
  using Ids = std::vector<uint32_t>;  // entry ids, ascending: the first recorded first

  std::optional<uint32_t> match(const std::string& url, const TextPrint& print, int max_distance) const;
  void record(const std::string& url, const TextPrint& print);
  void index(uint32_t id);
  void unindex(uint32_t id);

  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, uint32_t> by_url_;
  std::unordered_map<uint64_t, Ids> by_exact_;
  // Permuted blocks (Manku, Jain, Das Sarma, WWW 2007): two SimHashes at
  // most 3 bits apart agree on one of 4 blocks of 16 bits, and at most 7
  // apart on one of 8 blocks of 8, since each differing bit spoils one block.
  // Only texts long enough for SimHash are in them.
  std::array<std::unordered_map<uint16_t, Ids>, 4> blocks16_;
  std::array<std::array<Ids, 256>, 8> blocks8_;
};

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_DEDUP_H_
