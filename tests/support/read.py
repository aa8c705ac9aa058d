"""Readers of what the tests plant and what the outputs hold: a deck's every text, and a content text
as the README says the loader makes it (invisible spaces removed, whitespace folded, NFC)."""

from __future__ import annotations

import unicodedata
from pathlib import Path


def deck_text(path: Path) -> str:
    """Every text of a deck: shapes (grouped ones too), table cells and speaker notes."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    def shapes(group):
        for shape in group:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                yield from shapes(shape.shapes)
            else:
                yield shape

    texts = []
    for slide in Presentation(path).slides:
        for shape in shapes(slide.shapes):
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(texts)


INVISIBLE = "\u200b\u2060\ufeff\u180e\u2061\u2062\u2063\u2064"


def loaded(value: str) -> str:
    """What the loader makes of a text: invisible spaces removed (with a warning), whitespace runs as
    one space, ends stripped, NFC."""
    value = "".join(c for c in value if c not in INVISIBLE)
    return unicodedata.normalize("NFC", " ".join(value.split()))


def squash(text: str, ignore: str = "") -> str:
    """``text`` without whitespace and without the characters in ``ignore`` (no other change:
    in particular no Unicode normalisation, so decomposed letters in an output are caught)."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in ignore)


def slide_titles(deck) -> list[str]:
    """Every slide's title, in order (a python-pptx Presentation)."""
    return [slide.shapes.title.text for slide in deck.slides]


def reading_cells(row, rtl: bool) -> list:
    """A deck table row's cells in the order a reader takes them: from the right in a right-to-left
    language (the README: the first column on the right), as python-pptx lists them otherwise."""
    cells = list(row.cells)
    return cells[::-1] if rtl else cells
