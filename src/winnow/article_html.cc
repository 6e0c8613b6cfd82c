// to_html(): the article's blocks (markup_internal.h) as one <article>
// element. Text and attribute values are escaped; nothing of the page's
// own markup passes through, so the fragment is safe to embed.
#include <algorithm>

#include "winnow/markup.h"
#include "winnow/markup_internal.h"

namespace winnow {
namespace {

using markup::Block;
using markup::Part;

void escape(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '&': *out += "&amp;"; break;
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '"': *out += "&quot;"; break;
      default: out->push_back(c);
    }
  }
}

std::string image_html(const TextImage& img) {
  std::string out = "<img src=\"";
  escape(img.src, &out);
  out += "\" alt=\"";
  escape(img.alt, &out);
  out += "\">";
  return out;
}

// One line's text with its links and inline images in place; tabs (cell
// boundaries outside a grid) as spaces.
std::string inline_html(const std::string& text, const LineShape& shape) {
  std::string out;
  markup::walk_inline(
      text, shape,
      [&](size_t from, size_t to) {
        for (size_t k = from; k < to; ++k) {
          if (text[k] == '\t') out.push_back(' ');
          else escape(std::string_view(&text[k], 1), &out);
        }
      },
      [&](const TextImage& img) { out += image_html(img); },
      [&](const TextLink& l) {
        out += "<a href=\"";
        escape(l.href, &out);
        out += "\">";
      },
      [&] { out += "</a>"; });
  return out;
}

struct Writer {
  const Article& a;
  std::string out;
  uint8_t quote = 0;  // blockquotes open

  std::string line(size_t i) { return inline_html(a.lines[i], a.shape(i)); }

  // The block's lines joined by <br>.
  std::string joined(const Block& b, const char* sep = "<br>\n") {
    std::string s;
    for (size_t k = 0; k < b.lines.size(); ++k) s += (k ? sep : "") + line(b.lines[k]);
    return s;
  }

  void element(const char* tag, const std::string& inner, const char* cls = nullptr) {
    out += std::string("<") + tag + (cls ? std::string(" class=\"") + cls + "\"" : "") + ">" + inner + "</" + tag + ">\n";
  }

  // Lists opened and closed as the depth changes: after each item, every
  // open list has one open <li> (a level the page skipped gets one too).
  void list(const Block& b) {
    std::vector<bool> open;  // the open lists, ordered or not
    auto close = [&] {
      out += open.back() ? "</li>\n</ol>\n" : "</li>\n</ul>\n";
      open.pop_back();
    };
    ElementId item = kNoElement;
    for (size_t i : b.lines) {
      const LineShape& s = a.shape(i);
      const size_t depth = std::clamp<size_t>(s.list_depth, 1, 64);
      if (s.item == item && !open.empty()) {  // the item's next line
        out += "<br>\n" + line(i);
        continue;
      }
      item = s.item;
      while (open.size() > depth) close();
      if (open.size() == depth) {
        if (open.back() == s.ordered) out += "</li>\n";
        else close();
      }
      while (open.size() < depth) {
        const bool ordered = s.ordered && open.size() + 1 == depth;
        out += ordered ? "<ol>\n" : "<ul>\n";
        open.push_back(ordered);
        if (open.size() < depth) out += "<li>";
      }
      out += s.ordered && s.number != 0 ? "<li value=\"" + std::to_string(s.number) + "\">" : "<li>";
      out += line(i);
    }
    while (!open.empty()) close();
  }

  void table(const Block& b) {
    out += "<table>\n";
    for (size_t i : b.lines) {
      const bool header = a.shape(i).header;
      out += "<tr>";
      // The row's cells, links and images kept in them.
      for (const markup::Cell& cell : markup::cells_of(a.lines[i], a.shape(i))) {
        out += header ? "<th>" : "<td>";
        out += inline_html(cell.text, cell.shape);
        out += header ? "</th>" : "</td>";
      }
      out += "</tr>\n";
    }
    out += "</table>\n";
  }

  void set_quote(uint8_t depth) {
    while (quote < depth) {
      out += "<blockquote>\n";
      ++quote;
    }
    while (quote > depth) {
      out += "</blockquote>\n";
      --quote;
    }
  }

  void block(const Block& b) {
    set_quote(b.quote);
    const LineShape& first = a.shape(b.lines.front());
    std::vector<const TextImage*> alone;
    for (const TextImage& img : first.images)
      if (img.alone) alone.push_back(&img);
    // Images above a caption make one figure with it.
    if (!alone.empty()) {
      out += "<figure>";
      for (const TextImage* img : alone) out += image_html(*img);
      if (b.part == Part::kCaption) {
        out += "<figcaption>" + joined(b) + "</figcaption></figure>\n";
        return;
      }
      out += "</figure>\n";
    }
    switch (b.part) {
      case Part::kTitle: element("h1", joined(b, " ")); break;
      case Part::kHeading: element(("h" + std::to_string(b.level)).c_str(), joined(b, " ")); break;
      case Part::kDateline: element("p", joined(b), "dateline"); break;
      case Part::kLead: element("p", joined(b), "lead"); break;
      case Part::kByline: element("p", joined(b), "byline"); break;
      case Part::kCaption: element("p", joined(b), "caption"); break;
      case Part::kList: list(b); break;
      case Part::kTable: table(b); break;
      case Part::kCode: {
        std::string code;
        for (size_t k = 0; k < b.lines.size(); ++k) {
          if (k) code += '\n';
          escape(a.lines[b.lines[k]], &code);
        }
        out += "<pre><code>" + code + "</code></pre>\n";
        break;
      }
      default: element("p", joined(b)); break;
    }
  }
};

}  // namespace

std::string to_html(const Article& article) {
  Writer w{article, "<article>\n"};
  for (const Block& b : markup::blocks_of(article)) w.block(b);
  w.set_quote(0);
  w.out += "</article>\n";
  return w.out;
}

}  // namespace winnow
