"""The leaflet's and the deck's comparison tables hold the same treatments (per condition and
language): a treatment with patient text but no clinician text, or the other way round, is an error."""

from __future__ import annotations

from collections.abc import Iterable

from generator.diagnostics import Diagnostics
from generator.document.model import Audience, Document


def check_consistency(documents: Iterable[Document], diagnostics: Diagnostics) -> None:
    """The same treatments in the patient and the clinician table of each condition and language."""
    tables: dict[tuple[str, str], dict[Audience, Document]] = {}
    for doc in documents:
        tables.setdefault((doc.condition_id, doc.language), {}).setdefault(doc.audience, doc)
    for docs in tables.values():
        if len(docs) < 2:
            continue
        patient, clinician = docs[Audience.PATIENT], docs[Audience.CLINICIAN]
        for missing, present, where in ((patient, clinician, "leaflet"), (clinician, patient, "deck")):
            keys = {r.key for r in missing.table.rows}
            for row in present.table.rows:
                if row.key not in keys:
                    diagnostics.error(
                        row.source,
                        f"treatment '{row.key}' is in one table but not in the {where}'s",
                        "give it both patient: and clinician: texts",
                    )
