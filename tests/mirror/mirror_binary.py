"""Non-HTML files the mirror serves at article-shaped URLs: a real PDF, JPEG
and ZIP, each small and built with the standard library, so a crawler's
check for "not an HTML page" meets the real thing.

Part of tests/mirror/mirror.py (see its docstring and tests/mirror/README.md).
"""

from __future__ import annotations

import io
import struct
import zipfile

BINARY_FEED = "/rss_feed/binary"


def make_pdf(text: str = "Tai lieu PDF - winnow test mirror") -> bytes:
    """A one-page PDF 1.4 showing `text` (ASCII) in Helvetica, with a correct
    cross-reference table: every offset points at its object."""
    content = ("BT /F1 24 Tf 72 700 Td (%s) Tj ET\n" % text).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%sendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")  # the binary comment line marks a binary file
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def make_jpeg() -> bytes:
    """A baseline JFIF JPEG of one grey pixel: one 8x8 block whose DC
    difference and AC coefficients are all zero, coded with one-symbol
    Huffman tables (code "0" for DC category 0 and for end-of-block)."""
    jfif = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    quant = b"\x00" + b"\x01" * 64                         # table 0, 8-bit, all ones
    frame = b"\x08\x00\x01\x00\x01\x01\x01\x11\x00"        # 8 bits, 1x1, one component (1, 1x1, table 0)
    one_code = b"\x01" + b"\x00" * 15                      # one code of length 1
    dc = b"\x00" + one_code + b"\x00"                      # DC table 0: category 0
    ac = b"\x10" + one_code + b"\x00"                      # AC table 0: end of block
    scan = b"\x01\x01\x00\x00\x3f\x00"                     # component 1, tables 0/0, spectral 0..63
    data = b"\x3f"                                          # bits 0 (DC) 0 (EOB), padded with ones
    return (b"\xff\xd8" + _segment(0xE0, jfif) + _segment(0xDB, quant) + _segment(0xC0, frame)
            + _segment(0xC4, dc) + _segment(0xC4, ac) + _segment(0xDA, scan) + data + b"\xff\xd9")


def make_zip() -> bytes:
    """A ZIP archive of one deflated text file, with a fixed date."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("bai-viet.txt", date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, ("Bài viết nén trong một tệp ZIP (winnow test mirror).\n" * 20).encode())
    return buf.getvalue()


# (slug, Content-Type, bytes): article-shaped paths /<slug>.html on every
# site. The JPEG claims to be HTML: only sniffing its bytes tells.
BINARY = (
    ("binary-pdf-990101", "application/pdf", make_pdf()),
    ("binary-jpeg-990102", "text/html; charset=utf-8", make_jpeg()),
    ("binary-zip-990103", "application/octet-stream", make_zip()),
)
