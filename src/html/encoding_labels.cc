// The WHATWG Encoding Standard's table of encodings and labels, copied from
// https://encoding.spec.whatwg.org/#names-and-labels (its machine-readable
// form is encodings.json in github.com/whatwg/encoding, unchanged since
// commit 02b303619962bd0fce3651c460117f67cd8c2cd4; checked against the
// repository at a985b62a9b45c17da3e17a9f0a0b4e30c34c4a8a). Beside each
// encoding: the glibc iconv decoder that reads it, the closest superset
// glibc has, and the bytes where that decoder and WHATWG's disagree.
//
// The differences were found by decoding every byte (single-byte encodings)
// or every index pointer (GBK, Big5, EUC-JP, Shift_JIS, EUC-KR) with glibc
// and comparing with the spec's index-*.txt files. What remains after the
// ByteMapping lists below is documented in docs/robustness.md (Charsets).
#include "html/encoding_labels.h"

#include <array>

namespace winnow::html {
namespace {

// The Encoding
constexpr std::string_view kUtf8Labels[] = {
    "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"};
// Legacy single-byte encodings
constexpr std::string_view kIbm866Labels[] = {"866", "cp866", "csibm866", "ibm866"};
constexpr std::string_view kIso88592Labels[] = {
    "csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2",
    "iso_8859-2:1987", "l2", "latin2"};
constexpr std::string_view kIso88593Labels[] = {
    "csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3",
    "iso_8859-3:1988", "l3", "latin3"};
constexpr std::string_view kIso88594Labels[] = {
    "csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4",
    "iso_8859-4:1988", "l4", "latin4"};
constexpr std::string_view kIso88595Labels[] = {
    "csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595",
    "iso_8859-5", "iso_8859-5:1988"};
constexpr std::string_view kIso88596Labels[] = {
    "arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114",
    "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596",
    "iso_8859-6", "iso_8859-6:1987"};
constexpr std::string_view kIso88597Labels[] = {
    "csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126",
    "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"};
constexpr std::string_view kIso88598Labels[] = {
    "csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138",
    "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual"};
constexpr std::string_view kIso88598ILabels[] = {"csiso88598i", "iso-8859-8-i", "logical"};
constexpr std::string_view kIso885910Labels[] = {
    "csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"};
constexpr std::string_view kIso885913Labels[] = {"iso-8859-13", "iso8859-13", "iso885913"};
constexpr std::string_view kIso885914Labels[] = {"iso-8859-14", "iso8859-14", "iso885914"};
constexpr std::string_view kIso885915Labels[] = {
    "csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"};
constexpr std::string_view kIso885916Labels[] = {"iso-8859-16"};
constexpr std::string_view kKoi8RLabels[] = {"cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"};
constexpr std::string_view kKoi8ULabels[] = {"koi8-ru", "koi8-u"};
constexpr std::string_view kMacintoshLabels[] = {"csmacintosh", "mac", "macintosh", "x-mac-roman"};
constexpr std::string_view kWindows874Labels[] = {
    "dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"};
constexpr std::string_view kWindows1250Labels[] = {"cp1250", "windows-1250", "x-cp1250"};
constexpr std::string_view kWindows1251Labels[] = {"cp1251", "windows-1251", "x-cp1251"};
constexpr std::string_view kWindows1252Labels[] = {
    "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
    "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
    "us-ascii", "windows-1252", "x-cp1252"};
constexpr std::string_view kWindows1253Labels[] = {"cp1253", "windows-1253", "x-cp1253"};
constexpr std::string_view kWindows1254Labels[] = {
    "cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9",
    "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"};
constexpr std::string_view kWindows1255Labels[] = {"cp1255", "windows-1255", "x-cp1255"};
constexpr std::string_view kWindows1256Labels[] = {"cp1256", "windows-1256", "x-cp1256"};
constexpr std::string_view kWindows1257Labels[] = {"cp1257", "windows-1257", "x-cp1257"};
constexpr std::string_view kWindows1258Labels[] = {"cp1258", "windows-1258", "x-cp1258"};
constexpr std::string_view kXMacCyrillicLabels[] = {"x-mac-cyrillic", "x-mac-ukrainian"};
// Legacy multi-byte Chinese (simplified) encodings
constexpr std::string_view kGbkLabels[] = {
    "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
    "iso-ir-58", "x-gbk"};
constexpr std::string_view kGb18030Labels[] = {"gb18030"};
// Legacy multi-byte Chinese (traditional) encodings
constexpr std::string_view kBig5Labels[] = {"big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"};
// Legacy multi-byte Japanese encodings
constexpr std::string_view kEucJpLabels[] = {"cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"};
constexpr std::string_view kIso2022JpLabels[] = {"csiso2022jp", "iso-2022-jp"};
constexpr std::string_view kShiftJisLabels[] = {
    "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"};
// Legacy multi-byte Korean encodings
constexpr std::string_view kEucKrLabels[] = {
    "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
    "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"};
// Legacy miscellaneous encodings
constexpr std::string_view kReplacementLabels[] = {
    "csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", "replacement"};
constexpr std::string_view kUtf16beLabels[] = {"unicodefffe", "utf-16be"};
constexpr std::string_view kUtf16leLabels[] = {
    "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"};
constexpr std::string_view kXUserDefinedLabels[] = {"x-user-defined"};

// WHATWG's windows-* indexes give the bytes Microsoft left unassigned the C1
// control of the same value; glibc rejects them.
constexpr ByteMapping kWindows874Differences[] = {
    {0x81, 0x0081}, {0x82, 0x0082}, {0x83, 0x0083}, {0x84, 0x0084}, {0x86, 0x0086},
    {0x87, 0x0087}, {0x88, 0x0088}, {0x89, 0x0089}, {0x8A, 0x008A}, {0x8B, 0x008B},
    {0x8C, 0x008C}, {0x8D, 0x008D}, {0x8E, 0x008E}, {0x8F, 0x008F}, {0x90, 0x0090},
    {0x98, 0x0098}, {0x99, 0x0099}, {0x9A, 0x009A}, {0x9B, 0x009B}, {0x9C, 0x009C},
    {0x9D, 0x009D}, {0x9E, 0x009E}, {0x9F, 0x009F}};
constexpr ByteMapping kWindows1250Differences[] = {
    {0x81, 0x0081}, {0x83, 0x0083}, {0x88, 0x0088}, {0x90, 0x0090}, {0x98, 0x0098}};
constexpr ByteMapping kWindows1251Differences[] = {{0x98, 0x0098}};
constexpr ByteMapping kWindows1252Differences[] = {
    {0x81, 0x0081}, {0x8D, 0x008D}, {0x8F, 0x008F}, {0x90, 0x0090}, {0x9D, 0x009D}};
constexpr ByteMapping kWindows1253Differences[] = {
    {0x81, 0x0081}, {0x88, 0x0088}, {0x8A, 0x008A}, {0x8C, 0x008C}, {0x8D, 0x008D},
    {0x8E, 0x008E}, {0x8F, 0x008F}, {0x90, 0x0090}, {0x98, 0x0098}, {0x9A, 0x009A},
    {0x9C, 0x009C}, {0x9D, 0x009D}, {0x9E, 0x009E}, {0x9F, 0x009F}};
constexpr ByteMapping kWindows1254Differences[] = {
    {0x81, 0x0081}, {0x8D, 0x008D}, {0x8E, 0x008E}, {0x8F, 0x008F},
    {0x90, 0x0090}, {0x9D, 0x009D}, {0x9E, 0x009E}};
// 0xCA: HEBREW POINT HOLAM HASER FOR VAV, which WHATWG assigns and glibc does not.
constexpr ByteMapping kWindows1255Differences[] = {
    {0x81, 0x0081}, {0x8A, 0x008A}, {0x8C, 0x008C}, {0x8D, 0x008D}, {0x8E, 0x008E},
    {0x8F, 0x008F}, {0x90, 0x0090}, {0x9A, 0x009A}, {0x9C, 0x009C}, {0x9D, 0x009D},
    {0x9E, 0x009E}, {0x9F, 0x009F}, {0xCA, 0x05BA}};
constexpr ByteMapping kWindows1257Differences[] = {
    {0x81, 0x0081}, {0x83, 0x0083}, {0x88, 0x0088}, {0x8A, 0x008A}, {0x8C, 0x008C},
    {0x90, 0x0090}, {0x98, 0x0098}, {0x9A, 0x009A}, {0x9C, 0x009C}, {0x9F, 0x009F}};
constexpr ByteMapping kWindows1258Differences[] = {
    {0x81, 0x0081}, {0x8A, 0x008A}, {0x8D, 0x008D}, {0x8E, 0x008E}, {0x8F, 0x008F},
    {0x90, 0x0090}, {0x9A, 0x009A}, {0x9D, 0x009D}, {0x9E, 0x009E}};
// WHATWG's KOI8-U is KOI8-RU's letters on KOI8-U's box drawing: ў and Ў.
constexpr ByteMapping kKoi8UDifferences[] = {{0xAE, 0x045E}, {0xBE, 0x040E}};
// INCREMENT (not GREEK CAPITAL DELTA) and Apple's logo where Apple puts it.
constexpr ByteMapping kMacintoshDifferences[] = {{0xC6, 0x2206}, {0xF0, 0xF8FF}};
// The euro sign where the currency sign was.
constexpr ByteMapping kXMacCyrillicDifferences[] = {{0xFF, 0x20AC}};
// A lone 0x80: € in GBK and gb18030, U+0080 in Shift_JIS; glibc rejects both.
constexpr ByteMapping kGbkDifferences[] = {{0x80, 0x20AC}};
constexpr ByteMapping kShiftJisDifferences[] = {{0x80, 0x0080}};

constexpr std::span<const ByteMapping> kNone;

// One line an encoding: name, decoder, iconv name, single byte, ASCII
// compatible, differences, labels.
constexpr Decoder kIconv = Decoder::kIconv;
constexpr std::array kEncodings = {
    // The Encoding
    Encoding{"utf-8", Decoder::kUtf8, "", false, true, kNone, kUtf8Labels},
    // Legacy single-byte encodings
    Encoding{"ibm866", kIconv, "IBM866", true, true, kNone, kIbm866Labels},
    Encoding{"iso-8859-2", kIconv, "ISO-8859-2", true, true, kNone, kIso88592Labels},
    Encoding{"iso-8859-3", kIconv, "ISO-8859-3", true, true, kNone, kIso88593Labels},
    Encoding{"iso-8859-4", kIconv, "ISO-8859-4", true, true, kNone, kIso88594Labels},
    Encoding{"iso-8859-5", kIconv, "ISO-8859-5", true, true, kNone, kIso88595Labels},
    Encoding{"iso-8859-6", kIconv, "ISO-8859-6", true, true, kNone, kIso88596Labels},
    Encoding{"iso-8859-7", kIconv, "ISO-8859-7", true, true, kNone, kIso88597Labels},
    Encoding{"iso-8859-8", kIconv, "ISO-8859-8", true, true, kNone, kIso88598Labels},
    // The same characters; "-i" tells a renderer the text is in logical order.
    Encoding{"iso-8859-8-i", kIconv, "ISO-8859-8", true, true, kNone, kIso88598ILabels},
    Encoding{"iso-8859-10", kIconv, "ISO-8859-10", true, true, kNone, kIso885910Labels},
    Encoding{"iso-8859-13", kIconv, "ISO-8859-13", true, true, kNone, kIso885913Labels},
    Encoding{"iso-8859-14", kIconv, "ISO-8859-14", true, true, kNone, kIso885914Labels},
    Encoding{"iso-8859-15", kIconv, "ISO-8859-15", true, true, kNone, kIso885915Labels},
    Encoding{"iso-8859-16", kIconv, "ISO-8859-16", true, true, kNone, kIso885916Labels},
    Encoding{"koi8-r", kIconv, "KOI8-R", true, true, kNone, kKoi8RLabels},
    Encoding{"koi8-u", kIconv, "KOI8-U", true, true, kKoi8UDifferences, kKoi8ULabels},
    Encoding{"macintosh", kIconv, "MACINTOSH", true, true, kMacintoshDifferences, kMacintoshLabels},
    Encoding{"windows-874", kIconv, "WINDOWS-874", true, true, kWindows874Differences,
             kWindows874Labels},
    Encoding{"windows-1250", kIconv, "WINDOWS-1250", true, true, kWindows1250Differences,
             kWindows1250Labels},
    Encoding{"windows-1251", kIconv, "WINDOWS-1251", true, true, kWindows1251Differences,
             kWindows1251Labels},
    Encoding{"windows-1252", kIconv, "WINDOWS-1252", true, true, kWindows1252Differences,
             kWindows1252Labels},
    Encoding{"windows-1253", kIconv, "WINDOWS-1253", true, true, kWindows1253Differences,
             kWindows1253Labels},
    Encoding{"windows-1254", kIconv, "WINDOWS-1254", true, true, kWindows1254Differences,
             kWindows1254Labels},
    Encoding{"windows-1255", kIconv, "WINDOWS-1255", true, true, kWindows1255Differences,
             kWindows1255Labels},
    Encoding{"windows-1256", kIconv, "WINDOWS-1256", true, true, kNone, kWindows1256Labels},
    Encoding{"windows-1257", kIconv, "WINDOWS-1257", true, true, kWindows1257Differences,
             kWindows1257Labels},
    // glibc composes a letter and the tone mark after it into one character
    // (WHATWG leaves them apart): the same text, composed (NFC) as
    // Vietnamese is usually written.
    Encoding{"windows-1258", kIconv, "WINDOWS-1258", true, true, kWindows1258Differences,
             kWindows1258Labels},
    Encoding{"x-mac-cyrillic", kIconv, "MAC-CYRILLIC", true, true, kXMacCyrillicDifferences,
             kXMacCyrillicLabels},
    // Legacy multi-byte Chinese (simplified): GBK's decoder is gb18030's.
    Encoding{"gbk", kIconv, "GB18030", false, true, kGbkDifferences, kGbkLabels},
    Encoding{"gb18030", kIconv, "GB18030", false, true, kGbkDifferences, kGb18030Labels},
    // Legacy multi-byte Chinese (traditional): WHATWG's Big5 is Big5-HKSCS.
    Encoding{"big5", kIconv, "BIG5-HKSCS", false, true, kNone, kBig5Labels},
    // Legacy multi-byte Japanese: Microsoft's JIS X 0208 mapping (～ for 0xA1C1,
    // NEC and IBM extensions), as WHATWG's index has it; ISO-2022-JP-2 for the
    // half-width katakana escape (ESC ( I) plain ISO-2022-JP lacks.
    Encoding{"euc-jp", kIconv, "EUC-JP-MS", false, true, kNone, kEucJpLabels},
    Encoding{"iso-2022-jp", kIconv, "ISO-2022-JP-2", false, false, kNone, kIso2022JpLabels},
    Encoding{"shift_jis", kIconv, "WINDOWS-31J", false, true, kShiftJisDifferences,
             kShiftJisLabels},
    // Legacy multi-byte Korean: WHATWG's EUC-KR is Microsoft's Unified Hangul Code.
    Encoding{"euc-kr", kIconv, "CP949", false, true, kNone, kEucKrLabels},
    // Legacy miscellaneous
    Encoding{"replacement", Decoder::kReplacement, "", false, false, kNone, kReplacementLabels},
    Encoding{"utf-16be", kIconv, "UTF-16BE", false, false, kNone, kUtf16beLabels},
    Encoding{"utf-16le", kIconv, "UTF-16LE", false, false, kNone, kUtf16leLabels},
    Encoding{"x-user-defined", Decoder::kUserDefined, "", true, true, kNone, kXUserDefinedLabels},
};

bool is_ascii_whitespace(char c) {
  return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

bool equals_ascii_lower(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = char(c | 0x20);
    if (c != lower[i]) return false;
  }
  return true;
}

}  // namespace

std::span<const Encoding> encodings() { return kEncodings; }

const Encoding* encoding_for_label(std::string_view label) {
  while (!label.empty() && is_ascii_whitespace(label.front())) label.remove_prefix(1);
  while (!label.empty() && is_ascii_whitespace(label.back())) label.remove_suffix(1);
  for (const Encoding& e : kEncodings)
    for (std::string_view l : e.labels)
      if (equals_ascii_lower(label, l)) return &e;
  return nullptr;
}

}  // namespace winnow::html
