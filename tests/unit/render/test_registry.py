"""What draws each product (generator/render/registry.py): every product has a renderer, and render()
dispatches a Document or a site index to it."""

from __future__ import annotations

import datetime as dt

from generator.document.compose import compose_document
from generator.document.model import Audience
from generator.document.site import compose_site_index
from generator.kinds import Bundle, Product, Variant
from generator.loading.content import load_content
from generator.render import registry
from support.content import TODAY


def test_every_product_drawn_from_a_document_has_a_renderer():
    assert set(registry.LOADERS) == set(Product) - {Product.SITE_INDEX}
    registry.load_all()


def test_render_dispatches_by_product_and_by_document_kind(project):
    content = load_content(project / "content", project / "images")
    clinic, labels, today = content.clinics["default"], content.labels["nb"], dt.date.fromisoformat(TODAY)
    doc = compose_document(content.condition("tiny"), "nb", Audience.PATIENT, clinic, labels, project / "images", today)
    assert registry.render(doc, Variant(Product.LEAFLET)).startswith(b"%PDF-")
    page = registry.render(doc, Variant(Product.PAGE))
    assert isinstance(page, Bundle) and page.main.startswith(b"<!DOCTYPE html>")
    index = compose_site_index(content, clinic, "nb", project / "images", today)
    assert b"Liten tilstand" in registry.render(index, Variant(Product.SITE_INDEX)).main
