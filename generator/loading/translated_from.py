"""Which source text each unit of a translation was made from: ``<lang>.sources.json`` beside the language
file, written by ``translate --import`` (issue 24). Read here, under the content rule, as every content file
is; what it means (a unit whose source has changed since is stale) is ``generator.translation.stale``'s."""

from __future__ import annotations

import json
from pathlib import Path

from generator.diagnostics import Diagnostics, Location, display_path

SUFFIX = ".sources.json"


def lock_path(folder: Path, language: str) -> Path:
    return folder / f"{language}{SUFFIX}"


def read_lock(path: Path, diagnostics: Diagnostics) -> dict[str, str]:
    """{context: the source text it was translated from}; {} when there is none. Read under the content rule
    (inside the condition's folder, size-capped), as every content file; a broken file is an error."""
    from generator.loading.yaml_source import read_source  # noqa: PLC0415 - ruamel.yaml: the no-op build names this file only

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
