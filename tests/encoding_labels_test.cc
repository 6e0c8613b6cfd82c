// The WHATWG label table (src/html/encoding_labels.h) and one decoding test
// per family of the spec's table (https://encoding.spec.whatwg.org/#names-and-labels):
// UTF-8, the legacy single-byte encodings, GBK, gb18030, Big5, EUC-JP,
// ISO-2022-JP, Shift_JIS, EUC-KR, replacement, UTF-16BE/LE, x-user-defined.
// Each decodes real bytes of its encoding, named by one of its aliases. The
// expected text was worked out from the spec's indexes (index-*.txt of
// github.com/whatwg/encoding), not from glibc.
#include <doctest/doctest.h>
#include <iconv.h>

#include <set>
#include <string>
#include <string_view>

#include "html/charset.h"
#include "html/encoding_labels.h"

namespace winnow::html {
namespace {

// A string literal with embedded NUL bytes, whole.
template <size_t N>
std::string bytes_of(const char (&s)[N]) {
  return std::string(s, N - 1);
}

std::string name_of(std::string_view label) {
  const Encoding* e = encoding_for_label(label);
  return e ? std::string(e->name) : "(none)";
}

// Decodes `bytes` as a transport would declare them; checks the decode was
// clean and read as `encoding`.
std::string decoded(std::string_view bytes, std::string_view label, std::string_view encoding) {
  Decoded d = decode_to_utf8(bytes, label);
  CAPTURE(label);
  CHECK(d.charset == encoding);
  CHECK(d.replaced == 0);
  CHECK(d.warning == "");
  return d.utf8;
}

}  // namespace

// ---------------------------------------------------------------------------
// The table

TEST_CASE("encoding labels: the spec's 40 encodings, every label once, each back to its encoding") {
  CHECK(encodings().size() == 40);
  std::set<std::string_view> seen;
  size_t labels = 0;
  for (const Encoding& e : encodings()) {
    CAPTURE(e.name);
    CHECK_FALSE(e.labels.empty());
    for (std::string_view label : e.labels) {
      CAPTURE(label);
      CHECK(seen.insert(label).second);
      CHECK(encoding_for_label(label) == &e);
      ++labels;
    }
  }
  CHECK(labels == 228);  // as encodings.json lists them
}

TEST_CASE("encoding labels: matched ASCII case-insensitively, whitespace trimmed") {
  CHECK(name_of("gb2312") == "gbk");
  CHECK(name_of("  GB2312\t") == "gbk");
  CHECK(name_of("\nChinese\r\f") == "gbk");
  CHECK(name_of("Latin1") == "windows-1252");
  CHECK(name_of("US-ASCII") == "windows-1252");
  CHECK(name_of("ISO-8859-9") == "windows-1254");
  CHECK(name_of("TIS-620") == "windows-874");
  CHECK(name_of("X-SJIS") == "shift_jis");
  CHECK(name_of("KS_C_5601-1987") == "euc-kr");
  CHECK(name_of("Big5-HKSCS") == "big5");
  CHECK(name_of("HZ-GB-2312") == "replacement");
  CHECK(name_of("Unicode") == "utf-16le");
  CHECK(name_of("UTF8") == "utf-8");
  // No other normalisation: a label is a whole word of the table.
  CHECK(name_of("") == "(none)");
  CHECK(name_of("gb 2312") == "(none)");
  CHECK(name_of("gb2312x") == "(none)");
  CHECK(name_of("utf_8") == "(none)");
  CHECK(name_of("viscii") == "(none)");
  CHECK(name_of("utf-7") == "(none)");
}

TEST_CASE("encoding labels: every iconv decoder the table names exists in this glibc") {
  for (const Encoding& e : encodings()) {
    CAPTURE(e.name);
    if (e.decoder != Decoder::kIconv) {
      CHECK(e.iconv_name.empty());
      continue;
    }
    iconv_t cd = iconv_open("UTF-8", std::string(e.iconv_name).c_str());
    CHECK(cd != reinterpret_cast<iconv_t>(-1));
    if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
  }
}

// ---------------------------------------------------------------------------
// One test per family

TEST_CASE("charset family UTF-8: its labels, no conversion") {
  CHECK(decoded("\xE4\xB8\xAD\xE6\x96\x87", "unicode-1-1-utf-8", "utf-8") == "\u4E2D\u6587");
  CHECK(decoded("\xE4\xB8\xAD", "x-unicode20utf8", "utf-8") == "\u4E2D");
}

TEST_CASE("charset family legacy single-byte: each of the 28 encodings by an alias") {
  struct Case {
    const char* label;
    const char* encoding;
    const char* bytes;
    const char* text;
  };
  // Bytes from the spec's index-<encoding>.txt; windows-* bytes Microsoft
  // left unassigned read as the C1 control of the same value.
  const Case cases[] = {
      {"866", "ibm866", "\x8F\xE0\xA8\xA2\xA5\xE2", "\u041F\u0440\u0438\u0432\u0435\u0442"},
      {"latin2", "iso-8859-2", "\xA3\xF3" "d\xBC", "\u0141\u00F3" "d\u017A"},  // Łódź
      {"latin3", "iso-8859-3", "\xA6\xB6", "\u0124\u0125"},
      {"latin4", "iso-8859-4", "\xA2\xBD", "\u0138\u014A"},
      {"cyrillic", "iso-8859-5", "\xBF\xE0\xD8\xD2\xD5\xE2", "\u041F\u0440\u0438\u0432\u0435\u0442"},
      {"arabic", "iso-8859-6", "\xC7\xE4\xD9\xD1\xC8\xEA\xC9",
       "\u0627\u0644\u0639\u0631\u0628\u064A\u0629"},
      {"greek", "iso-8859-7", "\xC5\xEB\xEB\xE7\xED\xE9\xEA\xDC",
       "\u0395\u03BB\u03BB\u03B7\u03BD\u03B9\u03BA\u03AC"},
      {"hebrew", "iso-8859-8", "\xF2\xE1\xF8\xE9\xFA", "\u05E2\u05D1\u05E8\u05D9\u05EA"},
      {"logical", "iso-8859-8-i", "\xF9\xEC\xE5\xED", "\u05E9\u05DC\u05D5\u05DD"},
      {"latin6", "iso-8859-10", "\xA1\xBF", "\u0104\u014B"},
      {"iso885913", "iso-8859-13", "\xD0\xF0", "\u0160\u0161"},
      {"iso8859-14", "iso-8859-14", "\xA1\xD0", "\u1E02\u0174"},
      {"l9", "iso-8859-15", "\xA4\xBD", "\u20AC\u0153"},
      {"ISO-8859-16", "iso-8859-16", "\xAA\xDE", "\u0218\u021A"},
      {"koi", "koi8-r", "\xF0\xD2\xC9\xD7\xC5\xD4", "\u041F\u0440\u0438\u0432\u0435\u0442"},
      {"koi8-ru", "koi8-u", "\xA4\xAE\xBE", "\u0454\u045E\u040E"},  // є ў Ў (glibc: ╝ ╬)
      {"x-mac-roman", "macintosh", "\x8E\xC6\xF0", "\u00E9\u2206\uF8FF"},
      {"tis-620", "windows-874", "\xA1\x80\x81", "\u0E01\u20AC\u0081"},
      {"cp1250", "windows-1250", "\x8A\x81", "\u0160\u0081"},
      {"x-cp1251", "windows-1251", "\xCF\xF0\xE8\xE2\xE5\xF2\x98",
       "\u041F\u0440\u0438\u0432\u0435\u0442\u0098"},
      {"iso-8859-1", "windows-1252", "\x80\x81\xE9", "\u20AC\u0081\u00E9"},
      {"cp1253", "windows-1253", "\xC1\xE8\xDE\xED\xE1", "\u0391\u03B8\u03AE\u03BD\u03B1"},
      {"iso-8859-9", "windows-1254", "\xD0\xFD\xDE", "\u011E\u0131\u015E"},
      {"cp1255", "windows-1255", "\xF9\xEC\xE5\xED\xCA", "\u05E9\u05DC\u05D5\u05DD\u05BA"},
      {"cp1256", "windows-1256", "\xC7\xE1\xDA\xD1\xC8\xED\xC9",
       "\u0627\u0644\u0639\u0631\u0628\u064A\u0629"},
      {"cp1257", "windows-1257", "\xD0\xE0", "\u0160\u0105"},
      {"x-cp1258", "windows-1258", "\xF0\xE3", "\u0111\u0103"},
      {"x-mac-ukrainian", "x-mac-cyrillic", "\x8F\xF0\xE8\xE2\xE5\xF2\xFF",
       "\u041F\u0440\u0438\u0432\u0435\u0442\u20AC"},
  };
  std::set<std::string> covered;
  for (const Case& c : cases) {
    CHECK(decoded(c.bytes, c.label, c.encoding) == c.text);
    covered.insert(c.encoding);
  }
  size_t single_byte = 0;
  for (const Encoding& e : encodings())
    if (e.single_byte && e.decoder == Decoder::kIconv) ++single_byte;
  CHECK(covered.size() == single_byte);
  CHECK(single_byte == 28);
}

TEST_CASE("charset family GBK: gb2312 and its aliases read as gb18030") {
  // 中文 in GB2312 (D6D0 CEC4); 丂 (8140) only in GBK; 0x80 alone is €.
  for (const char* label : {"gb2312", "GBK", "x-gbk", "chinese", "csgb2312", "csiso58gb231280",
                            "gb_2312", "gb_2312-80", "iso-ir-58"}) {
    CHECK(decoded("\xD6\xD0\xCE\xC4", label, "gbk") == "\u4E2D\u6587");
  }
  CHECK(decoded("\x81\x40\xA1\xA1" "a\x80", "gb2312", "gbk") == "\u4E02\u3000" "a\u20AC");
  // The four-byte sequences gb18030 adds are read under a GBK label too.
  CHECK(decoded("\x81\x30\x81\x30", "gbk", "gbk") == "\u0080");
}

TEST_CASE("charset family gb18030: two- and four-byte sequences") {
  CHECK(decoded("\xD6\xD0\xCE\xC4", "GB18030", "gb18030") == "\u4E2D\u6587");
  // U+0080 (81308130), U+10000 (90308130), U+1F600 (9439FC36).
  CHECK(decoded("\x81\x30\x81\x30\x90\x30\x81\x30\x94\x39\xFC\x36", "gb18030", "gb18030") ==
        "\u0080\U00010000\U0001F600");
}

TEST_CASE("charset family Big5: Big5-HKSCS") {
  CHECK(decoded("\xA4\xA4\xA4\xE5", "big5", "big5") == "\u4E2D\u6587");
  // HKSCS: 8740 is U+43F0; 8862 is Ê and a combining macron, two code points.
  CHECK(decoded("\x87\x40\x88\x62", "big5-hkscs", "big5") == "\u43F0\u00CA\u0304");
  CHECK(decoded("\xC6\xA1", "x-x-big5", "big5") == "\u2460");
}

TEST_CASE("charset family EUC-JP: JIS X 0208, JIS X 0212, half-width katakana") {
  CHECK(decoded("\xC6\xFC\xCB\xDC", "euc-jp", "euc-jp") == "\u65E5\u672C");
  // A1C1 is WHATWG's FULLWIDTH TILDE (Microsoft's mapping), not WAVE DASH.
  CHECK(decoded("\x8E\xB1\x8F\xB0\xA1\xA1\xC1", "x-euc-jp", "euc-jp") == "\uFF71\u4E02\uFF5E");
}

TEST_CASE("charset family ISO-2022-JP: escapes to JIS X 0208 and katakana") {
  CHECK(decoded("a\x1B$B\x46\x7C\x4B\x5C\x1B(Bb", "csiso2022jp", "iso-2022-jp") ==
        "a\u65E5\u672Cb");
  CHECK(decoded("\x1B(I\x31\x1B(B", "iso-2022-jp", "iso-2022-jp") == "\uFF71");
  // Seven-bit bytes, all ASCII: still ISO-2022-JP, not read as UTF-8.
  std::string page = "<meta charset=\"iso-2022-jp\"><title>\x1B$B\x46\x7C\x4B\x5C\x1B(B</title>";
  Decoded d = decode_to_utf8(page);
  CHECK(d.charset == "iso-2022-jp");
  CHECK(d.utf8 == "<meta charset=\"iso-2022-jp\"><title>\u65E5\u672C</title>");
}

TEST_CASE("charset family Shift_JIS: Windows-31J") {
  CHECK(decoded("\x93\xFA\x96\x7B", "x-sjis", "shift_jis") == "\u65E5\u672C");
  // Half-width katakana, an NEC circled digit, FULLWIDTH TILDE, 0x80 as U+0080.
  CHECK(decoded("\xB1\x87\x40\x81\x60\x80", "ms_kanji", "shift_jis") ==
        "\uFF71\u2460\uFF5E\u0080");
  CHECK(decoded("\x93\xFA", "windows-31j", "shift_jis") == "\u65E5");
}

TEST_CASE("charset family EUC-KR: Unified Hangul Code (windows-949)") {
  CHECK(decoded("\xC7\xD1\xB1\xB9", "ks_c_5601-1987", "euc-kr") == "\uD55C\uAD6D");
  // 8141 is outside KS X 1001: a UHC extension syllable.
  CHECK(decoded("\x81\x41", "korean", "euc-kr") == "\uAC02");
  CHECK(decoded("\xC7\xD1", "windows-949", "euc-kr") == "\uD55C");
}

TEST_CASE("charset family replacement: the whole input is one U+FFFD") {
  for (const char* label : {"iso-2022-kr", "csiso2022kr", "hz-gb-2312", "iso-2022-cn",
                            "iso-2022-cn-ext", "replacement"}) {
    CAPTURE(label);
    Decoded d = decode_to_utf8("~{<:Ky2;S{#,NpJ)l6HK!#~}", label);
    CHECK(d.utf8 == "\uFFFD");
    CHECK(d.charset == "replacement");
    CHECK(d.replaced == 1);
    CHECK(d.warning ==
          "charset replacement is not decoded (WHATWG replacement encoding); the page reads as U+FFFD");
    Decoded empty = decode_to_utf8("", label);
    CHECK(empty.utf8 == "");
  }
  // Declared by the page, too: seven-bit bytes are not read as ASCII.
  Decoded meta = decode_to_utf8("<meta charset=\"iso-2022-kr\"><p>\x1B$)C\x0E!!\x0F</p>");
  CHECK(meta.utf8 == "\uFFFD");
  CHECK(meta.charset == "replacement");
}

TEST_CASE("charset family UTF-16BE and UTF-16LE: by label, without a BOM") {
  CHECK(decoded(bytes_of("\x4E\x2D\x65\x87\0a"), "utf-16be", "utf-16be") == "\u4E2D\u6587a");
  CHECK(decoded(bytes_of("\x2D\x4E\x87\x65"), "utf-16", "utf-16le") == "\u4E2D\u6587");
  CHECK(decoded(bytes_of("\x3D\xD8\x00\xDEh\0"), "unicode", "utf-16le") == "\U0001F600h");
  CHECK(decoded(bytes_of("\xD8\x3D\xDE\x00"), "unicodefffe", "utf-16be") == "\U0001F600");
  // ASCII text in UTF-16 is valid UTF-8 (NULs and letters): still UTF-16.
  CHECK(decoded(bytes_of("h\0i\0"), "utf-16le", "utf-16le") == "hi");
}

TEST_CASE("charset family x-user-defined: 0x80-0xFF to U+F780-U+F7FF") {
  CHECK(decoded("a\x80\xFF", "x-user-defined", "x-user-defined") == "a\uF780\uF7FF");
  // In a <meta>, the prescan reads it as windows-1252.
  Decoded meta = decode_to_utf8("<meta charset=\"x-user-defined\">\x80");
  CHECK(meta.utf8 == "<meta charset=\"x-user-defined\">\u20AC");
  CHECK(meta.charset == "windows-1252");
}

// ---------------------------------------------------------------------------
// Where the label comes from

TEST_CASE("decode: an unknown transport label gives way to the page's <meta>") {
  Decoded d = decode_to_utf8("<meta charset=gb2312>\xD6\xD0\xCE\xC4", "none");
  CHECK(d.utf8 == "<meta charset=gb2312>\u4E2D\u6587");
  CHECK(d.charset == "gbk");
  CHECK(d.warning == "unknown charset none; read as gbk");
}

TEST_CASE("decode: a <meta> naming any UTF-16 label is read as UTF-8") {
  for (const char* label : {"utf-16be", "unicode", "ucs-2", "unicodefffe"}) {
    CAPTURE(label);
    std::string page = std::string("<meta charset=") + label + "><p>Vi\u1EC7t</p>";
    Decoded d = decode_to_utf8(page);
    CHECK(d.utf8 == page);
    CHECK(d.charset == "utf-8");
  }
}

}  // namespace winnow::html
