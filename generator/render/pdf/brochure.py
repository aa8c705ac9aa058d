"""Document -> tri-fold brochure PDF: one landscape sheet, two pages, six panels.

Panel widths follow the fold: two full panels and a fold-in panel 3 mm narrower
(100 / 100 / 97 mm on A4). Outside, left to right: fold-in flap | back | front cover. Inside:
three reading panels. What goes where:

- cover: clinic, title band, summary and the cover picture, which grows to fill the panel;
- the reading chain: inside-1, inside-2, inside-3, then the flap. Every patient section the
  brochure carries flows through it in reading order, the comparison table as compact entries
  where the content puts it. The text is spread evenly (every panel cut to the smallest common
  height that holds it), so no panel is left empty while text waits. When there is room, the
  glossary is added and pictures are printed larger; when the text is too long, the error names
  the blocks whose ``brochure: false`` would free the most space;
- back: the clinic (its name wraps) with a QR code and the trust block; the QR code shrinks
  before the back overflows, a long clinic block sends the disclaimer and feedback line to the
  end of the reading chain, and only a clinic block too long for the panel's facts is an error
  (at the clinic file's line).

Text never crosses a fold: every panel is its own column (:mod:`pdf_flow`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Spacer

from generator.assets.fonts import Direction
from generator.diagnostics import Location
from generator.document import model
from generator.document.model import BulletList, ComparisonTable, Document, Figure, Section, Steps
from generator.render.errors import LayoutProblem
from generator.render.pdf import blocks, compat, flowables, memo
from generator.render.pdf import flow as flow
from generator.render.pdf import parts as parts
from generator.render.pdf import tagging as tagging
from generator.render.pdf.page import Sheet, picture_ppi
from generator.render.pdf.rtl import draw_string
from generator.render.pdf.styles import Styles

if TYPE_CHECKING:
    from generator.kinds import Variant

BODY_SIZE = 12
LINE_SPACING = 1.22  # tighter than the leaflet's 1.38: short lines in narrow panels need less
EDGE_MARGIN = 10 * mm  # at the sheet's edges: office printers and the print shop's safe zone
FOLD_MARGIN = 5.5 * mm  # each side of a fold: a crooked fold still leaves a white gutter
TOP_MARGIN, BOTTOM_MARGIN = 10 * mm, 11 * mm
FOLD_IN_NARROWER = 3 * mm
CHAIN = ("inside-1", "inside-2", "inside-3", "flap")  # the reading order of the text panels
# Tried in turn, richest first, until the text fits: (body size, glossary printed, largest picture
# height). Short content is set larger and gets larger pictures; long content loses the glossary
# (the leaflet keeps it) before it is an error.
RICHNESS = tuple((size, True, picture) for size in (14, 13, BODY_SIZE) for picture in (80 * mm, 62 * mm, 45 * mm)) + (
    (BODY_SIZE, False, 45 * mm),
    (BODY_SIZE, False, 36 * mm),
)
COVER_PICTURE = (36 * mm, 95 * mm)  # the cover picture's height: at least, at most
QR_SIZES = (26 * mm, 22 * mm, 18 * mm)  # the back's QR code shrinks before the back overflows


@dataclass(frozen=True)
class Panel:
    name: str
    x: float  # trim coordinates
    width: float
    left_margin: float
    right_margin: float

    @property
    def text_width(self) -> float:
        return self.width - self.left_margin - self.right_margin


def panels(sheet: Sheet, rtl: bool = False) -> tuple[list[Panel], list[Panel]]:
    """(outside, inside) panels, each left to right. A right-to-left brochure opens the other way: every
    row is mirrored (the cover on the outside's left, the first inside panel on the right), and the
    narrower fold-in panel still backs the flap."""
    full = (sheet.width + FOLD_IN_NARROWER) / 3
    fold_in = sheet.width - 2 * full

    def row(names, widths):
        out, x = [], 0.0
        for i, (name, width) in enumerate(zip(names, widths)):
            left = EDGE_MARGIN if i == 0 else FOLD_MARGIN
            right = EDGE_MARGIN if i == 2 else FOLD_MARGIN
            out.append(Panel(name, x, width, left, right))
            x += width
        return out

    outside, inside = (
        (("flap", fold_in), ("back", full), ("cover", full)),
        (
            ("inside-1", full),
            ("inside-2", full),
            ("inside-3", fold_in),
        ),
    )
    if rtl:
        outside, inside = outside[::-1], inside[::-1]
    return row(*zip(*outside)), row(*zip(*inside))


READING_ORDER = ["cover", "inside", "flap", "back"]  # the structure order of a tagged brochure


def picture_boxes(paper: str) -> dict[str, tuple[float, float]]:
    """The largest (width, height) in points each kind of picture is placed at: what ``check``
    measures a picture's resolution against (the widest panel's text; the cover's and the richest
    layout's picture heights)."""
    outside, inside = panels(Sheet.of(paper, landscape=True))
    width = max(p.text_width for p in (*outside, *inside))
    return {"cover": (width, COVER_PICTURE[1]), "section": (width, max(picture for _, _, picture in RICHNESS))}


def render(doc: Document, variant: Variant, template: Path | None = None) -> bytes:
    """The registry's entry point (``generator.kinds``): this product in ``variant``'s form."""
    with compat.too_large_is_a_problem(), compat.binary_streams():
        return render_brochure(doc, variant.paper, variant.print_shop, variant.tagged)


def render_brochure(doc: Document, paper: str = "a4", print_shop: bool = False, tagged: bool = False) -> bytes:
    sheet = Sheet.of(paper, landscape=True, print_shop=print_shop)
    s = Styles.make(doc, BODY_SIZE, LINE_SPACING)
    outside, inside = panels(sheet, rtl=doc.direction is Direction.RTL)
    columns = {p.name: _column(p, sheet) for p in outside + inside}
    ppi = picture_ppi(print_shop)

    # Lay everything out first; draw only when every part fits, so all overflows are reported at once.
    problems: list[LayoutProblem] = []
    back, about_moves = _back(doc, s, columns["back"], tagged, problems)
    cover, pictured = _cover(doc, s, columns["cover"], ppi, tagged, problems)
    # A cover too full for its picture leaves it to the section that names it (printed once either way).
    chain_doc = doc if pictured else replace(doc, cover_figure=None)
    chain = _reading_chain(chain_doc, s, [columns[n] for n in CHAIN], ppi, tagged, problems, about_moves)
    LayoutProblem.all_of(problems)

    buffer = io.BytesIO()
    tagger = tagging.Tagger() if tagged else None
    canvas_class = tagging.tagging_canvas(Canvas, tagger) if tagger else Canvas
    canvas = canvas_class(
        buffer,
        pagesize=sheet.media,
        invariant=1,
        initialFontName=s.fonts["regular"],
        initialFontSize=BODY_SIZE,
        lang=doc.language_tag,
        **sheet.pdf_boxes(),
    )
    parts.set_metadata(canvas, doc)

    def paint(result: flow.Flow, group: str) -> None:
        if tagger:
            tagger.group = group
        flow.draw(result, canvas)

    # Page 1: the outside of the sheet; page 2: the inside.
    _background(canvas, sheet, s, outside)
    paint(cover, "cover")
    paint(_only(chain, CHAIN.index("flap")), "flap")
    paint(back, "back")
    _finish_page(canvas, sheet, doc, s, outside)
    paint(_only(chain, *(CHAIN.index(p.name) for p in inside)), "inside")
    _finish_page(canvas, sheet, doc, s, inside)
    canvas.save()
    if tagger:
        return tagging.finish(
            buffer.getvalue(), tagger, f"{doc.title} – {doc.subtitle}", doc.language_tag, order=READING_ORDER
        )
    return buffer.getvalue()


def _column(panel: Panel, sheet: Sheet) -> flow.Column:
    o = sheet.offset
    return flow.Column(
        o + panel.x + panel.left_margin,
        o + sheet.height - TOP_MARGIN,
        panel.text_width,
        sheet.height - TOP_MARGIN - BOTTOM_MARGIN,
    )


# -- the reading chain ----------------------------------------------------------------------------


def _reading_chain(
    doc: Document,
    s: Styles,
    columns: list[flow.Column],
    ppi: int,
    tagged: bool,
    problems: list[LayoutProblem],
    about: Sequence = (),
) -> flow.Flow:
    """The patient sections through inside-1..3 and the flap, as rich as fits, spread evenly.
    ``about``: paragraphs of the 'about this brochure' block that did not fit the back; they close
    the chain."""
    width = min(c.width for c in columns)
    styles_of = {BODY_SIZE: s}
    for size, glossary, picture in RICHNESS:
        if size not in styles_of:
            styles_of[size] = Styles.make(doc, size, LINE_SPACING)
        styles = styles_of[size]
        story = _sections(doc, styles, width, ppi, picture)
        if glossary:
            story += parts.glossary_block(doc, styles)
        story += list(about)
        if not flow.pour(story, columns).fits:
            continue
        if tagged:  # before the final layout, so a paragraph split between panels stays one element
            tagging.tag_story(story)
        return flow.balance(story, columns)
    result = flow.pour(story, columns)
    problems.append(_overflow(doc, s, result, columns, ppi))
    return result


def _sections(doc: Document, s: Styles, width: float, ppi: int, picture: float) -> list:
    story: list = []
    placed_table = False
    for section in doc.sections:
        if not section.brochure:
            continue
        story += _section(section, doc, s, width, ppi, picture)
        placed_table |= any(isinstance(b, ComparisonTable) for b in section.blocks)
    if not placed_table:
        heading = parts.heading(doc.labels.treatment, s.h1)
        story += [heading] + [f for row in doc.table.rows for f in parts.compact_treatment(row, doc.labels, s)]
    return story


def _section(section: Section, doc: Document, s: Styles, width: float, ppi: int, picture: float) -> list:
    heading = parts.heading(section.title, s.h1, section.source)
    body: list = []
    for block in section.blocks:
        if not getattr(block, "brochure", True):
            continue  # the content keeps this block for the leaflet only
        body += _block(block, doc, s, width, ppi, picture)
    if section.needs_review:
        body.append(parts.review_mark(section.needs_review, doc, s, section.source))
    group = (
        [parts.callout([heading, *body], s, width, section.source, splittable=True)]
        if section.callout
        else [heading, *body]
    )
    for flowable in group:
        memo.attach(flowable).section = section.title
    return group


def _block(block, doc: Document, s: Styles, width: float, ppi: int, picture: float) -> list:
    cover = frozenset([doc.cover_figure.path]) if doc.cover_figure is not None else frozenset()
    room = blocks.Room(
        width,
        width,
        picture,
        ppi,
        printed_elsewhere=cover,  # printed once, on the cover
        table=lambda table: [f for row in table.rows for f in parts.compact_treatment(row, doc.labels, s)],
    )
    return blocks.flowables(block, doc, s, room)


def _overflow(doc: Document, s: Styles, result: flow.Flow, columns: list[flow.Column], ppi: int) -> LayoutProblem:
    """What did not fit, and the blocks whose ``brochure: false`` would free the most room."""
    width = min(c.width for c in columns)
    missing = flow.height_of(result.leftover, width)
    source = next((memo.of(f).source for f in result.leftover if memo.of(f).source), doc.source)
    sections = list(dict.fromkeys(memo.of(f).section for f in result.leftover if memo.of(f).section))
    what = ", ".join(f"section '{t}'" for t in sections) or f"{len(result.leftover)} block(s)"
    candidates = _droppable(doc, s, width, ppi)
    best = ", ".join(
        f"{name} ({Path(where.file).name} line {where.line}, {height / mm:.0f} mm)"
        for name, where, height in candidates[:3]
    )
    hint = "shorten the patient text from this line on"
    if best:
        hint += "; or add 'brochure: false' to what the leaflet alone should carry — most room is freed by " + best
    moved = any(memo.of(f).section == doc.labels.about_this_leaflet for f in result.leftover)
    if moved:
        hint += (
            "; the 'about' block is here because the clinic's name and address fill the back panel "
            "(a shorter name in the clinic file gives it back its place)"
        )
    return LayoutProblem(
        f"the brochure's inside and flap are full: about {missing / mm:.0f} mm of text do not fit; not placed: {what}",
        source,
        hint,
    )


def _droppable(doc: Document, s: Styles, width: float, ppi: int) -> list[tuple[str, Location, float]]:
    """Sections and blocks that may leave the brochure, largest first: never the table's section,
    never a callout (it says when to see a doctor)."""
    found = []
    picture = RICHNESS[-1][2]
    for section in doc.sections:
        if section.callout or not section.brochure:
            continue
        if not any(isinstance(b, ComparisonTable) for b in section.blocks):
            found.append(
                (
                    f"section '{section.title}'",
                    section.source,
                    flow.height_of(_section(section, doc, s, width, ppi, picture), width),
                )
            )
        for block in section.blocks:
            if getattr(block, "brochure", True) and not isinstance(block, ComparisonTable):
                found.append(
                    (
                        _block_name(block),
                        block.source,
                        flow.height_of(_block(block, doc, s, width, ppi, picture), width),
                    )
                )
    return sorted((f for f in found if f[2] > 0), key=lambda f: -f[2])


def _block_name(block) -> str:
    kinds = {model.Paragraph: "paragraph", Steps: "steps", BulletList: "list", Figure: "figure"}
    return f"the {kinds.get(type(block), 'block')}"


# -- cover and back -----------------------------------------------------------------------------------


def _cover(
    doc: Document, s: Styles, column: flow.Column, ppi: int, tagged: bool, problems: list
) -> tuple[flow.Flow, bool]:
    """Clinic, title band, summary; the cover picture takes the height that is left. A cover whose picture
    and caption do not fit even at the picture's least height goes without them (False: not pictured)."""
    width = column.width

    def story(pictured: bool) -> list:
        found: list = [
            parts.masthead(doc, s, width),
            Spacer(1, 3 * mm),
            parts.title_band(doc, s, width, (5 * mm, 6 * mm)),
            Spacer(1, 4 * mm),
            parts.paragraph(doc.summary, s.lead, doc.source),
        ]
        if pictured and doc.cover_figure:
            room = column.height - flow.height_of(found, width) - _caption_room(doc, s, width)
            height = max(COVER_PICTURE[0], min(COVER_PICTURE[1], room))
            found.append(parts.figure(doc.cover_figure, doc, s, width, height, ppi))
        if tagged:
            tagging.tag_story(found)
        return found

    result = flow.pour(story(True), [column])
    if result.fits or not doc.cover_figure:
        pictured = bool(doc.cover_figure)
    else:
        result, pictured = flow.pour(story(False), [column]), False
    if not result.fits:
        problems.append(
            LayoutProblem(
                "the brochure's cover is full: the title, subtitle and summary are too long",
                doc.source,
                "shorten the title, subtitle or summary",
            )
        )
    return result, pictured


def _caption_room(doc: Document, s: Styles, width: float) -> float:
    """Height of the cover picture's caption and the spaces around the picture."""
    caption = flowables.figure_caption(cast(Figure, doc.cover_figure), doc, s)  # the caller checks there is one
    return caption.wrap(width, 10**6)[1] + 4.5 * mm + 1


def _back(doc: Document, s: Styles, column: flow.Column, tagged: bool, problems: list) -> tuple[flow.Flow, list]:
    """The clinic with a QR code and the 'about' block. The QR code shrinks first; if the clinic's
    block is so long (a long name, a long address) that the 'about' block still does not fit, its
    last paragraphs (the disclaimer, the feedback line, a translation's notice that its source changed)
    move to the end of the reading chain, read
    just before the back; they are returned. An error only when the clinic's block and the 'about'
    block's heading and facts do not fit: it names the clinic file's line."""
    for qr in QR_SIZES:
        try:
            contact = parts.contact_block(doc, s, qr_size=qr, width=column.width)
        except LayoutProblem as problem:
            problems.append(problem)
            return flow.Flow([column]), []
        about = parts.trust_block(doc, s, short_sources=True)
        # Disclaimer and feedback: whole paragraphs that read anywhere; the notices (a translation behind its
        # source, a text changed since approval) too: put last, they move first.
        count = len(doc.trust.notices)
        about, last = about[:1] + about[1 + count :] + about[1 : 1 + count], 2 + count
        story = contact + [Spacer(1, 1 * mm)] + about
        # The smallest QR code first moves whole paragraphs, the fewest that make the rest fit (a paragraph
        # the panel would split goes whole).
        for count in range(last + 1) if qr == QR_SIZES[-1] else (0,):
            kept = story[: len(story) - count]
            if not flow.pour(kept, [column]).fits:
                continue
            if tagged:
                tagging.tag_story(kept)
            moved = about[len(about) - count :]
            for flowable in moved:
                memo.attach(flowable).source = doc.source
                memo.attach(flowable).section = doc.labels.about_this_leaflet
            return flow.pour(kept, [column]), moved
    problems.append(
        LayoutProblem(
            "the brochure's back panel is full: the clinic's name, address and QR code leave "
            "no room for the 'about this brochure' facts",
            doc.clinic.where("name"),
            "shorten the clinic's name or address in the clinic file",
        )
    )
    return flow.Flow([column]), []


def _only(result: flow.Flow, *columns: int) -> flow.Flow:
    """The part of a flow that lies in some of its columns (to draw one page of the sheet)."""
    return flow.Flow(result.columns, [p for p in result.placed if p.column in columns], [])


# -- decoration ---------------------------------------------------------------------------------------


def _background(canvas: Canvas, sheet: Sheet, s: Styles, row: list[Panel]) -> None:
    """Nothing behind text but white; a thin primary rule at the cover's top edge (into the bleed)."""
    with tagging.artifact(canvas):
        _draw_background(canvas, sheet, s, row)


def _draw_background(canvas: Canvas, sheet: Sheet, s: Styles, row: list[Panel]) -> None:
    canvas.saveState()
    canvas.translate(sheet.offset, sheet.offset)
    cover = next(p for p in row if p.name == "cover")
    canvas.setFillColor(s.primary)
    canvas.rect(*sheet.background_rect(cover.x, sheet.height - 6 * mm, cover.width, 6 * mm), stroke=0, fill=1)
    canvas.restoreState()


def _finish_page(canvas: Canvas, sheet: Sheet, doc: Document, s: Styles, row: list[Panel]) -> None:
    with tagging.artifact(canvas):
        _draw_draft_and_crop_marks(canvas, sheet, doc, s, row)
    canvas.showPage()


def _draw_draft_and_crop_marks(canvas: Canvas, sheet: Sheet, doc: Document, s: Styles, row: list[Panel]) -> None:
    canvas.saveState()
    canvas.translate(sheet.offset, sheet.offset)
    for panel in row:
        parts.draw_draft_mark(canvas, doc, s, panel.x, 0, panel.width, sheet.height, 64)
    if doc.draft:
        canvas.setFillColor(s.ink)
        rtl = doc.direction is Direction.RTL
        for panel in row:
            x = panel.x + panel.width - panel.right_margin
            draw_string(canvas, x, BOTTOM_MARGIN - 7 * mm, doc.labels.draft, s.fonts["bold"], 12, "right", rtl)
    sheet.draw_crop_marks(canvas)
    canvas.restoreState()
