"""Translations that know when their source has changed (issue 24): beside each translated language file,
``<lang>.sources.json`` keeps the source text each unit was translated from, written by ``translate
--import`` (read by the loader: ``generator.loading.translated_from``). A unit whose source text is no longer
that one is stale; a stale clinical unit keeps its products DRAFT."""

from __future__ import annotations

import json
from collections.abc import Mapping

from generator.translation.units import Unit


def lock_bytes(units: dict[str, str]) -> bytes:
    """The file's bytes: one unit per line, in context order, so a change shows as a line in a diff."""
    return (json.dumps({"units": dict(sorted(units.items()))}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def stale(source: list[Unit], lock: Mapping[str, str]) -> list[tuple[Unit, str]]:
    """(source unit, the source text its translation was made from) for every unit whose source changed."""
    return [(unit, lock[unit.context]) for unit in source if unit.context in lock and lock[unit.context] != unit.text]


def missing(source: list[Unit], lock: Mapping[str, str], target: list[Unit]) -> list[Unit]:
    """Source units added since the translation was imported: neither its record nor its file has them (only
    for a translation kept through PO, one with a record: a file edited by hand may leave a text out)."""
    if not lock:
        return []
    have = {unit.context for unit in target}
    return [unit for unit in source if unit.context not in lock and unit.context not in have]


CLINICAL_FIELDS = ("indications", "contraindications", "course")


def clinical(context: str) -> bool:
    """Whether a unit is one of a treatment's clinical fields (``treatment/<id>/<audience>/<field>[/<n>]``):
    advice that must not stay out of date in a patient's language."""
    parts = context.split("/")
    return parts[0] == "treatment" and len(parts) >= 4 and parts[3] in CLINICAL_FIELDS
