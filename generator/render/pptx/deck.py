"""Document -> clinician slide deck (PPTX) on a template, with python-pptx.

The slides, in order: title; contents (the content's parts); per section a divider where a part
starts, then its slides: a pathway drawn as native shapes for a ``steps`` block, bullet slides for
lists (paragraphs go to the speaker notes: the fuller text), a picture slide per figure, and for
the comparison table one **overview** — every treatment with its step in the pathway, its key
indication and key contraindication, on one slide (or a few, evenly filled, for long lists);
then the references; last an appendix with the **detailed table** (every indication,
contraindication and course), each slide filled before the table continues. No fact is laid out
twice in the body: the full lists live in the appendix and the speaker notes.

Every slide has a unique title, speaker notes, a footer with version (and DRAFT) and a
slide-number field. All text is measured with :mod:`generator.render.pptx.measure` before it is placed.
On a user's template, what does not fit its boxes moves instead of failing: title-slide lines
to a details line or the notes, long lists and tables to the next slide, a caption to the notes;
only text that cannot fit a whole slide is a :class:`LayoutProblem` naming its content line.
leafdeck's own template takes the clinic's colours (written into its theme) and logo; a user's
template keeps its own colours and fonts (text is set in Arial only when the theme's fonts are not
Arial-compatible, so the measurements stay true).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches, Pt

from generator.assets.colour import ratio
from generator.assets.fonts import Direction, own_family
from generator.assets.images import prepared
from generator.document.inline import plain
from generator.document.model import (
    BulletList,
    ComparisonTable,
    Document,
    Figure,
    Paragraph,
    Section,
    SignOffState,
    Steps,
)
from generator.render.errors import LayoutProblem
from generator.render.pptx import measure as fit
from generator.render.pptx import notes as speaker_notes
from generator.render.pptx import table as tables
from generator.render.pptx.drawing import Look, draw_table, fit_write
from generator.render.pptx.geometry import FOOTER_HEIGHT, Geometry
from generator.render.pptx.measure import Run
from generator.render.pptx.packing import BODY_SIZES, pack, split_evenly
from generator.render.pptx.pathway import layout as pathway_layout
from generator.render.pptx.readback import FOOTER
from generator.render.pptx.template import fixed_zip_dates, open_template
from generator.render.pptx.xml import (
    ACCENT,
    DARK,
    LIGHT,
    DeckPara,
    NotesPages,
    Script,
    add_slide_number,
    body_placeholder,
    box_size,
    mark_decorative,
    paint,
    remove_empty_placeholders,
    runs_of,
    set_alt_text,
    set_theme_colours,
    theme_colours,
    theme_fonts,
    write,
)

if TYPE_CHECKING:
    from generator.kinds import Variant

TITLE_SIZES = (32, 28, 24, 20, 18)  # slide titles; below 28 pt only when a template's title box is small
PATHWAY_SIZES = (20, 18, 16, 14)
COVER_TITLE_SIZES = (44, 40, 36, 32, 28, 24)
COVER_SUBTITLE_SIZES = (20, 18)
FOOTER_SIZE = 12
DECK_IMAGE_PX = 1600  # a full-width picture on a 13.3 in slide at 120 ppi: sharp on any projector
OVERVIEW_WIDTHS = (0.27, 0.07, 0.33, 0.33)  # treatment, step, key indication, key contraindication
OVERVIEW_WIDTHS_NO_STEP = (0.30, 0.35, 0.35)  # no treatment has a step: no step column
DETAIL_WIDTHS = (0.18, 0.28, 0.28, 0.26)  # treatment, indications, contraindications, course
LIGHT_GREY = "F2F2F2"


def render(doc: Document, variant: Variant, template: Path | None = None) -> bytes:
    """The registry's entry point (``generator.kinds``)."""
    return render_deck(doc, template)


def render_deck(doc: Document, template: Path | None = None) -> bytes:
    tpl = open_template(template)
    if template is None:
        # leafdeck's own template is drawn in theme colours: the clinic's colours make it theirs.
        colours = doc.clinic.colours
        set_theme_colours(
            tpl.presentation,
            {
                "dk1": colours["text"],
                "dk2": colours["primary"],
                "accent1": colours["primary"],
                "accent2": colours["accent"],
            },
        )
    deck = _Deck(tpl, doc, own_template=template is None)
    deck.build()
    _core_properties(tpl.presentation, doc)
    buffer = io.BytesIO()
    tpl.presentation.save(buffer)
    return fixed_zip_dates(buffer.getvalue())


class _Deck:
    """The slides of one deck, in order; what goes where is measured (packing, table, geometry) and
    drawn (drawing) by the modules beside this one."""

    def __init__(self, tpl, doc: Document, own_template: bool):

        self.prs, self.layouts, self.doc = tpl.presentation, tpl.layouts, doc
        self.labels = doc.labels
        self.own_template = own_template
        self.geometry = Geometry(self.prs, self.layouts)
        heading, body = theme_fonts(self.prs)
        arial_like = all(face.lower() in fit.ARIAL_COMPATIBLE for face in (heading, body))
        self.font = None if arial_like else "Arial"
        accent = theme_colours(self.prs).get("accent1", "#1F4E79")
        # Header text on the template's accent colour: white, unless the accent is too light for it.
        self.script = Script(rtl=doc.direction is Direction.RTL, font=own_family(doc.script))
        self.look = Look(
            doc.language_tag,
            self.font,
            LIGHT if ratio("#FFFFFF", accent) >= 4.5 else DARK,
            RGBColor.from_string(LIGHT_GREY),
            RGBColor.from_string("FFFFFF"),
            self.script,
        )
        self.titles: set[str] = set()
        self.notes = NotesPages()

    # -- the deck ------------------------------------------------------------------------------
    def build(self) -> None:
        doc = self.doc
        self.title_slide()
        self.news()
        # The contents list the content's parts, or its sections when it has no parts.
        entries = [s.part for s in doc.sections if s.part] or [s.title for s in doc.sections]
        self.bullet_slides(
            self.labels.contents,
            [DeckPara.of(e, bullet=True) for e in entries],
            notes=" · ".join(entries),
            source=doc.source,
        )
        for section in doc.sections:
            if section.part:
                self.divider(section.part, _members(section, doc.sections), section.source)
            self.section(section)
        self.references()
        self.appendix()

    def title_slide(self) -> None:
        """Title, then subtitle, clinic and the details line in the subtitle box as far as they fit;
        what does not fit goes to a details line below it, or (on a crowded template) the notes."""
        doc = self.doc
        slide = self.prs.slides.add_slide(self.layouts["title"])
        self._fit(
            slide.shapes.title, [DeckPara.of(doc.title, bold=True)], COVER_TITLE_SIZES, None, doc.source, grow=True
        )
        details = (
            f"{self.labels.icd10} {doc.icd10} · {self.labels.version} {doc.trust.version} · "
            f"{doc.trust.published.isoformat()}"
        )
        lines = [DeckPara.of(text) for text in (doc.subtitle, doc.clinic.name, details)]
        # The trust block's notices before the clinic and details: those may go to the notes, these not.
        lines[1:1] = [DeckPara.of(notice, bold=True) for notice in doc.trust.notices]
        if doc.trust.signoff is SignOffState.RECORDED:  # who approved the text as it stands (issue 25)
            lines.append(
                DeckPara.of(f"{self.labels.clinical_reviewer}: {doc.trust.reviewer(self.labels.not_reviewed)}")
            )
        subtitle = body_placeholder(slide)
        placed = 0
        if subtitle is not None:
            width, height = box_size(subtitle)
            for size in COVER_SUBTITLE_SIZES:
                count = max(
                    (
                        n
                        for n in range(len(lines) + 1)
                        if fit.fits([p.measure() for p in lines[:n]], width, height, size)
                    ),
                    default=0,
                )
                if count == len(lines) or size == COVER_SUBTITLE_SIZES[-1]:
                    break
            if count:
                write(subtitle.text_frame, lines[:count], size, None, doc.language_tag, self.font, self.script)
            placed = count
        if placed < len(lines):
            self._details_line(slide, lines[placed:], subtitle)
        if self.own_template and doc.clinic.logo:
            self._logo(slide)
        self.titles.add(doc.title)
        behind = "".join(f"\n{notice}" for notice in doc.trust.notices)
        self._finish(slide, f"{doc.title}. {doc.subtitle}.\n{doc.clinic.name}\n{details}{behind}\n{plain(doc.summary)}")

    def news(self) -> None:
        """With --changes-since: what is new since that approval, clinical texts as they read now."""
        news = self.doc.news
        if news is None:
            return
        paras = [DeckPara(runs_of(item), bullet=True) for item in news.items]
        self.bullet_slides(news.title, paras, news.title, self.doc.source)

    def _details_line(self, slide, lines: list[DeckPara], above) -> None:
        """Lines the subtitle box had no room for, in a text box under it (or under the title)."""
        anchor = above if above is not None else slide.shapes.title
        top = anchor.top + anchor.height + Inches(0.1)
        bottom = self.prs.slide_height - FOOTER_HEIGHT - Inches(0.3)
        if bottom - top < Inches(0.4):
            return  # no room on this template: the notes carry them
        box = slide.shapes.add_textbox(anchor.left, top, anchor.width, bottom - top)
        box.name = "Details"
        width, height = box_size(box)
        for size in COVER_SUBTITLE_SIZES:
            shown = [
                p for n, p in enumerate(lines) if fit.fits([q.measure() for q in lines[: n + 1]], width, height, size)
            ]
            if len(shown) == len(lines):
                break
        if shown:
            write(box.text_frame, shown, size, None, self.doc.language_tag, self.font, self.script)

    def _logo(self, slide) -> None:
        """The clinic's logo at the bottom right of the title slide, at most 1.5 x 3 inches."""
        image = prepared(cast(Path, self.doc.clinic.logo), 900)  # the caller checks there is one
        max_w, max_h = Inches(3.0), Inches(1.5)
        width = min(max_w, int(max_h * image.ratio))
        height = int(width / image.ratio)
        left = self.prs.slide_width - Inches(0.6) - width
        top = self.prs.slide_height - FOOTER_HEIGHT - Inches(0.35) - height
        picture = slide.shapes.add_picture(io.BytesIO(image.data), left, top, width=width, height=height)
        picture.name = "Logo"
        set_alt_text(picture, self.doc.clinic.name)

    def divider(self, title: str, members: list[str], source) -> None:
        slide = self.prs.slides.add_slide(self.layouts["section"])
        self._title(slide, title, source)
        body = body_placeholder(slide)
        line = [DeckPara.of(" · ".join(members))]
        if body is not None and members:
            width, height = box_size(body)
            size = next((s for s in BODY_SIZES if fit.fits([p.measure() for p in line], width, height, s)), None)
            if size is not None:
                write(body.text_frame, line, size, None, self.doc.language_tag, self.font, self.script)
        self._finish(slide, " · ".join(members))

    def section(self, section: Section) -> None:
        lists = [b for b in section.blocks if isinstance(b, BulletList) and not isinstance(b, Steps)]
        prose = [b for b in section.blocks if isinstance(b, Paragraph)]
        shown_prose = not lists  # a section without a list shows its paragraphs; otherwise they are notes
        notes = [plain(b.text) for b in prose] + speaker_notes.review_notes(section, self.labels)
        paras: list[DeckPara] = []

        def flush() -> None:  # text gathered so far goes on slides before the next drawn block
            if paras:
                self.bullet_slides(section.title, list(paras), "\n".join(notes), section.source)
                paras.clear()

        for block in section.blocks:
            if isinstance(block, Steps):
                flush()
                self.pathway(block, "\n".join(notes))
            elif isinstance(block, BulletList):
                paras.extend(DeckPara(runs_of(item), bullet=True, source=block.source) for item in block.items)
            elif isinstance(block, Paragraph) and shown_prose:
                paras.append(DeckPara(runs_of(block.text), source=block.source))
            elif isinstance(block, Figure):
                flush()
                self.figure(block, section.title)
            elif isinstance(block, ComparisonTable):
                flush()
                self.overview(block)
        flush()

    def bullet_slides(self, title: str, paras: list[DeckPara], notes: str, source) -> None:
        """As many slides as the paragraphs need: at most six bullets each, measured to fit."""
        layout = self.layouts["content"]
        width, height = self.geometry.layout_box(layout, "body")
        for chunk, size in pack(paras, width, height):
            slide = self.prs.slides.add_slide(layout)
            self._title(slide, title, source)
            write(body_placeholder(slide).text_frame, chunk, size, None, self.doc.language_tag, self.font, self.script)
            on_slide = "\n".join("• " * p.bullet + p.text for p in chunk)
            self._finish(slide, notes + ("\n\n" if notes else "") + on_slide)

    def pathway(self, steps: Steps, notes: str) -> None:
        """The step-care pathway as editable shapes: numbered boxes joined by arrows.

        Left to right when every step fits its box without breaking a word; otherwise stacked
        top to bottom in full-width boxes.
        """
        slide = self.prs.slides.add_slide(self.layouts["title_only"])
        self._title(slide, self.labels.pathway, steps.source)
        area = self.geometry.content_area
        planned = pathway_layout(steps.items, steps.source, area, BODY_SIZES[-1])
        across = MSO_SHAPE.LEFT_ARROW if self.script.rtl else MSO_SHAPE.RIGHT_ARROW
        arrow_kind = across if planned.across else MSO_SHAPE.DOWN_ARROW
        if self.script.rtl:  # right to left: the first step on the right, the arrows pointing left
            planned = planned.mirrored(area[0], area[2])
        for i, (box_at, unit) in enumerate(zip(planned.boxes, planned.texts)):
            box = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, *box_at)
            box.name = f"Step {i + 1}"
            paint(box, self.look.grey, ACCENT, 2.25)
            box.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
            self._fit(box, unit, PATHWAY_SIZES, DARK, steps.source)
            if i < len(planned.arrows):
                arrow = slide.shapes.add_shape(arrow_kind, *planned.arrows[i])
                arrow.name = "Arrow"
                paint(arrow, ACCENT, None)
                mark_decorative(arrow)
        text = "\n".join(f"{i + 1}. {plain(item)}" for i, item in enumerate(steps.items))
        self._finish(slide, text + ("\n\n" + notes if notes else ""))

    def figure(self, figure: Figure, title: str) -> None:
        """The picture as large as the area allows, its caption under it (at most three lines; a
        longer caption is read from the notes, which always carry it and the alt text)."""
        slide = self.prs.slides.add_slide(self.layouts["title_only"])
        self._title(slide, title, figure.source)
        left, top, width, height = self.geometry.content_area
        caption = [DeckPara((*runs_of(figure.caption), Run(f" ({figure.credit})")), source=figure.source)]
        inner = Emu(width - 2 * Inches(0.1)).pt
        size = next(
            (s for s in BODY_SIZES if fit.height([p.measure() for p in caption], inner, s) <= 3 * s * fit.LINE_FACTOR),
            None,
        )
        caption_height = 0
        if size is not None:
            needed = (fit.height([p.measure() for p in caption], inner, size) + fit.SAFETY_POINTS) / (
                1 - fit.SAFETY_FRACTION
            )
            caption_height = int(Pt(needed) + 2 * Inches(0.05)) + Pt(1)
        image = prepared(figure.path, DECK_IMAGE_PX, prefer_jpeg=True)
        shown_h = height - caption_height - Inches(0.1)
        shown_w = min(width, int(shown_h * image.ratio))
        picture = slide.shapes.add_picture(
            io.BytesIO(image.data), left, top, width=shown_w, height=int(shown_w / image.ratio)
        )
        set_alt_text(picture, figure.alt)
        if size is not None:
            box = slide.shapes.add_textbox(left, top + picture.height + Inches(0.1), width, caption_height)
            box.name = "Caption"
            write(box.text_frame, caption, size, None, self.doc.language_tag, self.font, self.script)
        self._finish(slide, f"{figure.alt}\n{plain(figure.caption)} ({figure.credit})")

    # -- the comparison ----------------------------------------------------------------------------
    def overview(self, table: ComparisonTable) -> None:
        """Every treatment on one slide (two at most for long lists): its step in the pathway, key
        indication and key contraindication (the first of each), rows ordered by step. The step
        column is left out when no treatment has a step: it would say the same in every row."""
        labels = self.labels
        treatments = sorted(self.doc.treatments, key=lambda t: (t.step is None, t.step or 0))
        stepped = any(t.step is not None for t in treatments)
        columns = (labels.treatment, labels.step, labels.key_indication, labels.key_contraindication)
        shares = OVERVIEW_WIDTHS if stepped else OVERVIEW_WIDTHS_NO_STEP
        header = [[DeckPara.of(h, bold=True)] for i, h in enumerate(columns) if stepped or i != 1]
        rows = [
            (
                t,
                [
                    [DeckPara.of(t.name, bold=True, source=t.source)],
                    *(
                        [[DeckPara.of(str(t.step) if t.step else labels.outside_pathway, bold=t.step is not None)]]
                        if stepped
                        else []
                    ),
                    [DeckPara(runs_of(t.indications[0]))] if t.indications else [],
                    [DeckPara(runs_of(t.contraindications[0]))] if t.contraindications else [],
                ],
            )
            for t in treatments
        ]
        left, top, width, height = self.geometry.content_area
        try:
            chunks, size, widths = split_evenly(header, rows, width, height, shares, table.source)
        except LayoutProblem:
            left, width = self.geometry.wide(left, width)
            chunks, size, widths = split_evenly(header, rows, width, height, shares, table.source)
        for chunk in chunks:
            slide = self.prs.slides.add_slide(self.layouts["title_only"])
            self._title(slide, labels.comparison, table.source)
            draw_table(slide, header, [cells for _, cells in chunk], widths, size, (left, top), self.look)
            self._finish(slide, "\n\n".join(speaker_notes.treatment_notes(t, labels) for t, _ in chunk))

    def appendix(self) -> None:
        """The detailed table: every indication, contraindication and course, in the table's order,
        spread evenly over the fewest slides that hold it; a row too tall for a slide goes on over two."""
        table = self.doc.table
        if not table.rows:
            return
        self.divider(self.labels.appendix, [self.labels.comparison_details], table.source)
        left, top, width, height = self.geometry.content_area
        labels = self.labels
        header = [
            [DeckPara.of(h, bold=True)]
            for h in (labels.treatment, table.columns[1], table.columns[2], table.columns[3])
        ]
        rows = [(row, tables.detail_cells(row)) for row in table.rows]
        try:
            widths = tables.column_widths(
                width, [header] + [cells for _, cells in rows], DETAIL_WIDTHS, tables.DETAIL_SIZE, table.source
            )
        except LayoutProblem:  # long words on a narrow (4:3) template: the table takes the slide's width
            left, width = self.geometry.wide(left, width)
            widths = tables.column_widths(
                width, [header] + [cells for _, cells in rows], DETAIL_WIDTHS, tables.DETAIL_SIZE, table.source
            )
        room = fit.budget(Emu(height).pt) * Pt(1) - tables.row_height(header, widths, tables.DETAIL_SIZE)
        chunks = tables.spread_slides(rows, widths, room, self.labels.continued)
        details = {t.id: t for t in self.doc.treatments}
        for chunk in chunks:
            slide = self.prs.slides.add_slide(self.layouts["title_only"])
            self._title(slide, labels.comparison_details, table.source)
            draw_table(slide, header, [cells for _, cells in chunk], widths, tables.DETAIL_SIZE, (left, top), self.look)
            seen = list(dict.fromkeys(row.key for row, _ in chunk))
            self._finish(
                slide, "\n\n".join(speaker_notes.treatment_notes(details[k], labels) for k in seen if k in details)
            )

    def references(self) -> None:
        sources = self.doc.trust.sources
        if not sources:
            return
        paras = [DeckPara.of(s) for s in sources]
        self.bullet_slides(self.labels.references, paras, "\n".join(sources), self.doc.condition_source)

    # -- helpers -------------------------------------------------------------------------------
    def _title(self, slide, title: str, source) -> None:
        # A title used before continues: "Behandling (forts.)", "Behandling (forts. 2)"; titles stay unique.
        unique, n = title, 1
        while unique in self.titles:
            unique = f"{title} ({self.labels.continued}{'' if n == 1 else f' {n}'})"
            n += 1
        self.titles.add(unique)
        self._fit(
            slide.shapes.title,
            [DeckPara.of(unique, bold=True)],
            TITLE_SIZES,
            None,
            source,
            box=self.geometry.layout_box(slide.slide_layout, "title"),
            grow=True,
        )

    def _fit(self, shape, paras: list[DeckPara], sizes, colour, source, box=None, grow: bool = False) -> None:
        fit_write(shape, paras, sizes, colour, self.look, source, len(self.prs.slides), box, grow)

    def _finish(self, slide, notes: str) -> None:
        remove_empty_placeholders(slide)
        self._footer(slide)
        frame = self.notes.text_frame(slide)
        write(
            frame, [DeckPara.of(line) for line in notes.split("\n")], 12, None, self.doc.language_tag, None, self.script
        )

    def _footer(self, slide) -> None:
        doc = self.doc
        parts = [doc.title, f"{self.labels.version} {doc.trust.version}"]
        if doc.draft:
            parts.append(self.labels.draft)
        width = self.prs.slide_width
        box = slide.shapes.add_textbox(Inches(0.6), self.geometry.footer_band()[0], width - Inches(1.2), FOOTER_HEIGHT)
        box.name = FOOTER
        write(
            box.text_frame,
            [DeckPara.of(" · ".join(parts) + " · ")],
            FOOTER_SIZE,
            None,
            doc.language_tag,
            self.font,
            self.script,
        )
        add_slide_number(
            box.text_frame.paragraphs[0], FOOTER_SIZE, None, doc.language_tag, f"leafdeck-slide#{len(self.prs.slides)}"
        )


def _members(section: Section, sections) -> list[str]:
    """The titles of the sections in the part that ``section`` starts."""
    members, inside = [], False
    for s in sections:
        if s is section:
            inside = True
        elif s.part and inside:
            break
        if inside:
            members.append(s.title)
    return members


def _core_properties(prs, doc: Document) -> None:
    props = prs.core_properties
    stamp = dt.datetime.combine(doc.trust.published, dt.time(12, 0))
    # The package's core properties hold at most 255 characters each; the slides carry the full text.
    props.title = _at_most(f"{doc.title} – {doc.subtitle}", 255)
    props.author = _at_most(", ".join(doc.trust.authors), 255)
    props.subject = _at_most(doc.labels.deck_subject, 255)
    props.language = doc.language_tag
    props.keywords = _at_most(f"{doc.title}; {doc.icd10}", 255)
    props.last_modified_by = "leafdeck"
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1


def _at_most(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
