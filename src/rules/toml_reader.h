// Reading one rule file's TOML: the file itself (a regular file, capped),
// its values, and errors that say file:line:col, pointing inside a string
// at the character a selector or pattern parser named. Shared by the rule
// file reader (rule_file.cc) and the generic extractor's tables
// (generic_table.cc); internal to rules/.
#ifndef WINNOW_RULES_TOML_READER_H_
#define WINNOW_RULES_TOML_READER_H_

#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

#include "rules/rule_set.h"

namespace winnow::rules {

class TomlReader {
 public:
  TomlReader(std::string path, RuleError* error) : path_(std::move(path)), error_(error) {}

  const std::string& path() const { return path_; }

  // Reads and parses the file; false (with the error) if it cannot.
  bool parse(toml::table* root);

  SourceRef ref(const toml::node& node) const;

  // Always false: sets the error at `where`.
  bool fail(const toml::source_region& where, std::string message);
  // Always false: sets the error at byte `offset` of the string `node`.
  bool fail_in_string(const toml::node& node, size_t offset, std::string message);

  bool string_value(const toml::node& node, std::string_view what, std::string* out);
  // A string or an array of strings (and, if asked, the node of each).
  bool string_list(const toml::node& node, std::string_view what, std::vector<std::string>* out,
                   std::vector<const toml::node*>* nodes = nullptr);
  // An RE2 pattern, compiled; a bad one points at the part RE2 named.
  bool pattern(const toml::node& node, const std::string& text, PatternRule* out);

 private:
  unsigned column_of(const toml::node& node, size_t offset) const;

  std::string path_;
  std::string source_;  // the file's text, for columns inside strings
  RuleError* error_;
};

}  // namespace winnow::rules

#endif  // WINNOW_RULES_TOML_READER_H_
