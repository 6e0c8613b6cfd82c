#include "winnow/json.h"

#include <nlohmann/json.hpp>

namespace winnow {

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
  j["extractor"] = a.extractor;
  j["rules"] = a.rules_path.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(a.rules_path);
  j["warnings"] = a.warnings;
  // Invalid UTF-8 cannot reach here (decoding repairs it); replace anyway
  // rather than throw.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace winnow
