"""The deck as LibreOffice Impress draws it: no word outside its shape or off the slide.

leafdeck sizes slide text with its own measuring model (``render/pptx/measure.py``); these tests do not trust
it. Every shipped deck is converted to PDF by LibreOffice, every word's box is read back with
poppler, and each shape's words must lie inside that shape's rectangle (python-pptx's geometry,
placeholders' inherited positions included), and every word inside the slide. A text model that
measures too narrow makes LibreOffice wrap more lines than planned, and the last lines fall out of
their box.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter

import pytest
from pptx import Presentation
from pptx.util import Emu

from support import facts
from support.content import CONTENT, output_file, shipped_clinics, shipped_variants
from support.tools import _tool, words

pytestmark = pytest.mark.slow_reader  # judged by LibreOffice: not rerun by test_content_agnostic.py

VARIANTS = shipped_variants()
TOLERANCE = 2.0  # points: poppler's glyph boxes include the font's ascent and descent


@pytest.fixture(scope="module")
def judged(outputs, tmp_path_factory):
    """{(clinic, condition, lang): LibreOffice's PDF of that deck}, one conversion run per clinic."""
    found = {}
    for clinic in shipped_clinics():
        decks = [output_file(outputs, c, condition, lang, "deck") for c, condition, lang in VARIANTS if c == clinic]
        out = tmp_path_factory.mktemp(f"impress-{clinic}")
        result = subprocess.run(
            [
                _tool("libreoffice"),
                f"-env:UserInstallation=file://{out / 'profile'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *map(str, decks),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        for c, condition, lang in VARIANTS:
            if c == clinic:
                pdf = out / f"{condition}_{lang}_deck.pdf"
                assert pdf.exists(), result.stdout + result.stderr
                found[(c, condition, lang)] = pdf
    return found


def _squeeze(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFC", text))


def _pieces(text: str) -> list[str]:
    """A word cut after each dash or slash, where a renderer may also break the line, and at an apostrophe
    (left out), where poppler may end a word drawn in two fonts (ከምኡ’ውን: Ethiopic letters, a Latin ’)."""
    return [p for word in text.split() for p in re.split(r"(?<=[\-–—/])|[’']", _squeeze(word)) if p]


def _letters(piece: str) -> list[str]:
    return [c for c in piece if c.isalnum()]


def _tokens(shape) -> list[str]:
    """The words a shape shows: its text runs (fields such as the slide number are left out, as
    their text is filled in by the application)."""
    if shape.has_text_frame:
        frames = [shape.text_frame]
    elif getattr(shape, "has_table", False) and shape.has_table:
        frames = [cell.text_frame for row in shape.table.rows for cell in row.cells]
    else:
        return []
    return [piece for frame in frames for p in frame.paragraphs for r in p.runs for piece in _pieces(r.text)]


def _rect(shape) -> tuple[float, float, float, float]:
    pt = Emu(1).pt
    return (shape.left * pt, shape.top * pt, (shape.left + shape.width) * pt, (shape.top + shape.height) * pt)


@pytest.mark.parametrize("clinic,condition,lang", VARIANTS)
def test_every_word_lies_inside_its_shape_and_the_slide(outputs, judged, clinic, condition, lang):
    deck = Presentation(str(output_file(outputs, clinic, condition, lang, "deck")))
    slide_w, slide_h = Emu(deck.slide_width).pt, Emu(deck.slide_height).pt
    rtl = facts.right_to_left(CONTENT, lang)
    drawn = words(judged[(clinic, condition, lang)])
    # Right to left, a shape's text is known by its letters and digits, counted: poppler gives them as
    # LibreOffice draws them (a word cut where a letter does not join the next, a ligature's letters in reading
    # order inside a word given backwards, a date's parts reordered). A word outside its box still lacks.
    key = _letters if rtl else (lambda piece: [piece])
    assert max(w.page for w in drawn) == len(deck.slides), "LibreOffice drew another number of slides"
    for number, slide in enumerate(deck.slides, start=1):
        on_slide = [w for w in drawn if w.page == number]
        title = slide.shapes.title.text if slide.shapes.title else f"slide {number}"
        for w in on_slide:
            assert w.inside(0, 0, slide_w, slide_h, TOLERANCE), f"slide {number} ({title}): {w} is off the slide"
        for shape in slide.shapes:
            expected = Counter(k for piece in _tokens(shape) for k in key(piece))
            if not expected:
                continue
            x0, y0, x1, y1 = _rect(shape)
            inside = Counter(
                k for w in on_slide if w.inside(x0, y0, x1, y1, TOLERANCE) for p in _pieces(w.text) for k in key(p)
            )
            missing = expected - inside
            outside = [w for w in on_slide if {k for p in _pieces(w.text) for k in key(p)} & set(missing)]
            assert not missing, (
                f"slide {number} ({title}), shape '{shape.name}': "
                f"{sorted(missing)[:6]} drawn outside its box {tuple(round(v) for v in (x0, y0, x1, y1))}: "
                f"{outside[:4]}"
            )
