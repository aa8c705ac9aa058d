"""The pathway's boxes and arrows on a slide (generator/render/pptx/pathway.py), as geometry: side
by side when every step reads in a few lines, stacked otherwise; always inside the area."""

from __future__ import annotations

from pptx.util import Emu, Inches

from generator.diagnostics import Location
from generator.document.model import Span
from generator.render.pptx import measure as fit
from generator.render.pptx.measure import Run
from generator.render.pptx.pathway import layout
from generator.render.pptx.xml import DeckPara

AREA = (int(Inches(0.6)), int(Inches(1.8)), int(Inches(12)), int(Inches(4.8)))
HERE = Location("nb.yaml", 12, 9)


def _steps(*texts: str):
    return tuple((Span(text),) for text in texts)


def _inside(box, area) -> bool:
    left, top, width, height = box
    a_left, a_top, a_width, a_height = area
    return left >= a_left and top >= a_top and left + width <= a_left + a_width and top + height <= a_top + a_height


def test_short_steps_stand_side_by_side_with_an_arrow_between_each():
    planned = layout(_steps("Hvile", "Innlegg", "Trykkbølge", "Operasjon"), HERE, AREA, 14)
    assert planned.across and len(planned.boxes) == 4 and len(planned.arrows) == 3
    lefts = [box[0] for box in planned.boxes]
    assert lefts == sorted(lefts) and len({box[1] for box in planned.boxes}) == 1
    assert all(_inside(box, AREA) for box in planned.boxes + planned.arrows)
    assert [unit[0].text for unit in planned.texts] == ["1", "2", "3", "4"]


def test_long_steps_are_stacked_in_full_width_boxes():
    long = "Egenbehandling med tøying av leggen morgen og kveld, avlastning og gode sko i minst seks uker"
    planned = layout(_steps(long, long, long, long, long), HERE, AREA, 14)
    assert not planned.across
    tops = [box[1] for box in planned.boxes]
    assert tops == sorted(tops) and {box[2] for box in planned.boxes} == {AREA[2]}
    assert all(_inside(box, AREA) for box in planned.boxes + planned.arrows)
    assert planned.texts[0][0].text.startswith("1  Egenbehandling")


def test_the_text_keeps_its_content_line():
    planned = layout(_steps("Hvile", "Operasjon"), HERE, AREA, 14)
    assert all(unit[-1].source == HERE for unit in planned.texts)


# Exact geometry, from the layout's rules in inches (1 in = 914,400 EMU):
# across: boxes 0.45 in apart share the area's width, at most 2.6 in tall; an arrow 0.3 in tall
# fills the gap less 0.07 in at each end, centred on the boxes' middle;
# stacked: boxes the area's width, 0.3 in apart (0.12 in when the area is at most 0.9 in a step),
# at most 1 in tall; an arrow 0.3 in wide, 0.4 in in from the left, from 0.02 in under a box to
# 0.04 in above the next (at least 0.08 in long).
LEFT, TOP, WIDTH, HEIGHT = AREA
LONG = "Egenbehandling med tøying av leggen morgen og kveld, avlastning og gode sko i minst seks uker"
LONGER = f"{LONG}. {LONG}. {LONG}."  # too long for a box half the area wide


def test_side_by_side_boxes_share_the_width_with_arrows_centred_in_the_gaps():
    planned = layout(_steps("Hvile", "Innlegg", "Trykkbølge", "Operasjon"), HERE, AREA, 14)
    gap = int(Inches(0.45))
    width = int((WIDTH - 3 * gap) / 4)  # four boxes and three gaps fill the width
    height = int(Inches(2.6))  # the area (4.8 in) is taller than a box may be
    assert planned.boxes == [(LEFT + i * (width + gap), TOP, width, height) for i in range(4)]
    arrow_top = TOP + height // 2 - int(Inches(0.15))
    assert planned.arrows == [
        (LEFT + i * (width + gap) + width + int(Inches(0.07)), arrow_top, gap - int(Inches(0.14)), int(Inches(0.3)))
        for i in range(3)
    ]


def test_stacked_boxes_are_as_wide_as_the_area_and_0_3_in_apart_in_a_roomy_area():
    planned = layout(_steps(*[LONG] * 5), HERE, AREA, 14)  # 4.8 in is more than 0.9 in a step
    gap = int(Inches(0.3))
    height = (HEIGHT - 4 * gap) // 5  # 0.72 in: below the 1 in a box may be
    assert planned.boxes == [(LEFT, TOP + i * (height + gap), WIDTH, height) for i in range(5)]
    assert planned.arrows == [
        (
            LEFT + int(Inches(0.4)),
            TOP + i * (height + gap) + height + int(Inches(0.02)),
            int(Inches(0.3)),
            gap - int(Inches(0.04)),
        )
        for i in range(4)
    ]


def test_stacked_boxes_close_up_to_0_12_in_when_the_area_is_just_0_9_in_a_step():
    area = (LEFT, TOP, WIDTH, int(Inches(0.9)) * 5)  # exactly 0.9 in a step: not more
    planned = layout(_steps(*[LONG] * 5), HERE, area, 14)
    gap = int(Inches(0.12))
    height = int((area[3] - 4 * gap) / 5)
    assert planned.boxes == [(LEFT, TOP + i * (height + gap), WIDTH, height) for i in range(5)]
    # the arrow would be 0.12 - 0.04 = 0.08 in long: just the least an arrow may be
    assert [arrow[3] for arrow in planned.arrows] == [int(Inches(0.08))] * 4


def test_a_stacked_box_is_at_most_one_inch_tall():
    planned = layout(_steps(LONGER, LONGER), HERE, AREA, 14)
    assert not planned.across
    assert [box[3] for box in planned.boxes] == [int(Inches(1.0))] * 2  # (4.8 - 0.3) / 2 in would be 2.25


def test_the_step_numbers_are_bold_side_by_side_and_stacked():
    across = layout(_steps("Hvile", "Operasjon"), HERE, AREA, 14)
    assert [unit[0].runs for unit in across.texts] == [(Run("1", True),), (Run("2", True),)]
    stacked = layout(_steps(LONGER, LONGER), HERE, AREA, 14)
    assert [unit[0].runs[0] for unit in stacked.texts] == [Run("1  ", True), Run("2  ", True)]
    assert [unit[0].text for unit in stacked.texts] == [f"1  {LONGER}", f"2  {LONGER}"]
    assert all(unit[0].source == HERE for unit in stacked.texts)


def _at_lines(lines: int, width: float) -> tuple[str, str]:
    """The longest text of words "ord" and a last word of i's that needs ``lines`` lines at 14 pt in
    ``width`` points, and the same with one "i" more (which needs one line more): a text at the edge."""
    for words in range(60, 0, -1):
        base = " ".join(["ord"] * words) + " "
        if fit.line_count(DeckPara.of(base + "i").measure(), width, 14) > lines:
            continue
        k = 1
        while fit.line_count(DeckPara.of(base + "i" * (k + 1)).measure(), width, 14) <= lines:
            k += 1
        return base + "i" * k, base + "i" * (k + 1)
    raise AssertionError("no text found")


# Four steps side by side in AREA: boxes (12 in - 3 x 0.45 in) / 4 wide; the text inside keeps
# 0.1 in from each side: (box - 0.2 in) wide, in points.
BOX_W = int((WIDTH - 3 * Inches(0.45)) / 4)
INNER_W = Emu(BOX_W - 2 * Inches(0.1)).pt


def test_steps_of_three_lines_inside_their_boxes_stand_side_by_side_and_of_four_are_stacked():
    three, four = _at_lines(3, INNER_W)
    assert fit.line_count(DeckPara.of(three).measure(), INNER_W - 7.2, 14) == 4, "0.1 in narrower: 4 lines"
    assert fit.line_count(DeckPara.of(four).measure(), INNER_W + 14.4, 14) == 3, "0.2 in wider: 3 lines"
    assert layout(_steps(*[three] * 4), HERE, AREA, 14).across
    assert not layout(_steps(*[four] * 4), HERE, AREA, 14).across


def test_a_step_of_one_line_stands_side_by_side_only_if_its_box_holds_it_in_height():
    """At 14 pt the number and a one-line step take 14 x 1.2 + 8 + 14 x 1.2 = 41.6 pt; a box keeps
    0.05 in (3.6 pt) from top and bottom, and 1 % + 1 pt of the rest for safety: an area 0.7 in
    (50.4 pt) tall leaves (50.4 - 7.2) x 0.99 - 1 = 41.77 pt, enough; 0.69 in (49.68 pt) leaves
    41.06 pt, not enough."""
    steps = _steps("Hvile", "Is")
    assert layout(steps, HERE, (LEFT, TOP, WIDTH, int(Inches(0.7))), 14).across
    assert not layout(steps, HERE, (LEFT, TOP, WIDTH, int(Inches(0.69))), 14).across


def test_a_mirrored_layout_reflects_every_box_and_arrow_across_the_middle_of_the_area():
    planned = layout(_steps("Hvile", "Innlegg", "Operasjon"), HERE, AREA, 14)
    mirrored = planned.mirrored(LEFT, WIDTH)
    right = LEFT + WIDTH
    assert mirrored.across is True and mirrored.texts == planned.texts
    # a box that started d from the area's left edge now ends d from its right edge
    assert mirrored.boxes == [(right - (x - LEFT) - w, y, w, h) for x, y, w, h in planned.boxes]
    assert mirrored.arrows == [(right - (x - LEFT) - w, y, w, h) for x, y, w, h in planned.arrows]
    assert mirrored.boxes[0][0] + mirrored.boxes[0][2] == right  # the first step now stands at the right
