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
