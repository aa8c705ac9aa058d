"""Translations that know when their source has changed (issue 24): beside each translated language file,
``<lang>.sources.json`` keeps the source text each unit was translated from, written by ``translate
--import``. A unit whose source text is no longer that one is stale."""

from __future__ import annotations

import json
from pathlib import Path

from generator.diagnostics import Diagnostics, Location, display_path
from generator.translation.units import Unit

SUFFIX = ".sources.json"
LIMIT = 4 * 1024 * 1024  # bytes


def lock_path(folder: Path, language: str) -> Path:
    return folder / f"{language}{SUFFIX}"


def read_lock(path: Path, diagnostics: Diagnostics) -> dict[str, str]:
    """{context: the source text it was translated from}; {} when there is none. A broken file is an error."""
    if not path.exists():
        return {}
    problem = None
    if not path.is_file() or path.stat().st_size > LIMIT:
        problem = "not a file of at most 4 MB"
    else:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            problem = f"not JSON leafdeck can read ({error})"
        else:
            units = data.get("units") if isinstance(data, dict) else None
            if isinstance(units, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in units.items()):
                return units
            problem = 'not a {"units": {context: source text}} mapping'
    diagnostics.error(
        Location(display_path(path)), problem, "delete it and import the language's PO file again (translate --import)"
    )
    return {}


def lock_bytes(units: dict[str, str]) -> bytes:
    """The file's bytes: one unit per line, in context order, so a change shows as a line in a diff."""
    return (json.dumps({"units": dict(sorted(units.items()))}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def stale(source: list[Unit], lock: dict[str, str]) -> list[tuple[Unit, str]]:
    """(source unit, the source text its translation was made from) for every unit whose source changed."""
    return [(unit, lock[unit.context]) for unit in source if unit.context in lock and lock[unit.context] != unit.text]
