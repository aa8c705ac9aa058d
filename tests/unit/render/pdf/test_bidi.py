"""The bidi algorithm as the PDFs use it (generator/render/pdf/bidi.py): python-bidi's reference
implementation, pinned here so an upgrade that changes its steps fails by name."""

from __future__ import annotations

from generator.render.pdf.bidi import levels, visual_order


def test_numbers_and_latin_inside_an_arabic_sentence_run_left_to_right():
    text = "اكتب 12 إلى post@example.org"
    found = levels(text, rtl=True)
    at = {part: found[text.index(part)] for part in ("اكتب", "12", "إلى", "post")}
    assert at == {"اكتب": 1, "12": 2, "إلى": 1, "post": 2}  # UAX #9: numbers and L inside R get level 2


def test_trailing_spaces_take_the_paragraphs_level():
    assert levels("abc  ", rtl=True)[-2:] == [1, 1]  # rule L1


def test_runs_are_drawn_in_the_order_rule_l2_gives():
    """Right to left: the runs reversed, a left-to-right run inside keeping its own order."""
    assert visual_order([1, 1, 1]) == [2, 1, 0]
    assert visual_order([1, 2, 2, 1]) == [3, 1, 2, 0]
    assert visual_order([0, 0]) == [0, 1]
    assert visual_order([]) == []
