"""Planning a build (generator/pipeline/plan.py): one Document per clinic, condition, language and audience,
shared by every output drawn from it and by the site index that lists it (issue 26: composing is the main
process's share of a batch, done before any worker starts)."""

from __future__ import annotations

import datetime as dt

from generator.diagnostics import Diagnostics
from generator.document import compose, site
from generator.kinds import Product
from generator.pipeline.plan import plan
from generator.pipeline.targets import Options
from support.content import TODAY


def test_each_document_is_composed_once_for_its_outputs_and_the_site_index(project, monkeypatch):
    calls = []
    original = compose.compose_document

    def counting(content, language, audience, clinic, *args, **kwargs):
        calls.append((clinic.id, content.condition.id, language, audience))
        return original(content, language, audience, clinic, *args, **kwargs)

    monkeypatch.setattr(compose, "compose_document", counting)
    monkeypatch.setattr(site, "compose_document", counting)
    content = project / "content"
    options = Options(content_dir=content, out_dir=project / "output", today=dt.date.fromisoformat(TODAY))
    planned, _ = plan(options, Diagnostics())

    drawn = [p.target for p in planned if p.target.variant.product is not Product.SITE_INDEX]
    assert any(p.target.variant.product is Product.SITE_INDEX for p in planned)
    assert sorted(calls) == sorted({(t.clinic, t.condition, t.language, t.variant.spec.audience) for t in drawn})
