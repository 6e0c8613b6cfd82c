// Step 4 and 5 of the generic extractor: inside the chosen container, which
// blocks are the article's, and the last trims of its lines.
#include <re2/re2.h>

#include "extract/generic_internal.h"

namespace winnow::extract::generic {
namespace {

using html::kNoNode;
using html::NodeKind;
using html::Tree;

// Image credits and bylines standing alone on a line: "Photo: AP",
// "(Ảnh: TTXVN)", "Getty Images".
const RE2& credit_line() {
  static const RE2 re(
      R"((?i)^\(?\s*(photo|photos|image|images|picture|credit|credits|illustration|video|source|ảnh|nguồn ảnh|ảnh minh họa|clip)\s*(by|:|/|-)[^.]{0,80}\)?\s*$)"
      R"(|^(?i)(getty images|reuters|associated press|afp|ap photo)[^.]{0,60}$)");
  return re;
}

// Lines that are page furniture in any article: calls to share, subscribe,
// advertise, read more.
const RE2& chrome_line() {
  static const RE2 re(
      R"((?i)^(advertisement|advertising|sponsored|ad|share|share this|share this article|share on \w+|)"
      R"(tweet|email|print|comments?|read more|see more|more:?|related:?|related articles|)"
      R"(related stories|recommended|skip to .*|sign up.*|subscribe.*|follow us.*|)"
      R"(chia sẻ|quảng cáo|xem thêm|đọc thêm|tin liên quan|bình luận)\W*$)");
  return re;
}

bool is_list_or_table(GumboTag tag) {
  return tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL || tag == GUMBO_TAG_DL || tag == GUMBO_TAG_TABLE;
}

bool is_caption(GumboTag tag) { return tag == GUMBO_TAG_FIGCAPTION || tag == GUMBO_TAG_CAPTION; }

std::string normalized(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += char(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::vector<uint8_t> select_blocks(const Extraction& x, NodeId root, Article* art) {
  const Tree& t = x.t;
  const Favor favor = x.options.favor;
  const NodeId end = t[root].end;
  // A dropped element loses its whole subtree; a muted block only its own
  // text (a <div> whose own words are a "Share" link still holds the <p>s).
  std::vector<uint8_t> dropped(t.size(), 0), muted(t.size(), 0);

  // Document order of the prose blocks: the article runs from the first to
  // the last; outside that span only prose is kept.
  NodeId first_prose = kNoNode, last_prose = kNoNode;
  for (NodeId id = root; id < end; ++id) {
    if (x.chrome[id] || !t.is_element(id) || is_heading(t[id].tag)) continue;
    if (is_prose(x.own[id], favor)) {
      if (first_prose == kNoNode) first_prose = id;
      last_prose = id;
    }
  }

  const std::string title = art->title ? normalized(*art->title) : std::string();
  for (NodeId id = root; id < end; ++id) {
    if (!t.is_element(id)) continue;
    NodeId p = t[id].parent;
    if (id != root && dropped[p]) {
      dropped[id] = 1;
      continue;
    }
    if (x.chrome[id] || !x.facts.visible[id]) {
      dropped[id] = 1;
      continue;
    }
    GumboTag tag = t[id].tag;
    // Link-dominated lists and tables: menus, related stories, tag clouds.
    if (is_list_or_table(tag) && x.all[id] > 0 && x.links[id] * 2 > x.all[id]) {
      dropped[id] = 1;
      continue;
    }
    if (tag == GUMBO_TAG_H1) {  // the title, given apart from the text
      dropped[id] = 1;
      continue;
    }
    if (is_caption(tag) && favor != Favor::kRecall) {
      std::string caption = t.text_content(id, 2000);
      if (!caption.empty()) art->captions.push_back(caption);
      dropped[id] = 1;
      continue;
    }
    const BlockText& own = x.own[id];
    if (own.chars == 0) continue;
    // A line that is mostly a link: "Read more: <a>...</a>".
    if (own.link_chars * 2 > own.chars && own.chars < 300) {
      muted[id] = 1;
      continue;
    }
    bool outside = first_prose == kNoNode || id < first_prose || id > t[last_prose].end;
    bool prose = is_prose(own, favor);
    if (outside && !prose && !(favor == Favor::kRecall && is_heading(tag) && id > first_prose)) {
      muted[id] = 1;
      continue;
    }
    if (own.chars < 200) {
      std::string text = normalized(t.text_content(id, 400));
      if ((!title.empty() && text == title) || RE2::FullMatch(text, chrome_line()) ||
          RE2::FullMatch(text, credit_line())) {
        muted[id] = 1;
        continue;
      }
    }
  }

  std::vector<uint8_t> kept(t.size(), 0);
  for (NodeId id = root; id < end; ++id) {
    if (t[id].kind != NodeKind::kText && t[id].kind != NodeKind::kWhitespace) continue;
    NodeId block = x.facts.block[id];
    NodeId owner = block >= root && block < end ? block : root;
    kept[id] = x.facts.visible[id] && !x.chrome[id] && !dropped[owner] && !muted[owner];
  }
  return kept;
}

void trim_lines(Article* art) {
  auto& lines = art->lines;
  const std::string title = art->title ? normalized(*art->title) : std::string();
  std::vector<std::string> out;
  out.reserve(lines.size());
  for (std::string& line : lines) {
    std::string n = normalized(line);
    if (n.empty() || (!title.empty() && n == title)) continue;
    out.push_back(std::move(line));
  }
  lines = std::move(out);
  art->paragraphs = lines;
}

}  // namespace winnow::extract::generic
