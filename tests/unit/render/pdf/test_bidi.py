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


def _drawn(text: str) -> str:
    """The characters of one right-to-left line in the order they are drawn, left to right (rule L2 over
    single characters; mirroring of brackets is the shaper's job and not shown here)."""
    found = levels(text, rtl=True)
    return "".join(text[i] for i in visual_order(found))


def test_a_phone_number_keeps_its_groups_in_order():
    """Without isolating it, each group of digits is a number of its own between neutral spaces, and the
    groups come out in reverse ("33 22 11 00 47"): a patient would dial the wrong number."""
    assert _drawn("الهاتف: +47 00 11 22 33") == "+47 00 11 22 33 :فتاهلا"
    nbsp = "\u00a0"  # as the PDFs write a phone number, so that it never breaks
    assert _drawn(f"الهاتف: +47{nbsp}00{nbsp}11") == f"+47{nbsp}00{nbsp}11 :فتاهلا"


def test_a_latin_phrase_keeps_its_closing_bracket_and_leaves_the_stop_to_the_sentence():
    assert _drawn("ترجمة: leafdeck (utkast, maskinstøttet)") == "leafdeck (utkast, maskinstøttet) :ةمجرت"
    assert _drawn("اكتب إلى post@example.org.") == ".post@example.org ىلإ بتكا"


def test_a_range_keeps_the_algorithms_order_read_from_the_right():
    assert _drawn("لمدة 2–3 أشهر") == "رهشأ 3–2 ةدمل"


def test_a_paragraph_without_a_right_to_left_word_runs_left_to_right_with_its_stop():
    """A Latin reference in an Arabic leaflet: its full stop ends it on the right, as it is written."""
    assert _drawn("Koc TA, Bise CG. Heel Pain. 2023;53(12):CPG1.") == "Koc TA, Bise CG. Heel Pain. 2023;53(12):CPG1."
