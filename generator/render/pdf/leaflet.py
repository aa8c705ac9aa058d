"""Document -> patient leaflet PDF (A4 or US Letter portrait, 2–4 pages, up to 6 for long texts) with reportlab's
platypus.

Page 1 opens with a title band, the one-sentence summary and the illustration; the sections
follow in reading order with the comparison table where the content puts it (its header row
repeats on every page it spans); the clinic's contact with a QR code and the trust block close
the leaflet. Every page has "side n av m" and, for unapproved content, a DRAFT mark. The
print-shop variant adds bleed, crop marks and TrimBox/BleedBox around the same layout.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from generator.assets.fonts import Direction
from generator.diagnostics import Location
from generator.document import model
from generator.document.model import BulletList, ComparisonTable, Document, Section
from generator.render.errors import LayoutProblem
from generator.render.pdf import blocks, compat, flowables, memo
from generator.render.pdf import parts as parts
from generator.render.pdf import tagging as tagging
from generator.render.pdf.page import Sheet, picture_ppi
from generator.render.pdf.rtl import draw_string
from generator.render.pdf.styles import Styles

if TYPE_CHECKING:
    from collections.abc import Callable

    from generator.kinds import Variant

BODY_SIZES = (13, 12.5, 12)  # tried in turn until the leaflet fits its pages; 12 pt is the floor
COVER_PICTURE, SECTION_PICTURE = 58 * mm, 70 * mm  # the pictures' largest height
# (body size, picture scale), tried in turn: smaller type first, then smaller pictures at 12 pt.
STEPS = tuple((size, 1.0) for size in BODY_SIZES) + ((BODY_SIZES[-1], 0.8), (BODY_SIZES[-1], 0.65))
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18 * mm, 16 * mm, 20 * mm
# The back block's (clinic column share, QR code size), in order of preference.
BACK_VARIANTS = ((0.33, 27 * mm), *((share, qr) for qr in (20 * mm, 18 * mm) for share in (0.33, 0.36, 0.39, 0.42)))
MEASURE_INDENT = 18 * mm  # running text stops short of the frame: ~70 characters a line at 13 pt
FOOTER_Y = 10 * mm
# A handout is one folded sheet (4 pages); a text that does not fit even at the floor (translations run 20–40 %
# longer than bokmål) gets one more duplex sheet, laid out again from the largest type: 6 pages, never more.
PAGE_LIMITS = (4, 6)
MAX_PAGES = PAGE_LIMITS[-1]


@dataclass
class _Layout:
    sheet: Sheet
    styles: Styles
    pictures: float = 1.0  # scale of the pictures' largest height

    @property
    def ppi(self) -> int:
        return picture_ppi(self.sheet.print_shop)

    @property
    def frame_width(self) -> float:
        return self.sheet.width - 2 * MARGIN_X

    @property
    def frame_height(self) -> float:
        return self.sheet.height - MARGIN_TOP - MARGIN_BOTTOM


def picture_boxes(paper: str) -> dict[str, tuple[float, float]]:
    """The largest (width, height) in points each kind of picture is placed at: what ``check``
    measures a picture's resolution against."""
    width = Sheet.of(paper).width - 2 * MARGIN_X
    return {"cover": (width, COVER_PICTURE), "section": (width, SECTION_PICTURE)}


def render(doc: Document, variant: Variant, template: Path | None = None) -> bytes:
    """The registry's entry point (``generator.kinds``): this product in ``variant``'s form."""
    with compat.too_large_is_a_problem(), compat.binary_streams():
        return render_leaflet(doc, variant.paper, variant.print_shop, variant.tagged)


def render_leaflet(doc: Document, paper: str = "a4", print_shop: bool = False, tagged: bool = False) -> bytes:
    """The leaflet at 13 pt; if that needs more than four pages, the body steps down to 12.5 and
    then 12 pt (the floor), then the pictures get smaller; a text too long even then takes up to six
    pages, through the same steps from 13 pt, before the overflow is an error naming the longest sections.
    ``tagged``: an accessible PDF/UA-1 and PDF/A-2 file (see :mod:`pdf_tagging`)."""
    drawn: dict[int, tuple[bytes, int]] = {}  # step -> (PDF, pages): a step's layout is the same for every limit

    def pages(step: int) -> int:
        if step not in drawn:
            body_size, pictures = STEPS[step]
            drawn[step] = _render(doc, paper, print_shop, body_size, tagged, pictures)
        return drawn[step][1]

    for limit in PAGE_LIMITS:
        step = first_fitting(pages, len(STEPS), limit)
        if step is not None:
            return drawn[step][0]
    page_count = pages(len(STEPS) - 1)
    longest = _longest_sections(doc)
    raise LayoutProblem(
        f"the leaflet needs {page_count} pages even at {BODY_SIZES[-1]:g} pt; at most {MAX_PAGES} make a handout",
        longest[0][1],
        "shorten the patient text; the longest sections are "
        + ", ".join(f"'{title}' (line {where.line}, {chars} characters)" for title, where, chars in longest),
    )


def first_fitting(pages: Callable[[int], int], steps: int, limit: int) -> int | None:
    """The first of ``steps`` (each more compact than the one before) whose ``pages(step)`` are at most
    ``limit``, or None. Drawing a step is the leaflet's cost, so after the first step the most compact one is
    tried: if even it does not fit, none does; otherwise the first fitting step is found by halving. Both rest
    on smaller type and pictures never taking more pages. A text that fits at 13 pt is drawn once, one that
    needs the extra sheet twice (trying every step in turn drew it six times)."""
    if pages(0) <= limit:
        return 0
    if pages(steps - 1) > limit:
        return None
    low, high = 0, steps - 1  # pages(low) > limit >= pages(high)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if pages(middle) <= limit else (middle, high)
    return high


def _render(
    doc: Document, paper: str, print_shop: bool, body_size: float, tagged: bool = False, pictures: float = 1.0
) -> tuple[bytes, int]:
    sheet = Sheet.of(paper, print_shop=print_shop)
    styles = Styles.make(doc, body_size)
    styles.body.rightIndent = MEASURE_INDENT
    styles.lead.rightIndent = MEASURE_INDENT
    layout = _Layout(sheet, styles, pictures)
    buffer = io.BytesIO()
    o = sheet.offset
    frame = Frame(
        o + MARGIN_X,
        o + MARGIN_BOTTOM,
        layout.frame_width,
        layout.frame_height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    template = BaseDocTemplate(
        buffer,
        pagesize=sheet.media,
        **parts.metadata(doc),
        lang=doc.language_tag,
        initialFontName=styles.fonts["regular"],
        invariant=1,
        initialFontSize=body_size,
        **sheet.pdf_boxes(),
    )
    band = _title_band(doc, layout)
    band_height = band.wrap(layout.frame_width, layout.frame_height)[1]
    template.addPageTemplates(
        [
            PageTemplate("first", [frame], onPage=lambda c, _: _decorate(c, doc, layout, band_height)),
            PageTemplate("rest", [frame], onPage=lambda c, _: _decorate(c, doc, layout, 0)),
        ]
    )
    story = _story(doc, layout, band)
    _check_rows(story, layout)
    pages: list[int] = []
    canvas = _numbered_canvas(doc, layout, pages)
    tagger = tagging.Tagger() if tagged else None
    if tagger:
        tagging.tag_story(story)
        canvas = tagging.tagging_canvas(canvas, tagger)
    template.build(story, canvasmaker=canvas)
    data = buffer.getvalue()
    if tagger:
        data = tagging.finish(data, tagger, f"{doc.title} – {doc.subtitle}", doc.language_tag)
    return data, pages[0]


def _title_band(doc: Document, layout: _Layout):
    """Title and subtitle, white on the clinic colour, as one block at the top of page 1."""
    return parts.title_band(doc, layout.styles, layout.frame_width, (6 * mm, 7 * mm))


def _story(doc: Document, layout: _Layout, band) -> list:
    s = layout.styles
    story: list = [
        NextPageTemplate("rest"),
        band,
        Spacer(1, 3 * mm),
        parts.masthead(doc, s, layout.frame_width),
        Spacer(1, 3 * mm),
        parts.paragraph(doc.summary, s.lead),
    ]
    placed_figures = set()
    if doc.cover_figure:
        story.append(
            parts.figure(doc.cover_figure, doc, s, layout.frame_width, COVER_PICTURE * layout.pictures, layout.ppi)
        )
        placed_figures.add(doc.cover_figure.path)
    placed_table = False
    for section in doc.sections:
        story += _section(section, doc, layout, placed_figures)
        placed_table |= any(isinstance(b, ComparisonTable) for b in section.blocks)
    if not placed_table:
        story += [parts.heading(doc.labels.treatment, s.h1), parts.comparison_table(doc.table, s, layout.frame_width)]
    story += parts.glossary_block(doc, s)
    # Contact and QR code beside the trust block: the back of the handout, kept on one page. Where
    # the last page has less room (a long clinic name), a smaller QR code and a wider clinic column.
    back = flowables.Variants([_back(doc, layout, share, qr) for share, qr in BACK_VARIANTS])
    story += [Spacer(1, 4 * mm), back]
    return story


def _back(doc: Document, layout: _Layout, share: float, qr: float) -> Table:
    s = layout.styles
    contact_width = layout.frame_width * share
    contact = parts.contact_block(doc, s, qr_size=qr, width=contact_width - 5 * mm)
    trust = parts.trust_block(doc, s, short_sources=True)
    back = Table([[contact, trust]], colWidths=[contact_width, layout.frame_width - contact_width])
    back.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), s.fonts["regular"]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 5 * mm),
                ("LINEABOVE", (0, 0), (-1, 0), 1.5, s.primary),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
            ]
        )
    )
    return back


def _section(section: Section, doc: Document, layout: _Layout, placed_figures: set) -> list:
    s = layout.styles
    width = layout.frame_width - (7 * mm if section.callout else 0)
    room = blocks.Room(
        width,
        width - MEASURE_INDENT,
        SECTION_PICTURE * layout.pictures,
        layout.ppi,
        table=lambda table: [parts.comparison_table(table, s, width)],
        printed_elsewhere=frozenset(placed_figures),
    )  # already on the front page
    body: list = [f for block in section.blocks for f in blocks.flowables(block, doc, s, room)]
    heading = parts.heading(section.title, s.h1, section.source)
    if section.needs_review:
        body.append(parts.review_mark(section.needs_review, doc, s, section.source))
    if section.callout:
        return [
            Spacer(1, 3 * mm),
            KeepTogether([parts.callout([heading, *body], s, layout.frame_width, section.source)]),
            Spacer(1, 3 * mm),
        ]
    return [CondPageBreak(30 * mm), heading, *body]


def _check_rows(story: list, layout: _Layout) -> None:
    """Refuse rows taller than a page: reportlab would otherwise fail, or cut the row."""
    for flowable in story:
        rows = memo.of(flowable).rows
        if rows is None:
            continue
        _, total = flowable.wrap(layout.frame_width, layout.frame_height)
        for i, row in enumerate(rows, start=1):
            heights = compat.row_heights(flowable)
            if heights[i] + heights[0] > layout.frame_height:
                name = "".join(sp.text for sp in row.cells[0].paragraphs[0])
                raise LayoutProblem(
                    f"the table row '{name}' is taller than a page",
                    row.source,
                    "shorten its texts or split long lists; a row is never cut",
                )


def _longest_sections(doc: Document) -> list[tuple[str, Location, int]]:
    def size(section: Section) -> int:
        total = 0
        for block in section.blocks:
            if isinstance(block, model.Paragraph):
                total += sum(len(sp.text) for sp in block.text)
            elif isinstance(block, BulletList):
                total += sum(len(sp.text) for item in block.items for sp in item)
            elif isinstance(block, ComparisonTable):
                total += sum(
                    len(sp.text)
                    for row in block.rows
                    for cell in row.cells
                    for inline in (*cell.paragraphs, *cell.bullets)
                    for sp in inline
                )
        return total

    ranked = sorted(((s.title, s.source, size(s)) for s in doc.sections), key=lambda t: -t[2])
    return ranked[:3]


def _decorate(canvas: Canvas, doc: Document, layout: _Layout, band_height: float) -> None:
    with tagging.artifact(canvas):
        _draw_decoration(canvas, doc, layout, band_height)


def _draw_decoration(canvas: Canvas, doc: Document, layout: _Layout, band_height: float) -> None:
    sheet, s = layout.sheet, layout.styles
    canvas.saveState()
    canvas.translate(sheet.offset, sheet.offset)
    if band_height and sheet.print_shop:
        # The band's table paints it inside the frame; for print shops extend it into the bleed.
        top = sheet.height - MARGIN_TOP
        canvas.setFillColor(s.primary)
        canvas.rect(
            *sheet.background_rect(0, top - band_height, sheet.width, sheet.height - top + band_height),
            stroke=0,
            fill=1,
        )
    parts.draw_draft_mark(canvas, doc, s, 0, 0, sheet.width, sheet.height, 120)
    if doc.draft:
        canvas.setFillColor(colors.white if band_height and sheet.print_shop else s.ink)
        rtl = doc.direction is Direction.RTL
        x, align = (MARGIN_X, "left") if rtl else (sheet.width - MARGIN_X, "right")
        draw_string(canvas, x, sheet.height - MARGIN_TOP + 4 * mm, doc.labels.draft, s.fonts["bold"], 12, align, rtl)
    sheet.draw_crop_marks(canvas)
    canvas.restoreState()


def _numbered_canvas(doc: Document, layout: _Layout, pages: list[int]):
    """A canvas that knows the page count when it writes the footers ("side 2 av 4")."""
    sheet, s = layout.sheet, layout.styles

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's API
            self._pages.append(dict(self.__dict__))
            compat.start_page(self)

        def save(self):
            pages.append(len(self._pages))
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(len(self._pages))
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            with tagging.artifact(self, "Pagination"):
                self._draw_footer(total)

        def _draw_footer(self, total: int) -> None:
            self.saveState()
            self.translate(sheet.offset, sheet.offset)
            self.setFillColor(s.ink)
            page = doc.labels.page_of.replace("{page}", str(compat.page_number(self))).replace("{pages}", str(total))
            about = f"{doc.title} · {doc.labels.version} {doc.trust.version}"
            # The page number at the end of the line, the title at its start: mirrored right to left.
            rtl = doc.direction is Direction.RTL
            end, start = ("left", "right") if rtl else ("right", "left")
            end_x, start_x = (MARGIN_X, sheet.width - MARGIN_X) if rtl else (sheet.width - MARGIN_X, MARGIN_X)
            draw_string(self, end_x, FOOTER_Y, page, s.fonts["regular"], 12, end, rtl)
            draw_string(self, start_x, FOOTER_Y, about, s.fonts["regular"], 12, start, rtl)
            self.restoreState()

    return NumberedCanvas
