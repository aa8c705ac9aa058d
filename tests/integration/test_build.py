"""Building outputs from the small test content: files, text, fonts, metadata, safety."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pptx import Presentation

from support.content import ROOT
from support.tools import pdffonts, pdfinfo, pdftotext

OUT = "output/default/tiny"


def test_build_writes_leaflet_brochure_and_deck_per_language(built):
    files = sorted(
        p.relative_to(built / "output").as_posix()
        for p in (built / "output").rglob("*.*")
        if not p.name.startswith(".") and p.suffix not in (".woff2", ".webp")
    )
    assert files == [
        "default/site/en/index.html",
        "default/site/index.html",
        "default/site/nb/index.html",
        "default/site/tiny/en/index.html",
        "default/site/tiny/nb/index.html",
        "default/tiny/en/tiny_en_brochure.pdf",
        "default/tiny/en/tiny_en_deck.pptx",
        "default/tiny/en/tiny_en_leaflet.pdf",
        "default/tiny/nb/tiny_nb_brochure.pdf",
        "default/tiny/nb/tiny_nb_deck.pptx",
        "default/tiny/nb/tiny_nb_leaflet.pdf",
        "manifest.json",
    ]


def test_leaflet_text_has_table_headers_and_literal_markup(built):
    text = pdftotext(built / OUT / "nb/tiny_nb_leaflet.pdf")
    for word in ("Behandling", "Når brukes den?", "Forløp", "Tabletter", "Magesår", "side 1 av"):
        assert word in text
    assert "<b>AT&T</b>" in text  # content characters are text, never markup
    english = pdftotext(built / OUT / "en/tiny_en_leaflet.pdf")
    assert "When is it used?" in english and "page 1 of" in english


def test_leaflet_embeds_only_its_own_fonts(built):
    fonts = pdffonts(built / OUT / "nb/tiny_nb_leaflet.pdf")
    assert fonts, "no fonts listed"
    for row in fonts:
        name, emb = row[0], row[-5]
        assert "FiraSans" in name and emb == "yes", row


def test_leaflet_metadata(built):
    pdf = built / OUT / "nb/tiny_nb_leaflet.pdf"
    info = pdfinfo(pdf)
    assert info["Title"].startswith("Liten tilstand")
    assert info["Author"] == "Test Forfatter"
    assert info["Subject"] == "Pasientinformasjon" and "X00.0" in info["Keywords"]
    assert info["Page size"].startswith("595.276 x 841.89")
    assert b"/Lang (nb-NO)" in pdf.read_bytes()


def test_deck_is_16_9_with_native_table_notes_and_alt_text(built):
    deck = Presentation(str(built / OUT / "nb/tiny_nb_deck.pptx"))
    assert round(deck.slide_width / deck.slide_height, 3) == round(16 / 9, 3)
    tables = [s.table for slide in deck.slides for s in slide.shapes if s.has_table]
    assert tables and all(t.first_row for t in tables)
    cells = " ".join(c.text for t in tables for row in t.rows for c in row.cells)
    assert "Hvile" in cells and "Tabletter" in cells and "Indikasjoner" in cells
    for slide in deck.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert len(titles) == len(set(titles))
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert [p._element.nvPicPr.cNvPr.get("descr") for p in pictures] == ["En sirkel"]
    langs = {
        r._r.get_or_add_rPr().get("lang")
        for slide in deck.slides
        for s in slide.shapes
        if s.has_text_frame
        for p in s.text_frame.paragraphs
        for r in p.runs
    }
    assert langs == {"nb-NO"}
    assert deck.core_properties.language == "nb-NO"


@pytest.mark.parametrize(
    "command", [[sys.executable, "generate.py", "--help"], [sys.executable, "-m", "generator", "--help"]]
)
def test_entry_points_explain_themselves(command):
    """Both ways in print the same help: every command, every option, the outputs' names, the exit codes."""
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    from generator.cli import parser

    expected = parser()

    def after_usage(text: str) -> str:  # the usage lines hold the program's own name
        return " ".join(text[text.index(expected.description) :].split())

    help_text = after_usage(result.stdout)
    assert help_text == after_usage(expected.format_help())
    for option in (
        "--content",
        "--clinic",
        "--condition",
        "--lang",
        "--product",
        "--paper",
        "--template",
        "--today",
        "--watch",
        "--force",
        "--strict",
        "--json",
    ):
        assert f"{option} " in help_text, option
    assert "build (default) check the content" in help_text and "check check content" in help_text
    assert "exit status: 0 ok, 1 " in help_text and ", 2 wrong command line" in help_text


def test_a_reader_that_stops_early_gets_no_traceback(project):
    """`generate.py check --json | head -1`: the pipe closes before the report is written."""
    import os

    read, write = os.pipe()
    os.close(read)  # the reader has already gone
    from support.content import TODAY

    done = subprocess.run(
        [sys.executable, str(ROOT / "generate.py"), "check", "--json", "--today", TODAY],
        cwd=project,
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )
    os.close(write)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
