#include "html/select.h"

#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "html/page.h"

using winnow::html::kNoNode;
using winnow::html::Node;
using winnow::html::NodeId;
using winnow::html::NodeKind;
using winnow::html::Page;
using winnow::html::parse_page;
using winnow::html::Selector;
using winnow::html::SelectorError;
using winnow::html::SelectorSet;
using winnow::html::Tree;

namespace {

Selector must_parse(const std::string& text) {
  SelectorError error;
  std::optional<Selector> s = Selector::parse(text, &error);
  INFO("selector: " << text << " error at " << error.column << ": " << error.message);
  REQUIRE(s.has_value());
  return *s;
}

// Labels of the nodes: the id attribute, else the tag name.
std::string labels(const Tree& tree, const std::vector<NodeId>& ids) {
  std::string out;
  for (NodeId id : ids) {
    if (!out.empty()) out += ' ';
    std::string_view label = tree.attr(id, "id");
    out += label.empty() ? std::string(tree[id].name) : std::string(label);
  }
  return out;
}

std::string sel(const Page& page, const std::string& selector,
                NodeId scope = Tree::root()) {
  return labels(page.tree, must_parse(selector).select(page.tree, scope));
}

NodeId by_id(const Tree& tree, std::string_view id) {
  for (NodeId i = 0; i < tree.size(); ++i)
    if (tree.is_element(i) && tree.attr(i, "id") == id) return i;
  return kNoNode;
}

SelectorError parse_error(const std::string& text) {
  SelectorError error;
  std::optional<Selector> s = Selector::parse(text, &error);
  INFO("selector: " << text);
  CHECK_FALSE(s.has_value());
  return error;
}

}  // namespace

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

TEST_CASE("select: hostile inputs neither crash nor hang") {
  std::mt19937 rng(12345);
  const std::string alphabet = "ab*#.[]=~|^$'\"\\:()>,+ -_1\n\x01\xC3\xA9notfirstchild";
  Page page = parse_page("<div class=a id=b><p title='x'>t</p><zone></zone></div>");
  for (int iter = 0; iter < 20000; ++iter) {
    std::string text;
    size_t len = rng() % 24;
    for (size_t i = 0; i < len; ++i) {
      if (iter % 2) {
        text.push_back(static_cast<char>(rng() & 0xFF));
      } else {
        text.push_back(alphabet[rng() % alphabet.size()]);
      }
    }
    SelectorError error;
    std::optional<Selector> s = Selector::parse(text, &error);
    if (s) {
      s->select(page.tree);
      for (NodeId i = 0; i < page.tree.size(); ++i) s->matches(page.tree, i);
    } else {
      CHECK(error.column >= 1);
      CHECK(error.column <= text.size() + 1);
      CHECK_FALSE(error.message.empty());
    }
  }

  auto repeat = [](const std::string& piece, size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += piece;
    return s;
  };
  CHECK_FALSE(Selector::parse(repeat(":not(", 100000), nullptr).has_value());
  CHECK_FALSE(Selector::parse(repeat("[", 100000), nullptr).has_value());
  CHECK_FALSE(Selector::parse(repeat("div ", 100000), nullptr).has_value());  // > 64 compounds
  CHECK_FALSE(Selector::parse(repeat("(", 100000), nullptr).has_value());
  CHECK_FALSE(Selector::parse(repeat("\\", 100001), nullptr).has_value());
  std::optional<Selector> wide = Selector::parse(repeat(".a", 100000), nullptr);
  REQUIRE(wide.has_value());
  CHECK(labels(page.tree, wide->select(page.tree)) == "b");
  std::optional<Selector> many = Selector::parse("p" + repeat(", p", 100000), nullptr);
  REQUIRE(many.has_value());
  CHECK(many->select(page.tree).size() == 1);
  std::string long_ident(1000000, 'x');
  REQUIRE(Selector::parse(long_ident, nullptr).has_value());
  // Errors on :not nesting are reported, not recursed into.
  SelectorError error = parse_error(repeat(":not(", 20) + "a" + repeat(")", 20));
  CHECK(error.message.find("nested too deeply") != std::string::npos);
  CHECK(Selector::parse(repeat(":not(", 8) + "a" + repeat(")", 8), nullptr).has_value());
}

TEST_CASE("select: 5,000-deep nesting") {
  std::string html = "<html><body>";
  // The parser flattens elements deeper than 512, so the span sits higher up.
  for (int i = 0; i < 300; ++i) html += "<div class=d>";
  html += "<span id=leaf>x</span>";
  for (int i = 300; i < 5000; ++i) html += "<div class=d>";
  html += "<b id=bottom>y</b>";
  for (int i = 0; i < 5000; ++i) html += "</div>";
  html += "<p id=after></p></body></html>";
  Page page = parse_page(html);
  const Tree& tree = page.tree;
  CHECK(page.depth_limited);

  auto start = std::chrono::steady_clock::now();
  CHECK(sel(page, "div.d div.d span") == "leaf");
  CHECK(sel(page, "div.d > span:first-child:not(:last-child)") == "leaf");
  CHECK(sel(page, "body > div.d > div.d div.d span#leaf") == "leaf");
  CHECK(sel(page, "body > span") == "");
  CHECK(sel(page, "body > p:last-child") == "after");
  std::vector<NodeId> divs = must_parse("div div").select(tree);
  CHECK(divs.size() + 1 == must_parse("div").select(tree).size());
  SelectorSet set;
  set.add(must_parse("div.d > div.d > div.d > span"));
  set.add(must_parse("div:first-child"));
  set.add(must_parse("span"));
  std::vector<std::vector<NodeId>> m = set.match(tree);
  CHECK(labels(tree, m[2]) == "leaf");
  CHECK(m[1].size() == divs.size());  // every div but the one after the span
  CHECK(must_parse("div.d div.d span").matches(tree, by_id(tree, "leaf")));
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 20.0);  // generous: sanitizer builds are slow; quadratic would be hours
}

TEST_CASE("select: a 200,000-deep tree is matched without recursion") {
  // Built directly, bypassing the parser's depth guard.
  Tree tree;
  std::vector<Node>& nodes = tree.mutable_nodes();
  const NodeId depth = 200000;
  nodes.resize(depth + 1);
  nodes[0].kind = NodeKind::kDocument;
  nodes[0].end = depth + 1;
  for (NodeId i = 1; i <= depth; ++i) {
    nodes[i].kind = NodeKind::kElement;
    nodes[i].tag = i % 3 ? GUMBO_TAG_DIV : GUMBO_TAG_SECTION;
    nodes[i].name = i % 3 ? "div" : "section";
    nodes[i].parent = i - 1;
    nodes[i].end = depth + 1;
  }
  auto start = std::chrono::steady_clock::now();
  CHECK(must_parse("section > div > div > section").select(tree).size() == depth / 3 - 1);
  // Divs with two div ancestors below a section: all but 1, 2, 4 and 5.
  CHECK(must_parse("section div div div").select(tree).size() == depth - depth / 3 - 4);
  CHECK(must_parse("div:first-child:last-child").select(tree).size() == depth - depth / 3);
  CHECK(must_parse("section section section").matches(tree, depth - 2));
  CHECK_FALSE(must_parse("section section section").matches(tree, depth - 1));
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 20.0);  // generous: sanitizer builds are slow; quadratic would be hours
}

namespace {

// A reference matcher by backtracking over a structured random selector.
struct RefCompound {
  std::string tag;  // "" = any
  std::string cls;
  int pseudo = 0;  // 0 none, 1 first-child, 2 last-child, 3 :not(.a), 4 nth-child(2)
};
struct RefComplex {
  std::vector<RefCompound> compounds;
  std::vector<bool> child;  // child[j]: combinator before compound j is '>'
};

std::string render(const RefComplex& c) {
  std::string s;
  for (size_t j = 0; j < c.compounds.size(); ++j) {
    if (j) s += c.child[j] ? " > " : " ";
    const RefCompound& k = c.compounds[j];
    s += k.tag.empty() && k.cls.empty() && !k.pseudo ? "*" : k.tag;
    if (!k.cls.empty()) s += "." + k.cls;
    static const char* kPseudo[] = {"", ":first-child", ":last-child", ":not(.a)",
                                    ":nth-child(2)"};
    s += kPseudo[k.pseudo];
  }
  return s;
}

int element_position(const Tree& t, NodeId v, bool from_end) {
  std::vector<NodeId> sibs;
  for (NodeId c = t.first_child(t[v].parent); c != kNoNode; c = t[c].next_sibling)
    if (t.is_element(c)) sibs.push_back(c);
  for (size_t i = 0; i < sibs.size(); ++i)
    if (sibs[i] == v) return static_cast<int>(from_end ? sibs.size() - i : i + 1);
  return 0;
}

bool ref_compound(const Tree& t, NodeId v, const RefCompound& k) {
  if (!t.is_element(v)) return false;
  if (!k.tag.empty() && t[v].name != k.tag) return false;
  if (!k.cls.empty() && !t.has_class(v, k.cls)) return false;
  switch (k.pseudo) {
    case 1: return element_position(t, v, false) == 1;
    case 2: return element_position(t, v, true) == 1;
    case 3: return !t.has_class(v, "a");
    case 4: return element_position(t, v, false) == 2;
  }
  return true;
}

bool ref_match(const Tree& t, NodeId v, const RefComplex& c, size_t j) {
  if (!ref_compound(t, v, c.compounds[j])) return false;
  if (j == 0) return true;
  NodeId p = t[v].parent;
  if (c.child[j]) return p != kNoNode && ref_match(t, p, c, j - 1);
  for (; p != kNoNode; p = t[p].parent)
    if (ref_match(t, p, c, j - 1)) return true;
  return false;
}

}  // namespace

TEST_CASE("select: randomized comparison with a backtracking matcher") {
  std::mt19937 rng(777);
  const char* tags[] = {"div", "span", "zone", "section"};
  const char* classes[] = {"a", "b"};
  for (int round = 0; round < 40; ++round) {
    // A random tree.
    std::string html = "<body>";
    int open = 0;
    for (int i = 0; i < 120; ++i) {
      int r = static_cast<int>(rng() % 10);
      if (r < 5) {
        std::string tag = tags[rng() % 4];
        html += "<" + tag;
        if (rng() % 2) html += std::string(" class='") + classes[rng() % 2] + (rng() % 3 ? "" : " a") + "'";
        html += ">";
        ++open;
      } else if (r < 8 && open > 0) {
        --open;
        html += "</" + std::string(tags[rng() % 4]) + ">";
      } else {
        html += rng() % 2 ? "text" : "<!--c-->";
      }
    }
    Page page = parse_page(html);
    const Tree& t = page.tree;

    std::vector<RefComplex> refs;
    SelectorSet set;
    for (int n = 0; n < 30; ++n) {
      RefComplex c;
      size_t k = 1 + rng() % 4;
      for (size_t j = 0; j < k; ++j) {
        RefCompound comp;
        if (rng() % 3) comp.tag = tags[rng() % 4];
        if (rng() % 2) comp.cls = classes[rng() % 2];
        if (rng() % 3 == 0) comp.pseudo = 1 + static_cast<int>(rng() % 4);
        c.compounds.push_back(comp);
        c.child.push_back(j > 0 && rng() % 2);
      }
      refs.push_back(c);
      set.add(must_parse(render(c)));
    }
    std::vector<std::vector<NodeId>> all = set.match(t);
    for (size_t n = 0; n < refs.size(); ++n) {
      std::vector<NodeId> expected;
      for (NodeId v = 0; v < t.size(); ++v)
        if (ref_match(t, v, refs[n], refs[n].compounds.size() - 1)) expected.push_back(v);
      Selector s = must_parse(render(refs[n]));
      INFO("selector: " << render(refs[n]) << " round " << round);
      CHECK(all[n] == expected);
      CHECK(s.select(t) == expected);
      std::vector<NodeId> one_by_one;
      for (NodeId v = 0; v < t.size(); ++v)
        if (s.matches(t, v)) one_by_one.push_back(v);
      CHECK(one_by_one == expected);
      // Scoped selection equals the global result restricted to the subtree.
      NodeId scope = static_cast<NodeId>(rng() % t.size());
      std::vector<NodeId> in_scope;
      for (NodeId v : expected)
        if (t.contains(scope, v)) in_scope.push_back(v);
      CHECK(s.select(t, scope) == in_scope);
    }
  }
}

TEST_CASE("select: many selectors in one SelectorSet") {
  std::string html = "<body>";
  for (int i = 0; i < 300; ++i) {
    html += "<div id=d" + std::to_string(i) + " class='c" + std::to_string(i) + " all'>";
    html += "<span class=s" + std::to_string(i % 7) + ">x</span><zone></zone></div>";
  }
  Page page = parse_page(html);
  const Tree& tree = page.tree;

  SelectorSet set;
  std::vector<Selector> selectors;
  for (int i = 0; i < 300; ++i) {
    std::string n = std::to_string(i);
    selectors.push_back(must_parse(".c" + n));
    selectors.push_back(must_parse("#d" + n + " > span"));
    selectors.push_back(must_parse("div.c" + n + ".all span.s" + std::to_string(i % 7)));
    selectors.push_back(must_parse("body > div:nth-child(" + std::to_string(i + 1) + ") zone"));
  }
  selectors.push_back(must_parse("zone"));
  selectors.push_back(must_parse("[class*=s1]"));
  selectors.push_back(must_parse("*"));
  selectors.push_back(must_parse("span, div.all > zone, #d3"));
  for (size_t i = 0; i < selectors.size(); ++i) CHECK(set.add(selectors[i]) == i);
  CHECK(set.size() == selectors.size());

  auto start = std::chrono::steady_clock::now();
  std::vector<std::vector<NodeId>> all = set.match(tree);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 10.0);  // generous for sanitizer builds
  REQUIRE(all.size() == selectors.size());
  for (size_t i = 0; i < selectors.size(); ++i) {
    INFO("selector: " << selectors[i].text());
    CHECK(all[i] == selectors[i].select(tree));
  }
  CHECK(labels(tree, all[0]) == "d0");
  CHECK(all[1].size() == 1);
  CHECK(all[2].size() == 1);
  CHECK(all[3].size() == 1);
  CHECK(all[1200].size() == 300);
  CHECK(all[1203].size() == 601);

  SelectorSet empty;
  CHECK(empty.match(tree).empty());
}
