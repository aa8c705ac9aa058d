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
from typing import TYPE_CHECKING

from generator.checks.glyphs import check_glyphs, check_deck_glyphs
from generator.checks.readability import check_readability
from generator.diagnostics import Diagnostics, Location, display_path
from generator.products import Audience, Product

if TYPE_CHECKING:
    from generator.document.model import Document



def preflight(planned: list, options, diagnostics: Diagnostics) -> dict:
    """Run every check; returns figures for the summary (readability per document)."""
    figures: dict[str, dict] = {}
    # Documents differ between clinics only in the clinic's details: check each text once.
    documents = {(p.document.condition_id, p.document.language, p.document.audience): p.document for p in planned}
    checked_images: set = set()
    hyphenation_checked: set[str] = set()
    notes: dict = {}
    for doc in documents.values():
        if doc.audience is Audience.PATIENT:
            if doc.language_tag not in hyphenation_checked:
                hyphenation_checked.add(doc.language_tag)
                _hyphenation(doc, diagnostics)
            figures[f"{doc.condition_id} ({doc.language})"] = check_readability(
                doc, doc.medical_terms, dict(doc.glossary), diagnostics)
            check_glyphs(doc, diagnostics)
            _images(doc, options, diagnostics, checked_images)
        else:
            check_deck_glyphs(doc, diagnostics)
        for note in doc.review_notes:
            notes.setdefault((note.where, note.note), note)
    first_of_condition: dict = {}
    for doc in documents.values():
        first_of_condition.setdefault(doc.condition_id, doc)   # its source language comes first
    for doc in first_of_condition.values():
        _trust(doc, options.today, diagnostics)
    for note in notes.values():
        diagnostics.note(note.where, f"awaiting clinical review: {note.note}")
    _consistency(planned, diagnostics)
    _layout_and_accessibility(planned, options, diagnostics)
    return figures


def _hyphenation(doc, diagnostics: Diagnostics) -> None:
    """A language pyphen has no dictionary for is set without hyphens: say so, once per language."""
    from generator.assets.hyphenation import hyphenator

    if hyphenator(doc.language_tag) is None:
        diagnostics.note(doc.labels_source, f"no hyphenation dictionary for '{doc.language_tag}': the PDFs of "
                                            f"'{doc.language}' are set without hyphens",
                         "nothing to do; long words move to the next line whole")


def _trust(doc, today: dt.date, diagnostics: Diagnostics) -> None:
    """What the loader cannot know: dates against today, missing reviewer, uncited treatments.
    (Authors, date order and alt texts are required by the loader already.)"""
    trust, where = doc.trust, doc.condition_source
    if not trust.clinical_reviewer:
        diagnostics.warning(where, "no clinical reviewer is named; the outputs stay DRAFT",
                            "add clinical_reviewer: with the name of the doctor or physiotherapist who checked it")
    if trust.next_review < today:
        diagnostics.error(where, f"the next review date {trust.next_review} has passed; every output is marked DRAFT",
                          "review the content, then move next_review forward")
    if not trust.sources:
        diagnostics.error(where, "no sources are listed", "add the guidelines and studies under sources:")
    for treatment in doc.treatments:
        if not treatment.sources:
            diagnostics.warning(treatment.source, f"treatment '{treatment.name}' cites no source",
                                "add sources: [id, ...] to it in condition.yaml")


def _consistency(planned: list, diagnostics: Diagnostics) -> None:
    """The same treatments in the leaflet's and the deck's table (per clinic, condition, language)."""
    tables: dict[tuple, dict[str, Document]] = {}
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


def _images(doc, options, diagnostics: Diagnostics, checked: set) -> None:
    """Resolution at the largest size a picture is placed, in the leaflet or the brochure, as the
    renderers report their picture boxes."""
    from generator.assets.images import upright_size
    from generator.document.model import Figure
    from generator.render.pdf import brochure, leaflet
    from generator.render.pdf.page import picture_ppi

    print_shop = "print-shop" in options.products
    # (figure kind, [(widest, tallest) in mm it may be placed at in the leaflet and the brochure])
    to_mm = 25.4 / 72
    boxes = {kind: [(w * to_mm, h * to_mm) for w, h in (leaflet.picture_boxes(options.paper)[kind],
                                                  brochure.picture_boxes(options.paper)[kind])]
             for kind in ("cover", "section")}
    placed = [(doc.cover_figure, "cover")] if doc.cover_figure is not None else []
    cover = doc.cover_figure.path if doc.cover_figure is not None else None
    placed += [(b, "section") for s in doc.sections for b in s.blocks
               if isinstance(b, Figure) and b.path != cover]     # the cover is printed once, as the cover
    for figure, kind in placed:
        if (figure.path, kind) in checked:
            continue
        checked.add((figure.path, kind))
        pixels_wide, pixels_high = upright_size(figure.path)
        placed_mm = max(min(w, h * pixels_wide / pixels_high) for w, h in boxes[kind])
        ppi = pixels_wide / (placed_mm / 25.4)
        needed = picture_ppi(print_shop)
        if ppi < needed:
            where = "a print shop needs" if print_shop else "it will look blurred below"
            diagnostics.warning(figure.source, f"image {figure.path.name} prints at {ppi:.0f} ppi; {where} {needed}",
                                f"use a version at least {round(placed_mm / 25.4 * needed)} pixels wide")


def _layout_and_accessibility(planned: list, options, diagnostics: Diagnostics) -> None:
    """Lay out every output in memory (in parallel, as a build does) and read decks back."""
    from generator.build.render import render_all, report_problems

    for (item, _), result in render_all([(item, None) for item in planned], options, None):
        if report_problems(item, result, diagnostics) is None and item.target.variant.product is Product.DECK:
            _deck_accessibility(result.data, item, diagnostics)


def _deck_accessibility(data: bytes, item, diagnostics: Diagnostics) -> None:
    """What PowerPoint's accessibility checker looks at, read back from the finished file."""
    from generator.render.pptx.readback import accessibility_problems

    where = Location(display_path(item.source_file))
    for message, hint in accessibility_problems(data, item.document.language_tag):
        diagnostics.error(where, message, hint)
