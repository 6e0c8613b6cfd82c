// The selector matcher under stress: hostile selectors, deep trees without
// recursion, a randomized comparison with a backtracking matcher, many
// selectors in one set.
#include "html/select.h"

#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "select_test_util.h"

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
