#include "html/tree.h"

#include <cstring>
#include <string>

namespace winnow::html {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// `name == c_string` without the strlen a string_view of it would cost: this
// runs for every attribute of every element a selector or a step looks at.
bool same_name(const char* c_string, std::string_view name) {
  for (char c : name) {
    if (*c_string != c) return false;  // also stops at the NUL of a shorter one
    ++c_string;
  }
  return *c_string == '\0';
}

// Elements whose content is never shown as text: code, templates, media
// fallbacks, form controls.
bool never_text(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

}  // namespace

const GumboAttribute* Tree::find_attr(NodeId id, std::string_view name) const {
  const Node& n = nodes_[id];
  if (n.kind != NodeKind::kElement) return nullptr;
  const GumboVector& attrs = n.gumbo->v.element.attributes;
  for (unsigned i = 0; i < attrs.length; ++i) {
    auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
    if (same_name(a->name, name)) return a;
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

char Tree::first_text_byte(NodeId id) const {
  for (NodeId i = id; i < nodes_[id].end; ++i) {
    const Node& n = nodes_[i];
    if (n.kind == NodeKind::kElement && never_text(n.tag) && i != id) {
      i = n.end - 1;
      continue;
    }
    if (n.kind != NodeKind::kText && n.kind != NodeKind::kWhitespace) continue;
    for (char c : n.text)
      if (!is_space(c)) return c;
  }
  return 0;
}

std::string Tree::text_content(NodeId id, size_t limit) const {
  std::string out;
  bool space = false;
  for (NodeId i = id; i < nodes_[id].end && out.size() < limit; ++i) {
    const Node& n = nodes_[i];
    if (n.kind == NodeKind::kElement && never_text(n.tag)) {
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

bool is_blank(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (is_space(static_cast<char>(c))) { ++i; continue; }
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) { i += 2; continue; }
    if (c == 0xE2 && i + 2 < s.size()) {
      unsigned char b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
      if (b1 == 0x80 && (b2 <= 0x8D || b2 == 0xAF)) { i += 3; continue; }  // U+2000..200D, U+202F
      if (b1 == 0x81 && (b2 == 0x9F || b2 == 0xA0)) { i += 3; continue; }   // U+205F, U+2060
    }
    if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x80) { i += 3; continue; }  // U+3000
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
        static_cast<unsigned char>(s[i + 2]) == 0xBF) { i += 3; continue; }  // U+FEFF
    return false;
  }
  return true;
}

}  // namespace winnow::html
