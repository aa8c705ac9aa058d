"""``generate.py check``: everything a careful editor, a print shop and an accessibility checker would
say, with nothing written. The gates are pure functions in :mod:`generator.checks`; this module
gives them what they read:

- the documents (:func:`check_documents`): readability of the patient text, trust metadata, the
  leaflet's and the deck's tables holding the same treatments, glyph coverage of every text in the
  font that will draw it, pictures' resolution at their largest placed size, items awaiting
  clinical review (as notes) — the live preview runs these beside its own drawing;
- the outputs (:func:`lay_out`): every product laid out in memory (in parallel, as a build does),
  so anything that does not fit is reported with its line; each deck read back as PowerPoint's
  accessibility checker reads it; each web page's links followed.

Colour contrast of the clinic palette is checked when the clinic file is loaded.
"""

from __future__ import annotations

from generator.checks.consistency import check_consistency
from generator.checks.deck import check_deck_accessibility
from generator.checks.glyphs import check_deck_glyphs, check_glyphs
from generator.checks.links import PageFile, check_site_links
from generator.checks.pictures import check_pictures
from generator.checks.readability import check_hyphenation, check_readability
from generator.checks.trust import check_approval, check_trust
from generator.diagnostics import Diagnostics, Location, display_path
from generator.document.model import Document
from generator.kinds import PRINT_SHOP, Audience, Product
from generator.pipeline.dispatch import render_all, report_problems
from generator.pipeline.plan import Planned
from generator.pipeline.targets import Options, site_files


def preflight(planned: list[Planned], options: Options, diagnostics: Diagnostics) -> dict:
    """Run every check; returns figures for the summary (readability per document)."""
    figures = check_documents(planned, options, diagnostics)
    lay_out(planned, options, diagnostics)
    return figures


def check_documents(planned: list[Planned], options: Options, diagnostics: Diagnostics) -> dict:
    """The checks that read the documents, not the drawn outputs; returns the readability figures
    per document."""
    texts = [p.document for p in planned if isinstance(p.document, Document)]  # not the site indexes
    # Documents differ between clinics only in the clinic's details: check each text once.
    documents = {(doc.condition_id, doc.language, doc.audience): doc for doc in texts}
    figures: dict[str, dict] = {}
    checked_images: set = set()
    hyphenation_checked: set[str] = set()
    notes: dict = {}
    print_shop = PRINT_SHOP in options.products
    for doc in documents.values():
        if doc.audience is Audience.PATIENT:
            if doc.language_tag not in hyphenation_checked:
                hyphenation_checked.add(doc.language_tag)
                check_hyphenation(doc, diagnostics)
            figures[f"{doc.condition_id} ({doc.language})"] = check_readability(
                doc, doc.medical_terms, dict(doc.glossary), diagnostics, doc.labels.attached_prefixes
            )
            check_glyphs(doc, diagnostics)
            check_approval(doc, options.today, diagnostics)
            check_pictures(doc, print_shop, options.paper, diagnostics, checked_images)
        else:
            check_deck_glyphs(doc, diagnostics)
        for note in doc.review_notes:
            notes.setdefault((note.where, note.note), note)
    first_of_condition: dict = {}
    for doc in documents.values():
        first_of_condition.setdefault(doc.condition_id, doc)  # its source language comes first
    for doc in first_of_condition.values():
        check_trust(doc, options.today, diagnostics)
    for note in notes.values():
        diagnostics.note(note.where, f"awaiting clinical review: {note.note}")
    check_consistency(documents.values(), diagnostics)
    return figures


def lay_out(planned: list[Planned], options: Options, diagnostics: Diagnostics) -> None:
    """Lay out every output in memory (in parallel, as a build does), read decks back and follow
    the web pages' links."""
    pages = []
    for (item, _), result in render_all([(item, None) for item in planned], options, None):
        if report_problems(item, result, diagnostics) is not None:
            continue
        where = Location(display_path(item.source_file))
        if item.target.variant.product is Product.DECK and isinstance(item.document, Document):
            check_deck_accessibility(result.data, item.document.language_tag, where, diagnostics)
        elif item.target.variant.product in (Product.PAGE, Product.SITE_INDEX):
            pages.append(
                PageFile(item.target.key, result.data.decode("utf-8"), tuple(n for n, _ in result.beside), where)
            )
    if pages:
        check_site_links(pages, site_files(options), diagnostics)
