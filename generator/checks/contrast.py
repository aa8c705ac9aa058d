"""Colour contrast of the clinic's palette, as WCAG 2.1 measures it, in colour and in greyscale.

Every text/background pair the PDFs paint is listed in :data:`TEXT_PAIRS`, so a clinic that
changes its colours learns before printing that white on its new primary is unreadable, or that
two colours merge into one grey on a black-and-white office printer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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
    key: str              # the palette key to change
    message: str
    hint: str


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(foreground: str, background: str) -> float:
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def greyscale(hex_colour: str) -> str:
    """The grey an office printer makes of a colour (ITU-R BT.601 luma, as most drivers use)."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    grey = round(0.299 * r + 0.587 * g + 0.114 * b)
    return f"#{grey:02X}{grey:02X}{grey:02X}"


def check_palette(palette: Mapping[str, str]) -> list[ContrastProblem]:
    """Every pair below its minimum, in colour or after conversion to grey."""
    problems = []
    for fg, bg, where, large in TEXT_PAIRS:
        foreground, background = palette.get(fg, fg), palette.get(bg, bg)
        needed = LARGE_TEXT if large else NORMAL_TEXT
        key = fg if fg in palette else bg
        for mode, (a, b) in (("", (foreground, background)), (" printed in greyscale", (greyscale(foreground), greyscale(background)))):
            value = ratio(a, b)
            if value < needed:
                mine, other = (foreground, background) if key == fg else (background, foreground)
                direction = "darker" if luminance(mine) < luminance(other) else "lighter"
                problems.append(ContrastProblem(
                    key, f"contrast of {where} is {value:.1f}:1{mode}; at least {needed:g}:1 is needed",
                    f"choose a {direction} colour for '{key}'"))
                break
    return problems
