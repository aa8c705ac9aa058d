"""Freshness: after a full build, each kind of input change rebuilds exactly the outputs made from it.

The content (tests/fixtures/freshness) has two clinics (``default``; ``second`` with a logo), two
conditions (``tiny`` with circle.png, its review due 2027-03-01; ``other`` with square.png, due 2099)
and two languages (nb, en): 24 files, 8 web pages and 6 site indexes, so "nothing else" always covers
at least half of them. Every
case starts from the same full build (made once, copied with its mtimes), changes one input, builds
every clinic again and reads the result three ways: the CLI's table (built or skipped, per output),
the manifest, and the files themselves. An output not made from the change must be reported
skipped and keep its bytes, mtime and manifest entry; one made from it must be rebuilt, with new
bytes (builds are reproducible, so unchanged bytes would mean it never depended on the change).
A second run then skips everything.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from support.content import FIXTURES, ROOT, TODAY, edit
from support.tools import pdfium_text

CLINICS, CONDITIONS, LANGUAGES = ("default", "second"), ("other", "tiny"), ("en", "nb")
PRODUCTS = {"leaflet": "pdf", "brochure": "pdf", "deck": "pptx"}
EVERY = {
    f"{clinic}/{condition}/{lang}/{condition}_{lang}_{product}.{ext}": (clinic, condition, lang, product)
    for clinic in CLINICS
    for condition in CONDITIONS
    for lang in LANGUAGES
    for product, ext in PRODUCTS.items()
}
# The web site: a page per condition and language, an index per language and the front page (lang "").
EVERY |= {
    f"{clinic}/site/{condition}/{lang}/index.html": (clinic, condition, lang, "page")
    for clinic in CLINICS
    for condition in CONDITIONS
    for lang in LANGUAGES
}
EVERY |= {
    f"{clinic}/site/{lang + '/' if lang else ''}index.html": (clinic, "", lang, "site-index")
    for clinic in CLINICS
    for lang in ("", *LANGUAGES)
}
BUILD = ("--clinic", "all", "--jobs", "1")
NOT_YET_DUE = "2027-03-01"  # tiny's next_review itself: not passed yet
DUE = "2027-03-02"  # the day after: tiny is overdue; other's review is due in 2099
TEMPLATE = "ours.pptx"  # a user's template, beside the content (relative, like every path here)


_ROW = re.compile(r"^(\S+/\S+)\s+(built|skipped|failed)\b", re.MULTILINE)


@pytest.fixture(scope="module")
def full_build(tmp_path_factory) -> Path:
    """The fixture content with every output built once, with the tests' fixed date."""
    folder = tmp_path_factory.mktemp("freshness") / "site"
    shutil.copytree(FIXTURES / "freshness", folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)  # relative paths: a copy of the folder has the same fingerprints
        assert main([*BUILD, "--today", TODAY]) == 0
    assert set(_files(folder)) == set(EVERY)
    return folder


@pytest.fixture
def site(full_build, tmp_path) -> Path:
    """A private copy of the full build (mtimes kept) that a test may change."""
    copy = tmp_path / "site"
    shutil.copytree(full_build, copy)
    return copy


def _files(site: Path) -> dict[str, tuple[str, int]]:
    """Output key -> (SHA-256, mtime in ns) of every PDF, PPTX and web page; a page counts with the
    files written beside it (fonts, pictures, logo): one SHA-256 over them all, every mtime."""
    out = site / "output"
    found = {}
    for p in out.rglob("*"):
        if p.suffix in (".pdf", ".pptx"):
            found[p.relative_to(out).as_posix()] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        elif p.name == "index.html":
            beside = sorted(f for f in p.parent.iterdir() if f.is_file())
            digest = hashlib.sha256(b"".join(f.name.encode() + f.read_bytes() for f in beside)).hexdigest()
            found[p.relative_to(out).as_posix()] = (digest, tuple(f.stat().st_mtime_ns for f in beside))
    return found


def _manifest(site: Path) -> dict[str, dict]:
    return json.loads((site / "output/manifest.json").read_text(encoding="utf-8"))["files"]


def _statuses(out: str) -> dict[str, str]:
    """Output key -> status, from the summary table a run over more than 8 outputs prints."""
    return dict(_ROW.findall(out))


def rebuilds_exactly(site: Path, run, made_from: Callable[[str, str, str, str], bool], *args: str) -> set[str]:
    """Build everything again and check that exactly the outputs ``made_from(clinic, condition, lang,
    product)`` were rebuilt and every other one was left alone. Returns the rebuilt keys."""
    expected = {key for key, parts in EVERY.items() if made_from(*parts)}
    files, manifest = _files(site), _manifest(site)
    result = run(site, *BUILD, *args)
    assert result.code == 0, result.err
    statuses = _statuses(result.out)
    assert set(statuses) == set(EVERY), result.out  # every output is reported
    rebuilt = {key for key, status in statuses.items() if status == "built"}
    assert rebuilt == expected, (
        f"rebuilt too much: {sorted(rebuilt - expected)}; too little: {sorted(expected - rebuilt)}"
    )
    assert {statuses[key] for key in set(EVERY) - expected} <= {"skipped"}
    assert f"built {len(expected)}, skipped {len(EVERY) - len(expected)} (unchanged), failed 0" in result.out

    files_after, manifest_after = _files(site), _manifest(site)
    for key in set(EVERY) - expected:  # nothing else was touched
        assert files_after[key] == files[key], f"{key}: bytes or mtime changed"
        assert manifest_after[key] == manifest[key], f"{key}: manifest entry changed"
    for key in expected:  # these were really made again
        assert files_after[key][0] != files[key][0], f"{key}: rebuilt, but with the same bytes"
        assert files_after[key][1] != files[key][1]
        main_file = site / "output" / key
        assert manifest_after[key]["sha256"] == hashlib.sha256(main_file.read_bytes()).hexdigest()
        for name, digest in manifest_after[key].get("files", {}).items():  # a page's fonts and pictures
            assert hashlib.sha256((main_file.parent / name).read_bytes()).hexdigest() == digest
        assert manifest_after[key]["fingerprint"] != manifest[key]["fingerprint"]

    again = run(site, *BUILD, *args)  # and now it is all fresh
    assert again.code == 0 and f"built 0, skipped {len(EVERY)} (unchanged)" in again.out, again.out
    assert _files(site) == files_after
    return rebuilt


def _repaint(path: Path, colour: str) -> None:
    """New pixels under the same name (the picture keeps its size, so the layout does not move)."""
    from PIL import Image

    with Image.open(path) as original:
        size = original.size
    Image.new("RGB", size, colour).save(path, format="PNG")


def _template_with_accent(path: Path, colour: str) -> None:
    """leafdeck's own template with one theme colour changed: a user's template, as PowerPoint saves it."""
    source = ROOT / "generator/templates/leafdeck-16x9.pptx"
    out = io.BytesIO()
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in package.infolist():
            data = package.read(info.filename)
            if info.filename == "ppt/theme/theme1.xml":
                assert b'<a:accent6><a:srgbClr val="F79646"/>' in data
                data = data.replace(
                    b'<a:accent6><a:srgbClr val="F79646"/>', f'<a:accent6><a:srgbClr val="{colour}"/>'.encode()
                )
            copy.writestr(info, data)
    path.write_bytes(out.getvalue())


# (a) an image a condition uses -----------------------------------------------------------------------


def test_a_changed_condition_image_rebuilds_only_that_conditions_outputs(site, run):
    _repaint(site / "images/square.png", "#2E7D32")
    rebuilds_exactly(site, run, lambda clinic, condition, lang, product: condition == "other")


def test_an_image_nobody_uses_rebuilds_nothing(site, run):
    shutil.copy(site / "images/square.png", site / "images/spare.png")
    rebuilds_exactly(site, run, lambda *output: False)
    _repaint(site / "images/spare.png", "#2E7D32")
    rebuilds_exactly(site, run, lambda *output: False)


# (b) a clinic's logo ---------------------------------------------------------------------------------


def test_a_changed_logo_rebuilds_only_that_clinics_outputs(site, run):
    # leafdeck's own template puts the logo on the deck's title slide, so the decks change too.
    _repaint(site / "images/second-logo.png", "#6A1B9A")
    rebuilds_exactly(site, run, lambda clinic, condition, lang, product: clinic == "second")


def test_on_a_users_template_a_changed_logo_rebuilds_only_that_clinics_pdfs(site, run):
    _template_with_accent(site / TEMPLATE, "00A000")
    rebuilds_exactly(site, run, lambda *output: output[3] == "deck", "--template", TEMPLATE)
    _repaint(site / "images/second-logo.png", "#6A1B9A")  # a user's template shows no logo
    rebuilds_exactly(
        site,
        run,
        lambda clinic, condition, lang, product: clinic == "second" and product != "deck",
        "--template",
        TEMPLATE,
    )


# (c) a labels file -----------------------------------------------------------------------------------


def test_a_changed_labels_file_rebuilds_only_that_languages_outputs(site, run):
    labels = site / "content/labels/en.yaml"
    edit(labels, 'version: "Version"', 'version: "Edition"')  # leaflet, brochure and deck footer
    edit(labels, 'treatment: "Treatment"', 'treatment: "Therapy"')
    edit(labels, 'phone: "Phone"', 'phone: "Telephone"')  # every page's and index's contact block
    # The front page is in every language; the nb pages name English only by its language_name.
    rebuilds_exactly(site, run, lambda clinic, condition, lang, product: lang in ("en", ""))


def test_a_changed_language_name_rebuilds_the_pages_that_link_to_that_language(site, run):
    labels = site / "content/labels/en.yaml"
    edit(labels, 'language_name: "English"', 'language_name: "English (UK)"')
    edit(labels, 'version: "Version"', 'version: "Edition"')  # so that every English output changes
    edit(labels, 'phone: "Phone"', 'phone: "Telephone"')
    rebuilds_exactly(
        site, run, lambda clinic, condition, lang, product: lang in ("en", "") or product in ("page", "site-index")
    )


# (d) a clinic file -----------------------------------------------------------------------------------


def test_a_changed_clinic_file_rebuilds_only_that_clinics_outputs(site, run):
    edit(site / "content/clinics/default.yaml", 'name: "Eksempelklinikken"', 'name: "Eksempelklinikken Sentrum"')
    rebuilds_exactly(site, run, lambda clinic, condition, lang, product: clinic == "default")


# (e) the deck's PowerPoint template (--template) ------------------------------------------------------


def test_a_template_rebuilds_only_the_decks(site, run):
    _template_with_accent(site / TEMPLATE, "00A000")
    rebuilds_exactly(site, run, lambda *output: output[3] == "deck", "--template", TEMPLATE)  # a new template
    _template_with_accent(site / TEMPLATE, "A00000")
    rebuilds_exactly(site, run, lambda *output: output[3] == "deck", "--template", TEMPLATE)  # the same, edited
    rebuilds_exactly(site, run, lambda *output: output[3] == "deck")  # back to our own


# (f) a next_review date that has passed ----------------------------------------------------------------


def test_a_review_falling_due_rebuilds_only_that_conditions_outputs(site, run):
    rebuilds_exactly(site, run, lambda *output: False, "--today", "2027-01-15")  # a later day alone: nothing
    rebuilds_exactly(site, run, lambda *output: False, "--today", NOT_YET_DUE)
    # The indexes mark tiny's entry as a draft.
    rebuilds_exactly(
        site,
        run,
        lambda clinic, condition, lang, product: condition == "tiny" or product == "site-index",
        "--today",
        DUE,
    )
    assert "UTKAST" in pdfium_text(site / "output/second/tiny/nb/tiny_nb_leaflet.pdf")  # the DRAFT mark
    assert "UTKAST" not in pdfium_text(site / "output/second/other/nb/other_nb_leaflet.pdf")
    rebuilds_exactly(site, run, lambda *output: False, "--today", "2027-07-01")  # still overdue: nothing


# (g) one language's text -----------------------------------------------------------------------------


def test_a_changed_text_file_rebuilds_only_that_condition_and_language(site, run):
    edit(site / "content/other/nb.yaml", "title: Annen tilstand", "title: Annen tilstand, revidert")
    # The nb index and the front page list its title.
    rebuilds_exactly(
        site,
        run,
        lambda clinic, condition, lang, product: (
            (condition == "other" and lang == "nb") or (product == "site-index" and lang in ("nb", ""))
        ),
    )


def test_a_page_template_rebuilds_only_the_pages_and_indexes(site, run):
    (site / "content/site").mkdir()
    (site / "content/site/base.html").write_text(
        '{% extends "leafdeck/base.html" %}{% block footer_extra %}<p>Egen mal</p>{% endblock %}', encoding="utf-8"
    )
    rebuilds_exactly(site, run, lambda *output: output[3] in ("page", "site-index"))


def test_the_code_digest_is_kept_on_disk_and_follows_every_edit(tmp_path, monkeypatch):
    """code_digest() from the disk cache equals the one computed from the files; editing a source gives
    another; the same bytes back (with their old time) give the first again."""
    import os

    from generator.pipeline import manifest

    code = tmp_path / "generator"
    code.mkdir()
    source = code / "module.py"
    source.write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(manifest, "_CODE", code)
    monkeypatch.setenv("LEAFDECK_CACHE", str(tmp_path / "cache"))

    def digest() -> str:
        manifest.code_digest.cache_clear()
        return manifest.code_digest()

    first = digest()
    assert first == manifest._code_digest([source]) and digest() == first  # the second from the cache
    stamp = source.stat()
    source.write_text("x = 22\n", encoding="utf-8")
    assert digest() != first
    source.write_text("x = 1\n", encoding="utf-8")
    os.utime(source, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert digest() == first
    manifest.code_digest.cache_clear()
