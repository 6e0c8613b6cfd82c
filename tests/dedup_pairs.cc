// dedup_pairs SOURCE_DIR: how far apart the text fingerprints of distinct
// articles fall, and how many near copies they still catch
// (src/crawl/dedup.h, docs/dedup.md).
//
// Cleans every page of the fixtures (SOURCE_DIR/fixtures) and of the article
// benchmark (SOURCE_DIR/../shared/datasets/article-extraction-benchmark;
// skipped with a message when absent) through the public API, fingerprints
// each article's text, and compares every pair of pages, then every page
// with four near copies made of it. Exits 1 if two distinct pages would be
// merged at kNearDistance, or if the index (DedupIndex) disagrees with the
// pairwise comparison; 2 if the fixtures cannot be read.
//
// No page of either set is a copy of another: the ground truths of the
// benchmark share at most 17% of their 3-word shingles (two different
// pages), the fixtures' expected texts at most 12% (two weather reports of
// different sites and days). So every merge counts as false.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "crawl/article.h"
#include "crawl/dedup.h"
#include "winnow.h"

namespace fs = std::filesystem;
using winnow::crawl::hamming;
using winnow::crawl::kMinSimhashWords;
using winnow::crawl::kNearDistance;
using winnow::crawl::kShingleWords;
using winnow::crawl::TextPrint;

namespace {

struct Page {
  std::string name;  // "fixtures:HOST/NAME" or "benchmark:ID"
  bool vietnamese = false;
  std::string title;
  std::vector<std::string> lines;
  std::vector<winnow::LineRole> roles;
};

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

// Cleans every page of a fixtures folder or a benchmark as `winnow eval`
// reads them (list_page_set, clean_pages), on two threads.
bool clean_set(const winnow::RuleLibrary& rules, const std::string& dir, const std::string& set_name,
               bool vietnamese, std::vector<Page>* pages) {
  winnow::PageSet set;
  std::string error;
  if (!winnow::list_page_set(dir, winnow::PageSetKind::kScored, &set, &error)) {
    std::fprintf(stderr, "dedup_pairs: %s\n", error.c_str());
    return false;
  }
  std::vector<Page> out(set.pages.size());
  bool ok = true;
  winnow::clean_pages(
      rules, set, {.threads = 2},
      [&](size_t i, winnow::Article&& a) {
        // The text the crawl fingerprints (crawl/article.h story_text).
        std::vector<std::string> story;
        const std::string text = winnow::crawl::story_text(a);
        for (size_t at = 0; at < text.size();) {
          size_t nl = text.find('\n', at);
          if (nl == std::string::npos) nl = text.size();
          story.push_back(text.substr(at, nl - at));
          at = nl + 1;
        }
        out[i] = {set_name + ":" + set.pages[i].id, vietnamese, a.title.value_or(""), std::move(story), {}};
      },
      [&](size_t, const std::string& why) {
        std::fprintf(stderr, "dedup_pairs: %s\n", why.c_str());
        ok = false;
      });
  for (Page& p : out) pages->push_back(std::move(p));
  return ok;
}

// The near copies a crawl meets: a syndicated copy with its source's credit
// on top, one that drops the last paragraph, one with a "read more" link to
// another article below, the same text laid out with other whitespace.
constexpr int kVariants = 4;
constexpr const char* kVariantNames[kVariants] = {"credit line on top", "last paragraph dropped",
                                                  "read-more line appended", "whitespace changed"};

std::string variant(const Page& p, const Page& other, int v) {
  std::vector<std::string> lines = p.lines;
  if (v == 0) {
    lines.insert(lines.begin(), {p.vietnamese ? "Theo TTXVN" : "Source: Reuters", ""});
  } else if (v == 1) {
    for (size_t i = lines.size(); i-- > 0;) {
      if (lines[i].empty()) continue;  // the story text's last line is its body's last
      lines.erase(lines.begin() + i);
      if (i < lines.size() && lines[i].empty()) lines.erase(lines.begin() + i);
      break;
    }
  } else if (v == 2) {
    lines.push_back("");
    lines.push_back((p.vietnamese ? "Xem thêm: " : "Read more: ") + other.title);
  } else {
    std::string out;
    for (char c : join(lines)) out += c == ' ' ? std::string("  ") : c == '\n' ? std::string(" \n\n") : std::string(1, c);
    return "\t" + out;
  }
  return join(lines);
}

// Whether DedupIndex::claim would take the two texts for one article.
bool same(const TextPrint& a, const TextPrint& b, int max_distance) {
  if (a.words > 0 && a.exact == b.exact) return true;
  return max_distance > 0 && a.words >= kMinSimhashWords && b.words >= kMinSimhashWords &&
         hamming(a.simhash, b.simhash) <= max_distance;
}

struct Closest {
  int distance = 65;
  size_t a = 0, b = 0;
  void see(int d, size_t i, size_t j) {
    if (d < distance) *this = {d, i, j};
  }
};

struct Measure {
  size_t pairs = 0, exact_equal = 0, within3 = 0, within6 = 0, within10 = 0, merged = 0;
  double distance_sum = 0;          // for the mean: 32 if prints were independent
  size_t within20 = 0;               // the near tail (independent prints: 0.8% of pairs)
  double vi_sum = 0;                 // the same over the fixtures' pairs (Vietnamese)
  size_t vi_pairs = 0;
  Closest all, long_pairs;           // long: both texts kMinSimhashWords words or more
  Closest by_shorter[4];             // the shorter text under 20, 20-49, 50-99, 100+ words
  size_t tried[kVariants] = {}, found3[kVariants] = {}, found6[kVariants] = {};
  int worst[kVariants] = {};         // the largest distance of a variant from its page
};

int bucket(uint32_t words) { return words < 20 ? 0 : words < 50 ? 1 : words < 100 ? 2 : 3; }

Measure measure(const std::vector<Page>& pages, const std::vector<std::string>& texts,
                const std::vector<std::vector<std::string>>& variants, int width, std::vector<TextPrint>* prints) {
  Measure m;
  prints->clear();
  for (const std::string& t : texts) prints->push_back(winnow::crawl::text_print(t, width));
  const std::vector<TextPrint>& p = *prints;
  for (size_t i = 0; i < p.size(); ++i) {
    for (size_t j = i + 1; j < p.size(); ++j) {
      int d = hamming(p[i].simhash, p[j].simhash);
      ++m.pairs;
      m.exact_equal += p[i].exact == p[j].exact;
      m.within3 += d <= 3;
      m.within6 += d <= 6;
      m.within10 += d <= 10;
      m.within20 += d <= 20;
      m.distance_sum += d;
      if (pages[i].vietnamese && pages[j].vietnamese) {
        m.vi_sum += d;
        ++m.vi_pairs;
      }
      m.merged += same(p[i], p[j], kNearDistance);
      m.all.see(d, i, j);
      if (p[i].words >= kMinSimhashWords && p[j].words >= kMinSimhashWords) m.long_pairs.see(d, i, j);
      m.by_shorter[bucket(std::min(p[i].words, p[j].words))].see(d, i, j);
    }
  }
  for (size_t i = 0; i < p.size(); ++i) {
    for (int v = 0; v < kVariants; ++v) {
      TextPrint q = winnow::crawl::text_print(variants[i][v], width);
      ++m.tried[v];
      m.found3[v] += same(p[i], q, 3);
      m.found6[v] += same(p[i], q, 6);
      if (p[i].words >= kMinSimhashWords) m.worst[v] = std::max(m.worst[v], hamming(p[i].simhash, q.simhash));
    }
  }
  return m;
}

std::string closest(const Closest& c, const std::vector<Page>& pages) {
  if (c.distance > 64) return "none";
  return std::to_string(c.distance) + " (" + pages[c.a].name + " / " + pages[c.b].name + ")";
}

// The index over the same pages, claimed one by one and then with each near
// copy: it must answer as the pairwise comparison does (its block lookup
// misses nothing), at kNearDistance and at 6 (the 8-bit blocks).
bool index_agrees(const std::vector<Page>& pages, const std::vector<TextPrint>& prints,
                  const std::vector<std::vector<std::string>>& variants) {
  for (int distance : {kNearDistance, 6}) {
    winnow::crawl::DedupIndex index;
    std::vector<size_t> recorded;  // a page claimed as a copy is not recorded
    for (size_t i = 0; i < pages.size(); ++i) {
      std::optional<std::string> want;
      for (size_t j : recorded)
        if (!want && same(prints[j], prints[i], distance)) want = pages[j].name;
      if (index.claim(pages[i].name, prints[i], distance) != want) return false;
      if (!want) recorded.push_back(i);
    }
    for (size_t i = 0; i < pages.size(); ++i) {
      for (int v = 0; v < kVariants; ++v) {
        TextPrint q = winnow::crawl::text_print(variants[i][v]);
        std::optional<std::string> want;
        for (size_t j = 0; j < pages.size() && !want; ++j)
          if (index.contains(pages[j].name) && same(prints[j], q, distance)) want = pages[j].name;
        // One URL for every copy: a copy not found replaces the last one and
        // never matches itself, so copies are compared with the pages alone.
        if (index.claim("variant", q, distance) != want) return false;
      }
    }
  }
  return true;
}


// The first `n` words of a text, as written ("" if it has fewer).
std::string first_words(const std::string& text, size_t n) {
  size_t words = 0, i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i == text.size()) break;
    if (words == n) return text.substr(0, i);
    ++words;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  }
  return words == n ? text : "";
}

// Short texts: how near the SimHashes of distinct pages' first n words fall,
// and whether a credit line on top still leaves a copy within 3 bits. Where
// SimHash can be trusted from (kMinSimhashWords).
void measure_short(const std::vector<Page>& pages, const std::vector<std::string>& texts) {
  std::printf("\nshort texts, the first N words (split at whitespace) of each page that has them: distinct pairs (closest; within 3 / 6 / 10 "
              "bits) and credit-line copies found within 3 bits\n");
  for (size_t n : {10, 20, 30, 50, 100}) {
    std::vector<TextPrint> p, credit;
    for (size_t i = 0; i < pages.size(); ++i) {
      std::string head = first_words(texts[i], n);
      if (head.empty()) continue;
      p.push_back(winnow::crawl::text_print(head));
      credit.push_back(winnow::crawl::text_print((pages[i].vietnamese ? "Theo TTXVN\n\n" : "Source: Reuters\n\n") + head));
    }
    int closest = 65;
    size_t within[3] = {}, found = 0;
    for (size_t i = 0; i < p.size(); ++i) {
      found += hamming(p[i].simhash, credit[i].simhash) <= 3;
      for (size_t j = i + 1; j < p.size(); ++j) {
        if (p[i].exact == p[j].exact) continue;  // the same words: the exact hash's case
        int d = hamming(p[i].simhash, p[j].simhash);
        closest = std::min(closest, d);
        within[0] += d <= 3;
        within[1] += d <= 6;
        within[2] += d <= 10;
      }
    }
    std::printf("  N=%-3zu (%zu pages): closest %2d; %zu / %zu / %zu; credit copies %zu\n", n, p.size(), closest,
                within[0], within[1], within[2], found);
  }
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: dedup_pairs SOURCE_DIR\n");
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  const fs::path source = argv[1];
  winnow::RuleLibrary rules;
  winnow::RuleError rule_error;
  if (!winnow::load_rules((source / "rules").string(), &rules, &rule_error)) {
    std::fprintf(stderr, "dedup_pairs: %s\n", rule_error.to_string().c_str());
    return 2;
  }
  std::vector<Page> pages;
  if (!clean_set(rules, (source / "fixtures").string(), "fixtures", true, &pages)) return 2;
  size_t fixtures = pages.size();
  const fs::path bench = source / ".." / "shared" / "datasets" / "article-extraction-benchmark";
  if (fs::exists(bench / "ground-truth.json")) {
    if (!clean_set(rules, bench.string(), "benchmark", false, &pages)) return 2;
  } else {
    std::printf("benchmark: skipped, %s not found (the fixtures alone are measured)\n", bench.c_str());
  }
  std::printf("pages: %zu (fixtures %zu, benchmark %zu)\n", pages.size(), fixtures, pages.size() - fixtures);

  std::vector<std::string> texts;
  std::vector<std::vector<std::string>> variants;
  for (size_t i = 0; i < pages.size(); ++i) {
    texts.push_back(join(pages[i].lines));
    const Page& other = pages[(i + 1) % pages.size()];
    variants.emplace_back();
    for (int v = 0; v < kVariants; ++v) variants.back().push_back(variant(pages[i], other, v));
  }

  // The shingle width, measured: distinct pages far apart, copies near.
  std::printf("\nshingle width, measured: distinct pairs (closest, mean distance, mean over the fixtures' "
              "pairs, pairs within 10 and 20 bits) and near copies found within 3 bits, of %zu each\n",
              pages.size());
  std::printf("  width  closest  mean  mean-vi  <=10  <=20   credit  last-par  read-more  whitespace\n");
  std::vector<TextPrint> prints;
  for (int width = 1; width <= 5; ++width) {
    Measure m = measure(pages, texts, variants, width, &prints);
    std::printf("  %5d  %7d  %4.1f  %7.1f  %4zu  %4zu   %6zu  %8zu  %9zu  %10zu\n", width, m.long_pairs.distance,
                m.distance_sum / std::max<size_t>(m.pairs, 1), m.vi_sum / std::max<size_t>(m.vi_pairs, 1), m.within10,
                m.within20, m.found3[0], m.found3[1], m.found3[2], m.found3[3]);
  }

  measure_short(pages, texts);

  Measure m = measure(pages, texts, variants, kShingleWords, &prints);
  std::vector<uint32_t> words;
  for (const TextPrint& p : prints) words.push_back(p.words);
  std::sort(words.begin(), words.end());
  size_t short_texts = std::count_if(words.begin(), words.end(), [](uint32_t w) { return w < kMinSimhashWords; });
  std::printf("\nat %d-word shingles, SimHash trusted from %u words, threshold %d bits:\n", kShingleWords,
              kMinSimhashWords, kNearDistance);
  std::printf("words per text: min %u, median %u, max %u; %zu under %u words\n", words.front(),
              words[words.size() / 2], words.back(), short_texts, kMinSimhashWords);
  std::printf("pairs compared: %zu\n", m.pairs);
  std::printf("pairs with equal exact hash: %zu\n", m.exact_equal);
  std::printf("pairs within 3 bits: %zu; within 6: %zu; within 10: %zu\n", m.within3, m.within6, m.within10);
  std::printf("mean distance of distinct pairs: %.1f bits (independent prints: 32)\n",
              m.distance_sum / std::max<size_t>(m.pairs, 1));
  std::printf("closest distinct pages: %s\n", closest(m.all, pages).c_str());
  std::printf("closest distinct pages both of %u+ words: %s\n", kMinSimhashWords, closest(m.long_pairs, pages).c_str());
  const char* buckets[4] = {"under 20", "20-49", "50-99", "100+"};
  for (int b = 0; b < 4; ++b)
    std::printf("  closest where the shorter text has %s words: %s\n", buckets[b], closest(m.by_shorter[b], pages).c_str());
  std::printf("near copies found (of %zu each), within 3 bits / within 6; the farthest copy of a %u+ word text:\n",
              m.tried[0], kMinSimhashWords);
  size_t found = 0, found6 = 0, tried = 0;
  for (int v = 0; v < kVariants; ++v) {
    std::printf("  %-24s %zu / %zu; farthest %d bits\n", kVariantNames[v], m.found3[v], m.found6[v], m.worst[v]);
    found += m.found3[v];
    found6 += m.found6[v];
    tried += m.tried[v];
  }
  std::printf("recall within 3 bits: %zu of %zu (%.1f%%); within 6: %zu (%.1f%%)\n", found, tried,
              tried ? 100.0 * found / tried : 0.0, found6, tried ? 100.0 * found6 / tried : 0.0);
  std::printf("distinct pages merged at %d bits: %zu\n", kNearDistance, m.merged);
  bool agrees = index_agrees(pages, prints, variants);
  std::printf("DedupIndex answers as the pairwise comparison: %s\n", agrees ? "yes" : "NO");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("took %.1f s\n", seconds);
  return m.merged == 0 && agrees ? 0 : 1;
}
