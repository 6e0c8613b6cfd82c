#include "extract/metadata.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace winnow::extract {
namespace {

using json = nlohmann::json;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
  return out;
}

bool has_type(const json& obj, std::initializer_list<std::string_view> types) {
  auto it = obj.find("@type");
  if (it == obj.end()) return false;
  auto match = [&](const json& t) {
    return t.is_string() &&
           std::find(types.begin(), types.end(), t.get<std::string>()) != types.end();
  };
  if (match(*it)) return true;
  if (it->is_array()) return std::any_of(it->begin(), it->end(), match);
  return false;
}

std::string string_of(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array() && !it->empty() && (*it)[0].is_string()) return (*it)[0].get<std::string>();
  return {};
}

std::vector<std::string> names_of(const json& v) {
  std::vector<std::string> out;
  auto one = [&](const json& x) {
    if (x.is_string()) out.push_back(x.get<std::string>());
    else if (x.is_object()) {
      std::string n = string_of(x, "name");
      if (!n.empty()) out.push_back(n);
    }
  };
  if (v.is_array()) for (const json& x : v) one(x);
  else one(v);
  return out;
}

// Visits every object of a JSON-LD document: top level, arrays, @graph.
template <typename F>
void for_each_object(const json& doc, F&& f, int depth = 0) {
  if (depth > 4) return;
  if (doc.is_array()) {
    for (const json& x : doc) for_each_object(x, f, depth + 1);
  } else if (doc.is_object()) {
    f(doc);
    auto g = doc.find("@graph");
    if (g != doc.end()) for_each_object(*g, f, depth + 1);
  }
}

void read_linked_data(const json& doc, LinkedData* ld) {
  for_each_object(doc, [&](const json& obj) {
    if (ld->type.empty() &&
        has_type(obj, {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
                       "BlogPosting", "OpinionNewsArticle", "LiveBlogPosting", "WebPage"})) {
      // A WebPage only counts until an article shows up.
      bool page_only = has_type(obj, {"WebPage"});
      LinkedData cand;
      cand.type = page_only ? "WebPage" : string_of(obj, "@type");
      cand.headline = string_of(obj, "headline");
      cand.description = string_of(obj, "description");
      cand.date_published = string_of(obj, "datePublished");
      cand.date_modified = string_of(obj, "dateModified");
      cand.section = string_of(obj, "articleSection");
      if (auto a = obj.find("author"); a != obj.end()) cand.authors = names_of(*a);
      if (!page_only) {
        auto crumbs = std::move(ld->breadcrumb);
        *ld = std::move(cand);
        ld->breadcrumb = std::move(crumbs);
      }
    }
    if (has_type(obj, {"BreadcrumbList"}) && ld->breadcrumb.empty()) {
      auto items = obj.find("itemListElement");
      if (items == obj.end() || !items->is_array()) return;
      std::vector<std::pair<int, std::string>> crumbs;
      for (const json& it : *items) {
        if (!it.is_object()) continue;
        int pos = it.contains("position") && it["position"].is_number_integer()
                      ? it["position"].get<int>() : static_cast<int>(crumbs.size()) + 1;
        std::string name = string_of(it, "name");
        if (name.empty() && it.contains("item") && it["item"].is_object())
          name = string_of(it["item"], "name");
        if (!name.empty()) crumbs.emplace_back(pos, name);
      }
      std::stable_sort(crumbs.begin(), crumbs.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& c : crumbs) ld->breadcrumb.push_back(std::move(c.second));
    }
  });
}

}  // namespace

PageMeta read_page_meta(const html::Tree& tree) {
  PageMeta m;
  for (html::NodeId i = 0; i < tree.size(); ++i) {
    const html::Node& n = tree[i];
    if (n.kind != html::NodeKind::kElement) continue;
    switch (n.tag) {
      case GUMBO_TAG_HTML:
        if (m.lang.empty()) m.lang = std::string(tree.attr(i, "lang"));
        break;
      case GUMBO_TAG_TITLE:
        if (m.title_tag.empty()) m.title_tag = tree.text_content(i);
        break;
      case GUMBO_TAG_LINK:
        if (m.canonical.empty() && lower(tree.attr(i, "rel")) == "canonical")
          m.canonical = std::string(tree.attr(i, "href"));
        break;
      case GUMBO_TAG_META: {
        std::string key = lower(tree.has_attr(i, "property") ? tree.attr(i, "property")
                                                              : tree.attr(i, "name"));
        std::string content(tree.attr(i, "content"));
        auto set = [&](std::string& field) { if (field.empty()) field = content; };
        if (key == "og:url") set(m.og_url);
        else if (key == "og:title") set(m.og_title);
        else if (key == "og:description") set(m.og_description);
        else if (key == "og:type") set(m.og_type);
        else if (key == "og:site_name") set(m.og_site_name);
        else if (key == "description") set(m.description);
        else if (key == "article:published_time") set(m.published_time);
        else if (key == "author") set(m.author);
        break;
      }
      case GUMBO_TAG_SCRIPT:
        if (lower(tree.attr(i, "type")) == "application/ld+json") {
          json doc = json::parse(tree.text_content(i), nullptr, /*allow_exceptions=*/false);
          if (doc.is_discarded()) ++m.json_ld_errors;
          else read_linked_data(doc, &m.linked);
        }
        break;
      default: break;
    }
  }
  return m;
}

std::string declared_url(const PageMeta& meta) {
  if (!url_host(meta.canonical).empty()) return meta.canonical;
  if (!url_host(meta.og_url).empty()) return meta.og_url;
  return {};
}

std::string url_host(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string s = lower(url.substr(0, scheme));
  if (s != "http" && s != "https") return {};
  std::string_view rest = url.substr(scheme + 3);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
    size_t close = authority.find(']');
    return close == std::string_view::npos ? std::string() : lower(authority.substr(0, close + 1));
  }
  if (size_t colon = authority.find(':'); colon != std::string_view::npos) authority = authority.substr(0, colon);
  return lower(authority);
}

}  // namespace winnow::extract
