"""Where things go on a template's slides, measured from the template itself: the text areas of its
layouts, the area beside a title-only slide's title where tables, pictures and pathways go, and the
band leafdeck's footer takes. Works for leafdeck's own 16:9 template and for any user template
(4:3, small title boxes, titles at the bottom of the slide)."""

from __future__ import annotations

from functools import cached_property

from pptx.util import Inches

from generator.render.pptx.xml import body_placeholder, box_size

FOOTER_HEIGHT = Inches(0.4)


class Geometry:
    """The geometry of one deck's template (``layouts``: role -> layout, see template.py)."""

    def __init__(self, presentation, layouts):
        self.prs, self.layouts = presentation, layouts
        self._boxes: dict = {}  # (layout, "title" | "body") -> text area in points

    def layout_box(self, layout, which: str) -> tuple[float, float]:
        """A layout's title or body text area; every slide made from it has the same (measured once,
        because python-pptx resolves inherited placeholder sizes slowly)."""
        key = (id(layout), which)
        if key not in self._boxes:
            shape = (
                next(s for s in layout.placeholders if s.placeholder_format.idx == 0)
                if which == "title"
                else body_placeholder(layout)
            )
            self._boxes[key] = box_size(shape)
        return self._boxes[key]

    @cached_property
    def content_area(self) -> tuple[int, int, int, int]:
        """Where shapes go on a title-only slide: beside the title's band, clear of the footer.

        Horizontally the span of the title and the body text box, widened to the slide's margins
        when a template's boxes are narrow (a 6 in title on a 13.3 in slide); vertically below the
        title, or above it when the template puts titles at the bottom of the slide."""
        width, height = self.prs.slide_width, self.prs.slide_height
        title = next(s for s in self.layouts["title_only"].placeholders if s.placeholder_format.idx == 0)
        body = body_placeholder(self.layouts["content"])
        shapes = [title] + ([body] if body is not None else [])
        left = min(s.left for s in shapes)
        right = max(s.left + s.width for s in shapes)
        if right - left < 0.75 * width:
            left, right = min(left, Inches(0.5)), max(right, width - Inches(0.5))
        footer_top, footer_bottom = self.footer_band()
        if title.top + title.height / 2 > height / 2:  # titles at the bottom: the area is above
            top = footer_bottom + Inches(0.15) if footer_top < height / 2 else Inches(0.4)
            bottom = title.top - Inches(0.2)
        else:
            top = title.top + title.height + Inches(0.2)
            bottom = footer_top - Inches(0.15) if footer_top > height / 2 else height - Inches(0.3)
        return int(left), int(top), int(right - left), int(bottom - top)

    def wide(self, left: int, width: int) -> tuple[int, int]:
        """The slide's full width less 0.3 in each side, for a table whose words need more room."""
        margin = min(left, Inches(0.3))
        return int(margin), int(self.prs.slide_width - 2 * margin)

    def footer_band(self) -> tuple[int, int]:
        """(top, bottom) of leafdeck's footer: at the slide's foot, or at its head when the
        template's titles sit where the footer would go."""
        height = self.prs.slide_height
        top = height - FOOTER_HEIGHT - Inches(0.15)
        title = next(s for s in self.layouts["title_only"].placeholders if s.placeholder_format.idx == 0)
        if title.top + title.height > top:
            top = Inches(0.1)
        return int(top), int(top + FOOTER_HEIGHT)
