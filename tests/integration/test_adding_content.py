"""The README's "Adding things" steps, done exactly as written, on a copy of the shipped content.

Each test quotes the README's steps and fails when they change, so the instructions staff follow
and what leafdeck needs cannot drift apart. The language added is Northern Sami (``se``), for which
pyphen has no hyphenation dictionary: it must build without hyphens and ``check`` says so in a note.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from generator.cli import main
from support.content import CONTENT, IMAGES, ROOT, TODAY, shipped
from support.tools import pdfinfo, pdftotext

README = (ROOT / "README.md").read_text(encoding="utf-8")
NEW_LANGUAGE, NEW_TAG = "se", "se-NO"


def _section(title: str) -> str:
    """The README's numbered steps under a bold list item such as '**A language:**'."""
    start = README.index(f"- **{title}:**")
    end = README.index("\n- **", start + 1)
    return " ".join(README[start:end].split())


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of the shipped content and images, as a clinic keeps its own."""
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(IMAGES, tmp_path / "images")
    return tmp_path


def _replace_line(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, new, text, count=1, flags=re.MULTILINE)
    assert count == 1, (path, pattern)
    path.write_text(changed, encoding="utf-8")


def test_a_language_added_as_the_readme_says(copy, capsys):
    steps = _section("A language")
    # The steps this test follows, word for word in the README:
    for step in (
        "add the code to `languages:` in `content/<condition>/condition.yaml`",
        "copy `content/<condition>/<source language>.yaml` to `content/<condition>/<code>.yaml`",
        "set `language: <code>` in it",
        "copy `content/labels/en.yaml` to `content/labels/<code>.yaml`",
        "set `language: <code>` and `language_tag:`",
        "python generate.py check",
    ):
        assert step in steps, step
    condition = shipped().conditions[0].condition
    folder = copy / "content" / condition.id
    # 1. add the code to languages:
    _replace_line(folder / "condition.yaml", r"^languages: \[(.*)\]$", rf"languages: [\1, {NEW_LANGUAGE}]")
    # 2. copy the source language's file and set language: in it (the texts would be translated next)
    shutil.copy(folder / f"{condition.source_language}.yaml", folder / f"{NEW_LANGUAGE}.yaml")
    _replace_line(folder / f"{NEW_LANGUAGE}.yaml", r"^language: \w+$", f"language: {NEW_LANGUAGE}")
    # 3. copy the English labels, set language: and language_tag:
    labels = copy / "content" / "labels" / f"{NEW_LANGUAGE}.yaml"
    shutil.copy(copy / "content" / "labels" / "en.yaml", labels)
    _replace_line(labels, r"^language: \w+$", f"language: {NEW_LANGUAGE}")
    _replace_line(labels, r"^language_tag: .+$", f"language_tag: {NEW_TAG}")
    # 4. check, then build
    args = [
        "--content",
        str(copy / "content"),
        "--images",
        str(copy / "images"),
        "--out",
        str(copy / "output"),
        "--condition",
        condition.id,
        "--today",
        TODAY,
    ]
    assert main(["check", *args]) == 0
    report = capsys.readouterr()
    assert "Traceback" not in report.out + report.err
    assert f"note: no hyphenation dictionary for '{NEW_TAG}'" in report.out
    assert main([*args, "--lang", NEW_LANGUAGE, "--product", "leaflet,brochure,deck,web"]) == 0
    out = copy / "output" / "default" / condition.id / NEW_LANGUAGE
    leaflet = out / f"{condition.id}_{NEW_LANGUAGE}_leaflet.pdf"
    assert int(pdfinfo(leaflet)["Pages"]) <= 4 and f"/Lang ({NEW_TAG})".encode() in leaflet.read_bytes()
    assert "Traceback" not in capsys.readouterr().err
    # Set without hyphens: no line of the leaflet ends in a hyphen the text does not have.
    source_text = (folder / f"{NEW_LANGUAGE}.yaml").read_text(encoding="utf-8")
    for line in pdftotext(leaflet).splitlines():
        word = line.rstrip().split(" ")[-1] if line.strip() else ""
        if word.endswith("-") and len(word) > 2:
            assert word in source_text, word
    deck = Presentation(str(out / f"{condition.id}_{NEW_LANGUAGE}_deck.pptx"))
    assert deck.core_properties.language == NEW_TAG


def test_a_condition_added_as_the_readme_says(copy, capsys):
    steps = _section("A condition")
    for step in (
        "copy an existing condition's folder, e.g. `content/heel-spur/`, to `content/<new-id>/`",
        "set `id: <new-id>` in its `condition.yaml`",
        "python generate.py check --condition <new-id>",
        "python generate.py --condition <new-id>",
    ):
        assert step in steps, step
    source = shipped().conditions[-1].condition
    new_id = f"{source.id}-copy"
    shutil.copytree(copy / "content" / source.id, copy / "content" / new_id)
    _replace_line(copy / "content" / new_id / "condition.yaml", r"^id: .+$", f"id: {new_id}")
    args = [
        "--content",
        str(copy / "content"),
        "--images",
        str(copy / "images"),
        "--out",
        str(copy / "output"),
        "--today",
        TODAY,
    ]
    assert main(["check", *args, "--condition", new_id]) == 0
    assert main([*args, "--condition", new_id]) == 0
    built = sorted(p.name for p in (copy / "output" / "default" / new_id).rglob("*.*"))
    assert len(built) == 3 * len(source.languages)
    assert "Traceback" not in capsys.readouterr().err
