"""One dispatch from a document block to the flowables that draw it, for the leaflet and the brochure.

The two products differ only in the room they give a block (text width, the pathway's width, the
largest picture, the resolution), in the pictures already printed elsewhere (the front page's, the
cover's) and in the form of the comparison table: the leaflet's full table, the brochure's compact
entries. Those are a ``Room``; the dispatch itself is written once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus import Flowable

from generator.document import model
from generator.document.model import Block, BulletList, ComparisonTable, Document, Figure, Steps
from generator.render.pdf import parts
from generator.render.pdf.styles import Styles


@dataclass(frozen=True)
class Room:
    width: float  # the text width the block is set in
    steps_width: float  # the patient pathway's width
    picture: float  # a picture's largest height
    ppi: int
    table: Callable[[ComparisonTable], list[Flowable]]  # the comparison table's form in this product
    printed_elsewhere: frozenset[Path] = field(default_factory=frozenset)  # pictures not repeated here


def flowables(block: Block, doc: Document, s: Styles, room: Room) -> list[Flowable]:
    """The block's flowables, followed by its review mark (none for a picture printed elsewhere:
    its mark goes with it)."""
    out: list[Flowable] = []
    if isinstance(block, model.Paragraph):
        out.append(parts.paragraph(block.text, s.body, block.source))
    elif isinstance(block, Steps):
        out.append(parts.pathway(block.items, s, room.steps_width, block.source))
    elif isinstance(block, BulletList):
        out += parts.bullets(block.items, s.body, block.source)
    elif isinstance(block, Figure):
        if block.path in room.printed_elsewhere:
            return []
        out.append(parts.figure(block, doc, s, room.width, room.picture, room.ppi))
    elif isinstance(block, ComparisonTable):
        out += room.table(block)
    note = getattr(block, "needs_review", None)
    if note:
        out.append(parts.review_mark(note, doc, s, block.source))
    return out
