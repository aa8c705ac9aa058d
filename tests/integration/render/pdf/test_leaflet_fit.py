"""The leaflet's fit search (issue 26) over the real renderer: for every shipped clinic, condition and language
the leaflet it draws is the one trying each step in turn, at each page limit, would draw. The search rests on
smaller type and pictures never taking more pages; this is where that is checked against real text."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.diagnostics import Diagnostics
from generator.pipeline.plan import plan
from generator.pipeline.targets import Options
from generator.render.pdf import leaflet
from support.content import CONTENT, IMAGES, TODAY, shipped_variants


def _in_turn(doc) -> bytes:
    for limit in leaflet.PAGE_LIMITS:
        for body_size, pictures in leaflet.STEPS:
            data, pages = leaflet._render(doc, "a4", False, body_size, False, pictures)
            if pages <= limit:
                return data
    raise AssertionError("no step fits: the shipped content must fit")


@pytest.fixture(scope="module")
def leaflets() -> dict:
    """Every shipped leaflet's document, planned once: (clinic, condition, language) -> Document."""
    options = Options(
        content_dir=CONTENT,
        images_dir=IMAGES,
        clinics=("all",),
        products=("leaflet",),
        today=dt.date.fromisoformat(TODAY),
    )
    planned = plan(options, Diagnostics())[0]
    return {(p.target.clinic, p.target.condition, p.target.language): p.document for p in planned}


@pytest.mark.parametrize("clinic,condition,lang", shipped_variants())
def test_the_fit_search_draws_what_trying_each_step_in_turn_draws(leaflets, clinic, condition, lang):
    doc = leaflets[(clinic, condition, lang)]
    assert leaflet.render_leaflet(doc) == _in_turn(doc)
