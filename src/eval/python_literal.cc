#include "eval/python_literal.h"

#include <cstdlib>

#include "base/utf8.h"

namespace winnow::eval {
namespace {

using json = nlohmann::json;

// A recursive-descent reader. Nesting is capped: a ground truth is a dict of
// strings and lists of strings, never deep.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool read(json* out, std::string* error) {
    if (!value(out, 0)) {
      *error = why_ + " at character " + std::to_string(pos_ + 1);
      return false;
    }
    skip_space();
    if (pos_ != text_.size()) {
      *error = "text after the literal at character " + std::to_string(pos_ + 1);
      return false;
    }
    return true;
  }

 private:
  static constexpr int kMaxDepth = 32;

  bool fail(std::string why) {
    why_ = std::move(why);
    return false;
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\r'))
      ++pos_;
  }
  bool take(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool word(std::string_view w) {
    if (text_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }

  bool value(json* out, int depth) {
    if (depth > kMaxDepth) return fail("nested too deep");
    skip_space();
    if (pos_ >= text_.size()) return fail("unexpected end");
    char c = text_[pos_];
    if (c == '{') return dict(out, depth);
    if (c == '[' || c == '(') return list(out, depth);
    if (c == '\'' || c == '"') {
      std::string s;
      if (!string(&s)) return false;
      *out = std::move(s);
      return true;
    }
    if (word("None")) return *out = nullptr, true;
    if (word("True")) return *out = true, true;
    if (word("False")) return *out = false, true;
    return number(out);
  }

  bool dict(json* out, int depth) {
    ++pos_;
    *out = json::object();
    if (take('}')) return true;
    do {
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == '}') break;  // a trailing comma
      std::string key;
      if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) return fail("a dict key is not a str");
      if (!string(&key)) return false;
      if (!take(':')) return fail("no ':' after a dict key");
      json v;
      if (!value(&v, depth + 1)) return false;
      (*out)[key] = std::move(v);
    } while (take(','));
    if (!take('}')) return fail("no '}' closing a dict");
    return true;
  }

  bool list(json* out, int depth) {
    const char close = text_[pos_] == '[' ? ']' : ')';
    ++pos_;
    *out = json::array();
    if (take(close)) return true;
    do {
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == close) break;  // a trailing comma
      json v;
      if (!value(&v, depth + 1)) return false;
      out->push_back(std::move(v));
    } while (take(','));
    if (!take(close)) return fail(std::string("no '") + close + "' closing a list");
    return true;
  }

  bool number(json* out) {
    size_t start = pos_;
    while (pos_ < text_.size() && std::string_view("+-0123456789.eE").find(text_[pos_]) != std::string_view::npos)
      ++pos_;
    if (pos_ == start) return fail("not a Python literal");
    std::string n(text_.substr(start, pos_ - start));
    char* end = nullptr;
    if (n.find_first_of(".eE") == std::string::npos) {
      long long v = std::strtoll(n.c_str(), &end, 10);
      *out = v;
    } else {
      *out = std::strtod(n.c_str(), &end);
    }
    if (end != n.c_str() + n.size()) return fail("a malformed number");
    return true;
  }

  bool hex_escape(size_t digits, std::string* s) {
    if (pos_ + digits > text_.size()) return fail("a cut \\x, \\u or \\U escape");
    uint32_t cp = 0;
    for (size_t k = 0; k < digits; ++k) {
      char h = text_[pos_ + k];
      int v = h >= '0' && h <= '9'   ? h - '0'
              : h >= 'a' && h <= 'f' ? h - 'a' + 10
              : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                     : -1;
      if (v < 0) return fail("a malformed \\x, \\u or \\U escape");
      cp = cp << 4 | static_cast<uint32_t>(v);
    }
    pos_ += digits;
    append_utf8(cp, s);
    return true;
  }

  // One escape after its backslash.
  bool escape(std::string* s) {
    if (pos_ >= text_.size()) return fail("a string cut after a backslash");
    char e = text_[pos_++];
    switch (e) {
      case '\\': case '\'': case '"': s->push_back(e); return true;
      case 'n': s->push_back('\n'); return true;
      case 'r': s->push_back('\r'); return true;
      case 't': s->push_back('\t'); return true;
      case 'a': s->push_back('\a'); return true;
      case 'b': s->push_back('\b'); return true;
      case 'f': s->push_back('\f'); return true;
      case 'v': s->push_back('\v'); return true;
      case '0': s->push_back('\0'); return true;
      case '\n': return true;  // a line continuation
      case 'x': return hex_escape(2, s);
      case 'u': return hex_escape(4, s);
      case 'U': return hex_escape(8, s);
      default: return fail(std::string("an unknown escape \\") + e);
    }
  }

  bool string(std::string* s) {
    const char quote = text_[pos_++];
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == quote) return true;
      if (c == '\\') {
        if (!escape(s)) return false;
      } else {
        s->push_back(c);
      }
    }
    return fail("a string with no closing quote");
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::string why_;
};

}  // namespace

bool parse_python_literal(std::string_view text, nlohmann::json* out, std::string* error) {
  return Reader(text).read(out, error);
}

}  // namespace winnow::eval
