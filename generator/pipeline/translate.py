"""``generate.py translate``: one gettext PO file per condition and language for the translators
(issue 24, export; the import back and the staleness of translations are not built yet)."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.loading.content import load_content
from generator.pipeline.output import write_atomic
from generator.pipeline.targets import Options
from generator.translation.po import export_po
from generator.translation.units import units


def export(options: Options, diagnostics: Diagnostics) -> list[Path]:
    """Write ``OUT/translations/<condition>/<condition>_<lang>.po`` for every target language (not the
    source language) of the chosen conditions: the source's texts, and the language's own where it has
    them. Raises ContentError (nothing written) when the content has errors."""
    content = load_content(options.content_dir, options.images, diagnostics, conditions_wanted=options.conditions)
    written = []
    for entry in content.conditions:
        condition = entry.condition
        if options.conditions and condition.id not in options.conditions:
            continue
        source = units(entry.texts[condition.source_language])
        for language in condition.languages:
            if language == condition.source_language or (options.languages and language not in options.languages):
                continue
            text = export_po(
                source,
                units(entry.texts[language]) if language in entry.texts else [],
                condition=condition.id,
                source_language=condition.source_language,
                language=language,
                date=condition.review.last_reviewed,
            )
            path = options.out_dir / "translations" / condition.id / f"{condition.id}_{language}.po"
            write_atomic(path, text.encode("utf-8"))
            written.append(path)
    return written
