// The parsed page as a flat array of nodes in document (pre-)order.
//
// Gumbo's tree is pointer-linked and has no room for our own per-node data.
// Numbering the nodes in pre-order gives every node a dense id, so the rule
// engine can keep per-node marks in plain vectors, and makes "is X inside Y"
// a range test: Y's subtree is exactly the ids [Y, end(Y)). Traversals are
// loops over ids, never recursion, so nesting depth cannot exhaust the stack.
#ifndef WINNOW_HTML_TREE_H_
#define WINNOW_HTML_TREE_H_

#include <gumbo.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace winnow::html {

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

enum class NodeKind : uint8_t { kDocument, kElement, kText, kWhitespace, kComment };

struct Node {
  NodeKind kind = NodeKind::kDocument;
  GumboTag tag = GUMBO_TAG_UNKNOWN;  // elements only
  NodeId parent = kNoNode;
  NodeId end = 0;            // one past the last id of this node's subtree
  NodeId next_sibling = kNoNode;
  std::string_view name;     // lower-case tag name (elements)
  std::string_view text;     // text, whitespace and comment content
  const GumboNode* gumbo = nullptr;
};

class Tree {
 public:
  const Node& operator[](NodeId id) const { return nodes_[id]; }
  NodeId size() const { return static_cast<NodeId>(nodes_.size()); }
  static constexpr NodeId root() { return 0; }

  bool is_element(NodeId id) const { return nodes_[id].kind == NodeKind::kElement; }
  NodeId first_child(NodeId id) const {
    return id + 1 < nodes_[id].end ? id + 1 : kNoNode;
  }
  // True if `inner` is `outer` or lies inside it.
  bool contains(NodeId outer, NodeId inner) const {
    return inner >= outer && inner < nodes_[outer].end;
  }

  // Attribute lookup (names are lower-case, as Gumbo normalises them).
  const GumboAttribute* find_attr(NodeId id, std::string_view name) const;
  bool has_attr(NodeId id, std::string_view name) const { return find_attr(id, name) != nullptr; }
  // The attribute's value, or "" when absent.
  std::string_view attr(NodeId id, std::string_view name) const;
  // True if the class attribute holds `cls` as one whitespace-separated token.
  bool has_class(NodeId id, std::string_view cls) const;

  // 1-based line of the node's start tag in the parsed source (0 if unknown).
  unsigned source_line(NodeId id) const;

  // Text content of a subtree with whitespace collapsed (no layout): for
  // metadata, JSON-LD, explain excerpts. Stops after `limit` bytes.
  std::string text_content(NodeId id, size_t limit = SIZE_MAX) const;
  // The first byte of text_content(id), 0 if it is empty, without building
  // it: a test of a text's first letter over every element stays cheap.
  char first_text_byte(NodeId id) const;

  std::vector<Node>& mutable_nodes() { return nodes_; }

 private:
  std::vector<Node> nodes_;
};

// True if the UTF-8 text holds nothing but spaces: ASCII whitespace and the
// Unicode spaces pages use as fillers (U+00A0, U+2000-U+200B, U+202F, U+205F,
// U+3000, U+FEFF), and the invisible joiners (U+200C, U+200D, U+2060) that
// are nothing alone. `<p>&nbsp;</p>` and `<p>&zwj;</p>` hold no text.
bool is_blank(std::string_view utf8);

}  // namespace winnow::html

#endif  // WINNOW_HTML_TREE_H_
