"""Paragraphs in a right-to-left language (Arabic, Urdu, Persian...): shaped, bidi-correct, right-aligned.

reportlab breaks and draws lines left to right, and its own right-to-left support needs a package that is
not on PyPI. A right-to-left paragraph is therefore a reportlab ``Paragraph`` (its markup parsed by
reportlab as for every other paragraph, so bold, links and line breaks mean the same, and the tagging,
the fit checks and the balancing of columns see an ordinary paragraph) with its own lines:

- **breaking**: words (split at spaces) measured as HarfBuzz shapes them, filled greedily from the right;
- **drawing**: each line's characters get their bidi levels (numbers, Latin words and addresses inside an
  Arabic sentence run left to right), runs of one level and one style are put in visual order, shaped in
  their direction (brackets mirrored) and drawn from the line's right edge;
- **text layer**: every glyph maps back to its letters in the font's ToUnicode map (``compat.shaped``), so
  copying, searching and screen readers get the words, which they put in reading order as for any
  right-to-left PDF.

The style is read as written for left-to-right text, mirrored: ``leftIndent`` is the indent at the start
(right) side, ``rightIndent`` at the end (left) side, a bullet hangs on the right, and ``TA_LEFT``
aligns to the start (right).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from generator.render.pdf import bidi, compat


@dataclass
class _Piece:
    """Characters of one frag (one font, size, colour and link) within a word."""

    frag: Any  # a reportlab frag (fontName, fontSize, textColor, link) or a _Plain
    text: str


@dataclass
class _Word:
    pieces: list[_Piece] = field(default_factory=list)
    width: float = 0.0
    breaks_after: bool = False  # a <br/> follows: the line ends here

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


def paragraph_for(text: str, style, bulletText: str | None = None) -> Paragraph:  # noqa: N803 - reportlab's name
    """The paragraph for ``style``'s direction: right to left when the style's ``wordWrap`` is "RTL"
    (set by :class:`Styles` for a right-to-left document), reportlab's own otherwise."""
    if getattr(style, "wordWrap", None) == "RTL":
        return RightToLeftParagraph(text, style, bulletText)
    return Paragraph(text, style, bulletText=bulletText)


class RightToLeftParagraph(Paragraph):
    """A paragraph drawn right to left (see the module's description)."""

    def __init__(self, text: str, style, bulletText: str | None = None):  # noqa: N803 - reportlab's name
        super().__init__(text, style, bulletText=bulletText)
        self.rtl_words = _words(self.frags)
        self.rtl_lines: list[list[_Word]] = []

    @classmethod
    def _of(cls, words: list[_Word], like: RightToLeftParagraph, bullet: str | None) -> RightToLeftParagraph:
        part = cls.__new__(cls)
        part.__dict__.update({k: v for k, v in like.__dict__.items() if k not in ("rtl_lines", "blPara")})
        part.rtl_words, part.rtl_lines, part.bulletText = words, [], bullet
        return part

    # -- layout ------------------------------------------------------------------------------------

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        room = availWidth - self.style.leftIndent - self.style.rightIndent
        lines: list[list[_Word]] = [[]]
        used = 0.0
        for word in self.rtl_words:
            space = _space(word) if lines[-1] else 0.0
            if lines[-1] and used + space + word.width > room:
                lines.append([])
                used, space = 0.0, 0.0
            lines[-1].append(word)
            used += space + word.width
            if word.breaks_after:
                lines.append([])
                used = 0.0
        self.rtl_lines = [line for line in lines if line] or []
        self.height = len(self.rtl_lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list:  # noqa: N803
        if not self.rtl_lines or getattr(self, "width", None) != availWidth:
            self.wrap(availWidth, availHeight)
        fits = int((availHeight + 1e-6) // self.style.leading)
        if fits >= len(self.rtl_lines):
            return [self]
        if fits < 1:
            return []
        first = [w for line in self.rtl_lines[:fits] for w in line]
        rest = [w for line in self.rtl_lines[fits:] for w in line]
        head = self._of(first, self, self.bulletText)
        tail = self._of(rest, self, None)
        head.wrap(availWidth, availHeight)
        return [head, tail]

    def minWidth(self) -> float:  # noqa: N802 - reportlab's name
        return max((w.width for w in self.rtl_words), default=0.0)

    def getPlainText(self, identify=None) -> str:  # noqa: N802 - reportlab's name
        return " ".join(w.text for w in self.rtl_words)

    # -- drawing -----------------------------------------------------------------------------------

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        y = self.height - style.fontSize
        right = self.width - style.leftIndent
        left = style.rightIndent
        # Levels are resolved over the whole paragraph (UAX #9: a hyphen or comma at a line end takes the
        # direction of the words around it in the paragraph, not the line's), then each line is reordered.
        lines = [" ".join(w.text for w in line) for line in self.rtl_lines]
        paragraph = bidi.levels(" ".join(lines), True)
        start = 0
        for number, line in enumerate(self.rtl_lines):
            runs = _visual_runs(line, paragraph[start : start + len(lines[number])])
            start += len(lines[number]) + 1
            width = sum(w for _, _, w in runs)
            if style.alignment == TA_CENTER:
                x = left + (right - left - width) / 2
            elif style.alignment == TA_RIGHT:  # the end side of a right-to-left line
                x = left
            else:
                x = right - width
            if number == 0 and self.bulletText:
                self._draw_bullet(right, y)
            for frag, shaped, run_width in runs:
                canvas.setFont(frag.fontName, frag.fontSize)
                canvas.setFillColor(frag.textColor)
                canvas.drawString(x, y, shaped)
                for kind, target in getattr(frag, "link", None) or ():
                    if kind == 0 and target:
                        box = (x, y - 0.2 * frag.fontSize, x + run_width, y + frag.fontSize)
                        canvas.linkURL(target, box, relative=1)
                x += run_width
            y -= style.leading

    def _draw_bullet(self, right: float, y: float) -> None:
        style = self.style
        font = getattr(style, "bulletFontName", style.fontName)
        size = getattr(style, "bulletFontSize", style.fontSize)
        text = self.bulletText if isinstance(self.bulletText, str) else "•"
        width = stringWidth(text, font, size)
        x = self.width - style.bulletIndent - width
        self.canv.setFont(font, size)
        self.canv.setFillColor(style.textColor)
        self.canv.drawString(x, y, text)


def _words(frags) -> list[_Word]:
    """The paragraph's words in logical order, each measured as shaped; a <br/> ends the word before it."""
    words: list[_Word] = [_Word()]
    for frag in frags:
        if getattr(frag, "lineBreak", False):
            words[-1].breaks_after = True
            words.append(_Word())
            continue
        for i, chunk in enumerate(frag.text.split(" ")):
            if i:
                words.append(_Word())
            if chunk:
                words[-1].pieces.append(_Piece(frag, chunk))
    found = [w for w in words if w.pieces or w.breaks_after]
    for word in found:
        word.width = sum(_measure(p) for p in word.pieces)
    # A <br/> on an empty word moves to the word before it.
    out: list[_Word] = []
    for word in found:
        if not word.pieces:
            if out:
                out[-1].breaks_after = True
            continue
        out.append(word)
    return out


def _measure(piece: _Piece) -> float:
    rtl = any(level % 2 for level in bidi.levels(piece.text, True))
    return compat.shaped(piece.text, piece.frag.fontName, piece.frag.fontSize, rtl)[1]


def _space(word: _Word) -> float:
    frag = word.pieces[0].frag
    return stringWidth(" ", frag.fontName, frag.fontSize)


def _visual_runs(line: list[_Word], levels: list[int] | None = None) -> list[tuple[Any, str, float]]:
    """(frag, shaped text, width) of each run of the line, left to right as drawn; ``levels``: its
    characters' bidi levels as resolved in its paragraph (else resolved for the line alone)."""
    pieces: list[_Piece] = []
    for i, word in enumerate(line):
        if i:
            pieces.append(_Piece(word.pieces[0].frag, " "))
        pieces += word.pieces
    text = "".join(p.text for p in pieces)
    if levels is None:
        levels = bidi.levels(text, True)
    runs: list[tuple[Any, str, int]] = []  # (frag, text, level) in logical order
    at = 0
    for piece in pieces:
        for char in piece.text:
            level = levels[at]
            if runs and runs[-1][0] is piece.frag and runs[-1][2] == level:
                runs[-1] = (piece.frag, runs[-1][1] + char, level)
            else:
                runs.append((piece.frag, char, level))
            at += 1
    drawn = []
    for index in bidi.visual_order([level for _, _, level in runs]):
        frag, chunk, level = runs[index]
        shaped, width = compat.shaped(chunk, frag.fontName, frag.fontSize, rtl=bool(level % 2))
        drawn.append((frag, shaped, width))
    return drawn


@dataclass(frozen=True)
class _Plain:
    """A frag-like style for a single string drawn on the canvas (footers, marks)."""

    fontName: str  # noqa: N815 - reportlab's frag attribute names
    fontSize: float  # noqa: N815


def draw_string(canvas, x: float, y: float, text: str, font: str, size: float, align: str, rtl: bool) -> None:
    """``text`` on one line at ``x`` (its left edge, right edge or middle: ``align`` "left", "right" or
    "centre"), in the canvas's current colour: shaped and in bidi order when ``rtl``, else as reportlab draws it."""
    canvas.setFont(font, size)
    if not rtl:
        {"left": canvas.drawString, "right": canvas.drawRightString, "centre": canvas.drawCentredString}[align](
            x, y, text
        )
        return
    style = _Plain(font, size)
    words = [_Word([_Piece(style, part)]) for part in text.split(" ") if part]
    runs = _visual_runs(words)
    width = sum(w for _, _, w in runs)
    x -= {"left": 0, "right": width, "centre": width / 2}[align]
    for _, shaped, run_width in runs:
        canvas.drawString(x, y, shaped)
        x += run_width
