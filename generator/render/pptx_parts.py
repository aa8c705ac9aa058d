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
    """Replace the frame's text with ``paras`` at ``size`` points."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.clear()
    for i, para in enumerate(paras):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.line_spacing = Pt(size * LINE_FACTOR)
        p.space_before = Pt(0)
        p.space_after = Pt(SPACE_AFTER if i < len(paras) - 1 else 0)
        _bullet(p, para)
        for text, bold in para.runs:
            run = p.add_run()
            run.text = text
            _style(run.font, run._r, size, bold, colour, lang, font)
        end = p._p.get_or_add_endParaRPr()
        end.set("lang", lang)
        end.set("sz", str(int(size * 100)))


def _style(font_obj, r, size, bold, colour, lang, font) -> None:
    font_obj.size = Pt(size)
    font_obj.bold = bold
    if colour is not None:
        font_obj.color.rgb = colour
    if font:
        font_obj.name = font
    r.get_or_add_rPr().set("lang", lang)


def _bullet(p, para: DeckPara) -> None:
    """Hanging bullet (or explicitly none: the template's master may bullet every body line)."""
    pPr = p._p.get_or_add_pPr()
    for old in list(pPr):
        if old.tag in (qn("a:buNone"), qn("a:buChar"), qn("a:buAutoNum")):
            pPr.remove(old)
    indent = BULLET_INDENT * (para.level + (1 if para.bullet else 0))
    pPr.set("marL", str(int(Pt(indent))))
    pPr.set("indent", str(-int(Pt(BULLET_INDENT))) if para.bullet else "0")
    if para.bullet:
        element = etree.Element(qn("a:buChar"), char="•" if para.level == 0 else "–")
    else:
        element = etree.Element(qn("a:buNone"))
    _insert_bullet(pPr, element)


def _insert_bullet(pPr, element) -> None:
    """Put the bullet element where the schema wants it: after spacing and bullet styling."""
    order = ("a:lnSpc", "a:spcBef", "a:spcAft", "a:buClrTx", "a:buClr", "a:buSzTx", "a:buSzPct", "a:buSzPts",
             "a:buFontTx", "a:buFont")
    last = None
    for tag in order:
        found = pPr.find(qn(tag))
        if found is not None:
            last = found
    if last is None:
        pPr.insert(0, element)
    else:
        last.addnext(element)


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
