"""``generate.py translate``: one gettext PO file per condition and language, judged by gettext's own
``msgfmt --check`` and read back with polib; what it must hold is read from the YAML (support.facts)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from support import facts
from support.content import CONTENT, IMAGES, edit


def _translate(content: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    root = Path(__file__).parents[2]
    command = [sys.executable, str(root / "generate.py"), "translate", "--content", str(content)]
    command += ["--images", str(IMAGES), "--out", str(out), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=root)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("po")
    done = _translate(CONTENT, out)
    assert done.returncode == 0, done.stderr
    return out / "translations"


def _conditions() -> list[tuple[str, str]]:
    found = []
    for folder in sorted(p.parent for p in CONTENT.glob("*/condition.yaml")):
        condition = facts.read(folder / "condition.yaml")
        found += [(folder.name, lang) for lang in condition["languages"] if lang != condition["source_language"]]
    return found


@pytest.mark.parametrize("condition,lang", _conditions())
def test_every_translation_exports_as_a_valid_po_file_with_its_texts_against_the_sources(exported, condition, lang):
    po_path = exported / condition / f"{condition}_{lang}.po"
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po_path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    po = polib.pofile(str(po_path))
    assert po.metadata["Language"] == lang
    source_lang = facts.read(CONTENT / condition / "condition.yaml")["source_language"]
    source, target = facts.texts(CONTENT, condition, source_lang), facts.texts(CONTENT, condition, lang)
    by_context = {entry.msgctxt: entry for entry in po}
    assert len(by_context) == len(po)  # every context once
    # The texts a reader sees, each under a context of ids: the source's text and this language's.
    assert (by_context["title"].msgid, by_context["title"].msgstr) == (source["title"], target["title"])
    names = {t["id"]: t["name"] for t in source["treatments"]}
    for words in target["treatments"]:
        entry = by_context[f"treatment/{words['id']}/name"]
        assert (entry.msgid, entry.msgstr) == (names[words["id"]], words["name"])
        for n, item in enumerate(words["patient"]["contraindications"], start=1):
            assert by_context[f"treatment/{words['id']}/patient/contraindications/{n}"].msgstr == item
    for section in target["sections"]:
        assert by_context[f"section/{section['id']}/title"].msgstr == section["title"]
    # Never an id, a date or an address of the condition file as a text to translate.
    ids = {s["id"] for s in source["sections"]}
    assert not {entry.msgid for entry in po} & ids


def test_moving_a_section_keeps_every_translation_under_its_context(tmp_path):
    """Contexts are built from ids, not list positions: the source's sections reordered, every unit keeps
    its source text and its translation."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    condition = facts.read(content / "heel-spur/condition.yaml")
    source_lang = condition["source_language"]
    lang = next(code for code in condition["languages"] if code != source_lang)
    args = ("--condition", "heel-spur", "--lang", lang)
    assert _translate(content, tmp_path / "first", *args).returncode == 0
    source = content / f"heel-spur/{source_lang}.yaml"
    text = source.read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer(r"^  - id: ", text, flags=re.M)]
    end = text.index("\ntreatments:")
    first_section = text[starts[0] : starts[1]]
    edit(source, first_section, "")  # the first section moves to the end of the sections
    edit(source, "\ntreatments:", "\n" + first_section.rstrip("\n") + "\n\ntreatments:")
    assert end > starts[1]
    done = _translate(content, tmp_path / "second", *args)
    assert done.returncode == 0, done.stderr

    def units(out: Path) -> set[tuple[str, str, str]]:
        po = polib.pofile(str(out / f"translations/heel-spur/heel-spur_{lang}.po"))
        return {(e.msgctxt, e.msgid, e.msgstr) for e in po}

    assert units(tmp_path / "first") == units(tmp_path / "second")
    assert [e.msgctxt for e in polib.pofile(str(tmp_path / f"second/translations/heel-spur/heel-spur_{lang}.po"))][
        -1
    ].startswith("treatment/")


def test_a_language_without_a_translation_is_a_clear_error_and_writes_nothing(tmp_path):
    done = _translate(CONTENT, tmp_path, "--lang", "xx")
    assert done.returncode == 1 and "nothing to export" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "translations").exists()


def test_a_content_error_is_reported_at_its_line_and_nothing_is_written(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    edit(content / "heel-spur/condition.yaml", "source_language: nb", "source_language: nb\nsource_langauge: nb")
    done = _translate(content, tmp_path / "out", "--condition", "heel-spur")
    assert done.returncode == 1 and "heel-spur/condition.yaml:" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


# -- import: the PO file back into the language's YAML ------------------------------------------------


def _import(content: Path, po: Path) -> subprocess.CompletedProcess:
    return _translate(content, po.parent, "--import", str(po))


@pytest.fixture()
def round_trip(tmp_path):
    """A copy of the shipped content and the PO file of its first translation, as exported."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    condition, lang = _conditions()[0]
    assert _translate(content, tmp_path, "--condition", condition, "--lang", lang).returncode == 0
    return content, tmp_path / f"translations/{condition}/{condition}_{lang}.po", condition, lang


@pytest.mark.parametrize("condition,lang", _conditions())
def test_export_then_import_leaves_every_language_file_byte_identical(tmp_path, condition, lang):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    assert _translate(content, tmp_path, "--condition", condition, "--lang", lang).returncode == 0
    done = _import(content, tmp_path / f"translations/{condition}/{condition}_{lang}.po")
    assert done.returncode == 0, done.stderr
    assert (content / condition / f"{lang}.yaml").read_bytes() == (CONTENT / condition / f"{lang}.yaml").read_bytes()


def test_a_po_file_edited_as_a_cat_tool_does_imports_its_new_translation_and_nothing_else(round_trip):
    content, po_path, condition, lang = round_trip
    target = content / condition / f"{lang}.yaml"
    before = target.read_text(encoding="utf-8").splitlines()
    po = polib.pofile(str(po_path))
    words = facts.texts(content, condition, lang)
    treatment = words["treatments"][0]
    context = f"treatment/{treatment['id']}/patient/contraindications/1"
    entry = next(e for e in po if e.msgctxt == context)
    entry.msgstr = "A new contraindication, as the translator wrote it"
    entry.tcomment = "checked with the clinic"
    po.metadata["Last-Translator"] = "A Translator <t@example.org>"
    po.reverse()  # units in another order, lines wrapped at 40 columns
    po.wrapwidth = 40
    po.save(str(po_path))
    done = _import(content, po_path)
    assert done.returncode == 0, done.stderr
    now = facts.read.__wrapped__(target)  # read afresh: facts.read keeps what it read before the import
    assert now["treatments"][0]["patient"]["contraindications"][0] == entry.msgstr
    after = target.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and len(changed) == 1, changed
    assert changed[0][1].strip() == f'- "{entry.msgstr}"'


HOSTILE = {
    "unknown context": (lambda e: setattr(e, "msgctxt", "section/no-such-section/title"), "unknown context"),
    "emphasis lost": (lambda e: setattr(e, "msgstr", e.msgstr + " **bold"), "emphasis"),
    "not translated": (lambda e: setattr(e, "msgstr", ""), "is not translated"),
    "fuzzy": (lambda e: e.flags.append("fuzzy"), "marked fuzzy"),
    "source changed": (lambda e: setattr(e, "msgid", e.msgid + " (older)"), "has changed since"),
}


@pytest.mark.parametrize("change,message", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_broken_unit_is_an_error_at_its_po_line_and_nothing_is_written(round_trip, change, message):
    content, po_path, condition, lang = round_trip
    target = content / condition / f"{lang}.yaml"
    before = target.read_bytes()
    po = polib.pofile(str(po_path))
    title = next(e for e in po if e.msgctxt == "title")
    title.msgstr = "Changed, and must not be written"
    entry = next(e for e in po if e.msgctxt == "summary")
    change(entry)
    po.save(str(po_path))
    lines = po_path.read_text(encoding="utf-8").splitlines()
    done = _import(content, po_path)
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr, done.stderr
    # At the unit's own lines: from where polib says it starts, with no blank line, to its msgctxt.
    at = int(re.search(rf"{re.escape(po_path.name)}:(\d+):", done.stderr)[1])
    context_line = next(n for n, text in enumerate(lines, 1) if text == f'msgctxt "{entry.msgctxt}"')
    assert at <= context_line and all(text.strip() for text in lines[at - 1 : context_line]), (at, context_line)
    assert target.read_bytes() == before


@pytest.mark.parametrize(
    "text,message",
    [
        ("\x00\x01 not a po file \xff", "not a PO file"),
        ('msgid ""\nmsgstr ""\n"Project-Id-Version: leafdeck heel-spur\\n"\n"Language: xx\\n"\n', "not a translation"),
        ('msgid ""\nmsgstr ""\n"Project-Id-Version: something else\\n"\n', "names no condition"),
    ],
)
def test_a_po_file_that_is_not_one_of_ours_is_an_error_and_nothing_is_written(tmp_path, text, message):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    po_path = tmp_path / "hostile.po"
    po_path.write_bytes(text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text)
    done = _import(content, po_path)
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not subprocess.run(["diff", "-r", str(CONTENT), str(content)], capture_output=True).returncode


# -- staleness: a translation that knows its source has changed ----------------------------------------


@pytest.mark.parametrize("condition,lang", _conditions())
def test_every_shipped_translation_records_the_source_it_was_made_from(condition, lang):
    """Its sources file holds, for every unit, the source language's text as it is now (else `check` warns)."""
    lock = facts.read.__wrapped__(CONTENT / condition / f"{lang}.sources.json")
    source_lang = facts.read(CONTENT / condition / "condition.yaml")["source_language"]
    source = facts.texts(CONTENT, condition, source_lang)
    assert lock["units"]["title"] == source["title"]
    for words in source["treatments"]:
        for n, item in enumerate(words["patient"]["contraindications"], start=1):
            assert lock["units"][f"treatment/{words['id']}/patient/contraindications/{n}"] == item


def test_a_changed_source_sentence_is_stale_in_check_fuzzy_in_the_export_and_current_once_reimported(round_trip):
    content, po_path, condition, lang = round_trip
    source_lang = facts.read(content / condition / "condition.yaml")["source_language"]
    old = facts.read.__wrapped__(content / condition / f"{source_lang}.yaml")["summary"]
    new = old.rstrip(".") + ", som regel."
    edit(content / condition / f"{source_lang}.yaml", f'summary: "{old}"', f'summary: "{new}"')
    root = Path(__file__).parents[2]

    def check() -> str:
        command = [sys.executable, str(root / "generate.py"), "check", "--content", str(content)]
        command += ["--images", str(IMAGES), "--condition", condition]
        return subprocess.run(command, capture_output=True, text=True, cwd=root).stdout

    target = content / condition / f"{lang}.yaml"
    lines = target.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("summary:"))

    def stale() -> list[str]:  # this language's warnings (the condition's other translations are stale too)
        return [text for text in check().splitlines() if "has changed since" in text and f"/{lang}.yaml:" in text]

    warned = stale()
    assert len(warned) == 1 and f"{lang}.yaml:{line}:" in warned[0] and old in warned[0] and new in warned[0], warned
    # The next export marks exactly that unit fuzzy, with the old source as the previous msgid.
    assert _translate(content, po_path.parents[2], "--condition", condition, "--lang", lang).returncode == 0
    po = polib.pofile(str(po_path))
    fuzzy = [e for e in po if "fuzzy" in e.flags]
    assert [(e.msgctxt, e.previous_msgid, e.msgid) for e in fuzzy] == [("summary", old, new)]
    # Still fuzzy: refused. Translated again and the mark cleared: imported, and no longer stale.
    assert _import(content, po_path).returncode == 1
    fuzzy[0].flags.remove("fuzzy")
    fuzzy[0].msgstr = "An updated translation"
    po.save(str(po_path))
    done = _import(content, po_path)
    assert done.returncode == 0, done.stderr
    assert not stale()
