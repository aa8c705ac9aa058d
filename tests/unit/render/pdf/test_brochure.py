"""The brochure adapts to the content or says what to leave out (the small content, built in-process)."""

from __future__ import annotations

from support.content import edit, line_of

OUT = "output/default/tiny/nb"


MM = 72 / 25.4


def test_long_text_names_the_blocks_that_free_the_most_room(project, run):
    nb = project / "content/tiny/nb.yaml"
    long = " ".join(["Dette er en ganske lang setning om foten og hælen."] * 40)
    edit(nb, "      - p: Første avsnitt", f"      - p: {long}\n      - p: {long}\n      - p: Første avsnitt")
    # A long callout too, larger than a paragraph: it is never suggested, however much room it takes.
    edit(
        nb,
        "      - list: [Feber, Nattsmerter]",
        "      - list: [" + ", ".join(["Feber og frysninger om natten"] * 70) + "]",
    )
    result = run(project, "--product", "brochure", "--lang", "nb")
    assert result.code == 1 and "Traceback" not in result.err
    assert "the brochure's inside and flap are full" in result.err
    hint = next(line for line in result.err.splitlines() if "hint:" in line and "brochure: false" in line)
    first = line_of(nb, "p: Dette er")
    # Largest first: the section holding the long paragraphs, then one of them; never the table's
    # section or the callout (it says when to see a doctor).
    assert "Behandling" not in hint and "lege" not in hint
    assert f"section 'Om tilstanden' (nb.yaml line {line_of(nb, 'id: about')}" in hint
    assert f"the paragraph (nb.yaml line {first}" in hint or f"the paragraph (nb.yaml line {first + 1}" in hint
    assert "Behandling" not in hint and "lege" not in hint
    assert not (project / OUT / "tiny_nb_brochure.pdf").exists()


def test_a_clinic_too_long_for_the_back_names_the_clinic_file(project, run):
    clinic = project / "content/clinics/default.yaml"
    address = " ".join(["Gateadresse med et svært langt navn"] * 40)
    edit(clinic, 'address: "Gateadresse 1, 0000 Sted"', f'address: "{address}"')
    result = run(project, "--product", "brochure", "--lang", "nb")
    assert result.code == 1 and "Traceback" not in result.err
    assert f"content/clinics/default.yaml:{line_of(clinic, 'name:')}:" in result.err
    assert "back panel is full" in result.err and "clinic's name or address" in result.err


def test_brochure_overflow_names_the_line(project, run):
    long = " ".join(["Dette er en ganske lang setning om foten og hælen."] * 70)
    edit(
        project / "content/tiny/nb.yaml",
        "      - p: Første avsnitt",
        f"      - p: {long}\n      - p: {long}\n      - p: Første avsnitt",
    )
    result = run(project, "--product", "brochure")
    assert result.code == 1
    assert "brochure: the brochure's inside and flap are full" in result.err
    assert "not placed: section 'Om tilstanden'" in result.err
    # The first long paragraph fills the panels; the second one (next line) is where it stops fitting.
    assert f"content/tiny/nb.yaml:{line_of(project / 'content/tiny/nb.yaml', 'p: Dette er') + 1}:" in result.err
    assert not (project / "output/default/tiny/nb/tiny_nb_brochure.pdf").exists()


def test_brochure_panels_are_100_100_97_mm_on_a4():
    from generator.render.pdf.brochure import panels
    from generator.render.pdf.page import Sheet

    outside, inside = panels(Sheet.of("a4", landscape=True, print_shop=False))
    assert [p.name for p in outside] == ["flap", "back", "cover"]
    assert [round(p.width / MM, 1) for p in outside] == [97.0, 100.0, 100.0]
    assert [round(p.width / MM, 1) for p in inside] == [100.0, 100.0, 97.0]
    # Text keeps clear of every fold and sheet edge.
    for panel in outside + inside:
        assert min(panel.left_margin, panel.right_margin) >= 5 * MM


def test_a_cover_too_full_for_its_picture_leaves_it_to_the_section_that_names_it(project, run):
    """A long summary (a longer language, a long clinic name) leaves no room for the cover picture at its
    least height: the cover goes without it and the section that names the picture prints it, once."""
    import pikepdf

    edit(project / "content/tiny/condition.yaml", "treatments:\n", "cover: circle\ntreatments:\n")
    summary = " ".join(["Dette er en ganske lang innledning om foten, hælen og smertene."] * 9)
    edit(project / "content/tiny/nb.yaml", "summary: Dette er en **kort** setning.", f"summary: {summary}")
    result = run(project, "--product", "brochure", "--lang", "nb")
    assert result.code == 0, result.err
    with pikepdf.open(project / OUT / "tiny_nb_brochure.pdf") as pdf:
        outside, inside = (len(page.images) for page in pdf.pages)
    assert (outside, inside) == (0, 1)  # not on the cover; inside, where the section 'Om tilstanden' names it
