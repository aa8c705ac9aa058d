"""The leaflet of the small content, built in-process: what does not fit is named at its line."""

from __future__ import annotations

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
