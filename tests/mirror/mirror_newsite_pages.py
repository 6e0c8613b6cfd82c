"""The HTML of tinnhanh.example, the mirror's news site with no rule file: a
plain modern news template (not MasterCMS), its AMP and mobile variants, the
home page, the section pages and the topic page that looks like an article.

Part of tests/mirror/mirror.py (see mirror_newsite.py and
tests/mirror/README.md, "tinnhanh.example").
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

HOST = "tinnhanh.example"
MAIN = "http://" + HOST
SITE_NAME = "Tin Nhanh"
FEED_PATH = "/feeds/tin-moi.rss"
FEED_TITLE = "Tin mới"
SECTIONS = (("thoi-su", "Thời sự"), ("kinh-te", "Kinh tế"), ("the-gioi", "Thế giới"))
SECTION_NAMES = dict(SECTIONS)
VN_TZ = timezone(timedelta(hours=7))
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
TOPIC_TITLE = "Chuyên đề: Toàn cảnh kinh tế - xã hội cuối năm 2026"
SYNDICATION_CREDIT = "Theo TTXVN"

e = html.escape


@dataclass
class Story:
    """One article of the site (or the syndicated copy of one)."""

    name: str  # the fixture's NAME
    source: str  # fixtures/<host>/NAME: where the text comes from
    slug: str
    id: int
    section: str
    title: str
    lead: str
    author: str
    blocks: list  # ("p", text) or ("table", [[cell, ...], ...])
    published: datetime = None  # +07:00
    modified: datetime = None
    credit: str = ""  # the syndicated copy's extra header line
    copy_of: "Story | None" = None
    related: list = field(default_factory=list)  # other stories

    @property
    def source_name(self) -> str:
        """<host>/NAME: the fixture it comes from."""
        return "/".join(self.source.replace("\\", "/").split("/")[-2:])

    @property
    def path(self) -> str:
        return "/%s/%s-a%d.html" % (self.section, self.slug, self.id)

    @property
    def url(self) -> str:
        return MAIN + self.path

    @property
    def amp_suffix_path(self) -> str:
        return self.path[:-len(".html")] + "/amp"

    @property
    def first_line(self) -> str:
        """The first line of the body: its first <p> (up to a <br>), list
        item, or table row (cells joined by tabs)."""
        kind, value = self.blocks[0]
        return "\t".join(value[0]) if kind == "table" else value[0]

    @property
    def summary(self) -> str:
        return shorten(self.lead, 170)


def iso(dt: datetime) -> str:
    return dt.astimezone(VN_TZ).isoformat()


def shown_date(dt: datetime) -> str:
    d = dt.astimezone(VN_TZ)
    return "%s, %s" % (WEEKDAYS[d.weekday()], d.strftime("%d/%m/%Y - %H:%M"))


def short_date(dt: datetime) -> str:
    return dt.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-– ")
    return cut + "…"


def ld_json(obj) -> str:
    text = json.dumps(obj, ensure_ascii=False, indent=None)
    return '<script type="application/ld+json">%s</script>\n' % text.replace("</", "<\\/")


def news_article_ld(s: Story, url: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": s.title,
        "description": s.lead,
        "datePublished": iso(s.published),
        "dateModified": iso(s.modified),
        "articleSection": SECTION_NAMES[s.section],
        "author": {"@type": "Person", "name": s.author},
        "publisher": {"@type": "Organization", "name": SITE_NAME,
                      "logo": {"@type": "ImageObject", "url": MAIN + "/static/logo.png"}},
    }


def breadcrumb_ld(section: str) -> dict:
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": MAIN + "/"},
        {"@type": "ListItem", "position": 2, "name": SECTION_NAMES[section], "item": "%s/%s/" % (MAIN, section)}]}


def body_html(blocks: list, indent: str = "") -> str:
    out = []
    for kind, value in blocks:
        if kind == "p":
            out.append("%s<p>%s</p>\n" % (indent, "<br>".join(e(line) for line in value)))
        elif kind == "list":
            out.append("%s<ul>%s</ul>\n" % (indent, "".join("<li>%s</li>" % e(line) for line in value)))
        else:
            rows = "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % e(c) for c in row) for row in value)
            out.append('%s<table class="data-table"><tbody>%s</tbody></table>\n' % (indent, rows))
    return "".join(out)


# ---------------------------------------------------------------------------
# The main template: header with the menu, breaking ticker, content, most
# read, footer.


def _head(title: str, canonical: str, description: str, og_type: str, extra: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>%s</title>\n"
        '<meta name="description" content="%s">\n'
        '<link rel="canonical" href="%s">\n'
        '<meta property="og:site_name" content="%s">\n'
        '<meta property="og:type" content="%s">\n'
        '<meta property="og:title" content="%s">\n'
        '<meta property="og:description" content="%s">\n'
        '<meta property="og:url" content="%s">\n'
        '<meta property="og:locale" content="vi_VN">\n'
        '<link rel="alternate" type="application/rss+xml" title="%s" href="%s">\n'
        '<link rel="stylesheet" href="/static/css/site.css">\n'
        "%s</head>\n"
        % (e(title), e(description), e(canonical), SITE_NAME, og_type, e(title), e(description), e(canonical),
           FEED_TITLE, FEED_PATH, extra))


def _header(site) -> str:
    nav = "".join('<li class="nav-item"><a href="/%s/">%s</a></li>' % (slug, e(name)) for slug, name in SECTIONS)
    ticker = "".join('<li><a href="%s">%s</a></li>' % (s.path, e(s.title)) for s in site.by_date[:3])
    return (
        '<header class="site-header">\n'
        '<div class="header-inner"><a class="logo" href="/" title="%s">%s</a>'
        '<form class="search-form" action="/tim-kiem/" method="get"><input type="search" name="q" '
        'placeholder="Tìm kiếm"><button type="submit">Tìm</button></form></div>\n'
        '<nav class="main-nav"><ul class="nav-list"><li class="nav-item"><a href="/">Trang chủ</a></li>%s'
        '<li class="nav-item"><a href="%s">Chuyên đề</a></li></ul></nav>\n'
        "</header>\n"
        '<div class="breaking-ticker"><span class="ticker-label">Tin nóng</span><ul class="ticker-list">%s</ul></div>\n'
        % (SITE_NAME, SITE_NAME, nav, site.topic_path, ticker))


def _most_read(site) -> str:
    items = "".join('<li><a href="%s">%s</a></li>' % (s.path, e(s.title)) for s in site.most_read)
    return ('<aside class="sidebar">\n<div class="widget most-read"><h3 class="widget-title">Đọc nhiều nhất</h3>'
            '<ol class="most-read-list">%s</ol></div>\n'
            '<div class="widget newsletter"><h3 class="widget-title">Nhận bản tin</h3>'
            '<form action="/dang-ky/" method="post"><input type="email" name="email" placeholder="Email của bạn">'
            '<button type="submit">Đăng ký</button></form></div>\n</aside>\n' % items)


def _footer() -> str:
    return (
        '<footer class="site-footer">\n'
        '<div class="footer-links"><a href="/gioi-thieu/">Giới thiệu</a> <a href="/lien-he/">Liên hệ</a> '
        '<a href="/quang-cao/">Quảng cáo</a> <a href="%s">RSS</a></div>\n'
        '<div class="footer-contact"><p>%s - Trang tin tức tổng hợp</p>'
        "<p>Tòa soạn: Số 1 phố Ví Dụ, quận Hoàn Kiếm, Hà Nội. Điện thoại: 024 0000 0000. "
        'Email: <a href="mailto:toasoan@%s">toasoan@%s</a></p></div>\n'
        '<div class="copyright"><p>© 2026 %s. Giấy phép số 000/GP-TTĐT (trang thử nghiệm). '
        "Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></div>\n"
        "</footer>\n</body>\n</html>\n" % (FEED_PATH, SITE_NAME, HOST, HOST, SITE_NAME))


def _related(stories: list, title: str = "Tin liên quan") -> str:
    items = "".join('<li><a href="%s">%s</a></li>' % (s.path, e(s.title)) for s in stories)
    return '<div class="related-news"><h3 class="box-title">%s</h3><ul>%s</ul></div>\n' % (title, items)


def article_page(site, s: Story, amphtml: str | None) -> bytes:
    """A story in the main template; `s.credit` (the syndicated copy) adds
    a credit line in the article's header."""
    extra = (
        '<meta property="article:published_time" content="%s">\n'
        '<meta property="article:modified_time" content="%s">\n'
        '<meta property="article:section" content="%s">\n'
        % (iso(s.published), iso(s.modified), e(SECTION_NAMES[s.section])))
    if amphtml:
        extra += '<link rel="amphtml" href="%s">\n' % e(amphtml)
    extra += ld_json(news_article_ld(s, s.url)) + ld_json(breadcrumb_ld(s.section))
    credit = '<p class="article-credit">%s</p>\n' % e(s.credit) if s.credit else ""
    out = [
        _head("%s - %s" % (s.title, SITE_NAME), s.url, s.lead, "article", extra),
        "<body>\n", _header(site),
        '<div class="page-wrap">\n<main class="main-content">\n',
        '<div class="breadcrumbs"><a href="/">Trang chủ</a> <span>›</span> <a href="/%s/">%s</a></div>\n'
        % (s.section, e(SECTION_NAMES[s.section])),
        '<article class="news-article">\n<header class="news-header">\n',
        '<h1 class="news-title">%s</h1>\n' % e(s.title),
        '<div class="news-meta"><span class="news-author">%s</span> <span class="sep">|</span> '
        '<time class="news-time" datetime="%s">%s (GMT+7)</time></div>\n' % (e(s.author), iso(s.published),
                                                                             shown_date(s.published)),
        credit,
        "</header>\n",
        '<p class="news-lead">%s</p>\n' % e(s.lead),
        '<div class="news-body">\n', body_html(s.blocks), "</div>\n",
        '<div class="share-bar"><a href="https://www.facebook.com/sharer/sharer.php?u=%s">Chia sẻ Facebook</a> '
        '<a href="javascript:window.print()">In bài</a></div>\n' % e(s.url),
        _related(s.related),
        '<section id="comments" class="comments"><h3 class="box-title">Bình luận</h3>'
        "<p>Chưa có bình luận nào. Hãy là người đầu tiên bình luận bài viết này.</p></section>\n",
        "</article>\n</main>\n", _most_read(site), "</div>\n", _footer(),
    ]
    return "".join(out).encode()


def _teaser(s: Story, href: str | None = None, comments: str | None = None) -> str:
    href = href or s.path
    meta = '<a class="teaser-section" href="/%s/">%s</a> <time datetime="%s">%s</time>' % (
        s.section, e(SECTION_NAMES[s.section]), iso(s.published), short_date(s.published))
    if comments:
        meta += ' <a class="comment-count" href="%s">8 bình luận</a>' % e(comments)
    return ('<div class="teaser"><h3 class="teaser-title"><a href="%s">%s</a></h3>'
            '<p class="teaser-summary">%s</p><div class="teaser-meta">%s</div></div>\n'
            % (e(href), e(s.title), e(s.summary), meta))


def _listing(site, title: str, h1: str, canonical: str, description: str, inner: list[str],
             og_type: str = "website") -> bytes:
    out = [_head(title, canonical, description, og_type), "<body>\n", _header(site),
           '<div class="page-wrap">\n<main class="main-content">\n', '<h1 class="page-title">%s</h1>\n' % e(h1)]
    out += inner
    out += ["</main>\n", _most_read(site), "</div>\n", _footer()]
    return "".join(out).encode()


def home_page(site) -> bytes:
    sp = site.special
    box = '<section class="box %s"><h2 class="box-title">%s</h2><ul><li><a href="%s">%s</a></li></ul></section>\n'
    inner = ['<section class="latest-news"><h2 class="box-title">Tin mới nhất</h2>\n<div class="teaser-list">\n']
    for s in site.by_date:
        inner.append(_teaser(s, comments=sp["fragment"][0] if s is sp["fragment"][1] else None))
    inner.append("</div>\n</section>\n")
    inner.append(box % ("quick-read", "Đọc nhanh", e(sp["amp"][0]), e(sp["amp"][1].title)))
    inner.append(box % ("mobile-edition", "Xem trên điện thoại", e(sp["mobile"][0]), e(sp["mobile"][1].title)))
    inner.append(box % ("most-shared", "Được chia sẻ nhiều", e(sp["tracking"][0]), e(sp["tracking"][1].title)))
    inner.append(box % ("topic-box", "Chuyên đề", site.topic_path, e(TOPIC_TITLE)))
    sections = "".join('<li><a href="/%s/">%s</a></li>' % (slug, e(name)) for slug, name in SECTIONS)
    inner.append('<section class="box section-links"><h2 class="box-title">Chuyên mục</h2><ul>%s</ul></section>\n'
                 % sections)
    return _listing(site, "%s - Tin tức mới nhất trong ngày" % SITE_NAME, "%s - Tin tức mới nhất" % SITE_NAME,
                    MAIN + "/", "Tin tức thời sự, kinh tế, thế giới cập nhật liên tục.", inner)


def section_page(site, section: str) -> bytes:
    name = SECTION_NAMES[section]
    inner = ['<div class="teaser-list">\n'] + [_teaser(s) for s in site.by_date if s.section == section]
    inner.append("</div>\n")
    return _listing(site, "%s - %s" % (name, SITE_NAME), name, "%s/%s/" % (MAIN, section),
                    "Tin %s mới nhất." % name.lower(), inner)


def topic_page(site, stories: list) -> bytes:
    """The listing that looks like an article: og:type article at an
    article-shaped path, but only an h1 and teaser cards."""
    cards = []
    for s in stories:
        cards.append('<div class="topic-card"><h3 class="card-title"><a href="%s">%s</a></h3>'
                     '<p class="card-summary">%s</p><time datetime="%s">%s</time></div>\n'
                     % (s.path, e(s.title), e(shorten(s.lead, 110)), iso(s.published), short_date(s.published)))
    inner = ['<div class="topic-cards">\n'] + cards + ["</div>\n"]
    return _listing(site, "%s - %s" % (TOPIC_TITLE, SITE_NAME), TOPIC_TITLE, MAIN + site.topic_path,
                    "Tổng hợp tin bài về kinh tế - xã hội những tuần cuối năm 2026.", inner, og_type="article")


# ---------------------------------------------------------------------------
# The AMP and mobile variants: other templates, the same text, canonical to
# the main URL. Their links lead to main URLs only.

AMP_BOILERPLATE = ("<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;"
                   "animation:-amp-start 8s steps(1,end) 0s 1 normal both}</style>"
                   "<noscript><style amp-boilerplate>body{-webkit-animation:none;animation:none}</style></noscript>")


def amp_page(s: Story) -> bytes:
    out = [
        '<!doctype html>\n<html amp lang="vi">\n<head>\n<meta charset="utf-8">\n',
        '<script async src="https://cdn.ampproject.org/v0.js"></script>\n',
        "<title>%s</title>\n" % e(s.title),
        '<link rel="canonical" href="%s">\n' % e(s.url),
        '<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">\n',
        '<meta property="og:type" content="article">\n',
        AMP_BOILERPLATE, "\n",
        '<style amp-custom>.amp-title{font-size:22px}.amp-lead{font-weight:bold}</style>\n',
        ld_json(news_article_ld(s, s.url)),
        "</head>\n<body>\n",
        '<header class="amp-bar"><a href="%s/">%s</a></header>\n' % (MAIN, SITE_NAME),
        '<article class="amp-article">\n',
        '<h1 class="amp-title">%s</h1>\n' % e(s.title),
        '<p class="amp-byline"><span class="amp-author">%s</span> · <time datetime="%s">%s</time></p>\n'
        % (e(s.author), iso(s.published), short_date(s.published)),
        '<p class="amp-lead">%s</p>\n' % e(s.lead),
        body_html(s.blocks),
        '<p class="amp-more"><a href="%s">Xem bản đầy đủ</a></p>\n' % e(s.url),
        "</article>\n",
        '<footer class="amp-footer">© 2026 %s</footer>\n</body>\n</html>\n' % SITE_NAME,
    ]
    return "".join(out).encode()


def mobile_page(s: Story) -> bytes:
    nav = "".join('<a href="%s/%s/">%s</a> ' % (MAIN, slug, e(name)) for slug, name in SECTIONS)
    related = "".join('<li><a href="%s">%s</a></li>' % (r.url, e(r.title)) for r in s.related)
    out = [
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        "<title>%s - %s</title>\n" % (e(s.title), SITE_NAME),
        '<link rel="canonical" href="%s">\n' % e(s.url),
        '<meta property="og:type" content="article">\n',
        '<meta property="og:title" content="%s">\n' % e(s.title),
        '<meta property="og:url" content="%s">\n' % e(s.url),
        '<meta property="article:published_time" content="%s">\n' % iso(s.published),
        ld_json(news_article_ld(s, s.url)),
        "</head>\n<body class=\"m-site\">\n",
        '<div class="m-top"><a class="m-logo" href="%s/">%s</a><div class="m-menu">%s</div></div>\n'
        % (MAIN, SITE_NAME, nav),
        '<div class="m-detail">\n',
        '<h1 class="m-headline">%s</h1>\n' % e(s.title),
        '<div class="m-info"><span class="m-author">%s</span> - <time datetime="%s">%s</time></div>\n'
        % (e(s.author), iso(s.published), short_date(s.published)),
        '<p class="m-sapo">%s</p>\n' % e(s.lead),
        '<div class="m-content">\n', body_html(s.blocks), "</div>\n",
        "</div>\n",
        '<div class="m-related"><h3>Tin liên quan</h3><ul>%s</ul></div>\n' % related,
        '<div class="m-footer"><p>© 2026 %s. Email: toasoan@%s</p>'
        '<p><a href="%s">Xem phiên bản máy tính</a></p></div>\n' % (SITE_NAME, HOST, e(s.url)),
        "</body>\n</html>\n",
    ]
    return "".join(out).encode()
