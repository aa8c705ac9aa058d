"""The leaflet's and the deck's comparison tables hold the same treatments (per clinic, condition,
language): a treatment with patient text but no clinician text, or the other way round, is an error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostics

if TYPE_CHECKING:
    from generator.document.model import Document


def check_consistency(planned: list, diagnostics: Diagnostics) -> None:
    """The same treatments in the leaflet's and the deck's table (per clinic, condition, language)."""
    tables: dict[tuple, dict[str, Document]] = {}
    for item in planned:
        t = item.target
        tables.setdefault((t.clinic, t.condition, t.language), {})[item.document.audience.value] = item.document
    for docs in tables.values():
        if len(docs) < 2:
            continue
        patient, clinician = docs["patient"], docs["clinician"]
        for missing, present, where in ((patient, clinician, "leaflet"), (clinician, patient, "deck")):
            keys = {r.key for r in missing.table.rows}
            for row in present.table.rows:
                if row.key not in keys:
                    diagnostics.error(row.source, f"treatment '{row.key}' is in one table but not in the {where}'s",
                                      "give it both patient: and clinician: texts")
