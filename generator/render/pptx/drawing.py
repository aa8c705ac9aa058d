"""The python-pptx side of the deck's layout: measured text written into a shape at the largest size
that fits, and the native comparison table. What goes where is decided before (packing, table,
geometry); here it is drawn."""

from __future__ import annotations

from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Pt

from generator.diagnostics import Location
from generator.render.errors import LayoutProblem
from generator.render.pptx import measure as fit
from generator.render.pptx import table as tables
from generator.render.pptx.xml import ACCENT, DARK, LEFT_TO_RIGHT, DeckPara, Script, box_size, fill_with, write


@dataclass(frozen=True)
class Look:
    """How the deck's text and tables are set: the language of every run, the font when the
    template's is not Arial-compatible, the header text on the accent colour, the rows' fills."""

    lang: str
    font: str | None
    on_accent: object  # a SchemeColour
    grey: object  # RGBColor of the banded rows
    white: object
    script: Script = LEFT_TO_RIGHT  # right to left, and the family of the language's letters


def fit_write(
    shape,
    paras: list[DeckPara],
    sizes,
    colour,
    look: Look,
    source: Location | None,
    slide: int,
    box: tuple[float, float] | None = None,
    grow: bool = False,
) -> None:
    """Write ``paras`` into ``shape`` at the largest of ``sizes`` that fits. ``grow``: a title too
    long for a template's small title box at the smallest size makes its box taller (down the slide)
    instead of failing. Text that fits nowhere is a LayoutProblem naming slide number ``slide``."""
    width, height = box or box_size(shape)
    measured = [p.measure() for p in paras]
    for size in sizes:
        if fit.fits(measured, width, height, size):
            write(shape.text_frame, paras, size, colour, look.lang, look.font, look.script)
            return
    if grow and fit.height(measured, width, sizes[-1]) < fit.NEVER:
        needed = (fit.height(measured, width, sizes[-1]) + fit.SAFETY_POINTS) / (1 - fit.SAFETY_FRACTION)
        taller = Pt(needed + 1)  # the box's own height (``height``, perhaps inherited) grown to what the text needs
        shape.left, shape.top, shape.width = shape.left, shape.top, shape.width  # own geometry on this slide
        # Set outright: a placeholder given its own geometry just now reads back no height of its own.
        shape.height = max(int(taller), int(Pt(height)))
        write(shape.text_frame, paras, sizes[-1], colour, look.lang, look.font, look.script)
        return
    text = " ".join(p.text for p in paras)
    raise LayoutProblem(
        f"'{text[:60]}' does not fit its box on slide {slide} even at {sizes[-1]} pt",
        next((p.source for p in paras if p.source), source),
        "shorten this text",
    )


def draw_table(slide, header, rows, widths: list[int], size: float, origin: tuple[int, int], look: Look) -> None:
    """A native table: header row flagged (screen readers), in the template's accent colour, rows banded."""
    left, top = origin
    heights = [tables.row_height(header, widths, size)] + [tables.row_height(cells, widths, size) for cells in rows]
    if look.script.rtl:  # the first column on the right: written right to left (LibreOffice ignores tblPr rtl)
        header, rows, widths = header[::-1], [cells[::-1] for cells in rows], widths[::-1]
    shape = slide.shapes.add_table(len(rows) + 1, len(widths), left, top, sum(widths), int(sum(heights)))
    shape.name = "Comparison table"
    grid = shape.table
    grid.first_row = True
    for c, w in enumerate(widths):
        grid.columns[c].width = w
    for r, (h, cells) in enumerate(zip(heights, [header] + rows)):
        grid.rows[r].height = int(h)
        for c, paras in enumerate(cells):
            cell = grid.cell(r, c)
            cell.margin_left = cell.margin_right = tables.CELL_MARGIN_X
            cell.margin_top = cell.margin_bottom = tables.CELL_MARGIN_Y
            cell.vertical_anchor = MSO_ANCHOR.TOP
            write(cell.text_frame, paras, size, look.on_accent if r == 0 else DARK, look.lang, look.font, look.script)
            fill_with(cell.fill, ACCENT if r == 0 else look.white if r % 2 else look.grey)
