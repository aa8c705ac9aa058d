"""What the preview shows, as data (generator/preview/state.py): a Document compared as a reader sees
it, source positions left out."""

from __future__ import annotations

from generator.diagnostics import Location
from generator.document.model import Paragraph, Span
from generator.preview.state import Selection, Status, appearance


def test_appearance_leaves_out_only_the_positions():
    here, there = Location("a.yaml", 3, 1), Location("a.yaml", 9, 5)
    assert appearance(Paragraph((Span("x"),), here)) == appearance(Paragraph((Span("x"),), there))
    assert appearance(Paragraph((Span("x"),), here)) != appearance(Paragraph((Span("y"),), here))
    assert appearance({"a": [Paragraph((Span("x"),), here)]}) == appearance({"a": [Paragraph((Span("x"),), there)]})


def test_a_selection_is_keyed_clinic_condition_language_and_the_status_reads_as_text():
    assert Selection("default", "heel-spur", "nb").key == "default/heel-spur/nb"
    assert Status.OK == "ok" and f"{Status.ERRORS}" == "errors"
