"""Every output laid out in memory (in parallel, as a build does), so anything that does not fit is
reported with its line; the finished deck read back as PowerPoint's accessibility checker reads it."""

from __future__ import annotations

from generator.diagnostics import Diagnostics, Location, display_path
from generator.products import Product


def check_layout_and_accessibility(planned: list, options, diagnostics: Diagnostics) -> None:
    """Lay out every output in memory (in parallel, as a build does), read decks back and follow
    the web pages' links."""
    from generator.build.render import render_all, report_problems
    from generator.checks.links import check_site_links

    pages = []
    for (item, _), result in render_all([(item, None) for item in planned], options, None):
        if report_problems(item, result, diagnostics) is not None:
            continue
        if item.target.variant.product is Product.DECK:
            check_deck_accessibility(result.data, item, diagnostics)
        elif item.target.variant.product in (Product.PAGE, Product.SITE_INDEX):
            pages.append((item, result.data.decode("utf-8"), tuple(name for name, _ in result.beside)))
    if pages:
        check_site_links(pages, site_files(options), diagnostics)


def site_files(options, index=None) -> set[str]:
    """Every page and index a full build of the selected clinics writes (paths below the output
    folder): what a page may link to, whichever of them this check lays out. ``index``: the
    condition facts already read (default: the manifest's)."""
    import dataclasses

    from generator.build.targets import targets

    everything = dataclasses.replace(options, conditions=(), languages=(), products=("page",), shard=(1, 1))
    return {t.key for t in targets(everything, index)}


def check_deck_accessibility(data: bytes, item, diagnostics: Diagnostics) -> None:
    """What PowerPoint's accessibility checker looks at, read back from the finished file."""
    from generator.render.pptx.readback import accessibility_problems

    where = Location(display_path(item.source_file))
    for message, hint in accessibility_problems(data, item.document.language_tag):
        diagnostics.error(where, message, hint)
