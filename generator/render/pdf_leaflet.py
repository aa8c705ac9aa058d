"""Document -> A4 patient leaflet (PDF) with reportlab's platypus.

Front matter (title, summary, illustration, clinic), the sections in reading order with the
comparison table where the content puts it, and the trust block with contact details at the end.
Pages carry "side n av m" in the footer and, for unapproved content, a DRAFT mark.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak, Image, KeepTogether, ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer,
    Table, TableStyle,
)

from generator.document.model import BulletList, Cell, ComparisonTable, Document, Figure, Section, Span
from generator.document.model import Paragraph as TextBlock
from generator.render.pdf_text import markup, phone, plain_markup
from generator.theme.fonts import register_reportlab

MARGIN = 18 * mm
BODY_SIZE = 13
TABLE_SIZE = 12          # clear-print minimum; the table stays at body-size legibility


class _Styles:
    def __init__(self, doc: Document, fonts: dict[str, str]):
        ink = colors.HexColor(doc.clinic.colours["text"])
        primary = colors.HexColor(doc.clinic.colours["primary"])
        hyphenation = doc.language_tag.replace("-", "_")
        base = dict(fontName=fonts["regular"], textColor=ink, alignment=TA_LEFT,
                    hyphenationLang=hyphenation, embeddedHyphenation=2, hyphenationMinWordLength=5,
                    uriWasteReduce=0.3)
        self.body = ParagraphStyle("body", fontSize=BODY_SIZE, leading=BODY_SIZE * 1.4, spaceAfter=6, **base)
        self.title = ParagraphStyle("title", fontName=fonts["bold"], fontSize=30, leading=36, textColor=primary,
                                    spaceAfter=4)
        self.subtitle = ParagraphStyle("subtitle", parent=self.body, fontSize=17, leading=22, spaceAfter=10)
        self.lead = ParagraphStyle("lead", parent=self.body, fontSize=15, leading=21, spaceAfter=10)
        self.h1 = ParagraphStyle("h1", fontName=fonts["bold"], fontSize=19, leading=24, textColor=primary,
                                 spaceBefore=12, spaceAfter=6, keepWithNext=1)
        self.h2 = ParagraphStyle("h2", parent=self.h1, fontSize=15, leading=19, spaceBefore=8)
        self.caption = ParagraphStyle("caption", parent=self.body, fontSize=12, leading=16)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=12, leading=16, spaceAfter=3)
        # Web addresses must never be hyphenated: a hyphen inside a URL changes it.
        self.link = ParagraphStyle("link", parent=self.small, hyphenationLang="", embeddedHyphenation=0)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.3,
                                   spaceAfter=2)
        self.head = ParagraphStyle("head", parent=self.cell, fontName=fonts["bold"], textColor=colors.white,
                                   hyphenationLang="", embeddedHyphenation=0)
        self.review = ParagraphStyle("review", parent=self.small, fontName=fonts["italic"])
        self.fonts, self.ink, self.primary = fonts, ink, primary


def render_leaflet(doc: Document) -> bytes:
    fonts = register_reportlab()
    styles = _Styles(doc, fonts)
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN + 6 * mm,
        title=f"{doc.title} – {doc.subtitle}", author=", ".join(doc.trust.authors), subject=doc.labels["leaflet_subject"],
        keywords=[doc.title, doc.icd10, doc.labels["leaflet_subject"]], creator="leafdeck", producer="leafdeck",
        lang=doc.language_tag, initialFontName=fonts["regular"], invariant=1,
    )
    story = _front(doc, styles)
    placed_table = False
    for section in doc.sections:
        story += _section(section, doc, styles, template.width)
        placed_table |= any(isinstance(b, ComparisonTable) for b in section.blocks)
    if not placed_table:
        story += [Paragraph(plain_markup(doc.labels["treatment"]), styles.h1), _table(doc.table, doc, styles, template.width)]
    story += _back(doc, styles)

    def decorate(canvas: Canvas, _template) -> None:
        _page_decoration(canvas, doc, styles)

    template.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=_numbered_canvas(doc, styles))
    return buffer.getvalue()


def _front(doc: Document, s: _Styles) -> list:
    story = [Paragraph(plain_markup(doc.title), s.title), Paragraph(plain_markup(doc.subtitle), s.subtitle),
             Paragraph(markup(doc.summary), s.lead)]
    if doc.cover_figure:
        story += _figure(doc.cover_figure, doc, s, max_height=85 * mm)
    story.append(Paragraph(plain_markup(doc.clinic.name), s.h2))
    return story


def _section(section: Section, doc: Document, s: _Styles, width: float) -> list:
    heading = Paragraph(plain_markup(section.title), s.h1)
    body: list = []
    for block in section.blocks:
        body += _block(block, doc, s, width - (8 * mm if section.callout else 0))
    if section.needs_review:
        body.append(_review_mark(section.needs_review, doc, s))
    if not section.callout:
        return [CondPageBreak(40 * mm), heading, *body]
    # A callout is boxed with a thick rule, so it stands out in black-and-white print too.
    box = Table([[[heading, *body]]], colWidths=[width])
    box.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), s.fonts["regular"]),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(doc.clinic.colours["callout_background"])),
        ("BOX", (0, 0), (-1, -1), 2.5, s.ink),
        ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm), ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
    ]))
    return [Spacer(1, 4 * mm), box, Spacer(1, 4 * mm)]


def _block(block, doc: Document, s: _Styles, width: float) -> list:
    out: list = []
    if isinstance(block, TextBlock):
        out.append(Paragraph(markup(block.text), s.body))
    elif isinstance(block, BulletList):
        out.append(_bullets(block.items, s.body))
    elif isinstance(block, Figure):
        out += _figure(block, doc, s)
    elif isinstance(block, ComparisonTable):
        out.append(_table(block, doc, s, width))
    if getattr(block, "needs_review", None):
        out.append(_review_mark(block.needs_review, doc, s))
    return out


def _bullets(items, style: ParagraphStyle) -> ListFlowable:
    return ListFlowable([ListItem(Paragraph(markup(item), style), leftIndent=12) for item in items],
                        bulletType="bullet", start="•", leftIndent=12, bulletFontName=style.fontName,
                        bulletFontSize=style.fontSize)


def _review_mark(note: str, doc: Document, s: _Styles) -> Paragraph:
    return Paragraph(f"[{plain_markup(doc.labels['needs_review'])}: {plain_markup(note)}]", s.review)


def _figure(figure: Figure, doc: Document, s: _Styles, max_height: float = 90 * mm) -> list:
    image = Image(str(figure.path))
    ratio = image.imageWidth / image.imageHeight
    width = min(A4[0] - 2 * MARGIN, max_height * ratio)
    image.drawWidth, image.drawHeight = width, width / ratio
    caption = Paragraph(f"{markup(figure.caption)} ({plain_markup(doc.labels['figure_credit'])}: "
                        f"{plain_markup(figure.credit)})", s.caption)
    return [KeepTogether([image, Spacer(1, 2 * mm), caption]), Spacer(1, 4 * mm)]


def _cell(cell: Cell, s: _Styles) -> list:
    flow: list = [Paragraph(markup(p), s.cell) for p in cell.paragraphs]
    if cell.bullets:
        flow.append(_bullets(cell.bullets, s.cell))
    return flow


def _table(table: ComparisonTable, doc: Document, s: _Styles, width: float) -> Table:
    header = [Paragraph(plain_markup(c), s.head) for c in table.columns]
    rows = [header] + [[_cell(c, s) for c in row.cells] for row in table.rows]
    fractions = (0.28, 0.27, 0.27, 0.18)
    result = Table(rows, colWidths=[width * f for f in fractions], repeatRows=1, hAlign="LEFT")
    result.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), s.fonts["regular"]),
        ("BACKGROUND", (0, 0), (-1, 0), s.primary),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.6, s.ink),
        ("LINEBELOW", (0, 0), (-1, 0), 2, s.ink),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F2F2F2")]),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return result


def _back(doc: Document, s: _Styles) -> list:
    labels, trust, clinic = doc.labels, doc.trust, doc.clinic
    story: list = [CondPageBreak(80 * mm), Paragraph(plain_markup(clinic.name), s.h1)]
    if clinic.address:
        story.append(Paragraph(plain_markup(clinic.address), s.small))
    if clinic.phone:
        story.append(Paragraph(f"{plain_markup(labels['phone'])}: {phone(clinic.phone)}", s.small))
    if clinic.email:
        story.append(Paragraph(plain_markup(clinic.email), s.link))
    if clinic.web_display:
        story.append(Paragraph(f"{plain_markup(labels['web'])}: {plain_markup(clinic.web_display)}", s.link))

    reviewer = trust.clinical_reviewer or labels["not_reviewed"]
    facts = [
        (labels["authors"], ", ".join(trust.authors)),
        (labels["clinical_reviewer"], reviewer),
        (labels["organisation"], f"{trust.organisation} ({trust.organisation_contact})"),
        (labels["version"], trust.version),
        (labels["published"], trust.published.isoformat()),
        (labels["last_reviewed"], trust.last_reviewed.isoformat()),
        (labels["next_review"], trust.next_review.isoformat()),
    ]
    story.append(Paragraph(plain_markup(labels["about_this_leaflet"]), s.h2))
    story += [Paragraph(f"<b>{plain_markup(k)}:</b> {plain_markup(v)}", s.small) for k, v in facts]
    story.append(Paragraph(plain_markup(trust.disclaimer), s.small))
    story.append(Paragraph(plain_markup(trust.feedback), s.small))
    if trust.sources:
        story.append(Paragraph(plain_markup(labels["sources"]), s.h2))
        story.append(_bullets([(Span(c),) for c in trust.sources], s.small))
    return story


def _page_decoration(canvas: Canvas, doc: Document, s: _Styles) -> None:
    if not doc.draft:
        return
    canvas.saveState()
    # Light grey, diagonal, behind nothing important: readable text stays readable in B/W.
    canvas.setFillColor(colors.Color(0, 0, 0, alpha=0.10))
    canvas.setFont(s.fonts["bold"], 110)
    canvas.translate(A4[0] / 2, A4[1] / 2)
    canvas.rotate(50)
    canvas.drawCentredString(0, -35, doc.labels["draft"])
    canvas.restoreState()
    canvas.saveState()
    canvas.setFont(s.fonts["bold"], 12)
    canvas.setFillColor(s.ink)
    canvas.drawRightString(A4[0] - MARGIN, A4[1] - 11 * mm, doc.labels["draft"])
    canvas.restoreState()


def _numbered_canvas(doc: Document, s: _Styles):
    """A canvas that knows the page count when it writes the footers ("side 2 av 4")."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            self.saveState()
            self.setFont(s.fonts["regular"], 12)
            self.setFillColor(s.ink)
            text = doc.labels["page_of"].format(page=self._pageNumber, pages=total)
            self.drawRightString(A4[0] - MARGIN, 10 * mm, text)
            self.drawString(MARGIN, 10 * mm, f"{doc.title} · {doc.labels['version']} {doc.trust.version}")
            self.restoreState()

    return NumberedCanvas
