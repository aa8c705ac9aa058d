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
