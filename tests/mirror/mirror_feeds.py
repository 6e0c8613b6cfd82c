"""The mirror's RSS feeds and MasterCMS listing pages.

Part of tests/mirror/mirror.py (see its docstring and tests/mirror/README.md).
"""

from __future__ import annotations

import html
from xml.sax.saxutils import escape as xml_escape

from mirror_pages import FIXED_DATE, LISTING_PATH, PAGE_SIZE, SITE_NAMES, Article, rfc822

# The off-site listing's links to hosts that are none of the three sites: a
# crawler must not follow them (the mirror logs any Host, so a test sees it).
OFFSITE_LISTING = "/tin-moi-ngoai/"
OFFSITE_LINKS = (
    ("Tin ngoài trang", "http://other.example/tin-ngoai-trang-990301.html"),
    ("Tin từ trang lạ", "https://evil.example/tin-tu-trang-la-990302.html"),
)
OFFSITE_NEXT = "http://other.example/tin-moi/&s_cond=&BRSR=15"
OFFSITE_ARTICLES = 3  # the site's own articles listed before them


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def build_feed(host: str, articles: list[Article], self_path: str) -> bytes:
    name = SITE_NAMES.get(host, host)
    newest = max((a.fixture.pub for a in articles), default=FIXED_DATE)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n',
        "<title>%s</title>\n" % xml_escape(name),
        "<link>http://%s/</link>\n" % host,
        "<description>Tin mới &amp; nổi bật - %s</description>\n" % xml_escape(name),
        "<language>vi</language>\n",
        '<atom:link href="http://%s%s" rel="self" type="application/rss+xml"/>\n'
        % (host, self_path),
        "<lastBuildDate>%s</lastBuildDate>\n" % rfc822(newest),
        "<generator>MasterCMS Ultimate Edition v2.9</generator>\n",
        "<!-- Gen by masterCMS superCached (winnow test mirror) -->\n",
    ]
    for a in articles:
        f = a.fixture
        excerpt = '<p><img src="%s" alt="%s"/></p><p>%s</p>' % (
            html.escape(f.image), html.escape(f.title), html.escape(f.description))
        out.append(
            "<item>\n"
            "<title>%s</title>\n"
            "<link>%s</link>\n"
            "<description>%s</description>\n"
            "<pubDate>%s</pubDate>\n"
            '<guid isPermaLink="true">%s</guid>\n'
            "<content:encoded>%s</content:encoded>\n"
            "</item>\n"
            % (xml_escape(f.title), xml_escape(a.link), xml_escape(f.description),
               rfc822(f.pub), xml_escape(a.link), _cdata(excerpt)))
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode()


def build_link_feed(host: str, title: str, self_path: str, items: list[tuple[str, str]]) -> bytes:
    """RSS 2.0 of (title, absolute link) items, each with its guid and the
    fixed date: the feeds of pages that are no fixture (hostile, binary)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"'
           ' xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n',
           "<title>%s</title>\n<link>http://%s/</link>\n<description>%s</description>\n"
           % (xml_escape(title), host, xml_escape(title)),
           '<atom:link href="http://%s%s" rel="self" type="application/rss+xml"/>\n' % (host, self_path)]
    for name, link in items:
        out.append("<item>\n<title>%s</title>\n<link>%s</link>\n<pubDate>%s</pubDate>\n"
                   '<guid isPermaLink="true">%s</guid>\n</item>\n'
                   % (xml_escape(name), xml_escape(link), rfc822(FIXED_DATE), xml_escape(link)))
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode()


def listing_path(k: int) -> str:
    return LISTING_PATH if k == 0 else "%s&s_cond=&BRSR=%d" % (LISTING_PATH, PAGE_SIZE * k)


def _listing_page(host: str, title: str, items: list[str], pager: list[str]) -> bytes:
    """A MasterCMS listing page: menu, div.bx-listing of `items`, the pager
    div.__MB_ARTICLE_PAGING of `pager` links, footer."""
    e = html.escape
    out = [
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<title>%s | %s</title>\n" % (e(title), e(SITE_NAMES.get(host, host))),
        '<link rel="alternate" type="application/rss+xml" href="http://%s/rss_feed/">\n' % host,
        "</head>\n<body>\n<a name=\"top\"></a>\n",
        '<header class="header"><nav id="nav"><ul class="main-menu">'
        '<li class="cat"><a href="/tag/ha-noi-1.tag">Hà Nội</a></li>'
        '<li class="cat"><a href="/chu-de/hop-tac-quoc-te.topic">Hợp tác quốc tế</a></li>'
        '<li class="cat"><a href="/rss_feed/">RSS</a></li>'
        '<li class="cat"><a href="javascript:void(0)" class="search-btn">Tìm kiếm</a></li>'
        "</ul></nav></header>\n",
        '<div class="bx-listing">\n',
    ]
    out.extend(items)
    out.append("</div>\n")
    # Pager hrefs carry a raw "&" as in the brief ("&s_cond=" and "&BRSR=" are
    # no character references, so HTML parsers keep them literally).
    out.append('<div class="__MB_ARTICLE_PAGING">' + "".join(pager) + "</div>\n")
    out.append(
        '<footer class="footer"><a href="#top">Lên đầu trang</a> '
        '<a href="mailto:toasoan@%s">Liên hệ tòa soạn</a> '
        '<a href="javascript:void(0)" onclick="window.print()">In trang</a></footer>\n'
        "</body>\n</html>\n<!-- Gen by masterCMS superCached (winnow test mirror) -->\n" % host)
    return "".join(out).encode()


def _listing_item(href: str, title: str, image: str, description: str) -> str:
    e = html.escape
    return ('<div class="article">'
            '<a class="article-image" href="%s"><img alt="%s" src="%s"></a>'
            '<h3 class="article-title"><a href="%s">%s</a></h3>'
            '<div class="article-desc">%s</div>'
            "</div>\n" % (e(href), e(title), e(image), e(href), e(title), e(description)))


def _article_items(articles: list[Article]) -> list[str]:
    """Listing items of articles, hrefs alternately absolute and root-relative."""
    return [_listing_item(a.link if i % 2 == 0 else a.path, a.fixture.title, a.fixture.image,
                          a.fixture.description) for i, a in enumerate(articles)]


def build_listing(host: str, articles: list[Article], k: int, pages: int) -> bytes:
    """Page k+1 of the /tin-moi/ listing (PAGE_SIZE articles a page)."""
    pager = []
    if k > 0:
        pager.append('<a class="prev" href="%s">Trước</a>' % listing_path(k - 1))
    shown = sorted({0, pages - 1} | set(range(max(0, k - 3), min(pages, k + 4))))
    last = -1
    for p in shown:
        if p > last + 1:
            pager.append("<span>...</span>")
        if p == k:
            pager.append('<span class="active">%d</span>' % (p + 1))
        else:
            pager.append('<a href="%s">%d</a>' % (listing_path(p), p + 1))
        last = p
    if k + 1 < pages:
        pager.append('<a class="next" href="%s">Sau</a>' % listing_path(k + 1))
    title = "Tin mới%s" % (" - Trang %d" % (k + 1) if k else "")
    return _listing_page(host, title, _article_items(articles[k * PAGE_SIZE:(k + 1) * PAGE_SIZE]), pager)


def build_offsite_listing(host: str, articles: list[Article]) -> bytes:
    """The /tin-moi-ngoai/ listing: `articles` of the site, then the
    article-shaped links to other hosts (OFFSITE_LINKS), and a pager whose
    next link leads to another host (OFFSITE_NEXT)."""
    items = _article_items(articles)
    items += [_listing_item(link, title, "", "Bài viết trên một trang khác") for title, link in OFFSITE_LINKS]
    pager = ['<span class="active">1</span>', '<a class="next" href="%s">Sau</a>' % OFFSITE_NEXT]
    return _listing_page(host, "Tin mới từ nơi khác", items, pager)
