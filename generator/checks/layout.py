"""Every output laid out in memory (in parallel, as a build does), so anything that does not fit is
reported with its line; the finished deck read back as PowerPoint's accessibility checker reads it."""

from __future__ import annotations

from generator.diagnostics import Diagnostics, Location, display_path
from generator.products import Product


def check_layout_and_accessibility(planned: list, options, diagnostics: Diagnostics) -> None:
    """Lay out every output in memory (in parallel, as a build does) and read decks back."""
    from generator.build.render import render_all, report_problems

    for (item, _), result in render_all([(item, None) for item in planned], options, None):
        if report_problems(item, result, diagnostics) is None and item.target.variant.product is Product.DECK:
            check_deck_accessibility(result.data, item, diagnostics)


def check_deck_accessibility(data: bytes, item, diagnostics: Diagnostics) -> None:
    """What PowerPoint's accessibility checker looks at, read back from the finished file."""
    from generator.render.pptx.readback import accessibility_problems

    where = Location(display_path(item.source_file))
    for message, hint in accessibility_problems(data, item.document.language_tag):
        diagnostics.error(where, message, hint)
