"""Every text of a Document with the content line it came from (generator/document/walk.py): what
the glyph and readability checks read, so nothing a reader sees may be missing."""

from __future__ import annotations

import datetime as dt

from generator.document.compose import compose_document
from generator.document.inline import plain
from generator.document.model import Audience
from generator.document.walk import texts
from generator.loading.content import load_content
from support.content import TODAY


def _doc(project, audience=Audience.PATIENT):
    content = load_content(project / "content", project / "images")
    tiny = content.condition("tiny")
    return compose_document(
        tiny,
        "nb",
        audience,
        content.clinics["default"],
        content.labels["nb"],
        project / "images",
        dt.date.fromisoformat(TODAY),
    )


def test_every_text_a_reader_sees_is_walked_with_a_position(project):
    doc = _doc(project)
    walked = {text for text, _ in texts(doc)}
    expected = {
        doc.title,
        doc.subtitle,
        plain(doc.summary),
        doc.trust.disclaimer,
        doc.clinic.name,
        doc.trust.organisation,
        *doc.trust.sources,
        *doc.table.columns,
    }
    expected |= {s.title for s in doc.sections}
    expected |= {plain(i) for row in doc.table.rows for cell in row.cells for i in (*cell.paragraphs, *cell.bullets)}
    assert expected <= walked, expected - walked
    assert all(where.file and where.line for _, where in texts(doc) if _)


def test_a_treatment_cell_is_walked_at_its_treatments_line(project):
    doc = _doc(project, Audience.CLINICIAN)
    row = doc.table.rows[1]
    walked = dict((text, where) for text, where in texts(doc))
    assert walked[plain(row.cells[2].bullets[0])] == row.source
