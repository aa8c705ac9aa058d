"""Every link inside the web site leads somewhere: each relative ``href``/``src``/``srcset`` and
CSS ``url()`` of a page names a file the build writes (the page's own fonts and pictures, another
page, an index), and each ``#fragment`` an ``id`` in the page. A broken one is an error: a patient
would land on "file not found". Links to other sites are not followed (no network); a
``javascript:`` link is an error wherever it comes from (a clinic's own template)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from generator.diagnostics import Diagnostics, Location

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, int]] = []  # (address, line)
        self.ids: set[str] = set()
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name in ("href", "src"):
                self.links.append((value, line))
            elif name == "srcset":
                self.links += [(candidate.split()[0], line) for candidate in value.split(",") if candidate.strip()]
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._style:
            line = self.getpos()[0]
            self.links += [(m.group(2), line + data[: m.start()].count("\n")) for m in _CSS_URL.finditer(data)]


def broken_links(html: str, key: str, known: set[str]) -> list[tuple[str, int]]:
    """(address, line) of every internal link of the page at ``key`` (its path below the output
    folder) that names no file in ``known`` and no id in the page."""
    parser = _Links()
    parser.feed(html)
    folder = posixpath.dirname(key)
    broken = []
    for address, line in parser.links:
        parts = urlsplit(address.strip())
        if parts.scheme.lower() == "javascript":
            broken.append((address, line))
            continue
        if parts.scheme or parts.netloc:
            continue  # another site, a phone number, an e-mail address
        if not parts.path:
            if parts.fragment and unquote(parts.fragment) not in parser.ids:
                broken.append((address, line))
            continue
        target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
        if target.endswith("/") or target not in known and posixpath.join(target, "index.html") not in known:
            broken.append((address, line))
    return broken


@dataclass(frozen=True)
class PageFile:
    """A finished page: its path below the output folder, its HTML, the names of the files written
    beside it, and the content file its problems are reported at."""

    key: str
    html: str
    beside: tuple[str, ...]
    where: Location


def check_site_links(pages: list[PageFile], known: set[str], diagnostics: Diagnostics) -> None:
    """Every internal link of ``pages`` leads to a file in ``known`` (or beside its page) or an id."""
    for page in pages:
        key = page.key
        folder = posixpath.dirname(key)
        files = known | {posixpath.join(folder, name) for name in page.beside}
        for address, line in broken_links(page.html, key, files):
            diagnostics.error(
                page.where,
                f"web page {key}: the link '{address}' (line {line} of the page) leads nowhere",
                "a link in a page template of content/site/ names a file the site does not have; correct or remove it",
            )
