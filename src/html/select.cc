// CSS selector parsing and single-pass matching. See select.h.
//
// Parsing compiles a selector list into complex selectors, each a chain of at
// most 64 compounds joined by descendant or child combinators. Matching walks
// the tree once in pre-order keeping, per complex selector, two bitmasks per
// node on an explicit stack of open ancestors:
//
//   M(v): bit j set iff compounds 0..j match a root-to-v chain ending at v;
//   D(v) = D(parent) | M(parent): prefixes matched at some strict ancestor.
//
// Compound j > 0 is only tried at v when its prefix can extend there (bit j-1
// in D(v) for a descendant combinator, in M(parent) for a child combinator),
// and compound 0 of large selector sets is looked up by id, class and tag
// (like browsers' rule hashes), so most selectors cost nothing at most nodes.
#include "html/select.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <utility>

namespace winnow::html {

namespace select_internal {

constexpr size_t kMaxCompounds = 64;
constexpr int kMaxNotDepth = 16;
constexpr GumboTag kAnyTag = GUMBO_TAG_LAST;  // no type selector, or '*'

enum class AttrOp : uint8_t {
  kExists,     // [a]
  kEquals,     // [a=v]
  kIncludes,   // [a~=v]
  kDashMatch,  // [a|=v]
  kPrefix,     // [a^=v]
  kSuffix,     // [a$=v]
  kSubstring,  // [a*=v]
};

struct AttrTest {
  enum Name : uint8_t { kOther, kId, kClass };
  std::string name;  // lower-case
  Name known = kOther;  // id and class are read once per element
  AttrOp op = AttrOp::kExists;
  std::string value;
};

// Matches the 1-based element index i when i == b (a == 0) or i = a*n + b for
// some n >= 0.
struct Nth {
  uint32_t a = 0;
  uint32_t b = 1;
};

struct Compound {
  GumboTag tag = kAnyTag;  // GUMBO_TAG_UNKNOWN: compare `name`
  std::string name;        // lower-case type name of an unknown element
  std::vector<std::string> ids;
  std::vector<std::string> classes;
  std::vector<AttrTest> attrs;
  std::vector<Nth> nth;  // :first-child is {0, 1}
  bool last_child = false;
  std::vector<Compound> nots;
};

struct Complex {
  std::vector<Compound> compounds;  // 1..64, left to right
  uint64_t descendant = 0;          // bit j: a descendant combinator precedes compound j
  uint64_t child = 0;               // bit j: a child combinator precedes compound j
};

}  // namespace select_internal

struct CompiledSelector {
  std::vector<select_internal::Complex> complexes;
};

namespace select_internal {
namespace {

bool is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_hex(unsigned char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int hex_value(unsigned char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}
bool is_name_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
bool is_name_char(unsigned char c) { return is_name_start(c) || is_digit(c) || c == '-'; }
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
void lower_in_place(std::string* s) {
  for (char& c : *s) c = ascii_lower(c);
}

void append_utf8(uint32_t cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// "'x'" for printable ASCII, "byte 0xNN" otherwise.
std::string describe(unsigned char c) {
  if (c > 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
  static const char kHex[] = "0123456789ABCDEF";
  std::string s = "byte 0x";
  s.push_back(kHex[c >> 4]);
  s.push_back(kHex[c & 15]);
  return s;
}

class Parser {
 public:
  Parser(std::string_view text, SelectorError* error) : s_(text), error_(error) {}

  bool parse(CompiledSelector* out) {
    skip_ws();
    if (at_end()) return fail(0, "empty selector");
    for (;;) {
      Complex complex;
      if (!parse_complex(&complex)) return false;
      out->complexes.push_back(std::move(complex));
      if (at_end()) return true;
      // parse_complex stops only at the end or at a ','.
      size_t comma = pos_++;
      skip_ws();
      if (at_end()) return fail(comma, "expected a selector after ','");
    }
  }

 private:
  bool at_end() const { return pos_ >= s_.size(); }
  unsigned char peek(size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? static_cast<unsigned char>(s_[pos_ + ahead]) : 0;
  }
  unsigned char at(size_t i) const {
    return i < s_.size() ? static_cast<unsigned char>(s_[i]) : 0;
  }

  bool fail(size_t offset, std::string message) {
    if (error_) {
      error_->column = offset + 1;
      error_->message = std::move(message);
    }
    return false;
  }
  bool fail_unexpected(size_t offset) {
    unsigned char c = at(offset);
    if (offset >= s_.size()) return fail(offset, "unexpected end of selector");
    if (c == '+' || c == '~') return fail(offset, "unsupported combinator " + describe(c));
    return fail(offset, "unexpected " + describe(c));
  }

  bool skip_ws() {
    size_t start = pos_;
    while (!at_end() && is_ws(peek())) ++pos_;
    return pos_ > start;
  }

  // A backslash not followed by a newline or the end.
  bool valid_escape(size_t i) const {
    if (at(i) != '\\' || i + 1 >= s_.size()) return false;
    unsigned char n = at(i + 1);
    return n != '\n' && n != '\r' && n != '\f';
  }
  bool starts_ident(size_t i) const {
    if (i >= s_.size()) return false;
    unsigned char c = at(i);
    if (c == '-') {
      if (i + 1 >= s_.size()) return false;
      unsigned char n = at(i + 1);
      return is_name_start(n) || n == '-' || valid_escape(i + 1);
    }
    return is_name_start(c) || valid_escape(i);
  }
  bool starts_name(size_t i) const {
    return i < s_.size() && (is_name_char(at(i)) || valid_escape(i));
  }

  // At a valid escape: decodes it.
  void consume_escape(std::string* out) {
    ++pos_;  // the backslash
    unsigned char c = peek();
    if (is_hex(c)) {
      uint32_t cp = 0;
      for (int k = 0; k < 6 && !at_end() && is_hex(peek()); ++k) cp = cp * 16 + hex_value(s_[pos_++]);
      if (!at_end() && is_ws(peek())) {
        if (peek() == '\r' && peek(1) == '\n') ++pos_;
        ++pos_;
      }
      append_utf8(cp, out);
    } else {
      ++pos_;
      if (c == 0) {
        append_utf8(0xFFFD, out);
      } else {
        out->push_back(static_cast<char>(c));
      }
    }
  }

  // Name characters and escapes from pos_.
  void consume_name(std::string* out) {
    for (;;) {
      if (at_end()) return;
      if (is_name_char(peek())) {
        out->push_back(s_[pos_++]);
      } else if (valid_escape(pos_)) {
        consume_escape(out);
      } else {
        return;
      }
    }
  }

  bool parse_complex(Complex* complex) {
    constexpr size_t kNone = std::string_view::npos;
    size_t child_at = kNone;  // position of a pending '>'
    for (;;) {
      size_t start = pos_;
      Compound compound;
      bool empty = true;
      if (!parse_compound(&compound, 0, &empty)) return false;
      if (empty) {
        if (child_at != kNone && (at_end() || peek() == ',' || peek() == '>'))
          return fail(child_at, "dangling combinator '>'");
        if (child_at == kNone && !at_end() && peek() == '>')
          return fail(pos_, "dangling combinator '>'");
        return fail_unexpected(pos_);
      }
      size_t j = complex->compounds.size();
      if (j == kMaxCompounds)
        return fail(start, "too many compound selectors in a row (at most 64)");
      if (j > 0) {
        if (child_at != kNone) {
          complex->child |= uint64_t{1} << j;
        } else {
          complex->descendant |= uint64_t{1} << j;
        }
      }
      complex->compounds.push_back(std::move(compound));

      bool space = skip_ws();
      if (at_end() || peek() == ',') return true;
      unsigned char c = peek();
      if (c == '>') {
        child_at = pos_++;
        skip_ws();
        continue;
      }
      if (!space || c == '+' || c == '~') return fail_unexpected(pos_);
      child_at = kNone;  // descendant
    }
  }

  // Parses [type|*] followed by simple selectors. Sets *empty when nothing
  // was consumed (no error: the caller knows what was expected).
  bool parse_compound(Compound* c, int depth, bool* empty) {
    bool any = false;
    if (!at_end() && peek() == '*') {
      ++pos_;
      any = true;
    } else if (starts_ident(pos_)) {
      std::string name;
      consume_name(&name);
      lower_in_place(&name);
      GumboTag tag = gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size()));
      c->tag = tag;
      if (tag == GUMBO_TAG_UNKNOWN) c->name = std::move(name);
      any = true;
    }
    while (!at_end()) {
      unsigned char ch = peek();
      if (ch == '#') {
        ++pos_;
        // Lenient: like CSS hash tokens, ids may start with a digit.
        if (!starts_name(pos_)) return fail(pos_, "expected an id after '#'");
        std::string id;
        consume_name(&id);
        c->ids.push_back(std::move(id));
      } else if (ch == '.') {
        ++pos_;
        if (!starts_ident(pos_)) return fail(pos_, "expected a class name after '.'");
        std::string cls;
        consume_name(&cls);
        c->classes.push_back(std::move(cls));
      } else if (ch == '[') {
        if (!parse_attribute(c)) return false;
      } else if (ch == ':') {
        if (!parse_pseudo(c, depth)) return false;
      } else if (ch == '*' || starts_ident(pos_)) {
        return fail(pos_, "unexpected " + describe(ch) +
                              ": a type selector or '*' must come first in a compound selector");
      } else {
        break;
      }
      any = true;
    }
    *empty = !any;
    return true;
  }

  bool parse_attribute(Compound* c) {
    size_t open = pos_++;
    skip_ws();
    if (at_end()) return fail(open, "unterminated attribute selector");
    if (!starts_ident(pos_)) return fail(pos_, "expected an attribute name after '['");
    AttrTest test;
    consume_name(&test.name);
    lower_in_place(&test.name);
    test.known = test.name == "id"      ? AttrTest::kId
                 : test.name == "class" ? AttrTest::kClass
                                        : AttrTest::kOther;
    skip_ws();
    if (at_end()) return fail(open, "unterminated attribute selector");
    unsigned char ch = peek();
    if (ch == ']') {
      ++pos_;
      c->attrs.push_back(std::move(test));
      return true;
    }
    size_t op_at = pos_;
    if (ch == '=') {
      test.op = AttrOp::kEquals;
      ++pos_;
    } else if (peek(1) == '=' && (ch == '~' || ch == '|' || ch == '^' || ch == '$' || ch == '*')) {
      test.op = ch == '~'   ? AttrOp::kIncludes
                : ch == '|' ? AttrOp::kDashMatch
                : ch == '^' ? AttrOp::kPrefix
                : ch == '$' ? AttrOp::kSuffix
                            : AttrOp::kSubstring;
      pos_ += 2;
    } else {
      return fail(pos_, "expected ']' or an operator (=, ~=, |=, ^=, $=, *=) in attribute selector");
    }
    std::string op(s_.substr(op_at, pos_ - op_at));
    skip_ws();
    if (at_end()) return fail(open, "unterminated attribute selector");
    ch = peek();
    if (ch == '"' || ch == '\'') {
      if (!parse_string(&test.value)) return false;
    } else if (starts_name(pos_)) {
      consume_name(&test.value);  // lenient: bare values may start with a digit
    } else {
      return fail(pos_, "expected a value after '" + op + "'");
    }
    skip_ws();
    if (at_end()) return fail(open, "unterminated attribute selector");
    if (peek() != ']') return fail(pos_, "expected ']' after the attribute value");
    ++pos_;
    c->attrs.push_back(std::move(test));
    return true;
  }

  bool parse_string(std::string* out) {
    size_t open = pos_;
    char quote = s_[pos_++];
    for (;;) {
      if (at_end()) return fail(open, "unterminated string");
      char ch = s_[pos_];
      if (ch == quote) {
        ++pos_;
        return true;
      }
      if (ch == '\n' || ch == '\r' || ch == '\f') return fail(pos_, "unescaped newline in string");
      if (ch == '\\') {
        if (pos_ + 1 >= s_.size()) return fail(open, "unterminated string");
        unsigned char n = at(pos_ + 1);
        if (n == '\n' || n == '\f') {
          pos_ += 2;  // line continuation
        } else if (n == '\r') {
          pos_ += 2;
          if (!at_end() && peek() == '\n') ++pos_;
        } else {
          consume_escape(out);
        }
        continue;
      }
      out->push_back(ch);
      ++pos_;
    }
  }

  bool parse_pseudo(Compound* c, int depth) {
    size_t colon = pos_++;
    if (!at_end() && peek() == ':') return fail(colon, "pseudo-elements are not supported");
    if (!starts_ident(pos_)) return fail(pos_, "expected a pseudo-class name after ':'");
    std::string name;
    consume_name(&name);
    lower_in_place(&name);
    std::string written(s_.substr(colon, std::min<size_t>(pos_ - colon, 64)));
    bool call = !at_end() && peek() == '(';
    if (name == "first-child" || name == "last-child") {
      if (call) return fail(pos_, "unexpected '(' after '" + written + "'");
      if (name == "first-child") {
        c->nth.push_back({0, 1});
      } else {
        c->last_child = true;
      }
      return true;
    }
    if (name == "not") {
      if (!call) return fail(pos_, "expected '(' after ':not'");
      ++pos_;
      if (depth + 1 > kMaxNotDepth) return fail(colon, ":not() nested too deeply");
      skip_ws();
      Compound inner;
      bool empty = true;
      if (!parse_compound(&inner, depth + 1, &empty)) return false;
      if (empty) {
        if (at_end()) return fail(colon, "unterminated :not(");
        if (peek() == ')') return fail(pos_, "expected a selector inside :not()");
        return fail_unexpected(pos_);
      }
      skip_ws();
      if (at_end()) return fail(colon, "unterminated :not(");
      if (peek() != ')') return fail(pos_, "expected ')': :not() takes one compound selector");
      ++pos_;
      c->nots.push_back(std::move(inner));
      return true;
    }
    if (name == "nth-child") {
      if (!call) return fail(pos_, "expected '(' after ':nth-child'");
      ++pos_;
      skip_ws();
      if (at_end()) return fail(colon, "unterminated :nth-child(");
      size_t arg = pos_;
      const char* kExpected = "expected a positive integer, 'odd' or 'even' in :nth-child()";
      Nth nth;
      if (is_digit(peek())) {
        uint64_t value = 0;
        while (!at_end() && is_digit(peek())) {
          value = value * 10 + (s_[pos_++] - '0');
          if (value > 1000000000) return fail(arg, "number too large in :nth-child()");
        }
        if (value == 0) return fail(arg, kExpected);
        nth = {0, static_cast<uint32_t>(value)};
      } else if (starts_ident(pos_)) {
        std::string word;
        consume_name(&word);
        lower_in_place(&word);
        if (word == "odd") {
          nth = {2, 1};
        } else if (word == "even") {
          nth = {2, 2};
        } else {
          return fail(arg, kExpected);
        }
      } else {
        return fail(arg, kExpected);
      }
      skip_ws();
      if (at_end()) return fail(colon, "unterminated :nth-child(");
      if (peek() != ')')
        return fail(pos_, "expected ')' after the :nth-child() argument (only N, odd, even)");
      ++pos_;
      c->nth.push_back(nth);
      return true;
    }
    return fail(colon, "unknown pseudo-class '" + written + (call ? "()'" : "'"));
  }

  std::string_view s_;
  SelectorError* error_;
  size_t pos_ = 0;
};

// ---------------------------------------------------------------- matching

// True if the whitespace-separated list holds `token`.
bool has_token(std::string_view list, std::string_view token) {
  if (token.empty()) return false;
  size_t pos = 0;
  while ((pos = list.find(token, pos)) != std::string_view::npos) {
    size_t end = pos + token.size();
    if ((pos == 0 || is_ws(list[pos - 1])) && (end == list.size() || is_ws(list[end]))) return true;
    ++pos;
  }
  return false;
}

bool has_ws(std::string_view s) {
  for (char c : s)
    if (is_ws(c)) return true;
  return false;
}

// One element under evaluation; facts are computed on first use.
struct NodeCtx {
  NodeCtx(const Tree& t, NodeId v, uint32_t element_index)
      : tree(t), id(v), node(t[v]), index(element_index) {}

  const Tree& tree;
  NodeId id;
  const Node& node;
  uint32_t index;  // 1-based among element siblings; 0 = not computed yet
  int8_t last = -1;
  bool loaded = false;
  bool has_id = false;
  bool has_class = false;
  std::string_view id_value;
  std::string_view class_value;

  void load() {
    if (loaded) return;
    loaded = true;
    if (!node.gumbo) return;
    const GumboVector& attrs = node.gumbo->v.element.attributes;
    for (unsigned i = 0; i < attrs.length; ++i) {
      auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
      if (!has_id && std::strcmp(a->name, "id") == 0) {
        has_id = true;
        id_value = a->value ? a->value : "";
      } else if (!has_class && std::strcmp(a->name, "class") == 0) {
        has_class = true;
        class_value = a->value ? a->value : "";
      }
    }
  }

  uint32_t element_index() {
    if (index == 0) {
      index = 1;
      if (node.parent != kNoNode) {
        for (NodeId c = node.parent + 1; c < id; c = tree[c].end)
          if (tree[c].kind == NodeKind::kElement) ++index;
      }
    }
    return index;
  }

  bool is_last() {
    if (last < 0) {
      last = 1;
      if (node.parent != kNoNode) {
        NodeId stop = tree[node.parent].end;
        for (NodeId c = node.end; c < stop; c = tree[c].end) {
          if (tree[c].kind == NodeKind::kElement) {
            last = 0;
            break;
          }
        }
      }
    }
    return last == 1;
  }
};

const GumboAttribute* find_attr(const Node& node, const std::string& name) {
  if (!node.gumbo) return nullptr;
  const GumboVector& attrs = node.gumbo->v.element.attributes;
  for (unsigned i = 0; i < attrs.length; ++i) {
    auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
    if (std::strncmp(a->name, name.c_str(), name.size() + 1) == 0) return a;
  }
  return nullptr;
}

bool match_attr(const AttrTest& t, NodeCtx& x) {
  std::string_view v;
  if (t.known == AttrTest::kOther) {
    const GumboAttribute* a = find_attr(x.node, t.name);
    if (!a) return false;
    v = a->value ? std::string_view(a->value) : std::string_view();
  } else {
    x.load();
    if (t.known == AttrTest::kId ? !x.has_id : !x.has_class) return false;
    v = t.known == AttrTest::kId ? x.id_value : x.class_value;
  }
  const std::string& want = t.value;
  switch (t.op) {
    case AttrOp::kExists: return true;
    case AttrOp::kEquals: return v == want;
    case AttrOp::kIncludes: return !has_ws(want) && has_token(v, want);
    case AttrOp::kDashMatch:
      return v.size() >= want.size() && v.compare(0, want.size(), want) == 0 &&
             (v.size() == want.size() || v[want.size()] == '-');
    case AttrOp::kPrefix: return !want.empty() && v.starts_with(want);
    case AttrOp::kSuffix: return !want.empty() && v.ends_with(want);
    case AttrOp::kSubstring: return !want.empty() && v.find(want) != std::string_view::npos;
  }
  return false;
}

bool eval(const Compound& c, NodeCtx& x) {
  if (c.tag != kAnyTag) {
    if (x.node.tag != c.tag) return false;
    if (c.tag == GUMBO_TAG_UNKNOWN && x.node.name != c.name) return false;
  }
  if (!c.ids.empty()) {
    x.load();
    if (!x.has_id) return false;
    for (const std::string& id : c.ids)
      if (x.id_value != id) return false;
  }
  if (!c.classes.empty()) {
    x.load();
    if (!x.has_class) return false;
    for (const std::string& cls : c.classes)
      if (!has_token(x.class_value, cls)) return false;
  }
  for (const AttrTest& t : c.attrs)
    if (!match_attr(t, x)) return false;
  for (const Nth& n : c.nth) {
    uint32_t i = x.element_index();
    if (n.a == 0 ? i != n.b : (i < n.b || (i - n.b) % n.a != 0)) return false;
  }
  if (c.last_child && !x.is_last()) return false;
  for (const Compound& n : c.nots)
    if (eval(n, x)) return false;
  return true;
}

// All complex selectors of one run, with lookup tables for compound 0.
struct Plan {
  static constexpr uint32_t kNoSlot = UINT32_MAX;
  static constexpr size_t kBucketThreshold = 8;

  struct Entry {
    const Complex* complex;
    uint32_t owner;  // index of the selector it belongs to
    uint32_t slot;   // state slot if it has 2+ compounds, else kNoSlot
  };
  // Per slot (complex selector of 2+ compounds), what the inner loop needs.
  struct Slot {
    uint64_t descendant;
    uint64_t child;
    const Compound* compounds;
    uint32_t last;  // index of the last compound
    uint32_t owner;
  };

  std::vector<Entry> entries;
  std::vector<Slot> slots;
  bool bucketed = false;
  std::vector<uint32_t> all;  // unbucketed: every entry
  std::vector<std::vector<uint32_t>> by_tag;
  std::unordered_map<std::string_view, std::vector<uint32_t>> by_id, by_class, by_attr, by_name;
  std::vector<uint32_t> universal;

  void add(const CompiledSelector* compiled, uint32_t owner) {
    if (!compiled) return;
    for (const Complex& cx : compiled->complexes) {
      uint32_t slot = kNoSlot;
      if (cx.compounds.size() > 1) {
        slot = static_cast<uint32_t>(slots.size());
        slots.push_back({cx.descendant, cx.child, cx.compounds.data(),
                         static_cast<uint32_t>(cx.compounds.size() - 1), owner});
      }
      entries.push_back({&cx, owner, slot});
    }
  }

  // Files each entry under the most selective key of its first compound:
  // id, class, an attribute name other than class/id, type, any attribute.
  void finish() {
    bucketed = entries.size() > kBucketThreshold;
    if (!bucketed) {
      for (uint32_t e = 0; e < entries.size(); ++e) all.push_back(e);
      return;
    }
    by_tag.resize(GUMBO_TAG_LAST + 1);
    for (uint32_t e = 0; e < entries.size(); ++e) {
      const Compound& c = entries[e].complex->compounds[0];
      const AttrTest* rare = nullptr;
      for (const AttrTest& a : c.attrs) {
        if (a.name != "class" && a.name != "id") {
          rare = &a;
          break;
        }
      }
      if (!c.ids.empty()) {
        by_id[c.ids[0]].push_back(e);
      } else if (!c.classes.empty()) {
        by_class[c.classes[0]].push_back(e);
      } else if (rare) {
        by_attr[rare->name].push_back(e);
      } else if (c.tag == GUMBO_TAG_UNKNOWN) {
        by_name[c.name].push_back(e);
      } else if (c.tag != kAnyTag) {
        by_tag[c.tag].push_back(e);
      } else if (!c.attrs.empty()) {
        by_attr[c.attrs[0].name].push_back(e);
      } else {
        universal.push_back(e);
      }
    }
  }
};

class Engine {
 public:
  Engine(const Plan& plan, const Tree& tree, std::vector<std::vector<NodeId>>* results)
      : plan_(plan), tree_(tree), results_(results) {}

  // Matches inside [scope, stop), which must lie in scope's subtree; the
  // ancestors of scope provide the context.
  void run(NodeId scope, NodeId stop) {
    frames_.clear();
    active_.clear();
    stamp_.assign(plan_.slots.size(), kNoNode);
    where_.resize(plan_.slots.size());
    frames_.push_back({UINT32_MAX, 0, 0, false});  // sentinel above the root
    std::vector<NodeId> ancestors;
    for (NodeId a = tree_[scope].parent; a != kNoNode; a = tree_[a].parent) ancestors.push_back(a);
    for (size_t i = ancestors.size(); i-- > 0;) visit(ancestors[i], false, false);
    for (NodeId v = scope; v < stop; ++v) {
      while (frames_.back().end <= v) {
        active_.resize(frames_.back().begin);
        frames_.pop_back();
      }
      visit(v, true, true);
    }
  }

 private:
  // State of one complex selector at a node, kept only while nonzero.
  struct State {
    uint32_t slot;
    uint64_t m;  // prefixes matched ending at the node
    uint64_t d;  // prefixes matched at a strict ancestor
  };
  struct Frame {
    NodeId end;
    uint32_t elements;  // element children seen so far
    size_t begin;       // this node's states: active_[begin, next frame's begin)
    bool counted;       // false: `elements` is unknown (context above scope)
  };

  void record(uint32_t owner, NodeId v) {
    std::vector<NodeId>& r = (*results_)[owner];
    if (r.empty() || r.back() != v) r.push_back(v);
  }

  void visit(NodeId v, bool record_matches, bool counted) {
    const Node& n = tree_[v];
    bool kids = n.end > v + 1;
    if (n.kind != NodeKind::kElement) {
      if (!kids) return;
      size_t pb = frames_.back().begin, pe = active_.size();
      for (size_t i = pb; i < pe; ++i) {
        State st = active_[i];
        active_.push_back({st.slot, 0, st.d | st.m});
      }
      frames_.push_back({n.end, 0, pe, counted});
      return;
    }

    Frame& parent = frames_.back();
    NodeCtx ctx(tree_, v, parent.counted ? ++parent.elements : 0);
    size_t pb = parent.begin, pe = active_.size();

    // Extend the prefixes alive at the parent.
    for (size_t i = pb; i < pe; ++i) {
      State st = active_[i];
      const Plan::Slot& slot = plan_.slots[st.slot];
      uint64_t d = st.d | st.m;
      uint64_t candidates = (slot.descendant & (d << 1)) | (slot.child & (st.m << 1));
      uint64_t m = 0;
      while (candidates) {
        int j = std::countr_zero(candidates);
        candidates &= candidates - 1;
        if (eval(slot.compounds[j], ctx)) m |= uint64_t{1} << j;
      }
      if (record_matches && ((m >> slot.last) & 1)) record(slot.owner, v);
      stamp_[st.slot] = v;
      where_[st.slot] = active_.size();
      active_.push_back({st.slot, m, d});
    }

    // Start new ones, and match single-compound selectors.
    auto first = [&](uint32_t e) {
      const Plan::Entry& entry = plan_.entries[e];
      if (entry.slot == Plan::kNoSlot && !record_matches) return;
      if (!eval(entry.complex->compounds[0], ctx)) return;
      if (entry.slot == Plan::kNoSlot) {
        record(entry.owner, v);
      } else if (stamp_[entry.slot] == v) {
        active_[where_[entry.slot]].m |= 1;
      } else {
        stamp_[entry.slot] = v;
        where_[entry.slot] = active_.size();
        active_.push_back({entry.slot, 1, 0});
      }
    };
    if (!plan_.bucketed) {
      for (uint32_t e : plan_.all) first(e);
    } else {
      if (n.tag != GUMBO_TAG_UNKNOWN) {
        for (uint32_t e : plan_.by_tag[n.tag]) first(e);
      } else if (!plan_.by_name.empty()) {
        auto it = plan_.by_name.find(n.name);
        if (it != plan_.by_name.end())
          for (uint32_t e : it->second) first(e);
      }
      if (n.gumbo && (!plan_.by_id.empty() || !plan_.by_class.empty() || !plan_.by_attr.empty())) {
        ctx.load();
        if (ctx.has_id && !plan_.by_id.empty()) {
          auto it = plan_.by_id.find(ctx.id_value);
          if (it != plan_.by_id.end())
            for (uint32_t e : it->second) first(e);
        }
        if (ctx.has_class && !plan_.by_class.empty()) {
          std::string_view list = ctx.class_value;
          size_t i = 0;
          while (i < list.size()) {
            while (i < list.size() && is_ws(list[i])) ++i;
            size_t start = i;
            while (i < list.size() && !is_ws(list[i])) ++i;
            if (i == start) break;
            auto it = plan_.by_class.find(list.substr(start, i - start));
            if (it != plan_.by_class.end())
              for (uint32_t e : it->second) first(e);
          }
        }
        if (!plan_.by_attr.empty()) {
          const GumboVector& attrs = n.gumbo->v.element.attributes;
          for (unsigned i = 0; i < attrs.length; ++i) {
            auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
            auto it = plan_.by_attr.find(a->name);
            if (it != plan_.by_attr.end())
              for (uint32_t e : it->second) first(e);
          }
        }
      }
      for (uint32_t e : plan_.universal) first(e);
    }

    if (kids) {
      frames_.push_back({n.end, 0, pe, counted});
    } else {
      active_.resize(pe);
    }
  }

  const Plan& plan_;
  const Tree& tree_;
  std::vector<std::vector<NodeId>>* results_;
  std::vector<Frame> frames_;
  // The nonzero states of the open nodes, root first: a stack of lists.
  std::vector<State> active_;
  std::vector<NodeId> stamp_;  // per slot: the node whose list holds it at where_
  std::vector<size_t> where_;
};

}  // namespace
}  // namespace select_internal

std::optional<Selector> Selector::parse(std::string_view text, SelectorError* error) {
  auto compiled = std::make_shared<CompiledSelector>();
  select_internal::Parser parser(text, error);
  if (!parser.parse(compiled.get())) return std::nullopt;
  Selector selector;
  selector.text_ = std::string(text);
  selector.compiled_ = std::move(compiled);
  return selector;
}

bool Selector::matches(const Tree& tree, NodeId id) const {
  if (!compiled_ || id >= tree.size() || !tree.is_element(id)) return false;
  select_internal::Plan plan;
  plan.add(compiled_.get(), 0);
  plan.finish();
  std::vector<std::vector<NodeId>> results(1);
  select_internal::Engine engine(plan, tree, &results);
  engine.run(id, id + 1);
  return !results[0].empty();
}

std::vector<NodeId> Selector::select(const Tree& tree, NodeId scope) const {
  if (!compiled_ || scope >= tree.size()) return {};
  select_internal::Plan plan;
  plan.add(compiled_.get(), 0);
  plan.finish();
  std::vector<std::vector<NodeId>> results(1);
  select_internal::Engine engine(plan, tree, &results);
  engine.run(scope, tree[scope].end);
  return std::move(results[0]);
}

size_t SelectorSet::add(const Selector& selector) {
  selectors_.push_back(selector);
  return selectors_.size() - 1;
}

std::vector<std::vector<NodeId>> SelectorSet::match(const Tree& tree) const {
  std::vector<std::vector<NodeId>> results(selectors_.size());
  if (tree.size() == 0 || selectors_.empty()) return results;
  select_internal::Plan plan;
  for (size_t i = 0; i < selectors_.size(); ++i)
    plan.add(selectors_[i].compiled().get(), static_cast<uint32_t>(i));
  plan.finish();
  select_internal::Engine engine(plan, tree, &results);
  engine.run(Tree::root(), tree.size());
  return results;
}

}  // namespace winnow::html
