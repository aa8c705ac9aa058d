"""The loaded content as the rest of leafdeck sees it: one condition with its texts, and the whole
content folder (conditions, clinics, labels). Plain immutable types, so the loader, the cross-file
checks and the document builder share them without importing each other."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.loading.approvals import Approval
from generator.loading.schema import ClinicFile, ConditionFile, Labels, LanguageFile


@dataclass(frozen=True)
class ConditionContent:
    """One condition: its language-neutral facts and one text file per language."""

    folder: Path
    condition: ConditionFile
    texts: Mapping[str, LanguageFile]
    # Per translated language: {unit context: the source text it was translated from} (<lang>.sources.json).
    translated_from: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    approvals: tuple[Approval, ...] = ()  # approvals.json, in the order they were made


@dataclass(frozen=True)
class Content:
    root: Path
    conditions: tuple[ConditionContent, ...]
    clinics: Mapping[str, ClinicFile]
    labels: Mapping[str, Labels]
    failed: Mapping[str, int] = field(default_factory=dict)  # condition folder -> errors (partial loads)

    def condition(self, condition_id: str) -> ConditionContent:
        return next(c for c in self.conditions if c.condition.id == condition_id)
