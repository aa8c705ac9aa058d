"""Every picture's resolution at the largest size it is placed, as the PDF renderers report their
picture boxes: 300 ppi for print shops, 150 for the office."""

from __future__ import annotations

from generator.assets.images import upright_size
from generator.diagnostics import Diagnostics
from generator.document.model import Figure
from generator.render.pdf import brochure, leaflet
from generator.render.pdf.page import picture_ppi


def check_pictures(doc, print_shop: bool, paper: str, diagnostics: Diagnostics, checked: set) -> None:
    """Resolution at the largest size a picture is placed, in the leaflet or the brochure (on
    ``paper``, for a print shop or the office), as the renderers report their picture boxes."""

    # (figure kind, [(widest, tallest) in mm it may be placed at in the leaflet and the brochure])
    to_mm = 25.4 / 72
    boxes = {
        kind: [
            (w * to_mm, h * to_mm) for w, h in (leaflet.picture_boxes(paper)[kind], brochure.picture_boxes(paper)[kind])
        ]
        for kind in ("cover", "section")
    }
    placed = [(doc.cover_figure, "cover")] if doc.cover_figure is not None else []
    cover = doc.cover_figure.path if doc.cover_figure is not None else None
    placed += [
        (b, "section") for s in doc.sections for b in s.blocks if isinstance(b, Figure) and b.path != cover
    ]  # the cover is printed once, as the cover
    for figure, kind in placed:
        if (figure.path, kind) in checked:
            continue
        checked.add((figure.path, kind))
        pixels_wide, pixels_high = upright_size(figure.path)
        placed_mm = max(min(w, h * pixels_wide / pixels_high) for w, h in boxes[kind])
        ppi = pixels_wide / (placed_mm / 25.4)
        needed = picture_ppi(print_shop)
        if ppi < needed:
            where = "a print shop needs" if print_shop else "it will look blurred below"
            diagnostics.warning(
                figure.source,
                f"image {figure.path.name} prints at {ppi:.0f} ppi; {where} {needed}",
                f"use a version at least {round(placed_mm / 25.4 * needed)} pixels wide",
            )
