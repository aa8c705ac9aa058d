"""Sheet geometry for PDFs: paper sizes, office margins, print-shop bleed, crop marks and boxes.

Office PDFs are exactly the paper size with no bleed. Print-shop PDFs grow the media box by the bleed
(3 mm, backgrounds extend into it) plus a slug that holds the crop marks, and declare TrimBox and
BleedBox, so a print shop's tools know where to cut.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm

PAPERS = {"a4": A4, "letter": letter}
BLEED = 3 * mm
SLUG = 9 * mm  # room outside the bleed for crop marks
MARK_LENGTH = 5 * mm
OFFICE_MARGIN = 10 * mm  # office printers cannot print closer to the edge
PRINT_PPI, OFFICE_PPI = 300, 150  # pictures are resampled to this at the size they are placed


def picture_ppi(print_shop: bool) -> int:
    return PRINT_PPI if print_shop else OFFICE_PPI


@dataclass(frozen=True)
class Sheet:
    """One sheet: its trim size (the finished size) and, for print shops, bleed and slug."""

    width: float
    height: float
    print_shop: bool = False

    @classmethod
    def of(cls, paper: str, landscape: bool = False, print_shop: bool = False) -> Sheet:
        w, h = PAPERS[paper]
        return cls(h, w, print_shop) if landscape else cls(w, h, print_shop)

    @property
    def bleed(self) -> float:
        return BLEED if self.print_shop else 0.0

    @property
    def offset(self) -> float:
        """Distance from the media box's corner to the trim box's corner."""
        return BLEED + SLUG if self.print_shop else 0.0

    @property
    def media(self) -> tuple[float, float]:
        return self.width + 2 * self.offset, self.height + 2 * self.offset

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        o = self.offset
        return o, o, o + self.width, o + self.height

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.trim_box
        b = self.bleed
        return x0 - b, y0 - b, x1 + b, y1 + b

    def background_rect(self, x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
        """A trim-relative rectangle, pushed into the bleed where it touches the trim edge.

        On office sheets backgrounds stay clear of the unprintable edge instead.
        """
        if not self.print_shop:
            x0, y0 = max(x, OFFICE_MARGIN), max(y, OFFICE_MARGIN)
            x1, y1 = min(x + w, self.width - OFFICE_MARGIN), min(y + h, self.height - OFFICE_MARGIN)
            return x0, y0, x1 - x0, y1 - y0
        x0 = x - BLEED if x <= 0 else x
        y0 = y - BLEED if y <= 0 else y
        x1 = x + w + BLEED if x + w >= self.width else x + w
        y1 = y + h + BLEED if y + h >= self.height else y + h
        return x0, y0, x1 - x0, y1 - y0

    def draw_crop_marks(self, canvas) -> None:
        """Thin registration-black marks in the slug, starting just outside the bleed."""
        if not self.print_shop:
            return
        canvas.saveState()
        canvas.translate(-self.offset, -self.offset)  # marks are drawn in media coordinates
        canvas.setLineWidth(0.25)
        canvas.setStrokeColorCMYK(1, 1, 1, 1)
        x0, y0, x1, y1 = self.trim_box
        gap = BLEED + 1 * mm
        for x in (x0, x1):
            for y, direction in ((y0, -1), (y1, 1)):
                canvas.line(x, y + direction * gap, x, y + direction * (gap + MARK_LENGTH))
        for y in (y0, y1):
            for x, direction in ((x0, -1), (x1, 1)):
                canvas.line(x + direction * gap, y, x + direction * (gap + MARK_LENGTH), y)
        canvas.restoreState()

    def pdf_boxes(self) -> dict:
        """Keyword arguments for reportlab's doc template / canvas."""
        if not self.print_shop:
            return {}
        return {"trimBox": self.trim_box, "bleedBox": self.bleed_box}
