"""The deck read back as PowerPoint's accessibility checker reads it (generator/checks/deck.py)."""

from __future__ import annotations

import datetime as dt
import io

from generator.checks.deck import check_deck_accessibility as _deck_accessibility
from generator.diagnostics import Diagnostics, Location
from support.content import TODAY


def test_deck_accessibility_reads_the_finished_file(project):
    from pptx import Presentation

    from generator.pipeline.plan import plan
    from generator.pipeline.targets import Options

    planned, _ = plan(
        Options(
            content_dir=project / "content", languages=("nb",), products=("deck",), today=dt.date.fromisoformat(TODAY)
        ),
        Diagnostics(),
    )
    prs = Presentation()
    untitled = prs.slides.add_slide(prs.slide_layouts[6])  # blank: no title at all
    untitled.shapes.add_picture(str(project / "images/circle.png"), 0, 0)
    for _ in range(2):
        prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Samme"
    buffer = io.BytesIO()
    prs.save(buffer)
    diagnostics = Diagnostics()
    _deck_accessibility(buffer.getvalue(), planned[0].document.language_tag, Location("nb.yaml"), diagnostics)
    messages = [d.message for d in diagnostics.errors]
    assert "deck slide 1 has no title" in messages
    assert "deck slide 1: a picture has no alt text" in messages  # python-pptx wrote the file name
    assert "deck slides 2 and 3 have the same title 'Samme'" in messages
    assert any("text without the language nb-NO" in m for m in messages)
