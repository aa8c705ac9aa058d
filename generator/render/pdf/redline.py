"""The reviewer's redline as a PDF (issue 25), for reading on paper: a summary, then one block per change —
clinical ones first — with its file and line; inserted words bold, underlined and green, deleted ones struck
through and red, so the marks read in black and white too. Set in the language's own fonts and direction."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image as RLImage
from reportlab.platypus import SimpleDocTemplate, Spacer, Table

from generator.assets.fonts import Direction
from generator.assets.images import prepared
from generator.document.model import Document
from generator.render.pdf.rtl import paragraph_for
from generator.render.pdf.styles import Styles
from generator.render.pdf.text import plain_markup as escape
from generator.signoff.redline import Change, Mark, Piece, Redline

INSERTED, DELETED = "#0b6b2b", "#a8001c"  # green and red, each at least 4.5:1 on white


def render_redline_pdf(redline: Redline, doc: Document) -> bytes:
    """``doc``: the language's patient document, for its fonts, direction and title."""
    s = Styles.make(doc, 10.5)
    rtl = doc.direction is Direction.RTL
    note = ParagraphStyle("where", parent=s.small, textColor=colors.HexColor("#444444"))
    text = ParagraphStyle("text", parent=s.body, fontSize=11, leading=15)
    story: list = [
        paragraph_for(escape(f"{doc.title} ({redline.language}): what changed"), s.h1),
        paragraph_for(escape(f"{redline.summary}. Compared with {redline.against}."), s.body),
        paragraph_for(_marked(LEGEND, rtl), note),
    ]
    for change in redline.changes:
        story += [Spacer(1, 2 * mm), paragraph_for(escape(_heading(change)), note)]
        if change.context in redline.pictures:
            story.append(_side_by_side(redline.pictures[change.context], note))
        story.append(paragraph_for(_marked(change.pieces, rtl), text))
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{doc.title}: what changed",
        lang=doc.language_tag,
        invariant=1,
    )
    pdf.build(story)
    return buffer.getvalue()


def _heading(change: Change) -> str:
    kind = "clinical" if change.clinical else "editorial"
    return f"{kind} · {change.context} · {change.where if change.where else 'removed'}"


def _marked(pieces: tuple[Piece, ...], rtl: bool) -> str:
    """The pieces as reportlab markup. Right to left, lines are drawn by ``rtl.py``, which keeps bold and colour
    but draws no underline or strike: a deleted run is then also put in brackets, to read in black and white."""
    out = []
    for piece in pieces:
        text = escape(piece.text)
        if piece.mark is Mark.INSERTED:
            out.append(f'<b><u><font color="{INSERTED}">{text}</font></u></b>')
        elif piece.mark is Mark.DELETED:
            shown = f"[{text.strip()}]" if rtl else text
            out.append(f'<strike><font color="{DELETED}">{shown}</font></strike>')
        else:
            out.append(text)
    return "".join(out) or "&nbsp;"


LEGEND = (Piece("inserted", Mark.INSERTED), Piece(" · ", Mark.SAME), Piece("deleted", Mark.DELETED))


def _side_by_side(pair: tuple[Path | None, Path | None], note) -> Table:
    """The approved picture and the picture now, each at most 75 mm wide, captioned."""
    cells: list[list] = []
    for path, caption in zip(pair, ("approved", "now")):
        if path is None:
            cells.append([paragraph_for(f"({caption}: not kept)", note)])
            continue
        picture = prepared(path, 900)
        width = min(75 * mm, picture.width * 0.5)
        cells.append([RLImage(io.BytesIO(picture.data), width, width / picture.ratio), paragraph_for(caption, note)])
    return Table([cells], colWidths=[80 * mm, 80 * mm], hAlign="LEFT")
