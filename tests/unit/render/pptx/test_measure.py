"""The text model that sizes slide text (generator/render/pptx/measure.py), without a slide: Arimo's
advance widths at a pinned line height, greedy wrapping at spaces, a word never broken."""

from __future__ import annotations

from generator.render.pptx import measure as fit
from generator.render.pptx.measure import Para, Run


def _para(text: str, bold: bool = False, indent: float = 0.0) -> Para:
    return Para((Run(text, bold),), indent)


def test_more_words_need_more_lines_and_a_narrower_box_too():
    short, long = _para("Hvile og is"), _para(" ".join(["Hvile og is i to uker"] * 6))
    assert fit.line_count(short, 400, 20) == 1
    assert fit.line_count(long, 400, 20) > 1
    assert fit.line_count(long, 200, 20) > fit.line_count(long, 400, 20)
    assert fit.line_count(long, 400, 14) < fit.line_count(long, 400, 20)


def test_a_word_wider_than_the_line_never_fits_rather_than_breaking():
    word = _para("Karpaltunnelsyndromforløpet")
    assert fit.line_count(word, 1000, 20) == 1
    assert fit.line_count(word, 100, 20) == fit.NEVER
    assert not fit.fits([word], 100, 10**6, 20)


def test_bold_text_is_wider_and_a_word_across_runs_is_measured_whole():
    assert fit.widest_word([_para("Hælspore", bold=True)], 20) > fit.widest_word([_para("Hælspore")], 20)
    split = Para((Run("Hæl", True), Run("spore")))
    assert fit.widest_word([split], 20) > fit.widest_word([_para("spore")], 20)
    assert fit.line_count(split, fit.widest_word([split], 20), 20) == 1


def test_height_is_lines_times_the_pinned_line_height_plus_the_space_between():
    one = Para((Run("Hvile"),), space_after=8)
    assert fit.height([one], 400, 20) == 20 * fit.LINE_FACTOR  # the last space is not counted
    assert fit.height([one, one], 400, 20) == 2 * 20 * fit.LINE_FACTOR + 8


def test_the_budget_keeps_one_percent_and_one_point_spare():
    assert fit.budget(100) == 100 * 0.99 - 1
    text = [_para("Hvile")]
    line = 20 * fit.LINE_FACTOR
    assert fit.fits(text, 400, (line + 1) / 0.99 + 0.01, 20)
    assert not fit.fits(text, 400, (line + 1) / 0.99 - 0.01, 20)


def test_an_indent_narrows_the_line():
    text = " ".join(["ord"] * 30)
    assert fit.line_count(_para(text, indent=150), 300, 20) > fit.line_count(_para(text), 300, 20)
