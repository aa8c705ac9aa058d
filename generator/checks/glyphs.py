"""Every character of the text must exist in the font; reportlab would silently draw a box."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import fontpkg_arimo

from generator.assets.fonts import body_family
from generator.diagnostics import Diagnostics
from generator.document.model import Document
from generator.document.walk import texts

_IGNORED = {"\n", "\t"}


@lru_cache(maxsize=8)
def _coverage(path: Path) -> frozenset[int]:
    """The code points the font's character map covers (fontTools reads it; nothing is drawn)."""
    from fontTools.ttLib import TTFont  # noqa: PLC0415 - heavy: fontTools, read once per font

    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


def check_glyphs(doc: Document, diagnostics: Diagnostics) -> None:
    """PDFs: every character must be in all four Fira Sans faces, or it prints as a box (error)."""
    family = body_family()
    faces = [family.regular, family.bold, family.italic, family.bolditalic]
    covered = frozenset.intersection(*(_coverage(f) for f in faces))
    for char, name, where in _missing(doc, covered):
        diagnostics.error(
            where,
            f"the character '{char}' (U+{ord(char):04X} {name}) is not in the font {family.name}",
            "replace it with a similar character or with words; it would print as an empty box",
        )


def check_deck_glyphs(doc: Document, diagnostics: Diagnostics) -> None:
    """Decks: set in Arial, whose character set Arimo shares; PowerPoint would borrow a font (warning)."""

    covered = _coverage(Path(fontpkg_arimo.ROOT) / "files" / "Arimo[wght].ttf")
    for char, name, where in _missing(doc, covered):
        diagnostics.warning(
            where,
            f"the character '{char}' (U+{ord(char):04X} {name}) is not in Arial; "
            "PowerPoint will borrow it from another font",
            "replace it with a similar character or with words",
        )


def _missing(doc: Document, covered: frozenset[int]):
    """(character, its Unicode name, where) for each character not covered, once per place."""
    reported: set[tuple[str, object]] = set()
    for text, where in texts(doc):
        for char in text:
            if ord(char) in covered or char in _IGNORED or (char, where) in reported:
                continue
            reported.add((char, where))
            yield char, unicodedata.name(char, "unnamed character"), where
