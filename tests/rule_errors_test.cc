// Rule files: every broken rule file is reported once, at its exact
// file:line:col, with a message naming the problem.
#include "fifo_test_util.h"
#include "rules_test_util.h"

TEST_CASE("rules errors: TOML syntax error") {
  TempDir tmp;
  // Line 3: a value that is not a TOML value; toml++ reports where it starts.
  expect_error(tmp, "broken.toml",
               "# a comment\n"
               "hosts = [\"a.test\"]\n"
               "article_url = @oops\n",
               3, 15, "could not determine value type");
}

TEST_CASE("rules errors: unknown top-level key") {
  TempDir tmp;
  // Reported where the key's value starts: line 2, column 10.
  expect_error(tmp, "site.toml",
               "hosts = [\"a.test\"]\n"
               "colour = \"red\"\n",
               2, 10, "unknown key 'colour'");
}

TEST_CASE("rules errors: unknown key in [drop.KIND]") {
  TempDir tmp;
  expect_error(tmp, "site.toml",
               "hosts = [\"a.test\"]\n"
               "[drop.ads]\n"
               "selectors = [\"div.ad\"]\n"
               "selector = \"div.ad\"\n",
               4, 12, "unknown key 'selector' in [drop.ads]");
}

TEST_CASE("rules errors: wrong types") {
  TempDir tmp;
  SUBCASE("hosts = 5") {
    expect_error(tmp, "site.toml", "# c\nhosts = 5\n", 2, 9, "hosts must be a string or an array of strings");
  }
  SUBCASE("a number inside hosts") {
    expect_error(tmp, "site.toml", "hosts = [\"a.test\", 7]\n", 1, 20, "hosts: every entry must be a string");
  }
  SUBCASE("extends = true") {
    expect_error(tmp, "site.toml", "extends = true\n", 1, 11, "extends must be a string");
  }
  SUBCASE("[drop] kind that is not a table") {
    expect_error(tmp, "site.toml", "[drop]\nads = 3\n", 2, 7, "[drop.ads] must be a table");
  }
  SUBCASE("take is neither first nor last") {
    expect_error(tmp, "site.toml",
                 "[fields]\n"
                 "byline = [{ selector = \"p.author\", take = \"middle\" }]\n",
                 2, 43, "take must be \"first\" or \"last\"");
  }
}

TEST_CASE("rules errors: a bad selector is reported inside the string") {
  TempDir tmp;
  // Column = column of the opening quote + 1 + the 0-based offset of the
  // offending character in the selector.
  SUBCASE("div..x: the second '.' (offset 4)") {
    //            1234567890123456789012
    //   line 3: 'selectors = ["nav", "div..x"]'  quote at 21
    expect_error(tmp, "site.toml",
                 "hosts = \"a.test\"\n"
                 "[drop.x]\n"
                 "selectors = [\"nav\", \"div..x\"]\n",
                 3, 21 + 1 + 4, "bad selector \"div..x\": expected a class name after '.'");
  }
  SUBCASE("a[href: the unterminated '[' (offset 1)") {
    //   line 2: 'title = "a[href"'  quote at 9
    expect_error(tmp, "site.toml",
                 "[fields]\n"
                 "title = \"a[href\"\n",
                 2, 9 + 1 + 1, "bad selector \"a[href\": unterminated attribute selector");
  }
  SUBCASE("p:hover: the ':' (offset 1)") {
    //   line 2: 'lead = ["div.sapo", "p:hover"]'  quote at 21
    expect_error(tmp, "site.toml",
                 "[fields]\n"
                 "lead = [\"div.sapo\", \"p:hover\"]\n",
                 2, 21 + 1 + 1, "unknown pseudo-class ':hover'");
  }
  SUBCASE("'>' alone (offset 0)") {
    //   line 2: 'section = ">"'  quote at 11
    expect_error(tmp, "site.toml",
                 "[meta]\n"
                 "section = \">\"\n",
                 2, 11 + 1 + 0, "bad selector \">\": dangling combinator '>'");
  }
  SUBCASE("on a continuation line of a multi-line array") {
    //   line 5: '  "ul li..y",'  quote at 3, second '.' at offset 6
    expect_error(tmp, "site.toml",
                 "hosts = \"a.test\"\n"
                 "[drop.nav]\n"
                 "selectors = [\n"
                 "  \"nav\",\n"
                 "  \"ul li..y\",\n"
                 "]\n",
                 5, 3 + 1 + 6, "expected a class name after '.'");
  }
  SUBCASE("in a { selector = ... } field entry") {
    //   line 2: 'byline = [{ selector = "p#", take = "last" }]'  quote at 24, '#' name at offset 2
    expect_error(tmp, "site.toml",
                 "[fields]\n"
                 "byline = [{ selector = \"p#\", take = \"last\" }]\n",
                 2, 24 + 1 + 2, "expected an id after '#'");
  }
}

// Regression (fixed): the column is a byte offset into the *parsed* string added to the
// column of the quote in the *source*: a TOML escape before the error (here
// \" twice) shifts it, so the column points two characters before the bad '.'.
TEST_CASE("rules errors: a bad selector after TOML escapes is still pinpointed") {
  TempDir tmp;
  //   line 2: 'title = "a[title=\"x\"]..y"'  quote at 9; the second '.' is
  //   source character 9 + 1 + 15 (offset 13 in the parsed text, plus two backslashes).
  expect_error(tmp, "site.toml",
               "[fields]\n"
               "title = \"a[title=\\\"x\\\"]..y\"\n",
               2, 9 + 1 + 15, "expected a class name after '.'");
}

// Regression (fixed): same cause, other symptom: the offset inside the string is counted in
// bytes, but toml++ counts source columns in characters, so every non-ASCII
// character (Vietnamese text is the norm in line patterns) before the error
// pushes the column one or two characters too far right.
TEST_CASE("rules errors: columns count characters after Vietnamese text") {
  TempDir tmp;
  SUBCASE("selector") {
    //   line 2: 'title = "h1.đề..x"'  quote at 9; the second '.' is character 7 of the string
    expect_error(tmp, "site.toml", "[fields]\ntitle = \"h1.đề..x\"\n", 2, 9 + 1 + 6,
                 "expected a class name after '.'");
  }
  SUBCASE("pattern") {
    //   line 2: "lines = ['Tin liên quan[']"  quote at 10; '[' is character 14 of the string
    expect_error(tmp, "site.toml", "[drop.x]\nlines = ['Tin liên quan[']\n", 2, 10 + 1 + 13,
                 "missing ]");
  }
}

TEST_CASE("rules errors: a bad RE2 pattern") {
  TempDir tmp;
  SUBCASE("in lines: 'a(b' (error argument at offset 0)") {
    //   line 3: "lines = ['ok', 'a(b']"  quote at 16
    expect_error(tmp, "site.toml",
                 "hosts = \"a.test\"\n"
                 "[drop.x]\n"
                 "lines = ['ok', 'a(b']\n",
                 3, 16 + 1 + 0, "bad pattern 'a(b': missing )");
  }
  SUBCASE("in lines: 'ab[c' (error argument '[c' at offset 2)") {
    //   line 2: "lines = ['ab[c']"  quote at 10
    expect_error(tmp, "site.toml",
                 "[drop.x]\n"
                 "lines = ['ab[c']\n",
                 2, 10 + 1 + 2, "bad pattern 'ab[c': missing ]");
  }
  SUBCASE("in article_url") {
    expect_error(tmp, "site.toml", "article_url = '^https?://(x'\n", 1, 15 + 1 + 0, "bad pattern");
  }
  SUBCASE("in between") {
    //   line 2: "between = [['googleoff', 'x)']]"  second quote at 26
    expect_error(tmp, "site.toml",
                 "[drop.x]\n"
                 "between = [['googleoff', 'x)']]\n",
                 2, 26 + 1 + 0, "bad pattern 'x)'");
  }
  SUBCASE("between entry that is not a pair") {
    expect_error(tmp, "site.toml",
                 "[drop.x]\n"
                 "between = [['googleoff']]\n",
                 2, 12, "each entry must be [\"from\", \"to\"]");
  }
}

TEST_CASE("rules errors: a bad date format and a bad utc_offset") {
  TempDir tmp;
  SUBCASE("%Q") {
    //   line 3: 'formats = ["%d/%m/%Y", "%Q"]'  quote at 24
    expect_error(tmp, "site.toml",
                 "hosts = \"a.test\"\n"
                 "[dates]\n"
                 "formats = [\"%d/%m/%Y\", \"%Q\"]\n",
                 3, 24, "bad date format \"%Q\": unknown date directive '%Q'");
  }
  SUBCASE("no year") {
    expect_error(tmp, "site.toml", "[dates]\nformats = \"%d/%m\"\n", 2, 11,
                 "date format needs %d, %m and %Y (or %y)");
  }
  SUBCASE("utc_offset +25:00") {
    expect_error(tmp, "site.toml", "[dates]\nutc_offset = \"+25:00\"\n", 2, 14,
                 "bad utc_offset \"+25:00\"");
  }
  SUBCASE("utc_offset junk") {
    expect_error(tmp, "site.toml", "[dates]\n\nutc_offset = \"Asia/Ho_Chi_Minh\"\n", 3, 14,
                 "bad utc_offset \"Asia/Ho_Chi_Minh\"");
  }
  SUBCASE("utc_offset as a number") {
    expect_error(tmp, "site.toml", "[dates]\nutc_offset = 7\n", 2, 14, "dates.utc_offset must be a string");
  }
  SUBCASE("unknown key in [dates]") {
    expect_error(tmp, "site.toml", "[dates]\nzone = \"+07:00\"\n", 2, 8, "unknown key 'zone' in [dates]");
  }
}

TEST_CASE("rules errors: extends to a missing file") {
  TempDir tmp;
  std::string path = tmp.write("site.toml", "extends = \"nothere\"\nhosts = \"a.test\"\n");
  RuleError err = load_error(tmp.dir());
  CHECK(err.where.file == path);
  CHECK(err.where.line == 1);
  CHECK(err.where.column == 11);  // the value of `extends`
  CHECK(err.message == "extends \"nothere\": no file " + tmp.file("nothere.toml"));
}

// Regression (fixed): the error for a missing base (and for a cycle) is always reported at
// line 1, column 1, not where `extends` is written. The real rule files
// start with comment lines (baoquocte.vn.toml has `extends` on line 3).
TEST_CASE("rules errors: extends to a missing file, written below a comment") {
  TempDir tmp;
  expect_error(tmp, "site.toml",
               "# a site\n"
               "# more about it\n"
               "extends = \"nothere\"\n",
               3, 11, "extends \"nothere\": no file");
}

TEST_CASE("rules errors: an extends cycle") {
  TempDir tmp;
  std::string a = tmp.write("a.toml", "extends = \"b\"\nhosts = \"a.test\"\n");
  std::string b = tmp.write("b.toml", "extends = \"a\"\n");
  RuleError err = load_error(tmp.dir());
  INFO(err.to_string());
  // a.toml is loaded first; b.toml's extends closes the cycle.
  CHECK(err.where.file == b);
  CHECK(err.where.line == 1);
  CHECK(err.where.column == 11);
  CHECK(err.message.find("extends \"a\" makes a cycle") == 0);

  SUBCASE("a file extending itself") {
    TempDir one;
    std::string self = one.write("self.toml", "extends = \"self\"\n");
    RuleError e = load_error(one.dir());
    CHECK(e.where.file == self);
    CHECK(e.message.find("extends \"self\" makes a cycle") == 0);
  }
}

TEST_CASE("rules errors: two files claiming the same host") {
  TempDir tmp;
  tmp.write("a.toml", "hosts = [\"one.test\", \"shared.test\"]\n");
  std::string b = tmp.write("b.toml", "hosts = [\"Shared.Test\"]\n");
  RuleError err = load_error(tmp.dir());
  CHECK(err.where.file == b);
  CHECK(err.where.line == 1);
  CHECK(err.where.column == 10);  // the repeated entry
  CHECK(err.message == "host Shared.Test is already served by another rule file");
}

// Regression (fixed): a host claimed twice is reported at line 1, column 1 of the second
// file, not at the hosts entry that repeats it.
TEST_CASE("rules errors: a duplicate host is reported at its entry") {
  TempDir tmp;
  tmp.write("a.toml", "hosts = [\"shared.test\"]\n");
  expect_error(tmp, "b.toml",
               "# second site\n"
               "hosts = [\"b.test\", \"shared.test\"]\n",
               2, 20, "host shared.test is already served");
}

TEST_CASE("rules errors: the rules path is not a directory") {
  TempDir tmp;
  SUBCASE("missing") {
    std::string missing = tmp.file("no-such-dir");
    RuleError err = load_error(missing);
    CHECK(err.where.file == missing);
    CHECK(err.where.line == 0);
    CHECK(err.to_string() == missing + ": not a directory of rule files");
  }
  SUBCASE("a regular file") {
    std::string file = tmp.write("generic.toml", "description = \"x\"\n");
    RuleError err = load_error(file);
    CHECK(err.to_string() == file + ": not a directory of rule files");
  }
}

// `extends` names a rule file of the rules directory, nothing else: a path,
// a NUL (which once cut "/etc/passwd\u0000" to /etc/passwd) or ".." is
// refused where it is written, before any file is opened.
TEST_CASE("rules errors: extends is a rule name, resolved in the rules directory") {
  TempDir tmp;
  const std::string why = "not a rule name (letters, digits, '.', '_', '-'), resolved in " + tmp.dir();
  // The value as written in TOML, and as the one-line message shows it.
  struct Case {
    const char* written;
    const char* shown;
  };
  for (const Case& c : {Case{R"("/etc/passwd\u0000")", R"(/etc/passwd\u0000)"},  // a NUL cuts nothing
                        Case{R"("/dev/zero\u0000")", R"(/dev/zero\u0000)"},
                        Case{R"("/etc/passwd")", "/etc/passwd"},                 // an absolute path
                        Case{R"("../../outside")", "../../outside"},             // out of the directory
                        Case{R"("..")", ".."},
                        Case{R"(".base")", ".base"},                             // a hidden file
                        Case{R"("")", ""},
                        Case{R"("a\nb")", R"(a\u000Ab)"}}) {  // the message stays one line
    CAPTURE(c.written);
    expect_error(tmp, "site.toml", std::string("# a site\nextends = ") + c.written + "\n", 2, 11,
                 std::string("extends \"") + c.shown + "\": " + why);
  }
}

TEST_CASE("rules: the bundled names resolve (generic, mastercms, site files), dots and all") {
  TempDir tmp;
  tmp.write("base-1_v2.example.toml", "[drop.ads]\nselectors = [\"div.ad\"]\n");
  tmp.write("site.toml", "extends = \"base-1_v2.example\"\nhosts = \"a.test\"\n");
  RuleLibrary lib;
  RuleError err;
  REQUIRE_MESSAGE(winnow::rules::load_rule_library(tmp.dir(), &lib, &err), err.to_string());
  CHECK(lib.by_name("site")->chain.size() == 2);
  // The real chain: site < mastercms < generic.
  const RuleSet* site = real_rules().by_name("baoquocte.vn");
  REQUIRE(site);
  CHECK(site->chain == std::vector<std::string>{rules_dir() + "/baoquocte.vn.toml", rules_dir() + "/mastercms.toml",
                                                rules_dir() + "/generic.toml"});
}

TEST_CASE("rules errors: extends naming a FIFO is refused at once, not waited on") {
  TempDir tmp;
  const std::string fifo = tmp.file("pipe.toml");
  REQUIRE(make_fifo(fifo));
  const std::string site = tmp.write("site.toml", "extends = \"pipe\"\nhosts = \"a.test\"\n");
  RuleError err;
  CHECK(returns_within(5, fifo, [&] { err = load_error(tmp.dir()); }));
  CHECK(err.where.file == site);
  CHECK(err.where.line == 1);
  CHECK(err.where.column == 11);
  CHECK(err.message == "extends \"pipe\": " + fifo + ": not a regular file");
}

TEST_CASE("rules errors: a rule file must be a regular file") {
  TempDir tmp;
  SUBCASE("a FIFO loaded by name") {
    const std::string fifo = tmp.file("pipe.toml");
    REQUIRE(make_fifo(fifo));
    RuleSet set;
    RuleError err;
    bool loaded = true;
    CHECK(returns_within(5, fifo, [&] { loaded = winnow::rules::load_rule_file(fifo, &set, &err); }));
    CHECK_FALSE(loaded);
    CHECK(err.to_string() == fifo + ": not a regular file");
  }
  SUBCASE("a directory named like a rule file, extended") {
    fs::create_directory(tmp.file("base.toml"));
    tmp.write("site.toml", "extends = \"base\"\n");
    RuleError err = load_error(tmp.dir());
    CHECK(err.message == "extends \"base\": " + tmp.file("base.toml") + ": not a regular file");
  }
  SUBCASE("a character device, through a symbolic link") {
    fs::create_symlink("/dev/zero", tmp.file("zero.toml"));
    tmp.write("site.toml", "extends = \"zero\"\n");
    RuleError err = load_error(tmp.dir());
    CHECK(err.message == "extends \"zero\": " + tmp.file("zero.toml") + ": not a regular file");
  }
}

TEST_CASE("rules errors: a rule file over 1 MiB is refused, saying so") {
  TempDir tmp;
  // Valid TOML all along: only the size is wrong.
  std::string text = "hosts = \"a.test\"\n";
  text += "# " + std::string((size_t{1} << 20) - text.size() - 3, 'x') + "\n";
  REQUIRE(text.size() == size_t{1} << 20);
  const std::string exactly = tmp.write("site.toml", text);
  RuleLibrary lib;
  RuleError err;
  CHECK_MESSAGE(winnow::rules::load_rule_library(tmp.dir(), &lib, &err), err.to_string());
  tmp.write("site.toml", text + "\n");
  err = load_error(tmp.dir());
  CHECK(err.to_string() == exactly + ": larger than 1 MiB (1048576 bytes), the most a rule file may have");
}
