"""What leafdeck makes: the closed sets (products, papers, audiences, outcomes) and one registry entry
per product.

A product is a kind of file drawn from one audience's Document: its extension, its audience and the
renderer that draws it. The build finds everything it needs here, so a new product is one renderer
module plus one entry in ``REGISTRY``. The renderers are named, not imported:
``check`` and no-op runs never pay for reportlab or python-pptx.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from generator.document.model import Document, SiteIndex


class Product(StrEnum):
    LEAFLET = "leaflet"
    BROCHURE = "brochure"
    DECK = "deck"
    PAGE = "page"                  # the patient web page: one folder of a static site
    SITE_INDEX = "site-index"      # the site's list of conditions per language; built with the pages


class Audience(StrEnum):
    PATIENT = "patient"
    CLINICIAN = "clinician"


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class Status(StrEnum):
    """What happened to one output in a build."""

    BUILT = "built"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class Variant:
    """One output file kind: a product, on a paper size, for the office or for a print shop."""

    product: Product
    paper: str = Paper.A4
    print_shop: bool = False
    tagged: bool = False            # accessible: tagged PDF/UA-1 and PDF/A-2 (the "web" product)

    @property
    def suffix(self) -> str:
        return "".join((self.product, "_print" if self.print_shop else "", "_web" if self.tagged else "",
                        f"_{self.paper}" if self.paper != Paper.A4 and self.paged else ""))

    @property
    def paged(self) -> bool:
        """Drawn on paper: the paper size belongs in its name."""
        return self.product in (Product.LEAFLET, Product.BROCHURE)

    @property
    def spec(self) -> "ProductSpec":
        return REGISTRY[self.product]


@dataclass(frozen=True)
class Bundle:
    """An output that is more than one file: the main file and the files beside it in its folder
    (a web page's fonts and pictures), each by its plain file name."""

    main: bytes
    files: tuple[tuple[str, bytes], ...] = ()


class Renderer(Protocol):
    def __call__(self, document, variant: Variant, template: Path | None) -> bytes | Bundle: ...


@dataclass(frozen=True)
class ProductSpec:
    product: Product
    extension: str
    audience: Audience
    renderer: str               # "module:function", imported on the first file drawn
    pdf: bool                   # drawn with the PDF fonts: its text is checked for missing glyphs

    def render(self, document: "Document | SiteIndex", variant: Variant, template: Path | None = None) -> bytes | Bundle:
        module, _, function = self.renderer.partition(":")
        draw: Renderer = getattr(importlib.import_module(module), function)
        return draw(document, variant, template)


REGISTRY: dict[Product, ProductSpec] = {spec.product: spec for spec in (
    ProductSpec(Product.LEAFLET, "pdf", Audience.PATIENT, "generator.render.pdf.leaflet:render", pdf=True),
    ProductSpec(Product.BROCHURE, "pdf", Audience.PATIENT, "generator.render.pdf.brochure:render", pdf=True),
    ProductSpec(Product.DECK, "pptx", Audience.CLINICIAN, "generator.render.pptx.deck:render", pdf=False),
    ProductSpec(Product.PAGE, "html", Audience.PATIENT, "generator.render.html.page:render", pdf=False),
    # Drawn from a SiteIndex (every condition of a clinic in one language), not from one Document.
    ProductSpec(Product.SITE_INDEX, "html", Audience.PATIENT, "generator.render.html.site:render", pdf=False),
)}
CHOSEN = tuple(p for p in REGISTRY if p is not Product.SITE_INDEX)   # what --product names

PRINT_SHOP, WEB = "print-shop", "web"
PRODUCT_NAMES = (*CHOSEN, PRINT_SHOP, WEB)     # what --product accepts
DEFAULT_PRODUCTS = tuple(str(p) for p in CHOSEN)
PAPERS = tuple(str(p) for p in Paper)


def variants(products: tuple[str, ...], paper: str = Paper.A4) -> list[Variant]:
    """The variants behind ``--product`` names; ``print-shop`` means print-shop leaflet and brochure,
    ``web`` the accessible (tagged) leaflet and brochure for websites and archives."""
    out = [Variant(p, paper) for p in CHOSEN if p in products]
    if PRINT_SHOP in products:
        out += [Variant(Product.LEAFLET, paper, True), Variant(Product.BROCHURE, paper, True)]
    if WEB in products:
        out += [Variant(Product.LEAFLET, paper, tagged=True), Variant(Product.BROCHURE, paper, tagged=True)]
    return out
