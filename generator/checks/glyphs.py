"""Every character of the text must exist in the font; reportlab would silently draw a box."""

from __future__ import annotations

import io
import sys
import unicodedata
from array import array
from functools import lru_cache
from pathlib import Path

import fontpkg_arimo

from generator.assets.cache import cached, code_of
from generator.assets.fonts import FACES, body_family, chain, own_family, scripts
from generator.diagnostics import Diagnostics, Location
from generator.document.model import Document
from generator.document.walk import texts

_IGNORED = {"\n", "\t"}


@lru_cache(maxsize=8)
def _coverage(path: Path) -> frozenset[int]:
    """The code points the font's character map covers (fontTools reads it; nothing is drawn), kept on disk
    by the font's bytes: reading four faces' maps is most of a cold build's glyph check."""
    data = path.read_bytes()
    layout = f"{sys.byteorder} {array('I').itemsize}"  # how the code points are stored as bytes
    stored = cached("coverage", (code_of(__file__), layout, data), lambda: _code_points(data))
    return frozenset(array("I", stored))


def _code_points(font_bytes: bytes) -> bytes:
    from fontTools.ttLib import TTFont  # noqa: PLC0415 - heavy: fontTools, read once per font

    with TTFont(io.BytesIO(font_bytes), lazy=True) as font:
        return array("I", sorted(font.getBestCmap())).tobytes()


def check_glyphs(doc: Document, diagnostics: Diagnostics) -> None:
    """PDFs: every character must be in all four faces of the document's fonts (its script's family and
    the fallbacks merged into it), or it prints as a box (error, once per character)."""
    family = body_family(doc.fonts)
    covered = frozenset.intersection(*(_coverage(family.face(f)) for f in FACES))
    fonts = " or ".join(family.chain) or family.name
    for char, name, where, count in _missing(doc, covered):
        diagnostics.error(
            where,
            f"the character '{char}' (U+{ord(char):04X} {name}) is not in the font {fonts}{_times(count)}",
            "replace it with a similar character or with words; it would print as an empty box"
            + ("" if doc.script in scripts() else f"; leafdeck has no fonts for the script '{doc.script}' yet"),
        )


def check_deck_glyphs(doc: Document, diagnostics: Diagnostics) -> None:
    """Decks: set in Arial, whose character set Arimo shares, and for a script with a family of its own
    (Arabic, Ethiopic) in that family too; a character neither has would be borrowed (warning). A deck
    cannot carry its fonts: the family it names must be on the presenter's computer (note)."""

    covered = _coverage(Path(fontpkg_arimo.ROOT) / "files" / "Arimo[wght].ttf")
    family = own_family(doc.fonts)
    if family:
        own = chain(doc.fonts)[0]
        covered = covered | frozenset.intersection(*(_coverage(own.face(f)) for f in ("regular", "bold")))
        diagnostics.note(
            doc.labels_source,
            f"the slides of '{doc.language}' name the font {family} for its letters: the computer that shows "
            "them needs it installed, or PowerPoint and LibreOffice draw them in another font",
            "install it with: python scripts/install_fonts.py (it prints the files on Windows)",
        )
    fonts = f"Arial or {family}" if family else "Arial"
    for char, name, where, count in _missing(doc, covered):
        diagnostics.warning(
            where,
            f"the character '{char}' (U+{ord(char):04X} {name}) is not in {fonts}{_times(count)}; "
            "PowerPoint will borrow it from another font",
            "replace it with a similar character or with words",
        )


def _times(count: int) -> str:
    return f" (here first; {count} times in all)" if count > 1 else ""


def _missing(doc: Document, covered: frozenset[int]):
    """(character, its Unicode name, its first place, how often it occurs) for each character not covered:
    one report per character, however many texts hold it."""
    first: dict[str, Location] = {}
    counts: dict[str, int] = {}
    for text, where in texts(doc):
        for char in text:
            if ord(char) in covered or char in _IGNORED:
                continue
            first.setdefault(char, where)
            counts[char] = counts.get(char, 0) + 1
    for char, where in first.items():
        yield char, unicodedata.name(char, "unnamed character"), where, counts[char]
