"""The format-independent document: audience wording, DRAFT rules, inline text, web addresses."""

from __future__ import annotations

import datetime as dt

from generator.diagnostics import Diagnostics
from generator.document.compose import compose_document, web_display, web_url
from generator.document.model import Audience, ComparisonTable, Span
from generator.loading.content import load_content
from support.content import edit

TODAY = dt.date(2026, 6, 1)


def _doc(project, audience=Audience.PATIENT, lang="nb", today=TODAY):
    content = load_content(project / "content", project / "images", Diagnostics())
    cc = content.condition("tiny")
    return compose_document(
        cc, lang, audience, content.clinics["default"], content.labels[lang], project / "images", today
    )


def test_patient_and_clinician_wording_differ(project):
    patient, clinician = _doc(project), _doc(project, Audience.CLINICIAN)
    assert patient.table.columns[1] == "Når brukes den?"
    assert clinician.table.columns[1] == "Indikasjoner"
    assert [r.key for r in patient.table.rows] == [r.key for r in clinician.table.rows] == ["rest", "pills"]
    assert patient.table.rows[1].cells[2].bullets == ((Span("Magesår"),),)
    assert clinician.table.rows[1].cells[2].bullets == ((Span("GI-blødning"),),)


def test_table_sits_where_the_content_puts_it(project):
    doc = _doc(project)
    treatments = next(s for s in doc.sections if s.id == "treatments")
    assert isinstance(treatments.blocks[0], ComparisonTable)


def test_approved_current_content_is_not_draft(project):
    assert _doc(project).draft is False


def test_draft_status_makes_a_draft(project):
    edit(project / "content/tiny/condition.yaml", "status: approved", "status: draft")
    doc = _doc(project)
    assert doc.draft and "review status is 'draft'" in doc.draft_reasons


def test_passed_review_date_makes_a_draft(project):
    doc = _doc(project, today=dt.date(2099, 1, 11))
    assert doc.draft and any("has passed" in r for r in doc.draft_reasons)


def test_needs_review_makes_a_draft_and_is_listed(project):
    edit(
        project / "content/tiny/nb.yaml",
        "      - p: Klinisk tekst.",
        "      - p: Klinisk tekst.\n        needs_review: Sjekk dette",
    )
    doc = _doc(project, Audience.CLINICIAN)
    assert doc.draft
    assert [n.note for n in doc.review_notes] == ["Sjekk dette"]
    assert doc.review_notes[0].where.file.endswith("nb.yaml")


def test_web_address_display_and_encoding():
    assert web_display("https://example.org/hælspore/") == "example.org/hælspore"
    assert web_url("https://example.org/hælspore") == "https://example.org/h%C3%A6lspore"
    encoded = web_url("https://blåbær.no/a b")
    host = encoded.split("/")[2]
    assert encoded.isascii() and encoded.endswith("/a%20b")
    assert host.startswith("xn--") and host.encode("ascii").decode("idna") == "blåbær.no"


def test_a_translation_waiting_for_its_check_is_draft_in_that_language_only(project):
    """A ``needs_review`` note at the top of a language file (a translation not yet read by a qualified
    translator) makes that language a DRAFT; the other languages of the approved content stay approved."""
    edit(project / "content/tiny/en.yaml", "language: en\n", 'language: en\nneeds_review: "Check the translation"\n')
    english, bokmal = _doc(project, lang="en"), _doc(project)
    assert english.draft is True and bokmal.draft is False
    assert [n.note for n in english.review_notes] == ["Check the translation"]
