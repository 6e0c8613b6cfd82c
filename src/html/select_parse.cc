// CSS selector parsing: a selector list to its compiled form (see select.h
// for the grammar). Errors name the 1-based column of the offending
// character and what was expected there.
#include <cstdint>
#include <string>

#include "base/utf8.h"
#include "html/select_internal.h"

namespace winnow::html {
namespace select_internal {
namespace {

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

// CSS escapes: U+0000 is U+FFFD too (CSS Syntax, "consume an escaped code point").
void append_escaped(uint32_t cp, std::string* out) { append_utf8(cp == 0 ? 0xFFFD : cp, out); }

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
      append_escaped(cp, out);
    } else {
      ++pos_;
      if (c == 0) {
        append_escaped(0xFFFD, out);
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


}  // namespace

bool parse_selector_list(std::string_view text, CompiledSelector* out, SelectorError* error) {
  Parser parser(text, error);
  return parser.parse(out);
}

}  // namespace select_internal

std::optional<Selector> Selector::parse(std::string_view text, SelectorError* error) {
  auto compiled = std::make_shared<CompiledSelector>();
  if (!select_internal::parse_selector_list(text, compiled.get(), error)) return std::nullopt;
  Selector selector;
  selector.text_ = std::string(text);
  selector.compiled_ = std::move(compiled);
  return selector;
}

}  // namespace winnow::html
