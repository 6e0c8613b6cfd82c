#include "crawl/dedup.h"

#include <algorithm>
#include <bit>

#include "base/utf8.h"
#include "output/files.h"

namespace winnow::crawl {
namespace {

// The code point at text[*i], *i moved past it; an invalid or cut sequence
// is one byte read as U+FFFD (the pipeline's text is UTF-8 already, so this
// only keeps stray bytes from being read as letters).
uint32_t next_code_point(std::string_view text, size_t* i) {
  unsigned char b = static_cast<unsigned char>(text[*i]);
  size_t n = b < 0x80 ? 1 : b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xF0 && b < 0xF5 ? 4 : 0;
  if (n == 1 || n == 0 || *i + n > text.size()) {
    *i += 1;
    return n == 1 ? b : 0xFFFD;
  }
  uint32_t cp = b & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char c = static_cast<unsigned char>(text[*i + k]);
    if ((c & 0xC0) != 0x80) {
      *i += 1;
      return 0xFFFD;
    }
    cp = cp << 6 | (c & 0x3F);
  }
  *i += n;
  return cp;
}

// Punctuation, symbols and spaces: what separates words. ASCII's, Latin-1's
// (NBSP, « », ·, ×, ÷), General Punctuation (dashes, curly quotes, …,
// zero-width spaces and joiners), Supplemental Punctuation, CJK and
// full-width punctuation, the BOM and U+FFFD. Everything else, combining
// marks included, is part of a word.
bool separates(uint32_t cp) {
  if (cp < 0x80) return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
  return cp <= 0xBF || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
         (cp >= 0x2E00 && cp <= 0x2E7F) || (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFEFF ||
         (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
         (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0xFFFD;
}

// Lower case for the scripts news text is written in here: Latin (Latin-1,
// Extended-A, Vietnamese's Ơ Ư and the Latin Extended Additional block that
// holds its tone-marked vowels), basic Greek and Cyrillic. Where upper and
// lower alternate, the upper letter is the even (or odd) one of each pair.
uint32_t lower(uint32_t cp) {
  const auto pair = [&](uint32_t first, uint32_t last) {  // upper at first, first + 2, ...
    return cp >= first && cp <= last && (cp - first) % 2 == 0;
  };
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp < 0xC0) return cp;
  if (cp <= 0xDE && cp != 0xD7) return cp + 32;                                // À..Þ
  if (cp == 0x130) return 'i';                                                  // İ
  if (pair(0x100, 0x136) || pair(0x139, 0x147) || pair(0x14A, 0x176) || pair(0x179, 0x17D)) return cp + 1;
  if (cp == 0x178) return 0xFF;                                                 // Ÿ
  if (cp == 0x1A0 || cp == 0x1AF) return cp + 1;                               // Ơ Ư
  if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)) return cp + 32;              // Greek
  if (cp == 0x3C2) return 0x3C3;                                                // final sigma
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;                               // Ѐ..Џ
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;                               // А..Я
  if (pair(0x1E00, 0x1E94) || pair(0x1EA0, 0x1EFE)) return cp + 1;              // Ḁ..Ẕ, Ạ..Ỿ
  if (cp == 0x1E9E) return 0xDF;                                                // ẞ
  return cp;
}

// Lower-cased words separated by one space, no space at either end.
std::string normalise(std::string_view text, uint32_t* words) {
  std::string out;
  out.reserve(text.size());
  bool in_word = false;
  *words = 0;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = next_code_point(text, &i);
    if (separates(cp)) {
      in_word = false;
      continue;
    }
    if (!in_word) {
      if (!out.empty()) out += ' ';
      ++*words;
      in_word = true;
    }
    if (cp < 0x80) {
      out += static_cast<char>(lower(cp));
    } else {
      append_utf8(lower(cp), &out);
    }
  }
  return out;
}

// splitmix64's finaliser: FNV-1a's high bits depend weakly on a shingle's
// last bytes, and SimHash reads every bit.
uint64_t mix(uint64_t h) {
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
  return h ^ (h >> 31);
}

uint64_t hash(std::string_view s) { return mix(output::fnv1a64(s)); }

// Charikar's SimHash: each shingle votes +1 or -1 on each bit by its hash;
// a bit is set where the votes are positive. Shingles are the runs of
// `width` consecutive words of `norm` (one shingle of all if fewer).
uint64_t simhash(std::string_view norm, uint32_t words, int width) {
  if (words == 0) return 0;
  std::vector<size_t> starts;  // where each word starts, then the end + 1
  starts.reserve(words + 1);
  starts.push_back(0);
  for (size_t i = 0; i < norm.size(); ++i)
    if (norm[i] == ' ') starts.push_back(i + 1);
  starts.push_back(norm.size() + 1);
  size_t w = std::min<size_t>(std::max(width, 1), words);
  // Each bit's vote counted as the shingles whose hash has it set: a
  // branch-free loop the compiler vectorises (a crawl fingerprints every
  // article it writes). A bit is set when more than half the shingles set it.
  std::array<uint32_t, 64> ones{};
  uint32_t shingles = 0;
  for (size_t first = 0; first + w <= words; ++first, ++shingles) {
    size_t begin = starts[first], end = starts[first + w] - 1;
    const uint64_t h = hash(norm.substr(begin, end - begin));
    for (int b = 0; b < 64; ++b) ones[b] += static_cast<uint32_t>(h >> b & 1);
  }
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b)
    if (2 * ones[b] > shingles) out |= uint64_t{1} << b;
  return out;
}

bool long_enough(const TextPrint& p) { return p.words >= kMinSimhashWords; }

uint16_t block16(uint64_t simhash, int k) { return static_cast<uint16_t>(simhash >> (16 * k)); }
uint8_t block8(uint64_t simhash, int k) { return static_cast<uint8_t>(simhash >> (8 * k)); }

void insert_sorted(std::vector<uint32_t>* ids, uint32_t id) {
  ids->insert(std::lower_bound(ids->begin(), ids->end(), id), id);
}

void erase_sorted(std::vector<uint32_t>* ids, uint32_t id) {
  auto it = std::lower_bound(ids->begin(), ids->end(), id);
  if (it != ids->end() && *it == id) ids->erase(it);
}

}  // namespace

TextPrint text_print(std::string_view text, int shingle_words) {
  TextPrint p;
  std::string norm = normalise(text, &p.words);
  p.exact = hash(norm);
  p.simhash = simhash(norm, p.words, shingle_words);
  return p;
}

int hamming(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

std::optional<std::string> DedupIndex::claim(const std::string& url, const TextPrint& print, int max_distance) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (std::optional<uint32_t> id = match(url, print, max_distance)) return entries_[*id].url;
  record(url, print);
  return std::nullopt;
}

void DedupIndex::add(const std::string& url, const TextPrint& print) {
  std::lock_guard<std::mutex> lock(mutex_);
  record(url, print);
}

bool DedupIndex::contains(const std::string& url) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return by_url_.count(url) > 0;
}

size_t DedupIndex::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

// The first recorded entry of another URL that `print` matches. The
// candidates for a near match are the entries sharing a block with it (the
// narrowest blocks that still guarantee one shared block at max_distance),
// or every long entry past 7 bits.
std::optional<uint32_t> DedupIndex::match(const std::string& url, const TextPrint& print, int max_distance) const {
  std::optional<uint32_t> best;
  const auto consider = [&](uint32_t id, bool near) {
    if (best && *best <= id) return;
    const Entry& e = entries_[id];
    if (e.url == url) return;
    if (near && (!long_enough(e.print) || hamming(e.print.simhash, print.simhash) > max_distance)) return;
    best = id;
  };
  if (print.words > 0) {
    if (auto it = by_exact_.find(print.exact); it != by_exact_.end())
      for (uint32_t id : it->second) consider(id, false);
  }
  if (max_distance <= 0 || !long_enough(print)) return best;
  if (max_distance <= 3) {
    for (int k = 0; k < 4; ++k)
      if (auto it = blocks16_[k].find(block16(print.simhash, k)); it != blocks16_[k].end())
        for (uint32_t id : it->second) consider(id, true);
  } else if (max_distance <= 7) {
    for (int k = 0; k < 8; ++k)
      for (uint32_t id : blocks8_[k][block8(print.simhash, k)]) consider(id, true);
  } else {
    for (uint32_t id = 0; id < entries_.size(); ++id) consider(id, true);
  }
  return best;
}

void DedupIndex::record(const std::string& url, const TextPrint& print) {
  auto [it, inserted] = by_url_.try_emplace(url, static_cast<uint32_t>(entries_.size()));
  uint32_t id = it->second;
  if (inserted) {
    entries_.push_back({url, print});
  } else {
    unindex(id);
    entries_[id].print = print;
  }
  index(id);
}

void DedupIndex::index(uint32_t id) {
  const TextPrint& p = entries_[id].print;
  insert_sorted(&by_exact_[p.exact], id);
  if (!long_enough(p)) return;
  for (int k = 0; k < 4; ++k) insert_sorted(&blocks16_[k][block16(p.simhash, k)], id);
  for (int k = 0; k < 8; ++k) insert_sorted(&blocks8_[k][block8(p.simhash, k)], id);
}

void DedupIndex::unindex(uint32_t id) {
  const TextPrint& p = entries_[id].print;
  if (auto it = by_exact_.find(p.exact); it != by_exact_.end()) {
    erase_sorted(&it->second, id);
    if (it->second.empty()) by_exact_.erase(it);
  }
  if (!long_enough(p)) return;
  for (int k = 0; k < 4; ++k) {
    auto it = blocks16_[k].find(block16(p.simhash, k));
    if (it == blocks16_[k].end()) continue;
    erase_sorted(&it->second, id);
    if (it->second.empty()) blocks16_[k].erase(it);
  }
  for (int k = 0; k < 8; ++k) erase_sorted(&blocks8_[k][block8(p.simhash, k)], id);
}

}  // namespace winnow::crawl
