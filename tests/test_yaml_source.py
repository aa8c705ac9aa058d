"""YAML 1.2 semantics and position tracking of the reader."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.loading.yaml_source import POSITIONS_KEY, load_yaml


def _load(tmp_path: Path, text: str):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    return load_yaml(path, "x.yaml", diagnostics), diagnostics


def test_norway_problem_is_absent(tmp_path):
    loaded, diagnostics = _load(tmp_path, "a: no\nb: nb\nc: on\nd: off\ne: yes\nf: NO\n")
    assert not diagnostics.items
    data = {k: v for k, v in loaded.data.items() if k != POSITIONS_KEY}
    assert data == {"a": "no", "b": "nb", "c": "on", "d": "off", "e": "yes", "f": "NO"}


def test_numbers_stay_numbers_so_the_model_can_refuse_them(tmp_path):
    loaded, _ = _load(tmp_path, "a: 0450\nb: 1.10\nc: '0450'\n")
    assert loaded.data["a"] == 450 and loaded.data["b"] == 1.1 and loaded.data["c"] == "0450"


def test_positions_of_keys_values_and_items(tmp_path):
    loaded, _ = _load(tmp_path, "top:\n  name: Kari\n  list:\n    - en\n    - to\n")
    top = loaded.data["top"][POSITIONS_KEY]
    assert (top.keys["name"].line, top.keys["name"].col) == (2, 3)
    assert (top.values["name"].line, top.values["name"].col) == (2, 9)
    assert [(i.line, i.col) for i in top.items["list"]] == [(4, 7), (5, 7)]


def test_whitespace_of_folded_text_is_normalised(tmp_path):
    loaded, _ = _load(tmp_path, "a: |\n  line one\n  line two\n")
    assert loaded.data["a"] == "line one line two"


def test_escaped_control_character_is_rejected_with_position(tmp_path):
    loaded, diagnostics = _load(tmp_path, 'a: ok\nb: "bell \\a here"\n')
    [error] = diagnostics.errors
    assert (error.location.line, error.location.col) == (2, 4)
    assert "U+0007" in error.message


def test_a_file_parsed_again_from_another_folder_names_itself_from_there(tmp_path, monkeypatch):
    """Parses are remembered per file (for --watch); the paths in their messages are relative to the
    working directory, so a parse remembered from another folder must not be reused."""
    import shutil

    from conftest import FIXTURES

    from generator.diagnostics import Diagnostics
    from generator.loading.content import load_content

    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    nb = project / "content/tiny/nb.yaml"
    nb.write_text(nb.read_text(encoding="utf-8").replace("subtitle: En test", "subtitel: En test"), encoding="utf-8")
    seen = []
    for folder in (project, project / "content"):
        monkeypatch.chdir(folder)
        diagnostics = Diagnostics()
        load_content(project / "content", project / "images", diagnostics, partial=True)
        seen.append(next(d.location.file for d in diagnostics.errors if "subtitel" in d.message))
    assert seen == ["content/tiny/nb.yaml", "tiny/nb.yaml"]
