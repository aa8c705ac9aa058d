"""The leaflet and the tri-fold brochure as a clinic and a print shop receive them."""

from __future__ import annotations

import pytest

from conftest import ROOT, edit, line_of
from tools import font_sizes, images_on_page, pdffonts, pdfinfo, pdfinfo_boxes, pdftotext, qr_codes

MM = 72 / 25.4
OUT = "output/default/tiny/nb"
A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    from generator.cli import main
    out = tmp_path_factory.mktemp("out")
    code = main(["--content", str(ROOT / "content"), "--out", str(out), "--product", "leaflet,brochure,print-shop"])
    assert code == 0
    return out / "default" / "heel-spur"


def _flat(pdf) -> str:
    return " ".join(pdftotext(pdf).split())


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_leaflet_pages_fonts_and_language(shipped, lang):
    pdf = shipped / lang / f"heel-spur_{lang}_leaflet.pdf"
    info = pdfinfo(pdf)
    assert 2 <= int(info["Pages"]) <= 4
    assert info["Page size"].startswith("595.276 x 841.89")
    for row in pdffonts(pdf):
        assert row[0].split("+")[-1].startswith("FiraSans") and row[-5] == "yes", row
    tag = {"nb": b"/Lang (nb-NO)", "en": b"/Lang (en-US)"}[lang]
    assert tag in pdf.read_bytes()


def test_leaflet_text_sizes_never_below_12_pt(shipped):
    sizes = font_sizes(shipped / "nb" / "heel-spur_nb_leaflet.pdf")
    assert sizes and min(sizes) >= 12
    assert 13 in sizes  # the body


@pytest.mark.parametrize("product", ["leaflet", "brochure"])
def test_every_treatment_and_the_table_headers_are_printed(shipped, product):
    from generator.loading.content import load_content
    texts = load_content(ROOT / "content", ROOT / "images").condition("heel-spur").texts
    for lang, words in (("nb", ("UTKAST",)), ("en", ("DRAFT",))):
        text = _flat(shipped / lang / f"heel-spur_{lang}_{product}.pdf")
        for treatment in texts[lang].treatments:
            assert treatment.name in text, (lang, product, treatment.name)
        for word in words:
            assert word in text
    leaflet = _flat(shipped / "nb" / "heel-spur_nb_leaflet.pdf")
    for header in ("Behandling", "Når brukes den?", "Når skal den ikke brukes?", "Forløp", "side 1 av"):
        assert header in leaflet


def test_brochure_is_one_landscape_sheet(shipped):
    pdf = shipped / "nb" / "heel-spur_nb_brochure.pdf"
    info = pdfinfo(pdf)
    assert info["Pages"] == "2"
    assert info["Page size"].startswith("841.89 x 595.276")
    assert min(font_sizes(pdf)) >= 12


def test_qr_code_decodes_to_the_clinic_address(shipped, tmp_path):
    leaflet = shipped / "nb" / "heel-spur_nb_leaflet.pdf"
    last = int(pdfinfo(leaflet)["Pages"])
    assert qr_codes(leaflet, tmp_path, last) == ["https://example.org/h%C3%A6lspore"]
    assert qr_codes(shipped / "nb" / "heel-spur_nb_brochure.pdf", tmp_path, 1) == ["https://example.org/h%C3%A6lspore"]


def test_web_address_is_printed_without_scheme(shipped):
    text = _flat(shipped / "nb" / "heel-spur_nb_leaflet.pdf")
    assert "example.org/hælspore" in text and "https://" not in text


@pytest.mark.parametrize("product,trim", [("leaflet", A4), ("brochure", A4[::-1])])
def test_print_shop_boxes(shipped, product, trim):
    pdf = shipped / "nb" / f"heel-spur_nb_{product}_print.pdf"
    boxes = pdfinfo_boxes(pdf)
    tx0, ty0, tx1, ty1 = boxes["Trim"]
    bx0, by0, bx1, by1 = boxes["Bleed"]
    mx0, my0, mx1, my1 = boxes["Media"]
    assert (round(tx1 - tx0, 1), round(ty1 - ty0, 1)) == (round(trim[0], 1), round(trim[1], 1))
    for bleed in (tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1):
        assert bleed == pytest.approx(3 * MM, abs=0.1)
    assert mx0 < bx0 and my0 < by0 and mx1 > bx1 and my1 > by1  # room for crop marks outside the bleed


def test_office_pdf_has_no_bleed(shipped):
    boxes = pdfinfo_boxes(shipped / "nb" / "heel-spur_nb_leaflet.pdf")
    assert boxes["Trim"] == boxes["Media"] == boxes["Bleed"]


def test_approved_content_has_no_draft_mark(project, run):
    assert run(project, "--product", "leaflet,brochure").code == 0
    for product in ("leaflet", "brochure"):
        text = _flat(project / f"output/default/tiny/nb/tiny_nb_{product}.pdf")
        assert "Liten tilstand" in text and "UTKAST" not in text


def test_draft_content_is_marked(project, run):
    edit(project / "content/tiny/condition.yaml", "status: approved", "status: draft")
    assert run(project, "--product", "leaflet,brochure").code == 0
    for product in ("leaflet", "brochure"):
        assert "UTKAST" in _flat(project / f"output/default/tiny/nb/tiny_nb_{product}.pdf")


def test_us_letter(project, run):
    assert run(project, "--product", "leaflet", "--paper", "letter", "--lang", "en").code == 0
    pdf = project / "output/default/tiny/en/tiny_en_leaflet_letter.pdf"
    assert pdfinfo(pdf)["Page size"].startswith("612 x 792")


def test_missing_glyph_is_reported_at_its_line(project, run):
    edit(project / "content/tiny/nb.yaml", "      - p: Første avsnitt", "      - p: Fot 🦶 og første avsnitt")
    result = run(project, "--product", "leaflet")
    assert result.code == 1
    assert "content/tiny/nb.yaml:18:" in result.err
    assert "U+1F9B6" in result.err and "not in the font Fira Sans" in result.err


def test_leaflet_over_four_pages_names_the_longest_section(project, run):
    long = " ".join(["Dette er en ganske lang setning om foten og hælen."] * 150)
    edit(project / "content/tiny/nb.yaml", "      - p: Første avsnitt", f"      - p: {long}\n      - p: {long}\n      - p: Første avsnitt")
    result = run(project, "--product", "leaflet")
    assert result.code == 1
    assert "leaflet: the leaflet needs" in result.err and "at most 4" in result.err
    assert "content/tiny/nb.yaml:" in result.err and "'Om tilstanden'" in result.err
    # Only the failing output is missing: the English leaflet is built all the same.
    assert not (project / "output/default/tiny/nb/tiny_nb_leaflet.pdf").exists()
    assert (project / "output/default/tiny/en/tiny_en_leaflet.pdf").exists()


def test_brochure_overflow_names_the_line(project, run):
    long = " ".join(["Dette er en ganske lang setning om foten og hælen."] * 70)
    edit(project / "content/tiny/nb.yaml", "      - p: Første avsnitt", f"      - p: {long}\n      - p: {long}\n      - p: Første avsnitt")
    result = run(project, "--product", "brochure")
    assert result.code == 1
    assert "brochure: the brochure's inside is full; not placed: section 'Om tilstanden'" in result.err
    # The first long paragraph fills the inside; the second one (next line) is where it stops fitting.
    assert f"content/tiny/nb.yaml:{line_of(project / 'content/tiny/nb.yaml', 'p: Dette er') + 1}:" in result.err
    assert not (project / "output/default/tiny/nb/tiny_nb_brochure.pdf").exists()


def test_brochure_false_keeps_a_block_in_the_leaflet_only(project, run):
    edit(project / "content/tiny/nb.yaml", "      - p: Første avsnitt med *kursiv* og <b>AT&T</b>.\n",
         "      - p: Første avsnitt med *kursiv* og <b>AT&T</b>.\n      - p: Bare i heftet.\n        brochure: false\n")
    edit(project / "content/tiny/nb.yaml", "    callout: true\n", "    callout: true\n    brochure: false\n")
    assert run(project, "--lang", "nb", "--product", "leaflet,brochure").code == 0
    folder = project / OUT
    leaflet, brochure = (" ".join(pdftotext(folder / f"tiny_nb_{p}.pdf").split()) for p in ("leaflet", "brochure"))
    assert "Bare i heftet." in leaflet and "Nattsmerter" in leaflet
    assert "Bare i heftet." not in brochure and "Nattsmerter" not in brochure
    assert "Første avsnitt" in brochure and "Tabletter" in brochure


def test_the_table_section_cannot_leave_the_brochure(project, run):
    nb = project / "content/tiny/nb.yaml"
    edit(nb, "    title: Behandling\n", "    title: Behandling\n    brochure: false\n")
    result = run(project, "check")
    assert result.code == 1
    assert f"content/tiny/nb.yaml:{line_of(nb, 'brochure: false')}:" in result.err
    assert "holds the comparison table" in result.err


def test_table_row_taller_than_a_page_is_an_error(project, run):
    many = "\n".join(f"          - Grunn nummer {i} til å la være" for i in range(90))
    edit(project / "content/tiny/nb.yaml", "      contraindications: [Magesår]", f"      contraindications:\n{many}")
    result = run(project, "--product", "leaflet")
    assert result.code == 1
    assert "the table row 'Tabletter' is taller than a page" in result.err
    assert "Traceback" not in result.err


def test_front_page_names_the_clinic(shipped):
    first_page = pdftotext(shipped / "nb/heel-spur_nb_leaflet.pdf", first=1, last=1)
    assert "Eksempelklinikken" in first_page
    cover_side = pdftotext(shipped / "nb/heel-spur_nb_brochure.pdf", first=1, last=1)
    assert "Eksempelklinikken" in cover_side


def test_no_line_starts_with_a_doubled_hyphen(shipped):
    for pdf in shipped.rglob("*.pdf"):
        lines = pdftotext(pdf).splitlines()
        assert not [line for line in lines if line.startswith("-")], pdf.name


def test_letter_leaflet_steps_down_to_fit_four_pages(tmp_path):
    from generator.cli import main
    assert main(["--content", str(ROOT / "content"), "--out", str(tmp_path), "--product", "leaflet",
                 "--paper", "letter"]) == 0
    for lang in ("nb", "en"):
        pdf = tmp_path / f"default/heel-spur/{lang}/heel-spur_{lang}_leaflet_letter.pdf"
        info = pdfinfo(pdf)
        assert info["Page size"].startswith("612 x 792") and int(info["Pages"]) <= 4
        assert min(font_sizes(pdf)) >= 12


def test_table_header_repeats_on_every_leaflet_page_it_spans(shipped):
    pdf = shipped / "nb/heel-spur_nb_leaflet.pdf"
    pages_with_rows = [n for n in range(1, 5)
                       if "Forløp:" in pdftotext(pdf, first=n, last=n)]
    assert len(pages_with_rows) >= 2, "the shipped table should span pages"
    for n in pages_with_rows:
        assert "Når skal den ikke brukes?" in pdftotext(pdf, first=n, last=n), n


def test_brochure_panels_are_100_100_97_mm_on_a4():
    from generator.render.pdf_brochure import panels
    from generator.render.pdf_page import Sheet
    outside, inside = panels(Sheet.of("a4", landscape=True, print_shop=False))
    assert [p.name for p in outside] == ["flap", "back", "cover"]
    assert [round(p.width / MM, 1) for p in outside] == [97.0, 100.0, 100.0]
    assert [round(p.width / MM, 1) for p in inside] == [100.0, 100.0, 97.0]
    # Text keeps clear of every fold and sheet edge.
    for panel in outside + inside:
        assert min(panel.left_margin, panel.right_margin) >= 5 * MM


def test_clinic_logo_goes_on_the_front(project, run):
    edit(project / "content/clinics/default.yaml", 'name: "Eksempelklinikken"\n',
         'name: "Eksempelklinikken"\nlogo: circle.png\n')
    assert run(project, "--lang", "nb", "--product", "leaflet,brochure").code == 0
    for product in ("leaflet", "brochure"):
        # Page 1 (the brochure's outside with the cover): the illustration and the logo.
        assert images_on_page(project / OUT / f"tiny_nb_{product}.pdf", 1) == 2, product
