"""The content that ships: complete, consistent, medically corrected where the source was wrong, and
buildable — for whatever conditions, languages and clinics ``content/`` holds."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.diagnostics import Diagnostics
from generator.loading.content import load_content
from support.content import CONTENT, IMAGES, TODAY, shipped, shipped_languages, text_of

pytestmark = pytest.mark.shipped
CONDITIONS = sorted({condition for condition, _ in shipped_languages()})


def test_loads_without_errors_or_warnings():
    diagnostics = Diagnostics()
    loaded = load_content(CONTENT, IMAGES, diagnostics)
    assert not diagnostics.items, "\n".join(d.format() for d in diagnostics.items)
    assert loaded.conditions and loaded.clinics
    for condition in loaded.conditions:
        assert set(condition.condition.languages) <= set(loaded.labels)


@pytest.mark.parametrize("condition,lang", shipped_languages())
def test_every_treatment_is_complete_for_both_audiences(condition, lang):
    text = text_of(condition, lang)
    refs = shipped().condition(condition).condition.treatments
    assert [t.id for t in text.treatments] == [r.id for r in refs]
    for treatment in text.treatments:
        for words in (treatment.patient, treatment.clinician):
            assert words.what and words.course and words.indications and words.contraindications
    assert any(s.callout for s in text.sections), "a 'when to see a doctor' callout is expected"
    assert any(b.table for s in text.sections for b in s.patient if hasattr(b, "table"))


@pytest.mark.parametrize("condition", CONDITIONS)
def test_every_treatment_cites_a_source(condition):
    for treatment in shipped().condition(condition).condition.treatments:
        assert treatment.sources, treatment.id


@pytest.mark.parametrize("condition", CONDITIONS)
def test_unreviewed_content_is_draft_and_not_overdue(condition):
    review = shipped().condition(condition).condition.review
    if shipped().condition(condition).condition.clinical_reviewer is None:
        assert review.status == "draft"
    assert review.next_review > dt.date.fromisoformat(TODAY)


@pytest.mark.skipif("heel-spur" not in CONDITIONS, reason="the heel-spur content is not in this content folder")
def test_heel_spur_corrects_the_source_articles_errors():
    """Two claims of the source article are wrong (shared/reference/standards.md): radiotherapy is
    for patients over 40, not forbidden after 40; a plantar wart is benign."""
    texts = shipped().condition("heel-spur").texts
    nb = {t.id: t for t in texts["nb"].treatments}
    radio = " ".join(nb["radiotherapy"].patient.contraindications + nb["radiotherapy"].clinician.contraindications)
    assert "under 40" in radio
    patient_text = " ".join(b.text for s in texts["nb"].sections for b in s.patient if hasattr(b, "text"))
    assert "fotvorte" in patient_text and "ufarlig" in patient_text


def test_labels_keep_only_general_medical_words():
    """A language copied from a labels file must not inherit one condition's words."""
    content = shipped()
    own = {term.lower() for c in content.conditions for t in c.texts.values() for term in t.medical_terms}
    for labels in content.labels.values():
        assert not own & {t.lower() for t in labels.medical_terms}, labels.language
