"""The mirror's RSS feeds and MasterCMS listing pages.

Part of scripts/mirror.py (see its docstring and scripts/README.md).
"""

from __future__ import annotations

import html
from xml.sax.saxutils import escape as xml_escape

from mirror_faults import HOSTILE
from mirror_pages import FIXED_DATE, LISTING_PATH, PAGE_SIZE, SITE_NAMES, Article, rfc822

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



def build_hostile_feed(host: str) -> bytes:
    """RSS listing the hostile articles on `host`, nothing else."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n',
           "<title>hostile</title>\n<link>http://%s/</link>\n<description>hostile</description>\n" % host]
    for slug, _, _ in HOSTILE:
        link = "http://%s/%s.html" % (host, slug)
        out.append("<item>\n<title>%s</title>\n<link>%s</link>\n<pubDate>%s</pubDate>\n</item>\n"
                   % (slug, link, rfc822(FIXED_DATE)))
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode()


def listing_path(k: int) -> str:
    return LISTING_PATH if k == 0 else "%s&s_cond=&BRSR=%d" % (LISTING_PATH, PAGE_SIZE * k)


def build_listing(host: str, articles: list[Article], k: int, pages: int) -> bytes:
    name = SITE_NAMES.get(host, host)
    e = html.escape
    out = [
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<title>Tin mới%s | %s</title>\n" % (" - Trang %d" % (k + 1) if k else "", e(name)),
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
    for i, a in enumerate(articles[k * PAGE_SIZE:(k + 1) * PAGE_SIZE]):
        f = a.fixture
        href = a.link if i % 2 == 0 else a.path
        out.append(
            '<div class="article">'
            '<a class="article-image" href="%s"><img alt="%s" src="%s"></a>'
            '<h3 class="article-title"><a href="%s">%s</a></h3>'
            '<div class="article-desc">%s</div>'
            "</div>\n" % (e(href), e(f.title), e(f.image), e(href), e(f.title), e(f.description)))
    out.append("</div>\n")
    # Pager hrefs carry a raw "&" as in the brief ("&s_cond=" and "&BRSR=" are
    # no character references, so HTML parsers keep them literally).
    pager = ['<div class="__MB_ARTICLE_PAGING">']
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
    pager.append("</div>\n")
    out.extend(pager)
    out.append(
        '<footer class="footer"><a href="#top">Lên đầu trang</a> '
        '<a href="mailto:toasoan@%s">Liên hệ tòa soạn</a> '
        '<a href="javascript:void(0)" onclick="window.print()">In trang</a></footer>\n'
        "</body>\n</html>\n<!-- Gen by masterCMS superCached (winnow test mirror) -->\n" % host)
    return "".join(out).encode()

