"""Each reportlab internal leafdeck relies on, pinned: a reportlab upgrade that changes one fails
here, by name, before it shows up as a wrong leaflet. (python-pptx's are read back through the
deck tests; the import-graph test keeps both inside their compat modules.)"""

from __future__ import annotations

import io
import re

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Table

from generator.render.errors import LayoutProblem
from generator.render.pdf import compat


def _pdf(draw) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=0)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_row_heights_and_cell_values_of_a_wrapped_table():
    style = getSampleStyleSheet()["BodyText"]
    table = Table([["head"], [Paragraph("one<br/>two<br/>three", style)]])
    table.wrap(200, 800)
    heights = compat.row_heights(table)
    assert len(heights) == 2 and heights[1] > heights[0] > 0
    cells = compat.cell_values(table)
    inner = cells[1][0]
    assert list(cells[0]) == ["head"] and isinstance(inner[0] if isinstance(inner, (list, tuple)) else inner, Paragraph)


def test_container_contents():
    style = getSampleStyleSheet()["BodyText"]
    inner = [Paragraph("a", style), Paragraph("b", style)]
    keep = KeepTogether(inner)
    assert compat.is_container(keep) and compat.contents(keep) == inner
    assert not compat.is_container(inner[0])


def test_page_number_and_a_fresh_page_state():
    canvas = Canvas(io.BytesIO(), pagesize=A4)
    assert compat.page_number(canvas) == 1
    canvas.showPage()
    assert compat.page_number(canvas) == 2
    compat.start_page(canvas)  # the next page's state, without emitting this one
    assert compat.page_number(canvas) == 3


def test_qr_modules_are_a_square_of_booleans():
    modules = compat.qr_modules("https://example.org/nb/heel-spur")
    assert len(modules) in (25, 29, 33) and all(len(row) == len(modules) for row in modules)
    assert {type(m) for row in modules for m in row} == {bool} and any(map(any, modules))
    assert modules[0][:7] == [True] * 7  # the finder pattern's top edge


def test_binary_streams_while_drawing_and_restored_after():
    def saved() -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A4)
        canvas.drawString(100, 100, "hello")
        canvas.save()
        return buffer.getvalue()

    before = compat.rl_config.useA85
    try:
        compat.rl_config.useA85 = 1  # reportlab's default
        with compat.binary_streams():
            inside = saved()
        assert compat.rl_config.useA85 == 1
        assert b"ASCII85Decode" not in inside and b"ASCII85Decode" in saved()
    finally:
        compat.rl_config.useA85 = before


def test_too_large_a_block_becomes_a_layout_problem():
    style = getSampleStyleSheet()["BodyText"]
    tall = Table([[Paragraph("word " * 4000, style)]])
    with pytest.raises(LayoutProblem, match="too large for a page"):
        with compat.too_large_is_a_problem():
            SimpleDocTemplate(io.BytesIO(), pagesize=A4).build([tall])


def test_spaced_text_gives_line_ends_their_space_except_after_a_hyphen():
    """Paragraphs write each line through the text object's ``_textOut``; ours adds the space."""

    class SpacedCanvas(Canvas):
        def beginText(self, x=0, y=0, direction=None):  # noqa: N802
            return compat.SpacedTextObject(self, x, y, direction=direction)

    buffer = io.BytesIO()
    canvas = SpacedCanvas(buffer, pagesize=A4, pageCompression=0)
    style = getSampleStyleSheet()["BodyText"]
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda".split()
    paragraph = Paragraph(" ".join(words), style)
    paragraph.wrapOn(canvas, 60, 300)  # a few words per line
    paragraph.drawOn(canvas, 50, 500)
    canvas.showPage()
    canvas.save()
    shown = re.findall(r"\((.*?)\) Tj", buffer.getvalue().decode("latin-1"))
    assert len(shown) > 3 and "".join(shown).split() == words, shown  # no "betagamma" across a line end


def test_table_rules_are_drawn_inside_the_wrapper():
    entered = []

    class Marker:
        def __init__(self, canvas):
            self.canvas = canvas

        def __enter__(self):
            entered.append(self.canvas)

        def __exit__(self, *exc):
            return False

    table = Table(
        [["a", "b"]], style=[("GRID", (0, 0), (-1, -1), 0.5, "black"), ("BACKGROUND", (0, 0), (-1, -1), "#EEEEEE")]
    )
    compat.retype(table, compat.table_with_rules_inside(type(table), Marker))
    assert type(table).__name__ == "Table"
    _pdf(lambda canvas: (table.wrapOn(canvas, 300, 300), table.drawOn(canvas, 50, 500)))
    assert len(entered) == 2  # backgrounds, then lines


def test_a_paragraph_breaks_its_lines_for_the_width_alone():
    """What wrap_once relies on: Paragraph.wrap ignores the height and keeps its result."""
    style = getSampleStyleSheet()["BodyText"]
    text = "a few words that will need several lines at this narrow width " * 4
    tall, short = Paragraph(text, style), Paragraph(text, style)
    assert tall.wrap(120, 2000) == short.wrap(120, 10)
    assert vars(tall)["width"] == 120 and vars(tall)["blPara"].lines and vars(tall)["height"] == tall.wrap(120, 5)[1]


def test_wrap_once_skips_only_a_repeat_at_the_same_width(monkeypatch):
    style = getSampleStyleSheet()["BodyText"]
    paragraph = Paragraph("several words " * 20, style)
    first = compat.wrap_once(paragraph, 150, 500)
    calls = []
    real = Paragraph.wrap
    monkeypatch.setattr(Paragraph, "wrap", lambda self, w, h: calls.append(w) or real(self, w, h))
    assert compat.wrap_once(paragraph, 150, 40) == first and calls == []
    wider = compat.wrap_once(paragraph, 300, 500)
    assert calls == [300] and wider[1] < first[1]
    table = Table([["x"]])
    compat.wrap_once(table, 100, 100)
    compat.wrap_once(table, 100, 100)  # not a Paragraph: always wrapped

    class Tagged(Paragraph):  # as compat.retype makes them: the same wrap, kept
        pass

    class Measured(Paragraph):  # its own wrap: always called
        def wrap(self, w, h):
            calls.append(("own", w))
            return real(self, w, h)

    tagged, measured = Tagged("words " * 30, style), Measured("words " * 30, style)
    calls.clear()
    for flowable in (tagged, measured):
        compat.wrap_once(flowable, 150, 500)
        compat.wrap_once(flowable, 150, 80)
    assert calls == [150, ("own", 150), ("own", 150)]  # the tagged one once, the measured one twice


def test_qr_modules_are_a_fresh_copy_each_time():
    first = compat.qr_modules("https://example.org/a")
    first[0][0] = not first[0][0]
    assert compat.qr_modules("https://example.org/a")[0][0] != first[0][0]
    assert compat.qr_modules("https://example.org/b") != compat.qr_modules("https://example.org/a")
