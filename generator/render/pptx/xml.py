"""The deck's XML layer: every python-pptx private and every raw DrawingML element lives here
(measured text, bullets, language, alt text, fields, theme colours and fonts), as python-pptx keeps
its own XML in ``pptx/oxml``. ``tests/test_architecture.py`` fails on a private used anywhere else.

Every paragraph written here pins its line spacing (1.2 x size), spacing and bullet, so what
:mod:`generator.render.pptx.measure` measures is what PowerPoint and LibreOffice draw, whatever defaults
the template's master carries. Autofit is switched off: a box never shrinks or grows its text
behind the speaker's back.
"""

from __future__ import annotations

import copy
import unicodedata
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from lxml import etree
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import ns as pptx_ns
from pptx.oxml import xmlchemy
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart
from pptx.util import Emu, Pt

from generator.diagnostics import Location
from generator.document.model import Inline
from generator.render.pptx.measure import LINE_FACTOR, Para, Run


@lru_cache(maxsize=512)  # python-pptx's expressions are a few dozen (charts' embed an index: bounded)
def _compiled(expression: str) -> etree.XPath:
    return etree.XPath(expression, namespaces=pptx_ns._nsmap)


def _xpath(self, xpath_str: str):
    return _compiled(xpath_str)(self)


# python-pptx evaluates every XPath from its string (``BaseOxmlElement.xpath``: "is this shape a placeholder?"
# thousands of times a deck), and lxml compiles the expression anew on each call: a quarter of a deck's
# drawing time. The same expressions with the same namespaces, compiled once; results are the same elements.
xmlchemy.BaseOxmlElement.xpath = _xpath  # type: ignore[method-assign]

BULLET_INDENT = 22.0  # points from the bullet to its text
SPACE_AFTER = 8.0  # points between paragraphs


class SchemeColour(str):
    """A colour of the template's theme by its scheme name (``dk1``, ``lt1``, ``accent1``): text and
    shapes painted with it follow whatever template the deck is built on."""


DARK, LIGHT, ACCENT = SchemeColour("dk1"), SchemeColour("lt1"), SchemeColour("accent1")


@dataclass(frozen=True)
class DeckPara:
    """A paragraph for a slide: its runs, optionally a bullet, and the content line it came from."""

    runs: tuple[Run, ...]
    bullet: bool = False
    source: Location | None = field(default=None, compare=False)  # content position, for errors

    @classmethod
    def of(cls, text: str, bold: bool = False, bullet: bool = False, source: Location | None = None) -> DeckPara:
        """A paragraph of one run."""
        return cls((Run(text, bold),), bullet, source)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    def measure(self) -> Para:
        return Para(self.runs, BULLET_INDENT if self.bullet else 0.0, SPACE_AFTER)


def runs_of(inline: Inline, bold: bool = False) -> tuple[Run, ...]:
    return tuple(Run(clean(span.text), bold or span.bold) for span in inline)


def clean(text: str) -> str:
    """Characters PowerPoint cannot hold (control characters, U+FFFE/U+FFFF) are dropped; a
    vertical tab would become a line break and NUL a visible ``_x0000_``."""
    return "".join(c for c in text if (c >= " " or c == "\t") and c not in "\ufffe\uffff")


@dataclass(frozen=True)
class Script:
    """How a language's text is written on a slide: right to left (``rtl``: paragraphs flagged and aligned
    right, which PowerPoint and LibreOffice both honour), and the family named for its letters (``font``:
    written as the East Asian and complex-script typeface of every run, so its letters are drawn in it
    while Latin letters and digits keep the deck's font)."""

    rtl: bool = False
    font: str | None = None


LEFT_TO_RIGHT = Script()


def write(
    frame, paras: list[DeckPara], size: float, colour, lang: str, font: str | None, script: Script = LEFT_TO_RIGHT
) -> None:
    """Replace the frame's text with ``paras`` at ``size`` points.

    The paragraph XML is built with lxml directly: python-pptx's property setters cost a few
    milliseconds per run, which made a 40-slide deck take a second.
    """
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    body = frame._txBody
    for old in body.findall(_P):
        body.remove(old)
    size_attr, line = str(int(round(size * 100))), str(int(round(size * LINE_FACTOR * 100)))
    for i, para in enumerate(paras):
        p = etree.SubElement(body, _P)
        p_pr = etree.SubElement(p, _PPR)
        if script.rtl:
            p_pr.set("algn", "r")
            # A paragraph with no right-to-left letter (a Latin reference) keeps its own direction: its stop at
            # its end (UAX #9 rules P2 and P3), still aligned with the slide.
            if any(unicodedata.bidirectional(c) in ("R", "AL") for text, _ in para.runs for c in text):
                p_pr.set("rtl", "1")
        p_pr.set("marL", str(int(Pt(BULLET_INDENT if para.bullet else 0))))
        p_pr.set("indent", str(-int(Pt(BULLET_INDENT))) if para.bullet else "0")
        etree.SubElement(etree.SubElement(p_pr, _LNSPC), _SPCPTS).set("val", line)
        etree.SubElement(etree.SubElement(p_pr, _SPCBEF), _SPCPTS).set("val", "0")
        after = SPACE_AFTER if i < len(paras) - 1 else 0
        etree.SubElement(etree.SubElement(p_pr, _SPCAFT), _SPCPTS).set("val", str(int(after * 100)))
        if para.bullet:
            etree.SubElement(p_pr, _BUCHAR).set("char", "•")
        else:
            etree.SubElement(p_pr, _BUNONE)
        for text, bold in para.runs:
            r = etree.SubElement(p, _R)
            _run_properties(etree.SubElement(r, _RPR), size_attr, bold, colour, lang, font, script.font)
            etree.SubElement(r, _T).text = text
        end = etree.SubElement(p, _ENDPARARPR)
        end.set("lang", lang)
        end.set("sz", size_attr)
    if not paras:
        etree.SubElement(body, _P)


def _run_properties(
    r_pr, size_attr: str, bold: bool, colour, lang: str, font: str | None, script_font: str | None = None
) -> None:
    r_pr.set("lang", lang)
    r_pr.set("sz", size_attr)
    r_pr.set("b", "1" if bold else "0")
    if colour is not None:
        _colour(etree.SubElement(r_pr, _SOLIDFILL), colour)
    if font or script_font:
        etree.SubElement(r_pr, _LATIN).set("typeface", font or "Arial")
    if script_font:  # the schema's order: latin, ea, cs
        etree.SubElement(r_pr, _EA).set("typeface", script_font)
        etree.SubElement(r_pr, _CS).set("typeface", script_font)


_P, _PPR, _R, _RPR, _T = qn("a:p"), qn("a:pPr"), qn("a:r"), qn("a:rPr"), qn("a:t")
_LNSPC, _SPCBEF, _SPCAFT, _SPCPTS = qn("a:lnSpc"), qn("a:spcBef"), qn("a:spcAft"), qn("a:spcPts")
_BUCHAR, _BUNONE, _ENDPARARPR = qn("a:buChar"), qn("a:buNone"), qn("a:endParaRPr")
_SOLIDFILL, _SRGB, _SCHEME, _LATIN = qn("a:solidFill"), qn("a:srgbClr"), qn("a:schemeClr"), qn("a:latin")
_EA, _CS = qn("a:ea"), qn("a:cs")


def _colour(fill, colour) -> None:
    if isinstance(colour, SchemeColour):
        etree.SubElement(fill, _SCHEME).set("val", str(colour))
    else:
        etree.SubElement(fill, _SRGB).set("val", str(colour))


def paint(shape, fill=None, line=None, line_width: float | None = None) -> None:
    """Fill and outline a shape with theme or RGB colours (``None``: no fill / no line)."""
    fill_with(shape.fill, fill)
    if line is None:
        shape.line.fill.background()
    else:
        _set(shape.line.color, line)
        if line_width:
            shape.line.width = Pt(line_width)


def fill_with(fill_format, colour) -> None:
    """A shape's or table cell's fill in a theme or RGB colour (``None``: no fill)."""
    if colour is None:
        fill_format.background()
    else:
        fill_format.solid()
        _set(fill_format.fore_color, colour)


def _set(colour_format, colour) -> None:
    if isinstance(colour, SchemeColour):
        colour_format.theme_color = _THEME_COLOURS[str(colour)]
    else:
        colour_format.rgb = colour


_THEME_COLOURS = {
    "dk1": MSO_THEME_COLOR.DARK_1,
    "lt1": MSO_THEME_COLOR.LIGHT_1,
    "accent1": MSO_THEME_COLOR.ACCENT_1,
    "accent2": MSO_THEME_COLOR.ACCENT_2,
}
_SCHEME_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")


def _theme_part(prs):

    return prs.slide_master.part.part_related_by(RT.THEME)


def theme_colours(prs) -> dict[str, str]:
    """The theme's colour scheme as ``#RRGGBB`` per slot (dk1, lt1, accent1, ...)."""
    scheme = etree.fromstring(_theme_part(prs).blob).find(f".//{qn('a:clrScheme')}")
    out = {}
    for slot in _SCHEME_SLOTS:
        element = scheme.find(qn(f"a:{slot}")) if scheme is not None else None
        value = next(iter(element), None) if element is not None else None
        if value is not None:
            out[slot] = (
                "#" + cast(str, value.get("val") if value.tag == _SRGB else value.get("lastClr", "000000")).upper()
            )
    return out


def set_theme_colours(prs, colours: dict[str, str]) -> None:
    """Write ``#RRGGBB`` colours into slots of the theme's colour scheme (the default template only)."""
    part = _theme_part(prs)
    root = etree.fromstring(part.blob)
    scheme = cast(etree._Element, root.find(f".//{qn('a:clrScheme')}"))  # the default template has every slot
    for slot, value in colours.items():
        element = cast(etree._Element, scheme.find(qn(f"a:{slot}")))
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, _SRGB).set("val", value.lstrip("#").upper())
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def theme_fonts(prs) -> tuple[str, str]:
    """(heading font, body font) of the theme."""
    root = etree.fromstring(_theme_part(prs).blob)
    faces = []
    for kind in ("a:majorFont", "a:minorFont"):
        latin = root.find(f".//{qn(kind)}/{qn('a:latin')}")
        faces.append(latin.get("typeface", "") if latin is not None else "")
    return faces[0], faces[1]


def box_size(shape) -> tuple[float, float]:
    """The text area of a shape in points: its size minus the frame's insets."""
    frame = shape.text_frame
    left = frame.margin_left if frame.margin_left is not None else Emu(91440)
    right = frame.margin_right if frame.margin_right is not None else Emu(91440)
    top = frame.margin_top if frame.margin_top is not None else Emu(45720)
    bottom = frame.margin_bottom if frame.margin_bottom is not None else Emu(45720)
    return Emu(shape.width - left - right).pt, Emu(shape.height - top - bottom).pt


def set_alt_text(shape, text: str) -> None:
    """python-pptx has no API for alt text and writes the file name; screen readers read this."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def mark_decorative(shape) -> None:
    """An arrow or rule that carries no information: screen readers skip it (Office 2019+ flag)."""
    c_nv_pr = shape._element.xpath("./*[1]/p:cNvPr")[0]
    c_nv_pr.set("descr", "")
    ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"))
    ext.set("uri", "{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
    decorative = etree.SubElement(ext, "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative")
    decorative.set("val", "1")


def add_slide_number(paragraph, size: float, colour, lang: str, seed: str) -> None:
    """A real slide-number field: it stays right when the speaker reorders slides."""
    fld = etree.SubElement(paragraph._p, qn("a:fld"))
    fld.set("id", "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, seed)).upper() + "}")
    fld.set("type", "slidenum")
    r_pr = etree.SubElement(fld, qn("a:rPr"))
    r_pr.set("lang", lang)
    r_pr.set("sz", str(int(size * 100)))
    if colour is not None:
        _colour(etree.SubElement(r_pr, _SOLIDFILL), colour)
    etree.SubElement(fld, qn("a:t")).text = seed.rsplit("#", 1)[-1]
    end = paragraph._p.find(qn("a:endParaRPr"))
    if end is not None:
        paragraph._p.remove(end)
        paragraph._p.append(end)


def remove_empty_placeholders(slide) -> None:
    """Unused placeholders show "Click to add text" in PowerPoint's editor: take them away."""
    for shape in list(slide.placeholders):
        if shape.has_text_frame and not shape.text_frame.text.strip():
            shape._element.getparent().remove(shape._element)


_TEXT_KINDS = {
    PP_PLACEHOLDER.BODY,
    PP_PLACEHOLDER.OBJECT,
    PP_PLACEHOLDER.SUBTITLE,
    PP_PLACEHOLDER.VERTICAL_BODY,
    PP_PLACEHOLDER.VERTICAL_OBJECT,
}


def body_placeholder(slide_or_layout):
    """The main text placeholder (the subtitle on a title layout), whatever its index; never a
    picture, chart, table or footer placeholder. The largest when a custom layout has several."""
    candidates = [
        s
        for s in slide_or_layout.placeholders
        if s.placeholder_format.idx != 0 and s.placeholder_format.type in _TEXT_KINDS and s.has_text_frame
    ]
    return max(candidates, key=lambda s: (s.width or 0) * (s.height or 0), default=None)


def alt_text(shape) -> str:
    """A picture's alternative text (``descr``; python-pptx writes the file name when none is given)."""
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr", "")


def run_language(run) -> str | None:
    """The language tag a text run is marked with, if any."""
    r_pr = run._r.rPr
    return None if r_pr is None else r_pr.get("lang")


def layout_type(layout) -> str | None:
    """A slide layout's declared type (``title``, ``obj``, ``secHead``, ...), None for custom layouts."""
    return layout._element.get("type")


def remove_slides(prs) -> None:
    """Drop every slide a template brings (its examples), keeping its layouts."""
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


class NotesPages:
    """Each slide's notes page. python-pptx makes a notes page by cloning the notes master's placeholders
    one by one (a fifth of a deck's drawing time); every notes page of a deck starts the same, so the first
    is made that way and the later ones are copies of it as it was before its text was written, related to
    the notes master and their slide in the order python-pptx relates them."""

    def __init__(self) -> None:
        self._blank = None

    def text_frame(self, slide):
        if slide.has_notes_slide:  # made already: a second notes page would make the file invalid
            return slide.notes_slide.notes_text_frame
        if self._blank is None:
            notes = slide.notes_slide
            self._blank = copy.deepcopy(notes.element)
            return notes.notes_text_frame
        slide_part = slide.part
        package = slide_part.package
        part = NotesSlidePart(
            package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
            CT.PML_NOTES_SLIDE,
            package,
            copy.deepcopy(self._blank),
        )
        part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(part, RT.NOTES_SLIDE)
        return slide.notes_slide.notes_text_frame
