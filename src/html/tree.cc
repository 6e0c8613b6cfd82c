#include "html/tree.h"

#include <cstring>
#include <string>

namespace winnow::html {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

const GumboAttribute* Tree::find_attr(NodeId id, std::string_view name) const {
  const Node& n = nodes_[id];
  if (n.kind != NodeKind::kElement) return nullptr;
  const GumboVector& attrs = n.gumbo->v.element.attributes;
  for (unsigned i = 0; i < attrs.length; ++i) {
    auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
    if (name == a->name) return a;
  }
  return nullptr;
}

std::string_view Tree::attr(NodeId id, std::string_view name) const {
  const GumboAttribute* a = find_attr(id, name);
  return a && a->value ? std::string_view(a->value) : std::string_view();
}

bool Tree::has_class(NodeId id, std::string_view cls) const {
  std::string_view classes = attr(id, "class");
  size_t i = 0;
  while (i < classes.size()) {
    while (i < classes.size() && is_space(classes[i])) ++i;
    size_t start = i;
    while (i < classes.size() && !is_space(classes[i])) ++i;
    if (i > start && classes.substr(start, i - start) == cls) return true;
  }
  return false;
}

unsigned Tree::source_line(NodeId id) const {
  const Node& n = nodes_[id];
  if (!n.gumbo) return 0;
  switch (n.gumbo->type) {
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: return n.gumbo->v.element.start_pos.line;
    case GUMBO_NODE_DOCUMENT: return 1;
    default: return n.gumbo->v.text.start_pos.line;
  }
}

std::string Tree::text_content(NodeId id, size_t limit) const {
  std::string out;
  bool space = false;
  for (NodeId i = id; i < nodes_[id].end && out.size() < limit; ++i) {
    const Node& n = nodes_[i];
    if (n.kind == NodeKind::kElement &&
        (n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE || n.tag == GUMBO_TAG_TEMPLATE ||
         n.tag == GUMBO_TAG_NOSCRIPT)) {
      if (i != id) {
        i = n.end - 1;
        continue;
      }
    }
    if (n.kind != NodeKind::kText && n.kind != NodeKind::kWhitespace) continue;
    for (char c : n.text) {
      if (is_space(c)) {
        space = !out.empty();
      } else {
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
      }
    }
  }
  if (out.size() > limit) {
    // Finish the UTF-8 character the limit falls in.
    size_t cut = limit;
    while (cut < out.size() && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) ++cut;
    out.resize(cut);
  }
  return out;
}

}  // namespace winnow::html
