"""Text handed to reportlab: escaping, unbreakable labels and hyphenation."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from generator.render.pdf.text import NBSP, label, phone
from generator.assets.hyphenation import hyphenator
from generator.assets.fonts import register_reportlab


def _lines(text: str, width: float, lang: str = "en-US") -> list[str]:
    fonts = register_reportlab()
    style = ParagraphStyle("t", fontName=fonts["regular"], fontSize=12, leading=14, hyphenationLang=hyphenator(lang),
                           embeddedHyphenation=2, hyphenationMinWordLength=5)
    para = Paragraph(text, style)
    para.wrap(width, 1000)
    lines = []
    for line in para.blPara.lines:
        if hasattr(line, "words"):   # a paragraph with several runs: fragments carry their spaces
            lines.append("".join(fragment.text for fragment in line.words))
        else:                        # a plain paragraph: (width, words)
            lines.append(" ".join(line[1]))
    return lines


def test_a_word_with_its_own_hyphen_breaks_there_once():
    pairs = list(hyphenator("en-US")("Blood-thinning"))
    assert ("Blood-", "thinning") in pairs
    assert not [tail for _, tail in pairs if tail.startswith("-")]
    # In a paragraph with bold runs (several fragments), no line may start with a hyphen.
    for width in range(60, 200, 4):
        lines = _lines("<b>Not if:</b> Stomach ulcer or kidney disease. Blood-thinning medicines.", width)
        assert not [line for line in lines if line.startswith("-")], (width, lines)


def test_norwegian_compounds_hyphenate():
    lines = _lines("Blodfortynnende medisiner", 70, "nb-NO")
    assert lines[0].endswith("-") and len(lines) > 1


def test_labels_and_phone_numbers_do_not_break():
    assert label("Ikke ved:") == f"Ikke{NBSP}ved:"
    assert phone("+47 00 00 00 00") == f"+47{NBSP}00{NBSP}00{NBSP}00{NBSP}00"
    assert label("<b>") == "&lt;b&gt;"
