"""``generate.py translate``: one gettext PO file per condition and language for the translators
and the way back into the YAML (issue 24), and ``check``'s warnings for translations whose source has changed."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import ContentError, Diagnostics, Location, display_path
from generator.loading.content import CONDITION_FILE, load_content, load_labels, source_languages
from generator.loading.model import Content
from generator.loading.translated_from import lock_path
from generator.pipeline.output import write_atomic
from generator.pipeline.targets import Options
from generator.translation.labels import label_units, placeholders
from generator.translation.places import place
from generator.translation.po import export_po
from generator.translation.stale import lock_bytes, missing, stale
from generator.translation.units import Unit, units


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


LABELS = "labels"  # content/labels/: one file of fixed words per language; its PO file's project name too
DATE = dt.date(2000, 1, 1)  # the labels' PO header: labels carry no date of their own, and the bytes stay the same


def _labels(options: Options, diagnostics: Diagnostics) -> tuple[dict, str]:
    """The labels files, and the language they are translated from: the one most conditions are written in
    (en without any). Only these files are read: a new language may have its condition text and no labels yet."""
    labels = load_labels(Path(options.content_dir), diagnostics)
    diagnostics.raise_if_errors()
    counted = Counter(source_languages(Path(options.content_dir)))
    found = [lang for lang, _ in counted.most_common() if lang in labels]
    return labels, found[0] if found else "en"


def export_labels(options: Options, diagnostics: Diagnostics) -> list[Path]:
    """``translate --labels``: ``OUT/translations/labels/labels_<lang>.po`` per language (``--lang``: those, a
    new language's code too), from the labels of the language the conditions are written in."""
    labels, source_language = _labels(options, diagnostics)
    if source_language not in labels:
        diagnostics.error(
            Location(display_path(Path(options.content_dir) / LABELS / f"{source_language}.yaml")),
            "no labels to translate from",
            "write the labels of the language the conditions are written in",
        )
        raise ContentError(diagnostics)
    source = label_units(labels[source_language])
    written = []
    for language in options.languages or tuple(labels):
        if language == source_language or language not in labels and not NEW.fullmatch(language):
            continue
        target = label_units(labels[language]) if language in labels else []
        text = export_po(
            source,
            target,
            condition=LABELS,
            source_language=source_language,
            language=language,
            date=DATE,
        )
        path = options.out_dir / "translations" / LABELS / f"{LABELS}_{language}.po"
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    return written


def _import_labels(options: Options, po, po_path: Path, diagnostics: Diagnostics) -> list[Path]:
    """The labels' PO file into ``content/labels/<lang>.yaml`` (made from the source language's when there is
    none yet: then every label must be translated)."""
    here = Location(display_path(po_path))
    language = po.metadata.get("Language", "")
    labels, source_language = _labels(options, diagnostics)
    folder = Path(options.content_dir) / LABELS
    target = folder / f"{language}.yaml"
    new = language not in labels and NEW.fullmatch(language) and not target.exists()
    if language == source_language or source_language not in labels or not new and language not in labels:
        diagnostics.error(
            here,
            f"the header's Language '{language}' is not a language of the labels to translate into",
            "a language of content/labels/ other than the source, or a new language's code (two or three small "
            "letters)",
        )
        raise ContentError(diagnostics)
    source = {unit.context: unit for unit in label_units(labels[source_language])}
    yaml = _yaml()
    original = (folder / f"{source_language}.yaml" if new else target).read_bytes()
    data = yaml.load(original)
    if new:  # the codes are the new language's; the source's script, fonts and word lists are not
        data["language"], data["language_tag"] = language, language
        for own in ("script", "fonts", "medical_terms", "attached_prefixes"):
            data.pop(own, None)

    def label_place(data, context: str):
        key = context.removeprefix("label/")
        return (data, key) if context.startswith("label/") and key in data else None

    applied = _apply(po, po_path, source, data, target, label_place, diagnostics)
    if new:
        _all_translated(source, applied, here, f"generate.py translate --labels --lang {language}", diagnostics)
    if diagnostics.errors:
        raise ContentError(diagnostics)
    text = _dumped(yaml, data)
    if not new and text == original:
        return []
    write_atomic(target, text)
    if new:
        diagnostics.note(
            Location(display_path(target), 3),
            f"language_tag is '{language}'",
            "set the BCP 47 tag written into the files (e.g. so-SO, ar-SA), and script: where its name's letters do "
            "not tell it",
        )
    return [target]


NEW = re.compile("[a-z]{2,3}")  # a language a condition may gain: a code as condition.yaml's languages: takes
PO_LIMIT = 2 * 1024 * 1024  # bytes: a condition's PO file is some 100 KB


def import_po(options: Options, po_path: Path, diagnostics: Diagnostics) -> list[Path]:
    """Bring a translated PO file back into its language's YAML (``content/<condition>/<lang>.yaml``, or
    ``content/labels/<lang>.yaml`` for the labels' file), keeping the file's comments, key order and quoting.
    Every problem is an error at the PO file's line, and nothing is written while any remain. Beside a
    condition's language file, ``<lang>.sources.json`` records the source text each unit was translated from.
    Returns the files written (none when nothing changed)."""
    po = _read_po(po_path, diagnostics)
    project = po.metadata.get("Project-Id-Version", "")
    if project == f"leafdeck {LABELS}":
        return _import_labels(options, po, po_path, diagnostics)
    return _import_condition(options, po, po_path, diagnostics)


def _read_po(po_path: Path, diagnostics: Diagnostics):
    import polib  # noqa: PLC0415

    here = Location(display_path(po_path))
    if not po_path.is_file() or po_path.stat().st_size > PO_LIMIT:
        diagnostics.error(here, "not a PO file of at most 2 MB", "name the .po file the translator sent back")
        raise ContentError(diagnostics)
    try:
        return polib.pofile(str(po_path), encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as problem:
        diagnostics.error(here, f"not a PO file leafdeck can read: {problem}", "save it from the CAT tool as UTF-8 PO")
        raise ContentError(diagnostics) from None


def _yaml():
    """ruamel's round trip, set to write back what it read byte for byte."""
    from ruamel.yaml import YAML  # noqa: PLC0415

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long text
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _dumped(yaml, data) -> bytes:
    import io  # noqa: PLC0415

    out = io.BytesIO()
    yaml.dump(data, out)
    return out.getvalue()


def _import_condition(options: Options, po, po_path: Path, diagnostics: Diagnostics) -> list[Path]:
    here = Location(display_path(po_path))
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
    yaml = _yaml()
    # The content loaded, so every language of the condition has its file.
    original = (folder / f"{condition.source_language}.yaml" if new else target).read_bytes()
    data = yaml.load(original)
    if new:
        _new_language(data, language, condition.source_language, po_path.name)
    applied = _apply(po, po_path, source, data, target, place, diagnostics)
    again = f"generate.py translate --condition {condition_id} --lang {language}"
    if new:
        _all_translated(source, applied, here, again, diagnostics)
    if diagnostics.errors:
        raise ContentError(diagnostics)
    text = _dumped(yaml, data)
    lock = lock_path(folder, language)
    recorded = entry.translated_from.get(language, {})
    new_lock = lock_bytes(dict(recorded) | {u.msgctxt: u.msgid for u in po if not u.obsolete and u.msgctxt in source})
    written = []
    if new:  # the condition lists its new language (its texts first, so a failed write lists no file)
        write_atomic(target, text)
        written.append(target)
        listing = yaml.load(condition_file := folder / CONDITION_FILE)
        listing["languages"].append(language)
        write_atomic(condition_file, _dumped(yaml, listing))
        written.append(condition_file)
        labels = Path(options.content_dir) / LABELS / f"{language}.yaml"
        if not labels.exists():
            diagnostics.note(
                Location(display_path(labels)),
                f"'{language}' has no labels file yet: the fixed words of its outputs",
                f"export them for the translator (generate.py translate --labels --lang {language}), or copy "
                f"content/labels/en.yaml to {display_path(labels)} and translate its values (README: A language)",
            )
    elif text != original:
        write_atomic(target, text)
        written.append(target)
    if not lock.exists() or lock.read_bytes() != new_lock:
        write_atomic(lock, new_lock)  # which source text each unit was translated from
        written.append(lock)
    return written


def _apply(po, po_path: Path, source: dict[str, Unit], data, target: Path, where_in, diagnostics) -> set[str]:
    """Write each unit's translation into ``data`` (round-trip YAML) at the place ``where_in(data, context)``
    names; every problem an error at the unit's line. Returns the contexts translated."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString  # noqa: PLC0415

    shown = display_path(po_path)
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
        if placeholders(unit.msgstr) != placeholders(unit.msgid):
            diagnostics.error(
                where,
                f"'{unit.msgctxt}': the placeholders differ from the source ({', '.join(placeholders(unit.msgid))})",
                "keep every {name} of the source as written, untranslated: leafdeck fills it in",
            )
            continue
        found = where_in(data, unit.msgctxt)
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
    return applied


def _all_translated(source, applied: set[str], here: Location, again: str, diagnostics: Diagnostics) -> None:
    """A new language's file starts as the source's: every text must be translated, or it keeps source words."""
    left = sorted(source.keys() - applied)
    if not left:
        return
    named = ", ".join(f"'{c}'" for c in left[:3]) + (f" and {len(left) - 3} more" if len(left) > 3 else "")
    diagnostics.error(
        here,
        "a new language needs every text: "
        + (f"the file translates nothing ({named})" if not applied else f"the file does not translate {named}"),
        f"export again ({again}) and translate every unit",
    )


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


def warn_stale(content: Content, options: Options, diagnostics: Diagnostics) -> None:
    """``check``: a warning at each translated unit whose source text has changed since it was translated,
    with the old and the new source; ``content`` as ``check`` loaded it."""
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
