// robots.txt parsing and matching (RFC 9309; Google's documented behaviour
// where the RFC is silent).
//
// Parsing keeps only the rules of the group that applies to us: the groups
// naming our product token (merged), else the "*" groups (merged), else
// none. Patterns and paths are compared in one normal form of their percent
// encoding, and wildcard matching is greedy over the pattern's '*'-separated
// pieces with a KMP search for each, so it is linear in path + pattern.
#include "fetch/robots.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::fetch {

namespace {

constexpr std::size_t kMaxBytes = Robots::kMaxBytes;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '.' || c == '_' || c == '~';
}

void append_escaped(std::string* out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out->push_back('%');
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 0xF]);
}

// The one form both patterns and paths are compared in: %XX of an unreserved
// character decoded, the hex of every other %XX upper-cased, and bytes that
// cannot stand raw in a URL (controls, space, DEL, non-ASCII) escaped. A '%'
// not followed by two hex digits stays as it is. '*' and '$' are untouched.
std::string normalise(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size()) {
      int hi = hex_value(s[i + 1]);
      int lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        unsigned char v = static_cast<unsigned char>(hi * 16 + lo);
        if (is_unreserved(v)) {
          out.push_back(static_cast<char>(v));
        } else {
          append_escaped(&out, v);
        }
        i += 2;
        continue;
      }
      out.push_back('%');
    } else if (c <= 0x20 || c >= 0x7F) {
      append_escaped(&out, c);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// Leftmost occurrence of `needle` in `hay` at or after `from`, by KMP, so a
// search costs O(|hay| + |needle|) whatever the text. `fail` is scratch.
std::size_t kmp_find(std::string_view hay, std::string_view needle, std::size_t from,
                     std::vector<std::size_t>* fail) {
  if (needle.empty()) return from <= hay.size() ? from : std::string_view::npos;
  if (from > hay.size() || hay.size() - from < needle.size()) return std::string_view::npos;
  // A single byte, or a needle whose first byte is rare in the rest, is the
  // common case: try the library search first when the needle is short.
  if (needle.size() <= 4) return hay.find(needle, from);
  std::vector<std::size_t>& f = *fail;
  f.assign(needle.size(), 0);
  for (std::size_t i = 1, k = 0; i < needle.size(); ++i) {
    while (k > 0 && needle[i] != needle[k]) k = f[k - 1];
    if (needle[i] == needle[k]) ++k;
    f[i] = k;
  }
  for (std::size_t i = from, k = 0; i < hay.size(); ++i) {
    while (k > 0 && hay[i] != needle[k]) k = f[k - 1];
    if (hay[i] == needle[k]) ++k;
    if (k == needle.size()) return i + 1 - needle.size();
  }
  return std::string_view::npos;
}

// Whether `pattern` ("*" any run of bytes, a final "$" the end of the path)
// matches a prefix of `path` (all of it with "$"). Greedy: the first piece
// must start the path, each middle piece is placed leftmost after the one
// before it, and the last piece is placed leftmost (or, anchored, at the
// end). Leftmost placement leaves the most room for the rest, so if any
// placement works this one does.
bool pattern_matches(std::string_view pattern, std::string_view path,
                     std::vector<std::size_t>* scratch) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);

  std::size_t star = pattern.find('*');
  if (star == std::string_view::npos) {
    if (anchored) return path == pattern;
    return path.substr(0, std::min(path.size(), pattern.size())) == pattern;
  }
  std::string_view first = pattern.substr(0, star);
  if (path.substr(0, std::min(path.size(), first.size())) != first) return false;
  std::size_t pos = first.size();
  std::string_view rest = pattern.substr(star + 1);

  // Middle pieces: between two stars.
  for (;;) {
    std::size_t next = rest.find('*');
    if (next == std::string_view::npos) break;
    std::string_view piece = rest.substr(0, next);
    rest.remove_prefix(next + 1);
    if (piece.empty()) continue;
    std::size_t at = kmp_find(path, piece, pos, scratch);
    if (at == std::string_view::npos) return false;
    pos = at + piece.size();
  }
  // Last piece: after the last star.
  if (anchored) {
    return path.size() >= pos && path.size() - pos >= rest.size() &&
           path.substr(path.size() - rest.size()) == rest;
  }
  if (rest.empty()) return true;
  return kmp_find(path, rest, pos, scratch) != std::string_view::npos;
}

// "Crawl-delay: 2" or "Crawl-delay: 0.5": digits with at most one '.', at
// least one digit; anything else (signs, exponents, words) is not a delay.
std::optional<double> parse_delay(std::string_view v) {
  v = trim(v);
  if (v.empty()) return std::nullopt;
  double whole = 0;
  double frac = 0;
  double scale = 1;
  bool dot = false;
  bool digit = false;
  for (char c : v) {
    if (c == '.') {
      if (dot) return std::nullopt;
      dot = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
      if (dot) {
        scale /= 10;
        frac += (c - '0') * scale;
      } else {
        whole = whole * 10 + (c - '0');
      }
    } else {
      return std::nullopt;
    }
  }
  if (!digit) return std::nullopt;
  double d = whole + frac;
  if (!std::isfinite(d)) return std::nullopt;
  return d;
}

enum class Field { kUserAgent, kAllow, kDisallow, kCrawlDelay, kOther };

Field field_of(std::string_view key) {
  if (iequals(key, "user-agent")) return Field::kUserAgent;
  if (iequals(key, "allow")) return Field::kAllow;
  if (iequals(key, "disallow")) return Field::kDisallow;
  if (iequals(key, "crawl-delay")) return Field::kCrawlDelay;
  return Field::kOther;
}

// Splits a comment-free, trimmed line into field and value. "field: value"
// as the RFC has it; like Google, also "field value" with no colon when the
// line is exactly two words. False for anything else.
bool split_line(std::string_view line, std::string_view* key, std::string_view* value) {
  std::size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    *key = trim(line.substr(0, colon));
    *value = trim(line.substr(colon + 1));
    return !key->empty();
  }
  std::size_t sp = 0;
  while (sp < line.size() && !is_space(line[sp])) ++sp;
  if (sp == 0 || sp == line.size()) return false;
  std::string_view v = trim(line.substr(sp));
  for (char c : v) {
    if (is_space(c)) return false;
  }
  *key = line.substr(0, sp);
  *value = v;
  return true;
}

}  // namespace

// One function over 80 lines on purpose: RFC 9309's grouping (consecutive
// user-agent lines open a group, rules close it, our token's groups merge,
// "*" only if no group names us) is a small state machine whose state would
// otherwise be threaded through helpers; each branch is a line kind.
Robots Robots::parse(std::string_view text, std::string_view product_token) {
  if (text.size() > kMaxBytes) {
    // Stop at 500 KiB; a line cut in two there is dropped rather than read
    // as a shorter (and so broader) rule.
    bool cut_mid_line = text[kMaxBytes] != '\n' && text[kMaxBytes] != '\r';
    text = text.substr(0, kMaxBytes);
    if (cut_mid_line) {
      std::size_t end = text.find_last_of("\r\n");
      text = end == std::string_view::npos ? std::string_view() : text.substr(0, end + 1);
    }
  }
  if (text.substr(0, std::min<std::size_t>(3, text.size())) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
  }

  std::vector<Rule> ours;
  std::vector<Rule> star;
  std::optional<double> ours_delay;
  std::optional<double> star_delay;
  bool seen_ours = false;  // some group names our product token
  bool seen_star = false;  // some group is "*"

  bool in_ours = false;       // the current group applies to us
  bool in_star = false;       // the current group is (also) "*"
  bool in_group = false;      // a user-agent line has been seen
  bool agents_open = false;   // still reading the group's user-agent lines

  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = text.find_first_of("\r\n", i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(i, end - i);
    i = end;
    if (i < text.size()) {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++i;
    }

    std::size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;

    std::string_view key;
    std::string_view value;
    if (!split_line(line, &key, &value)) continue;
    Field field = field_of(key);
    if (field == Field::kOther) continue;  // sitemap, host, unknown: no effect

    if (field == Field::kUserAgent) {
      if (!agents_open) {  // a user-agent line after rules starts a new group
        in_ours = in_star = false;
        agents_open = true;
      }
      in_group = true;
      if (!value.empty() && value[0] == '*' &&
          (value.size() == 1 || !is_token_char(value[1]))) {
        in_star = seen_star = true;
      } else {
        std::size_t n = 0;
        while (n < value.size() && is_token_char(value[n])) ++n;
        if (n > 0 && !product_token.empty() && iequals(value.substr(0, n), product_token)) {
          in_ours = seen_ours = true;
        }
      }
      continue;
    }

    agents_open = false;
    if (!in_group) continue;  // rules before any user-agent line
    if (!in_ours && !in_star) continue;

    if (field == Field::kCrawlDelay) {
      std::optional<double> d = parse_delay(value);
      if (!d) continue;
      if (in_ours && !ours_delay) ours_delay = d;
      if (in_star && !star_delay) star_delay = d;
      continue;
    }

    // Allow / Disallow. An empty value is no rule; a pattern must start with
    // '/' or '*' to match anything.
    if (value.empty() || (value[0] != '/' && value[0] != '*')) continue;
    Rule rule{field == Field::kAllow, normalise(value)};
    if (in_ours) ours.push_back(rule);
    if (in_star) star.push_back(std::move(rule));
  }

  Robots robots;
  if (seen_ours) {
    robots.rules_ = std::move(ours);
    robots.crawl_delay_ = ours_delay;
  } else if (seen_star) {
    robots.rules_ = std::move(star);
    robots.crawl_delay_ = star_delay;
  }
  // Longest pattern first, Allow before Disallow on a tie: the first rule
  // that matches decides.
  std::stable_sort(robots.rules_.begin(), robots.rules_.end(),
                   [](const Rule& a, const Rule& b) {
                     if (a.pattern.size() != b.pattern.size()) {
                       return a.pattern.size() > b.pattern.size();
                     }
                     return a.allow && !b.allow;
                   });
  return robots;
}

Robots Robots::allow_all() { return Robots(); }

Robots Robots::disallow_all() {
  Robots robots;
  robots.disallow_all_ = true;
  return robots;
}

bool Robots::allowed(std::string_view path) const {
  if (path.empty()) path = "/";
  std::string p = normalise(path);
  if (p.empty() || p[0] != '/') p.insert(p.begin(), '/');
  if (p == "/robots.txt") return true;
  if (disallow_all_) return false;
  std::vector<std::size_t> scratch;
  for (const Rule& rule : rules_) {
    if (pattern_matches(rule.pattern, p, &scratch)) return rule.allow;
  }
  return true;
}

std::string Robots::product_token(std::string_view user_agent) {
  std::size_t b = 0;
  while (b < user_agent.size() && (is_space(user_agent[b]) || user_agent[b] == '\r' ||
                                   user_agent[b] == '\n')) {
    ++b;
  }
  std::size_t e = b;
  while (e < user_agent.size() && user_agent[e] != '/' && !is_space(user_agent[e]) &&
         user_agent[e] != '\r' && user_agent[e] != '\n') {
    ++e;
  }
  return std::string(user_agent.substr(b, e - b));
}

}  // namespace winnow::fetch
