"""The deck of the small content, built in-process and read back with python-pptx: the slides in
order, lists continued, text too long for a slide named at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from ruamel.yaml import YAML

from support.content import (
    edit,
    line_of,
)
from support.read import slide_titles

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


def test_missing_template_is_a_clear_error(project, run):
    result = run(project, "--product", "deck", "--template", "nowhere.pptx")
    assert result.code == 1 and "Traceback" not in result.err
    assert "the template" in result.err and "nowhere.pptx" in result.err


def test_long_list_continues_on_more_slides(project, run):
    items = "\n".join(f"          - Klinisk punkt nummer {i} med litt tekst" for i in range(14))
    edit(
        project / "content/tiny/nb.yaml",
        "    clinician:\n      - p: Klinisk tekst.",
        f"    clinician:\n      - p: Klinisk tekst.\n      - list:\n{items}",
    )
    assert run(project, "--product", "deck", "--lang", "nb").code == 0
    deck = Presentation(str(project / "output/default/tiny/nb/tiny_nb_deck.pptx"))
    titles = slide_titles(deck)
    assert "Om tilstanden" in titles and "Om tilstanden (forts.)" in titles and "Om tilstanden (forts. 2)" in titles
    body = " ".join(s.text_frame.text for slide in deck.slides for s in slide.placeholders if s.has_text_frame)
    assert all(f"nummer {i} " in body for i in range(14))


def test_text_too_long_for_any_slide_names_its_line(project, run):
    nb = project / "content/tiny/nb.yaml"
    huge = " ".join(["ord"] * 900)
    edit(
        nb,
        "    clinician:\n      - p: Klinisk tekst.",
        f"    clinician:\n      - p: Klinisk tekst.\n      - list:\n          - {huge}",
    )
    result = run(project, "--product", "deck", "--lang", "nb")
    assert result.code == 1
    assert f"content/tiny/nb.yaml:{line_of(nb, 'ord ord ord')}:" in result.err
    assert "too long for a whole slide" in result.err


def test_small_deck_has_exactly_the_expected_slides(project, run):
    assert run(project, "--product", "deck", "--lang", "nb").code == 0
    deck = Presentation(str(project / "output/default/tiny/nb/tiny_nb_deck.pptx"))
    assert slide_titles(deck) == [
        "Liten tilstand",
        "Innhold",
        "Om tilstanden",
        "Om tilstanden (forts.)",  # its paragraph, then its figure, in content order
        "Behandlingene sammenlignet",
        "Referanser",  # the overview where the table stands
        "Vedlegg",
        "Behandlingene i detalj",  # the detailed table in the appendix
    ]
    figure_slide = deck.slides[3]
    assert [s.shape_type for s in figure_slide.shapes].count(MSO_SHAPE_TYPE.PICTURE) == 1


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
