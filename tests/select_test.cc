// The CSS selector subset: parsing, matching, scope, errors.
#include "html/select.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "select_test_util.h"

TEST_CASE("select: type, universal and unknown elements") {
  Page page = parse_page(
      "<html><body><div id=d1><p id=p1>x</p><zone id=z1><p id=p2></p></zone></div>"
      "<ZONE id=z2></ZONE><span id=s1></span></body></html>");
  CHECK(sel(page, "p") == "p1 p2");
  CHECK(sel(page, "P") == "p1 p2");
  CHECK(sel(page, "zone") == "z1 z2");
  CHECK(sel(page, "Zone p") == "p2");
  CHECK(sel(page, "body > *") == "d1 z2 s1");
  CHECK(sel(page, "*") == "html head body d1 p1 z1 p2 z2 s1");
  CHECK(sel(page, "article") == "");
  CHECK(sel(page, "zon") == "");
}

TEST_CASE("select: id and class") {
  Page page = parse_page(
      "<div id=a class='x  y\tz'></div><div id=b class=xy></div><div id=c class='y'></div>"
      "<div id=__MB_MASTERCMS_EL_3 class='X'></div><div id=e class='caf\xC3\xA9'></div>");
  CHECK(sel(page, "#a") == "a");
  CHECK(sel(page, "div#b") == "b");
  CHECK(sel(page, "#A") == "");  // ids are case-sensitive
  CHECK(sel(page, ".x") == "a");
  CHECK(sel(page, ".X") == "__MB_MASTERCMS_EL_3");
  CHECK(sel(page, ".y") == "a c");
  CHECK(sel(page, ".x.z") == "a");
  CHECK(sel(page, ".x.xy") == "");
  CHECK(sel(page, ".xy") == "b");
  CHECK(sel(page, "#__MB_MASTERCMS_EL_3") == "__MB_MASTERCMS_EL_3");
  CHECK(sel(page, ".caf\xC3\xA9") == "e");      // non-ASCII identifier
  CHECK(sel(page, ".caf\\E9") == "e");          // hex escape
  CHECK(sel(page, "#a#b") == "");
  CHECK(sel(page, "p.x") == "");
}

TEST_CASE("select: attribute selectors") {
  Page page = parse_page(
      "<a id=a1 href='/news?mobile=yes&x=1' lang=en-US title='say \"hi\"'></a>"
      "<a id=a2 href='/news' lang=en rel='nofollow noopener' title=\"it's\"></a>"
      "<a id=a3 lang=english data-x=''></a>"
      "<div id=d1 class='banner-top wide'></div><div id=d2 class='top banner'></div>");
  CHECK(sel(page, "[href]") == "a1 a2");
  CHECK(sel(page, "a[HREF]") == "a1 a2");  // attribute names are case-insensitive
  CHECK(sel(page, "[href='/news']") == "a2");
  CHECK(sel(page, "[href=\"/news\"]") == "a2");
  CHECK(sel(page, "[ href = '/news' ]") == "a2");
  CHECK(sel(page, "[lang=en]") == "a2");
  CHECK(sel(page, "[lang|=en]") == "a1 a2");
  CHECK(sel(page, "[rel~=noopener]") == "a2");
  CHECK(sel(page, "[rel~=noop]") == "");
  CHECK(sel(page, "[rel~='nofollow noopener']") == "");  // whitespace in value: never
  CHECK(sel(page, "a[href*=\"mobile=yes\"]") == "a1");
  CHECK(sel(page, "a[href^='/news']") == "a1 a2");
  CHECK(sel(page, "a[href$=news]") == "a2");
  CHECK(sel(page, "div[class^=banner]") == "d1");
  CHECK(sel(page, "div[class$=banner]") == "d2");
  CHECK(sel(page, "div[class*=banner]") == "d1 d2");
  CHECK(sel(page, "[title='say \\\"hi\\\"']") == "a1");
  CHECK(sel(page, "[title=\"say \\\"hi\\\"\"]") == "a1");
  CHECK(sel(page, "[title='it\\'s']") == "a2");
  CHECK(sel(page, "[data-x]") == "a3");
  CHECK(sel(page, "[data-x='']") == "a3");
  // Empty values never match ^= $= *= (CSS).
  CHECK(sel(page, "[href^='']") == "");
  CHECK(sel(page, "[href$=\"\"]") == "");
  CHECK(sel(page, "[href*='']") == "");
  CHECK(sel(page, "[data-x^='']") == "");
  // Values are case-sensitive.
  CHECK(sel(page, "[lang=EN]") == "");
}

TEST_CASE("select: structural pseudo-classes count element siblings only") {
  Page page = parse_page(
      "<ul id=u> text <!-- c --><li id=l1></li> <li id=l2></li><!-- c -->\n"
      "<li id=l3></li><li id=l4></li> tail <!-- end --></ul>"
      "<div id=only><span id=s></span></div>");
  CHECK(sel(page, "li:first-child") == "l1");
  CHECK(sel(page, "li:last-child") == "l4");
  CHECK(sel(page, "li:nth-child(2)") == "l2");
  CHECK(sel(page, "li:nth-child( 3 )") == "l3");
  CHECK(sel(page, "li:nth-child(5)") == "");
  CHECK(sel(page, "li:nth-child(odd)") == "l1 l3");
  CHECK(sel(page, "li:nth-child(EVEN)") == "l2 l4");
  CHECK(sel(page, "span:first-child:last-child") == "s");
  CHECK(sel(page, "li:not(:first-child):not(:last-child)") == "l2 l3");
  CHECK(sel(page, "#u > :FIRST-CHILD") == "l1");
}

TEST_CASE("select: :not") {
  Page page = parse_page(
      "<div id=a class=x></div><div id=b class='x y'></div><div id=c></div><p id=p></p>");
  CHECK(sel(page, "div:not(.x)") == "c");
  CHECK(sel(page, "div:not( .y )") == "a c");
  CHECK(sel(page, "body > :not(div)") == "p");
  CHECK(sel(page, ":not(html):not(head):not(body):not(#b)") == "a c p");
  CHECK(sel(page, "div:not(:not(.y))") == "b");
  CHECK(sel(page, "div:not([class])") == "c");
  CHECK(sel(page, "div:not(div.x.y)") == "a c");
}

TEST_CASE("select: combinations from real rule files") {
  Page page = parse_page(
      "<div class=a><p class=b id=p1></p><section><p class=b id=p2></p></section></div>"
      "<ul><li><a id=l1 href=#>1</a></li><li><span><a id=l2 href=#>2</a></span></li></ul>"
      "<ol><li><a id=l3 href=#>3</a></li></ol>"
      "<table class='MASTERCMS_TPL_TABLE'><tr><td id=t1>a</td><td id=t2>b</td></tr></table>"
      "<table class=other><tr><td id=t3>c</td></tr></table>"
      "<div id=__MB_MASTERCMS_EL_3><p id=m1></p><p id=m2><p id=m3></p> <!-- x --> </div>");
  CHECK(sel(page, "div.a > p.b") == "p1");
  CHECK(sel(page, "div.a p.b") == "p1 p2");
  CHECK(sel(page, "ul li a") == "l1 l2");
  CHECK(sel(page, "ul > li > a") == "l1");
  CHECK(sel(page, "table.MASTERCMS_TPL_TABLE td") == "t1 t2");
  CHECK(sel(page, "#__MB_MASTERCMS_EL_3 > p:last-child") == "m3");
  CHECK(sel(page, "#__MB_MASTERCMS_EL_3>p:first-child") == "m1");
  CHECK(sel(page, "  ul   li>a  ") == "l1");
}

TEST_CASE("select: descendant vs child on tricky trees") {
  // The only .b that is a child of .a is not an ancestor of the span; the
  // span's .b ancestor is not a child of an .a.
  Page page = parse_page(
      "<div class=a id=A><div class=b id=B1></div><div class=x><div class=b id=B2>"
      "<span id=s1></span></div></div></div>"
      "<div class=a><div class=b><p><span id=s2></span></p></div></div>");
  CHECK(sel(page, "div.a > div.b span") == "s2");
  CHECK(sel(page, "div.a div.b span") == "s1 s2");
  CHECK(sel(page, ".a > .b") == "B1 div");

  // a b > c: c's parent b must itself be inside an a.
  Page page2 = parse_page(
      "<section id=s><div class=b><i id=c1></i></div></section>"
      "<div class=b><i id=c2></i></div>"
      "<section><article><div class=b><em><i id=c3></i></em></div></article></section>");
  CHECK(sel(page2, "section .b > i") == "c1");
  CHECK(sel(page2, "section .b i") == "c1 c3");

  // Repeated compounds need the right number of distinct ancestors.
  Page page3 = parse_page(
      "<div class=a id=o><div class=a id=i><span id=x></span></div><span id=y></span></div>");
  CHECK(sel(page3, ".a .a span") == "x");
  CHECK(sel(page3, ".a .a") == "i");
  CHECK(sel(page3, ".a > span") == "x y");
  CHECK(sel(page3, ".a > .a > span") == "x");
  CHECK(sel(page3, "div > div > div") == "");
  CHECK(sel(page3, "body .a > .a span") == "x");

  // Child then descendant vs a greedy matcher: div.x > div > span needs the
  // span two levels below div.x, not deeper.
  Page page4 = parse_page(
      "<div class=x><div><div><span id=deep></span></div></div><div><span id=ok></span></div></div>");
  CHECK(sel(page4, "div.x > div > span") == "ok");
  CHECK(sel(page4, "div.x > div span") == "deep ok");
  CHECK(sel(page4, "div.x div > span") == "deep ok");
}

TEST_CASE("select: groups keep document order without duplicates") {
  Page page = parse_page(
      "<p id=a class=c></p><div id=b><p id=c class=c></p></div><span id=d class=c></span>");
  CHECK(sel(page, "span, p") == "a c d");
  CHECK(sel(page, ".c, p, #c, div p") == "a c d");
  CHECK(sel(page, "#d,#b , #a") == "a b d");
  Selector s = must_parse("p , .c");
  CHECK(s.text() == "p , .c");
}

TEST_CASE("select: scope") {
  Page page = parse_page(
      "<div class=a id=outer><p id=p1></p><div id=inner><p id=p2></p><div><p id=p3></p></div></div></div>"
      "<p id=p4></p>");
  const Tree& tree = page.tree;
  NodeId inner = by_id(tree, "inner");
  REQUIRE(inner != kNoNode);
  CHECK(sel(page, "p", inner) == "p2 p3");
  CHECK(sel(page, "div.a p", inner) == "p2 p3");  // context above the scope counts
  CHECK(sel(page, "div.a > div > p", inner) == "p2");
  CHECK(sel(page, "div", inner) == "inner div");  // the scope itself is included
  CHECK(sel(page, "div.a", inner) == "");
  CHECK(sel(page, "#inner > p:first-child", inner) == "p2");
  CHECK(sel(page, "div:nth-child(2)", inner) == "inner div");  // scope's own position counts
  CHECK(sel(page, "p:last-child", inner) == "p3");
  CHECK(sel(page, "p", by_id(tree, "p1")) == "p1");
  // A text node as scope matches nothing.
  NodeId text = kNoNode;
  for (NodeId i = 0; i < tree.size(); ++i)
    if (tree[i].kind == NodeKind::kText) text = i;
  if (text != kNoNode) CHECK(sel(page, "*", text) == "");
}

TEST_CASE("select: matches one element") {
  Page page = parse_page(
      "<div class=a><ul><li id=x class=k></li><li id=y></li></ul></div><li id=z></li>");
  const Tree& tree = page.tree;
  Selector s = must_parse("div.a li.k:first-child, div.a ul > li:last-child");
  CHECK(s.matches(tree, by_id(tree, "x")));
  CHECK(s.matches(tree, by_id(tree, "y")));
  CHECK_FALSE(s.matches(tree, by_id(tree, "z")));
  CHECK_FALSE(s.matches(tree, Tree::root()));  // the document is not an element
  CHECK_FALSE(s.matches(tree, tree.size()));   // out of range
  for (NodeId i = 0; i < tree.size(); ++i)
    if (!tree.is_element(i)) CHECK_FALSE(must_parse("*").matches(tree, i));
  CHECK(must_parse(":not(.a)").matches(tree, by_id(tree, "z")));
}

TEST_CASE("select: error columns and messages") {
  struct Case {
    std::string text;
    size_t column;
    std::string message;  // a substring of the message
  };
  std::vector<Case> cases = {
      {"", 1, "empty selector"},
      {"   \t", 1, "empty selector"},
      {"div.", 5, "expected a class name after '.'"},
      {"div. a", 5, "expected a class name after '.'"},
      {".1a", 2, "expected a class name"},
      {"#", 2, "expected an id after '#'"},
      {"a[href", 2, "unterminated attribute selector"},
      {"a[href='x'", 2, "unterminated attribute selector"},
      {"a[href='x", 8, "unterminated string"},
      {"a[href=x y]", 10, "expected ']'"},
      {"a[=x]", 3, "expected an attribute name"},
      {"a[href!=x]", 7, "expected ']' or an operator"},
      {"a[href=]", 8, "expected a value after '='"},
      {"a[href^= ]", 10, "expected a value after '^='"},
      {"a:hover", 2, "unknown pseudo-class ':hover'"},
      {"li:nth-of-type(2)", 3, "unknown pseudo-class ':nth-of-type()'"},
      {"p::before", 2, "pseudo-elements are not supported"},
      {"div >", 5, "dangling combinator '>'"},
      {"div > ", 5, "dangling combinator '>'"},
      {"> div", 1, "dangling combinator '>'"},
      {"div > > p", 5, "dangling combinator '>'"},
      {"div >, p", 5, "dangling combinator '>'"},
      {"div,,p", 5, "unexpected ','"},
      {",div", 1, "unexpected ','"},
      {"div, ", 4, "expected a selector after ','"},
      {"div + p", 5, "unsupported combinator '+'"},
      {"div ~ p", 5, "unsupported combinator '~'"},
      {"div!", 4, "unexpected '!'"},
      {"div)", 4, "unexpected ')'"},
      {"[x]div", 4, "type selector"},
      {".a*", 3, "type selector"},
      {":not(.a", 1, "unterminated :not("},
      {":not()", 6, "expected a selector inside :not()"},
      {":not(a b)", 8, "expected ')'"},
      {":not", 5, "expected '(' after ':not'"},
      {"li:nth-child(0)", 14, "positive integer"},
      {"li:nth-child(2n+1)", 15, "expected ')'"},
      {"li:nth-child(first)", 14, "positive integer"},
      {"li:nth-child(3", 3, "unterminated :nth-child("},
      {"li:nth-child(99999999999)", 14, "too large"},
      {"li:first-child()", 15, "unexpected '('"},
      {"a:", 3, "expected a pseudo-class name"},
      {"div\x01", 4, "unexpected byte 0x01"},
      {"a\\", 2, "unexpected '\\'"},
  };
  for (const Case& c : cases) {
    SelectorError error = parse_error(c.text);
    INFO("selector: '" << c.text << "' message: " << error.message);
    CHECK(error.column == c.column);
    CHECK(error.message.find(c.message) != std::string::npos);
  }
}

TEST_CASE("select: at most 64 compounds in a complex selector") {
  std::string ok = "div";
  for (int i = 1; i < 64; ++i) ok += " div";
  Selector s = must_parse(ok);
  std::string html;
  for (int i = 0; i < 64; ++i) html += "<div>";
  Page page = parse_page(html);
  CHECK(s.select(page.tree).size() == 1);
  page = parse_page(html + "<div>");
  CHECK(s.select(page.tree).size() == 2);

  std::string too_many = ok + " > div";
  SelectorError error = parse_error(too_many);
  CHECK(error.column == ok.size() + 4);
  CHECK(error.message.find("too many") != std::string::npos);
  // But many complex selectors in a list are fine.
  std::string list = ok;
  for (int i = 0; i < 100; ++i) list += ", " + ok;
  CHECK(Selector::parse(list, nullptr).has_value());
}
