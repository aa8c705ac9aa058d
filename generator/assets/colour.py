"""Colour maths as WCAG 2.1 defines it, and the grey an office printer makes of a colour.

A leaf module: the contrast check judges the clinic palette with it, and the deck renderer picks
readable header text for a template's accent colour.
"""

from __future__ import annotations


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(foreground: str, background: str) -> float:
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def greyscale(hex_colour: str) -> str:
    """The grey an office printer makes of a colour (ITU-R BT.601 luma, as most drivers use)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    grey = round(0.299 * r + 0.587 * g + 0.114 * b)
    return f"#{grey:02X}{grey:02X}{grey:02X}"
