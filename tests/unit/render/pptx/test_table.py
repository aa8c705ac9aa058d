"""The deck's tables as numbers (generator/render/pptx/table.py), without drawing a slide: column
widths that never break a word, row heights, and how the detailed table goes onto slides (whole rows
spread evenly; a row taller than a slide cut between its items, under "Name (forts.)")."""

from __future__ import annotations

import pytest
from pptx.util import Emu, Inches, Pt

from generator.diagnostics import Location
from generator.document.model import Cell, Span, TableRow
from generator.render.errors import LayoutProblem
from generator.render.pptx import measure as fit
from generator.render.pptx import table as tables
from generator.render.pptx.measure import Run
from generator.render.pptx.xml import DeckPara

HERE = Location("nb.yaml", 40, 5)
WIDTHS = [int(Pt(130)), int(Pt(200)), int(Pt(200)), int(Pt(150))]


def _row(key: str, items: int, words: int = 6):
    cells = [
        [DeckPara.of(f"Behandling {key}", bold=True)],
        [DeckPara.of(" ".join(["indikasjon"] * words) + f" {i}", bullet=True) for i in range(items)],
        [DeckPara.of(" ".join(["kontraindikasjon"] * 3) + f" {i}", bullet=True) for i in range(items)],
        [DeckPara.of("2–6 uker")],
    ]
    return (key, cells)


def _height(cells) -> float:
    return tables.row_height(cells, WIDTHS, tables.DETAIL_SIZE)


def _items(slides) -> list[str]:
    """Every indication placed, in order (a cut row's items are found on two slides)."""
    return [p.text for slide in slides for _, cells in slide for p in cells[1]]


def test_a_row_is_as_tall_as_its_tallest_cell():
    assert _height(_row("a", 4)[1]) > _height(_row("a", 1)[1])
    narrow = [w // 2 for w in WIDTHS]
    assert tables.row_height(_row("a", 2)[1], narrow, 14) > _height(_row("a", 2)[1])


def test_column_widths_keep_the_shares_and_make_room_for_the_longest_word():
    rows = [[[DeckPara.of("Ekstrakorporal")], [DeckPara.of("kort")]]]
    widths = tables.column_widths(int(Pt(400)), rows, (0.5, 0.5), 14, HERE)
    assert widths == [int(Pt(200))] * 2
    widths = tables.column_widths(
        int(Pt(400)), [[[DeckPara.of("Trykkbølgebehandlingsforløpet")], [DeckPara.of("x")]]], (0.2, 0.8), 14, HERE
    )
    assert widths[0] > int(Pt(80)) and sum(widths) <= int(Pt(400)) + 1


def test_words_too_long_for_any_column_are_an_error_at_the_table():
    rows = [[[DeckPara.of("Ekstrakorporalsjokkbølgeterapiforløp" * 2)], [DeckPara.of("Trykkbølgebehandling" * 3)]]]
    with pytest.raises(LayoutProblem) as problem:
        tables.column_widths(int(Pt(200)), rows, (0.5, 0.5), 14, HERE)
    assert problem.value.source == HERE
    assert problem.value.message == "the comparison table has words too long for its columns on a slide"
    assert problem.value.hint == "shorten the longest words (or write them with a hyphen) in the table"


def test_rows_that_fit_are_never_cut_and_each_slide_keeps_within_its_room():
    rows = [_row(str(i), 2) for i in range(7)]
    room = 3.4 * _height(rows[0][1])
    slides = tables.spread_slides(rows, WIDTHS, room, "forts.")
    assert [key for slide in slides for key, _ in slide] == [str(i) for i in range(7)]  # whole rows, in order
    assert all(sum(_height(cells) for _, cells in slide) <= room for slide in slides)


def test_whole_rows_are_spread_evenly_where_filling_would_leave_one_alone():
    rows = [_row(str(i), 2) for i in range(7)]
    room = 3.4 * _height(rows[0][1])  # three rows a slide
    filled = tables.fill_slides(rows, WIDTHS, room, "forts.")
    spread = tables.spread_slides(rows, WIDTHS, room, "forts.")
    assert len(spread) == len(filled)
    counts = [len(slide) for slide in spread]
    assert max(counts) - min(counts) <= 1, counts


def test_a_row_taller_than_a_slide_goes_on_under_its_name_continued():
    rows = [_row("kort", 1), _row("lang", 30), _row("siste", 1)]
    room = 2.5 * _height(_row("x", 4)[1])
    slides = tables.spread_slides(rows, WIDTHS, room, "forts.")
    assert _items(slides) == [p.text for _, cells in rows for p in cells[1]]  # every item once, in order
    continued = [cells[0][0].text for slide in slides for _, cells in slide if "(forts.)" in cells[0][0].text]
    assert continued and set(continued) == {"Behandling lang (forts.)"}
    assert all(sum(_height(cells) for _, cells in slide) <= room + 1 for slide in slides)


def test_a_single_line_taller_than_a_slide_is_an_error_at_its_row():
    key, cells = _row("enorm", 1, words=400)
    with pytest.raises(LayoutProblem) as problem:
        tables.fill_slides([(type("Row", (), {"key": key, "source": HERE})(), cells)], WIDTHS, 100.0, "forts.")
    assert problem.value.source == HERE and "taller than a slide" in problem.value.message
    assert problem.value.hint == "shorten this treatment's indications or contraindications"


def test_even_chunks_are_consecutive_within_the_room_and_use_every_slide_asked_for():
    heights = [3, 1, 1, 1, 3, 1]
    chunks = tables.even_chunks(heights, 2, 6)
    assert [i for chunk in chunks for i in chunk] == list(range(6))
    assert max(sum(heights[i] for i in chunk) for chunk in chunks) == 5  # the lowest tallest chunk
    assert tables.even_chunks(heights, 1, 6) is None  # 10 does not fit in 6
    assert len(tables.even_chunks([1, 1, 1], 3, 10)) == 3
    assert tables.even_chunks([7], 1, 6) is None


def test_a_detail_row_is_the_bold_name_at_its_line_two_bulleted_lists_and_the_course():
    row = TableRow(
        "rest",
        "Egenbehandling",
        (
            Cell(paragraphs=((Span("Hvile"),), (Span("Du hviler foten."),))),
            Cell(bullets=((Span("Alle"),), (Span("Barn"),))),
            Cell(bullets=((Span("Ingen"),),)),
            Cell(paragraphs=((Span("2–6 uker"),),)),
        ),
        HERE,
    )
    name, indications, contraindications, course = tables.detail_cells(row)
    assert [p.runs for p in name] == [(Run("Hvile", True),)]  # the name only, not what it is
    assert name[0].source == HERE
    assert [(p.text, p.bullet) for p in indications] == [("Alle", True), ("Barn", True)]
    assert [(p.text, p.bullet) for p in contraindications] == [("Ingen", True)]
    assert [(p.text, p.bullet) for p in course] == [("2–6 uker", False)]


def _bullets(text: str, n: int) -> list[DeckPara]:
    return [DeckPara.of(f"{text} {i}", bullet=True) for i in range(n)]


NAME = [DeckPara.of("Behandling lang", bold=True)]
CONTINUED = [DeckPara.of("Behandling lang (forts.)", bold=True)]
LONG_ITEMS = " ".join(["indikasjon"] * 6)  # four lines or so in a 200 pt column


def test_a_row_is_cut_after_the_items_that_fit_and_the_rest_goes_on_under_its_name_continued():
    """Room for exactly two of the four long indications: both short contraindications and the course
    still fit beside them; the other two indications go on, under "Behandling lang (forts.)"."""
    indications, contraindications, course = _bullets(LONG_ITEMS, 4), _bullets("kort", 2), [DeckPara.of("2–6 uker")]
    cells = [NAME, indications, contraindications, course]
    limit = _height([NAME, indications[:2], [], []])  # exactly two indications high: they fit
    part, rest = tables.cut_row(cells, WIDTHS, limit, True, "forts.")
    assert part == [NAME, indications[:2], contraindications, course] and part[0] is NAME
    assert rest == [CONTINUED, indications[2:], [], []]
    assert rest[0][0].runs == (Run("Behandling lang (forts.)", True),)


def test_a_row_whose_indications_alone_fit_keeps_its_contraindications_and_course_for_the_next_slide():
    indications = _bullets("kort", 2)
    contraindications, course = _bullets(LONG_ITEMS, 3), [DeckPara.of(LONG_ITEMS + " " + LONG_ITEMS)]
    cells = [NAME, indications, contraindications, course]
    limit = _height([NAME, indications, [], []])  # no room for a long item beside them
    part, rest = tables.cut_row(cells, WIDTHS, limit, True, "forts.")
    assert part == [NAME, indications, [], []]
    assert rest == [CONTINUED, [], contraindications, course]


def test_a_continued_row_cut_again_is_named_continued_once():
    indications = _bullets(LONG_ITEMS, 4)
    limit = _height([CONTINUED, indications[:2], [], []])
    part, rest = tables.cut_row([CONTINUED, indications, [], []], WIDTHS, limit, False, "forts.")
    assert part == [CONTINUED, indications[:2], [], []] and rest == [CONTINUED, indications[2:], [], []]
    assert part[0][0].runs == (Run("Behandling lang (forts.)", True),)  # not "(forts.) (forts.)", and bold


# fill_slides with rows of known heights. Row heights are whole EMU (points x 12,700 plus margins), so
# sums of them are exact and a row either fits the space left or does not.
def _short(key: str):
    return (key, [[DeckPara.of(f"Behandling {key}", bold=True)], [DeckPara.of("kort", bullet=True)], [], []])


UNIT = _height(_short("0")[1])  # the height of every short row


def _keys(slides) -> list[list[str]]:
    return [[key for key, _ in slide] for slide in slides]


def test_rows_that_fill_a_slide_exactly_all_stay_on_it_on_every_slide():
    rows = [_short(str(i)) for i in range(20)]
    slides = tables.fill_slides(rows, WIDTHS, 10 * UNIT, "forts.")
    assert _keys(slides) == [[str(i) for i in range(10)], [str(i) for i in range(10, 20)]]
    assert all(cells == rows[int(key)][1] for slide in slides for key, cells in slide)  # whole, uncut


def test_a_row_moves_on_whole_when_less_than_30_percent_of_the_slide_is_left():
    tall = ("tall", [NAME, _bullets("kort", 4), [], []])  # more than 2 short rows high, less than a slide
    assert 2 * UNIT < _height(tall[1]) <= 10 * UNIT
    slides = tables.fill_slides([*[_short(str(i)) for i in range(8)], tall], WIDTHS, 10 * UNIT, "forts.")
    assert _keys(slides) == [[str(i) for i in range(8)], ["tall"]]  # 2 of 10 units left: 20 %
    assert slides[1][0][1] == tall[1]


def test_a_row_is_cut_when_exactly_30_percent_of_the_slide_is_left_and_starts_under_its_own_name():
    room = 10 * UNIT
    assert tables.SPLIT_WORTH * room == 3 * UNIT, "the test needs 30 % of the room to be exactly 3 rows"
    long = ("long", [NAME, _bullets("kort", 6), [], []])
    assert _height(long[1]) > 3 * UNIT
    slides = tables.fill_slides([*[_short(str(i)) for i in range(7)], long], WIDTHS, room, "forts.")
    assert _keys(slides) == [[str(i) for i in range(7)] + ["long"], ["long"]]
    first, rest = slides[0][-1][1], slides[1][0][1]
    assert first[0] is NAME and rest[0] == CONTINUED  # "Behandling lang", then "Behandling lang (forts.)"
    assert first[1] + rest[1] == long[1][1]


def test_a_row_none_of_whose_items_fits_the_space_left_starts_the_next_slide():
    """The next slide then holds it and four short rows exactly."""
    big = ("big", [NAME, [DeckPara.of(" ".join(["indikasjon"] * 40), bullet=True)], [], []])
    room = _height(big[1]) + 4 * UNIT
    assert _height(big[1]) - UNIT >= tables.SPLIT_WORTH * room, "the space left is worth a cut"
    rows = [*[_short(str(i)) for i in range(5)], big, *[_short(str(i)) for i in range(5, 9)]]
    slides = tables.fill_slides(rows, WIDTHS, room, "forts.")
    assert _keys(slides) == [["0", "1", "2", "3", "4"], ["big", "5", "6", "7", "8"]]


def test_rows_that_share_slides_only_when_cut_are_spread_whole_over_one_slide_more():
    rows = [_row(str(i), 4) for i in range(3)]
    room = 1.6 * _height(rows[0][1])  # two rows never fit a slide; cut, they take two slides
    assert len(tables.fill_slides(rows, WIDTHS, room, "forts.")) == 2
    slides = tables.spread_slides(rows, WIDTHS, room, "forts.")
    assert _keys(slides) == [["0"], ["1"], ["2"]] and all(cells == rows[int(key)][1] for [(key, cells)] in slides)


def test_the_rest_of_a_cut_row_and_the_rows_after_it_may_fill_the_next_slide_exactly():
    """A row of twelve one-line items, cut at the foot of the first slide; the room is chosen (by
    measuring rows) so that its rest and a number of short rows fill the second slide exactly."""
    items = [DeckPara.of("kort", bullet=True)] * 12
    long = ("long", [NAME, items, [], []])
    for k in range(1, 12):  # k items on the first slide, the other 12 - k on the next
        for m in range(1, 20):  # and m short rows after them
            room = _height([CONTINUED, items[k:], [], []]) + m * UNIT
            if _height([NAME, items[:k], [], []]) <= room < _height([NAME, items[: k + 1], [], []]):
                break
        else:
            continue
        break
    else:
        raise AssertionError("no room found")
    rows = [long, *[_short(str(i)) for i in range(m)]]
    slides = tables.fill_slides(rows, WIDTHS, room, "forts.")
    assert _keys(slides) == [["long"], ["long"] + [str(i) for i in range(m)]]
    assert [len(slide[0][1][1]) for slide in slides] == [k, 12 - k]


def test_even_chunks_lets_a_row_exactly_as_tall_as_the_room_stand_alone():
    assert tables.even_chunks([6, 4], 2, 6) == [[0], [1]]


def test_even_chunks_joins_the_rows_that_make_the_lowest_tallest_chunk():
    # Five rows on four slides: one pair shares a slide. Pairs: 4+4 = 8, 4+1 = 5, 1+5 = 6, 5+4 = 9:
    # rows 1 and 2 together keep the tallest slide at 5.
    assert tables.even_chunks([4, 4, 1, 5, 4], 4, 10) == [[0], [1, 2], [3], [4]]
    # Pairs 1+4 = 5, 4+4 = 8, 4+2 = 6, 2+2 = 4: rows 3 and 4 together keep the tallest at 4.
    assert tables.even_chunks([1, 4, 4, 2, 2], 4, 11) == [[0], [1], [2], [3, 4]]


def test_even_chunks_of_two_cuts_as_tall_takes_the_one_with_the_taller_shortest_chunk():
    # Three slides, tallest chunk 8 at best: 4+2 | 5 | 5+3 (6, 5, 8) and 4 | 2+5 | 5+3 (4, 7, 8);
    # the first leaves no slide as short as 4.
    assert tables.even_chunks([4, 2, 5, 5, 3], 3, 14) == [[0, 1], [2], [3, 4]]


ONE_LINE = tables.row_height([[DeckPara.of("Hvile")], [DeckPara.of("Alle")], [], []], WIDTHS, 14)


def test_a_row_of_one_line_is_the_line_with_the_safety_margin_and_the_cell_margins():
    # 14 pt x 1.2 = 16.8 pt a line; 1 pt and 1 % kept for safety; 0.05 in above and below
    assert ONE_LINE == Pt((14 * 1.2 + 1) / 0.99) + 2 * Inches(0.05)


def _longest_line(width: float) -> str:
    """The longest text of words "ord" and a last word of i's that fits one line at 14 pt in ``width`` points."""
    text = "ord"
    while fit.line_count(DeckPara.of(text + " ord").measure(), width, 14) == 1:
        text += " ord"
    text += " i"
    while fit.line_count(DeckPara.of(text + "i").measure(), width, 14) == 1:
        text += "i"
    return text


def test_a_cell_keeps_0_08_in_from_each_side_for_its_text():
    # a 200 pt column leaves 200 - 2 x 0.08 x 72 = 188.48 pt for its text
    inner = Emu(int(Pt(200)) - 2 * int(Inches(0.08))).pt
    fits, one_more = _longest_line(inner), _longest_line(inner) + "i"
    assert fit.line_count(DeckPara.of(fits).measure(), inner - 5.76, 14) == 2, "0.08 in narrower: two lines"
    assert fit.line_count(DeckPara.of(one_more).measure(), inner + 11.5, 14) == 1, "0.16 in wider: one line"
    two_lines = Pt((2 * 14 * 1.2 + 1) / 0.99) + 2 * Inches(0.05)
    assert tables.row_height([[DeckPara.of(fits)]], [int(Pt(200))], 14) == ONE_LINE
    assert tables.row_height([[DeckPara.of(one_more)]], [int(Pt(200))], 14) == two_lines


def _minimum(word: str) -> int:
    """A column's least width: its longest word, 0.08 in on each side and 1 pt."""
    return Pt(fit.widest_word([DeckPara.of(word).measure()], 14)) + 2 * Inches(0.08) + Pt(1)


def test_a_column_too_narrow_for_its_word_gets_just_its_least_width_and_the_other_gives_it_up():
    word = "Trykkbølgebehandlingsforløpet"
    widths = tables.column_widths(int(Pt(400)), [[[DeckPara.of(word)], [DeckPara.of("x")]]], (0.2, 0.8), 14, HERE)
    assert widths[0] == _minimum(word)
    assert abs(widths[1] - (int(Pt(400)) - _minimum(word))) <= 1  # the total stays the same


def test_columns_whose_least_widths_fill_the_total_exactly_fit():
    long, short = "Trykkbølgebehandlingsforløpet", "Ekstrakorporal"
    total = _minimum(long) + _minimum(short)
    rows = [[[DeckPara.of(long)], [DeckPara.of(short)]]]
    assert tables.column_widths(total, rows, (0.5, 0.5), 14, HERE) == [_minimum(long), _minimum(short)]
