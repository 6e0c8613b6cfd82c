#include "html/charset.h"

#include <errno.h>
#include <iconv.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>

#include "base/utf8.h"
#include "html/encoding_labels.h"

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

// The encoding a declared label names; quotes around it are forgiven.
const Encoding* encoding_named(std::string_view label) {
  while (!label.empty() && (label.front() == '"' || label.front() == '\'')) label.remove_prefix(1);
  while (!label.empty() && (label.back() == '"' || label.back() == '\'')) label.remove_suffix(1);
  return encoding_for_label(label);
}

const Encoding& named(std::string_view label) { return *encoding_for_label(label); }

// Code point per byte where WHATWG reads a byte differently from glibc; -1 elsewhere.
using ByteTable = std::array<int32_t, 256>;

// Runs iconv over `in`, appending to out->utf8. A byte iconv rejects (the
// first of a sequence) becomes its entry in `differences` if it has one,
// else U+FFFD; nothing is dropped.
void convert_run(iconv_t cd, std::string_view in, const ByteTable& differences, Decoded* out) {
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
      // EILSEQ or EINVAL (truncated at the end): read one byte, go on.
      flush();
      int32_t cp = differences[static_cast<unsigned char>(*src)];
      if (cp >= 0) {
        append_utf8(static_cast<uint32_t>(cp), &out->utf8);
      } else {
        out->utf8.append("\xEF\xBF\xBD");
        ++out->replaced;
      }
      ++src;
      --left;
    }
  }
  flush();
}

// Converts with glibc iconv and the encoding's differences from WHATWG.
// Returns false if this glibc has no such decoder.
bool convert(std::string_view in, const Encoding& encoding, Decoded* out) {
  iconv_t cd = iconv_open("UTF-8", std::string(encoding.iconv_name).c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  // Closed however this ends: a page that runs out of memory here fails
  // alone (std::bad_alloc), without leaking a descriptor per page.
  struct Close {
    void operator()(void* d) const { iconv_close(static_cast<iconv_t>(d)); }
  };
  std::unique_ptr<void, Close> closer(cd);
  ByteTable differences;
  differences.fill(-1);
  for (const ByteMapping& m : encoding.differences) differences[m.byte] = int32_t(m.code_point);
  out->utf8.clear();
  out->utf8.reserve(in.size() * 2);
  if (!encoding.single_byte || encoding.differences.empty()) {
    convert_run(cd, in, differences, out);
    return true;
  }
  // Single-byte: every byte is a character, so the bytes glibc reads
  // otherwise (or not at all) are read here, between runs of iconv.
  size_t start = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    int32_t cp = differences[static_cast<unsigned char>(in[i])];
    if (cp < 0) continue;
    convert_run(cd, in.substr(start, i - start), differences, out);
    append_utf8(static_cast<uint32_t>(cp), &out->utf8);
    start = i + 1;
  }
  convert_run(cd, in.substr(start), differences, out);
  return true;
}

// WHATWG x-user-defined: ASCII, then 0x80-0xFF to U+F780-U+F7FF.
void decode_user_defined(std::string_view in, Decoded* out) {
  out->utf8.clear();
  out->utf8.reserve(in.size() * 3);
  for (char c : in) {
    auto b = static_cast<unsigned char>(c);
    append_utf8(b < 0x80 ? uint32_t{b} : uint32_t{0xF780u + b - 0x80}, &out->utf8);
  }
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

constexpr size_t kPrescanBytes = 4096;
constexpr size_t kHeadBytes = size_t(1) << 20;

// Whether the markup at s[lt] ('<') opens a tag whose name starts with
// `name` (lower-case), ASCII case-insensitively; `whole`: and ends there.
bool opens_tag(std::string_view s, size_t lt, std::string_view name, bool whole) {
  if (lt + 1 + name.size() > s.size()) return false;
  for (size_t i = 0; i < name.size(); ++i)
    if (lower(s[lt + 1 + i]) != name[i]) return false;
  size_t next = lt + 1 + name.size();
  return !whole || next == s.size() ||
         std::string_view(" \t\n\r\f/>").find(s[next]) != std::string_view::npos;
}

// The value of the first <meta ... charset=...> in `s`, lower-cased; "" if
// none. A tag cut off by the end of `s` is not read; `stop_at_body`: nor
// anything from the first <body> on.
std::string meta_charset(std::string_view s, bool stop_at_body) {
  for (size_t at = s.find('<'); at != std::string_view::npos; at = s.find('<', at + 1)) {
    if (stop_at_body && opens_tag(s, at, "body", true)) return {};
    if (!opens_tag(s, at, "meta", false)) continue;
    size_t end = s.find('>', at);
    if (end == std::string_view::npos) return {};
    std::string tag = to_lower(s.substr(at, end - at));
    size_t cs = tag.find("charset");
    if (cs != std::string::npos) {
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

void add_warning(Decoded* d, const std::string& warning) {
  d->warning += (d->warning.empty() ? "" : "; ") + warning;
}

// Reads `bytes` as `encoding` into d. `valid_utf8`: the bytes are known to be
// valid UTF-8 (no repair needed).
void decode_as(std::string_view bytes, const Encoding& encoding, Decoded* d,
               bool valid_utf8 = false) {
  d->charset = std::string(encoding.name);
  switch (encoding.decoder) {
    case Decoder::kUtf8:
      d->utf8.assign(bytes);
      d->replaced = valid_utf8 ? 0 : repair_utf8(&d->utf8);
      return;
    case Decoder::kReplacement:
      // WHATWG: these encodings (ISO-2022-KR, HZ, ISO-2022-CN) let text
      // hide markup; a decoder gives one U+FFFD for the whole input.
      d->utf8 = bytes.empty() ? "" : "\xEF\xBF\xBD";
      d->replaced = bytes.empty() ? 0 : 1;
      add_warning(d, "charset " + std::string(encoding.name) +
                         " is not decoded (WHATWG replacement encoding); the page reads as U+FFFD");
      return;
    case Decoder::kUserDefined:
      decode_user_defined(bytes, d);
      return;
    case Decoder::kIconv:
      if (convert(bytes, encoding, d)) return;
      add_warning(d, "no decoder for charset " + std::string(encoding.name) + " (iconv " +
                         std::string(encoding.iconv_name) + "); read as UTF-8");
      d->charset = "utf-8";
      d->utf8.assign(bytes);
      d->replaced = repair_utf8(&d->utf8);
      return;
  }
}

// The encoding the declarations name, and the label they name it by.
struct Choice {
  const Encoding* encoding = nullptr;
  std::string label;    // lower-cased, as declared
  std::string warning;  // an unknown label, or ""
};

// WHATWG's order: the transport's label if it names an encoding, else the
// page's <meta>, else UTF-8 (the project's default, where browsers guess
// from the locale). An unknown label is skipped with a warning.
Choice choose_encoding(std::string_view bytes, std::string_view transport) {
  Choice c;
  std::string unknown;
  if (!transport.empty()) {
    c.encoding = encoding_named(transport);
    (c.encoding ? c.label : unknown) = to_lower(transport);
  }
  if (!c.encoding) {
    std::string declared = declared_charset(bytes);
    const Encoding* e = declared.empty() ? nullptr : encoding_named(declared);
    if (e) {
      // The prescan's corrections: a <meta> read as ASCII cannot mean
      // UTF-16, and x-user-defined there means windows-1252.
      if (e->name == "utf-16le" || e->name == "utf-16be") e = &named("utf-8");
      if (e->name == "x-user-defined") e = &named("windows-1252");
      c.encoding = e;
      c.label = declared;
    } else if (!declared.empty() && unknown.empty()) {
      unknown = declared;
    }
  }
  if (!c.encoding) c.encoding = &named("utf-8");
  if (!unknown.empty())
    c.warning = "unknown charset " + unknown + "; read as " +
                (c.encoding->decoder == Decoder::kUtf8 ? "UTF-8" : std::string(c.encoding->name));
  return c;
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
  // The prescan: the first 4 KB (the spec's reads 1,024 bytes).
  std::string found = meta_charset(bytes.substr(0, kPrescanBytes), false);
  if (!found.empty() || bytes.size() <= kPrescanBytes) return found;
  // A <meta> the parser meets later in the head still sets the encoding
  // (HTML, "change the encoding": browsers reload with it); long heads of
  // inline script and style put it there. Up to <body>, within 1 MB.
  return meta_charset(bytes.substr(0, kHeadBytes), true);
}

Decoded decode_to_utf8(std::string_view bytes, std::string_view transport_charset) {
  Decoded d;
  // 1. Byte-order marks decide, whatever anything declares.
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    decode_as(bytes.substr(3), named("utf-8"), &d);
  } else if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    decode_as(bytes.substr(2), named(bytes[0] == '\xFF' ? "utf-16le" : "utf-16be"), &d);
  } else {
    // 2. Declarations: the transport's, then the page's own.
    Choice choice = choose_encoding(bytes, transport_charset);
    const Encoding* encoding = choice.encoding;
    d.warning = choice.warning;
    bool non_ascii = false;
    bool valid = is_valid_utf8(bytes, &non_ascii);
    if (encoding->decoder != Decoder::kUtf8 && encoding->ascii_compatible && valid &&
        (!non_ascii || encoding->single_byte)) {
      // Valid UTF-8 under a single-byte label: the label is the likelier
      // error. (ASCII alone reads the same either way.)
      if (non_ascii)
        add_warning(&d, "page declares charset " + choice.label + " but is valid UTF-8; read as UTF-8");
      encoding = &named("utf-8");
    }
    decode_as(bytes, *encoding, &d, valid);
  }
  if (d.replaced && d.warning.empty())
    d.warning = std::to_string(d.replaced) + " byte sequence(s) not valid " + d.charset +
                ", replaced with U+FFFD";
  return d;
}

}  // namespace winnow::html
