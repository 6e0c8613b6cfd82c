// Step 4 and 5 of the generic extractor: inside the chosen container, which
// blocks are the article's, and the last trims of its lines.
#include <re2/re2.h>

#include <unordered_map>

#include "extract/generic_internal.h"
#include "extract/text.h"

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
// advertise, read more; headings of the boxes around the article.
const RE2& chrome_line() {
  static const RE2 re(
      R"((?i)^(advertisement|advert|advertising|sponsored|ad|share|share this|share this (article|story)|)"
      R"(share on \w+|sharing is caring|\d+ ?shares?|tweet|email|print|comments?|\d+ comments?|)"
      R"(read more|see more|more|related|related (articles|stories|coverage|content|roundup.*)|)"
      R"(recommended|recommended for you|you may also like|you might also like|don'?t miss|)"
      R"(trending|trending (news|now|stories)|most (read|popular)|more (great )?\w* stories|)"
      R"(skip to .*|sign up.*|subscribe.*|follow us.*|caption|close|back to gallery|enlarge|)"
      R"(this slideshow requires javascript|anzeige|werbung|publicidade|publicidad|publicité|pubblicità|)"
      R"(replay|just watched|must watch|tell us what you think.*|filed under|topics|read later|reply|)"
      R"(leave a (comment|reply)|(previous|next) (post|article|story)|)"
      R"((reading time|read time|tempo de leitura|lesezeit|temps de lecture|tiempo de lectura)\W*\d+ \w+|)"
      R"(\d+ min(ute)?s? read|)"
      R"(chia sẻ|quảng cáo|xem thêm|đọc thêm|tin liên quan|bình luận|tin cùng chuyên mục)\W*$)");
  return re;
}

// A line made only of date and time words and numbers ("Updated 5:27 am
// CST, Wednesday, November 20, 2019"): the dateline, given apart from the
// text. Needs a number and a month name, a d/m/y date or a h:mm time.
bool is_date_line(std::string_view text) {
  static const RE2 word(R"(([a-z]+|\d+))");
  static const RE2 allowed(
      R"((published|posted|updated|last|modified|first|on|at|am|pm|a|m|p|gmt|utc|[ecmp][sd]t|bst|cet|cest|ist|)"
      R"(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|)"
      R"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|)"
      R"(september|october|november|december|st|nd|rd|th|\d+))");
  static const RE2 month(
      R"((jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|)"
      R"(september|october|november|december))");
  static const RE2 numeric(R"(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}:\d{2})");
  if (text.size() > 100) return false;
  re2::StringPiece in(text.data(), text.size());
  std::string w;
  bool number = false, anchor = RE2::PartialMatch(text, numeric);
  int words = 0;
  while (words < 40 && RE2::FindAndConsume(&in, word, &w)) {
    ++words;
    if (!RE2::FullMatch(w, allowed)) return false;
    if (w[0] >= '0' && w[0] <= '9') number = true;
    else if (RE2::FullMatch(w, month)) anchor = true;
  }
  // Letters outside [a-z] (another script, accents) are not date words.
  for (unsigned char c : text)
    if (c >= 0x80) return false;
  return number && anchor;
}

// Credits of the reporting, bylines and "contributed reporting" lines.
const RE2& credit_of_reporting() {
  static const RE2 re(
      R"((?i)^\(?\s*((by|written by|von|por|par|bởi)\s+\S.{0,60}|)"
      R"((additional )?(reporting|writing|editing|compiled|research|graphics|produced)( and \w+)? by .{0,240}|)"
      R"(.{0,120} contributed (reporting|to this (report|story|article)).{0,80})\)?\.?$)");
  return re;
}

// Cookie and anti-spam notices: "This website uses cookies to improve your
// experience.", "This site uses Akismet to reduce spam."
const RE2& notice_line() {
  static const RE2 re(
      R"((?i)\b((this|our) (web)?site uses (cookies|akismet)|we use cookies|uses? cookies to|)"
      R"(by (continuing|using) (to (use|browse) )?(this|our) (web)?site,? you (agree|accept|consent)))");
  return re;
}

// Post metadata on one line: "05/10/2018 - Posted by: Ann - Category: Health
// - Tags: ...", "Filed under: Politics".
const RE2& post_meta_line() {
  static const RE2 re(
      R"((?i)^[\d/.: -]*(posted|published|publicado|publicada|postado|escrito|written|veröffentlicht)\s+(by|por|von)\b)"
      R"(|(^|[-|•·]\s*)(tags|categor(y|ies|ia|ias)|filed under|kategorie|schlagworte)\s*:)");
  return re;
}

// Copyright and address lines of a site footer caught in the container.
bool is_copyright(std::string_view text) {
  return text.find("\u00A9") != std::string_view::npos || text.find("(c) 20") != std::string_view::npos ||
         text.find("copyright") != std::string_view::npos || text.find("all rights reserved") != std::string_view::npos;
}

bool is_list_or_table(GumboTag tag) {
  return tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL || tag == GUMBO_TAG_DL || tag == GUMBO_TAG_TABLE;
}

// Blocks that carry an article's running text, short or long.
bool is_text_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH:
      return true;
    default:
      return false;
  }
}

bool is_caption(GumboTag tag) { return tag == GUMBO_TAG_FIGCAPTION || tag == GUMBO_TAG_CAPTION; }

// Lower-cased ASCII, whitespace runs (no-break spaces too) as one space.
std::string normalized(std::string_view s) {
  std::string out = collapse_spaces(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
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
  // Quotes (embedded posts too) are the article's words, links and dates
  // included: they are exempt from the line tests below.
  std::vector<uint8_t> quoted(t.size(), 0);

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

  // Text that stands twice in the container is a gallery's or a slider's
  // (each caption once in the strip, once in the viewer): an article does
  // not repeat a paragraph, unless beside itself (a meal plan's same lunch
  // on each day): copies that all share one parent stay.
  struct Copies {
    int count = 0;
    NodeId parent = kNoNode;
    bool one_parent = true;
  };
  std::unordered_map<std::string, Copies> seen;
  std::unordered_map<NodeId, const Copies*> copies_of;  // each long block's entry in `seen`
  for (NodeId id = root; id < end; ++id) {
    const BlockText& own = x.own[id];
    if (own.chars < 100 || own.chars >= 1000 || x.chrome[id]) continue;
    Copies& c = seen[t.text_content(id, 4000)];
    if (c.count++ == 0) c.parent = t[id].parent;
    else if (c.parent != t[id].parent) c.one_parent = false;
    copies_of[id] = &c;
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
    quoted[id] = (id != root && quoted[p]) || tag == GUMBO_TAG_BLOCKQUOTE;
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
    if (own.chars == 0 || quoted[id]) continue;
    if (auto it = copies_of.find(id); it != copies_of.end() && it->second->count > 1 && !it->second->one_parent) {
      muted[id] = 1;
      continue;
    }
    // A line that is mostly a link: "Read more: <a>...</a>"; not a sentence
    // of the article's that runs into a link ("... was <a>re-opened</a>.").
    if (own.link_chars * 2 > own.chars && own.chars < 300 && own.chars - own.link_chars < 40) {
      muted[id] = 1;
      continue;
    }
    bool outside = first_prose == kNoNode || id < first_prose || id >= t[last_prose].end;
    bool prose = is_prose(own, favor);
    // After the last prose block, a list or a heading in the same parent as
    // that prose still belongs to the article ("Qualified teams:" and its list).
    bool continues = (id >= t[last_prose].end && t.contains(t[last_prose].parent, id) &&
                      t[last_prose].parent != root && is_text_block(tag)) ||
                     (id < first_prose && t.contains(t[first_prose].parent, id) &&
                      t[first_prose].parent != root && is_text_block(tag) && !is_heading(tag));
    if (favor == Favor::kPrecision) continues = false;
    if (outside && !prose && !continues && !(favor == Favor::kRecall && is_heading(tag) && id > first_prose)) {
      muted[id] = 1;
      continue;
    }
    if (own.chars < 300) {
      std::string text = normalized(t.text_content(id, 600));
      if ((!title.empty() && text == title) || RE2::FullMatch(text, chrome_line()) ||
          RE2::FullMatch(text, credit_line()) || is_date_line(text) ||
          (favor != Favor::kRecall && RE2::FullMatch(text, credit_of_reporting())) || is_copyright(text) ||
          RE2::PartialMatch(text, notice_line()) || (text.size() < 200 && RE2::PartialMatch(text, post_meta_line()))) {
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
