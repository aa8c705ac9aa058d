"""The leaflet of the small content, built in-process: what does not fit is named at its line."""

from __future__ import annotations

import pytest

from generator.render.pdf.leaflet import first_fitting
from support.content import edit


def test_leaflet_over_six_pages_names_the_longest_section(project, run):
    long = " ".join(["Dette er en ganske lang setning om foten og hælen."] * 250)
    edit(
        project / "content/tiny/nb.yaml",
        "      - p: Første avsnitt",
        f"      - p: {long}\n      - p: {long}\n      - p: Første avsnitt",
    )
    result = run(project, "--product", "leaflet")
    assert result.code == 1
    assert "leaflet: the leaflet needs" in result.err and "at most 6" in result.err
    assert "content/tiny/nb.yaml:" in result.err and "'Om tilstanden'" in result.err
    # Only the failing output is missing: the English leaflet is built all the same.
    assert not (project / "output/default/tiny/nb/tiny_nb_leaflet.pdf").exists()
    assert (project / "output/default/tiny/en/tiny_en_leaflet.pdf").exists()


def test_table_row_taller_than_a_page_is_an_error(project, run):
    many = "\n".join(f"          - Grunn nummer {i} til å la være" for i in range(90))
    edit(project / "content/tiny/nb.yaml", "      contraindications: [Magesår]", f"      contraindications:\n{many}")
    result = run(project, "--product", "leaflet")
    assert result.code == 1
    assert "the table row 'Tabletter' is taller than a page" in result.err
    assert "Traceback" not in result.err


def _linear(pages: list[int], limit: int) -> int | None:
    return next((step for step, count in enumerate(pages) if count <= limit), None)


@pytest.mark.parametrize("limit", [4, 6])
@pytest.mark.parametrize(
    "pages",
    # Page counts per step (each step more compact): every place the first fitting step can be, and none.
    [[4, 4, 3, 3, 3], [5, 4, 4, 4, 4], [5, 5, 4, 4, 3], [5, 5, 5, 4, 4], [5, 5, 5, 5, 4], [7, 7, 6, 6, 5], [7] * 5],
)
def test_the_first_fitting_step_is_found_drawing_fewer_steps(pages, limit):
    """Issue 26: the fit search draws at most four of the five steps and finds what trying each in turn finds."""
    drawn: list[int] = []

    def count(step: int) -> int:
        drawn.append(step)
        return pages[step]

    assert first_fitting(count, len(pages), limit) == _linear(pages, limit)
    assert len(drawn) == len(set(drawn)) <= 4
    if pages[0] <= limit:
        assert drawn == [0]  # a text that fits at the largest type is drawn once
    elif pages[-1] > limit:
        assert drawn == [0, len(pages) - 1]
