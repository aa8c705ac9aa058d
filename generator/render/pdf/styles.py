"""The type scale of a PDF product in the clinic's colours.

Sizes follow clear-print guidance: body text at least 12 pt, left-aligned, never justified;
headings bold, not italic; tables at 12 pt. Norwegian compounds are hyphenated with pyphen
(``embeddedHyphenation=2``, otherwise reportlab breaks words without a hyphen); web
addresses never are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from generator.assets.fonts import Direction, register_reportlab
from generator.assets.hyphenation import hyphenator
from generator.document.model import Document

MIN_SIZE = 12


@dataclass
class Styles:
    """The type scale of one product, in the clinic's colours."""

    body: ParagraphStyle
    lead: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    caption: ParagraphStyle
    small: ParagraphStyle
    link: ParagraphStyle
    cell: ParagraphStyle
    head: ParagraphStyle
    cell_whole: ParagraphStyle
    review: ParagraphStyle
    fonts: dict
    ink: colors.Color
    primary: colors.Color
    callout_background: colors.Color

    @classmethod
    def make(cls, doc: Document, body_size: float, line_spacing: float = 1.38) -> Styles:
        fonts = register_reportlab(doc.fonts)
        palette = doc.clinic.colours
        ink, primary = colors.HexColor(palette["text"]), colors.HexColor(palette["primary"])
        # No dictionary for the language: no hyphens (and no embedded breaks, which would split blindly).
        words = hyphenator(doc.language_tag)
        base = ParagraphStyle(
            "base",
            fontName=fonts["regular"],
            fontSize=body_size,
            leading=round(body_size * line_spacing, 1),
            textColor=ink,
            alignment=TA_LEFT,
            hyphenationLang=words or "",  # type: ignore[arg-type]  # a callable works too
            embeddedHyphenation=2 if words else 0,
            hyphenationMinWordLength=5,
            uriWasteReduce=0.3,
            spaceAfter=body_size * 0.45,
            # Right to left: every paragraph is a RightToLeftParagraph (rtl.py), its alignment read mirrored.
            wordWrap="RTL" if doc.direction is Direction.RTL else None,
        )
        no_hyphens: dict[str, Any] = dict(hyphenationLang="", embeddedHyphenation=0)
        small = ParagraphStyle("small", parent=base, fontSize=MIN_SIZE, leading=MIN_SIZE * 1.3, spaceAfter=2)
        cell = ParagraphStyle("cell", parent=base, fontSize=MIN_SIZE, leading=MIN_SIZE * 1.22, spaceAfter=2)
        return cls(
            body=base,
            lead=ParagraphStyle("lead", parent=base, fontSize=body_size + 2, leading=(body_size + 2) * 1.35),
            title=ParagraphStyle(
                "title",
                parent=base,
                fontName=fonts["bold"],
                fontSize=body_size * 2.3,
                leading=body_size * 2.6,
                textColor=colors.white,
                spaceAfter=2,
                **no_hyphens,
            ),
            subtitle=ParagraphStyle(
                "subtitle",
                parent=base,
                fontSize=body_size + 3,
                leading=(body_size + 3) * 1.3,
                textColor=colors.white,
                spaceAfter=0,
                **no_hyphens,
            ),
            h1=ParagraphStyle(
                "h1",
                parent=base,
                fontName=fonts["bold"],
                fontSize=body_size + 5,
                leading=(body_size + 5) * 1.2,
                textColor=primary,
                spaceBefore=body_size * 0.7,
                spaceAfter=body_size * 0.35,
                keepWithNext=1,
                **no_hyphens,
            ),
            caption=ParagraphStyle("caption", parent=small),
            small=small,
            link=ParagraphStyle("link", parent=small, **no_hyphens),
            cell=cell,
            head=ParagraphStyle("head", parent=cell, fontName=fonts["bold"], textColor=colors.white, **no_hyphens),
            cell_whole=ParagraphStyle("cell_whole", parent=cell, **no_hyphens),
            review=ParagraphStyle("review", parent=small, fontName=fonts["italic"]),
            fonts=fonts,
            ink=ink,
            primary=primary,
            callout_background=colors.HexColor(palette["callout_background"]),
        )
