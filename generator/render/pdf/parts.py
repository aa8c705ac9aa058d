"""Building blocks shared by the PDF leaflet and brochure: the flowables for headings, text,
lists, the pathway, pictures, the callout, the comparison table and its compact entries, the title
band, the contact and trust blocks, the DRAFT mark and the document information.

Every flowable made from content remembers its source position in its memo (``located``; :mod:`.memo`) so
an overflow can name the YAML line. The type scale is in ``styles``, leafdeck's own flowable
classes in ``flowables``.
"""

from __future__ import annotations

import math
from typing import Any, TypedDict

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from generator.assets.fonts import Direction
from generator.diagnostics import Location
from generator.document.model import ROLE_LABELS, Cell, ComparisonTable, Document, Figure, Inline, Span, TableRow
from generator.render.errors import LayoutProblem
from generator.render.pdf import memo
from generator.render.pdf.flowables import (
    FigureBlock,
    Pathway,
    QrCode,
    located,
    picture,
)
from generator.render.pdf.rtl import draw_string, paragraph_for
from generator.render.pdf.styles import Styles
from generator.render.pdf.text import address_lines, attribute, label, markup, phone, plain_markup


def heading(text: str, style: ParagraphStyle, source: Location | None = None, role: str = "H2") -> Paragraph:
    """A heading, its structure role given here (tagged PDFs), not guessed from its style later."""
    para = located(paragraph_for(plain_markup(text), style), source)
    memo.attach(para).role = role
    return para


def paragraph(inline: Inline, style: ParagraphStyle, source: Location | None = None) -> Flowable:
    return located(paragraph_for(markup(inline), style), source)


def bullets(items, style: ParagraphStyle, source: Location | None = None) -> list[Flowable]:
    """One paragraph per item with a hanging bullet. Separate paragraphs (rather than reportlab's
    ListFlowable) so a long list can break between items and each item can be tagged L/LI/LBody."""
    bulleted = _bullet_style(style)
    key = object()
    out: list[Flowable] = []
    for item in items:
        para = located(paragraph_for(markup(item), bulleted, bulletText="•"), source)
        memo.attach(para).list_key = key
        out.append(para)
    return out


def _bullet_style(style: ParagraphStyle) -> ParagraphStyle:
    """Derived afresh for each list: a cache keyed on the style object would keep a stale copy
    if the style were changed after (reportlab copies a parent's values when a style is made)."""
    indent = style.fontSize * 1.1
    return ParagraphStyle(
        f"{style.name}-bullet",
        parent=style,
        leftIndent=style.leftIndent + indent,
        bulletIndent=style.leftIndent,
        bulletFontName=style.fontName,
        bulletFontSize=style.fontSize,
    )


def pathway(items, s: Styles, max_width: float, source: Location | None) -> Flowable:
    return located(Pathway.of(items, s, max_width), source)


def review_mark(note: str, doc: Document, s: Styles, source: Location | None) -> Flowable:
    return located(paragraph_for(f"[{plain_markup(doc.labels.needs_review)}: {plain_markup(note)}]", s.review), source)


def figure(fig: Figure, doc: Document, s: Styles, max_width: float, max_height: float, ppi: int = 150) -> Flowable:
    """The picture at its placed size and ``ppi`` (150 office, 300 print shop), then its caption.
    Where the page or panel has less room, the picture shrinks (to 45 % of its height at most)
    rather than leave a gap by moving to the next page."""
    return located(FigureBlock(fig, doc, s, max_width, max_height, ppi), fig.source)


def callout(flowables: list, s: Styles, width: float, source: Location | None, splittable: bool = False) -> Flowable:
    """A boxed block; the thick black rule keeps it distinct when printed in black and white.
    ``splittable``: it may continue in the next brochure panel (each part boxed), never with less
    than three lines on either side."""
    box = Table([[flowables]], colWidths=[width], splitInRow=round(3 * s.body.leading) if splittable else 0)
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), s.fonts["regular"]),
                ("BACKGROUND", (0, 0), (-1, -1), s.callout_background),
                ("BOX", (0, 0), (-1, -1), 2.5, s.ink),
                ("LEFTPADDING", (0, 0), (-1, -1), 3.5 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3.5 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ]
        )
    )
    return located(box, source)


def _cell(cell: Cell, s: Styles) -> list:
    flow: list = [paragraph_for(markup(p), s.cell) for p in cell.paragraphs]
    if cell.bullets:
        flow += bullets(cell.bullets, s.cell)
    return flow


def comparison_table(table: ComparisonTable, s: Styles, width: float) -> Table:
    """The full table, one row per treatment; its header row repeats on every page it spans.

    The course goes under the treatment's name and description, so three columns carry the
    four kinds of information and cells stay wide enough for 12 pt text.
    """
    name, indications, contraindications, course = table.columns
    header = [paragraph_for(plain_markup(c), s.head) for c in (name, indications, contraindications)]
    rows: list[list[Any]] = [header]
    for row in table.rows:
        first, ind, contra, course_cell = row.cells
        # Treatment names stay whole (no hyphen), so they can be found at a glance.
        lead = (
            [paragraph_for(markup(first.paragraphs[0]), s.cell_whole)]
            + _cell(Cell(first.paragraphs[1:]), s)
            + [paragraph_for(f"<b>{plain_markup(course)}:</b> {markup(course_cell.paragraphs[0])}", s.cell)]
        )
        rows.append([lead, _cell(ind, s), _cell(contra, s)])
    widths = [width * f for f in (0.36, 0.32, 0.32)]
    mirrored = s.body.wordWrap == "RTL"
    if mirrored:  # right to left, the treatment's column is the rightmost (the tagging reads it first)
        rows, widths = [row[::-1] for row in rows], widths[::-1]
    result = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), s.fonts["regular"]),
                ("BACKGROUND", (0, 0), (-1, 0), s.primary),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, s.ink),
                ("LINEBELOW", (0, 0), (-1, 0), 2, s.ink),
                ("BOX", (0, 0), (-1, -1), 0.6, s.ink),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#EFEFEF")]),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    memo.attach(result).rows = table.rows
    memo.attach(result).mirrored = mirrored
    return located(result, table.source)


def compact_treatment(row: TableRow, labels, s: Styles) -> list[Flowable]:
    """One treatment as a short entry for narrow brochure panels.

    The name and course on the first line; then one paragraph with what it is used for and when
    not, each introduced by a bold label so the two stay apart in black and white. Items end in a
    full stop so the run-on text reads as sentences. The head keeps two lines of its text with it;
    the text may go on in the next panel.
    """
    name, indications, contraindications, course = row.cells
    head = paragraph_for(markup(name.paragraphs[0]) + f" – {markup(course.paragraphs[0])}", _entry_head(s.cell_whole))
    memo.attach(head).role = "H3"
    sentences = []
    for label_text, cell in (
        (labels.indications_short, indications),
        (labels.contraindications_short, contraindications),
    ):
        sentences.append(f"<b>{label(label_text)}</b> " + " ".join(_sentence(markup(b)) for b in cell.bullets))
    body = paragraph_for(" ".join(sentences), ParagraphStyle("entry", parent=s.cell, spaceAfter=1.5 * mm + 2))
    return [located(head, row.source), located(body, row.source)]


def _entry_head(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-head", parent=style, keepWithNext=1)


def _sentence(text: str) -> str:
    return text if text.rstrip().endswith((".", "!", "?", ":")) else text + "."


def title_band(doc: Document, s: Styles, width: float, padding: tuple[float, float]) -> Flowable:
    """Title and subtitle, white on the clinic colour, as one block. A title word too wide for the
    band ("Karpaltunnelsyndrom" in a brochure panel) makes the title smaller, never broken mid-word;
    only a word that would need less than 1.6 x body size is hyphenated."""
    pad_x, pad_y = padding
    inner = width - 2 * pad_x
    title_style = s.title
    widest = max((stringWidth(w, title_style.fontName, title_style.fontSize) for w in doc.title.split()), default=0)
    if widest > inner:
        size = max(title_style.fontSize * inner / widest * 0.98, s.body.fontSize * 1.6)
        title_style = ParagraphStyle("title-fitted", parent=title_style, fontSize=size, leading=size * 1.13)
        if stringWidth(max(doc.title.split(), key=len), title_style.fontName, size) > inner:
            title_style = ParagraphStyle(
                "title-hyphenated",
                parent=title_style,
                hyphenationLang=s.body.hyphenationLang,
                embeddedHyphenation=s.body.embeddedHyphenation,
            )
    title = paragraph_for(plain_markup(doc.title), title_style)
    memo.attach(title).role = "H1"  # whatever size it was fitted at
    band = Table([[[title, paragraph_for(plain_markup(doc.subtitle), s.subtitle)]]], colWidths=[width])
    band.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), s.fonts["regular"]),
                ("BACKGROUND", (0, 0), (-1, -1), s.primary),
                ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
                ("TOPPADDING", (0, 0), (-1, -1), pad_y),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y),
            ]
        )
    )
    return located(band, doc.source)


def masthead(doc: Document, s: Styles, width: float) -> Flowable:
    """The clinic on the front: its logo (if the clinic file names one) beside its name."""
    name = paragraph_for(f"<b>{plain_markup(doc.clinic.name)}</b>", s.body)
    if not doc.clinic.logo:
        return name
    logo = picture(doc.clinic.logo, max_width=width * 0.35, max_height=14 * mm, ppi=300)
    memo.attach(logo).alt = doc.clinic.name
    row = Table([[logo, name]], colWidths=[logo.drawWidth + 4 * mm, width - logo.drawWidth - 4 * mm], hAlign="LEFT")
    row.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), s.fonts["regular"]),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return row


def contact_block(doc: Document, s: Styles, qr_size: float, width: float) -> list:
    """The clinic: its name (wrapping, hyphenated like body text), address, phone, e-mail and web
    address as links, and a QR code of the web address."""
    labels, clinic = doc.labels, doc.clinic
    style = ParagraphStyle(
        "contact",
        parent=s.h1,
        hyphenationLang=s.body.hyphenationLang,
        embeddedHyphenation=s.body.embeddedHyphenation,
        spaceBefore=0,
        fontSize=s.body.fontSize + 2,
        leading=(s.body.fontSize + 2) * 1.2,
    )
    story: list = [heading(clinic.name, style, clinic.where("name"))]
    if clinic.address:
        story.append(located(paragraph_for(plain_markup(clinic.address), s.small), clinic.where("address")))
    if clinic.phone:
        story.append(
            located(
                paragraph_for(f"{plain_markup(labels.phone)}: {phone(clinic.phone)}", s.link), clinic.where("phone")
            )
        )
    # E-mail and web address are links: clickable on screen, tagged as Link in accessible PDFs.
    for target, text, key in (
        (f"mailto:{clinic.email}", clinic.email, "email"),
        (clinic.web_url, clinic.web_display, "web"),
    ):
        if target and text:
            story.append(link(target, text, s.link, width, clinic.where(key)))
    if clinic.web_url:
        code = QrCode(clinic.web_url, qr_size)
        memo.attach(code).alt = f"QR code: {clinic.web_display}"
        story += [Spacer(1, 2 * mm), code]
    return story


def link(target: str, text: str, style: ParagraphStyle, width: float, source: Location | None) -> Flowable:
    """An address as a link, wrapped only between its words (:func:`address_lines`); every line
    is the same link, so the accessible PDFs tag the whole address as one Link."""
    lines = address_lines(text, style.fontName, style.fontSize, width)
    if lines is None:
        raise LayoutProblem(
            f"the address '{text}' has a part too long for a line {width / mm:.0f} mm wide",
            source,
            "use a shorter address; it may only break before . / @ or -",
        )
    href = attribute(target)
    para = paragraph_for("<br/>".join(f'<a href="{href}">{plain_markup(line)}</a>' for line in lines), style)
    memo.attach(para).role = "Link"
    memo.attach(para).href = target
    return located(para, source)


def glossary_block(doc: Document, s: Styles) -> list:
    """The medical words of the text in plain words (content: ``glossary:``), as one short paragraph."""
    if not doc.glossary:
        return []
    words = " ".join(f"<b>{plain_markup(term)}</b>: {plain_markup(text)}" for term, text in doc.glossary)
    return [Spacer(1, 2 * mm), paragraph_for(f"<b>{plain_markup(doc.labels.glossary)}.</b> {words}", s.small)]


def trust_block(doc: Document, s: Styles, short_sources: bool) -> list:
    labels, trust = doc.labels, doc.trust
    reviewer = trust.reviewer(labels.not_reviewed)
    facts = [(getattr(labels, ROLE_LABELS[credit.role]), ", ".join(credit.names)) for credit in trust.credits]
    facts += [
        (labels.clinical_reviewer, reviewer),
        (labels.organisation, f"{trust.organisation}, {trust.organisation_contact}"),
        (
            labels.version,
            f"{trust.version} · {labels.published} {trust.published.isoformat()} · "
            f"{labels.last_reviewed} {trust.last_reviewed.isoformat()} · "
            f"{labels.next_review} {trust.next_review.isoformat()}"
            + (
                f" · {labels.last_clinical_change} {trust.last_clinical_change.isoformat()}"
                if trust.last_clinical_change
                else ""
            ),
        ),
    ]
    story: list = [heading(labels.about_this_leaflet, ParagraphStyle("about", parent=s.h1, spaceBefore=0))]
    for notice in trust.notices:  # before the facts: a reader must not miss them
        story.append(paragraph_for(f"<b>{plain_markup(notice)}</b>", s.small))
    story += [paragraph_for(f"<b>{plain_markup(k)}:</b> {plain_markup(v)}", s.small) for k, v in facts]
    if trust.sources:
        if short_sources:
            story.append(
                paragraph_for(
                    f"<b>{plain_markup(labels.sources)}:</b> " + plain_markup("; ".join(trust.short_sources)), s.small
                )
            )
        else:
            story.append(paragraph_for(f"<b>{plain_markup(labels.sources)}:</b>", s.small))
            story += bullets([(Span(c),) for c in trust.sources], s.small)
    story.append(paragraph_for(plain_markup(trust.disclaimer), s.small))
    story.append(paragraph_for(plain_markup(trust.feedback), s.small))
    return story


def draw_draft_mark(canvas, doc: Document, s: Styles, x: float, y: float, w: float, h: float, size: float) -> None:
    """A light diagonal DRAFT across the area, plus a solid label at its top right."""
    if not doc.draft:
        return
    canvas.saveState()
    canvas.setFillColor(colors.Color(0, 0, 0, alpha=0.09))
    angle = 55 if h > w else 30
    # A long word for DRAFT ("WERSJA ROBOCZA") is set smaller, so the mark never crosses the area's edges
    # (a brochure's folds) nor its margins: its rotated box keeps to seven tenths of the area.
    length, cos, sin = (
        stringWidth(doc.labels.draft, s.fonts["bold"], size),
        math.cos(math.radians(angle)),
        math.sin(math.radians(angle)),
    )
    room = min(0.7 * w / (length * cos + size * sin), 0.7 * h / (length * sin + size * cos))
    size = size * room if room < 1 else size
    canvas.translate(x + w / 2, y + h / 2)
    canvas.rotate(angle)
    draw_string(canvas, 0, -size / 3, doc.labels.draft, s.fonts["bold"], size, "centre", doc.direction is Direction.RTL)
    canvas.restoreState()


class PdfInfo(TypedDict):
    title: str
    author: str
    subject: str
    keywords: list[str]
    creator: str
    producer: str


def metadata(doc: Document) -> PdfInfo:
    """The PDF's document information (title, author, subject, keywords, creator, producer), one
    set for the leaflet and the brochure."""
    return PdfInfo(
        title=f"{doc.title} – {doc.subtitle}",
        author=", ".join(doc.trust.authors),
        subject=doc.labels.leaflet_subject,
        keywords=[doc.title, doc.icd10, doc.labels.leaflet_subject],
        creator="leafdeck",
        producer="leafdeck",
    )


def set_metadata(canvas, doc: Document) -> None:
    """Write ``metadata(doc)`` into a canvas drawn without a doc template."""
    info = metadata(doc)
    canvas.setTitle(info["title"])
    canvas.setAuthor(info["author"])
    canvas.setSubject(info["subject"])
    canvas.setKeywords(", ".join(info["keywords"]))
    canvas.setCreator(info["creator"])
    canvas.setProducer(info["producer"])
