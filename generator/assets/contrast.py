"""Colour contrast of the clinic's palette, as WCAG 2.1 measures it, in colour and in greyscale.

Every text/background pair the PDFs paint is listed in :data:`TEXT_PAIRS`, so a clinic that
changes its colours learns before printing that white on its new primary is unreadable, or that
two colours merge into one grey on a black-and-white office printer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.assets.colour import greyscale, luminance, ratio

NORMAL_TEXT, LARGE_TEXT = 4.5, 3.0

# (foreground, background, what is painted there, large text only?)
TEXT_PAIRS = (
    ("text", "#FFFFFF", "body text on paper", False),
    ("primary", "#FFFFFF", "headings on paper", True),
    ("#FFFFFF", "primary", "title band and table header", False),
    ("text", "callout_background", "the 'when to see a doctor' box", False),
)


@dataclass(frozen=True)
class ContrastProblem:
    key: str  # the palette key to change
    message: str
    hint: str


def check_palette(palette: Mapping[str, str]) -> list[ContrastProblem]:
    """Every pair below its minimum, in colour or after conversion to grey."""
    problems = []
    for fg, bg, where, large in TEXT_PAIRS:
        foreground, background = palette.get(fg, fg), palette.get(bg, bg)
        needed = LARGE_TEXT if large else NORMAL_TEXT
        key = fg if fg in palette else bg
        for mode, (a, b) in (
            ("", (foreground, background)),
            (" printed in greyscale", (greyscale(foreground), greyscale(background))),
        ):
            value = ratio(a, b)
            if value < needed:
                mine, other = (foreground, background) if key == fg else (background, foreground)
                direction = "darker" if luminance(mine) < luminance(other) else "lighter"
                problems.append(
                    ContrastProblem(
                        key,
                        f"contrast of {where} is {value:.1f}:1{mode}; at least {needed:g}:1 is needed",
                        f"choose a {direction} colour for '{key}'",
                    )
                )
                break
    return problems
