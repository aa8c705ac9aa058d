"""`generate.py check`: readability, trust, consistency, glyphs, images, layout, deck accessibility."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, TODAY, output_file, shipped_variants
from tools import _tool

from generator.checks.consistency import check_consistency as _consistency
from generator.checks.deck import check_deck_accessibility as _deck_accessibility
from generator.checks.readability import measure
from generator.diagnostics import Diagnostics, Location

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
        assert any(f == file and n == line and s == severity and text in m for f, n, s, m in found), (
            file,
            line,
            severity,
            text,
            found,
        )


@pytest.mark.shipped
def test_shipped_content_checks_clean(run):
    """Every clinic, condition and language: no errors; the only warning per unreviewed condition
    is the honest one; readable for patients; items awaiting review listed as notes."""
    from conftest import CONTENT, IMAGES, shipped

    code, report = _check_json(
        CONTENT.parent, "--content", str(CONTENT), "--images", str(IMAGES), "--clinic", "all", run=run
    )
    assert code == 0 and report["errors"] == 0, [d for d in report["diagnostics"] if d["severity"] == "error"]
    unreviewed = [c for c in shipped().conditions if c.condition.clinical_reviewer is None]
    assert [d["message"] for d in report["diagnostics"] if d["severity"] == "warning"] == [
        "no clinical reviewer is named; the outputs stay DRAFT"
    ] * len(unreviewed)
    for condition in shipped().conditions:
        for lang in condition.condition.languages:
            figures = report["readability"][f"{condition.condition.id} ({lang})"]
            if "lix" in figures:
                assert figures["lix"] <= 40, (condition.condition.id, lang, figures)
            else:
                assert figures["flesch"] >= 60 and figures["grade"] <= 8, (condition.condition.id, lang, figures)
    # leaflet, brochure, deck, page per text; per clinic a site index per language and the front page
    languages = {lang for c in shipped().conditions for lang in c.condition.languages}
    expected_outputs = (sum(4 * len(c.condition.languages) for c in shipped().conditions) + 1 + len(languages)) * len(
        shipped().clinics
    )
    assert report["outputs"] == expected_outputs
    if any(c.texts[lang].sections for c in unreviewed for lang in c.texts):
        assert any(
            d["severity"] == "note" and "awaiting clinical review" in d["message"] for d in report["diagnostics"]
        )


def test_strict_turns_warnings_into_errors(project, run):
    relaxed = run(project, "check")
    assert relaxed.code == 0 and "warning: image circle.png prints at 91 ppi" in relaxed.out
    strict = run(project, "check", "--strict")
    assert strict.code == 1 and "--strict" in strict.err


def test_lix_of_a_known_text():
    stats = measure("Dette er en kort setning. Her er enda en.", "nb-NO")
    assert (stats.words, stats.sentences, stats.long_words) == (9, 2, 1)
    assert round(stats.lix, 1) == round(9 / 2 + 100 / 9, 1)


def test_tables_of_leaflet_and_deck_must_agree(project):
    from generator.pipeline.plan import plan
    from generator.pipeline.targets import Options

    options = Options(
        content_dir=project / "content",
        languages=("nb",),
        products=("leaflet", "deck"),
        today=dt.date.fromisoformat(TODAY),
    )
    planned, _ = plan(options, Diagnostics())
    diagnostics = Diagnostics()
    documents = [p.document for p in planned]
    _consistency(documents, diagnostics)
    assert not diagnostics.errors
    leaflet = documents[0]
    fewer = dataclasses.replace(leaflet.table, rows=leaflet.table.rows[:1])
    documents[0] = dataclasses.replace(leaflet, table=fewer)
    _consistency(documents, diagnostics)
    assert [d.message for d in diagnostics.errors] == ["treatment 'pills' is in one table but not in the leaflet's"]


def test_deck_accessibility_reads_the_finished_file(project):
    from pptx import Presentation

    from generator.pipeline.plan import plan
    from generator.pipeline.targets import Options

    planned, _ = plan(
        Options(
            content_dir=project / "content", languages=("nb",), products=("deck",), today=dt.date.fromisoformat(TODAY)
        ),
        Diagnostics(),
    )
    prs = Presentation()
    untitled = prs.slides.add_slide(prs.slide_layouts[6])  # blank: no title at all
    untitled.shapes.add_picture(str(project / "images/circle.png"), 0, 0)
    for _ in range(2):
        prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Samme"
    buffer = io.BytesIO()
    prs.save(buffer)
    diagnostics = Diagnostics()
    _deck_accessibility(buffer.getvalue(), planned[0].document.language_tag, Location("nb.yaml"), diagnostics)
    messages = [d.message for d in diagnostics.errors]
    assert "deck slide 1 has no title" in messages
    assert "deck slide 1: a picture has no alt text" in messages  # python-pptx wrote the file name
    assert "deck slides 2 and 3 have the same title 'Samme'" in messages
    assert any("text without the language nb-NO" in m for m in messages)


def test_qpdf_finds_no_errors_in_any_pdf(outputs):
    from conftest import shipped

    pdfs = sorted(outputs.rglob("*.pdf"))
    per_text = 6  # leaflet, brochure, their print-shop and accessible versions
    assert len(pdfs) == per_text * len(shipped().clinics) * sum(
        len(c.condition.languages) for c in shipped().conditions
    )
    for pdf in pdfs:
        done = subprocess.run([_tool("qpdf"), "--check", str(pdf)], capture_output=True, text=True)
        assert done.returncode == 0 and "No syntax or stream encoding errors" in done.stdout, (pdf.name, done.stdout)


@pytest.mark.parametrize("clinic,condition,lang", shipped_variants())
def test_brochure_text_comes_in_the_order_a_reader_follows(outputs, clinic, condition, lang):
    """Outside: cover, then the flap (read on opening), the back last. Inside: the sections left to right."""
    from conftest import document

    doc = document(condition, lang, clinic=clinic)
    pdf = output_file(outputs, clinic, condition, lang, "brochure")

    def page(n: int) -> str:
        raw = subprocess.run(
            [_tool("pdftotext"), "-raw", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return " ".join(raw.split())

    def in_order(text: str, *marks: str) -> bool:
        positions = [text.find(m) for m in marks]
        return all(p >= 0 for p in positions) and positions == sorted(positions)

    titles = [" ".join(s.title.split()) for s in doc.sections if s.brochure and s.blocks]
    outside, inside = page(1), page(2)
    summary = " ".join("".join(span.text for span in doc.summary).split())[:30]
    assert in_order(outside, summary, doc.labels.about_this_leaflet), outside[:300]
    on_inside = [t for t in titles if t in inside]
    on_flap = [t for t in titles if t not in inside]
    assert on_inside and titles == on_inside + on_flap  # the inside first, the flap carries on
    assert in_order(inside, *on_inside)
    assert in_order(outside, summary, *on_flap, doc.labels.about_this_leaflet)
