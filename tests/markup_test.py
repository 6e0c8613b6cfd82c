#!/usr/bin/env python3
"""markup_test.py WINNOW ROOT: --format markdown and --format html against
the JSON of the same clean, on every fixture (with its rules) and every page
of the public benchmark (the generic extractor).

The Markdown is parsed by a real CommonMark implementation, Debian's
cmark-gfm (CommonMark plus GFM tables), into its XML tree; the HTML by
Python's html.parser. For every page both must give back:
  - the article's words, in order (the JSON `text`: nothing lost, nothing
    added, no character read as markup);
  - the JSON `links` (text and absolute href) and `images` (src, alt), in
    order;
  - the title as the one level-1 heading.
And the structure must be there at all: over the pages, headings, lists,
tables, links and images each appear.

Exit 0 all held, 1 a check failed (each failure printed), 2 usage or a tool
missing (install-deps installs cmark-gfm).
"""
import html.parser
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://commonmark.org/xml/1.0}"


def run(cmd, stdin=None):
    r = subprocess.run(cmd, input=stdin, capture_output=True)
    if r.returncode not in (0, 4):  # 4: some pages had warnings only
        sys.stderr.write(r.stderr.decode(errors="replace"))
        raise SystemExit(f"markup_test: {' '.join(cmd[:6])}... exited {r.returncode}")
    return r.stdout


def split_many(out):
    """clean DIR's "==> FILE <==" framing: {file: body}."""
    pages, name, body = {}, None, []
    for line in out.decode().split("\n"):
        if line.startswith("==> ") and line.endswith(" <=="):
            if name is not None:
                pages[name] = "\n".join(body)
            name, body = line[4:-4], []
        else:
            body.append(line)
    if name is not None:
        pages[name] = "\n".join(body)
    return pages


class MdTree:
    """What the CommonMark tree holds: words, links, images, headings."""

    BLOCKS = {"paragraph", "heading", "item", "table_cell", "code_block", "html_block", "block_quote"}

    def __init__(self, xml_bytes):
        self.links, self.images, self.headings = [], [], []
        self.kinds = set()
        self.chars = []  # the text as the tree holds it: inline runs joined, blocks apart
        self.walk(ET.fromstring(xml_bytes), in_image=False)
        self.words = "".join(self.chars).split()

    def text_of(self, node):
        out = []
        for n in node.iter():
            tag = n.tag.replace(NS, "")
            if tag in ("text", "code") and n.text:
                out.append(n.text)
            elif tag in ("softbreak", "linebreak"):
                out.append(" ")
        return "".join(out)

    def walk(self, node, in_image):
        tag = node.tag.replace(NS, "")
        self.kinds.add(tag)
        if tag == "image":
            self.images.append((node.get("destination"), " ".join(self.text_of(node).split())))
            return  # alt text is no article text
        if tag == "link":
            self.links.append((" ".join(self.text_of(node).split()), node.get("destination")))
        if tag == "heading":
            self.headings.append((int(node.get("level")), " ".join(self.text_of(node).split())))
        if tag in self.BLOCKS:
            self.chars.append(" ")
        if tag in ("text", "code", "code_block", "html_inline", "html_block") and node.text:
            self.chars.append(node.text)
        elif tag in ("softbreak", "linebreak"):
            self.chars.append(" ")
        for child in node:
            self.walk(child, in_image)
        if tag in self.BLOCKS:
            self.chars.append(" ")


class HtmlTree(html.parser.HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.links, self.images, self.h1 = [], [], []
        self._link, self._h1 = None, None
        self.chars = []
        self.feed(text)
        self.close()
        self.words = "".join(self.chars).split()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in ("a", "img"):
            self.chars.append(" ")  # the output's other elements are blocks (or <br>, <td>)
        if tag == "a":
            self._link = [a.get("href"), ""]
        elif tag == "img":
            self.images.append((a.get("src"), " ".join((a.get("alt") or "").split())))
        elif tag == "h1":
            self._h1 = ""

    def handle_endtag(self, tag):
        if tag != "a":
            self.chars.append(" ")
        if tag == "a" and self._link:
            self.links.append((" ".join(self._link[1].split()), self._link[0]))
            self._link = None
        elif tag == "h1" and self._h1 is not None:
            self.h1.append(" ".join(self._h1.split()))
            self._h1 = None

    def handle_data(self, data):
        self.chars.append(data)
        if self._link is not None:
            self._link[1] += data
        if self._h1 is not None:
            self._h1 += data


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"word {i}: {' '.join(a[max(0, i - 4):i + 3])!r} vs {' '.join(b[max(0, i - 4):i + 3])!r}"
    return f"lengths {len(a)} vs {len(b)}: tail {a[len(b):len(b) + 5] or b[len(a):len(a) + 5]!r}"


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    winnow, root = sys.argv[1], sys.argv[2]
    cmark = shutil.which("cmark-gfm")
    if not cmark:
        print("markup_test: cmark-gfm not found (scripts/install-deps.sh installs Debian's cmark-gfm)", file=sys.stderr)
        return 2
    sets = [(os.path.join(root, "fixtures"), ["--rules", os.path.join(root, "rules")]),
            (os.path.join(root, "..", "shared", "datasets", "article-extraction-benchmark", "html"), [])]
    failures, pages, seen = [], 0, set()
    totals = {"links": 0, "images": 0}
    for folder, rules in sets:
        if not os.path.isdir(folder):
            print(f"markup_test: {folder} missing", file=sys.stderr)
            return 2
        base = [winnow] + rules + ["clean", "-j", "2"]
        json_pages = {}
        for line in run(base + ["--format", "json", folder]).decode().splitlines():
            j = json.loads(line)
            json_pages[j["file"]] = j
        md_pages = split_many(run(base + ["--format", "markdown", folder]))
        html_pages = split_many(run(base + ["--format", "html", folder]))
        for name, j in sorted(json_pages.items()):
            if "text" not in j:
                continue  # a page that failed to read: clean's error line
            pages += 1
            words = j["text"].split()
            links = [(" ".join(link["text"].split()), link["href"]) for link in j["links"]]
            images = [(img["src"], " ".join(img["alt"].split())) for img in j["images"]]
            totals["links"] += len(links)
            totals["images"] += len(images)
            short = os.path.basename(name)

            md = MdTree(run([cmark, "-e", "table", "-t", "xml"], md_pages.get(name, "").encode()))
            seen |= md.kinds
            if md.words != words:
                failures.append(f"{short}: markdown words differ from the text: {first_difference(md.words, words)}")
            if md.links != links:
                failures.append(f"{short}: markdown links {len(md.links)} vs JSON {len(links)}: "
                                f"{next((p for p in zip(md.links, links) if p[0] != p[1]), None)}")
            if md.images != images:
                failures.append(f"{short}: markdown images {md.images[:2]} vs JSON {images[:2]}")
            h1 = [h for level, h in md.headings if level == 1]
            if j["title"] and words and h1 != [" ".join(j["title"].split())]:
                if j["text"].split("\n")[0:3].count(j["title"]) or h1:
                    failures.append(f"{short}: markdown level-1 headings {h1} vs title {j['title']!r}")

            ht = HtmlTree(html_pages.get(name, ""))
            if ht.words != words:
                failures.append(f"{short}: html words differ from the text: {first_difference(ht.words, words)}")
            if ht.links != links:
                failures.append(f"{short}: html links {len(ht.links)} vs JSON {len(links)}")
            if ht.images != images:
                failures.append(f"{short}: html images differ")
    for kind in ("heading", "list", "item", "table", "link", "image", "block_quote", "emph"):
        if kind not in seen:
            failures.append(f"no page's Markdown has a {kind}: the structure is not written")
    for f in failures:
        print("FAIL", f)
    print(f"markup_test: {pages} pages, {totals['links']} links, {totals['images']} images; "
          f"Markdown kinds seen: {', '.join(sorted(k for k in seen if k != 'document'))}; "
          f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
