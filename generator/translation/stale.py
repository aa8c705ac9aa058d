"""Translations that know when their source has changed (issue 24): beside each translated language file,
``<lang>.sources.json`` keeps the source text each unit was translated from, written by ``translate
--import``. A unit whose source text is no longer that one is stale."""

from __future__ import annotations

import json
from pathlib import Path

from generator.diagnostics import Diagnostics, Location, display_path
from generator.loading.yaml_source import read_source
from generator.translation.units import Unit

SUFFIX = ".sources.json"


def lock_path(folder: Path, language: str) -> Path:
    return folder / f"{language}{SUFFIX}"


def read_lock(path: Path, diagnostics: Diagnostics) -> dict[str, str]:
    """{context: the source text it was translated from}; {} when there is none. Read under the content rule
    (inside the condition's folder, size-capped), as every content file; a broken file is an error."""
    if not path.exists() and not path.is_symlink():
        return {}
    shown = display_path(path)
    data = read_source(path, shown, diagnostics, root=path.parent)
    if data is None:
        return {}
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        problem = f"not JSON leafdeck can read ({error})"
    else:
        units = parsed.get("units") if isinstance(parsed, dict) else None
        if isinstance(units, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in units.items()):
            return units
        problem = 'not a {"units": {context: source text}} mapping'
    hint = "delete it and import the language's PO file again (translate --import)"
    diagnostics.error(Location(shown), problem, hint)
    return {}


def lock_bytes(units: dict[str, str]) -> bytes:
    """The file's bytes: one unit per line, in context order, so a change shows as a line in a diff."""
    return (json.dumps({"units": dict(sorted(units.items()))}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def stale(source: list[Unit], lock: dict[str, str]) -> list[tuple[Unit, str]]:
    """(source unit, the source text its translation was made from) for every unit whose source changed."""
    return [(unit, lock[unit.context]) for unit in source if unit.context in lock and lock[unit.context] != unit.text]
