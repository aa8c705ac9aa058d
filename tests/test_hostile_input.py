"""Random and hostile content never produces a traceback, a half-written file or a lost output.

Hypothesis writes texts full of markup characters, unclosed tags, control characters, emoji and
endless words into the small test content, or breaks its structure (wrong types, empty or huge
lists, missing fields). Every run must end either in valid outputs (exit 0) or in positioned
diagnostics (exit 1) with the earlier good outputs untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from generator.cli import main

PIECES = ["<", ">", "&", "*", "_", "[", "]", "{", "}", ":", "#", "|", "!", "%", "@", "`", "'", '"', "\\", "/", "-",
          "–", "«", "»", "<b>", "</i>", "<para>", "**", "&amp;", "\u00ad", "\u200b", "\ufeff", "🦶", "👩‍⚕️", "Ø",
          "ß", "Ω", " ", "ord", "\n", "\t", "\x07", "\x00", "\u202e"]
NASTY = st.lists(st.one_of(st.sampled_from(PIECES), st.characters(codec="utf-8")), max_size=60).map("".join)
LONG_WORD = st.integers(min_value=40, max_value=400).map(lambda n: "Hælspore" * (n // 8))
TEXT = st.one_of(NASTY, LONG_WORD, st.just(""), st.just(" "))

# Places in tests/fixtures/minimal/content/tiny/nb.yaml a text can be put.
TEXT_SLOTS = ["title: Liten tilstand", "subtitle: En test", "      - p: Første avsnitt med *kursiv* og <b>AT&T</b>.",
              "          - Punkt én", "      indications: [Sterke smerter]", "      course: 1–2 uker"]
STRUCTURE = [
    ("title: Liten tilstand", "title: 12"),                                # a number where text belongs
    ("title: Liten tilstand", "title: [a, b]"),                            # a list where text belongs
    ("title: Liten tilstand\n", ""),                                        # a missing field
    ("      indications: [Sterke smerter]", "      indications: []"),      # an empty list
    ("          - Punkt én", "\n".join(f"          - Punkt {i}" for i in range(400))),   # a huge list
    ("      - list:\n          - Punkt én\n          - Punkt to", "      - list:"),  # a null list
    ("sections:", "sections: 7\nextra:"),                                   # wrong shapes
]


def _yaml_text(value: str) -> str:
    """A YAML 1.2 double-quoted scalar (JSON is valid YAML) holding exactly ``value``."""
    return json.dumps(value, ensure_ascii=False)


def _slot(line: str, value: str) -> str:
    key, _, old = line.partition(": ")
    if line.strip().startswith("- ") and ": " not in line.strip()[2:]:
        indent = line[: len(line) - len(line.lstrip())]
        return f"{indent}- {_yaml_text(value)}"
    if old.startswith("["):
        return f"{key}: [{_yaml_text(value)}]"
    return f"{key}: {_yaml_text(value)}"


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory):
    """The small content built once; each example starts from a copy of it."""
    root = tmp_path_factory.mktemp("clean") / "project"
    shutil.copytree(FIXTURES / "minimal", root)
    code = _run(root)
    assert code == 0, _run.last_err
    return root


def _run(project: Path, *args: str) -> int:
    out, err = StringIO(), StringIO()
    cwd = os.getcwd()
    os.chdir(project)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["--jobs", "1", "--lang", "nb", "--product", "leaflet,brochure,deck", *args])
    finally:
        os.chdir(cwd)
    _run.last_out, _run.last_err = out.getvalue(), err.getvalue()
    return code


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _assert_outcome(project: Path, before: dict[str, bytes]) -> None:
    code = _run(project)
    out, err = _run.last_out, _run.last_err
    assert code in (0, 1), (code, err)
    assert "Traceback" not in out + err and "internal error" not in err, err
    output = project / "output"
    assert not [p for p in output.rglob("*.tmp")]
    after = _snapshot(output)
    manifest = json.loads(after["manifest.json"]) if "manifest.json" in after else {"files": {}}
    for name, data in after.items():
        if name.endswith((".pdf", ".pptx")):
            if name.endswith(".pdf"):
                assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), name
            else:
                with zipfile.ZipFile(Path(output, name)) as z:
                    assert z.testzip() is None
            if data != before.get(name):
                # Changed files are exactly the ones this run built and recorded.
                assert manifest["files"][name]["sha256"] == hashlib.sha256(data).hexdigest(), name
    if code == 1:
        assert "error:" in err
        for line in err.splitlines():
            if ": error: " in line:
                location = line.split(": error: ")[0]
                assert location.count(":") >= 1 and (location.startswith("content/") or location.startswith("output/")), line


def _copy(clean: Path) -> Path:
    work = Path(tempfile.mkdtemp(prefix="hostile-"))
    shutil.copytree(clean, work / "project")
    return work / "project"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(slot=st.sampled_from(TEXT_SLOTS), value=TEXT)
def test_hostile_texts(clean_build, slot, value):
    project = _copy(clean_build)
    try:
        before = _snapshot(project / "output")
        nb = project / "content/tiny/nb.yaml"
        nb.write_text(nb.read_text(encoding="utf-8").replace(slot, _slot(slot, value), 1), encoding="utf-8")
        _assert_outcome(project, before)
    finally:
        shutil.rmtree(project.parent, ignore_errors=True)


@settings(max_examples=len(STRUCTURE) * 2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(change=st.sampled_from(STRUCTURE))
def test_broken_structure(clean_build, change):
    project = _copy(clean_build)
    try:
        before = _snapshot(project / "output")
        nb = project / "content/tiny/nb.yaml"
        old, new = change
        text = nb.read_text(encoding="utf-8")
        assert old in text
        nb.write_text(text.replace(old, new, 1), encoding="utf-8")
        _assert_outcome(project, before)
    finally:
        shutil.rmtree(project.parent, ignore_errors=True)
