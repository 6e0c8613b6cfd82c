#include "extract/generic_meta.h"

#include "base/date.h"
#include "extract/authors.h"
#include "extract/text.h"
#include "extract/title.h"

namespace winnow::extract {
namespace {

html::NodeId first_element(const html::Tree& t, GumboTag tag) {
  for (html::NodeId id = 0; id < t.size(); ++id)
    if (t.is_element(id) && t[id].tag == tag) return id;
  return html::kNoNode;
}

// The first of the page's declared dates that parses, as ISO 8601.
std::optional<std::string> published_date(const html::Tree& t, const PageMeta& meta) {
  std::vector<std::string_view> declared = {meta.linked.date_published, meta.published_time};
  html::NodeId time = first_element(t, GUMBO_TAG_TIME);
  if (time != html::kNoNode) declared.push_back(t.attr(time, "datetime"));
  for (std::string_view d : declared) {
    if (d.empty()) continue;
    if (auto dt = parse_iso8601(collapse_spaces(d))) return to_iso8601(*dt);
  }
  return std::nullopt;
}

}  // namespace

void fill_generic_meta(const html::Tree& t, const PageMeta& meta, Article* art) {
  // Title: the page's own headline (title.h), chosen before the text is
  // laid out because steps 5 and 6 drop its line.
  if (std::string title = choose_title(t, meta); !title.empty()) art->title = title;

  art->published = published_date(t, meta);
  // The authors as the page declares them, the byline their names; the
  // signature at the article's end and the page's other declared fields
  // are completed for both extractors after the text (page_fields.h).
  // (Organizations alone wait: a person may sign the article's end.)
  bool organizations_only = false;
  std::vector<std::string> authors = page_authors(t, meta, &organizations_only);
  if (!organizations_only) art->authors = std::move(authors);
  for (const std::string& name : art->authors) art->byline = art->byline ? *art->byline + ", " + name : name;

  if (!meta.linked.breadcrumb.empty()) art->section = meta.linked.breadcrumb;
  else if (!meta.linked.section.empty()) art->section = std::vector<std::string>{collapse_spaces(meta.linked.section)};

  if (!meta.lang.empty()) art->language = collapse_spaces(meta.lang);
}

}  // namespace winnow::extract
