// Emptying what can never become text before Gumbo parses a page.
#include "html/prune.h"

#include <doctest/doctest.h>

#include <string>

#include "html/page.h"
#include "html/render.h"

using winnow::html::prune_for_parse;

namespace {

std::string pruned(const std::string& html) {
  std::string out;
  return prune_for_parse(html, &out) ? out : html;
}

}  // namespace

TEST_CASE("prune: script, style, noscript, template and svg bodies go, tags stay") {
  CHECK(pruned("<p>a</p><script>var x = '<p>no</p>';</script><p>b</p>") == "<p>a</p><script></script><p>b</p>");
  CHECK(pruned("<STYLE type=text/css>p{}</STYLE>x") == "<STYLE type=text/css></STYLE>x");
  CHECK(pruned("<noscript><img src=a></noscript>") == "<noscript></noscript>");
  CHECK(pruned("<template><p>t</p></template>") == "<template></template>");
  CHECK(pruned("<svg viewBox='0 0 1 1'><title>icon</title><path d='M0'/></svg>z") ==
        "<svg viewBox='0 0 1 1'></svg>z");
  // Nested svg: the outer one's end.
  CHECK(pruned("<svg><svg><g/></svg><text>t</text></svg>after") == "<svg></svg>after");
  CHECK(pruned("<svg/>keep") == "<svg/>keep");
}

TEST_CASE("prune: JSON-LD stays, and so do short comments") {
  std::string ld = "<script type=\"application/ld+json\">{\"headline\": \"H\"}</script>";
  CHECK(pruned(ld) == ld);
  std::string marks = "<!--googleoff: all--><div>share</div><!--googleon: all-->";
  CHECK(pruned(marks) == marks);
  std::string long_comment = "<!--" + std::string(300, 'x') + "-->";
  CHECK(pruned("a" + long_comment + "b") == "ab");
  CHECK(pruned("<!-->x<!--->y") == "<!-->x<!--->y");
}

TEST_CASE("prune: a <noscript> of kNoscriptViewBytes or more keeps its content: a page's no-script view") {
  const std::string view = "<div class=post><p>" + std::string(winnow::html::kNoscriptViewBytes, 'w') + "</p></div>";
  const std::string page = "<body><script>app()</script><noscript>" + view + "</noscript></body>";
  CHECK(pruned(page) == "<body><script></script><noscript>" + view + "</noscript></body>");
  const std::string small = view.substr(0, winnow::html::kNoscriptViewBytes - 1);
  CHECK(pruned("<noscript>" + small + "</noscript>") == "<noscript></noscript>");
  // Still never text where the page is laid out as a browser with scripts
  // shows it; laid out with the `noscript` option.
  winnow::html::Page p = winnow::html::parse_page(page);
  CHECK(winnow::html::render_text(p.tree).find("www") == std::string::npos);
  winnow::html::RenderOptions ro;
  ro.noscript = true;
  CHECK(winnow::html::render_text(p.tree, ro).find("www") != std::string::npos);
}

TEST_CASE("prune: newlines stay, so page line numbers do") {
  CHECK(pruned("<script>\nvar a;\nvar b;\n</script><p>x</p>") == "<script>\n\n\n</script><p>x</p>");
  winnow::html::Page page = winnow::html::parse_page("<script>\n\n\n</script>\n<p id=x>x</p>");
  bool found = false;
  for (winnow::html::NodeId i = 0; i < page.tree.size(); ++i)
    if (page.tree.attr(i, "id") == "x") {
      CHECK(page.tree.source_line(i) == 5);
      found = true;
    }
  CHECK(found);
}

TEST_CASE("prune: the end tag is found the way the tokenizer finds it") {
  CHECK(pruned("<script>if (a</b) {}</script>x") == "<script></script>x");
  CHECK(pruned("<script>s = '</scripts>';</script>x") == "<script></script>x");
  CHECK(pruned("<scriptx>keep</scriptx>") == "<scriptx>keep</scriptx>");
  // Unclosed: the rest of the page is the script's (as in a browser).
  CHECK(pruned("<p>a</p><script>never closed <p>b</p>") == "<p>a</p><script>");
  // Quoted '>' in the open tag.
  CHECK(pruned("<script data-x=\"a>b\">code</script>y") == "<script data-x=\"a>b\"></script>y");
}

TEST_CASE("prune: nothing to prune leaves the page as it is") {
  std::string out = "untouched";
  CHECK_FALSE(prune_for_parse("<p>plain</p>", &out));
  CHECK(out == "untouched");
}

TEST_CASE("prune: the rendered text is the same with and without it") {
  std::string page =
      "<html><head><style>body{}</style><script>var s='<p>x</p>';</script></head><body>"
      "<svg><text>no</text></svg><p>One <b>two</b></p><!--" + std::string(250, 'c') +
      "--><noscript>n</noscript><div>three</div><template><p>t</p></template></body></html>";
  winnow::html::ParseOptions off;
  off.prune = false;
  CHECK(winnow::html::render_text(winnow::html::parse_page(page).tree) ==
        winnow::html::render_text(winnow::html::parse_page(page, off).tree));
  CHECK(winnow::html::render_text(winnow::html::parse_page(page).tree) == "One two\n\nthree");
}

TEST_CASE("prune: a tag name inside <title> or <textarea> is text, not a tag") {
  std::string page = "<title>Why <script> tags block</title><p>body</p><script>x()</script>";
  CHECK(pruned(page) == "<title>Why <script> tags block</title><p>body</p><script></script>");
  std::string form = "<textarea><style>kept</textarea><p>after</p>";
  CHECK(pruned(form) == form);
}
