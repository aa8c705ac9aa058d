"""What leafdeck makes: the closed sets (products, papers, audiences, outcomes) and one registry entry
per product.

A product is a kind of file drawn from one audience's Document: its extension, its audience and the
renderer that draws it. The build finds everything it needs here, so a new product (the patient web
page) is one renderer module plus one entry in ``REGISTRY``. The renderers are named, not imported:
``check`` and no-op runs never pay for reportlab or python-pptx.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from generator.document.model import Document


class Product(StrEnum):
    LEAFLET = "leaflet"
    BROCHURE = "brochure"
    DECK = "deck"


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
                        f"_{self.paper}" if self.paper != Paper.A4 and self.product != Product.DECK else ""))

    @property
    def spec(self) -> "ProductSpec":
        return REGISTRY[self.product]


class Renderer(Protocol):
    def __call__(self, document: "Document", variant: Variant, template: Path | None) -> bytes: ...


@dataclass(frozen=True)
class ProductSpec:
    product: Product
    extension: str
    audience: Audience
    renderer: str               # "module:function", imported on the first file drawn
    pdf: bool                   # drawn with the PDF fonts: its text is checked for missing glyphs

    def render(self, document: "Document", variant: Variant, template: Path | None = None) -> bytes:
        module, _, function = self.renderer.partition(":")
        draw: Renderer = getattr(importlib.import_module(module), function)
        return draw(document, variant, template)


REGISTRY: dict[Product, ProductSpec] = {spec.product: spec for spec in (
    ProductSpec(Product.LEAFLET, "pdf", Audience.PATIENT, "generator.render.pdf.leaflet:render", pdf=True),
    ProductSpec(Product.BROCHURE, "pdf", Audience.PATIENT, "generator.render.pdf.brochure:render", pdf=True),
    ProductSpec(Product.DECK, "pptx", Audience.CLINICIAN, "generator.render.pptx.deck:render", pdf=False),
)}

PRINT_SHOP, WEB = "print-shop", "web"
PRODUCT_NAMES = (*REGISTRY, PRINT_SHOP, WEB)     # what --product accepts
DEFAULT_PRODUCTS = tuple(str(p) for p in REGISTRY)
PAPERS = tuple(str(p) for p in Paper)


def variants(products: tuple[str, ...], paper: str = Paper.A4) -> list[Variant]:
    """The variants behind ``--product`` names; ``print-shop`` means print-shop leaflet and brochure,
    ``web`` the accessible (tagged) leaflet and brochure for websites and archives."""
    out = [Variant(p, paper) for p in REGISTRY if p in products]
    if PRINT_SHOP in products:
        out += [Variant(Product.LEAFLET, paper, True), Variant(Product.BROCHURE, paper, True)]
    if WEB in products:
        out += [Variant(Product.LEAFLET, paper, tagged=True), Variant(Product.BROCHURE, paper, tagged=True)]
    return out
