#include "html/page.h"

#include "base/stage_clock.h"
#include "html/prune.h"

#include <algorithm>
#include <csetjmp>
#include <new>

namespace winnow::html {
namespace {

bool is_ascii_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c; }

// Elements that never nest: void elements, and those whose end tag is
// optional and which the tree builder closes implicitly (a new <p> closes the
// open <p>). Counting them would make ordinary pages with unclosed <p> or <li>
// look deep.
bool opens_no_depth(std::string_view n) {
  static constexpr std::string_view kNames[] = {
      "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr",
      "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
      "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
      "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp", "html",
      "head", "body"};
  // The first letter first: this runs for every start tag of every page.
  for (std::string_view k : kNames)
    if (!n.empty() && k[0] == n[0] && k == n) return true;
  return false;
}

// What ends a tag name (a NUL too, as strchr's terminator did).
bool ends_tag_name(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>' || c == '\0';
}

// Elements whose content is raw text up to their end tag.
bool is_raw_text(std::string_view n) {
  return n == "script" || n == "style" || n == "textarea" || n == "title" || n == "xmp" ||
         n == "iframe" || n == "noembed" || n == "noframes";
}

// Finds "</name" (case-insensitive) from `from`; returns npos if absent.
size_t find_end_tag(std::string_view html, size_t from, std::string_view name) {
  for (size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 2)) {
    if (i + 2 + name.size() > html.size()) return std::string_view::npos;
    bool match = true;
    for (size_t k = 0; k < name.size(); ++k) {
      if (lower(html[i + 2 + k]) != name[k]) { match = false; break; }
    }
    if (match) return i;
  }
  return std::string_view::npos;
}

// Index of the '>' closing a tag that starts at `lt`, honouring quoted
// attribute values; html.size() if the tag never closes.
size_t tag_close(std::string_view html, size_t lt) {
  for (size_t i = lt + 1; i < html.size(); ++i) {
    char c = html[i];
    if (c == '>') return i;
    if (c != '"' && c != '\'') continue;
    // Quotes only open a value after '='; a stray quote elsewhere is text.
    size_t j = i;
    while (j > lt && (html[j - 1] == ' ' || html[j - 1] == '\t' || html[j - 1] == '\n')) --j;
    if (j == lt || html[j - 1] != '=') continue;
    // A value: its closing quote by memchr (values are most of a tag's bytes).
    i = html.find(c, i + 1);
    if (i == std::string_view::npos) return html.size();
  }
  return html.size();
}

// Where the attribute past the first `max` of the start tag ending at `gt`
// begins (its attributes start at `from`); npos if it has no more than `max`.
// Names run to whitespace, '/', '>' or '='; values are quoted or run to
// whitespace or '>', as the tokenizer reads them.
size_t attribute_overflow(std::string_view html, size_t from, size_t gt, int max) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  int count = 0;
  size_t i = from;
  while (i < gt) {
    while (i < gt && (space(html[i]) || html[i] == '/')) ++i;
    if (i >= gt) break;
    if (++count > max) return i;
    size_t name = i;
    while (i < gt && !space(html[i]) && html[i] != '/' && (html[i] != '=' || i == name)) ++i;
    while (i < gt && space(html[i])) ++i;
    if (i < gt && html[i] == '=') {
      ++i;
      while (i < gt && space(html[i])) ++i;
      if (i < gt && (html[i] == '"' || html[i] == '\'')) {
        size_t close = html.find(html[i], i + 1);
        i = close == std::string_view::npos || close > gt ? gt : close + 1;
      } else {
        while (i < gt && !space(html[i])) ++i;
      }
    }
  }
  return std::string_view::npos;
}

}  // namespace

// Over 80 lines on purpose: one pass over the raw bytes before Gumbo sees
// them, on the hot path of every page (docs/performance.md: the prune and
// depth-guard stage is ~6% of a clean); the open-element stack, the copy
// cursor and the attribute count are shared by every branch, which helpers
// would have to pass back and forth.
bool limit_nesting(std::string_view html, int max_depth, std::string* out, int max_attributes,
                   MarkupCuts* what) {
  struct Cut { size_t from, to; };
  struct Open { std::string name; bool cut; };
  // An end tag closes the nearest open element of its name and everything
  // opened after it, as the tree builder does for "any other end tag"; one
  // that matches nothing this close to the top is ignored.
  constexpr size_t kEndTagSearch = 1024;
  std::vector<Cut> cuts;
  std::vector<Open> open;
  int depth = 0;    // open elements not cut
  int foreign = 0;  // open <svg>/<math>: there "/>" closes and <style> is markup
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      // "<!-->" and "<!--->" are complete (empty) comments.
      size_t body = i + 4;
      if (html.compare(body, 1, ">") == 0) { i = body + 1; continue; }
      if (html.compare(body, 2, "->") == 0) { i = body + 2; continue; }
      size_t e = html.find("-->", body);
      i = e == std::string_view::npos ? html.size() : e + 3;
      continue;
    }
    if (i + 1 >= html.size()) break;
    char c = html[i + 1];
    bool end_tag = c == '/';
    size_t name_at = i + (end_tag ? 2 : 1);
    if (name_at >= html.size() || !is_ascii_alpha(html[name_at])) {
      // "<!doctype", "<?xml", or a lone '<' in text.
      i = (c == '!' || c == '?') ? tag_close(html, i) + 1 : i + 1;
      continue;
    }
    size_t n = name_at;
    std::string name;
    while (n < html.size() && !ends_tag_name(html[n])) name.push_back(lower(html[n++]));
    size_t gt = tag_close(html, i);
    size_t next = std::min(gt + 1, html.size());
    // Gumbo checks each new attribute against the tag's others: a tag with
    // 100,000 attributes takes it half a minute. Past `max_attributes` they go.
    Cut attributes{std::string_view::npos, 0};
    if (!end_tag && gt - n > static_cast<size_t>(max_attributes)) {
      size_t over = attribute_overflow(html, n, gt, max_attributes);
      if (over != std::string_view::npos) {
        attributes = {over, gt};
        if (what) what->attributes = true;
      }
    }
    auto cut_attributes = [&] {
      if (attributes.from != std::string_view::npos) cuts.push_back(attributes);
    };
    if (end_tag) {
      size_t limit = open.size() > kEndTagSearch ? open.size() - kEndTagSearch : 0;
      size_t k = open.size();
      while (k > limit && open[k - 1].name != name) --k;
      if (k > limit) {
        if (open[k - 1].cut) cuts.push_back({i, next});
        while (open.size() >= k) {
          if (!open.back().cut) --depth;
          if (open.back().name == "svg" || open.back().name == "math") --foreign;
          open.pop_back();
        }
      }
      i = next;
      continue;
    }
    bool self_closing = gt < html.size() && gt > i && html[gt - 1] == '/';
    if (foreign == 0 && is_raw_text(name)) {
      cut_attributes();
      size_t e = find_end_tag(html, next, name);
      i = e == std::string_view::npos ? html.size() : e;
      continue;
    }
    if (foreign == 0 && name == "plaintext") {
      cut_attributes();
      break;
    }
    // HTML ignores "/>" on its own elements; only foreign ones self-close.
    if (opens_no_depth(name) || (self_closing && foreign > 0)) {
      cut_attributes();
      i = next;
      continue;
    }
    bool cut = depth >= max_depth;
    if (cut) {
      cuts.push_back({i, next});  // the whole tag, its attributes too
      if (what) what->depth = true;
    } else {
      ++depth;
      cut_attributes();
    }
    if (name == "svg" || name == "math") ++foreign;
    open.push_back({std::move(name), cut});
    i = next;
  }
  if (cuts.empty()) return false;
  out->clear();
  out->reserve(html.size());
  size_t at = 0;
  for (const Cut& cut : cuts) {
    out->append(html.substr(at, cut.from - at));
    at = cut.to;
  }
  out->append(html.substr(std::min(at, html.size())));
  return true;
}

namespace {

std::string_view element_name(const GumboElement& el, std::deque<std::string>* names) {
  if (el.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(el.tag);
  GumboStringPiece piece = el.original_tag;
  gumbo_tag_from_original_text(&piece);  // strips "<" and attributes
  std::string name(piece.data ? piece.data : "", piece.data ? piece.length : 0);
  for (char& c : name) c = lower(c);
  names->push_back(std::move(name));
  return names->back();
}

// Flattens Gumbo's tree into pre-order without recursion.
void build_tree(const GumboNode* root, Page* page) {
  std::vector<Node>& nodes = page->tree.mutable_nodes();
  nodes.clear();
  struct Frame { const GumboNode* node; NodeId id; unsigned next_child; };
  std::vector<Frame> stack;
  auto add = [&](const GumboNode* g, NodeId parent) -> NodeId {
    Node n;
    n.gumbo = g;
    n.parent = parent;
    switch (g->type) {
      case GUMBO_NODE_DOCUMENT: n.kind = NodeKind::kDocument; break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        n.kind = NodeKind::kElement;
        n.tag = g->v.element.tag;
        n.name = element_name(g->v.element, &page->names);
        break;
      case GUMBO_NODE_WHITESPACE: n.kind = NodeKind::kWhitespace; break;
      case GUMBO_NODE_COMMENT: n.kind = NodeKind::kComment; break;
      default: n.kind = NodeKind::kText; break;  // text, CDATA
    }
    if (n.kind == NodeKind::kText || n.kind == NodeKind::kWhitespace ||
        n.kind == NodeKind::kComment) {
      n.text = g->v.text.text ? std::string_view(g->v.text.text) : std::string_view();
    }
    nodes.push_back(n);
    return static_cast<NodeId>(nodes.size() - 1);
  };
  auto children = [](const GumboNode* g) -> const GumboVector* {
    if (g->type == GUMBO_NODE_DOCUMENT) return &g->v.document.children;
    if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE)
      return &g->v.element.children;
    return nullptr;
  };
  stack.push_back({root, add(root, kNoNode), 0});
  NodeId last_closed = kNoNode;
  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboVector* kids = children(f.node);
    if (kids && f.next_child < kids->length) {
      const GumboNode* child = static_cast<const GumboNode*>(kids->data[f.next_child++]);
      NodeId parent = f.id;
      NodeId id = add(child, parent);
      // The previous sibling is the last node closed under the same parent.
      if (f.next_child > 1 && last_closed != kNoNode && nodes[last_closed].parent == parent)
        nodes[last_closed].next_sibling = id;
      stack.push_back({child, id, 0});
    } else {
      nodes[f.id].end = static_cast<NodeId>(nodes.size());
      last_closed = f.id;
      stack.pop_back();
    }
  }
}

// Gumbo's parse in `arena`. An allocation that fails inside Gumbo comes back
// here by longjmp (Arena::gumbo_allocate) and leaves as std::bad_alloc.
// Nothing in this frame or Gumbo's has a destructor to skip, which is what
// makes the jump well-defined in C++; `out` is only read on the normal path.
GumboOutput* parse_in_arena(const GumboOptions& options, Arena* arena, std::string_view source) {
  std::jmp_buf on_failure;
  arena->set_failure_jump(&on_failure);
  if (setjmp(on_failure) != 0) {
    arena->set_failure_jump(nullptr);
    throw std::bad_alloc();
  }
  GumboOutput* out = gumbo_parse_with_options(&options, source.data(), source.size());
  arena->set_failure_jump(nullptr);
  return out;
}

}  // namespace

Page parse_page(std::string utf8, const ParseOptions& options) {
  Page page;
  {
    StageTimer timer(Stage::kPrune);
    std::string pruned;
    if (options.prune && prune_for_parse(utf8, &pruned)) utf8 = std::move(pruned);
    std::string limited;
    MarkupCuts what;
    if (limit_nesting(utf8, options.max_depth, &limited, options.max_attributes, &what)) {
      page.source = std::move(limited);
      page.depth_limited = what.depth;
      page.attributes_limited = what.attributes;
    } else {
      page.source = std::move(utf8);
    }
  }
  {
    StageTimer timer(Stage::kParse);
    page.arena = std::make_unique<Arena>();
    GumboOptions gopts = kGumboDefaultOptions;
    gopts.allocator = &Arena::gumbo_allocate;
    gopts.deallocator = &Arena::gumbo_free;
    gopts.userdata = page.arena.get();
    gopts.max_errors = 0;  // we never read parse errors; don't collect them
    page.output = parse_in_arena(gopts, page.arena.get(), page.source);
  }
  StageTimer timer(Stage::kTree);
  build_tree(page.output->document, &page);
  return page;
}

}  // namespace winnow::html
