"""The deck's tables as numbers (generator/render/pptx/table.py), without drawing a slide: column
widths that never break a word, row heights, and how the detailed table goes onto slides (whole rows
spread evenly; a row taller than a slide cut between its items, under "Name (forts.)")."""

from __future__ import annotations

import pytest
from pptx.util import Pt

from generator.diagnostics import Location
from generator.render.errors import LayoutProblem
from generator.render.pptx import table as tables
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


def test_even_chunks_are_consecutive_within_the_room_and_use_every_slide_asked_for():
    heights = [3, 1, 1, 1, 3, 1]
    chunks = tables.even_chunks(heights, 2, 6)
    assert [i for chunk in chunks for i in chunk] == list(range(6))
    assert max(sum(heights[i] for i in chunk) for chunk in chunks) == 5  # the lowest tallest chunk
    assert tables.even_chunks(heights, 1, 6) is None  # 10 does not fit in 6
    assert len(tables.even_chunks([1, 1, 1], 3, 10)) == 3
    assert tables.even_chunks([7], 1, 6) is None
