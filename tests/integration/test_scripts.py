"""Every script leafdeck draws, judged by independent readers (tests/fixtures/scripts: one small condition in
English, Ukrainian, Tigrinya, Arabic and Urdu, each with numbers, a bracketed Latin term and an e-mail
address inside its sentences; Urdu is not a shipped language, added the way the README says).

Expected values come from the fixture's YAML (``support.facts``), the direction of each language from the
Unicode data of its name (``fontTools.unicodedata``, not leafdeck's code); actual values from poppler
(``pdftotext``, ``pdffonts``), the pdfua checker, python-pptx and html5lib.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from fontTools import unicodedata as ucd

from generator.cli import main
from support import facts
from support.content import FIXTURES, TODAY
from support.tools import pdffonts, pdftotext, words
from support.tools import words as word_boxes  # the test below names its YAML texts "words"

SCRIPTS = FIXTURES / "scripts"
LANGUAGES = facts.condition(SCRIPTS / "content", "scripts")["languages"]
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("scripts") / "project"
    shutil.copytree(SCRIPTS, root)
    code = main(
        [
            "--content", str(root / "content"), "--images", str(root / "images"), "--out", str(root / "output"),
            "--product", "leaflet,brochure,deck,page,web", "--jobs", "1", "--today", TODAY,
        ]
    )  # fmt: skip
    assert code == 0
    return root / "output" / "default"


def _rtl(lang: str) -> bool:
    """Right to left by the Unicode data of the language's own name (its labels' language_name)."""
    name = facts.labels(SCRIPTS / "content", lang)["language_name"]
    scripts = {ucd.script(c) for c in name if unicodedata.category(c).startswith("L")}
    return any(ucd.script_horizontal_direction(s, "LTR") == "RTL" for s in scripts)


def _words(text: str) -> list[str]:
    """The words of ``text``, letters only: bidi controls, vowel marks (poppler puts a mark drawn above its
    letter on a line of its own) and punctuation left out, so the order of the words is what is compared."""
    text = unicodedata.normalize("NFC", text.translate(BIDI_CONTROLS))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    found = []
    for token in re.findall(r"[^\W\d_]+|\d+", text):
        # A Latin word and an Arabic one with no space between them are two words (poppler may lose the space
        # where the direction changes).
        found += _by_script(token)
    return found


def _by_script(token: str) -> list[str]:
    parts = [token[0]]
    for before, char in zip(token, token[1:]):
        if ucd.script(char) != ucd.script(before):
            parts.append(char)
        else:
            parts[-1] += char
    return parts


def _contains(haystack: list[str], needle: list[str]) -> bool:
    return any(haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


def _pdf(built: Path, lang: str, product: str) -> Path:
    return built / "scripts" / lang / f"scripts_{lang}_{product}.pdf"


@pytest.mark.parametrize("product", ["leaflet", "brochure", "leaflet_web"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_text_layer_reads_the_content_in_reading_order(built, lang, product):
    """Copy, search and screen readers get the content's own letters in logical order, in every script:
    the first paragraph, every treatment's name and its first contraindication."""
    text = _words(pdftotext(_pdf(built, lang, product), order="reading"))
    words = facts.texts(SCRIPTS / "content", "scripts", lang)
    paragraph = next(b["p"] for s in words["sections"] for b in s["patient"] if "p" in b)
    expected = [paragraph] + [t["name"] for t in words["treatments"]]
    expected += [t["patient"]["contraindications"][0] for t in words["treatments"]]
    for passage in expected:
        assert _contains(text, _words(facts.plain(passage))), (lang, passage, text[:40])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lines_start_on_their_languages_side_and_the_table_with_its_first_column(built, lang):
    """A paragraph's lines share their start edge: the right one in a right-to-left language, the left one
    otherwise; the comparison table's treatment column is on that side too."""
    rtl = _rtl(lang)
    words = facts.texts(SCRIPTS / "content", "scripts", lang)
    paragraph = _words(next(b["p"] for s in words["sections"] for b in s["patient"] if "p" in b))
    # The paragraph as poppler's layout analysis groups it: the block holding its words.
    block = max(_blocks(_pdf(built, lang, "leaflet")), key=lambda b: sum(w in paragraph for _, _, ws in b for w in ws))
    assert len(block) >= 2, "the fixture's first paragraph should run over two lines at least"
    starts = [x1 if rtl else x0 for x0, x1, _ in block]
    ends = [x0 if rtl else x1 for x0, x1, _ in block]
    assert max(starts) - min(starts) < 1.5, starts  # one start edge
    assert max(ends) - min(ends) > 5, ends  # ragged at the other
    name = _words(facts.plain(words["treatments"][1]["name"]))[0]
    indication = _words(facts.plain(words["treatments"][1]["patient"]["indications"][0]))[0]
    everywhere = word_boxes(_pdf(built, lang, "leaflet"))
    # The table's row: the treatment's name and its first indication start on one line (cells align at the top).
    name_x, indication_x = next(
        (n.x0, i.x0)
        for n in everywhere
        if _word(n) == name
        for i in everywhere
        if _word(i) == indication and i.page == n.page and abs(i.y0 - n.y0) < 2
    )
    assert (name_x > indication_x) if rtl else (name_x < indication_x), (name, indication)


def _blocks(pdf: Path) -> list[list[tuple[float, float, list[str]]]]:
    """Page 1's blocks as ``pdftotext -bbox-layout`` finds them: each a list of lines (left, right, words)."""
    import html

    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    blocks = []
    for block in re.findall(r"<block .*?</block>", out, re.S):
        lines = []
        for x0, x1, body in re.findall(
            r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)".*?>(.*?)</line>', block, re.S
        ):
            texts = [html.unescape(t) for t in re.findall(r"<word [^>]*>(.*?)</word>", body)]
            lines.append((float(x0), float(x1), [w for t in texts for w in _words(t)]))
        blocks.append(lines)
    return blocks


def _word(box) -> str | None:
    """A word's letters as written: poppler's word boxes hold a right-to-left word in drawing order."""
    found = _words(box.text)
    if not found:
        return None
    word = found[0]
    rtl = any(unicodedata.bidirectional(c) in ("R", "AL") for c in word)
    return word[::-1] if rtl and not any(unicodedata.category(c) == "Mn" for c in box.text) else word


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_font_is_embedded_and_each_script_has_its_own(built, lang):
    fonts = [row for product in ("leaflet", "brochure") for row in pdffonts(_pdf(built, lang, product))]
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # emb
    names = " ".join(row[0] for row in fonts)
    script = {ucd.script(c) for c in facts.labels(SCRIPTS / "content", lang)["language_name"] if c.isalpha()}
    if "Ethi" in script:
        assert "NotoSansEthiopic" in names
    elif "Arab" in script:
        assert "IBMPlexSansArabic" in names
    else:
        assert "FiraSans" in names


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_accessible_pdfs_pass_the_checker_in_every_script(built, lang):
    from integration.render.pdf.test_accessible_pdf import _pdfua

    checker = _pdfua()
    assert checker, "pdfua is a test dependency: pip install -e '.[test]'"
    for product in ("leaflet_web", "brochure_web"):
        done = subprocess.run([*checker, "check", str(_pdf(built, lang, product))], capture_output=True, text=True)
        assert done.returncode == 0 and "result: PASS" in done.stdout, done.stdout


# -- the deck --------------------------------------------------------------------------------------------

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _deck(built: Path, lang: str):
    from pptx import Presentation

    return Presentation(str(built / "scripts" / lang / f"scripts_{lang}_deck.pptx"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_deck_paragraphs_run_in_their_languages_direction_with_its_tag_and_font(built, lang):
    rtl = _rtl(lang)
    tag = facts.labels(SCRIPTS / "content", lang)["language_tag"]
    paragraphs = runs = 0
    for slide in _deck(built, lang).slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if getattr(shape, "has_table", False) and shape.has_table:
                frames = [c.text_frame for row in shape.table.rows for c in row.cells]
            for frame in frames:
                for p in frame.paragraphs:
                    if not p.text.strip():
                        continue
                    paragraphs += 1
                    p_pr = p._p.pPr
                    # Flagged right to left where it has a right-to-left letter (a Latin citation keeps its own
                    # direction), every paragraph aligned with the language.
                    own = any(unicodedata.bidirectional(c) in ("R", "AL") for c in p.text)
                    assert (p_pr is not None and p_pr.get("rtl") == "1") == (rtl and own), p.text
                    assert (p_pr is not None and p_pr.get("algn") == "r") == rtl, p.text
                    for r in p.runs:
                        runs += 1
                        assert r._r.rPr.get("lang") == tag
                        if any(ucd.script(c) in ("Arab", "Ethi") for c in r.text):
                            assert r._r.rPr.find(f"{A}cs") is not None, r.text  # its letters' own font named
    assert paragraphs > 10 and runs > 10


@pytest.mark.parametrize("lang", LANGUAGES)
def test_deck_tables_start_with_the_treatment_on_the_languages_side(built, lang):
    treatment = facts.labels(SCRIPTS / "content", lang)["treatment"]
    tables = [s for slide in _deck(built, lang).slides for s in slide.shapes if getattr(s, "has_table", False)]
    assert tables
    for table in tables:
        header = [c.text for c in table.table.rows[0].cells]
        assert header[-1 if _rtl(lang) else 0] == treatment, header


@pytest.mark.slow_reader
@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_libreoffice_draws_the_deck_in_the_named_fonts_and_right_to_left_text_from_the_right(built, lang, tmp_path):
    """LibreOffice (with the fonts `make` installs) draws the letters in their family, never a fallback, and a
    right-to-left paragraph starts at its shape's right edge."""
    from support.tools import libreoffice_pdf

    deck_path = built / "scripts" / lang / f"scripts_{lang}_deck.pptx"
    pdf = libreoffice_pdf(deck_path, tmp_path)
    names = " ".join(row[0] for row in pdffonts(pdf))
    script = {ucd.script(c) for c in facts.labels(SCRIPTS / "content", lang)["language_name"] if c.isalpha()}
    if "Arab" in script:
        assert "IBMPlexSansArabic" in names, names
    if "Ethi" in script:
        assert "NotoSansEthiopic" in names, names
    deck = _deck(built, lang)
    sections = facts.texts(SCRIPTS / "content", "scripts", lang)["sections"]
    paragraph = _words(facts.plain(next(b["p"] for s in sections for b in s["clinician"] if "p" in b)))
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or _words(shape.text_frame.text)[:3] != paragraph[:3]:
                continue
            left, right = shape.left / 12700, (shape.left + shape.width) / 12700
            drawn = [w for w in words(pdf) if w.page == number and left - 2 <= w.x0 and w.x1 <= right + 2]
            start_gap = right - max(w.x1 for w in drawn) if _rtl(lang) else min(w.x0 for w in drawn) - left
            end_gap = min(w.x0 for w in drawn) - left if _rtl(lang) else right - max(w.x1 for w in drawn)
            assert start_gap < 12 and start_gap < end_gap, (lang, start_gap, end_gap)
            return
    raise AssertionError("the fixture's first clinician paragraph is on no slide")


# -- the web page ------------------------------------------------------------------------------------------


def _page(built: Path, lang: str) -> Path:
    return built / "site" / "scripts" / lang / "index.html"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_says_its_direction_and_marks_links_that_run_the_other_way(built, lang):
    from support.tools import all_of, html_tree

    tree = html_tree(_page(built, lang))
    rtl = _rtl(lang)
    assert tree.get("dir") == ("rtl" if rtl else None)
    links = [a for a in all_of(tree, "a") if a.get("hreflang")]
    assert links
    for a in links:
        other = next(
            code for code in LANGUAGES if facts.labels(SCRIPTS / "content", code)["language_tag"] == a.get("hreflang")
        )
        expected = None if _rtl(other) == rtl else ("rtl" if _rtl(other) else "ltr")
        assert a.get("dir") == expected, (lang, other, a.get("dir"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pages_own_fonts_have_every_character_it_shows(built, lang):
    """Read with fontTools, not by leafdeck: each face shipped beside the page covers every character of its
    visible text, so no reader without the script's fonts sees holes."""
    from fontTools.ttLib import TTFont

    from support.tools import html_tree

    tree = html_tree(_page(built, lang))
    body = tree.find("{http://www.w3.org/1999/xhtml}body")
    visible = {c for c in "".join(body.itertext()) if not c.isspace() and unicodedata.category(c)[0] != "C"}
    faces = sorted(_page(built, lang).parent.glob("*.woff2"))
    assert faces
    for weight in ("regular", "bold"):  # the browser takes a letter from the first family of the stack that has it
        covered = {
            c for face in faces if face.name.endswith(f"-{weight}.woff2") for c in TTFont(str(face)).getBestCmap()
        }
        missing = sorted(c for c in visible if ord(c) not in covered)
        assert not missing, (weight, missing[:10])


@pytest.mark.slow_reader
def test_every_script_reflows_at_320_px_without_sideways_scrolling_and_passes_axe(built):
    from support.browser import chromium, missing

    if missing():
        pytest.fail(missing())
    overflow = """
    const off = [...document.querySelectorAll('body *')]
      .filter(e => { const r = e.getBoundingClientRect(); return r.right > innerWidth + 0.5 || r.left < -0.5; })
      .filter(e => !e.closest('.visually-hidden, thead, .skip-link'));
    const callout = getComputedStyle(document.querySelector('.callout'));
    const caption = getComputedStyle(document.querySelector('caption'));
    const tel = document.querySelector('a[href^="tel:"]').firstChild, range = document.createRange();
    const left = i => { range.setStart(tel, i); range.setEnd(tel, i + 1); return range.getBoundingClientRect().left; };
    const source = document.querySelector('ol.sources li');
    return {phone: left(1) < left(tel.length - 1), source: getComputedStyle(source).direction,
            scroll: document.documentElement.scrollWidth, width: innerWidth, dir: document.dir,
            rule: {left: callout.borderLeftWidth, right: callout.borderRightWidth},
            align: caption.textAlign, direction: getComputedStyle(document.body).direction,
            loaded: [...document.fonts].filter(f => f.status === 'loaded').length,
            off: off.slice(0, 3).map(e => e.tagName + ': ' + e.textContent.slice(0, 30))};
    """
    with chromium() as browser:
        for lang in LANGUAGES:
            browser.open(_page(built, lang), 320, 640)
            found = browser.js(overflow)
            assert found["scroll"] <= found["width"] and not found["off"], (lang, found)
            assert found["dir"] == ("rtl" if _rtl(lang) else ""), (lang, found["dir"])
            assert found["loaded"] >= 1, lang  # its own fonts, from its folder
            # The page mirrors itself: the callout's rule and the table's caption on the side the text starts.
            start, end = ("right", "left") if _rtl(lang) else ("left", "right")
            assert found["rule"][start] != "0px" and found["rule"][end] == "0px", (lang, found["rule"])
            assert found["direction"] == ("rtl" if _rtl(lang) else "ltr")
            assert found["phone"], lang  # the phone number's first digit left of its last, in every direction
            assert found["source"] == "ltr", lang  # a Latin citation ("A Book. 2020.") reads left to right
            violations = browser.axe()
            assert not violations, (lang, [v["id"] for v in violations])


def test_the_shipped_arabic_leaflet_reads_back_in_reading_order(outputs):
    """Heel spur in Arabic, as shipped: the leaflet's title, subtitle and summary read back whole in reading
    order, each treatment's name word by word (poppler may put a space where a letter does not join the
    next: spaces are not compared)."""
    from support.content import CONTENT, output_file

    leaflet = output_file(outputs, "default", "heel-spur", "ar", "leaflet")
    text = "".join(pdftotext(leaflet, order="reading").split()).translate(BIDI_CONTROLS)
    words = facts.texts(CONTENT, "heel-spur", "ar")
    for name in (t["name"] for t in words["treatments"]):  # a table cell: each word, in whatever line
        assert all(w in text for w in _words(facts.plain(name))), name


def test_a_right_to_left_pdf_has_the_same_bytes_whatever_its_process_built_before(tmp_path):
    """A shaped glyph with no character of its own is written with a private-use code: numbered by the font
    alone, not in the order a process first meets such glyphs. Built alone, and after another clinic's
    Arabic leaflet in the same process, the leaflet is byte for byte the same. Separate processes: the test
    process itself has shaped text already."""
    import sys

    from support.content import CONTENT, IMAGES

    root = Path(__file__).parents[2]
    common = ["--content", str(CONTENT), "--images", str(IMAGES), "--lang", "ar", "--product", "leaflet"]
    common += ["--condition", "heel-spur", "--jobs", "1", "--today", TODAY]
    for out, clinics in (("alone", "fjordhelse"), ("after", "default,fjordhelse")):
        done = subprocess.run(
            [sys.executable, str(root / "generate.py"), *common, "--clinic", clinics, "--out", str(tmp_path / out)],
            capture_output=True,
            text=True,
            cwd=root,
        )
        assert done.returncode == 0, done.stderr
    leaflet = "fjordhelse/heel-spur/ar/heel-spur_ar_leaflet.pdf"
    assert (tmp_path / "alone" / leaflet).read_bytes() == (tmp_path / "after" / leaflet).read_bytes()
