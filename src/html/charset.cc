#include "html/charset.h"

#include <errno.h>
#include <iconv.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

namespace winnow::html {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c; }

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

// Length of the valid UTF-8 sequence at s[i], or 0 if invalid.
size_t utf8_sequence(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c == 0xE0) { n = 3; lo = 0xA0; }
  else if (c >= 0xE1 && c <= 0xEC) n = 3;
  else if (c == 0xED) { n = 3; hi = 0x9F; }
  else if (c >= 0xEE && c <= 0xEF) n = 3;
  else if (c == 0xF0) { n = 4; lo = 0x90; }
  else if (c >= 0xF1 && c <= 0xF3) n = 4;
  else if (c == 0xF4) { n = 4; hi = 0x8F; }
  else return 0;
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return n;
}

// Bytes from `i` that are plain ASCII, eight at a time (most of a page's
// markup is).
size_t ascii_run(std::string_view s, size_t i) {
  size_t start = i;
  while (i + 8 <= s.size()) {
    uint64_t chunk;
    std::memcpy(&chunk, s.data() + i, 8);
    if (chunk & 0x8080808080808080ULL) break;
    i += 8;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i - start;
}

bool is_valid_utf8(std::string_view s, bool* has_non_ascii) {
  *has_non_ascii = false;
  for (size_t i = 0; i < s.size();) {
    i += ascii_run(s, i);
    if (i >= s.size()) break;
    size_t n = utf8_sequence(s, i);
    if (n == 0) return false;
    if (n > 1) *has_non_ascii = true;
    i += n;
  }
  return true;
}

// WHATWG encoding labels to the names iconv knows.
std::string canonical(std::string label) {
  label = to_lower(label);
  label.erase(std::remove_if(label.begin(), label.end(),
                             [](char c) { return c == '"' || c == '\'' || c == ' '; }),
              label.end());
  if (label == "utf8" || label == "utf-8" || label == "unicode-1-1-utf-8" || label == "unicode11utf8")
    return "utf-8";
  // Browsers read all of these as windows-1252 (WHATWG Encoding).
  if (label == "iso-8859-1" || label == "latin1" || label == "l1" || label == "ascii" ||
      label == "us-ascii" || label == "iso8859-1" || label == "cp1252" || label == "x-cp1252" ||
      label == "iso_8859-1" || label == "cp819")
    return "windows-1252";
  if (label == "cp1258" || label == "x-cp1258") return "windows-1258";
  if (label == "gb2312" || label == "gbk" || label == "x-gbk") return "gb18030";
  if (label == "utf-16" || label == "unicode") return "utf-16le";
  return label;
}

bool is_single_byte(const std::string& cs) {
  return cs.rfind("windows-", 0) == 0 || cs.rfind("iso-8859-", 0) == 0 || cs.rfind("koi8", 0) == 0 ||
         cs == "macintosh" || cs == "tcvn" || cs == "viscii";
}

// Converts with iconv; undecodable bytes become U+FFFD. Returns false if
// iconv does not know the charset.
bool convert(std::string_view in, const std::string& charset, Decoded* out) {
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  // Closed however this ends: a page that runs out of memory here fails
  // alone (std::bad_alloc), without leaking a descriptor per page.
  struct Close {
    void operator()(void* d) const { iconv_close(static_cast<iconv_t>(d)); }
  };
  std::unique_ptr<void, Close> closer(cd);
  out->utf8.clear();
  out->utf8.reserve(in.size() * 2);
  char buf[8192];
  char* src = const_cast<char*>(in.data());
  size_t left = in.size();
  // Some decoders (windows-1258) hold a character back until they know no
  // combining mark follows; a call without input hands it over.
  auto flush = [&] {
    char* dst = buf;
    size_t room = sizeof(buf);
    iconv(cd, nullptr, nullptr, &dst, &room);
    out->utf8.append(buf, dst - buf);
  };
  while (left > 0) {
    char* dst = buf;
    size_t room = sizeof(buf);
    size_t r = iconv(cd, &src, &left, &dst, &room);
    out->utf8.append(buf, dst - buf);
    if (r == static_cast<size_t>(-1)) {
      if (errno == E2BIG) continue;
      // EILSEQ or EINVAL (truncated at the end): replace one byte, go on.
      flush();
      out->utf8.append("\xEF\xBF\xBD");
      ++out->replaced;
      ++src;
      --left;
    }
  }
  flush();
  return true;
}

// Value of charset=... starting at `at`; stops at quote, space, ';', '>', '/'.
std::string charset_value(std::string_view s, size_t at) {
  while (at < s.size() && (s[at] == ' ' || s[at] == '"' || s[at] == '\'' || s[at] == '=')) ++at;
  size_t end = at;
  while (end < s.size() && (isalnum(static_cast<unsigned char>(s[end])) || s[end] == '-' ||
                            s[end] == '_' || s[end] == ':' || s[end] == '.'))
    ++end;
  return to_lower(s.substr(at, end - at));
}

}  // namespace

std::string charset_from_content_type(std::string_view ct) {
  std::string lc = to_lower(ct);
  size_t at = lc.find("charset");
  if (at == std::string::npos) return {};
  at += 7;
  while (at < lc.size() && (lc[at] == ' ' || lc[at] == '=')) ++at;
  return charset_value(lc, at);
}

size_t repair_utf8(std::string* s) {
  size_t bad = 0;
  std::string out;
  for (size_t i = 0; i < s->size();) {
    size_t n = utf8_sequence(*s, i);
    if (n == 0) {
      if (bad == 0) out.assign(*s, 0, i);
      out.append("\xEF\xBF\xBD");
      ++bad;
      ++i;
      continue;
    }
    if (bad) out.append(*s, i, n);
    i += n;
  }
  if (bad) s->swap(out);
  return bad;
}

std::string declared_charset(std::string_view bytes) {
  std::string head = to_lower(bytes.substr(0, 4096));
  size_t at = 0;
  while ((at = head.find("<meta", at)) != std::string::npos) {
    size_t end = head.find('>', at);
    if (end == std::string::npos) end = head.size();
    std::string_view tag(head.data() + at, end - at);
    size_t cs = tag.find("charset");
    if (cs != std::string_view::npos) {
      size_t v = cs + 7;
      while (v < tag.size() && tag[v] == ' ') ++v;
      if (v < tag.size() && tag[v] == '=') {
        std::string value = charset_value(tag, v);
        if (!value.empty()) return value;
      }
    }
    at = end;
  }
  return {};
}

Decoded decode_to_utf8(std::string_view bytes, std::string_view transport_charset) {
  Decoded d;
  // 1. Byte-order marks decide, whatever anything declares.
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    d.charset = "utf-8";
    d.utf8.assign(bytes.substr(3));
    d.replaced = repair_utf8(&d.utf8);
  } else if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    d.charset = bytes[0] == '\xFF' ? "utf-16le" : "utf-16be";
    convert(bytes.substr(2), d.charset, &d);
  } else {
    // 2. Declarations: the transport's, then the page's own.
    std::string declared = transport_charset.empty() ? declared_charset(bytes)
                                                     : std::string(transport_charset);
    std::string cs = declared.empty() ? "utf-8" : canonical(declared);
    // WHATWG: a <meta> that declares UTF-16 was itself readable as ASCII, so
    // the page is not UTF-16; read it as UTF-8.
    if (transport_charset.empty() && cs.rfind("utf-16", 0) == 0) cs = "utf-8";
    bool non_ascii = false;
    bool valid = is_valid_utf8(bytes, &non_ascii);
    if (cs != "utf-8" && valid && (!non_ascii || is_single_byte(cs))) {
      // Valid UTF-8 under a single-byte label: the label is the likelier error.
      if (non_ascii)
        d.warning = "page declares charset " + declared + " but is valid UTF-8; read as UTF-8";
      cs = "utf-8";
    }
    if (cs == "utf-8") {
      d.charset = "utf-8";
      d.utf8.assign(bytes);
      d.replaced = valid ? 0 : repair_utf8(&d.utf8);
    } else if (convert(bytes, cs, &d)) {
      d.charset = cs;
    } else {
      d.warning = "unknown charset " + declared + "; read as UTF-8";
      d.charset = "utf-8";
      d.utf8.assign(bytes);
      d.replaced = repair_utf8(&d.utf8);
    }
  }
  if (d.replaced && d.warning.empty())
    d.warning = std::to_string(d.replaced) + " byte sequence(s) not valid " + d.charset +
                ", replaced with U+FFFD";
  return d;
}

}  // namespace winnow::html
