"""A language's units as a gettext PO file (polib), for a translator's CAT tool (Poedit, memoQ, Trados,
Weblate, Crowdin): ``msgctxt`` the unit's context, ``msgid`` the source language's text, ``msgstr`` the
target's where it has one, the translator's note as an extracted comment (``#.``)."""

from __future__ import annotations

import datetime as dt

import polib

from generator.translation.units import Unit


def export_po(
    source: list[Unit],
    target: list[Unit],
    *,
    condition: str,
    source_language: str,
    language: str,
    date: dt.date,
    previous: dict[str, str] | None = None,
) -> str:
    """The PO file's text. ``date``: the content's own (its last review), so the same content exports the
    same bytes. ``previous``: {context: the source text its translation was made from} for units whose source
    has changed since: marked ``fuzzy`` with that text as the previous ``msgid`` (``#|``), so the translator's
    tool shows what changed."""
    po = polib.POFile(wrapwidth=0)
    stamp = f"{date.isoformat()} 00:00+0000"
    po.metadata = {
        "Project-Id-Version": f"leafdeck {condition}",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": source_language,
    }
    done = {unit.context: unit.text for unit in target}
    for unit in source:
        translated = done.get(unit.context, "")
        entry = polib.POEntry(msgctxt=unit.context, msgid=unit.text, msgstr=translated, comment=unit.note)
        if unit.context in (previous or {}):
            entry.flags.append("fuzzy")
            entry.previous_msgctxt, entry.previous_msgid = unit.context, (previous or {})[unit.context]
        po.append(entry)
    return str(po) + "\n"
