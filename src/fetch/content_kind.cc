#include "fetch/content_kind.h"

#include <algorithm>
#include <cstdint>

#include "html/charset.h"
#include "html/encoding_labels.h"

namespace winnow::fetch {
namespace {

using namespace std::string_view_literals;  // "\0asm"sv keeps its NUL

constexpr size_t kSniffBytes = 1024;
constexpr size_t kMaxNuls = 4;  // a stray NUL or two in a broken page is still a page

// Media types that are never a page, whatever the bytes.
constexpr std::string_view kBinaryTypePrefixes[] = {
    "image/", "audio/", "video/", "font/", "model/",
    "application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.opendocument.",
    "application/vnd.ms-",
};
constexpr std::string_view kBinaryTypes[] = {
    "application/pdf", "application/zip", "application/x-zip-compressed", "application/gzip",
    "application/x-gzip", "application/x-7z-compressed", "application/x-rar-compressed",
    "application/vnd.rar", "application/x-bzip2", "application/x-xz", "application/zstd",
    "application/x-tar", "application/java-archive", "application/epub+zip", "application/wasm",
    "application/x-msdownload", "application/x-executable", "application/x-sharedlib",
    "application/msword", "application/postscript", "application/x-shockwave-flash", "application/ogg",
};

// A file signature: `magic` at `at`, and `magic2` at `at2` when given.
struct Signature {
  std::string_view magic;
  size_t at;
  std::string_view magic2;
  size_t at2;
  const char* what;
};

constexpr Signature kSignatures[] = {
    {"%PDF-", 0, {}, 0, "PDF document"},
    {"PK\x03\x04", 0, {}, 0, "ZIP archive"},
    {"PK\x05\x06", 0, {}, 0, "ZIP archive"},  // an empty one
    {"\xFF\xD8\xFF", 0, {}, 0, "JPEG image"},
    {"\x89PNG\r\n\x1A\n", 0, {}, 0, "PNG image"},
    {"GIF87a", 0, {}, 0, "GIF image"},
    {"GIF89a", 0, {}, 0, "GIF image"},
    {"RIFF", 0, "WEBP", 8, "WebP image"},
    {"RIFF", 0, "WAVE", 8, "WAV audio"},
    {"RIFF", 0, "AVI ", 8, "AVI video"},
    {"II*\0"sv, 0, {}, 0, "TIFF image"},
    {"MM\0*"sv, 0, {}, 0, "TIFF image"},
    {"ftyp", 4, {}, 0, "MP4 or other ISO media"},  // MP4, MOV, HEIC, AVIF
    {"\x1A\x45\xDF\xA3", 0, {}, 0, "Matroska or WebM video"},
    {"OggS", 0, {}, 0, "Ogg media"},
    {"ID3\x02", 0, {}, 0, "MP3 audio"},
    {"ID3\x03", 0, {}, 0, "MP3 audio"},
    {"ID3\x04", 0, {}, 0, "MP3 audio"},
    {"fLaC", 0, {}, 0, "FLAC audio"},
    {"wOFF", 0, {}, 0, "WOFF font"},
    {"wOF2", 0, {}, 0, "WOFF2 font"},
    {"\x1F\x8B", 0, {}, 0, "gzip data"},
    {"7z\xBC\xAF\x27\x1C", 0, {}, 0, "7z archive"},
    {"Rar!\x1A\x07", 0, {}, 0, "RAR archive"},
    {"BZh", 0, "1AY&SY", 4, "bzip2 data"},  // the first block's magic number
    {"\xFD" "7zXZ\0"sv, 0, {}, 0, "xz data"},
    {"\x28\xB5\x2F\xFD", 0, {}, 0, "zstd data"},
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 0, {}, 0, "Microsoft Office (OLE) document"},
    {"\0asm"sv, 0, {}, 0, "WebAssembly module"},
    {"\x7F" "ELF", 0, {}, 0, "ELF executable"},
};

bool has_at(std::string_view body, std::string_view magic, size_t at) {
  return body.size() >= at + magic.size() && body.substr(at, magic.size()) == magic;
}

// "MZ" alone could begin a text; a Windows executable also has "PE\0\0"
// where its DOS header's e_lfanew (little-endian, at 0x3C) points.
bool is_windows_executable(std::string_view body) {
  if (!has_at(body, "MZ", 0) || body.size() < 0x40) return false;
  uint32_t pe = 0;
  for (int i = 3; i >= 0; --i) pe = (pe << 8) | static_cast<unsigned char>(body[0x3C + i]);
  return pe <= kSniffBytes * 64 && has_at(body, "PE\0\0"sv, pe);
}

const char* signature_of(std::string_view body) {
  for (const Signature& s : kSignatures) {
    if (has_at(body, s.magic, s.at) && (s.magic2.empty() || has_at(body, s.magic2, s.at2))) return s.what;
  }
  return is_windows_executable(body) ? "Windows executable" : nullptr;
}

// "Text/HTML; charset=UTF-8" -> "text/html".
std::string media_type(std::string_view content_type) {
  std::string_view t = content_type.substr(0, content_type.find(';'));
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  std::string out(t);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  return out;
}

bool binary_type(std::string_view type) {
  for (std::string_view p : kBinaryTypePrefixes)
    if (type.substr(0, p.size()) == p) return true;
  return std::find(std::begin(kBinaryTypes), std::end(kBinaryTypes), type) != std::end(kBinaryTypes);
}

// UTF-16 text is half NULs: a byte-order mark or a declared charset says so
// (any label of UTF-16LE or UTF-16BE: "unicode", "ucs-2", ...).
bool says_utf16(std::string_view content_type, std::string_view body) {
  if (has_at(body, "\xFF\xFE", 0) || has_at(body, "\xFE\xFF", 0)) return true;
  const html::Encoding* e = html::encoding_for_label(html::charset_from_content_type(content_type));
  return e != nullptr && (e->name == "utf-16le" || e->name == "utf-16be");
}

}  // namespace

std::optional<std::string> not_html(std::string_view content_type, std::string_view body) {
  const std::string type = media_type(content_type);
  if (binary_type(type)) return "not an HTML page: " + type;
  const std::string served = type.empty() ? "served without a Content-Type" : "served as " + type;
  if (const char* what = signature_of(body)) return "not an HTML page: " + std::string(what) + " (sniffed; " + served + ")";
  if (says_utf16(content_type, body)) return std::nullopt;
  std::string_view head = body.substr(0, kSniffBytes);
  size_t nuls = static_cast<size_t>(std::count(head.begin(), head.end(), '\0'));
  if (nuls > kMaxNuls)
    return "not an HTML page: binary data, " + std::to_string(nuls) + " NUL bytes in the first 1 KiB (sniffed; " +
           served + ")";
  return std::nullopt;
}

}  // namespace winnow::fetch
