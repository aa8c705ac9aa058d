"""The trust data as a reader would judge it on the day: a named clinical reviewer, a review date
not passed, sources for the content and for every treatment."""

from __future__ import annotations

import datetime as dt

from generator.diagnostics import Diagnostics


def check_trust(doc, today: dt.date, diagnostics: Diagnostics) -> None:
    """What the loader cannot know: dates against today, missing reviewer, uncited treatments.
    (Authors, date order and alt texts are required by the loader already.)"""
    trust, where = doc.trust, doc.condition_source
    if not trust.clinical_reviewer:
        diagnostics.warning(
            where,
            "no clinical reviewer is named; the outputs stay DRAFT",
            "add clinical_reviewer: with the name of the doctor or physiotherapist who checked it",
        )
    if trust.next_review < today:
        diagnostics.error(
            where,
            f"the next review date {trust.next_review} has passed; every output is marked DRAFT",
            "review the content, then move next_review forward",
        )
    if not trust.sources:
        diagnostics.error(where, "no sources are listed", "add the guidelines and studies under sources:")
    for treatment in doc.treatments:
        if not treatment.sources:
            diagnostics.warning(
                treatment.source,
                f"treatment '{treatment.name}' cites no source",
                "add sources: [id, ...] to it in condition.yaml",
            )
