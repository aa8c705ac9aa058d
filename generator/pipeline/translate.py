"""``generate.py translate``: one gettext PO file per condition and language for the translators
and the way back into the YAML (issue 24), and ``check``'s warnings for translations whose source has changed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import ContentError, Diagnostics, Location, display_path
from generator.loading.content import CONDITION_FILE, load_content
from generator.loading.translated_from import lock_path
from generator.pipeline.output import write_atomic
from generator.pipeline.targets import Options
from generator.translation.places import place
from generator.translation.po import export_po
from generator.translation.stale import lock_bytes, missing, stale
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
        # A language named with --lang that the condition has not got yet: a PO file to start it from.
        starting = [lang for lang in options.languages if lang not in condition.languages and NEW.fullmatch(lang)]
        for language in _translations(condition, options) + starting:
            lock = entry.translated_from.get(language, {})
            text = export_po(
                source,
                units(entry.texts[language]) if language in entry.texts else [],
                previous={unit.context: before for unit, before in stale(source, lock)},
                condition=condition.id,
                source_language=condition.source_language,
                language=language,
                date=condition.review.last_reviewed,
            )
            path = options.out_dir / "translations" / condition.id / f"{condition.id}_{language}.po"
            write_atomic(path, text.encode("utf-8"))
            written.append(path)
    return written


def _translations(condition, options: Options) -> list[str]:
    """The condition's languages other than its source language, as far as ``--lang`` chooses them."""
    return [
        lang
        for lang in condition.languages
        if lang != condition.source_language and (not options.languages or lang in options.languages)
    ]


NEW = re.compile("[a-z]{2,3}")  # a language a condition may gain: a code as condition.yaml's languages: takes
PO_LIMIT = 2 * 1024 * 1024  # bytes: a condition's PO file is some 100 KB


def import_po(options: Options, po_path: Path, diagnostics: Diagnostics) -> list[Path]:
    """Bring a translated PO file back into its language's YAML (``content/<condition>/<lang>.yaml``),
    keeping the file's comments, key order and quoting. Every problem is an error at the PO file's line, and
    nothing is written while any remain. Beside it, ``<lang>.sources.json`` records the source text each unit
    was translated from. Returns the files written (none when nothing changed)."""
    import io  # noqa: PLC0415

    import polib  # noqa: PLC0415
    from ruamel.yaml import YAML  # noqa: PLC0415
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString  # noqa: PLC0415

    shown = display_path(po_path)
    here = Location(shown)
    if not po_path.is_file() or po_path.stat().st_size > PO_LIMIT:
        diagnostics.error(here, "not a PO file of at most 2 MB", "name the .po file the translator sent back")
        raise ContentError(diagnostics)
    try:
        po = polib.pofile(str(po_path), encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as problem:
        diagnostics.error(here, f"not a PO file leafdeck can read: {problem}", "save it from the CAT tool as UTF-8 PO")
        raise ContentError(diagnostics) from None
    project, language = po.metadata.get("Project-Id-Version", ""), po.metadata.get("Language", "")
    condition_id = project.removeprefix("leafdeck ").strip()
    content = load_content(options.content_dir, options.images, diagnostics, conditions_wanted=(condition_id,))
    entry = next((c for c in content.conditions if c.condition.id == condition_id), None)
    if entry is None or not project.startswith("leafdeck "):
        diagnostics.error(here, f"the header names no condition of this content ('{project}')", _HEADER_HINT)
        raise ContentError(diagnostics)
    condition = entry.condition
    folder = entry.folder
    target = folder / f"{language}.yaml"
    # A language the condition does not have yet gets its file, made from the source's (issue 24).
    new = language not in condition.languages and NEW.fullmatch(language) and not target.exists()
    if language == condition.source_language or not new and language not in condition.languages:
        languages = ", ".join(lang for lang in condition.languages if lang != condition.source_language)
        diagnostics.error(
            here,
            f"the header's Language '{language}' is not a translation of {condition_id}",
            f"one of: {languages}; or a new language's code (two or three small letters) with no file yet",
        )
        raise ContentError(diagnostics)
    source = {unit.context: unit for unit in units(entry.texts[condition.source_language])}
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long text
    yaml.indent(mapping=2, sequence=4, offset=2)
    # The content loaded, so every language of the condition has its file.
    original = (folder / f"{condition.source_language}.yaml" if new else target).read_bytes()
    data = yaml.load(original)
    if new:
        _new_language(data, language, condition.source_language, po_path.name)
    applied = set()
    for unit in po:
        where = Location(shown, unit.linenum)
        if unit.obsolete or not unit.msgctxt and not unit.msgid:
            continue
        known = source.get(unit.msgctxt or "")
        if known is None:
            diagnostics.error(where, f"unknown context '{unit.msgctxt}'", "export again: the source has no such text")
            continue
        if unit.msgid != known.text:
            diagnostics.error(
                where,
                f"the source text of '{unit.msgctxt}' has changed since this file was exported",
                "export again and translate the new text",
            )
            continue
        if "fuzzy" in unit.flags:
            diagnostics.error(
                where,
                f"'{unit.msgctxt}' is marked fuzzy",
                "review the translation in the CAT tool and clear the fuzzy mark",
            )
            continue
        if not unit.msgstr.strip():
            diagnostics.error(where, f"'{unit.msgctxt}' is not translated", "translate it, or leave it out of the file")
            continue
        if unit.msgstr.count("**") != unit.msgid.count("**") or unit.msgstr.count("*") != unit.msgid.count("*"):
            diagnostics.error(
                where,
                f"'{unit.msgctxt}': the emphasis (** and *) differs from the source",
                "mark the same words bold or italic as the source does",
            )
            continue
        found = place(data, unit.msgctxt)
        if found is None or (isinstance(found[1], int) and found[1] >= len(found[0])):
            diagnostics.error(
                where,
                f"{display_path(target)} has no place for '{unit.msgctxt}'",
                "give the language file the source's sections, blocks and list items",
            )
            continue
        container, key = found
        old = container[key] if (isinstance(key, int) or key in container) else None
        kind = type(old) if old is not None and type(old) is not str else DoubleQuotedScalarString
        if old != unit.msgstr:
            container[key] = kind(unit.msgstr)
        applied.add(unit.msgctxt)
    left = sorted(source.keys() - applied) if new else []  # else the new file would keep the source's words
    if left:
        named = ", ".join(f"'{c}'" for c in left[:3]) + (f" and {len(left) - 3} more" if len(left) > 3 else "")
        diagnostics.error(
            here,
            "a new language needs every text: "
            + (f"the file translates nothing ({named})" if not applied else f"the file does not translate {named}"),
            f"export again (generate.py translate --condition {condition_id} --lang {language}) and translate "
            "every unit",
        )
    if diagnostics.errors:
        raise ContentError(diagnostics)
    out = io.BytesIO()
    yaml.dump(data, out)
    lock = lock_path(folder, language)
    recorded = entry.translated_from.get(language, {})
    new_lock = lock_bytes(dict(recorded) | {u.msgctxt: u.msgid for u in po if not u.obsolete and u.msgctxt in source})
    written = []
    if new:  # the condition lists its new language (its texts first, so a failed write lists no file)
        write_atomic(target, out.getvalue())
        written.append(target)
        listing = yaml.load(condition_file := folder / CONDITION_FILE)
        listing["languages"].append(language)
        listed = io.BytesIO()
        yaml.dump(listing, listed)
        write_atomic(condition_file, listed.getvalue())
        written.append(condition_file)
        labels = Path(options.content_dir) / "labels" / f"{language}.yaml"
        if not labels.exists():
            diagnostics.note(
                Location(display_path(labels)),
                f"'{language}' has no labels file yet: the fixed words of its outputs",
                f"copy content/labels/en.yaml to {display_path(labels)}, set language: {language} and its "
                "language_tag, and translate its values (README: A language)",
            )
    elif out.getvalue() != original:
        write_atomic(target, out.getvalue())
        written.append(target)
    if not lock.exists() or lock.read_bytes() != new_lock:
        write_atomic(lock, new_lock)  # which source text each unit was translated from
        written.append(lock)
    return written


def _new_language(data, language: str, source_language: str, po_name: str) -> None:
    """Make the source's file (round-trip data) the start of a new language's: its code, no word lists (each
    language writes its own), and DRAFT until a reader of the language has checked it."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString  # noqa: PLC0415 - the import's own parser

    data["language"] = language
    for own in ("glossary", "medical_terms", "needs_review"):
        data.pop(own, None)
    keys = list(data.keys())
    data.insert(
        keys.index("language") + 1,
        "needs_review",
        DoubleQuotedScalarString(
            f"Translated from {source_language} ({po_name}). A qualified reader of this language checks it, adds its "
            "glossary and medical_terms, and then removes this line."
        ),
    )


_HEADER_HINT = 'export the file with generate.py translate: its header says "Project-Id-Version: leafdeck <condition>"'


def warn_stale(options: Options, diagnostics: Diagnostics) -> None:
    """``check``: a warning at each translated unit whose source text has changed since it was translated,
    with the old and the new source (content errors were reported already; then nothing is said here)."""
    try:
        content = load_content(options.content_dir, options.images, Diagnostics(), conditions_wanted=options.conditions)
    except ContentError:
        return
    for entry in content.conditions:
        condition = entry.condition
        source = units(entry.texts[condition.source_language])
        for language in _translations(condition, options):
            lock = entry.translated_from.get(language, {})
            found = stale(source, lock)
            target = units(entry.texts[language])
            places = {unit.context: unit.where for unit in target}
            for unit, before in found:
                diagnostics.warning(
                    places.get(unit.context, unit.where),
                    f"the {condition.source_language} text of '{unit.context}' has changed since this was "
                    f"translated: it was «{before}», it is now «{unit.text}»",
                    f"send the translator the PO file (generate.py translate --condition {condition.id} --lang "
                    f"{language}: the unit is marked fuzzy there) and import it back (translate --import)",
                )
            for unit in missing(source, lock, target):
                diagnostics.warning(
                    unit.where,
                    f"'{unit.context}' is new in the {condition.source_language} text since {language} was "
                    f"translated, and the {language} translation has no such text: «{unit.text}»",
                    f"send the translator the PO file (generate.py translate --condition {condition.id} --lang "
                    f"{language}: the unit is untranslated there) and import it back (translate --import)",
                )


@dataclass(frozen=True)
class Progress:
    """A translation's state, as a translation agency counts it."""

    condition: str
    language: str
    translated: int  # units with a translation that is current (or not known to be behind: no record)
    stale: int  # units whose source text changed since they were translated
    missing: int  # source units the translation has no text for
    words: int  # source words of the stale and missing units: what an agency quotes on


def status(options: Options, diagnostics: Diagnostics) -> tuple[list[Progress], set[tuple[str, str]]]:
    """Per chosen condition and translation: translated, stale, missing and the words to translate; and the
    (condition, language) pairs with no record of their sources (their staleness is unknown: edited by hand,
    never imported). Raises ContentError when the content has errors."""
    content = load_content(options.content_dir, options.images, diagnostics, conditions_wanted=options.conditions)
    diagnostics.raise_if_errors()
    rows, unrecorded = [], set()
    for entry in content.conditions:
        condition = entry.condition
        source = units(entry.texts[condition.source_language])
        for language in _translations(condition, options):
            lock = entry.translated_from.get(language, {})
            if not lock:
                unrecorded.add((condition.id, language))
            target = {unit.context for unit in units(entry.texts[language])}
            behind = {unit.context for unit, _ in stale(source, lock)}
            absent = [unit for unit in source if unit.context not in target]
            todo = [unit for unit in source if unit.context in behind or unit.context not in target]
            rows.append(
                Progress(
                    condition.id,
                    language,
                    translated=sum(1 for unit in source if unit.context in target and unit.context not in behind),
                    stale=len(behind),
                    missing=len(absent),
                    words=sum(len(unit.text.split()) for unit in todo),
                )
            )
    return rows, unrecorded
