"""The leaflet and the tri-fold brochure as a clinic and a print shop receive them."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import facts
from support.content import CONTENT, TODAY, edit, output_file, shipped_variants, text_of
from support.tools import font_sizes, holds, images_on_page, pdffonts, pdfinfo, pdfinfo_boxes, pdftotext

MM = 72 / 25.4
OUT = "output/default/tiny/nb"
A4 = (595.28, 841.89)
VARIANTS = shipped_variants()
FIRST = VARIANTS[0]


def _flat(pdf) -> str:
    return " ".join(pdftotext(pdf).split())


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_leaflet_pages_fonts_and_language(outputs, clinic, condition, lang):
    from support.content import shipped

    pdf = output_file(outputs, clinic, condition, lang, "leaflet")
    info = pdfinfo(pdf)
    assert 2 <= int(info["Pages"]) <= 6  # README: 2-4 pages, up to 6 for a text too long for 4 at 12 pt
    assert info["Page size"].startswith("595.276 x 841.89")
    family = _family(lang)
    for row in pdffonts(pdf):
        assert row[0].split("+")[-1].startswith(family) and row[-5] == "yes", (family, row)
    assert f"/Lang ({shipped().labels[lang].language_tag})".encode() in pdf.read_bytes()
    sizes = font_sizes(pdf)
    assert sizes and min(sizes) >= 12


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
@pytest.mark.parametrize("product", ["leaflet", "brochure"])
def test_every_treatment_and_the_table_headers_are_printed(outputs, clinic, condition, lang, product):
    from support.content import shipped

    labels = shipped().labels[lang]
    rtl = facts.right_to_left(CONTENT, lang)
    text = _flat(output_file(outputs, clinic, condition, lang, product))
    for treatment in text_of(condition, lang).treatments:
        assert holds(text, treatment.name, rtl), treatment.name
    assert holds(text, labels.draft, rtl)  # the shipped content is unreviewed
    if product == "leaflet":
        for header in (
            labels.treatment,
            labels.indications_patient,
            labels.contraindications_patient,
            labels.page_of.format(
                page=1, pages=int(pdfinfo(output_file(outputs, clinic, condition, lang, product))["Pages"])
            ),
        ):
            assert holds(text, header, rtl), header
    else:
        assert holds(text, labels.indications_short, rtl) and holds(text, labels.contraindications_short, rtl)


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_brochure_is_one_landscape_sheet(outputs, clinic, condition, lang):
    pdf = output_file(outputs, clinic, condition, lang, "brochure")
    info = pdfinfo(pdf)
    assert info["Pages"] == "2"
    assert info["Page size"].startswith("841.89 x 595.276")
    assert min(font_sizes(pdf)) >= 12


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_web_address_is_printed_without_scheme(outputs, clinic, condition, lang):
    text = _flat(output_file(outputs, clinic, condition, lang, "leaflet"))
    assert "https://" not in text and "http://" not in text


@pytest.mark.parametrize("product,trim", [("leaflet", A4), ("brochure", A4[::-1])])
def test_print_shop_boxes(outputs, product, trim):
    pdf = output_file(outputs, *FIRST, f"{product}_print")
    boxes = pdfinfo_boxes(pdf)
    tx0, ty0, tx1, ty1 = boxes["Trim"]
    bx0, by0, bx1, by1 = boxes["Bleed"]
    mx0, my0, mx1, my1 = boxes["Media"]
    assert (round(tx1 - tx0, 1), round(ty1 - ty0, 1)) == (round(trim[0], 1), round(trim[1], 1))
    for bleed in (tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1):
        assert bleed == pytest.approx(3 * MM, abs=0.1)
    assert mx0 < bx0 and my0 < by0 and mx1 > bx1 and my1 > by1  # room for crop marks outside the bleed


def test_office_pdf_has_no_bleed(outputs):
    boxes = pdfinfo_boxes(output_file(outputs, *FIRST, "leaflet"))
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


def test_brochure_false_keeps_a_block_in_the_leaflet_only(project, run):
    edit(
        project / "content/tiny/nb.yaml",
        "      - p: Første avsnitt med *kursiv* og <b>AT&T</b>.\n",
        "      - p: Første avsnitt med *kursiv* og <b>AT&T</b>.\n      - p: Bare i heftet.\n        brochure: false\n",
    )
    edit(project / "content/tiny/nb.yaml", "    callout: true\n", "    callout: true\n    brochure: false\n")
    assert run(project, "--lang", "nb", "--product", "leaflet,brochure").code == 0
    folder = project / OUT
    leaflet, brochure = (" ".join(pdftotext(folder / f"tiny_nb_{p}.pdf").split()) for p in ("leaflet", "brochure"))
    assert "Bare i heftet." in leaflet and "Nattsmerter" in leaflet
    assert "Bare i heftet." not in brochure and "Nattsmerter" not in brochure
    assert "Første avsnitt" in brochure and "Tabletter" in brochure


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_front_page_names_the_clinic(outputs, clinic, condition, lang):
    from support.content import shipped

    name = " ".join(shipped().clinics[clinic].name.split()[:2])
    for product in ("leaflet", "brochure"):
        first_page = " ".join(
            pdftotext(output_file(outputs, clinic, condition, lang, product), first=1, last=1).split()
        )
        assert name in first_page, product


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_no_line_starts_with_a_doubled_hyphen(outputs, clinic, condition, lang):
    """A word with its own hyphen breaks there once ("Blood-" / "thinning"), never "Blood-" / "-thinning".
    Only an address may go on with a line that starts with its hyphen."""
    from support.content import shipped

    data = shipped().clinics[clinic]
    addresses = " ".join(a for a in (data.email, (data.web or "").format(condition=condition, lang=lang)) if a)
    for product in ("leaflet", "brochure"):
        lines = pdftotext(output_file(outputs, clinic, condition, lang, product)).splitlines()
        assert not [line for line in lines if line.startswith("-") and line.strip() not in addresses], product


@pytest.mark.shipped
@pytest.mark.integration
def test_letter_leaflet_steps_down_to_fit_four_pages(tmp_path):
    from generator.cli import main
    from support.content import CONTENT, IMAGES, shipped_clinics

    clinic = shipped_clinics()[0]
    assert (
        main(
            [
                "--content",
                str(CONTENT),
                "--images",
                str(IMAGES),
                "--out",
                str(tmp_path),
                "--product",
                "leaflet",
                "--paper",
                "letter",
                "--clinic",
                clinic,
                "--today",
                TODAY,
            ]
        )
        == 0
    )
    pdfs = sorted(tmp_path.rglob("*_leaflet_letter.pdf"))
    assert pdfs
    for pdf in pdfs:
        info = pdfinfo(pdf)
        assert info["Page size"].startswith("612 x 792") and int(info["Pages"]) <= 6  # README: up to 6
        assert min(font_sizes(pdf)) >= 12


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_table_header_repeats_on_every_leaflet_page_it_spans(outputs, clinic, condition, lang):
    from support.content import shipped

    labels = shipped().labels[lang]
    pdf = output_file(outputs, clinic, condition, lang, "leaflet")
    pages = int(pdfinfo(pdf)["Pages"])
    rtl = facts.right_to_left(CONTENT, lang)
    course = f"{labels.course}:"
    pages_with_rows = [n for n in range(1, pages + 1) if holds(pdftotext(pdf, first=n, last=n), course, rtl)]
    assert pages_with_rows
    for n in pages_with_rows:
        assert holds(pdftotext(pdf, first=n, last=n), labels.contraindications_patient, rtl), n


def test_clinic_logo_goes_on_the_front(project, run):
    edit(
        project / "content/clinics/default.yaml",
        'name: "Eksempelklinikken"\n',
        'name: "Eksempelklinikken"\nlogo: circle.png\n',
    )
    edit(project / "content/tiny/condition.yaml", "treatments:\n", "cover: circle\ntreatments:\n")
    assert run(project, "--lang", "nb", "--product", "leaflet,brochure").code == 0
    for product in ("leaflet", "brochure"):
        # Page 1 (the brochure's outside with the cover): the illustration and the logo.
        assert images_on_page(project / OUT / f"tiny_nb_{product}.pdf", 1) == 2, product


def _family(lang: str) -> str:
    """The family the fonts table (data: generator/assets/fonts/fonts.toml) names first for the script of
    the language's own name, as the embedded font's name begins."""
    import tomllib
    import unicodedata

    from fontTools import unicodedata as ucd

    from support import facts
    from support.content import CONTENT

    table = tomllib.loads((Path(__file__).parents[4] / "generator/assets/fonts/fonts.toml").read_text())
    name = facts.labels(CONTENT, lang)["language_name"]
    script = max({ucd.script(c) for c in name if unicodedata.category(c).startswith("L")})
    first = table["scripts"].get(script, table["scripts"]["Latn"])[0]
    return table["families"][first]["name"].replace(" ", "")
