"""Every use of reportlab beyond its documented API, in one place, each pinned by a test
(``tests/test_compat.py``), so a reportlab upgrade that changes one fails there first, by name.

The renderers import what they need from here instead of reaching into reportlab themselves;
``tests/test_architecture.py`` fails on a reportlab private used anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import lru_cache
from typing import Any

from reportlab import rl_config
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.doctemplate import LayoutError

from generator.render.errors import LayoutProblem


@contextmanager
def too_large_is_a_problem() -> Iterator[None]:
    """reportlab's own LayoutError (one flowable taller than any frame) as a LayoutProblem staff can act on."""
    try:
        yield
    except LayoutError as exc:
        raise LayoutProblem(
            "a block is too large for a page", None, "shorten very long words, lists or table cells"
        ) from exc


@contextmanager
def binary_streams() -> Iterator[None]:
    """Binary (not ASCII85) streams while a PDF is drawn and saved: a fifth smaller, and nothing
    reads PDFs as 7-bit text any more. reportlab only has the process-wide ``rl_config`` switch,
    so it is set for the drawing and put back after."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def wrap_once(flowable: Flowable, width: float, height: float) -> tuple[float, float]:
    """``flowable.wrap(width, height)``, skipped for a Paragraph already wrapped at this width.

    A Paragraph breaks its lines for the width alone (reportlab's ``Paragraph.wrap`` ignores the
    height and keeps ``width``, ``height`` and ``blPara`` from its last call), so wrapping it again at
    the same width repeats the same work. Balancing the brochure's columns pours the same story two
    dozen times into columns of one width: this makes the brochure twice as fast, byte for byte the same.
    """
    state = vars(flowable)
    if (
        isinstance(flowable, Paragraph)
        and type(flowable).wrap is Paragraph.wrap
        and state.get("width") == width
        and "blPara" in state
        and "height" in state
    ):  # a tagged Paragraph (retyped) too
        return flowable.width, flowable.height
    return flowable.wrap(width, height)


def row_heights(table: Table) -> list[float]:
    """The heights of a wrapped table's rows (header first)."""
    return list(table._rowHeights)  # type: ignore[attr-defined]


def cell_values(table: Table) -> list[list[Any]]:
    """A table's cells as given to it: strings, flowables or lists of flowables."""
    return table._cellvalues  # type: ignore[attr-defined]


def contents(flowable: Flowable) -> list[Flowable]:
    """The flowables inside a container (KeepTogether keeps them in ``_content``)."""
    return list(getattr(flowable, "flowables", None) or getattr(flowable, "_content", None) or [])


def is_container(flowable: Flowable) -> bool:
    return hasattr(flowable, "flowables") or hasattr(flowable, "_content")


def start_page(canvas) -> None:
    """Begin a fresh page state without emitting the page (a canvas that draws footers at save)."""
    canvas._startPage()


def page_number(canvas) -> int:
    return canvas._pageNumber


def qr_modules(url: str, level: str = "M") -> list[list[bool]]:
    """The QR code's modules (True = dark), from reportlab's encoder, drawn by us as plain squares."""
    return [list(row) for row in _qr_modules(url, level)]


@lru_cache(maxsize=64)
def _qr_modules(url: str, level: str) -> tuple[tuple[bool, ...], ...]:
    # Choosing the mask pattern costs ~20 ms a code, and a layout tries the back page several times.
    widget = QrCodeWidget(url, barLevel=level)
    widget.qr.make()  # type: ignore[attr-defined]  # made in __init__; the stubs leave it out
    return tuple(tuple(bool(m) for m in row) for row in widget.qr.modules)  # type: ignore[attr-defined]


def retype(obj: object, cls: type) -> None:
    """Give an existing reportlab object a subclass (a tagged drawOn), keeping every attribute
    reportlab already set on it: platypus builds its flowables itself, so they cannot be created
    as the subclass."""
    obj.__class__ = cls


class SpacedTextObject(PDFTextObject):
    """reportlab ends each line without a space, so extracted words run together across line
    ends; give the space back, except after a hyphen (a word broken in two stays one word)."""

    def _textOut(self, text, TStar=0):  # noqa: N802, N803 - reportlab's names
        if TStar and text and not text.endswith(("-", "\u00ad", " ")):
            text += " "
        return super()._textOut(text, TStar)  # type: ignore[misc]  # internal, not in the stubs


def table_with_rules_inside(base: type, around: Callable[[Any], AbstractContextManager]) -> type:
    """A Table subclass whose backgrounds and rules are drawn inside ``around(canvas)`` (the
    tagging marks them as artifacts; the cells carry their own tags)."""

    class RulesInside(base):
        def _drawBkgrnd(self):  # noqa: N802 - reportlab's name
            with around(self.canv):
                return super()._drawBkgrnd()

        def _drawLines(self):  # noqa: N802 - reportlab's name
            with around(self.canv):
                return super()._drawLines()

    RulesInside.__name__ = base.__name__
    return RulesInside


# -- shaped text (HarfBuzz through reportlab's TrueType fonts) -------------------------------------------

# (font face name, private-use code point) -> the characters that glyph stands for
_PRIVATE_TEXT: dict[tuple[str, int], str] = {}


def shaped(text: str, font_name: str, size: float, rtl: bool) -> tuple[str, float]:
    """``text`` shaped by HarfBuzz in one direction with the registered font ``font_name``: joined
    Arabic letters, marks in place, brackets mirrored when ``rtl``; returned as reportlab's ShapedStr
    (glyphs in visual order, each with its HarfBuzz position) and its width in points.
    ``canvas.drawString`` draws it as it is.

    A glyph that is not one of the characters it draws (a letter's joining form, coded in the font as an
    Arabic presentation form, or a glyph with no character at all, which reportlab gives a private-use
    code point) has its characters noted, so the font's ToUnicode map gives them back
    (:func:`_install_to_unicode`): copy, search and screen readers read the letters themselves."""
    import uharfbuzz  # noqa: PLC0415 - only for a right-to-left document
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr  # noqa: PLC0415

    _install_to_unicode()
    _number_unmapped_glyphs(font_name)
    font = pdfmetrics.getFont(font_name)
    hb_font = font.hbFont(size)  # type: ignore[attr-defined]  # reportlab's TTFont, with uharfbuzz
    buffer = uharfbuzz.Buffer()
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    # Right to left, only the ligatures the script requires (lam-alef, by rlig): a stylistic one (yeh-noon)
    # would be one glyph for letters that copy and search must get back one by one.
    uharfbuzz.shape(hb_font, buffer, {"kern": True, "liga": not rtl})
    face = font.face  # type: ignore[attr-defined]
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    starts = sorted({info.cluster for info in infos}) + [len(text)]
    chars, data, width = [], [], 0.0
    name = face.name.decode("latin-1") if isinstance(face.name, bytes) else face.name
    for info, pos in zip(infos, positions):
        gid = info.codepoint
        own = face.glyphToChar.get(gid)
        char = own[0] if own else font.hbAddPrivate(hb_font.glyph_to_string(gid), gid, pos.x_advance)  # type: ignore[attr-defined]
        cluster = text[info.cluster : starts[starts.index(info.cluster) + 1]]
        if chr(char) not in cluster:  # a joining form, a ligature, a glyph of its own: note its letters
            others = {
                chr(face.glyphToChar[i.codepoint][0])
                for i in infos
                if i.cluster == info.cluster and i.codepoint != gid and face.glyphToChar.get(i.codepoint)
            }
            letters = "".join(c for c in cluster if c not in others) or cluster
            # Drawn right to left, a glyph of several letters (lam-alef) is read back reversed with its line by
            # poppler and PDFium alike: its letters are written in drawing order, so both read them logically.
            _PRIVATE_TEXT.setdefault((name, char), letters[::-1] if rtl else letters)
        scale = face._pdfScale
        advance = scale(pos.x_advance)
        data.append(
            ShapeData(
                info.cluster,
                advance,
                scale(pos.y_advance),
                scale(pos.x_offset),
                scale(pos.y_offset),
                face.charWidths[char],
            )
        )
        chars.append(chr(char))
        width += advance * size / 1000
    return ShapedStr("".join(chars), shapeData=data), width  # type: ignore[arg-type]  # a list, as reportlab makes it


def _number_unmapped_glyphs(font_name: str) -> None:
    """Give every glyph of the font that no character maps to (joining forms, ligatures) a private-use code
    point, in glyph order, once per font, as reportlab would on first use. reportlab numbers them in the
    order a process first shapes them, so the bytes of a PDF depended on which texts its process had shaped
    before; numbered here, they depend on the font alone."""
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415

    face = pdfmetrics.getFont(font_name).face  # type: ignore[attr-defined]  # a TTFont's face
    if getattr(face, "leafdeck_numbered", False):  # once per face (a font registered again has a new one)
        return
    face.leafdeck_numbered = True
    code = 0xE000
    for gid in range(face.numGlyphs):
        if face.glyphToChar.get(gid):
            continue
        while code in face.charToGlyph:
            code += 1
        if code > 0xF8FF:  # the private use area is full: reportlab numbers the rest as it meets them
            return
        face.charToGlyph[code] = gid
        face.glyphToChar[gid] = [code]
        face.charWidths[code] = face.hmetrics[gid][0]  # font units, as reportlab's own private codes
        code += 1


@lru_cache(maxsize=1)
def _install_to_unicode() -> None:
    """reportlab writes each subset's ToUnicode map with ``ttfonts.makeToUnicodeCMap``, mapping a code
    to itself; a code noted by :func:`shaped` is mapped to its letters instead (one or more
    characters, as a ToUnicode ``bfchar`` allows). Every other entry is written exactly as before."""
    from reportlab.pdfbase import ttfonts  # noqa: PLC0415

    original = ttfonts.makeToUnicodeCMap

    def make(fontname: str, subset) -> str:
        face = fontname.split("+", 1)[-1]
        cmap = original(fontname, subset)
        for index, code in enumerate(subset):
            letters = _PRIVATE_TEXT.get((face, code))
            if letters:
                cmap = cmap.replace(
                    f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{letters.encode('utf-16-be').hex().upper()}>", 1
                )
        return cmap

    ttfonts.makeToUnicodeCMap = make
