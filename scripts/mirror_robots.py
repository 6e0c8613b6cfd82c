"""The mirror's robots.txt.

Part of scripts/mirror.py (see its docstring and scripts/README.md).
"""

from __future__ import annotations

ROBOTS_TXT = (
    "User-agent: *\n"
    "Disallow: /apiservice@/\n"
    "Disallow: /apicenter@/\n"
    "Disallow: /widgets@/\n"
    "Disallow: /article/\n"
    "Disallow: /tag/\n"
    "Disallow: /private/\n"
).encode()

