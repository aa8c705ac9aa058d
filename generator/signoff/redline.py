"""What changed in a language's text, word by word, for the clinical reviewer (issue 25): a snapshot
compared with an earlier one (an approval's, or the text's previous version in git). Format-independent:
``render.html.redline`` and ``render.pdf.redline`` draw it.

Every change is one text (a context of ids) or one of the condition's facts; clinical changes come first,
then editorial ones (``loading.approvals.EDITORIAL``), each group in the text's own order.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from generator.diagnostics import Location
from generator.loading.approvals import editorial


class Mark(StrEnum):
    SAME = "same"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True)
class Piece:
    text: str
    mark: Mark


@dataclass(frozen=True)
class Change:
    context: str  # the text's context ("treatment/eswt/patient/contraindications/2"), or "facts/<name>"
    clinical: bool
    pieces: tuple[Piece, ...]
    where: Location | None  # where the text is now; None for a text that was removed

    @property
    def removed(self) -> bool:
        return all(p.mark is Mark.DELETED for p in self.pieces)


@dataclass(frozen=True)
class Redline:
    condition: str
    language: str
    against: str  # what the text was compared with, in words ("the approval by Dr X on 2026-12-05")
    changes: tuple[Change, ...]
    # {change context: (the approved picture file or None, the picture file now or None)}: shown side by side
    pictures: Mapping[str, tuple[Path | None, Path | None]] = field(default_factory=dict)

    @property
    def clinical(self) -> int:
        return sum(1 for c in self.changes if c.clinical)

    @property
    def editorial(self) -> int:
        return len(self.changes) - self.clinical

    @property
    def summary(self) -> str:
        return f"{self.clinical} clinical change(s), {self.editorial} editorial"


_TOKENS = re.compile(r"\s+|[^\s]+")


def words(old: str, new: str) -> tuple[Piece, ...]:
    """``new`` against ``old``, word by word: kept, inserted and deleted runs (spaces kept with their words)."""
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    pieces: list[Piece] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("".join(before[a1:a2]), Mark.SAME))
            continue
        if a2 > a1:
            pieces.append(Piece("".join(before[a1:a2]), Mark.DELETED))
        if b2 > b1:
            pieces.append(Piece("".join(after[b1:b2]), Mark.INSERTED))
    return tuple(p for p in pieces if p.text)


def compare(old: dict[str, Any], new: dict[str, Any], places: dict[str, Location], fallback: Location) -> list[Change]:
    """Every text and fact that differs between two snapshots, clinical first, then in the new text's order
    (removed texts where they stood in the old one)."""
    old_texts, new_texts = _flat(old), _flat(new)
    order = list(new_texts) + [c for c in old_texts if c not in new_texts]
    found = []
    for context in order:
        before, after = old_texts.get(context, ""), new_texts.get(context, "")
        if before == after:
            continue
        clinical = not editorial(context)
        where = places.get(context, fallback) if context in new_texts else None
        found.append(Change(context, clinical, words(before, after), where))
    return sorted(found, key=lambda change: not change.clinical)  # stable: each group keeps its order


def _flat(snapshot: dict[str, Any]) -> dict[str, str]:
    """A snapshot as {context: text}: its texts, glossary entries and facts (as readable JSON)."""
    flat = dict(snapshot.get("texts", {}))
    flat |= {f"glossary/{term}": text for term, text in snapshot.get("glossary", {}).items()}
    facts = snapshot.get("facts", {})
    for name in ("icd10", "cover"):
        if facts.get(name):
            flat[f"facts/{name}"] = str(facts[name])
    for treatment in facts.get("treatments", []):
        step = f"; step {treatment['step']}" if treatment.get("step") else ""
        sources = ", ".join(treatment.get("sources", []))
        flat[f"facts/treatment/{treatment['id']}"] = f"group {treatment.get('group')}{step}; sources {sources}"
    flat |= {f"facts/source/{key}": citation for key, citation in facts.get("sources", {}).items()}
    # A picture's file changed: its digest stands for it (the reviewer opens the picture itself).
    flat |= {f"facts/picture/{key}": f"file {digest}" for key, digest in facts.get("pictures", {}).items()}
    return flat
