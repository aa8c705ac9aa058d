"""The leaflet's and the deck's tables hold the same treatments (generator/checks/consistency.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from generator.checks.consistency import check_consistency as _consistency
from generator.diagnostics import Diagnostics
from support.content import TODAY


def test_tables_of_leaflet_and_deck_must_agree(project):
    from generator.pipeline.plan import plan
    from generator.pipeline.targets import Options

    options = Options(
        content_dir=project / "content",
        languages=("nb",),
        products=("leaflet", "deck"),
        today=dt.date.fromisoformat(TODAY),
    )
    planned, _ = plan(options, Diagnostics())
    diagnostics = Diagnostics()
    documents = [p.document for p in planned]
    _consistency(documents, diagnostics)
    assert not diagnostics.errors
    leaflet = documents[0]
    fewer = dataclasses.replace(leaflet.table, rows=leaflet.table.rows[:1])
    documents[0] = dataclasses.replace(leaflet, table=fewer)
    _consistency(documents, diagnostics)
    assert [d.message for d in diagnostics.errors] == ["treatment 'pills' is in one table but not in the leaflet's"]
