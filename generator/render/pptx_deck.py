"""Document -> 16:9 clinician slide deck (PPTX) on a template, with python-pptx.

The slides, in order: title; agenda (the content's parts); per section a divider where a part
starts, then its slides: a pathway drawn as native shapes for a ``steps`` block, bullet slides for
lists (paragraphs go to the speaker notes: the fuller text), a picture slide per figure, and for
the comparison table a native table continued with its header over as many slides as it needs,
followed by one slide per treatment group; finally the references. Every slide has a unique
title, speaker notes, a footer with version (and DRAFT) and a slide-number field.

All text is measured with :mod:`generator.render.fit` before it is placed: long lists continue on
a "(forts.)" slide, and what cannot fit even alone at the minimum size is a :class:`LayoutProblem`
naming its content line. python-pptx objects never leave this module and :mod:`pptx_parts`.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from generator.document.inline import plain
from generator.document.model import BulletList, ComparisonTable, Document, Figure, Section, Steps
from generator.document.model import Paragraph as TextBlock
from generator.render import fit
from generator.render.deck_template import fixed_zip_dates, open_template
from generator.render.errors import LayoutProblem
from generator.render.images import prepared
from generator.render.pptx_parts import (
    DeckPara, add_slide_number, box_size, mark_decorative, remove_empty_placeholders, runs_of, set_alt_text, write,
)

TITLE_SIZES = (32, 28)              # titles: at least 28 pt
BODY_SIZES = (20, 18)               # body text: at least 18 pt
TABLE_SIZE = 18
COVER_TITLE_SIZE, COVER_SUBTITLE_SIZE = 44, 20
FOOTER_SIZE = 12
MAX_BULLETS = 6
FOOTER_HEIGHT = Inches(0.4)
CELL_MARGIN_X, CELL_MARGIN_Y = Inches(0.08), Inches(0.05)
DECK_IMAGE_PX = 1600                # a full-width picture on a 13.3 in slide at 120 ppi: sharp on any projector
DECK_TABLE_WIDTHS = (0.18, 0.28, 0.28, 0.26)     # treatment, indications, contraindications, course


def render_deck(doc: Document, template: Path | None = None) -> bytes:
    tpl = open_template(template)
    deck = _Deck(tpl, doc)
    deck.build()
    _core_properties(tpl.presentation, doc)
    buffer = io.BytesIO()
    tpl.presentation.save(buffer)
    return fixed_zip_dates(buffer.getvalue())


class _Deck:
    def __init__(self, tpl, doc: Document):
        self.prs, self.layouts, self.doc = tpl.presentation, tpl.layouts, doc
        self.labels = doc.labels
        self.ink = RGBColor.from_string(doc.clinic.colours["text"].lstrip("#"))
        self.primary = RGBColor.from_string(doc.clinic.colours["primary"].lstrip("#"))
        self.font = None if _theme_font(self.prs).lower() in fit.ARIAL_COMPATIBLE else "Arial"
        self.titles: set[str] = set()
        self._boxes: dict = {}       # (layout, "title" | "body") -> text area in points

    def _layout_box(self, layout, which: str) -> tuple[float, float]:
        """A layout's title or body text area; every slide made from it has the same (measured once,
        because python-pptx resolves inherited placeholder sizes slowly)."""
        key = (id(layout), which)
        if key not in self._boxes:
            shape = next(s for s in layout.placeholders if s.placeholder_format.idx == 0) if which == "title" \
                else _body_placeholder(layout)
            self._boxes[key] = box_size(shape)
        return self._boxes[key]

    # -- the deck ------------------------------------------------------------------------------
    def build(self) -> None:
        doc = self.doc
        self.title_slide()
        # The contents list the content's parts, or its sections when it has no parts.
        entries = [s.part for s in doc.sections if s.part] or [s.title for s in doc.sections]
        self.bullet_slides(self.labels["contents"], [DeckPara(((e, False),), bullet=True) for e in entries],
                           notes=" · ".join(entries), source=doc.source)
        for section in doc.sections:
            if section.part:
                self.divider(section, doc.sections)
            self.section(section)
        self.references()

    def title_slide(self) -> None:
        doc = self.doc
        slide = self.prs.slides.add_slide(self.layouts["title"])
        title = slide.shapes.title
        self._fit_write(title, [DeckPara(((doc.title, True),))], (COVER_TITLE_SIZE, 36, TITLE_SIZES[-1]), self.primary,
                        doc.source)
        lines = [doc.subtitle, doc.clinic.name, f"{self.labels['icd10']} {doc.icd10}",
                 f"{self.labels['version']} {doc.trust.version} · {doc.trust.published.isoformat()}"]
        subtitle = _body_placeholder(slide)
        if subtitle is not None:
            self._fit_write(subtitle, [DeckPara(((line, False),)) for line in lines], (COVER_SUBTITLE_SIZE, 18),
                            self.ink, doc.source)
        self.titles.add(doc.title)
        self._finish(slide, f"{doc.title}. {doc.subtitle}.\n{plain(doc.summary)}")

    def divider(self, section: Section, sections) -> None:
        slide = self.prs.slides.add_slide(self.layouts["section"])
        self._title(slide, section.part, section.source)
        members, inside = [], False
        for s in sections:
            if s is section:
                inside = True
            elif s.part and inside:
                break
            if inside:
                members.append(s.title)
        self._finish(slide, " · ".join(members))

    def section(self, section: Section) -> None:
        lists = [b for b in section.blocks if isinstance(b, BulletList) and not isinstance(b, Steps)]
        prose = [b for b in section.blocks if isinstance(b, TextBlock)]
        shown_prose = not lists   # a section without a list shows its paragraphs; otherwise they are notes
        notes = [plain(b.text) for b in prose] + _review_notes(section, self.labels)
        paras: list[DeckPara] = []

        def flush() -> None:   # text gathered so far goes on slides before the next drawn block
            if paras:
                self.bullet_slides(section.title, list(paras), "\n".join(notes), section.source)
                paras.clear()

        for block in section.blocks:
            if isinstance(block, Steps):
                flush()
                self.pathway(block, "\n".join(notes))
            elif isinstance(block, BulletList):
                paras.extend(DeckPara(runs_of(item), bullet=True, source=block.source) for item in block.items)
            elif isinstance(block, TextBlock) and shown_prose:
                paras.append(DeckPara(runs_of(block.text), source=block.source))
            elif isinstance(block, Figure):
                flush()
                self.figure(block, section.title)
            elif isinstance(block, ComparisonTable):
                flush()
                self.table(block)
                self.treatment_groups()
        flush()

    def bullet_slides(self, title: str, paras: list[DeckPara], notes: str, source,
                      units: list[list[DeckPara]] | None = None) -> None:
        """As many slides as the paragraphs need: at most six bullets each, measured to fit.

        ``units`` groups paragraphs that must stay on one slide (a treatment's three lines);
        by default every paragraph is its own unit.
        """
        layout = self.layouts["content"]
        width, height = self._layout_box(layout, "body")
        for chunk, size in _pack(units or [[p] for p in paras], width, height):
            slide = self.prs.slides.add_slide(layout)
            self._title(slide, title, source)
            write(_body_placeholder(slide).text_frame, chunk, size, self.ink, self.doc.language_tag, self.font)
            on_slide = "\n".join("• " * p.bullet + "".join(t for t, _ in p.runs) for p in chunk)
            self._finish(slide, notes + ("\n\n" if notes else "") + on_slide)

    def pathway(self, steps: Steps, notes: str) -> None:
        """The step-care pathway as editable shapes: numbered boxes joined by arrows.

        Left to right when every step fits its box without breaking a word; otherwise stacked
        top to bottom in full-width boxes.
        """
        slide = self.prs.slides.add_slide(self.layouts["title_only"])
        self._title(slide, self.labels["pathway"], steps.source)
        left, top, width, height = _content_area(self.prs, self.layouts["title_only"])
        n = len(steps.items)
        gap = Inches(0.45)
        paras = [[DeckPara(((f"{i + 1}", True),)), DeckPara(runs_of(item), source=steps.source)]
                 for i, item in enumerate(steps.items)]
        box_w = int((width - gap * (n - 1)) / n)
        box_h = int(min(Inches(2.6), height))
        inner_w, inner_h = (box_w - 2 * Inches(0.1)) / 12700, (box_h - 2 * Inches(0.05)) / 12700
        # Side by side only while every step reads in three short lines; else stacked, full width.
        across = all(fit.fits([p.measure() for p in unit], inner_w, inner_h, BODY_SIZES[-1])
                     and fit.line_count(unit[1].measure(), inner_w, BODY_SIZES[-1]) <= 3 for unit in paras)
        if not across:
            gap = Inches(0.3)
            box_w, box_h = width, int(min(Inches(1.0), (height - gap * (n - 1)) / n))
            paras = [[DeckPara(((f"{i + 1}  ", True),) + runs_of(item), source=steps.source)]
                     for i, item in enumerate(steps.items)]
        for i, unit in enumerate(paras):
            x, y = (left + i * (box_w + gap), top) if across else (left, top + i * (box_h + gap))
            box = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, y, box_w, box_h)
            box.name = f"Step {i + 1}"
            box.fill.solid()
            box.fill.fore_color.rgb = RGBColor(0xF2, 0xF2, 0xF2)
            box.line.color.rgb = self.primary
            box.line.width = Pt(2.25)
            box.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
            self._fit_write(box, unit, (BODY_SIZES[0], BODY_SIZES[-1]), self.ink, steps.source)
            if i < n - 1:
                if across:
                    arrow = slide.shapes.add_shape(MSO_SHAPE.RIGHT_ARROW, x + box_w + Inches(0.07),
                                                   y + box_h // 2 - Inches(0.15), gap - Inches(0.14), Inches(0.3))
                else:
                    arrow = slide.shapes.add_shape(MSO_SHAPE.DOWN_ARROW, x + Inches(0.4), y + box_h + Inches(0.04),
                                                   Inches(0.3), gap - Inches(0.08))
                arrow.name = "Arrow"
                arrow.fill.solid()
                arrow.fill.fore_color.rgb = self.primary
                arrow.line.fill.background()
                mark_decorative(arrow)
        text = "\n".join(f"{i + 1}. {plain(item)}" for i, item in enumerate(steps.items))
        self._finish(slide, text + ("\n\n" + notes if notes else ""))

    def figure(self, figure: Figure, title: str) -> None:
        slide = self.prs.slides.add_slide(self.layouts["title_only"])
        self._title(slide, title, figure.source)
        left, top, width, height = _content_area(self.prs, self.layouts["title_only"])
        caption_height = Inches(0.9)
        image = prepared(figure.path, DECK_IMAGE_PX, prefer_jpeg=True)
        shown_h = height - caption_height
        shown_w = min(width, int(shown_h * image.ratio))
        picture = slide.shapes.add_picture(io.BytesIO(image.data), left, top, width=shown_w,
                                           height=int(shown_w / image.ratio))
        set_alt_text(picture, figure.alt)
        caption = slide.shapes.add_textbox(left, top + picture.height + Inches(0.1), width, caption_height)
        caption.name = "Caption"
        self._fit_write(caption, [DeckPara(runs_of(figure.caption) + ((f" ({figure.credit})", False),))],
                        BODY_SIZES, self.ink, figure.source)
        self._finish(slide, f"{figure.alt}\n{plain(figure.caption)} ({figure.credit})")

    def table(self, table: ComparisonTable) -> None:
        """The comparison table as native tables: header row flagged and repeated on every slide."""
        left, top, width, height = _content_area(self.prs, self.layouts["title_only"])
        header = [self.labels["treatment"], table.columns[1], table.columns[2], table.columns[3]]
        header_cells = [[DeckPara(((h, True),))] for h in header]
        rows = [(row, _row_cells(row)) for row in table.rows]
        widths = _column_widths(width, [header_cells] + [cells for _, cells in rows], table)
        header_height = _row_height(header_cells, widths)
        available = fit.budget(height / 12700) * 12700 - header_height
        chunks, current, used = [], [], 0
        for row, cells in rows:
            h = _row_height(cells, widths)
            if h > available:
                raise LayoutProblem(f"the table row '{row.key}' is taller than a slide at {TABLE_SIZE} pt", row.source,
                                    "shorten this treatment's indications or contraindications")
            if current and used + h > available:
                chunks.append(current)
                current, used = [], 0
            current.append((row, cells, h))
            used += h
        if current:
            chunks.append(current)
        for chunk in chunks:
            slide = self.prs.slides.add_slide(self.layouts["title_only"])
            self._title(slide, self.labels["comparison"], table.source)
            shape = slide.shapes.add_table(len(chunk) + 1, 4, left, top, sum(widths),
                                           int(header_height + sum(h for _, _, h in chunk)))
            shape.name = "Comparison table"
            grid = shape.table
            grid.first_row = True
            for c, w in enumerate(widths):
                grid.columns[c].width = w
            grid.rows[0].height = int(header_height)
            for c, paras in enumerate(header_cells):
                self._cell(grid.cell(0, c), paras, RGBColor(0xFF, 0xFF, 0xFF))
            for r, (row, cells, h) in enumerate(chunk, start=1):
                grid.rows[r].height = int(h)
                for c, paras in enumerate(cells):
                    self._cell(grid.cell(r, c), paras, self.ink)
            _style_table(grid, self.primary)
            self._finish(slide, "\n\n".join(_row_notes(row, self.doc, self.labels) for row, _, _ in chunk))

    def treatment_groups(self) -> None:
        """One slide (or more) per treatment group: course, indications, contraindications."""
        groups: dict[str, list] = {}
        for t in self.doc.treatments:
            groups.setdefault(t.group, []).append(t)
        for group, treatments in groups.items():
            units = [[
                DeckPara(((t.name, True), (" – ", False)) + runs_of(t.course), source=t.source),
                DeckPara(((f"{self.labels['indications_clinician']}: ", True),) + _joined(t.indications),
                         bullet=True, source=t.source),
                DeckPara(((f"{self.labels['contraindications_clinician']}: ", True),) + _joined(t.contraindications),
                         bullet=True, source=t.source),
            ] for t in treatments]
            notes = "\n\n".join(_treatment_notes(t, self.labels) for t in treatments)
            self.bullet_slides(group, [], notes, treatments[0].source, units=units)

    def references(self) -> None:
        sources = self.doc.trust.sources
        if not sources:
            return
        paras = [DeckPara(((s, False),)) for s in sources]
        self.bullet_slides(self.labels["references"], paras, "\n".join(sources), self.doc.condition_source)

    # -- helpers -------------------------------------------------------------------------------
    def _title(self, slide, title: str, source) -> None:
        # A title used before continues: "Behandling (forts.)", "Behandling (forts. 2)"; titles stay unique.
        unique, n = title, 1
        while unique in self.titles:
            unique = f"{title} ({self.labels['continued']}{'' if n == 1 else f' {n}'})"
            n += 1
        self.titles.add(unique)
        self._fit_write(slide.shapes.title, [DeckPara(((unique, True),))], TITLE_SIZES, self.primary, source,
                        box=self._layout_box(slide.slide_layout, "title"))

    def _fit_write(self, shape, paras: list[DeckPara], sizes, colour, source, box=None) -> None:
        width, height = box or box_size(shape)
        for size in sizes:
            if fit.fits([p.measure() for p in paras], width, height, size):
                write(shape.text_frame, paras, size, colour, self.doc.language_tag, self.font)
                return
        text = " ".join("".join(t for t, _ in p.runs) for p in paras)
        raise LayoutProblem(f"'{text[:60]}' does not fit its box on slide {len(self.prs.slides)} even at {sizes[-1]} pt",
                            next((p.source for p in paras if p.source), source), "shorten this text")

    def _cell(self, cell, paras: list[DeckPara], colour) -> None:
        cell.margin_left = cell.margin_right = CELL_MARGIN_X
        cell.margin_top = cell.margin_bottom = CELL_MARGIN_Y
        write(cell.text_frame, paras, TABLE_SIZE, colour, self.doc.language_tag, self.font)

    def _finish(self, slide, notes: str) -> None:
        remove_empty_placeholders(slide)
        self._footer(slide)
        frame = slide.notes_slide.notes_text_frame
        write(frame, [DeckPara(((line, False),)) for line in notes.split("\n")], 12, None, self.doc.language_tag, None)

    def _footer(self, slide) -> None:
        doc = self.doc
        parts = [doc.title, f"{self.labels['version']} {doc.trust.version}"]
        if doc.draft:
            parts.append(self.labels["draft"])
        width = self.prs.slide_width
        box = slide.shapes.add_textbox(Inches(0.6), self.prs.slide_height - FOOTER_HEIGHT - Inches(0.15),
                                       width - Inches(1.2), FOOTER_HEIGHT)
        box.name = "Footer"
        write(box.text_frame, [DeckPara(((" · ".join(parts) + " · ", False),))], FOOTER_SIZE, self.ink,
              doc.language_tag, self.font)
        add_slide_number(box.text_frame.paragraphs[0], FOOTER_SIZE, self.ink, doc.language_tag,
                         f"leafdeck-slide#{len(self.prs.slides)}")


# -- measuring and packing ------------------------------------------------------------------------

def _pack(units: list[list[DeckPara]], width: float, height: float) -> list[tuple[list[DeckPara], float]]:
    """Greedy: fill a slide at the body size with at most six bullets; a unit that does not fit
    an empty slide at 20 pt gets a slide of its own at 18 pt; beyond that it is an error."""
    slides: list[tuple[list[DeckPara], float]] = []
    current: list[DeckPara] = []
    for unit in units:
        trial = current + unit
        if sum(p.bullet for p in trial) <= MAX_BULLETS and fit.fits([p.measure() for p in trial], width, height,
                                                                     BODY_SIZES[0]):
            current = trial
            continue
        if current:
            slides.append((current, BODY_SIZES[0]))
            current = []
        size = next((s for s in BODY_SIZES if fit.fits([p.measure() for p in unit], width, height, s)), None)
        if size is None:
            raise LayoutProblem(f"a text is too long for a whole slide even at {BODY_SIZES[-1]} pt",
                                next((p.source for p in unit if p.source), None),
                                "split it into shorter bullets, or move detail to a paragraph (speaker notes)")
        if size == BODY_SIZES[0]:
            current = list(unit)
        else:
            slides.append((list(unit), size))
    if current:
        slides.append((current, BODY_SIZES[0]))
    return slides


def _row_cells(row) -> list[list[DeckPara]]:
    name, indications, contraindications, course = row.cells
    return [
        [DeckPara(runs_of(name.paragraphs[0], bold=True), source=row.source)],
        [DeckPara(runs_of(b), bullet=True) for b in indications.bullets],
        [DeckPara(runs_of(b), bullet=True) for b in contraindications.bullets],
        [DeckPara(runs_of(p)) for p in course.paragraphs],
    ]


def _column_widths(total: int, rows: list[list[list[DeckPara]]], table) -> list[int]:
    """Column widths in EMU: the base shares, but never narrower than a column's longest word
    (a word broken mid-way is unreadable); the other columns give up the difference."""
    minimum = [0.0] * len(DECK_TABLE_WIDTHS)
    for cells in rows:
        for c, paras in enumerate(cells):
            word = fit.widest_word([p.measure() for p in paras], TABLE_SIZE) * 12700
            minimum[c] = max(minimum[c], word + 2 * CELL_MARGIN_X + 12700)
    widths = [total * f for f in DECK_TABLE_WIDTHS]
    for _ in range(len(widths)):
        short = [c for c, w in enumerate(widths) if w < minimum[c]]
        if not short:
            break
        need = sum(minimum[c] - widths[c] for c in short)
        others = [c for c in range(len(widths)) if c not in short]
        spare = sum(widths[c] - minimum[c] for c in others)
        if spare < need:
            raise LayoutProblem("the comparison table has words too long for its columns on a slide",
                                table.source, "shorten the longest words (or write them with a hyphen) in the table")
        for c in short:
            widths[c] = minimum[c]
        for c in others:
            widths[c] -= need * (widths[c] - minimum[c]) / spare
    return [int(w) for w in widths]


def _row_height(cells: list[list[DeckPara]], widths: list[int]) -> float:
    """EMU height of a table row: its tallest cell, measured, plus margins and the safety margin."""
    tallest = 0.0
    for paras, w in zip(cells, widths):
        inner = (w - 2 * CELL_MARGIN_X) / 12700
        tallest = max(tallest, fit.height([p.measure() for p in paras], inner, TABLE_SIZE))
    needed = (tallest + fit.SAFETY_POINTS) / (1 - fit.SAFETY_FRACTION)
    return needed * 12700 + 2 * CELL_MARGIN_Y


def _style_table(grid, primary) -> None:
    """Header in the clinic colour, thin rules; the first-row flag tells screen readers it is a header."""
    for c in range(len(grid.columns)):
        cell = grid.cell(0, c)
        cell.fill.solid()
        cell.fill.fore_color.rgb = primary
    for r in range(1, len(grid.rows)):
        for c in range(len(grid.columns)):
            cell = grid.cell(r, c)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF) if r % 2 else RGBColor(0xF2, 0xF2, 0xF2)
            cell.vertical_anchor = MSO_ANCHOR.TOP


def _joined(items) -> tuple[tuple[str, bool], ...]:
    out: list[tuple[str, bool]] = []
    for i, item in enumerate(items):
        if i:
            out.append(("; ", False))
        out += list(runs_of(item))
    return tuple(out)


def _treatment_notes(t, labels) -> str:
    lines = [f"{t.name}: {plain(t.what)}"]
    if plain(t.evidence):
        lines.append(f"{labels['evidence']}: {plain(t.evidence)}")
    if t.sources:
        lines.append(f"{labels['speaker_sources']} " + "; ".join(t.sources))
    if t.needs_review:
        lines.append(f"[{labels['needs_review']}: {t.needs_review}]")
    return "\n".join(lines)


def _row_notes(row, doc: Document, labels) -> str:
    detail = next((t for t in doc.treatments if t.id == row.key), None)
    if detail is not None:
        return _treatment_notes(detail, labels)
    return " ".join(plain(p) for cell in row.cells for p in cell.paragraphs)


def _review_notes(section: Section, labels) -> list[str]:
    notes = [b.needs_review for b in section.blocks if getattr(b, "needs_review", None)]
    if section.needs_review:
        notes.insert(0, section.needs_review)
    return [f"[{labels['needs_review']}: {n}]" for n in notes]


# -- template geometry ----------------------------------------------------------------------------

_FOOTER_KINDS = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}


def _body_placeholder(slide_or_layout):
    """The main text placeholder (the subtitle on a title layout), whatever its index."""
    for shape in slide_or_layout.placeholders:
        kind = shape.placeholder_format.type
        if shape.placeholder_format.idx != 0 and kind not in _FOOTER_KINDS and shape.has_text_frame:
            return shape
    return None


def _content_area(prs, layout) -> tuple[int, int, int, int]:
    """Where shapes go on a title-only slide: below the title, above the footer."""
    title = next(s for s in layout.placeholders if s.placeholder_format.idx == 0)
    top = title.top + title.height + Inches(0.15)
    bottom = prs.slide_height - FOOTER_HEIGHT - Inches(0.3)
    return title.left, top, title.width, bottom - top


def _theme_font(prs) -> str:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    latin = root.find(f".//{qn('a:minorFont')}/{qn('a:latin')}")
    return latin.get("typeface", "") if latin is not None else ""


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
