#include "extract/metadata.h"

#include <algorithm>
#include <unordered_map>
#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include "extract/entities.h"
#include "extract/text.h"

namespace winnow::extract {
namespace {

using json = nlohmann::json;

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
  if (it->is_string()) return decode_entities(it->get<std::string>());
  if (it->is_array() && !it->empty() && (*it)[0].is_string()) return decode_entities((*it)[0].get<std::string>());
  return {};
}

// Every object with an @id, for the references a @graph makes between its
// items (Yoast's Article names its author as {"@id": ".../#/schema/person/…"}).
using IdIndex = std::unordered_map<std::string, const json*>;

std::vector<LinkedAuthor> authors_of(const json& v, const IdIndex& ids) {
  std::vector<LinkedAuthor> out;
  auto one = [&](const json& ref) {
    const json* target = &ref;
    if (ref.is_object() && !ref.contains("name") && ref.contains("@id") && ref["@id"].is_string())
      if (auto it = ids.find(ref["@id"].get<std::string>()); it != ids.end()) target = it->second;
    const json& x = *target;
    if (x.is_string()) {
      out.push_back({decode_entities(x.get<std::string>()), ""});
    } else if (x.is_object()) {
      std::string n = string_of(x, "name");
      if (n.empty()) return;
      std::string type = has_type(x, {"Person"}) ? "Person" : string_of(x, "@type");
      out.push_back({std::move(n), std::move(type)});
    }
  };
  if (v.is_array()) for (const json& x : v) one(x);
  else one(v);
  return out;
}

// An image: a URL string, an ImageObject (url or contentUrl), or a list of
// either (the first).
std::string image_of(const json& v) {
  if (v.is_array()) return v.empty() ? std::string() : image_of(v[0]);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) {
    for (const char* key : {"url", "contentUrl"}) {
      auto u = v.find(key);
      if (u != v.end() && u->is_string() && !u->get<std::string>().empty()) return u->get<std::string>();
    }
  }
  return {};
}

std::vector<std::string> keywords_of(const json& v) {
  std::vector<std::string> out;
  auto split = [&](const std::string& s) {
    size_t from = 0;
    while (from <= s.size()) {
      size_t comma = s.find(',', from);
      if (comma == std::string::npos) comma = s.size();
      out.push_back(decode_entities(s.substr(from, comma - from)));
      from = comma + 1;
    }
  };
  if (v.is_string()) split(v.get<std::string>());
  else if (v.is_array())
    for (const json& x : v)
      if (x.is_string()) out.push_back(decode_entities(x.get<std::string>()));
  return out;
}

// Visits every object of a JSON-LD document: top level, arrays, @graph.
// (An ItemList's items are not visited: a related article is not the page.)
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

// A URL compared as the page's own: scheme, "www.", query, fragment and a
// trailing slash ignored.
std::string url_key(std::string_view u) {
  if (size_t p = u.find("://"); p != std::string_view::npos) u.remove_prefix(p + 3);
  if (u.substr(0, 4) == "www.") u.remove_prefix(4);
  u = u.substr(0, u.find_first_of("?#"));
  while (!u.empty() && u.back() == '/') u.remove_suffix(1);
  return lower_ascii(u);
}

// The item's own URLs: url, @id, and mainEntityOfPage (a URL or an object's @id).
bool names_page(const json& obj, const std::string& page_key) {
  if (page_key.empty()) return false;
  for (const char* key : {"url", "@id"})
    if (url_key(string_of(obj, key)) == page_key) return true;
  auto m = obj.find("mainEntityOfPage");
  if (m == obj.end()) return false;
  if (m->is_string()) return url_key(m->get<std::string>()) == page_key;
  return m->is_object() && url_key(string_of(*m, "@id")) == page_key;
}

LinkedData linked_item(const json& obj, bool page_only, const IdIndex& ids) {
  LinkedData cand;
  cand.type = page_only ? "WebPage" : string_of(obj, "@type");
  cand.headline = string_of(obj, "headline");
  if (cand.headline.empty() && page_only) cand.headline = string_of(obj, "name");
  cand.description = string_of(obj, "description");
  cand.date_published = string_of(obj, "datePublished");
  cand.date_modified = string_of(obj, "dateModified");
  cand.section = string_of(obj, "articleSection");
  if (auto a = obj.find("author"); a != obj.end()) cand.authors = authors_of(*a, ids);
  if (auto p = obj.find("publisher"); p != obj.end() && p->is_object()) {
    const json* pub = &*p;
    if (!p->contains("name") && p->contains("@id") && (*p)["@id"].is_string())
      if (auto it = ids.find((*p)["@id"].get<std::string>()); it != ids.end()) pub = it->second;
    // A blog's publisher is often its author (Yoast's Person): no publisher
    // then, or the author would be taken for the site.
    if (!has_type(*pub, {"Person"})) cand.publisher = string_of(*pub, "name");
  }
  if (auto i = obj.find("image"); i != obj.end()) cand.image = image_of(*i);
  if (auto k = obj.find("keywords"); k != obj.end()) cand.keywords = keywords_of(*k);
  return cand;
}

// True if `u` is a site's home page ("https://example.vn/", "/"): a
// breadcrumb's first step, not a section ("Trang chủ", "Home", "Startseite"
// in any language).
bool is_site_root(const std::string& u) {
  if (u == "/") return true;
  if (u.find("://") == std::string::npos) return false;
  const std::string key = url_key(u);
  return !key.empty() && key.find('/') == std::string::npos;
}

// The URL a breadcrumb entry links to: its item (a URL, or an object's @id
// or url), else its own url.
std::string crumb_url(const json& it) {
  if (auto i = it.find("item"); i != it.end()) {
    if (i->is_string()) return i->get<std::string>();
    if (i->is_object()) {
      std::string id = string_of(*i, "@id");
      return id.empty() ? string_of(*i, "url") : id;
    }
  }
  return string_of(it, "url");
}

// The entries' names in position order, less the home page's entry.
std::vector<std::string> breadcrumb_of(const json& obj) {
  std::vector<std::string> out;
  auto items = obj.find("itemListElement");
  if (items == obj.end() || !items->is_array()) return out;
  std::vector<std::pair<int, std::string>> crumbs;
  for (const json& it : *items) {
    if (!it.is_object()) continue;
    int pos = it.contains("position") && it["position"].is_number_integer()
                  ? it["position"].get<int>() : static_cast<int>(crumbs.size()) + 1;
    std::string name = string_of(it, "name");
    if (name.empty() && it.contains("item") && it["item"].is_object())
      name = string_of(it["item"], "name");
    if (!name.empty() && !is_site_root(crumb_url(it))) crumbs.emplace_back(pos, name);
  }
  std::stable_sort(crumbs.begin(), crumbs.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& c : crumbs) out.push_back(std::move(c.second));
  return out;
}

// The page's main item among every JSON-LD block: the article-like object
// that names the page's URL, else the first article, else the first
// WebPage (only its headline/name and dates then).
void read_linked_data(const std::vector<json>& docs, const std::string& page_url, LinkedData* ld) {
  const std::string page_key = url_key(page_url);
  IdIndex ids;
  for (const json& doc : docs)
    for_each_object(doc, [&](const json& obj) {
      auto id = obj.find("@id");
      if (id != obj.end() && id->is_string() && obj.size() > 1) ids.emplace(id->get<std::string>(), &obj);
    });
  int best = 0;  // 3: article naming the page, 2: article, 1: WebPage
  std::string publisher;
  std::vector<std::string> types;
  std::string product_description;  // kept apart: an article item found later replaces *ld
  auto add_type = [&](const json& t) {
    if (t.is_string() && std::find(types.begin(), types.end(), t.get<std::string>()) == types.end())
      types.push_back(t.get<std::string>());
  };
  for (const json& doc : docs) {
    for_each_object(doc, [&](const json& obj) {
      if (auto t = obj.find("@type"); t != obj.end()) {
        if (t->is_array()) for (const json& x : *t) add_type(x);
        else add_type(*t);
      }
      if (has_type(obj, {"Product", "ProductGroup"})) {
        std::string d = string_of(obj, "description");
        RE2::GlobalReplace(&d, "<[^<>]*>", " ");  // descriptions written as HTML
        if (d.size() > product_description.size()) product_description = std::move(d);
      }
      if (publisher.empty() && has_type(obj, {"Organization", "NewsMediaOrganization", "WebSite"}) &&
          !has_type(obj, {"Person"}))
        publisher = string_of(obj, "name");
      if (has_type(obj, {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
                         "BlogPosting", "OpinionNewsArticle", "LiveBlogPosting", "WebPage", "TechArticle",
                         "ScholarlyArticle", "Report"})) {
        bool page_only = has_type(obj, {"WebPage"}) && !has_type(obj, {"Article", "NewsArticle"});
        int rank = page_only ? 1 : names_page(obj, page_key) ? 3 : 2;
        if (rank > best) {
          auto crumbs = std::move(ld->breadcrumb);
          *ld = linked_item(obj, page_only, ids);
          ld->breadcrumb = std::move(crumbs);
          best = rank;
        }
      }
      if (has_type(obj, {"BreadcrumbList"}) && ld->breadcrumb.empty()) ld->breadcrumb = breadcrumb_of(obj);
    });
  }
  // A WebPage's author is the site's, not a person's; the site's
  // Organization names the publisher when the item does not.
  if (best == 1) ld->authors.clear();
  if (ld->publisher.empty()) ld->publisher = publisher;
  ld->types = std::move(types);
  ld->product_description = std::move(product_description);
}

void read_meta_tag(const html::Tree& tree, html::NodeId i, PageMeta* m) {
  std::string key = lower_ascii(tree.has_attr(i, "property") ? tree.attr(i, "property")
                          : tree.has_attr(i, "name")   ? tree.attr(i, "name")
                                                       : tree.attr(i, "itemprop"));
  // URLs as written: a second decoding would turn "?a=1&sect=2" into "§".
  const bool url_valued = key == "og:url" || key.rfind("og:image", 0) == 0 || key.rfind("twitter:image", 0) == 0;
  std::string content = url_valued ? std::string(tree.attr(i, "content")) : decode_entities(tree.attr(i, "content"));
  if (lower_ascii(tree.attr(i, "http-equiv")) == "content-language") key = "content-language";
  if (key == "article:tag") {
    m->article_tags.push_back(std::move(content));
    return;
  }
  if (key == "citation_author" || key == "dc.creator") {
    m->citation_authors.push_back(std::move(content));
    return;
  }
  static const std::pair<const char*, std::string PageMeta::*> kFields[] = {
      {"og:url", &PageMeta::og_url},
      {"og:title", &PageMeta::og_title},
      {"og:description", &PageMeta::og_description},
      {"og:type", &PageMeta::og_type},
      {"og:site_name", &PageMeta::og_site_name},
      {"og:image", &PageMeta::og_image},
      {"og:image:url", &PageMeta::og_image},
      {"og:image:secure_url", &PageMeta::og_image},
      {"og:locale", &PageMeta::og_locale},
      {"twitter:title", &PageMeta::twitter_title},
      {"twitter:image", &PageMeta::twitter_image},
      {"twitter:image:src", &PageMeta::twitter_image},
      {"description", &PageMeta::description},
      {"article:published_time", &PageMeta::published_time},
      {"author", &PageMeta::author},
      {"application-name", &PageMeta::application_name},
      {"keywords", &PageMeta::keywords},
      {"news_keywords", &PageMeta::news_keywords},
      {"content-language", &PageMeta::content_language},
  };
  for (const auto& [name, field] : kFields)
    if (key == name) {
      if ((m->*field).empty()) m->*field = std::move(content);
      return;
    }
}

}  // namespace

PageMeta read_page_meta(const html::Tree& tree) {
  PageMeta m;
  std::vector<json> linked;
  for (html::NodeId i = 0; i < tree.size(); ++i) {
    const html::Node& n = tree[i];
    if (n.kind != html::NodeKind::kElement) continue;
    switch (n.tag) {
      case GUMBO_TAG_HTML:
        if (m.lang.empty()) m.lang = std::string(tree.attr(i, "lang"));
        break;
      case GUMBO_TAG_TITLE:
        if (m.title_tag.empty()) m.title_tag = decode_entities(tree.text_content(i));
        break;
      case GUMBO_TAG_LINK:
        if (m.canonical.empty() && lower_ascii(tree.attr(i, "rel")) == "canonical")
          m.canonical = std::string(tree.attr(i, "href"));
        break;
      case GUMBO_TAG_META:
        read_meta_tag(tree, i, &m);
        break;
      case GUMBO_TAG_SCRIPT:
        if (lower_ascii(tree.attr(i, "type")) == "application/ld+json") {
          json doc = json::parse(tree.text_content(i), nullptr, /*allow_exceptions=*/false);
          if (doc.is_discarded()) ++m.json_ld_errors;
          else linked.push_back(std::move(doc));
        }
        break;
      default: break;
    }
  }
  read_linked_data(linked, declared_url(m), &m.linked);
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
  std::string s = lower_ascii(url.substr(0, scheme));
  if (s != "http" && s != "https") return {};
  std::string_view rest = url.substr(scheme + 3);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
    size_t close = authority.find(']');
    return close == std::string_view::npos ? std::string() : lower_ascii(authority.substr(0, close + 1));
  }
  if (size_t colon = authority.find(':'); colon != std::string_view::npos) authority = authority.substr(0, colon);
  return lower_ascii(authority);
}

}  // namespace winnow::extract
