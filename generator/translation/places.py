"""Where a unit's context lives in a language file's YAML (a ruamel round-trip mapping): the inverse of
``units``, so a translation comes back to the place its source text came from."""

from __future__ import annotations

from typing import Any


def place(data: Any, context: str) -> tuple[Any, Any] | None:
    """(container, key) holding the text of ``context`` in ``data``, or None where the file has no such place.
    Sections and treatments are found by id; blocks and list items by their number (from 1)."""
    parts = context.split("/")
    try:
        if len(parts) == 1:
            return (data, parts[0]) if parts[0] in data else None
        kind = parts[0]
        if kind == "group":
            return data["treatment_groups"], parts[1]
        if kind == "image":
            return data["images"][parts[1]], parts[2]
        if kind == "section":
            section = _by_id(data["sections"], parts[1])
            if len(parts) == 3:
                return section, parts[2]
            block = section[parts[2]][int(parts[3]) - 1]
            if len(parts) == 5:
                return block, parts[4]
            return block[parts[4]], int(parts[5]) - 1
        if kind == "treatment":
            treatment = _by_id(data["treatments"], parts[1])
            if len(parts) == 3:
                return treatment, parts[2]
            words = treatment[parts[2]]
            if len(parts) == 4:
                return words, parts[3]
            return words[parts[3]], int(parts[4]) - 1
    except (KeyError, IndexError, ValueError, TypeError):
        return None
    return None


def _by_id(items: Any, wanted: str) -> Any:
    for item in items:
        if item.get("id") == wanted:
            return item
    raise KeyError(wanted)
