"""The one font family of the outputs, found in an installed package, never on the system.

Fira Sans: static TTFs with Latin Extended, Greek and Cyrillic, a plain (unslashed) zero that
cannot be mistaken for Ø, and an open licence that allows embedding. Shipped by the
``fontpkg-fira-sans`` package so every machine renders with the same metrics.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import fontpkg_fira_sans

FAMILY = "Fira Sans"
_FILES = {
    "regular": "FiraSans-Regular.ttf",
    "bold": "FiraSans-Bold.ttf",
    "italic": "FiraSans-Italic.ttf",
    "bolditalic": "FiraSans-BoldItalic.ttf",
}


@dataclass(frozen=True)
class FontFamily:
    name: str
    regular: Path
    bold: Path
    italic: Path
    bolditalic: Path


@lru_cache(maxsize=1)
def body_family() -> FontFamily:
    folder = Path(fontpkg_fira_sans.ROOT) / "files"
    return FontFamily(FAMILY, **{style: folder / name for style, name in _FILES.items()})


@lru_cache(maxsize=1)
def register_reportlab() -> dict[str, str]:
    """Register the family with reportlab once; returns the PostScript-like names per style."""
    from reportlab.lib.fonts import addMapping  # noqa: PLC0415 - heavy: reportlab, only for the PDFs
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 - heavy: reportlab, only for the PDFs
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415 - heavy: reportlab, only for the PDFs

    family = body_family()
    names = {style: f"FiraSans-{style}" for style in _FILES}
    for style, name in names.items():
        pdfmetrics.registerFont(TTFont(name, str(getattr(family, style))))
    pdfmetrics.registerFontFamily(
        "FiraSans", normal=names["regular"], bold=names["bold"], italic=names["italic"], boldItalic=names["bolditalic"]
    )
    for bold in (0, 1):
        for italic in (0, 1):
            key = {(0, 0): "regular", (1, 0): "bold", (0, 1): "italic", (1, 1): "bolditalic"}[(bold, italic)]
            addMapping("FiraSans", bold, italic, names[key])
    return names
