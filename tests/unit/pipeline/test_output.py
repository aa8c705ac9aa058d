"""Where outputs go and how they are written (generator/pipeline/output.py): the documented layout,
and writes that replace a file whole or not at all."""

from __future__ import annotations

import os

import pytest

from generator.kinds import Paper, Product, Variant
from generator.pipeline.output import output_path, relative_output, write_atomic


@pytest.mark.parametrize(
    "variant, expected",
    [
        (Variant(Product.LEAFLET), "default/heel-spur/nb/heel-spur_nb_leaflet.pdf"),
        (
            Variant(Product.BROCHURE, Paper.LETTER, print_shop=True),
            "default/heel-spur/nb/heel-spur_nb_brochure_print_letter.pdf",
        ),
        (Variant(Product.LEAFLET, tagged=True), "default/heel-spur/nb/heel-spur_nb_leaflet_web.pdf"),
        (Variant(Product.DECK, Paper.LETTER), "default/heel-spur/nb/heel-spur_nb_deck.pptx"),
        (Variant(Product.PAGE), "default/site/heel-spur/nb/index.html"),
    ],
)
def test_the_documented_output_layout(variant, expected):
    assert relative_output("default", "heel-spur", "nb", variant) == expected


def test_site_indexes_per_language_and_the_front_page():
    index = Variant(Product.SITE_INDEX)
    assert relative_output("fjord", "", "en", index) == "fjord/site/en/index.html"
    assert relative_output("fjord", "", "", index) == "fjord/site/index.html"
    assert output_path(__import__("pathlib").Path("out"), "fjord", "", "", index).parts == (
        "out",
        "fjord",
        "site",
        "index.html",
    )


def test_a_write_replaces_the_file_whole_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "a" / "b.pdf"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second" and os.listdir(target.parent) == ["b.pdf"]


def test_a_failed_write_keeps_the_earlier_file(tmp_path, monkeypatch):
    target = tmp_path / "b.pdf"
    write_atomic(target, b"good")

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError):
        write_atomic(target, b"half")
    assert target.read_bytes() == b"good" and os.listdir(tmp_path) == ["b.pdf"]
