"""Random and hostile content never produces a traceback, a half-written file, a lost output or lost text.

Hypothesis writes texts full of markup characters, unclosed tags, control characters, emoji and
endless words into the small test content, or breaks its structure (wrong types, empty or huge
lists, missing fields). Every run must end either in valid outputs (exit 0) that carry the text
that was written, or in positioned diagnostics (exit 1) with the earlier good outputs untouched.

The examples are derandomized and no example database is kept: every run (CI or a laptop) tries
the same inputs, so a red test can always be reproduced with ``pytest tests/test_hostile_input.py``.

"The text arrives intact" means, after what leafdeck documents doing to a text:

- the loader (generator/loading/yaml_source.py) turns every run of whitespace, line breaks
  included, into one space, strips the ends and composes the text to NFC; control characters and
  code points XML forbids are refused with an error (exit 1), never dropped;
- in text that takes markup (paragraphs, list items, table cells), ``*``/``_`` emphasis and ``\\``
  escapes are markup, so those three characters are not compared; titles take no markup;
- the PDFs break lines: a line-end hyphen may be added, and a soft hyphen (U+00AD) is a break
  opportunity that is not printed; so whitespace, ``-`` and U+00AD are not compared in PDF text.

Everything else must be in the leaflet's text (pdftotext), and, for text the deck carries, in the
deck's slides, tables or speaker notes (read with python-pptx).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.cli import main
from support.content import FIXTURES, ROOT, TODAY, line_of
from support.read import deck_text, loaded, squash
from support.tools import all_of, element_text, html_tree, pdftotext

PIECES = [
    "<",
    ">",
    "&",
    "*",
    "_",
    "[",
    "]",
    "{",
    "}",
    ":",
    "#",
    "|",
    "!",
    "%",
    "@",
    "`",
    "'",
    '"',
    "\\",
    "/",
    "-",
    "–",
    "«",
    "»",
    "<b>",
    "</i>",
    "<para>",
    "**",
    "&amp;",
    "\u00ad",
    "\u200b",
    "\ufeff",
    "🦶",
    "👩‍⚕️",
    "Ø",
    "ß",
    "Ω",
    " ",
    "ord",
    "\n",
    "\t",
    "\x07",
    "\x00",
    "\u202e",
    "a\u030a",
    "\u00a0",
]
NASTY = st.lists(st.one_of(st.sampled_from(PIECES), st.characters(codec="utf-8")), max_size=60).map("".join)
# Texts that should build (characters Fira Sans has), so that the text checks below get exercised.
PRINTABLE = st.lists(
    st.one_of(
        st.sampled_from([p for p in PIECES if p.isprintable() and p.isascii()] + ["\u00ad", "\n"]),
        st.characters(min_codepoint=0x20, max_codepoint=0x17F, categories=("L", "N", "P", "S", "Zs")),
    ),
    min_size=1,
    max_size=40,
).map("".join)
LONG_WORD = st.integers(min_value=40, max_value=400).map(lambda n: "Hælspore" * (n // 8))
TEXT = st.one_of(PRINTABLE, st.one_of(NASTY, LONG_WORD, st.just(""), st.just(" ")))  # half of them should build

# Places in tests/fixtures/minimal/content/tiny/nb.yaml a text can be put: (line, takes markup,
# the outputs that must show it). Patient text is in the PDFs only, clinician text in the deck only.
SLOTS = {
    "title: Liten tilstand": (False, ("leaflet", "deck")),
    "subtitle: En test": (False, ("leaflet", "deck")),
    "      - p: Første avsnitt med *kursiv* og <b>AT&T</b>.": (True, ("leaflet",)),
    "          - Punkt én": (True, ("leaflet",)),
    "      indications: [Sterke smerter]": (True, ("leaflet",)),
    "      course: 1–2 uker": (True, ("leaflet",)),
    "      - p: Klinisk tekst.": (True, ("deck",)),
    "      indications: [Smerte]": (True, ("deck",)),
}
TEXT_SLOTS = list(SLOTS)
STRUCTURE = [
    ("title: Liten tilstand", "title: 12"),  # a number where text belongs
    ("title: Liten tilstand", "title: [a, b]"),  # a list where text belongs
    ("title: Liten tilstand\n", ""),  # a missing field
    ("      indications: [Sterke smerter]", "      indications: []"),  # an empty list
    ("          - Punkt én", "\n".join(f"          - Punkt {i}" for i in range(400))),  # a huge list
    ("      - list:\n          - Punkt én\n          - Punkt to", "      - list:"),  # a null list
    ("sections:", "sections: 7\nextra:"),  # wrong shapes
]
PRODUCTS = "leaflet,brochure,deck,page"
PAGE = Path("output/default/site/tiny/nb/index.html")
OUT = Path("output/default/tiny/nb")


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
            code = main(["--jobs", "1", "--lang", "nb", "--product", PRODUCTS, "--today", TODAY, *args])
    finally:
        os.chdir(cwd)
    _run.last_out, _run.last_err = out.getvalue(), err.getvalue()
    return code


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _assert_outcome(project: Path, before: dict[str, bytes]) -> int:
    code = _run(project)
    out, err = _run.last_out, _run.last_err
    assert code in (0, 1), (code, err)
    assert "Traceback" not in out + err and "internal error" not in err, err
    output = project / "output"
    assert not [p for p in output.rglob("*.tmp")]
    after = _snapshot(output)
    manifest = json.loads(after["manifest.json"]) if "manifest.json" in after else {"files": {}}
    for name, data in after.items():
        if name.endswith(".html"):
            html_tree(Path(output, name))  # parses as HTML5 without a single error
            if data != before.get(name):
                assert manifest["files"][name]["sha256"] == hashlib.sha256(data).hexdigest(), name
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
                assert location.count(":") >= 1 and (
                    location.startswith("content/") or location.startswith("output/")
                ), line
    return code


MARKUP = "*_\\"
PDF_BREAKS = "-\u00ad"


def assert_text_in_outputs(project: Path, value: str, markup: bool, where: tuple[str, ...]) -> None:
    expected = loaded(value)
    ignore = MARKUP if markup else ""
    if "leaflet" in where:
        pdf = pdftotext(project / OUT / "tiny_nb_leaflet.pdf")
        assert squash(expected, ignore + PDF_BREAKS) in squash(pdf, ignore + PDF_BREAKS), (
            f"{expected!r} is not in the leaflet's text:\n{pdf}"
        )
    if "leaflet" in where:  # the patient web page says what the leaflet says, as text, never as markup
        tree = html_tree(project / PAGE)
        page = element_text(tree)
        assert squash(expected, ignore) in squash(page, ignore), f"{expected!r} is not in the web page's text"
        assert [s.get("type") for s in all_of(tree, "script")] == ["application/ld+json"]
    if "deck" in where:
        deck = deck_text(project / OUT / "tiny_nb_deck.pptx")
        assert squash(expected, ignore) in squash(deck, ignore), f"{expected!r} is not in the deck's text:\n{deck}"


def _copy(clean: Path) -> Path:
    work = Path(tempfile.mkdtemp(prefix="hostile-"))
    shutil.copytree(clean, work / "project")
    return work / "project"


SOUP = "<b>x</i> <para>&amp; AT&T \\*ikke\\* {a} [b] 50% #1 «sitat» – |ok| @x `y` 'z' \"q\" a/b ß Ω Ø"


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(slot=st.sampled_from(TEXT_SLOTS), value=TEXT)
@example(slot="title: Liten tilstand", value=SOUP)
@example(slot="      - p: Klinisk tekst.", value=SOUP)
@example(slot="      - p: Første avsnitt med *kursiv* og <b>AT&T</b>.", value="**fet** og *kursiv* " + SOUP)
@example(slot="          - Punkt én", value=unicodedata.normalize("NFD", "Hælspore på Ålesund, café"))
@example(slot="      indications: [Smerte]", value="  flere\n\tlinjer\u00a0og  mellomrom ")
@example(slot="      - p: Første avsnitt med *kursiv* og <b>AT&T</b>.", value="Hælspore" * 50)
@example(slot="subtitle: En test", value="myk\u00adbindestrek og null\u200bbredde")
def test_hostile_texts(clean_build, slot, value):
    project = _copy(clean_build)
    try:
        before = _snapshot(project / "output")
        nb = project / "content/tiny/nb.yaml"
        nb.write_text(nb.read_text(encoding="utf-8").replace(slot, _slot(slot, value), 1), encoding="utf-8")
        if _assert_outcome(project, before) == 0:
            markup, where = SLOTS[slot]
            assert_text_in_outputs(project, value, markup, where)
    finally:
        shutil.rmtree(project.parent, ignore_errors=True)


@settings(
    max_examples=len(STRUCTURE) * 2,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
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


# --- YAML features content never needs: anchors, aliases, tags, deep nesting ---------------------


def _bomb(levels: int = 9, fanout: int = 10) -> str:
    """'Billion laughs': each anchor a list of ``fanout`` aliases of the one before (10**9 texts)."""
    lines = ['lol0: &lol0 "Hælspore"']
    lines += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * fanout)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + f"\nsummary: *lol{levels}\n"


def test_alias_bomb_is_refused_quickly_at_its_line(project):
    """The whole CLI in a child process, killed if it runs past the deadline (without the fix,
    expanding 10**9 texts takes far longer than that)."""
    nb = project / "content/tiny/nb.yaml"
    nb.write_text(
        nb.read_text(encoding="utf-8").replace("summary: Dette er en **kort** setning.\n", _bomb()), encoding="utf-8"
    )
    line = line_of(nb, "lol0: &lol0")
    args = [sys.executable, "-m", "generator", "--jobs", "1", "--lang", "nb", "--product", "leaflet", "--today", TODAY]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run(args, cwd=project, capture_output=True, text=True, timeout=20, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("an alias bomb was not refused within 20 s")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    [error] = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert error.startswith(f"content/tiny/nb.yaml:{line}:7: error: ") and "anchor ('&lol0')" in error, done.stderr
    assert "hint: put the whole text in quotes" in done.stderr
    assert not (project / "output").exists() or not list((project / "output").rglob("*.pdf"))
