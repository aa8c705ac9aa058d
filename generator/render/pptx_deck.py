"""Document -> 16:9 clinician slide deck (PPTX) with python-pptx.

A title slide, one or more slides per clinician section, the comparison table as a native
PowerPoint table continued over as many slides as it needs, speaker notes with the full text, and
a footer with version (and DRAFT for unapproved content). python-pptx objects never leave this module.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from generator.document.inline import plain
from generator.document.model import BulletList, ComparisonTable, Document, Figure, Inline
from generator.document.model import Paragraph as TextBlock

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
TITLE_SIZE, BODY_SIZE, TABLE_SIZE = Pt(32), Pt(20), Pt(14)
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5
# Rough capacity of the body area at BODY_SIZE; the real fitter arrives with the full deck.
LINES_PER_SLIDE, CHARS_PER_LINE = 11, 95
ROWS_PER_TABLE_SLIDE = 2


def render_deck(doc: Document) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    deck = _Deck(prs, doc)
    deck.title_slide()
    for section in doc.sections:
        deck.section(section)
    if not any(isinstance(b, ComparisonTable) for s in doc.sections for b in s.blocks):
        deck.table(doc.table, doc.labels["treatment"], notes="")
    _core_properties(prs, doc)
    buffer = io.BytesIO()
    prs.save(buffer)
    return _fixed_zip_dates(buffer.getvalue())


class _Deck:
    def __init__(self, prs, doc: Document):
        self.prs, self.doc = prs, doc
        self.ink = RGBColor.from_string(doc.clinic.colours["text"].lstrip("#"))
        self.primary = RGBColor.from_string(doc.clinic.colours["primary"].lstrip("#"))
        self.titles: set[str] = set()

    # -- slides --------------------------------------------------------------------------------
    def title_slide(self) -> None:
        doc = self.doc
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[LAYOUT_TITLE])
        title, subtitle = slide.shapes.title, slide.placeholders[1]
        self._place(title, MARGIN, Inches(1.6), SLIDE_W - 2 * MARGIN, Inches(1.6))
        self._place(subtitle, MARGIN, Inches(3.4), SLIDE_W - 2 * MARGIN, Inches(2.4))
        self._text(title.text_frame, [((doc.title, True),)], Pt(44), self.primary)
        lines = [doc.subtitle, f"{doc.labels['icd10']} {doc.icd10}", doc.clinic.name,
                 f"{doc.labels['version']} {doc.trust.version} · {doc.trust.published.isoformat()}"]
        self._text(subtitle.text_frame, [((line, False),) for line in lines], BODY_SIZE, self.ink)
        self.titles.add(doc.title)
        self._footer(slide)
        self._notes(slide, plain(doc.summary))

    def section(self, section) -> None:
        pages: list[list] = [[]]
        used = 0
        for block in section.blocks:
            if isinstance(block, ComparisonTable):
                self.table(block, section.title, notes="")
                continue
            if isinstance(block, Figure):
                self.figure(block, section.title)
                continue
            need = _lines(block)
            if pages[-1] and used + need > LINES_PER_SLIDE:
                pages.append([])
                used = 0
            pages[-1].append(block)
            used += need
        for i, blocks in enumerate(p for p in pages if p):
            title = section.title if i == 0 else f"{section.title} ({self.doc.labels['continued']})"
            slide = self._content_slide(title)
            body = slide.shapes.add_textbox(MARGIN, Inches(1.5), SLIDE_W - 2 * MARGIN, Inches(5.2))
            body.name = "Body"
            paragraphs = []
            for block in blocks:
                if isinstance(block, TextBlock):
                    paragraphs.append(_runs(block.text))
                elif isinstance(block, BulletList):
                    paragraphs += [(("• ", False),) + _runs(item) for item in block.items]
            self._text(body.text_frame, paragraphs, BODY_SIZE, self.ink)
            self._notes(slide, _notes_text(blocks))

    def figure(self, figure: Figure, title: str) -> None:
        slide = self._content_slide(title)
        top, height = Inches(1.5), Inches(4.6)
        picture = slide.shapes.add_picture(str(figure.path), MARGIN, top, height=height)
        if picture.width > SLIDE_W - 2 * MARGIN:
            picture.width = SLIDE_W - 2 * MARGIN
        # python-pptx writes the file name as alt text unless told otherwise.
        picture._element.nvPicPr.cNvPr.set("descr", figure.alt)
        caption = slide.shapes.add_textbox(MARGIN, top + height + Inches(0.1), SLIDE_W - 2 * MARGIN, Inches(0.8))
        self._text(caption.text_frame, [_runs(figure.caption)], Pt(18), self.ink)
        self._notes(slide, f"{figure.alt}\n{plain(figure.caption)} ({figure.credit})")

    def table(self, table: ComparisonTable, title: str, notes: str) -> None:
        rows = list(table.rows)
        chunks = [rows[i:i + ROWS_PER_TABLE_SLIDE] for i in range(0, len(rows), ROWS_PER_TABLE_SLIDE)]
        widths = (0.25, 0.29, 0.29, 0.17)
        for n, chunk in enumerate(chunks):
            slide_title = title if n == 0 else f"{title} ({self.doc.labels['continued']} {n + 1})"
            slide = self._content_slide(slide_title)
            shape = slide.shapes.add_table(len(chunk) + 1, len(table.columns), MARGIN, Inches(1.4),
                                           SLIDE_W - 2 * MARGIN, Inches(0.5))
            grid = shape.table
            grid.first_row = True
            for c, width in enumerate(widths):
                grid.columns[c].width = Emu(int((SLIDE_W - 2 * MARGIN) * width))
            for c, header in enumerate(table.columns):
                self._text(grid.cell(0, c).text_frame, [((header, True),)], TABLE_SIZE, None)
            for r, row in enumerate(chunk, start=1):
                for c, cell in enumerate(row.cells):
                    paragraphs = [_runs(p) for p in cell.paragraphs] + [(("• ", False),) + _runs(b) for b in cell.bullets]
                    self._text(grid.cell(r, c).text_frame, paragraphs, TABLE_SIZE, self.ink)
            self._notes(slide, "\n\n".join(_row_notes(row, table.columns) for row in chunk))

    # -- helpers -------------------------------------------------------------------------------
    def _content_slide(self, title: str):
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[LAYOUT_TITLE_ONLY])
        # The built-in layouts are 4:3; move the title so it spans the 16:9 slide.
        self._place(slide.shapes.title, MARGIN, Inches(0.35), SLIDE_W - 2 * MARGIN, Inches(1.0))
        unique = title
        n = 2
        while unique in self.titles:
            unique, n = f"{title} ({n})", n + 1
        self.titles.add(unique)
        self._text(slide.shapes.title.text_frame, [((unique, True),)], TITLE_SIZE, self.primary)
        self._footer(slide)
        return slide

    def _footer(self, slide) -> None:
        doc = self.doc
        parts = [doc.title, f"{doc.labels['version']} {doc.trust.version}"]
        if doc.draft:
            parts.append(doc.labels["draft"])
        parts.append(str(len(self.prs.slides)))
        box = slide.shapes.add_textbox(MARGIN, SLIDE_H - Inches(0.55), SLIDE_W - 2 * MARGIN, Inches(0.4))
        box.name = "Footer"
        self._text(box.text_frame, [((" · ".join(parts), False),)], Pt(12), self.ink)

    def _notes(self, slide, text: str) -> None:
        slide.notes_slide.notes_text_frame.text = text

    @staticmethod
    def _place(shape, left, top, width, height) -> None:
        shape.left, shape.top, shape.width, shape.height = left, top, width, height

    def _text(self, frame, paragraphs, size, colour) -> None:
        frame.word_wrap = True
        frame.clear()
        for i, runs in enumerate(paragraphs):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            for text, bold in runs:
                run = para.add_run()
                run.text = text
                run.font.size = size
                run.font.bold = bold
                if colour is not None:
                    run.font.color.rgb = colour
                run._r.get_or_add_rPr().set("lang", self.doc.language_tag)


def _runs(inline: Inline) -> tuple[tuple[str, bool], ...]:
    return tuple((span.text, span.bold) for span in inline)


def _lines(block) -> int:
    texts = [plain(block.text)] if isinstance(block, TextBlock) else [plain(i) for i in block.items]
    return sum(1 + len(t) // CHARS_PER_LINE for t in texts)


def _notes_text(blocks) -> str:
    out = []
    for block in blocks:
        if isinstance(block, TextBlock):
            out.append(plain(block.text))
        elif isinstance(block, BulletList):
            out += [f"- {plain(i)}" for i in block.items]
    return "\n".join(out)


def _row_notes(row, columns) -> str:
    parts = []
    for header, cell in zip(columns, row.cells):
        texts = [plain(p) for p in cell.paragraphs] + [f"- {plain(b)}" for b in cell.bullets]
        parts.append(f"{header}: " + " ".join(texts))
    return "\n".join(parts)


def _core_properties(prs, doc: Document) -> None:
    props = prs.core_properties
    stamp = dt.datetime.combine(doc.trust.published, dt.time(12, 0))
    props.title = f"{doc.title} – {doc.subtitle}"
    props.author = ", ".join(doc.trust.authors)
    props.subject = doc.labels["deck_subject"]
    props.language = doc.language_tag
    props.keywords = f"{doc.title}; {doc.icd10}"
    props.last_modified_by = "leafdeck"
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1


def _fixed_zip_dates(data: bytes) -> bytes:
    """Rewrite the package with fixed entry dates, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
