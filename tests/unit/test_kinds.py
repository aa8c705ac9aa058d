"""What leafdeck makes (generator/kinds.py): the names --product takes and the variants behind them,
each with its file name suffix and its audience."""

from __future__ import annotations

from generator.kinds import DEFAULT_PRODUCTS, PRODUCT_NAMES, SPECS, Audience, Paper, Product, Variant, variants


def test_the_products_a_user_names():
    assert DEFAULT_PRODUCTS == ("leaflet", "brochure", "deck", "page")
    assert set(PRODUCT_NAMES) == {"leaflet", "brochure", "deck", "page", "print-shop", "web"}
    assert "site-index" not in PRODUCT_NAMES


def test_print_shop_and_web_mean_the_leaflet_and_the_brochure_in_those_forms():
    assert variants(("print-shop",)) == [
        Variant(Product.LEAFLET, Paper.A4, True),
        Variant(Product.BROCHURE, Paper.A4, True),
    ]
    assert [v.suffix for v in variants(("web",), Paper.LETTER)] == ["leaflet_web_letter", "brochure_web_letter"]
    assert [v.product for v in variants(("deck", "leaflet"))] == [Product.LEAFLET, Product.DECK]


def test_only_paper_products_carry_the_paper_in_their_name():
    assert Variant(Product.DECK, Paper.LETTER).suffix == "deck"
    assert Variant(Product.LEAFLET, Paper.LETTER).suffix == "leaflet_letter"


def test_every_product_has_its_kind():
    assert set(SPECS) == set(Product)
    assert SPECS[Product.DECK].audience is Audience.CLINICIAN and SPECS[Product.DECK].extension == "pptx"
    assert {p for p, spec in SPECS.items() if spec.pdf} == {Product.LEAFLET, Product.BROCHURE}
