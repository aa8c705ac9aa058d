"""Measure text the way a slide will render it, so nothing runs off a box.

python-pptx's ``fit_text`` cannot be used (it needs a font file on Linux, fails on long words and
assumes the wrong line height), so this module wraps words itself with the real advance widths of
Arimo, which is metric-compatible with Arial (the deck's font) and with Liberation Sans (what
LibreOffice draws for Arial). Line height is pinned on every paragraph the deck writes (1.2 x
size), so the measured height is the rendered height; a budget of 1 % + 1 pt is kept back for
rounding in other renderers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import fontpkg_arimo
from PIL import ImageFont

from generator.assets.fonts import chain, own_family

LINE_FACTOR = 1.2
NEVER = 10**6  # lines "needed" by text that cannot be set in a box
SAFETY_FRACTION, SAFETY_POINTS = 0.01, 1.0
HORIZONTAL_SAFETY = 0.005
_UNITS = 1000  # fonts are loaded at 1000 px: widths in thousandths of the size

# Fonts whose advance widths equal Arial's: the metrics below are right for all of them.
ARIAL_COMPATIBLE = {"arial", "arimo", "liberation sans", "helvetica"}


class Run(NamedTuple):
    """A run of slide text in one weight."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Para:
    """One paragraph to measure: its runs, and the indent its lines start at (bullets)."""

    runs: tuple[Run, ...]
    indent: float = 0.0  # points
    space_after: float = 0.0  # points


@lru_cache(maxsize=2)
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    path = Path(fontpkg_arimo.ROOT) / "files" / "Arimo[wght].ttf"
    font = ImageFont.truetype(str(path), _UNITS, layout_engine=ImageFont.Layout.RAQM)
    font.set_variation_by_name("Bold" if bold else "Regular")
    return font


@lru_cache(maxsize=20000)
def _width(text: str, bold: bool) -> float:
    """Advance width of ``text`` at size 1: letters of a script with a family of its own (Arabic, Ethiopic)
    measured, shaped, in that family, as the deck names it for them; everything else in Arimo."""
    return sum(
        (_font(bold) if script is None else _script_font(script, bold)).getlength(part) / _UNITS
        for script, part in _by_family(text)
    )


def _by_family(text: str) -> list[tuple[str | None, str]]:
    """``text`` cut where the family that draws it changes: (script with its own family, or None, text)."""
    parts: list[tuple[str | None, str]] = []
    for char in text:
        script = _own_script(char)
        if parts and (parts[-1][0] == script or (char == " " and parts[-1][0])):
            parts[-1] = (parts[-1][0], parts[-1][1] + char)  # a space goes with the run it is in
        else:
            parts.append((script, char))
    return parts


@lru_cache(maxsize=512)
def _own_script(char: str) -> str | None:
    if char < "\u0370":  # Latin, digits, punctuation: Arimo
        return None
    from fontTools import unicodedata as ucd  # noqa: PLC0415 - only for text beyond Latin

    script = ucd.script(char)
    return script if own_family(script) else None


@lru_cache(maxsize=8)
def _script_font(script: str, bold: bool) -> ImageFont.FreeTypeFont:
    face = chain(script)[0].face("bold" if bold else "regular")
    return ImageFont.truetype(str(face), _UNITS, layout_engine=ImageFont.Layout.RAQM)


def line_count(para: Para, width: float, size: float) -> int:
    """Lines the paragraph needs in a box ``width`` points wide at ``size`` points.

    Greedy word wrap as PowerPoint does it: spaces break lines. A word wider than the line would
    be broken between characters, which leaves a Norwegian compound unreadable: it counts as
    not fitting at all (a huge line count), so the caller picks a wider box or another layout.
    """
    # A line may use the width less 0.5 %: a line that fits by a hair in our metrics wraps in a
    # renderer that rounds the other way (LibreOffice did, by 0.2 pt).
    available = (width * (1 - HORIZONTAL_SAFETY) - para.indent) / size
    if available <= 0:
        return NEVER
    lines, used = 1, 0.0
    for word, bold, space_before in _words(para.runs):
        w = _width(word, bold)
        gap = _width(" ", bold) if space_before and used else 0.0
        if used and used + gap + w > available:
            lines, used, gap = lines + 1, 0.0, 0.0
        if w > available:
            return NEVER
        used += gap + w
    return lines


def widest_word(paras: list[Para], size: float) -> float:
    """Points needed by the widest single word (plus its paragraph's indent): a box's minimum width."""
    return max(
        (
            (p.indent + _width(word, bold) * size) / (1 - HORIZONTAL_SAFETY)
            for p in paras
            for word, bold, _ in _words(p.runs)
        ),
        default=0.0,
    )


def height(paras: list[Para], width: float, size: float) -> float:
    """Height in points of the paragraphs stacked in a box ``width`` points wide."""
    total = sum(line_count(p, width, size) * size * LINE_FACTOR + p.space_after for p in paras)
    return total - (paras[-1].space_after if paras else 0.0)


def budget(box_height: float) -> float:
    """The height text may use in a box, after the safety margin."""
    return box_height * (1 - SAFETY_FRACTION) - SAFETY_POINTS


def fits(paras: list[Para], width: float, box_height: float, size: float) -> bool:
    return height(paras, width, size) <= budget(box_height)


def _words(runs: tuple[Run, ...]):
    """(word, bold, preceded by a space) across runs. A word that spans runs ("**Hæl**spore") is
    one word: it is measured whole and never broken between its runs. Its width is the sum of its
    pieces, so the pieces are yielded as one entry with the wider (bold) measure when mixed."""
    word, bold_any, space_before, pending_space = "", False, False, False
    for text, bold in runs:
        for i, piece in enumerate(text.split(" ")):
            if i > 0:  # a space: the word so far is complete
                if word:
                    yield word, bold_any, space_before
                    word, bold_any = "", False
                pending_space = True
            if piece:
                if not word:
                    space_before, pending_space = pending_space, False
                word += piece
                bold_any = bold_any or bold
    if word:
        yield word, bold_any, space_before
