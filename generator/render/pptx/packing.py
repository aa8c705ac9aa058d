"""Which text goes on which slide, as numbers: bullets packed onto slides at the largest size that
fits, a paragraph too long for one slide cut between its sentences, and the comparison overview's
rows spread over the fewest slides at the largest size. No python-pptx here: everything is measured
with :mod:`generator.render.pptx.measure`, so it is tested without drawing a slide."""

from __future__ import annotations

import re

from pptx.util import Emu, Pt

from generator.diagnostics import Location
from generator.render.errors import LayoutProblem
from generator.render.pptx import measure as fit
from generator.render.pptx import table as tables
from generator.render.pptx.xml import DeckPara

BODY_SIZES = (20, 18)  # body text: at least 18 pt
OVERVIEW_SIZES = (20, 18, 16, 14)  # the comparison overview: as large as fits, at least 14 pt
MAX_BULLETS = 6
MAX_OVERVIEW_SLIDES = 2  # more only when a template's slide is very small


def pack(paras: list[DeckPara], width: float, height: float) -> list[tuple[list[DeckPara], float]]:
    """(paragraphs, size) per slide for a body box ``width`` x ``height`` points. Greedy: fill a
    slide at the body size with at most six bullets; a paragraph that does not fit an empty slide at
    20 pt gets a slide of its own at 18 pt, or is cut between its sentences over several slides (a
    small template box); a sentence too long for a whole slide is an error."""
    slides: list[tuple[list[DeckPara], float]] = []
    current: list[DeckPara] = []
    for para in [piece for p in paras for piece in pieces(p, width, height)]:
        trial = current + [para]
        if sum(p.bullet for p in trial) <= MAX_BULLETS and fit.fits(
            [p.measure() for p in trial], width, height, BODY_SIZES[0]
        ):
            current = trial
            continue
        if current:
            slides.append((current, BODY_SIZES[0]))
            current = []
        size = next(s for s in BODY_SIZES if fit.fits([para.measure()], width, height, s))
        if size == BODY_SIZES[0]:
            current = [para]
        else:
            slides.append(([para], size))
    if current:
        slides.append((current, BODY_SIZES[0]))
    return slides


def pieces(para: DeckPara, width: float, height: float) -> list[DeckPara]:
    """The paragraph whole if it fits a slide at the smallest size, else cut between sentences."""
    if fit.fits([para.measure()], width, height, BODY_SIZES[-1]):
        return [para]
    cut: list[DeckPara] = []
    for sentence in (s for s in sentences(para.text) if s):
        piece = DeckPara.of(sentence, bullet=para.bullet and not cut, source=para.source)
        if not fit.fits([piece.measure()], width, height, BODY_SIZES[-1]):
            raise LayoutProblem(
                f"a text is too long for a whole slide even at {BODY_SIZES[-1]} pt",
                para.source,
                "split it into shorter bullets, or move detail to a paragraph (speaker notes)",
            )
        cut.append(piece)
    return cut


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?;])\s+", text.strip())


def split_evenly(header, rows, width: int, height: int, shares, source: Location | None):
    """The fewest slides (and the largest size) that hold the overview's ``rows`` (each a (key,
    cells) pair) in an area ``width`` x ``height`` EMU, each slide as full as the next: (chunks of
    rows, size, column widths)."""
    for count in range(1, len(rows) + 1):
        for size in OVERVIEW_SIZES:
            try:
                widths = tables.column_widths(width, [header] + [cells for _, cells in rows], shares, size, source)
            except LayoutProblem:
                continue  # a word too wide for its column at this size: try a smaller one
            heights = [tables.row_height(cells, widths, size) for _, cells in rows]
            room = fit.budget(Emu(height).pt) * Pt(1) - tables.row_height(header, widths, size)
            chunks = tables.even_chunks(heights, count, room)
            if chunks is not None:
                return [[rows[i] for i in chunk] for chunk in chunks], size, widths
        if count >= MAX_OVERVIEW_SLIDES and count * 2 > len(rows):
            break
    raise LayoutProblem(
        f"the comparison overview does not fit this template's slides even at {OVERVIEW_SIZES[-1]} pt",
        source,
        "shorten the first indication and contraindication of each treatment",
    )
