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
