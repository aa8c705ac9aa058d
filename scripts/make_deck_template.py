"""Draw leafdeck's own 16:9 PowerPoint template: generator/templates/leafdeck-16x9.pptx.

python-pptx's built-in template is 4:3, and widening the slide does not move its placeholders,
so this script starts from it and gives the master and the five layouts leafdeck uses (title,
title and content, section header, title only, blank) real 16:9 geometry, Arial (a font every
PowerPoint has, whose metrics leafdeck measures text with: Arimo is metric-compatible) and a design
drawn in *theme colours* only: a title band and section slides in ``accent1``, a short ``accent1`` bar
under every slide title, bullets in ``accent1``, a strip of ``accent2``. leafdeck writes the clinic's
colours into the theme when it builds a deck on this template (``primary`` -> accent1 and dk2,
``accent`` -> accent2, ``text`` -> dk1), so every clinic gets its own colours with no second file.

Run it again after changing the design below; the output is byte-identical for equal input.
    python scripts/make_deck_template.py
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.render.pptx.template import fixed_zip_dates  # noqa: E402

TARGET = ROOT / "generator" / "templates" / "leafdeck-16x9.pptx"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in, exactly 16:9
KEEP = ("title", "obj", "secHead", "titleOnly", "blank")

# (left, top, width, height) in inches, by placeholder type on the master and per layout.
MASTER = {
    "title": (0.6, 0.35, 12.133, 1.0),
    "body": (0.6, 1.7, 12.133, 4.9),
    "dt": (0.6, 6.9, 2.8, 0.4),
    "ftr": (3.6, 6.9, 6.1, 0.4),
    "sldNum": (9.933, 6.9, 2.8, 0.4),
}
LAYOUTS = {
    "title": {"ctrTitle": (0.9, 1.1, 11.533, 2.0), "subTitle": (0.9, 4.65, 8.2, 2.05)},
    "secHead": {"title": (0.9, 2.2, 11.533, 1.7), "body": (0.9, 4.2, 11.533, 1.6)},
}
# Decoration: (name, left, top, width, height, scheme colour), drawn behind the placeholders.
MASTER_SHAPES = [("Accent bar", 0.6, 1.37, 1.1, 0.07, "accent1")]
LAYOUT_SHAPES = {
    "title": [("Title band", 0, 0, 13.333, 4.3, "accent1"), ("Accent strip", 0, 4.3, 13.333, 0.09, "accent2")],
    "secHead": [("Accent strip", 0.9, 4.02, 1.1, 0.08, "accent2")],
}
WHITE_TEXT = {"title": ("ctrTitle",), "secHead": ("title", "body")}


def main() -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    master = prs.slide_master
    for shape in master.placeholders:
        _place(shape, MASTER.get(_kind(shape)))
    _style_master(master)
    for layout in list(prs.slide_layouts):
        kind = layout._element.get("type")
        if kind not in KEEP:
            prs.slide_layouts.remove(layout)
            continue
        for shape in layout.placeholders:
            geometry = LAYOUTS.get(kind, {}).get(_kind(shape))
            if geometry is None and _has_own_position(shape):
                geometry = MASTER.get(_kind(shape), MASTER["body"])
            _place(shape, geometry)
        if kind in LAYOUT_SHAPES:
            layout._element.set("showMasterSp", "0")  # the master's title bar would clash
            for spec in reversed(LAYOUT_SHAPES[kind]):
                _add_rect(layout, *spec)
        for shape in layout.placeholders:
            _left_aligned(shape, white=_kind(shape) in WHITE_TEXT.get(kind, ()))
        if kind == "secHead":
            _background(layout, "accent1")

    theme = master.part.part_related_by(RT.THEME)
    theme._blob = theme.blob.replace(b'typeface="Calibri"', b'typeface="Arial"').replace(
        b'name="Office Theme"', b'name="leafdeck"'
    )

    props = prs.core_properties
    props.title, props.author, props.last_modified_by = "leafdeck 16:9", "leafdeck", "leafdeck"
    props.created = props.modified = props.last_printed = dt.datetime(2026, 1, 1)
    props.revision = 1
    buffer = io.BytesIO()
    prs.save(buffer)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(fixed_zip_dates(buffer.getvalue()))
    print(f"wrote {TARGET.relative_to(ROOT)}")


def _style_master(master) -> None:
    """Titles left-aligned, bold, in accent1; bullets in accent1; the bar under the title."""
    root = master._element
    title = root.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    title.set("algn", "l")
    run = title.find(qn("a:defRPr"))
    run.set("b", "1")
    _scheme_fill(run, "accent1")
    body = root.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}/{qn('a:lvl1pPr')}")
    bullet_colour = etree.Element(qn("a:buClr"))
    etree.SubElement(bullet_colour, qn("a:schemeClr")).set("val", "accent1")
    body.insert(list(body).index(body.find(qn("a:buFont"))), bullet_colour)
    for spec in reversed(MASTER_SHAPES):
        _add_rect(master, *spec)


def _scheme_fill(run_properties, colour: str) -> None:
    for old in run_properties.findall(qn("a:solidFill")):
        run_properties.remove(old)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr")).set("val", colour)
    run_properties.insert(0, fill)


def _add_rect(owner, name: str, left: float, top: float, width: float, height: float, colour: str) -> None:
    """A filled rectangle without outline, first in the shape tree (so behind the placeholders)."""
    tree = owner._element.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    ids = [int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))]
    x, y, cx, cy = (int(Inches(v)) for v in (left, top, width, height))
    sp = etree.fromstring(
        f'<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f'<p:nvSpPr><p:cNvPr id="{max(ids) + 1}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>'
        f"<a:ln><a:noFill/></a:ln></p:spPr>"
        f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>'
    )
    tree.insert(2, sp)  # after nvGrpSpPr and grpSpPr


def _left_aligned(shape, white: bool) -> None:
    """The layout's text left-aligned (the built-in title layout centres it), white on colour."""
    body = shape._element.find(qn("p:txBody"))
    if body is None:
        return
    styles = body.find(qn("a:lstStyle"))
    for level in list(styles):
        styles.remove(level)
    level = etree.SubElement(styles, qn("a:lvl1pPr"))
    level.set("algn", "l")
    if _kind(shape) in ("subTitle", "body"):
        level.set("marL", "0")
        level.set("indent", "0")
        etree.SubElement(level, qn("a:buNone"))
    run = etree.SubElement(level, qn("a:defRPr"))
    if _kind(shape) in ("ctrTitle", "title"):
        run.set("b", "1")
    _scheme_fill(run, "lt1" if white else ("accent1" if _kind(shape) in ("ctrTitle", "title") else "tx1"))


def _background(layout, colour: str) -> None:
    c_sld = layout._element.find(qn("p:cSld"))
    bg = etree.fromstring(
        '<p:bg xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:bgPr>'
        f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'
    )
    c_sld.insert(0, bg)
    # Text that names no colour (the footer) is light on this slide: tx1 maps to lt1 here.
    mapping = layout._element.find(qn("p:clrMapOvr"))
    if mapping is not None:
        layout._element.remove(mapping)
    override = etree.fromstring(
        '<p:clrMapOvr xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:overrideClrMapping bg1="dk1" tx1="lt1" '
        'bg2="dk2" tx2="lt2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" '
        'accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/></p:clrMapOvr>'
    )
    layout._element.insert(list(layout._element).index(c_sld) + 1, override)


def _kind(shape) -> str:
    ph = shape._element.ph
    return ph.get("type", "body") if ph is not None else "body"


def _has_own_position(shape) -> bool:
    return shape._element.spPr.find(qn("a:xfrm")) is not None


def _place(shape, geometry) -> None:
    if geometry is None:
        return
    left, top, width, height = (Emu(int(Inches(v))) for v in geometry)
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


if __name__ == "__main__":
    main()
