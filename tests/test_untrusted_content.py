"""Content from many hands (README: "Content you did not write"): nothing in a content folder runs
code, reads a file outside its folder, or becomes markup, a link or an address it did not write.

Each hostile value is planted in a copy of the small test content and the result is judged from
outside: the files written (or not), poppler's text and pikepdf's link annotations of the PDFs,
zbarimg's reading of the QR code, the web page parsed by html5lib, the manifest's JSON, and the
messages a clinic's staff read (file, line, hint, never a traceback).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pikepdf
import pytest
from conftest import ROOT, TODAY, edit, line_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from test_hostile_input import deck_text
from tools import all_of, element_text, html_tree, pdftotext, qr_codes

pytestmark = pytest.mark.integration

PAGE = Path("output/default/site/tiny/nb/index.html")
LEAFLET = Path("output/default/tiny/nb/tiny_nb_leaflet.pdf")
MARKER = "pwned.txt"


def _errors(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": error: " in line]


def _no_traceback(result) -> None:
    assert "Traceback" not in result.out + result.err and "internal error" not in result.err, result.err


# --- page templates run in a sandbox ----------------------------------------------------------------

TEMPLATES = {
    "a function's globals": "{{ lipsum.__globals__['os'].system('touch " + MARKER + "') }}",
    "a cycler's globals": "{{ cycler.__init__.__globals__.os.system('touch " + MARKER + "') }}",
    "the class hierarchy": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "a picture's file path": "{% for s in sections %}{% for b in s.blocks %}{% if b.kind == 'figure' %}"
    "{{ b.figure.path.read_text() }}{% endif %}{% endfor %}{% endfor %}",
    "changing the data": "{{ sections.append(1) }}",
    "a text too large for memory": "{{ 'x' * 1000000000 }}",
}


def _template(project: Path, body: str) -> Path:
    site = project / "content/site"
    site.mkdir(exist_ok=True)
    base = site / "base.html"
    base.write_text(
        '{% extends "leafdeck/base.html" %}\n{% block header_extra %}' + body + "{% endblock %}\n", encoding="utf-8"
    )
    return base


@pytest.mark.parametrize("body", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_a_page_template_cannot_reach_python(project, run, body):
    _template(project, body)
    for command in (["check"], ["--product", "page"]):
        result = run(project, *command, "--lang", "nb")
        _no_traceback(result)
        assert result.code == 1, result.err
        assert any(
            e.startswith("content/site/base.html:2: error: ") and "not allowed" in e for e in _errors(result.err)
        ), result.err
        assert "hint: a page template may only show the names leafdeck gives it" in result.err
        assert not (project / MARKER).exists(), "the template ran a command"
    assert not (project / PAGE).exists()


def test_the_readme_example_template_still_works(project, run):
    _template(project, '<p class="opening-hours">Open Monday–Friday 8–16</p>')
    result = run(project, "--product", "page", "--lang", "nb")
    assert result.code == 0, result.err
    header = all_of(html_tree(project / PAGE), "header")[0]
    assert "Open Monday–Friday 8–16" in element_text(header)


def test_the_preview_shows_a_forbidden_template_as_a_problem(project):
    import datetime as dt

    from test_preview import look

    from generator.pipeline.targets import Options
    from generator.preview.engine import PREVIEWED, Engine, Selection

    _template(project, TEMPLATES["a function's globals"])
    options = Options(
        content_dir=project / "content",
        images_dir=project / "images",
        out_dir=project / "output",
        today=dt.date.fromisoformat(TODAY),
        jobs=1,
    )
    engine = Engine(options, PREVIEWED, converter=None)
    engine.start()
    try:
        (shown,) = look(engine, Selection("default", "tiny", "nb"))
    finally:
        engine.stop()
    problems = [(str(d.location), d.message) for d in shown.diagnostics]
    assert any(
        where.endswith("content/site/base.html:2") and "not allowed" in message for where, message in problems
    ), problems
    assert not (project / MARKER).exists()


# --- every file stays inside its folder, is a regular file and has a size cap --------------------

needs_symlinks = pytest.mark.skipif(
    not hasattr(os, "symlink") or sys.platform == "win32", reason="symlinks need privileges on Windows"
)


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file outside the project that no output may ever show."""
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text("TOP-SECRET-OUTSIDE-THE-CONTENT-FOLDER\n", encoding="utf-8")
    return path


def _second_condition(project: Path) -> None:
    """A copy of tiny as 'other', so a build has outputs that must survive a broken condition."""
    shutil.copytree(project / "content/tiny", project / "content/other")
    edit(project / "content/other/condition.yaml", "id: tiny", "id: other")


def _all_output_bytes(project: Path) -> bytes:
    return (
        b"".join(p.read_bytes() for p in (project / "output").rglob("*") if p.is_file())
        if (project / "output").exists()
        else b""
    )


@needs_symlinks
@pytest.mark.parametrize("linked", ["base.html", "inc.html"])
def test_a_template_linked_outside_the_site_folder_is_refused(project, run, secret, linked):
    site = project / "content/site"
    site.mkdir()
    if linked == "inc.html":
        _template(project, '{% include "inc.html" %}')
    (site / linked).symlink_to(secret)
    result = run(project, "--product", "page", "--lang", "nb")
    _no_traceback(result)
    assert result.code == 1
    assert any(
        e.startswith(f"content/site/{linked}: error: ") and "leads outside its folder" in e and str(secret) in e
        for e in _errors(result.err)
    ), result.err
    assert b"TOP-SECRET" not in _all_output_bytes(project)


@needs_symlinks
def test_a_language_file_linked_outside_is_refused_and_the_rest_builds(project, run, secret):
    _second_condition(project)
    nb = project / "content/tiny/nb.yaml"
    outside = secret.parent / "nb.yaml"
    outside.write_text(
        nb.read_text(encoding="utf-8").replace("title: Liten tilstand", "title: TOP-SECRET"), encoding="utf-8"
    )
    nb.unlink()
    nb.symlink_to(outside)
    result = run(project, "--product", "leaflet,page")
    _no_traceback(result)
    assert result.code == 1
    assert any(
        e.startswith("content/tiny/nb.yaml: error: ") and "leads outside its folder" in e and str(outside) in e
        for e in _errors(result.err)
    ), result.err
    assert (project / "output/default/other/nb/other_nb_leaflet.pdf").exists()
    assert b"TOP-SECRET" not in _all_output_bytes(project)


@needs_symlinks
def test_a_link_that_stays_inside_the_content_folder_is_fine(project, run):
    nb = project / "content/tiny/nb.yaml"
    shared = project / "content/shared-texts"
    shared.mkdir()
    shutil.move(nb, shared / "tiny-nb.yaml")
    nb.symlink_to(Path("../shared-texts/tiny-nb.yaml"))
    result = run(project, "--product", "leaflet", "--lang", "nb")
    assert result.code == 0, result.err


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
    _second_condition(project)
    en = project / "content/tiny/en.yaml"
    en.unlink()
    if device == "fifo":
        os.mkfifo(en)
    else:
        en.symlink_to(device)
    done = _in_child(project, "check")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    errors = _errors(done.stderr)
    expected = "leads outside its folder" if device != "fifo" else "not a regular file"
    assert any(e.startswith("content/tiny/en.yaml: error: ") and expected in e for e in errors), done.stderr


@needs_symlinks
def test_an_image_linked_outside_the_images_folder_is_refused(project, run, tmp_path):
    outside = tmp_path / "outside.png"
    shutil.copy(project / "images/circle.png", outside)
    (project / "images/circle.png").unlink()
    (project / "images/circle.png").symlink_to(outside)
    condition = project / "content/tiny/condition.yaml"
    result = run(project, "check")
    _no_traceback(result)
    assert result.code == 1
    line = line_of(condition, "file: circle.png")
    assert any(
        e.startswith(f"content/tiny/condition.yaml:{line}:") and str(outside) in e for e in _errors(result.err)
    ), result.err


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
    assert any(name in e and "may be at most" in e for e in _errors(done.stderr)), done.stderr


def test_files_at_their_size_cap_are_read(project):
    """The cap is a limit, not a guess: a YAML file of exactly the cap (padded with a comment) loads."""
    en = project / "content/tiny/en.yaml"
    text = en.read_text(encoding="utf-8")
    en.write_text(text + "#" + "x" * (2 * 1024 * 1024 - len(text.encode()) - 2) + "\n", encoding="utf-8")
    assert en.stat().st_size == 2 * 1024 * 1024
    done = _in_child(project, "check", "--condition", "tiny")
    assert "may be at most" not in done.stderr, done.stderr


# --- addresses stay addresses ----------------------------------------------------------------------

WEB = {
    "a format spec": ("https://example.org/{condition:x}", "only {condition} and {lang}"),
    "a padding spec": ("https://example.org/{condition:>4000}", "only {condition} and {lang}"),
    "a conversion": ("https://example.org/{lang!r}", "only {condition} and {lang}"),
    "another name": ("https://example.org/{clinic}", "only {condition} and {lang}"),
    "a stray brace": ("https://example.org/{lang}}", "only {condition} and {lang}"),
    "javascript without slashes": ("javascript:alert(1)//{condition}", "only http:// and https://"),
    "javascript with slashes": ("javascript://%0aalert(1)/{condition}", "only http:// and https://"),
    "data": ("data:text/html,<script>alert(1)</script>", "only http:// and https://"),
    "an unclosed IPv6 host": ("https://[::1", "cannot be read"),
    "port 99999": ("https://example.org:99999/{lang}", "cannot be read"),
    "a user name": ("https://clinic.example@evil.example/{lang}", "user name"),
    "a space": ("https://exa mple.org/{lang}", "space"),
    "a bad host": ("https://exa_mple!.org/{lang}", "not a valid host name"),
    "a hidden override": ("https://example.org/\u202egpj.exe", "invisible character"),
}


@pytest.mark.parametrize("case", WEB.values(), ids=WEB.keys())
def test_a_clinic_web_address_that_is_not_an_address_is_an_error_at_its_line(project, run, case):
    value, message = case
    clinic = project / "content/clinics/default.yaml"
    edit(clinic, 'web: "https://example.org/hælspore"', f"web: {json.dumps(value)}")
    result = run(project, "check")
    _no_traceback(result)
    assert result.code == 1
    line = line_of(clinic, "web:")
    errors = [e for e in _errors(result.err) if e.startswith(f"content/clinics/default.yaml:{line}:")]
    assert any(message in e for e in errors), result.err
    assert "hint: write an http(s) address" in result.err


OTHER_ADDRESSES = {
    "a source's javascript link": (
        "content/tiny/condition.yaml",
        '    citation: "A Book. 2020."',
        '    citation: "A Book. 2020."\n    url: "javascript:alert(1)"',
        "url:",
    ),
    "an e-mail with a quote": (
        "content/clinics/default.yaml",
        'email: "post@example.org"',
        "email: 'post\"@example.org'",
        "email:",
    ),
    "an e-mail with an attribute": (
        "content/clinics/default.yaml",
        'email: "post@example.org"',
        "email: 'a@b.org\" onmouseover=\"alert(1)'",
        "email:",
    ),
    "a phone with markup": (
        "content/clinics/default.yaml",
        'phone: "+47 00 00 00 00"',
        'phone: "+47 00 <b>00</b>"',
        "phone:",
    ),
    "an organisation's web address": (
        "content/tiny/condition.yaml",
        "  contact: test@example.org",
        '  contact: test@example.org\n  web: "vbscript:msgbox"',
        "web:",
    ),
}


@pytest.mark.parametrize("case", OTHER_ADDRESSES.values(), ids=OTHER_ADDRESSES.keys())
def test_every_address_that_becomes_a_link_is_checked_at_its_line(project, run, case):
    name, old, new, key = case
    edit(project / name, old, new)
    result = run(project, "check")
    _no_traceback(result)
    assert result.code == 1
    line = line_of(project / name, key)
    assert any(e.startswith(f"{name}:{line}:") for e in _errors(result.err)), result.err


# --- text that looks like markup prints as typed; links go where the field says -------------------

HOSTILE = {
    "content/tiny/nb.yaml": {
        "title: Liten tilstand": 'title: "Say \\"hi\\" & <b>bye</b> \'x\'"',
        "      - p: Første avsnitt med *kursiv* og <b>AT&T</b>.": '      - p: "<a href=\\"javascript:x\\">klikk</a> &amp; \\" onmouseover=\\"x"',
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

DIRECTION = {
    "RLO": "\u202e",
    "LRE": "\u202a",
    "PDF": "\u202c",
    "LRI": "\u2066",
    "PDI": "\u2069",
    "tag letter": "\U000e0041",
}


@pytest.mark.parametrize("char", DIRECTION.values(), ids=DIRECTION.keys())
def test_direction_changing_characters_are_refused_at_their_line(project, run, char):
    nb = project / "content/tiny/nb.yaml"
    edit(nb, "title: Liten tilstand", f'title: "Liten {char}gpj.exe"')
    result = run(project, "check", "--lang", "nb")
    _no_traceback(result)
    assert result.code == 1
    line = line_of(nb, "title:")
    [error] = [e for e in _errors(result.err) if e.startswith(f"content/tiny/nb.yaml:{line}:")]
    assert f"U+{ord(char):04X}" in error and "direction" in error
    assert "hint: delete it" in result.err


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


def test_the_marks_and_joiners_scripts_need_stay(tmp_path):
    from generator.diagnostics import Diagnostics
    from generator.loading.yaml_source import load_yaml

    kept = "می\u200cخواهم \u200d a\u200eb\u200f c\u061c d\u00ade"
    path = tmp_path / "x.yaml"
    path.write_text(f"a: {json.dumps(kept)}\n", encoding="utf-8")
    diagnostics = Diagnostics()
    loaded = load_yaml(path, "x.yaml", diagnostics)
    assert not diagnostics.items and loaded.data["a"] == kept


# --- outputs name no folder of the computer they were built on ------------------------------------


def test_no_output_names_a_folder_of_this_computer(tmp_path, run):
    from conftest import FIXTURES

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

INDICATIONS = [
    "Sterke smerter om morgenen etter hvile",
    "Smerter som hindrer søvn og arbeid",
    "Når egenbehandling ikke har hjulpet",
    "Hevelse og stivhet over flere uker",
    "Smerter ved gange",
]
CONTRAINDICATIONS = [
    "Magesår eller blødning fra mage og tarm",
    "Nyresykdom eller hjertesvikt",
    "Graviditet i siste tredjedel",
    "Allergi mot virkestoffet",
    "Astma som forverres av NSAID",
]


def _treatments(project: Path, items: list[int], stepped: bool = False) -> None:
    """One treatment per entry of ``items``, each with that many indications and contraindications
    (the same texts throughout, so row heights follow ``items``)."""
    yaml = YAML()
    condition_file, nb_file = project / "content/tiny/condition.yaml", project / "content/tiny/nb.yaml"
    condition, nb = yaml.load(condition_file), yaml.load(nb_file)
    condition["treatments"] = [
        {"id": f"t{i}", "group": "medication", "sources": ["book"], **({"step": 1} if stepped else {})}
        for i in range(len(items))
    ]
    if stepped:  # the clinician pathway the steps count in
        nb["sections"][0]["clinician"].insert(0, {"steps": ["Hvile", "Tabletter"]})

    def words(n: int) -> dict:
        return {
            "what": "Tabletter som demper smerte og betennelse i noen uker.",
            "course": "1–2 uker",
            "indications": INDICATIONS[:n],
            "contraindications": CONTRAINDICATIONS[:n],
        }

    nb["treatments"] = [
        {"id": f"t{i}", "name": f"Tabletter {i + 1}", "patient": words(n), "clinician": words(n)}
        for i, n in enumerate(items)
    ]
    yaml.dump(condition, condition_file)
    yaml.dump(nb, nb_file)
    (project / "content/tiny/en.yaml").unlink()
    edit(condition_file, "languages: [nb, en]", "languages: [nb]")


def _tables(deck: Path) -> list[tuple[str, list[str], int]]:
    from pptx import Presentation

    found = []
    for slide in Presentation(deck).slides:
        for shape in slide.shapes:
            if shape.has_table:
                rows = list(shape.table.rows)
                found.append((slide.shapes.title.text_frame.text, [c.text for c in rows[0].cells], len(rows) - 1))
    return found


def _labels(project: Path) -> dict:
    return YAML(typ="safe").load(project / "content/labels/nb.yaml")


def test_the_overview_has_no_step_column_when_no_treatment_has_a_step(project, run):
    _treatments(project, [3] * 6)
    result = run(project, "--product", "deck", "--lang", "nb")
    assert result.code == 0, result.err
    labels = _labels(project)
    overview = [
        t
        for t in _tables(project / "output/default/tiny/nb/tiny_nb_deck.pptx")
        if t[0].startswith(labels["comparison"]) and not t[0].startswith(labels["comparison_details"])
    ]
    assert len(overview) == 1, overview
    assert overview[0][1] == [labels["treatment"], labels["key_indication"], labels["key_contraindication"]]
    assert overview[0][2] == 6


def test_the_overview_keeps_the_step_column_when_it_tells_something(project, run):
    _treatments(project, [3] * 3, stepped=True)
    result = run(project, "--product", "deck", "--lang", "nb")
    assert result.code == 0, result.err
    labels = _labels(project)
    headers = [
        t[1] for t in _tables(project / "output/default/tiny/nb/tiny_nb_deck.pptx") if t[0] == labels["comparison"]
    ]
    assert headers == [[labels["treatment"], labels["step"], labels["key_indication"], labels["key_contraindication"]]]


@pytest.mark.parametrize("items", [[1] * 10, [2, 2, 2, 2, 1]], ids=["ten alike", "one short row last"])
def test_a_table_continued_over_slides_spreads_its_rows_evenly(project, run, items):
    _treatments(project, items)
    result = run(project, "--product", "deck", "--lang", "nb")
    assert result.code == 0, result.err
    labels = _labels(project)
    counts = [
        n
        for title, _, n in _tables(project / "output/default/tiny/nb/tiny_nb_deck.pptx")
        if title.startswith(labels["comparison_details"])
    ]
    assert sum(counts) == len(items) and len(counts) >= 2, f"rows cut or not continued: {counts}"
    assert max(counts) - min(counts) <= 1, f"rows per appendix slide: {counts}"


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
INVISIBLE = "\u200b\u2060\ufeff\u180e\u2061\u2062\u2063\u2064"


def _loaded(value: str) -> str:
    """What the README says the loader makes of a text: invisible spaces removed, whitespace runs
    as one space, NFC."""
    value = "".join(c for c in value if c not in INVISIBLE)
    return unicodedata.normalize("NFC", " ".join(value.split()))


def _squash(text: str, ignore: str) -> str:
    return "".join(c for c in text if not c.isspace() and c not in ignore)


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
    from conftest import FIXTURES

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
        loaded = yaml.load(work / name)
        for path in fields:
            value = data.draw(READABLE if readable else ANYTHING, label=f"{name}:{'/'.join(map(str, path))}")
            _set(loaded, path, value)
            planted.append((path, value))
        with open(work / name, "w", encoding="utf-8") as handle:
            yaml.dump(loaded, handle)
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
            for line in _errors(err.getvalue()):
                assert line.startswith(("content/", "output/")) and line.split(": error: ")[0].count(":") >= 1, line
            return
        shown = _everything_shown(work)
        for path, value in planted:
            ignore = "-\u00ad" + ("*_\\" if MARKUP_FIELDS & {str(k) for k in path} else "")
            assert _squash(_loaded(value), ignore) in _squash(shown, ignore), f"{path}: {value!r} is not shown"
    finally:
        shutil.rmtree(work.parent, ignore_errors=True)
