"""The clinician deck as a speaker receives it: PowerPoint's view and LibreOffice's rendering."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

from generator.render.pptx import measure as fit
from generator.render.pptx.template import DEFAULT_TEMPLATE
from generator.render.pptx.xml import DeckPara, box_size
from support import facts
from support.content import (
    CONTENT,
    output_file,
    shipped,
    shipped_variants,
    text_of,
)
from support.read import reading_cells, slide_titles
from support.tools import libreoffice_pdf, pdfinfo

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


VARIANTS = shipped_variants()


def _deck(outputs, clinic, condition, lang):
    return Presentation(str(output_file(outputs, clinic, condition, lang, "deck")))


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


def _appendix_start(deck, labels) -> int:
    """Index of the appendix divider: the deck body is everything before it."""
    return next(i for i, slide in enumerate(deck.slides) if slide.shapes.title.text == labels.appendix)


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_deck_structure(outputs, clinic, condition, lang):
    deck = _deck(outputs, clinic, condition, lang)
    labels = shipped().labels[lang]
    assert (deck.slide_width, deck.slide_height) == (Emu(12192000), Emu(6858000))
    titles = slide_titles(deck)
    assert len(titles) == len(set(titles)) and all(titles)
    for slide in deck.slides:
        assert slide.notes_slide.notes_text_frame.text.strip(), slide.shapes.title.text
    assert deck.slides[0].slide_layout._element.get("type") == "title"
    assert {s.slide_layout._element.get("type") for s in deck.slides} == {"title", "secHead", "obj", "titleOnly"}
    props = deck.core_properties
    assert props.language == labels.language_tag
    assert props.created.date() == shipped().condition(condition).condition.review.published
    assert props.last_modified_by == "leafdeck"
    assert titles[-1].startswith(labels.comparison_details)


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_overview_shows_every_treatment_with_its_step_and_key_facts(outputs, clinic, condition, lang):
    """What a clinician decides on, all at once: one slide (two for long lists), at least 14 pt."""
    deck = _deck(outputs, clinic, condition, lang)
    labels = shipped().labels[lang]
    treatments = facts.treatments(CONTENT, condition, lang, "clinician")
    slides = [
        s
        for s in deck.slides
        if s.shapes.title.text.startswith(labels.comparison)
        and not s.shapes.title.text.startswith(labels.comparison_details)
    ]
    assert 1 <= len(slides) <= (1 if len(treatments) <= 12 else 2), len(slides)
    rows = []
    # The step column only where a treatment has a step (condition.yaml): otherwise it says nothing.
    stepped = any(t["step"] is not None for t in treatments)
    rtl = facts.right_to_left(CONTENT, lang)
    for slide in slides:
        table = next(shape.table for shape in slide.shapes if shape.has_table)
        assert table.first_row
        assert [c.text for c in reading_cells(table.rows[0], rtl)] == [
            labels.treatment,
            *([labels.step] if stepped else []),
            labels.key_indication,
            labels.key_contraindication,
        ]
        rows += [[c.text for c in reading_cells(row, rtl)] for row in list(table.rows)[1:]]
        sizes = {
            r.font.size.pt for row in table.rows for c in row.cells for p in c.text_frame.paragraphs for r in p.runs
        }
        assert min(sizes) >= 14, sizes
    by_name = {row[0]: row for row in rows}
    assert sorted(by_name) == sorted(t["name"] for t in treatments)
    for t in treatments:
        name, *step, indication, contraindication = by_name[t["name"]]
        assert step == ([str(t["step"]) if t["step"] else labels.outside_pathway] if stepped else [])
        assert indication == t["indications"][0]
        assert contraindication == t["contraindications"][0]
    if stepped:
        steps = [int(row[1]) if row[1].isdigit() else 99 for row in rows]
        assert steps == sorted(steps)  # in the order of the pathway


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_appendix_table_holds_every_fact_once_in_the_tables_order(outputs, clinic, condition, lang):
    deck = _deck(outputs, clinic, condition, lang)
    labels = shipped().labels[lang]
    treatments = facts.treatments(CONTENT, condition, lang, "clinician")
    start = _appendix_start(deck, labels)
    rtl = facts.right_to_left(CONTENT, lang)
    cells = []
    for slide in list(deck.slides)[start + 1 :]:
        table = next(shape.table for shape in slide.shapes if shape.has_table)
        assert [c.text for c in reading_cells(table.rows[0], rtl)][:3] == [
            labels.treatment,
            labels.indications_clinician,
            labels.contraindications_clinician,
        ]
        cells += [[c.text_frame for c in reading_cells(row, rtl)] for row in list(table.rows)[1:]]

    def items(frame):
        return [p.text for p in frame.paragraphs if p.text]

    seen: dict[str, list[list[str]]] = {}
    order = []
    for name_frame, ind, contra, course in cells:
        name = name_frame.text.split(f" ({labels.continued})")[0]
        if name not in seen:
            order.append(name)
        entry = seen.setdefault(name, [[], [], []])
        entry[0] += items(ind)
        entry[1] += items(contra)
        entry[2] += items(course)
    assert order == [t["name"] for t in treatments]
    for t in treatments:
        assert seen[t["name"]][0] == t["indications"]
        assert seen[t["name"]][1] == t["contraindications"]
        assert " ".join(seen[t["name"]][2]) == t["course"]


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_no_fact_is_laid_out_twice_in_the_deck_body(outputs, clinic, condition, lang):
    deck = _deck(outputs, clinic, condition, lang)
    labels = shipped().labels[lang]
    rows = facts.treatments(CONTENT, condition, lang, "clinician")
    body = list(deck.slides)[: _appendix_start(deck, labels)]
    shown = []
    for slide in body:
        for shape in slide.shapes:
            if shape.has_table:
                shown += [c.text for row in shape.table.rows for c in row.cells]
            elif shape.has_text_frame and shape.name != "Footer":
                shown += [p.text for p in shape.text_frame.paragraphs]
    written = [fact for t in rows for fact in (*t["indications"], *t["contraindications"])]
    for text in set(written):
        # Two treatments may share a fact ("All patients, first line"): once per treatment at most.
        assert sum(text == s for s in shown) <= written.count(text), text


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_text_sizes_and_nothing_overflows(outputs, clinic, condition, lang):
    deck = _deck(outputs, clinic, condition, lang)
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
                        if not cell.text_frame.text.strip():
                            continue  # the rest of a row cut between slides may leave a cell empty
                        size = _size(cell.text_frame)
                        assert size >= 14, (title.text, size)
                        inner = (column.width - cell.margin_left - cell.margin_right) / 12700
                        measured = fit.height([p.measure() for p in _paras(cell.text_frame)], inner, size)
                        assert measured < fit.NEVER and measured <= row.height / 12700, (title.text, cell.text)
                # The table ends above the footer.
                assert shape.top + shape.height <= deck.slide_height - Emu(457200), title.text


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_default_template_wears_the_clinics_colours_and_logo(outputs, clinic, condition, lang):
    from generator.render.pptx.xml import theme_colours

    deck = _deck(outputs, clinic, condition, lang)
    data = shipped().clinics[clinic]
    colours = theme_colours(deck)
    assert colours["accent1"] == data.colours.primary.upper() and colours["dk1"] == data.colours.text.upper()
    assert colours["accent2"] == data.colours.accent.upper()
    logos = [s for s in deck.slides[0].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    if data.logo:
        assert len(logos) == 1 and logos[0]._element.nvPicPr.cNvPr.get("descr") == data.name
    else:
        assert not logos


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_accessibility_alt_text_language_reading_order(outputs, clinic, condition, lang):
    deck = _deck(outputs, clinic, condition, lang)
    figures = facts.figure_alts(CONTENT, condition, lang, "clinician", cover=False)
    written = facts.clinic(CONTENT, clinic)
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    descriptions = [" ".join(p._element.nvPicPr.cNvPr.get("descr").split()) for p in pictures]
    # Each picture the clinician text names is shown once with its alt text; the logo bears the clinic's name.
    assert sorted(descriptions) == sorted(figures + ([written["name"]] if written.get("logo") else []))
    langs = set()
    for slide in deck.slides:
        assert slide.shapes[0] == slide.shapes.title or slide.shapes[0].is_placeholder  # title is read first
        for shape in slide.shapes:
            frames = (
                [shape.text_frame]
                if shape.has_text_frame
                else [c.text_frame for r in shape.table.rows for c in r.cells]
                if shape.has_table
                else []
            )
            for frame in frames:
                langs |= {r._r.rPr.get("lang") for p in frame.paragraphs for r in p.runs}
    assert langs == {shipped().labels[lang].language_tag}


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_pathway_is_drawn_with_native_shapes(outputs, clinic, condition, lang):
    deck = _deck(outputs, clinic, condition, lang)
    pathway = facts.pathway(CONTENT, condition, lang)
    if not pathway:
        pytest.skip("no pathway in this content")
    slide = next(s for s in deck.slides if s.shapes.title.text == shipped().labels[lang].pathway)
    steps = [s for s in slide.shapes if s.name.startswith("Step ")]
    assert len(steps) == len(pathway) and all(s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE for s in steps)
    for shape, item in zip(steps, pathway):
        assert " ".join(item.split()) in " ".join(shape.text_frame.text.split())
    arrows = [s for s in slide.shapes if s.name == "Arrow"]
    assert len(arrows) == len(steps) - 1 and all(a._element.nvSpPr.cNvPr.get("descr") == "" for a in arrows)


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_footer_has_version_draft_and_a_slide_number_field(outputs, clinic, condition, lang):
    deck = _deck(outputs, clinic, condition, lang)
    labels = shipped().labels[lang]
    version = shipped().condition(condition).condition.review.version
    for slide in deck.slides:
        footer = next(s for s in slide.shapes if s.name == "Footer")
        assert f"{labels.version} {version}" in footer.text_frame.text and labels.draft in footer.text_frame.text
        assert footer._element.xpath(".//a:fld[@type='slidenum']")


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS[:2])
@pytest.mark.slow_reader
def test_libreoffice_converts_one_page_per_slide(outputs, tmp_path, clinic, condition, lang):
    path = output_file(outputs, clinic, condition, lang, "deck")
    pdf = libreoffice_pdf(path, tmp_path)
    assert int(pdfinfo(pdf)["Pages"]) == len(Presentation(str(path)).slides)


def _user_template(tmp_path, suffix: str):
    """Our template dressed as a stranger's: Norwegian layout names, Calibri, an example slide."""
    prs = Presentation(str(DEFAULT_TEMPLATE))
    names = {
        "title": "Tittellysbilde",
        "obj": "Tittel og innhold",
        "secHead": "Deloverskrift",
        "titleOnly": "Bare tittel",
        "blank": "Tom",
    }
    for layout in prs.slide_layouts:
        layout.name = names[layout._element.get("type")]
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    theme._blob = theme.blob.replace(b'typeface="Arial"', b'typeface="Calibri"')
    example = prs.slides.add_slide(prs.slide_layouts[0])
    example.shapes.title.text = "Eksempel fra malen"
    path = tmp_path / f"klinikkmal.{suffix}"
    prs.save(str(path))
    if suffix == "potx":  # the same package with the template content type, as PowerPoint saves it
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
    titles = slide_titles(deck)
    assert "Eksempel fra malen" not in titles and titles[0] == "Liten tilstand"
    assert deck.slides[0].slide_layout.name == "Tittellysbilde"
    assert {s.slide_layout.name for s in deck.slides} >= {"Tittellysbilde", "Tittel og innhold", "Bare tittel"}
    # Calibri is not what leafdeck measures with: its text is set in Arial explicitly.
    fonts = {
        r.font.name
        for slide in deck.slides
        for s in slide.placeholders
        for p in s.text_frame.paragraphs
        for r in p.runs
    }
    assert fonts == {"Arial"}
    pdf = libreoffice_pdf(path, tmp_path / "lo")
    assert int(pdfinfo(pdf)["Pages"]) == len(deck.slides)


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_the_detailed_table_spreads_its_rows_evenly_over_its_slides(outputs, clinic, condition, lang):
    """No slide left with a single row while the others are full: the space left under the table
    differs from slide to slide by less than one row."""
    deck = _deck(outputs, clinic, condition, lang)
    labels = shipped().labels[lang]
    slides = list(deck.slides)[_appendix_start(deck, labels) + 1 :]
    free, rows = [], []
    for slide in slides:
        shape = next(shape for shape in slide.shapes if shape.has_table)
        footer = next(shape for shape in slide.shapes if shape.name == "Footer")
        free.append(footer.top - (shape.top + shape.height))
        rows += [row.height for row in list(shape.table.rows)[1:]]
    assert max(free) - min(free) <= max(rows), [(f / 12700) for f in free]


@pytest.mark.parametrize("clinic,condition,lang", shipped_variants())
def test_deck_overview_and_appendix_hold_every_treatment(outputs, clinic, condition, lang):
    deck = Presentation(str(output_file(outputs, clinic, condition, lang, "deck")))
    names = [t.name for t in text_of(condition, lang).treatments]
    tables = [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]
    rtl = facts.right_to_left(CONTENT, lang)
    first_cells = [reading_cells(row, rtl)[0].text for table in tables for row in list(table.rows)[1:]]
    # Every treatment twice: once on the overview, once (or continued) in the appendix.
    for name in names:
        assert sum(cell == name for cell in first_cells) == 2, (name, first_cells)
