"""The patient pathway's layout on a slide: numbered boxes joined by arrows, left to right when every
step reads in three short lines in its box, otherwise stacked top to bottom in full-width boxes.

Only geometry and text here (EMU boxes and the paragraphs for each); the deck draws them as native,
editable shapes.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.util import Emu, Inches

from generator.diagnostics import Location
from generator.document.model import Inline
from generator.render.pptx import measure as fit
from generator.render.pptx.measure import Run
from generator.render.pptx.xml import DeckPara, runs_of

Box = tuple[int, int, int, int]  # left, top, width, height in EMU


@dataclass(frozen=True)
class PathwayLayout:
    across: bool  # side by side (True) or stacked
    boxes: list[Box]
    texts: list[list[DeckPara]]  # the paragraphs of each box
    arrows: list[Box]  # between consecutive boxes: right arrows across, down arrows stacked

    def mirrored(self, left: int, width: int) -> PathwayLayout:
        """The same layout read right to left: every box and arrow reflected across the area's middle."""

        def flip(box: Box) -> Box:
            x, y, w, h = box
            return (2 * left + width - x - w, y, w, h)

        return PathwayLayout(self.across, [flip(b) for b in self.boxes], self.texts, [flip(a) for a in self.arrows])


def layout(items: tuple[Inline, ...], source: Location, area: Box, smallest: float) -> PathwayLayout:
    """Boxes for ``items`` inside ``area``; ``smallest`` is the least text size a box may use."""
    left, top, width, height = area
    n = len(items)
    gap = Inches(0.45)
    texts = [
        [DeckPara.of(f"{i + 1}", bold=True), DeckPara(runs_of(item), source=source)] for i, item in enumerate(items)
    ]
    box_w = int((width - gap * (n - 1)) / n)
    box_h = int(min(Inches(2.6), height))
    inner_w, inner_h = Emu(box_w - 2 * Inches(0.1)).pt, Emu(box_h - 2 * Inches(0.05)).pt
    across = all(
        fit.fits([p.measure() for p in unit], inner_w, inner_h, smallest)
        and fit.line_count(unit[1].measure(), inner_w, smallest) <= 3
        for unit in texts
    )
    if not across:
        gap = Inches(0.3) if height > Inches(0.9) * n else Inches(0.12)
        box_w, box_h = width, int(min(Inches(1.0), (height - gap * (n - 1)) / n))
        texts = [[DeckPara((Run(f"{i + 1}  ", True), *runs_of(item)), source=source)] for i, item in enumerate(items)]
    boxes, arrows = [], []
    for i in range(n):
        x, y = (left + i * (box_w + gap), top) if across else (left, top + i * (box_h + gap))
        boxes.append((int(x), int(y), int(box_w), int(box_h)))
        if i < n - 1:
            if across:
                arrows.append(
                    (
                        int(x + box_w + Inches(0.07)),
                        int(y + box_h // 2 - Inches(0.15)),
                        int(gap - Inches(0.14)),
                        int(Inches(0.3)),
                    )
                )
            else:
                arrows.append(
                    (
                        int(x + Inches(0.4)),
                        int(y + box_h + Inches(0.02)),
                        int(Inches(0.3)),
                        int(max(gap - Inches(0.04), Inches(0.08))),
                    )
                )
    return PathwayLayout(across, boxes, texts, arrows)
