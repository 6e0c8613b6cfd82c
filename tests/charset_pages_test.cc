// Whole pages in legacy charsets through the public library calls
// (load_document, clean): a small GBK news page declaring gb2312, and real
// saved pages from tests/data/charsets/ (provenance in its README.md), the
// expected text read off each page.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "winnow.h"
#include "project_rules.h"

namespace {

std::string charset_page(const std::string& name) {
  std::ifstream in(std::string(WINNOW_SOURCE_DIR) + "/tests/data/charsets/" + name, std::ios::binary);
  REQUIRE(in);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// 北京迎来今冬第一场雪 ("Beijing sees its first snow of the winter") and three
// paragraphs, in GBK bytes (from the spec's index-gb18030.txt).
const std::string kTitleGbk =
    "\xB1\xB1\xBE\xA9\xD3\xAD\xC0\xB4\xBD\xF1\xB6\xAC\xB5\xDA\xD2\xBB\xB3\xA1\xD1\xA9";
const std::string kTitle = "北京迎来今冬第一场雪";
const std::string kSiteGbk = "\xCA\xBE\xC0\xFD\xD0\xC2\xCE\xC5\xCD\xF8";  // 示例新闻网
const std::string kParagraphsGbk[] = {
    "\xB1\xBE\xB1\xA8\xD1\xB6 \xBD\xF1\xCC\xEC\xD4\xE7\xC9\xCF\xA3\xAC\xB1\xB1\xBE\xA9\xD3\xAD"
    "\xC0\xB4\xBD\xF1\xB6\xAC\xB5\xDA\xD2\xBB\xB3\xA1\xD1\xA9\xA1\xA3\xC6\xF8\xCF\xF3\xB2\xBF"
    "\xC3\xC5\xB1\xED\xCA\xBE\xA3\xAC\xBD\xB5\xD1\xA9\xBD\xAB\xB3\xD6\xD0\xF8\xB5\xBD\xC3\xF7"
    "\xCC\xEC\xD6\xD0\xCE\xE7\xA3\xAC\xCA\xD0\xC3\xF1\xB3\xF6\xD0\xD0\xC7\xEB\xD7\xA2\xD2\xE2"
    "\xB0\xB2\xC8\xAB\xA1\xA3",
    "\xBE\xDD\xC1\xCB\xBD\xE2\xA3\xAC\xC8\xAB\xCA\xD0\xB9\xB2\xB3\xF6\xB6\xAF\xB3\xFD\xD1\xA9"
    "\xB3\xB5\xC1\xBE\xD2\xBB\xC7\xA7\xD3\xE0\xCC\xA8\xA3\xAC\xD6\xF7\xD2\xAA\xB5\xC0\xC2\xB7"
    "\xBD\xBB\xCD\xA8\xBB\xF9\xB1\xBE\xD5\xFD\xB3\xA3\xA1\xA3\xB2\xBF\xB7\xD6\xD1\xA7\xD0\xA3"
    "\xCD\xC6\xB3\xD9\xC1\xCB\xC9\xCF\xBF\xCE\xCA\xB1\xBC\xE4\xA1\xA3",
    "\xD7\xA8\xBC\xD2\xCC\xE1\xD0\xD1\xA3\xAC\xD1\xA9\xBA\xF3\xC6\xF8\xCE\xC2\xBD\xCF\xB5\xCD"
    "\xA3\xAC\xC0\xCF\xC8\xCB\xBA\xCD\xB6\xF9\xCD\xAF\xD3\xA6\xBC\xF5\xC9\xD9\xCD\xE2\xB3\xF6"
    "\xA3\xAC\xD7\xA2\xD2\xE2\xB1\xA3\xC5\xAF\xA1\xA3",
};
const std::string kParagraphs[] = {
    "本报讯 今天早上，北京迎来今冬第一场雪。气象部门表示，降雪将持续到明天中午，市民出行请注意安全。",
    "据了解，全市共出动除雪车辆一千余台，主要道路交通基本正常。部分学校推迟了上课时间。",
    "专家提醒，雪后气温较低，老人和儿童应减少外出，注意保暖。",
};

std::string gbk_news_page(const std::string& head_charset) {
  std::string page = "<!DOCTYPE html><html><head>" + head_charset + "<title>" + kTitleGbk + " - " +
                     kSiteGbk + "</title></head><body><nav><a href=\"/\">" + kSiteGbk +
                     "</a></nav><article><h1>" + kTitleGbk + "</h1>";
  for (const std::string& p : kParagraphsGbk) page += "<p>" + p + "</p>";
  return page + "</article></body></html>";
}

}  // namespace

TEST_CASE("charset page: <meta charset=gb2312> with GBK title and body cleans to the text") {
  for (const char* head : {"<meta charset=\"gb2312\">",
                           "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\">",
                           "<meta charset=\"x-gbk\">"}) {
    CAPTURE(head);
    winnow::Document doc = winnow::load_document(gbk_news_page(head));
    CHECK(doc.charset == "gbk");
    CHECK(doc.warnings.empty());
    winnow::Article a = winnow::clean(project_rules(), doc, {.url = "https://news.example.cn/a/1.html"});
    REQUIRE(a.title);
    CHECK(contains(*a.title, kTitle));
    std::string text = a.text();
    for (const std::string& p : kParagraphs) {
      CAPTURE(p);
      CHECK(contains(text, p));
    }
    CHECK_FALSE(contains(text, "\uFFFD"));
  }
}

TEST_CASE("charset page: the transport's gb2312 over a page with no declaration") {
  winnow::Document doc = winnow::load_document(gbk_news_page(""), "gb2312");
  CHECK(doc.charset == "gbk");
  CHECK(contains(winnow::render(doc), kParagraphs[2]));
}

// www.jb51.net's home page as served (2016), declaring gb2312 in an
// http-equiv <meta>.
TEST_CASE("charset page: a real gb2312 page (jb51.net)") {
  winnow::Document doc = winnow::load_document(charset_page("jb51-gb2312.html"));
  CHECK(doc.charset == "gbk");
  CHECK(doc.warnings.empty());
  winnow::Article a =
      winnow::clean(project_rules(), doc, {.url = "http://www.jb51.net/", .whole_page = true});
  REQUIRE(a.title);
  CHECK(contains(*a.title, "脚本之家"));
  std::string text = winnow::render(doc);
  CHECK(contains(text, "脚 本 之 家 www.jb51.net"));
  CHECK(contains(text, "Python的GUI框架PySide的安装配置教程"));
  CHECK(contains(text, "MySQL连接及基本信息查看命令汇总"));
  CHECK_FALSE(contains(text, "\uFFFD"));
}

// A GeoCities Japan page in Shift_JIS (declared "Shift_JIS" in an http-equiv <meta>).
TEST_CASE("charset page: a real Shift_JIS page (geocities.jp)") {
  winnow::Document doc = winnow::load_document(charset_page("videogame_top-shift_jis.htm"));
  CHECK(doc.charset == "shift_jis");
  CHECK(doc.warnings.empty());
  std::string text = winnow::render(doc);
  CHECK(contains(text, "エレメカ"));
  CHECK(contains(text, "25 コナミ/ピカデリーRF2"));
  CHECK(contains(text, "26 タイトー/ヒヨコのかくれんぼ"));
  CHECK_FALSE(contains(text, "\uFFFD"));
}

// KCNA's page: UTF-16LE with a byte-order mark, and a <meta> that says
// x-sjis. The BOM decides.
TEST_CASE("charset page: a real UTF-16LE page whose <meta> says x-sjis (kcna.co.jp)") {
  winnow::Document doc = winnow::load_document(charset_page("kcna-utf16le.html"));
  CHECK(doc.charset == "utf-16le");
  CHECK(doc.warnings.empty());
  winnow::Article a =
      winnow::clean(project_rules(), doc, {.url = "http://www.kcna.co.jp/", .whole_page = true});
  REQUIRE(a.title);
  CHECK(*a.title == "Korea News Service Korean News 조선통신 朝鮮通信");
}
