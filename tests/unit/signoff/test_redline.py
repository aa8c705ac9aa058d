"""The redline's word diff and its order: clinical changes first, each group in the text's order."""

from __future__ import annotations

from generator.diagnostics import Location
from generator.signoff.redline import Mark, compare, words


def test_words_keep_what_stayed_and_mark_what_went_and_came():
    pieces = words("Ta 2 tabletter om dagen.", "Ta 3 tabletter om kvelden.")
    assert "".join(p.text for p in pieces if p.mark is not Mark.INSERTED) == "Ta 2 tabletter om dagen."
    assert "".join(p.text for p in pieces if p.mark is not Mark.DELETED) == "Ta 3 tabletter om kvelden."
    assert [p.text for p in pieces if p.mark is Mark.DELETED] == ["2", "dagen."]


def test_a_new_text_is_all_inserted_and_a_removed_one_all_deleted():
    assert [(p.text, p.mark) for p in words("", "Nyresvikt")] == [("Nyresvikt", Mark.INSERTED)]
    assert [(p.text, p.mark) for p in words("Nyresvikt", "")] == [("Nyresvikt", Mark.DELETED)]


def test_clinical_changes_come_first_then_editorial_each_in_the_texts_order():
    old = {"texts": {"subtitle": "A", "summary": "B", "treatment/x/patient/course": "C"}, "facts": {"icd10": "M1"}}
    new = {"texts": {"subtitle": "A2", "summary": "B2", "treatment/x/patient/course": "C2"}, "facts": {"icd10": "M2"}}
    here = Location("nb.yaml", 1)
    found = compare(old, new, {}, here)
    assert [(c.context, c.clinical) for c in found] == [
        ("summary", True),
        ("treatment/x/patient/course", True),
        ("facts/icd10", True),
        ("subtitle", False),
    ]
    removed = compare(old, {"texts": {}, "facts": {"icd10": "M1"}}, {}, here)
    assert all(c.removed and c.where is None for c in removed)
