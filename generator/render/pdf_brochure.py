"""Document -> tri-fold brochure PDF: one landscape sheet, two pages, six panels.

Panel widths follow the fold: two full panels and a fold-in panel 3 mm narrower
(100 / 100 / 97 mm on A4). Outside, left to right: fold-in flap | back | front cover. Inside:
three reading panels. What goes where:

- cover: clinic, title band, summary, illustration;
- inside: the patient sections up to the comparison table, the table as compact entries;
- flap: the sections after the table (self-care, prevention, when to see a doctor), read next;
- back: contact with QR code and the trust block with short source references.

Each group is poured into its own panel frames and never spills into another group or across a
fold; what does not fit is a :class:`LayoutProblem` naming the content line.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import ActionFlowable, PageBegin, _FrameBreak

from generator.document.model import BulletList, ComparisonTable, Document, Figure, Section
from generator.document.model import Paragraph as TextBlock
from generator.render import pdf_parts as parts
from generator.render import pdf_tagging as tagging
from generator.render.errors import LayoutProblem
from generator.render.pdf_page import Sheet
from generator.render.pdf_text import plain_markup

BODY_SIZE = 12
LINE_SPACING = 1.22      # tighter than the leaflet's 1.38: short lines in narrow panels need less
EDGE_MARGIN = 10 * mm     # at the sheet's edges: office printers and the print shop's safe zone
FOLD_MARGIN = 5.5 * mm    # each side of a fold: a crooked fold still leaves a white gutter
TOP_MARGIN, BOTTOM_MARGIN = 10 * mm, 11 * mm
FOLD_IN_NARROWER = 3 * mm


@dataclass(frozen=True)
class Panel:
    name: str
    x: float          # trim coordinates
    width: float
    left_margin: float
    right_margin: float


def panels(sheet: Sheet) -> tuple[list[Panel], list[Panel]]:
    """(outside, inside) panels, each left to right."""
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

    return (row(("flap", "back", "cover"), (fold_in, full, full)),
            row(("inside-1", "inside-2", "inside-3"), (full, full, fold_in)))


READING_ORDER = ["cover", "inside", "flap", "back"]   # the structure order of a tagged brochure


def render_brochure(doc: Document, paper: str = "a4", print_shop: bool = False, tagged: bool = False) -> bytes:
    sheet = Sheet.of(paper, landscape=True, print_shop=print_shop)
    s = parts.Styles.make(doc, BODY_SIZE, LINE_SPACING)
    outside, inside = panels(sheet)
    frames = {p.name: _frame(p, sheet) for p in outside + inside}
    widths = {p.name: p.width - p.left_margin - p.right_margin for p in outside + inside}

    buffer = io.BytesIO()
    tagger = tagging.Tagger() if tagged else None
    canvas_class = tagging.tagging_canvas(Canvas, tagger) if tagger else Canvas
    canvas = canvas_class(buffer, pagesize=sheet.media, invariant=1, initialFontName=s.fonts["regular"], initialFontSize=BODY_SIZE,
                    lang=doc.language_tag, **sheet.pdf_boxes())
    canvas.setTitle(f"{doc.title} – {doc.subtitle}")
    canvas.setAuthor(", ".join(doc.trust.authors))
    canvas.setSubject(doc.labels["leaflet_subject"])
    canvas.setKeywords(", ".join((doc.title, doc.icd10, doc.labels["leaflet_subject"])))
    canvas.setCreator("leafdeck")
    canvas.setProducer("leafdeck")

    # Inside: the sections up to and including the comparison table; the flap: the rest (self-care,
    # prevention, when to see a doctor), read after the inside and before the back.
    with_table = [i for i, sec in enumerate(doc.sections) if any(isinstance(b, ComparisonTable) for b in sec.blocks)]
    split = with_table[0] + 1 if with_table else len(doc.sections)
    reading, closing = list(doc.sections[:split]), list(doc.sections[split:])

    # Page 1: the outside of the sheet.
    problems: list[LayoutProblem] = []

    def pour(names: list[str], story: list, where: str) -> None:
        if tagger:
            tagger.group = names[0].split("-")[0]
            tagging.tag_story(story)
        try:
            _pour(canvas, [frames[n] for n in names], story, where)
        except LayoutProblem as problem:
            problems.append(problem)

    _background(canvas, sheet, s, outside)
    ppi = 300 if print_shop else 150
    pour(["cover"], _cover(doc, s, widths["cover"], ppi), "cover")
    pour(["flap"], _sections(closing, doc, s, widths["flap"], ppi), "flap (fold-in panel)")
    back = parts.contact_block(doc, s, qr_size=26 * mm) + [Spacer(1, 1 * mm)] + parts.trust_block(doc, s, short_sources=True)
    pour(["back"], back, "back panel")
    _finish_page(canvas, sheet, doc, s, outside)

    # Page 2: the inside, three reading panels.
    body = _sections(reading, doc, s, min(widths[p.name] for p in inside), ppi, skip=doc.cover_figure)
    pour([p.name for p in inside], body, "inside")
    _finish_page(canvas, sheet, doc, s, inside)
    LayoutProblem.all_of(problems)
    canvas.save()
    if tagger:
        return tagging.finish(buffer.getvalue(), tagger, f"{doc.title} – {doc.subtitle}", doc.language_tag,
                              order=READING_ORDER)
    return buffer.getvalue()


def _frame(panel: Panel, sheet: Sheet) -> Frame:
    o = sheet.offset
    return Frame(o + panel.x + panel.left_margin, o + BOTTOM_MARGIN,
                 panel.width - panel.left_margin - panel.right_margin, sheet.height - TOP_MARGIN - BOTTOM_MARGIN,
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=panel.name)


def _cover(doc: Document, s: parts.Styles, width: float, ppi: int) -> list:
    band = Table([[[Paragraph(plain_markup(doc.title), s.title), Paragraph(plain_markup(doc.subtitle), s.subtitle)]]],
                 colWidths=[width])
    band.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), s.fonts["regular"]),
        ("BACKGROUND", (0, 0), (-1, -1), s.primary),
        ("LEFTPADDING", (0, 0), (-1, -1), 5 * mm), ("RIGHTPADDING", (0, 0), (-1, -1), 5 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 6 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 6 * mm),
    ]))
    story: list = [parts.masthead(doc, s, width), Spacer(1, 3 * mm), band,
                   Spacer(1, 4 * mm), parts.paragraph(doc.summary, s.lead)]
    if doc.cover_figure:
        story.append(parts.figure(doc.cover_figure, doc, s, width, 62 * mm, ppi))
    return story


def _sections(sections: list[Section], doc: Document, s: parts.Styles, width: float, ppi: int,
              skip: Figure | None = None) -> list:
    story: list = []
    for section in sections:
        if not section.brochure:
            continue
        heading = parts.tag(Paragraph(plain_markup(section.title), s.h1), section.source)
        body: list = []
        for block in section.blocks:
            if not getattr(block, "brochure", True):
                continue  # the content keeps this block for the leaflet only
            if isinstance(block, TextBlock):
                body.append(parts.paragraph(block.text, s.body, block.source))
            elif isinstance(block, BulletList):
                body += parts.bullets(block.items, s.body, block.source)
            elif isinstance(block, Figure):
                if skip is None or block.path != skip.path:
                    body.append(parts.figure(block, doc, s, width, 45 * mm, ppi))
            elif isinstance(block, ComparisonTable):
                body += [parts.compact_treatment(row, doc.labels, s) for row in block.rows]
            if getattr(block, "needs_review", None):
                body.append(parts.review_mark(block.needs_review, doc, s, block.source))
        if section.callout:
            group = [parts.callout([heading, *body], s, width, section.source)]
        else:
            group = [heading, *body]
        for flowable in group:
            flowable.leafdeck_section = section.title
        story += group
    return story


def _pour(canvas: Canvas, frames: list[Frame], story: list, where: str) -> None:
    """Fill the frames in order, splitting blocks between them; leftovers are an error."""
    pending = list(story)
    for frame in frames:
        while pending:
            head = pending[0]
            if isinstance(head, ActionFlowable):
                # KeepTogether asks for a frame break when its group does not fit here.
                pending.pop(0)
                if isinstance(head, (_FrameBreak, PageBegin)) or "Break" in type(head).__name__:
                    break
                continue
            if _strands_heading(frame, head):
                break
            if frame.add(head, canvas, trySplit=0):
                pending.pop(0)
                continue
            pieces = frame.split(head, canvas)
            if not pieces or pieces[0] is head:
                break  # this frame is full: go on in the next one
            for piece in pieces:
                for attribute in ("leafdeck_source", "leafdeck_section"):
                    if not getattr(piece, attribute, None):
                        setattr(piece, attribute, getattr(head, attribute, None))
            pending[0:1] = pieces
            if not isinstance(pieces[0], ActionFlowable):
                if not frame.add(pieces[0], canvas, trySplit=0):
                    break
                pending.pop(0)
    if pending:
        source = next((f.leafdeck_source for f in pending if getattr(f, "leafdeck_source", None)), None)
        sections = list(dict.fromkeys(f.leafdeck_section for f in pending if getattr(f, "leafdeck_section", None)))
        what = ", ".join(f"section '{t}'" for t in sections) or f"{len(pending)} block(s)"
        raise LayoutProblem(
            f"the brochure's {where} is full; not placed: {what}",
            source,
            "shorten the patient text from this line on, or add 'brochure: false' to a block or section "
            "that the leaflet alone should carry",
        )


def _strands_heading(frame: Frame, head) -> bool:
    """A heading needs room for itself and two lines after it, or it moves to the next panel."""
    style = getattr(head, "style", None)
    if not getattr(style, "keepWithNext", 0) or frame._atTop:
        return False
    available = frame._y - frame._y1p
    _, height = head.wrap(frame._aW, available)
    return height + head.getSpaceBefore() + 2 * BODY_SIZE * 1.4 > available


def _background(canvas: Canvas, sheet: Sheet, s: parts.Styles, row: list[Panel]) -> None:
    """Nothing behind text but white; a thin primary rule at the cover's top edge (into the bleed)."""
    with tagging.artifact(canvas):
        _draw_background(canvas, sheet, s, row)


def _draw_background(canvas: Canvas, sheet: Sheet, s: parts.Styles, row: list[Panel]) -> None:
    canvas.saveState()
    canvas.translate(sheet.offset, sheet.offset)
    cover = next(p for p in row if p.name == "cover")
    canvas.setFillColor(s.primary)
    canvas.rect(*sheet.background_rect(cover.x, sheet.height - 6 * mm, cover.width, 6 * mm), stroke=0, fill=1)
    canvas.restoreState()


def _finish_page(canvas: Canvas, sheet: Sheet, doc: Document, s: parts.Styles, row: list[Panel]) -> None:
    with tagging.artifact(canvas):
        _draw_marks(canvas, sheet, doc, s, row)
    canvas.showPage()


def _draw_marks(canvas: Canvas, sheet: Sheet, doc: Document, s: parts.Styles, row: list[Panel]) -> None:
    canvas.saveState()
    canvas.translate(sheet.offset, sheet.offset)
    for panel in row:
        parts.draw_draft_mark(canvas, doc, s, panel.x, 0, panel.width, sheet.height, 64)
    if doc.draft:
        canvas.setFont(s.fonts["bold"], 12)
        canvas.setFillColor(s.ink)
        for panel in row:
            canvas.drawRightString(panel.x + panel.width - panel.right_margin, BOTTOM_MARGIN - 7 * mm, doc.labels["draft"])
    sheet.draw_crop_marks(canvas)
    canvas.restoreState()
