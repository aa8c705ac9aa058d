"""A story poured into a chain of columns (generator/render/pdf/flow.py), judged as a layout result
without drawing a page: what went where, what was left over, how evenly it is spread."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer

from generator.assets.fonts import register_reportlab
from generator.render.pdf import memo
from generator.render.pdf.flow import Column, badness, balance, height_of, pour

COLUMNS = [Column(0, 500, 100, 100), Column(120, 500, 100, 100), Column(240, 500, 100, 100)]


def _blocks(*heights: float) -> list[Spacer]:
    return [Spacer(100, h) for h in heights]


def _text(words: int, keep_with_next: bool = False) -> Paragraph:
    style = ParagraphStyle(
        "t", fontName=register_reportlab()["regular"], fontSize=10, leading=12, keepWithNext=int(keep_with_next)
    )
    return Paragraph(" ".join(["ord"] * words), style)


def test_blocks_fill_the_columns_in_order():
    flow = pour(_blocks(60, 30, 50, 40), COLUMNS)
    assert flow.fits
    assert [(p.column, p.y) for p in flow.placed] == [(0, 0), (0, 60), (1, 0), (1, 50)]
    assert flow.used(0) == 90 and flow.used(2) == 0


def test_what_does_not_fit_is_left_over_not_raised():
    story = _blocks(90, 90, 90, 90)
    flow = pour(story, COLUMNS)
    assert not flow.fits and flow.leftover == story[3:]
    assert not pour(_blocks(150), COLUMNS).fits  # taller than any column: left over


def test_a_paragraph_splits_between_columns_and_keeps_its_memo():
    long = _text(200)
    memo.attach(long).section = "Om tilstanden"
    flow = pour([long], COLUMNS[:2] + [Column(240, 500, 100, 1000)])
    assert flow.fits and flow.placed[0].continued
    assert len({p.column for p in flow.placed}) >= 2
    assert {memo.of(p.flowable).section for p in flow.placed} == {"Om tilstanden"}


def test_a_heading_is_not_left_alone_at_the_foot_of_a_column():
    heading = _text(2, keep_with_next=True)
    flow = pour([*_blocks(80), heading, _text(30)], COLUMNS)
    assert next(p for p in flow.placed if p.flowable is heading).column == 1


def test_balance_spreads_the_story_evenly_instead_of_filling_the_first_columns():
    story = _blocks(*[20] * 9)
    full = pour(story, COLUMNS)
    assert [full.used(i) for i in range(3)] == [100, 80, 0]
    even = balance(story, COLUMNS)
    assert even.fits and [even.used(i) for i in range(3)] == [60, 60, 60]


def test_balance_returns_the_overflow_when_the_story_does_not_fit():
    assert not balance(_blocks(100, 100, 100, 100), COLUMNS).fits


def test_badness_counts_empty_columns_and_breaks_inside_a_block():
    empty = pour(_blocks(20, 20), COLUMNS)
    assert badness(empty, 100) >= 20  # two columns left empty
    spread = balance(_blocks(*[20] * 9), COLUMNS)
    assert badness(spread, 60) < 1


def test_height_of_stacks_the_flowables_with_the_space_between():
    style = ParagraphStyle(
        "s", fontName=register_reportlab()["regular"], fontSize=10, leading=12, spaceBefore=5, spaceAfter=7
    )
    one, two = Paragraph("ord", style), Paragraph("ord", style)
    assert height_of([one, two], 100) == 12 + 7 + 5 + 12 + 7
