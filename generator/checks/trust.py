"""The trust data as a reader would judge it on the day: a named clinical reviewer, a review date
not passed, sources for the content and for every treatment."""

from __future__ import annotations

import datetime as dt

from generator.diagnostics import Diagnostics
from generator.document.model import SignOffState


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


def check_approval(doc, today: dt.date, diagnostics: Diagnostics) -> None:
    """Per condition and language (issue 25): what waits for a clinical approval, an approval with no record
    of what it approved, and a review coming due."""
    trust, condition, lang = doc.trust, doc.condition_id, doc.language
    changes = f"generate.py changes --condition {condition} --lang {lang}"
    approve = f'generate.py approve --condition {condition} --lang {lang} --reviewer "Name" --role "Role"'
    if trust.signoff is SignOffState.CHANGED:
        diagnostics.warning(
            doc.source,
            f"{condition} ({lang}) waits for clinical approval: changed since its approval by "
            f"{trust.clinical_reviewer} on {trust.last_clinical_change}; its outputs are DRAFT",
            f"show the reviewer what changed ({changes}), then record their approval ({approve})",
        )
    elif trust.signoff is SignOffState.UNRECORDED:
        diagnostics.warning(
            doc.condition_source,
            f"{condition} ({lang}) is approved by review.status and clinical_reviewer only: nothing records what "
            "was approved, so a later change would keep the approved look",
            f"record the approval: {approve}",
        )
    if trust.review_due_from <= today <= trust.next_review:
        diagnostics.warning(
            doc.condition_source,
            f"{condition} ({lang}): the next review is due on {trust.next_review} "
            f"({(trust.next_review - today).days} days); after it every output is marked DRAFT",
            "start the clinical review now; then approve the text and move next_review forward",
        )
