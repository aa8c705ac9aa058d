"""Colour contrast of the clinic palette, in colour and printed in black and white."""

from __future__ import annotations

import pytest

from generator.assets.contrast import check_palette, greyscale, ratio
from support.content import edit, line_of

SHIPPED = {"primary": "#1F4E79", "accent": "#B3541E", "text": "#1A1A1A", "callout_background": "#FFF4D6"}


def test_wcag_ratio_matches_known_values():
    assert ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # the classic "just fails" grey
    assert greyscale("#FF0000") == "#4C4C4C"


def test_shipped_palette_passes():
    assert check_palette(SHIPPED) == []


def test_pale_primary_fails_under_white_title_text():
    problems = check_palette({**SHIPPED, "primary": "#7FB2E5"})
    assert [p.key for p in problems] == ["primary", "primary"]
    assert "title band" in problems[1].message and "darker colour for 'primary'" in problems[1].hint


def test_colours_that_pass_in_colour_but_not_in_greyscale_fail():
    # Blue-violet text on pale green passes WCAG (4.51:1) but prints as two close greys (4.3:1).
    palette = {**SHIPPED, "text": "#6666CC", "callout_background": "#E0FFE0"}
    assert ratio(palette["text"], palette["callout_background"]) >= 4.5
    problems = check_palette(palette)
    assert [p.message for p in problems] == [
        "contrast of the 'when to see a doctor' box is 4.3:1 printed in greyscale; at least 4.5:1 is needed"
    ]


def test_clinic_with_low_contrast_is_an_error_at_its_line(project, run):
    clinic = project / "content/clinics/default.yaml"
    edit(clinic, 'primary: "#1F4E79"', 'primary: "#9DC3E6"')
    result = run(project, "check")
    assert result.code == 1
    assert f"content/clinics/default.yaml:{line_of(clinic, 'primary:')}:" in result.err
    assert "choose a darker colour for 'primary'" in result.err


def _grey_just(side: str, threshold: float, against: str = "#FFFFFF") -> str:
    """The grey whose contrast with ``against`` lies just below or just above ``threshold`` (found by
    walking the 256 greys with the WCAG formula, not with the code under test's check)."""
    greys = [f"#{v:02X}{v:02X}{v:02X}" for v in range(256)]
    passing = [g for g in greys if ratio(g, against) >= threshold]
    failing = [g for g in greys if ratio(g, against) < threshold]
    # The lightest grey still passing on white, and the darkest one just failing.
    return (
        max(passing, key=lambda g: int(g[1:3], 16)) if side == "above" else min(failing, key=lambda g: int(g[1:3], 16))
    )


@pytest.mark.parametrize("side, ok", [("above", True), ("below", False)])
def test_body_text_at_the_45_to_1_threshold(side, ok):
    text = _grey_just(side, 4.5)
    assert (ratio(text, "#FFFFFF") >= 4.5) == ok
    problems = check_palette({**SHIPPED, "text": text, "callout_background": "#FFFFFF"})
    assert (not [p for p in problems if p.key == "text"]) == ok, problems


@pytest.mark.parametrize("side, ok", [("above", True), ("below", False)])
def test_headings_at_the_3_to_1_threshold_and_white_on_the_band_at_45(side, ok):
    """A primary colour between 3:1 and 4.5:1 on white is fine for headings (large text) but not for
    white title text on it; just below 3:1 fails both."""
    primary = _grey_just(side, 3.0)
    keys = [p.message for p in check_palette({**SHIPPED, "primary": primary})]
    assert any("headings on paper" in m for m in keys) != ok
    assert any("title band" in m for m in keys)  # white on it is below 4.5:1 either way
