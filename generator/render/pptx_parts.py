"""Small python-pptx helpers for the deck: measured text, bullets, language, alt text, fields.

Every paragraph written here pins its line spacing (1.2 x size), spacing and bullet, so what
:mod:`generator.render.fit` measures is what PowerPoint and LibreOffice draw, whatever defaults
the template's master carries. Autofit is switched off: a box never shrinks or grows its text
behind the speaker's back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from lxml import etree
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from generator.document.model import Inline
from generator.render.fit import LINE_FACTOR, Para

BULLET_INDENT = 22.0        # points from the bullet to its text
SPACE_AFTER = 8.0           # points between paragraphs


@dataclass(frozen=True)
class DeckPara:
    """A paragraph for a slide: runs of (text, bold), optionally a bullet at a level."""

    runs: tuple[tuple[str, bool], ...]
    bullet: bool = False
    level: int = 0
    source: object = field(default=None, compare=False)     # content position, for errors

    def measure(self) -> Para:
        indent = BULLET_INDENT * (self.level + (1 if self.bullet else 0))
        return Para(self.runs, indent, SPACE_AFTER)


def runs_of(inline: Inline, bold: bool = False) -> tuple[tuple[str, bool], ...]:
    return tuple((clean(span.text), bold or span.bold) for span in inline)


def clean(text: str) -> str:
    """Characters PowerPoint cannot hold (control characters, U+FFFE/U+FFFF) are dropped; a
    vertical tab would become a line break and NUL a visible ``_x0000_``."""
    return "".join(c for c in text if (c >= " " or c == "\t") and c not in "\ufffe\uffff")


def write(frame, paras: list[DeckPara], size: float, colour, lang: str, font: str | None) -> None:
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
        indent = BULLET_INDENT * (para.level + (1 if para.bullet else 0))
        p_pr.set("marL", str(int(Pt(indent))))
        p_pr.set("indent", str(-int(Pt(BULLET_INDENT))) if para.bullet else "0")
        etree.SubElement(etree.SubElement(p_pr, _LNSPC), _SPCPTS).set("val", line)
        etree.SubElement(etree.SubElement(p_pr, _SPCBEF), _SPCPTS).set("val", "0")
        after = SPACE_AFTER if i < len(paras) - 1 else 0
        etree.SubElement(etree.SubElement(p_pr, _SPCAFT), _SPCPTS).set("val", str(int(after * 100)))
        if para.bullet:
            etree.SubElement(p_pr, _BUCHAR).set("char", "•" if para.level == 0 else "–")
        else:
            etree.SubElement(p_pr, _BUNONE)
        for text, bold in para.runs:
            r = etree.SubElement(p, _R)
            _run_properties(etree.SubElement(r, _RPR), size_attr, bold, colour, lang, font)
            etree.SubElement(r, _T).text = text
        end = etree.SubElement(p, _ENDPARARPR)
        end.set("lang", lang)
        end.set("sz", size_attr)
    if not paras:
        etree.SubElement(body, _P)


def _run_properties(r_pr, size_attr: str, bold: bool, colour, lang: str, font: str | None) -> None:
    r_pr.set("lang", lang)
    r_pr.set("sz", size_attr)
    r_pr.set("b", "1" if bold else "0")
    if colour is not None:
        etree.SubElement(etree.SubElement(r_pr, _SOLIDFILL), _SRGB).set("val", str(colour))
    if font:
        etree.SubElement(r_pr, _LATIN).set("typeface", font)


_P, _PPR, _R, _RPR, _T = qn("a:p"), qn("a:pPr"), qn("a:r"), qn("a:rPr"), qn("a:t")
_LNSPC, _SPCBEF, _SPCAFT, _SPCPTS = qn("a:lnSpc"), qn("a:spcBef"), qn("a:spcAft"), qn("a:spcPts")
_BUCHAR, _BUNONE, _ENDPARARPR = qn("a:buChar"), qn("a:buNone"), qn("a:endParaRPr")
_SOLIDFILL, _SRGB, _LATIN = qn("a:solidFill"), qn("a:srgbClr"), qn("a:latin")


def box_size(shape) -> tuple[float, float]:
    """The text area of a shape in points: its size minus the frame's insets."""
    frame = shape.text_frame
    left = frame.margin_left if frame.margin_left is not None else Emu(91440)
    right = frame.margin_right if frame.margin_right is not None else Emu(91440)
    top = frame.margin_top if frame.margin_top is not None else Emu(45720)
    bottom = frame.margin_bottom if frame.margin_bottom is not None else Emu(45720)
    return (shape.width - left - right) / 12700, (shape.height - top - bottom) / 12700


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
        fill = etree.SubElement(r_pr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr")).set("val", str(colour))
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
