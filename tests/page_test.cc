// Parsing (src/html/page.h): the depth guard `limit_nesting`, deep pages
// through parse_page and the renderer, and the flat pre-order tree
// (src/html/tree.h).
#include <doctest/doctest.h>

#include <chrono>
#include <csetjmp>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "html/charset.h"
#include "html/page.h"
#include "html/render.h"

namespace winnow::html {
namespace {

std::string repeat(std::string_view s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out.append(s);
  return out;
}

// Deepest ancestor chain in the tree (the document is depth 0).
int max_depth(const Tree& tree) {
  int best = 0;
  for (NodeId i = 0; i < tree.size(); ++i) {
    int d = 0;
    for (NodeId p = tree[i].parent; p != kNoNode; p = tree[p].parent) ++d;
    best = std::max(best, d);
  }
  return best;
}

NodeId element_with_id(const Tree& tree, std::string_view id) {
  for (NodeId i = 0; i < tree.size(); ++i)
    if (tree.is_element(i) && tree.attr(i, "id") == id) return i;
  return kNoNode;
}

// A string literal with embedded NUL bytes, whole.
template <size_t N>
std::string bytes_of(const char (&s)[N]) {
  return std::string(s, N - 1);
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Parses and renders `n` nested `open` tags around "deep text".
void check_deep(std::string_view open, std::string_view close, int n) {
  std::string html = repeat(open, n) + "deep text" + repeat(close, n);
  auto t0 = std::chrono::steady_clock::now();
  Page page = parse_page(std::move(html));
  std::string text = render_text(page.tree);
  double elapsed = seconds_since(t0);
  CHECK(text == "deep text");
  CHECK(page.depth_limited);
  // The guard caps nesting at max_depth (512) plus html, body and the text.
  CHECK(max_depth(page.tree) <= 512 + 3);
  CHECK(elapsed < 2.0);
}

}  // namespace

// ---------------------------------------------------------------------------
// Deep pages through parse_page

TEST_CASE("parse_page: 100,000 nested <div> parse and render quickly") {
  check_deep("<div>", "</div>", 100000);
}

TEST_CASE("parse_page: 100,000 nested <span> parse and render quickly") {
  check_deep("<span>", "</span>", 100000);
}

TEST_CASE("parse_page: 100,000 nested <b> parse and render quickly") {
  check_deep("<b>", "</b>", 100000);
}

TEST_CASE("parse_page: 100,000 unclosed nested elements") {
  std::string html = repeat("<div><span>", 50000) + "tail";
  auto t0 = std::chrono::steady_clock::now();
  Page page = parse_page(std::move(html));
  CHECK(render_text(page.tree) == "tail");
  CHECK(page.depth_limited);
  CHECK(max_depth(page.tree) <= 512 + 3);
  CHECK(seconds_since(t0) < 2.0);
}

TEST_CASE("parse_page: deep nesting keeps all text, in order") {
  std::string html;
  for (int i = 0; i < 1000; ++i) html += "<div>w" + std::to_string(i) + " ";
  html += repeat("</div>", 1000);
  Page page = parse_page(html);
  CHECK(page.depth_limited);
  // Divs up to depth 512 still make lines; deeper ones are flattened into
  // the 512th, whose text runs on.
  std::string expected;
  for (int i = 0; i < 511; ++i) expected += "w" + std::to_string(i) + "\n";
  for (int i = 511; i < 1000; ++i) expected += "w" + std::to_string(i) + (i < 999 ? " " : "");
  CHECK(render_text(page.tree) == expected);
}

TEST_CASE("parse_page: max_depth option") {
  std::string html = "<div>a <div>b <div>c <div>d </div></div></div></div>";
  Page limited = parse_page(html, ParseOptions{.max_depth = 2});
  CHECK(limited.depth_limited);
  CHECK(limited.source == "<div>a <div>b c d </div></div>");
  CHECK(render_text(limited.tree) == "a\nb c d");
  Page full = parse_page(html);
  CHECK_FALSE(full.depth_limited);
  CHECK(full.source == html);
  CHECK(render_text(full.tree) == "a\nb\nc\nd");
}

TEST_CASE("parse_page: depth_limited is false for ordinary pages") {
  Page page = parse_page(
      "<!DOCTYPE html><html><head><title>t</title></head><body>"
      "<div><ul><li>a<li>b</ul><p>x<p>y</div></body></html>");
  CHECK_FALSE(page.depth_limited);
  CHECK(render_text(page.tree) == "a\nb\n\nx\n\ny");
}

// ---------------------------------------------------------------------------
// limit_nesting on its own

// Gumbo cannot report a failed allocation and must not be unwound through:
// the arena jumps back to the parse's guard instead (html/arena.h).
TEST_CASE("Arena: a failed allocation for Gumbo jumps to the guard, never returns null") {
  Arena arena;
  CHECK(Arena::gumbo_allocate(&arena, 100) != nullptr);
  std::jmp_buf guard;
  arena.set_failure_jump(&guard);
  volatile bool jumped = false;
  if (setjmp(guard) == 0) {
    Arena::gumbo_allocate(&arena, size_t{1} << 62);  // more than any machine has
  } else {
    jumped = true;
  }
  arena.set_failure_jump(nullptr);
  CHECK(jumped);
  // The arena still serves: the page that failed is dropped, not the process.
  CHECK(Arena::gumbo_allocate(&arena, 100) != nullptr);
}

TEST_CASE("limit_nesting: exact rewrite") {
  std::string out = "sentinel";
  CHECK(limit_nesting("<div><div><div>x</div></div></div>", 2, &out));
  CHECK(out == "<div><div>x</div></div>");

  CHECK(limit_nesting("<div>a<div>b<div>c</div>d</div>e</div>", 2, &out));
  CHECK(out == "<div>a<div>bcd</div>e</div>");

  // The '>' inside a quoted value does not end the tag being removed.
  CHECK(limit_nesting("<div>a<div title=\"x>y\">b</div></div>", 1, &out));
  CHECK(out == "<div>ab</div>");
  CHECK(limit_nesting("<div>a<div title='x>y' class=c>b</div></div>", 1, &out));
  CHECK(out == "<div>ab</div>");
}

TEST_CASE("limit_nesting: the limit is inclusive") {
  std::string out = "sentinel";
  std::string at = repeat("<div>", 512) + "x" + repeat("</div>", 512);
  CHECK_FALSE(limit_nesting(at, 512, &out));
  CHECK(out == "sentinel");  // untouched when nothing is cut
  std::string over = repeat("<div>", 513) + "x" + repeat("</div>", 513);
  CHECK(limit_nesting(over, 512, &out));
  CHECK(out == repeat("<div>", 512) + "x" + repeat("</div>", 512));
}

TEST_CASE("limit_nesting: false for ordinary pages") {
  std::string out = "sentinel";
  CHECK_FALSE(limit_nesting(
      "<!DOCTYPE html><html><head><meta charset=utf-8><title>t</title></head>"
      "<body><div class=a><p>x</p><ul><li>y</li></ul></div></body></html>",
      512, &out));
  CHECK(out == "sentinel");
  CHECK_FALSE(limit_nesting("", 512, &out));
  CHECK_FALSE(limit_nesting("plain text, no tags < at all >", 512, &out));
}

TEST_CASE("limit_nesting: thousands of unclosed <p> and <li> are not deep") {
  std::string out;
  CHECK_FALSE(limit_nesting("<div>" + repeat("<p>para ", 5000) + "</div>", 512, &out));
  CHECK_FALSE(limit_nesting("<ul>" + repeat("<li>item ", 5000) + "</ul>", 512, &out));
  CHECK_FALSE(limit_nesting("<dl>" + repeat("<dt>t<dd>d", 3000) + "</dl>", 512, &out));
  CHECK_FALSE(limit_nesting("<table>" + repeat("<tr><td>a<td>b", 3000) + "</table>", 512, &out));
  CHECK_FALSE(limit_nesting("<select>" + repeat("<option>o", 3000) + "</select>", 512, &out));
  // And parsing them does not set depth_limited.
  Page page = parse_page("<ul>" + repeat("<li>item", 3000) + "</ul>" + repeat("<p>para", 3000));
  CHECK_FALSE(page.depth_limited);
}

TEST_CASE("limit_nesting: void and self-closing elements are not deep") {
  std::string out;
  CHECK_FALSE(limit_nesting(
      repeat("<br><img src=a.png><hr><input type=text><meta name=x><link rel=y><wbr>", 3000), 512,
      &out));
  CHECK_FALSE(limit_nesting("<svg>" + repeat("<path d=\"M0 0\"/>", 5000) + "</svg>", 512, &out));
}

TEST_CASE("limit_nesting: tags inside raw-text elements are ignored") {
  std::string out;
  std::string divs = repeat("<div>", 2000);
  CHECK_FALSE(limit_nesting("<script>" + divs + "</script><div>x</div>", 512, &out));
  CHECK_FALSE(limit_nesting("<SCRIPT type=\"text/x\">" + divs + "</Script><div>x</div>", 512, &out));
  CHECK_FALSE(limit_nesting("<style>" + divs + "</style>", 512, &out));
  CHECK_FALSE(limit_nesting("<textarea>" + divs + "</textarea>", 512, &out));
  CHECK_FALSE(limit_nesting("<title>" + divs + "</title>", 512, &out));
  // A script that never closes runs to the end of the page.
  CHECK_FALSE(limit_nesting("<script>" + divs, 512, &out));
  // After the raw text ends, counting resumes.
  CHECK(limit_nesting("<script>" + divs + "</script>" + divs, 512, &out));
}

TEST_CASE("limit_nesting: tags inside comments are ignored") {
  std::string out;
  CHECK_FALSE(limit_nesting("<!--" + repeat("<div>", 2000) + "-->x", 512, &out));
  CHECK_FALSE(limit_nesting(repeat("<!-- <div> -->", 2000), 512, &out));
  // An unterminated comment runs to the end.
  CHECK_FALSE(limit_nesting("<!--" + repeat("<div>", 2000), 512, &out));
}

TEST_CASE("limit_nesting: quoted attribute values containing '>' are inside the tag") {
  std::string out;
  // Were the first '>' taken as the tag's end, each tag would count twice.
  CHECK_FALSE(limit_nesting(repeat("<div title=\"a><div>\">", 300) + "x" + repeat("</div>", 300),
                            512, &out));
  CHECK_FALSE(limit_nesting(repeat("<div title='a><div>'>", 300) + "x" + repeat("</div>", 300),
                            512, &out));
  CHECK_FALSE(limit_nesting(repeat("<div data-x = \"a>b\">", 300) + "x" + repeat("</div>", 300),
                            512, &out));
  // Still deep when they really nest deeper than the limit; text survives.
  std::string deep = repeat("<div title=\"a><div>\">", 600) + "x" + repeat("</div>", 600);
  CHECK(limit_nesting(deep, 512, &out));
  Page page = parse_page(deep);
  CHECK(page.depth_limited);
  CHECK(render_text(page.tree) == "x");
}

TEST_CASE("limit_nesting: odd markup does not break it") {
  std::string out;
  CHECK_FALSE(limit_nesting("<", 512, &out));
  CHECK_FALSE(limit_nesting("a < b > c <1> </ >", 512, &out));
  CHECK_FALSE(limit_nesting("<!DOCTYPE html><?xml version=\"1.0\"?><div>x</div>", 512, &out));
  CHECK(limit_nesting("<div><div", 1, &out));
  CHECK(out == "<div>");
  CHECK_FALSE(limit_nesting("<div title=\"never closed", 1, &out));
}

// Regression (fixed): `<div/>` is not self-closing in HTML (the slash is ignored on
// non-void elements, Gumbo opens a <div>), but limit_nesting treats every
// "/>" as self-closing, so the guard never counts these. 100,000 `<div/>`
// take ~27 s to parse (quadratic in Gumbo), the very cost the guard exists to
// prevent.
TEST_CASE("limit_nesting: <div/> opens an element and counts") {
  std::string html = repeat("<div/>", 2000) + "x";
  std::string out;
  CHECK(limit_nesting(html, 512, &out));
  Page page = parse_page(html);
  CHECK(page.depth_limited);
  CHECK(max_depth(page.tree) <= 512 + 3);
}

// Regression (fixed): `<!-->` (and `<!--->`) is a complete, empty comment in HTML, but
// limit_nesting skips to the next "-->", so the deep markup after it is
// never counted; Gumbo parses it fully nested.
TEST_CASE("limit_nesting: an abruptly closed comment <!--> ends there") {
  std::string html = "<!-->" + repeat("<div>", 2000) + "x";
  std::string out;
  CHECK(limit_nesting(html, 512, &out));
  Page page = parse_page(html);
  CHECK(max_depth(page.tree) <= 512 + 3);
}

// Regression (fixed): inside <svg> (and <math>), <style> and <title> are not raw-text
// elements, but limit_nesting skips them as if they were, up to a "</style"
// that never comes; Gumbo meanwhile breaks out of the SVG at the first <div>
// and nests all of them.
TEST_CASE("limit_nesting: <style> inside <svg> is not raw text") {
  std::string html = "<svg><style>" + repeat("<div>", 2000) + "x";
  std::string out;
  CHECK(limit_nesting(html, 512, &out));
  Page page = parse_page(html);
  CHECK(max_depth(page.tree) <= 512 + 3);
}

// Regression (fixed): a false positive on a sloppy but shallow page. Each `<span>` is
// closed implicitly by the `</div>` (the page is never more than 4 deep),
// but limit_nesting counts one more open element per item; past item ~511 it
// starts cutting the items' <div> tags, and their lines run together.
TEST_CASE("limit_nesting: unclosed inline elements closed by their block") {
  std::string html;
  std::string expected;
  for (int i = 0; i < 1000; ++i) {
    html += "<div class=item><span>item " + std::to_string(i) + "</div>\n";
    expected += (i ? "\n" : "") + std::string("item ") + std::to_string(i);
  }
  std::string out;
  CHECK_FALSE(limit_nesting(html, 512, &out));
  Page page = parse_page(html);
  CHECK_FALSE(page.depth_limited);
  CHECK(render_text(page.tree) == expected);
}

// ---------------------------------------------------------------------------
// Robustness

TEST_CASE("parse_page: NUL bytes do not crash or truncate") {
  CHECK(render_text(parse_page(bytes_of("a\0b")).tree) == "ab");
  CHECK(render_text(parse_page(bytes_of("<pre>a\0b</pre>")).tree) == "ab");
  CHECK(render_text(parse_page(bytes_of("<p>x</p>\0\0<p>y</p>")).tree) == "x\n\ny");
  Page page = parse_page(std::string(1000, '\0'));
  CHECK(render_text(page.tree) == "");
}

TEST_CASE("parse_page: any byte string yields a page with valid UTF-8 text") {
  // Deterministic pseudo-random bytes, heavy on markup characters.
  std::string bytes;
  uint32_t x = 12345;
  const char kAlphabet[] = "<<>>/=\"' !-abcdivpspan\n\t";
  for (int i = 0; i < 200000; ++i) {
    x = x * 1664525u + 1013904223u;
    uint32_t r = x >> 8;
    bytes.push_back((r & 3) == 0 ? char(r >> 8) : kAlphabet[(r >> 8) % (sizeof kAlphabet - 1)]);
  }
  Page page = parse_page(bytes);
  CHECK(page.tree.size() > 1);
  std::string text = render_text(page.tree);
  std::string copy = text;
  CHECK(repair_utf8(&copy) == 0);  // Gumbo replaced invalid bytes with U+FFFD
  CHECK(copy == text);
}

TEST_CASE("parse_page: the page can be moved; its views stay valid") {
  Page a = parse_page("<p>hi <my-widget id=w>there</my-widget></p>");
  Page b = std::move(a);
  CHECK(render_text(b.tree) == "hi there");
  NodeId w = element_with_id(b.tree, "w");
  REQUIRE(w != kNoNode);
  CHECK(b.tree[w].name == "my-widget");
  CHECK(b.arena != nullptr);
  CHECK(b.arena->bytes_reserved() > 0);
  Page c;
  c = std::move(b);
  CHECK(render_text(c.tree) == "hi there");
  CHECK(c.tree[w].name == "my-widget");
}

// ---------------------------------------------------------------------------
// The flat tree

TEST_CASE("tree: nodes are numbered in pre-order with subtree ranges") {
  Page page = parse_page("<div id=a><p id=b>x</p><p id=c>y</p></div><span id=d>z</span>");
  const Tree& t = page.tree;
  // document, html, head, body, div, p, "x", p, "y", span, "z"
  REQUIRE(t.size() == 11);
  CHECK(t[0].kind == NodeKind::kDocument);
  CHECK(t[0].parent == kNoNode);
  CHECK(t[0].end == 11);
  CHECK(t[1].name == "html");
  CHECK(t[2].name == "head");
  CHECK(t[3].name == "body");
  NodeId a = element_with_id(t, "a"), b = element_with_id(t, "b"), c = element_with_id(t, "c"),
         d = element_with_id(t, "d");
  CHECK(a == 4);
  CHECK(b == 5);
  CHECK(c == 7);
  CHECK(d == 9);
  CHECK(t[a].tag == GUMBO_TAG_DIV);
  CHECK(t[a].name == "div");
  CHECK(t[a].parent == 3);
  CHECK(t[a].end == 9);
  CHECK(t[b].end == 7);
  CHECK(t[6].kind == NodeKind::kText);
  CHECK(t[6].text == "x");
  CHECK(t[6].parent == b);
  CHECK(t[10].text == "z");
  // Siblings.
  CHECK(t[2].next_sibling == 3);
  CHECK(t[b].next_sibling == c);
  CHECK(t[c].next_sibling == kNoNode);
  CHECK(t[a].next_sibling == d);
  CHECK(t[d].next_sibling == kNoNode);
  CHECK(t[6].next_sibling == kNoNode);
  // Children and containment.
  CHECK(t.first_child(a) == b);
  CHECK(t.first_child(b) == 6);
  CHECK(t.first_child(6) == kNoNode);
  CHECK(t.first_child(2) == kNoNode);  // empty head
  CHECK(t.contains(a, a));
  CHECK(t.contains(a, 8));
  CHECK_FALSE(t.contains(a, d));
  CHECK_FALSE(t.contains(b, a));
  CHECK(t.contains(Tree::root(), 10));
  CHECK(t.is_element(a));
  CHECK_FALSE(t.is_element(6));
}

TEST_CASE("tree: node kinds and names") {
  Page page = parse_page("<div id=a> <!-- note --><My-Widget id=w>t</My-Widget><img id=i></div>");
  const Tree& t = page.tree;
  NodeId a = element_with_id(t, "a");
  REQUIRE(a != kNoNode);
  CHECK(t[a + 1].kind == NodeKind::kWhitespace);
  CHECK(t[a + 1].text == " ");
  CHECK(t[a + 2].kind == NodeKind::kComment);
  CHECK(t[a + 2].text == " note ");
  NodeId w = element_with_id(t, "w");
  CHECK(t[w].tag == GUMBO_TAG_UNKNOWN);
  CHECK(t[w].name == "my-widget");
  CHECK(t[element_with_id(t, "i")].name == "img");
  CHECK(page.names.size() == 1);
}

TEST_CASE("tree: attributes and classes") {
  Page page = parse_page(
      "<div id=a class=\" lead  story-body\tx \" data-N=\"5\" hidden>t</div><p id=b class>u</p>");
  const Tree& t = page.tree;
  NodeId a = element_with_id(t, "a"), b = element_with_id(t, "b");
  CHECK(t.attr(a, "data-n") == "5");  // names are lower-cased
  CHECK(t.attr(a, "missing") == "");
  CHECK(t.has_attr(a, "hidden"));
  CHECK(t.attr(a, "hidden") == "");
  CHECK_FALSE(t.has_attr(a, "missing"));
  CHECK(t.find_attr(a + 1, "id") == nullptr);  // a text node has no attributes
  CHECK(t.has_class(a, "lead"));
  CHECK(t.has_class(a, "story-body"));
  CHECK(t.has_class(a, "x"));
  CHECK_FALSE(t.has_class(a, "story"));
  CHECK_FALSE(t.has_class(a, "lead story-body"));
  CHECK_FALSE(t.has_class(a, ""));
  CHECK(t.has_attr(b, "class"));
  CHECK_FALSE(t.has_class(b, "u"));
}

TEST_CASE("tree: is_blank: spaces, filler spaces and lone joiners hold no text") {
  using winnow::html::is_blank;
  CHECK(is_blank(""));
  CHECK(is_blank(" \t\n"));
  CHECK(is_blank("\u00A0\u2003\u200B\u202F\u3000\uFEFF"));
  CHECK(is_blank("\u200D"));         // <p>&zwj;</p>
  CHECK(is_blank("\u200C \u2060"));  // a non-joiner, a word joiner
  CHECK_FALSE(is_blank("a"));
  CHECK_FALSE(is_blank("\u200D\U0001F469"));  // a joiner beside a character is text
}

TEST_CASE("tree: text_content collapses whitespace and skips scripts") {
  Page page = parse_page(
      "<div id=a>\n  Hello <b>big</b>\n\t world <script>var x;</script><style>s</style>"
      "<template>t</template><noscript>n</noscript>!</div><p id=u>\u00E9\u00E9\u00E9</p>"
      "<script id=s>code()</script>",
      ParseOptions{.prune = false});  // keep the script bodies (see prune_test.cc)
  const Tree& t = page.tree;
  NodeId a = element_with_id(t, "a");
  CHECK(t.text_content(a) == "Hello big world !");
  CHECK(t.text_content(a, 9) == "Hello big");
  NodeId u = element_with_id(t, "u");
  CHECK(t.text_content(u) == "\u00E9\u00E9\u00E9");
  // A limit inside a character finishes that character.
  CHECK(t.text_content(u, 1) == "\u00E9");
  CHECK(t.text_content(u, 2) == "\u00E9");
  CHECK(t.text_content(u, 3) == "\u00E9\u00E9");
  CHECK(t.text_content(u, 4) == "\u00E9\u00E9");
  // A script's own text is its content.
  CHECK(t.text_content(element_with_id(t, "s")) == "code()");
  // first_text_byte: text_content's first byte, without building it.
  for (NodeId id = 0; id < t.size(); ++id) {
    const std::string text = t.text_content(id);
    CHECK(t.first_text_byte(id) == (text.empty() ? '\0' : text[0]));
  }
}

TEST_CASE("tree: source_line") {
  Page page = parse_page("<p id=a>a</p>\n\n<p id=b>b\nc</p>");
  const Tree& t = page.tree;
  CHECK(t.source_line(Tree::root()) == 1);
  CHECK(t.source_line(element_with_id(t, "a")) == 1);
  CHECK(t.source_line(element_with_id(t, "b")) == 3);
  CHECK(t.source_line(element_with_id(t, "b") + 1) == 3);
}

// ---------------------------------------------------------------------------
// The attribute guard: Gumbo's duplicate check is quadratic in a tag's
// attributes, so past max_attributes they are cut before it parses.

TEST_CASE("limit_nesting: attributes past max_attributes are cut, values with spaces and '>' read whole") {
  std::string out;
  MarkupCuts what;
  CHECK(limit_nesting("<div a=1 b=\"x y\" c='p>q' d e=f>text</div>", 512, &out, 3, &what));
  CHECK(out == "<div a=1 b=\"x y\" c='p>q' >text</div>");
  CHECK(what.attributes);
  CHECK_FALSE(what.depth);
  out.clear();
  CHECK_FALSE(limit_nesting("<div a=1 b=\"x y\" c='p>q'>text</div>", 512, &out, 3));
  // Self-closing and raw-text tags are cut too.
  CHECK(limit_nesting("<img a b c d><script x y z w>var a;</script>", 512, &out, 3));
  CHECK(out == "<img a b c ><script x y z >var a;</script>");
}

TEST_CASE("parse_page: a tag with 100,000 attributes parses at once, its first ones kept") {
  std::string attrs;
  for (int i = 0; i < 100000; ++i) attrs += " data-a" + std::to_string(i) + "=\"v\"";
  Page page = parse_page("<div id=\"first\"" + attrs + "><p>text</p></div>");
  CHECK(page.attributes_limited);
  CHECK_FALSE(page.depth_limited);
  bool found = false;
  for (NodeId id = 0; id < page.tree.size(); ++id)
    if (page.tree.is_element(id) && page.tree.attr(id, "id") == "first") found = true;
  CHECK(found);
}

}  // namespace winnow::html
