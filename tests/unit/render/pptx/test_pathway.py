"""The pathway's boxes and arrows on a slide (generator/render/pptx/pathway.py), as geometry: side
by side when every step reads in a few lines, stacked otherwise; always inside the area."""

from __future__ import annotations

from pptx.util import Inches

from generator.diagnostics import Location
from generator.document.model import Span
from generator.render.pptx.pathway import layout

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
