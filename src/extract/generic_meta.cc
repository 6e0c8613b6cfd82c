#include "extract/generic_meta.h"

#include "extract/dates.h"
#include "extract/text.h"

namespace winnow::extract {
namespace {

html::NodeId first_element(const html::Tree& t, GumboTag tag) {
  for (html::NodeId id = 0; id < t.size(); ++id)
    if (t.is_element(id) && t[id].tag == tag) return id;
  return html::kNoNode;
}

}  // namespace

void fill_generic_meta(const html::Tree& t, const PageMeta& meta, Article* art) {
  // Title: what the page says its headline is, else its first <h1>, else
  // <title> (which often carries the site's name too).
  std::string title = collapse_spaces(meta.linked.headline);
  if (title.empty()) title = collapse_spaces(meta.og_title);
  if (title.empty()) {
    html::NodeId h1 = first_element(t, GUMBO_TAG_H1);
    if (h1 != html::kNoNode) title = t.text_content(h1, 1000);
  }
  if (title.empty()) title = collapse_spaces(meta.title_tag);
  if (!title.empty()) art->title = title;

  // Dates: extract/dates.h (the one precedence both extractors share).
  FoundDates dates = find_dates(t, meta);
  art->published = std::move(dates.published);
  art->modified = std::move(dates.modified);

  std::string byline;
  for (const std::string& a : meta.linked.authors) {
    std::string name = collapse_spaces(a);
    if (name.empty()) continue;
    if (!byline.empty()) byline += ", ";
    byline += name;
  }
  if (byline.empty()) byline = collapse_spaces(meta.author);
  if (!byline.empty()) art->byline = byline;

  if (!meta.linked.breadcrumb.empty()) art->section = meta.linked.breadcrumb;
  else if (!meta.linked.section.empty()) art->section = std::vector<std::string>{collapse_spaces(meta.linked.section)};

  if (!meta.lang.empty()) art->language = collapse_spaces(meta.lang);
}

}  // namespace winnow::extract
