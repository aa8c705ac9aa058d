"""The outputs' fonts: a family per script, found in an installed package or shipped beside this
module, never on the system, so every machine draws with the same metrics.

Which family draws which script is data (``fonts/fonts.toml``). A script whose first family lacks
characters the text needs (Ethiopic fonts have no digits or brackets) has a fallback chain; for the
PDFs and the web page the chain is merged into one font per face with fontTools (the first family that
has a character keeps it), kept in leafdeck's cache folder so a fresh process does not merge again.

Fira Sans, the Latin, Greek and Cyrillic family: static TTFs with a plain (unslashed) zero that cannot be
mistaken for Ø, and an open licence that allows embedding.
"""

from __future__ import annotations

import importlib.resources
import io
import tomllib
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from generator.assets import cache

_HERE = Path(__file__).parent / "fonts"
FACES = ("regular", "bold", "italic", "bolditalic")
LATIN = "Latn"

FontChain = tuple[str, ...]
"""Family ids of ``fonts.toml``, first first: the fonts that draw a text. Where a function takes a script
code instead, it means that script's chain in ``fonts.toml``."""


class Direction(StrEnum):
    """The writing direction of a script (the Unicode bidi class of its letters)."""

    LTR = "ltr"
    RTL = "rtl"


@dataclass(frozen=True)
class FontFamily:
    """One face file per style. ``name`` is the family as a reader's computer names it (the deck asks
    for it by this name); ``chain`` the families merged into these files, first first."""

    name: str
    regular: Path
    bold: Path
    italic: Path
    bolditalic: Path
    chain: tuple[str, ...] = ()

    def face(self, style: str) -> Path:
        return getattr(self, style)


@lru_cache(maxsize=1)
def _table() -> dict:
    return tomllib.loads((_HERE / "fonts.toml").read_text(encoding="utf-8"))


def scripts() -> tuple[str, ...]:
    """The scripts leafdeck has fonts for (ISO 15924)."""
    return tuple(_table()["scripts"])


def families() -> tuple[str, ...]:
    """The family ids a language or a clinic may name in its ``fonts:``."""
    return tuple(_table()["families"])


def default_chain(script: str) -> FontChain:
    """``script``'s chain in ``fonts.toml``; an unknown script's is the Latin one (the glyph check then names
    what is missing)."""
    return tuple(_table()["scripts"].get(script) or _table()["scripts"][LATIN])


def chosen_chain(script: str, language: FontChain = (), clinic: FontChain = ()) -> FontChain:
    """The fonts of a text in ``script``: the language's own ``fonts:`` (its labels file), else the clinic's
    for that script (its house style), else ``fonts.toml``'s."""
    return language or clinic or default_chain(script)


def _ids(fonts: str | FontChain) -> FontChain:
    return default_chain(fonts) if isinstance(fonts, str) else fonts


@lru_cache(maxsize=16)
def _family(family_id: str) -> FontFamily:
    entry = _table()["families"][family_id]
    if "package" in entry:
        folder = Path(str(importlib.resources.files(entry["package"]))) / "files"  # a font package's data
    else:
        folder = _HERE / entry["folder"]
    regular, bold, italic, bolditalic = (folder / entry[face] for face in FACES)
    return FontFamily(entry["name"], regular, bold, italic, bolditalic, chain=(entry["name"],))


def chain(fonts: str | FontChain) -> tuple[FontFamily, ...]:
    """The families that draw a text (``fonts``: a chain, or a script for its chain), first first."""
    return tuple(_family(i) for i in _ids(fonts))


def own_family(fonts: str | FontChain) -> str | None:
    """The family that draws a text's letters when it is not the Latin one (the deck names it for the runs'
    complex-script and East Asian letters), else None."""
    first = chain(fonts)[0]
    return None if first == chain(LATIN)[0] else first.name


@lru_cache(maxsize=8)
def body_family(fonts: str | FontChain = LATIN) -> FontFamily:
    """The family the PDFs and the web page use for a text (``fonts``: a chain, or a script for its chain):
    the first family itself when its chain is one long, else the chain merged into one font per face."""
    families = chain(fonts)
    if len(families) == 1:
        return families[0]
    name = "".join(f.name.replace(" ", "") for f in families)
    regular, bold, italic, bolditalic = (_merged([f.face(face) for f in families], f"{name}-{face}") for face in FACES)
    return FontFamily(families[0].name, regular, bold, italic, bolditalic, chain=tuple(f.name for f in families))


def _merged(paths: list[Path], postscript_name: str) -> Path:
    """The fonts at ``paths`` as one font file (the first keeps a character all of them have), named
    ``postscript_name``: each face its own name, as the PDFs tell fonts apart by it (the regular and the
    italic face of a script without italics begin with the same font)."""
    parts = tuple(p.read_bytes() for p in paths)
    data = cache.cached(
        "merged-font", ("fontTools-merge-3", postscript_name, *parts), lambda: _merge(paths, postscript_name)
    )
    return cache.stored_file("merged-font", data, ".ttf")


def _merge(paths: list[Path], postscript_name: str) -> bytes:
    import logging  # noqa: PLC0415

    from fontTools.merge import Merger, Options  # noqa: PLC0415 - heavy: fontTools, only when a chain is merged

    logging.getLogger("fontTools.merge").setLevel(logging.ERROR)  # "Dropped cmap subtable": nothing for staff

    # Tables only one font may have (vertical metrics, math) are dropped rather than merged wrongly.
    merger = Merger(options=Options(drop_tables=["vmtx", "vhea", "MATH", "STAT", "fvar", "gvar", "avar", "HVAR"]))
    font = merger.merge([str(p) for p in paths])
    # The same fonts make the same bytes: the dates of the first font, not the merge's clock.
    from fontTools.ttLib import TTFont  # noqa: PLC0415

    with TTFont(str(paths[0]), lazy=True) as first:
        font["head"].created, font["head"].modified = first["head"].created, first["head"].modified
    for record in font["name"].names:
        if record.nameID == 6:  # the PostScript name, which reportlab and the PDFs go by
            record.string = postscript_name
    out = io.BytesIO()
    font.recalcTimestamp = False
    font.save(out)
    return out.getvalue()


def script_of(text: str) -> str:
    """The script of the letters of ``text`` (the most frequent one, ISO 15924): the script a language's
    own name is written in is the script of its texts."""
    from fontTools import unicodedata as ucd  # noqa: PLC0415 - fontTools' Unicode script data

    counts: dict[str, int] = {}
    for char in text:
        if unicodedata.category(char).startswith("L"):
            code = ucd.script(char)
            counts[code] = counts.get(code, 0) + 1
    return max(counts, key=lambda code: counts[code]) if counts else LATIN


def direction_of(script: str) -> Direction:
    from fontTools import unicodedata as ucd  # noqa: PLC0415 - fontTools' Unicode script data

    return Direction.RTL if ucd.script_horizontal_direction(script, "LTR") == "RTL" else Direction.LTR


def register_reportlab(fonts: str | FontChain = LATIN) -> dict[str, str]:
    """Register a text's family (``fonts``: a chain, or a script for its chain) with reportlab once; returns
    the names per style."""
    return _register(body_family(fonts))


@lru_cache(maxsize=8)
def _register(family: FontFamily) -> dict[str, str]:
    from reportlab.lib.fonts import addMapping  # noqa: PLC0415 - heavy: reportlab, only for the PDFs
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 - heavy: reportlab, only for the PDFs
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415 - heavy: reportlab, only for the PDFs

    stem = "".join(name.replace(" ", "") for name in family.chain)  # "FiraSans", "NotoSansEthiopicFiraSans"
    names = {style: f"{stem}-{style}" for style in FACES}
    for style, name in names.items():
        pdfmetrics.registerFont(TTFont(name, str(family.face(style))))
    pdfmetrics.registerFontFamily(
        stem, normal=names["regular"], bold=names["bold"], italic=names["italic"], boldItalic=names["bolditalic"]
    )
    for bold in (0, 1):
        for italic in (0, 1):
            key = {(0, 0): "regular", (1, 0): "bold", (0, 1): "italic", (1, 1): "bolditalic"}[(bold, italic)]
            addMapping(stem, bold, italic, names[key])
    return names
