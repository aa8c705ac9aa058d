"""Inline emphasis in content text (generator/document/inline.py): **bold** and *italic*, nothing
else; every other character stays text."""

from __future__ import annotations

from generator.document.inline import parse_inline, plain
from generator.document.model import Span


def test_inline_emphasis_and_markup_characters():
    assert parse_inline("en **fet** og *kursiv* <b>&") == (
        Span("en "),
        Span("fet", bold=True),
        Span(" og "),
        Span("kursiv", italic=True),
        Span(" <b>&"),
    )
    assert parse_inline("2 \\* 3 *ikke lukket") == (Span("2 * 3 *ikke lukket"),)


def test_bold_inside_a_word_and_nested_emphasis():
    assert parse_inline("**Hæl**spore") == (Span("Hæl", bold=True), Span("spore"))
    assert parse_inline("***begge***") == (Span("begge", bold=True, italic=True),)


def test_plain_text_of_spans_joins_them():
    assert plain(parse_inline("en **fet** og *kursiv*")) == "en fet og kursiv"


def test_markdown_beyond_emphasis_is_text():
    text = "# ikke overskrift [lenke](https://x) `kode` <b>"
    assert plain(parse_inline(text)) == text


def test_bold_inside_bold_stays_bold_to_the_outer_close():
    # The inner ** pair opens and closes inside the outer one: all of "a b c" is bold (a nesting
    # count, not a flag that the inner close turns off).
    assert parse_inline("**a **b** c**") == (Span("a b c", bold=True),)


def test_italic_inside_italic_stays_italic_to_the_outer_close():
    assert parse_inline("*a *b* c*") == (Span("a b c", italic=True),)


def test_two_bold_words_are_bold_and_the_text_between_them_is_not():
    # Exactly three spans: nothing empty is added after the last close.
    assert parse_inline("**a** og **b**") == (Span("a", bold=True), Span(" og "), Span("b", bold=True))


def test_two_italic_words_are_italic_and_the_text_between_them_is_not():
    assert parse_inline("*a* og *b*") == (Span("a", italic=True), Span(" og "), Span("b", italic=True))


def test_an_escaped_star_inside_bold_joins_the_bold_text():
    assert parse_inline("**2 \\* 3**") == (Span("2 * 3", bold=True),)


def test_a_backslash_line_break_reads_as_one_space():
    assert plain(parse_inline("a\\\nb")) == "a b"
