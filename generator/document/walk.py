"""Every text of a Document with the content position it came from, for checks over all text."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Location
from generator.document.inline import plain
from generator.document.model import BulletList, ComparisonTable, Document, Figure, Paragraph


def texts(doc: Document) -> Iterator[tuple[str, Location]]:
    here = doc.source
    yield from (
        (t, here) for t in (doc.title, doc.subtitle, plain(doc.summary), doc.trust.disclaimer, doc.trust.feedback)
    )
    for section in doc.sections:
        yield section.title, section.source
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield plain(block.text), block.source
            elif isinstance(block, BulletList):
                yield from ((plain(i), block.source) for i in block.items)
            elif isinstance(block, Figure):
                yield plain(block.caption), block.source
                yield block.alt, block.source
            elif isinstance(block, ComparisonTable):
                for row in block.rows:
                    for cell in row.cells:
                        yield from ((plain(i), row.source) for i in (*cell.paragraphs, *cell.bullets))
    for term, explanation in doc.glossary:
        yield term, doc.source
        yield explanation, doc.source
    for column in doc.table.columns:
        yield column, doc.table.source
    clinic = doc.clinic
    for value in (clinic.name, clinic.phone, clinic.address, clinic.email, clinic.web_display):
        if value:
            yield value, doc.clinic_source
    for value in (
        *(n for c in doc.trust.credits for n in c.names),
        doc.trust.organisation,
        doc.trust.organisation_contact,
        *doc.trust.sources,
        *doc.trust.short_sources,
        doc.trust.clinical_reviewer or "",
        *doc.trust.notices,
        doc.trust.reviewer_role or "",
    ):
        yield value, doc.condition_source
    for value in doc.labels.model_dump(exclude={"at"}).values():
        for text in value if isinstance(value, (tuple, list)) else (value,):
            if isinstance(text, str):  # optional settings left out are None
                yield text, doc.labels_source
