"""Content from many hands (README: "Content you did not write"): nothing in a content folder runs
code, reads a file outside its folder, or becomes markup, a link or an address it did not write.

Each hostile value is planted in a copy of the small test content and the result is judged from
outside: the files written (or not), poppler's text and pikepdf's link annotations of the PDFs,
zbarimg's reading of the QR code, the web page parsed by html5lib, the manifest's JSON, and the
messages a clinic's staff read (file, line, hint, never a traceback).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from support.content import (
    ROOT,
    TODAY,
    edit,
    error_lines,
    line_of,
    second_condition,
)
from support.read import deck_text, loaded, squash
from support.tools import all_of, element_text, html_tree, pdftotext, qr_codes

PAGE = Path("output/default/site/tiny/nb/index.html")
LEAFLET = Path("output/default/tiny/nb/tiny_nb_leaflet.pdf")
MARKER = "pwned.txt"


# --- page templates run in a sandbox ----------------------------------------------------------------


# --- every file stays inside its folder, is a regular file and has a size cap --------------------

needs_symlinks = pytest.mark.skipif(
    not hasattr(os, "symlink") or sys.platform == "win32", reason="symlinks need privileges on Windows"
)


def _in_child(project: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """The CLI in a child process with a deadline: a file read forever must fail the test, not hang it."""
    command = [sys.executable, "-m", "generator", "--jobs", "1", "--today", TODAY, *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"leafdeck {' '.join(args)} did not finish within {timeout} s (reading a file without end?)")


@needs_symlinks
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "fifo"])
def test_a_language_file_that_is_not_a_file_is_refused(project, device):
    second_condition(project)
    en = project / "content/tiny/en.yaml"
    en.unlink()
    if device == "fifo":
        os.mkfifo(en)
    else:
        en.symlink_to(device)
    done = _in_child(project, "check")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    errors = error_lines(done.stderr)
    expected = "leads outside its folder" if device != "fifo" else "not a regular file"
    assert any(e.startswith("content/tiny/en.yaml: error: ") and expected in e for e in errors), done.stderr


# The size caps the README states ("Content you did not write"): YAML 2 MB, page templates 256 KB,
# images 50 MB. Sparse files: the size is checked before a byte is read.
CAPS = {
    "yaml": ("content/tiny/en.yaml", 2 * 1024 * 1024),
    "template": ("content/site/base.html", 256 * 1024),
    "image": ("images/circle.png", 50 * 1024 * 1024),
}


@pytest.mark.parametrize("kind", CAPS)
def test_files_over_their_size_cap_are_refused(project, kind):
    name, cap = CAPS[kind]
    path = project / name
    path.parent.mkdir(exist_ok=True)
    with open(path, "ab") as handle:
        handle.truncate(cap + 1)
    done = _in_child(project, "check")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert any(name in e and "may be at most" in e for e in error_lines(done.stderr)), done.stderr


def test_files_at_their_size_cap_are_read(project):
    """The cap is a limit, not a guess: a YAML file of exactly the cap (padded with a comment) loads."""
    en = project / "content/tiny/en.yaml"
    text = en.read_text(encoding="utf-8")
    en.write_text(text + "#" + "x" * (2 * 1024 * 1024 - len(text.encode()) - 2) + "\n", encoding="utf-8")
    assert en.stat().st_size == 2 * 1024 * 1024
    done = _in_child(project, "check", "--condition", "tiny")
    assert "may be at most" not in done.stderr, done.stderr


# --- addresses stay addresses ----------------------------------------------------------------------


# --- text that looks like markup prints as typed; links go where the field says -------------------

PARAGRAPH = '"<a href=\\"javascript:x\\">klikk</a> &amp; \\" onmouseover=\\"x"'
HOSTILE = {
    "content/tiny/nb.yaml": {
        "title: Liten tilstand": 'title: "Say \\"hi\\" & <b>bye</b> \'x\'"',
        "      - p: Første avsnitt med *kursiv* og <b>AT&T</b>.": "      - p: " + PARAGRAPH,
        "    name: Hvile": "    name: \"<font color='red'>Hvile</font>\"",
    },
    "content/clinics/default.yaml": {
        'name: "Eksempelklinikken"': 'name: "A \\"B\\" & <C> \'D\'"',
        'address: "Gateadresse 1, 0000 Sted"': 'address: "\\"sitert\\" <a href=\'x\'>gate</a> 1"',
        'email: "post@example.org"': 'email: "o\'brien&co@example.org"',
        'web: "https://example.org/hælspore"': "web: \"https://example.org/{lang}/{condition}?q=a&b='c'\"",
    },
}
PRINTED = [
    "Say \"hi\" & <b>bye</b> 'x'",
    '<a href="javascript:x">klikk</a> &amp; " onmouseover="x',
    "<font color='red'>Hvile</font>",
    "A \"B\" & <C> 'D'",
    "\"sitert\" <a href='x'>gate</a> 1",
    "o'brien&co@example.org",
]


def test_markup_characters_print_as_typed_and_links_go_where_the_field_says(project, run, tmp_path):
    for name, changes in HOSTILE.items():
        for old, new in changes.items():
            edit(project / name, old, new)
    result = run(project, "--product", "leaflet,web,page", "--lang", "nb")
    assert result.code == 0, result.err
    squash = "".join
    for pdf in (LEAFLET, LEAFLET.with_name("tiny_nb_leaflet_web.pdf")):
        text = squash(pdftotext(project / pdf).split())
        for typed in PRINTED:
            assert squash(typed.split()) in text, (pdf, typed)
        with pikepdf.open(project / pdf) as opened:
            uris = {str(a.A.URI) for page in opened.pages for a in page.obj.get("/Annots", []) if "/A" in a}
            pages = len(opened.pages)
        assert "mailto:o'brien&co@example.org" in uris
        [web] = [u for u in uris if u.startswith("http")]
        assert unquote(web) == "https://example.org/nb/tiny?q=a&b='c'"
    codes = [code for page in range(1, pages + 1) for code in qr_codes(project / LEAFLET, tmp_path, page=page)]
    assert codes == [web]
    page = element_text(html_tree(project / PAGE))
    for typed in PRINTED[:-1]:
        assert typed in page


# --- characters that hide text or turn its direction -----------------------------------------------


def test_zero_width_spaces_are_removed_with_a_warning(project, run):
    nb = project / "content/tiny/nb.yaml"
    edit(nb, "title: Liten tilstand", 'title: "Liten\u200b til\ufeffstand"')
    result = run(project, "--product", "leaflet,page", "--lang", "nb")
    assert result.code == 0, result.err
    line = line_of(nb, "title:")
    warning = [
        w
        for w in (result.out + result.err).splitlines()
        if w.startswith(f"content/tiny/nb.yaml:{line}:") and ": warning: " in w
    ]
    assert warning and "U+200B" in warning[0] and "removed" in warning[0], result.out
    assert "Liten tilstand" in pdftotext(project / LEAFLET)
    assert "\u200b" not in pdftotext(project / LEAFLET) and "\ufeff" not in pdftotext(project / LEAFLET)
    assert all_of(html_tree(project / PAGE), "h1")[0].text == "Liten tilstand"
    assert run(project, "check", "--strict", "--lang", "nb").code == 1


# --- outputs name no folder of the computer they were built on ------------------------------------


def test_no_output_names_a_folder_of_this_computer(tmp_path, run):
    from support.content import FIXTURES

    home = tmp_path / "home-of-anna-nordmann"
    shutil.copytree(FIXTURES / "minimal", home / "project")
    project = home / "project"
    result = run(project, "--product", "leaflet,brochure,deck,page,print-shop,web")
    assert result.code == 0, result.err
    needles = [str(tmp_path).encode(), b"home-of-anna-nordmann"]
    for path in (project / "output").rglob("*"):
        if not path.is_file():
            continue
        data = [path.read_bytes()]
        if path.suffix == ".pdf":  # every stream uncompressed, as qpdf writes it
            expanded = tmp_path / "expanded.pdf"
            subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(expanded)], check=True)
            data.append(expanded.read_bytes())
        if path.suffix == ".pptx":
            with zipfile.ZipFile(path) as z:
                data += [z.read(n) for n in z.namelist()]
        for blob in data:
            for needle in needles:
                assert needle not in blob, f"{path.relative_to(project)} names {needle!r}"


# --- the deck: a column only when it tells something, a continued table spread evenly -------------


# --- any text in any field: built with the text intact, or a content error ------------------------

# Fields whose value is text a reader sees (ids, codes, dates, colours, files and addresses excluded).
CONDITION_TEXTS = [
    ("authors", 0, "name"),
    ("clinical_reviewer", "name"),
    ("organisation", "name"),
    ("organisation", "contact"),
    ("sources", 0, "citation"),
    ("review", "version"),
    ("images", 0, "credit"),
    ("icd10",),
]
NB_TEXTS = [
    ("title",),
    ("subtitle",),
    ("summary",),
    ("disclaimer",),
    ("feedback",),
    ("treatment_groups", "self-care"),
    ("images", "circle", "alt"),
    ("images", "circle", "caption"),
    ("sections", 0, "title"),
    ("sections", 0, "patient", 0, "p"),
    ("sections", 0, "patient", 2, "list", 1),
    ("sections", 0, "clinician", 0, "p"),
    ("sections", 2, "patient", 0, "list", 0),
    ("treatments", 1, "name"),
    ("treatments", 1, "patient", "what"),
    ("treatments", 1, "patient", "course"),
    ("treatments", 1, "patient", "indications", 0),
    ("treatments", 1, "patient", "contraindications", 0),
    ("treatments", 1, "clinician", "indications", 0),
]
CLINIC_TEXTS = [("name",), ("address",)]
FILES = {
    "content/tiny/condition.yaml": CONDITION_TEXTS,
    "content/tiny/nb.yaml": NB_TEXTS,
    "content/clinics/default.yaml": CLINIC_TEXTS,
}
MARKUP_FIELDS = {"summary", "p", "what", "course", "caption", "list", "indications", "contraindications"}

LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x24F, categories=("L", "N", "P", "S", "Zs"))
PIECES = ["<", ">", "&", '"', "'", "<b>", "</i>", "&amp;", "{lang}", "%s", "\\", "*", "\u200b", "\u200d", "\n", "Ø"]
READABLE = st.lists(st.one_of(LATIN, st.sampled_from(PIECES)), min_size=1, max_size=25).map("".join)
ANYTHING = st.text(st.characters(codec="utf-8"), max_size=25)


def _everything_shown(project: Path) -> str:
    """The text of every product of the run: the PDFs as poppler reads them, the deck's shapes,
    tables and notes, the page's text and alternative texts."""

    out = project / "output/default/tiny/nb"
    tree = html_tree(project / PAGE)
    return "\n".join(
        [
            pdftotext(out / "tiny_nb_leaflet.pdf"),
            pdftotext(out / "tiny_nb_brochure.pdf"),
            deck_text(out / "tiny_nb_deck.pptx"),
            element_text(tree),
            *(img.get("alt") or "" for img in all_of(tree, "img")),
        ]
    )


def _set(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


@pytest.fixture(scope="module")
def clean_tiny(tmp_path_factory):
    from support.content import FIXTURES

    root = tmp_path_factory.mktemp("any-text") / "project"
    shutil.copytree(FIXTURES / "minimal", root)
    return root


@settings(
    max_examples=16,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(readable=st.booleans(), data=st.data())
def test_any_text_in_any_field_builds_intact_or_is_a_content_error(clean_tiny, readable, data):
    import tempfile
    from contextlib import redirect_stderr, redirect_stdout
    from io import StringIO

    from generator.cli import main

    work = Path(tempfile.mkdtemp(prefix="any-text-")) / "project"
    shutil.copytree(clean_tiny, work)
    yaml = YAML()
    planted = []
    for name, fields in FILES.items():
        tree = yaml.load(work / name)
        for path in fields:
            value = data.draw(READABLE if readable else ANYTHING, label=f"{name}:{'/'.join(map(str, path))}")
            _set(tree, path, value)
            planted.append((path, value))
        with open(work / name, "w", encoding="utf-8") as handle:
            yaml.dump(tree, handle)
    out, err, cwd = StringIO(), StringIO(), os.getcwd()
    os.chdir(work)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["--jobs", "1", "--lang", "nb", "--product", "leaflet,brochure,deck,page", "--today", TODAY])
    finally:
        os.chdir(cwd)
    try:
        messages = out.getvalue() + err.getvalue()
        assert code in (0, 1) and "Traceback" not in messages and "internal error" not in messages, messages
        if code == 1:
            for line in error_lines(err.getvalue()):
                assert line.startswith(("content/", "output/")) and line.split(": error: ")[0].count(":") >= 1, line
            return
        shown = _everything_shown(work)
        for path, value in planted:
            ignore = "-\u00ad" + ("*_\\" if MARKUP_FIELDS & {str(k) for k in path} else "")
            assert squash(loaded(value), ignore) in squash(shown, ignore), f"{path}: {value!r} is not shown"
    finally:
        shutil.rmtree(work.parent, ignore_errors=True)
