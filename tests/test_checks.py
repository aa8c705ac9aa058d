"""`generate.py check`: readability, trust, consistency, glyphs, images, layout, deck accessibility."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
import subprocess
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from generator.checks.preflight import _consistency, _deck_accessibility
from generator.checks.readability import measure
from generator.cli import main
from generator.diagnostics import Diagnostics
from tools import _tool

EXPECT = re.compile(r"#\s*expect:\s*(error|warning|note):\s*(.+?)\s*$")


def _check_json(project: Path, *args: str, run) -> tuple[int, dict]:
    result = run(project, "check", "--json", *args)
    return result.code, json.loads(result.out)


def test_problem_fixture_yields_each_diagnostic_at_its_line(tmp_path, run):
    project = tmp_path / "problems"
    shutil.copytree(FIXTURES / "problems", project)
    expected = []
    for path in sorted((project / "content").rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = EXPECT.search(line)
            if match:
                expected.append((path.relative_to(project).as_posix(), number, match[1], match[2]))
    assert len(expected) >= 8
    code, report = _check_json(project, run=run)
    assert code == 1 and not report["ok"]
    found = [(d["file"], d["line"], d["severity"], d["message"]) for d in report["diagnostics"]]
    for file, line, severity, text in expected:
        assert any(f == file and n == line and s == severity and text in m for f, n, s, m in found), \
            (file, line, severity, text, found)


def test_shipped_content_checks_clean(run):
    code, report = _check_json(ROOT, run=run)
    assert code == 0 and report["errors"] == 0
    # The one honest warning: no clinical reviewer yet (the content is a draft).
    assert [d["message"] for d in report["diagnostics"] if d["severity"] == "warning"] == [
        "no clinical reviewer is named; the outputs stay DRAFT"]
    assert report["readability"]["heel-spur (nb)"]["lix"] <= 40
    english = report["readability"]["heel-spur (en)"]
    assert english["flesch"] >= 60 and english["grade"] <= 8
    assert any(d["severity"] == "note" and "awaiting clinical review" in d["message"] for d in report["diagnostics"])


def test_strict_turns_warnings_into_errors(project, run):
    relaxed = run(project, "check")
    assert relaxed.code == 0 and "warning: image circle.png prints at 109 ppi" in relaxed.out
    strict = run(project, "check", "--strict")
    assert strict.code == 1 and "--strict" in strict.err


def test_lix_of_a_known_text():
    stats = measure("Dette er en kort setning. Her er enda en.", "nb-NO")
    assert (stats.words, stats.sentences, stats.long_words) == (9, 2, 1)
    assert round(stats.lix, 1) == round(9 / 2 + 100 / 9, 1)


def test_tables_of_leaflet_and_deck_must_agree(project):
    from generator import pipeline
    options = pipeline.Options(content_dir=project / "content", languages=("nb",), products=("leaflet", "deck"))
    planned, _ = pipeline.plan(options, Diagnostics())
    diagnostics = Diagnostics()
    _consistency(planned, diagnostics)
    assert not diagnostics.errors
    leaflet = planned[0]
    fewer = dataclasses.replace(leaflet.document.table, rows=leaflet.document.table.rows[:1])
    planned[0] = dataclasses.replace(leaflet, document=dataclasses.replace(leaflet.document, table=fewer))
    _consistency(planned, diagnostics)
    assert [d.message for d in diagnostics.errors] == ["treatment 'pills' is in one table but not in the leaflet's"]


def test_deck_accessibility_reads_the_finished_file(project):
    from pptx import Presentation
    from generator import pipeline
    planned, _ = pipeline.plan(pipeline.Options(content_dir=project / "content", languages=("nb",),
                                                products=("deck",)), Diagnostics())
    prs = Presentation()
    untitled = prs.slides.add_slide(prs.slide_layouts[6])          # blank: no title at all
    picture = untitled.shapes.add_picture(str(project / "images/circle.png"), 0, 0)
    for _ in range(2):
        prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Samme"
    buffer = io.BytesIO()
    prs.save(buffer)
    diagnostics = Diagnostics()
    _deck_accessibility(buffer.getvalue(), planned[0], diagnostics)
    messages = [d.message for d in diagnostics.errors]
    assert "deck slide 1 has no title" in messages
    assert "deck slide 1: a picture has no alt text" in messages            # python-pptx wrote the file name
    assert "deck slides 2 and 3 have the same title 'Samme'" in messages
    assert any("text without the language nb-NO" in m for m in messages)
    assert picture is not None


def test_qpdf_finds_no_errors_in_any_pdf(tmp_path):
    assert main(["--content", str(ROOT / "content"), "--out", str(tmp_path), "--product", "leaflet,brochure,print-shop",
                 "--jobs", "1"]) == 0
    pdfs = sorted(tmp_path.rglob("*.pdf"))
    assert len(pdfs) == 8
    for pdf in pdfs:
        done = subprocess.run([_tool("qpdf"), "--check", str(pdf)], capture_output=True, text=True)
        assert done.returncode == 0 and "No syntax or stream encoding errors" in done.stdout, (pdf.name, done.stdout)


def test_brochure_text_comes_in_the_order_a_reader_follows(tmp_path):
    with redirect_stdout(io.StringIO()):
        assert main(["--content", str(ROOT / "content"), "--out", str(tmp_path), "--product", "brochure",
                     "--lang", "nb", "--jobs", "1"]) == 0
    pdf = tmp_path / "default/heel-spur/nb/heel-spur_nb_brochure.pdf"

    def page(n: int) -> str:
        raw = subprocess.run([_tool("pdftotext"), "-raw", "-f", str(n), "-l", str(n), str(pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
        return " ".join(raw.split())

    def in_order(text: str, *marks: str) -> bool:
        positions = [text.find(m) for m in marks]
        return all(p >= 0 for p in positions) and positions == sorted(positions)

    # Outside: the cover first, then the flap seen on opening it, the back last.
    assert in_order(page(1), "Hælspore gir vondt under hælen, men", "Dette kan du gjøre selv", "Om denne brosjyren")
    # Inside: left to right.
    assert in_order(page(2), "Hva er hælspore?", "Behandling", "Operasjon")
