// An article as one JSON object on one line: what `winnow clean --format
// json` prints (README "Using it" lists the keys).
//
// Public (installed as <winnow/json.h>).
#ifndef WINNOW_JSON_H_
#define WINNOW_JSON_H_

#include <string>

#include "winnow/article.h"

namespace winnow {

// No trailing newline. Text that is not valid UTF-8 (which decoding never
// leaves) is replaced rather than thrown on.
std::string to_json(const Article& article);

}  // namespace winnow

#endif  // WINNOW_JSON_H_
