"""Draw leafdeck's own 16:9 PowerPoint template: generator/templates/leafdeck-16x9.pptx.

python-pptx's built-in template is 4:3, and widening the slide does not move its placeholders,
so this script starts from it and gives the master and the five layouts leafdeck uses (title,
title and content, section header, title only, blank) real 16:9 geometry and Arial, a font every
PowerPoint has and whose metrics leafdeck measures text with (Arimo, metric-compatible).

Run it again after changing the geometry below; the output is byte-identical for equal input.
    python scripts/make_deck_template.py
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.render.deck_template import fixed_zip_dates  # noqa: E402

TARGET = ROOT / "generator" / "templates" / "leafdeck-16x9.pptx"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)     # 13.333 x 7.5 in, exactly 16:9
KEEP = ("title", "obj", "secHead", "titleOnly", "blank")

# (left, top, width, height) in inches, by placeholder type on the master and per layout.
MASTER = {
    "title": (0.6, 0.35, 12.133, 1.0),
    "body": (0.6, 1.55, 12.133, 5.05),
    "dt": (0.6, 6.9, 2.8, 0.4),
    "ftr": (3.6, 6.9, 6.1, 0.4),
    "sldNum": (9.933, 6.9, 2.8, 0.4),
}
LAYOUTS = {
    "title": {"ctrTitle": (0.9, 1.9, 11.533, 1.6), "subTitle": (0.9, 3.7, 11.533, 2.6)},
    "secHead": {"title": (0.9, 2.4, 11.533, 1.5), "body": (0.9, 4.0, 11.533, 1.4)},
}


def main() -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    master = prs.slide_master
    for shape in master.placeholders:
        _place(shape, MASTER.get(_kind(shape)))
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

    theme = master.part.part_related_by(RT.THEME)
    theme._blob = theme.blob.replace(b'typeface="Calibri"', b'typeface="Arial"').replace(
        b'name="Office Theme"', b'name="leafdeck"')

    props = prs.core_properties
    props.title, props.author, props.last_modified_by = "leafdeck 16:9", "leafdeck", "leafdeck"
    props.created = props.modified = props.last_printed = dt.datetime(2026, 1, 1)
    props.revision = 1
    buffer = io.BytesIO()
    prs.save(buffer)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(fixed_zip_dates(buffer.getvalue()))
    print(f"wrote {TARGET.relative_to(ROOT)}")


def _kind(shape) -> str:
    ph = shape._element.ph
    return ph.get("type", "body") if ph is not None else "body"


def _has_own_position(shape) -> bool:
    return shape._element.spPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm") is not None


def _place(shape, geometry) -> None:
    if geometry is None:
        return
    left, top, width, height = (Emu(int(Inches(v))) for v in geometry)
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


if __name__ == "__main__":
    main()
