#include "winnow/json.h"

#include <nlohmann/json.hpp>

#include "winnow/markup.h"

namespace winnow {

void escape_line_separators(std::string* json) {
  // U+2028 is E2 80 A8 in UTF-8, U+2029 E2 80 A9; most JSON has neither.
  size_t at = json->find("\xE2\x80");
  if (at == std::string::npos) return;
  std::string out;
  out.reserve(json->size() + 16);
  size_t from = 0;
  for (; at != std::string::npos; at = json->find("\xE2\x80", at + 1)) {
    if (at + 2 >= json->size()) break;
    const char last = (*json)[at + 2];
    if (last != '\xA8' && last != '\xA9') continue;
    out.append(*json, from, at - from);
    out += last == '\xA8' ? "\\u2028" : "\\u2029";
    from = at + 3;
    at += 2;
  }
  if (from == 0) return;
  out.append(*json, from, std::string::npos);
  *json = std::move(out);
}

std::string json_string(std::string_view text) {
  std::string out = nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  escape_line_separators(&out);
  return out;
}

std::string to_json(const Article& a) {
  nlohmann::ordered_json j;
  auto opt = [](const std::optional<std::string>& s) -> nlohmann::ordered_json {
    return s ? nlohmann::ordered_json(*s) : nlohmann::ordered_json(nullptr);
  };
  j["url"] = a.url.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(a.url);
  j["site"] = a.site.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(a.site);
  j["title"] = opt(a.title);
  j["published"] = opt(a.published);
  j["modified"] = opt(a.modified);
  j["section"] = a.section ? nlohmann::ordered_json(*a.section) : nlohmann::ordered_json(nullptr);
  j["lead"] = opt(a.lead);
  j["byline"] = opt(a.byline);
  j["authors"] = a.authors;
  j["description"] = opt(a.description);
  j["image"] = opt(a.image);
  j["site_name"] = opt(a.site_name);
  j["tags"] = a.tags;
  j["language"] = opt(a.language);
  j["page_type"] = a.page_type;
  std::string text = a.text();
  if (!text.empty()) text.pop_back();
  j["text"] = text;
  j["paragraphs"] = a.paragraphs;
  j["captions"] = a.captions;
  nlohmann::ordered_json links = nlohmann::ordered_json::array();
  for (const ArticleLink& l : article_links(a)) links.push_back({{"text", l.text}, {"href", l.href}});
  j["links"] = std::move(links);
  nlohmann::ordered_json images = nlohmann::ordered_json::array();
  for (const ArticleImage& img : article_images(a))
    images.push_back({{"src", img.src}, {"alt", img.alt}, {"caption", opt(img.caption)}});
  j["images"] = std::move(images);
  j["extractor"] = a.extractor;
  j["rules"] = a.rules_path.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(a.rules_path);
  j["warnings"] = a.warnings;
  // Invalid UTF-8 cannot reach here (decoding repairs it); replace anyway
  // rather than throw.
  std::string out = j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  escape_line_separators(&out);
  return out;
}

}  // namespace winnow
