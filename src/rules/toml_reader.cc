#include "rules/toml_reader.h"

#include <re2/re2.h>

#include "io/read.h"

namespace winnow::rules {
namespace {

// A rule file is a few KB of TOML; anything past this is the wrong file.
constexpr size_t kMaxRuleFileBytes = size_t{1} << 20;

SourceRef ref_of(const std::string& file, const toml::source_region& src) {
  return SourceRef{file, static_cast<unsigned>(src.begin.line), static_cast<unsigned>(src.begin.column)};
}

}  // namespace

bool TomlReader::parse(toml::table* root) {
  // A regular file, read without blocking and never past the cap: a FIFO
  // or /dev/zero in the rules directory is an error, not a hang.
  const io::ReadResult r = io::read_file(path_, kMaxRuleFileBytes, io::FileKinds::kRegularOnly, &source_);
  if (r.status == io::ReadStatus::kTooLarge) return fail({}, r.why + ", the most a rule file may have");
  if (!r.ok()) return fail({}, r.why);
  try {
    *root = toml::parse(source_, path_);
  } catch (const toml::parse_error& e) {
    return fail(e.source(), std::string(e.description()));
  } catch (const std::exception& e) {
    return fail({}, e.what());
  }
  return true;
}

SourceRef TomlReader::ref(const toml::node& node) const { return ref_of(path_, node.source()); }

bool TomlReader::fail(const toml::source_region& where, std::string message) {
  error_->where = ref_of(path_, where);
  error_->message = std::move(message);
  return false;
}

bool TomlReader::fail_in_string(const toml::node& node, size_t offset, std::string message) {
  fail(node.source(), std::move(message));
  error_->where.column = column_of(node, offset);
  return false;
}

bool TomlReader::string_value(const toml::node& node, std::string_view what, std::string* out) {
  auto v = node.value<std::string>();
  if (!v) return fail(node.source(), std::string(what) + " must be a string");
  *out = *v;
  return true;
}

bool TomlReader::string_list(const toml::node& node, std::string_view what, std::vector<std::string>* out,
                             std::vector<const toml::node*>* nodes) {
  if (auto s = node.value<std::string>()) {
    out->push_back(*s);
    if (nodes) nodes->push_back(&node);
    return true;
  }
  const toml::array* arr = node.as_array();
  if (!arr) return fail(node.source(), std::string(what) + " must be a string or an array of strings");
  for (const toml::node& item : *arr) {
    auto s = item.value<std::string>();
    if (!s) return fail(item.source(), std::string(what) + ": every entry must be a string");
    out->push_back(*s);
    if (nodes) nodes->push_back(&item);
  }
  return true;
}

// The source column of byte `offset` of a string value's parsed text:
// walks the literal in the file from its opening quote, through escapes
// and multi-byte characters (toml++ counts columns in characters).
unsigned TomlReader::column_of(const toml::node& node, size_t offset) const {
  const toml::source_position at = node.source().begin;
  size_t line_start = 0;
  for (unsigned l = 1; l < at.line && line_start != std::string::npos; ++l) {
    line_start = source_.find('\n', line_start);
    if (line_start != std::string::npos) ++line_start;
  }
  if (line_start == std::string::npos) return at.column;
  auto char_len = [](unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; };
  size_t i = line_start;
  for (unsigned col = 1; col < at.column && i < source_.size() && source_[i] != '\n'; ++col)
    i += char_len(static_cast<unsigned char>(source_[i]));
  if (i >= source_.size() || (source_[i] != '"' && source_[i] != '\'')) return at.column;
  const char quote = source_[i];
  if (source_.compare(i, 3, std::string(3, quote)) == 0) return at.column + 1;  // multi-line: approximate
  unsigned col = at.column + 1;
  size_t parsed = 0;
  ++i;
  while (parsed < offset && i < source_.size() && source_[i] != quote && source_[i] != '\n') {
    size_t raw = char_len(static_cast<unsigned char>(source_[i])), bytes = raw;
    if (quote == '"' && source_[i] == '\\' && i + 1 < source_.size()) {
      char e = source_[i + 1];
      raw = e == 'u' ? 6 : e == 'U' ? 10 : 2;
      bytes = (e == 'u' || e == 'U') ? 3 : 1;  // close enough for \u escapes in selectors
    }
    parsed += bytes;
    i += raw;
    col += (quote == '"' && raw > 1 && bytes == 1) ? static_cast<unsigned>(raw) : 1;
    if (quote == '"' && (raw == 6 || raw == 10)) col += static_cast<unsigned>(raw) - 1;
  }
  return col;
}

bool TomlReader::pattern(const toml::node& node, const std::string& text, PatternRule* out) {
  RE2::Options opts;
  opts.set_log_errors(false);
  auto re = std::make_shared<RE2>(text, opts);
  if (!re->ok()) {
    size_t at = re->error_arg().empty() ? std::string::npos : text.find(re->error_arg());
    std::string message = "bad pattern '" + text + "': " + re->error();
    if (at == std::string::npos) return fail(node.source(), std::move(message));
    return fail_in_string(node, at, std::move(message));
  }
  out->regex = std::move(re);
  out->text = text;
  out->where = ref(node);
  return true;
}

}  // namespace winnow::rules
