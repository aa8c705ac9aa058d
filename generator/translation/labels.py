"""A labels file's translatable words as units (issue 24): the fixed words of every product ("Indications",
"page {page} of {pages}"), each under the context ``label/<key>``. Never the codes (``language``,
``language_tag``, ``script``), the fonts, or the word lists each language writes for itself."""

from __future__ import annotations

import re

from generator.loading.schema import Labels
from generator.translation.units import Unit

CODES = ("language", "language_tag", "script")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def label_units(labels: Labels) -> list[Unit]:
    """Every translatable label of ``labels``, in the schema's order."""
    found = []
    for key in type(labels).model_fields:
        value = getattr(labels, key)
        if key in CODES or not isinstance(value, str):
            continue
        kept = sorted(set(PLACEHOLDER.findall(value)))
        note = f"a fixed word or phrase of every product ({key})"
        if kept:
            note += f"; keep {' and '.join(kept)} as written: leafdeck fills them in"
        found.append(Unit(f"label/{key}", value, note, labels.where(key)))
    return found


def placeholders(text: str) -> list[str]:
    """The ``{name}`` placeholders of a text, sorted: a translation keeps exactly the source's."""
    return sorted(PLACEHOLDER.findall(text))
