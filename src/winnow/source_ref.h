// Where a rule was written: a rule file and a place in it. Carried by rule
// errors and by `explain`'s records of what each rule kept or removed.
//
// Public (installed as <winnow/source_ref.h>) and plain data: every layer
// may include it.
#ifndef WINNOW_SOURCE_REF_H_
#define WINNOW_SOURCE_REF_H_

#include <string>

namespace winnow {

struct SourceRef {
  std::string file;   // path as loaded, e.g. "rules/mastercms.toml"
  unsigned line = 0;  // 1-based; 0: the file as a whole
  unsigned column = 0;
  std::string to_string() const;  // "rules/mastercms.toml:12"
};

}  // namespace winnow

#endif  // WINNOW_SOURCE_REF_H_
