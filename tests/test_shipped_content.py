"""The heel-spur content that ships: complete, consistent, medically corrected, and buildable."""

from __future__ import annotations

import datetime as dt

import pytest
from pptx import Presentation

from conftest import ROOT
from generator.diagnostics import Diagnostics
from generator.loading.content import load_content
from tools import pdftotext

REQUIRED_TREATMENTS = {
    "self-care", "insoles", "night-splint", "taping", "exercises", "nsaids", "steroid-injection", "eswt",
    "laser", "ultrasound", "radiotherapy", "magnetic-therapy", "surgery",
}
REQUIRED_SECTIONS = {"what-is-it", "anatomy", "histopathology", "causes", "symptoms", "diagnosis", "treatments",
                     "what-you-can-do", "prevention", "when-to-see-doctor"}


@pytest.fixture(scope="module")
def content():
    diagnostics = Diagnostics()
    loaded = load_content(ROOT / "content", ROOT / "images", diagnostics)
    assert not diagnostics.items, "\n".join(d.format() for d in diagnostics.items)
    return loaded


@pytest.fixture(scope="module")
def heel(content):
    return content.condition("heel-spur")


def test_loads_without_errors_or_warnings(content):
    assert [c.condition.id for c in content.conditions] == ["heel-spur"]
    assert set(content.clinics) == {"default"} and set(content.labels) == {"nb", "en"}


def test_both_languages_cover_everything(heel):
    assert heel.condition.icd10 == "M77.3"
    assert set(heel.texts) == {"nb", "en"}
    assert {t.id for t in heel.condition.treatments} == REQUIRED_TREATMENTS
    for text in heel.texts.values():
        assert REQUIRED_SECTIONS <= {s.id for s in text.sections}
        assert any(s.callout for s in text.sections if s.id == "when-to-see-doctor")
        for treatment in text.treatments:
            for words in (treatment.patient, treatment.clinician):
                assert words.what and words.course and words.indications and words.contraindications


def test_every_treatment_cites_a_source(heel):
    for treatment in heel.condition.treatments:
        assert treatment.sources, treatment.id


def test_known_source_errors_are_corrected(heel):
    nb = {t.id: t for t in heel.texts["nb"].treatments}
    radio = " ".join(nb["radiotherapy"].patient.contraindications + nb["radiotherapy"].clinician.contraindications)
    assert "under 40" in radio
    en = {t.id: t for t in heel.texts["en"].treatments}
    assert "under 40" in " ".join(en["radiotherapy"].clinician.contraindications)
    patient_text = " ".join(b.text for s in heel.texts["nb"].sections for b in s.patient if hasattr(b, "text"))
    assert "fotvorte" in patient_text and "ufarlig" in patient_text


def test_unreviewed_content_is_draft(heel):
    assert heel.condition.review.status == "draft"
    assert heel.condition.clinical_reviewer is None
    assert heel.condition.review.next_review > dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from generator.cli import main
    out = tmp_path_factory.mktemp("out")
    assert main(["--content", str(ROOT / "content"), "--out", str(out)]) == 0
    return out / "default" / "heel-spur"


def test_leaflet_has_the_bokmal_table_and_draft_mark(built):
    text = " ".join(pdftotext(built / "nb" / "heel-spur_nb_leaflet.pdf").split())
    for words in ("Behandling", "Når brukes den?", "Når skal den ikke brukes?", "Forløp", "UTKAST", "side 1 av",
                  "plantar fascia", "Eksempelklinikken", "+47 00 00 00 00"):
        assert words in text, words


def test_english_leaflet(built):
    text = " ".join(pdftotext(built / "en" / "heel-spur_en_leaflet.pdf").split())
    for words in ("When is it used?", "When must it not be used?", "DRAFT", "page 1 of"):
        assert words in text, words


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_deck_table_has_every_treatment(built, heel, lang):
    deck = Presentation(str(built / lang / f"heel-spur_{lang}_deck.pptx"))
    first_cells = [row.cells[0].text for slide in deck.slides for shape in slide.shapes if shape.has_table
                   for row in list(shape.table.rows)[1:]]
    names = [t.name for t in heel.texts[lang].treatments]
    for name in names:
        assert any(cell.startswith(name) for cell in first_cells), name
    assert len(first_cells) == len(names)
