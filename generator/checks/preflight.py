"""``generate.py check``: everything a careful editor, a print shop and an accessibility checker would say,
one gate per module (readability, glyphs, trust, consistency, pictures, layout); this module runs them.

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

from generator.checks.glyphs import check_glyphs, check_deck_glyphs
from generator.checks.consistency import check_consistency
from generator.checks.layout import check_layout_and_accessibility
from generator.checks.pictures import check_pictures
from generator.checks.readability import check_hyphenation, check_readability
from generator.checks.trust import check_trust
from generator.diagnostics import Diagnostics
from generator.products import Audience


def preflight(planned: list, options, diagnostics: Diagnostics) -> dict:
    """Run every check; returns figures for the summary (readability per document)."""
    figures = check_documents(planned, options, diagnostics)
    check_layout_and_accessibility(planned, options, diagnostics)
    return figures


def check_documents(planned: list, options, diagnostics: Diagnostics) -> dict:
    """The checks that read the documents, not the drawn outputs (the live preview runs these
    beside its own renders); returns the readability figures per document."""
    from generator.document.model import Document

    figures: dict[str, dict] = {}
    texts = [p for p in planned if isinstance(p.document, Document)]     # not the site indexes
    # Documents differ between clinics only in the clinic's details: check each text once.
    documents = {(p.document.condition_id, p.document.language, p.document.audience): p.document for p in texts}
    checked_images: set = set()
    hyphenation_checked: set[str] = set()
    notes: dict = {}
    for doc in documents.values():
        if doc.audience is Audience.PATIENT:
            if doc.language_tag not in hyphenation_checked:
                hyphenation_checked.add(doc.language_tag)
                check_hyphenation(doc, diagnostics)
            figures[f"{doc.condition_id} ({doc.language})"] = check_readability(
                doc, doc.medical_terms, dict(doc.glossary), diagnostics)
            check_glyphs(doc, diagnostics)
            check_pictures(doc, options, diagnostics, checked_images)
        else:
            check_deck_glyphs(doc, diagnostics)
        for note in doc.review_notes:
            notes.setdefault((note.where, note.note), note)
    first_of_condition: dict = {}
    for doc in documents.values():
        first_of_condition.setdefault(doc.condition_id, doc)   # its source language comes first
    for doc in first_of_condition.values():
        check_trust(doc, options.today, diagnostics)
    for note in notes.values():
        diagnostics.note(note.where, f"awaiting clinical review: {note.note}")
    check_consistency(texts, diagnostics)
    return figures


