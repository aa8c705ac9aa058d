"""Document inline text -> reportlab paragraph markup, escaped once here for every PDF renderer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from xml.sax.saxutils import escape

import pyphen

from generator.document.model import Inline

NBSP = "\u00a0"


def markup(inline: Inline) -> str:
    """reportlab mini-HTML for spans; content characters are always escaped, never interpreted."""
    out = []
    for span in inline:
        text = escape(span.text)
        if span.bold:
            text = f"<b>{text}</b>"
        if span.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


def plain_markup(text: str) -> str:
    return escape(text)


def label(text: str) -> str:
    """A short label such as "Ikke ved:" that must not be split over two lines."""
    return escape(text).replace(" ", NBSP)


@lru_cache(maxsize=None)
def hyphenator(language_tag: str) -> Callable[[str], Iterator[tuple[str, str]]]:
    """pyphen's break points for reportlab, with words that already hold a hyphen fixed.

    pyphen offers "Blood" + "-thinning" for "Blood-thinning"; reportlab then adds its own
    hyphen and prints "Blood-" / "-thinning". Moving the hyphen to the first half breaks the
    word at its own hyphen instead.
    """
    dictionary = pyphen.Pyphen(lang=language_tag.replace("-", "_"))

    def pairs(word: str) -> Iterator[tuple[str, str]]:
        for head, tail in dictionary.iterate(word):
            if tail.startswith("-"):
                head, tail = head + "-", tail[1:]
            if tail:
                yield head, tail

    return pairs


def phone(text: str) -> str:
    """A phone number that never breaks across lines."""
    return escape(text).replace(" ", NBSP)
