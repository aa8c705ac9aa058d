"""Layouts that adapt to any condition and clinic, judged from the finished PDFs with poppler.

Every shipped clinic x condition x language is checked (never a named one), plus the small fixture
bent into the shapes that broke layouts before: short and long text, long clinic names, long
addresses, a figure in a later section, a patient pathway.
"""

from __future__ import annotations

import re

import pikepdf
import pytest

from support import facts
from support.content import CONTENT, edit, output_file, shipped, shipped_variants
from support.tools import (
    folds,
    holds,
    images_on_page,
    page_sizes,
    panels_of,
    pdfinfo_boxes,
    pdftotext,
    qr_codes,
    text_lines,
    words,
)
from support.tools import structure_elements as _elements

MM = 72 / 25.4
FOLD_GUTTER = 4.5 * MM  # no word closer to a fold than this (the brochure keeps 5.5 mm)
OUT = "output/default/tiny/nb"


# -- the brochure: folds, panels, balance ------------------------------------------------------------


@pytest.mark.parametrize("clinic,condition,lang", shipped_variants())
@pytest.mark.parametrize("suffix", ["brochure", "brochure_print"])
def test_no_word_crosses_a_fold_and_no_panel_is_empty(outputs, clinic, condition, lang, suffix):
    pdf = output_file(outputs, clinic, condition, lang, suffix)
    sizes = page_sizes(pdf)
    boxes = pdfinfo_boxes(pdf)
    x_offset = boxes["Trim"][0] - boxes["Crop"][0]  # poppler reads positions from the crop box (bleed: both sides)
    trim_width = boxes["Trim"][2] - boxes["Trim"][0]
    all_words = words(pdf, rtl=facts.right_to_left(CONTENT, lang))  # mirrored: the folds of a left-to-right sheet
    draft = facts.labels(CONTENT, lang)["draft"].split()
    for page in (1, 2):
        on_page = [w for w in all_words if w.page == page and w.text.strip() and w.text not in draft]
        for fold in folds(trim_width, page):
            crossing = [
                w for w in on_page if w.x0 - x_offset < fold + FOLD_GUTTER and w.x1 - x_offset > fold - FOLD_GUTTER
            ]
            assert not crossing, (pdf.name, page, crossing[:5])
        for left, right in panels_of(trim_width, page):
            inside = [w for w in on_page if left <= w.x0 - x_offset and w.x1 - x_offset <= right]
            assert len(inside) >= 10, (pdf.name, page, left / MM, "an empty panel")
        assert sizes[page - 1][0] >= trim_width


@pytest.mark.parametrize("clinic,condition,lang", shipped_variants())
def test_reading_panels_are_evenly_filled(outputs, clinic, condition, lang):
    """Inside-1..3 and the flap hold one text spread evenly: none far emptier than the fullest."""
    pdf = output_file(outputs, clinic, condition, lang, "brochure")
    width = page_sizes(pdf)[0][0]
    draft = facts.labels(CONTENT, lang)["draft"].split()
    all_words = [w for w in words(pdf, rtl=facts.right_to_left(CONTENT, lang)) if w.text not in draft]
    extents = []
    for page, (left, right) in [(2, p) for p in panels_of(width, 2)] + [(1, panels_of(width, 1)[0])]:
        inside = [w for w in all_words if w.page == page and left <= w.x0 and w.x1 <= right]
        extents.append(max(w.y1 for w in inside) - min(w.y0 for w in inside))
    assert min(extents) >= 0.5 * max(extents), [round(e / MM) for e in extents]


def test_short_text_is_set_larger_with_its_glossary(project, run):
    """Short content: the space goes to what helps — larger type, the glossary — not to white."""
    edit(project / "content/tiny/nb.yaml", "sections:\n", "glossary:\n  Sirkel: en rund form.\nsections:\n")
    assert run(project, "--product", "brochure", "--lang", "nb").code == 0
    pdf = project / OUT / "tiny_nb_brochure.pdf"
    inside = [w for w in words(pdf) if w.page == 2]
    body = next(w for w in inside if w.text == "Første")  # running text
    entry = next(w for w in inside if w.text == "Brukes")  # compact table entries stay at 12 pt
    assert body.y1 - body.y0 > 1.1 * (entry.y1 - entry.y0), (body, entry)
    assert "Sirkel: en rund form." in " ".join(pdftotext(pdf).split())
    # All four reading panels carry text, the little there is spread over them.
    width = page_sizes(pdf)[0][0]
    chain = [(2, p) for p in panels_of(width, 2)] + [(1, panels_of(width, 1)[0])]
    for page, (left, right) in chain:
        assert [
            w
            for w in words(pdf)
            if w.page == page and left <= w.x0 and w.x1 <= right and w.text not in ("UTKAST", "DRAFT")
        ], (page, left / MM)


# -- the back panel and the clinic ------------------------------------------------------------------


@pytest.mark.parametrize("clinic,condition,lang", shipped_variants())
def test_the_clinics_name_wraps_on_the_back_panel(outputs, clinic, condition, lang):
    pdf = output_file(outputs, clinic, condition, lang, "brochure")
    width = page_sizes(pdf)[0][0]
    left, right = panels_of(width, 1)[1]
    rtl = facts.right_to_left(CONTENT, lang)
    back = " ".join(w.text for w in words(pdf, rtl) if w.page == 1 and left <= w.x0 and w.x1 <= right)
    name = shipped().clinics[clinic].name
    if rtl:  # no hyphenation in a right-to-left paragraph; its own order for punctuation
        assert holds(back, name, rtl), (name, back[:200])
    else:
        assert _dehyphenate(" ".join(name.split())) in _dehyphenate(back), (name, back[:200])


def test_a_long_clinic_keeps_every_fact_on_the_sheet(project, run):
    """A long name and e-mail push the disclaimer off the back: it moves to the flap, not away."""
    clinic = project / "content/clinics/default.yaml"
    edit(
        clinic,
        'name: "Eksempelklinikken"',
        'name: "Eksempelklinikken for fysioterapi, ergoterapi og manuellterapi, avdeling Sør-Trøndelag og Nordmøre"',
    )
    edit(
        clinic,
        'email: "post@example.org"',
        'email: "resepsjonen.avdeling.nord@eksempelklinikken-fysioterapi.example.no"',
    )
    assert run(project, "--product", "brochure", "--lang", "nb").code == 0
    text = _dehyphenate(" ".join(pdftotext(project / OUT / "tiny_nb_brochure.pdf").split()))
    for fact in ("Ikke ekte råd.", "Skriv til oss.", "Om denne brosjyren", "Dr. Test", "A Book. 2020."):
        assert fact in text, fact


# -- addresses ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("clinic,condition,lang", shipped_variants())
@pytest.mark.parametrize("product", ["leaflet", "brochure"])
def test_addresses_wrap_only_before_a_dot_slash_at_or_hyphen(outputs, clinic, condition, lang, product):
    from generator.document.compose import web_display

    data = shipped().clinics[clinic]
    addresses = [
        a for a in (data.email, web_display(data.web.format(condition=condition, lang=lang)) if data.web else None) if a
    ]
    lines = [text for _, text in text_lines(output_file(outputs, clinic, condition, lang, product))]
    for address in addresses:
        pieces = _lines_spelling(lines, address)
        assert pieces, (address, "not printed whole on consecutive lines")
        for piece in pieces[1:]:
            assert piece[0] in "./@-", (address, pieces)  # a break only before a delimiter
        assert not any(p.endswith("-") and not address.startswith(p) for p in pieces[:-1]), pieces


@pytest.mark.parametrize("clinic,condition,lang", shipped_variants())
def test_each_condition_and_language_has_its_own_web_address(outputs, tmp_path, clinic, condition, lang):
    from generator.document.compose import web_url

    data = shipped().clinics[clinic]
    if not data.web:
        pytest.skip("this clinic has no web address")
    expected = web_url(data.web.format(condition=condition, lang=lang))
    leaflet = output_file(outputs, clinic, condition, lang, "leaflet")
    last = len(page_sizes(leaflet))
    assert qr_codes(leaflet, tmp_path, last) == [expected]
    assert qr_codes(output_file(outputs, clinic, condition, lang, "brochure"), tmp_path, 1) == [expected]


# -- figures, the cover, the pathway ----------------------------------------------------------------


def test_figures_stand_where_they_are_written_and_the_cover_is_explicit(project, run):
    nb = project / "content/tiny/nb.yaml"
    # The figure moves from the first section to the callout at the end.
    edit(nb, "      - figure: circle\n      - list:", "      - list:")
    edit(nb, "      - list: [Feber, Nattsmerter]", "      - list: [Feber, Nattsmerter]\n      - figure: circle")
    edit(project / "content/tiny/en.yaml", "      - figure: circle\n      - list:", "      - list:")
    edit(
        project / "content/tiny/en.yaml",
        "      - list: [Feber, Nattsmerter]",
        "      - list: [Feber, Nattsmerter]\n      - figure: circle",
    )
    assert run(project, "--product", "leaflet,brochure", "--lang", "nb").code == 0
    leaflet = " ".join(pdftotext(project / OUT / "tiny_nb_leaflet.pdf").split())
    assert leaflet.index("Når bør du gå til lege?") < leaflet.index("Sirkelen") < leaflet.index("Nattsmerter") + 40
    assert leaflet.index("Punkt to") < leaflet.index("Sirkelen")
    # No cover: named, so the brochure's outside carries no picture.
    assert images_on_page(project / OUT / "tiny_nb_brochure.pdf", 1) == 0
    edit(project / "content/tiny/condition.yaml", "treatments:\n", "cover: circle\ntreatments:\n")
    assert run(project, "--product", "leaflet,brochure", "--lang", "nb").code == 0
    assert images_on_page(project / OUT / "tiny_nb_brochure.pdf", 1) == 1
    assert images_on_page(project / OUT / "tiny_nb_leaflet.pdf", 1) == 1
    # Printed once per PDF: the cover picture is not repeated where the section names it.
    assert sum(images_on_page(project / OUT / "tiny_nb_leaflet.pdf", p) for p in (1, 2)) == 1


def _with_pathway(project):
    steps = "      - steps:\n          - Hvil foten\n          - Prøv tabletter\n          - Gå til legen\n"
    for lang in ("nb", "en"):
        edit(
            project / f"content/tiny/{lang}.yaml",
            "      - table: treatments\n    clinician:",
            steps + "      - table: treatments\n    clinician:",
        )


def test_the_leaflet_draws_a_patient_pathway_as_numbered_steps(project, run):
    _with_pathway(project)
    assert run(project, "--product", "leaflet,web", "--lang", "nb", "--jobs", "1").code == 0
    text = " ".join(pdftotext(project / OUT / "tiny_nb_leaflet.pdf").split())
    assert re.search(r"1 Hvil foten 2 Prøv tabletter 3 Gå til legen", text), text
    with pikepdf.open(project / OUT / "tiny_nb_leaflet_web.pdf") as pdf:
        numbered = [e for e in _elements(pdf) if e.S == "/L" and "/A" in e and e.A.get("/ListNumbering") == "/Decimal"]
        assert len(numbered) == 1
        items = [k for k in numbered[0].K if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/LI"]
        assert [str(k.K[0].S) for k in items] == ["/Lbl"] * 3 and [str(k.K[1].S) for k in items] == ["/LBody"] * 3


# -- credits -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("clinic,condition,lang", shipped_variants())
def test_people_are_credited_by_their_role_in_their_language(outputs, clinic, condition, lang):
    from generator.document.model import ROLE_LABELS

    labels = shipped().labels[lang]
    people = shipped().condition(condition).condition.authors
    text = _dehyphenate(" ".join(pdftotext(output_file(outputs, clinic, condition, lang, "leaflet")).split()))
    rtl = facts.right_to_left(CONTENT, lang)
    for role in {p.role for p in people}:
        names = [p.name for p in people if p.role is role and (not p.languages or lang in p.languages)]
        label = getattr(labels, ROLE_LABELS[role])
        if names:
            assert holds(text, f"{label}: {', '.join(names)}", rtl), (label, names)
    for person in people:
        if person.languages and lang not in person.languages:
            assert person.name not in text, person.name


# -- helpers -----------------------------------------------------------------------------------------


def _dehyphenate(text: str) -> str:
    """Undo line-break hyphens ("kon- trollert" -> "kontrollert") as a reader does."""
    return re.sub(r"(\w)- (\w)", r"\1\2", text)


def _lines_spelling(lines: list[str], address: str) -> list[str] | None:
    """The consecutive lines whose concatenation is exactly ``address`` (each line holding only it)."""
    for start, line in enumerate(lines):
        if not address.startswith(line) or not line:
            continue
        pieces, joined = [], ""
        for following in lines[start:]:
            pieces.append(following)
            joined += following
            if joined == address:
                return pieces
            if not address.startswith(joined):
                break
    return None


@pytest.mark.parametrize("clinic,condition,lang", shipped_variants())
@pytest.mark.parametrize("product", ["leaflet", "brochure"])
def test_the_title_is_never_broken_inside_a_word(outputs, clinic, condition, lang, product):
    """A title word too wide for the band ("Karpaltunnelsyndrom" in a brochure panel) is set smaller."""
    from support import facts
    from support.content import CONTENT

    pdf = output_file(outputs, clinic, condition, lang, product)
    printed = {w.text for w in words(pdf, rtl=facts.right_to_left(CONTENT, lang)) if w.page == 1}
    for word in facts.plain(facts.texts(CONTENT, condition, lang)["title"]).split():
        assert word in printed, (word, sorted(printed)[:20])


@pytest.mark.parametrize("clinic,condition,lang", shipped_variants())
def test_the_cover_picture_grows_to_fill_the_cover(outputs, clinic, condition, lang):
    """As large as the cover allows: as wide as the panel, or reaching down to the panel's foot."""
    from support.tools import pdfimages

    if shipped().condition(condition).condition.cover is None:
        pytest.skip("no cover picture")
    pdf = output_file(outputs, clinic, condition, lang, "brochure")
    width = page_sizes(pdf)[0][0]
    left, right = panels_of(width, 1)[2]
    text_width_mm = (right - left) / MM - 5.5 - 10
    shown = []
    for row in pdfimages(pdf, 1):
        if row[2] == "image":
            pixels_wide, pixels_high, ppi_x, ppi_y = int(row[3]), int(row[4]), float(row[12]), float(row[13])
            shown.append((pixels_wide / ppi_x * 25.4, pixels_high / ppi_y * 25.4))
    picture_w, picture_h = max(shown)  # the cover picture (a logo is smaller)
    if picture_h < 30:  # README: a cover too full for its picture leaves it to the section that names it
        cover = facts.condition(CONTENT, condition)["cover"]
        named = any(
            b.get("figure") == cover
            for s in facts.sections(CONTENT, condition, lang)
            if s["brochure"]
            for b in s["blocks"]
        )
        inside = [int(row[4]) / float(row[13]) * 25.4 for row in pdfimages(pdf, 2) if row[2] == "image"]
        assert (max(inside, default=0) >= 30) == named, (named, inside)
        return
    draft = shipped().labels[lang].draft
    caption_end = max(
        w.y1 for w in words(pdf) if w.page == 1 and left <= w.x0 and w.x1 <= right and draft not in w.text
    )
    panel_foot = page_sizes(pdf)[0][1] - 11 * MM  # the brochure's bottom margin
    grown = picture_w >= 0.95 * text_width_mm or picture_h >= 94 or panel_foot - caption_end < 12 * MM
    assert grown, (picture_w, picture_h, (panel_foot - caption_end) / MM)
