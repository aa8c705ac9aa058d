"""Which translated units are behind their source: changed since translated, or new in the source."""

from __future__ import annotations

import pytest

from generator.diagnostics import Location
from generator.translation.stale import clinical, missing, stale
from generator.translation.units import Unit


def unit(context: str, text: str) -> Unit:
    return Unit(context, text, "", Location("x.yaml", 1))


SOURCE = [unit("summary", "Ny tekst."), unit("treatment/rest/patient/contraindications/1", "Sår"), unit("title", "T")]


def test_a_unit_whose_source_text_differs_from_the_recorded_one_is_stale_with_the_old_text():
    lock = {"summary": "Gammel tekst.", "treatment/rest/patient/contraindications/1": "Sår", "title": "T"}
    assert [(u.context, before) for u, before in stale(SOURCE, lock)] == [("summary", "Gammel tekst.")]


def test_a_unit_the_record_does_not_know_is_not_stale_but_missing_unless_the_translation_has_it():
    lock = {"summary": "Ny tekst."}
    assert stale(SOURCE, lock) == []
    target = [unit("title", "T")]  # written into the file by hand: not missing
    assert [u.context for u in missing(SOURCE, lock, target)] == ["treatment/rest/patient/contraindications/1"]


def test_without_a_record_nothing_is_missing():
    """A language edited only by hand has no record: nothing can be said about what it lacks."""
    assert missing(SOURCE, {}, []) == []


@pytest.mark.parametrize(
    "context,expected",
    [
        ("treatment/rest/patient/contraindications/2", True),
        ("treatment/rest/clinician/indications/1", True),
        ("treatment/rest/patient/course", True),
        ("treatment/rest/patient/what", False),
        ("treatment/rest/name", False),
        ("section/course/patient/1/p", False),  # a section called "course" is not the clinical field
        ("summary", False),
    ],
)
def test_clinical_units_are_a_treatments_indications_contraindications_and_course(context, expected):
    assert clinical(context) is expected
