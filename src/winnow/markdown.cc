// to_markdown(): CommonMark from the article's blocks (markup_internal.h),
// with GFM pipe tables. The rule that keeps it honest: every character of
// the text is either written as itself or backslash-escaped where Markdown
// would read it as markup, so a CommonMark parser gives the text back
// (tests/markdown_test.py checks it with cmark-gfm on every fixture).
#include <algorithm>
#include <cctype>

#include "winnow/markup.h"
#include "winnow/markup_internal.h"

namespace winnow {
namespace {

using markup::Block;
using markup::Part;

// Punctuation inline parsing may read as markup wherever it stands:
// emphasis, code spans, links, raw HTML and autolinks, strikethrough.
bool inline_markup(char c) {
  return c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' || c == '~';
}

void escape(std::string_view s, bool in_cell, std::string* out) {
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\t') {  // a cell boundary outside a grid: a space
      out->push_back(' ');
      continue;
    }
    const bool entity = c == '&' && i + 1 < s.size() && (std::isalnum(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '#');
    if (inline_markup(c) || entity || (in_cell && c == '|')) out->push_back('\\');
    out->push_back(c);
  }
}

// Link destinations: spaces and angle brackets percent-encoded, parentheses
// escaped, so any URL stays one destination.
std::string destination(std::string_view url) {
  std::string out;
  for (char c : url) {
    if (c == ' ') out += "%20";
    else if (c == '<') out += "%3C";
    else if (c == '>') out += "%3E";
    else if (static_cast<unsigned char>(c) < 0x20) continue;
    else {
      if (c == '(' || c == ')' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
  }
  return out;
}

std::string image_md(const TextImage& img) {
  std::string out = "![";
  escape(img.alt, false, &out);
  out += "](" + destination(img.src) + ")";
  return out;
}

// One line's text with its links and inline images in place.
std::string inline_md(const std::string& text, const LineShape& shape, bool in_cell) {
  std::string out;
  const std::string* href = nullptr;
  markup::walk_inline(
      text, shape, [&](size_t from, size_t to) { escape(std::string_view(text).substr(from, to - from), in_cell, &out); },
      [&](const TextImage& img) { out += image_md(img); },
      [&](const TextLink& l) {
        out += '[';
        href = &l.href;
      },
      [&] { out += "](" + destination(*href) + ")"; });
  return out;
}

// Escapes what would open a block at the start of a line: ATX headings,
// blockquotes, list markers (also "1." and "1)"), thematic breaks and
// setext underlines, indentation.
std::string block_start_escaped(std::string s) {
  size_t lead = 0;
  while (lead < s.size() && (s[lead] == ' ' || s[lead] == '\t')) ++lead;
  s.erase(0, lead);
  if (s.empty()) return s;
  const char c = s[0];
  if (c == '#' || c == '>' || c == '+' || c == '-' || c == '=' || c == '|') return "\\" + s;
  size_t d = 0;
  while (d < s.size() && d < 10 && std::isdigit(static_cast<unsigned char>(s[d]))) ++d;
  if (d > 0 && d < s.size() && (s[d] == '.' || s[d] == ')')) s.insert(d, "\\");
  return s;
}

// Where the text starts (from_front) or ends after leading or trailing
// whitespace as CommonMark counts it (Unicode Zs, tab): a byte offset.
size_t edge_space(const std::string& s, bool from_front) {
  static const char* const kSpaces[] = {" ", "\t", "\u00A0", "\u1680", "\u2000", "\u2001", "\u2002",
                                        "\u2003", "\u2004", "\u2005", "\u2006", "\u2007", "\u2008",
                                        "\u2009", "\u200A", "\u202F", "\u205F", "\u3000"};
  size_t begin = 0, end = s.size();
  for (bool found = true; found && begin < end;) {
    found = false;
    for (const char* sp : kSpaces) {
      const std::string_view w(sp);
      if (from_front && s.compare(begin, w.size(), w) == 0) {
        begin += w.size();
        found = true;
      } else if (!from_front && end >= w.size() && s.compare(end - w.size(), w.size(), w) == 0) {
        end -= w.size();
        found = true;
      }
    }
  }
  return from_front ? begin : end;
}

// A heading's text: a closing run of '#' would be read as the heading's
// closing sequence, so it is escaped.
std::string heading_text(std::string text) {
  size_t hashes = text.size();
  while (hashes > 0 && text[hashes - 1] == '#') --hashes;
  if (hashes < text.size()) text.insert(hashes, "\\");
  return text;
}

struct Writer {
  const Article& a;
  std::string out;

  // Appends a block's lines, each behind the blockquote prefix.
  void put(const std::vector<std::string>& lines, uint8_t quote) {
    if (!out.empty()) out += quote ? std::string(quote, '>') + "\n" : "\n";
    const std::string prefix = quote ? std::string(quote, '>') + " " : "";
    for (const std::string& line : lines) out += prefix + line + "\n";
  }

  std::string line_md(size_t i, bool in_cell = false) {
    return inline_md(a.lines[i], a.shape(i), in_cell);
  }

  // Lines of one paragraph joined by hard breaks.
  std::vector<std::string> paragraph(const Block& b, const char* wrap = "") {
    std::vector<std::string> lines;
    for (size_t k = 0; k < b.lines.size(); ++k) {
      std::string text = block_start_escaped(line_md(b.lines[k]));
      if (text.empty()) continue;
      lines.push_back(text);
    }
    if (lines.empty()) return lines;
    if (*wrap) {
      // Emphasis opens before the first non-space and closes after the
      // last: next to (Unicode) whitespace a '*' opens or closes nothing.
      const size_t first = edge_space(lines.front(), true), last = edge_space(lines.back(), false);
      if (first < lines.front().size() && last > 0) {
        lines.front().insert(first, wrap);
        lines.back().insert(lines.size() == 1 ? last + std::string_view(wrap).size() : last, wrap);
      }
    }
    for (size_t k = 0; k + 1 < lines.size(); ++k) lines[k] += "\\";
    return lines;
  }

  // Items behind their markers, nested ones indented to their parent's
  // content column; an item's further lines joined by hard breaks. Lists
  // side by side alternate their bullets, so they stay two lists.
  std::vector<std::string> list(const Block& b) {
    std::vector<std::string> lines;
    std::vector<size_t> indent = {0};          // indent[d]: content column of depth d's item
    std::vector<ElementId> container = {kNoElement};  // the list each depth is in
    std::vector<char> bullet = {'-'};
    ElementId item = kNoElement;
    for (size_t line : b.lines) {
      const LineShape& s = a.shape(line);
      const size_t depth = std::clamp<size_t>(s.list_depth, 1, 64);
      std::string text = block_start_escaped(line_md(line));
      if (s.item == item && !lines.empty()) {  // the item's next line
        lines.back() += "\\";
        lines.push_back(std::string(indent.back(), ' ') + text);
        continue;
      }
      item = s.item;
      while (indent.size() < depth) indent.push_back(indent.back());
      indent.resize(depth);
      container.resize(depth + 1, kNoElement);
      bullet.resize(depth + 1, '-');
      if (container[depth] != s.container) {
        if (container[depth] != kNoElement) bullet[depth] = bullet[depth] == '-' ? '*' : '-';
        container[depth] = s.container;
      }
      std::string marker = (s.ordered ? std::to_string(s.number) + "." : std::string(1, bullet[depth])) + " ";
      lines.push_back(std::string(indent[depth - 1], ' ') + marker + text);
      indent.push_back(indent[depth - 1] + marker.size());
    }
    return lines;
  }

  std::vector<std::string> table(const Block& b) {
    std::vector<std::vector<std::string>> rows;
    size_t columns = 0;
    for (size_t line : b.lines) {
      // A row's links and images stay in their cells.
      std::vector<std::string> written;
      for (const markup::Cell& cell : markup::cells_of(a.lines[line], a.shape(line))) {
        std::string md = inline_md(cell.text, cell.shape, true);
        while (!md.empty() && md.back() == ' ') md.pop_back();
        written.push_back(md);
      }
      columns = std::max(columns, written.size());
      rows.push_back(std::move(written));
    }
    std::vector<std::string> lines;
    for (size_t r = 0; r < rows.size(); ++r) {
      rows[r].resize(columns);
      std::string line = "|";
      for (const std::string& cell : rows[r]) line += " " + cell + " |";
      lines.push_back(line);
      if (r == 0) {
        std::string rule = "|";
        for (size_t c = 0; c < columns; ++c) rule += " --- |";
        lines.push_back(rule);
      }
    }
    return lines;
  }

  std::vector<std::string> code(const Block& b) {
    size_t longest = 0;  // the fence outruns every backtick run inside
    for (size_t line : b.lines) {
      size_t run = 0;
      for (char c : a.lines[line]) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
      }
    }
    const std::string fence(std::max<size_t>(3, longest + 1), '`');
    std::vector<std::string> lines = {fence};
    for (size_t line : b.lines) lines.push_back(a.lines[line]);
    lines.push_back(fence);
    return lines;
  }

  void block(const Block& b) {
    for (const TextImage& img : a.shape(b.lines.front()).images)
      if (img.alone) put({image_md(img)}, b.quote);
    switch (b.part) {
      case Part::kTitle: {
        std::string title;
        for (size_t line : b.lines) title += (title.empty() ? "" : " ") + line_md(line);
        put({"# " + heading_text(title)}, b.quote);
        break;
      }
      case Part::kHeading: {
        std::string text;
        for (size_t line : b.lines) text += (text.empty() ? "" : " ") + line_md(line);
        put({std::string(b.level, '#') + " " + heading_text(text)}, b.quote);
        break;
      }
      case Part::kCaption: put(paragraph(b, "*"), b.quote); break;
      case Part::kList: put(list(b), b.quote); break;
      case Part::kTable: put(table(b), b.quote); break;
      case Part::kCode: put(code(b), b.quote); break;
      default: put(paragraph(b), b.quote); break;
    }
  }
};

}  // namespace

std::string to_markdown(const Article& article) {
  Writer w{article, {}};
  for (const Block& b : markup::blocks_of(article)) w.block(b);
  return w.out;
}

}  // namespace winnow
