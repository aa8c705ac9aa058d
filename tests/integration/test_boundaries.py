"""The products held to the content, not to the code that made them, over content shaped to cross the
boundaries the shipped content never does (tests/fixtures/boundaries: ``edge``, cells of one and seven items,
published, last reviewed and next review all different, a glossary, sources per treatment, approved;
``lone``, one treatment, no pictures, no glossary, a one-page leaflet, in a language without a hyphenation
dictionary, a draft; ``many``, fifteen treatments, four pictures, a glossary of ten words, long compound
words; ``long``, an English text too long for four pages even at 12 pt, so a six-page leaflet, approved) and
over the shipped content itself.

Every expected value is read straight from the YAML (``support.facts``: ruamel's safe loader, not
leafdeck's loader or document builder); every actual value from the finished files by an independent
reader: html5lib for the web page, poppler for the PDFs, python-pptx for the deck's notes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from generator.cli import main
from support import facts
from support.content import CONTENT, FIXTURES, TODAY, shipped_variants
from support.read import reading_cells
from support.tools import all_of, element_text, holds, html_tree, pdftotext, tag

BOUNDARIES = [("default", condition, lang) for condition, lang in facts.conditions(FIXTURES / "boundaries" / "content")]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The boundary content with every product built once."""
    root = tmp_path_factory.mktemp("boundaries") / "project"
    shutil.copytree(FIXTURES / "boundaries", root)
    out = root / "output"
    code = main(
        [
            "--content",
            str(root / "content"),
            "--images",
            str(root / "images"),
            "--out",
            str(out),
            "--product",
            "leaflet,brochure,deck,page",
            "--jobs",
            "1",
            "--today",
            TODAY,
        ]
    )
    assert code == 0
    return root


def _cases():
    """(id, which build, clinic, condition, language): the boundary content's and every shipped one."""
    return [pytest.param("boundaries", *v, id=f"boundaries-{'-'.join(v)}") for v in BOUNDARIES] + [
        pytest.param("shipped", *v, id="-".join(v), marks=pytest.mark.shipped) for v in shipped_variants()
    ]


@pytest.fixture
def source(request, built):
    """(output folder, content folder) of the case's build."""
    if request.param == "boundaries":
        return built / "output", built / "content"
    return request.getfixturevalue("outputs"), CONTENT


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _page(out: Path, clinic: str, condition: str, lang: str):
    return html_tree(out / clinic / "site" / condition / lang / "index.html")


@pytest.mark.parametrize("source, clinic, condition, lang", _cases(), indirect=["source"])
def test_the_pages_table_holds_every_item_of_every_cell(source, clinic, condition, lang):
    """A cell of seven items shows seven: each list read back from its row and column."""
    out, content = source
    [table] = all_of(_page(out, clinic, condition, lang), "table")
    rows = [tr for tbody in all_of(table, "tbody") for tr in all_of(tbody, "tr") if tr.get("class") != "group"]
    expected = facts.treatments(content, condition, lang)
    assert len(rows) == len(expected)
    for treatment, tr in zip(expected, rows):
        cells = [c for c in tr if c.tag in (tag("th"), tag("td"))]
        assert treatment["name"] in element_text(cells[0])
        for column, key in ((1, "indications"), (2, "contraindications")):
            found = [_squeeze(element_text(li)) for li in all_of(cells[column], "li")]
            assert found == [_squeeze(i) for i in treatment[key]], (treatment["id"], key, found)


@pytest.mark.parametrize("source, clinic, condition, lang", _cases(), indirect=["source"])
def test_the_pages_json_ld_carries_the_contents_own_dates_and_reviewer(source, clinic, condition, lang):
    out, content = source
    review = facts.condition(content, condition)["review"]
    [script] = [
        s for s in all_of(_page(out, clinic, condition, lang), "script") if s.get("type") == "application/ld+json"
    ]
    data = json.loads(script.text)
    assert data["datePublished"] == str(review["published"])
    assert data["lastReviewed"] == str(review["last_reviewed"])
    reviewer = facts.condition(content, condition).get("clinical_reviewer")
    if reviewer:
        assert reviewer["name"] in json.dumps(data.get("reviewedBy"), ensure_ascii=False)


@pytest.mark.parametrize("source, clinic, condition, lang", _cases(), indirect=["source"])
def test_the_leaflet_prints_every_word_of_the_glossary(source, clinic, condition, lang):
    out, content = source
    glossary = facts.texts(content, condition, lang).get("glossary") or {}
    leaflet = out / clinic / condition / lang / f"{condition}_{lang}_leaflet.pdf"
    raw = pdftotext(leaflet)
    text = "".join(raw.split()).replace("-", "").replace("\u00ad", "")
    if facts.right_to_left(content, lang):  # no hyphenation; a reader's own order for punctuation
        for term, explanation in glossary.items():
            assert holds(raw, f"{term} {explanation}", True), term
        assert not glossary or holds(raw, facts.labels(content, lang)["glossary"], True)
        return
    for term, explanation in glossary.items():
        for words in (term, explanation):
            assert "".join(facts.plain(words).split()).replace("-", "") in text, (term, words)
    if glossary:
        assert "".join(facts.labels(content, lang)["glossary"].split()) in text


@pytest.mark.parametrize("source, clinic, condition, lang", _cases(), indirect=["source"])
def test_the_decks_notes_name_every_source_of_each_treatment_shown(source, clinic, condition, lang):
    """On every slide whose table shows a treatment, the notes say "Sources" and cite each of its sources."""
    out, content = source
    label = facts.labels(content, lang)["speaker_sources"]
    deck = Presentation(str(out / clinic / condition / lang / f"{condition}_{lang}_deck.pptx"))
    clinician = facts.treatments(content, condition, lang, "clinician")
    seen = set()
    for slide in deck.slides:
        tables = [shape.table for shape in slide.shapes if shape.has_table]
        if not tables:
            continue
        rtl = facts.right_to_left(content, lang)
        shown = {_squeeze(reading_cells(row, rtl)[0].text) for t in tables for row in list(t.rows)[1:]}
        notes = slide.notes_slide.notes_text_frame.text
        for treatment in clinician:
            if not any(name.startswith(treatment["name"]) for name in shown) or not treatment["citations"]:
                continue
            seen.add(treatment["id"])
            assert label in notes, (slide.shapes.title.text, treatment["id"])
            for citation in treatment["citations"]:
                assert _squeeze(citation) in _squeeze(notes), (slide.shapes.title.text, citation)
    assert seen == {t["id"] for t in clinician if t["citations"]}


def _is_draft(content: Path, condition: str, lang: str) -> bool:
    """What the README says makes a DRAFT, read from the YAML: not approved, the next review passed, or
    any text marked needs_review."""
    review = facts.condition(content, condition)["review"]
    marked = "needs_review" in json.dumps(facts.texts(content, condition, lang), default=str)
    return review["status"] != "approved" or str(review["next_review"]) < TODAY or marked


@pytest.mark.parametrize("source, clinic, condition, lang", _cases(), indirect=["source"])
def test_the_page_shows_the_draft_banner_exactly_when_the_content_is_a_draft(source, clinic, condition, lang):
    out, content = source
    banners = [e for e in _page(out, clinic, condition, lang).iter() if "draft-banner" in (e.get("class") or "")]
    assert bool(banners) == _is_draft(content, condition, lang)
    if banners:
        assert facts.labels(content, lang)["draft"] in element_text(banners[0])


@pytest.mark.parametrize("source, clinic, condition, lang", _cases(), indirect=["source"])
def test_every_leaflet_page_counts_the_pages_there_are(source, clinic, condition, lang):
    from support.tools import pdfinfo

    out, content = source
    leaflet = out / clinic / condition / lang / f"{condition}_{lang}_leaflet.pdf"
    pages = int(pdfinfo(leaflet)["Pages"])
    pattern = facts.labels(content, lang)["page_of"]
    for page in range(1, pages + 1):
        footer = pattern.replace("{page}", str(page)).replace("{pages}", str(pages))
        assert _squeeze(footer) in _squeeze(pdftotext(leaflet, first=page, last=page)), (page, footer)


# The sizes the README promises for leafdeck's own template ("The deck"): body text 20 or 18 pt, titles 32
# or 28 pt, the comparison tables 20 down to 14 pt, notes and footer 12 pt; a size outside these was never
# measured.
BODY, TITLES, TABLES = {20.0, 18.0}, {32.0, 28.0}, {20.0, 18.0, 16.0, 14.0}


@pytest.mark.parametrize("source, clinic, condition, lang", _cases(), indirect=["source"])
def test_the_deck_writes_only_the_sizes_it_measures_with(source, clinic, condition, lang):
    out, _ = source
    deck = Presentation(str(out / clinic / condition / lang / f"{condition}_{lang}_deck.pptx"))
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            sizes = set()
            if shape.has_text_frame:
                sizes = {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size}
            if getattr(shape, "has_table", False) and shape.has_table:
                cells = [c for row in shape.table.rows for c in row.cells]
                sizes = {r.font.size.pt for c in cells for p in c.text_frame.paragraphs for r in p.runs}
                assert sizes <= TABLES, (number, shape.name, sizes)
                continue
            if number > 1 and shape == slide.shapes.title:
                assert sizes <= TITLES, (number, sizes)
            elif shape.is_placeholder and number > 1:
                assert sizes <= BODY, (number, shape.name, sizes)


def _alts(content: Path, condition: str, lang: str) -> set[str]:
    return {facts.plain(words["alt"]) for words in (facts.texts(content, condition, lang).get("images") or {}).values()}


@pytest.mark.parametrize("source, clinic, condition, lang", _cases(), indirect=["source"])
def test_every_picture_carries_its_contents_alt_text_word_for_word(source, clinic, condition, lang):
    """Each picture of the page and the deck says what the content's ``alt`` says (the logo: the clinic's
    name), not merely something."""
    out, content = source
    alts = _alts(content, condition, lang)
    clinic_name = facts.read(content / "clinics" / f"{clinic}.yaml")["name"]
    page_alts = {img.get("alt") for img in all_of(_page(out, clinic, condition, lang), "img")}
    assert page_alts - {""} <= alts and (page_alts - {""} or not alts), page_alts
    deck = Presentation(str(out / clinic / condition / lang / f"{condition}_{lang}_deck.pptx"))
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.shape_type == 13:  # a picture
                descr = shape._element.nvPicPr.cNvPr.get("descr")
                assert descr in alts | {clinic_name}, (slide.shapes.title.text, descr)


@pytest.mark.parametrize("source, clinic, condition, lang", _cases(), indirect=["source"])
def test_links_to_other_languages_carry_each_languages_own_tag(source, clinic, condition, lang):
    out, content = source
    for link in all_of(_page(out, clinic, condition, lang), "a"):
        if link.get("hreflang"):
            other = link.get("href").split("/")[-2]
            tag_of = facts.labels(content, other)["language_tag"]
            assert link.get("hreflang") == tag_of and link.get("lang") == tag_of, (link.get("href"), tag_of)
