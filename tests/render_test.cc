// The renderer's line model (src/html/render.h): block vs inline boxes,
// paragraph margins, <br>, whitespace collapsing, <pre>, tables, image alt,
// hidden and non-rendered elements, and the kept/dropped view of
// render_lines.
#include <doctest/doctest.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "html/page.h"
#include "html/render.h"

namespace winnow::html {
namespace {

std::string render(std::string html, const RenderOptions& options = {}) {
  Page page = parse_page(std::move(html));
  return render_text(page.tree, options);
}

std::string render_all(std::string html) {
  RenderOptions options;
  options.include_hidden = true;
  return render(std::move(html), options);
}

NodeId element_with_id(const Tree& tree, std::string_view id) {
  for (NodeId i = 0; i < tree.size(); ++i)
    if (tree.is_element(i) && tree.attr(i, "id") == id) return i;
  return kNoNode;
}

// The first text node inside the element with the given id attribute.
NodeId text_in(const Tree& tree, std::string_view id) {
  NodeId e = element_with_id(tree, id);
  REQUIRE(e != kNoNode);
  for (NodeId i = e; i < tree[e].end; ++i)
    if (tree[i].kind == NodeKind::kText) return i;
  return kNoNode;
}

// A kept vector (one entry per node) keeping everything except the subtrees
// of the elements with the given id attributes.
std::vector<uint8_t> keep_all_but(const Tree& tree, std::initializer_list<std::string_view> ids) {
  std::vector<uint8_t> kept(tree.size(), 1);
  for (std::string_view id : ids) {
    NodeId e = element_with_id(tree, id);
    REQUIRE(e != kNoNode);
    for (NodeId i = e; i < tree[e].end; ++i) kept[i] = 0;
  }
  return kept;
}

std::vector<std::string> texts(const std::vector<Line>& lines) {
  std::vector<std::string> out;
  for (const Line& l : lines) out.push_back(l.text);
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

// ---------------------------------------------------------------------------
// Block and inline boxes, margins

TEST_CASE("render: inline elements share a line") {
  CHECK(render("a<b>b</b><i>c</i><em>d</em><a href=x>e</a><span>f</span>") == "abcdef");
  CHECK(render("<p>one <strong>two</strong> <code>three</code></p>") == "one two three");
}

TEST_CASE("render: block elements start and end a line") {
  CHECK(render("<div>a</div><div>b</div>") == "a\nb");
  CHECK(render("a<div>b</div>c") == "a\nb\nc");
  CHECK(render("<span>a<div>b</div>c</span>") == "a\nb\nc");
  CHECK(render("<ul><li>one</li><li>two</li></ul><ol><li>three</li></ol>") == "one\ntwo\nthree");
  CHECK(render("<dl><dt>T</dt><dd>D</dd></dl><hr><address>A</address>"
                "<figure><img alt=I><figcaption>C</figcaption></figure>") == "T\nD\nA\nI\nC");
  CHECK(render("<section>s</section><article>a</article><aside>b</aside><nav>n</nav>"
                "<header>h</header><footer>f</footer><main>m</main><blockquote>q</blockquote>") ==
        "s\na\nb\nn\nh\nf\nm\nq");
}

TEST_CASE("render: <p> is set off by a blank line") {
  CHECK(render("<p>a</p><p>b</p>") == "a\n\nb");
  CHECK(render("x<p>a</p>y") == "x\n\na\n\ny");
  CHECK(render("<div>a</div><p>b</p><div>c</div>") == "a\n\nb\n\nc");
  CHECK(render("<p>a</p><div>b</div><div>c</div>") == "a\n\nb\nc");
}

TEST_CASE("render: headings h1-h6 are set off by a blank line") {
  for (const char* h : {"h1", "h2", "h3", "h4", "h5", "h6"}) {
    CAPTURE(h);
    std::string tag(h);
    CHECK(render("<div>x</div><" + tag + ">T</" + tag + "><div>y</div>") == "x\n\nT\n\ny");
  }
  CHECK(render("<h1>T</h1>x<h2>U</h2><h3>V</h3>") == "T\n\nx\n\nU\n\nV");
}

TEST_CASE("render: margins of nested blocks collapse") {
  CHECK(render("<div><div><p>a</p></div></div><div><div><p>b</p></div></div>") == "a\n\nb");
  CHECK(render("<div><div><div>a</div></div></div><div><div>b</div></div>") == "a\nb");
  CHECK(render("<section><h2>T</h2><p>x</p></section><section><p>y</p></section>") ==
        "T\n\nx\n\ny");
  CHECK(render("<blockquote><p>q</p></blockquote><p>r</p>") == "q\n\nr");
  CHECK(render("<article><div><p>a</p><p>b</p></div></article>") == "a\n\nb");
}

TEST_CASE("render: an empty <p> between blocks yields one blank line") {
  CHECK(render("<div>a</div><p></p><div>b</div>") == "a\n\nb");
  CHECK(render("<div>a</div><p></p><p></p><p> </p><div>b</div>") == "a\n\nb");
  // An empty <div> has no margin to give.
  CHECK(render("<div>a</div><div></div><div>b</div>") == "a\nb");
}

// ---------------------------------------------------------------------------
// <br>

TEST_CASE("render: <br> ends a line") {
  CHECK(render("a<br>b") == "a\nb");
  CHECK(render("<p>a<br>b<br/>c</p>") == "a\nb\nc");
  CHECK(render("a <br> b") == "a\nb");
  CHECK(render("<b>a<br>b</b>") == "a\nb");
}

TEST_CASE("render: <br> at the end of a block adds nothing") {
  CHECK(render("<div>a<br></div><div>b</div>") == "a\nb");
  CHECK(render("<p>a<br></p><p>b</p>") == "a\n\nb");
  CHECK(render("<div><span>a<br></span></div>b") == "a\nb");
  CHECK(render("<li>a<br> </li><li>b</li>") == "a\nb");
}

TEST_CASE("render: <br> at the start of an empty block makes an empty line") {
  CHECK(render("<div>a</div><div><br>b</div>") == "a\n\nb");
  CHECK(render("<div>a</div><div><br></div><div>b</div>") == "a\n\nb");
}

TEST_CASE("render: two <br> make an empty line") {
  CHECK(render("a<br><br>b") == "a\n\nb");
  CHECK(render("a<br><br><br>b") == "a\n\n\nb");
  CHECK(render("<div>a<br><br></div><div>b</div>") == "a\n\nb");
  // A <br> after a paragraph's margin is a line of its own.
  CHECK(render("<p>a</p><br>b") == "a\n\n\nb");
}

TEST_CASE("render: <br> before the first or after the last text produces nothing") {
  CHECK(render("<br>a") == "a");
  CHECK(render("<br><br><p>a</p>") == "a");
  CHECK(render("a<br>") == "a");
  CHECK(render("a<br><br><div><br></div>") == "a");
}

// ---------------------------------------------------------------------------
// Whitespace and entities

TEST_CASE("render: whitespace collapses, also across inline elements") {
  CHECK(render("<p>  a \n\t b  </p>") == "a b");
  CHECK(render("a <b> b </b> c") == "a b c");
  CHECK(render("<b>a </b> <i> b</i>") == "a b");
  CHECK(render("<p>a<b> </b>b</p>") == "a b");
  CHECK(render("a<b>b</b>c") == "abc");
  CHECK(render("<div>  lead  <span>  mid </span>  trail  </div>") == "lead mid trail");
}

TEST_CASE("render: leading and trailing whitespace of lines is removed") {
  CHECK(render("<div>  a  </div>\n   <div>\n b \n</div>") == "a\nb");
  CHECK(render("<p> x </p>\n\n<p>\ty\t</p>") == "x\n\ny");
  CHECK(render("   a   ") == "a");
}

TEST_CASE("render: a non-breaking space is not collapsed") {
  CHECK(render("a&nbsp;&nbsp;b") == "a\u00A0\u00A0b");
  CHECK(render("a &nbsp; b") == "a \u00A0 b");
  CHECK(render("<p>&nbsp;x&nbsp;</p>") == "\u00A0x\u00A0");
  CHECK(render("<p>&nbsp;</p><p>b</p>") == "\u00A0\n\nb");
}

TEST_CASE("render: entities are decoded") {
  CHECK(render("a &amp; b &lt;c&gt; &quot;q&quot; &#39;s&#39;") == "a & b <c> \"q\" 's'");
  CHECK(render("&eacute;&#233;&#xE9; &#x1F600; &euro;") == "\u00E9\u00E9\u00E9 \U0001F600 \u20AC");
}

TEST_CASE("render: comments produce nothing") {
  CHECK(render("a<!-- c -->b") == "ab");
  CHECK(render("<p>a</p><!-- x --><p>b</p>") == "a\n\nb");
  CHECK(render("<!-- only a comment -->") == "");
}

TEST_CASE("render: no leading or trailing newline") {
  CHECK(render("<p>a</p>") == "a");
  CHECK(render("<h1>T</h1>") == "T");
  CHECK(render("<div><p>a</p></div><br><br><p></p>") == "a");
  CHECK(render("<br><p></p><div><p>a</p></div>") == "a");
  CHECK(render("") == "");
  CHECK(render("  \n  ") == "");
  CHECK(render("<p></p><div></div>") == "");
}

// ---------------------------------------------------------------------------
// <pre>

TEST_CASE("render: <pre> preserves spaces and newlines") {
  // The newline right after <pre> belongs to the tag (HTML parsing rule).
  CHECK(render("<pre>\n  a  b\n\n c</pre>") == "  a  b\n\n c");
  CHECK(render("<pre>a\n\n\nb</pre>") == "a\n\n\nb");
  CHECK(render("<pre>a <b> b</b>\n\tc</pre>") == "a  b\n\tc");
  CHECK(render("<pre>a\r\nb</pre>") == "a\nb");
  CHECK(render("<pre>a<br>b</pre>") == "a\nb");
}

TEST_CASE("render: <pre> is a block; whitespace collapses again after it") {
  CHECK(render("<p>x</p><pre>  y\n z</pre><p>w</p>") == "x\n\n  y\n z\n\nw");
  CHECK(render("<pre>a</pre>b   c") == "a\nb c");
  CHECK(render("<pre>a\n</pre><p>b</p>") == "a\n\nb");
}

// ---------------------------------------------------------------------------
// Tables

TEST_CASE("render: table rows are lines, cells are tab-separated") {
  CHECK(render("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>") ==
        "a\tb\nc\td");
  CHECK(render("<table>\n <tr>\n  <th> A </th>\n  <th>B</th>\n </tr>\n"
                " <tr><td>1</td> <td>2</td></tr>\n</table>") == "A\tB\n1\t2");
  CHECK(render("<table><caption>Cap</caption><tr><td>a b</td><td>c</td></tr></table>") ==
        "Cap\na b\tc");
  CHECK(render("<p>x</p><table><tr><td>a</td></tr></table><p>y</p>") == "x\n\na\n\ny");
}

TEST_CASE("render: a hidden cell adds no tab") {
  CHECK(render("<table><tr><td>a</td><td hidden>h</td><td>c</td></tr></table>") == "a\tc");
  CHECK(render("<table><tr><td>a</td><td>b</td><td hidden>h</td></tr><tr><td>c</td></tr>"
                "</table>") == "a\tb\nc");
}

// Regression (fixed): an empty cell is dropped from the row, shifting the columns after it.
// render.h says "table cells of a row are joined by a tab", and innerText (the
// model it follows) gives "a\t\tc"; render.cc keeps one pending separator
// (LineBuilder::sep_), so the empty cell's tab overwrites the previous one.
TEST_CASE("render: an empty cell keeps its tab") {
  CHECK(render("<table><tr><td>a</td><td></td><td>c</td></tr></table>") == "a\t\tc");
}

// ---------------------------------------------------------------------------
// Images

TEST_CASE("render: img alt is emitted inline, joined by spaces") {
  CHECK(render("x <img alt=\"T\"><a>T</a> y") == "x T T y");
  CHECK(render("x<img alt=\"T\">y") == "x T y");
  CHECK(render("<div><img alt=A> text</div>") == "A text");
  CHECK(render("<p><img alt=\"Photo:  a   cat\"></p><p>b</p>") == "Photo: a cat\n\nb");
  CHECK(render("<p>a <img alt=\"1\"> <img alt=\"2\"> b</p>") == "a 1 2 b");
}

TEST_CASE("render: an empty or missing alt emits nothing") {
  CHECK(render("x <img alt=\"\"> y") == "x y");
  CHECK(render("x<img alt=\"\">y") == "xy");
  CHECK(render("x <img src=\"a.png\"> y") == "x y");
  CHECK(render("<p><img src=\"a.png\"></p><p>b</p>") == "b");
}

TEST_CASE("render: image_alt=false omits alt text") {
  RenderOptions options;
  options.image_alt = false;
  CHECK(render("x <img alt=\"T\"> y", options) == "x y");
  CHECK(render("x <img alt=\"T\"><a>T</a> y", options) == "x T y");
  CHECK(render("<p><img alt=\"T\"></p><p>b</p>", options) == "b");
}

// ---------------------------------------------------------------------------
// Hidden elements

TEST_CASE("render: the hidden attribute hides an element and its line breaks") {
  CHECK(render("<div>a</div><div hidden>H<p>x</p></div><div>b</div>") == "a\nb");
  CHECK(render("<p>a</p><p hidden>H</p><p>b</p>") == "a\n\nb");
  CHECK(render("a<div hidden>H</div>b") == "ab");
  CHECK(render("a <span hidden>H</span> b") == "a b");
  CHECK(render("a<br hidden>b") == "ab");  // a hidden <br> breaks nothing
}

TEST_CASE("render: inline display:none hides, in any case and spacing") {
  for (const char* style :
       {"display:none", "display: none", "DISPLAY:NONE", "Display : None ", "display:none;",
        "color:red; display:none", "display:none !important", "display: none!IMPORTANT",
        "display:block; display:none"}) {
    CAPTURE(style);
    CHECK(render(std::string("a<div style=\"") + style + "\">H<p>x</p></div>b") == "ab");
    CHECK(render(std::string("<p>a</p><p style=\"") + style + "\">H</p><p>b</p>") == "a\n\nb");
  }
}

TEST_CASE("render: other styles do not hide") {
  CHECK(render("a<span style=\"background:none\">H</span>b") == "aHb");
  CHECK(render("a<span style=\"display:none; display:inline\">H</span>b") == "aHb");
  CHECK(render("a<span style=\"visibility:visible\">H</span>b") == "aHb");
  CHECK(render("a<span style=\"\">H</span>b") == "aHb");
}

TEST_CASE("render: visibility:hidden hides") {
  CHECK(render("a<span style=\"visibility:hidden\">H</span>b") == "ab");
  CHECK(render("a<div style=\"Visibility: Hidden !important\">H</div>b") == "ab");
  CHECK(render("a<span style=\"visibility:collapse\">H</span>b") == "ab");
}

TEST_CASE("render: a closed <details> shows only its summary") {
  CHECK(render("<details><summary>S</summary>body<p>para</p></details>after") == "S\nafter");
  CHECK(render("<p>x</p><details><summary>More</summary><div>a</div></details><p>y</p>") ==
        "x\n\nMore\n\ny");
  CHECK(render("a<details><summary>S</summary></details>b") == "a\nS\nb");
  CHECK(render("a<details>no summary</details>b") == "a\nb");
}

TEST_CASE("render: an open <details> shows everything") {
  CHECK(render("<details open><summary>S</summary>body<p>para</p></details>after") ==
        "S\nbody\n\npara\n\nafter");
}

TEST_CASE("render: a <dialog> without open is hidden") {
  CHECK(render("<dialog>D</dialog>x<dialog open>O</dialog>") == "x\nO");
  CHECK(render("a<dialog><p>D</p></dialog>b") == "ab");
  CHECK(render("a<dialog open>O</dialog>b") == "a\nO\nb");
}

TEST_CASE("render: include_hidden lays out hidden elements") {
  CHECK(render_all("<div>a</div><div hidden>H<p>x</p></div><div>b</div>") ==
        "a\nH\n\nx\n\nb");
  CHECK(render_all("<p>a</p><div style=\"DISPLAY : None !IMPORTANT\">H</div><p>b</p>") ==
        "a\n\nH\n\nb");
  CHECK(render_all("a<span style=\"visibility:hidden\">H</span>b") == "aHb");
  CHECK(render_all("<details><summary>S</summary>body<p>para</p></details>after") ==
        "S\nbody\n\npara\n\nafter");
  CHECK(render_all("<dialog>D</dialog>x") == "D\nx");
}

// ---------------------------------------------------------------------------
// Non-rendered elements

TEST_CASE("render: non-rendered elements contribute nothing") {
  CHECK(render("a<script>var s = '<p>x</p>';</script>b") == "ab");
  CHECK(render("a<style>p { color: red }</style>b") == "ab");
  CHECK(render("a<noscript><p>enable js</p></noscript>b") == "ab");
  CHECK(render("a<template><p>t</p></template>b") == "ab");
  CHECK(render("a<iframe src=x>frame text</iframe>b") == "ab");
  CHECK(render("a<svg><text>v</text><title>t</title></svg>b") == "ab");
  CHECK(render("a<math><mi>m</mi></math>b") == "ab");
  CHECK(render("a<select><option>o1</option><option>o2</option></select>b") == "ab");
  CHECK(render("a<textarea>ta</textarea>b") == "ab");
  CHECK(render("a<input value=\"iv\" placeholder=\"ph\">b") == "ab");
  CHECK(render("a<object>o</object><video>v</video><audio>au</audio><canvas>c</canvas>b") ==
        "ab");
  CHECK(render("<html><head><title>T</title><meta name=x content=y><style>s</style></head>"
                "<body>b</body></html>") == "b");
  // Not even their line breaks: these are block-level in the markup.
  CHECK(render("<p>a</p><script>x</script><p>b</p>") == "a\n\nb");
}

TEST_CASE("render: include_hidden does not render non-rendered elements") {
  CHECK(render_all("x<script>s</script><style>y</style><noscript>n</noscript>"
                   "<template>t</template><iframe>i</iframe><svg><text>v</text></svg>"
                   "<select><option>o</option></select><textarea>ta</textarea>"
                   "<input value=iv>z") == "xz");
  CHECK(render_all("<title>T</title>b") == "b");
}

// ---------------------------------------------------------------------------
// Inline display overrides

TEST_CASE("render: inline display overrides the element's box") {
  CHECK(render("a<span style=\"display:block\">b</span>c") == "a\nb\nc");
  CHECK(render("a<span style=\"display: flex\">b</span>c") == "a\nb\nc");
  CHECK(render("<div style=\"display:inline\">a</div><div style=\"display:inline\">b</div>c") ==
        "abc");
  CHECK(render("<div style=\"display:inline-block\">a</div> <div style=\"display:inline\">b</div>") ==
        "a b");
  CHECK(render("<ul><li style=\"display:inline-block\">a</li> <li style=\"display:inline\">b</li>"
                "</ul>") == "a b");
  CHECK(render("<div style=\"display:contents\">a</div>b") == "ab");
  CHECK(render("<span style=\"DISPLAY: BLOCK !important\">a</span>b") == "a\nb");
}

// ---------------------------------------------------------------------------
// render_lines and the kept view

TEST_CASE("render_lines: an empty kept span keeps everything; lines match render_text") {
  Page page = parse_page("<h1>T</h1><p>a <b>b</b></p><div>c<br><br>d</div>");
  auto lines = render_lines(page.tree, Tree::root(), {}, {});
  CHECK(texts(lines) == Strings{"T", "", "a b", "", "c", "", "d"});
  CHECK(render_text(page.tree) == "T\n\na b\n\nc\n\nd");
  for (const Line& l : lines) CHECK_FALSE(l.has_dropped);
  CHECK(lines[1].blank());
  CHECK(lines[3].blank());
  CHECK(lines[5].blank());
  CHECK_FALSE(lines[0].blank());
  REQUIRE(lines[0].first_kept != kNoNode);
  CHECK(page.tree[lines[0].first_kept].text == "T");
  REQUIRE(lines[2].first_kept != kNoNode);
  CHECK(page.tree[lines[2].first_kept].text == "a ");
}

TEST_CASE("render_lines: first_kept is the node of the first kept text") {
  Page page = parse_page("<p id=p1>A <b id=b>B</b></p><div id=d><span id=x>X</span> Y <b>Z</b></div>");
  const Tree& t = page.tree;
  auto kept = keep_all_but(t, {"x"});
  auto lines = render_lines(t, Tree::root(), kept, {});
  REQUIRE(texts(lines) == Strings{"A B", "", "Y Z"});
  CHECK(lines[0].first_kept == text_in(t, "p1"));
  CHECK(lines[0].first_dropped == kNoNode);
  CHECK_FALSE(lines[0].has_dropped);
  // Line 3: the dropped X comes first, the first kept text is " Y ".
  NodeId x = text_in(t, "x");
  CHECK(lines[2].first_dropped == x);
  CHECK(lines[2].has_dropped);
  CHECK(t[lines[2].first_kept].kind == NodeKind::kText);
  CHECK(t[lines[2].first_kept].text == " Y ");
  CHECK(lines[2].first_kept == x + 1);
  CHECK(lines[1].blank());
  CHECK(lines[1].first_kept == kNoNode);
}

TEST_CASE("render_lines: a line of dropped text only is empty and has_dropped") {
  Page page = parse_page("<p>A</p><p id=x>X <i>more</i></p><p>B</p>");
  const Tree& t = page.tree;
  auto kept = keep_all_but(t, {"x"});
  auto lines = render_lines(t, Tree::root(), kept, {});
  REQUIRE(lines.size() == 5);
  CHECK(texts(lines) == Strings{"A", "", "", "", "B"});
  CHECK(lines[1].blank());
  CHECK(lines[2].text.empty());
  CHECK(lines[2].has_dropped);
  CHECK_FALSE(lines[2].blank());
  CHECK(lines[2].first_kept == kNoNode);
  CHECK(lines[2].first_dropped == text_in(t, "x"));
  CHECK(lines[3].blank());
  CHECK(lines[4].text == "B");
  CHECK_FALSE(lines[4].has_dropped);
}

TEST_CASE("render_lines: the line breaks are the page's own, kept or not") {
  // Dropping text does not change where lines end.
  Page page = parse_page("<div>a<br><span id=x>X</span><br>b</div>");
  auto kept = keep_all_but(page.tree, {"x"});
  auto lines = render_lines(page.tree, Tree::root(), kept, {});
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].text == "a");
  CHECK(lines[1].text == "");
  CHECK(lines[1].has_dropped);
  CHECK(lines[2].text == "b");
}

TEST_CASE("render_lines: kept words around dropped inline text are spaced once") {
  auto kept_text = [](const char* html) {
    Page page = parse_page(html);
    auto kept = keep_all_but(page.tree, {"x"});
    auto lines = render_lines(page.tree, Tree::root(), kept, {});
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].has_dropped);
    return lines[0].text;
  };
  CHECK(kept_text("<p>A <span id=x>X</span> B</p>") == "A B");
  CHECK(kept_text("<p>A<span id=x>X</span>B</p>") == "AB");
  CHECK(kept_text("<p>A <span id=x>X</span>B</p>") == "A B");
  CHECK(kept_text("<p>A<span id=x>X</span> B</p>") == "A B");
  CHECK(kept_text("<p>A<span id=x> X </span>B</p>") == "A B");
  CHECK(kept_text("<p><span id=x>X</span> B</p>") == "B");
  CHECK(kept_text("<p>A <span id=x>X</span></p>") == "A");
  CHECK(kept_text("<p>A <span id=x>X <b>Y</b> Z</span> B</p>") == "A B");
}

TEST_CASE("render_lines: a dropped image's alt is dropped") {
  Page page = parse_page("<p>A <img id=x alt=T> B</p>");
  auto kept = keep_all_but(page.tree, {"x"});
  auto lines = render_lines(page.tree, Tree::root(), kept, {});
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].text == "A B");
  CHECK(lines[0].has_dropped);
  CHECK(lines[0].first_dropped == element_with_id(page.tree, "x"));
}

TEST_CASE("render_lines: a subtree renders without surrounding breaks") {
  Page page = parse_page("<p>before</p><div id=d><p>a</p><p>b</p></div><p>after</p>");
  NodeId d = element_with_id(page.tree, "d");
  auto lines = render_lines(page.tree, d, {}, {});
  CHECK(texts(lines) == Strings{"a", "", "b"});
}

TEST_CASE("render_lines: a page without text has no lines") {
  Page page = parse_page("<p></p><br><div> </div>");
  CHECK(render_lines(page.tree, Tree::root(), {}, {}).empty());
}

// ---------------------------------------------------------------------------
// is_rendered_element

TEST_CASE("is_rendered_element") {
  Page page = parse_page(
      "<div id=a>x</div><div id=b hidden>y</div><script id=c></script>"
      "<span id=d style=\"display:none\">z</span><span id=e>w</span>"
      "<details id=f><summary id=g>s</summary><p id=h>p</p></details>");
  const Tree& t = page.tree;
  CHECK(is_rendered_element(t, element_with_id(t, "a")));
  CHECK_FALSE(is_rendered_element(t, element_with_id(t, "b")));
  CHECK_FALSE(is_rendered_element(t, element_with_id(t, "c")));
  CHECK_FALSE(is_rendered_element(t, element_with_id(t, "d")));
  CHECK(is_rendered_element(t, element_with_id(t, "e")));
  CHECK(is_rendered_element(t, element_with_id(t, "f")));
  CHECK(is_rendered_element(t, element_with_id(t, "g")));
  CHECK_FALSE(is_rendered_element(t, element_with_id(t, "h")));
  CHECK_FALSE(is_rendered_element(t, text_in(t, "a")));  // not an element
}

}  // namespace winnow::html
