"""What leafdeck makes, as closed sets at the bottom of the pipeline: products, audiences, papers,
outcomes, and the variants of an output file with their names.

A product is a kind of file drawn from one audience's Document; :data:`SPECS` says its extension,
its audience and whether it is drawn with the PDF fonts. What draws it is the renderer registered
for it in :mod:`generator.render.registry`: a new product is a kind here, a renderer module and
its entry there. Nothing here imports a stage above, so every stage may use these names.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Product(StrEnum):
    LEAFLET = "leaflet"
    BROCHURE = "brochure"
    DECK = "deck"
    PAGE = "page"  # the patient web page: one folder of a static site
    SITE_INDEX = "site-index"  # the site's list of conditions per language; built with the pages


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
    tagged: bool = False  # accessible: tagged PDF/UA-1 and PDF/A-2 (the "web" product)

    @property
    def suffix(self) -> str:
        return "".join(
            (
                self.product,
                "_print" if self.print_shop else "",
                "_web" if self.tagged else "",
                f"_{self.paper}" if self.paper != Paper.A4 and self.paged else "",
            )
        )

    @property
    def paged(self) -> bool:
        """Drawn on paper: the paper size belongs in its name."""
        return self.product in (Product.LEAFLET, Product.BROCHURE)

    @property
    def spec(self) -> ProductSpec:
        return SPECS[self.product]


@dataclass(frozen=True)
class Bundle:
    """An output that is more than one file: the main file and the files beside it in its folder
    (a web page's fonts and pictures), each by its plain file name."""

    main: bytes
    files: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True)
class ProductSpec:
    product: Product
    extension: str
    audience: Audience
    pdf: bool  # drawn with the PDF fonts: its text is checked for missing glyphs
    # When a parallel build starts drawing it: the leaflet first (what staff look at after a save), then
    # the slowest first, so the workers finish together instead of one drawing a deck while the other waits.
    start: int = 0


SPECS: dict[Product, ProductSpec] = {
    spec.product: spec
    for spec in (
        ProductSpec(Product.LEAFLET, "pdf", Audience.PATIENT, pdf=True, start=0),
        ProductSpec(Product.BROCHURE, "pdf", Audience.PATIENT, pdf=True, start=2),
        ProductSpec(Product.DECK, "pptx", Audience.CLINICIAN, pdf=False, start=1),
        ProductSpec(Product.PAGE, "html", Audience.PATIENT, pdf=False, start=3),
        # Drawn from a SiteIndex (every condition of a clinic in one language), not from one Document.
        ProductSpec(Product.SITE_INDEX, "html", Audience.PATIENT, pdf=False, start=4),
    )
}
CHOSEN = tuple(p for p in SPECS if p is not Product.SITE_INDEX)  # what --product names

PRINT_SHOP, WEB = "print-shop", "web"
PRODUCT_NAMES = (*CHOSEN, PRINT_SHOP, WEB)  # what --product accepts
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
