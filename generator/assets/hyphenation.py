"""Where words may break at a line end, per language: pyphen's dictionaries, or none at all.

A leaf module: the PDF renderers hyphenate with it and the readability check counts syllables with
it. A language pyphen has no dictionary for (Northern Sami ``se``, say) is not an error: its text is
set without hyphens, and ``check`` says so in a note.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

import pyphen

from generator.assets import pyphen_compat

Hyphenator = Callable[[str], Iterator[tuple[str, str]]]


def dictionary_name(language_tag: str) -> str | None:
    """pyphen's dictionary for a BCP 47 tag (``nb-NO`` -> ``nb_NO``), or None if it has none."""
    return pyphen.language_fallback(language_tag.replace("-", "_"))


@cache
def hyphenator(language_tag: str) -> Hyphenator | None:
    """pyphen's break points for reportlab, with words that already hold a hyphen fixed; None
    for a language without a dictionary.

    pyphen offers "Blood" + "-thinning" for "Blood-thinning"; reportlab then adds its own
    hyphen and prints "Blood-" / "-thinning". Moving the hyphen to the first half breaks the
    word at its own hyphen instead.
    """
    name = dictionary_name(language_tag)
    if name is None:
        return None
    dictionary = pyphen_compat.dictionary(name)

    def pairs(word: str) -> Iterator[tuple[str, str]]:
        for head, tail in dictionary.iterate(word):
            if tail.startswith("-"):
                head, tail = head + "-", tail[1:]
            if tail:
                yield head, tail

    return pairs
