#include "extract/language.h"

// compact_lang_det.h uses FILE without including <cstdio>.
#include <cstdio>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <climits>

#include "winnow/article.h"

namespace winnow::extract {

std::optional<std::string> text_language(std::string_view text, std::string_view declared, std::string_view host) {
  std::optional<std::string> fallback;
  if (!declared.empty()) fallback = std::string(declared);
  if (text.empty()) return fallback;
  // CLD2 reads at most this much; the first 64 KiB of an article decide.
  constexpr size_t kMaxBytes = 64 * 1024;
  size_t n = std::min(text.size(), kMaxBytes);
  while (n < text.size() && n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;  // whole characters
  const std::string content_hint = primary_language(declared);
  const size_t dot = host.rfind('.');
  const std::string tld = dot == std::string_view::npos ? std::string() : std::string(host.substr(dot + 1));
  CLD2::CLDHints hints{content_hint.empty() ? nullptr : content_hint.c_str(), tld.empty() ? nullptr : tld.c_str(),
                       CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language top3[3];
  int percent3[3];
  double score3[3];
  int text_bytes = 0, valid_prefix = 0;
  bool reliable = false;
  const CLD2::Language found = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      text.data(), static_cast<int>(n), /*is_plain_text=*/true, &hints, 0, top3, percent3, score3, nullptr,
      &text_bytes, &reliable, &valid_prefix);
  // CLD2 calls a dozen letters reliable; a headline and a credit line are
  // too little to overrule (or stand in for) what the page declares.
  constexpr int kMinTextBytes = 32;
  if (!reliable || found == CLD2::UNKNOWN_LANGUAGE || text_bytes < kMinTextBytes) return fallback;
  const std::string code = CLD2::LanguageCode(found);
  if (fallback && primary_language(*fallback) == primary_language(code)) return fallback;
  return code;
}

const char* language_detector_version() { return CLD2::DetectLanguageVersion(); }

}  // namespace winnow::extract
