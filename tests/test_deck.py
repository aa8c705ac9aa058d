"""The clinician deck as a speaker receives it: PowerPoint's view and LibreOffice's rendering."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

from conftest import ROOT, edit, line_of
from generator.render import fit
from generator.render.deck_template import DEFAULT_TEMPLATE
from generator.render.pptx_parts import DeckPara, box_size
from tools import libreoffice_pdf, pdfinfo

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    from generator.cli import main
    out = tmp_path_factory.mktemp("decks")
    assert main(["--content", str(ROOT / "content"), "--out", str(out), "--product", "deck"]) == 0
    return {lang: out / f"default/heel-spur/{lang}/heel-spur_{lang}_deck.pptx" for lang in ("nb", "en")}


def _texts(deck):
    return [slide.shapes.title.text for slide in deck.slides]


def _paras(frame) -> list[DeckPara]:
    out = []
    for p in frame.paragraphs:
        bullet = p._p.pPr is not None and p._p.pPr.find(f"{A}buChar") is not None
        out.append(DeckPara(tuple((r.text, bool(r.font.bold)) for r in p.runs), bullet=bullet))
    return out


def _size(frame) -> float:
    sizes = {r.font.size.pt for p in frame.paragraphs for r in p.runs if r.font.size}
    assert len(sizes) == 1, sizes
    return sizes.pop()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_deck_structure(decks, lang):
    deck = Presentation(str(decks[lang]))
    assert (deck.slide_width, deck.slide_height) == (Emu(12192000), Emu(6858000))
    titles = _texts(deck)
    assert len(titles) == len(set(titles)) and all(titles)
    assert len(deck.slides) >= 30
    continued = "forts." if lang == "nb" else "cont."
    assert any(continued in t for t in titles)
    for slide in deck.slides:
        assert slide.notes_slide.notes_text_frame.text.strip(), slide.shapes.title.text
    first = deck.slides[0]
    assert first.slide_layout._element.get("type") == "title"
    assert {s.slide_layout._element.get("type") for s in deck.slides} == {"title", "secHead", "obj", "titleOnly"}
    props = deck.core_properties
    assert props.language == ("nb-NO" if lang == "nb" else "en-US")
    assert props.created.year == 2026 and props.last_modified_by == "leafdeck"


def test_comparison_table_is_native_with_header_and_every_treatment(decks):
    from generator.loading.content import load_content
    texts = load_content(ROOT / "content", ROOT / "images").condition("heel-spur").texts
    for lang, path in decks.items():
        deck = Presentation(str(path))
        tables = [(slide, shape.table) for slide in deck.slides for shape in slide.shapes if shape.has_table]
        assert len(tables) >= 2
        first_cells = []
        for slide, table in tables:
            assert table.first_row                                       # header flag for screen readers
            header = [c.text for c in table.rows[0].cells]
            assert header[1] == ("Indikasjoner" if lang == "nb" else "Indications"), header
            first_cells += [row.cells[0].text for row in list(table.rows)[1:]]
        names = [t.name for t in texts[lang].treatments]
        assert sorted(first_cells) == sorted(names)                        # every row exactly once
        continued = [s.shapes.title.text for s, _ in tables[1:]]
        assert all(("forts." if lang == "nb" else "cont.") in t for t in continued)


def test_text_sizes_and_nothing_overflows(decks):
    deck = Presentation(str(decks["nb"]))
    for slide in deck.slides:
        title = slide.shapes.title
        assert _size(title.text_frame) >= 28
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip() and shape.name != "Footer":
                size = _size(shape.text_frame)
                if shape != title:
                    assert size >= 18, (title.text, shape.name, size)
                width, height = box_size(shape)
                measured = fit.height([p.measure() for p in _paras(shape.text_frame)], width, size)
                assert measured <= fit.budget(height), (title.text, shape.name, measured, height)
                bullets = sum(p.bullet for p in _paras(shape.text_frame))
                assert bullets <= 6, title.text
            if shape.has_table:
                for row in shape.table.rows:
                    for cell, column in zip(row.cells, shape.table.columns):
                        inner = (column.width - cell.margin_left - cell.margin_right) / 12700
                        measured = fit.height([p.measure() for p in _paras(cell.text_frame)], inner, 18)
                        assert measured < fit.NEVER and measured <= row.height / 12700, (title.text, cell.text)
                # The table ends above the footer.
                assert shape.top + shape.height <= deck.slide_height - Emu(457200), title.text


def test_accessibility_alt_text_language_reading_order(decks):
    deck = Presentation(str(decks["nb"]))
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pictures
    for picture in pictures:
        descr = picture._element.nvPicPr.cNvPr.get("descr")
        assert descr.startswith("Skjematisk tegning av hælen") and not descr.endswith(".png")
    langs = set()
    for slide in deck.slides:
        assert slide.shapes[0] == slide.shapes.title or slide.shapes[0].is_placeholder   # title is read first
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else \
                [c.text_frame for r in shape.table.rows for c in r.cells] if shape.has_table else []
            for frame in frames:
                langs |= {r._r.rPr.get("lang") for p in frame.paragraphs for r in p.runs}
    assert langs == {"nb-NO"}


def test_pathway_is_drawn_with_native_shapes(decks):
    deck = Presentation(str(decks["nb"]))
    slide = next(s for s in deck.slides if s.shapes.title.text == "Behandlingsforløp")
    steps = [s for s in slide.shapes if s.name.startswith("Step ")]
    assert len(steps) == 5 and all(s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE for s in steps)
    assert "kirurgi" in steps[-1].text_frame.text
    arrows = [s for s in slide.shapes if s.name == "Arrow"]
    assert len(arrows) == 4 and all(a._element.nvSpPr.cNvPr.get("descr") == "" for a in arrows)


def test_footer_has_version_draft_and_a_slide_number_field(decks):
    deck = Presentation(str(decks["nb"]))
    for slide in deck.slides:
        footer = next(s for s in slide.shapes if s.name == "Footer")
        assert "Versjon 0.1.0" in footer.text_frame.text and "UTKAST" in footer.text_frame.text
        assert footer._element.xpath(".//a:fld[@type='slidenum']")


def test_libreoffice_converts_one_page_per_slide(decks, tmp_path):
    for lang, path in decks.items():
        pdf = libreoffice_pdf(path, tmp_path / lang)
        assert int(pdfinfo(pdf)["Pages"]) == len(Presentation(str(path)).slides)


def _user_template(tmp_path, suffix: str):
    """Our template dressed as a stranger's: Norwegian layout names, Calibri, an example slide."""
    prs = Presentation(str(DEFAULT_TEMPLATE))
    names = {"title": "Tittellysbilde", "obj": "Tittel og innhold", "secHead": "Deloverskrift",
             "titleOnly": "Bare tittel", "blank": "Tom"}
    for layout in prs.slide_layouts:
        layout.name = names[layout._element.get("type")]
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    theme._blob = theme.blob.replace(b'typeface="Arial"', b'typeface="Calibri"')
    example = prs.slides.add_slide(prs.slide_layouts[0])
    example.shapes.title.text = "Eksempel fra malen"
    path = tmp_path / f"klinikkmal.{suffix}"
    prs.save(str(path))
    if suffix == "potx":   # the same package with the template content type, as PowerPoint saves it
        fixed = tmp_path / "fixed.potx"
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(fixed, "w") as dst:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    body = body.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
                dst.writestr(info, body)
        shutil.move(fixed, path)
        assert b"template.main" in zipfile.ZipFile(path).read("[Content_Types].xml")
    return path


@pytest.mark.parametrize("suffix", ["pptx", "potx"])
def test_user_template(project, run, tmp_path, suffix):
    template = _user_template(tmp_path, suffix)
    result = run(project, "--product", "deck", "--lang", "nb", "--template", str(template))
    assert result.code == 0, result.err
    path = project / "output/default/tiny/nb/tiny_nb_deck.pptx"
    deck = Presentation(str(path))
    titles = _texts(deck)
    assert "Eksempel fra malen" not in titles and titles[0] == "Liten tilstand"
    assert deck.slides[0].slide_layout.name == "Tittellysbilde"
    assert {s.slide_layout.name for s in deck.slides} >= {"Tittellysbilde", "Tittel og innhold", "Bare tittel"}
    # Calibri is not what leafdeck measures with: its text is set in Arial explicitly.
    fonts = {r.font.name for slide in deck.slides for s in slide.placeholders for p in s.text_frame.paragraphs
             for r in p.runs}
    assert fonts == {"Arial"}
    pdf = libreoffice_pdf(path, tmp_path / "lo")
    assert int(pdfinfo(pdf)["Pages"]) == len(deck.slides)


def test_missing_template_is_a_clear_error(project, run):
    result = run(project, "--product", "deck", "--template", "nowhere.pptx")
    assert result.code == 1 and "Traceback" not in result.err
    assert "the template" in result.err and "nowhere.pptx" in result.err


def test_long_list_continues_on_more_slides(project, run):
    items = "\n".join(f"          - Klinisk punkt nummer {i} med litt tekst" for i in range(14))
    edit(project / "content/tiny/nb.yaml", "    clinician:\n      - p: Klinisk tekst.",
         f"    clinician:\n      - p: Klinisk tekst.\n      - list:\n{items}")
    assert run(project, "--product", "deck", "--lang", "nb").code == 0
    deck = Presentation(str(project / "output/default/tiny/nb/tiny_nb_deck.pptx"))
    titles = _texts(deck)
    assert "Om tilstanden" in titles and "Om tilstanden (forts.)" in titles and "Om tilstanden (forts. 2)" in titles
    body = " ".join(s.text_frame.text for slide in deck.slides for s in slide.placeholders if s.has_text_frame)
    assert all(f"nummer {i} " in body for i in range(14))


def test_text_too_long_for_any_slide_names_its_line(project, run):
    nb = project / "content/tiny/nb.yaml"
    huge = " ".join(["ord"] * 900)
    edit(nb, "    clinician:\n      - p: Klinisk tekst.", f"    clinician:\n      - p: Klinisk tekst.\n      - list:\n          - {huge}")
    result = run(project, "--product", "deck", "--lang", "nb")
    assert result.code == 1
    assert f"content/tiny/nb.yaml:{line_of(nb, 'ord ord ord')}:" in result.err
    assert "too long for a whole slide" in result.err


def test_small_deck_has_exactly_the_expected_slides(project, run):
    assert run(project, "--product", "deck", "--lang", "nb").code == 0
    deck = Presentation(str(project / "output/default/tiny/nb/tiny_nb_deck.pptx"))
    assert _texts(deck) == [
        "Liten tilstand", "Innhold",
        "Om tilstanden", "Om tilstanden (forts.)",        # its paragraph, then its figure, in content order
        "Behandlingene sammenlignet", "Egenbehandling", "Medisiner", "Referanser",
    ]
    figure_slide = deck.slides[3]
    assert [s.shape_type for s in figure_slide.shapes].count(MSO_SHAPE_TYPE.PICTURE) == 1
