"""A story poured into a chain of columns (generator/render/pdf/flow.py), judged as a layout result
without drawing a page: what went where, what was left over, how evenly it is spread."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer

from generator.assets.fonts import register_reportlab
from generator.render.pdf import memo
from generator.render.pdf.flow import Column, Flow, Placed, badness, balance, draw, height_of, pour

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


class Block:
    """A flowable of known size and spaces; ``line`` > 0 makes it splittable into lines of that height
    (its first piece at least ``least`` high)."""

    def __init__(self, height, before=0.0, after=0.0, line=0.0, least=0.0, section=None, heading=False):
        self.height, self.before, self.after, self.line, self.least = height, before, after, line, least
        self.wraps, self.draws = [], []
        if heading:
            self.style = ParagraphStyle("h", keepWithNext=1)
        if section:
            memo.attach(self).section = section

    def wrap(self, width, height):
        self.wraps.append((width, height))
        return width, self.height

    def split(self, width, height):
        if not self.line:
            return []
        first = max(self.least, height // self.line * self.line)
        return [Block(first), Block(self.height - first, line=self.line)]

    def getSpaceBefore(self):  # noqa: N802 - reportlab's name
        return self.before

    def getSpaceAfter(self):  # noqa: N802 - reportlab's name
        return self.after

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802, N803 - reportlab's names
        self.draws.append((x, y, _sW))


def _at(flow) -> list[tuple[int, float]]:
    return [(p.column, p.y) for p in flow.placed]


def test_a_piece_keeps_its_space_before_except_at_the_top_of_a_column_and_its_space_after():
    # column 0: a at 0 (no space at the top), 30 + 7 after; b 10 below that at 47, 20 + 3 after: 70;
    # c needs 4 + 28 but 30 - 4 = 26 is left: the top of column 1
    a, b, c = Block(30, before=5, after=7), Block(20, before=10, after=3), Block(28, before=4)
    assert _at(pour([a, b, c], COLUMNS)) == [(0, 0), (0, 47), (1, 0)]


def test_a_split_piece_starts_after_its_space_and_fills_the_room_left_exactly():
    # 45 used, 5 before the text: 50 left, five lines of 10 exactly; the other seven go on
    text = Block(120, before=5, line=10)
    flow = pour([Block(45), text], COLUMNS)
    first = flow.placed[1]
    assert (first.column, first.y, first.height, first.continued) == (0, 50, 50, True)
    assert first.flowable.height == 50  # the first piece is placed, not the rest
    assert [(p.column, p.height) for p in flow.placed[2:]] == [(1, 70)]


def test_a_split_whose_first_piece_is_still_too_tall_goes_whole_to_the_next_column():
    # 15 left, but the text's first piece is at least two lines (20): it starts column 1 instead
    flow = pour([Block(85), Block(120, line=10, least=20)], COLUMNS)
    assert [(p.column, p.height) for p in flow.placed] == [(0, 85), (1, 100), (2, 20)]


def test_a_heading_stays_where_exactly_two_lines_of_what_follows_fit_under_it():
    # a heading of one 12 pt line with 36 pt left: 12 + 2 x 12 = 36 fits exactly
    heading = _text(2, keep_with_next=True)
    flow = pour([*_blocks(64), heading, _text(30)], COLUMNS)
    assert next(p for p in flow.placed if p.flowable is heading).column == 0


def _flow(*columns) -> Flow:
    """A flow with the given pieces (each a Block) stacked in each of len(columns) columns."""
    flow = Flow([Column(0, 500, 100, 100)] * len(columns))
    for index, pieces in enumerate(columns):
        y = 0.0
        for piece, continued in pieces:
            flow.placed.append(Placed(piece, index, y, 100, piece.height, continued))
            y += piece.height
    return flow


def test_badness_adds_empty_columns_broken_blocks_section_breaks_and_unevenness():
    flow = _flow(
        [(Block(50, section="a"), False), (Block(30, section="a"), True)],  # 80, ends in a broken block
        [(Block(40, section="a"), False)],  # 40, goes on in section a without a heading
        [],  # empty
        [(Block(20, section="a"), False)],
        [(Block(10, section="a"), False)],  # again section a without a heading
    )
    # 10 (the empty column) + 3 (broken) + 1 + 1 (mid-section starts) + (80 - 10) / 100
    assert badness(flow, 100) == pytest.approx(15.7)


def test_a_column_that_starts_with_a_heading_is_no_section_break():
    flow = _flow([(Block(50, section="a"), False)], [(Block(20, section="a", heading=True), False)])
    assert badness(flow, 100) == pytest.approx(0.3)  # only the unevenness: (50 - 20) / 100


def test_badness_of_nothing_poured_is_ten_for_each_empty_column():
    assert badness(_flow([], [], []), 100) == 30


def test_draw_puts_each_piece_at_its_place_measured_from_the_column_top():
    a, b = Block(30), Block(20)
    flow = Flow([Column(10, 500, 100, 100)], [Placed(a, 0, 0, 80, 30), Placed(b, 0, 40, 100, 20)])
    draw(flow, canvas=None)
    assert a.draws == [(10, 470, 20)] and b.draws == [(10, 440, 0)]  # y of the bottom; spare width
    assert a.wraps == [(100, 31)] and b.wraps == [(100, 21)]  # wrapped again with its own height and 1 pt


def test_each_column_is_judged_against_the_one_before_it():
    # a | heading of b | b: only the third column goes on in a section (b) without a heading
    flow = _flow(
        [(Block(30, section="a"), False)],
        [(Block(30, section="b", heading=True), False)],
        [(Block(30, section="b"), False)],
    )
    assert badness(flow, 100) == pytest.approx(1.0)  # the columns are equally full: no unevenness


def test_balance_takes_a_column_up_to_40_percent_taller_for_a_break_at_a_heading():
    # Two columns of 200. The least common height is 101 (a | b, heading, c): column 1 then goes on in
    # section a without a heading. At 140, 1.39 times as tall, column 0 holds a and b and column 1 starts
    # with the heading: no section break, so balance takes that.
    a, b = Block(100, section="a"), Block(40, section="a")
    heading, c = Block(10, section="b", heading=True), Block(51, section="b")
    columns = [Column(0, 500, 100, 200), Column(120, 500, 100, 200)]
    flow = balance([a, b, heading, c], columns)
    assert flow.fits
    assert [(p.flowable, p.column) for p in flow.placed] == [(a, 0), (b, 0), (heading, 1), (c, 1)]
    assert [flow.used(0), flow.used(1)] == [140, 61]


def _clean_break_at(a: float, b: float, rest: float, tallest: float) -> tuple[list[Block], list[Column]]:
    """Sections a (blocks of ``a`` and ``b``) and b (a heading of 10 and a block): the least common height
    puts ``b`` at the top of column 1 (a section break); only columns at least ``a + b`` and less than
    ``a + b + 34`` tall (the heading's 10 and two 12 pt lines) start column 1 with the heading."""
    story = [Block(a, section="a"), Block(b, section="a"), Block(10, section="b", heading=True)]
    story.append(Block(rest - b - 10, section="b"))
    return story, [Column(0, 2000, 100, tallest), Column(120, 2000, 100, tallest)]


def test_balance_tries_no_column_more_than_40_percent_taller_than_the_least():
    # least height 300 (a | b, heading, c); the clean break needs 425, 1.42 times that: out of reach
    story, columns = _clean_break_at(300, 125, 300, 600)
    flow = balance(story, columns)
    assert [p.column for p in flow.placed] == [0, 1, 1, 1]


def test_balance_tries_heights_in_steps_of_5_percent_of_the_least():
    # least height 1000 (a | b, heading, c, at most 1 pt more after the search); the clean break needs
    # 1050 to 1083: 1.05 times the least hits it, and balance takes it
    story, columns = _clean_break_at(1000, 50, 1000, 1500)
    flow = balance(story, columns)
    assert [p.column for p in flow.placed] == [0, 0, 1, 1]


@pytest.mark.parametrize(
    ("a", "b", "columns"),
    [
        (700.5, 35.5, [0, 0, 1, 1]),  # clean from 736: 1.05 x 701 = 736.05 reaches it
        (701, 36, [0, 1, 1, 1]),  # clean from 737: 736.05 is short, 1.10 x 701 = 771.1 is past 737 + 34
        (701, 35.2, [0, 1, 1, 1]),  # clean from 736.2: 736.05 is short
    ],
)
def test_balance_searches_the_least_height_to_1_pt_from_0_pt(a, b, columns):
    # Columns of 1024 = 2**10 pt: halving from 0 to 1024 stops at a step of exactly 1 pt, on the whole pt at or
    # above the least height (a: 700.5 -> 701, 701 -> 701). The clean break (a and b in column 0, the heading
    # first in column 1) is then tried at 1.05 times that, and not again: at 1.10 times the heading fits under b.
    story, two = _clean_break_at(a, b, 700, 1024)
    assert [p.column for p in balance(story, two).placed] == columns
