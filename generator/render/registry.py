"""What draws each product: one renderer per :class:`~generator.kinds.Product`.

A renderer takes a Document (a site index: a SiteIndex), the output's Variant and a template (the
deck's PowerPoint template; the web pages' folder of a clinic's own templates) and returns the
file's bytes, or a :class:`~generator.kinds.Bundle` for an output with files beside it. A new
product is a kind in ``generator/kinds.py``, a renderer module and its loader here.

Each renderer is imported where it is first used, not at the top: reportlab, python-pptx and Jinja2
take a third of a second to import, which ``check`` on documents and a no-op build never pay.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.document.model import Document, SiteIndex
from generator.kinds import Bundle, Product, Variant

Renderer = Callable[[Document, Variant, Path | None], bytes | Bundle]
IndexRenderer = Callable[[SiteIndex, Variant, Path | None], bytes | Bundle]


def _leaflet() -> Renderer:
    from generator.render.pdf.leaflet import render  # noqa: PLC0415 - heavy: each renderer's libraries, loaded when it is first used

    return render


def _brochure() -> Renderer:
    from generator.render.pdf.brochure import render  # noqa: PLC0415 - heavy: each renderer's libraries, loaded when it is first used

    return render


def _deck() -> Renderer:
    from generator.render.pptx.deck import render  # noqa: PLC0415 - heavy: each renderer's libraries, loaded when it is first used

    return render


def _page() -> Renderer:
    from generator.render.html.page import render  # noqa: PLC0415 - heavy: each renderer's libraries, loaded when it is first used

    return render


def _site_index() -> IndexRenderer:
    from generator.render.html.site import render  # noqa: PLC0415 - heavy: each renderer's libraries, loaded when it is first used

    return render


# The products drawn from one Document; the site index is drawn from a SiteIndex (a clinic's catalogue).
LOADERS: dict[Product, Callable[[], Renderer]] = {
    Product.LEAFLET: _leaflet,
    Product.BROCHURE: _brochure,
    Product.DECK: _deck,
    Product.PAGE: _page,
}


def render(document: Document | SiteIndex, variant: Variant, template: Path | None = None) -> bytes | Bundle:
    """The output's bytes (or Bundle), drawn by its product's renderer."""
    if isinstance(document, SiteIndex):
        return _site_index()(document, variant, template)
    return LOADERS[variant.product]()(document, variant, template)


def load_all() -> None:
    """Import every renderer now (a warm drawing process)."""
    for loader in LOADERS.values():
        loader()
    _site_index()
