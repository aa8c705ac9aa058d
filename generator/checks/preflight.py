"""``generate.py check``: everything a careful editor, a print shop and an accessibility checker would say.

Runs over the planned documents (and renders each output in memory, writing nothing):

- readability of the patient text (:mod:`.readability`);
- trust metadata: authors, reviewer, dates in order and in the future, sources for every
  treatment, items awaiting clinical review (listed as notes);
- consistency: the leaflet's and the deck's comparison tables hold the same treatments;
- glyph coverage of every text in the font that will draw it (Fira Sans for PDFs, Arial for decks);
- images: resolution at their largest placed size (300 ppi for print shops, 150 for the office);
- layout: every product is laid out, so anything that does not fit is reported with its line;
- the deck as PowerPoint's accessibility checker sees it: titles present and unique, alt text,
  table header rows, text language.

Colour contrast of the clinic palette is checked when the clinic file is loaded.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from generator.checks.glyphs import check_glyphs, check_deck_glyphs
from generator.checks.readability import check_readability
from generator.diagnostics import Diagnostics, Location, display_path

PRINT_PPI, OFFICE_PPI = 300, 150
LEAFLET_TEXT_WIDTH_MM = {"a4": 210 - 2 * 18, "letter": 215.9 - 2 * 18}   # the widest a figure is placed
FIGURE_MAX_HEIGHT_MM = 58


def preflight(planned: list, options, diagnostics: Diagnostics) -> dict:
    """Run every check; returns figures for the summary (readability per document)."""
    figures: dict[str, dict] = {}
    documents = {id(p.document): p for p in planned}
    seen_conditions: set[str] = set()
    for item in documents.values():
        doc = item.document
        if doc.audience.value == "patient":
            labels = doc.labels
            figures[f"{doc.condition_id} ({doc.language})"] = check_readability(
                doc, tuple(labels.get("medical_terms", ())), dict(doc.glossary), diagnostics)
            check_glyphs(doc, diagnostics)
            if (doc.condition_id, "images") not in seen_conditions:
                seen_conditions.add((doc.condition_id, "images"))
                _images(doc, options, diagnostics)
        else:
            check_deck_glyphs(doc, diagnostics)
        if doc.condition_id not in seen_conditions:
            seen_conditions.add(doc.condition_id)
            _trust(doc, options.today, diagnostics)
    _consistency(planned, diagnostics)
    _layout_and_accessibility(planned, options, diagnostics)
    return figures


def _trust(doc, today: dt.date, diagnostics: Diagnostics) -> None:
    trust, where = doc.trust, doc.condition_source
    if not trust.authors:
        diagnostics.error(where, "no authors are named", "add authors: in condition.yaml")
    if not trust.clinical_reviewer:
        diagnostics.warning(where, "no clinical reviewer is named; the outputs stay DRAFT",
                            "add clinical_reviewer: with the name of the doctor or physiotherapist who checked it")
    if not trust.published <= trust.last_reviewed <= trust.next_review:
        diagnostics.error(where, "review dates are out of order (published <= last_reviewed <= next_review)",
                          "correct the dates under review:")
    if trust.next_review < today:
        diagnostics.error(where, f"the next review date {trust.next_review} has passed; every output is marked DRAFT",
                          "review the content, then move next_review forward")
    if not trust.sources:
        diagnostics.error(where, "no sources are listed", "add the guidelines and studies under sources:")
    for treatment in doc.treatments:
        if not treatment.sources:
            diagnostics.warning(treatment.source, f"treatment '{treatment.name}' cites no source",
                                "add sources: [id, ...] to it in condition.yaml")
    for note in doc.review_notes:
        diagnostics.note(note.where, f"awaiting clinical review: {note.note}")


def _consistency(planned: list, diagnostics: Diagnostics) -> None:
    """The same treatments in the leaflet's and the deck's table (per clinic, condition, language)."""
    tables: dict[tuple, dict[str, object]] = {}
    for item in planned:
        t = item.target
        tables.setdefault((t.clinic, t.condition, t.language), {})[item.document.audience.value] = item.document
    for docs in tables.values():
        if len(docs) < 2:
            continue
        patient, clinician = docs["patient"], docs["clinician"]
        for missing, present, where in ((patient, clinician, "leaflet"), (clinician, patient, "deck")):
            keys = {r.key for r in missing.table.rows}
            for row in present.table.rows:
                if row.key not in keys:
                    diagnostics.error(row.source, f"treatment '{row.key}' is in one table but not in the {where}'s",
                                      "give it both patient: and clinician: texts")


def _images(doc, options, diagnostics: Diagnostics) -> None:
    from PIL import Image

    # The cover figure first: its position is the images: entry in condition.yaml, where the file is named.
    figures = [doc.cover_figure] if doc.cover_figure is not None else []
    figures += [b for s in doc.sections for b in s.blocks if type(b).__name__ == "Figure"]
    unique: dict = {}
    for figure in figures:
        unique.setdefault(figure.path, figure)
    width_mm = LEAFLET_TEXT_WIDTH_MM.get(options.paper, LEAFLET_TEXT_WIDTH_MM["a4"])
    print_shop = "print-shop" in options.products
    for figure in unique.values():
        with Image.open(figure.path) as img:
            pixels, ratio = img.width, img.width / img.height
        placed_mm = min(width_mm, FIGURE_MAX_HEIGHT_MM * ratio)
        ppi = pixels / (placed_mm / 25.4)
        if print_shop and ppi < PRINT_PPI:
            diagnostics.warning(figure.source, f"image {figure.path.name} prints at {ppi:.0f} ppi; a print shop "
                                               f"needs {PRINT_PPI}", f"use a version at least {round(placed_mm / 25.4 * PRINT_PPI)} pixels wide")
        elif ppi < OFFICE_PPI:
            diagnostics.warning(figure.source, f"image {figure.path.name} prints at {ppi:.0f} ppi and will look "
                                               f"blurred", f"use a version at least {round(placed_mm / 25.4 * OFFICE_PPI)} pixels wide")
        if not figure.alt.strip():
            diagnostics.error(figure.source, f"image {figure.path.name} has no alt text", "describe the picture under images:")


def _layout_and_accessibility(planned: list, options, diagnostics: Diagnostics) -> None:
    from generator.pipeline import render_safely

    for item in planned:
        product = item.target.variant.suffix.replace("_", " ")
        kind, payload = render_safely(item, options.template)
        if kind == "problems":
            for message, location, hint in payload:
                diagnostics.error(location or Location(display_path(item.source_file)), f"{product}: {message}", hint)
        elif kind == "internal":
            diagnostics.error(Location(display_path(item.source_file)), f"{product}: internal error: {payload}",
                              "a bug in leafdeck: please report it")
        elif item.target.variant.product == "deck":
            _deck_accessibility(payload, item, diagnostics)


def _deck_accessibility(data: bytes, item, diagnostics: Diagnostics) -> None:
    """What PowerPoint's accessibility checker looks at, read back from the finished file."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    where = Location(display_path(item.source_file))
    deck = Presentation(io.BytesIO(data))
    titles: dict[str, int] = {}
    lang = item.document.language_tag
    for number, slide in enumerate(deck.slides, start=1):
        title = slide.shapes.title
        text = title.text_frame.text.strip() if title is not None else ""
        if not text:
            diagnostics.error(where, f"deck slide {number} has no title", "every slide needs a title")
        elif text in titles:
            diagnostics.error(where, f"deck slides {titles[text]} and {number} have the same title '{text}'",
                              "make the titles unique")
        titles.setdefault(text, number)
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                alt = shape._element.nvPicPr.cNvPr.get("descr", "")
                if not alt.strip() or Path(alt).suffix.lower() in (".png", ".jpg", ".jpeg"):
                    diagnostics.error(where, f"deck slide {number}: a picture has no alt text", "describe it under images:")
            if shape.has_table and not shape.table.first_row:
                diagnostics.error(where, f"deck slide {number}: a table has no header row", "a bug: please report it")
            frames = [shape.text_frame] if shape.has_text_frame else []
            for frame in frames:
                for run in (r for p in frame.paragraphs for r in p.runs):
                    if run._r.rPr is None or run._r.rPr.get("lang") != lang:
                        diagnostics.error(where, f"deck slide {number}: text without the language {lang}",
                                          "a bug: please report it")
                        break
