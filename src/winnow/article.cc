#include "winnow/article.h"

#include <algorithm>

namespace winnow {

const char* line_role_name(LineRole role) {
  switch (role) {
    case LineRole::kBlank: return "blank";
    case LineRole::kDateline: return "dateline";
    case LineRole::kTitle: return "title";
    case LineRole::kLead: return "lead";
    case LineRole::kBody: return "body";
    case LineRole::kCaption: return "caption";
    case LineRole::kByline: return "byline";
  }
  return "?";
}

std::string Article::text() const {
  std::string out;
  for (const std::string& line : lines) {
    out += line;
    out += '\n';
  }
  return out;
}

std::string Article::text_of(std::initializer_list<LineRole> roles) const {
  std::string out;
  bool pending_blank = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    // An article filled without roles (a caller's own) reads as body.
    LineRole role = i < line_roles.size() ? line_roles[i] : (lines[i].empty() ? LineRole::kBlank : LineRole::kBody);
    if (role == LineRole::kBlank || lines[i].empty()) {
      pending_blank = !out.empty();
      continue;
    }
    if (std::find(roles.begin(), roles.end(), role) == roles.end()) continue;
    if (pending_blank) out += '\n';
    pending_blank = false;
    out += lines[i];
    out += '\n';
  }
  return out;
}

void Article::add_line(std::string line, LineRole role, LineShape shape) {
  lines.push_back(std::move(line));
  line_roles.push_back(role);
  line_shapes.resize(lines.size() - 1);  // a caller's own lines before these
  line_shapes.push_back(std::move(shape));
}

void Article::insert_line(size_t at, std::string line, LineRole role, LineShape shape) {
  line_roles.resize(lines.size(), LineRole::kBody);
  line_shapes.resize(lines.size());
  const auto k = static_cast<std::ptrdiff_t>(at);
  lines.insert(lines.begin() + k, std::move(line));
  line_roles.insert(line_roles.begin() + k, role);
  line_shapes.insert(line_shapes.begin() + k, std::move(shape));
}

bool language_in(const std::optional<std::string>& language, const std::vector<std::string>& wanted) {
  if (wanted.empty()) return true;
  if (!language) return false;
  const std::string have = primary_language(*language);
  return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& w) { return primary_language(w) == have; });
}

std::string primary_language(std::string_view tag) {
  std::string out;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c);
  }
  return out;
}

const LineShape& Article::shape(size_t i) const {
  static const LineShape kPlain;
  return i < line_shapes.size() ? line_shapes[i] : kPlain;
}

}  // namespace winnow
