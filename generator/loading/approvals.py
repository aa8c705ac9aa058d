"""Clinical approvals as records (issue 25): ``content/<condition>/approvals.json``, written by ``generate.py
approve``. Each record names who approved which language on which date, and keeps what was approved: a
snapshot of everything that reaches that language's readers (its texts, the condition's clinical facts, the
pictures' digests) and the digest of its clinical part. Read here under the content rule; a record whose digest
is not its snapshot's (edited by hand) is an error at its line.

Clinical and editorial: a change to an editorial text (:data:`EDITORIAL`: headings, captions, the disclaimer)
leaves the clinical digest, and so the approval, as it is; any other change asks for a new approval.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics, Location, display_path

FILE = "approvals.json"
# Texts whose change is editorial by declaration (unit contexts, as in translation units): headings, the
# subtitle, picture texts, group names, the disclaimer and feedback lines. Everything else is clinical.
EDITORIAL = (
    "subtitle",
    "disclaimer",
    "feedback",
    "group/*",
    "image/*/alt",
    "image/*/caption",
    "section/*/title",
    "section/*/clinician_title",
    "section/*/part",
)


class Kind(StrEnum):
    """What an approval approves: the whole text (a clinician read it), or a change declared editorial."""

    CLINICAL = "clinical"
    EDITORIAL = "editorial"


@dataclass(frozen=True)
class Approval:
    language: str
    reviewer: str
    role: str
    date: dt.date
    version: str
    kind: Kind  # EDITORIAL: with its reason
    reason: str | None
    digest: str
    snapshot: dict[str, Any]
    where: Location


def editorial(context: str) -> bool:
    return any(fnmatchcase(context, pattern) for pattern in EDITORIAL)


def digest(snapshot: dict[str, Any]) -> str:
    """The digest of a snapshot's clinical part: every text but the editorial ones, the glossary, the facts."""
    clinical = {
        "texts": {k: v for k, v in snapshot.get("texts", {}).items() if not editorial(k)},
        "glossary": snapshot.get("glossary", {}),
        "facts": snapshot.get("facts", {}),
    }
    canonical = json.dumps(clinical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record(entry: Approval) -> dict[str, Any]:
    """An approval as the file holds it."""
    out: dict[str, Any] = {
        "language": entry.language,
        "reviewer": entry.reviewer,
        "role": entry.role,
        "date": entry.date.isoformat(),
        "version": entry.version,
        "kind": str(entry.kind),
    }
    if entry.reason:
        out["reason"] = entry.reason
    return out | {"digest": entry.digest, "snapshot": entry.snapshot}


def file_bytes(entries: list[Approval]) -> bytes:
    """The file: one record after another, keys in a fixed order, a text per line (a diff shows what changed)."""
    data = {"approvals": [record(e) for e in entries]}
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def read(folder: Path, diagnostics: Diagnostics) -> tuple[Approval, ...]:
    """The condition's approvals, in the order they were made; () without a file. Problems are errors."""
    from generator.loading.yaml_source import read_source  # noqa: PLC0415 - ruamel.yaml: not on the no-op path

    path = folder / FILE
    if not path.exists() and not path.is_symlink():
        return ()
    shown = display_path(path)
    data = read_source(path, shown, diagnostics, root=folder)
    if data is None:
        return ()
    hint = "restore it from version control (git checkout -- approvals.json), or approve again"
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        diagnostics.error(Location(shown), f"not JSON leafdeck can read ({error})", hint)
        return ()
    records = parsed.get("approvals") if isinstance(parsed, dict) else None
    if not isinstance(records, list):
        diagnostics.error(Location(shown), 'not an {"approvals": [...]} file', hint)
        return ()
    lines = _record_lines(data)
    found = []
    for number, item in enumerate(records):
        where = Location(shown, lines[number]) if number < len(lines) else Location(shown)
        entry = _entry(item, where, diagnostics, hint)
        if entry is not None:
            found.append(entry)
    return tuple(found)


def _record_lines(data: bytes) -> list[int]:
    """The line each record starts on, as :func:`file_bytes` writes them (each record's ``{`` alone on its line,
    two spaces in)."""
    return [n for n, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1) if line == "  {"]


def _entry(item: Any, where: Location, diagnostics: Diagnostics, hint: str) -> Approval | None:
    texts = ("language", "reviewer", "role", "date", "version", "kind", "digest")
    if not isinstance(item, dict) or not all(isinstance(item.get(k), str) and item.get(k) for k in texts):
        diagnostics.error(where, f"an approval needs {', '.join(texts)} as texts, and a snapshot", hint)
        return None
    snapshot = item.get("snapshot")
    if not isinstance(snapshot, dict):
        diagnostics.error(where, "an approval without its snapshot (what was approved)", hint)
        return None
    try:
        date = dt.date.fromisoformat(item["date"])
    except ValueError:
        diagnostics.error(where, f"'{item['date']}' is not a date (YYYY-MM-DD)", hint)
        return None
    if item["kind"] not in (Kind.CLINICAL, Kind.EDITORIAL):
        diagnostics.error(where, f"kind '{item['kind']}' is neither clinical nor editorial", hint)
        return None
    if digest(snapshot) != item["digest"]:
        diagnostics.error(
            where,
            f"the approval of {item['language']} by {item['reviewer']} on {item['date']} does not match what it "
            "records as approved (its digest or snapshot was edited by hand)",
            hint,
        )
        return None
    reason = item.get("reason") if isinstance(item.get("reason"), str) else None
    return Approval(
        item["language"],
        item["reviewer"],
        item["role"],
        date,
        item["version"],
        item["kind"],
        reason,
        item["digest"],
        snapshot,
        where,
    )
